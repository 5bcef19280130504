//! The form's logic in a visit, on the fake clock: skip logic forward and back (an earlier answer
//! changed hides a later step and drops its answer), required and constraint as expressions,
//! cascading choices, defaults and calculations in the submission.

use super::*;
use crate::form::FormId;
use crate::validate::ErrorCode;

const LOGIC: &str = r#"
id = "passport_loss"
version = 1
sign = "intro"
[[steps]]
id = "reason"
sign = "s-reason"
fields = [
  { id = "reason", type = "single_choice", choices = ["lost", "damaged", "expired"], required = true, personal = false },
  { id = "born", type = "date", required = true },
  { id = "age", type = "calculate", calculate = "int((today() - ${born}) div 365.25)" },
]
[[steps]]
id = "loss"
sign = "s-loss"
relevant = "${reason} = 'lost'"
fields = [
  { id = "lost_on", type = "date", required = true, constraint = ". <= today()" },
  { id = "police", type = "single_choice", choices = ["yes", "no"], default = "no", personal = false },
  { id = "police_no", type = "text", relevant = "${police} = 'yes'", required_if = "${age} >= 19" },
]
[[steps]]
id = "where"
sign = "s-where"
fields = [
  { id = "province", type = "single_choice", choices = ["seoul", "busan"], personal = false },
  { id = "district", type = "single_choice", choices = ["jongno", "mapo", "haeundae"], personal = false, choice_filter = "province = ${province}", choice_columns = { province = ["seoul", "seoul", "busan"] } },
  { id = "senior", type = "note", relevant = "${age} >= 65" },
]
"#;

const S: u64 = 1000;
/// 2026-12-02 in Korea.
const T0: u64 = 1_796_173_200_000;

fn session() -> Session {
    let catalog = Catalog::from_sources([("l.toml", LOGIC)]).expect("the logic form parses");
    let mut s = Session::new(Arc::new(catalog), SessionConfig::default());
    for input in [Input::Start, Input::ChooseService(FormId("passport_loss".into()))] {
        s.handle(input, Timestamp(T0));
    }
    s
}

fn text(s: &str) -> Option<Answer> {
    Some(Answer::Text(s.into()))
}

fn step(s: &mut Session, rows: &[(&str, Option<Answer>)], then: Input) -> Screen {
    for (field, answer) in rows {
        assert!(s.handle(Input::SetAnswer { field: (*field).into(), answer: answer.clone() }, Timestamp(T0 + S)));
    }
    s.handle(then, Timestamp(T0 + 2 * S));
    s.screen()
}

#[test]
fn an_earlier_answer_decides_which_steps_are_asked_and_drops_what_is_no_longer_asked() {
    use Screen::*;
    let mut s = session();
    assert_eq!(s.screen(), Step(0));
    assert_eq!(s.shown_steps(), [0, 2], "nothing chosen yet: the loss step is not asked");
    assert_eq!(step(&mut s, &[("reason", text("lost")), ("born", text("1948-03-01"))], Input::Next), Step(1));
    assert_eq!(s.answer("age").map(|(a, p)| (a.clone(), p)), Some((Answer::Text("78".into()), Provenance::Calculated)));
    assert_eq!(s.answer("police").map(|(a, _)| a.clone()), text("no"), "the default");
    // The police number is asked only when reported, and then required for an adult.
    assert_eq!(step(&mut s, &[("lost_on", text("2026-11-30")), ("police", text("yes"))], Input::Next), Step(1));
    assert_eq!(s.error("police_no").map(|e| e.code), Some(ErrorCode::Required));
    assert_eq!(step(&mut s, &[("police_no", text("2026-0042"))], Input::Next), Step(2));
    // Back to the first step and another reason: the loss step goes, and its answers with it.
    assert_eq!(step(&mut s, &[], Input::Back), Step(1));
    assert_eq!(step(&mut s, &[], Input::Back), Step(0));
    assert_eq!(step(&mut s, &[("reason", text("damaged"))], Input::Next), Step(2), "the loss step is skipped");
    for gone in ["lost_on", "police", "police_no"] {
        assert!(s.answer(gone).is_none(), "{gone} was dropped with its step");
    }
    assert_eq!(step(&mut s, &[], Input::Back), Step(0), "and skipped going back too");
    assert_eq!(s.shown_steps(), [0, 2]);
}

#[test]
fn a_constraint_refuses_and_a_choice_filter_narrows() {
    use Screen::*;
    let mut s = session();
    step(&mut s, &[("reason", text("lost")), ("born", text("1990-01-01"))], Input::Next);
    assert_eq!(step(&mut s, &[("lost_on", text("2027-01-01"))], Input::Next), Step(1));
    assert_eq!(s.error("lost_on").map(|e| e.code), Some(ErrorCode::Constraint), "a day still to come");
    assert_eq!(step(&mut s, &[("lost_on", text("2026-12-01"))], Input::Next), Step(2));
    let form = s.form().cloned().expect("a form");
    let district = form.field("district").expect("district");
    assert_eq!(s.choices(district), Vec::<&str>::new(), "no province, no district");
    step(&mut s, &[("province", text("seoul"))], Input::Tick);
    assert_eq!(s.choices(district), ["jongno", "mapo"]);
    step(&mut s, &[("district", text("mapo"))], Input::Tick);
    // Another province: the district chosen in the first is no longer offered, and goes.
    step(&mut s, &[("province", text("busan"))], Input::Tick);
    assert!(s.answer("district").is_none());
    // A district of another province, sent anyway, is not taken.
    step(&mut s, &[("district", text("jongno"))], Input::Tick);
    assert!(s.answer("district").is_none());
    assert_eq!(
        s.check_logic(district, Some(&Answer::Text("jongno".into()))).map_err(|e| e.code),
        Err(ErrorCode::UnknownChoice)
    );
    assert!(!s.relevant(form.field("senior").expect("note")), "the note is for those 65 and over");
}

#[test]
fn the_submission_holds_the_calculation_and_nothing_that_was_not_asked() {
    use Screen::*;
    let mut s = session();
    step(&mut s, &[("reason", text("expired")), ("born", text("1948-03-01"))], Input::Next);
    assert_eq!(step(&mut s, &[("province", text("busan")), ("district", text("haeundae"))], Input::Next), Review);
    s.handle(Input::Submit, Timestamp(T0 + 3 * S));
    let mut submission = None;
    while let Some(e) = s.poll() {
        if let Effect::Enqueue(sub) = e {
            submission = Some(sub);
        }
    }
    let sub = submission.expect("submitted");
    let fields: Vec<(&str, Provenance)> = sub.answers.iter().map(|a| (a.field.as_str(), a.provenance)).collect();
    assert_eq!(
        fields,
        [
            ("reason", Provenance::Typed),
            ("born", Provenance::Typed),
            ("age", Provenance::Calculated),
            ("province", Provenance::Typed),
            ("district", Provenance::Typed),
        ],
        "the loss step's default was dropped with its step"
    );
}
