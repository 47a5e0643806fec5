//! Safe when the partner is the one holding the phone (issue 15): nothing
//! measures the partner, the app lock is the core's decision, reminders are
//! quiet by default, a clean exit after unpairing, an honest mirror and
//! audit, and both partners' words on a done occurrence.

mod common;

use common::*;
use tandem_core::checkins::{Capacity, Entry, Need};
use tandem_core::export::mirror::{AuditChange, VisibleKind};
use tandem_core::journal::{Happened, PatternDraft};
use tandem_core::lock::{AppLock, Guarded};
use tandem_core::reminders::ReminderSettings;
use tandem_core::{PauseState, RitualStatus};

const HOUR: i64 = 3_600_000;

fn appreciation(text: &str) -> Entry {
    Entry::Appreciation { text: text.into() }
}

fn accepted_walk(ana: &mut Device, ben: &mut Device) -> String {
    let walk = ana
        .core
        .propose_ritual(&draft("Evening walk", "19:00", Some("Europe/Berlin")))
        .unwrap();
    sync(ana, ben);
    ben.core.accept_ritual(&walk.id).unwrap();
    sync(ana, ben);
    walk.id
}

#[test]
fn a_forgotten_pause_leaves_the_partners_today_after_a_day_and_is_never_judged_there() {
    let (mut ana, mut ben) = paired();
    let pause = ben.core.start_pause(Some(20), None).unwrap();
    sync(&mut ana, &mut ben);
    // An hour later Ben has not ended it: his phone says it is time to
    // reconnect; Ana's shows it running, never late.
    for d in [&mut ana, &mut ben] {
        d.clock.advance(HOUR);
    }
    let on_ben = ben.core.pauses().unwrap().remove(0);
    assert_eq!(
        on_ben.state_for(ben.core.device_id(), ben.clock_now()),
        PauseState::TimeToReconnect
    );
    let today = ana.core.today("Europe/Berlin").unwrap();
    assert_eq!(today.pauses.len(), 1, "still within its day");
    let on_ana = &today.pauses[0];
    assert_eq!(
        on_ana.state_for(ana.core.device_id(), ana.clock_now()),
        PauseState::Running
    );
    // At 24 hours after it began, the longest a pause may last, it quietly
    // ends on Ana's phone; Ben still sees his own.
    ana.clock.set(pause.started_at_ms + 24 * HOUR - 1);
    assert_eq!(ana.core.today("UTC").unwrap().pauses.len(), 1);
    ana.clock.set(pause.started_at_ms + 24 * HOUR);
    assert!(ana.core.today("UTC").unwrap().pauses.is_empty());
    ben.clock.set(pause.started_at_ms + 48 * HOUR);
    assert_eq!(ben.core.today("UTC").unwrap().pauses.len(), 1);
    // Ended late: whether it was kept is Ben's to see, not Ana's.
    ben.core.end_pause(&pause.id).unwrap();
    ana.clock.set(ben.clock_now());
    sync(&mut ana, &mut ben);
    let ended_on_ana = ana.core.pauses().unwrap().remove(0);
    assert_eq!(ended_on_ana.kept_for(ana.core.device_id()), None);
    let ended_on_ben = ben.core.pauses().unwrap().remove(0);
    assert_eq!(ended_on_ben.kept_for(ben.core.device_id()), Some(false));
}

/// Every figure and sentence a phone shows, as text, for reading.
fn shown(d: &Device) -> Vec<String> {
    let i = d.core.insights(5, "Europe/Berlin").unwrap();
    let mut out: Vec<String> = i.sentences.clone();
    out.extend(
        i.series
            .iter()
            .map(|s| format!("series {}: {:?}", s.name, s.values)),
    );
    out.extend(
        i.milestones
            .iter()
            .map(|m| format!("milestone {}", m.title)),
    );
    out.extend(i.triggers.iter().map(|c| format!("trigger {}", c.label)));
    out
}

