//! Single occurrences: done (one shared fact whichever device marks it),
//! skipped, moved this once; the rhythm over the last 7 and 28.

mod common;

use common::*;
use tandem_core::{Error, MarkStatus};

fn paired_with_active(at: &str) -> (Device, Device, String) {
    let mut ana = device("Ana", &KEY_A, "2027-03-01T06:00:00Z");
    let mut ben = device("Ben", &KEY_B, "2027-03-01T06:00:00Z");
    pair(&mut ana, &mut ben);
    let r = ana.core.propose_ritual(&draft("Walk", at, None)).unwrap();
    deliver(&mut ana, &mut ben);
    ben.core.accept_ritual(&r.id).unwrap();
    deliver(&mut ben, &mut ana);
    (ana, ben, r.id)
}

fn on(d: &Device, id: &str, date: &str) -> tandem_core::Occurrence {
    let from = ms(&format!("{date}T00:00:00Z"));
    d.core
        .upcoming(from - 8 * 86_400_000, from + 9 * 86_400_000, "UTC")
        .unwrap()
        .into_iter()
        .find(|o| o.ritual_id == id && o.date.to_string() == date)
        .unwrap()
}

#[test]
fn done_on_both_devices_counts_once() {
    let (mut ana, mut ben, id) = paired_with_active("07:00");
    // A done is marked on its day or after.
    for d in [&ana, &ben] {
        d.clock.set(ms("2027-03-02T08:00:00Z"));
    }
    ana.core
        .mark_done(&id, "2027-03-02", Some("lovely frost"), Some("calm"))
        .unwrap();
    ben.core
        .mark_done(&id, "2027-03-02", None, Some("sleepy"))
        .unwrap();
    sync(&mut ana, &mut ben);
    let (a, b) = (on(&ana, &id, "2027-03-02"), on(&ben, &id, "2027-03-02"));
    assert_eq!((a.status, b.status), (MarkStatus::Done, MarkStatus::Done));
    assert_eq!(
        ana.core.shared_state_dump().unwrap(),
        ben.core.shared_state_dump().unwrap()
    );
    // A floating occurrence nobody marked counts once its day has ended
    // everywhere (UTC-12): by noon UTC on the 4th, 1 to 3 March have. The
    // 1st's 07:00 had already come in the east when the walk was agreed
    // (06:00 UTC), so unmarked it counts in no figure.
    shared_moment(&mut ana, &mut ben, "2027-03-04T12:00:00Z");
    for d in [&ana, &ben] {
        let rhythm = d.core.rhythm("UTC").unwrap();
        assert_eq!(
            (rhythm[0].kept_last_7, rhythm[0].scheduled_last_7),
            (1, 2),
            "2 and 3 March have passed"
        );
    }
}

#[test]
fn skip_move_and_the_rhythm() {
    let (mut ana, mut ben, id) = paired_with_active("07:00");
    for d in [&ana, &ben] {
        d.clock.set(ms("2027-03-06T08:00:00Z"));
    }
    for day in [
        "2027-03-01",
        "2027-03-02",
        "2027-03-04",
        "2027-03-05",
        "2027-03-06",
    ] {
        ana.core.mark_done(&id, day, None, None).unwrap();
    }
    ben.core.skip_occurrence(&id, "2027-03-03").unwrap();
    // "Would tomorrow evening work better?" for the 8th.
    ben.core
        .move_occurrence(&id, "2027-03-08", ms("2027-03-08T19:00:00Z"))
        .unwrap();
    sync(&mut ana, &mut ben);
    assert_eq!(on(&ana, &id, "2027-03-03").status, MarkStatus::Skipped);
    let moved = on(&ana, &id, "2027-03-08");
    assert!(moved.moved);
    assert_eq!(moved.start.to_rfc3339(), "2027-03-08T19:00:00+00:00");
    // A skipped occurrence that is then done counts as done.
    ana.core.mark_done(&id, "2027-03-03", None, None).unwrap();
    assert_eq!(on(&ana, &id, "2027-03-03").status, MarkStatus::Done);

    shared_moment(&mut ana, &mut ben, "2027-03-10T12:00:00Z");
    let r = &ana.core.rhythm("UTC").unwrap()[0];
    assert_eq!(ben.core.rhythm("Asia/Tokyo").unwrap()[0], *r);
    // 3 to 9 March: done 3, 4, 5, 6; not 7, 8 (moved, not marked), 9.
    assert_eq!((r.kept_last_7, r.scheduled_last_7), (4, 7));
    assert_eq!((r.kept_last_28, r.scheduled_last_28), (6, 9));
    // Reminders skip what is done and follow the move.
    ana.clock.set(ms("2027-03-07T08:00:00Z"));
    let plan = ana.core.plan_reminders("UTC", 2).unwrap();
    let times: Vec<&str> = plan.iter().map(|r| r.local_time.as_str()).collect();
    assert_eq!(times, ["2027-03-08 19:00", "2027-03-09 07:00"]);
}

