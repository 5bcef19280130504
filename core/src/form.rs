//! The form-definition format (see docs/forms.md) and the catalog of forms.
//!
//! A form is data: an admin writes it in TOML (and, with the hub, in an
//! XLSForm spreadsheet). This module parses a definition, checks that it is
//! coherent (its logic included: every expression parses, names a question the
//! form has, and no calculation depends on itself), and derives the Fluent
//! message ids of every text it shows, distinct however the names are spelt.

use crate::document::DocumentField;
use crate::error::CoreError;
use crate::expr::Expr;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FormId(pub String);

impl fmt::Display for FormId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// How a field is asked and what shape its answer has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    Text,
    Number,
    Date,
    Phone,
    Address,
    SingleChoice,
    MultipleChoice,
    Consent,
    Photo,
    /// Text shown (and said) with no answer to give (XLSForm `note`).
    Note,
    /// A value worked out from other answers, never shown (XLSForm `calculate`).
    Calculate,
}

impl FieldKind {
    /// Whether the visitor answers it (a note and a calculation she does not).
    pub fn is_asked(self) -> bool {
        !matches!(self, FieldKind::Note | FieldKind::Calculate)
    }
}

/// An expression as the form writes it, parsed when the form is loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct Logic {
    pub source: String,
    pub expr: Expr,
}

impl Logic {
    pub fn parse(source: &str) -> Result<Logic, crate::expr::ExprError> {
        Ok(Logic { source: source.to_owned(), expr: Expr::parse(source)? })
    }
}

impl Serialize for Logic {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.source)
    }
}

impl<'de> Deserialize<'de> for Logic {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Logic, D::Error> {
        let source = String::deserialize(d)?;
        Logic::parse(&source).map_err(|e| serde::de::Error::custom(format!("{source:?}: {e}")))
    }
}

/// A Korean-specific check a field may ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KoreanCheck {
    /// 주민등록번호: 13 digits, a real birth date, and the check digit where one is issued.
    ResidentNumber,
    /// A mobile number (010-XXXX-XXXX and the older 01X prefixes).
    Mobile,
    /// A 5-digit postal code (우편번호, since 2015).
    Postcode,
}

/// Which dates a date field accepts, relative to the day of the visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateRange {
    /// Today or earlier (birth dates, the day something was lost).
    PastOrToday,
    /// Today or later (an appointment).
    TodayOrFuture,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: FieldKind,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub min_length: Option<u32>,
    #[serde(default)]
    pub max_length: Option<u32>,
    /// A regular expression the whole (trimmed) answer must match.
    #[serde(default)]
    pub pattern: Option<String>,
    #[serde(default)]
    pub min: Option<i64>,
    #[serde(default)]
    pub max: Option<i64>,
    #[serde(default)]
    pub dates: Option<DateRange>,
    #[serde(default)]
    pub check: Option<KoreanCheck>,
    /// `document.<field>`: filled from the visitor's identity document.
    #[serde(default, with = "prefill_source")]
    pub prefill: Option<DocumentField>,
    /// Choice ids, for single and multiple choice.
    #[serde(default)]
    pub choices: Vec<String>,
    /// Fluent id of the label; defaults to `forms-<form>-<field>`.
    #[serde(default)]
    pub label: Option<String>,
    /// Whether the value is personal data (default true; false for e.g. a choice of office).
    #[serde(default = "yes")]
    pub personal: bool,
    /// Whether the label has a hint of its own (its `.hint` attribute; XLSForm `hint` on a
    /// question inside a group).
    #[serde(default)]
    pub hint: bool,
    /// Asked only while this holds (XLSForm `relevant`); otherwise skipped, its answer dropped.
    #[serde(default)]
    pub relevant: Option<Logic>,
    /// Required while this holds (XLSForm `required` written as an expression).
    #[serde(default)]
    pub required_if: Option<Logic>,
    /// Must hold for an answer (`.`) to be accepted; the label's `.constraint` attribute says why.
    #[serde(default)]
    pub constraint: Option<Logic>,
    /// What a `calculate` field holds, worked out from other answers.
    #[serde(default)]
    pub calculate: Option<Logic>,
    /// The answer a visit starts with (XLSForm `default`), as the visitor would give it.
    #[serde(default)]
    pub default: Option<String>,
    /// Which choices are offered: it holds for each choice offered, the choice's columns (and
    /// `name`) read as bare names (XLSForm `choice_filter`, for cascading choices).
    #[serde(default)]
    pub choice_filter: Option<Logic>,
    /// The choices' other columns, for `choice_filter`: column → one value per choice.
    #[serde(default)]
    pub choice_columns: BTreeMap<String, Vec<String>>,
    /// The questions whose answers its label, hint and constraint message show (XLSForm
    /// `${name}` in those texts), each as the Fluent variable [`shown_var`] of its name.
    #[serde(default)]
    pub shows: Vec<String>,
}

