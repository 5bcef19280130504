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
}

impl HubError {
    pub fn code(&self) -> &'static str {
        match self {
            HubError::Database(_) => "hub.database",
            HubError::BadSubmission(_) => "hub.bad-submission",
            HubError::Io(_) => "hub.io",
        }
    }
}
