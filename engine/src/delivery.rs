//! The kiosk's side of the hub: the outbox is sent in batches, a row is deleted only once its hub
//! acknowledged it, and failures back off exponentially with jitter; heartbeats report the kiosk's
//! health and alerts; newer form bundles are pulled, their manifest checked before any file is.
//! Every call carries the kiosk's own token (`Authorization: Bearer <kiosk-id>:<token>`).
//!
//! HTTPS only, to the hub pinned at enrolment: the TLS handshake is accepted only if the hub's
//! certificate carries the public key whose SHA-256 the enrolment names ([`PinnedHub`]); no
//! certificate authority is trusted, so nobody on the office network can stand in for the hub,
//! read the token, or answer for it. A refused certificate is `sync.hub-certificate`.
//!
//! The hub keeps each submission id once, so a batch sent twice (an acknowledgement lost, the
//! kiosk killed between the hub's answer and the delete) is harmless: the resend gets the
//! original acknowledgement. A row is deleted only for an acknowledgement that names it and the
//! SHA-256 of exactly the bytes this kiosk sent; a conflict (same id, other content) is never
//! deleted here. No network call happens while the kiosk's lock is held.

use crate::error::EngineError;
use crate::outbox::Outbox;
use base64::Engine;
use minwon_core::wire::{
    Ack, AckStatus, BatchAnswer, Heartbeat, HeartbeatAnswer, LatestBundle, SealedSubmission, SubmissionBatch,
};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use sha2::{Digest, Sha256};
use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Accepts exactly the hub whose certificate carries the pinned public key; the handshake's
/// signatures are still checked with that key (so the peer holds the private half).
#[derive(Debug)]
pub struct PinnedHub {
    pin: String,
    provider: Arc<rustls::crypto::CryptoProvider>,
    /// Set when a handshake met another certificate (to tell that apart from an unreachable hub).
    refused: AtomicBool,
}

impl ServerCertVerifier for PinnedHub {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if minwon_core::pin::matches(end_entity.as_ref(), &self.pin) {
            Ok(ServerCertVerified::assertion())
        } else {
            self.refused.store(true, Ordering::SeqCst);
            Err(rustls::Error::InvalidCertificate(rustls::CertificateError::ApplicationVerificationFailure))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider.signature_verification_algorithms.supported_schemes()
    }
}

/// The kiosk's link to its hub.
#[derive(Debug, Clone)]
pub struct HubLink {
    url: String,
    kiosk_id: String,
    auth: String,
    pinned: Arc<PinnedHub>,
    tls: Arc<rustls::ClientConfig>,
    agent: ureq::Agent,
}

/// A bundle the hub offers: its version, manifest and signature (files not fetched yet).
pub type Offered = LatestBundle;

/// A batch taken from the outbox, sent without the outbox's lock.
#[derive(Debug, Clone)]
pub struct Outgoing {
    body: SubmissionBatch,
    /// (id, SHA-256 of the sealed bytes sent)
    sent: Vec<(String, String)>,
}

impl Outgoing {
    pub fn ids(&self) -> Vec<String> {
        self.sent.iter().map(|(id, _)| id.clone()).collect()
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn agent(tls: &Arc<rustls::ClientConfig>, timeout: Duration) -> ureq::Agent {
    ureq::AgentBuilder::new()
        .tls_config(tls.clone())
        .timeout_connect(timeout.min(Duration::from_secs(5)))
        .timeout(timeout)
        // Never follow a redirect: an answer from elsewhere is not the hub's.
        .redirects(0)
        .build()
}

impl HubLink {
    /// `url`: the hub's base URL, `https://hub.local:8760`; `pin`: the SHA-256 of its certificate's
    /// public key and `token`: this kiosk's, both from its enrolment. Anything but `https://` is
    /// refused (`sync.not-https`).
    pub fn new(url: &str, kiosk_id: &str, token: &str, pin: &str) -> Result<HubLink, &'static str> {
        if !url.starts_with("https://") {
            return Err("sync.not-https");
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let pinned =
            Arc::new(PinnedHub { pin: pin.to_owned(), provider: provider.clone(), refused: AtomicBool::new(false) });
        let tls = Arc::new(
            rustls::ClientConfig::builder_with_provider(provider)
                .with_safe_default_protocol_versions()
                .map_err(|_| "sync.tls")?
                .dangerous()
                .with_custom_certificate_verifier(pinned.clone())
                .with_no_client_auth(),
        );
        Ok(HubLink {
            url: url.trim_end_matches('/').to_owned(),
            kiosk_id: kiosk_id.to_owned(),
            auth: format!("Bearer {kiosk_id}:{token}"),
            agent: agent(&tls, Duration::from_secs(30)),
            pinned,
            tls,
        })
    }

    /// Gives up on a request after `timeout` (connecting: at most 5 s).
    pub fn with_timeout(mut self, timeout: Duration) -> HubLink {
        self.agent = agent(&self.tls, timeout);
        self
    }

    /// The stable code of a failed call.
    fn failure(&self, e: ureq::Error) -> &'static str {
        if self.pinned.refused.swap(false, Ordering::SeqCst) {
            return "sync.hub-certificate";
        }
        match e {
            ureq::Error::Status(401, _) => "sync.not-enrolled",
            ureq::Error::Status(429, _) => "sync.rate-limited",
            ureq::Error::Status(code, _) if code >= 500 => "sync.hub-error",
            ureq::Error::Status(_, _) => "sync.refused",
            ureq::Error::Transport(_) => "sync.unreachable",
        }
    }

    /// Reports the kiosk's health; the hub answers with a newer bundle's version, if it has one.
    pub fn heartbeat(&self, beat: &Heartbeat) -> Result<Option<u64>, &'static str> {
        let r = self
            .agent
            .post(&format!("{}/api/v1/heartbeat", self.url))
            .set("authorization", &self.auth)
            .send_json(beat)
            .map_err(|e| self.failure(e))?;
        r.into_json::<HeartbeatAnswer>().map(|a| a.bundle).map_err(|_| "sync.bad-answer")
    }

