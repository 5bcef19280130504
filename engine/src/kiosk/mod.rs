//! The running kiosk: one session at a time, its effects carried out (`effects.rs`), its timer
//! driven; its hub (`sync.rs`), its bundles (`bundles.rs`) and what it loads (`loading.rs`).

mod bundles;
mod effects;
mod loading;
mod sync;

use loading::{load_trust, open_address_book, Assets};

use crate::api::{Action, ApiError};
use crate::assets;
use crate::bundles::{BundleStore, FetchError};
use crate::clips::ClipLibrary;
use crate::clock::Clock;
use crate::delivery::{Backoff, HubLink};
use crate::error::EngineError;
use crate::guide;
use crate::identity::{IdentitySource, SourceEvent};
use crate::outbox::Outbox;
use crate::seal::{SealKey, Sealer};
use crate::view::{self, View};
use minwon_core::sealed::HubPublicKey;
use minwon_core::session::{Effect, Input, SessionConfig, SpeechRate};
use minwon_core::wire::{AlertIn, Heartbeat};
use minwon_core::{Catalog, Locale, Localizer, Session};
use minwon_hardware::speech::{Rate, Speaker, Voice};
use minwon_hardware::voice::KioskVoice;
use minwon_hardware::{EscPosPrinter, ReceiptPrinter, Ticket};
use std::collections::{BTreeMap, VecDeque};
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct KioskConfig {
    /// Where `assets/` and `locales/` are.
    pub root: PathBuf,
    /// Where the outbox and its key live.
    pub data_dir: PathBuf,
    /// Printed on receipts and (later) reported to the hub.
    pub kiosk_id: String,
    pub session: SessionConfig,
    /// An ESC/POS printer, if one is attached: a device (e.g. `/dev/usb/lp0`), or `tcp:HOST:PORT`
    /// for a network printer (which also tells when it is out of paper).
    pub printer: Option<PathBuf>,
    /// Watch PC/SC readers and read ID documents.
    pub card_reader: bool,
    /// The sign language of the clips (a folder of `assets/sign/`).
    pub sign_language: String,
    /// Speak through speech-dispatcher (the kiosk binary's default; off in tests, which use a transcript).
    pub speech: bool,
    /// The hub's base URL (`https://…`); `None`: submissions wait in the outbox.
    pub hub_url: Option<String>,
    /// The pin of the hub's certificate (SHA-256 of its public key, hex), from the enrolment.
    pub hub_cert: Option<String>,
    /// This kiosk's group at the hub (a bundle must name it, or `all`).
    pub group: String,
    /// How long one request to the hub may take before it counts as failed.
    pub hub_timeout: Duration,
    /// This kiosk's token for the hub (from its enrolment).
    pub hub_token: Option<String>,
    /// The hub's public key (hex X25519): submissions are sealed to it. `None`: sealed with a key
    /// kept beside the outbox (a kiosk without a hub).
    pub hub_key: Option<String>,
    /// Admin public keys (hex Ed25519) whose signed form bundles this kiosk accepts; none: no bundles.
    pub admin_keys: Vec<String>,
    /// Only readers whose PC/SC name starts with this (a kiosk with several readers); `None`: any.
    pub reader_name: Option<String>,
    /// CSCA certificates (DER) and CSCA master lists (CMS) to trust for passive authentication.
    pub trust_files: Vec<PathBuf>,
    /// The office calls numbers: each receipt also gets the day's next queue number (번호표),
    /// shown on screen and printed largest.
    pub queue_tickets: bool,
}

impl KioskConfig {
    /// Takes the hub, the keys and the kiosk's identity from its enrolment (made by the hub).
    pub fn enrol(&mut self, e: &minwon_core::wire::Enrolment) {
        self.kiosk_id = e.kiosk_id.clone();
        self.hub_url = Some(e.hub_url.clone());
        self.hub_cert = Some(e.hub_cert.clone());
        self.group = e.group.clone();
        self.hub_token = Some(e.token.clone());
        self.hub_key = Some(e.hub_key.clone());
        self.admin_keys = e.admin_keys.clone();
    }

