//! Rest weeks (declared by either partner, shared, counting as neither kept
//! nor missed, no reminders) and snoozes (this phone only, moving one
//! occurrence's reminder).

mod common;

use common::*;
use tandem_core::Error;
use tandem_core::reminders::ReminderKind;

fn active(ana: &mut Device, ben: &mut Device, title: &str, at: &str) -> String {
    let r = ana.core.propose_ritual(&draft(title, at, None)).unwrap();
    deliver(ana, ben);
    ben.core.accept_ritual(&r.id).unwrap();
    deliver(ben, ana);
    r.id
}

#[test]
fn a_rest_week_counts_as_neither_kept_nor_missed_on_both_phones() {
    // Wednesday 2027-03-10.
    let (mut ana, mut ben) = paired();
    let id = active(&mut ana, &mut ben, "Check-in", "20:30");
    let monday = ben
        .core
        .set_rest_week("2027-03-17", true, "Europe/Berlin")
        .unwrap();
    assert_eq!(monday, "2027-03-15");
    // Declaring it again changes nothing and records nothing.
    let ops = ben.core.ops().unwrap().len();
    ben.core
        .set_rest_week("2027-03-21", true, "Europe/Berlin")
        .unwrap();
    assert_eq!(ben.core.ops().unwrap().len(), ops);
    sync(&mut ana, &mut ben);
    assert_eq!(ana.core.rest_weeks().unwrap(), vec!["2027-03-15"]);

    // The week's occurrences show as resting and get no reminders.
    let occ = ana
        .core
        .upcoming(
            ms("2027-03-14T00:00:00Z"),
            ms("2027-03-23T00:00:00Z"),
            "Europe/Berlin",
        )
        .unwrap();
    let resting: Vec<String> = occ
        .iter()
        .filter(|o| o.resting)
        .map(|o| o.date.to_string())
        .collect();
    assert_eq!(
        resting,
        [
            "2027-03-15",
            "2027-03-16",
            "2027-03-17",
            "2027-03-18",
            "2027-03-19",
            "2027-03-20",
            "2027-03-21"
        ]
    );
    ana.clock.set(ms("2027-03-14T12:00:00Z"));
    let plan = ana.core.plan_reminders("Europe/Berlin", 3).unwrap();
    let days: Vec<&str> = plan.iter().map(|r| &r.local_time[..10]).collect();
    assert_eq!(days, ["2027-03-14", "2027-03-22", "2027-03-23"]);

    // Two kept before the rest week, none during it: the rhythm is 2 of 2.
    // (Marked on the 22nd: shared figures count up to the newest shared op.)
    ana.clock.set(ms("2027-03-22T12:00:00Z"));
    ben.clock.set(ms("2027-03-22T12:00:00Z"));
    ana.core.mark_done(&id, "2027-03-10", None, None).unwrap();
    ana.core.mark_done(&id, "2027-03-11", None, None).unwrap();
    ana.core.skip_occurrence(&id, "2027-03-12").unwrap();
    let r = &ana.core.rhythm("Europe/Berlin").unwrap()[0];
    // 10, 11 kept; 12 skipped; 13, 14 open: 2 of 5, with 15 to 21 left out.
    assert_eq!((r.kept_last_7, r.scheduled_last_7), (2, 5));
    // Called off by the other partner: the week counts again, on both.
    ana.core
        .set_rest_week("2027-03-15", false, "Europe/Berlin")
        .unwrap();
    sync(&mut ana, &mut ben);
    assert!(ben.core.rest_weeks().unwrap().is_empty());
    let r = &ana.core.rhythm("Europe/Berlin").unwrap()[0];
    assert_eq!((r.kept_last_7, r.scheduled_last_7), (0, 7));
    assert_eq!(
        ana.core.shared_state_dump().unwrap(),
        ben.core.shared_state_dump().unwrap()
    );
}

#[test]
fn concurrent_rest_week_changes_converge_in_either_order() {
    for ana_first in [true, false] {
        let (mut ana, mut ben) = paired();
        ana.core.set_rest_week("2027-03-15", true, "UTC").unwrap();
        sync(&mut ana, &mut ben);
        // Ben calls it off while Ana, a second later, declares the next one
        // and calls hers off again.
        ben.core.set_rest_week("2027-03-15", false, "UTC").unwrap();
        ana.clock.advance(1_000);
        ana.core.set_rest_week("2027-03-22", true, "UTC").unwrap();
        if ana_first {
            deliver(&mut ana, &mut ben);
            deliver(&mut ben, &mut ana);
        } else {
            deliver(&mut ben, &mut ana);
            deliver(&mut ana, &mut ben);
        }
        assert_eq!(ana.core.rest_weeks().unwrap(), vec!["2027-03-22"]);
        assert_eq!(
            ana.core.shared_state_dump().unwrap(),
            ben.core.shared_state_dump().unwrap()
        );
    }
}

