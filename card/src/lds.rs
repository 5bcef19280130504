//! The logical data structure of an eMRTD (ICAO 9303 part 10): files, and what DG1, DG2 and DG11 hold.
//!
//! Parsing for the reader, building for the virtual document: both ends of
//! each format sit side by side so they cannot drift apart.

use super::mrz::Mrz;
use super::tlv;
use crate::error::CardError;

/// The eMRTD application.
pub const AID: [u8; 7] = [0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01];

/// Elementary files by short file identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileId {
    /// EF.CardAccess, in the master file: what PACE the chip offers (read before any access control).
    CardAccess,
    Com,
    Sod,
    Dg(u8),
}

impl FileId {
    pub fn fid(self) -> u16 {
        match self {
            FileId::CardAccess => 0x011C,
            FileId::Com => 0x011E,
            FileId::Sod => 0x011D,
            FileId::Dg(n) => 0x0100 + u16::from(n),
        }
    }
    pub fn from_fid(fid: u16) -> Option<FileId> {
        match fid {
            0x011C => Some(FileId::CardAccess),
            0x011E => Some(FileId::Com),
            0x011D => Some(FileId::Sod),
            0x0101..=0x0110 => Some(FileId::Dg((fid - 0x0100) as u8)),
            _ => None,
        }
    }
    /// The tag a data group's content starts with (in EF.COM's tag list too).
    pub fn tag(self) -> u8 {
        match self {
            FileId::CardAccess => 0x31,
            FileId::Com => 0x60,
            FileId::Sod => 0x77,
            FileId::Dg(1) => 0x61,
            FileId::Dg(2) => 0x75,
            FileId::Dg(3) => 0x63,
            FileId::Dg(4) => 0x76,
            FileId::Dg(n) => 0x60 + n, // DG5..DG16: 65..70
        }
    }
    pub fn from_tag(tag: u8) -> Option<FileId> {
        match tag {
            0x61 => Some(FileId::Dg(1)),
            0x75 => Some(FileId::Dg(2)),
            0x63 => Some(FileId::Dg(3)),
            0x76 => Some(FileId::Dg(4)),
            0x65..=0x70 => Some(FileId::Dg(tag - 0x60)),
            _ => None,
        }
    }
}

/// DG15: the active-authentication public key; we report its algorithm (a dotted OID).
pub fn parse_dg15(bytes: &[u8]) -> Result<String, CardError> {
    use der::Decode;
    let (outer, _) = tlv::parse_one(bytes)?;
    if outer.tag != 0x6F {
        return Err(CardError::Malformed("dg15: tag"));
    }
    let spki = spki::SubjectPublicKeyInfoRef::from_der(outer.value).map_err(|_| CardError::Malformed("dg15: key"))?;
    Ok(spki.algorithm.oid.to_string())
}

/// EF.COM: the data groups present.
pub fn parse_com(bytes: &[u8]) -> Result<Vec<FileId>, CardError> {
    let (outer, _) = tlv::parse_one(bytes)?;
    if outer.tag != 0x60 {
        return Err(CardError::Malformed("EF.COM: tag"));
    }
    let list = tlv::find(outer.value, 0x5C)?.ok_or(CardError::Malformed("EF.COM: no tag list"))?;
    Ok(list.iter().filter_map(|t| FileId::from_tag(*t)).collect())
}

pub fn build_com(groups: &[FileId]) -> Vec<u8> {
    let mut inner = tlv::encode(0x5F01, b"0107");
    inner.extend(tlv::encode(0x5F36, b"040000"));
    inner.extend(tlv::encode(0x5C, &groups.iter().map(|g| g.tag()).collect::<Vec<_>>()));
    tlv::encode(0x60, &inner)
}

pub fn parse_dg1(bytes: &[u8]) -> Result<Mrz, CardError> {
    let (outer, _) = tlv::parse_one(bytes)?;
    if outer.tag != 0x61 {
        return Err(CardError::Malformed("DG1: tag"));
    }
    let mrz = tlv::find(outer.value, 0x5F1F)?.ok_or(CardError::Malformed("DG1: no MRZ"))?;
    Mrz::parse(std::str::from_utf8(mrz).map_err(|_| CardError::Malformed("DG1: not text"))?)
}

pub fn build_dg1(mrz_lines: &str) -> Vec<u8> {
    let mrz: String = mrz_lines.chars().filter(|c| !c.is_whitespace()).collect();
    tlv::encode(0x61, &tlv::encode(0x5F1F, mrz.as_bytes()))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Jpeg,
    Jpeg2000,
    /// Not on chips: what a JPEG 2000 face becomes for display (browsers do not show JPEG 2000).
    Png,
}

