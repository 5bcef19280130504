//! minwon-kiosk: starts the engine, then shows it in a Tauri window or serves it on loopback.
//!
//! This crate holds no logic: every command and every HTTP route is one call
//! into `minwon_engine::Kiosk`. With no display (or with `--serve`) the same
//! front end is served over loopback HTTP for browsers and tests.

pub mod commands;
pub mod doctor;
pub mod enrol;
pub mod error;
pub mod serve;

use error::ShellError;
use minwon_engine::{Kiosk, KioskConfig, SystemClock};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tauri::{Runtime, WebviewUrl, WebviewWindowBuilder};

pub const USAGE: &str =
    "usage: minwon-kiosk [--serve] [--port N] [--data DIR] [--kiosk-id ID] [--printer DEVICE] [--windowed]
       minwon-kiosk enrol FILE [--to /etc/minwon-kiosk/enrolment.toml] [--owner minwon-kiosk]
                checks an enrolment from the hub and puts it in place (mode 0600, owned by USER; by
                default the minwon-kiosk user when there is one); the installed kiosk
                (--data /var/lib/minwon-kiosk) reads it when no --enrolment is given
       minwon-kiosk doctor [--lang ko|en] [the kiosk's options]
                checks the card reader, printer, speech, sound, hub, clock, disk and outbox and
                prints a table; exits 1 if a check fails. With no options on an installed kiosk,
                it checks as the kiosk runs: --data /var/lib/minwon-kiosk and /etc/default/minwon-kiosk
  --serve       serve the kiosk on http://127.0.0.1:PORT instead of opening a window
                (the default when there is no display)
  --port N      loopback port for --serve (default 8750; 0 picks a free one)
  --data DIR    where the outbox lives (default: $XDG_DATA_HOME/minwon-kiosk)
  --kiosk-id ID printed on receipts (default kiosk-1)
  --printer DEV an ESC/POS receipt printer: a device, e.g. /dev/usb/lp0, or tcp:HOST:9100 for a network printer
  --windowed    a normal window instead of full screen (for development)
  --queue-tickets  the office calls numbers: each receipt also gets the day's queue number
                (번호표), shown on screen and printed largest
  --no-card-reader  do not watch PC/SC readers (the identify screen then offers typing only)
  --reader NAME use only the PC/SC readers whose name starts with NAME
  --no-speech   do not speak (by default the kiosk speaks through speech-dispatcher)
  --trust FILE  a CSCA certificate (DER) or CSCA master list to trust for passive
                authentication (repeatable); without one, chip data is shown as unverified
  --enrolment FILE  the kiosk's enrolment from its hub (hub address, this kiosk's id and key,
                the hub's public key, the admin keys); without it submissions wait in the outbox
  --sync-every SECS  how often to talk to the hub when all is well (default 30)
  --idle-timeout SECS  wipe a visit after this long without activity (default 120; the
                warning shows 30 s before, or 20 s before when the timeout is under 60 s)";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Args {
    pub serve: bool,
    pub port: u16,
    pub data: Option<PathBuf>,
    pub kiosk_id: Option<String>,
    pub printer: Option<PathBuf>,
    pub windowed: bool,
    pub idle_timeout: Option<u64>,
    pub card_reader: bool,
    pub reader: Option<String>,
    pub speech: bool,
    pub trust: Vec<PathBuf>,
    pub enrolment: Option<PathBuf>,
    pub sync_every: u64,
    pub queue_tickets: bool,
}

