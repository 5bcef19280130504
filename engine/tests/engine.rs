//! The engine with the bundled forms and messages: journeys through the API, the outbox on disk, the timer.

use minwon_core::session::{DocumentKey, SessionConfig};
use minwon_core::{Locale, Timestamp};
use minwon_engine::{Action, Kiosk, KioskConfig, ManualClock};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Duration;

// 2026-11-22 10:00 KST
const T0: u64 = 1_795_741_200_000;

fn kiosk(dir: &std::path::Path) -> (Kiosk, ManualClock) {
    let clock = ManualClock::new(Timestamp(T0));
    let mut config = KioskConfig::new(dir.to_path_buf());
    config.printer = Some(dir.join("printer.bin"));
    let kiosk = Kiosk::open(config, Arc::new(clock.clone())).expect("the bundled assets load");
    (kiosk, clock)
}

fn act(k: &Kiosk, action: Value) -> Value {
    let action: Action = serde_json::from_value(action.clone()).unwrap_or_else(|e| panic!("{action}: {e}"));
    serde_json::to_value(k.act(action).expect("action accepted")).expect("views serialise")
}

fn next(k: &Kiosk, answers: Value) -> Value {
    act(k, json!({"type": "next", "answers": answers}))
}

#[test]
fn lost_wallet_report_in_vietnamese_reaches_the_outbox_sealed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (k, _clock) = kiosk(dir.path());
    let v = serde_json::to_value(k.view()).expect("view");
    assert_eq!(v["screen"], "welcome");
    let v = act(&k, json!({"type": "language", "locale": "vi"}));
    assert_eq!(v["screen"], "service");
    assert_eq!(v["title"], "Chúng tôi có thể giúp gì cho bạn?");
    let services: Vec<&str> =
        v["body"]["services"].as_array().expect("list").iter().map(|s| s["id"].as_str().expect("id")).collect();
    assert_eq!(
        services,
        ["passport-reissue", "lost-item-report", "moving-in-report", "library-card", "resident-certificate"]
    );
    let v = act(&k, json!({"type": "service", "id": "lost-item-report"}));
    assert_eq!(v["screen"], "step", "no identify screen for this form");
    assert_eq!(v["body"]["counter"], "Bước 1 / 11");
    let v = next(&k, json!({}));
    assert_eq!(v["body"]["fields"][0]["error"]["code"], "required");
    assert_eq!(v["body"]["fields"][0]["error"]["text"], "Vui lòng điền mục này.");
    next(&k, json!({"item": "wallet"}));
    next(&k, json!({"contents": ["residence-card", "bank-card"]}));
    next(&k, json!({"description": "Ví da màu nâu"}));
    let v = next(&k, json!({"lost-date": "2026-11-30"}));
    assert_eq!(v["body"]["fields"][0]["error"]["code"], "date-in-future");
    next(&k, json!({"lost-date": "2026-11-21"}));
    // Cascading choices: on transport, only the kinds of transport are offered.
    let v = next(&k, json!({"lost-area": "transport"}));
    let offered: Vec<&str> = v["body"]["fields"][0]["choices"]
        .as_array()
        .expect("choices")
        .iter()
        .map(|c| c["id"].as_str().expect("id"))
        .collect();
    assert_eq!(offered, ["bus", "subway", "taxi", "train"]);
    let v = next(&k, json!({"lost-spot": "park"}));
    assert_eq!(v["body"]["fields"][0]["error"]["code"], "required", "a park is not transport: not taken");
    next(&k, json!({"lost-spot": "subway"}));
    next(&k, json!({"lost-place": "Ga Jongno 3-ga"}));
    next(&k, json!({"name": "Nguyễn Thị Lan"}));
    next(&k, json!({"mobile": "010 9876 5432"}));
    next(&k, json!({"contact-by": "text-message"}));
    let v = next(&k, json!({"privacy-consent": true}));
    assert_eq!(v["screen"], "review");
    let items = v["body"]["items"].as_array().expect("items");
    let value = |field: &str| items.iter().find(|i| i["field"] == field).map(|i| i["value"].clone()).expect("listed");
    assert_eq!(value("contents"), "Thẻ ngân hàng, Thẻ cư trú người nước ngoài", "choices in form order, localised");
    assert_eq!(value("mobile"), "010-9876-5432", "normalised");
    let v = act(&k, json!({"type": "submit"}));
    assert_eq!(v["screen"], "receipt");
    assert_eq!(v["body"]["number"], "A-0001");
    assert!(v["body"]["note"].as_str().expect("note").contains("phiếu tiếp nhận đã in"), "the printer printed");
    assert_eq!(k.outbox_depth().expect("depth"), 1);

    let pending = k.with_outbox(|o| o.unsent(10)).expect("lists");
    let sub = k.with_outbox(|o| o.open_submission(&pending[0])).expect("opens");
    assert_eq!(sub.locale, Locale::Vi);
    assert_eq!(sub.answers.len(), 11);
    let printed = std::fs::read(dir.path().join("printer.bin")).expect("printer output");
    // The ticket goes as a picture (Vietnamese needs glyphs no code page has): one, not blank.
    let tickets = minwon_hardware::printer::virtual_printer::decode(&printed).expect("ESC/POS we send");
    assert_eq!(tickets.len(), 1, "the receipt was printed");
    assert!(tickets[0].ink() > 5_000, "{:?}", tickets[0]);

    let v = act(&k, json!({"type": "finish"}));
    assert_eq!(v["screen"], "welcome");
    assert_eq!(v["locale"], "ko");
    drop(k);
    let mut raw = Vec::new();
    for entry in std::fs::read_dir(dir.path()).expect("lists") {
        raw.extend(std::fs::read(entry.expect("entry").path()).expect("reads"));
    }
    // The place she typed, whole: the address book beside the outbox holds the district's public
    // road names (Jongno-gu), not what a visitor typed.
    for secret in ["Nguyễn Thị Lan", "9876", "Ví da", "Ga Jongno 3"] {
        assert!(
            !raw.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "{secret:?} reached the disk in plain text"
        );
    }
}

