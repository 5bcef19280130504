//! What kiosks and the hub say to each other, as data (the HTTP routes are in minwon-hub's
//! `api.rs`, the kiosk's side in minwon-engine's `delivery.rs`). Codes only: nothing personal.

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
    /// `ready`, `off`.
    pub speech: String,
    /// The last error code the kiosk met (`sync.unreachable`, `bundle.signature`, `print.failed` …).
    pub last_error: Option<String>,
    /// Why the last offered bundle was refused, if it was.
    #[serde(default)]
    pub bundle_refused: Option<String>,
    #[serde(default)]
    pub alerts: Vec<AlertIn>,
}

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
    pub hub_url: String,
    pub token: String,
    /// The hub's X25519 public key (hex): the kiosk seals submissions to it.
    pub hub_key: String,
    /// Ed25519 keys (hex) whose signed bundles the kiosk accepts.
    pub admin_keys: Vec<String>,
}
