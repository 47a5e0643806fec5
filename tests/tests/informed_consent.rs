//! Informed consent across two phones: what a person is asked to accept is
//! there whole before they accept it (days, dates, window, reminders, trial;
//! an agreement's text, pause protocol and review date), a waiting version
//! says what it changes ("Tue and Thu instead of every day"), a counter or an
//! amendment starts from the version it answers, and a version is named by
//! the short id shown.

mod common;

use common::*;
use tandem_core::agreements::{AgreementDraft, PauseProtocol};
use tandem_core::difference::FieldChange;
use tandem_core::rituals::RitualSpec;
use tandem_core::schedule::recurrence::{Frequency, FrequencyDraft, RecurrenceDraft, WeekdaySet};
use tandem_core::version_id;
use tandem_core::{Error, RitualDraft, RitualStatus};

fn summaries(changes: &[FieldChange]) -> Vec<String> {
    changes.iter().map(FieldChange::summary).collect()
}

fn recurrence(frequency: FrequencyDraft, start: &str) -> Option<RecurrenceDraft> {
    Some(RecurrenceDraft {
        frequency,
        start: Some(start.into()),
        until: None,
        count: None,
    })
}

/// The draft a shell edits for a counter: the version answered, whole.
fn draft_of(spec: &RitualSpec) -> RitualDraft {
    tandem_ffi::RitualDraft::from(spec).into()
}

fn short(spec: &RitualSpec) -> String {
    version_id::short(&spec.version())
}

#[test]
fn ben_sees_the_days_of_a_monday_to_thursday_proposal_before_accepting() {
    let (mut ana, mut ben) = paired();
    let proposal = RitualDraft {
        recurrence: Some(RecurrenceDraft {
            until: Some("2027-06-30".into()),
            ..recurrence(FrequencyDraft::Weekdays(vec![1, 2, 3, 4]), "2027-03-15").unwrap()
        }),
        window_end: Some("21:30".into()),
        lead_minutes: vec![15],
        trial_until: Some("2027-04-15".into()),
        ..draft("Evening walk", "20:30", Some("Europe/Berlin"))
    };
    let id = ana.core.propose_ritual(&proposal).unwrap().id;
    sync(&mut ana, &mut ben);

    let seen = ben.core.ritual(&id).unwrap();
    let pending = seen.pending.clone().expect("the proposal waits for Ben");
    assert_eq!(
        pending.spec.recurrence.frequency,
        Frequency::Weekdays(WeekdaySet(0b1111))
    );
    assert!(
        pending.changes().is_empty(),
        "a first proposal is shown whole"
    );

    // The FFI record carries the whole version, structured and in words.
    let record = tandem_ffi::Ritual::from(seen);
    let waiting = record.pending.expect("pending in the record");
    assert_eq!(
        waiting.recurrence.repeat,
        tandem_ffi::Repeat::Weekdays {
            days: vec![
                tandem_ffi::Weekday::Monday,
                tandem_ffi::Weekday::Tuesday,
                tandem_ffi::Weekday::Wednesday,
                tandem_ffi::Weekday::Thursday
            ]
        }
    );
    assert_eq!(
        (
            waiting.recurrence.start_date.as_deref(),
            waiting.recurrence.until_date.as_deref(),
            waiting.window_end.as_deref(),
            waiting.lead_minutes.as_slice(),
            waiting.trial_until.as_deref(),
        ),
        (
            Some("2027-03-15"),
            Some("2027-06-30"),
            Some("21:30"),
            &[15][..],
            Some("2027-04-15")
        )
    );
    let words: Vec<String> = waiting
        .terms
        .iter()
        .map(|t| format!("{}: {}", t.label, t.text))
        .collect();
    for expected in [
        "repeats: Mon to Thu",
        "from: 2027-03-15",
        "ends: after 2027-06-30",
        "time: 20:30",
        "window: until 21:30",
        "time zone: Europe/Berlin",
        "duration: 10 min",
        "reminders: 15 min before",
        "trial: until 2027-04-15, then a review",
    ] {
        assert!(
            words.iter().any(|w| w == expected),
            "{expected} in {words:?}"
        );
    }
    assert!(waiting.version.starts_with(&short(&pending.spec)) && waiting.version.len() == 32);
    assert!(waiting.changes.is_empty());

    // Ben accepts the version he read, by the short id shown.
    let accepted = ben
        .core
        .accept_ritual_version(&id, &short(&pending.spec))
        .unwrap();
    assert_eq!(accepted.status, RitualStatus::Active);
    assert_eq!(accepted.spec, pending.spec, "exactly what Ben read");
}