impl ImageFormat {
    pub fn mime(self) -> &'static str {
        match self {
            ImageFormat::Jpeg => "image/jpeg",
            ImageFormat::Jpeg2000 => "image/jp2",
            ImageFormat::Png => "image/png",
        }
    }
}

/// The face image of DG2 (ISO/IEC 19794-5 inside a CBEFF biometric information template).
#[derive(Clone, PartialEq, Eq)]
pub struct FaceImage {
    pub format: ImageFormat,
    pub width: u16,
    pub height: u16,
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for FaceImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FaceImage({:?}, {}x{}, {} bytes)", self.format, self.width, self.height, self.bytes.len())
    }
}

fn biometric_block(dg2: &[u8]) -> Result<&[u8], CardError> {
    let (outer, _) = tlv::parse_one(dg2)?;
    let group = match outer.tag {
        0x75 => tlv::find(outer.value, 0x7F61)?.ok_or(CardError::Malformed("DG2: no biometric group"))?,
        // Some emulators (vsmartcard's ePass) leave out the DG2 tag and start with the group.
        0x7F61 => outer.value,
        _ => return Err(CardError::Malformed("DG2: tag")),
    };
    let template = tlv::find(group, 0x7F60)?.ok_or(CardError::Malformed("DG2: no biometric template"))?;
    let block = match tlv::find(template, 0x5F2E)? {
        Some(b) => b,
        None => tlv::find(template, 0x7F2E)?.ok_or(CardError::Malformed("DG2: no biometric data block"))?,
    };
    Ok(block)
}

/// The first face image in DG2.
pub fn parse_dg2(dg2: &[u8]) -> Result<FaceImage, CardError> {
    let block = biometric_block(dg2)?;
    let bad = || CardError::Malformed("DG2: facial record");
    if block.get(0..4) != Some(b"FAC\0") {
        return Err(bad());
    }
    let u16_at = |i: usize| block.get(i..i + 2).map(|b| u16::from_be_bytes([b[0], b[1]])).ok_or_else(bad);
    // General header: 14 bytes. Facial information: 20 bytes, its feature-point count at offset 4.
    let points = usize::from(u16_at(14 + 4)?);
    let info = 14 + 20 + 8 * points;
    let (width, height) = (u16_at(info + 2)?, u16_at(info + 4)?);
    let bytes = block.get(info + 12..).ok_or_else(bad)?.to_vec();
    // The image's own signature decides, not the declared data type: some documents (and
    // emulators) mislabel it, and the bytes are covered by passive authentication anyway.
    let format = match bytes.get(0..4) {
        Some([0xFF, 0xD8, 0xFF, _]) => ImageFormat::Jpeg,
        Some([0x00, 0x00, 0x00, 0x0C]) | Some([0xFF, 0x4F, 0xFF, 0x51]) => ImageFormat::Jpeg2000,
        _ => return Err(CardError::Malformed("DG2: the image is neither JPEG nor JPEG 2000")),
    };
    Ok(FaceImage { format, width, height, bytes })
}

/// The most pixels a face image may have to be decoded (ICAO asks for about 480x640; 16 times that).
const MAX_FACE_PIXELS: u64 = 4096 * 1200;

/// Decodes a face (JPEG with `image`, JPEG 2000 with `hayro-jpeg2000`); a broken image is an error.
pub fn decode_face(face: &FaceImage) -> Result<image::DynamicImage, CardError> {
    let broken = || CardError::Malformed("DG2: the face image does not decode");
    match face.format {
        ImageFormat::Jpeg => {
            image::load_from_memory_with_format(&face.bytes, image::ImageFormat::Jpeg).map_err(|_| broken())
        }
        ImageFormat::Png => {
            image::load_from_memory_with_format(&face.bytes, image::ImageFormat::Png).map_err(|_| broken())
        }
        ImageFormat::Jpeg2000 => {
            let settings = hayro_jpeg2000::DecodeSettings::default();
            let j2k = hayro_jpeg2000::Image::new(&face.bytes, &settings).map_err(|_| broken())?;
            let (w, h, alpha) = (j2k.width(), j2k.height(), j2k.has_alpha());
            // A face is a few hundred pixels a side; a header claiming more is not decoded (memory).
            if w == 0 || h == 0 || u64::from(w) * u64::from(h) > MAX_FACE_PIXELS {
                return Err(CardError::Malformed("DG2: the face image is too large"));
            }
            let channels = j2k.color_space().num_channels();
            let mut ctx = hayro_jpeg2000::DecoderContext::default();
            let pixels = j2k.decode(&mut ctx).map_err(|_| broken())?.data_u8();
            let stride = usize::from(channels) + usize::from(alpha);
            let at = |i: usize, c: usize| pixels.get(i * stride + c).copied().unwrap_or(0);
            match channels {
                1 => Ok(image::DynamicImage::ImageLuma8(image::GrayImage::from_fn(w, h, |x, y| {
                    image::Luma([at((y * w + x) as usize, 0)])
                }))),
                3 => Ok(image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(w, h, |x, y| {
                    let i = (y * w + x) as usize;
                    image::Rgb([at(i, 0), at(i, 1), at(i, 2)])
                }))),
                _ => Err(CardError::Malformed("DG2: a JPEG 2000 colour space we do not show")),
            }
        }
    }
}

