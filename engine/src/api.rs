//! The API every front end uses: actions in, views out, errors as codes.
//!
//! **API Boundary**: `Action` is what a front end may ask; it maps one to one
//! onto `minwon_core::Input`. The Tauri commands and the `--serve` HTTP routes
//! are one-line calls into [`crate::Kiosk`] with these types.

use minwon_core::session::{Input, SpeechRate, TextSize};
use minwon_core::{Answer, FormId, Locale};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Action {
    Start,
    Language {
        locale: String,
    },
    Service {
        id: String,
    },
    IdentifyTyped,
    /// "Insert or place your document".
    ChooseDocument,
    /// The document number and dates printed on the document (dates as `YYYY-MM-DD`).
    DocumentKey {
        number: String,
        birth_date: String,
        expiry: String,
    },
    /// Switch the key screen to the card access number (`true`) or back to the number and dates.
    KeyByCan {
        can: bool,
    },
    /// The card access number printed on the document.
    DocumentCan {
        can: String,
    },
    /// Saves the answers typed on the current step, then moves on.
    Next {
        #[serde(default)]
        answers: BTreeMap<String, Option<Answer>>,
    },
    /// Saves the answers typed on the current step (so nothing typed is lost), then goes back.
    Back {
        #[serde(default)]
        answers: BTreeMap<String, Option<Answer>>,
    },
    /// From the review: change one step (one instance of a repeat, from 0).
    Edit {
        step: usize,
        #[serde(default)]
        instance: usize,
    },
    /// On a repeated step: saves the answers typed, then adds another instance and goes to it.
    AddInstance {
        #[serde(default)]
        answers: BTreeMap<String, Option<Answer>>,
    },
    /// On a repeated step: removes the instance on screen.
    RemoveInstance,
    Submit,
    Cancel,
    ConfirmCancel,
    KeepGoing,
    /// "More time" on the warning, and any sign of life (a key pressed while typing).
    MoreTime,
    Finish,
    TextSize {
        size: TextSize,
    },
    HighContrast {
        on: bool,
    },
    SpeechRate {
        rate: SpeechRate,
    },
    /// Voice mode on or off.
    VoiceMode {
        on: bool,
    },
    /// Voice mode: say the control just focused. `control` is its element id (`nav-next`,
    /// `f-reason-lost`), for the effect log: the words can hold what the visitor typed, the id not.
    Announce {
        text: String,
        #[serde(default)]
        control: Option<String>,
    },
    /// Move every control into the lower part of the screen.
    LowPosition {
        on: bool,
    },
    /// Speech volume, 10–100.
    Volume {
        level: u8,
    },
    /// A key of an on-screen keyboard pressed in box `input` (its element id) holding `value`:
    /// the answer's `typed` gives the box's text after it (composed in core).
    Key {
        input: String,
        #[serde(default)]
        value: String,
        key: minwon_core::keyboard::KeyPress,
    },
    /// A key of the keypad pressed in box `input` holding `value` (voice mode): digits, 천지인 or
    /// multi-tap by the box's first keyboard. The answer's `typed` holds the box's text after it;
    /// what the key typed is said into the earphones.
    Keypad {
        input: String,
        #[serde(default)]
        value: String,
        key: minwon_core::keypad::PadKey,
    },
    /// What the address search box `input` of the screen holds now: the answer's `addresses`
    /// lists what the kiosk's address book finds.
    AddressSearch {
        input: String,
        #[serde(default)]
        text: String,
    },
    /// Ask for a member of staff.
    CallStaff,
    /// Say the screen again.
    Repeat,
    /// Say how to use the keys and how to call staff, then the screen.
    Help,
}

