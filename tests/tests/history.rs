//! History never resets, and one truth on both phones: a change to a
//! ritual takes effect from the moment both accepted it and leaves past
//! occurrences and their marks as they were; figures about shared facts
//! are the same on both phones whatever each phone's clock and zone say;
//! nothing before a ritual existed is due, planned, markable or exported.

mod common;

use common::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestRunner};
use tandem_core::schedule::recurrence::{FrequencyDraft, RecurrenceDraft};
use tandem_core::{MarkStatus, RitualDraft};

const BERLIN: &str = "Europe/Berlin";

fn talk() -> RitualDraft {
    RitualDraft {
        minutes: 20,
        ..draft("Evening talk", "20:00", Some(BERLIN))
    }
}

fn every(frequency: FrequencyDraft, start: Option<&str>) -> RitualDraft {
    RitualDraft {
        recurrence: Some(RecurrenceDraft {
            frequency,
            start: start.map(Into::into),
            until: None,
            count: None,
        }),
        ..talk()
    }
}

/// A daily 20:00 Berlin talk, proposed on Monday 1 March 2027 at 07:00
/// Berlin and accepted, then done on each of the ten evenings 1 to 10
/// March (marked half an hour after it started).
fn ten_days_done() -> (Device, Device, String) {
    let mut ana = device("Ana", &KEY_A, "2027-03-01T06:00:00Z");
    let mut ben = device("Ben", &KEY_B, "2027-03-01T06:00:00Z");
    pair(&mut ana, &mut ben);
    let id = ana.core.propose_ritual(&talk()).unwrap().id;
    sync(&mut ana, &mut ben);
    ben.core.accept_ritual(&id).unwrap();
    sync(&mut ana, &mut ben);
    for day in 1..=10 {
        for d in [&mut ana, &mut ben] {
            d.clock.set(ms(&format!("2027-03-{day:02}T19:30:00Z")));
        }
        let date = format!("2027-03-{day:02}");
        let who = if day % 2 == 0 { &mut ana } else { &mut ben };
        who.core.mark_done(&id, &date, None, None).unwrap();
        sync(&mut ana, &mut ben);
    }
    (ana, ben, id)
}

/// Ben counters with `draft` on the 11th at 09:00 Berlin, Ana accepts at
/// 10:00: the change is in effect from 09:00 UTC.
fn change(ana: &mut Device, ben: &mut Device, id: &str, draft: &RitualDraft) {
    for d in [&mut *ana, &mut *ben] {
        d.clock.set(ms("2027-03-11T08:00:00Z"));
    }
    ben.core.counter_ritual(id, draft).unwrap();
    sync(ana, ben);
    for d in [&mut *ana, &mut *ben] {
        d.clock.set(ms("2027-03-11T09:00:00Z"));
    }
    ana.core.accept_ritual(id).unwrap();
    sync(ana, ben);
    assert_eq!(ana.core.ritual(id).unwrap().spec.title, "Evening talk");
    assert!(ana.core.ritual(id).unwrap().pending.is_none(), "in effect");
}

/// The ten done evenings, as each phone shows them: same dates, still done,
/// still at 20:00 Berlin (19:00 UTC).
fn past(d: &Device, id: &str, zone: &str) -> Vec<(String, String, MarkStatus)> {
    d.core
        .upcoming(ms("2027-02-20T00:00:00Z"), ms("2027-03-11T09:00:00Z"), zone)
        .unwrap()
        .into_iter()
        .filter(|o| o.ritual_id == id)
        .map(|o| {
            (
                o.date.to_string(),
                o.start.naive_utc().format("%H:%M").to_string(),
                o.status,
            )
        })
        .collect()
}

fn rhythm(d: &Device, zone: &str) -> (u32, u32, u32, u32) {
    let r = &d.core.rhythm(zone).unwrap()[0];
    (
        r.kept_last_7,
        r.scheduled_last_7,
        r.kept_last_28,
        r.scheduled_last_28,
    )
}

