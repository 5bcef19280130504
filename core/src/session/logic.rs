//! The form's logic during a visit: which steps and questions are asked (`relevant`), which are
//! required, which choices are offered (`choice_filter`), what the calculations hold, how many
//! instances a repeat has, and the answers that must go when what they answered is no longer asked.
//!
//! An answer is kept under its field's id, or, in a repeat, under `id[n]` for its `n`th instance
//! (names cannot hold `[`, so the keys never meet). Inside a repeat `${name}` reads the same
//! instance's answer, as in XLSForm.

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
    /// The repeat's instance the expression is worked out in (0 outside repeats).
    instance: usize,
    today: Date,
    /// The visit, for `count()` and `sum()` over a repeat's instances.
    session: &'a Session,
    /// The question whose answer (`current`) is being checked, before it is kept: a `sum()` over
    /// its repeat reads that answer in this instance.
    checking: Option<&'a str>,
}

/// Where an answer is kept: the field's id, or `id[n]` for the `n`th instance (from 1) of a repeat.
pub(super) fn key(form: &Form, field: &str, instance: usize) -> String {
    match form.step_of(field).map(|i| &form.steps[i]) {
        Some(step) if step.is_repeat() => format!("{field}[{}]", instance + 1),
        _ => field.to_owned(),
    }
}

/// A key's field and, in a repeat, its instance (from 0).
pub(super) fn split_key(key: &str) -> (&str, Option<usize>) {
    match key.strip_suffix(']').and_then(|k| k.split_once('[')) {
        Some((field, n)) => (field, n.parse::<usize>().ok().and_then(|n| n.checked_sub(1))),
        None => (key, None),
    }
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
        let key = key(self.form, name, self.instance);
        value_of(self.form.field(name), self.answers.get(&key).map(|(a, _)| a))
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
    fn instances(&self, name: &str) -> Vec<Value> {
        let form = self.form;
        // A question in a repeat (each instance's answer), or the repeat itself (by its name).
        let (step, field) = match form.step_of(name) {
            Some(i) => (i, form.field(name)),
            None => match form.steps.iter().position(|s| s.id == name) {
                Some(i) => (i, None),
                None => return vec![],
            },
        };
        if !form.steps[step].is_repeat() {
            return vec![];
        }
        // Not asked (its group's relevant does not hold): no instances. Form::check keeps this
        // from reading the repeat itself, so it ends.
        if self.session.holds(form, form.steps[step].relevant.as_ref(), Value::Text(String::new()), 0) == Some(false) {
            return vec![];
        }
        (0..self.session.instances(step))
            .map(|k| match field {
                Some(_) if k == self.instance && self.checking == Some(name) => self.current.clone(),
                Some(f) => value_of(Some(f), self.answers.get(&key(form, name, k)).map(|(a, _)| a)),
                None => Value::Text(String::new()),
            })
            .collect()
    }
}

impl Session {
    fn visible<'a>(&'a self, form: &'a Form, instance: usize) -> Visible<'a> {
        Visible {
            form,
            answers: &self.visit.answers,
            current: Value::Text(String::new()),
            choice: None,
            instance,
            today: self.today,
            session: self,
            checking: None,
        }
    }

    fn holds(&self, form: &Form, logic: Option<&crate::form::Logic>, current: Value, instance: usize) -> Option<bool> {
        let logic = logic?;
        let scope = Visible { current, ..self.visible(form, instance) };
        Some(logic.expr.holds(&scope))
    }

    /// Where the field's answer is kept in the instance in focus.
    pub(super) fn key(&self, field: &str) -> String {
        match self.visit.form.as_deref() {
            Some(form) => key(form, field, self.visit.instance),
            None => field.to_owned(),
        }
    }

    /// How many instances the step is asked in: 1 for a step that does not repeat; for a repeat,
    /// its count worked out now (0 hides it), or as many as the visitor has (from `min`).
    pub fn instances(&self, step: usize) -> usize {
        let Some(form) = self.visit.form.as_deref() else { return 0 };
        let Some(repeat) = form.steps.get(step).and_then(|s| s.repeat.as_ref()) else { return 1 };
        let max = repeat.max as usize;
        match &repeat.count {
            Some(count) => {
                let n = count.expr.eval(&self.visible(form, 0)).number();
                if n.is_finite() && n > 0.0 {
                    (n.floor() as usize).min(max)
                } else {
                    0
                }
            }
            None => self.visit.instances.get(&step).copied().unwrap_or(0).clamp(repeat.min as usize, max),
        }
    }

    /// Whether the step is asked: its group's `relevant` holds, a repeat has an instance, and it
    /// shows something.
    pub fn step_shown(&self, step: usize) -> bool {
        let Some(form) = self.visit.form.as_deref() else { return false };
        let Some(s) = form.steps.get(step) else { return false };
        self.holds(form, s.relevant.as_ref(), Value::Text(String::new()), 0) != Some(false)
            && (0..self.instances(step))
                .any(|k| s.fields.iter().any(|f| f.kind != FieldKind::Calculate && self.relevant_at(f, k)))
    }

