//! The machine's transitions, one function per kind of input: what works everywhere, arriving,
//! identifying, the form, going back, leaving. An input that makes no sense on the current screen
//! falls through to `false` and is ignored.

use super::*;

impl Session {
    pub(super) fn apply(&mut self, input: Input, now: Timestamp) -> bool {
        match input {
            Input::Tick
            | Input::SetTextSize(_)
            | Input::SetHighContrast(_)
            | Input::SetSpeechRate(_)
            | Input::SetVoiceMode(_)
            | Input::Announce(_)
            | Input::AnnounceBox(_)
            | Input::Typed { .. }
            | Input::SetLowPosition(_)
            | Input::SetVolume(_)
            | Input::CallStaff
            | Input::Repeat
            | Input::Help
            | Input::MoreTime => self.on_assist(input),
            Input::Start | Input::ChooseLanguage(_) | Input::ChooseService(_) => self.on_arrive(input),
            Input::IdentifyByTyping
            | Input::ChooseDocument
            | Input::SubmitDocumentKey { .. }
            | Input::KeyByCan(_)
            | Input::SubmitCan { .. }
            | Input::DocumentRead(_)
            | Input::ReadFailed { .. }
            | Input::IdentityRemoved => self.on_identify(input),
            Input::SetAnswer { .. }
            | Input::Next
            | Input::Edit { .. }
            | Input::AddInstance
            | Input::RemoveInstance
            | Input::Submit
            | Input::Queued(_)
            | Input::QueueFailed { .. } => self.on_form(input, now),
            Input::Back => self.on_back(input),
            Input::Cancel | Input::ConfirmCancel | Input::KeepGoing | Input::Finish => self.on_leave(input),
        }
    }

    /// What works on every screen: display and speech preferences, staff, repeat and help.
    fn on_assist(&mut self, input: Input) -> bool {
        match (self.screen, input) {
            (_, Input::Tick) => false,
            (_, Input::SetTextSize(size)) => {
                self.prefs.text_size = size;
                true
            }
            (_, Input::SetHighContrast(on)) => {
                self.prefs.high_contrast = on;
                true
            }
            (_, Input::SetSpeechRate(rate)) => {
                self.prefs.speech_rate = rate;
                // Said again at the new rate, so the visitor hears the difference.
                self.spoken = None;
                true
            }
            (_, Input::SetVoiceMode(on)) => {
                self.prefs.voice_mode = on;
                let mut g = guidance::guidance(self);
                let turned = if on { "guide-voice-on" } else { "guide-voice-off" };
                g.parts.insert(0, crate::guidance::Speech::message(turned));
                if on {
                    g.parts.insert(1, crate::guidance::Speech::message("guide-help-keys"));
                }
                self.effects.push_back(Effect::Speak(g));
                self.spoken = Some(guidance::guidance(self));
                true
            }
            (_, Input::Announce(text)) => {
                let text: String = text.chars().take(300).collect();
                if !text.trim().is_empty() {
                    let clip = guidance::guidance(self).clip;
                    let parts = vec![crate::guidance::Speech::Value { text }];
                    self.effects.push_back(Effect::Speak(Guidance { parts, clip }));
                }
                false
            }
            (_, Input::AnnounceBox(text)) => {
                let text: String = text.chars().take(300).collect();
                if !text.trim().is_empty() {
                    let clip = guidance::guidance(self).clip;
                    let parts = vec![crate::guidance::Speech::Personal {
                        id: "guide-read-back".into(),
                        args: vec![("value".into(), text)],
                    }];
                    self.effects.push_back(Effect::Speak(Guidance { parts, clip }));
                }
                false
            }
            (_, Input::Typed { said, value, found }) => {
                if self.prefs.voice_mode {
                    let clip = guidance::guidance(self).clip;
                    let value: String = value.chars().take(20).collect();
                    let mut parts = vec![crate::guidance::Speech::Personal {
                        id: said.into(),
                        args: vec![("value".into(), value)],
                    }];
                    if let Some(found) = found {
                        let id = match found {
                            Found { count: 0, .. } => "guide-address-none",
                            Found { more: true, .. } => "guide-address-more",
                            Found { .. } => "guide-address-found",
                        };
                        parts.push(crate::guidance::Speech::Message {
                            id: id.into(),
                            args: vec![("count".into(), found.count.to_string())],
                        });
                    }
                    self.effects.push_back(Effect::Speak(Guidance { parts, clip }));
                }
                false
            }
            (_, Input::SetLowPosition(on)) => {
                self.prefs.low_position = on;
                true
            }
            (_, Input::SetVolume(v)) => {
                self.prefs.volume = v.clamp(10, 100);
                self.spoken = None;
                true
            }
            (_, Input::CallStaff) => {
                self.visit.staff_called = true;
                self.effects.push_back(Effect::CallStaff { screen: self.screen.name() });
                true
            }
            (_, Input::Repeat) => {
                self.spoken = None;
                true
            }
            (_, Input::Help) => {
                let help = guidance::help(self);
                self.effects.push_back(Effect::Speak(help));
                false
            }
            // Clearing a warning already redraws; a sign of life alone changes nothing on screen.
            (_, Input::MoreTime) => false,
            _ => false,
        }
    }

