//! The ritual form checked by the core field by field (issue 16): each
//! field's words in English and German, a change that changes nothing, an
//! adjusted trial, and for many generated forms the check passing exactly
//! when the send is accepted.

mod common;

use std::cell::RefCell;

use common::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use tandem_core::schedule::recurrence::FrequencyDraft;
use tandem_core::screens::ritual_form::{RitualForm, RitualFormFor};

const NOW: &str = "2027-03-10T12:00:00Z";

fn walk() -> RitualForm {
    RitualForm {
        title: " Walk ".into(),
        prompt: String::new(),
        minutes: " 20 ".into(),
        time_of_day: "19:30".into(),
        zone: None,
        repeat: FrequencyDraft::Weekdays(vec![1, 3]),
        start: String::new(),
        until: String::new(),
        count: None,
        window_end: String::new(),
        leads: vec![10],
        trial_until: String::new(),
    }
}

#[test]
fn each_field_has_its_words_and_a_fine_form_is_sent() {
    let mut ana = device("Ana", &KEY_A, NOW);
    let bad = RitualForm {
        title: String::new(),
        prompt: "p".repeat(501),
        minutes: "ten".into(),
        time_of_day: "19.30".into(),
        zone: Some("Mars/Base".into()),
        repeat: FrequencyDraft::Weekly,
        until: "2027-13-01".into(),
        window_end: "19:00".into(),
        leads: vec![1441],
        trial_until: "2029-01-01".into(),
        ..walk()
    };
    let c = ana
        .core
        .check_ritual_form(&bad, RitualFormFor::New)
        .unwrap();
    let said = [
        (&c.title, "Give your ritual a short title."),
        (&c.prompt, "Up to 500 characters; this has 501."),
        (
            &c.minutes,
            "The length is a whole number of minutes, 1 to 1440.",
        ),
        (&c.time_of_day, "A time like 20:30, from 00:00 to 23:59."),
        (
            &c.zone,
            "Choose a time zone from the list, like Europe/Berlin.",
        ),
        (
            &c.start,
            "This repeat needs a start date: it decides the days.",
        ),
        (&c.end, "A date like 2027-03-14."),
        (&c.leads, "Up to 4 reminders, each 0 to 1440 minutes ahead."),
        (
            &c.trial_until,
            "A trial lasts at most a year: pick a day within one.",
        ),
    ];
    for (field, words) in said {
        assert_eq!(field.as_deref(), Some(words));
    }
    // The window is not judged against a time that does not read.
    assert_eq!((&c.window_end, &c.repeat, &c.form), (&None, &None, &None));
    assert!(c.draft.is_none());
    invalid(ana.core.propose_ritual(&bad.draft()), "title is empty");

    let c = ana
        .core
        .check_ritual_form(&walk(), RitualFormFor::New)
        .unwrap();
    assert_eq!(c.minutes, None);
    let draft = c.draft.unwrap();
    assert_eq!((draft.minutes, draft.prompt.as_deref()), (20, None));
    let id = ana.core.add_personal_ritual(&draft).unwrap().id;

    // A change that changes nothing says so, about the whole form.
    let same = ana
        .core
        .check_ritual_form(&walk(), RitualFormFor::Change(&id))
        .unwrap();
    assert_eq!(
        same.form.as_deref(),
        Some("This is the same as the version it changes.")
    );
    assert!(same.draft.is_none());
    invalid(ana.core.counter_ritual(&id, &draft), "nothing changed");
    assert!(
        ana.core
            .check_ritual_form(&walk(), RitualFormFor::Change("nope"))
            .is_err()
    );

    // A trial's look back: an adjusted trial ends after the one that came.
    let trial = RitualForm {
        trial_until: "2027-03-20".into(),
        ..walk()
    };
    let draft = ana
        .core
        .check_ritual_form(&trial, RitualFormFor::Change(&id))
        .unwrap()
        .draft
        .unwrap();
    ana.core.counter_ritual(&id, &draft).unwrap();
    ana.clock.advance(11 * 86_400_000);
    let again = RitualForm {
        minutes: "25".into(),
        ..trial.clone()
    };
    let c = ana
        .core
        .check_ritual_form(&again, RitualFormFor::Adjust(&id))
        .unwrap();
    assert_eq!(
        c.trial_until.as_deref(),
        Some("Pick a day after Sat 20 Mar 2027, or leave it empty to keep it for good.")
    );
    let review = tandem_core::rituals::Review::Adjust(Box::new(again.draft()));
    invalid(ana.core.review_ritual(&id, &review), "adjusted trial");
    // A counter may carry the trial end that came; an adjustment may not.
    assert!(
        ana.core
            .check_ritual_form(&again, RitualFormFor::Change(&id))
            .unwrap()
            .draft
            .is_some()
    );
    let later = RitualForm {
        trial_until: "2027-04-30".into(),
        ..again
    };
    let c = ana
        .core
        .check_ritual_form(&later, RitualFormFor::Adjust(&id))
        .unwrap();
    let review = tandem_core::rituals::Review::Adjust(Box::new(c.draft.unwrap()));
    ana.core.review_ritual(&id, &review).unwrap();
}

