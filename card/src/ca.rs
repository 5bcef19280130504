//! Chip Authentication (ICAO 9303 part 11, 6.2): ECDH with DG14's static key, both sides, without IO.
//!
//! DG14 holds the chip's static public key (`ChipAuthenticationPublicKeyInfo`, id-PK-ECDH) and
//! how to use it (`ChipAuthenticationInfo`: id-CA-ECDH with 3DES or AES-128/192/256, version 1).
//! The terminal sends an ephemeral key on the chip's curve; both sides take the x coordinate of
//! the shared point as `K`, derive new session keys from it (`KDF(K, 1)`, `KDF(K, 2)`, as PACE
//! does) and secure messaging restarts with them, its counter at zero. Only a chip holding the
//! private key can answer under the new keys: a clone that copied DG14 (and EF.SOD, which vouches
//! for it) cannot. With 3DES the key goes in MSE:Set KAT; with AES, MSE:Set AT names the protocol
//! and GENERAL AUTHENTICATE carries the key. Both commands travel under the old session.
//!
//! A chip's curve is named by OID, by its standardized parameter id (BSI TR-03110), or spelled
//! out (explicit ECParameters, as many issuers do): then it is recognised by its base point.

use super::apdu::CommandApdu;
use super::curve::Domain;
use super::pace::{self, PaceCipher, PaceInfo};
use super::sm::SecureMessaging;
use super::tlv;
use crate::error::CardError;
use der::asn1::ObjectIdentifier;
use der::Tagged;

/// id-CA-ECDH, `0.4.0.127.0.7.2.2.3.2`; the last arc names the cipher (1 3DES, 2–4 AES).
const ID_CA_ECDH: ObjectIdentifier = ObjectIdentifier::new_unwrap("0.4.0.127.0.7.2.2.3.2");
/// id-PK-ECDH: the chip's static ECDH key.
const ID_PK_ECDH: ObjectIdentifier = ObjectIdentifier::new_unwrap("0.4.0.127.0.7.2.2.1.2");
const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
/// BSI TR-03110's "standardized domain parameters": the algorithm's parameter is the id.
const STANDARDIZED_DOMAIN: ObjectIdentifier = ObjectIdentifier::new_unwrap("0.4.0.127.0.7.1.2");

/// The curves by their named-curve OIDs.
const NAMED: [(&str, Domain); 4] = [
    ("1.2.840.10045.3.1.7", Domain::P256),
    ("1.3.36.3.3.2.8.1.1.7", Domain::BrainpoolP256r1),
    ("1.3.132.0.34", Domain::P384),
    ("1.3.36.3.3.2.8.1.1.11", Domain::BrainpoolP384r1),
];

/// Chip Authentication as a chip's DG14 offers it, with a key and a cipher we can use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaOffer {
    pub cipher: PaceCipher,
    pub domain: Domain,
    /// The chip's static public key, an uncompressed point.
    pub public: Vec<u8>,
    /// Which key, when the chip has several (its INTEGER's content bytes).
    pub key_id: Option<Vec<u8>>,
}

impl CaOffer {
    pub fn oid(&self) -> ObjectIdentifier {
        // The arc is one of 1..=4, so the OID is always valid.
        ID_CA_ECDH.push_arc(self.cipher.arc()).unwrap_or(ID_CA_ECDH)
    }
}

fn cipher_of(protocol: &ObjectIdentifier) -> Option<PaceCipher> {
    if protocol.parent() != Some(ID_CA_ECDH) {
        return None;
    }
    match protocol.arcs().last() {
        Some(1) => Some(PaceCipher::Tdes),
        Some(2) => Some(PaceCipher::Aes128),
        Some(3) => Some(PaceCipher::Aes192),
        Some(4) => Some(PaceCipher::Aes256),
        _ => None,
    }
}

/// The content bytes of a DER INTEGER (a key id), or `None` for anything else.
fn integer_bytes(any: &der::Any) -> Option<Vec<u8>> {
    (any.tag() == der::Tag::Integer).then(|| any.value().to_vec())
}

