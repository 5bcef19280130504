//! What kiosks and the hub say to each other, as data: every message of the kiosks' API is a
//! type here, used by both sides (the routes are in minwon-hub's `http/kiosks.rs`, the kiosk's
//! side in minwon-engine's `delivery.rs`). Codes and sealed bytes only: nothing personal in clear.

use serde::{Deserialize, Serialize};

/// What a kiosk reports, every heartbeat. Codes only: nothing personal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heartbeat {
    pub bundle_version: Option<u64>,
    pub outbox_depth: u64,
    /// Seconds the oldest queued submission has waited.
    pub oldest_queued_s: Option<u64>,
    /// `ready`, `no-reader`, `off`.
    pub reader: String,
    /// `ready`, `off`, `no-answer` (speech-dispatcher never answered), `failed` (it refused;
    /// asked again), the last two with `-silent` when nothing else can play speech either.
    pub speech: String,
    /// The last error code the kiosk met (`sync.unreachable`, `bundle.signature`, `print.failed` …).
    pub last_error: Option<String>,
    /// Why the last offered bundle was refused, if it was.
    #[serde(default)]
    pub bundle_refused: Option<String>,
    #[serde(default)]
    pub alerts: Vec<AlertIn>,
    /// Submissions the hub refused, kept aside on the kiosk.
    #[serde(default)]
    pub set_aside: u64,
    /// The receipt printer as its last ticket found it: `ready`, `off`, `paper-out`, `cover-open`,
    /// `failed` (empty from kiosks that do not say).
    #[serde(default)]
    pub printer: String,
    /// The codes of what the kiosk's own checks found wrong, the same as `minwon-kiosk doctor`'s
    /// (`disk.low`, `reader.none`, `sound.none` …; nothing when all is well).
    #[serde(default)]
    pub checks: Vec<String>,
    /// The kiosk's clock when it sent this (milliseconds since the epoch), for the hub to compare.
    #[serde(default)]
    pub sent_ms: Option<u64>,
}

/// At most this many alerts travel in one heartbeat; the hub refuses a heartbeat with more.
pub const MAX_ALERTS_PER_HEARTBEAT: usize = 20;
/// At most this many check codes travel in one heartbeat (the doctor has eight checks); the hub
/// refuses a heartbeat with more.
pub const MAX_CHECKS_PER_HEARTBEAT: usize = 16;

/// A visitor pressed "call staff".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertIn {
    pub kind: String,
    pub screen: String,
    /// When it was raised on the kiosk (milliseconds since the epoch).
    pub raised: u64,
}

/// What a kiosk needs to talk to this hub, written to a file the kiosk reads (`--enrolment FILE`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrolment {
    pub kiosk_id: String,
    pub group: String,
    /// `https://…`: kiosks and mirrors speak to the hub over TLS only.
    pub hub_url: String,
    /// The pin of the hub's TLS certificate: SHA-256 of its SubjectPublicKeyInfo (hex, see
    /// `pin.rs`). A hub showing any other key is refused.
    pub hub_cert: String,
    pub token: String,
    /// The hub's X25519 public key (hex): the kiosk seals submissions to it.
    pub hub_key: String,
    /// Ed25519 keys (hex) whose signed bundles the kiosk accepts.
    pub admin_keys: Vec<String>,
}

/// One submission as a kiosk sends it: still sealed (only the hub opens it, with the agency key).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealedSubmission {
    pub id: String,
    pub form: String,
    /// Base64 of the sealed payload (`sealed.rs`).
    pub sealed: String,
    /// The number on the visitor's receipt (so staff find the submission a visitor asks about).
    /// With the id and the form id, it is the sealed payload's associated data (`sealed.rs`):
    /// sent beside another payload, or changed, the payload does not open and the hub refuses it.
    pub receipt: String,
}

/// `POST /api/v1/submissions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmissionBatch {
    #[serde(default)]
    pub kiosk_id: Option<String>,
    pub submissions: Vec<SealedSubmission>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AckStatus {
    /// Stored now.
    Stored,
    /// Stored before, with the same content: the original acknowledgement.
    Duplicate,
    /// Stored before with other content: refused, the kiosk must not delete its row blindly.
    Conflict,
    /// Not stored: it does not open, or is not in a format the hub takes (`code` says which).
    /// The kiosk keeps the row and sets it aside, so it does not block the others.
    Refused,
}

impl AckStatus {
    /// Whether the hub holds exactly what the kiosk sent (the row may go).
    pub fn holds_it(self) -> bool {
        matches!(self, AckStatus::Stored | AckStatus::Duplicate)
    }
}

/// The hub's answer for one submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ack {
    pub id: String,
    pub status: AckStatus,
    /// When the hub first stored it (milliseconds since the epoch).
    pub received: u64,
    /// SHA-256 (hex) of the sealed bytes the hub holds under this id: the kiosk deletes its row
    /// only when this is the SHA-256 of what it sent.
    pub sha256: String,
    /// Why it was refused (`hub.bad-submission`), for a `Refused` acknowledgement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// The answer to a [`SubmissionBatch`]: one acknowledgement per submission, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchAnswer {
    pub acks: Vec<Ack>,
}

/// The answer to a [`Heartbeat`]: a newer bundle's version, if the hub has one for the kiosk.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeartbeatAnswer {
    pub bundle: Option<u64>,
}

/// `GET /api/v1/bundles/latest`: a bundle's manifest and signature (its files come one by one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LatestBundle {
    pub version: u64,
    pub manifest: String,
    pub signature: String,
}