    /// The steps asked now, in order (the step counter counts these).
    pub fn shown_steps(&self) -> Vec<usize> {
        let n = self.visit.form.as_ref().map_or(0, |f| f.steps.len());
        (0..n).filter(|&i| self.step_shown(i)).collect()
    }

    /// Whether the field is asked (or, for a calculation, worked out) in the instance in focus.
    pub fn relevant(&self, field: &Field) -> bool {
        self.relevant_at(field, self.visit.instance)
    }

    /// Whether the field is asked in this instance: its own `relevant` and its step's hold.
    pub fn relevant_at(&self, field: &Field, instance: usize) -> bool {
        let Some(form) = self.visit.form.as_deref() else { return false };
        let answer = self.visit.answers.get(&key(form, &field.id, instance)).map(|(a, _)| a);
        let step = form.step_of(&field.id).and_then(|i| form.steps.get(i));
        self.holds(form, step.and_then(|s| s.relevant.as_ref()), Value::Text(String::new()), 0) != Some(false)
            && self.holds(form, field.relevant.as_ref(), value_of(Some(field), answer), instance) != Some(false)
    }

    /// The answers `field`'s label shows in this instance (XLSForm `${name}` in its texts): each
    /// with its Fluent variable and question; `None` while unanswered or not asked.
    pub fn shown<'f>(&'f self, field: &Field, instance: usize) -> Vec<(String, &'f Field, Option<&'f Answer>)> {
        self.shown_of(&field.shows, instance)
    }

    /// The answers named in `shows` (a field's or a step's), in this instance, as [`Session::shown`].
    pub fn shown_of<'f>(&'f self, shows: &[String], instance: usize) -> Vec<(String, &'f Field, Option<&'f Answer>)> {
        let Some(form) = self.visit.form.as_deref() else { return vec![] };
        shows
            .iter()
            .filter_map(|name| {
                let shown = form.field(name)?;
                let answer = self.visit.answers.get(&key(form, name, instance)).map(|(a, _)| a);
                let answer = answer.filter(|_| self.relevant_at(shown, instance));
                Some((crate::form::shown_var(name), shown, answer))
            })
            .collect()
    }

    /// Whether the field must be answered now.
    pub fn required(&self, field: &Field) -> bool {
        let Some(form) = self.visit.form.as_deref() else { return false };
        field.required
            || self.holds(form, field.required_if.as_ref(), Value::Text(String::new()), self.visit.instance)
                == Some(true)
    }

    /// The choices offered now, in the form's order (all of them without a `choice_filter`).
    pub fn choices<'f>(&self, field: &'f Field) -> Vec<&'f str> {
        self.choices_at(field, self.visit.instance)
    }

    fn choices_at<'f>(&self, field: &'f Field, instance: usize) -> Vec<&'f str> {
        let Some(form) = self.visit.form.as_deref() else { return vec![] };
        let Some(filter) = &field.choice_filter else { return field.choices.iter().map(String::as_str).collect() };
        (0..field.choices.len())
            .filter(|&i| filter.expr.holds(&Visible { choice: Some((field, i)), ..self.visible(form, instance) }))
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
        self.visit.instances.clear();
        self.visit.instance = 0;
        self.settle();
    }

    /// Every (field, instance) the form has now: each field once, a repeat's once per instance.
    fn slots(&self, form: &Form) -> Vec<(usize, usize)> {
        let mut slots = Vec::new();
        let mut index = 0;
        for (i, step) in form.steps.iter().enumerate() {
            let n = if step.is_repeat() { self.instances(i) } else { 1 };
            for f in 0..step.fields.len() {
                slots.extend((0..n).map(|k| (index + f, k)));
            }
            index += step.fields.len();
        }
        slots
    }

    /// Gives each question asked now its default, once for each time it is asked.
    fn give_defaults(&mut self, form: &Form) -> bool {
        let fields: Vec<&Field> = form.fields().collect();
        let mut changed = false;
        for (f, k) in self.slots(form) {
            let field = fields[f];
            let Some(default) = field.default.as_deref().filter(|d| !d.trim().is_empty()) else { continue };
            let key = key(form, &field.id, k);
            if self.visit.defaulted.contains(&key) || !self.relevant_at(field, k) {
                continue;
            }
            let answer = match field.kind {
                FieldKind::MultipleChoice => Answer::Choices(default.split_whitespace().map(str::to_owned).collect()),
                FieldKind::Consent => Answer::Consent(matches!(default.trim(), "yes" | "true" | "OK" | "1")),
                FieldKind::Note | FieldKind::Calculate | FieldKind::Address => continue,
                _ => Answer::Text(default.to_owned()),
            };
            self.visit.defaulted.insert(key.clone());
            if let std::collections::btree_map::Entry::Vacant(slot) = self.visit.answers.entry(key) {
                slot.insert((answer, Provenance::Typed));
                changed = true;
            }
        }
        changed
    }

    /// After answers change: works out the calculations, and drops every answer to a question no
    /// longer asked, every choice no longer offered and every instance a repeat no longer has,
    /// until nothing changes (a dropped answer can hide further questions). Bounded: each round
    /// either changes nothing or removes an answer, and calculations are worked out in dependency
    /// order (a repeat holds none).
    pub(super) fn settle(&mut self) {
        let Some(form) = self.visit.form.clone() else { return };
        let rounds = form.fields().count() + 1;
        for _ in 0..rounds {
            let mut changed = self.give_defaults(&form);
            for field in form.calculation_order().unwrap_or_default() {
                let value = if self.relevant_at(field, 0) {
                    let scope = self.visible(&form, 0);
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
            let fields: Vec<&Field> = form.fields().collect();
            for (f, k) in self.slots(&form) {
                let field = fields[f];
                if field.kind == FieldKind::Calculate {
                    continue;
                }
                let key = key(&form, &field.id, k);
                if !self.relevant_at(field, k) {
                    self.visit.defaulted.remove(&key);
                }
                if !self.visit.answers.contains_key(&key) {
                    continue;
                }
                if !(self.relevant_at(field, k) && self.offered(field, &key, k)) {
                    self.visit.answers.remove(&key);
                    self.visit.errors.remove(&key);
                    changed = true;
                }
            }
            // Instances past a repeat's count now.
            let gone: Vec<String> = self
                .visit
                .answers
                .keys()
                .filter(|key| match split_key(key) {
                    (field, Some(k)) => form.step_of(field).is_none_or(|i| k >= self.instances(i)),
                    (_, None) => false,
                })
                .cloned()
                .collect();
            for key in gone {
                self.visit.answers.remove(&key);
                self.visit.errors.remove(&key);
                self.visit.defaulted.remove(&key);
                changed = true;
            }
            if !changed {
                return;
            }
        }
    }

    /// Whether a choice answer is among the choices offered now.
    fn offered(&self, field: &Field, key: &str, instance: usize) -> bool {
        if field.choice_filter.is_none() {
            return true;
        }
        let offered = self.choices_at(field, instance);
        match self.visit.answers.get(key).map(|(a, _)| a) {
            Some(Answer::Text(c)) => offered.contains(&c.as_str()),
            Some(Answer::Choices(cs)) => cs.iter().all(|c| offered.contains(&c.as_str())),
            _ => true,
        }
    }

    /// The form's own rules on an answer that passed the field's checks, in the instance in focus:
    /// required while its expression holds, choices offered, and the constraint.
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
        let current = value_of(Some(field), Some(answer));
        let holds = field.constraint.as_ref().map(|logic| {
            let scope = Visible { current, checking: Some(&field.id), ..self.visible(form, self.visit.instance) };
            logic.expr.holds(&scope)
        });
        if holds == Some(false) {
            return Err(FieldError { code: ErrorCode::Constraint, limit: None });
        }
        Ok(())
    }

    /// Adds an instance to the repeat on screen (the one she is on must be complete first) and
    /// goes to it. False when the repeat has a count or is full.
    pub(super) fn add_instance(&mut self, step: usize, now: Timestamp) -> bool {
        let Some(form) = self.visit.form.clone() else { return false };
        let Some(repeat) = form.steps[step].repeat.as_ref().filter(|r| r.count.is_none()) else { return false };
        let n = self.instances(step);
        if n >= repeat.max as usize {
            return false;
        }
        if !self.check_step(step, now) {
            return true;
        }
        self.visit.instances.insert(step, n + 1);
        self.visit.instance = n;
        self.settle();
        self.go(Screen::Step(step))
    }

    /// Removes the instance on screen (its answers go, later ones move up). False when the repeat
    /// has a count or is at its fewest.
    pub(super) fn remove_instance(&mut self, step: usize) -> bool {
        let Some(form) = self.visit.form.clone() else { return false };
        let Some(repeat) = form.steps[step].repeat.as_ref().filter(|r| r.count.is_none()) else { return false };
        let n = self.instances(step);
        let gone = self.visit.instance;
        if n <= repeat.min as usize || gone >= n {
            return false;
        }
        let ids: Vec<&str> = form.steps[step].fields.iter().map(|f| f.id.as_str()).collect();
        for id in &ids {
            let removed = key(&form, id, gone);
            self.visit.answers.remove(&removed);
            self.visit.errors.remove(&removed);
            self.visit.defaulted.remove(&removed);
            for k in gone + 1..n {
                let (from, to) = (key(&form, id, k), key(&form, id, k - 1));
                if let Some(a) = self.visit.answers.remove(&from) {
                    self.visit.answers.insert(to.clone(), a);
                }
                if let Some(e) = self.visit.errors.remove(&from) {
                    self.visit.errors.insert(to.clone(), e);
                }
                if self.visit.defaulted.remove(&from) {
                    self.visit.defaulted.insert(to);
                }
            }
        }
        self.visit.instances.insert(step, n - 1);
        self.visit.instance = gone.min(n - 2);
        self.settle();
        self.go(Screen::Step(step))
    }
}
