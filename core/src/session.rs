//! The visitor session: a sans-IO state machine from the welcome screen to the receipt.
//!
//! The engine feeds it [`Input`]s with the time they happened
//! (`Session::handle(input, now)`), drains [`Effect`]s with [`Session::poll`],
//! and wakes it at [`Session::poll_timeout`]. It never sleeps, reads a clock
//! or touches a device, so every journey is a table-driven test.

use crate::document::{DocumentData, Provenance};
use crate::form::{Catalog, Form, FormId};
use crate::guidance::{self, Guidance};
use crate::i18n::Locale;
use crate::time::Timestamp;
use crate::validate::{self, Answer, Context, FieldError};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, VecDeque};
use std::sync::Arc;
use std::time::Duration;

/// The screens of a visit, in journey order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "screen", content = "step")]
pub enum Screen {
    Welcome,
    Language,
    Service,
    Identify,
    /// The visitor types the document number and dates printed on the document (for BAC).
    DocumentKey,
    /// The kiosk reads the document in the reader.
    Reading,
    Step(usize),
    Review,
    Submitting,
    Receipt,
}

impl Screen {
    /// The stable name front ends switch on (`step` for every form step).
    pub fn name(self) -> &'static str {
        match self {
            Screen::Welcome => "welcome",
            Screen::Language => "language",
            Screen::Service => "service",
            Screen::Identify => "identify",
            Screen::DocumentKey => "document_key",
            Screen::Reading => "reading",
            Screen::Step(_) => "step",
            Screen::Review => "review",
            Screen::Submitting => "submitting",
            Screen::Receipt => "receipt",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum TextSize {
    #[default]
    #[serde(rename = "100")]
    Normal,
    #[serde(rename = "150")]
    Large,
    #[serde(rename = "200")]
    Largest,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SpeechRate {
    Slow,
    #[default]
    Normal,
    Fast,
}

/// Display and speech choices a visitor makes; reset for the next visitor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preferences {
    pub text_size: TextSize,
    pub high_contrast: bool,
    pub speech_rate: SpeechRate,
    /// Speech volume, 10–100.
    pub volume: u8,
    /// Every control in the lower part of the screen (wheelchair users, short visitors).
    pub low_position: bool,
    /// Voice mode for visitors who do not see the screen: keypad navigation, each control said on focus.
    pub voice_mode: bool,
}

impl Preferences {
    pub const DEFAULT_VOLUME: u8 = 70;
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            text_size: TextSize::default(),
            high_contrast: false,
            speech_rate: SpeechRate::default(),
            volume: Preferences::DEFAULT_VOLUME,
            low_position: false,
            voice_mode: false,
        }
    }
}

/// How the visitor identified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdentityMethod {
    Typed,
    Document,
    /// The form does not ask who the visitor is.
    NotAsked,
}

/// Something that happened: a visitor's action, a device's report, or the engine's answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    Start,
    ChooseLanguage(Locale),
    ChooseService(FormId),
    IdentifyByTyping,
    /// "Insert or place your document": go on to the access key.
    ChooseDocument,
    /// The document number and dates as typed (dates as `YYYY-MM-DD` or `YYYYMMDD`).
    SubmitDocumentKey {
        number: String,
        birth_date: String,
        expiry: String,
    },
    /// Switch the key screen between the MRZ (number and dates) and the card access number.
    KeyByCan(bool),
    /// The card access number as typed.
    SubmitCan {
        can: String,
    },
    /// An `IdentitySource` read a document.
    DocumentRead(DocumentData),
    /// Reading failed; `code` is a stable error code (`card.access-denied`, `card.removed`, ...).
    ReadFailed {
        code: String,
    },
    /// The document was taken away: the visit ends and everything is wiped.
    IdentityRemoved,
    SetAnswer {
        field: String,
        answer: Option<Answer>,
    },
    Next,
    Back,
    /// From the review screen: change the answers of one step.
    Edit {
        step: usize,
    },
    Submit,
    /// The engine stored the submission in the outbox.
    Queued(Receipt),
    /// The engine could not store it; `code` is a stable error code. Nothing is lost.
    QueueFailed {
        code: String,
    },
    Cancel,
    ConfirmCancel,
    KeepGoing,
    MoreTime,
    Finish,
    SetTextSize(TextSize),
    SetHighContrast(bool),
    SetSpeechRate(SpeechRate),
    SetLowPosition(bool),
    SetVoiceMode(bool),
    /// Voice mode: say this control, just focused (its label, state and value, worded by the front end).
    Announce(String),
    /// Speech volume, clamped to 10–100 (never silent by mistake).
    SetVolume(u8),
    /// Ask for a member of staff (a button on every screen, `#` on the keypad).
    CallStaff,
    /// Say the current screen again.
    Repeat,
    /// Say how to use the keys and how to call staff, then the current screen.
    Help,
    /// Only time passed.
    Tick,
}

