//! Property tests: every kiosk-API request body, arbitrary or nearly valid, gets an answer with a
//! status a kiosk understands and never a panic (the router called in-process, the token valid).

use axum::body::Body;
use axum::http::Request;
use minwon_hub::{Hub, HubConfig};
use proptest::prelude::*;
use std::sync::OnceLock;
use tower::ServiceExt;

struct Fixture {
    hub: Hub,
    auth: String,
    rt: tokio::runtime::Runtime,
    _dir: tempfile::TempDir,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut config = HubConfig::new(dir.path().join("hub"));
        config.submissions_quota = minwon_hub::limits::Quota { capacity: 1e12, per_hour: 1e12 };
        config.heartbeats_quota = minwon_hub::limits::Quota { capacity: 1e12, per_hour: 1e12 };
        let hub = Hub::open(config).expect("hub");
        let e = hub.enrol("kiosk-1", "jongno", "https://127.0.0.1:1", "test").expect("enrolled");
        let auth = format!("Bearer {}:{}", e.kiosk_id, e.token);
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        Fixture { hub, auth, rt, _dir: dir }
    })
}

fn status(method: &str, path: &str, body: Vec<u8>) -> u16 {
    let f = fixture();
    let request = Request::builder()
        .method(method)
        .uri(path)
        .header("authorization", &f.auth)
        .header("content-type", "application/json")
        .body(Body::from(body))
        .expect("a request");
    f.rt.block_on(f.hub.router().oneshot(request)).expect("an answer").status().as_u16()
}

const UNDERSTOOD: [u16; 7] = [200, 204, 400, 401, 404, 413, 422];

/// JSON-ish text: fragments of the real messages, shuffled.
fn jsonish() -> impl Strategy<Value = String> {
    let parts = prop::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"submissions\"",
        "\"id\"",
        "\"form\"",
        "\"receipt\"",
        "\"sealed\"",
        "\"kiosk_id\"",
        "\"alerts\"",
        "\"kind\"",
        "\"screen\"",
        "\"raised\"",
        "\"outbox_depth\"",
        "\"reader\"",
        "\"speech\"",
        "\"bundle_version\"",
        "null",
        "true",
        "0",
        "-1",
        "18446744073709551615",
        "1e400",
        "\"AAAA\"",
        "\"../x\"",
        "\"A-0001\"",
        "\"lost-item-report\"",
        "\"\\u0000\"",
        "\"홍길동\"",
    ]);
    prop::collection::vec(parts, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn submission_batches_never_panic(body in prop_oneof![jsonish(), ".{0,200}"]) {
        let s = status("POST", "/api/v1/submissions", body.into_bytes());
        prop_assert!(UNDERSTOOD.contains(&s), "{s}");
    }

    #[test]
    fn heartbeats_never_panic(body in prop_oneof![jsonish(), ".{0,200}"]) {
        let s = status("POST", "/api/v1/heartbeat", body.into_bytes());
        prop_assert!(UNDERSTOOD.contains(&s), "{s}");
    }

    #[test]
    fn bundle_queries_and_paths_never_panic(have in ".{0,30}", path in "[a-zA-Z0-9%./_-]{0,60}") {
        let q = url_escape(&have);
        let latest = status("GET", &format!("/api/v1/bundles/latest?have={q}"), vec![]);
        prop_assert!(UNDERSTOOD.contains(&latest), "{}", latest);
        let file = status("GET", &format!("/api/v1/bundles/1/files/{path}"), vec![]);
        prop_assert!(UNDERSTOOD.contains(&file), "{}", file);
    }
}

fn url_escape(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}
