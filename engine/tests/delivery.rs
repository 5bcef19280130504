//! The outbox and the hub on loopback: with the hub down, visitors still get receipts; when it
//! comes back, every submission arrives once, also after a send whose acknowledgement was lost;
//! a hub answering 500 keeps everything in the outbox.

use minwon_core::Timestamp;
use minwon_engine::{Kiosk, KioskConfig, ManualClock};
use minwon_hub::{Hub, HubConfig};
use std::sync::Arc;

mod common;
use common::{lost_wallet, serve, T0};

#[test]
fn with_the_hub_down_receipts_are_issued_and_everything_arrives_once_later() {
    let dir = tempfile::tempdir().expect("temp dir");
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().expect("addr").port();
    let url = format!("https://127.0.0.1:{port}");
    let hub = Hub::open(HubConfig::new(dir.path().join("hub"))).expect("hub");
    let enrolment = hub.enrol("kiosk-1", "jongno", &url, "test").expect("enrolled");
    let mut config = KioskConfig::new(dir.path().join("kiosk"));
    config.enrol(&enrolment);
    let k = Kiosk::open(config, Arc::new(ManualClock::new(Timestamp(T0)))).expect("opens");

    // The hub is down: three visitors still get their receipts.
    let receipts: Vec<String> =
        ["Nguyễn Thị Lan", "Trần Văn Minh", "Kim Min-su"].iter().map(|n| lost_wallet(&k, n)).collect();
    assert_eq!(receipts, ["A-0001", "A-0002", "A-0003"]);
    assert_eq!(k.deliver_now(), Err("sync.unreachable".into()));
    assert_eq!(k.outbox_depth().expect("depth"), 3);

    // A hub that answers 500: nothing is lost, nothing deleted.
    {
        let broken = axum::Router::new().route(
            "/api/v1/submissions",
            axum::routing::post(|| async { axum::http::StatusCode::INTERNAL_SERVER_ERROR }),
        );
        let _down = serve(broken, port, hub.tls());
        assert_eq!(k.deliver_now(), Err("sync.hub-error".into()));
        assert_eq!(k.outbox_depth().expect("depth"), 3);
    }

    // The real hub comes back: all three arrive, and only the hub's agency key opens them.
    let _hub = serve(hub.router(), port, hub.tls());
    assert_eq!(k.deliver_now(), Ok(3));
    assert_eq!(k.outbox_depth().expect("depth"), 0);
    let count = || hub.with_store(|s| s.count()).expect("store").expect("count");
    assert_eq!(count(), 3);
    let stored = hub.with_store(|s| s.submissions(None, 10)).expect("store").expect("rows");
    let mut names: Vec<String> = stored
        .iter()
        .map(|row| {
            let opened =
                minwon_hub::reading::open(hub.agency_key(), &hub.vouch(), row).expect("the agency key opens it");
            opened.answers.iter().find(|a| a.0 == "name").expect("a name").1.clone()
        })
        .collect();
    names.sort();
    assert_eq!(names, ["Kim Min-su", "Nguyễn Thị Lan", "Trần Văn Minh"]);
    let mut receipts_at_hub: Vec<String> = stored.iter().filter_map(|r| r.receipt.clone()).collect();
    receipts_at_hub.sort();
    assert_eq!(receipts_at_hub, receipts, "staff find a visitor's submission by the number on her receipt");

    // A send whose acknowledgement never came back (the kiosk died before deleting): sent again,
    // acknowledged as a duplicate, deleted; the hub still holds it once.
    lost_wallet(&k, "Lê Thị Hoa");
    let link = minwon_engine::delivery::HubLink::new(&url, "kiosk-1", &enrolment.token, &enrolment.hub_cert)
        .expect("an https link");
    let batch = k.with_outbox(|o| link.take(o, 10)).expect("reads").expect("one waits");
    assert_eq!(link.send(&batch).expect("sent")[0].status, minwon_core::wire::AckStatus::Stored);
    assert_eq!(k.outbox_depth().expect("depth"), 1, "not settled: as if the kiosk died here");
    assert_eq!(k.deliver_now(), Ok(1));
    assert_eq!(k.outbox_depth().expect("depth"), 0);
    assert_eq!(count(), 4, "exactly once");
    assert!(k.effect_log().iter().any(|e| e == "sync-failed:sync.unreachable"));

    // Another kiosk's token, or none, is shut out; the outbox keeps the submission.
    lost_wallet(&k, "Phạm Văn Đức");
    let impostor =
        minwon_engine::delivery::HubLink::new(&url, "kiosk-1", "0000", &enrolment.hub_cert).expect("an https link");
    let batch = k.with_outbox(|o| impostor.take(o, 10)).expect("reads").expect("one waits");
    assert_eq!(impostor.send(&batch), Err("sync.not-enrolled"));
    assert_eq!(count(), 4);
    assert_eq!(k.sync_now(), Ok(1), "the kiosk's own token works");
}
