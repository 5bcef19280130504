//! `minwon-kiosk enrol FILE`: puts a kiosk's enrolment from its hub in place on an installed kiosk.
//!
//! The file (from `minwon-hub enrol`, on a USB stick or copied over) is checked before anything
//! is written: it must be an enrolment whose hub address is `https://`, with a pin and keys of the
//! right shape; what is wrong is said with its line and column. It is then written next to its
//! destination and renamed into place (a half-written enrolment is never read), mode 0600, owned
//! by the kiosk's user when one is named (the kiosk service reads it; nobody else may: it holds
//! the kiosk's token).

use minwon_core::wire::Enrolment;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Where the packaged kiosk looks for its enrolment.
pub const DEFAULT_DESTINATION: &str = "/etc/minwon-kiosk/enrolment.toml";
/// The packaged kiosk service's user (`minwon-kiosk.service`, made by the package).
pub const SERVICE_USER: &str = "minwon-kiosk";

/// Why an enrolment was not put in place (said to the admin; the token is never in it).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EnrolError {
    #[error("{path}: cannot be read ({why})")]
    Unreadable { path: String, why: String },
    #[error("{path}:{line}:{column}: not an enrolment: {why}")]
    NotAnEnrolment { path: String, line: usize, column: usize, why: String },
    #[error("{path}: {field} {why}")]
    Invalid { path: String, field: &'static str, why: &'static str },
    #[error("{path}: cannot be written ({why})")]
    Unwritable { path: String, why: String },
    #[error("no user {0} on this machine")]
    NoSuchUser(String),
}

impl EnrolError {
    pub fn code(&self) -> &'static str {
        match self {
            EnrolError::Unreadable { .. } => "enrol.unreadable",
            EnrolError::NotAnEnrolment { .. } => "enrol.not-an-enrolment",
            EnrolError::Invalid { .. } => "enrol.invalid",
            EnrolError::Unwritable { .. } => "enrol.unwritable",
            EnrolError::NoSuchUser(_) => "enrol.no-such-user",
        }
    }
}

fn hex_of(s: &str, bytes: usize) -> bool {
    s.len() == bytes * 2 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Reads and checks an enrolment file.
pub fn check(path: &Path) -> Result<Enrolment, EnrolError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| EnrolError::Unreadable { path: shown.clone(), why: e.kind().to_string() })?;
    let parsed: Result<Enrolment, _> = toml::from_str(&text);
    let enrolment = parsed.map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        let before = &text[..at.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        EnrolError::NotAnEnrolment { path: shown.clone(), line, column, why: e.message().to_owned() }
    })?;
    // A key the kiosk does not know is refused, not dropped (a typo would lose a setting).
    const KNOWN: [&str; 7] = ["kiosk_id", "group", "hub_url", "hub_cert", "token", "hub_key", "admin_keys"];
    if let Ok(table) = text.parse::<toml::Table>() {
        if let Some(key) = table.keys().find(|k| !KNOWN.contains(&k.as_str())) {
            let line = text.lines().position(|l| l.trim_start().starts_with(key.as_str())).map_or(1, |i| i + 1);
            let why = format!("unknown key `{key}`");
            return Err(EnrolError::NotAnEnrolment { path: shown, line, column: 1, why });
        }
    }
    let invalid = |field, why| Err(EnrolError::Invalid { path: shown.clone(), field, why });
    if !enrolment.hub_url.starts_with("https://") {
        return invalid("hub_url", "must be https://");
    }
    if !hex_of(&enrolment.hub_cert, 32) {
        return invalid("hub_cert", "must be the hub's pin: 64 hex digits");
    }
    if !hex_of(&enrolment.hub_key, 32) {
        return invalid("hub_key", "must be the hub's public key: 64 hex digits");
    }
    if enrolment.admin_keys.is_empty() || !enrolment.admin_keys.iter().all(|k| hex_of(k, 32)) {
        return invalid("admin_keys", "must list the admins' keys: 64 hex digits each");
    }
    if enrolment.token.is_empty() || enrolment.kiosk_id.is_empty() {
        return invalid("token", "and kiosk_id must not be empty");
    }
    Ok(enrolment)
}

