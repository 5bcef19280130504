//! The mirror's content from one asset tree (the installed one, or a bundle): the guidance topics,
//! their texts and the mirror's own in every locale (`mirror.ftl`), and the sign clips they name,
//! each checked against its SHA-256 before it is kept.

use crate::error::MirrorError;
use minwon_core::topic::Topic;
use minwon_core::{Locale, Localizer};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A clip's bytes (animated WebP) and whether it is a stand-in.
#[derive(Debug, Clone)]
pub struct Clip {
    pub bytes: Arc<[u8]>,
    pub sample: bool,
}

#[derive(Debug)]
pub struct Guide {
    pub topics: Vec<Topic>,
    l10n: Localizer,
    clips: BTreeMap<String, Clip>,
    pub root: PathBuf,
}

impl Guide {
    /// Loads `root`'s topics, messages and the clips of `sign_language`.
    pub fn load(root: &Path, sign_language: &str) -> Result<Guide, MirrorError> {
        // The one check every part makes of a tree (core's), read from disk as the kiosk reads it.
        let tree = minwon_engine::assets::read_tree(root).map_err(|e| MirrorError::Assets(e.to_string()))?;
        if tree.topics.is_empty() {
            return Err(MirrorError::Assets(format!("{}: no guidance topics", root.join("assets/topics").display())));
        }
        let l10n = tree.localizer(&["mirror"]);
        // Only the clips that matched their manifest are there: one damaged or swapped on disk is
        // left out, not played.
        let wanted: std::collections::BTreeSet<&str> = tree.topics.iter().flat_map(|t| t.clip_ids()).collect();
        let mut clips = BTreeMap::new();
        if let Some(sign) = tree.sign.get(sign_language) {
            for (id, bytes) in sign.clips.iter().filter(|(id, _)| wanted.contains(id.as_str())) {
                let sample = sign.manifest.clips.get(id).is_some_and(|c| c.sample);
                clips.insert(id.clone(), Clip { bytes: bytes.clone(), sample });
            }
        }
        let topics = tree.topics;
        Ok(Guide { topics, l10n, clips, root: root.to_owned() })
    }

    pub fn text(&self, locale: Locale, id: &str) -> String {
        self.l10n.format(locale, id, &[])
    }

    pub fn text_with(&self, locale: Locale, id: &str, args: &[(&str, minwon_core::i18n::Arg)]) -> String {
        self.l10n.format(locale, id, args)
    }

    /// Whether `locale` has its own text for `id` (not Korean's).
    pub fn has_own(&self, locale: Locale, id: &str) -> bool {
        self.l10n.has_own(locale, id)
    }

    pub fn clip(&self, id: &str) -> Option<&Clip> {
        self.clips.get(id)
    }

    /// The bytes of every clip the topics play, in topic order (what the attract loop cycles
    /// through; the memory test and the benchmark loop over them).
    pub fn topic_clips(&self) -> Vec<Arc<[u8]>> {
        self.topics.iter().flat_map(|t| t.clip_ids()).filter_map(|id| self.clip(id).map(|c| c.bytes.clone())).collect()
    }
}
