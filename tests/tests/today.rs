//! The Today overview on two phones: the day's occurrences with their
//! marks, what waits for this phone's answer (and never for the one that
//! asked), a partner's running pause, and the next reminder.

mod common;

use common::*;
use tandem_core::{AgreementDraft, MarkStatus, RitualDraft};

const BERLIN: &str = "Europe/Berlin";

fn titles(occurrences: &[tandem_core::Occurrence]) -> Vec<(String, String)> {
    occurrences
        .iter()
        .map(|o| (o.title.clone(), o.date.to_string()))
        .collect()
}

#[test]
fn invitations_wait_only_for_the_partner_who_must_answer() {
    // 19:00 in Berlin.
    let (mut ana, mut ben) = paired();
    let walk = ana
        .core
        .propose_ritual(&draft("Morning walk", "08:00", Some(BERLIN)))
        .unwrap();
    let talk = ana
        .core
        .propose_ritual(&draft("Evening check-in", "20:30", Some(BERLIN)))
        .unwrap();
    let deal = ana
        .core
        .propose_agreement(&AgreementDraft {
            title: "Phones away at dinner".into(),
            text: "Both phones stay in the hall while we eat.".into(),
            ..AgreementDraft::default()
        })
        .unwrap();
    let mine = ana.core.today(BERLIN).unwrap();
    assert!(mine.ritual_invitations.is_empty());
    assert!(mine.agreement_invitations.is_empty());
    assert!(mine.occurrences.is_empty(), "nothing is in effect yet");
    assert_eq!(mine.next_reminder, None);
    sync(&mut ana, &mut ben);

    let theirs = ben.core.today(BERLIN).unwrap();
    let ids: Vec<_> = theirs.ritual_invitations.iter().map(|r| &r.id).collect();
    assert_eq!(ids, vec![&walk.id, &talk.id]);
    assert_eq!(theirs.agreement_invitations.len(), 1);
    assert_eq!(theirs.agreement_invitations[0].id, deal.id);

    ben.core.accept_ritual(&walk.id).unwrap();
    ben.core.accept_ritual(&talk.id).unwrap();
    let version: String = deal.versions[0]
        .hash
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    ben.core.accept_agreement(&deal.id, &version).unwrap();
    let theirs = ben.core.today(BERLIN).unwrap();
    assert!(theirs.ritual_invitations.is_empty());
    assert!(theirs.agreement_invitations.is_empty());
    sync(&mut ana, &mut ben);

    // Tonight's talk and tomorrow's walk; this morning's walk came before
    // the ritual existed, so it is no occurrence at all, and tomorrow's
    // talk is more than 24 hours away.
    for d in [&ana, &ben] {
        let today = d.core.today(BERLIN).unwrap();
        assert_eq!(
            titles(&today.occurrences),
            vec![
                ("Evening check-in".to_string(), "2027-03-10".to_string()),
                ("Morning walk".to_string(), "2027-03-11".to_string()),
            ]
        );
        let first = d.core.plan_reminders(BERLIN, 1).unwrap();
        assert_eq!(today.next_reminder.as_ref(), first.first());
        let next = today.next_reminder.expect("a reminder for tonight");
        assert_eq!(next.source_id, talk.id);
        assert!(next.fire_at_ms >= today.now_ms);
    }
}

#[test]
fn the_day_runs_from_local_midnight_and_keeps_its_marks() {
    // Proposed and accepted at 19:00 in Berlin, walked at 20:00, marked at 21:00.
    let (mut ana, mut ben) = paired();
    let walk = ana
        .core
        .propose_ritual(&draft("Evening walk", "20:00", Some(BERLIN)))
        .unwrap();
    sync(&mut ana, &mut ben);
    ben.core.accept_ritual(&walk.id).unwrap();
    sync(&mut ana, &mut ben);
    for d in [&mut ana, &mut ben] {
        d.clock.set(ms("2027-03-10T21:00:00+01:00"));
    }

    ana.core
        .mark_done(&walk.id, "2027-03-10", None, None)
        .unwrap();
    sync(&mut ana, &mut ben);
    let today = ben.core.today(BERLIN).unwrap();
    assert_eq!(today.occurrences[0].date.to_string(), "2027-03-10");
    assert_eq!(today.occurrences[0].status, MarkStatus::Done);
    assert_eq!(today.occurrences[1].status, MarkStatus::Scheduled);

    // 00:30 in Berlin on the 11th: yesterday's walk is gone, today's is
    // ahead, and the walk on the 12th is past the 24-hour window's end.
    ben.clock.set(ms("2027-03-11T00:30:00+01:00"));
    let today = ben.core.today(BERLIN).unwrap();
    assert_eq!(
        titles(&today.occurrences),
        vec![("Evening walk".to_string(), "2027-03-11".to_string())]
    );
    // In New York it is still the 10th (18:30), so the 10th's walk (14:00
    // there) is part of that device's day.
    let today = ben.core.today("America/New_York").unwrap();
    assert_eq!(today.occurrences.len(), 2);
    assert_eq!(today.occurrences[0].status, MarkStatus::Done);
}

