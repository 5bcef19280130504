//! The receipt printer: an ESC/POS thermal printer, the ticket sent as a picture.
//!
//! A ticket carries no personal data, only what the visitor quotes at the counter: the service,
//! the receipt number (very large, and as a QR code the clerk scans to find the submission),
//! the time, what to do next, and the kiosk. Its texts come in the visitor's language, set as an
//! image by [`render`] so a printer with no Hangul in its code pages still prints Korean. Before
//! printing, the printer is asked for its state (`DLE EOT`, where the link can read): paper out
//! or the cover open is an error with its own code, so the visitor is told to note the number
//! on screen and the fleet page flags the printer.

pub mod render;
pub mod virtual_printer;

pub use render::{Raster, TicketFonts};

use crate::error::HardwareError;
use std::io::{Read, Write};
use std::time::Duration;

/// What goes on the paper, already in the visitor's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticket {
    /// The BCP 47 tag of the texts' language (it picks the CJK face: Korean or Simplified Chinese).
    pub locale: String,
    /// e.g. "접수증"
    pub title: String,
    /// The service's name, e.g. "여권 재발급 신청"
    pub service: String,
    /// e.g. "접수번호"
    pub number_label: String,
    /// e.g. `A-0427`
    pub receipt: String,
    /// e.g. "2026-12-03 14:05"
    pub issued: String,
    /// e.g. "3번 창구에서 이 번호를 말씀해 주세요"
    pub next_step: String,
    /// e.g. "키오스크 jongno-1"
    pub kiosk: String,
    /// For offices that call numbers: the queue number (번호표), printed largest, the receipt
    /// number then on a line of its own.
    pub queue: Option<QueueNumber>,
}

/// A queue number and its label, e.g. "대기번호" and "042".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueNumber {
    pub label: String,
    pub number: String,
}

pub trait ReceiptPrinter: Send {
    fn print(&mut self, ticket: &Ticket) -> Result<(), HardwareError>;
    /// Whether the printer can print now (paper, cover); `Ok` when it cannot tell.
    fn check(&mut self) -> Result<(), HardwareError>;
}

/// How bytes reach the printer, and whether its one-byte status answers come back.
pub trait PrinterLink: Send {
    fn send(&mut self, bytes: &[u8]) -> std::io::Result<()>;
    /// Sends a real-time status request; the printer's answer, or `None` when this link cannot
    /// read one (or none came in time).
    fn ask(&mut self, request: &[u8]) -> std::io::Result<Option<u8>>;
}

/// A device or file written to only (`/dev/usb/lp0`): no status comes back.
pub struct WriteOnly<W: Write + Send>(pub W);

impl<W: Write + Send> PrinterLink for WriteOnly<W> {
    fn send(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.0.write_all(bytes)?;
        self.0.flush()
    }
    fn ask(&mut self, _: &[u8]) -> std::io::Result<Option<u8>> {
        Ok(None)
    }
}

/// A printer device (`/dev/usb/lp0`), opened afresh for each ticket: a printer unplugged when the
/// kiosk starts is found once it is plugged in, and the kiosk starts without it. A path outside
/// `/dev` (a test's capture file) is made if missing; a device never is. No status comes back.
pub struct Device(pub std::path::PathBuf);

impl Device {
    /// Opens the device for writing, as a ticket would.
    pub fn open(&self) -> std::io::Result<std::fs::File> {
        std::fs::OpenOptions::new().append(true).create(!self.0.starts_with("/dev")).open(&self.0)
    }
}

impl PrinterLink for Device {
    fn send(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        let mut file = self.open()?;
        file.write_all(bytes)?;
        file.flush()
    }
    fn ask(&mut self, _: &[u8]) -> std::io::Result<Option<u8>> {
        Ok(None)
    }
}

/// A network printer (raw TCP, port 9100), which answers status requests on the same socket.
pub struct Network(pub std::net::TcpStream);