impl Field {
    /// Every expression of this field, with the XLSForm column it came from.
    pub fn logic(&self) -> impl Iterator<Item = (&'static str, &Logic)> {
        [
            ("relevant", &self.relevant),
            ("required", &self.required_if),
            ("constraint", &self.constraint),
            ("calculation", &self.calculate),
            ("choice_filter", &self.choice_filter),
        ]
        .into_iter()
        .filter_map(|(c, l)| l.as_ref().map(|l| (c, l)))
    }

    /// A choice's value in one of its columns (`name` is the choice itself).
    pub fn choice_column(&self, choice: usize, column: &str) -> Option<&str> {
        if column == "name" {
            return self.choices.get(choice).map(String::as_str);
        }
        self.choice_columns.get(column)?.get(choice).map(String::as_str)
    }
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: String,
    /// Sign-language clip id for this step.
    pub sign: String,
    pub fields: Vec<Field>,
    /// Fluent id of the question; defaults to `forms-<form>-step-<step>`.
    #[serde(default)]
    pub question: Option<String>,
    /// Shown only while this holds (XLSForm `relevant` on a group); its fields are then skipped.
    #[serde(default)]
    pub relevant: Option<Logic>,
    /// Asked once for each of several instances (XLSForm `begin repeat`): each household member.
    #[serde(default)]
    pub repeat: Option<Repeat>,
    /// The questions whose answers its question and hint show (XLSForm `${name}` in a group's
    /// label, or in the label of a question that is a step of its own), as [`Field::shows`].
    #[serde(default)]
    pub shows: Vec<String>,
}

/// How many times a repeated step is asked: `count` of them (XLSForm `repeat_count`), or as many
/// as the visitor adds ("add another"), from `min` to `max`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Repeat {
    /// The number of instances, worked out from the answers before the step (a number or an
    /// expression). Without it the visitor adds and removes instances herself.
    #[serde(default)]
    pub count: Option<Logic>,
    /// The fewest instances she may keep (at least one: a repeat she adds to starts with one).
    #[serde(default = "one")]
    pub min: u32,
    /// The most instances asked, with a count or without.
    #[serde(default = "ten")]
    pub max: u32,
}

impl Repeat {
    /// The most instances any repeat may have.
    pub const LIMIT: u32 = 50;
}

fn one() -> u32 {
    1
}

fn ten() -> u32 {
    10
}

impl Step {
    /// Whether the step shows something (a step of calculations only is never shown, and needs
    /// neither texts nor a sign clip).
    pub fn shows_anything(&self) -> bool {
        self.fields.iter().any(|f| f.kind != FieldKind::Calculate)
    }

