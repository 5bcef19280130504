//! How much one address or one kiosk may ask of the hub: the login throttle and the kiosks' quotas.
//!
//! Logins: five wrong passwords for one account *from one address* make that account wait five
//! minutes there (the admin at her own desk is not locked out by someone elsewhere), and twenty
//! wrong passwords from one address in fifteen minutes make that address wait fifteen, whatever
//! the names. Kiosks: token buckets per kiosk for submissions and heartbeats, so a stolen token
//! cannot fill the store or the alert list faster than a kiosk ever could. In memory, with the
//! time passed in; every map is bounded.

use crate::error::HubError;
use std::collections::HashMap;
use std::net::IpAddr;

pub const ACCOUNT_FAILURES: u32 = 5;
pub const ACCOUNT_WAIT_MS: u64 = 5 * 60 * 1000;
pub const ADDRESS_FAILURES: u32 = 20;
pub const ADDRESS_WINDOW_MS: u64 = 15 * 60 * 1000;
/// Entries a map keeps before the oldest are forgotten.
const MAX_TRACKED: usize = 10_000;

#[derive(Debug, Clone, Copy, Default)]
struct Window {
    failures: u32,
    since: u64,
    blocked_until: u64,
}

impl Window {
    fn fail(&mut self, now: u64, limit: u32, window: u64, wait: u64) {
        if now.saturating_sub(self.since) > window {
            *self = Window { since: now, ..Window::default() };
        }
        self.failures += 1;
        if self.failures >= limit {
            self.blocked_until = now + wait;
            *self = Window { blocked_until: self.blocked_until, since: now, failures: 0 };
        }
    }
}

fn bounded<K: std::hash::Hash + Eq + Clone>(map: &mut HashMap<K, Window>, now: u64) {
    if map.len() >= MAX_TRACKED {
        map.retain(|_, w| w.blocked_until > now);
        if map.len() >= MAX_TRACKED {
            map.clear();
        }
    }
}

/// Failed logins by (account, address) and by address.
#[derive(Debug, Default)]
pub struct LoginThrottle {
    accounts: HashMap<(String, IpAddr), Window>,
    addresses: HashMap<IpAddr, Window>,
}

impl LoginThrottle {
    /// May `name` try a password from `addr` now?
    pub fn check(&self, name: &str, addr: IpAddr, now: u64) -> Result<(), HubError> {
        if self.addresses.get(&addr).is_some_and(|w| w.blocked_until > now) {
            return Err(HubError::Throttled);
        }
        if self.accounts.get(&(name.to_owned(), addr)).is_some_and(|w| w.blocked_until > now) {
            return Err(HubError::LockedOut);
        }
        Ok(())
    }

    pub fn failed(&mut self, name: &str, addr: IpAddr, now: u64) {
        bounded(&mut self.accounts, now);
        bounded(&mut self.addresses, now);
        self.accounts.entry((name.to_owned(), addr)).or_default().fail(
            now,
            ACCOUNT_FAILURES,
            ACCOUNT_WAIT_MS,
            ACCOUNT_WAIT_MS,
        );
        self.addresses.entry(addr).or_default().fail(now, ADDRESS_FAILURES, ADDRESS_WINDOW_MS, ADDRESS_WINDOW_MS);
    }

    pub fn succeeded(&mut self, name: &str, addr: IpAddr) {
        self.accounts.remove(&(name.to_owned(), addr));
    }
}

/// A token bucket: `capacity` at most, refilled at `per_hour`.
#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: u64,
}

/// What one kiosk may send: submissions and heartbeats per hour, with a burst.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quota {
    pub capacity: f64,
    pub per_hour: f64,
}

/// Submissions: a kiosk back after days offline delivers its backlog at once; after that, about
/// one every seven seconds, far more than visitors can fill in.
pub const SUBMISSIONS: Quota = Quota { capacity: 2_000.0, per_hour: 500.0 };
/// Heartbeats come every 30 s; a burst of 20 covers restarts and retries.
pub const HEARTBEATS: Quota = Quota { capacity: 20.0, per_hour: 720.0 };

/// The buckets of every kiosk, for one kind of request.
#[derive(Debug)]
pub struct KioskQuota {
    quota: Quota,
    buckets: HashMap<String, Bucket>,
}

impl KioskQuota {
    pub fn new(quota: Quota) -> KioskQuota {
        KioskQuota { quota, buckets: HashMap::new() }
    }

    /// Takes `n` from `kiosk`'s bucket, or refuses (nothing taken).
    pub fn take(&mut self, kiosk: &str, n: usize, now: u64) -> Result<(), HubError> {
        if self.buckets.len() >= MAX_TRACKED && !self.buckets.contains_key(kiosk) {
            self.buckets.clear();
        }
        let q = self.quota;
        let b = self.buckets.entry(kiosk.to_owned()).or_insert(Bucket { tokens: q.capacity, at: now });
        let refill = now.saturating_sub(b.at) as f64 / 3_600_000.0 * q.per_hour;
        b.tokens = (b.tokens + refill).min(q.capacity);
        b.at = now;
        if b.tokens < n as f64 {
            return Err(HubError::RateLimited);
        }
        b.tokens -= n as f64;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: u64 = 60_000;

    #[test]
    fn an_attacker_elsewhere_neither_locks_the_admin_out_nor_guesses_on() {
        let (desk, attacker): (IpAddr, IpAddr) = ("10.0.0.5".parse().expect("ip"), "10.0.0.66".parse().expect("ip"));
        let mut t = LoginThrottle::default();
        for i in 0..ACCOUNT_FAILURES as u64 {
            assert!(t.check("admin", attacker, i).is_ok());
            t.failed("admin", attacker, i);
        }
        assert_eq!(t.check("admin", attacker, 10).map_err(|e| e.code()), Err("hub.locked-out"));
        assert!(t.check("admin", desk, 10).is_ok(), "her own desk is not locked out");
        for i in 0..ADDRESS_FAILURES as u64 {
            t.failed(&format!("name-{i}"), attacker, 20 + i);
        }
        assert_eq!(t.check("someone", attacker, 100).map_err(|e| e.code()), Err("hub.throttled"), "any name");
        assert!(t.check("someone", attacker, 100 + ADDRESS_WINDOW_MS).is_ok(), "after the wait");
        t.failed("admin", desk, 5 * MIN);
        t.succeeded("admin", desk);
        assert!(t.check("admin", desk, 5 * MIN).is_ok());
    }

    #[test]
    fn a_kiosk_gets_its_burst_then_its_rate() {
        let mut q = KioskQuota::new(Quota { capacity: 10.0, per_hour: 60.0 });
        assert!(q.take("k1", 10, 0).is_ok());
        assert_eq!(q.take("k1", 1, 0).map_err(|e| e.code()), Err("hub.rate-limited"));
        assert!(q.take("k2", 10, 0).is_ok(), "each kiosk its own bucket");
        assert!(q.take("k1", 1, MIN).is_ok(), "one a minute");
        assert!(q.take("k1", 1, MIN).is_err());
        assert!(q.take("k1", 10, 60 * MIN).is_ok(), "refilled up to the burst");
    }
}
