//! Form bundles on the kiosk: verified, stored whole, applied at idle, the last good one kept.
//!
//! A bundle is a complete asset tree laid out like the repository's (`assets/forms/…`,
//! `locales/<lang>/…`, `assets/sign/…`, `assets/voice/…`). An offered bundle is checked
//! ([`Manifest::verify`], then every file), written to `bundles/staging-<v>`, flushed, and renamed
//! to `bundles/<v>`: a crash leaves either the old state or a complete new bundle, never half of
//! one. The engine switches to it only when no visitor is on the kiosk, then records it in
//! `bundles/current`; the previous bundle stays on disk as the last good one, older ones go.
//!
//! A file the kiosk already holds in a stored bundle (the same size and SHA-256, by that bundle's
//! manifest) is not fetched again: staging checks the stored copy against the new manifest and
//! hard-links it, so a form fixed on the hub does not send a province's addresses to 40 kiosks
//! again, nor store them twice.
//!
//! A manifest names its hub and kiosk group, and both must be this kiosk's. A bundle in use that
//! expires is dropped while the kiosk runs: it goes back to the newest stored bundle that has not
//! expired, else its installed assets, and reports `bundle.expired`.

use crate::error::EngineError;
use minwon_core::bundle::{Audience, BundleError, Expect, Manifest};
use minwon_core::Timestamp;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Bundles larger than this are refused from their manifest, before any file is fetched (a
/// province's road-name addresses are some hundreds of megabytes).
pub const MAX_BUNDLE_BYTES: u64 = 2 * 1024 * 1024 * 1024;
/// The hub's `latest` answer (manifest and signature) is read up to this many bytes.
pub const MAX_MANIFEST_BYTES: u64 = 4 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct BundleStore {
    dir: PathBuf,
    keys: Vec<ed25519_dalek::VerifyingKey>,
    /// The pin of this kiosk's hub, and its group: a manifest must name both.
    hub: String,
    group: String,
    max_bytes: u64,
}

/// The expiry a stored bundle's manifest gives (it was verified when stored).
fn expiry_of(root: &Path) -> Option<u64> {
    #[derive(serde::Deserialize)]
    struct Expiry {
        expires: u64,
    }
    let text = std::fs::read_to_string(root.join("manifest.toml")).ok()?;
    toml::from_str::<Expiry>(&text).ok().map(|e| e.expires)
}

fn io(e: std::io::Error) -> EngineError {
    EngineError::Assets(format!("bundle store: {}", e.kind()))
}

/// Whether the file at `path` has `f`'s size and SHA-256 (read in pieces: it may be large).
fn same_file(path: &Path, f: &minwon_core::bundle::BundleFile) -> bool {
    use sha2::{Digest, Sha256};
    use std::io::Read;
    let Ok(mut file) = std::fs::File::open(path) else { return false };
    let (mut hash, mut size, mut buf) = (Sha256::new(), 0u64, vec![0u8; 1 << 16]);
    loop {
        match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                hash.update(&buf[..n]);
                size += n as u64;
            }
            Err(_) => return false,
        }
    }
    let sum: String = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
    size == f.size && sum.eq_ignore_ascii_case(&f.sha256)
}

/// Writes a file and flushes it to disk.
fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut f = std::fs::File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

impl BundleStore {
    /// `dir`: the kiosk's `bundles` folder; `keys`: the pinned admin keys (hex); `hub` and
    /// `group`: the hub's certificate pin and this kiosk's group, from its enrolment.
    pub fn new(dir: PathBuf, keys: &[String], hub: &str, group: &str) -> BundleStore {
        let keys = keys.iter().filter_map(|k| minwon_core::bundle::admin_key(k)).collect();
        BundleStore { dir, keys, hub: hub.to_owned(), group: group.to_owned(), max_bytes: MAX_BUNDLE_BYTES }
    }

