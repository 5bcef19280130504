//! Basic Access Control (ICAO 9303 part 11, 4.3): both sides of the handshake, without IO.
//!
//! Randomness is passed in, so the worked example of appendix D replays
//! byte for byte and the terminal side stays deterministic in tests.

use super::apdu::CommandApdu;
use super::crypto::{kdf_3des, pad, retail_mac, same, sha1, tdes_decrypt, tdes_encrypt};
use super::mrz::MrzKey;
use super::sm::SecureMessaging;
use crate::error::CardError;

/// `Kenc` and `Kmac` from the MRZ information.
pub fn document_keys(key: &MrzKey) -> ([u8; 16], [u8; 16]) {
    let seed = &sha1(key.mrz_information().as_bytes())[..16];
    (kdf_3des(seed, 1), kdf_3des(seed, 2))
}

fn session(k_ifd: &[u8], k_ic: &[u8], rnd_ic: &[u8], rnd_ifd: &[u8]) -> SecureMessaging {
    let seed: Vec<u8> = k_ifd.iter().zip(k_ic).map(|(a, b)| a ^ b).collect();
    let mut ssc = [0u8; 8];
    ssc[..4].copy_from_slice(&rnd_ic[4..8]);
    ssc[4..].copy_from_slice(&rnd_ifd[4..8]);
    SecureMessaging::new(kdf_3des(&seed, 1), kdf_3des(&seed, 2), u64::from_be_bytes(ssc))
}

/// The terminal's side.
pub struct BacTerminal {
    k_enc: [u8; 16],
    k_mac: [u8; 16],
    rnd_ifd: [u8; 8],
    k_ifd: [u8; 16],
}

impl BacTerminal {
    pub fn new(key: &MrzKey, rnd_ifd: [u8; 8], k_ifd: [u8; 16]) -> Self {
        let (k_enc, k_mac) = document_keys(key);
        BacTerminal { k_enc, k_mac, rnd_ifd, k_ifd }
    }

    pub fn get_challenge() -> CommandApdu {
        CommandApdu::new(0x00, 0x84, 0x00, 0x00).with_le(8)
    }

    pub fn mutual_authenticate(&self, rnd_ic: &[u8]) -> Result<CommandApdu, CardError> {
        if rnd_ic.len() != 8 {
            return Err(CardError::Malformed("bac: challenge is not 8 bytes"));
        }
        let mut s = self.rnd_ifd.to_vec();
        s.extend_from_slice(rnd_ic);
        s.extend_from_slice(&self.k_ifd);
        let e_ifd = tdes_encrypt(&self.k_enc, &s)?;
        let m_ifd = retail_mac(&self.k_mac, &pad(&e_ifd, 8))?;
        let mut data = e_ifd;
        data.extend_from_slice(&m_ifd);
        Ok(CommandApdu::new(0x00, 0x82, 0x00, 0x00).with_data(data).with_le(40))
    }

    /// Checks the card's answer and opens the secure channel.
    pub fn finish(&self, rnd_ic: &[u8], answer: &[u8]) -> Result<SecureMessaging, CardError> {
        if answer.len() != 40 {
            return Err(CardError::Malformed("bac: answer is not 40 bytes"));
        }
        let (e_ic, m_ic) = answer.split_at(32);
        if !same(m_ic, &retail_mac(&self.k_mac, &pad(e_ic, 8))?) {
            return Err(CardError::BadMac);
        }
        let r = tdes_decrypt(&self.k_enc, e_ic)?;
        if r[..8] != *rnd_ic || r[8..16] != self.rnd_ifd {
            return Err(CardError::AccessDenied);
        }
        Ok(session(&self.k_ifd, &r[16..32], rnd_ic, &self.rnd_ifd))
    }
}

/// The card's side, for the virtual document.
pub struct BacCard {
    k_enc: [u8; 16],
    k_mac: [u8; 16],
}

impl BacCard {
    pub fn new(key: &MrzKey) -> Self {
        let (k_enc, k_mac) = document_keys(key);
        BacCard { k_enc, k_mac }
    }

