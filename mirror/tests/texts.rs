//! The mirror's texts: every locale has exactly Korean's ids in `mirror.ftl` (so every topic is in
//! every language, not only through the fallback), ids are prefixed by the surface, and every
//! topic step has its clip.

use minwon_core::i18n::ids_in;
use minwon_core::Locale;
use minwon_mirror::Guide;
use std::collections::BTreeSet;

#[test]
fn every_locale_has_every_topic_and_every_step_its_clip() {
    let root = minwon_engine::assets::default_root();
    let ids = |l: Locale| -> BTreeSet<String> {
        let text = std::fs::read_to_string(root.join("locales").join(l.tag()).join("mirror.ftl")).expect("mirror.ftl");
        ids_in(&text).expect("valid FTL").into_iter().collect()
    };
    let ko = ids(Locale::Ko);
    assert!(ko.iter().all(|id| id.starts_with("mirror-")), "ids prefixed by their surface");
    for l in Locale::ALL {
        assert_eq!(ids(l), ko, "{}/mirror.ftl has exactly Korean's ids", l.tag());
    }
    let guide = Guide::load(&root, "ksl").expect("topics");
    assert!(guide.topics.len() >= 5);
    for t in &guide.topics {
        for id in t.message_ids() {
            for l in Locale::ALL {
                assert!(guide.has_own(l, &id), "{}: {id}", l.tag());
            }
        }
        for clip in t.clip_ids() {
            assert!(guide.clip(clip).is_some(), "{}: clip {clip} ships and matches its hash", t.id);
        }
    }
}
