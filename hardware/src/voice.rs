//! The kiosk's voice: a recorded prompt where an admin supplied one, cached speech for fixed texts,
//! live speech for the rest, one after the other, and all of it interrupted by the next thing to say.
//!
//! - A fixed segment (a message without arguments) plays its recorded prompt
//!   (`<prompts>/<locale>/<message-id>.wav|.ogg`) if there is one, else its cached rendering
//!   (espeak-ng, `<cache>/<language>/<rate>/<sha256 of the text>.wav`), rendered on first use and
//!   ahead of time by [`KioskVoice::warm_cache`]; so the first audio of a step does not wait for a
//!   synthesiser.
//! - Any other segment may hold what the visitor typed: it is spoken live by speech-dispatcher,
//!   or rendered in memory by espeak-ng when speech-dispatcher is not there. It never reaches disk.
//!
//! A worker thread plays the segments in order; `say` bumps a generation counter so the worker
//! drops the rest of an old script at once.

use crate::audio::{read_audio_file, read_wav, AudioOut, Pcm};
use crate::error::HardwareError;
use crate::speech::{espeak_voice, recorded_prompt, render_wav, Segment, Speaker, SpeechDispatcher, Voice};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU64, AtomicU8, Ordering};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Where a fixed text's rendering is cached.
pub fn cache_path(cache: &Path, voice: &Voice, text: &str) -> PathBuf {
    let sum: String = Sha256::digest(text.as_bytes()).iter().take(16).map(|b| format!("{b:02x}")).collect();
    cache
        .join(espeak_voice(&voice.language))
        .join(format!("{}", voice.rate.words_per_minute()))
        .join(format!("{sum}.wav"))
}

/// Renders `text` to WAV in memory (`espeak-ng --stdout`): for live text, which never reaches disk.
pub fn render_in_memory(voice: &Voice, text: &str) -> Result<Pcm, HardwareError> {
    let out = Command::new("espeak-ng")
        .args(["-v", espeak_voice(&voice.language), "-s", &voice.rate.words_per_minute().to_string(), "--stdout", "--"])
        .arg(text)
        .output()
        .map_err(|e| HardwareError::Speech(format!("espeak-ng: {e}")))?;
    if !out.status.success() {
        return Err(HardwareError::Speech("espeak-ng failed".into()));
    }
    read_wav(&out.stdout)
}

/// What the worker does with one segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Recorded(PathBuf),
    Cached(PathBuf),
    Live,
}

struct Job {
    generation: u64,
    voice: Voice,
    segments: Vec<Segment>,
}

/// When the last script's first audio started, and from which source (for the benchmark).
#[derive(Debug, Clone)]
pub struct FirstAudio {
    pub asked: Instant,
    pub started: Instant,
    pub source: Source,
}

/// How long the kiosk waits for speech-dispatcher before starting without it.
const CONNECT_DEADLINE: Duration = Duration::from_secs(3);
/// How often a speech-dispatcher that refused is asked again.
const RETRY: Duration = Duration::from_secs(30);
const STARTING: u8 = 0;
const READY: u8 = 1;
const FAILED: u8 = 2;

pub struct KioskVoice {
    /// speech-dispatcher: being reached, there, or refused (asked again).
    state: Arc<AtomicU8>,
    jobs: Sender<Job>,
    generation: Arc<AtomicU64>,
    /// speech-dispatcher is saying something for us right now.
    live: Arc<std::sync::atomic::AtomicBool>,
    audio: Option<Arc<AudioOut>>,
    dispatcher: Arc<Mutex<Option<SpeechDispatcher>>>,
    prompts: PathBuf,
    cache: PathBuf,
    first_audio: Arc<Mutex<Option<FirstAudio>>>,
}

impl std::fmt::Debug for KioskVoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "KioskVoice(audio {}, prompts {})", self.audio.is_some(), self.prompts.display())
    }
}

