//! The hub's HTTP layer, one module per route group: the kiosks' API (`kiosks`), and the admin
//! pages' API (`accounts`, `forms`, `address`, `fleet`, `submissions`) and files (`files`).
//!
//! Who is calling is decided by extractors that read headers only — [`KioskAuth`] (the kiosk's
//! bearer token), [`Admin`] (the session cookie) and [`AdminChange`] (the cookie, the CSRF token
//! and the Origin) — and they come before the body in every handler, so a caller without a
//! session or token is refused before a byte of its body is read. Slow work (argon2, importing a
//! spreadsheet, publishing with its flushes) runs in `spawn_blocking`, off the async workers the
//! kiosks' heartbeats share. Errors answer `{ "code": … }` through `impl IntoResponse for HubError`.

mod accounts;
mod address;
mod files;
mod fleet;
mod forms;
mod kiosks;
mod submissions;

use crate::accounts::AdminSession;
use crate::error::HubError;
use crate::server::{now_ms, Hub};
use axum::async_trait;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use axum::Router;

pub use files::CSP;

/// The session cookie's name.
pub(crate) const COOKIE: &str = "minwon_hub";

pub fn router(hub: Hub) -> Router {
    Router::new()
        .merge(kiosks::router())
        .merge(accounts::router())
        .merge(forms::router())
        .merge(address::router())
        .merge(fleet::router())
        .merge(submissions::router())
        .merge(files::router())
        .with_state(hub)
}

/// Runs slow or blocking work off the async workers.
pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, HubError> + Send + 'static,
) -> Result<T, HubError> {
    tokio::task::spawn_blocking(f).await.map_err(|_| HubError::Io(std::io::Error::other("worker")))?
}

/// The calling kiosk, from `Authorization: Bearer <kiosk-id>:<token>`.
#[derive(Debug, Clone)]
pub struct KioskAuth {
    pub id: String,
    pub group: String,
}

#[async_trait]
impl FromRequestParts<Hub> for KioskAuth {
    type Rejection = HubError;

    async fn from_request_parts(parts: &mut Parts, hub: &Hub) -> Result<Self, HubError> {
        let value =
            parts.headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).ok_or(HubError::KioskUnknown)?;
        let (id, token) =
            value.strip_prefix("Bearer ").and_then(|v| v.split_once(':')).ok_or(HubError::KioskUnknown)?;
        if !crate::store::plain_id(id) || token.len() > 128 {
            return Err(HubError::KioskUnknown);
        }
        let group = hub.store()?.authenticate(id, token)?;
        Ok(KioskAuth { id: id.to_owned(), group })
    }
}

fn cookie(headers: &HeaderMap) -> Option<String> {
    headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).find_map(|kv| {
        let (k, v) = kv.trim().split_once('=')?;
        (k == COOKIE).then(|| v.to_owned())
    })
}

/// A request from somewhere else than this hub's own pages is refused: a browser's `Origin` must
/// be `https://` and this hub's `Host`.
pub(crate) fn same_origin(headers: &HeaderMap) -> Result<(), HubError> {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else { return Ok(()) };
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
    match origin.strip_prefix("https://") {
        Some(bare) if !host.is_empty() && bare == host => Ok(()),
        _ => Err(HubError::Csrf),
    }
}

/// The signed-in admin (the session cookie).
#[derive(Debug, Clone)]
pub struct Admin(pub AdminSession, pub String);

#[async_trait]
impl FromRequestParts<Hub> for Admin {
    type Rejection = HubError;

    async fn from_request_parts(parts: &mut Parts, hub: &Hub) -> Result<Self, HubError> {
        let cookie = cookie(&parts.headers).filter(|c| c.len() <= 128).ok_or(HubError::NoSession)?;
        let session = hub.store()?.session(&cookie, now_ms())?;
        Ok(Admin(session, cookie))
    }
}

/// The signed-in admin, on a request that changes something: also this session's CSRF token in
/// `X-CSRF-Token` (compared in constant time) and, when the browser sends one, our own Origin.
#[derive(Debug, Clone)]
pub struct AdminChange(pub AdminSession, pub String);

#[async_trait]
impl FromRequestParts<Hub> for AdminChange {
    type Rejection = HubError;

    async fn from_request_parts(parts: &mut Parts, hub: &Hub) -> Result<Self, HubError> {
        let Admin(session, cookie) = Admin::from_request_parts(parts, hub).await?;
        same_origin(&parts.headers)?;
        let token = parts.headers.get("x-csrf-token").and_then(|v| v.to_str().ok()).unwrap_or("");
        if token.is_empty() || !minwon_core::pin::same_secret(token, &session.csrf) {
            return Err(HubError::Csrf);
        }
        Ok(AdminChange(session, cookie))
    }
}

/// The caller's address (for the login throttle); loopback when served without [`crate::tls::serve`].
pub struct Peer(pub std::net::IpAddr);

#[async_trait]
impl FromRequestParts<Hub> for Peer {
    type Rejection = HubError;

    async fn from_request_parts(parts: &mut Parts, _: &Hub) -> Result<Self, HubError> {
        Ok(Peer(crate::tls::peer(parts).map_or(std::net::Ipv4Addr::LOCALHOST.into(), |a| a.ip())))
    }
}

/// A JSON body, refused with our code (not axum's text) when it does not parse.
pub struct Body<T>(pub T);

#[async_trait]
impl<T: serde::de::DeserializeOwned> axum::extract::FromRequest<Hub> for Body<T> {
    type Rejection = HubError;

    async fn from_request(req: axum::extract::Request, hub: &Hub) -> Result<Self, HubError> {
        match axum::Json::<T>::from_request(req, hub).await {
            Ok(axum::Json(v)) => Ok(Body(v)),
            Err(e) if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => Err(HubError::TooLarge),
            Err(_) => Err(HubError::BadRequest),
        }
    }
}