    pub fn is_repeat(&self) -> bool {
        self.repeat.is_some()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Form {
    pub id: FormId,
    /// Orders the form's versions (XLSForm's `version` when it is a number).
    pub version: u64,
    /// XLSForm's `version` as written, when it is not a number (`v2`, `2024-12-05`).
    #[serde(default)]
    pub revision: Option<String>,
    /// Whether the visitor identifies with an ID document (or typed details) first.
    #[serde(default)]
    pub identify: bool,
    /// Sign clip for the form's introduction.
    pub sign: String,
    pub steps: Vec<Step>,
    /// The Fluent ids derived from the names, made distinct (see [`MessageIds`]).
    #[serde(skip)]
    ids: MessageIds,
}

/// The Fluent ids of a form's texts. Derived from the names — `forms-<form>-step-<step>`,
/// `forms-<form>-<field>`, `forms-<form>-<field>-<choice>`, each name with what Fluent ids cannot
/// hold (`.` and the like) written `_` — and made distinct: an id already taken (a field
/// `place-other` beside a field `place` with a choice `other`, or `a.b` beside `a_b`) gets `-2`,
/// `-3`… Steps are named first, then fields, then choices, so the common names keep the plain id.
#[derive(Debug, Clone, Default, PartialEq)]
struct MessageIds {
    steps: BTreeMap<String, String>,
    fields: BTreeMap<String, String>,
    choices: BTreeMap<(String, String), String>,
}

/// The Fluent variable a label uses for the answer to question `name` (`${name}` in XLSForm):
/// the name as an id part, after a `v` when it does not begin with a letter (`_n` → `v_n`).
pub fn shown_var(name: &str) -> String {
    let part = id_part(name);
    if part.starts_with(|c: char| c.is_ascii_alphabetic()) {
        part
    } else {
        format!("v{part}")
    }
}

/// A name as a part of a Fluent id: letters, digits, `-` and `_` kept, anything else `_`.
fn id_part(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect()
}

impl MessageIds {
    fn derive(form: &Form) -> MessageIds {
        let prefix = format!("forms-{}", id_part(&form.id.0));
        let mut taken: BTreeSet<String> = BTreeSet::from([prefix.clone()]);
        let mut claim = |wanted: String| {
            let mut id = wanted.clone();
            let mut n = 2;
            while !taken.insert(id.clone()) {
                id = format!("{wanted}-{n}");
                n += 1;
            }
            id
        };
        let mut ids = MessageIds::default();
        for step in &form.steps {
            let id = step.question.clone().unwrap_or_else(|| format!("{prefix}-step-{}", id_part(&step.id)));
            ids.steps.insert(step.id.clone(), claim(id));
        }
        for field in form.fields() {
            let id = field.label.clone().unwrap_or_else(|| format!("{prefix}-{}", id_part(&field.id)));
            ids.fields.insert(field.id.clone(), claim(id));
        }
        for field in form.fields() {
            for c in &field.choices {
                let id = format!("{}-{}", ids.fields[&field.id], id_part(c));
                ids.choices.insert((field.id.clone(), c.clone()), claim(id));
            }
        }
        ids
    }
}

impl Form {
    /// Parses and checks one form definition. `file` names it in errors.
    pub fn parse(file: &str, source: &str) -> Result<Form, CoreError> {
        let mut form: Form = toml::from_str(source)
            .map_err(|e| CoreError::FormSyntax { file: file.to_owned(), reason: e.message().to_owned() })?;
        form.check()?;
        form.ids = MessageIds::derive(&form);
        Ok(form)
    }

    fn check(&self) -> Result<(), CoreError> {
        let bad = |reason: String| CoreError::FormInvalid { form: self.id.0.clone(), reason };
        if !is_form_id(&self.id.0) {
            return Err(bad("the form id must be letters, digits, '_' and '-'".into()));
        }
        if self.steps.is_empty() {
            return Err(bad("a form needs at least one step".into()));
        }
        let mut seen = BTreeSet::new();
        let mut steps = BTreeSet::new();
        for step in &self.steps {
            if !is_name(&step.id) || !steps.insert(step.id.as_str()) {
                return Err(bad(format!(
                    "step id {:?} is repeated or not a name (letters, digits, '_', '-', '.')",
                    step.id
                )));
            }
            if step.fields.is_empty() {
                return Err(bad(format!("step {} has no field", step.id)));
            }
            if let Some(r) = &step.repeat {
                if r.min < 1 || r.min > r.max || r.max > Repeat::LIMIT {
                    return Err(bad(format!(
                        "step {}: a repeat asks from 1 to {} instances, min no more than max",
                        step.id,
                        Repeat::LIMIT
                    )));
                }
                let unsupported = step.fields.iter().find(|f| {
                    f.prefill.is_some()
                        || matches!(f.kind, FieldKind::Calculate | FieldKind::Consent | FieldKind::Photo)
                });
                if let Some(f) = unsupported {
                    return Err(bad(format!(
                        "field {}: a repeat holds no calculation, consent, photo or pre-filled field",
                        f.id
                    )));
                }
            }
            for field in &step.fields {
                if !is_name(&field.id) || !seen.insert(field.id.clone()) {
                    return Err(bad(format!(
                        "field id {:?} is repeated or not a name (letters, digits, '_', '-', '.')",
                        field.id
                    )));
                }
                let choice = matches!(field.kind, FieldKind::SingleChoice | FieldKind::MultipleChoice);
                if choice && field.choices.is_empty() {
                    return Err(bad(format!("field {} needs choices", field.id)));
                }
                if !choice && !field.choices.is_empty() {
                    return Err(bad(format!("field {} has choices but is not a choice", field.id)));
                }
                let mut names = BTreeSet::new();
                if field.choices.iter().any(|c| c.is_empty() || c.chars().any(char::is_whitespace) || !names.insert(c))
                {
                    return Err(bad(format!("field {} has a choice that is empty, repeated or has spaces", field.id)));
                }
                if let Some(p) = &field.pattern {
                    regex_lite::Regex::new(p).map_err(|e| bad(format!("field {}: pattern: {e}", field.id)))?;
                }
                if let (Some(a), Some(b)) = (field.min_length, field.max_length) {
                    if a > b {
                        return Err(bad(format!("field {}: min_length > max_length", field.id)));
                    }
                }
                if let (Some(a), Some(b)) = (field.min, field.max) {
                    if a > b {
                        return Err(bad(format!("field {}: min > max", field.id)));
                    }
                }
                if (field.kind == FieldKind::Calculate) != field.calculate.is_some() {
                    return Err(bad(format!("field {}: a calculate field, and only one, has a calculation", field.id)));
                }
                for (column, values) in &field.choice_columns {
                    if values.len() != field.choices.len() || column == "name" || !is_name(column) {
                        return Err(bad(format!(
                            "field {}: choice column {column} needs one value per choice",
                            field.id
                        )));
                    }
                }
                if field.choice_filter.is_some() && !choice {
                    return Err(bad(format!("field {}: a choice filter belongs to a choice", field.id)));
                }
            }
        }
        // Every expression reads questions the form has; only a choice filter reads columns; only
        // the repeat's own questions read what is asked in a repeat (the same instance's answer).
        let every = self
            .steps
            .iter()
            .flat_map(|s| s.relevant.iter().map(move |l| (s.id.as_str(), "relevant", l, None, None)))
            .chain(self.steps.iter().flat_map(|s| {
                s.repeat.iter().flat_map(|r| &r.count).map(move |l| (s.id.as_str(), "repeat_count", l, None, None))
            }))
            .chain(self.steps.iter().flat_map(|s| {
                let repeat = s.is_repeat().then_some(s.id.as_str());
                s.fields.iter().flat_map(move |f| f.logic().map(move |(c, l)| (f.id.as_str(), c, l, Some(f), repeat)))
            }));
        let repeat_named = |name: &str| self.steps.iter().position(|s| s.id == name && s.is_repeat());
        for (owner, column, logic, field, repeat) in every {
            let over = logic.expr.over_instances();
            let missing = logic
                .expr
                .fields()
                .into_iter()
                .find(|n| !(seen.contains(*n) || over.contains(n) && repeat_named(n).is_some()));
            if let Some(missing) = missing {
                return Err(bad(format!("{owner}: {column} reads ${{{missing}}}, which the form does not ask")));
            }
            // count() and sum() read a repeat, or a question in one; a step's relevant and a
            // repeat's count only repeats before it (so working one out never needs itself).
            for name in &over {
                let Some(at) = self.step_of(name).filter(|&i| self.steps[i].is_repeat()).or_else(|| repeat_named(name))
                else {
                    return Err(bad(format!(
                        "{owner}: {column} counts or adds up ${{{name}}}, which is not a repeat nor in one"
                    )));
                };
                let before = self.steps.iter().position(|s| s.id == owner).is_none_or(|own| at < own);
                if field.is_none() && !before {
                    return Err(bad(format!(
                        "{owner}: {column} reads repeat {} from before it only",
                        self.steps[at].id
                    )));
                }
            }
            for name in logic.expr.fields().into_iter().filter(|n| !over.contains(n)) {
                let inside = self.step_of(name).map(|i| &self.steps[i]).filter(|s| s.is_repeat());
                if let Some(step) = inside.filter(|s| Some(s.id.as_str()) != repeat) {
                    return Err(bad(format!(
                        "{owner}: {column} reads ${{{name}}}, asked in repeat {}: only that repeat's questions may",
                        step.id
                    )));
                }
            }
            for c in logic.expr.columns() {
                let known =
                    column == "choice_filter" && field.is_some_and(|f| c == "name" || f.choice_columns.contains_key(c));
                if !known {
                    return Err(bad(format!(
                        "{owner}: {column} reads '{c}', which is not a choice column here: write ${{{c}}} for a question"
                    )));
                }
            }
        }
        // A text shows answers the form has, from outside any repeat or from its own instance, each
        // under a variable of its own.
        for step in &self.steps {
            let texts = std::iter::once((&step.id, &step.shows)).chain(step.fields.iter().map(|f| (&f.id, &f.shows)));
            for (owner, shows) in texts {
                let mut vars = BTreeSet::new();
                for name in shows {
                    let Some(at) = self.step_of(name) else {
                        return Err(bad(format!("{owner}: its label shows ${{{name}}}, which the form does not ask")));
                    };
                    if self.steps[at].is_repeat() && self.steps[at].id != step.id {
                        return Err(bad(format!(
                            "{owner}: its label shows ${{{name}}}, asked in repeat {}: only that repeat's labels may",
                            self.steps[at].id
                        )));
                    }
                    if !vars.insert(shown_var(name)) {
                        return Err(bad(format!("{owner}: its label shows ${{{name}}} twice or under one variable")));
                    }
                }
            }
        }
        self.calculation_order().map_err(|f| bad(format!("field {f}: its calculation depends on itself")))?;
        Ok(())
    }

    /// The calculations in an order where each comes after those it reads; `Err(field)` names one
    /// caught in a cycle.
    pub fn calculation_order(&self) -> Result<Vec<&Field>, String> {
        let calcs: BTreeMap<&str, &Field> =
            self.fields().filter(|f| f.calculate.is_some()).map(|f| (f.id.as_str(), f)).collect();
        let mut order = Vec::new();
        let mut state: BTreeMap<&str, bool> = BTreeMap::new(); // false: visiting, true: done
        fn visit<'a>(
            id: &'a str,
            calcs: &BTreeMap<&'a str, &'a Field>,
            state: &mut BTreeMap<&'a str, bool>,
            order: &mut Vec<&'a Field>,
        ) -> Result<(), String> {
            match state.get(id) {
                Some(true) => return Ok(()),
                Some(false) => return Err(id.to_owned()),
                None => {}
            }
            let Some(field) = calcs.get(id) else { return Ok(()) };
            state.insert(id, false);
            for dep in field.calculate.iter().flat_map(|l| l.expr.fields()) {
                visit(dep, calcs, state, order)?;
            }
            state.insert(id, true);
            order.push(field);
            Ok(())
        }
        for id in calcs.keys() {
            visit(id, &calcs, &mut state, &mut order)?;
        }
        Ok(order)
    }

    pub fn fields(&self) -> impl Iterator<Item = &Field> {
        self.steps.iter().flat_map(|s| s.fields.iter())
    }

    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields().find(|f| f.id == id)
    }

