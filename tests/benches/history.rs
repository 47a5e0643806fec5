//! Costs over a couple's life: the same calls over generated histories of
//! 1, 3 and 10 years (issue 18), with the 1-to-10-year ratio printed.
//!
//! The history is seeded and shaped like a real couple's: 30 shared
//! rituals of every recurrence kind (two reminder leads each), marked on
//! 85 % of their days (a note one time in five, the partner marking too
//! now and then), a skip now and then, one ritual paused a month a year,
//! check-ins on 70 % of days, appreciations on 40 %, a pause every two
//! weeks, a new ritual proposed each month (declined, or tried for a
//! month and retired), and a sync every few days. It is built through the
//! core API once and cached under `target/tandem-history/` (set
//! `TANDEM_HISTORY_REBUILD=1` to build it again); each run works on copies.
//!
//! Run: `cargo bench -p tandem-tests --bench history -- --warm-up-time 1
//! --measurement-time 3`; `TANDEM_YEARS=1,3` picks the histories, and
//! `TANDEM_WIRE_ONLY=1` prints only the bytes per op on the wire.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{Datelike, Duration as Days, NaiveDate, Weekday};
use criterion::{Criterion, criterion_group, criterion_main};
use tandem_core::action::FormRequest;
use tandem_core::actions::{Action, PhoneNow};
use tandem_core::arming::{Access, Permission, Trigger};
use tandem_core::checkins::{Capacity, Entry, Need};
use tandem_core::schedule::recurrence::{FrequencyDraft, RecurrenceDraft};
use tandem_core::screens::checkin::CheckInForm;
use tandem_core::screens::forms::Submitted;
use tandem_core::{Core, ManualClock, RitualDraft};

const HOUR: i64 = 3_600_000;
/// Every history ends the day before this one (2037-03-10), whatever its
/// length, so the calls measured run on the same date.
const END: &str = "2037-03-10";
const RITUALS: usize = 30;
const ZONE: &str = "Europe/Berlin";
/// Bumped whenever the generator changes what it builds (4: entity ids
/// begin with the clock).
const GENERATOR: u32 = 4;
/// Days of a day's payload imported after the history, for the median.
const IMPORT_DAYS: i64 = 30;

fn end_date() -> NaiveDate {
    NaiveDate::parse_from_str(END, "%Y-%m-%d").expect("end date")
}

fn ms_of(date: NaiveDate) -> i64 {
    date.and_hms_opt(0, 0, 0)
        .expect("midnight")
        .and_utc()
        .timestamp_millis()
}

/// A fixed-seed xorshift generator: the same history every build.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// The ritual kinds, in turn: the draft and whether a date is one of its.
#[derive(Clone, Copy)]
enum KindOf {
    Daily,
    MonWedFri,
    EveryOtherDay,
    Weekly,
    MonthlyOn15th,
    SecondSaturday,
}

const KINDS: [KindOf; 6] = [
    KindOf::Daily,
    KindOf::MonWedFri,
    KindOf::EveryOtherDay,
    KindOf::Weekly,
    KindOf::MonthlyOn15th,
    KindOf::SecondSaturday,
];

impl KindOf {
    fn draft(self, start: NaiveDate) -> RecurrenceDraft {
        let frequency = match self {
            KindOf::Daily => FrequencyDraft::Daily,
            KindOf::MonWedFri => FrequencyDraft::Weekdays(vec![1, 3, 5]),
            KindOf::EveryOtherDay => FrequencyDraft::EveryNDays(2),
            KindOf::Weekly => FrequencyDraft::Weekly,
            KindOf::MonthlyOn15th => FrequencyDraft::MonthlyOnDay(15),
            KindOf::SecondSaturday => FrequencyDraft::MonthlyOnWeekday { nth: 2, weekday: 6 },
        };
        RecurrenceDraft {
            frequency,
            start: Some(start.to_string()),
            until: None,
            count: None,
        }
    }

    fn on(self, start: NaiveDate, d: NaiveDate) -> bool {
        match self {
            KindOf::Daily => true,
            KindOf::MonWedFri => matches!(d.weekday(), Weekday::Mon | Weekday::Wed | Weekday::Fri),
            KindOf::EveryOtherDay => (d - start).num_days() % 2 == 0,
            KindOf::Weekly => d.weekday() == start.weekday(),
            KindOf::MonthlyOn15th => d.day() == 15,
            KindOf::SecondSaturday => d.weekday() == Weekday::Sat && (8..=14).contains(&d.day()),
        }
    }
}

