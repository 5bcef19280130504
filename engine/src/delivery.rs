//! The kiosk's side of the hub: the outbox is sent in batches, a row is deleted only once the hub
//! acknowledged it, and failures back off exponentially with jitter; heartbeats report the kiosk's
//! health and alerts; newer form bundles are pulled, their manifest checked before any file is.
//! Every call carries the kiosk's own token (`Authorization: Bearer <kiosk-id>:<token>`).
//!
//! The hub keeps each submission id once, so a batch sent twice (an acknowledgement lost, the
//! kiosk killed between the hub's answer and the delete) is harmless: the resend gets the
//! original acknowledgement. A conflict (same id, other content) is never deleted here.
//! No network call happens while the kiosk's lock is held.

use crate::error::EngineError;
use crate::outbox::Outbox;
use base64::Engine;
use minwon_core::wire::Heartbeat;
use serde::Deserialize;
use std::io::Read;
use std::time::Duration;

/// The hub's answer for one submission.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Ack {
    pub id: String,
    pub status: String,
    pub received: u64,
}

#[derive(Debug, Deserialize)]
struct Answer {
    acks: Vec<Ack>,
}

/// The kiosk's link to its hub.
#[derive(Debug, Clone)]
pub struct HubLink {
    url: String,
    kiosk_id: String,
    auth: String,
    agent: ureq::Agent,
}

/// A bundle the hub offers: its version, manifest and signature (files not fetched yet).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Offered {
    pub version: u64,
    pub manifest: String,
    pub signature: String,
}

#[derive(Debug, Deserialize)]
struct BeatAnswer {
    bundle: Option<u64>,
}

fn status_code(e: ureq::Error) -> &'static str {
    match e {
        ureq::Error::Status(401, _) => "sync.not-enrolled",
        ureq::Error::Status(code, _) if code >= 500 => "sync.hub-error",
        ureq::Error::Status(_, _) => "sync.refused",
        ureq::Error::Transport(_) => "sync.unreachable",
    }
}

/// A batch taken from the outbox, sent without the outbox's lock.
#[derive(Debug, Clone)]
pub struct Outgoing {
    body: serde_json::Value,
    ids: Vec<String>,
}

impl HubLink {
    /// `url`: the hub's base URL, e.g. `http://hub.local:8760`; `token`: this kiosk's, from its enrolment.
    pub fn new(url: &str, kiosk_id: &str, token: &str) -> HubLink {
        let agent =
            ureq::AgentBuilder::new().timeout_connect(Duration::from_secs(5)).timeout(Duration::from_secs(30)).build();
        HubLink {
            url: url.trim_end_matches('/').to_owned(),
            kiosk_id: kiosk_id.to_owned(),
            auth: format!("Bearer {kiosk_id}:{token}"),
            agent,
        }
    }

    /// Gives up on a request after `timeout` (connecting: at most 5 s).
    pub fn with_timeout(mut self, timeout: Duration) -> HubLink {
        self.agent =
            ureq::AgentBuilder::new().timeout_connect(timeout.min(Duration::from_secs(5))).timeout(timeout).build();
        self
    }

