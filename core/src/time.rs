//! Time as a value: milliseconds since the Unix epoch, always passed in.

use serde::{Deserialize, Serialize};
use std::ops::{Add, Sub};
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub u64);

impl Timestamp {
    pub fn from_millis(ms: u64) -> Self {
        Timestamp(ms)
    }
    pub fn as_millis(self) -> u64 {
        self.0
    }
    /// The civil date (UTC+9, Korea Standard Time) of this instant; kiosks run in Korea.
    pub fn kst_date(self) -> crate::validate::Date {
        let days = ((self.0 / 1000 + 9 * 3600) / 86_400) as i64;
        crate::validate::Date::from_days_since_epoch(days)
    }
}

impl Add<Duration> for Timestamp {
    type Output = Timestamp;
    fn add(self, d: Duration) -> Timestamp {
        Timestamp(self.0.saturating_add(d.as_millis() as u64))
    }
}

impl Sub<Duration> for Timestamp {
    type Output = Timestamp;
    fn sub(self, d: Duration) -> Timestamp {
        Timestamp(self.0.saturating_sub(d.as_millis() as u64))
    }
}