/// A scripted month: Ana keeps her word, and Ben either does too or, in the
/// other run, misses every return, gives no appreciations and checks in
/// never. Returns both phones after the month.
fn month(ben_misses: bool) -> (Device, Device) {
    let (mut ana, mut ben) = paired();
    let walk = accepted_walk(&mut ana, &mut ben);
    for day in 0..28 {
        let date = (chrono::NaiveDate::from_ymd_opt(2027, 3, 11).unwrap()
            + chrono::Duration::days(day))
        .to_string();
        for d in [&mut ana, &mut ben] {
            d.clock.set(ms(&format!("{date}T18:00:00Z")));
        }
        // Ana pauses every fourth day and comes back as promised.
        if day % 4 == 0 {
            let p = ana.core.start_pause(Some(20), None).unwrap();
            ana.clock.advance(10 * 60_000);
            ana.core.end_pause(&p.id).unwrap();
        }
        // Ben pauses every third day; in the missing run he ends each one
        // only days late, when he next needs one.
        if day % 3 == 0 {
            if let Some(late) = ben.core.pauses().unwrap().into_iter().find(|p| p.running()) {
                ben.core.end_pause(&late.id).unwrap();
            }
            let p = ben.core.start_pause(Some(20), None).unwrap();
            if !ben_misses {
                ben.clock.advance(10 * 60_000);
                ben.core.end_pause(&p.id).unwrap();
            }
        }
        if day % 2 == 0 {
            ana.core
                .record_entry(appreciation("Thank you for dinner"), true)
                .unwrap();
            ana.core
                .record_entry(
                    Entry::CheckIn {
                        temperature: 5,
                        capacity: Capacity::Some,
                        need: Need::Closeness,
                        note: None,
                    },
                    true,
                )
                .unwrap();
        }
        if !ben_misses {
            ben.core
                .record_entry(appreciation("Thanks for the walk"), true)
                .unwrap();
            ben.core
                .record_entry(
                    Entry::CheckIn {
                        temperature: 8,
                        capacity: Capacity::Low,
                        need: Need::Space,
                        note: None,
                    },
                    true,
                )
                .unwrap();
        }
        if day % 7 == 1 {
            ana.core
                .write_journal(&PatternDraft {
                    happened: Happened::Withdrew,
                    tags: vec!["tired".into()],
                    topic: None,
                    temperature_before: Some(7),
                    note: None,
                })
                .unwrap();
        }
        // The walk is kept by whoever marks it (Ana, most days).
        if day % 5 != 4 {
            ana.clock.set(ms(&format!("{date}T19:30:00Z")));
            ana.core.mark_done(&walk, &date, None, None).unwrap();
        }
        sync(&mut ana, &mut ben);
    }
    (ana, ben)
}

#[test]
fn no_insight_on_either_phone_names_what_the_partner_did_not_do() {
    let (ana, ben) = month(true);
    let (ana_kept, _) = month(false);
    // Every sentence and series both phones can show from this month is
    // about the person whose phone it is, or about both together.
    let allowed = [
        "Before you withdrew or went quiet,",
        "In the hours before a silence you ran warmer than usual",
        "Talks about",
        "Together you kept",
        "You took",
        "series rituals kept:",
        "series rituals scheduled:",
        "series personal rituals kept:",
        "series personal rituals scheduled:",
        "series pauses started:",
        "series pauses kept:",
        "series appreciations given:",
        "series repairs:",
        "series my check-ins:",
        "series withdrawals and silences:",
        "milestone ",
        "trigger ",
    ];
    for (who, d) in [("Ana", &ana), ("Ben", &ben)] {
        let lines = shown(d);
        assert!(lines.len() >= 10, "{who}: {lines:?}");
        for line in &lines {
            assert!(
                allowed.iter().any(|a| line.starts_with(a)),
                "{who} sees something not about them or both: {line}"
            );
            let lower = line.to_lowercase();
            for word in [
                "partner",
                "ben",
                "ana",
                "received",
                "started most",
                "missed",
            ] {
                assert!(!lower.contains(word), "{who}: {line}");
            }
        }
    }
    // Ben's own phone counts his pauses as his progress: none came back.
    assert!(
        shown(&ben)
            .iter()
            .any(|l| l.starts_with("You took 10 pauses and came back as promised from 0")),
        "{:?}",
        shown(&ben)
    );
    // And nothing Ben did alone moves Ana's figures: her phone shows the same
    // month whether he kept every return and appreciation or none.
    assert_eq!(shown(&ana), shown(&ana_kept));
}