fn together(d: &Device, zone: &str) -> String {
    d.core
        .insights(4, zone)
        .unwrap()
        .sentences
        .into_iter()
        .find(|s| s.starts_with("Together"))
        .unwrap_or_default()
}

#[test]
fn ten_done_days_stay_counted_with_their_dates_across_every_kind_of_change() {
    let changes: Vec<(&str, RitualDraft, &str)> = vec![
        // The reported case: the same days, written as weekdays.
        (
            "every day as weekdays",
            every(FrequencyDraft::Weekdays(vec![1, 2, 3, 4, 5, 6, 7]), None),
            // Tonight's talk already follows the new version.
            "2027-03-11 19:00",
        ),
        (
            "time",
            RitualDraft {
                time_of_day: "07:30".into(),
                ..talk()
            },
            "2027-03-12 06:30",
        ),
        (
            "weekdays",
            every(FrequencyDraft::Weekdays(vec![2, 4]), None),
            // The 11th is a Thursday.
            "2027-03-11 19:00",
        ),
        (
            "every n days",
            every(FrequencyDraft::EveryNDays(3), Some("2027-03-13")),
            "2027-03-13 19:00",
        ),
        (
            "weekly",
            every(FrequencyDraft::Weekly, Some("2027-03-14")),
            "2027-03-14 19:00",
        ),
        (
            "monthly on a day",
            every(FrequencyDraft::MonthlyOnDay(20), None),
            "2027-03-20 19:00",
        ),
        (
            "monthly on a weekday",
            every(
                FrequencyDraft::MonthlyOnWeekday {
                    nth: -1,
                    weekday: 5,
                },
                None,
            ),
            "2027-03-26 19:00",
        ),
        (
            "zone",
            RitualDraft {
                zone: Some("America/New_York".into()),
                ..talk()
            },
            // 20:00 in New York (EST) on the 11th.
            "2027-03-12 01:00",
        ),
        (
            "floating",
            RitualDraft {
                zone: None,
                ..talk()
            },
            // Read on a UTC clock: the 11th's 20:00 comes after 09:00.
            "2027-03-11 20:00",
        ),
    ];
    let done: Vec<(String, String, MarkStatus)> = (1..=10)
        .map(|d| {
            (
                format!("2027-03-{d:02}"),
                "19:00".to_string(),
                MarkStatus::Done,
            )
        })
        .collect();
    for (what, draft, first_new) in changes {
        let (mut ana, mut ben, id) = ten_days_done();
        assert_eq!(rhythm(&ana, BERLIN), (7, 7, 10, 10), "before: {what}");
        change(&mut ana, &mut ben, &id, &draft);
        for d in [&ana, &ben] {
            // The acceptance is the newest shared change.
            let as_of = d.core.shared_figures_as_of().unwrap();
            assert_eq!(as_of, Some(ms("2027-03-11T09:00:00Z")));
        }
        for (d, zone) in [(&ana, BERLIN), (&ben, "Asia/Tokyo")] {
            assert_eq!(past(d, &id, zone), done, "{what}: the ten keep their dates");
            assert_eq!(
                rhythm(d, zone),
                (7, 7, 10, 10),
                "{what}: rhythm carries across"
            );
            assert_eq!(
                together(d, zone),
                "Together you kept 10 of 10 ritual moments in these weeks.",
                "{what}"
            );
        }
        // The new version holds from the moment both accepted it.
        let next = ana
            .core
            .upcoming(
                ms("2027-03-11T09:00:00Z"),
                ms("2027-04-11T00:00:00Z"),
                "UTC",
            )
            .unwrap()
            .into_iter()
            .find(|o| o.ritual_id == id)
            .unwrap();
        assert_eq!(
            next.start.naive_utc().format("%Y-%m-%d %H:%M").to_string(),
            first_new,
            "{what}: the first occurrence of the new version"
        );
        // An old date stays markable under the version it belonged to.
        ana.core.skip_occurrence(&id, "2027-03-09").unwrap();
        assert_eq!(
            ana.core.shared_state_dump().unwrap(),
            {
                sync(&mut ana, &mut ben);
                ben.core.shared_state_dump().unwrap()
            },
            "{what}"
        );
    }
}

