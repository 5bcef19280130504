//! PACE (ICAO 9303 part 11, 4.4): password-authenticated key agreement with the MRZ or the CAN, both sides, without IO.
//!
//! We speak ECDH with generic mapping on the standard curves of [`Domain`], with
//! 3DES or AES (128/192/256) session keys. The terminal side is driven by
//! [`super::reader::ReadDocument`], the chip side by the virtual document. Each
//! side takes its randomness from a `fill` function passed in, so the worked
//! example of appendix G.1 replays byte for byte.
//!
//! The chip announces what it supports in EF.CardAccess (and again in DG14): a
//! DER `SET OF SecurityInfo`, each a protocol OID with parameters. Those are
//! decoded with the `der` crate; the 7C dynamic-authentication templates are
//! BER-TLV and go through our own [`super::tlv`].

use super::apdu::{CommandApdu, StatusWord};
use super::crypto::{
    aes_cbc_decrypt, aes_cbc_encrypt, aes_cmac, kdf_3des, kdf_aes, pad, retail_mac, same, sha1, tdes_decrypt,
    tdes_encrypt,
};
use super::curve::Domain;
use super::mrz::MrzKey;
use super::sm::SecureMessaging;
use super::tlv;
use crate::error::CardError;
use der::asn1::ObjectIdentifier;
use der::Decode;

/// id-PACE, `0.4.0.127.0.7.2.2.4` (BSI TR-03110 / ICAO 9303 part 11, 9.2.3).
pub const ID_PACE: ObjectIdentifier = ObjectIdentifier::new_unwrap("0.4.0.127.0.7.2.2.4");
/// id-PACE-ECDH-GM: the only mapping we speak.
const ID_PACE_ECDH_GM: ObjectIdentifier = ObjectIdentifier::new_unwrap("0.4.0.127.0.7.2.2.4.2");

/// What the visitor gives to open the chip.
#[derive(Clone, PartialEq, Eq)]
pub enum AccessKey {
    /// Document number, birth date and expiry from the MRZ (BAC or PACE).
    Mrz(MrzKey),
    /// The card access number printed on the document (PACE only).
    Can(String),
}

impl std::fmt::Debug for AccessKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AccessKey::Mrz(_) => f.write_str("AccessKey::Mrz(..)"),
            AccessKey::Can(_) => f.write_str("AccessKey::Can(..)"),
        }
    }
}

impl From<MrzKey> for AccessKey {
    fn from(k: MrzKey) -> Self {
        AccessKey::Mrz(k)
    }
}

