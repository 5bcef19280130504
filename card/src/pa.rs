//! Passive authentication (ICAO 9303 part 11, 5.1): is what the chip said what the issuing state signed?
//!
//! Three links, each with its own verdict, as JMRTD's `VerificationStatus`:
//! every data group read hashes to the value in EF.SOD; EF.SOD's CMS signature
//! verifies with its document-signer certificate; that certificate was signed
//! by a CSCA in our trust store (loaded from a CSCA master list). SHA-1 and
//! expired certificates are reported as warnings, never silently accepted.
//! Parsing and signatures use RustCrypto (`cms`, `x509-cert`, `der`, `p256`,
//! `p384`, `rsa`, `sha1`, `sha2`); the verdicts are ours.

use super::lds::FileId;
use super::tlv;
use crate::crypto::Hash;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier};
use der::asn1::{ObjectIdentifier as Oid, OctetString};
use der::{Decode, Encode, Sequence};
use std::collections::BTreeMap;
use x509_cert::Certificate;

const OID_SIGNED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.2");
const OID_LDS_SECURITY_OBJECT: Oid = Oid::new_unwrap("2.23.136.1.1.1");
const OID_CSCA_MASTER_LIST: Oid = Oid::new_unwrap("2.23.136.1.1.2");
const OID_MESSAGE_DIGEST: Oid = Oid::new_unwrap("1.2.840.113549.1.9.4");

/// The outcome of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Succeeded,
    /// Failed, with a stable reason code.
    Failed(&'static str),
    /// Not checked, and why.
    NotChecked(&'static str),
}

impl Verdict {
    pub fn succeeded(self) -> bool {
        self == Verdict::Succeeded
    }
}

/// Every verdict of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassiveAuthentication {
    pub data_groups: BTreeMap<FileId, Verdict>,
    pub sod_signature: Verdict,
    pub document_signer: Verdict,
    /// Things that passed but deserve a note: `sha1`, `ds-expired`, `csca-expired`, `ds-not-yet-valid`.
    pub warnings: Vec<&'static str>,
}

impl PassiveAuthentication {
    /// Verified: every data group read matched, the signature holds, and the signer chains to a trusted CSCA.
    pub fn verified(&self) -> bool {
        !self.data_groups.is_empty()
            && self.data_groups.values().all(|v| v.succeeded())
            && self.sod_signature.succeeded()
            && self.document_signer.succeeded()
    }

    fn not_checked(reason: &'static str, files: &BTreeMap<FileId, Vec<u8>>) -> Self {
        PassiveAuthentication {
            data_groups: files
                .keys()
                .filter(|f| matches!(f, FileId::Dg(_)))
                .map(|f| (*f, Verdict::NotChecked(reason)))
                .collect(),
            sod_signature: Verdict::NotChecked(reason),
            document_signer: Verdict::NotChecked(reason),
            warnings: Vec::new(),
        }
    }
}

#[derive(Sequence)]
struct DataGroupHash {
    data_group_number: u8,
    data_group_hash_value: OctetString,
}

#[derive(Sequence)]
struct LdsSecurityObject {
    version: u8,
    hash_algorithm: spki::AlgorithmIdentifierOwned,
    data_group_hash_values: Vec<DataGroupHash>,
    #[asn1(optional = "true")]
    lds_version_info: Option<der::Any>,
}

/// Signature algorithms: (hash, key kind) from the algorithm identifier.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Scheme {
    Ecdsa(Hash),
    RsaPkcs1(Hash),
    /// With the salt length of its parameters.
    RsaPss(Hash, usize),
}

fn scheme(alg: &spki::AlgorithmIdentifierOwned, digest_hint: Option<Hash>) -> Option<Scheme> {
    Some(match alg.oid.to_string().as_str() {
        "1.2.840.10045.4.1" => Scheme::Ecdsa(Hash::Sha1),
        "1.2.840.10045.4.3.1" => Scheme::Ecdsa(Hash::Sha224),
        "1.2.840.10045.4.3.2" => Scheme::Ecdsa(Hash::Sha256),
        "1.2.840.10045.4.3.3" => Scheme::Ecdsa(Hash::Sha384),
        "1.2.840.10045.4.3.4" => Scheme::Ecdsa(Hash::Sha512),
        // Bare id-ecPublicKey as a signature algorithm: the digest algorithm says which hash.
        "1.2.840.10045.2.1" => Scheme::Ecdsa(digest_hint?),
        "1.2.840.113549.1.1.5" => Scheme::RsaPkcs1(Hash::Sha1),
        "1.2.840.113549.1.1.14" => Scheme::RsaPkcs1(Hash::Sha224),
        "1.2.840.113549.1.1.11" => Scheme::RsaPkcs1(Hash::Sha256),
        "1.2.840.113549.1.1.12" => Scheme::RsaPkcs1(Hash::Sha384),
        "1.2.840.113549.1.1.13" => Scheme::RsaPkcs1(Hash::Sha512),
        "1.2.840.113549.1.1.1" => Scheme::RsaPkcs1(digest_hint?),
        "1.2.840.113549.1.1.10" => {
            let (hash, salt) = pss_params(alg)?;
            Scheme::RsaPss(hash, salt)
        }
        _ => return None,
    })
}

