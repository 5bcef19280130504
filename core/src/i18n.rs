//! Locales and message formatting with Fluent.
//!
//! Message files are passed in as strings (one per surface: `kiosk.ftl`,
//! `forms.ftl`, `errors.ftl`); lookups fall back from the visitor's locale
//! to Korean, the fallback locale every other locale is checked against.

use crate::error::CoreError;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The languages a visitor can choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
pub enum Locale {
    #[default]
    #[serde(rename = "ko")]
    Ko,
    /// Easy Korean: short sentences and everyday words, for visitors who find official Korean hard.
    #[serde(rename = "ko-easy")]
    KoEasy,
    #[serde(rename = "en")]
    En,
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "vi")]
    Vi,
}

impl Locale {
    /// In the order the language screen lists them.
    pub const ALL: [Locale; 5] = [Locale::Ko, Locale::KoEasy, Locale::En, Locale::ZhCn, Locale::Vi];
    pub const FALLBACK: Locale = Locale::Ko;

    pub fn tag(self) -> &'static str {
        match self {
            Locale::Ko => "ko",
            Locale::KoEasy => "ko-easy",
            Locale::En => "en",
            Locale::ZhCn => "zh-CN",
            Locale::Vi => "vi",
        }
    }

    /// The language's own name, as the language screen shows it.
    pub fn endonym(self) -> &'static str {
        match self {
            Locale::Ko => "한국어",
            Locale::KoEasy => "쉬운 한국어",
            Locale::En => "English",
            Locale::ZhCn => "中文",
            Locale::Vi => "Tiếng Việt",
        }
    }

    /// The BCP 47 language (for HTML `lang`, plural rules and voices): easy Korean is Korean.
    pub fn language(self) -> &'static str {
        match self {
            Locale::KoEasy => "ko",
            other => other.tag(),
        }
    }

    pub fn parse(tag: &str) -> Result<Locale, CoreError> {
        Locale::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(tag))
            .ok_or_else(|| CoreError::UnknownLocale(tag.to_owned()))
    }
}

/// A value for a `{ $placeable }`.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Str(String),
    Num(i64),
}

struct LocaleBundle {
    bundle: FluentBundle<FluentResource>,
}

/// Formats messages for every locale, with fallback to Korean.
pub struct Localizer {
    bundles: BTreeMap<Locale, LocaleBundle>,
}

impl std::fmt::Debug for Localizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Localizer").field("locales", &self.bundles.keys().collect::<Vec<_>>()).finish()
    }
}

