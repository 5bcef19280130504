//! Every step said aloud: a whole visit through the engine with a transcript for a speaker.

use minwon_core::Timestamp;
use minwon_engine::{Action, Kiosk, KioskConfig, ManualClock};
use minwon_hardware::speech::{Rate, Transcript};
use serde_json::{json, Value};
use std::sync::Arc;

const T0: u64 = 1_795_741_200_000;

fn act(k: &Kiosk, action: Value) -> Value {
    let action: Action = serde_json::from_value(action.clone()).unwrap_or_else(|e| panic!("{action}: {e}"));
    serde_json::to_value(k.act(action).expect("action accepted")).expect("views serialise")
}

#[test]
fn the_lost_wallet_report_is_said_step_by_step_in_vietnamese() {
    let dir = tempfile::tempdir().expect("temp dir");
    let clock = ManualClock::new(Timestamp(T0));
    let k = Kiosk::open(KioskConfig::new(dir.path().to_path_buf()), Arc::new(clock)).expect("opens");
    let transcript = Transcript::default();
    k.set_speaker(Box::new(transcript.clone()));
    let said = || transcript.said.lock().expect("lock").clone();

    act(&k, json!({"type": "language", "locale": "vi"}));
    act(&k, json!({"type": "service", "id": "lost-item-report"}));
    act(&k, json!({"type": "next", "answers": {}}));
    let mut screens = 3;
    for answers in [
        json!({"item": "wallet"}),
        json!({"contents": ["residence-card", "bank-card"]}),
        json!({"description": "Ví da màu nâu"}),
        json!({"lost-date": "2026-11-21"}),
        json!({"lost-area": "transport"}),
        json!({"lost-spot": "subway"}),
        json!({"lost-place": "Ga Jongno 3-ga"}),
        json!({"name": "Nguyễn Thị Lan"}),
        json!({"mobile": "010 9876 5432"}),
        json!({"contact-by": "text-message"}),
        json!({"privacy-consent": true}),
    ] {
        act(&k, json!({"type": "next", "answers": answers}));
        screens += 1;
    }
    let v = act(&k, json!({"type": "submit"}));
    assert_eq!(v["screen"], "receipt");
    screens += 1; // the receipt ("submitting" is superseded before it is said: the outbox is quick)

    let said = said();
    assert_eq!(said.len(), screens, "each screen, and the error, said once");
    for (voice, segments) in &said {
        assert_eq!((voice.language.as_str(), voice.rate, voice.volume), ("vi", Rate::Normal, 70));
        assert!(segments.len() >= 2, "{segments:?}");
        for s in segments {
            assert!(
                !s.text.trim().is_empty() && !s.text.starts_with("guide-") && !s.text.starts_with("forms-"),
                "{s:?}"
            );
        }
    }
    let text = |i: usize| said[i].1.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" ");
    assert!(text(0).starts_with("Chúng tôi có thể giúp gì cho bạn?"), "the service screen: {}", text(0));
    assert!(text(1).starts_with("Bước 1 trên 11. Bạn bị mất gì?"), "the first step: {}", text(1));
    assert!(text(2).starts_with("Có 1 chỗ cần sửa."), "the error comes first: {}", text(2));
    assert!(text(2).contains("Vui lòng điền mục này."), "and is said: {}", text(2));
    // Through the speakers, typed personal values are not read back: only that they are filled in.
    for private in ["Ví da màu nâu", "Nguyễn", "9 8 7 6"] {
        assert!(!said.iter().any(|(_, s)| s.iter().any(|x| x.text.contains(private))), "{private} said to the room");
    }
    assert!(said.iter().any(|(_, s)| s.iter().any(|x| x.text.starts_with("Đã điền."))), "said to be filled in");
    let receipt = text(said.len() - 1);
    assert!(receipt.contains("A 0 0 0 1"), "the receipt number, spelled: {receipt}");

    // Captions: what is said is also shown.
    let v = act(&k, json!({"type": "repeat"}));
    assert!(v["guidance"]["caption"].as_str().expect("caption").contains("A 0 0 0 1"), "{}", v["guidance"]);
    assert_eq!(v["guidance"]["clip"], "screen-receipt");
    transcript.said.lock().expect("lock").pop();
    // A visitor asks for staff: the alert is recorded (no personal data), the notice shown and said.
    let v = act(&k, json!({"type": "call_staff"}));
    assert_eq!(v["staff_called"], "Đã gọi nhân viên, họ sẽ đến giúp bạn ngay.");
    let alerts = k.with_outbox(|o| o.unsent_alerts()).expect("alerts");
    assert_eq!(alerts.iter().map(|a| (a.0.as_str(), a.1.as_str())).collect::<Vec<_>>(), [("call-staff", "receipt")]);
    let called = transcript.said.lock().expect("lock").pop().expect("said");
    assert!(called.1[0].text.starts_with("Đã gọi nhân viên"), "{:?}", called.1[0]);
    // Slower, then help; then the visit ends and the voice stops.
    act(&k, json!({"type": "speech_rate", "rate": "slow"}));
    act(&k, json!({"type": "help"}));
    let after = transcript.said.lock().expect("lock").clone();
    assert_eq!(after.len(), said.len() + 2);
    assert_eq!(after[after.len() - 2].0.rate, Rate::Slow, "said again at the new rate");
    assert!(after[after.len() - 1].1[0].text.starts_with("Cách dùng bàn phím"), "help starts with the keys");
    act(&k, json!({"type": "finish"}));
    let log = k.effect_log();
    assert_eq!(log.last().map(String::as_str), Some("show:welcome"));
    assert!(log.contains(&"stop-speech".to_string()));
    assert!(log.iter().any(|e| e.starts_with("speak:lost-item-report-")), "form steps name their sign clip: {log:?}");
    let joined = log.join("\n");
    for private in ["Nguyễn", "9876", "Ví da"] {
        assert!(!joined.contains(private), "the log holds no personal data ({private})");
    }
    assert_eq!(transcript.said.lock().expect("lock").len(), after.len(), "the empty welcome screen says nothing");
}

