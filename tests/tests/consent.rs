//! The consent lifecycle of a shared ritual across two devices: proposed,
//! accepted, declined, countered, paused, resumed, retired, each a shared op.

mod common;

use common::*;
use tandem_core::{Error, RitualDraft, RitualStatus};

#[test]
fn proposal_accepted_becomes_active_for_both() {
    let (mut ana, mut ben) = paired();
    let r = ana
        .core
        .propose_ritual(&draft("Check-in", "20:30", None))
        .unwrap();
    assert_eq!(r.status, RitualStatus::Proposed);
    assert!(!r.waiting_for(ana.core.device_id()));
    not_allowed(ana.core.accept_ritual(&r.id), "your own proposal");
    sync(&mut ana, &mut ben);
    let seen = ben.core.ritual(&r.id).unwrap();
    assert!(seen.waiting_for(ben.core.device_id()));
    let accepted = ben.core.accept_ritual(&r.id).unwrap();
    assert_eq!(accepted.status, RitualStatus::Active);
    assert_eq!(accepted.pending, None);
    sync(&mut ana, &mut ben);
    assert_eq!(ana.core.ritual(&r.id).unwrap().status, RitualStatus::Active);
    assert_eq!(
        ana.core.shared_state_dump().unwrap(),
        ben.core.shared_state_dump().unwrap()
    );
    not_allowed(
        ben.core.accept_ritual(&r.id),
        "nothing about this ritual waits",
    );
}

#[test]
fn declined_needs_no_reason_and_has_no_occurrences() {
    let (mut ana, mut ben) = paired();
    let r = ana
        .core
        .propose_ritual(&draft("Daily call", "07:00", None))
        .unwrap();
    sync(&mut ana, &mut ben);
    assert_eq!(
        ben.core.decline_ritual(&r.id).unwrap().status,
        RitualStatus::Declined
    );
    sync(&mut ana, &mut ben);
    assert_eq!(
        ana.core.ritual(&r.id).unwrap().status,
        RitualStatus::Declined
    );
    let occ = ana
        .core
        .upcoming(
            ms("2027-03-11T00:00:00Z"),
            ms("2027-03-14T00:00:00Z"),
            "UTC",
        )
        .unwrap();
    assert!(occ.is_empty());
    not_allowed(ana.core.pause_ritual(&r.id), "only an active ritual");
    not_allowed(ben.core.accept_ritual(&r.id), "was declined");
    not_allowed(
        ben.core
            .counter_ritual(&r.id, &draft("Daily call", "08:00", None)),
        "was declined",
    );
}

#[test]
fn a_counter_waits_for_the_proposer_and_then_takes_effect() {
    let (mut ana, mut ben) = paired();
    let r = ana
        .core
        .propose_ritual(&draft("Walk", "07:00", None))
        .unwrap();
    sync(&mut ana, &mut ben);
    let countered = ben
        .core
        .counter_ritual(
            &r.id,
            &RitualDraft {
                minutes: 20,
                ..draft("Walk", "18:00", None)
            },
        )
        .unwrap();
    assert_eq!(countered.status, RitualStatus::Countered);
    assert_eq!(countered.time_of_day.to_string(), "18:00");
    not_allowed(ben.core.accept_ritual(&r.id), "your own proposal");
    sync(&mut ana, &mut ben);
    let at_ana = ana.core.ritual(&r.id).unwrap();
    assert!(at_ana.waiting_for(ana.core.device_id()));
    assert_eq!(at_ana.pending.as_ref().unwrap().spec.minutes, 20);
    let active = ana.core.accept_ritual(&r.id).unwrap();
    assert_eq!(active.status, RitualStatus::Active);
    assert_eq!(
        (active.time_of_day.to_string(), active.minutes),
        ("18:00".into(), 20)
    );
    sync(&mut ana, &mut ben);
    assert_eq!(ben.core.ritual(&r.id).unwrap().status, RitualStatus::Active);
}

#[test]
fn an_amendment_waits_beside_the_version_in_effect() {
    let (mut ana, mut ben) = paired();
    let r = ana
        .core
        .propose_ritual(&draft("Check-in", "20:30", None))
        .unwrap();
    sync(&mut ana, &mut ben);
    ben.core.accept_ritual(&r.id).unwrap();
    sync(&mut ana, &mut ben);
    // Ana suggests a later time; until Ben accepts, 20:30 stays in effect.
    let amended = ana
        .core
        .counter_ritual(&r.id, &draft("Check-in", "21:00", None))
        .unwrap();
    assert_eq!(amended.status, RitualStatus::Active);
    assert_eq!(amended.time_of_day.to_string(), "20:30");
    assert_eq!(amended.pending.as_ref().unwrap().spec.time_of_day, 21 * 60);
    sync(&mut ana, &mut ben);
    let occ = ben
        .core
        .upcoming(
            ms("2027-03-11T00:00:00Z"),
            ms("2027-03-12T00:00:00Z"),
            "UTC",
        )
        .unwrap();
    assert_eq!(occ[0].start.to_rfc3339(), "2027-03-11T20:30:00+00:00");
    ben.core.accept_ritual(&r.id).unwrap();
    sync(&mut ana, &mut ben);
    let now = ana.core.ritual(&r.id).unwrap();
    assert_eq!(
        (now.status, now.time_of_day.to_string(), now.pending),
        (RitualStatus::Active, "21:00".into(), None)
    );
}

