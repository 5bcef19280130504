//! Form bundles on the kiosk: an admin fixes a typo, signs the bundle, the kiosk takes it only
//! when the visitor on it has left, keeps it across a restart, and refuses every broken bundle
//! with its reason while it goes on with what it has: another group's bundle replayed, a forged
//! offer of version 2^64−1 (which must not stop later updates), a bundle that expires in use.

use ed25519_dalek::{Signer, SigningKey};
use minwon_core::Timestamp;
use minwon_engine::{assets, Action, Kiosk, KioskConfig, ManualClock};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::Arc;

const T0: u64 = 1_795_741_200_000;
const DAY: u64 = 86_400_000;

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Every file of the installed assets, with one form text changed.
fn asset_files(root: &Path, edit: impl Fn(&str, String) -> String) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for dir in [
        "assets/forms",
        "locales/ko",
        "locales/ko-easy",
        "locales/en",
        "locales/zh-CN",
        "locales/vi",
        "assets/sign/ksl",
    ] {
        for e in std::fs::read_dir(root.join(dir)).expect("reads").flatten() {
            let path = format!("{dir}/{}", e.file_name().to_string_lossy());
            let bytes = std::fs::read(e.path()).expect("reads");
            let bytes = match String::from_utf8(bytes) {
                Ok(text) => edit(&path, text).into_bytes(),
                Err(e) => e.into_bytes(),
            };
            files.push((path, bytes));
        }
    }
    files
}

/// The pin of the kiosk's hub, as its enrolment names it.
const HUB: &str = "5e1f";

fn manifest(version: u64, created: u64, expires: u64, files: &[(String, Vec<u8>)]) -> String {
    manifest_for("jongno", version, created, expires, files)
}

fn manifest_for(group: &str, version: u64, created: u64, expires: u64, files: &[(String, Vec<u8>)]) -> String {
    let mut m = format!(
        "version = {version}\ncreated = {created}\nexpires = {expires}\nhub = \"{HUB}\"\ngroup = \"{group}\"\n"
    );
    for (p, b) in files {
        m.push_str(&format!(
            "\n[[file]]\npath = \"{p}\"\nsize = {}\nsha256 = \"{}\"\n",
            b.len(),
            hex(&Sha256::digest(b))
        ));
    }
    m
}

fn act(k: &Kiosk, action: Value) -> Value {
    let action: Action = serde_json::from_value(action).expect("an action");
    serde_json::to_value(k.act(action).expect("accepted")).expect("json")
}

