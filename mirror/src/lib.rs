//! minwon-mirror: the smart-mirror guidance screen. Guidance topics from the same signed bundles
//! the kiosks use, signed (the clip player), captioned, in every language, in Slint.

pub mod controller;
pub mod error;
pub mod guide;
pub mod headless;
pub mod player;
pub mod updates;

pub use controller::Mirror;
pub use error::MirrorError;
pub use guide::Guide;

/// The Slint UI compiled from `ui/mirror/` (generated code: its own lints).
#[allow(clippy::unwrap_used, clippy::todo, clippy::all)]
mod ui {
    slint::include_modules!();
}

pub use ui::*;
