//! A test identity for the virtual document: a Korean passport of a person who does not exist.
//!
//! Everything on it is made up and says so: the name is 홍길순 (a specimen
//! name like "Hong Gildong"), the face is drawn here, and the document number
//! starts with the letter S for "specimen".

use super::aa::{self, ChipKey};
use super::ca::CaChipKey;
use super::crypto;
use super::curve::Domain;
use super::lds::{self, FileId, PersonalDetails};
use super::mrz::{Mrz, MrzFormat};
use super::pace::{PaceCipher, PaceInfo};
use super::virtual_doc::DocumentContents;
use std::collections::BTreeMap;

/// The specimen's MRZ fields.
pub fn specimen_mrz() -> Mrz {
    Mrz {
        format: MrzFormat::Td3,
        document_code: "PM".into(),
        issuing_state: "KOR".into(),
        surname: "HONG".into(),
        given_names: "GILSOON".into(),
        document_number: "S12345678".into(),
        nationality: "KOR".into(),
        birth_date: "480315".into(),
        sex: 'F',
        expiry: "340314".into(),
        optional_data: String::new(),
    }
}

pub fn specimen_details() -> PersonalDetails {
    PersonalDetails {
        full_name: Some("HONG<<GILSOON".into()),
        other_names: vec!["홍길순".into()],
        place_of_birth: Some("SEOUL".into()),
        address: Some("서울특별시 종로구 세종대로 209".into()),
        telephone: None,
    }
}

/// A plain drawing of a face (240x320), as JPEG: the sample photo of the specimen.
pub fn specimen_face_jpeg() -> Vec<u8> {
    let (w, h) = (240u32, 320u32);
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        let (fx, fy) = (x as f32 - 120.0, y as f32 - 150.0);
        let face = (fx / 70.0).powi(2) + (fy / 95.0).powi(2) <= 1.0;
        let eye = |cx: f32| ((x as f32 - cx).powi(2) + (y as f32 - 130.0).powi(2)) <= 64.0;
        let mouth = (fy - 50.0).abs() < 3.0 && fx.abs() < 28.0;
        let shoulders = y > 250 && (fx / 110.0).powi(2) + ((y as f32 - 330.0) / 80.0).powi(2) <= 1.0;
        if eye(95.0) || eye(145.0) || (face && mouth) {
            image::Rgb([40, 30, 30])
        } else if face {
            image::Rgb([236, 196, 164])
        } else if shoulders {
            image::Rgb([40, 60, 110])
        } else {
            image::Rgb([232, 236, 240])
        }
    });
    let mut out = Vec::new();
    let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85);
    // invariant: encoding an in-memory RGB image into a Vec cannot fail.
    encoder.encode_image(&img).expect("JPEG encoding into memory");
    out
}

/// The card access number printed on the specimen (PACE opens it with this as well as with the MRZ).
pub const SPECIMEN_CAN: &str = "246813";

/// The chip's files for the specimen: PACE (AES-128, brainpoolP256r1) and BAC, DG1, DG2, DG11, DG14,
/// and DG15 with its Active Authentication key.
pub fn specimen_document() -> DocumentContents {
    let mrz = specimen_mrz();
    let mut files = BTreeMap::new();
    let pace = vec![PaceInfo { cipher: PaceCipher::Aes128, domain: Domain::BrainpoolP256r1 }];
    let groups = [FileId::Dg(1), FileId::Dg(2), FileId::Dg(11), FileId::Dg(14), FileId::Dg(15)];
    files.insert(FileId::Com, lds::build_com(&groups));
    files.insert(FileId::Dg(1), lds::build_dg1(&mrz.to_td3()));
    files.insert(FileId::Dg(2), lds::build_dg2(&specimen_face_jpeg(), 240, 320));
    files.insert(FileId::Dg(11), lds::build_dg11(&specimen_details()));
    // Chip Authentication (ECDH on brainpoolP256r1, AES-128) with a key made from a published seed.
    let ca = specimen_ca_key(PaceCipher::Aes128, Domain::BrainpoolP256r1);
    files.insert(FileId::Dg(14), ca.dg14(&pace));
    // Active Authentication with the published test key (RSA 1024, ISO/IEC 9796-2, SHA-1).
    let aa = ChipKey::Rsa(Box::new(aa::test_rsa_key()), aa::Hash::Sha1);
    files.insert(FileId::Dg(15), aa::build_dg15(&aa.public()));
    DocumentContents {
        key: mrz.access_key(),
        can: Some(SPECIMEN_CAN.to_string()),
        pace,
        files,
        active_authentication: Some(aa),
        chip_authentication: Some(ca),
    }
}

/// A Chip Authentication key pair drawn from a published seed (a test key: its private half is
/// no secret).
pub fn specimen_ca_key(cipher: PaceCipher, domain: Domain) -> CaChipKey {
    let mut counter = 0u32;
    let mut fill = |out: &mut [u8]| {
        for chunk in out.chunks_mut(20) {
            counter += 1;
            let block = crypto::sha1(&[&b"minwon specimen chip authentication"[..], &counter.to_be_bytes()].concat());
            chunk.copy_from_slice(&block[..chunk.len()]);
        }
    };
    CaChipKey::generate(cipher, domain, None, &mut fill)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_specimen_is_a_consistent_document() {
        let doc = specimen_document();
        let mrz = lds::parse_dg1(&doc.files[&FileId::Dg(1)]).expect("its own MRZ parses, check digits and all");
        assert_eq!(mrz.access_key(), doc.key);
        let face = lds::parse_dg2(&doc.files[&FileId::Dg(2)]).expect("DG2");
        let decoded = image::load_from_memory(&face.bytes).expect("the face decodes");
        assert_eq!((decoded.width(), decoded.height()), (240, 320));
    }
}
