//! Time for rituals: local times of day, time-zone modes, and turning a local
//! wall time into an instant the way RFC 5545 §3.3.5 says: a time inside a DST
//! gap moves forward by the length of the gap (02:30 becomes 03:30), and a
//! time that happens twice means its first instance.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};

use crate::clock::Millis;
use crate::error::{Error, Result};
use crate::zone::Zone;

pub mod recurrence;

pub const MINUTES_PER_DAY: u16 = 24 * 60;

/// A local time of day, in minutes after midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay(u16);

impl TimeOfDay {
    pub const MIDNIGHT: TimeOfDay = TimeOfDay(0);

    pub fn from_minutes(minutes: u16) -> Result<Self> {
        if minutes >= MINUTES_PER_DAY {
            return Err(Error::invalid(format!(
                "a time of day is at most 23:59, got minute {minutes}"
            )));
        }
        Ok(Self(minutes))
    }

    /// Parses "HH:MM" (24-hour clock; "9:05" is accepted too).
    pub fn parse(text: &str) -> Result<Self> {
        let bad = || Error::invalid("a time of day must look like HH:MM, 00:00 to 23:59");
        let (h, m) = text.trim().split_once(':').ok_or_else(bad)?;
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(h) || h.len() > 2 || !all_digits(m) || m.len() != 2 {
            return Err(bad());
        }
        let (h, m): (u16, u16) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
        if h > 23 || m > 59 {
            return Err(bad());
        }
        Ok(Self(h * 60 + m))
    }

    pub fn minutes(self) -> u16 {
        self.0
    }

    pub fn naive(self) -> NaiveTime {
        NaiveTime::from_hms_opt(u32::from(self.0 / 60), u32::from(self.0 % 60), 0)
            .unwrap_or(NaiveTime::MIN)
    }
}

impl std::fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

/// Which zone a ritual's local time is read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZoneMode {
    /// Each device's current zone: "20:30 wherever I am".
    Floating,
    /// One IANA zone for both partners: a call at one instant.
    Fixed(Zone),
}

impl ZoneMode {
    /// The zone to read local times in on a device currently in `device_zone`.
    pub fn zone_on(self, device_zone: Zone) -> Zone {
        match self {
            ZoneMode::Floating => device_zone,
            ZoneMode::Fixed(tz) => tz,
        }
    }

    pub fn name(self) -> Option<&'static str> {
        match self {
            ZoneMode::Floating => None,
            ZoneMode::Fixed(tz) => Some(tz.name()),
        }
    }
}

/// Parses an IANA zone name ("Europe/Berlin"). The error does not repeat the
/// name: it came from a person or a partner's device and may end up in a log.
pub fn parse_zone(name: &str) -> Result<Zone> {
    Zone::named(name.trim())
}

/// The instant that local wall time `local` names in `tz`.
pub fn resolve_local(tz: Zone, local: NaiveDateTime) -> DateTime<Utc> {
    if let Some(first) = tz.from_local_datetime(&local).earliest() {
        return first.with_timezone(&Utc);
    }
    // In a gap: read the wall time with the offset in force just before the
    // gap, which lands it as far past the gap's start as it was written.
    // Gaps are at most a day long (Samoa skipped 2011-12-30), so look back
    // up to two days for the last wall time that existed.
    for hours_back in 1..=48 {
        if let Some(before) = tz
            .from_local_datetime(&(local - Duration::hours(hours_back)))
            .earliest()
        {
            let offset = before.offset().fix().local_minus_utc();
            return (local - Duration::seconds(i64::from(offset))).and_utc();
        }
    }
    // Unreachable for real zones; fall back to the zone's standard reading.
    local.and_utc()
}

/// Whether `date` happens at all in `tz`. Samoa skipped 2011-12-30 when it
/// crossed the date line: read by the gap rule, that day's occurrence would
/// land on the next day's, two occurrences at one instant. A day none of
/// whose wall times exists has no occurrence instead.
pub fn day_exists(tz: Zone, date: NaiveDate) -> bool {
    let midnight = resolve_local(tz, date.and_time(NaiveTime::MIN));
    midnight.with_timezone(&tz).date_naive() == date
}

