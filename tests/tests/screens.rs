//! The screens as a shell drives them: each phone asks the core for the
//! screen and renders what it gets. The rituals screen's statuses and
//! buttons through a ritual's life, on both phones.

mod common;

use common::*;
use tandem_core::RitualDraft;
use tandem_core::screens::rituals::{RitualAction, RitualRow};

use RitualAction::*;

const ZONE: &str = "Europe/Berlin";

fn screen(d: &Device) -> tandem_core::screens::rituals::RitualsScreen {
    d.core.rituals_screen(ZONE).unwrap()
}

fn row(d: &Device, id: &str) -> RitualRow {
    let s = screen(d);
    s.rows
        .into_iter()
        .chain(s.ended)
        .find(|r| r.id == id)
        .unwrap()
}

fn shown(d: &Device, id: &str) -> (String, Vec<RitualAction>) {
    let r = row(d, id);
    let actions = r.actions();
    (r.status, actions)
}

#[test]
fn a_rituals_life_on_both_phones_statuses_and_buttons() {
    let (mut ana, mut ben) = paired();
    assert!(screen(&ben).empty.unwrap().starts_with("No rituals yet"));

    let walk = ana
        .core
        .propose_ritual(&draft("Walk", "19:00", None))
        .unwrap();
    sync(&mut ana, &mut ben);
    assert_eq!(
        shown(&ana, &walk.id),
        ("Waiting for your partner".into(), vec![])
    );
    assert_eq!(
        shown(&ben, &walk.id),
        (
            "Waiting for your answer".into(),
            vec![Accept, Decline, Counter]
        )
    );
    let waiting = row(&ben, &walk.id);
    assert!(
        waiting.reads.iter().any(|l| l == "title: “Walk”"),
        "{:?}",
        waiting.reads
    );
    assert!(waiting.answer_version.is_some());
    assert_eq!(screen(&ben).answers_waiting, 1);
    assert_eq!(screen(&ana).answers_waiting, 0);

    // Ben suggests another time; Ana answers it.
    ben.core
        .counter_ritual(&walk.id, &draft("Walk", "20:00", None))
        .unwrap();
    sync(&mut ben, &mut ana);
    assert_eq!(
        shown(&ana, &walk.id),
        (
            "Another time suggested".into(),
            vec![Accept, Decline, Counter]
        )
    );
    assert!(
        row(&ana, &walk.id)
            .changes
            .iter()
            .any(|c| c.contains("20:00")),
        "{:?}",
        row(&ana, &walk.id).changes
    );
    assert_eq!(shown(&ben, &walk.id).0, "Waiting for your partner");
    ana.core.accept_ritual(&walk.id).unwrap();
    sync(&mut ana, &mut ben);
    for d in [&ana, &ben] {
        assert_eq!(
            shown(d, &walk.id),
            ("Active".into(), vec![Counter, Pause, Retire])
        );
        assert_eq!(row(d, &walk.id).time, "20:00");
    }

    // A change to a ritual in effect waits beside it.
    ana.core
        .counter_ritual(&walk.id, &draft("Walk", "20:30", None))
        .unwrap();
    sync(&mut ana, &mut ben);
    let on_ana = row(&ana, &walk.id);
    assert_eq!(on_ana.status, "Active; your change waits for your partner");
    assert_eq!(on_ana.time, "20:00", "the version in effect stays shown");
    assert!(
        on_ana.suggestion.as_deref().unwrap().contains("20:30"),
        "{:?}",
        on_ana.suggestion
    );
    assert_eq!(
        shown(&ben, &walk.id),
        (
            "A change waits for your answer".into(),
            vec![Accept, Decline, Counter, Pause, Retire]
        )
    );
    ben.core.decline_ritual(&walk.id).unwrap();
    sync(&mut ben, &mut ana);
    assert_eq!(
        shown(&ana, &walk.id).0,
        "Active",
        "declining a change keeps the ritual"
    );

    // Declined: "not going ahead" on both phones, in the past section, no buttons.
    let tea = ben
        .core
        .propose_ritual(&draft("Tea", "16:00", Some("America/New_York")))
        .unwrap();
    sync(&mut ben, &mut ana);
    assert_eq!(
        row(&ana, &tea.id).zone_note.as_deref(),
        Some("America/New_York time")
    );
    ana.core.decline_ritual(&tea.id).unwrap();
    sync(&mut ana, &mut ben);
    for d in [&ana, &ben] {
        let s = screen(d);
        assert!(s.rows.iter().all(|r| r.id != tea.id));
        assert_eq!(s.ended.len(), 1);
        assert_eq!(
            (s.ended[0].status.as_str(), s.ended[0].buttons.len()),
            ("Not going ahead", 0)
        );
    }

    // A personal ritual: just for this phone, changed at once.
    let stretch = ana
        .core
        .add_personal_ritual(&draft("Stretch", "07:00", None))
        .unwrap();
    assert_eq!(
        shown(&ana, &stretch.id),
        ("Just for you".into(), vec![Change, Pause, Retire])
    );
    ana.core.pause_ritual(&stretch.id).unwrap();
    assert_eq!(
        shown(&ana, &stretch.id),
        ("Paused; just for you".into(), vec![Change, Resume, Retire])
    );
    sync(&mut ana, &mut ben);
    assert!(screen(&ben).rows.iter().all(|r| r.id != stretch.id));

    assert!(matches!(
        ana.core.rituals_screen("Mars/Olympus"),
        Err(tandem_core::Error::InvalidInput(_))
    ));
}

