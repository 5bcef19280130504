//! Speech: live synthesis through speech-dispatcher (the `tts` crate), and espeak-ng rendering to WAV files.
//!
//! The engine hands a [`Speaker`] what to say as [`Segment`]s already worded in
//! the visitor's language; each segment keeps the message id it came from, so a
//! recorded prompt can be found for it. Saying something new interrupts what is
//! being said. Voice settings (language, rate, volume) come with every call,
//! so nothing a visitor chose outlives the visit.

use crate::error::HardwareError;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One piece of speech: worded text, and the message id it came from (none for a value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub message: Option<String>,
    pub text: String,
    /// A message without arguments: the same words every time, so a recording or a cached
    /// rendering can stand in. Anything else may hold what the visitor typed and never reaches disk.
    pub fixed: bool,
}

impl Segment {
    /// Live text (a value, or a message with arguments).
    pub fn live(text: impl Into<String>) -> Segment {
        Segment { message: None, text: text.into(), fixed: false }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rate {
    Slow,
    #[default]
    Normal,
    Fast,
}

impl Rate {
    /// espeak-ng words per minute (its default is 175).
    pub fn words_per_minute(self) -> u32 {
        match self {
            Rate::Slow => 130,
            Rate::Normal => 170,
            Rate::Fast => 220,
        }
    }
}

/// How to speak: the kiosk locale (for recorded prompts, e.g. `ko-easy`), its language (a BCP 47
/// tag such as `ko` or `zh-CN`, for the synthesiser), the rate and the volume (0–100).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voice {
    pub locale: String,
    pub language: String,
    pub rate: Rate,
    pub volume: u8,
}

impl Voice {
    /// The voice every visit starts with.
    pub fn default_for(language: &str) -> Voice {
        Voice { locale: language.to_owned(), language: language.to_owned(), rate: Rate::Normal, volume: 70 }
    }
}

/// Something that speaks.
pub trait Speaker: Send {
    /// Says `segments` in order, interrupting whatever is being said.
    fn say(&mut self, voice: &Voice, segments: &[Segment]) -> Result<(), HardwareError>;
    /// Stops speaking at once.
    fn stop(&mut self) -> Result<(), HardwareError>;
    /// Prepares these fixed texts for quick playback (a speaker that caches renders them ahead).
    fn warm(&mut self, _voice: &Voice, _texts: Vec<String>) {}
    /// How the speaker is, as a code for the heartbeat (`ready` unless it says otherwise).
    fn state(&self) -> &'static str {
        "ready"
    }
}

/// Live speech through speech-dispatcher.
pub struct SpeechDispatcher {
    tts: tts::Tts,
    voices: Vec<tts::Voice>,
    current: Option<String>,
}

impl std::fmt::Debug for SpeechDispatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SpeechDispatcher({} voices)", self.voices.len())
    }
}

fn speech_error(e: tts::Error) -> HardwareError {
    HardwareError::Speech(e.to_string())
}

impl SpeechDispatcher {
    /// Connects to speech-dispatcher (`SPEECHD_ADDRESS` picks another one, as in tests).
    pub fn connect() -> Result<SpeechDispatcher, HardwareError> {
        let tts = tts::Tts::new(tts::Backends::SpeechDispatcher).map_err(speech_error)?;
        let voices = tts.voices().unwrap_or_default();
        Ok(SpeechDispatcher { tts, voices, current: None })
    }

    /// The languages speech-dispatcher has voices for.
    pub fn languages(&self) -> Vec<String> {
        let mut l: Vec<String> = self.voices.iter().map(|v| v.language().to_string()).collect();
        l.sort();
        l.dedup();
        l
    }

    /// Whether speech-dispatcher is saying something.
    pub fn is_speaking(&self) -> bool {
        self.tts.is_speaking().unwrap_or(false)
    }

    /// Calls `begun` each time an utterance starts to sound (for timing).
    pub fn on_utterance_begin(&self, begun: impl Fn() + Send + Sync + 'static) -> Result<(), HardwareError> {
        self.tts.on_utterance_begin(Some(Box::new(move |_| begun()))).map_err(speech_error)
    }

    /// Calls `done` each time an utterance ends (for tests and timing).
    pub fn on_utterance_end(&self, done: impl Fn() + Send + Sync + 'static) -> Result<(), HardwareError> {
        self.tts.on_utterance_end(Some(Box::new(move |_| done()))).map_err(speech_error)
    }

    fn apply(&mut self, voice: &Voice) -> Result<(), HardwareError> {
        if self.current.as_deref() != Some(voice.language.as_str()) {
            let primary = voice.language.split('-').next().unwrap_or_default().to_ascii_lowercase();
            let wanted = self.voices.iter().find(|v| v.language().primary_language() == primary);
            if let Some(v) = wanted {
                self.tts.set_voice(v).map_err(speech_error)?;
            }
            self.current = Some(voice.language.clone());
        }
        let (min, normal, max) = (self.tts.min_rate(), self.tts.normal_rate(), self.tts.max_rate());
        let rate = match voice.rate {
            Rate::Slow => normal - (normal - min) * 0.4,
            Rate::Normal => normal,
            Rate::Fast => normal + (max - normal) * 0.35,
        };
        self.tts.set_rate(rate).map_err(speech_error)?;
        let (vmin, vmax) = (self.tts.min_volume(), self.tts.max_volume());
        let volume = vmin + (vmax - vmin) * f32::from(voice.volume.min(100)) / 100.0;
        self.tts.set_volume(volume).map_err(speech_error)?;
        Ok(())
    }
}

