//! Points in time as sessions store them: UTC, whole seconds, written as RFC 3339.
//!
//! Whole seconds keep saved files short and make a save → load round trip exact. The core
//! never reads the clock by itself; shells pass [`Timestamp::now`] in, so tests stay
//! deterministic.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// A UTC instant with one-second resolution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

impl Timestamp {
    /// The Unix epoch, used as a neutral default.
    pub const EPOCH: Timestamp = Timestamp(0);

    /// The current time, truncated to whole seconds.
    pub fn now() -> Self {
        Timestamp(OffsetDateTime::now_utc().unix_timestamp())
    }

    /// A timestamp from seconds since the Unix epoch, clamped to years 0..=9999 so that
    /// it can always be written as RFC 3339.
    pub const fn from_unix_secs(secs: i64) -> Self {
        const MIN: i64 = -62_167_219_200; // 0000-01-01T00:00:00Z
        const MAX: i64 = 253_402_300_799; // 9999-12-31T23:59:59Z
        Timestamp(if secs < MIN {
            MIN
        } else if secs > MAX {
            MAX
        } else {
            secs
        })
    }

    /// Seconds since the Unix epoch.
    pub fn unix_secs(self) -> i64 {
        self.0
    }

    fn to_datetime(self) -> OffsetDateTime {
        // The constructor clamps to the representable range, so this cannot fail.
        OffsetDateTime::from_unix_timestamp(self.0).unwrap_or(OffsetDateTime::UNIX_EPOCH)
    }

    /// The date part, `YYYY-MM-DD`.
    pub fn date_string(self) -> String {
        let date = self.to_datetime().date();
        format!(
            "{:04}-{:02}-{:02}",
            date.year(),
            u8::from(date.month()),
            date.day()
        )
    }
}

/// The local UTC offset, read once at start-up while the process is single-threaded
/// (the `time` crate refuses to read it later, as that is unsound on some platforms).
static LOCAL_OFFSET: std::sync::OnceLock<time::UtcOffset> = std::sync::OnceLock::new();

/// Reads the local UTC offset; call first thing in `main`. Later calls do nothing.
pub fn init_local_offset() {
    let offset = time::UtcOffset::current_local_offset().unwrap_or(time::UtcOffset::UTC);
    let _ = LOCAL_OFFSET.set(offset);
}

impl Timestamp {
    /// Local date and time, `YYYY-MM-DD HH:MM:SS (UTC+hh:mm)`, with the offset read by
    /// [`init_local_offset`] (UTC when it was not called or could not read it).
    pub fn local_string(self) -> String {
        let offset = LOCAL_OFFSET.get().copied().unwrap_or(time::UtcOffset::UTC);
        let local = self.to_datetime().to_offset(offset);
        let (hours, minutes, _) = offset.as_hms();
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02} (UTC{}{:02}:{:02})",
            local.year(),
            u8::from(local.month()),
            local.day(),
            local.hour(),
            local.minute(),
            local.second(),
            if offset.is_negative() { '-' } else { '+' },
            hours.unsigned_abs(),
            minutes.unsigned_abs()
        )
    }

    /// How long ago this was, as people say it: "just now", "2 min ago", "3 h ago".
    pub fn ago(self, now: Timestamp) -> String {
        let secs = (now.0 - self.0).max(0);
        match secs {
            0..=9 => "just now".to_owned(),
            10..=59 => format!("{secs} s ago"),
            60..=3599 => format!("{} min ago", secs / 60),
            3600..=86_399 => format!("{} h ago", secs / 3600),
            _ => format!("{} days ago", secs / 86_400),
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.to_datetime().format(&Rfc3339) {
            Ok(text) => f.write_str(&text),
            Err(_) => write!(f, "@{}", self.0),
        }
    }
}

impl std::str::FromStr for Timestamp {
    type Err = time::error::Parse;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let parsed = OffsetDateTime::parse(text, &Rfc3339)?;
        Ok(Timestamp(parsed.unix_timestamp()))
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(|err| {
            serde::de::Error::custom(format!(
                "`{text}` is not an RFC 3339 time such as 2026-11-21T09:30:00Z ({err})"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ago_speaks_like_people_and_local_string_names_its_offset() {
        let now = Timestamp::from_unix_secs(1_800_000_000);
        let at = |secs: i64| Timestamp::from_unix_secs(1_800_000_000 - secs);
        assert_eq!(at(3).ago(now), "just now");
        assert_eq!(at(42).ago(now), "42 s ago");
        assert_eq!(at(150).ago(now), "2 min ago");
        assert_eq!(at(7_300).ago(now), "2 h ago");
        assert_eq!(at(200_000).ago(now), "2 days ago");
        assert!(
            now.local_string().contains("(UTC"),
            "{}",
            now.local_string()
        );
    }

    #[test]
    fn formats_and_parses_rfc3339() {
        let stamp = Timestamp::from_unix_secs(1_700_000_000);
        assert_eq!(stamp.to_string(), "2023-11-14T22:13:20Z");
        assert_eq!(
            "2023-11-14T22:13:20Z".parse::<Timestamp>().ok(),
            Some(stamp)
        );
        assert_eq!(stamp.date_string(), "2023-11-14");
    }

    #[test]
    fn rejects_garbage() {
        assert!("yesterday".parse::<Timestamp>().is_err());
    }

    #[test]
    fn clamps_out_of_range() {
        let far = Timestamp::from_unix_secs(i64::MAX);
        assert_eq!(far.to_string(), "9999-12-31T23:59:59Z");
    }
}
