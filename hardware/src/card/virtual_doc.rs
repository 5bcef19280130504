//! A virtual eMRTD: the card side of BAC, secure messaging and the file system, for tests and the demo.
//!
//! It answers APDUs as a passport chip would. [`super::vpcd`] attaches it to
//! pcscd through the vsmartcard virtual reader, so the kiosk reads it through
//! the same PC/SC stack as a real document.

use super::apdu::{CommandApdu, ResponseApdu, StatusWord};
use super::bac::BacCard;
use super::crypto::sha1;
use super::lds::{FileId, AID};
use super::mrz::MrzKey;
use super::sm::SecureMessaging;
use std::collections::BTreeMap;

/// What is on the chip: the files, and the MRZ key that opens them.
#[derive(Clone)]
pub struct DocumentContents {
    pub key: MrzKey,
    pub files: BTreeMap<FileId, Vec<u8>>,
}

impl std::fmt::Debug for DocumentContents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DocumentContents({:?})", self.files.keys().collect::<Vec<_>>())
    }
}

pub struct VirtualDocument {
    contents: DocumentContents,
    bac: BacCard,
    applet: bool,
    selected: Option<FileId>,
    challenge: Option<[u8; 8]>,
    sm: Option<SecureMessaging>,
    seed: [u8; 20],
    counter: u64,
    /// Refuse READ BINARY asking for more than this (6700), as some readers and cards do.
    pub max_read: Option<usize>,
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
        VirtualDocument {
            contents,
            bac,
            applet: false,
            selected: None,
            challenge: None,
            sm: None,
            seed: sha1(seed),
            counter: 0,
            max_read: None,
        }
    }

    /// Power cycle: the chip forgets the session.
    pub fn reset(&mut self) {
        self.applet = false;
        self.selected = None;
        self.challenge = None;
        self.sm = None;
    }

    fn random<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0u8; N];
        for chunk in out.chunks_mut(20) {
            self.counter += 1;
            let mut input = self.seed.to_vec();
            input.extend_from_slice(&self.counter.to_be_bytes());
            let block = sha1(&input);
            chunk.copy_from_slice(&block[..chunk.len()]);
        }
        out
    }

    /// Answers one command APDU.
    pub fn respond(&mut self, bytes: &[u8]) -> Vec<u8> {
        let Some(cmd) = CommandApdu::parse(bytes) else { return status(StatusWord::WRONG_LENGTH) };
        if self.sm.is_some() {
            return self.respond_protected(&cmd);
        }
        match (cmd.cla, cmd.ins, cmd.p1) {
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
        match self.sm.as_mut().map(|sm| sm.protect_response(&answer)) {
            Some(Ok(r)) => r.to_bytes(),
            _ => status(StatusWord::SM_DATA_INCORRECT),
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
            (0xB0, p1, p2) => {
                let (file, offset) = if p1 & 0x80 != 0 {
                    let sfi = p1 & 0x1F;
                    let file = self.contents.files.keys().copied().find(|f| (f.fid() & 0x1F) as u8 == sfi);
                    (file, usize::from(p2))
                } else {
                    (self.selected, usize::from(u16::from_be_bytes([p1, p2])))
                };
                let Some(bytes) = file.and_then(|f| self.contents.files.get(&f)) else {
                    return none(StatusWord::CONDITIONS_NOT_SATISFIED);
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
    use super::super::lds;
    use super::super::reader::{Randomness, ReadConfig, ReadDocument, ReadEvent};
    use super::*;

    const MRZ: &str = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";

    fn card() -> VirtualDocument {
        let key = lds::parse_dg1(&lds::build_dg1(MRZ)).expect("specimen").access_key();
        let mut files = BTreeMap::new();
        files.insert(FileId::Com, lds::build_com(&[FileId::Dg(1), FileId::Dg(2)]));
        files.insert(FileId::Dg(1), lds::build_dg1(MRZ));
        let jpeg: Vec<u8> = [0xFF, 0xD8, 0xFF, 0xE0].into_iter().chain((0..3000).map(|i| i as u8)).collect();
        files.insert(FileId::Dg(2), lds::build_dg2(&jpeg, 240, 320));
        VirtualDocument::new(DocumentContents { key, files }, b"test seed")
    }

    fn read(card: &mut VirtualDocument, key: &MrzKey, extended: bool) -> (Vec<ReadEvent>, usize) {
        let randomness = Randomness { rnd_ifd: [7; 8], k_ifd: [9; 16] };
        let files = vec![FileId::Com, FileId::Dg(1), FileId::Dg(2), FileId::Dg(11)];
        let mut reader = ReadDocument::new(key, randomness, ReadConfig { files, extended_length: extended });
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

    #[test]
    fn the_reader_reads_every_file_of_the_virtual_document() {
        let key = MrzKey::new("L898902C3", "740812", "120415").expect("valid");
        for extended in [false, true] {
            let (events, apdus) = read(&mut card(), &key, extended);
            assert_eq!(events.first(), Some(&ReadEvent::Authenticated));
            assert_eq!(events.last(), Some(&ReadEvent::Finished));
            assert!(events.contains(&ReadEvent::Absent(FileId::Dg(11))));
            let dg2 = events.iter().find_map(|e| match e {
                ReadEvent::File { id: FileId::Dg(2), bytes } => Some(bytes.clone()),
                _ => None,
            });
            let face = lds::parse_dg2(&dg2.expect("DG2 read")).expect("parses");
            assert_eq!(face.bytes.len(), 3004);
            let dg1 = events.iter().find_map(|e| match e {
                ReadEvent::File { id: FileId::Dg(1), bytes } => Some(lds::parse_dg1(bytes)),
                _ => None,
            });
            assert_eq!(dg1.expect("DG1 read").expect("parses").given_names, "ANNA MARIA");
            if extended {
                assert!(apdus < 20, "extended reads take few APDUs: {apdus}");
            } else {
                assert!(apdus > 20, "short reads take many: {apdus}");
            }
        }
    }

    #[test]
    fn reads_fall_back_to_smaller_lengths_when_refused() {
        // A card behind a reader that takes no more than 112-byte answers: 6700 for anything larger.
        let key = MrzKey::new("L898902C3", "740812", "120415").expect("valid");
        let mut c = card();
        c.max_read = Some(112);
        let (events, _) = read(&mut c, &key, true);
        assert_eq!(events.last(), Some(&ReadEvent::Finished), "{events:?}");
        let dg2 = events.iter().find_map(|e| match e {
            ReadEvent::File { id: FileId::Dg(2), bytes } => Some(bytes.len()),
            _ => None,
        });
        assert_eq!(dg2, Some(c.contents.files[&FileId::Dg(2)].len()), "DG2 whole, 112 bytes at a time");
        // Nothing small enough: a clean error.
        let mut c = card();
        c.max_read = Some(64);
        let (events, _) = read(&mut c, &key, false);
        assert!(matches!(events.last(), Some(ReadEvent::Failed(crate::CardError::Status(_)))), "{events:?}");
    }

    #[test]
    fn a_wrong_mrz_is_refused_and_nothing_is_read() {
        let key = MrzKey::new("L898902C3", "740813", "120415").expect("valid");
        let (events, _) = read(&mut card(), &key, false);
        assert_eq!(events, [ReadEvent::Failed(crate::CardError::AccessDenied)]);
    }

    #[test]
    fn plain_reads_without_bac_are_refused() {
        let mut c = card();
        assert_eq!(c.respond(&[0x00, 0xA4, 0x04, 0x0C, 0x07, 0xA0, 0, 0, 2, 0x47, 0x10, 1]), [0x90, 0x00]);
        assert_eq!(c.respond(&[0x00, 0xA4, 0x02, 0x0C, 0x02, 0x01, 0x01]), [0x69, 0x82]);
        assert_eq!(c.respond(&[0x00, 0xB0, 0x00, 0x00, 0x08]), [0x69, 0x82]);
        assert_eq!(c.respond(&[0x00]), [0x67, 0x00]);
        let atr = atr();
        assert_eq!(atr.iter().skip(1).fold(0u8, |a, b| a ^ b), 0, "TCK makes the XOR of T0..TCK zero");
    }
}