/// The curve a `SubjectPublicKeyInfo`'s algorithm parameters name, if it is one of ours.
fn domain_of(algorithm: &ObjectIdentifier, parameters: Option<&der::AnyRef<'_>>) -> Option<Domain> {
    let parameters = parameters?;
    if *algorithm == STANDARDIZED_DOMAIN {
        let id: u8 = parameters.decode_as().ok()?;
        return Domain::from_parameter_id(id);
    }
    if *algorithm != EC_PUBLIC_KEY {
        return None;
    }
    match parameters.tag() {
        der::Tag::ObjectIdentifier => {
            let oid: ObjectIdentifier = parameters.decode_as().ok()?;
            NAMED.iter().find(|(o, _)| *o == oid.to_string()).map(|(_, d)| *d)
        }
        // ECParameters ::= SEQUENCE { version, fieldID, curve, base OCTET STRING, order, cofactor }:
        // the base point tells our curves apart.
        der::Tag::Sequence => {
            let fields = tlv::parse_all(parameters.value()).ok()?;
            let base = fields.get(3).filter(|f| f.tag == 0x04)?;
            NAMED.iter().map(|(_, d)| *d).find(|d| d.generator().is_ok_and(|g| g == base.value))
        }
        _ => None,
    }
}

/// What DG14 offers for Chip Authentication: `Ok(None)` when nothing we can run (no CA, a DH
/// key, a curve we do not have, or only EAC's version 2, which follows Terminal Authentication).
pub fn offer(dg14: &[u8]) -> Result<Option<CaOffer>, CardError> {
    let (outer, _) = tlv::parse_one(dg14)?;
    if outer.tag != 0x6E {
        return Err(CardError::Malformed("dg14: tag"));
    }
    let entries = pace::security_info_entries(outer.value)?;
    // (cipher, key id) of each ChipAuthenticationInfo of version 1.
    let mut protocols = Vec::new();
    let mut keys = Vec::new();
    for (protocol, required, optional) in &entries {
        if let Some(cipher) = cipher_of(protocol) {
            let version: Option<u8> = required.decode_as().ok();
            if version == Some(1) {
                protocols.push((cipher, optional.as_ref().and_then(integer_bytes)));
            }
        } else if *protocol == ID_PK_ECDH {
            let der = der::Encode::to_der(required).map_err(|_| CardError::Malformed("dg14: key"))?;
            let spki = <spki::SubjectPublicKeyInfoRef<'_> as der::Decode>::from_der(&der)
                .map_err(|_| CardError::Malformed("dg14: key"))?;
            let Some(domain) = domain_of(&spki.algorithm.oid, spki.algorithm.parameters.as_ref()) else { continue };
            let Some(point) = spki.subject_public_key.as_bytes() else { continue };
            if domain.check_point(point).is_err() {
                return Err(CardError::Malformed("dg14: key not on its curve"));
            }
            keys.push((domain, point.to_vec(), optional.as_ref().and_then(integer_bytes)));
        }
    }
    // With no ChipAuthenticationInfo the chip speaks 3DES (part 11, 9.2.5).
    if protocols.is_empty() && entries.iter().all(|(p, _, _)| p.parent() != Some(ID_CA_ECDH)) {
        protocols.push((PaceCipher::Tdes, None));
    }
    // AES before 3DES; a key id pairs a protocol with its key, a lone key goes with any.
    protocols.sort_by_key(|(c, _)| std::cmp::Reverse((*c != PaceCipher::Tdes, c.key_len())));
    for (cipher, id) in protocols {
        let key = keys.iter().find(|(_, _, kid)| id.is_none() || kid.is_none() || *kid == id);
        if let Some((domain, public, kid)) = key {
            return Ok(Some(CaOffer { cipher, domain: *domain, public: public.clone(), key_id: id.or(kid.clone()) }));
        }
    }
    Ok(None)
}

fn key_id_object(id: &Option<Vec<u8>>) -> Vec<u8> {
    id.as_ref().map(|id| tlv::encode(0x84, id)).unwrap_or_default()
}

/// The terminal's side: an ephemeral key, the commands that carry it, and the new session.
pub struct CaTerminal {
    offer: CaOffer,
    secret: Vec<u8>,
    public: Vec<u8>,
}

