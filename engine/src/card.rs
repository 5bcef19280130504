//! The chip reader as an `IdentitySource`: a worker thread that watches PC/SC readers and reads documents.
//!
//! The thread owns the PC/SC context. It waits for the session to ask for a
//! read (with the key the visitor typed), waits for a document in any reader,
//! reads it with `ReadDocument`, and reports a `DocumentData`. A card taken
//! out after a read is reported too, so the session can wipe.

use crate::identity::{IdentitySource, SourceEvent};
use minwon_core::document::{DocumentField, DocumentValue};
use minwon_core::session::DocumentKey;
use minwon_core::validate::Date;
use minwon_core::DocumentData;
use minwon_hardware::card::document::ReadResult;
use minwon_hardware::card::mrz::MrzKey;
use minwon_hardware::card::pa::{self, PassiveAuthentication, TrustStore, Verdict};
use minwon_hardware::card::pace::AccessKey;
use minwon_hardware::card::reader::{os_entropy, AccessControl, ReadConfig, ReadDocument};
use minwon_hardware::card::transport::{drive, PcscTransport, ReaderEvent, ReaderWatcher, WatchStopper};
use minwon_hardware::CardError;
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

enum Command {
    Read(DocumentKey),
    Cancel,
    Stop,
}

pub struct CardReaderSource {
    commands: Sender<Command>,
    events: Receiver<SourceEvent>,
    available: Arc<AtomicBool>,
    stopper: Arc<Mutex<Option<WatchStopper>>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl std::fmt::Debug for CardReaderSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CardReaderSource(available {})", self.available.load(Ordering::SeqCst))
    }
}

impl CardReaderSource {
    /// Starts the worker. `today` gives the date for the century of MRZ dates.
    /// `trust`: the CSCAs whose document signers we accept for passive authentication.
    /// `reader_name`: only readers whose name starts with it (`None`: any).
    pub fn start(trust: TrustStore, clock: Arc<dyn crate::Clock>, reader_name: Option<String>) -> CardReaderSource {
        let (commands, inbox) = channel();
        let (outbox, events) = channel();
        let available = Arc::new(AtomicBool::new(false));
        let stopper = Arc::new(Mutex::new(None));
        let worker =
            Worker { inbox, outbox, available: available.clone(), stopper: stopper.clone(), trust, clock, reader_name };
        let thread = std::thread::Builder::new().name("card-reader".into()).spawn(move || worker.run()).ok();
        CardReaderSource { commands, events, available, stopper, thread }
    }
}

