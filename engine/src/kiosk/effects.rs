//! Carrying out the session's effects: screens, speech, clips, the outbox, the printer, the card
//! reader, staff calls, and the log of what was done (codes only).

use super::*;

impl Inner {
    pub(super) fn log(&mut self, entry: String) {
        if self.log.len() == LOG_LEN {
            self.log.pop_front();
        }
        self.log.push_back(entry);
    }

    /// The paper ticket for `receipt`, in the visitor's language: the service, the number, the
    /// time, where to go (the form's own counter, `<form title id>-counter`, when it names one).
    pub(super) fn ticket(&self, receipt: &minwon_core::session::Receipt) -> Ticket {
        let locale = self.session.locale();
        let t = |id: &str, args: &[(&str, minwon_core::i18n::Arg)]| self.l10n.format(locale, id, args);
        let form = self.session.form();
        let service = form.map(|f| t(&f.title_id(), &[])).unwrap_or_default();
        let counter = form.and_then(|f| self.l10n.try_format(locale, &format!("{}-counter", f.title_id()), &[]));
        let queue = receipt.queue.map(|n| format!("{n:03}"));
        let (next, next_at) = match queue {
            Some(_) => ("kiosk-ticket-next-queue", "kiosk-ticket-next-queue-at"),
            None => ("kiosk-ticket-next", "kiosk-ticket-next-at"),
        };
        let next_step = match counter {
            Some(counter) => t(next_at, &[("counter", minwon_core::i18n::Arg::Str(counter))]),
            None => t(next, &[]),
        };
        Ticket {
            locale: locale.tag().to_owned(),
            title: t("kiosk-ticket-title", &[]),
            service,
            number_label: t("kiosk-ticket-number", &[]),
            receipt: receipt.number.clone(),
            issued: format_kst(receipt.queued_at),
            next_step,
            kiosk: t("kiosk-ticket-kiosk", &[("kiosk", minwon_core::i18n::Arg::Str(self.kiosk_id.clone()))]),
            queue: queue
                .map(|number| minwon_hardware::printer::QueueNumber { label: t("kiosk-ticket-queue", &[]), number }),
        }
    }

    pub(super) fn render(&self, now: minwon_core::Timestamp) -> View {
        let devices = view::Devices {
            card_available: self.identity.as_ref().is_some_and(|s| s.available()),
            printed: self.last_print_ok,
        };
        let mut v = view::render(&self.session, &self.l10n, self.seq, now, devices);
        let locale = self.session.locale();
        v.guidance.sign = view::sign_view(&self.clips, &self.sign_language, &v.guidance.clip, &self.l10n, locale);
        // Speech failing (reported in heartbeats and by doctor, asked again in the background):
        // the welcome screen and voice mode say so, while it lasts.
        if v.screen == "welcome" || v.voice_mode {
            let state = self.speaker.as_ref().map_or("off", |s| s.state());
            let id = match state {
                s if s.ends_with("-silent") => Some("kiosk-notice-speech-silent"),
                "no-answer" | "failed" => Some("kiosk-notice-speech-limited"),
                _ => None,
            };
            v.device_notice = id.map(|id| self.l10n.format(locale, id, &[]));
        }
        v
    }

    /// Box `input` of the screen now, holding `value`: a box the screen does not have, or a value
    /// longer than the box holds (whatever the page sent), is refused (`api.bad-request`).
    fn box_typed_into(&self, input: &str, value: &str) -> Result<view::BoxView, crate::api::ApiError> {
        let b = view::text_box_of(&self.session, input).ok_or_else(|| crate::api::ApiError::new("api.bad-request"))?;
        if b.limit.is_some_and(|l| value.chars().count() > l) || value.chars().count() > 200 {
            return Err(crate::api::ApiError::new("api.bad-request"));
        }
        Ok(b)
    }

    /// What the address search box `input` of the screen now holds, searched in the address book.
    /// A box the screen does not have is refused (`api.bad-request`).
    pub(super) fn search_addresses(
        &mut self,
        input: &str,
        text: &str,
    ) -> Result<view::AddressesView, crate::api::ApiError> {
        Ok(self.search_counted(input, text)?.0)
    }

