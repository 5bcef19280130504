//! The mirror binary: opens the portrait window (full screen unless `--windowed`), or renders the
//! first screen to a PNG with `--screenshot FILE` (no display needed).

use minwon_engine::bundles::BundleStore;
use minwon_engine::delivery::HubLink;
use minwon_mirror::{controller::Pending, Mirror, MirrorError, MirrorWindow};
use slint::ComponentHandle;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

const USAGE: &str = "minwon-mirror: the smart-mirror guidance screen of Minwon Kiosk

  --data DIR        where bundles from the hub are kept (default: $XDG_DATA_HOME/minwon-mirror)
  --enrolment FILE  the mirror's enrolment from its hub (as a kiosk's): pull signed bundles from it
  --windowed        a normal window instead of full screen (for development)
  --no-speech       do not read aloud (by default through speech-dispatcher, as the kiosk)";

struct Args {
    data: Option<PathBuf>,
    enrolment: Option<PathBuf>,
    windowed: bool,
    speech: bool,
}

fn parse() -> Result<Args, MirrorError> {
    let mut a = Args { data: None, enrolment: None, windowed: false, speech: true };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| MirrorError::Usage(format!("{flag} needs a value")));
        match flag.as_str() {
            "--data" => a.data = Some(value()?.into()),
            "--enrolment" | "--enrollment" => a.enrolment = Some(value()?.into()),
            "--windowed" => a.windowed = true,
            "--no-speech" => a.speech = false,
            "--help" | "-h" => return Err(MirrorError::Usage(String::new())),
            other => return Err(MirrorError::Usage(format!("unknown argument {other}"))),
        }
    }
    Ok(a)
}

fn run() -> Result<(), MirrorError> {
    let args = parse()?;
    let data = args.data.unwrap_or_else(|| {
        std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
            .unwrap_or_else(|| PathBuf::from(".minwon"))
            .join("minwon-mirror")
    });
    std::fs::create_dir_all(&data).map_err(|e| MirrorError::Assets(format!("{}: {}", data.display(), e.kind())))?;
    let enrolment: Option<minwon_core::wire::Enrolment> = match &args.enrolment {
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| MirrorError::Usage(format!("{}: {e}", path.display())))?;
            Some(
                toml::from_str(&text)
                    .map_err(|e| MirrorError::Usage(format!("{}: {}", path.display(), e.message())))?,
            )
        }
        None => None,
    };
    let keys = enrolment.as_ref().map(|e| e.admin_keys.clone()).unwrap_or_default();
    let (hub, group) = enrolment.as_ref().map(|e| (e.hub_cert.as_str(), e.group.as_str())).unwrap_or(("", "all"));
    let store = BundleStore::new(data.join("bundles"), &keys, hub, group);
    let installed = minwon_engine::assets::default_root();
    let sign = minwon_engine::clips::DEFAULT_SIGN_LANGUAGE;
    let guide = minwon_mirror::updates::initial_guide(&store, &installed, sign)?;

    let window = MirrorWindow::new().map_err(|e| MirrorError::Ui(e.to_string()))?;
    if !args.windowed {
        window.window().set_fullscreen(true);
        // Without a window manager (an X server alone, or a compositor that ignores the request)
        // full screen is not granted and the window stayed 800×600: it takes the monitor's size.
        let weak = window.as_weak();
        slint::Timer::single_shot(Duration::from_millis(300), move || {
            use slint::winit_030::WinitWindowAccessor;
            let Some(w) = weak.upgrade() else { return };
            let size = w.window().with_winit_window(|ww| ww.current_monitor().map(|m| m.size())).flatten();
            if let Some(size) = size {
                w.window().set_position(slint::PhysicalPosition::new(0, 0));
                w.window().set_size(slint::PhysicalSize::new(size.width, size.height));
            }
        });
    }
    let speaker: Option<Box<dyn minwon_hardware::speech::Speaker>> = if args.speech {
        let voice =
            minwon_hardware::voice::KioskVoice::open(&installed.join("assets/voice"), &data.join("speech-cache"));
        Some(Box::new(voice))
    } else {
        None
    };
    let pending: Pending = Arc::new(Mutex::new(None));
    let mirror = Mirror::setup(&window, guide, speaker, pending.clone());
    mirror.start_timers();
    if let Some(e) = enrolment {
        let link = HubLink::new(&e.hub_url, &e.kiosk_id, &e.token, &e.hub_cert)
            .map_err(|code| MirrorError::Usage(format!("the enrolment cannot be used ({code})")))?;
        minwon_mirror::updates::spawn(link, store, pending, sign.to_owned(), Duration::from_secs(30));
    }
    window.run().map_err(|e| MirrorError::Ui(e.to_string()))
}

fn main() {
    let code = match run() {
        Ok(()) => 0,
        Err(MirrorError::Usage(msg)) if msg.is_empty() => {
            println!("{USAGE}");
            0
        }
        Err(e @ MirrorError::Usage(_)) => {
            eprintln!("minwon-mirror: {e}\n\n{USAGE}");
            2
        }
        Err(e) => {
            eprintln!("minwon-mirror: {e}");
            1
        }
    };
    std::process::exit(code);
}
