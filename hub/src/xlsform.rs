//! XLSForm spreadsheets in and out: an admin's .xlsx becomes one of our forms plus its texts in
//! every language it has; a published form goes back out as a spreadsheet to edit.
//!
//! Sheets: `survey` (`type`, `name`, `label::<language> (<code>)`, `hint::…`, `required`,
//! `constraint`, `constraint_message::…`, `media::video`, `media::audio::…`, and our `check`, `prefill`, `personal`),
//! `choices` (`list_name`, `name`, `label::…`) and `settings` (`form_id`, `version`,
//! `form_title::…`, and our `summary::…`, `identify`, `sign`). A `begin group` … `end group` is one
//! step of the kiosk; a question outside a group is a step of its own. `${name}` in a question's
//! label, hint or message shows that answer (a Fluent variable, [`minwon_core::form::shown_var`]).
//! Every problem names the sheet, the row and the column, as the spreadsheet shows them.

use crate::publish::Problem;
use crate::xlsx::{column_name, Sheet};
use calamine::{Data, Reader, Sheets, Xls, Xlsx};
use minwon_core::form::{DateRange, Field, FieldKind, Form};
use minwon_core::{Locale, Localizer};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// Texts of one thing, by locale.
pub(crate) type Texts = BTreeMap<Locale, String>;

pub(crate) struct Table {
    /// The sheet's name as the workbook spells it.
    pub(crate) sheet: String,
    headers: Vec<String>,
    /// (row number as shown, cells)
    pub(crate) rows: Vec<(u32, Vec<String>)>,
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::String(s) => s.trim().to_owned(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

impl Table {
    pub(crate) fn read<R: std::io::Read + std::io::Seek>(
        book: &mut Sheets<R>,
        sheet: &str,
        required: bool,
    ) -> Result<Option<Table>, Problem> {
        // Sheet names are matched without case, as pyxform does (`Survey`, `CHOICES`).
        let name = book.sheet_names().into_iter().find(|n| n.trim().eq_ignore_ascii_case(sheet));
        let Some(Ok(range)) = name.as_ref().map(|n| book.worksheet_range(n)) else {
            return if required {
                Err(Problem {
                    sheet: Some(sheet.into()),
                    ..Problem::new("xlsform.sheet-missing", format!("the workbook has no '{sheet}' sheet"))
                })
            } else {
                Ok(None)
            };
        };
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut rows = range.rows().enumerate();
        let headers = match rows.next() {
            // Columns before the range's first column are empty: pad so indexes are sheet columns.
            Some((_, h)) => {
                std::iter::repeat_n(String::new(), c0 as usize).chain(h.iter().map(|c| header(&cell_text(c)))).collect()
            }
            None => Vec::new(),
        };
        let sheet = name.unwrap_or_else(|| sheet.to_owned());
        let rows = rows
            .map(|(i, r)| {
                let cells = std::iter::repeat_n(String::new(), c0 as usize).chain(r.iter().map(cell_text)).collect();
                (r0 + i as u32 + 1, cells)
            })
            // A row is empty when every cell under a header is: pyxform reads no column without one.
            .filter(|(_, cells): &(u32, Vec<String>)| {
                cells.iter().zip(&headers).any(|(c, h)| !c.is_empty() && !h.is_empty())
            })
            .collect();
        Ok(Some(Table { sheet, headers, rows }))
    }

    /// A sheet the workbook must have.
    pub(crate) fn required<R: std::io::Read + std::io::Seek>(
        book: &mut Sheets<R>,
        sheet: &str,
    ) -> Result<Table, Vec<Problem>> {
        Table::read(book, sheet, true).map_err(|p| vec![p])?.ok_or_else(Vec::new)
    }

    pub(crate) fn col(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }

    pub(crate) fn get<'a>(&self, row: &'a [String], name: &str) -> &'a str {
        self.col(name).and_then(|c| row.get(c)).map(String::as_str).unwrap_or("")
    }

    pub(crate) fn problem(
        &self,
        code: &'static str,
        row: u32,
        column: Option<&str>,
        detail: impl Into<String>,
    ) -> Problem {
        let column = column.map(|name| match self.col(name) {
            Some(c) => format!("{} ({name})", column_name(c)),
            None => name.to_owned(),
        });
        Problem { code, sheet: Some(self.sheet.clone()), row: Some(row), column, detail: detail.into() }
    }

    /// The language columns of `prefix` (`label`, `hint`, `form_title` …): (column header, locale).
    /// A bare `label` is the form's default language (Korean unless `default_language` says).
    pub(crate) fn languages(&self, prefix: &str) -> Vec<(String, Option<Locale>)> {
        self.languages_with_default(prefix, Some(Locale::FALLBACK))
    }

    pub(crate) fn languages_with_default(
        &self,
        prefix: &str,
        default: Option<Locale>,
    ) -> Vec<(String, Option<Locale>)> {
        self.headers
            .iter()
            .filter_map(|h| {
                if h == prefix {
                    return Some((h.clone(), default));
                }
                let rest = h.strip_prefix(prefix)?;
                let lang = rest.strip_prefix("::").or_else(|| rest.strip_prefix(':'))?;
                Some((h.clone(), language(lang)))
            })
            .collect()
    }

    /// The headers of the sheet, as read (lowercased, aliases resolved), with their columns.
    pub(crate) fn headers(&self) -> impl Iterator<Item = (usize, &str)> {
        self.headers.iter().enumerate().filter(|(_, h)| !h.is_empty()).map(|(i, h)| (i, h.as_str()))
    }

    pub(crate) fn texts(&self, row: &[String], prefix: &str) -> Texts {
        self.texts_with_default(row, prefix, Some(Locale::FALLBACK))
    }

    pub(crate) fn texts_with_default(&self, row: &[String], prefix: &str, default: Option<Locale>) -> Texts {
        self.languages_with_default(prefix, default)
            .into_iter()
            .filter_map(|(h, l)| Some((l?, self.get(row, &h).to_owned())))
            .filter(|(_, t)| !t.is_empty())
            .collect()
    }
}

