//! The agreements screen as a shell drives it: each phone asks the core
//! for the screen, renders it, and presses the buttons it offers. Through
//! an agreement's life on two phones: a proposal answered, concurrent
//! suggestions side by side, a review, a withdrawal, and the form's check.

mod common;

use common::*;
use tandem_core::agreements::{AgreementDraft, PauseProtocol};
use tandem_core::screens::agreement_form::AgreementForm;
use tandem_core::screens::agreements::{AgreementAction, AgreementRow, AgreementsScreen};

use AgreementAction::*;

const ZONE: &str = "Europe/Berlin";

fn screen(d: &Device) -> AgreementsScreen {
    d.core.agreements_screen(ZONE).unwrap()
}

fn row(d: &Device, id: &str) -> AgreementRow {
    let s = screen(d);
    s.rows
        .into_iter()
        .chain(s.ended)
        .find(|r| r.id == id)
        .unwrap()
}

fn labels(buttons: &[tandem_core::screens::agreements::AgreementButton]) -> Vec<String> {
    buttons.iter().map(|b| b.label.clone()).collect()
}

fn pause_draft(text: &str, minutes: u32, review_on: Option<&str>) -> AgreementDraft {
    AgreementDraft {
        title: "Pauses".into(),
        text: text.into(),
        pause_protocol: Some(PauseProtocol {
            cool_down_minutes: minutes,
            either_may_call: true,
            revisit: None,
        }),
        review_on: review_on.map(Into::into),
    }
}

#[test]
fn an_agreements_life_on_both_phones_as_the_screens_show_it() {
    let (mut ana, mut ben) = paired();
    let empty = screen(&ben);
    assert_eq!(
        empty.empty.as_deref(),
        Some("No agreements yet. Write one down together.")
    );

    // Ana proposes; Ben's screen offers the answers on the version itself.
    let id = ana
        .core
        .propose_agreement(&pause_draft("We pause when it gets heated.", 30, None))
        .unwrap()
        .id;
    sync(&mut ana, &mut ben);
    let on_ana = row(&ana, &id);
    assert_eq!(on_ana.status, "Waiting for your partner");
    assert_eq!(on_ana.actions(), [Withdraw]);
    assert_eq!(on_ana.options[0].label, "Your suggestion");
    assert_eq!(on_ana.history[0].text, "You proposed “Pauses”");
    assert_eq!(on_ana.history[0].at, "19:00", "Berlin time, today");
    let on_ben = row(&ben, &id);
    assert_eq!(on_ben.status, "Waiting for your answer");
    assert!(on_ben.buttons.iter().all(|b| b.action == Withdraw));
    let option = &on_ben.options[0];
    assert_eq!(
        (option.label.as_str(), option.status.as_str()),
        ("Your partner's suggestion", "Waiting for your answer")
    );
    assert_eq!(
        labels(&option.buttons),
        ["Accept", "Decline", "Suggest a change"]
    );
    assert!(option.reads.contains(&"cool-down: 30 min".to_owned()));
    assert!(option.changes.is_empty(), "a first proposal is read whole");
    assert_eq!(on_ben.history[0].text, "Your partner proposed “Pauses”");
    assert_eq!(screen(&ben).answers_waiting, 1);
    assert_eq!(screen(&ana).answers_waiting, 0);

    // Ben accepts the version the option names: in effect on both.
    ben.core.accept_agreement(&id, &option.version).unwrap();
    sync(&mut ben, &mut ana);
    for d in [&ana, &ben] {
        let r = row(d, &id);
        assert_eq!(r.status, "In effect");
        assert_eq!(r.actions(), [Amend, Withdraw]);
        assert!(
            r.in_effect
                .contains(&"text: “We pause when it gets heated.”".to_owned())
        );
        assert!(r.options.is_empty());
        assert_eq!(r.amend_on.as_deref(), Some(option.version.as_str()));
    }

    // Both suggest a change at once: side by side, each answers the other's.
    let ana_at = ana
        .core
        .amend_agreement(
            &id,
            &option.version,
            &pause_draft("We pause when it gets heated.", 45, None),
        )
        .unwrap();
    ben.core
        .amend_agreement(
            &id,
            &option.version,
            &pause_draft("We pause and come back on the sofa.", 30, None),
        )
        .unwrap();
    assert_eq!(ana_at.pending().len(), 1);
    sync(&mut ana, &mut ben);
    let (a, b) = (row(&ana, &id), row(&ben, &id));
    assert_eq!(a.options.len(), 2);
    assert_eq!(
        a.options.iter().map(|o| &o.version).collect::<Vec<_>>(),
        b.options.iter().map(|o| &o.version).collect::<Vec<_>>(),
        "the same order on both phones"
    );
    for (r, who) in [(&a, "Ana"), (&b, "Ben")] {
        assert_eq!(
            r.status, "In effect; a change waits for your answer",
            "{who}"
        );
        let mine = r.options.iter().find(|o| o.mine).unwrap();
        let theirs = r.options.iter().find(|o| !o.mine).unwrap();
        assert_eq!(mine.status, "Waiting for your partner", "{who}");
        assert!(mine.buttons.is_empty(), "{who}: a change builds on the row");
        assert_eq!(theirs.status, "Waiting for your answer", "{who}");
        assert_eq!(
            theirs.buttons.iter().map(|b| b.action).collect::<Vec<_>>(),
            [Accept, Decline],
            "{who}"
        );
    }
    let ben_on_ana = a.options.iter().find(|o| !o.mine).unwrap();
    assert_eq!(
        ben_on_ana.changes,
        ["text: “We pause and come back on the sofa.” instead of “We pause when it gets heated.”"]
    );
    let ana_on_ben = b.options.iter().find(|o| !o.mine).unwrap();
    assert_eq!(ana_on_ben.changes, ["cool-down: 45 min instead of 30 min"]);
    assert_eq!(
        b.history.last().unwrap().text,
        "Your partner suggested a change: “Pauses”"
    );

    // Ben declines Ana's; Ana accepts Ben's: one in effect, nothing waits.
    ben.core
        .decline_agreement(&id, &ana_on_ben.version)
        .unwrap();
    sync(&mut ben, &mut ana);
    ana.core.accept_agreement(&id, &ben_on_ana.version).unwrap();
    sync(&mut ana, &mut ben);
    for d in [&ana, &ben] {
        let r = row(d, &id);
        assert_eq!(r.status, "In effect");
        assert_eq!(r.text, "We pause and come back on the sofa.");
        assert!(
            r.history.iter().any(|h| h.text == "Not taken up: “Pauses”"),
            "{:?}",
            r.history
        );
    }

    // Ana withdraws: ended on both, by its title, and nobody is named.
    ana.core.withdraw_agreement(&id).unwrap();
    sync(&mut ana, &mut ben);
    let s = screen(&ben);
    assert!(s.rows.is_empty());
    assert!(s.empty.is_some());
    let ended = &s.ended[0];
    assert_eq!(
        (ended.title.as_str(), ended.status.as_str()),
        ("Pauses", "Withdrawn")
    );
    assert_eq!(ended.text, "We pause and come back on the sofa.");
    assert!(ended.buttons.is_empty() && ended.options.is_empty());
    assert_eq!(ended.history.last().unwrap().text, "Withdrawn: “Pauses”");
    assert!(!ended.title.contains(&id));
}