impl KioskVoice {
    /// `prompts`: the recorded prompts' folder; `cache`: where fixed texts' renderings are kept.
    /// Works with whatever is there: audio out and speech-dispatcher, either, or (silent) neither.
    pub fn open(prompts: &Path, cache: &Path) -> KioskVoice {
        let audio = AudioOut::open().ok().map(Arc::new);
        let (ended_tx, ended) = channel::<()>();
        let (begun_tx, begun) = channel::<Instant>();
        // speech-dispatcher is reached on a thread of its own: one that accepts the connection
        // and never answers keeps `spd_open` waiting forever, and the kiosk must start anyway.
        // It is waited for a moment (so a working one is there for the first visitor), then
        // left to arrive late; one that refuses is asked again every RETRY.
        let dispatcher: Arc<Mutex<Option<SpeechDispatcher>>> = Arc::new(Mutex::new(None));
        let state = Arc::new(AtomicU8::new(STARTING));
        let (answered_tx, answered) = channel::<()>();
        {
            let dispatcher = dispatcher.clone();
            let state = state.clone();
            let _ = std::thread::Builder::new().name("voice-connect".into()).spawn(move || loop {
                match SpeechDispatcher::connect() {
                    Ok(d) => {
                        let ended_tx = Mutex::new(ended_tx);
                        let _ = d.on_utterance_end(move || {
                            if let Ok(tx) = ended_tx.lock() {
                                let _ = tx.send(());
                            }
                        });
                        let begun_tx = Mutex::new(begun_tx);
                        let _ = d.on_utterance_begin(move || {
                            if let Ok(tx) = begun_tx.lock() {
                                let _ = tx.send(Instant::now());
                            }
                        });
                        if let Ok(mut slot) = dispatcher.lock() {
                            *slot = Some(d);
                        }
                        state.store(READY, Ordering::SeqCst);
                        let _ = answered_tx.send(());
                        return;
                    }
                    Err(_) => {
                        state.store(FAILED, Ordering::SeqCst);
                        let _ = answered_tx.send(());
                        std::thread::sleep(RETRY);
                    }
                }
            });
        }
        if answered.recv_timeout(CONNECT_DEADLINE).is_err() {
            eprintln!(
                "minwon-hardware: speech-dispatcher did not answer in time (speech.no-answer); going on without it"
            );
        }
        let (jobs, inbox) = channel::<Job>();
        let generation = Arc::new(AtomicU64::new(0));
        let live = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let first_audio = Arc::new(Mutex::new(None));
        let worker = Worker {
            inbox,
            ended,
            begun,
            generation: generation.clone(),
            live: live.clone(),
            audio: audio.clone(),
            dispatcher: dispatcher.clone(),
            prompts: prompts.to_path_buf(),
            cache: cache.to_path_buf(),
            first_audio: first_audio.clone(),
        };
        let _ = std::thread::Builder::new().name("kiosk-voice".into()).spawn(move || worker.run());
        KioskVoice {
            state,
            jobs,
            generation,
            live,
            audio,
            dispatcher,
            prompts: prompts.to_path_buf(),
            cache: cache.to_path_buf(),
            first_audio,
        }
    }

    /// speech-dispatcher's state as a code: `ready`, `no-answer` (reached, never answered: still
    /// waited for), `failed` (refused; asked again), each with `-silent` when no audio output
    /// can play recorded or cached speech either.
    pub fn speech_state(&self) -> &'static str {
        let audible = self.audio.is_some();
        match (self.state.load(Ordering::SeqCst), audible) {
            (READY, _) => "ready",
            (STARTING, true) => "no-answer",
            (STARTING, false) => "no-answer-silent",
            (_, true) => "failed",
            (_, false) => "failed-silent",
        }
    }

    /// Whether anything can be heard (an audio output or speech-dispatcher).
    pub fn audible(&self) -> bool {
        self.audio.is_some() || self.dispatcher.lock().map(|d| d.is_some()).unwrap_or(false)
    }

    /// Where a segment's audio would come from.
    pub fn source(&self, voice: &Voice, segment: &Segment) -> Source {
        source(&self.prompts, &self.cache, voice, segment)
    }

    /// Renders the fixed texts not yet cached, in the background (call when a visitor picks a language).
    pub fn warm_cache(&self, voice: &Voice, texts: Vec<String>) {
        let cache = self.cache.clone();
        let voice = voice.clone();
        let _ = std::thread::Builder::new().name("voice-cache".into()).spawn(move || {
            for text in texts {
                let path = cache_path(&cache, &voice, &text);
                if !path.exists() {
                    let _ = render_cached(&voice, &text, &path);
                }
            }
        });
    }

    /// The first audio of the last script (the benchmark's measure).
    pub fn first_audio(&self) -> Option<FirstAudio> {
        self.first_audio.lock().ok()?.clone()
    }

    fn silence(&self) {
        if let Some(a) = &self.audio {
            a.stop();
        }
        // speech-dispatcher answers a cancel only once its module has stopped, which can take
        // seconds: never on the caller's thread (the engine's), and only when it is speaking.
        if self.live.swap(false, Ordering::SeqCst) {
            let dispatcher = self.dispatcher.clone();
            let _ = std::thread::Builder::new().name("voice-cancel".into()).spawn(move || {
                if let Ok(mut d) = dispatcher.lock() {
                    if let Some(d) = d.as_mut() {
                        let _ = d.stop();
                    }
                }
            });
        }
    }
}

impl Speaker for KioskVoice {
    fn say(&mut self, voice: &Voice, segments: &[Segment]) -> Result<(), HardwareError> {
        let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        self.silence();
        if let Ok(mut f) = self.first_audio.lock() {
            *f = None;
        }
        let job = Job { generation, voice: voice.clone(), segments: segments.to_vec() };
        self.jobs.send(job).map_err(|_| HardwareError::Speech("the voice thread stopped".into()))
    }

    fn stop(&mut self) -> Result<(), HardwareError> {
        self.generation.fetch_add(1, Ordering::SeqCst);
        self.silence();
        Ok(())
    }

