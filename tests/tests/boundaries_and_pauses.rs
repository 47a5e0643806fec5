//! Boundaries (one partner's own words, private or shared read-only) and
//! pauses with a committed return, across two devices.

mod common;

use common::*;
use tandem_core::agreements::PauseProtocol;
use tandem_core::reminders::ReminderKind;
use tandem_core::{AgreementDraft, Error};

#[test]
fn a_shared_boundary_is_read_only_for_the_partner_and_a_private_one_never_travels() {
    let (mut ana, mut ben) = paired();
    let private = ana
        .core
        .add_boundary("I need ten quiet minutes after work.", false)
        .unwrap();
    let shared = ana
        .core
        .add_boundary(
            "When conversations get heated, I need us to pause before I can re-engage calmly.",
            true,
        )
        .unwrap();
    assert!(!private.shared && shared.shared);
    sync(&mut ana, &mut ben);
    let bens = ben.core.boundaries().unwrap();
    assert_eq!(bens.len(), 1);
    assert_eq!(bens[0].id, shared.id);
    assert_eq!(bens[0].owner, ana.core.device_id());
    // Read-only for Ben.
    not_allowed(
        ben.core.edit_boundary(&shared.id, "Something else"),
        "your partner's boundary",
    );
    not_allowed(
        ben.core.retire_boundary(&shared.id),
        "your partner's boundary",
    );
    match ben.core.edit_boundary(&private.id, "x") {
        Err(Error::NotFound(_)) => {}
        other => panic!("a private boundary must not exist on Ben's phone: {other:?}"),
    }

    // An edit of the shared one reaches Ben; sharing the private one sends
    // its current text only.
    ana.core
        .edit_boundary(
            &shared.id,
            "When talks get heated, I need a pause before I can re-engage calmly.",
        )
        .unwrap();
    ana.core
        .edit_boundary(&private.id, "I need fifteen quiet minutes after work.")
        .unwrap();
    ana.core.share_boundary(&private.id, true).unwrap();
    sync(&mut ana, &mut ben);
    let texts: Vec<String> = ben
        .core
        .boundaries()
        .unwrap()
        .into_iter()
        .map(|b| b.text)
        .collect();
    assert_eq!(
        texts,
        // On Ben's phone the once-private one exists from when it was shared.
        [
            "When talks get heated, I need a pause before I can re-engage calmly.",
            "I need fifteen quiet minutes after work."
        ]
    );
    // Private again, then retired: gone from Ben's phone.
    ana.core.share_boundary(&private.id, false).unwrap();
    ana.core.retire_boundary(&shared.id).unwrap();
    sync(&mut ana, &mut ben);
    assert!(ben.core.boundaries().unwrap().is_empty());
    assert_eq!(ana.core.boundaries().unwrap().len(), 1);
    assert_eq!(
        ana.core.shared_state_dump().unwrap(),
        ben.core.shared_state_dump().unwrap()
    );
    not_allowed(
        ana.core.share_boundary(&private.id, false),
        "already private",
    );
    invalid(ana.core.add_boundary("   ", true), "boundary is empty");
    invalid(
        ana.core.add_boundary(&"b".repeat(501), true),
        "limit is 500",
    );
    not_allowed(
        ana.core
            .edit_boundary(&private.id, "I need fifteen quiet minutes after work."),
        "already says",
    );
}

#[test]
fn a_pause_is_seen_by_the_partner_and_both_get_the_return_reminder() {
    let (mut ana, mut ben) = paired();
    // 2027-03-10 20:50 in Berlin: Ben is flooded.
    for d in [&mut ana, &mut ben] {
        d.clock.set(ms("2027-03-10T19:50:00Z"));
    }
    let p = ben
        .core
        .start_pause(None, Some("I'm flooded; I'll be back at 21:10"))
        .unwrap();
    // No pause agreement: 20 minutes.
    assert_eq!(p.return_at_ms, ms("2027-03-10T20:10:00Z"));
    assert!(p.running() && !p.extended);
    sync(&mut ana, &mut ben);
    let seen = &ana.core.pauses().unwrap()[0];
    assert_eq!(seen.started_by, ben.core.device_id());
    assert_eq!(seen.return_at_ms, p.return_at_ms);
    assert_eq!(
        seen.note.as_deref(),
        Some("I'm flooded; I'll be back at 21:10")
    );

    let anas = ana.core.plan_reminders("Europe/Berlin", 1).unwrap();
    assert_eq!(anas[0].kind, ReminderKind::PauseReturn);
    assert_eq!(anas[0].title, "Your partner is coming back");
    assert_eq!(anas[0].body, "Back at 21:10");
    let bens = ben.core.plan_reminders("Europe/Berlin", 1).unwrap();
    assert_eq!(bens[0].title, "Time to reconnect");
    assert_eq!(bens[0].body, "You said you'd be back at 21:10");
    assert_eq!(bens[0].local_time, "2027-03-10 21:10");

    // Only Ben changes his pause; he extends once, then ends it early.
    not_allowed(ana.core.end_pause(&p.id), "your partner's pause");
    not_allowed(ana.core.extend_pause(&p.id, 10), "your partner's pause");
    let longer = ben.core.extend_pause(&p.id, 15).unwrap();
    assert_eq!(longer.return_at_ms, ms("2027-03-10T20:25:00Z"));
    assert_eq!(longer.first_return_at_ms, ms("2027-03-10T20:10:00Z"));
    not_allowed(ben.core.extend_pause(&p.id, 5), "extended once");
    not_allowed(ben.core.start_pause(None, None), "still running");
    for d in [&mut ana, &mut ben] {
        d.clock.set(ms("2027-03-10T20:20:00Z"));
    }
    let ended = ben.core.end_pause(&p.id).unwrap();
    assert_eq!(ended.kept(), Some(true));
    not_allowed(ben.core.end_pause(&p.id), "already ended");
    sync(&mut ana, &mut ben);
    assert_eq!(ana.core.pauses().unwrap()[0].kept(), Some(true));
    assert!(
        ana.core
            .plan_reminders("Europe/Berlin", 5)
            .unwrap()
            .iter()
            .all(|r| r.kind != ReminderKind::PauseReturn)
    );
    assert_eq!(
        ana.core.shared_state_dump().unwrap(),
        ben.core.shared_state_dump().unwrap()
    );
}

