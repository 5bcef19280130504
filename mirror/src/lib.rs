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

slint::include_modules!();
