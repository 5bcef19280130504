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
    visit(LOGIC, "passport_loss")
}

/// A visit to the one form `src` defines (its id `form`), started on the fake clock.
fn visit(src: &str, form: &str) -> Session {
    let catalog = Catalog::from_sources([("f.toml", src)]).expect("the form parses");
    let mut s = Session::new(Arc::new(catalog), SessionConfig::default());
    for input in [Input::Start, Input::ChooseService(FormId(form.into()))] {
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
    let sub = enqueued(&mut s);
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

const HOUSEHOLD: &str = r#"
id = "moving"
version = 1
sign = "intro"
[[steps]]
id = "count"
sign = "s-count"
fields = [{ id = "movers", type = "number", min = 0, max = 5, personal = false }]
[[steps]]
id = "mover"
sign = "s-mover"
repeat = { count = "${movers}" }
fields = [
  { id = "mover_name", type = "text", required = true },
  { id = "mover_relation", type = "single_choice", choices = ["spouse", "child", "other"], personal = false },
  { id = "mover_other", type = "text", relevant = "${mover_relation} = 'other'", required = true },
]
[[steps]]
id = "pet"
sign = "s-pet"
repeat = { max = 3 }
fields = [{ id = "pet_name", type = "text", required = true, default = "Nabi" }]
"#;

fn household() -> Session {
    visit(HOUSEHOLD, "moving")
}

/// Submits and returns what the session hands the outbox.
fn enqueued(s: &mut Session) -> Submission {
    s.handle(Input::Submit, Timestamp(T0 + 9 * S));
    let mut found = None;
    while let Some(e) = s.poll() {
        if let Effect::Enqueue(sub) = e {
            found = Some(sub);
        }
    }
    found.expect("submitted")
}

fn submitted(s: &mut Session) -> Vec<(String, Option<u32>, Answer)> {
    enqueued(s).answers.into_iter().map(|a| (a.field, a.instance, a.value)).collect()
}

#[test]
fn a_counted_repeat_asks_each_instance_and_its_own_logic_reads_the_same_instance() {
    use Screen::*;
    let mut s = household();
    assert_eq!(s.shown_steps(), [0, 2], "no movers counted: the repeat is not asked");
    assert_eq!(step(&mut s, &[("movers", text("2"))], Input::Next), Step(1));
    assert_eq!(s.instance(), Some((0, 2)));
    assert_eq!(s.can_add_remove(), (false, false), "a counted repeat is neither added to nor removed from");
    assert_eq!(step(&mut s, &[("mover_name", text("Kim"))], Input::Next), Step(1));
    assert_eq!(s.instance(), Some((1, 2)), "the second mover");
    assert!(s.answer("mover_name").is_none(), "the second instance starts empty");
    let form = s.form().cloned().expect("form");
    let other = form.field("mover_other").expect("field");
    assert!(!s.relevant(other));
    step(&mut s, &[("mover_name", text("Lee")), ("mover_relation", text("other"))], Input::Tick);
    assert!(s.relevant(other), "asked in the instance that chose other");
    assert!(!s.relevant_at(other, 0), "and not in the first");
    assert_eq!(step(&mut s, &[], Input::Next), Step(1));
    assert_eq!(s.error("mover_other").map(|e| e.code), Some(ErrorCode::Required));
    assert_eq!(step(&mut s, &[("mover_other", text("cousin"))], Input::Next), Step(2));
    // Back walks the instances backwards.
    assert_eq!(step(&mut s, &[], Input::Back), Step(1));
    assert_eq!(s.instance(), Some((1, 2)), "back into the repeat at its last instance");
    assert_eq!(step(&mut s, &[], Input::Back), Step(1));
    assert_eq!(s.instance(), Some((0, 2)));
    assert_eq!(step(&mut s, &[], Input::Back), Step(0));
    // Fewer movers: the second one's answers go.
    assert_eq!(step(&mut s, &[("movers", text("1"))], Input::Next), Step(1));
    assert_eq!(s.answer_at("mover_name", 0).map(|a| a.0.clone()), text("Kim"));
    assert!(s.answer_at("mover_name", 1).is_none() && s.answer_at("mover_other", 1).is_none());
    assert_eq!(step(&mut s, &[], Input::Next), Step(2));
    assert_eq!(step(&mut s, &[], Input::Next), Review, "the pet repeat's one instance has its default");
    let answers = submitted(&mut s);
    assert_eq!(
        answers,
        [
            ("movers".into(), None, Answer::Text("1".into())),
            ("mover_name".into(), Some(1), Answer::Text("Kim".into())),
            ("pet_name".into(), Some(1), Answer::Text("Nabi".into())),
        ]
    );
}

#[test]
fn a_repeat_the_visitor_adds_to_grows_shrinks_and_is_edited_from_the_review() {
    use Screen::*;
    let mut s = household();
    assert_eq!(step(&mut s, &[("movers", text("0"))], Input::Next), Step(2));
    assert_eq!(s.instance(), Some((0, 1)));
    assert_eq!(s.can_add_remove(), (true, false), "one pet, the fewest: it can only grow");
    step(&mut s, &[("pet_name", None)], Input::Tick);
    assert_eq!(step(&mut s, &[], Input::AddInstance), Step(2));
    assert_eq!(s.instance(), Some((0, 1)), "an incomplete instance is not left behind");
    assert_eq!(s.error("pet_name").map(|e| e.code), Some(ErrorCode::Required));
    step(&mut s, &[("pet_name", text("Bori"))], Input::AddInstance);
    assert_eq!(s.instance(), Some((1, 2)));
    assert_eq!(s.answer("pet_name").map(|a| a.0.clone()), text("Nabi"), "each new instance gets the default");
    step(&mut s, &[("pet_name", text("Coco"))], Input::AddInstance);
    assert_eq!(s.instance(), Some((2, 3)));
    assert_eq!(s.can_add_remove(), (false, true), "three is the most");
    assert!(!s.handle(Input::AddInstance, Timestamp(T0 + 3 * S)), "no fourth");
    step(&mut s, &[("pet_name", text("Dubu"))], Input::Tick);
    // Remove the second: the third moves up.
    assert_eq!(step(&mut s, &[], Input::Back), Step(2));
    assert_eq!(s.instance(), Some((1, 3)));
    assert_eq!(step(&mut s, &[], Input::RemoveInstance), Step(2));
    assert_eq!(s.instance(), Some((1, 2)));
    assert_eq!(s.answer("pet_name").map(|a| a.0.clone()), text("Dubu"));
    assert_eq!(step(&mut s, &[], Input::Next), Review);
    // Edit the first from the review, and back to the review.
    assert!(!s.handle(Input::Edit { step: 2, instance: 2 }, Timestamp(T0 + 4 * S)), "no third instance now");
    assert_eq!(step(&mut s, &[], Input::Edit { step: 2, instance: 0 }), Step(2));
    assert_eq!(s.answer("pet_name").map(|a| a.0.clone()), text("Bori"));
    assert_eq!(step(&mut s, &[("pet_name", text("Bom"))], Input::Next), Review);
    let pets: Vec<(Option<u32>, Answer)> =
        submitted(&mut s).into_iter().filter(|a| a.0 == "pet_name").map(|a| (a.1, a.2)).collect();
    assert_eq!(pets, [(Some(1), Answer::Text("Bom".into())), (Some(2), Answer::Text("Dubu".into()))]);
}

#[test]
fn a_repeat_that_does_not_fit_is_refused_with_its_reason() {
    let cases = [
        (HOUSEHOLD.replace("repeat = { max = 3 }", "repeat = { max = 99 }"), "from 1 to 50"),
        (HOUSEHOLD.replace("repeat = { max = 3 }", "repeat = { min = 4, max = 3 }"), "min no more than max"),
        (HOUSEHOLD.replace("default = \"Nabi\"", "relevant = \"${mover_name} != ''\""), "asked in repeat mover"),
        (HOUSEHOLD.replace("${movers}", "${mover_name}"), "asked in repeat mover"),
        (HOUSEHOLD.replace("{ id = \"pet_name\", type = \"text\"", "{ id = \"pet_name\", type = \"photo\""), "photo"),
    ];
    for (src, needle) in cases {
        let e = Form::parse("h", &src).map(|_| ()).expect_err(needle).to_string();
        assert!(e.contains(needle), "{e:?} should mention {needle:?}");
    }
}

const SHOWS: &str = r#"
id = "shows"
version = 1
sign = "intro"
[[steps]]
id = "who"
sign = "s-who"
fields = [
  { id = "name", type = "text", required = true },
  { id = "reason", type = "single_choice", choices = ["lost", "damaged"], personal = false },
]
[[steps]]
id = "check"
sign = "s-check"
fields = [{ id = "confirm", type = "note", shows = ["name", "reason"] }]
[[steps]]
id = "member"
sign = "s-member"
repeat = { count = "2", max = 2 }
fields = [
  { id = "member_name", type = "text" },
  { id = "member_age", type = "number", shows = ["member_name", "_n"] },
]
[[steps]]
id = "last"
sign = "s-last"
fields = [{ id = "_n", type = "text", personal = false }]
"#;

fn shows() -> Session {
    visit(SHOWS, "shows")
}

/// The first spoken part for `label` in the guidance now.
fn shown_part(s: &Session, label: &str) -> Vec<crate::guidance::ShownArg> {
    crate::guidance::guidance(s)
        .parts
        .into_iter()
        .find_map(|p| match p {
            crate::Speech::Shown { id, args } if id == label => Some(args),
            _ => None,
        })
        .unwrap_or_else(|| panic!("{label} is said, showing answers"))
}

#[test]
fn a_label_shows_answers_a_personal_one_only_into_the_earphones_and_in_a_repeat_its_own_instance() {
    use crate::guidance::Said;
    let mut s = shows();
    assert_eq!(step(&mut s, &[("name", text("김영희")), ("reason", text("lost"))], Input::Next), Screen::Step(1));
    let form = s.form().cloned().expect("form");
    let label = form.label_id(form.field("confirm").expect("field"));
    let hidden = Said::Message { id: "guide-shown-hidden".into(), args: vec![] };
    let reason = Said::Choices { ids: vec![form.choice_id(form.field("reason").expect("field"), "lost")] };
    // Out loud in the room: the name is "what you entered", the reason (not personal) its label.
    let said = shown_part(&s, &label);
    assert_eq!(
        said.iter().map(|a| (a.var.as_str(), &a.said, a.personal)).collect::<Vec<_>>(),
        [("name", &hidden, false), ("reason", &reason, false)]
    );
    // In voice mode, into her earphones: the name itself, marked personal; captions still hide it.
    s.handle(Input::SetVoiceMode(true), Timestamp(T0 + S));
    let said = shown_part(&s, &label);
    assert_eq!(said[0].said, Said::Text { text: "김영희".into() });
    assert!(said[0].personal);
    let public = crate::guidance::guidance(&s).parts.iter().map(crate::Speech::public).collect::<Vec<_>>();
    assert!(!format!("{public:?}").contains("김영희"), "the room never reads the name");
    // In the repeat, each instance shows its own member; `_n` (not yet asked) shows nothing.
    assert_eq!(step(&mut s, &[], Input::Next), Screen::Step(2));
    let age = form.label_id(form.field("member_age").expect("field"));
    step(&mut s, &[("member_name", text("Kim"))], Input::Next);
    assert_eq!(s.instance(), Some((1, 2)));
    step(&mut s, &[("member_name", text("Lee"))], Input::Tick);
    let said = shown_part(&s, &age);
    assert_eq!(said[0].said, Said::Text { text: "Lee".into() });
    assert_eq!((said[1].var.as_str(), &said[1].said), ("v_n", &Said::Text { text: String::new() }));
    assert_eq!(s.shown(form.field("member_age").expect("field"), 0)[0].2, text("Kim").as_ref());
}

const TALLY: &str = r#"
id = "tally"
version = 1
sign = "intro"
[[steps]]
id = "count"
sign = "s-count"
fields = [{ id = "movers", type = "number", min = 0, max = 5, personal = false }]
[[steps]]
id = "mover"
sign = "s-mover"
repeat = { count = "${movers}" }
fields = [
  { id = "mover_name", type = "text" },
  { id = "mover_age", type = "number", constraint = "sum(${mover_age}) <= 200" },
]
[[steps]]
id = "after"
sign = "s-after"
fields = [
  { id = "people", type = "calculate", calculate = "count(${mover})" },
  { id = "ages", type = "calculate", calculate = "sum(${mover_age})" },
  { id = "elders", type = "note", relevant = "sum(${mover_age}) > 100", shows = ["people"] },
]
"#;

#[test]
fn count_and_sum_read_every_instance_of_a_repeat() {
    use Screen::*;
    let mut s = visit(TALLY, "tally");
    assert_eq!(step(&mut s, &[("movers", text("2"))], Input::Next), Step(1));
    assert_eq!(step(&mut s, &[("mover_name", text("Kim")), ("mover_age", text("70"))], Input::Next), Step(1));
    // The constraint adds up every instance (the second, not answered yet, adds nothing): 70 and
    // 140 is more than 200.
    assert_eq!(step(&mut s, &[("mover_name", text("Lee")), ("mover_age", text("140"))], Input::Next), Step(1));
    assert_eq!((s.instance(), s.error("mover_age").map(|e| e.code)), (Some((1, 2)), Some(ErrorCode::Constraint)));
    assert_eq!(step(&mut s, &[("mover_age", text("110"))], Input::Next), Step(2));
    let form = s.form().cloned().expect("form");
    assert_eq!(s.answer("people").map(|a| a.0.clone()), text("2"), "count() counts the instances");
    assert_eq!(s.answer("ages").map(|a| a.0.clone()), text("180"), "sum() adds their answers");
    assert!(s.relevant(form.field("elders").expect("field")), "180 years together: the note is shown");
    // One mover fewer: the count and the sum follow.
    assert_eq!(step(&mut s, &[], Input::Back), Step(1));
    assert_eq!(step(&mut s, &[], Input::Back), Step(1));
    assert_eq!(step(&mut s, &[], Input::Back), Step(0));
    assert_eq!(step(&mut s, &[("movers", text("1"))], Input::Next), Step(1));
    assert_eq!(
        (s.answer("people").map(|a| a.0.clone()), s.answer("ages").map(|a| a.0.clone())),
        (text("1"), text("70"))
    );
    assert!(!s.relevant(form.field("elders").expect("field")));
}

#[test]
fn count_and_sum_are_refused_where_they_cannot_be_worked_out() {
    for (edit, needle) in [
        (("repeat = { count = \"${movers}\" }", "repeat = { count = \"count(${mover})\" }"), "from before it only"),
        (
            (
                "id = \"count\"\nsign = \"s-count\"",
                "id = \"count\"\nsign = \"s-count\"\nrelevant = \"count(${mover}) > 0\"",
            ),
            "from before it only",
        ),
        (("count(${mover})", "count(${movers})"), "not a repeat nor in one"),
        (("count(${mover})", "count(1 + 1)"), "count() of an expression"),
        (("count(${mover})", "${mover}"), "does not ask"),
    ] {
        let src = TALLY.replace(edit.0, edit.1);
        assert_ne!(src, TALLY, "{needle}: the edit applies");
        let e = Catalog::from_sources([("t.toml", src.as_str())]).map(|_| ()).expect_err(needle).to_string();
        assert!(e.contains(needle), "{e:?} should say {needle:?}");
    }
}
