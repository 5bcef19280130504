//! Passive authentication against a test PKI made at test time with OpenSSL (an independent CMS producer):
//! a CSCA, a document signer, and an EF.SOD over the specimen passport's data groups.

mod common;

use common::{csca, now, signer, sod, CSCA_SUBJECT, EC, RSA};
use minwon_hardware::card::lds::FileId;
use minwon_hardware::card::pa::{self, TrustStore, Verdict};
use minwon_hardware::card::specimen::specimen_document;
use std::path::Path;

fn store(dir: &Path, name: &str) -> TrustStore {
    let mut s = TrustStore::default();
    s.add_der(&std::fs::read(dir.join(format!("{name}.der"))).expect("reads")).expect("parses");
    s
}

#[test]
fn the_specimen_verifies_and_each_break_has_its_own_verdict() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    csca(d, "csca", CSCA_SUBJECT, &EC);
    signer(d, "ds", "csca", &EC, "3650");
    let mut files = specimen_document().files;
    files.insert(FileId::Sod, sod(d, &files, "ds", &[]));
    let trusted = store(d, "csca");

    let pa = pa::verify(&files, &trusted, now());
    assert!(pa.verified(), "{pa:?}");
    assert_eq!(pa.data_groups.len(), 5, "DG1, DG2, DG11, DG14 and DG15 are checked");
    assert!(pa.warnings.is_empty(), "{:?}", pa.warnings);

    // One changed byte in DG1: that data group fails, the others still pass, the document is not verified.
    let mut tampered = files.clone();
    let dg1 = tampered.get_mut(&FileId::Dg(1)).expect("DG1");
    let last = dg1.len() - 1;
    dg1[last] ^= 0x01;
    let pa = pa::verify(&tampered, &trusted, now());
    assert_eq!(pa.data_groups[&FileId::Dg(1)], Verdict::Failed("hash-mismatch"));
    assert_eq!(pa.data_groups[&FileId::Dg(2)], Verdict::Succeeded);
    assert!(pa.sod_signature.succeeded(), "the signature itself is still good");
    assert!(!pa.verified());

    // No CSCA we trust.
    let pa = pa::verify(&files, &TrustStore::default(), now());
    assert_eq!(pa.document_signer, Verdict::Failed("no-trusted-csca"));
    assert!(!pa.verified());

    // A CSCA with the same name but another key (a forged chain).
    csca(d, "impostor", CSCA_SUBJECT, &EC);
    let pa = pa::verify(&files, &store(d, "impostor"), now());
    assert_eq!(pa.document_signer, Verdict::Failed("csca-signature-mismatch"));

    // A broken signature on EF.SOD.
    let mut bent = files.clone();
    let sod_bytes = bent.get_mut(&FileId::Sod).expect("SOD");
    let end = sod_bytes.len() - 3;
    sod_bytes[end] ^= 0x40;
    let pa = pa::verify(&bent, &trusted, now());
    assert!(matches!(pa.sod_signature, Verdict::Failed(_)), "{:?}", pa.sod_signature);
    assert!(!pa.verified());

    // No EF.SOD at all: nothing can be checked, and the verdicts say so.
    let mut none = files.clone();
    none.remove(&FileId::Sod);
    let pa = pa::verify(&none, &trusted, now());
    assert_eq!(pa.sod_signature, Verdict::NotChecked("no-sod"));
    assert!(pa.data_groups.values().all(|v| *v == Verdict::NotChecked("no-sod")));
}

#[test]
fn rsa_pss_signers_and_expired_certificates() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    csca(d, "csca", CSCA_SUBJECT, &RSA);
    signer(d, "ds", "csca", &RSA, "30");
    let mut files = specimen_document().files;
    files.insert(FileId::Sod, sod(d, &files, "ds", &["-keyopt", "rsa_padding_mode:pss"]));
    let trusted = store(d, "csca");
    let today = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("after 1970").as_secs();
    let pa = pa::verify(&files, &trusted, today);
    assert!(pa.verified(), "{pa:?}");
    // Forty days on, the document signer's certificate has expired: reported, not hidden.
    let pa = pa::verify(&files, &trusted, today + 40 * 86_400);
    assert!(pa.verified(), "an expired signer certificate does not undo the signature");
    assert!(pa.warnings.contains(&"ds-expired"), "{:?}", pa.warnings);
}

#[test]
fn the_german_master_list_loads_as_a_trust_store() {
    let ml = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/DE_ML_2024-04-10-10-54-13.ml"))
        .expect("the master list is in tests/data");
    let mut store = TrustStore::default();
    let report = store.add_master_list(&ml).expect("a CSCA master list");
    eprintln!("German master list: {report:?}");
    assert!(report.loaded > 200, "{report:?}");
    assert!(report.unreadable * 20 < report.loaded, "almost every entry parses: {report:?}");
    assert_eq!(store.len(), report.loaded);
    assert!(store.add_master_list(&ml[..ml.len() / 2]).is_err(), "a truncated list is refused");
    assert!(store.add_master_list(b"not a master list").is_err());
}
