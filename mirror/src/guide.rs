//! The mirror's content from one asset tree (the installed one, or a bundle): the guidance topics,
//! their texts and the mirror's own in every locale (`mirror.ftl`), and the sign clips they name,
//! each checked against its SHA-256 before it is kept.

use crate::error::MirrorError;
use minwon_core::sign::SignManifest;
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

fn read(p: &Path) -> Result<String, MirrorError> {
    std::fs::read_to_string(p).map_err(|e| MirrorError::Assets(format!("{}: {}", p.display(), e.kind())))
}

impl Guide {
    /// Loads `root`'s topics, messages and the clips of `sign_language`.
    pub fn load(root: &Path, sign_language: &str) -> Result<Guide, MirrorError> {
        // The same loader as the kiosk's coverage report; a tree without topics has none.
        let topics = minwon_engine::assets::load_topics(root).map_err(|e| MirrorError::Assets(e.to_string()))?;
        if topics.is_empty() {
            return Err(MirrorError::Assets(format!("{}: no guidance topics", root.join("assets/topics").display())));
        }
        let mut messages = Vec::new();
        for locale in Locale::ALL {
            let p = root.join("locales").join(locale.tag()).join("mirror.ftl");
            if p.exists() {
                messages.push((locale, read(&p)?));
            }
        }
        let l10n = Localizer::new(messages.iter().map(|(l, t)| (*l, "mirror.ftl", t.as_str())))?;
        let mut clips = BTreeMap::new();
        let sign_dir = root.join("assets/sign").join(sign_language);
        if let Ok(text) = std::fs::read_to_string(sign_dir.join("manifest.toml")) {
            let manifest = SignManifest::parse("manifest.toml", &text)?;
            let wanted: std::collections::BTreeSet<&str> = topics.iter().flat_map(|t| t.clip_ids()).collect();
            for entry in manifest.clips.values().filter(|c| wanted.contains(c.id.as_str())) {
                let Ok(bytes) = std::fs::read(sign_dir.join(&entry.file)) else { continue };
                let sum: String = {
                    use sha2::Digest;
                    sha2::Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect()
                };
                // A clip damaged or swapped on disk is left out, not played.
                if sum == entry.sha256 {
                    clips.insert(entry.id.clone(), Clip { bytes: bytes.into(), sample: entry.sample });
                }
            }
        }
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