#[test]
fn a_due_look_back_comes_first_and_takes_the_place_of_changes() {
    let (mut ana, mut ben) = paired();
    let first = ana
        .core
        .propose_ritual(&draft("Call", "18:00", None))
        .unwrap();
    let trial = ana
        .core
        .propose_ritual(&RitualDraft {
            trial_until: Some("2027-03-12".into()),
            ..draft("Walk", "19:00", None)
        })
        .unwrap();
    sync(&mut ana, &mut ben);
    for id in [&first.id, &trial.id] {
        ben.core.accept_ritual(id).unwrap();
    }
    sync(&mut ben, &mut ana);
    let before = row(&ana, &trial.id);
    assert_eq!(
        before.trial_note.as_deref(),
        Some("Trying it until Fri 12 Mar 2027")
    );
    assert!(!before.review_due);
    for d in [&mut ana, &mut ben] {
        d.clock.advance(2 * 86_400_000);
    }
    for d in [&ana, &ben] {
        let s = screen(d);
        assert_eq!(s.rows[0].id, trial.id, "the look back first");
        assert_eq!(
            (s.rows[0].status.as_str(), s.rows[0].actions()),
            (
                "Time to look back: keep it, adjust it, or stop?",
                vec![Keep, Adjust, Stop, Pause, Retire]
            )
        );
        assert_eq!(s.rows[1].id, first.id);
    }
    assert_eq!(
        [Keep.label(), Adjust.label(), Stop.label()],
        ["Keep it", "Adjust", "Stop"]
    );
    assert_eq!(Counter.label(), "Suggest another time");
}

mod sync_screen {
    use super::common::*;
    use tandem_core::screens::sync::{Received, SyncLast, SyncScreen};

    fn shown(d: &Device, waiting: u32, last: Option<&SyncLast>) -> SyncScreen {
        d.core.sync_screen(waiting, last).unwrap()
    }

    #[test]
    fn through_a_pairing_and_a_sync_each_phone_is_told_what_to_do_next() {
        let mut ana = device("Ana", &KEY_A, "2027-03-10T18:00:00Z");
        let mut ben = device("Ben", &KEY_B, "2027-03-10T18:00:00Z");
        let unpaired = shown(&ana, 0, None);
        assert_eq!(
            (unpaired.paired, unpaired.can_send, unpaired.changes_to_send),
            (false, false, None)
        );
        assert!(unpaired.next.starts_with("Pair first"), "{}", unpaired.next);

        let offer = ana.core.start_pairing().unwrap();
        let answer = ben.core.accept_pairing(&offer.text).unwrap();
        ana.core.complete_pairing(&answer.text).unwrap();
        assert!(
            shown(&ana, 0, None)
                .next
                .starts_with("Confirm the check code")
        );
        ana.core.confirm_pairing().unwrap();
        ben.core.confirm_pairing().unwrap();

        // Ben answered the QR code: pairing finishes with Ana's first file.
        let waiting_for_ana = shown(&ben, 0, None);
        assert!(waiting_for_ana.paired);
        assert_eq!(
            waiting_for_ana.next,
            "Receive your partner's first file to finish pairing."
        );

        ana.core
            .propose_ritual(&draft("Walk", "19:00", None))
            .unwrap();
        let ana_screen = shown(&ana, 0, None);
        assert_eq!(ana_screen.changes_to_send, Some(1));
        assert_eq!(ana_screen.changes_text.as_deref(), Some("1 change to send"));
        assert!(ana_screen.next.starts_with("Send your changes"));

        let files = ana.core.export().unwrap();
        let sent = SyncLast::Sent {
            changes: 1,
            files: files.len() as u32,
        };
        assert_eq!(
            shown(&ana, 0, Some(&sent)).lines,
            ["Sent 1 change as 1 file."]
        );

        assert_eq!(
            shown(&ben, 1, None).next,
            "1 file from your partner is waiting: receive it."
        );
        let report = ben.core.import_in(&files[0], "Europe/Berlin").unwrap();
        let received = SyncLast::Received(Received {
            imported: 1,
            applied: report.applied as u64,
            news: report.news.items.iter().map(|n| n.text()).collect(),
            partner_confirmed: report.partner_confirmed,
            ..Received::default()
        });
        let after = shown(&ben, 0, Some(&received));
        assert_eq!(
            after.lines,
            [
                "1 change received.",
                "Ana invited you to a new ritual: Walk",
                "Your partner's phone confirmed the pairing.",
            ]
        );
        // Nothing of Ben's own to send, but Ana's phone waits to hear
        // what arrived.
        assert_eq!(
            after.next,
            "Send a reply so your partner's phone knows what arrived."
        );
        assert_eq!(
            after.changes_text.as_deref(),
            Some("Your partner's phone has everything")
        );
        deliver(&mut ben, &mut ana);
        assert_eq!(shown(&ana, 0, None).changes_to_send, Some(0));
        assert!(shown(&ana, 0, None).next.starts_with("Nothing new to send"));
    }
}
