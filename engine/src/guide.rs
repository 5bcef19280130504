//! Words the session's guidance in the visitor's language, for the speaker and the captions.
//!
//! Message parts are formatted with the Fluent bundles; a part whose message is
//! an optional attribute (a step's `.hint`) and absent is left out. Values are
//! spoken as they stand. The log keeps only message ids: a spoken value can be a
//! name or a resident registration number, and logs never hold personal data.

use minwon_core::guidance::{Guidance, Speech};
use minwon_core::i18n::Arg;
use minwon_core::{Locale, Localizer};
use minwon_hardware::speech::Segment;

/// The guidance as segments of text, each with the message id it came from.
pub fn word(l10n: &Localizer, locale: Locale, g: &Guidance) -> Vec<Segment> {
    g.parts
        .iter()
        .filter_map(|p| match p {
            Speech::Message { id, args } | Speech::Personal { id, args } => {
                let args: Vec<(&str, Arg)> = args
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.parse::<i64>().map_or_else(|_| Arg::Str(v.clone()), Arg::Num)))
                    .collect();
                let fixed = args.is_empty();
                l10n.try_format(locale, id, &args).map(|text| Segment { message: Some(id.clone()), text, fixed })
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
