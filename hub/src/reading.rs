//! Reading submissions: checked when they arrive, opened with the agency key for the admin pages,
//! and exported as CSV.
//!
//! A submission is accepted only if its sealed bytes are in the hub's format, open with the agency
//! key under its id, form id and receipt number, and hold a submission of that form: junk from a
//! stolen token is refused at the door. Each read and each export is written to the audit log by
//! the caller (the admin API). CSV cells that a spreadsheet would take for a formula (also after
//! leading spaces or tabs) are prefixed with `'`.
//!
//! Provenance: a kiosk says which answers its chip reader verified, but the hub does not take a
//! kiosk's word for it. The kiosk seals the chip's own evidence with the submission (EF.SOD and
//! the data groups the values came from); the hub runs passive authentication on it against its
//! own CSCAs (`--trust`), recomputes what each pre-filled field would hold from the published form
//! (`prefill`), and shows a value as `chip-verified` only when that is exactly the answer. What the
//! kiosk claims and the hub could not confirm is `chip-claimed`.

use crate::error::HubError;
use crate::store::{plain_id, receipt_like, Accepted, Stored};
use base64::Engine;
use minwon_core::sealed::{AgencyKey, Binding, MIN_SEALED_LEN};
use minwon_core::session::{Submission, SubmittedAnswer};
use minwon_core::wire::SealedSubmission;
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
    /// (field, value as text, where it came from: `typed`, `chip-verified` (checked by the hub),
    /// `chip-claimed` (the kiosk says its chip verified it; the hub could not check),
    /// `chip-unverified`)
    pub answers: Vec<(String, String, &'static str)>,
    /// Whether the document's chip proved it is the document's, as the kiosk found (the hub
    /// cannot run a chip's protocols itself): `genuine-ca` (Chip Authentication), `genuine-aa`
    /// (Active Authentication), `not-supported` (the chip has neither); `None` with no document.
    pub chip: Option<&'static str>,
}

/// The kiosk's record of the chip check as a stable code for the admin page.
fn chip_code(checks: Option<&minwon_core::DocumentChecks>) -> Option<&'static str> {
    let chip = checks?.chip.as_str();
    if chip.starts_with("genuine:ca") {
        Some("genuine-ca")
    } else if chip == "genuine:aa" {
        Some("genuine-aa")
    } else if chip == "not-supported" {
        Some("not-supported")
    } else {
        None
    }
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

/// Sealed payloads larger than this are refused (a submission is answers and codes: kilobytes).
pub const MAX_SEALED_BYTES: usize = 256 * 1024;

/// What the hub checks a kiosk's chip claims against: its own CSCAs and the published forms.
#[derive(Clone, Default)]
pub struct Vouch {
    pub trust: std::sync::Arc<minwon_card::pa::TrustStore>,
    pub catalog: Option<minwon_core::Catalog>,
}

impl std::fmt::Debug for Vouch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Vouch")
    }
}

impl Vouch {
    /// The document data the submission's evidence proves, checked at `at_unix` (when the hub
    /// received it); `None` when it proves nothing.
    fn proven(&self, sub: &Submission, at_unix: u64) -> Option<minwon_core::DocumentData> {
        let evidence = sub.chip_evidence.as_ref()?;
        minwon_card::values::check_evidence(evidence, &self.trust, at_unix, sub.completed_at.kst_date()).ok()
    }

    /// Whether `proven` pre-fills exactly `answer` into its field of the published form.
    fn confirms(&self, proven: Option<&minwon_core::DocumentData>, form: &str, answer: &SubmittedAnswer) -> bool {
        let (Some(doc), Some(catalog)) = (proven, &self.catalog) else { return false };
        let Some(field) = catalog.get(form).and_then(|f| f.fields().find(|f| f.id == answer.field).cloned()) else {
            return false;
        };
        field
            .prefill
            .and_then(|source| doc.values.get(&source))
            .and_then(|v| minwon_core::document::prefill_answer(v, field.kind))
            .is_some_and(|expected| expected == answer.value)
    }
}

/// Checks a submission as it arrives; what is stored is still sealed.
pub fn accept(key: &AgencyKey, s: &SealedSubmission) -> Result<Accepted, HubError> {
    if !plain_id(&s.id) || !minwon_core::form::is_form_id(&s.form) || !receipt_like(&s.receipt) {
        return Err(HubError::BadSubmission("id"));
    }
    if s.sealed.len() > MAX_SEALED_BYTES * 4 / 3 + 4 {
        return Err(HubError::BadSubmission("sealed payload"));
    }
    let sealed = base64::engine::general_purpose::STANDARD
        .decode(&s.sealed)
        .map_err(|_| HubError::BadSubmission("sealed payload"))?;
    if sealed.len() < MIN_SEALED_LEN || sealed[0] != minwon_core::sealed::HUB_SEALED {
        return Err(HubError::BadSubmission("sealed format"));
    }
    let json = key
        .open(&Binding { id: &s.id, form: &s.form, receipt: &s.receipt }, &sealed)
        .map_err(|_| HubError::BadSubmission("does not open"))?;
    let sub: Submission = serde_json::from_slice(&json).map_err(|_| HubError::BadSubmission("content"))?;
    if sub.form.0 != s.form {
        return Err(HubError::BadSubmission("form"));
    }
    Ok(Accepted { id: s.id.clone(), form: s.form.clone(), receipt: s.receipt.clone(), sealed })
}