impl AccessKey {
    /// A CAN is six digits (part 11, 4.4.1; what the documents that have one print).
    pub fn can(digits: &str) -> Result<AccessKey, CardError> {
        let digits = digits.trim();
        if digits.len() != 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(CardError::Mrz { field: "can", problem: "six digits" });
        }
        Ok(AccessKey::Can(digits.to_string()))
    }

    /// The password reference of MSE:Set AT: 1 for the MRZ, 2 for the CAN.
    fn reference(&self) -> u8 {
        match self {
            AccessKey::Mrz(_) => 1,
            AccessKey::Can(_) => 2,
        }
    }

    /// `K = f(π)`: SHA-1 of the MRZ information, or the CAN's characters as they are.
    fn password(&self) -> Vec<u8> {
        match self {
            AccessKey::Mrz(k) => sha1(k.mrz_information().as_bytes()).to_vec(),
            AccessKey::Can(c) => c.as_bytes().to_vec(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaceCipher {
    Tdes,
    Aes128,
    Aes192,
    Aes256,
}

impl PaceCipher {
    pub fn name(self) -> &'static str {
        match self {
            PaceCipher::Tdes => "3des",
            PaceCipher::Aes128 => "aes128",
            PaceCipher::Aes192 => "aes192",
            PaceCipher::Aes256 => "aes256",
        }
    }

    pub(crate) fn arc(self) -> u32 {
        match self {
            PaceCipher::Tdes => 1,
            PaceCipher::Aes128 => 2,
            PaceCipher::Aes192 => 3,
            PaceCipher::Aes256 => 4,
        }
    }

    pub(crate) fn key_len(self) -> usize {
        match self {
            PaceCipher::Tdes | PaceCipher::Aes128 => 16,
            PaceCipher::Aes192 => 24,
            PaceCipher::Aes256 => 32,
        }
    }

    /// The nonce is one block of the cipher.
    fn nonce_len(self) -> usize {
        match self {
            PaceCipher::Tdes => 8,
            _ => 16,
        }
    }

    pub(crate) fn kdf(self, seed: &[u8], counter: u32) -> Vec<u8> {
        match self {
            PaceCipher::Tdes => kdf_3des(seed, counter).to_vec(),
            _ => kdf_aes(seed, counter, self.key_len()),
        }
    }

    fn encrypt(self, key: &[u8], data: &[u8]) -> Result<Vec<u8>, CardError> {
        match self {
            PaceCipher::Tdes => tdes_encrypt(&tdes_key(key)?, data),
            _ => aes_cbc_encrypt(key, &[0; 16], data),
        }
    }

    fn decrypt(self, key: &[u8], data: &[u8]) -> Result<Vec<u8>, CardError> {
        match self {
            PaceCipher::Tdes => tdes_decrypt(&tdes_key(key)?, data),
            _ => aes_cbc_decrypt(key, &[0; 16], data),
        }
    }

    fn mac(self, key: &[u8], data: &[u8]) -> Result<[u8; 8], CardError> {
        match self {
            PaceCipher::Tdes => retail_mac(&tdes_key(key)?, &pad(data, 8)),
            _ => aes_cmac(key, data),
        }
    }

    pub(crate) fn session(self, enc: Vec<u8>, mac: Vec<u8>) -> Result<SecureMessaging, CardError> {
        match self {
            PaceCipher::Tdes => Ok(SecureMessaging::new(tdes_key(&enc)?, tdes_key(&mac)?, 0)),
            _ => Ok(SecureMessaging::aes(enc, mac)),
        }
    }
}

fn tdes_key(key: &[u8]) -> Result<[u8; 16], CardError> {
    key.try_into().map_err(|_| CardError::Malformed("pace: 3DES key length"))
}

/// One way of running PACE a chip offers: ECDH generic mapping, a cipher, a curve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaceInfo {
    pub cipher: PaceCipher,
    pub domain: Domain,
}

impl PaceInfo {
    pub fn oid(&self) -> ObjectIdentifier {
        // The arc is one of 1..=4, so the OID is always valid.
        ID_PACE_ECDH_GM.push_arc(self.cipher.arc()).unwrap_or(ID_PACE_ECDH_GM)
    }

    fn oid_bytes(&self) -> Vec<u8> {
        self.oid().as_bytes().to_vec()
    }
}

/// `SecurityInfo ::= SEQUENCE { protocol OBJECT IDENTIFIER, requiredData ANY, optionalData ANY OPTIONAL }`
#[derive(der::Sequence)]
struct SecurityInfo {
    protocol: ObjectIdentifier,
    required: der::Any,
    optional: Option<der::Any>,
}

/// What a chip says it supports (EF.CardAccess, DG14).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SecurityInfos {
    /// The PACE variants we can run, best first (AES before 3DES, larger keys first).
    pub pace: Vec<PaceInfo>,
    /// Every protocol listed, dotted (unknown ones included), for the record.
    pub protocols: Vec<String>,
}

