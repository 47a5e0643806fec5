//! Personal rituals (the author's own: active at once, never synced, usable
//! before pairing) and gentle experiments (a trial end date that becomes a
//! review: keep, adjust or stop), across two devices.

mod common;

use common::*;
use tandem_core::reminders::ReminderKind;
use tandem_core::rituals::Review;
use tandem_core::{Error, RitualDraft, RitualStatus};

#[test]
fn a_personal_ritual_works_before_pairing_and_never_travels() {
    let mut ana = device("Ana", &KEY_A, "2027-03-10T06:00:00Z");
    let mut ben = device("Ben", &KEY_B, "2027-03-10T06:00:00Z");
    let walk = ana
        .core
        .add_personal_ritual(&draft("Walk while he is quiet", "07:30", None))
        .unwrap();
    assert!(walk.personal);
    assert_eq!(walk.status, RitualStatus::Active);
    assert!(walk.pending.is_none());
    assert!(
        walk.id.starts_with('p') && walk.id.len() == 25,
        "{}",
        walk.id
    );
    // Active at once: it has reminders and occurrences before any pairing.
    let plan = ana.core.plan_reminders("Europe/Berlin", 2).unwrap();
    assert_eq!(plan.len(), 2);
    assert!(plan.iter().all(|r| r.source_id == walk.id));
    ana.core
        .mark_done(&walk.id, "2027-03-10", Some("felt calmer"), Some("calm"))
        .unwrap();
    assert!(
        ana.core.ops().unwrap().is_empty(),
        "the shared log stays empty"
    );

    pair(&mut ana, &mut ben);
    let shared = ana
        .core
        .propose_ritual(&draft("Check-in", "20:30", None))
        .unwrap();
    sync(&mut ana, &mut ben);
    let bens: Vec<String> = ben
        .core
        .rituals()
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(bens, vec![shared.id.clone()]);
    assert_eq!(ana.core.rituals().unwrap().len(), 2);
    assert_eq!(
        ana.core.shared_state_dump().unwrap(),
        ben.core.shared_state_dump().unwrap(),
        "personal rituals are not part of the shared state"
    );

    // Nobody to ask: no answers, and a change takes effect at once.
    not_allowed(ana.core.accept_ritual(&walk.id), "needs no answer");
    not_allowed(ana.core.decline_ritual(&walk.id), "needs no answer");
    let moved = ana
        .core
        .counter_ritual(&walk.id, &draft("Walk while he is quiet", "08:15", None))
        .unwrap();
    assert_eq!(moved.time_of_day.to_string(), "08:15");
    assert_eq!(moved.status, RitualStatus::Active);
    assert!(moved.pending.is_none());
    assert_eq!(
        ana.core.pause_ritual(&walk.id).unwrap().status,
        RitualStatus::Paused
    );
    assert_eq!(
        ana.core.resume_ritual(&walk.id).unwrap().status,
        RitualStatus::Active
    );
    // Its mark survived the edits, and counts in the rhythm.
    ana.clock.set(ms("2027-03-10T12:00:00Z"));
    let rhythm = ana.core.rhythm("Europe/Berlin").unwrap();
    let mine = rhythm.iter().find(|r| r.ritual_id == walk.id).unwrap();
    assert_eq!(mine.kept_last_7, 1);
    assert_eq!(
        ana.core.retire_ritual(&walk.id).unwrap().status,
        RitualStatus::Retired
    );
    sync(&mut ana, &mut ben);
    assert_eq!(ben.core.rituals().unwrap().len(), 1);
}

#[test]
fn a_forged_op_naming_a_personal_ritual_is_refused() {
    let (mut ana, ben) = paired();
    let shared = ana
        .core
        .propose_ritual(&draft("Check-in", "20:30", None))
        .unwrap();
    let mut op = ana.core.ops().unwrap().remove(0);
    // Ben's device could only ever send ops about shared rituals.
    op.device = ben.core.device_id();
    op.counter = 1;
    op.entity = format!("ritual:p{}", &shared.id);
    let before = snapshot(&ana);
    let err = ana.core.apply_ops(ben.core.device_id(), &[op]).unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput(r) if r.contains("not a shared ritual")),
        "{err}"
    );
    assert_eq!(snapshot(&ana), before);
}

/// Ana proposes a walk on trial until 2027-03-20; Ben accepts.
fn trial() -> (Device, Device, String) {
    let (mut ana, mut ben) = paired();
    let r = ana
        .core
        .propose_ritual(&RitualDraft {
            trial_until: Some("2027-03-20".into()),
            ..draft("Weekend walk", "10:00", Some("Europe/Berlin"))
        })
        .unwrap();
    assert_eq!(
        r.spec.trial_until.map(|d| d.to_string()).as_deref(),
        Some("2027-03-20")
    );
    sync(&mut ana, &mut ben);
    ben.core.accept_ritual(&r.id).unwrap();
    sync(&mut ana, &mut ben);
    (ana, ben, r.id)
}

