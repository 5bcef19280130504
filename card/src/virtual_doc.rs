//! A virtual eMRTD: the chip side of BAC, PACE, secure messaging and the file system, for tests and the demo.
//!
//! It answers APDUs as a passport chip would. [`super::vpcd`] attaches it to
//! pcscd through the vsmartcard virtual reader, so the kiosk reads it through
//! the same PC/SC stack as a real document.

use super::apdu::{CommandApdu, ResponseApdu, StatusWord};
use super::bac::BacCard;
use super::ca::{self, CaChipKey};
use super::crypto::sha1;
use super::lds::{FileId, AID};
use super::mrz::MrzKey;
use super::pace::{self, AccessKey, ChipAnswer, PaceChip, PaceCipher, PaceInfo};
use super::sm::SecureMessaging;
use super::tlv;
use std::collections::BTreeMap;

/// What is on the chip: the files, and the passwords that open them.
#[derive(Clone)]
pub struct DocumentContents {
    pub key: MrzKey,
    /// The card access number printed on the document, for PACE.
    pub can: Option<String>,
    /// The PACE variants offered in EF.CardAccess (none: a BAC-only chip).
    pub pace: Vec<PaceInfo>,
    pub files: BTreeMap<FileId, Vec<u8>>,
    /// The private half of DG15's key (Active Authentication), when DG15 is among the files.
    pub active_authentication: Option<super::aa::ChipKey>,
    /// The static key pair DG14 offers for Chip Authentication, when it offers it.
    pub chip_authentication: Option<CaChipKey>,
}

impl std::fmt::Debug for DocumentContents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DocumentContents({:?})", self.files.keys().collect::<Vec<_>>())
    }
}

/// The chip's random numbers: SHA-1 over a seed and a counter (seed it from the OS outside tests).
struct ChipRandom {
    seed: [u8; 20],
    counter: u64,
}

impl ChipRandom {
    fn fill(&mut self, out: &mut [u8]) {
        for chunk in out.chunks_mut(20) {
            self.counter += 1;
            let mut input = self.seed.to_vec();
            input.extend_from_slice(&self.counter.to_be_bytes());
            let block = sha1(&input);
            chunk.copy_from_slice(&block[..chunk.len()]);
        }
    }
}

/// Ways real chips (and Debian's vicc) answer that a reader must still read through, each a
/// switch so each is a test. An empty file needs none: give it no bytes (SELECT answers 9000,
/// READ BINARY at offset 0 a 6282 with no data, as vicc's DG2 without a face).
#[derive(Debug, Clone, Default)]
pub struct Quirks {
    /// Under secure messaging an error (6A82, 6282 with no data) comes back as a plain status
    /// word, with no MAC and not counted (vicc).
    pub unprotected_errors: bool,
    /// BAC with the wrong key is refused with 6988 (vicc), not 6982.
    pub bac_refusal_6988: bool,
    /// After answering an error the chip ends secure messaging: the next protected command gets
    /// 6988 until BAC or PACE opens it again.
    pub ends_sm_after_error: bool,
    /// READ BINARY of this file fails (6F00, no precise diagnosis), at every offset.
    pub unreadable: Option<FileId>,
    /// READ BINARY by short file identifier is refused (6A86): every file needs its SELECT.
    pub no_short_ids: bool,
    /// A clone: DG14 and DG15 copied from the genuine chip, but not their keys; it answers
    /// INTERNAL AUTHENTICATE with a signature of its own making, and Chip Authentication with a
    /// key of its own (so its secure messaging after it is not the terminal's).
    pub cloned: bool,
}

pub struct VirtualDocument {
    contents: DocumentContents,
    card_access: Option<Vec<u8>>,
    bac: BacCard,
    applet: bool,
    selected: Option<FileId>,
    /// EF.CardAccess selected in the master file (before any access control).
    card_access_selected: bool,
    challenge: Option<[u8; 8]>,
    pace: Option<PaceChip>,
    sm: Option<SecureMessaging>,
    /// Chip Authentication with AES: the cipher MSE:Set AT chose, until GENERAL AUTHENTICATE.
    ca_chosen: bool,
    /// The session Chip Authentication agreed on: secure messaging restarts with it once the
    /// answer to the command that finished it has gone out under the old one.
    ca_session: Option<SecureMessaging>,
    rng: ChipRandom,
    /// Refuse READ BINARY asking for more than this (6700), as some readers and cards do.
    pub max_read: Option<usize>,
    pub quirks: Quirks,
}

impl std::fmt::Debug for VirtualDocument {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "VirtualDocument(applet {}, sm {})", self.applet, self.sm.is_some())
    }
}

/// `3B 88 80 01` + 8 historical bytes + TCK: T=1, as contactless readers present ISO 14443-4 cards.
pub fn atr() -> Vec<u8> {
    let mut atr = vec![0x3B, 0x88, 0x80, 0x01];
    atr.extend_from_slice(b"MINWONVD");
    let tck = atr[1..].iter().fold(0u8, |a, b| a ^ b);
    atr.push(tck);
    atr
}

fn status(sw: StatusWord) -> Vec<u8> {
    sw.0.to_be_bytes().to_vec()
}