#[test]
fn pausing_leaves_the_past_and_the_paused_days_count_as_neither() {
    let (mut ana, mut ben, id) = ten_days_done();
    for d in [&mut ana, &mut ben] {
        d.clock.set(ms("2027-03-11T09:00:00Z"));
    }
    ana.core.pause_ritual(&id).unwrap();
    sync(&mut ana, &mut ben);
    // A week later, still paused: the paused evenings are no misses.
    shared_moment(&mut ana, &mut ben, "2027-03-18T12:00:00Z");
    assert_eq!(rhythm(&ana, BERLIN), (7, 7, 10, 10));
    ben.core.resume_ritual(&id).unwrap();
    sync(&mut ana, &mut ben);
    // Resumed on the 18th at 13:00 Berlin; the 18th to the 20th have
    // ended in Berlin, none marked: 4 of the last 7, 10 of 13.
    shared_moment(&mut ana, &mut ben, "2027-03-20T23:30:00Z");
    assert_eq!(rhythm(&ben, "America/New_York"), (4, 7, 10, 13));
    assert_eq!(rhythm(&ana, BERLIN), (4, 7, 10, 13));
    // While paused, the dates had no occurrence to mark.
    invalid(
        ana.core.mark_done(&id, "2027-03-15", None, None),
        "no occurrence",
    );
    // Retired: its history ends there, and nothing after counts.
    ana.core.retire_ritual(&id).unwrap();
    sync(&mut ana, &mut ben);
    shared_moment(&mut ana, &mut ben, "2027-04-10T12:00:00Z");
    let i = ana.core.insights(8, BERLIN).unwrap();
    let scheduled: f64 = i
        .series
        .iter()
        .find(|s| s.name == "rituals scheduled")
        .unwrap()
        .values
        .iter()
        .sum();
    assert_eq!(scheduled, 13.0);
}

#[test]
fn occurrences_before_the_ritual_existed_are_never_due_planned_marked_or_exported() {
    // Wednesday 10 March, 19:00 in Berlin. A 08:00 walk every day, from a
    // recurrence that starts a week earlier.
    let (mut ana, mut ben) = paired();
    let walk = ana
        .core
        .propose_ritual(&RitualDraft {
            recurrence: Some(RecurrenceDraft {
                frequency: FrequencyDraft::Daily,
                start: Some("2027-03-03".into()),
                until: None,
                count: Some(20),
            }),
            ..draft("Morning walk", "08:00", Some(BERLIN))
        })
        .unwrap();
    sync(&mut ana, &mut ben);
    ben.core.accept_ritual(&walk.id).unwrap();
    sync(&mut ana, &mut ben);
    for d in [&mut ana, &mut ben] {
        // Not due today (this morning's walk came before the ritual).
        let today = d.core.today(BERLIN).unwrap();
        let dates: Vec<String> = today
            .occurrences
            .iter()
            .map(|o| o.date.to_string())
            .collect();
        assert_eq!(dates, ["2027-03-11"]);
        // Not in the past either.
        let before = d
            .core
            .upcoming(
                ms("2027-03-01T00:00:00Z"),
                ms("2027-03-10T18:00:00Z"),
                BERLIN,
            )
            .unwrap();
        assert!(before.is_empty(), "{before:?}");
        // Not planned: the first reminder is tomorrow's, whatever the zone.
        for zone in [BERLIN, "Pacific/Kiritimati", "Etc/GMT+12"] {
            let plan = d.core.plan_reminders(zone, 60).unwrap();
            assert!(!plan.is_empty());
            assert!(
                plan.iter()
                    .all(|r| r.fire_at_ms >= ms("2027-03-11T07:00:00Z")),
                "{zone}: {plan:?}"
            );
        }
        // Not in the calendar: it starts on the 11th, with what is left of
        // the count (the 3rd to the 10th are spent).
        let ics = d.core.export_ics(false).unwrap();
        assert!(
            ics.contains("DTSTART;TZID=Europe/Berlin:20270311T080000"),
            "{ics}"
        );
        assert!(ics.contains("COUNT=12"), "{ics}");
        // No rhythm from before it existed.
        assert_eq!(rhythm(d, BERLIN), (0, 0, 0, 0));
    }
    // And not markable.
    let before = ana.core.shared_state_dump().unwrap();
    invalid(
        ana.core.mark_done(&walk.id, "2027-03-10", None, None),
        "no occurrence",
    );
    invalid(
        ben.core.skip_occurrence(&walk.id, "2027-03-05"),
        "no occurrence",
    );
    assert_eq!(ana.core.shared_state_dump().unwrap(), before);
}

