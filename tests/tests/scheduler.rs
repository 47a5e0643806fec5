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
