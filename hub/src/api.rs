//! The kiosks' HTTP API.

use crate::store::{HubStore, Incoming};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde::Deserialize;
use std::sync::{Arc, Mutex};

#[derive(Debug, Deserialize)]
pub struct Batch {
    pub kiosk_id: String,
    pub submissions: Vec<Incoming>,
}

pub fn router(store: Arc<Mutex<HubStore>>) -> Router {
    Router::new().route("/api/v1/submissions", post(submissions)).with_state(store)
}

fn now_ms() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}

async fn submissions(State(store): State<Arc<Mutex<HubStore>>>, Json(batch): Json<Batch>) -> Response {
    let result = match store.lock() {
        Ok(mut s) => s.ingest(&batch.kiosk_id, &batch.submissions, now_ms()),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    match result {
        Ok(acks) => Json(serde_json::json!({ "acks": acks })).into_response(),
        Err(e) => {
            let status = if e.code() == "hub.bad-submission" {
                StatusCode::BAD_REQUEST
            } else {
                StatusCode::INTERNAL_SERVER_ERROR
            };
            (status, Json(serde_json::json!({ "code": e.code() }))).into_response()
        }
    }
}