#[test]
fn a_counter_shows_what_it_changes_instead_of_what() {
    let (mut ana, mut ben) = paired();
    let daily = RitualDraft {
        recurrence: recurrence(FrequencyDraft::Daily, "2027-03-11"),
        ..draft("Check-in", "20:30", None)
    };
    let id = ana.core.propose_ritual(&daily).unwrap().id;
    sync(&mut ana, &mut ben);

    // Ben counters with Tue and Thu: only the days change.
    let answered = ben.core.ritual(&id).unwrap().answered_spec().clone();
    let tue_thu = RitualDraft {
        recurrence: recurrence(FrequencyDraft::Weekdays(vec![2, 4]), "2027-03-11"),
        ..draft_of(&answered)
    };
    ben.core.counter_ritual(&id, &tue_thu).unwrap();
    sync(&mut ana, &mut ben);

    let seen = ana.core.ritual(&id).unwrap();
    assert_eq!(seen.status, RitualStatus::Countered);
    let pending = seen.pending.clone().unwrap();
    assert_eq!(
        summaries(&pending.changes()),
        ["repeats: Tue and Thu instead of every day"],
        "compared with Ana's proposal, which it answers"
    );
    let record = tandem_ffi::Ritual::from(seen);
    let change = &record.pending.unwrap().changes[0];
    assert_eq!(
        (
            change.field.as_str(),
            change.before.as_str(),
            change.after.as_str()
        ),
        ("repeat", "every day", "Tue and Thu")
    );
    assert_eq!(change.summary, "repeats: Tue and Thu instead of every day");
    // The same words on Ben's phone.
    assert_eq!(
        ben.core.ritual(&id).unwrap().pending.unwrap().changes(),
        pending.changes()
    );
    ana.core.accept_ritual(&id).unwrap();
    sync(&mut ana, &mut ben);

    // In effect now: a change from Ana is compared with the version in effect.
    let in_effect = ana.core.ritual(&id).unwrap().spec;
    ana.core
        .counter_ritual(
            &id,
            &RitualDraft {
                time_of_day: "21:00".into(),
                ..draft_of(&in_effect)
            },
        )
        .unwrap();
    sync(&mut ana, &mut ben);
    let on_ben = ben.core.ritual(&id).unwrap();
    assert_eq!(
        summaries(&on_ben.pending.as_ref().unwrap().changes()),
        ["time: 21:00 instead of 20:30"]
    );

    // Ben's counter starts from Ana's change (what he answers): changing
    // the duration alone keeps her 21:00.
    let answered = on_ben.answered_spec().clone();
    assert_eq!(answered.time().to_string(), "21:00");
    ben.core
        .counter_ritual(
            &id,
            &RitualDraft {
                minutes: 15,
                ..draft_of(&answered)
            },
        )
        .unwrap();
    sync(&mut ana, &mut ben);
    let on_ana = ana.core.ritual(&id).unwrap();
    assert_eq!(
        summaries(&on_ana.pending.unwrap().changes()),
        [
            "duration: 15 min instead of 10 min",
            "time: 21:00 instead of 20:30"
        ],
        "against the version in effect, not the change it answers"
    );
}

#[test]
fn an_answer_names_the_version_read_and_a_replaced_one_is_refused() {
    let (mut ana, mut ben) = paired();
    let first = ana
        .core
        .propose_ritual(&draft("Tea", "17:00", None))
        .unwrap();
    sync(&mut ana, &mut ben);
    let read_by_ben = short(&ben.core.ritual(&first.id).unwrap().pending.unwrap().spec);

    // Before Ben answers, Ana changes her proposal to Monday to Thursday.
    let mon_thu = RitualDraft {
        recurrence: recurrence(FrequencyDraft::Weekdays(vec![1, 2, 3, 4]), "2027-03-11"),
        ..draft("Tea", "17:00", None)
    };
    ana.core.counter_ritual(&first.id, &mon_thu).unwrap();
    sync(&mut ana, &mut ben);

    let before = snapshot(&ben);
    not_allowed(
        ben.core.accept_ritual_version(&first.id, &read_by_ben),
        "look again",
    );
    assert_eq!(snapshot(&ben), before, "nothing recorded");
    invalid(
        ben.core.accept_ritual_version(&first.id, &read_by_ben[..7]),
        "8 to 32 hex",
    );
    invalid(
        ben.core.accept_ritual_version(&first.id, "not-a-version"),
        "8 to 32 hex",
    );
    not_allowed(
        ben.core.accept_ritual_version(&first.id, "00000000"),
        "no version of this ritual",
    );
    match ben
        .core
        .accept_ritual_version("0123456789abcdef01234567", &read_by_ben)
    {
        Err(Error::NotFound(_)) => {}
        other => panic!("{other:?}"),
    }
    assert_eq!(snapshot(&ben), before, "refusals change nothing");

    let now_waiting = ben.core.ritual(&first.id).unwrap().pending.unwrap().spec;
    let declined = ben
        .core
        .decline_ritual_version(&first.id, &short(&now_waiting))
        .unwrap();
    assert_eq!(declined.status, RitualStatus::Declined);
}

fn pause_agreement() -> AgreementDraft {
    AgreementDraft {
        title: "Pausing heated talks".into(),
        text: "Either of us may call a pause.".into(),
        pause_protocol: Some(PauseProtocol {
            cool_down_minutes: 30,
            either_may_call: false,
            revisit: Some("on the sofa, each saying what we heard".into()),
        }),
        review_on: Some("2027-06-01".into()),
    }
}