impl Input {
    /// Inputs that show the visitor is still there.
    fn is_activity(&self) -> bool {
        !matches!(self, Input::Tick | Input::Queued(_) | Input::QueueFailed { .. } | Input::IdentityRemoved)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WipeReason {
    Finished,
    Cancelled,
    Timeout,
    IdentityRemoved,
}

impl WipeReason {
    /// The stable name used in logs.
    pub fn as_str(self) -> &'static str {
        match self {
            WipeReason::Finished => "finished",
            WipeReason::Cancelled => "cancelled",
            WipeReason::Timeout => "timeout",
            WipeReason::IdentityRemoved => "identity_removed",
        }
    }
}

/// What the engine must do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    ShowScreen(Screen),
    /// Read the document in the reader with this key, then answer `DocumentRead` or `ReadFailed`.
    ReadDocument(DocumentKey),
    /// Stop a read in progress (the visitor went back or left).
    CancelRead,
    /// Store this submission in the outbox, then answer with `Queued` or `QueueFailed`.
    Enqueue(Submission),
    Print(Receipt),
    /// Forget everything about the visitor (answers, document, preferences).
    Wipe(WipeReason),
    /// Say this, interrupting whatever is being said.
    Speak(Guidance),
    /// Stop speaking (the visitor left).
    StopSpeech,
    /// Show this sign-language clip (a clip id of the manifest).
    PlayClip(String),
    /// Alert staff that a visitor asks for help, on this screen (no personal data).
    CallStaff {
        screen: &'static str,
    },
}

/// What opens a document's chip: printed on the document, typed by the visitor.
#[derive(Clone, PartialEq, Eq)]
pub enum DocumentKey {
    /// From the machine-readable zone (BAC or PACE).
    Mrz {
        number: String,
        /// `YYMMDD`
        birth_date: String,
        /// `YYMMDD`
        expiry: String,
    },
    /// The six-digit card access number (PACE only).
    Can(String),
}

impl std::fmt::Debug for DocumentKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DocumentKey(..)")
    }
}

/// The field ids of the document-key screen (for errors and the view).
pub const KEY_FIELDS: [&str; 3] = ["document-number", "document-birth-date", "document-expiry"];
/// The field id of the card access number, the other way to open a chip.
pub const CAN_FIELD: &str = "document-can";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// Readable aloud, unique per kiosk, e.g. `A-0427`.
    pub number: String,
    pub queued_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubmittedAnswer {
    pub field: String,
    pub value: Answer,
    pub provenance: Provenance,
}

/// A completed application, as it goes into the outbox (encrypted).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Submission {
    pub form: FormId,
    pub form_version: u32,
    pub locale: Locale,
    pub identity: IdentityMethod,
    pub answers: Vec<SubmittedAnswer>,
    /// Passive authentication's verdicts, when a document was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_checks: Option<crate::document::DocumentChecks>,
    /// The chip's files the pre-filled answers came from (only when some answer did).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chip_evidence: Option<crate::document::ChipEvidence>,
    pub completed_at: Timestamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionConfig {
    /// With no activity for this long, the visit is wiped.
    pub idle_timeout: Duration,
    /// The warning shows this long before the wipe (at least 20 s).
    pub warning_lead: Duration,
    /// The receipt stays this long before the kiosk returns to the welcome screen.
    pub receipt_timeout: Duration,
}

impl Default for SessionConfig {
    fn default() -> Self {
        SessionConfig {
            idle_timeout: Duration::from_secs(120),
            warning_lead: Duration::from_secs(30),
            receipt_timeout: Duration::from_secs(90),
        }
    }
}

