//! `ReadDocument`: reads an eMRTD as a state machine, with no IO and no clock.
//!
//! The caller moves bytes: it sends what [`ReadDocument::poll_transmit`] gives,
//! feeds the card's answer to [`ReadDocument::handle_response`], and takes
//! [`ReadEvent`]s from [`ReadDocument::poll_event`] until `Finished` or
//! `Failed`. Status words that ask for more (61xx: GET RESPONSE; 6Cxx: send
//! again with the right Le) are handled here, in the card layer; a transport
//! only moves bytes. Reads start large and fall back (223, 160, 112 bytes)
//! when a card or reader refuses a length.

use super::aa::{self, AaKey, ChipVerdict};
use super::apdu::{CommandApdu, ResponseApdu, StatusWord};
use super::bac::BacTerminal;
use super::ca::{self, CaTerminal};
use super::lds::{self, FileId, AID};
use super::pace::{self, AccessKey, PaceCipher, PaceInfo, PaceTerminal};
use super::sm::SecureMessaging;
use super::tlv;
use crate::error::CardError;
use std::collections::VecDeque;

/// Where the terminal's random bytes come from: the OS outside tests, a script in them.
pub type Entropy = Box<dyn FnMut(&mut [u8]) + Send>;

/// The operating system's random numbers.
pub fn os_entropy() -> Result<Entropy, CardError> {
    let mut probe = [0u8; 8];
    getrandom::getrandom(&mut probe).map_err(|_| CardError::Transport("no randomness".into()))?;
    Ok(Box::new(|buf: &mut [u8]| {
        // invariant: the OS generator answered the probe above; once it has, getrandom(2) does not fail.
        getrandom::getrandom(buf).expect("OS randomness");
    }))
}

#[derive(Debug, Clone)]
pub struct ReadConfig {
    /// The files to read, in order; missing optional ones are reported as `Absent`. Once EF.COM
    /// is read, data groups it does not list are skipped.
    pub files: Vec<FileId>,
    /// Try extended-length reads first (when the reader and card allow them).
    pub extended_length: bool,
    /// Use PACE when the chip offers it (else BAC only, as older readers do).
    pub pace: bool,
    /// Read each file by its short file identifier (READ BINARY with P1 bit 8), with no SELECT,
    /// where the chip allows it (tried once; SELECT from then on if it does not).
    pub short_ids: bool,
    /// Ask for 8 bytes first, just the header, as ICAO's worked examples do and every chip takes;
    /// otherwise the first read asks for as much as a read may, and a small file comes in one
    /// answer (on chips that answer a read past the end inside secure messaging).
    pub header_first: bool,
}

impl Default for ReadConfig {
    fn default() -> Self {
        ReadConfig {
            // DG1 first: every document has it, and it is what the visitor waits for. EF.COM
            // then says which of the rest to ask for.
            files: vec![
                FileId::Dg(1),
                FileId::Com,
                FileId::Dg(14),
                FileId::Dg(2),
                FileId::Dg(11),
                FileId::Dg(15),
                FileId::Sod,
            ],
            extended_length: false,
            pace: true,
            short_ids: true,
            // vicc (and some chips) answer a read past a file's end outside secure messaging.
            header_first: true,
        }
    }
}

/// How the chip was opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessControl {
    Bac,
    Pace(PaceInfo),
}

#[derive(Debug, Clone, PartialEq)]
pub enum ReadEvent {
    /// BAC or PACE succeeded: secure messaging is on.
    Authenticated(AccessControl),
    File {
        id: FileId,
        bytes: Vec<u8>,
    },
    /// The card does not have this file (or it is empty: nothing to show or check).
    Absent(FileId),
    /// An optional file could not be read (after DG1): the read goes on without it.
    Unreadable(FileId, CardError),
    /// Whether the chip holds its document's key: Chip Authentication with DG14's key (secure
    /// messaging restarted under keys only that chip could agree on), or Active Authentication
    /// with DG15's (it signed our challenge).
    Chip(ChipVerdict),
    /// Chip Authentication ran with this cipher: secure messaging restarted with its keys.
    ChipAuthenticated(PaceCipher),
    Finished,
    Failed(CardError),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    SelectCardAccess,
    SetAt,
    PaceNonce,
    PaceMapping,
    PaceKey,
    PaceToken,
    SelectApplet,
    GetChallenge,
    MutualAuthenticate,
    SelectFile,
    ReadBinary,
    /// INTERNAL AUTHENTICATE (Active Authentication), after the files.
    InternalAuthenticate,
    /// Chip Authentication's commands (MSE:Set KAT, or MSE:Set AT and GENERAL AUTHENTICATE).
    ChipAuthenticate,
    Done,
}

