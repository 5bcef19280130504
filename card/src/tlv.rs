//! BER-TLV as ICAO 9303 uses it: tags of up to three bytes, definite lengths of up to four.
//!
//! Strict on purpose: an indefinite length, a length past the end of the
//! input, or a tag that never ends is an error, never a panic or a guess.

use crate::error::CardError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tlv<'a> {
    pub tag: u32,
    pub value: &'a [u8],
}

impl Tlv<'_> {
    /// Bit 6 of the first tag byte: the value is itself TLV-encoded.
    pub fn is_constructed(&self) -> bool {
        let first = if self.tag > 0xFFFF {
            self.tag >> 16
        } else if self.tag > 0xFF {
            self.tag >> 8
        } else {
            self.tag
        };
        first & 0x20 != 0
    }
}

fn malformed(what: &'static str) -> CardError {
    CardError::Malformed(what)
}

/// Parses one TLV from the front of `input`; returns it and the rest.
pub fn parse_one(input: &[u8]) -> Result<(Tlv<'_>, &[u8]), CardError> {
    let mut i = 0;
    let first = *input.first().ok_or(malformed("tlv: empty"))?;
    let mut tag = u32::from(first);
    i += 1;
    if first & 0x1F == 0x1F {
        loop {
            let b = *input.get(i).ok_or(malformed("tlv: tag runs past the end"))?;
            tag = (tag << 8) | u32::from(b);
            i += 1;
            if b & 0x80 == 0 {
                break;
            }
            if i >= 3 {
                return Err(malformed("tlv: tag longer than three bytes"));
            }
        }
    }
    let l0 = *input.get(i).ok_or(malformed("tlv: no length"))?;
    i += 1;
    let len = match l0 {
        0..=0x7F => usize::from(l0),
        0x81..=0x84 => {
            let n = usize::from(l0 & 0x7F);
            let bytes = input.get(i..i + n).ok_or(malformed("tlv: length runs past the end"))?;
            i += n;
            bytes.iter().fold(0usize, |acc, b| (acc << 8) | usize::from(*b))
        }
        _ => return Err(malformed("tlv: indefinite or oversized length")),
    };
    let end = i.checked_add(len).ok_or(malformed("tlv: length overflows"))?;
    let value = input.get(i..end).ok_or(malformed("tlv: value runs past the end"))?;
    Ok((Tlv { tag, value }, &input[end..]))
}

/// Parses a sequence of TLVs that fills `input` exactly.
pub fn parse_all(mut input: &[u8]) -> Result<Vec<Tlv<'_>>, CardError> {
    let mut out = Vec::new();
    while !input.is_empty() {
        let (tlv, rest) = parse_one(input)?;
        out.push(tlv);
        input = rest;
    }
    Ok(out)
}

/// The value of the first TLV with `tag` among those that fill `input`.
pub fn find(input: &[u8], tag: u32) -> Result<Option<&[u8]>, CardError> {
    Ok(parse_all(input)?.into_iter().find(|t| t.tag == tag).map(|t| t.value))
}

/// How many bytes the header (tag and length) at the front of `input` takes, and the value's length:
/// what a reader needs to know how much of a file to read after its first bytes.
pub fn header_len(input: &[u8]) -> Result<(usize, usize), CardError> {
    let mut i = 1;
    if input.first().ok_or(malformed("tlv: empty"))? & 0x1F == 0x1F {
        while input.get(i).ok_or(malformed("tlv: tag runs past the end"))? & 0x80 != 0 {
            i += 1;
            if i >= 3 {
                return Err(malformed("tlv: tag longer than three bytes"));
            }
        }
        i += 1;
    }
    let l0 = *input.get(i).ok_or(malformed("tlv: no length"))?;
    i += 1;
    match l0 {
        0..=0x7F => Ok((i, usize::from(l0))),
        0x81..=0x84 => {
            let n = usize::from(l0 & 0x7F);
            let bytes = input.get(i..i + n).ok_or(malformed("tlv: length runs past the end"))?;
            Ok((i + n, bytes.iter().fold(0usize, |acc, b| (acc << 8) | usize::from(*b))))
        }
        _ => Err(malformed("tlv: indefinite or oversized length")),
    }
}

/// Encodes one TLV with the shortest definite length.
pub fn encode(tag: u32, value: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(value.len() + 6);
    for shift in [16, 8, 0] {
        let b = (tag >> shift) as u8;
        if b != 0 || shift == 0 || !out.is_empty() {
            out.push(b);
        }
    }
    let len = value.len();
    match len {
        0..=0x7F => out.push(len as u8),
        0x80..=0xFF => out.extend_from_slice(&[0x81, len as u8]),
        0x100..=0xFFFF => {
            out.push(0x82);
            out.extend_from_slice(&(len as u16).to_be_bytes());
        }
        _ => {
            out.push(0x83);
            out.extend_from_slice(&(len as u32).to_be_bytes()[1..]);
        }
    }
    out.extend_from_slice(value);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_short_long_and_multibyte_tags() {
        for (tag, len) in [(0x61, 0), (0x5F1F, 5), (0x7F61, 200), (0x5F2E, 70_000), (0x87, 128)] {
            let value = vec![0xA5; len];
            let enc = encode(tag, &value);
            let (tlv, rest) = parse_one(&enc).expect("parses");
            assert_eq!((tlv.tag, tlv.value.len(), rest.len()), (tag, len, 0));
            assert_eq!(header_len(&enc).expect("header"), (enc.len() - len, len));
        }
        assert!(Tlv { tag: 0x61, value: &[] }.is_constructed());
        assert!(!Tlv { tag: 0x5F1F, value: &[] }.is_constructed());
        assert!(Tlv { tag: 0x7F61, value: &[] }.is_constructed());
    }

    #[test]
    fn malformed_input_is_an_error() {
        let cases: [&[u8]; 7] = [
            &[],
            &[0x5F],
            &[0x5F, 0x9F, 0x9F, 0x01, 0x00],
            &[0x61, 0x80],
            &[0x61, 0x85, 0, 0, 0, 0, 1],
            &[0x61, 0x82, 0x01],
            &[0x61, 0x05, 1, 2],
        ];
        for bad in cases {
            assert!(parse_one(bad).is_err(), "{bad:02X?}");
        }
        assert!(parse_all(&[0x01, 0x01, 0xAA, 0x02]).is_err(), "trailing garbage");
        assert_eq!(find(&[0x01, 0x01, 0xAA, 0x02, 0x00], 0x02).expect("ok"), Some(&[][..]));
    }
}