#[test]
fn reminders_are_quiet_by_default_with_words_for_who_they_are_for() {
    let (mut ana, mut ben) = paired();
    accepted_walk(&mut ana, &mut ben);
    ana.core
        .add_personal_ritual(&draft("Stretch", "20:00", Some("Europe/Berlin")))
        .unwrap();
    assert_eq!(
        ana.core.reminder_settings().unwrap(),
        ReminderSettings::default()
    );
    assert!(ana.core.reminder_settings().unwrap().hide_content);
    let plan = ana.core.plan_reminders("Europe/Berlin", 10).unwrap();
    let words: std::collections::BTreeSet<(&str, bool, &str)> = plan
        .iter()
        .map(|r| (r.title.as_str(), r.hide_content, r.private_body.as_str()))
        .collect();
    assert_eq!(
        words.into_iter().collect::<Vec<_>>(),
        vec![
            ("Evening walk", true, "A moment for the two of you"),
            ("Stretch", true, "A moment for yourself"),
        ]
    );
    assert!(plan.iter().all(|r| r.private_title == "Tandem"));
    // Showing the text is the person's choice, and it stays chosen.
    ana.core
        .set_reminder_settings(&ReminderSettings {
            quiet: None,
            hide_content: false,
        })
        .unwrap();
    assert!(!ana.core.reminder_settings().unwrap().hide_content);
}

#[test]
fn the_app_lock_is_a_setting_in_the_core_and_in_the_audit() {
    let mut ana = device("Ana", &KEY_A, "2027-03-10T18:00:00Z");
    assert_eq!(ana.core.app_lock().unwrap(), AppLock::Off);
    invalid(
        ana.core.set_app_lock(AppLock::On {
            after_seconds: 3601,
        }),
        "0 to 3600 seconds",
    );
    assert_eq!(ana.core.app_lock().unwrap(), AppLock::Off, "nothing stored");
    ana.core
        .set_app_lock(AppLock::On { after_seconds: 60 })
        .unwrap();
    let lock = ana.core.app_lock().unwrap();
    assert_eq!(lock, AppLock::On { after_seconds: 60 });
    assert!(lock.due(None) && !lock.due(Some(30_000)) && lock.due(Some(61_000)));
    assert!(lock.guards(Guarded::PlaintextExport) && lock.guards(Guarded::Wipe));
    ana.clock.advance(1_000);
    // A new grace time is no new event; switching off is.
    ana.core
        .set_app_lock(AppLock::On { after_seconds: 0 })
        .unwrap();
    ana.core.set_app_lock(AppLock::Off).unwrap();
    let audit: Vec<AuditChange> = ana
        .core
        .sharing_audit()
        .unwrap()
        .iter()
        .map(|a| a.change)
        .collect();
    assert_eq!(audit, [AuditChange::LockOff, AuditChange::LockOn]);
}

