//! The journeys as tables: scripted inputs on a fake clock, the screens and effects they must give.

use super::*;
use crate::document::DocumentField;
use crate::form::FormId;
use crate::validate::ErrorCode;

const FORM: &str = r#"
id = "passport-reissue"
version = 3
identify = true
sign = "intro"
[[steps]]
id = "name"
sign = "s-name"
fields = [
  { id = "surname", type = "text", required = true, prefill = "document.surname" },
  { id = "given-names", type = "text", required = true, prefill = "document.given_names" },
  { id = "address", type = "address", prefill = "document.address" },
]
[[steps]]
id = "phone"
sign = "s-phone"
fields = [{ id = "phone", type = "phone", check = "mobile", required = true }]
[[steps]]
id = "consent"
sign = "s-consent"
fields = [{ id = "consent", type = "consent", required = true }]
"#;

const S: u64 = 1000;
const T0: u64 = 1_790_000_000_000;

fn session() -> Session {
    let catalog = Catalog::from_sources([("p.toml", FORM)]).expect("test form parses");
    Session::new(Arc::new(catalog), SessionConfig::default())
}

fn slip(number: &str, queued_at: Timestamp) -> super::Receipt {
    super::Receipt { number: number.into(), queued_at, queue: None }
}

fn text(s: &str) -> Option<Answer> {
    Some(Answer::Text(s.into()))
}

/// Runs `(seconds after T0, input, expected screen afterwards)` rows.
fn run(s: &mut Session, rows: &[(u64, Input, Screen)]) -> Vec<Effect> {
    let mut effects = vec![];
    for (i, (secs, input, want)) in rows.iter().enumerate() {
        s.handle(input.clone(), Timestamp(T0 + secs * S));
        while let Some(e) = s.poll() {
            effects.push(e);
        }
        assert_eq!(s.screen(), *want, "row {i}: after {input:?}");
    }
    effects
}

fn to_review() -> Vec<(u64, Input, Screen)> {
    use Screen::*;
    vec![
        // The welcome waits; a language touched on it starts the visit in that language.
        (0, Input::Tick, Welcome),
        (1, Input::ChooseLanguage(Locale::En), Service),
        (2, Input::ChooseService(FormId("passport-reissue".into())), Identify),
        (3, Input::IdentifyByTyping, Step(0)),
        (4, Input::SetAnswer { field: "surname".into(), answer: text("Hong") }, Step(0)),
        (5, Input::Next, Step(0)),
        (6, Input::SetAnswer { field: "given-names".into(), answer: text(" Gil  Dong ") }, Step(0)),
        (7, Input::Next, Step(1)),
        (8, Input::SetAnswer { field: "phone".into(), answer: text("01012345678") }, Step(1)),
        (9, Input::Next, Step(2)),
        (10, Input::SetAnswer { field: "consent".into(), answer: Some(Answer::Consent(true)) }, Step(2)),
        (11, Input::Next, Review),
    ]
}

fn spoken(effects: &[Effect]) -> Vec<Vec<String>> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Speak(g) => Some(
                g.parts
                    .iter()
                    .map(|p| match p {
                        crate::Speech::Message { id, args } if args.is_empty() => id.clone(),
                        crate::Speech::Message { id, args } => {
                            format!(
                                "{id}({})",
                                args.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(",")
                            )
                        }
                        crate::Speech::Value { text } => format!("'{text}'"),
                        crate::Speech::Personal { id, args } => format!(
                            "personal:{id}({})",
                            args.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(",")
                        ),
                        crate::Speech::Shown { id, args } => format!(
                            "shown:{id}({})",
                            args.iter()
                                .map(|a| format!("{}={:?}{}", a.var, a.said, if a.personal { "!" } else { "" }))
                                .collect::<Vec<_>>()
                                .join(",")
                        ),
                    })
                    .collect(),
            ),
            _ => None,
        })
        .collect()
}