fn open(path: &Path, key: u8, name: Option<&str>, clock: &ManualClock) -> Core {
    Core::open(path, &[key; 32], name, Arc::new(clock.clone())).expect("open")
}

fn sync(from: &mut Core, to: &mut Core) {
    for p in from.export().expect("export") {
        to.import(&p).expect("import");
    }
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"))
}

/// The ritual ids of a history, in the order proposed.
fn ritual_ids(core: &Core) -> Vec<(String, KindOf, NaiveDate)> {
    let mut rituals = core.rituals().expect("rituals");
    // The rituals the history keeps (the ideas tried and ended are not).
    rituals.retain(|r| r.title.starts_with("Ritual "));
    rituals.sort_by_key(|r| r.title.clone());
    rituals
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let start = r.spec.recurrence.start;
            (r.id, KINDS[i % KINDS.len()], start)
        })
        .collect()
}

/// Builds `years` of history into `dir/ana.db` and `dir/ben.db`.
fn build(dir: &Path, years: i64) {
    let t0 = Instant::now();
    let days = years * 365;
    let start = end_date() - Days::days(days);
    let clock = ManualClock::new(ms_of(start) + 8 * HOUR);
    let mut ana = open(&dir.join("ana.db"), 0xA1, Some("Ana"), &clock);
    let mut ben = open(&dir.join("ben.db"), 0xB2, Some("Ben"), &clock);
    let offer = ana.start_pairing().expect("offer");
    let answer = ben.accept_pairing(&offer.text).expect("accept");
    ana.complete_pairing(&answer.text).expect("complete");
    ana.confirm_pairing().expect("confirm");
    ben.confirm_pairing().expect("confirm");
    let mut ids = Vec::new();
    for i in 0..RITUALS {
        let kind = KINDS[i % KINDS.len()];
        let r = ana
            .propose_ritual(&RitualDraft {
                title: format!("Ritual {i:02}"),
                minutes: 10 + (i as u32 % 4) * 5,
                time_of_day: format!("{:02}:{:02}", 6 + i % 13, (i * 7) % 60),
                zone: (i % 3 == 0).then(|| ZONE.to_string()),
                recurrence: Some(kind.draft(start)),
                lead_minutes: vec![0, 15],
                ..RitualDraft::default()
            })
            .expect("propose");
        ids.push((r.id, kind));
    }
    sync(&mut ana, &mut ben);
    for (id, _) in &ids {
        ben.accept_ritual(id).expect("accept");
    }
    sync(&mut ben, &mut ana);

    let mut rng = Rng(0x5EED_C0DE ^ years as u64);
    let mut ops = 0u64;
    let (mut ideas, mut trying) = (0, None::<String>);
    for day in 0..days {
        let date = start + Days::days(day);
        let base = ms_of(date);
        // The day's check-in and appreciation, in the morning.
        clock.set(base + 9 * HOUR + rng.below(HOUR as u64) as i64);
        if rng.chance(70) {
            let who = if rng.chance(50) { &mut ana } else { &mut ben };
            who.record_entry(
                Entry::CheckIn {
                    temperature: 1 + rng.below(10) as u8,
                    capacity: [Capacity::Low, Capacity::Some, Capacity::Plenty]
                        [rng.below(3) as usize],
                    need: Need::ALL[rng.below(5) as usize],
                    note: rng
                        .chance(30)
                        .then(|| "A long day, glad to be home".to_string()),
                },
                rng.chance(60),
            )
            .expect("check-in");
            ops += 1;
        }
        if rng.chance(40) {
            let who = if rng.chance(50) { &mut ana } else { &mut ben };
            who.record_entry(
                Entry::Appreciation {
                    text: "Thank you for making dinner".into(),
                },
                true,
            )
            .expect("appreciation");
            ops += 1;
        }
        // A pause every two weeks or so, ended on time or early.
        if rng.chance(7) {
            clock.set(base + 17 * HOUR);
            let who = if rng.chance(50) { &mut ana } else { &mut ben };
            let p = who
                .start_pause(Some(20 + rng.below(60) as u32), None)
                .expect("pause");
            let back = if rng.chance(60) {
                15 * 60_000
            } else {
                p.return_at_ms - p.started_at_ms
            };
            clock.set(base + 17 * HOUR + back);
            who.end_pause(&p.id).expect("end pause");
            ops += 2;
        }
        // One ritual rests a month a year.
        let yday = date.ordinal();
        if yday == 100 || yday == 130 {
            clock.set(base + 12 * HOUR);
            if yday == 100 {
                ana.pause_ritual(&ids[0].0).expect("pause ritual");
            } else {
                ana.resume_ritual(&ids[0].0).expect("resume ritual");
            }
            ops += 1;
        }
        // A new idea a month, tried or not: the partner declines half of
        // them; the other half is kept a month, then retired. Ten years
        // leave some 120 ended rituals in the store, which nothing done
        // every day may read.
        if date.day() == 15 {
            clock.set(base + 20 * HOUR);
            if let Some(id) = trying.take() {
                ana.retire_ritual(&id).expect("retire");
                ops += 1;
            }
            let idea = ana
                .propose_ritual(&RitualDraft {
                    title: format!("Idea {ideas}"),
                    minutes: 20,
                    time_of_day: "19:30".into(),
                    recurrence: Some(KindOf::Weekly.draft(date)),
                    ..RitualDraft::default()
                })
                .expect("propose an idea");
            ideas += 1;
            sync(&mut ana, &mut ben);
            if rng.chance(50) {
                ben.decline_ritual(&idea.id).expect("decline");
            } else {
                ben.accept_ritual(&idea.id).expect("accept");
                trying = Some(idea.id);
            }
            sync(&mut ben, &mut ana);
            ops += 2;
        }
        // The evening: marks on the day's occurrences.
        clock.set(base + 22 * HOUR + rng.below(HOUR as u64) as i64);
        let paused = (100..130).contains(&yday);
        for (i, (id, kind)) in ids.iter().enumerate() {
            // The first day's early occurrences came before both agreed.
            if day == 0 || !kind.on(start, date) || (i == 0 && paused) {
                continue;
            }
            let d = date.to_string();
            if rng.chance(85) {
                let note = rng.chance(20).then_some("We laughed a lot");
                let feeling = rng.chance(20).then_some("close");
                let ana_marks = rng.chance(50);
                let who = if ana_marks { &mut ana } else { &mut ben };
                let marked = who.mark_done(id, &d, note, feeling);
                // The ritual that rests: the day it resumed may have none.
                if i != 0 {
                    marked.expect("mark");
                }
                ops += 1;
                if rng.chance(5) {
                    let other = if ana_marks { &mut ben } else { &mut ana };
                    other
                        .mark_done(id, &d, Some("Me too"), None)
                        .expect("mark too");
                    ops += 1;
                }
            } else if rng.chance(30) {
                let skipped = ana.skip_occurrence(id, &d);
                if i != 0 {
                    skipped.expect("skip");
                }
                ops += 1;
            }
        }
        if day % 3 == 2 || day == days - 1 {
            clock.set(base + 23 * HOUR + 30 * 60_000);
            sync(&mut ana, &mut ben);
            sync(&mut ben, &mut ana);
        }
    }
    ana.close().expect("close");
    ben.close().expect("close");
    eprintln!(
        "built {years} year(s) of history: {ops} ops in {:.1} s",
        t0.elapsed().as_secs_f64()
    );
}

