//! Every screen through the message catalog: in the pseudo-locale each
//! word the core shows is marked `⟦…⟧`, so any text that bypassed the
//! catalog stands out (the couple's own words and pure times aside); in
//! German the rituals screen reads in German.

mod common;

use common::*;
use tandem_core::RitualDraft;
use tandem_core::catalog::Locale;
use tandem_core::checkins::{Capacity, Entry, Need, RepairAct};
use tandem_core::phrases::Situation;
use tandem_core::screens::refusals::{Doing, Refused, refusal_in};
use tandem_core::screens::rituals::RitualsScreen;

const ZONE: &str = "Europe/Berlin";

/// Catalog text: marked, and no variable left unfilled.
fn worded(what: &str, text: &str) {
    assert!(text.contains('⟦'), "{what} bypassed the catalog: <{text}>");
    assert!(!text.contains("{$"), "{what} misses a variable: <{text}>");
}

/// A pure time ("20:30", "21:10").
fn a_time(text: &str) {
    assert!(
        text.chars().all(|c| c.is_ascii_digit() || c == ':'),
        "<{text}> is not a pure time"
    );
}

fn check_rituals(s: &RitualsScreen) -> usize {
    let mut seen = 0;
    for row in s.rows.iter().chain(&s.ended) {
        // `title` is the couple's own; `id`, `answer_version` are not shown.
        a_time(&row.time);
        worded("length", &row.length);
        worded("status", &row.status);
        for b in &row.buttons {
            worded("button", &b.label);
        }
        for text in row
            .zone_note
            .iter()
            .chain(&row.suggestion)
            .chain(&row.trial_note)
            .chain(&row.reads)
            .chain(&row.changes)
        {
            worded("row text", text);
        }
        seen += 1;
    }
    if let Some(text) = &s.empty {
        worded("empty", text);
    }
    seen
}

/// Every word on Today; what it showed, by kind, added to `seen`.
fn check_today(d: &Device, seen: &mut std::collections::BTreeSet<&'static str>) {
    use tandem_core::screens::today::ItemKind;
    let s = d.core.today_screen(ZONE).unwrap();
    for (kind, rows) in [
        ("due", &s.due),
        ("coming", &s.coming),
        ("earlier", &s.earlier),
    ] {
        for r in rows {
            seen.insert(kind);
            a_time(&r.time);
            worded("today detail", &r.detail);
            for b in &r.buttons {
                worded("today button", &b.label);
            }
            for text in r.zone_time.iter().chain(&r.personal_note).chain(&r.said) {
                worded("today row text", text);
            }
            if !r.said.is_empty() {
                seen.insert("said");
            }
        }
    }
    for (kind, items) in [("invitation", &s.invitations), ("review", &s.reviews)] {
        for i in items {
            seen.insert(kind);
            worded("today headline", &i.headline);
            // An agreement's detail is the couple's own text.
            if i.kind == ItemKind::Ritual {
                worded("today item detail", &i.detail);
            }
            for text in i.reads.iter().chain(&i.changes) {
                worded("today item text", text);
            }
            for b in &i.buttons {
                worded("today button", &b.label);
            }
        }
    }
    if let Some(p) = &s.pause {
        seen.insert("pause");
        worded("today pause", &p.text);
    }
    if let Some(r) = &s.next_reminder {
        seen.insert("reminder");
        worded("today reminder", r);
    }
    if let Some(e) = &s.empty {
        seen.insert("empty");
        worded("today empty", e);
    }
    worded("today snooze", &s.snooze.label);
    let h = &s.headings;
    for heading in [&h.due, &h.coming, &h.earlier, &h.invitations, &h.reviews] {
        worded("today heading", heading);
    }
}

