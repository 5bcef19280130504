//! The admin pages' API (`/admin/api/…`) and static files (`ui/hub`, under `/admin/`).
//!
//! Signing in sets an HttpOnly, SameSite=Strict session cookie; every request that changes
//! something must also carry the session's CSRF token (`X-CSRF-Token`) and, when the browser sends
//! one, an `Origin` naming this hub. Publishing, enrolling, reading and exporting submissions are
//! written to the audit log. Errors are `{ "code": … }` (the pages map codes to Fluent ids), and
//! an upload's problems are listed with their sheet, row and column.

use crate::accounts::AdminSession;
use crate::api::error;
use crate::error::HubError;
use crate::publish::{check_tree, topics, FormUpload, Kind, Problem};
use crate::server::{now_ms, Hub};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use minwon_core::{Locale, Localizer};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;

const COOKIE: &str = "minwon_hub";
/// Uploads (a spreadsheet with its clips and prompts) up to this size.
const MAX_UPLOAD: usize = 64 * 1024 * 1024;

pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

pub fn router(hub: Hub) -> Router {
    Router::new()
        .route("/", get(|| async { Redirect::to("/admin/") }))
        .route("/admin", get(|| async { Redirect::to("/admin/") }))
        .route("/admin/api/session", get(session))
        .route("/admin/api/login", post(login))
        .route("/admin/api/logout", post(logout))
        .route("/admin/api/texts/:lang", get(texts))
        .route("/admin/api/forms", get(forms).post(upload).layer(DefaultBodyLimit::max(MAX_UPLOAD)))
        .route("/admin/api/forms/:id/preview", get(preview))
        .route("/admin/api/forms/:id/xlsform", get(xlsform))
        .route("/admin/api/topics/:id/preview", get(topic_preview))
        .route("/admin/api/topics/:id/xlsform", get(topic_sheet))
        .route("/admin/api/draft/discard", post(discard))
        .route("/admin/api/publish", post(publish))
        .route("/admin/api/fleet", get(fleet))
        .route("/admin/api/kiosks", post(enrol))
        .route("/admin/api/submissions", get(submissions))
        .route("/admin/api/submissions.csv", get(export_csv))
        .route("/admin/api/audit", get(audit))
        .route("/admin/", get(|State(hub): State<Hub>| async move { file(&hub, "index.html") }))
        .route("/admin/*path", get(|State(hub): State<Hub>, Path(path): Path<String>| async move { file(&hub, &path) }))
        .with_state(hub)
}

fn cookie(headers: &HeaderMap) -> Option<String> {
    headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).find_map(|kv| {
        let (k, v) = kv.trim().split_once('=')?;
        (k == COOKIE).then(|| v.to_owned())
    })
}

/// A request from somewhere else than this hub's own pages is refused.
fn same_origin(headers: &HeaderMap) -> Result<(), HubError> {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else { return Ok(()) };
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
    let bare = origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://")).unwrap_or("");
    if bare == host {
        Ok(())
    } else {
        Err(HubError::Csrf)
    }
}

/// The signed-in admin; `changes`: the request changes something (CSRF token and origin checked).
fn admin(hub: &Hub, headers: &HeaderMap, changes: bool) -> Result<AdminSession, HubError> {
    let cookie = cookie(headers).ok_or(HubError::NoSession)?;
    let session = hub.store()?.session(&cookie, now_ms())?;
    if changes {
        same_origin(headers)?;
        let token = headers.get("x-csrf-token").and_then(|v| v.to_str().ok()).unwrap_or("");
        if token.is_empty() || token != session.csrf {
            return Err(HubError::Csrf);
        }
    }
    Ok(session)
}

fn reply(result: Result<Value, HubError>) -> Response {
    match result {
        Ok(v) => Json(v).into_response(),
        Err(e) => error(e),
    }
}

fn file(hub: &Hub, path: &str) -> Response {
    if path.split('/').any(|p| p == ".." || p.starts_with('.')) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let Ok(bytes) = std::fs::read(hub.inner.config.ui.join(path)) else { return StatusCode::NOT_FOUND.into_response() };
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
    r
}

async fn session(State(hub): State<Hub>, headers: HeaderMap) -> Response {
    reply(admin(&hub, &headers, false).map(|s| json!({ "admin": s.admin, "csrf": s.csrf })))
}

#[derive(Deserialize)]
struct Login {
    name: String,
    password: String,
}