impl Args {
    pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Args, ShellError> {
        let mut out = Args {
            serve: false,
            port: 8750,
            data: None,
            kiosk_id: None,
            printer: None,
            windowed: false,
            idle_timeout: None,
            card_reader: true,
            reader: None,
            speech: true,
            trust: Vec::new(),
            enrolment: None,
            sync_every: 30,
            queue_tickets: false,
        };
        let mut it = args.into_iter();
        while let Some(a) = it.next() {
            let mut value = |name: &str| it.next().ok_or_else(|| ShellError::Usage(format!("{name} needs a value")));
            match a.as_str() {
                "--serve" => out.serve = true,
                "--windowed" => out.windowed = true,
                "--queue-tickets" => out.queue_tickets = true,
                "--no-card-reader" => out.card_reader = false,
                "--no-speech" => out.speech = false,
                "--trust" => out.trust.push(value("--trust")?.into()),
                "--reader" => out.reader = Some(value("--reader")?),
                "--port" => {
                    out.port =
                        value("--port")?.parse().map_err(|_| ShellError::Usage("--port takes a number".into()))?
                }
                "--data" => out.data = Some(value("--data")?.into()),
                "--enrolment" | "--enrollment" => out.enrolment = Some(value("--enrolment")?.into()),
                "--sync-every" => {
                    out.sync_every = value("--sync-every")?
                        .parse()
                        .ok()
                        .filter(|s| *s > 0)
                        .ok_or_else(|| ShellError::Usage("--sync-every takes seconds".into()))?
                }
                "--kiosk-id" => out.kiosk_id = Some(value("--kiosk-id")?),
                "--printer" => out.printer = Some(value("--printer")?.into()),
                "--idle-timeout" => {
                    let secs: u64 = value("--idle-timeout")?
                        .parse()
                        .map_err(|_| ShellError::Usage("--idle-timeout takes seconds".into()))?;
                    if secs < 21 {
                        return Err(ShellError::Usage("--idle-timeout must leave at least 20 s of warning".into()));
                    }
                    out.idle_timeout = Some(secs);
                }
                "--help" | "-h" => return Err(ShellError::Usage(String::new())),
                other => return Err(ShellError::Usage(format!("unknown argument {other}"))),
            }
        }
        Ok(out)
    }
}

fn default_data_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("XDG_DATA_HOME") {
        return PathBuf::from(d).join("minwon-kiosk");
    }
    if let Some(h) = std::env::var_os("HOME") {
        return PathBuf::from(h).join(".local/share/minwon-kiosk");
    }
    PathBuf::from(".minwon/data")
}

fn has_display() -> bool {
    std::env::var_os("DISPLAY").is_some_and(|d| !d.is_empty())
        || std::env::var_os("WAYLAND_DISPLAY").is_some_and(|d| !d.is_empty())
}

/// Runs the kiosk; returns the process exit code.
pub fn run() -> i32 {
    match try_run(std::env::args().skip(1)) {
        Ok(()) => 0,
        Err(ShellError::ChecksFailed) => 1,
        Err(ShellError::Usage(msg)) => {
            if msg.is_empty() {
                println!("{USAGE}");
                0
            } else {
                eprintln!("minwon-kiosk: {msg}\n\n{USAGE}");
                2
            }
        }
        Err(e) => {
            eprintln!("minwon-kiosk: {e} [{}]", e.code());
            1
        }
    }
}

/// `minwon-kiosk enrol FILE [--to PATH] [--owner USER]`.
fn enrol(args: &[String]) -> Result<(), ShellError> {
    let mut it = args.iter();
    let source = it.next().ok_or_else(|| ShellError::Usage("enrol needs the enrolment file".into()))?;
    let (mut to, mut owner) = (PathBuf::from(enrol::DEFAULT_DESTINATION), None);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| ShellError::Usage(format!("{flag} needs a value")))?;
        match flag.as_str() {
            "--to" => to = PathBuf::from(value),
            "--owner" => owner = Some(value.clone()),
            other => return Err(ShellError::Usage(format!("unknown argument {other}"))),
        }
    }
    let passwd = std::path::Path::new("/etc/passwd");
    let ids = match &owner {
        Some(user) => Some(enrol::user_ids(passwd, user).map_err(ShellError::Enrol)?),
        // On an installed kiosk the service's user reads it: owned by that user unless told otherwise.
        None => enrol::user_ids(passwd, enrol::SERVICE_USER).ok(),
    };
    let e = enrol::install(std::path::Path::new(source), &to, ids).map_err(ShellError::Enrol)?;
    println!(
        "minwon-kiosk: enrolled as {} (group {}) with {}; in place at {}",
        e.kiosk_id,
        e.group,
        e.hub_url,
        to.display()
    );
    if to == std::path::Path::new(enrol::DEFAULT_DESTINATION) {
        println!("minwon-kiosk: the kiosk reads it when it starts: systemctl restart minwon-kiosk");
    }
    Ok(())
}

/// Where an installed kiosk keeps its state, and the file its unit reads its options from.
const INSTALLED_DATA: &str = "/var/lib/minwon-kiosk";
const INSTALLED_DEFAULTS: &str = "/etc/default/minwon-kiosk";

