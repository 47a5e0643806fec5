//! The boundaries screen and form as a shell drives them: a new boundary
//! from an example, kept private, then shared through its row's button
//! and read (without buttons) on the partner's phone; edits and a held
//! form; a retirement; and the partner's modified app pressing buttons
//! that were never on its screen.

mod common;

use common::*;
use tandem_core::action::{Action, BoundaryPurpose, FormRequest};
use tandem_core::screens::boundaries::{BoundaryAction, BoundaryForm};
use tandem_core::screens::forms::{OpenForm, Submitted};

const ZONE: &str = "Europe/Berlin";

fn boundary_form(
    d: &Device,
    request: FormRequest,
) -> tandem_core::screens::forms::BoundaryFormOpen {
    match d.core.open_form(&request).unwrap() {
        OpenForm::Boundary(f) => f,
        other => panic!("not a boundary form: {other:?}"),
    }
}

fn press(d: &mut Device, action: &Action) -> tandem_core::actions::Outcome {
    d.core.perform(action, &phone(ZONE, &[])).unwrap()
}

#[test]
fn a_boundary_is_written_from_an_example_kept_private_then_shared_and_read_by_the_partner() {
    let (mut ana, mut ben) = paired();
    let screen = ana.core.boundaries_screen(ZONE).unwrap();
    assert!(screen.mine.is_empty() && screen.partners.is_empty());
    assert_eq!(
        screen.empty.as_deref(),
        Some("You have not written a boundary yet. Start from an example or write your own.")
    );
    assert_eq!(screen.new.opens, Some(FormRequest::NewBoundary));
    assert_eq!(screen.new.does, None);

    // The new form: blank, two ways to send it, examples to start from.
    let open = boundary_form(&ana, screen.new.opens.clone().unwrap());
    assert_eq!(open.heading, "New boundary");
    assert_eq!(open.form.text, "");
    assert_eq!(
        open.submits
            .iter()
            .map(|s| (s.label.as_str(), s.purpose.clone()))
            .collect::<Vec<_>>(),
        [
            ("Keep it to myself", BoundaryPurpose::Private),
            ("Share with my partner", BoundaryPurpose::Shared)
        ]
    );
    assert_eq!(open.examples.len(), 6);
    assert!(open.examples[1].starts_with("I'm here, but I also need time to reset."));

    // Blank words are held back with the field's message; nothing changes.
    let before = snapshot(&ana);
    let held = ana
        .core
        .submit_boundary_form(
            &BoundaryForm { text: "   ".into() },
            &BoundaryPurpose::Private,
            &phone(ZONE, &[]),
        )
        .unwrap();
    match held {
        Submitted::Check(c) => {
            assert_eq!(
                c.text.as_deref(),
                Some("Write what you need, in a sentence or two.")
            )
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(snapshot(&ana), before);

    // Kept to herself: on her screen, never on Ben's, nothing to send.
    let text = open.examples[1].clone();
    let sent = ana
        .core
        .submit_boundary_form(
            &BoundaryForm { text: text.clone() },
            &BoundaryPurpose::Private,
            &phone(ZONE, &[]),
        )
        .unwrap();
    let Submitted::Sent(outcome) = sent else {
        panic!("{sent:?}")
    };
    assert_eq!((outcome.notice, outcome.to_send), (None, 0));
    let screen = ana.core.boundaries_screen(ZONE).unwrap();
    let row = &screen.mine[0];
    assert_eq!(
        (row.text.as_str(), row.status.as_str(), row.written.as_str()),
        (
            text.as_str(),
            "Only on this phone",
            "Written Wed 10 Mar 2027"
        )
    );
    assert_eq!(screen.empty, None);
    assert_eq!(
        row.buttons.iter().map(|b| b.action).collect::<Vec<_>>(),
        [
            BoundaryAction::Edit,
            BoundaryAction::Share,
            BoundaryAction::Retire
        ]
    );
    sync(&mut ana, &mut ben);
    assert!(
        ben.core
            .boundaries_screen(ZONE)
            .unwrap()
            .partners
            .is_empty()
    );

    // Shared through the row's button: Ben reads it, with no button.
    let share = row.buttons[1].does.clone().unwrap();
    let outcome = press(&mut ana, &share);
    assert_eq!(
        outcome.notice.as_deref(),
        Some("Your partner can read it after the next sync.")
    );
    assert!(outcome.to_send >= 1);
    let row = &ana.core.boundaries_screen(ZONE).unwrap().mine[0];
    assert_eq!(row.status, "Ben can read this");
    assert_eq!(row.buttons[1].action, BoundaryAction::MakePrivate);
    sync(&mut ana, &mut ben);
    let on_ben = ben.core.boundaries_screen(ZONE).unwrap();
    assert!(on_ben.mine.is_empty());
    assert_eq!(on_ben.partners_heading, "Ana shared these with you");
    let theirs = &on_ben.partners[0];
    assert_eq!(
        (
            theirs.text.as_str(),
            theirs.status.as_str(),
            theirs.buttons.len()
        ),
        (text.as_str(), "Ana shared this with you", 0)
    );

    // An edit opens on her words, and saving them unchanged is held back.
    let edit = boundary_form(&ana, FormRequest::EditBoundary { id: row.id.clone() });
    assert_eq!(
        (edit.heading.as_str(), edit.form.text.as_str()),
        ("Change your boundary", text.as_str())
    );
    assert!(edit.examples.is_empty());
    let purpose = edit.submits[0].purpose.clone();
    let held = ana
        .core
        .submit_boundary_form(&edit.form, &purpose, &phone(ZONE, &[]))
        .unwrap();
    match held {
        Submitted::Check(c) => assert_eq!(
            c.form.as_deref(),
            Some("These are the words it already has.")
        ),
        other => panic!("{other:?}"),
    }
    ana.clock.set(ms("2027-03-12T09:00:00Z"));
    let sent = ana
        .core
        .submit_boundary_form(
            &BoundaryForm {
                text: "I need an hour to reset. I will come back.".into(),
            },
            &purpose,
            &phone(ZONE, &[]),
        )
        .unwrap();
    assert!(
        matches!(&sent, Submitted::Sent(o) if o.notice.as_deref() == Some("Your partner reads the new words after the next sync.")),
        "{sent:?}"
    );
    sync(&mut ana, &mut ben);
    let theirs = &ben.core.boundaries_screen(ZONE).unwrap().partners[0];
    assert_eq!(theirs.text, "I need an hour to reset. I will come back.");
    assert_eq!(theirs.written, "Changed Fri 12 Mar 2027");

    // Retired: gone from both phones after the next sync.
    let retire = ana.core.boundaries_screen(ZONE).unwrap().mine[0].buttons[2]
        .does
        .clone()
        .unwrap();
    let outcome = press(&mut ana, &retire);
    assert_eq!(
        outcome.notice.as_deref(),
        Some("Retired: your partner's phone stops showing it after the next sync.")
    );
    sync(&mut ana, &mut ben);
    assert!(ana.core.boundaries_screen(ZONE).unwrap().mine.is_empty());
    assert!(
        ben.core
            .boundaries_screen(ZONE)
            .unwrap()
            .partners
            .is_empty()
    );
}

/// A modified partner app presses what its screen never offered: Ben's
/// phone sends Ana's boundary's share, retire and edit as its own actions
/// and forms. Each is refused, and nothing changes on either phone.
#[test]
fn the_partners_app_cannot_change_a_boundary_that_is_not_its_own() {
    let (mut ana, mut ben) = paired();
    let b = ana
        .core
        .add_boundary("Not after ten at night, please.", true)
        .unwrap();
    sync(&mut ana, &mut ben);
    let before = snapshot(&ben);
    for action in [
        Action::ShareBoundary {
            id: b.id.clone(),
            shared: false,
        },
        Action::RetireBoundary { id: b.id.clone() },
    ] {
        not_allowed(
            ben.core.perform(&action, &phone(ZONE, &[])),
            "only its owner",
        );
    }
    not_allowed(
        ben.core
            .open_form(&FormRequest::EditBoundary { id: b.id.clone() }),
        "only its owner changes it",
    );
    not_allowed(
        ben.core.submit_boundary_form(
            &BoundaryForm {
                text: "Whenever Ben likes.".into(),
            },
            &BoundaryPurpose::Edit { id: b.id.clone() },
            &phone(ZONE, &[]),
        ),
        "only its owner changes it",
    );
    // An unknown boundary is named as gone, not as someone else's.
    assert!(matches!(
        ben.core.perform(
            &Action::RetireBoundary { id: "nope".into() },
            &phone(ZONE, &[])
        ),
        Err(tandem_core::Error::NotFound(_))
    ));
    assert_eq!(snapshot(&ben), before);
    sync(&mut ana, &mut ben);
    assert_eq!(
        ana.core.boundary(&b.id).unwrap().text,
        "Not after ten at night, please."
    );
}

#[test]
fn the_screen_and_its_examples_read_in_german() {
    let (mut ana, mut ben) = paired();
    ana.core
        .add_boundary("Bitte nicht nach zehn.", true)
        .unwrap();
    sync(&mut ana, &mut ben);
    ben.core.set_locale("de").unwrap();
    let screen = ben.core.boundaries_screen(ZONE).unwrap();
    assert_eq!(screen.partners[0].status, "Ana hat das mit dir geteilt");
    assert_eq!(screen.new.label, "Neue Grenze");
    let open = boundary_form(&ben, FormRequest::NewBoundary);
    assert_eq!(open.submits[0].label, "Für mich behalten");
    assert!(
        open.examples
            .iter()
            .all(|e| !e.is_empty() && !e.contains("boundary-example"))
    );
    assert_ne!(
        open.examples,
        boundary_form(&ana, FormRequest::NewBoundary).examples
    );
}
