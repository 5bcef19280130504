//! The virtual document read through the real pcscd and vsmartcard's vpcd: insertion, a whole read, a pulled card.
//!
//! Starts pcscd (`pcscd --foreground`) when none is running; needs the Debian
//! packages pcscd and vsmartcard-vpcd, which `scripts/setup.sh --tests` installs.

mod common;

use minwon_hardware::card::aa::ChipVerdict;
use minwon_hardware::card::curve::Domain;
use minwon_hardware::card::document::ReadResult;
use minwon_hardware::card::lds::{self, FileId};
use minwon_hardware::card::pa::{self, TrustStore, Verdict};
use minwon_hardware::card::pace::{self, PaceCipher, PaceInfo};
use minwon_hardware::card::reader::{os_entropy, AccessControl, ReadConfig, ReadDocument, ReadEvent};
use minwon_hardware::card::specimen::{specimen_ca_key, specimen_document, specimen_mrz};
use minwon_hardware::card::transport::{drive, CardTransport, PcscTransport, ReaderEvent, ReaderWatcher};
use minwon_hardware::card::virtual_doc::VirtualDocument;
use minwon_hardware::card::vpcd::serve;
use minwon_hardware::CardError;
use std::net::TcpStream;
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

// The second virtual reader, so that a kiosk running the demo (on the first) does not collide with the test.
const READER: &str = "Virtual PCD 00 01";
const VPCD_PORT: u16 = 35964;

fn port_open() -> bool {
    TcpStream::connect_timeout(&([127, 0, 0, 1], VPCD_PORT).into(), Duration::from_millis(200)).is_ok()
}

/// Makes sure pcscd runs (as a daemon, left running for the tests after this one) with vpcd listening.
fn pcscd() {
    let running = Command::new("pgrep").args(["-x", "pcscd"]).status().is_ok_and(|s| s.success());
    if !running {
        let started = Command::new("pcscd")
            .status()
            .or_else(|_| Command::new("/usr/sbin/pcscd").status())
            .expect("pcscd must be installed (Debian packages pcscd and vsmartcard-vpcd)");
        assert!(started.success(), "pcscd did not start");
    }
    let start = Instant::now();
    while !port_open() {
        assert!(start.elapsed() < Duration::from_secs(15), "vpcd never listened on {VPCD_PORT}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn insert(stop: Arc<AtomicBool>) -> JoinHandle<()> {
    insert_document(stop, specimen_document())
}

fn insert_document(
    stop: Arc<AtomicBool>,
    contents: minwon_hardware::card::virtual_doc::DocumentContents,
) -> JoinHandle<()> {
    insert_card(stop, VirtualDocument::new(contents, b"pcsc test"))
}

/// Puts `card` (its quirks set as the test wants) in the virtual reader until `stop`.
fn insert_card(stop: Arc<AtomicBool>, mut card: VirtualDocument) -> JoinHandle<()> {
    std::thread::spawn(move || {
        serve(&mut card, "127.0.0.1", VPCD_PORT, &stop).expect("the virtual card attaches to vpcd");
    })
}

fn wait_for(watcher: &mut ReaderWatcher, want: impl Fn(&ReaderEvent) -> bool, what: &str) {
    let start = Instant::now();
    loop {
        let events = watcher.poll(Duration::from_millis(500)).expect("the watcher works");
        if events.iter().any(&want) {
            return;
        }
        assert!(start.elapsed() < Duration::from_secs(15), "no {what} within 15 s");
    }
}

fn reader_for(extended: bool) -> ReadDocument {
    let files = ReadConfig::default().files;
    ReadDocument::new(
        &specimen_mrz().access_key().into(),
        os_entropy().expect("OS randomness"),
        ReadConfig { files, extended_length: extended, ..ReadConfig::default() },
    )
}

/// Counts APDUs, and pulls the card out after `pull_after` of them.
struct Pulling<'a> {
    inner: PcscTransport,
    sent: &'a AtomicUsize,
    pull_after: usize,
    stop: &'a AtomicBool,
}

impl CardTransport for Pulling<'_> {
    fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>, CardError> {
        if self.sent.fetch_add(1, Ordering::SeqCst) == self.pull_after {
            self.stop.store(true, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(800)); // vpcd notices the link is gone
        }
        self.inner.transmit(apdu)
    }
}

