//! The guidance plan: what is said aloud and signed at each moment of a visit, as message ids.
//!
//! Every screen, dialog and form step has a script: what the screen shows (its
//! title, lead, question, each field with its current value and any error) and
//! what to do next. The script is a list of [`Speech`] parts: Fluent message ids
//! with arguments, worded in the visitor's language by the engine, and values
//! spoken as they stand. A recorded prompt can stand in for any message without
//! arguments. Each moment also names a sign-language clip, which the clip
//! manifest of the sign language maps to a file.

use crate::form::{FieldKind, Form};
use crate::session::{Screen, Session};
use crate::validate::Answer;
use serde::Serialize;

/// One part of what is said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Speech {
    /// A Fluent message, with its arguments (already text).
    Message { id: String, args: Vec<(String, String)> },
    /// A value as it stands (an answer, a receipt number): spoken, never looked up.
    Value { text: String },
    /// A message that holds a personal value (a name, a resident registration or phone number):
    /// in a script only in voice mode, the visitor's earphone mode, so it is said only into her
    /// earphones; never in the captions, which the whole room can read.
    Personal { id: String, args: Vec<(String, String)> },
    /// A form's text that shows answers (XLSForm `${name}` in a label, hint or constraint
    /// message), each argument worded by the engine. A personal answer is in it only in voice
    /// mode (her earphones); for the room it is "what you entered" ([`Speech::public`]).
    Shown { id: String, args: Vec<ShownArg> },
}

/// One answer a form's text shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShownArg {
    /// The Fluent variable ([`crate::form::shown_var`]).
    pub var: String,
    pub said: Said,
    /// Whether it is a personal answer (said only into the earphones, never captioned).
    pub personal: bool,
}

/// How an answer is worded inside a text: as it stands, or as a message (a choice's label, a date).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Said {
    Text {
        text: String,
    },
    Message {
        id: String,
        args: Vec<(String, String)>,
    },
    /// The labels of the choices made, one after another.
    Choices {
        ids: Vec<String>,
    },
}

impl Speech {
    pub fn message(id: impl Into<String>) -> Speech {
        Speech::Message { id: id.into(), args: Vec::new() }
    }

    fn with(id: impl Into<String>, args: &[(&str, String)]) -> Speech {
        Speech::Message { id: id.into(), args: args.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect() }
    }

    /// The message id, when this part is a message.
    pub fn id(&self) -> Option<&str> {
        match self {
            Speech::Message { id, .. } | Speech::Personal { id, .. } | Speech::Shown { id, .. } => Some(id),
            Speech::Value { .. } => None,
        }
    }

    /// The same part as the room may hear and read it: a personal value becomes "filled in".
    pub fn public(&self) -> Speech {
        match self {
            Speech::Personal { .. } => Speech::message("guide-value-hidden"),
            Speech::Shown { id, args } => {
                Speech::Shown { id: id.clone(), args: args.iter().map(ShownArg::public).collect() }
            }
            other => other.clone(),
        }
    }
}

impl ShownArg {
    /// As the room may hear and read it: a personal answer becomes "what you entered".
    pub fn public(&self) -> ShownArg {
        if !self.personal {
            return self.clone();
        }
        ShownArg {
            var: self.var.clone(),
            said: Said::Message { id: "guide-shown-hidden".into(), args: vec![] },
            personal: false,
        }
    }
}

/// What is said and signed now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Guidance {
    pub parts: Vec<Speech>,
    /// The sign-language clip id for this moment (a form step's `sign`, or `screen-<name>`).
    pub clip: String,
}

/// The clip ids of the moments that are not form steps (`screen-<name>`).
pub const SCREEN_CLIPS: [&str; 13] = [
    "screen-welcome",
    "screen-service",
    "screen-identify",
    "screen-document-key",
    "screen-document-can",
    "screen-reading",
    "screen-review",
    "screen-submitting",
    "screen-receipt",
    "screen-warning",
    "screen-cancel",
    "screen-help",
    "screen-step",
];

/// Every clip id the guidance can ask for with these forms: the screens', then each step's.
pub fn clip_ids(catalog: &crate::form::Catalog) -> Vec<String> {
    let mut ids: Vec<String> = SCREEN_CLIPS.iter().map(|s| (*s).to_owned()).collect();
    for form in catalog.forms() {
        for step in form.steps.iter().filter(|s| s.shows_anything()) {
            if !ids.contains(&step.sign) {
                ids.push(step.sign.clone());
            }
        }
    }
    ids
}

/// The Fluent id of a stable error code (`card.access-denied` → `errors-card-access-denied`).
pub fn error_id(code: &str) -> String {
    format!("errors-{}", code.replace('.', "-"))
}