#[test]
fn the_form_reads_in_german() {
    let mut ben = device("Ben", &KEY_B, NOW);
    ben.core.set_locale("de-DE").unwrap();
    let bad = RitualForm {
        title: " ".into(),
        minutes: "0".into(),
        repeat: FrequencyDraft::Weekdays(vec![]),
        start: "2027-05-01".into(),
        until: "2027-04-01".into(),
        window_end: "18:00".into(),
        ..walk()
    };
    let c = ben
        .core
        .check_ritual_form(&bad, RitualFormFor::New)
        .unwrap();
    assert_eq!(
        c.title.as_deref(),
        Some("Gib deinem Ritual einen kurzen Titel.")
    );
    assert_eq!(
        c.minutes.as_deref(),
        Some("Die Dauer ist eine ganze Zahl von Minuten, 1 bis 1440.")
    );
    assert_eq!(
        c.repeat.as_deref(),
        Some("Wähle mindestens einen Wochentag.")
    );
    assert_eq!(
        c.end.as_deref(),
        Some("Das Ende liegt am oder nach dem Startdatum.")
    );
    assert_eq!(
        c.window_end.as_deref(),
        Some("Das Zeitfenster endet nach seinem Beginn.")
    );
}

/// Mostly the first option (one that reads well), sometimes any.
fn text(options: &[&str]) -> impl Strategy<Value = String> + use<> {
    let owned: Vec<String> = options.iter().map(|s| s.to_string()).collect();
    prop_oneof![6 => Just(owned[0].clone()), 1 => proptest::sample::select(owned)]
}

fn forms() -> impl Strategy<Value = RitualForm> {
    let repeat = prop_oneof![
        4 => Just(FrequencyDraft::Daily),
        1 => proptest::collection::vec(0u8..9, 0..3).prop_map(FrequencyDraft::Weekdays),
        1 => prop_oneof![Just(0u32), Just(3), Just(367)].prop_map(FrequencyDraft::EveryNDays),
        1 => Just(FrequencyDraft::Weekly),
        1 => prop_oneof![Just(0u32), Just(15), Just(32)].prop_map(FrequencyDraft::MonthlyOnDay),
        1 => (prop_oneof![Just(-1), Just(0), Just(2), Just(6)], 0u8..9)
            .prop_map(|(nth, weekday)| FrequencyDraft::MonthlyOnWeekday { nth, weekday }),
    ];
    let typed = (
        text(&["Walk", "", " ", &"x".repeat(81), "a\u{7}b"]),
        text(&["", "Say one thing", &"p".repeat(501)]),
        text(&["20", "0", "1440", "1441", "ten", " 30 ", ""]),
        text(&["19:30", "7pm", "24:00", "9:05", "00:00"]),
        prop_oneof![
            4 => Just(None),
            2 => Just(Some("Europe/Berlin".to_owned())),
            1 => Just(Some("Mars/Base".to_owned())),
            1 => Just(Some(String::new())),
        ],
        repeat,
    );
    let dates = (
        text(&["", "2027-03-01", "2027-02-30", "1899-01-01"]),
        text(&["", "2027-02-01", "2027-06-01", "bad"]),
        prop_oneof![
            Just(None),
            Just(Some(0u32)),
            Just(Some(5)),
            Just(Some(10_001))
        ],
        text(&["", "18:00", "21:00", "25:00"]),
        proptest::collection::vec(
            prop_oneof![Just(0u32), Just(10), Just(1440), Just(1441)],
            0..6,
        ),
        text(&[
            "",
            "2027-03-09",
            "2027-03-10",
            "2027-04-01",
            "2028-06-01",
            "2027-02-01",
            "x",
        ]),
    );
    (typed, dates).prop_map(
        |(
            (title, prompt, minutes, time_of_day, zone, repeat),
            (start, until, count, window_end, leads, trial_until),
        )| RitualForm {
            title,
            prompt,
            minutes,
            time_of_day,
            zone,
            repeat,
            start,
            until,
            count,
            window_end,
            leads,
            trial_until,
        },
    )
}

/// For many forms, new and as a change to a ritual: the check hands out a
/// draft exactly when sending the form is accepted, and a refused send is
/// invalid input, as the check's words said.
#[test]
fn the_check_passes_exactly_when_the_send_is_accepted() {
    let d = RefCell::new(device("Ana", &KEY_A, NOW));
    let id = {
        let mut d = d.borrow_mut();
        let draft = d
            .core
            .check_ritual_form(&walk(), RitualFormFor::New)
            .unwrap()
            .draft
            .unwrap();
        d.core.add_personal_ritual(&draft).unwrap().id
    };
    let mut runner = TestRunner::new(Config {
        cases: 300,
        failure_persistence: None,
        ..Config::default()
    });
    let (mut sent, mut refused) = (0, 0);
    let counts = RefCell::new((&mut sent, &mut refused));
    runner
        .run(&(forms(), any::<bool>()), |(form, change)| {
            let mut d = d.borrow_mut();
            let base = if change {
                RitualFormFor::Change(&id)
            } else {
                RitualFormFor::New
            };
            let check = d.core.check_ritual_form(&form, base).unwrap();
            let draft = check.draft.clone().unwrap_or_else(|| form.draft());
            let result = if change {
                d.core.counter_ritual(&id, &draft)
            } else {
                d.core.propose_ritual(&draft)
            };
            let mut c = counts.borrow_mut();
            match (&check.draft, result) {
                (Some(_), Ok(_)) => *c.0 += 1,
                (None, Err(tandem_core::Error::InvalidInput(_))) => *c.1 += 1,
                (checked, sent) => {
                    return Err(TestCaseError::fail(format!(
                        "{form:?}: check {checked:?} / {check:?}, send {sent:?}"
                    )));
                }
            }
            Ok(())
        })
        .unwrap();
    assert!(sent > 5 && refused > 5, "sent {sent}, refused {refused}");
}
