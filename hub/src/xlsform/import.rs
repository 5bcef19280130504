//! An XLSForm workbook as ODK, KoboToolbox and pyxform define it → one of our forms and its texts.
//!
//! Every row and column is honoured, ignored with a located warning (a column the kiosk has no
//! use for, a language it does not speak, an ODK `appearance`), or refused with a located problem
//! naming the feature: nothing is dropped in silence. A refused row adds no follow-on problems
//! (its group still opens and closes). Groups become steps (a group holding groups gives a step for
//! each run of its own questions); a question outside any group is a step of its own; a
//! calculation outside any group is a hidden step. Message ids come from the form itself
//! ([`Form::label_id`] …), so names that would collide still get distinct texts.

use super::{constraint, ftl_pattern, ftl_value, open_book, yes, Media, Table, Texts};
use crate::publish::{FormUpload, Problem};
use minwon_core::form::{is_name, FieldKind, Form, Logic, Repeat};
use minwon_core::Locale;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Columns of the survey sheet the importer reads (language columns by their prefix).
const SURVEY_COLUMNS: &[&str] = &[
    "type",
    "name",
    "label",
    "hint",
    "required",
    "required_message",
    "relevant",
    "constraint",
    "constraint_message",
    "calculation",
    "default",
    "choice_filter",
    "appearance",
    "media::video",
    "media::audio",
    "check",
    "prefill",
    "personal",
];

/// Columns whose cells change what a question does, which the kiosk does not do: a filled cell is
/// refused, naming the column.
const REFUSED_COLUMNS: &[(&str, &str)] = &[
    ("read_only", "the kiosk lets the visitor change every question it shows; use a note or a calculation"),
    ("trigger", "the kiosk does not recalculate on a trigger"),
    ("parameters", "the kiosk takes no question parameters"),
    ("media::image", "the kiosk shows no pictures in questions"),
    ("image", "the kiosk shows no pictures in questions"),
    ("media::big-image", "the kiosk shows no pictures in questions"),
    ("body::accuracythreshold", "the kiosk asks for no locations"),
    ("instance::", "the kiosk adds no attributes to the submission"),
    ("body::", "the kiosk adds no attributes to questions"),
];

/// Metadata ODK records without asking: the kiosk records none of it (a submission carries the
/// time it was completed), so each row is ignored with a warning.
const METADATA: &[&str] = &[
    "start",
    "end",
    "deviceid",
    "subscriberid",
    "simserial",
    "phonenumber",
    "username",
    "email",
    "audit",
    "start-geopoint",
    "imei",
];

/// Question types the kiosk does not ask, and why.
const REFUSED_TYPES: &[(&str, &str)] = &[
    ("geopoint", "the kiosk asks for no locations"),
    ("geotrace", "the kiosk asks for no locations"),
    ("geoshape", "the kiosk asks for no locations"),
    ("time", "the kiosk asks for dates, not times"),
    ("datetime", "the kiosk asks for dates, not times"),
    ("decimal", "the kiosk asks for whole numbers only (integer)"),
    ("audio", "the kiosk records no sound"),
    ("video", "the kiosk records no video"),
    ("file", "the kiosk takes no file"),
    ("barcode", "the kiosk scans no barcode"),
    ("range", "the kiosk has no slider: use integer with a constraint"),
    ("rank", "the kiosk does not rank choices"),
    ("background-audio", "the kiosk records no sound"),
    ("select_one_from_file", "the kiosk reads choices from the choices sheet only"),
    ("select_multiple_from_file", "the kiosk reads choices from the choices sheet only"),
    ("xml-external", "the kiosk reads no external data"),
    ("csv-external", "the kiosk reads no external data"),
];

/// What a type cell asks for.
#[derive(Debug, PartialEq)]
enum Type {
    BeginGroup,
    EndGroup,
    BeginRepeat,
    EndRepeat,
    Question {
        kind: FieldKind,
        list: Option<String>,
        or_other: bool,
    },
    Metadata,
    Refused(String),
    /// A block (to its end row) the kiosk does not ask: refused once, its rows not read.
    RefusedBlock(String),
}

/// Reads a type cell: `select_one yesNo` keeps the list's case; `select one from x` (the old
/// syntax) and `or_other` are read; words after a type are refused, not dropped.
fn read_type(cell: &str) -> Type {
    let words: Vec<&str> = cell.split_whitespace().collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let l: Vec<&str> = lower.iter().map(String::as_str).collect();
    let select = |kind, list: &str, rest: &[&str]| match rest {
        [] => Type::Question { kind, list: Some(list.to_owned()), or_other: false },
        ["or_other"] | ["or", "specify", "other"] => {
            Type::Question { kind, list: Some(list.to_owned()), or_other: true }
        }
        _ => Type::Refused(format!("'{}' after the list name is not part of a select type", rest.join(" "))),
    };
    let simple = |kind| Type::Question { kind, list: None, or_other: false };
    match l[..] {
        ["begin", "group"] | ["begin_group"] => Type::BeginGroup,
        ["end", "group"] | ["end_group"] => Type::EndGroup,
        ["begin", "repeat"] | ["begin_repeat"] => Type::BeginRepeat,
        ["end", "repeat"] | ["end_repeat"] => Type::EndRepeat,
        // pyxform's loop asks its questions once for each choice of a list, with `%(label)s` in
        // the labels: not a repeat the visitor fills, and not asked by the kiosk.
        ["begin", "loop", ..] | ["begin_loop", ..] => Type::RefusedBlock(
            "a loop over a choice list (begin loop over …) is not supported: write a repeat, or one question per choice".into(),
        ),
        ["end", "loop"] | ["end_loop"] => Type::EndRepeat,
        // pyxform's hidden: a value in the submission that no one is asked for (its default).
        ["hidden"] => simple(FieldKind::Calculate),
        ["phone", "number"] => Type::Question { kind: FieldKind::Phone, list: None, or_other: false },
        ["include", ..] => {
            Type::Refused("'include' pulls in another workbook: the kiosk takes one workbook per form".into())
        }
        ["select_one", _, ..] => select(FieldKind::SingleChoice, words[1], &l[2..]),
        ["select_multiple", _, ..] => select(FieldKind::MultipleChoice, words[1], &l[2..]),
        ["select", "one", "from", _, ..] => select(FieldKind::SingleChoice, words[3], &l[4..]),
        ["select", "all", "that", "apply", "from", _, ..] => select(FieldKind::MultipleChoice, words[5], &l[6..]),
        ["select_one" | "select_multiple"] => Type::Refused("a select needs the name of its choice list".into()),
        [one] => match one {
            "text" | "string" => simple(FieldKind::Text),
            "integer" | "int" => simple(FieldKind::Number),
            "date" => simple(FieldKind::Date),
            "note" => simple(FieldKind::Note),
            "calculate" => simple(FieldKind::Calculate),
            "today" => simple(FieldKind::Calculate),
            "acknowledge" | "trigger" | "consent" => simple(FieldKind::Consent),
            "image" | "photo" => simple(FieldKind::Photo),
            "phone" => simple(FieldKind::Phone),
            "address" => simple(FieldKind::Address),
            m if METADATA.contains(&m) => Type::Metadata,
            other => match REFUSED_TYPES.iter().find(|(t, _)| *t == other) {
                Some((t, why)) => Type::Refused(format!("'{t}' is not asked on the kiosk: {why}")),
                None => Type::Refused(format!("'{other}' is not a question type the kiosk asks")),
            },
        },
        [first, ..] if REFUSED_TYPES.iter().any(|(t, _)| t == &first) => read_type(first),
        [first, ..] if matches!(read_type(first), Type::Question { .. } | Type::Metadata) => Type::Refused(format!(
            "'{}' after '{first}' is not part of the type: write the type alone",
            words[1..].join(" ")
        )),
        [_, ..] => read_type(words[0]),
        [] => Type::Refused("an empty type".into()),
    }
}