/// The cached history of `years`, built if missing.
fn history(years: i64) -> PathBuf {
    let dir = target_dir().join(format!(
        "tandem-history/g{GENERATOR}-s{}-{:016x}-{years}y",
        tandem_core::store::CURRENT_VERSION,
        schema_fingerprint()
    ));
    let done = dir.join("done");
    if std::env::var_os("TANDEM_HISTORY_REBUILD").is_some() || !done.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("history dir");
        build(&dir, years);
        std::fs::write(&done, b"").expect("done");
    }
    dir
}

/// A hash of a fresh store's whole schema (every table, index and
/// trigger as SQLite keeps it): a cached history is used only by the
/// schema it was built with. The version number alone is not enough: a
/// schema is amended while its version is being written, and a store
/// cached before an index was added measured reads without it.
fn schema_fingerprint() -> u64 {
    use std::hash::{Hash, Hasher};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("fresh.db");
    open(&path, 0xA1, Some("Ana"), &ManualClock::new(0))
        .close()
        .expect("close");
    let conn = rusqlite::Connection::open(&path).expect("fresh store");
    let schema: Vec<String> = conn
        .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name")
        .expect("schema")
        .query_map([], |r| r.get(0))
        .expect("schema rows")
        .map(|r| r.expect("schema row"))
        .collect();
    // SipHash with its fixed keys: the same schema hashes the same in
    // every run of one build.
    let mut hasher = std::hash::DefaultHasher::new();
    schema.hash(&mut hasher);
    hasher.finish()
}