/// The hash and salt length of RSASSA-PSS parameters (RFC 4055 defaults: SHA-1, 20).
fn pss_params(alg: &spki::AlgorithmIdentifierOwned) -> Option<(Hash, usize)> {
    let Some(params) = &alg.parameters else { return Some((Hash::Sha1, 20)) };
    let bytes = params.to_der().ok()?;
    let (seq, _) = tlv::parse_one(&bytes).ok()?;
    let (mut hash, mut salt) = (Hash::Sha1, 20usize);
    for field in tlv::parse_all(seq.value).ok()? {
        match field.tag {
            0xA0 => {
                let (alg_seq, _) = tlv::parse_one(field.value).ok()?;
                let (oid, _) = tlv::parse_one(alg_seq.value).ok()?;
                hash = Hash::from_digest_oid(&Oid::from_bytes(oid.value).ok()?)?;
            }
            0xA2 => {
                let (int, _) = tlv::parse_one(field.value).ok()?;
                if int.value.is_empty() || int.value.len() > 4 {
                    return None;
                }
                salt = int.value.iter().fold(0usize, |a, b| (a << 8) | usize::from(*b));
            }
            _ => {}
        }
    }
    Some((hash, salt))
}

/// Verifies `signature` over `message` with the key in `spki`.
fn verify_signature(
    spki: &spki::SubjectPublicKeyInfoOwned,
    scheme: Scheme,
    message: &[u8],
    signature: &[u8],
) -> Result<(), &'static str> {
    use p256::ecdsa::signature::hazmat::PrehashVerifier;
    let key = spki.subject_public_key.raw_bytes();
    match scheme {
        Scheme::Ecdsa(hash) => {
            let digest = hash.digest(message);
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.decode_as::<Oid>().ok())
                .map(|o| o.to_string())
                .ok_or("unsupported-curve")?;
            match curve.as_str() {
                "1.2.840.10045.3.1.7" => {
                    let k = p256::ecdsa::VerifyingKey::from_sec1_bytes(key).map_err(|_| "bad-public-key")?;
                    let s = p256::ecdsa::Signature::from_der(signature).map_err(|_| "bad-signature-encoding")?;
                    k.verify_prehash(&digest, &s).map_err(|_| "signature-mismatch")
                }
                "1.3.132.0.34" => {
                    let k = p384::ecdsa::VerifyingKey::from_sec1_bytes(key).map_err(|_| "bad-public-key")?;
                    let s = p384::ecdsa::Signature::from_der(signature).map_err(|_| "bad-signature-encoding")?;
                    k.verify_prehash(&digest, &s).map_err(|_| "signature-mismatch")
                }
                _ => Err("unsupported-curve"),
            }
        }
        Scheme::RsaPkcs1(hash) | Scheme::RsaPss(hash, _) => {
            use rsa::pkcs1::DecodeRsaPublicKey;
            let k = rsa::RsaPublicKey::from_pkcs1_der(key).map_err(|_| "bad-public-key")?;
            let digest = hash.digest(message);
            let ok = match (scheme, hash) {
                (Scheme::RsaPkcs1(_), Hash::Sha1) => {
                    k.verify(rsa::Pkcs1v15Sign::new::<sha1::Sha1>(), &digest, signature)
                }
                (Scheme::RsaPkcs1(_), Hash::Sha224) => {
                    k.verify(rsa::Pkcs1v15Sign::new::<sha2::Sha224>(), &digest, signature)
                }
                (Scheme::RsaPkcs1(_), Hash::Sha256) => {
                    k.verify(rsa::Pkcs1v15Sign::new::<sha2::Sha256>(), &digest, signature)
                }
                (Scheme::RsaPkcs1(_), Hash::Sha384) => {
                    k.verify(rsa::Pkcs1v15Sign::new::<sha2::Sha384>(), &digest, signature)
                }
                (Scheme::RsaPkcs1(_), Hash::Sha512) => {
                    k.verify(rsa::Pkcs1v15Sign::new::<sha2::Sha512>(), &digest, signature)
                }
                (Scheme::RsaPss(_, salt), Hash::Sha1) => {
                    k.verify(rsa::Pss::new_with_salt::<sha1::Sha1>(salt), &digest, signature)
                }
                (Scheme::RsaPss(_, salt), Hash::Sha224) => {
                    k.verify(rsa::Pss::new_with_salt::<sha2::Sha224>(salt), &digest, signature)
                }
                (Scheme::RsaPss(_, salt), Hash::Sha256) => {
                    k.verify(rsa::Pss::new_with_salt::<sha2::Sha256>(salt), &digest, signature)
                }
                (Scheme::RsaPss(_, salt), Hash::Sha384) => {
                    k.verify(rsa::Pss::new_with_salt::<sha2::Sha384>(salt), &digest, signature)
                }
                (Scheme::RsaPss(_, salt), Hash::Sha512) => {
                    k.verify(rsa::Pss::new_with_salt::<sha2::Sha512>(salt), &digest, signature)
                }
                (Scheme::Ecdsa(_), _) => return Err("unsupported-algorithm"),
            };
            ok.map_err(|_| "signature-mismatch")
        }
    }
}

