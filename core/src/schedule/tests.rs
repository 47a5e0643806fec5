use super::*;

/// Every instant in `[from, to)` at which `time` happens each day in `tz`.
fn daily(time: TimeOfDay, tz: Zone, from: Millis, to: Millis) -> Result<Vec<DateTime<Utc>>> {
    let start = instant(from)?.date_naive() - Duration::days(2);
    occurrences(&recurrence::Recurrence::daily(start), time, tz, from, to)
}
use chrono::NaiveDate;
use proptest::prelude::*;

fn local(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn resolve(zone: &str, wall: &str) -> DateTime<Utc> {
    resolve_local(parse_zone(zone).unwrap(), local(wall))
}

// Expected instants were checked against Python's zoneinfo (fold=0), an
// independent reading of the same tz database.
#[test]
fn gap_moves_forward_by_the_gap() {
    // New York, spring forward 2027-03-14 02:00 -> 03:00.
    assert_eq!(
        resolve("America/New_York", "2027-03-14T02:30"),
        utc("2027-03-14T07:30:00Z")
    );
    // Berlin, 2027-03-28 02:00 -> 03:00.
    assert_eq!(
        resolve("Europe/Berlin", "2027-03-28T02:30"),
        utc("2027-03-28T01:30:00Z")
    );
    // Sydney (southern hemisphere), 2027-10-03 02:00 -> 03:00.
    assert_eq!(
        resolve("Australia/Sydney", "2027-10-03T02:30"),
        utc("2027-10-02T16:30:00Z")
    );
    // Lord Howe, a 30-minute shift: 2027-10-03 02:00 -> 02:30.
    assert_eq!(
        resolve("Australia/Lord_Howe", "2027-10-03T02:15"),
        utc("2027-10-02T15:45:00Z")
    );
}

#[test]
fn repeated_time_means_first_instance() {
    assert_eq!(
        resolve("America/New_York", "2027-11-07T01:30"),
        utc("2027-11-07T05:30:00Z")
    );
    assert_eq!(
        resolve("Europe/Berlin", "2027-10-31T02:30"),
        utc("2027-10-31T00:30:00Z")
    );
    assert_eq!(
        resolve("Australia/Sydney", "2027-04-04T02:30"),
        utc("2027-04-03T15:30:00Z")
    );
    assert_eq!(
        resolve("Australia/Lord_Howe", "2027-04-04T01:45"),
        utc("2027-04-03T14:45:00Z")
    );
}

#[test]
fn a_skipped_day_moves_forward_a_day() {
    // Samoa skipped 2011-12-30 entirely when it crossed the date line.
    let t = resolve("Pacific/Apia", "2011-12-30T20:30");
    let back = t
        .with_timezone(&parse_zone("Pacific/Apia").unwrap())
        .naive_local();
    assert_eq!(back, local("2011-12-31T20:30"));
}

#[test]
fn daily_across_spring_forward_keeps_the_wall_time() {
    let tz = parse_zone("America/New_York").unwrap();
    let from = utc("2027-03-12T00:00:00-05:00").timestamp_millis();
    let to = utc("2027-03-17T00:00:00-04:00").timestamp_millis();
    let times = daily(TimeOfDay::parse("20:30").unwrap(), tz, from, to).unwrap();
    let walls: Vec<String> = times
        .iter()
        .map(|t| t.with_timezone(&tz).format("%m-%d %H:%M %z").to_string())
        .collect();
    assert_eq!(
        walls,
        [
            "03-12 20:30 -0500",
            "03-13 20:30 -0500",
            "03-14 20:30 -0400",
            "03-15 20:30 -0400",
            "03-16 20:30 -0400"
        ]
    );
    // The day of the change is 23 hours long.
    assert_eq!((times[2] - times[1]).num_hours(), 23);
}

#[test]
fn daily_range_is_half_open() {
    let tz = parse_zone("UTC").unwrap();
    let at = utc("2027-01-01T08:00:00Z").timestamp_millis();
    let t = TimeOfDay::parse("08:00").unwrap();
    assert_eq!(daily(t, tz, at, at + 1).unwrap().len(), 1);
    assert_eq!(daily(t, tz, at - 1, at).unwrap().len(), 0);
}

#[test]
fn time_of_day_parsing() {
    assert_eq!(TimeOfDay::parse("20:30").unwrap().minutes(), 1230);
    assert_eq!(TimeOfDay::parse("9:05").unwrap().to_string(), "09:05");
    assert_eq!(TimeOfDay::parse("00:00").unwrap().minutes(), 0);
    assert_eq!(TimeOfDay::parse("23:59").unwrap().minutes(), 1439);
    for bad in [
        "24:00",
        "12:60",
        "12",
        "ab:cd",
        "12:5",
        "-1:30",
        "12:30:00",
        "",
        "１２:３０",
        "123:00",
    ] {
        assert!(TimeOfDay::parse(bad).is_err(), "{bad:?} accepted");
    }
    assert!(TimeOfDay::from_minutes(1440).is_err());
}

#[test]
fn unknown_zones_are_refused_without_echo() {
    let e = parse_zone("Mars/Olympus_Mons").unwrap_err().to_string();
    assert!(e.contains("unknown time zone"), "{e}");
    assert!(!e.contains("Mars"), "{e}");
    let e = parse_zone("my secret diary entry").unwrap_err().to_string();
    assert!(!e.contains("secret"), "{e}");
    assert!(parse_zone("").is_err());
}

#[test]
fn instants_outside_1900_to_2200_are_refused() {
    assert!(instant(EARLIEST_MS).is_ok());
    assert!(instant(LATEST_MS).is_ok());
    assert_eq!(
        instant(LATEST_MS).unwrap().to_rfc3339(),
        "2200-01-01T00:00:00+00:00"
    );
    assert_eq!(
        instant(EARLIEST_MS).unwrap().to_rfc3339(),
        "1900-01-01T00:00:00+00:00"
    );
    assert!(instant(EARLIEST_MS - 1).is_err());
    assert!(instant(i64::MAX).is_err());
    assert!(
        daily(
            TimeOfDay::from_minutes(0).unwrap(),
            Zone::UTC,
            i64::MIN,
            i64::MAX
        )
        .is_err()
    );
}

#[test]
fn rfc3339_parsing() {
    assert_eq!(parse_rfc3339("1970-01-01T00:00:01Z").unwrap(), 1000);
    assert_eq!(parse_rfc3339("1970-01-01T01:00:00+01:00").unwrap(), 0);
    assert!(parse_rfc3339("2027-03-14 08:00").is_err());
    assert!(parse_rfc3339("yesterday").is_err());
}

const ZONES: &[&str] = &[
    "America/New_York",
    "Europe/Berlin",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "America/Santiago",
    "Asia/Kolkata",
    "Pacific/Chatham",
    "Europe/London",
    "America/Sao_Paulo",
    "Africa/Casablanca",
];

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2000,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x7A4D),
        ..ProptestConfig::default()
    })]
    /// Whatever the wall time, its instant reads back as that wall time when it
    /// exists, and as a later one (by at most the gap) when it falls in a gap.
    #[test]
    fn resolve_reads_back(zone in 0..ZONES.len(), day in 0i64..(16 * 366), minute in 0u32..1440) {
        let tz = parse_zone(ZONES[zone]).unwrap();
        let date = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + Duration::days(day);
        let wall = date.and_time(NaiveTime::from_hms_opt(minute / 60, minute % 60, 0).unwrap());
        let t = resolve_local(tz, wall);
        let back = t.with_timezone(&tz).naive_local();
        match tz.from_local_datetime(&wall) {
            chrono::LocalResult::Single(_) => prop_assert_eq!(back, wall),
            chrono::LocalResult::Ambiguous(a, b) => {
                prop_assert_eq!(back, wall);
                prop_assert_eq!(t, a.min(b).with_timezone(&Utc));
            }
            chrono::LocalResult::None => {
                prop_assert!(back > wall);
                prop_assert!(back - wall <= Duration::hours(2));
            }
        }
    }

    /// One occurrence per local day, in order, each on its own local date.
    #[test]
    fn daily_is_one_per_local_day(zone in 0..ZONES.len(), day in 0i64..(16 * 366), minute in 0u16..1440, span in 1i64..60) {
        let tz = parse_zone(ZONES[zone]).unwrap();
        let start = utc("2020-01-01T00:00:00Z") + Duration::days(day);
        let from = start.timestamp_millis();
        let to = (start + Duration::days(span)).timestamp_millis();
        let times = daily(TimeOfDay::from_minutes(minute).unwrap(), tz, from, to).unwrap();
        prop_assert!(times.len() as i64 >= span - 1 && times.len() as i64 <= span + 1);
        for pair in times.windows(2) {
            prop_assert!(pair[0] < pair[1]);
            let d0 = pair[0].with_timezone(&tz).date_naive();
            let d1 = pair[1].with_timezone(&tz).date_naive();
            prop_assert_eq!(d1, d0.succ_opt().unwrap());
        }
    }
}

