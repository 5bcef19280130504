//! minwon-card-bench: how fast the kiosk reads the virtual passport through pcscd; prints a table.
//!
//! Starts `minwon-virtual-card` as a separate process on vpcd's second reader
//! (so host CPU time is the kiosk side only), then measures: card insertion
//! to the watcher seeing it, to DG1's values, and to DG2's face decoded; the
//! APDU count; and host CPU time per APDU. Needs pcscd running with vpcd.
//!   cargo run -p minwon-hardware --bin minwon-card-bench [-- RUNS]

use minwon_hardware::card::document::ReadResult;
use minwon_hardware::card::lds::FileId;
use minwon_hardware::card::pace::AccessKey;
use minwon_hardware::card::reader::{os_entropy, ReadConfig, ReadDocument};
use minwon_hardware::card::specimen::specimen_mrz;
use minwon_hardware::card::transport::{drive, PcscTransport, ReaderEvent, ReaderWatcher};
use std::time::{Duration, Instant};

const READER: &str = "Virtual PCD 00 01";

/// CPU time of this (main) thread, in nanoseconds, from the scheduler's statistics.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    Duration::from_nanos(stat.split_whitespace().next().and_then(|n| n.parse().ok()).unwrap_or(0))
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let runs: usize = std::env::args().nth(1).and_then(|r| r.parse().ok()).unwrap_or(10);
    let card_bin = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(|d| d.join("minwon-virtual-card")))
        .filter(|p| p.exists())
        .unwrap_or_else(|| {
            eprintln!("minwon-card-bench: build minwon-virtual-card first (cargo build -p minwon-hardware)");
            std::process::exit(2)
        });
    let mut watcher = ReaderWatcher::new().unwrap_or_else(|e| {
        eprintln!("minwon-card-bench: pcscd is not reachable ({e}); start it with scripts/card-service.sh start");
        std::process::exit(2)
    });
    let name = std::ffi::CString::new(READER).expect("no NUL");
    let key = AccessKey::from(specimen_mrz().access_key());
    println!("| mode | insertion → seen | → DG1 values | → DG2 decoded | APDUs (full read) | host CPU per APDU |");
    println!("|---|---|---|---|---|---|");
    for (pace, extended) in [(false, false), (false, true), (true, false), (true, true)] {
        let (mut seen, mut dg1, mut dg2, mut apdus, mut cpu) = (vec![], vec![], vec![], 0, vec![]);
        for _ in 0..runs {
            let _ = watcher.poll(Duration::from_millis(50));
            let t0 = Instant::now();
            let mut child = std::process::Command::new(&card_bin)
                .args(["--port", "35964"])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("starts the virtual card");
            loop {
                let events = watcher.poll(Duration::from_millis(20)).expect("watches");
                if events
                    .iter()
                    .any(|e| matches!(e, ReaderEvent::CardInserted { reader, .. } if reader.starts_with(READER)))
                {
                    break;
                }
                assert!(t0.elapsed() < Duration::from_secs(10), "the card never showed up");
            }
            seen.push(t0.elapsed());
            let config = |files| ReadConfig { files, extended_length: extended, pace, ..ReadConfig::default() };
            let entropy = || os_entropy().expect("OS randomness");
            let mut transport = PcscTransport::connect(watcher.context(), &name).expect("connects");
            let mut first = ReadDocument::new(&key, entropy(), config(vec![FileId::Dg(1)]));
            let events = drive(&mut first, &mut transport);
            let r = ReadResult::from_events(events).expect("DG1 reads");
            assert_eq!(r.mrz.surname, "HONG");
            dg1.push(t0.elapsed());
            drop(transport);
            let mut transport = PcscTransport::connect(watcher.context(), &name).expect("connects");
            let c0 = cpu_time();
            let t1 = Instant::now();
            let files = ReadConfig::default().files;
            let mut full = ReadDocument::new(&key, entropy(), config(files));
            let events = drive(&mut full, &mut transport);
            let r = ReadResult::from_events(events).expect("reads");
            let face = r.face.expect("a face");
            let img = image::load_from_memory(&face.bytes).expect("decodes");
            assert_eq!(img.width(), 240);
            dg2.push(seen.last().copied().unwrap_or_default() + t1.elapsed());
            apdus = full.apdu_count();
            cpu.push((cpu_time() - c0) / apdus.max(1) as u32);
            drop(transport);
            let _ = child.kill();
            let _ = child.wait();
            // Wait for the removal before the next run.
            let t = Instant::now();
            while t.elapsed() < Duration::from_secs(5) {
                let events = watcher.poll(Duration::from_millis(50)).expect("watches");
                if events.iter().any(|e| matches!(e, ReaderEvent::CardRemoved(r) if r.starts_with(READER))) {
                    break;
                }
            }
        }
        let mode = format!(
            "{}, {}",
            if pace { "PACE (AES-128, brainpoolP256r1)" } else { "BAC (3DES)" },
            if extended { "extended length" } else { "short (223-byte reads)" }
        );
        println!(
            "| {mode} | {:.0} ms | {:.0} ms | {:.0} ms | {} | {:.3} ms |",
            median(seen).as_secs_f64() * 1000.0,
            median(dg1).as_secs_f64() * 1000.0,
            median(dg2).as_secs_f64() * 1000.0,
            apdus,
            median(cpu).as_secs_f64() * 1000.0,
        );
    }
    println!("\nmedian of {runs} runs; the virtual card runs in its own process; host CPU is this thread's scheduler time over the full read, divided by its APDUs");
}
