//! minwon-core: what a civil-service kiosk knows, without touching the world.
//!
//! Forms and their validation, pre-fill from an identity document, the visitor
//! [`Session`] state machine and message formatting. Nothing here does IO or
//! reads the clock: time comes in as [`Timestamp`], files come in as strings,
//! and everything the kiosk must *do* goes out as an [`Effect`].

pub mod address;
pub mod bundle;
pub mod document;
pub mod error;
pub mod expr;
pub mod form;
pub mod guidance;
pub mod hangul;
pub mod i18n;
pub mod keyboard;
pub mod keypad;
pub mod paths;
pub mod pin;
pub mod sealed;
pub mod session;
pub mod sign;
pub mod time;
pub mod topic;
pub mod tree;
pub mod validate;
pub mod wire;

pub use document::{DocumentChecks, DocumentData, DocumentField, Provenance};
pub use error::CoreError;
pub use form::{Catalog, FieldKind, Form, FormId};
pub use guidance::{Guidance, Speech};
pub use i18n::{Locale, Localizer};
pub use session::{Effect, Input, Screen, Session, SessionConfig};
pub use time::Timestamp;
pub use validate::{Answer, ErrorCode, FieldError};
