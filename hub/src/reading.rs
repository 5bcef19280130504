//! Reading submissions: opened with the agency key for the admin pages, and exported as CSV.
//!
//! Each read and each export is written to the audit log by the caller (the admin API). CSV cells
//! that a spreadsheet would take for a formula are prefixed with `'`.

use crate::error::HubError;
use crate::store::Stored;
use minwon_core::sealed::AgencyKey;
use minwon_core::session::Submission;
use minwon_core::{Answer, Provenance};
use serde::Serialize;

/// A submission as an admin reads it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Opened {
    pub id: String,
    pub kiosk_id: String,
    pub form_id: String,
    pub receipt: Option<String>,
    pub received: u64,
    pub locale: String,
    /// (field, value as text, where it came from: `typed`, `chip-verified`, `chip-unverified`)
    pub answers: Vec<(String, String, &'static str)>,
}

pub fn answer_text(a: &Answer) -> String {
    match a {
        Answer::Text(t) => t.clone(),
        Answer::Consent(b) => if *b { "yes" } else { "no" }.to_owned(),
        Answer::Choices(c) => c.join(";"),
        Answer::Address(a) => [a.postcode.as_str(), a.line1.as_str(), a.line2.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
    }
}

fn source(p: Provenance) -> &'static str {
    match p {
        Provenance::Typed => "typed",
        Provenance::ChipVerified => "chip-verified",
        Provenance::ChipUnverified => "chip-unverified",
    }
}

pub fn open(key: &AgencyKey, s: &Stored) -> Result<Opened, HubError> {
    let json = key.open(&s.id, &s.sealed).map_err(|_| HubError::Sealed)?;
    let sub: Submission = serde_json::from_slice(&json).map_err(|_| HubError::Sealed)?;
    Ok(Opened {
        id: s.id.clone(),
        kiosk_id: s.kiosk_id.clone(),
        form_id: s.form_id.clone(),
        receipt: s.receipt.clone(),
        received: s.received,
        locale: sub.locale.tag().to_owned(),
        answers: sub.answers.iter().map(|a| (a.field.clone(), answer_text(&a.value), source(a.provenance))).collect(),
    })
}

fn cell(s: &str) -> String {
    let guarded = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_owned() };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// CSV of opened submissions; `fields`: the columns (the form's fields, in order).
pub fn csv(fields: &[String], rows: &[Opened]) -> String {
    let mut out = String::from("\u{feff}"); // a BOM, so spreadsheet programs read Korean as UTF-8
    let mut head = vec!["submission_id", "receipt", "kiosk", "received_utc_ms", "language"];
    head.extend(fields.iter().map(String::as_str));
    head.push("verified_by_chip");
    out.push_str(&head.iter().map(|h| cell(h)).collect::<Vec<_>>().join(","));
    out.push_str("\r\n");
    for r in rows {
        let mut line = vec![
            cell(&r.id),
            cell(r.receipt.as_deref().unwrap_or("")),
            cell(&r.kiosk_id),
            r.received.to_string(),
            cell(&r.locale),
        ];
        for f in fields {
            line.push(cell(r.answers.iter().find(|a| &a.0 == f).map(|a| a.1.as_str()).unwrap_or("")));
        }
        let verified: Vec<&str> = r.answers.iter().filter(|a| a.2 == "chip-verified").map(|a| a.0.as_str()).collect();
        line.push(cell(&verified.join(";")));
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        let row = Opened {
            id: "s-1".into(),
            kiosk_id: "kiosk-1".into(),
            form_id: "f".into(),
            receipt: Some("A-0001".into()),
            received: 5,
            locale: "vi".into(),
            answers: vec![
                ("name".into(), "Nguyễn, \"Lan\"".into(), "chip-verified"),
                ("note".into(), "=HYPERLINK(\"x\")".into(), "typed"),
            ],
        };
        let out = csv(&["name".into(), "note".into(), "missing".into()], &[row]);
        let line = out.lines().nth(1).expect("a row");
        assert_eq!(line, "s-1,A-0001,kiosk-1,5,vi,\"Nguyễn, \"\"Lan\"\"\",\"'=HYPERLINK(\"\"x\"\")\",,name");
    }
}
