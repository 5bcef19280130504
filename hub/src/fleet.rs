//! The fleet: kiosks enrolled with a key of their own, their heartbeats, their call-staff alerts,
//! and the flags the fleet page raises (a kiosk that went quiet, an outbox that keeps growing).
//!
//! A kiosk authenticates with its id and a random per-kiosk token; the hub keeps only the token's
//! SHA-256, so its database does not hold a working credential. Re-enrolling a kiosk replaces its
//! token (a stolen kiosk is shut out by enrolling its id again).

use crate::error::HubError;
use crate::keys::hex;
use crate::store::{plain_id, HubStore};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// A kiosk that sent nothing for this long is flagged quiet (heartbeats come every 30 s).
pub const QUIET_AFTER_MS: u64 = 5 * 60 * 1000;
/// The window in which a growing outbox is judged.
pub const GROWTH_WINDOW_MS: u64 = 30 * 60 * 1000;
/// An outbox whose oldest submission waited longer than this is flagged, growing or not.
pub const STUCK_AFTER_S: u64 = 60 * 60;
/// Heartbeats older than this are dropped.
const KEEP_HEARTBEATS_MS: u64 = 24 * 60 * 60 * 1000;

pub use minwon_core::wire::{AlertIn, Heartbeat};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KioskState {
    pub kiosk_id: String,
    pub group: String,
    pub last_seen: Option<u64>,
    pub status: Option<Heartbeat>,
    /// `never-seen`, `quiet`, `outbox-growing`, `outbox-stuck`, `bundle-refused`, `outbox-refused`
    /// (the hub refused some of its submissions; the kiosk keeps them aside), `error`.
    pub flags: Vec<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alert {
    pub kiosk_id: String,
    pub kind: String,
    pub screen: String,
    pub raised: u64,
    pub received: u64,
}

fn code_like(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-._:".contains(&b))
}

fn sha256_hex(s: &str) -> String {
    hex(&Sha256::digest(s.as_bytes()))
}

/// The flags for one kiosk. `depths`: (time, outbox depth) of its heartbeats, oldest first.
pub fn flags(now: u64, last_seen: Option<u64>, status: Option<&Heartbeat>, depths: &[(u64, u64)]) -> Vec<&'static str> {
    let mut out = Vec::new();
    let Some(seen) = last_seen else { return vec!["never-seen"] };
    if now.saturating_sub(seen) > QUIET_AFTER_MS {
        out.push("quiet");
    }
    let recent: Vec<u64> =
        depths.iter().filter(|(t, _)| now.saturating_sub(*t) <= GROWTH_WINDOW_MS).map(|d| d.1).collect();
    if recent.len() >= 3 && recent.windows(2).all(|w| w[1] >= w[0]) && recent.last() > recent.first() {
        out.push("outbox-growing");
    }
    if let Some(s) = status {
        if s.oldest_queued_s.is_some_and(|age| age > STUCK_AFTER_S) {
            out.push("outbox-stuck");
        }
        if s.bundle_refused.is_some() {
            out.push("bundle-refused");
        }
        if s.set_aside > 0 {
            out.push("outbox-refused");
        }
        if s.speech.starts_with("no-answer") || s.speech.starts_with("failed") {
            out.push("speech-unavailable");
        }
        match s.printer.as_str() {
            "paper-out" => out.push("printer-paper-out"),
            "cover-open" => out.push("printer-cover-open"),
            "failed" => out.push("printer-failed"),
            _ => {}
        }
        if s.last_error.is_some() {
            out.push("error");
        }
        // The kiosk's own checks (the doctor's): what the fleet page does not already say.
        for code in &s.checks {
            match check_flag(code) {
                Some(flag) if !out.contains(&flag) => out.push(flag),
                _ => {}
            }
        }
        if s.sent_ms.is_some_and(|t| t.abs_diff(seen) > CLOCK_SKEW_MS) {
            out.push("clock-skew");
        }
    }
    out
}

/// A kiosk's clock this far from the hub's (when its heartbeat arrived) is flagged.
pub const CLOCK_SKEW_MS: u64 = 60 * 1000;

/// The fleet flag for a check code a heartbeat carries. `None`: not a problem the page shows —
/// a part the kiosk is set up without (`reader.off`), or one flagged already (printer, speech).
fn check_flag(code: &str) -> Option<&'static str> {
    Some(match code {
        "reader.none" => "reader-missing",
        "reader.no-service" => "reader-service",
        "sound.none" => "sound-none",
        "disk.low" => "disk-low",
        "disk.full" | "disk.unknown" => "disk-full",
        "outbox.unreadable" => "outbox-unreadable",
        "reader.off" | "printer.off" | "speech.off" | "hub.not-enrolled" | "clock.unknown" => return None,
        c if c.starts_with("printer.") || c.starts_with("speech.") || c.starts_with("outbox.") => return None,
        _ => "check-other",
    })
}

