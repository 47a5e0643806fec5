//! Time for rituals: local times of day, time-zone modes, and turning a local
//! wall time into an instant the way RFC 5545 §3.3.5 says: a time inside a DST
//! gap moves forward by the length of the gap (02:30 becomes 03:30), and a
//! time that happens twice means its first instance.

use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    TimeZone, Utc,
};

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

    /// The minute of the day `t` falls in (its seconds dropped).
    pub fn of(t: &impl chrono::Timelike) -> Self {
        Self((t.hour() * 60 + t.minute()) as u16)
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
///
/// The dates come from the rule one jump at a time (never a walk over the
/// range's days), and each local time is read through `Resolver`, which
/// reuses the offset of the occurrences before while no transition can lie
/// in between.
pub fn dated_occurrences(
    rule: &recurrence::Recurrence,
    time: TimeOfDay,
    tz: Zone,
    from: Millis,
    to: Millis,
) -> Result<Vec<(NaiveDate, DateTime<Utc>)>> {
    // Local dates whose occurrence could fall inside the range: a day of
    // margin on each side covers every offset.
    let first = instant(from)?.with_timezone(&tz).date_naive() - Duration::days(1);
    let last = instant(to)?.with_timezone(&tz).date_naive() + Duration::days(1);
    let mut resolver = Resolver::new(tz, time);
    let mut out = Vec::new();
    for date in rule.dates(first, last) {
        let Some(at) = resolver.resolve(date) else {
            continue;
        };
        if (from..to).contains(&(at * 1000))
            && let Some(t) = DateTime::from_timestamp(at, 0)
        {
            out.push((date, t));
        }
    }
    Ok(out)
}

/// How far apart two readings of a zone's offset may be for an equal
/// reading to mean no change in between (three days and two hours). Sound
/// because no zone changes its offset twice within that span: the closest
/// two transitions of the tz database between 1900 and 2200 are 3.99 days
/// apart (Africa/Freetown 1939 in the full data; then a week: Brazil 2000,
/// Gaza and Hebron from 2040), so at most one lies between two readings,
/// and equal readings mean it changed nothing.
/// `closest_transitions_are_further_apart_than_the_reuse_span` checks the
/// closest ones in this build's data.
pub(crate) const REUSE_SECS: i64 = 3 * 86_400 + 2 * 3_600;

/// Days from 0001-01-01 to 1970-01-01.
const EPOCH_DAYS_FROM_CE: i64 = 719_163;
const DAY_SECS: i64 = 86_400;

/// Reads one zone's occurrences of one local time, date after date in
/// increasing order, exactly as `day_exists` and `resolve_local` do.
///
/// The zone lookup for a local time (a search among the zone's transitions,
/// then its neighbours for a gap or a fold) was what an expansion spent its
/// time on, three times per occurrence. Here the resolver keeps the span
/// of instants over which the zone's offset does not change (`offsets`)
/// and reads an occurrence with that offset when its instant falls in the
/// span at least a day after the span's start: the local time then exists
/// (so does its day) and no earlier instant reads as it (that would need
/// the clock to go back a day or more, which no zone does). Anything else
/// (the first occurrence, a gap, a fold, the day after a transition or a
/// year's start) is read in full.
struct Resolver {
    tz: Zone,
    /// The time of day, in seconds.
    time: i64,
    naive: NaiveTime,
    /// From the first to just before the second instant (Unix seconds),
    /// the offset is the third.
    span: Option<(i64, i64, i32)>,
}

impl Resolver {
    fn new(tz: Zone, time: TimeOfDay) -> Self {
        Resolver {
            tz,
            time: i64::from(time.minutes()) * 60,
            naive: time.naive(),
            span: None,
        }
    }

    /// The instant (Unix seconds) `date` at the time names, or `None` for
    /// a day the zone skipped.
    fn resolve(&mut self, date: NaiveDate) -> Option<i64> {
        let wall = (i64::from(date.num_days_from_ce()) - EPOCH_DAYS_FROM_CE) * DAY_SECS + self.time;
        if let Some((lo, hi, offset)) = self.span {
            let at = wall - i64::from(offset);
            if at >= lo + DAY_SECS && at < hi {
                return Some(at);
            }
            // Past the span: the next one may hold it.
            if let Some((lo, hi, offset)) = offsets::span_at(self.tz, at) {
                let at = wall - i64::from(offset);
                if at >= lo + DAY_SECS && at < hi {
                    self.span = Some((lo, hi, offset));
                    return Some(at);
                }
            }
        }
        let local = date.and_time(self.naive);
        let at = match self.tz.from_local_datetime(&local) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.timestamp(),
            LocalResult::None => {
                if !day_exists(self.tz, date) {
                    return None;
                }
                resolve_local(self.tz, local).timestamp()
            }
        };
        self.span = offsets::span_at(self.tz, at);
        Some(at)
    }
}

