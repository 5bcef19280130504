//! Command and response APDUs (ISO/IEC 7816-4), short and extended length.

use std::fmt;

/// A command to the card. `le`: `None` expects no data; `Some(0)` means "as much as you have" (256 or 65536).
#[derive(Clone, PartialEq, Eq)]
pub struct CommandApdu {
    pub cla: u8,
    pub ins: u8,
    pub p1: u8,
    pub p2: u8,
    pub data: Vec<u8>,
    pub le: Option<usize>,
}

impl fmt::Debug for CommandApdu {
    /// The header and lengths only: command data may hold key material.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "CommandApdu({:02X} {:02X} {:02X} {:02X}, {} data bytes, le {:?})",
            self.cla,
            self.ins,
            self.p1,
            self.p2,
            self.data.len(),
            self.le
        )
    }
}

impl CommandApdu {
    pub fn new(cla: u8, ins: u8, p1: u8, p2: u8) -> Self {
        CommandApdu { cla, ins, p1, p2, data: Vec::new(), le: None }
    }

    pub fn with_data(mut self, data: impl Into<Vec<u8>>) -> Self {
        self.data = data.into();
        self
    }

    pub fn with_le(mut self, le: usize) -> Self {
        self.le = Some(le);
        self
    }

    /// Whether the encoding needs extended length fields.
    pub fn is_extended(&self) -> bool {
        self.data.len() > 255 || self.le.is_some_and(|le| le > 256)
    }

    /// The bytes sent to the card.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = vec![self.cla, self.ins, self.p1, self.p2];
        let extended = self.is_extended();
        if !self.data.is_empty() {
            if extended {
                out.push(0);
                out.extend_from_slice(&(self.data.len() as u16).to_be_bytes());
            } else {
                out.push(self.data.len() as u8);
            }
            out.extend_from_slice(&self.data);
        }
        if let Some(le) = self.le {
            if extended {
                if self.data.is_empty() {
                    out.push(0);
                }
                let le = if le >= 65_536 { 0 } else { le as u16 };
                out.extend_from_slice(&le.to_be_bytes());
            } else {
                out.push(if le >= 256 { 0 } else { le as u8 });
            }
        }
        out
    }

    /// Parses a command as a card receives it (for the virtual card).
    pub fn parse(bytes: &[u8]) -> Option<CommandApdu> {
        let [cla, ins, p1, p2] = *bytes.first_chunk::<4>()?;
        let body = &bytes[4..];
        let mut apdu = CommandApdu::new(cla, ins, p1, p2);
        match body {
            [] => {}
            [le] => apdu.le = Some(if *le == 0 { 256 } else { usize::from(*le) }),
            [0, hi, lo] => apdu.le = Some(extended_le(*hi, *lo)),
            [0, hi, lo, rest @ ..] => {
                let lc = usize::from(u16::from_be_bytes([*hi, *lo]));
                if lc == 0 || rest.len() < lc {
                    return None;
                }
                apdu.data = rest[..lc].to_vec();
                match &rest[lc..] {
                    [] => {}
                    [hi, lo] => apdu.le = Some(extended_le(*hi, *lo)),
                    _ => return None,
                }
            }
            [lc, rest @ ..] => {
                let lc = usize::from(*lc);
                if rest.len() < lc {
                    return None;
                }
                apdu.data = rest[..lc].to_vec();
                match &rest[lc..] {
                    [] => {}
                    [le] => apdu.le = Some(if *le == 0 { 256 } else { usize::from(*le) }),
                    _ => return None,
                }
            }
        }
        Some(apdu)
    }
}

fn extended_le(hi: u8, lo: u8) -> usize {
    match u16::from_be_bytes([hi, lo]) {
        0 => 65_536,
        n => usize::from(n),
    }
}

/// A status word, with the ones the reader acts on named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusWord(pub u16);