impl Network {
    pub fn connect(addr: &str) -> std::io::Result<Network> {
        use std::net::ToSocketAddrs;
        let target = addr.to_socket_addrs()?.next().ok_or_else(|| std::io::Error::other("no address"))?;
        let stream = std::net::TcpStream::connect_timeout(&target, Duration::from_secs(2))?;
        stream.set_read_timeout(Some(Duration::from_millis(800)))?;
        stream.set_write_timeout(Some(Duration::from_secs(5)))?;
        Ok(Network(stream))
    }
}

impl PrinterLink for Network {
    fn send(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.0.write_all(bytes)?;
        self.0.flush()
    }
    fn ask(&mut self, request: &[u8]) -> std::io::Result<Option<u8>> {
        self.0.write_all(request)?;
        let mut b = [0u8; 1];
        match self.0.read(&mut b) {
            Ok(1) => Ok(Some(b[0])),
            Ok(_) => Err(std::io::Error::other("the printer closed the connection")),
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// A network printer reached afresh when the last connection failed (a printer switched off and
/// on again is found at the next ticket).
pub struct Reconnecting {
    addr: String,
    link: Option<Network>,
}

impl Reconnecting {
    pub fn new(addr: String) -> Reconnecting {
        Reconnecting { addr, link: None }
    }

    fn link(&mut self) -> std::io::Result<&mut Network> {
        if self.link.is_none() {
            self.link = Some(Network::connect(&self.addr)?);
        }
        self.link.as_mut().ok_or_else(|| std::io::Error::other("no connection"))
    }
}

impl PrinterLink for Reconnecting {
    fn send(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        let result = self.link()?.send(bytes);
        if result.is_err() {
            self.link = None;
        }
        result
    }
    fn ask(&mut self, request: &[u8]) -> std::io::Result<Option<u8>> {
        let result = self.link()?.ask(request);
        if result.is_err() {
            self.link = None;
        }
        result
    }
}

const ESC: u8 = 0x1b;
const GS: u8 = 0x1d;
const DLE: u8 = 0x10;
const EOT: u8 = 0x04;
/// Rows per `GS v 0` command: small enough for any printer's buffer.
const BAND: usize = 256;

/// `DLE EOT 2` (offline cause) and `DLE EOT 4` (roll paper sensor).
pub const ASK_OFFLINE: [u8; 3] = [DLE, EOT, 2];
pub const ASK_PAPER: [u8; 3] = [DLE, EOT, 4];

/// A status byte has bit 1 and bit 4 set, bits 0 and 7 clear; anything else is not one.
fn is_status(b: u8) -> bool {
    b & 0x93 == 0x12
}

/// ESC/POS over a link; tickets `width` dots wide.
pub struct EscPosPrinter<L: PrinterLink> {
    link: L,
    width: usize,
    /// Loaded at the first ticket, per CJK face (Korean, Chinese).
    fonts: Vec<(u32, TicketFonts)>,
}

impl<L: PrinterLink> EscPosPrinter<L> {
    /// 576 dots: 80 mm paper at 203 dpi, what kiosk printers take.
    pub fn new(link: L) -> Self {
        Self::with_width(link, 576)
    }

    pub fn with_width(link: L, width: usize) -> Self {
        EscPosPrinter { link, width, fonts: Vec::new() }
    }

    pub fn into_inner(self) -> L {
        self.link
    }

    /// The bytes of one ticket: initialise, the picture in bands, feed, cut.
    pub fn encode(picture: &Raster) -> Vec<u8> {
        let row_bytes = picture.width / 8;
        let mut out = Vec::with_capacity(row_bytes * picture.height + 64);
        out.extend_from_slice(&[ESC, b'@']);
        out.extend_from_slice(&[ESC, b'a', 1]); // centre
        let mut top = 0;
        while top < picture.height {
            let rows = (picture.height - top).min(BAND);
            let [xl, xh] = (row_bytes as u16).to_le_bytes();
            let [yl, yh] = (rows as u16).to_le_bytes();
            out.extend_from_slice(&[GS, b'v', b'0', 0, xl, xh, yl, yh]);
            for y in top..top + rows {
                for bx in 0..row_bytes {
                    let byte = (0..8).fold(0u8, |b, bit| b | (u8::from(picture.get(bx * 8 + bit, y)) << (7 - bit)));
                    out.push(byte);
                }
            }
            top += rows;
        }
        out.extend_from_slice(&[ESC, b'd', 4]); // feed past the cutter
        out.extend_from_slice(&[GS, b'V', 66, 0]); // feed and partial cut
        out
    }

    fn fonts(&mut self, locale: &str) -> Result<&TicketFonts, HardwareError> {
        let face = render::cjk_face(locale);
        if !self.fonts.iter().any(|(f, _)| *f == face) {
            self.fonts.push((face, TicketFonts::system(locale)?));
        }
        self.fonts.iter().find(|(f, _)| *f == face).map(|(_, fonts)| fonts).ok_or(HardwareError::Font)
    }

    /// The ticket as it will print (for the tests and the screen's preview).
    pub fn picture(&mut self, ticket: &Ticket) -> Result<Raster, HardwareError> {
        let width = self.width;
        let fonts = self.fonts(&ticket.locale)?;
        render::render(ticket, fonts, width)
    }
}

impl<L: PrinterLink> ReceiptPrinter for EscPosPrinter<L> {
    fn print(&mut self, ticket: &Ticket) -> Result<(), HardwareError> {
        self.check()?;
        let picture = self.picture(ticket)?;
        self.link.send(&Self::encode(&picture)).map_err(HardwareError::Printer)
    }

    fn check(&mut self) -> Result<(), HardwareError> {
        if let Some(b) = self.link.ask(&ASK_OFFLINE).map_err(HardwareError::Printer)?.filter(|b| is_status(*b)) {
            if b & 0x04 != 0 {
                return Err(HardwareError::CoverOpen);
            }
            if b & 0x20 != 0 {
                return Err(HardwareError::PaperOut);
            }
        }
        if let Some(b) = self.link.ask(&ASK_PAPER).map_err(HardwareError::Printer)?.filter(|b| is_status(*b)) {
            if b & 0x60 != 0 {
                return Err(HardwareError::PaperOut);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::virtual_printer::{PrinterState, VirtualPrinter};
    use super::*;

    pub(crate) fn ticket(locale: &str, number: &str) -> Ticket {
        Ticket {
            locale: locale.into(),
            title: "접수증".into(),
            service: "여권 재발급 신청".into(),
            number_label: "접수번호".into(),
            receipt: number.into(),
            issued: "2026-12-03 14:05".into(),
            next_step: "창구에서 이 번호를 말씀해 주세요".into(),
            kiosk: "키오스크 jongno-1".into(),
            queue: None,
        }
    }

    #[test]
    fn a_ticket_goes_as_a_picture_in_bands_and_comes_back_the_same() {
        let mut p = EscPosPrinter::new(VirtualPrinter::new(PrinterState::Ready));
        p.print(&ticket("ko", "A-0427")).expect("prints");
        let sent = p.picture(&ticket("ko", "A-0427")).expect("draws");
        let printer = p.into_inner();
        let printed = printer.tickets().expect("decodes");
        assert_eq!(printed.len(), 1, "one ticket, one cut");
        assert_eq!(printed[0], sent, "the printer's picture is the one drawn");
        assert_eq!(printed[0].width, 576);
        assert!(printed[0].height > BAND, "more than one band: {:?}", printed[0]);
        assert!(printer.bytes().starts_with(&[DLE, EOT, 2]), "asks the printer's state first");
    }

    #[test]
    fn paper_out_and_an_open_cover_are_errors_with_codes_and_nothing_prints() {
        for (state, code) in
            [(PrinterState::PaperOut, "printer.paper-out"), (PrinterState::CoverOpen, "printer.cover-open")]
        {
            let mut p = EscPosPrinter::new(VirtualPrinter::new(state));
            let e = p.print(&ticket("ko", "A-0001")).expect_err("refused");
            assert_eq!(e.code(), code);
            assert!(p.into_inner().tickets().expect("decodes").is_empty(), "{code}: nothing printed");
        }
    }

    #[test]
    fn a_broken_link_is_an_error_with_a_code() {
        struct Broken;
        impl Write for Broken {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("unplugged"))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let e = EscPosPrinter::new(WriteOnly(Broken)).print(&ticket("ko", "A-0001")).expect_err("fails");
        assert_eq!(e.code(), "printer.io");
    }
}
