//! The doctor's checks against real parts: a hub on loopback over TLS (reached; another hub's
//! pin; a token it does not know; gone; a kiosk clock ten minutes off), a network printer that
//! answers as a printer does (ready, out of paper, cover open, switched off), a device that is
//! not there. And the same checks in the heartbeat: a kiosk whose reader is missing is flagged
//! on the hub's fleet page.

mod common;

use common::{network_printer, serve};
use minwon_core::Timestamp;
use minwon_engine::doctor::{examine, Finding};
use minwon_engine::{KioskConfig, ManualClock};
use minwon_hardware::printer::virtual_printer::PrinterState;
use minwon_hub::{Hub, HubConfig};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().expect("addr").port()
}

/// A configuration with no reader and no speech (those are checked through the binary).
fn config(dir: &std::path::Path) -> KioskConfig {
    let mut c = KioskConfig::new(dir.join("kiosk"));
    c.hub_timeout = Duration::from_secs(5);
    c
}

fn finding<'a>(all: &'a [Finding], check: &str) -> &'a Finding {
    all.iter().find(|f| f.check == check).unwrap_or_else(|| panic!("no {check} check in {all:?}"))
}

fn now() -> ManualClock {
    ManualClock::new(Timestamp(minwon_hub::now_ms()))
}

#[test]
fn the_hub_reached_with_its_pin_or_not_and_the_clocks_compared() {
    let dir = tempfile::tempdir().expect("temp dir");
    let port = free_port();
    let url = format!("https://127.0.0.1:{port}");
    let hub = Hub::open(HubConfig::new(dir.path().join("hub"))).expect("hub");
    let server = serve(hub.router(), port, hub.tls());
    let enrolment = hub.enrol("kiosk-7", "jongno", &url, "test").expect("enrolled");

    let mut c = config(dir.path());
    c.enrol(&enrolment);
    let all = examine(&c, &now());
    assert_eq!(finding(&all, "hub").code, "hub.ready", "{all:?}");
    assert_eq!(finding(&all, "clock").code, "clock.ok", "the hub's Date header read: {all:?}");

    let ahead = now();
    ahead.advance(Duration::from_secs(600));
    let all = examine(&c, &ahead);
    assert_eq!(finding(&all, "clock").code, "clock.skew", "{all:?}");
    assert!(finding(&all, "clock").detail.starts_with("+6"), "ten minutes ahead: {all:?}");

    // Another hub's certificate at this address (someone on the office network standing in).
    let other = Hub::open(HubConfig::new(dir.path().join("other"))).expect("another hub");
    let mut forged = c.clone();
    forged.hub_cert = Some(other.enrol("kiosk-7", "g", &url, "test").expect("enrolled").hub_cert);
    assert_eq!(finding(&examine(&forged, &now()), "hub").code, "sync.hub-certificate");

    let mut stale = c.clone();
    stale.hub_token = Some("0".repeat(64));
    assert_eq!(finding(&examine(&stale, &now()), "hub").code, "sync.not-enrolled", "an old enrolment's token");

    drop(server);
    let all = examine(&c, &now());
    assert_eq!(finding(&all, "hub").code, "sync.unreachable", "{all:?}");
    assert_eq!(finding(&all, "clock").code, "clock.unknown");

    let alone = examine(&config(dir.path()), &now());
    assert_eq!(finding(&alone, "hub").code, "hub.not-enrolled");
}

#[test]
fn a_network_printer_ready_out_of_paper_open_or_off_and_a_device_not_there() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (state, code) in [
        (PrinterState::Ready, "printer.ready"),
        (PrinterState::PaperOut, "printer.paper-out"),
        (PrinterState::CoverOpen, "printer.cover-open"),
    ] {
        let (addr, received) = network_printer(state);
        let mut c = config(dir.path());
        c.printer = Some(PathBuf::from(format!("tcp:{addr}")));
        assert_eq!(finding(&examine(&c, &now()), "printer").code, code);
        let bytes = received.lock().expect("lock").clone();
        assert!(bytes.iter().all(|b| [0x10, 0x04, 0x02, 0x04].contains(b)), "asked, printed nothing: {bytes:?}");
    }
    let mut off = config(dir.path());
    off.printer = Some(PathBuf::from(format!("tcp:127.0.0.1:{}", free_port())));
    assert_eq!(finding(&examine(&off, &now()), "printer").code, "printer.unreachable");
    let mut unplugged = config(dir.path());
    unplugged.printer = Some(PathBuf::from("/dev/usb/lp-not-plugged-in"));
    let all = examine(&unplugged, &now());
    assert_eq!(finding(&all, "printer").code, "printer.missing");
    assert!(!PathBuf::from("/dev/usb/lp-not-plugged-in").exists(), "the check made no file");
}

#[test]
fn the_outbox_is_counted_without_its_key_and_the_disk_measured() {
    let dir = tempfile::tempdir().expect("temp dir");
    let c = config(dir.path());
    let k = minwon_engine::Kiosk::open(c.clone(), Arc::new(now())).expect("kiosk");
    common::lost_wallet(&k, "Nguyễn Thị Lan");
    common::lost_wallet(&k, "Trần Văn Minh");
    let all = examine(&c, &now());
    let outbox = finding(&all, "outbox");
    assert_eq!(outbox.code, "outbox.ok", "no hub: waiting is expected");
    assert!(outbox.detail.starts_with("2"), "two wait, counted while the kiosk holds the outbox: {outbox:?}");
    assert!(!outbox.detail.contains("Nguy") && !format!("{all:?}").contains("Minh"), "nothing personal");
    assert_eq!(finding(&all, "disk").code, "disk.ok", "{all:?}");
    drop(k);
}

#[test]
fn a_kiosk_whose_reader_is_missing_says_so_in_its_heartbeat_and_the_fleet_page_flags_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let port = free_port();
    let url = format!("https://127.0.0.1:{port}");
    let hub = Hub::open(HubConfig::new(dir.path().join("hub"))).expect("hub");
    let _server = serve(hub.router(), port, hub.tls());
    let mut c = config(dir.path());
    c.enrol(&hub.enrol("kiosk-3", "jongno", &url, "test").expect("enrolled"));
    // Watch PC/SC for a reader that is not attached (whether pcscd runs or not).
    c.card_reader = true;
    c.reader_name = Some("No Such Reader".into());
    let k = minwon_engine::Kiosk::open(c, Arc::new(now())).expect("kiosk");
    let beat = k.status();
    assert!(beat.checks.contains(&"reader.none".to_owned()), "{:?}", beat.checks);
    assert!(beat.sent_ms.is_some());
    k.sync_now().expect("synced");
    let fleet = hub.with_store(|s| s.fleet(minwon_hub::now_ms())).expect("store").expect("fleet");
    let kiosk = fleet.iter().find(|s| s.kiosk_id == "kiosk-3").expect("listed");
    assert!(kiosk.flags.contains(&"reader-missing"), "{:?}", kiosk.flags);
    assert!(!kiosk.flags.contains(&"clock-skew"), "the kiosk's clock is the hub's: {:?}", kiosk.flags);
}
