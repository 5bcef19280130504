//! Authoring and publishing: the hub's asset tree, the draft an admin edits, and the signed,
//! versioned form bundles kiosks pull.
//!
//! The tree (`tree/`) is what was published last, laid out like the repository (`assets/forms`,
//! `assets/sign`, `assets/voice`, `locales/<lang>/<surface>.ftl`); it is seeded from the installed
//! assets on the first start. An upload changes a copy (`draft/`) only after the changed copy
//! passes every check a kiosk would make (forms parse, every text exists in Korean, clips match
//! their manifest), so the draft is always publishable. Publishing freezes the draft into
//! `bundles/<version>/` with its manifest and Ed25519 signature, records it for a kiosk group and
//! makes it the new tree.

use crate::error::HubError;
use crate::store::HubStore;
pub use minwon_core::bundle::Audience as Target;
use minwon_core::bundle::{is_bundle_path, render_manifest, sign};
use minwon_core::i18n::replace_messages;
use minwon_core::sign::{ClipEntry, SignManifest};
use minwon_core::tree::{AssetTree, TreeFiles};
use minwon_core::{Catalog, Locale, Localizer};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The message surfaces a bundle carries (the kiosk's and the mirror's).
pub const SURFACES: [&str; 5] = ["kiosk", "forms", "errors", "guide", "mirror"];
/// How long a published bundle stays valid if the hub says nothing newer.
pub const DEFAULT_VALID_DAYS: u64 = 90;

/// Something wrong with an upload, located as precisely as the source allows. No personal data:
/// `detail` names ids, files and rules, never a value a visitor typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Stable: `xlsform.*`, `form.*`, `text.*`, `clip.*`.
    pub code: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// 1-based, as the spreadsheet shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    pub detail: String,
}

impl Problem {
    pub fn new(code: &'static str, detail: impl Into<String>) -> Problem {
        Problem { code, sheet: None, row: None, column: None, detail: detail.into() }
    }
}

/// What an upload defines: a kiosk form (texts in `forms.ftl`) or a mirror topic (`mirror.ftl`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Kind {
    #[default]
    Form,
    Topic,
}

impl Kind {
    fn folder(self) -> &'static str {
        match self {
            Kind::Form => "assets/forms",
            Kind::Topic => "assets/topics",
        }
    }

    fn surface(self) -> &'static str {
        match self {
            Kind::Form => "forms",
            Kind::Topic => "mirror",
        }
    }

    /// The definition's id, its title id (the prefix of its own messages), and its message ids
    /// (without attributes).
    fn parse(self, file: &str, text: &str) -> Result<(String, String, BTreeSet<String>), minwon_core::CoreError> {
        let base =
            |ids: Vec<String>| ids.into_iter().map(|m| m.split('.').next().unwrap_or_default().to_owned()).collect();
        match self {
            Kind::Form => {
                let f = minwon_core::Form::parse(file, text)?;
                Ok((f.id.0.clone(), f.title_id(), base(f.message_ids())))
            }
            Kind::Topic => {
                let t = minwon_core::topic::Topic::parse(file, text)?;
                Ok((t.id.clone(), t.title_id(), base(t.message_ids())))
            }
        }
    }
}

/// One form or topic, as an admin uploads it (our TOML, or converted from a spreadsheet).
#[derive(Debug, Clone, Default)]
pub struct FormUpload {
    pub kind: Kind,
    /// The definition: a form (docs/forms.md) or a topic (`minwon_core::topic`), as TOML.
    pub form_toml: String,
    /// Its messages per locale, as FTL (they replace its messages there).
    pub texts: Vec<(Locale, String)>,
    /// Extra files (voice prompts, sign clips) by bundle path.
    pub media: Vec<(String, Vec<u8>)>,
    /// Sign clips to (re)list: (sign language, clip id, file name in its folder).
    pub clips: Vec<(String, String, String)>,
    /// What the upload asked for that the kiosk ignores (a column, a language, a setting), each
    /// located, for the admin to read before publishing.
    pub warnings: Vec<Problem>,
}

/// A published bundle as the hub lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Published {
    pub version: u64,
    pub group: String,
    pub created: u64,
    pub expires: u64,
    pub admin: String,
    pub note: String,
}

