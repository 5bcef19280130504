//! Form bundles: what a hub publishes (forms, Fluent overrides, voice prompts, sign clips) and the
//! checks a kiosk makes before applying one. No IO: the caller hands in bytes and the time.
//!
//! A bundle is a `manifest.toml` signed with Ed25519 (`manifest.sig`: the 64-byte signature over
//! the manifest's exact bytes, in hex) and the files it lists, each with its size and SHA-256.
//! A kiosk pins the admins' public keys and accepts a manifest only when a pinned key signed it,
//! it names the kiosk's hub (the pin of the hub's certificate) and the kiosk's group (or `all`),
//! its version is higher than the one applied, it is not expired (nor dated in the future), its
//! files are within the size limit and have safe relative paths; then each file must match its
//! hash before anything is applied. Every refusal has a stable code the kiosk reports. A bundle
//! validly signed for another group or another hub is refused, so it cannot be replayed.

use crate::time::Timestamp;
use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// Why a bundle (or one of its files) is refused. Codes are stable; none carries personal data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BundleError {
    #[error("the manifest is not valid TOML or misses a field")]
    Malformed,
    #[error("no pinned admin key signed this manifest")]
    Signature,
    #[error("version {offered} is not newer than the applied {applied}")]
    NotNewer { offered: u64, applied: u64 },
    #[error("the manifest expired")]
    Expired,
    #[error("the manifest is dated in the future")]
    NotYetValid,
    #[error("the bundle is larger than the limit")]
    TooLarge,
    #[error("a file path is not a plain relative path")]
    UnsafePath,
    #[error("a listed file is missing")]
    MissingFile,
    #[error("a file does not match its hash or size")]
    FileMismatch,
    #[error("a file is not listed in the manifest")]
    UnlistedFile,
    #[error("the bundle was published by another hub")]
    OtherHub,
    #[error("the bundle was published for another group of kiosks")]
    OtherGroup,
}

impl BundleError {
    pub fn code(&self) -> &'static str {
        match self {
            BundleError::Malformed => "bundle.malformed",
            BundleError::Signature => "bundle.signature",
            BundleError::NotNewer { .. } => "bundle.not-newer",
            BundleError::Expired => "bundle.expired",
            BundleError::NotYetValid => "bundle.not-yet-valid",
            BundleError::TooLarge => "bundle.too-large",
            BundleError::UnsafePath => "bundle.unsafe-path",
            BundleError::MissingFile => "bundle.missing-file",
            BundleError::FileMismatch => "bundle.file-mismatch",
            BundleError::UnlistedFile => "bundle.unlisted-file",
            BundleError::OtherHub => "bundle.other-hub",
            BundleError::OtherGroup => "bundle.other-group",
        }
    }

    /// Whether the manifest's signature verified before this refusal (a refusal of an unsigned
    /// manifest says nothing about the version it claims, and must not stop later checks).
    pub fn signed(&self) -> bool {
        !matches!(self, BundleError::Signature)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleFile {
    /// Relative, `/`-separated: `forms/10-passport.toml`, `locales/ko/forms.ftl`, `sign/ksl/x.webp`.
    pub path: String,
    pub size: u64,
    /// Lowercase hex SHA-256.
    pub sha256: String,
}

/// A verified manifest.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub version: u64,
    /// Milliseconds since the Unix epoch.
    pub created: u64,
    pub expires: u64,
    /// The publishing hub: the pin of its TLS certificate (`pin.rs`).
    pub hub: String,
    /// The kiosk group it was published to, or `all`.
    pub group: String,
    #[serde(default, rename = "file")]
    pub files: Vec<BundleFile>,
}

fn hex32(s: &str) -> Option<[u8; 32]> {
    let bytes = hex(s)?;
    bytes.try_into().ok()
}

fn hex(s: &str) -> Option<Vec<u8>> {
    let s = s.trim();
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok()).collect()
}

/// An admin public key as the kiosk pins it: 64 hex digits.
pub fn admin_key(hex_key: &str) -> Option<VerifyingKey> {
    VerifyingKey::from_bytes(&hex32(hex_key)?).ok()
}

fn plain_path(p: &str) -> bool {
    crate::paths::plain_relative(p).is_some()
}

/// Who a bundle is for: the hub that publishes it (its certificate pin) and a kiosk group (`all`:
/// every kiosk of that hub).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Audience<'a> {
    pub hub: &'a str,
    pub group: &'a str,
}

/// What a kiosk holds a manifest against.
#[derive(Debug, Clone, Copy)]
pub struct Expect<'a> {
    /// The pinned admin keys.
    pub keys: &'a [VerifyingKey],
    /// This kiosk's hub and group.
    pub audience: Audience<'a>,
    /// The version applied now.
    pub applied: Option<u64>,
    pub now: Timestamp,
    pub max_bytes: u64,
}

