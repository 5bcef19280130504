//! Errors of minwon-engine. Each has a stable code; none carries personal data.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum EngineError {
    #[error("the disk is full")]
    DiskFull,
    #[error("outbox storage: {0}")]
    Storage(#[source] rusqlite::Error),
    #[error("the outbox database is from a newer version ({found} > {supported})")]
    SchemaTooNew { found: u32, supported: u32 },
    #[error("sealing or opening a submission failed")]
    Seal,
    #[error("key file: {0}")]
    Key(#[source] std::io::Error),
    #[error("assets: {0}")]
    Assets(String),
    #[error(transparent)]
    Core(#[from] minwon_core::CoreError),
    #[error(transparent)]
    Hardware(#[from] minwon_hardware::HardwareError),
    /// An address file that does not read, located by set, file, line and column.
    #[error("address file: {0}")]
    Address(String),
    #[error("address index: {0}")]
    AddressIndex(#[source] rusqlite::Error),
    #[error("the enrolment cannot be used ({0})")]
    Enrolment(&'static str),
}

impl EngineError {
    /// Stable code, shown to the UI (which maps it to `errors-<code with dashes>`) and to logs.
    pub fn code(&self) -> &'static str {
        match self {
            EngineError::DiskFull => "outbox.disk-full",
            EngineError::Storage(_) => "outbox.storage",
            EngineError::SchemaTooNew { .. } => "outbox.schema-too-new",
            EngineError::Seal => "outbox.seal",
            EngineError::Key(_) => "outbox.key",
            EngineError::Assets(_) => "assets.invalid",
            EngineError::Core(e) => e.code(),
            EngineError::Hardware(e) => e.code(),
            EngineError::Address(_) => "address.invalid",
            EngineError::AddressIndex(_) => "address.index",
            EngineError::Enrolment(code) => code,
        }
    }
}

impl From<rusqlite::Error> for EngineError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DiskFull) => EngineError::DiskFull,
            _ => EngineError::Storage(e),
        }
    }
}
