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
    /// The tree's address sets, by name, and whether each is a sample.
    pub(super) address_sets: Vec<(String, bool)>,
}

impl Assets {
    pub(super) fn load(root: &std::path::Path) -> Result<Assets, EngineError> {
        let tree = assets::read_tree(root)?;
        for p in tree.left_out.iter().filter(|p| !p.code.starts_with("clip.")) {
            eprintln!("minwon-engine: asset left out: {p}");
        }
        let l10n = tree.localizer(&assets::KIOSK_SURFACES);
        let text_ids = tree.message_ids(Locale::FALLBACK, &["kiosk", "errors"]);
        let message_ids = tree.message_ids(Locale::FALLBACK, &assets::KIOSK_SURFACES);
        let clips = ClipLibrary::from_tree(&tree);
        let address_sets = tree.addresses.iter().map(|(name, s)| (name.clone(), s.manifest.sample)).collect();
        Ok(Assets { catalog: tree.catalog, l10n, text_ids, message_ids, clips, address_sets })
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

/// The address book of the tree at `root`, built again when its sets changed. One that cannot be
/// built leaves the kiosk without address search (the visitor types the address), never stopped.
pub(super) fn open_address_book(
    index: &std::path::Path,
    root: &std::path::Path,
    sets: &[(String, bool)],
) -> Option<(crate::address::AddressBook, bool)> {
    let sample = sets.iter().any(|(_, s)| *s);
    match crate::address::AddressBook::for_tree(index, root, sets) {
        Ok(book) => book.map(|b| (b, sample)),
        Err(e) => {
            eprintln!("minwon-engine: address book not built: {}", e.code());
            None
        }
    }
}
