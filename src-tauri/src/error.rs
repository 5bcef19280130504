//! Errors of the kiosk shell: bad arguments, an engine that cannot start, a server that cannot bind.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum ShellError {
    #[error("{0}\n\n{usage}", usage = crate::USAGE)]
    Usage(String),
    #[error("the engine could not start: {0} ({code})", code = .0.code())]
    Engine(#[from] minwon_engine::EngineError),
    #[error("the loopback server: {0}")]
    Serve(#[source] std::io::Error),
    #[error("the window: {0}")]
    Tauri(#[from] tauri::Error),
    #[error("enrolment not put in place: {0} ({code})", code = .0.code())]
    Enrol(crate::enrol::EnrolError),
    /// `doctor` found a check that failed (the table says which).
    #[error("a check failed")]
    ChecksFailed,
    #[error("the doctor's texts: {0}")]
    DoctorTexts(String),
}

impl ShellError {
    /// Stable code, for logs and the exit message.
    pub fn code(&self) -> &'static str {
        match self {
            ShellError::Usage(_) => "shell.usage",
            ShellError::Engine(e) => e.code(),
            ShellError::Serve(_) => "shell.serve",
            ShellError::Tauri(_) => "shell.window",
            ShellError::Enrol(e) => e.code(),
            ShellError::ChecksFailed => "doctor.failed",
            ShellError::DoctorTexts(_) => "doctor.texts",
        }
    }
}
