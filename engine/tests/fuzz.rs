//! Property tests: whatever body reaches the kiosk's API (`--serve`'s `POST /api/act`, or a Tauri
//! command), it is refused with a code or carried out; the engine never panics, and the view it
//! answers with still serialises. Near-valid actions are made from the real action names.

use minwon_core::Timestamp;
use minwon_engine::{Action, Kiosk, KioskConfig, ManualClock};
use proptest::prelude::*;
use std::sync::{Arc, OnceLock};

fn kiosk() -> &'static Kiosk {
    static K: OnceLock<(Kiosk, tempfile::TempDir)> = OnceLock::new();
    &K.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let k = Kiosk::open(
            KioskConfig::new(dir.path().to_path_buf()),
            Arc::new(ManualClock::new(Timestamp(1_795_741_200_000))),
        )
        .expect("opens");
        (k, dir)
    })
    .0
}

fn actionish() -> impl Strategy<Value = String> {
    let kind = prop::sample::select(vec![
        "language",
        "service",
        "next",
        "back",
        "cancel",
        "confirm_cancel",
        "submit",
        "finish",
        "start",
        "more_time",
        "call_staff",
        "repeat",
        "help",
        "text_size",
        "contrast",
        "low_position",
        "speech_rate",
        "volume",
        "choose_document",
        "document_key",
        "identify_typed",
        "set_answer",
        "announce",
        "voice_mode",
        "key",
        "nonsense",
    ]);
    let value = prop::sample::select(vec![
        "null",
        "true",
        "1",
        "-1",
        "1e308",
        "\"ko\"",
        "\"xx\"",
        "\"lost-item-report\"",
        "{}",
        "[]",
        "{\"item\":\"wallet\"}",
        "{\"lost-date\":\"2026-02-30\"}",
        "\"\\u0000\"",
        "\"홍길동\"",
        "{\"x\":{\"y\":[1,2]}}",
        "\"f-description\"",
        "\"f-resident-number-back\"",
        "{\"char\":\"ㄱ\"}",
        "{\"char\":\"ab\"}",
        "\"backspace\"",
        "\"space\"",
    ]);
    let key = prop::sample::select(vec![
        "locale",
        "id",
        "answers",
        "number",
        "birth_date",
        "expiry",
        "can",
        "field",
        "value",
        "step",
        "size",
        "on",
        "text",
        "input",
        "key",
    ]);
    (kind, prop::collection::vec((key, value), 0..3)).prop_map(|(kind, pairs)| {
        let mut s = format!("{{\"type\":\"{kind}\"");
        for (k, v) in pairs {
            s.push_str(&format!(",\"{k}\":{v}"));
        }
        s.push('}');
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn any_body_is_refused_or_carried_out(body in prop_oneof![actionish(), ".{0,120}"]) {
        let k = kiosk();
        if let Ok(action) = serde_json::from_str::<Action>(&body) {
            if let Ok(view) = k.act(action) {
                prop_assert!(serde_json::to_string(&view).is_ok());
            }
        }
        k.tick();
        prop_assert!(serde_json::to_string(&k.view()).is_ok());
    }
}