#[derive(Debug)]
pub struct Publisher {
    dir: PathBuf,
    /// Held by whatever changes the draft, the tree or the bundles: two uploads, or an upload and
    /// a publish, never interleave their renames.
    changing: std::sync::Mutex<()>,
    /// The last tree checked, by its folder's identity: a tree is never changed in place (a change
    /// is a new folder renamed into place), so the same folder is the same tree.
    checked: std::sync::Mutex<Vec<(TreeStamp, std::sync::Arc<CheckedTree>)>>,
}

/// Which folder a tree is: its inode and change time when it was checked (a rename keeps both, so
/// the draft is still the folder that was checked as its scratch copy).
#[derive(Debug, Clone, PartialEq, Eq)]
struct TreeStamp {
    inode: u64,
    changed: Option<std::time::SystemTime>,
}

impl TreeStamp {
    fn of(path: &Path) -> Option<TreeStamp> {
        let meta = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(TreeStamp { inode, changed: meta.modified().ok() })
    }
}

/// How [`copy_tree`] makes each file: a hard link (the hub's own trees, whose files are never
/// changed in place, see [`write_synced`]) or a copy (the installed assets it is seeded from).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Copy {
    Link,
    Bytes,
}

fn copy_tree(from: &Path, to: &Path, how: Copy) -> std::io::Result<()> {
    crate::keys::create_private_dirs(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target, how)?;
        } else if how == Copy::Bytes || std::fs::hard_link(entry.path(), &target).is_err() {
            std::fs::copy(entry.path(), &target)?;
            private(&target)?;
        }
    }
    Ok(())
}

/// Mode 0600: every file in the hub's data folder is its user's alone.
fn private(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}

/// Writes a file whole and flushes it: into a new file renamed over the old one, never into the
/// old one, so a tree that shares the old file by a hard link keeps what it had.
pub(crate) fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().ok_or_else(|| std::io::Error::other("a file has a folder"))?;
    crate::keys::create_private_dirs(dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let fresh = dir.join(format!(".{name}.new"));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut f = options.open(&fresh)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    std::fs::rename(&fresh, path)
}