/// Parses a DER `SET OF SecurityInfo` (EF.CardAccess as it is; DG14 inside its `6E` wrapper).
pub fn parse_security_infos(bytes: &[u8]) -> Result<SecurityInfos, CardError> {
    let mut infos = SecurityInfos::default();
    for (protocol, required, optional) in security_info_entries(bytes)? {
        let info = SecurityInfo { protocol, required, optional };
        infos.protocols.push(info.protocol.to_string());
        if info.protocol.parent() != Some(ID_PACE_ECDH_GM) {
            continue;
        }
        // PACEInfo: requiredData is the version (2), optionalData the standard parameter id.
        let version: u8 = info.required.decode_as().map_err(|_| CardError::Malformed("pace info: version"))?;
        let parameter: Option<u8> = match &info.optional {
            Some(any) => Some(any.decode_as().map_err(|_| CardError::Malformed("pace info: parameter id"))?),
            None => None,
        };
        let cipher = match info.protocol.arcs().last() {
            Some(1) => PaceCipher::Tdes,
            Some(2) => PaceCipher::Aes128,
            Some(3) => PaceCipher::Aes192,
            Some(4) => PaceCipher::Aes256,
            _ => continue,
        };
        if let (2, Some(domain)) = (version, parameter.and_then(Domain::from_parameter_id)) {
            infos.pace.push(PaceInfo { cipher, domain });
        }
    }
    infos.pace.sort_by_key(|p| std::cmp::Reverse((p.cipher != PaceCipher::Tdes, p.cipher.key_len())));
    Ok(infos)
}

/// Each entry of a DER `SET OF SecurityInfo`: its protocol, required data and optional data.
pub(crate) fn security_info_entries(
    bytes: &[u8],
) -> Result<Vec<(ObjectIdentifier, der::Any, Option<der::Any>)>, CardError> {
    let (set, _) = tlv::parse_one(bytes)?;
    if set.tag != 0x31 {
        return Err(CardError::Malformed("security infos: not a SET"));
    }
    let mut entries = Vec::new();
    for element in tlv::parse_all(set.value)? {
        let der = tlv::encode(element.tag, element.value);
        let info = SecurityInfo::from_der(&der).map_err(|_| CardError::Malformed("security infos: entry"))?;
        entries.push((info.protocol, info.required, info.optional));
    }
    Ok(entries)
}

/// DG14 (security options): the same infos inside tag `6E`.
pub fn parse_dg14(bytes: &[u8]) -> Result<SecurityInfos, CardError> {
    let (outer, _) = tlv::parse_one(bytes)?;
    if outer.tag != 0x6E {
        return Err(CardError::Malformed("dg14: tag"));
    }
    parse_security_infos(outer.value)
}

/// EF.CardAccess for a chip offering `infos` (the virtual document's).
pub fn build_card_access(infos: &[PaceInfo]) -> Vec<u8> {
    tlv::encode(0x31, &info_entries(infos))
}

/// The `PACEInfo` entries for `infos`, one after another (the inside of a SET OF SecurityInfo).
pub(crate) fn info_entries(infos: &[PaceInfo]) -> Vec<u8> {
    let mut body = Vec::new();
    for p in infos {
        let mut seq = Vec::new();
        seq.extend(tlv::encode(0x06, &p.oid_bytes()));
        seq.extend(tlv::encode(0x02, &[2]));
        seq.extend(tlv::encode(0x02, &[p.domain.parameter_id()]));
        body.extend(tlv::encode(0x30, &seq));
    }
    body
}

/// DG14 holding the same infos (its hash is then covered by EF.SOD).
pub fn build_dg14(infos: &[PaceInfo]) -> Vec<u8> {
    tlv::encode(0x6E, &build_card_access(infos))
}

/// The authentication token: a MAC over the other side's ephemeral public key (part 11, 4.4.3.4).
fn token(info: &PaceInfo, k_mac: &[u8], public: &[u8]) -> Result<[u8; 8], CardError> {
    let mut body = tlv::encode(0x06, &info.oid_bytes());
    body.extend(tlv::encode(0x86, public));
    info.cipher.mac(k_mac, &tlv::encode(0x7F49, &body))
}

