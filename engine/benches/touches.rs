//! How much each bundled form asks of a visitor, printed as a table: the screens she goes through,
//! the touches (taps on the screen's controls, one per text box typed into), the characters she
//! types and the key touches that type them on the kiosk's own keyboards (a Hangul syllable is its
//! jamo keys, shift before ㄲㄸㅃㅆㅉㅒㅖ, one touch per switch of keyboard), for a Korean visitor
//! who starts with 시작하기 and reads no document. The address is found by search: the road and
//! building number typed, one result picked, then the unit. The visit is driven
//! through the real engine, so a form or flow that grows shows here. Taps are counted twice: with a
//! "next" on every step, and as the kiosk's page does it (a step holding one single choice goes on
//! when it is picked). `cargo bench -p minwon-engine --bench touches`.

use minwon_core::keyboard::Layout;
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
        "resident-number" | "member-resident-number" => "4803152345677",
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

/// What the visitor types into the address search box before she picks her address.
const ADDRESS_SEARCHED: &str = "세종대로 209";

/// Which of the kiosk's keyboards types `c`.
fn layout_of(c: char) -> Option<Layout> {
    let n = c as u32;
    if (0xAC00..=0xD7A3).contains(&n) || (0x3131..=0x318E).contains(&n) {
        Some(Layout::Hangul)
    } else if c.is_ascii_digit() {
        Some(Layout::Digits)
    } else if c.is_ascii_alphabetic() || c == '-' {
        Some(Layout::Latin)
    } else {
        None
    }
}

/// Key touches on the kiosk's keyboards that type `text`, on the keyboard its first character
/// needs (a box offers the keyboard of what it takes first).
fn key_touches(text: &str) -> usize {
    let mut on: Option<Layout> = None;
    let mut touches = 0;
    for c in text.chars() {
        let Some(layout) = layout_of(c) else {
            // A space: the space key (the digit pad has none: a date's or number's separators are
            // the boxes themselves).
            touches += usize::from(c == ' ');
            continue;
        };
        if on.is_some_and(|l| l != layout) {
            touches += 1;
        }
        on = Some(layout);
        touches += match layout {
            Layout::Hangul => minwon_core::hangul::keys_of(&c.to_string())
                .iter()
                .map(|k| 1 + usize::from("ㄲㄸㅃㅆㅉㅒㅖ".contains(*k)))
                .sum(),
            _ => 1,
        };
    }
    touches
}

/// What typing an answer takes: (characters, key touches, text boxes tapped).
fn typing(kind: &str, answer: &Value) -> (usize, usize, usize) {
    let chars = |s: &str| s.chars().filter(|c| !c.is_whitespace() && *c != '-').count();
    match kind {
        // Year, month and day boxes, digits only.
        "date" => {
            let digits: String = answer.as_str().unwrap_or("").chars().filter(char::is_ascii_digit).collect();
            (digits.len(), digits.len(), 3)
        }
        // The search box, the result picked (the unit box is focused then), the unit.
        "address" => {
            let unit = answer["line2"].as_str().unwrap_or("");
            (chars(ADDRESS_SEARCHED) + chars(unit), key_touches(ADDRESS_SEARCHED) + key_touches(unit), 2)
        }
        _ => {
            let text = answer.as_str().unwrap_or("");
            (chars(text), key_touches(text), 1)
        }
    }
}

#[derive(Default)]
struct Count {
    screens: usize,
    taps_next_always: usize,
    taps: usize,
    chars: usize,
    keys: usize,
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
                    let (chars, keys, boxes) = typing(kind, &answer);
                    c.chars += chars;
                    c.keys += keys;
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
    println!(
        "| form | screens | taps, a next on every step | taps, as the kiosk does | characters typed | key touches | touches in all |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for form in catalog.forms() {
        let c = visit(&form.id.0);
        println!(
            "| {} | {} | {} | {} | {} | {} | {} |",
            form.id.0,
            c.screens,
            c.taps_next_always,
            c.taps,
            c.chars,
            c.keys,
            c.taps + c.keys
        );
    }
    let whole = key_touches("03154") + key_touches("서울특별시 종로구 세종대로 209") + key_touches("101호") + 3;
    let searched = key_touches(ADDRESS_SEARCHED) + key_touches("101호") + 2;
    println!();
    println!("an address typed whole (postcode, road address, unit: three boxes): {whole} touches; found by search: {searched}");
    // The counting itself, on words whose keys are known.
    assert_eq!(key_touches("김민수"), 8, "ㄱㅣㅁ ㅁㅣㄴ ㅅㅜ");
    assert_eq!(key_touches("까치"), 5, "shift ㄱ ㅏ ㅊ ㅣ");
    assert_eq!(key_touches("종로3가역"), 13, "ㅈㅗㅇ ㄹㅗ | 3 | ㄱㅏ ㅇㅕㄱ: two switches");
    assert_eq!(key_touches("M12345678"), 10, "M, a switch, eight digits");
}