/// The words of `MINWON_KIOSK_ARGS=…` in an environment file (quotes around the value taken off).
fn installed_args(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("MINWON_KIOSK_ARGS="))
        .last()
        .map(|v| v.trim().trim_matches(|c| c == '"' || c == '\'').split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default()
}

/// `minwon-kiosk doctor [--lang ko|en] [the kiosk's options]`.
fn doctor(args: &[String]) -> Result<(), ShellError> {
    let mut locale = doctor::language_from_env();
    let mut rest = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--lang" {
            let tag = it.next().ok_or_else(|| ShellError::Usage("--lang needs ko or en".into()))?;
            locale = match tag.as_str() {
                "ko" => minwon_core::Locale::Ko,
                "en" => minwon_core::Locale::En,
                _ => return Err(ShellError::Usage("--lang takes ko or en".into())),
            };
        } else {
            rest.push(a.clone());
        }
    }
    if rest.is_empty() && std::path::Path::new(INSTALLED_DEFAULTS).exists() {
        rest = vec!["--data".to_owned(), INSTALLED_DATA.to_owned()];
        rest.extend(installed_args(&std::fs::read_to_string(INSTALLED_DEFAULTS).unwrap_or_default()));
    }
    let args = Args::parse(rest)?;
    let config = kiosk_config(&args)?;
    let l10n = doctor::texts(&config.root).map_err(ShellError::DoctorTexts)?;
    let findings = minwon_engine::doctor::examine(&config, &SystemClock);
    print!("{}", doctor::render(&findings, &l10n, locale, &config.kiosk_id));
    if minwon_engine::doctor::worst(&findings) == minwon_engine::doctor::Verdict::Fail {
        return Err(ShellError::ChecksFailed);
    }
    Ok(())
}

/// The engine's configuration from the command line (and the enrolment it names).
fn kiosk_config(args: &Args) -> Result<KioskConfig, ShellError> {
    let mut config = KioskConfig::new(args.data.clone().unwrap_or_else(default_data_dir));
    if let Some(id) = &args.kiosk_id {
        config.kiosk_id = id.clone();
    }
    config.printer = args.printer.clone();
    config.card_reader = args.card_reader;
    config.reader_name = args.reader.clone();
    config.speech = args.speech;
    config.trust_files = args.trust.clone();
    config.queue_tickets = args.queue_tickets;
    if let Some(secs) = args.idle_timeout {
        config.session.idle_timeout = Duration::from_secs(secs);
        config.session.warning_lead = Duration::from_secs(if secs < 60 { 20 } else { 30 });
    }
    // An installed kiosk (its unit's data folder) reads the enrolment `minwon-kiosk enrol` put in
    // place; any other run only the one it is given.
    let default_enrolment = std::path::Path::new(enrol::DEFAULT_DESTINATION);
    let installed = args.data.as_deref() == Some(std::path::Path::new(INSTALLED_DATA));
    let enrolment =
        args.enrolment.clone().or_else(|| (installed && default_enrolment.exists()).then(|| default_enrolment.into()));
    if let Some(path) = &enrolment {
        let text = std::fs::read_to_string(path)
            .map_err(|e| ShellError::Usage(format!("--enrolment {}: {e}", path.display())))?;
        let enrolment: minwon_core::wire::Enrolment = toml::from_str(&text)
            .map_err(|e| ShellError::Usage(format!("--enrolment {}: {}", path.display(), e.message())))?;
        config.enrol(&enrolment);
    }
    Ok(config)
}

fn try_run(args: impl IntoIterator<Item = String>) -> Result<(), ShellError> {
    let args: Vec<String> = args.into_iter().collect();
    match args.first().map(String::as_str) {
        Some("enrol") => return enrol(&args[1..]),
        Some("doctor") => return doctor(&args[1..]),
        _ => {}
    }
    let args = Args::parse(args)?;
    let config = kiosk_config(&args)?;
    let kiosk = Kiosk::open(config, Arc::new(SystemClock))?;
    // Under systemd (Type=notify, WatchdogSec=): READY=1, then WATCHDOG=1 after every tick.
    let _ticker = kiosk.spawn_ticker_with(Duration::from_millis(500), minwon_engine::watchdog::Watchdog::from_env());
    let _sync = kiosk.is_enrolled().then(|| kiosk.spawn_sync(Duration::from_secs(args.sync_every)));
    if args.serve || !has_display() {
        if !args.serve {
            println!("minwon-kiosk: no display found, serving the kiosk on loopback instead");
        }
        return serve::run(kiosk, args.port);
    }
    let windowed = args.windowed;
    let app = with_engine(tauri::Builder::default(), kiosk)
        .setup(move |app| {
            main_window(app.handle(), windowed)?;
            Ok(())
        })
        .build(tauri::generate_context!())?;
    app.run(|_, _| {});
    Ok(())
}