#[test]
fn an_amendment_without_a_new_cool_down_keeps_the_pause_protocol() {
    let (mut ana, mut ben) = paired();
    let a = ana.core.propose_agreement(&pause_agreement()).unwrap();
    sync(&mut ana, &mut ben);
    let v1 = ben.core.agreement(&a.id).unwrap().versions[0].hash;
    ben.core
        .accept_agreement(&a.id, &version_id::short(&v1))
        .unwrap();
    sync(&mut ana, &mut ben);

    // Ana amends the text only, starting from the version in effect.
    let base = ana.core.agreement_draft(&a.id, None).unwrap();
    assert_eq!(
        base,
        pause_agreement(),
        "the whole version, protocol included"
    );
    let amended = ana
        .core
        .amend_agreement(
            &a.id,
            &version_id::short(&v1),
            &AgreementDraft {
                text: "Either of us may call a pause; we always come back.".into(),
                ..base
            },
        )
        .unwrap();
    let v2 = amended.pending()[0].clone();
    assert_eq!(
        v2.terms.pause_protocol,
        pause_agreement().pause_protocol,
        "the cool-down, who may call and the revisit stay"
    );
    assert_eq!(
        v2.terms.review_on,
        amended.in_effect().unwrap().terms.review_on
    );
    sync(&mut ana, &mut ben);
    let on_ben = ben.core.agreement(&a.id).unwrap();
    let keys: Vec<&str> = on_ben
        .changes(&on_ben.pending()[0].clone())
        .iter()
        .map(|c| c.field.key())
        .collect();
    assert_eq!(keys, ["text"], "Ben sees that only the text changes");
    ben.core
        .accept_agreement(&a.id, &version_id::short(&v2.hash))
        .unwrap();
    sync(&mut ana, &mut ben);

    // A version that differs only in the cool-down says so.
    let base = ben.core.agreement_draft(&a.id, None).unwrap();
    let mut protocol = base.pause_protocol.clone().unwrap();
    protocol.cool_down_minutes = 45;
    let amended = ben
        .core
        .amend_agreement(
            &a.id,
            &version_id::short(&v2.hash),
            &AgreementDraft {
                pause_protocol: Some(protocol),
                ..base
            },
        )
        .unwrap();
    let waiting = amended.pending()[0].clone();
    assert_eq!(
        summaries(&amended.changes(&waiting)),
        ["cool-down: 45 min instead of 30 min"]
    );
    // Any earlier version can be read back whole by its short id.
    assert_eq!(
        ben.core
            .agreement_draft(&a.id, Some(&version_id::short(&v1)))
            .unwrap(),
        pause_agreement()
    );
    invalid(ben.core.agreement_draft(&a.id, Some("abc")), "8 to 32 hex");
}

#[test]
fn an_agreement_version_is_named_by_the_short_id_shown() {
    let (mut ana, mut ben) = paired();
    let a = ana.core.propose_agreement(&pause_agreement()).unwrap();
    sync(&mut ana, &mut ben);
    let hash = a.versions[0].hash;
    let before = snapshot(&ben);
    invalid(
        ben.core
            .accept_agreement(&a.id, &version_id::short(&hash)[..7]),
        "8 to 32 hex",
    );
    assert_eq!(snapshot(&ben), before);
    let upper = version_id::short(&hash).to_uppercase();
    let accepted = ben.core.accept_agreement(&a.id, &upper).unwrap();
    assert_eq!(accepted.in_effect, Some(hash));
}

#[test]
fn before_anything_is_in_effect_an_amendment_is_compared_with_the_version_it_amends() {
    let (mut ana, mut ben) = paired();
    let a = ana.core.propose_agreement(&pause_agreement()).unwrap();
    sync(&mut ana, &mut ben);
    let v1 = version_id::short(&a.versions[0].hash);
    let base = ben.core.agreement_draft(&a.id, Some(&v1)).unwrap();
    let amended = ben
        .core
        .amend_agreement(
            &a.id,
            &v1,
            &AgreementDraft {
                pause_protocol: Some(PauseProtocol {
                    either_may_call: true,
                    ..base.pause_protocol.clone().unwrap()
                }),
                ..base
            },
        )
        .unwrap();
    sync(&mut ana, &mut ben);
    let on_ana = ana.core.agreement(&a.id).unwrap();
    let pending = on_ana.pending();
    assert_eq!(pending.len(), 2, "side by side");
    assert!(
        on_ana.changes(pending[0]).is_empty(),
        "the proposal is read whole"
    );
    assert_eq!(
        summaries(&on_ana.changes(pending[1])),
        [
            "who may call a pause: either of you instead of only the one who asked for this agreement"
        ]
    );
    assert_eq!(
        on_ana.compared_with(pending[1]).map(|v| v.hash),
        Some(amended.versions[0].hash)
    );
}