    pub fn new(data_dir: PathBuf) -> Self {
        KioskConfig {
            root: assets::default_root(),
            data_dir,
            kiosk_id: "kiosk-1".into(),
            session: SessionConfig::default(),
            printer: None,
            card_reader: false,
            reader_name: None,
            admin_keys: Vec::new(),
            hub_url: None,
            hub_cert: None,
            group: "all".into(),
            hub_token: None,
            hub_key: None,
            hub_timeout: Duration::from_secs(30),
            speech: false,
            sign_language: crate::clips::DEFAULT_SIGN_LANGUAGE.into(),
            trust_files: Vec::new(),
            queue_tickets: false,
        }
    }
}

/// Submissions per request to the hub.
const DELIVERY_BATCH: usize = 50;

/// How many effects the log keeps, for tests and diagnostics.
const LOG_LEN: usize = 512;

struct Inner {
    session: Session,
    l10n: Arc<Localizer>,
    outbox: Outbox,
    seq: u64,
    printer: Option<Box<dyn ReceiptPrinter>>,
    identity: Option<Box<dyn IdentitySource>>,
    kiosk_id: String,
    /// Effects carried out, as codes without personal data.
    log: VecDeque<String>,
    speaker: Option<Box<dyn Speaker>>,
    bundles: BundleStore,
    /// Where the assets in use come from (the installed ones, or a bundle).
    assets_root: PathBuf,
    /// A stored bundle waiting for the kiosk to be idle.
    pending_bundle: Option<u64>,
    /// Every message id (for warming the speech cache of a language once a visitor picks it).
    message_ids: Vec<String>,
    warmed: Option<(Locale, Rate)>,
    clips: Arc<ClipLibrary>,
    sign_language: String,
    text_ids: Vec<String>,
    last_print_ok: bool,
    /// The printer as the last ticket found it: `ready`, `off` (none attached), `paper-out`,
    /// `cover-open`, `failed` (reported in heartbeats; the fleet page flags it).
    printer_state: &'static str,
    /// The last error code met (reported in heartbeats).
    last_error: Option<String>,
    /// The last bundle refused, and why (reported until a bundle is applied). The version only
    /// when the manifest's signature verified: a forged answer's version stops nothing.
    bundle_refused: Option<(Option<u64>, &'static str)>,
    /// After an unsigned or unreadable offer, bundle checks wait (backing off) until then.
    bundle_wait: Option<minwon_core::Timestamp>,
    bundle_backoff: Backoff,
    /// The assets the kiosk was installed with (used when no stored bundle is valid).
    installed_root: PathBuf,
    /// The sound card says the earphones were pulled out: personal values are not said, even in
    /// voice mode (they would come out of the speakers).
    earphones_out: bool,
    /// The control being announced (voice mode), named in the effect log.
    announcing: Option<String>,
    /// The box being typed into with the keypad, and its entry (천지인 and multi-tap remember the
    /// key being pressed again).
    pad: Option<(String, minwon_core::keypad::PadEntry)>,
    /// What the voice last said an address search box found (said again only when it changes).
    pad_found: Option<(String, minwon_core::session::Found)>,
    /// The address book of the tree in use, and whether its addresses are a sample.
    address: Option<(crate::address::AddressBook, bool)>,
    /// Where the address book's index lives (in the data folder).
    address_index: PathBuf,
    /// The data folder (its free space is reported in heartbeats).
    data_dir: PathBuf,
    /// Whether receipts come with queue numbers (the number travels in the session's receipt).
    queue_tickets: bool,
}

/// A handle to the running kiosk; clone it freely.
#[derive(Clone)]
pub struct Kiosk {
    inner: Arc<Mutex<Inner>>,
    clock: Arc<dyn Clock>,
    hub: Option<HubLink>,
    /// Poll the headphone jack (the kiosk binary; not in tests).
    watch_headphones: bool,
}

impl std::fmt::Debug for Kiosk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Kiosk")
    }
}

