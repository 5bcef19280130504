//! A speech-dispatcher that accepts the connection and never answers (a stand-in listening on
//! the socket `SPEECHD_ADDRESS` names) must not keep the kiosk from starting: the welcome screen
//! is there within seconds, and the heartbeat says speech did not answer. Its own test binary,
//! since it sets the process's environment.

use minwon_core::Timestamp;
use minwon_engine::{Kiosk, KioskConfig, ManualClock};
use std::os::unix::net::UnixListener;
use std::sync::Arc;
use std::time::{Duration, Instant};

#[test]
fn a_speech_dispatcher_that_never_answers_does_not_hold_the_kiosk_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let socket = dir.path().join("speechd.sock");
    let listener = UnixListener::bind(&socket).expect("a socket");
    // Accepts every connection and keeps it open, silent.
    let accepted = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = accepted.clone();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            held.push(stream);
        }
    });
    std::env::set_var("SPEECHD_ADDRESS", format!("unix_socket:{}", socket.display()));
    let mut config = KioskConfig::new(dir.path().join("kiosk"));
    config.speech = true;
    let started = Instant::now();
    let k = Kiosk::open(config, Arc::new(ManualClock::new(Timestamp(1_796_280_000_000)))).expect("opens");
    let took = started.elapsed();
    let v = serde_json::to_value(k.view()).expect("json");
    assert_eq!(v["screen"], "welcome", "{v}");
    assert!(took < Duration::from_secs(8), "the kiosk waited {took:?} for speech-dispatcher");
    assert!(accepted.load(std::sync::atomic::Ordering::SeqCst) >= 1, "speech-dispatcher was tried");
    let speech = k.status().speech;
    assert!(speech.starts_with("no-answer"), "{speech}");
    let flags = minwon_hub::fleet::flags(1, Some(1), Some(&k.status()), &[]);
    assert!(flags.contains(&"speech-unavailable"), "{flags:?}");
    // The welcome screen says so, for a companion or staff to see (while it lasts).
    let notice = v["device_notice"].as_str().unwrap_or_default();
    assert!(notice.contains("음성") || notice.contains("소리"), "the visitor is told: {v}");
    assert!(notice.contains("직원 호출"), "and what to do: {notice}");
    assert!(
        k.status().checks.iter().any(|c| c.starts_with("speech.")),
        "and the heartbeat's checks: {:?}",
        k.status().checks
    );
}
