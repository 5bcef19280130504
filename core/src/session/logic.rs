//! The form's logic during a visit: which steps and questions are asked (`relevant`), which are
//! required, which choices are offered (`choice_filter`), what the calculations hold, and the
//! answers that must go when what they answered is no longer asked.

use super::*;
use crate::expr::{Scope, Value};
use crate::form::{Field, FieldKind};
use crate::validate::{Date, ErrorCode};

/// What an expression sees of a visit: the answers as XLSForm values.
struct Visible<'a> {
    form: &'a Form,
    answers: &'a BTreeMap<String, (Answer, Provenance)>,
    current: Value,
    /// The choice being filtered: (field, index).
    choice: Option<(&'a Field, usize)>,
    today: Date,
}

/// An answer as expressions read it: dates as dates, choices as their names (a multiple choice
/// as names separated by spaces), consent as `OK`, an address as its road-name line.
pub(super) fn value_of(field: Option<&Field>, answer: Option<&Answer>) -> Value {
    let text = |s: &str| Value::Text(s.to_owned());
    match (field.map(|f| f.kind), answer) {
        (_, None) => text(""),
        (Some(FieldKind::Date), Some(Answer::Text(t))) => {
            Date::parse(t).map_or_else(|| text(t), |d| Value::Date(d.days_since_epoch()))
        }
        (_, Some(Answer::Text(t))) => text(t),
        (_, Some(Answer::Choices(c))) => Value::Text(c.join(" ")),
        (_, Some(Answer::Consent(true))) => text("OK"),
        (_, Some(Answer::Consent(false))) => text(""),
        (_, Some(Answer::Address(a))) => Value::Text(format!("{} {}", a.line1, a.line2).trim().to_owned()),
    }
}

impl Scope for Visible<'_> {
    fn field(&self, name: &str) -> Value {
        value_of(self.form.field(name), self.answers.get(name).map(|(a, _)| a))
    }
    fn current(&self) -> Value {
        self.current.clone()
    }
    fn column(&self, name: &str) -> Value {
        let value = self.choice.and_then(|(f, i)| f.choice_column(i, name));
        Value::Text(value.unwrap_or_default().to_owned())
    }
    fn today(&self) -> Date {
        self.today
    }
}

impl Session {
    fn visible<'a>(&'a self, form: &'a Form) -> Visible<'a> {
        Visible {
            form,
            answers: &self.visit.answers,
            current: Value::Text(String::new()),
            choice: None,
            today: self.today,
        }
    }

    fn holds(&self, form: &Form, logic: Option<&crate::form::Logic>, current: Value) -> Option<bool> {
        let logic = logic?;
        let scope = Visible { current, ..self.visible(form) };
        Some(logic.expr.holds(&scope))
    }

    /// Whether the step is asked: its group's `relevant` holds and it shows something.
    pub fn step_shown(&self, step: usize) -> bool {
        let Some(form) = self.visit.form.as_deref() else { return false };
        let Some(s) = form.steps.get(step) else { return false };
        self.holds(form, s.relevant.as_ref(), Value::Text(String::new())) != Some(false)
            && s.fields.iter().any(|f| f.kind != FieldKind::Calculate && self.relevant(f))
    }

    /// The steps asked now, in order (the step counter counts these).
    pub fn shown_steps(&self) -> Vec<usize> {
        let n = self.visit.form.as_ref().map_or(0, |f| f.steps.len());
        (0..n).filter(|&i| self.step_shown(i)).collect()
    }

    /// Whether the field is asked (or, for a calculation, worked out): its own `relevant` and its
    /// step's hold.
    pub fn relevant(&self, field: &Field) -> bool {
        let Some(form) = self.visit.form.as_deref() else { return false };
        let own = || value_of(Some(field), self.visit.answers.get(&field.id).map(|(a, _)| a));
        let step = form.step_of(&field.id).and_then(|i| form.steps.get(i));
        self.holds(form, step.and_then(|s| s.relevant.as_ref()), Value::Text(String::new())) != Some(false)
            && self.holds(form, field.relevant.as_ref(), own()) != Some(false)
    }

    /// Whether the field must be answered now.
    pub fn required(&self, field: &Field) -> bool {
        let Some(form) = self.visit.form.as_deref() else { return false };
        field.required || self.holds(form, field.required_if.as_ref(), Value::Text(String::new())) == Some(true)
    }