fn plain_name(s: &str) -> bool {
    !s.is_empty() && s.len() <= 64 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Writes the manifest of a bundle holding `files` (what a hub signs with [`sign`]).
pub fn render_manifest<'a>(
    version: u64,
    created: u64,
    expires: u64,
    audience: Audience<'_>,
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> String {
    debug_assert!(plain_name(audience.hub) && plain_name(audience.group), "names need no TOML escaping");
    let mut m = format!(
        "version = {version}\ncreated = {created}\nexpires = {expires}\nhub = \"{}\"\ngroup = \"{}\"\n",
        audience.hub, audience.group
    );
    for (path, bytes) in files {
        let sum: String = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
        m.push_str(&format!("\n[[file]]\npath = \"{path}\"\nsize = {}\nsha256 = \"{sum}\"\n", bytes.len()));
    }
    m
}

/// Signs a manifest's exact bytes: the hex signature a kiosk checks against its pinned keys.
pub fn sign(key: &ed25519_dalek::SigningKey, manifest: &[u8]) -> String {
    use ed25519_dalek::Signer;
    key.sign(manifest).to_bytes().iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `p` is a path a bundle may hold (relative, no `..`, plain characters).
pub fn is_bundle_path(p: &str) -> bool {
    plain_path(p)
}

impl Manifest {
    /// Checks a manifest against the pinned keys, the kiosk's hub and group, the applied version,
    /// the time and the size limit.
    pub fn verify(manifest: &[u8], signature_hex: &str, expect: &Expect<'_>) -> Result<Manifest, BundleError> {
        let Expect { keys, audience, applied, now, max_bytes } = *expect;
        let sig = hex(signature_hex)
            .and_then(|b| <[u8; 64]>::try_from(b).ok())
            .map(|b| Signature::from_bytes(&b))
            .ok_or(BundleError::Signature)?;
        if !keys.iter().any(|k| k.verify(manifest, &sig).is_ok()) {
            return Err(BundleError::Signature);
        }
        let text = std::str::from_utf8(manifest).map_err(|_| BundleError::Malformed)?;
        let m: Manifest = toml::from_str(text).map_err(|_| BundleError::Malformed)?;
        if m.hub != audience.hub {
            return Err(BundleError::OtherHub);
        }
        if m.group != "all" && m.group != audience.group {
            return Err(BundleError::OtherGroup);
        }
        if let Some(applied) = applied {
            if m.version <= applied {
                return Err(BundleError::NotNewer { offered: m.version, applied });
            }
        }
        if now.0 >= m.expires {
            return Err(BundleError::Expired);
        }
        // A few minutes of clock drift between hub and kiosk are not a reason to refuse.
        if m.created > now.0 + 10 * 60 * 1000 {
            return Err(BundleError::NotYetValid);
        }
        let mut seen = BTreeMap::new();
        let mut total = 0u64;
        for f in &m.files {
            if !plain_path(&f.path) || seen.insert(f.path.as_str(), ()).is_some() || hex32(&f.sha256).is_none() {
                return Err(BundleError::UnsafePath);
            }
            total = total.saturating_add(f.size);
        }
        if total > max_bytes {
            return Err(BundleError::TooLarge);
        }
        Ok(m)
    }

    /// Checks one file's bytes against the manifest (the caller refuses the bundle on any error).
    pub fn check_file(&self, path: &str, bytes: &[u8]) -> Result<(), BundleError> {
        let f = self.files.iter().find(|f| f.path == path).ok_or(BundleError::UnlistedFile)?;
        let sum: String = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
        if f.size != bytes.len() as u64 || sum != f.sha256.to_ascii_lowercase() {
            return Err(BundleError::FileMismatch);
        }
        Ok(())
    }

    /// Checks a whole set of files: every listed file present and matching, nothing unlisted.
    pub fn check_files<'a>(&self, files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> Result<(), BundleError> {
        let mut found = BTreeMap::new();
        for (path, bytes) in files {
            self.check_file(path, bytes)?;
            found.insert(path.to_owned(), ());
        }
        if self.files.iter().any(|f| !found.contains_key(&f.path)) {
            return Err(BundleError::MissingFile);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::SigningKey;

    const NOW: u64 = 1_795_741_200_000;
    const DAY: u64 = 86_400_000;

    const HUB: &str = "6a1f";
    const FOR_JONGNO: Audience<'static> = Audience { hub: HUB, group: "jongno" };

    fn manifest(version: u64, created: u64, expires: u64, files: &[(&str, &[u8])]) -> String {
        render_manifest(version, created, expires, FOR_JONGNO, files.iter().copied())
    }

    fn sign(key: &SigningKey, m: &str) -> String {
        super::sign(key, m.as_bytes())
    }

    #[test]
    fn a_signed_newer_bundle_verifies_and_each_break_has_its_reason() {
        let admin = SigningKey::from_bytes(&[7; 32]);
        let other = SigningKey::from_bytes(&[8; 32]);
        let pinned: String = admin.verifying_key().to_bytes().iter().map(|b| format!("{b:02x}")).collect();
        let keys = [admin_key(&pinned).expect("a key")];
        let form: &[u8] = b"id = \"lost-item-report\"\nversion = 2\n";
        let text: &[u8] = "forms-lost-item-report = 분실물 신고\n".as_bytes();
        let files = [("forms/20-lost-item-report.toml", form), ("locales/ko/forms.ftl", text)];
        let good = manifest(3, NOW - DAY, NOW + 30 * DAY, &files);
        let expect =
            |applied| Expect { keys: &keys, audience: FOR_JONGNO, applied, now: Timestamp(NOW), max_bytes: 1 << 20 };
        let ok = |m: &str, sig: &str, applied| Manifest::verify(m.as_bytes(), sig, &expect(applied));

        let m = ok(&good, &sign(&admin, &good), Some(2)).expect("verifies");
        assert_eq!(m.version, 3);
        m.check_files(files.iter().map(|(p, b)| (*p, *b))).expect("the files match");

        let code = |r: Result<Manifest, BundleError>| r.map(|_| ()).map_err(|e| e.code());
        assert_eq!(code(ok(&good, &sign(&other, &good), Some(2))), Err("bundle.signature"), "a key we do not pin");
        let edited = good.replace("version = 3", "version = 4");
        assert_eq!(code(ok(&edited, &sign(&admin, &good), Some(2))), Err("bundle.signature"), "changed after signing");
        assert_eq!(code(ok(&good, &sign(&admin, &good), Some(3))), Err("bundle.not-newer"), "the same version again");
        assert_eq!(code(ok(&good, &sign(&admin, &good), Some(5))), Err("bundle.not-newer"), "an older version");
        let expired = manifest(3, NOW - 40 * DAY, NOW - DAY, &files);
        assert_eq!(code(ok(&expired, &sign(&admin, &expired), None)), Err("bundle.expired"));
        let future = manifest(3, NOW + DAY, NOW + 30 * DAY, &files);
        assert_eq!(code(ok(&future, &sign(&admin, &future), None)), Err("bundle.not-yet-valid"));
        let escape = manifest(3, NOW, NOW + DAY, &[("../outbox.key", form)]);
        assert_eq!(code(ok(&escape, &sign(&admin, &escape), None)), Err("bundle.unsafe-path"));
        let big = manifest(3, NOW, NOW + DAY, &[("sign/ksl/a.webp", &vec![0u8; 2 << 20])]);
        assert_eq!(code(ok(&big, &sign(&admin, &big), None)), Err("bundle.too-large"), "refused before download");
        assert_eq!(code(ok("version = ", &sign(&admin, "version = "), None)), Err("bundle.malformed"));
        assert_eq!(code(ok(&good, "00", None)), Err("bundle.signature"));
        assert!(!BundleError::Signature.signed() && BundleError::NotNewer { offered: 1, applied: 2 }.signed());

        // Validly signed, but for another group, or by another hub with the same admin key: a
        // replay, refused. A bundle for `all` is every group's.
        let mapo = render_manifest(3, NOW, NOW + DAY, Audience { hub: HUB, group: "mapo" }, files.iter().copied());
        assert_eq!(code(ok(&mapo, &sign(&admin, &mapo), None)), Err("bundle.other-group"));
        let elsewhere =
            render_manifest(3, NOW, NOW + DAY, Audience { hub: "77", group: "jongno" }, files.iter().copied());
        assert_eq!(code(ok(&elsewhere, &sign(&admin, &elsewhere), None)), Err("bundle.other-hub"));
        let all = render_manifest(3, NOW, NOW + DAY, Audience { hub: HUB, group: "all" }, files.iter().copied());
        assert!(ok(&all, &sign(&admin, &all), None).is_ok());

        // One changed byte in a file, a missing file, a file nobody listed.
        let mut tampered = form.to_vec();
        tampered[5] ^= 1;
        assert_eq!(
            m.check_file("forms/20-lost-item-report.toml", &tampered).map_err(|e| e.code()),
            Err("bundle.file-mismatch")
        );
        assert_eq!(
            m.check_files([("forms/20-lost-item-report.toml", form)]).map_err(|e| e.code()),
            Err("bundle.missing-file")
        );
        assert_eq!(m.check_file("forms/99-extra.toml", form).map_err(|e| e.code()), Err("bundle.unlisted-file"));
    }
}
