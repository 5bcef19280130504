//! systemd's watchdog as a kiosk's ticker feeds it: the test listens on its own notify socket.
//! The kiosk says READY=1 and then WATCHDOG=1 with every tick; while its engine is held (the
//! lock taken, as a hung call on the tick path would), the notifications stop, and they come
//! back when it runs again.

use minwon_core::Timestamp;
use minwon_engine::watchdog::{NotifyAddress, Watchdog};
use minwon_engine::{Kiosk, KioskConfig, ManualClock};
use std::os::unix::net::UnixDatagram;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The messages that arrive within `window`.
fn heard(socket: &UnixDatagram, window: Duration) -> Vec<String> {
    let end = Instant::now() + window;
    let mut out = Vec::new();
    let mut buf = [0u8; 256];
    while Instant::now() < end {
        socket.set_read_timeout(Some(end.saturating_duration_since(Instant::now()).max(Duration::from_millis(1)))).ok();
        if let Ok(n) = socket.recv(&mut buf) {
            out.push(String::from_utf8_lossy(&buf[..n]).into_owned());
        }
    }
    out
}

#[test]
fn a_kiosk_that_stops_ticking_stops_telling_the_watchdog() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("notify.sock");
    let socket = UnixDatagram::bind(&path).expect("a notify socket");
    let k = Kiosk::open(
        KioskConfig::new(dir.path().join("kiosk")),
        Arc::new(ManualClock::new(Timestamp(1_796_280_000_000))),
    )
    .expect("kiosk");
    let watchdog = Watchdog::at(NotifyAddress::Path(path.clone()));
    let _ticker = k.spawn_ticker_with(Duration::from_millis(50), watchdog);

    let first = heard(&socket, Duration::from_millis(600));
    assert_eq!(first.first().map(String::as_str), Some("READY=1"), "{first:?}");
    assert!(first.iter().filter(|m| *m == "WATCHDOG=1").count() >= 3, "{first:?}");

    // The engine held: the ticker waits on it, and nothing reaches the watchdog.
    let held = k.clone();
    let (taken, is_taken) = std::sync::mpsc::channel();
    let holding = std::thread::spawn(move || {
        held.with_outbox(|_| {
            let _ = taken.send(());
            std::thread::sleep(Duration::from_millis(1500));
        })
    });
    is_taken.recv().expect("the engine is held");
    let _ = heard(&socket, Duration::from_millis(100)); // a tick that was already past the lock
    let while_hung = heard(&socket, Duration::from_millis(900));
    assert!(while_hung.is_empty(), "a hung engine must not feed the watchdog: {while_hung:?}");
    holding.join().expect("released");

    let after = heard(&socket, Duration::from_millis(600));
    assert!(after.iter().any(|m| m == "WATCHDOG=1"), "it ticks and tells again: {after:?}");
    assert!(!after.iter().any(|m| m == "READY=1"), "READY=1 is said once: {after:?}");
}
