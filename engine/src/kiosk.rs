//! The running kiosk: one session at a time, its effects carried out, its timer driven.

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
    /// An ESC/POS printer device (e.g. `/dev/usb/lp0`), if one is attached.
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
        let Assets { catalog, l10n, text_ids, message_ids, clips } = assets;
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
            Some(path) => {
                let file = std::fs::OpenOptions::new()
                    .append(true)
                    .create(true)
                    .open(path)
                    .map_err(|e| EngineError::Hardware(minwon_hardware::HardwareError::Printer(e)))?;
                Some(Box::new(EscPosPrinter::new(file)))
            }
            None => None,
        };
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
            last_error: None,
            bundle_refused: None,
            bundle_wait: None,
            bundle_backoff: Backoff::default(),
            installed_root: config.root.clone(),
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

    /// Sends what waits in the outbox to the hub, batch after batch, until it is empty or a batch
    /// fails; returns how many the hub acknowledged. The lock is not held while the network works.
    pub fn deliver_now(&self) -> Result<usize, String> {
        let Some(link) = self.hub.clone() else { return Err("sync.no-hub".into()) };
        let mut total = 0;
        loop {
            let batch = {
                let inner = self.lock();
                link.take(&inner.outbox, DELIVERY_BATCH).map_err(|e| e.code().to_owned())?
            };
            let Some(batch) = batch else { return Ok(total) };
            let answer = link.send(&batch);
            let mut inner = self.lock();
            match answer {
                Ok(acks) => {
                    let n = HubLink::settle(&mut inner.outbox, &batch, &acks).map_err(|e| e.code().to_owned())?;
                    inner.log(format!("sync-delivered:{n}"));
                    total += n;
                    if n == 0 {
                        // Nothing settled (conflicts only): stop here rather than loop.
                        return Ok(total);
                    }
                }
                Err(code) => {
                    let _ = HubLink::failed(&mut inner.outbox, &batch);
                    inner.log(format!("sync-failed:{code}"));
                    inner.last_error = Some(code.to_owned());
                    return Err(code.to_owned());
                }
            }
        }
    }

    /// What the kiosk tells the hub in a heartbeat (codes only).
    pub fn status(&self) -> Heartbeat {
        self.status_and_last_alert().0
    }

    /// The status, and the row of the last alert it carries (marked sent once the hub has it; an
    /// alert raised after this read waits for the next heartbeat).
    fn status_and_last_alert(&self) -> (Heartbeat, Option<i64>) {
        let now = self.clock.now();
        let inner = self.lock();
        let alerts =
            inner.outbox.unsent_alerts_with_seq(minwon_core::wire::MAX_ALERTS_PER_HEARTBEAT).unwrap_or_default();
        let last = alerts.last().map(|a| a.0);
        let beat = Heartbeat {
            bundle_version: inner.bundles.current(),
            outbox_depth: inner.outbox.depth().unwrap_or(0),
            oldest_queued_s: inner.outbox.oldest().ok().flatten().map(|t| now.0.saturating_sub(t.0) / 1000),
            reader: match &inner.identity {
                Some(s) if s.available() => "ready",
                Some(_) => "no-reader",
                None => "off",
            }
            .into(),
            speech: if inner.speaker.is_some() { "ready" } else { "off" }.into(),
            last_error: inner.last_error.clone(),
            bundle_refused: inner.bundle_refused.map(|(_, code)| code.to_owned()),
            alerts: alerts.into_iter().map(|(_, kind, screen, t)| AlertIn { kind, screen, raised: t.0 }).collect(),
        };
        (beat, last)
    }

    /// One round with the hub: deliver the outbox, send a heartbeat (with unsent alerts), and pull a
    /// newer bundle if the hub offers one. Returns how many submissions were delivered, or the
    /// first failure's code (a failed delivery does not stop the heartbeat).
    pub fn sync_now(&self) -> Result<usize, String> {
        let Some(link) = self.hub.clone() else { return Err("sync.no-hub".into()) };
        let delivered = self.deliver_now();
        let (beat, last_alert) = self.status_and_last_alert();
        match link.heartbeat(&beat) {
            Ok(offer) => {
                let now = self.clock.now();
                let mut inner = self.lock();
                if let Some(seq) = last_alert {
                    let _ = inner.outbox.alerts_sent(seq, now);
                }
                if delivered.is_ok() {
                    inner.last_error = None;
                }
                drop(inner);
                if let Some(v) = offer {
                    if let Err(code) = self.pull_bundle(&link, v) {
                        self.lock().log(format!("bundle-pull-failed:{code}"));
                    }
                }
            }
            Err(code) => {
                self.lock().last_error = Some(code.to_owned());
                return Err(code.to_owned());
            }
        }
        delivered
    }

    /// Fetches an offered bundle: the manifest first (refused early if it must be), then each
    /// file, then [`Kiosk::offer_bundle`]. No lock is held while the network works.
    fn pull_bundle(&self, link: &HubLink, offered: u64) -> Result<(), String> {
        let now = self.clock.now();
        let (refused, bundles) = {
            let inner = self.lock();
            if inner.bundle_wait.is_some_and(|t| now < t) {
                return Ok(());
            }
            (inner.bundle_refused, inner.bundles.clone())
        };
        if refused.is_some_and(|(v, _)| v.is_some_and(|v| v >= offered)) || inner_pending(self, offered) {
            return Ok(());
        }
        match crate::bundles::fetch(link, &bundles, now) {
            Ok(None) => {
                self.lock().bundle_backoff.succeeded();
                Ok(())
            }
            Ok(Some(f)) => {
                self.offer_bundle(f.manifest.as_bytes(), &f.signature, &f.files).map(|_| ()).map_err(|e| e.code)
            }
            Err(FetchError::Refused { version, signed, code }) => {
                let mut inner = self.lock();
                inner.log(format!("bundle-refused:{code}"));
                inner.bundle_refused = Some((signed.then_some(version), code));
                if !signed {
                    inner.wait_for_bundles(now);
                }
                Err(code.to_owned())
            }
            Err(FetchError::Network(code)) => Err(code.to_owned()),
        }
    }

    /// Talks to the hub in the background: every `every` while things go well, backing off on failure.
    pub fn spawn_sync(&self, every: Duration) -> Ticker {
        let (stop, stopped) = mpsc::channel::<()>();
        let kiosk = self.clone();
        let handle = std::thread::Builder::new()
            .name("kiosk-sync".into())
            .spawn(move || {
                let mut backoff = Backoff::default();
                let mut wait = Duration::ZERO;
                while let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(wait) {
                    wait = match kiosk.sync_now() {
                        Ok(_) => {
                            backoff.succeeded();
                            every
                        }
                        Err(_) => {
                            let mut r = [0u8; 2];
                            let _ = getrandom::getrandom(&mut r);
                            backoff
                                .failed(f64::from(u16::from_le_bytes(r)) / f64::from(u16::MAX))
                                .max(every.min(Duration::from_secs(1)))
                        }
                    };
                }
            })
            .ok();
        Ticker { stop: Some(stop), handle }
    }

    /// An admin's bundle, offered by the hub: checked and stored at once, applied when no visitor is
    /// on the kiosk (now, if none is). Refusals come back as stable codes (`bundle.signature`, …).
    pub fn offer_bundle(&self, manifest: &[u8], signature: &str, files: &[(String, Vec<u8>)]) -> Result<u64, ApiError> {
        let now = self.clock.now();
        let mut inner = self.lock();
        match inner.bundles.stage(manifest, signature, files, now) {
            Ok(v) => {
                inner.log(format!("bundle-stored:{v}"));
                inner.bundle_backoff.succeeded();
                inner.pending_bundle = Some(v);
                inner.apply_bundle_if_idle();
                Ok(v)
            }
            Err(e) => {
                inner.log(format!("bundle-refused:{}", e.code()));
                let signed = e.signed();
                inner.bundle_refused = Some((version_of(manifest).filter(|_| signed), e.code()));
                if !signed {
                    inner.wait_for_bundles(now);
                }
                Err(ApiError::new(e.code()))
            }
        }
    }

    /// The bundle in use (`None`: the installed assets) and the one waiting, if any.
    pub fn bundle_versions(&self) -> (Option<u64>, Option<u64>) {
        let inner = self.lock();
        (inner.bundles.current().filter(|v| inner.assets_root == inner.bundles.root(*v)), inner.pending_bundle)
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
        let inputs = action.into_inputs()?;
        let now = self.clock.now();
        let mut inner = self.lock();
        for input in inputs {
            inner.feed(input, now);
        }
        // A visitor who just left makes room for a waiting bundle.
        inner.apply_bundle_if_idle();
        Ok(inner.render(now))
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
                SourceEvent::Read(doc) => inner.feed(Input::DocumentRead(doc), now),
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
        let (stop, stopped) = mpsc::channel::<()>();
        let kiosk = self.clone();
        let handle = std::thread::Builder::new()
            .name("kiosk-ticker".into())
            .spawn(move || {
                let mut n = 0u64;
                let mut jack = None;
                while let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(every) {
                    kiosk.tick();
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

impl Inner {
    fn log(&mut self, entry: String) {
        if self.log.len() == LOG_LEN {
            self.log.pop_front();
        }
        self.log.push_back(entry);
    }

    fn render(&self, now: minwon_core::Timestamp) -> View {
        let devices = view::Devices {
            card_available: self.identity.as_ref().is_some_and(|s| s.available()),
            printed: self.last_print_ok,
        };
        let mut v = view::render(&self.session, &self.l10n, self.seq, now, devices);
        let locale = self.session.locale();
        v.guidance.sign = view::sign_view(&self.clips, &self.sign_language, &v.guidance.clip, &self.l10n, locale);
        v
    }

    /// Feeds one input and carries out every effect it causes.
    fn feed(&mut self, input: Input, now: minwon_core::Timestamp) {
        self.session.handle(input, now);
        while let Some(effect) = self.session.poll() {
            match effect {
                Effect::ShowScreen(screen) => {
                    self.seq += 1;
                    self.log(format!("show:{}", screen_name(screen)));
                }
                Effect::ReadDocument(key) => match self.identity.as_mut() {
                    Some(source) => {
                        source.begin_read(key);
                        self.log("read-document".into());
                    }
                    None => {
                        self.session.handle(Input::ReadFailed { code: "card.no-reader".into() }, now);
                    }
                },
                Effect::CancelRead => {
                    if let Some(source) = self.identity.as_mut() {
                        source.cancel_read();
                    }
                    self.log("cancel-read".into());
                }
                Effect::Enqueue(submission) => {
                    let form = submission.form.0.clone();
                    let answer = match self.outbox.enqueue(&submission, now) {
                        Ok((_id, receipt)) => {
                            self.log(format!("enqueue:{form}"));
                            Input::Queued(receipt)
                        }
                        Err(e) => {
                            self.log(format!("enqueue-failed:{}", e.code()));
                            eprintln!("minwon-engine: storing a submission failed: {}", e.code());
                            Input::QueueFailed { code: e.code().to_owned() }
                        }
                    };
                    self.session.handle(answer, now);
                }
                Effect::Print(receipt) => {
                    let ticket = Ticket {
                        receipt: receipt.number.clone(),
                        issued: format_kst(receipt.queued_at),
                        kiosk: self.kiosk_id.clone(),
                    };
                    let result = self.printer.as_mut().map(|p| p.print(&ticket));
                    self.last_print_ok = matches!(result, Some(Ok(())));
                    match result {
                        Some(Err(e)) => {
                            self.log(format!("print-failed:{}", e.code()));
                            eprintln!("minwon-engine: printing a receipt failed: {}", e.code());
                        }
                        Some(Ok(())) => self.log("print".into()),
                        None => self.log("print-skipped:no-printer".into()),
                    }
                }
                Effect::Wipe(reason) => {
                    self.seq += 1;
                    self.log(format!("wipe:{}", reason.as_str()));
                }
                Effect::Speak(g) => {
                    let locale = self.session.locale();
                    let segments = guide::word(&self.l10n, locale, &g);
                    self.log(guide::log_entry(&g));
                    let voice = self.voice(locale);
                    if let Some(Err(e)) = self.speaker.as_mut().map(|s| s.say(&voice, &segments)) {
                        self.log(format!("speak-failed:{}", e.code()));
                    }
                    if self.warmed != Some((locale, voice.rate)) && self.speaker.is_some() {
                        // The rest of this language's fixed texts, rendered before the visitor gets to them.
                        self.warmed = Some((locale, voice.rate));
                        let texts: Vec<String> = self
                            .message_ids
                            .iter()
                            .filter_map(|id| self.l10n.try_format(locale, id, &[]))
                            .filter(|t| !t.contains('{'))
                            .collect();
                        if let Some(s) = self.speaker.as_mut() {
                            s.warm(&voice, texts);
                        }
                    }
                }
                Effect::StopSpeech => {
                    if let Some(s) = self.speaker.as_mut() {
                        let _ = s.stop();
                    }
                    self.log("stop-speech".into());
                }
                Effect::PlayClip(clip) => self.log(format!("clip:{clip}")),
                Effect::CallStaff { screen } => match self.outbox.record_alert("call-staff", screen, now) {
                    Ok(_) => self.log(format!("call-staff:{screen}")),
                    Err(e) => {
                        self.log(format!("call-staff-failed:{}", e.code()));
                        eprintln!("minwon-engine: recording a call for staff failed: {}", e.code());
                    }
                },
            }
        }
    }
}

/// Everything the kiosk loads from an asset root.
struct Assets {
    catalog: Catalog,
    l10n: Localizer,
    text_ids: Vec<String>,
    message_ids: Vec<String>,
    clips: ClipLibrary,
}

impl Assets {
    fn load(root: &std::path::Path) -> Result<Assets, EngineError> {
        let catalog = assets::load_catalog(root)?;
        let l10n = assets::load_localizer(root)?;
        let mut text_ids = vec![];
        let mut message_ids = vec![];
        for (locale, file, text) in assets::read_messages(root, &assets::KIOSK_SURFACES)? {
            if locale == Locale::FALLBACK {
                let ids = minwon_core::i18n::ids_in(&text)?;
                if file == "kiosk.ftl" || file == "errors.ftl" {
                    text_ids.extend(ids.iter().cloned());
                }
                message_ids.extend(ids);
            }
        }
        let clips = ClipLibrary::load(root)?;
        Ok(Assets { catalog, l10n, text_ids, message_ids, clips })
    }
}

impl Inner {
    /// After a refusal that proves nothing (an unsigned manifest), the next bundle check waits a
    /// growing while (1 s … 5 min, with jitter); later checks go on.
    fn wait_for_bundles(&mut self, now: minwon_core::Timestamp) {
        let mut r = [0u8; 2];
        let _ = getrandom::getrandom(&mut r);
        let wait = self.bundle_backoff.failed(f64::from(u16::from_le_bytes(r)) / f64::from(u16::MAX));
        self.bundle_wait = Some(minwon_core::Timestamp(now.0 + wait.as_millis() as u64));
    }

    /// The bundle in use has expired: when no visitor is on the kiosk, go back to the newest stored
    /// bundle that has not (else the installed assets), and report `bundle.expired`.
    fn retire_expired_bundle(&mut self, now: minwon_core::Timestamp) {
        let Some(in_use) = self.bundles.stored().into_iter().find(|v| self.assets_root == self.bundles.root(*v)) else {
            return;
        };
        if !self.bundles.expired(in_use, now) || self.session.screen() != minwon_core::Screen::Welcome {
            return;
        }
        let fallback = self
            .bundles
            .stored()
            .into_iter()
            .filter(|v| *v != in_use && Some(*v) <= self.bundles.current() && !self.bundles.expired(*v, now))
            .find_map(|v| Assets::load(&self.bundles.root(v)).ok().map(|a| (a, self.bundles.root(v))));
        let (assets, root) = match fallback {
            Some(found) => found,
            None => match Assets::load(&self.installed_root) {
                Ok(a) => (a, self.installed_root.clone()),
                Err(e) => {
                    self.log(format!("bundle-fallback-failed:{}", e.code()));
                    return;
                }
            },
        };
        if !self.use_assets(assets, root) {
            return;
        }
        self.bundle_refused = Some((Some(in_use), "bundle.expired"));
        self.log(format!("bundle-expired:{in_use}"));
    }

    /// Puts loaded assets in use (`false`: the session could not take their catalog now).
    fn use_assets(&mut self, assets: Assets, root: PathBuf) -> bool {
        if !self.session.set_catalog(Arc::new(assets.catalog)) {
            return false;
        }
        self.l10n = Arc::new(assets.l10n);
        self.text_ids = assets.text_ids;
        self.message_ids = assets.message_ids;
        self.clips = Arc::new(assets.clips);
        self.assets_root = root;
        self.warmed = None;
        self.seq += 1;
        true
    }

    /// Switches to the waiting bundle if no visitor is on the kiosk; a bundle that does not load
    /// is dropped and the kiosk keeps what it has.
    fn apply_bundle_if_idle(&mut self) {
        let Some(v) = self.pending_bundle else { return };
        if self.session.screen() != minwon_core::Screen::Welcome {
            return;
        }
        self.pending_bundle = None;
        let root = self.bundles.root(v);
        match Assets::load(&root) {
            Ok(a) => {
                if !self.use_assets(a, root) {
                    self.pending_bundle = Some(v);
                    return;
                }
                self.bundle_refused = None;
                match self.bundles.mark_applied(v) {
                    Ok(()) => self.log(format!("bundle-applied:{v}")),
                    Err(e) => self.log(format!("bundle-record-failed:{}", e.code())),
                }
            }
            Err(e) => self.log(format!("bundle-broken:{v}:{}", e.code())),
        }
    }

    /// The voice for this visit: its language, and the rate and volume the visitor chose.
    fn voice(&self, locale: Locale) -> Voice {
        let prefs = self.session.prefs();
        let rate = match prefs.speech_rate {
            SpeechRate::Slow => Rate::Slow,
            SpeechRate::Normal => Rate::Normal,
            SpeechRate::Fast => Rate::Fast,
        };
        Voice { locale: locale.tag().to_owned(), language: locale.language().to_owned(), rate, volume: prefs.volume }
    }
}

fn screen_name(s: minwon_core::Screen) -> String {
    match s {
        minwon_core::Screen::Step(i) => format!("step-{}", i + 1),
        other => other.name().to_owned(),
    }
}

/// Loads CSCA certificates (`.der`, `.cer`, `.crt` in DER) and master lists (`.ml`, or anything else in CMS).
fn load_trust(files: &[PathBuf]) -> Result<minwon_hardware::card::pa::TrustStore, EngineError> {
    let mut store = minwon_hardware::card::pa::TrustStore::default();
    for f in files {
        let bytes = std::fs::read(f).map_err(|e| EngineError::Assets(format!("{}: {e}", f.display())))?;
        let as_cert = store.add_der(&bytes);
        if as_cert.is_err() {
            store
                .add_master_list(&bytes)
                .map_err(|reason| EngineError::Assets(format!("{}: {reason}", f.display())))?;
        }
    }
    Ok(store)
}

/// `2026-11-22 14:05 KST`
/// The version a manifest claims (to remember which bundle was refused), if it can be read.
fn version_of(manifest: &[u8]) -> Option<u64> {
    let text = std::str::from_utf8(manifest).ok()?;
    text.lines().find_map(|l| l.strip_prefix("version = ")?.trim().parse().ok())
}

/// Whether `version` is already stored and waiting for the kiosk to be idle.
fn inner_pending(kiosk: &Kiosk, version: u64) -> bool {
    kiosk.lock().pending_bundle.is_some_and(|p| p >= version)
}

pub fn format_kst(t: minwon_core::Timestamp) -> String {
    let date = t.kst_date();
    let secs_of_day = (t.0 / 1000 + 9 * 3600) % 86_400;
    format!("{date} {:02}:{:02} KST", secs_of_day / 3600, secs_of_day % 3600 / 60)
}