/// Every file of a tree a bundle carries, by bundle path, sorted.
pub fn tree_files(root: &Path) -> Result<Vec<(String, Vec<u8>)>, HubError> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                walk(root, &entry.path(), out)?;
            } else if let Ok(rel) = entry.path().strip_prefix(root) {
                let rel = rel.to_string_lossy().replace('\\', "/");
                if is_bundle_path(&rel) {
                    out.push((rel, std::fs::read(entry.path())?));
                }
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    for top in ["assets", "locales"] {
        if root.join(top).is_dir() {
            walk(root, &root.join(top), &mut out)?;
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// What a checked tree holds: its forms, its topics and every surface's texts.
#[derive(Debug)]
pub struct CheckedTree {
    pub catalog: Catalog,
    pub topics: Vec<minwon_core::topic::Topic>,
    pub l10n: Localizer,
    /// Road-name address sets by folder name.
    pub addresses: std::collections::BTreeMap<String, minwon_core::address::SetSummary>,
}

/// The check a kiosk makes when it loads a bundle (core's one check of a tree), made strict:
/// nothing is published while any problem is left, each one located by its file.
pub fn check_tree(root: &Path) -> Result<CheckedTree, Vec<Problem>> {
    let files: TreeFiles =
        tree_files(root).map_err(|_| vec![Problem::new("tree.io", "the tree does not read")])?.into_iter().collect();
    let tree = AssetTree::check(&files).map_err(|ps| {
        ps.into_iter().map(|p| Problem::new(p.code, format!("{}: {}", p.path, p.detail))).collect::<Vec<_>>()
    })?;
    let l10n = tree.localizer(&SURFACES);
    Ok(CheckedTree { catalog: tree.catalog, topics: tree.topics, l10n, addresses: tree.addresses })
}

fn hex(bytes: &[u8]) -> String {
    crate::keys::hex(bytes)
}

fn io(e: std::io::Error) -> Vec<Problem> {
    vec![Problem::new("tree.io", format!("{}", e.kind()))]
}

impl Publisher {
    /// Opens the hub's authoring area under `data_dir`, seeding the tree from `seed` (a folder
    /// with `assets/` and `locales/`) on the first start.
    pub fn open(data_dir: &Path, seed: &Path) -> Result<Publisher, HubError> {
        let p = Publisher {
            dir: data_dir.to_owned(),
            changing: std::sync::Mutex::new(()),
            checked: std::sync::Mutex::new(Vec::new()),
        };
        if !p.tree().exists() {
            let staging = data_dir.join("tree-seed");
            let _ = std::fs::remove_dir_all(&staging);
            for sub in ["assets/forms", "assets/topics", "assets/sign", "assets/voice", "assets/address"] {
                if seed.join(sub).is_dir() {
                    copy_tree(&seed.join(sub), &staging.join(sub), Copy::Bytes)?;
                }
            }
            for locale in Locale::ALL {
                for surface in SURFACES {
                    let rel = format!("locales/{}/{surface}.ftl", locale.tag());
                    if let Ok(bytes) = std::fs::read(seed.join(&rel)) {
                        write_synced(&staging.join(&rel), &bytes)?;
                    }
                }
            }
            std::fs::rename(&staging, p.tree())?;
        }
        Ok(p)
    }

    pub fn tree(&self) -> PathBuf {
        self.dir.join("tree")
    }

    fn draft(&self) -> PathBuf {
        self.dir.join("draft")
    }

    pub fn has_draft(&self) -> bool {
        self.draft().is_dir()
    }

    /// The draft if there is one, else the published tree.
    pub fn working(&self) -> PathBuf {
        if self.has_draft() {
            self.draft()
        } else {
            self.tree()
        }
    }

    /// The working tree, checked (once per change of it: the address sets make a check cost seconds).
    pub fn checked_working(&self) -> Result<std::sync::Arc<CheckedTree>, Vec<Problem>> {
        let working = self.working();
        self.checked(&working)
    }

    /// The published tree, checked.
    pub fn checked_tree(&self) -> Result<std::sync::Arc<CheckedTree>, Vec<Problem>> {
        self.checked(&self.tree())
    }

    fn checked(&self, root: &Path) -> Result<std::sync::Arc<CheckedTree>, Vec<Problem>> {
        let stamp = TreeStamp::of(root);
        let cache = || self.checked.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((_, tree)) = cache().iter().find(|(s, _)| Some(s) == stamp.as_ref()) {
            return Ok(tree.clone());
        }
        let tree = std::sync::Arc::new(check_tree(root)?);
        if let Some(stamp) = stamp {
            let mut cache = cache();
            // The published tree, the draft and a scratch copy.
            if cache.len() >= 3 {
                cache.remove(0);
            }
            cache.push((stamp, tree.clone()));
        }
        Ok(tree)
    }

    fn changing(&self) -> std::sync::MutexGuard<'_, ()> {
        self.changing.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn discard_draft(&self) -> Result<(), HubError> {
        let _changing = self.changing();
        if self.has_draft() {
            std::fs::remove_dir_all(self.draft())?;
        }
        Ok(())
    }

    /// Puts one form or topic (new or replaced) into the draft; the draft changes only if all
    /// checks pass. Returns its id.
    pub fn put_form(&self, upload: &FormUpload) -> Result<String, Vec<Problem>> {
        let kind = upload.kind;
        let invalid = |e: minwon_core::CoreError| {
            vec![Problem::new(if kind == Kind::Form { "form.invalid" } else { "topic.invalid" }, e.to_string())]
        };
        let (id, title_id, new_ids) = kind.parse("upload", &upload.form_toml).map_err(invalid)?;
        self.change_draft(|scratch| {
            // The definition's file: the one that held this id before, or a new one after the last.
            let folder = scratch.join(kind.folder());
            crate::keys::create_private_dirs(&folder).map_err(io)?;
            let mut existing: Vec<PathBuf> =
                std::fs::read_dir(&folder).map_err(io)?.flatten().map(|e| e.path()).collect();
            existing.sort();
            let mut old_ids = BTreeSet::new();
            let mut target = None;
            for path in &existing {
                let Ok(text) = std::fs::read_to_string(path) else { continue };
                if let Ok((old_id, _, ids)) = kind.parse("existing", &text) {
                    if old_id == id {
                        old_ids.extend(ids);
                        target = Some(path.clone());
                    }
                }
            }
            let target = target.unwrap_or_else(|| {
                let last = existing
                    .iter()
                    .filter_map(|p| p.file_name()?.to_str()?.split('-').next()?.parse::<u32>().ok())
                    .max()
                    .unwrap_or(0);
                folder.join(format!("{}-{id}.toml", last / 10 * 10 + 10))
            });
            write_synced(&target, upload.form_toml.as_bytes()).map_err(io)?;

            let mut remove = old_ids;
            remove.extend(new_ids);
            // Messages borrowed from elsewhere (`forms-common-…`) are not the definition's to replace.
            remove.retain(|m| m == &title_id || m.starts_with(&format!("{title_id}-")));
            let mut problems = Vec::new();
            for (locale, ftl) in &upload.texts {
                let path = scratch.join("locales").join(locale.tag()).join(format!("{}.ftl", kind.surface()));
                let source = std::fs::read_to_string(&path).unwrap_or_default();
                match replace_messages(&source, &remove, ftl) {
                    Ok(text) => write_synced(&path, text.as_bytes()).map_err(io)?,
                    Err(e) => problems.push(Problem::new("text.invalid", format!("{}: {e}", locale.tag()))),
                }
            }
            for (path, bytes) in &upload.media {
                if !is_bundle_path(path) || !(path.starts_with("assets/sign/") || path.starts_with("assets/voice/")) {
                    problems.push(Problem::new("media.path", path.clone()));
                    continue;
                }
                write_synced(&scratch.join(path), bytes).map_err(io)?;
            }
            for (language, clip, file) in &upload.clips {
                let dir = scratch.join("assets/sign").join(language);
                let manifest_path = dir.join("manifest.toml");
                let mut manifest = match std::fs::read_to_string(&manifest_path) {
                    Ok(t) => SignManifest::parse("manifest.toml", &t)
                        .map_err(|e| vec![Problem::new("clip.manifest", e.to_string())])?,
                    Err(_) => {
                        SignManifest { language: language.clone(), name: language.clone(), clips: Default::default() }
                    }
                };
                match std::fs::read(dir.join(file)) {
                    Ok(bytes) => {
                        let entry = ClipEntry {
                            id: clip.clone(),
                            file: file.clone(),
                            sha256: hex(&Sha256::digest(&bytes)),
                            sample: false,
                        };
                        manifest.clips.insert(clip.clone(), entry);
                        write_synced(&manifest_path, manifest.render().as_bytes()).map_err(io)?;
                    }
                    Err(_) => problems.push(Problem::new("clip.missing", format!("{language}: {file}"))),
                }
            }
            if problems.is_empty() {
                Ok(id.clone())
            } else {
                Err(problems)
            }
        })
    }

    /// Changes a copy of the working tree with `change` and makes it the draft only if the change
    /// and then the whole tree check pass; otherwise the draft stays as it was. The copy shares the
    /// working tree's files by hard links (every write replaces a file, see [`write_synced`]), so a
    /// large address set costs no copy.
    pub(crate) fn change_draft<T>(
        &self,
        change: impl FnOnce(&Path) -> Result<T, Vec<Problem>>,
    ) -> Result<T, Vec<Problem>> {
        let _changing = self.changing();
        let scratch = self.dir.join("draft.new");
        let _ = std::fs::remove_dir_all(&scratch);
        copy_tree(&self.working(), &scratch, Copy::Link).map_err(io)?;
        let changed = change(&scratch).and_then(|t| self.checked(&scratch).map(|_| t));
        let value = match changed {
            Ok(v) => v,
            Err(problems) => {
                let _ = std::fs::remove_dir_all(&scratch);
                return Err(problems);
            }
        };
        let old = self.dir.join("draft.old");
        let _ = std::fs::remove_dir_all(&old);
        if self.has_draft() {
            std::fs::rename(self.draft(), &old).map_err(io)?;
        }
        std::fs::rename(&scratch, self.draft()).map_err(io)?;
        let _ = std::fs::remove_dir_all(&old);
        Ok(value)
    }

    fn bundle_dir(&self, version: u64) -> PathBuf {
        self.dir.join("bundles").join(version.to_string())
    }

    /// Freezes the working tree into a signed bundle for `target` (this hub and a group); the draft
    /// becomes the tree. The store is locked only to number and record the bundle, not while its
    /// files are written and flushed.
    #[allow(clippy::too_many_arguments)] // each is one fact of the publish, named at the call
    pub fn publish(
        &self,
        store: &std::sync::Mutex<HubStore>,
        key: &ed25519_dalek::SigningKey,
        target: Target<'_>,
        admin: &str,
        note: &str,
        now: u64,
        valid_days: u64,
    ) -> Result<u64, HubError> {
        let group = target.group;
        let _changing = self.changing();
        let working = self.working();
        self.checked(&working)
            .map_err(|p| HubError::Form(p.into_iter().map(|p| p.detail).collect::<Vec<_>>().join("; ")))?;
        let files = tree_files(&working)?;
        let last: Option<i64> =
            crate::server::lock(store).conn().query_row("SELECT max(version) FROM bundles", [], |r| r.get(0))?;
        let version = last.unwrap_or(0) as u64 + 1;
        let expires = now + valid_days * 86_400_000;
        let manifest =
            render_manifest(version, now, expires, target, files.iter().map(|(p, b)| (p.as_str(), b.as_slice())));
        let signature = sign(key, manifest.as_bytes());
        let staging = self.dir.join("bundles").join(format!("staging-{version}"));
        let _ = std::fs::remove_dir_all(&staging);
        for (path, bytes) in &files {
            // A published file is never changed: the bundle shares the tree's by a hard link.
            let target = staging.join("files").join(path);
            if let Some(dir) = target.parent() {
                crate::keys::create_private_dirs(dir)?;
            }
            if std::fs::hard_link(working.join(path), &target).is_err() {
                write_synced(&target, bytes)?;
            }
        }
        write_synced(&staging.join("manifest.toml"), manifest.as_bytes())?;
        write_synced(&staging.join("manifest.sig"), signature.as_bytes())?;
        std::fs::rename(&staging, self.bundle_dir(version))?;
        let mut store = crate::server::lock(store);
        let tx = store.conn_mut().transaction()?;
        tx.execute(
            "INSERT INTO bundles (version, kiosk_group, created, expires, admin, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![version as i64, group, now as i64, expires as i64, admin, note],
        )?;
        tx.execute(
            "INSERT INTO audit (time, admin, action, detail) VALUES (?1, ?2, 'publish', ?3)",
            params![now as i64, admin, format!("version {version} to {group}: {note}")],
        )?;
        tx.commit()?;
        if self.has_draft() {
            let old = self.dir.join("tree-old");
            let _ = std::fs::remove_dir_all(&old);
            std::fs::rename(self.tree(), &old)?;
            std::fs::rename(self.draft(), self.tree())?;
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(version)
    }

    /// The newest bundle for a kiosk of `group` (published to it or to `all`), if newer than `have`.
    pub fn offer(&self, store: &HubStore, group: &str, have: Option<u64>) -> Result<Option<u64>, HubError> {
        let v: Option<i64> = store
            .conn()
            .query_row("SELECT max(version) FROM bundles WHERE kiosk_group IN (?1, 'all')", [group], |r| r.get(0))
            .optional()?
            .flatten();
        Ok(v.map(|v| v as u64).filter(|v| have.is_none_or(|h| *v > h)))
    }

    /// Whether `version` was published to `group` (or to all).
    pub fn published_to(&self, store: &HubStore, version: u64, group: &str) -> Result<bool, HubError> {
        let g: Option<String> = store
            .conn()
            .query_row("SELECT kiosk_group FROM bundles WHERE version = ?1", [version as i64], |r| r.get(0))
            .optional()?;
        Ok(g.is_some_and(|g| g == group || g == "all"))
    }

    /// A bundle's manifest and signature.
    pub fn manifest(&self, version: u64) -> Result<(String, String), HubError> {
        let dir = self.bundle_dir(version);
        let m = std::fs::read_to_string(dir.join("manifest.toml")).map_err(|_| HubError::NotFound)?;
        let s = std::fs::read_to_string(dir.join("manifest.sig")).map_err(|_| HubError::NotFound)?;
        Ok((m, s))
    }

    /// One file of a bundle (`path` checked: no way out of the bundle).
    pub fn file(&self, version: u64, path: &str) -> Result<Vec<u8>, HubError> {
        if !is_bundle_path(path) {
            return Err(HubError::NotFound);
        }
        std::fs::read(self.bundle_dir(version).join("files").join(path)).map_err(|_| HubError::NotFound)
    }

    pub fn published(&self, store: &HubStore) -> Result<Vec<Published>, HubError> {
        let mut stmt = store
            .conn()
            .prepare("SELECT version, kiosk_group, created, expires, admin, note FROM bundles ORDER BY version DESC")?;
        let rows = stmt.query_map([], |r| {
            Ok(Published {
                version: r.get::<_, i64>(0)? as u64,
                group: r.get(1)?,
                created: r.get::<_, i64>(2)? as u64,
                expires: r.get::<_, i64>(3)? as u64,
                admin: r.get(4)?,
                note: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