/// Where each zone's offset changes, a UTC year at a time, found once per
/// process and kept (a few changes a year; the scheduler asks again and
/// again for the same zones and years). Found by reading the offset every
/// `REUSE_SECS` through the year, and halving down to the second between
/// two readings that differ: with at most one change between readings, that
/// finds every one. Only what a zone's own lookups say goes in, so the
/// spans are the zone data's, whatever its source.
mod offsets {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex, OnceLock};

    use chrono::{DateTime, Datelike, NaiveDate, Offset, TimeZone};

    use crate::zone::Zone;

    use super::REUSE_SECS;

    struct Year {
        start: i64,
        end: i64,
        /// The offset at `start`.
        first: i32,
        /// Each change: from this instant on, this offset.
        changes: Vec<(i64, i32)>,
    }

    /// Past this many zone-years the cache starts again (a phone uses a
    /// few zones over a few decades).
    const MOST: usize = 4096;

    fn offset_at(tz: Zone, secs: i64) -> Option<i32> {
        let at = DateTime::from_timestamp(secs, 0)?;
        Some(
            tz.offset_from_utc_datetime(&at.naive_utc())
                .fix()
                .local_minus_utc(),
        )
    }

    fn year_start(year: i32) -> Option<i64> {
        Some(
            NaiveDate::from_ymd_opt(year, 1, 1)?
                .and_hms_opt(0, 0, 0)?
                .and_utc()
                .timestamp(),
        )
    }

    fn scan(tz: Zone, year: i32) -> Option<Year> {
        let (start, end) = (year_start(year)?, year_start(year.checked_add(1)?)?);
        let first = offset_at(tz, start)?;
        let mut changes = Vec::new();
        let (mut at, mut offset) = (start, first);
        while at < end {
            let next = (at + REUSE_SECS).min(end);
            let then = offset_at(tz, next)?;
            if then != offset {
                // The first second with the new offset.
                let (mut lo, mut hi) = (at, next);
                while hi - lo > 1 {
                    let mid = lo + (hi - lo) / 2;
                    if offset_at(tz, mid)? == offset {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                if hi < end {
                    changes.push((hi, then));
                }
                offset = then;
            }
            at = next;
        }
        Some(Year {
            start,
            end,
            first,
            changes,
        })
    }

    type Years = Mutex<HashMap<(Zone, i32), Arc<Year>>>;

    fn year(tz: Zone, year: i32) -> Option<Arc<Year>> {
        static YEARS: OnceLock<Years> = OnceLock::new();
        let years = YEARS.get_or_init(|| Mutex::new(HashMap::new()));
        // A panic elsewhere while holding the lock leaves a cache that is
        // still right: each entry is inserted whole.
        let cached = years
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&(tz, year))
            .cloned();
        if let Some(y) = cached {
            return Some(y);
        }
        let found = Arc::new(scan(tz, year)?);
        let mut years = years.lock().unwrap_or_else(|e| e.into_inner());
        if years.len() >= MOST {
            years.clear();
        }
        years.insert((tz, year), found.clone());
        Some(found)
    }

    /// The span holding `secs` over which `tz`'s offset does not change,
    /// cut at the UTC year's bounds: (start, end exclusive, offset).
    pub(super) fn span_at(tz: Zone, secs: i64) -> Option<(i64, i64, i32)> {
        let y = year(tz, DateTime::from_timestamp(secs, 0)?.year())?;
        let i = y.changes.partition_point(|(t, _)| *t <= secs);
        let (lo, offset) = match i {
            0 => (y.start, y.first),
            _ => y.changes[i - 1],
        };
        let hi = y.changes.get(i).map_or(y.end, |(t, _)| *t);
        Some((lo, hi, offset))
    }
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