async fn login(State(hub): State<Hub>, headers: HeaderMap, Json(body): Json<Login>) -> Response {
    let result = same_origin(&headers).and_then(|()| hub.store()?.login(body.name.trim(), &body.password, now_ms()));
    match result {
        Ok((cookie, session)) => {
            let secure = if hub.inner.config.secure_cookies { "; Secure" } else { "" };
            let set = format!("{COOKIE}={cookie}; HttpOnly; SameSite=Strict; Path=/{secure}");
            let mut r = Json(json!({ "admin": session.admin, "csrf": session.csrf })).into_response();
            if let Ok(v) = HeaderValue::from_str(&set) {
                r.headers_mut().insert(header::SET_COOKIE, v);
            }
            r
        }
        Err(e) => error(e),
    }
}

async fn logout(State(hub): State<Hub>, headers: HeaderMap) -> Response {
    let result = admin(&hub, &headers, true).and_then(|_| {
        if let Some(c) = cookie(&headers) {
            hub.store()?.logout(&c)?;
        }
        Ok(json!({}))
    });
    let mut r = reply(result);
    r.headers_mut().insert(header::SET_COOKIE, HeaderValue::from_static("minwon_hub=; Max-Age=0; Path=/"));
    r
}

/// The admin pages' own texts (`locales/<lang>/hub.ftl`), falling back to Korean.
async fn texts(State(hub): State<Hub>, Path(lang): Path<String>) -> Response {
    let result = (|| {
        let locale = Locale::parse(&lang).map_err(|_| HubError::NotFound)?;
        let root = &hub.inner.config.seed;
        let mut sources = Vec::new();
        for l in [Locale::FALLBACK, locale] {
            if let Ok(t) = std::fs::read_to_string(root.join("locales").join(l.tag()).join("hub.ftl")) {
                sources.push((l, t));
            }
        }
        sources.dedup_by_key(|(l, _)| *l);
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
        Ok(json!(map))
    })();
    reply(result)
}

async fn forms(State(hub): State<Hub>, headers: HeaderMap) -> Response {
    let result = admin(&hub, &headers, false).and_then(|_| {
        let p = hub.publisher();
        let tree = check_tree(&p.working()).map_err(|_| HubError::Form("the working tree does not load".into()))?;
        let forms: Vec<Value> = tree
            .catalog
            .forms()
            .iter()
            .map(|f| json!({ "id": f.id.0, "version": f.version, "title": tree.l10n.format(Locale::Ko, &f.title_id(), &[]), "steps": f.steps.len() }))
            .collect();
        let topics: Vec<Value> = topics(&p.working())?
            .iter()
            .map(|t| json!({ "id": t.id, "title": tree.l10n.format(Locale::Ko, &t.title_id(), &[]), "steps": t.steps.len() }))
            .collect();
        let store = hub.store()?;
        let mut groups: Vec<String> = store.fleet(now_ms())?.into_iter().map(|k| k.group).collect();
        groups.sort();
        groups.dedup();
        Ok(json!({ "forms": forms, "topics": topics, "draft": p.has_draft(), "published": p.published(&store)?, "groups": groups }))
    });
    reply(result)
}

#[derive(Deserialize)]
struct UploadFile {
    name: String,
    /// Base64.
    data: String,
}

#[derive(Deserialize)]
struct Upload {
    files: Vec<UploadFile>,
}

fn problems(list: Vec<Problem>) -> Response {
    (StatusCode::UNPROCESSABLE_ENTITY, Json(json!({ "code": "hub.form", "problems": list }))).into_response()
}

async fn upload(State(hub): State<Hub>, headers: HeaderMap, Json(body): Json<Upload>) -> Response {
    let session = match admin(&hub, &headers, true) {
        Ok(s) => s,
        Err(e) => return error(e),
    };
    let mut files = BTreeMap::new();
    for f in body.files {
        match base64::engine::general_purpose::STANDARD.decode(f.data.as_bytes()) {
            Ok(bytes) => {
                // Only the file's own name: no folders from the admin's machine.
                let name = f.name.rsplit(['/', '\\']).next().unwrap_or("").to_owned();
                files.insert(name, bytes);
            }
            Err(_) => return problems(vec![Problem::new("upload.base64", f.name)]),
        }
    }
    let main = files.keys().find(|n| n.ends_with(".xlsx") || n.ends_with(".toml")).cloned();
    let Some(main) = main else {
        return problems(vec![Problem::new("upload.no-form", "upload an .xlsx (XLSForm) or a .toml form")]);
    };
    let Some(bytes) = files.remove(&main) else { return problems(vec![]) };
    let publisher = hub.publisher();
    let working = publisher.working();
    let known = |file: &str| working.join("assets/sign/ksl").join(file).is_file();
    let upload = if main.ends_with(".xlsx") {
        let imported = if crate::topicsheet::is_topic(&bytes) {
            crate::topicsheet::import(&bytes, &files, known)
        } else {
            crate::xlsform::import(&bytes, &files, known)
        };
        match imported {
            Ok(u) => u,
            Err(p) => return problems(p),
        }
    } else {
        match String::from_utf8(bytes) {
            // A form has fields; what parses as a topic is one.
            Ok(form_toml) => {
                let kind = if minwon_core::topic::Topic::parse("upload", &form_toml).is_ok() {
                    Kind::Topic
                } else {
                    Kind::Form
                };
                FormUpload { kind, form_toml, ..FormUpload::default() }
            }
            Err(_) => return problems(vec![Problem::new("form.invalid", "not UTF-8 text")]),
        }
    };
    let kind = upload.kind;
    match publisher.put_form(&upload) {
        Ok(id) => {
            let _ = hub.store().and_then(|s| s.audit(&session.admin, "upload", &format!("{id} from {main}"), now_ms()));
            Json(json!({ "form": id, "kind": if kind == Kind::Topic { "topic" } else { "form" } })).into_response()
        }
        Err(p) => problems(p),
    }
}

