//! What the kiosk loads when it opens or switches bundles: an asset tree's forms, texts and clips,
//! and the CSCAs it trusts.

use super::*;

/// Everything the kiosk loads from an asset root.
pub(super) struct Assets {
    pub(super) catalog: Catalog,
    pub(super) l10n: Localizer,
    pub(super) text_ids: Vec<String>,
    pub(super) message_ids: Vec<String>,
    pub(super) clips: ClipLibrary,
}

impl Assets {
    pub(super) fn load(root: &std::path::Path) -> Result<Assets, EngineError> {
        let catalog = assets::load_catalog(root)?;
        let l10n = assets::load_localizer(root)?;
        let mut text_ids = vec![];
        let mut message_ids = vec![];
        for (locale, file, text) in assets::read_messages(root, &assets::KIOSK_SURFACES)? {
            if locale == Locale::FALLBACK {
                let ids = minwon_core::i18n::ids_in(&text)?;
                if file == "kiosk.ftl" || file == "errors.ftl" {
                    text_ids.extend(ids.iter().cloned());
                }
                message_ids.extend(ids);
            }
        }
        let clips = ClipLibrary::load(root)?;
        Ok(Assets { catalog, l10n, text_ids, message_ids, clips })
    }
}

/// Loads CSCA certificates (`.der`, `.cer`, `.crt` in DER) and master lists (`.ml`, or anything else in CMS).
pub(super) fn load_trust(files: &[PathBuf]) -> Result<minwon_hardware::card::pa::TrustStore, EngineError> {
    let mut store = minwon_hardware::card::pa::TrustStore::default();
    for f in files {
        let bytes = std::fs::read(f).map_err(|e| EngineError::Assets(format!("{}: {e}", f.display())))?;
        store.add_file(&bytes).map_err(|reason| EngineError::Assets(format!("{}: {reason}", f.display())))?;
    }
    Ok(store)
}
