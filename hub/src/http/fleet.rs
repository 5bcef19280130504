//! The fleet page: every kiosk's last status and flags, staff calls, and enrolling a kiosk.

use super::{Admin, AdminChange, Body};
use crate::error::HubError;
use crate::server::{now_ms, Hub};
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

pub(super) fn router() -> Router<Hub> {
    Router::new().route("/admin/api/fleet", get(fleet)).route("/admin/api/kiosks", post(enrol))
}

async fn fleet(State(hub): State<Hub>, _: Admin) -> Result<Json<Value>, HubError> {
    let store = hub.store()?;
    Ok(Json(json!({ "now": now_ms(), "kiosks": store.fleet(now_ms())?, "alerts": store.alerts(50)? })))
}

#[derive(Deserialize)]
struct Enrol {
    kiosk_id: String,
    group: String,
}

/// Enrols a kiosk; its file names this hub as the admin's browser reached it, over HTTPS, with
/// the pin of the hub's certificate.
async fn enrol(
    State(hub): State<Hub>,
    AdminChange(s, _): AdminChange,
    headers: HeaderMap,
    Body(body): Body<Enrol>,
) -> Result<Json<Value>, HubError> {
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("127.0.0.1");
    if host.is_empty() || host.len() > 255 || !host.bytes().all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
    {
        return Err(HubError::BadRequest);
    }
    let e = hub.enrol(body.kiosk_id.trim(), body.group.trim(), &format!("https://{host}"), &s.admin)?;
    let file = toml::to_string(&e).map_err(|err| HubError::Form(err.to_string()))?;
    Ok(Json(json!({ "kiosk_id": e.kiosk_id, "file": file })))
}