const SHORT_SIZES: [usize; 3] = [0xDF, 0xA0, 0x70];
const EXTENDED_SIZES: [usize; 4] = [0x1000, 0xDF, 0xA0, 0x70];
/// Plain READ BINARY reaches offsets up to 32767; beyond, the odd-INS READ BINARY (B1) with an offset object.
const PLAIN_OFFSETS: usize = 0x7FFF;
/// The largest file we accept (a DG2 with a large portrait stays well under this).
const MAX_FILE: usize = 0x1_0000;
/// How often secure messaging may be opened again after the chip ended it, in one read.
const REOPENINGS: u8 = 2;

pub struct ReadDocument {
    step: Step,
    key: AccessKey,
    entropy: Entropy,
    pace_wanted: bool,
    pace: Option<PaceTerminal>,
    access: Option<AccessControl>,
    bac: Option<BacTerminal>,
    rnd_ic: Vec<u8>,
    sm: Option<SecureMessaging>,
    files: VecDeque<FileId>,
    file: Option<(FileId, Vec<u8>, Option<usize>)>,
    sizes: &'static [usize],
    size: usize,
    /// The plain command in flight (before protection), to re-send on 6Cxx.
    in_flight: Option<CommandApdu>,
    outgoing: Option<CommandApdu>,
    collected: Vec<u8>,
    events: VecDeque<ReadEvent>,
    apdus: usize,
    /// The file being read when the chip ended secure messaging, and how far: read on from
    /// there once BAC or PACE has opened it again.
    resume: Option<(FileId, Vec<u8>, Option<usize>)>,
    reopenings: u8,
    /// DG1 is read: what follows is optional, and a failure there keeps what was read.
    have_dg1: bool,
    /// Whether this chip reads a file by its short identifier: not known yet, yes, or no.
    short_ids: Option<bool>,
    /// The file in hand was asked for by its short identifier (its first read is that).
    by_short_id: bool,
    /// Its short identifier failed where it was not known to work: a SELECT that finds the file
    /// says this chip does not read by short identifier.
    short_id_doubted: bool,
    header_first: bool,
    /// DG15's key, once read: the chip is asked to sign a challenge with it after the files.
    aa_key: Option<AaKey>,
    aa_challenge: [u8; 8],
    /// Chip Authentication under way: its terminal side and the commands still to send.
    ca: Option<(CaTerminal, VecDeque<CommandApdu>)>,
    /// Secure messaging restarted with Chip Authentication's keys, and no answer under them has
    /// checked out yet: the first that does proves the chip; one that does not, a clone.
    ca_unproven: bool,
    /// Chip Authentication proved the chip genuine: Active Authentication has nothing to add.
    chip_proven: bool,
}

impl std::fmt::Debug for ReadDocument {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ReadDocument({:?}, {} APDUs)", self.step, self.apdus)
    }
}

fn is_refusal(sw: StatusWord) -> bool {
    matches!(sw, StatusWord::AUTH_FAILED | StatusWord::SECURITY_NOT_SATISFIED | StatusWord::WRONG_DATA)
        || (sw.0 >> 4 == 0x63C)
}

impl ReadDocument {
    /// Starts a read: with the MRZ key, PACE when the chip offers it and BAC otherwise; with a CAN, PACE only.
    pub fn new(key: &AccessKey, entropy: Entropy, config: ReadConfig) -> ReadDocument {
        let mut r = ReadDocument {
            step: Step::SelectCardAccess,
            key: key.clone(),
            entropy,
            pace_wanted: config.pace,
            pace: None,
            access: None,
            bac: None,
            rnd_ic: Vec::new(),
            sm: None,
            files: config.files.into(),
            file: None,
            sizes: if config.extended_length { &EXTENDED_SIZES } else { &SHORT_SIZES },
            size: 0,
            in_flight: None,
            outgoing: None,
            collected: Vec::new(),
            events: VecDeque::new(),
            apdus: 0,
            resume: None,
            reopenings: REOPENINGS,
            have_dg1: false,
            short_ids: (!config.short_ids).then_some(false),
            by_short_id: false,
            short_id_doubted: false,
            header_first: config.header_first,
            aa_key: None,
            aa_challenge: [0; 8],
            ca: None,
            ca_unproven: false,
            chip_proven: false,
        };
        if (config.pace || matches!(key, AccessKey::Can(_))) && config.short_ids {
            // EF.CardAccess by its short identifier (1C), from the master file: one APDU.
            r.file = Some((FileId::CardAccess, Vec::new(), None));
            r.by_short_id = true;
            r.step = Step::ReadBinary;
            r.read_more();
        } else if config.pace || matches!(key, AccessKey::Can(_)) {
            r.send(CommandApdu::new(0x00, 0xA4, 0x02, 0x0C).with_data(FileId::CardAccess.fid().to_be_bytes().to_vec()));
        } else {
            r.start_bac();
        }
        r
    }

    /// How many APDUs went to the card so far (GET RESPONSE included).
    pub fn apdu_count(&self) -> usize {
        self.apdus
    }

    /// The next command to send, if any.
    pub fn poll_transmit(&mut self) -> Option<CommandApdu> {
        let cmd = self.outgoing.take();
        if cmd.is_some() {
            self.apdus += 1;
        }
        cmd
    }

