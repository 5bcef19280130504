//! The form-definition format (see docs/forms.md) and the catalog of forms.
//!
//! A form is data: an admin writes it in TOML (and, with the hub, in an
//! XLSForm spreadsheet). This module parses a definition, checks that it is
//! coherent, and derives the Fluent message ids of every text it shows.

use crate::document::DocumentField;
use crate::error::CoreError;
use serde::{Deserialize, Serialize};
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
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Form {
    pub id: FormId,
    pub version: u32,
    /// Whether the visitor identifies with an ID document (or typed details) first.
    #[serde(default)]
    pub identify: bool,
    /// Sign clip for the form's introduction.
    pub sign: String,
    pub steps: Vec<Step>,
}

impl Form {
    /// Parses and checks one form definition. `file` names it in errors.
    pub fn parse(file: &str, source: &str) -> Result<Form, CoreError> {
        let form: Form = toml::from_str(source)
            .map_err(|e| CoreError::FormSyntax { file: file.to_owned(), reason: e.message().to_owned() })?;
        form.check()?;
        Ok(form)
    }

    fn check(&self) -> Result<(), CoreError> {
        let bad = |reason: String| CoreError::FormInvalid { form: self.id.0.clone(), reason };
        if !is_id(&self.id.0) {
            return Err(bad("the form id must be lowercase letters, digits and dashes".into()));
        }
        if self.steps.is_empty() {
            return Err(bad("a form needs at least one step".into()));
        }
        let mut seen = std::collections::BTreeSet::new();
        for step in &self.steps {
            if !is_id(&step.id) {
                return Err(bad(format!("step id {:?} is not lowercase-with-dashes", step.id)));
            }
            if step.fields.is_empty() {
                return Err(bad(format!("step {} has no field", step.id)));
            }
            for field in &step.fields {
                if !is_id(&field.id) || !seen.insert(field.id.clone()) {
                    return Err(bad(format!("field id {:?} is malformed or repeated", field.id)));
                }
                let choice = matches!(field.kind, FieldKind::SingleChoice | FieldKind::MultipleChoice);
                if choice && field.choices.is_empty() {
                    return Err(bad(format!("field {} needs choices", field.id)));
                }
                if !choice && !field.choices.is_empty() {
                    return Err(bad(format!("field {} has choices but is not a choice", field.id)));
                }
                if field.choices.iter().any(|c| !is_id(c)) {
                    return Err(bad(format!("field {} has a malformed choice id", field.id)));
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
            }
        }
        Ok(())
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
        format!("forms-{}", self.id)
    }

    /// Fluent id of a step's question (its `.hint` attribute holds the hint).
    pub fn question_id(&self, step: &Step) -> String {
        step.question.clone().unwrap_or_else(|| format!("forms-{}-step-{}", self.id, step.id))
    }

    pub fn label_id(&self, field: &Field) -> String {
        field.label.clone().unwrap_or_else(|| format!("forms-{}-{}", self.id, field.id))
    }

    pub fn choice_id(&self, field: &Field, choice: &str) -> String {
        format!("{}-{}", self.label_id(field), choice)
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
        for step in &self.steps {
            ids.push(self.question_id(step));
            for part in self.consent_notice(step) {
                ids.push(part.term);
                ids.extend(part.text);
            }
            for field in &step.fields {
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

fn is_id(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') && !s.starts_with('-')
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
            (MINIMAL.replace("\"library-card\"", "\"Library Card\""), "lowercase"),
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
