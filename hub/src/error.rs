//! Errors of minwon-hub, with stable codes for logs and for the kiosks, and the HTTP status each
//! answers with. A client sees `{ "code": … }` only: never the message, which may name a file.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum HubError {
    #[error("database: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("a submission is not valid ({0})")]
    BadSubmission(&'static str),
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    #[error("the database was written by a newer hub")]
    SchemaTooNew,
    #[error("the kiosk is not enrolled or its key is wrong")]
    KioskUnknown,
    #[error("wrong name or password")]
    Login,
    #[error("too many failed logins; wait and try again")]
    LockedOut,
    #[error("not signed in")]
    NoSession,
    #[error("the request did not come from the hub's own pages")]
    Csrf,
    #[error("a key file is not valid")]
    KeyFile,
    #[error("{0}")]
    Form(String),
    #[error("not found")]
    NotFound,
    #[error("a stored submission did not open with the agency key")]
    Sealed,
    #[error("the hub's TLS certificate or key is not valid")]
    Tls,
    #[error("too many failed logins from this address; wait and try again")]
    Throttled,
    #[error("this kiosk sent more than its quota; it will be accepted later")]
    RateLimited,
    #[error("the request is not what this route takes")]
    BadRequest,
    #[error("a CSCA certificate or master list could not be read ({0})")]
    TrustFile(String),
    #[error("the request is larger than this route takes")]
    TooLarge,
    #[error("the hub's disk is full")]
    DiskFull,
}

impl HubError {
    pub fn code(&self) -> &'static str {
        match self {
            HubError::Database(_) => "hub.database",
            HubError::BadSubmission(_) => "hub.bad-submission",
            HubError::Io(_) => "hub.io",
            HubError::SchemaTooNew => "hub.schema-too-new",
            HubError::KioskUnknown => "hub.kiosk-unknown",
            HubError::Login => "hub.login",
            HubError::LockedOut => "hub.locked-out",
            HubError::NoSession => "hub.no-session",
            HubError::Csrf => "hub.csrf",
            HubError::KeyFile => "hub.key-file",
            HubError::Form(_) => "hub.form",
            HubError::NotFound => "hub.not-found",
            HubError::Sealed => "hub.sealed",
            HubError::Tls => "hub.tls",
            HubError::Throttled => "hub.throttled",
            HubError::RateLimited => "hub.rate-limited",
            HubError::BadRequest => "hub.bad-request",
            HubError::TrustFile(_) => "hub.trust-file",
            HubError::TooLarge => "hub.too-large",
            HubError::DiskFull => "hub.disk-full",
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            HubError::BadSubmission(_) | HubError::Form(_) | HubError::BadRequest => StatusCode::BAD_REQUEST,
            HubError::KioskUnknown | HubError::Login | HubError::NoSession => StatusCode::UNAUTHORIZED,
            HubError::LockedOut | HubError::Throttled | HubError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            HubError::Csrf => StatusCode::FORBIDDEN,
            HubError::NotFound => StatusCode::NOT_FOUND,
            HubError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            HubError::DiskFull => StatusCode::INSUFFICIENT_STORAGE,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for HubError {
    fn into_response(self) -> Response {
        if self.status() == StatusCode::INTERNAL_SERVER_ERROR {
            eprintln!("minwon-hub: {}", self.code());
        }
        (self.status(), axum::Json(serde_json::json!({ "code": self.code() }))).into_response()
    }
}