#[test]
fn a_day_no_wall_time_reaches_does_not_exist() {
    let apia = parse_zone("Pacific/Apia").unwrap();
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    assert!(!day_exists(apia, d("2011-12-30")));
    assert!(day_exists(apia, d("2011-12-29")) && day_exists(apia, d("2011-12-31")));
    // A gap at midnight shortens a day; it does not remove it.
    for (zone, date) in [
        ("America/Santiago", "2027-09-05"),
        ("America/Havana", "2027-03-14"),
        ("America/New_York", "2027-03-14"),
        ("Australia/Lord_Howe", "2027-10-03"),
    ] {
        assert!(
            day_exists(parse_zone(zone).unwrap(), d(date)),
            "{zone} {date}"
        );
    }
}

#[test]
fn a_skipped_day_gives_no_occurrence_and_no_instant_twice() {
    use recurrence::{End, Frequency, Recurrence, WeekdaySet};
    let apia = parse_zone("Pacific/Apia").unwrap();
    let from = utc("2011-12-20T00:00:00Z").timestamp_millis();
    let to = utc("2012-02-05T00:00:00Z").timestamp_millis();
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let friday = chrono::Weekday::Fri;
    let rules = [
        Frequency::Daily,
        Frequency::Weekdays(WeekdaySet::from_days(&[friday])),
        Frequency::Weekly,
        Frequency::EveryNDays(5),
        Frequency::MonthlyOnDay(30),
        Frequency::MonthlyOnWeekday {
            nth: -1,
            weekday: friday,
        },
    ];
    for frequency in rules {
        for at in ["00:00", "08:00", "20:30", "23:59"] {
            let rule = Recurrence {
                frequency,
                start: d("2011-11-25"),
                end: End::Never,
            };
            let got =
                dated_occurrences(&rule, TimeOfDay::parse(at).unwrap(), apia, from, to).unwrap();
            assert!(!got.is_empty(), "{frequency:?} {at}");
            assert!(
                got.iter().all(|(date, _)| *date != d("2011-12-30")),
                "{frequency:?} {at}: {got:?}"
            );
            assert!(
                got.windows(2).all(|w| w[0].1 < w[1].1),
                "{frequency:?} {at}: two occurrences at one instant in {got:?}"
            );
            for (date, t) in &got {
                assert_eq!(
                    t.with_timezone(&apia).date_naive(),
                    *date,
                    "{frequency:?} {at}"
                );
            }
        }
    }
    // The daily ritual's evening on each side of the skipped day.
    let daily = Recurrence::daily(d("2011-12-20"));
    let evenings: Vec<String> = occurrences(
        &daily,
        TimeOfDay::parse("20:30").unwrap(),
        apia,
        utc("2011-12-29T00:00:00Z").timestamp_millis(),
        utc("2012-01-01T12:00:00Z").timestamp_millis(),
    )
    .unwrap()
    .iter()
    .map(|t| t.with_timezone(&apia).to_rfc3339())
    .collect();
    assert_eq!(
        evenings,
        [
            "2011-12-28T20:30:00-10:00",
            "2011-12-29T20:30:00-10:00",
            "2011-12-31T20:30:00+14:00",
            "2012-01-01T20:30:00+14:00"
        ]
    );
}

