//! The outbox and the hub on loopback: with the hub down, visitors still get receipts; when it
//! comes back, every submission arrives once, also after a send whose acknowledgement was lost;
//! a hub answering 500 keeps everything in the outbox.

use minwon_core::Timestamp;
use minwon_engine::{Action, Kiosk, KioskConfig, ManualClock};
use minwon_hub::HubStore;
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};

const T0: u64 = 1_795_741_200_000;

fn act(k: &Kiosk, action: Value) -> Value {
    let action: Action = serde_json::from_value(action).expect("an action");
    serde_json::to_value(k.act(action).expect("accepted")).expect("json")
}

fn lost_wallet(k: &Kiosk, name: &str) -> String {
    act(k, json!({"type": "language", "locale": "en"}));
    act(k, json!({"type": "service", "id": "lost-item-report"}));
    for answers in [
        json!({"item": "wallet"}),
        json!({}),
        json!({"description": "Brown leather"}),
        json!({"lost-date": "2026-11-21"}),
        json!({"lost-place": "Jongno 3-ga"}),
        json!({"name": name}),
        json!({"mobile": "010 9876 5432", "contact-by": "call"}),
        json!({"privacy-consent": true}),
    ] {
        act(k, json!({"type": "next", "answers": answers}));
    }
    let v = act(k, json!({"type": "submit"}));
    assert_eq!(v["screen"], "receipt");
    act(k, json!({"type": "finish"}));
    v["body"]["number"].as_str().expect("a receipt number").to_owned()
}

/// Serves `router` on `port` in a runtime of its own; dropping the handle stops it.
struct Server(Option<tokio::sync::oneshot::Sender<()>>, Option<std::thread::JoinHandle<()>>);

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(s) = self.0.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.1.take() {
            let _ = t.join();
        }
    }
}

fn serve(router: axum::Router, port: u16) -> Server {
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let (ready, is_ready) = std::sync::mpsc::channel();
    let thread = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().expect("runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.expect("binds");
            let _ = ready.send(());
            let _ = axum::serve(listener, router)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
        });
    });
    is_ready.recv().expect("the server started");
    Server(Some(stop), Some(thread))
}

#[test]
fn with_the_hub_down_receipts_are_issued_and_everything_arrives_once_later() {
    let dir = tempfile::tempdir().expect("temp dir");
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().expect("addr").port();
    let mut config = KioskConfig::new(dir.path().join("kiosk"));
    config.hub_url = Some(format!("http://127.0.0.1:{port}"));
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
        let _down = serve(broken, port);
        assert_eq!(k.deliver_now(), Err("sync.hub-error".into()));
        assert_eq!(k.outbox_depth().expect("depth"), 3);
    }

    // The real hub comes back: all three arrive.
    let store = Arc::new(Mutex::new(HubStore::open(&dir.path().join("hub.sqlite")).expect("hub store")));
    let _hub = serve(minwon_hub::api::router(store.clone()), port);
    assert_eq!(k.deliver_now(), Ok(3));
    assert_eq!(k.outbox_depth().expect("depth"), 0);
    assert_eq!(store.lock().expect("lock").count().expect("count"), 3);

    // A send whose acknowledgement never came back (the kiosk died before deleting): sent again,
    // acknowledged as a duplicate, deleted; the hub still holds it once.
    lost_wallet(&k, "Lê Thị Hoa");
    let link = minwon_engine::delivery::HubLink::new(&format!("http://127.0.0.1:{port}"), "kiosk-1");
    let batch = k.with_outbox(|o| link.take(o, 10)).expect("reads").expect("one waits");
    assert_eq!(link.send(&batch).expect("sent")[0].status, "stored");
    assert_eq!(k.outbox_depth().expect("depth"), 1, "not settled: as if the kiosk died here");
    assert_eq!(k.deliver_now(), Ok(1));
    assert_eq!(k.outbox_depth().expect("depth"), 0);
    assert_eq!(store.lock().expect("lock").count().expect("count"), 4, "exactly once");
    assert!(k.effect_log().iter().any(|e| e == "sync-failed:sync.unreachable"));
}