/// Local dates whose occurrence could fall inside `[from, to)` in `tz`.
pub fn local_dates(tz: Zone, from: Millis, to: Millis) -> Result<Vec<NaiveDate>> {
    let start = instant(from)?.with_timezone(&tz).date_naive() - Duration::days(1);
    let end = instant(to)?.with_timezone(&tz).date_naive() + Duration::days(1);
    Ok(start.iter_days().take_while(|d| *d <= end).collect())
}

/// Every instant in `[from, to)` at which `rule` puts `time` in `tz`.
pub fn occurrences(
    rule: &recurrence::Recurrence,
    time: TimeOfDay,
    tz: Zone,
    from: Millis,
    to: Millis,
) -> Result<Vec<DateTime<Utc>>> {
    Ok(dated_occurrences(rule, time, tz, from, to)?
        .into_iter()
        .map(|(_, t)| t)
        .collect())
}

/// Like `occurrences`, each with the local date the rule gave it: the key of
/// an occurrence (the same on both devices, whatever zone each is in).
pub fn dated_occurrences(
    rule: &recurrence::Recurrence,
    time: TimeOfDay,
    tz: Zone,
    from: Millis,
    to: Millis,
) -> Result<Vec<(NaiveDate, DateTime<Utc>)>> {
    let dates = local_dates(tz, from, to)?;
    let (Some(first), Some(last)) = (dates.first(), dates.last()) else {
        return Ok(Vec::new());
    };
    Ok(rule
        .dates_between(*first, *last)
        .into_iter()
        .filter(|date| day_exists(tz, *date))
        .map(|date| (date, resolve_local(tz, date.and_time(time.naive()))))
        .filter(|(_, t)| (from..to).contains(&t.timestamp_millis()))
        .collect())
}

/// The span of time the scheduler reasons about: 1900-01-01 to 2200-01-01 UTC.
/// Outside it, tz rules are guesses and date arithmetic nears chrono's limits.
pub const EARLIEST_MS: Millis = -2_208_988_800_000;
pub const LATEST_MS: Millis = 7_258_118_400_000;

pub fn instant(ms: Millis) -> Result<DateTime<Utc>> {
    if !(EARLIEST_MS..=LATEST_MS).contains(&ms) {
        return Err(Error::invalid(format!(
            "time {ms} ms is outside the years 1900 to 2200"
        )));
    }
    DateTime::from_timestamp_millis(ms)
        .ok_or_else(|| Error::invalid(format!("time {ms} ms is out of range")))
}

/// Parses an RFC 3339 instant with an offset ("2027-03-14T08:00:00-04:00").
pub fn parse_rfc3339(text: &str) -> Result<Millis> {
    DateTime::parse_from_rfc3339(text.trim())
        .map(|t| t.timestamp_millis())
        .map_err(|_| {
            Error::invalid("a time must be RFC 3339 with an offset, like 2027-03-14T08:00:00Z")
        })
}

#[cfg(test)]
mod recurrence_vs_rrule;
#[cfg(test)]
mod tests;

/// The date it still is somewhere on Earth (UTC-12) at `now`. Dates a person
/// picks ("a trial until tomorrow", "review on the 10th") are checked
/// against it: the core does not know which zone they were typed in, and a
/// date that is still ahead for someone must not be refused.
pub fn earliest_today(now: Millis) -> Result<NaiveDate> {
    Ok(instant(now.saturating_sub(12 * 3_600_000))?.date_naive())
}

/// The date it already is somewhere on Earth (UTC+14, the first place a day
/// begins) at `at`: no zone's occurrence on a later date can have come yet.
/// `None` outside the years the scheduler reasons about.
pub fn latest_today(at: Millis) -> Option<NaiveDate> {
    instant(at.saturating_add(14 * 3_600_000))
        .ok()
        .map(|t| t.date_naive())
}