    fn warm(&mut self, voice: &Voice, texts: Vec<String>) {
        self.warm_cache(voice, texts);
    }

    fn state(&self) -> &'static str {
        self.speech_state()
    }
}

fn source(prompts: &Path, cache: &Path, voice: &Voice, segment: &Segment) -> Source {
    if segment.fixed {
        if let Some(path) = segment.message.as_deref().and_then(|m| recorded_prompt(prompts, &voice.locale, m)) {
            return Source::Recorded(path);
        }
        return Source::Cached(cache_path(cache, voice, &segment.text));
    }
    Source::Live
}

/// Renders to a temporary name, then renames: a half-written file is never taken for a rendering.
fn render_cached(voice: &Voice, text: &str, path: &Path) -> Result<(), HardwareError> {
    let dir = path.parent().ok_or_else(|| HardwareError::Speech("cache path".into()))?;
    std::fs::create_dir_all(dir).map_err(|e| HardwareError::Speech(format!("cache: {e}")))?;
    let tmp = path.with_extension(format!("{}.part", std::process::id()));
    render_wav(&Voice { volume: 100, ..voice.clone() }, text, &tmp)?;
    std::fs::rename(&tmp, path).map_err(|e| HardwareError::Speech(format!("cache: {e}")))
}

struct Worker {
    inbox: Receiver<Job>,
    ended: Receiver<()>,
    begun: Receiver<Instant>,
    generation: Arc<AtomicU64>,
    live: Arc<std::sync::atomic::AtomicBool>,
    audio: Option<Arc<AudioOut>>,
    dispatcher: Arc<Mutex<Option<SpeechDispatcher>>>,
    prompts: PathBuf,
    cache: PathBuf,
    first_audio: Arc<Mutex<Option<FirstAudio>>>,
}

impl Worker {
    fn current(&self, job: &Job) -> bool {
        self.generation.load(Ordering::SeqCst) == job.generation
    }

    fn run(self) {
        while let Ok(mut job) = self.inbox.recv() {
            // Only the newest script matters.
            while let Ok(newer) = self.inbox.try_recv() {
                job = newer;
            }
            let asked = Instant::now();
            let mut first = true;
            for segment in job.segments.iter().filter(|s| !s.text.trim().is_empty()) {
                if !self.current(&job) {
                    break;
                }
                let source = source(&self.prompts, &self.cache, &job.voice, segment);
                let started = self.play(&job, segment, &source);
                if first {
                    if let Some(started) = started {
                        if let Ok(mut f) = self.first_audio.lock() {
                            *f = Some(FirstAudio { asked, started, source: source.clone() });
                        }
                    }
                    first = false;
                }
            }
        }
    }

    /// Plays one segment to its end (or until a newer script); returns when its audio started.
    fn play(&self, job: &Job, segment: &Segment, source: &Source) -> Option<Instant> {
        let pcm = match (source, &self.audio) {
            (Source::Recorded(path), Some(_)) => read_audio_file(path).ok(),
            (Source::Cached(path), Some(_)) => {
                if !path.exists() {
                    let _ = render_cached(&job.voice, &segment.text, path);
                }
                std::fs::read(path).ok().and_then(|b| read_wav(&b).ok())
            }
            (Source::Live, Some(_)) if !self.dispatcher_here() => render_in_memory(&job.voice, &segment.text).ok(),
            _ => None,
        };
        match (pcm, &self.audio) {
            (Some(pcm), Some(audio)) => {
                let id = audio.play(&pcm, job.voice.volume);
                let deadline = Instant::now() + Duration::from_secs_f64(pcm.seconds() + 3.0);
                while Instant::now() < deadline && self.current(job) {
                    if audio.wait_done(id, Duration::from_millis(50)) {
                        break;
                    }
                }
                audio.started(id)
            }
            _ => self.speak_live(job, segment),
        }
    }

    fn dispatcher_here(&self) -> bool {
        self.dispatcher.lock().map(|d| d.is_some()).unwrap_or(false)
    }

    /// Through speech-dispatcher, waiting for the end of the utterance.
    fn speak_live(&self, job: &Job, segment: &Segment) -> Option<Instant> {
        while self.ended.try_recv().is_ok() {}
        while self.begun.try_recv().is_ok() {}
        {
            let mut d = self.dispatcher.lock().ok()?;
            let d = d.as_mut()?;
            d.say(&job.voice, std::slice::from_ref(segment)).ok()?;
            self.live.store(true, Ordering::SeqCst);
        }
        let asked = Instant::now();
        let mut started = None;
        // About 12 characters a second at the slowest rate, and some slack.
        let deadline = asked + Duration::from_secs(3 + segment.text.chars().count() as u64 / 8);
        while Instant::now() < deadline && self.current(job) {
            if started.is_none() {
                started = self.begun.try_recv().ok();
            }
            if self.ended.recv_timeout(Duration::from_millis(20)).is_ok() {
                self.live.store(false, Ordering::SeqCst);
                break;
            }
        }
        started.or_else(|| self.begun.try_recv().ok())
    }
}