    /// Asks the hub what is new without taking it (`minwon-kiosk doctor`): proves the hub answers
    /// with the pinned certificate and takes this kiosk's token. Returns the hub's clock (its
    /// `Date` header, seconds since the epoch) when it sent one.
    pub fn probe(&self) -> Result<Option<u64>, &'static str> {
        let r = self
            .agent
            .get(&format!("{}/api/v1/bundles/latest", self.url))
            .query("have", &u64::MAX.to_string())
            .set("authorization", &self.auth)
            .call()
            .map_err(|e| self.failure(e))?;
        let date = r.header("date").and_then(|d| httpdate::parse_http_date(d).ok());
        Ok(date.and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map(|d| d.as_secs()))
    }

    /// The newest bundle for this kiosk newer than `have`.
    pub fn latest(&self, have: Option<u64>) -> Result<Option<Offered>, &'static str> {
        let mut req = self.agent.get(&format!("{}/api/v1/bundles/latest", self.url)).set("authorization", &self.auth);
        if let Some(v) = have {
            req = req.query("have", &v.to_string());
        }
        let r = req.call().map_err(|e| self.failure(e))?;
        if r.status() == 204 {
            return Ok(None);
        }
        let mut body = Vec::new();
        r.into_reader()
            .take(crate::bundles::MAX_MANIFEST_BYTES + 1)
            .read_to_end(&mut body)
            .map_err(|_| "sync.unreachable")?;
        if body.len() as u64 > crate::bundles::MAX_MANIFEST_BYTES {
            return Err("bundle.too-large");
        }
        serde_json::from_slice::<Offered>(&body).map(Some).map_err(|_| "sync.bad-answer")
    }

    /// One file of a bundle, refused past `size` bytes (what its manifest says it holds).
    pub fn file(&self, version: u64, path: &str, size: u64) -> Result<Vec<u8>, &'static str> {
        let r = self
            .agent
            .get(&format!("{}/api/v1/bundles/{version}/files/{path}", self.url))
            .set("authorization", &self.auth)
            .call()
            .map_err(|e| self.failure(e))?;
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
        let sent = pending.iter().map(|p| (p.submission_id.clone(), sha256_hex(&p.sealed))).collect();
        let submissions = pending
            .into_iter()
            .map(|p| SealedSubmission {
                id: p.submission_id,
                form: p.form_id,
                receipt: p.receipt,
                sealed: base64::engine::general_purpose::STANDARD.encode(&p.sealed),
            })
            .collect();
        Ok(Some(Outgoing { body: SubmissionBatch { kiosk_id: Some(self.kiosk_id.clone()), submissions }, sent }))
    }

    /// Sends a batch; the acknowledgements, or a stable error code.
    pub fn send(&self, batch: &Outgoing) -> Result<Vec<Ack>, &'static str> {
        let response = self
            .agent
            .post(&format!("{}/api/v1/submissions", self.url))
            .set("authorization", &self.auth)
            .send_json(&batch.body);
        match response {
            Ok(r) => r.into_json::<BatchAnswer>().map(|a| a.acks).map_err(|_| "sync.bad-answer"),
            Err(e) => Err(self.failure(e)),
        }
    }

    /// Applies the acknowledgements: a row goes only when the hub says it holds it (stored or a
    /// duplicate) *and* names the SHA-256 of the bytes sent; anything else stays and is counted.
    pub fn settle(outbox: &mut Outbox, batch: &Outgoing, acks: &[Ack]) -> Result<usize, EngineError> {
        let done: Vec<String> = batch
            .sent
            .iter()
            .filter(|(id, sum)| acks.iter().any(|a| &a.id == id && a.status.holds_it() && &a.sha256 == sum))
            .map(|(id, _)| id.clone())
            .collect();
        let kept: Vec<String> = batch.ids().into_iter().filter(|id| !done.contains(id)).collect();
        outbox.attempted(&kept)?;
        // Refused by the hub: kept, set aside, so it does not stand in front of the others.
        for a in acks.iter().filter(|a| a.status == AckStatus::Refused && kept.contains(&a.id)) {
            outbox.set_aside(&a.id, a.code.as_deref().unwrap_or("hub.refused"))?;
        }
        outbox.delivered(&done)
    }

    pub fn failed(outbox: &mut Outbox, batch: &Outgoing) -> Result<(), EngineError> {
        outbox.attempted(&batch.ids())
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
