//! The hub and the kiosk engine on loopback: an admin fixes a typo in a spreadsheet and publishes
//! it; the kiosk pulls the bundle, applies it once the visitor on it has left, and the next visitor
//! reads the fix. A tampered file, a key the kiosk does not pin, an older version and an expired
//! manifest are each refused with their reason, reported in the heartbeat and flagged on the fleet
//! page; the kiosk goes on with what it has.

mod common;

use common::{act, serve};
use minwon_core::bundle::{render_manifest, sign, Audience};
use minwon_core::Timestamp;
use minwon_engine::{Kiosk, KioskConfig, ManualClock};
use minwon_hub::publish::FormUpload;
use minwon_hub::xlsx::Sheet;
use minwon_hub::{Hub, HubConfig};
use serde_json::json;
use std::collections::BTreeMap;
use std::sync::Arc;

const OLD: &str = "무엇을 잃어버리셨나요?";
const NEW: &str = "무엇을 잃어버리셨어요?";

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().expect("addr").port()
}

/// The admin's round: download the form as a spreadsheet, change one Korean question, upload it.
fn fix_typo_in_spreadsheet(hub: &Hub) {
    retitle(hub, OLD, NEW);
}

fn retitle(hub: &Hub, from: &str, to: &str) {
    let tree = minwon_hub::publish::check_tree(&hub.publisher().working()).expect("the tree loads");
    let form = tree.catalog.get("lost-item-report").expect("the form");
    let book = minwon_hub::xlsform::export(form, &tree.l10n).expect("exports");
    let mut sheets: Vec<Sheet> = minwon_hub::xlsx::read(&book).expect("reads");
    let survey = &mut sheets[0];
    let ko = survey.rows[0].iter().position(|h| h == "label::한국어 (ko)").expect("a Korean column");
    let cell = survey.rows.iter_mut().find(|r| r[0] == "begin group" && r[1] == "item").expect("the item step");
    assert_eq!(cell[ko], from);
    cell[ko] = to.into();
    let edited = minwon_hub::xlsx::write(&sheets).expect("writes");
    let known = |file: &str| hub.publisher().working().join("assets/sign/ksl").join(file).is_file();
    let upload: FormUpload =
        minwon_hub::xlsform::import(&edited, "library-card.xlsx", &BTreeMap::new(), known).expect("imports");
    assert_eq!(hub.publisher().put_form(&upload), Ok("lost-item-report".into()));
}

fn first_question(k: &Kiosk) -> String {
    act(k, json!({"type": "language", "locale": "ko"}));
    let v = act(k, json!({"type": "service", "id": "lost-item-report"}));
    v["title"].as_str().expect("a title").to_owned()
}

fn leave(k: &Kiosk) {
    act(k, json!({"type": "cancel"}));
    act(k, json!({"type": "confirm_cancel"}));
}