    /// The index of the step that holds `field`.
    pub fn step_of(&self, field: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.fields.iter().any(|f| f.id == field))
    }

    pub fn title_id(&self) -> String {
        format!("forms-{}", id_part(&self.id.0))
    }

    /// Fluent id of a step's question (its `.hint` attribute holds the hint).
    pub fn question_id(&self, step: &Step) -> String {
        self.ids
            .steps
            .get(&step.id)
            .cloned()
            .unwrap_or_else(|| format!("{}-step-{}", self.title_id(), id_part(&step.id)))
    }

    /// Fluent id of a field's label (its `.hint` attribute holds the hint, `.constraint` what
    /// the form's constraint asks).
    pub fn label_id(&self, field: &Field) -> String {
        self.ids.fields.get(&field.id).cloned().unwrap_or_else(|| format!("{}-{}", self.title_id(), id_part(&field.id)))
    }

    pub fn choice_id(&self, field: &Field, choice: &str) -> String {
        self.ids
            .choices
            .get(&(field.id.clone(), choice.to_owned()))
            .cloned()
            .unwrap_or_else(|| format!("{}-{}", self.label_id(field), id_part(choice)))
    }

    /// What a consent step must tell before the visitor agrees (개인정보 보호법 §15(2)): why the
    /// data is collected, which items (every personal field of this form, by its label), how long
    /// it is kept, and that she may refuse and what follows. Empty for a step without consent.
    pub fn consent_notice(&self, step: &Step) -> Vec<ConsentPart> {
        if !step.fields.iter().any(|f| f.kind == FieldKind::Consent) {
            return vec![];
        }
        let items: Vec<String> =
            self.fields().filter(|f| f.personal && f.kind != FieldKind::Consent).map(|f| self.label_id(f)).collect();
        let part = |id: &'static str, text: Vec<String>| ConsentPart { id, term: format!("forms-consent-{id}"), text };
        vec![
            part("purpose", vec!["forms-consent-purpose.text".into()]),
            part("items", items),
            part("retention", vec!["forms-consent-retention.text".into()]),
            part("refusal", vec!["forms-consent-refusal.text".into()]),
        ]
    }

    /// Every Fluent id this form shows, for the locale completeness check.
    pub fn message_ids(&self) -> Vec<String> {
        let mut ids = vec![self.title_id(), format!("{}.summary", self.title_id())];
        for step in self.steps.iter().filter(|s| s.shows_anything()) {
            ids.push(self.question_id(step));
            for part in self.consent_notice(step) {
                ids.push(part.term);
                ids.extend(part.text);
            }
            for field in step.fields.iter().filter(|f| f.kind != FieldKind::Calculate) {
                ids.push(self.label_id(field));
                for c in &field.choices {
                    ids.push(self.choice_id(field, c));
                }
            }
        }
        ids
    }
}

