//! Rituals with recurrences, windows and lead times; bad input refused with a
//! reason and nothing stored; a device travelling between zones.

mod common;

use common::*;
use tandem_core::schedule::recurrence::{FrequencyDraft, RecurrenceDraft};
use tandem_core::{Error, RitualDraft};

fn rec(frequency: FrequencyDraft, start: Option<&str>) -> Option<RecurrenceDraft> {
    Some(RecurrenceDraft {
        frequency,
        start: start.map(Into::into),
        until: None,
        count: None,
    })
}

fn starts(d: &Device, id: &str, from: &str, to: &str, zone: &str) -> Vec<String> {
    d.core
        .upcoming(ms(from), ms(to), zone)
        .unwrap()
        .into_iter()
        .filter(|o| o.ritual_id == id)
        .map(|o| o.start.to_rfc3339())
        .collect()
}

#[test]
fn recurrence_kinds_through_proposals() {
    let mut ana = device("Ana", &KEY_A, "2027-03-01T08:00:00Z");
    let walk = ana
        .core
        .propose_ritual(&RitualDraft {
            recurrence: rec(FrequencyDraft::Weekly, Some("2027-03-07")),
            ..draft("Sunday walk", "10:00", Some("Europe/Berlin"))
        })
        .unwrap();
    assert_eq!(
        starts(
            &ana,
            &walk.id,
            "2027-03-01T00:00:00Z",
            "2027-04-01T00:00:00Z",
            "UTC"
        ),
        [
            "2027-03-07T10:00:00+01:00",
            "2027-03-14T10:00:00+01:00",
            "2027-03-21T10:00:00+01:00",
            "2027-03-28T10:00:00+02:00"
        ],
        "Berlin's clocks change on 28 March: still 10:00 local"
    );
    let date_night = ana
        .core
        .propose_ritual(&RitualDraft {
            recurrence: Some(RecurrenceDraft {
                frequency: FrequencyDraft::MonthlyOnWeekday {
                    nth: -1,
                    weekday: 5,
                },
                start: None,
                until: None,
                count: Some(2),
            }),
            ..draft("Date night", "19:30", Some("America/New_York"))
        })
        .unwrap();
    assert_eq!(
        starts(
            &ana,
            &date_night.id,
            "2027-03-01T00:00:00Z",
            "2027-12-31T00:00:00Z",
            "UTC"
        ),
        ["2027-03-26T19:30:00-04:00", "2027-04-30T19:30:00-04:00"]
    );
    let mwf = ana
        .core
        .propose_ritual(&RitualDraft {
            recurrence: rec(FrequencyDraft::Weekdays(vec![1, 3, 5]), None),
            window_end: Some("14:00".into()),
            lead_minutes: vec![15, 0, 15],
            ..draft("Mid-day moment", "12:00", None)
        })
        .unwrap();
    assert_eq!(mwf.spec.leads, vec![0, 15], "sorted, duplicates dropped");
    assert_eq!(mwf.spec.window_end, Some(14 * 60));
    assert_eq!(
        starts(
            &ana,
            &mwf.id,
            "2027-03-01T00:00:00Z",
            "2027-03-08T00:00:00Z",
            "UTC"
        ),
        [
            "2027-03-01T12:00:00+00:00",
            "2027-03-03T12:00:00+00:00",
            "2027-03-05T12:00:00+00:00"
        ]
    );
}

