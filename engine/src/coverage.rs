//! What the kiosk and the mirror would say or sign without a recording: per locale, the messages
//! that have no recorded prompt; per sign language, the guidance moments (the kiosk's, and each
//! step of the mirror's topics) that have no clip.

use crate::assets;
use crate::clips::ClipLibrary;
use crate::error::EngineError;
use minwon_core::Locale;
use std::fmt::Write;
use std::path::Path;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// Locale tag → (messages in total, messages without a recorded prompt).
    pub prompts: Vec<(String, usize, Vec<String>)>,
    /// Sign language → (clip ids asked for, ids without a clip, clips that are samples).
    pub clips: Vec<(String, usize, Vec<String>, usize)>,
    /// Clips left out when loading (missing file, checksum, undecodable).
    pub problems: Vec<String>,
}

/// Walks the assets under `root`.
pub fn coverage(root: &Path) -> Result<Coverage, EngineError> {
    let tree = assets::read_tree(root)?;
    let mut prompts = Vec::new();
    let voice = root.join("assets/voice");
    let surfaces: Vec<&str> = assets::KIOSK_SURFACES.iter().copied().chain(["mirror"]).collect();
    for locale in Locale::ALL {
        // Attributes (a step's hint) are prompts too: `forms-x-step-y.hint.wav`.
        let ids = tree.message_ids(locale, &surfaces);
        let missing: Vec<String> = ids
            .iter()
            .filter(|id| minwon_hardware::speech::recorded_prompt(&voice, locale.tag(), id).is_none())
            .cloned()
            .collect();
        prompts.push((locale.tag().to_owned(), ids.len(), missing));
    }
    let library = ClipLibrary::from_tree(&tree);
    let mut wanted = minwon_core::guidance::clip_ids(&tree.catalog);
    wanted.extend(tree.topics.iter().flat_map(|t| t.clip_ids()).map(str::to_owned));
    let mut clips = Vec::new();
    for (language, l) in &library.languages {
        let missing: Vec<String> = wanted.iter().filter(|id| !l.clips.contains_key(*id)).cloned().collect();
        let samples = l.clips.values().filter(|c| c.sample).count();
        clips.push((language.clone(), wanted.len(), missing, samples));
    }
    Ok(Coverage { prompts, clips, problems: library.problems })
}

impl Coverage {
    /// The report the `minwon-coverage` command prints.
    pub fn report(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# Recorded voice prompts (assets/voice/<locale>/<message-id>.wav|.ogg)");
        for (locale, total, missing) in &self.prompts {
            let _ = writeln!(
                out,
                "{locale}: {} of {total} messages recorded; synthesised: {}",
                total - missing.len(),
                missing.len()
            );
        }
        let _ = writeln!(out, "\n# Sign-language clips (assets/sign/<language>/manifest.toml)");
        for (language, total, missing, samples) in &self.clips {
            let _ = writeln!(
                out,
                "{language}: {} of {total} moments have a clip ({samples} of them samples); missing {}:",
                total - missing.len(),
                missing.len()
            );
            for id in missing {
                let _ = writeln!(out, "  {id}");
            }
        }
        if !self.problems.is_empty() {
            let _ = writeln!(out, "\n# Clips left out");
            for p in &self.problems {
                let _ = writeln!(out, "  {p}");
            }
        }
        for (locale, _, missing) in &self.prompts {
            let _ = writeln!(out, "\n# {locale}: messages without a recorded prompt");
            for id in missing {
                let _ = writeln!(out, "  {id}");
            }
        }
        out
    }
}