#[test]
fn a_review_comes_on_its_day_and_offers_keep_change_let_go() {
    let (mut ana, mut ben) = paired();
    let id = ana
        .core
        .propose_agreement(&pause_draft("We pause.", 30, Some("2027-03-12")))
        .unwrap()
        .id;
    sync(&mut ana, &mut ben);
    let v = row(&ben, &id).options[0].version.clone();
    ben.core.accept_agreement(&id, &v).unwrap();
    sync(&mut ben, &mut ana);
    let before = row(&ana, &id);
    assert_eq!(
        before.review_note.as_deref(),
        Some("Looking back on Fri 12 Mar 2027")
    );
    assert!(!before.review_due);
    for d in [&mut ana, &mut ben] {
        d.clock.advance(2 * 86_400_000);
    }
    let due = row(&ana, &id);
    assert!(due.review_due);
    assert_eq!(
        due.status,
        "Time to revisit: keep it, change it, or let it go?"
    );
    assert_eq!(
        labels(&due.buttons),
        ["Keep it", "Suggest a change", "Let it go"]
    );
    assert!(due.review_note.is_none());
    ana.core
        .review_agreement(&id, &tandem_core::agreements::Review::Keep)
        .unwrap();
    sync(&mut ana, &mut ben);
    let kept = row(&ben, &id);
    assert_eq!(kept.status, "In effect");
    assert_eq!(
        kept.history.last().unwrap().text,
        "Your partner looked back and kept “Pauses”"
    );
    // Today's steps read as a time, earlier ones with their day.
    assert_eq!(kept.history.last().unwrap().at, "19:00");
    assert_eq!(kept.history[0].at, "Wed 10 Mar 19:00");
}

