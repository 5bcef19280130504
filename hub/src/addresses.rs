//! Road-name address sets on the hub: a province's files as juso.go.kr ships them, uploaded one
//! by one to the admin's own upload folder, checked as a kiosk checks them, then put into the
//! draft as `assets/address/<set>/` (and so into the next bundle, like a form).
//!
//! An upload is streamed to disk as it arrives (`<name>.part`, renamed when whole), never held in
//! memory: a province's 도로명주소 file is hundreds of megabytes. Only names a set may hold are
//! taken (`…road_code….txt`, `…rnaddrkor….txt`: [`minwon_core::address::layout_of`]), each at
//! most [`MAX_FILE_BYTES`], at most [`MAX_FILES`] of them. A hub serves one district's kiosks, so
//! every set in its tree goes to every kiosk it publishes to: upload the province the district
//! is in.

use crate::error::HubError;
use crate::publish::{Problem, Publisher};
use minwon_core::address::{check_set, layout_of, Layout, SetSummary};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// One file of a set (the whole of Gyeonggi-do's 도로명주소 file is well under this).
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024 * 1024;
/// Files waiting in one admin's upload folder (a set is one 도로명코드 file and, for a province,
/// one 도로명주소 file; the whole country is seventeen).
pub const MAX_FILES: usize = 24;

/// Whether `id` names a set's folder: lowercase ASCII letters, digits and `-`, as juso.go.kr
/// names its provinces (`seoul`, `gyunggi`, …).
pub fn plain_set(id: &str) -> bool {
    !id.is_empty() && id.len() <= 32 && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Whether `name` is a file a set may hold; the reason when not.
pub fn file_name_problem(name: &str) -> Option<Problem> {
    let shown: String = name.chars().take(100).collect();
    let located = |detail: &str| Some(Problem { sheet: Some(shown.clone()), ..Problem::new("address.file", detail) });
    if minwon_core::paths::plain_relative(name).is_none() || name.contains('/') {
        return located("a file name of ASCII letters, digits, '-', '_' and '.', as juso.go.kr names its files");
    }
    match layout_of(name) {
        Ok(_) => None,
        Err(why) => located(why),
    }
}

/// One admin's upload folder: files wait here until they are checked as a set.
#[derive(Debug, Clone)]
pub struct Uploads {
    dir: PathBuf,
}

/// A file being received: written to `<name>.part`, renamed to its name by [`Receiving::finish`];
/// dropped unfinished, the part is removed.
#[derive(Debug)]
pub struct Receiving {
    file: Option<std::fs::File>,
    part: PathBuf,
    whole: PathBuf,
    written: u64,
}

/// Disk full (ENOSPC) is the admin's to fix, not a fault of the hub: it has its own code.
fn disk(e: std::io::Error) -> HubError {
    if e.raw_os_error() == Some(28) {
        HubError::DiskFull
    } else {
        HubError::Io(e)
    }
}

impl Receiving {
    /// Appends a piece of the body; refuses past [`MAX_FILE_BYTES`].
    pub fn write(&mut self, bytes: &[u8]) -> Result<(), HubError> {
        use std::io::Write;
        self.written += bytes.len() as u64;
        if self.written > MAX_FILE_BYTES {
            return Err(HubError::TooLarge);
        }
        let file = self.file.as_mut().ok_or_else(|| HubError::Io(std::io::Error::other("closed")))?;
        file.write_all(bytes).map_err(disk)
    }

    /// Flushes the file and gives it its name; returns its size.
    pub fn finish(mut self) -> Result<u64, HubError> {
        let file = self.file.take().ok_or_else(|| HubError::Io(std::io::Error::other("closed")))?;
        file.sync_all().map_err(disk)?;
        drop(file);
        std::fs::rename(&self.part, &self.whole)?;
        Ok(self.written)
    }
}

impl Drop for Receiving {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = std::fs::remove_file(&self.part);
        }
    }
}

impl Uploads {
    /// The folder of `admin` (named by a hash: an admin's name never becomes a path).
    pub fn of(data_dir: &Path, admin: &str) -> Uploads {
        let hash: String = Sha256::digest(admin.as_bytes()).iter().take(8).map(|b| format!("{b:02x}")).collect();
        Uploads { dir: data_dir.join("address-uploads").join(hash) }
    }

