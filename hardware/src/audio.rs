//! Audio out: recorded prompts (WAV, Ogg Vorbis) and rendered speech, played through ALSA with `cpal`.
//!
//! One output stream stays open; [`AudioOut::play`] queues a clip, [`AudioOut::stop`] drops
//! whatever is queued, and the caller can wait for a clip to finish. The output callback notes
//! when the first sample of each clip reaches the device, which is how the latency benchmark
//! measures "first audio". Clips are converted to the device's rate and channels on the way in
//! (linear interpolation: speech does not need better).

use crate::error::HardwareError;
use cpal::traits::{DeviceTrait, HostTrait, StreamTrait};
use std::collections::VecDeque;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// Points this process's ALSA `default` at the null device, keeping the rest of the system
/// configuration (for tests and benchmarks without a sound card); call before opening audio.
pub fn use_null_device(dir: &Path) -> Result<(), HardwareError> {
    let conf = dir.join("alsa-null.conf");
    std::fs::write(&conf, "</usr/share/alsa/alsa.conf>\npcm.!default { type null }\nctl.!default { type hw card 0 }\n")
        .map_err(|_| audio_error("cannot write the ALSA configuration"))?;
    std::env::set_var("ALSA_CONFIG_PATH", conf);
    Ok(())
}

/// Whether headphones are plugged in, where a sound card senses its jack (ALSA's "Headphone Jack"
/// card control, as HDA codecs report it); `None` where nothing does (no card, no jack sensing).
pub fn headphones_plugged() -> Option<bool> {
    let mut plugged = None;
    for card in alsa::card::Iter::new().flatten() {
        let Ok(hctl) = alsa::hctl::HCtl::new(&format!("hw:{}", card.get_index()), false) else { continue };
        if hctl.load().is_err() {
            continue;
        }
        for elem in hctl.elem_iter() {
            let Ok(id) = elem.get_id() else { continue };
            let name = id.get_name().unwrap_or_default();
            if id.get_interface() == alsa::ctl::ElemIface::Card && name.contains("Headphone") && name.ends_with("Jack")
            {
                if let Some(on) = elem.read().ok().and_then(|v| v.get_boolean(0)) {
                    plugged = Some(plugged.unwrap_or(false) || on);
                }
            }
        }
    }
    plugged
}

/// Decoded audio: interleaved 16-bit samples.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pcm {
    pub rate: u32,
    pub channels: u16,
    pub samples: Vec<i16>,
}

impl Pcm {
    pub fn seconds(&self) -> f64 {
        self.samples.len() as f64 / f64::from(self.rate.max(1)) / f64::from(self.channels.max(1))
    }
}

fn audio_error(what: &str) -> HardwareError {
    HardwareError::Audio(what.to_owned())
}

/// A WAV file's samples (16-bit PCM, as espeak-ng writes and most recorders can). A stream whose
/// header does not know its length (espeak-ng's `--stdout`) is read to its end.
pub fn read_wav(bytes: &[u8]) -> Result<Pcm, HardwareError> {
    let reader = hound::WavReader::new(std::io::Cursor::new(bytes)).map_err(|_| audio_error("not a WAV file"))?;
    let spec = reader.spec();
    if spec.bits_per_sample != 16 || spec.sample_format != hound::SampleFormat::Int {
        return Err(audio_error("only 16-bit PCM WAV"));
    }
    let samples: Vec<i16> = reader.into_samples::<i16>().map_while(Result::ok).collect();
    Ok(Pcm { rate: spec.sample_rate, channels: spec.channels, samples })
}

/// An Ogg Vorbis file's samples.
pub fn read_ogg(bytes: &[u8]) -> Result<Pcm, HardwareError> {
    let mut ogg = lewton::inside_ogg::OggStreamReader::new(std::io::Cursor::new(bytes))
        .map_err(|_| audio_error("not an Ogg Vorbis file"))?;
    let (rate, channels) = (ogg.ident_hdr.audio_sample_rate, u16::from(ogg.ident_hdr.audio_channels));
    let mut samples = Vec::new();
    while let Ok(Some(packet)) = ogg.read_dec_packet_itl() {
        samples.extend(packet);
        if samples.len() > 48_000 * 2 * 120 {
            return Err(audio_error("a prompt longer than two minutes"));
        }
    }
    Ok(Pcm { rate, channels, samples })
}

