//! A virtual ESC/POS printer for tests and the demo: it answers status requests as a real one
//! does and decodes what it was sent back into pictures, one per cut.
//!
//! The decoder knows the commands our printer sends (and the few a ticket may carry); anything
//! else is an error, so a test notices a command the real printer would print as garbage.

use super::{PrinterLink, Raster, ASK_OFFLINE, ASK_PAPER};

/// What the printer would say about itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrinterState {
    Ready,
    PaperOut,
    CoverOpen,
}

impl PrinterState {
    /// Its answer to a `DLE EOT n` request (bits 1 and 4 are always set).
    pub fn answer(self, request: &[u8]) -> Option<u8> {
        match (request, self) {
            (r, PrinterState::CoverOpen) if r == ASK_OFFLINE => Some(0x12 | 0x04),
            (r, PrinterState::PaperOut) if r == ASK_OFFLINE => Some(0x12 | 0x20),
            (r, _) if r == ASK_OFFLINE => Some(0x12),
            (r, PrinterState::PaperOut) if r == ASK_PAPER => Some(0x12 | 0x60),
            (r, _) if r == ASK_PAPER => Some(0x12),
            _ => None,
        }
    }
}

/// An in-memory printer: a link that keeps every byte and answers status requests.
#[derive(Debug, Clone)]
pub struct VirtualPrinter {
    state: PrinterState,
    bytes: Vec<u8>,
}

impl VirtualPrinter {
    pub fn new(state: PrinterState) -> VirtualPrinter {
        VirtualPrinter { state, bytes: Vec::new() }
    }

    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Every ticket printed so far, as pictures.
    pub fn tickets(&self) -> Result<Vec<Raster>, String> {
        decode(&self.bytes)
    }
}

impl PrinterLink for VirtualPrinter {
    fn send(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        if self.state != PrinterState::Ready {
            // A real printer takes the bytes and prints nothing.
            return Ok(());
        }
        self.bytes.extend_from_slice(bytes);
        Ok(())
    }
    fn ask(&mut self, request: &[u8]) -> std::io::Result<Option<u8>> {
        self.bytes.extend_from_slice(request);
        Ok(self.state.answer(request))
    }
}

/// The pictures in an ESC/POS byte stream, one per cut (`GS V`).
pub fn decode(bytes: &[u8]) -> Result<Vec<Raster>, String> {
    let mut tickets = Vec::new();
    let mut current: Option<Raster> = None;
    let mut i = 0;
    let need = |i: usize, n: usize| -> Result<(), String> {
        if i + n > bytes.len() {
            return Err(format!("a command cut short at byte {i}"));
        }
        Ok(())
    };
    while i < bytes.len() {
        match bytes[i] {
            0x1b => {
                need(i, 2)?;
                match bytes[i + 1] {
                    b'@' => i += 2,
                    b'a' | b'd' => {
                        need(i, 3)?;
                        i += 3;
                    }
                    other => return Err(format!("ESC {other:#04x} at byte {i} is not a command we send")),
                }
            }
            0x1d => {
                need(i, 2)?;
                match bytes[i + 1] {
                    b'v' => {
                        need(i, 8)?;
                        if bytes[i + 2] != b'0' || bytes[i + 3] != 0 {
                            return Err(format!("GS v at byte {i}: not `GS v 0` in normal mode"));
                        }
                        let row_bytes = usize::from(u16::from_le_bytes([bytes[i + 4], bytes[i + 5]]));
                        let rows = usize::from(u16::from_le_bytes([bytes[i + 6], bytes[i + 7]]));
                        let start = i + 8;
                        need(start, row_bytes * rows)?;
                        let picture = current.get_or_insert_with(|| Raster::new(row_bytes * 8, 0));
                        if picture.width != row_bytes * 8 {
                            return Err(format!("GS v at byte {i}: the width changed inside a ticket"));
                        }
                        for y in 0..rows {
                            for bx in 0..row_bytes {
                                let b = bytes[start + y * row_bytes + bx];
                                for bit in 0..8 {
                                    picture.dots.push(b & (0x80 >> bit) != 0);
                                }
                            }
                        }
                        picture.height += rows;
                        i = start + row_bytes * rows;
                    }
                    b'V' => {
                        need(i, 4)?;
                        tickets.push(current.take().unwrap_or_else(|| Raster::new(0, 0)));
                        i += 4;
                    }
                    other => return Err(format!("GS {other:#04x} at byte {i} is not a command we send")),
                }
            }
            0x10 => {
                need(i, 3)?;
                if bytes[i + 1] != 0x04 {
                    return Err(format!("DLE {:#04x} at byte {i} is not a status request", bytes[i + 1]));
                }
                i += 3;
            }
            other => return Err(format!("byte {other:#04x} at {i}: text, which a picture ticket never sends")),
        }
    }
    if current.is_some() {
        return Err("a ticket was never cut".into());
    }
    Ok(tickets)
}

impl Raster {
    /// As a PNG-ready grey image (black dots on white), to look at.
    pub fn to_luma(&self) -> Vec<u8> {
        self.dots.iter().map(|d| if *d { 0 } else { 255 }).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_that_is_not_ours_is_refused_with_where() {
        assert!(decode(b"hello").expect_err("text").contains("text"));
        assert!(decode(&[0x1d, b'v', b'0', 0, 1, 0, 2, 0, 0xff]).expect_err("short").contains("cut short"));
        assert!(decode(&[0x1d, b'v', b'0', 0, 1, 0, 1, 0, 0xff]).expect_err("no cut").contains("never cut"));
        let one = decode(&[0x1b, b'@', 0x1d, b'v', b'0', 0, 1, 0, 1, 0, 0x81, 0x1d, b'V', 66, 0]).expect("ours");
        assert_eq!(one.len(), 1);
        assert_eq!((one[0].width, one[0].height, one[0].ink()), (8, 1, 2));
        assert!(one[0].get(0, 0) && one[0].get(7, 0) && !one[0].get(1, 0));
    }
}