#[test]
fn a_pause_agreement_sets_the_default_length() {
    let (mut ana, mut ben) = paired();
    let a = ana
        .core
        .propose_agreement(&AgreementDraft {
            title: "Pauses".into(),
            text: "Either of us may call a pause.".into(),
            pause_protocol: Some(PauseProtocol {
                cool_down_minutes: 45,
                either_may_call: true,
                revisit: None,
            }),
            review_on: None,
        })
        .unwrap();
    sync(&mut ana, &mut ben);
    // Not in effect yet: the default stays 20 minutes.
    let now = ana.clock_now();
    let p = ana.core.start_pause(None, None).unwrap();
    assert_eq!(p.return_at_ms - now, 20 * 60_000);
    ana.core.end_pause(&p.id).unwrap();
    let v1: String = a.versions[0]
        .hash
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let labels = |d: &Device| -> Vec<(u32, String)> {
        d.core
            .offers()
            .unwrap()
            .pause
            .into_iter()
            .map(|c| (c.minutes, c.label))
            .collect()
    };
    // The buttons both phones offer: the same lengths, extension and snooze.
    let plain: Vec<(u32, String)> = vec![
        (20, "20 min".into()),
        (30, "30 min".into()),
        (60, "1 hour".into()),
    ];
    assert_eq!(labels(&ben), plain);
    let offers = ben.core.offers().unwrap();
    assert_eq!(
        (offers.extend.minutes, offers.extend.label.as_str()),
        (15, "15 more minutes")
    );
    assert_eq!(
        (offers.snooze.minutes, offers.snooze.label.as_str()),
        (15, "In 15 min")
    );
    ben.core.accept_agreement(&a.id, &v1).unwrap();
    let p = ben.core.start_pause(None, None).unwrap();
    assert_eq!(p.return_at_ms - ben.clock_now(), 45 * 60_000);
    // In effect, the agreed cool-down is offered, and says so.
    assert_eq!(labels(&ben)[2], (45, "45 min (as agreed)".to_string()));
    assert_eq!(labels(&ben).len(), 4);
}

#[test]
fn pause_bad_input_is_refused_and_stores_nothing() {
    let (mut ana, _ben) = paired();
    let before = snapshot(&ana);
    for minutes in [0, 19, 1441, u32::MAX] {
        invalid(
            ana.core.start_pause(Some(minutes), None),
            "20 minutes to 24 hours",
        );
    }
    invalid(
        ana.core.start_pause(Some(30), Some(&"n".repeat(141))),
        "limit is 140",
    );
    assert_eq!(snapshot(&ana), before);
    let p = ana.core.start_pause(Some(23 * 60), None).unwrap();
    invalid(ana.core.extend_pause(&p.id, 61), "at most 24 hours in all");
    invalid(ana.core.extend_pause(&p.id, 0), "1 to 1440");
    assert!(matches!(
        ana.core.end_pause("0123456789abcdef01234567"),
        Err(Error::NotFound(_))
    ));
    let extended = ana.core.extend_pause(&p.id, 60).unwrap();
    assert_eq!(
        extended.return_at_ms - extended.started_at_ms,
        24 * 3_600_000
    );
}

#[test]
fn a_pause_past_its_return_is_not_kept_but_never_a_failure_to_the_partner() {
    let (mut ana, mut ben) = paired();
    let p = ana.core.start_pause(Some(20), None).unwrap();
    sync(&mut ana, &mut ben);
    for d in [&mut ana, &mut ben] {
        d.clock.advance(45 * 60_000);
    }
    // Still running for both; no reminder is left to fire (it was due).
    assert!(ben.core.pauses().unwrap()[0].running());
    let ended = ana.core.end_pause(&p.id).unwrap();
    assert_eq!(ended.kept(), Some(false));
}