/// Copies a cached history into `into` and opens both phones at the
/// evening after its last day.
fn copies(from: &Path, into: &Path, clock: &ManualClock) -> (Core, Core, PathBuf) {
    for name in ["ana.db", "ben.db"] {
        std::fs::copy(from.join(name), into.join(name)).expect("copy");
    }
    let ana = open(&into.join("ana.db"), 0xA1, None, clock);
    let ben = open(&into.join("ben.db"), 0xB2, None, clock);
    (ana, ben, into.join("ana.db"))
}

/// The median of at least `runs` timings of `f`, for the ratio table;
/// more, up to `MEDIAN_MOST`, while `MEDIAN_FOR` has not passed. Thirty
/// calls of ten microseconds on this kind of shared machine once put a
/// 1.8x in the table that criterion's estimate (1.06x) did not have.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    const MEDIAN_FOR: Duration = Duration::from_millis(300);
    const MEDIAN_MOST: usize = 1001;
    let start = Instant::now();
    let mut times = Vec::new();
    while times.len() < runs || (times.len() < MEDIAN_MOST && start.elapsed() < MEDIAN_FOR) {
        let t = Instant::now();
        f();
        times.push(t.elapsed());
    }
    times.sort();
    times[times.len() / 2]
}

/// Bytes per op on the wire for the realistic mix (issue 18 part 3),
/// before the padding: what the encoding costs, measured on the receiving
/// phone (`payload_unpadded_len`: header, body and AEAD tag). Two figures:
/// everything Ana wrote in the history exported at once (as if Ben held
/// none of it), and a typical day's payload (Ana marks the day's
/// occurrences, a check-in and an appreciation, everything earlier
/// acknowledged), over `IMPORT_DAYS` days.
fn wire_sizes(cached: &Path, years: i64, now: i64) {
    let measure = |ben: &Core, payloads: &[Vec<u8>]| -> (usize, usize, usize) {
        let (mut bytes, mut padded, mut ops) = (0, 0, 0);
        for p in payloads {
            bytes += ben.payload_unpadded_len(p).expect("unpadded length");
            padded += p.len();
            ops += ben.inspect_payload(p).expect("inspect").ops.len();
        }
        (bytes, padded, ops)
    };

    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["ana.db", "ben.db"] {
        std::fs::copy(cached.join(name), dir.path().join(name)).expect("copy");
    }
    // Ana forgets that Ben holds anything: her next export carries her
    // whole log.
    rusqlite::Connection::open(dir.path().join("ana.db"))
        .and_then(|c| c.execute("DELETE FROM partner_ack", []))
        .expect("forget acknowledgements");
    let clock = ManualClock::new(now);
    let mut ana = open(&dir.path().join("ana.db"), 0xA1, None, &clock);
    let ben = open(&dir.path().join("ben.db"), 0xB2, None, &clock);
    let payloads = ana.export().expect("export");
    let (bytes, padded, ops) = measure(&ben, &payloads);
    eprintln!(
        "wire, {years}y: Ana's whole history ({ops} ops) in {} payload(s): {bytes} bytes without padding, \
         {:.1} bytes per op ({:.1} padded)",
        payloads.len(),
        bytes as f64 / ops as f64,
        padded as f64 / ops as f64
    );
    drop((ana, ben));

    let dir = tempfile::tempdir().expect("tempdir");
    let (mut ana, mut ben, _) = copies(cached, dir.path(), &clock);
    let rituals = ritual_ids(&ana);
    sync(&mut ana, &mut ben);
    sync(&mut ben, &mut ana);
    let (mut bytes, mut padded, mut ops) = (0, 0, 0);
    let mut days = Vec::new();
    for k in 1..=IMPORT_DAYS {
        let date = end_date() + Days::days(k);
        clock.set(ms_of(date) + 21 * HOUR);
        for (id, kind, start) in &rituals {
            if kind.on(*start, date) {
                ana.mark_done(id, &date.to_string(), Some("Good"), None)
                    .expect("mark");
            }
        }
        ana.record_entry(
            Entry::CheckIn {
                temperature: 4,
                capacity: Capacity::Some,
                need: Need::Closeness,
                note: Some("Better now".into()),
            },
            true,
        )
        .expect("check-in");
        ana.record_entry(
            Entry::Appreciation {
                text: "Thank you".into(),
            },
            true,
        )
        .expect("appreciation");
        let payloads = ana.export().expect("export");
        let day = measure(&ben, &payloads);
        days.push(day);
        bytes += day.0;
        padded += day.1;
        ops += day.2;
        for p in &payloads {
            ben.import(p).expect("import");
        }
        sync(&mut ben, &mut ana);
    }
    days.sort_by_key(|d| d.0);
    let median = days[days.len() / 2];
    eprintln!(
        "wire, {years}y: a typical day's payload ({:.1} ops on average): {:.1} bytes per op without \
         padding ({:.1} padded); the median day {} ops in {} bytes ({} padded)",
        ops as f64 / IMPORT_DAYS as f64,
        bytes as f64 / ops as f64,
        padded as f64 / ops as f64,
        median.2,
        median.0,
        median.1
    );
}