impl std::fmt::Debug for CaTerminal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CaTerminal({:?}, {:?})", self.offer.cipher, self.offer.domain)
    }
}

impl CaTerminal {
    pub fn new(offer: CaOffer, fill: &mut dyn FnMut(&mut [u8])) -> Result<CaTerminal, CardError> {
        let secret = offer.domain.secret(fill);
        let public = offer.domain.public(&secret, None)?;
        Ok(CaTerminal { offer, secret, public })
    }

    pub fn cipher(&self) -> PaceCipher {
        self.offer.cipher
    }

    /// 3DES: MSE:Set KAT with our key. AES: MSE:Set AT naming the protocol, then GENERAL
    /// AUTHENTICATE with our key.
    pub fn commands(&self) -> Vec<CommandApdu> {
        let id = key_id_object(&self.offer.key_id);
        if self.offer.cipher == PaceCipher::Tdes {
            let data = [tlv::encode(0x91, &self.public), id].concat();
            return vec![CommandApdu::new(0x00, 0x22, 0x41, 0xA6).with_data(data)];
        }
        let set_at = [tlv::encode(0x80, self.offer.oid().as_bytes()), id].concat();
        let key = tlv::encode(0x7C, &tlv::encode(0x80, &self.public));
        vec![
            CommandApdu::new(0x00, 0x22, 0x41, 0xA4).with_data(set_at),
            CommandApdu::new(0x00, 0x86, 0x00, 0x00).with_data(key).with_le(256),
        ]
    }

    /// The session both sides now share, if the chip holds the private key.
    pub fn session(&self) -> Result<SecureMessaging, CardError> {
        session(self.offer.cipher, &self.offer.domain.shared_x(&self.secret, &self.offer.public)?)
    }
}

fn session(cipher: PaceCipher, k: &[u8]) -> Result<SecureMessaging, CardError> {
    cipher.session(cipher.kdf(k, 1), cipher.kdf(k, 2))
}

/// The chip's static key pair (the virtual document's).
#[derive(Clone)]
pub struct CaChipKey {
    pub offer: CaOffer,
    secret: Vec<u8>,
}

impl std::fmt::Debug for CaChipKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CaChipKey({:?}, {:?})", self.offer.cipher, self.offer.domain)
    }
}

/// What the chip was sent: the terminal's key, and the key id it asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaRequest {
    pub public: Vec<u8>,
    pub key_id: Option<Vec<u8>>,
}

impl CaChipKey {
    /// A key pair on `domain` from `fill`'s bytes (the chip's personalisation).
    pub fn generate(
        cipher: PaceCipher,
        domain: Domain,
        key_id: Option<Vec<u8>>,
        fill: &mut dyn FnMut(&mut [u8]),
    ) -> Self {
        let secret = domain.secret(fill);
        // invariant: `secret` is a valid scalar of `domain` (Domain::secret draws until it is).
        let public = domain.public(&secret, None).expect("a scalar of this curve has a public point");
        CaChipKey { offer: CaOffer { cipher, domain, public, key_id }, secret }
    }

    /// The session after the terminal's key arrived; `None` when the key is not on our curve.
    pub fn agree(&self, their_public: &[u8]) -> Option<SecureMessaging> {
        session(self.offer.cipher, &self.offer.domain.shared_x(&self.secret, their_public).ok()?).ok()
    }