    fn expect(&self, now: Timestamp) -> Expect<'_> {
        Expect {
            keys: &self.keys,
            audience: Audience { hub: &self.hub, group: &self.group },
            applied: self.current(),
            now,
            max_bytes: self.max_bytes,
        }
    }

    /// Whether a stored bundle has expired at `now` (one whose manifest cannot be read counts as
    /// expired: it is not used).
    pub fn expired(&self, version: u64, now: Timestamp) -> bool {
        expiry_of(&self.root(version)).is_none_or(|e| now.0 >= e)
    }

    pub fn with_limit(mut self, max_bytes: u64) -> BundleStore {
        self.max_bytes = max_bytes;
        self
    }

    /// The version applied last (from `bundles/current`), if any.
    pub fn current(&self) -> Option<u64> {
        std::fs::read_to_string(self.dir.join("current")).ok()?.trim().parse().ok()
    }

    /// The asset root of a stored bundle.
    pub fn root(&self, version: u64) -> PathBuf {
        self.dir.join(version.to_string())
    }

    /// Checks an offered manifest alone (before any file is fetched: a bundle too large, unsigned,
    /// old or expired costs no download).
    pub fn precheck(&self, manifest: &[u8], signature: &str, now: Timestamp) -> Result<Manifest, StageError> {
        Ok(Manifest::verify(manifest, signature, &self.expect(now))?)
    }

    /// Checks an offered bundle and stores it whole; returns its version. Nothing is applied yet.
    /// A listed file not in `files` is taken from a stored bundle that has it (checked again
    /// here against the new manifest); one no stored bundle has refuses the bundle.
    pub fn stage(
        &self,
        manifest: &[u8],
        signature: &str,
        files: &[(String, Vec<u8>)],
        now: Timestamp,
    ) -> Result<u64, StageError> {
        let m = Manifest::verify(manifest, signature, &self.expect(now))?;
        let given: std::collections::BTreeMap<&str, &[u8]> =
            files.iter().map(|(p, b)| (p.as_str(), b.as_slice())).collect();
        enum From<'a> {
            Given(&'a [u8]),
            Stored(PathBuf),
        }
        let mut plan = Vec::with_capacity(m.files.len());
        for (path, bytes) in &given {
            m.check_file(path, bytes)?;
        }
        for f in &m.files {
            match given.get(f.path.as_str()) {
                Some(bytes) => plan.push((f.path.as_str(), From::Given(bytes))),
                None => {
                    let stored = self.stored_copy(f).ok_or(BundleError::MissingFile)?;
                    if !same_file(&stored, f) {
                        return Err(BundleError::FileMismatch.into());
                    }
                    plan.push((f.path.as_str(), From::Stored(stored)));
                }
            }
        }
        let staging = self.dir.join(format!("staging-{}", m.version));
        let _ = std::fs::remove_dir_all(&staging);
        let store = |e: std::io::Error| StageError::Store(io(e));
        for (path, from) in plan {
            let target = staging.join(path);
            match from {
                From::Given(bytes) => write_synced(&target, bytes).map_err(store)?,
                From::Stored(source) => {
                    std::fs::create_dir_all(target.parent().unwrap_or(&staging)).map_err(store)?;
                    if std::fs::hard_link(&source, &target).is_err() {
                        std::fs::copy(&source, &target).map_err(store)?;
                    }
                }
            }
        }
        write_synced(&staging.join("manifest.toml"), manifest).map_err(store)?;
        write_synced(&staging.join("manifest.sig"), signature.as_bytes()).map_err(store)?;
        let target = self.root(m.version);
        let _ = std::fs::remove_dir_all(&target);
        std::fs::rename(&staging, &target).map_err(store)?;
        Ok(m.version)
    }

    /// A stored bundle's file of `f`'s size and SHA-256, by the stored bundles' manifests (they
    /// were verified when stored; [`BundleStore::stage`] hashes the file again before using it).
    pub fn stored_copy(&self, f: &minwon_core::bundle::BundleFile) -> Option<PathBuf> {
        #[derive(serde::Deserialize)]
        struct Listed {
            #[serde(default, rename = "file")]
            files: Vec<minwon_core::bundle::BundleFile>,
        }
        self.stored().into_iter().find_map(|v| {
            let root = self.root(v);
            let text = std::fs::read_to_string(root.join("manifest.toml")).ok()?;
            let listed: Listed = toml::from_str(&text).ok()?;
            let same =
                listed.files.into_iter().find(|g| g.size == f.size && g.sha256.eq_ignore_ascii_case(&f.sha256))?;
            let path = minwon_core::paths::plain_relative(&same.path)?;
            Some(root.join(path)).filter(|p| p.is_file())
        })
    }

    /// Records `version` as applied and removes bundles older than the previous one.
    pub fn mark_applied(&self, version: u64) -> Result<(), EngineError> {
        let previous = self.current();
        write_synced(&self.dir.join("current.tmp"), version.to_string().as_bytes()).map_err(io)?;
        std::fs::rename(self.dir.join("current.tmp"), self.dir.join("current")).map_err(io)?;
        let keep = [Some(version), previous];
        for entry in std::fs::read_dir(&self.dir).map_err(io)?.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Ok(v) = name.parse::<u64>() {
                if !keep.contains(&Some(v)) && v < version {
                    let _ = std::fs::remove_dir_all(entry.path());
                }
            }
        }
        Ok(())
    }

    /// The stored versions, newest first (the current one, then the last good one).
    pub fn stored(&self) -> Vec<u64> {
        let mut v: Vec<u64> = std::fs::read_dir(&self.dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| e.file_name().to_string_lossy().parse().ok())
            .collect();
        v.sort_unstable_by(|a, b| b.cmp(a));
        v
    }
}

