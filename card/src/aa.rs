//! Active Authentication (ICAO 9303-11 §6.1): proof that the chip is the one its data was signed for.
//!
//! Passive authentication proves the data; a copy of the data onto another chip passes it too.
//! DG15 holds a public key whose private half never leaves the genuine chip (its hash is in
//! EF.SOD, so passive authentication vouches for the key). The terminal sends an 8-byte
//! challenge in INTERNAL AUTHENTICATE; the chip signs it: RSA with ISO/IEC 9796-2 digital
//! signature scheme 1 (partial message recovery: the chip's own nonce M1 is recovered from the
//! signature, the challenge M2 is the terminal's), its hash named by the trailer (`BC`: SHA-1,
//! `xx CC`: the hash whose ISO/IEC 10118-3 number is xx), or ECDSA over the challenge in the
//! plain r‖s format (BSI TR-03111), with SHA-256 on P-256. Both sides live here: the reader's
//! check, and the signing the virtual passport does.

use super::apdu::CommandApdu;
use super::tlv;
pub use crate::crypto::Hash;
use crate::error::CardError;
use rsa::traits::{PrivateKeyParts, PublicKeyParts};
use rsa::{BigUint, RsaPrivateKey, RsaPublicKey};

/// What Active Authentication concluded about the chip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChipVerdict {
    /// It signed our challenge with DG15's key.
    Genuine,
    /// It has DG15's key on paper but did not sign with it: a clone, or a damaged chip.
    NotGenuine,
    /// No DG15, or a key of a kind we do not check: Active Authentication says nothing.
    NotSupported,
}

/// DG15's public key, as far as we check it.
#[derive(Debug, Clone, PartialEq)]
pub enum AaKey {
    Rsa(RsaPublicKey),
    P256(p256::ecdsa::VerifyingKey),
}

const RSA_OID: &str = "1.2.840.113549.1.1.1";
const EC_OID: &str = "1.2.840.10045.2.1";
/// prime256v1 (secp256r1), as its DER OBJECT IDENTIFIER.
const P256_OID: [u8; 10] = [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07];

/// DG15 (tag 6F: a SubjectPublicKeyInfo) as a key we can check; `Ok(None)` for another kind.
pub fn parse_dg15(bytes: &[u8]) -> Result<Option<AaKey>, CardError> {
    use der::{Decode, Encode};
    let (outer, _) = tlv::parse_one(bytes)?;
    if outer.tag != 0x6F {
        return Err(CardError::Malformed("dg15: tag"));
    }
    let spki = spki::SubjectPublicKeyInfoRef::from_der(outer.value).map_err(|_| CardError::Malformed("dg15: key"))?;
    let key = spki.subject_public_key.raw_bytes();
    Ok(match spki.algorithm.oid.to_string().as_str() {
        RSA_OID => {
            use rsa::pkcs1::DecodeRsaPublicKey;
            Some(AaKey::Rsa(RsaPublicKey::from_pkcs1_der(key).map_err(|_| CardError::Malformed("dg15: RSA key"))?))
        }
        EC_OID => {
            // P-256 only: its parameters say which curve (a named OID; explicit ones are not read).
            let params = spki.algorithm.parameters.map(|p| p.to_der().unwrap_or_default()).unwrap_or_default();
            if params != P256_OID {
                return Ok(None);
            }
            p256::ecdsa::VerifyingKey::from_sec1_bytes(key).ok().map(AaKey::P256)
        }
        _ => None,
    })
}

/// DG15 holding `key` (what the virtual passport serves).
pub fn build_dg15(key: &AaKey) -> Vec<u8> {
    use rsa::pkcs8::EncodePublicKey;
    let spki = match key {
        AaKey::Rsa(k) => k.to_public_key_der().map(|d| d.as_bytes().to_vec()),
        AaKey::P256(k) => {
            // SEQUENCE { SEQUENCE { id-ecPublicKey, prime256v1 }, BIT STRING { the point } }.
            let algorithm = [&[0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01][..], &P256_OID].concat();
            let point = [&[0x00][..], k.to_encoded_point(false).as_bytes()].concat();
            Ok([tlv::encode(0x30, &algorithm), tlv::encode(0x03, &point)].concat()).map(|body| tlv::encode(0x30, &body))
        }
    };
    // Encoding a key we hold cannot fail; an empty DG15 would only be refused when read.
    tlv::encode(0x6F, &spki.unwrap_or_default())
}

