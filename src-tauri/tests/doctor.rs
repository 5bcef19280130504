//! `minwon-kiosk doctor` as an office's IT person runs it, the built binary against the real
//! pcscd: the card reader service gone, a reader that is not attached, a printer device that is
//! not there, a hub that does not answer — each in turn, each with its code in the table and
//! exit status 1; and a setup without those parts warns but passes.

use std::path::Path;
use std::process::{Command, Output};

fn doctor(args: &[&str], env: &[(&str, &str)], data: &Path) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_minwon-kiosk"));
    c.arg("doctor").args(["--lang", "en", "--no-speech", "--data"]).arg(data).args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("minwon-kiosk runs")
}

/// The code column of the check's row (`Card reader  problem  reader.none  …`).
fn code_of(out: &Output, check: &str) -> String {
    let text = String::from_utf8_lossy(&out.stdout);
    let row = text.lines().find(|l| l.starts_with(check)).unwrap_or_else(|| panic!("no {check} row:\n{text}"));
    row.split_whitespace()
        .find(|w| w.contains('.') && w.chars().all(|c| c.is_ascii_lowercase() || c == '.' || c == '-'))
        .unwrap_or_else(|| panic!("no code in {row:?}"))
        .to_owned()
}

fn pcscd() {
    let running = Command::new("pgrep").args(["-x", "pcscd"]).status().is_ok_and(|s| s.success());
    if !running {
        let started = Command::new("pcscd").status().expect("pcscd is installed (scripts/setup.sh --tests)");
        assert!(started.success(), "pcscd did not start");
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
}

#[test]
fn each_missing_part_has_its_code_and_fails_the_check() {
    pcscd();
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");

    let no_service = doctor(&[], &[("PCSCLITE_CSOCK_NAME", "/nonexistent/pcscd.comm")], &data);
    assert_eq!(code_of(&no_service, "Card reader"), "reader.no-service");
    assert_eq!(no_service.status.code(), Some(1), "a failed check fails the command");

    let absent = doctor(&["--reader", "ACS ACR1252"], &[], &data);
    assert_eq!(code_of(&absent, "Card reader"), "reader.none", "pcscd runs, that reader is not attached");
    assert!(String::from_utf8_lossy(&absent.stdout).contains("ACS ACR1252*"), "says which reader it looked for");

    let unplugged = doctor(&["--no-card-reader", "--printer", "/dev/usb/lp-unplugged"], &[], &data);
    assert_eq!(code_of(&unplugged, "Printer"), "printer.missing");
    assert_eq!(unplugged.status.code(), Some(1));

    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("a port").local_addr().expect("addr").port();
    let enrolment = dir.path().join("enrolment.toml");
    std::fs::write(
        &enrolment,
        format!(
            "kiosk_id = \"jongno-1\"\ngroup = \"jongno\"\nhub_url = \"https://127.0.0.1:{port}\"\nhub_cert = \"{}\"\n\
             token = \"{}\"\nhub_key = \"{}\"\nadmin_keys = []\n",
            "ab".repeat(32),
            "cd".repeat(32),
            "11".repeat(32)
        ),
    )
    .expect("writes");
    let gone = doctor(&["--no-card-reader", "--enrolment", enrolment.to_str().expect("utf-8")], &[], &data);
    assert_eq!(code_of(&gone, "Hub"), "sync.unreachable");
    assert_eq!(code_of(&gone, "Clock"), "clock.unknown");
    assert!(String::from_utf8_lossy(&gone.stdout).contains("jongno-1"), "the title names the enrolled kiosk");
    assert_eq!(gone.status.code(), Some(1));
}

#[test]
fn a_kiosk_set_up_without_reader_printer_and_hub_warns_and_passes_unless_silent() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = doctor(&["--no-card-reader"], &[("ALSA_CONFIG_PATH", "/dev/null")], &dir.path().join("data"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(code_of(&out, "Card reader"), "reader.off");
    assert_eq!(code_of(&out, "Printer"), "printer.off");
    assert_eq!(code_of(&out, "Hub"), "hub.not-enrolled");
    assert_eq!(code_of(&out, "Outbox"), "outbox.ok");
    assert!(!Path::new(&dir.path().join("data")).exists(), "the check made no data folder");
    // Sound decides the rest: a machine with no sound output fails (a blind visitor hears nothing).
    let sound = code_of(&out, "Sound");
    assert_eq!(out.status.code(), Some(if sound == "sound.ready" { 0 } else { 1 }), "{text}");
}
