//! The receipt printer: an ESC/POS thermal printer fed through any byte sink.
//!
//! A ticket carries no personal data, only what the visitor quotes at the
//! counter: the receipt number, the kiosk and the time. The number is
//! printed at four times the normal size so that it reads without glasses.

use crate::error::HardwareError;
use std::io::Write;

/// What goes on the paper. ASCII only: thermal printers' default code page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticket {
    /// e.g. `A-0427`
    pub receipt: String,
    /// e.g. `2026-11-22 14:05 KST`
    pub issued: String,
    pub kiosk: String,
}

pub trait ReceiptPrinter: Send {
    fn print(&mut self, ticket: &Ticket) -> Result<(), HardwareError>;
}

/// ESC/POS over a writer: `/dev/usb/lp0`, a TCP socket to port 9100, or a buffer in tests.
pub struct EscPosPrinter<W: Write + Send> {
    sink: W,
}

const ESC: u8 = 0x1b;
const GS: u8 = 0x1d;

impl<W: Write + Send> EscPosPrinter<W> {
    pub fn new(sink: W) -> Self {
        EscPosPrinter { sink }
    }

    pub fn into_inner(self) -> W {
        self.sink
    }

    /// The bytes of one ticket.
    pub fn encode(ticket: &Ticket) -> Result<Vec<u8>, HardwareError> {
        for s in [&ticket.receipt, &ticket.issued, &ticket.kiosk] {
            if !s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
                return Err(HardwareError::Unprintable);
            }
        }
        let mut out = Vec::with_capacity(128);
        out.extend_from_slice(&[ESC, b'@']); // initialise
        out.extend_from_slice(&[ESC, b'a', 1]); // centre
        out.extend_from_slice(b"MINWON KIOSK RECEIPT\n\n");
        out.extend_from_slice(&[GS, b'!', 0x33]); // 4x width and height
        out.extend_from_slice(ticket.receipt.as_bytes());
        out.extend_from_slice(b"\n");
        out.extend_from_slice(&[GS, b'!', 0x00]);
        out.extend_from_slice(b"\n");
        out.extend_from_slice(ticket.issued.as_bytes());
        out.extend_from_slice(b"\nKiosk ");
        out.extend_from_slice(ticket.kiosk.as_bytes());
        out.extend_from_slice(b"\n\n\n");
        out.extend_from_slice(&[GS, b'V', 66, 0]); // feed and partial cut
        Ok(out)
    }
}

impl<W: Write + Send> ReceiptPrinter for EscPosPrinter<W> {
    fn print(&mut self, ticket: &Ticket) -> Result<(), HardwareError> {
        let bytes = Self::encode(ticket)?;
        self.sink.write_all(&bytes).map_err(HardwareError::Printer)?;
        self.sink.flush().map_err(HardwareError::Printer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ticket(receipt: &str) -> Ticket {
        Ticket { receipt: receipt.into(), issued: "2026-11-22 14:05 KST".into(), kiosk: "jongno-1".into() }
    }

    #[test]
    fn prints_the_number_large_and_cuts() {
        let mut p = EscPosPrinter::new(Vec::new());
        p.print(&ticket("A-0427")).expect("a buffer accepts everything");
        let bytes = p.into_inner();
        assert!(bytes.starts_with(&[ESC, b'@']), "initialises the printer");
        let big = [GS, b'!', 0x33].iter().chain(b"A-0427").copied().collect::<Vec<_>>();
        assert!(bytes.windows(big.len()).any(|w| w == big), "the number follows the size command");
        assert!(bytes.ends_with(&[GS, b'V', 66, 0]), "ends with a cut");
    }

    #[test]
    fn refuses_what_the_code_page_cannot_print() {
        assert!(matches!(EscPosPrinter::<Vec<u8>>::encode(&ticket("가-0001")), Err(HardwareError::Unprintable)));
    }

    #[test]
    fn a_broken_sink_is_an_error_with_a_code() {
        struct Broken;
        impl Write for Broken {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("paper out"))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let e = EscPosPrinter::new(Broken).print(&ticket("A-0001")).expect_err("fails");
        assert_eq!(e.code(), "printer.io");
    }
}
