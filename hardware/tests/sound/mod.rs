//! Sound for the speech tests: a private headless speech-dispatcher, ALSA's null device, sox.
#![allow(dead_code)]

use std::path::Path;
use std::process::Child;

/// A private speech-dispatcher on a unix socket in `dir`; `SPEECHD_ADDRESS` points this process at it.
pub fn headless_speech_dispatcher(dir: &Path) -> Child {
    minwon_hardware::speech::start_private_dispatcher(dir).expect("a private speech-dispatcher starts")
}

/// ALSA's `default` becomes the null device for this process (no sound card in CI).
pub fn null_alsa(dir: &Path) {
    minwon_hardware::audio::use_null_device(dir).expect("writes the ALSA configuration");
}

/// `sox FILE -n stat` → (length in seconds, RMS amplitude).
pub fn sox_stat(wav: &Path) -> (f64, f64) {
    minwon_hardware::speech::sox_stat(wav).expect("sox reads the file")
}
