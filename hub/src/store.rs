//! The hub's SQLite store: every submission kept once, under the kiosk's own submission id.
//!
//! The submission id is a permanent unique key. A resend with the same id and the same sealed
//! content (a kiosk that lost the acknowledgement, or crashed before deleting its row) gets the
//! original acknowledgement; the same id with other content is a conflict, never an overwrite.
//! The other tables (the fleet, admin accounts, the audit log, published bundles) are in the same
//! file; their methods live beside their domain (`fleet.rs`, `accounts.rs`, `publish.rs`).

use crate::error::HubError;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use sha2::{Digest, Sha256};
use std::path::Path;

pub use minwon_core::wire::{Ack, AckStatus, SealedSubmission};

/// A submission the hub checked (`reading::accept`): its sealed bytes open with the agency key
/// under its id, form and receipt number. Still stored sealed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    pub id: String,
    pub form: String,
    pub receipt: String,
    pub sealed: Vec<u8>,
}

/// A stored submission, still sealed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub id: String,
    pub kiosk_id: String,
    pub form_id: String,
    pub receipt: Option<String>,
    pub received: u64,
    pub sealed: Vec<u8>,
}

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = 2;

pub struct HubStore {
    conn: Connection,
}

impl std::fmt::Debug for HubStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HubStore")
    }
}

