//! Speech through the real speech-dispatcher (espeak-ng behind it), started headless for the test,
//! and espeak-ng rendering checked with sox.
//!
//! speech-dispatcher gets a copy of the system configuration that plays into ALSA's null device:
//! without a sound card it would otherwise never finish an utterance.

use minwon_hardware::speech::{render_wav, Rate, Segment, Speaker, SpeechDispatcher, Voice};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A private speech-dispatcher on a unix socket in `dir`; `SPEECHD_ADDRESS` points this process at it.
fn headless_speech_dispatcher(dir: &Path) -> Child {
    let conf = dir.join("conf");
    let copied = Command::new("cp").arg("-r").arg("/etc/speech-dispatcher").arg(&conf).status().expect("cp");
    assert!(copied.success());
    let main = conf.join("speechd.conf");
    let mut text = std::fs::read_to_string(&main).expect("speechd.conf");
    text.push_str("\nAudioOutputMethod \"alsa\"\nAudioALSADevice \"null\"\nDefaultModule espeak-ng\n");
    text.push_str("AddModule \"espeak-ng\" \"sd_espeak-ng\" \"espeak-ng.conf\"\n");
    std::fs::write(&main, text).expect("writes");
    let socket = dir.join("speechd.sock");
    let child = Command::new("speech-dispatcher")
        .args(["-s", "-t", "0", "-c", "unix_socket", "-C"])
        .arg(&conf)
        .arg("-S")
        .arg(&socket)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("speech-dispatcher is installed");
    let t = Instant::now();
    while !socket.exists() {
        assert!(t.elapsed() < Duration::from_secs(10), "speech-dispatcher did not open its socket");
        std::thread::sleep(Duration::from_millis(50));
    }
    std::env::set_var("SPEECHD_ADDRESS", format!("unix_socket:{}", socket.display()));
    child
}

#[test]
fn speech_dispatcher_speaks_each_language_and_stops_when_told() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut daemon = headless_speech_dispatcher(dir.path());
    let mut speaker = SpeechDispatcher::connect().expect("connects to speech-dispatcher");
    let languages = speaker.languages();
    for l in ["ko", "en", "vi"] {
        assert!(languages.iter().any(|x| x.starts_with(l)), "a voice for {l}: {languages:?}");
    }
    let ended = Arc::new(AtomicUsize::new(0));
    let counter = ended.clone();
    speaker
        .on_utterance_end(move || {
            counter.fetch_add(1, Ordering::SeqCst);
        })
        .expect("callbacks");
    let segments = |texts: &[&str]| -> Vec<Segment> {
        texts.iter().map(|t| Segment { message: None, text: (*t).to_owned() }).collect()
    };
    for (language, texts) in [
        ("ko", ["어서 오세요", "화면을 누르거나 아무 키나 누르면 시작합니다."]),
        ("en", ["Welcome", "Press any key to start."]),
        ("vi", ["Xin chào", "Nhấn phím bất kỳ để bắt đầu."]),
    ] {
        let before = ended.load(Ordering::SeqCst);
        let voice = Voice { language: language.into(), rate: Rate::Fast, volume: 50 };
        speaker.say(&voice, &segments(&texts)).expect("speaks");
        let t = Instant::now();
        while ended.load(Ordering::SeqCst) < before + 2 {
            assert!(t.elapsed() < Duration::from_secs(20), "{language}: the two utterances never finished");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    // A long text, then stop: speech-dispatcher goes quiet at once.
    let long = vec![Segment { message: None, text: "가나다라마바사 ".repeat(40) }];
    speaker.say(&Voice::default_for("ko"), &long).expect("speaks");
    std::thread::sleep(Duration::from_millis(300));
    speaker.stop().expect("stops");
    let t = Instant::now();
    while speaker.is_speaking() {
        assert!(t.elapsed() < Duration::from_secs(3), "still speaking after stop");
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(speaker);
    let _ = daemon.kill();
    let _ = daemon.wait();
}

/// `sox FILE -n stat` → (length in seconds, RMS amplitude).
pub fn sox_stat(wav: &Path) -> (f64, f64) {
    let out = Command::new("sox").arg(wav).args(["-n", "stat"]).output().expect("sox is installed");
    let text = String::from_utf8_lossy(&out.stderr);
    let field = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split(':').nth(1))
            .and_then(|v| v.trim().parse::<f64>().ok())
            .unwrap_or_else(|| panic!("sox stat has no {name}:\n{text}"))
    };
    (field("Length (seconds)"), field("RMS     amplitude"))
}

#[test]
fn espeak_ng_renders_audible_speech_whose_length_follows_the_rate() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "신분증을 판독기 위에 올려 주세요";
    let mut lengths = Vec::new();
    for rate in [Rate::Slow, Rate::Normal, Rate::Fast] {
        let wav = dir.path().join(format!("{rate:?}.wav"));
        render_wav(&Voice { language: "ko".into(), rate, volume: 70 }, text, &wav).expect("renders");
        let (length, rms) = sox_stat(&wav);
        assert!(rms > 0.01, "{rate:?}: audible (RMS {rms})");
        assert!((0.8..10.0).contains(&length), "{rate:?}: a plausible length ({length} s)");
        lengths.push(length);
    }
    assert!(lengths[0] > lengths[1] && lengths[1] > lengths[2], "slow is longer than fast: {lengths:?}");
    // Silence is detected as such: the check can fail.
    let silent = dir.path().join("silent.wav");
    let made =
        Command::new("sox").args(["-n", "-r", "22050", "-c", "1"]).arg(&silent).args(["trim", "0", "1"]).status();
    assert!(made.expect("sox").success());
    assert!(sox_stat(&silent).1 < 0.001);
}