/// `7C` template content → the value of the one data object we expect.
fn dynamic_data(answer: &[u8], tag: u32) -> Result<Vec<u8>, CardError> {
    let (outer, _) = tlv::parse_one(answer)?;
    if outer.tag != 0x7C {
        return Err(CardError::Malformed("pace: no 7C template"));
    }
    tlv::parse_all(outer.value)?
        .into_iter()
        .find(|t| t.tag == tag)
        .map(|t| t.value.to_vec())
        .ok_or(CardError::Malformed("pace: data object missing"))
}

fn template(tag: u32, value: &[u8]) -> Vec<u8> {
    if value.is_empty() {
        return vec![0x7C, 0x00];
    }
    tlv::encode(0x7C, &tlv::encode(tag, value))
}

/// GENERAL AUTHENTICATE, chained (CLA 10) until the last step.
fn general_authenticate(data: Vec<u8>, last: bool) -> CommandApdu {
    CommandApdu::new(if last { 0x00 } else { 0x10 }, 0x86, 0x00, 0x00).with_data(data).with_le(256)
}

/// MSE:Set AT, which starts PACE with a protocol and a password.
pub fn set_at(info: &PaceInfo, key: &AccessKey) -> CommandApdu {
    let mut data = tlv::encode(0x80, &info.oid_bytes());
    data.extend(tlv::encode(0x83, &[key.reference()]));
    CommandApdu::new(0x00, 0x22, 0xC1, 0xA4).with_data(data)
}

/// The terminal's side, one method per GENERAL AUTHENTICATE answer.
pub struct PaceTerminal {
    info: PaceInfo,
    k_pi: Vec<u8>,
    nonce: Vec<u8>,
    sk_map: Vec<u8>,
    pk_map: Vec<u8>,
    sk_eph: Vec<u8>,
    pk_eph: Vec<u8>,
    k_mac: Vec<u8>,
    k_enc: Vec<u8>,
}

impl std::fmt::Debug for PaceTerminal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PaceTerminal({:?})", self.info)
    }
}

impl PaceTerminal {
    pub fn new(info: PaceInfo, key: &AccessKey) -> PaceTerminal {
        PaceTerminal {
            info,
            k_pi: info.cipher.kdf(&key.password(), 3),
            nonce: Vec::new(),
            sk_map: Vec::new(),
            pk_map: Vec::new(),
            sk_eph: Vec::new(),
            pk_eph: Vec::new(),
            k_mac: Vec::new(),
            k_enc: Vec::new(),
        }
    }

    /// Step 1: ask for the encrypted nonce.
    pub fn ask_nonce(&self) -> CommandApdu {
        general_authenticate(template(0x80, &[]), false)
    }

    /// Step 2: decrypt the nonce with the password, send our mapping key.
    pub fn on_nonce(&mut self, answer: &[u8], fill: &mut dyn FnMut(&mut [u8])) -> Result<CommandApdu, CardError> {
        let z = dynamic_data(answer, 0x80)?;
        if z.len() != self.info.cipher.nonce_len() {
            return Err(CardError::Malformed("pace: nonce length"));
        }
        self.nonce = self.info.cipher.decrypt(&self.k_pi, &z)?;
        self.sk_map = self.info.domain.secret(fill);
        self.pk_map = self.info.domain.public(&self.sk_map, None)?;
        Ok(general_authenticate(template(0x81, &self.pk_map), false))
    }

    /// Step 3: map the generator with the chip's mapping key, send our ephemeral key on it.
    pub fn on_mapping(&mut self, answer: &[u8], fill: &mut dyn FnMut(&mut [u8])) -> Result<CommandApdu, CardError> {
        let theirs = dynamic_data(answer, 0x82)?;
        if theirs == self.pk_map {
            return Err(CardError::Malformed("pace: chip echoed our mapping key"));
        }
        let generator = self.info.domain.map_generator(&self.nonce, &self.sk_map, &theirs)?;
        self.sk_eph = self.info.domain.secret(fill);
        self.pk_eph = self.info.domain.public(&self.sk_eph, Some(&generator))?;
        Ok(general_authenticate(template(0x83, &self.pk_eph), false))
    }