impl StatusWord {
    pub const OK: StatusWord = StatusWord(0x9000);
    pub const END_OF_FILE_WARNING: StatusWord = StatusWord(0x6282);
    pub const WRONG_LENGTH: StatusWord = StatusWord(0x6700);
    pub const SECURITY_NOT_SATISFIED: StatusWord = StatusWord(0x6982);
    pub const FILE_NOT_FOUND: StatusWord = StatusWord(0x6A82);
    pub const WRONG_P1P2: StatusWord = StatusWord(0x6B00);
    pub const INS_NOT_SUPPORTED: StatusWord = StatusWord(0x6D00);
    pub const CLA_NOT_SUPPORTED: StatusWord = StatusWord(0x6E00);
    pub const SM_DATA_MISSING: StatusWord = StatusWord(0x6987);
    pub const SM_DATA_INCORRECT: StatusWord = StatusWord(0x6988);
    pub const AUTH_FAILED: StatusWord = StatusWord(0x6300);
    pub const CONDITIONS_NOT_SATISFIED: StatusWord = StatusWord(0x6985);
    pub const WRONG_DATA: StatusWord = StatusWord(0x6A80);
    pub const REFERENCED_DATA_NOT_FOUND: StatusWord = StatusWord(0x6A88);

    pub fn is_ok(self) -> bool {
        self.0 == 0x9000
    }
    /// `61xx`: `xx` more bytes wait for GET RESPONSE.
    pub fn more_available(self) -> Option<usize> {
        (self.0 >> 8 == 0x61).then_some(match self.0 & 0xff {
            0 => 256,
            n => n as usize,
        })
    }
    /// `6Cxx`: wrong Le; send again with Le = `xx`.
    pub fn exact_length(self) -> Option<usize> {
        (self.0 >> 8 == 0x6C).then_some(match self.0 & 0xff {
            0 => 256,
            n => n as usize,
        })
    }
}

impl fmt::Display for StatusWord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04X}", self.0)
    }
}

#[derive(Clone, PartialEq, Eq)]
pub struct ResponseApdu {
    pub data: Vec<u8>,
    pub sw: StatusWord,
}

impl fmt::Debug for ResponseApdu {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ResponseApdu({} data bytes, {})", self.data.len(), self.sw)
    }
}

impl ResponseApdu {
    /// Splits the status word off a card's answer; `None` when shorter than two bytes.
    pub fn parse(bytes: &[u8]) -> Option<ResponseApdu> {
        let split = bytes.len().checked_sub(2)?;
        let sw = StatusWord(u16::from_be_bytes([bytes[split], bytes[split + 1]]));
        Some(ResponseApdu { data: bytes[..split].to_vec(), sw })
    }

    pub fn new(data: impl Into<Vec<u8>>, sw: StatusWord) -> Self {
        ResponseApdu { data: data.into(), sw }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = self.data.clone();
        out.extend_from_slice(&self.sw.0.to_be_bytes());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex")).collect()
    }

    #[test]
    fn encodes_the_four_cases_short_and_extended() {
        let cases = [
            (CommandApdu::new(0, 0x84, 0, 0).with_le(8), "0084000008"),
            (CommandApdu::new(0, 0xA4, 2, 0x0C).with_data(hex("011E")), "00A4020C02011E"),
            (CommandApdu::new(0, 0xB0, 0, 0).with_le(256), "00B0000000"),
            (CommandApdu::new(0, 0xB0, 0, 0).with_le(1000), "00B000000003E8"),
            (CommandApdu::new(0, 0xB0, 0, 0).with_le(65_536), "00B00000000000"),
            (CommandApdu::new(0x0C, 0xB0, 0, 0).with_data(vec![0xAA; 300]).with_le(0), ""),
        ];
        for (apdu, want) in cases {
            let bytes = apdu.to_bytes();
            if !want.is_empty() {
                assert_eq!(bytes, hex(want), "{apdu:?}");
            }
            let back = CommandApdu::parse(&bytes).expect("round trip");
            assert_eq!(back.data, apdu.data);
            assert_eq!(back.le.map(|l| l.min(65_536)), apdu.le.map(|l| if l == 0 { 65_536 } else { l }));
        }
    }

    #[test]
    fn malformed_commands_and_responses_are_refused() {
        for bad in ["", "00", "00A4020C05011E", "00A4020C0201", "00A4020C02011E0000", "00B00000000005AA"] {
            assert_eq!(CommandApdu::parse(&hex(bad)), None, "{bad}");
        }
        assert_eq!(ResponseApdu::parse(&[0x90]), None);
        let r = ResponseApdu::parse(&hex("01029000")).expect("ok");
        assert!(r.sw.is_ok());
        assert_eq!(r.data, [1, 2]);
        assert_eq!(StatusWord(0x6110).more_available(), Some(16));
        assert_eq!(StatusWord(0x6C00).exact_length(), Some(256));
        assert_eq!(StatusWord(0x9000).more_available(), None);
    }
}