#[test]
fn every_screen_is_said_and_signed_once_and_the_welcome_waits_in_silence() {
    use Screen::*;
    let mut s = session();
    let mut rows = to_review();
    rows.push((12, Input::Submit, Submitting));
    rows.push((13, Input::Queued(slip("A-0427", Timestamp(T0 + 13 * S))), Receipt));
    let mut changes = 0;
    let mut last = s.screen();
    for (secs, input, want) in rows {
        let effects = run(&mut s, &[(secs, input.clone(), want)]);
        let said = spoken(&effects);
        let clips = effects.iter().filter(|e| matches!(e, Effect::PlayClip(_))).count();
        if want != last || matches!(input, Input::Next) {
            changes += 1;
            assert_eq!(said.len(), 1, "{input:?} → {want:?}: said once: {said:?}");
            assert_eq!(clips, 1, "{input:?}: one clip");
            assert!(said[0].len() >= 2, "{input:?}: a script, not a word: {said:?}");
        }
        last = want;
    }
    assert!(changes >= 8);
    // The step: its number, question and each field with its value; an error first.
    let mut s = session();
    let effects = run(&mut s, &to_review()[..4]);
    let step = spoken(&effects).pop().expect("the first step is said");
    assert_eq!(
        step,
        [
            "guide-step(number=1,count=3)",
            "forms-passport-reissue-step-name",
            "forms-passport-reissue-step-name.hint",
            "forms-passport-reissue-surname",
            "guide-value-empty",
            "forms-passport-reissue-given-names",
            "guide-value-empty",
            "forms-passport-reissue-address",
            "guide-value-empty",
            "guide-next"
        ]
    );
    let effects = run(&mut s, &[(5, Input::Next, Step(0))]);
    let step = spoken(&effects).pop().expect("the error is said");
    assert_eq!(step[0], "guide-errors(count=2)");
    assert_eq!(&step[4..6], ["forms-passport-reissue-surname", "errors-field-required"]);
    let effects = run(
        &mut s,
        &[(6, Input::SetAnswer { field: "surname".into(), answer: text("Hong") }, Step(0)), (7, Input::Next, Step(0))],
    );
    let step = spoken(&effects).pop().expect("said again");
    // Through the speakers a personal value is only "filled in".
    assert!(step.contains(&"guide-value-hidden".to_string()), "{step:?}");
    assert!(!step.iter().any(|p| p.contains("Hong")), "the name is not said to the room: {step:?}");
    // A redraw that changes nothing says nothing; repeat and help say it again.
    let effects = run(&mut s, &[(8, Input::SetTextSize(TextSize::Large), Step(0))]);
    assert!(spoken(&effects).is_empty());
    let effects = run(&mut s, &[(9, Input::Repeat, Step(0))]);
    assert_eq!(spoken(&effects), std::slice::from_ref(&step));
    let effects = run(&mut s, &[(10, Input::Help, Step(0))]);
    let help = spoken(&effects).pop().expect("help is said");
    // A step with a box to type into also says how the number keys type.
    assert_eq!(&help[..3], ["guide-help-keys", "guide-help-typing", "guide-help-staff"]);
    assert_eq!(&help[3..], &step[..]);
    // In voice mode (her earphones) the value is said, marked personal.
    let effects = run(&mut s, &[(10, Input::SetVoiceMode(true), Step(0))]);
    let private = spoken(&effects).pop().expect("said in voice mode");
    assert!(private.contains(&"personal:guide-value(value=Hong)".to_string()), "{private:?}");
    run(&mut s, &[(10, Input::SetVoiceMode(false), Step(0))]);
    // Leaving stops the voice, and the empty welcome screen says nothing.
    let effects = run(&mut s, &[(11, Input::Cancel, Step(0)), (12, Input::ConfirmCancel, Welcome)]);
    let cancel = spoken(&effects);
    assert_eq!(cancel, [vec!["kiosk-cancel-title".to_string(), "guide-cancel".into()]]);
    assert_eq!(effects.last(), Some(&Effect::ShowScreen(Welcome)));
    assert!(effects.contains(&Effect::StopSpeech));
    // The receipt number is spelled out.
    let mut s = session();
    let mut rows = to_review();
    rows.push((12, Input::Submit, Submitting));
    rows.push((13, Input::Queued(slip("A-0427", Timestamp(T0 + 13 * S))), Receipt));
    let receipt = spoken(&run(&mut s, &rows)).pop().expect("the receipt is said");
    assert!(receipt.contains(&"guide-receipt-number(number=A 0 4 2 7)".to_string()), "{receipt:?}");
}

