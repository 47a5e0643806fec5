//! Recurrence expansion against the `rrule` crate (issue 18 part 3: at
//! least 5 times faster for every kind). Each kind expands the same rule
//! over the same ten years in Europe/Berlin (two DST changes a year) with
//! both: ours through `schedule::occurrences` (dates and instants), rrule
//! from a parsed `RRuleSet` (DTSTART;TZID on the first occurrence, as the
//! property test `recurrence_vs_rrule` writes it). Both must give the same
//! instants; the ratio per kind is printed (medians of alternating runs),
//! then criterion times each side.
//!
//! Run: `cargo bench -p tandem-tests --bench recurrence -- --warm-up-time 1
//! --measurement-time 2`.

use std::time::{Duration, Instant};

use chrono::{NaiveDate, TimeZone, Utc, Weekday};
use criterion::{Criterion, criterion_group, criterion_main};
use tandem_core::schedule::recurrence::{End, Frequency, Recurrence, WeekdaySet};
use tandem_core::schedule::{self, TimeOfDay};

const ZONE: &str = "Europe/Berlin";
const YEARS: i64 = 10;

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 1, 1).expect("start")
}

/// Each kind: its name, our rule and the same rule as an RRULE line.
fn kinds() -> Vec<(&'static str, Recurrence, &'static str)> {
    let s = start();
    let rule = |frequency, end| Recurrence {
        frequency,
        start: s,
        end,
    };
    let until = NaiveDate::from_ymd_opt(2033, 6, 30).expect("until");
    vec![
        ("daily", rule(Frequency::Daily, End::Never), "FREQ=DAILY"),
        (
            "weekdays (Mon, Wed, Fri)",
            rule(
                Frequency::Weekdays(WeekdaySet::from_days(&[
                    Weekday::Mon,
                    Weekday::Wed,
                    Weekday::Fri,
                ])),
                End::Never,
            ),
            "FREQ=WEEKLY;BYDAY=MO,WE,FR",
        ),
        (
            "every 3 days",
            rule(Frequency::EveryNDays(3), End::Never),
            "FREQ=DAILY;INTERVAL=3",
        ),
        ("weekly", rule(Frequency::Weekly, End::Never), "FREQ=WEEKLY"),
        (
            "monthly on the 15th",
            rule(Frequency::MonthlyOnDay(15), End::Never),
            "FREQ=MONTHLY;BYMONTHDAY=15",
        ),
        (
            "monthly on the 31st",
            rule(Frequency::MonthlyOnDay(31), End::Never),
            "FREQ=MONTHLY;BYMONTHDAY=31",
        ),
        (
            "monthly, 2nd Saturday",
            rule(
                Frequency::MonthlyOnWeekday {
                    nth: 2,
                    weekday: Weekday::Sat,
                },
                End::Never,
            ),
            "FREQ=MONTHLY;BYDAY=2SA",
        ),
        (
            "monthly, last Friday",
            rule(
                Frequency::MonthlyOnWeekday {
                    nth: -1,
                    weekday: Weekday::Fri,
                },
                End::Never,
            ),
            "FREQ=MONTHLY;BYDAY=-1FR",
        ),
        (
            "daily, count 1000",
            rule(Frequency::Daily, End::Count(1000)),
            "FREQ=DAILY;COUNT=1000",
        ),
        (
            "weekly, until 2033-06-30",
            rule(Frequency::Weekly, End::Until(until)),
            // The instant of the last date's occurrence (20:30 CEST).
            "FREQ=WEEKLY;UNTIL=20330630T183000Z",
        ),
        (
            "monthly 2nd Saturday, count 60",
            rule(
                Frequency::MonthlyOnWeekday {
                    nth: 2,
                    weekday: Weekday::Sat,
                },
                End::Count(60),
            ),
            "FREQ=MONTHLY;BYDAY=2SA;COUNT=60",
        ),
    ]
}

struct Case {
    name: &'static str,
    rule: Recurrence,
    set: rrule::RRuleSet,
    from: i64,
    to: i64,
}

