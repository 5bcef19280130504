//! The Tauri commands on Tauri's mock runtime, with our real context and capabilities.

use minwon_core::Timestamp;
use minwon_engine::{Kiosk, KioskConfig, ManualClock};
use serde_json::{json, Value};
use std::sync::Arc;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindow;

fn app(dir: &std::path::Path) -> (tauri::App<tauri::test::MockRuntime>, WebviewWindow<tauri::test::MockRuntime>) {
    let kiosk =
        Kiosk::open(KioskConfig::new(dir.to_path_buf()), Arc::new(ManualClock::new(Timestamp(1_795_741_200_000))))
            .expect("engine starts");
    let app = minwon_kiosk::with_engine(mock_builder(), kiosk)
        .build(tauri::generate_context!())
        .expect("the app builds on the mock runtime");
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("window");
    (app, webview)
}

fn invoke(
    webview: &WebviewWindow<tauri::test::MockRuntime>,
    origin: &str,
    cmd: &str,
    body: Value,
) -> Result<Value, Value> {
    let response = get_ipc_response(
        webview,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: origin.parse().expect("url"),
            body: InvokeBody::Json(body),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    );
    response.map(|b| b.deserialize::<Value>().expect("json"))
}

const ORIGIN: &str = "tauri://localhost";

#[test]
fn commands_drive_the_engine() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_app, w) = app(dir.path());
    let v = invoke(&w, ORIGIN, "view", json!({})).expect("view answers");
    assert_eq!(v["screen"], "welcome");
    let v = invoke(&w, ORIGIN, "act", json!({"action": {"type": "language", "locale": "en"}})).expect("act answers");
    assert_eq!(v["screen"], "service");
    assert_eq!(v["title"], "How can we help you?");
    let texts = invoke(&w, ORIGIN, "texts", json!({"locale": "vi"})).expect("texts answer");
    assert_eq!(texts["kiosk-nav-next"], "Tiếp theo");
}

#[test]
fn errors_come_back_as_codes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_app, w) = app(dir.path());
    let e = invoke(&w, ORIGIN, "texts", json!({"locale": "xx"})).expect_err("unknown locale");
    assert_eq!(e, json!({"code": "api.unknown-locale"}));
    let e = invoke(&w, ORIGIN, "act", json!({"action": {"type": "language", "locale": "xx"}})).expect_err("refused");
    assert_eq!(e["code"], "api.unknown-locale");
}

#[test]
fn nothing_but_our_commands_from_our_own_origin() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_app, w) = app(dir.path());
    assert!(invoke(&w, ORIGIN, "plugin:fs|read_file", json!({"path": "/etc/passwd"})).is_err(), "no file system");
    assert!(invoke(&w, ORIGIN, "plugin:shell|execute", json!({})).is_err(), "no shell");
    assert!(invoke(&w, "https://example.com", "view", json!({})).is_err(), "remote pages get nothing");
}
