//! minwon-speech-bench: from "say this step" to the first audio sample, by source; prints a table.
//!
//! A recorded prompt, a cached rendering, a cold rendering (espeak-ng, then played) and live speech
//! (speech-dispatcher: until its utterance begins). Without a sound card (CI), ALSA's null device
//! and a private speech-dispatcher stand in: `minwon-speech-bench [RUNS] [--null-audio]`.

use minwon_hardware::speech::{render_wav, start_private_dispatcher, Segment, Speaker, Voice};
use minwon_hardware::voice::{cache_path, KioskVoice, Source};
use std::time::{Duration, Instant};

/// How long the caller (the engine, holding the session) waited in `say`, per call.
static SAY_WAITS: std::sync::Mutex<Vec<Duration>> = std::sync::Mutex::new(Vec::new());

fn first_audio(voice: &mut KioskVoice, v: &Voice, segment: &Segment) -> Option<(Duration, Source)> {
    let asked = Instant::now();
    voice.say(v, std::slice::from_ref(segment)).ok()?;
    if let Ok(mut w) = SAY_WAITS.lock() {
        w.push(asked.elapsed());
    }
    let t = Instant::now();
    while t.elapsed() < Duration::from_secs(10) {
        if let Some(f) = voice.first_audio() {
            return Some((f.started.saturating_duration_since(f.asked), f.source));
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    None
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(10);
    let null_audio = args.iter().any(|a| a == "--null-audio")
        || std::fs::read_to_string("/proc/asound/cards").map(|c| c.contains("no soundcards")).unwrap_or(true);
    let dir = std::env::temp_dir().join(format!("minwon-speech-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    if null_audio {
        minwon_hardware::audio::use_null_device(&dir).expect("ALSA configuration");
    }
    let mut daemon = start_private_dispatcher(&dir).ok();
    let (prompts, cache) = (dir.join("voice"), dir.join("cache"));
    let ko = Voice::default_for("ko");
    std::fs::create_dir_all(prompts.join("ko")).expect("prompt folder");
    render_wav(&ko, "어서 오세요. 녹음된 안내입니다.", &prompts.join("ko/guide-welcome.wav")).expect("a prompt");
    let mut voice = KioskVoice::open(&prompts, &cache);
    let fixed = |id: &str, text: &str| Segment { message: Some(id.into()), text: text.into(), fixed: true };
    let recorded = fixed("guide-welcome", "어서 오세요");
    let title = fixed("kiosk-service-title", "어떤 일을 도와드릴까요?");
    let live = Segment::live("지금 입력된 값은 홍길순입니다.");
    let mut rows: Vec<(&str, Vec<Duration>)> = vec![
        ("recorded prompt", vec![]),
        ("cached rendering", vec![]),
        ("cold rendering (espeak-ng)", vec![]),
        ("live (speech-dispatcher)", vec![]),
    ];
    for i in 0..runs {
        if let Some((d, _)) = first_audio(&mut voice, &ko, &recorded) {
            rows[0].1.push(d);
        }
        let _ = first_audio(&mut voice, &ko, &title); // makes sure it is cached
        if let Some((d, Source::Cached(_))) = first_audio(&mut voice, &ko, &title) {
            rows[1].1.push(d);
        }
        let cold = fixed("guide-step", &format!("모두 12단계 중 {}단계입니다.", i + 1));
        let _ = std::fs::remove_file(cache_path(&cache, &ko, &cold.text));
        if let Some((d, _)) = first_audio(&mut voice, &ko, &cold) {
            rows[2].1.push(d);
        }
        if let Some((d, Source::Live)) = first_audio(&mut voice, &ko, &live) {
            rows[3].1.push(d);
        }
    }
    println!("| source | first audio sample after the step changed (median of {runs}) | worst |");
    println!("|---|---|---|");
    for (name, times) in rows {
        if times.is_empty() {
            println!("| {name} | not available on this machine | |");
            continue;
        }
        let worst = times.iter().max().copied().unwrap_or_default();
        println!(
            "| {name} | {:.1} ms | {:.1} ms |",
            median(times).as_secs_f64() * 1000.0,
            worst.as_secs_f64() * 1000.0
        );
    }
    let waits = SAY_WAITS.lock().map(|w| w.clone()).unwrap_or_default();
    if !waits.is_empty() {
        let worst = waits.iter().max().copied().unwrap_or_default();
        println!(
            "| (the engine's wait in `say`, interrupting) | {:.3} ms | {:.3} ms |",
            median(waits).as_secs_f64() * 1000.0,
            worst.as_secs_f64() * 1000.0
        );
    }
    println!(
        "\naudio: {}; the target is 300 ms for the first audio of a step",
        if null_audio { "ALSA null device (no sound card)" } else { "ALSA default device" }
    );
    let _ = voice.stop();
    drop(voice);
    if let Some(d) = daemon.as_mut() {
        let _ = d.kill();
        let _ = d.wait();
    }
    let _ = std::fs::remove_dir_all(&dir);
}
