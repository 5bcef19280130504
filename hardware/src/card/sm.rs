//! Secure messaging (ICAO 9303 part 11, 9.8) with 3DES session keys and an 8-byte send-sequence counter.
//!
//! Both ends live here: the terminal protects commands and opens responses,
//! the virtual card opens commands and protects responses. The counter goes
//! up once before each protected message, so one exchange takes two values.

use super::apdu::{CommandApdu, ResponseApdu, StatusWord};
use super::crypto::{pad, retail_mac, same, tdes_decrypt, tdes_encrypt, unpad};
use super::tlv;
use crate::error::CardError;

pub struct SecureMessaging {
    ks_enc: [u8; 16],
    ks_mac: [u8; 16],
    ssc: u64,
}

impl std::fmt::Debug for SecureMessaging {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecureMessaging(..)")
    }
}

impl SecureMessaging {
    pub fn new(ks_enc: [u8; 16], ks_mac: [u8; 16], ssc: u64) -> Self {
        SecureMessaging { ks_enc, ks_mac, ssc }
    }

    pub fn ssc(&self) -> u64 {
        self.ssc
    }

    fn mac(&self, parts: &[&[u8]]) -> Result<[u8; 8], CardError> {
        let mut m = self.ssc.to_be_bytes().to_vec();
        for p in parts {
            m.extend_from_slice(p);
        }
        retail_mac(&self.ks_mac, &pad(&m, 8))
    }

    /// Terminal side: wraps a plain command.
    pub fn protect(&mut self, cmd: &CommandApdu) -> Result<CommandApdu, CardError> {
        self.ssc = self.ssc.wrapping_add(1);
        let cla = cmd.cla | 0x0C;
        let header = pad(&[cla, cmd.ins, cmd.p1, cmd.p2], 8);
        let mut do87 = Vec::new();
        if !cmd.data.is_empty() {
            let mut value = vec![0x01];
            value.extend(tdes_encrypt(&self.ks_enc, &pad(&cmd.data, 8))?);
            do87 = tlv::encode(0x87, &value);
        }
        let mut do97 = Vec::new();
        if let Some(le) = cmd.le {
            do97 = match le {
                256 => tlv::encode(0x97, &[0]),
                n if n < 256 => tlv::encode(0x97, &[n as u8]),
                65_536.. => tlv::encode(0x97, &[0, 0]),
                n => tlv::encode(0x97, &(n as u16).to_be_bytes()),
            };
        }
        let cc = self.mac(&[&header, &do87, &do97])?;
        let mut data = do87;
        data.extend(do97);
        data.extend(tlv::encode(0x8E, &cc));
        let extended = cmd.le.is_some_and(|le| le > 256) || data.len() > 255;
        Ok(CommandApdu {
            cla,
            ins: cmd.ins,
            p1: cmd.p1,
            p2: cmd.p2,
            data,
            le: Some(if extended { 65_536 } else { 256 }),
        })
    }