    /// Arriving: the welcome, the language, the service.
    fn on_arrive(&mut self, input: Input) -> bool {
        use Screen::*;
        match (self.screen, input) {
            // The welcome already offers every language: starting goes on in the one shown.
            (Welcome, Input::Start) => self.go(Service),
            (Welcome, Input::ChooseLanguage(l)) => {
                self.visit.locale = l;
                self.go(Service)
            }
            (Service, Input::ChooseService(id)) => {
                let Some(form) = self.catalog.get(&id.0).cloned() else { return false };
                if self.visit.form.as_ref().map(|f| &f.id) != Some(&form.id) {
                    self.visit.answers.clear();
                    self.visit.errors.clear();
                    self.visit.document = None;
                    self.visit.identity = None;
                    self.visit.instances.clear();
                }
                let identify = form.identify;
                let fresh = self.visit.form.as_ref().map(|f| &f.id) != Some(&form.id);
                self.visit.form = Some(form);
                if fresh {
                    self.start_with_defaults();
                }
                if identify {
                    self.go(Identify)
                } else {
                    self.visit.identity = Some(IdentityMethod::NotAsked);
                    self.go_first_step()
                }
            }
            _ => false,
        }
    }

    /// Who the visitor is: typed, or read from a document with its key.
    fn on_identify(&mut self, input: Input) -> bool {
        use Screen::*;
        match (self.screen, input) {
            (Identify, Input::IdentifyByTyping) => {
                self.visit.identity = Some(IdentityMethod::Typed);
                self.go_first_step()
            }
            (Identify, Input::ChooseDocument) => self.go(DocumentKey),
            (DocumentKey, Input::SubmitDocumentKey { number, birth_date, expiry }) => {
                self.visit.key_entry = Some((number.clone(), birth_date.clone(), expiry.clone()));
                match self.check_key(&number, &birth_date, &expiry) {
                    Some(key) => {
                        self.effects.push_back(Effect::ReadDocument(key));
                        self.go(Reading)
                    }
                    None => true,
                }
            }
            (DocumentKey, Input::KeyByCan(by_can)) => {
                self.visit.key_by_can = by_can;
                self.visit.banner = None;
                true
            }
            (DocumentKey, Input::SubmitCan { can }) => {
                self.visit.errors.remove(CAN_FIELD);
                let digits: String = can.chars().filter(|c| !c.is_whitespace()).collect();
                self.visit.can_entry = Some(can);
                if digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit()) {
                    self.effects.push_back(Effect::ReadDocument(self::DocumentKey::Can(digits)));
                    return self.go(Reading);
                }
                let code = if digits.is_empty() { validate::ErrorCode::Required } else { validate::ErrorCode::Can };
                self.visit.errors.insert(CAN_FIELD.into(), FieldError { code, limit: None });
                true
            }
            (Reading, Input::DocumentRead(doc)) => {
                self.visit.key_entry = None;
                self.visit.can_entry = None;
                self.prefill(&doc);
                self.visit.document = Some(doc);
                self.visit.identity = Some(IdentityMethod::Document);
                self.go_first_step()
            }
            (Reading, Input::ReadFailed { code }) => {
                self.go(DocumentKey);
                self.visit.banner = Some(code);
                true
            }
            (_, Input::IdentityRemoved) => {
                if self.visit.identity == Some(IdentityMethod::Document) && self.screen != Receipt {
                    self.wipe(WipeReason::IdentityRemoved);
                }
                false
            }
            _ => false,
        }
    }

    /// The form's steps, the review, and the outbox's answer.
    fn on_form(&mut self, input: Input, now: Timestamp) -> bool {
        use Screen::*;
        let steps = self.visit.form.as_ref().map_or(0, |f| f.steps.len());
        match (self.screen, input) {
            (Step(i), Input::SetAnswer { field, answer }) => self.set_answer(i, field, answer),
            (Step(i), Input::Next) => {
                if !self.check_step(i, now) {
                    return true;
                }
                if self.visit.returning_to_review {
                    self.visit.returning_to_review = false;
                    self.visit.instance = 0;
                    return self.go(Review);
                }
                // A repeat's next instance, then the next step asked.
                if self.visit.instance + 1 < self.instances(i) {
                    self.visit.instance += 1;
                    return self.go(Step(i));
                }
                self.visit.instance = 0;
                match self.next_shown(i + 1) {
                    Some(next) => self.go(Step(next)),
                    None => self.go(Review),
                }
            }
            (Step(i), Input::AddInstance) => self.add_instance(i, now),
            (Step(i), Input::RemoveInstance) => self.remove_instance(i),
            (Review, Input::Edit { step, instance })
                if step < steps && self.step_shown(step) && instance < self.instances(step) =>
            {
                self.visit.returning_to_review = true;
                self.visit.instance = instance;
                self.go(Step(step))
            }
            (Review, Input::Submit) => self.submit(now),
            (Submitting, Input::Queued(receipt)) => {
                // The outbox holds the (encrypted) answers now; the kiosk forgets them at once.
                self.visit.answers.clear();
                self.visit.document = None;
                self.visit.errors.clear();
                self.visit.receipt = Some(receipt.clone());
                self.effects.push_back(Effect::Print(receipt));
                self.last_activity = now;
                self.go(Receipt)
            }
            (Submitting, Input::QueueFailed { code }) => {
                self.go(Review);
                self.visit.banner = Some(code);
                true
            }
            _ => false,
        }
    }

    /// Back, from every screen that has something to go back to.
    fn on_back(&mut self, input: Input) -> bool {
        use Screen::*;
        let steps = self.visit.form.as_ref().map_or(0, |f| f.steps.len());
        match (self.screen, input) {
            (Service, Input::Back) => {
                self.screen = Welcome;
                self.visit = Visit::default();
                true
            }
            (Reading, Input::Back) => {
                self.effects.push_back(Effect::CancelRead);
                self.go(DocumentKey)
            }
            (DocumentKey, Input::Back) => self.go(Identify),
            (Identify, Input::Back) => self.go(Service),
            (Step(_), Input::Back) if self.visit.returning_to_review => {
                self.visit.returning_to_review = false;
                self.visit.instance = 0;
                self.go(Review)
            }
            (Step(i), Input::Back) if self.visit.instance > 0 => {
                self.visit.instance -= 1;
                self.go(Step(i))
            }
            (Step(i), Input::Back) => match self.previous_shown(i) {
                Some(before) => self.go_back_to(before),
                None => {
                    let identify = self.visit.form.as_ref().is_some_and(|f| f.identify);
                    self.go(if identify { Identify } else { Service })
                }
            },
            (Review, Input::Back) => match self.previous_shown(steps) {
                Some(last) => self.go_back_to(last),
                None => false,
            },
            _ => false,
        }
    }

    /// Back to a step: a repeat at its last instance.
    fn go_back_to(&mut self, step: usize) -> bool {
        self.visit.instance = self.instances(step).saturating_sub(1);
        self.go(Screen::Step(step))
    }

    /// The form's first step asked (the review, when the logic asks nothing).
    fn go_first_step(&mut self) -> bool {
        self.visit.instance = 0;
        match self.next_shown(0) {
            Some(first) => self.go(Screen::Step(first)),
            None => self.go(Screen::Review),
        }
    }

    /// Leaving: cancelling (asked first once something was entered) and finishing.
    fn on_leave(&mut self, input: Input) -> bool {
        use Screen::*;
        match (self.screen, input) {
            (Welcome | Submitting, Input::Cancel) => false,
            (Service | Receipt, Input::Cancel) => {
                self.wipe(if self.screen == Receipt { WipeReason::Finished } else { WipeReason::Cancelled });
                false
            }
            (Identify | DocumentKey | Reading | Step(_) | Review, Input::Cancel) => {
                self.visit.confirming_cancel = true;
                true
            }
            (_, Input::ConfirmCancel) if self.visit.confirming_cancel => {
                self.wipe(WipeReason::Cancelled);
                false
            }
            (_, Input::KeepGoing) if self.visit.confirming_cancel => {
                self.visit.confirming_cancel = false;
                true
            }
            (Receipt, Input::Finish) => {
                self.wipe(WipeReason::Finished);
                false
            }
            _ => false,
        }
    }
}