    /// Step 4: agree on the session keys, send our token over the chip's ephemeral key.
    pub fn on_key(&mut self, answer: &[u8]) -> Result<CommandApdu, CardError> {
        let theirs = dynamic_data(answer, 0x84)?;
        if theirs == self.pk_eph {
            return Err(CardError::Malformed("pace: chip echoed our ephemeral key"));
        }
        let k = self.info.domain.shared_x(&self.sk_eph, &theirs)?;
        self.k_enc = self.info.cipher.kdf(&k, 1);
        self.k_mac = self.info.cipher.kdf(&k, 2);
        let t = token(&self.info, &self.k_mac, &theirs)?;
        Ok(general_authenticate(template(0x85, &t), true))
    }

    /// Last: check the chip's token over our key; secure messaging starts.
    pub fn finish(&self, answer: &[u8]) -> Result<SecureMessaging, CardError> {
        let theirs = dynamic_data(answer, 0x86)?;
        if !same(&theirs, &token(&self.info, &self.k_mac, &self.pk_eph)?) {
            return Err(CardError::BadMac);
        }
        self.info.cipher.session(self.k_enc.clone(), self.k_mac.clone())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ChipStep {
    Nonce,
    Mapping,
    Key,
    Token,
    Done,
}

/// The chip's side (for the virtual document).
pub struct PaceChip {
    info: PaceInfo,
    step: ChipStep,
    k_pi: Vec<u8>,
    nonce: Vec<u8>,
    sk_map: Vec<u8>,
    pk_map: Vec<u8>,
    sk_eph: Vec<u8>,
    pk_eph: Vec<u8>,
    their_eph: Vec<u8>,
    k_mac: Vec<u8>,
    k_enc: Vec<u8>,
}

impl std::fmt::Debug for PaceChip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PaceChip({:?}, {:?})", self.info, self.step)
    }
}

/// What the chip says to one GENERAL AUTHENTICATE.
#[derive(Debug)]
pub enum ChipAnswer {
    Data(Vec<u8>),
    /// The last answer; secure messaging starts after it is sent.
    Established(Vec<u8>, SecureMessaging),
    Refused(StatusWord),
}

impl PaceChip {
    /// After MSE:Set AT named `info` and a password the chip holds.
    pub fn new(info: PaceInfo, key: &AccessKey) -> PaceChip {
        PaceChip {
            info,
            step: ChipStep::Nonce,
            k_pi: info.cipher.kdf(&key.password(), 3),
            nonce: Vec::new(),
            sk_map: Vec::new(),
            pk_map: Vec::new(),
            sk_eph: Vec::new(),
            pk_eph: Vec::new(),
            their_eph: Vec::new(),
            k_mac: Vec::new(),
            k_enc: Vec::new(),
        }
    }

    pub fn general_authenticate(&mut self, data: &[u8], fill: &mut dyn FnMut(&mut [u8])) -> ChipAnswer {
        match self.answer(data, fill) {
            Ok(a) => a,
            Err(sw) => {
                self.step = ChipStep::Done;
                ChipAnswer::Refused(sw)
            }
        }
    }