#[test]
fn a_clean_exit_stops_what_was_shared_and_deletes_the_partners_records_only() {
    let (mut ana, mut ben) = paired();
    let walk = accepted_walk(&mut ana, &mut ben);
    let stretch = ana
        .core
        .add_personal_ritual(&draft("Stretch", "20:00", Some("Europe/Berlin")))
        .unwrap();
    let deal = ana
        .core
        .propose_agreement(&tandem_core::AgreementDraft {
            title: "Phones away at dinner".into(),
            text: "No phones at the table.".into(),
            review_on: Some("2027-03-20".into()),
            ..tandem_core::AgreementDraft::default()
        })
        .unwrap();
    sync(&mut ana, &mut ben);
    let version: String = deal.versions[0]
        .hash
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    ben.core.accept_agreement(&deal.id, &version).unwrap();
    // Waiting for Ana's answer when she leaves.
    ben.core
        .propose_ritual(&draft("Sunday brunch", "11:00", Some("Europe/Berlin")))
        .unwrap();
    ben.core
        .propose_agreement(&tandem_core::AgreementDraft {
            title: "Weekly budget talk".into(),
            text: "Sundays, ten minutes.".into(),
            ..tandem_core::AgreementDraft::default()
        })
        .unwrap();
    ben.core
        .record_entry(appreciation("Ben-Appreciation-8812"), true)
        .unwrap();
    ben.core.add_boundary("Ben-Boundary-8813", true).unwrap();
    ben.core
        .start_pause(Some(60), Some("Ben-Pause-8814"))
        .unwrap();
    ben.core
        .mark_done(&walk, "2027-03-10", Some("Ben-Note-8815"), Some("warm"))
        .unwrap();
    ana.core
        .record_entry(appreciation("Ana-Appreciation-7701"), true)
        .unwrap();
    ana.core
        .write_journal(&PatternDraft {
            happened: Happened::WentSilent,
            tags: vec!["Ana-Private-Tag".into()],
            topic: None,
            temperature_before: None,
            note: Some("Ana-Private-7702".into()),
        })
        .unwrap();
    sync(&mut ana, &mut ben);
    let plain = ana.core.export_plaintext().unwrap();
    for text in [
        "Ben-Appreciation-8812",
        "Ben-Boundary-8813",
        "Ben-Pause-8814",
        "Ben-Note-8815",
    ] {
        assert!(contains(&plain, text.as_bytes()), "{text} arrived");
    }

    // Neither step before unpairing: a paired phone would only sync back.
    not_allowed(ana.core.stop_shared(), "unpair first");
    not_allowed(ana.core.delete_partner_data(), "unpair first");

    ana.core.unpair().unwrap();
    // Unpaired alone: the walk and its reminders go on until stopped.
    assert!(
        ana.core
            .plan_reminders("Europe/Berlin", 50)
            .unwrap()
            .iter()
            .any(|r| r.source_id == walk)
    );
    let waiting = ana.core.today("Europe/Berlin").unwrap();
    assert_eq!(
        (
            waiting.ritual_invitations.len(),
            waiting.agreement_invitations.len()
        ),
        (1, 1)
    );
    let stopped = ana.core.stop_shared().unwrap();
    assert_eq!(
        stopped, 5,
        "the walk, the brunch, two agreements and Ben's pause"
    );
    assert_eq!(
        ana.core.ritual(&walk).unwrap().status,
        RitualStatus::Retired
    );
    assert_eq!(
        ana.core.agreement(&deal.id).unwrap().status,
        tandem_core::AgreementStatus::Withdrawn
    );
    let plan = ana.core.plan_reminders("Europe/Berlin", 50).unwrap();
    assert!(!plan.is_empty());
    assert!(
        plan.iter().all(|r| r.source_id == stretch.id),
        "only the personal ritual is reminded: {:?}",
        plan.iter().map(|r| &r.title).collect::<Vec<_>>()
    );
    let today = ana.core.today("Europe/Berlin").unwrap();
    assert!(today.pauses.is_empty(), "Ben's pause no longer shows");
    assert!(today.ritual_invitations.is_empty() && today.agreement_invitations.is_empty());
    assert!(today.occurrences.iter().all(|o| o.personal));
    // Ben's phone knows nothing of it: no payload was made.
    assert_eq!(ben.core.ritual(&walk).unwrap().status, RitualStatus::Active);

    let before = ana.core.journal(i64::MIN, i64::MAX).unwrap();
    let deleted = ana.core.delete_partner_data().unwrap();
    assert_eq!(deleted, 4, "appreciation, boundary, pause, mark");
    let plain = ana.core.export_plaintext().unwrap();
    for text in [
        "Ben-Appreciation-8812",
        "Ben-Boundary-8813",
        "Ben-Pause-8814",
        "Ben-Note-8815",
    ] {
        assert!(!contains(&plain, text.as_bytes()), "{text} is gone");
    }
    // Ana's own words stay: her appreciation, her private log.
    assert!(contains(&plain, b"Ana-Appreciation-7701"));
    assert!(contains(&plain, b"Ana-Private-7702"));
    assert_eq!(ana.core.journal(i64::MIN, i64::MAX).unwrap(), before);
    assert!(ana.core.boundaries().unwrap().is_empty());
    // The walk's terms stay as the couple's record, retired here.
    assert_eq!(ana.core.ritual(&walk).unwrap().title, "Evening walk");
    // The audit tells the story, newest first.
    let audit: Vec<AuditChange> = ana
        .core
        .sharing_audit()
        .unwrap()
        .iter()
        .map(|a| a.change)
        .take(5)
        .collect();
    assert_eq!(
        audit,
        [
            AuditChange::ExportedPlaintext,
            AuditChange::DeletedPartnerData,
            AuditChange::StoppedShared,
            AuditChange::Unpaired,
            AuditChange::ExportedPlaintext,
        ]
    );
    // The screen says each as a sentence, on this phone's clock.
    let screen = ana.core.visibility_screen("Europe/Berlin").unwrap();
    let said: Vec<&str> = screen.audit[..4].iter().map(|a| a.text.as_str()).collect();
    assert_eq!(
        said,
        [
            "You exported everything unsealed (plain text)",
            "You deleted your partner's shared data from this phone",
            "You stopped the shared rituals and agreements here",
            "You unpaired this phone",
        ]
    );
    // A phone restored from Ana's backup keeps what she stopped stopped.
    let backup = ana.core.export_data("ox elm fig yew").unwrap();
    let mut restored = device("Ana", &[7; 32], "2027-03-12T18:00:00Z");
    restored
        .core
        .import_data(&backup, Some("ox elm fig yew"))
        .unwrap();
    assert_eq!(
        restored.core.ritual(&walk).unwrap().status,
        RitualStatus::Retired
    );
    assert!(
        restored
            .core
            .plan_reminders("Europe/Berlin", 50)
            .unwrap()
            .iter()
            .all(|r| r.source_id == stretch.id)
    );
}

