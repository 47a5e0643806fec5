//! Forms as a shell drives them: a screen's button names the form it
//! opens, the core fills it in and names its submits, and a submit is one
//! call that sends (answering with the effects, as an action does) or
//! answers with each field's words and changes nothing. No shell decides
//! which form a button opens or which call a submit makes.

mod common;

use common::*;
use tandem_core::AgreementDraft;
use tandem_core::action::{AgreementPurpose, FormRequest, RitualPurpose};
use tandem_core::actions::PhoneNow;
use tandem_core::checkins::{Capacity, Need};
use tandem_core::screens::agreement_form::AgreementForm;
use tandem_core::screens::checkin::CheckInForm;
use tandem_core::screens::forms::{OpenForm, Submitted};
use tandem_core::screens::ritual_form::RitualForm;
use tandem_core::screens::rituals::RitualAction;
use tandem_core::screens::today::TodayAction;

const ZONE: &str = "Europe/Berlin";

fn now(armed: &[String]) -> PhoneNow {
    phone(ZONE, armed)
}

fn ritual_form(d: &Device, request: FormRequest) -> (RitualForm, Vec<(String, RitualPurpose)>) {
    match d.core.open_form(&request).unwrap() {
        OpenForm::Ritual(f) => (
            f.form,
            f.submits
                .into_iter()
                .map(|s| (s.label, s.purpose))
                .collect(),
        ),
        other => panic!("not a ritual form: {other:?}"),
    }
}

fn agreement_form(
    d: &Device,
    request: FormRequest,
) -> (AgreementForm, Vec<(String, AgreementPurpose)>) {
    match d.core.open_form(&request).unwrap() {
        OpenForm::Agreement(f) => (
            f.form,
            f.submits
                .into_iter()
                .map(|s| (s.label, s.purpose))
                .collect(),
        ),
        other => panic!("not an agreement form: {other:?}"),
    }
}

#[test]
fn a_new_ritual_and_a_counter_open_filled_in_and_send_in_one_call() {
    let (mut ana, mut ben) = paired();

    // A new ritual opens as the core opens it on both phones, with both
    // ways to send it.
    let (form, submits) = ritual_form(&ana, FormRequest::NewRitual);
    assert_eq!(
        (form.minutes.as_str(), form.time_of_day.as_str()),
        ("10", "20:00")
    );
    assert_eq!(
        submits,
        [
            ("Suggest to my partner".to_owned(), RitualPurpose::Propose),
            ("Just for me".to_owned(), RitualPurpose::Personal)
        ]
    );

    // Minutes that are not a number: the field's words, nothing sent.
    let before = snapshot(&ana);
    let typed = RitualForm {
        title: "Evening walk".into(),
        minutes: "twenty".into(),
        time_of_day: "19:00".into(),
        ..form
    };
    let held = ana
        .core
        .submit_ritual_form(&typed, &RitualPurpose::Propose, &now(&[]))
        .unwrap();
    let Submitted::Check(check) = held else {
        panic!("sent: {held:?}")
    };
    assert_eq!(
        check.minutes.as_deref(),
        Some("The length is a whole number of minutes, 1 to 1440.")
    );
    assert!(check.draft.is_none() && check.title.is_none());
    assert_eq!(snapshot(&ana), before);

    // Sent: one change waits for Ben; a proposal arms nothing yet.
    let typed = RitualForm {
        minutes: "20".into(),
        ..typed
    };
    let sent = ana
        .core
        .submit_ritual_form(&typed, &RitualPurpose::Propose, &now(&[]))
        .unwrap();
    let Submitted::Sent(outcome) = sent else {
        panic!("held: {sent:?}")
    };
    assert_eq!((outcome.to_send, outcome.reminders.arm.len()), (1, 0));
    let walk = ana.core.rituals().unwrap().remove(0);
    assert_eq!((walk.title.as_str(), walk.minutes), ("Evening walk", 20));
    sync(&mut ana, &mut ben);

    // Ben's "another time" opens the counter form on the walk, filled in
    // with what Ana suggested.
    let today = ben.core.today_screen(ZONE).unwrap();
    let invite = today.invitations.iter().find(|i| i.id == walk.id).unwrap();
    let counter = invite
        .buttons
        .iter()
        .find(|b| b.action == TodayAction::Counter)
        .unwrap();
    assert_eq!(counter.does, None);
    let request = counter.opens.clone().unwrap();
    assert_eq!(
        request,
        FormRequest::ChangeRitual {
            id: walk.id.clone()
        }
    );
    let (form, submits) = ritual_form(&ben, request);
    assert_eq!(
        (
            form.title.as_str(),
            form.minutes.as_str(),
            form.time_of_day.as_str()
        ),
        ("Evening walk", "20", "19:00")
    );
    assert_eq!(form.zone, None);
    let change = RitualPurpose::Change {
        id: walk.id.clone(),
    };
    assert_eq!(
        submits,
        [("Suggest this instead".to_owned(), change.clone())]
    );

    // Sent unchanged, it says so and sends nothing.
    let before = snapshot(&ben);
    let same = ben
        .core
        .submit_ritual_form(&form, &change, &now(&[]))
        .unwrap();
    let Submitted::Check(check) = same else {
        panic!("sent: {same:?}")
    };
    assert_eq!(
        check.form.as_deref(),
        Some("This is the same as the version it changes.")
    );
    assert_eq!(snapshot(&ben), before);

    // Half an hour later, sent: Ana reads it waiting for her answer.
    let later = RitualForm {
        time_of_day: "19:30".into(),
        ..form
    };
    let sent = ben
        .core
        .submit_ritual_form(&later, &change, &now(&[]))
        .unwrap();
    assert!(
        matches!(sent, Submitted::Sent(ref o) if o.to_send >= 1),
        "{sent:?}"
    );
    sync(&mut ana, &mut ben);
    let waiting = ana.core.ritual(&walk.id).unwrap().pending.unwrap();
    assert_eq!(waiting.spec.time().to_string(), "19:30");
}

