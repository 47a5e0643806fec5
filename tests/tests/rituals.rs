//! Proposing, listing and the upcoming occurrences of daily rituals on two
//! devices, across real DST transitions and time-zone modes.

mod common;

use common::*;
use tandem_core::{Error, RitualDraft, RitualStatus, ZoneMode};

#[test]
fn propose_and_list() {
    let mut ana = device("Ana", &KEY_A, "2027-03-10T18:00:00Z");
    let r = ana
        .core
        .propose_ritual(&RitualDraft {
            title: "  Evening check-in ".into(),
            prompt: Some("How full is your cup tonight?".into()),
            minutes: 10,
            time_of_day: "20:30".into(),
            zone: None,
            ..RitualDraft::default()
        })
        .unwrap();
    assert_eq!(r.title, "Evening check-in");
    assert_eq!(r.prompt.as_deref(), Some("How full is your cup tonight?"));
    assert_eq!(r.time_of_day.to_string(), "20:30");
    assert_eq!(r.zone, ZoneMode::Floating);
    assert_eq!(r.status, RitualStatus::Proposed);
    assert_eq!(r.proposed_by, ana.core.device_id());
    assert_eq!(r.proposed_at_ms, ms("2027-03-10T18:00:00Z"));
    assert_eq!(ana.core.rituals().unwrap(), vec![r]);
}

#[test]
fn fixed_and_floating_across_new_york_spring_forward() {
    let mut ana = device("Ana", &KEY_A, "2027-03-12T12:00:00Z");
    let call = ana
        .core
        .propose_ritual(&draft(
            "Long-distance call",
            "02:30",
            Some("America/New_York"),
        ))
        .unwrap();
    let checkin = ana
        .core
        .propose_ritual(&draft("Check-in", "20:30", None))
        .unwrap();
    let from = ms("2027-03-13T00:00:00-05:00");
    let to = ms("2027-03-15T00:00:00-04:00");

    let in_berlin = ana.core.upcoming(from, to, "Europe/Berlin").unwrap();
    let calls: Vec<String> = in_berlin
        .iter()
        .filter(|o| o.ritual_id == call.id)
        .map(|o| o.start.to_rfc3339())
        .collect();
    // 02:30 does not exist on 2027-03-14 in New York: it becomes 03:30 EDT.
    assert_eq!(
        calls,
        ["2027-03-13T02:30:00-05:00", "2027-03-14T03:30:00-04:00"]
    );

    // Floating follows the device: Berlin has not changed its clocks yet.
    let floating: Vec<String> = in_berlin
        .iter()
        .filter(|o| o.ritual_id == checkin.id)
        .map(|o| o.start.to_rfc3339())
        .collect();
    assert_eq!(
        floating,
        ["2027-03-13T20:30:00+01:00", "2027-03-14T20:30:00+01:00",]
    );
    // The fixed ritual is the same instant wherever the device is.
    let in_tokyo = ana.core.upcoming(from, to, "Asia/Tokyo").unwrap();
    let tokyo_calls: Vec<i64> = in_tokyo
        .iter()
        .filter(|o| o.ritual_id == call.id)
        .map(|o| o.start_ms())
        .collect();
    let berlin_calls: Vec<i64> = in_berlin
        .iter()
        .filter(|o| o.ritual_id == call.id)
        .map(|o| o.start_ms())
        .collect();
    assert_eq!(tokyo_calls, berlin_calls);
    // Sorted soonest first, ends after starts by the duration.
    assert!(
        in_berlin
            .windows(2)
            .all(|w| w[0].start_ms() <= w[1].start_ms())
    );
    assert!(
        in_berlin
            .iter()
            .all(|o| o.end_ms() - o.start_ms() == 10 * 60_000)
    );
}

