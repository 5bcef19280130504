//! The outbox: submissions waiting for the hub, sealed, in SQLite.
//!
//! Shaped like application-services' pending-commands table: a client-made
//! submission id (the idempotency key for the hub), `time_requested`, and
//! `time_sent` (NULL while pending). The receipt number is drawn from a
//! counter in the same transaction that writes the sealed payload, so a
//! receipt is never issued for a submission that was not stored.
//! WAL with `synchronous=FULL`: a stored submission survives a power cut.

use crate::error::EngineError;
use crate::seal::{SealKey, Sealer};
use minwon_core::sealed::Binding;
use minwon_core::session::{Receipt, Submission};
use minwon_core::Timestamp;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use std::path::Path;

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = 3;

/// Receipt letters: no I or O, which read aloud like 1 and 0.
const LETTERS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";

pub struct Outbox {
    conn: Connection,
    key: Sealer,
}

impl std::fmt::Debug for Outbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Outbox")
    }
}

/// One stored row, still sealed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub submission_id: String,
    pub receipt: String,
    pub form_id: String,
    pub time_requested: Timestamp,
    pub sealed: Vec<u8>,
}

impl Pending {
    /// What its sealed payload is bound to.
    pub fn binding(&self) -> Binding<'_> {
        Binding { id: &self.submission_id, form: &self.form_id, receipt: &self.receipt }
    }
}