    /// Reports the kiosk's health; the hub answers with a newer bundle's version, if it has one.
    pub fn heartbeat(&self, beat: &Heartbeat) -> Result<Option<u64>, &'static str> {
        let r = self
            .agent
            .post(&format!("{}/api/v1/heartbeat", self.url))
            .set("authorization", &self.auth)
            .send_json(beat)
            .map_err(status_code)?;
        r.into_json::<BeatAnswer>().map(|a| a.bundle).map_err(|_| "sync.bad-answer")
    }

    /// The newest bundle for this kiosk newer than `have`.
    pub fn latest(&self, have: Option<u64>) -> Result<Option<Offered>, &'static str> {
        let mut req = self.agent.get(&format!("{}/api/v1/bundles/latest", self.url)).set("authorization", &self.auth);
        if let Some(v) = have {
            req = req.query("have", &v.to_string());
        }
        let r = req.call().map_err(status_code)?;
        if r.status() == 204 {
            return Ok(None);
        }
        r.into_json::<Offered>().map(Some).map_err(|_| "sync.bad-answer")
    }

    /// One file of a bundle, refused past `size` bytes (what its manifest says it holds).
    pub fn file(&self, version: u64, path: &str, size: u64) -> Result<Vec<u8>, &'static str> {
        let r = self
            .agent
            .get(&format!("{}/api/v1/bundles/{version}/files/{path}", self.url))
            .set("authorization", &self.auth)
            .call()
            .map_err(status_code)?;
        let mut bytes = Vec::new();
        r.into_reader().take(size + 1).read_to_end(&mut bytes).map_err(|_| "sync.unreachable")?;
        if bytes.len() as u64 > size {
            return Err("bundle.file-mismatch");
        }
        Ok(bytes)
    }

    /// The next batch (`None`: nothing waits).
    pub fn take(&self, outbox: &Outbox, batch: usize) -> Result<Option<Outgoing>, EngineError> {
        let pending = outbox.unsent(batch)?;
        if pending.is_empty() {
            return Ok(None);
        }
        let submissions: Vec<serde_json::Value> = pending
            .iter()
            .map(|p| {
                serde_json::json!({
                    "id": p.submission_id,
                    "form": p.form_id,
                    "receipt": p.receipt,
                    "sealed": base64::engine::general_purpose::STANDARD.encode(&p.sealed),
                })
            })
            .collect();
        let ids = pending.into_iter().map(|p| p.submission_id).collect();
        Ok(Some(Outgoing { body: serde_json::json!({ "kiosk_id": self.kiosk_id, "submissions": submissions }), ids }))
    }

    /// Sends a batch; the acknowledgements, or a stable error code.
    pub fn send(&self, batch: &Outgoing) -> Result<Vec<Ack>, &'static str> {
        let response = self
            .agent
            .post(&format!("{}/api/v1/submissions", self.url))
            .set("authorization", &self.auth)
            .send_json(&batch.body);
        match response {
            Ok(r) => r.into_json::<Answer>().map(|a| a.acks).map_err(|_| "sync.bad-answer"),
            Err(e) => Err(status_code(e)),
        }
    }

    /// Applies the acknowledgements: stored and duplicate rows go; a conflict stays (and is counted).
    pub fn settle(outbox: &mut Outbox, batch: &Outgoing, acks: &[Ack]) -> Result<usize, EngineError> {
        let done: Vec<String> = acks
            .iter()
            .filter(|a| (a.status == "stored" || a.status == "duplicate") && batch.ids.contains(&a.id))
            .map(|a| a.id.clone())
            .collect();
        let kept: Vec<String> = batch.ids.iter().filter(|id| !done.contains(id)).cloned().collect();
        outbox.attempted(&kept)?;
        outbox.delivered(&done)
    }

    pub fn failed(outbox: &mut Outbox, batch: &Outgoing) -> Result<(), EngineError> {
        outbox.attempted(&batch.ids)
    }
}

/// Exponential backoff with jitter: 1 s, 2 s, 4 s … up to 5 minutes, each between half and the whole.
#[derive(Debug, Clone, Default)]
pub struct Backoff {
    failures: u32,
}

impl Backoff {
    pub fn succeeded(&mut self) {
        self.failures = 0;
    }

    /// The wait after one more failure; `random` is a number in 0..1 (the jitter).
    pub fn failed(&mut self, random: f64) -> Duration {
        self.failures = self.failures.saturating_add(1);
        let full = (1u64 << self.failures.min(10).saturating_sub(1)).min(300) as f64;
        Duration::from_secs_f64(full * (0.5 + 0.5 * random.clamp(0.0, 1.0)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_to_five_minutes_with_jitter_and_resets() {
        let mut b = Backoff::default();
        let waits: Vec<u64> = (0..12).map(|_| b.failed(1.0).as_secs()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300]);
        assert_eq!(b.failed(0.0).as_secs_f64(), 150.0, "jitter: between half and the whole");
        b.succeeded();
        assert_eq!(b.failed(1.0).as_secs(), 1);
    }
}
