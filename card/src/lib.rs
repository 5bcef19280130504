//! minwon-card: ICAO 9303 documents without IO — the protocol (BAC, PACE, secure messaging, the
//! reader's state machine), the data groups, passive authentication and its trust store, and the
//! chip side of a virtual passport. Bytes in, bytes out: the kiosk's PC/SC transport lives in
//! minwon-hardware, and the hub uses this crate to check a chip's evidence itself without pulling
//! in PC/SC, audio or speech.
#![forbid(unsafe_code)]

pub mod aa;
pub mod apdu;
pub mod bac;
pub mod ca;
pub mod crypto;
pub mod curve;
pub mod document;
pub mod error;
pub mod lds;
pub mod mrz;
pub mod pa;
pub mod pace;
pub mod reader;
pub mod sm;
pub mod specimen;
pub mod tlv;
pub mod values;
pub mod virtual_doc;

pub use error::CardError;