    /// Terminal side: checks and opens a protected response.
    pub fn unprotect(&mut self, resp: &ResponseApdu) -> Result<ResponseApdu, CardError> {
        self.ssc = self.ssc.wrapping_add(1);
        if resp.data.is_empty() {
            // A secure-messaging error (6987/6988) comes back unprotected and ends the session;
            // so does a bare 9000, which must carry a MAC. Other errors (6A82 "file not found")
            // come back unprotected from some chips: the card's answer, with nothing to trust in it.
            if resp.sw.is_ok() || matches!(resp.sw, StatusWord::SM_DATA_MISSING | StatusWord::SM_DATA_INCORRECT) {
                return Err(CardError::Status(resp.sw));
            }
            return Ok(ResponseApdu { data: Vec::new(), sw: resp.sw });
        }
        let mut do87 = None;
        let mut do99 = None;
        let mut do8e = None;
        let mut covered = Vec::new();
        for t in tlv::parse_all(&resp.data)? {
            match t.tag {
                0x87 | 0x85 => {
                    do87 = Some(t.value);
                    covered.extend(tlv::encode(t.tag, t.value));
                }
                0x99 => {
                    do99 = Some(t.value);
                    covered.extend(tlv::encode(t.tag, t.value));
                }
                0x8E => do8e = Some(t.value),
                _ => return Err(CardError::Malformed("sm: unexpected data object")),
            }
        }
        let cc = do8e.ok_or(CardError::Malformed("sm: no MAC"))?;
        if !same(cc, &self.mac(&[&covered])?) {
            return Err(CardError::BadMac);
        }
        let sw = match do99 {
            Some([a, b]) => StatusWord(u16::from_be_bytes([*a, *b])),
            Some(_) => return Err(CardError::Malformed("sm: status object")),
            // Some cards (and vicc) leave DO'99' out; the plain status word then stands.
            None => resp.sw,
        };
        let data = match do87 {
            Some([0x01, rest @ ..]) => unpad(&tdes_decrypt(&self.ks_enc, rest)?)?.to_vec(),
            Some(_) => return Err(CardError::Malformed("sm: encrypted data object")),
            None => Vec::new(),
        };
        Ok(ResponseApdu { data, sw })
    }

    /// Card side: checks and opens a protected command.
    pub fn open_command(&mut self, cmd: &CommandApdu) -> Result<CommandApdu, CardError> {
        self.ssc = self.ssc.wrapping_add(1);
        if cmd.cla & 0x0C != 0x0C {
            return Err(CardError::Status(StatusWord::SM_DATA_MISSING));
        }
        let header = pad(&[cmd.cla, cmd.ins, cmd.p1, cmd.p2], 8);
        let (mut data, mut le, mut cc) = (Vec::new(), None, None);
        let mut covered = Vec::new();
        for t in tlv::parse_all(&cmd.data)? {
            match t.tag {
                0x87 | 0x85 => {
                    covered.extend(tlv::encode(t.tag, t.value));
                    data = match t.value {
                        [0x01, rest @ ..] => unpad(&tdes_decrypt(&self.ks_enc, rest)?)?.to_vec(),
                        _ => return Err(CardError::Malformed("sm: encrypted data object")),
                    };
                }
                0x97 => {
                    covered.extend(tlv::encode(t.tag, t.value));
                    le = Some(match t.value {
                        [0] => 256,
                        [n] => usize::from(*n),
                        [0, 0] => 65_536,
                        [a, b] => usize::from(u16::from_be_bytes([*a, *b])),
                        _ => return Err(CardError::Malformed("sm: Le object")),
                    });
                }
                0x8E => cc = Some(t.value.to_vec()),
                _ => return Err(CardError::Malformed("sm: unexpected data object")),
            }
        }
        let cc = cc.ok_or(CardError::Status(StatusWord::SM_DATA_MISSING))?;
        if !same(&cc, &self.mac(&[&header, &covered])?) {
            return Err(CardError::BadMac);
        }
        Ok(CommandApdu { cla: cmd.cla & !0x0C, ins: cmd.ins, p1: cmd.p1, p2: cmd.p2, data, le })
    }

    /// Card side: protects a response (with DO'99', as the standard asks).
    pub fn protect_response(&mut self, resp: &ResponseApdu) -> Result<ResponseApdu, CardError> {
        self.ssc = self.ssc.wrapping_add(1);
        let mut body = Vec::new();
        if !resp.data.is_empty() {
            let mut value = vec![0x01];
            value.extend(tdes_encrypt(&self.ks_enc, &pad(&resp.data, 8))?);
            body.extend(tlv::encode(0x87, &value));
        }
        body.extend(tlv::encode(0x99, &resp.sw.0.to_be_bytes()));
        let cc = self.mac(&[&body])?;
        body.extend(tlv::encode(0x8E, &cc));
        Ok(ResponseApdu { data: body, sw: resp.sw })
    }
}

#[cfg(test)]
mod tests {
    use super::super::crypto::hex;
    use super::*;