/// Rituals in every status on both phones: waiting either way, another
/// time suggested, active and paused with a change waiting either way,
/// declined, retired, personal (paused too), a fixed zone and a trial.
fn every_status() -> (Device, Device, String) {
    let (mut ana, mut ben) = paired();
    let propose = |d: &mut Device, title: &str, edit: &dyn Fn(&mut RitualDraft)| {
        let mut draft = draft(title, "20:30", None);
        edit(&mut draft);
        d.core.propose_ritual(&draft).unwrap().id
    };
    propose(&mut ana, "Walk", &|_| {});
    let countered = propose(&mut ana, "Tea", &|_| {});
    let active_change = propose(&mut ana, "Call", &|_| {});
    let paused_change = propose(&mut ana, "Stretch", &|_| {});
    let declined = propose(&mut ana, "Dance", &|_| {});
    let retired = propose(&mut ana, "Cook", &|_| {});
    let plain = propose(&mut ana, "Read", &|d| d.zone = Some("Asia/Tokyo".into()));
    let quiet = propose(&mut ana, "Quiet", &|_| {});
    let trial = propose(&mut ana, "Trial", &|d| {
        d.trial_until = Some("2027-03-12".into());
    });
    ana.core
        .add_personal_ritual(&draft("Journal", "07:00", None))
        .unwrap();
    let breathe = ana
        .core
        .add_personal_ritual(&draft("Breathe", "07:30", None))
        .unwrap();
    ana.core.pause_ritual(&breathe.id).unwrap();
    sync(&mut ana, &mut ben);
    ben.core
        .counter_ritual(&countered, &draft("Tea", "21:00", None))
        .unwrap();
    for id in [
        &active_change,
        &paused_change,
        &retired,
        &plain,
        &quiet,
        &trial,
    ] {
        ben.core.accept_ritual(id).unwrap();
    }
    ben.core.decline_ritual(&declined).unwrap();
    sync(&mut ben, &mut ana);
    ana.core.retire_ritual(&retired).unwrap();
    ana.core.pause_ritual(&quiet).unwrap();
    ana.core.pause_ritual(&paused_change).unwrap();
    ana.core
        .counter_ritual(&active_change, &draft("Call", "21:15", None))
        .unwrap();
    sync(&mut ana, &mut ben);
    ben.core
        .counter_ritual(&paused_change, &draft("Stretch", "06:45", None))
        .unwrap();
    sync(&mut ben, &mut ana);
    (ana, ben, trial)
}

