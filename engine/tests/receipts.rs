//! Paper receipts from a real kiosk: a visitor finishes a form in each language and a virtual
//! ESC/POS network printer (a TCP socket that answers status requests as a printer does) gets
//! the ticket as a picture; the picture is decoded back, checked and saved to `tests/out/` to
//! look at. A printer out of paper: the visitor is told to note the number, the heartbeat says
//! so, and the hub's fleet page flags it.

mod common;

use common::{act, lost_wallet_in, network_printer};
use minwon_core::Timestamp;
use minwon_engine::{Kiosk, KioskConfig, ManualClock};
use minwon_hardware::printer::virtual_printer::{decode, PrinterState};
use minwon_hardware::printer::Raster;
use serde_json::json;
use std::path::PathBuf;
use std::sync::Arc;

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
