//! `minwon-kiosk doctor`: what an installed kiosk needs, checked one by one with a stable code
//! each — the card reader, the printer, speech, sound, the hub (reachable, its certificate as
//! pinned, the clocks agreeing), disk space and the outbox. The running kiosk makes the same
//! findings from what it already knows and sends their codes in every heartbeat
//! ([`Kiosk::status`](crate::Kiosk::status)), so the fleet page shows what `doctor` would say.
//!
//! A finding carries no personal data: a reader's name, megabytes free, how many submissions
//! wait and for how long, seconds of clock skew.

use crate::kiosk::KioskConfig;
use crate::Clock;
use minwon_core::Timestamp;
use std::path::Path;
use std::time::Duration;

/// How bad a finding is. `Fail`: the kiosk cannot serve visitors as it should; `Warn`: it can,
/// but staff should look (or it is set up without that part).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    Ok,
    Warn,
    Fail,
}

impl Verdict {
    pub fn tag(self) -> &'static str {
        match self {
            Verdict::Ok => "ok",
            Verdict::Warn => "warn",
            Verdict::Fail => "fail",
        }
    }
}

/// What one check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// `reader`, `printer`, `speech`, `sound`, `hub`, `clock`, `disk`, `outbox`.
    pub check: &'static str,
    pub verdict: Verdict,
    /// Stable: `<check>.<state>` (`reader.none`, `printer.paper-out`, …) or the hub link's own
    /// code (`sync.unreachable`, `sync.hub-certificate`, …).
    pub code: &'static str,
    /// What was seen, without personal data (shown after the message; never translated).
    pub detail: String,
}

impl Finding {
    fn new(check: &'static str, verdict: Verdict, code: &'static str, detail: impl Into<String>) -> Finding {
        Finding { check, verdict, code, detail: detail.into() }
    }
}

/// Every code a finding can carry (each has a message, `doctor-<code with dashes>`, in
/// `locales/<lang>/doctor.ftl`).
pub const CODES: &[&str] = &[
    "reader.ready",
    "reader.off",
    "reader.no-service",
    "reader.none",
    "printer.ready",
    "printer.off",
    "printer.missing",
    "printer.permission",
    "printer.unreachable",
    "printer.paper-out",
    "printer.cover-open",
    "printer.failed",
    "speech.ready",
    "speech.off",
    "speech.no-answer",
    "speech.failed",
    "sound.ready",
    "sound.none",
    "hub.ready",
    "hub.not-enrolled",
    "sync.unreachable",
    "sync.hub-certificate",
    "sync.not-enrolled",
    "sync.hub-error",
    "sync.refused",
    "sync.rate-limited",
    "sync.bad-answer",
    "sync.not-https",
    "sync.tls",
    "clock.ok",
    "clock.unknown",
    "clock.skew",
    "disk.ok",
    "disk.low",
    "disk.full",
    "disk.unknown",
    "outbox.ok",
    "outbox.waiting",
    "outbox.set-aside",
    "outbox.unreadable",
];

/// Free space under which the disk is `disk.full` (a submission may not fit) and `disk.low`.
pub const DISK_FULL_BYTES: u64 = 64 << 20;
pub const DISK_LOW_BYTES: u64 = 1 << 30;
/// A submission waiting longer than this (with a hub) is `outbox.waiting`.
pub const OUTBOX_WAITING_S: u64 = 60 * 60;
/// Clocks further apart than this are `clock.skew` (bundles' validity and receipts' times use it).
pub const CLOCK_SKEW_S: u64 = 60;

/// The card reader, from pcscd's answer (`None`: the kiosk runs without a reader).
pub fn reader(census: Option<&minwon_hardware::card::transport::ReaderCensus>, prefix: Option<&str>) -> Finding {
    use minwon_hardware::card::transport::ReaderCensus;
    match census {
        None => Finding::new("reader", Verdict::Warn, "reader.off", ""),
        Some(ReaderCensus::NoService) => Finding::new("reader", Verdict::Fail, "reader.no-service", ""),
        Some(ReaderCensus::Readers(names)) => {
            let wanted: Vec<&str> =
                names.iter().map(String::as_str).filter(|n| prefix.is_none_or(|p| n.starts_with(p))).collect();
            if wanted.is_empty() {
                Finding::new(
                    "reader",
                    Verdict::Fail,
                    "reader.none",
                    prefix.map(|p| format!("{p}*")).unwrap_or_default(),
                )
            } else {
                Finding::new("reader", Verdict::Ok, "reader.ready", wanted.join(", "))
            }
        }
    }
}