/// A header as matched: without case (except a language code in parentheses), runs of spaces as
/// one, and pyxform's other spellings (`list name`, `constraint message`, `bind::relevant`) as the
/// usual one.
fn header(raw: &str) -> String {
    let raw = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let h = match raw.split_once('(') {
        Some((head, tail)) => format!("{}({tail}", head.to_lowercase()),
        None => raw.to_lowercase(),
    };
    let h = h.strip_prefix("bind::").or_else(|| h.strip_prefix("bind:")).map_or(h.clone(), str::to_owned);
    let h = match h.as_str() {
        "list name" => "list_name".to_owned(),
        "calculate" => "calculation".to_owned(),
        "jr:constraintmsg" => "constraint_message".to_owned(),
        "jr:requiredmsg" | "requiredmsg" => "required_message".to_owned(),
        "constraintmsg" => "constraint_message".to_owned(),
        "readonly" => "read_only".to_owned(),
        "choice filter" => "choice_filter".to_owned(),
        _ => h,
    };
    // `constraint message::English (en)` → `constraint_message::English (en)`
    for (spaced, usual) in [("constraint message", "constraint_message"), ("required message", "required_message")] {
        if let Some(rest) = h.strip_prefix(spaced) {
            return format!("{usual}{rest}");
        }
    }
    h.strip_prefix("jr:constraintmsg").map_or(h.clone(), |rest| format!("constraint_message{rest}"))
}

/// A language as XLSForm columns name it: `English (en)`, `한국어 (ko)`, a code (`en`, `zh-CN`),
/// or an English name.
pub(crate) fn language(s: &str) -> Option<Locale> {
    let s = s.trim();
    if let Some(code) = s.rsplit_once('(').and_then(|(_, c)| c.strip_suffix(')')) {
        return language(code);
    }
    if let Ok(l) = Locale::parse(s) {
        return Some(l);
    }
    match s.to_lowercase().as_str() {
        "korean" | "한국어" => Some(Locale::Ko),
        "easy korean" | "쉬운 한국어" | "ko-easy" => Some(Locale::KoEasy),
        "english" | "en-us" | "en-gb" => Some(Locale::En),
        "chinese" | "中文" | "简体中文" | "zh" | "zh-hans" | "chinese (simplified)" => Some(Locale::ZhCn),
        "vietnamese" | "tiếng việt" => Some(Locale::Vi),
        _ => None,
    }
}

fn yes(s: &str) -> bool {
    matches!(s.trim().to_lowercase().as_str(), "yes" | "true" | "1" | "true()" | "y")
}

/// Opens an uploaded workbook.
/// A workbook, by its content: an .xlsx (a zip), or an .xls (a compound file, checked against the
/// limits and rebuilt by [`crate::workbook::xls`] before calamine reads it).
pub(crate) fn open_book(bytes: &[u8]) -> Result<Sheets<std::io::Cursor<Vec<u8>>>, Vec<Problem>> {
    let not_one = || vec![Problem::new("xlsform.not-xlsx", "the file is not an .xlsx or .xls workbook")];
    if crate::workbook::is_xls(bytes) {
        let checked = crate::workbook::xls(bytes)?;
        // calamine's BIFF parser indexes records it has not measured on some malformed files: a
        // panic there is a workbook that is not one, not a hub that stops.
        let opened = std::panic::catch_unwind(move || Xls::new(std::io::Cursor::new(checked)));
        return match opened {
            Ok(Ok(book)) => Ok(Sheets::Xls(book)),
            _ => Err(not_one()),
        };
    }
    Xlsx::new(std::io::Cursor::new(bytes.to_vec())).map(Sheets::Xlsx).map_err(|_| not_one())
}

/// The media a spreadsheet names: sign clips and recorded prompts uploaded with it (by file
/// name), or clips the hub already has.
pub(crate) struct Media<'a, K: Fn(&str) -> bool> {
    attachments: &'a BTreeMap<String, Vec<u8>>,
    known_clip: K,
    /// Files to add, by bundle path.
    pub(crate) files: Vec<(String, Vec<u8>)>,
    /// Clips to list: (sign language, clip id, file).
    pub(crate) clips: Vec<(String, String, String)>,
}

impl<'a, K: Fn(&str) -> bool> Media<'a, K> {
    pub(crate) fn new(attachments: &'a BTreeMap<String, Vec<u8>>, known_clip: K) -> Self {
        Media { attachments, known_clip, files: Vec::new(), clips: Vec::new() }
    }

    /// A `media::video` cell: the clip id it gives (the file's stem), or `None` (an empty cell,
    /// or a problem, recorded).
    pub(crate) fn video(&mut self, table: &Table, row: u32, file: &str, problems: &mut Vec<Problem>) -> Option<String> {
        if file.is_empty() {
            return None;
        }
        let Some((stem, _)) = file.rsplit_once('.') else {
            problems.push(table.problem(
                "xlsform.media",
                row,
                Some("media::video"),
                "a clip file name, e.g. step.webp",
            ));
            return None;
        };
        match self.attachments.get(file) {
            Some(bytes) => {
                self.files.push((format!("assets/sign/ksl/{file}"), bytes.clone()));
                self.clips.push(("ksl".to_owned(), stem.to_owned(), file.to_owned()));
            }
            // A clip the hub has: the step names it, its manifest entry stays as it is.
            None if (self.known_clip)(file) => {}
            None => {
                let detail = format!("{file} was not uploaded with the spreadsheet");
                problems.push(table.problem("xlsform.media-missing", row, Some("media::video"), detail));
                return None;
            }
        }
        Some(stem.to_owned())
    }

    /// A `media::audio::<language>` cell: the recorded prompt of `message` in `locale`.
    pub(crate) fn audio(&mut self, locale: Locale, message: &str, file: &str, problems: &mut Vec<Problem>) {
        let ext = file.rsplit_once('.').map(|(_, e)| e.to_lowercase()).unwrap_or_default();
        match self.attachments.get(file) {
            Some(bytes) if ext == "wav" || ext == "ogg" => {
                self.files.push((format!("assets/voice/{}/{message}.{ext}", locale.tag()), bytes.clone()))
            }
            _ => problems.push(Problem::new(
                "xlsform.media-missing",
                format!("{file}: upload a .wav or .ogg with the spreadsheet"),
            )),
        }
    }
}

/// Escapes text for a Fluent message value (braces are syntax; lines after the first are indented).
pub(crate) fn ftl_value(text: &str) -> String {
    layout(&escape_braces(text))
}

fn escape_braces(text: &str) -> String {
    text.replace('{', "\u{0}").replace('}', "{\"}\"}").replace('\u{0}', "{\"{\"}")
}

fn layout(escaped: &str) -> String {
    escaped.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n    ")
}

