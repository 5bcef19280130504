//! minwon-engine: the imperative shell around `minwon-core`.
//!
//! [`Kiosk`] owns the visitor [`minwon_core::Session`], feeds it inputs with
//! the time, and carries out its effects on the outside world: the SQLite
//! [`Outbox`], the receipt printer, the card reader and speech.
//! Its [`api`] module is the one API every front end uses: the Tauri
//! commands and the `--serve` loopback HTTP server call the same functions
//! and get the same serialisable views and error codes.

pub mod address;
pub mod api;
pub mod assets;
pub mod bundles;
pub mod card;
pub mod clips;
pub mod clock;
pub mod coverage;
pub mod delivery;
pub mod doctor;
pub mod error;
pub mod guide;
pub mod identity;
pub mod kiosk;
pub mod outbox;
pub mod seal;
pub mod view;
pub mod watchdog;

pub use api::{Action, ApiError};
pub use clock::{Clock, ManualClock, SystemClock};
pub use error::EngineError;
pub use kiosk::{Kiosk, KioskConfig};
pub use outbox::Outbox;
pub use view::View;
