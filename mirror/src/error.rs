//! Errors of minwon-mirror, with stable codes; none carries personal data (the mirror takes none).

use thiserror::Error;

#[derive(Debug, Error)]
pub enum MirrorError {
    #[error("assets: {0}")]
    Assets(String),
    #[error("{0}")]
    Core(#[from] minwon_core::CoreError),
    #[error("the window: {0}")]
    Ui(String),
    #[error("usage: {0}")]
    Usage(String),
}

impl MirrorError {
    pub fn code(&self) -> &'static str {
        match self {
            MirrorError::Assets(_) => "mirror.assets",
            MirrorError::Core(e) => e.code(),
            MirrorError::Ui(_) => "mirror.ui",
            MirrorError::Usage(_) => "mirror.usage",
        }
    }
}
