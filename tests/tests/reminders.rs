//! Reminder plans across devices: only active rituals, stable ids, quiet
//! hours, the limit, and re-planning that changes only what changed.

mod common;

use common::*;
use proptest::prelude::*;
use tandem_core::arming::{self, Access, Memory, Permission, Trigger};
use tandem_core::catalog::Locale;
use tandem_core::reminders::{QuietHours, QuietPolicy, ReminderSettings};

const ALLOWED: Access = Access {
    notifications: Permission::Allowed,
    exact_alarms: true,
    holds_alarms_when_off: false,
    lists_pending: true,
};
use tandem_core::{Error, RitualDraft};

fn active(ana: &mut Device, ben: &mut Device, d: RitualDraft) -> String {
    let r = ana.core.propose_ritual(&d).unwrap();
    deliver(ana, ben);
    ben.core.accept_ritual(&r.id).unwrap();
    deliver(ben, ana);
    r.id
}

#[test]
fn only_active_rituals_with_their_lead_times() {
    let (mut ana, mut ben) = paired();
    ana.core
        .propose_ritual(&draft("Waiting", "19:00", None))
        .unwrap();
    let id = active(
        &mut ana,
        &mut ben,
        RitualDraft {
            lead_minutes: vec![10, 0],
            ..draft("Check-in", "20:30", None)
        },
    );
    let plan = ana.core.plan_reminders("Europe/Berlin", 4).unwrap();
    let got: Vec<(String, u16, String)> = plan
        .iter()
        .map(|r| (r.local_time.clone(), r.lead_minutes, r.body.clone()))
        .collect();
    assert_eq!(
        got,
        [
            ("2027-03-10 20:20".into(), 10, "In 10 min, at 20:30".into()),
            ("2027-03-10 20:30".into(), 0, "Now, 20:30".into()),
            ("2027-03-11 20:20".into(), 10, "In 10 min, at 20:30".into()),
            ("2027-03-11 20:30".into(), 0, "Now, 20:30".into()),
        ]
    );
    assert!(
        plan.iter()
            .all(|r| r.source_id == id && r.title == "Check-in" && r.hide_content),
        "quiet by default: a new install hides the text"
    );
    assert!(
        plan.iter()
            .all(|r| r.private_title == "Tandem" && !r.private_body.contains("Check-in"))
    );
    // Both devices plan the same reminders for a fixed-zone ritual.
    let ben_plan = ben.core.plan_reminders("Europe/Berlin", 4).unwrap();
    assert_eq!(
        plan.iter().map(|r| &r.id).collect::<Vec<_>>(),
        ben_plan.iter().map(|r| &r.id).collect::<Vec<_>>()
    );
    // Pausing removes them.
    ana.core.pause_ritual(&id).unwrap();
    assert!(
        ana.core
            .plan_reminders("Europe/Berlin", 60)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn the_limit_and_bad_input() {
    let (mut ana, mut ben) = paired();
    for i in 0..3 {
        active(
            &mut ana,
            &mut ben,
            RitualDraft {
                lead_minutes: vec![0, 30],
                ..draft(&format!("R{i}"), "09:00", None)
            },
        );
    }
    let plan = ana.core.plan_reminders("UTC", 60).unwrap();
    assert_eq!(plan.len(), 60);
    assert!(plan.windows(2).all(|w| w[0].fire_at_ms <= w[1].fire_at_ms));
    let mut ids: Vec<_> = plan.iter().map(|r| r.id.clone()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 60, "ids are distinct");
    for (zone, limit, mentions) in [
        ("Nowhere/City", 10, "unknown time zone"),
        ("UTC", 0, "1 to 500"),
        ("UTC", 501, "1 to 500"),
    ] {
        match ana.core.plan_reminders(zone, limit) {
            Err(Error::InvalidInput(r)) => assert!(r.contains(mentions), "{r}"),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn quiet_hours_move_or_drop() {
    let (mut ana, mut ben) = paired();
    active(&mut ana, &mut ben, draft("Late call", "23:15", None));
    let quiet = QuietHours::new("22:00", "07:00", QuietPolicy::MoveToEnd).unwrap();
    ana.core
        .set_reminder_settings(&ReminderSettings {
            quiet: Some(quiet),
            hide_content: true,
        })
        .unwrap();
    // A reminder at the start of a 23:15 call would move past the call: dropped.
    assert!(ana.core.plan_reminders("UTC", 5).unwrap().is_empty());
    // An hour ahead of a 07:30 walk falls in quiet hours: moved to their end,
    // and its text says what is actually left.
    active(
        &mut ana,
        &mut ben,
        RitualDraft {
            lead_minutes: vec![60],
            ..draft("Walk", "07:30", None)
        },
    );
    let plan = ana.core.plan_reminders("UTC", 2).unwrap();
    assert_eq!(plan[0].local_time, "2027-03-11 07:00");
    assert_eq!(plan[0].body, "In 30 min, at 07:30");
    assert!(plan[0].hide_content);
    ana.core
        .set_reminder_settings(&ReminderSettings {
            quiet: Some(QuietHours {
                policy: QuietPolicy::Drop,
                ..quiet
            }),
            hide_content: false,
        })
        .unwrap();
    assert!(ana.core.plan_reminders("UTC", 5).unwrap().is_empty());
    // Ben's quiet hours are his own.
    assert_eq!(
        ben.core.plan_reminders("UTC", 1).unwrap()[0].local_time,
        "2027-03-10 23:15"
    );
    // Changing what a reminder shows changes its id (a new revision of the
    // same slot), so reconciling replaces the stale notification.
    ana.core
        .set_reminder_settings(&ReminderSettings {
            quiet: None,
            hide_content: false,
        })
        .unwrap();
    let shown = ana.core.plan_reminders("UTC", 1).unwrap();
    ana.core
        .set_reminder_settings(&ReminderSettings {
            quiet: None,
            hide_content: true,
        })
        .unwrap();
    let hidden = ana.core.plan_reminders("UTC", 1).unwrap();
    assert_ne!(shown[0].id, hidden[0].id);
    assert_eq!(
        shown[0].id.split('-').next(),
        hidden[0].id.split('-').next(),
        "same slot"
    );
    let saved = ana.core.reminder_settings().unwrap();
    assert_eq!((saved.quiet, saved.hide_content), (None, true));
}

#[test]
fn replanning_after_a_sync_changes_only_what_changed() {
    let (mut ana, mut ben) = paired();
    active(&mut ana, &mut ben, draft("Walk", "07:00", None));
    let before: Vec<String> = ana
        .core
        .plan_reminders("UTC", 60)
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    active(&mut ben, &mut ana, draft("Tea", "16:00", None));
    let r = ana
        .core
        .arm_reminders("UTC", Trigger::AfterImport, &before, ALLOWED)
        .unwrap();
    let after: Vec<String> = r.planned.iter().map(|r| r.id.clone()).collect();
    // The plan stays at 60: Tea's reminders come in, the latest Walks drop out.
    assert!(!r.arm.is_empty() && !r.cancel.is_empty());
    assert!(
        before.iter().take(20).all(|id| after.contains(id)),
        "the soonest walks keep their ids"
    );
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 24,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x4E3A),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Re-planning with an unchanged state arms and cancels nothing.
    #[test]
    fn replanning_an_unchanged_state_is_a_no_op(
        times in proptest::collection::vec((0u16..1440, 0u32..120), 1..5),
        zone in prop_oneof![Just("UTC"), Just("America/New_York"), Just("Australia/Lord_Howe")],
        limit in 1u32..80,
    ) {
        let (mut ana, mut ben) = paired();
        for (i, (minute, lead)) in times.iter().enumerate() {
            let at = format!("{:02}:{:02}", minute / 60, minute % 60);
            active(&mut ana, &mut ben, RitualDraft { lead_minutes: vec![*lead], ..draft(&format!("R{i}"), &at, None) });
        }
        let first: Vec<String> = ana.core.plan_reminders(zone, limit).unwrap().into_iter().map(|r| r.id).collect();
        let second = ana.core.plan_reminders(zone, limit).unwrap();
        let r = arming::work(second, &first, (Trigger::AfterLocalChange, ALLOWED), &mut Memory::default(), Locale::En);
        prop_assert!(r.arm.is_empty() && r.cancel.is_empty());
    }
}

/// A floating ritual's reminder keeps its wall time when the phone moves
/// zones with the app closed, so the plan says which reminders follow the
/// phone's zone; a fixed ritual's, a snooze's and a pause's are instants.
#[test]
fn the_plan_says_which_reminders_follow_the_phones_zone() {
    let (mut ana, mut ben) = paired();
    let floating = active(&mut ana, &mut ben, draft("Check-in", "20:30", None));
    let fixed = active(
        &mut ana,
        &mut ben,
        draft("Call", "21:00", Some("America/New_York")),
    );
    ana.core.start_pause(Some(30), None).unwrap();
    let plan = ana.core.plan_reminders("Europe/Berlin", 60).unwrap();
    let follows = |id: &str| -> Vec<bool> {
        plan.iter()
            .filter(|r| r.source_id == id)
            .map(|r| r.follows_device_zone)
            .collect()
    };
    assert!(!follows(&floating).is_empty() && follows(&floating).iter().all(|f| *f));
    assert!(!follows(&fixed).is_empty() && follows(&fixed).iter().all(|f| !*f));
    let pause: Vec<bool> = plan
        .iter()
        .filter(|r| r.kind == tandem_core::reminders::ReminderKind::PauseReturn)
        .map(|r| r.follows_device_zone)
        .collect();
    assert_eq!(pause, [false]);
}

/// The phone's language words every reminder, both variants, and a new
/// language gives new ids in the same slots, so the shell replaces what it
/// armed in the old one.
#[test]
fn reminders_are_worded_in_the_phones_language_and_rearmed_when_it_changes() {
    let (mut ana, mut ben) = paired();
    active(
        &mut ana,
        &mut ben,
        RitualDraft {
            lead_minutes: vec![60, 0],
            ..draft("Check-in", "20:30", None)
        },
    );
    let en = ana.core.plan_reminders("Europe/Berlin", 2).unwrap();
    ana.core.set_locale("de-DE").unwrap();
    let de = ana.core.plan_reminders("Europe/Berlin", 2).unwrap();
    assert_eq!(
        de.iter()
            .map(|r| (r.body.as_str(), r.private_body.as_str()))
            .collect::<Vec<_>>(),
        [
            ("In 1 Std., um 20:30", "Ein Moment für euch beide"),
            ("Jetzt, 20:30", "Ein Moment für euch beide")
        ]
    );
    assert_eq!(en[0].body, "In 1 h, at 20:30");
    for (e, d) in en.iter().zip(&de) {
        assert_ne!(e.id, d.id);
        assert_eq!(e.id.split('-').next(), d.id.split('-').next());
    }
}

/// `arm_reminders` over a real store: the first start arms the plan, a
/// local change arms only the new reminder, a ritual paused cancels its
/// reminders, and the words of each alarm are the plan's.
#[test]
fn arming_follows_the_plan_through_changes() {
    let all = Access {
        lists_pending: false,
        ..ALLOWED
    };
    let (mut ana, mut ben) = paired();
    let walk = active(&mut ana, &mut ben, draft("Walk", "18:00", None));
    let first = ana
        .core
        .arm_reminders("Europe/Berlin", Trigger::AppStart, &[], all)
        .unwrap();
    assert!(!first.arm.is_empty() && first.cancel.is_empty());
    assert!(first.arm.len() <= 60);
    let mut armed: Vec<String> = first.arm.iter().map(|a| a.id.clone()).collect();
    assert!(
        first
            .arm
            .iter()
            .all(|a| a.title == "Tandem" && a.window_ms == 0)
    );
    let same = ana
        .core
        .arm_reminders("Europe/Berlin", Trigger::AfterImport, &armed, all)
        .unwrap();
    assert!(same.arm.is_empty() && same.cancel.is_empty());
    ana.core.pause_ritual(&walk).unwrap();
    let paused = ana
        .core
        .arm_reminders("Europe/Berlin", Trigger::AfterLocalChange, &armed, all)
        .unwrap();
    assert!(paused.arm.is_empty());
    armed.sort();
    assert_eq!(paused.cancel, armed);
    let too_many = vec!["x".to_owned(); 10_001];
    assert!(matches!(
        ana.core
            .arm_reminders("Europe/Berlin", Trigger::AppStart, &too_many, all),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        ana.core
            .arm_reminders("Mars/Olympus", Trigger::AppStart, &[], all),
        Err(Error::InvalidInput(_))
    ));
}
