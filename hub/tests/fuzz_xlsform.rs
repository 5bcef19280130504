//! Property tests of the XLSForm import: random workbooks (rows of XLSForm's types, names, labels
//! with `${…}`, logic right and wrong, groups and repeats opened and closed anyhow) and real .xls
//! and .xlsx files with bytes flipped. The importer never panics; every refusal of a workbook it
//! could read names its sheet and row (and, for a cell, its column); a workbook it accepts makes a
//! form the core accepts.

use minwon_hub::xlsx::{write, Sheet};
use proptest::prelude::*;
use std::collections::BTreeMap;

const TYPES: &[&str] = &[
    "text",
    "integer",
    "date",
    "note",
    "calculate",
    "hidden",
    "select_one colours",
    "select_multiple colours",
    "select_one colours or_other",
    "select_one nowhere",
    "begin group",
    "end group",
    "begin repeat",
    "end repeat",
    "begin loop over colours",
    "end loop",
    "geopoint",
    "acknowledge",
    "integer please",
    "start",
];
const NAMES: &[&str] = &["a", "b", "c", "hh.size", "_n", "a-b", "1bad", "", "place", "place-other", "other"];
const TEXTS: &[&str] = &["색", "Colour", "${a}", "${b} and ${_n}", "${", "${nobody}", "{ braces }", "", "${hh.size}"];
const LOGIC: &[&str] = &[
    "",
    "${a} = 'red'",
    "${b} > 1",
    "selected(${c}, 'red')",
    "${nobody} = 1",
    "(((",
    "count(${a})",
    "pulldata('x')",
    ". > 0",
    "${_n} + 1",
    "today()",
];

fn cell(options: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![8 => proptest::sample::select(options).prop_map(str::to_owned), 1 => "[ -~]{0,12}"]
}

/// A column most rows leave empty.
fn seldom(options: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![5 => Just(String::new()), 1 => cell(options)]
}

fn survey_row() -> impl Strategy<Value = Vec<String>> {
    (cell(TYPES), cell(NAMES), cell(TEXTS), seldom(TEXTS), seldom(LOGIC), seldom(LOGIC), seldom(LOGIC), seldom(LOGIC))
        .prop_map(|(t, n, ko, hint, rel, con, calc, count)| vec![t, n, ko, hint, rel, con, calc, count])
}

fn workbook(rows: Vec<Vec<String>>, settings: bool) -> Vec<u8> {
    let head = [
        "type",
        "name",
        "label::한국어 (ko)",
        "hint::English (en)",
        "relevant",
        "constraint",
        "calculation",
        "repeat_count",
    ];
    let mut sheets = vec![
        Sheet { name: "survey".into(), rows: std::iter::once(head.map(String::from).to_vec()).chain(rows).collect() },
        Sheet {
            name: "choices".into(),
            rows: [
                ["list_name", "name", "label::한국어 (ko)"],
                ["colours", "red", "빨강"],
                ["colours", "other", "기타"],
            ]
            .map(|r| r.map(String::from).to_vec())
            .to_vec(),
        },
    ];
    if settings {
        sheets.push(Sheet {
            name: "settings".into(),
            rows: vec![vec!["form_id".into(), "version".into()], vec!["fuzz_form".into(), "20241205120839".into()]],
        });
    }
    write(&sheets).expect("writes")
}

/// Problems about the file as a whole, which have no row to name.
const FILE_LEVEL: &[&str] = &["xlsform.not-xlsx", "xlsform.sheet-missing", "upload.too-large", "xlsform.label-missing"];

fn located(bytes: &[u8]) -> Result<(), String> {
    match minwon_hub::xlsform::import(bytes, "fuzz.xlsx", &BTreeMap::new(), |_| false) {
        Ok(upload) => minwon_core::form::Form::parse("fuzz", &upload.form_toml)
            .map(|_| ())
            .map_err(|e| format!("accepted, but {e}")),
        Err(problems) => {
            for p in &problems {
                if FILE_LEVEL.contains(&p.code) {
                    continue;
                }
                if p.sheet.is_none() || p.row.is_none() {
                    return Err(format!("unlocated: {p:?}"));
                }
            }
            Ok(())
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn random_workbooks_are_imported_or_refused_on_their_rows(rows in proptest::collection::vec(survey_row(), 1..8), settings: bool) {
        let bytes = workbook(rows, settings);
        prop_assert_eq!(located(&bytes), Ok(()));
    }

    #[test]
    fn real_workbooks_with_bytes_flipped_never_panic(
        which in 0usize..2,
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..12),
    ) {
        let file = ["calculate.xls", "choice_filter_test.xlsx"][which];
        let path = format!("{}/../tests/fixtures/pyxform/{file}", env!("CARGO_MANIFEST_DIR"));
        let mut bytes = std::fs::read(path).expect("the fixture");
        for (at, b) in flips {
            let i = at.index(bytes.len());
            bytes[i] ^= b;
        }
        // As the upload does: a zip's sizes checked first. Refused or accepted, it returns.
        if !minwon_hub::workbook::is_xls(&bytes) && minwon_hub::workbook::check(&bytes).is_err() {
            return Ok(());
        }
        let _ = minwon_hub::xlsform::import(&bytes, file, &BTreeMap::new(), |_| false);
    }
}