    fn session() -> SecureMessaging {
        // Part 11, appendix D.4: the session keys and counter after the BAC example.
        let enc = hex("979EC13B1CBFE9DCD01AB0FED307EAE5").try_into().expect("16");
        let mac = hex("F1CB1F1FB5ADF208806B89DC579DC1F8").try_into().expect("16");
        SecureMessaging::new(enc, mac, 0x887022120C06C226)
    }

    #[test]
    fn part_11_appendix_d_select_and_read() {
        let mut sm = session();
        let select = CommandApdu::new(0, 0xA4, 2, 0x0C).with_data(hex("011E"));
        let wrapped = sm.protect(&select).expect("wraps");
        assert_eq!(wrapped.to_bytes(), hex("0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800"));
        let r =
            sm.unprotect(&ResponseApdu::parse(&hex("990290008E08FA855A5D4C50A8ED9000")).expect("r")).expect("opens");
        assert!(r.sw.is_ok());
        let read = CommandApdu::new(0, 0xB0, 0, 0).with_le(4);
        assert_eq!(sm.protect(&read).expect("wraps").to_bytes(), hex("0CB000000D9701048E08ED6705417E96BA5500"));
        let r = sm
            .unprotect(&ResponseApdu::parse(&hex("8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000")).expect("r"))
            .expect("opens");
        assert_eq!(r.data, hex("60145F01"));
        let _ = sm.protect(&CommandApdu::new(0, 0xB0, 0, 4).with_le(0x12)).expect("wraps");
        let r = sm
            .unprotect(
                &ResponseApdu::parse(&hex(
                    "871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000",
                ))
                .expect("r"),
            )
            .expect("opens");
        assert_eq!(r.data, hex("04303130365F36063034303030305C026175"));
    }

    #[test]
    fn card_and_terminal_agree() {
        let (mut terminal, mut card) = (session(), session());
        for (cmd, answer) in [
            (CommandApdu::new(0, 0xA4, 2, 0x0C).with_data(hex("0101")), ResponseApdu::new(vec![], StatusWord::OK)),
            (CommandApdu::new(0, 0xB0, 0, 0).with_le(300), ResponseApdu::new(vec![7; 300], StatusWord::OK)),
            (CommandApdu::new(0, 0xB0, 1, 0).with_le(8), ResponseApdu::new(vec![], StatusWord::END_OF_FILE_WARNING)),
        ] {
            let opened = card.open_command(&terminal.protect(&cmd).expect("wraps")).expect("card opens");
            assert_eq!((opened.ins, opened.data.clone(), opened.le), (cmd.ins, cmd.data.clone(), cmd.le));
            let back = terminal.unprotect(&card.protect_response(&answer).expect("protects")).expect("opens");
            assert_eq!(back, answer);
        }
    }

    #[test]
    fn corrupted_responses_are_clean_errors() {
        let good = hex("8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000");
        let prepare = || {
            let mut sm = session();
            sm.ssc = 0x887022120C06C229; // after the SELECT exchange and the READ BINARY command
            sm
        };
        let flip = |i: usize| {
            let mut b = good.clone();
            b[i] ^= 0x01;
            b
        };
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (flip(5), "bad MAC (data changed)"),
            (flip(good.len() - 4), "bad MAC (MAC changed)"),
            (good[..10].to_vec(), "truncated TLV"),
            (hex("8709019FF0EC34F9922651990290009000"), "no MAC"),
            (hex("87FF019FF0EC9000"), "oversized length"),
            (hex("6988"), "plain error status"),
        ];
        for (bytes, what) in cases {
            let r = ResponseApdu::parse(&bytes).expect("has a status word");
            assert!(prepare().unprotect(&r).is_err(), "{what}");
        }
        // The right bytes with the wrong counter fail too (the counter is part of the MAC).
        let mut wrong = session();
        assert!(matches!(wrong.unprotect(&ResponseApdu::parse(&good).expect("r")), Err(CardError::BadMac)));
        assert!(prepare().unprotect(&ResponseApdu::parse(&good).expect("r")).is_ok(), "control: right counter");
    }
}
