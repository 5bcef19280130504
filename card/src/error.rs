//! Errors of minwon-card: what can go wrong reading an identity document, with stable codes.

use crate::apdu::StatusWord;
use thiserror::Error;

/// What can go wrong talking to an identity document. Codes are stable; none carries personal data.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum CardError {
    #[error("MRZ {field}: {problem}")]
    Mrz { field: &'static str, problem: &'static str },
    #[error("malformed data from the card: {0}")]
    Malformed(&'static str),
    #[error("secure messaging: the MAC does not match")]
    BadMac,
    #[error("the card answered {0}")]
    Status(StatusWord),
    #[error("access denied: the MRZ does not match this document")]
    AccessDenied,
    #[error("access denied: the card access number does not match this document")]
    WrongCan,
    #[error("this card is not an ICAO document we can read")]
    Unsupported,
    #[error("this document has no PACE, so its card access number cannot open it")]
    CanNeedsPace,
    #[error("the chip's data does not match its signature")]
    Tampered,
    #[error("the chip did not prove it holds its document's key: a copy, not the document's chip")]
    Clone,
    #[error("the card was removed")]
    Removed,
    #[error("no card reader")]
    NoReader,
    #[error("card transport: {0}")]
    Transport(String),
}

impl CardError {
    /// Every code [`CardError::code`] can return, for the check that each has a message.
    pub const CODES: [&'static str; 11] = [
        "card.wrong-can",
        "card.can-unsupported",
        "card.tampered",
        "card.clone",
        "card.wrong-mrz",
        "card.protocol",
        "card.access-denied",
        "card.unsupported",
        "card.removed",
        "card.no-reader",
        "card.transport",
    ];

    pub fn code(&self) -> &'static str {
        match self {
            CardError::Mrz { .. } => "card.wrong-mrz",
            CardError::Malformed(_) | CardError::BadMac | CardError::Status(_) => "card.protocol",
            CardError::AccessDenied => "card.access-denied",
            CardError::WrongCan => "card.wrong-can",
            CardError::Unsupported => "card.unsupported",
            CardError::CanNeedsPace => "card.can-unsupported",
            CardError::Tampered => "card.tampered",
            CardError::Clone => "card.clone",
            CardError::Removed => "card.removed",
            CardError::NoReader => "card.no-reader",
            CardError::Transport(_) => "card.transport",
        }
    }
}