#[test]
fn plugging_headphones_turns_voice_mode_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let clock = ManualClock::new(Timestamp(T0));
    let k = Kiosk::open(KioskConfig::new(dir.path().to_path_buf()), Arc::new(clock)).expect("opens");
    let transcript = Transcript::default();
    k.set_speaker(Box::new(transcript.clone()));
    assert!(!k.view().voice_mode);
    k.headphones(true);
    assert!(k.view().voice_mode, "plugged in: voice mode");
    let said = transcript.said.lock().expect("lock").clone();
    assert_eq!(said.len(), 1);
    assert_eq!(said[0].1[0].message.as_deref(), Some("guide-voice-on"));
    assert_eq!(said[0].1[1].message.as_deref(), Some("guide-help-keys"), "then how to use the keys");
    k.headphones(false);
    assert!(k.view().voice_mode, "pulled out: voice mode stays for this visitor");
    k.headphones(true);
    assert_eq!(transcript.said.lock().expect("lock").len(), 1, "already on: nothing said twice");
    let log = k.effect_log();
    assert!(log.contains(&"headphones:plugged".to_string()) && log.contains(&"headphones:unplugged".to_string()));
}

#[test]
fn personal_values_go_only_into_earphones_and_never_into_captions() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (k, transcript) = listening_kiosk(dir.path());
    let heard = || heard_all(&transcript);
    act(&k, json!({"type": "language", "locale": "en"}));
    act(&k, json!({"type": "service", "id": "lost-item-report"}));
    for answers in [
        json!({"item": "wallet"}),
        json!({}),
        json!({"description": "Brown leather"}),
        json!({"lost-date": "2026-11-21"}),
        json!({"lost-area": "transport"}),
        json!({"lost-spot": "subway"}),
        json!({"lost-place": "Jongno 3-ga"}),
        json!({"name": "Nguyen Thi Lan"}),
    ] {
        act(&k, json!({"type": "next", "answers": answers}));
    }
    // On the review, through the speakers: not her name.
    act(&k, json!({"type": "next", "answers": {"mobile": "010 9876 5432"}}));
    let v = act(&k, json!({"type": "next", "answers": {"contact-by": "call"}}));
    let v =
        if v["screen"] == "step" { act(&k, json!({"type": "next", "answers": {"privacy-consent": true}})) } else { v };
    assert_eq!(v["screen"], "review", "{v}");
    for private in ["Nguyen Thi Lan", "9 8 7 6", "Brown leather"] {
        assert!(!heard().contains(private), "{private} said to the room");
        assert!(!v["guidance"]["caption"].as_str().unwrap_or("").contains(private), "{private} in the caption");
    }
    // She plugs in earphones: voice mode, and the review read into them, with her name.
    k.headphones(true);
    let v = act(&k, json!({"type": "repeat"}));
    assert!(heard().contains("Nguyen Thi Lan"), "read back into her earphones");
    assert!(heard().contains("0 1 0 9 8 7 6 5 4 3 2"), "the number digit by digit");
    let caption = v["guidance"]["caption"].as_str().expect("a caption").to_owned();
    assert!(!caption.contains("Nguyen") && !caption.contains("9876") && !caption.contains("9 8 7 6"), "{caption}");
    assert!(caption.contains("It is filled in."), "{caption}");
    // She pulls them out: voice mode stays for her, but nothing personal goes to the room.
    transcript.said.lock().expect("lock").clear();
    k.headphones(false);
    act(&k, json!({"type": "repeat"}));
    assert!(!heard().is_empty(), "the review is said again");
    assert!(!heard().contains("Nguyen Thi Lan"), "not through the speakers");
    let log = k.effect_log().join("\n");
    assert!(!log.contains("Nguyen") && !log.contains("9876"), "the log holds no personal value");
}