#[test]
fn bad_schedules_are_refused_and_nothing_is_stored() {
    let mut ana = device("Ana", &KEY_A, "2027-03-01T08:00:00Z");
    let cases: Vec<(RitualDraft, &str)> = vec![
        (
            RitualDraft {
                recurrence: rec(FrequencyDraft::Weekdays(vec![]), None),
                ..draft("x", "10:00", None)
            },
            "at least one weekday",
        ),
        (
            RitualDraft {
                recurrence: rec(FrequencyDraft::Weekdays(vec![8]), None),
                ..draft("x", "10:00", None)
            },
            "1 (Monday) to 7 (Sunday)",
        ),
        (
            RitualDraft {
                recurrence: rec(FrequencyDraft::EveryNDays(0), Some("2027-03-01")),
                ..draft("x", "10:00", None)
            },
            "n from 1",
        ),
        (
            RitualDraft {
                recurrence: rec(FrequencyDraft::EveryNDays(3), None),
                ..draft("x", "10:00", None)
            },
            "need a start date",
        ),
        (
            RitualDraft {
                recurrence: rec(FrequencyDraft::MonthlyOnDay(0), None),
                ..draft("x", "10:00", None)
            },
            "1 to 31",
        ),
        (
            RitualDraft {
                recurrence: rec(FrequencyDraft::MonthlyOnDay(32), None),
                ..draft("x", "10:00", None)
            },
            "1 to 31",
        ),
        (
            RitualDraft {
                recurrence: rec(
                    FrequencyDraft::MonthlyOnWeekday { nth: 6, weekday: 1 },
                    None,
                ),
                ..draft("x", "10:00", None)
            },
            "1st to 5th",
        ),
        (
            RitualDraft {
                recurrence: Some(RecurrenceDraft {
                    frequency: FrequencyDraft::Daily,
                    start: Some("2027-03-10".into()),
                    until: Some("2027-03-01".into()),
                    count: None,
                }),
                ..draft("x", "10:00", None)
            },
            "before the start",
        ),
        (
            RitualDraft {
                recurrence: rec(FrequencyDraft::Daily, Some("2027-02-30")),
                ..draft("x", "10:00", None)
            },
            "a date like",
        ),
        (
            RitualDraft {
                window_end: Some("09:00".into()),
                ..draft("x", "10:00", None)
            },
            "window's end",
        ),
        (
            RitualDraft {
                lead_minutes: vec![1441],
                ..draft("x", "10:00", None)
            },
            "at most a day",
        ),
        (
            RitualDraft {
                lead_minutes: vec![1, 2, 3, 4, 5],
                ..draft("x", "10:00", None)
            },
            "at most 4 reminders",
        ),
        (
            draft("x", "10:00", Some("Atlantis/Main")),
            "unknown time zone",
        ),
    ];
    for (d, mentions) in cases {
        match ana.core.propose_ritual(&d) {
            Err(Error::InvalidInput(reason)) => assert!(
                reason.contains(mentions),
                "'{reason}' should mention '{mentions}'"
            ),
            other => panic!("expected InvalidInput mentioning '{mentions}', got {other:?}"),
        }
    }
    assert!(ana.core.rituals().unwrap().is_empty());
    assert!(ana.core.ops().unwrap().is_empty());
}

#[test]
fn travel_from_berlin_to_los_angeles_and_back() {
    let mut ana = device("Ana", &KEY_A, "2027-05-01T08:00:00Z");
    let checkin = ana
        .core
        .propose_ritual(&draft("Check-in", "20:30", None))
        .unwrap();
    let call = ana
        .core
        .propose_ritual(&draft("Call with Mum", "19:00", Some("Europe/Berlin")))
        .unwrap();
    let day = |d: &str| (format!("{d}T00:00:00Z"), format!("{d}T23:59:59Z"));
    // In Berlin on 3 May.
    let (f, t) = day("2027-05-03");
    let berlin: Vec<_> = ana.core.upcoming(ms(&f), ms(&t), "Europe/Berlin").unwrap();
    let at = |occ: &[tandem_core::Occurrence], id: &str| -> Vec<String> {
        occ.iter()
            .filter(|o| o.ritual_id == id)
            .map(|o| o.device_start().to_rfc3339())
            .collect()
    };
    assert_eq!(at(&berlin, &checkin.id), ["2027-05-03T20:30:00+02:00"]);
    assert_eq!(at(&berlin, &call.id), ["2027-05-03T19:00:00+02:00"]);
    // Flown to Los Angeles: the floating check-in follows the new zone from
    // the next occurrence; the fixed call keeps its instant (10:00 there).
    let from = ms("2027-05-04T00:00:00-07:00");
    let to = ms("2027-05-05T00:00:00-07:00");
    let la = ana.core.upcoming(from, to, "America/Los_Angeles").unwrap();
    assert_eq!(at(&la, &checkin.id), ["2027-05-04T20:30:00-07:00"]);
    assert_eq!(at(&la, &call.id), ["2027-05-04T10:00:00-07:00"]);
    let call_instant = la
        .iter()
        .find(|o| o.ritual_id == call.id)
        .unwrap()
        .start_ms();
    assert_eq!(call_instant, ms("2027-05-04T19:00:00+02:00"));
    // And back home: 20:30 Berlin time again.
    let back = ana
        .core
        .upcoming(
            ms("2027-05-10T00:00:00+02:00"),
            ms("2027-05-11T00:00:00+02:00"),
            "Europe/Berlin",
        )
        .unwrap();
    assert_eq!(at(&back, &checkin.id), ["2027-05-10T20:30:00+02:00"]);
}

