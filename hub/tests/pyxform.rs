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
        .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("xlsx") || x.eq_ignore_ascii_case("xls")))
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

/// pyxform's expression with its paths (`/data/group/name`, `/my_form/name`, `../name`) written
/// back as `${name}`, spaces gone. XPath divides with `div`, so a `/` is always a path's.
fn normalised(expr: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = expr.chars().collect();
    let mut i = 0;
    let in_path = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '/');
    while i < chars.len() {
        let starts =
            chars[i] == '/' || (chars[i] == '.' && chars.get(i + 1) == Some(&'.') && chars.get(i + 2) == Some(&'/'));
        if starts {
            let path: String = chars[i..].iter().take_while(|c| in_path(**c)).collect();
            i += path.chars().count();
            out.push_str(&format!("${{{}}}", path.rsplit('/').next().unwrap_or_default()));
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out.chars().filter(|c| !c.is_whitespace()).collect()
}

/// pyxform (PyPI, installed by the test command into a virtual environment) converts every
/// fixture, and for each one the hub accepts, each question the importer made is in pyxform's
/// XForm with the same type, requiredness, choices, relevance (its own and its groups'),
/// constraint and calculation. `MINWON_PYXFORM_PYTHON` names the environment's python.
#[test]
fn pyxform_asks_what_the_importer_made() {
    use minwon_core::form::{FieldKind, Form};
    let Some(python) = std::env::var_os("MINWON_PYXFORM_PYTHON") else {
        assert!(std::env::var_os("CI").is_none(), "the test command installs pyxform: MINWON_PYXFORM_PYTHON is unset");
        eprintln!("MINWON_PYXFORM_PYTHON unset: pyxform is not installed here; run-tests installs it");
        return;
    };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/pyxform");
    let all = fixtures();
    let oracle = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/pyxform/oracle.py");
    let output = std::process::Command::new(python)
        .arg(&oracle)
        .args(all.iter().map(|(name, _)| dir.join(name)))
        .output()
        .expect("runs pyxform");
    assert!(output.status.success(), "pyxform: {}", String::from_utf8_lossy(&output.stderr));
    let said: serde_json::Value = serde_json::from_slice(&output.stdout).expect("the oracle's JSON");
    let mut compared = 0;
    let mut questions = 0;
    for (name, bytes) in &all {
        let Ok(upload) = minwon_hub::xlsform::import(bytes, name, &BTreeMap::new(), |_| true) else { continue };
        let form = Form::parse(name, &upload.form_toml).expect("an accepted form parses");
        let theirs = said[name]["questions"]
            .as_array()
            .unwrap_or_else(|| panic!("pyxform refused {name}, we accepted it: {}", said[name]));
        for step in &form.steps {
            for field in &step.fields {
                let q = theirs
                    .iter()
                    .find(|q| q["name"] == field.id.as_str())
                    .unwrap_or_else(|| panic!("{name}: pyxform has no question {}", field.id));
                let (ty, control) = (q["type"].as_str().unwrap_or(""), q["control"].as_str());
                let agrees = match field.kind {
                    FieldKind::Text | FieldKind::Phone | FieldKind::Address => {
                        ty == "string" && control == Some("input")
                    }
                    FieldKind::Number => ty == "int",
                    FieldKind::Date => ty == "date",
                    FieldKind::SingleChoice => control == Some("select1"),
                    FieldKind::MultipleChoice => control == Some("select"),
                    FieldKind::Consent => control == Some("trigger"),
                    FieldKind::Photo => control == Some("upload"),
                    FieldKind::Note => q["readonly"] == true && control == Some("input"),
                    // pyxform's hidden is a bind with no calculation: ours calculates its default.
                    FieldKind::Calculate => q["calculate"].is_string() || q["hidden"] == true,
                };
                assert!(agrees, "{name}/{}: ours {:?}, pyxform {q}", field.id, field.kind);
                assert_eq!(field.required, q["required"] == true, "{name}/{}: required", field.id);
                let choices: Vec<&str> =
                    q["choices"].as_array().into_iter().flatten().filter_map(|c| c.as_str()).collect();
                assert_eq!(field.choices, choices, "{name}/{}: choices", field.id);
                let ours: String = [&step.relevant, &field.relevant]
                    .into_iter()
                    .flatten()
                    .map(|l| l.source.chars().filter(|c| !c.is_whitespace()).collect::<String>())
                    .collect::<Vec<_>>()
                    .join("&");
                for r in q["relevant"].as_array().into_iter().flatten().filter_map(|r| r.as_str()) {
                    assert!(ours.contains(&normalised(r)), "{name}/{}: relevant {r:?}, ours {ours:?}", field.id);
                }
                if q["relevant"].as_array().is_none_or(|r| r.is_empty()) {
                    assert!(ours.is_empty(), "{name}/{}: asked always by pyxform, ours only when {ours}", field.id);
                }
                if let (Some(c), Some(theirs)) = (&field.constraint, q["constraint"].as_str()) {
                    assert_eq!(normalised(&c.source), normalised(theirs), "{name}/{}: constraint", field.id);
                }
                if let (Some(c), Some(theirs)) = (&field.calculate, q["calculate"].as_str()) {
                    assert_eq!(normalised(&c.source), normalised(theirs), "{name}/{}: calculation", field.id);
                }
                questions += 1;
            }
        }
        compared += 1;
        println!("{name}: pyxform agrees on {} question(s)", form.fields().count());
    }
    println!("pyxform agrees with the importer on {questions} questions of {compared} accepted workbooks");
    assert!(compared >= 20 && questions >= 55, "{compared} workbooks, {questions} questions compared");
}