    /// DG14 offering PACE with `pace` and Chip Authentication with this key (named curve).
    pub fn dg14(&self, pace: &[PaceInfo]) -> Vec<u8> {
        let mut body = pace::info_entries(pace);
        let mut info = tlv::encode(0x06, self.offer.oid().as_bytes());
        info.extend(tlv::encode(0x02, &[1]));
        if let Some(id) = &self.offer.key_id {
            info.extend(tlv::encode(0x02, id));
        }
        body.extend(tlv::encode(0x30, &info));
        let (named, _) = NAMED.iter().find(|(_, d)| *d == self.offer.domain).copied().unwrap_or(NAMED[0]);
        let named = ObjectIdentifier::new_unwrap(named);
        let algorithm = [tlv::encode(0x06, EC_PUBLIC_KEY.as_bytes()), tlv::encode(0x06, named.as_bytes())].concat();
        let spki =
            [tlv::encode(0x30, &algorithm), tlv::encode(0x03, &[&[0u8][..], &self.offer.public].concat())].concat();
        let mut key = tlv::encode(0x06, ID_PK_ECDH.as_bytes());
        key.extend(tlv::encode(0x30, &spki));
        if let Some(id) = &self.offer.key_id {
            key.extend(tlv::encode(0x02, id));
        }
        body.extend(tlv::encode(0x30, &key));
        tlv::encode(0x6E, &tlv::encode(0x31, &body))
    }
}

/// MSE:Set KAT's data (3DES): `91` the terminal's key, `84` the key id.
pub fn parse_set_kat(data: &[u8]) -> Option<CaRequest> {
    let mut req = CaRequest { public: Vec::new(), key_id: None };
    for t in tlv::parse_all(data).ok()? {
        match t.tag {
            0x91 => req.public = t.value.to_vec(),
            0x84 => req.key_id = Some(t.value.to_vec()),
            _ => return None,
        }
    }
    (!req.public.is_empty()).then_some(req)
}

/// MSE:Set AT's data for Chip Authentication: the protocol's OID (`80`) and the key id (`84`).
pub fn parse_set_at(data: &[u8]) -> Option<(PaceCipher, Option<Vec<u8>>)> {
    let (mut cipher, mut id) = (None, None);
    for t in tlv::parse_all(data).ok()? {
        match t.tag {
            0x80 => cipher = ObjectIdentifier::from_bytes(t.value).ok().as_ref().and_then(cipher_of),
            0x84 => id = Some(t.value.to_vec()),
            _ => return None,
        }
    }
    Some((cipher?, id))
}

/// GENERAL AUTHENTICATE's data for Chip Authentication: `7C { 80 key }`.
pub fn parse_general_authenticate(data: &[u8]) -> Option<Vec<u8>> {
    let (outer, _) = tlv::parse_one(data).ok()?;
    let (inner, _) = tlv::parse_one(outer.value).ok().filter(|_| outer.tag == 0x7C)?;
    (inner.tag == 0x80).then(|| inner.value.to_vec())
}

#[cfg(test)]
mod tests {
    use super::super::crypto::hex;
    use super::*;

    fn fill(seed: u8) -> impl FnMut(&mut [u8]) {
        let mut n = seed;
        move |b: &mut [u8]| {
            for x in b.iter_mut() {
                n = n.wrapping_mul(31).wrapping_add(7);
                *x = n;
            }
        }
    }

    #[test]
    fn dg14_round_trips_for_every_cipher_and_curve_and_both_sides_agree() {
        let pace = [PaceInfo { cipher: PaceCipher::Aes128, domain: Domain::BrainpoolP256r1 }];
        for cipher in [PaceCipher::Tdes, PaceCipher::Aes128, PaceCipher::Aes192, PaceCipher::Aes256] {
            for domain in [Domain::P256, Domain::BrainpoolP256r1, Domain::P384, Domain::BrainpoolP384r1] {
                for key_id in [None, Some(vec![7])] {
                    let chip = CaChipKey::generate(cipher, domain, key_id.clone(), &mut fill(3));
                    let dg14 = chip.dg14(&pace);
                    assert_eq!(offer(&dg14).expect("parses"), Some(chip.offer.clone()), "{cipher:?} {domain:?}");
                    // PACE's entries are still there for PACE.
                    assert_eq!(pace::parse_dg14(&dg14).expect("parses").pace, pace);
                    let terminal = CaTerminal::new(chip.offer.clone(), &mut fill(9)).expect("a key");
                    let commands = terminal.commands();
                    let theirs = if cipher == PaceCipher::Tdes {
                        assert_eq!((commands[0].ins, commands[0].p1, commands[0].p2), (0x22, 0x41, 0xA6));
                        let req = parse_set_kat(&commands[0].data).expect("Set KAT");
                        assert_eq!(req.key_id, key_id);
                        req.public
                    } else {
                        assert_eq!(parse_set_at(&commands[0].data), Some((cipher, key_id.clone())));
                        parse_general_authenticate(&commands[1].data).expect("GA")
                    };
                    let (mut t, mut c) = (terminal.session().expect("keys"), chip.agree(&theirs).expect("keys"));
                    let cmd = CommandApdu::new(0, 0xB0, 0, 0).with_le(8);
                    let opened = c.open_command(&t.protect(&cmd).expect("wraps")).expect("the chip opens it");
                    assert_eq!(opened.le, Some(8));
                    // Another chip with the same DG14 but its own key does not.
                    let clone = CaChipKey { secret: domain.secret(&mut fill(77)), ..chip.clone() };
                    let mut cloned = clone.agree(&theirs).expect("keys");
                    assert!(cloned.open_command(&t.protect(&cmd).expect("wraps")).is_err(), "a clone's keys differ");
                }
            }
        }
    }