pub fn open(key: &AgencyKey, vouch: &Vouch, s: &Stored) -> Result<Opened, HubError> {
    let binding = Binding { id: &s.id, form: &s.form_id, receipt: s.receipt.as_deref().unwrap_or("") };
    let json = key.open(&binding, &s.sealed).map_err(|_| HubError::Sealed)?;
    let sub: Submission = serde_json::from_slice(&json).map_err(|_| HubError::Sealed)?;
    let proven = if sub.answers.iter().any(|a| a.provenance == Provenance::ChipVerified) {
        vouch.proven(&sub, s.received / 1000)
    } else {
        None
    };
    let source = |a: &SubmittedAnswer| match a.provenance {
        Provenance::Typed => "typed",
        Provenance::ChipUnverified => "chip-unverified",
        Provenance::Calculated => "calculated",
        Provenance::ChipVerified if vouch.confirms(proven.as_ref(), &sub.form.0, a) => "chip-verified",
        Provenance::ChipVerified => "chip-claimed",
    };
    Ok(Opened {
        id: s.id.clone(),
        kiosk_id: s.kiosk_id.clone(),
        form_id: s.form_id.clone(),
        receipt: s.receipt.clone(),
        received: s.received,
        locale: sub.locale.tag().to_owned(),
        chip: chip_code(sub.document_checks.as_ref()),
        // A repeat's answers as `field[n]`, one per instance, so none hides another.
        answers: sub
            .answers
            .iter()
            .map(|a| {
                let name = match a.instance {
                    Some(n) => format!("{}[{n}]", a.field),
                    None => a.field.clone(),
                };
                (name, answer_text(&a.value), source(a))
            })
            .collect(),
    })
}

fn cell(s: &str) -> String {
    let formula =
        s.trim_start_matches([' ', '\t', '\r', '\n']).starts_with(['=', '+', '-', '@']) || s.starts_with(['\t', '\r']);
    let guarded = if formula { format!("'{s}") } else { s.to_owned() };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// CSV of opened submissions; `fields`: the columns (the form's fields, in order).
pub fn csv(fields: &[String], rows: &[Opened]) -> String {
    let mut out = String::from("\u{feff}"); // a BOM, so spreadsheet programs read Korean as UTF-8
                                            // A field asked in a repeat: one column per instance any row has (`member-name[1]`, `[2]`…).
    let fields: Vec<String> = fields
        .iter()
        .flat_map(|f| {
            let most = rows
                .iter()
                .flat_map(|r| &r.answers)
                .filter_map(|a| a.0.strip_prefix(f.as_str())?.strip_prefix('[')?.strip_suffix(']')?.parse::<u32>().ok())
                .max();
            match most {
                Some(n) => (1..=n).map(|i| format!("{f}[{i}]")).collect::<Vec<_>>(),
                None => vec![f.clone()],
            }
        })
        .collect();
    let fields = &fields;
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
            chip: None,
            answers: vec![
                ("name".into(), "Nguyễn, \"Lan\"".into(), "chip-verified"),
                ("note".into(), "=HYPERLINK(\"x\")".into(), "typed"),
            ],
        };
        let out = csv(&["name".into(), "note".into(), "missing".into()], &[row]);
        let line = out.lines().nth(1).expect("a row");
        assert_eq!(line, "s-1,A-0001,kiosk-1,5,vi,\"Nguyễn, \"\"Lan\"\"\",\"'=HYPERLINK(\"\"x\"\")\",,name");
        for sneaky in [" =1+1", "\t=1+1", "  @SUM(A1)", "\t-2"] {
            assert!(cell(sneaky).starts_with('\''), "{sneaky:?} is defused");
        }
        assert_eq!(cell("a = b"), "a = b", "an equals sign inside is text");
    }

    #[test]
    fn each_instance_of_a_repeat_has_its_own_column() {
        let row = |answers: Vec<(&str, &str)>| Opened {
            id: "s".into(),
            kiosk_id: "k".into(),
            form_id: "f".into(),
            receipt: None,
            received: 1,
            locale: "ko".into(),
            chip: None,
            answers: answers.into_iter().map(|(f, v)| (f.to_owned(), v.to_owned(), "typed")).collect(),
        };
        let rows = [
            row(vec![("members", "2"), ("member-name[1]", "김하나"), ("member-name[2]", "김두리")]),
            row(vec![("members", "1"), ("member-name[1]", "이셋")]),
        ];
        let out = csv(&["members".into(), "member-name".into()], &rows);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[0].ends_with("language,members,member-name[1],member-name[2],verified_by_chip"), "{}", lines[0]);
        assert!(lines[1].ends_with(",2,김하나,김두리,"), "{}", lines[1]);
        assert!(lines[2].ends_with(",1,이셋,,"), "{}", lines[2]);
    }
}