impl Drop for CardReaderSource {
    fn drop(&mut self) {
        let _ = self.commands.send(Command::Stop);
        if let Some(s) = self.stopper.lock().ok().and_then(|s| s.clone()) {
            s.stop();
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl IdentitySource for CardReaderSource {
    fn available(&self) -> bool {
        self.available.load(Ordering::SeqCst)
    }
    fn begin_read(&mut self, key: DocumentKey) {
        let _ = self.commands.send(Command::Read(key));
    }
    fn cancel_read(&mut self) {
        let _ = self.commands.send(Command::Cancel);
    }
    fn poll_event(&mut self) -> Option<SourceEvent> {
        self.events.try_recv().ok()
    }
}

struct Worker {
    inbox: Receiver<Command>,
    outbox: Sender<SourceEvent>,
    available: Arc<AtomicBool>,
    stopper: Arc<Mutex<Option<WatchStopper>>>,
    trust: TrustStore,
    clock: Arc<dyn crate::Clock>,
    reader_name: Option<String>,
}

impl Worker {
    fn run(self) {
        let mut pending: Option<DocumentKey> = None;
        loop {
            let mut watcher = match ReaderWatcher::new() {
                Ok(w) => w,
                Err(_) => {
                    // No pcscd yet: try again shortly.
                    self.available.store(false, Ordering::SeqCst);
                    if self.commands(&mut pending) {
                        return;
                    }
                    std::thread::sleep(Duration::from_secs(2));
                    continue;
                }
            };
            if let Ok(mut s) = self.stopper.lock() {
                *s = Some(watcher.stopper());
            }
            let mut readers: BTreeSet<String> = BTreeSet::new();
            let mut cards: BTreeSet<String> = BTreeSet::new();
            let mut read_from: Option<String> = None;
            loop {
                if self.commands(&mut pending) {
                    return;
                }
                let events = match watcher.poll(Duration::from_millis(300)) {
                    Ok(e) => e,
                    Err(CardError::Transport(m)) if m == "cancelled" => return,
                    Err(_) => break, // pcscd went away: start over
                };
                for e in events {
                    match e {
                        ReaderEvent::ReaderAdded(r) if self.wanted(&r) => {
                            readers.insert(r);
                        }
                        ReaderEvent::ReaderAdded(_) => {}
                        ReaderEvent::ReaderRemoved(r) => {
                            readers.remove(&r);
                            cards.remove(&r);
                        }
                        ReaderEvent::CardInserted { reader, .. } if self.wanted(&reader) => {
                            cards.insert(reader);
                        }
                        ReaderEvent::CardInserted { .. } => {}
                        ReaderEvent::CardRemoved(r) => {
                            cards.remove(&r);
                            if read_from.as_ref() == Some(&r) {
                                read_from = None;
                                let _ = self.outbox.send(SourceEvent::Removed);
                            }
                        }
                    }
                }
                self.available.store(!readers.is_empty(), Ordering::SeqCst);
                if let (Some(key), Some(reader)) = (pending.as_ref(), cards.iter().next().cloned()) {
                    let outcome = self.read(&watcher, &reader, key);
                    pending = None;
                    match outcome {
                        Ok(doc) => {
                            read_from = Some(reader);
                            let _ = self.outbox.send(SourceEvent::Read(doc));
                        }
                        Err(e) => {
                            eprintln!("minwon-engine: reading a document failed: {}", e.code());
                            let _ = self.outbox.send(SourceEvent::Failed { code: e.code() });
                        }
                    }
                }
            }
            self.available.store(false, Ordering::SeqCst);
        }
    }

    fn wanted(&self, reader: &str) -> bool {
        self.reader_name.as_deref().is_none_or(|prefix| reader.starts_with(prefix))
    }

    /// Takes pending commands; true when told to stop.
    fn commands(&self, pending: &mut Option<DocumentKey>) -> bool {
        while let Ok(c) = self.inbox.try_recv() {
            match c {
                Command::Read(k) => *pending = Some(k),
                Command::Cancel => *pending = None,
                Command::Stop => return true,
            }
        }
        false
    }

    fn read(&self, watcher: &ReaderWatcher, reader: &str, key: &DocumentKey) -> Result<DocumentData, CardError> {
        let key = match key {
            DocumentKey::Mrz { number, birth_date, expiry } => AccessKey::Mrz(MrzKey::new(number, birth_date, expiry)?),
            DocumentKey::Can(can) => AccessKey::can(can)?,
        };
        let name = std::ffi::CString::new(reader).map_err(|_| CardError::NoReader)?;
        let mut transport = PcscTransport::connect(watcher.context(), &name)?;
        let config = ReadConfig { extended_length: true, ..ReadConfig::default() };
        let mut reading = ReadDocument::new(&key, os_entropy()?, config);
        let events = drive(&mut reading, &mut transport);
        let result = ReadResult::from_events(events)?;
        let now = self.clock.now();
        let checks = pa::verify(&result.files, &self.trust, now.as_millis() / 1000);
        if tampered(&checks) {
            return Err(CardError::Tampered);
        }
        Ok(document_data(&result, &checks, now.kst_date()))
    }
}

/// `YYMMDD` → `YYYY-MM-DD`. Birth dates are in the past: a year that would be after `today` is from the 1900s.
fn full_date(yymmdd: &str, today: Date, past: bool) -> Option<String> {
    let yy: i32 = yymmdd.get(0..2)?.parse().ok()?;
    let (mm, dd) = (yymmdd.get(2..4)?, yymmdd.get(4..6)?);
    let this_century = 2000 + yy;
    let year = if past {
        if this_century > today.year {
            1900 + yy
        } else {
            this_century
        }
    } else if this_century > today.year + 50 {
        1900 + yy
    } else {
        this_century
    };
    Some(format!("{year:04}-{mm}-{dd}"))
}

/// Data that contradicts its own signature: a data group whose hash is not the signed one, or a
/// security object whose signature does not verify. Data we cannot vouch for (no EF.SOD, a
/// signer we cannot chain to a CSCA we hold, e.g. after a CSCA key rollover we have not
/// loaded yet) is only unverified: the visitor can still use it, marked as such.
pub fn tampered(pa: &PassiveAuthentication) -> bool {
    pa.data_groups.values().any(|v| matches!(v, Verdict::Failed(_))) || matches!(pa.sod_signature, Verdict::Failed(_))
}

fn verdict(v: Verdict) -> String {
    match v {
        Verdict::Succeeded => "succeeded".into(),
        Verdict::Failed(r) => format!("failed:{r}"),
        Verdict::NotChecked(r) => format!("not-checked:{r}"),
    }
}

/// Turns what the chip said, and how it checked out, into the session's document data.
pub fn document_data(read: &ReadResult, pa: &PassiveAuthentication, today: Date) -> DocumentData {
    let mrz = &read.mrz;
    let checks = minwon_core::DocumentChecks {
        data_groups: pa
            .data_groups
            .iter()
            .filter_map(|(id, v)| match id {
                minwon_hardware::card::lds::FileId::Dg(n) => Some((*n, verdict(*v))),
                _ => None,
            })
            .collect(),
        sod_signature: verdict(pa.sod_signature),
        document_signer: verdict(pa.document_signer),
        warnings: pa.warnings.iter().map(|w| (*w).to_owned()).collect(),
        access: match read.access {
            Some(AccessControl::Bac) => "bac".into(),
            Some(AccessControl::Pace(p)) => format!("pace:{}:{}", p.cipher.name(), p.domain.name()),
            None => String::new(),
        },
    };
    let mut doc = DocumentData { verified: pa.verified(), checks: Some(checks), ..Default::default() }
        .with_text(DocumentField::Surname, mrz.surname.clone())
        .with_text(DocumentField::GivenNames, mrz.given_names.clone())
        .with_text(DocumentField::Number, mrz.document_number.clone())
        .with_text(DocumentField::Nationality, mrz.nationality.clone());
    if let Some(d) = full_date(&mrz.birth_date, today, true) {
        doc = doc.with_text(DocumentField::BirthDate, d);
    }
    if let Some(d) = full_date(&mrz.expiry, today, false) {
        doc = doc.with_text(DocumentField::Expiry, d);
    }
    if matches!(mrz.sex, 'M' | 'F') {
        doc = doc.with_text(DocumentField::Sex, mrz.sex.to_string());
    }
    if let Some(address) = read.details.as_ref().and_then(|d| d.address.clone()) {
        doc = doc.with_text(DocumentField::Address, address);
    }
    if let Some(face) = &read.face {
        doc.values.insert(
            DocumentField::Photo,
            DocumentValue::Image { mime: face.format.mime().to_owned(), bytes: face.bytes.clone() },
        );
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contradicting_data_is_tampered_but_uncheckable_data_is_only_unverified() {
        use minwon_hardware::card::lds::FileId;
        let pa = |dg1: Verdict, sod: Verdict, ds: Verdict| PassiveAuthentication {
            data_groups: [(FileId::Dg(1), dg1), (FileId::Dg(2), Verdict::Succeeded)].into_iter().collect(),
            sod_signature: sod,
            document_signer: ds,
            warnings: vec![],
        };
        let ok = Verdict::Succeeded;
        let cases = [
            (pa(ok, ok, ok), false, true),
            (pa(Verdict::Failed("hash-mismatch"), ok, ok), true, false),
            (pa(ok, Verdict::Failed("signature-mismatch"), ok), true, false),
            (pa(ok, ok, Verdict::Failed("csca-signature-mismatch")), false, false),
            (pa(ok, ok, Verdict::Failed("no-trusted-csca")), false, false),
            (
                pa(Verdict::NotChecked("no-sod"), Verdict::NotChecked("no-sod"), Verdict::NotChecked("no-sod")),
                false,
                false,
            ),
        ];
        for (checks, is_tampered, is_verified) in cases {
            assert_eq!(tampered(&checks), is_tampered, "{checks:?}");
            assert_eq!(checks.verified(), is_verified, "{checks:?}");
        }
        assert_eq!(verdict(Verdict::Failed("hash-mismatch")), "failed:hash-mismatch");
    }

    #[test]
    fn centuries_of_mrz_dates() {
        let today = Date { year: 2026, month: 11, day: 22 };
        let cases = [
            ("480315", true, "1948-03-15"),
            ("200101", true, "2020-01-01"),
            ("261122", true, "2026-11-22"),
            ("270101", true, "1927-01-01"),
            ("340314", false, "2034-03-14"),
            ("990101", false, "1999-01-01"),
        ];
        for (yymmdd, past, want) in cases {
            assert_eq!(full_date(yymmdd, today, past).as_deref(), Some(want), "{yymmdd}");
        }
    }
}
