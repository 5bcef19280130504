//! Every locale has every message of the fallback (ko), and every form's texts exist.

use minwon_core::i18n::ids_in;
use minwon_core::validate::ErrorCode;
use minwon_core::Locale;
use minwon_engine::assets;
use std::collections::BTreeSet;

fn ids(locale: Locale, surface: &str) -> BTreeSet<String> {
    let root = assets::default_root();
    let path = root.join("locales").join(locale.tag()).join(format!("{surface}.ftl"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let ids = ids_in(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    for id in &ids {
        assert!(id.starts_with(&format!("{surface}-")), "{id} in {} must be prefixed by its surface", path.display());
    }
    ids.into_iter().collect()
}

#[test]
fn every_locale_has_every_id_of_the_fallback_and_no_other() {
    for surface in assets::KIOSK_SURFACES {
        let want = ids(Locale::FALLBACK, surface);
        for l in Locale::ALL {
            let got = ids(l, surface);
            let missing: Vec<_> = want.difference(&got).collect();
            let extra: Vec<_> = got.difference(&want).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{}/{surface}.ftl: missing {missing:?}, extra {extra:?}",
                l.tag()
            );
        }
    }
}

#[test]
fn every_form_text_and_error_code_has_a_message() {
    let root = assets::default_root();
    let catalog = assets::load_catalog(&root).expect("forms load");
    assert_eq!(catalog.forms().len(), 5);
    let forms = ids(Locale::FALLBACK, "forms");
    for form in catalog.forms() {
        for id in form.message_ids() {
            assert!(forms.contains(&id), "{} needs the message {id}", form.id);
        }
    }
    let errors = ids(Locale::FALLBACK, "errors");
    for code in ErrorCode::ALL {
        assert!(errors.contains(&code.fluent_id()), "no message for {code:?}");
    }
    let engine_codes = ["outbox.disk-full", "outbox.storage", "outbox.seal", "api.unreachable"];
    for code in engine_codes.into_iter().chain(minwon_hardware::CardError::CODES) {
        assert!(errors.contains(&minwon_engine::view::error_id(code)), "no message for {code}");
    }
}

#[test]
fn bundled_forms_prefill_from_documents_where_the_paper_form_does() {
    let catalog = assets::load_catalog(&assets::default_root()).expect("forms load");
    let with_document: Vec<_> = catalog.forms().iter().filter(|f| f.identify).map(|f| f.id.0.as_str()).collect();
    assert_eq!(with_document, ["passport-reissue", "moving-in-report"]);
    for form in catalog.forms().iter().filter(|f| f.identify) {
        assert!(
            form.fields().any(|f| f.prefill.is_some()),
            "{} asks for a document but fills nothing from it",
            form.id
        );
    }
}
