//! Words the session's guidance in the visitor's language, for the speaker and the captions.
//!
//! Message parts are formatted with the Fluent bundles; a part whose message is
//! an optional attribute (a step's `.hint`) and absent is left out. Values are
//! spoken as they stand. The log keeps only message ids: a spoken value can be a
//! name or a resident registration number, and logs never hold personal data.

use minwon_core::guidance::{Guidance, Said, Speech};
use minwon_core::i18n::Arg;
use minwon_core::{Locale, Localizer};
use minwon_hardware::speech::Segment;

/// Message arguments as Fluent takes them: a number where the text is one.
fn fluent_args(args: &[(String, String)]) -> Vec<(&str, Arg)> {
    args.iter().map(|(k, v)| (k.as_str(), v.parse::<i64>().map_or_else(|_| Arg::Str(v.clone()), Arg::Num))).collect()
}

/// An answer shown inside a form's text, in words.
pub fn said(l10n: &Localizer, locale: Locale, said: &Said) -> String {
    match said {
        Said::Text { text } => text.clone(),
        Said::Message { id, args } => l10n.format(locale, id, &fluent_args(args)),
        Said::Choices { ids } => ids.iter().map(|id| l10n.format(locale, id, &[])).collect::<Vec<_>>().join(", "),
    }
}

/// The guidance as segments of text, each with the message id it came from. A sentence is said
/// once, not twice in a row (a question that is a step of its own has the step's words as its
/// label, as XLSForm makes it).
pub fn word(l10n: &Localizer, locale: Locale, g: &Guidance) -> Vec<Segment> {
    let mut segments = worded(l10n, locale, g);
    segments.dedup_by(|b, a| !a.text.trim().is_empty() && a.text.trim() == b.text.trim());
    segments
}

fn worded(l10n: &Localizer, locale: Locale, g: &Guidance) -> Vec<Segment> {
    g.parts
        .iter()
        .filter_map(|p| match p {
            Speech::Message { id, args } | Speech::Personal { id, args } => {
                let args = fluent_args(args);
                let fixed = args.is_empty();
                l10n.try_format(locale, id, &args).map(|text| Segment { message: Some(id.clone()), text, fixed })
            }
            Speech::Shown { id, args } => {
                let words: Vec<(String, String)> =
                    args.iter().map(|a| (a.var.clone(), said(l10n, locale, &a.said))).collect();
                let args: Vec<(&str, Arg)> = words.iter().map(|(k, v)| (k.as_str(), Arg::Str(v.clone()))).collect();
                // Not a fixed text: a recorded prompt cannot say the answers it shows.
                l10n.try_format(locale, id, &args).map(|text| Segment { message: Some(id.clone()), text, fixed: false })
            }
            Speech::Value { text } => Some(Segment::live(text.clone())),
        })
        .collect()
}

/// The ids a message part must resolve to (attributes such as `.hint` are optional).
pub fn required_ids(g: &Guidance) -> impl Iterator<Item = &str> {
    g.parts.iter().filter_map(Speech::id).filter(|id| !id.contains('.'))
}

/// The log entry for a guidance: its clip and message ids, values as `#` (a focused control's
/// announcement is only `announce`: its words can hold what the visitor typed).
pub fn log_entry(g: &Guidance) -> String {
    match &g.parts[..] {
        [Speech::Value { .. }] => return "announce".into(),
        [Speech::Personal { id, .. }] if id == "guide-read-back" => return "announce".into(),
        _ => {}
    }
    let ids: Vec<&str> = g.parts.iter().map(|p| p.id().unwrap_or("#")).collect();
    format!("speak:{}:{}", g.clip, ids.join("+"))
}

/// The guidance as the room may hear and read it: personal values as "filled in" (captions, and
/// speech when nothing private carries it).
pub fn public(g: &Guidance) -> Guidance {
    Guidance { parts: g.parts.iter().map(Speech::public).collect(), clip: g.clip.clone() }
}

/// Captions: the worded guidance as one text, a line per part (the question, then its hint), for
/// the panel beside the sign-language clip.
/// Word [`public`] guidance for them: a caption never holds a personal value.
pub fn caption(segments: &[Segment]) -> String {
    segments.iter().map(|s| s.text.trim()).filter(|t| !t.is_empty()).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use minwon_core::guidance::{ShownArg, Speech};

    /// A lone XLSForm question: its step's question and its label are one text, said once; an
    /// answer it shows is worded (a choice by its label), a personal one hidden from the room.
    #[test]
    fn a_sentence_is_said_once_and_a_shown_answer_is_worded() {
        let l10n = Localizer::new([(
            Locale::Ko,
            "f.ftl",
            "q = { $d }(으)로 { $n }명이 이사했습니다.\nd-haeundae = 해운대구\nguide-shown-hidden = (입력하신 내용)\nguide-next = 다음\n",
        )])
        .expect("texts");
        let shown = |personal| Speech::Shown {
            id: "q".into(),
            args: vec![
                ShownArg { var: "d".into(), said: Said::Choices { ids: vec!["d-haeundae".into()] }, personal: false },
                ShownArg { var: "n".into(), said: Said::Text { text: "2".into() }, personal },
            ],
        };
        let g = Guidance { parts: vec![shown(true), shown(true), Speech::message("guide-next")], clip: "c".into() };
        let said: Vec<String> = word(&l10n, Locale::Ko, &g).into_iter().map(|s| s.text).collect();
        assert_eq!(said, ["해운대구(으)로 2명이 이사했습니다.", "다음"]);
        let room: Vec<String> = word(&l10n, Locale::Ko, &public(&g)).into_iter().map(|s| s.text).collect();
        assert_eq!(room, ["해운대구(으)로 (입력하신 내용)명이 이사했습니다.", "다음"]);
    }
}