/// A box announced in voice mode (focus reaching it, or `*` to read it back) holds what was
/// typed: into the earphones only; pulled out, the room hears that it is filled in.
#[test]
fn a_box_read_back_is_said_only_into_earphones() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (k, transcript) = listening_kiosk(dir.path());
    let heard = || heard_all(&transcript);
    act(&k, json!({"type": "language", "locale": "en"}));
    act(&k, json!({"type": "service", "id": "lost-item-report"}));
    act(&k, json!({"type": "next", "answers": {"item": "wallet"}}));
    act(&k, json!({"type": "next", "answers": {}}));
    k.headphones(true);
    let read_back = json!({"type": "announce", "control": "f-description", "text": "Description: Brown leather"});
    act(&k, read_back.clone());
    assert!(heard().contains("Brown leather"), "read into her earphones: {}", heard());
    transcript.said.lock().expect("lock").clear();
    k.headphones(false);
    act(&k, read_back);
    assert!(!heard().contains("Brown leather"), "not to the room: {}", heard());
    assert!(!heard().is_empty(), "the room hears that the box is filled in");
    // A button is no box: its words are said as they are.
    transcript.said.lock().expect("lock").clear();
    act(&k, json!({"type": "announce", "control": "nav-next", "text": "Next, button"}));
    assert!(heard().contains("Next, button"), "{}", heard());
    let log = k.effect_log();
    assert!(
        log.contains(&"announce:f-description".to_string()) && log.contains(&"announce:nav-next".to_string()),
        "{log:?}"
    );
    assert!(!log.join("\n").contains("Brown"), "the log holds no personal value");
}

#[test]
fn a_keypad_search_for_an_address_says_how_many_it_found_when_that_changes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (k, transcript) = listening_kiosk(dir.path());
    k.headphones(true);
    act(&k, json!({"type": "language", "locale": "ko"}));
    act(&k, json!({"type": "service", "id": "library-card"}));
    act(&k, json!({"type": "next", "answers": {"name": "김민수"}}));
    act(&k, json!({"type": "next", "answers": {"birth-date": "1948-03-15"}}));
    act(&k, json!({"type": "next", "answers": {"mobile": "01023456789"}}));
    let press = |value: &str, key: Value| {
        transcript.said.lock().expect("lock").clear();
        let v = act(&k, json!({"type": "keypad", "input": "f-address-search", "value": value, "key": key}));
        (heard_all(&transcript), v)
    };
    // 8 is ㅅ in 천지인: every road and building with that initial — more than the few shown.
    let (heard, v) = press("", json!({"digit": "8"}));
    assert_eq!(v["typed"]["value"], "ㅅ");
    assert_eq!(v["addresses"]["found"].as_array().map(Vec::len), Some(minwon_engine::address::SHOWN), "{v}");
    assert!(heard.contains("주소가 5개보다 많습니다"), "the count follows the key's name: {heard}");
    // Still more than five: the key is said, the count is not said again.
    let (heard, v) = press("ㅅ", json!({"digit": "9"}));
    assert_eq!(v["typed"]["value"], "ㅅㅈ");
    assert!(v["addresses"]["found"].as_array().is_some_and(|f| f.len() == 5), "{v}");
    assert!(!heard.contains("주소가") && !heard.is_empty(), "only the key: {heard}");
    // A road that is not there.
    let (heard, _) = press("없는길", json!("erase"));
    assert!(heard.contains("찾는 주소가 없습니다"), "{heard}");
    let log = k.effect_log().join("\n");
    assert!(!log.contains("없는") && !log.contains("ㅅㅈ"), "what she typed is not logged: {log}");
}

/// A kiosk whose speech is written down.
fn listening_kiosk(dir: &std::path::Path) -> (Kiosk, Transcript) {
    let clock = ManualClock::new(Timestamp(T0));
    let k = Kiosk::open(KioskConfig::new(dir.to_path_buf()), Arc::new(clock)).expect("opens");
    let transcript = Transcript::default();
    k.set_speaker(Box::new(transcript.clone()));
    (k, transcript)
}

/// Everything said so far, in one text.
fn heard_all(transcript: &Transcript) -> String {
    let said = transcript.said.lock().expect("lock");
    said.iter().flat_map(|(_, s)| s.iter().map(|x| x.text.clone())).collect::<Vec<_>>().join(" ")
}
