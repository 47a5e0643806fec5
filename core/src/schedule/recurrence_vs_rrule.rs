//! Our recurrence and DST rules against an independent implementation: the
//! `rrule` crate (a port of python-dateutil) expands the same rule as an RFC
//! 5545 RRULE with DTSTART;TZID, for random rules, zones and dates in
//! 2020–2035. Instants must agree wherever the local time is unambiguous;
//! where a DST gap or fold makes it ambiguous, our own rule (tested
//! elsewhere) decides, and the local dates must still agree.

use chrono::{Duration, NaiveDate, TimeZone, Utc, Weekday};
use proptest::prelude::*;

use super::recurrence::{End, Frequency, Recurrence, WeekdaySet};
use super::{TimeOfDay, parse_zone, resolve_local};
use crate::zone::Zone;

const ZONES: &[&str] = &[
    "America/New_York",
    "Europe/Berlin",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "America/Santiago",
    "Asia/Kolkata",
    "Pacific/Chatham",
    "America/Sao_Paulo",
    "Africa/Casablanca",
    "Europe/Moscow",
    "Asia/Pyongyang",
    "America/Caracas",
];

fn weekday(i: u8) -> Weekday {
    Weekday::try_from(i % 7).unwrap()
}

fn byday(w: Weekday) -> &'static str {
    ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][w.num_days_from_monday() as usize]
}

fn frequency() -> impl Strategy<Value = Frequency> {
    prop_oneof![
        Just(Frequency::Daily),
        (1u8..128).prop_map(|b| Frequency::Weekdays(WeekdaySet(b))),
        (1u16..30).prop_map(Frequency::EveryNDays),
        Just(Frequency::Weekly),
        (1u8..=31).prop_map(Frequency::MonthlyOnDay),
        (prop_oneof![Just(-1i8), 1i8..=5], 0u8..7).prop_map(|(nth, w)| {
            Frequency::MonthlyOnWeekday {
                nth,
                weekday: weekday(w),
            }
        }),
    ]
}

/// The same rule as an RRULE line. UNTIL is in UTC, as RFC 5545 requires
/// with a zoned DTSTART: the instant of the last date's occurrence.
fn rrule_line(r: &Recurrence, tz: Zone, time: TimeOfDay) -> String {
    let mut parts = match r.frequency {
        Frequency::Daily => vec!["FREQ=DAILY".to_string()],
        Frequency::Weekdays(set) => vec![
            "FREQ=WEEKLY".into(),
            format!(
                "BYDAY={}",
                set.days()
                    .into_iter()
                    .map(byday)
                    .collect::<Vec<_>>()
                    .join(",")
            ),
        ],
        Frequency::EveryNDays(n) => vec!["FREQ=DAILY".into(), format!("INTERVAL={n}")],
        Frequency::Weekly => vec!["FREQ=WEEKLY".into()],
        Frequency::MonthlyOnDay(d) => vec!["FREQ=MONTHLY".into(), format!("BYMONTHDAY={d}")],
        Frequency::MonthlyOnWeekday { nth, weekday } => {
            vec![
                "FREQ=MONTHLY".into(),
                format!("BYDAY={nth}{}", byday(weekday)),
            ]
        }
    };
    match r.end {
        End::Never => {}
        End::Until(d) => parts.push(format!(
            "UNTIL={}",
            resolve_local(tz, d.and_time(time.naive())).format("%Y%m%dT%H%M%SZ")
        )),
        End::Count(n) => parts.push(format!("COUNT={n}")),
    }
    format!("RRULE:{}", parts.join(";"))
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 400,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x5EED_4A11),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn occurrences_match_rrule(
        zone in 0..ZONES.len(),
        freq in frequency(),
        start_day in 0i64..(15 * 365),
        minute in 0u16..1440,
        end_kind in 0u8..3,
        count in 1u32..40,
        until_days in 0i64..400,
        window_days in 1i64..200,
    ) {
        let tz = parse_zone(ZONES[zone]).unwrap();
        let start = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + Duration::days(start_day);
        let end = match end_kind {
            0 => End::Never,
            1 => End::Count(count),
            _ => End::Until(start + Duration::days(until_days)),
        };
        let rule = Recurrence { frequency: freq, start, end };
        prop_assume!(rule.validate().is_ok());
        let last = start + Duration::days(window_days);
        let ours = rule.dates_between(start, last);
        // DTSTART must be the first occurrence (RFC 5545 leaves a DTSTART
        // outside the rule undefined).
        let Some(first) = rule.dates_between(start, start + Duration::days(800)).first().copied() else {
            return Ok(());
        };
        let time = TimeOfDay::from_minutes(minute).unwrap();
        let text = format!(
            "DTSTART;TZID={}:{}T{:02}{:02}00\n{}",
            tz.name(),
            first.format("%Y%m%d"),
            minute / 60,
            minute % 60,
            rrule_line(&rule, tz, time)
        );
        let set: rrule::RRuleSet = text.parse().map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        let theirs: Vec<chrono::DateTime<rrule::Tz>> = set.all(2000).dates;
        let their_dates: Vec<NaiveDate> = theirs
            .iter()
            .map(|t| t.with_timezone(&tz).date_naive())
            .filter(|d| *d <= last)
            .collect();
        // Dates: rrule may drop an occurrence whose local time falls in a
        // gap; compare on the dates where the wall time exists.
        let exists = |d: &NaiveDate| tz.from_local_datetime(&d.and_time(time.naive())).earliest().is_some();
        let ours_existing: Vec<NaiveDate> = ours.iter().copied().filter(exists).collect();
        let theirs_existing: Vec<NaiveDate> = their_dates.iter().copied().filter(exists).collect();
        prop_assert_eq!(&ours_existing, &theirs_existing, "{}", text);
        // Instants, where the wall time is unambiguous.
        for t in theirs.iter().filter(|t| t.with_timezone(&tz).date_naive() <= last) {
            let date = t.with_timezone(&tz).date_naive();
            let wall = date.and_time(time.naive());
            if let chrono::LocalResult::Single(_) = tz.from_local_datetime(&wall) {
                prop_assert_eq!(resolve_local(tz, wall), t.with_timezone(&Utc), "{}", text);
            }
        }
    }
}
