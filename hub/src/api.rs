//! The kiosks' HTTP API (`/api/v1/…`). Every call carries the kiosk's id and its own token:
//! `Authorization: Bearer <kiosk-id>:<token>`.
//!
//! - `POST /api/v1/submissions`: a batch, one acknowledgement per submission (`stored`,
//!   `duplicate` with the original time, or `conflict`).
//! - `POST /api/v1/heartbeat`: the kiosk's status and alerts; the answer offers a newer bundle.
//! - `GET /api/v1/bundles/latest?have=N`: the newest bundle for the kiosk's group (204: none).
//! - `GET /api/v1/bundles/{version}/files/{path}`: one file of a bundle published to the group.

use crate::error::HubError;
use crate::fleet::Heartbeat;
use crate::server::{now_ms, Hub};
use crate::store::Incoming;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct Batch {
    #[serde(default)]
    pub kiosk_id: Option<String>,
    pub submissions: Vec<Incoming>,
}

pub fn router(hub: Hub) -> Router {
    Router::new()
        .route("/api/v1/submissions", post(submissions))
        .route("/api/v1/heartbeat", post(heartbeat))
        .route("/api/v1/bundles/latest", get(latest))
        .route("/api/v1/bundles/:version/files/*path", get(bundle_file))
        .with_state(hub)
}

pub(crate) fn error(e: HubError) -> Response {
    let status = match &e {
        HubError::BadSubmission(_) | HubError::Form(_) => StatusCode::BAD_REQUEST,
        HubError::KioskUnknown | HubError::Login | HubError::NoSession => StatusCode::UNAUTHORIZED,
        HubError::LockedOut => StatusCode::TOO_MANY_REQUESTS,
        HubError::Csrf => StatusCode::FORBIDDEN,
        HubError::NotFound => StatusCode::NOT_FOUND,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    (status, Json(serde_json::json!({ "code": e.code() }))).into_response()
}

/// The calling kiosk: (id, group).
fn kiosk(hub: &Hub, headers: &HeaderMap) -> Result<(String, String), HubError> {
    let value = headers.get("authorization").and_then(|v| v.to_str().ok()).ok_or(HubError::KioskUnknown)?;
    let (id, token) = value.strip_prefix("Bearer ").and_then(|v| v.split_once(':')).ok_or(HubError::KioskUnknown)?;
    let group = hub.store()?.authenticate(id, token)?;
    Ok((id.to_owned(), group))
}

async fn submissions(State(hub): State<Hub>, headers: HeaderMap, Json(batch): Json<Batch>) -> Response {
    let result = kiosk(&hub, &headers).and_then(|(id, _)| {
        if batch.kiosk_id.as_deref().is_some_and(|k| k != id) {
            return Err(HubError::KioskUnknown);
        }
        hub.store()?.ingest(&id, &batch.submissions, now_ms())
    });
    match result {
        Ok(acks) => Json(serde_json::json!({ "acks": acks })).into_response(),
        Err(e) => error(e),
    }
}

async fn heartbeat(State(hub): State<Hub>, headers: HeaderMap, Json(beat): Json<Heartbeat>) -> Response {
    let result = kiosk(&hub, &headers).and_then(|(id, group)| {
        let mut store = hub.store()?;
        store.heartbeat(&id, &beat, now_ms())?;
        hub.publisher().offer(&store, &group, beat.bundle_version)
    });
    match result {
        Ok(offer) => Json(serde_json::json!({ "bundle": offer })).into_response(),
        Err(e) => error(e),
    }
}

#[derive(Debug, Deserialize)]
struct Have {
    have: Option<u64>,
}

async fn latest(State(hub): State<Hub>, headers: HeaderMap, Query(have): Query<Have>) -> Response {
    let result = kiosk(&hub, &headers).and_then(|(_, group)| {
        let offer = hub.publisher().offer(&*hub.store()?, &group, have.have)?;
        offer.map(|v| hub.publisher().manifest(v).map(|(m, s)| (v, m, s))).transpose()
    });
    match result {
        Ok(Some((version, manifest, signature))) => {
            Json(serde_json::json!({ "version": version, "manifest": manifest, "signature": signature }))
                .into_response()
        }
        Ok(None) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => error(e),
    }
}

async fn bundle_file(
    State(hub): State<Hub>,
    headers: HeaderMap,
    Path((version, path)): Path<(u64, String)>,
) -> Response {
    let result = kiosk(&hub, &headers).and_then(|(_, group)| {
        if !hub.publisher().published_to(&*hub.store()?, version, &group)? {
            return Err(HubError::NotFound);
        }
        hub.publisher().file(version, &path)
    });
    match result {
        Ok(bytes) => ([("content-type", "application/octet-stream")], bytes).into_response(),
        Err(e) => error(e),
    }
}
