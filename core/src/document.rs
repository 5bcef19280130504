//! What an identity document tells us, and where each value came from.
//!
//! An `IdentitySource` (typed entry now, the chip reader later) produces a
//! [`DocumentData`]; form fields name a [`DocumentField`] as their pre-fill
//! source. Every value keeps its [`Provenance`] so the visitor and the counter
//! clerk can see which values a verified chip vouched for.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A pre-fill source a form field may name (`prefill = "document.surname"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentField {
    Surname,
    GivenNames,
    BirthDate,
    Sex,
    Nationality,
    Number,
    Expiry,
    Address,
    Photo,
}

impl DocumentField {
    pub const ALL: [DocumentField; 9] = [
        DocumentField::Surname,
        DocumentField::GivenNames,
        DocumentField::BirthDate,
        DocumentField::Sex,
        DocumentField::Nationality,
        DocumentField::Number,
        DocumentField::Expiry,
        DocumentField::Address,
        DocumentField::Photo,
    ];

    /// The name used in form files, after the `document.` prefix.
    pub fn name(self) -> &'static str {
        match self {
            DocumentField::Surname => "surname",
            DocumentField::GivenNames => "given_names",
            DocumentField::BirthDate => "birth_date",
            DocumentField::Sex => "sex",
            DocumentField::Nationality => "nationality",
            DocumentField::Number => "number",
            DocumentField::Expiry => "expiry",
            DocumentField::Address => "address",
            DocumentField::Photo => "photo",
        }
    }

    /// Parses `document.<name>` as written in a form file.
    pub fn parse_source(s: &str) -> Option<DocumentField> {
        let name = s.strip_prefix("document.")?;
        DocumentField::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// Where a value in the form came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Provenance {
    /// The visitor typed or chose it.
    Typed,
    /// Read from a document whose chip passed passive authentication.
    ChipVerified,
    /// Read from a document, but the chip's data could not be verified.
    ChipUnverified,
    /// Worked out by the form from other answers (a `calculate` field).
    Calculated,
}

/// One value read from a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocumentValue {
    Text(String),
    /// The face image, kept in memory only.
    Image {
        mime: String,
        bytes: Vec<u8>,
    },
}

/// Values read from (or typed instead of) an identity document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocumentData {
    pub values: BTreeMap<DocumentField, DocumentValue>,
    /// Whether passive authentication succeeded for the data groups these values came from.
    pub verified: bool,
    /// The verdict of each check, kept with the submission for the counter clerk.
    pub checks: Option<DocumentChecks>,
    /// The chip's own files the values came from, sealed with the submission so the hub can run
    /// passive authentication itself rather than take the kiosk's word for it.
    pub evidence: Option<ChipEvidence>,
}

/// EF.SOD and the data groups a document's values came from, exactly as the chip gave them
/// (hex). Personal data: it travels only inside a sealed submission, and is never logged.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ChipEvidence {
    pub sod: String,
    /// Data group number → its bytes.
    pub data_groups: BTreeMap<u8, String>,
}

impl std::fmt::Debug for ChipEvidence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ChipEvidence(DG {:?})", self.data_groups.keys().collect::<Vec<_>>())
    }
}

/// The answer a document value pre-fills into a field of `kind` (`None`: it does not fit). The
/// session pre-fills with this, and the hub recomputes it from the chip's evidence to compare.
pub fn prefill_answer(value: &DocumentValue, kind: crate::FieldKind) -> Option<crate::Answer> {
    use crate::{Answer, FieldKind};
    match (value, kind) {
        (DocumentValue::Text(t), FieldKind::Address) => Some(Answer::Address(crate::validate::Address {
            postcode: String::new(),
            line1: t.clone(),
            line2: String::new(),
        })),
        (DocumentValue::Text(t), _) => Some(Answer::Text(t.clone())),
        (DocumentValue::Image { .. }, FieldKind::Photo) => Some(Answer::Text("document".into())),
        _ => None,
    }
}

/// Passive authentication's verdicts as plain codes: `succeeded`, `failed:<reason>`, `not-checked:<reason>`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DocumentChecks {
    /// Data group number → verdict.
    pub data_groups: BTreeMap<u8, String>,
    pub sod_signature: String,
    pub document_signer: String,
    pub warnings: Vec<String>,
    /// How the chip was opened: `bac`, or `pace:<cipher>:<curve>` (e.g. `pace:aes128:brainpoolP256r1`).
    #[serde(default)]
    pub access: String,
    /// Whether the chip proved it is the document's: `genuine:ca:<cipher>` (Chip Authentication),
    /// `genuine:aa` (Active Authentication), `not-genuine`, `not-supported` (empty: not recorded).
    #[serde(default)]
    pub chip: String,
}

impl DocumentData {
    pub fn with_text(mut self, field: DocumentField, value: impl Into<String>) -> Self {
        self.values.insert(field, DocumentValue::Text(value.into()));
        self
    }

    pub fn provenance(&self) -> Provenance {
        if self.verified {
            Provenance::ChipVerified
        } else {
            Provenance::ChipUnverified
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_source_name_round_trips() {
        for f in DocumentField::ALL {
            assert_eq!(DocumentField::parse_source(&format!("document.{}", f.name())), Some(f));
        }
        assert_eq!(DocumentField::parse_source("document.shoe_size"), None);
        assert_eq!(DocumentField::parse_source("surname"), None, "the prefix is required");
    }
}