impl HubStore {
    /// Enrolls a kiosk (or gives it a new token); returns the token, shown once.
    pub fn enroll(&mut self, kiosk_id: &str, group: &str, now: u64) -> Result<String, HubError> {
        if !plain_id(kiosk_id) || !plain_id(group) {
            return Err(HubError::BadSubmission("kiosk id"));
        }
        let mut raw = [0u8; 32];
        getrandom::getrandom(&mut raw).map_err(|_| HubError::KeyFile)?;
        let token = hex(&raw);
        self.conn().execute(
            "INSERT INTO kiosks (kiosk_id, kiosk_group, token_sha256, enrolled) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(kiosk_id) DO UPDATE SET kiosk_group = ?2, token_sha256 = ?3, enrolled = ?4",
            params![kiosk_id, group, sha256_hex(&token), now as i64],
        )?;
        Ok(token)
    }

    /// The kiosk's group, if `token` is its current token.
    pub fn authenticate(&self, kiosk_id: &str, token: &str) -> Result<String, HubError> {
        let row: Option<(String, String)> = self
            .conn()
            .query_row("SELECT kiosk_group, token_sha256 FROM kiosks WHERE kiosk_id = ?1", [kiosk_id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        match row {
            // Both sides are hashes of the same length: comparing them leaks nothing about the token.
            Some((group, stored)) if stored == sha256_hex(token) => Ok(group),
            _ => Err(HubError::KioskUnknown),
        }
    }

    /// Records a heartbeat and its alerts (an alert sent twice is kept once).
    pub fn heartbeat(&mut self, kiosk_id: &str, beat: &Heartbeat, now: u64) -> Result<(), HubError> {
        let mut beat = beat.clone();
        for code in [&mut beat.last_error, &mut beat.bundle_refused] {
            if code.as_deref().is_some_and(|c| !code_like(c)) {
                *code = Some("unknown".into());
            }
        }
        for s in [&mut beat.reader, &mut beat.speech, &mut beat.printer].into_iter().chain(beat.checks.iter_mut()) {
            if !code_like(s) {
                *s = "unknown".into();
            }
        }
        let alerts = std::mem::take(&mut beat.alerts);
        let status = serde_json::to_string(&beat).map_err(|_| HubError::BadSubmission("heartbeat"))?;
        let tx = self.conn_mut().transaction()?;
        tx.execute(
            "UPDATE kiosks SET last_seen = ?2, status = ?3 WHERE kiosk_id = ?1",
            params![kiosk_id, now as i64, status],
        )?;
        tx.execute(
            "INSERT INTO heartbeats (kiosk_id, time, outbox_depth) VALUES (?1, ?2, ?3)",
            params![kiosk_id, now as i64, beat.outbox_depth as i64],
        )?;
        tx.execute(
            "DELETE FROM heartbeats WHERE kiosk_id = ?1 AND time < ?2",
            params![kiosk_id, now.saturating_sub(KEEP_HEARTBEATS_MS) as i64],
        )?;
        for a in alerts.iter().filter(|a| code_like(&a.kind) && code_like(&a.screen)) {
            tx.execute(
                "INSERT INTO alerts (kiosk_id, kind, screen, raised, received) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT DO NOTHING",
                params![kiosk_id, a.kind, a.screen, a.raised as i64, now as i64],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Every enrolled kiosk with its last status and flags.
    pub fn fleet(&self, now: u64) -> Result<Vec<KioskState>, HubError> {
        let mut stmt =
            self.conn().prepare("SELECT kiosk_id, kiosk_group, last_seen, status FROM kiosks ORDER BY kiosk_id")?;
        let rows: Vec<(String, String, Option<i64>, Option<String>)> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect::<Result<_, _>>()?;
        let mut depths = self
            .conn()
            .prepare("SELECT time, outbox_depth FROM heartbeats WHERE kiosk_id = ?1 AND time >= ?2 ORDER BY time")?;
        let mut out = Vec::with_capacity(rows.len());
        for (kiosk_id, group, last_seen, status) in rows {
            let status: Option<Heartbeat> = status.and_then(|s| serde_json::from_str(&s).ok());
            let history: Vec<(u64, u64)> = depths
                .query_map(params![kiosk_id, now.saturating_sub(GROWTH_WINDOW_MS) as i64], |r| {
                    Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64))
                })?
                .collect::<Result<_, _>>()?;
            let last_seen = last_seen.map(|t| t as u64);
            let flags = flags(now, last_seen, status.as_ref(), &history);
            out.push(KioskState { kiosk_id, group, last_seen, status, flags });
        }
        Ok(out)
    }

    /// The latest alerts, newest first.
    pub fn alerts(&self, limit: usize) -> Result<Vec<Alert>, HubError> {
        let mut stmt = self
            .conn()
            .prepare("SELECT kiosk_id, kind, screen, raised, received FROM alerts ORDER BY raised DESC LIMIT ?1")?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok(Alert {
                kiosk_id: r.get(0)?,
                kind: r.get(1)?,
                screen: r.get(2)?,
                raised: r.get::<_, i64>(3)? as u64,
                received: r.get::<_, i64>(4)? as u64,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: u64 = 60_000;

    #[test]
    fn tokens_are_per_kiosk_and_a_new_enrolment_shuts_the_old_one_out() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = HubStore::open(&dir.path().join("hub.sqlite")).expect("opens");
        let t1 = store.enroll("kiosk-1", "jongno", 1).expect("enrolled");
        let t2 = store.enroll("kiosk-2", "jongno", 1).expect("enrolled");
        assert_eq!(store.authenticate("kiosk-1", &t1).expect("ok"), "jongno");
        assert!(store.authenticate("kiosk-1", &t2).is_err(), "another kiosk's token");
        assert!(store.authenticate("kiosk-9", &t1).is_err(), "not enrolled");
        let t1b = store.enroll("kiosk-1", "mapo", 2).expect("re-enrolled");
        assert!(store.authenticate("kiosk-1", &t1).is_err(), "the old token no longer works");
        assert_eq!(store.authenticate("kiosk-1", &t1b).expect("ok"), "mapo");
        let raw = std::fs::read(dir.path().join("hub.sqlite")).expect("reads");
        assert!(!raw.windows(t1b.len()).any(|w| w == t1b.as_bytes()), "only the hash is stored");
    }

    #[test]
    fn heartbeats_alerts_and_flags() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = HubStore::open(&dir.path().join("hub.sqlite")).expect("opens");
        store.enroll("kiosk-1", "g", 0).expect("enrolled");
        store.enroll("kiosk-2", "g", 0).expect("enrolled");
        store.enroll("kiosk-3", "g", 0).expect("enrolled");
        let alert = AlertIn { kind: "call-staff".into(), screen: "step".into(), raised: 5 * MIN };
        for (i, depth) in [1u64, 3, 4, 7].into_iter().enumerate() {
            let beat = Heartbeat {
                outbox_depth: depth,
                reader: "ready".into(),
                speech: "ready".into(),
                alerts: vec![alert.clone()],
                ..Heartbeat::default()
            };
            store.heartbeat("kiosk-1", &beat, 10 * MIN + i as u64 * MIN).expect("recorded");
        }
        for (i, depth) in [5u64, 2, 0].into_iter().enumerate() {
            let beat = Heartbeat { outbox_depth: depth, reader: "<script>".into(), ..Heartbeat::default() };
            store.heartbeat("kiosk-2", &beat, 10 * MIN + i as u64 * MIN).expect("recorded");
        }
        let fleet = store.fleet(14 * MIN).expect("lists");
        assert_eq!(fleet[0].flags, ["outbox-growing"], "1 → 3 → 4 → 7");
        assert_eq!(fleet[1].flags, Vec::<&str>::new(), "draining is healthy");
        assert_eq!(fleet[1].status.as_ref().map(|s| s.reader.as_str()), Some("unknown"), "not a code: not kept");
        assert_eq!(fleet[2].flags, ["never-seen"]);
        let later = store.fleet(30 * MIN).expect("lists");
        assert!(later[0].flags.contains(&"quiet") && later[1].flags.contains(&"quiet"));
        assert_eq!(store.alerts(10).expect("lists").len(), 1, "the same alert resent is kept once");
    }

    #[test]
    fn a_long_wait_and_a_refused_bundle_are_flagged() {
        let beat = Heartbeat {
            oldest_queued_s: Some(2 * 3600),
            bundle_refused: Some("bundle.signature".into()),
            ..Heartbeat::default()
        };
        assert_eq!(flags(MIN, Some(MIN), Some(&beat), &[]), ["outbox-stuck", "bundle-refused"]);
    }

    #[test]
    fn the_kiosks_own_checks_and_its_clock_are_flagged() {
        let beat = Heartbeat {
            checks: vec!["disk.low".into(), "reader.none".into(), "reader.off".into(), "sound.none".into()],
            sent_ms: Some(10 * MIN),
            ..Heartbeat::default()
        };
        assert_eq!(flags(10 * MIN, Some(10 * MIN), Some(&beat), &[]), ["disk-low", "reader-missing", "sound-none"]);
        let late = Heartbeat { sent_ms: Some(8 * MIN), ..Heartbeat::default() };
        assert_eq!(flags(10 * MIN, Some(10 * MIN), Some(&late), &[]), ["clock-skew"], "two minutes behind");
        let odd = Heartbeat { checks: vec!["reactor.melted".into()], ..Heartbeat::default() };
        assert_eq!(flags(MIN, Some(MIN), Some(&odd), &[]), ["check-other"], "an unknown problem is not dropped");
    }
}
