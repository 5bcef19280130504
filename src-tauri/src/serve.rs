//! `--serve`: the engine's API and the kiosk front end over loopback HTTP.
//!
//! The same calls as the Tauri commands, so browser tests drive the real
//! backend: `GET /api/view`, `POST /api/act`, `GET /api/texts/{locale}`, the
//! sign-language clip frames `GET /clips/{language}/{clip}/{n}.png`, and the
//! static files of `ui/kiosk`. It binds 127.0.0.1 only.

use crate::error::ShellError;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use minwon_engine::{Action, ApiError, Kiosk};
use std::path::PathBuf;

/// The same policy as the Tauri window: no inline script or style, nothing from elsewhere.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
media-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

pub fn ui_dir() -> PathBuf {
    std::env::var_os("MINWON_UI")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/kiosk"))
}

pub fn router(kiosk: Kiosk) -> Router {
    Router::new()
        .route("/api/view", get(view))
        .route("/api/act", post(act))
        .route("/api/texts/:locale", get(texts))
        .route("/api/effects", get(effects))
        .route("/clips/:language/:clip/:frame", get(clip_frame))
        .route("/", get(|| file(String::from("index.html"))))
        .route("/*path", get(|Path(path): Path<String>| file(path)))
        .with_state(kiosk)
}

async fn view(State(kiosk): State<Kiosk>) -> Response {
    Json(kiosk.view()).into_response()
}

async fn act(State(kiosk): State<Kiosk>, body: axum::body::Bytes) -> Response {
    let action: Action = match serde_json::from_slice(&body) {
        Ok(a) => a,
        Err(_) => return api_error(ApiError::new("api.bad-request")),
    };
    match kiosk.act(action) {
        Ok(view) => Json(view).into_response(),
        Err(e) => api_error(e),
    }
}

async fn texts(State(kiosk): State<Kiosk>, Path(locale): Path<String>) -> Response {
    match kiosk.texts(&locale) {
        Ok(t) => Json(t).into_response(),
        Err(e) => api_error(e),
    }
}

/// The engine's recent effects, as codes (no personal data): what tests check what was said with.
async fn effects(State(kiosk): State<Kiosk>) -> Response {
    Json(kiosk.effect_log()).into_response()
}

/// One frame of a sign-language clip: `/clips/ksl/screen-welcome/3.png`.
async fn clip_frame(
    State(kiosk): State<Kiosk>,
    Path((language, clip, frame)): Path<(String, String, String)>,
) -> Response {
    let n = frame.strip_suffix(".png").and_then(|n| n.parse::<usize>().ok());
    match n.and_then(|n| kiosk.clip_frame(&language, &clip, n)) {
        Some(png) => {
            ([(header::CONTENT_TYPE, "image/png"), (header::CACHE_CONTROL, "max-age=3600")], png).into_response()
        }
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

fn api_error(e: ApiError) -> Response {
    let status = if e.code.starts_with("api.") { StatusCode::BAD_REQUEST } else { StatusCode::INTERNAL_SERVER_ERROR };
    (status, Json(e)).into_response()
}

async fn file(path: String) -> Response {
    let safe = !path.is_empty()
        && path.split('/').all(|part| !part.is_empty() && part != ".." && part != "." && !part.contains('\\'));
    let not_found = || (StatusCode::NOT_FOUND, "not found").into_response();
    if !safe {
        return not_found();
    }
    let full = ui_dir().join(&path);
    let Ok(bytes) = tokio::fs::read(&full).await else { return not_found() };
    let mime = match full.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("webp") => "image/webp",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    };
    let mut response = Response::new(Body::from(bytes));
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Serves until the process is stopped; prints the URL first.
pub fn run(kiosk: Kiosk, port: u16) -> Result<(), ShellError> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(ShellError::Serve)?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.map_err(ShellError::Serve)?;
        let addr = listener.local_addr().map_err(ShellError::Serve)?;
        println!("minwon-kiosk: serving the kiosk at http://{addr}/");
        use std::io::Write;
        let _ = std::io::stdout().flush();
        axum::serve(listener, router(kiosk))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(ShellError::Serve)
    })
}