    fn answer(&mut self, data: &[u8], fill: &mut dyn FnMut(&mut [u8])) -> Result<ChipAnswer, StatusWord> {
        let wrong = |_| StatusWord::WRONG_DATA;
        let d = self.info.domain;
        match self.step {
            ChipStep::Nonce => {
                self.nonce = vec![0u8; self.info.cipher.nonce_len()];
                fill(&mut self.nonce);
                let z = self.info.cipher.encrypt(&self.k_pi, &self.nonce).map_err(wrong)?;
                self.step = ChipStep::Mapping;
                Ok(ChipAnswer::Data(template(0x80, &z)))
            }
            ChipStep::Mapping => {
                let theirs = dynamic_data(data, 0x81).map_err(wrong)?;
                self.sk_map = d.secret(fill);
                self.pk_map = d.public(&self.sk_map, None).map_err(wrong)?;
                // Keep the terminal's key in the mapping check: the generator is ours to compute.
                let generator = d.map_generator(&self.nonce, &self.sk_map, &theirs).map_err(wrong)?;
                self.sk_eph = d.secret(fill);
                self.pk_eph = d.public(&self.sk_eph, Some(&generator)).map_err(wrong)?;
                self.step = ChipStep::Key;
                Ok(ChipAnswer::Data(template(0x82, &self.pk_map)))
            }
            ChipStep::Key => {
                self.their_eph = dynamic_data(data, 0x83).map_err(wrong)?;
                if self.their_eph == self.pk_eph {
                    return Err(StatusWord::WRONG_DATA);
                }
                let k = d.shared_x(&self.sk_eph, &self.their_eph).map_err(wrong)?;
                self.k_enc = self.info.cipher.kdf(&k, 1);
                self.k_mac = self.info.cipher.kdf(&k, 2);
                self.step = ChipStep::Token;
                Ok(ChipAnswer::Data(template(0x84, &self.pk_eph)))
            }
            ChipStep::Token => {
                let theirs = dynamic_data(data, 0x85).map_err(wrong)?;
                let expected = token(&self.info, &self.k_mac, &self.pk_eph).map_err(wrong)?;
                self.step = ChipStep::Done;
                if !same(&theirs, &expected) {
                    // A wrong password shows here first: the tokens cannot match.
                    return Err(StatusWord::AUTH_FAILED);
                }
                let ours = token(&self.info, &self.k_mac, &self.their_eph).map_err(wrong)?;
                let sm = self.info.cipher.session(self.k_enc.clone(), self.k_mac.clone()).map_err(wrong)?;
                Ok(ChipAnswer::Established(template(0x86, &ours), sm))
            }
            ChipStep::Done => Err(StatusWord::CONDITIONS_NOT_SATISFIED),
        }
    }
}

/// Parses MSE:Set AT data: the protocol OID (80) and the password reference (83).
pub fn parse_set_at(data: &[u8]) -> Option<(Vec<u8>, u8)> {
    let objects = tlv::parse_all(data).ok()?;
    let oid = objects.iter().find(|t| t.tag == 0x80)?.value.to_vec();
    let reference = *objects.iter().find(|t| t.tag == 0x83)?.value.first()?;
    Some((oid, reference))
}

impl PaceInfo {
    /// Whether MSE:Set AT's OID names this variant.
    pub fn matches_oid(&self, oid: &[u8]) -> bool {
        self.oid_bytes() == oid
    }
}

#[cfg(test)]
mod tests {
    use super::super::crypto::hex;
    use super::*;

    /// Hands out the given byte strings in order, as a deterministic `fill`.
    pub fn scripted(chunks: Vec<Vec<u8>>) -> impl FnMut(&mut [u8]) {
        let mut chunks = chunks.into_iter();
        move |buf: &mut [u8]| {
            let chunk = chunks.next().expect("script has enough randomness");
            buf.copy_from_slice(&chunk[..buf.len()]);
        }
    }

    fn g1_key() -> AccessKey {
        AccessKey::Mrz(MrzKey::new("T22000129", "640812", "101031").expect("valid"))
    }

    const CARD_ACCESS: &str = "31143012060A04007F0007020204020202010202010D";