#[test]
fn a_whole_journey_enqueues_normalised_answers_and_forgets_them_after_the_receipt() {
    use Screen::*;
    let mut s = session();
    let mut rows = to_review();
    rows.push((12, Input::Submit, Submitting));
    let effects = run(&mut s, &rows);
    let sub = effects
        .iter()
        .find_map(|e| match e {
            Effect::Enqueue(sub) => Some(sub.clone()),
            _ => None,
        })
        .expect("submit enqueues");
    assert_eq!(sub.form_version, 3);
    assert_eq!(sub.locale, Locale::En);
    assert_eq!(sub.identity, IdentityMethod::Typed);
    let values: Vec<_> = sub.answers.iter().map(|a| (a.field.as_str(), a.value.clone())).collect();
    assert_eq!(
        values,
        [
            ("surname", Answer::Text("Hong".into())),
            ("given-names", Answer::Text("Gil Dong".into())),
            ("phone", Answer::Text("010-1234-5678".into())),
            ("consent", Answer::Consent(true)),
        ]
    );
    let receipt = slip("A-0001", Timestamp(T0 + 13 * S));
    let effects = run(&mut s, &[(13, Input::Queued(receipt.clone()), Receipt)]);
    assert!(effects.contains(&Effect::Print(receipt.clone())));
    assert_eq!(s.answer("surname"), None, "answers are dropped once queued");
    assert_eq!(s.receipt(), Some(&receipt));
    let effects = run(&mut s, &[(20, Input::Finish, Welcome)]);
    assert!(effects.contains(&Effect::Wipe(WipeReason::Finished)));
    assert_eq!(s.receipt(), None);
}

#[test]
fn next_stays_on_a_step_with_an_error_code() {
    use Screen::*;
    let mut s = session();
    let mut rows = to_review()[..4].to_vec();
    rows.push((4, Input::Next, Step(0)));
    run(&mut s, &rows);
    assert_eq!(s.error("surname").map(|e| e.code), Some(ErrorCode::Required));
    run(&mut s, &[(5, Input::SetAnswer { field: "surname".into(), answer: text("Hong") }, Step(0))]);
    assert_eq!(s.error("surname"), None, "editing a field clears its error");
}

#[test]
fn back_walks_the_journey_in_reverse() {
    use Screen::*;
    let mut s = session();
    run(&mut s, &to_review());
    run(
        &mut s,
        &[
            (12, Input::Back, Step(2)),
            (13, Input::Back, Step(1)),
            (14, Input::Back, Step(0)),
            (15, Input::Back, Identify),
            (16, Input::Back, Service),
            (17, Input::Back, Welcome),
        ],
    );
    assert_eq!(s.answer("surname"), None, "going back past the service screen ends the visit");
}

#[test]
fn edit_from_review_returns_to_review() {
    use Screen::*;
    let mut s = session();
    run(&mut s, &to_review());
    run(
        &mut s,
        &[
            (12, Input::Edit { step: 1, instance: 0 }, Step(1)),
            (13, Input::SetAnswer { field: "phone".into(), answer: text("010-9999-8888") }, Step(1)),
            (14, Input::Next, Review),
            (15, Input::Edit { step: 9, instance: 0 }, Review),
        ],
    );
    assert_eq!(s.answer("phone").map(|a| a.0.clone()), Some(Answer::Text("010-9999-8888".into())));
}

