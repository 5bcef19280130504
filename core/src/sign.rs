//! Sign-language manifests: for one sign language, which clip file signs which guidance moment.
//!
//! A manifest (`assets/sign/<language>/manifest.toml`) names the sign language and lists
//! clips by clip id (a form step's `sign`, or `screen-<name>`), each with its file and the
//! file's SHA-256, so a clip damaged in transit or swapped on disk is refused, not played.
//! Admins supply the clips; `sample = true` marks stand-ins that are not sign language.

use crate::error::CoreError;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClipEntry {
    pub id: String,
    /// A file name in the manifest's folder (no folders, no `..`).
    pub file: String,
    /// Lowercase hex SHA-256 of the file.
    pub sha256: String,
    #[serde(default)]
    pub sample: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct ManifestFile {
    language: String,
    name: String,
    #[serde(default)]
    clip: Vec<ClipEntry>,
}

/// One sign language's clips, by clip id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignManifest {
    /// A short code, e.g. `ksl` (Korean Sign Language).
    pub language: String,
    /// Its name in that country's language, e.g. 한국수어.
    pub name: String,
    pub clips: BTreeMap<String, ClipEntry>,
}

impl SignManifest {
    /// Parses and checks a manifest; `file` names it in errors.
    pub fn parse(file: &str, source: &str) -> Result<SignManifest, CoreError> {
        let bad = |reason: String| CoreError::SignManifest { file: file.to_owned(), reason };
        let m: ManifestFile = toml::from_str(source).map_err(|e| bad(e.message().to_owned()))?;
        let plain = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !plain(&m.language) {
            return Err(bad(format!("language {:?} is not a plain code", m.language)));
        }
        let mut clips = BTreeMap::new();
        for c in m.clip {
            let file_ok = c.file.split_once('.').is_some_and(|(stem, ext)| plain(stem) && plain(ext));
            if !plain(&c.id) || !file_ok {
                return Err(bad(format!("clip {:?}: a plain id and a plain file name in this folder", c.id)));
            }
            if c.sha256.len() != 64 || !c.sha256.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
                return Err(bad(format!("clip {}: sha256 must be 64 lowercase hex digits", c.id)));
            }
            if let Some(old) = clips.insert(c.id.clone(), c) {
                return Err(bad(format!("clip {} is listed twice", old.id)));
            }
        }
        Ok(SignManifest { language: m.language, name: m.name, clips })
    }

    /// The manifest as TOML (what the hub writes after an admin adds a clip).
    pub fn render(&self) -> String {
        // A JSON string is a valid TOML basic string (same escapes).
        let q = |s: &str| serde_json::Value::String(s.to_owned()).to_string();
        let mut out = format!("language = {}\nname = {}\n", q(&self.language), q(&self.name));
        for c in self.clips.values() {
            out.push_str(&format!("\n[[clip]]\nid = {}\nfile = {}\nsha256 = {}\n", q(&c.id), q(&c.file), q(&c.sha256)));
            if c.sample {
                out.push_str("sample = true\n");
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUM: &str = "1e0f7673cbd1bf595a7bed0d4a2873f242bb678eee094899bc6a7aed57e1be50";

    #[test]
    fn parses_a_manifest_and_refuses_unsafe_or_broken_entries() {
        let ok = format!(
            "language = \"ksl\"\nname = \"한국수어\"\n[[clip]]\nid = \"screen-welcome\"\nfile = \"w.webp\"\nsha256 = \"{SUM}\"\nsample = true\n"
        );
        let m = SignManifest::parse("m.toml", &ok).expect("parses");
        assert_eq!((m.language.as_str(), m.name.as_str(), m.clips.len()), ("ksl", "한국수어", 1));
        assert!(m.clips["screen-welcome"].sample);
        assert_eq!(SignManifest::parse("again.toml", &m.render()).expect("round trip"), m);
        for (what, bad) in [
            ("path", ok.replace("w.webp", "../w.webp")),
            ("folder", ok.replace("w.webp", "a/w.webp")),
            ("short sum", ok.replace(SUM, "abc")),
            ("upper-case sum", ok.replace(SUM, &SUM.to_uppercase())),
            ("unknown key", ok.replace("sample = true", "loop = true")),
            ("twice", format!("{ok}[[clip]]\nid = \"screen-welcome\"\nfile = \"x.webp\"\nsha256 = \"{SUM}\"\n")),
            ("language", ok.replace("\"ksl\"", "\"k s l\"")),
        ] {
            let e = SignManifest::parse("m.toml", &bad).expect_err(what);
            assert_eq!(e.code(), "sign.manifest", "{what}");
        }
    }
}
