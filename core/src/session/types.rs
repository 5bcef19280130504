//! The journey's types: screens, preferences, inputs, effects, the document key, the receipt,
//! the submission and the session's configuration.

use crate::document::{DocumentData, Provenance};
use crate::form::FormId;
use crate::guidance::Guidance;
use crate::i18n::Locale;
use crate::time::Timestamp;
use crate::validate::Answer;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// The screens of a visit, in journey order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "screen", content = "step")]
pub enum Screen {
    Welcome,
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
    /// From the review screen: change the answers of one step (of one instance, for a repeat).
    Edit {
        step: usize,
        instance: usize,
    },
    /// On a repeated step without a count: add another instance (a household member) and go to it.
    AddInstance,
    /// On a repeated step without a count: remove the instance on screen.
    RemoveInstance,
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
    /// Voice mode: say a box to type into, just focused or read back (`*`), with what it holds:
    /// personal, so only into the earphones (the room hears "filled in").
    AnnounceBox(String),
    /// Voice mode: say what a key of the keypad typed into a box (`guide-typed-*`, with the jamo's
    /// name, the syllable or the letter as `value`). Personal: only into the earphones. In an
    /// address search box, `found` then says what the search found now.
    Typed {
        said: &'static str,
        value: String,
        found: Option<Found>,
    },
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

/// What an address search found, said after the key that changed it: how many addresses (at most
/// the few shown) and whether there are more. A count, not where she lives: said aloud.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub count: usize,
    pub more: bool,
}

impl Input {
    /// Inputs that show the visitor is still there.
    pub(super) fn is_activity(&self) -> bool {
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
    /// The day's queue number (번호표), in offices that call numbers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubmittedAnswer {
    pub field: String,
    /// In a repeat: which instance (from 1, as XLSForm counts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<u32>,
    pub value: Answer,
    pub provenance: Provenance,
}

/// A completed application, as it goes into the outbox (encrypted).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Submission {
    pub form: FormId,
    pub form_version: u64,
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
    /// Without activity, the receipt stays this long (with the warning `warning_lead` before)
    /// before the kiosk returns to the welcome screen; "finish" ends it at once.
    pub receipt_timeout: Duration,
}

impl Default for SessionConfig {
    fn default() -> Self {
        SessionConfig {
            idle_timeout: Duration::from_secs(120),
            warning_lead: Duration::from_secs(30),
            receipt_timeout: Duration::from_secs(300),
        }
    }
}
