//! The admin pages' files (`ui/hub`, under `/admin/`) and their texts (`locales/<lang>/hub.ftl`).
//!
//! A file is served only if every part of its path is plain (`paths.rs`: no `//`, `%2F`, `..`,
//! `\`) and, links resolved, it lies inside the pages' folder: nothing else on the hub's machine
//! is ever served, signed in or not.

use crate::error::HubError;
use crate::server::Hub;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Json, Router};
use minwon_core::{Locale, Localizer};
use serde_json::{json, Value};
use std::collections::BTreeMap;

pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

pub(super) fn router() -> Router<Hub> {
    Router::new()
        .route("/", get(|| async { Redirect::to("/admin/") }))
        .route("/admin", get(|| async { Redirect::to("/admin/") }))
        .route("/admin/api/texts/:lang", get(texts))
        .route("/admin/", get(|State(hub): State<Hub>| async move { file(&hub, "index.html") }))
        .route("/admin/*path", get(|State(hub): State<Hub>, Path(path): Path<String>| async move { file(&hub, &path) }))
}

fn file(hub: &Hub, path: &str) -> Response {
    let ui = &hub.inner.config.ui;
    let inside = minwon_core::paths::plain_relative(path)
        .and_then(|rel| std::fs::canonicalize(ui.join(rel)).ok())
        .filter(|full| std::fs::canonicalize(ui).is_ok_and(|root| full.starts_with(root)));
    let Some(bytes) = inside.and_then(|full| std::fs::read(full).ok()) else {
        return HubError::NotFound.into_response();
    };
    let kind = match path.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css",
        Some("js") | Some("mjs") => "text/javascript",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    };
    let mut r = ([(header::CONTENT_TYPE, kind)], bytes).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"));
    r
}

/// The admin pages' own texts (`locales/<lang>/hub.ftl`), falling back to Korean.
async fn texts(State(hub): State<Hub>, Path(lang): Path<String>) -> Result<Json<Value>, HubError> {
    let locale = Locale::parse(&lang).map_err(|_| HubError::NotFound)?;
    let root = &hub.inner.config.seed;
    let mut sources = Vec::new();
    for l in [Locale::FALLBACK, locale] {
        if let Ok(t) = std::fs::read_to_string(root.join("locales").join(l.tag()).join("hub.ftl")) {
            sources.push((l, t));
        }
    }
    sources.dedup_by_key(|(l, _)| *l);
    if sources.is_empty() {
        return Err(HubError::NotFound);
    }
    let l10n = Localizer::new(sources.iter().map(|(l, t)| (*l, "hub.ftl", t.as_str())))
        .map_err(|e| HubError::Form(e.to_string()))?;
    let ids = minwon_core::i18n::ids_in(&sources[0].1).map_err(|e| HubError::Form(e.to_string()))?;
    // Formatted without arguments: a `{ $n }` stays as `{$n}` for the page to fill in.
    let map: BTreeMap<String, String> = ids
        .into_iter()
        .map(|id| {
            let text = l10n.format(locale, &id, &[]);
            (id, text)
        })
        .collect();
    Ok(Json(json!(map)))
}
