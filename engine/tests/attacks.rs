//! The kiosk–hub link attacked from the office network (ARCHITECTURE.md, "Threat model"): a person
//! in the middle who acknowledges without forwarding, a hub with another certificate, an
//! acknowledgement for other bytes, a forged bundle offer claiming the highest version, another
//! group's bundle replayed, an enrolment in clear. Each must fail, and nothing may be lost.

mod common;

use common::{lost_wallet, serve};
use minwon_core::Timestamp;
use minwon_engine::{Kiosk, KioskConfig, ManualClock};
use minwon_hub::{Hub, HubConfig};
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().expect("addr").port()
}

/// A hub (not yet serving) on a free port, and a kiosk enrolled with it.
struct Link {
    dir: tempfile::TempDir,
    port: u16,
    hub: Hub,
    config: KioskConfig,
    clock: Arc<ManualClock>,
    k: Kiosk,
}

fn link() -> Link {
    let dir = tempfile::tempdir().expect("temp dir");
    let port = free_port();
    let hub = Hub::open(HubConfig::new(dir.path().join("hub"))).expect("hub");
    let enrolment = hub.enrol("kiosk-1", "jongno", &format!("https://127.0.0.1:{port}"), "test").expect("enrolled");
    let clock = Arc::new(ManualClock::new(Timestamp(minwon_hub::now_ms())));
    let mut config = KioskConfig::new(dir.path().join("kiosk"));
    config.enrol(&enrolment);
    let k = Kiosk::open(config.clone(), clock.clone()).expect("opens");
    Link { dir, port, hub, config, clock, k }
}

/// Answers every batch with "stored" for each id, forwarding nothing (the finding's proxy).
fn acks_everything(sha256: &'static str) -> axum::Router {
    axum::Router::new().route(
        "/api/v1/submissions",
        axum::routing::post(move |axum::Json(batch): axum::Json<serde_json::Value>| async move {
            let acks: Vec<serde_json::Value> = batch["submissions"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|s| json!({ "id": s["id"], "status": "stored", "received": 1, "sha256": sha256 }))
                .collect();
            axum::Json(json!({ "acks": acks }))
        }),
    )
}

#[test]
fn a_person_in_the_middle_can_neither_swallow_a_submission_nor_pass_for_the_hub() {
    let Link { dir, port, hub, config, clock, k } = link();
    assert_eq!(lost_wallet(&k, "Nguyễn Thị Lan"), "A-0001");

    // On the hub's address: a proxy with a certificate of its own, acknowledging without forwarding.
    let impostor = Hub::open(HubConfig::new(dir.path().join("impostor"))).expect("another certificate");
    {
        let _mitm = serve(acks_everything("00"), port, impostor.tls());
        assert_eq!(k.deliver_now(), Err("sync.hub-certificate".into()));
        assert_eq!(k.sync_now(), Err("sync.hub-certificate".into()));
    }
    assert_eq!(k.outbox_depth().expect("depth"), 1, "still queued: the visitor's receipt stands for something");
    assert!(k.effect_log().iter().any(|e| e == "sync-failed:sync.hub-certificate"), "{:?}", k.effect_log());

    // With the hub's own certificate (a hub whose key was taken), an acknowledgement that names
    // other bytes than the kiosk sent deletes nothing.
    {
        let _rogue =
            serve(acks_everything("0000000000000000000000000000000000000000000000000000000000000000"), port, hub.tls());
        assert_eq!(k.deliver_now(), Ok(0));
    }
    assert_eq!(k.outbox_depth().expect("depth"), 1);

    // The real hub: the submission arrives once, under the visitor's receipt number, and the fleet
    // page shows why the kiosk could not deliver before.
    let _hub = serve(hub.router(), port, hub.tls());
    assert_eq!(k.sync_now(), Ok(1));
    assert_eq!(k.outbox_depth().expect("depth"), 0);
    let stored = hub.with_store(|s| s.submissions(None, 10)).expect("store").expect("rows");
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].receipt.as_deref(), Some("A-0001"));
    let fleet = hub.with_store(|s| s.fleet(minwon_hub::now_ms())).expect("store").expect("fleet");
    assert!(fleet[0].flags.contains(&"error"), "{:?}", fleet[0]);
    assert_eq!(fleet[0].status.as_ref().and_then(|s| s.last_error.as_deref()), Some("sync.hub-certificate"));

    // The kiosk's data folder is its user's alone; the outbox and its WAL too.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).expect("exists").permissions().mode() & 0o777;
        assert_eq!(mode(&dir.path().join("kiosk")), 0o700);
        assert_eq!(mode(&dir.path().join("kiosk/outbox.sqlite")), 0o600);
        assert_eq!(mode(&dir.path().join("kiosk/outbox.sqlite-wal")), 0o600);
    }

    // An enrolment that names the hub in clear is refused outright.
    let mut clear = config.clone();
    clear.data_dir = dir.path().join("kiosk-clear");
    clear.hub_url = Some(format!("http://127.0.0.1:{port}"));
    assert_eq!(Kiosk::open(clear, clock).map(|_| ()).map_err(|e| e.code()), Err("sync.not-https"));
}