/// A choice as the choices sheet gives it: its name, labels, and other columns.
type Choice = (String, Texts, BTreeMap<String, String>);

/// One step being built.
struct StepDraft {
    id: String,
    question: Texts,
    hint: Texts,
    sign: Option<String>,
    audio: Texts,
    relevant: Option<String>,
    /// A repeat's `repeat` table (its count, its limits).
    repeat: Option<Value>,
    /// The answers its question and hint show.
    shows: Vec<String>,
    fields: Vec<Value>,
    texts: Vec<FieldTexts>,
}

/// A field's texts: label, hint, messages, recorded prompts, and its choices' labels.
#[derive(Default)]
struct FieldTexts {
    id: String,
    labels: Texts,
    hints: Texts,
    constraint: Texts,
    required: Texts,
    audio: Texts,
    choices: Vec<(String, Texts)>,
}

/// A group open on the survey sheet.
struct Open {
    row: u32,
    name: String,
    labels: Texts,
    hint: Texts,
    sign: Option<String>,
    audio: Texts,
    relevant: Option<String>,
    /// How many steps its own questions have made so far.
    segments: usize,
    /// A repeat (one step asked once per instance), not a group.
    repeat: bool,
    /// The answers its label and hint show.
    shows: Vec<String>,
}

/// The answers a row's texts show (`${name}`), in order, each checked with the expressions once
/// every name is known (it must be a question asked outside any repeat, or in `repeat`); a `${`
/// that names no question is a problem on the row.
fn row_shows(
    survey: &Table,
    row: u32,
    texts: &[(&'static str, &Texts)],
    (repeat, default_language): (Option<String>, Option<Locale>),
    pending: &mut Vec<Pending>,
    problems: &mut Vec<Problem>,
) -> Vec<String> {
    let mut shows: Vec<String> = Vec::new();
    for (prefix, texts) in texts {
        let headers = survey.languages_with_default(prefix, default_language);
        for (locale, text) in texts.iter() {
            let column = headers.iter().find(|(_, l)| *l == Some(*locale)).map_or(*prefix, |(h, _)| h.as_str());
            let column = column.to_owned();
            match super::shown_names(text) {
                Ok(names) => {
                    for n in names {
                        // Each language's text is checked, so a name mistyped in one is found there.
                        let source = format!("${{{n}}}");
                        if !pending.iter().any(|p| p.row == row && p.column == column && p.source == source) {
                            pending.push(Pending {
                                row,
                                column: column.clone(),
                                source,
                                list: None,
                                repeat: repeat.clone(),
                            });
                        }
                        if !shows.contains(&n) {
                            shows.push(n);
                        }
                    }
                }
                Err(quoted) => problems.push(survey.problem(
                    "xlsform.label-reference",
                    row,
                    Some(&column),
                    format!("'{quoted}…': an answer is shown as ${{name}}, the name of a question"),
                )),
            }
        }
    }
    shows
}

/// An expression from a cell, checked once every name is known.
struct Pending {
    row: u32,
    /// Its column's header (as the sheet spells it, for a language column).
    column: String,
    source: String,
    /// The field it belongs to (for a choice filter: whose columns it may read).
    list: Option<String>,
    /// The repeat whose row it is on (its expressions read that repeat's instance).
    repeat: Option<String>,
}

/// The texts `or_other` adds: the choice "other" and the box that asks what.
fn other_texts() -> (Texts, Texts) {
    let choice = [
        (Locale::Ko, "기타"),
        (Locale::KoEasy, "다른 것"),
        (Locale::En, "Other"),
        (Locale::ZhCn, "其他"),
        (Locale::Vi, "Khác"),
    ];
    let specify = [
        (Locale::Ko, "기타 내용을 적어 주세요"),
        (Locale::KoEasy, "무엇인지 적어 주세요"),
        (Locale::En, "Specify other"),
        (Locale::ZhCn, "请注明其他"),
        (Locale::Vi, "Ghi rõ khác"),
    ];
    let texts = |t: [(Locale, &str); 5]| t.into_iter().map(|(l, s)| (l, s.to_owned())).collect();
    (texts(choice), texts(specify))
}

/// An Excel date serial (days since 1899-12-30) as `YYYY-MM-DD`, for a default typed as a date.
fn excel_date(cell: &str) -> Option<String> {
    let serial: f64 = cell.parse().ok()?;
    (20_000.0..80_000.0)
        .contains(&serial)
        .then(|| minwon_core::validate::Date::from_days_since_epoch(serial.floor() as i64 - 25_569).to_string())
}

/// A spreadsheet (named `file_name`) and the media files uploaded with it (by file name) → a form
/// upload. `known_clip(file)`: whether the hub already holds a sign clip of that file name.
pub fn import(
    bytes: &[u8],
    file_name: &str,
    attachments: &BTreeMap<String, Vec<u8>>,
    known_clip: impl Fn(&str) -> bool,
) -> Result<FormUpload, Vec<Problem>> {
    let mut book = open_book(bytes)?;
    // A workbook of one sheet and no `survey` is read as the survey, as pyxform reads it.
    let sheets = calamine::Reader::sheet_names(&book);
    let only = (sheets.len() == 1 && !sheets[0].eq_ignore_ascii_case("survey")).then(|| sheets[0].clone());
    let survey = Table::required(&mut book, only.as_deref().unwrap_or("survey"))?;
    let choices = Table::read(&mut book, "choices", false).map_err(|p| vec![p])?;
    let settings = Table::read(&mut book, "settings", false).map_err(|p| vec![p])?;
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    for sheet in &sheets {
        let known = ["survey", "choices", "settings"].iter().any(|k| sheet.trim().eq_ignore_ascii_case(k));
        if !known && only.is_none() {
            warnings.push(Problem {
                sheet: Some(sheet.clone()),
                ..Problem::new(
                    "xlsform.sheet-ignored",
                    "the kiosk reads the survey, choices and settings sheets only: this one is not read",
                )
            });
        }
    }

    // Settings: optional, as in pyxform; the first row under the headers.
    let (srow, set) = settings.as_ref().and_then(|s| s.rows.first().cloned()).unwrap_or((2, Vec::new()));
    let setting = |name: &str| settings.as_ref().map_or("", |s| s.get(&set, name));
    let default_language = match setting("default_language") {
        "" | "default" => Some(Locale::FALLBACK),
        l => match super::language(l) {
            Some(l) => Some(l),
            None => {
                if let Some(s) = &settings {
                    warnings.push(s.problem(
                        "xlsform.language",
                        srow,
                        Some("default_language"),
                        format!("the kiosk has no {l}: bare 'label' columns are not shown"),
                    ));
                }
                None
            }
        },
    };

    // Languages: those the kiosk lacks are ignored, with a warning on their column.
    for table in [Some(&survey), choices.as_ref(), settings.as_ref()].into_iter().flatten() {
        for prefix in
            ["label", "hint", "form_title", "summary", "media::audio", "constraint_message", "required_message"]
        {
            for (h, l) in table.languages_with_default(prefix, default_language) {
                if l.is_none() && h != prefix {
                    warnings.push(table.problem(
                        "xlsform.language",
                        1,
                        Some(&h),
                        "a language the kiosk does not speak: this column is not shown (write a language the kiosk has as e.g. label::English (en))",
                    ));
                }
            }
        }
    }
    for needed in ["type", "name"] {
        if survey.col(needed).is_none() {
            problems.push(survey.problem(
                "xlsform.column-missing",
                1,
                None,
                format!("the '{needed}' column is missing"),
            ));
        }
    }
    // Columns: read, refused when filled, or ignored with a warning.
    let mut refused_columns: Vec<(usize, String, &'static str)> = Vec::new();
    for (col, h) in survey.headers() {
        let media = h.starts_with("media::video") || h.starts_with("media::audio");
        // `label::English (en)` and the older `label:English` are the `label` column in a language.
        let base = SURVEY_COLUMNS
            .iter()
            .find(|c| h == **c || h.strip_prefix(**c).is_some_and(|rest| rest.starts_with(':')))
            .copied()
            .unwrap_or(h);
        if let Some((_, why)) = REFUSED_COLUMNS.iter().find(|(c, _)| {
            h == *c || (c.ends_with("::") && h.starts_with(c)) || (h.starts_with(c) && h[c.len()..].starts_with("::"))
        }) {
            refused_columns.push((col, h.to_owned(), why));
        } else if !(SURVEY_COLUMNS.contains(&base) || media) {
            warnings.push(survey.problem(
                "xlsform.column-ignored",
                1,
                Some(h),
                "the kiosk does not use this column; its cells are not part of the form",
            ));
        }
    }

    let file_stem = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let file_stem = file_stem.rsplit_once('.').map_or(file_stem, |(s, _)| s);
    // pyxform's default id is the file's name; either way the id names files here, so what
    // Fluent ids and paths cannot hold becomes `_` (said, when the sheet wrote it).
    let written = [setting("form_id"), setting("id_string")].into_iter().find(|s| !s.is_empty());
    let form_id: String = written
        .unwrap_or(file_stem)
        .trim()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
        .collect::<String>();
    let form_id = if written.is_some() { form_id } else { form_id.trim_matches('_').to_owned() };
    let written = written.unwrap_or(&form_id).to_owned();
    if form_id != written {
        let detail = format!("the form id '{written}' names files here, so it is kept as '{form_id}'");
        warnings.push(match &settings {
            Some(s) => s.problem("xlsform.form-id", srow, Some("form_id"), detail),
            None => Problem::new("xlsform.form-id", format!("{file_name}: {detail}")),
        });
    }
    let id_ok = !form_id.is_empty()
        && form_id.len() <= 64
        && form_id.starts_with(|c: char| c.is_ascii_alphanumeric())
        && form_id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !id_ok {
        let detail = "a form id of letters, digits, '_' and '-' (it names the form's files)";
        problems.push(match &settings {
            Some(s) => s.problem("xlsform.form-id", srow, Some("form_id"), detail),
            None => {
                Problem::new("xlsform.form-id", format!("{file_name}: add a settings sheet with form_id: {detail}"))
            }
        });
    }
    let (version, revision) = match setting("version") {
        "" => (1u64, None),
        v => match v.parse::<u64>() {
            Ok(n) => (n, None),
            // A version that is not a number (`v2`, `2024-12-05`) is kept as written.
            Err(_) => (1, Some(v.to_owned())),
        },
    };
    for ignored in ["instance_name", "public_key", "submission_url", "style", "namespaces", "auto_send", "auto_delete"]
    {
        if !setting(ignored).is_empty() {
            if let Some(s) = &settings {
                warnings.push(s.problem(
                    "xlsform.setting-ignored",
                    srow,
                    Some(ignored),
                    "the kiosk has no use for this setting (it seals each submission to the hub's key and sends it to the hub)",
                ));
            }
        }
    }
    const SETTINGS: &[&str] = &[
        "form_id",
        "id_string",
        "form_title",
        "version",
        "default_language",
        "summary",
        "identify",
        "sign",
        "instance_name",
        "public_key",
        "submission_url",
        "style",
        "namespaces",
        "auto_send",
        "auto_delete",
    ];
    if let Some(s) = &settings {
        for (_, h) in s.headers() {
            let base = h.split(':').next().unwrap_or(h);
            if !SETTINGS.contains(&base) {
                warnings.push(s.problem(
                    "xlsform.setting-ignored",
                    1,
                    Some(h),
                    "a setting the kiosk does not use: it has no effect on the form",
                ));
            }
        }
    }
    let mut title_row = None;
    let mut title =
        settings.as_ref().map(|s| s.texts_with_default(&set, "form_title", default_language)).unwrap_or_default();
    let summary =
        settings.as_ref().map(|s| s.texts_with_default(&set, "summary", default_language)).unwrap_or_default();

    // Choice lists, by name as written (`yesNo` is not `yesno`).
    let mut lists: BTreeMap<String, Vec<Choice>> = BTreeMap::new();
    let mut list_columns: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    if let Some(c) = &choices {
        let extra: Vec<(usize, String)> = c
            .headers()
            .filter(|(_, h)| {
                !matches!(*h, "list_name" | "name" | "label")
                    && !h.starts_with("label:")
                    && !h.starts_with("media:")
                    && !h.starts_with("image")
                    && !h.starts_with("audio")
                    && !h.starts_with("video")
            })
            .map(|(i, h)| (i, h.to_owned()))
            .collect();
        for (_, h) in c.headers() {
            if h.starts_with("media:") || h.starts_with("image") || h.starts_with("audio") || h.starts_with("video") {
                warnings.push(c.problem("xlsform.column-ignored", 1, Some(h), "the kiosk shows choices as text only"));
            }
        }
        if c.col("list_name").is_none() && !c.rows.is_empty() {
            problems.push(c.problem("xlsform.column-missing", 1, None, "the 'list_name' column is missing"));
        }
        for (row, cells) in &c.rows {
            let list = c.get(cells, "list_name");
            let name = c.get(cells, "name");
            if list.is_empty() || name.is_empty() {
                problems.push(c.problem(
                    "xlsform.choice",
                    *row,
                    Some(if list.is_empty() { "list_name" } else { "name" }),
                    "a choice needs a list and a name",
                ));
                continue;
            }
            if name.chars().any(char::is_whitespace) {
                problems.push(c.problem("xlsform.choice", *row, Some("name"), "a choice name has no spaces"));
                continue;
            }
            let items = lists.entry(list.to_owned()).or_default();
            if items.iter().any(|(n, _, _)| n == name) {
                problems.push(c.problem(
                    "xlsform.choice-duplicate",
                    *row,
                    Some("name"),
                    format!("'{name}' is already a choice of list '{list}'"),
                ));
                continue;
            }
            let mut columns = BTreeMap::new();
            for (i, h) in &extra {
                let v = cells.get(*i).cloned().unwrap_or_default();
                if is_name(h) {
                    list_columns.entry(list.to_owned()).or_default().insert(h.clone());
                    columns.insert(h.clone(), v);
                }
            }
            let labels = c.texts_with_default(cells, "label", default_language);
            if labels.values().any(|t| t.contains("${")) {
                problems.push(c.problem(
                    "xlsform.label-reference",
                    *row,
                    Some("label"),
                    "a choice's label cannot show an answer (${…}) yet: write the choice's words alone",
                ));
            }
            items.push((name.to_owned(), labels, columns));
        }
    }

    let mut steps: Vec<StepDraft> = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    let mut current: Option<StepDraft> = None;
    let mut found = Media::new(attachments, known_clip);
    let mut names: BTreeMap<String, u32> = BTreeMap::new();
    let mut groups: BTreeMap<String, u32> = BTreeMap::new();
    let mut step_ids: BTreeSet<String> = BTreeSet::new();
    let mut pending: Vec<Pending> = Vec::new();
    // Inside a refused repeat (one inside another): its rows are not read (the repeat is the problem).
    let mut skipping_repeat = 0usize;
    // The questions asked inside a repeat, and which.
    let mut in_repeat: BTreeMap<String, String> = BTreeMap::new();
    // Each repeat's row, by name, and the rows that begin a group or repeat (whose relevant is a
    // step's): count() and sum() there read only repeats above.
    let mut repeat_rows: BTreeMap<String, u32> = BTreeMap::new();
    let mut step_rows: BTreeSet<u32> = BTreeSet::new();

    // Closes the step being filled (a group's run of questions).
    fn close(current: &mut Option<StepDraft>, steps: &mut Vec<StepDraft>) {
        if let Some(step) = current.take() {
            if !step.fields.is_empty() {
                steps.push(step);
            }
        }
    }
    fn chain(open: &[Open]) -> Option<String> {
        let parts: Vec<&str> = open.iter().filter_map(|o| o.relevant.as_deref()).collect();
        match parts.len() {
            0 => None,
            1 => Some(parts[0].to_owned()),
            _ => Some(parts.iter().map(|p| format!("({p})")).collect::<Vec<_>>().join(" and ")),
        }
    }
    let mut unique_step = |wanted: &str| {
        let mut id = wanted.to_owned();
        let mut n = 2;
        while !step_ids.insert(id.clone()) {
            id = format!("{wanted}-{n}");
            n += 1;
        }
        id
    };

    for (row, cells) in &survey.rows {
        let row = *row;
        let type_cell = survey.get(cells, "type");
        let name = survey.get(cells, "name").to_owned();
        // A note may go unnamed: pyxform names it after its row, and so does the kiosk.
        let note = matches!(read_type(type_cell), Type::Question { kind: FieldKind::Note, .. });
        let name = if name.is_empty() && note { format!("generated_note_name_{row}") } else { name };
        if type_cell.is_empty() {
            if !name.is_empty() || !survey.texts(cells, "label").is_empty() {
                problems.push(survey.problem(
                    "xlsform.type",
                    row,
                    Some("type"),
                    "a row with a name or label needs a type",
                ));
            }
            continue;
        }
        let ty = read_type(type_cell);
        if skipping_repeat > 0 {
            match ty {
                Type::BeginRepeat | Type::RefusedBlock(_) => skipping_repeat += 1,
                Type::EndRepeat => skipping_repeat -= 1,
                _ => {}
            }
            continue;
        }
        if matches!(ty, Type::BeginGroup | Type::BeginRepeat) {
            step_rows.insert(row);
        }
        let labels = survey.texts_with_default(cells, "label", default_language);
        let hints = survey.texts_with_default(cells, "hint", default_language);
        let audio = survey.texts_with_default(cells, "media::audio", default_language);
        let video = survey.get(cells, "media::video");
        for (col, header, why) in &refused_columns {
            let filled = cells.get(*col).is_some_and(|c| !c.is_empty());
            // A note or a calculation is read-only already.
            let harmless = header == "read_only"
                && (matches!(ty, Type::Question { kind: FieldKind::Note | FieldKind::Calculate, .. })
                    || !yes(&cells[*col]));
            if filled && !harmless {
                problems.push(survey.problem("xlsform.column", row, Some(header), format!("{header}: {why}")));
            }
        }
        let appearance = survey.get(cells, "appearance");
        let field_list = ty == Type::BeginGroup && appearance == "field-list";
        if !appearance.is_empty() && !field_list {
            warnings.push(survey.problem(
                "xlsform.appearance",
                row,
                Some("appearance"),
                format!("'{appearance}': the kiosk lays out every question its own way, for touch and keypad"),
            ));
        }
        let named = matches!(ty, Type::BeginGroup | Type::BeginRepeat | Type::Question { .. });
        let mut name_ok = true;
        if named {
            if !is_name(&name) {
                problems.push(survey.problem(
                    "xlsform.name",
                    row,
                    Some("name"),
                    "a name starts with a letter or '_', then letters, digits, '_', '-' or '.'",
                ));
                name_ok = false;
            } else if let Some(first) = if ty == Type::BeginGroup { groups.get(&name) } else { names.get(&name) } {
                problems.push(survey.problem(
                    "xlsform.name-duplicate",
                    row,
                    Some("name"),
                    format!("'{name}' is already the name on row {first}"),
                ));
                name_ok = false;
            } else if ty == Type::BeginGroup {
                // Groups and questions are named apart: a group `address` may hold a question
                // `address`, as pyxform allows.
                groups.insert(name.clone(), row);
            } else {
                names.insert(name.clone(), row);
            }
        }
        // The repeat this row is in (a begin repeat row's own cells are read outside it).
        let here: Option<String> = open.iter().rev().find(|o| o.repeat).map(|o| o.name.clone());
        if let (Some(r), true) = (&here, name_ok && matches!(ty, Type::Question { .. })) {
            in_repeat.insert(name.clone(), r.clone());
        }
        let repeat_count = survey.get(cells, "repeat_count");
        if !repeat_count.is_empty() && ty != Type::BeginRepeat {
            problems.push(survey.problem(
                "xlsform.column",
                row,
                Some("repeat_count"),
                "repeat_count belongs on a 'begin repeat' row",
            ));
        }
        let relevant = survey.get(cells, "relevant");
        let relevant = (!relevant.is_empty()).then(|| relevant.to_owned());
        if let Some(r) = &relevant {
            pending.push(Pending {
                row,
                column: "relevant".into(),
                source: r.clone(),
                list: None,
                repeat: here.clone(),
            });
        }
        match ty {
            Type::Metadata => {
                warnings.push(survey.problem(
                    "xlsform.metadata",
                    row,
                    Some("type"),
                    format!("'{type_cell}' is not recorded: the kiosk records only when each submission was completed"),
                ));
                continue;
            }
            Type::Refused(why) => {
                problems.push(survey.problem("xlsform.type", row, Some("type"), why));
                continue;
            }
            Type::RefusedBlock(why) => {
                problems.push(survey.problem("xlsform.repeat", row, Some("type"), why));
                skipping_repeat = 1;
                continue;
            }
            Type::BeginRepeat if here.is_some() => {
                problems.push(survey.problem(
                    "xlsform.repeat",
                    row,
                    Some("type"),
                    "a repeat inside a repeat is not supported: the kiosk asks one repeat as one screen per instance",
                ));
                skipping_repeat = 1;
                continue;
            }
            Type::BeginRepeat => {
                close(&mut current, &mut steps);
                let sign = found.video(&survey, row, video, &mut problems);
                let name = if name_ok { name } else { format!("repeat-{row}") };
                repeat_rows.insert(name.clone(), row);
                // Its label may show its own instance's answers.
                let texts = [("label", &labels), ("hint", &hints)];
                let shows = row_shows(
                    &survey,
                    row,
                    &texts,
                    (Some(name.clone()), default_language),
                    &mut pending,
                    &mut problems,
                );
                // A count: a number, or an expression read before the repeat. Without one the
                // visitor adds instances ("add another"), one at least.
                let mut repeat = json!({ "max": Repeat::LIMIT });
                if !repeat_count.is_empty() {
                    match repeat_count.trim().parse::<u32>() {
                        Ok(n) if (1..=Repeat::LIMIT).contains(&n) => {
                            repeat = json!({ "count": n.to_string(), "max": n })
                        }
                        Ok(_) => problems.push(survey.problem(
                            "xlsform.repeat",
                            row,
                            Some("repeat_count"),
                            format!("a repeat is asked from 1 to {} times", Repeat::LIMIT),
                        )),
                        Err(_) => {
                            repeat["count"] = json!(repeat_count);
                            pending.push(Pending {
                                row,
                                column: "repeat_count".into(),
                                source: repeat_count.to_owned(),
                                list: None,
                                repeat: None,
                            });
                        }
                    }
                }
                open.push(Open {
                    row,
                    name: name.clone(),
                    labels: labels.clone(),
                    hint: hints.clone(),
                    sign: sign.clone(),
                    audio: audio.clone(),
                    relevant,
                    segments: 1,
                    repeat: true,
                    shows: shows.clone(),
                });
                current = Some(StepDraft {
                    id: unique_step(&name),
                    question: labels,
                    hint: hints,
                    sign,
                    audio,
                    relevant: chain(&open),
                    repeat: Some(repeat),
                    shows,
                    fields: vec![],
                    texts: vec![],
                });
                continue;
            }
            Type::EndRepeat => {
                if open.last().is_some_and(|o| o.repeat) {
                    if current.as_ref().is_some_and(|c| c.fields.is_empty()) {
                        warnings.push(survey.problem(
                            "xlsform.empty-group",
                            open.last().map_or(row, |o| o.row),
                            Some("type"),
                            "this repeat holds no question: the kiosk shows nothing for it",
                        ));
                    }
                    close(&mut current, &mut steps);
                    open.pop();
                } else {
                    problems.push(survey.problem("xlsform.end-group", row, Some("type"), "no repeat to end"));
                }
                continue;
            }
            Type::BeginGroup if here.is_some() => {
                problems.push(survey.problem(
                    "xlsform.repeat",
                    row,
                    Some("type"),
                    "a group inside a repeat is not supported: the kiosk asks a repeat as one screen per instance; take the group out",
                ));
                // Still matched by its end group, so nothing after it is misread.
                open.push(Open {
                    row,
                    name: format!("group-{row}"),
                    labels,
                    hint: hints,
                    sign: None,
                    audio,
                    relevant: None,
                    segments: 1,
                    repeat: false,
                    shows: vec![],
                });
                continue;
            }
            Type::BeginGroup => {
                close(&mut current, &mut steps);
                let sign = found.video(&survey, row, video, &mut problems);
                let texts = [("label", &labels), ("hint", &hints)];
                let shows =
                    row_shows(&survey, row, &texts, (here.clone(), default_language), &mut pending, &mut problems);
                open.push(Open {
                    row,
                    name: if name_ok { name } else { format!("group-{row}") },
                    labels,
                    hint: hints,
                    sign,
                    audio,
                    relevant,
                    segments: 0,
                    repeat: false,
                    shows,
                });
                continue;
            }
            Type::EndGroup if open.last().is_some_and(|o| o.repeat) => {
                problems.push(survey.problem(
                    "xlsform.end-group",
                    row,
                    Some("type"),
                    "this ends a repeat: write 'end repeat'",
                ));
                continue;
            }
            Type::EndGroup if open.len() > 1 && open.iter().any(|o| o.repeat) => {
                // The refused group inside a repeat ends; the repeat goes on.
                open.pop();
                continue;
            }
            Type::EndGroup => {
                close(&mut current, &mut steps);
                match open.pop() {
                    Some(g) if g.segments == 0 => warnings.push(survey.problem(
                        "xlsform.empty-group",
                        g.row,
                        Some("type"),
                        "this group holds no question: the kiosk shows nothing for it",
                    )),
                    Some(_) => {}
                    None => problems.push(survey.problem("xlsform.end-group", row, Some("type"), "no group to end")),
                }
                continue;
            }
            Type::Question { .. } => {}
        }
        let Type::Question { kind, list, or_other } = ty else { continue };
        if !name_ok {
            continue;
        }
        let prefilled = !survey.get(cells, "prefill").is_empty();
        if here.is_some() && (prefilled || matches!(kind, FieldKind::Calculate | FieldKind::Photo | FieldKind::Consent))
        {
            problems.push(survey.problem(
                "xlsform.repeat",
                row,
                Some(if prefilled { "prefill" } else { "type" }),
                "a repeat holds no calculation, consent, photo or pre-filled question yet: move it out of the repeat",
            ));
            continue;
        }
        if kind.is_asked() || kind == FieldKind::Note {
            // Converted without, but the hub publishes only forms with Korean (see `needs_korean`).
            if !labels.contains_key(&Locale::FALLBACK) {
                warnings.push(survey.problem(
                    "xlsform.label-missing",
                    row,
                    Some("label::한국어 (ko)"),
                    "every question needs a Korean label: add a column label::한국어 (ko) (or set default_language to ko on the settings sheet for bare 'label' columns)",
                ));
            }
        }
        // Answers its texts show (`${name}`): each must be a question this form asks, outside any
        // repeat or in this row's own (checked with the expressions, below).
        let constraint_message = survey.texts_with_default(cells, "constraint_message", default_language);
        let required_message = survey.texts_with_default(cells, "required_message", default_language);
        let texts = [
            ("label", &labels),
            ("hint", &hints),
            ("constraint_message", &constraint_message),
            ("required_message", &required_message),
        ];
        let shows = row_shows(&survey, row, &texts, (here.clone(), default_language), &mut pending, &mut problems);

        if title.is_empty() && !labels.is_empty() {
            // No form_title: pyxform names the form after its id; the kiosk shows a title, the first label.
            title = labels.clone();
            title_row = Some(row);
        }
        let mut field = Map::new();
        field.insert("id".into(), json!(name));
        field.insert("type".into(), serde_json::to_value(kind).unwrap_or(Value::Null));
        if !shows.is_empty() {
            field.insert("shows".into(), json!(shows));
        }
        let required = survey.get(cells, "required");
        match required.trim().to_lowercase().as_str() {
            "" | "no" | "false" | "false()" | "0" | "n" => {}
            "yes" | "true" | "true()" | "1" | "y" => {
                field.insert("required".into(), json!(true));
            }
            _ => {
                field.insert("required_if".into(), json!(required));
                pending.push(Pending {
                    row,
                    column: "required".into(),
                    source: required.to_owned(),
                    list: None,
                    repeat: here.clone(),
                });
            }
        }
        let personal = survey.get(cells, "personal");
        let is_choice = matches!(kind, FieldKind::SingleChoice | FieldKind::MultipleChoice | FieldKind::Consent);
        field.insert(
            "personal".into(),
            json!(if personal.is_empty() { !is_choice && kind.is_asked() } else { yes(personal) }),
        );
        if let Some(r) = &relevant {
            field.insert("relevant".into(), json!(r));
        }
        let expr = survey.get(cells, "constraint");
        if !expr.is_empty() {
            // The common shapes become the kiosk's own rules (with their own messages and the
            // keyboard's length); anything else stays an expression.
            let mut mapped = Map::new();
            if constraint(expr, &mut mapped).is_some() && kind != FieldKind::Calculate {
                field.extend(mapped);
            } else {
                field.insert("constraint".into(), json!(expr));
                pending.push(Pending {
                    row,
                    column: "constraint".into(),
                    source: expr.to_owned(),
                    list: None,
                    repeat: here.clone(),
                });
            }
        }
        let calculation = survey.get(cells, "calculation");
        match (kind, calculation.is_empty()) {
            (FieldKind::Calculate, false) => {
                field.insert("calculate".into(), json!(calculation));
                pending.push(Pending {
                    row,
                    column: "calculation".into(),
                    source: calculation.to_owned(),
                    list: None,
                    repeat: here.clone(),
                });
            }
            (FieldKind::Calculate, true) if type_cell.trim().eq_ignore_ascii_case("today") => {
                field.insert("calculate".into(), json!("today()"));
            }
            (FieldKind::Calculate, true) if type_cell.trim().eq_ignore_ascii_case("hidden") => {
                // Its default, as a text (empty without one).
                let value = survey.get(cells, "default");
                let literal = if value.contains('\'') { format!("\"{value}\"") } else { format!("'{value}'") };
                field.insert("calculate".into(), json!(literal));
                let source = literal.clone();
                pending.push(Pending { row, column: "default".into(), source, list: None, repeat: here.clone() });
            }
            (FieldKind::Calculate, true) => {
                problems.push(survey.problem(
                    "xlsform.calculation",
                    row,
                    Some("calculation"),
                    "a calculate row needs a calculation",
                ));
                continue;
            }
            (_, false) => {
                problems.push(survey.problem(
                    "xlsform.calculation",
                    row,
                    Some("calculation"),
                    "a calculation belongs on a calculate row: the kiosk does not fill a question it asks",
                ));
                continue;
            }
            _ => {}
        }
        let default = survey.get(cells, "default");
        // A hidden value's default is its calculation (above).
        if !default.is_empty() && !type_cell.trim().eq_ignore_ascii_case("hidden") {
            let default = match kind {
                FieldKind::Date => excel_date(default).unwrap_or_else(|| default.to_owned()),
                _ => default.to_owned(),
            };
            if default.contains("${") || default.contains('(') {
                problems.push(survey.problem(
                    "xlsform.default",
                    row,
                    Some("default"),
                    "the kiosk takes a value as a default, not an expression: use a calculation",
                ));
            }
            field.insert("default".into(), json!(default));
        }
        for (col, key) in [("check", "check"), ("prefill", "prefill")] {
            let v = survey.get(cells, col);
            if !v.is_empty() {
                field.insert(key.into(), json!(v));
            }
        }
        let filter = survey.get(cells, "choice_filter");
        let mut choice_labels = Vec::new();
        let mut or_other_field = None;
        if let Some(list) = &list {
            match lists.get(list) {
                Some(items) => {
                    let mut choice_names: Vec<String> = items.iter().map(|(n, _, _)| n.clone()).collect();
                    choice_labels = items.iter().map(|(n, t, _)| (n.clone(), t.clone())).collect();
                    let mut columns: BTreeMap<String, Vec<String>> = BTreeMap::new();
                    for column in list_columns.get(list).into_iter().flatten() {
                        columns.insert(
                            column.clone(),
                            items.iter().map(|(_, _, c)| c.get(column).cloned().unwrap_or_default()).collect(),
                        );
                    }
                    if or_other && !choice_names.iter().any(|n| n == "other") {
                        let (choice, specify) = other_texts();
                        choice_names.push("other".into());
                        choice_labels.push(("other".into(), choice));
                        for values in columns.values_mut() {
                            values.push(String::new());
                        }
                        let other_name = format!("{name}_other");
                        if names_in(&survey).contains(&other_name) {
                            problems.push(survey.problem(
                                "xlsform.name-duplicate",
                                row,
                                Some("type"),
                                format!("or_other adds a question '{other_name}', a name the sheet already has"),
                            ));
                        }
                        names.insert(other_name.clone(), row);
                        or_other_field = Some((other_name, specify));
                    }
                    field.insert("choices".into(), json!(choice_names));
                    if !filter.is_empty() {
                        field.insert("choice_columns".into(), json!(columns));
                    }
                }
                None => {
                    let near = lists.keys().find(|k| k.eq_ignore_ascii_case(list));
                    let detail = match near {
                        Some(k) => format!(
                            "no choice list '{list}' on the choices sheet (there is '{k}': names keep their case)"
                        ),
                        None => format!("no choice list '{list}' on the choices sheet"),
                    };
                    problems.push(survey.problem("xlsform.list", row, Some("type"), detail));
                    continue;
                }
            }
            if !filter.is_empty() {
                field.insert("choice_filter".into(), json!(filter));
                pending.push(Pending {
                    row,
                    column: "choice_filter".into(),
                    source: filter.to_owned(),
                    list: Some(list.clone()),
                    repeat: here.clone(),
                });
            }
        } else if !filter.is_empty() {
            problems.push(survey.problem(
                "xlsform.choice-filter",
                row,
                Some("choice_filter"),
                "a choice filter belongs to a select",
            ));
        }
        let texts = FieldTexts {
            id: name.clone(),
            labels: labels.clone(),
            hints: hints.clone(),
            constraint: constraint_message,
            required: required_message,
            audio: audio.clone(),
            choices: choice_labels,
        };
        let mut fields = vec![(Value::Object(field), texts)];
        if let Some((other, specify)) = or_other_field {
            let mut f = Map::new();
            f.insert("id".into(), json!(other));
            f.insert("type".into(), json!("text"));
            // Not required, as pyxform makes it (the oracle test holds it to that).
            f.insert("relevant".into(), json!(format!("selected(${{{name}}}, 'other')")));
            fields.push((Value::Object(f), FieldTexts { id: other, labels: specify, ..FieldTexts::default() }));
        }
        match open.last_mut() {
            Some(group) => {
                if !video.is_empty() {
                    problems.push(survey.problem(
                        "xlsform.media",
                        row,
                        Some("media::video"),
                        "a sign clip belongs to the step: put it on the 'begin group' row",
                    ));
                }
                if current.is_none() {
                    group.segments += 1;
                    let wanted = if group.segments == 1 {
                        group.name.clone()
                    } else {
                        format!("{}-{}", group.name, group.segments)
                    };
                    current = Some(StepDraft {
                        id: String::new(),
                        question: group.labels.clone(),
                        hint: group.hint.clone(),
                        sign: group.sign.clone(),
                        audio: group.audio.clone(),
                        relevant: None,
                        repeat: None,
                        shows: group.shows.clone(),
                        fields: vec![],
                        texts: vec![],
                    });
                    if let Some(step) = &mut current {
                        step.id = unique_step(&wanted);
                        step.relevant = chain(&open);
                    }
                }
                if let Some(step) = &mut current {
                    for (f, t) in fields {
                        step.fields.push(f);
                        step.texts.push(t);
                    }
                }
            }
            None => {
                let sign = found.video(&survey, row, video, &mut problems);
                let id = unique_step(&name);
                // A lone question is its own step: its label is the step's question, and the field
                // shows no second copy of its hint.
                let mut step = StepDraft {
                    id,
                    question: labels.clone(),
                    hint: hints.clone(),
                    sign,
                    audio: audio.clone(),
                    relevant: None,
                    repeat: None,
                    shows: shows.clone(),
                    fields: vec![],
                    texts: vec![],
                };
                for (f, mut t) in fields {
                    if t.id == name {
                        t.hints = Texts::new();
                        t.audio = Texts::new();
                    }
                    step.fields.push(f);
                    step.texts.push(t);
                }
                steps.push(step);
            }
        }
    }
    close(&mut current, &mut steps);
    for g in open {
        let what = if g.repeat { "this repeat never ends" } else { "this group never ends" };
        problems.push(survey.problem("xlsform.end-group", g.row, Some("type"), what));
    }
    if steps.is_empty() && problems.is_empty() {
        problems.push(survey.problem("xlsform.empty", 2, None, "the survey has no questions"));
    }
    // Expressions: each parses, and reads only names the sheet has (and its list's columns).
    for p in &pending {
        match Logic::parse(&p.source) {
            Err(e) => problems.push(survey.problem(
                if e.code() == "expr.unsupported" || e.code() == "expr.function" {
                    "xlsform.expression-unsupported"
                } else {
                    "xlsform.expression"
                },
                p.row,
                Some(&p.column),
                format!("{}: {e}", p.source),
            )),
            Ok(l) => {
                if let Some(missing) = l.expr.fields().into_iter().find(|n| !names.contains_key(*n)) {
                    problems.push(survey.problem(
                        "xlsform.reference",
                        p.row,
                        Some(&p.column),
                        format!("${{{missing}}}: no question has this name"),
                    ));
                }
                // count() and sum(): over a repeat, or a question in one; where a step's
                // relevant or a repeat's count reads one, a repeat above it.
                let over = l.expr.over_instances();
                let on_step = p.column == "repeat_count" || (p.column == "relevant" && step_rows.contains(&p.row));
                for n in &over {
                    let repeat = repeat_rows
                        .get(*n)
                        .map(|r| (*n, *r))
                        .or_else(|| in_repeat.get(*n).and_then(|r| repeat_rows.get(r).map(|row| (r.as_str(), *row))));
                    match repeat {
                        None if names.contains_key(*n) => problems.push(survey.problem(
                            "xlsform.repeat-reference",
                            p.row,
                            Some(&p.column),
                            format!("${{{n}}} is not a repeat nor asked in one: count() and sum() read a repeat's instances"),
                        )),
                        Some((r, at)) if on_step && at >= p.row => problems.push(survey.problem(
                            "xlsform.repeat-reference",
                            p.row,
                            Some(&p.column),
                            format!("repeat '{r}' is not above this row: a group's relevant or a repeat's count reads only repeats above it"),
                        )),
                        _ => {}
                    }
                }
                for n in l.expr.fields().into_iter().filter(|n| !over.contains(n)) {
                    if repeat_rows.contains_key(n) {
                        problems.push(survey.problem(
                            "xlsform.repeat-reference",
                            p.row,
                            Some(&p.column),
                            format!("${{{n}}} is a repeat: count(${{{n}}}) counts its instances"),
                        ));
                        continue;
                    }
                    if let Some(r) = in_repeat.get(n).filter(|r| Some(*r) != p.repeat.as_ref()) {
                        problems.push(survey.problem(
                            "xlsform.repeat-reference",
                            p.row,
                            Some(&p.column),
                            format!("${{{n}}} is asked in repeat '{r}': only that repeat's questions may read it (or count() and sum() over it)"),
                        ));
                    }
                }
                let columns = p.list.as_ref().and_then(|l| list_columns.get(l));
                for c in l.expr.columns() {
                    let known = p.list.is_some() && (c == "name" || columns.is_some_and(|cs| cs.contains(c)));
                    if !known {
                        problems.push(survey.problem(
                            "xlsform.reference",
                            p.row,
                            Some(&p.column),
                            match p.list {
                                Some(_) => format!("'{c}' is not a column of the choices sheet"),
                                None => format!("'{c}' is not a question: write ${{{c}}}"),
                            },
                        ));
                    }
                }
            }
        }
    }
    if !title.contains_key(&Locale::FALLBACK) && problems.is_empty() {
        let detail = "the form needs a Korean title: add form_title::한국어 (ko) on the settings sheet";
        warnings.push(match (&settings, title_row) {
            (Some(s), None) => s.problem("xlsform.label-missing", srow, Some("form_title::한국어 (ko)"), detail),
            (_, Some(row)) => survey.problem(
                "xlsform.label-missing",
                row,
                Some("label::한국어 (ko)"),
                "the form's title is this first label (there is no form_title): add a Korean label, or form_title::한국어 (ko) on a settings sheet",
            ),
            (None, None) => Problem { sheet: Some(survey.sheet.clone()), ..Problem::new("xlsform.label-missing", detail) },
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    // The form, then its texts under the ids the form gives them.
    let mut form = json!({
        "id": form_id,
        "version": version,
        "revision": revision,
        "identify": yes(setting("identify")),
        "sign": match setting("sign") { "" => format!("{form_id}-intro"), s => s.to_owned() },
        "steps": steps.iter().map(|s| {
            let mut step = json!({
                "id": s.id,
                "sign": s.sign.clone().unwrap_or_else(|| format!("{form_id}-{}", s.id)),
                "fields": s.fields,
            });
            if let Some(r) = &s.relevant {
                step["relevant"] = json!(r);
            }
            if let Some(r) = &s.repeat {
                step["repeat"] = r.clone();
            }
            if !s.shows.is_empty() {
                step["shows"] = json!(s.shows);
            }
            step
        }).collect::<Vec<_>>(),
    });
    for (step, draft) in form["steps"].as_array_mut().into_iter().flatten().zip(&steps) {
        for (field, texts) in step["fields"].as_array_mut().into_iter().flatten().zip(&draft.texts) {
            if !texts.hints.is_empty() {
                field["hint"] = json!(true);
            }
        }
    }
    let located = |e: String| {
        vec![Problem { code: "form.invalid", sheet: Some(survey.sheet.clone()), row: None, column: None, detail: e }]
    };
    let form: Form = serde_json::from_value(strip_nulls(form)).map_err(|e| located(e.to_string()))?;
    let form_toml = toml::to_string(&form).map_err(|e| located(e.to_string()))?;
    let form = Form::parse("upload", &form_toml).map_err(|e| located(e.to_string()))?;

    let mut ftl: BTreeMap<Locale, String> = BTreeMap::new();
    // A question's texts show answers (`${name}` as a variable); every other text is words alone.
    let mut put = |id: &str, texts: &Texts, attrs: &[(&str, &Texts)], showing: bool| {
        let value_of = |t: &str| if showing { ftl_pattern(t) } else { ftl_value(t) };
        for locale in Locale::ALL {
            let Some(value) = texts.get(&locale) else { continue };
            let out = ftl.entry(locale).or_default();
            out.push_str(&format!("{id} = {}\n", value_of(value)));
            for (name, a) in attrs {
                if let Some(v) = a.get(&locale) {
                    out.push_str(&format!("    .{name} = {}\n", value_of(v)));
                }
            }
        }
    };
    let mut audio_files: Vec<(Locale, String, String)> = Vec::new();
    put(&form.title_id(), &title, &[("summary", &summary)], false);
    for (step, draft) in form.steps.iter().zip(&steps) {
        let q = form.question_id(step);
        if step.fields.iter().any(|f| f.kind != FieldKind::Calculate) {
            put(&q, &draft.question, &[("hint", &draft.hint)], !step.shows.is_empty());
        }
        for (locale, file) in &draft.audio {
            audio_files.push((*locale, q.clone(), file.clone()));
        }
        for (field, t) in step.fields.iter().zip(&draft.texts) {
            if field.kind == FieldKind::Calculate {
                continue;
            }
            let l = form.label_id(field);
            let attrs = [("hint", &t.hints), ("constraint", &t.constraint), ("required", &t.required)];
            put(&l, &t.labels, &attrs, !field.shows.is_empty());
            for (locale, file) in &t.audio {
                audio_files.push((*locale, l.clone(), file.clone()));
            }
            for (c, texts) in &t.choices {
                put(&form.choice_id(field, c), texts, &[], false);
            }
        }
    }
    for (locale, id, file) in audio_files {
        found.audio(locale, &id, &file, &mut problems);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    // Every language column the sheet has replaces that language's texts of this form; a language
    // without a column keeps what it had.
    let languages: BTreeSet<Locale> = survey
        .languages_with_default("label", default_language)
        .into_iter()
        .filter_map(|(_, l)| l)
        .chain(ftl.keys().copied())
        .collect();
    let texts = languages.into_iter().map(|l| (l, ftl.remove(&l).unwrap_or_default())).collect();
    Ok(FormUpload {
        kind: crate::publish::Kind::Form,
        form_toml,
        texts,
        media: found.files,
        clips: found.clips,
        warnings,
    })
}

/// The warnings that stop a converted form from going into the draft: the kiosk's texts fall back
/// to Korean, so every question needs a Korean label before kiosks can show it.
pub fn needs_korean(warnings: &[Problem]) -> Vec<Problem> {
    warnings.iter().filter(|w| w.code == "xlsform.label-missing").cloned().collect()
}

/// Every name the survey sheet gives.
fn names_in(survey: &Table) -> BTreeSet<String> {
    survey.rows.iter().map(|(_, cells)| survey.get(cells, "name").to_owned()).filter(|n| !n.is_empty()).collect()
}

/// JSON `null`s removed (a form field left out, not set to nothing).
fn strip_nulls(v: Value) -> Value {
    match v {
        Value::Object(m) => {
            Value::Object(m.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k, strip_nulls(v))).collect())
        }
        Value::Array(a) => Value::Array(a.into_iter().map(strip_nulls).collect()),
        other => other,
    }
}
