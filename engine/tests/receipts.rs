//! Paper receipts from a real kiosk: a visitor finishes a form in each language and a virtual
//! ESC/POS network printer (a TCP socket that answers status requests as a printer does) gets
//! the ticket as a picture; the picture is decoded back, checked and saved to `tests/out/` to
//! look at. A printer out of paper: the visitor is told to note the number, the heartbeat says
//! so, and the hub's fleet page flags it.

mod common;

use common::{act, lost_wallet_in};
use minwon_core::Timestamp;
use minwon_engine::{Kiosk, KioskConfig, ManualClock};
use minwon_hardware::printer::virtual_printer::{decode, PrinterState};
use minwon_hardware::printer::Raster;
use serde_json::json;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// A network printer on loopback: answers `DLE EOT n` with `state`, keeps every other byte.
fn network_printer(state: PrinterState) -> (String, Arc<Mutex<Vec<u8>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
    let addr = listener.local_addr().expect("bound").to_string();
    let received = Arc::new(Mutex::new(Vec::new()));
    let kept = received.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let kept = kept.clone();
            std::thread::spawn(move || {
                // Read as a printer parses: a picture's payload is skipped by its length (its bytes
                // may hold anything), a status request between commands is answered at once.
                let (mut pending, mut payload) = (Vec::<u8>::new(), 0usize);
                let mut buf = [0u8; 4096];
                while let Ok(n) = stream.read(&mut buf) {
                    if n == 0 {
                        return;
                    }
                    pending.extend_from_slice(&buf[..n]);
                    loop {
                        let take = if payload > 0 {
                            let n = payload.min(pending.len());
                            payload -= n;
                            n
                        } else if pending.starts_with(&[0x1d, b'v', b'0']) && pending.len() >= 8 {
                            let row_bytes = usize::from(u16::from_le_bytes([pending[4], pending[5]]));
                            payload = row_bytes * usize::from(u16::from_le_bytes([pending[6], pending[7]]));
                            8
                        } else if pending.starts_with(&[0x10, 0x04]) && pending.len() >= 3 {
                            if let Some(answer) = state.answer(&pending[..3]) {
                                let _ = stream.write_all(&[answer]);
                            }
                            3
                        } else if pending.starts_with(&[0x1d, b'v']) || pending == [0x10] || pending.is_empty() {
                            0
                        } else {
                            1
                        };
                        if take == 0 {
                            break;
                        }
                        let bytes: Vec<u8> = pending.drain(..take).collect();
                        // A printer out of paper answers its state and prints nothing.
                        if state == PrinterState::Ready || bytes.first() == Some(&0x10) {
                            kept.lock().expect("lock").extend_from_slice(&bytes);
                        }
                    }
                }
            });
        }
    });
    (addr, received)
}

fn kiosk(dir: &std::path::Path, printer: &str) -> Kiosk {
    let mut config = KioskConfig::new(dir.to_path_buf());
    config.printer = Some(PathBuf::from(format!("tcp:{printer}")));
    config.kiosk_id = "jongno-1".into();
    Kiosk::open(config, Arc::new(ManualClock::new(Timestamp(1_796_280_000_000)))).expect("kiosk")
}

fn out_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/out");
    std::fs::create_dir_all(&dir).expect("tests/out");
    dir
}

/// The share of black dots in rows `top..bottom`.
fn ink(r: &Raster, top: usize, bottom: usize) -> f64 {
    let black = (top..bottom).flat_map(|y| (0..r.width).map(move |x| (x, y))).filter(|(x, y)| r.get(*x, *y)).count();
    black as f64 / ((bottom - top) * r.width).max(1) as f64
}

#[test]
fn each_language_gets_its_receipt_on_paper_as_a_picture() {
    let (addr, received) = network_printer(PrinterState::Ready);
    let dir = tempfile::tempdir().expect("temp dir");
    let k = kiosk(dir.path(), &addr);
    let mut numbers = Vec::new();
    for locale in ["ko", "ko-easy", "en", "zh-CN", "vi"] {
        let v = lost_wallet_in(&k, locale, "Nguyen Lan");
        numbers.push(v["body"]["number"].as_str().expect("a receipt number").to_owned());
        if locale == "ko" {
            let note = v["body"]["note"].as_str().unwrap_or_default();
            assert!(note.contains("인쇄된 접수증"), "the screen says the receipt printed: {note}");
        }
        act(&k, json!({"type": "finish"}));
    }
    let tickets = decode(&received.lock().expect("lock")).expect("only commands our printer takes");
    assert_eq!(tickets.len(), 5, "one cut per visitor");
    let mut heights = Vec::new();
    for (ticket, locale) in tickets.iter().zip(["ko", "ko-easy", "en", "zh-CN", "vi"]) {
        assert_eq!(ticket.width, 576, "{locale}: 80 mm paper");
        // Not blank, not black: text and a QR code on white paper, the number the largest ink.
        let share = ink(ticket, 0, ticket.height);
        assert!((0.03..0.5).contains(&share), "{locale}: {share:.3} of the paper is black");
        heights.push(ticket.height);
        let png = image::GrayImage::from_raw(ticket.width as u32, ticket.height as u32, ticket.to_luma())
            .expect("a picture of its size");
        png.save(out_dir().join(format!("receipt-{locale}.png"))).expect("saved");
    }
    // Different texts, different pictures (each language was set, not one picture five times).
    let distinct: std::collections::BTreeSet<_> = tickets.iter().map(|t| t.dots.clone()).collect();
    assert_eq!(distinct.len(), 5);
    let beat = k.status();
    assert_eq!(beat.printer, "ready");
    assert!(numbers.iter().all(|n| !n.is_empty()));
}

#[test]
fn a_printer_out_of_paper_is_told_to_the_visitor_and_flagged_on_the_fleet_page() {
    for (state, code, flag) in [
        (PrinterState::PaperOut, "paper-out", "printer-paper-out"),
        (PrinterState::CoverOpen, "cover-open", "printer-cover-open"),
    ] {
        let (addr, received) = network_printer(state);
        let dir = tempfile::tempdir().expect("temp dir");
        let k = kiosk(dir.path(), &addr);
        let v = lost_wallet_in(&k, "ko", "Nguyen Lan");
        // The number is on screen, with the note for when nothing printed.
        assert!(v["body"]["number"].as_str().is_some_and(|n| !n.is_empty()), "{v}");
        let note = v["body"]["note"].as_str().unwrap_or_default().to_owned();
        assert!(note.contains("적어 두시거나"), "{code}: {note}");
        assert!(decode(&received.lock().expect("lock")).expect("decodes").is_empty(), "{code}: nothing printed");
        let beat = k.status();
        assert_eq!(beat.printer, code);
        let flags = minwon_hub::fleet::flags(1, Some(1), Some(&beat), &[]);
        assert!(flags.contains(&flag), "{flags:?}");
    }
}
