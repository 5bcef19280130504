//! systemd's watchdog: `READY=1` once the kiosk is up, then `WATCHDOG=1` from the engine's ticker.
//!
//! The notifications go as datagrams to the socket `NOTIFY_SOCKET` names (a path, or `@name` in
//! the abstract namespace), as `sd_notify(3)` sends them. They come from the ticker thread right
//! after a tick, so an engine that stops ticking (a lock never released, a hung device call on the
//! tick path) stops notifying, and systemd restarts it after `WatchdogSec=`; the outbox keeps
//! every submission across the restart. Outside systemd there is no socket and nothing is sent.

use std::os::unix::net::UnixDatagram;
use std::path::PathBuf;

/// Where notifications go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotifyAddress {
    Path(PathBuf),
    Abstract(Vec<u8>),
}

#[derive(Debug)]
pub struct Watchdog {
    socket: UnixDatagram,
    address: NotifyAddress,
    ready_sent: bool,
    /// A refused notification was reported (once: not twice a second into the journal).
    reported: bool,
}

impl Watchdog {
    /// From `NOTIFY_SOCKET`, when systemd set it.
    pub fn from_env() -> Option<Watchdog> {
        let value = std::env::var_os("NOTIFY_SOCKET")?;
        let text = value.to_string_lossy();
        let address = match text.strip_prefix('@') {
            Some(name) => NotifyAddress::Abstract(name.as_bytes().to_vec()),
            None => NotifyAddress::Path(PathBuf::from(text.as_ref())),
        };
        Watchdog::at(address)
    }

    pub fn at(address: NotifyAddress) -> Option<Watchdog> {
        let socket = UnixDatagram::unbound().ok()?;
        Some(Watchdog { socket, address, ready_sent: false, reported: false })
    }

    fn send(&mut self, message: &str) {
        let sent = match &self.address {
            NotifyAddress::Path(p) => self.socket.send_to(message.as_bytes(), p).map(|_| ()),
            NotifyAddress::Abstract(name) => {
                use std::os::linux::net::SocketAddrExt;
                std::os::unix::net::SocketAddr::from_abstract_name(name)
                    .and_then(|addr| self.socket.send_to_addr(message.as_bytes(), &addr))
                    .map(|_| ())
            }
        };
        if sent.is_err() && !std::mem::replace(&mut self.reported, true) {
            eprintln!("minwon-engine: systemd's notify socket did not take a message (watchdog.send)");
        }
    }

    /// After a tick: `READY=1` the first time, `WATCHDOG=1` every time.
    pub fn ticked(&mut self) {
        if !self.ready_sent {
            self.send("READY=1");
            self.ready_sent = true;
        }
        self.send("WATCHDOG=1");
    }
}