#[test]
fn recurrence_syncs_and_versions_include_it() {
    let mut ana = device("Ana", &KEY_A, "2027-03-01T08:00:00Z");
    let mut ben = device("Ben", &KEY_B, "2027-03-01T08:00:00Z");
    pair(&mut ana, &mut ben);
    let r = ana
        .core
        .propose_ritual(&RitualDraft {
            recurrence: rec(FrequencyDraft::EveryNDays(2), Some("2027-03-02")),
            lead_minutes: vec![30],
            ..draft("Run", "07:00", None)
        })
        .unwrap();
    deliver(&mut ana, &mut ben);
    let seen = ben.core.ritual(&r.id).unwrap();
    assert_eq!(seen.spec, r.spec);
    // A counter that only changes the days is a different version.
    let counter = ben
        .core
        .counter_ritual(
            &r.id,
            &RitualDraft {
                recurrence: rec(FrequencyDraft::EveryNDays(3), Some("2027-03-02")),
                lead_minutes: vec![30],
                ..draft("Run", "07:00", None)
            },
        )
        .unwrap();
    assert_ne!(counter.pending.unwrap().spec.version(), r.spec.version());
}

const APIA: &str = "Pacific/Apia";

/// Five rules whose dates include Friday 2011-12-30, the day Samoa skipped
/// when it crossed the date line: daily, Fridays, weekly from a Friday, the
/// 30th of each month, the last Friday of each month.
fn rules_over_samoas_skipped_day() -> Vec<(&'static str, Option<RecurrenceDraft>)> {
    vec![
        ("daily", rec(FrequencyDraft::Daily, Some("2011-12-01"))),
        ("fridays", rec(FrequencyDraft::Weekdays(vec![5]), None)),
        ("weekly", rec(FrequencyDraft::Weekly, Some("2011-12-23"))),
        (
            "30th",
            rec(FrequencyDraft::MonthlyOnDay(30), Some("2011-11-01")),
        ),
        (
            "last friday",
            rec(
                FrequencyDraft::MonthlyOnWeekday {
                    nth: -1,
                    weekday: 5,
                },
                Some("2011-11-01"),
            ),
        ),
    ]
}