fn cases() -> Vec<Case> {
    let tz = schedule::parse_zone(ZONE).expect("zone");
    let time = TimeOfDay::parse("20:30").expect("time");
    let s = start();
    let from = tz
        .from_local_datetime(&s.and_hms_opt(0, 0, 0).expect("midnight"))
        .earliest()
        .expect("local midnight")
        .timestamp_millis();
    let end = NaiveDate::from_ymd_opt(2027 + YEARS as i32, 1, 1).expect("end");
    let to = tz
        .from_local_datetime(&end.and_hms_opt(0, 0, 0).expect("midnight"))
        .earliest()
        .expect("local midnight")
        .timestamp_millis();
    kinds()
        .into_iter()
        .map(|(name, rule, line)| {
            let first = rule
                .dates_between(s, s + chrono::Duration::days(400))
                .first()
                .copied()
                .expect("a first occurrence");
            let text = format!(
                "DTSTART;TZID={ZONE}:{}T203000\nRRULE:{line}",
                first.format("%Y%m%d")
            );
            let rtz = rrule::Tz::Tz(ZONE.parse::<chrono_tz::Tz>().expect("zone"));
            let set: rrule::RRuleSet = text.parse().expect("rrule parses");
            let set = set
                .after(Utc.timestamp_millis_opt(from).unwrap().with_timezone(&rtz))
                .before(
                    Utc.timestamp_millis_opt(to - 1)
                        .unwrap()
                        .with_timezone(&rtz),
                );
            let case = Case {
                name,
                rule,
                set,
                from,
                to,
            };
            // The same instants from both, or the comparison means nothing.
            // The first expansion in the process also finds the zone's
            // offset changes for the years it covers (kept after).
            let cold = Instant::now();
            let ours: Vec<i64> = ours(&case, time);
            if name == "daily" {
                eprintln!(
                    "first expansion in this process (finding {ZONE}'s offset changes for {YEARS} years): {:.1?}",
                    cold.elapsed()
                );
            }
            let theirs: Vec<i64> = theirs(&case);
            assert_eq!(ours, theirs, "{name}: both expand the same instants");
            assert!(!ours.is_empty(), "{name}");
            case
        })
        .collect()
}

fn ours(case: &Case, time: TimeOfDay) -> Vec<i64> {
    let tz = schedule::parse_zone(ZONE).expect("zone");
    schedule::occurrences(&case.rule, time, tz, case.from, case.to)
        .expect("occurrences")
        .iter()
        .map(|t| t.timestamp_millis())
        .collect()
}

fn theirs(case: &Case) -> Vec<i64> {
    case.set
        .clone()
        .all(u16::MAX)
        .dates
        .iter()
        .map(|t| t.timestamp_millis())
        .collect()
}

/// The median of `runs` timings of `f`.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn bench(c: &mut Criterion) {
    let time = TimeOfDay::parse("20:30").expect("time");
    let cases = cases();
    eprintln!("\n| kind ({YEARS} years, {ZONE}) | occurrences | ours | rrule | rrule / ours |");
    eprintln!("|---|---|---|---|---|");
    let mut worst = f64::INFINITY;
    for case in &cases {
        let n = ours(case, time).len();
        // Alternating rounds, so load from other work hits both alike.
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for _ in 0..5 {
            a.push(median(9, || {
                std::hint::black_box(ours(case, time));
            }));
            b.push(median(9, || {
                std::hint::black_box(theirs(case));
            }));
        }
        a.sort();
        b.sort();
        let ratio = b[2].as_secs_f64() / a[2].as_secs_f64();
        worst = worst.min(ratio);
        eprintln!(
            "| {} | {n} | {:.1?} | {:.1?} | {ratio:.1}x |",
            case.name, a[2], b[2]
        );
    }
    eprintln!("slowest kind against rrule: {worst:.1}x (the goal: at least 5x)\n");

    let mut group = c.benchmark_group("recurrence");
    group.sample_size(10);
    for case in &cases {
        group.bench_function(format!("ours: {}", case.name), |b| {
            b.iter(|| ours(case, time))
        });
        group.bench_function(format!("rrule: {}", case.name), |b| b.iter(|| theirs(case)));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