#[test]
fn the_latest_date_on_earth_runs_fourteen_hours_ahead_of_utc() {
    let at = |s: &str| utc(s).timestamp_millis();
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    assert_eq!(
        latest_today(at("2027-03-10T09:59:59Z")),
        Some(d("2027-03-10"))
    );
    assert_eq!(
        latest_today(at("2027-03-10T10:00:00Z")),
        Some(d("2027-03-11"))
    );
    assert_eq!(latest_today(i64::MAX), None);
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 1500,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0xA91A),
        ..ProptestConfig::default()
    })]
    /// In every zone of the tz database, 1970 to 2045: a daily ritual gives
    /// one occurrence on each day that exists there and none on a day that
    /// does not, never two at one instant.
    #[test]
    fn every_day_that_exists_once_in_every_zone(
        zone in 0..ALL_ZONES.len(),
        day in 0i64..(75 * 365),
        minute in 0u16..1440,
        span in 1i64..40,
    ) {
        let start = utc("1970-01-01T00:00:00Z") + Duration::days(day);
        // Names the database lists but cannot read (none expected) are
        // skipped here and caught by `every_listed_zone_parses`.
        let Ok(tz) = parse_zone(&ALL_ZONES[zone]) else { return Ok(()) };
        once_per_existing_day(tz, start, minute, span)?;
    }

    /// The same, around each day a zone skipped between 1970 and 2045 (found
    /// by scanning every zone's days with `day_exists`).
    #[test]
    fn every_day_that_exists_once_around_skipped_days(
        skip in 0..SKIPPED_DAYS.len(),
        before in 0i64..40,
        minute in 0u16..1440,
        span in 1i64..40,
    ) {
        let (zone, date) = SKIPPED_DAYS[skip];
        let tz = parse_zone(zone).unwrap();
        prop_assert!(!day_exists(tz, NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap()));
        let start = utc(&format!("{date}T00:00:00Z")) - Duration::days(before);
        once_per_existing_day(tz, start, minute, span + before)?;
    }
}