/// Everything known about the current visitor; dropped whole on wipe.
#[derive(Debug, Default)]
struct Visit {
    locale: Locale,
    form: Option<Arc<Form>>,
    identity: Option<IdentityMethod>,
    document: Option<DocumentData>,
    answers: BTreeMap<String, (Answer, Provenance)>,
    errors: BTreeMap<String, FieldError>,
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
        Session {
            catalog,
            config,
            screen: Screen::Welcome,
            visit: Visit::default(),
            prefs: Preferences::default(),
            last_activity: Timestamp(0),
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

    /// When the session next needs `handle(Input::Tick, ..)`.
    pub fn poll_timeout(&self) -> Option<Timestamp> {
        match self.screen {
            Screen::Welcome | Screen::Submitting => None,
            Screen::Receipt => Some(self.last_activity + self.config.receipt_timeout),
            _ => {
                let deadline = self.last_activity + self.config.idle_timeout;
                Some(match self.warning {
                    Some(_) => deadline,
                    None => deadline - self.config.warning_lead,
                })
            }
        }
    }

    fn handle_time(&mut self, now: Timestamp) {
        match self.screen {
            Screen::Welcome | Screen::Submitting => {}
            Screen::Receipt => {
                if now >= self.last_activity + self.config.receipt_timeout {
                    self.wipe(WipeReason::Finished);
                }
            }
            _ => {
                let deadline = self.last_activity + self.config.idle_timeout;
                if now >= deadline {
                    self.wipe(WipeReason::Timeout);
                } else if now >= deadline - self.config.warning_lead && self.warning.is_none() {
                    self.warning = Some(deadline);
                    self.show();
                }
            }
        }
    }

    fn apply(&mut self, input: Input, now: Timestamp) -> bool {
        use Screen::*;
        let steps = self.visit.form.as_ref().map_or(0, |f| f.steps.len());
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
            (Welcome, Input::Start) => self.go(Language),
            (Welcome, Input::ChooseLanguage(l)) | (Language, Input::ChooseLanguage(l)) => {
                self.visit.locale = l;
                self.go(Service)
            }
            (Language, Input::Back) => {
                self.screen = Welcome;
                self.visit = Visit::default();
                true
            }
            (Service, Input::ChooseService(id)) => {
                let Some(form) = self.catalog.get(&id.0).cloned() else { return false };
                if self.visit.form.as_ref().map(|f| &f.id) != Some(&form.id) {
                    self.visit.answers.clear();
                    self.visit.errors.clear();
                    self.visit.document = None;
                    self.visit.identity = None;
                }
                let identify = form.identify;
                self.visit.form = Some(form);
                if identify {
                    self.go(Identify)
                } else {
                    self.visit.identity = Some(IdentityMethod::NotAsked);
                    self.go(Step(0))
                }
            }
            (Service, Input::Back) => self.go(Language),
            (Identify, Input::IdentifyByTyping) => {
                self.visit.identity = Some(IdentityMethod::Typed);
                self.go(Step(0))
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
                self.go(Step(0))
            }
            (Reading, Input::ReadFailed { code }) => {
                self.go(DocumentKey);
                self.visit.banner = Some(code);
                true
            }
            (Reading, Input::Back) => {
                self.effects.push_back(Effect::CancelRead);
                self.go(DocumentKey)
            }
            (DocumentKey, Input::Back) => self.go(Identify),
            (Identify, Input::Back) => self.go(Service),
            (_, Input::IdentityRemoved) => {
                if self.visit.identity == Some(IdentityMethod::Document) && self.screen != Receipt {
                    self.wipe(WipeReason::IdentityRemoved);
                }
                false
            }
            (Step(i), Input::SetAnswer { field, answer }) => self.set_answer(i, field, answer),
            (Step(i), Input::Next) => {
                if !self.check_step(i, now) {
                    return true;
                }
                if self.visit.returning_to_review || i + 1 == steps {
                    self.visit.returning_to_review = false;
                    self.go(Review)
                } else {
                    self.go(Step(i + 1))
                }
            }
            (Step(0), Input::Back) => {
                let identify = self.visit.form.as_ref().is_some_and(|f| f.identify);
                self.go(if identify { Identify } else { Service })
            }
            (Step(i), Input::Back) => {
                if self.visit.returning_to_review {
                    self.visit.returning_to_review = false;
                    self.go(Review)
                } else {
                    self.go(Step(i - 1))
                }
            }
            (Review, Input::Back) => self.go(Step(steps.saturating_sub(1))),
            (Review, Input::Edit { step }) if step < steps => {
                self.visit.returning_to_review = true;
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
            (Welcome | Submitting, Input::Cancel) => false,
            (Language | Service | Receipt, Input::Cancel) => {
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

    fn go(&mut self, screen: Screen) -> bool {
        self.screen = screen;
        self.visit.confirming_cancel = false;
        self.visit.staff_called = false;
        self.visit.banner = None;
        true
    }

    /// Checks the typed document key; on mistakes, records errors on the key fields.
    fn check_key(&mut self, number: &str, birth: &str, expiry: &str) -> Option<DocumentKey> {
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

    fn prefill(&mut self, doc: &DocumentData) {
        let Some(form) = self.visit.form.clone() else { return };
        for field in form.fields() {
            let Some(source) = field.prefill else { continue };
            let Some(value) = doc.values.get(&source).and_then(|v| crate::document::prefill_answer(v, field.kind))
            else {
                continue;
            };
            self.visit.answers.insert(field.id.clone(), (value, doc.provenance()));
        }
    }

    fn set_answer(&mut self, step: usize, field: String, answer: Option<Answer>) -> bool {
        let Some(form) = &self.visit.form else { return false };
        if !form.steps[step].fields.iter().any(|f| f.id == field) {
            return false;
        }
        match answer {
            None => {
                self.visit.answers.remove(&field);
            }
            Some(a) => {
                // A value the chip gave stays marked as such only while it is unchanged.
                let provenance = match self.visit.answers.get(&field) {
                    Some((old, p)) if *old == a => *p,
                    _ => Provenance::Typed,
                };
                self.visit.answers.insert(field.clone(), (a, provenance));
            }
        }
        self.visit.errors.remove(&field);
        true
    }

    /// Validates one step; stores normalised answers and errors. True when it passed.
    fn check_step(&mut self, step: usize, now: Timestamp) -> bool {
        let Some(form) = self.visit.form.clone() else { return false };
        let ctx = Context { today: now.kst_date() };
        let mut ok = true;
        for field in &form.steps[step].fields {
            let current = self.visit.answers.get(&field.id).map(|(a, _)| a);
            match validate::validate(field, current, &ctx) {
                Ok(Some(normalised)) => {
                    let p = self.visit.answers.get(&field.id).map_or(Provenance::Typed, |(_, p)| *p);
                    self.visit.answers.insert(field.id.clone(), (normalised, p));
                    self.visit.errors.remove(&field.id);
                }
                Ok(None) => {
                    self.visit.answers.remove(&field.id);
                    self.visit.errors.remove(&field.id);
                }
                Err(e) => {
                    self.visit.errors.insert(field.id.clone(), e);
                    ok = false;
                }
            }
        }
        ok
    }

    fn submit(&mut self, now: Timestamp) -> bool {
        let Some(form) = self.visit.form.clone() else { return false };
        let mut first_bad = None;
        for i in 0..form.steps.len() {
            if !self.check_step(i, now) && first_bad.is_none() {
                first_bad = Some(i);
            }
        }
        if let Some(i) = first_bad {
            self.visit.returning_to_review = true;
            return self.go(Screen::Step(i));
        }
        let answers: Vec<SubmittedAnswer> = form
            .fields()
            .filter_map(|f| {
                self.visit.answers.get(&f.id).map(|(value, provenance)| SubmittedAnswer {
                    field: f.id.clone(),
                    value: value.clone(),
                    provenance: *provenance,
                })
            })
            .collect();
        let from_chip = answers.iter().any(|a| a.provenance != Provenance::Typed);
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

    pub fn screen(&self) -> Screen {
        self.screen
    }
    pub fn locale(&self) -> Locale {
        self.visit.locale
    }
    pub fn form(&self) -> Option<&Arc<Form>> {
        self.visit.form.as_ref()
    }
    pub fn answer(&self, field: &str) -> Option<(&Answer, Provenance)> {
        self.visit.answers.get(field).map(|(a, p)| (a, *p))
    }
    pub fn error(&self, field: &str) -> Option<&FieldError> {
        self.visit.errors.get(field)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::DocumentField;
    use crate::validate::ErrorCode;

    const FORM: &str = r#"
id = "passport-reissue"
version = 3
identify = true
sign = "intro"
[[steps]]
id = "name"
sign = "s-name"
fields = [
  { id = "surname", type = "text", required = true, prefill = "document.surname" },
  { id = "given-names", type = "text", required = true, prefill = "document.given_names" },
  { id = "address", type = "address", prefill = "document.address" },
]
[[steps]]
id = "phone"
sign = "s-phone"
fields = [{ id = "phone", type = "phone", check = "mobile", required = true }]
[[steps]]
id = "consent"
sign = "s-consent"
fields = [{ id = "consent", type = "consent", required = true }]
"#;

    const S: u64 = 1000;
    const T0: u64 = 1_790_000_000_000;

    fn session() -> Session {
        let catalog = Catalog::from_sources([("p.toml", FORM)]).expect("test form parses");
        Session::new(Arc::new(catalog), SessionConfig::default())
    }

    fn slip(number: &str, queued_at: Timestamp) -> super::Receipt {
        super::Receipt { number: number.into(), queued_at }
    }

    fn text(s: &str) -> Option<Answer> {
        Some(Answer::Text(s.into()))
    }

    /// Runs `(seconds after T0, input, expected screen afterwards)` rows.
    fn run(s: &mut Session, rows: &[(u64, Input, Screen)]) -> Vec<Effect> {
        let mut effects = vec![];
        for (i, (secs, input, want)) in rows.iter().enumerate() {
            s.handle(input.clone(), Timestamp(T0 + secs * S));
            while let Some(e) = s.poll() {
                effects.push(e);
            }
            assert_eq!(s.screen(), *want, "row {i}: after {input:?}");
        }
        effects
    }

    fn to_review() -> Vec<(u64, Input, Screen)> {
        use Screen::*;
        vec![
            (0, Input::Start, Language),
            (1, Input::ChooseLanguage(Locale::En), Service),
            (2, Input::ChooseService(FormId("passport-reissue".into())), Identify),
            (3, Input::IdentifyByTyping, Step(0)),
            (4, Input::SetAnswer { field: "surname".into(), answer: text("Hong") }, Step(0)),
            (5, Input::Next, Step(0)),
            (6, Input::SetAnswer { field: "given-names".into(), answer: text(" Gil  Dong ") }, Step(0)),
            (7, Input::Next, Step(1)),
            (8, Input::SetAnswer { field: "phone".into(), answer: text("01012345678") }, Step(1)),
            (9, Input::Next, Step(2)),
            (10, Input::SetAnswer { field: "consent".into(), answer: Some(Answer::Consent(true)) }, Step(2)),
            (11, Input::Next, Review),
        ]
    }

    fn spoken(effects: &[Effect]) -> Vec<Vec<String>> {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::Speak(g) => Some(
                    g.parts
                        .iter()
                        .map(|p| match p {
                            crate::Speech::Message { id, args } if args.is_empty() => id.clone(),
                            crate::Speech::Message { id, args } => {
                                format!(
                                    "{id}({})",
                                    args.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(",")
                                )
                            }
                            crate::Speech::Value { text } => format!("'{text}'"),
                        })
                        .collect(),
                ),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_screen_is_said_and_signed_once_and_the_welcome_waits_in_silence() {
        use Screen::*;
        let mut s = session();
        let mut rows = to_review();
        rows.push((12, Input::Submit, Submitting));
        rows.push((13, Input::Queued(slip("A-0427", Timestamp(T0 + 13 * S))), Receipt));
        let mut changes = 0;
        let mut last = s.screen();
        for (secs, input, want) in rows {
            let effects = run(&mut s, &[(secs, input.clone(), want)]);
            let said = spoken(&effects);
            let clips = effects.iter().filter(|e| matches!(e, Effect::PlayClip(_))).count();
            if want != last || matches!(input, Input::Next) {
                changes += 1;
                assert_eq!(said.len(), 1, "{input:?} → {want:?}: said once: {said:?}");
                assert_eq!(clips, 1, "{input:?}: one clip");
                assert!(said[0].len() >= 2, "{input:?}: a script, not a word: {said:?}");
            }
            last = want;
        }
        assert!(changes >= 8);
        // The step: its number, question and each field with its value; an error first.
        let mut s = session();
        let effects = run(&mut s, &to_review()[..4]);
        let step = spoken(&effects).pop().expect("the first step is said");
        assert_eq!(
            step,
            [
                "guide-step(number=1,count=3)",
                "forms-passport-reissue-step-name",
                "forms-passport-reissue-step-name.hint",
                "forms-passport-reissue-surname",
                "guide-value-empty",
                "forms-passport-reissue-given-names",
                "guide-value-empty",
                "forms-passport-reissue-address",
                "guide-value-empty",
                "guide-next"
            ]
        );
        let effects = run(&mut s, &[(5, Input::Next, Step(0))]);
        let step = spoken(&effects).pop().expect("the error is said");
        assert_eq!(step[0], "guide-errors(count=2)");
        assert_eq!(&step[4..6], ["forms-passport-reissue-surname", "errors-field-required"]);
        let effects = run(
            &mut s,
            &[
                (6, Input::SetAnswer { field: "surname".into(), answer: text("Hong") }, Step(0)),
                (7, Input::Next, Step(0)),
            ],
        );
        let step = spoken(&effects).pop().expect("said again");
        assert!(step.contains(&"guide-value(value=Hong)".to_string()), "{step:?}");
        // A redraw that changes nothing says nothing; repeat and help say it again.
        let effects = run(&mut s, &[(8, Input::SetTextSize(TextSize::Large), Step(0))]);
        assert!(spoken(&effects).is_empty());
        let effects = run(&mut s, &[(9, Input::Repeat, Step(0))]);
        assert_eq!(spoken(&effects), std::slice::from_ref(&step));
        let effects = run(&mut s, &[(10, Input::Help, Step(0))]);
        let help = spoken(&effects).pop().expect("help is said");
        assert_eq!(&help[..2], ["guide-help-keys", "guide-help-staff"]);
        assert_eq!(&help[2..], &step[..]);
        // Leaving stops the voice, and the empty welcome screen says nothing.
        let effects = run(&mut s, &[(11, Input::Cancel, Step(0)), (12, Input::ConfirmCancel, Welcome)]);
        let cancel = spoken(&effects);
        assert_eq!(cancel, [vec!["kiosk-cancel-title".to_string(), "guide-cancel".into()]]);
        assert_eq!(effects.last(), Some(&Effect::ShowScreen(Welcome)));
        assert!(effects.contains(&Effect::StopSpeech));
        // The receipt number is spelled out.
        let mut s = session();
        let mut rows = to_review();
        rows.push((12, Input::Submit, Submitting));
        rows.push((13, Input::Queued(slip("A-0427", Timestamp(T0 + 13 * S))), Receipt));
        let receipt = spoken(&run(&mut s, &rows)).pop().expect("the receipt is said");
        assert!(receipt.contains(&"guide-receipt-number(number=A 0 4 2 7)".to_string()), "{receipt:?}");
    }

    #[test]
    fn a_whole_journey_enqueues_normalised_answers_and_forgets_them_after_the_receipt() {
        use Screen::*;
        let mut s = session();
        let mut rows = to_review();
        rows.push((12, Input::Submit, Submitting));
        let effects = run(&mut s, &rows);
        let sub = effects
            .iter()
            .find_map(|e| match e {
                Effect::Enqueue(sub) => Some(sub.clone()),
                _ => None,
            })
            .expect("submit enqueues");
        assert_eq!(sub.form_version, 3);
        assert_eq!(sub.locale, Locale::En);
        assert_eq!(sub.identity, IdentityMethod::Typed);
        let values: Vec<_> = sub.answers.iter().map(|a| (a.field.as_str(), a.value.clone())).collect();
        assert_eq!(
            values,
            [
                ("surname", Answer::Text("Hong".into())),
                ("given-names", Answer::Text("Gil Dong".into())),
                ("phone", Answer::Text("010-1234-5678".into())),
                ("consent", Answer::Consent(true)),
            ]
        );
        let receipt = slip("A-0001", Timestamp(T0 + 13 * S));
        let effects = run(&mut s, &[(13, Input::Queued(receipt.clone()), Receipt)]);
        assert!(effects.contains(&Effect::Print(receipt.clone())));
        assert_eq!(s.answer("surname"), None, "answers are dropped once queued");
        assert_eq!(s.receipt(), Some(&receipt));
        let effects = run(&mut s, &[(20, Input::Finish, Welcome)]);
        assert!(effects.contains(&Effect::Wipe(WipeReason::Finished)));
        assert_eq!(s.receipt(), None);
    }

    #[test]
    fn next_stays_on_a_step_with_an_error_code() {
        use Screen::*;
        let mut s = session();
        let mut rows = to_review()[..4].to_vec();
        rows.push((4, Input::Next, Step(0)));
        run(&mut s, &rows);
        assert_eq!(s.error("surname").map(|e| e.code), Some(ErrorCode::Required));
        run(&mut s, &[(5, Input::SetAnswer { field: "surname".into(), answer: text("Hong") }, Step(0))]);
        assert_eq!(s.error("surname"), None, "editing a field clears its error");
    }

    #[test]
    fn back_walks_the_journey_in_reverse() {
        use Screen::*;
        let mut s = session();
        run(&mut s, &to_review());
        run(
            &mut s,
            &[
                (12, Input::Back, Step(2)),
                (13, Input::Back, Step(1)),
                (14, Input::Back, Step(0)),
                (15, Input::Back, Identify),
                (16, Input::Back, Service),
                (17, Input::Back, Language),
                (18, Input::Back, Welcome),
            ],
        );
        assert_eq!(s.answer("surname"), None, "going back past the language screen ends the visit");
    }

    #[test]
    fn edit_from_review_returns_to_review() {
        use Screen::*;
        let mut s = session();
        run(&mut s, &to_review());
        run(
            &mut s,
            &[
                (12, Input::Edit { step: 1 }, Step(1)),
                (13, Input::SetAnswer { field: "phone".into(), answer: text("010-9999-8888") }, Step(1)),
                (14, Input::Next, Review),
                (15, Input::Edit { step: 9 }, Review),
            ],
        );
        assert_eq!(s.answer("phone").map(|a| a.0.clone()), Some(Answer::Text("010-9999-8888".into())));
    }

    #[test]
    fn cancel_asks_first_then_wipes() {
        use Screen::*;
        let mut s = session();
        run(&mut s, &to_review()[..5]);
        run(&mut s, &[(5, Input::Cancel, Step(0))]);
        assert!(s.confirming_cancel());
        run(&mut s, &[(6, Input::KeepGoing, Step(0))]);
        assert!(!s.confirming_cancel());
        assert!(s.answer("surname").is_some());
        run(&mut s, &[(7, Input::Cancel, Step(0))]);
        let effects = run(&mut s, &[(8, Input::ConfirmCancel, Welcome)]);
        assert!(effects.contains(&Effect::Wipe(WipeReason::Cancelled)));
        assert_eq!(s.answer("surname"), None);
        assert_eq!(s.locale(), Locale::Ko, "the next visitor starts in Korean");
    }

    #[test]
    fn inactivity_warns_then_wipes_and_more_time_is_unlimited() {
        use Screen::*;
        let mut s = session();
        run(&mut s, &to_review()[..5]); // last activity at 4 s
        assert_eq!(s.poll_timeout(), Some(Timestamp(T0 + 94 * S)), "warning 30 s before the 120 s timeout");
        run(&mut s, &[(93, Input::Tick, Step(0))]);
        assert_eq!(s.warning(), None);
        let effects = run(&mut s, &[(94, Input::Tick, Step(0))]);
        assert_eq!(s.warning(), Some(Timestamp(T0 + 124 * S)));
        let warning = Guidance {
            parts: vec![crate::Speech::Message {
                id: "guide-warning".into(),
                args: vec![("seconds".into(), "30".into())],
            }],
            clip: "screen-warning".into(),
        };
        assert_eq!(
            effects,
            [Effect::ShowScreen(Step(0)), Effect::PlayClip("screen-warning".into()), Effect::Speak(warning)],
            "the warning is shown, signed and said"
        );
        // More time, as often as the visitor needs: each time the warning comes 90 s later.
        let mut last = 123;
        for _ in 0..10 {
            run(&mut s, &[(last, Input::MoreTime, Step(0))]);
            assert_eq!(s.warning(), None);
            run(&mut s, &[(last + 89, Input::Tick, Step(0))]);
            assert_eq!(s.warning(), None);
            run(&mut s, &[(last + 90, Input::Tick, Step(0))]);
            assert_eq!(s.warning(), Some(Timestamp(T0 + (last + 120) * S)));
            last += 119;
        }
        assert!(s.answer("surname").is_some(), "more time keeps every answer");
        let effects = run(&mut s, &[(last + 1, Input::Tick, Welcome)]);
        assert!(effects.contains(&Effect::Wipe(WipeReason::Timeout)));
        assert_eq!(s.answer("surname"), None);
    }

    #[test]
    fn welcome_has_no_timer_and_the_receipt_times_out_without_warning() {
        use Screen::*;
        let mut s = session();
        assert_eq!(s.poll_timeout(), None);
        let mut rows = to_review();
        rows.push((12, Input::Submit, Submitting));
        run(&mut s, &rows);
        assert_eq!(s.poll_timeout(), None, "no timeout while the engine stores the submission");
        let receipt = slip("A-0002", Timestamp(T0));
        run(&mut s, &[(13, Input::Queued(receipt), Receipt), (102, Input::Tick, Receipt)]);
        assert_eq!(s.warning(), None);
        let effects = run(&mut s, &[(103, Input::Tick, Welcome)]);
        assert!(effects.contains(&Effect::Wipe(WipeReason::Finished)));
    }

    #[test]
    fn a_failed_enqueue_keeps_every_answer_and_shows_the_code() {
        use Screen::*;
        let mut s = session();
        let mut rows = to_review();
        rows.push((12, Input::Submit, Submitting));
        rows.push((13, Input::QueueFailed { code: "outbox.disk_full".into() }, Review));
        run(&mut s, &rows);
        assert_eq!(s.banner(), Some("outbox.disk_full"));
        assert!(s.answer("phone").is_some());
        run(&mut s, &[(14, Input::Submit, Submitting)]);
        assert_eq!(s.banner(), None);
    }

    #[test]
    fn submit_sends_the_visitor_to_the_first_step_in_error() {
        use Screen::*;
        let mut s = session();
        run(&mut s, &to_review());
        run(&mut s, &[(12, Input::Edit { step: 1 }, Step(1))]);
        // A value cleared from review: submit must catch it.
        s.visit.answers.remove("phone");
        run(&mut s, &[(13, Input::Back, Review), (14, Input::Submit, Step(1))]);
        assert_eq!(s.error("phone").map(|e| e.code), Some(ErrorCode::Required));
        assert!(s.returning_to_review());
    }

    #[test]
    fn a_document_prefills_and_its_removal_wipes() {
        use Screen::*;
        let mut s = session();
        let doc = DocumentData { verified: true, ..Default::default() }
            .with_text(DocumentField::Surname, "HONG")
            .with_text(DocumentField::GivenNames, "GILDONG");
        run(
            &mut s,
            &[
                (0, Input::Start, Language),
                (1, Input::ChooseLanguage(Locale::Ko), Service),
                (2, Input::ChooseService(FormId("passport-reissue".into())), Identify),
                (3, Input::ChooseDocument, DocumentKey),
                (3, key("S12345678", "1948-03-15", "2034-03-14"), Reading),
                (3, Input::DocumentRead(doc), Step(0)),
            ],
        );
        assert_eq!(s.answer("surname"), Some((&Answer::Text("HONG".into()), Provenance::ChipVerified)));
        run(&mut s, &[(4, Input::SetAnswer { field: "given-names".into(), answer: text("GIL DONG") }, Step(0))]);
        assert_eq!(s.answer("given-names").map(|a| a.1), Some(Provenance::Typed), "a changed value is typed");
        run(&mut s, &[(5, Input::SetAnswer { field: "surname".into(), answer: text("HONG") }, Step(0))]);
        assert_eq!(s.answer("surname").map(|a| a.1), Some(Provenance::ChipVerified), "unchanged stays verified");
        let effects = run(&mut s, &[(6, Input::IdentityRemoved, Welcome)]);
        assert!(effects.contains(&Effect::Wipe(WipeReason::IdentityRemoved)));
        assert!(s.document().is_none());
    }

    fn key(number: &str, birth: &str, expiry: &str) -> Input {
        Input::SubmitDocumentKey { number: number.into(), birth_date: birth.into(), expiry: expiry.into() }
    }

    /// A session on the document-key screen of the passport form, at 2 s.
    fn at_document_key() -> Session {
        use Screen::*;
        let mut s = session();
        run(
            &mut s,
            &[
                (0, Input::ChooseLanguage(Locale::Ko), Service),
                (1, Input::ChooseService(FormId("passport-reissue".into())), Identify),
                (2, Input::ChooseDocument, DocumentKey),
            ],
        );
        s
    }

    #[test]
    fn the_card_access_number_is_the_other_way_in() {
        use Screen::*;
        let mut s = at_document_key();
        run(&mut s, &[(3, Input::KeyByCan(true), DocumentKey)]);
        assert!(s.key_by_can());
        for (typed, code) in [("", ErrorCode::Required), ("12345", ErrorCode::Can), ("12a456", ErrorCode::Can)] {
            run(&mut s, &[(4, Input::SubmitCan { can: typed.into() }, DocumentKey)]);
            assert_eq!(s.error(CAN_FIELD).map(|e| e.code), Some(code), "{typed:?}");
        }
        let effects = run(&mut s, &[(5, Input::SubmitCan { can: "246 813".into() }, Reading)]);
        assert!(effects.contains(&Effect::ReadDocument(super::DocumentKey::Can("246813".into()))), "{effects:?}");
        assert_eq!(s.error(CAN_FIELD), None);
        run(&mut s, &[(6, Input::ReadFailed { code: "card.wrong-can".into() }, DocumentKey)]);
        assert_eq!((s.key_by_can(), s.can_entry(), s.banner()), (true, Some("246 813"), Some("card.wrong-can")));
        // Back to the number and dates: the banner about the CAN goes.
        run(&mut s, &[(7, Input::KeyByCan(false), DocumentKey)]);
        assert_eq!((s.key_by_can(), s.banner()), (false, None));
        // The CAN does nothing on other screens.
        let mut other = session();
        run(&mut other, &[(0, Input::SubmitCan { can: "246813".into() }, Welcome)]);
    }

    #[test]
    fn reading_a_document_asks_for_its_key_then_prefills() {
        use Screen::*;
        let mut s = at_document_key();
        run(&mut s, &[(3, key("", "1948-13-01", ""), DocumentKey)]);
        let codes: Vec<_> = KEY_FIELDS.iter().map(|f| s.error(f).map(|e| e.code)).collect();
        assert_eq!(codes, [Some(ErrorCode::Required), Some(ErrorCode::InvalidDate), Some(ErrorCode::Required)]);
        let effects = run(&mut s, &[(4, key("s1234 5678", "1948-03-15", "20340314"), Reading)]);
        let want = super::DocumentKey::Mrz {
            number: "S12345678".into(),
            birth_date: "480315".into(),
            expiry: "340314".into(),
        };
        assert!(effects.contains(&Effect::ReadDocument(want)), "{effects:?}");
        // A wrong key: back to the key screen with the reason, and what was typed kept.
        run(&mut s, &[(5, Input::ReadFailed { code: "card.access-denied".into() }, DocumentKey)]);
        assert_eq!(s.banner(), Some("card.access-denied"));
        assert_eq!(s.key_entry().map(|k| k.0), Some("s1234 5678"));
        run(&mut s, &[(6, key("S12345678", "1948-03-15", "2034-03-14"), Reading)]);
        let checks = crate::document::DocumentChecks {
            sod_signature: "succeeded".into(),
            document_signer: "not-checked:no-trusted-csca".into(),
            ..Default::default()
        };
        let doc = DocumentData { verified: false, checks: Some(checks.clone()), ..Default::default() }
            .with_text(DocumentField::Surname, "HONG")
            .with_text(DocumentField::Address, "서울특별시 종로구 세종대로 209");
        run(&mut s, &[(7, Input::DocumentRead(doc), Step(0))]);
        assert_eq!(s.identity(), Some(IdentityMethod::Document));
        assert_eq!(s.answer("surname").map(|a| a.1), Some(Provenance::ChipUnverified));
        match s.answer("address") {
            Some((Answer::Address(a), Provenance::ChipUnverified)) => {
                assert_eq!(a.line1, "서울특별시 종로구 세종대로 209")
            }
            other => panic!("address not prefilled: {other:?}"),
        }
        assert_eq!(s.key_entry(), None, "the typed key is forgotten once read");
        // The verdicts travel with the submission, for the counter clerk.
        let effects = run(
            &mut s,
            &[
                (8, Input::SetAnswer { field: "given-names".into(), answer: text("GILSOON") }, Step(0)),
                (8, Input::SetAnswer { field: "address".into(), answer: None }, Step(0)),
                (9, Input::Next, Step(1)),
                (10, Input::SetAnswer { field: "phone".into(), answer: text("010-1234-5678") }, Step(1)),
                (11, Input::Next, Step(2)),
                (12, Input::SetAnswer { field: "consent".into(), answer: Some(Answer::Consent(true)) }, Step(2)),
                (13, Input::Next, Review),
                (14, Input::Submit, Submitting),
            ],
        );
        let sub = effects.iter().find_map(|e| match e {
            Effect::Enqueue(sub) => Some(sub),
            _ => None,
        });
        assert_eq!(sub.and_then(|s| s.document_checks.clone()), Some(checks));
    }

    #[test]
    fn leaving_while_reading_stops_the_read() {
        use Screen::*;
        let mut s = at_document_key();
        run(&mut s, &[(3, key("S12345678", "1948-03-15", "2034-03-14"), Reading)]);
        let effects = run(&mut s, &[(4, Input::Back, DocumentKey)]);
        assert!(effects.contains(&Effect::CancelRead));
        run(&mut s, &[(5, key("S12345678", "1948-03-15", "2034-03-14"), Reading)]);
        let effects = run(&mut s, &[(200, Input::Tick, Welcome)]);
        assert!(effects.contains(&Effect::CancelRead), "a timeout while reading stops the reader too");
        assert!(effects.contains(&Effect::Wipe(WipeReason::Timeout)));
    }

    #[test]
    fn inputs_out_of_place_are_ignored() {
        use Screen::*;
        let mut s = session();
        let t = Timestamp(T0);
        for input in [
            Input::Submit,
            Input::Next,
            Input::Back,
            Input::Finish,
            Input::ConfirmCancel,
            Input::Edit { step: 0 },
            Input::SetAnswer { field: "surname".into(), answer: text("x") },
            Input::Queued(slip("A-0001", t)),
            Input::IdentityRemoved,
            Input::ChooseService(FormId("nope".into())),
        ] {
            assert!(!s.handle(input.clone(), t), "{input:?} on the welcome screen");
            assert_eq!(s.screen(), Welcome);
        }
        run(&mut s, &[(0, Input::Start, Language), (1, Input::ChooseLanguage(Locale::Vi), Service)]);
        assert!(!s.handle(Input::ChooseService(FormId("nope".into())), Timestamp(T0 + 2 * S)));
        assert!(!s.handle(Input::SetAnswer { field: "x".into(), answer: None }, Timestamp(T0 + 2 * S)));
        assert_eq!(s.screen(), Service);
    }

    #[test]
    fn preferences_reset_for_the_next_visitor() {
        let mut s = session();
        let t = Timestamp(T0);
        s.handle(Input::SetTextSize(TextSize::Largest), t);
        s.handle(Input::SetHighContrast(true), t);
        s.handle(Input::Start, t);
        assert_eq!(s.prefs().text_size, TextSize::Largest);
        s.handle(Input::Cancel, t);
        assert_eq!(s.prefs(), Preferences::default());
    }
}
