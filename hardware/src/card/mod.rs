//! Reading ICAO 9303 documents: the protocol without IO (minwon-card, re-exported here under its
//! old paths), and the transports that move its bytes (PC/SC, vsmartcard's vpcd).

pub use minwon_card::{
    aa, apdu, bac, ca, crypto, curve, document, lds, mrz, pa, pace, reader, sm, specimen, tlv, values, virtual_doc,
};
pub mod transport;
pub mod vpcd;
