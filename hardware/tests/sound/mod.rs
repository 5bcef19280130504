//! Sound for the speech tests: a private headless speech-dispatcher, ALSA's null device, sox.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A private speech-dispatcher on a unix socket in `dir`; `SPEECHD_ADDRESS` points this process at it.
pub fn headless_speech_dispatcher(dir: &Path) -> Child {
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

/// Points this process's ALSA `default` at the null device (no sound card in CI), keeping the rest of
/// the system configuration; call before anything opens audio.
pub fn null_alsa(dir: &Path) {
    let conf = dir.join("alsa-null.conf");
    std::fs::write(&conf, "</usr/share/alsa/alsa.conf>\npcm.!default { type null }\nctl.!default { type hw card 0 }\n")
        .expect("writes");
    std::env::set_var("ALSA_CONFIG_PATH", conf);
}