    pub fn poll_event(&mut self) -> Option<ReadEvent> {
        self.events.pop_front()
    }

    pub fn is_done(&self) -> bool {
        self.step == Step::Done
    }

    fn send(&mut self, plain: CommandApdu) {
        let wire = match &mut self.sm {
            Some(sm) => match sm.protect(&plain) {
                Ok(w) => w,
                Err(e) => return self.fail(e),
            },
            None => plain.clone(),
        };
        self.in_flight = Some(plain);
        self.outgoing = Some(wire);
    }

    fn fail(&mut self, e: CardError) {
        let e = match (e, &self.key) {
            (CardError::AccessDenied, AccessKey::Can(_)) => CardError::WrongCan,
            (e, _) => e,
        };
        self.step = Step::Done;
        self.outgoing = None;
        self.sm = None;
        self.events.push_back(ReadEvent::Failed(e));
    }

    /// Feeds the card's answer to the last command.
    pub fn handle_response(&mut self, bytes: &[u8]) {
        if self.step == Step::Done {
            return;
        }
        let Some(raw) = ResponseApdu::parse(bytes) else {
            return self.fail(CardError::Malformed("response shorter than a status word"));
        };
        // The card layer: more data waiting, or the wrong Le.
        if let Some(n) = raw.sw.more_available() {
            self.collected.extend_from_slice(&raw.data);
            self.outgoing = Some(CommandApdu::new(0x00, 0xC0, 0x00, 0x00).with_le(n));
            return;
        }
        if let (Some(n), None) = (raw.sw.exact_length(), &self.sm) {
            if let Some(plain) = self.in_flight.clone() {
                return self.send(CommandApdu { le: Some(n), ..plain });
            }
        }
        let mut data = std::mem::take(&mut self.collected);
        data.extend_from_slice(&raw.data);
        let response = ResponseApdu { data, sw: raw.sw };
        let maced = !response.data.is_empty();
        let response = match &mut self.sm {
            Some(sm) => match sm.unprotect(&response) {
                // The first answer whose MAC checks out under Chip Authentication's keys.
                Ok(r) if self.ca_unproven && maced => {
                    self.ca_unproven = false;
                    self.chip_proven = true;
                    self.aa_key = None;
                    self.events.push_back(ReadEvent::Chip(ChipVerdict::Genuine));
                    r
                }
                Ok(r) => r,
                // Under the keys only the genuine chip could agree on, its answers do not check
                // out: a clone (or the chip refused the key agreement inside secure messaging).
                Err(_) if self.ca_unproven || self.step == Step::ChipAuthenticate => return self.authenticated(false),
                // The chip ended secure messaging (an unprotected 6987/6988, or an answer whose
                // MAC is wrong) while files were being read: open it again and read on.
                Err(e) if matches!(self.step, Step::SelectFile | Step::ReadBinary) => return self.session_lost(e),
                // A chip that breaks secure messaging rather than sign: no proof, the files stay.
                Err(_) if self.step == Step::InternalAuthenticate => return self.authenticated(false),
                Err(e) => return self.fail(e),
            },
            None => response,
        };
        self.step(response);
    }

    /// Secure messaging is gone in the middle of the files: BAC or PACE again (a few times at
    /// most), then the same file from the offset reached; past that, what was read is kept when
    /// DG1 is among it.
    fn session_lost(&mut self, e: CardError) {
        self.sm = None;
        if self.reopenings == 0 {
            return self.optional_failed(e);
        }
        self.reopenings -= 1;
        self.resume = self.file.take();
        match self.access {
            Some(AccessControl::Pace(info)) => self.start_pace(info),
            _ => self.start_bac(),
        }
    }

    /// A file after DG1 could not be read: said, and the read goes on (or, with secure messaging
    /// gone, ends with what it has). Before DG1 there is nothing to keep: the read fails.
    fn optional_failed(&mut self, e: CardError) {
        let Some((id, _, _)) = self.file.take() else { return self.fail(e) };
        if !self.have_dg1 || id == FileId::Dg(1) {
            return self.fail(e);
        }
        self.events.push_back(ReadEvent::Unreadable(id, e.clone()));
        if self.sm.is_some() {
            return self.next_file();
        }
        for rest in std::mem::take(&mut self.files) {
            self.events.push_back(ReadEvent::Unreadable(rest, e.clone()));
        }
        self.next_file();
    }

    /// Active Authentication's answer is in (or Chip Authentication failed): said, and the read ends.
    fn authenticated(&mut self, genuine: bool) {
        self.aa_key = None;
        self.ca = None;
        self.ca_unproven = false;
        let verdict = if genuine { ChipVerdict::Genuine } else { ChipVerdict::NotGenuine };
        self.events.push_back(ReadEvent::Chip(verdict));
        self.step = Step::Done;
        self.sm = None;
        self.events.push_back(ReadEvent::Finished);
    }

