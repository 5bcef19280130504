//! minwon-card-peers: our reader and the `emrtd` crate, side by side, on Debian's vicc ePass as shipped; prints a table.
//!
//! Each run starts vicc afresh (made runnable on Python 3 by `tests/vicc/fix-vicc.py
//! --as-shipped`: its own EF.COM, no face, no EF.SOD) on vpcd's second reader with a passport
//! whose MRZ is made here, and lets one reader read it: DG1 first (the APDUs and wall time to
//! DG1's bytes), then what else the reader asks for (DG2, EF.SOD), and whether the read ended
//! with DG1. Needs pcscd with vpcd and Debian's vsmartcard-vpicc.
//!   cargo run -p minwon-hardware --features peers --bin minwon-card-peers [-- RUNS]

use minwon_hardware::card::lds::FileId;
use minwon_hardware::card::mrz::{check_digit, MrzKey};
use minwon_hardware::card::reader::{os_entropy, ReadConfig, ReadDocument, ReadEvent};
use minwon_hardware::card::transport::{CardTransport, PcscTransport, ReaderEvent, ReaderWatcher};
use std::io::Write;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const READER: &str = "Virtual PCD 00 01";
const NUMBER: &str = "M12345678";
const BORN: &str = "480315";
const EXPIRES: &str = "310228";

/// A TD3 MRZ with its check digits, as vicc asks for it (one string).
fn td3() -> String {
    let cd = |s: &str| char::from(b'0' + check_digit(s).unwrap_or(0));
    let line1 = format!("{:<<44}", "P<UTOKIM<<OKSUN");
    let optional = "<".repeat(14);
    let (n, b, e, o) = (cd(NUMBER), cd(BORN), cd(EXPIRES), cd(&optional));
    let composite = cd(&format!("{NUMBER}{n}{BORN}{b}{EXPIRES}{e}{optional}{o}"));
    format!("{line1}{NUMBER}{n}UTO{BORN}{b}F{EXPIRES}{e}{optional}{o}{composite}")
}

/// vicc, logging each command it answers into `log` (`-vvv`: its INFO level).
fn start_vicc(watcher: &mut ReaderWatcher, pythonpath: &std::path::Path, log: &std::path::Path) -> Child {
    let log = std::fs::File::create(log).expect("a log file");
    let mut vicc = Command::new("/usr/bin/python3")
        .args(["/usr/bin/vicc", "-t", "ePass", "-P", "35964", "-vvv"])
        .env("PYTHONPATH", pythonpath)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("vicc runs (Debian's vsmartcard-vpicc)");
    if let Some(mut stdin) = vicc.stdin.take() {
        let _ = writeln!(stdin, "{}\n", td3());
    }
    let t = Instant::now();
    while t.elapsed() < Duration::from_secs(20) {
        let events = watcher.poll(Duration::from_millis(50)).unwrap_or_default();
        if events.iter().any(|e| matches!(e, ReaderEvent::CardInserted { reader, .. } if reader.starts_with(READER))) {
            return vicc;
        }
    }
    let _ = vicc.kill();
    let _ = vicc.wait();
    eprintln!("minwon-card-peers: vicc never showed up on {READER}");
    std::process::exit(2)
}

fn stop_vicc(watcher: &mut ReaderWatcher, mut vicc: Child) {
    let _ = vicc.kill();
    let _ = vicc.wait();
    let t = Instant::now();
    while t.elapsed() < Duration::from_secs(5) {
        let events = watcher.poll(Duration::from_millis(50)).unwrap_or_default();
        if events.iter().any(|e| matches!(e, ReaderEvent::CardRemoved(r) if r.starts_with(READER))) {
            return;
        }
    }
}

/// One reader's run: DG1 reached (APDUs, time), the whole read (APDUs, time), and whether it ended with DG1.
struct Run {
    dg1: Option<(usize, Duration)>,
    total: (usize, Duration),
    finished: bool,
}

fn ours(transport: &mut PcscTransport, counted: &dyn Fn() -> usize) -> Run {
    let key = MrzKey::new(NUMBER, BORN, EXPIRES).expect("a valid key");
    let t0 = Instant::now();
    let mut read = ReadDocument::new(&key.into(), os_entropy().expect("OS randomness"), ReadConfig::default());
    let (mut dg1, mut finished) = (None, false);
    while let Some(cmd) = read.poll_transmit() {
        match transport.transmit(&cmd.to_bytes()) {
            Ok(answer) => read.handle_response(&answer),
            Err(_) => break,
        }
        while let Some(e) = read.poll_event() {
            match e {
                ReadEvent::File { id: FileId::Dg(1), .. } => dg1 = Some((counted(), t0.elapsed())),
                ReadEvent::Finished => finished = dg1.is_some(),
                _ => {}
            }
        }
    }
    Run { dg1, total: (counted(), t0.elapsed()), finished }
}