#[test]
fn a_typo_fixed_in_a_spreadsheet_reaches_the_next_visitor_and_bad_bundles_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let port = free_port();
    let url = format!("https://127.0.0.1:{port}");
    let hub = Hub::open(HubConfig::new(dir.path().join("hub"))).expect("hub");
    let _server = serve(hub.router(), port, hub.tls());
    let enrolment = hub.enrol("kiosk-1", "jongno", &url, "test").expect("enrolled");
    let clock = Arc::new(ManualClock::new(Timestamp(minwon_hub::now_ms())));
    let mut config = KioskConfig::new(dir.path().join("kiosk"));
    config.enrol(&enrolment);
    let k = Kiosk::open(config.clone(), clock.clone()).expect("opens");
    assert_eq!(k.sync_now(), Ok(0), "nothing published yet, nothing to send");
    assert_eq!(k.bundle_versions(), (None, None));

    // A visitor is on the form when the fix is published: it waits for her to leave.
    assert_eq!(first_question(&k), OLD);
    fix_typo_in_spreadsheet(&hub);
    assert_eq!(hub.publish("jongno", "kim", "typo in the lost-item form").expect("published"), 1);
    assert_eq!(k.sync_now(), Ok(0));
    assert_eq!(k.bundle_versions(), (None, Some(1)), "stored, not applied mid-visit");
    let v = act(&k, json!({"type": "next", "answers": {"item": "wallet"}}));
    assert_eq!(v["screen"], "step", "her visit goes on undisturbed");
    leave(&k);
    assert_eq!(k.bundle_versions(), (Some(1), None));
    assert_eq!(first_question(&k), NEW, "the next visitor reads the fix");
    leave(&k);
    let audit = hub.with_store(|s| s.audit_log(10)).expect("store").expect("log");
    assert!(audit
        .iter()
        .any(|e| e.action == "publish" && e.admin == "kim" && e.detail.contains("version 1 to jongno")));

    // A visitor calls staff: the alert reaches the hub with the next heartbeat, once.
    act(&k, json!({"type": "language", "locale": "ko"}));
    act(&k, json!({"type": "call_staff"}));
    k.sync_now().expect("a round");
    k.sync_now().expect("another round");
    let alerts = hub.with_store(|s| s.alerts(10)).expect("store").expect("alerts");
    assert_eq!(alerts.len(), 1, "{alerts:?}");
    assert_eq!((alerts[0].kiosk_id.as_str(), alerts[0].screen.as_str()), ("kiosk-1", "service"));
    assert!(k.with_outbox(|o| o.unsent_alerts()).expect("reads").is_empty(), "marked sent");
    act(&k, json!({"type": "cancel"}));

    // A bundle for another group is not offered to this kiosk.
    assert_eq!(hub.publish("mapo", "kim", "another district").expect("published"), 2);
    assert_eq!(k.sync_now(), Ok(0));
    assert_eq!(k.bundle_versions(), (Some(1), None));

    // A file changed on the hub's disk after signing: refused, reported, flagged. (A file the
    // kiosk holds already is not fetched again; this one is new.)
    retitle(&hub, NEW, "무엇을 잃으셨나요?");
    assert_eq!(hub.publish("jongno", "kim", "tampered later").expect("published"), 3);
    let forms_ftl = dir.path().join("hub/bundles/3/files/locales/ko/forms.ftl");
    let mut bytes = std::fs::read(&forms_ftl).expect("reads");
    bytes[3] ^= 0x20;
    std::fs::remove_file(&forms_ftl).expect("replaced, not written into: the tree shares the file");
    std::fs::write(&forms_ftl, bytes).expect("writes");
    k.sync_now().expect("the round itself works");
    assert_eq!(k.bundle_versions(), (Some(1), None));
    assert!(k.effect_log().iter().any(|e| e == "bundle-refused:bundle.file-mismatch"));
    assert_eq!(k.status().bundle_refused.as_deref(), Some("bundle.file-mismatch"));
    k.sync_now().expect("the next round reports it");
    let fleet = hub.with_store(|s| s.fleet(minwon_hub::now_ms())).expect("store").expect("fleet");
    assert!(fleet[0].flags.contains(&"bundle-refused"), "{:?}", fleet[0]);
    assert_eq!(fleet[0].status.as_ref().and_then(|s| s.bundle_version), Some(1));

    // A kiosk that pins another admin key refuses the hub's bundles.
    let mut stranger = KioskConfig::new(dir.path().join("kiosk-2"));
    let mut e2 = hub.enrol("kiosk-2", "jongno", &url, "test").expect("enrolled");
    e2.admin_keys = vec!["11".repeat(32)];
    stranger.enrol(&e2);
    let k2 = Kiosk::open(stranger, clock.clone()).expect("opens");
    k2.sync_now().expect("the round itself works");
    assert!(k2.effect_log().iter().any(|e| e == "bundle-refused:bundle.signature"), "{:?}", k2.effect_log());
    assert_eq!(k2.bundle_versions(), (None, None));

    // A hub that offers an older or an expired bundle, each signed with the real key.
    let key = ed25519_dalek::SigningKey::from_bytes(
        &std::fs::read(dir.path().join("hub/signing.key")).expect("the hub's key").try_into().expect("32 bytes"),
    );
    drop(k);
    let now = minwon_hub::now_ms();
    let files = [("locales/ko/forms.ftl", b"forms-x = x\n".as_slice())];
    for (version, created, expires, code) in
        [(1, now, now + 86_400_000, "bundle.not-newer"), (9, now - 40 * 86_400_000, now - 86_400_000, "bundle.expired")]
    {
        let manifest =
            render_manifest(version, created, expires, Audience { hub: hub.tls().pin(), group: "jongno" }, files);
        let signature = sign(&key, manifest.as_bytes());
        let offer = json!({ "version": version, "manifest": manifest, "signature": signature });
        let rogue_port = free_port();
        let rogue = axum::Router::new()
            .route(
                "/api/v1/heartbeat",
                axum::routing::post(move || async move { axum::Json(json!({ "bundle": version })) }),
            )
            .route("/api/v1/bundles/latest", axum::routing::get(move || async move { axum::Json(offer) }));
        // The hub's own certificate: a hub whose key was taken, answering with its signing key.
        let _rogue = serve(rogue, rogue_port, hub.tls());
        let mut c = config.clone();
        c.hub_url = Some(format!("https://127.0.0.1:{rogue_port}"));
        // The same kiosk, restarted against this hub (its data and bundles stay).
        let k = Kiosk::open(c, clock.clone()).expect("reopens");
        let _ = k.sync_now();
        assert!(k.effect_log().iter().any(|e| e == &format!("bundle-refused:{code}")), "{code}: {:?}", k.effect_log());
        assert_eq!(k.bundle_versions(), (Some(1), None), "{code}: the kiosk keeps bundle 1");
    }
}

