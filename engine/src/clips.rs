//! The sign-language clips: loaded from the manifests, checked against their SHA-256, served as frames.
//!
//! A clip is an animated WebP (it plays in the Tauri webview without extra codecs, and the
//! `image` crate decodes it for the Slint mirror). At load we check each file's SHA-256 and read
//! its frame count, canvas and delays from the WebP container (cheap); the pixels are decoded
//! when a clip is first played, into PNG frames a front end can pace: replay, and slow play at
//! half speed, which an `<img>` cannot do. A clip whose file is missing, altered (checksum) or
//! not an animated WebP is left out and reported; the guidance then goes on with captions alone.

use crate::error::EngineError;
use image::AnimationDecoder;
use minwon_core::tree::AssetTree;
use std::collections::BTreeMap;
use std::path::Path;

/// The sign language the kiosk shows unless configured otherwise: Korean Sign Language.
pub const DEFAULT_SIGN_LANGUAGE: &str = "ksl";

#[derive(Debug, Clone)]
pub struct Clip {
    pub sample: bool,
    pub width: u32,
    pub height: u32,
    pub delays_ms: Vec<u32>,
    /// The WebP file, decoded when played.
    pub webp: std::sync::Arc<Vec<u8>>,
}

impl Clip {
    pub fn frame_count(&self) -> usize {
        self.delays_ms.len()
    }
}

#[derive(Debug, Clone, Default)]
pub struct SignLanguage {
    pub name: String,
    pub clips: BTreeMap<String, Clip>,
}

/// A decoded clip's frames, as PNG.
type Frames = std::sync::Arc<Vec<Vec<u8>>>;

#[derive(Debug, Default)]
pub struct ClipLibrary {
    pub languages: BTreeMap<String, SignLanguage>,
    /// Clips left out, as `language/id: reason` (no personal data: these are asset names).
    pub problems: Vec<String>,
    /// The frames of the clips played last, as PNG (a clip is shown again and again on its screen).
    played: std::sync::Mutex<Vec<(String, Frames)>>,
}

impl ClipLibrary {
    /// Loads the clips of the tree under `root` (see [`ClipLibrary::from_tree`]).
    pub fn load(root: &Path) -> Result<ClipLibrary, EngineError> {
        Ok(ClipLibrary::from_tree(&crate::assets::read_tree(root)?))
    }

    /// The clips of a checked tree: every one that matched its manifest and is a WebP. The
    /// tree's own refusals (a file missing or not the one named) and the WebPs that do not read
    /// are in `problems`, as `language/id: reason`.
    pub fn from_tree(tree: &AssetTree) -> ClipLibrary {
        let mut lib = ClipLibrary::default();
        for (code, sign) in &tree.sign {
            let mut language = SignLanguage { name: sign.manifest.name.clone(), clips: BTreeMap::new() };
            for (id, entry) in &sign.manifest.clips {
                let Some(bytes) = sign.clips.get(id) else {
                    let path = format!("assets/sign/{code}/{}", entry.file);
                    let altered = tree.left_out.iter().any(|p| p.path == path && p.code == "clip.mismatch");
                    lib.problems
                        .push(format!("{code}/{id}: {}", if altered { "checksum mismatch" } else { "missing" }));
                    continue;
                };
                match webp_timing(bytes) {
                    Ok((width, height, delays_ms)) => {
                        let webp = std::sync::Arc::new(bytes.to_vec());
                        language
                            .clips
                            .insert(id.clone(), Clip { sample: entry.sample, width, height, delays_ms, webp });
                    }
                    Err(reason) => lib.problems.push(format!("{code}/{id}: {reason}")),
                }
            }
            lib.languages.insert(code.clone(), language);
        }
        for p in &lib.problems {
            eprintln!("minwon-engine: sign clip left out: {p}");
        }
        lib
    }

    pub fn clip(&self, language: &str, id: &str) -> Option<&Clip> {
        self.languages.get(language)?.clips.get(id)
    }

    /// Frame `n` of a clip as PNG, decoding the clip on first use (a few of the last played are kept).
    pub fn frame(&self, language: &str, id: &str, n: usize) -> Option<Vec<u8>> {
        let clip = self.clip(language, id)?;
        let key = format!("{language}/{id}");
        let mut played = self.played.lock().unwrap_or_else(|e| e.into_inner());
        let frames = match played.iter().find(|(k, _)| *k == key) {
            Some((_, f)) => f.clone(),
            None => {
                let frames = std::sync::Arc::new(decode_frames(&clip.webp).ok()?);
                played.push((key, frames.clone()));
                if played.len() > 4 {
                    played.remove(0);
                }
                frames
            }
        };
        frames.get(n).cloned()
    }
}