    fn start_pace(&mut self, info: PaceInfo) {
        self.pace = Some(PaceTerminal::new(info, &self.key));
        self.access = Some(AccessControl::Pace(info));
        self.step = Step::SetAt;
        self.send(pace::set_at(&info, &self.key));
    }

    /// BAC, when the chip has no PACE we can use: only the MRZ opens it.
    fn start_bac(&mut self) {
        let AccessKey::Mrz(key) = &self.key else {
            return self.fail(CardError::CanNeedsPace);
        };
        let mut rnd_ifd = [0u8; 8];
        let mut k_ifd = [0u8; 16];
        (self.entropy)(&mut rnd_ifd);
        (self.entropy)(&mut k_ifd);
        self.bac = Some(BacTerminal::new(key, rnd_ifd, k_ifd));
        self.step = Step::SelectApplet;
        self.send(CommandApdu::new(0x00, 0xA4, 0x04, 0x0C).with_data(AID.to_vec()));
    }

    /// EF.CardAccess is read: PACE with the best variant we speak, or BAC.
    fn after_card_access(&mut self, bytes: &[u8]) {
        let info = pace::parse_security_infos(bytes).ok().and_then(|i| i.pace.first().copied());
        match info {
            Some(info) if self.pace_wanted || matches!(self.key, AccessKey::Can(_)) => self.start_pace(info),
            _ => self.start_bac(),
        }
    }

    fn pace_step(&mut self, r: ResponseApdu) {
        if !r.sw.is_ok() {
            // The chip checks our token in the last step; a wrong password is refused there (or earlier, by some).
            if is_refusal(r.sw) || (self.step == Step::PaceToken && r.sw.0 >> 8 == 0x63) {
                return self.fail(CardError::AccessDenied);
            }
            return self.fail(CardError::Status(r.sw));
        }
        let Some(pace) = self.pace.as_mut() else { return self.fail(CardError::Malformed("no PACE session")) };
        let entropy = &mut self.entropy;
        let next = match self.step {
            Step::PaceNonce => pace.on_nonce(&r.data, entropy).map(|c| (c, Step::PaceMapping)),
            Step::PaceMapping => pace.on_mapping(&r.data, entropy).map(|c| (c, Step::PaceKey)),
            Step::PaceKey => pace.on_key(&r.data).map(|c| (c, Step::PaceToken)),
            _ => match pace.finish(&r.data) {
                Ok(sm) => {
                    self.pace = None;
                    self.sm = Some(sm);
                    if let Some(access) = self.access {
                        self.events.push_back(ReadEvent::Authenticated(access));
                    }
                    // Under PACE the application is selected inside secure messaging.
                    self.step = Step::SelectApplet;
                    return self.send(CommandApdu::new(0x00, 0xA4, 0x04, 0x0C).with_data(AID.to_vec()));
                }
                Err(e) => return self.fail(e),
            },
        };
        match next {
            Ok((cmd, step)) => {
                self.step = step;
                self.send(cmd);
            }
            Err(e) => self.fail(e),
        }
    }

