//! `minwon-kiosk doctor`: runs the engine's checks and prints them as a table in the admin's
//! language (`LANG`, or `--lang ko|en`), one stable code per line; exits 1 when any check fails.

use minwon_core::i18n::Arg;
use minwon_core::{Locale, Localizer};
use minwon_engine::doctor::{Finding, Verdict};
use std::path::Path;

/// The doctor's texts (`locales/<lang>/doctor.ftl`), Korean first.
pub fn texts(root: &Path) -> Result<Localizer, String> {
    let mut sources = Vec::new();
    for l in [Locale::Ko, Locale::En] {
        let path = root.join("locales").join(l.tag()).join("doctor.ftl");
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        sources.push((l, text));
    }
    Localizer::new(sources.iter().map(|(l, t)| (*l, "doctor.ftl", t.as_str()))).map_err(|e| e.to_string())
}

/// The admin's language from `LC_ALL`, `LC_MESSAGES` or `LANG` (English for `en…`, else Korean).
pub fn language_from_env() -> Locale {
    let tag = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .unwrap_or_default();
    if tag.starts_with("en") {
        Locale::En
    } else {
        Locale::Ko
    }
}

/// Columns in a terminal: Hangul and CJK take two.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFF00..=0xFF60 => 2,
            _ => 1,
        })
        .sum()
}

fn pad(s: &str, to: usize) -> String {
    format!("{s}{}", " ".repeat(to.saturating_sub(width(s))))
}

/// The table: check, result, code, what was seen, what it means.
pub fn render(findings: &[Finding], l10n: &Localizer, locale: Locale, kiosk: &str) -> String {
    let t = |id: &str| l10n.format(locale, id, &[]);
    let head =
        ["doctor-head-check", "doctor-head-verdict", "doctor-head-code", "doctor-head-seen", "doctor-head-what"].map(t);
    let rows: Vec<[String; 5]> = findings
        .iter()
        .map(|f| {
            [
                t(&format!("doctor-check-{}", f.check)),
                t(&format!("doctor-verdict-{}", f.verdict.tag())),
                f.code.to_owned(),
                if f.detail.is_empty() { "—".to_owned() } else { f.detail.clone() },
                t(&format!("doctor-{}", f.code.replace('.', "-"))),
            ]
        })
        .collect();
    let mut widths = [0usize; 4];
    for row in std::iter::once(&head).chain(rows.iter()) {
        for (w, cell) in widths.iter_mut().zip(row.iter()) {
            *w = (*w).max(width(cell));
        }
    }
    let line = |row: &[String; 5]| {
        let mut out = String::new();
        for (cell, w) in row.iter().zip(widths) {
            out.push_str(&pad(cell, w));
            out.push_str("  ");
        }
        out.push_str(&row[4]);
        out.push('\n');
        out
    };
    let mut out = l10n.format(locale, "doctor-title", &[("kiosk", Arg::Str(kiosk.to_owned()))]);
    out.push_str("\n\n");
    out.push_str(&line(&head));
    for row in &rows {
        out.push_str(&line(row));
    }
    out.push('\n');
    out.push_str(&t(match minwon_engine::doctor::worst(findings) {
        Verdict::Ok => "doctor-summary-ok",
        Verdict::Warn => "doctor-summary-warn",
        Verdict::Fail => "doctor-summary-fail",
    }));
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
    }

    #[test]
    fn every_code_and_check_has_its_text_in_korean_and_english() {
        let l10n = texts(&root()).expect("doctor.ftl reads");
        for l in [Locale::Ko, Locale::En] {
            for code in minwon_engine::doctor::CODES {
                let id = format!("doctor-{}", code.replace('.', "-"));
                assert!(l10n.has_own(l, &id), "{}: {id}", l.tag());
            }
            for check in ["reader", "printer", "speech", "sound", "hub", "clock", "disk", "outbox"] {
                assert!(l10n.has_own(l, &format!("doctor-check-{check}")), "{}: {check}", l.tag());
            }
        }
    }

    #[test]
    fn the_table_lines_up_in_korean_and_says_the_worst() {
        let l10n = texts(&root()).expect("doctor.ftl reads");
        let findings =
            vec![minwon_engine::doctor::printer_state("paper-out"), minwon_engine::doctor::reader_state("ready")];
        let table = render(&findings, &l10n, Locale::Ko, "jongno-1");
        let lines: Vec<&str> = table.lines().collect();
        assert!(lines[0].contains("jongno-1"));
        let at = |line: &str| width(&line[..line.find("printer.").or_else(|| line.find("reader.")).expect("a code")]);
        assert_eq!(at(lines[3]), at(lines[4]), "codes start in one column:\n{table}");
        assert!(lines[3].contains("용지"), "{table}");
        assert!(table.trim_end().ends_with(&l10n.format(Locale::Ko, "doctor-summary-fail", &[])));
        assert!(render(&findings, &l10n, Locale::En, "k").contains("out of paper"));
    }
}