/// The script for the moment the session is in.
pub fn guidance(s: &Session) -> Guidance {
    let screen = s.screen();
    let clip = |name: &str| format!("screen-{name}");
    if s.warning().is_some() {
        let seconds = s.config().warning_lead.as_secs().to_string();
        return Guidance { parts: vec![Speech::with("guide-warning", &[("seconds", seconds)])], clip: clip("warning") };
    }
    if s.confirming_cancel() {
        return Guidance {
            parts: vec![Speech::message("kiosk-cancel-title"), Speech::message("guide-cancel")],
            clip: clip("cancel"),
        };
    }
    let mut parts = Vec::new();
    if s.staff_called() {
        parts.push(Speech::message("guide-staff-called"));
    }
    if let Some(code) = s.banner() {
        parts.push(Speech::message(error_id(code)));
    }
    fn m(id: impl Into<String>) -> Speech {
        Speech::message(id)
    }
    let clip_id = match screen {
        Screen::Welcome => {
            parts.extend([m("kiosk-welcome-title"), m("kiosk-welcome-lead"), m("guide-welcome")]);
            clip("welcome")
        }
        Screen::Service => {
            parts.extend([m("kiosk-service-title"), m("kiosk-service-lead")]);
            for f in s.catalog().forms() {
                parts.push(m(f.title_id()));
            }
            parts.push(m("guide-choose"));
            clip("service")
        }
        Screen::Identify => {
            parts.extend([m("kiosk-identify-title"), m("kiosk-identify-lead"), m("guide-choose")]);
            clip("identify")
        }
        Screen::DocumentKey if s.key_by_can() => {
            parts.extend([m("kiosk-key-can-title"), m("kiosk-key-can-lead"), m("kiosk-key-can-help")]);
            field_errors(s, &mut parts, &[crate::session::CAN_FIELD], &["kiosk-key-can"]);
            clip("document-can")
        }
        Screen::DocumentKey => {
            parts.extend([m("kiosk-key-title"), m("kiosk-key-lead"), m("kiosk-key-help")]);
            let labels = ["kiosk-key-number", "kiosk-key-birth-date", "kiosk-key-expiry"];
            field_errors(s, &mut parts, &crate::session::KEY_FIELDS, &labels);
            clip("document-key")
        }
        Screen::Reading => {
            parts.extend([m("kiosk-reading-title"), m("kiosk-reading-text"), m("kiosk-reading-hint")]);
            clip("reading")
        }
        Screen::Step(i) => match s.form().and_then(|f| f.steps.get(i).map(|step| (f, step))) {
            Some((form, step)) => {
                let qid = form.question_id(step);
                let shown: Vec<&crate::form::Field> =
                    step.fields.iter().filter(|f| f.kind != FieldKind::Calculate && s.relevant(f)).collect();
                let errors = shown.iter().filter(|f| s.error(&f.id).is_some()).count();
                if errors > 0 {
                    parts.push(Speech::with("guide-errors", &[("count", errors.to_string())]));
                }
                // Counted as the screen counts: the steps the form's logic asks now.
                let steps = s.shown_steps();
                let number = steps.iter().position(|&x| x == i).map_or(steps.len(), |p| p + 1);
                parts.push(Speech::with(
                    "guide-step",
                    &[("number", number.to_string()), ("count", steps.len().to_string())],
                ));
                let k = s.instance().map_or(0, |(k, _)| k);
                parts.push(shown_speech(s, form, &step.shows, qid.clone(), k));
                parts.push(shown_speech(s, form, &step.shows, format!("{qid}.hint"), k));
                if let Some((k, n)) = s.instance() {
                    parts.push(Speech::with(
                        "guide-repeat-instance",
                        &[("number", (k + 1).to_string()), ("count", n.to_string())],
                    ));
                }
                for part in form.consent_notice(step) {
                    parts.push(m(part.term));
                    parts.extend(part.text.into_iter().map(m));
                }
                for field in shown {
                    field_script(s, form, field, &mut parts);
                }
                parts.push(m("guide-next"));
                step.sign.clone()
            }
            None => clip("step"),
        },
        Screen::Review => {
            parts.extend([m("kiosk-review-title"), m("kiosk-review-lead")]);
            if let Some(form) = s.form() {
                for i in s.shown_steps() {
                    let repeat = form.steps[i].is_repeat();
                    for k in 0..s.instances(i) {
                        if repeat {
                            parts.push(Speech::with("guide-repeat-review", &[("number", (k + 1).to_string())]));
                        }
                        for field in form.steps[i].fields.iter().filter(|f| f.kind.is_asked() && s.relevant_at(f, k)) {
                            parts.push(label_speech(s, form, field, form.label_id(field), k));
                            parts.extend(value_speech(s, form, field, s.answer_at(&field.id, k).map(|a| a.0)));
                        }
                    }
                }
            }
            clip("review")
        }
        Screen::Submitting => {
            parts.extend([m("kiosk-submitting-title"), m("kiosk-submitting-text")]);
            clip("submitting")
        }
        Screen::Receipt => {
            parts.push(m("kiosk-receipt-title"));
            if let Some(r) = s.receipt() {
                if let Some(q) = r.queue {
                    parts.push(Speech::with("guide-queue-number", &[("number", spell(&format!("{q:03}")))]));
                }
                parts.push(Speech::with("guide-receipt-number", &[("number", spell(&r.number))]));
            }
            parts.extend([m("kiosk-receipt-lead"), m("guide-finish")]);
            clip("receipt")
        }
    };
    Guidance { parts, clip: clip_id }
}

