//! The Today screen as a shell drives it: each phone asks the core for the
//! screen and renders what it gets, rows, words and buttons included.

mod common;

use common::*;
use tandem_core::AgreementDraft;
use tandem_core::screens::today::{ItemKind, OccurrenceRow, TodayAction, TodayScreen};

use TodayAction::*;

const BERLIN: &str = "Europe/Berlin";

fn screen(d: &Device) -> TodayScreen {
    d.core.today_screen(BERLIN).unwrap()
}

fn actions(r: &OccurrenceRow) -> Vec<TodayAction> {
    r.buttons.iter().map(|b| b.action).collect()
}

fn shown(rows: &[OccurrenceRow]) -> Vec<(&str, &str, &str)> {
    rows.iter()
        .map(|r| (r.title.as_str(), r.time.as_str(), r.detail.as_str()))
        .collect()
}

#[test]
fn a_day_on_both_phones_rows_words_and_buttons() {
    // 19:00 in Berlin.
    let (mut ana, mut ben) = paired();
    let empty = screen(&ben);
    assert_eq!(
        empty.empty.as_deref(),
        Some("Nothing for today. A quiet day is fine too.")
    );
    assert_eq!(empty.snooze.minutes, 15);

    let walk = ana
        .core
        .propose_ritual(&draft("Walk", "19:30", Some(BERLIN)))
        .unwrap();
    sync(&mut ana, &mut ben);
    let s = screen(&ben);
    assert_eq!(s.empty, None);
    let invitation = &s.invitations[0];
    assert_eq!(invitation.kind, ItemKind::Ritual);
    assert_eq!(invitation.headline, "Ana proposed a ritual");
    assert_eq!(invitation.detail, "19:30 · 10 min · every day");
    assert!(
        invitation.reads.iter().any(|r| r == "title: “Walk”"),
        "the whole version reads before an answer: {:?}",
        invitation.reads
    );
    assert!(invitation.version.is_some());
    let labels: Vec<&str> = invitation
        .buttons
        .iter()
        .map(|b| b.label.as_str())
        .collect();
    assert_eq!(labels, ["Accept", "Decline", "Suggest another time"]);
    assert!(
        screen(&ana).invitations.is_empty(),
        "nothing waits for the one who proposed"
    );

    ben.core.accept_ritual(&walk.id).unwrap();
    sync(&mut ben, &mut ana);
    let s = screen(&ana);
    assert_eq!(shown(&s.coming), [("Walk", "19:30", "in 30 min · 10 min")]);
    assert!(actions(&s.coming[0]).is_empty(), "nothing to mark yet");

    // 19:40: the walk started ten minutes ago.
    for d in [&mut ana, &mut ben] {
        d.clock.set(ms("2027-03-10T19:40:00+01:00"));
    }
    let s = screen(&ana);
    assert_eq!(
        shown(&s.due),
        [("Walk", "19:30", "started 10 min ago · 10 min")]
    );
    assert_eq!(actions(&s.due[0]), [Done, Skip, Later]);
    assert_eq!(s.due[0].buttons[2].label, "Later");
    assert_eq!(s.snooze.label, "In 15 min");

    ana.core
        .mark_done(&walk.id, &s.due[0].date, Some("Lovely"), Some("calm"))
        .unwrap();
    sync(&mut ana, &mut ben);
    let on_ben = screen(&ben);
    assert!(on_ben.due.is_empty(), "one done occurrence for both");
    assert_eq!(shown(&on_ben.earlier), [("Walk", "19:30", "Done")]);
    assert_eq!(on_ben.earlier[0].said, ["Ana: calm · “Lovely”"]);
    assert_eq!(screen(&ana).earlier[0].said, ["You: calm · “Lovely”"]);
    assert!(actions(&on_ben.earlier[0]).is_empty());
}

#[test]
fn a_fixed_zone_reads_in_both_clocks_and_a_personal_ritual_is_just_for_you() {
    let (mut ana, _ben) = paired();
    // 19:00 in Berlin is 13:00 in New York.
    ana.core
        .add_personal_ritual(&draft("Call mum", "14:30", Some("America/New_York")))
        .unwrap();
    ana.core
        .add_personal_ritual(&draft("Read", "21:00", None))
        .unwrap();
    let s = screen(&ana);
    let rows: Vec<_> = s
        .coming
        .iter()
        .map(|r| (r.title.as_str(), r.time.as_str(), r.zone_time.as_deref()))
        .collect();
    assert_eq!(
        rows,
        [
            ("Call mum", "20:30", Some("14:30 America/New_York")),
            ("Read", "21:00", None)
        ]
    );
    assert!(
        s.coming
            .iter()
            .all(|r| r.personal_note.as_deref() == Some("Just for you"))
    );
    assert_eq!(
        s.next_reminder.as_deref(),
        Some("Next reminder 20:30 · Tandem"),
        "a personal ritual's reminder keeps its title to itself by default"
    );
}