    /// [`Inner::search_addresses`], with what a voice says of it: how many were found (`None`
    /// when the box is empty or there is no address book).
    pub(super) fn search_counted(
        &mut self,
        input: &str,
        text: &str,
    ) -> Result<(view::AddressesView, Option<minwon_core::session::Found>), crate::api::ApiError> {
        if view::address_search_of(&self.session, input).is_none() || text.chars().count() > 40 {
            return Err(crate::api::ApiError::new("api.bad-request"));
        }
        let locale = self.session.locale();
        let searched = match &self.address {
            Some((book, sample)) => match book.search(text) {
                Ok(s) => Some((s, *sample)),
                Err(e) => {
                    self.log(format!("address-search-failed:{}", e.code()));
                    None
                }
            },
            None => None,
        };
        let found = searched
            .as_ref()
            .filter(|_| !text.trim().is_empty())
            .map(|(s, _)| minwon_core::session::Found { count: s.found.len(), more: s.more });
        // What was searched is the visitor's: the log says only that a search ran.
        self.log(format!("address-search:{input}"));
        Ok((view::addresses_view(&self.l10n, locale, input, text, searched), found))
    }

    /// A key of an on-screen keyboard pressed in box `input` of the screen now, holding `value`:
    /// the box's text after it (composed by core), or why it stays as it was. A box the screen
    /// does not have is refused (`api.bad-request`), so a page out of date changes nothing.
    pub(super) fn type_key(
        &self,
        input: &str,
        value: &str,
        key: minwon_core::keyboard::KeyPress,
    ) -> Result<view::TypedView, crate::api::ApiError> {
        let b = self.box_typed_into(input, value)?;
        let locale = self.session.locale();
        Ok(match minwon_core::keyboard::press(value, key, &b.layouts, b.limit) {
            Ok(text) => view::TypedView { input: input.to_owned(), value: text, refused: None },
            Err(why) => {
                let code = match why {
                    minwon_core::keyboard::Refused::Full => "full",
                    minwon_core::keyboard::Refused::NotHere => "not-here",
                    minwon_core::keyboard::Refused::Empty => "empty",
                };
                let text = self.l10n.format(locale, &format!("kiosk-keyboard-refused-{code}"), &[]);
                view::TypedView {
                    input: input.to_owned(),
                    value: value.to_owned(),
                    refused: Some(view::ErrorText { code: code.into(), text }),
                }
            }
        })
    }

