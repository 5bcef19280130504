//! Secure messaging (ICAO 9303 part 11, 9.8): 3DES after BAC (or 3DES PACE), AES after PACE.
//!
//! Both ends live here: the terminal protects commands and opens responses,
//! the virtual card opens commands and protects responses. The send-sequence
//! counter goes up once before each protected message, so one exchange takes
//! two values. With 3DES it is 8 bytes and the MAC is the retail MAC; with AES
//! it is 16 bytes, the MAC is CMAC and each message's IV is the counter
//! encrypted under the session's encryption key.

use super::apdu::{CommandApdu, ResponseApdu, StatusWord};
use super::crypto::{
    aes_block, aes_cbc_decrypt, aes_cbc_encrypt, aes_cmac, pad, retail_mac, same, tdes_decrypt, tdes_encrypt, unpad,
};
use super::tlv;
use crate::error::CardError;

#[derive(Clone)]
enum SessionKeys {
    Tdes { enc: [u8; 16], mac: [u8; 16] },
    Aes { enc: Vec<u8>, mac: Vec<u8> },
}

pub struct SecureMessaging {
    keys: SessionKeys,
    ssc: u128,
}

impl std::fmt::Debug for SecureMessaging {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecureMessaging(..)")
    }
}

impl SecureMessaging {
    /// 3DES session keys (BAC, or PACE with 3DES) and the starting counter.
    pub fn new(ks_enc: [u8; 16], ks_mac: [u8; 16], ssc: u64) -> Self {
        SecureMessaging { keys: SessionKeys::Tdes { enc: ks_enc, mac: ks_mac }, ssc: u128::from(ssc) }
    }

    /// AES session keys of 16, 24 or 32 bytes from PACE; the counter starts at zero.
    pub fn aes(ks_enc: Vec<u8>, ks_mac: Vec<u8>) -> Self {
        SecureMessaging { keys: SessionKeys::Aes { enc: ks_enc, mac: ks_mac }, ssc: 0 }
    }

    pub fn ssc(&self) -> u128 {
        self.ssc
    }

    fn block(&self) -> usize {
        match self.keys {
            SessionKeys::Tdes { .. } => 8,
            SessionKeys::Aes { .. } => 16,
        }
    }

    fn counter(&self) -> Vec<u8> {
        match self.keys {
            SessionKeys::Tdes { .. } => (self.ssc as u64).to_be_bytes().to_vec(),
            SessionKeys::Aes { .. } => self.ssc.to_be_bytes().to_vec(),
        }
    }

    fn mac(&self, parts: &[&[u8]]) -> Result<[u8; 8], CardError> {
        let mut m = self.counter();
        for p in parts {
            m.extend_from_slice(p);
        }
        match &self.keys {
            SessionKeys::Tdes { mac, .. } => retail_mac(mac, &pad(&m, 8)),
            SessionKeys::Aes { mac, .. } => aes_cmac(mac, &pad(&m, 16)),
        }
    }

    /// Encrypts padded data under the session key (for AES, with the counter-derived IV).
    fn encrypt(&self, data: &[u8]) -> Result<Vec<u8>, CardError> {
        let padded = pad(data, self.block());
        match &self.keys {
            SessionKeys::Tdes { enc, .. } => tdes_encrypt(enc, &padded),
            SessionKeys::Aes { enc, .. } => aes_cbc_encrypt(enc, &self.iv(enc)?, &padded),
        }
    }

    fn decrypt(&self, data: &[u8]) -> Result<Vec<u8>, CardError> {
        let plain = match &self.keys {
            SessionKeys::Tdes { enc, .. } => tdes_decrypt(enc, data)?,
            SessionKeys::Aes { enc, .. } => aes_cbc_decrypt(enc, &self.iv(enc)?, data)?,
        };
        Ok(unpad(&plain)?.to_vec())
    }