#[test]
fn cancel_asks_first_then_wipes() {
    use Screen::*;
    let mut s = session();
    run(&mut s, &to_review()[..5]);
    run(&mut s, &[(5, Input::Cancel, Step(0))]);
    assert!(s.confirming_cancel());
    run(&mut s, &[(6, Input::KeepGoing, Step(0))]);
    assert!(!s.confirming_cancel());
    assert!(s.answer("surname").is_some());
    run(&mut s, &[(7, Input::Cancel, Step(0))]);
    let effects = run(&mut s, &[(8, Input::ConfirmCancel, Welcome)]);
    assert!(effects.contains(&Effect::Wipe(WipeReason::Cancelled)));
    assert_eq!(s.answer("surname"), None);
    assert_eq!(s.locale(), Locale::Ko, "the next visitor starts in Korean");
}

#[test]
fn inactivity_warns_then_wipes_and_more_time_is_unlimited() {
    use Screen::*;
    let mut s = session();
    run(&mut s, &to_review()[..5]); // last activity at 4 s
    assert_eq!(s.poll_timeout(), Some(Timestamp(T0 + 94 * S)), "warning 30 s before the 120 s timeout");
    run(&mut s, &[(93, Input::Tick, Step(0))]);
    assert_eq!(s.warning(), None);
    let effects = run(&mut s, &[(94, Input::Tick, Step(0))]);
    assert_eq!(s.warning(), Some(Timestamp(T0 + 124 * S)));
    let warning = Guidance {
        parts: vec![crate::Speech::Message { id: "guide-warning".into(), args: vec![("seconds".into(), "30".into())] }],
        clip: "screen-warning".into(),
    };
    assert_eq!(
        effects,
        [Effect::ShowScreen(Step(0)), Effect::PlayClip("screen-warning".into()), Effect::Speak(warning)],
        "the warning is shown, signed and said"
    );
    // More time, as often as the visitor needs: each time the warning comes 90 s later.
    let mut last = 123;
    for _ in 0..10 {
        run(&mut s, &[(last, Input::MoreTime, Step(0))]);
        assert_eq!(s.warning(), None);
        run(&mut s, &[(last + 89, Input::Tick, Step(0))]);
        assert_eq!(s.warning(), None);
        run(&mut s, &[(last + 90, Input::Tick, Step(0))]);
        assert_eq!(s.warning(), Some(Timestamp(T0 + (last + 120) * S)));
        last += 119;
    }
    assert!(s.answer("surname").is_some(), "more time keeps every answer");
    let effects = run(&mut s, &[(last + 1, Input::Tick, Welcome)]);
    assert!(effects.contains(&Effect::Wipe(WipeReason::Timeout)));
    assert_eq!(s.answer("surname"), None);
}

#[test]
fn welcome_has_no_timer_and_the_receipt_warns_before_it_goes() {
    use Screen::*;
    let mut s = session();
    assert_eq!(s.poll_timeout(), None);
    let mut rows = to_review();
    rows.push((12, Input::Submit, Submitting));
    run(&mut s, &rows);
    assert_eq!(s.poll_timeout(), None, "no timeout while the engine stores the submission");
    let receipt = slip("A-0002", Timestamp(T0));
    // She copies her number: the receipt stays, then warns before it goes, like every timeout.
    run(&mut s, &[(13, Input::Queued(receipt), Receipt), (102, Input::Tick, Receipt)]);
    assert_eq!(s.warning(), None, "still there after 90 s");
    let deadline = 13 + s.config().receipt_timeout.as_secs();
    let lead = s.config().warning_lead.as_secs();
    run(&mut s, &[(deadline - lead, Input::Tick, Receipt)]);
    assert!(s.warning().is_some(), "warned before leaving");
    run(&mut s, &[(deadline - 1, Input::MoreTime, Receipt)]);
    assert_eq!(s.warning(), None, "more time keeps the receipt");
    let deadline = deadline - 1 + s.config().receipt_timeout.as_secs();
    let effects = run(&mut s, &[(deadline, Input::Tick, Welcome)]);
    assert!(effects.contains(&Effect::Wipe(WipeReason::Finished)));
}

