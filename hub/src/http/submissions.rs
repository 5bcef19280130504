//! Submissions in the admin pages: a page at a time, newest first, opened with the agency key;
//! and CSV export. Every read and export is in the audit log.

use super::Admin;
use crate::error::HubError;
use crate::server::{now_ms, Hub};
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

/// Submissions per page.
pub const PAGE: usize = 100;

pub(super) fn router() -> Router<Hub> {
    Router::new().route("/admin/api/submissions", get(submissions)).route("/admin/api/submissions.csv", get(export_csv))
}

#[derive(Deserialize)]
struct Filter {
    form: Option<String>,
    kiosk: Option<String>,
    /// The `next` of the previous page: `<received>:<id>`.
    before: Option<String>,
}

async fn submissions(
    State(hub): State<Hub>,
    Admin(s, _): Admin,
    Query(q): Query<Filter>,
) -> Result<Json<Value>, HubError> {
    let before = match q.before.as_deref() {
        Some(b) => {
            let (t, id) = b.split_once(':').ok_or(HubError::BadRequest)?;
            Some((t.parse::<u64>().map_err(|_| HubError::BadRequest)?, id.to_owned()))
        }
        None => None,
    };
    let vouch = hub.vouch();
    let store = hub.store()?;
    let stored = store.submissions_page(
        q.form.as_deref(),
        q.kiosk.as_deref(),
        before.as_ref().map(|(t, id)| (*t, id.as_str())),
        PAGE + 1,
    )?;
    let more = stored.len() > PAGE;
    let stored = &stored[..stored.len().min(PAGE)];
    let opened: Vec<Value> = stored
        .iter()
        .map(|row| match crate::reading::open(hub.agency_key(), &vouch, row) {
            Ok(o) => json!(o),
            Err(e) => json!({ "id": row.id, "form_id": row.form_id, "received": row.received, "code": e.code() }),
        })
        .collect();
    let next = stored.last().filter(|_| more).map(|r| format!("{}:{}", r.received, r.id));
    store.audit(&s.admin, "read-submissions", q.form.as_deref().unwrap_or("all forms"), now_ms())?;
    Ok(Json(json!({ "submissions": opened, "next": next })))
}

async fn export_csv(State(hub): State<Hub>, Admin(s, _): Admin, Query(q): Query<Filter>) -> Result<Response, HubError> {
    let form = q.form.clone().ok_or(HubError::NotFound)?;
    let tree = hub.publisher().checked_working().ok();
    let vouch = hub.vouch();
    let store = hub.store()?;
    let rows: Vec<_> = store
        .submissions(Some(&form), usize::MAX >> 1)?
        .iter()
        .filter_map(|r| crate::reading::open(hub.agency_key(), &vouch, r).ok())
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
    let csv = crate::reading::csv(&fields, &rows);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{form}.csv\"")),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        csv,
    )
        .into_response())
}