    #[test]
    fn ef_card_access_of_appendix_g1() {
        let infos = parse_security_infos(&hex(CARD_ACCESS)).expect("parses");
        let g1 = PaceInfo { cipher: PaceCipher::Aes128, domain: Domain::BrainpoolP256r1 };
        assert_eq!(infos.pace, [g1]);
        assert_eq!(infos.protocols, ["0.4.0.127.0.7.2.2.4.2.2"]);
        assert_eq!(build_card_access(&[g1]), hex(CARD_ACCESS));
        assert_eq!(parse_dg14(&build_dg14(&[g1])).expect("parses").pace, [g1]);
        assert_eq!(set_at(&g1, &g1_key()).to_bytes(), hex("0022C1A40F800A04007F00070202040202830101"));
        assert!(g1.matches_oid(&hex("04007F00070202040202")));
    }

    #[test]
    fn unknown_and_unsupported_infos_are_listed_but_not_offered() {
        // ECDH-IM (…4.4.2), DH-GM (…4.1.2), ECDH-GM with a 512-bit curve (17), and chip authentication.
        let mut body = Vec::new();
        for (oid, version, param) in [
            ("04007F00070202040402", 2u8, 13u8),
            ("04007F00070202040102", 2, 0),
            ("04007F00070202040204", 2, 17),
            ("04007F00070202030202", 1, 1),
            ("04007F00070202040204", 2, 16),
            ("04007F00070202040201", 2, 12),
        ] {
            let mut seq = tlv::encode(0x06, &hex(oid));
            seq.extend(tlv::encode(0x02, &[version]));
            seq.extend(tlv::encode(0x02, &[param]));
            body.extend(tlv::encode(0x30, &seq));
        }
        let infos = parse_security_infos(&tlv::encode(0x31, &body)).expect("parses");
        assert_eq!(infos.protocols.len(), 6);
        assert_eq!(
            infos.pace,
            [
                PaceInfo { cipher: PaceCipher::Aes256, domain: Domain::BrainpoolP384r1 },
                PaceInfo { cipher: PaceCipher::Tdes, domain: Domain::P256 },
            ],
            "AES first"
        );
        for bad in ["", "30", "3100", "310330010A", "3105300306012A"] {
            let parsed = parse_security_infos(&hex(bad));
            assert!(parsed.is_err() || parsed.is_ok_and(|i| i.pace.is_empty()), "{bad}");
        }
    }