/// INTERNAL AUTHENTICATE with the terminal's challenge.
pub fn command(challenge: &[u8; 8]) -> CommandApdu {
    CommandApdu::new(0x00, 0x88, 0x00, 0x00).with_data(challenge.to_vec()).with_le(256)
}

/// The hash an ISO/IEC 9796-2 trailer names: `BC` (SHA-1) or its ISO/IEC 10118-3 number before `CC`.
fn trailer_hash(f: &[u8]) -> Option<(Hash, usize)> {
    match f {
        [.., 0xBC] => Some((Hash::Sha1, 1)),
        [.., id, 0xCC] => Hash::from_iso(*id).map(|h| (h, 2)),
        _ => None,
    }
}

/// Whether `signature` is the chip's signature of `challenge` under `key`.
pub fn verify(key: &AaKey, challenge: &[u8; 8], signature: &[u8]) -> bool {
    match key {
        AaKey::Rsa(k) => verify_rsa(k, challenge, signature),
        AaKey::P256(k) => {
            use p256::ecdsa::signature::Verifier;
            p256::ecdsa::Signature::from_slice(signature).is_ok_and(|s| k.verify(challenge, &s).is_ok())
        }
    }
}

fn verify_rsa(key: &RsaPublicKey, challenge: &[u8; 8], signature: &[u8]) -> bool {
    let k = key.size();
    let s = BigUint::from_bytes_be(signature);
    if signature.len() != k || &s >= key.n() {
        return false;
    }
    let recovered = s.modpow(key.e(), key.n()).to_bytes_be();
    let mut f = vec![0u8; k.saturating_sub(recovered.len())];
    f.extend(recovered);
    let Some((hash, t)) = trailer_hash(&f) else { return false };
    let h = hash.output_len();
    // 6A: partial recovery, the recoverable part M1 padded by nothing (scheme 1's header).
    if f.first() != Some(&0x6A) || f.len() < 1 + h + t {
        return false;
    }
    let (m1, d) = (&f[1..k - t - h], &f[k - t - h..k - t]);
    crate::crypto::same(d, &hash.digest_parts(&[m1, challenge]))
}

/// The chip's side: signs the challenge with the RSA key, a fresh nonce as M1 (ISO/IEC 9796-2
/// scheme 1); `Hash::Sha1` with the implicit trailer `BC`, any other with its number and `CC`.
pub fn sign_rsa(key: &RsaPrivateKey, hash: Hash, nonce: &mut dyn FnMut(&mut [u8]), challenge: &[u8; 8]) -> Vec<u8> {
    let k = key.size();
    let t = if hash == Hash::Sha1 { 1 } else { 2 };
    let mut m1 = vec![0u8; k - 1 - hash.output_len() - t];
    nonce(&mut m1);
    let mut f = vec![0x6A];
    f.extend(&m1);
    f.extend(hash.digest_parts(&[&m1, challenge]));
    if hash == Hash::Sha1 {
        f.push(0xBC);
    } else {
        f.extend([hash.iso(), 0xCC]);
    }
    let s = BigUint::from_bytes_be(&f).modpow(key.d(), key.n()).to_bytes_be();
    let mut out = vec![0u8; k - s.len()];
    out.extend(s);
    out
}

/// The chip's side with an EC key: ECDSA (SHA-256) over the challenge, r‖s.
pub fn sign_p256(key: &p256::ecdsa::SigningKey, challenge: &[u8; 8]) -> Vec<u8> {
    use p256::ecdsa::signature::Signer;
    let s: p256::ecdsa::Signature = key.sign(challenge);
    s.to_bytes().to_vec()
}

