//! Errors of minwon-hardware, with stable codes for the engine and the UI.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum HardwareError {
    #[error("printer: {0}")]
    Printer(#[source] std::io::Error),
    #[error("the ticket has a character the printer cannot print")]
    Unprintable,
}

impl HardwareError {
    pub fn code(&self) -> &'static str {
        match self {
            HardwareError::Printer(_) => "printer.io",
            HardwareError::Unprintable => "printer.unprintable",
        }
    }
}
