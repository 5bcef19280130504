//! Admin accounts: argon2id password hashes, sessions behind an HttpOnly cookie with a CSRF token
//! of their own, and the audit log. Lockouts after repeated failures are `limits.rs`'s.
//!
//! The session cookie and the CSRF token are random 256-bit values; the database keeps only the
//! cookie's SHA-256. A session ends after `SESSION_IDLE_MS` without use.

use crate::error::HubError;
use crate::keys::hex;
use crate::store::HubStore;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};

pub const SESSION_IDLE_MS: u64 = 30 * 60 * 1000;
pub const MIN_PASSWORD_CHARS: usize = 12;

/// A signed-in admin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminSession {
    pub admin: String,
    pub csrf: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub time: u64,
    pub admin: String,
    pub action: String,
    pub detail: String,
}

fn random_hex() -> Result<String, HubError> {
    let mut raw = [0u8; 32];
    getrandom::getrandom(&mut raw).map_err(|_| HubError::KeyFile)?;
    Ok(hex(&raw))
}

fn sha256_hex(s: &str) -> String {
    hex(&Sha256::digest(s.as_bytes()))
}

fn hash_password(password: &str) -> Result<String, HubError> {
    let mut salt = [0u8; 16];
    getrandom::getrandom(&mut salt).map_err(|_| HubError::KeyFile)?;
    let salt = SaltString::encode_b64(&salt).map_err(|_| HubError::KeyFile)?;
    // Argon2::default() is argon2id, 19 MiB, 2 passes, 1 lane (OWASP's minimum).
    Ok(Argon2::default().hash_password(password.as_bytes(), &salt).map_err(|_| HubError::KeyFile)?.to_string())
}

/// A hash with the same parameters as a real one, checked when the name is unknown, so timing
/// does not tell which names exist.
pub const DECOY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

/// Whether `password` is the one `hash` was made from (argon2id: slow on purpose; call it off the
/// async workers and outside the store's lock).
pub fn password_matches(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

impl HubStore {
    /// Adds an admin or sets a new password.
    pub fn set_admin(&mut self, name: &str, password: &str, now: u64) -> Result<(), HubError> {
        if name.is_empty() || name.len() > 64 || password.chars().count() < MIN_PASSWORD_CHARS {
            return Err(HubError::Login);
        }
        let hash = hash_password(password)?;
        self.conn().execute(
            "INSERT INTO admins (name, password_hash, created) VALUES (?1, ?2, ?3)
             ON CONFLICT(name) DO UPDATE SET password_hash = ?2, failed_logins = 0, locked_until = 0",
            params![name, hash, now as i64],
        )?;
        Ok(())
    }

    pub fn has_admins(&self) -> Result<bool, HubError> {
        Ok(self.conn().query_row("SELECT count(*) FROM admins", [], |r| r.get::<_, i64>(0))? > 0)
    }

    /// The stored hash of an admin's password (`None`: no such admin). The caller checks the
    /// password with [`password_matches`] outside the store's lock: argon2 takes tens of
    /// milliseconds, and kiosks must not wait for it.
    pub fn password_hash(&self, name: &str) -> Result<Option<String>, HubError> {
        Ok(self
            .conn()
            .query_row("SELECT password_hash FROM admins WHERE name = ?1", [name], |r| r.get(0))
            .optional()?)
    }

    /// Opens a session for an admin whose password was checked; returns its cookie value and
    /// CSRF token.
    pub fn open_session(&mut self, name: &str, now: u64) -> Result<(String, AdminSession), HubError> {
        let cookie = random_hex()?;
        let csrf = random_hex()?;
        self.conn().execute("DELETE FROM sessions WHERE expires < ?1", [now as i64])?;
        self.conn().execute(
            "INSERT INTO sessions (token_sha256, admin, csrf, expires) VALUES (?1, ?2, ?3, ?4)",
            params![sha256_hex(&cookie), name, csrf, (now + SESSION_IDLE_MS) as i64],
        )?;
        self.audit(name, "login", "", now)?;
        Ok((cookie, AdminSession { admin: name.to_owned(), csrf }))
    }

    /// The session behind a cookie, kept alive by this use.
    pub fn session(&mut self, cookie: &str, now: u64) -> Result<AdminSession, HubError> {
        let key = sha256_hex(cookie);
        let row: Option<(String, String, i64)> = self
            .conn()
            .query_row("SELECT admin, csrf, expires FROM sessions WHERE token_sha256 = ?1", [&key], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        match row {
            Some((admin, csrf, expires)) if (expires as u64) >= now => {
                self.conn().execute(
                    "UPDATE sessions SET expires = ?2 WHERE token_sha256 = ?1",
                    params![key, (now + SESSION_IDLE_MS) as i64],
                )?;
                Ok(AdminSession { admin, csrf })
            }
            _ => Err(HubError::NoSession),
        }
    }

    pub fn logout(&mut self, cookie: &str) -> Result<(), HubError> {
        self.conn().execute("DELETE FROM sessions WHERE token_sha256 = ?1", [sha256_hex(cookie)])?;
        Ok(())
    }

    /// Appends to the audit log (publishes, exports, enrolments, sign-ins).
    pub fn audit(&self, admin: &str, action: &str, detail: &str, now: u64) -> Result<(), HubError> {
        self.conn().execute(
            "INSERT INTO audit (time, admin, action, detail) VALUES (?1, ?2, ?3, ?4)",
            params![now as i64, admin, action, detail],
        )?;
        Ok(())
    }

    pub fn audit_log(&self, limit: usize) -> Result<Vec<AuditEntry>, HubError> {
        let mut stmt =
            self.conn().prepare("SELECT time, admin, action, detail FROM audit ORDER BY seq DESC LIMIT ?1")?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok(AuditEntry { time: r.get::<_, i64>(0)? as u64, admin: r.get(1)?, action: r.get(2)?, detail: r.get(3)? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_sessions_and_audit() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = HubStore::open(&dir.path().join("hub.sqlite")).expect("opens");
        assert!(store.set_admin("kim", "short", 0).is_err(), "passwords of 12 characters or more");
        store.set_admin("kim", "correct horse battery", 0).expect("added");
        let stored = store.password_hash("kim").expect("reads").expect("a row");
        assert!(stored.starts_with("$argon2id$"), "{stored}");
        assert!(password_matches("correct horse battery", &stored));
        assert!(!password_matches("wrong password!!", &stored));
        assert!(!password_matches("correct horse battery", DECOY_HASH));
        assert_eq!(store.password_hash("lee").expect("reads"), None);
        let (cookie, session) = store.open_session("kim", 2).expect("signed in");
        assert_eq!(store.session(&cookie, 3).expect("valid"), session);
        assert!(store.session("forged", 3).is_err());
        assert!(store.session(&cookie, 3 + SESSION_IDLE_MS + 1).is_err(), "idle too long");
        let (cookie, _) = store.open_session("kim", 10).expect("signed in");
        store.logout(&cookie).expect("out");
        assert!(store.session(&cookie, 11).is_err(), "signed out");
        let log = store.audit_log(10).expect("log");
        assert_eq!(log.iter().filter(|e| e.action == "login").count(), 2);
    }
}