/// A ritual of `samoa()`: (title, fixed zone or floating, id).
type SamoaRitual = (String, Option<&'static str>, String);

/// Ana (in Apia) and Ben (in UTC) on 2011-12-20 with every rule of
/// `rules_over_samoas_skipped_day` in effect twice: fixed to Apia and
/// floating.
fn samoa() -> (Device, Device, Vec<SamoaRitual>) {
    let mut ana = device("Ana", &KEY_A, "2011-12-20T00:00:00Z");
    let mut ben = device("Ben", &KEY_B, "2011-12-20T00:00:00Z");
    pair(&mut ana, &mut ben);
    let mut rituals = Vec::new();
    for zone in [Some(APIA), None] {
        for (title, recurrence) in rules_over_samoas_skipped_day() {
            let r = ana
                .core
                .propose_ritual(&RitualDraft {
                    recurrence,
                    ..draft(title, "20:30", zone)
                })
                .unwrap();
            rituals.push((title.to_owned(), zone, r.id));
        }
    }
    deliver(&mut ana, &mut ben);
    for (_, _, id) in &rituals {
        ben.core.accept_ritual(id).unwrap();
    }
    deliver(&mut ben, &mut ana);
    (ana, ben, rituals)
}

#[test]
fn the_day_samoa_skipped_has_no_occurrence_fixed_or_floating() {
    let (ana, ben, rituals) = samoa();
    let (from, to) = ("2011-12-20T00:00:00-10:00", "2012-02-01T00:00:00+14:00");
    for (title, zone, id) in &rituals {
        let occ: Vec<_> = ana
            .core
            .upcoming(ms(from), ms(to), APIA)
            .unwrap()
            .into_iter()
            .filter(|o| &o.ritual_id == id)
            .collect();
        let dates: Vec<String> = occ.iter().map(|o| o.date.to_string()).collect();
        assert!(!occ.is_empty(), "{title} {zone:?}");
        assert!(
            !dates.contains(&"2011-12-30".into()),
            "{title} {zone:?}: {dates:?}"
        );
        assert!(
            occ.windows(2).all(|w| w[0].start_ms() < w[1].start_ms()),
            "{title} {zone:?}: two occurrences at one instant: {dates:?}"
        );
        for o in &occ {
            let wall = o
                .start
                .with_timezone(&APIA.parse::<tandem_core::Zone>().unwrap());
            assert_eq!(wall.date_naive(), o.date, "{title} {zone:?}");
            assert_eq!(wall.format("%H:%M").to_string(), "20:30");
        }
    }
    let daily = &rituals[0].2;
    assert_eq!(
        starts(
            &ana,
            daily,
            "2011-12-29T00:00:00-10:00",
            "2012-01-01T00:00:00+14:00",
            APIA
        ),
        ["2011-12-29T20:30:00-10:00", "2011-12-31T20:30:00+14:00"]
    );
    let weekly = &rituals[2].2;
    assert_eq!(
        starts(&ana, weekly, from, to, APIA),
        [
            "2011-12-23T20:30:00-10:00",
            "2012-01-06T20:30:00+14:00",
            "2012-01-13T20:30:00+14:00",
            "2012-01-20T20:30:00+14:00",
            "2012-01-27T20:30:00+14:00"
        ]
    );
    let thirtieth = &rituals[3].2;
    assert_eq!(
        starts(&ana, thirtieth, from, to, APIA),
        ["2012-01-30T20:30:00+14:00"]
    );
    // The fixed ones are the same instants on Ben's phone in UTC; a
    // floating one follows his zone, where the 30th did happen.
    let instants = |d: &Device, id: &str, zone: &str| -> Vec<i64> {
        d.core
            .upcoming(ms(from), ms(to), zone)
            .unwrap()
            .iter()
            .filter(|o| o.ritual_id == id)
            .map(|o| o.start_ms())
            .collect()
    };
    for (_, _, id) in rituals.iter().filter(|(_, zone, _)| zone.is_some()) {
        assert_eq!(instants(&ben, id, "UTC"), instants(&ana, id, APIA));
    }
    let floating_daily = &rituals[5].2;
    assert!(
        starts(&ben, floating_daily, from, to, "UTC")
            .contains(&"2011-12-30T20:30:00+00:00".to_owned())
    );
}

#[test]
fn no_reminder_and_no_done_on_the_day_samoa_skipped() {
    let (mut ana, _ben, rituals) = samoa();
    ana.clock.set(ms("2011-12-29T08:00:00-10:00"));
    let plan = ana.core.plan_reminders(APIA, 60).unwrap();
    assert!(!plan.is_empty());
    assert!(
        plan.iter().all(|r| !r.local_time.starts_with("2011-12-30")),
        "{plan:#?}"
    );
    let mut slots = std::collections::HashSet::new();
    for r in &plan {
        assert!(
            slots.insert((r.source_id.clone(), r.occurrence_start_ms)),
            "two reminders for one occurrence instant: {} {}",
            r.source_id,
            r.local_time
        );
    }
    let daily_fixed: Vec<&str> = plan
        .iter()
        .filter(|r| r.source_id == rituals[0].2)
        .map(|r| r.local_time.as_str())
        .take(3)
        .collect();
    assert_eq!(
        daily_fixed,
        ["2011-12-29 20:30", "2011-12-31 20:30", "2012-01-01 20:30"]
    );

    // A done for the day that did not exist is refused, and stores nothing.
    ana.clock.set(ms("2011-12-31T21:00:00+14:00"));
    let before = snapshot(&ana);
    let (fixed, floating) = (&rituals[0].2, &rituals[5].2);
    invalid(
        ana.core.mark_done(fixed, "2011-12-30", None, None),
        "does not exist",
    );
    invalid(
        ana.core
            .mark_done_in(floating, "2011-12-30", None, None, Some(APIA)),
        "does not exist",
    );
    assert_eq!(snapshot(&ana), before);
    ana.core.mark_done(fixed, "2011-12-31", None, None).unwrap();
    ana.core
        .mark_done_in(floating, "2011-12-31", None, None, Some(APIA))
        .unwrap();
    // The rhythm counts one evening per day that existed: 29 and 31.
    ana.clock.set(ms("2012-01-01T12:00:00+14:00"));
    let rhythm = ana.core.rhythm(APIA).unwrap();
    let daily = rhythm.iter().find(|r| &r.ritual_id == fixed).unwrap();
    // Proposed 2011-12-20 00:00 UTC (19 December, 14:00 in Apia): 19 to 31
    // December without the 30th.
    assert_eq!((daily.kept_last_7, daily.scheduled_last_7), (1, 7));
    assert_eq!(daily.scheduled_last_28, 12);
}