#[test]
fn a_personal_change_saves_at_once_and_its_reminders_move() {
    let mut ana = device("Ana", &KEY_A, "2027-03-10T05:00:00Z");
    let (form, _) = ritual_form(&ana, FormRequest::NewRitual);
    let typed = RitualForm {
        title: "Stretch".into(),
        time_of_day: "07:30".into(),
        ..form
    };
    // Before pairing: nothing waits for anyone, the reminders are armed.
    let Submitted::Sent(first) = ana
        .core
        .submit_ritual_form(&typed, &RitualPurpose::Personal, &now(&[]))
        .unwrap()
    else {
        panic!("held")
    };
    assert_eq!(first.to_send, 0);
    assert_eq!(first.reminders.arm[0].local_time, "2027-03-10 07:30");
    let armed: Vec<String> = first.reminders.arm.iter().map(|a| a.id.clone()).collect();

    // Its row's "change" opens a form that saves, nobody answers it.
    let screen = ana.core.rituals_screen(ZONE).unwrap();
    let change = screen.rows[0]
        .buttons
        .iter()
        .find(|b| b.action == RitualAction::Change)
        .unwrap();
    let (form, submits) = ritual_form(&ana, change.opens.clone().unwrap());
    let id = screen.rows[0].id.clone();
    assert_eq!(
        submits,
        [("Save".to_owned(), RitualPurpose::Change { id: id.clone() })]
    );
    let moved = RitualForm {
        time_of_day: "08:00".into(),
        ..form
    };
    let Submitted::Sent(outcome) = ana
        .core
        .submit_ritual_form(&moved, &submits[0].1, &now(&armed))
        .unwrap()
    else {
        panic!("held")
    };
    assert!(!outcome.reminders.cancel.is_empty());
    assert_eq!(outcome.reminders.arm[0].local_time, "2027-03-10 08:00");
    assert_eq!(
        ana.core.ritual(&id).unwrap().time_of_day.to_string(),
        "08:00"
    );

    // An unknown ritual or a zone the phone cannot have: refused, unchanged.
    let before = snapshot(&ana);
    let gone = RitualPurpose::Change { id: "0".repeat(24) };
    assert!(
        ana.core
            .submit_ritual_form(&moved, &gone, &now(&[]))
            .is_err()
    );
    let mars = phone("Mars/Base", &[]);
    assert!(
        ana.core
            .submit_ritual_form(&moved, &submits[0].1, &mars)
            .is_err()
    );
    assert_eq!(snapshot(&ana), before);
}