    fn step(&mut self, r: ResponseApdu) {
        match self.step {
            Step::SelectCardAccess => {
                if r.sw.is_ok() {
                    self.file = Some((FileId::CardAccess, Vec::new(), None));
                    self.step = Step::ReadBinary;
                    self.size = 0;
                    return self.read_more();
                }
                self.start_bac();
            }
            Step::SetAt => {
                if !r.sw.is_ok() {
                    // The chip would not start this PACE: BAC is still there for the MRZ.
                    self.pace = None;
                    self.access = None;
                    return self.start_bac();
                }
                self.step = Step::PaceNonce;
                if let Some(pace) = &self.pace {
                    let cmd = pace.ask_nonce();
                    self.send(cmd);
                }
            }
            Step::PaceNonce | Step::PaceMapping | Step::PaceKey | Step::PaceToken => self.pace_step(r),
            Step::SelectApplet => {
                if !r.sw.is_ok() {
                    return self.fail(CardError::Unsupported);
                }
                if self.sm.is_some() {
                    return self.next_file();
                }
                self.step = Step::GetChallenge;
                self.send(BacTerminal::get_challenge());
            }
            Step::GetChallenge => {
                if !r.sw.is_ok() || r.data.len() != 8 {
                    return self.fail(CardError::Unsupported);
                }
                self.rnd_ic = r.data;
                let Some(bac) = &self.bac else { return self.fail(CardError::Malformed("no BAC session")) };
                match bac.mutual_authenticate(&self.rnd_ic) {
                    Ok(cmd) => {
                        self.step = Step::MutualAuthenticate;
                        self.send(cmd);
                    }
                    Err(e) => self.fail(e),
                }
            }
            Step::MutualAuthenticate => {
                // A wrong key's cryptogram fails the chip's MAC check: some chips (and vicc) say
                // so with the secure-messaging words 6987/6988.
                if is_refusal(r.sw) || matches!(r.sw, StatusWord::SM_DATA_MISSING | StatusWord::SM_DATA_INCORRECT) {
                    return self.fail(CardError::AccessDenied);
                }
                if !r.sw.is_ok() {
                    return self.fail(CardError::Status(r.sw));
                }
                let Some(bac) = self.bac.take() else { return self.fail(CardError::Malformed("no BAC session")) };
                match bac.finish(&self.rnd_ic, &r.data) {
                    Ok(sm) => {
                        self.sm = Some(sm);
                        self.access = Some(AccessControl::Bac);
                        self.events.push_back(ReadEvent::Authenticated(AccessControl::Bac));
                        self.next_file();
                    }
                    Err(CardError::BadMac) => self.fail(CardError::AccessDenied),
                    Err(e) => self.fail(e),
                }
            }
            Step::SelectFile => {
                let Some((id, _, _)) = self.file.clone() else { return self.fail(CardError::Malformed("no file")) };
                let doubted = std::mem::take(&mut self.short_id_doubted);
                if r.sw == StatusWord::FILE_NOT_FOUND {
                    self.file = None;
                    self.events.push_back(ReadEvent::Absent(id));
                    return self.next_file();
                }
                if !r.sw.is_ok() {
                    return self.read_failed(CardError::Status(r.sw));
                }
                if doubted {
                    // The file is there, and its short identifier did not find it: SELECT from now on.
                    self.short_ids = Some(false);
                }
                self.step = Step::ReadBinary;
                self.size = 0;
                self.read_more();
            }
            Step::ReadBinary => self.on_read(r),
            Step::InternalAuthenticate => {
                let genuine =
                    r.sw.is_ok() && self.aa_key.take().is_some_and(|key| aa::verify(&key, &self.aa_challenge, &r.data));
                self.authenticated(genuine)
            }
            Step::ChipAuthenticate => {
                // DG14 offers Chip Authentication: a chip that will not run it is not the one
                // DG14 was written for.
                let Some((terminal, mut rest)) = self.ca.take().filter(|_| r.sw.is_ok()) else {
                    return self.authenticated(false);
                };
                if let Some(next) = rest.pop_front() {
                    self.ca = Some((terminal, rest));
                    return self.send(next);
                }
                match terminal.session() {
                    Ok(sm) => {
                        self.sm = Some(sm);
                        self.ca_unproven = true;
                        self.events.push_back(ReadEvent::ChipAuthenticated(terminal.cipher()));
                        self.next_file()
                    }
                    Err(_) => self.authenticated(false),
                }
            }
            Step::Done => {}
        }
    }

    fn next_file(&mut self) {
        // Secure messaging opened again: the file it was lost in, from where it was.
        if let Some((id, data, total)) = self.resume.take() {
            self.file = Some((id, data, total));
            return self.select(id);
        }
        match self.files.pop_front() {
            Some(id) if self.short_ids != Some(false) => {
                self.file = Some((id, Vec::new(), None));
                self.by_short_id = true;
                self.step = Step::ReadBinary;
                self.size = 0;
                self.read_more();
            }
            Some(id) => {
                self.file = Some((id, Vec::new(), None));
                self.select(id);
            }
            // Chip Authentication ended the files: one answer under its keys proves the chip.
            None if self.ca_unproven && self.sm.is_some() => {
                self.step = Step::SelectApplet;
                self.send(CommandApdu::new(0x00, 0xA4, 0x04, 0x0C).with_data(AID.to_vec()));
            }
            // The files are read: a chip with DG15's key signs our challenge (Active Authentication).
            None if self.aa_key.is_some() && self.sm.is_some() => {
                (self.entropy)(&mut self.aa_challenge);
                self.step = Step::InternalAuthenticate;
                self.send(aa::command(&self.aa_challenge));
            }
            None => {
                self.step = Step::Done;
                self.sm = None;
                self.events.push_back(ReadEvent::Finished);
            }
        }
    }

    /// Chip Authentication with DG14's key, before the rest of the files: they then travel under
    /// its keys.
    fn start_chip_authentication(&mut self, offer: ca::CaOffer) {
        let terminal = match CaTerminal::new(offer, &mut self.entropy) {
            Ok(t) => t,
            Err(_) => return self.next_file(),
        };
        let mut commands: VecDeque<CommandApdu> = terminal.commands().into();
        let Some(first) = commands.pop_front() else { return self.next_file() };
        self.ca = Some((terminal, commands));
        self.step = Step::ChipAuthenticate;
        self.send(first);
    }

    /// SELECT of an elementary file, by its file identifier: the one place it is built.
    fn select(&mut self, id: FileId) {
        self.by_short_id = false;
        self.step = Step::SelectFile;
        self.send(CommandApdu::new(0x00, 0xA4, 0x02, 0x0C).with_data(id.fid().to_be_bytes().to_vec()));
    }