#[test]
fn marks_refuse_bad_input_and_change_nothing() {
    let (mut ana, _ben, id) = paired_with_active("07:00");
    ana.clock.set(ms("2027-03-02T08:00:00Z"));
    let waiting = ana
        .core
        .propose_ritual(&draft("Tea", "16:00", None))
        .unwrap();
    let before = ana.core.shared_state_dump().unwrap();
    // Bad input is InvalidInput; a state that forbids it is NotAllowed; an
    // unknown id is NotFound.
    let check = |r: Result<(), Error>, mentions: &str| match r {
        Err(Error::InvalidInput(reason))
            if !mentions.contains("in effect") && !mentions.contains("no ritual") =>
        {
            assert!(reason.contains(mentions), "'{reason}' vs '{mentions}'")
        }
        Err(Error::NotAllowed(reason)) if mentions.contains("in effect") => {
            assert!(reason.contains(mentions), "'{reason}' vs '{mentions}'")
        }
        Err(Error::NotFound(reason)) if mentions.contains("no ritual") => {
            assert!(reason.contains(mentions), "'{reason}' vs '{mentions}'")
        }
        other => panic!("unexpected error kind for '{mentions}': {other:?}"),
    };
    check(
        ana.core.mark_done(&id, "2027-13-01", None, None),
        "a date like",
    );
    check(
        ana.core.mark_done(&id, "1800-01-01", None, None),
        "a date like",
    );
    check(
        ana.core.mark_done(&waiting.id, "2027-03-02", None, None),
        "only a ritual in effect",
    );
    check(
        ana.core.mark_done("nope", "2027-03-02", None, None),
        "no ritual has this id",
    );
    check(
        ana.core.mark_done(&id, "2027-03-03", None, None),
        "has not come yet",
    );
    check(
        ana.core
            .mark_done(&id, "2027-03-02", Some(&"n".repeat(501)), None),
        "limit is 500",
    );
    check(
        ana.core
            .mark_done(&id, "2027-03-02", None, Some(&"f".repeat(41))),
        "limit is 40",
    );
    check(
        ana.core
            .move_occurrence(&id, "2027-03-02", ms("2027-03-20T07:00:00Z")),
        "at most a week",
    );
    check(
        ana.core.move_occurrence(&id, "2027-03-02", i64::MAX),
        "1900 to 2200",
    );
    let weekly = {
        use tandem_core::RitualDraft;
        use tandem_core::schedule::recurrence::{FrequencyDraft, RecurrenceDraft};
        ana.core
            .propose_ritual(&RitualDraft {
                recurrence: Some(RecurrenceDraft {
                    frequency: FrequencyDraft::Weekly,
                    start: Some("2027-03-07".into()),
                    until: None,
                    count: None,
                }),
                ..draft("Sunday", "10:00", None)
            })
            .unwrap()
    };
    let _ = weekly;
    ana.core.retire_ritual(&id).unwrap();
    check(
        ana.core.skip_occurrence(&id, "2027-03-02"),
        "only a ritual in effect has occurrences to mark; this one is retired",
    );
    assert_ne!(
        ana.core.shared_state_dump().unwrap(),
        before,
        "the retire and the new proposal did change it"
    );
}