#[test]
fn agreement_forms_open_on_the_version_they_change_and_a_due_look_back_ends_in_one() {
    let (mut ana, mut ben) = paired();
    let (form, submits) = agreement_form(&ana, FormRequest::NewAgreement);
    assert_eq!(form, AgreementForm::of_draft(&AgreementDraft::default()));
    assert_eq!(submits, [("Propose".to_owned(), AgreementPurpose::Propose)]);
    let blank = ana
        .core
        .submit_agreement_form(&form, &AgreementPurpose::Propose, &now(&[]))
        .unwrap();
    assert!(
        matches!(&blank, Submitted::Check(c) if c.title.as_deref() == Some("Give it a short title.")),
        "{blank:?}"
    );
    let typed = AgreementForm {
        title: "Phones away".into(),
        text: "No phones at dinner.".into(),
        review_on: "2027-04-01".into(),
        ..form
    };
    let sent = ana
        .core
        .submit_agreement_form(&typed, &AgreementPurpose::Propose, &now(&[]))
        .unwrap();
    assert!(
        matches!(sent, Submitted::Sent(ref o) if o.to_send >= 1),
        "{sent:?}"
    );
    let id = ana.core.agreements().unwrap()[0].id.clone();
    sync(&mut ana, &mut ben);
    let option = ben.core.agreements_screen(ZONE).unwrap().rows[0].options[0].clone();
    let accept = option.buttons.iter().find_map(|b| b.does.clone()).unwrap();
    ben.core.perform(&accept, &now(&[])).unwrap();
    sync(&mut ana, &mut ben);

    // In effect: "change" opens on the version in effect, filled in.
    let row = ana.core.agreements_screen(ZONE).unwrap().rows[0].clone();
    let amend = row.buttons.iter().find_map(|b| b.opens.clone()).unwrap();
    assert_eq!(
        amend,
        FormRequest::AmendAgreement {
            id: id.clone(),
            version: None
        }
    );
    let (form, submits) = agreement_form(&ana, amend);
    assert_eq!(
        (form.title.as_str(), form.review_on.as_str()),
        ("Phones away", "2027-04-01")
    );
    let on = row.amend_on.clone().unwrap();
    assert_eq!(
        submits,
        [(
            "Suggest this change".to_owned(),
            AgreementPurpose::Amend {
                id: id.clone(),
                version: on
            }
        )]
    );

    // Its look back due, the same button ends the look back in a new version.
    for d in [&mut ana, &mut ben] {
        d.clock.set(ms("2027-04-02T08:00:00Z"));
    }
    let row = ana.core.agreements_screen(ZONE).unwrap().rows[0].clone();
    assert!(row.review_due);
    let review = row.buttons.iter().find_map(|b| b.opens.clone()).unwrap();
    assert_eq!(review, FormRequest::ReviewAgreement { id: id.clone() });
    let (form, submits) = agreement_form(&ana, review);
    let kinder = AgreementForm {
        text: "No phones at dinner, except on call.".into(),
        review_on: String::new(),
        ..form
    };
    let sent = ana
        .core
        .submit_agreement_form(&kinder, &submits[0].1, &now(&[]))
        .unwrap();
    assert!(matches!(sent, Submitted::Sent(_)), "{sent:?}");
    sync(&mut ana, &mut ben);
    let theirs = ben.core.agreement(&id).unwrap();
    assert_eq!(theirs.pending().len(), 1);
    assert_eq!(
        theirs.pending()[0].terms.text,
        "No phones at dinner, except on call."
    );
    assert!(!ana.core.agreements_screen(ZONE).unwrap().rows[0].review_due);
}

#[test]
fn a_check_in_is_held_by_its_fields_or_recorded_with_the_words_to_show() {
    let mut ana = device("Ana", &KEY_A, "2027-03-10T18:00:00Z");
    let form = CheckInForm {
        temperature: 11,
        capacity: Capacity::Some,
        need: Need::Space,
        note: "tired".into(),
        shared: false,
    };
    let before = snapshot(&ana);
    let held = ana.core.submit_check_in(&form, &now(&[])).unwrap();
    assert!(
        matches!(&held, Submitted::Check(c) if c.temperature.as_deref() == Some("Choose a number from 1 to 10.")),
        "{held:?}"
    );
    let wide = CheckInForm {
        temperature: 300,
        ..form.clone()
    };
    assert!(matches!(
        ana.core.submit_check_in(&wide, &now(&[])).unwrap(),
        Submitted::Check(_)
    ));
    assert_eq!(snapshot(&ana), before);
    let kept = ana
        .core
        .submit_check_in(
            &CheckInForm {
                temperature: 4,
                ..form
            },
            &now(&[]),
        )
        .unwrap();
    let Submitted::Sent(outcome) = kept else {
        panic!("held: {kept:?}")
    };
    assert_eq!(
        (outcome.notice.as_deref(), outcome.to_send),
        (Some("Checked in."), 0)
    );
    let entries = ana.core.entries(0, i64::MAX, Some("checkin")).unwrap();
    assert_eq!(entries.len(), 1);

    // The form as the screen opens it, on both phones, sends as it is.
    let blank = ana.core.check_in_screen(ZONE).unwrap().form;
    assert_eq!(
        (blank.temperature, blank.capacity, blank.need, blank.shared),
        (3, Capacity::Some, Need::NothingRightNow, false)
    );
    assert!(blank.note.is_empty());
    let sent = ana.core.submit_check_in(&blank, &now(&[])).unwrap();
    assert!(matches!(sent, Submitted::Sent(_)), "{sent:?}");
}