impl Speaker for SpeechDispatcher {
    fn say(&mut self, voice: &Voice, segments: &[Segment]) -> Result<(), HardwareError> {
        self.apply(voice)?;
        let mut first = true;
        for s in segments.iter().filter(|s| !s.text.trim().is_empty()) {
            self.tts.speak(s.text.clone(), first).map_err(speech_error)?;
            first = false;
        }
        if first {
            self.tts.stop().map_err(speech_error)?;
        }
        Ok(())
    }

    fn stop(&mut self) -> Result<(), HardwareError> {
        self.tts.stop().map_err(speech_error)?;
        Ok(())
    }
}

/// Starts a private speech-dispatcher that plays into ALSA's null device, on a unix socket in `dir`,
/// and points this process at it (`SPEECHD_ADDRESS`): for tests and benchmarks on machines with no
/// sound card and no desktop session, where the system one would never finish an utterance.
pub fn start_private_dispatcher(dir: &Path) -> Result<std::process::Child, HardwareError> {
    let fail = |what: &str| HardwareError::Speech(format!("private speech-dispatcher: {what}"));
    let conf = dir.join("speechd-conf");
    let copied = Command::new("cp").arg("-r").arg("/etc/speech-dispatcher").arg(&conf).status();
    if !copied.map(|s| s.success()).unwrap_or(false) {
        return Err(fail("no /etc/speech-dispatcher to copy"));
    }
    let main = conf.join("speechd.conf");
    let mut text = std::fs::read_to_string(&main).map_err(|_| fail("speechd.conf"))?;
    text.push_str("\nAudioOutputMethod \"alsa\"\nAudioALSADevice \"null\"\nDefaultModule espeak-ng\n");
    text.push_str("AddModule \"espeak-ng\" \"sd_espeak-ng\" \"espeak-ng.conf\"\n");
    std::fs::write(&main, text).map_err(|_| fail("writing its configuration"))?;
    let socket = dir.join("speechd.sock");
    // Its own pid file and logs: a system speech-dispatcher (a desktop's, or one a kiosk spawned)
    // must not stop this one from starting.
    let child = Command::new("speech-dispatcher")
        .args(["-s", "-t", "0", "-c", "unix_socket", "-C"])
        .arg(&conf)
        .arg("-S")
        .arg(&socket)
        .arg("-P")
        .arg(dir.join("speechd.pid"))
        .arg("-L")
        .arg(dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|_| fail("not installed"))?;
    let t = std::time::Instant::now();
    while !socket.exists() {
        if t.elapsed() > std::time::Duration::from_secs(10) {
            return Err(fail("did not open its socket"));
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    std::env::set_var("SPEECHD_ADDRESS", format!("unix_socket:{}", socket.display()));
    Ok(child)
}

/// espeak-ng's voice for a kiosk language.
pub fn espeak_voice(language: &str) -> &'static str {
    match language.split('-').next().unwrap_or_default() {
        "en" => "en",
        "zh" => "cmn",
        "vi" => "vi",
        _ => "ko",
    }
}

/// Renders text to a WAV file with espeak-ng (the tests' ear, and the cache of fixed prompts).
pub fn render_wav(voice: &Voice, text: &str, out: &Path) -> Result<(), HardwareError> {
    let status = Command::new("espeak-ng")
        .arg("-v")
        .arg(espeak_voice(&voice.language))
        .arg("-s")
        .arg(voice.rate.words_per_minute().to_string())
        .arg("-a")
        .arg((u32::from(voice.volume.min(100)) * 2).to_string())
        .arg("-w")
        .arg(out)
        .arg("--")
        .arg(text)
        .status()
        .map_err(|e| HardwareError::Speech(format!("espeak-ng: {e}")))?;
    if !status.success() {
        return Err(HardwareError::Speech(format!("espeak-ng exited with {status}")));
    }
    Ok(())
}

/// `sox FILE -n stat` → (length in seconds, RMS amplitude): how the tests hear a rendering.
pub fn sox_stat(wav: &Path) -> Result<(f64, f64), HardwareError> {
    let out = Command::new("sox")
        .arg(wav)
        .args(["-n", "stat"])
        .output()
        .map_err(|e| HardwareError::Speech(format!("sox: {e}")))?;
    let text = String::from_utf8_lossy(&out.stderr);
    let field = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split(':').nth(1))
            .and_then(|v| v.trim().parse::<f64>().ok())
            .ok_or_else(|| HardwareError::Speech(format!("sox stat has no {name}")))
    };
    Ok((field("Length (seconds)")?, field("RMS     amplitude")?))
}

/// A recorded prompt an admin supplied for a message, if there is one:
/// `<root>/<locale>/<message-id>.wav` or `.ogg`.
pub fn recorded_prompt(root: &Path, locale: &str, message: &str) -> Option<PathBuf> {
    ["wav", "ogg"].iter().map(|ext| root.join(locale).join(format!("{message}.{ext}"))).find(|p| p.is_file())
}

/// One call to [`Speaker::say`], as remembered by a [`Transcript`].
pub type Said = (Voice, Vec<Segment>);

/// A speaker that only remembers what it was asked to say (for tests and kiosks without audio).
#[derive(Debug, Default, Clone)]
pub struct Transcript {
    pub said: std::sync::Arc<std::sync::Mutex<Vec<Said>>>,
}

impl Speaker for Transcript {
    fn say(&mut self, voice: &Voice, segments: &[Segment]) -> Result<(), HardwareError> {
        if let Ok(mut said) = self.said.lock() {
            said.push((voice.clone(), segments.to_vec()));
        }
        Ok(())
    }

    fn stop(&mut self) -> Result<(), HardwareError> {
        Ok(())
    }
}