/// The card reader as the running kiosk's heartbeat reports it (`ready`, `no-reader`, `off`).
pub fn reader_state(state: &str) -> Finding {
    match state {
        "ready" => Finding::new("reader", Verdict::Ok, "reader.ready", ""),
        "off" => Finding::new("reader", Verdict::Warn, "reader.off", ""),
        _ => Finding::new("reader", Verdict::Fail, "reader.none", ""),
    }
}

/// The printer as the kiosk's last ticket found it (`ready`, `off`, `paper-out`, `cover-open`, `failed`).
pub fn printer_state(state: &str) -> Finding {
    match state {
        "ready" => Finding::new("printer", Verdict::Ok, "printer.ready", ""),
        "off" => Finding::new("printer", Verdict::Warn, "printer.off", ""),
        "paper-out" => Finding::new("printer", Verdict::Fail, "printer.paper-out", ""),
        "cover-open" => Finding::new("printer", Verdict::Fail, "printer.cover-open", ""),
        _ => Finding::new("printer", Verdict::Fail, "printer.failed", ""),
    }
}

/// Asks the configured printer how it is: a device must be there and writable; a network
/// printer must answer and report paper and cover.
pub fn printer(configured: Option<&Path>) -> Finding {
    use minwon_hardware::printer::{Device, EscPosPrinter, Network};
    use minwon_hardware::ReceiptPrinter;
    let Some(path) = configured else { return printer_state("off") };
    let shown = path.display().to_string();
    if let Some(addr) = shown.strip_prefix("tcp:") {
        let link = match Network::connect(addr) {
            Ok(l) => l,
            Err(_) => return Finding::new("printer", Verdict::Fail, "printer.unreachable", addr),
        };
        return match EscPosPrinter::new(link).check() {
            Ok(()) => Finding::new("printer", Verdict::Ok, "printer.ready", addr),
            Err(e) => match e.code() {
                "printer.paper-out" => Finding::new("printer", Verdict::Fail, "printer.paper-out", addr),
                "printer.cover-open" => Finding::new("printer", Verdict::Fail, "printer.cover-open", addr),
                _ => Finding::new("printer", Verdict::Fail, "printer.unreachable", addr),
            },
        };
    }
    if !path.exists() {
        return Finding::new("printer", Verdict::Fail, "printer.missing", shown);
    }
    match Device(path.to_path_buf()).open() {
        // A device answers no status: it is there and takes bytes, which is all it can tell.
        Ok(_) => Finding::new("printer", Verdict::Ok, "printer.ready", shown),
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            Finding::new("printer", Verdict::Fail, "printer.permission", shown)
        }
        Err(_) => Finding::new("printer", Verdict::Fail, "printer.failed", shown),
    }
}

/// speech-dispatcher, from the voice's state code (`ready`, `no-answer[-silent]`, `failed[-silent]`, `off`).
pub fn speech_state(state: &str) -> Finding {
    match state.trim_end_matches("-silent") {
        "ready" => Finding::new("speech", Verdict::Ok, "speech.ready", ""),
        "off" => Finding::new("speech", Verdict::Warn, "speech.off", ""),
        "no-answer" => Finding::new("speech", Verdict::Fail, "speech.no-answer", ""),
        _ => Finding::new("speech", Verdict::Fail, "speech.failed", ""),
    }
}

/// Whether anything can play recorded prompts and cached speech.
pub fn sound(audible: bool) -> Finding {
    if audible {
        Finding::new("sound", Verdict::Ok, "sound.ready", "")
    } else {
        Finding::new("sound", Verdict::Fail, "sound.none", "")
    }
}

/// Free space where the outbox lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiskSpace {
    pub free: u64,
    pub total: u64,
}

/// The free space of the file system holding `dir` (or its nearest existing parent).
pub fn disk_space(dir: &Path) -> Option<DiskSpace> {
    let mut at = dir;
    while !at.exists() {
        at = at.parent()?;
    }
    let s = rustix::fs::statvfs(at).ok()?;
    Some(DiskSpace { free: s.f_bavail.saturating_mul(s.f_frsize), total: s.f_blocks.saturating_mul(s.f_frsize) })
}

