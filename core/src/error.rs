//! Errors of minwon-core: malformed form definitions and message files.
//!
//! Visitor mistakes are not errors here; they are [`crate::FieldError`] values.

use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum CoreError {
    #[error("form file {file}: {reason}")]
    FormSyntax { file: String, reason: String },
    #[error("form {form}: {reason}")]
    FormInvalid { form: String, reason: String },
    #[error("two forms share the id {0}")]
    DuplicateForm(String),
    #[error("message file {file} ({locale}): {reason}")]
    Messages { locale: String, file: String, reason: String },
    #[error("unknown locale {0}")]
    UnknownLocale(String),
    #[error("sign-language manifest {file}: {reason}")]
    SignManifest { file: String, reason: String },
    #[error("guidance topic {file}: {reason}")]
    Topic { file: String, reason: String },
}

impl CoreError {
    /// Stable code for logs and the API; never contains personal data.
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::FormSyntax { .. } => "form.syntax",
            CoreError::FormInvalid { .. } => "form.invalid",
            CoreError::DuplicateForm(_) => "form.duplicate",
            CoreError::Messages { .. } => "messages.invalid",
            CoreError::SignManifest { .. } => "sign.manifest",
            CoreError::UnknownLocale(_) => "locale.unknown",
            CoreError::Topic { .. } => "topic.invalid",
        }
    }
}
