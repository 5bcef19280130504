//! minwon-hub: receives submissions from the kiosks exactly once (so far), over HTTP.
//!
//! `POST /api/v1/submissions` takes a batch from one kiosk and answers one acknowledgement per
//! submission; the store guarantees a submission id is kept once, whatever the kiosk resends.
//! Form-bundle publishing, the admin pages and the fleet view come with the rest of the hub issue.

pub mod api;
pub mod error;
pub mod store;

pub use error::HubError;
pub use store::{Ack, AckStatus, HubStore, Incoming};
