//! Speech through the real speech-dispatcher (espeak-ng behind it), started headless for the test,
//! and espeak-ng rendering checked with sox.
//!
//! speech-dispatcher gets a copy of the system configuration that plays into ALSA's null device:
//! without a sound card it would otherwise never finish an utterance.

mod sound;

use minwon_hardware::speech::{render_wav, Rate, Segment, Speaker, SpeechDispatcher, Voice};
use sound::{headless_speech_dispatcher, sox_stat};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

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
    let segments = |texts: &[&str]| -> Vec<Segment> { texts.iter().map(|t| Segment::live(*t)).collect() };
    for (language, texts) in [
        ("ko", ["어서 오세요", "화면을 누르거나 아무 키나 누르면 시작합니다."]),
        ("en", ["Welcome", "Press any key to start."]),
        ("vi", ["Xin chào", "Nhấn phím bất kỳ để bắt đầu."]),
    ] {
        let before = ended.load(Ordering::SeqCst);
        let voice = Voice { rate: Rate::Fast, volume: 50, ..Voice::default_for(language) };
        speaker.say(&voice, &segments(&texts)).expect("speaks");
        let t = Instant::now();
        while ended.load(Ordering::SeqCst) < before + 2 {
            assert!(t.elapsed() < Duration::from_secs(20), "{language}: the two utterances never finished");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    // A long text, then stop: speech-dispatcher goes quiet at once.
    let long = vec![Segment::live("가나다라마바사 ".repeat(40))];
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

#[test]
fn espeak_ng_renders_audible_speech_whose_length_follows_the_rate() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "신분증을 판독기 위에 올려 주세요";
    let mut lengths = Vec::new();
    for rate in [Rate::Slow, Rate::Normal, Rate::Fast] {
        let wav = dir.path().join(format!("{rate:?}.wav"));
        render_wav(&Voice { rate, ..Voice::default_for("ko") }, text, &wav).expect("renders");
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
