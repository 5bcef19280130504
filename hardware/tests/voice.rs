//! The kiosk's voice with real parts: ALSA (its null device, no sound card in CI) through cpal, a
//! private speech-dispatcher, espeak-ng. A recorded prompt stands in for synthesis, fixed texts are
//! cached, typed values are spoken live and never reach disk, and a new script interrupts the old.

mod sound;

use minwon_hardware::speech::{render_wav, Segment, Speaker, Voice};
use minwon_hardware::voice::{cache_path, KioskVoice, Source};
use std::time::{Duration, Instant};

fn fixed(id: &str, text: &str) -> Segment {
    Segment { message: Some(id.into()), text: text.into(), fixed: true }
}

fn wait_first_audio(voice: &KioskVoice) -> minwon_hardware::voice::FirstAudio {
    let t = Instant::now();
    loop {
        if let Some(f) = voice.first_audio() {
            return f;
        }
        assert!(t.elapsed() < Duration::from_secs(15), "no audio started");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn prompts_cache_and_live_speech_in_one_voice() {
    let dir = tempfile::tempdir().expect("temp dir");
    sound::null_alsa(dir.path());
    let mut daemon = sound::headless_speech_dispatcher(dir.path());
    let (prompts, cache) = (dir.path().join("voice"), dir.path().join("cache"));
    // An admin's recording of the welcome (here: espeak-ng standing in for a person).
    std::fs::create_dir_all(prompts.join("ko")).expect("mkdir");
    let ko = Voice::default_for("ko");
    render_wav(&ko, "어서 오세요. 녹음된 안내입니다.", &prompts.join("ko/guide-welcome.wav")).expect("records");

    let mut voice = KioskVoice::open(&prompts, &cache);
    assert!(voice.audible(), "ALSA's null device and speech-dispatcher are there");

    // A recorded prompt plays instead of synthesis.
    let welcome = fixed("guide-welcome", "화면을 누르거나 키패드의 아무 키나 누르면 시작합니다.");
    assert!(matches!(voice.source(&ko, &welcome), Source::Recorded(_)));
    voice.say(&ko, std::slice::from_ref(&welcome)).expect("says");
    assert!(matches!(wait_first_audio(&voice).source, Source::Recorded(_)));

    // A fixed text without a recording is rendered once, then played from the cache.
    let title = fixed("kiosk-service-title", "어떤 일을 도와드릴까요?");
    let cached = cache_path(&cache, &ko, &title.text);
    assert!(!cached.exists());
    voice.say(&ko, std::slice::from_ref(&title)).expect("says");
    assert_eq!(wait_first_audio(&voice).source, Source::Cached(cached.clone()));
    assert!(cached.exists(), "rendered into the cache");
    // Easy Korean has its own prompts folder but shares the Korean renderings.
    let easy = Voice { locale: "ko-easy".into(), ..ko.clone() };
    assert_eq!(voice.source(&easy, &title), Source::Cached(cached.clone()));
    assert!(matches!(voice.source(&easy, &welcome), Source::Cached(_)), "ko's recording is not easy Korean's");

    // What the visitor typed is spoken live (speech-dispatcher) and never written anywhere.
    let typed = Segment::live("지금 입력된 값은 홍길순입니다.");
    voice.say(&ko, std::slice::from_ref(&typed)).expect("says");
    let first = wait_first_audio(&voice);
    assert_eq!(first.source, Source::Live);
    let files: Vec<_> = walk(&cache);
    assert_eq!(files.len(), 1, "only the fixed title is cached: {files:?}");
    assert!(!cache_path(&cache, &ko, &typed.text).exists());

    // Warming renders a language's fixed texts ahead of the visitor.
    let texts: Vec<String> = ["다음", "이전", "처음으로"].map(String::from).into();
    voice.warm_cache(&ko, texts.clone());
    let t = Instant::now();
    while !texts.iter().all(|x| cache_path(&cache, &ko, x).exists()) {
        assert!(t.elapsed() < Duration::from_secs(10), "warming did not finish");
        std::thread::sleep(Duration::from_millis(20));
    }

    // A new script interrupts: of a long first script, only the start is heard.
    let long: Vec<Segment> =
        (0..6).map(|i| fixed("guide-help-keys", &format!("긴 안내 {i}번째 문장입니다. ").repeat(4))).collect();
    voice.say(&ko, &long).expect("says");
    wait_first_audio(&voice);
    voice.say(&ko, std::slice::from_ref(&title)).expect("says");
    assert_eq!(wait_first_audio(&voice).source, Source::Cached(cached), "the new script starts at once");
    voice.stop().expect("stops");
    drop(voice);
    let _ = daemon.kill();
    let _ = daemon.wait();
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