/// A user's uid and gid from `/etc/passwd` (or the file given, in tests).
pub fn user_ids(passwd: &Path, name: &str) -> Result<(u32, u32), EnrolError> {
    let text = std::fs::read_to_string(passwd).unwrap_or_default();
    text.lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f.len() >= 4 && f[0] == name).then(|| Some((f[2].parse().ok()?, f[3].parse().ok()?)))?
        })
        .next()
        .ok_or_else(|| EnrolError::NoSuchUser(name.to_owned()))
}

/// Checks `source`, then writes it to `destination` (mode 0600, owned by `owner` if given).
pub fn install(source: &Path, destination: &Path, owner: Option<(u32, u32)>) -> Result<Enrolment, EnrolError> {
    let enrolment = check(source)?;
    let shown = destination.display().to_string();
    let unwritable = |e: std::io::Error| EnrolError::Unwritable { path: shown.clone(), why: e.kind().to_string() };
    let dir = destination.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    std::fs::create_dir_all(&dir).map_err(unwritable)?;
    let bytes = std::fs::read(source).map_err(unwritable)?;
    let temporary = dir.join(format!(".enrolment.{}.part", std::process::id()));
    let written = (|| {
        let mut f = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(&temporary)?;
        f.write_all(&bytes)?;
        f.sync_all()?;
        std::fs::set_permissions(&temporary, std::fs::Permissions::from_mode(0o600))?;
        if let Some((uid, gid)) = owner {
            std::os::unix::fs::chown(&temporary, Some(uid), Some(gid))?;
        }
        std::fs::rename(&temporary, destination)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temporary);
        return Err(unwritable(e));
    }
    Ok(enrolment)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> String {
        let k = "ab".repeat(32);
        format!(
            "kiosk_id = \"jongno-3\"\ngroup = \"jongno\"\nhub_url = \"https://hub.example:8760\"\nhub_cert = \"{k}\"\n\
             token = \"t0k3n\"\nhub_key = \"{k}\"\nadmin_keys = [\"{k}\"]\n"
        )
    }

    #[test]
    fn a_good_enrolment_is_put_in_place_private_and_a_bad_one_is_refused_where_it_is_wrong() {
        let dir = tempfile::tempdir().expect("temp dir");
        let source = dir.path().join("usb.toml");
        std::fs::write(&source, good()).expect("written");
        let destination = dir.path().join("etc/minwon-kiosk/enrolment.toml");
        let me = (std::fs::metadata(dir.path()).map(|m| std::os::unix::fs::MetadataExt::uid(&m)).unwrap_or(0), 0);
        let e = install(&source, &destination, None).expect("installed");
        assert_eq!(e.kiosk_id, "jongno-3");
        let meta = std::fs::metadata(&destination).expect("in place");
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
        assert_eq!(std::os::unix::fs::MetadataExt::uid(&meta), me.0);
        assert_eq!(std::fs::read_to_string(&destination).expect("reads"), good());

        for (text, code, said) in [
            (good().replace("https://", "http://"), "enrol.invalid", "hub_url"),
            (good().replace(&"ab".repeat(32), "cd"), "enrol.invalid", "hub_cert"),
            (good().replace("group = \"jongno\"\n", ""), "enrol.not-an-enrolment", "group"),
            (format!("{}oops = 1\n", good()), "enrol.not-an-enrolment", ":8:"),
            ("kiosk_id = [".into(), "enrol.not-an-enrolment", ":1:"),
        ] {
            std::fs::write(&source, &text).expect("written");
            let e = install(&source, &destination, None).expect_err("refused");
            assert_eq!(e.code(), code, "{e}");
            assert!(e.to_string().contains(said), "{e}");
            assert!(!e.to_string().contains("t0k3n"), "the token is never said: {e}");
            assert_eq!(std::fs::read_to_string(&destination).expect("reads"), good(), "the old one stays");
        }
        assert_eq!(
            install(&dir.path().join("none.toml"), &destination, None).expect_err("no file").code(),
            "enrol.unreadable"
        );
        let passwd = dir.path().join("passwd");
        std::fs::write(
            &passwd,
            "root:x:0:0::/root:/bin/sh\nminwon-kiosk:x:995:990::/var/lib/minwon-kiosk:/usr/sbin/nologin\n",
        )
        .expect("written");
        assert_eq!(user_ids(&passwd, "minwon-kiosk"), Ok((995, 990)));
        assert_eq!(user_ids(&passwd, "nobody").expect_err("absent").code(), "enrol.no-such-user");
    }
}
