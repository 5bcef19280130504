//! Submissions sealed to the hub: HPKE (RFC 9180) base mode, DHKEM(X25519, HKDF-SHA256),
//! HKDF-SHA256, ChaCha20-Poly1305. No IO: the caller passes the randomness.
//!
//! A kiosk holds only the hub's public key, so what it stores cannot be read by whoever takes the
//! kiosk away; the hub opens submissions with the agency's private key. The associated data is
//! the [`Binding`]: the submission id, the form id and the receipt number. A sealed payload moved
//! to another id, or sent with another form or receipt number beside it, does not open, so who
//! sends a submission cannot choose the receipt staff will look it up by.
//!
//! Wire format: `0x03 ‖ enc (32 bytes) ‖ ciphertext ‖ tag (16 bytes)`.

use hpke::aead::ChaCha20Poly1305;
use hpke::kdf::HkdfSha256;
use hpke::kem::X25519HkdfSha256;
use hpke::{Deserializable, Kem, OpModeR, OpModeS, Serializable};
use rand_core::{CryptoRng, RngCore};

/// The first byte of a payload sealed to the hub (3: bound to id, form and receipt).
pub const HUB_SEALED: u8 = 3;
const ENC: usize = 32;
const TAG: usize = 16;
/// The shortest payload that can open: the format byte, the encapsulated key and the tag.
pub const MIN_SEALED_LEN: usize = 1 + ENC + TAG;

/// What a sealed submission is bound to, outside its sealed content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding<'a> {
    pub id: &'a str,
    pub form: &'a str,
    pub receipt: &'a str,
}

impl Binding<'_> {
    /// The associated data: each part length-prefixed, so no two bindings share one.
    fn associated_data(&self) -> Vec<u8> {
        let mut ad = b"minwon submission v2".to_vec();
        for part in [self.id, self.form, self.receipt] {
            ad.extend_from_slice(&(part.len() as u32).to_be_bytes());
            ad.extend_from_slice(part.as_bytes());
        }
        ad
    }
}
const INFO: &[u8] = b"minwon submission v1";

/// A stable code; nothing else is said about why a payload did not open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    #[error("not a valid key")]
    Key,
    #[error("the payload could not be sealed")]
    Seal,
    #[error("the payload does not open with this key and id")]
    Open,
}

impl SealError {
    pub fn code(self) -> &'static str {
        match self {
            SealError::Key => "seal.key",
            SealError::Seal => "seal.failed",
            SealError::Open => "seal.open",
        }
    }
}

/// The hub's public key, as kiosks pin it.
#[derive(Clone, PartialEq, Eq)]
pub struct HubPublicKey(<X25519HkdfSha256 as Kem>::PublicKey);

/// The agency's private key, held by the hub.
#[derive(Clone)]
pub struct AgencyKey(<X25519HkdfSha256 as Kem>::PrivateKey);

impl std::fmt::Debug for HubPublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HubPublicKey({})", self.to_hex())
    }
}

impl std::fmt::Debug for AgencyKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AgencyKey(..)")
    }
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn from_hex(s: &str) -> Option<Vec<u8>> {
    let s = s.trim();
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok()).collect()
}

impl HubPublicKey {
    /// 64 hex digits.
    pub fn from_hex(s: &str) -> Result<HubPublicKey, SealError> {
        let bytes = from_hex(s).ok_or(SealError::Key)?;
        <X25519HkdfSha256 as Kem>::PublicKey::from_bytes(&bytes).map(HubPublicKey).map_err(|_| SealError::Key)
    }

    pub fn to_hex(&self) -> String {
        to_hex(&self.0.to_bytes())
    }

    /// Seals `plaintext` for the hub, bound to `binding`.
    pub fn seal(
        &self,
        binding: &Binding<'_>,
        plaintext: &[u8],
        rng: &mut (impl RngCore + CryptoRng),
    ) -> Result<Vec<u8>, SealError> {
        let (enc, ct) = hpke::single_shot_seal::<ChaCha20Poly1305, HkdfSha256, X25519HkdfSha256, _>(
            &OpModeS::Base,
            &self.0,
            INFO,
            plaintext,
            &binding.associated_data(),
            rng,
        )
        .map_err(|_| SealError::Seal)?;
        let mut out = Vec::with_capacity(1 + ENC + ct.len());
        out.push(HUB_SEALED);
        out.extend_from_slice(&enc.to_bytes());
        out.extend_from_slice(&ct);
        Ok(out)
    }
}

