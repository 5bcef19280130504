//! The coverage report on the shipped assets, and on a copy with a recorded prompt and a clip removed.

use minwon_engine::assets;
use minwon_engine::coverage::coverage;

#[test]
fn the_shipped_assets_report_their_gaps() {
    let c = coverage(&assets::default_root()).expect("assets load");
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    for (locale, total, missing) in &c.prompts {
        assert!(*total > 250, "{locale}: {total}");
        assert_eq!(missing.len(), *total, "{locale}: no recorded prompts are shipped");
    }
    let (language, total, missing, samples) = &c.clips[0];
    assert_eq!(language, "ksl");
    assert_eq!(*samples, 54, "every shipped clip is a sample");
    // The passport and lost-item journeys are covered; the other three forms are not yet.
    assert!(missing
        .iter()
        .all(|id| ["moving-in-report-", "library-card-", "resident-certificate-"].iter().any(|p| id.starts_with(p))
            || id == "screen-step"));
    // 30 of the kiosk's 50 moments, and all 21 of the mirror's topics and steps.
    assert_eq!(total - missing.len(), 52);
    let report = c.report();
    assert!(report.contains("ksl: 52 of 72 moments have a clip (54 of them samples); missing 20:"), "{report}");
    assert!(report.contains("\n  library-card-notices\n"));
    assert!(report.contains("ko: 0 of "));
}

#[test]
fn a_recorded_prompt_counts_and_a_damaged_clip_is_named() {
    let root = assets::default_root();
    let dir = tempfile::tempdir().expect("temp dir");
    let copy = |from: &str| {
        let status =
            std::process::Command::new("cp").arg("-r").arg(root.join(from)).arg(dir.path().join(from)).status();
        assert!(status.expect("cp").success());
    };
    std::fs::create_dir_all(dir.path().join("assets")).expect("mkdir");
    copy("locales");
    copy("assets/forms");
    copy("assets/sign");
    let voice = dir.path().join("assets/voice/ko");
    std::fs::create_dir_all(&voice).expect("mkdir");
    std::fs::write(voice.join("guide-welcome.wav"), b"RIFF").expect("write");
    std::fs::write(dir.path().join("assets/sign/ksl/screen-receipt.webp"), b"not the clip").expect("write");
    let c = coverage(dir.path()).expect("loads");
    let ko = c.prompts.iter().find(|p| p.0 == "ko").expect("ko");
    assert_eq!(ko.1 - ko.2.len(), 1, "one recorded prompt");
    assert!(!ko.2.contains(&"guide-welcome".to_string()));
    assert_eq!(c.problems, ["ksl/screen-receipt: checksum mismatch"]);
    assert!(c.clips[0].2.contains(&"screen-receipt".to_string()));
    assert!(c.report().contains("# Clips left out\n  ksl/screen-receipt: checksum mismatch"));
}
