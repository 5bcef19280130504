//! How much each bundled form asks of a visitor, printed as a table: the screens she goes through,
//! the touches (taps on the screen's controls, one per text box typed into) and the characters she
//! types, for a Korean visitor who starts with 시작하기 and reads no document. The visit is driven
//! through the real engine, so a form or flow that grows shows here. Taps are counted twice: with a
//! "next" on every step, and as the kiosk's page does it (a step holding one single choice goes on
//! when it is picked). `cargo bench -p minwon-engine --bench touches`.

use minwon_engine::api::Action;
use minwon_engine::{Kiosk, KioskConfig, SystemClock};
use serde_json::{json, Value};
use std::sync::Arc;

/// The answers typed, by field id (by kind for the rest): what the browser tests type too.
fn typed(id: &str, kind: &str) -> Value {
    let text = match id {
        "surname" => "HONG",
        "given-names" => "GILSOON",
        "name-korean" | "name" | "emergency-name" => "김민수",
        "resident-number" => "4803152345677",
        "old-passport-number" => "M12345678",
        "mobile" | "emergency-phone" => "01023456789",
        "description" => "갈색 가죽 지갑",
        "lost-place" => "종로3가역",
        "members" => "2",
        "copies" => "1",
        _ => "테스트",
    };
    match kind {
        "date" => json!(if id == "birth-date" { "1948-03-15" } else { "2026-11-20" }),
        "address" => json!({"postcode": "03154", "line1": "서울특별시 종로구 세종대로 209", "line2": "101호"}),
        _ => json!(text),
    }
}

/// Characters typed for an answer, and the text boxes they went into.
fn typing(kind: &str, answer: &Value) -> (usize, usize) {
    let chars = |s: &str| s.chars().filter(|c| !c.is_whitespace() && *c != '-').count();
    match kind {
        // Year, month and day boxes.
        "date" => (answer.as_str().map_or(0, chars), 3),
        "address" => (answer.as_object().map_or(0, |o| o.values().filter_map(Value::as_str).map(chars).sum()), 3),
        _ => (answer.as_str().map_or(0, chars), 1),
    }
}

#[derive(Default)]
struct Count {
    screens: usize,
    taps_next_always: usize,
    taps: usize,
    chars: usize,
}

fn act(k: &Kiosk, action: Value) -> Value {
    let action: Action = serde_json::from_value(action).expect("an action");
    serde_json::to_value(k.act(action).expect("accepted")).expect("a view")
}

fn visit(form: &str) -> Count {
    let dir = tempfile::tempdir().expect("temp dir");
    let k = Kiosk::open(KioskConfig::new(dir.path().to_path_buf()), Arc::new(SystemClock)).expect("kiosk");
    let mut c = Count::default();
    let tap = |c: &mut Count, n: usize| {
        c.taps += n;
        c.taps_next_always += n;
    };
    // The welcome, then 시작하기 (or the language: one touch either way).
    c.screens += 1;
    tap(&mut c, 1);
    let mut v = act(&k, json!({"type": "start"}));
    while v["screen"] == "language" {
        // An older flow asked the language again after 시작하기.
        c.screens += 1;
        tap(&mut c, 1);
        v = act(&k, json!({"type": "language", "locale": "ko"}));
    }
    assert_eq!(v["screen"], "service", "{v}");
    c.screens += 1;
    tap(&mut c, 1);
    v = act(&k, json!({"type": "service", "id": form}));
    if v["screen"] == "identify" {
        c.screens += 1;
        tap(&mut c, 1);
        v = act(&k, json!({"type": "identify_typed"}));
    }
    while v["screen"] == "step" {
        c.screens += 1;
        let fields = v["body"]["fields"].as_array().expect("fields").clone();
        let mut answers = serde_json::Map::new();
        for f in &fields {
            let (id, kind) = (f["id"].as_str().expect("id"), f["kind"].as_str().expect("kind"));
            let answer = match kind {
                "single_choice" => json!(f["choices"][0]["id"]),
                "multiple_choice" => json!([f["choices"][0]["id"]]),
                "photo" => json!(f["parts"][f["parts"].as_array().map_or(0, |p| p.len() - 1)]["id"]),
                "consent" => json!(true),
                _ => typed(id, kind),
            };
            match kind {
                "single_choice" | "multiple_choice" | "photo" | "consent" => tap(&mut c, 1),
                _ => {
                    let (chars, boxes) = typing(kind, &answer);
                    c.chars += chars;
                    tap(&mut c, boxes);
                }
            }
            answers.insert(id.to_owned(), answer);
        }
        let advances = fields.len() == 1 && fields[0]["kind"] == "single_choice";
        c.taps_next_always += 1;
        c.taps += usize::from(!advances);
        let before = v["body"]["index"].clone();
        v = act(&k, json!({"type": "next", "answers": answers}));
        assert!(v["screen"] != "step" || v["body"]["index"] != before, "{form}: a step refused its answer: {v}");
    }
    assert_eq!(v["screen"], "review", "{v}");
    c.screens += 1;
    tap(&mut c, 1);
    v = act(&k, json!({"type": "submit"}));
    assert_eq!(v["screen"], "receipt", "{v}");
    c.screens += 1;
    tap(&mut c, 1);
    c
}

fn main() {
    let catalog = minwon_engine::assets::load_catalog(&minwon_engine::assets::default_root()).expect("forms");
    println!("| form | screens | taps, a next on every step | taps, as the kiosk does | characters typed |");
    println!("|---|---:|---:|---:|---:|");
    for form in catalog.forms() {
        let c = visit(&form.id.0);
        println!("| {} | {} | {} | {} | {} |", form.id.0, c.screens, c.taps_next_always, c.taps, c.chars);
    }
}
