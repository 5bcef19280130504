//! minwon-hardware: the kiosk's devices, each behind a small trait.
//!
//! Devices only move bytes; what the bytes mean is decided by `minwon-core`
//! and carried out by `minwon-engine`: the receipt printer, the ICAO document
//! reader (sans-IO protocol + PC/SC transport), and speech.

pub mod audio;
pub mod card;
pub mod error;
pub mod printer;
pub mod speech;
pub mod voice;

pub use error::{CardError, HardwareError};
pub use printer::{EscPosPrinter, PrinterLink, ReceiptPrinter, Ticket};
