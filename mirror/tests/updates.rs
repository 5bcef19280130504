//! The mirror takes bundles from the hub exactly as a kiosk does (the engine's own code): a
//! newer bundle is fetched and verified, waits while a visitor is in a topic, and goes on screen
//! when she goes back to the topics; a bundle signed by a key the mirror does not pin is refused
//! and reported.

use minwon_engine::bundles::BundleStore;
use minwon_engine::delivery::HubLink;
use minwon_hub::{Hub, HubConfig};
use minwon_mirror::controller::Pending;
use minwon_mirror::{updates, Guide, Mirror, MirrorAdapter, MirrorWindow, Page};
use slint::ComponentHandle;
use std::sync::{Arc, Mutex};

fn serve(hub: &Hub) -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("binds");
    let port = listener.local_addr().expect("addr").port();
    listener.set_nonblocking(true).expect("non-blocking");
    let hub = hub.clone();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        rt.block_on(async move {
            let l = tokio::net::TcpListener::from_std(listener).expect("listener");
            let _ = hub.serve(l, std::future::pending()).await;
        });
    });
    port
}

#[test]
fn a_new_bundle_waits_for_the_end_of_the_topic_and_a_foreign_one_is_refused() {
    i_slint_backend_testing::init_no_event_loop();
    let dir = tempfile::tempdir().expect("temp dir");
    let hub = Hub::open(HubConfig::new(dir.path().join("hub"))).expect("hub");
    let url = format!("https://127.0.0.1:{}", serve(&hub));
    let e = hub.enrol("mirror-1", "jongno", &url, "test").expect("enrolled");

    // An admin renames a topic and publishes.
    let ftl = hub.publisher().tree().join("locales/ko/mirror.ftl");
    let text = std::fs::read_to_string(&ftl).expect("reads");
    std::fs::write(
        &ftl,
        text.replace("mirror-topic-counter-3 = 3번 창구는 어디인가요?", "mirror-topic-counter-3 = 3번 창구 찾아가기"),
    )
    .expect("writes");
    assert_eq!(hub.publish("jongno", "kim", "counter 3 title").expect("published"), 1);

    let window = MirrorWindow::new().expect("window");
    let store = BundleStore::new(dir.path().join("mirror/bundles"), &e.admin_keys, &e.hub_cert, &e.group);
    let guide = updates::initial_guide(&store, &minwon_engine::assets::default_root(), "ksl").expect("installed");
    let pending: Pending = Arc::new(Mutex::new(None));
    let _mirror = Mirror::setup(&window, guide, None, pending.clone());
    let a = window.global::<MirrorAdapter>();
    a.invoke_touch_start();
    a.invoke_choose_topic(4);
    assert_eq!(a.get_topic_title(), "3번 창구는 어디인가요?");

    let link = HubLink::new(&url, &e.kiosk_id, &e.token, &e.hub_cert).expect("an https link");
    let mut refused = None;
    assert_eq!(updates::sync_once(&link, &store, &pending, "ksl", &mut refused), Ok(()));
    assert!(pending.lock().expect("lock").is_some(), "fetched, verified, waiting");
    a.invoke_next();
    assert_eq!(a.get_topic_title(), "3번 창구는 어디인가요?", "not in the middle of her topic");
    a.invoke_show_topics();
    assert_eq!(a.get_page(), Page::Topics);
    a.invoke_choose_topic(4);
    assert_eq!(a.get_topic_title(), "3번 창구 찾아가기", "the next topic shows the new bundle");
    assert_eq!(store.current(), Some(1), "recorded as applied once on screen");
    // After a restart the mirror starts with it.
    let again = updates::initial_guide(&store, &minwon_engine::assets::default_root(), "ksl").expect("loads");
    assert!(again.root.ends_with("bundles/1"));

    // A mirror that pins another key refuses the hub's bundles and says why.
    let foreign = BundleStore::new(dir.path().join("mirror-2/bundles"), &["11".repeat(32)], &e.hub_cert, &e.group);
    let mut refused = None;
    let _ = Guide::load(&minwon_engine::assets::default_root(), "ksl").expect("installed");
    assert_eq!(
        updates::sync_once(&link, &foreign, &Arc::new(Mutex::new(None)), "ksl", &mut refused),
        Err("bundle.signature")
    );
    assert_eq!(refused.map(|r| r.1), Some("bundle.signature"));
    assert_eq!(foreign.current(), None);
}