#[test]
fn rest_weeks_refuse_bad_dates_and_store_nothing() {
    let (mut ana, _ben) = paired();
    let before = snapshot(&ana);
    for (date, zone, mentions) in [
        ("2027-02-01", "UTC", "weeks back"),
        ("2028-03-20", "UTC", "a year ahead"),
        ("2027-13-01", "UTC", "a date like"),
        ("", "UTC", "a date like"),
        ("2027-03-15", "Mars/Olympus", "unknown time zone"),
    ] {
        match ana.core.set_rest_week(date, true, zone) {
            Err(Error::InvalidInput(r)) => assert!(r.contains(mentions), "{r} vs {mentions}"),
            other => panic!("{date}: {other:?}"),
        }
    }
    match ana.core.set_rest_week("2027-03-15", false, "UTC") {
        Err(Error::NotFound(r)) => assert!(r.contains("not a rest week"), "{r}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(snapshot(&ana), before);
}

#[test]
fn a_snooze_moves_one_reminder_on_this_phone_only() {
    let (mut ana, mut ben) = paired();
    let id = {
        let r = ana
            .core
            .propose_ritual(&tandem_core::RitualDraft {
                lead_minutes: vec![30, 0],
                ..draft("Check-in", "20:30", Some("Europe/Berlin"))
            })
            .unwrap();
        deliver(&mut ana, &mut ben);
        ben.core.accept_ritual(&r.id).unwrap();
        deliver(&mut ben, &mut ana);
        r.id
    };
    // 20:00 in Berlin, the 30-minute reminder fires; Ana snoozes it 15.
    ana.clock.set(ms("2027-03-10T19:00:00Z"));
    let ops = ana.core.ops().unwrap().len();
    let until = ana
        .core
        .snooze_reminder(&id, "2027-03-10", 15, "Europe/Berlin")
        .unwrap();
    assert_eq!(until, ms("2027-03-10T19:15:00Z"));
    assert_eq!(ana.core.ops().unwrap().len(), ops, "a snooze is not shared");
    let plan = ana.core.plan_reminders("Europe/Berlin", 3).unwrap();
    let got: Vec<(ReminderKind, &str)> = plan
        .iter()
        .map(|r| (r.kind, r.local_time.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (ReminderKind::Snoozed, "2027-03-10 20:15"),
            (ReminderKind::Ritual, "2027-03-10 20:30"),
            (ReminderKind::Ritual, "2027-03-11 20:00"),
        ]
    );
    assert_eq!(plan[0].body, "Snoozed from 20:30");
    // Ben's phone is unaffected: his 30-minute reminder fires now.
    ben.clock.set(ms("2027-03-10T19:00:00Z"));
    let bens = ben.core.plan_reminders("Europe/Berlin", 1).unwrap();
    assert_eq!(
        (bens[0].kind, bens[0].local_time.as_str()),
        (ReminderKind::Ritual, "2027-03-10 20:00")
    );
    // Snoozed past the start: the start reminder gives way too, and the
    // snoozed one still comes after the start.
    let later = ana
        .core
        .snooze_reminder(&id, "2027-03-10", 45, "Europe/Berlin")
        .unwrap();
    let plan = ana.core.plan_reminders("Europe/Berlin", 2).unwrap();
    assert_eq!(plan[0].fire_at_ms, later);
    assert_eq!(plan[0].kind, ReminderKind::Snoozed);
    assert_eq!(plan[1].local_time, "2027-03-11 20:00");
    // Re-planning without change keeps every id.
    let again = ana.core.plan_reminders("Europe/Berlin", 2).unwrap();
    assert_eq!(plan, again);
    // Done: the snoozed reminder goes.
    ana.core.mark_done(&id, "2027-03-10", None, None).unwrap();
    let plan = ana.core.plan_reminders("Europe/Berlin", 1).unwrap();
    assert_eq!(plan[0].local_time, "2027-03-11 20:00");
}

#[test]
fn snoozes_refuse_what_cannot_be_snoozed() {
    let (mut ana, mut ben) = paired();
    let id = active(&mut ana, &mut ben, "Check-in", "20:30");
    let waiting = ana
        .core
        .propose_ritual(&draft("Tea", "16:00", None))
        .unwrap();
    let before = snapshot(&ana);
    let z = "Europe/Berlin";
    for minutes in [0, 721, u32::MAX] {
        match ana.core.snooze_reminder(&id, "2027-03-10", minutes, z) {
            Err(Error::InvalidInput(r)) => assert!(r.contains("1 to 720"), "{r}"),
            other => panic!("{minutes}: {other:?}"),
        }
    }
    for (r, mentions) in [
        (
            ana.core.snooze_reminder(&id, "2027-03-20", 10, z),
            "within a day",
        ),
        (
            ana.core.snooze_reminder(&waiting.id, "2027-03-10", 10, z),
            "only an active ritual",
        ),
    ] {
        match r {
            Err(Error::NotAllowed(reason)) => assert!(reason.contains(mentions), "{reason}"),
            other => panic!("{mentions}: {other:?}"),
        }
    }
    assert!(matches!(
        ana.core.snooze_reminder("nope", "2027-03-10", 10, z),
        Err(Error::NotFound(_))
    ));
    assert!(matches!(
        ana.core.snooze_reminder(&id, "10 March", 10, z),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        ana.core
            .snooze_reminder(&id, "2027-03-10", 10, "Nowhere/Land"),
        Err(Error::InvalidInput(_))
    ));
    assert_eq!(snapshot(&ana), before);
    ana.core.skip_occurrence(&id, "2027-03-10").unwrap();
    match ana.core.snooze_reminder(&id, "2027-03-10", 10, z) {
        Err(Error::NotAllowed(r)) => assert!(r.contains("skipped"), "{r}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_rest_week_rests_the_shared_rituals_and_never_a_personal_one() {
    // Wednesday 2027-03-10; the rest week is 15 to 21 March.
    let (mut ana, mut ben) = paired();
    let shared = active(&mut ana, &mut ben, "Check-in", "20:30");
    let walk = ana
        .core
        .add_personal_ritual(&draft("Walk alone", "07:00", Some("Europe/Berlin")))
        .unwrap()
        .id;
    ben.core
        .set_rest_week("2027-03-17", true, "Europe/Berlin")
        .unwrap();
    sync(&mut ana, &mut ben);
    let z = "Europe/Berlin";
    let week = ana
        .core
        .upcoming(
            ms("2027-03-15T00:00:00+01:00"),
            ms("2027-03-22T00:00:00+01:00"),
            z,
        )
        .unwrap();
    let resting = |id: &str| -> Vec<bool> {
        week.iter()
            .filter(|o| o.ritual_id == id)
            .map(|o| o.resting)
            .collect()
    };
    assert_eq!(resting(&shared), [true; 7]);
    assert_eq!(resting(&walk), [false; 7]);

    // The walk keeps its reminders through the week; the check-in has none.
    ana.clock.set(ms("2027-03-15T00:00:00+01:00"));
    let plan = ana.core.plan_reminders(z, 60).unwrap();
    let in_week = |r: &&tandem_core::reminders::Reminder| r.local_time.as_str() < "2027-03-22";
    let walks: Vec<&str> = plan
        .iter()
        .filter(in_week)
        .map(|r| {
            assert_eq!(r.source_id, walk, "{}", r.local_time);
            &r.local_time[..10]
        })
        .collect();
    assert_eq!(walks.len(), 7);
    assert_eq!(walks.first(), Some(&"2027-03-15"));
    assert_eq!(ana.core.today(z).unwrap().occurrences.len(), 2);

    // And its rhythm counts the week: kept on Monday, open the other days.
    ana.core.mark_done(&walk, "2027-03-15", None, None).unwrap();
    ana.clock.set(ms("2027-03-21T12:00:00+01:00"));
    let rhythm = ana.core.rhythm(z).unwrap();
    let of = |id: &str| rhythm.iter().find(|r| r.ritual_id == id).unwrap();
    assert_eq!((of(&walk).kept_last_7, of(&walk).scheduled_last_7), (1, 7));
    // Shared figures stand at the shared cutoff (the newest shared op), so
    // nothing of the rest week is counted yet.
    assert_eq!(of(&shared).scheduled_last_28, 0);
    // Snoozing the walk works in the rest week; the check-in has nothing
    // to snooze.
    ana.clock.set(ms("2027-03-16T06:55:00+01:00"));
    ana.core
        .snooze_reminder(&walk, "2027-03-16", 10, z)
        .unwrap();
    ana.clock.set(ms("2027-03-16T20:25:00+01:00"));
    not_allowed(
        ana.core.snooze_reminder(&shared, "2027-03-16", 10, z),
        "resting",
    );

    // Once a shared change moves the cutoff past the week, the shared
    // ritual counts 11 to 14 and 22 to 23 March (a floating 20:30 on the
    // 10th had begun east of Berlin before the ritual existed): the seven
    // rest days are neither kept nor missed (without them, 13 scheduled).
    ben.clock.set(ms("2027-03-24T12:00:00+01:00"));
    ben.core
        .mark_done(&shared, "2027-03-23", None, None)
        .unwrap();
    ana.clock.set(ms("2027-03-24T12:30:00+01:00"));
    sync(&mut ben, &mut ana);
    for phone in [&ana, &ben] {
        let rhythm = phone.core.rhythm(z).unwrap();
        let s = rhythm.iter().find(|r| r.ritual_id == shared).unwrap();
        assert_eq!((s.kept_last_28, s.scheduled_last_28), (1, 6));
        assert_eq!((s.kept_last_7, s.scheduled_last_7), (1, 6));
    }
}

#[test]
fn snoozing_tomorrows_occurrence_never_reminds_before_its_day() {
    let (mut ana, mut ben) = paired();
    // A 07:00 breakfast call, reminded 12 hours ahead and at the start.
    let id = {
        let r = ana
            .core
            .propose_ritual(&tandem_core::RitualDraft {
                lead_minutes: vec![720, 0],
                ..draft("Breakfast call", "07:00", Some("Europe/Berlin"))
            })
            .unwrap();
        deliver(&mut ana, &mut ben);
        ben.core.accept_ritual(&r.id).unwrap();
        deliver(&mut ben, &mut ana);
        r.id
    };
    let z = "Europe/Berlin";
    // 19:00 on the 10th: the 12-hour reminder for the 11th fires; Ana
    // snoozes it for 15 minutes. It comes back when the 11th begins, not at
    // 19:15 on the 10th.
    ana.clock.set(ms("2027-03-10T19:00:00+01:00"));
    let until = ana.core.snooze_reminder(&id, "2027-03-11", 15, z).unwrap();
    assert_eq!(until, ms("2027-03-11T00:00:00+01:00"));
    let plan = ana.core.plan_reminders(z, 2).unwrap();
    let got: Vec<(ReminderKind, &str)> = plan
        .iter()
        .map(|r| (r.kind, r.local_time.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (ReminderKind::Snoozed, "2027-03-11 00:00"),
            (ReminderKind::Ritual, "2027-03-11 07:00"),
        ]
    );
    assert!(plan.iter().all(|r| r.fire_at_ms >= until));
    // With quiet hours, the day's start waits for their end.
    ana.core
        .set_reminder_settings(&tandem_core::reminders::ReminderSettings {
            quiet: Some(
                tandem_core::reminders::QuietHours::new(
                    "22:00",
                    "06:30",
                    tandem_core::reminders::QuietPolicy::Drop,
                )
                .unwrap(),
            ),
            hide_content: false,
        })
        .unwrap();
    let until = ana.core.snooze_reminder(&id, "2027-03-11", 15, z).unwrap();
    assert_eq!(until, ms("2027-03-11T06:30:00+01:00"));
    // Seen from New York, the call's own day (in Berlin) begins at 18:00
    // on the 10th: a snooze at 17:00 New York time waits until then.
    ana.core
        .set_reminder_settings(&tandem_core::reminders::ReminderSettings::default())
        .unwrap();
    ana.clock.set(ms("2027-03-10T17:00:00-05:00"));
    let until = ana
        .core
        .snooze_reminder(&id, "2027-03-11", 10, "America/New_York")
        .unwrap();
    assert_eq!(until, ms("2027-03-11T00:00:00+01:00"));
    // An occurrence on its own day snoozes as asked.
    ana.clock.set(ms("2027-03-11T06:30:00+01:00"));
    let until = ana.core.snooze_reminder(&id, "2027-03-11", 10, z).unwrap();
    assert_eq!(until, ms("2027-03-11T06:40:00+01:00"));
}