    /// A key of the keypad pressed in box `input` of the screen now, holding `value`: the box's
    /// text after it, and what it typed said into the earphones (`typed:<box>` in the log, never
    /// the value). The entry goes on while the page's value is the entry's own text; a value
    /// changed otherwise (a touch keyboard, a correction) starts it again from that value.
    pub(super) fn type_pad(
        &mut self,
        input: &str,
        value: &str,
        key: minwon_core::keypad::PadKey,
        now: minwon_core::Timestamp,
    ) -> Result<(view::TypedView, Option<view::AddressesView>), crate::api::ApiError> {
        use minwon_core::keypad::{PadEntry, Said};
        let b = self.box_typed_into(input, value)?;
        let mut entry = match self.pad.take() {
            Some((i, e)) if i == input && e.text() == value => e,
            _ => {
                // Typing starts afresh in this box: what a search found is said anew.
                self.pad_found = None;
                PadEntry::new(b.layouts[0], value)
            }
        };
        if key == minwon_core::keypad::PadKey::Switch {
            // The box's next keyboard, said by name (한글 자판으로 바꾸기 → "영문 자판").
            let at = b.layouts.iter().position(|l| *l == entry.layout()).unwrap_or(0);
            let next = b.layouts[(at + 1) % b.layouts.len()];
            self.pad = Some((input.to_owned(), PadEntry::new(next, value)));
            let name = match next {
                minwon_core::keyboard::Layout::Hangul => "kiosk-keyboard-hangul.name",
                minwon_core::keyboard::Layout::Latin => "kiosk-keyboard-latin.name",
                minwon_core::keyboard::Layout::Digits => "kiosk-keyboard-digits.name",
            };
            self.log(format!("typed:{input}:switch"));
            self.feed(Input::Typed { said: name, value: String::new(), found: None }, now);
            return Ok((view::TypedView { input: input.to_owned(), value: value.to_owned(), refused: None }, None));
        }
        let before = entry.clone();
        let said = entry.press(key);
        let text = entry.text();
        if b.limit.is_some_and(|l| text.chars().count() > l) {
            // Full: the box stays as it was, and says so.
            self.pad = Some((input.to_owned(), before));
            let locale = self.session.locale();
            let words = self.l10n.format(locale, "kiosk-keyboard-refused-full", &[]);
            self.log(format!("typed:{input}:full"));
            self.feed(Input::Typed { said: "kiosk-keyboard-refused-full", value: String::new(), found: None }, now);
            return Ok((
                view::TypedView {
                    input: input.to_owned(),
                    value: value.to_owned(),
                    refused: Some(view::ErrorText { code: "full".into(), text: words }),
                },
                None,
            ));
        }
        self.pad = Some((input.to_owned(), entry));
        let (id, value_said) = match said {
            Said::Key(c) => ("guide-typed-key", minwon_core::keyboard::key_name(c)),
            Said::Syllable(c) => ("guide-typed-syllable", c.to_string()),
            Said::Stroke => ("guide-typed-stroke", String::new()),
            Said::Space => ("guide-typed-space", String::new()),
            Said::Erased(Some(c)) => ("guide-typed-erased", c.to_string()),
            Said::Erased(None) => ("guide-typed-empty", String::new()),
            Said::Nothing => ("", String::new()),
        };
        self.log(format!("typed:{input}"));
        // In an address search box the search runs now, so the key's echo can end with what it
        // found — said only when that changed, not after every key.
        let (addresses, found) = if view::address_search_of(&self.session, input).is_some() {
            let (a, f) = self.search_counted(input, &text)?;
            let changed = f.is_some_and(|f| self.pad_found.as_ref() != Some(&(input.to_owned(), f)));
            self.pad_found = f.map(|f| (input.to_owned(), f));
            (Some(a), f.filter(|_| changed))
        } else {
            (None, None)
        };
        if !id.is_empty() {
            self.feed(Input::Typed { said: id, value: value_said, found }, now);
        }
        Ok((view::TypedView { input: input.to_owned(), value: text, refused: None }, addresses))
    }

