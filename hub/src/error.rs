//! Errors of minwon-hub, with stable codes for logs and for the kiosks.

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
        }
    }
}
