//! pyxform's own example spreadsheets (tests/fixtures/pyxform, BSD-2), imported as they are: each
//! is accepted, or refused with problems that name the sheet, row and column and the feature; a
//! table of the outcome is printed (`cargo test -p minwon-hub --test pyxform -- --nocapture`).

use std::collections::BTreeMap;
use std::path::Path;

fn fixtures() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/pyxform");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("the fixtures folder")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("xlsx")))
        .map(|p| (p.file_name().expect("a name").to_string_lossy().into_owned(), std::fs::read(&p).expect("readable")))
        .collect();
    out.sort();
    out
}

#[test]
fn pyxforms_examples_are_accepted_or_refused_with_located_problems() {
    let mut accepted = 0;
    let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
    let all = fixtures();
    assert!(all.len() >= 15, "the fixtures are there");
    for (name, bytes) in &all {
        match minwon_hub::xlsform::import(bytes, name, &BTreeMap::new(), |_| true) {
            Ok(upload) => {
                accepted += 1;
                println!("accepted {name}: {} warning(s)", upload.warnings.len());
                for w in &upload.warnings {
                    println!("    warn {} {:?} {:?} {:?}: {}", w.code, w.sheet, w.row, w.column, w.detail);
                }
            }
            Err(problems) => {
                println!("refused  {name}:");
                for p in &problems {
                    println!("    {} {:?} {:?} {:?}: {}", p.code, p.sheet, p.row, p.column, p.detail);
                    *by_code.entry(p.code).or_default() += 1;
                    assert!(p.sheet.is_some() || p.code == "xlsform.not-xlsx", "{name}: {p:?} names no sheet");
                }
            }
        }
    }
    println!("{accepted} of {} accepted; problems by code: {by_code:?}", all.len());
    assert!(accepted >= 8, "at least the plain examples are accepted");
}

/// What a few of them must give, feature by feature.
#[test]
fn each_example_gives_what_its_features_call_for() {
    let all: BTreeMap<String, Vec<u8>> = fixtures().into_iter().collect();
    let import = |name: &str| minwon_hub::xlsform::import(&all[name], name, &BTreeMap::new(), |_| true);
    // Case-insensitive sheet names, the first sheet as the survey, extra sheets warned about.
    let upload = import("extra_sheet_names.xlsx").expect("accepted");
    assert!(upload
        .warnings
        .iter()
        .any(|w| w.code == "xlsform.sheet-ignored" && w.sheet.as_deref() == Some("stettings")));
    assert!(import("survey_no_name.xlsx").is_ok());
    // English-only: converted, but the hub asks for Korean labels before it takes the form.
    let upload = import("yes_or_no_question.xlsx").expect("converted");
    let korean = minwon_hub::xlsform::needs_korean(&upload.warnings);
    assert!(
        !korean.is_empty()
            && korean.iter().all(|w| w.row.is_some() && w.column.as_deref().is_some_and(|c| c.contains("한국어 (ko)")))
    );
    // Refusals name the feature.
    let code_of = |name: &str| import(name).expect_err(name).iter().map(|p| p.code).collect::<Vec<_>>();
    assert!(code_of("loop.xlsx").contains(&"xlsform.repeat"));
    assert!(code_of("pull_data.xlsx").contains(&"xlsform.expression-unsupported"));
    assert!(code_of("include.xlsx").contains(&"xlsform.type"));
    assert!(code_of("choice_filter_test.xlsx").contains(&"xlsform.choice-duplicate"));
}
