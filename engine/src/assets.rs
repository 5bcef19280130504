//! Loading the bundled forms and message files from disk.
//!
//! Forms are `assets/forms/*.toml`, offered in file-name order (so
//! `10-passport-reissue.toml` comes before `20-lost-item-report.toml`).
//! Messages are `locales/<tag>/<surface>.ftl`.

use crate::error::EngineError;
use minwon_core::{Catalog, Locale, Localizer};
use std::path::{Path, PathBuf};

/// The surfaces whose messages the kiosk loads.
pub const KIOSK_SURFACES: [&str; 4] = ["kiosk", "forms", "errors", "guide"];

/// The repository's own `assets/` and `locales/`, found at build time; a
/// deployment points `MINWON_ASSETS` at its copy.
pub fn default_root() -> PathBuf {
    std::env::var_os("MINWON_ASSETS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
}

pub fn load_catalog(root: &Path) -> Result<Catalog, EngineError> {
    let dir = root.join("assets/forms");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| EngineError::Assets(format!("{}: {e}", dir.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut sources = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).map_err(|e| EngineError::Assets(format!("{}: {e}", f.display())))?;
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        sources.push((name, text));
    }
    Ok(Catalog::from_sources(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))?)
}

/// The mirror's guidance topics, `assets/topics/*.toml` in file-name order (none: empty).
pub fn load_topics(root: &Path) -> Result<Vec<minwon_core::topic::Topic>, EngineError> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("assets/topics"))
        .map(|d| d.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "toml")).collect())
        .unwrap_or_default();
    files.sort();
    let mut sources = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).map_err(|e| EngineError::Assets(format!("{}: {e}", f.display())))?;
        sources.push((f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(), text));
    }
    Ok(minwon_core::topic::parse_topics(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))?)
}

/// Reads `locales/<tag>/<surface>.ftl` for every locale and surface that exists.
pub fn read_messages(root: &Path, surfaces: &[&str]) -> Result<Vec<(Locale, String, String)>, EngineError> {
    let mut out = Vec::new();
    for locale in Locale::ALL {
        for surface in surfaces {
            let path = root.join("locales").join(locale.tag()).join(format!("{surface}.ftl"));
            match std::fs::read_to_string(&path) {
                Ok(text) => out.push((locale, format!("{surface}.ftl"), text)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(EngineError::Assets(format!("{}: {e}", path.display()))),
            }
        }
    }
    Ok(out)
}

pub fn load_localizer(root: &Path) -> Result<Localizer, EngineError> {
    let messages = read_messages(root, &KIOSK_SURFACES)?;
    Ok(Localizer::new(messages.iter().map(|(l, f, t)| (*l, f.as_str(), t.as_str())))?)
}
