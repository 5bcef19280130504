//! Attaches a [`VirtualDocument`] to pcscd through vsmartcard's virtual reader (vpcd).
//!
//! The link, as vpcd speaks it: every message is a 2-byte big-endian length
//! and a payload. One-byte payloads are control messages (0 power off, 1 power
//! on, 2 reset, 4 send the ATR); longer ones are command APDUs, answered with
//! the response APDU. Closing the connection takes the card out of the reader.

use super::virtual_doc::{atr, VirtualDocument};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// vpcd's first reader ("Virtual PCD 00 00") listens here; the second on 35964.
pub const VPCD_PORT: u16 = 35963;

/// Serves `card` until `stop` is set or pcscd closes the link.
pub fn serve(card: &mut VirtualDocument, host: &str, port: u16, stop: &AtomicBool) -> std::io::Result<()> {
    let mut stream = TcpStream::connect((host, port))?;
    stream.set_nodelay(true)?;
    stream.set_read_timeout(Some(Duration::from_millis(200)))?;
    let mut len = [0u8; 2];
    loop {
        if stop.load(Ordering::SeqCst) {
            return Ok(());
        }
        match stream.read_exact(&mut len) {
            Ok(()) => {}
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(()),
            Err(e) => return Err(e),
        }
        let mut msg = vec![0u8; usize::from(u16::from_be_bytes(len))];
        stream.set_read_timeout(Some(Duration::from_secs(5)))?;
        stream.read_exact(&mut msg)?;
        stream.set_read_timeout(Some(Duration::from_millis(200)))?;
        let answer = match msg.as_slice() {
            [0] | [1] | [2] => {
                card.reset();
                None
            }
            [4] => Some(atr()),
            [_] => None,
            apdu => Some(card.respond(apdu)),
        };
        if let Some(a) = answer {
            stream.write_all(&(a.len() as u16).to_be_bytes())?;
            stream.write_all(&a)?;
        }
    }
}
