//! Benchmarks of the mirror on this machine, printed as a table: start to the first frame on
//! screen (topics loaded, window made, clip frame decoded, drawn by the software renderer at
//! 1080×1920), resident memory while clips loop, and the decode time of one clip frame.
//! `cargo run --release -p minwon-mirror --bin minwon-mirror-bench`

use minwon_mirror::player::{ClipPlayer, Pacing};
use minwon_mirror::{headless, Guide, Mirror, MirrorWindow, SignAdapter};
use slint::ComponentHandle;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn resident_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| l.strip_prefix("VmRSS:")?.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

fn percentile(v: &mut [Duration], p: f64) -> Duration {
    v.sort();
    v[((v.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let started = Instant::now();
    let root = minwon_engine::assets::default_root();
    let surface = headless::install(1080, 1920).expect("headless platform");
    let guide = Guide::load(&root, "ksl").expect("topics");
    let loaded = started.elapsed();
    let window = MirrorWindow::new().expect("window");
    window.show().expect("shown");
    let clip = guide.clip(&guide.topics[0].sign).expect("a clip").bytes.clone();
    let _mirror = Mirror::setup(&window, guide, None, Arc::new(Mutex::new(None)));
    // The first frame, as the player decodes it, then drawn.
    let (tx, rx) = std::sync::mpsc::channel();
    let first = ClipPlayer::spawn(Pacing::Unpaced, move |f| {
        let _ = tx.send(f);
    });
    first.play(clip);
    let frame = rx.recv().expect("a frame");
    first.stop();
    window.global::<SignAdapter>().set_frame(slint::Image::from_rgba8(slint::SharedPixelBuffer::clone_from_slice(
        &frame.rgba,
        frame.width,
        frame.height,
    )));
    let _picture = headless::draw(&surface);
    let first_frame = started.elapsed();

    // Every topic clip, looped: decode time per frame, and memory.
    let guide = Guide::load(&root, "ksl").expect("topics");
    let clips = guide.topic_clips();
    let times = Arc::new(Mutex::new(Vec::new()));
    let count = Arc::new(AtomicUsize::new(0));
    let (t, c) = (times.clone(), count.clone());
    let player = ClipPlayer::spawn(Pacing::Unpaced, move |f| {
        if let Ok(mut t) = t.lock() {
            t.push(f.decode);
        }
        c.fetch_add(1, Ordering::Relaxed);
    });
    let mut rss = Vec::new();
    let mut want = 0;
    for round in 0..20 {
        for clip in &clips {
            player.play(clip.clone());
            want += 20;
            while count.load(Ordering::Relaxed) < want {
                std::thread::sleep(Duration::from_micros(200));
            }
        }
        if round % 5 == 4 {
            rss.push(resident_kib());
        }
    }
    let mut decode = times.lock().map(|t| t.clone()).unwrap_or_default();
    let frames = decode.len();
    println!("| what | figure |\n|---|---|");
    println!(
        "| start → topics loaded ({} topics, {} clips checked) | {:.0} ms |",
        guide.topics.len(),
        clips.len(),
        loaded.as_secs_f64() * 1e3
    );
    println!(
        "| start → first frame on screen (window, clip frame decoded, 1080×1920 software render) | {:.0} ms |",
        first_frame.as_secs_f64() * 1e3
    );
    println!(
        "| decode of one clip frame (240×320 animated WebP; {frames} frames) | median {:.2} ms, p90 {:.2} ms |",
        percentile(&mut decode, 0.5).as_secs_f64() * 1e3,
        percentile(&mut decode, 0.9).as_secs_f64() * 1e3
    );
    println!(
        "| resident memory while clips loop (every 5 rounds of all clips) | {} |",
        rss.iter().map(|k| format!("{:.1} MiB", *k as f64 / 1024.0)).collect::<Vec<_>>().join(", ")
    );
}