    fn iv(&self, enc: &[u8]) -> Result<[u8; 16], CardError> {
        aes_block(enc, &self.ssc.to_be_bytes())
    }

    /// Terminal side: wraps a plain command.
    pub fn protect(&mut self, cmd: &CommandApdu) -> Result<CommandApdu, CardError> {
        self.ssc = self.ssc.wrapping_add(1);
        let cla = cmd.cla | 0x0C;
        let header = pad(&[cla, cmd.ins, cmd.p1, cmd.p2], self.block());
        let mut do87 = Vec::new();
        if !cmd.data.is_empty() {
            // An odd INS (READ BINARY B1) carries BER-TLV data: DO'85', without the padding indicator.
            do87 = if cmd.ins & 1 == 1 {
                tlv::encode(0x85, &self.encrypt(&cmd.data)?)
            } else {
                tlv::encode(0x87, &[&[0x01][..], &self.encrypt(&cmd.data)?].concat())
            };
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
            // No MAC was made for it, so neither side counts it (ICAO 9303-11: the counter goes
            // up for each MAC computed): the next command uses the counter this one would have.
            self.ssc = self.ssc.wrapping_sub(1);
            return Ok(ResponseApdu { data: Vec::new(), sw: resp.sw });
        }
        let mut do87 = None;
        let mut do99 = None;
        let mut do8e = None;
        let mut covered = Vec::new();
        for t in tlv::parse_all(&resp.data)? {
            match t.tag {
                0x87 | 0x85 => {
                    do87 = Some((t.tag, t.value));
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
            Some((0x85, value)) => self.decrypt(value)?,
            Some((_, [0x01, rest @ ..])) => self.decrypt(rest)?,
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
        let header = pad(&[cmd.cla, cmd.ins, cmd.p1, cmd.p2], self.block());
        let (mut data, mut le, mut cc) = (Vec::new(), None, None);
        let mut covered = Vec::new();
        for t in tlv::parse_all(&cmd.data)? {
            match t.tag {
                0x87 | 0x85 => {
                    covered.extend(tlv::encode(t.tag, t.value));
                    data = match (t.tag, t.value) {
                        (0x85, value) => self.decrypt(value)?,
                        (_, [0x01, rest @ ..]) => self.decrypt(rest)?,
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
            value.extend(self.encrypt(&resp.data)?);
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
    fn aes_sessions_of_every_key_length_agree_and_differ_from_each_other() {
        let mut wires = Vec::new();
        for len in [16, 24, 32] {
            let keys = || SecureMessaging::aes(vec![0x42; len], vec![0x24; len]);
            let (mut terminal, mut card) = (keys(), keys());
            let cmd = CommandApdu::new(0, 0xA4, 4, 0x0C).with_data(hex("A0000002471001"));
            let wire = terminal.protect(&cmd).expect("wraps");
            // Header padded to 16 bytes, the data to one AES block: DO'87' carries 1 + 16 bytes.
            assert_eq!(&wire.data[..3], &[0x87, 0x11, 0x01]);
            let opened = card.open_command(&wire).expect("card opens");
            assert_eq!(opened.data, cmd.data);
            let answer = ResponseApdu::new(vec![9; 40], StatusWord::OK);
            let back = terminal.unprotect(&card.protect_response(&answer).expect("protects")).expect("opens");
            assert_eq!(back, answer);
            assert_eq!((terminal.ssc(), card.ssc()), (2, 2));
            wires.push(wire.data);
        }
        assert!(wires[0] != wires[1] && wires[1] != wires[2]);
        // A 3DES peer cannot open an AES message.
        let mut tdes = SecureMessaging::new([0x42; 16], [0x24; 16], 0);
        let mut aes = SecureMessaging::aes(vec![0x42; 16], vec![0x24; 16]);
        let wire = aes.protect(&CommandApdu::new(0, 0xB0, 0, 0).with_le(4)).expect("wraps");
        assert!(matches!(tdes.open_command(&wire), Err(CardError::BadMac)));
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