/// Every zone of the system's database (sorted, so a seed picks the same
/// zones on the same tzdata).
static ALL_ZONES: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    let names = crate::zone::available();
    assert!(
        names.len() > 300,
        "no zone database here? {} names",
        names.len()
    );
    names
});

#[test]
fn every_listed_zone_parses() {
    let unreadable: Vec<&String> = ALL_ZONES
        .iter()
        .filter(|name| parse_zone(name).is_err())
        .collect();
    assert!(unreadable.is_empty(), "{unreadable:?}");
}

const SKIPPED_DAYS: [(&str, &str); 5] = [
    ("Pacific/Kwajalein", "1993-08-21"),
    ("Pacific/Kanton", "1994-12-31"),
    ("Pacific/Kiritimati", "1994-12-31"),
    ("Pacific/Apia", "2011-12-30"),
    ("Pacific/Fakaofo", "2011-12-30"),
];

fn once_per_existing_day(
    tz: Zone,
    start: DateTime<Utc>,
    minute: u16,
    span: i64,
) -> std::result::Result<(), TestCaseError> {
    let from = start.timestamp_millis();
    let to = (start + Duration::days(span)).timestamp_millis();
    let rule = recurrence::Recurrence::daily(start.date_naive() - Duration::days(2));
    let got = dated_occurrences(
        &rule,
        TimeOfDay::from_minutes(minute).unwrap(),
        tz,
        from,
        to,
    )
    .unwrap();
    for (date, _) in &got {
        prop_assert!(day_exists(tz, *date), "{} {}", tz.name(), date);
    }
    for pair in got.windows(2) {
        prop_assert!(
            pair[0].1 < pair[1].1,
            "{} two at one instant: {:?}",
            tz.name(),
            pair
        );
        let between = pair[0].0.iter_days().skip(1).take_while(|d| *d < pair[1].0);
        for missing in between {
            prop_assert!(!day_exists(tz, missing), "{} lost {}", tz.name(), missing);
        }
    }
    Ok(())
}

/// The expansion as it was before `Resolver`: every local date of the
/// range, each checked with `day_exists` and read with `resolve_local`.
/// The oracle the reuse of offsets is held to.
fn dated_occurrences_by_days(
    rule: &recurrence::Recurrence,
    time: TimeOfDay,
    tz: Zone,
    from: Millis,
    to: Millis,
) -> Vec<(NaiveDate, DateTime<Utc>)> {
    let dates = local_dates(tz, from, to).unwrap();
    // Each date asked alone: no jump from one occurrence to the next.
    dates
        .iter()
        .filter(|d| rule.dates_between(**d, **d) == [**d])
        .filter(|date| day_exists(tz, **date))
        .map(|date| (*date, resolve_local(tz, date.and_time(time.naive()))))
        .filter(|(_, t)| (from..to).contains(&t.timestamp_millis()))
        .collect()
}

/// Zones with the closest transitions in the tz database (found with
/// `zdump -v -c 1900,2200` over every zone of tzdata 2025b): each pair is
/// further apart than `REUSE_SECS`, which the offset reuse relies on.
const CLOSE_TRANSITIONS: [&str; 12] = [
    "Africa/Freetown",
    "America/Cambridge_Bay",
    "America/Boa_Vista",
    "America/Noronha",
    "America/Recife",
    "Asia/Gaza",
    "Asia/Hebron",
    "Europe/Kaliningrad",
    "Africa/Tunis",
    "America/Asuncion",
    "Africa/Casablanca",
    "Pacific/Apia",
];