#[test]
fn every_screen_in_the_pseudo_locale_is_worded_by_the_catalog() {
    let (mut ana, mut ben, trial) = every_status();
    for d in [&mut ana, &mut ben] {
        d.core.set_locale("en-XA").unwrap();
        assert_eq!(d.core.locale(), Locale::Pseudo);
    }
    let mut statuses = std::collections::BTreeSet::new();
    let mut on_today = std::collections::BTreeSet::new();
    for d in [&ana, &ben] {
        check_today(d, &mut on_today);
    }
    // Ben does not see Ana's two personal rituals.
    for (d, rows) in [(&ana, 11), (&ben, 9)] {
        let s = d.core.rituals_screen(ZONE).unwrap();
        assert_eq!(check_rituals(&s), rows);
        statuses.extend(s.rows.iter().chain(&s.ended).map(|r| r.status.clone()));
        let t = s.rows.iter().find(|r| r.id == trial).unwrap();
        assert!(t.trial_note.is_some());
    }
    // Every status a row shows was reached: waiting either way, another
    // time, a change waiting either way (active, paused), active, paused,
    // not going ahead, retired, and the two personal ones.
    assert_eq!(statuses.len(), 13, "{statuses:#?}");
    // A look back due, and an empty screen.
    for d in [&mut ana, &mut ben] {
        d.clock.advance(3 * 86_400_000);
        let s = d.core.rituals_screen(ZONE).unwrap();
        assert!(s.rows[0].review_due);
        check_rituals(&s);
        check_today(d, &mut on_today);
    }
    let mut fresh = device("Cleo", &KEY_A, "2027-03-10T18:00:00Z");
    fresh.core.set_locale("en-XA").unwrap();
    let empty = fresh.core.rituals_screen(ZONE).unwrap();
    assert_eq!(check_rituals(&empty), 0);
    assert!(empty.empty.is_some());
    check_today(&fresh, &mut on_today);

    // What pause, extension and snooze offer.
    let offers = ana.core.offers().unwrap();
    for c in offers.pause.iter().chain([&offers.extend, &offers.snooze]) {
        worded("offer", &c.label);
    }

    // The notebook: every kind of entry from both, words on a mark, and
    // an empty one.
    let notebook_empty = fresh.core.notebook(1, ZONE).unwrap();
    worded("notebook empty", notebook_empty.empty.as_deref().unwrap());
    let walk = ana
        .core
        .propose_ritual(&draft("Walk by the river", "10:00", Some(ZONE)))
        .unwrap();
    sync(&mut ana, &mut ben);
    ben.core.accept_ritual(&walk.id).unwrap();
    sync(&mut ben, &mut ana);
    for d in [&mut ana, &mut ben] {
        d.clock.advance(86_400_000);
    }
    let today = "2027-03-14";
    ana.core
        .mark_done(&walk.id, today, Some("lovely"), Some("close"))
        .unwrap();
    ben.core
        .mark_done(&walk.id, today, Some("windy"), None)
        .unwrap();
    sync(&mut ana, &mut ben);
    for d in [&ana, &ben] {
        check_today(d, &mut on_today);
    }
    for (i, received) in [Some(true), Some(false), None].into_iter().enumerate() {
        ana.clock.advance(60_000);
        ana.core
            .record_entry(
                Entry::Repair {
                    act: [RepairAct::Apologised, RepairAct::Joke, RepairAct::Other][i],
                    note: Some("sorry".into()),
                    received,
                },
                true,
            )
            .unwrap();
    }
    // Two days on: the day above reads as a date, today as a word.
    for d in [&mut ana, &mut ben] {
        d.clock.advance(2 * 86_400_000);
    }
    for d in [&mut ana, &mut ben] {
        d.clock.advance(60_000);
        d.core
            .record_entry(
                Entry::CheckIn {
                    temperature: 6,
                    capacity: Capacity::Some,
                    need: Need::NothingRightNow,
                    note: Some("long day".into()),
                },
                true,
            )
            .unwrap();
        d.core
            .record_entry(
                Entry::Appreciation {
                    text: "Thank you.".into(),
                },
                true,
            )
            .unwrap();
        d.core
            .record_entry(
                Entry::Phrase {
                    situation: Situation::AskingForSpace,
                    text: "I need a moment.".into(),
                },
                false,
            )
            .unwrap();
    }
    sync(&mut ana, &mut ben);
    sync(&mut ben, &mut ana);
    let mut kinds = std::collections::BTreeSet::new();
    for d in [&ana, &ben] {
        let n = d.core.notebook(4, ZONE).unwrap();
        assert!(n.empty.is_none());
        assert_eq!(n.days.len(), 2, "today and two days before");
        for day in &n.days {
            worded("heading", &day.heading);
            for item in &day.items {
                // `words` are the couple's own; `time` a pure time.
                worded("headline", &item.headline);
                if let Some(t) = &item.time {
                    a_time(t);
                }
                kinds.insert(format!("{:?}", item.kind));
            }
        }
    }
    assert_eq!(kinds.len(), 5, "{kinds:?}");

    // The check-in screen: the form, today's own check-in, every field's words.
    for d in [&ana, &ben, &fresh] {
        let s = d.core.check_in_screen(ZONE).unwrap();
        for text in [
            &s.prompt,
            &s.note_label,
            &s.share_label,
            &s.submit_label,
            &s.done,
        ] {
            worded("check-in form", text);
        }
        let labels = s.temperatures.iter().map(|t| &t.label);
        let labels = labels
            .chain(s.capacities.iter().map(|c| &c.label))
            .chain(s.needs.iter().map(|n| &n.label));
        for label in labels {
            worded("check-in choice", label);
        }
        for r in &s.today {
            worded("check-in row", &r.text);
            if let Some(shared) = &r.shared_note {
                worded("check-in shared", shared);
            }
        }
        if let Some(empty) = &s.empty {
            worded("check-in empty", empty);
        }
    }
    // The insights screen: every row, count, heading and sentence.
    for d in [&ana, &ben, &fresh] {
        let s = d.core.insights_screen(4, ZONE).unwrap();
        let h = &s.headings;
        for text in [&h.rhythm, &h.before, &h.when, &h.topics, &h.milestones]
            .into_iter()
            .chain(&s.weeks)
            .chain(s.rows.iter().flat_map(|r| [&r.label, &r.text]))
            .chain(s.triggers.iter().chain(&s.topics).map(|c| &c.text))
            .chain(
                s.by_weekday
                    .iter()
                    .chain(&s.by_part_of_day)
                    .map(|c| &c.text),
            )
            .chain(&s.temperature)
            .chain(&s.milestones)
            .chain(&s.sentences)
            .chain(&s.empty)
        {
            worded("insights", text);
        }
    }
    let check = ana.core.check_in_form(11, &"x".repeat(600));
    worded("temperature field", check.temperature.as_deref().unwrap());
    worded("note field", check.note.as_deref().unwrap());

    // The pause screen: each side's running pause, time to reconnect, an
    // ended one; every button.
    let pause = ben.core.start_pause(Some(30), None).unwrap();
    sync(&mut ben, &mut ana);
    let pause_words = |d: &Device| {
        let s = d.core.pause_screen(ZONE).unwrap();
        worded("pause hint", &s.start_hint);
        for r in s.current.iter().chain(&s.past) {
            worded("pause row", &r.text);
            for b in &r.buttons {
                worded("pause button", &b.label);
            }
        }
        s.current.len() + s.past.len()
    };
    assert_eq!(pause_words(&ana) + pause_words(&ben), 2);
    for d in [&ana, &ben] {
        check_today(d, &mut on_today);
    }
    assert_eq!(
        on_today.len(),
        9,
        "every part of Today was shown: {on_today:?}"
    );
    for d in [&mut ana, &mut ben] {
        d.clock.advance(31 * 60_000);
    }
    assert_eq!(pause_words(&ben), 1, "time to reconnect");
    ben.core.end_pause(&pause.id).unwrap();
    sync(&mut ben, &mut ana);
    assert_eq!(pause_words(&ana) + pause_words(&ben), 2, "ended on both");

    // The sync screen: unpaired, paired, and every kind of line.
    use tandem_core::screens::sync::{Received, SyncLast};
    let check_sync = |d: &Device, waiting: u32, last: Option<&SyncLast>| {
        let s = d.core.sync_screen(waiting, last).unwrap();
        worded("sync next", &s.next);
        worded("sync waiting", &s.waiting_text);
        for text in s.changes_text.iter().chain(&s.lines) {
            worded("sync line", text);
        }
    };
    check_sync(&fresh, 0, None);
    let received = SyncLast::Received(Received {
        imported: 1,
        already_imported: 1,
        applied: 2,
        news: vec![],
        partner_confirmed: true,
        refused: vec![("x.tandem".into(), "⟦…⟧".into())],
    });
    for last in [
        SyncLast::Sent {
            changes: 0,
            files: 1,
        },
        SyncLast::Sent {
            changes: 3,
            files: 2,
        },
        received,
        SyncLast::Received(Received::default()),
    ] {
        check_sync(&ana, 0, Some(&last));
        check_sync(&ben, 2, Some(&last));
    }

    // The agreements screen: waiting either way, in effect with a change
    // waiting either way, a review due, declined and withdrawn; every
    // button, option, history line; the form's messages and the empty
    // screen.
    use tandem_core::agreements::{AgreementDraft, PauseProtocol};
    use tandem_core::screens::agreement_form::AgreementForm;
    let agreement = |title: &str, review_on: Option<&str>| AgreementDraft {
        title: title.into(),
        text: "We pause.".into(),
        pause_protocol: Some(PauseProtocol {
            cool_down_minutes: 30,
            either_may_call: false,
            revisit: Some("on the sofa".into()),
        }),
        review_on: review_on.map(Into::into),
    };
    let waiting = ana
        .core
        .propose_agreement(&agreement("A", None))
        .unwrap()
        .id;
    let changed = ana
        .core
        .propose_agreement(&agreement("B", None))
        .unwrap()
        .id;
    let declined = ana
        .core
        .propose_agreement(&agreement("C", None))
        .unwrap()
        .id;
    let withdrawn = ana
        .core
        .propose_agreement(&agreement("D", None))
        .unwrap()
        .id;
    let review = ana
        .core
        .propose_agreement(&agreement("E", Some("2027-03-20")))
        .unwrap()
        .id;
    sync(&mut ana, &mut ben);
    let first = |d: &Device, id: &str| {
        let s = d.core.agreements_screen(ZONE).unwrap();
        let r = s.rows.into_iter().find(|r| r.id == id).unwrap();
        r.options
            .first()
            .map(|o| o.version.clone())
            .or(r.amend_on)
            .unwrap()
    };
    for id in [&changed, &withdrawn, &review] {
        let v = first(&ben, id);
        ben.core.accept_agreement(id, &v).unwrap();
    }
    let v = first(&ben, &declined);
    ben.core.decline_agreement(&declined, &v).unwrap();
    let v = first(&ben, &changed);
    ben.core
        .amend_agreement(
            &changed,
            &v,
            &AgreementDraft {
                pause_protocol: None,
                ..agreement("B", Some("2027-04-01"))
            },
        )
        .unwrap();
    ben.core.withdraw_agreement(&withdrawn).unwrap();
    sync(&mut ben, &mut ana);
    let _ = waiting;
    let agreement_words = |d: &Device| {
        let s = d.core.agreements_screen(ZONE).unwrap();
        if let Some(text) = &s.empty {
            worded("agreements empty", text);
        }
        let mut statuses = Vec::new();
        for r in s.rows.iter().chain(&s.ended) {
            // `title` and `text` are the couple's own words.
            worded("agreement status", &r.status);
            statuses.push(r.status.clone());
            for text in r.in_effect.iter().chain(&r.review_note) {
                worded("agreement row text", text);
            }
            for b in &r.buttons {
                worded("agreement button", &b.label);
            }
            for h in &r.history {
                worded("agreement history", &h.text);
            }
            for o in &r.options {
                worded("option label", &o.label);
                worded("option status", &o.status);
                for text in o.reads.iter().chain(&o.changes) {
                    worded("option text", text);
                }
                for b in &o.buttons {
                    worded("option button", &b.label);
                }
            }
        }
        statuses
    };
    let mut seen: std::collections::BTreeSet<String> = agreement_words(&ana).into_iter().collect();
    seen.extend(agreement_words(&ben));
    for d in [&mut ana, &mut ben] {
        d.clock.advance(10 * 86_400_000);
    }
    seen.extend(agreement_words(&ana));
    // Waiting either way, a change either way, in effect, a review due,
    // not going ahead, withdrawn.
    assert_eq!(seen.len(), 8, "{seen:#?}");
    worded(
        "agreements empty",
        fresh
            .core
            .agreements_screen(ZONE)
            .unwrap()
            .empty
            .as_deref()
            .unwrap(),
    );
    let bad = AgreementForm {
        title: String::new(),
        text: "x\u{7}".into(),
        cool_down: "1".into(),
        either_may_call: true,
        revisit: Some("y".repeat(201)),
        review_on: "soon".into(),
    };
    let check = ana.core.check_agreement_form(&bad, None).unwrap();
    for text in [
        &check.title,
        &check.text,
        &check.cool_down,
        &check.revisit,
        &check.review_on,
    ] {
        worded("form message", text.as_deref().unwrap());
    }
    use tandem_core::schedule::recurrence::FrequencyDraft;
    use tandem_core::screens::ritual_form::{RitualForm, RitualFormFor};
    let bad = RitualForm {
        title: String::new(),
        prompt: "p".repeat(501),
        minutes: "ten".into(),
        time_of_day: "7pm".into(),
        zone: Some("Mars/Base".into()),
        repeat: FrequencyDraft::Weekdays(vec![]),
        start: "soon".into(),
        until: String::new(),
        count: Some(0),
        window_end: "25:00".into(),
        leads: vec![1441],
        trial_until: "2099-01-01".into(),
    };
    let c = ana
        .core
        .check_ritual_form(&bad, RitualFormFor::New)
        .unwrap();
    for text in [
        &c.title,
        &c.prompt,
        &c.minutes,
        &c.time_of_day,
        &c.zone,
        &c.repeat,
        &c.start,
        &c.end,
        &c.window_end,
        &c.leads,
        &c.trial_until,
    ] {
        worded("ritual form message", text.as_deref().unwrap());
    }

    // The visibility screen: every kind the mirror lists, from both
    // phones, the audit's sentences, and the screen of a phone that shares
    // nothing yet.
    use tandem_core::export::mirror::VisibleKind;
    let said_once = ana.core.add_boundary("Said once", true).unwrap();
    ana.core.add_boundary("Still shared", true).unwrap();
    ana.core
        .record_entry(
            Entry::Phrase {
                situation: Situation::OwningMyPart,
                text: "That was my part.".into(),
            },
            true,
        )
        .unwrap();
    ana.core.set_rest_week("2027-04-05", true, ZONE).unwrap();
    sync(&mut ana, &mut ben);
    ana.core.share_boundary(&said_once.id, false).unwrap();
    let visibility_words = |d: &Device, kinds: &mut std::collections::BTreeSet<VisibleKind>| {
        let s = d.core.visibility_screen(ZONE).unwrap();
        worded("visibility heading", &s.heading);
        worded("audit heading", &s.audit_heading);
        if let Some(empty) = &s.empty {
            worded("visibility empty", empty);
        }
        for g in &s.groups {
            worded("visibility group", &g.heading);
            for r in &g.rows {
                kinds.insert(r.kind);
                // The person's own words (a name, a boundary, a note…) are
                // shown as written; the rest is the catalog's.
                let catalogs = !matches!(
                    r.kind,
                    VisibleKind::DeviceName
                        | VisibleKind::RitualNote
                        | VisibleKind::Boundary
                        | VisibleKind::Appreciation
                        | VisibleKind::Phrase
                        | VisibleKind::MadePrivate
                );
                if catalogs {
                    worded("visibility summary", &r.summary);
                } else {
                    assert!(!r.summary.contains('⟦'), "{:?}: {}", r.kind, r.summary);
                }
                for text in r.since.iter().chain(&r.caveat) {
                    worded("visibility row", text);
                }
            }
        }
        for a in &s.audit {
            worded("audit time", &a.at);
            worded("audit line", &a.text);
        }
        s.audit.len()
    };
    let mut kinds = std::collections::BTreeSet::new();
    assert!(visibility_words(&ana, &mut kinds) > 10);
    assert!(visibility_words(&ben, &mut kinds) > 10);
    assert_eq!(
        kinds.len(),
        VisibleKind::ALL.len(),
        "every kind was shown: {kinds:?}"
    );
    let mut none = std::collections::BTreeSet::new();
    assert_eq!(visibility_words(&fresh, &mut none), 0);
    assert!(fresh.core.visibility_screen(ZONE).unwrap().empty.is_some());

    // The boundaries screen: her own (private and shared), his reading
    // hers, and an empty one; the boundaries' words are the couple's own.
    for d in [&ana, &ben, &fresh] {
        let s = d.core.boundaries_screen(ZONE).unwrap();
        for text in [&s.intro, &s.mine_heading, &s.partners_heading, &s.new.label]
            .into_iter()
            .chain(&s.empty)
        {
            worded("boundaries screen", text);
        }
        for r in s.mine.iter().chain(&s.partners) {
            assert!(!r.text.contains('⟦'), "{}", r.text);
            worded("boundary status", &r.status);
            worded("boundary written", &r.written);
            for b in &r.buttons {
                worded("boundary button", &b.label);
            }
        }
    }
    assert_eq!(ana.core.boundaries_screen(ZONE).unwrap().mine.len(), 2);
    // Made private after the last sync: Ben still holds both.
    assert_eq!(ben.core.boundaries_screen(ZONE).unwrap().partners.len(), 2);
    // Each ritual's own screen, on both phones.
    let mut days_seen = 0;
    for d in [&ana, &ben] {
        for r in d.core.rituals_screen(ZONE).unwrap().rows {
            let s = d.core.ritual_screen(&r.id, ZONE).unwrap();
            for text in [&s.headings.terms, &s.headings.next, &s.headings.days]
                .into_iter()
                .chain(&s.terms)
                .chain(&s.next)
                .chain(&s.kept)
                .chain(&s.days_empty)
            {
                worded("ritual screen", text);
            }
            for day in &s.days {
                worded("ritual day", &day.day);
                a_time(&day.time);
                worded("ritual day state", &day.state);
                for text in day.said.iter().chain(day.buttons.iter().map(|b| &b.label)) {
                    worded("ritual day", text);
                }
                days_seen += 1;
            }
        }
    }
    assert!(days_seen > 5, "{days_seen}");

    // The settings screen: the lock's choices; after unpairing, the clean
    // exit with a step done and one offered; the prompts' words.
    let settings = ana.core.settings_screen().unwrap();
    worded("lock heading", &settings.lock_heading);
    worded("lock hint", &settings.lock_hint);
    assert_eq!(settings.lock_choices.len(), 5);
    for c in &settings.lock_choices {
        worded("lock choice", &c.label);
    }
    assert_eq!(settings.clean_exit, None, "paired: no clean exit");
    ana.core.unpair().unwrap();
    ana.core.stop_shared().unwrap();
    let exit = ana.core.settings_screen().unwrap().clean_exit.unwrap();
    for text in [&exit.heading, &exit.note]
        .into_iter()
        .chain(&exit.done)
        .chain(exit.offers.iter().flat_map(|o| [&o.label, &o.explanation]))
    {
        worded("clean exit", text);
    }
    assert_eq!((exit.offers.len(), exit.done.len()), (1, 1));
    for step in tandem_core::screens::settings::CleanExitStep::ALL {
        worded("clean exit result", &step.result(2, Locale::Pseudo));
    }
    let w = tandem_core::screens::settings::LockWords::new(Locale::Pseudo);
    for text in [
        &w.unlock_reason,
        &w.locked,
        &w.unlock_button,
        &w.refused,
        &w.hint,
    ] {
        worded("lock words", text);
    }
    for g in [
        tandem_core::lock::Guarded::Export,
        tandem_core::lock::Guarded::PlaintextExport,
        tandem_core::lock::Guarded::Unpair,
        tandem_core::lock::Guarded::CleanExit,
        tandem_core::lock::Guarded::Wipe,
    ] {
        worded(
            "guard reason",
            &tandem_core::screens::settings::guard_reason(g, Locale::Pseudo),
        );
    }

    // The pairing screen at every stage on both sides, its code past its
    // time, every notice it gives, and paired (unnamed partner too).
    use tandem_core::screens::pairing::{PairingScreen, PairingStage, PairingStep};
    let pairing_words = |s: &PairingScreen| {
        for text in [
            &s.heading,
            &s.instruction,
            &s.camera_hint,
            &s.allow_camera,
            &s.close_camera,
        ]
        .into_iter()
        .chain(&s.expires)
        .chain(&s.paired_with)
        .chain(&s.keys)
        .chain(s.notice.as_ref().map(|n| &n.text))
        {
            worded("pairing text", text);
        }
        for (_, label) in &s.actions {
            worded("pairing button", label);
        }
        s.stage
    };
    let mut dora = device("Dora", &KEY_A, "2027-03-10T18:00:00Z");
    let mut eli = device("Eli", &KEY_B, "2027-03-10T18:00:00Z");
    for d in [&mut dora, &mut eli] {
        d.core.set_locale("en-XA").unwrap();
    }
    let mut stages = std::collections::BTreeSet::new();
    let mut notices = std::collections::BTreeSet::new();
    let mut step = |d: &mut Device, s: PairingStep| {
        let shown = d.core.pairing_act(&s, ZONE).unwrap();
        stages.insert(format!("{:?}", pairing_words(&shown)));
        if let Some(n) = &shown.notice {
            notices.insert(n.code);
        }
        shown
    };
    step(&mut eli, PairingStep::Scanned("hello".into()));
    let shown = step(&mut dora, PairingStep::Start);
    let code = shown.qr_text.unwrap();
    let answer = step(&mut eli, PairingStep::Scanned(code.clone()));
    step(&mut dora, PairingStep::Scanned(answer.qr_text.unwrap()));
    step(&mut dora, PairingStep::Reject);
    step(&mut eli, PairingStep::Cancel);
    step(&mut dora, PairingStep::Start);
    dora.clock.advance(121_000);
    step(&mut dora, PairingStep::Check);
    dora.clock.advance(60_000);
    step(&mut dora, PairingStep::Check);
    eli.clock.advance(181_000);
    step(&mut eli, PairingStep::Scanned(code));
    let shown = step(&mut dora, PairingStep::Start);
    let answer = step(&mut eli, PairingStep::Scanned(shown.qr_text.unwrap()));
    step(&mut dora, PairingStep::Scanned(answer.qr_text.unwrap()));
    step(&mut dora, PairingStep::Confirm);
    step(&mut eli, PairingStep::Confirm);
    for d in [&dora, &eli] {
        let s = d.core.pairing_screen(ZONE).unwrap();
        assert_eq!(pairing_words(&s), PairingStage::Paired);
        assert!(s.keys.is_some());
    }
    assert_eq!(stages.len(), 5, "every stage: {stages:?}");
    assert_eq!(
        notices.len(),
        4,
        "failed, rejected, ran out, expired: {notices:?}"
    );

    // Every notice shown outside a screen.
    for n in tandem_core::screens::notices::Notice::ALL {
        worded("notice", &n.text(Locale::Pseudo));
    }

    // Every refusal for everything a person may be doing.
    for refused in Refused::ALL {
        for doing in Doing::ALL {
            let said = refusal_in(refused, doing, Locale::Pseudo);
            worded(said.code, &said.text);
        }
    }
}

