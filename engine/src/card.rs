//! The chip reader as an `IdentitySource`: a worker thread that watches PC/SC readers and reads documents.
//!
//! The thread owns the PC/SC context. It waits for the session to ask for a
//! read (with the key the visitor typed), waits for a document in any reader,
//! reads it with `ReadDocument`, and reports a `DocumentData`. A card taken
//! out after a read is reported too, so the session can wipe.

use crate::identity::{IdentitySource, SourceEvent};
use minwon_core::session::DocumentKey;
use minwon_core::DocumentData;
use minwon_hardware::card::document::ReadResult;
use minwon_hardware::card::mrz::MrzKey;
use minwon_hardware::card::pa::{self, TrustStore};
use minwon_hardware::card::pace::AccessKey;
use minwon_hardware::card::reader::{os_entropy, ReadConfig, ReadDocument};
use minwon_hardware::card::transport::{drive, PcscTransport, ReaderEvent, ReaderWatcher, WatchStopper};
pub use minwon_hardware::card::values::{document_data, tampered};
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
                            let _ = self.outbox.send(SourceEvent::Read(Box::new(doc)));
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
        // Active Authentication failed on a chip that has DG15: a copy of the data on another chip.
        if result.chip == minwon_hardware::card::aa::ChipVerdict::NotGenuine {
            return Err(CardError::Clone);
        }
        let mut doc = document_data(&result, &checks, now.kst_date());
        // EF.SOD and the data groups, for the hub to check itself (sealed with the submission).
        doc.evidence = minwon_hardware::card::values::evidence(&result);
        Ok(doc)
    }
}
