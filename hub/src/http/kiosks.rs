//! The kiosks' API (`/api/v1/…`), each call authenticated by [`KioskAuth`] before its body is read.
//!
//! - `POST /api/v1/submissions`: a [`SubmissionBatch`]; a [`BatchAnswer`] with one acknowledgement
//!   per submission (`stored`, `duplicate` with the original time, or `conflict`), each naming the
//!   SHA-256 of what the hub holds. Every submission is checked first (`reading::accept`); one that
//!   does not open is `refused` with its code and not stored, and the rest go on. At most
//!   [`MAX_BATCH`] per batch, within the kiosk's quota.
//! - `POST /api/v1/heartbeat`: a [`Heartbeat`] (at most `MAX_ALERTS_PER_HEARTBEAT` alerts);
//!   a [`HeartbeatAnswer`] offering a newer bundle.
//! - `GET /api/v1/bundles/latest?have=N`: [`LatestBundle`] for the kiosk's group (204: none).
//! - `GET /api/v1/bundles/{version}/files/{path}`: one file of a bundle published to the group.

use super::{blocking, Body, KioskAuth};
use crate::error::HubError;
use crate::server::{lock, now_ms, Hub};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use minwon_core::wire::{
    BatchAnswer, Heartbeat, HeartbeatAnswer, LatestBundle, SubmissionBatch, MAX_ALERTS_PER_HEARTBEAT,
    MAX_CHECKS_PER_HEARTBEAT,
};
use serde::Deserialize;

/// Submissions per batch (kiosks send 50).
pub const MAX_BATCH: usize = 100;

pub(super) fn router() -> Router<Hub> {
    Router::new()
        .route("/api/v1/submissions", post(submissions).layer(DefaultBodyLimit::max(16 * 1024 * 1024)))
        .route("/api/v1/heartbeat", post(heartbeat).layer(DefaultBodyLimit::max(64 * 1024)))
        .route("/api/v1/bundles/latest", get(latest))
        .route("/api/v1/bundles/:version/files/*path", get(bundle_file))
}

async fn submissions(
    State(hub): State<Hub>,
    kiosk: KioskAuth,
    Body(batch): Body<SubmissionBatch>,
) -> Result<Json<BatchAnswer>, HubError> {
    if batch.kiosk_id.as_deref().is_some_and(|k| k != kiosk.id) {
        return Err(HubError::KioskUnknown);
    }
    if batch.submissions.len() > MAX_BATCH {
        return Err(HubError::BadSubmission("batch"));
    }
    lock(&hub.inner.submissions).take(&kiosk.id, batch.submissions.len(), now_ms())?;
    let acks = blocking(move || {
        let checked: Vec<_> = batch.submissions.iter().map(|s| crate::reading::accept(hub.agency_key(), s)).collect();
        let accepted: Vec<_> = checked.iter().filter_map(|c| c.as_ref().ok().cloned()).collect();
        let mut stored = hub.store()?.ingest(&kiosk.id, &accepted, now_ms())?.into_iter();
        let mut acks = Vec::with_capacity(checked.len());
        for (s, c) in batch.submissions.iter().zip(checked) {
            match c {
                Ok(_) => acks.extend(stored.next()),
                Err(e) => acks.push(minwon_core::wire::Ack {
                    id: s.id.chars().take(64).collect(),
                    status: minwon_core::wire::AckStatus::Refused,
                    received: 0,
                    sha256: String::new(),
                    code: Some(e.code().to_owned()),
                }),
            }
        }
        Ok(acks)
    })
    .await?;
    Ok(Json(BatchAnswer { acks }))
}

async fn heartbeat(
    State(hub): State<Hub>,
    kiosk: KioskAuth,
    Body(beat): Body<Heartbeat>,
) -> Result<Json<HeartbeatAnswer>, HubError> {
    if beat.alerts.len() > MAX_ALERTS_PER_HEARTBEAT || beat.checks.len() > MAX_CHECKS_PER_HEARTBEAT {
        return Err(HubError::BadSubmission("alerts"));
    }
    lock(&hub.inner.heartbeats).take(&kiosk.id, 1, now_ms())?;
    let mut store = hub.store()?;
    store.heartbeat(&kiosk.id, &beat, now_ms())?;
    let bundle = hub.publisher().offer(&store, &kiosk.group, beat.bundle_version)?;
    Ok(Json(HeartbeatAnswer { bundle }))
}

#[derive(Debug, Deserialize)]
struct Have {
    have: Option<u64>,
}

async fn latest(State(hub): State<Hub>, kiosk: KioskAuth, Query(have): Query<Have>) -> Result<Response, HubError> {
    let offer = hub.publisher().offer(&*hub.store()?, &kiosk.group, have.have)?;
    match offer {
        Some(version) => {
            let (manifest, signature) = hub.publisher().manifest(version)?;
            Ok(Json(LatestBundle { version, manifest, signature }).into_response())
        }
        None => Ok(StatusCode::NO_CONTENT.into_response()),
    }
}

async fn bundle_file(
    State(hub): State<Hub>,
    kiosk: KioskAuth,
    Path((version, path)): Path<(u64, String)>,
) -> Result<Response, HubError> {
    if !hub.publisher().published_to(&*hub.store()?, version, &kiosk.group)? {
        return Err(HubError::NotFound);
    }
    let bytes = hub.publisher().file(version, &path)?;
    Ok(([("content-type", "application/octet-stream")], bytes).into_response())
}