#[test]
fn a_signed_typo_fix_reaches_the_next_visitor_and_broken_bundles_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let admin = SigningKey::from_bytes(&[42; 32]);
    let stranger = SigningKey::from_bytes(&[43; 32]);
    let clock = Arc::new(ManualClock::new(Timestamp(T0)));
    let open = || {
        let mut config = KioskConfig::new(dir.path().to_path_buf());
        config.admin_keys = vec![hex(&admin.verifying_key().to_bytes())];
        config.hub_cert = Some(HUB.into());
        config.group = "jongno".into();
        Kiosk::open(config, clock.clone()).expect("opens")
    };
    let k = open();
    let root = assets::default_root();
    let fixed = asset_files(&root, |path, text| {
        if path == "locales/ko/forms.ftl" {
            text.replace("무엇을 잃어버리셨나요?", "무엇을 잃어버리셨어요?")
        } else {
            text
        }
    });
    let m = manifest(1, T0 - DAY, T0 + 30 * DAY, &fixed);
    let sig = hex(&admin.sign(m.as_bytes()).to_bytes());

    // A visitor is on the lost-item form: the fix waits.
    act(&k, json!({"type": "language", "locale": "ko"}));
    let v = act(&k, json!({"type": "service", "id": "lost-item-report"}));
    assert_eq!(v["title"], "무엇을 잃어버리셨나요?");
    assert_eq!(k.offer_bundle(m.as_bytes(), &sig, &fixed), Ok(1));
    assert_eq!(k.bundle_versions(), (None, Some(1)), "stored, not applied mid-visit");
    let v = act(&k, json!({"type": "next", "answers": {"item": "wallet"}}));
    assert_eq!(v["screen"], "step");
    // The visitor leaves; the next one sees the fix.
    act(&k, json!({"type": "cancel"}));
    act(&k, json!({"type": "confirm_cancel"}));
    assert_eq!(k.bundle_versions(), (Some(1), None));
    act(&k, json!({"type": "language", "locale": "ko"}));
    let v = act(&k, json!({"type": "service", "id": "lost-item-report"}));
    assert_eq!(v["title"], "무엇을 잃어버리셨어요?");
    act(&k, json!({"type": "cancel"}));
    act(&k, json!({"type": "confirm_cancel"}));

    // Broken offers, each refused with its reason; the kiosk keeps bundle 1.
    let refused = |manifest: &str, sig: &str, files: &[(String, Vec<u8>)]| {
        k.offer_bundle(manifest.as_bytes(), sig, files).map_err(|e| e.code)
    };
    let m2 = manifest(2, T0, T0 + DAY, &fixed);
    assert_eq!(refused(&m2, &hex(&stranger.sign(m2.as_bytes()).to_bytes()), &fixed), Err("bundle.signature".into()));
    assert_eq!(refused(&m, &sig, &fixed), Err("bundle.not-newer".into()), "the same version again");
    let old = manifest(3, T0 - 60 * DAY, T0 - DAY, &fixed);
    assert_eq!(refused(&old, &hex(&admin.sign(old.as_bytes()).to_bytes()), &fixed), Err("bundle.expired".into()));
    let mut tampered = fixed.clone();
    let forms = tampered.iter_mut().find(|(p, _)| p == "locales/ko/forms.ftl").expect("listed");
    forms.1[10] ^= 1;
    let m4 = manifest(4, T0, T0 + DAY, &fixed);
    assert_eq!(
        refused(&m4, &hex(&admin.sign(m4.as_bytes()).to_bytes()), &tampered),
        Err("bundle.file-mismatch".into())
    );
    assert_eq!(k.bundle_versions(), (Some(1), None));
    assert!(k.effect_log().iter().any(|e| e == "bundle-refused:bundle.signature"));

    // Validly signed for another group: a replay, refused.
    let mapo = manifest_for("mapo", 4, T0, T0 + DAY, &fixed);
    assert_eq!(refused(&mapo, &hex(&admin.sign(mapo.as_bytes()).to_bytes()), &fixed), Err("bundle.other-group".into()));
    // A forged offer claiming the highest version, unsigned: refused, and it stops nothing.
    let forged = manifest(u64::MAX, T0, T0 + DAY, &fixed);
    assert_eq!(refused(&forged, &"00".repeat(64), &fixed), Err("bundle.signature".into()));
    assert_eq!(k.status().bundle_refused.as_deref(), Some("bundle.signature"), "reported");

    // A signed bundle whose forms do not parse is stored but never applied: the kiosk keeps 1.
    let broken =
        asset_files(&root, |path, text| if path.ends_with("20-lost-item-report.toml") { "id = ".into() } else { text });
    let m5 = manifest(5, T0, T0 + DAY, &broken);
    assert_eq!(k.offer_bundle(m5.as_bytes(), &hex(&admin.sign(m5.as_bytes()).to_bytes()), &broken), Ok(5));
    assert_eq!(k.bundle_versions(), (Some(1), None));
    assert!(k.effect_log().iter().any(|e| e.starts_with("bundle-broken:5:")));

    // After a restart the kiosk comes back with bundle 1.
    drop(k);
    let k = open();
    assert_eq!(k.bundle_versions().0, Some(1));
    act(&k, json!({"type": "language", "locale": "ko"}));
    let v = act(&k, json!({"type": "service", "id": "lost-item-report"}));
    assert_eq!(v["title"], "무엇을 잃어버리셨어요?");
    act(&k, json!({"type": "cancel"}));
    act(&k, json!({"type": "confirm_cancel"}));

    // Bundle 1 expires while the kiosk runs: it goes back to its installed forms and says why.
    clock.advance(std::time::Duration::from_millis(31 * DAY));
    k.tick();
    assert_eq!(k.bundle_versions().0, None, "the expired bundle is no longer in use");
    assert_eq!(k.status().bundle_refused.as_deref(), Some("bundle.expired"));
    act(&k, json!({"type": "language", "locale": "ko"}));
    let v = act(&k, json!({"type": "service", "id": "lost-item-report"}));
    assert_eq!(v["title"], "무엇을 잃어버리셨나요?", "the installed text again");
    act(&k, json!({"type": "cancel"}));
    act(&k, json!({"type": "confirm_cancel"}));
    drop(k);
    assert_eq!(open().bundle_versions().0, None, "nor after a restart");

    // Updates go on after the forged offer: a newer signed bundle is taken.
    let k = open();
    let now = T0 + 31 * DAY;
    let m6 = manifest(6, now, now + DAY, &fixed);
    assert_eq!(k.offer_bundle(m6.as_bytes(), &hex(&admin.sign(m6.as_bytes()).to_bytes()), &fixed), Ok(6));
    assert_eq!(k.bundle_versions(), (Some(6), None));
}
