//! The only place mailcase reads the wall clock. `--now` (or `MAILCASE_NOW`) pins it, which
//! makes reminders, dates in outbound mail and test output reproducible.

use chrono::{DateTime, SecondsFormat, Utc};

/// Where "now" comes from.
#[derive(Debug, Clone, Copy, Default)]
pub enum Clock {
    #[default]
    System,
    /// A fixed instant (tests, `--now`).
    Fixed(DateTime<Utc>),
}

impl Clock {
    /// Parses an RFC 3339 instant for `--now`.
    pub fn fixed_from_str(s: &str) -> anyhow::Result<Clock> {
        let t = DateTime::parse_from_rfc3339(s.trim()).map_err(|e| {
            anyhow::anyhow!("--now {s:?} is not an RFC 3339 time like 2026-02-10T12:00:00Z ({e})")
        })?;
        Ok(Clock::Fixed(t.with_timezone(&Utc)))
    }

    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(t) => *t,
        }
    }

    /// Now as RFC 3339 with microseconds, the format every timestamp column uses (it sorts).
    pub fn now_str(&self) -> String {
        timestamp(self.now())
    }
}

/// The storage format of a timestamp: RFC 3339, UTC, microseconds, `Z`.
pub fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}