#[test]
fn repeated_hour_in_lord_howe_and_sydney() {
    let mut ana = device("Ana", &KEY_A, "2027-04-01T00:00:00Z");
    let lh = ana
        .core
        .propose_ritual(&draft("Tea", "01:45", Some("Australia/Lord_Howe")))
        .unwrap();
    let syd = ana
        .core
        .propose_ritual(&draft("Stretch", "02:30", Some("Australia/Sydney")))
        .unwrap();
    let occ = ana
        .core
        .upcoming(
            ms("2027-04-03T00:00:00Z"),
            ms("2027-04-05T00:00:00Z"),
            "UTC",
        )
        .unwrap();
    let starts = |id: &str| -> Vec<String> {
        occ.iter()
            .filter(|o| o.ritual_id == id)
            .map(|o| o.start.to_rfc3339())
            .collect()
    };
    // Both wall times happen twice on 2027-04-04; only the first instance
    // (still on daylight time) is an occurrence.
    assert_eq!(
        starts(&lh.id),
        ["2027-04-04T01:45:00+11:00", "2027-04-05T01:45:00+10:30"]
    );
    assert_eq!(
        starts(&syd.id),
        ["2027-04-04T02:30:00+11:00", "2027-04-05T02:30:00+10:00"]
    );
}

#[test]
fn bad_input_is_refused_and_changes_nothing() {
    let mut ana = device("Ana", &KEY_A, "2027-03-10T18:00:00Z");
    ana.core
        .propose_ritual(&draft("Walk", "10:00", None))
        .unwrap();
    let before = ana.core.shared_state_dump().unwrap();
    let ops_before = ana.core.ops().unwrap().len();
    let cases: Vec<(&str, RitualDraft)> = vec![
        (
            "unknown time zone",
            draft("Walk", "10:00", Some("Mars/Olympus_Mons")),
        ),
        ("empty", draft("   ", "10:00", None)),
        ("limit is 80", draft(&"x".repeat(81), "10:00", None)),
        (
            "1 to 1440 minutes",
            RitualDraft {
                minutes: 0,
                ..draft("Walk", "10:00", None)
            },
        ),
        (
            "1 to 1440 minutes",
            RitualDraft {
                minutes: 1441,
                ..draft("Walk", "10:00", None)
            },
        ),
        ("HH:MM", draft("Walk", "25:00", None)),
        ("HH:MM", draft("Walk", "noon", None)),
        (
            "limit is 500",
            RitualDraft {
                prompt: Some("p".repeat(501)),
                ..draft("Walk", "10:00", None)
            },
        ),
    ];
    for (expected, d) in cases {
        let err = ana.core.propose_ritual(&d).unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)), "{err}");
        assert!(
            err.to_string().contains(expected),
            "{err} should mention {expected}"
        );
    }
    let err = ana.core.upcoming(10, 5, "UTC").unwrap_err();
    assert!(err.to_string().contains("after its start"), "{err}");
    let err = ana.core.upcoming(0, 400 * 86_400_000, "UTC").unwrap_err();
    assert!(err.to_string().contains("366 days"), "{err}");
    let err = ana.core.upcoming(0, 1, "Nowhere/Land").unwrap_err();
    assert!(err.to_string().contains("unknown time zone"), "{err}");
    assert_eq!(ana.core.shared_state_dump().unwrap(), before);
    assert_eq!(ana.core.ops().unwrap().len(), ops_before);
}

#[test]
fn rituals_proposed_in_one_millisecond_list_in_proposal_order() {
    let mut ana = device("Ana", &KEY_A, "2027-03-10T18:00:00Z");
    let titles: Vec<String> = (0..8).map(|i| format!("Ritual {i}")).collect();
    for t in &titles {
        ana.core.propose_ritual(&draft(t, "10:00", None)).unwrap();
    }
    let listed: Vec<String> = ana
        .core
        .rituals()
        .unwrap()
        .into_iter()
        .map(|r| r.title)
        .collect();
    assert_eq!(listed, titles);
}