/// A recorded prompt, by its extension.
pub fn read_audio_file(path: &Path) -> Result<Pcm, HardwareError> {
    let bytes = std::fs::read(path).map_err(|_| audio_error("cannot read the prompt"))?;
    match path.extension().and_then(|e| e.to_str()) {
        Some("ogg") => read_ogg(&bytes),
        _ => read_wav(&bytes),
    }
}

struct Clip {
    id: u64,
    /// f32 samples already at the device's rate and channels.
    samples: Vec<f32>,
    at: usize,
    gain: f32,
}

#[derive(Default)]
struct Shared {
    queue: VecDeque<Clip>,
    /// The clip whose first sample reached the device last, and when.
    started: Option<(u64, Instant)>,
    /// The last clip played to its end (or dropped).
    finished: u64,
}

/// An open audio output. The `cpal` stream lives on a thread of its own (it is not `Send`);
/// dropping this ends that thread and closes the device.
pub struct AudioOut {
    _close: std::sync::mpsc::Sender<()>,
    shared: Arc<(Mutex<Shared>, Condvar)>,
    next_id: AtomicU64,
    rate: u32,
    channels: u16,
}

impl std::fmt::Debug for AudioOut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AudioOut({} Hz, {} channels)", self.rate, self.channels)
    }
}

/// Opens ALSA's default output with a callback that plays the shared queue.
fn start_stream(feed: Arc<(Mutex<Shared>, Condvar)>) -> Result<(cpal::Stream, u32, u16), HardwareError> {
    let host = cpal::default_host();
    let device = host.default_output_device().ok_or_else(|| audio_error("no audio output"))?;
    let config = device.default_output_config().map_err(|_| audio_error("the output has no configuration"))?;
    let (rate, channels) = (config.sample_rate().0, config.channels());
    let callback = move |data: &mut [f32], _: &cpal::OutputCallbackInfo| {
        let (lock, wake) = &*feed;
        // The audio thread never waits: if the queue is being changed, this round is silence.
        let Ok(mut s) = lock.try_lock() else {
            data.iter_mut().for_each(|v| *v = 0.0);
            return;
        };
        let mut out = data.iter_mut();
        while let Some(clip) = s.queue.front_mut() {
            if clip.at == 0 {
                let id = clip.id;
                s.started = Some((id, Instant::now()));
            }
            let Some(clip) = s.queue.front_mut() else { break };
            for slot in out.by_ref() {
                match clip.samples.get(clip.at) {
                    Some(v) => {
                        *slot = v * clip.gain;
                        clip.at += 1;
                    }
                    None => {
                        *slot = 0.0;
                        break;
                    }
                }
            }
            if clip.at >= clip.samples.len() {
                let done = clip.id;
                s.queue.pop_front();
                s.finished = done;
                wake.notify_all();
            } else {
                break;
            }
        }
        for slot in out {
            *slot = 0.0;
        }
    };
    let stream = device
        .build_output_stream(&config.config(), callback, |_| {}, None)
        .map_err(|_| audio_error("cannot open the output stream"))?;
    stream.play().map_err(|_| audio_error("cannot start the output stream"))?;
    Ok((stream, rate, channels))
}

impl AudioOut {
    /// Opens the default output device (ALSA's `default`).
    pub fn open() -> Result<AudioOut, HardwareError> {
        // No sound card and no configuration pointing elsewhere: say so without asking ALSA,
        // which would print its own complaints on the kiosk's console.
        let cards = std::fs::read_to_string("/proc/asound/cards").unwrap_or_default();
        if (cards.is_empty() || cards.contains("no soundcards")) && std::env::var_os("ALSA_CONFIG_PATH").is_none() {
            return Err(audio_error("no sound card"));
        }
        let shared: Arc<(Mutex<Shared>, Condvar)> = Arc::default();
        let feed = shared.clone();
        let (opened, wait_open) = std::sync::mpsc::channel();
        let (close, closed) = std::sync::mpsc::channel::<()>();
        std::thread::Builder::new()
            .name("audio-out".into())
            .spawn(move || match start_stream(feed) {
                Ok((stream, rate, channels)) => {
                    let _ = opened.send(Ok((rate, channels)));
                    // Keep the stream until the AudioOut goes away.
                    let _ = closed.recv();
                    drop(stream);
                }
                Err(e) => {
                    let _ = opened.send(Err(e));
                }
            })
            .map_err(|_| audio_error("cannot start the audio thread"))?;
        let (rate, channels) =
            wait_open.recv_timeout(Duration::from_secs(5)).map_err(|_| audio_error("the output did not open"))??;
        Ok(AudioOut { _close: close, shared, next_id: AtomicU64::new(1), rate, channels })
    }