/// A chip's private key for Active Authentication (the virtual passport's).
#[derive(Clone)]
pub enum ChipKey {
    /// RSA, signing with ISO/IEC 9796-2 scheme 1 and this hash.
    Rsa(Box<RsaPrivateKey>, Hash),
    P256(p256::ecdsa::SigningKey),
}

impl ChipKey {
    /// DG15's public key for it.
    pub fn public(&self) -> AaKey {
        match self {
            ChipKey::Rsa(k, _) => AaKey::Rsa(k.to_public_key()),
            ChipKey::P256(k) => AaKey::P256(*k.verifying_key()),
        }
    }

    /// The chip's answer to INTERNAL AUTHENTICATE.
    pub fn sign(&self, nonce: &mut dyn FnMut(&mut [u8]), challenge: &[u8; 8]) -> Vec<u8> {
        match self {
            ChipKey::Rsa(k, hash) => sign_rsa(k, *hash, nonce, challenge),
            ChipKey::P256(k) => sign_p256(k, challenge),
        }
    }
}

/// The virtual passport's RSA key for Active Authentication: a published test key (it proves
/// nothing outside tests and the demo; a real chip's key never leaves it).
pub fn test_rsa_key() -> RsaPrivateKey {
    use rsa::pkcs1::DecodeRsaPrivateKey;
    // The file is in the repository and parses (the tests below read it).
    RsaPrivateKey::from_pkcs1_der(include_bytes!("keys/aa-test-rsa-1024.der")).expect("the test key parses")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nonce() -> impl FnMut(&mut [u8]) {
        let mut n = 0u8;
        move |b: &mut [u8]| {
            for x in b.iter_mut() {
                n = n.wrapping_add(37);
                *x = n;
            }
        }
    }

    #[test]
    fn an_rsa_signature_of_the_challenge_checks_out_and_nothing_else_does() {
        let key = test_rsa_key();
        let public = AaKey::Rsa(key.to_public_key());
        let challenge = [1, 2, 3, 4, 5, 6, 7, 8];
        for hash in [Hash::Sha1, Hash::Sha256, Hash::Sha384] {
            let sig = sign_rsa(&key, hash, &mut nonce(), &challenge);
            assert!(verify(&public, &challenge, &sig), "{hash:?}");
            assert!(!verify(&public, &[9; 8], &sig), "{hash:?}: another challenge");
            let mut bent = sig.clone();
            bent[40] ^= 1;
            assert!(!verify(&public, &challenge, &bent), "{hash:?}: a bit changed");
        }
        // A clone with DG15 copied signs with a key of its own: to DG15's key that is noise.
        let mut noise = vec![0x11u8; 128];
        noise[0] = 0x01;
        assert!(!verify(&public, &challenge, &noise), "a signature by another key");
        assert!(!verify(&public, &challenge, &[0u8; 3]), "too short");
        assert!(!verify(&public, &challenge, &[0xFF; 128]), "not below the modulus");
    }

    #[test]
    fn dg15_round_trips_for_rsa_and_p256_and_an_ecdsa_signature_checks_out() {
        let rsa = AaKey::Rsa(test_rsa_key().to_public_key());
        assert_eq!(parse_dg15(&build_dg15(&rsa)).expect("parses"), Some(rsa));
        let signing = p256::ecdsa::SigningKey::from_slice(&[7u8; 32]).expect("a scalar");
        let ec = AaKey::P256(*signing.verifying_key());
        assert_eq!(parse_dg15(&build_dg15(&ec)).expect("parses"), Some(ec.clone()));
        let challenge = [8, 7, 6, 5, 4, 3, 2, 1];
        let sig = sign_p256(&signing, &challenge);
        assert!(verify(&ec, &challenge, &sig));
        assert!(!verify(&ec, &[0; 8], &sig));
        assert!(parse_dg15(&[0x6E, 0x00]).is_err());
    }
}
