//! Clips loop without memory growing: the player decodes every topic clip again and again (as fast
//! as it can, thousands of frames), and the process's resident memory after the loops is within a
//! few MiB of what it was after the first ones.

use minwon_mirror::player::{ClipPlayer, Pacing};
use minwon_mirror::Guide;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn resident_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("Linux /proc");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS")
}

fn wait_for(frames: &AtomicUsize, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while frames.load(Ordering::Relaxed) < n {
        assert!(Instant::now() < deadline, "the player stalled at {} frames", frames.load(Ordering::Relaxed));
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn looping_clips_keeps_memory_flat() {
    let guide = Guide::load(&minwon_engine::assets::default_root(), "ksl").expect("topics");
    let clips = guide.topic_clips();
    assert!(clips.len() >= 15, "the topics' clips ship ({})", clips.len());
    let frames = Arc::new(AtomicUsize::new(0));
    let keep = Arc::new(std::sync::Mutex::new(None));
    let (f, k) = (frames.clone(), keep.clone());
    // The sink keeps the latest frame, as the window does.
    let player = ClipPlayer::spawn(Pacing::Unpaced, move |frame| {
        if let Ok(mut k) = k.lock() {
            *k = Some(frame);
        }
        f.fetch_add(1, Ordering::Relaxed);
    });
    let mut played = 0;
    let mut run = |n: usize| {
        for clip in clips.iter().cycle().take(n) {
            player.play(clip.clone());
            played += 30;
            wait_for(&frames, played);
        }
    };
    run(clips.len());
    let warm = resident_kib();
    run(clips.len() * 6);
    let after = resident_kib();
    let total = frames.load(Ordering::Relaxed);
    eprintln!("memory: {warm} KiB after the first loop, {after} KiB after {total} frames");
    assert!(total >= clips.len() * 7 * 30, "{total} frames decoded");
    assert!(after <= warm + 4 * 1024, "resident memory grew from {warm} KiB to {after} KiB");
}