#[test]
fn a_change_to_a_ritual_in_effect_can_be_declined() {
    let (mut ana, mut ben) = paired();
    let r = ana
        .core
        .propose_ritual(&draft("Check-in", "20:30", None))
        .unwrap();
    sync(&mut ana, &mut ben);
    ben.core.accept_ritual(&r.id).unwrap();
    sync(&mut ana, &mut ben);
    ana.core
        .counter_ritual(&r.id, &draft("Check-in", "22:00", None))
        .unwrap();
    sync(&mut ana, &mut ben);
    let kept = ben.core.decline_ritual(&r.id).unwrap();
    assert_eq!(
        (kept.status, kept.time_of_day.to_string()),
        (RitualStatus::Active, "20:30".into())
    );
    assert_eq!(kept.pending, None, "the declined change no longer waits");
    sync(&mut ana, &mut ben);
    assert_eq!(ana.core.ritual(&r.id).unwrap().pending, None);
    assert_eq!(
        ana.core.shared_state_dump().unwrap(),
        ben.core.shared_state_dump().unwrap()
    );
}

#[test]
fn declined_and_retired_rituals_have_nothing_pending() {
    let (mut ana, mut ben) = paired();
    let a = ana.core.propose_ritual(&draft("A", "07:00", None)).unwrap();
    let b = ana.core.propose_ritual(&draft("B", "08:00", None)).unwrap();
    sync(&mut ana, &mut ben);
    assert_eq!(ben.core.decline_ritual(&a.id).unwrap().pending, None);
    let retired = ana.core.retire_ritual(&b.id).unwrap();
    assert_eq!(
        (retired.status, retired.pending),
        (RitualStatus::Retired, None)
    );
    assert_eq!(
        retired.title, "B",
        "a withdrawn proposal still shows what it said"
    );
}

#[test]
fn either_partner_pauses_resumes_and_retires() {
    let (mut ana, mut ben) = paired();
    let r = ana
        .core
        .propose_ritual(&draft("Walk", "07:00", None))
        .unwrap();
    sync(&mut ana, &mut ben);
    ben.core.accept_ritual(&r.id).unwrap();
    sync(&mut ana, &mut ben);
    assert_eq!(
        ben.core.pause_ritual(&r.id).unwrap().status,
        RitualStatus::Paused
    );
    not_allowed(ben.core.pause_ritual(&r.id), "only an active ritual");
    sync(&mut ana, &mut ben);
    assert_eq!(ana.core.ritual(&r.id).unwrap().status, RitualStatus::Paused);
    let day = (ms("2027-03-11T00:00:00Z"), ms("2027-03-12T00:00:00Z"));
    assert!(
        ana.core.upcoming(day.0, day.1, "UTC").unwrap().is_empty(),
        "paused: no occurrences"
    );
    assert_eq!(
        ana.core.resume_ritual(&r.id).unwrap().status,
        RitualStatus::Active
    );
    sync(&mut ana, &mut ben);
    assert_eq!(ben.core.upcoming(day.0, day.1, "UTC").unwrap().len(), 1);
    assert_eq!(
        ben.core.retire_ritual(&r.id).unwrap().status,
        RitualStatus::Retired
    );
    sync(&mut ana, &mut ben);
    assert_eq!(
        ana.core.ritual(&r.id).unwrap().status,
        RitualStatus::Retired
    );
    not_allowed(ana.core.retire_ritual(&r.id), "already retired");
    not_allowed(ana.core.resume_ritual(&r.id), "not paused");
    not_allowed(
        ana.core
            .counter_ritual(&r.id, &draft("Walk", "08:00", None)),
        "was retired",
    );
}

#[test]
fn concurrent_pause_and_resume_converge() {
    let (mut ana, mut ben) = paired();
    let r = ana
        .core
        .propose_ritual(&draft("Walk", "07:00", None))
        .unwrap();
    sync(&mut ana, &mut ben);
    ben.core.accept_ritual(&r.id).unwrap();
    sync(&mut ana, &mut ben);
    ana.core.pause_ritual(&r.id).unwrap();
    sync(&mut ana, &mut ben);
    // Both act before hearing from the other: the later op wins on both.
    ben.clock.advance(1_000);
    ana.core.resume_ritual(&r.id).unwrap();
    ben.core.retire_ritual(&r.id).unwrap();
    sync(&mut ana, &mut ben);
    assert_eq!(
        ana.core.shared_state_dump().unwrap(),
        ben.core.shared_state_dump().unwrap()
    );
    assert_eq!(
        ana.core.ritual(&r.id).unwrap().status,
        RitualStatus::Retired
    );
}

#[test]
fn acting_on_a_ritual_that_does_not_exist() {
    let (mut ana, _ben) = paired();
    for r in [
        ana.core.accept_ritual("0123456789abcdef01234567"),
        ana.core.decline_ritual("nope"),
        ana.core.pause_ritual(""),
        ana.core.resume_ritual("x"),
        ana.core.retire_ritual("y"),
        ana.core.counter_ritual("z", &draft("Walk", "07:00", None)),
    ] {
        match r {
            Err(Error::NotFound(reason)) => assert!(reason.contains("no ritual has this id")),
            other => panic!("expected NotFound, got {other:?}"),
        }
    }
}