#[test]
fn receipt_numbers_stay_unique_across_restarts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut numbers = vec![];
    for _ in 0..3 {
        let (k, _clock) = kiosk(dir.path());
        act(&k, json!({"type": "language", "locale": "ko"}));
        act(&k, json!({"type": "service", "id": "library-card"}));
        next(&k, json!({"name": "김순자"}));
        next(&k, json!({"birth-date": "1948-03-15"}));
        next(&k, json!({"mobile": "01012345678"}));
        next(&k, json!({"address": {"postcode": "03154", "line1": "서울특별시 종로구 종로 1", "line2": ""}}));
        next(&k, json!({"notices": []}));
        next(&k, json!({"privacy-consent": true}));
        let v = act(&k, json!({"type": "submit"}));
        assert!(v["body"]["note"].as_str().expect("note").contains("인쇄된 접수증"));
        numbers.push(v["body"]["number"].as_str().expect("number").to_owned());
    }
    assert_eq!(numbers, ["A-0001", "A-0002", "A-0003"]);
}

#[test]
fn without_a_printer_the_receipt_screen_says_to_note_the_number() {
    let dir = tempfile::tempdir().expect("temp dir");
    let kiosk = Kiosk::open(KioskConfig::new(dir.path().to_path_buf()), Arc::new(ManualClock::new(Timestamp(T0))))
        .expect("opens");
    act(&kiosk, json!({"type": "language", "locale": "en"}));
    act(&kiosk, json!({"type": "service", "id": "resident-certificate"}));
    next(&kiosk, json!({"kind": "abstract"}));
    next(&kiosk, json!({"name": "Kim Sunja"}));
    next(&kiosk, json!({"resident-number": "480315-2345677"}));
    next(&kiosk, json!({"include": ["past-addresses"]}));
    next(&kiosk, json!({"copies": "2"}));
    next(&kiosk, json!({"purpose": "bank"}));
    next(&kiosk, json!({"privacy-consent": true}));
    let v = act(&kiosk, json!({"type": "submit"}));
    assert_eq!(v["screen"], "receipt");
    assert!(v["body"]["note"].as_str().expect("note").contains("write down the receipt number"));
    assert!(kiosk.effect_log().iter().any(|e| e == "print-skipped:no-printer"));
}

#[test]
fn walking_away_warns_then_wipes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (k, clock) = kiosk(dir.path());
    act(&k, json!({"type": "language", "locale": "en"}));
    act(&k, json!({"type": "service", "id": "resident-certificate"}));
    next(&k, json!({"kind": "copy"}));
    let cfg = SessionConfig::default();
    clock.advance(cfg.idle_timeout - cfg.warning_lead);
    k.tick();
    let v = serde_json::to_value(k.view()).expect("view");
    assert_eq!(v["warning"]["seconds_left"], 30);
    assert_eq!(v["warning"]["text"], "In 30 seconds, your answers will be deleted and the kiosk will start again.");
    clock.advance(Duration::from_secs(30));
    k.tick();
    let v = serde_json::to_value(k.view()).expect("view");
    assert_eq!(v["screen"], "welcome");
    assert!(k.effect_log().iter().any(|e| e == "wipe:timeout"), "{:?}", k.effect_log());
}