#[test]
fn a_failed_enqueue_keeps_every_answer_and_shows_the_code() {
    use Screen::*;
    let mut s = session();
    let mut rows = to_review();
    rows.push((12, Input::Submit, Submitting));
    rows.push((13, Input::QueueFailed { code: "outbox.disk_full".into() }, Review));
    run(&mut s, &rows);
    assert_eq!(s.banner(), Some("outbox.disk_full"));
    assert!(s.answer("phone").is_some());
    run(&mut s, &[(14, Input::Submit, Submitting)]);
    assert_eq!(s.banner(), None);
}

#[test]
fn submit_sends_the_visitor_to_the_first_step_in_error() {
    use Screen::*;
    let mut s = session();
    run(&mut s, &to_review());
    run(&mut s, &[(12, Input::Edit { step: 1, instance: 0 }, Step(1))]);
    // A value cleared from review: submit must catch it.
    s.visit.answers.remove("phone");
    run(&mut s, &[(13, Input::Back, Review), (14, Input::Submit, Step(1))]);
    assert_eq!(s.error("phone").map(|e| e.code), Some(ErrorCode::Required));
    assert!(s.returning_to_review());
}

#[test]
fn a_document_prefills_and_its_removal_wipes() {
    use Screen::*;
    let mut s = session();
    let doc = DocumentData { verified: true, ..Default::default() }
        .with_text(DocumentField::Surname, "HONG")
        .with_text(DocumentField::GivenNames, "GILDONG");
    run(
        &mut s,
        &[
            (0, Input::Start, Service),
            (2, Input::ChooseService(FormId("passport-reissue".into())), Identify),
            (3, Input::ChooseDocument, DocumentKey),
            (3, key("S12345678", "1948-03-15", "2034-03-14"), Reading),
            (3, Input::DocumentRead(doc), Step(0)),
        ],
    );
    assert_eq!(s.answer("surname"), Some((&Answer::Text("HONG".into()), Provenance::ChipVerified)));
    run(&mut s, &[(4, Input::SetAnswer { field: "given-names".into(), answer: text("GIL DONG") }, Step(0))]);
    assert_eq!(s.answer("given-names").map(|a| a.1), Some(Provenance::Typed), "a changed value is typed");
    run(&mut s, &[(5, Input::SetAnswer { field: "surname".into(), answer: text("HONG") }, Step(0))]);
    assert_eq!(s.answer("surname").map(|a| a.1), Some(Provenance::ChipVerified), "unchanged stays verified");
    let effects = run(&mut s, &[(6, Input::IdentityRemoved, Welcome)]);
    assert!(effects.contains(&Effect::Wipe(WipeReason::IdentityRemoved)));
    assert!(s.document().is_none());
}

fn key(number: &str, birth: &str, expiry: &str) -> Input {
    Input::SubmitDocumentKey { number: number.into(), birth_date: birth.into(), expiry: expiry.into() }
}

/// A session on the document-key screen of the passport form, at 2 s.
fn at_document_key() -> Session {
    use Screen::*;
    let mut s = session();
    run(
        &mut s,
        &[
            (0, Input::ChooseLanguage(Locale::Ko), Service),
            (1, Input::ChooseService(FormId("passport-reissue".into())), Identify),
            (2, Input::ChooseDocument, DocumentKey),
        ],
    );
    s
}

#[test]
fn the_card_access_number_is_the_other_way_in() {
    use Screen::*;
    let mut s = at_document_key();
    run(&mut s, &[(3, Input::KeyByCan(true), DocumentKey)]);
    assert!(s.key_by_can());
    for (typed, code) in [("", ErrorCode::Required), ("12345", ErrorCode::Can), ("12a456", ErrorCode::Can)] {
        run(&mut s, &[(4, Input::SubmitCan { can: typed.into() }, DocumentKey)]);
        assert_eq!(s.error(CAN_FIELD).map(|e| e.code), Some(code), "{typed:?}");
    }
    let effects = run(&mut s, &[(5, Input::SubmitCan { can: "246 813".into() }, Reading)]);
    assert!(effects.contains(&Effect::ReadDocument(super::DocumentKey::Can("246813".into()))), "{effects:?}");
    assert_eq!(s.error(CAN_FIELD), None);
    run(&mut s, &[(6, Input::ReadFailed { code: "card.wrong-can".into() }, DocumentKey)]);
    assert_eq!((s.key_by_can(), s.can_entry(), s.banner()), (true, Some("246 813"), Some("card.wrong-can")));
    // Back to the number and dates: the banner about the CAN goes.
    run(&mut s, &[(7, Input::KeyByCan(false), DocumentKey)]);
    assert_eq!((s.key_by_can(), s.banner()), (false, None));
    // The CAN does nothing on other screens.
    let mut other = session();
    run(&mut other, &[(0, Input::SubmitCan { can: "246813".into() }, Welcome)]);
}

