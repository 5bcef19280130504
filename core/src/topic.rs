//! Guidance topics: what the smart mirror shows ("how to reissue a passport", "where is
//! counter 3"), as data in the same bundles as the forms.
//!
//! A topic (`assets/topics/<nn>-<id>.toml`) has an id, a sign clip for its introduction, and
//! steps, each with its own sign clip. Its texts are Fluent messages in `locales/<lang>/mirror.ftl`:
//! `mirror-topic-<id>` (the title, with `.summary`, the short text) and
//! `mirror-topic-<id>-step-<step>` (one step). A recorded prompt for a step goes where the kiosk's
//! go: `assets/voice/<locale>/<message id>.wav|.ogg`.

use crate::error::CoreError;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicStep {
    pub id: String,
    /// Sign-language clip id for this step.
    pub sign: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: String,
    /// Sign clip for the topic's introduction (its title and short text).
    pub sign: String,
    pub steps: Vec<TopicStep>,
}

fn is_id(s: &str) -> bool {
    !s.is_empty() && !s.starts_with('-') && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

impl Topic {
    /// Parses and checks one topic; `file` names it in errors.
    pub fn parse(file: &str, source: &str) -> Result<Topic, CoreError> {
        let bad = |reason: String| CoreError::Topic { file: file.to_owned(), reason };
        let topic: Topic = toml::from_str(source).map_err(|e| bad(e.message().to_owned()))?;
        if !is_id(&topic.id) || !is_id(&topic.sign) {
            return Err(bad("ids are lowercase letters, digits and dashes".into()));
        }
        if topic.steps.is_empty() {
            return Err(bad("a topic needs at least one step".into()));
        }
        let mut seen = std::collections::BTreeSet::new();
        for s in &topic.steps {
            if !is_id(&s.id) || !is_id(&s.sign) || !seen.insert(&s.id) {
                return Err(bad(format!("step {:?}: a plain id, once, and a plain clip id", s.id)));
            }
        }
        Ok(topic)
    }

    pub fn title_id(&self) -> String {
        format!("mirror-topic-{}", self.id)
    }

    pub fn summary_id(&self) -> String {
        format!("{}.summary", self.title_id())
    }

    pub fn step_id(&self, step: &TopicStep) -> String {
        format!("mirror-topic-{}-step-{}", self.id, step.id)
    }

    /// Every Fluent id this topic shows.
    pub fn message_ids(&self) -> Vec<String> {
        let mut ids = vec![self.title_id(), self.summary_id()];
        ids.extend(self.steps.iter().map(|s| self.step_id(s)));
        ids
    }

    /// Every sign clip id it plays.
    pub fn clip_ids(&self) -> Vec<&str> {
        std::iter::once(self.sign.as_str()).chain(self.steps.iter().map(|s| s.sign.as_str())).collect()
    }
}

/// Parses `(file name, TOML)` pairs in order; two topics with one id are refused.
pub fn parse_topics<'a>(sources: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Vec<Topic>, CoreError> {
    let mut out: Vec<Topic> = Vec::new();
    for (file, src) in sources {
        let t = Topic::parse(file, src)?;
        if out.iter().any(|o| o.id == t.id) {
            return Err(CoreError::Topic { file: file.to_owned(), reason: format!("topic {} is defined twice", t.id) });
        }
        out.push(t);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = r#"
id = "counter-3"
sign = "topic-counter-3"
[[steps]]
id = "enter"
sign = "topic-counter-3-enter"
[[steps]]
id = "turn"
sign = "topic-counter-3-turn"
"#;

    #[test]
    fn parses_a_topic_and_names_its_messages_and_clips() {
        let t = Topic::parse("t.toml", OK).expect("valid");
        assert_eq!(
            t.message_ids(),
            [
                "mirror-topic-counter-3",
                "mirror-topic-counter-3.summary",
                "mirror-topic-counter-3-step-enter",
                "mirror-topic-counter-3-step-turn"
            ]
        );
        assert_eq!(t.clip_ids(), ["topic-counter-3", "topic-counter-3-enter", "topic-counter-3-turn"]);
        for (what, bad) in [
            ("no steps", "id = \"x\"\nsign = \"y\"\nsteps = []\n".to_owned()),
            ("a bad id", OK.replace("counter-3\"\nsign", "Counter 3\"\nsign")),
            ("a step twice", OK.replace("id = \"turn\"", "id = \"enter\"")),
            ("an unknown key", format!("{OK}\ncolour = 1\n")),
        ] {
            assert_eq!(Topic::parse("t.toml", &bad).map_err(|e| e.code()), Err("topic.invalid"), "{what}");
        }
        assert!(parse_topics([("a.toml", OK), ("b.toml", OK)]).is_err(), "one id, one topic");
    }
}