pub fn disk(space: Option<DiskSpace>) -> Finding {
    let Some(s) = space else { return Finding::new("disk", Verdict::Fail, "disk.unknown", "") };
    let detail = format!("{} MiB / {} MiB", s.free >> 20, s.total >> 20);
    if s.free < DISK_FULL_BYTES {
        Finding::new("disk", Verdict::Fail, "disk.full", detail)
    } else if s.free < DISK_LOW_BYTES {
        Finding::new("disk", Verdict::Warn, "disk.low", detail)
    } else {
        Finding::new("disk", Verdict::Ok, "disk.ok", detail)
    }
}

pub use crate::outbox::{count_outbox, OutboxCounts};

/// The outbox's state: submissions refused by the hub, or waiting long with a hub to send to.
pub fn outbox(counts: Result<Option<OutboxCounts>, &'static str>, enrolled: bool, now: Timestamp) -> Finding {
    let c = match counts {
        Err(code) => return Finding::new("outbox", Verdict::Fail, code, ""),
        Ok(None) => return Finding::new("outbox", Verdict::Ok, "outbox.ok", "0"),
        Ok(Some(c)) => c,
    };
    let age = c.oldest.map(|t| now.0.saturating_sub(t.0) / 1000);
    let detail = match age {
        Some(s) => format!("{} ({} min), {}", c.waiting, s / 60, c.set_aside),
        None => format!("{}, {}", c.waiting, c.set_aside),
    };
    if c.set_aside > 0 {
        Finding::new("outbox", Verdict::Warn, "outbox.set-aside", detail)
    } else if enrolled && age.is_some_and(|s| s > OUTBOX_WAITING_S) {
        Finding::new("outbox", Verdict::Warn, "outbox.waiting", detail)
    } else {
        Finding::new("outbox", Verdict::Ok, "outbox.ok", detail)
    }
}

/// The hub: reached over TLS with the pinned certificate and this kiosk's token; and the clocks.
/// `answer` is [`HubLink::probe`](crate::delivery::HubLink::probe)'s: the hub's clock, in seconds.
pub fn hub(answer: Option<Result<Option<u64>, &'static str>>, now: Timestamp) -> [Finding; 2] {
    let Some(answer) = answer else {
        return [
            Finding::new("hub", Verdict::Warn, "hub.not-enrolled", ""),
            Finding::new("clock", Verdict::Warn, "clock.unknown", ""),
        ];
    };
    match answer {
        Err(code) => {
            [Finding::new("hub", Verdict::Fail, code, ""), Finding::new("clock", Verdict::Warn, "clock.unknown", "")]
        }
        Ok(None) => [
            Finding::new("hub", Verdict::Ok, "hub.ready", ""),
            Finding::new("clock", Verdict::Warn, "clock.unknown", ""),
        ],
        Ok(Some(hub_s)) => {
            let ours = now.0 / 1000;
            let skew = ours.abs_diff(hub_s);
            let detail = format!("{}{skew} s", if ours >= hub_s { "+" } else { "-" });
            let clock = if skew > CLOCK_SKEW_S {
                Finding::new("clock", Verdict::Fail, "clock.skew", detail)
            } else {
                Finding::new("clock", Verdict::Ok, "clock.ok", detail)
            };
            [Finding::new("hub", Verdict::Ok, "hub.ready", ""), clock]
        }
    }
}

/// Every check, against the devices and the hub as they are now (the kiosk need not run).
/// Takes a few seconds at most: speech-dispatcher and the hub are each given a deadline.
pub fn examine(config: &KioskConfig, clock: &dyn Clock) -> Vec<Finding> {
    let census = config.card_reader.then(minwon_hardware::card::transport::census);
    let mut out = vec![reader(census.as_ref(), config.reader_name.as_deref()), printer(config.printer.as_deref())];
    if config.speech {
        let voice = minwon_hardware::voice::KioskVoice::open(
            &config.root.join("assets/voice"),
            &std::env::temp_dir().join("minwon-doctor-speech"),
        );
        out.push(speech_state(voice.speech_state()));
    } else {
        out.push(speech_state("off"));
    }
    out.push(sound(minwon_hardware::audio::AudioOut::open().is_ok()));
    let answer = config.hub_url.as_deref().map(|url| {
        crate::delivery::HubLink::new(
            url,
            &config.kiosk_id,
            config.hub_token.as_deref().unwrap_or(""),
            config.hub_cert.as_deref().unwrap_or(""),
        )
        .map(|l| l.with_timeout(Duration::from_secs(10)))
        .and_then(|link| link.probe())
    });
    out.extend(hub(answer, clock.now()));
    out.push(disk(disk_space(&config.data_dir)));
    out.push(outbox(count_outbox(&config.data_dir.join("outbox.sqlite")), config.hub_url.is_some(), clock.now()));
    out
}

