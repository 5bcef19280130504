//! The systemd units an office installs (packaging/systemd): each passes `systemd-analyze verify`
//! with nothing to say, and each says what keeps a kiosk running unattended. The binaries are
//! this build's (the unit's `/usr/bin/minwon-*` read as `target/debug/minwon-*`); cage is
//! Debian's, as the package depends on it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn units() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../packaging/systemd")
}

fn unit(name: &str) -> String {
    std::fs::read_to_string(units().join(name)).expect("the unit is in packaging/systemd")
}

/// `systemd-analyze verify` on `text` saved as `name`: its complaints (empty when it verifies).
fn verify(name: &str, text: &str) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/debug").canonicalize().expect("target/debug");
    let text = text.replace("/usr/bin/minwon-", &format!("{}/minwon-", bin.display()));
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("written");
    let out =
        Command::new("systemd-analyze").arg("verify").arg(&path).output().expect("systemd-analyze (Debian's systemd)");
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    if out.status.success() {
        said
    } else {
        format!("exit {:?}: {said}", out.status.code())
    }
}

fn setting<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    text.lines().find_map(|l| l.strip_prefix(key).and_then(|rest| rest.strip_prefix('=')))
}

#[test]
fn every_unit_verifies_and_keeps_its_service_running() {
    for name in ["minwon-hub.service", "minwon-kiosk.service", "minwon-mirror.service"] {
        let text = unit(name);
        let said = verify(name, &text);
        assert!(said.trim().is_empty(), "{name}: {said}");
        assert_eq!(setting(&text, "Restart"), Some("always"), "{name}");
        assert!(setting(&text, "User").is_some_and(|u| u.starts_with("minwon-")), "{name} runs under its own user");
        assert_eq!(setting(&text, "StateDirectoryMode"), Some("0700"), "{name}");
        assert!(!text.contains("vpcd") && !text.contains("virtual-card"), "{name}: no test reader in production");
    }
    let kiosk = unit("minwon-kiosk.service");
    assert_eq!(setting(&kiosk, "Type"), Some("notify"), "the kiosk says when it is up");
    assert!(setting(&kiosk, "WatchdogSec").is_some(), "a hung kiosk is restarted");
    assert_eq!(setting(&kiosk, "NotifyAccess"), Some("all"), "the kiosk is cage's child, not systemd's");
    for (name, cage) in
        [("minwon-kiosk.service", "MINWON_KIOSK_CAGE_ARGS"), ("minwon-mirror.service", "MINWON_MIRROR_CAGE_ARGS")]
    {
        let text = unit(name);
        let exec = setting(&text, "ExecStart").expect("ExecStart").to_owned();
        // cage's -s would let a keyboard switch to another virtual terminal: never given.
        assert!(exec.starts_with(&format!("/usr/bin/cage -d ${cage} -- ")), "{name}: locked in cage: {exec}");
        assert!(text.contains(&format!("Environment={cage}=\n")), "{name}: the session's options default to none");
    }
}

#[test]
fn verify_is_not_a_rubber_stamp() {
    // A unit with a typo is not quietly accepted: the check above would notice.
    let broken = unit("minwon-hub.service").replace("Restart=always", "Restart=sometimes");
    assert!(!verify("minwon-hub.service", &broken).trim().is_empty());
    let missing = unit("minwon-hub.service").replace("/usr/bin/minwon-hub", "/usr/bin/minwon-hub-missing");
    assert!(!verify("minwon-hub.service", &missing).trim().is_empty());
}