/// A text in XLSForm's terms, the pieces between its `${name}` references and the names.
enum Piece<'a> {
    Text(&'a str),
    Shows(&'a str),
}

/// Splits a label at its `${name}` references; `Err` quotes a `${` that does not make one.
fn pieces(text: &str) -> Result<Vec<Piece<'_>>, String> {
    let mut out = vec![];
    let mut rest = text;
    while let Some(at) = rest.find("${") {
        out.push(Piece::Text(&rest[..at]));
        let after = &rest[at + 2..];
        match after.find('}').map(|end| (&after[..end], end)) {
            Some((name, end)) if minwon_core::form::is_name(name) => {
                out.push(Piece::Shows(name));
                rest = &after[end + 1..];
            }
            _ => return Err(rest[at..].chars().take(24).collect()),
        }
    }
    out.push(Piece::Text(rest));
    Ok(out)
}

/// The questions a text shows (`${name}`), in order; `Err` quotes a `${` that names none.
pub(crate) fn shown_names(text: &str) -> Result<Vec<String>, String> {
    Ok(pieces(text)?
        .into_iter()
        .filter_map(|p| match p {
            Piece::Shows(n) => Some(n.to_owned()),
            Piece::Text(_) => None,
        })
        .collect())
}

/// A text for a Fluent message value with each `${name}` as the answer's variable
/// ([`minwon_core::form::shown_var`]); a text [`shown_names`] refused stays as written.
pub(crate) fn ftl_pattern(text: &str) -> String {
    let Ok(pieces) = pieces(text) else { return ftl_value(text) };
    let escaped: String = pieces
        .into_iter()
        .map(|p| match p {
            Piece::Text(t) => escape_braces(t),
            Piece::Shows(n) => format!("{{ ${} }}", minwon_core::form::shown_var(n)),
        })
        .collect();
    layout(&escaped)
}

/// Maps an XLSForm constraint on `.` to our rules; `None` when it does not map.
fn constraint(expr: &str, field: &mut Map<String, Value>) -> Option<()> {
    let lower = expr.trim();
    for part in lower.split(" and ") {
        let p: String = part.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(rest) = p.strip_prefix("regex(., '").or_else(|| p.strip_prefix("regex(.,'")) {
            let pattern = rest.strip_suffix("')")?;
            field.insert("pattern".into(), json!(pattern.trim_start_matches('^').trim_end_matches('$')));
            continue;
        }
        let (lhs, op, rhs) = ["<=", ">=", "<", ">"].iter().find_map(|op| {
            let (l, r) = p.split_once(op)?;
            Some((l.trim().to_owned(), *op, r.trim().to_owned()))
        })?;
        if rhs == "today()" && lhs == "." {
            let range = match op {
                "<=" => DateRange::PastOrToday,
                ">=" => DateRange::TodayOrFuture,
                _ => return None,
            };
            field.insert("dates".into(), serde_json::to_value(range).ok()?);
            continue;
        }
        let n: i64 = rhs.parse().ok()?;
        let (key, value) = match (lhs.as_str(), op) {
            ("string-length(.)", ">=") => ("min_length", n),
            ("string-length(.)", ">") => ("min_length", n + 1),
            ("string-length(.)", "<=") => ("max_length", n),
            ("string-length(.)", "<") => ("max_length", n - 1),
            (".", ">=") => ("min", n),
            (".", ">") => ("min", n + 1),
            (".", "<=") => ("max", n),
            (".", "<") => ("max", n - 1),
            _ => return None,
        };
        field.insert(key.into(), json!(value));
    }
    Some(())
}

mod import;
pub use import::{import, needs_korean};

fn constraint_of(f: &Field) -> String {
    let mut parts = Vec::new();
    if let Some(n) = f.min_length {
        parts.push(format!("string-length(.) >= {n}"));
    }
    if let Some(n) = f.max_length {
        parts.push(format!("string-length(.) <= {n}"));
    }
    if let Some(n) = f.min {
        parts.push(format!(". >= {n}"));
    }
    if let Some(n) = f.max {
        parts.push(format!(". <= {n}"));
    }
    match f.dates {
        Some(DateRange::PastOrToday) => parts.push(". <= today()".into()),
        Some(DateRange::TodayOrFuture) => parts.push(". >= today()".into()),
        None => {}
    }
    if let Some(p) = &f.pattern {
        parts.push(format!("regex(., '^{p}$')"));
    }
    parts.join(" and ")
}

/// A locale's own text for `id`, or nothing (an empty cell keeps the fallback to Korean).
pub(crate) fn own_text(l10n: &Localizer, l: Locale, id: &str) -> String {
    own_text_showing(l10n, l, id, &[])
}

/// Like [`own_text`], with each variable (an answer the text shows) as the given words.
pub(crate) fn own_text_showing(l10n: &Localizer, l: Locale, id: &str, vars: &[(String, String)]) -> String {
    let args: Vec<(&str, minwon_core::i18n::Arg)> =
        vars.iter().map(|(k, v)| (k.as_str(), minwon_core::i18n::Arg::Str(v.clone()))).collect();
    if l10n.has_own(l, id) {
        l10n.try_format(l, id, &args).unwrap_or_default()
    } else {
        String::new()
    }
}

pub(crate) fn lang_header(prefix: &str, l: Locale) -> String {
    format!("{prefix}::{} ({})", l.endonym(), l.tag())
}