/// One item of a consent notice: its term (`forms-consent-<id>`) and the Fluent ids of its text
/// (the labels of the fields collected, for `items`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentPart {
    pub id: &'static str,
    pub term: String,
    pub text: Vec<String>,
}

/// A form id: it names files and folders, so letters, digits, `_` and `-` only (not `.`: never
/// `..`), from a letter or digit. The hub takes submissions for exactly these ids.
pub fn is_form_id(s: &str) -> bool {
    s.len() <= 64
        && s.starts_with(|c: char| c.is_ascii_alphanumeric())
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A question, group or column name as XLSForm allows it: a letter or `_`, then letters,
/// digits, `_`, `-` and `.`.
pub fn is_name(s: &str) -> bool {
    s.len() <= 100
        && s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
}

mod prefill_source {
    use crate::document::DocumentField;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DocumentField>, D::Error> {
        let s: Option<String> = Option::deserialize(d)?;
        s.map(|s| {
            DocumentField::parse_source(&s)
                .ok_or_else(|| serde::de::Error::custom(format!("unknown pre-fill source {s:?}")))
        })
        .transpose()
    }

    pub fn serialize<S: Serializer>(v: &Option<DocumentField>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(f) => s.serialize_str(&format!("document.{}", f.name())),
            None => s.serialize_none(),
        }
    }
}

