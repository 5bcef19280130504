//! `--serve`: the engine's API and the kiosk front end over loopback HTTP.
//!
//! The same calls as the Tauri commands, so browser tests drive the real
//! backend: `GET /api/view`, `POST /api/act`, `GET /api/texts/{locale}`, the
//! sign-language clip frames `GET /clips/{language}/{clip}/{n}.png`, and the
//! static files of `ui/kiosk`. It binds 127.0.0.1 only.
//!
//! Loopback is not a wall: every local process, and every web page the machine's browser opens
//! (by DNS rebinding, or a form posted across origins), can reach it. So every request must name
//! this server in `Host` (`127.0.0.1:<port>` or `localhost:<port>`; a rebound name is refused), a
//! browser's `Origin` must be this server, a `POST` must be `application/json` (no form or
//! `text/plain` post from a foreign page), and `/api/` and `/clips/` need the per-launch secret
//! that `GET /` sets as an `HttpOnly; SameSite=Strict` cookie with the page. A refusal is
//! `{ "code": "api.forbidden" }` with 403.

use crate::error::ShellError;
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
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
        .or_else(|| minwon_engine::assets::installed_share().map(|s| s.join("ui/kiosk")))
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/kiosk"))
}

/// The cookie that carries the per-launch secret.
const COOKIE: &str = "minwon_kiosk";

/// What a request must show to be served: this server's port, and the secret of this launch.
#[derive(Debug, Clone)]
pub struct Guard {
    port: u16,
    secret: String,
}

impl Guard {
    /// A guard for a server on `port`, with a new random secret.
    pub fn new(port: u16) -> Result<Guard, ShellError> {
        let mut raw = [0u8; 32];
        getrandom::getrandom(&mut raw).map_err(|e| ShellError::Serve(std::io::Error::other(e)))?;
        Ok(Guard { port, secret: raw.iter().map(|b| format!("{b:02x}")).collect() })
    }

    fn own_host(&self, host: &str) -> bool {
        [format!("127.0.0.1:{}", self.port), format!("localhost:{}", self.port)].iter().any(|h| h == host)
    }

    fn check(&self, method: &Method, path: &str, headers: &HeaderMap) -> bool {
        let header = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
        if !header(header::HOST).is_some_and(|h| self.own_host(h)) {
            return false;
        }
        if let Some(origin) = header(header::ORIGIN) {
            if !origin.strip_prefix("http://").is_some_and(|o| self.own_host(o)) {
                return false;
            }
        }
        if headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()).is_some_and(|s| s == "cross-site") {
            return false;
        }
        if method == Method::POST {
            let json = header(header::CONTENT_TYPE)
                .and_then(|t| t.split(';').next())
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"));
            if !json {
                return false;
            }
        }
        if path.starts_with("/api/") || path.starts_with("/clips/") {
            let secret = headers
                .get_all(header::COOKIE)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(';'))
                .find_map(|kv| kv.trim().strip_prefix(COOKIE)?.strip_prefix('='));
            return secret.is_some_and(|s| minwon_core::pin::same_secret(s, &self.secret));
        }
        true
    }
}

async fn guard(State(guard): State<Guard>, request: Request, next: Next) -> Response {
    if !guard.check(request.method(), request.uri().path(), request.headers()) {
        return (StatusCode::FORBIDDEN, Json(ApiError::new("api.forbidden"))).into_response();
    }
    let page = request.uri().path() == "/";
    let mut response = next.run(request).await;
    if page {
        let cookie = format!("{COOKIE}={}; HttpOnly; SameSite=Strict; Path=/", guard.secret);
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            response.headers_mut().insert(header::SET_COOKIE, v);
        }
    }
    response
}

pub fn router(kiosk: Kiosk, guard_with: Guard) -> Router {
    Router::new()
        .route("/api/view", get(view))
        .route("/api/act", post(act))
        .route("/api/texts/:locale", get(texts))
        .route("/api/effects", get(effects))
        .route("/clips/:language/:clip/:frame", get(clip_frame))
        .route("/", get(|| file(String::from("index.html"))))
        .route("/*path", get(|Path(path): Path<String>| file(path)))
        .with_state(kiosk)
        .layer(axum::middleware::from_fn_with_state(guard_with, guard))
}

async fn view(State(kiosk): State<Kiosk>) -> Response {
    Json(kiosk.view()).into_response()
}

async fn act(State(kiosk): State<Kiosk>, body: axum::body::Bytes) -> Response {
    if body.len() > 64 * 1024 {
        return api_error(ApiError::new("api.bad-request"));
    }
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
    let not_found = || (StatusCode::NOT_FOUND, "not found").into_response();
    // Every part plain and the file, links resolved, inside ui/kiosk: nothing else is served.
    let ui = ui_dir();
    let Some(full) = minwon_core::paths::plain_relative(&path)
        .and_then(|rel| std::fs::canonicalize(ui.join(rel)).ok())
        .filter(|full| std::fs::canonicalize(&ui).is_ok_and(|root| full.starts_with(root)))
    else {
        return not_found();
    };
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
        axum::serve(listener, router(kiosk, Guard::new(addr.port())?))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(ShellError::Serve)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(method: Method, path: &str, headers: &[(&str, &str)], allowed: bool) {
        let guard = Guard { port: 8750, secret: "s3cret".into() };
        let mut map = HeaderMap::new();
        for (k, v) in headers {
            map.append(
                header::HeaderName::from_bytes(k.as_bytes()).expect("name"),
                HeaderValue::from_str(v).expect("v"),
            );
        }
        assert_eq!(guard.check(&method, path, &map), allowed, "{method} {path} {headers:?}");
    }

    #[test]
    fn only_this_servers_own_page_reaches_the_api() {
        let host = ("host", "127.0.0.1:8750");
        let cookie = ("cookie", "a=b; minwon_kiosk=s3cret");
        let json = ("content-type", "application/json");
        check(Method::GET, "/", &[host], true);
        check(Method::GET, "/", &[("host", "localhost:8750")], true);
        check(Method::GET, "/api/view", &[host, cookie], true);
        check(Method::POST, "/api/act", &[host, cookie, json, ("origin", "http://127.0.0.1:8750")], true);
        // DNS rebinding: the attacker's name, or another port, in Host.
        check(Method::GET, "/api/view", &[("host", "attacker.example:8750"), cookie], false);
        check(Method::GET, "/api/view", &[("host", "127.0.0.1:9999"), cookie], false);
        check(Method::GET, "/api/view", &[cookie], false);
        // No secret, or a wrong one.
        check(Method::GET, "/api/view", &[host], false);
        check(Method::GET, "/api/view", &[host, ("cookie", "minwon_kiosk=guess")], false);
        check(Method::GET, "/clips/ksl/screen-welcome/0.png", &[host], false);
        // A foreign page posting a form or text/plain.
        check(Method::POST, "/api/act", &[host, cookie, ("content-type", "text/plain")], false);
        check(Method::POST, "/api/act", &[host, cookie], false);
        check(Method::POST, "/api/act", &[host, cookie, json, ("origin", "http://attacker.example")], false);
        check(Method::POST, "/api/act", &[host, cookie, json, ("origin", "null")], false);
        check(Method::GET, "/api/view", &[host, cookie, ("sec-fetch-site", "cross-site")], false);
    }
}