/// A form and its texts as an XLSForm workbook (only the form's own texts; shared ones stay).
pub fn export(form: &Form, l10n: &Localizer) -> std::io::Result<Vec<u8>> {
    let own = |l: Locale, id: &str| own_text(l10n, l, id);
    let mut header = vec!["type".to_owned(), "name".to_owned()];
    header.extend(Locale::ALL.iter().map(|l| lang_header("label", *l)));
    header.extend(Locale::ALL.iter().map(|l| lang_header("hint", *l)));
    header.extend(Locale::ALL.iter().map(|l| lang_header("constraint_message", *l)));
    header.extend(Locale::ALL.iter().map(|l| lang_header("required_message", *l)));
    header.extend(["required", "constraint", "media::video", "check", "prefill", "personal"].map(String::from));
    // The form's logic, as the sheet's own columns (so nothing is lost on the way back in).
    header.extend(["relevant", "calculation", "default", "choice_filter", "repeat_count"].map(String::from));
    let mut survey = vec![header];
    let columns: std::collections::BTreeSet<&String> = form.fields().flat_map(|f| f.choice_columns.keys()).collect();
    let mut choices = vec![{
        let mut h = vec!["list_name".to_owned(), "name".to_owned()];
        h.extend(Locale::ALL.iter().map(|l| lang_header("label", *l)));
        h.extend(columns.iter().map(|c| (*c).clone()));
        h
    }];
    for step in &form.steps {
        let q = form.question_id(step);
        let (begin, end) = if step.is_repeat() { ("begin repeat", "end repeat") } else { ("begin group", "end group") };
        let mut row = vec![begin.to_owned(), step.id.clone()];
        let refs: Vec<(String, String)> =
            step.shows.iter().map(|n| (minwon_core::form::shown_var(n), format!("${{{n}}}"))).collect();
        row.extend(Locale::ALL.iter().map(|l| own_text_showing(l10n, *l, &q, &refs)));
        row.extend(Locale::ALL.iter().map(|l| own_text_showing(l10n, *l, &format!("{q}.hint"), &refs)));
        row.extend(std::iter::repeat_n(String::new(), 2 * Locale::ALL.len()));
        row.extend([
            String::new(),
            String::new(),
            format!("{}.webp", step.sign),
            String::new(),
            String::new(),
            String::new(),
            step.relevant.as_ref().map(|l| l.source.clone()).unwrap_or_default(),
            String::new(),
            String::new(),
            String::new(),
            step.repeat.as_ref().and_then(|r| r.count.as_ref()).map(|l| l.source.clone()).unwrap_or_default(),
        ]);
        survey.push(row);
        for f in &step.fields {
            let kind = match f.kind {
                FieldKind::Text => "text".to_owned(),
                FieldKind::Number => "integer".to_owned(),
                FieldKind::Date => "date".to_owned(),
                FieldKind::Phone => "phone".to_owned(),
                FieldKind::Address => "address".to_owned(),
                FieldKind::SingleChoice => format!("select_one {}", f.id),
                FieldKind::MultipleChoice => format!("select_multiple {}", f.id),
                FieldKind::Consent => "acknowledge".to_owned(),
                FieldKind::Photo => "image".to_owned(),
                FieldKind::Note => "note".to_owned(),
                FieldKind::Calculate => "calculate".to_owned(),
            };
            let label = form.label_id(f);
            let mut row = vec![kind, f.id.clone()];
            // The answers its texts show, back as XLSForm writes them.
            let refs: Vec<(String, String)> =
                f.shows.iter().map(|n| (minwon_core::form::shown_var(n), format!("${{{n}}}"))).collect();
            let own = |l: Locale, id: &str| own_text_showing(l10n, l, id, &refs);
            for text in ["", ".hint", ".constraint", ".required"] {
                row.extend(Locale::ALL.iter().map(|l| own(*l, &format!("{label}{text}"))));
            }
            let check = f
                .check
                .map(|c| serde_json::to_value(c).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default());
            let prefill = f.prefill.as_ref().map(|p| {
                serde_json::to_value(p)
                    .ok()
                    .and_then(|v| v.as_str().map(|s| format!("document.{s}")))
                    .unwrap_or_default()
            });
            let source =
                |l: &Option<minwon_core::form::Logic>| l.as_ref().map(|l| l.source.clone()).unwrap_or_default();
            let required = match (&f.required_if, f.required) {
                (Some(l), false) => l.source.clone(),
                (_, true) => "yes".into(),
                (None, false) => String::new(),
            };
            let constraint = match (constraint_of(f), &f.constraint) {
                (rules, Some(l)) if !rules.is_empty() => format!("({rules}) and ({})", l.source),
                (_, Some(l)) => l.source.clone(),
                (rules, None) => rules,
            };
            row.extend([
                required,
                constraint,
                String::new(),
                check.unwrap_or_default(),
                prefill.unwrap_or_default(),
                if f.personal { "yes".into() } else { "no".into() },
                source(&f.relevant),
                source(&f.calculate),
                f.default.clone().unwrap_or_default(),
                source(&f.choice_filter),
                String::new(),
            ]);
            survey.push(row);
            for (i, c) in f.choices.iter().enumerate() {
                let mut row = vec![f.id.clone(), c.clone()];
                row.extend(Locale::ALL.iter().map(|l| own(*l, &form.choice_id(f, c))));
                row.extend(columns.iter().map(|col| f.choice_column(i, col).unwrap_or_default().to_owned()));
                choices.push(row);
            }
        }
        survey.push(vec![end.to_owned()]);
    }
    let mut set_head = vec!["form_id".to_owned(), "version".to_owned(), "identify".to_owned(), "sign".to_owned()];
    set_head.extend(Locale::ALL.iter().map(|l| lang_header("form_title", *l)));
    set_head.extend(Locale::ALL.iter().map(|l| lang_header("summary", *l)));
    let mut set_row = vec![
        form.id.0.clone(),
        (form.version + 1).to_string(),
        if form.identify { "yes" } else { "no" }.into(),
        form.sign.clone(),
    ];
    set_row.extend(Locale::ALL.iter().map(|l| own(*l, &form.title_id())));
    set_row.extend(Locale::ALL.iter().map(|l| own(*l, &format!("{}.summary", form.title_id()))));
    crate::xlsx::write(&[
        Sheet { name: "survey".into(), rows: survey },
        Sheet { name: "choices".into(), rows: choices },
        Sheet { name: "settings".into(), rows: vec![set_head, set_row] },
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xlsx::write;
    use minwon_core::i18n::Arg;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    fn workbook(survey: Vec<Vec<String>>) -> Vec<u8> {
        write(&[
            Sheet { name: "survey".into(), rows: survey },
            Sheet {
                name: "choices".into(),
                rows: vec![
                    row(&["list_name", "name", "label::한국어 (ko)", "label::Tiếng Việt (vi)"]),
                    row(&["item", "wallet", "지갑", "Ví"]),
                    row(&["item", "phone", "휴대전화", "Điện thoại"]),
                ],
            },
            Sheet {
                name: "settings".into(),
                rows: vec![
                    row(&[
                        "form_id",
                        "version",
                        "form_title::한국어 (ko)",
                        "form_title::Tiếng Việt (vi)",
                        "summary::한국어 (ko)",
                    ]),
                    row(&["lost-wallet", "3", "지갑 분실 신고", "Báo mất ví", "잃어버린 지갑을 신고합니다"]),
                ],
            },
        ])
        .expect("writes")
    }

    fn header() -> Vec<String> {
        row(&[
            "type",
            "name",
            "label::한국어 (ko)",
            "label::Tiếng Việt (vi)",
            "hint::한국어 (ko)",
            "required",
            "constraint",
            "media::video",
        ])
    }

    #[test]
    fn a_two_language_spreadsheet_becomes_a_form_with_its_texts_and_clip() {
        let book = workbook(vec![
            header(),
            row(&[
                "begin group",
                "what",
                "무엇을 잃어버렸나요?",
                "Bạn mất gì?",
                "하나를 고르세요",
                "",
                "",
                "what.webp",
            ]),
            row(&["select_one item", "item", "물건", "Đồ vật", "", "yes", "", ""]),
            row(&["end group"]),
            row(&[
                "text",
                "place",
                "어디에서 잃어버렸나요?",
                "Bạn mất ở đâu?",
                "",
                "yes",
                "string-length(.) >= 2 and string-length(.) <= 100",
                "",
            ]),
            row(&["date", "lost-date", "언제 잃어버렸나요?", "Khi nào?", "", "true", ". <= today()", ""]),
        ]);
        let clip = b"RIFF....WEBP".to_vec();
        let attachments = [("what.webp".to_owned(), clip.clone())].into_iter().collect();
        let upload = import(&book, "lost-wallet.xlsx", &attachments, |_| false).expect("imports");
        let form = Form::parse("x", &upload.form_toml).expect("a valid form");
        assert_eq!((form.id.0.as_str(), form.version, form.steps.len()), ("lost-wallet", 3, 3));
        assert_eq!(form.steps[0].sign, "what");
        assert_eq!(form.steps[0].fields[0].choices, ["wallet", "phone"]);
        assert!(!form.steps[0].fields[0].personal, "a choice is not personal unless the sheet says so");
        let place = &form.steps[1].fields[0];
        assert_eq!(
            (place.min_length, place.max_length, place.required, place.personal),
            (Some(2), Some(100), true, true)
        );
        assert_eq!(form.steps[2].fields[0].dates, Some(DateRange::PastOrToday));
        assert_eq!(upload.media, [("assets/sign/ksl/what.webp".to_owned(), clip)]);
        assert_eq!(upload.clips, [("ksl".to_owned(), "what".to_owned(), "what.webp".to_owned())]);
        let texts: BTreeMap<Locale, String> = upload.texts.into_iter().collect();
        assert_eq!(texts.keys().copied().collect::<Vec<_>>(), [Locale::Ko, Locale::Vi]);
        let l = Localizer::new(texts.iter().map(|(l, t)| (*l, "forms.ftl", t.as_str()))).expect("valid FTL");
        assert_eq!(l.format(Locale::Vi, "forms-lost-wallet-item-phone", &[]), "Điện thoại");
        assert_eq!(l.format(Locale::Ko, "forms-lost-wallet-step-what.hint", &[]), "하나를 고르세요");
        assert_eq!(l.format(Locale::Ko, "forms-lost-wallet.summary", &[]), "잃어버린 지갑을 신고합니다");
        assert_eq!(l.format(Locale::Vi, "forms-lost-wallet-step-place", &[]), "Bạn mất ở đâu?");
    }

    #[test]
    fn a_recorded_prompt_in_the_audio_column_becomes_the_questions_voice() {
        let mut head = header();
        head.push("media::audio::한국어 (ko)".into());
        let mut place = row(&["text", "place", "어디에서 잃어버렸나요?", "Bạn mất ở đâu?", "", "yes", "", ""]);
        place.push("place-ko.wav".into());
        let book = workbook(vec![head.clone(), place.clone()]);
        let wav = b"RIFF\0\0\0\0WAVEfmt ".to_vec();
        let attachments = [("place-ko.wav".to_owned(), wav.clone())].into_iter().collect();
        let upload = import(&book, "lost-wallet.xlsx", &attachments, |_| false).expect("imports");
        assert_eq!(upload.media, [("assets/voice/ko/forms-lost-wallet-step-place.wav".to_owned(), wav)]);
        let problems =
            import(&book, "lost-wallet.xlsx", &BTreeMap::new(), |_| false).expect_err("the prompt was not uploaded");
        assert_eq!(problems[0].code, "xlsform.media-missing");
    }

    #[test]
    fn each_problem_names_its_sheet_row_and_column() {
        let book = workbook(vec![
            header(),
            row(&["text", "name", "이름", "Tên", "", "yes", "", ""]),
            row(&["select_one colours", "colour", "색", "Màu", "", "", "", ""]),
            row(&["text", "Bad Name", "잘못", "", "", "", "", ""]),
            row(&["text", "note", "", "Ghi chú", "", "", "", ""]),
            row(&["text", "age", "나이", "", "", "", "pulldata('ages', 'age', 'id', .) > 2", ""]),
            row(&["geopoint", "where", "위치", "", "", "", "", ""]),
            row(&["text", "clip", "영상", "", "", "", "", "missing.webp"]),
        ]);
        let problems = import(&book, "lost-wallet.xlsx", &BTreeMap::new(), |_| false).expect_err("refused");
        let at = |code: &str| {
            let p = problems.iter().find(|p| p.code == code).unwrap_or_else(|| panic!("no {code} in {problems:?}"));
            (p.sheet.clone().unwrap_or_default(), p.row.unwrap_or(0), p.column.clone().unwrap_or_default())
        };
        assert_eq!(at("xlsform.list"), ("survey".into(), 3, "A (type)".into()));
        assert_eq!(at("xlsform.name"), ("survey".into(), 4, "B (name)".into()));
        assert_eq!(at("xlsform.expression-unsupported"), ("survey".into(), 6, "G (constraint)".into()));
        assert_eq!(at("xlsform.type"), ("survey".into(), 7, "A (type)".into()));
        assert_eq!(at("xlsform.media-missing"), ("survey".into(), 8, "H (media::video)".into()));
        assert_eq!(
            import(b"not a workbook", "lost-wallet.xlsx", &BTreeMap::new(), |_| false).expect_err("refused")[0].code,
            "xlsform.not-xlsx"
        );
    }

    #[test]
    fn an_exported_form_imports_back_to_the_same_form() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let checked = crate::publish::check_tree(&root).expect("the shipped assets pass");
        for form in checked.catalog.forms() {
            let book = export(form, &checked.l10n).expect("exports");
            let upload = import(&book, "lost-wallet.xlsx", &BTreeMap::new(), |_| true)
                .unwrap_or_else(|p| panic!("{}: {p:?}", form.id));
            let back = Form::parse("back", &upload.form_toml).expect("valid");
            assert_eq!(back.version, form.version + 1, "{}", form.id);
            assert_eq!(back.steps.len(), form.steps.len(), "{}", form.id);
            for (a, b) in form.steps.iter().zip(&back.steps) {
                assert_eq!((&a.id, &a.sign), (&b.id, &b.sign), "{}", form.id);
                for (fa, fb) in a.fields.iter().zip(&b.fields) {
                    assert_eq!(
                        (
                            fa.kind,
                            fa.required,
                            fa.min_length,
                            fa.max_length,
                            fa.min,
                            fa.max,
                            fa.dates,
                            fa.check,
                            &fa.prefill,
                            &fa.choices,
                            fa.personal,
                            &fa.pattern
                        ),
                        (
                            fb.kind,
                            fb.required,
                            fb.min_length,
                            fb.max_length,
                            fb.min,
                            fb.max,
                            fb.dates,
                            fb.check,
                            &fb.prefill,
                            &fb.choices,
                            fb.personal,
                            &fb.pattern
                        ),
                        "{} {}",
                        form.id,
                        fa.id
                    );
                }
            }
            let ko = &upload.texts.iter().find(|(l, _)| *l == Locale::Ko).expect("Korean").1;
            let q = form.question_id(&form.steps[0]);
            assert!(
                ko.contains(&checked.l10n.format(Locale::Ko, &q, &[])),
                "{}: the first question's Korean text",
                form.id
            );
        }
    }

    #[test]
    fn a_forms_logic_survives_export_and_import() {
        let src = r#"
id = "loss"
version = 4
sign = "intro"
[[steps]]
id = "reason"
sign = "s-reason"
fields = [
  { id = "reason", type = "single_choice", choices = ["lost", "damaged"], required = true, personal = false },
  { id = "born", type = "date", required = true },
  { id = "age", type = "calculate", calculate = "int((today() - ${born}) div 365.25)" },
]
[[steps]]
id = "loss"
sign = "s-loss"
relevant = "${reason} = 'lost'"
fields = [
  { id = "police_no", type = "text", required_if = "${age} >= 19", constraint = ". != '0000' or ${age} < 19", default = "0000" },
  { id = "province", type = "single_choice", choices = ["seoul", "busan"], personal = false },
  { id = "district", type = "single_choice", choices = ["jongno", "haeundae"], personal = false, choice_filter = "province = ${province}", choice_columns = { province = ["seoul", "busan"] } },
]
"#;
        let form = Form::parse("t", src).expect("the form parses");
        let l10n = Localizer::new([(Locale::Ko, "forms.ftl", "forms-other = 다른 서식\n")]).expect("texts");
        let book = export(&form, &l10n).expect("exports");
        let upload = import(&book, "loss.xlsx", &BTreeMap::new(), |_| true).expect("imports");
        let back = Form::parse("back", &upload.form_toml).expect("valid");
        let logic = |f: &Form| -> Vec<(String, &'static str, String)> {
            f.fields().flat_map(|x| x.logic().map(move |(c, l)| (x.id.clone(), c, l.source.clone()))).collect()
        };
        assert_eq!(logic(&back), logic(&form));
        let step = |f: &Form| f.steps.iter().map(|s| s.relevant.as_ref().map(|l| l.source.clone())).collect::<Vec<_>>();
        assert_eq!(step(&back), step(&form));
        let district = back.field("district").expect("district");
        assert_eq!(district.choice_columns, form.field("district").expect("district").choice_columns);
        assert_eq!(back.field("police_no").and_then(|f| f.default.clone()).as_deref(), Some("0000"));
        assert!(!needs_korean(&upload.warnings).is_empty(), "no Korean texts were given: it says so");
    }

    /// An ODK-style sheet with a counted repeat and one the visitor adds to, as an admin writes
    /// them (snake_case names, `label::English (en)`, no settings sheet), and what it may not hold.
    #[test]
    fn repeats_as_odk_writes_them_become_repeated_steps_and_what_they_cannot_hold_is_located() {
        let sheet = |rows: Vec<Vec<String>>| {
            write(&[
                Sheet { name: "survey".into(), rows },
                Sheet {
                    name: "choices".into(),
                    rows: vec![
                        row(&["list_name", "name", "label::한국어 (ko)", "label::English (en)"]),
                        row(&["relation", "spouse", "배우자", "Spouse"]),
                        row(&["relation", "child", "자녀", "Child"]),
                    ],
                },
            ])
            .expect("writes")
        };
        let head =
            row(&["type", "name", "label::한국어 (ko)", "label::English (en)", "required", "relevant", "repeat_count"]);
        let rows = vec![
            head.clone(),
            row(&["integer", "movers", "함께 이사한 사람 수", "People moving with you", "yes", "", ""]),
            row(&["begin repeat", "mover", "함께 이사한 분", "Who moved with you", "", "", "${movers}"]),
            row(&["text", "mover_name", "성명", "Name", "yes", "", ""]),
            row(&["select_one relation", "mover_relation", "관계", "Relation", "yes", "", ""]),
            row(&["text", "mover_note", "메모", "Note", "", "${mover_relation} = 'child'", ""]),
            row(&["end repeat", "", "", "", "", "", ""]),
            row(&["begin repeat", "pet", "반려동물", "Pets", "", "", ""]),
            row(&["text", "pet_name", "이름", "Name", "yes", "", ""]),
            row(&["end repeat", "", "", "", "", "", ""]),
        ];
        let upload = import(&sheet(rows.clone()), "moving_in.xlsx", &BTreeMap::new(), |_| true).expect("imports");
        let form = Form::parse("upload", &upload.form_toml).expect("valid");
        let repeats: Vec<(&str, Option<&str>, u32)> = form
            .steps
            .iter()
            .filter_map(|s| {
                s.repeat.as_ref().map(|r| (s.id.as_str(), r.count.as_ref().map(|l| l.source.as_str()), r.max))
            })
            .collect();
        assert_eq!(repeats, [("mover", Some("${movers}"), 50), ("pet", None, 50)]);
        let mover = &form.steps[form.steps.iter().position(|s| s.id == "mover").expect("mover")];
        let ids: Vec<&str> = mover.fields.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["mover_name", "mover_relation", "mover_note"], "one screen per mover");
        // Exported and imported again, the repeats stay repeats with their counts.
        let l10n = Localizer::new([(Locale::Ko, "forms.ftl", "forms-other = 다른 서식\n")]).expect("texts");
        let again = import(&export(&form, &l10n).expect("exports"), "moving_in.xlsx", &BTreeMap::new(), |_| true)
            .expect("imports again");
        let back = Form::parse("back", &again.form_toml).expect("valid");
        let counts = |f: &Form| {
            f.steps
                .iter()
                .map(|s| s.repeat.as_ref().map(|r| r.count.as_ref().map(|l| l.source.clone())))
                .collect::<Vec<_>>()
        };
        assert_eq!(counts(&back), counts(&form));

        // What a repeat cannot hold, each refused on its own row, nothing after it misread.
        let bad = |edit: &dyn Fn(&mut Vec<Vec<String>>)| {
            let mut r = rows.clone();
            edit(&mut r);
            import(&sheet(r), "moving_in.xlsx", &BTreeMap::new(), |_| true).expect_err("refused")
        };
        let located = |p: &Vec<Problem>| p.iter().map(|p| (p.code, p.row)).collect::<Vec<_>>();
        let outside = bad(&|r| r.push(row(&["text", "after", "뒤", "After", "", "${mover_name} != ''", ""])));
        assert_eq!(located(&outside), [("xlsform.repeat-reference", Some(11))]);
        let nested = bad(&|r| r.insert(4, row(&["begin repeat", "inner", "안", "Inner", "", "", ""])));
        assert_eq!(located(&nested)[0], ("xlsform.repeat", Some(5)));
        let calc = bad(&|r| r.insert(4, row(&["calculate", "twice", "", "", "", "", ""])));
        assert_eq!(located(&calc), [("xlsform.repeat", Some(5))]);
        let group = bad(&|r| {
            r.insert(4, row(&["begin group", "g", "묶음", "Group", "", "", ""]));
            r.insert(6, row(&["end group", "", "", "", "", "", ""]));
        });
        assert_eq!(located(&group), [("xlsform.repeat", Some(5))], "the group is refused, its end matched");
        let count = bad(&|r| r[1][6] = "3".into());
        assert_eq!(located(&count), [("xlsform.column", Some(2))], "repeat_count on a question");
        let open = bad(&|r| {
            r.pop();
        });
        assert_eq!(located(&open), [("xlsform.end-group", Some(8))], "the repeat that never ends");
    }

    /// `${name}` in a label, hint or constraint message, as ODK writes it: the answer shown in
    /// the kiosk's text as a Fluent variable; where it cannot be shown (a choice's label, a name
    /// no question has, another repeat's question) refused on its row and language column.
    #[test]
    fn answers_shown_in_labels_become_variables_and_what_cannot_be_shown_is_located() {
        let sheet = |rows: Vec<Vec<String>>, choice: &str| {
            write(&[
                Sheet { name: "survey".into(), rows },
                Sheet {
                    name: "choices".into(),
                    rows: vec![
                        row(&["list_name", "name", "label::한국어 (ko)", "label::English (en)"]),
                        row(&["relation", "spouse", choice, "Spouse"]),
                        row(&["relation", "child", "자녀", "Child"]),
                    ],
                },
            ])
            .expect("writes")
        };
        let head = row(&[
            "type",
            "name",
            "label::한국어 (ko)",
            "label::English (en)",
            "hint::English (en)",
            "constraint",
            "constraint_message::English (en)",
            "repeat_count",
        ]);
        let rows = vec![
            head,
            row(&["text", "hh.name", "세대주 성명", "Head of household", "", "", "", ""]),
            row(&["integer", "_n", "{ 이사한 사람 수 }", "People moving", "", ". < 10", "At most 9, not ${_n}", ""]),
            row(&["note", "check", "${hh.name} 님, ${_n}명 맞나요?", "${hh.name}: ${_n} people?", "", "", "", ""]),
            row(&["begin repeat", "mover", "함께 이사한 분", "Who moved", "", "", "", "${_n}"]),
            row(&["text", "mover_name", "성명", "Name", "", "", "", ""]),
            row(&[
                "select_one relation",
                "rel",
                "${mover_name} 님과의 관계",
                "Relation of ${mover_name}",
                "to ${hh.name}",
                "",
                "",
                "",
            ]),
            row(&["end repeat", "", "", "", "", "", "", ""]),
        ];
        let upload =
            import(&sheet(rows.clone(), "배우자"), "moving.xlsx", &BTreeMap::new(), |_| true).expect("imports");
        let form = Form::parse("upload", &upload.form_toml).expect("valid");
        let shows = |id: &str| form.field(id).expect("field").shows.clone();
        assert_eq!(shows("check"), ["hh.name", "_n"]);
        assert_eq!(shows("rel"), ["mover_name", "hh.name"]);
        assert_eq!(shows("_n"), ["_n"], "its constraint message shows what was typed");
        let ftl = |l: Locale| upload.texts.iter().find(|(x, _)| *x == l).expect("texts").1.as_str();
        let both = Localizer::new([(Locale::Ko, "f.ftl", ftl(Locale::Ko)), (Locale::En, "f.ftl", ftl(Locale::En))])
            .expect("the texts parse");
        let (ko, en) = (&both, &both);
        let args = [("hh_name", Arg::Str("김영희".into())), ("v_n", Arg::Str("3".into()))];
        let check = form.label_id(form.field("check").expect("field"));
        assert_eq!(ko.format(Locale::Ko, &check, &args), "김영희 님, 3명 맞나요?");
        assert_eq!(en.format(Locale::En, &check, &args), "김영희: 3 people?");
        let n = form.label_id(form.field("_n").expect("field"));
        assert_eq!(ko.format(Locale::Ko, &n, &[]), "{ 이사한 사람 수 }", "braces written are words, not syntax");
        assert_eq!(en.format(Locale::En, &format!("{n}.constraint"), &args[1..]), "At most 9, not 3");
        // Back out to a spreadsheet as it came in, and in again to the same form.
        let book = export(&form, &both).expect("exports");
        let survey = open_book(&book).expect("opens").worksheet_range("survey").expect("survey");
        assert!(
            survey.rows().flatten().any(|c| matches!(c, Data::String(t) if t == "${hh.name} 님, ${_n}명 맞나요?")),
            "exported as written"
        );
        let again = import(&book, "moving.xlsx", &BTreeMap::new(), |_| true).expect("imports again");
        let back = Form::parse("back", &again.form_toml).expect("valid");
        assert_eq!(back.field("rel").expect("field").shows, shows("rel"));

        let bad = |edit: &dyn Fn(&mut Vec<Vec<String>>), choice: &str| {
            let mut r = rows.clone();
            edit(&mut r);
            import(&sheet(r, choice), "moving.xlsx", &BTreeMap::new(), |_| true).expect_err("refused")
        };
        let located = |p: &Vec<Problem>| p.iter().map(|p| (p.code, p.row, p.column.clone())).collect::<Vec<_>>();
        let col = |c: &str| Some(c.to_owned());
        let (ko, en) = ("C (label::한국어 (ko))", "D (label::english (en))");
        let missing = bad(&|r| r[3][3] = "${hh_name}: ${_n} people?".into(), "배우자");
        assert_eq!(located(&missing), [("xlsform.reference", Some(4), col(en))], "found in the language it is in");
        let outside = bad(&|r| r[3][2] = "${mover_name} 님".into(), "배우자");
        assert_eq!(located(&outside), [("xlsform.repeat-reference", Some(4), col(ko))]);
        let broken = bad(&|r| r[3][2] = "${hh.name 님".into(), "배우자");
        assert_eq!(located(&broken), [("xlsform.label-reference", Some(4), col(ko))]);
        // A repeat's label may show what was asked before it, and its own instance's answers.
        let mut shown = rows.clone();
        shown[4][3] = "Who moved with ${hh.name}: ${mover_name}".into();
        let upload = import(&sheet(shown, "배우자"), "moving.xlsx", &BTreeMap::new(), |_| true).expect("imports");
        let form = Form::parse("upload", &upload.form_toml).expect("valid");
        assert_eq!(form.steps.iter().find(|s| s.is_repeat()).expect("repeat").shows, ["hh.name", "mover_name"]);
        let choice = bad(&|_| {}, "${hh.name}의 배우자");
        assert_eq!(choice[0].code, "xlsform.label-reference");
        assert_eq!((choice[0].sheet.as_deref(), choice[0].row), (Some("choices"), Some(2)));
    }

    /// The spreadsheet an admin brings from ODK's template (saved by openpyxl as Excel saves: shared
    /// strings, deflated), with skip logic, cascading choices, a counted repeat and a note showing
    /// answers: all of it kept.
    #[test]
    fn an_odk_template_spreadsheet_with_logic_imports_whole() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/xlsform/household-move.xlsx");
        let book = std::fs::read(path).expect("the fixture");
        let upload = import(&book, "household-move.xlsx", &BTreeMap::new(), |_| true).expect("imports");
        assert!(needs_korean(&upload.warnings).is_empty(), "{:?}", upload.warnings);
        let form = Form::parse("upload", &upload.form_toml).expect("valid");
        assert_eq!((form.id.0.as_str(), form.version), ("household_move", 20241205120839));
        let logic: Vec<(String, &str, String)> =
            form.fields().flat_map(|f| f.logic().map(move |(c, l)| (f.id.clone(), c, l.source.clone()))).collect();
        assert_eq!(
            logic,
            [
                ("pet_kind".to_owned(), "relevant", "${has_pet} = 'yes'".to_owned()),
                ("district".to_owned(), "choice_filter", "province = ${province}".to_owned()),
            ]
        );
        let movers = form.field("movers").expect("movers");
        assert_eq!((movers.min, movers.max), (Some(1), Some(5)), "its constraint, as the kiosk's own limits");
        let mover = form.steps.iter().find(|s| s.is_repeat()).expect("the repeat");
        assert_eq!(mover.repeat.as_ref().and_then(|r| r.count.as_ref()).map(|l| l.source.as_str()), Some("${movers}"));
        assert_eq!(form.field("summary").expect("the note").shows, ["district", "movers"]);
    }

    /// count() and sum() over a repeat, as ODK forms total a household: outside it, inside it, and
    /// where they cannot be worked out (a count before its repeat, a repeat read without them).
    #[test]
    fn count_and_sum_over_a_repeat_are_kept_and_misplaced_ones_located() {
        let head =
            row(&["type", "name", "label::한국어 (ko)", "relevant", "calculation", "constraint", "repeat_count"]);
        let rows = vec![
            head,
            row(&["integer", "n", "몇 명", "", "", "", ""]),
            row(&["begin repeat", "member", "가구원", "", "", "", "${n}"]),
            row(&["integer", "age", "나이", "", "", "sum(${age}) < 300", ""]),
            row(&["end repeat", "", "", "", "", "", ""]),
            row(&["calculate", "listed", "", "", "count(${member})", "", ""]),
            row(&["note", "old", "함께 사는 분들의 나이 합이 많습니다", "sum(${age}) > 100", "", "", ""]),
        ];
        let book = |rows: Vec<Vec<String>>| write(&[Sheet { name: "survey".into(), rows }]).expect("writes");
        let upload = import(&book(rows.clone()), "household.xlsx", &BTreeMap::new(), |_| true).expect("imports");
        let form = Form::parse("upload", &upload.form_toml).expect("valid");
        let source = |id: &str, column: &str| {
            form.field(id).and_then(|f| f.logic().find(|(c, _)| *c == column).map(|(_, l)| l.source.clone()))
        };
        assert_eq!(source("listed", "calculation").as_deref(), Some("count(${member})"));
        assert_eq!(source("old", "relevant").as_deref(), Some("sum(${age}) > 100"));
        assert_eq!(source("age", "constraint").as_deref(), Some("sum(${age}) < 300"));

        let bad = |edit: &dyn Fn(&mut Vec<Vec<String>>)| {
            let mut r = rows.clone();
            edit(&mut r);
            let p = import(&book(r), "household.xlsx", &BTreeMap::new(), |_| true).expect_err("refused");
            p.iter().map(|p| (p.code, p.row)).collect::<Vec<_>>()
        };
        assert_eq!(
            bad(&|r| r[2][6] = "count(${member})".into()),
            [("xlsform.repeat-reference", Some(3))],
            "its own count"
        );
        assert_eq!(
            bad(&|r| r[2][3] = "sum(${age}) > 0".into()),
            [("xlsform.repeat-reference", Some(3))],
            "its own relevant"
        );
        assert_eq!(
            bad(&|r| r[5][4] = "${member} + 1".into()),
            [("xlsform.repeat-reference", Some(6))],
            "a repeat itself"
        );
        assert_eq!(bad(&|r| r[5][4] = "count(${n})".into()), [("xlsform.repeat-reference", Some(6))], "not a repeat");
        assert_eq!(bad(&|r| r[5][4] = "sum(${age} + 1)".into()), [("xlsform.expression-unsupported", Some(6))]);
    }
}