#[test]
fn only_real_occurrence_dates() {
    let mut ana = device("Ana", &KEY_A, "2027-03-01T06:00:00Z");
    let mut ben = device("Ben", &KEY_B, "2027-03-01T06:00:00Z");
    pair(&mut ana, &mut ben);
    use tandem_core::RitualDraft;
    use tandem_core::schedule::recurrence::{FrequencyDraft, RecurrenceDraft};
    let r = ana
        .core
        .propose_ritual(&RitualDraft {
            recurrence: Some(RecurrenceDraft {
                frequency: FrequencyDraft::Weekly,
                start: Some("2027-03-07".into()),
                until: None,
                count: None,
            }),
            ..draft("Sunday walk", "10:00", None)
        })
        .unwrap();
    deliver(&mut ana, &mut ben);
    ben.core.accept_ritual(&r.id).unwrap();
    match ben.core.mark_done(&r.id, "2027-03-08", None, None) {
        Err(Error::InvalidInput(reason)) => {
            assert!(reason.contains("has no occurrence"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
    ben.clock.set(ms("2027-03-14T10:30:00Z"));
    ben.core.mark_done(&r.id, "2027-03-14", None, None).unwrap();
}

/// Ana and Ben with one ritual at 20:30 both accepted: floating, or fixed
/// to `zone`.
fn evening(zone: Option<&str>) -> (Device, Device, String) {
    let (mut ana, mut ben) = paired();
    let r = ana
        .core
        .propose_ritual(&draft("Check-in", "20:30", zone))
        .unwrap();
    deliver(&mut ana, &mut ben);
    ben.core.accept_ritual(&r.id).unwrap();
    deliver(&mut ben, &mut ana);
    (ana, ben, r.id)
}

#[test]
fn a_done_waits_for_its_day_on_this_phones_clock() {
    let ny = "America/New_York";
    // Floating, 20:30 wherever the phone is. 14:00 in New York on the 10th.
    let (mut ana, _ben, id) = evening(None);
    ana.clock.set(ms("2027-03-10T14:00:00-05:00"));
    let before = snapshot(&ana);
    invalid(
        ana.core
            .mark_done_in(&id, "2027-03-11", None, None, Some(ny)),
        "has not come yet",
    );
    invalid(
        ana.core
            .mark_done_in(&id, "2027-03-10", None, None, Some("Mars/Olympus")),
        "unknown time zone",
    );
    assert_eq!(snapshot(&ana), before, "a refused done stores nothing");
    // Tonight's may be marked early, the same day.
    ana.core
        .mark_done_in(&id, "2027-03-10", None, None, Some(ny))
        .unwrap();
    // In Tokyo it is already 04:00 on the 11th: that day has come there.
    ana.core
        .mark_done_in(&id, "2027-03-11", None, None, Some("Asia/Tokyo"))
        .unwrap();
    // Without the phone's zone, a floating ritual is bounded by the date
    // it already is somewhere (UTC+14: the 11th since 10:00 UTC on the 10th).
    invalid(
        ana.core.mark_done(&id, "2027-03-12", None, None),
        "has not come yet",
    );
    ana.core.mark_done(&id, "2027-03-11", None, None).unwrap();
    // A move brings the 14th's occurrence to tonight: it can be done tonight.
    ana.core
        .move_occurrence(&id, "2027-03-14", ms("2027-03-10T21:00:00-05:00"))
        .unwrap();
    ana.core
        .mark_done_in(&id, "2027-03-14", None, None, Some(ny))
        .unwrap();
    let moved = ana
        .core
        .upcoming(ms("2027-03-10T00:00:00Z"), ms("2027-03-12T00:00:00Z"), ny)
        .unwrap()
        .into_iter()
        .find(|o| o.date.to_string() == "2027-03-14")
        .unwrap();
    assert_eq!(moved.status, MarkStatus::Done, "the fold keeps it too");
    invalid(
        ana.core
            .mark_done_in(&id, "2027-03-15", None, None, Some(ny)),
        "has not come yet",
    );

    // Fixed to Berlin: 19:30 in New York is 01:30 on the 11th in Berlin.
    // The 11th's call is at 15:30 on New York's 11th: not today on a phone
    // in New York; without the phone's zone, Berlin's day decides.
    let (mut ana, _ben, id) = evening(Some("Europe/Berlin"));
    ana.clock.set(ms("2027-03-10T19:30:00-05:00"));
    invalid(
        ana.core
            .mark_done_in(&id, "2027-03-11", None, None, Some(ny)),
        "has not come yet",
    );
    ana.core.mark_done(&id, "2027-03-11", None, None).unwrap();
    invalid(
        ana.core.mark_done(&id, "2027-03-12", None, None),
        "has not come yet",
    );
}

#[test]
fn a_done_is_never_one_the_fold_would_ignore() {
    // A call fixed to Kiritimati (UTC+14) at 00:30, seen from Pago Pago
    // (UTC-11): the 12th's call is at 23:30 on Pago Pago's 10th. At 18:00
    // UTC on the 10th it is today on that phone, but the 12th has begun
    // nowhere on Earth, so every phone's fold would ignore the done: it is
    // refused until the 12th begins in Kiritimati.
    let (mut ana, mut ben) = paired();
    let r = ana
        .core
        .propose_ritual(&draft("Call", "00:30", Some("Pacific/Kiritimati")))
        .unwrap();
    deliver(&mut ana, &mut ben);
    ben.core.accept_ritual(&r.id).unwrap();
    deliver(&mut ben, &mut ana);
    let pago = Some("Pacific/Pago_Pago");
    invalid(
        ana.core.mark_done_in(&r.id, "2027-03-12", None, None, pago),
        "has not come yet",
    );
    for d in [&ana, &ben] {
        d.clock.set(ms("2027-03-11T10:00:00Z"));
    }
    ana.core
        .mark_done_in(&r.id, "2027-03-12", None, None, pago)
        .unwrap();
    deliver(&mut ana, &mut ben);
    for d in [&ana, &ben] {
        let call = d
            .core
            .upcoming(
                ms("2027-03-11T00:00:00Z"),
                ms("2027-03-12T00:00:00Z"),
                "UTC",
            )
            .unwrap();
        assert_eq!(
            (call[0].date.to_string(), call[0].status),
            ("2027-03-12".into(), MarkStatus::Done)
        );
    }
}

#[test]
fn a_partners_done_for_a_date_begun_nowhere_counts_for_nothing() {
    // 18:00 UTC on the 10th: the 11th has begun east of UTC+6, the 12th
    // nowhere yet.
    let (mut ana, mut ben, id) = evening(None);
    ben.core.mark_done(&id, "2027-03-10", None, None).unwrap();
    deliver(&mut ben, &mut ana);
    let done = ben.core.ops().unwrap().pop().unwrap();
    // A modified app on Ben's phone sends dones for dates it could not
    // have reached: they are admitted (so the logs still converge and sync
    // is not blocked) but, by the op's own time, count for nothing.
    let forged = |counter_step: u64, date: &str| {
        let mut op = done.clone();
        op.counter += counter_step;
        op.hlc.logical += counter_step as u32;
        op.change = tandem_core::sync::Change::Ritual(tandem_core::rituals::RitualChange::Done {
            date: date.parse().unwrap(),
            note: None,
            feeling: None,
        });
        op
    };
    let before = ana.core.shared_state_dump().unwrap();
    let report = ana
        .core
        .apply_ops(ben.core.device_id(), &[forged(1, "2027-03-12")])
        .unwrap();
    assert_eq!(report.applied, 1);
    assert_eq!(ana.core.shared_state_dump().unwrap(), before);
    let on_the_12th = ana
        .core
        .upcoming(
            ms("2027-03-12T00:00:00Z"),
            ms("2027-03-13T00:00:00Z"),
            "UTC",
        )
        .unwrap();
    assert_eq!(on_the_12th[0].status, MarkStatus::Scheduled);
    // It stays ignored however much later the phone folds it again.
    ana.clock.set(ms("2027-03-20T12:00:00Z"));
    ana.core.mark_done(&id, "2027-03-19", None, None).unwrap();
    let on_the_12th = ana
        .core
        .upcoming(
            ms("2027-03-12T00:00:00Z"),
            ms("2027-03-13T00:00:00Z"),
            "UTC",
        )
        .unwrap();
    assert_eq!(on_the_12th[0].status, MarkStatus::Scheduled);
    // A date that had begun somewhere counts: the receiving phone cannot
    // know which zone its partner was in.
    ana.core
        .apply_ops(ben.core.device_id(), &[forged(2, "2027-03-11")])
        .unwrap();
    let on_the_11th = ana
        .core
        .upcoming(
            ms("2027-03-11T00:00:00Z"),
            ms("2027-03-12T00:00:00Z"),
            "UTC",
        )
        .unwrap();
    assert_eq!(on_the_11th[0].status, MarkStatus::Done);
}
