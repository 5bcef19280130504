//! The `IdentitySource` seam: where a visitor's identity document comes from.
//!
//! Typing one's details needs no source (the form's pre-fill fields are
//! simply asked). A source reads a document when the session asks
//! (`Effect::ReadDocument`) and reports a [`DocumentData`], which the session
//! turns into pre-filled, provenance-marked answers.

use minwon_core::session::DocumentKey;
use minwon_core::DocumentData;

/// What a source reports when the engine polls it.
#[derive(Debug, Clone, PartialEq)]
pub enum SourceEvent {
    /// A document was read.
    Read(Box<DocumentData>),
    /// The document that was read was taken away (the session wipes).
    Removed,
    /// Reading failed; a stable code for the visitor's message.
    Failed { code: &'static str },
}

pub trait IdentitySource: Send {
    /// Whether a reader is connected; the identify screen offers the document only then.
    fn available(&self) -> bool;
    /// Reads the next document presented, with this key.
    fn begin_read(&mut self, key: DocumentKey);
    /// Stops waiting for or reading a document.
    fn cancel_read(&mut self);
    /// The next event, without blocking.
    fn poll_event(&mut self) -> Option<SourceEvent>;
}