/// The forms a kiosk offers, in the order they are shown.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    forms: Vec<Arc<Form>>,
}

impl Catalog {
    /// Builds a catalog from `(file name, TOML source)` pairs, in the given order.
    pub fn from_sources<'a>(sources: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Catalog, CoreError> {
        let mut forms: Vec<Arc<Form>> = Vec::new();
        for (file, src) in sources {
            let form = Form::parse(file, src)?;
            if forms.iter().any(|f| f.id == form.id) {
                return Err(CoreError::DuplicateForm(form.id.0));
            }
            forms.push(Arc::new(form));
        }
        Ok(Catalog { forms })
    }

    pub fn forms(&self) -> &[Arc<Form>] {
        &self.forms
    }

    pub fn get(&self, id: &str) -> Option<&Arc<Form>> {
        self.forms.iter().find(|f| f.id.0 == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
id = "library-card"
version = 1
sign = "library-intro"
[[steps]]
id = "name"
sign = "library-name"
fields = [{ id = "name", type = "text", required = true, max_length = 40 }]
"#;

    fn err(src: &str) -> String {
        Form::parse("t.toml", src).map(|_| ()).map_err(|e| e.to_string()).expect_err("must be refused")
    }

    #[test]
    fn parses_a_minimal_form_and_derives_ids() {
        let form = Form::parse("t.toml", MINIMAL).expect("minimal form parses");
        assert_eq!(form.title_id(), "forms-library-card");
        assert_eq!(form.question_id(&form.steps[0]), "forms-library-card-step-name");
        assert_eq!(form.label_id(&form.steps[0].fields[0]), "forms-library-card-name");
        assert_eq!(form.step_of("name"), Some(0));
    }

    #[test]
    fn refuses_incoherent_forms() {
        let cases = [
            (MINIMAL.replace("\"library-card\"", "\"Library Card\""), "form id"),
            (MINIMAL.replace("type = \"text\"", "type = \"single_choice\""), "needs choices"),
            (MINIMAL.replace("max_length = 40", "max_length = 4, min_length = 9"), "min_length"),
            (MINIMAL.replace("max_length = 40", "pattern = \"(\""), "pattern"),
            (MINIMAL.replace("max_length = 40", "prefill = \"document.shoe\""), "pre-fill source"),
            (MINIMAL.replace("max_length = 40", "colour = 1"), "unknown field"),
        ];
        for (src, needle) in cases {
            let e = err(&src);
            assert!(e.contains(needle), "{e:?} should mention {needle:?}");
        }
    }

    #[test]
    fn catalog_refuses_duplicate_ids() {
        let e = Catalog::from_sources([("a", MINIMAL), ("b", MINIMAL)]).expect_err("duplicate");
        assert_eq!(e, CoreError::DuplicateForm("library-card".into()));
    }
}

#[cfg(test)]
mod logic_tests {
    use super::*;

    const LOST: &str = r#"
id = "lost_item"
version = 1
sign = "lost-intro"
[[steps]]
id = "what"
sign = "lost-what"
fields = [
  { id = "place", type = "single_choice", choices = ["bus", "other"] },
  { id = "place-other", type = "text", relevant = "${place} = 'other'" },
  { id = "Place.Other", type = "text" },
  { id = "place_other", type = "text" },
]
"#;

    #[test]
    fn message_ids_stay_distinct_however_names_are_spelt() {
        let form = Form::parse("t", LOST).expect("parses");
        let place = form.field("place").expect("place");
        let ids = [
            form.label_id(place),
            form.choice_id(place, "other"),
            form.label_id(form.field("place-other").expect("field")),
            form.label_id(form.field("Place.Other").expect("field")),
            form.label_id(form.field("place_other").expect("field")),
        ];
        assert_eq!(
            ids,
            [
                "forms-lost_item-place",
                "forms-lost_item-place-other-2",
                "forms-lost_item-place-other",
                "forms-lost_item-Place_Other",
                "forms-lost_item-place_other",
            ]
        );
        let all = form.message_ids();
        assert_eq!(all.iter().collect::<BTreeSet<_>>().len(), all.len(), "no id is shared: {all:?}");
        let messages: Vec<&String> = all.iter().filter(|id| !id.contains('.')).collect();
        let ftl: String = messages.iter().map(|id| format!("{id} = x\n")).collect();
        assert_eq!(crate::i18n::ids_in(&ftl).map(|f| f.len()), Ok(messages.len()), "every id is a Fluent id");
    }

    #[test]
    fn refuses_logic_that_reads_what_the_form_does_not_have() {
        let cases = [
            (LOST.replace("${place} = 'other'", "${where} = 'other'"), "reads ${where}"),
            (LOST.replace("${place} = 'other'", "place = 'other'"), "not a choice column"),
            (LOST.replace("${place} = 'other'", "${place} = "), "expected"),
            (LOST.replace("id = \"lost_item\"", "id = \"lost item\""), "form id"),
            (LOST.replace("\"Place.Other\"", "\"1st\""), "not a name"),
            (LOST.replace("\"bus\", \"other\"", "\"bus\", \"bus\""), "repeated"),
            (
                LOST.replace(
                    "{ id = \"place_other\", type = \"text\" }",
                    "{ id = \"a\", type = \"calculate\", calculate = \"${b} + 1\" }, { id = \"b\", type = \"calculate\", calculate = \"${a}\" }",
                ),
                "depends on itself",
            ),
            (LOST.replace("type = \"text\" }", "type = \"text\", calculate = \"1\" }"), "calculation"),
            (LOST.replace("\"Place.Other\", type = \"text\"", "\"Place.Other\", type = \"text\", shows = [\"where\"]"), "shows ${where}"),
            // Place.Other and Place_Other would both be the variable Place_Other.
            (
                LOST.replace("\"place_other\", type = \"text\"", "\"place_other\", type = \"text\", shows = [\"Place.Other\", \"Place_Other\"]")
                    .replace("\"place_other\", type", "\"Place_Other\", type"),
                "under one variable",
            ),
        ];
        for (src, needle) in cases {
            let e = Form::parse("t", &src).map(|_| ()).expect_err(needle).to_string();
            assert!(e.contains(needle), "{e:?} should mention {needle:?}");
        }
    }

    #[test]
    fn calculations_come_after_what_they_read() {
        let src = LOST.replace(
            "{ id = \"place_other\", type = \"text\" }",
            "{ id = \"c\", type = \"calculate\", calculate = \"${b} * 2\" }, { id = \"b\", type = \"calculate\", calculate = \"${a} + 1\" }, { id = \"a\", type = \"calculate\", calculate = \"1\" }",
        );
        let form = Form::parse("t", &src).expect("parses");
        let order: Vec<&str> = form.calculation_order().expect("no cycle").iter().map(|f| f.id.as_str()).collect();
        assert_eq!(order, ["a", "b", "c"]);
    }
}