impl Localizer {
    /// `sources` yields `(locale, file name, FTL text)`. A syntax error or a
    /// message defined twice is refused, naming the file.
    pub fn new<'a>(sources: impl IntoIterator<Item = (Locale, &'a str, &'a str)>) -> Result<Localizer, CoreError> {
        let mut bundles: BTreeMap<Locale, LocaleBundle> = BTreeMap::new();
        for (locale, file, text) in sources {
            let bad = |reason: String| CoreError::Messages { locale: locale.tag().into(), file: file.into(), reason };
            let resource = FluentResource::try_new(text.to_owned())
                .map_err(|(_, errs)| bad(format!("{} syntax error(s), first: {:?}", errs.len(), errs[0])))?;
            let entry = bundles.entry(locale).or_insert_with(|| {
                let langid: unic_langid::LanguageIdentifier =
                    locale.language().parse().expect("our languages are valid BCP 47"); // invariant: Locale::language
                let mut bundle = FluentBundle::new_concurrent(vec![langid]);
                // Isolation marks would be read aloud and show as boxes in some fonts.
                bundle.set_use_isolating(false);
                LocaleBundle { bundle }
            });
            entry.bundle.add_resource(resource).map_err(|errs| bad(format!("{:?}", errs[0])))?;
        }
        if !bundles.contains_key(&Locale::FALLBACK) {
            return Err(CoreError::Messages {
                locale: Locale::FALLBACK.tag().into(),
                file: "*".into(),
                reason: "the fallback locale has no messages".into(),
            });
        }
        Ok(Localizer { bundles })
    }

    /// Whether `locale` itself (without fallback) defines `id` (`message` or `message.attribute`).
    pub fn has_own(&self, locale: Locale, id: &str) -> bool {
        let (msg, attr) = split(id);
        self.bundles.get(&locale).and_then(|b| b.bundle.get_message(msg)).is_some_and(|m| match attr {
            None => m.value().is_some(),
            Some(a) => m.get_attribute(a).is_some(),
        })
    }

    /// Formats `id` (or `id.attribute`) in `locale`, falling back to Korean.
    /// Returns `None` when no locale has it, so the caller can decide (an
    /// optional hint is simply not shown).
    pub fn try_format(&self, locale: Locale, id: &str, args: &[(&str, Arg)]) -> Option<String> {
        let (msg, attr) = split(id);
        for l in [locale, Locale::FALLBACK] {
            let Some(b) = self.bundles.get(&l) else { continue };
            let Some(m) = b.bundle.get_message(msg) else { continue };
            let pattern = match attr {
                None => m.value(),
                Some(a) => m.get_attribute(a).map(|a| a.value()),
            };
            let Some(pattern) = pattern else { continue };
            let mut fargs = FluentArgs::new();
            for (k, v) in args {
                match v {
                    Arg::Str(s) => fargs.set(*k, FluentValue::from(s.as_str())),
                    Arg::Num(n) => fargs.set(*k, FluentValue::from(*n)),
                }
            }
            let mut errors = vec![];
            let out = b.bundle.format_pattern(pattern, Some(&fargs), &mut errors);
            return Some(out.into_owned());
        }
        None
    }

    /// Like [`Localizer::try_format`], but a missing message shows its id, so a gap is visible and never fatal.
    pub fn format(&self, locale: Locale, id: &str, args: &[(&str, Arg)]) -> String {
        self.try_format(locale, id, args).unwrap_or_else(|| id.to_owned())
    }
}

fn split(id: &str) -> (&str, Option<&str>) {
    match id.split_once('.') {
        Some((m, a)) => (m, Some(a)),
        None => (id, None),
    }
}

/// The message and attribute ids an FTL text defines, for completeness checks.
pub fn ids_in(ftl: &str) -> Result<Vec<String>, CoreError> {
    let resource = FluentResource::try_new(ftl.to_owned()).map_err(|(_, errs)| CoreError::Messages {
        locale: "?".into(),
        file: "?".into(),
        reason: format!("{:?}", errs[0]),
    })?;
    let mut ids = Vec::new();
    for entry in resource.entries() {
        if let fluent_syntax::ast::Entry::Message(m) = entry {
            if m.value.is_some() {
                ids.push(m.id.name.to_owned());
            }
            for a in &m.attributes {
                ids.push(format!("{}.{}", m.id.name, a.id.name));
            }
        }
    }
    Ok(ids)
}