type Row = (&'static str, Vec<(i64, Duration)>);

fn record(table: &mut Vec<Row>, what: &'static str, years: i64, d: Duration) {
    match table.iter_mut().find(|(w, _)| *w == what) {
        Some((_, v)) => v.push((years, d)),
        None => table.push((what, vec![(years, d)])),
    }
}

fn bench(c: &mut Criterion) {
    let years: Vec<i64> = std::env::var("TANDEM_YEARS")
        .unwrap_or_else(|_| "1,3,10".into())
        .split(',')
        .map(|y| y.trim().parse().expect("years"))
        .collect();
    let mut table: Vec<Row> = Vec::new();
    let now = ms_of(end_date()) + 18 * HOUR;
    for &y in &years {
        let cached = history(y);
        wire_sizes(&cached, y, now);
        if std::env::var_os("TANDEM_WIRE_ONLY").is_some() {
            continue;
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let clock = ManualClock::new(now);
        let (mut ana, mut ben, ana_path) = copies(&cached, dir.path(), &clock);
        let rituals = ritual_ids(&ana);
        assert_eq!(rituals.len(), RITUALS);
        assert_eq!(ana.plan_reminders(ZONE, 60).expect("plan").len(), 60);

        c.bench_function(&format!("plan 60 reminders, {y}y"), |b| {
            b.iter(|| ana.plan_reminders(ZONE, 60).expect("plan"))
        });
        record(&mut table, "plan (30 rituals, 60 reminders)", y, {
            median(30, || {
                ana.plan_reminders(ZONE, 60).expect("plan");
            })
        });

        c.bench_function(&format!("today, {y}y"), |b| {
            b.iter(|| ana.today(ZONE).expect("today"))
        });
        record(
            &mut table,
            "today()",
            y,
            median(30, || {
                ana.today(ZONE).expect("today");
            }),
        );

        // The screens as the apps read them (view models, worded).
        c.bench_function(&format!("today screen, {y}y"), |b| {
            b.iter(|| ana.today_screen(ZONE).expect("today screen"))
        });
        record(
            &mut table,
            "today_screen()",
            y,
            median(30, || {
                ana.today_screen(ZONE).expect("today screen");
            }),
        );
        c.bench_function(&format!("rituals screen, {y}y"), |b| {
            b.iter(|| ana.rituals_screen(ZONE).expect("rituals screen"))
        });
        record(
            &mut table,
            "rituals_screen()",
            y,
            median(30, || {
                ana.rituals_screen(ZONE).expect("rituals screen");
            }),
        );

        // A ritual's own screen (the first ritual: every day for years),
        // and the boundaries screen over a dozen boundaries, half shared.
        let first = rituals[0].0.clone();
        c.bench_function(&format!("ritual screen, {y}y"), |b| {
            b.iter(|| ana.ritual_screen(&first, ZONE).expect("ritual screen"))
        });
        record(
            &mut table,
            "ritual_screen()",
            y,
            median(30, || {
                ana.ritual_screen(&first, ZONE).expect("ritual screen");
            }),
        );
        for i in 0..12 {
            ana.add_boundary(
                &format!("Boundary number {i}, in my own words."),
                i % 2 == 0,
            )
            .expect("boundary");
        }
        c.bench_function(&format!("boundaries screen, {y}y"), |b| {
            b.iter(|| ana.boundaries_screen(ZONE).expect("boundaries screen"))
        });
        record(
            &mut table,
            "boundaries_screen()",
            y,
            median(30, || {
                ana.boundaries_screen(ZONE).expect("boundaries screen");
            }),
        );

        let open_today = |clock: &ManualClock| {
            let core = open(&ana_path, 0xA1, None, clock);
            core.today(ZONE).expect("today");
            core.close().expect("close");
        };
        c.bench_function(&format!("open + today, {y}y"), |b| {
            b.iter(|| open_today(&clock))
        });
        record(
            &mut table,
            "open + today()",
            y,
            median(20, || open_today(&clock)),
        );

        c.bench_function(&format!("insights screen 12 weeks, {y}y"), |b| {
            b.iter(|| ana.insights_screen(12, ZONE).expect("insights screen"))
        });
        record(
            &mut table,
            "insights_screen(), 12 weeks",
            y,
            median(20, || {
                ana.insights_screen(12, ZONE).expect("insights screen");
            }),
        );
        c.bench_function(&format!("check-in screen, {y}y"), |b| {
            b.iter(|| ana.check_in_screen(ZONE).expect("check-in screen"))
        });
        // The screens this round moved into the core: the notebook (its
        // four weeks), what the partner's phone holds with the audit, the
        // settings (the lock, the clean exit from the audit) and pairing.
        for (name, screen) in [
            ("notebook_screen()", 0),
            ("visibility_screen()", 1),
            ("settings_screen()", 2),
            ("pairing_screen()", 3),
        ] {
            let run = |core: &Core| match screen {
                0 => drop(core.notebook_screen(ZONE).expect("notebook")),
                1 => drop(core.visibility_screen(ZONE).expect("visibility")),
                2 => drop(core.settings_screen().expect("settings")),
                _ => drop(core.pairing_screen(ZONE).expect("pairing")),
            };
            c.bench_function(&format!("{name}, {y}y"), |b| b.iter(|| run(&ana)));
            record(&mut table, name, y, median(10, || run(&ana)));
        }
        c.bench_function(&format!("insights 12 weeks, {y}y"), |b| {
            b.iter(|| ana.insights(12, ZONE).expect("insights"))
        });
        record(
            &mut table,
            "insights, 12 weeks",
            y,
            median(20, || {
                ana.insights(12, ZONE).expect("insights");
            }),
        );

        // Marks on occurrences of the last year, in turn: most were marked
        // already, so each is the partner marking too (a new op per call).
        let mut slots = Vec::new();
        for back in 1..=365 {
            let d = end_date() - Days::days(back);
            for (id, kind, start) in &rituals {
                if kind.on(*start, d) && d > *start {
                    slots.push((id.clone(), d.to_string()));
                }
            }
        }
        let mut next = 0usize;
        let mut mark = |core: &mut Core| {
            let (id, d) = &slots[next % slots.len()];
            next += 1;
            // A date the paused ritual had no occurrence on is refused.
            let _ = core.mark_done(id, d, Some("Lovely"), None);
        };
        c.bench_function(&format!("mark_done, {y}y"), |b| b.iter(|| mark(&mut ana)));
        record(&mut table, "mark_done", y, median(30, || mark(&mut ana)));

        let check_in = |core: &mut Core| {
            core.record_entry(
                Entry::CheckIn {
                    temperature: 4,
                    capacity: Capacity::Some,
                    need: Need::Closeness,
                    note: Some("Better now".into()),
                },
                true,
            )
            .expect("check-in");
        };
        c.bench_function(&format!("check-in, {y}y"), |b| {
            b.iter(|| check_in(&mut ana))
        });
        record(&mut table, "check-in", y, median(30, || check_in(&mut ana)));

        // The phone's own paths on the history as it was built: the benches
        // above left tens of thousands of marks and check-ins the partner
        // never acknowledged, and what waits to be sent is counted on every
        // action (a count over them: 4.3 ms a call after a full run here).
        let fresh = tempfile::tempdir().expect("tempdir");
        let (mut ana, _, _) = copies(&cached, fresh.path(), &clock);

        // The same check-in as a phone sends it: the form's check, the
        // entry, and the reminders worked out against what the phone holds
        // armed (the plan a check-in leaves as it was: nothing to arm).
        let access = Access {
            notifications: Permission::Allowed,
            exact_alarms: true,
            holds_alarms_when_off: false,
            lists_pending: true,
        };
        let armed: Vec<String> = ana
            .arm_reminders(ZONE, Trigger::AppStart, &[], access)
            .expect("arm")
            .arm
            .into_iter()
            .map(|a| a.id)
            .collect();
        let phone = PhoneNow {
            zone: ZONE.into(),
            armed,
            access,
        };
        let form = CheckInForm {
            temperature: 4,
            capacity: Capacity::Some,
            need: Need::Closeness,
            note: "Better now".into(),
            shared: true,
        };
        let submit = |core: &mut Core| {
            let sent = core.submit_check_in(&form, &phone).expect("submit");
            assert!(matches!(sent, Submitted::Sent(ref o) if o.reminders.arm.is_empty()));
        };
        c.bench_function(&format!("arm_reminders, {y}y"), |b| {
            b.iter(|| {
                ana.arm_reminders(ZONE, Trigger::AfterLocalChange, &phone.armed, access)
                    .expect("arm")
            })
        });
        c.bench_function(&format!("changes_to_send, {y}y"), |b| {
            b.iter(|| ana.changes_to_send().expect("count"))
        });
        c.bench_function(&format!("submit_check_in, {y}y"), |b| {
            b.iter(|| submit(&mut ana))
        });
        record(
            &mut table,
            "submit_check_in",
            y,
            median(30, || submit(&mut ana)),
        );

        // A mark as a phone does it (Today's "done"): one `perform`, its
        // reminders worked out against what the phone holds armed.
        let mut next = 0usize;
        let mut perform = |core: &mut Core| {
            let (id, d) = &slots[next % slots.len()];
            next += 1;
            let done = Action::MarkDone {
                ritual_id: id.clone(),
                date: d.clone(),
                note: Some("Lovely".into()),
                feeling: None,
            };
            // A date the paused ritual had no occurrence on is refused.
            let _ = core.perform(&done, &phone);
        };
        c.bench_function(&format!("perform (mark done), {y}y"), |b| {
            b.iter(|| perform(&mut ana))
        });
        record(
            &mut table,
            "perform (mark done)",
            y,
            median(30, || perform(&mut ana)),
        );

        // A button's form opened: the change of the first ritual, filled in.
        let change = FormRequest::ChangeRitual {
            id: rituals[0].0.clone(),
        };
        c.bench_function(&format!("open_form (a change), {y}y"), |b| {
            b.iter(|| ana.open_form(&change).expect("form"))
        });

        // Import of a day's payload: Ana's day (marks, a check-in, an
        // appreciation) reaches Ben, who acknowledges it; per op.
        sync(&mut ana, &mut ben);
        sync(&mut ben, &mut ana);
        let mut per_op = Vec::new();
        for k in 1..=IMPORT_DAYS {
            let date = end_date() + Days::days(k);
            clock.set(ms_of(date) + 21 * HOUR);
            for (id, kind, start) in &rituals {
                if kind.on(*start, date) {
                    ana.mark_done(id, &date.to_string(), Some("Good"), None)
                        .expect("mark");
                }
            }
            check_in(&mut ana);
            ana.record_entry(
                Entry::Appreciation {
                    text: "Thank you".into(),
                },
                true,
            )
            .expect("appreciation");
            let payloads = ana.export().expect("export");
            let t = Instant::now();
            let mut n = 0;
            for p in &payloads {
                n += ben.import(p).expect("import").applied;
            }
            per_op.push(t.elapsed() / n.max(1));
            sync(&mut ben, &mut ana);
        }
        per_op.sort();
        let per_op = per_op[per_op.len() / 2];
        eprintln!(
            "import of a day's payload, {y}y: {per_op:?} per op (median of {IMPORT_DAYS} days)"
        );
        record(&mut table, "import of a day's payload, per op", y, per_op);
    }

    eprintln!("\n| what | {} | 1-to-10 |", {
        years
            .iter()
            .map(|y| format!("{y} y"))
            .collect::<Vec<_>>()
            .join(" | ")
    });
    for (what, v) in &table {
        let cells: Vec<String> = v.iter().map(|(_, d)| format!("{d:.2?}")).collect();
        let ratio = match (v.iter().find(|x| x.0 == 1), v.iter().find(|x| x.0 == 10)) {
            (Some(a), Some(b)) => format!("{:.2}x", b.1.as_secs_f64() / a.1.as_secs_f64()),
            _ => "-".into(),
        };
        eprintln!("| {what} | {} | {ratio} |", cells.join(" | "));
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