#[test]
fn concurrent_agreement_suggestions_each_wait_and_a_review_offers_keep_amend_let_go() {
    let (mut ana, mut ben) = paired();
    let deal = ana
        .core
        .propose_agreement(&AgreementDraft {
            title: "Phones away at dinner".into(),
            text: "Both phones stay in the hall while we eat.".into(),
            review_on: Some("2027-03-20".into()),
            ..AgreementDraft::default()
        })
        .unwrap();
    sync(&mut ana, &mut ben);
    let s = screen(&ben);
    assert_eq!(s.invitations.len(), 1);
    let item = &s.invitations[0];
    assert_eq!(
        (item.kind, item.headline.as_str(), item.detail.as_str()),
        (
            ItemKind::Agreement,
            "Ana proposed an agreement",
            "Both phones stay in the hall while we eat."
        )
    );
    let version = item.version.clone().unwrap();
    ben.core.accept_agreement(&deal.id, &version).unwrap();
    sync(&mut ben, &mut ana);
    assert!(screen(&ana).invitations.is_empty() && screen(&ben).invitations.is_empty());

    // Both suggest a change at once: each phone answers the other's.
    for (d, text) in [(&mut ana, "Phones in the hall."), (&mut ben, "Phones off.")] {
        d.core
            .amend_agreement(
                &deal.id,
                &version,
                &AgreementDraft {
                    title: "Phones away at dinner".into(),
                    text: text.into(),
                    review_on: Some("2027-03-20".into()),
                    ..AgreementDraft::default()
                },
            )
            .unwrap();
    }
    sync(&mut ana, &mut ben);
    for (d, theirs) in [(&ana, "Phones off."), (&ben, "Phones in the hall.")] {
        let s = screen(d);
        let waiting: Vec<_> = s
            .invitations
            .iter()
            .map(|i| (i.headline.as_str(), i.detail.as_str()))
            .collect();
        let partner = if theirs == "Phones off." {
            "Ben"
        } else {
            "Ana"
        };
        assert_eq!(
            waiting,
            [(
                format!("{partner} suggested a new version").as_str(),
                theirs
            )]
        );
    }

    // The review date comes: a look back, on both phones.
    for d in [&mut ana, &mut ben] {
        d.clock.set(ms("2027-03-20T12:00:00+01:00"));
    }
    // Neither suggestion is taken: each declines the other's.
    for d in [&mut ana, &mut ben] {
        for i in screen(d).invitations {
            let hash = i.version.unwrap();
            d.core.decline_agreement(&i.id, &hash).unwrap();
        }
    }
    sync(&mut ana, &mut ben);
    let s = screen(&ana);
    assert!(s.invitations.is_empty(), "{:?}", s.invitations);
    let review = &s.reviews[0];
    assert_eq!(review.headline, "Time to revisit (review on Sat 20 Mar)");
    assert_eq!(review.version.as_deref(), Some(version.as_str()));
    let review_actions: Vec<_> = review.buttons.iter().map(|b| b.action).collect();
    assert_eq!(review_actions, [Keep, Amend, LetGo]);
}

#[test]
fn a_running_pause_shows_the_starters_buttons_on_their_phone_only() {
    let (mut ana, mut ben) = paired();
    ben.core.start_pause(Some(30), None).unwrap();
    sync(&mut ben, &mut ana);
    let on_ana = screen(&ana).pause.unwrap();
    assert!(!on_ana.mine && on_ana.buttons.is_empty());
    assert_eq!(on_ana.text, "Your partner needs a pause, back at 19:30");
    let on_ben = screen(&ben).pause.unwrap();
    assert!(on_ben.mine && !on_ben.buttons.is_empty());
    assert_eq!(screen(&ana).empty, None, "a pause is something to show");
}

#[test]
fn the_screen_reads_in_german() {
    let (mut ana, mut ben) = paired();
    let walk = ana
        .core
        .propose_ritual(&draft("Spaziergang", "19:30", Some(BERLIN)))
        .unwrap();
    sync(&mut ana, &mut ben);
    ben.core.set_locale("de").unwrap();
    assert_eq!(
        screen(&ben).invitations[0].headline,
        "Ana schlägt ein Ritual vor"
    );
    ben.core.accept_ritual(&walk.id).unwrap();
    ben.clock.set(ms("2027-03-10T19:45:00+01:00"));
    let s = screen(&ben);
    assert_eq!(
        shown(&s.due),
        [("Spaziergang", "19:30", "begann vor 15 Min. · 10 Min.")]
    );
    let labels: Vec<&str> = s.due[0].buttons.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(labels, ["Erledigt", "Auslassen", "Später"]);
}
