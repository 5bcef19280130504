//! The admin pages' texts: English has exactly Korean's ids, and every code the hub can show (its
//! errors, an upload's problems, the fleet's flags, the audit log's actions) has a message, found
//! by reading the hub's own sources for the codes they emit.

use minwon_core::i18n::ids_in;
use std::collections::BTreeSet;
use std::path::Path;

fn ids(lang: &str) -> BTreeSet<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../locales").join(lang).join("hub.ftl");
    let text = std::fs::read_to_string(&path).expect("hub.ftl");
    let ids: BTreeSet<String> = ids_in(&text).expect("valid FTL").into_iter().collect();
    for id in &ids {
        assert!(id.starts_with("hub-"), "{id}: prefixed by its surface");
    }
    ids
}

/// String literals in `source` that look like `<prefix>.<name>` codes.
fn codes(source: &str, prefixes: &[&str]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for piece in source.split('"').skip(1).step_by(2) {
        if let Some((head, tail)) = piece.split_once('.') {
            let plain = !tail.is_empty() && tail.bytes().all(|b| b.is_ascii_lowercase() || b == b'-');
            if prefixes.contains(&head) && plain {
                out.insert(piece.to_owned());
            }
        }
    }
    out
}

#[test]
fn english_matches_korean_and_every_code_has_a_message() {
    let ko = ids("ko");
    assert_eq!(ids("en"), ko, "en/hub.ftl and ko/hub.ftl define the same ids");
    let src =
        |f: &str| std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(f)).expect("source");
    let mut needed = Vec::new();
    for code in codes(&src("error.rs"), &["hub"]) {
        needed.push(format!("hub-error-{}", code.replace('.', "-")));
    }
    let problems = ["xlsform", "form", "text", "clip", "media", "tree", "upload", "topic"];
    let problems = [&problems[..], &["address"]].concat();
    for file in [
        "xlsform.rs",
        "xlsform/import.rs",
        "topicsheet.rs",
        "publish.rs",
        "workbook.rs",
        "http/forms.rs",
        "addresses.rs",
    ] {
        for code in codes(&src(file), &problems) {
            needed.push(format!("hub-problem-{}", code.replace('.', "-")));
        }
    }
    // The problems of core's check of a tree reach the admin as they are.
    let core = |f: &str| {
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/src").join(f)).expect("source")
    };
    let tree_codes = ["tree", "clip", "text", "form", "messages", "sign", "topic", "locale", "address"];
    let core_codes = ["tree.rs", "error.rs", "address.rs"].into_iter().flat_map(|f| codes(&core(f), &tree_codes));
    for code in core_codes {
        needed.push(format!("hub-problem-{}", code.replace('.', "-")));
    }
    for flag in ["never-seen", "quiet", "outbox-growing", "outbox-stuck", "bundle-refused", "outbox-refused", "error"] {
        assert!(src("fleet.rs").contains(&format!("\"{flag}\"")), "{flag} is still a flag");
        needed.push(format!("hub-flag-{flag}"));
    }
    for action in [
        "login",
        "upload",
        "publish",
        "enrol",
        "read-submissions",
        "export-csv",
        "download-form",
        "discard-draft",
        "address",
        "address-remove",
    ] {
        needed.push(format!("hub-audit-{action}"));
    }
    assert!(needed.len() > 40, "the scan found the codes ({})", needed.len());
    let missing: Vec<&String> = needed.iter().filter(|id| !ko.contains(*id)).collect();
    assert!(missing.is_empty(), "no message for {missing:?}");
}