/// Help, asked for on any screen: how to use the keys and how to call staff, then the script again.
pub fn help(s: &Session) -> Guidance {
    let now = guidance(s);
    let mut parts = vec![Speech::message("guide-help-keys")];
    // A screen with a box to type into: how the number keys type letters, and what * and the
    // arrows do there.
    let typing = match s.screen() {
        Screen::DocumentKey => true,
        Screen::Step(i) => s.form().and_then(|f| f.steps.get(i)).is_some_and(|step| {
            step.fields.iter().any(|f| {
                crate::keyboard::text_box(f, None).is_some() || matches!(f.kind, FieldKind::Date | FieldKind::Address)
            })
        }),
        _ => false,
    };
    if typing {
        parts.push(Speech::message("guide-help-typing"));
    }
    parts.push(Speech::message("guide-help-staff"));
    parts.extend(now.parts);
    Guidance { parts, clip: "screen-help".into() }
}

/// Letters and digits one by one, so `A-0427` is read as "A 0 4 2 7", not as a number.
fn spell(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).map(String::from).collect::<Vec<_>>().join(" ")
}

fn field_errors(s: &Session, parts: &mut Vec<Speech>, fields: &[&str], labels: &[&str]) {
    for (field, label) in fields.iter().zip(labels) {
        if let Some(e) = s.error(field) {
            parts.push(Speech::message(*label));
            parts.push(error_speech(e));
        }
    }
}

fn error_speech(e: &crate::validate::FieldError) -> Speech {
    match e.limit {
        Some(limit) => Speech::with(e.code.fluent_id(), &[("limit", limit.to_string())]),
        None => Speech::message(e.code.fluent_id()),
    }
}

/// A field: its label, what it holds now (or that it is empty), and its error.
fn field_script(s: &Session, form: &Form, field: &crate::form::Field, parts: &mut Vec<Speech>) {
    let label = form.label_id(field);
    let k = s.instance().map_or(0, |(k, _)| k);
    parts.push(label_speech(s, form, field, label.clone(), k));
    if field.hint {
        parts.push(label_speech(s, form, field, format!("{label}.hint"), k));
    }
    if field.kind == FieldKind::Note {
        return;
    }
    if let Some(e) = s.error(&field.id) {
        parts.push(error_speech(e));
        if e.code == crate::validate::ErrorCode::Constraint {
            parts.push(label_speech(s, form, field, format!("{label}.constraint"), k));
        }
    }
    let choices = s.choices(field);
    if !choices.is_empty() {
        parts.push(Speech::with("guide-choices", &[("count", choices.len().to_string())]));
        for c in choices {
            parts.push(Speech::message(form.choice_id(field, c)));
        }
    }
    parts.extend(value_speech(s, form, field, s.answer(&field.id).map(|a| a.0)));
}

/// One of a field's texts (`id`: its label or an attribute), with the answers it shows in
/// `instance`: a personal one only in voice mode, else "what you entered".
fn label_speech(s: &Session, form: &Form, field: &crate::form::Field, id: String, instance: usize) -> Speech {
    shown_speech(s, form, &field.shows, id, instance)
}

/// A text (`id`) showing the answers named in `shows` (a field's or a step's), as [`label_speech`].
fn shown_speech(s: &Session, form: &Form, shows: &[String], id: String, instance: usize) -> Speech {
    if shows.is_empty() {
        return Speech::message(id);
    }
    let args = s
        .shown_of(shows, instance)
        .into_iter()
        .map(|(var, shown, answer)| {
            let arg = ShownArg { var, said: said(form, shown, answer), personal: shown.personal && answer.is_some() };
            if s.prefs().voice_mode {
                arg
            } else {
                arg.public()
            }
        })
        .collect();
    Speech::Shown { id, args }
}

