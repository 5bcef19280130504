//! What the engine's hub tests share: a visitor's journey, and serving a router on loopback.
#![allow(dead_code)] // each test file uses its own part

use minwon_engine::{Action, Kiosk};
use serde_json::{json, Value};
use std::io::{Read, Write};

pub const T0: u64 = 1_795_741_200_000;

pub fn act(k: &Kiosk, action: Value) -> Value {
    let action: Action = serde_json::from_value(action).expect("an action");
    serde_json::to_value(k.act(action).expect("accepted")).expect("json")
}

pub fn lost_wallet(k: &Kiosk, name: &str) -> String {
    let v = lost_wallet_in(k, "en", name);
    act(k, json!({"type": "finish"}));
    v["body"]["number"].as_str().expect("a receipt number").to_owned()
}

/// A lost-wallet report in `locale`, start to submit; returns the receipt screen (not finished).
pub fn lost_wallet_in(k: &Kiosk, locale: &str, name: &str) -> Value {
    act(k, json!({"type": "language", "locale": locale}));
    act(k, json!({"type": "service", "id": "lost-item-report"}));
    for answers in [
        json!({"item": "wallet"}),
        json!({}),
        json!({"description": "Brown leather"}),
        json!({"lost-date": "2026-11-21"}),
        json!({"lost-area": "transport"}),
        json!({"lost-spot": "subway"}),
        json!({"lost-place": "Jongno 3-ga"}),
        json!({"name": name}),
        json!({"mobile": "010 9876 5432"}),
        json!({"contact-by": "call"}),
        json!({"privacy-consent": true}),
    ] {
        act(k, json!({"type": "next", "answers": answers}));
    }
    let v = act(k, json!({"type": "submit"}));
    assert_eq!(v["screen"], "receipt", "{v}");
    v
}

/// Serves `router` over TLS with `tls` (a hub's certificate) on `port` in a runtime of its own;
/// dropping the handle stops it.
pub struct Server(Option<tokio::sync::oneshot::Sender<()>>, Option<std::thread::JoinHandle<()>>);

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

pub fn serve(router: axum::Router, port: u16, tls: &minwon_hub::tls::HubTls) -> Server {
    let config = tls.server_config().expect("the hub's certificate");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let (ready, is_ready) = std::sync::mpsc::channel();
    let thread = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().expect("runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.expect("binds");
            let _ = ready.send(());
            minwon_hub::tls::serve(listener, router, config, async {
                let _ = stopped.await;
            })
            .await;
        });
    });
    is_ready.recv().expect("the server started");
    Server(Some(stop), Some(thread))
}

/// A network printer on loopback: answers `DLE EOT n` with `state`, keeps every other byte.
pub fn network_printer(
    state: minwon_hardware::printer::virtual_printer::PrinterState,
) -> (String, std::sync::Arc<std::sync::Mutex<Vec<u8>>>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let addr = listener.local_addr().expect("bound").to_string();
    let received = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let kept = received.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let kept = kept.clone();
            std::thread::spawn(move || {
                // Read as a printer parses: a picture's payload is skipped by its length (its bytes
                // may hold anything), a status request between commands is answered at once.
                let (mut pending, mut payload) = (Vec::<u8>::new(), 0usize);
                let mut buf = [0u8; 4096];
                while let Ok(n) = stream.read(&mut buf) {
                    if n == 0 {
                        return;
                    }
                    pending.extend_from_slice(&buf[..n]);
                    loop {
                        let take = if payload > 0 {
                            let n = payload.min(pending.len());
                            payload -= n;
                            n
                        } else if pending.starts_with(&[0x1d, b'v', b'0']) && pending.len() >= 8 {
                            let row_bytes = usize::from(u16::from_le_bytes([pending[4], pending[5]]));
                            payload = row_bytes * usize::from(u16::from_le_bytes([pending[6], pending[7]]));
                            8
                        } else if pending.starts_with(&[0x10, 0x04]) && pending.len() >= 3 {
                            if let Some(answer) = state.answer(&pending[..3]) {
                                let _ = stream.write_all(&[answer]);
                            }
                            3
                        } else if pending.starts_with(&[0x1d, b'v']) || pending == [0x10] || pending.is_empty() {
                            0
                        } else {
                            1
                        };
                        if take == 0 {
                            break;
                        }
                        let bytes: Vec<u8> = pending.drain(..take).collect();
                        // A printer out of paper answers its state and prints nothing.
                        if state == minwon_hardware::printer::virtual_printer::PrinterState::Ready
                            || bytes.first() == Some(&0x10)
                        {
                            kept.lock().expect("lock").extend_from_slice(&bytes);
                        }
                    }
                }
            });
        }
    });
    (addr, received)
}