/// A bundle fetched from the hub, its manifest already checked; [`BundleStore::stage`] checks the
/// files (those fetched, and those it takes from stored bundles).
#[derive(Debug, Clone)]
pub struct Fetched {
    pub version: u64,
    pub manifest: String,
    pub signature: String,
    pub files: Vec<(String, Vec<u8>)>,
}

/// Why fetching failed: the hub's manifest was refused (with the version it claimed, and whether
/// its signature verified: an unsigned claim says nothing about any version), or the network
/// failed (a `sync.*` code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    Refused { version: u64, signed: bool, code: &'static str },
    Network(&'static str),
}

/// Fetches the newest bundle the hub offers above the stored `current`: the manifest first,
/// refused there if it must be (signature, version, expiry, size: no file is fetched), then each
/// file no stored bundle holds, no larger than the manifest says. What kiosks and mirrors both do.
pub fn fetch(
    link: &crate::delivery::HubLink,
    store: &BundleStore,
    now: Timestamp,
) -> Result<Option<Fetched>, FetchError> {
    let Some(o) = link.latest(store.current()).map_err(FetchError::Network)? else { return Ok(None) };
    let manifest = store.precheck(o.manifest.as_bytes(), &o.signature, now).map_err(|e| FetchError::Refused {
        version: o.version,
        signed: e.signed(),
        code: e.code(),
    })?;
    let mut files = Vec::with_capacity(manifest.files.len());
    for f in manifest.files.iter().filter(|f| store.stored_copy(f).is_none()) {
        files.push((f.path.clone(), link.file(o.version, &f.path, f.size).map_err(FetchError::Network)?));
    }
    Ok(Some(Fetched { version: o.version, manifest: o.manifest, signature: o.signature, files }))
}

/// Why an offered bundle was not stored.
#[derive(Debug, thiserror::Error)]
pub enum StageError {
    #[error("{0}")]
    Refused(#[from] BundleError),
    #[error("{0}")]
    Store(EngineError),
}

impl StageError {
    /// Whether the manifest's signature verified (see [`BundleError::signed`]).
    pub fn signed(&self) -> bool {
        match self {
            StageError::Refused(e) => e.signed(),
            StageError::Store(_) => true,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            StageError::Refused(e) => e.code(),
            StageError::Store(e) => e.code(),
        }
    }
}