/// The face as a browser can show it: a JPEG as it is (once it decodes), a JPEG 2000 as PNG.
pub fn displayable_face(face: &FaceImage) -> Result<FaceImage, CardError> {
    let decoded = decode_face(face)?;
    if face.format != ImageFormat::Jpeg2000 {
        return Ok(face.clone());
    }
    let mut png = Vec::new();
    decoded
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .map_err(|_| CardError::Malformed("DG2: the face cannot be shown"))?;
    Ok(FaceImage { format: ImageFormat::Png, width: face.width, height: face.height, bytes: png })
}

/// Builds DG2 around one face image (JPEG or JPEG 2000, told apart by its signature).
pub fn build_dg2(jpeg: &[u8], width: u16, height: u16) -> Vec<u8> {
    let data_type = u8::from(!jpeg.starts_with(&[0xFF, 0xD8]));
    let mut facial = Vec::new();
    let record_len = (14 + 20 + 12 + jpeg.len()) as u32;
    facial.extend_from_slice(b"FAC\x00010\x00");
    facial.extend_from_slice(&record_len.to_be_bytes());
    facial.extend_from_slice(&1u16.to_be_bytes()); // one face
    facial.extend_from_slice(&((20 + 12 + jpeg.len()) as u32).to_be_bytes());
    facial.extend_from_slice(&0u16.to_be_bytes()); // no feature points
    facial.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]); // gender .. pose uncertainty
    facial.extend_from_slice(&[1, data_type]); // full frontal; 0 JPEG, 1 JPEG 2000
    facial.extend_from_slice(&width.to_be_bytes());
    facial.extend_from_slice(&height.to_be_bytes());
    facial.extend_from_slice(&[1, 0, 0, 0, 0, 0]); // 24-bit RGB, unknown source, device, quality
    facial.extend_from_slice(jpeg);
    let mut header = tlv::encode(0x80, &[0x01, 0x01]); // ICAO header version
    header.extend(tlv::encode(0x87, &[0x01, 0x01])); // format owner
    header.extend(tlv::encode(0x88, &[0x00, 0x08])); // format type: face
    let mut template = tlv::encode(0xA1, &header);
    template.extend(tlv::encode(0x5F2E, &facial));
    let mut group = tlv::encode(0x02, &[1]);
    group.extend(tlv::encode(0x7F60, &template));
    tlv::encode(0x75, &tlv::encode(0x7F61, &group))
}

/// What DG11 (additional personal details) may hold. `Debug` hides the values.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct PersonalDetails {
    /// The full name as in the MRZ but without truncation (5F0E).
    pub full_name: Option<String>,
    /// Other names, e.g. in national script (5F0F, possibly several).
    pub other_names: Vec<String>,
    pub place_of_birth: Option<String>,
    pub address: Option<String>,
    pub telephone: Option<String>,
}

impl std::fmt::Debug for PersonalDetails {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PersonalDetails(..)")
    }
}