/// CSCA certificates we trust.
#[derive(Default, Clone)]
pub struct TrustStore {
    cscas: Vec<Certificate>,
}

impl std::fmt::Debug for TrustStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TrustStore({} CSCAs)", self.cscas.len())
    }
}

/// What loading a master list found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MasterListReport {
    pub loaded: usize,
    /// Entries that are not certificates we can parse (left out, not fatal).
    pub unreadable: usize,
}

impl TrustStore {
    pub fn len(&self) -> usize {
        self.cscas.len()
    }
    pub fn is_empty(&self) -> bool {
        self.cscas.is_empty()
    }

    /// Adds one CSCA certificate (DER).
    pub fn add_der(&mut self, der: &[u8]) -> Result<(), &'static str> {
        self.cscas.push(Certificate::from_der(der).map_err(|_| "bad-certificate")?);
        Ok(())
    }

    /// Adds the certificates of a CSCA master list (ICAO 9303 part 12: a CMS SignedData of `CscaMasterList`).
    /// The list's own signature is not what makes its entries trusted here: a deployment
    /// loads the list its authority publishes, as configuration.
    /// Adds a file's contents as a trust configuration gives them: a CSCA certificate (DER), else
    /// a CSCA master list (CMS). The kiosk and the hub load `--trust` files with this.
    pub fn add_file(&mut self, der: &[u8]) -> Result<(), &'static str> {
        if self.add_der(der).is_ok() {
            return Ok(());
        }
        self.add_master_list(der).map(|_| ())
    }

    pub fn add_master_list(&mut self, der: &[u8]) -> Result<MasterListReport, &'static str> {
        let info = ContentInfo::from_der(der).map_err(|_| "master-list-not-cms")?;
        if info.content_type != OID_SIGNED_DATA {
            return Err("master-list-not-signed-data");
        }
        let sd: SignedData = info.content.decode_as().map_err(|_| "master-list-not-signed-data")?;
        if sd.encap_content_info.econtent_type != OID_CSCA_MASTER_LIST {
            return Err("not-a-master-list");
        }
        let content = sd.encap_content_info.econtent.ok_or("master-list-empty")?;
        let octets: OctetString = content.decode_as().map_err(|_| "master-list-content")?;
        // CscaMasterList ::= SEQUENCE { version INTEGER, certList SET OF Certificate }
        let (list, _) = tlv::parse_one(octets.as_bytes()).map_err(|_| "master-list-content")?;
        let items = tlv::parse_all(list.value).map_err(|_| "master-list-content")?;
        let set = items.iter().find(|t| t.tag == 0x31).ok_or("master-list-content")?;
        let mut report = MasterListReport { loaded: 0, unreadable: 0 };
        let mut rest = set.value;
        while !rest.is_empty() {
            let (_, after) = tlv::parse_one(rest).map_err(|_| "master-list-content")?;
            let one = &rest[..rest.len() - after.len()];
            match Certificate::from_der(one) {
                Ok(c) => {
                    self.cscas.push(c);
                    report.loaded += 1;
                }
                Err(_) => report.unreadable += 1,
            }
            rest = after;
        }
        Ok(report)
    }
}