    /// The first read of a file by its short identifier failed: a missing file (or a chip that
    /// does not read by short identifier) — SELECT says which. True when it took over.
    fn short_id_failed(&mut self, sw: StatusWord) -> bool {
        if !self.by_short_id {
            return false;
        }
        let Some((id, _, _)) = self.file.clone() else { return false };
        if id == FileId::CardAccess && self.sm.is_none() {
            self.by_short_id = false;
            // No EF.CardAccess (6A82): no PACE; another refusal: ask again with SELECT.
            if sw == StatusWord::FILE_NOT_FOUND {
                self.file = None;
                self.start_bac();
            } else {
                self.file = None;
                self.step = Step::SelectCardAccess;
                self.send(CommandApdu::new(0x00, 0xA4, 0x02, 0x0C).with_data(id.fid().to_be_bytes().to_vec()));
            }
            return true;
        }
        // Not known to work on this chip yet: it may be the short identifier, not the file.
        if self.short_ids != Some(true) || sw != StatusWord::FILE_NOT_FOUND {
            self.short_id_doubted = self.short_ids.is_none();
            self.select(id);
            return true;
        }
        false
    }

    fn read_more(&mut self) {
        let Some((id, data, total)) = &self.file else { return };
        let offset = data.len();
        // Until the length is known: the header (8 bytes), or as much as a read may ask for.
        let want = match total {
            None if self.header_first => 8,
            None => self.sizes[self.size].min(0xFF),
            Some(t) => (t - offset).min(self.sizes[self.size]),
        };
        if offset == 0 && self.by_short_id {
            let sfi = 0x80 | (id.fid() & 0x1F) as u8;
            return self.send(CommandApdu::new(0x00, 0xB0, sfi, 0x00).with_le(want));
        }
        if offset <= PLAIN_OFFSETS {
            let [p1, p2] = (offset as u16).to_be_bytes();
            return self.send(CommandApdu::new(0x00, 0xB0, p1, p2).with_le(want));
        }
        // Past 32767: the offset travels in a data object (54), the answer comes wrapped in 53.
        let offset_object = tlv::encode(0x54, &(offset as u32).to_be_bytes()[1..]);
        let rest = total.map_or(want, |t| t - offset);
        let le = (rest + 4).min(self.sizes[self.size]);
        self.send(CommandApdu::new(0x00, 0xB1, 0x00, 0x00).with_data(offset_object).with_le(le));
    }

    /// A read went wrong: for EF.CardAccess that only means no PACE (BAC may still work); for a
    /// file after DG1 the read goes on without it; otherwise the read fails.
    fn read_failed(&mut self, e: CardError) {
        if matches!(self.file, Some((FileId::CardAccess, _, _))) && self.sm.is_none() {
            self.file = None;
            return self.start_bac();
        }
        self.optional_failed(e)
    }