#[test]
fn a_trial_turns_into_a_review_that_keeps_it_once_both_agree() {
    let (mut ana, mut ben, id) = trial();
    assert!(ana.core.reviews_due("Europe/Berlin").unwrap().is_empty());
    // Its last day: a review reminder at the ritual's time, beside the
    // ritual's own reminder.
    ana.clock.set(ms("2027-03-20T06:00:00Z"));
    ben.clock.set(ms("2027-03-20T06:00:00Z"));
    let plan = ana.core.plan_reminders("Europe/Berlin", 10).unwrap();
    let review: Vec<_> = plan
        .iter()
        .filter(|r| r.kind == ReminderKind::TrialReview)
        .collect();
    assert_eq!(review.len(), 1, "{plan:#?}");
    assert_eq!(review[0].local_time, "2027-03-20 10:00");
    assert_eq!(review[0].title, "Time to look back: Weekend walk");
    assert!(!review[0].private_body.contains("walk"));
    assert!(
        plan.iter()
            .any(|r| r.kind == ReminderKind::Ritual && r.local_time == "2027-03-20 10:00")
    );
    let due = ana.core.reviews_due("Europe/Berlin").unwrap();
    assert_eq!(due.iter().map(|r| &r.id).collect::<Vec<_>>(), vec![&id]);
    // The trial ended, the ritual did not: nothing stops on its own.
    assert_eq!(ana.core.ritual(&id).unwrap().status, RitualStatus::Active);

    let kept = ana.core.review_ritual(&id, &Review::Keep).unwrap();
    let pending = kept.pending.as_ref().expect("keeping waits for Ben");
    assert_eq!(pending.spec.trial_until, None);
    assert_eq!(
        kept.spec.trial_until.map(|d| d.to_string()).as_deref(),
        Some("2027-03-20")
    );
    assert!(ana.core.reviews_due("Europe/Berlin").unwrap().is_empty());
    not_allowed(ana.core.review_ritual(&id, &Review::Keep), "already waits");
    sync(&mut ana, &mut ben);
    ben.core.accept_ritual(&id).unwrap();
    sync(&mut ana, &mut ben);
    for d in [&ana, &ben] {
        let r = d.core.ritual(&id).unwrap();
        assert_eq!(r.spec.trial_until, None);
        assert_eq!(r.status, RitualStatus::Active);
        assert!(r.pending.is_none());
    }
    assert!(ben.core.reviews_due("Europe/Berlin").unwrap().is_empty());
    not_allowed(ana.core.review_ritual(&id, &Review::Keep), "not a trial");
    assert_eq!(
        ana.core.shared_state_dump().unwrap(),
        ben.core.shared_state_dump().unwrap()
    );
}

#[test]
fn a_review_can_adjust_or_stop() {
    let (mut ana, mut ben, id) = trial();
    ben.clock.set(ms("2027-03-21T09:00:00Z"));
    ana.clock.set(ms("2027-03-21T09:00:00Z"));
    // An adjustment that keeps the end that came (or an earlier one) would
    // be due again at once: refused, nothing stored.
    let before = snapshot(&ben);
    for end in ["2027-03-20", "2027-03-15"] {
        invalid(
            ben.core.review_ritual(
                &id,
                &Review::Adjust(Box::new(RitualDraft {
                    trial_until: Some(end.into()),
                    ..draft("Weekend walk", "11:00", Some("Europe/Berlin"))
                })),
            ),
            "an adjusted trial ends after 2027-03-20",
        );
    }
    assert_eq!(snapshot(&ben), before);
    // Adjust: another time and a new trial; it waits for Ana.
    let adjusted = ben
        .core
        .review_ritual(
            &id,
            &Review::Adjust(Box::new(RitualDraft {
                trial_until: Some("2027-04-03".into()),
                ..draft("Weekend walk", "11:00", Some("Europe/Berlin"))
            })),
        )
        .unwrap();
    let pending = adjusted.pending.unwrap();
    assert_eq!(pending.spec.time().to_string(), "11:00");
    assert_eq!(
        pending.spec.trial_until.map(|d| d.to_string()).as_deref(),
        Some("2027-04-03")
    );
    sync(&mut ana, &mut ben);
    ana.core.accept_ritual(&id).unwrap();
    sync(&mut ana, &mut ben);
    assert_eq!(
        ben.core.ritual(&id).unwrap().time_of_day.to_string(),
        "11:00"
    );
    assert!(ben.core.reviews_due("Europe/Berlin").unwrap().is_empty());
    // Stop: either partner, alone.
    let stopped = ana.core.review_ritual(&id, &Review::Stop).unwrap();
    assert_eq!(stopped.status, RitualStatus::Retired);
    sync(&mut ana, &mut ben);
    assert_eq!(ben.core.ritual(&id).unwrap().status, RitualStatus::Retired);
    not_allowed(ben.core.review_ritual(&id, &Review::Stop), "retired");
}

#[test]
fn trial_dates_are_checked_and_refusals_store_nothing() {
    let (mut ana, _ben) = paired();
    let before = snapshot(&ana);
    for (date, mentions) in [
        ("2027-03-10", "after today"),
        ("2027-03-01", "after today"),
        ("2028-03-11", "at most a year"),
        ("2027-02-30", "a date like"),
        ("soon", "a date like"),
    ] {
        invalid(
            ana.core.propose_ritual(&RitualDraft {
                trial_until: Some(date.into()),
                ..draft("Walk", "10:00", None)
            }),
            mentions,
        );
    }
    // A trial that would end before the ritual even starts.
    invalid(
        ana.core.propose_ritual(&RitualDraft {
            trial_until: Some("2027-03-12".into()),
            recurrence: Some(tandem_core::schedule::recurrence::RecurrenceDraft {
                frequency: tandem_core::schedule::recurrence::FrequencyDraft::Weekly,
                start: Some("2027-03-14".into()),
                until: None,
                count: None,
            }),
            ..draft("Walk", "10:00", None)
        }),
        "before the ritual starts",
    );
    assert_eq!(snapshot(&ana), before);
    let plain = ana
        .core
        .propose_ritual(&draft("Walk", "10:00", None))
        .unwrap();
    not_allowed(
        ana.core.review_ritual(&plain.id, &Review::Keep),
        "not a trial",
    );
    match ana
        .core
        .review_ritual("0123456789abcdef01234567", &Review::Stop)
    {
        Err(Error::NotFound(_)) => {}
        other => panic!("{other:?}"),
    }
}