/// Registers the engine and our commands on any runtime (the mock runtime in tests).
pub fn with_engine<R: Runtime>(builder: tauri::Builder<R>, kiosk: Kiosk) -> tauri::Builder<R> {
    let clips = kiosk.clone();
    builder
        .manage(kiosk)
        .invoke_handler(tauri::generate_handler![commands::view, commands::act, commands::texts])
        // Sign-language clip frames: clips://localhost/<language>/<clip>/<n>.png, as `--serve` serves /clips/….
        .register_uri_scheme_protocol("clips", move |_ctx, request| {
            let parts: Vec<&str> = request.uri().path().trim_start_matches('/').split('/').collect();
            let frame = match parts[..] {
                [language, clip, n] => n
                    .strip_suffix(".png")
                    .and_then(|n| n.parse::<usize>().ok())
                    .and_then(|n| clips.clip_frame(language, clip, n)),
                _ => None,
            };
            let response = match frame {
                Some(png) => tauri::http::Response::builder().header("content-type", "image/png").body(png),
                None => tauri::http::Response::builder().status(404).body(Vec::new()),
            };
            response.unwrap_or_else(|_| tauri::http::Response::new(Vec::new()))
        })
}

/// The kiosk window: full screen, no navigation away from our own pages.
pub fn main_window<R: Runtime, M: tauri::Manager<R>>(app: &M, windowed: bool) -> Result<(), tauri::Error> {
    let window = WebviewWindowBuilder::new(app, "main", WebviewUrl::App("index.html".into()))
        .title("Minwon Kiosk")
        .fullscreen(!windowed)
        .inner_size(1080.0, 1920.0)
        .resizable(windowed)
        .on_navigation(is_own_page)
        .build()?;
    // Full screen is the screen's size: a compositor that does not grant the request (cage)
    // would otherwise leave the window at 1080 wide on a wider screen, the rest black.
    if !windowed {
        if let Ok(Some(monitor)) = window.current_monitor() {
            let _ = window.set_size(*monitor.size());
        }
    }
    Ok(())
}

/// Only our own front end may be shown: `tauri://localhost` (Linux, macOS) or `http(s)://tauri.localhost` (Windows).
pub fn is_own_page(url: &tauri::Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_arguments_and_refuses_unknown_ones() {
        let a = Args::parse(["--serve", "--port", "0", "--data", "/tmp/x"].map(String::from)).expect("valid");
        assert!(a.serve);
        assert_eq!(a.port, 0);
        assert_eq!(a.data, Some(PathBuf::from("/tmp/x")));
        assert!(matches!(Args::parse(["--port".to_owned()]), Err(ShellError::Usage(_))));
        assert!(matches!(Args::parse(["--devtools".to_owned()]), Err(ShellError::Usage(_))));
    }

    #[test]
    fn the_installed_options_are_read_as_the_unit_reads_them() {
        let file = "# options\nMINWON_KIOSK_ARGS=\"--printer tcp:10.0.0.5:9100  --reader ACS\"\n";
        assert_eq!(installed_args(file), ["--printer", "tcp:10.0.0.5:9100", "--reader", "ACS"]);
        assert!(installed_args("OTHER=1\n").is_empty());
    }

    #[test]
    fn only_our_own_pages_may_load() {
        for (url, ok) in [
            ("tauri://localhost/index.html", true),
            ("http://tauri.localhost/index.html", true),
            ("https://example.com/", false),
            ("file:///etc/passwd", false),
            ("tauri://evil/", false),
        ] {
            assert_eq!(is_own_page(&url.parse().expect("url")), ok, "{url}");
        }
    }
}
