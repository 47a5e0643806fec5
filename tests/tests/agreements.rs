//! The two-signature agreements ledger across two devices: proposals,
//! amendments, acceptances bound to content hashes, concurrent amendments
//! kept side by side, withdrawal by either partner alone, reviews, and the
//! hash-chained history.

mod common;

use common::*;
use tandem_core::agreements::history::Kind;
use tandem_core::agreements::{PauseProtocol, Review};
use tandem_core::reminders::ReminderKind;
use tandem_core::{AgreementDraft, AgreementStatus, Error};

fn terms(title: &str, text: &str) -> AgreementDraft {
    AgreementDraft {
        title: title.into(),
        text: text.into(),
        ..AgreementDraft::default()
    }
}

fn pause_terms(minutes: u32) -> AgreementDraft {
    AgreementDraft {
        pause_protocol: Some(PauseProtocol {
            cool_down_minutes: minutes,
            either_may_call: true,
            revisit: Some("On the sofa, starting with what we each heard".into()),
        }),
        ..terms(
            "Our pause agreement",
            "When a talk gets heated, either of us may call a pause. We come back when we said we would.",
        )
    }
}

fn hex(h: &[u8; 16]) -> String {
    h.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn proposed_amended_by_the_partner_and_accepted_by_both() {
    let (mut ana, mut ben) = paired();
    let a = ana.core.propose_agreement(&pause_terms(30)).unwrap();
    assert_eq!(a.status, AgreementStatus::Proposed);
    let v1 = a.versions[0].hash;
    assert_eq!(a.versions[0].accepted_by, vec![ana.core.device_id()]);
    not_allowed(
        ana.core.accept_agreement(&a.id, &hex(&v1)),
        "your own proposal",
    );
    sync(&mut ana, &mut ben);

    // Ben would rather have 45 minutes: a new version built on version 1.
    let amended = ben
        .core
        .amend_agreement(&a.id, &hex(&v1), &pause_terms(45))
        .unwrap();
    assert_eq!(amended.versions.len(), 2);
    let v2 = amended.versions[1].hash;
    assert_eq!(amended.versions[1].terms.parent, Some(v1));
    // Both alternatives wait: nothing took effect.
    assert_eq!(amended.pending().len(), 2);
    assert_eq!(amended.status, AgreementStatus::Proposed);
    sync(&mut ana, &mut ben);

    let active = ana.core.accept_agreement(&a.id, &hex(&v2)).unwrap();
    assert_eq!(active.status, AgreementStatus::Active);
    assert_eq!(active.in_effect, Some(v2));
    // Version 1 was superseded: it can no longer be accepted.
    assert!(active.pending().is_empty());
    sync(&mut ana, &mut ben);
    not_allowed(ben.core.accept_agreement(&a.id, &hex(&v1)), "superseded");
    not_allowed(
        ben.core.accept_agreement(&a.id, &hex(&v2)),
        "already in effect",
    );
    for d in [&ana, &ben] {
        let a = d.core.agreement(&a.id).unwrap();
        let v = a.in_effect().unwrap();
        assert_eq!(
            v.terms.pause_protocol.as_ref().unwrap().cool_down_minutes,
            45
        );
        assert_eq!(v.accepted_by.len(), 2);
    }
    assert_eq!(
        ana.core.shared_state_dump().unwrap(),
        ben.core.shared_state_dump().unwrap()
    );

    // The history: every step, the same chain on both phones.
    let h = ana.core.agreement_history(&a.id).unwrap();
    let kinds: Vec<Kind> = h.entries.iter().map(|e| e.event.kind).collect();
    assert_eq!(kinds, [Kind::Proposed, Kind::Amended, Kind::Accepted]);
    assert_eq!(h.entries[1].event.by, ben.core.device_id());
    assert_eq!(h.entries[2].event.version, Some(v2));
    assert_eq!(h.entries[1].prev, h.entries[0].hash);
    assert_eq!(h.head, ben.core.agreement_history(&a.id).unwrap().head);
}

#[test]
fn concurrent_amendments_stay_side_by_side_in_either_delivery_order() {
    for ana_first in [true, false] {
        let (mut ana, mut ben) = paired();
        let a = ana
            .core
            .propose_agreement(&terms("Screens", "No phones at dinner."))
            .unwrap();
        let v1 = hex(&a.versions[0].hash);
        sync(&mut ana, &mut ben);
        ben.core.accept_agreement(&a.id, &v1).unwrap();
        sync(&mut ana, &mut ben);
        // Both amend the version in effect before hearing from the other.
        ana.core
            .amend_agreement(
                &a.id,
                &v1,
                &terms("Screens", "No phones at dinner or in bed."),
            )
            .unwrap();
        ben.clock.advance(500);
        ben.core
            .amend_agreement(
                &a.id,
                &v1,
                &terms("Screens", "No phones at dinner, except on call weeks."),
            )
            .unwrap();
        if ana_first {
            deliver(&mut ana, &mut ben);
            deliver(&mut ben, &mut ana);
        } else {
            deliver(&mut ben, &mut ana);
            deliver(&mut ana, &mut ben);
        }
        assert_eq!(
            ana.core.shared_state_dump().unwrap(),
            ben.core.shared_state_dump().unwrap()
        );
        let on_ana = ana.core.agreement(&a.id).unwrap();
        // Version 1 still in effect; both amendments wait, neither merged.
        assert_eq!(
            on_ana.in_effect().unwrap().terms.text,
            "No phones at dinner."
        );
        let mut waiting: Vec<&str> = on_ana
            .pending()
            .iter()
            .map(|v| v.terms.text.as_str())
            .collect();
        waiting.sort_unstable();
        assert_eq!(
            waiting,
            [
                "No phones at dinner or in bed.",
                "No phones at dinner, except on call weeks."
            ]
        );
        // Ana accepts Ben's: it takes effect, her own is superseded.
        let bens = on_ana
            .pending()
            .iter()
            .find(|v| v.author == ben.core.device_id())
            .unwrap()
            .hash;
        let anas = on_ana
            .pending()
            .iter()
            .find(|v| v.author == ana.core.device_id())
            .unwrap()
            .hash;
        let now = ana.core.accept_agreement(&a.id, &hex(&bens)).unwrap();
        assert_eq!(now.in_effect, Some(bens));
        assert!(now.pending().is_empty());
        sync(&mut ana, &mut ben);
        not_allowed(ben.core.accept_agreement(&a.id, &hex(&anas)), "superseded");
        assert_eq!(
            ana.core.shared_state_dump().unwrap(),
            ben.core.shared_state_dump().unwrap()
        );
    }
}

#[test]
fn either_partner_withdraws_alone_and_the_history_shows_it() {
    let (mut ana, mut ben) = paired();
    let a = ana
        .core
        .propose_agreement(&terms(
            "Money talks",
            "Budget talks happen on Sunday mornings.",
        ))
        .unwrap();
    let v1 = hex(&a.versions[0].hash);
    sync(&mut ana, &mut ben);
    ben.core.accept_agreement(&a.id, &v1).unwrap();
    sync(&mut ana, &mut ben);
    let gone = ben.core.withdraw_agreement(&a.id).unwrap();
    assert_eq!(gone.status, AgreementStatus::Withdrawn);
    assert!(gone.in_effect.is_none());
    sync(&mut ana, &mut ben);
    let on_ana = ana.core.agreement(&a.id).unwrap();
    assert_eq!(on_ana.status, AgreementStatus::Withdrawn);
    assert_eq!(on_ana.withdrawn.unwrap().0, ben.core.device_id());
    // What was agreed stays in the history.
    let h = ana.core.agreement_history(&a.id).unwrap();
    let kinds: Vec<Kind> = h.entries.iter().map(|e| e.event.kind).collect();
    assert_eq!(kinds, [Kind::Proposed, Kind::Accepted, Kind::Withdrawn]);
    assert_eq!(
        h.entries[0].event.terms.as_ref().unwrap().text,
        "Budget talks happen on Sunday mornings."
    );
    // A withdrawn agreement is not amended or accepted again.
    not_allowed(
        ana.core
            .amend_agreement(&a.id, &v1, &terms("Money talks", "Saturdays.")),
        "withdrawn",
    );
    not_allowed(ana.core.withdraw_agreement(&a.id), "withdrawn");
    not_allowed(ana.core.accept_agreement(&a.id, &v1), "withdrawn");
}

#[test]
fn declining_needs_no_reason_and_ends_a_proposal() {
    let (mut ana, mut ben) = paired();
    let a = ana
        .core
        .propose_agreement(&terms("Phones", "Phones off after 22:00."))
        .unwrap();
    sync(&mut ana, &mut ben);
    let v1 = hex(&a.versions[0].hash);
    let declined = ben.core.decline_agreement(&a.id, &v1).unwrap();
    assert_eq!(declined.status, AgreementStatus::Declined);
    sync(&mut ana, &mut ben);
    assert_eq!(
        ana.core.agreement(&a.id).unwrap().status,
        AgreementStatus::Declined
    );
    not_allowed(ben.core.accept_agreement(&a.id, &v1), "declined");
}

/// A pause agreement with a review on 2027-04-10, in effect on both
/// phones; both clocks at 08:00Z that day.
fn on_review_day() -> (Device, Device, tandem_core::Agreement) {
    let (mut ana, mut ben) = paired();
    let a = ana
        .core
        .propose_agreement(&AgreementDraft {
            review_on: Some("2027-04-10".into()),
            ..pause_terms(30)
        })
        .unwrap();
    sync(&mut ana, &mut ben);
    ben.core
        .accept_agreement(&a.id, &hex(&a.versions[0].hash))
        .unwrap();
    sync(&mut ana, &mut ben);
    assert!(
        ana.core
            .agreement_reviews_due("Europe/Berlin")
            .unwrap()
            .is_empty()
    );
    for d in [&mut ana, &mut ben] {
        d.clock.set(ms("2027-04-10T08:00:00Z"));
    }
    (ana, ben, a)
}

#[test]
fn review_dates_remind_and_end_in_keep_amend_or_let_go() {
    let (mut ana, mut ben, a) = on_review_day();
    let plan = ben.core.plan_reminders("Europe/Berlin", 5).unwrap();
    let review = plan
        .iter()
        .find(|r| r.kind == ReminderKind::AgreementReview)
        .unwrap();
    assert_eq!(review.title, "Time to revisit: Our pause agreement");
    assert_eq!(review.local_time, "2027-04-10 19:00");
    assert_eq!(review.source_id, a.id);
    assert!(!review.private_body.contains("pause"));
    assert_eq!(
        ana.core
            .agreement_reviews_due("Europe/Berlin")
            .unwrap()
            .len(),
        1
    );
    // Keep: the review is done on both phones.
    ana.core.review_agreement(&a.id, &Review::Keep).unwrap();
    sync(&mut ana, &mut ben);
    assert!(
        ben.core
            .agreement_reviews_due("Europe/Berlin")
            .unwrap()
            .is_empty()
    );
    let plan = ben.core.plan_reminders("Europe/Berlin", 5).unwrap();
    assert!(plan.iter().all(|r| r.kind != ReminderKind::AgreementReview));
    not_allowed(
        ana.core.review_agreement(&a.id, &Review::Keep),
        "already kept",
    );
    // Amend: a new version with a new review date, for both to accept.
    let amended = ben
        .core
        .review_agreement(
            &a.id,
            &Review::Amend(Box::new(AgreementDraft {
                review_on: Some("2027-07-10".into()),
                ..pause_terms(40)
            })),
        )
        .unwrap();
    assert_eq!(amended.pending().len(), 1);
    // Let go: consent withdrawn.
    let gone = ana.core.review_agreement(&a.id, &Review::LetGo).unwrap();
    assert_eq!(gone.status, AgreementStatus::Withdrawn);
}

#[test]
fn an_amendment_at_the_review_holds_the_review_until_it_is_answered() {
    let (mut ana, mut ben, a) = on_review_day();
    let reviews = |d: &Device| {
        let due = d.core.agreement_reviews_due("Europe/Berlin").unwrap().len();
        let armed = d
            .core
            .plan_reminders("Europe/Berlin", 10)
            .unwrap()
            .iter()
            .filter(|r| r.kind == ReminderKind::AgreementReview)
            .count();
        (due, armed)
    };
    assert_eq!((reviews(&ana), reviews(&ben)), ((1, 1), (1, 1)));
    let amended = ben
        .core
        .review_agreement(
            &a.id,
            &Review::Amend(Box::new(AgreementDraft {
                review_on: Some("2027-07-10".into()),
                ..pause_terms(40)
            })),
        )
        .unwrap();
    sync(&mut ana, &mut ben);
    // The amendment is the conversation now: the review waits on both.
    assert_eq!((reviews(&ana), reviews(&ben)), ((0, 0), (0, 0)));
    // Ana declines it: nothing was settled, so the review is due again.
    let v2 = hex(&amended.pending()[0].hash);
    ana.core.decline_agreement(&a.id, &v2).unwrap();
    sync(&mut ana, &mut ben);
    assert_eq!((reviews(&ana), reviews(&ben)), ((1, 1), (1, 1)));
}

#[test]
fn bad_input_is_refused_with_a_reason_and_stores_nothing() {
    let (mut ana, mut ben) = paired();
    let before = snapshot(&ana);
    invalid(
        ana.core.propose_agreement(&terms("", "Text")),
        "title is empty",
    );
    invalid(
        ana.core.propose_agreement(&terms("Title", "  ")),
        "text is empty",
    );
    invalid(
        ana.core
            .propose_agreement(&terms("Title", &"x".repeat(2001))),
        "limit is 2000",
    );
    invalid(
        ana.core.propose_agreement(&terms(&"t".repeat(81), "Text")),
        "limit is 80",
    );
    for minutes in [0, 19, 1441] {
        invalid(
            ana.core.propose_agreement(&pause_terms(minutes)),
            "20 to 1440",
        );
    }
    for (date, mentions) in [
        ("2027-03-10", "in the past"),
        ("2027-01-01", "in the past"),
        ("2031-01-01", "three years"),
        ("someday", "a date like"),
    ] {
        invalid(
            ana.core.propose_agreement(&AgreementDraft {
                review_on: Some(date.into()),
                ..terms("Title", "Text")
            }),
            mentions,
        );
    }
    assert_eq!(snapshot(&ana), before);

    let a = ana.core.propose_agreement(&terms("Title", "Text")).unwrap();
    sync(&mut ana, &mut ben);
    let before = snapshot(&ben);
    invalid(ben.core.accept_agreement(&a.id, "not-a-hash"), "32 hex");
    // A stale hash: the version Ben saw was not the one there now.
    not_allowed(
        ben.core.accept_agreement(&a.id, &"0".repeat(32)),
        "no version of this agreement has this content hash",
    );
    match ben
        .core
        .accept_agreement("0123456789abcdef01234567", &"0".repeat(32))
    {
        Err(Error::NotFound(_)) => {}
        other => panic!("{other:?}"),
    }
    not_allowed(
        ben.core
            .amend_agreement(&a.id, &"1".repeat(32), &terms("Title", "Other")),
        "no version of this agreement",
    );
    let v1 = hex(&a.versions[0].hash);
    not_allowed(
        ben.core
            .amend_agreement(&a.id, &v1, &terms("Title", "Text")),
        "changes nothing",
    );
    not_allowed(
        ben.core.review_agreement(&a.id, &Review::Keep),
        "waits for an answer",
    );
    assert_eq!(snapshot(&ben), before);
}

#[test]
fn an_altered_history_entry_fails_the_chain_check() {
    let (mut ana, mut ben) = paired();
    let a = ana
        .core
        .propose_agreement(&terms("Screens", "No phones at dinner."))
        .unwrap();
    sync(&mut ana, &mut ben);
    ben.core
        .accept_agreement(&a.id, &hex(&a.versions[0].hash))
        .unwrap();
    sync(&mut ana, &mut ben);
    assert_eq!(ana.core.agreement_history(&a.id).unwrap().entries.len(), 2);
    let path = ana.path.clone();
    // Someone with the file rewrites who accepted and when.
    ana.core.close().unwrap();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        let n = conn
            .execute(
                "UPDATE agreement_history SET at_ms = at_ms - 86400000 WHERE seq = 1",
                [],
            )
            .unwrap();
        assert_eq!(n, 1);
    }
    let core = tandem_core::Core::open(&path, &KEY_A, None, std::sync::Arc::new(ana.clock.clone()))
        .unwrap();
    match core.agreement_history(&a.id) {
        Err(Error::Corrupt(reason)) => {
            assert!(reason.contains("chain check at entry 2"), "{reason}");
            assert!(reason.contains("does not match its hash"), "{reason}");
        }
        other => panic!("expected a failed chain check, got {other:?}"),
    }
    // Removing an entry breaks the chain too.
    core.close().unwrap();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute(
            "UPDATE agreement_history SET at_ms = at_ms + 86400000 WHERE seq = 1",
            [],
        )
        .unwrap();
        conn.execute("DELETE FROM agreement_history WHERE seq = 0", [])
            .unwrap();
    }
    let core = tandem_core::Core::open(&path, &KEY_A, None, std::sync::Arc::new(ana.clock.clone()))
        .unwrap();
    match core.agreement_history(&a.id) {
        Err(Error::Corrupt(reason)) => assert!(reason.contains("entry 1"), "{reason}"),
        other => panic!("expected a failed chain check, got {other:?}"),
    }
}