/// A message in every locale that has it (its own, or Korean's as a fallback, marked).
fn in_every_language(l10n: &Localizer, id: &str) -> Value {
    let mut m = serde_json::Map::new();
    for l in Locale::ALL {
        if let Some(text) = l10n.try_format(l, id, &[]) {
            m.insert(l.tag().into(), json!({ "text": text, "fallback": !l10n.has_own(l, id) }));
        }
    }
    Value::Object(m)
}

/// Every step of a form in every language, with where each text falls back to Korean.
async fn preview(State(hub): State<Hub>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let result = admin(&hub, &headers, false).and_then(|_| {
        let tree = check_tree(&hub.publisher().working()).map_err(|_| HubError::Form("tree".into()))?;
        let form = tree.catalog.get(&id).ok_or(HubError::NotFound)?.clone();
        let t = |id: &str| in_every_language(&tree.l10n, id);
        let steps: Vec<Value> = form
            .steps
            .iter()
            .map(|s| {
                let q = form.question_id(s);
                json!({
                    "id": s.id,
                    "sign": s.sign,
                    "question": t(&q),
                    "hint": t(&format!("{q}.hint")),
                    "fields": s.fields.iter().map(|f| json!({
                        "id": f.id,
                        "kind": f.kind,
                        "required": f.required,
                        "label": t(&form.label_id(f)),
                        "choices": f.choices.iter().map(|c| json!({ "id": c, "label": t(&form.choice_id(f, c)) })).collect::<Vec<_>>(),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        Ok(json!({
            "id": form.id.0,
            "version": form.version,
            "locales": Locale::ALL.iter().map(|l| json!({ "tag": l.tag(), "name": l.endonym() })).collect::<Vec<_>>(),
            "title": t(&form.title_id()),
            "summary": t(&format!("{}.summary", form.title_id())),
            "steps": steps,
        }))
    });
    reply(result)
}

async fn xlsform(State(hub): State<Hub>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let result = admin(&hub, &headers, false).and_then(|s| {
        let tree = check_tree(&hub.publisher().working()).map_err(|_| HubError::Form("tree".into()))?;
        let form = tree.catalog.get(&id).ok_or(HubError::NotFound)?;
        let bytes = crate::xlsform::export(form, &tree.l10n)?;
        hub.store()?.audit(&s.admin, "download-form", &id, now_ms())?;
        Ok((id.clone(), bytes))
    });
    match result {
        Ok((id, bytes)) => (
            [
                (header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_owned()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{id}.xlsx\"")),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => error(e),
    }
}

/// A topic in every language, shaped as a form's preview (each step's text as its question).
async fn topic_preview(State(hub): State<Hub>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let result = admin(&hub, &headers, false).and_then(|_| {
        let working = hub.publisher().working();
        let tree = check_tree(&working).map_err(|_| HubError::Form("tree".into()))?;
        let topic = topics(&working)?.into_iter().find(|t| t.id == id).ok_or(HubError::NotFound)?;
        let t = |id: &str| in_every_language(&tree.l10n, id);
        Ok(json!({
            "id": topic.id,
            "version": "",
            "locales": Locale::ALL.iter().map(|l| json!({ "tag": l.tag(), "name": l.endonym() })).collect::<Vec<_>>(),
            "title": t(&topic.title_id()),
            "summary": t(&topic.summary_id()),
            "steps": topic.steps.iter().map(|s| json!({ "id": s.id, "sign": s.sign, "question": t(&topic.step_id(s)), "hint": {}, "fields": [] })).collect::<Vec<_>>(),
        }))
    });
    reply(result)
}

async fn topic_sheet(State(hub): State<Hub>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let result = admin(&hub, &headers, false).and_then(|s| {
        let working = hub.publisher().working();
        let tree = check_tree(&working).map_err(|_| HubError::Form("tree".into()))?;
        let topic = topics(&working)?.into_iter().find(|t| t.id == id).ok_or(HubError::NotFound)?;
        let bytes = crate::topicsheet::export(&topic, &tree.l10n)?;
        hub.store()?.audit(&s.admin, "download-form", &format!("topic {id}"), now_ms())?;
        Ok(bytes)
    });
    match result {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_owned()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"topic-{id}.xlsx\"")),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => error(e),
    }
}

async fn discard(State(hub): State<Hub>, headers: HeaderMap) -> Response {
    reply(admin(&hub, &headers, true).and_then(|s| {
        hub.publisher().discard_draft()?;
        hub.store()?.audit(&s.admin, "discard-draft", "", now_ms())?;
        Ok(json!({}))
    }))
}

#[derive(Deserialize)]
struct Publish {
    group: String,
    #[serde(default)]
    note: String,
}

async fn publish(State(hub): State<Hub>, headers: HeaderMap, Json(body): Json<Publish>) -> Response {
    reply(admin(&hub, &headers, true).and_then(|s| {
        let group = body.group.trim();
        if group.is_empty() || group.len() > 64 || !group.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return Err(HubError::BadSubmission("group"));
        }
        let note: String = body.note.chars().take(200).collect();
        Ok(json!({ "version": hub.publish(group, &s.admin, &note)? }))
    }))
}

async fn fleet(State(hub): State<Hub>, headers: HeaderMap) -> Response {
    reply(admin(&hub, &headers, false).and_then(|_| {
        let store = hub.store()?;
        Ok(json!({ "now": now_ms(), "kiosks": store.fleet(now_ms())?, "alerts": store.alerts(50)? }))
    }))
}

#[derive(Deserialize)]
struct Enrol {
    kiosk_id: String,
    group: String,
}

async fn enrol(State(hub): State<Hub>, headers: HeaderMap, Json(body): Json<Enrol>) -> Response {
    reply(admin(&hub, &headers, true).and_then(|s| {
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("127.0.0.1");
        let e = hub.enrol(body.kiosk_id.trim(), body.group.trim(), &format!("http://{host}"), &s.admin)?;
        let file = toml::to_string(&e).map_err(|err| HubError::Form(err.to_string()))?;
        Ok(json!({ "kiosk_id": e.kiosk_id, "file": file }))
    }))
}

#[derive(Deserialize)]
struct FormFilter {
    form: Option<String>,
}

async fn submissions(State(hub): State<Hub>, headers: HeaderMap, Query(q): Query<FormFilter>) -> Response {
    reply(admin(&hub, &headers, false).and_then(|s| {
        let store = hub.store()?;
        let stored = store.submissions(q.form.as_deref(), 200)?;
        let opened: Vec<Value> = stored
            .iter()
            .map(|row| match crate::reading::open(hub.agency_key(), row) {
                Ok(o) => json!(o),
                Err(e) => json!({ "id": row.id, "form_id": row.form_id, "received": row.received, "code": e.code() }),
            })
            .collect();
        store.audit(&s.admin, "read-submissions", q.form.as_deref().unwrap_or("all forms"), now_ms())?;
        Ok(json!({ "submissions": opened }))
    }))
}

async fn export_csv(State(hub): State<Hub>, headers: HeaderMap, Query(q): Query<FormFilter>) -> Response {
    let result = admin(&hub, &headers, false).and_then(|s| {
        let form = q.form.clone().ok_or(HubError::NotFound)?;
        let tree = check_tree(&hub.publisher().working()).ok();
        let store = hub.store()?;
        let rows: Vec<_> = store
            .submissions(Some(&form), usize::MAX >> 1)?
            .iter()
            .filter_map(|r| crate::reading::open(hub.agency_key(), r).ok())
            .collect();
        let fields: Vec<String> = match tree.as_ref().and_then(|t| t.catalog.get(&form).cloned()) {
            Some(f) => f.fields().map(|f| f.id.clone()).collect(),
            None => {
                let mut seen: Vec<String> = Vec::new();
                for a in rows.iter().flat_map(|r| &r.answers) {
                    if !seen.contains(&a.0) {
                        seen.push(a.0.clone());
                    }
                }
                seen
            }
        };
        store.audit(&s.admin, "export-csv", &format!("{form}: {} rows", rows.len()), now_ms())?;
        Ok((form, crate::reading::csv(&fields, &rows)))
    });
    match result {
        Ok((form, csv)) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{form}.csv\"")),
                (header::CACHE_CONTROL, "no-store".to_owned()),
            ],
            csv,
        )
            .into_response(),
        Err(e) => error(e),
    }
}

async fn audit(State(hub): State<Hub>, headers: HeaderMap) -> Response {
    reply(admin(&hub, &headers, false).and_then(|_| Ok(json!({ "entries": hub.store()?.audit_log(200)? }))))
}