#[test]
fn reading_a_document_asks_for_its_key_then_prefills() {
    use Screen::*;
    let mut s = at_document_key();
    run(&mut s, &[(3, key("", "1948-13-01", ""), DocumentKey)]);
    let codes: Vec<_> = KEY_FIELDS.iter().map(|f| s.error(f).map(|e| e.code)).collect();
    assert_eq!(codes, [Some(ErrorCode::Required), Some(ErrorCode::InvalidDate), Some(ErrorCode::Required)]);
    let effects = run(&mut s, &[(4, key("s1234 5678", "1948-03-15", "20340314"), Reading)]);
    let want =
        super::DocumentKey::Mrz { number: "S12345678".into(), birth_date: "480315".into(), expiry: "340314".into() };
    assert!(effects.contains(&Effect::ReadDocument(want)), "{effects:?}");
    // A wrong key: back to the key screen with the reason, and what was typed kept.
    run(&mut s, &[(5, Input::ReadFailed { code: "card.access-denied".into() }, DocumentKey)]);
    assert_eq!(s.banner(), Some("card.access-denied"));
    assert_eq!(s.key_entry().map(|k| k.0), Some("s1234 5678"));
    run(&mut s, &[(6, key("S12345678", "1948-03-15", "2034-03-14"), Reading)]);
    let checks = crate::document::DocumentChecks {
        sod_signature: "succeeded".into(),
        document_signer: "not-checked:no-trusted-csca".into(),
        ..Default::default()
    };
    let doc = DocumentData { verified: false, checks: Some(checks.clone()), ..Default::default() }
        .with_text(DocumentField::Surname, "HONG")
        .with_text(DocumentField::Address, "서울특별시 종로구 세종대로 209");
    run(&mut s, &[(7, Input::DocumentRead(doc), Step(0))]);
    assert_eq!(s.identity(), Some(IdentityMethod::Document));
    assert_eq!(s.answer("surname").map(|a| a.1), Some(Provenance::ChipUnverified));
    match s.answer("address") {
        Some((Answer::Address(a), Provenance::ChipUnverified)) => {
            assert_eq!(a.line1, "서울특별시 종로구 세종대로 209")
        }
        other => panic!("address not prefilled: {other:?}"),
    }
    assert_eq!(s.key_entry(), None, "the typed key is forgotten once read");
    // The verdicts travel with the submission, for the counter clerk.
    let effects = run(
        &mut s,
        &[
            (8, Input::SetAnswer { field: "given-names".into(), answer: text("GILSOON") }, Step(0)),
            (8, Input::SetAnswer { field: "address".into(), answer: None }, Step(0)),
            (9, Input::Next, Step(1)),
            (10, Input::SetAnswer { field: "phone".into(), answer: text("010-1234-5678") }, Step(1)),
            (11, Input::Next, Step(2)),
            (12, Input::SetAnswer { field: "consent".into(), answer: Some(Answer::Consent(true)) }, Step(2)),
            (13, Input::Next, Review),
            (14, Input::Submit, Submitting),
        ],
    );
    let sub = effects.iter().find_map(|e| match e {
        Effect::Enqueue(sub) => Some(sub),
        _ => None,
    });
    assert_eq!(sub.and_then(|s| s.document_checks.clone()), Some(checks));
}

