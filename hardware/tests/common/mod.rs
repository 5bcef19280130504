//! Test PKI helpers shared by the card tests: a CSCA, a document signer and EF.SOD, made with OpenSSL.
#![allow(dead_code)]

use minwon_hardware::card::lds::FileId;
use minwon_hardware::card::pa;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

pub fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl").args(args).current_dir(dir).output().expect("openssl is installed");
    assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// Makes `<name>.key` and a self-signed CSCA `<name>.pem`/`.der` with the given subject.
pub fn csca(dir: &Path, name: &str, subject: &str, key_args: &[&str]) {
    let mut gen = vec!["genpkey"];
    gen.extend_from_slice(key_args);
    let key = format!("{name}.key");
    gen.extend_from_slice(&["-out", &key]);
    openssl(dir, &gen);
    let pem = format!("{name}.pem");
    openssl(
        dir,
        &[
            "req",
            "-x509",
            "-new",
            "-key",
            &key,
            "-subj",
            subject,
            "-days",
            "3650",
            "-sha256",
            "-out",
            &pem,
            "-addext",
            "basicConstraints=critical,CA:TRUE,pathlen:0",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ],
    );
    openssl(dir, &["x509", "-in", &pem, "-outform", "DER", "-out", &format!("{name}.der")]);
}

/// A document signer `<name>` certified by CSCA `<ca>`, valid for `days`.
pub fn signer(dir: &Path, name: &str, ca: &str, key_args: &[&str], days: &str) {
    let mut gen = vec!["genpkey"];
    gen.extend_from_slice(key_args);
    let key = format!("{name}.key");
    gen.extend_from_slice(&["-out", &key]);
    openssl(dir, &gen);
    std::fs::write(dir.join("ds.ext"), "keyUsage=critical,digitalSignature\n").expect("writes");
    let csr = format!("{name}.csr");
    openssl(
        dir,
        &["req", "-new", "-key", &key, "-subj", "/C=KR/O=Minwon Test/CN=Minwon Test Document Signer", "-out", &csr],
    );
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            &csr,
            "-CA",
            &format!("{ca}.pem"),
            "-CAkey",
            &format!("{ca}.key"),
            "-CAcreateserial",
            "-days",
            days,
            "-sha256",
            "-extfile",
            "ds.ext",
            "-out",
            &format!("{name}.pem"),
        ],
    );
}

/// EF.SOD over `files`, signed by `<signer>` (extra `cms -sign` options in `extra`).
pub fn sod(dir: &Path, files: &BTreeMap<FileId, Vec<u8>>, signer: &str, extra: &[&str]) -> Vec<u8> {
    std::fs::write(dir.join("lso.der"), pa::lds_security_object(files)).expect("writes");
    let mut args = vec![
        "cms",
        "-sign",
        "-in",
        "lso.der",
        "-binary",
        "-nodetach",
        "-outform",
        "DER",
        "-econtent_type",
        "2.23.136.1.1.1",
        "-md",
        "sha256",
        "-nosmimecap",
        "-out",
        "sod.der",
    ];
    let (pem, key) = (format!("{signer}.pem"), format!("{signer}.key"));
    args.extend_from_slice(&["-signer", &pem, "-inkey", &key]);
    args.extend_from_slice(extra);
    openssl(dir, &args);
    pa::ef_sod(&std::fs::read(dir.join("sod.der")).expect("reads"))
}

pub const EC: [&str; 4] = ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"];
pub const RSA: [&str; 4] = ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"];
pub const CSCA_SUBJECT: &str = "/C=KR/O=Minwon Test/CN=Minwon Test CSCA";
pub fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("after 1970").as_secs()
}