#[test]
fn the_form_is_checked_field_by_field_and_its_draft_is_what_the_core_takes() {
    let (mut ana, _ben) = paired();
    let form = AgreementForm {
        title: "  ".into(),
        text: "x".repeat(2001),
        cool_down: "ten".into(),
        either_may_call: true,
        revisit: None,
        review_on: "2027-03-09".into(),
    };
    let check = ana.core.check_agreement_form(&form, None).unwrap();
    assert_eq!(check.title.as_deref(), Some("Give it a short title."));
    assert_eq!(
        check.text.as_deref(),
        Some("Up to 2000 characters; this has 2001.")
    );
    assert_eq!(
        check.cool_down.as_deref(),
        Some("A cool-down is a whole number of minutes, 20 to 1440.")
    );
    assert_eq!(check.review_on.as_deref(), Some("Pick a day after today."));
    assert!(check.draft.is_none());
    let not_a_date = AgreementForm {
        review_on: "12/03/2027".into(),
        cool_down: "19".into(),
        ..form.clone()
    };
    let check = ana.core.check_agreement_form(&not_a_date, None).unwrap();
    assert_eq!(check.review_on.as_deref(), Some("A date like 2027-03-14."));
    assert!(check.cool_down.is_some(), "19 minutes is too short");

    let fine = AgreementForm {
        title: " Pauses ".into(),
        text: "We pause.".into(),
        cool_down: " 30 ".into(),
        either_may_call: true,
        revisit: None,
        review_on: "2027-04-01".into(),
    };
    let check = ana.core.check_agreement_form(&fine, None).unwrap();
    assert_eq!(
        (
            &check.title,
            &check.text,
            &check.cool_down,
            &check.review_on
        ),
        (&None, &None, &None, &None)
    );
    let draft = check.draft.unwrap();
    assert_eq!(draft.title, "Pauses");
    let id = ana.core.propose_agreement(&draft).unwrap().id;
    // A change that changes nothing says so; a past review date the version
    // amended already had may stay.
    let same = ana
        .core
        .check_agreement_form(&fine, Some((&id, None)))
        .unwrap();
    assert_eq!(
        same.form.as_deref(),
        Some("This is the same as the version it changes.")
    );
    assert!(same.draft.is_none());
    ana.clock.advance(30 * 86_400_000);
    let later = AgreementForm {
        cool_down: "45".into(),
        ..fine
    };
    let check = ana
        .core
        .check_agreement_form(&later, Some((&id, None)))
        .unwrap();
    assert_eq!(
        check.review_on, None,
        "the amended version's own date stays"
    );
    let draft = check.draft.unwrap();
    let parent = row(&ana, &id).options[0].version.clone();
    ana.core.amend_agreement(&id, &parent, &draft).unwrap();
    assert!(
        ana.core
            .check_agreement_form(&later, Some(("nope", None)))
            .is_err()
    );
}

#[test]
fn the_screen_and_the_form_read_in_german() {
    let (mut ana, mut ben) = paired();
    let id = ana
        .core
        .propose_agreement(&pause_draft("Wir machen Pausen.", 30, None))
        .unwrap()
        .id;
    sync(&mut ana, &mut ben);
    ben.core.set_locale("de-DE").unwrap();
    let r = row(&ben, &id);
    assert_eq!(r.status, "Wartet auf deine Antwort");
    assert_eq!(r.options[0].label, "Vorschlag deines Gegenübers");
    assert_eq!(
        labels(&r.options[0].buttons),
        ["Annehmen", "Lieber nicht", "Änderung vorschlagen"]
    );
    assert!(
        r.options[0]
            .reads
            .contains(&"Abkühlzeit: 30 Min.".to_owned())
    );
    assert!(
        r.options[0]
            .reads
            .contains(&"wer eine Pause nehmen darf: jede und jeder von euch".to_owned())
    );
    assert_eq!(
        r.history[0].text,
        "Dein Gegenüber hat „Pauses“ vorgeschlagen"
    );
    assert_eq!(labels(&r.buttons), ["Zurückziehen"]);
    let check = ben
        .core
        .check_agreement_form(&AgreementForm::default(), None)
        .unwrap();
    assert_eq!(check.title.as_deref(), Some("Gib ihr einen kurzen Titel."));
}
