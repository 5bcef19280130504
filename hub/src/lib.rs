//! minwon-hub: receives submissions from the kiosks exactly once, publishes signed form bundles,
//! and watches the fleet; admins work in its pages (`ui/hub/`).

pub mod accounts;
pub mod addresses;
pub mod error;
pub mod fleet;
pub mod http;
pub mod keys;
pub mod limits;
pub mod publish;
pub mod reading;
pub mod server;
pub mod store;
pub mod tls;
pub mod topicsheet;
pub mod workbook;
pub mod xlsform;
pub mod xlsx;

pub use error::HubError;
pub use server::{now_ms, Enrolment, Hub, HubConfig};
pub use store::{Accepted, Ack, AckStatus, HubStore, SealedSubmission};
