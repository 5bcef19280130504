//! The clip player: a worker thread decodes the current sign clip (animated WebP, `image`) one frame
//! at a time and hands each frame to a sink (the UI's `SignAdapter`, through the event loop), paced
//! by the clip's own delays, twice as long in slow play, looping until told otherwise.
//!
//! Nothing is cached: each loop decodes the clip again from its bytes, so memory stays flat however
//! long a clip loops (the price is one frame's decode, timed by the benchmark).

use image::AnimationDecoder;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// One decoded frame.
#[derive(Debug, Clone)]
pub struct Frame {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
    /// How long decoding it took.
    pub decode: Duration,
    /// The clip's generation (a new `play` starts a new one): stale frames can be told apart.
    pub generation: u64,
}

/// How frames are paced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pacing {
    /// By the clip's delays (the mirror).
    Clip,
    /// As fast as frames decode (tests and benchmarks).
    Unpaced,
}

enum Command {
    Play(Arc<[u8]>),
    Slow(bool),
    Stop,
}

#[derive(Debug)]
pub struct ClipPlayer {
    commands: Sender<Command>,
}

impl ClipPlayer {
    /// Starts the worker; `sink` receives every frame (on the worker thread).
    pub fn spawn(pacing: Pacing, sink: impl Fn(Frame) + Send + 'static) -> ClipPlayer {
        let (commands, rx) = mpsc::channel();
        // If the thread cannot start, the mirror shows no clip; its texts still guide.
        let _ = std::thread::Builder::new().name("mirror-clips".into()).spawn(move || run(rx, pacing, sink));
        ClipPlayer { commands }
    }

    /// Plays `clip` from its first frame, in a loop.
    pub fn play(&self, clip: Arc<[u8]>) {
        let _ = self.commands.send(Command::Play(clip));
    }

    pub fn set_slow(&self, slow: bool) {
        let _ = self.commands.send(Command::Slow(slow));
    }

    pub fn stop(&self) {
        let _ = self.commands.send(Command::Stop);
    }
}

fn run(rx: Receiver<Command>, pacing: Pacing, sink: impl Fn(Frame)) {
    let mut clip: Option<Arc<[u8]>> = None;
    let mut slow = false;
    let mut generation = 0u64;
    'outer: loop {
        let Some(bytes) = clip.clone() else {
            match rx.recv() {
                Ok(Command::Play(c)) => {
                    clip = Some(c);
                    generation += 1;
                }
                Ok(Command::Slow(s)) => slow = s,
                Ok(Command::Stop) => {}
                Err(_) => return,
            }
            continue;
        };
        let Ok(decoder) = image::codecs::webp::WebPDecoder::new(std::io::Cursor::new(&bytes[..])) else {
            clip = None;
            continue;
        };
        let mut frames = decoder.into_frames();
        let mut shown = 0usize;
        loop {
            let started = Instant::now();
            let Some(Ok(frame)) = frames.next() else {
                if shown == 0 {
                    // Not one frame decodes: stop rather than spin.
                    clip = None;
                }
                continue 'outer;
            };
            shown += 1;
            let (num, den) = frame.delay().numer_denom_ms();
            let delay = Duration::from_millis(u64::from(num / den.max(1)).max(20));
            let buffer = frame.into_buffer();
            let (width, height) = buffer.dimensions();
            sink(Frame { width, height, rgba: buffer.into_raw(), decode: started.elapsed(), generation });
            let wait = match pacing {
                Pacing::Clip => (if slow { delay * 2 } else { delay }).saturating_sub(started.elapsed()),
                Pacing::Unpaced => Duration::ZERO,
            };
            let deadline = Instant::now() + wait;
            // Commands cut the wait short: a new clip starts at once.
            loop {
                let left = deadline.saturating_duration_since(Instant::now());
                match rx.recv_timeout(left) {
                    Ok(Command::Play(c)) => {
                        clip = Some(c);
                        generation += 1;
                        continue 'outer;
                    }
                    Ok(Command::Slow(s)) => slow = s,
                    Ok(Command::Stop) => {
                        clip = None;
                        continue 'outer;
                    }
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
        }
    }
}