#[test]
fn leaving_while_reading_stops_the_read() {
    use Screen::*;
    let mut s = at_document_key();
    run(&mut s, &[(3, key("S12345678", "1948-03-15", "2034-03-14"), Reading)]);
    let effects = run(&mut s, &[(4, Input::Back, DocumentKey)]);
    assert!(effects.contains(&Effect::CancelRead));
    run(&mut s, &[(5, key("S12345678", "1948-03-15", "2034-03-14"), Reading)]);
    let effects = run(&mut s, &[(200, Input::Tick, Welcome)]);
    assert!(effects.contains(&Effect::CancelRead), "a timeout while reading stops the reader too");
    assert!(effects.contains(&Effect::Wipe(WipeReason::Timeout)));
}

#[test]
fn inputs_out_of_place_are_ignored() {
    use Screen::*;
    let mut s = session();
    let t = Timestamp(T0);
    for input in [
        Input::Submit,
        Input::Next,
        Input::Back,
        Input::Finish,
        Input::ConfirmCancel,
        Input::Edit { step: 0, instance: 0 },
        Input::SetAnswer { field: "surname".into(), answer: text("x") },
        Input::Queued(slip("A-0001", t)),
        Input::IdentityRemoved,
        Input::ChooseService(FormId("nope".into())),
    ] {
        assert!(!s.handle(input.clone(), t), "{input:?} on the welcome screen");
        assert_eq!(s.screen(), Welcome);
    }
    run(&mut s, &[(1, Input::ChooseLanguage(Locale::Vi), Service)]);
    assert!(!s.handle(Input::ChooseService(FormId("nope".into())), Timestamp(T0 + 2 * S)));
    assert!(!s.handle(Input::SetAnswer { field: "x".into(), answer: None }, Timestamp(T0 + 2 * S)));
    assert_eq!(s.screen(), Service);
}

#[test]
fn preferences_reset_for_the_next_visitor() {
    let mut s = session();
    let t = Timestamp(T0);
    s.handle(Input::SetTextSize(TextSize::Largest), t);
    s.handle(Input::SetHighContrast(true), t);
    s.handle(Input::Start, t);
    assert_eq!(s.prefs().text_size, TextSize::Largest);
    s.handle(Input::Cancel, t);
    assert_eq!(s.prefs(), Preferences::default());
}

#[test]
fn the_consent_step_says_what_is_collected_why_for_how_long_and_that_she_may_refuse() {
    let mut s = session();
    let effects = run(&mut s, &to_review()[..10]);
    assert_eq!(s.screen(), Screen::Step(2), "on the consent step");
    let said = spoken(&effects).pop().expect("the consent step is said");
    let at = |id: &str| said.iter().position(|p| p == id).unwrap_or_else(|| panic!("{id} is said: {said:?}"));
    let purpose = at("forms-consent-purpose");
    let items = at("forms-consent-items");
    let retention = at("forms-consent-retention");
    let refusal = at("forms-consent-refusal");
    assert!(purpose < items && items < retention && retention < refusal, "in the order of §15(2): {said:?}");
    assert_eq!(said[purpose + 1], "forms-consent-purpose.text");
    assert_eq!(
        &said[items + 1..retention],
        [
            "forms-passport-reissue-surname",
            "forms-passport-reissue-given-names",
            "forms-passport-reissue-address",
            "forms-passport-reissue-phone"
        ],
        "every personal field of the form, by its label, and not the consent itself"
    );
    assert_eq!(said[refusal + 1], "forms-consent-refusal.text");
}

#[test]
fn what_a_key_typed_is_said_only_in_voice_mode_and_only_as_personal() {
    use Screen::*;
    let mut s = session();
    run(&mut s, &[(0, Input::Start, Service)]);
    let typed = || Input::Typed { said: "guide-typed-key", value: "기역".into(), found: None };
    let effects = run(&mut s, &[(1, typed(), Service)]);
    assert!(spoken(&effects).is_empty(), "not through the speakers: {:?}", spoken(&effects));
    run(&mut s, &[(2, Input::SetVoiceMode(true), Service)]);
    let effects = run(&mut s, &[(3, typed(), Service)]);
    assert_eq!(spoken(&effects), [vec!["personal:guide-typed-key(value=기역)".to_string()]]);
}