/// A control's element id as the kiosk's page names them: short, lowercase letters, digits, `-`.
fn is_control_id(c: &str) -> bool {
    !c.is_empty() && c.len() <= 64 && c.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

impl Action {
    /// The control an announcement is about, when it names a valid one.
    pub fn announced_control(&self) -> Option<&str> {
        match self {
            Action::Announce { control: Some(c), .. } if is_control_id(c) => Some(c),
            _ => None,
        }
    }

    /// The session inputs this action stands for, in order.
    pub fn into_inputs(self) -> Result<Vec<Input>, ApiError> {
        let answers = |m: BTreeMap<String, Option<Answer>>| {
            m.into_iter().map(|(field, answer)| Input::SetAnswer { field, answer }).collect::<Vec<_>>()
        };
        Ok(match self {
            Action::Start => vec![Input::Start],
            Action::Language { locale } => {
                vec![Input::ChooseLanguage(Locale::parse(&locale).map_err(|_| ApiError::new("api.unknown-locale"))?)]
            }
            Action::Service { id } => vec![Input::ChooseService(FormId(id))],
            Action::IdentifyTyped => vec![Input::IdentifyByTyping],
            Action::ChooseDocument => vec![Input::ChooseDocument],
            Action::DocumentKey { number, birth_date, expiry } => {
                vec![Input::SubmitDocumentKey { number, birth_date, expiry }]
            }
            Action::KeyByCan { can } => vec![Input::KeyByCan(can)],
            Action::DocumentCan { can } => vec![Input::SubmitCan { can }],
            Action::Next { answers: a } => answers(a).into_iter().chain([Input::Next]).collect(),
            Action::Back { answers: a } => answers(a).into_iter().chain([Input::Back]).collect(),
            Action::Edit { step, instance } => vec![Input::Edit { step, instance }],
            Action::AddInstance { answers: a } => answers(a).into_iter().chain([Input::AddInstance]).collect(),
            Action::RemoveInstance => vec![Input::RemoveInstance],
            Action::Submit => vec![Input::Submit],
            Action::Cancel => vec![Input::Cancel],
            Action::ConfirmCancel => vec![Input::ConfirmCancel],
            Action::KeepGoing => vec![Input::KeepGoing],
            Action::MoreTime => vec![Input::MoreTime],
            Action::Finish => vec![Input::Finish],
            Action::TextSize { size } => vec![Input::SetTextSize(size)],
            Action::HighContrast { on } => vec![Input::SetHighContrast(on)],
            Action::SpeechRate { rate } => vec![Input::SetSpeechRate(rate)],
            Action::LowPosition { on } => vec![Input::SetLowPosition(on)],
            Action::VoiceMode { on } => vec![Input::SetVoiceMode(on)],
            Action::Announce { text, control } => {
                if control.as_deref().is_some_and(|c| !is_control_id(c)) {
                    return Err(ApiError::new("api.bad-request"));
                }
                vec![Input::Announce(text)]
            }
            Action::Volume { level } => vec![Input::SetVolume(level)],
            // A key typed is a sign of life; what it types is answered by the kiosk (`typed`).
            Action::Key { .. } | Action::Keypad { .. } | Action::AddressSearch { .. } => vec![Input::MoreTime],
            Action::CallStaff => vec![Input::CallStaff],
            Action::Repeat => vec![Input::Repeat],
            Action::Help => vec![Input::Help],
        })
    }
}

/// An error a front end can show: a stable code (mapped to the Fluent id
/// `errors-<code with dashes>`), never a message to parse.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{code}")]
pub struct ApiError {
    pub code: String,
}

impl ApiError {
    pub fn new(code: &str) -> Self {
        ApiError { code: code.to_owned() }
    }
}

impl From<crate::EngineError> for ApiError {
    fn from(e: crate::EngineError) -> Self {
        ApiError::new(e.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<Action, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn actions_parse_from_the_front_end_shape() {
        let a = parse(r#"{"type":"next","answers":{"surname":"Hong","note":null,"consent":true}}"#).expect("parses");
        let inputs = a.into_inputs().expect("maps");
        assert_eq!(inputs.len(), 4);
        assert_eq!(inputs[3], Input::Next);
        assert!(inputs.contains(&Input::SetAnswer { field: "note".into(), answer: None }));
        assert!(inputs.contains(&Input::SetAnswer { field: "consent".into(), answer: Some(Answer::Consent(true)) }));
        let size = parse(r#"{"type":"text_size","size":"200"}"#).expect("parses");
        assert_eq!(size.into_inputs().expect("maps"), [Input::SetTextSize(TextSize::Largest)]);
    }

    #[test]
    fn bad_actions_are_refused() {
        assert!(parse(r#"{"type":"format_disk"}"#).is_err());
        assert!(parse(r#"{"type":"edit","step":1,"extra":1}"#).is_err());
        let e = parse(r#"{"type":"language","locale":"xx"}"#).expect("shape ok").into_inputs().expect_err("locale");
        assert_eq!(e.code, "api.unknown-locale");
    }
}
