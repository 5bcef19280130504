//! Reading an asset tree from disk (the installed `assets/` and `locales/`, or a bundle's copy) and
//! checking it with core's one check ([`minwon_core::tree::AssetTree`]), for the kiosk, the
//! coverage report and the mirror.

use crate::error::EngineError;
use minwon_core::tree::{AssetTree, TreeFiles};
use minwon_core::{Catalog, Localizer};
use std::path::{Path, PathBuf};

pub use minwon_core::tree::KIOSK_SURFACES;

/// Where `assets/` and `locales/` are: `MINWON_ASSETS` if set; else the installed package's copy
/// beside the binary (`/usr/bin/minwon-kiosk` → `/usr/share/minwon-kiosk`); else the
/// repository's own, found at build time.
pub fn default_root() -> PathBuf {
    std::env::var_os("MINWON_ASSETS")
        .map(PathBuf::from)
        .or_else(installed_share)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
}

/// `<prefix>/share/<program>` for the running `<prefix>/bin/<program>`, when it holds `assets/`
/// (a Debian package installs it there).
pub fn installed_share() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let share = exe.parent()?.parent()?.join("share").join(exe.file_name()?);
    share.join("assets").is_dir().then_some(share)
}

/// Every file under `root`'s `assets/` and `locales/`, by its path in the tree. A name a tree
/// cannot hold (hidden, `..`, odd characters) is refused by name, not skipped.
pub fn read_files(root: &Path) -> Result<TreeFiles, EngineError> {
    fn walk(root: &Path, dir: &Path, out: &mut TreeFiles) -> Result<(), EngineError> {
        let bad = |p: &Path, e: std::io::Error| EngineError::Assets(format!("{}: {}", p.display(), e.kind()));
        for entry in std::fs::read_dir(dir).map_err(|e| bad(dir, e))? {
            let path = entry.map_err(|e| bad(dir, e))?.path();
            if path.is_dir() {
                walk(root, &path, out)?;
                continue;
            }
            let rel = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            if !minwon_core::bundle::is_bundle_path(&rel) {
                return Err(EngineError::Assets(format!("{rel}: not a name an asset tree may hold")));
            }
            out.insert(rel, std::fs::read(&path).map_err(|e| bad(&path, e))?);
        }
        Ok(())
    }
    let mut files = TreeFiles::new();
    for top in ["assets", "locales"] {
        if root.join(top).is_dir() {
            walk(root, &root.join(top), &mut files)?;
        }
    }
    Ok(files)
}

/// Reads and checks the tree under `root`. What refuses it is listed, located, in the error;
/// what is only left out (a damaged clip, a text missing in Korean) is in `left_out`.
pub fn read_tree(root: &Path) -> Result<AssetTree, EngineError> {
    AssetTree::read(&read_files(root)?).map_err(|problems| {
        let listed: Vec<String> = problems.iter().map(ToString::to_string).collect();
        EngineError::Assets(listed.join("; "))
    })
}

/// The forms of the tree under `root`, in file-name order.
pub fn load_catalog(root: &Path) -> Result<Catalog, EngineError> {
    Ok(read_tree(root)?.catalog)
}

/// The kiosk's texts of the tree under `root`.
pub fn load_localizer(root: &Path) -> Result<Localizer, EngineError> {
    Ok(read_tree(root)?.localizer(&KIOSK_SURFACES))
}
