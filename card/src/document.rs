//! What a finished read holds: the parsed data groups, and the raw files for passive authentication.

use super::aa::ChipVerdict;
use super::lds::{self, FaceImage, FileId, PersonalDetails};
use super::mrz::Mrz;
use super::pace::{self, PaceCipher, SecurityInfos};
use super::reader::{AccessControl, ReadEvent};
use crate::error::CardError;
use std::collections::BTreeMap;

pub struct ReadResult {
    pub mrz: Mrz,
    pub details: Option<PersonalDetails>,
    /// The face image, decoded once to be sure it is an image (a JPEG 2000 face turned into PNG
    /// for display); kept in memory only.
    pub face: Option<FaceImage>,
    /// Every file read, as read (EF.SOD and the data groups), for passive authentication.
    pub files: BTreeMap<FileId, Vec<u8>>,
    /// BAC or PACE (and which PACE).
    pub access: Option<AccessControl>,
    /// DG14: the chip's security options (chip authentication, PACE), when it has them.
    pub security_options: Option<SecurityInfos>,
    /// DG15: the algorithm of the active-authentication key (dotted OID), when it has one.
    pub active_authentication: Option<String>,
    /// Optional files the chip would not give (the read went on without them).
    pub unreadable: Vec<FileId>,
    /// Whether the chip is the document's: Chip Authentication (DG14's key) or Active
    /// Authentication (DG15's). `Genuine` proves the chip holds that key; the key is the
    /// document's only where passive authentication vouches for DG14 or DG15 too.
    pub chip: ChipVerdict,
    /// Chip Authentication ran, with this cipher (secure messaging restarted with its keys).
    pub chip_authentication: Option<PaceCipher>,
}

impl std::fmt::Debug for ReadResult {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ReadResult({:?}, face {})", self.files.keys().collect::<Vec<_>>(), self.face.is_some())
    }
}

impl ReadResult {
    /// Collects a read's events; the first failure wins. DG1 is required, the rest optional.
    pub fn from_events(events: Vec<ReadEvent>) -> Result<ReadResult, CardError> {
        let mut files = BTreeMap::new();
        let mut unreadable = Vec::new();
        let mut chip = ChipVerdict::NotSupported;
        let mut chip_authentication = None;
        let mut finished = false;
        let mut access = None;
        for e in events {
            match e {
                ReadEvent::Failed(e) => return Err(e),
                ReadEvent::File { id, bytes } => {
                    files.insert(id, bytes);
                }
                ReadEvent::Finished => finished = true,
                ReadEvent::Authenticated(a) => access = Some(a),
                ReadEvent::Absent(_) => {}
                ReadEvent::Unreadable(id, _) => unreadable.push(id),
                // A verdict stands against a later "says nothing" (a DG15 key we do not check
                // after Chip Authentication proved the chip); "not genuine" stands against all.
                ReadEvent::Chip(verdict) => {
                    chip = match (chip, verdict) {
                        (ChipVerdict::NotGenuine, _) | (_, ChipVerdict::NotGenuine) => ChipVerdict::NotGenuine,
                        (ChipVerdict::Genuine, _) | (_, ChipVerdict::Genuine) => ChipVerdict::Genuine,
                        _ => ChipVerdict::NotSupported,
                    }
                }
                ReadEvent::ChipAuthenticated(cipher) => chip_authentication = Some(cipher),
            }
        }
        if !finished {
            return Err(CardError::Malformed("the read did not finish"));
        }
        let mrz = lds::parse_dg1(files.get(&FileId::Dg(1)).ok_or(CardError::Unsupported)?)?;
        // A DG11 that does not parse is counted as unreadable: DG1 still pre-fills.
        let details = match files.get(&FileId::Dg(11)).map(|b| lds::parse_dg11(b)) {
            Some(Ok(d)) => Some(d),
            Some(Err(_)) => {
                unreadable.push(FileId::Dg(11));
                None
            }
            None => None,
        };
        // A face that does not decode is left out (the rest of the document still counts).
        let face = files
            .get(&FileId::Dg(2))
            .and_then(|b| lds::parse_dg2(b).ok())
            .and_then(|face| lds::displayable_face(&face).ok());
        let security_options = files.get(&FileId::Dg(14)).and_then(|b| pace::parse_dg14(b).ok());
        let active_authentication = files.get(&FileId::Dg(15)).and_then(|b| lds::parse_dg15(b).ok());
        Ok(ReadResult {
            mrz,
            details,
            face,
            files,
            access,
            security_options,
            active_authentication,
            unreadable,
            chip,
            chip_authentication,
        })
    }
}