    #[test]
    fn part_11_appendix_g1_terminal_side_byte_for_byte() {
        let info = PaceInfo { cipher: PaceCipher::Aes128, domain: Domain::BrainpoolP256r1 };
        let mut t = PaceTerminal::new(info, &g1_key());
        let mut fill = scripted(vec![
            hex("7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99"),
            hex("A73FB703AC1436A18E0CFA5ABB3F7BEC7A070E7A6788486BEE230C4A22762595"),
        ]);
        assert_eq!(t.ask_nonce().to_bytes(), hex("10860000027C0000"));
        let map = t.on_nonce(&hex("7C12801095A3A016522EE98D01E76CB6B98B42C3"), &mut fill).expect("ok");
        assert_eq!(
            map.to_bytes(),
            hex("10860000457C438141047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E
                 544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D00")
        );
        let key = t
            .on_mapping(
                &hex("7C43824104824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F57
                      30D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C54"),
                &mut fill,
            )
            .expect("ok");
        assert_eq!(
            key.to_bytes(),
            hex("10860000457C438341042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C
                 3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB3646200")
        );
        let tok = t
            .on_key(&hex("7C438441049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB
                          7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F094"))
            .expect("ok");
        assert_eq!(tok.to_bytes(), hex("008600000C7C0A8508C2B0BD78D94BA86600"));
        assert_eq!(t.k_enc, hex("F5F0E35C0D7161EE6724EE513A0D9A7F"));
        assert_eq!(t.k_mac, hex("FE251C7858B356B24514B3BD5F4297D1"));
        assert!(t.finish(&hex("7C0A86083ABB9674BCE93C08")).is_ok());
        assert!(matches!(t.finish(&hex("7C0A86083ABB9674BCE93C09")), Err(CardError::BadMac)), "a forged chip token");
    }

    fn os_fill(seed: u8) -> impl FnMut(&mut [u8]) {
        let mut n = 0u32;
        move |buf: &mut [u8]| {
            for chunk in buf.chunks_mut(20) {
                n += 1;
                let h = sha1(&[&[seed][..], &n.to_be_bytes()].concat());
                chunk.copy_from_slice(&h[..chunk.len()]);
            }
        }
    }

    /// Runs both sides against each other; the sessions they end with must interoperate.
    fn handshake(info: PaceInfo, terminal_key: &AccessKey, chip_key: &AccessKey) -> Result<(), CardError> {
        let (mut tf, mut cf) = (os_fill(1), os_fill(2));
        let mut t = PaceTerminal::new(info, terminal_key);
        let mut c = PaceChip::new(info, chip_key);
        let data = |a: ChipAnswer| match a {
            ChipAnswer::Data(d) => Ok(d),
            ChipAnswer::Refused(sw) => Err(CardError::Status(sw)),
            ChipAnswer::Established(..) => Err(CardError::Malformed("too early")),
        };
        let a = data(c.general_authenticate(&t.ask_nonce().data, &mut cf))?;
        let cmd = t.on_nonce(&a, &mut tf)?;
        let a = data(c.general_authenticate(&cmd.data, &mut cf))?;
        let cmd = t.on_mapping(&a, &mut tf)?;
        let a = data(c.general_authenticate(&cmd.data, &mut cf))?;
        let cmd = t.on_key(&a)?;
        match c.general_authenticate(&cmd.data, &mut cf) {
            ChipAnswer::Established(a, mut chip_sm) => {
                let mut sm = t.finish(&a)?;
                let wire = sm.protect(&CommandApdu::new(0, 0xB0, 0, 0).with_le(4))?;
                assert_eq!(chip_sm.open_command(&wire)?.le, Some(4));
                Ok(())
            }
            ChipAnswer::Refused(StatusWord::AUTH_FAILED) => Err(CardError::AccessDenied),
            other => Err(CardError::Malformed(if matches!(other, ChipAnswer::Data(_)) { "data" } else { "refused" })),
        }
    }

    #[test]
    fn both_sides_agree_on_every_cipher_and_curve_with_mrz_and_can() {
        let can = AccessKey::can("123456").expect("six digits");
        for cipher in [PaceCipher::Tdes, PaceCipher::Aes128, PaceCipher::Aes192, PaceCipher::Aes256] {
            for domain in [Domain::P256, Domain::BrainpoolP256r1, Domain::P384, Domain::BrainpoolP384r1] {
                let info = PaceInfo { cipher, domain };
                handshake(info, &g1_key(), &g1_key()).unwrap_or_else(|e| panic!("{info:?}: {e}"));
                handshake(info, &can, &can).unwrap_or_else(|e| panic!("{info:?} CAN: {e}"));
            }
        }
    }

    #[test]
    fn a_wrong_password_is_refused_by_the_chip() {
        let info = PaceInfo { cipher: PaceCipher::Aes128, domain: Domain::BrainpoolP256r1 };
        let other = AccessKey::Mrz(MrzKey::new("T22000129", "640812", "101030").expect("valid"));
        assert_eq!(handshake(info, &other, &g1_key()), Err(CardError::AccessDenied));
        let can = AccessKey::can("123456").expect("ok");
        assert_eq!(handshake(info, &AccessKey::can("654321").expect("ok"), &can), Err(CardError::AccessDenied));
        assert_eq!(handshake(info, &g1_key(), &can), Err(CardError::AccessDenied), "MRZ where the chip wants the CAN");
        for bad in ["12345", "1234567", "12a456", ""] {
            assert!(AccessKey::can(bad).is_err(), "{bad}");
        }
    }
}
