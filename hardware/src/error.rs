//! Errors of minwon-hardware, with stable codes for the engine and the UI.

use thiserror::Error;

pub use minwon_card::CardError;

#[derive(Debug, Error)]
pub enum HardwareError {
    #[error("printer: {0}")]
    Printer(#[source] std::io::Error),
    #[error("the ticket cannot be drawn for this printer")]
    Unprintable,
    #[error("the ticket's font (Noto Sans CJK) is not installed")]
    Font,
    #[error("the printer is out of paper")]
    PaperOut,
    #[error("the printer's cover is open")]
    CoverOpen,
    #[error("speech: {0}")]
    Speech(String),
    #[error("audio: {0}")]
    Audio(String),
}

impl HardwareError {
    pub fn code(&self) -> &'static str {
        match self {
            HardwareError::Printer(_) => "printer.io",
            HardwareError::Unprintable => "printer.unprintable",
            HardwareError::Font => "printer.font",
            HardwareError::PaperOut => "printer.paper-out",
            HardwareError::CoverOpen => "printer.cover-open",
            HardwareError::Speech(_) => "speech.unavailable",
            HardwareError::Audio(_) => "audio.unavailable",
        }
    }
}
