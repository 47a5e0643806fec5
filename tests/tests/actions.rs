//! An action is one core call whose outcome says what the shell carries
//! out (crux's shape): the reminders to cancel and arm, whether there is a
//! payload to offer, and the sentence to show. A refused action changes
//! nothing and arms nothing.

mod common;

use common::*;
use tandem_core::actions::{Action, PhoneNow};
use tandem_core::arming::{Access, Permission};

const ZONE: &str = "Europe/Berlin";

fn phone(armed: &[String]) -> PhoneNow {
    PhoneNow {
        zone: ZONE.into(),
        armed: armed.to_vec(),
        access: Access {
            notifications: Permission::Allowed,
            exact_alarms: true,
            holds_alarms_when_off: false,
            lists_pending: true,
        },
    }
}

#[test]
fn accepting_marking_snoozing_and_retiring_each_answer_with_their_effects() {
    let (mut ana, mut ben) = paired();
    let walk = ana
        .core
        .propose_ritual(&draft("Evening walk", "19:00", Some(ZONE)))
        .unwrap();
    sync(&mut ana, &mut ben);

    // Ben accepts: the walk's reminders are armed on his phone, and his
    // answer waits to be sent.
    let accepted = ben
        .core
        .perform(
            &Action::AcceptRitual {
                id: walk.id.clone(),
            },
            &phone(&[]),
        )
        .unwrap();
    assert_eq!(accepted.notice, None);
    assert!(accepted.reminders.cancel.is_empty());
    // A daily walk: as many as a phone keeps armed, the first tonight.
    assert_eq!(accepted.reminders.arm.len(), 60);
    assert_eq!(accepted.reminders.arm[0].local_time, "2027-03-10 19:00");
    assert_eq!(accepted.to_send, 1);
    let armed: Vec<String> = accepted
        .reminders
        .arm
        .iter()
        .map(|a| a.id.clone())
        .collect();

    // Done with a note: his words go to Ana, and the outcome says so; the
    // day's reminder is no longer armed.
    let done = ben
        .core
        .perform(
            &Action::MarkDone {
                ritual_id: walk.id.clone(),
                date: "2027-03-10".into(),
                note: Some("lovely".into()),
                feeling: None,
            },
            &phone(&armed),
        )
        .unwrap();
    assert_eq!(
        done.notice.as_deref(),
        Some("Your partner will read your words after the next sync.")
    );
    assert_eq!(done.to_send, 2);

    // Snoozed: the sentence names the time on the phone's clock.
    ben.clock.set(ms("2027-03-11T12:00:00Z"));
    let snoozed = ben
        .core
        .perform(
            &Action::Snooze {
                ritual_id: walk.id.clone(),
                date: "2027-03-11".into(),
                minutes: 15,
            },
            &phone(&armed),
        )
        .unwrap();
    // Fifteen minutes from 13:00 on the Berlin clock, today: no date.
    assert_eq!(
        snoozed.notice.as_deref(),
        Some("Reminder snoozed until 13:15.")
    );

    // Retired: every reminder of the walk is cancelled, none armed.
    let retired = ben
        .core
        .perform(
            &Action::RetireRitual {
                id: walk.id.clone(),
            },
            &phone(&armed),
        )
        .unwrap();
    assert_eq!(retired.reminders.arm.len(), 0);
    let mut cancelled = retired.reminders.cancel.clone();
    let mut expected = armed.clone();
    cancelled.sort();
    expected.sort();
    assert_eq!(cancelled, expected);
    assert_eq!(retired.to_send, 3);
}

#[test]
fn words_on_a_personal_ritual_stay_and_the_sentence_follows_the_language() {
    let mut ana = device("Ana", &KEY_A, "2027-03-10T18:00:00Z");
    let run = ana
        .core
        .add_personal_ritual(&draft("Run", "06:30", None))
        .unwrap();
    ana.core.set_locale("de-DE").unwrap();
    let done = ana
        .core
        .perform(
            &Action::MarkDone {
                ritual_id: run.id.clone(),
                date: "2027-03-10".into(),
                note: None,
                feeling: Some("  müde ".into()),
            },
            &phone(&[]),
        )
        .unwrap();
    assert_eq!(
        done.notice.as_deref(),
        Some("Deine Worte bleiben auf diesem Handy.")
    );
    assert_eq!(done.to_send, 0, "nothing of a personal ritual is sent");
    // Blank words are no words.
    let stretch = ana
        .core
        .add_personal_ritual(&draft("Stretch", "07:00", None))
        .unwrap();
    let skipped_words = ana
        .core
        .perform(
            &Action::MarkDone {
                ritual_id: stretch.id,
                date: "2027-03-10".into(),
                note: Some("   ".into()),
                feeling: None,
            },
            &phone(&[]),
        )
        .unwrap();
    assert_eq!(skipped_words.notice, None);
}

#[test]
fn a_refused_action_changes_nothing_and_arms_nothing() {
    let (mut ana, mut ben) = paired();
    let walk = ana
        .core
        .propose_ritual(&draft("Evening walk", "19:00", Some(ZONE)))
        .unwrap();
    sync(&mut ana, &mut ben);
    let before = snapshot(&ben);
    for (action, mentions) in [
        (Action::AcceptRitual { id: "nope".into() }, "no ritual"),
        (
            Action::MarkDone {
                ritual_id: walk.id.clone(),
                date: "2027-02-30".into(),
                note: None,
                feeling: None,
            },
            "date",
        ),
        (
            Action::StartPause {
                minutes: Some(100_000),
                note: None,
            },
            "minutes",
        ),
    ] {
        let err = ben.core.perform(&action, &phone(&[])).unwrap_err();
        assert!(err.to_string().contains(mentions), "{action:?}: {err}");
    }
    let unknown_zone = PhoneNow {
        zone: "Mars/Olympus".into(),
        ..phone(&[])
    };
    let err = ben
        .core
        .perform(&Action::AcceptRitual { id: walk.id }, &unknown_zone)
        .unwrap_err();
    assert!(err.to_string().contains("zone"), "{err}");
    assert_eq!(snapshot(&ben), before);
}