/// Every button on every screen either performs or opens a form, never
/// both and never neither: a shell needs no rule of its own to press one.
#[test]
fn every_button_performs_or_opens_a_form() {
    let (mut ana, mut ben) = paired();
    ana.core
        .propose_ritual(&draft("Evening walk", "19:00", Some(ZONE)))
        .unwrap();
    ana.core
        .add_personal_ritual(&draft("Stretch", "07:30", None))
        .unwrap();
    phones_away(&mut ana);
    ana.core.add_boundary("Not after ten.", true).unwrap();
    sync(&mut ana, &mut ben);
    for d in [&ana, &ben] {
        let boundaries = d.core.boundaries_screen(ZONE).unwrap();
        let mut buttons: Vec<(bool, bool)> = boundaries
            .mine
            .iter()
            .flat_map(|r| &r.buttons)
            .chain([&boundaries.new])
            .map(|b| (b.does.is_some(), b.opens.is_some()))
            .collect();
        for r in d.core.rituals_screen(ZONE).unwrap().rows {
            let s = d.core.ritual_screen(&r.id, ZONE).unwrap();
            let days = s.days.iter().flat_map(|day| &day.buttons);
            buttons.extend(days.map(|b| (b.does.is_some(), b.opens.is_some())));
            buttons.extend(
                s.row
                    .buttons
                    .iter()
                    .map(|b| (b.does.is_some(), b.opens.is_some())),
            );
        }
        let today = d.core.today_screen(ZONE).unwrap();
        let rows = today.due.iter().chain(&today.coming).chain(&today.earlier);
        buttons.extend(rows.flat_map(|r| {
            r.buttons
                .iter()
                .map(|b| (b.does.is_some(), b.opens.is_some()))
        }));
        for i in today.invitations.iter().chain(&today.reviews) {
            buttons.extend(
                i.buttons
                    .iter()
                    .map(|b| (b.does.is_some(), b.opens.is_some())),
            );
        }
        let rituals = d.core.rituals_screen(ZONE).unwrap();
        for r in &rituals.rows {
            buttons.extend(
                r.buttons
                    .iter()
                    .map(|b| (b.does.is_some(), b.opens.is_some())),
            );
        }
        let agreements = d.core.agreements_screen(ZONE).unwrap();
        for r in &agreements.rows {
            buttons.extend(
                r.buttons
                    .iter()
                    .map(|b| (b.does.is_some(), b.opens.is_some())),
            );
            for o in &r.options {
                buttons.extend(
                    o.buttons
                        .iter()
                        .map(|b| (b.does.is_some(), b.opens.is_some())),
                );
            }
        }
        assert!(buttons.len() >= 5, "{buttons:?}");
        assert!(
            buttons.iter().all(|&(does, opens)| does != opens),
            "{buttons:?}"
        );
    }
    // And what they open opens.
    let ben_today = ben.core.today_screen(ZONE).unwrap();
    for b in ben_today.invitations.iter().flat_map(|i| &i.buttons) {
        if let Some(r) = &b.opens {
            ben.core.open_form(r).unwrap();
        }
    }
}

/// The form says what it is for above it, in the core's words: a personal
/// ritual's change is not "Suggest another time" (nobody answers it).
#[test]
fn each_form_is_headed_for_what_it_does() {
    let (mut ana, _ben) = paired();
    let walk = ana
        .core
        .propose_ritual(&draft("Evening walk", "19:00", Some(ZONE)))
        .unwrap();
    let stretch = ana
        .core
        .add_personal_ritual(&draft("Stretch", "07:30", None))
        .unwrap();
    fn heading(d: &Device, request: FormRequest) -> String {
        match d.core.open_form(&request).unwrap() {
            OpenForm::Ritual(f) => f.heading,
            OpenForm::Agreement(f) => f.heading,
            OpenForm::Boundary(f) => f.heading,
        }
    }
    assert_eq!(heading(&ana, FormRequest::NewRitual), "New ritual");
    assert_eq!(
        heading(
            &ana,
            FormRequest::ChangeRitual {
                id: walk.id.clone()
            }
        ),
        "Suggest another time"
    );
    assert_eq!(
        heading(&ana, FormRequest::ChangeRitual { id: stretch.id }),
        "Change this ritual"
    );
    assert_eq!(
        heading(&ana, FormRequest::AdjustRitual { id: walk.id }),
        "Adjust the experiment"
    );
    assert_eq!(heading(&ana, FormRequest::NewAgreement), "New agreement");
    assert_eq!(heading(&ana, FormRequest::NewBoundary), "New boundary");
    let b = ana.core.add_boundary("Not after ten.", false).unwrap();
    let edit = FormRequest::EditBoundary { id: b.id };
    assert_eq!(heading(&ana, edit.clone()), "Change your boundary");
    ana.core.set_locale("de").unwrap();
    assert_eq!(heading(&ana, FormRequest::NewRitual), "Neues Ritual");
    assert_eq!(heading(&ana, edit), "Deine Grenze ändern");
}