    #[test]
    fn explicit_and_standardized_curves_are_recognised_and_the_rest_skipped() {
        let chip = CaChipKey::generate(PaceCipher::Aes128, Domain::P256, None, &mut fill(5));
        // P-256 spelled out as ECParameters (SEC 2's values); only the base point is compared.
        let p = hex("FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF");
        let a = hex("FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFC");
        let b = hex("5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B");
        let n = hex("00FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");
        let g = Domain::P256.generator().expect("G");
        let prime_field = ObjectIdentifier::new_unwrap("1.2.840.10045.1.1");
        let field = [tlv::encode(0x06, prime_field.as_bytes()), tlv::encode(0x02, &[&[0u8][..], &p].concat())].concat();
        let curve = [tlv::encode(0x04, &a), tlv::encode(0x04, &b)].concat();
        let params = [
            tlv::encode(0x02, &[1]),
            tlv::encode(0x30, &field),
            tlv::encode(0x30, &curve),
            tlv::encode(0x04, &g),
            tlv::encode(0x02, &n),
            tlv::encode(0x02, &[1]),
        ]
        .concat();
        let with_params = |algorithm: &ObjectIdentifier, params: Vec<u8>| {
            let alg = [tlv::encode(0x06, algorithm.as_bytes()), params].concat();
            let spki =
                [tlv::encode(0x30, &alg), tlv::encode(0x03, &[&[0u8][..], &chip.offer.public].concat())].concat();
            let key = [tlv::encode(0x06, ID_PK_ECDH.as_bytes()), tlv::encode(0x30, &spki)].concat();
            tlv::encode(0x6E, &tlv::encode(0x31, &tlv::encode(0x30, &key)))
        };
        // No ChipAuthenticationInfo: 3DES.
        let explicit = offer(&with_params(&EC_PUBLIC_KEY, tlv::encode(0x30, &params))).expect("parses");
        assert_eq!(explicit.map(|o| (o.cipher, o.domain)), Some((PaceCipher::Tdes, Domain::P256)));
        let standard = offer(&with_params(&STANDARDIZED_DOMAIN, tlv::encode(0x02, &[12]))).expect("parses");
        assert_eq!(standard.map(|o| o.domain), Some(Domain::P256));
        // A curve we do not have (secp256k1), and no key at all: nothing to run.
        let k1 = ObjectIdentifier::new_unwrap("1.3.132.0.10");
        assert_eq!(offer(&with_params(&EC_PUBLIC_KEY, tlv::encode(0x06, k1.as_bytes()))).expect("parses"), None);
        let pace_only = pace::build_dg14(&[PaceInfo { cipher: PaceCipher::Aes128, domain: Domain::P256 }]);
        assert_eq!(offer(&pace_only).expect("parses"), None);
        // A key that is not on its curve is refused outright.
        let mut bad = chip.clone();
        bad.offer.public[10] ^= 1;
        assert!(offer(&bad.dg14(&[])).is_err());
        assert!(offer(&[0x6E, 0x02, 0x31, 0x00]).expect("empty").is_none());
        assert!(offer(&[0x6F, 0x00]).is_err());
    }
}