#[test]
fn the_mirror_lists_what_was_made_private_answers_notes_and_rest_weeks() {
    let (mut ana, mut ben) = paired();
    let walk = accepted_walk(&mut ana, &mut ben);
    // Ben's walk this time: Ana's acceptance is an answer he holds.
    let run = ben
        .core
        .propose_ritual(&draft("Morning run", "07:00", Some("Europe/Berlin")))
        .unwrap();
    sync(&mut ana, &mut ben);
    ana.core.accept_ritual(&run.id).unwrap();
    let b = ana.core.add_boundary("Ana-Said-Once-4410", true).unwrap();
    sync(&mut ana, &mut ben);
    ana.core.share_boundary(&b.id, false).unwrap();
    ana.core
        .mark_done(&walk, "2027-03-10", Some("so good"), Some("close"))
        .unwrap();
    // Words on a personal ritual never leave the phone: not in the mirror.
    let journal = ana
        .core
        .add_personal_ritual(&draft("Journal", "07:00", Some("Europe/Berlin")))
        .unwrap();
    for d in [&mut ana, &mut ben] {
        d.clock.set(ms("2027-03-11T09:00:00Z"));
    }
    ana.core
        .mark_done(&journal.id, "2027-03-11", Some("Journal-Words-3391"), None)
        .unwrap();
    ana.core
        .set_rest_week("2027-03-22", true, "Europe/Berlin")
        .unwrap();
    ben.core
        .set_rest_week("2027-03-29", true, "Europe/Berlin")
        .unwrap();
    sync(&mut ana, &mut ben);

    let seen = ana.core.what_partner_sees().unwrap();
    let find = |kind: VisibleKind| -> Vec<&tandem_core::export::mirror::Visible> {
        seen.iter().filter(|v| v.kind == kind).collect()
    };
    let private = find(VisibleKind::MadePrivate);
    assert_eq!(private.len(), 1);
    assert_eq!(private[0].summary, "Ana-Said-Once-4410");
    assert_eq!(
        private[0].caveat.as_deref(),
        Some(
            "Already on your partner's phone: making it private again stops further sharing but cannot recall it."
        )
    );
    assert!(find(VisibleKind::Boundary).is_empty(), "no longer shared");
    let notes: Vec<&str> = find(VisibleKind::RitualNote)
        .iter()
        .map(|v| v.summary.as_str())
        .collect();
    assert_eq!(notes, ["close: so good"]);
    let answers: Vec<&str> = find(VisibleKind::Answer)
        .iter()
        .map(|v| v.summary.as_str())
        .collect();
    assert_eq!(answers, ["Accepted “Morning run”"]);
    let rest: Vec<(&str, &str)> = find(VisibleKind::RestWeek)
        .iter()
        .map(|v| (v.id.as_str(), v.summary.as_str()))
        .collect();
    assert_eq!(
        rest,
        [("2027-03-22", "The week of Mon 22 Mar 2027")],
        "only the week Ana declared"
    );
    // On the screen: the note dated by its day, what was made private
    // last, with its caveat.
    let screen = ana.core.visibility_screen("Europe/Berlin").unwrap();
    let note = screen
        .groups
        .iter()
        .find(|g| g.kind == VisibleKind::RitualNote)
        .unwrap();
    assert_eq!(note.heading, "Notes on shared rituals");
    assert_eq!(note.rows[0].since.as_deref(), Some("Wed 10 Mar 2027"));
    let last = screen.groups.last().unwrap();
    assert_eq!(last.kind, VisibleKind::MadePrivate);
    assert!(last.rows[0].caveat.is_some());
    // In German: the catalog's words, the person's own as written.
    ana.core.set_locale("de-DE").unwrap();
    let de = ana.core.visibility_screen("Europe/Berlin").unwrap();
    let summaries = |kind: VisibleKind| -> Vec<&str> {
        de.groups
            .iter()
            .filter(|g| g.kind == kind)
            .flat_map(|g| &g.rows)
            .map(|r| r.summary.as_str())
            .collect()
    };
    assert_eq!(summaries(VisibleKind::Answer), ["„Morning run“ angenommen"]);
    assert_eq!(
        summaries(VisibleKind::RestWeek),
        ["Die Woche ab Mo 22. März 2027"]
    );
    assert_eq!(summaries(VisibleKind::MadePrivate), ["Ana-Said-Once-4410"]);
    assert!(
        summaries(VisibleKind::SharedRitual)
            .iter()
            .all(|s| s.ends_with("(aktiv)")),
        "{:?}",
        summaries(VisibleKind::SharedRitual)
    );
    assert_eq!(de.audit[0].text, "Du hast eine Ruhewoche eingelegt");
    // The audit has every sharing event, the mark and the rest week too.
    let audit: Vec<AuditChange> = ana
        .core
        .sharing_audit()
        .unwrap()
        .iter()
        .map(|a| a.change)
        .collect();
    for event in [
        AuditChange::BoundaryUnshared,
        AuditChange::BoundaryShared,
        AuditChange::RitualDoneWithWords,
        AuditChange::RestDeclared,
        AuditChange::RitualAccepted,
        AuditChange::RitualProposed,
    ] {
        assert!(audit.contains(&event), "{event:?}: {audit:?}");
    }
}