#[test]
fn a_forged_offer_stops_no_update_and_another_groups_bundle_is_not_replayed() {
    let Link { dir: _dir, port, hub, clock, k, .. } = link();

    // A forged answer (here from behind the hub's own certificate): version 2^64−1, unsigned.
    let rogue = |offer: serde_json::Value, version: u64| {
        axum::Router::new()
            .route("/api/v1/submissions", axum::routing::post(|| async { axum::Json(json!({ "acks": [] })) }))
            .route(
                "/api/v1/heartbeat",
                axum::routing::post(move || async move { axum::Json(json!({ "bundle": version })) }),
            )
            .route("/api/v1/bundles/latest", axum::routing::get(move || async move { axum::Json(offer) }))
    };
    let forged = json!({ "version": u64::MAX, "manifest": format!("version = {}\ncreated = 0\nexpires = {}\nhub = \"{}\"\ngroup = \"jongno\"\n", u64::MAX, u64::MAX, hub.tls().pin()), "signature": "00".repeat(64) });
    {
        let _rogue = serve(rogue(forged, u64::MAX), port, hub.tls());
        let _ = k.sync_now();
    }
    assert!(k.effect_log().iter().any(|e| e == "bundle-refused:bundle.signature"), "{:?}", k.effect_log());
    assert_eq!(k.status().bundle_refused.as_deref(), Some("bundle.signature"), "reported to the fleet");

    // Another group's bundle, validly signed by this hub, replayed to a kiosk of jongno.
    assert_eq!(hub.publish("mapo", "kim", "for another district").expect("published"), 1);
    let (manifest, signature) = hub.publisher().manifest(1).expect("bundle 1");
    clock.advance(Duration::from_secs(10));
    {
        let replay = json!({ "version": 1, "manifest": manifest, "signature": signature });
        let _rogue = serve(rogue(replay, 1), port, hub.tls());
        let _ = k.sync_now();
    }
    assert!(k.effect_log().iter().any(|e| e == "bundle-refused:bundle.other-group"), "{:?}", k.effect_log());
    assert_eq!(k.bundle_versions(), (None, None));

    // The real hub publishes for jongno: the kiosk takes it; the forged version stopped nothing.
    assert_eq!(hub.publish("jongno", "kim", "for us").expect("published"), 2);
    clock.advance(Duration::from_secs(600));
    let _hub = serve(hub.router(), port, hub.tls());
    assert_eq!(k.sync_now(), Ok(0));
    assert_eq!(k.bundle_versions(), (Some(2), None), "{:?}", k.effect_log());
}

#[test]
fn a_submission_the_hub_refuses_is_kept_aside_and_blocks_nothing() {
    let Link { dir, port, hub, k, .. } = link();
    let _hub = serve(hub.router(), port, hub.tls());
    for name in ["Nguyễn Thị Lan", "Trần Văn Minh", "Kim Min-su"] {
        lost_wallet(&k, name);
    }
    // The first row's sealed bytes damaged on the kiosk's disk (or sealed in a format the hub no
    // longer takes): it can never be delivered, and must not stand in front of the others.
    let db = rusqlite::Connection::open(dir.path().join("kiosk/outbox.sqlite")).expect("opens");
    let mut sealed: Vec<u8> =
        db.query_row("SELECT sealed FROM outbox WHERE receipt = 'A-0001'", [], |r| r.get(0)).expect("a row");
    sealed[0] = 2;
    db.execute("UPDATE outbox SET sealed = ?1 WHERE receipt = 'A-0001'", [sealed]).expect("damages");
    drop(db);
    assert_eq!(k.sync_now(), Ok(2), "the other two arrive");
    assert_eq!(k.outbox_depth().expect("depth"), 0, "nothing else waits");
    assert_eq!(k.status().set_aside, 1, "the refused one is kept, set aside, and reported");
    let stored = hub.with_store(|s| s.submissions(None, 10)).expect("store").expect("rows");
    let mut receipts: Vec<_> = stored.iter().filter_map(|r| r.receipt.clone()).collect();
    receipts.sort();
    assert_eq!(receipts, ["A-0002", "A-0003"]);
    k.sync_now().expect("a round");
    let fleet = hub.with_store(|s| s.fleet(minwon_hub::now_ms())).expect("store").expect("fleet");
    assert!(fleet[0].flags.contains(&"outbox-refused"), "{:?}", fleet[0]);
}