    /// The files waiting, by name, with their sizes.
    pub fn list(&self) -> Vec<(String, u64)> {
        let mut out: Vec<(String, u64)> = std::fs::read_dir(&self.dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().to_str()?.to_owned();
                (!name.ends_with(".part")).then_some((name, e.metadata().ok()?.len()))
            })
            .collect();
        out.sort();
        out
    }

    pub fn clear(&self) -> Result<(), HubError> {
        match std::fs::remove_dir_all(&self.dir) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(HubError::Io(e)),
            _ => Ok(()),
        }
    }

    /// Starts receiving `name` (replacing a waiting file of that name); the name is checked first.
    pub fn receive(&self, name: &str) -> Result<Receiving, Result<HubError, Problem>> {
        if let Some(p) = file_name_problem(name) {
            return Err(Err(p));
        }
        let waiting = self.list();
        if waiting.len() >= MAX_FILES && !waiting.iter().any(|(n, _)| n == name) {
            return Err(Ok(HubError::TooLarge));
        }
        crate::keys::create_private_dirs(&self.dir).map_err(|e| Ok(disk(e)))?;
        let part = self.dir.join(format!("{name}.part"));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options.open(&part).map_err(|e| Ok(disk(e)))?;
        Ok(Receiving { file: Some(file), part, whole: self.dir.join(name), written: 0 })
    }

    /// Checks the waiting files as set `set` (named `name`, from `source`) and, when they pass,
    /// puts them into the draft in place of any set of that id. The waiting files are taken.
    pub fn put_set(
        &self,
        publisher: &Publisher,
        set: &str,
        name: &str,
        source: &str,
    ) -> Result<SetSummary, Vec<Problem>> {
        if !plain_set(set) {
            return Err(vec![Problem::new(
                "address.set-id",
                "a set's id is lowercase letters, digits and '-' (seoul)",
            )]);
        }
        let (name, source) = (name.trim(), source.trim());
        if name.is_empty() || name.chars().count() > 80 || source.is_empty() || source.chars().count() > 200 {
            return Err(vec![Problem::new(
                "address.manifest",
                "a set has a name (80 characters at most) and a source",
            )]);
        }
        let waiting = self.list();
        if waiting.is_empty() {
            return Err(vec![Problem::new("address.no-files", "upload the set's files first")]);
        }
        let mut manifest = toml::Table::new();
        manifest.insert("name".into(), name.into());
        manifest.insert("source".into(), source.into());
        let manifest = manifest.to_string();

        // The set alone first: its problems located by file, line and column.
        let read: Vec<(String, Vec<u8>)> = waiting
            .iter()
            .map(|(n, _)| Ok((n.clone(), std::fs::read(self.dir.join(n))?)))
            .collect::<std::io::Result<_>>()
            .map_err(|e| vec![Problem::new("tree.io", format!("{}", e.kind()))])?;
        let (mut codes, mut buildings) = (Vec::new(), Vec::new());
        for (n, bytes) in &read {
            match layout_of(n) {
                Ok(Layout::RoadCode) => codes.push((n.as_str(), bytes.as_slice())),
                Ok(Layout::RoadAddress) => buildings.push((n.as_str(), bytes.as_slice())),
                Err(_) => {}
            }
        }
        let summary = check_set(&manifest, &codes, &buildings).map_err(|problems| {
            problems
                .into_iter()
                .map(|(file, p)| Problem {
                    code: p.code,
                    sheet: (!file.is_empty()).then_some(file),
                    row: u32::try_from(p.line).ok(),
                    column: p.column.map(|c| c.to_string()),
                    detail: p.detail,
                })
                .collect::<Vec<_>>()
        })?;
        drop(read);

        let folder = format!("assets/address/{set}");
        publisher.change_draft(|scratch| {
            let target = scratch.join(&folder);
            let io = |e: std::io::Error| vec![Problem::new("tree.io", format!("{}", e.kind()))];
            let _ = std::fs::remove_dir_all(&target);
            crate::keys::create_private_dirs(&target).map_err(io)?;
            for (n, _) in &waiting {
                if std::fs::hard_link(self.dir.join(n), target.join(n)).is_err() {
                    std::fs::copy(self.dir.join(n), target.join(n)).map_err(io)?;
                }
            }
            crate::publish::write_synced(&target.join("manifest.toml"), manifest.as_bytes()).map_err(io)?;
            Ok(())
        })?;
        let _ = self.clear();
        Ok(summary)
    }
}

/// Takes set `set` out of the draft.
pub fn remove_set(publisher: &Publisher, set: &str) -> Result<(), Vec<Problem>> {
    if !plain_set(set) {
        return Err(vec![Problem::new("address.set-id", "a set's id is lowercase letters, digits and '-' (seoul)")]);
    }
    publisher.change_draft(|scratch| {
        let target = scratch.join("assets/address").join(set);
        if !target.is_dir() {
            return Err(vec![Problem::new("address.set-id", format!("no set {set}"))]);
        }
        std::fs::remove_dir_all(&target).map_err(|e| vec![Problem::new("tree.io", format!("{}", e.kind()))])
    })
}

/// The sets of a checked tree with the size of their files on disk.
pub fn sets(publisher: &Publisher) -> Result<Vec<(String, SetSummary, u64)>, HubError> {
    let working = publisher.working();
    let tree = publisher.checked_working().map_err(|_| HubError::Form("the working tree does not load".into()))?;
    Ok(tree
        .addresses
        .iter()
        .map(|(id, s)| {
            let bytes = std::fs::read_dir(working.join("assets/address").join(id))
                .into_iter()
                .flatten()
                .flatten()
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum();
            (id.clone(), s.clone(), bytes)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_sets_file_names_are_taken() {
        for ok in ["road_code_total.txt", "rnaddrkor_seoul.txt", "RNADDRKOR_SEJONG.TXT"] {
            assert_eq!(file_name_problem(ok), None, "{ok}");
        }
        for bad in [
            "../rnaddrkor_seoul.txt",
            "a/rnaddrkor_seoul.txt",
            ".rnaddrkor.txt",
            "jibun_rnaddrkor_seoul.txt",
            "x.txt",
            "rnaddrkor.zip",
            "도로명.txt",
            "",
        ] {
            let p = file_name_problem(bad).unwrap_or_else(|| panic!("{bad} refused"));
            assert_eq!(p.code, "address.file", "{bad}");
        }
        assert!(
            plain_set("seoul")
                && plain_set("gyunggi-2026")
                && !plain_set("Seoul")
                && !plain_set("../x")
                && !plain_set("")
        );
    }
}