#[test]
fn both_partners_feelings_on_one_done_are_kept_and_both_read_them() {
    let (mut ana, mut ben) = paired();
    let walk = accepted_walk(&mut ana, &mut ben);
    ana.core
        .mark_done(&walk, "2027-03-10", Some("the river"), Some("calm"))
        .unwrap();
    ben.clock.advance(60_000);
    ben.core
        .mark_done(&walk, "2027-03-10", None, Some("close"))
        .unwrap();
    sync(&mut ana, &mut ben);
    let said = |d: &Device| {
        let o = d
            .core
            .upcoming(
                ms("2027-03-10T00:00:00Z"),
                ms("2027-03-11T00:00:00Z"),
                "UTC",
            )
            .unwrap()
            .remove(0);
        o.said
            .into_iter()
            .map(|s| (s.mine, s.feeling, s.note))
            .collect::<Vec<_>>()
    };
    let ana_first = (Some("calm".to_string()), Some("the river".to_string()));
    let ben_second = (Some("close".to_string()), None);
    assert_eq!(
        said(&ana),
        vec![
            (true, ana_first.0.clone(), ana_first.1.clone()),
            (false, ben_second.0.clone(), ben_second.1.clone())
        ]
    );
    assert_eq!(
        said(&ben),
        vec![
            (false, ana_first.0, ana_first.1),
            (true, ben_second.0, ben_second.1)
        ]
    );
    // Ben's feeling is in what his phone's mirror says Ana holds.
    assert!(
        ben.core
            .what_partner_sees()
            .unwrap()
            .iter()
            .any(|v| v.kind == VisibleKind::RitualNote && v.summary == "close")
    );
}

#[test]
fn a_clean_exit_is_refused_cleanly_when_nothing_was_ever_paired() {
    let mut ana = device("Ana", &KEY_A, "2027-03-10T18:00:00Z");
    // Never paired: nothing to stop or delete, and no error either.
    assert_eq!(ana.core.stop_shared().unwrap(), 0);
    assert_eq!(ana.core.delete_partner_data().unwrap(), 0);
    assert!(ana.core.sharing_audit().unwrap().len() == 2);
}