impl Outbox {
    /// Opens (or creates) the outbox; the file is made mode 0600 before SQLite writes to it (its
    /// `-wal` and `-shm` take the same mode).
    pub fn open(path: &Path, key: impl Into<Sealer>) -> Result<Outbox, EngineError> {
        let mut create = std::fs::OpenOptions::new();
        create.write(true).create(true).truncate(false);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut create, 0o600);
        drop(create.open(path).map_err(EngineError::Key)?);
        let conn = Connection::open(path)?;
        Self::init(conn, key.into())
    }

    pub fn open_in_memory(key: impl Into<Sealer>) -> Result<Outbox, EngineError> {
        Self::init(Connection::open_in_memory()?, key.into())
    }

    fn init(conn: Connection, key: Sealer) -> Result<Outbox, EngineError> {
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Deleted rows are overwritten, not left in free pages.
        conn.pragma_update(None, "secure_delete", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let mut outbox = Outbox { conn, key };
        outbox.migrate()?;
        Ok(outbox)
    }

    fn migrate(&mut self) -> Result<(), EngineError> {
        let found: u32 = self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found > SCHEMA_VERSION {
            return Err(EngineError::SchemaTooNew { found, supported: SCHEMA_VERSION });
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        for version in found..SCHEMA_VERSION {
            match version {
                0 => tx.execute_batch(
                    "CREATE TABLE outbox (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        submission_id TEXT NOT NULL UNIQUE,
                        receipt TEXT NOT NULL UNIQUE,
                        form_id TEXT NOT NULL,
                        form_version INTEGER NOT NULL,
                        time_requested INTEGER NOT NULL,
                        time_sent INTEGER,
                        attempts INTEGER NOT NULL DEFAULT 0,
                        sealed BLOB NOT NULL
                    );
                    CREATE INDEX outbox_unsent ON outbox(time_sent) WHERE time_sent IS NULL;
                    CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);",
                )?,
                // Alerts for staff (a visitor pressed "call staff"): kind and screen only, nothing personal.
                1 => tx.execute_batch(
                    "CREATE TABLE alerts (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        kind TEXT NOT NULL,
                        screen TEXT NOT NULL,
                        time_raised INTEGER NOT NULL,
                        time_sent INTEGER
                    );",
                )?,
                // A row the hub refused (its code): kept, set aside from delivery, counted in heartbeats.
                2 => tx.execute_batch("ALTER TABLE outbox ADD COLUMN refused TEXT;")?,
                _ => unreachable!("no migration from {version}"), // invariant: loop bound is SCHEMA_VERSION
            }
        }
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        tx.commit()?;
        Ok(())
    }

    /// Records an alert for staff (the hub forwards unsent ones to the district office).
    pub fn record_alert(&mut self, kind: &str, screen: &str, now: Timestamp) -> Result<i64, EngineError> {
        self.conn.execute(
            "INSERT INTO alerts (kind, screen, time_raised) VALUES (?1, ?2, ?3)",
            params![kind, screen, now.0 as i64],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Alerts not yet sent to the hub, oldest first: (kind, screen, time raised).
    pub fn unsent_alerts(&self) -> Result<Vec<(String, String, Timestamp)>, EngineError> {
        Ok(self.unsent_alerts_with_seq(100)?.into_iter().map(|(_, k, s, t)| (k, s, t)).collect())
    }

    /// Up to `limit` unsent alerts with their row number (for [`Outbox::alerts_sent`]).
    pub fn unsent_alerts_with_seq(&self, limit: usize) -> Result<Vec<(i64, String, String, Timestamp)>, EngineError> {
        let mut stmt = self.conn.prepare(
            "SELECT seq, kind, screen, time_raised FROM alerts WHERE time_sent IS NULL ORDER BY seq LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, Timestamp(r.get::<_, i64>(3)? as u64)))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The hub has the alerts up to row `seq`.
    pub fn alerts_sent(&mut self, seq: i64, now: Timestamp) -> Result<(), EngineError> {
        self.conn.execute(
            "UPDATE alerts SET time_sent = ?2 WHERE seq <= ?1 AND time_sent IS NULL",
            params![seq, now.0 as i64],
        )?;
        Ok(())
    }

    /// Seals and stores a submission, and issues its receipt, in one transaction.
    pub fn enqueue(&mut self, submission: &Submission, now: Timestamp) -> Result<(String, Receipt), EngineError> {
        let id = uuid::Uuid::new_v4().to_string();
        let json = serde_json::to_vec(submission).map_err(|_| EngineError::Seal)?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let n: i64 = tx.query_row(
            "INSERT INTO counters(name, value) VALUES ('receipt', 1)
             ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value",
            [],
            |r| r.get(0),
        )?;
        let number = receipt_number(n);
        // Sealed in memory, bound to its id, form and receipt number, before anything is written.
        let sealed = self.key.seal(&Binding { id: &id, form: &submission.form.0, receipt: &number }, &json)?;
        tx.execute(
            "INSERT INTO outbox(submission_id, receipt, form_id, form_version, time_requested, sealed)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, number, submission.form.0, submission.form_version, now.0 as i64, sealed],
        )?;
        tx.commit()?;
        Ok((id, Receipt { number, queued_at: now, queue: None }))
    }

    /// The next queue number (번호표) of `day` (`2026-12-03`, the office's date): 1 for the day's
    /// first visitor, counting on across restarts; yesterday's count is dropped.
    pub fn next_queue_number(&mut self, day: &str) -> Result<u64, EngineError> {
        let name = format!("queue:{day}");
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute("DELETE FROM counters WHERE name LIKE 'queue:%' AND name <> ?1", params![name])?;
        let n: i64 = tx.query_row(
            "INSERT INTO counters(name, value) VALUES (?1, 1)
             ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value",
            params![name],
            |r| r.get(0),
        )?;
        tx.commit()?;
        Ok(n as u64)
    }

    /// Submissions not yet acknowledged by the hub, oldest first.
    pub fn unsent(&self, limit: usize) -> Result<Vec<Pending>, EngineError> {
        let mut stmt = self.conn.prepare(
            "SELECT submission_id, receipt, form_id, time_requested, sealed FROM outbox
             WHERE time_sent IS NULL AND refused IS NULL ORDER BY seq LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok(Pending {
                submission_id: r.get(0)?,
                receipt: r.get(1)?,
                form_id: r.get(2)?,
                time_requested: Timestamp(r.get::<_, i64>(3)? as u64),
                sealed: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The hub acknowledged these: their rows go (overwritten on disk: `secure_delete`).
    pub fn delivered(&mut self, ids: &[String]) -> Result<usize, EngineError> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut n = 0;
        for id in ids {
            n += tx.execute("DELETE FROM outbox WHERE submission_id = ?1", [id])?;
        }
        tx.commit()?;
        Ok(n)
    }

    /// A delivery attempt failed for these (kept, counted).
    pub fn attempted(&mut self, ids: &[String]) -> Result<(), EngineError> {
        for id in ids {
            self.conn.execute("UPDATE outbox SET attempts = attempts + 1 WHERE submission_id = ?1", [id])?;
        }
        Ok(())
    }

    /// The time the oldest waiting submission was queued.
    pub fn oldest(&self) -> Result<Option<Timestamp>, EngineError> {
        let t: Option<i64> =
            self.conn
                .query_row(&format!("SELECT min(time_requested) FROM outbox WHERE {WAITING}"), [], |r| r.get(0))?;
        Ok(t.map(|t| Timestamp(t as u64)))
    }

    /// How many receipts were ever issued (the counter survives restarts and deliveries).
    pub fn receipts_issued(&self) -> Result<u64, EngineError> {
        let n: Option<i64> =
            self.conn.query_row("SELECT value FROM counters WHERE name = 'receipt'", [], |r| r.get(0)).optional()?;
        Ok(n.unwrap_or(0) as u64)
    }

    /// Submissions waiting for the hub (not those it refused).
    pub fn depth(&self) -> Result<u64, EngineError> {
        Ok(self.conn.query_row(&format!("SELECT count(*) FROM outbox WHERE {WAITING}"), [], |r| r.get(0))?)
    }

    /// The hub refused this submission (a payload that does not open, a format it no longer
    /// takes): the row is kept, never deleted, and no longer sent, so it cannot block the rest.
    pub fn set_aside(&mut self, id: &str, code: &str) -> Result<(), EngineError> {
        self.conn.execute("UPDATE outbox SET refused = ?2 WHERE submission_id = ?1", params![id, code])?;
        Ok(())
    }

    /// How many submissions the hub refused (kept here for staff).
    pub fn set_aside_count(&self) -> Result<u64, EngineError> {
        Ok(self.conn.query_row(&format!("SELECT count(*) FROM outbox WHERE {SET_ASIDE}"), [], |r| r.get(0))?)
    }

    /// Seals again, with this outbox's sealer, every row sealed with `old` (a kiosk enrolled with a
    /// hub after it ran without one); returns how many. One transaction: all or none.
    pub fn reseal(&mut self, old: &SealKey) -> Result<usize, EngineError> {
        let rows: Vec<(String, String, String, Vec<u8>)> = {
            let mut stmt = self.conn.prepare(
                "SELECT submission_id, form_id, receipt, sealed FROM outbox WHERE substr(sealed, 1, 1) = x'01'",
            )?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        for (id, form, receipt, sealed) in &rows {
            let plain = old.open(id, sealed)?;
            let again = self.key.seal(&Binding { id, form, receipt }, &plain)?;
            tx.execute("UPDATE outbox SET sealed = ?2 WHERE submission_id = ?1", params![id, again])?;
        }
        tx.commit()?;
        Ok(rows.len())
    }

    /// Opens a stored submission (only a kiosk without a hub can: see [`Sealer`]).
    pub fn open_submission(&self, pending: &Pending) -> Result<Submission, EngineError> {
        let json = self.key.open(&pending.binding(), &pending.sealed)?;
        serde_json::from_slice(&json).map_err(|_| EngineError::Seal)
    }

    pub fn receipt_exists(&self, number: &str) -> Result<bool, EngineError> {
        Ok(self.conn.query_row("SELECT 1 FROM outbox WHERE receipt = ?1", [number], |_| Ok(())).optional()?.is_some())
    }

    /// Limits the database size, to test what a full disk does.
    pub fn set_max_pages(&self, pages: u32) -> Result<(), EngineError> {
        self.conn.pragma_update(None, "max_page_count", pages)?;
        Ok(())
    }

    #[doc(hidden)]
    pub fn pragma(&self, name: &str) -> Result<String, EngineError> {
        Ok(self.conn.pragma_query_value(None, name, |r| {
            Ok(match r.get_ref(0)? {
                rusqlite::types::ValueRef::Integer(i) => i.to_string(),
                rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                _ => String::new(),
            })
        })?)
    }
}

/// `A-0001` … `A-9999`, `B-0001` …: short, unambiguous when read aloud.
/// After `Z-9999` (239,976 receipts) the letters start again.
pub fn receipt_number(n: i64) -> String {
    let n = (n.max(1) - 1) as usize;
    let letter = LETTERS[(n / 9999) % LETTERS.len()] as char;
    format!("{letter}-{:04}", n % 9999 + 1)
}

/// What waits in an outbox (no payload is opened to count it), for `minwon-kiosk doctor`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OutboxCounts {
    pub waiting: u64,
    pub oldest: Option<Timestamp>,
    pub set_aside: u64,
}

const WAITING: &str = "time_sent IS NULL AND refused IS NULL";
const SET_ASIDE: &str = "refused IS NOT NULL";

/// Counts the outbox at `path` read-only and without its key (a running kiosk may hold it; WAL
/// lets both read). `None`: no outbox yet.
pub fn count_outbox(path: &Path) -> Result<Option<OutboxCounts>, &'static str> {
    if !path.exists() {
        return Ok(None);
    }
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|_| "outbox.unreadable")?;
    let counts = || -> rusqlite::Result<OutboxCounts> {
        let (waiting, oldest): (u64, Option<i64>) =
            conn.query_row(&format!("SELECT count(*), min(time_requested) FROM outbox WHERE {WAITING}"), [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        let set_aside = conn.query_row(&format!("SELECT count(*) FROM outbox WHERE {SET_ASIDE}"), [], |r| r.get(0))?;
        Ok(OutboxCounts { waiting, oldest: oldest.map(|t| Timestamp(t as u64)), set_aside })
    };
    counts().map(Some).map_err(|_| "outbox.unreadable")
}

#[cfg(test)]
mod tests {
    use super::*;
    use minwon_core::session::{IdentityMethod, SubmittedAnswer};
    use minwon_core::{Answer, FormId, Locale, Provenance};

    fn submission(name: &str) -> Submission {
        Submission {
            form: FormId("lost-item-report".into()),
            form_version: 1,
            locale: Locale::Vi,
            identity: IdentityMethod::Typed,
            answers: vec![SubmittedAnswer {
                instance: None,
                field: "name".into(),
                value: Answer::Text(name.into()),
                provenance: Provenance::Typed,
            }],
            document_checks: None,
            chip_evidence: None,
            completed_at: Timestamp(1),
        }
    }

    #[test]
    fn receipt_numbers_read_well() {
        let cases = [(1, "A-0001"), (427, "A-0427"), (9999, "A-9999"), (10_000, "B-0001"), (8 * 9999 + 1, "J-0001")];
        for (n, want) in cases {
            assert_eq!(receipt_number(n), want, "n = {n}");
        }
        assert_eq!(receipt_number(24 * 9999 + 1), "A-0001", "wraps after Z-9999");
    }

    #[test]
    fn file_outbox_is_durable_and_sealed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("outbox.sqlite");
        let mut outbox = Outbox::open(&path, SealKey::from_bytes(&[1; 32])).expect("opens");
        assert_eq!(outbox.pragma("journal_mode").expect("pragma"), "wal");
        assert_eq!(outbox.pragma("synchronous").expect("pragma"), "2", "FULL");
        assert_eq!(outbox.pragma("user_version").expect("pragma"), SCHEMA_VERSION.to_string());
        let (id, r1) = outbox.enqueue(&submission("Nguyễn Thị Lan"), Timestamp(10)).expect("stored");
        let (_, r2) = outbox.enqueue(&submission("Trần Văn Minh"), Timestamp(11)).expect("stored");
        assert_eq!((r1.number.as_str(), r2.number.as_str()), ("A-0001", "A-0002"));
        drop(outbox);

        // Reopen: the rows, the counter and the schema survive.
        let mut outbox = Outbox::open(&path, SealKey::from_bytes(&[1; 32])).expect("reopens");
        let pending = outbox.unsent(10).expect("lists");
        assert_eq!(pending.len(), 2);
        assert_eq!(pending[0].submission_id, id);
        assert_eq!(outbox.open_submission(&pending[0]).expect("opens"), submission("Nguyễn Thị Lan"));
        let (_, r3) = outbox.enqueue(&submission("x"), Timestamp(12)).expect("stored");
        assert_eq!(r3.number, "A-0003", "receipt numbers never repeat after a restart");
        assert!(outbox.receipt_exists("A-0003").expect("query"));
        drop(outbox);

        let mut raw = Vec::new();
        for entry in std::fs::read_dir(dir.path()).expect("lists") {
            raw.extend(std::fs::read(entry.expect("entry").path()).expect("reads"));
        }
        for secret in ["Nguyễn", "Trần Văn Minh"] {
            assert!(!raw.windows(secret.len()).any(|w| w == secret.as_bytes()), "{secret} is on disk in plain text");
        }
    }

    #[test]
    fn a_full_disk_is_an_error_with_a_code_and_issues_no_receipt() {
        let mut outbox = Outbox::open_in_memory(SealKey::from_bytes(&[1; 32])).expect("opens");
        let pages: u32 = outbox.pragma("page_count").expect("pragma").parse().expect("number");
        outbox.set_max_pages(pages).expect("limit");
        let big = "가".repeat(20_000);
        let err = outbox.enqueue(&submission(&big), Timestamp(1)).expect_err("no room");
        assert_eq!(err.code(), "outbox.disk-full");
        assert_eq!(outbox.depth().expect("count"), 0);
        outbox.set_max_pages(1_000_000).expect("room again");
        let (_, r) = outbox.enqueue(&submission("x"), Timestamp(2)).expect("stored");
        assert_eq!(r.number, "A-0001", "the failed attempt used no number");
    }

    #[test]
    fn a_kiosk_enrolled_later_seals_what_waits_again_for_the_hub() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("o.sqlite");
        let local = SealKey::from_bytes(&[3; 32]);
        let mut outbox = Outbox::open(&path, SealKey::from_bytes(&[3; 32])).expect("opens");
        outbox.enqueue(&submission("Nguyễn Thị Lan"), Timestamp(1)).expect("stored");
        drop(outbox);
        let agency = minwon_core::sealed::AgencyKey::generate(&mut rand_core::OsRng);
        let mut outbox = Outbox::open(&path, agency.public()).expect("reopens");
        assert_eq!(outbox.reseal(&local).expect("resealed"), 1);
        let row = &outbox.unsent(1).expect("lists")[0];
        let json = agency.open(&row.binding(), &row.sealed).expect("the hub opens it");
        assert!(String::from_utf8_lossy(&json).contains("Nguyễn Thị Lan"));
        assert!(local.open(&row.submission_id, &row.sealed).is_err(), "the old key no longer does");
        assert_eq!(outbox.reseal(&local).expect("nothing left"), 0);
    }

    #[test]
    fn refuses_a_database_from_the_future() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("o.sqlite");
        let conn = Connection::open(&path).expect("opens");
        conn.pragma_update(None, "user_version", 99).expect("set");
        drop(conn);
        let e = Outbox::open(&path, SealKey::from_bytes(&[1; 32])).expect_err("too new");
        assert_eq!(e.code(), "outbox.schema-too-new");
    }
}
