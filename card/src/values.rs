//! What a read says, as the session's document data: the MRZ's fields with full dates, DG11's
//! address, the face; passive authentication's verdicts as codes; and the chip's evidence — EF.SOD
//! and the data groups the values came from — which the kiosk seals with a submission so the hub
//! can check the values itself ([`check_evidence`]) instead of believing the kiosk.

use crate::aa::ChipVerdict;
use crate::document::ReadResult;
use crate::lds::{self, FileId};
use crate::pa::{self, PassiveAuthentication, TrustStore, Verdict};
use crate::reader::AccessControl;
use minwon_core::document::{ChipEvidence, DocumentField, DocumentValue};
use minwon_core::validate::Date;
use minwon_core::DocumentData;
use std::collections::BTreeMap;

/// The data groups whose values a form can take (DG1: the MRZ; DG11: the address). DG2, the face,
/// stays on the kiosk.
pub const EVIDENCE_GROUPS: [u8; 2] = [1, 11];

/// `YYMMDD` → `YYYY-MM-DD`. Birth dates are in the past: a year that would be after `today` is from the 1900s.
fn full_date(yymmdd: &str, today: Date, past: bool) -> Option<String> {
    let yy: i32 = yymmdd.get(0..2)?.parse().ok()?;
    let (mm, dd) = (yymmdd.get(2..4)?, yymmdd.get(4..6)?);
    let this_century = 2000 + yy;
    let year = if past {
        if this_century > today.year {
            1900 + yy
        } else {
            this_century
        }
    } else if this_century > today.year + 50 {
        1900 + yy
    } else {
        this_century
    };
    Some(format!("{year:04}-{mm}-{dd}"))
}

/// Data that contradicts its own signature: a data group whose hash is not the signed one, or a
/// security object whose signature does not verify. Data we cannot vouch for (no EF.SOD, a
/// signer we cannot chain to a CSCA we hold, e.g. after a CSCA key rollover we have not
/// loaded yet) is only unverified: the visitor can still use it, marked as such.
pub fn tampered(pa: &PassiveAuthentication) -> bool {
    pa.data_groups.values().any(|v| matches!(v, Verdict::Failed(_))) || matches!(pa.sod_signature, Verdict::Failed(_))
}

fn verdict(v: Verdict) -> String {
    match v {
        Verdict::Succeeded => "succeeded".into(),
        Verdict::Failed(r) => format!("failed:{r}"),
        Verdict::NotChecked(r) => format!("not-checked:{r}"),
    }
}

/// Whether the chip proved it is the document's, and how: `genuine:ca:<cipher>` (Chip
/// Authentication), `genuine:aa` (Active Authentication), `not-genuine`, or `not-supported`.
pub fn chip_check(read: &ReadResult) -> String {
    match (read.chip, read.chip_authentication) {
        (ChipVerdict::Genuine, Some(cipher)) => format!("genuine:ca:{}", cipher.name()),
        (ChipVerdict::Genuine, None) => "genuine:aa".into(),
        (ChipVerdict::NotGenuine, _) => "not-genuine".into(),
        (ChipVerdict::NotSupported, _) => "not-supported".into(),
    }
}

/// Turns what the chip said, and how it checked out, into the session's document data.
pub fn document_data(read: &ReadResult, pa: &PassiveAuthentication, today: Date) -> DocumentData {
    let mrz = &read.mrz;
    let checks = minwon_core::DocumentChecks {
        data_groups: pa
            .data_groups
            .iter()
            .filter_map(|(id, v)| match id {
                FileId::Dg(n) => Some((*n, verdict(*v))),
                _ => None,
            })
            .collect(),
        sod_signature: verdict(pa.sod_signature),
        document_signer: verdict(pa.document_signer),
        warnings: pa.warnings.iter().map(|w| (*w).to_owned()).collect(),
        access: match read.access {
            Some(AccessControl::Bac) => "bac".into(),
            Some(AccessControl::Pace(p)) => format!("pace:{}:{}", p.cipher.name(), p.domain.name()),
            None => String::new(),
        },
        chip: chip_check(read),
    };
    let mut doc = DocumentData { verified: pa.verified(), checks: Some(checks), ..Default::default() }
        .with_text(DocumentField::Surname, mrz.surname.clone())
        .with_text(DocumentField::GivenNames, mrz.given_names.clone())
        .with_text(DocumentField::Number, mrz.document_number.clone())
        .with_text(DocumentField::Nationality, mrz.nationality.clone());
    if let Some(d) = full_date(&mrz.birth_date, today, true) {
        doc = doc.with_text(DocumentField::BirthDate, d);
    }
    if let Some(d) = full_date(&mrz.expiry, today, false) {
        doc = doc.with_text(DocumentField::Expiry, d);
    }
    if matches!(mrz.sex, 'M' | 'F') {
        doc = doc.with_text(DocumentField::Sex, mrz.sex.to_string());
    }
    if let Some(address) = read.details.as_ref().and_then(|d| d.address.clone()) {
        doc = doc.with_text(DocumentField::Address, address);
    }
    if let Some(face) = &read.face {
        doc.values.insert(
            DocumentField::Photo,
            DocumentValue::Image { mime: face.format.mime().to_owned(), bytes: face.bytes.clone() },
        );
    }
    doc
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok()).collect()
}

