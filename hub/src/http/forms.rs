//! Forms and topics in the admin pages: the list, uploads (XLSForm or TOML, with their clips and
//! prompts), previews in every language, spreadsheets to download, the draft and publishing.
//!
//! An upload is read only after [`AdminChange`] has checked the session and CSRF token, is at most
//! [`MAX_UPLOAD`] bytes, and a workbook is measured (`workbook.rs`) before calamine opens it.
//! Importing and publishing run in `spawn_blocking`; the publisher's own lock keeps two uploads
//! (or an upload and a publish) from interleaving.

use super::{blocking, Admin, AdminChange, Body};
use crate::error::HubError;
use crate::publish::{FormUpload, Kind, Problem};
use crate::server::{now_ms, Hub};
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use minwon_core::{Locale, Localizer};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Uploads (a spreadsheet with its clips and prompts, in base64) up to this size.
pub const MAX_UPLOAD: usize = 64 * 1024 * 1024;
/// Files in one upload.
pub const MAX_FILES: usize = 200;

pub(super) fn router() -> Router<Hub> {
    Router::new()
        .route("/admin/api/forms", get(forms).post(upload).layer(DefaultBodyLimit::max(MAX_UPLOAD)))
        .route("/admin/api/forms/:id/preview", get(preview))
        .route("/admin/api/forms/:id/xlsform", get(xlsform))
        .route("/admin/api/topics/:id/preview", get(topic_preview))
        .route("/admin/api/topics/:id/xlsform", get(topic_sheet))
        .route("/admin/api/draft/discard", post(discard))
        .route("/admin/api/publish", post(publish))
}

