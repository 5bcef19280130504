//! Signing in and out of the admin pages.
//!
//! `POST /admin/api/login` checks the password with argon2 off the async workers and outside the
//! store's lock, one check at a time, behind the login throttle (per account and address, and per
//! address: `limits.rs`). The session cookie is `HttpOnly; SameSite=Strict; Secure`: the pages are
//! served over HTTPS only.

use super::{blocking, same_origin, Admin, AdminChange, Body, Peer, COOKIE};
use crate::accounts::{password_matches, DECOY_HASH};
use crate::error::HubError;
use crate::server::{lock, now_ms, Hub};
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

pub(super) fn router() -> Router<Hub> {
    Router::new()
        .route("/admin/api/session", get(session))
        .route("/admin/api/login", post(login))
        .route("/admin/api/logout", post(logout))
        .route("/admin/api/audit", get(audit))
}

/// The audit log, newest first.
async fn audit(State(hub): State<Hub>, _: Admin) -> Result<Json<Value>, HubError> {
    Ok(Json(json!({ "entries": hub.store()?.audit_log(200)? })))
}

async fn session(Admin(s, _): Admin) -> Json<Value> {
    Json(json!({ "admin": s.admin, "csrf": s.csrf }))
}

#[derive(Deserialize)]
struct Login {
    name: String,
    password: String,
}

async fn login(
    State(hub): State<Hub>,
    Peer(addr): Peer,
    headers: HeaderMap,
    Body(body): Body<Login>,
) -> Result<Response, HubError> {
    same_origin(&headers)?;
    let name = body.name.trim().to_owned();
    if name.is_empty() || name.len() > 64 || body.password.len() > 1024 {
        return Err(HubError::Login);
    }
    lock(&hub.inner.logins).check(&name, addr, now_ms())?;
    // One argon2 at a time; the throttle is asked again once it is this login's turn.
    let _slot = hub.inner.login_slot.acquire().await.map_err(|_| HubError::Login)?;
    lock(&hub.inner.logins).check(&name, addr, now_ms())?;
    let hash = hub.store()?.password_hash(&name)?;
    let password = body.password;
    let matches = blocking(move || {
        let known = hash.is_some();
        Ok(password_matches(&password, hash.as_deref().unwrap_or(DECOY_HASH)) && known)
    })
    .await?;
    if !matches {
        lock(&hub.inner.logins).failed(&name, addr, now_ms());
        return Err(HubError::Login);
    }
    lock(&hub.inner.logins).succeeded(&name, addr);
    let (cookie, session) = hub.store()?.open_session(&name, now_ms())?;
    let set = format!("{COOKIE}={cookie}; HttpOnly; SameSite=Strict; Path=/; Secure");
    let mut r = Json(json!({ "admin": session.admin, "csrf": session.csrf })).into_response();
    if let Ok(v) = HeaderValue::from_str(&set) {
        r.headers_mut().insert(header::SET_COOKIE, v);
    }
    Ok(r)
}

async fn logout(State(hub): State<Hub>, AdminChange(_, cookie): AdminChange) -> Result<Response, HubError> {
    hub.store()?.logout(&cookie)?;
    let mut r = Json(json!({})).into_response();
    r.headers_mut()
        .insert(header::SET_COOKIE, HeaderValue::from_static("minwon_hub=; Max-Age=0; Path=/; Secure; HttpOnly"));
    Ok(r)
}