/// Shared figures as one phone shows them at `now` in `zone`: each shared
/// ritual's rhythm, the "together" sentences, and the weekly series by
/// Monday.
type Figures = (
    Vec<(u32, u32, u32, u32)>,
    Vec<String>,
    std::collections::BTreeMap<(String, String), f64>,
);

fn figures(d: &Device, now: i64, zone: &str) -> Figures {
    d.clock.set(now);
    let rhythm = d
        .core
        .rhythm(zone)
        .unwrap()
        .into_iter()
        .filter(|r| !r.ritual_id.starts_with('p'))
        .map(|r| {
            (
                r.kept_last_7,
                r.scheduled_last_7,
                r.kept_last_28,
                r.scheduled_last_28,
            )
        })
        .collect();
    let i = d.core.insights(12, zone).unwrap();
    let sentences = i
        .sentences
        .iter()
        // Pauses are each person's own figure now (issue 15), not shared.
        .filter(|s| s.starts_with("Together"))
        .cloned()
        .collect();
    let mut weekly = std::collections::BTreeMap::new();
    for s in &i.series {
        if ["rituals kept", "rituals scheduled"].contains(&s.name) {
            for (monday, v) in i.weeks.iter().zip(&s.values) {
                weekly.insert((s.name.to_string(), monday.to_string()), *v);
            }
        }
    }
    (rhythm, sentences, weekly)
}

/// Two phones with one shared history: a fixed-zone and a floating ritual
/// (one of them changed half-way), marks from both, a skipped and a moved
/// occurrence, a pause, a rest week, and a personal ritual on Ana's phone.
fn shared_history() -> (Device, Device) {
    let mut ana = device("Ana", &KEY_A, "2027-03-01T06:00:00Z");
    let mut ben = device("Ben", &KEY_B, "2027-03-01T06:00:00Z");
    pair(&mut ana, &mut ben);
    let call = ana.core.propose_ritual(&talk()).unwrap().id;
    let walk = ben
        .core
        .propose_ritual(&draft("Walk", "21:30", None))
        .unwrap()
        .id;
    ana.core
        .add_personal_ritual(&draft("Journal", "22:00", None))
        .unwrap();
    sync(&mut ana, &mut ben);
    ben.core.accept_ritual(&call).unwrap();
    ana.core.accept_ritual(&walk).unwrap();
    sync(&mut ana, &mut ben);
    ben.core.set_rest_week("2027-03-24", true, "UTC").unwrap();
    for day in 1..=40u32 {
        let evening = ms("2027-03-01T22:45:00Z") + i64::from(day - 1) * 86_400_000;
        for d in [&mut ana, &mut ben] {
            d.clock.set(evening);
        }
        let date = (chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap()
            + chrono::Duration::days(i64::from(day - 1)))
        .to_string();
        // After the walk's change, a day the new version does not have is
        // refused: `ok()` lets the history go on.
        match day % 5 {
            0 => ana.core.mark_done(&call, &date, None, None).unwrap(),
            1 => ben
                .core
                .mark_done(&walk, &date, None, None)
                .ok()
                .unwrap_or(()),
            2 => ben.core.skip_occurrence(&call, &date).unwrap(),
            3 => {
                ana.core
                    .mark_done(&walk, &date, None, None)
                    .ok()
                    .unwrap_or(());
                ben.core.mark_done(&call, &date, None, None).unwrap();
            }
            _ => {}
        }
        if day == 12 {
            let p = ana.core.start_pause(Some(30), None).unwrap();
            ana.clock.advance(20 * 60_000);
            ana.core.end_pause(&p.id).unwrap();
        }
        if day == 18 {
            ben.core
                .counter_ritual(
                    &walk,
                    &every(FrequencyDraft::Weekdays(vec![1, 3, 5, 6]), None),
                )
                .unwrap();
            sync(&mut ana, &mut ben);
            ana.core.accept_ritual(&walk).unwrap();
        }
        if day == 25 {
            ben.core
                .move_occurrence(&call, &date, evening + 3_600_000)
                .unwrap();
        }
        sync(&mut ana, &mut ben);
    }
    (ana, ben)
}