/// The codes of the findings that are not `Ok`, as a heartbeat carries them.
pub fn problems(findings: &[Finding]) -> Vec<String> {
    findings.iter().filter(|f| f.verdict != Verdict::Ok).map(|f| f.code.to_owned()).collect()
}

/// The worst verdict (`Ok` for none).
pub fn worst(findings: &[Finding]) -> Verdict {
    findings.iter().map(|f| f.verdict).max().unwrap_or(Verdict::Ok)
}

#[cfg(test)]
mod tests {
    use super::*;
    use minwon_hardware::card::transport::ReaderCensus;

    #[test]
    fn readers_no_service_and_a_prefix_that_matches_nothing() {
        let two = ReaderCensus::Readers(vec!["ACS ACR1252 00 00".into(), "Virtual PCD 00 00".into()]);
        let check = |c: Option<&ReaderCensus>, p: Option<&str>| {
            let f = reader(c, p);
            (f.verdict, f.code, f.detail)
        };
        assert_eq!(
            check(Some(&two), None),
            (Verdict::Ok, "reader.ready", "ACS ACR1252 00 00, Virtual PCD 00 00".into())
        );
        assert_eq!(check(Some(&two), Some("ACS")).2, "ACS ACR1252 00 00");
        assert_eq!(check(Some(&two), Some("Identiv")).1, "reader.none");
        assert_eq!(check(Some(&ReaderCensus::Readers(vec![])), None).1, "reader.none");
        assert_eq!(check(Some(&ReaderCensus::NoService), None).1, "reader.no-service");
        assert_eq!(check(None, None).0, Verdict::Warn);
    }

    #[test]
    fn disk_outbox_and_clock_thresholds() {
        let d = |free| disk(Some(DiskSpace { free, total: 100 << 30 })).code;
        assert_eq!((d(10 << 20), d(500 << 20), d(5 << 30)), ("disk.full", "disk.low", "disk.ok"));
        assert_eq!(disk(None).code, "disk.unknown");

        let now = Timestamp(10_000_000_000);
        let two_hours = Timestamp(now.0 - 2 * 3600 * 1000);
        let waiting = OutboxCounts { waiting: 3, oldest: Some(two_hours), set_aside: 0 };
        assert_eq!(outbox(Ok(Some(waiting)), true, now).code, "outbox.waiting");
        assert_eq!(outbox(Ok(Some(waiting)), false, now).code, "outbox.ok", "no hub: waiting is expected");
        assert_eq!(outbox(Ok(Some(OutboxCounts { set_aside: 1, ..waiting })), true, now).code, "outbox.set-aside");
        assert_eq!(outbox(Err("outbox.unreadable"), true, now).verdict, Verdict::Fail);

        let at = |hub_s: u64| hub(Some(Ok(Some(hub_s))), now)[1].code;
        assert_eq!(
            (at(now.0 / 1000 + 5), at(now.0 / 1000 - 61), at(now.0 / 1000 + 3600)),
            ("clock.ok", "clock.skew", "clock.skew")
        );
        assert_eq!(hub(Some(Err("sync.hub-certificate")), now)[0].code, "sync.hub-certificate");
        assert_eq!(hub(None, now)[0].code, "hub.not-enrolled");
    }

    #[test]
    fn a_missing_device_is_missing_and_a_closed_port_unreachable() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert_eq!(printer(Some(&Path::new("/dev/usb/lp-none"))).code, "printer.missing");
        let file = dir.path().join("printer.bin");
        std::fs::write(&file, b"").expect("writes");
        assert_eq!(printer(Some(&file)).code, "printer.ready");
        let port = std::net::TcpListener::bind("127.0.0.1:0").expect("port").local_addr().expect("addr").port();
        assert_eq!(printer(Some(Path::new(&format!("tcp:127.0.0.1:{port}")))).code, "printer.unreachable");
        assert_eq!(printer(None).code, "printer.off");
    }
}