fn text(v: &[u8]) -> String {
    String::from_utf8_lossy(v).replace('<', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn parse_dg11(bytes: &[u8]) -> Result<PersonalDetails, CardError> {
    let (outer, _) = tlv::parse_one(bytes)?;
    if outer.tag != 0x6B {
        return Err(CardError::Malformed("DG11: tag"));
    }
    let mut d = PersonalDetails::default();
    for t in tlv::parse_all(outer.value)? {
        match t.tag {
            0x5F0E => d.full_name = Some(text(t.value)),
            0x5F0F => d.other_names.push(text(t.value)),
            0xA0 => {
                for inner in tlv::parse_all(t.value)? {
                    if inner.tag == 0x5F0F {
                        d.other_names.push(text(inner.value));
                    }
                }
            }
            0x5F11 => d.place_of_birth = Some(text(t.value)),
            0x5F42 => d.address = Some(text(t.value)),
            0x5F12 => d.telephone = Some(text(t.value)),
            _ => {}
        }
    }
    Ok(d)
}

pub fn build_dg11(d: &PersonalDetails) -> Vec<u8> {
    let mut tags = Vec::new();
    let mut body = Vec::new();
    let mut add = |tag: u32, v: &str| {
        tags.extend_from_slice(&(tag as u16).to_be_bytes());
        body.extend(tlv::encode(tag, v.as_bytes()));
    };
    if let Some(v) = &d.full_name {
        add(0x5F0E, v);
    }
    for v in &d.other_names {
        add(0x5F0F, v);
    }
    if let Some(v) = &d.place_of_birth {
        add(0x5F11, v);
    }
    if let Some(v) = &d.address {
        add(0x5F42, v);
    }
    if let Some(v) = &d.telephone {
        add(0x5F12, v);
    }
    let mut inner = tlv::encode(0x5C, &tags);
    inner.extend(body);
    tlv::encode(0x6B, &inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jpeg_2000_faces_decode_and_become_png_for_display() {
        // Made with ImageMagick (OpenJPEG): 60x80, the left half red, the right half blue.
        for bytes in [
            &include_bytes!("../../hardware/tests/data/two-colours.jp2")[..],
            include_bytes!("../../hardware/tests/data/two-colours.j2k"),
        ] {
            let face = parse_dg2(&build_dg2(bytes, 60, 80)).expect("DG2 parses");
            assert_eq!(face.format, ImageFormat::Jpeg2000);
            let shown = displayable_face(&face).expect("decodes");
            assert_eq!(shown.format.mime(), "image/png");
            let img = image::load_from_memory(&shown.bytes).expect("a PNG").to_rgb8();
            assert_eq!(img.dimensions(), (60, 80));
            let (left, right) = (img.get_pixel(10, 40).0, img.get_pixel(50, 40).0);
            assert!(left[0] > 150 && left[2] < 90, "red on the left: {left:?}");
            assert!(right[2] > 150 && right[0] < 90, "blue on the right: {right:?}");
        }
        // A JPEG 2000 signature with nothing behind it does not decode: an error, not a panic.
        let broken =
            FaceImage { format: ImageFormat::Jpeg2000, width: 1, height: 1, bytes: vec![0xFF, 0x4F, 0xFF, 0x51, 0] };
        assert!(displayable_face(&broken).is_err());
    }

    #[test]
    fn ef_com_lists_the_groups() {
        let groups = [FileId::Dg(1), FileId::Dg(2), FileId::Dg(11), FileId::Dg(14), FileId::Dg(15)];
        assert_eq!(parse_com(&build_com(&groups)).expect("parses"), groups);
        // Announces 0x16 bytes but holds 0x15.
        let com = super::super::crypto::hex("60165F0104303130375F36063034303030305C02617500");
        assert!(parse_com(&com).is_err(), "a length that runs past the end");
    }

    #[test]
    fn dg1_dg2_dg11_round_trip() {
        let mrz = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";
        assert_eq!(parse_dg1(&build_dg1(mrz)).expect("DG1").surname, "ERIKSSON");
        let jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 0xFF, 0xD9];
        let face = parse_dg2(&build_dg2(&jpeg, 240, 320)).expect("DG2");
        assert_eq!(
            (face.format, face.width, face.height, face.bytes.as_slice()),
            (ImageFormat::Jpeg, 240, 320, &jpeg[..])
        );
        let d = PersonalDetails {
            full_name: Some("ERIKSSON<<ANNA<MARIA".into()),
            other_names: vec!["에릭손 안나 마리아".into()],
            place_of_birth: Some("ZENITH".into()),
            address: Some("서울특별시 종로구 세종대로 209".into()),
            telephone: None,
        };
        let back = parse_dg11(&build_dg11(&d)).expect("DG11");
        assert_eq!(back.full_name.as_deref(), Some("ERIKSSON ANNA MARIA"));
        assert_eq!(back.other_names, ["에릭손 안나 마리아"]);
        assert_eq!(back.address, d.address);
    }

    #[test]
    fn a_dg2_whose_image_is_not_what_it_claims_is_refused() {
        let not_jpeg = [0x00, 0x01, 0x02, 0x03];
        assert!(parse_dg2(&build_dg2(&not_jpeg, 1, 1)).is_err());
        assert!(parse_dg2(&[0x75, 0x00]).is_err());
    }
}