/// EF.SOD and DG1/DG11 of a read, as the kiosk seals them with a submission (`None` without EF.SOD:
/// there is nothing a hub could check).
pub fn evidence(read: &ReadResult) -> Option<ChipEvidence> {
    let sod = read.files.get(&FileId::Sod)?;
    let data_groups =
        EVIDENCE_GROUPS.iter().filter_map(|n| read.files.get(&FileId::Dg(*n)).map(|b| (*n, hex(b)))).collect();
    Some(ChipEvidence { sod: hex(sod), data_groups })
}

/// Runs passive authentication on a submission's evidence against `trust` (the checker's own CSCAs)
/// and returns the document data it proves, or why it proves nothing (`evidence.*`, or the first
/// failing check).
pub fn check_evidence(
    evidence: &ChipEvidence,
    trust: &TrustStore,
    now_unix: u64,
    today: Date,
) -> Result<DocumentData, &'static str> {
    let mut files = BTreeMap::new();
    files.insert(FileId::Sod, unhex(&evidence.sod).ok_or("evidence.malformed")?);
    for (n, bytes) in &evidence.data_groups {
        if !EVIDENCE_GROUPS.contains(n) {
            return Err("evidence.unexpected-group");
        }
        files.insert(FileId::Dg(*n), unhex(bytes).ok_or("evidence.malformed")?);
    }
    let checks = pa::verify(&files, trust, now_unix);
    if !checks.verified() {
        return Err("evidence.not-verified");
    }
    let mrz = lds::parse_dg1(files.get(&FileId::Dg(1)).ok_or("evidence.no-dg1")?).map_err(|_| "evidence.malformed")?;
    let details =
        files.get(&FileId::Dg(11)).map(|b| lds::parse_dg11(b)).transpose().map_err(|_| "evidence.malformed")?;
    let read = ReadResult {
        mrz,
        details,
        face: None,
        files,
        access: None,
        security_options: None,
        active_authentication: None,
        unreadable: Vec::new(),
        chip: crate::aa::ChipVerdict::NotSupported,
        chip_authentication: None,
    };
    Ok(document_data(&read, &checks, today))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contradicting_data_is_tampered_but_uncheckable_data_is_only_unverified() {
        let pa = |dg1: Verdict, sod: Verdict, ds: Verdict| PassiveAuthentication {
            data_groups: [(FileId::Dg(1), dg1), (FileId::Dg(2), Verdict::Succeeded)].into_iter().collect(),
            sod_signature: sod,
            document_signer: ds,
            warnings: vec![],
        };
        let ok = Verdict::Succeeded;
        let cases = [
            (pa(ok, ok, ok), false, true),
            (pa(Verdict::Failed("hash-mismatch"), ok, ok), true, false),
            (pa(ok, Verdict::Failed("signature-mismatch"), ok), true, false),
            (pa(ok, ok, Verdict::Failed("csca-signature-mismatch")), false, false),
            (pa(ok, ok, Verdict::Failed("no-trusted-csca")), false, false),
            (
                pa(Verdict::NotChecked("no-sod"), Verdict::NotChecked("no-sod"), Verdict::NotChecked("no-sod")),
                false,
                false,
            ),
        ];
        for (checks, is_tampered, is_verified) in cases {
            assert_eq!(tampered(&checks), is_tampered, "{checks:?}");
            assert_eq!(checks.verified(), is_verified, "{checks:?}");
        }
        assert_eq!(verdict(Verdict::Failed("hash-mismatch")), "failed:hash-mismatch");
    }

    #[test]
    fn centuries_of_mrz_dates() {
        let today = Date { year: 2026, month: 11, day: 22 };
        let cases = [
            ("480315", true, "1948-03-15"),
            ("200101", true, "2020-01-01"),
            ("261122", true, "2026-11-22"),
            ("270101", true, "1927-01-01"),
            ("340314", false, "2034-03-14"),
            ("990101", false, "1999-01-01"),
        ];
        for (yymmdd, past, want) in cases {
            assert_eq!(full_date(yymmdd, today, past).as_deref(), Some(want), "{yymmdd}");
        }
    }
}