/// `source` without the messages named in `remove`, followed by the messages of `add`: how the hub
/// replaces one form's texts in a `forms.ftl` and leaves every other message (and comment) as it
/// was. A syntax error in either text is refused.
pub fn replace_messages(
    source: &str,
    remove: &std::collections::BTreeSet<String>,
    add: &str,
) -> Result<String, CoreError> {
    let bad = |reason: String| CoreError::Messages { locale: "?".into(), file: "?".into(), reason };
    let mut old = fluent_syntax::parser::parse(source).map_err(|(_, e)| bad(format!("{:?}", e[0])))?;
    let new = fluent_syntax::parser::parse(add).map_err(|(_, e)| bad(format!("{:?}", e[0])))?;
    old.body.retain(|entry| match entry {
        fluent_syntax::ast::Entry::Message(m) => !remove.contains(m.id.name),
        _ => true,
    });
    let mut out = fluent_syntax::serializer::serialize(&old);
    if !out.ends_with("\n\n") {
        out.push('\n');
    }
    out.push_str(&fluent_syntax::serializer::serialize(&new));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_one_forms_messages_and_keeps_the_rest() {
        let source =
            "## Lost item\n\nforms-a = Lost item\n    .summary = Old\nforms-a-x = Typo hre\nforms-b = Other form\n";
        let remove = ["forms-a".to_owned(), "forms-a-x".to_owned()].into_iter().collect();
        let out = replace_messages(source, &remove, "forms-a = Lost item\n    .summary = New\nforms-a-x = Typo here\n")
            .expect("replaced");
        let l = Localizer::new([(Locale::Ko, "forms.ftl", out.as_str())]).expect("one definition of each id");
        assert_eq!(l.format(Locale::Ko, "forms-a-x", &[]), "Typo here");
        assert_eq!(l.format(Locale::Ko, "forms-a.summary", &[]), "New");
        assert_eq!(l.format(Locale::Ko, "forms-b", &[]), "Other form");
        assert!(out.contains("## Lost item"), "comments stay");
        assert!(replace_messages(source, &remove, "forms-a = {").is_err());
    }

    fn localizer() -> Localizer {
        Localizer::new([
            (
                Locale::Ko,
                "kiosk.ftl",
                "kiosk-hello = 안녕하세요, { $name }님\n    .hint = 도움말\nkiosk-only-ko = 한국어만\n",
            ),
            (Locale::En, "kiosk.ftl", "kiosk-hello = Hello, { $name }\n"),
        ])
        .expect("test messages parse")
    }

    #[test]
    fn formats_with_arguments_and_no_isolation_marks() {
        let l = localizer();
        assert_eq!(l.format(Locale::Ko, "kiosk-hello", &[("name", Arg::Str("홍길동".into()))]), "안녕하세요, 홍길동님");
        assert_eq!(l.format(Locale::En, "kiosk-hello", &[("name", Arg::Str("Jane".into()))]), "Hello, Jane");
    }

    #[test]
    fn falls_back_to_korean_then_to_the_id() {
        let l = localizer();
        assert_eq!(l.format(Locale::En, "kiosk-only-ko", &[]), "한국어만");
        assert_eq!(l.format(Locale::En, "kiosk-hello.hint", &[]), "도움말");
        assert_eq!(l.format(Locale::Vi, "kiosk-missing", &[]), "kiosk-missing");
        assert!(l.try_format(Locale::Vi, "kiosk-missing", &[]).is_none());
        assert!(!l.has_own(Locale::En, "kiosk-only-ko"));
        assert!(l.has_own(Locale::Ko, "kiosk-hello.hint"));
    }

    #[test]
    fn refuses_broken_files_and_a_missing_fallback() {
        let e = Localizer::new([(Locale::Ko, "kiosk.ftl", "kiosk-x = {\n")]).expect_err("syntax");
        assert_eq!(e.code(), "messages.invalid");
        let e = Localizer::new([(Locale::En, "kiosk.ftl", "a = b\n")]).expect_err("no ko");
        assert!(e.to_string().contains("fallback"));
        let e = Localizer::new([(Locale::Ko, "a.ftl", "a = b\n"), (Locale::Ko, "b.ftl", "a = c\n")]).expect_err("dup");
        assert!(e.to_string().contains("b.ftl"));
    }

    #[test]
    fn lists_ids_with_attributes() {
        let ids = ids_in("a = A\n    .hint = H\nb =\n    .label = L\n").expect("parses");
        assert_eq!(ids, ["a", "a.hint", "b.label"]);
    }

    #[test]
    fn locale_tags_round_trip() {
        for l in Locale::ALL {
            assert_eq!(Locale::parse(l.tag()), Ok(l));
        }
        assert!(Locale::parse("fr").is_err());
    }
}