#[test]
fn the_rituals_screen_reads_in_german() {
    let (mut ana, mut ben, trial) = every_status();
    for d in [&mut ana, &mut ben] {
        d.core.set_locale("de_DE.UTF-8").unwrap();
    }
    let s = ben.core.rituals_screen(ZONE).unwrap();
    let status = |title: &str| {
        s.rows
            .iter()
            .chain(&s.ended)
            .find(|r| r.title == title)
            .unwrap()
    };
    let walk = status("Walk");
    assert_eq!(walk.status, "Wartet auf deine Antwort");
    let labels: Vec<&str> = walk.buttons.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(
        labels,
        ["Annehmen", "Lieber nicht", "Andere Zeit vorschlagen"]
    );
    assert!(
        walk.reads.iter().any(|l| l == "Titel: „Walk“"),
        "{:?}",
        walk.reads
    );
    assert!(
        walk.reads.iter().any(|l| l == "Wiederholung: jeden Tag"),
        "{:?}",
        walk.reads
    );
    assert_eq!(status("Dance").status, "Findet nicht statt");
    assert_eq!(
        status("Call").status,
        "Eine Änderung wartet auf deine Antwort"
    );
    assert_eq!(
        status("Call").changes,
        ["Uhrzeit: 21:15 statt 20:30"],
        "what a change changes, in German"
    );
    assert_eq!(
        status("Read").zone_note.as_deref(),
        Some("Zeit in Asia/Tokyo")
    );
    let on_ana = ana.core.rituals_screen(ZONE).unwrap();
    let t = on_ana.rows.iter().find(|r| r.id == trial).unwrap();
    assert_eq!(
        t.trial_note.as_deref(),
        Some("Zum Ausprobieren bis Fr 12. März 2027")
    );
    assert_eq!(
        on_ana
            .rows
            .iter()
            .find(|r| r.title == "Call")
            .unwrap()
            .suggestion
            .as_deref(),
        Some("Vorschlag: Uhrzeit: 21:15 statt 20:30")
    );
    let offers = ana.core.offers().unwrap();
    assert_eq!(offers.extend.label, "15 Minuten mehr");
    assert_eq!(offers.snooze.label, "In 15 Min.");
    // Nothing in German blames either.
    for r in s.rows.iter().chain(&s.ended).chain(&on_ana.rows) {
        let lower = r.status.to_lowercase();
        for blame in [
            "verpasst",
            "versäumt",
            "ignor",
            "zu spät",
            "abgelehnt",
            "immer noch",
        ] {
            assert!(!lower.contains(blame), "<{}>", r.status);
        }
    }
    // Back to English: byte for byte what it said before.
    ben.core.set_locale("C").unwrap();
    let s = ben.core.rituals_screen(ZONE).unwrap();
    let walk = s.rows.iter().find(|r| r.title == "Walk").unwrap();
    assert_eq!(walk.status, "Waiting for your answer");
    assert!(matches!(
        ben.core.set_locale(""),
        Err(tandem_core::Error::InvalidInput(_))
    ));
}
