//! minwon-virtual-card: puts the specimen passport into vsmartcard's virtual reader, for the demo and tests.
//!
//! Needs pcscd with vpcd (Debian: pcscd, vsmartcard-vpcd). Prints the MRZ
//! values the kiosk asks for, then serves until stopped; if pcscd restarts,
//! it attaches again. With `--unless-reader` it does nothing when a real
//! reader is connected, so a kiosk with hardware reads the visitor's document.

use minwon_hardware::card::lds::{self, FaceImage, FileId, ImageFormat};
use minwon_hardware::card::pa;
use minwon_hardware::card::specimen::{specimen_document, SPECIMEN_CAN};
use minwon_hardware::card::virtual_doc::VirtualDocument;
use minwon_hardware::card::vpcd::{serve, VPCD_PORT};
use std::sync::atomic::AtomicBool;
use std::time::Duration;

fn real_reader_present() -> bool {
    let Ok(ctx) = pcsc::Context::establish(pcsc::Scope::User) else { return false };
    let mut buf = [0u8; 4096];
    let Ok(names) = ctx.list_readers(&mut buf) else { return false };
    let found = names.map(|n| n.to_string_lossy().into_owned()).any(|n| !n.starts_with("Virtual PCD"));
    found
}

/// EF.SOD over the specimen's data groups, signed with OpenSSL by the test document signer in `dir`
/// (made by scripts/test-pki.sh).
fn sign_sod(dir: &std::path::Path, files: &std::collections::BTreeMap<FileId, Vec<u8>>) -> Result<Vec<u8>, String> {
    let lso = dir.join("lso.der");
    let out = dir.join("sod.der");
    std::fs::write(&lso, pa::lds_security_object(files)).map_err(|e| e.to_string())?;
    let status = std::process::Command::new("openssl")
        .args(["cms", "-sign", "-binary", "-nodetach", "-outform", "DER", "-econtent_type", "2.23.136.1.1.1"])
        .args(["-md", "sha256", "-nosmimecap", "-in"])
        .arg(&lso)
        .arg("-signer")
        .arg(dir.join("ds.pem"))
        .arg("-inkey")
        .arg(dir.join("ds.key"))
        .arg("-out")
        .arg(&out)
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("openssl exited with {status}"));
    }
    Ok(pa::ef_sod(&std::fs::read(&out).map_err(|e| e.to_string())?))
}

fn main() {
    let mut port = VPCD_PORT;
    let mut unless_reader = false;
    let mut pki: Option<std::path::PathBuf> = None;
    let mut tamper = false;
    let mut clone = false;
    let mut face: Option<std::path::PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--unless-reader" => unless_reader = true,
            "--pki" => pki = args.next().map(Into::into),
            "--tamper" => tamper = true,
            "--clone" => clone = true,
            "--face" => face = args.next().map(Into::into),
            "--port" => match args.next().and_then(|p| p.parse().ok()) {
                Some(p) => port = p,
                None => {
                    eprintln!("minwon-virtual-card: --port takes a number");
                    std::process::exit(2);
                }
            },
            _ => {
                eprintln!("usage: minwon-virtual-card [--port 35963] [--unless-reader] [--pki DIR] [--tamper] [--clone] [--face JPEG-or-JP2]");
                std::process::exit(2);
            }
        }
    }
    if unless_reader && real_reader_present() {
        println!("minwon-virtual-card: a card reader is connected; the virtual passport stays out");
        return;
    }
    let mut contents = specimen_document();
    if let Some(path) = &face {
        // Another face photo in DG2 (a JPEG 2000 one, say), before EF.SOD is signed over it.
        let bytes = std::fs::read(path).unwrap_or_else(|e| {
            eprintln!("minwon-virtual-card: cannot read {}: {e}", path.display());
            std::process::exit(2);
        });
        let format = if bytes.starts_with(&[0xFF, 0xD8]) { ImageFormat::Jpeg } else { ImageFormat::Jpeg2000 };
        let probe = FaceImage { format, width: 0, height: 0, bytes: bytes.clone() };
        let Ok(img) = lds::decode_face(&probe) else {
            eprintln!("minwon-virtual-card: {} is not a JPEG or JPEG 2000 image we can decode", path.display());
            std::process::exit(2);
        };
        let (w, h) = (img.width().min(u32::from(u16::MAX)) as u16, img.height().min(u32::from(u16::MAX)) as u16);
        contents.files.insert(FileId::Dg(2), lds::build_dg2(&bytes, w, h));
    }
    if let Some(dir) = &pki {
        match sign_sod(dir, &contents.files) {
            Ok(sod) => {
                contents.files.insert(FileId::Sod, sod);
                println!("minwon-virtual-card: EF.SOD signed by the test document signer in {}", dir.display());
            }
            Err(e) => {
                eprintln!("minwon-virtual-card: could not sign EF.SOD with {}: {e}", dir.display());
                std::process::exit(1);
            }
        }
    }
    if tamper {
        // One letter of the name changed after signing: passive authentication must catch it (DG1 hash).
        if let Some(dg1) = contents.files.get_mut(&FileId::Dg(1)) {
            if let Some(at) = dg1.windows(4).position(|w| w == b"HONG") {
                dg1[at] = b'K';
                println!("minwon-virtual-card: DG1 changed after signing (a tampered chip, for tests)");
            }
        }
    }
    println!(
        "minwon-virtual-card: specimen passport (not a real person) in the virtual reader: \
         passport number S12345678, born 1948-03-15, expires 2034-03-14, card access number {SPECIMEN_CAN}"
    );
    let mut seed = [0u8; 32];
    if let Ok(bytes) = std::fs::read("/proc/sys/kernel/random/uuid") {
        let n = bytes.len().min(32);
        seed[..n].copy_from_slice(&bytes[..n]);
    }
    let mut card = VirtualDocument::new(contents, &seed);
    if clone {
        // DG15 and EF.SOD as the genuine chip's, but not its key: Active Authentication must catch it.
        card.quirks.cloned = true;
        println!("minwon-virtual-card: a clone: the genuine files, but not the chip's key (for tests)");
    }
    let stop = AtomicBool::new(false);
    loop {
        match serve(&mut card, "127.0.0.1", port, &stop) {
            Ok(()) => eprintln!("minwon-virtual-card: pcscd closed the link; attaching again"),
            Err(e) => eprintln!("minwon-virtual-card: cannot reach vpcd on port {port} ({e}); is pcscd running?"),
        }
        card.reset();
        std::thread::sleep(Duration::from_secs(1));
    }
}
