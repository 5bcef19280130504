//! minwon-virtual-card: puts the specimen passport into vsmartcard's virtual reader, for the demo and tests.
//!
//! Needs pcscd with vpcd (Debian: pcscd, vsmartcard-vpcd). Prints the MRZ
//! values the kiosk asks for, then serves until stopped; if pcscd restarts,
//! it attaches again.

use minwon_hardware::card::specimen::specimen_document;
use minwon_hardware::card::virtual_doc::VirtualDocument;
use minwon_hardware::card::vpcd::{serve, VPCD_PORT};
use std::sync::atomic::AtomicBool;
use std::time::Duration;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut port = VPCD_PORT;
    while let Some(a) = args.next() {
        match (a.as_str(), args.next()) {
            ("--port", Some(p)) => match p.parse() {
                Ok(p) => port = p,
                Err(_) => {
                    eprintln!("minwon-virtual-card: --port takes a number");
                    std::process::exit(2);
                }
            },
            _ => {
                eprintln!("usage: minwon-virtual-card [--port 35963]");
                std::process::exit(2);
            }
        }
    }
    let contents = specimen_document();
    println!(
        "minwon-virtual-card: specimen passport (not a real person): document S12345678, born 1948-03-15, expires 2034-03-14"
    );
    let mut seed = [0u8; 32];
    if let Ok(bytes) = std::fs::read("/proc/sys/kernel/random/uuid") {
        seed[..bytes.len().min(32)].copy_from_slice(&bytes[..bytes.len().min(32)]);
    }
    let mut card = VirtualDocument::new(contents, &seed);
    let stop = AtomicBool::new(false);
    loop {
        match serve(&mut card, "127.0.0.1", port, &stop) {
            Ok(()) => eprintln!("minwon-virtual-card: pcscd closed the link; attaching again"),
            Err(e) => eprintln!("minwon-virtual-card: cannot reach vpcd on port {port} ({e}); is pcscd running?"),
        }
        card.reset();
        std::thread::sleep(Duration::from_secs(1));
    }
}
