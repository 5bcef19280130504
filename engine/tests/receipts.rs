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
use std::sync::{Arc, Mutex};

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

/// The tickets the printer has cut, once it has `n` of them: the kiosk's last bytes may still be
/// on their way through the socket when its print returns (waits up to 10 s for them).
fn printed(received: &Mutex<Vec<u8>>, n: usize) -> Vec<Raster> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        // A stream cut mid-command does not decode yet; once all has come, it must.
        let bytes = received.lock().expect("lock").clone();
        match decode(&bytes) {
            Ok(tickets) if tickets.len() >= n => return tickets,
            result if std::time::Instant::now() > deadline => return result.expect("only commands our printer takes"),
            _ => std::thread::sleep(std::time::Duration::from_millis(20)),
        }
    }
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
    let tickets = printed(&received, 5);
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

#[test]
fn an_office_that_calls_numbers_gives_each_visitor_the_days_next_queue_number_on_screen_and_paper() {
    let (addr, received) = network_printer(PrinterState::Ready);
    let dir = tempfile::tempdir().expect("temp dir");
    let clock = Arc::new(ManualClock::new(Timestamp(1_796_280_000_000)));
    let open = |clock: Arc<ManualClock>| {
        let mut config = KioskConfig::new(dir.path().to_path_buf());
        config.printer = Some(PathBuf::from(format!("tcp:{addr}")));
        config.kiosk_id = "jongno-1".into();
        config.queue_tickets = true;
        Kiosk::open(config, clock).expect("kiosk")
    };
    let k = open(clock.clone());
    let queue_of = |k: &Kiosk, locale: &str| {
        let v = lost_wallet_in(k, locale, "Kim Okja");
        act(k, json!({"type": "finish"}));
        if locale == "ko" {
            assert!(v["guidance"].to_string().contains("대기번호는"), "said and captioned: {}", v["guidance"]);
        }
        (v["body"]["queue"]["number"].as_str().map(str::to_owned), v["body"]["queue"]["label"].clone())
    };
    let (first, label) = queue_of(&k, "ko");
    assert_eq!(first.as_deref(), Some("001"), "the day's first visitor");
    assert_eq!(label, "대기번호");
    assert_eq!(queue_of(&k, "en").0.as_deref(), Some("002"));
    drop(k);
    let k = open(clock.clone());
    assert_eq!(queue_of(&k, "ko").0.as_deref(), Some("003"), "a restart does not start the day again");
    clock.advance(std::time::Duration::from_secs(24 * 3600));
    assert_eq!(queue_of(&k, "ko").0.as_deref(), Some("001"), "the next day starts at 1");

    let tickets = printed(&received, 4);
    assert_eq!(tickets.len(), 4);
    // The queue number is drawn largest; the receipt number has a line of its own below it.
    let plain = {
        let (addr, received) = network_printer(PrinterState::Ready);
        let other = tempfile::tempdir().expect("temp dir");
        let k = kiosk(other.path(), &addr);
        lost_wallet_in(&k, "ko", "Kim Okja");
        act(&k, json!({"type": "finish"}));
        printed(&received, 1)[0].clone()
    };
    assert!(tickets[0].height > plain.height, "one more line than a plain receipt");
    assert_ne!(tickets[0].dots, tickets[2].dots, "001 and 003 are different pictures");
    let png = image::GrayImage::from_raw(tickets[0].width as u32, tickets[0].height as u32, tickets[0].to_luma())
        .expect("a picture of its size");
    png.save(out_dir().join("receipt-queue-ko.png")).expect("saved");
}
