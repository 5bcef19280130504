//! Moving APDUs: the transport trait, the PC/SC transport, the reader watcher, and the loop that drives a read.
//!
//! A transport only moves bytes. A status word is the card's answer and goes
//! back to the card layer untouched; only a failure to move bytes (no
//! service, card removed, reader gone) is a transport error.

use super::reader::{ReadDocument, ReadEvent};
use crate::error::CardError;
use pcsc::{Card, Context, Protocols, ReaderState, Scope, ShareMode, State, PNP_NOTIFICATION};
use std::ffi::{CStr, CString};
use std::time::Duration;

pub trait CardTransport {
    fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>, CardError>;
}

/// Runs a read to its end over `transport`; returns every event.
pub fn drive(reader: &mut ReadDocument, transport: &mut dyn CardTransport) -> Vec<ReadEvent> {
    let mut events = Vec::new();
    while let Some(cmd) = reader.poll_transmit() {
        match transport.transmit(&cmd.to_bytes()) {
            Ok(answer) => reader.handle_response(&answer),
            Err(e) => {
                events.push(ReadEvent::Failed(e));
                return events;
            }
        }
        while let Some(e) = reader.poll_event() {
            events.push(e);
        }
    }
    events
}

fn map(e: pcsc::Error) -> CardError {
    match e {
        pcsc::Error::RemovedCard | pcsc::Error::NoSmartcard | pcsc::Error::ResetCard | pcsc::Error::UnpoweredCard => {
            CardError::Removed
        }
        pcsc::Error::NoService
        | pcsc::Error::NoReadersAvailable
        | pcsc::Error::ReaderUnavailable
        | pcsc::Error::UnknownReader => CardError::NoReader,
        other => CardError::Transport(other.to_string()),
    }
}

/// What PC/SC offers right now, for `minwon-kiosk doctor`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReaderCensus {
    /// pcscd does not answer (not running, or its socket unreachable).
    NoService,
    /// pcscd answers; these readers are attached (possibly none).
    Readers(Vec<String>),
}

/// Asks pcscd which readers are attached.
pub fn census() -> ReaderCensus {
    let Ok(ctx) = Context::establish(Scope::User) else { return ReaderCensus::NoService };
    let mut buf = [0u8; 4096];
    match ctx.list_readers(&mut buf) {
        Ok(names) => ReaderCensus::Readers(names.map(|n| n.to_string_lossy().into_owned()).collect()),
        Err(pcsc::Error::NoReadersAvailable) => ReaderCensus::Readers(Vec::new()),
        Err(_) => ReaderCensus::NoService,
    }
}

/// A card in a PC/SC reader.
pub struct PcscTransport {
    card: Card,
    buffer: Vec<u8>,
}

impl std::fmt::Debug for PcscTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PcscTransport")
    }
}

impl PcscTransport {
    pub fn connect(ctx: &Context, reader: &CStr) -> Result<PcscTransport, CardError> {
        let card = ctx.connect(reader, ShareMode::Shared, Protocols::ANY).map_err(map)?;
        Ok(PcscTransport { card, buffer: vec![0; pcsc::MAX_BUFFER_SIZE_EXTENDED] })
    }
}

impl CardTransport for PcscTransport {
    fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>, CardError> {
        let answer = self.card.transmit(apdu, &mut self.buffer).map_err(map)?;
        Ok(answer.to_vec())
    }
}

/// What the watcher reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReaderEvent {
    ReaderAdded(String),
    ReaderRemoved(String),
    CardInserted { reader: String, atr: Vec<u8> },
    CardRemoved(String),
}

/// Watches readers and cards with `SCardGetStatusChange` and the PnP notification.
/// [`ReaderWatcher::stopper`] gives a handle that stops [`ReaderWatcher::run`] from another thread.
pub struct ReaderWatcher {
    ctx: Context,
    states: Vec<ReaderState>,
    present: std::collections::BTreeSet<String>,
}

impl std::fmt::Debug for ReaderWatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ReaderWatcher({} readers)", self.states.len().saturating_sub(1))
    }
}

/// Stops a running watcher (`SCardCancel`).
#[derive(Clone)]
pub struct WatchStopper(Context);

impl std::fmt::Debug for WatchStopper {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WatchStopper")
    }
}

impl WatchStopper {
    pub fn stop(&self) {
        let _ = self.0.cancel();
    }
}

impl ReaderWatcher {
    pub fn new() -> Result<ReaderWatcher, CardError> {
        let ctx = Context::establish(Scope::User).map_err(map)?;
        Ok(ReaderWatcher {
            ctx,
            states: vec![ReaderState::new(PNP_NOTIFICATION(), State::UNAWARE)],
            present: Default::default(),
        })
    }

    pub fn context(&self) -> &Context {
        &self.ctx
    }

    pub fn stopper(&self) -> WatchStopper {
        WatchStopper(self.ctx.clone())
    }

    /// Waits up to `timeout` for changes; returns what changed (empty on timeout).
    /// `Err(CardError::Transport("cancelled"))` after [`WatchStopper::stop`].
    pub fn poll(&mut self, timeout: Duration) -> Result<Vec<ReaderEvent>, CardError> {
        let mut events = Vec::new();
        let mut buf = [0u8; 4096];
        let names: Vec<CString> = match self.ctx.list_readers(&mut buf) {
            Ok(names) => names.map(CStr::to_owned).collect(),
            Err(pcsc::Error::NoReadersAvailable) => Vec::new(),
            Err(e) => return Err(map(e)),
        };
        // Readers that went away.
        let pnp = PNP_NOTIFICATION();
        self.states.retain(|rs| {
            let keep = rs.name() == pnp || names.iter().any(|n| n.as_c_str() == rs.name());
            if !keep {
                events.push(ReaderEvent::ReaderRemoved(rs.name().to_string_lossy().into_owned()));
            }
            keep
        });
        for name in &names {
            if !self.states.iter().any(|rs| rs.name() == name.as_c_str()) {
                events.push(ReaderEvent::ReaderAdded(name.to_string_lossy().into_owned()));
                self.states.push(ReaderState::new(name.clone(), State::UNAWARE));
            }
        }
        for rs in &mut self.states {
            rs.sync_current_state();
        }
        match self.ctx.get_status_change(timeout, &mut self.states) {
            Ok(()) | Err(pcsc::Error::Timeout) => {}
            Err(pcsc::Error::Cancelled) => return Err(CardError::Transport("cancelled".into())),
            Err(e) => return Err(map(e)),
        }
        for rs in &self.states {
            if rs.name() == pnp {
                continue;
            }
            let name = rs.name().to_string_lossy().into_owned();
            let now = rs.event_state().contains(State::PRESENT) && !rs.event_state().contains(State::MUTE);
            let was = self.present.contains(&name);
            if now && !was {
                self.present.insert(name.clone());
                events.push(ReaderEvent::CardInserted { reader: name, atr: rs.atr().to_vec() });
            } else if !now && was {
                self.present.remove(&name);
                events.push(ReaderEvent::CardRemoved(name));
            }
        }
        Ok(events)
    }
}