    /// Feeds one input and carries out every effect it causes.
    pub(super) fn feed(&mut self, input: Input, now: minwon_core::Timestamp) {
        self.session.handle(input, now);
        while let Some(effect) = self.session.poll() {
            match effect {
                Effect::ShowScreen(screen) => {
                    self.seq += 1;
                    self.log(format!("show:{}", screen_name(screen)));
                }
                Effect::ReadDocument(key) => match self.identity.as_mut() {
                    Some(source) => {
                        source.begin_read(key);
                        self.log("read-document".into());
                    }
                    None => {
                        self.session.handle(Input::ReadFailed { code: "card.no-reader".into() }, now);
                    }
                },
                Effect::CancelRead => {
                    if let Some(source) = self.identity.as_mut() {
                        source.cancel_read();
                    }
                    self.log("cancel-read".into());
                }
                Effect::Enqueue(submission) => {
                    let form = submission.form.0.clone();
                    let answer = match self.outbox.enqueue(&submission, now) {
                        Ok((_id, mut receipt)) => {
                            self.log(format!("enqueue:{form}"));
                            if self.queue_tickets {
                                // The office's day (KST), as the ticket prints it.
                                match self.outbox.next_queue_number(&now.kst_date().to_string()) {
                                    Ok(n) => receipt.queue = Some(n),
                                    Err(e) => self.log(format!("queue-failed:{}", e.code())),
                                }
                            }
                            Input::Queued(receipt)
                        }
                        Err(e) => {
                            self.log(format!("enqueue-failed:{}", e.code()));
                            eprintln!("minwon-engine: storing a submission failed: {}", e.code());
                            Input::QueueFailed { code: e.code().to_owned() }
                        }
                    };
                    self.session.handle(answer, now);
                }
                Effect::Print(receipt) => {
                    let ticket = self.ticket(&receipt);
                    let result = self.printer.as_mut().map(|p| p.print(&ticket));
                    self.last_print_ok = matches!(result, Some(Ok(())));
                    match result {
                        Some(Err(e)) => {
                            self.printer_state = match e {
                                minwon_hardware::HardwareError::PaperOut => "paper-out",
                                minwon_hardware::HardwareError::CoverOpen => "cover-open",
                                _ => "failed",
                            };
                            self.log(format!("print-failed:{}", e.code()));
                            eprintln!("minwon-engine: printing a receipt failed: {}", e.code());
                        }
                        Some(Ok(())) => {
                            self.printer_state = "ready";
                            self.log("print".into());
                        }
                        None => self.log("print-skipped:no-printer".into()),
                    }
                }
                Effect::Wipe(reason) => {
                    self.seq += 1;
                    self.log(format!("wipe:{}", reason.as_str()));
                }
                Effect::Speak(g) => {
                    // Earphones pulled out: what would be said to the room only.
                    let g = if self.earphones_out { guide::public(&g) } else { g };
                    let locale = self.session.locale();
                    let segments = guide::word(&self.l10n, locale, &g);
                    let entry = guide::log_entry(&g);
                    match &self.announcing {
                        Some(control) if entry == "announce" => self.log(format!("announce:{control}")),
                        _ => self.log(entry),
                    }
                    let voice = self.voice(locale);
                    if let Some(Err(e)) = self.speaker.as_mut().map(|s| s.say(&voice, &segments)) {
                        self.log(format!("speak-failed:{}", e.code()));
                    }
                    if self.warmed != Some((locale, voice.rate)) && self.speaker.is_some() {
                        // The rest of this language's fixed texts, rendered before the visitor gets to them.
                        self.warmed = Some((locale, voice.rate));
                        let texts: Vec<String> = self
                            .message_ids
                            .iter()
                            .filter_map(|id| self.l10n.try_format(locale, id, &[]))
                            .filter(|t| !t.contains('{'))
                            .collect();
                        if let Some(s) = self.speaker.as_mut() {
                            s.warm(&voice, texts);
                        }
                    }
                }
                Effect::StopSpeech => {
                    if let Some(s) = self.speaker.as_mut() {
                        let _ = s.stop();
                    }
                    self.log("stop-speech".into());
                }
                Effect::PlayClip(clip) => self.log(format!("clip:{clip}")),
                Effect::CallStaff { screen } => match self.outbox.record_alert("call-staff", screen, now) {
                    Ok(_) => self.log(format!("call-staff:{screen}")),
                    Err(e) => {
                        self.log(format!("call-staff-failed:{}", e.code()));
                        eprintln!("minwon-engine: recording a call for staff failed: {}", e.code());
                    }
                },
            }
        }
    }
}

impl Inner {
    /// The voice for this visit: its language, and the rate and volume the visitor chose.
    pub(super) fn voice(&self, locale: Locale) -> Voice {
        let prefs = self.session.prefs();
        let rate = match prefs.speech_rate {
            SpeechRate::Slow => Rate::Slow,
            SpeechRate::Normal => Rate::Normal,
            SpeechRate::Fast => Rate::Fast,
        };
        Voice { locale: locale.tag().to_owned(), language: locale.language().to_owned(), rate, volume: prefs.volume }
    }
}

pub(super) fn screen_name(s: minwon_core::Screen) -> String {
    match s {
        minwon_core::Screen::Step(i) => format!("step-{}", i + 1),
        other => other.name().to_owned(),
    }
}
