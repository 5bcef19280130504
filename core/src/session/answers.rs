//! Answers: the document key checked, a document's values pre-filled, an answer set, a step
//! checked, the submission made.

use super::*;
use crate::form::FieldKind;

impl Session {
    pub(super) fn check_key(&mut self, number: &str, birth: &str, expiry: &str) -> Option<DocumentKey> {
        use crate::validate::{Date, ErrorCode};
        for f in KEY_FIELDS {
            self.visit.errors.remove(f);
        }
        let number: String = number.trim().to_ascii_uppercase().chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        let mut ok = true;
        if number.is_empty() {
            self.visit.errors.insert(KEY_FIELDS[0].into(), FieldError { code: ErrorCode::Required, limit: None });
            ok = false;
        } else if number.len() > 22 || !number.chars().all(|c| c.is_ascii_alphanumeric()) {
            self.visit.errors.insert(KEY_FIELDS[0].into(), FieldError { code: ErrorCode::Pattern, limit: None });
            ok = false;
        }
        let mut yymmdd = |field: &str, text: &str| match Date::parse(text) {
            Some(d) => Some(format!("{:02}{:02}{:02}", d.year.rem_euclid(100), d.month, d.day)),
            None => {
                let code = if text.trim().is_empty() { ErrorCode::Required } else { ErrorCode::InvalidDate };
                self.visit.errors.insert(field.into(), FieldError { code, limit: None });
                None
            }
        };
        let birth = yymmdd(KEY_FIELDS[1], birth);
        let expiry = yymmdd(KEY_FIELDS[2], expiry);
        match (ok, birth, expiry) {
            (true, Some(birth_date), Some(expiry)) => Some(DocumentKey::Mrz { number, birth_date, expiry }),
            _ => None,
        }
    }

    pub(super) fn prefill(&mut self, doc: &DocumentData) {
        let Some(form) = self.visit.form.clone() else { return };
        for field in form.fields() {
            let Some(source) = field.prefill else { continue };
            let Some(value) = doc.values.get(&source).and_then(|v| crate::document::prefill_answer(v, field.kind))
            else {
                continue;
            };
            self.visit.answers.insert(field.id.clone(), (value, doc.provenance()));
        }
        self.settle();
    }

    pub(super) fn set_answer(&mut self, step: usize, field: String, answer: Option<Answer>) -> bool {
        let Some(form) = &self.visit.form else { return false };
        if !form.steps[step].fields.iter().any(|f| f.id == field) {
            return false;
        }
        let key = self.key(&field);
        match answer {
            None => {
                self.visit.answers.remove(&key);
            }
            Some(a) => {
                // A value the chip gave stays marked as such only while it is unchanged.
                let provenance = match self.visit.answers.get(&key) {
                    Some((old, p)) if *old == a => *p,
                    _ => Provenance::Typed,
                };
                self.visit.answers.insert(key.clone(), (a, provenance));
            }
        }
        self.visit.errors.remove(&key);
        self.settle();
        true
    }

    /// Validates one step (in a repeat, the instance on screen); stores normalised answers and
    /// errors. True when it passed.
    pub(super) fn check_step(&mut self, step: usize, now: Timestamp) -> bool {
        let Some(form) = self.visit.form.clone() else { return false };
        let ctx = Context { today: now.kst_date() };
        let mut ok = true;
        for field in form.steps[step].fields.iter().filter(|f| f.kind.is_asked()) {
            let key = self.key(&field.id);
            if !self.relevant(field) {
                self.visit.answers.remove(&key);
                self.visit.errors.remove(&key);
                continue;
            }
            let current = self.visit.answers.get(&key).map(|(a, _)| a);
            let checked =
                validate::validate(field, current, &ctx).and_then(|n| self.check_logic(field, n.as_ref()).map(|()| n));
            match checked {
                Ok(Some(normalised)) => {
                    let p = self.visit.answers.get(&key).map_or(Provenance::Typed, |(_, p)| *p);
                    self.visit.answers.insert(key.clone(), (normalised, p));
                    self.visit.errors.remove(&key);
                }
                Ok(None) => {
                    self.visit.answers.remove(&key);
                    self.visit.errors.remove(&key);
                }
                Err(e) => {
                    self.visit.errors.insert(key, e);
                    ok = false;
                }
            }
        }
        ok
    }

    pub(super) fn submit(&mut self, now: Timestamp) -> bool {
        let Some(form) = self.visit.form.clone() else { return false };
        self.settle();
        let mut first_bad = None;
        for i in self.shown_steps() {
            for k in 0..self.instances(i) {
                self.visit.instance = k;
                if !self.check_step(i, now) && first_bad.is_none() {
                    first_bad = Some((i, k));
                }
            }
        }
        self.visit.instance = 0;
        self.settle();
        if let Some((i, k)) = first_bad {
            self.visit.returning_to_review = true;
            self.visit.instance = k;
            return self.go(Screen::Step(i));
        }
        let mut answers: Vec<SubmittedAnswer> = Vec::new();
        for (i, step) in form.steps.iter().enumerate() {
            for k in 0..self.instances(i) {
                for f in step.fields.iter().filter(|f| f.kind != FieldKind::Note && self.relevant_at(f, k)) {
                    let Some((value, provenance)) = self.visit.answers.get(&logic::key(&form, &f.id, k)) else {
                        continue;
                    };
                    answers.push(SubmittedAnswer {
                        field: f.id.clone(),
                        instance: step.is_repeat().then_some(k as u32 + 1),
                        value: value.clone(),
                        provenance: *provenance,
                    });
                }
            }
        }
        let from_chip =
            answers.iter().any(|a| matches!(a.provenance, Provenance::ChipVerified | Provenance::ChipUnverified));
        let chip_evidence = self.visit.document.as_ref().and_then(|d| d.evidence.clone()).filter(|_| from_chip);
        self.effects.push_back(Effect::Enqueue(Submission {
            form: form.id.clone(),
            form_version: form.version,
            locale: self.visit.locale,
            identity: self.visit.identity.unwrap_or(IdentityMethod::NotAsked),
            answers,
            document_checks: self.visit.document.as_ref().and_then(|d| d.checks.clone()),
            chip_evidence,
            completed_at: now,
        }));
        self.go(Screen::Submitting)
    }

    // --- What the engine reads to render the screen. ---
}