#[test]
fn a_partners_pause_and_a_finished_trial_show_until_resolved() {
    let (mut ana, mut ben) = paired();
    let pause = ben.core.start_pause(Some(30), None).unwrap();
    sync(&mut ana, &mut ben);
    let today = ana.core.today(BERLIN).unwrap();
    assert_eq!(today.pauses.len(), 1);
    assert_eq!(today.pauses[0].id, pause.id);
    assert_eq!(today.pauses[0].started_by, ben.core.device_id());
    ben.core.end_pause(&pause.id).unwrap();
    sync(&mut ana, &mut ben);
    assert!(ana.core.today(BERLIN).unwrap().pauses.is_empty());

    let trial = ana
        .core
        .add_personal_ritual(&RitualDraft {
            trial_until: Some("2027-03-11".into()),
            ..draft("Journal before bed", "22:00", None)
        })
        .unwrap();
    assert!(ana.core.today(BERLIN).unwrap().ritual_reviews.is_empty());
    ana.clock.set(ms("2027-03-11T12:00:00Z"));
    let today = ana.core.today(BERLIN).unwrap();
    let reviews: Vec<_> = today.ritual_reviews.iter().map(|r| &r.id).collect();
    assert_eq!(reviews, vec![&trial.id]);
    assert!(
        today.ritual_invitations.is_empty(),
        "a personal ritual asks nobody"
    );
}

#[test]
fn an_unknown_zone_is_refused() {
    let (ana, _ben) = paired();
    invalid(ana.core.today("Mars/Olympus_Mons"), "time zone");
    invalid(ana.core.today(""), "time zone");
}

#[test]
fn an_amendment_answers_the_version_it_amends() {
    let (mut ana, mut ben) = paired();
    let deal = phones_away(&mut ana);
    sync(&mut ana, &mut ben);
    let v1: String = deal.versions[0]
        .hash
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    ben.core
        .amend_agreement(
            &deal.id,
            &v1,
            &AgreementDraft {
                title: "Phones away".into(),
                text: "No phones at dinner, except on call nights.".into(),
                ..AgreementDraft::default()
            },
        )
        .unwrap();
    // Ben answered with his own version: nothing waits for him now, and
    // both versions wait for Ana (hers only until she picks one).
    assert!(
        ben.core
            .today(BERLIN)
            .unwrap()
            .agreement_invitations
            .is_empty()
    );
    let a = ben.core.agreement(&deal.id).unwrap();
    assert!(
        a.pending()
            .iter()
            .all(|v| !a.awaits(v, ben.core.device_id()))
    );
    sync(&mut ana, &mut ben);
    let today = ana.core.today(BERLIN).unwrap();
    assert_eq!(today.agreement_invitations.len(), 1);
    let a = &today.agreement_invitations[0];
    let waiting: Vec<_> = a
        .pending()
        .into_iter()
        .filter(|v| a.awaits(v, ana.core.device_id()))
        .map(|v| v.terms.text.clone())
        .collect();
    assert_eq!(waiting, vec!["No phones at dinner, except on call nights."]);
}

/// Today reads only the agreements still in play: over the years a couple
/// declines and withdraws many, and none of them may wait for an answer or
/// come up for review again.
#[test]
fn ended_agreements_never_wait_on_today() {
    let (mut ana, mut ben) = paired();
    let hex = |a: &tandem_core::Agreement, i: usize| -> String {
        a.versions[i]
            .hash
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    };
    let propose = |d: &mut Device, title: &str| {
        d.core
            .propose_agreement(&AgreementDraft {
                title: title.into(),
                text: format!("{title}, as we said."),
                review_on: Some("2027-04-10".into()),
                ..AgreementDraft::default()
            })
            .unwrap()
    };
    let declined = propose(&mut ana, "Declined");
    let withdrawn = propose(&mut ana, "Withdrawn");
    let waiting = propose(&mut ana, "Waiting");
    let kept = propose(&mut ana, "Kept");
    sync(&mut ana, &mut ben);
    ben.core
        .decline_agreement(&declined.id, &hex(&declined, 0))
        .unwrap();
    for a in [&withdrawn, &kept] {
        ben.core.accept_agreement(&a.id, &hex(a, 0)).unwrap();
    }
    sync(&mut ana, &mut ben);
    ana.core.withdraw_agreement(&withdrawn.id).unwrap();
    sync(&mut ana, &mut ben);
    // The review date of every one of them has come.
    set_clocks(&mut ana, &mut ben, ms("2027-04-10T08:00:00Z"));

    let statuses: Vec<_> = ben
        .core
        .agreements()
        .unwrap()
        .iter()
        .map(|a| (a.id.clone(), a.status.as_str()))
        .collect();
    assert_eq!(
        statuses,
        vec![
            (declined.id.clone(), "declined"),
            (withdrawn.id.clone(), "withdrawn"),
            (waiting.id.clone(), "proposed"),
            (kept.id.clone(), "active"),
        ]
    );
    let ids = |list: &[tandem_core::Agreement]| -> Vec<String> {
        list.iter().map(|a| a.id.clone()).collect()
    };
    let theirs = ben.core.today(BERLIN).unwrap();
    assert_eq!(ids(&theirs.agreement_invitations), vec![waiting.id.clone()]);
    assert_eq!(ids(&theirs.agreement_reviews), vec![kept.id.clone()]);
    let mine = ana.core.today(BERLIN).unwrap();
    assert!(mine.agreement_invitations.is_empty());
    assert_eq!(ids(&mine.agreement_reviews), vec![kept.id.clone()]);
}
