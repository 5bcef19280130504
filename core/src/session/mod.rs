//! The visitor session: a sans-IO state machine from the welcome screen to the receipt.
//!
//! The engine feeds it [`Input`]s with the time they happened
//! (`Session::handle(input, now)`), drains [`Effect`]s with [`Session::poll`],
//! and wakes it at [`Session::poll_timeout`]. It never sleeps, reads a clock
//! or touches a device, so every journey is a table-driven test.

mod answers;
mod apply;
mod logic;
#[cfg(test)]
mod logic_tests;
#[cfg(test)]
mod tests;
mod types;

pub use types::*;

use crate::document::{DocumentData, Provenance};
use crate::form::{Catalog, Form};
use crate::guidance::{self, Guidance};
use crate::i18n::Locale;
use crate::time::Timestamp;
use crate::validate::{self, Answer, Context, FieldError};
use std::collections::{BTreeMap, VecDeque};
use std::sync::Arc;
use std::time::Duration;

/// Everything known about the current visitor; dropped whole on wipe.
#[derive(Debug, Default)]
struct Visit {
    locale: Locale,
    form: Option<Arc<Form>>,
    identity: Option<IdentityMethod>,
    document: Option<DocumentData>,
    answers: BTreeMap<String, (Answer, Provenance)>,
    /// Fields whose default was given since they were last asked (a default comes back when a
    /// hidden question is asked again, never over what the visitor chose).
    defaulted: std::collections::BTreeSet<String>,
    errors: BTreeMap<String, FieldError>,
    /// How many instances each repeat the visitor adds to has (by step index).
    instances: BTreeMap<usize, usize>,
    /// The instance of the repeat on screen (0 on every other step).
    instance: usize,
    returning_to_review: bool,
    confirming_cancel: bool,
    /// The document key as typed, to show again after a failed read.
    key_entry: Option<(String, String, String)>,
    /// The visitor chose to open the chip with the card access number.
    key_by_can: bool,
    /// Staff were called from this screen (the notice shows until the screen changes).
    staff_called: bool,
    can_entry: Option<String>,
    banner: Option<String>,
    receipt: Option<Receipt>,
}

pub struct Session {
    catalog: Arc<Catalog>,
    config: SessionConfig,
    screen: Screen,
    visit: Visit,
    prefs: Preferences,
    last_activity: Timestamp,
    /// The day of the last input, for `today()` in the form's logic.
    today: crate::validate::Date,
    warning: Option<Timestamp>,
    /// What was last said, so a redraw that changes nothing is not said again.
    spoken: Option<Guidance>,
    effects: VecDeque<Effect>,
}

impl std::fmt::Debug for Session {
    /// Shows the state, never the visitor's answers.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session").field("screen", &self.screen).field("warning", &self.warning).finish()
    }
}

impl Session {
    pub fn new(catalog: Arc<Catalog>, config: SessionConfig) -> Session {
        assert!(config.warning_lead >= Duration::from_secs(20), "visitors need at least 20 s to ask for more time");
        assert!(config.idle_timeout > config.warning_lead, "the warning must come before the timeout");
        assert!(config.receipt_timeout > config.warning_lead, "and before the receipt's");
        Session {
            catalog,
            config,
            screen: Screen::Welcome,
            visit: Visit::default(),
            prefs: Preferences::default(),
            last_activity: Timestamp(0),
            today: crate::validate::Date::from_days_since_epoch(0),
            warning: None,
            spoken: None,
            effects: VecDeque::new(),
        }
    }

    /// Replaces the catalog (a new form bundle); only allowed between visitors.
    pub fn set_catalog(&mut self, catalog: Arc<Catalog>) -> bool {
        if self.screen != Screen::Welcome {
            return false;
        }
        self.catalog = catalog;
        true
    }

    pub fn config(&self) -> &SessionConfig {
        &self.config
    }
    /// What is said and signed now.
    pub fn guidance(&self) -> Guidance {
        guidance::guidance(self)
    }
    pub fn catalog(&self) -> &Arc<Catalog> {
        &self.catalog
    }

    /// Feeds one input. Returns whether it applied to the current screen;
    /// inputs that make no sense there are ignored, never a panic.
    pub fn handle(&mut self, input: Input, now: Timestamp) -> bool {
        self.today = now.kst_date();
        self.handle_time(now);
        if input.is_activity() {
            self.last_activity = now;
            if self.warning.take().is_some() {
                self.show();
            }
        }
        // An answer being set is the visitor's own doing: redrawn, not said again (the next step is).
        let quiet = matches!(input, Input::SetAnswer { .. });
        let handled = self.apply(input, now);
        if handled && quiet {
            let s = Effect::ShowScreen(self.screen);
            if !self.effects.contains(&s) {
                self.effects.push_back(s);
            }
        } else if handled {
            self.show();
        }
        handled
    }

    /// The next effect to carry out.
    pub fn poll(&mut self) -> Option<Effect> {
        self.effects.pop_front()
    }

    /// When the visit on this screen ends without activity: the receipt after `receipt_timeout`,
    /// every other screen of a visit after `idle_timeout`; the welcome and submitting never.
    fn deadline(&self) -> Option<Timestamp> {
        match self.screen {
            Screen::Welcome | Screen::Submitting => None,
            Screen::Receipt => Some(self.last_activity + self.config.receipt_timeout),
            _ => Some(self.last_activity + self.config.idle_timeout),
        }
    }

    /// When the session next needs `handle(Input::Tick, ..)`.
    pub fn poll_timeout(&self) -> Option<Timestamp> {
        let deadline = self.deadline()?;
        Some(match self.warning {
            Some(_) => deadline,
            None => deadline - self.config.warning_lead,
        })
    }