/// The address step of the library-card form, and what a search there finds.
fn search_address(k: &Kiosk, text: &str) -> serde_json::Value {
    act(k, json!({"type": "language", "locale": "ko"}));
    act(k, json!({"type": "service", "id": "library-card"}));
    act(k, json!({"type": "next", "answers": {"name": "김민수"}}));
    act(k, json!({"type": "next", "answers": {"birth-date": "1948-03-15"}}));
    act(k, json!({"type": "next", "answers": {"mobile": "01023456789"}}));
    let v = act(k, json!({"type": "address_search", "input": "f-address-search", "text": text}));
    leave(k);
    v["addresses"].clone()
}

#[test]
fn a_provinces_addresses_uploaded_at_the_hub_reach_the_kiosk_once() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let port = free_port();
    let url = format!("https://127.0.0.1:{port}");
    let hub = Hub::open(HubConfig::new(dir.path().join("hub"))).expect("hub");
    let _server = serve(hub.router(), port, hub.tls());
    let enrolment = hub.enrol("kiosk-1", "jongno", &url, "test").expect("enrolled");
    let clock = Arc::new(ManualClock::new(Timestamp(minwon_hub::now_ms())));
    let mut config = KioskConfig::new(dir.path().join("kiosk"));
    config.enrol(&enrolment);
    let k = Kiosk::open(config, clock).expect("opens");
    assert!(search_address(&k, "세종대로")["sample"].is_string(), "the installed sample set says it is one");

    // The admin uploads the province's files under juso.go.kr's names and takes the sample out.
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/address/sample");
    let uploads = minwon_hub::addresses::Uploads::of(&dir.path().join("hub"), "kim");
    for (from, to) in
        [("SAMPLE_road_code_jongno.txt", "road_code_total.txt"), ("SAMPLE_rnaddrkor_jongno.txt", "rnaddrkor_seoul.txt")]
    {
        let mut receiving = uploads.receive(to).expect("a set's file");
        let bytes = std::fs::read(sample.join(from)).expect("ships");
        for piece in bytes.chunks(4096) {
            receiving.write(piece).expect("written");
        }
        assert_eq!(receiving.finish().expect("whole"), bytes.len() as u64);
    }
    let summary = uploads.put_set(hub.publisher(), "seoul", "서울특별시", "주소DB 2026년 11월분").expect("checked");
    assert!(summary.buildings > 100, "{summary:?}");
    minwon_hub::addresses::remove_set(hub.publisher(), "sample").expect("taken out");
    assert_eq!(hub.publish("jongno", "kim", "서울 주소").expect("published"), 1);
    assert_eq!(k.sync_now(), Ok(0));
    assert_eq!(k.bundle_versions(), (Some(1), None), "applied: no visitor was on the kiosk");
    let found = search_address(&k, "세종대로");
    assert!(found["sample"].is_null(), "the kiosk searches the hub's set now: {found}");
    assert!(
        found["found"][0]["line1"].as_str().is_some_and(|l| l.starts_with("서울특별시 종로구 세종대로")),
        "{found}"
    );

    // A form fixed later: the kiosk takes the new bundle without fetching the addresses again,
    // and stores them once.
    fix_typo_in_spreadsheet(&hub);
    assert_eq!(hub.publish("jongno", "kim", "typo").expect("published"), 2);
    // The hub's copy of bundle 2's address file is made unreadable to the kiosk: had it been
    // fetched, the bundle would be refused.
    let served = dir.path().join("hub/bundles/2/files/assets/address/seoul/rnaddrkor_seoul.txt");
    std::fs::remove_file(&served).expect("removed");
    assert_eq!(k.sync_now(), Ok(0));
    assert_eq!(k.bundle_versions(), (Some(2), None), "{:?}", k.effect_log());
    assert_eq!(first_question(&k), NEW);
    leave(&k);
    let stored = |v: u64| dir.path().join(format!("kiosk/bundles/{v}/assets/address/seoul/rnaddrkor_seoul.txt"));
    assert_eq!(
        std::fs::metadata(stored(1)).expect("bundle 1").ino(),
        std::fs::metadata(stored(2)).expect("bundle 2").ino(),
        "one copy on the kiosk's disk"
    );
    assert!(search_address(&k, "세종대로")["found"][0].is_object(), "still found with bundle 2");
}