/// emrtd 0.0.2 takes the PC/SC card itself; its APDUs are counted on vicc's side (`vicc -vvv`
/// logs each command it answers), so `counted` is read after the run.
fn peer(card: pcsc::Card, counted: &dyn Fn() -> usize) -> Run {
    let t0 = Instant::now();
    let mut comms = emrtd::EmrtdComms::new(card);
    let mut dg1 = None;
    let mut steps = || -> Result<(), emrtd::EmrtdError> {
        comms.select_emrtd_application()?;
        let secret = emrtd::other_mrz(NUMBER, BORN, EXPIRES)?;
        comms.establish_bac_session_keys(secret.as_bytes())?;
        comms.select_ef(b"\x01\x1E", "EF.COM", true)?;
        comms.read_data_from_ef(true)?;
        comms.select_ef(b"\x01\x01", "EF.DG1", true)?;
        comms.read_data_from_ef(true)?;
        dg1 = Some((counted(), t0.elapsed()));
        comms.select_ef(b"\x01\x02", "EF.DG2", true)?;
        comms.read_data_from_ef(true)?;
        comms.select_ef(b"\x01\x1D", "EF.SOD", true)?;
        comms.read_data_from_ef(true)?;
        Ok(())
    };
    let finished = steps().is_ok();
    Run { dg1, total: (counted(), t0.elapsed()), finished }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn main() {
    let runs: usize = std::env::args().nth(1).and_then(|r| r.parse().ok()).unwrap_or(5);
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let vicc_lib = std::env::temp_dir().join(format!("minwon-card-peers-{}", std::process::id()));
    let fixed = Command::new("/usr/bin/python3")
        .arg(repo.join("tests/vicc/fix-vicc.py"))
        .arg("--as-shipped")
        .arg(&vicc_lib)
        .status()
        .is_ok_and(|s| s.success());
    if !fixed {
        eprintln!(
            "minwon-card-peers: tests/vicc/fix-vicc.py could not prepare vicc (is python3-virtualsmartcard installed?)"
        );
        std::process::exit(2);
    }
    let mut watcher = ReaderWatcher::new().unwrap_or_else(|e| {
        eprintln!("minwon-card-peers: pcscd is not reachable ({e})");
        std::process::exit(2)
    });
    let name = std::ffi::CString::new(READER).expect("no NUL");
    println!(
        "| reader on vicc ePass as shipped | ended with DG1 | APDUs to DG1 | to DG1 | APDUs, whole read | whole read |"
    );
    println!("|---|---|---|---|---|---|");
    for who in ["minwon-card (ours)", "emrtd 0.0.2"] {
        let (mut finished, mut to_dg1, mut whole) = (0, vec![], vec![]);
        let (mut apdus_dg1, mut apdus) = (0, 0);
        for _ in 0..runs {
            let log = vicc_lib.join("vicc.log");
            let vicc = start_vicc(&mut watcher, &vicc_lib, &log);
            // The commands vicc has answered so far: the same count for both readers.
            let counted = || std::fs::read_to_string(&log).unwrap_or_default().matches("Command APDU").count();
            let run = if who.starts_with("minwon") {
                let mut transport = PcscTransport::connect(watcher.context(), &name).expect("connects");
                ours(&mut transport, &counted)
            } else {
                let card =
                    watcher.context().connect(&name, pcsc::ShareMode::Shared, pcsc::Protocols::ANY).expect("connects");
                peer(card, &counted)
            };
            stop_vicc(&mut watcher, vicc);
            finished += usize::from(run.finished);
            if let Some((n, t)) = run.dg1 {
                apdus_dg1 = n;
                to_dg1.push(t);
            }
            apdus = run.total.0;
            whole.push(run.total.1);
        }
        let dg1 = if to_dg1.is_empty() { "never".to_owned() } else { format!("{apdus_dg1}") };
        println!(
            "| {who} | {finished} of {runs} | {dg1} | {:.0} ms | {apdus} | {:.0} ms |",
            median(to_dg1).as_secs_f64() * 1000.0,
            median(whole).as_secs_f64() * 1000.0
        );
    }
    let _ = std::fs::remove_dir_all(&vicc_lib);
    println!("\nmedian of {runs} runs, each on a vicc started afresh; ours reads EF.CardAccess (PACE?), DG1, EF.COM, then DG14, DG2, DG11, DG15, EF.SOD as EF.COM lists them, as the kiosk does; emrtd EF.COM, DG1, DG2, EF.SOD as its example does");
}
