//! Sealing submissions before they touch the disk.
//!
//! A kiosk paired with a hub seals to the hub's public key ([`HubPublicKey`], HPKE): it cannot
//! open its own outbox, so a stolen kiosk reveals nothing. A kiosk without a hub (development,
//! a demo without the network) seals with XChaCha20-Poly1305 under a key kept beside the outbox,
//! readable by its user only. Either way the submission id is the associated data: a sealed
//! payload cannot be moved to another row.

use crate::error::EngineError;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use minwon_core::sealed::{Binding, HubPublicKey};
use std::io::Write;
use std::path::Path;

/// How this kiosk seals what it stores.
#[derive(Debug)]
pub enum Sealer {
    /// To the hub's public key: only the hub opens it.
    Hub(HubPublicKey),
    /// With a key on this kiosk (no hub configured).
    Local(SealKey),
}

impl From<SealKey> for Sealer {
    fn from(k: SealKey) -> Sealer {
        Sealer::Local(k)
    }
}

impl From<HubPublicKey> for Sealer {
    fn from(k: HubPublicKey) -> Sealer {
        Sealer::Hub(k)
    }
}

impl Sealer {
    /// Seals for the hub bound to id, form and receipt; the local key binds the id (it never
    /// leaves this kiosk: a kiosk enrolled later seals again for the hub).
    pub fn seal(&self, binding: &Binding<'_>, plaintext: &[u8]) -> Result<Vec<u8>, EngineError> {
        match self {
            Sealer::Hub(k) => k.seal(binding, plaintext, &mut rand_core::OsRng).map_err(|_| EngineError::Seal),
            Sealer::Local(k) => k.seal(binding.id, plaintext),
        }
    }

    /// Opens a payload this kiosk sealed; a kiosk sealing to the hub cannot (by design).
    pub fn open(&self, binding: &Binding<'_>, sealed: &[u8]) -> Result<Vec<u8>, EngineError> {
        match self {
            Sealer::Hub(_) => Err(EngineError::Seal),
            Sealer::Local(k) => k.open(binding.id, sealed),
        }
    }
}

const FORMAT: u8 = 1;
const NONCE: usize = 24;

pub struct SealKey {
    cipher: XChaCha20Poly1305,
}

impl std::fmt::Debug for SealKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SealKey(..)")
    }
}

impl SealKey {
    pub fn from_bytes(key: &[u8; 32]) -> Self {
        SealKey { cipher: XChaCha20Poly1305::new(key.into()) }
    }

    /// Loads the key at `path`, creating it (mode 0600) on first start.
    pub fn load_or_create(path: &Path) -> Result<SealKey, EngineError> {
        match std::fs::read(path) {
            Ok(bytes) => {
                let key: [u8; 32] = bytes.as_slice().try_into().map_err(|_| {
                    EngineError::Key(std::io::Error::new(std::io::ErrorKind::InvalidData, "key file is not 32 bytes"))
                })?;
                Ok(SealKey::from_bytes(&key))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let mut key = [0u8; 32];
                getrandom::getrandom(&mut key).map_err(|_| EngineError::Seal)?;
                let mut options = std::fs::OpenOptions::new();
                options.write(true).create_new(true);
                #[cfg(unix)]
                std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
                let mut file = options.open(path).map_err(EngineError::Key)?;
                file.write_all(&key).map_err(EngineError::Key)?;
                file.sync_all().map_err(EngineError::Key)?;
                Ok(SealKey::from_bytes(&key))
            }
            Err(e) => Err(EngineError::Key(e)),
        }
    }

    pub fn seal(&self, id: &str, plaintext: &[u8]) -> Result<Vec<u8>, EngineError> {
        let mut nonce = [0u8; NONCE];
        getrandom::getrandom(&mut nonce).map_err(|_| EngineError::Seal)?;
        let ct = self
            .cipher
            .encrypt(XNonce::from_slice(&nonce), Payload { msg: plaintext, aad: id.as_bytes() })
            .map_err(|_| EngineError::Seal)?;
        let mut out = Vec::with_capacity(1 + NONCE + ct.len());
        out.push(FORMAT);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&ct);
        Ok(out)
    }

    pub fn open(&self, id: &str, sealed: &[u8]) -> Result<Vec<u8>, EngineError> {
        if sealed.len() < 1 + NONCE || sealed[0] != FORMAT {
            return Err(EngineError::Seal);
        }
        let (nonce, ct) = sealed[1..].split_at(NONCE);
        self.cipher
            .decrypt(XNonce::from_slice(nonce), Payload { msg: ct, aad: id.as_bytes() })
            .map_err(|_| EngineError::Seal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_binds_the_id() {
        let key = SealKey::from_bytes(&[7; 32]);
        let sealed = key.seal("sub-1", "홍길동".as_bytes()).expect("seals");
        assert!(!sealed.windows(3).any(|w| w == &"홍".as_bytes()[..3]), "no plain text inside");
        assert_eq!(key.open("sub-1", &sealed).expect("opens"), "홍길동".as_bytes());
        assert!(key.open("sub-2", &sealed).is_err(), "moved to another row, it does not open");
        let mut bent = sealed.clone();
        *bent.last_mut().expect("not empty") ^= 1;
        assert!(key.open("sub-1", &bent).is_err(), "a flipped bit is caught");
    }

    #[test]
    fn creates_a_private_key_file_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("outbox.key");
        let a = SealKey::load_or_create(&path).expect("created");
        let b = SealKey::load_or_create(&path).expect("loaded");
        let sealed = a.seal("x", b"data").expect("seals");
        assert_eq!(b.open("x", &sealed).expect("same key"), b"data");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("exists").permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
    }
}
