//! Address sets in the admin pages: the sets in the draft, files streamed into the admin's
//! upload folder (`PUT`, one file per request, so the page shows each one's progress), the
//! waiting files checked and put into the draft as a set, a set taken out.
//!
//! A `PUT` is refused before its body is read when the caller has no session and CSRF token
//! ([`AdminChange`]), when the file's name is not one a set holds, or when its `Content-Length`
//! is over [`MAX_FILE_BYTES`]; a body that turns out longer is cut off there and its part
//! removed, as is one the connection drops.

use super::{blocking, forms::problems, Admin, AdminChange, Body};
use crate::addresses::{remove_set, sets, Uploads, MAX_FILES, MAX_FILE_BYTES};
use crate::error::HubError;
use crate::server::{now_ms, Hub};
use axum::body::HttpBody;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

pub(super) fn router() -> Router<Hub> {
    Router::new()
        .route("/admin/api/address", get(list).post(put_set))
        .route("/admin/api/address/uploads/:name", put(receive))
        .route("/admin/api/address/clear-uploads", post(clear))
        .route("/admin/api/address/sets/:set/remove", post(remove))
}

fn uploads(hub: &Hub, admin: &str) -> Uploads {
    Uploads::of(&hub.inner.config.data_dir, admin)
}

async fn list(State(hub): State<Hub>, Admin(s, _): Admin) -> Result<Json<Value>, HubError> {
    blocking(move || {
        let sets: Vec<Value> = sets(hub.publisher())?
            .into_iter()
            .map(|(id, s, bytes)| {
                json!({ "id": id, "name": s.manifest.name, "source": s.manifest.source, "sample": s.manifest.sample,
                        "roads": s.roads, "buildings": s.buildings, "bytes": bytes })
            })
            .collect();
        let waiting: Vec<Value> = uploads(&hub, &s.admin)
            .list()
            .into_iter()
            .map(|(name, size)| json!({ "name": name, "size": size }))
            .collect();
        Ok(Json(json!({ "sets": sets, "uploads": waiting, "max_file": MAX_FILE_BYTES, "max_files": MAX_FILES })))
    })
    .await
}

/// One file, streamed to disk as it arrives.
async fn receive(
    State(hub): State<Hub>,
    AdminChange(s, _): AdminChange,
    Path(name): Path<String>,
    headers: HeaderMap,
    mut body: axum::body::Body,
) -> Response {
    let declared =
        headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_FILE_BYTES) {
        return HubError::TooLarge.into_response();
    }
    let mut receiving = match uploads(&hub, &s.admin).receive(&name) {
        Ok(r) => r,
        Err(Ok(e)) => return e.into_response(),
        Err(Err(p)) => return problems(vec![p]),
    };
    loop {
        let frame = std::future::poll_fn(|cx| std::pin::Pin::new(&mut body).poll_frame(cx)).await;
        let Some(frame) = frame else { break };
        // A connection that drops mid-file: the part is removed when `receiving` goes.
        let Ok(frame) = frame else { return HubError::BadRequest.into_response() };
        if let Ok(data) = frame.into_data() {
            // Written off the async workers (on any runtime), the file handed there and back.
            let Ok((back, written)) = tokio::task::spawn_blocking(move || {
                let written = receiving.write(&data);
                (receiving, written)
            })
            .await
            else {
                return HubError::Io(std::io::Error::other("worker")).into_response();
            };
            receiving = back;
            if let Err(e) = written {
                return e.into_response();
            }
        }
    }
    match tokio::task::spawn_blocking(move || receiving.finish()).await {
        Ok(Ok(size)) => Json(json!({ "name": name, "size": size })).into_response(),
        Ok(Err(e)) => e.into_response(),
        Err(_) => HubError::Io(std::io::Error::other("worker")).into_response(),
    }
}

async fn clear(State(hub): State<Hub>, AdminChange(s, _): AdminChange) -> Result<Json<Value>, HubError> {
    blocking(move || {
        uploads(&hub, &s.admin).clear()?;
        Ok(Json(json!({})))
    })
    .await
}

#[derive(Deserialize)]
struct PutSet {
    set: String,
    name: String,
    source: String,
}

async fn put_set(State(hub): State<Hub>, AdminChange(s, _): AdminChange, Body(body): Body<PutSet>) -> Response {
    let done = tokio::task::spawn_blocking(move || {
        let summary = uploads(&hub, &s.admin).put_set(hub.publisher(), &body.set, &body.name, &body.source)?;
        let detail = format!("{}: {} roads, {} buildings", body.set, summary.roads, summary.buildings);
        let _ = hub.store().and_then(|st| st.audit(&s.admin, "address", &detail, now_ms()));
        Ok::<_, Vec<crate::publish::Problem>>((body.set, summary))
    })
    .await;
    match done {
        Ok(Ok((set, summary))) => {
            Json(json!({ "set": set, "roads": summary.roads, "buildings": summary.buildings })).into_response()
        }
        Ok(Err(p)) => problems(p),
        Err(_) => HubError::Io(std::io::Error::other("worker")).into_response(),
    }
}

async fn remove(State(hub): State<Hub>, AdminChange(s, _): AdminChange, Path(set): Path<String>) -> Response {
    let done = tokio::task::spawn_blocking(move || {
        remove_set(hub.publisher(), &set)?;
        let _ = hub.store().and_then(|st| st.audit(&s.admin, "address-remove", &set, now_ms()));
        Ok::<_, Vec<crate::publish::Problem>>(())
    })
    .await;
    match done {
        Ok(Ok(())) => Json(json!({})).into_response(),
        Ok(Err(p)) => problems(p),
        Err(_) => HubError::Io(std::io::Error::other("worker")).into_response(),
    }
}
