//! The hub's two secrets, each in a file readable by the hub's user only: the agency key that
//! opens submissions (X25519, HPKE) and the key that signs form bundles (Ed25519).
//!
//! Kiosks pin the public halves when they are enrolled (see `fleet.rs`).

use crate::error::HubError;
use ed25519_dalek::SigningKey;
use minwon_core::sealed::AgencyKey;
use std::io::Write;
use std::path::Path;

/// Creates the hub's data folder (mode 0700: only the hub's user enters it) or narrows an existing
/// one to that.
pub(crate) fn private_dir(dir: &Path) -> Result<(), HubError> {
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Creates `dir` and its missing parents mode 0700, whatever the umask lets through (the hub's
/// folders are its user's alone, inside its data folder or not).
pub(crate) fn create_private_dirs(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)
    }
    #[cfg(not(unix))]
    std::fs::create_dir_all(dir)
}

/// Narrows an existing file to mode 0600 (a database or key written by an older hub).
pub(crate) fn private_file(path: &Path) -> Result<(), HubError> {
    #[cfg(unix)]
    if path.exists() {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}

/// Creates a file with mode 0600 and `bytes`, flushed; fails if it exists.
pub(crate) fn write_private(path: &Path, bytes: &[u8]) -> Result<(), HubError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    Ok(())
}

fn load_or_create(path: &Path) -> Result<[u8; 32], HubError> {
    match std::fs::read(path) {
        Ok(bytes) => bytes.as_slice().try_into().map_err(|_| HubError::KeyFile),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut key = [0u8; 32];
            getrandom::getrandom(&mut key).map_err(|_| HubError::KeyFile)?;
            write_private(path, &key)?;
            Ok(key)
        }
        Err(e) => Err(e.into()),
    }
}

/// The agency key (`agency.key`), created on the hub's first start.
pub fn agency_key(data_dir: &Path) -> Result<AgencyKey, HubError> {
    let bytes = load_or_create(&data_dir.join("agency.key"))?;
    AgencyKey::from_bytes(&bytes).map_err(|_| HubError::KeyFile)
}

/// The bundle-signing key (`signing.key`), created on the hub's first start.
pub fn signing_key(data_dir: &Path) -> Result<SigningKey, HubError> {
    Ok(SigningKey::from_bytes(&load_or_create(&data_dir.join("signing.key"))?))
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_created_once_private_and_stable() {
        let dir = tempfile::tempdir().expect("temp dir");
        let a = agency_key(dir.path()).expect("created");
        let b = agency_key(dir.path()).expect("loaded");
        assert_eq!(a.public(), b.public());
        let s1 = signing_key(dir.path()).expect("created");
        let s2 = signing_key(dir.path()).expect("loaded");
        assert_eq!(s1.verifying_key(), s2.verifying_key());
        #[cfg(unix)]
        for f in ["agency.key", "signing.key"] {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(f)).expect("exists").permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{f}");
        }
        std::fs::write(dir.path().join("agency.key"), b"short").expect("writes");
        assert_eq!(agency_key(dir.path()).map(|_| ()).map_err(|e| e.code()), Err("hub.key-file"));
    }
}
