//! Calendar export: the active rituals as an RFC 5545 calendar, so a partner
//! can add them to any calendar app. A fixed-zone ritual is `DTSTART;TZID=`
//! with the IANA id (clients resolve it; no VTIMEZONE is embedded), a
//! floating ritual a floating local time. DTSTART is the first occurrence,
//! as RFC 5545 expects a DTSTART that matches its RRULE.

use chrono::{Duration, NaiveDate, NaiveDateTime};

use crate::clock::Millis;
use crate::error::{Error, Result};
use crate::rituals::{Ritual, RitualStatus, history};
use crate::schedule::recurrence::{End, Frequency, Recurrence};
use crate::schedule::{self, ZoneMode};
use crate::zone::Zone;

const BYDAY: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets, never inside a character.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

fn local(dt: NaiveDateTime) -> String {
    dt.format("%Y%m%dT%H%M%S").to_string()
}

fn rrule(rule: &Recurrence, until: Option<String>) -> String {
    let mut parts: Vec<String> = match rule.frequency {
        Frequency::Daily => vec!["FREQ=DAILY".into()],
        Frequency::Weekdays(set) => vec![
            "FREQ=WEEKLY".into(),
            format!(
                "BYDAY={}",
                set.days()
                    .into_iter()
                    .map(|d| BYDAY[d.num_days_from_monday() as usize])
                    .collect::<Vec<_>>()
                    .join(",")
            ),
        ],
        Frequency::EveryNDays(n) => vec!["FREQ=DAILY".into(), format!("INTERVAL={n}")],
        Frequency::Weekly => vec!["FREQ=WEEKLY".into()],
        Frequency::MonthlyOnDay(d) => vec!["FREQ=MONTHLY".into(), format!("BYMONTHDAY={d}")],
        Frequency::MonthlyOnWeekday { nth, weekday } => vec![
            "FREQ=MONTHLY".into(),
            format!(
                "BYDAY={nth}{}",
                BYDAY[weekday.num_days_from_monday() as usize]
            ),
        ],
    };
    match (rule.end, until) {
        (_, Some(u)) => parts.push(format!("UNTIL={u}")),
        (End::Count(n), None) => parts.push(format!("COUNT={n}")),
        _ => {}
    }
    format!("RRULE:{}", parts.join(";"))
}

/// The first occurrence of the version in effect, looking at most ~3
/// years past the day it took effect: a recurrence may start before the
/// ritual existed (or before this version took effect), and those dates
/// were never its occurrences.
fn first_date(r: &Ritual) -> Result<Option<NaiveDate>> {
    let Some(current) = r.timeline.last().filter(|p| p.to_ms.is_none()) else {
        return Ok(None);
    };
    let out_of_range = || Error::invalid("a ritual's dates are outside the calendar");
    let took_effect = schedule::instant(current.from_ms)?.date_naive();
    let from = took_effect
        .checked_sub_signed(Duration::days(1))
        .ok_or_else(out_of_range)?;
    let periods = std::slice::from_ref(current);
    let to = from
        .checked_add_signed(Duration::days(1100))
        .ok_or_else(out_of_range)?;
    let span = (from, to);
    // A floating ritual's first date is the first on some phone's calendar.
    Ok(history::dated(periods, span, history::Reading::Somewhere)?
        .into_keys()
        .next())
}

/// RFC 5545 counts COUNT from DTSTART: what is left of the count once the
/// dates the rule gave before `first` are spent.
fn remaining(rule: &Recurrence, first: NaiveDate) -> Recurrence {
    match rule.end {
        End::Count(n) => {
            let spent = first
                .pred_opt()
                .map_or(0, |d| rule.dates_between(rule.start, d).len());
            Recurrence {
                end: End::Count(n.saturating_sub(spent as u32).max(1)),
                ..*rule
            }
        }
        _ => *rule,
    }
}

/// The last date of a counted rule whose dates from `first` on include a
/// day `tz` skipped (Samoa, 2011-12-30). Tandem's count uses that day up; a
/// calendar app does not count it (RFC 5545 §3.3.10) and would go on a day
/// longer, so such a rule is written with the UNTIL of its last occurrence.
/// The count is the whole rule's (from its own start), not the remainder
/// written as COUNT: the remainder restarted at the rule's start would end
/// before DTSTART.
fn count_ending_past_a_skipped_day(
    rule: &Recurrence,
    first: NaiveDate,
    tz: Zone,
) -> Option<NaiveDate> {
    let End::Count(_) = rule.end else {
        return None;
    };
    let last_possible = NaiveDate::from_ymd_opt(2199, 12, 31)?;
    let dates = rule.dates_between(first.max(rule.start), last_possible);
    if dates.iter().all(|d| schedule::day_exists(tz, *d)) {
        return None;
    }
    dates.last().copied()
}

/// An RFC 5545 calendar of the active rituals (paused, waiting, declined and
/// retired ones are left out: they are not plans both agreed to keep).
pub fn export(rituals: &[Ritual], now: Millis) -> Result<String> {
    let stamp = schedule::instant(now)?.format("%Y%m%dT%H%M%SZ").to_string();
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Tandem//Tandem core//EN",
        "CALSCALE:GREGORIAN",
    ] {
        fold(line, &mut out);
    }
    for r in rituals.iter().filter(|r| r.status == RitualStatus::Active) {
        let Some(first) = first_date(r)? else {
            continue;
        };
        let whole = &r.spec.recurrence;
        let rule = &remaining(whole, first);
        let start = first.and_time(r.time_of_day.naive());
        let (dtstart, until) = match r.zone {
            ZoneMode::Fixed(tz) => (
                format!("DTSTART;TZID={}:{}", tz.name(), local(start)),
                match rule.end {
                    End::Until(d) => Some(d),
                    _ => count_ending_past_a_skipped_day(whole, first, tz),
                }
                .map(|d| {
                    schedule::resolve_local(tz, d.and_time(r.time_of_day.naive()))
                        .format("%Y%m%dT%H%M%SZ")
                        .to_string()
                }),
            ),
            ZoneMode::Floating => (
                format!("DTSTART:{}", local(start)),
                match rule.end {
                    End::Until(d) => Some(local(d.and_time(r.time_of_day.naive()))),
                    _ => None,
                },
            ),
        };
        fold("BEGIN:VEVENT", &mut out);
        fold(&format!("UID:{}@tandem", r.id), &mut out);
        fold(&format!("DTSTAMP:{stamp}"), &mut out);
        fold(&format!("SUMMARY:{}", escape(&r.title)), &mut out);
        if let Some(p) = &r.prompt {
            fold(&format!("DESCRIPTION:{}", escape(p)), &mut out);
        }
        fold(&dtstart, &mut out);
        fold(&format!("DURATION:PT{}M", r.minutes), &mut out);
        fold(&rrule(rule, until), &mut out);
        fold("END:VEVENT", &mut out);
    }
    fold("END:VCALENDAR", &mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_and_folding() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let mut out = String::new();
        fold(&"é".repeat(60), &mut out);
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets", line.len());
        }
        assert_eq!(out.replace("\r\n ", "").trim_end(), "é".repeat(60));
    }
}