#[test]
fn the_virtual_passport_through_pcscd() {
    pcscd();
    let mut watcher = ReaderWatcher::new().expect("pcscd answers");

    // Insert: the watcher sees the card in the virtual reader.
    let stop = Arc::new(AtomicBool::new(false));
    let card = insert(stop.clone());
    wait_for(
        &mut watcher,
        |e| matches!(e, ReaderEvent::CardInserted { reader, .. } if reader.starts_with(READER)),
        "card",
    );

    // A whole read, extended then short lengths.
    let reader_name = std::ffi::CString::new(READER).expect("no NUL");
    for extended in [true, false] {
        let mut transport = PcscTransport::connect(watcher.context(), &reader_name).expect("connects");
        let mut read = reader_for(extended);
        let events = drive(&mut read, &mut transport);
        assert_eq!(events.last(), Some(&ReadEvent::Finished), "extended {extended}: {events:?}");
        let file = |id| {
            events.iter().find_map(|e| match e {
                ReadEvent::File { id: i, bytes } if *i == id => Some(bytes.clone()),
                _ => None,
            })
        };
        let mrz = lds::parse_dg1(&file(FileId::Dg(1)).expect("DG1")).expect("DG1 parses");
        assert_eq!(
            (mrz.surname.as_str(), mrz.given_names.as_str(), mrz.birth_date.as_str()),
            ("HONG", "GILSOON", "480315")
        );
        let details = lds::parse_dg11(&file(FileId::Dg(11)).expect("DG11")).expect("DG11 parses");
        assert_eq!(details.other_names, ["홍길순"]);
        assert_eq!(details.address.as_deref(), Some("서울특별시 종로구 세종대로 209"));
        let face = lds::parse_dg2(&file(FileId::Dg(2)).expect("DG2")).expect("DG2 parses");
        let image = image::load_from_memory(&face.bytes).expect("the face decodes");
        assert_eq!((image.width(), image.height()), (240, 320));
        assert!(events.contains(&ReadEvent::Absent(FileId::Sod)), "the specimen has no EF.SOD yet");
        // The specimen offers PACE (AES-128 on brainpoolP256r1): the reader takes it over BAC, and reads DG14.
        let pace = PaceInfo { cipher: PaceCipher::Aes128, domain: Domain::BrainpoolP256r1 };
        assert!(events.contains(&ReadEvent::Authenticated(AccessControl::Pace(pace))), "{events:?}");
        let dg14 = pace::parse_dg14(&file(FileId::Dg(14)).expect("DG14")).expect("DG14 parses");
        assert_eq!(dg14.pace, [pace]);
        // DG14 offers Chip Authentication (AES-128): the chip proved it holds DG14's key, so it
        // was not also asked to sign (Active Authentication).
        let result = ReadResult::from_events(events.clone()).expect("a document");
        assert_eq!((result.chip, result.chip_authentication), (ChipVerdict::Genuine, Some(PaceCipher::Aes128)));
        eprintln!("extended {extended}: {} APDUs", read.apdu_count());
    }

    // Pulled mid-read: a clean error, never a panic.
    let sent = AtomicUsize::new(0);
    let mut transport = Pulling {
        inner: PcscTransport::connect(watcher.context(), &reader_name).expect("connects"),
        sent: &sent,
        pull_after: 8,
        stop: &stop,
    };
    let events = drive(&mut reader_for(false), &mut transport);
    assert_eq!(events.last(), Some(&ReadEvent::Failed(CardError::Removed)), "{events:?}");
    card.join().expect("the card thread ends when pulled");
    wait_for(&mut watcher, |e| matches!(e, ReaderEvent::CardRemoved(r) if r.starts_with(READER)), "removal");

    // A signed passport whose DG1 was changed after signing: read through pcscd, it fails passive
    // authentication on DG1 only.
    let dir = tempfile::tempdir().expect("temp dir");
    common::csca(dir.path(), "csca", common::CSCA_SUBJECT, &common::EC);
    common::signer(dir.path(), "ds", "csca", &common::EC, "3650");
    let mut contents = specimen_document();
    contents.files.insert(FileId::Sod, common::sod(dir.path(), &contents.files, "ds", &[]));
    let dg1 = contents.files.get_mut(&FileId::Dg(1)).expect("DG1");
    let at = dg1.windows(7).position(|w| w == b"GILSOON").expect("the given name is in DG1");
    dg1[at + 6] = b'K'; // GILSOOK: no check digit covers the name, only the signature does
    let mut trust = TrustStore::default();
    trust.add_der(&std::fs::read(dir.path().join("csca.der")).expect("reads")).expect("parses");
    let stop = Arc::new(AtomicBool::new(false));
    let card = insert_document(stop.clone(), contents);
    wait_for(
        &mut watcher,
        |e| matches!(e, ReaderEvent::CardInserted { reader, .. } if reader.starts_with(READER)),
        "card",
    );
    let mut transport = PcscTransport::connect(watcher.context(), &reader_name).expect("connects");
    let result = ReadResult::from_events(drive(&mut reader_for(true), &mut transport)).expect("it reads");
    assert_eq!(result.mrz.given_names, "GILSOOK", "the changed name parses, check digits and all");
    let verdicts = pa::verify(&result.files, &trust, common::now());
    assert_eq!(verdicts.data_groups[&FileId::Dg(1)], Verdict::Failed("hash-mismatch"));
    assert_eq!(verdicts.data_groups[&FileId::Dg(2)], Verdict::Succeeded);
    assert_eq!(verdicts.sod_signature, Verdict::Succeeded);
    assert!(!verdicts.verified());
    drop(transport);
    stop.store(true, Ordering::SeqCst);
    card.join().expect("the card thread ends");
    wait_for(&mut watcher, |e| matches!(e, ReaderEvent::CardRemoved(r) if r.starts_with(READER)), "removal");

    // Chip Authentication with 3DES (MSE:Set KAT), and a chip with Active Authentication only,
    // genuine and cloned (its files copied, not its key).
    for (ca, cloned) in [(Some(PaceCipher::Tdes), false), (None, false), (None, true)] {
        let mut contents = specimen_document();
        match ca {
            Some(cipher) => {
                let key = specimen_ca_key(cipher, Domain::P256);
                contents.files.insert(FileId::Dg(14), key.dg14(&contents.pace));
                contents.chip_authentication = Some(key);
            }
            None => {
                contents.files.insert(FileId::Dg(14), pace::build_dg14(&contents.pace));
                contents.chip_authentication = None;
            }
        }
        let stop_card = Arc::new(AtomicBool::new(false));
        let mut card = VirtualDocument::new(contents, b"pcsc test");
        card.quirks.cloned = cloned;
        let this = insert_card(stop_card.clone(), card);
        wait_for(
            &mut watcher,
            |e| matches!(e, ReaderEvent::CardInserted { reader, .. } if reader.starts_with(READER)),
            "card",
        );
        let mut transport = PcscTransport::connect(watcher.context(), &reader_name).expect("connects");
        let result = ReadResult::from_events(drive(&mut reader_for(false), &mut transport)).expect("it reads");
        let want = if cloned { ChipVerdict::NotGenuine } else { ChipVerdict::Genuine };
        assert_eq!((result.chip, result.chip_authentication), (want, ca), "{ca:?} cloned {cloned}");
        assert!(result.files.contains_key(&FileId::Dg(2)), "{ca:?}: the face came after");
        drop(transport);
        stop_card.store(true, Ordering::SeqCst);
        this.join().expect("the card thread ends");
        wait_for(&mut watcher, |e| matches!(e, ReaderEvent::CardRemoved(r) if r.starts_with(READER)), "removal");
    }

    // The watcher stops from another thread.
    let stopper = watcher.stopper();
    let waiting = std::thread::spawn(move || watcher.poll(Duration::from_secs(30)));
    std::thread::sleep(Duration::from_millis(300));
    let t = Instant::now();
    stopper.stop();
    let result = waiting.join().expect("the watcher thread ends");
    assert!(matches!(result, Err(CardError::Transport(ref m)) if m == "cancelled"), "{result:?}");
    assert!(t.elapsed() < Duration::from_secs(5));
}
