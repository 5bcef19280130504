//! Every message in every locale, rendered to speech with espeak-ng and checked with sox: audible,
//! and about as long as the text. (What the kiosk says live comes from the same messages.)

use minwon_core::i18n::Arg;
use minwon_engine::assets;
use minwon_hardware::speech::{render_wav, Voice};
use std::path::Path;

fn sox_stat(wav: &Path) -> (f64, f64) {
    minwon_hardware::speech::sox_stat(wav).expect("sox reads the file")
}

#[test]
fn every_message_in_every_locale_renders_to_audible_speech() {
    let root = assets::default_root();
    let tree = assets::read_tree(&root).expect("the tree loads");
    let l10n = tree.localizer(&assets::KIOSK_SURFACES);
    let dir = tempfile::tempdir().expect("temp dir");
    let sample = [
        ("seconds", Arg::Num(30)),
        ("count", Arg::Num(2)),
        ("number", Arg::Num(3)),
        ("limit", Arg::Num(5)),
        ("level", Arg::Num(70)),
        ("year", Arg::Num(1948)),
        ("month", Arg::Num(3)),
        ("day", Arg::Num(15)),
        ("value", Arg::Str("S 1 2 3".into())),
    ];
    let mut jobs = Vec::new();
    for locale in minwon_core::Locale::ALL {
        for id in tree.message_ids(locale, &assets::KIOSK_SURFACES) {
            let worded = l10n.try_format(locale, &id, &sample).unwrap_or_else(|| panic!("{}: {id}", locale.tag()));
            jobs.push((locale, id, worded));
        }
    }
    assert!(jobs.len() > 1000, "all four locales: {} messages", jobs.len());
    let failures = std::sync::Mutex::new(Vec::new());
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for worker in 0..4 {
            let (jobs, failures, next, dir) = (&jobs, &failures, &next, dir.path());
            scope.spawn(move || loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let Some((locale, id, text)) = jobs.get(i) else { break };
                let wav = dir.join(format!("{worker}.wav"));
                let voice = Voice::default_for(locale.tag());
                if let Err(e) = render_wav(&voice, text, &wav) {
                    failures.lock().expect("lock").push(format!("{}/{id}: {e}", locale.tag()));
                    continue;
                }
                let (length, rms) = sox_stat(&wav);
                // espeak-ng says about 10 to 20 characters a second; allow a wide margin either way.
                let chars = text.chars().filter(|c| !c.is_whitespace()).count() as f64;
                let plausible = length >= 0.25 && length <= 3.0 + chars * 0.6;
                if rms < 0.005 || !plausible {
                    failures.lock().expect("lock").push(format!(
                        "{}/{id}: {length:.2} s, RMS {rms:.4} for {} characters",
                        locale.tag(),
                        chars
                    ));
                }
            });
        }
    });
    let failures = failures.into_inner().expect("lock");
    assert!(failures.is_empty(), "{} of {} messages:\n{}", failures.len(), jobs.len(), failures.join("\n"));
}
