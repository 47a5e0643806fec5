//! An action is one core call whose outcome says what the shell carries
//! out (crux's shape): the reminders to cancel and arm, whether there is a
//! payload to offer, and the sentence to show. A refused action changes
//! nothing and arms nothing.

mod common;

use common::*;
use tandem_core::actions::{Action, PhoneNow};

const ZONE: &str = "Europe/Berlin";

fn phone(armed: &[String]) -> PhoneNow {
    common::phone(ZONE, armed)
}

/// Ana and Ben paired, Ana's evening walk (19:00 Berlin) proposed and
/// synced to Ben's phone, waiting for his answer.
fn walk_proposed() -> (Device, Device, tandem_core::Ritual) {
    let (mut ana, mut ben) = paired();
    let walk = ana
        .core
        .propose_ritual(&draft("Evening walk", "19:00", Some(ZONE)))
        .unwrap();
    sync(&mut ana, &mut ben);
    (ana, ben, walk)
}

#[test]
fn accepting_marking_snoozing_and_retiring_each_answer_with_their_effects() {
    let (_ana, mut ben, walk) = walk_proposed();

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
    let (_ana, mut ben, walk) = walk_proposed();
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
        .perform(
            &Action::AcceptRitual {
                id: walk.id.clone(),
            },
            &unknown_zone,
        )
        .unwrap_err();
    assert!(err.to_string().contains("zone"), "{err}");
    // A shell's armed list it could not honestly hold: refused before the
    // action runs, not after.
    let absurd = PhoneNow {
        armed: vec![String::new()],
        ..phone(&[])
    };
    let err = ben
        .core
        .perform(&Action::AcceptRitual { id: walk.id }, &absurd)
        .unwrap_err();
    assert!(err.to_string().contains("armed"), "{err}");
    assert_eq!(snapshot(&ben), before);
}

/// Every button a screen offers carries the action it performs (the forms
/// none): a shell passes it to `perform` as it is, so no shell maps a
/// button to a call, and both phones press the same thing.
#[test]
fn the_screens_buttons_carry_what_they_perform() {
    use tandem_core::screens::agreements::AgreementAction;
    use tandem_core::screens::pause::PauseAction;
    use tandem_core::screens::rituals::RitualAction;
    use tandem_core::screens::today::TodayAction;

    let (mut ana, mut ben, walk) = walk_proposed();
    let phones = phones_away(&mut ana);
    sync(&mut ana, &mut ben);

    // Today's invitation: answers name the version read; another time is
    // the form.
    let today = ben.core.today_screen(ZONE).unwrap();
    let invite = today.invitations.iter().find(|i| i.id == walk.id).unwrap();
    let version = invite.version.clone().unwrap();
    let does: Vec<(TodayAction, Option<Action>)> = invite
        .buttons
        .iter()
        .map(|b| (b.action, b.does.clone()))
        .collect();
    assert_eq!(
        does,
        [
            (
                TodayAction::Accept,
                Some(Action::AcceptRitualVersion {
                    id: walk.id.clone(),
                    version: version.clone()
                })
            ),
            (
                TodayAction::Decline,
                Some(Action::DeclineRitualVersion {
                    id: walk.id.clone(),
                    version
                })
            ),
            (TodayAction::Counter, None),
        ]
    );
    let accept = invite.buttons[0].does.clone().unwrap();
    ben.core.perform(&accept, &phone(&[])).unwrap();
    assert_eq!(
        ben.core.ritual(&walk.id).unwrap().status,
        tandem_core::RitualStatus::Active
    );

    // The agreements screen: an option's answers name its version.
    let screen = ben.core.agreements_screen(ZONE).unwrap();
    let row = screen.rows.iter().find(|r| r.id == phones.id).unwrap();
    let option = &row.options[0];
    let accept = option
        .buttons
        .iter()
        .find(|b| b.action == AgreementAction::Accept)
        .unwrap();
    assert_eq!(
        accept.does,
        Some(Action::AcceptAgreement {
            id: phones.id.clone(),
            version: option.version.clone()
        })
    );
    for b in &option.buttons {
        assert_eq!(
            b.does.is_none(),
            b.action == AgreementAction::Amend,
            "{b:?}"
        );
    }
    ben.core
        .perform(accept.does.as_ref().unwrap(), &phone(&[]))
        .unwrap();
    assert_eq!(
        ben.core.agreement(&phones.id).unwrap().status,
        tandem_core::AgreementStatus::Active
    );

    // A due occurrence: done, skip and later, with the screen's snooze.
    ben.clock.set(ms("2027-03-10T18:05:00Z"));
    let today = ben.core.today_screen(ZONE).unwrap();
    let due = today.due.iter().find(|r| r.ritual_id == walk.id).unwrap();
    let later = due
        .buttons
        .iter()
        .find(|b| b.action == TodayAction::Later)
        .unwrap();
    assert_eq!(
        later.does,
        Some(Action::Snooze {
            ritual_id: walk.id.clone(),
            date: "2027-03-10".into(),
            minutes: today.snooze.minutes
        })
    );
    let done = due.buttons[0].does.clone().unwrap();
    assert!(matches!(&done, Action::MarkDone { date, note: None, .. } if date == "2027-03-10"));
    ben.core.perform(&done, &phone(&[])).unwrap();
    let today = ben.core.today_screen(ZONE).unwrap();
    assert!(today.due.iter().all(|r| r.ritual_id != walk.id));

    // The rituals screen: pause, and the forms none.
    let rituals = ben.core.rituals_screen(ZONE).unwrap();
    let row = rituals.rows.iter().find(|r| r.id == walk.id).unwrap();
    for b in &row.buttons {
        match b.action {
            RitualAction::Pause => assert_eq!(
                b.does,
                Some(Action::PauseRitual {
                    id: walk.id.clone()
                })
            ),
            RitualAction::Counter | RitualAction::Change | RitualAction::Adjust => {
                assert_eq!(b.does, None)
            }
            _ => assert!(b.does.is_some(), "{b:?}"),
        }
    }

    // A pause: extend by the screen's offer, or end it; on Today too.
    let started = ben
        .core
        .perform(
            &Action::StartPause {
                minutes: Some(20),
                note: None,
            },
            &phone(&[]),
        )
        .unwrap();
    assert_eq!(started.notice, None);
    let pauses = ben.core.pause_screen(ZONE).unwrap();
    let mine = &pauses.current[0];
    let does: Vec<(PauseAction, Option<Action>)> = mine
        .buttons
        .iter()
        .map(|b| (b.action, b.does.clone()))
        .collect();
    assert_eq!(
        does,
        [
            (
                PauseAction::Extend,
                Some(Action::ExtendPause {
                    id: mine.id.clone(),
                    minutes: pauses.extend.minutes
                })
            ),
            (
                PauseAction::End,
                Some(Action::EndPause {
                    id: mine.id.clone()
                })
            ),
        ]
    );
    let today = ben.core.today_screen(ZONE).unwrap();
    assert_eq!(today.pause.unwrap().buttons, mine.buttons);
    ben.core
        .perform(mine.buttons[1].does.as_ref().unwrap(), &phone(&[]))
        .unwrap();
    assert!(ben.core.pause_screen(ZONE).unwrap().current.is_empty());
}