/// The canvas and frame delays of an animated WebP, from its RIFF chunks (VP8X, ANMF), without
/// decoding a pixel. A still WebP is one frame.
pub fn webp_timing(bytes: &[u8]) -> Result<(u32, u32, Vec<u32>), &'static str> {
    let u24 = |b: &[u8]| u32::from(b[0]) | u32::from(b[1]) << 8 | u32::from(b[2]) << 16;
    if bytes.len() < 12 || &bytes[0..4] != b"RIFF" || &bytes[8..12] != b"WEBP" {
        return Err("not WebP");
    }
    let (mut at, mut canvas, mut delays) = (12usize, None, Vec::new());
    while at + 8 <= bytes.len() {
        let kind = &bytes[at..at + 4];
        let size = u32::from_le_bytes([bytes[at + 4], bytes[at + 5], bytes[at + 6], bytes[at + 7]]) as usize;
        let body = bytes.get(at + 8..at + 8 + size).ok_or("a chunk runs past the end")?;
        match kind {
            b"VP8X" if body.len() >= 10 => canvas = Some((u24(&body[4..7]) + 1, u24(&body[7..10]) + 1)),
            b"ANMF" if body.len() >= 16 => delays.push(u24(&body[12..15]).clamp(20, 5000)),
            _ => {}
        }
        at += 8 + size + (size & 1);
    }
    match (canvas, delays.is_empty()) {
        (Some((w, h)), false) if delays.len() <= 2000 => Ok((w, h, delays)),
        _ => {
            // A still image: one frame, shown for as long as the screen lasts.
            let d = image::codecs::webp::WebPDecoder::new(std::io::Cursor::new(bytes)).map_err(|_| "not WebP")?;
            let (w, h) = image::ImageDecoder::dimensions(&d);
            Ok((w, h, vec![5000]))
        }
    }
}

/// Animated (or still) WebP → PNG frames.
pub fn decode_frames(bytes: &[u8]) -> Result<Vec<Vec<u8>>, &'static str> {
    let decoder = image::codecs::webp::WebPDecoder::new(std::io::Cursor::new(bytes)).map_err(|_| "not WebP")?;
    let frames = decoder.into_frames().collect_frames().map_err(|_| "undecodable")?;
    frames
        .into_iter()
        .map(|f| {
            let mut png = Vec::new();
            f.into_buffer()
                .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
                .map_err(|_| "re-encoding")?;
            Ok(png)
        })
        .collect()
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
        assert_eq!((welcome.width, welcome.height, welcome.frame_count()), (240, 320, 10));
        assert!(welcome.delays_ms.iter().all(|d| *d == 250), "{:?}", welcome.delays_ms);
        let first = image::load_from_memory(&lib.frame("ksl", "screen-welcome", 0).expect("frame 0")).expect("a PNG");
        assert_eq!(first.width(), 240);
        assert!(lib.frame("ksl", "screen-welcome", 10).is_none(), "there are ten frames");
        assert_eq!(
            decode_frames(&welcome.webp).expect("decodes").len(),
            welcome.frame_count(),
            "the container told the truth"
        );

        // A copy of the assets with one clip altered and one missing.
        let dir = tempfile::tempdir().expect("temp dir");
        let sign = dir.path().join("assets/sign/ksl");
        std::fs::create_dir_all(&sign).expect("mkdir");
        std::fs::create_dir_all(dir.path().join("locales/ko")).expect("mkdir");
        std::fs::write(dir.path().join("locales/ko/kiosk.ftl"), "kiosk-start = 시작하기\n").expect("write");
        for f in ["manifest.toml", "screen-welcome.webp", "screen-service.webp"] {
            std::fs::copy(root.join("assets/sign/ksl").join(f), sign.join(f)).expect("copy");
        }
        let mut altered = std::fs::read(sign.join("screen-service.webp")).expect("read");
        let last = altered.len() - 1;
        altered[last] ^= 1;
        std::fs::write(sign.join("screen-service.webp"), altered).expect("write");
        let lib = ClipLibrary::load(dir.path()).expect("loads");
        let ksl = &lib.languages[DEFAULT_SIGN_LANGUAGE];
        assert!(ksl.clips.contains_key("screen-welcome"));
        assert!(!ksl.clips.contains_key("screen-service"));
        assert!(lib.problems.contains(&"ksl/screen-service: checksum mismatch".to_string()), "{:?}", lib.problems);
        assert!(lib.problems.contains(&"ksl/screen-identify: missing".to_string()));
        assert!(webp_timing(b"RIFF....WEBPjunk").is_err());
        assert!(webp_timing(b"RIFX").is_err());
    }
}
