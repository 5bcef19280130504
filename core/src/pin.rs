//! The hub's certificate pin: the SHA-256 of the SubjectPublicKeyInfo of the certificate it serves.
//!
//! A kiosk or mirror learns the pin from its enrolment file and accepts a TLS connection only from
//! a hub whose certificate carries that public key, whatever name or issuer it shows: no
//! certificate authority on the office network can stand in for the hub. Pinning the key rather
//! than the whole certificate lets a hub renew its certificate with the same key. No IO.

use der::{Decode, Encode};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// The pin of a DER certificate (64 lowercase hex digits), or `None` if it does not parse.
pub fn spki_sha256(cert_der: &[u8]) -> Option<String> {
    let cert = x509_cert::Certificate::from_der(cert_der).ok()?;
    let spki = cert.tbs_certificate.subject_public_key_info.to_der().ok()?;
    Some(Sha256::digest(spki).iter().map(|b| format!("{b:02x}")).collect())
}

/// Whether a certificate carries the pinned key; compared in constant time.
pub fn matches(cert_der: &[u8], pin: &str) -> bool {
    spki_sha256(cert_der).is_some_and(|found| {
        let pin = pin.trim().to_ascii_lowercase();
        found.len() == pin.len() && bool::from(found.as_bytes().ct_eq(pin.as_bytes()))
    })
}

/// Two secrets (tokens, CSRF values) compared in constant time.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_has_no_pin_and_never_matches() {
        assert_eq!(spki_sha256(b"not a certificate"), None);
        assert!(!matches(b"not a certificate", ""));
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", "abcd"));
    }
}