pub(crate) fn plain_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= 64 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// A receipt number as kiosks issue them (`A-0001`).
pub(crate) fn receipt_like(s: &str) -> bool {
    !s.is_empty() && s.len() <= 16 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

impl HubStore {
    /// Opens (or creates) the store. The file is made mode 0600 before SQLite writes to it, and
    /// SQLite gives its `-wal` and `-shm` files the same mode: session hashes, CSRF tokens and the
    /// audit log are the hub user's alone.
    pub fn open(path: &Path) -> Result<HubStore, HubError> {
        let mut create = std::fs::OpenOptions::new();
        create.write(true).create(true).truncate(false);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut create, 0o600);
        drop(create.open(path)?);
        for suffix in ["", "-wal", "-shm"] {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            crate::keys::private_file(Path::new(&name))?;
        }
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let mut store = HubStore { conn };
        store.migrate()?;
        Ok(store)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    fn migrate(&mut self) -> Result<(), HubError> {
        let found: u32 = self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found > SCHEMA_VERSION {
            return Err(HubError::SchemaTooNew);
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        for version in found..SCHEMA_VERSION {
            match version {
                0 => tx.execute_batch(
                    "CREATE TABLE IF NOT EXISTS submissions (
                        submission_id TEXT PRIMARY KEY,
                        kiosk_id TEXT NOT NULL,
                        form_id TEXT NOT NULL,
                        sealed BLOB NOT NULL,
                        content_sha256 TEXT NOT NULL,
                        received INTEGER NOT NULL
                    );",
                )?,
                1 => tx.execute_batch(
                    "ALTER TABLE submissions ADD COLUMN receipt TEXT;
                    CREATE INDEX submissions_received ON submissions(received);
                    -- Kiosks authenticate with a per-kiosk token; only its SHA-256 is kept.
                    CREATE TABLE kiosks (
                        kiosk_id TEXT PRIMARY KEY,
                        kiosk_group TEXT NOT NULL,
                        token_sha256 TEXT NOT NULL,
                        enrolled INTEGER NOT NULL,
                        last_seen INTEGER,
                        status TEXT
                    );
                    CREATE TABLE heartbeats (
                        kiosk_id TEXT NOT NULL REFERENCES kiosks(kiosk_id),
                        time INTEGER NOT NULL,
                        outbox_depth INTEGER NOT NULL
                    );
                    CREATE INDEX heartbeats_kiosk ON heartbeats(kiosk_id, time);
                    CREATE TABLE alerts (
                        kiosk_id TEXT NOT NULL REFERENCES kiosks(kiosk_id),
                        kind TEXT NOT NULL,
                        screen TEXT NOT NULL,
                        raised INTEGER NOT NULL,
                        received INTEGER NOT NULL,
                        seen_by TEXT,
                        UNIQUE (kiosk_id, kind, raised)
                    );
                    CREATE TABLE admins (
                        name TEXT PRIMARY KEY,
                        password_hash TEXT NOT NULL,
                        created INTEGER NOT NULL,
                        failed_logins INTEGER NOT NULL DEFAULT 0,
                        locked_until INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE TABLE sessions (
                        token_sha256 TEXT PRIMARY KEY,
                        admin TEXT NOT NULL REFERENCES admins(name),
                        csrf TEXT NOT NULL,
                        expires INTEGER NOT NULL
                    );
                    CREATE TABLE audit (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        time INTEGER NOT NULL,
                        admin TEXT NOT NULL,
                        action TEXT NOT NULL,
                        detail TEXT NOT NULL
                    );
                    CREATE TABLE bundles (
                        version INTEGER PRIMARY KEY,
                        kiosk_group TEXT NOT NULL,
                        created INTEGER NOT NULL,
                        expires INTEGER NOT NULL,
                        admin TEXT NOT NULL,
                        note TEXT NOT NULL
                    );",
                )?,
                _ => unreachable!("no migration from {version}"), // invariant: loop bound is SCHEMA_VERSION
            }
        }
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        tx.commit()?;
        Ok(())
    }

    /// Stores a batch in one transaction; one acknowledgement per submission, in order.
    pub fn ingest(&mut self, kiosk: &str, batch: &[Accepted], now_ms: u64) -> Result<Vec<Ack>, HubError> {
        if !plain_id(kiosk) {
            return Err(HubError::BadSubmission("kiosk id"));
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut acks = Vec::with_capacity(batch.len());
        for s in batch {
            if !plain_id(&s.id) || !minwon_core::form::is_form_id(&s.form) || !receipt_like(&s.receipt) {
                return Err(HubError::BadSubmission("id"));
            }
            let sum = sha256_hex(&s.sealed);
            let inserted = tx.execute(
                "INSERT INTO submissions (submission_id, kiosk_id, form_id, sealed, content_sha256, received, receipt)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(submission_id) DO NOTHING",
                params![s.id, kiosk, s.form, s.sealed, sum, now_ms as i64, s.receipt],
            )?;
            let (stored_sum, received): (String, i64) = tx.query_row(
                "SELECT content_sha256, received FROM submissions WHERE submission_id = ?1",
                [&s.id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let status = match (inserted, stored_sum == sum) {
                (1, _) => AckStatus::Stored,
                (_, true) => AckStatus::Duplicate,
                _ => AckStatus::Conflict,
            };
            acks.push(Ack { id: s.id.clone(), status, received: received as u64, sha256: stored_sum, code: None });
        }
        tx.commit()?;
        Ok(acks)
    }

    pub fn count(&self) -> Result<u64, HubError> {
        Ok(self.conn.query_row("SELECT COUNT(*) FROM submissions", [], |r| r.get::<_, i64>(0))? as u64)
    }

    /// Stored submissions, newest first; `form`: only that form's.
    pub fn submissions(&self, form: Option<&str>, limit: usize) -> Result<Vec<Stored>, HubError> {
        self.submissions_page(form, None, None, limit)
    }

    /// One page of stored submissions, newest first: those before `before` (the last row of the
    /// previous page: its received time and id), of one kiosk if `kiosk` is given.
    pub fn submissions_page(
        &self,
        form: Option<&str>,
        kiosk: Option<&str>,
        before: Option<(u64, &str)>,
        limit: usize,
    ) -> Result<Vec<Stored>, HubError> {
        let mut stmt = self.conn.prepare(
            "SELECT submission_id, kiosk_id, form_id, receipt, received, sealed FROM submissions
             WHERE (?1 IS NULL OR form_id = ?1) AND (?2 IS NULL OR kiosk_id = ?2)
               AND (?3 IS NULL OR received < ?3 OR (received = ?3 AND submission_id > ?4))
             ORDER BY received DESC, submission_id LIMIT ?5",
        )?;
        let (before_time, before_id) = match before {
            Some((t, id)) => (Some(t as i64), Some(id)),
            None => (None, None),
        };
        let rows = stmt.query_map(params![form, kiosk, before_time, before_id, limit as i64], |r| {
            Ok(Stored {
                id: r.get(0)?,
                kiosk_id: r.get(1)?,
                form_id: r.get(2)?,
                receipt: r.get(3)?,
                received: r.get::<_, i64>(4)? as u64,
                sealed: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every stored submission id, sorted (for checks that each arrived once).
    pub fn ids(&self) -> Result<Vec<String>, HubError> {
        let mut stmt = self.conn.prepare("SELECT submission_id FROM submissions ORDER BY submission_id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The sealed payload of a submission (for the admin pages, which open it with the agency key).
    pub fn sealed(&self, id: &str) -> Result<Option<Vec<u8>>, HubError> {
        Ok(self
            .conn
            .query_row("SELECT sealed FROM submissions WHERE submission_id = ?1", [id], |r| r.get(0))
            .optional()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sub(id: &str, content: &[u8]) -> Accepted {
        Accepted { id: id.into(), form: "lost-item-report".into(), sealed: content.to_vec(), receipt: "A-0001".into() }
    }

    #[test]
    fn each_id_is_stored_once_a_resend_gets_the_first_ack_and_other_content_is_a_conflict() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = HubStore::open(&dir.path().join("hub.sqlite")).expect("opens");
        let acks = store.ingest("kiosk-1", &[sub("a-1", b"one"), sub("a-2", b"two")], 1000).expect("stores");
        assert_eq!(acks.iter().map(|a| a.status).collect::<Vec<_>>(), [AckStatus::Stored, AckStatus::Stored]);
        let again =
            store.ingest("kiosk-1", &[sub("a-1", b"one"), sub("a-2", b"TWO"), sub("a-3", b"three")], 5000).expect("ok");
        assert_eq!(
            again[0],
            Ack {
                id: "a-1".into(),
                status: AckStatus::Duplicate,
                received: 1000,
                sha256: sha256_hex(b"one"),
                code: None
            },
            "the original ack"
        );
        assert_eq!(again[1].status, AckStatus::Conflict);
        assert_eq!(again[2].status, AckStatus::Stored);
        assert_eq!(store.count().expect("count"), 3);
        assert_eq!(store.sealed("a-2").expect("reads"), Some(b"two".to_vec()), "never overwritten");
        assert_eq!(again[1].sha256, sha256_hex(b"two"), "the conflict names what the hub holds");
        for bad in [
            sub("../x", b"x"),
            Accepted { receipt: "A-0001'; --".into(), ..sub("ok-1", b"") },
            Accepted { form: "../forms".into(), ..sub("ok-2", b"") },
            Accepted { form: "_x".into(), ..sub("ok-3", b"") },
        ] {
            assert_eq!(store.ingest("kiosk-1", &[bad], 1).map_err(|e| e.code()), Err("hub.bad-submission"));
        }
        // A form named as ODK names them (`household_move`) is a form id like any other.
        let odk = Accepted { form: "household_move".into(), ..sub("a-4", b"four") };
        assert_eq!(store.ingest("kiosk-1", &[odk], 1).expect("stores")[0].status, AckStatus::Stored);
        let page = store.submissions_page(None, None, None, 2).expect("a page");
        assert_eq!(page.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["a-3", "a-1"], "newest first");
        let last = page.last().expect("a row");
        let next = store.submissions_page(None, None, Some((last.received, &last.id)), 2).expect("the next page");
        assert_eq!(next.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["a-2", "a-4"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            for f in ["hub.sqlite", "hub.sqlite-wal"] {
                let mode = std::fs::metadata(dir.path().join(f)).expect("exists").permissions().mode() & 0o777;
                assert_eq!(mode, 0o600, "{f}");
            }
        }
        // Reopened: the unique key is on disk.
        drop(store);
        let mut store = HubStore::open(&dir.path().join("hub.sqlite")).expect("reopens");
        assert_eq!(store.ingest("kiosk-1", &[sub("a-1", b"one")], 9).expect("ok")[0].status, AckStatus::Duplicate);
    }
}