async fn forms(State(hub): State<Hub>, _: Admin) -> Result<Json<Value>, HubError> {
    let p = hub.publisher();
    let tree = p.checked_working().map_err(|_| HubError::Form("the working tree does not load".into()))?;
    let forms: Vec<Value> = tree
        .catalog
        .forms()
        .iter()
        .map(|f| json!({ "id": f.id.0, "version": f.version, "title": tree.l10n.format(Locale::Ko, &f.title_id(), &[]), "steps": f.steps.len() }))
        .collect();
    let topics: Vec<Value> = tree
        .topics
        .iter()
        .map(|t| json!({ "id": t.id, "title": tree.l10n.format(Locale::Ko, &t.title_id(), &[]), "steps": t.steps.len() }))
        .collect();
    let store = hub.store()?;
    let mut groups: Vec<String> = store.fleet(now_ms())?.into_iter().map(|k| k.group).collect();
    groups.sort();
    groups.dedup();
    Ok(Json(
        json!({ "forms": forms, "topics": topics, "draft": p.has_draft(), "published": p.published(&store)?, "groups": groups }),
    ))
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

pub(super) fn problems(list: Vec<Problem>) -> Response {
    (StatusCode::UNPROCESSABLE_ENTITY, Json(json!({ "code": "hub.form", "problems": list }))).into_response()
}

/// Reads an upload into the draft: the admin's form (or topic) and its media, every problem located.
fn import(hub: &Hub, body: Upload) -> Result<(String, Kind, String, Vec<Problem>), Vec<Problem>> {
    if body.files.len() > MAX_FILES {
        return Err(vec![Problem::new(
            "upload.too-large",
            format!("{} files (at most {MAX_FILES})", body.files.len()),
        )]);
    }
    let mut files = BTreeMap::new();
    for f in body.files {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(f.data.as_bytes())
            .map_err(|_| vec![Problem::new("upload.base64", f.name.chars().take(100).collect::<String>())])?;
        // Only the file's own name: no folders from the admin's machine.
        let name = f.name.rsplit(['/', '\\']).next().unwrap_or("").to_owned();
        files.insert(name, bytes);
    }
    // Extensions without case: `FORM.XLSX` is a workbook too.
    let ext = |n: &str| n.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let main = files.keys().find(|n| matches!(ext(n).as_str(), "xlsx" | "xls" | "toml")).cloned();
    let Some(main) = main else {
        return Err(vec![Problem::new("upload.no-form", "upload an .xlsx or .xls (XLSForm) or a .toml form")]);
    };
    let bytes = files.remove(&main).unwrap_or_default();
    let publisher = hub.publisher();
    let working = publisher.working();
    let known = |file: &str| {
        minwon_core::paths::plain_relative(file).is_some_and(|f| working.join("assets/sign/ksl").join(f).is_file())
    };
    let upload = if ext(&main) == "xlsx" || ext(&main) == "xls" {
        // By what the file is, not what it is called: a zip is checked here, a compound file
        // when it is opened (crate::xlsform::open_book).
        if !crate::workbook::is_xls(&bytes) {
            crate::workbook::check(&bytes)?;
        }
        if crate::topicsheet::is_topic(&bytes) {
            crate::topicsheet::import(&bytes, &files, known)?
        } else {
            let upload = crate::xlsform::import(&bytes, &main, &files, known)?;
            let korean = crate::xlsform::needs_korean(&upload.warnings);
            if !korean.is_empty() {
                return Err(korean);
            }
            upload
        }
    } else {
        let form_toml = String::from_utf8(bytes).map_err(|_| vec![Problem::new("form.invalid", "not UTF-8 text")])?;
        // A form has fields; what parses as a topic is one.
        let kind =
            if minwon_core::topic::Topic::parse("upload", &form_toml).is_ok() { Kind::Topic } else { Kind::Form };
        FormUpload { kind, form_toml, ..FormUpload::default() }
    };
    let kind = upload.kind;
    let id = publisher.put_form(&upload)?;
    Ok((id, kind, main, upload.warnings))
}

async fn upload(State(hub): State<Hub>, AdminChange(session, _): AdminChange, Body(body): Body<Upload>) -> Response {
    let done = tokio::task::spawn_blocking(move || {
        let result = import(&hub, body);
        if let Ok((id, _, main, _)) = &result {
            let _ = hub.store().and_then(|s| s.audit(&session.admin, "upload", &format!("{id} from {main}"), now_ms()));
        }
        result
    })
    .await;
    match done {
        Ok(Ok((id, kind, _, warnings))) => Json(json!({
            "form": id,
            "kind": if kind == Kind::Topic { "topic" } else { "form" },
            "warnings": warnings,
        }))
        .into_response(),
        Ok(Err(p)) => problems(p),
        Err(_) => HubError::Io(std::io::Error::other("worker")).into_response(),
    }
}

/// A message in every locale that has it (its own, or Korean's as a fallback, marked).
fn in_every_language(l10n: &Localizer, id: &str) -> Value {
    in_every_language_showing(l10n, id, &[])
}

/// Like [`in_every_language`], a question's texts with the answers they show as `${name}`.
fn in_every_language_showing(l10n: &Localizer, id: &str, shows: &[String]) -> Value {
    let vars: Vec<(String, String)> =
        shows.iter().map(|n| (minwon_core::form::shown_var(n), format!("${{{n}}}"))).collect();
    let args: Vec<(&str, minwon_core::i18n::Arg)> =
        vars.iter().map(|(k, v)| (k.as_str(), minwon_core::i18n::Arg::Str(v.clone()))).collect();
    let mut m = serde_json::Map::new();
    for l in Locale::ALL {
        if let Some(text) = l10n.try_format(l, id, &args) {
            m.insert(l.tag().into(), json!({ "text": text, "fallback": !l10n.has_own(l, id) }));
        }
    }
    Value::Object(m)
}

/// Every step of a form in every language, with where each text falls back to Korean.
async fn preview(State(hub): State<Hub>, _: Admin, Path(id): Path<String>) -> Result<Json<Value>, HubError> {
    let tree = hub.publisher().checked_working().map_err(|_| HubError::Form("tree".into()))?;
    {
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
                    "question": in_every_language_showing(&tree.l10n, &q, &s.shows),
                    "hint": in_every_language_showing(&tree.l10n, &format!("{q}.hint"), &s.shows),
                    // When the step is asked, and each field's logic, as the sheet wrote it.
                    "relevant": s.relevant.as_ref().map(|l| &l.source),
                    "repeat": s.repeat.as_ref().map(|r| json!({
                        "count": r.count.as_ref().map(|l| &l.source),
                        "min": r.min,
                        "max": r.max,
                    })),
                    "fields": s.fields.iter().map(|f| json!({
                        "id": f.id,
                        "kind": f.kind,
                        "required": f.required,
                        "logic": f.logic().map(|(column, l)| json!({ "column": column, "source": l.source })).collect::<Vec<_>>(),
                        "label": in_every_language_showing(&tree.l10n, &form.label_id(f), &f.shows),
                        "choices": f.choices.iter().map(|c| json!({ "id": c, "label": t(&form.choice_id(f, c)) })).collect::<Vec<_>>(),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        Ok(Json(json!({
            "id": form.id.0,
            "version": form.version,
            "locales": Locale::ALL.iter().map(|l| json!({ "tag": l.tag(), "name": l.endonym() })).collect::<Vec<_>>(),
            "title": t(&form.title_id()),
            "summary": t(&format!("{}.summary", form.title_id())),
            "steps": steps,
        })))
    }
}

async fn xlsform(State(hub): State<Hub>, Admin(s, _): Admin, Path(id): Path<String>) -> Response {
    let result = (|| -> Result<_, HubError> {
        let tree = hub.publisher().checked_working().map_err(|_| HubError::Form("tree".into()))?;
        let form = tree.catalog.get(&id).ok_or(HubError::NotFound)?;
        let bytes = crate::xlsform::export(form, &tree.l10n)?;
        hub.store()?.audit(&s.admin, "download-form", &id, now_ms())?;
        Ok((id.clone(), bytes))
    })();
    match result {
        Ok((id, bytes)) => (
            [
                (header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_owned()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{id}.xlsx\"")),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => e.into_response(),
    }
}

/// A topic in every language, shaped as a form's preview (each step's text as its question).
async fn topic_preview(State(hub): State<Hub>, _: Admin, Path(id): Path<String>) -> Result<Json<Value>, HubError> {
    let tree = hub.publisher().checked_working().map_err(|_| HubError::Form("tree".into()))?;
    let topic = tree.topics.iter().find(|t| t.id == id).ok_or(HubError::NotFound)?;
    let t = |id: &str| in_every_language(&tree.l10n, id);
    {
        Ok(Json(json!({
            "id": topic.id,
            "version": "",
            "locales": Locale::ALL.iter().map(|l| json!({ "tag": l.tag(), "name": l.endonym() })).collect::<Vec<_>>(),
            "title": t(&topic.title_id()),
            "summary": t(&topic.summary_id()),
            "steps": topic.steps.iter().map(|s| json!({ "id": s.id, "sign": s.sign, "question": t(&topic.step_id(s)), "hint": {}, "fields": [] })).collect::<Vec<_>>(),
        })))
    }
}

async fn topic_sheet(State(hub): State<Hub>, Admin(s, _): Admin, Path(id): Path<String>) -> Response {
    let result = (|| -> Result<_, HubError> {
        let tree = hub.publisher().checked_working().map_err(|_| HubError::Form("tree".into()))?;
        let topic = tree.topics.iter().find(|t| t.id == id).ok_or(HubError::NotFound)?;
        let bytes = crate::topicsheet::export(topic, &tree.l10n)?;
        hub.store()?.audit(&s.admin, "download-form", &format!("topic {id}"), now_ms())?;
        Ok(bytes)
    })();
    match result {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_owned()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"topic-{id}.xlsx\"")),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => e.into_response(),
    }
}

async fn discard(State(hub): State<Hub>, AdminChange(s, _): AdminChange) -> Result<Json<Value>, HubError> {
    blocking(move || {
        hub.publisher().discard_draft()?;
        hub.store()?.audit(&s.admin, "discard-draft", "", now_ms())?;
        Ok(Json(json!({})))
    })
    .await
}

#[derive(Deserialize)]
struct Publish {
    group: String,
    #[serde(default)]
    note: String,
}

async fn publish(
    State(hub): State<Hub>,
    AdminChange(s, _): AdminChange,
    Body(body): Body<Publish>,
) -> Result<Json<Value>, HubError> {
    let group = body.group.trim().to_owned();
    if !crate::store::plain_id(&group) {
        return Err(HubError::BadSubmission("group"));
    }
    let note: String = body.note.chars().take(200).collect();
    let version = blocking(move || hub.publish(&group, &s.admin, &note)).await?;
    Ok(Json(json!({ "version": version })))
}