fn validity(cert: &Certificate, now_unix: u64) -> Option<&'static str> {
    let v = &cert.tbs_certificate.validity;
    let before = v.not_before.to_unix_duration().as_secs();
    let after = v.not_after.to_unix_duration().as_secs();
    if now_unix < before {
        Some("not-yet-valid")
    } else if now_unix > after {
        Some("expired")
    } else {
        None
    }
}

/// Runs passive authentication over the files read. `now_unix`: the time, in seconds, for certificate validity.
pub fn verify(files: &BTreeMap<FileId, Vec<u8>>, store: &TrustStore, now_unix: u64) -> PassiveAuthentication {
    let Some(sod) = files.get(&FileId::Sod) else {
        return PassiveAuthentication::not_checked("no-sod", files);
    };
    let parsed = (|| -> Result<(SignedData, Vec<u8>), &'static str> {
        let (outer, _) = tlv::parse_one(sod).map_err(|_| "sod-malformed")?;
        if outer.tag != 0x77 {
            return Err("sod-malformed");
        }
        let info = ContentInfo::from_der(outer.value).map_err(|_| "sod-malformed")?;
        if info.content_type != OID_SIGNED_DATA {
            return Err("sod-malformed");
        }
        let sd: SignedData = info.content.decode_as().map_err(|_| "sod-malformed")?;
        if sd.encap_content_info.econtent_type != OID_LDS_SECURITY_OBJECT {
            return Err("sod-malformed");
        }
        let content = sd.encap_content_info.econtent.as_ref().ok_or("sod-malformed")?;
        let octets: OctetString = content.decode_as().map_err(|_| "sod-malformed")?;
        let lso = octets.as_bytes().to_vec();
        Ok((sd, lso))
    })();
    let (sd, lso_bytes) = match parsed {
        Ok(p) => p,
        Err(reason) => {
            let mut pa = PassiveAuthentication::not_checked(reason, files);
            pa.sod_signature = Verdict::Failed(reason);
            return pa;
        }
    };
    let mut warnings = Vec::new();

    // 1. The data groups against the hashes in the security object.
    let mut data_groups = BTreeMap::new();
    match LdsSecurityObject::from_der(&lso_bytes) {
        Ok(lso) => match Hash::from_digest_oid(&lso.hash_algorithm.oid) {
            Some(hash) => {
                if hash == Hash::Sha1 {
                    warnings.push("sha1");
                }
                for (id, bytes) in files {
                    let FileId::Dg(n) = id else { continue };
                    let listed = lso.data_group_hash_values.iter().find(|d| d.data_group_number == *n);
                    let verdict = match listed {
                        None => Verdict::Failed("not-in-sod"),
                        Some(d) if d.data_group_hash_value.as_bytes() == hash.digest(bytes).as_slice() => {
                            Verdict::Succeeded
                        }
                        Some(_) => Verdict::Failed("hash-mismatch"),
                    };
                    data_groups.insert(*id, verdict);
                }
            }
            None => {
                for id in files.keys().filter(|f| matches!(f, FileId::Dg(_))) {
                    data_groups.insert(*id, Verdict::NotChecked("unsupported-hash"));
                }
            }
        },
        Err(_) => {
            for id in files.keys().filter(|f| matches!(f, FileId::Dg(_))) {
                data_groups.insert(*id, Verdict::Failed("sod-malformed"));
            }
        }
    }

    // 2. The signature over the security object, with the document signer's key.
    let signer = sd.signer_infos.0.iter().next();
    let ds = sd.certificates.as_ref().and_then(|set| {
        set.0.iter().find_map(|c| match c {
            cms::cert::CertificateChoices::Certificate(cert) => {
                let matches = match signer.map(|s| &s.sid) {
                    Some(SignerIdentifier::IssuerAndSerialNumber(i)) => {
                        cert.tbs_certificate.issuer == i.issuer && cert.tbs_certificate.serial_number == i.serial_number
                    }
                    // Some documents identify the signer by key identifier; with one certificate, it is that one.
                    _ => true,
                };
                matches.then(|| cert.clone())
            }
            _ => None,
        })
    });
    let sod_signature = match (signer, &ds) {
        (None, _) => Verdict::Failed("no-signer"),
        (_, None) => Verdict::NotChecked("no-document-signer-certificate"),
        (Some(si), Some(ds)) => {
            let digest_hash = Hash::from_digest_oid(&si.digest_alg.oid);
            match (digest_hash, scheme(&si.signature_algorithm, digest_hash)) {
                (Some(h), Some(s)) => {
                    if h == Hash::Sha1 && !warnings.contains(&"sha1") {
                        warnings.push("sha1");
                    }
                    let signed = match &si.signed_attrs {
                        Some(attrs) => {
                            // The message digest attribute must be the hash of the security object.
                            let md = attrs
                                .iter()
                                .find(|a| a.oid == OID_MESSAGE_DIGEST)
                                .and_then(|a| a.values.iter().next().and_then(|v| v.decode_as::<OctetString>().ok()));
                            match md {
                                Some(md) if md.as_bytes() == h.digest(&lso_bytes).as_slice() => attrs.to_der().ok(),
                                _ => None,
                            }
                        }
                        None => Some(lso_bytes.clone()),
                    };
                    match signed {
                        None => Verdict::Failed("message-digest-mismatch"),
                        Some(message) => {
                            match verify_signature(
                                &ds.tbs_certificate.subject_public_key_info,
                                s,
                                &message,
                                si.signature.as_bytes(),
                            ) {
                                Ok(()) => Verdict::Succeeded,
                                Err(reason) => Verdict::Failed(reason),
                            }
                        }
                    }
                }
                _ => Verdict::NotChecked("unsupported-algorithm"),
            }
        }
    };

    // 3. The document signer's certificate against a CSCA we trust.
    let document_signer = match &ds {
        None => Verdict::NotChecked("no-document-signer-certificate"),
        Some(ds) => {
            if let Some(w) = validity(ds, now_unix) {
                warnings.push(if w == "expired" { "ds-expired" } else { "ds-not-yet-valid" });
            }
            let tbs = ds.tbs_certificate.to_der().unwrap_or_default();
            let candidates: Vec<&Certificate> =
                store.cscas.iter().filter(|c| c.tbs_certificate.subject == ds.tbs_certificate.issuer).collect();
            if candidates.is_empty() {
                Verdict::Failed("no-trusted-csca")
            } else {
                let s = scheme(&ds.signature_algorithm, None);
                let good = candidates.iter().find(|csca| {
                    s.is_some_and(|s| {
                        verify_signature(
                            &csca.tbs_certificate.subject_public_key_info,
                            s,
                            &tbs,
                            ds.signature.raw_bytes(),
                        )
                        .is_ok()
                    })
                });
                match (s, good) {
                    (None, _) => Verdict::NotChecked("unsupported-algorithm"),
                    (_, Some(csca)) => {
                        if validity(csca, now_unix) == Some("expired") {
                            warnings.push("csca-expired");
                        }
                        if matches!(s, Some(Scheme::Ecdsa(Hash::Sha1) | Scheme::RsaPkcs1(Hash::Sha1))) {
                            warnings.push("sha1");
                        }
                        Verdict::Succeeded
                    }
                    (_, None) => Verdict::Failed("csca-signature-mismatch"),
                }
            }
        }
    };
    warnings.dedup();
    PassiveAuthentication { data_groups, sod_signature, document_signer, warnings }
}

/// The DER of an LDS security object over `files` (version 0, SHA-256), for the virtual document's EF.SOD.
pub fn lds_security_object(files: &BTreeMap<FileId, Vec<u8>>) -> Vec<u8> {
    let lso = LdsSecurityObject {
        version: 0,
        hash_algorithm: spki::AlgorithmIdentifierOwned { oid: Hash::Sha256.oid(), parameters: None },
        data_group_hash_values: files
            .iter()
            .filter_map(|(id, bytes)| match id {
                FileId::Dg(n) => Some(DataGroupHash {
                    data_group_number: *n,
                    // invariant: a SHA-256 digest (32 bytes) is a valid OCTET STRING.
                    data_group_hash_value: OctetString::new(Hash::Sha256.digest(bytes)).expect("32 bytes"),
                }),
                _ => None,
            })
            .collect(),
        lds_version_info: None,
    };
    // invariant: the structure above is well formed, so encoding cannot fail.
    lso.to_der().expect("LDS security object encodes")
}

/// Wraps a CMS SignedData (DER) as EF.SOD (tag 77).
pub fn ef_sod(cms: &[u8]) -> Vec<u8> {
    tlv::encode(0x77, cms)
}