    /// Queues `pcm` at `volume` (0–100); returns its id.
    pub fn play(&self, pcm: &Pcm, volume: u8) -> u64 {
        let id = self.next_id.fetch_add(1, Ordering::SeqCst);
        let samples = convert(pcm, self.rate, self.channels);
        let gain = f32::from(volume.min(100)) / 100.0;
        let (lock, _) = &*self.shared;
        if let Ok(mut s) = lock.lock() {
            s.queue.push_back(Clip { id, samples, at: 0, gain });
        }
        id
    }

    /// Drops everything queued or playing.
    pub fn stop(&self) {
        let (lock, wake) = &*self.shared;
        if let Ok(mut s) = lock.lock() {
            if let Some(last) = s.queue.back().map(|c| c.id) {
                s.finished = s.finished.max(last);
            }
            s.queue.clear();
            wake.notify_all();
        }
    }

    /// Waits until clip `id` has played (or was dropped); false on timeout.
    pub fn wait_done(&self, id: u64, timeout: Duration) -> bool {
        let (lock, wake) = &*self.shared;
        let Ok(guard) = lock.lock() else { return false };
        let result = wake.wait_timeout_while(guard, timeout, |s| s.finished < id);
        result.map(|(_, t)| !t.timed_out()).unwrap_or(false)
    }

    /// When clip `id`'s first sample reached the device, if it has.
    pub fn started(&self, id: u64) -> Option<Instant> {
        let (lock, _) = &*self.shared;
        lock.lock().ok()?.started.filter(|(c, _)| *c == id).map(|(_, at)| at)
    }
}

/// Resamples (linear) and remaps channels (mono ↔ stereo) into the device's f32 format.
fn convert(pcm: &Pcm, rate: u32, channels: u16) -> Vec<f32> {
    let src_ch = usize::from(pcm.channels.max(1));
    let frames = pcm.samples.len() / src_ch;
    let mono: Vec<f32> = (0..frames)
        .map(|f| {
            let sum: i32 = pcm.samples[f * src_ch..f * src_ch + src_ch].iter().map(|s| i32::from(*s)).sum();
            sum as f32 / src_ch as f32 / 32768.0
        })
        .collect();
    let ratio = f64::from(pcm.rate.max(1)) / f64::from(rate.max(1));
    let out_frames = (frames as f64 / ratio) as usize;
    let mut out = Vec::with_capacity(out_frames * usize::from(channels));
    for i in 0..out_frames {
        let pos = i as f64 * ratio;
        let (k, frac) = (pos as usize, (pos - pos.floor()) as f32);
        let a = mono.get(k).copied().unwrap_or(0.0);
        let b = mono.get(k + 1).copied().unwrap_or(a);
        let v = a + (b - a) * frac;
        out.extend(std::iter::repeat_n(v, usize::from(channels)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversion_keeps_the_length_in_seconds_and_the_shape() {
        let pcm = Pcm { rate: 22_050, channels: 1, samples: (0..22_050).map(|i| ((i % 100) * 300) as i16).collect() };
        let out = convert(&pcm, 44_100, 2);
        assert_eq!(out.len(), 44_100 * 2, "one second, stereo");
        assert!(out.iter().all(|v| (-1.0..=1.0).contains(v)));
        assert_eq!(out[0], out[1], "both channels carry the voice");
        assert!(read_wav(b"RIFFjunk").is_err());
        assert!(read_ogg(b"OggSjunk").is_err());
    }

    #[test]
    fn without_jack_sensing_headphones_are_unknown_not_absent() {
        // On a machine with no sound card (CI) nothing reports a jack: None, so voice mode is not forced off.
        let cards = std::fs::read_to_string("/proc/asound/cards").unwrap_or_default();
        if cards.contains("no soundcards") || cards.is_empty() {
            assert_eq!(headphones_plugged(), None);
        }
    }
}