    /// Answers MUTUAL AUTHENTICATE for the challenge `rnd_ic` it gave, with its own key half `k_ic`.
    pub fn answer(
        &self,
        rnd_ic: &[u8; 8],
        k_ic: &[u8; 16],
        data: &[u8],
    ) -> Result<(Vec<u8>, SecureMessaging), CardError> {
        if data.len() != 40 {
            return Err(CardError::Malformed("bac: command is not 40 bytes"));
        }
        let (e_ifd, m_ifd) = data.split_at(32);
        if !same(m_ifd, &retail_mac(&self.k_mac, &pad(e_ifd, 8))?) {
            return Err(CardError::AccessDenied);
        }
        let s = tdes_decrypt(&self.k_enc, e_ifd)?;
        let (rnd_ifd, rest) = s.split_at(8);
        let (echo, k_ifd) = rest.split_at(8);
        if echo != rnd_ic {
            return Err(CardError::AccessDenied);
        }
        let mut r = echo.to_vec();
        r.extend_from_slice(rnd_ifd);
        r.extend_from_slice(k_ic);
        let e_ic = tdes_encrypt(&self.k_enc, &r)?;
        let m_ic = retail_mac(&self.k_mac, &pad(&e_ic, 8))?;
        let mut out = e_ic;
        out.extend_from_slice(&m_ic);
        Ok((out, session(k_ifd, k_ic, rnd_ic, rnd_ifd)))
    }
}

#[cfg(test)]
mod tests {
    use super::super::crypto::hex;
    use super::*;

    fn arr<const N: usize>(s: &str) -> [u8; N] {
        hex(s).try_into().expect("length")
    }

    #[test]
    fn part_11_appendix_d_handshake() {
        let key = MrzKey::new("L898902C", "690806", "940623").expect("valid");
        let t = BacTerminal::new(&key, arr("781723860C06C226"), arr("0B795240CB7049B01C19B33E32804F0B"));
        assert_eq!(BacTerminal::get_challenge().to_bytes(), hex("0084000008"));
        let rnd_ic = hex("4608F91988702212");
        let cmd = t.mutual_authenticate(&rnd_ic).expect("builds");
        assert_eq!(
            cmd.to_bytes(),
            hex("0082000028 72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2 5F1448EEA8AD90A7 28")
        );
        let answer = hex("46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7449");
        let sm = t.finish(&rnd_ic, &answer).expect("the card is genuine");
        assert_eq!(sm.ssc(), 0x887022120C06C226);

        // The card's side produces the same answer from the same randomness.
        let card = BacCard::new(&key);
        let (ours, card_sm) =
            card.answer(&arr("4608F91988702212"), &arr("0B4F80323EB3191CB04970CB4052790B"), &cmd.data).expect("ok");
        assert_eq!(ours, answer);
        assert_eq!(card_sm.ssc(), sm.ssc());
    }

    #[test]
    fn a_wrong_mrz_is_access_denied_on_both_sides() {
        let right = MrzKey::new("L898902C", "690806", "940623").expect("valid");
        let wrong = MrzKey::new("L898902C", "690807", "940623").expect("valid");
        let t = BacTerminal::new(&wrong, [1; 8], [2; 16]);
        let cmd = t.mutual_authenticate(&[3; 8]).expect("builds");
        assert!(matches!(BacCard::new(&right).answer(&[3; 8], &[4; 16], &cmd.data), Err(CardError::AccessDenied)));
        let (answer, _) = BacCard::new(&right)
            .answer(
                &[3; 8],
                &[4; 16],
                &BacTerminal::new(&right, [1; 8], [2; 16]).mutual_authenticate(&[3; 8]).expect("b").data,
            )
            .expect("right key");
        assert!(t.finish(&[3; 8], &answer).is_err(), "the terminal with the wrong key refuses the card's answer");
        assert!(t.finish(&[3; 8], &answer[..39]).is_err());
    }
}
