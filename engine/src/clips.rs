//! The sign-language clips: loaded from the manifests, checked against their SHA-256, decoded into frames.
//!
//! A clip is an animated WebP (it plays in the Tauri webview without extra codecs, and the
//! `image` crate decodes it for the Slint mirror). We decode it once into PNG frames and their
//! delays, so a front end can pace it: replay, and slow play at half speed, which an `<img>`
//! cannot do. A clip whose file is missing, altered (checksum) or undecodable is left out and
//! reported; the guidance then goes on with captions alone.

use crate::error::EngineError;
use image::AnimationDecoder;
use minwon_core::sign::SignManifest;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

/// The sign language the kiosk shows unless configured otherwise: Korean Sign Language.
pub const DEFAULT_SIGN_LANGUAGE: &str = "ksl";

#[derive(Debug, Clone)]
pub struct Clip {
    pub sample: bool,
    pub width: u32,
    pub height: u32,
    /// PNG-encoded frames.
    pub frames: Vec<Vec<u8>>,
    pub delays_ms: Vec<u32>,
}

#[derive(Debug, Clone, Default)]
pub struct SignLanguage {
    pub name: String,
    pub clips: BTreeMap<String, Clip>,
}

#[derive(Debug, Clone, Default)]
pub struct ClipLibrary {
    pub languages: BTreeMap<String, SignLanguage>,
    /// Clips left out, as `language/id: reason` (no personal data: these are asset names).
    pub problems: Vec<String>,
}

impl ClipLibrary {
    /// Loads every `assets/sign/<language>/manifest.toml` under `root`; no folder means no clips.
    pub fn load(root: &Path) -> Result<ClipLibrary, EngineError> {
        let mut lib = ClipLibrary::default();
        let dir = root.join("assets/sign");
        let Ok(entries) = std::fs::read_dir(&dir) else { return Ok(lib) };
        let mut folders: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect();
        folders.sort();
        for folder in folders {
            let manifest_path = folder.join("manifest.toml");
            let Ok(text) = std::fs::read_to_string(&manifest_path) else { continue };
            let manifest = SignManifest::parse(&manifest_path.display().to_string(), &text)?;
            let mut language = SignLanguage { name: manifest.name.clone(), clips: BTreeMap::new() };
            for (id, entry) in &manifest.clips {
                match load_clip(&folder.join(&entry.file), &entry.sha256) {
                    Ok(mut clip) => {
                        clip.sample = entry.sample;
                        language.clips.insert(id.clone(), clip);
                    }
                    Err(reason) => lib.problems.push(format!("{}/{id}: {reason}", manifest.language)),
                }
            }
            lib.languages.insert(manifest.language, language);
        }
        for p in &lib.problems {
            eprintln!("minwon-engine: sign clip left out: {p}");
        }
        Ok(lib)
    }

    pub fn clip(&self, language: &str, id: &str) -> Option<&Clip> {
        self.languages.get(language)?.clips.get(id)
    }
}

fn load_clip(path: &Path, sha256: &str) -> Result<Clip, &'static str> {
    let bytes = std::fs::read(path).map_err(|_| "missing")?;
    let sum: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    if sum != sha256 {
        return Err("checksum mismatch");
    }
    decode(&bytes)
}

/// Animated (or still) WebP → PNG frames and delays.
pub fn decode(bytes: &[u8]) -> Result<Clip, &'static str> {
    let decoder = image::codecs::webp::WebPDecoder::new(std::io::Cursor::new(bytes)).map_err(|_| "not WebP")?;
    let frames = decoder.into_frames().collect_frames().map_err(|_| "undecodable")?;
    if frames.is_empty() || frames.len() > 2000 {
        return Err("no frames, or too many");
    }
    let mut clip = Clip { sample: false, width: 0, height: 0, frames: Vec::new(), delays_ms: Vec::new() };
    for f in frames {
        let (num, den) = f.delay().numer_denom_ms();
        clip.delays_ms.push(if den == 0 { 100 } else { (num / den).clamp(20, 5000) });
        let buffer = f.into_buffer();
        (clip.width, clip.height) = buffer.dimensions();
        let mut png = Vec::new();
        buffer.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png).map_err(|_| "re-encoding")?;
        clip.frames.push(png);
    }
    Ok(clip)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_samples_load_and_a_changed_clip_is_left_out() {
        let root = crate::assets::default_root();
        let lib = ClipLibrary::load(&root).expect("manifests parse");
        assert!(lib.problems.is_empty(), "{:?}", lib.problems);
        let ksl = &lib.languages[DEFAULT_SIGN_LANGUAGE];
        assert_eq!(ksl.name, "한국수어");
        let welcome = ksl.clips.get("screen-welcome").expect("the welcome clip");
        assert!(welcome.sample, "the shipped clips say they are samples");
        assert_eq!((welcome.width, welcome.height, welcome.frames.len()), (240, 320, 10));
        assert!(welcome.delays_ms.iter().all(|d| *d == 250), "{:?}", welcome.delays_ms);
        let first = image::load_from_memory(&welcome.frames[0]).expect("a PNG frame");
        assert_eq!(first.width(), 240);

        // A copy of the assets with one clip altered and one missing.
        let dir = tempfile::tempdir().expect("temp dir");
        let sign = dir.path().join("assets/sign/ksl");
        std::fs::create_dir_all(&sign).expect("mkdir");
        for f in ["manifest.toml", "screen-welcome.webp", "screen-language.webp"] {
            std::fs::copy(root.join("assets/sign/ksl").join(f), sign.join(f)).expect("copy");
        }
        let mut altered = std::fs::read(sign.join("screen-language.webp")).expect("read");
        let last = altered.len() - 1;
        altered[last] ^= 1;
        std::fs::write(sign.join("screen-language.webp"), altered).expect("write");
        let lib = ClipLibrary::load(dir.path()).expect("loads");
        let ksl = &lib.languages[DEFAULT_SIGN_LANGUAGE];
        assert!(ksl.clips.contains_key("screen-welcome"));
        assert!(!ksl.clips.contains_key("screen-language"));
        assert!(lib.problems.contains(&"ksl/screen-language: checksum mismatch".to_string()), "{:?}", lib.problems);
        assert!(lib.problems.contains(&"ksl/screen-service: missing".to_string()));
        assert!(decode(b"RIFF....WEBPjunk").is_err());
    }
}