    /// The choices offered now, in the form's order (all of them without a `choice_filter`).
    pub fn choices<'f>(&self, field: &'f Field) -> Vec<&'f str> {
        let Some(form) = self.visit.form.as_deref() else { return vec![] };
        let Some(filter) = &field.choice_filter else { return field.choices.iter().map(String::as_str).collect() };
        (0..field.choices.len())
            .filter(|&i| filter.expr.holds(&Visible { choice: Some((field, i)), ..self.visible(form) }))
            .map(|i| field.choices[i].as_str())
            .collect()
    }

    /// The first step asked at or after `from`, or `None` (the review comes next).
    pub(super) fn next_shown(&self, from: usize) -> Option<usize> {
        self.shown_steps().into_iter().find(|&i| i >= from)
    }

    /// The last step asked before `before`.
    pub(super) fn previous_shown(&self, before: usize) -> Option<usize> {
        self.shown_steps().into_iter().rev().find(|&i| i < before)
    }

    /// A visit starts with the form's defaults.
    pub(super) fn start_with_defaults(&mut self) {
        self.visit.defaulted.clear();
        self.settle();
    }

    /// Gives each question asked now its default, once for each time it is asked.
    fn give_defaults(&mut self, form: &Form) -> bool {
        let mut changed = false;
        for field in form.fields() {
            let Some(default) = field.default.as_deref().filter(|d| !d.trim().is_empty()) else { continue };
            if self.visit.defaulted.contains(&field.id) || !self.relevant(field) {
                continue;
            }
            let answer = match field.kind {
                FieldKind::MultipleChoice => Answer::Choices(default.split_whitespace().map(str::to_owned).collect()),
                FieldKind::Consent => Answer::Consent(matches!(default.trim(), "yes" | "true" | "OK" | "1")),
                FieldKind::Note | FieldKind::Calculate | FieldKind::Address => continue,
                _ => Answer::Text(default.to_owned()),
            };
            self.visit.defaulted.insert(field.id.clone());
            if !self.visit.answers.contains_key(&field.id) {
                self.visit.answers.insert(field.id.clone(), (answer, Provenance::Typed));
                changed = true;
            }
        }
        changed
    }

    /// After answers change: works out the calculations, and drops every answer to a question no
    /// longer asked and every choice no longer offered, until nothing changes (a dropped answer
    /// can hide further questions). Bounded: each round either changes nothing or removes an
    /// answer, and calculations are worked out in dependency order.
    pub(super) fn settle(&mut self) {
        let Some(form) = self.visit.form.clone() else { return };
        let rounds = form.fields().count() + 1;
        for _ in 0..rounds {
            let mut changed = self.give_defaults(&form);
            for field in form.calculation_order().unwrap_or_default() {
                let value = if self.relevant(field) {
                    let scope = self.visible(&form);
                    field.calculate.as_ref().map(|l| l.expr.eval(&scope).text()).unwrap_or_default()
                } else {
                    String::new()
                };
                let now = self.visit.answers.get(&field.id).map(|(a, _)| a.clone());
                let want = (!value.is_empty()).then_some(Answer::Text(value));
                if now != want {
                    changed = true;
                    match want {
                        Some(a) => self.visit.answers.insert(field.id.clone(), (a, Provenance::Calculated)),
                        None => self.visit.answers.remove(&field.id),
                    };
                }
            }
            for field in form.fields().filter(|f| f.kind != FieldKind::Calculate) {
                if !self.relevant(field) {
                    self.visit.defaulted.remove(&field.id);
                }
                if !self.visit.answers.contains_key(&field.id) {
                    continue;
                }
                let keep = self.relevant(field) && self.offered(field);
                if !keep {
                    self.visit.answers.remove(&field.id);
                    self.visit.errors.remove(&field.id);
                    changed = true;
                }
            }
            if !changed {
                return;
            }
        }
    }

    /// Whether a choice answer is among the choices offered now.
    fn offered(&self, field: &Field) -> bool {
        if field.choice_filter.is_none() {
            return true;
        }
        let offered = self.choices(field);
        match self.visit.answers.get(&field.id).map(|(a, _)| a) {
            Some(Answer::Text(c)) => offered.contains(&c.as_str()),
            Some(Answer::Choices(cs)) => cs.iter().all(|c| offered.contains(&c.as_str())),
            _ => true,
        }
    }

    /// The form's own rules on an answer that passed the field's checks: required while its
    /// expression holds, choices offered, and the constraint.
    pub(super) fn check_logic(&self, field: &Field, answer: Option<&Answer>) -> Result<(), FieldError> {
        let Some(form) = self.visit.form.as_deref() else { return Ok(()) };
        let Some(answer) = answer.filter(|a| **a != Answer::Consent(false)) else {
            if self.required(field) {
                let code =
                    if field.kind == FieldKind::Consent { ErrorCode::ConsentRequired } else { ErrorCode::Required };
                return Err(FieldError { code, limit: None });
            }
            return Ok(());
        };
        let offered = self.choices(field);
        let unknown = match answer {
            Answer::Text(c) if field.choice_filter.is_some() => !offered.contains(&c.as_str()),
            Answer::Choices(cs) if field.choice_filter.is_some() => cs.iter().any(|c| !offered.contains(&c.as_str())),
            _ => false,
        };
        if unknown {
            return Err(FieldError { code: ErrorCode::UnknownChoice, limit: None });
        }
        if self.holds(form, field.constraint.as_ref(), value_of(Some(field), Some(answer))) == Some(false) {
            return Err(FieldError { code: ErrorCode::Constraint, limit: None });
        }
        Ok(())
    }
}
