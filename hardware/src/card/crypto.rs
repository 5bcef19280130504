//! The symmetric cryptography of BAC and 3DES secure messaging, built on RustCrypto primitives:
//! ISO 9797-1 padding method 2, two-key 3DES in CBC mode with a zero IV, the retail MAC
//! (ISO 9797-1 MAC algorithm 3 with DES), and the key derivation of ICAO 9303 part 11, 9.7.1.

use crate::error::CardError;
use des::cipher::generic_array::GenericArray;
use des::cipher::{BlockDecrypt, BlockEncrypt, KeyInit};
use des::{Des, TdesEde2};
use sha1::{Digest, Sha1};

/// ISO 9797-1 method 2: `80`, then zeros to a multiple of `block`.
pub fn pad(data: &[u8], block: usize) -> Vec<u8> {
    let mut out = data.to_vec();
    out.push(0x80);
    while out.len() % block != 0 {
        out.push(0);
    }
    out
}

/// Removes method-2 padding; malformed padding is an error.
pub fn unpad(data: &[u8]) -> Result<&[u8], CardError> {
    let end = data.iter().rposition(|b| *b != 0).ok_or(CardError::Malformed("padding: none"))?;
    if data[end] != 0x80 {
        return Err(CardError::Malformed("padding: no 80 marker"));
    }
    Ok(&data[..end])
}

/// Sets the DES parity bit of every byte (odd parity).
pub fn adjust_parity(key: &mut [u8]) {
    for b in key.iter_mut() {
        let ones = (*b & 0xFE).count_ones();
        *b = (*b & 0xFE) | u8::from(ones % 2 == 0);
    }
}

/// `KDF(K, c)` for 3DES keys: the first 16 bytes of SHA-1(K || c), parity adjusted.
pub fn kdf_3des(seed: &[u8], counter: u32) -> [u8; 16] {
    let mut h = Sha1::new();
    h.update(seed);
    h.update(counter.to_be_bytes());
    let digest = h.finalize();
    let mut key = [0u8; 16];
    key.copy_from_slice(&digest[..16]);
    adjust_parity(&mut key);
    key
}

pub fn sha1(data: &[u8]) -> [u8; 20] {
    Sha1::digest(data).into()
}

fn tdes(key: &[u8; 16]) -> TdesEde2 {
    TdesEde2::new(GenericArray::from_slice(key))
}

/// 3DES-CBC with a zero IV over whole blocks.
pub fn tdes_encrypt(key: &[u8; 16], data: &[u8]) -> Result<Vec<u8>, CardError> {
    if data.len() % 8 != 0 {
        return Err(CardError::Malformed("3des: not whole blocks"));
    }
    let cipher = tdes(key);
    let mut prev = [0u8; 8];
    let mut out = Vec::with_capacity(data.len());
    for chunk in data.chunks_exact(8) {
        let mut block = GenericArray::clone_from_slice(chunk);
        for (b, p) in block.iter_mut().zip(prev) {
            *b ^= p;
        }
        cipher.encrypt_block(&mut block);
        prev.copy_from_slice(&block);
        out.extend_from_slice(&block);
    }
    Ok(out)
}

pub fn tdes_decrypt(key: &[u8; 16], data: &[u8]) -> Result<Vec<u8>, CardError> {
    if data.len() % 8 != 0 {
        return Err(CardError::Malformed("3des: not whole blocks"));
    }
    let cipher = tdes(key);
    let mut prev = [0u8; 8];
    let mut out = Vec::with_capacity(data.len());
    for chunk in data.chunks_exact(8) {
        let mut block = GenericArray::clone_from_slice(chunk);
        cipher.decrypt_block(&mut block);
        for (b, p) in block.iter_mut().zip(prev) {
            *b ^= p;
        }
        prev.copy_from_slice(chunk);
        out.extend_from_slice(&block);
    }
    Ok(out)
}

/// The retail MAC over already padded data: single-DES CBC with K1, then decrypt with K2 and encrypt with K1.
pub fn retail_mac(key: &[u8; 16], padded: &[u8]) -> Result<[u8; 8], CardError> {
    if padded.is_empty() || padded.len() % 8 != 0 {
        return Err(CardError::Malformed("mac: not whole blocks"));
    }
    let k1 = Des::new(GenericArray::from_slice(&key[..8]));
    let k2 = Des::new(GenericArray::from_slice(&key[8..]));
    let mut h = GenericArray::clone_from_slice(&[0u8; 8]);
    for chunk in padded.chunks_exact(8) {
        for (b, c) in h.iter_mut().zip(chunk) {
            *b ^= c;
        }
        k1.encrypt_block(&mut h);
    }
    k2.decrypt_block(&mut h);
    k1.encrypt_block(&mut h);
    Ok(h.into())
}

/// Compares two MACs without an early exit.
pub fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
pub(crate) fn hex(s: &str) -> Vec<u8> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("test hex")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_11_appendix_d_key_derivation() {
        // D.2: Kseed = SHA-1("L898902C<369080619406236")[..16], then Kenc and Kmac.
        let seed = &sha1(b"L898902C<369080619406236")[..16];
        assert_eq!(seed, hex("239AB9CB282DAF66231DC5A4DF6BFBAE"));
        assert_eq!(kdf_3des(seed, 1).to_vec(), hex("AB94FDECF2674FDFB9B391F85D7F76F2"));
        assert_eq!(kdf_3des(seed, 2).to_vec(), hex("7962D9ECE03D1ACD4C76089DCE131543"));
    }

    #[test]
    fn part_11_appendix_d_mutual_authentication_cryptogram() {
        let kenc: [u8; 16] = hex("AB94FDECF2674FDFB9B391F85D7F76F2").try_into().expect("16");
        let kmac: [u8; 16] = hex("7962D9ECE03D1ACD4C76089DCE131543").try_into().expect("16");
        let s = hex("781723860C06C226 4608F91988702212 0B795240CB7049B01C19B33E32804F0B");
        let eifd = tdes_encrypt(&kenc, &s).expect("whole blocks");
        assert_eq!(eifd, hex("72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2"));
        assert_eq!(retail_mac(&kmac, &pad(&eifd, 8)).expect("mac").to_vec(), hex("5F1448EEA8AD90A7"));
        assert_eq!(tdes_decrypt(&kenc, &eifd).expect("decrypts"), s);
    }

    #[test]
    fn padding_round_trips_and_refuses_garbage() {
        for n in 0..20 {
            let data = vec![0x11; n];
            let padded = pad(&data, 8);
            assert_eq!(padded.len() % 8, 0);
            assert_eq!(unpad(&padded).expect("unpads"), &data[..]);
        }
        assert!(unpad(&[0, 0, 0, 0]).is_err());
        assert!(unpad(&[1, 2, 0, 0]).is_err());
        assert!(tdes_encrypt(&[0; 16], &[1, 2, 3]).is_err());
        assert!(retail_mac(&[0; 16], &[]).is_err());
    }
}