/// An answer as a text shows it: a choice by its label, a date by its parts, a number by its
/// digits where it is not a quantity; nothing while unanswered.
fn said(form: &Form, field: &crate::form::Field, answer: Option<&Answer>) -> Said {
    let text = |t: String| Said::Text { text: t };
    let Some(answer) = answer else { return text(String::new()) };
    match (field.kind, answer) {
        (FieldKind::SingleChoice, Answer::Text(c)) => Said::Choices { ids: vec![form.choice_id(field, c)] },
        (_, Answer::Choices(cs)) => Said::Choices { ids: cs.iter().map(|c| form.choice_id(field, c)).collect() },
        (FieldKind::Date, Answer::Text(d)) => match d.split('-').collect::<Vec<_>>()[..] {
            [y, mo, da] => Said::Message {
                id: "guide-shown-date".into(),
                args: vec![
                    ("year".into(), y.to_owned()),
                    ("month".into(), mo.trim_start_matches('0').to_owned()),
                    ("day".into(), da.trim_start_matches('0').to_owned()),
                ],
            },
            _ => text(d.clone()),
        },
        (FieldKind::Phone, Answer::Text(t)) => text(spell(t)),
        (_, Answer::Text(t)) if field.check.is_some() => text(spell(t)),
        (_, Answer::Text(t)) => text(t.clone()),
        (_, Answer::Consent(true)) => Said::Message { id: "kiosk-value-agreed".into(), args: vec![] },
        (_, Answer::Consent(false)) => text(String::new()),
        (_, Answer::Address(a)) => text(format!("{} {} {}", spell(&a.postcode), a.line1, a.line2).trim().to_owned()),
    }
}

/// What a field holds, as said. A personal field's value is said only in voice mode (into the
/// visitor's earphones) and marked [`Speech::Personal`]; otherwise only that it is filled in.
fn value_speech(s: &Session, form: &Form, field: &crate::form::Field, answer: Option<&Answer>) -> Vec<Speech> {
    let parts = plain_value_speech(form, field, answer);
    if !field.personal || answer.is_none() {
        return parts;
    }
    if !s.prefs().voice_mode {
        return vec![Speech::message("guide-value-hidden")];
    }
    parts
        .into_iter()
        .map(|p| match p {
            Speech::Message { id, args } if !args.is_empty() => Speech::Personal { id, args },
            other => other,
        })
        .collect()
}

fn plain_value_speech(form: &Form, field: &crate::form::Field, answer: Option<&Answer>) -> Vec<Speech> {
    let Some(answer) = answer else { return vec![Speech::message("guide-value-empty")] };
    let chosen = |choices: &[String]| {
        let mut v = vec![Speech::message("guide-value-chosen")];
        v.extend(choices.iter().map(|c| Speech::message(form.choice_id(field, c))));
        v
    };
    let said = |text: String| vec![Speech::with("guide-value", &[("value", text)])];
    match (field.kind, answer) {
        (FieldKind::Photo, Answer::Text(c)) if c == "document" => vec![Speech::message("guide-value-photo-chip")],
        (FieldKind::Photo, Answer::Text(_)) => vec![Speech::message("guide-value-photo-counter")],
        (FieldKind::SingleChoice, Answer::Text(c)) => chosen(std::slice::from_ref(c)),
        (_, Answer::Choices(cs)) => chosen(cs),
        (FieldKind::Date, Answer::Text(d)) => match d.split('-').collect::<Vec<_>>()[..] {
            [y, mo, da] => vec![Speech::with(
                "guide-value-date",
                &[
                    ("year", y.to_owned()),
                    ("month", mo.trim_start_matches('0').to_owned()),
                    ("day", da.trim_start_matches('0').to_owned()),
                ],
            )],
            _ => said(d.clone()),
        },
        // Numbers said digit by digit: a phone or resident number is not a quantity.
        (FieldKind::Phone | FieldKind::Number, Answer::Text(t)) => said(spell(t)),
        (_, Answer::Text(t)) if field.check.is_some() => said(spell(t)),
        (_, Answer::Text(t)) => said(t.clone()),
        (_, Answer::Consent(true)) => vec![Speech::message("guide-value-agreed")],
        (_, Answer::Consent(false)) => vec![Speech::message("guide-value-empty")],
        (_, Answer::Address(a)) => said(format!("{} {} {}", spell(&a.postcode), a.line1, a.line2).trim().to_owned()),
    }
}
