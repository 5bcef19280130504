//! Reading ICAO 9303 documents: the protocol without IO, and the transports that move its bytes.

pub mod apdu;
pub mod bac;
pub mod crypto;
pub mod curve;
pub mod document;
pub mod lds;
pub mod mrz;
pub mod pa;
pub mod pace;
pub mod reader;
pub mod sm;
pub mod specimen;
pub mod tlv;
pub mod transport;
pub mod virtual_doc;
pub mod vpcd;