impl VirtualDocument {
    /// `seed` makes the card's random challenges (draw it from the OS outside tests).
    pub fn new(contents: DocumentContents, seed: &[u8]) -> VirtualDocument {
        let bac = BacCard::new(&contents.key);
        let card_access = (!contents.pace.is_empty()).then(|| pace::build_card_access(&contents.pace));
        VirtualDocument {
            contents,
            card_access,
            bac,
            applet: false,
            selected: None,
            card_access_selected: false,
            challenge: None,
            pace: None,
            sm: None,
            ca_chosen: false,
            ca_session: None,
            rng: ChipRandom { seed: sha1(seed), counter: 0 },
            max_read: None,
            quirks: Quirks::default(),
        }
    }

    /// Power cycle: the chip forgets the session.
    pub fn reset(&mut self) {
        self.applet = false;
        self.selected = None;
        self.card_access_selected = false;
        self.challenge = None;
        self.pace = None;
        self.sm = None;
        self.ca_chosen = false;
        self.ca_session = None;
    }

    fn random<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0u8; N];
        self.rng.fill(&mut out);
        out
    }

    /// MSE:Set AT: which PACE, with which password.
    fn set_at(&mut self, data: &[u8]) -> Vec<u8> {
        let Some((oid, reference)) = pace::parse_set_at(data) else { return status(StatusWord::WRONG_DATA) };
        let Some(info) = self.contents.pace.iter().find(|p| p.matches_oid(&oid)).copied() else {
            return status(StatusWord::WRONG_DATA);
        };
        let key = match (reference, &self.contents.can) {
            (1, _) => AccessKey::Mrz(self.contents.key.clone()),
            (2, Some(can)) => AccessKey::Can(can.clone()),
            _ => return status(StatusWord::REFERENCED_DATA_NOT_FOUND),
        };
        self.pace = Some(PaceChip::new(info, &key));
        self.sm = None;
        status(StatusWord::OK)
    }

    fn general_authenticate(&mut self, data: &[u8]) -> Vec<u8> {
        let Some(mut chip) = self.pace.take() else { return status(StatusWord::CONDITIONS_NOT_SATISFIED) };
        let rng = &mut self.rng;
        match chip.general_authenticate(data, &mut |b| rng.fill(b)) {
            ChipAnswer::Data(d) => {
                self.pace = Some(chip);
                ResponseApdu::new(d, StatusWord::OK).to_bytes()
            }
            ChipAnswer::Established(d, sm) => {
                self.sm = Some(sm);
                self.applet = false;
                ResponseApdu::new(d, StatusWord::OK).to_bytes()
            }
            ChipAnswer::Refused(sw) => status(sw),
        }
    }

    /// READ BINARY of EF.CardAccess, which needs no access control.
    fn read_card_access(&self, cmd: &CommandApdu) -> Vec<u8> {
        let Some(bytes) = &self.card_access else { return status(StatusWord::FILE_NOT_FOUND) };
        let offset =
            if cmd.p1 & 0x80 != 0 { usize::from(cmd.p2) } else { usize::from(u16::from_be_bytes([cmd.p1, cmd.p2])) };
        if offset > bytes.len() {
            return status(StatusWord::WRONG_P1P2);
        }
        let end = (offset + cmd.le.unwrap_or(256)).min(bytes.len());
        ResponseApdu::new(bytes[offset..end].to_vec(), StatusWord::OK).to_bytes()
    }

    /// Answers one command APDU.
    pub fn respond(&mut self, bytes: &[u8]) -> Vec<u8> {
        let Some(cmd) = CommandApdu::parse(bytes) else { return status(StatusWord::WRONG_LENGTH) };
        if self.sm.is_some() {
            return self.respond_protected(&cmd);
        }
        // A protected command with no session (it ended): as a chip answers it.
        if cmd.cla & 0x0C == 0x0C {
            return status(StatusWord::SM_DATA_INCORRECT);
        }
        let card_access_sfi = 0x80 | (FileId::CardAccess.fid() & 0x1F) as u8;
        match (cmd.cla, cmd.ins, cmd.p1) {
            (0x00, 0xA4, 0x02) if cmd.data == FileId::CardAccess.fid().to_be_bytes() => {
                self.card_access_selected = self.card_access.is_some();
                status(if self.card_access_selected { StatusWord::OK } else { StatusWord::FILE_NOT_FOUND })
            }
            (0x00, 0xB0, p1) if (p1 & 0x80 == 0 && self.card_access_selected) || p1 == card_access_sfi => {
                // Read by its short identifier, EF.CardAccess becomes the current file.
                if p1 == card_access_sfi {
                    self.card_access_selected = self.card_access.is_some();
                }
                self.read_card_access(&cmd)
            }
            (0x00, 0x22, 0xC1) if cmd.p2 == 0xA4 && self.card_access.is_some() => self.set_at(&cmd.data),
            (0x00 | 0x10, 0x86, 0x00) => self.general_authenticate(&cmd.data),
            (0x00, 0xA4, 0x04) => {
                self.applet = cmd.data == AID;
                status(if self.applet { StatusWord::OK } else { StatusWord::FILE_NOT_FOUND })
            }
            (0x00, 0x84, _) if self.applet => {
                let challenge: [u8; 8] = self.random();
                self.challenge = Some(challenge);
                ResponseApdu::new(challenge.to_vec(), StatusWord::OK).to_bytes()
            }
            (0x00, 0x82, _) if self.applet => {
                let Some(challenge) = self.challenge.take() else {
                    return status(StatusWord::CONDITIONS_NOT_SATISFIED);
                };
                let k_ic: [u8; 16] = self.random();
                match self.bac.answer(&challenge, &k_ic, &cmd.data) {
                    Ok((answer, sm)) => {
                        self.sm = Some(sm);
                        ResponseApdu::new(answer, StatusWord::OK).to_bytes()
                    }
                    Err(_) if self.quirks.bac_refusal_6988 => status(StatusWord::SM_DATA_INCORRECT),
                    Err(_) => status(StatusWord::SECURITY_NOT_SATISFIED),
                }
            }
            (0x00, 0xA4 | 0xB0 | 0xB1, _) => status(StatusWord::SECURITY_NOT_SATISFIED),
            _ => status(StatusWord::INS_NOT_SUPPORTED),
        }
    }

    fn respond_protected(&mut self, wire: &CommandApdu) -> Vec<u8> {
        let Some(sm) = self.sm.as_mut() else { return status(StatusWord::SM_DATA_MISSING) };
        let cmd = match sm.open_command(wire) {
            Ok(c) => c,
            Err(_) => {
                // A broken or missing MAC ends the session, as on a real chip.
                self.sm = None;
                return status(StatusWord::SM_DATA_INCORRECT);
            }
        };
        let answer = self.execute(&cmd);
        let error = !answer.sw.is_ok() && answer.data.is_empty();
        let reply = if error && self.quirks.unprotected_errors {
            // Plain, unMACed, and so not counted.
            status(answer.sw)
        } else {
            match self.sm.as_mut().map(|sm| sm.protect_response(&answer)) {
                Some(Ok(r)) => r.to_bytes(),
                _ => status(StatusWord::SM_DATA_INCORRECT),
            }
        };
        if error && answer.sw != StatusWord::END_OF_FILE_WARNING && self.quirks.ends_sm_after_error {
            self.sm = None;
        }
        if let Some(next) = self.ca_session.take() {
            self.sm = Some(next);
        }
        reply
    }

    /// Chip Authentication's key agreement with the terminal's key: the new session waits for
    /// this answer to go out. A clone agrees with a key of its own making.
    fn chip_authenticate(&mut self, their_public: &[u8], key_id: Option<Vec<u8>>) -> ResponseApdu {
        let none = |sw| ResponseApdu::new(Vec::new(), sw);
        let Some(key) = self.contents.chip_authentication.clone() else { return none(StatusWord::INS_NOT_SUPPORTED) };
        if key_id.is_some() && key_id != key.offer.key_id {
            return none(StatusWord::REFERENCED_DATA_NOT_FOUND);
        }
        let key = if self.quirks.cloned {
            let rng = &mut self.rng;
            CaChipKey::generate(key.offer.cipher, key.offer.domain, key.offer.key_id, &mut |b| rng.fill(b))
        } else {
            key
        };
        match key.agree(their_public) {
            Some(session) => {
                self.ca_session = Some(session);
                none(StatusWord::OK)
            }
            None => none(StatusWord::WRONG_DATA),
        }
    }

    fn execute(&mut self, cmd: &CommandApdu) -> ResponseApdu {
        let none = |sw| ResponseApdu::new(Vec::new(), sw);
        match (cmd.ins, cmd.p1, cmd.p2) {
            (0xA4, 0x02, 0x0C) => {
                let file = match cmd.data.as_slice() {
                    [hi, lo] => FileId::from_fid(u16::from_be_bytes([*hi, *lo])),
                    _ => return none(StatusWord::WRONG_DATA),
                };
                match file.filter(|f| self.contents.files.contains_key(f)) {
                    Some(f) => {
                        self.selected = Some(f);
                        none(StatusWord::OK)
                    }
                    None => none(StatusWord::FILE_NOT_FOUND),
                }
            }
            (0xA4, 0x04, _) => none(if cmd.data == AID { StatusWord::OK } else { StatusWord::FILE_NOT_FOUND }),
            // Chip Authentication. 3DES: MSE:Set KAT with the terminal's key.
            (0x22, 0x41, 0xA6) => match ca::parse_set_kat(&cmd.data) {
                Some(req)
                    if self
                        .contents
                        .chip_authentication
                        .as_ref()
                        .is_some_and(|k| k.offer.cipher == PaceCipher::Tdes) =>
                {
                    self.chip_authenticate(&req.public, req.key_id)
                }
                Some(_) => none(StatusWord::CONDITIONS_NOT_SATISFIED),
                None => none(StatusWord::WRONG_DATA),
            },
            // AES: MSE:Set AT names the protocol (and key), GENERAL AUTHENTICATE brings the key.
            (0x22, 0x41, 0xA4) => {
                let offered =
                    self.contents.chip_authentication.as_ref().map(|k| (k.offer.cipher, k.offer.key_id.clone()));
                match (ca::parse_set_at(&cmd.data), offered) {
                    (Some((cipher, id)), Some((ours, our_id))) if cipher == ours && (id.is_none() || id == our_id) => {
                        self.ca_chosen = true;
                        none(StatusWord::OK)
                    }
                    (Some(_), _) => none(StatusWord::REFERENCED_DATA_NOT_FOUND),
                    (None, _) => none(StatusWord::WRONG_DATA),
                }
            }
            (0x86, 0x00, 0x00) if self.ca_chosen => {
                self.ca_chosen = false;
                let Some(theirs) = ca::parse_general_authenticate(&cmd.data) else {
                    return none(StatusWord::WRONG_DATA);
                };
                let answer = self.chip_authenticate(&theirs, None);
                if answer.sw.is_ok() {
                    return ResponseApdu::new(vec![0x7C, 0x00], StatusWord::OK);
                }
                answer
            }
            // INTERNAL AUTHENTICATE: the challenge signed with DG15's private key.
            (0x88, 0x00, 0x00) => {
                let (Some(key), Ok(challenge)) =
                    (self.contents.active_authentication.clone(), <[u8; 8]>::try_from(cmd.data.as_slice()))
                else {
                    return none(StatusWord::INS_NOT_SUPPORTED);
                };
                let rng = &mut self.rng;
                let mut signature = key.sign(&mut |b| rng.fill(b), &challenge);
                if self.quirks.cloned {
                    // Its own key's signature: to DG15's key, noise of the same length.
                    rng.fill(&mut signature);
                }
                ResponseApdu::new(signature, StatusWord::OK)
            }
            (0xB1, 0x00, 0x00) => {
                // READ BINARY with an offset object (54), for offsets past 32767; the answer is wrapped in 53.
                let offset = match tlv::parse_one(&cmd.data) {
                    Ok((t, _)) if t.tag == 0x54 && !t.value.is_empty() && t.value.len() <= 3 => {
                        t.value.iter().fold(0usize, |a, b| (a << 8) | usize::from(*b))
                    }
                    _ => return none(StatusWord::WRONG_DATA),
                };
                let Some(bytes) = self.selected.and_then(|f| self.contents.files.get(&f)) else {
                    return none(StatusWord::CONDITIONS_NOT_SATISFIED);
                };
                if offset > bytes.len() {
                    return none(StatusWord::WRONG_P1P2);
                }
                let le = cmd.le.unwrap_or(256);
                if self.max_read.is_some_and(|max| le > max) {
                    return none(StatusWord::WRONG_LENGTH);
                }
                let room = match le {
                    0..=129 => le.saturating_sub(2),
                    130..=258 => le - 3,
                    _ => le - 4,
                };
                let end = (offset + room).min(bytes.len());
                let sw = if end - offset < room { StatusWord::END_OF_FILE_WARNING } else { StatusWord::OK };
                ResponseApdu::new(tlv::encode(0x53, &bytes[offset..end]), sw)
            }
            (0xB1, ..) if self.quirks.unreadable.is_some() && self.selected == self.quirks.unreadable => {
                none(StatusWord(0x6F00))
            }
            (0xB0, p1, _) if p1 & 0x80 != 0 && self.quirks.no_short_ids => none(StatusWord(0x6A86)),
            (0xB0, p1, p2) => {
                let (file, offset) = if p1 & 0x80 != 0 {
                    let sfi = p1 & 0x1F;
                    let file = self.contents.files.keys().copied().find(|f| (f.fid() & 0x1F) as u8 == sfi);
                    (file, usize::from(p2))
                } else {
                    (self.selected, usize::from(u16::from_be_bytes([p1, p2])))
                };
                if file.is_some() && file == self.quirks.unreadable {
                    return none(StatusWord(0x6F00));
                }
                let Some(bytes) = file.and_then(|f| self.contents.files.get(&f)) else {
                    // A short identifier naming no file is a missing file; with no file selected,
                    // nothing to read.
                    return none(if p1 & 0x80 != 0 {
                        StatusWord::FILE_NOT_FOUND
                    } else {
                        StatusWord::CONDITIONS_NOT_SATISFIED
                    });
                };
                if p1 & 0x80 != 0 {
                    self.selected = file;
                }
                if offset > bytes.len() {
                    return none(StatusWord::WRONG_P1P2);
                }
                let want = cmd.le.unwrap_or(256);
                if self.max_read.is_some_and(|max| want > max) {
                    return none(StatusWord::WRONG_LENGTH);
                }
                let end = (offset + want).min(bytes.len());
                let sw = if end - offset < want { StatusWord::END_OF_FILE_WARNING } else { StatusWord::OK };
                ResponseApdu::new(bytes[offset..end].to_vec(), sw)
            }
            _ => none(StatusWord::INS_NOT_SUPPORTED),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::curve::Domain;
    use super::super::lds;
    use super::super::pace::PaceCipher;
    use super::super::reader::{AccessControl, ReadConfig, ReadDocument, ReadEvent};
    use super::*;
    use crate::CardError;

    const MRZ: &str = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";
    const PACE: PaceInfo = PaceInfo { cipher: PaceCipher::Aes256, domain: Domain::P256 };

    fn card_with(pace: Vec<PaceInfo>, face_len: usize) -> VirtualDocument {
        let key = lds::parse_dg1(&lds::build_dg1(MRZ)).expect("specimen").access_key();
        let mut files = BTreeMap::new();
        files.insert(FileId::Com, lds::build_com(&[FileId::Dg(1), FileId::Dg(2)]));
        files.insert(FileId::Dg(1), lds::build_dg1(MRZ));
        let jpeg: Vec<u8> = [0xFF, 0xD8, 0xFF, 0xE0].into_iter().chain((0..face_len).map(|i| i as u8)).collect();
        files.insert(FileId::Dg(2), lds::build_dg2(&jpeg, 240, 320));
        let contents = DocumentContents {
            key,
            can: Some("482913".into()),
            pace,
            files,
            active_authentication: None,
            chip_authentication: None,
        };
        VirtualDocument::new(contents, b"test seed")
    }

    fn card() -> VirtualDocument {
        card_with(Vec::new(), 3000)
    }

    fn counting_entropy() -> super::super::reader::Entropy {
        let mut n = 0u8;
        Box::new(move |b: &mut [u8]| {
            n = n.wrapping_add(1);
            b.iter_mut().enumerate().for_each(|(i, x)| *x = n ^ (i as u8).wrapping_mul(13));
        })
    }

    fn read_with(card: &mut VirtualDocument, key: &AccessKey, config: ReadConfig) -> (Vec<ReadEvent>, usize) {
        let mut reader = ReadDocument::new(key, counting_entropy(), config);
        let mut events = vec![];
        while let Some(cmd) = reader.poll_transmit() {
            let answer = card.respond(&cmd.to_bytes());
            reader.handle_response(&answer);
            while let Some(e) = reader.poll_event() {
                events.push(e);
            }
        }
        (events, reader.apdu_count())
    }

    fn read(card: &mut VirtualDocument, key: &MrzKey, extended: bool) -> (Vec<ReadEvent>, usize) {
        let files = vec![FileId::Com, FileId::Dg(1), FileId::Dg(2), FileId::Dg(11)];
        read_with(card, &key.clone().into(), ReadConfig { files, extended_length: extended, ..ReadConfig::default() })
    }

    fn file(events: &[ReadEvent], id: FileId) -> Option<Vec<u8>> {
        events.iter().find_map(|e| match e {
            ReadEvent::File { id: i, bytes } if *i == id => Some(bytes.clone()),
            _ => None,
        })
    }

    fn key() -> MrzKey {
        MrzKey::new("L898902C3", "740812", "120415").expect("valid")
    }

    #[test]
    fn the_reader_reads_every_file_of_the_virtual_document() {
        let mut counts = vec![];
        for extended in [false, true] {
            let (events, apdus) = read(&mut card(), &key(), extended);
            assert_eq!(events.first(), Some(&ReadEvent::Authenticated(AccessControl::Bac)));
            assert_eq!(events.last(), Some(&ReadEvent::Finished));
            // EF.COM lists DG1 and DG2 only: DG11 is not even asked for.
            assert!(!events.iter().any(|e| matches!(e, ReadEvent::Absent(FileId::Dg(11)))));
            let face = lds::parse_dg2(&file(&events, FileId::Dg(2)).expect("DG2 read")).expect("parses");
            assert_eq!(face.bytes.len(), 3004);
            let dg1 = lds::parse_dg1(&file(&events, FileId::Dg(1)).expect("DG1 read")).expect("parses");
            assert_eq!(dg1.given_names, "ANNA MARIA");
            counts.push(apdus);
        }
        // DG2's 3 KB: 223 bytes a read, or 4 KB at once (files by short identifier, no SELECT).
        assert!(counts[1] < counts[0] && counts[0] <= 23, "extended fewer than short: {counts:?}");
    }

    #[test]
    fn pace_with_the_mrz_or_the_can_then_the_same_files() {
        let can = AccessKey::can("482913").expect("six digits");
        for key in [AccessKey::Mrz(key()), can] {
            let mut c = card_with(vec![PACE], 3000);
            let (events, _) = read_with(&mut c, &key, ReadConfig::default());
            assert!(events.iter().any(|e| matches!(e, ReadEvent::File { id: FileId::CardAccess, .. })), "{key:?}");
            assert!(events.contains(&ReadEvent::Authenticated(AccessControl::Pace(PACE))), "{key:?}: {events:?}");
            assert_eq!(events.last(), Some(&ReadEvent::Finished));
            assert_eq!(file(&events, FileId::Dg(2)).map(|b| b.len()), Some(c.contents.files[&FileId::Dg(2)].len()));
        }
        // A reader told not to use PACE still opens the chip with BAC.
        let mut c = card_with(vec![PACE], 3000);
        let (events, _) = read_with(&mut c, &key().into(), ReadConfig { pace: false, ..ReadConfig::default() });
        assert!(events.contains(&ReadEvent::Authenticated(AccessControl::Bac)));
        assert_eq!(events.last(), Some(&ReadEvent::Finished));
    }

    #[test]
    fn a_wrong_can_and_a_can_on_a_bac_only_chip_are_named() {
        let wrong = AccessKey::can("482914").expect("six digits");
        let (events, _) = read_with(&mut card_with(vec![PACE], 10), &wrong, ReadConfig::default());
        assert_eq!(events.last(), Some(&ReadEvent::Failed(CardError::WrongCan)));
        let right = AccessKey::can("482913").expect("six digits");
        let (events, _) = read_with(&mut card(), &right, ReadConfig::default());
        assert_eq!(events, [ReadEvent::Failed(CardError::CanNeedsPace)]);
        let wrong_mrz = MrzKey::new("L898902C3", "740813", "120415").expect("valid");
        let (events, _) = read_with(&mut card_with(vec![PACE], 10), &wrong_mrz.into(), ReadConfig::default());
        assert_eq!(events.last(), Some(&ReadEvent::Failed(CardError::AccessDenied)));
    }

    #[test]
    fn files_past_32767_bytes_are_read_with_the_odd_ins() {
        for pace in [vec![], vec![PACE]] {
            let mut c = card_with(pace, 40_000);
            let config = ReadConfig { extended_length: true, ..ReadConfig::default() };
            let (events, apdus) = read_with(&mut c, &key().into(), config);
            assert_eq!(events.last(), Some(&ReadEvent::Finished), "{events:?}");
            assert_eq!(file(&events, FileId::Dg(2)), Some(c.contents.files[&FileId::Dg(2)].clone()));
            assert!(apdus < 30, "{apdus}");
        }
    }

    #[test]
    fn reads_fall_back_to_smaller_lengths_when_refused() {
        // A card behind a reader that takes no more than 112-byte answers: 6700 for anything larger.
        let mut c = card();
        c.max_read = Some(112);
        let (events, _) = read(&mut c, &key(), true);
        assert_eq!(events.last(), Some(&ReadEvent::Finished), "{events:?}");
        let dg2 = file(&events, FileId::Dg(2)).map(|b| b.len());
        assert_eq!(dg2, Some(c.contents.files[&FileId::Dg(2)].len()), "DG2 whole, 112 bytes at a time");
        // Nothing small enough: a clean error.
        let mut c = card();
        c.max_read = Some(64);
        let (events, _) = read(&mut c, &key(), false);
        assert!(matches!(events.last(), Some(ReadEvent::Failed(CardError::Status(_)))), "{events:?}");
    }

    #[test]
    fn a_wrong_mrz_is_refused_and_nothing_is_read() {
        let key = MrzKey::new("L898902C3", "740813", "120415").expect("valid");
        let (events, _) = read(&mut card(), &key, false);
        assert_eq!(events, [ReadEvent::Failed(CardError::AccessDenied)]);
    }

    #[test]
    fn plain_reads_without_access_control_are_refused() {
        let mut c = card_with(vec![PACE], 10);
        assert_eq!(c.respond(&[0x00, 0xA4, 0x04, 0x0C, 0x07, 0xA0, 0, 0, 2, 0x47, 0x10, 1]), [0x90, 0x00]);
        assert_eq!(c.respond(&[0x00, 0xA4, 0x02, 0x0C, 0x02, 0x01, 0x01]), [0x69, 0x82]);
        assert_eq!(c.respond(&[0x00, 0xB0, 0x00, 0x00, 0x08]), [0x69, 0x82]);
        // EF.CardAccess is the one file anyone may read.
        assert_eq!(c.respond(&[0x00, 0xA4, 0x02, 0x0C, 0x02, 0x01, 0x1C]), [0x90, 0x00]);
        assert_eq!(c.respond(&[0x00, 0xB0, 0x00, 0x00, 0x02])[..2], [0x31, 0x14]);
        assert_eq!(c.respond(&[0x00, 0x86, 0x00, 0x00, 0x02, 0x7C, 0x00, 0x00]), [0x69, 0x85], "no PACE before Set AT");
        assert_eq!(c.respond(&[0x00]), [0x67, 0x00]);
        let atr = atr();
        assert_eq!(atr.iter().skip(1).fold(0u8, |a, b| a ^ b), 0, "TCK makes the XOR of T0..TCK zero");
    }

    /// Everything the kiosk reads, EF.SOD and DG11 among it (absent here unless the card has them).
    fn read_all(card: &mut VirtualDocument, key: &MrzKey) -> Vec<ReadEvent> {
        read_with(card, &key.clone().into(), ReadConfig { pace: false, ..ReadConfig::default() }).0
    }

    fn document(events: Vec<ReadEvent>) -> crate::document::ReadResult {
        crate::document::ReadResult::from_events(events).expect("a document: DG1 at least")
    }

    /// vicc's ePass as Debian ships it: an empty DG2 (6282 at offset 0), no EF.SOD and no DG11,
    /// each error a plain status word the chip does not count, a wrong key refused with 6988.
    #[test]
    fn a_chip_answering_as_vicc_does_is_read_to_dg1_and_a_wrong_key_is_access_denied() {
        let vicc = || {
            let mut c = card();
            c.contents.files.insert(FileId::Dg(2), Vec::new());
            c.quirks = Quirks { unprotected_errors: true, bac_refusal_6988: true, ..Quirks::default() };
            c
        };
        let events = read_all(&mut vicc(), &key());
        assert!(events.contains(&ReadEvent::Absent(FileId::Dg(2))), "an empty DG2 is no face: {events:?}");
        assert!(events.contains(&ReadEvent::Absent(FileId::Sod)), "no EF.SOD: {events:?}");
        assert!(!events.iter().any(|e| matches!(e, ReadEvent::Absent(FileId::Dg(11)))), "EF.COM lists no DG11");
        assert_eq!(events.last(), Some(&ReadEvent::Finished), "{events:?}");
        let doc = document(events);
        assert_eq!(doc.mrz.document_number, "L898902C3");
        assert!(doc.face.is_none() && doc.unreadable.is_empty());
        let wrong = MrzKey::new("L898902C3", "740813", "120415").expect("valid");
        assert_eq!(read_all(&mut vicc(), &wrong), [ReadEvent::Failed(CardError::AccessDenied)]);
    }

    /// A chip that ends secure messaging after an error: BAC opens it again and the read goes on
    /// from the file it was lost in; a chip that ends it every time is read as far as it lets, DG1
    /// kept.
    #[test]
    fn a_session_the_chip_ended_is_opened_again_and_the_read_resumes() {
        let mut c = card();
        c.contents.files.insert(FileId::Sod, vec![0x77, 0x03, 1, 2, 3]);
        // EF.COM lists a DG11 the chip does not have: its 6A82 ends the session.
        c.contents.files.insert(FileId::Com, lds::build_com(&[FileId::Dg(1), FileId::Dg(2), FileId::Dg(11)]));
        c.quirks.ends_sm_after_error = true;
        let events = read_all(&mut c, &key());
        let opened = events.iter().filter(|e| matches!(e, ReadEvent::Authenticated(_))).count();
        assert!(opened >= 2, "opened again after DG11's 6A82: {events:?}");
        assert_eq!(file(&events, FileId::Sod), Some(vec![0x77, 0x03, 1, 2, 3]), "EF.SOD read after it");
        assert_eq!(events.last(), Some(&ReadEvent::Finished));
        // Every optional file missing, each ending the session: past the reopenings, what was
        // read stays, the rest said unreadable.
        let mut c = card();
        c.quirks = Quirks { ends_sm_after_error: true, unreadable: Some(FileId::Dg(2)), ..Quirks::default() };
        let events = read_all(&mut c, &key());
        assert_eq!(events.last(), Some(&ReadEvent::Finished), "{events:?}");
        let doc = document(events);
        assert_eq!(doc.mrz.document_number, "L898902C3");
        assert!(doc.unreadable.contains(&FileId::Dg(2)), "{:?}", doc.unreadable);
    }

    /// An optional file the chip will not give (6F00 at every offset) is said unreadable and the
    /// read goes on; a malformed EF.COM says nothing, so every file is asked.
    #[test]
    fn an_unreadable_optional_file_or_a_malformed_ef_com_keeps_dg1() {
        let mut c = card();
        c.quirks.unreadable = Some(FileId::Dg(2));
        let events = read_all(&mut c, &key());
        assert!(events.iter().any(|e| matches!(e, ReadEvent::Unreadable(FileId::Dg(2), _))), "{events:?}");
        assert!(document(events).face.is_none());
        let mut c = card();
        c.contents.files.insert(FileId::Com, vec![0x61, 0x02, 0x5C, 0x00]);
        let events = read_all(&mut c, &key());
        assert!(file(&events, FileId::Dg(2)).is_some(), "read though EF.COM lists nothing: {events:?}");
        // DG1 itself unreadable: nothing to pre-fill, a clean failure.
        let mut c = card();
        c.quirks.unreadable = Some(FileId::Dg(1));
        assert!(matches!(read_all(&mut c, &key()).last(), Some(ReadEvent::Failed(CardError::Status(_)))));
    }

    /// Each file read by its short identifier: no SELECT of a file at all; on a chip that
    /// refuses short identifiers, the first file's SELECT says so and every file is selected.
    #[test]
    fn files_are_read_by_short_identifier_or_selected_where_the_chip_wants_it() {
        let selects = |quirks: Quirks| {
            let mut c = card();
            c.quirks = quirks;
            let mut reader = ReadDocument::new(&key().into(), counting_entropy(), ReadConfig::default());
            let (mut selected, mut events) = (0, vec![]);
            while let Some(cmd) = reader.poll_transmit() {
                selected += usize::from(cmd.ins == 0xA4 && cmd.p1 == 0x02);
                reader.handle_response(&c.respond(&cmd.to_bytes()));
                events.extend(std::iter::from_fn(|| reader.poll_event()));
            }
            assert_eq!(events.last(), Some(&ReadEvent::Finished), "{events:?}");
            assert!(file(&events, FileId::Dg(1)).is_some());
            (selected, reader.apdu_count())
        };
        let (by_id, fewest) = selects(Quirks::default());
        assert_eq!(by_id, 0, "no SELECT of a file");
        let (selected, more) = selects(Quirks { no_short_ids: true, ..Quirks::default() });
        assert_eq!(selected, 4, "EF.COM (after its short identifier was refused), DG1, DG2, EF.SOD (absent)");
        assert_eq!(more, fewest + 4, "the refused try, and the SELECTs of the three files it has");
    }

    /// Active Authentication: a chip with DG15's private key signs our challenge (RSA with
    /// ISO/IEC 9796-2 and SHA-1 or SHA-256, ECDSA on P-256) and is genuine; a clone with DG15
    /// copied is not; a chip without DG15 says nothing. The files are read either way.
    #[test]
    fn active_authentication_tells_the_genuine_chip_from_a_clone() {
        use super::super::aa::{test_rsa_key, ChipKey, ChipVerdict, Hash};
        let signing = p256::ecdsa::SigningKey::from_slice(&[7u8; 32]).expect("a scalar");
        let keys = [
            ChipKey::Rsa(Box::new(test_rsa_key()), Hash::Sha1),
            ChipKey::Rsa(Box::new(test_rsa_key()), Hash::Sha256),
            ChipKey::P256(signing),
        ];
        for chip_key in keys {
            for cloned in [false, true] {
                let mut c = card();
                c.contents.files.insert(FileId::Dg(15), super::super::aa::build_dg15(&chip_key.public()));
                c.contents.files.insert(FileId::Com, lds::build_com(&[FileId::Dg(1), FileId::Dg(2), FileId::Dg(15)]));
                c.contents.active_authentication = Some(chip_key.clone());
                c.quirks.cloned = cloned;
                let doc = document(read_all(&mut c, &key()));
                let want = if cloned { ChipVerdict::NotGenuine } else { ChipVerdict::Genuine };
                assert_eq!(doc.chip, want, "cloned {cloned}");
                assert_eq!(doc.mrz.document_number, "L898902C3", "the data is read either way");
            }
        }
        assert_eq!(document(read_all(&mut card(), &key())).chip, ChipVerdict::NotSupported, "no DG15");
    }

    /// Chip Authentication with 3DES (MSE:Set KAT) and AES (MSE:Set AT, GENERAL AUTHENTICATE),
    /// after BAC and after PACE: the files after DG14 come under its keys, Active Authentication
    /// is then not asked for, and a clone (DG14 copied, not its key) is found out.
    #[test]
    fn chip_authentication_restarts_secure_messaging_and_finds_a_clone() {
        use super::super::aa::{test_rsa_key, ChipKey, ChipVerdict, Hash};
        use super::super::specimen::specimen_ca_key;
        for (cipher, domain) in [
            (PaceCipher::Tdes, Domain::BrainpoolP256r1),
            (PaceCipher::Aes128, Domain::P256),
            (PaceCipher::Aes256, Domain::BrainpoolP384r1),
        ] {
            for (over_pace, cloned) in [(false, false), (true, false), (false, true), (true, true)] {
                let mut c = card_with(vec![PACE], 500);
                let ca = specimen_ca_key(cipher, domain);
                c.contents.files.insert(FileId::Dg(14), ca.dg14(&[PACE]));
                let aa = ChipKey::Rsa(Box::new(test_rsa_key()), Hash::Sha1);
                c.contents.files.insert(FileId::Dg(15), super::super::aa::build_dg15(&aa.public()));
                let groups = [FileId::Dg(1), FileId::Dg(2), FileId::Dg(14), FileId::Dg(15)];
                c.contents.files.insert(FileId::Com, lds::build_com(&groups));
                c.contents.chip_authentication = Some(ca);
                c.contents.active_authentication = Some(aa);
                c.quirks.cloned = cloned;
                let config = ReadConfig { pace: over_pace, ..ReadConfig::default() };
                let (events, _) = read_with(&mut c, &key().into(), config);
                let what = format!("{cipher:?} {domain:?} pace {over_pace} cloned {cloned}");
                assert!(events.contains(&ReadEvent::ChipAuthenticated(cipher)), "{what}: {events:?}");
                let access = events.iter().find_map(|e| match e {
                    ReadEvent::Authenticated(a) => Some(*a),
                    _ => None,
                });
                assert_eq!(access, Some(if over_pace { AccessControl::Pace(PACE) } else { AccessControl::Bac }));
                let doc = document(events.clone());
                assert_eq!(doc.mrz.document_number, "L898902C3", "{what}: DG1 came before");
                if cloned {
                    assert_eq!(doc.chip, ChipVerdict::NotGenuine, "{what}");
                    assert!(!doc.files.contains_key(&FileId::Dg(2)), "{what}: nothing is read from a clone after");
                } else {
                    assert_eq!(doc.chip, ChipVerdict::Genuine, "{what}");
                    assert_eq!(doc.chip_authentication, Some(cipher));
                    // DG2 and DG15 came under the new keys, and the chip was not asked to sign.
                    assert!(
                        doc.files.contains_key(&FileId::Dg(2)) && doc.files.contains_key(&FileId::Dg(15)),
                        "{what}"
                    );
                    assert_eq!(events.iter().filter(|e| matches!(e, ReadEvent::Chip(_))).count(), 1, "{what}");
                }
            }
        }
        // A chip that refuses the key agreement DG14 offers is not the chip DG14 was written for.
        let mut c = card();
        let ca = specimen_ca_key(PaceCipher::Aes128, Domain::P256);
        c.contents.files.insert(FileId::Dg(14), ca.dg14(&[]));
        c.contents.files.insert(FileId::Com, lds::build_com(&[FileId::Dg(1), FileId::Dg(2), FileId::Dg(14)]));
        let doc = document(read_all(&mut c, &key()));
        assert_eq!(doc.chip, ChipVerdict::NotGenuine, "DG14 offers CA, the chip has no key for it");
        // Chip Authentication as the last thing read: one more answer under its keys proves the chip.
        let mut c = card();
        c.contents.files.insert(FileId::Dg(14), ca.dg14(&[]));
        c.contents.chip_authentication = Some(ca);
        let config = ReadConfig { pace: false, files: vec![FileId::Dg(1), FileId::Dg(14)], ..ReadConfig::default() };
        let doc = document(read_with(&mut c, &key().into(), config).0);
        assert_eq!((doc.chip, doc.chip_authentication), (ChipVerdict::Genuine, Some(PaceCipher::Aes128)));
    }
}