    fn on_read(&mut self, r: ResponseApdu) {
        // Nothing at offset 0 (a plain 6282, or 9000 with no data): the file is empty. A smaller
        // read would change nothing.
        let at_start = self.file.as_ref().is_some_and(|(_, data, total)| data.is_empty() && total.is_none());
        if at_start && r.data.is_empty() && (r.sw.is_ok() || r.sw == StatusWord::END_OF_FILE_WARNING) {
            if matches!(self.file, Some((FileId::CardAccess, _, _))) && self.sm.is_none() {
                return self.read_failed(CardError::Malformed("EF.CardAccess is empty"));
            }
            if let Some((id, _, _)) = self.file.take() {
                self.events.push_back(ReadEvent::Absent(id));
            }
            return self.next_file();
        }
        let refused = matches!(r.sw, StatusWord::WRONG_LENGTH | StatusWord::WRONG_P1P2)
            || (r.sw == StatusWord::END_OF_FILE_WARNING && r.data.is_empty());
        if !r.sw.is_ok() && r.sw != StatusWord::END_OF_FILE_WARNING && r.sw != StatusWord::WRONG_LENGTH {
            if self.short_id_failed(r.sw) {
                return;
            }
            if self.by_short_id && r.sw == StatusWord::FILE_NOT_FOUND {
                // Read by short identifier on a chip known to allow it: the file is not there.
                if let Some((id, _, _)) = self.file.take() {
                    self.events.push_back(ReadEvent::Absent(id));
                }
                self.by_short_id = false;
                return self.next_file();
            }
        }
        if refused {
            // A smaller read, if there is one left to try.
            if self.size + 1 < self.sizes.len() {
                self.size += 1;
                return self.read_more();
            }
            return self.read_failed(CardError::Status(r.sw));
        }
        if !r.sw.is_ok() && r.sw != StatusWord::END_OF_FILE_WARNING {
            return self.read_failed(CardError::Status(r.sw));
        }
        let odd = self.in_flight.as_ref().is_some_and(|c| c.ins == 0xB1);
        let chunk = if odd {
            match tlv::parse_one(&r.data) {
                Ok((t, _)) if t.tag == 0x53 => t.value.to_vec(),
                _ => return self.read_failed(CardError::Malformed("READ BINARY (B1) answer is not a 53 object")),
            }
        } else {
            r.data
        };
        if chunk.is_empty() {
            return self.read_failed(CardError::Malformed("READ BINARY returned nothing"));
        }
        if self.by_short_id {
            self.short_ids = Some(true);
            self.by_short_id = false;
        }
        let Some((_, data, total)) = self.file.as_mut() else { return };
        data.extend_from_slice(&chunk);
        if total.is_none() {
            match tlv::header_len(data) {
                Ok((h, len)) if h + len <= MAX_FILE => *total = Some(h + len),
                Ok(_) => return self.read_failed(CardError::Malformed("file too large")),
                Err(e) => return self.read_failed(e),
            }
        }
        let Some((id, data, Some(total))) = self.file.as_mut() else { return };
        if data.len() < *total {
            return self.read_more();
        }
        data.truncate(*total);
        let (id, bytes) = (*id, std::mem::take(data));
        self.file = None;
        match id {
            FileId::CardAccess if self.sm.is_none() => {
                self.events.push_back(ReadEvent::File { id, bytes: bytes.clone() });
                self.after_card_access(&bytes)
            }
            _ => {
                if id == FileId::Com {
                    // Skip the data groups the document says it does not have (a malformed
                    // EF.COM, or one that leaves out DG1, says nothing: every file is asked).
                    if let Ok(listed) = lds::parse_com(&bytes) {
                        if listed.contains(&FileId::Dg(1)) {
                            self.files.retain(|f| !matches!(f, FileId::Dg(_)) || listed.contains(f));
                        }
                    }
                }
                if id == FileId::Dg(1) {
                    self.have_dg1 = true;
                }
                let chip_authentication = match id {
                    FileId::Dg(14) if self.sm.is_some() && !self.chip_proven => ca::offer(&bytes).ok().flatten(),
                    _ => None,
                };
                if id == FileId::Dg(15) && !self.chip_proven {
                    match aa::parse_dg15(&bytes) {
                        Ok(Some(key)) => self.aa_key = Some(key),
                        // A key of a kind we do not check (or a DG15 that does not parse): no proof either way.
                        _ => self.events.push_back(ReadEvent::Chip(ChipVerdict::NotSupported)),
                    }
                }
                self.events.push_back(ReadEvent::File { id, bytes });
                match chip_authentication {
                    Some(offer) => self.start_chip_authentication(offer),
                    None => self.next_file(),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::crypto::hex;
    use super::super::mrz::MrzKey;
    use super::*;

    /// Plays a script of (expected command, card answer) pairs.
    fn replay(reader: &mut ReadDocument, script: &[(&str, &str)]) -> Vec<ReadEvent> {
        let mut events = vec![];
        for (i, (cmd, answer)) in script.iter().enumerate() {
            let sent = reader.poll_transmit().unwrap_or_else(|| panic!("step {i}: nothing to send"));
            if !cmd.is_empty() {
                assert_eq!(sent.to_bytes(), hex(cmd), "step {i}");
            }
            reader.handle_response(&hex(answer));
            while let Some(e) = reader.poll_event() {
                events.push(e);
            }
        }
        events
    }

    /// Hands out the given byte strings in order, as the terminal's randomness.
    fn scripted(chunks: &[&str]) -> Entropy {
        let mut chunks: VecDeque<Vec<u8>> = chunks.iter().map(|c| hex(c)).collect();
        Box::new(move |buf: &mut [u8]| {
            let chunk = chunks.pop_front().expect("script has enough randomness");
            buf.copy_from_slice(&chunk[..buf.len()]);
        })
    }

    fn appendix_d_reader(files: Vec<FileId>) -> ReadDocument {
        let key = MrzKey::new("L898902C", "690806", "940623").expect("valid");
        let entropy = scripted(&["781723860C06C226", "0B795240CB7049B01C19B33E32804F0B"]);
        ReadDocument::new(&key.into(), entropy, appendix(files))
    }

    /// The worked examples' own commands: SELECT, then the header first.
    fn appendix(files: Vec<FileId>) -> ReadConfig {
        ReadConfig { files, short_ids: false, header_first: true, ..ReadConfig::default() }
    }

    const HANDSHAKE: [(&str, &str); 4] = [
        // No EF.CardAccess: no PACE, so BAC.
        ("00A4020C02011C", "6A82"),
        ("00A4040C07A0000002471001", "9000"),
        ("0084000008", "4608F919887022129000"),
        (
            "008200002872C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A728",
            "46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D74499000",
        ),
    ];

    #[test]
    fn part_11_appendix_g1_pace_through_the_reader() {
        let key = MrzKey::new("T22000129", "640812", "101031").expect("valid");
        let entropy = scripted(&[
            "7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99",
            "A73FB703AC1436A18E0CFA5ABB3F7BEC7A070E7A6788486BEE230C4A22762595",
        ]);
        let mut r = ReadDocument::new(&key.into(), entropy, appendix(vec![FileId::Com]));
        let script = [
            ("00A4020C02011C", "9000"),
            ("00B0000008", "31143012060A04009000"),
            ("00B000080E", "7F0007020204020202010202010D9000"),
            ("0022C1A40F800A04007F00070202040202830101", "9000"),
            ("10860000027C0000", "7C12801095A3A016522EE98D01E76CB6B98B42C39000"),
            (
                "10860000457C438141047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E\
                 544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D00",
                "7C43824104824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F57\
                 30D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C549000",
            ),
            (
                "10860000457C438341042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C\
                 3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB3646200",
                "7C438441049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB\
                 7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F0949000",
            ),
            ("008600000C7C0A8508C2B0BD78D94BA86600", "7C0A86083ABB9674BCE93C089000"),
        ];
        let events = replay(&mut r, &script);
        let g1 = PaceInfo { cipher: pace::PaceCipher::Aes128, domain: super::super::curve::Domain::BrainpoolP256r1 };
        assert_eq!(events.last(), Some(&ReadEvent::Authenticated(AccessControl::Pace(g1))), "{events:?}");
        // Then the application is selected inside AES secure messaging: DO'87' of one AES block and a MAC.
        let select = r.poll_transmit().expect("select");
        assert_eq!((select.cla, select.ins, select.p1), (0x0C, 0xA4, 0x04));
        assert_eq!(&select.data[..3], &[0x87, 0x11, 0x01]);
        // A forged last token from the chip is not accepted.
        let mut r = ReadDocument::new(
            &MrzKey::new("T22000129", "640812", "101031").expect("valid").into(),
            scripted(&[
                "7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99",
                "A73FB703AC1436A18E0CFA5ABB3F7BEC7A070E7A6788486BEE230C4A22762595",
            ]),
            appendix(vec![FileId::Com]),
        );
        let mut forged = script.to_vec();
        forged[7].1 = "7C0A86083ABB9674BCE93C079000";
        assert_eq!(replay(&mut r, &forged).last(), Some(&ReadEvent::Failed(CardError::BadMac)));
    }

    #[test]
    fn the_appendix_d_session_from_select_to_ef_com() {
        let mut r = appendix_d_reader(vec![FileId::Com]);
        let mut script = HANDSHAKE.to_vec();
        script.push(("0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800", "990290008E08FA855A5D4C50A8ED9000"));
        let events = replay(&mut r, &script);
        assert_eq!(events, [ReadEvent::Authenticated(AccessControl::Bac)]);
        // The reader asks for 8 bytes first; the appendix asked for 4, so from here the bytes differ:
        // the card side of this conversation is exercised end to end by the virtual document tests.
        let read = r.poll_transmit().expect("reads the header");
        assert_eq!((read.ins, read.p1, read.p2), (0xB0, 0, 0));
    }

    #[test]
    fn refusals_before_secure_messaging_are_clean_errors() {
        let cases: [(&[(&str, &str)], CardError); 4] = [
            (&[("", "6A82"), ("", "6A82")], CardError::Unsupported),
            (&[("", "6A82"), ("", "9000"), ("", "6D00")], CardError::Unsupported),
            (&[("", "6A82"), ("", "9000"), ("", "4608F919887022129000"), ("", "6300")], CardError::AccessDenied),
            (&[("", "6A82"), ("", "9000"), ("", "4608F9199000")], CardError::Unsupported),
        ];
        for (script, want) in cases {
            let mut r = appendix_d_reader(vec![FileId::Com]);
            let events = replay(&mut r, script);
            assert_eq!(events.last(), Some(&ReadEvent::Failed(want.clone())), "{script:?}");
            assert!(r.poll_transmit().is_none(), "nothing more is sent after a failure");
        }
        let mut r = appendix_d_reader(vec![FileId::Com]);
        r.poll_transmit();
        r.handle_response(&hex("6A82"));
        r.poll_transmit();
        r.handle_response(&[0x90]);
        assert!(matches!(r.poll_event(), Some(ReadEvent::Failed(CardError::Malformed(_)))));
    }

    #[test]
    fn get_response_and_wrong_le_are_handled_in_the_card_layer() {
        let mut r = appendix_d_reader(vec![FileId::Com]);
        assert!(r.poll_transmit().is_some());
        r.handle_response(&hex("6A82"));
        assert!(r.poll_transmit().is_some());
        r.handle_response(&hex("9000"));
        assert_eq!(r.poll_transmit().expect("challenge").to_bytes(), hex("0084000008"));
        r.handle_response(&hex("6C08"));
        assert_eq!(r.poll_transmit().expect("again").to_bytes(), hex("0084000008"), "sent again with Le = 08");
        r.handle_response(&hex("4608F9196104"));
        assert_eq!(r.poll_transmit().expect("get response").to_bytes(), hex("00C0000004"));
        r.handle_response(&hex("887022129000"));
        let mutual = r.poll_transmit().expect("mutual authenticate");
        assert_eq!(mutual.ins, 0x82, "the challenge was put together from both parts");
        assert_eq!(&mutual.data[..8], &hex("72C29C2371CC9BDB"));
    }
}