const ZONES: &[&str] = &[
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "America/Los_Angeles",
    "Asia/Tokyo",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "Pacific/Kiritimati",
    "Pacific/Apia",
    "Etc/GMT+12",
    "America/St_Johns",
];

#[test]
fn two_phones_at_any_instants_and_zones_show_the_same_shared_figures() {
    let (ana, ben) = shared_history();
    let last = ms("2027-04-09T22:45:00Z");
    let mut runner = TestRunner::new(Config {
        cases: 256,
        rng_seed: RngSeed::Fixed(0x0E_7407),
        failure_persistence: None,
        ..Config::default()
    });
    // Each phone anywhere from 50 minutes behind the newest op (a slow
    // clock) to 40 days after it, in any zone.
    let instant = -50 * 60_000i64..40 * 86_400_000i64;
    let strategy = (instant.clone(), 0..ZONES.len(), instant, 0..ZONES.len());
    runner
        .run(&strategy, |(a_at, a_zone, b_at, b_zone)| {
            let (ar, asent, aweeks) = figures(&ana, last + a_at, ZONES[a_zone]);
            let (br, bsent, bweeks) = figures(&ben, last + b_at, ZONES[b_zone]);
            prop_assert_eq!(&ar, &br);
            prop_assert_eq!(ar.len(), 2);
            prop_assert_eq!(&asent, &bsent);
            prop_assert!(asent.iter().any(|s| s.starts_with("Together")));
            for (key, v) in &aweeks {
                if let Some(w) = bweeks.get(key) {
                    prop_assert_eq!(v, w, "{:?}", key);
                }
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn a_clock_far_ahead_does_not_settle_the_future() {
    let (mut ana, _ben, id) = ten_days_done();
    // Ana's own clock runs a week fast for one change, then is corrected.
    ana.clock.set(ms("2027-03-18T12:00:00Z"));
    ana.core.skip_occurrence(&id, "2027-03-02").unwrap();
    ana.clock.set(ms("2027-03-11T12:00:00Z"));
    // Her phone counts up to an hour past its own clock, not a week ahead.
    assert_eq!(rhythm(&ana, BERLIN), (7, 7, 10, 10));
}

#[test]
fn a_ritual_paused_the_moment_it_took_effect_keeps_its_dates_ahead_markable() {
    let (mut ana, mut ben) = paired();
    let walk = ana
        .core
        .propose_ritual(&draft("Walk", "20:30", None))
        .unwrap();
    sync(&mut ana, &mut ben);
    ben.core.accept_ritual(&walk.id).unwrap();
    // Same millisecond: no stretch of time was in effect.
    ben.core.pause_ritual(&walk.id).unwrap();
    ben.core
        .move_occurrence(&walk.id, "2027-03-12", ms("2027-03-12T22:00:00Z"))
        .unwrap();
    invalid(
        ben.core.skip_occurrence(&walk.id, "2027-03-08"),
        "no occurrence",
    );
    sync(&mut ana, &mut ben);
    assert_eq!(
        ana.core.shared_state_dump().unwrap(),
        ben.core.shared_state_dump().unwrap()
    );
}

/// One thing that happens in a generated history.
#[derive(Debug, Clone)]
enum Happening {
    Done {
        walk: bool,
        by_ana: bool,
    },
    Skip {
        walk: bool,
    },
    /// The walk changes to one of a few schedules (by Ben, accepted by Ana).
    Change(u8),
    PauseCall,
    ResumeCall,
    TakeAPause,
}

fn happening() -> impl Strategy<Value = Happening> {
    prop_oneof![
        4 => (any::<bool>(), any::<bool>()).prop_map(|(walk, by_ana)| Happening::Done { walk, by_ana }),
        1 => any::<bool>().prop_map(|walk| Happening::Skip { walk }),
        1 => (0u8..4).prop_map(Happening::Change),
        1 => Just(Happening::PauseCall),
        1 => Just(Happening::ResumeCall),
        1 => Just(Happening::TakeAPause),
    ]
}

fn walk_schedule(kind: u8) -> RitualDraft {
    let walk = draft("Walk", "21:30", None);
    match kind {
        0 => RitualDraft {
            time_of_day: "06:45".into(),
            ..walk
        },
        1 => RitualDraft {
            zone: Some("Asia/Tokyo".into()),
            ..walk
        },
        2 => RitualDraft {
            recurrence: Some(RecurrenceDraft {
                frequency: FrequencyDraft::Weekdays(vec![1, 3, 5]),
                start: None,
                until: None,
                count: None,
            }),
            ..walk
        },
        _ => RitualDraft {
            recurrence: Some(RecurrenceDraft {
                frequency: FrequencyDraft::EveryNDays(2),
                start: Some("2027-03-05".into()),
                until: None,
                count: None,
            }),
            ..walk
        },
    }
}

/// Plays `events` (day, hour, what) on two paired phones, syncing after
/// each; refusals (a date a changed schedule lacks, pausing twice) are part
/// of the history and change nothing.
fn play(events: &[(u8, u8, Happening)]) -> (Device, Device) {
    let mut ana = device("Ana", &KEY_A, "2027-03-01T06:00:00Z");
    let mut ben = device("Ben", &KEY_B, "2027-03-01T06:00:00Z");
    pair(&mut ana, &mut ben);
    let call = ana.core.propose_ritual(&talk()).unwrap().id;
    let walk = ben
        .core
        .propose_ritual(&draft("Walk", "21:30", None))
        .unwrap()
        .id;
    sync(&mut ana, &mut ben);
    ben.core.accept_ritual(&call).unwrap();
    ana.core.accept_ritual(&walk).unwrap();
    sync(&mut ana, &mut ben);
    let mut events = events.to_vec();
    events.sort_by_key(|(day, hour, _)| (*day, *hour));
    let start = ms("2027-03-01T08:00:00Z");
    for (day, hour, what) in events {
        let at = start + i64::from(day) * 86_400_000 + i64::from(hour) * 3_600_000;
        for d in [&mut ana, &mut ben] {
            d.clock.set(at);
        }
        // The occurrence of the UTC date before: it has begun on any clock.
        let date = chrono::DateTime::from_timestamp_millis(at - 86_400_000)
            .unwrap()
            .date_naive()
            .to_string();
        let id = |walk_too: bool| if walk_too { &walk } else { &call };
        let _ = match what {
            Happening::Done { walk, by_ana } => {
                let who = if by_ana { &mut ana } else { &mut ben };
                who.core.mark_done(id(walk), &date, None, None)
            }
            Happening::Skip { walk } => ben.core.skip_occurrence(id(walk), &date),
            Happening::Change(kind) => {
                let countered = ben
                    .core
                    .counter_ritual(&walk, &walk_schedule(kind))
                    .map(|_| ());
                if countered.is_ok() {
                    sync(&mut ana, &mut ben);
                    ana.core.accept_ritual(&walk).map(|_| ())
                } else {
                    countered
                }
            }
            Happening::PauseCall => ana.core.pause_ritual(&call).map(|_| ()),
            Happening::ResumeCall => ben.core.resume_ritual(&call).map(|_| ()),
            Happening::TakeAPause => ana
                .core
                .start_pause(Some(30), None)
                .and_then(|p| {
                    ana.clock.advance(40 * 60_000);
                    ana.core.end_pause(&p.id)
                })
                .map(|_| ()),
        };
        sync(&mut ana, &mut ben);
    }
    (ana, ben)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 24,
        rng_seed: RngSeed::Fixed(0x4157_0813),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_history_gives_the_same_shared_figures_on_both_phones(
        events in proptest::collection::vec((0u8..30, 0u8..24, happening()), 1..40),
        a_at in 0i64..20 * 86_400_000,
        a_zone in 0..ZONES.len(),
        b_at in 0i64..20 * 86_400_000,
        b_zone in 0..ZONES.len(),
    ) {
        let (ana, ben) = play(&events);
        let last = ana.core.shared_figures_as_of().unwrap().unwrap();
        prop_assert_eq!(Some(last), ben.core.shared_figures_as_of().unwrap());
        prop_assert_eq!(
            ana.core.shared_state_dump().unwrap(),
            ben.core.shared_state_dump().unwrap()
        );
        let (ar, asent, aweeks) = figures(&ana, last + a_at, ZONES[a_zone]);
        let (br, bsent, bweeks) = figures(&ben, last + b_at, ZONES[b_zone]);
        prop_assert_eq!(ar, br);
        prop_assert_eq!(asent, bsent);
        for (key, v) in &aweeks {
            if let Some(w) = bweeks.get(key) {
                prop_assert_eq!(v, w, "{:?}", key);
            }
        }
    }
}

#[test]
fn an_old_occurrence_moves_from_the_time_its_own_version_gave_it() {
    let (mut ana, mut ben, id) = ten_days_done();
    let morning = RitualDraft {
        time_of_day: "07:30".into(),
        ..talk()
    };
    change(&mut ana, &mut ben, &id, &morning);
    // The 9th was at 20:00 Berlin (19:00 UTC): moving it 7 days and 23 hours
    // is within a week and a day of that, though not of 07:30.
    ben.core
        .move_occurrence(&id, "2027-03-09", ms("2027-03-17T18:00:00Z"))
        .unwrap();
    invalid(
        ben.core
            .move_occurrence(&id, "2027-03-09", ms("2027-03-17T20:00:00Z")),
        "at most a week",
    );
}

#[test]
fn many_pauses_and_resumes_leave_the_history_as_it_was() {
    let (mut ana, mut ben, id) = ten_days_done();
    // A partner may pause and resume at will: a hundred periods of one
    // version (each expanded once, not once per period).
    for d in [&mut ana, &mut ben] {
        d.clock.set(ms("2027-03-11T09:00:00Z"));
    }
    for _ in 0..100 {
        ben.core.pause_ritual(&id).unwrap();
        ben.clock.advance(1_000);
        ben.core.resume_ritual(&id).unwrap();
        ben.clock.advance(1_000);
    }
    sync(&mut ana, &mut ben);
    assert!(ana.core.ritual(&id).unwrap().timeline.len() > 100);
    for d in [&ana, &ben] {
        assert_eq!(rhythm(d, BERLIN), (7, 7, 10, 10));
        assert_eq!(past(d, &id, BERLIN).len(), 10);
    }
    let tonight = ana
        .core
        .upcoming(
            ms("2027-03-11T12:00:00Z"),
            ms("2027-03-12T00:00:00Z"),
            BERLIN,
        )
        .unwrap();
    assert_eq!(tonight.len(), 1, "tonight's talk, once");
}
