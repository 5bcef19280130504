//! The symmetric cryptography of BAC, PACE and secure messaging, built on RustCrypto primitives:
//! ISO 9797-1 padding method 2, two-key 3DES in CBC mode with a zero IV, the retail MAC
//! (ISO 9797-1 MAC algorithm 3 with DES), AES-CBC and AES-CMAC, and the key derivation
//! function of ICAO 9303 part 11, 9.7.1.

use crate::error::CardError;
use aes::{Aes128, Aes192, Aes256};
use cmac::{Cmac, Mac};
use des::cipher::generic_array::GenericArray;
use des::cipher::{BlockDecrypt, BlockEncrypt, KeyInit};
use des::{Des, TdesEde2};
use sha1::{Digest, Sha1};
use sha2::Sha256;

/// ISO 9797-1 method 2: `80`, then zeros to a multiple of `block`.
pub fn pad(data: &[u8], block: usize) -> Vec<u8> {
    let mut out = data.to_vec();
    out.push(0x80);
    while !out.len().is_multiple_of(block) {
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
    if !data.len().is_multiple_of(8) {
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
    if !data.len().is_multiple_of(8) {
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
    if padded.is_empty() || !padded.len().is_multiple_of(8) {
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

/// `KDF(K, c)` for AES keys of 16, 24 or 32 bytes: SHA-1 for AES-128, SHA-256 for the longer keys.
pub fn kdf_aes(seed: &[u8], counter: u32, key_len: usize) -> Vec<u8> {
    let mut input = seed.to_vec();
    input.extend_from_slice(&counter.to_be_bytes());
    if key_len == 16 {
        sha1(&input)[..16].to_vec()
    } else {
        Sha256::digest(&input)[..key_len].to_vec()
    }
}

/// An AES key of any of the three lengths.
enum Aes {
    A128(Aes128),
    A192(Aes192),
    A256(Aes256),
}

impl Aes {
    fn new(key: &[u8]) -> Result<Aes, CardError> {
        match key.len() {
            16 => Ok(Aes::A128(Aes128::new(GenericArray::from_slice(key)))),
            24 => Ok(Aes::A192(Aes192::new(GenericArray::from_slice(key)))),
            32 => Ok(Aes::A256(Aes256::new(GenericArray::from_slice(key)))),
            _ => Err(CardError::Malformed("aes: key length")),
        }
    }

    fn encrypt(&self, block: &mut [u8]) {
        let block = GenericArray::from_mut_slice(block);
        match self {
            Aes::A128(c) => c.encrypt_block(block),
            Aes::A192(c) => c.encrypt_block(block),
            Aes::A256(c) => c.encrypt_block(block),
        }
    }

    fn decrypt(&self, block: &mut [u8]) {
        let block = GenericArray::from_mut_slice(block);
        match self {
            Aes::A128(c) => c.decrypt_block(block),
            Aes::A192(c) => c.decrypt_block(block),
            Aes::A256(c) => c.decrypt_block(block),
        }
    }
}

/// One AES block encrypted on its own (secure messaging makes its IV this way from the counter).
pub fn aes_block(key: &[u8], block: &[u8; 16]) -> Result<[u8; 16], CardError> {
    let mut out = *block;
    Aes::new(key)?.encrypt(&mut out);
    Ok(out)
}

/// AES-CBC over whole blocks.
pub fn aes_cbc_encrypt(key: &[u8], iv: &[u8; 16], data: &[u8]) -> Result<Vec<u8>, CardError> {
    if !data.len().is_multiple_of(16) {
        return Err(CardError::Malformed("aes: not whole blocks"));
    }
    let cipher = Aes::new(key)?;
    let mut prev = *iv;
    let mut out = Vec::with_capacity(data.len());
    for chunk in data.chunks_exact(16) {
        let mut block = [0u8; 16];
        for ((b, c), p) in block.iter_mut().zip(chunk).zip(prev) {
            *b = c ^ p;
        }
        cipher.encrypt(&mut block);
        prev = block;
        out.extend_from_slice(&block);
    }
    Ok(out)
}

pub fn aes_cbc_decrypt(key: &[u8], iv: &[u8; 16], data: &[u8]) -> Result<Vec<u8>, CardError> {
    if !data.len().is_multiple_of(16) {
        return Err(CardError::Malformed("aes: not whole blocks"));
    }
    let cipher = Aes::new(key)?;
    let mut prev = *iv;
    let mut out = Vec::with_capacity(data.len());
    for chunk in data.chunks_exact(16) {
        let mut block = [0u8; 16];
        block.copy_from_slice(chunk);
        cipher.decrypt(&mut block);
        for (b, p) in block.iter_mut().zip(prev) {
            *b ^= p;
        }
        prev.copy_from_slice(chunk);
        out.extend_from_slice(&block);
    }
    Ok(out)
}

/// AES-CMAC, cut to the 8 bytes secure messaging and PACE tokens carry.
pub fn aes_cmac(key: &[u8], data: &[u8]) -> Result<[u8; 8], CardError> {
    fn run<M: Mac + cmac::digest::KeyInit>(key: &[u8], data: &[u8]) -> Result<[u8; 8], CardError> {
        let mut mac = <M as Mac>::new_from_slice(key).map_err(|_| CardError::Malformed("cmac: key length"))?;
        mac.update(data);
        let full = mac.finalize().into_bytes();
        let mut out = [0u8; 8];
        out.copy_from_slice(&full[..8]);
        Ok(out)
    }
    match key.len() {
        16 => run::<Cmac<Aes128>>(key, data),
        24 => run::<Cmac<Aes192>>(key, data),
        32 => run::<Cmac<Aes256>>(key, data),
        _ => Err(CardError::Malformed("cmac: key length")),
    }
}

/// Compares two MACs without an early exit.
pub fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The hashes ICAO 9303 documents use: by their digest OID (EF.SOD, signatures) or their
/// ISO/IEC 10118-3 number (an ISO/IEC 9796-2 trailer, Active Authentication).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Hash {
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    pub fn from_digest_oid(oid: &der::oid::ObjectIdentifier) -> Option<Hash> {
        Some(match oid.to_string().as_str() {
            "1.3.14.3.2.26" => Hash::Sha1,
            "2.16.840.1.101.3.4.2.4" => Hash::Sha224,
            "2.16.840.1.101.3.4.2.1" => Hash::Sha256,
            "2.16.840.1.101.3.4.2.2" => Hash::Sha384,
            "2.16.840.1.101.3.4.2.3" => Hash::Sha512,
            _ => return None,
        })
    }

    pub fn oid(self) -> der::oid::ObjectIdentifier {
        der::oid::ObjectIdentifier::new_unwrap(match self {
            Hash::Sha1 => "1.3.14.3.2.26",
            Hash::Sha224 => "2.16.840.1.101.3.4.2.4",
            Hash::Sha256 => "2.16.840.1.101.3.4.2.1",
            Hash::Sha384 => "2.16.840.1.101.3.4.2.2",
            Hash::Sha512 => "2.16.840.1.101.3.4.2.3",
        })
    }

    /// The hash an ISO/IEC 10118-3 number names.
    pub fn from_iso(id: u8) -> Option<Hash> {
        match id {
            0x33 => Some(Hash::Sha1),
            0x38 => Some(Hash::Sha224),
            0x34 => Some(Hash::Sha256),
            0x36 => Some(Hash::Sha384),
            0x35 => Some(Hash::Sha512),
            _ => None,
        }
    }

    pub fn iso(self) -> u8 {
        match self {
            Hash::Sha1 => 0x33,
            Hash::Sha224 => 0x38,
            Hash::Sha256 => 0x34,
            Hash::Sha384 => 0x36,
            Hash::Sha512 => 0x35,
        }
    }

    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        self.digest_parts(&[data])
    }

    /// The digest of the parts one after another.
    pub fn digest_parts(self, parts: &[&[u8]]) -> Vec<u8> {
        fn run<D: sha2::Digest>(parts: &[&[u8]]) -> Vec<u8> {
            let mut d = D::new();
            parts.iter().for_each(|p| d.update(p));
            d.finalize().to_vec()
        }
        match self {
            Hash::Sha1 => run::<sha1::Sha1>(parts),
            Hash::Sha224 => run::<sha2::Sha224>(parts),
            Hash::Sha256 => run::<sha2::Sha256>(parts),
            Hash::Sha384 => run::<sha2::Sha384>(parts),
            Hash::Sha512 => run::<sha2::Sha512>(parts),
        }
    }

    pub fn output_len(self) -> usize {
        match self {
            Hash::Sha1 => 20,
            Hash::Sha224 => 28,
            Hash::Sha256 => 32,
            Hash::Sha384 => 48,
            Hash::Sha512 => 64,
        }
    }
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
    fn part_11_appendix_g_pace_key_derivation_and_nonce() {
        // G.1: K = SHA-1(MRZ information), K_pi = KDF(K, 3), and the nonce the chip sent, decrypted.
        let k = sha1(b"T22000129364081251010318");
        assert_eq!(k.to_vec(), hex("7E2D2A41C74EA0B38CD36F863939BFA8E9032AAD"));
        let k_pi = kdf_aes(&k, 3, 16);
        assert_eq!(k_pi, hex("89DED1B26624EC1E634C1989302849DD"));
        let s = aes_cbc_decrypt(&k_pi, &[0; 16], &hex("95A3A016522EE98D01E76CB6B98B42C3")).expect("one block");
        assert_eq!(s, hex("3F00C4D39D153F2B2A214A078D899B22"));
        assert_eq!(aes_cbc_encrypt(&k_pi, &[0; 16], &s).expect("one block"), hex("95A3A016522EE98D01E76CB6B98B42C3"));
    }

    #[test]
    fn aes_cmac_matches_rfc_4493() {
        // RFC 4493 example 2 (16-byte message), cut to 8 bytes.
        let key = hex("2b7e151628aed2a6abf7158809cf4f3c");
        let mac = aes_cmac(&key, &hex("6bc1bee22e409f96e93d7e117393172a")).expect("mac");
        assert_eq!(mac.to_vec(), hex("070a16b46b4d4144"));
        assert!(aes_cmac(&[0; 15], b"x").is_err());
        assert!(aes_cbc_encrypt(&key, &[0; 16], &[1; 15]).is_err());
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