#[test]
fn identify_offers_typing_when_no_reader_is_attached() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (k, _clock) = kiosk(dir.path());
    act(&k, json!({"type": "language", "locale": "zh-CN"}));
    let v = act(&k, json!({"type": "service", "id": "passport-reissue"}));
    assert_eq!(v["screen"], "identify");
    let options: Vec<&str> =
        v["body"]["options"].as_array().expect("options").iter().map(|o| o["id"].as_str().expect("id")).collect();
    assert_eq!(options, ["type"]);
    assert_eq!(v["body"]["card_note"], "证件读取器目前无法使用，请手动输入。");
    let v = act(&k, json!({"type": "identify_typed"}));
    assert_eq!(v["body"]["counter"], "第 1 步，共 13 步");
}

#[test]
fn texts_cover_every_kiosk_and_error_id_in_every_locale() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (k, _clock) = kiosk(dir.path());
    let ko = k.texts("ko").expect("ko");
    assert!(ko.contains_key("errors-outbox-disk-full"));
    for l in Locale::ALL {
        let texts = k.texts(l.tag()).expect("locale");
        assert_eq!(texts.len(), ko.len());
    }
    assert_eq!(k.texts("xx").expect_err("unknown").code, "api.unknown-locale");
}

/// An identity source that answers each read from a script, and reports removal when told.
struct ScriptedSource {
    answers: std::collections::VecDeque<minwon_engine::identity::SourceEvent>,
    pending: Option<minwon_core::session::DocumentKey>,
    out: std::collections::VecDeque<minwon_engine::identity::SourceEvent>,
    keys: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
    remove: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl minwon_engine::identity::IdentitySource for ScriptedSource {
    fn available(&self) -> bool {
        true
    }
    fn begin_read(&mut self, key: minwon_core::session::DocumentKey) {
        let typed = match &key {
            DocumentKey::Mrz { number, birth_date, expiry } => format!("{number}/{birth_date}/{expiry}"),
            DocumentKey::Can(can) => format!("can:{can}"),
        };
        self.keys.lock().expect("lock").push(typed);
        self.pending = Some(key);
    }
    fn cancel_read(&mut self) {
        self.pending = None;
    }
    fn poll_event(&mut self) -> Option<minwon_engine::identity::SourceEvent> {
        if self.pending.take().is_some() {
            if let Some(a) = self.answers.pop_front() {
                self.out.push_back(a);
            }
        }
        if self.remove.swap(false, std::sync::atomic::Ordering::SeqCst) {
            self.out.push_back(minwon_engine::identity::SourceEvent::Removed);
        }
        self.out.pop_front()
    }
}

#[test]
fn a_document_read_prefills_a_failure_explains_and_removal_wipes() {
    use minwon_core::document::{DocumentField, DocumentValue};
    use minwon_engine::identity::SourceEvent;
    let dir = tempfile::tempdir().expect("temp dir");
    let (k, _clock) = kiosk(dir.path());
    let doc = minwon_core::DocumentData { verified: true, ..Default::default() }
        .with_text(DocumentField::Surname, "HONG")
        .with_text(DocumentField::GivenNames, "GILSOON")
        .with_text(DocumentField::BirthDate, "1948-03-15");
    let mut doc = doc;
    doc.values
        .insert(DocumentField::Photo, DocumentValue::Image { mime: "image/jpeg".into(), bytes: vec![0xFF, 0xD8] });
    let keys = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let remove = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    k.set_identity_source(Box::new(ScriptedSource {
        answers: [SourceEvent::Failed { code: "card.access-denied" }, SourceEvent::Read(Box::new(doc))].into(),
        pending: None,
        out: Default::default(),
        keys: keys.clone(),
        remove: remove.clone(),
    }));
    act(&k, json!({"type": "language", "locale": "en"}));
    let v = act(&k, json!({"type": "service", "id": "passport-reissue"}));
    assert_eq!(v["body"]["options"][0]["id"], "document", "the reader is offered first");
    act(&k, json!({"type": "choose_document"}));
    let key =
        json!({"type": "document_key", "number": "s1234 5678", "birth_date": "1948-03-16", "expiry": "2034-03-14"});
    assert_eq!(act(&k, key)["screen"], "reading");
    k.tick();
    let v = serde_json::to_value(k.view()).expect("view");
    assert_eq!(v["screen"], "document_key");
    assert_eq!(v["body"]["banner"]["code"], "card.access-denied");
    assert!(v["body"]["banner"]["text"].as_str().expect("text").starts_with("Your document could not be opened"));
    let key =
        json!({"type": "document_key", "number": "S12345678", "birth_date": "1948-03-15", "expiry": "2034-03-14"});
    act(&k, key);
    k.tick();
    assert_eq!(*keys.lock().expect("lock"), ["S12345678/480316/340314", "S12345678/480315/340314"]);
    next(&k, json!({"reason": "expired"}));
    let v = next(&k, json!({"pages": "58"}));
    let fields = v["body"]["fields"].as_array().expect("fields");
    assert_eq!(fields[0]["value"], "HONG");
    assert_eq!(fields[0]["provenance"], "chip_verified");
    assert_eq!(fields[0]["provenance_text"], "Verified by the ID chip");
    // The visitor takes the passport away: everything is wiped.
    remove.store(true, std::sync::atomic::Ordering::SeqCst);
    k.tick();
    let v = serde_json::to_value(k.view()).expect("view");
    assert_eq!(v["screen"], "welcome");
    assert!(k.effect_log().iter().any(|e| e == "wipe:identity_removed"), "{:?}", k.effect_log());
}

#[test]
fn easy_korean_speaks_plainly_and_is_korean_underneath() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (k, _clock) = kiosk(dir.path());
    let v = serde_json::to_value(k.view()).expect("view");
    let languages: Vec<&str> =
        v["body"]["languages"].as_array().expect("list").iter().map(|l| l["id"].as_str().expect("id")).collect();
    assert_eq!(languages, ["ko", "ko-easy", "en", "zh-CN", "vi"], "the welcome screen offers easy Korean second");
    let v = act(&k, json!({"type": "language", "locale": "ko-easy"}));
    assert_eq!((v["locale"].as_str(), v["lang"].as_str()), (Some("ko-easy"), Some("ko")));
    assert_eq!(v["title"], "무엇을 하러 오셨나요?");
    let v = act(&k, json!({"type": "service", "id": "passport-reissue"}));
    let v = if v["screen"] == "identify" { act(&k, json!({"type": "identify_typed"})) } else { v };
    assert_eq!(v["title"], "여권을 왜 새로 만드세요?");
    let labels: Vec<&str> = v["body"]["fields"][0]["choices"]
        .as_array()
        .expect("choices")
        .iter()
        .map(|c| c["label"].as_str().expect("label"))
        .collect();
    assert!(labels.contains(&"도장 찍을 쪽이 모자라요"), "not 사증란 부족: {labels:?}");
    let v = next(&k, json!({}));
    assert_eq!(v["body"]["fields"][0]["error"]["text"], "이 칸이 비어 있어요. 써넣어 주세요.");
}