    /// The warning comes `warning_lead` before the deadline, on the receipt too (she may still be
    /// copying her number), then the wipe.
    fn handle_time(&mut self, now: Timestamp) {
        let Some(deadline) = self.deadline() else { return };
        if now >= deadline {
            self.wipe(if self.screen == Screen::Receipt { WipeReason::Finished } else { WipeReason::Timeout });
        } else if now >= deadline - self.config.warning_lead && self.warning.is_none() {
            self.warning = Some(deadline);
            self.show();
        }
    }

    fn go(&mut self, screen: Screen) -> bool {
        self.screen = screen;
        self.visit.confirming_cancel = false;
        self.visit.staff_called = false;
        self.visit.banner = None;
        true
    }

    /// Checks the typed document key; on mistakes, records errors on the key fields.
    fn show(&mut self) {
        let s = Effect::ShowScreen(self.screen);
        if !self.effects.contains(&s) {
            self.effects.push_back(s);
        }
        self.guide();
    }

    /// Says (and signs) the current moment, unless it was just said.
    fn guide(&mut self) {
        let now = guidance::guidance(self);
        if self.spoken.as_ref() == Some(&now) {
            return;
        }
        self.effects.retain(|e| !matches!(e, Effect::Speak(_) | Effect::PlayClip(_)));
        self.effects.push_back(Effect::PlayClip(now.clip.clone()));
        self.effects.push_back(Effect::Speak(now.clone()));
        self.spoken = Some(now);
    }

    fn wipe(&mut self, reason: WipeReason) {
        if self.screen == Screen::Reading {
            self.effects.push_back(Effect::CancelRead);
        }
        self.visit = Visit::default();
        self.prefs = Preferences::default();
        self.warning = None;
        self.screen = Screen::Welcome;
        self.effects.retain(|e| !matches!(e, Effect::Speak(_) | Effect::PlayClip(_)));
        self.effects.push_back(Effect::Wipe(reason));
        self.effects.push_back(Effect::StopSpeech);
        // The welcome screen waits in silence for the next visitor.
        self.spoken = Some(guidance::guidance(self));
        let s = Effect::ShowScreen(self.screen);
        self.effects.push_back(s);
    }

    pub fn screen(&self) -> Screen {
        self.screen
    }
    pub fn locale(&self) -> Locale {
        self.visit.locale
    }
    pub fn form(&self) -> Option<&Arc<Form>> {
        self.visit.form.as_ref()
    }
    /// The field's answer (in a repeat, in the instance on screen).
    pub fn answer(&self, field: &str) -> Option<(&Answer, Provenance)> {
        self.visit.answers.get(&self.key(field)).map(|(a, p)| (a, *p))
    }
    /// The field's answer in one instance of its repeat (for a field not in a repeat, its answer).
    pub fn answer_at(&self, field: &str, instance: usize) -> Option<(&Answer, Provenance)> {
        let form = self.visit.form.as_deref()?;
        self.visit.answers.get(&logic::key(form, field, instance)).map(|(a, p)| (a, *p))
    }
    pub fn error(&self, field: &str) -> Option<&FieldError> {
        self.visit.errors.get(&self.key(field))
    }
    /// On a repeated step: the instance on screen (from 0) and how many there are.
    pub fn instance(&self) -> Option<(usize, usize)> {
        let Screen::Step(i) = self.screen else { return None };
        self.visit.form.as_ref()?.steps.get(i)?.repeat.as_ref()?;
        Some((self.visit.instance, self.instances(i)))
    }
    /// On a repeated step the visitor adds to: whether she may add another, and remove this one.
    pub fn can_add_remove(&self) -> (bool, bool) {
        let Screen::Step(i) = self.screen else { return (false, false) };
        let repeat = self.visit.form.as_ref().and_then(|f| f.steps.get(i)).and_then(|s| s.repeat.as_ref());
        match repeat {
            Some(r) if r.count.is_none() => {
                let n = self.instances(i);
                (n < r.max as usize, n > r.min as usize)
            }
            _ => (false, false),
        }
    }
    pub fn identity(&self) -> Option<IdentityMethod> {
        self.visit.identity
    }
    /// When the inactivity warning is showing: the time of the wipe.
    pub fn warning(&self) -> Option<Timestamp> {
        self.warning
    }
    pub fn confirming_cancel(&self) -> bool {
        self.visit.confirming_cancel
    }
    pub fn returning_to_review(&self) -> bool {
        self.visit.returning_to_review
    }
    /// A stable error code to show on the review screen (the last submit failed).
    pub fn banner(&self) -> Option<&str> {
        self.visit.banner.as_deref()
    }
    pub fn receipt(&self) -> Option<&Receipt> {
        self.visit.receipt.as_ref()
    }
    pub fn prefs(&self) -> Preferences {
        self.prefs
    }
    pub fn document(&self) -> Option<&DocumentData> {
        self.visit.document.as_ref()
    }
    /// The document key as the visitor typed it (number, birth date, expiry), for the form to show again.
    pub fn key_entry(&self) -> Option<(&str, &str, &str)> {
        self.visit.key_entry.as_ref().map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
    }
    /// Whether the key screen asks for the card access number instead of the MRZ.
    pub fn key_by_can(&self) -> bool {
        self.visit.key_by_can
    }
    /// Whether staff were called from this screen.
    pub fn staff_called(&self) -> bool {
        self.visit.staff_called
    }
    pub fn can_entry(&self) -> Option<&str> {
        self.visit.can_entry.as_deref()
    }
}