impl AgencyKey {
    /// A new key pair.
    pub fn generate(rng: &mut (impl RngCore + CryptoRng)) -> AgencyKey {
        AgencyKey(X25519HkdfSha256::gen_keypair(rng).0)
    }

    /// The 32 secret bytes (for the hub's key file).
    pub fn to_bytes(&self) -> [u8; 32] {
        let mut out = [0u8; 32];
        out.copy_from_slice(&self.0.to_bytes());
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<AgencyKey, SealError> {
        <X25519HkdfSha256 as Kem>::PrivateKey::from_bytes(bytes).map(AgencyKey).map_err(|_| SealError::Key)
    }

    pub fn public(&self) -> HubPublicKey {
        HubPublicKey(X25519HkdfSha256::sk_to_pk(&self.0))
    }

    /// Opens a payload sealed by [`HubPublicKey::seal`] under the same binding.
    pub fn open(&self, binding: &Binding<'_>, sealed: &[u8]) -> Result<Vec<u8>, SealError> {
        if sealed.len() < MIN_SEALED_LEN || sealed[0] != HUB_SEALED {
            return Err(SealError::Open);
        }
        let (enc, ct) = sealed[1..].split_at(ENC);
        let enc = <X25519HkdfSha256 as Kem>::EncappedKey::from_bytes(enc).map_err(|_| SealError::Open)?;
        hpke::single_shot_open::<ChaCha20Poly1305, HkdfSha256, X25519HkdfSha256>(
            &OpModeR::Base,
            &self.0,
            &enc,
            INFO,
            ct,
            &binding.associated_data(),
        )
        .map_err(|_| SealError::Open)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic generator for tests only (the kiosk uses the operating system's).
    struct Counter(u8);
    impl RngCore for Counter {
        fn next_u32(&mut self) -> u32 {
            rand_core::impls::next_u32_via_fill(self)
        }
        fn next_u64(&mut self) -> u64 {
            rand_core::impls::next_u64_via_fill(self)
        }
        fn fill_bytes(&mut self, dest: &mut [u8]) {
            for b in dest {
                self.0 = self.0.wrapping_add(37);
                *b = self.0;
            }
        }
        fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), rand_core::Error> {
            self.fill_bytes(dest);
            Ok(())
        }
    }
    impl CryptoRng for Counter {}

    #[test]
    fn only_the_agency_key_opens_and_only_under_the_same_id() {
        let mut rng = Counter(1);
        let agency = AgencyKey::generate(&mut rng);
        let public = HubPublicKey::from_hex(&agency.public().to_hex()).expect("hex round trip");
        let b = Binding { id: "sub-1", form: "lost-item-report", receipt: "A-0001" };
        let sealed = public.seal(&b, "Nguyễn Thị Lan".as_bytes(), &mut rng).expect("seals");
        assert_eq!(sealed[0], HUB_SEALED);
        assert!(!sealed.windows(6).any(|w| w == b"Nguy\xe1\xbb"), "no plain text inside");
        assert_eq!(agency.open(&b, &sealed).expect("opens"), "Nguyễn Thị Lan".as_bytes());
        for (moved, why) in [
            (Binding { id: "sub-2", ..b }, "moved to another id"),
            (Binding { form: "passport-reissue", ..b }, "sent as another form"),
            (Binding { receipt: "A-0002", ..b }, "sent with another receipt number"),
            (Binding { id: "sub-1lost-item-report", form: "", ..b }, "parts shifted between fields"),
        ] {
            assert_eq!(agency.open(&moved, &sealed), Err(SealError::Open), "{why}");
        }
        let other = AgencyKey::generate(&mut rng);
        assert_eq!(other.open(&b, &sealed), Err(SealError::Open), "another agency's key");
        let mut bent = sealed.clone();
        bent[40] ^= 1;
        assert_eq!(agency.open(&b, &bent), Err(SealError::Open), "a flipped bit");
        assert_eq!(agency.open(&b, &sealed[..20]), Err(SealError::Open), "cut short");
        let mut old_format = sealed.clone();
        old_format[0] = 2;
        assert_eq!(agency.open(&b, &old_format), Err(SealError::Open), "another format byte");
        let again = AgencyKey::from_bytes(&agency.to_bytes()).expect("key file round trip");
        assert_eq!(again.open(&b, &sealed).expect("opens"), "Nguyễn Thị Lan".as_bytes());
        assert_eq!(HubPublicKey::from_hex("zz").map(|_| ()), Err(SealError::Key));
    }
}