#[test]
fn closest_transitions_are_further_apart_than_the_reuse_span() {
    let offset = |tz: Zone, secs: i64| {
        tz.offset_from_utc_datetime(&DateTime::from_timestamp(secs, 0).unwrap().naive_utc())
            .fix()
            .local_minus_utc()
    };
    // Probe every 6 hours from 1900 to 2200 and find each change to the
    // second: the transitions, as the zone data in this build has them.
    let step = 6 * 3_600;
    let mut seen = 0;
    for zone in CLOSE_TRANSITIONS {
        let tz = parse_zone(zone).unwrap();
        let mut transitions = Vec::new();
        let mut at = EARLIEST_MS / 1000;
        let mut before = offset(tz, at);
        while at < LATEST_MS / 1000 {
            let next = at + step;
            let after = offset(tz, next);
            if after != before {
                let (mut lo, mut hi) = (at, next);
                while hi - lo > 1 {
                    let mid = lo + (hi - lo) / 2;
                    if offset(tz, mid) == before {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                transitions.push(hi);
            }
            (at, before) = (next, after);
        }
        // (Some of these are links to another zone in this build's data,
        // with fewer transitions.)
        seen += transitions.len();
        for pair in transitions.windows(2) {
            assert!(
                pair[1] - pair[0] > REUSE_SECS,
                "{zone}: transitions {} s apart at {}",
                pair[1] - pair[0],
                pair[0]
            );
        }
    }
    assert!(seen > 500, "{seen} transitions found");
}

#[test]
fn reused_offsets_give_the_same_occurrences_around_the_closest_transitions() {
    // Freetown 1939 (3.99 days), Brazil 2000 (a week), Gaza 2040: daily,
    // every other day and Friday-to-Monday rules at every quarter hour.
    let cases = [
        ("Africa/Freetown", "1939-08-20T00:00:00Z"),
        ("America/Noronha", "2000-09-25T00:00:00Z"),
        ("Asia/Gaza", "2040-10-10T00:00:00Z"),
        ("Europe/Berlin", "2027-03-20T00:00:00Z"),
        ("Pacific/Apia", "2011-12-20T00:00:00Z"),
    ];
    let rules = |start: NaiveDate| {
        [
            recurrence::Frequency::Daily,
            recurrence::Frequency::EveryNDays(2),
            recurrence::Frequency::EveryNDays(3),
            recurrence::Frequency::Weekdays(recurrence::WeekdaySet(0b10101)),
        ]
        .map(|frequency| recurrence::Recurrence {
            frequency,
            start,
            end: recurrence::End::Never,
        })
    };
    for (zone, from) in cases {
        let tz = parse_zone(zone).unwrap();
        let from = utc(from);
        let to = (from + Duration::days(30)).timestamp_millis();
        for rule in rules(from.date_naive() - Duration::days(3)) {
            for minute in (0..1440).step_by(15) {
                let time = TimeOfDay::from_minutes(minute).unwrap();
                let from = from.timestamp_millis();
                assert_eq!(
                    dated_occurrences(&rule, time, tz, from, to).unwrap(),
                    dated_occurrences_by_days(&rule, time, tz, from, to),
                    "{zone} {rule:?} {time}"
                );
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 600,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x0FF5E7),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// In any zone, for any rule and range between 1900 and 2200: the
    /// expansion that reuses offsets gives exactly what reading every day
    /// with the full rules gives.
    #[test]
    fn reusing_offsets_changes_no_occurrence(
        zone in 0usize..10_000,
        kind in 0u8..6,
        n in 1u16..9,
        weekdays in 1u8..128,
        day in 1u8..=31,
        nth in prop_oneof![Just(-1i8), 1i8..=5],
        start_day in 0i64..(290 * 365),
        minute in 0u16..1440,
        span in 1i64..120,
        count in proptest::option::of(1u32..60),
    ) {
        let names = crate::zone::available();
        let tz = crate::zone::Zone::named(&names[zone % names.len()]).unwrap();
        let start = NaiveDate::from_ymd_opt(1901, 1, 1).unwrap() + Duration::days(start_day);
        let frequency = match kind {
            0 => recurrence::Frequency::Daily,
            1 => recurrence::Frequency::EveryNDays(n),
            2 => recurrence::Frequency::Weekdays(recurrence::WeekdaySet(weekdays)),
            3 => recurrence::Frequency::Weekly,
            4 => recurrence::Frequency::MonthlyOnDay(day),
            _ => recurrence::Frequency::MonthlyOnWeekday {
                nth,
                weekday: chrono::Weekday::try_from(weekdays % 7).unwrap(),
            },
        };
        let rule = recurrence::Recurrence {
            frequency,
            start,
            end: count.map_or(recurrence::End::Never, recurrence::End::Count),
        };
        let from = start.and_time(NaiveTime::MIN).and_utc() + Duration::days(i64::from(n) - 3);
        let to = (from + Duration::days(span)).timestamp_millis();
        let from = from.timestamp_millis();
        let time = TimeOfDay::from_minutes(minute).unwrap();
        prop_assert_eq!(
            dated_occurrences(&rule, time, tz, from, to).unwrap(),
            dated_occurrences_by_days(&rule, time, tz, from, to)
        );
    }
}