impl Kiosk {
    pub fn open(config: KioskConfig, clock: Arc<dyn Clock>) -> Result<Kiosk, EngineError> {
        std::fs::create_dir_all(&config.data_dir).map_err(EngineError::Key)?;
        // The kiosk's data folder is its user's alone (mode 0700).
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&config.data_dir, std::fs::Permissions::from_mode(0o700))
                .map_err(EngineError::Key)?;
        }
        let bundles = BundleStore::new(
            config.data_dir.join("bundles"),
            &config.admin_keys,
            config.hub_cert.as_deref().unwrap_or(""),
            &config.group,
        );
        // The newest stored bundle that loads (the current one, else the last good one), else the
        // assets the kiosk was installed with.
        let now = clock.now();
        let (assets, root) = bundles
            .stored()
            .into_iter()
            .filter(|v| Some(*v) <= bundles.current() && !bundles.expired(*v, now))
            .find_map(|v| Assets::load(&bundles.root(v)).ok().map(|a| (a, bundles.root(v))))
            .map_or_else(|| Assets::load(&config.root).map(|a| (a, config.root.clone())), Ok)?;
        let Assets { catalog, l10n, text_ids, message_ids, clips, address_sets } = assets;
        let address_index = config.data_dir.join("address.sqlite");
        let address = open_address_book(&address_index, &root, &address_sets);
        let sealer: Sealer = match &config.hub_key {
            Some(hex) => HubPublicKey::from_hex(hex).map_err(|_| EngineError::Seal)?.into(),
            None => SealKey::load_or_create(&config.data_dir.join("outbox.key"))?.into(),
        };
        let mut outbox = Outbox::open(&config.data_dir.join("outbox.sqlite"), sealer)?;
        // Enrolled with a hub after running without one: what waits is sealed again to the hub,
        // then the local key goes (nothing on this kiosk opens the outbox any more).
        let local_key = config.data_dir.join("outbox.key");
        if config.hub_key.is_some() && local_key.exists() {
            let old = SealKey::load_or_create(&local_key)?;
            outbox.reseal(&old)?;
            std::fs::remove_file(&local_key).map_err(EngineError::Key)?;
        }
        let printer: Option<Box<dyn ReceiptPrinter>> = match &config.printer {
            // A network printer (raw TCP): reached afresh for each ticket, its state asked first.
            Some(path) if path.to_string_lossy().starts_with("tcp:") => {
                let addr = path.to_string_lossy().trim_start_matches("tcp:").to_owned();
                Some(Box::new(EscPosPrinter::new(minwon_hardware::printer::Reconnecting::new(addr))))
            }
            // A device: opened for each ticket (the kiosk starts without it, and finds it later).
            Some(path) => Some(Box::new(EscPosPrinter::new(minwon_hardware::printer::Device(path.clone())))),
            None => None,
        };
        let printer_state = if printer.is_some() { "ready" } else { "off" };
        let identity: Option<Box<dyn IdentitySource>> = if config.card_reader {
            let trust = load_trust(&config.trust_files)?;
            Some(Box::new(crate::card::CardReaderSource::start(trust, clock.clone(), config.reader_name.clone())))
        } else {
            None
        };
        let inner = Inner {
            session: Session::new(Arc::new(catalog), config.session),
            l10n: Arc::new(l10n),
            outbox,
            seq: 1,
            printer,
            identity,
            kiosk_id: config.kiosk_id.clone(),
            log: VecDeque::new(),
            speaker: None,
            message_ids,
            warmed: None,
            clips: Arc::new(clips),
            bundles,
            assets_root: root,
            pending_bundle: None,
            sign_language: config.sign_language.clone(),
            text_ids,
            last_print_ok: false,
            printer_state,
            last_error: None,
            bundle_refused: None,
            bundle_wait: None,
            bundle_backoff: Backoff::default(),
            installed_root: config.root.clone(),
            earphones_out: false,
            announcing: None,
            pad: None,
            pad_found: None,
            address,
            address_index,
            data_dir: config.data_dir.clone(),
            queue_tickets: config.queue_tickets,
        };
        let hub = match config.hub_url.as_deref() {
            Some(url) => Some(
                HubLink::new(
                    url,
                    &config.kiosk_id,
                    config.hub_token.as_deref().unwrap_or(""),
                    config.hub_cert.as_deref().unwrap_or(""),
                )
                .map_err(EngineError::Enrolment)?
                .with_timeout(config.hub_timeout),
            ),
            None => None,
        };
        let kiosk = Kiosk { inner: Arc::new(Mutex::new(inner)), clock, hub, watch_headphones: config.speech };
        if config.speech {
            let voice = KioskVoice::open(&config.root.join("assets/voice"), &config.data_dir.join("speech-cache"));
            if !voice.audible() {
                eprintln!("minwon-engine: no audio output and no speech-dispatcher; the kiosk runs silent");
            }
            kiosk.set_speaker(Box::new(voice));
        }
        Ok(kiosk)
    }

    /// One frame of a sign-language clip, as PNG (`None` if there is no such clip or frame).
    pub fn clip_frame(&self, language: &str, id: &str, frame: usize) -> Option<Vec<u8>> {
        let clips = self.lock().clips.clone();
        clips.frame(language, id, frame)
    }

    /// Puts a speaker in place (speech-dispatcher, or a transcript in tests).
    pub fn set_speaker(&self, speaker: Box<dyn Speaker>) {
        self.lock().speaker = Some(speaker);
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock would leave a visitor's data in an unknown
        // state; the kiosk keeps serving, and the next wipe clears it.
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Attaches a document reader (the chip reader, or a test's stand-in).
    pub fn set_identity_source(&self, source: Box<dyn IdentitySource>) {
        self.lock().identity = Some(source);
    }

    /// The current screen. Also lets time pass, so a view is never stale.
    pub fn view(&self) -> View {
        let now = self.clock.now();
        let mut inner = self.lock();
        inner.feed(Input::Tick, now);
        inner.render(now)
    }

    /// Carries out a visitor's action and returns the screen to show.
    pub fn act(&self, action: Action) -> Result<View, ApiError> {
        let control = action.announced_control().map(str::to_owned);
        // A key of the on-screen keyboard or of the keypad, typed into a box of the screen as it is
        // now (or refused) before the action's inputs.
        enum Typing {
            Screen(String, String, minwon_core::keyboard::KeyPress),
            Pad(String, String, minwon_core::keypad::PadKey),
        }
        let typing = match &action {
            Action::Key { input, value, key } => Some(Typing::Screen(input.clone(), value.clone(), *key)),
            Action::Keypad { input, value, key } => Some(Typing::Pad(input.clone(), value.clone(), *key)),
            _ => None,
        };
        let search = match &action {
            Action::AddressSearch { input, text } => Some((input.clone(), text.clone())),
            _ => None,
        };
        let inputs = action.into_inputs()?;
        let now = self.clock.now();
        let mut inner = self.lock();
        // A box announced holds what was typed, and an address found is where she may live: said
        // as personal, into the earphones only.
        let boxed = control.as_deref().is_some_and(|c| {
            view::text_box_of(&inner.session, c).is_some()
                || c.rsplit_once("-found-").is_some_and(|(field, n)| {
                    n.parse::<u8>().is_ok()
                        && view::address_search_of(&inner.session, &format!("{field}-search")).is_some()
                })
        });
        let inputs: Vec<Input> = inputs
            .into_iter()
            .map(|i| match i {
                Input::Announce(text) if boxed => Input::AnnounceBox(text),
                other => other,
            })
            .collect();
        // A key of the keypad in an address search box has searched already (its echo says the count).
        let (typed, pad_searched) = match typing {
            Some(Typing::Screen(input, value, key)) => (Some(inner.type_key(&input, &value, key)?), None),
            Some(Typing::Pad(input, value, key)) => {
                let (typed, searched) = inner.type_pad(&input, &value, key, now)?;
                (Some(typed), searched)
            }
            None => (None, None),
        };
        inner.announcing = control;
        for input in inputs {
            inner.feed(input, now);
        }
        inner.announcing = None;
        // A visitor who just left makes room for a waiting bundle.
        inner.apply_bundle_if_idle();
        // A key typed into an address search box searches what the box holds now.
        let search = search.or_else(|| {
            typed
                .as_ref()
                .filter(|t| view::address_search_of(&inner.session, &t.input).is_some())
                .map(|t| (t.input.clone(), t.value.clone()))
        });
        let addresses = match (pad_searched, search) {
            (Some(searched), _) => Some(searched),
            (None, Some((input, text))) => Some(inner.search_addresses(&input, &text)?),
            (None, None) => None,
        };
        let mut view = inner.render(now);
        view.typed = typed;
        view.addresses = addresses;
        Ok(view)
    }

    /// Lets time pass and polls the identity source: what the ticker thread calls.
    pub fn tick(&self) {
        let now = self.clock.now();
        let mut inner = self.lock();
        let events: Vec<SourceEvent> = match inner.identity.as_mut() {
            Some(source) => std::iter::from_fn(|| source.poll_event()).collect(),
            None => vec![],
        };
        for event in events {
            match event {
                SourceEvent::Read(doc) => inner.feed(Input::DocumentRead(*doc), now),
                SourceEvent::Removed => inner.feed(Input::IdentityRemoved, now),
                SourceEvent::Failed { code } => {
                    inner.log(format!("read-failed:{code}"));
                    inner.feed(Input::ReadFailed { code: code.to_owned() }, now);
                }
            }
        }
        inner.feed(Input::Tick, now);
        inner.retire_expired_bundle(now);
        inner.apply_bundle_if_idle();
    }

    /// Every kiosk and error text of a locale (no placeables), for the front end's code → text map.
    pub fn texts(&self, locale: &str) -> Result<BTreeMap<String, String>, ApiError> {
        let locale = Locale::parse(locale).map_err(|_| ApiError::new("api.unknown-locale"))?;
        let inner = self.lock();
        Ok(inner.text_ids.iter().map(|id| (id.clone(), inner.l10n.format(locale, id, &[]))).collect())
    }

    /// The effects carried out so far, as codes (`show:step`, `enqueue:<form>`, `wipe:timeout`).
    pub fn effect_log(&self) -> Vec<String> {
        self.lock().log.iter().cloned().collect()
    }

    pub fn outbox_depth(&self) -> Result<u64, EngineError> {
        self.lock().outbox.depth()
    }

    /// Runs [`Kiosk::tick`] on a thread until the returned [`Ticker`] is dropped.
    pub fn spawn_ticker(&self, every: Duration) -> Ticker {
        self.spawn_ticker_with(every, None)
    }

    /// The same, telling systemd's watchdog after each tick (so a kiosk that stops ticking is restarted).
    pub fn spawn_ticker_with(&self, every: Duration, mut watchdog: Option<crate::watchdog::Watchdog>) -> Ticker {
        let (stop, stopped) = mpsc::channel::<()>();
        let kiosk = self.clone();
        let handle = std::thread::Builder::new()
            .name("kiosk-ticker".into())
            .spawn(move || {
                let mut n = 0u64;
                let mut jack = None;
                while let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(every) {
                    kiosk.tick();
                    if let Some(w) = watchdog.as_mut() {
                        w.ticked();
                    }
                    // The headphone jack, every few ticks, where the sound card senses it.
                    n += 1;
                    if kiosk.watch_headphones && n.is_multiple_of(4) {
                        let now = minwon_hardware::audio::headphones_plugged();
                        if now.is_some() && now != jack {
                            kiosk.headphones(now == Some(true));
                        }
                        jack = now;
                    }
                }
            })
            .ok();
        Ticker { stop: Some(stop), handle }
    }

    /// Headphones were plugged in (or pulled out): plugging them in turns voice mode on, as a
    /// visitor who does not see the screen would expect; pulling them out leaves it as it is.
    pub fn headphones(&self, plugged: bool) {
        let now = self.clock.now();
        let mut inner = self.lock();
        inner.log(format!("headphones:{}", if plugged { "plugged" } else { "unplugged" }));
        inner.earphones_out = !plugged;
        if plugged && !inner.session.prefs().voice_mode {
            inner.feed(Input::SetVoiceMode(true), now);
        }
    }

    /// Runs `f` on the outbox (for tests and the delivery loop).
    pub fn with_outbox<T>(&self, f: impl FnOnce(&mut Outbox) -> T) -> T {
        f(&mut self.lock().outbox)
    }
}

/// Stops the ticker thread when dropped.
pub struct Ticker {
    stop: Option<mpsc::Sender<()>>,
    handle: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Ticker {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

/// `2026-11-22 14:05 KST`
pub fn format_kst(t: minwon_core::Timestamp) -> String {
    let date = t.kst_date();
    let secs_of_day = (t.0 / 1000 + 9 * 3600) % 86_400;
    format!("{date} {:02}:{:02} KST", secs_of_day / 3600, secs_of_day % 3600 / 60)
}