#[test]
fn keys_of_the_on_screen_keyboard_compose_in_the_engine_and_only_in_the_boxes_shown() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (k, _clock) = kiosk(dir.path());
    act(&k, json!({"type": "start"}));
    act(&k, json!({"type": "service", "id": "lost-item-report"}));
    // The first step is a choice: nothing to type, no keyboard, no box.
    let v = act(&k, json!({"type": "next", "answers": {"item": "wallet"}}));
    assert!(v.get("keyboard").is_some_and(Value::is_null) || v.get("keyboard").is_none(), "a choice has no keyboard");
    let key = |value: &str, key: Value| {
        let action: Action =
            serde_json::from_value(json!({"type": "key", "input": "f-description", "value": value, "key": key}))
                .expect("a key action");
        k.act(action)
    };
    assert_eq!(
        key("", json!({"char": "ㄱ"})).map(|_| ()).map_err(|e| e.code),
        Err("api.bad-request".to_string()),
        "no such box on this screen"
    );
    let v = next(&k, json!({"contents": ["cash"]}));
    let layouts: Vec<&str> = v["keyboard"]["layouts"]
        .as_array()
        .expect("keyboards")
        .iter()
        .map(|l| l["layout"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(layouts, ["hangul", "latin", "digits"], "a free text takes all three");
    assert_eq!(v["body"]["fields"][0]["boxes"][0]["input"], "f-description");
    // Typed key by key: the engine composes, the page only shows.
    let mut text = String::new();
    for j in "ㄱㅏㄹㅅㅐㄱ".chars() {
        let v = serde_json::to_value(key(&text, json!({"char": j.to_string()})).expect("typed")).expect("serialises");
        text = v["typed"]["value"].as_str().expect("a value").to_owned();
    }
    assert_eq!(text, "갈색");
    let v = serde_json::to_value(key(&text, json!("backspace")).expect("typed")).expect("serialises");
    assert_eq!(v["typed"]["value"], "갈새", "backspace takes one jamo");
    let v = serde_json::to_value(key("", json!("backspace")).expect("typed")).expect("serialises");
    assert_eq!(v["typed"]["refused"]["code"], "empty");
    assert!(!v["typed"]["refused"]["text"].as_str().unwrap_or("").is_empty(), "said in words");
    // A page that claims a value longer than the box holds changes nothing.
    let long = "가".repeat(201);
    assert_eq!(key(&long, json!({"char": "ㄱ"})).map(|_| ()).map_err(|e| e.code), Err("api.bad-request".to_string()));
    let full = "가".repeat(200);
    let v = serde_json::to_value(key(&full, json!({"char": "ㅏ"})).expect("answered")).expect("serialises");
    assert_eq!(v["typed"]["value"], full.as_str(), "a full box stays as it was");
    assert_eq!(v["typed"]["refused"]["code"], "full");
    // The answer only echoes the key pressed; a poll carries no `typed`.
    let polled = serde_json::to_value(k.view()).expect("serialises");
    assert!(polled.get("typed").is_none());
}

/// The 전입신고's household: a counted repeat, each person on a screen of their own ("2 of 2"),
/// each listed in the review with a change button of their own, each in the outbox by instance.
#[test]
fn a_moving_in_report_lists_each_household_member() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (k, _clock) = kiosk(dir.path());
    act(&k, json!({"type": "language", "locale": "en"}));
    act(&k, json!({"type": "service", "id": "moving-in-report"}));
    act(&k, json!({"type": "identify_typed"}));
    let address = json!({"postcode": "03154", "line1": "서울특별시 종로구 세종대로 209", "line2": "101호"});
    for answers in [
        json!({"name": "김민수"}),
        json!({"resident-number": "480315-2345677"}),
        json!({"previous-address": address}),
        json!({"new-address": address}),
        json!({"move-date": "2026-11-20"}),
        json!({"household": "new-household"}),
        json!({"relation": "head"}),
    ] {
        next(&k, answers);
    }
    let v = next(&k, json!({"members": "2"}));
    assert_eq!(v["title"], "Who moved with you?");
    assert_eq!(v["body"]["repeat"]["counter"], "1 of 2");
    assert!(v["body"]["repeat"]["add"].is_null(), "a counted repeat has no 'add another'");
    let v = next(
        &k,
        json!({"member-name": "김하나", "member-resident-number": "150315-4234567", "member-relation": "child"}),
    );
    assert_eq!(v["title"], "Who moved with you?", "the second person, on the same question");
    assert_eq!(v["body"]["repeat"]["counter"], "2 of 2");
    assert!(v["body"]["fields"][0]["value"].is_null(), "the second person starts empty");
    next(&k, json!({"member-name": "김두리", "member-resident-number": "480315-2345677", "member-relation": "spouse"}));
    next(&k, json!({"mobile": "010-2345-6789"}));
    let v = next(&k, json!({"privacy-consent": true}));
    assert_eq!(v["screen"], "review");
    let items = v["body"]["items"].as_array().expect("items");
    let names: Vec<(&str, u64, &str)> = items
        .iter()
        .filter(|i| i["field"] == "member-name")
        .map(|i| {
            (
                i["label"].as_str().expect("label"),
                i["instance"].as_u64().expect("instance"),
                i["value"].as_str().expect("value"),
            )
        })
        .collect();
    assert_eq!(names, [("Name (1)", 0, "김하나"), ("Name (2)", 1, "김두리")]);
    // The second person changed from the review, and back to it.
    let v = act(&k, json!({"type": "edit", "step": 8, "instance": 1}));
    assert_eq!(v["body"]["repeat"]["counter"], "2 of 2");
    assert_eq!(v["body"]["fields"][0]["value"], "김두리");
    let v = next(&k, json!({"member-name": "김두나"}));
    assert_eq!(v["screen"], "review");
    act(&k, json!({"type": "submit"}));
    let pending = k.with_outbox(|o| o.unsent(10)).expect("lists");
    let sub = k.with_outbox(|o| o.open_submission(&pending[0])).expect("opens");
    let members: Vec<(Option<u32>, String)> = sub
        .answers
        .iter()
        .filter(|a| a.field == "member-name")
        .map(|a| (a.instance, serde_json::to_value(&a.value).expect("json").as_str().unwrap_or_default().to_owned()))
        .collect();
    assert_eq!(members, [(Some(1), "김하나".to_owned()), (Some(2), "김두나".to_owned())]);
}
