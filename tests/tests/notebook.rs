//! Check-ins, appreciations and repairs (shared or private), the private
//! pattern log, and insights computed from them over weeks.

mod common;

use common::*;
use tandem_core::RitualDraft;
use tandem_core::checkins::{Capacity, Entry, Need, RepairAct};
use tandem_core::journal::{Happened, PatternDraft};

fn checkin(t: u8, shared: bool) -> (Entry, bool) {
    let e = Entry::CheckIn {
        temperature: t,
        capacity: Capacity::Some,
        need: Need::Reassurance,
        note: None,
    };
    (e, shared)
}

fn withdrew(tags: &[&str], temp: Option<u8>) -> PatternDraft {
    PatternDraft {
        happened: Happened::Withdrew,
        tags: tags.iter().map(|t| t.to_string()).collect(),
        topic: None,
        temperature_before: temp,
        note: None,
    }
}

#[test]
fn shared_entries_travel_and_private_ones_stay() {
    let (mut ana, mut ben) = paired();
    let (e, s) = checkin(6, true);
    ana.clock.advance(1_000);
    ana.core.record_entry(e, s).unwrap();
    let (e, s) = checkin(9, false);
    ana.clock.advance(1_000);
    ana.core.record_entry(e, s).unwrap();
    ana.clock.advance(1_000);
    ana.core
        .record_entry(
            Entry::Appreciation {
                text: "Thank you for the tea.".into(),
            },
            false,
        )
        .unwrap();
    ana.clock.advance(1_000);
    ana.core
        .record_entry(
            Entry::Repair {
                act: RepairAct::Apologised,
                note: Some("  ".into()),
                received: Some(true),
            },
            false,
        )
        .unwrap();
    ana.core
        .write_journal(&withdrew(&["Tired"], Some(7)))
        .unwrap();
    sync(&mut ana, &mut ben);
    let all = i64::MIN..i64::MAX;
    let bens = ben.core.entries(all.start, all.end, None).unwrap();
    // The shared check-in and the appreciation (always shared) only.
    let kinds: Vec<&str> = bens.iter().map(|r| r.entry.kind()).collect();
    assert_eq!(kinds, ["checkin", "appreciation"]);
    assert!(matches!(
        bens[0].entry,
        Entry::CheckIn { temperature: 6, .. }
    ));
    assert_eq!(bens[0].author, ana.core.device_id());
    let anas = ana.core.entries(all.start, all.end, None).unwrap();
    assert_eq!(anas.len(), 4);
    // An all-space note is no note.
    assert!(matches!(
        &anas[3].entry,
        Entry::Repair {
            note: None,
            received: Some(true),
            ..
        }
    ));
    assert!(ben.core.journal(all.start, all.end).unwrap().is_empty());
    let journal = ana.core.journal(all.start, all.end).unwrap();
    assert_eq!(journal[0].1.tags, ["tired"]);
    assert_eq!(
        ana.core.shared_state_dump().unwrap(),
        ben.core.shared_state_dump().unwrap()
    );
}

#[test]
fn bad_entries_are_refused_and_store_nothing() {
    let (mut ana, _ben) = paired();
    let before = snapshot(&ana);
    for t in [0, 11, 255] {
        let (e, s) = checkin(t, true);
        invalid(ana.core.record_entry(e, s), "1 (calm) to 10 (flooded)");
    }
    invalid(
        ana.core
            .record_entry(Entry::Appreciation { text: " ".into() }, true),
        "appreciation is empty",
    );
    invalid(
        ana.core.record_entry(
            Entry::Appreciation {
                text: "a".repeat(281),
            },
            true,
        ),
        "limit is 280",
    );
    invalid(
        ana.core.record_entry(
            Entry::CheckIn {
                temperature: 5,
                capacity: Capacity::Low,
                need: Need::Space,
                note: Some("n".repeat(501)),
            },
            false,
        ),
        "limit is 500",
    );
    invalid(Need::parse("a hug"), "a need is one of");
    invalid(
        ana.core.write_journal(&withdrew(&[""], None)),
        "tag is empty",
    );
    invalid(
        ana.core.write_journal(&PatternDraft {
            tags: (0..11).map(|i| format!("t{i}")).collect(),
            ..withdrew(&[], None)
        }),
        "at most 10 tags",
    );
    invalid(
        ana.core.write_journal(&withdrew(&["x"], Some(11))),
        "1 (calm) to 10",
    );
    invalid(ana.core.insights(0, "UTC"), "1 to 520 weeks");
    invalid(ana.core.insights(521, "UTC"), "1 to 520 weeks");
    invalid(ana.core.insights(4, "Mars/Olympus"), "unknown time zone");
    invalid(
        tandem_core::phrases::i_statement("you left", "", "time", "talk"),
        "feeling is empty",
    );
    assert_eq!(snapshot(&ana), before);
    assert!(ana.core.journal(i64::MIN, i64::MAX).unwrap().is_empty());
}

#[test]
fn a_journal_op_from_elsewhere_is_refused() {
    let (mut ana, mut ben) = paired();
    ben.core.write_journal(&withdrew(&["tired"], None)).unwrap();
    // Forge: Ben's private op dressed as a shared one from his device.
    let mut op = ana
        .core
        .propose_ritual(&draft("Walk", "07:00", None))
        .map(|_| ana.core.ops().unwrap().remove(0))
        .unwrap();
    op.device = ben.core.device_id();
    op.counter = 1;
    op.entity = "journal:0123456789abcdef01234567".into();
    op.change = tandem_core::sync::Change::Journal(tandem_core::journal::PatternEntry {
        at_ms: ana.clock_now(),
        happened: Happened::Withdrew,
        tags: vec![],
        topic: None,
        temperature_before: None,
        note: None,
    });
    let before = snapshot(&ana);
    let err = ana.core.apply_ops(ben.core.device_id(), &[op]).unwrap_err();
    assert!(err.to_string().contains("private journal entry"), "{err}");
    assert_eq!(snapshot(&ana), before);
}

/// Four weeks of Ana's notebook and their shared life, then her insights.
#[test]
fn insights_read_patterns_without_blame() {
    // Monday 2027-03-01 08:00 in Berlin.
    let mut ana = device("Ana", &KEY_A, "2027-03-01T07:00:00Z");
    let mut ben = device("Ben", &KEY_B, "2027-03-01T07:00:00Z");
    pair(&mut ana, &mut ben);
    let walk = ana
        .core
        .propose_ritual(&RitualDraft {
            minutes: 20,
            ..draft("Evening walk", "19:00", Some("Europe/Berlin"))
        })
        .unwrap();
    sync(&mut ana, &mut ben);
    ben.core.accept_ritual(&walk.id).unwrap();
    sync(&mut ana, &mut ben);
    let hour = 3_600_000;
    for day in 0..28 {
        let morning = ms("2027-03-01T07:00:00Z") + day * 24 * hour;
        for d in [&mut ana, &mut ben] {
            d.clock.set(morning);
        }
        // A calm check-in most mornings.
        if day % 2 == 0 {
            let (e, s) = checkin(3, false);
            ana.core.record_entry(e, s).unwrap();
        }
        // The walk: kept every day of week 2, and on Mondays otherwise.
        let date = format!("2027-03-{:02}", day + 1);
        if (7..14).contains(&day) || day % 7 == 0 {
            ben.core.mark_done(&walk.id, &date, None, None).unwrap();
        }
        // Fridays (day 4, 11, 18, 25): a tense evening, a withdrawal after.
        if day % 7 == 4 {
            for d in [&mut ana, &mut ben] {
                d.clock.set(morning + 12 * hour);
            }
            let (e, s) = checkin(8, false);
            ana.core.record_entry(e, s).unwrap();
            for d in [&mut ana, &mut ben] {
                d.clock.set(morning + 14 * hour);
            }
            ana.core
                .write_journal(&withdrew(&["tired", "work stress"], None))
                .unwrap();
            let p = ben.core.start_pause(Some(30), None).unwrap();
            for d in [&mut ana, &mut ben] {
                d.clock.set(morning + 14 * hour + 25 * 60_000);
            }
            ben.core.end_pause(&p.id).unwrap();
            ben.core
                .record_entry(
                    Entry::Appreciation {
                        text: "Thanks for waiting.".into(),
                    },
                    true,
                )
                .unwrap();
            ana.core
                .record_entry(
                    Entry::Repair {
                        act: RepairAct::CheckedIn,
                        note: None,
                        received: Some(true),
                    },
                    true,
                )
                .unwrap();
        }
        if day == 20 {
            ana.core
                .write_journal(&PatternDraft {
                    happened: Happened::TalkDerailed,
                    tags: vec!["money".into()],
                    topic: Some("Holidays".into()),
                    temperature_before: Some(6),
                    note: None,
                })
                .unwrap();
            ana.core.write_journal(&withdrew(&["money"], None)).unwrap();
        }
        sync(&mut ana, &mut ben);
    }
    // Sunday 28 March, 23:00 in Berlin: Ben notes Saturday's walk as
    // skipped, a shared change that lets the shared figures count to now.
    for d in [&mut ana, &mut ben] {
        d.clock.set(ms("2027-03-28T21:00:00Z"));
    }
    ben.core.skip_occurrence(&walk.id, "2027-03-27").unwrap();
    sync(&mut ana, &mut ben);
    let i = ana.core.insights(4, "Europe/Berlin").unwrap();
    let weeks: Vec<String> = i.weeks.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        weeks,
        ["2027-03-01", "2027-03-08", "2027-03-15", "2027-03-22"]
    );
    let series = |name: &str| -> Vec<f64> {
        i.series
            .iter()
            .find(|s| s.name == name)
            .unwrap_or_else(|| panic!("{name}"))
            .values
            .clone()
    };
    // Tonight's walk counts once Sunday has ended in Berlin.
    assert_eq!(series("rituals scheduled"), [7.0, 7.0, 7.0, 6.0]);
    assert_eq!(series("rituals kept"), [1.0, 7.0, 1.0, 1.0]);
    // Ben took the pauses: they are his progress, never a figure on Ana's
    // phone; and no series counts what Ana received (issue 15).
    assert_eq!(series("pauses started"), [0.0; 4]);
    assert_eq!(series("pauses kept"), [0.0; 4]);
    assert!(i.series.iter().all(|s| s.name != "appreciations received"));
    assert_eq!(series("appreciations given"), [0.0; 4]);
    assert_eq!(series("repairs"), [1.0; 4]);
    assert_eq!(series("withdrawals and silences"), [1.0, 1.0, 2.0, 1.0]);
    let top: Vec<(&str, u32)> = i
        .triggers
        .iter()
        .map(|c| (c.label.as_str(), c.count))
        .collect();
    assert_eq!(top, [("tired", 4), ("work stress", 4), ("money", 1)]);
    assert_eq!(i.derailing_topics[0].label, "holidays");
    // Friday evenings (Berlin): all withdrawals on a Friday or Sunday evening.
    assert_eq!(i.distance_by_weekday[4], 4);
    assert_eq!(i.distance_by_part_of_day[3], 4);
    // Before each Friday withdrawal she checked in at 8; her usual is lower.
    assert_eq!(i.temperature_before_distance, Some(8.0));
    let base = i.temperature_baseline.unwrap();
    assert!(
        (base - (14.0 * 3.0 + 4.0 * 8.0) / 18.0).abs() < 1e-9,
        "{base}"
    );
    let titles: Vec<&str> = i.milestones.iter().map(|m| m.title.as_str()).collect();
    assert_eq!(titles, ["A week with every ritual kept"]);
    let text = i.sentences.join(" ");
    assert!(
        text.contains("“tired” came up most often (4 times)"),
        "{text}"
    );
    assert!(text.contains("ran warmer than usual"), "{text}");
    assert!(text.contains("Together you kept 10 of 27"), "{text}");
    // Nothing measures the partner: no pause count of Ben's, no "who
    // started more".
    assert!(!text.contains("came back as promised"), "{text}");
    assert!(!text.contains("started most"), "{text}");
    for blame in [
        "missed", "failed", "fault", "never", "only", "blame", "late",
    ] {
        assert!(!text.to_lowercase().contains(blame), "'{blame}' in: {text}");
    }
    // The screen as both apps render it: rows, counts and words.
    let screen = ana.core.insights_screen(4, "Europe/Berlin").unwrap();
    let kept = screen
        .rows
        .iter()
        .find(|r| r.name == "rituals kept")
        .unwrap();
    assert_eq!(kept.label, "Rituals kept");
    assert!(kept.text.starts_with("Rituals kept: "), "{}", kept.text);
    assert_eq!(screen.weeks.len(), 4);
    assert!(
        screen.weeks[0].starts_with("week of "),
        "{:?}",
        screen.weeks
    );
    assert_eq!(screen.triggers[0].text, "“tired” · 4 times");
    let texts = |rows: &[tandem_core::screens::insights::CountRow]| -> Vec<String> {
        rows.iter().map(|r| r.text.clone()).collect()
    };
    assert!(texts(&screen.by_weekday).contains(&"Fri · 4 times".to_owned()));
    assert!(
        texts(&screen.by_part_of_day).contains(&"in the evening · 4 times".to_owned()),
        "{:?}",
        screen.by_part_of_day
    );
    assert_eq!(
        screen.temperature.as_deref(),
        Some("Before a withdrawal or silence your check-ins averaged 8.0; usually 4.1.")
    );
    assert!(
        screen.milestones[0].ends_with(" · A week with every ritual kept"),
        "{:?}",
        screen.milestones
    );
    assert_eq!(screen.empty, None);
    ana.core.set_locale("de").unwrap();
    let german = ana.core.insights_screen(4, "Europe/Berlin").unwrap();
    assert!(texts(&german.by_weekday).contains(&"Fr · 4-mal".to_owned()));
    assert!(
        german.sentences[0].contains("„tired“ am häufigsten vor (4-mal)"),
        "{:?}",
        german.sentences
    );
    ana.core.set_locale("en").unwrap();
    // Ben's phone, on Los Angeles time, shows the same shared figures.
    let la = ben.core.insights(4, "America/Los_Angeles").unwrap();
    for name in ["rituals kept", "rituals scheduled"] {
        let bens = la.series.iter().find(|s| s.name == name).unwrap();
        assert_eq!(bens.values, series(name), "{name}");
    }
    // Ben's own pauses are his own progress, on his phone only.
    let bens_pauses = la.series.iter().find(|s| s.name == "pauses kept").unwrap();
    assert_eq!(bens_pauses.values.iter().sum::<f64>(), 4.0);
    assert!(
        la.sentences
            .join(" ")
            .contains("You took 4 pauses and came back as promised from 4."),
        "{:?}",
        la.sentences
    );
    assert!(
        la.sentences
            .join(" ")
            .contains("Together you kept 10 of 27")
    );
    // Ben's insights hold none of Ana's private log.
    let bens = ben.core.insights(4, "Europe/Berlin").unwrap();
    assert!(bens.triggers.is_empty() && bens.temperature_baseline.is_none());
    assert_eq!(
        bens.sentences
            .iter()
            .filter(|s| s.contains("tired"))
            .count(),
        0
    );
}

/// The notebook screen as a shell drives it: both partners' words, day by
/// day, worded by the core in this phone's zone; the other phone's private
/// entries never appear, and a private one is marked on its own phone.
#[test]
fn the_notebook_screen_shows_both_partners_words_day_by_day() {
    let (mut ana, mut ben) = paired();
    let empty = ben.core.notebook(4, "Europe/Berlin").unwrap();
    assert!(empty.days.is_empty());
    assert!(
        empty
            .empty
            .unwrap()
            .starts_with("Nothing written in the last 4 weeks")
    );

    let walk = ana
        .core
        .propose_ritual(&draft("Walk", "10:00", Some("Europe/Berlin")))
        .unwrap();
    sync(&mut ana, &mut ben);
    ben.core.accept_ritual(&walk.id).unwrap();
    sync(&mut ben, &mut ana);
    // The next day, 18:00 UTC (19:00 in Berlin): both mark the walk done.
    for d in [&mut ana, &mut ben] {
        d.clock.advance(86_400_000);
    }
    ana.core
        .mark_done(
            &walk.id,
            "2027-03-11",
            Some("lovely by the river"),
            Some("close"),
        )
        .unwrap();
    ben.clock.advance(1_000);
    ben.core
        .mark_done(&walk.id, "2027-03-11", None, Some("calm"))
        .unwrap();
    ana.clock.advance(60_000);
    ana.core
        .record_entry(
            Entry::Appreciation {
                text: "Thank you for the tea.".into(),
            },
            true,
        )
        .unwrap();
    let (e, s) = checkin(6, false);
    ana.core.record_entry(e, s).unwrap();
    sync(&mut ana, &mut ben);
    sync(&mut ben, &mut ana);

    let on_ben = ben.core.notebook(4, "Europe/Berlin").unwrap();
    assert_eq!(on_ben.empty, None);
    assert_eq!(on_ben.days.len(), 1);
    let day = &on_ben.days[0];
    assert_eq!(day.heading, "Today");
    let lines: Vec<(Option<&str>, &str, Vec<&str>)> = day
        .items
        .iter()
        .map(|i| {
            (
                i.time.as_deref(),
                i.headline.as_str(),
                i.words.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            (
                Some("19:01"),
                "Ana appreciated you",
                vec!["Thank you for the tea."]
            ),
            (
                None,
                "Ana on Walk, feeling close",
                vec!["lovely by the river"]
            ),
            (None, "You on Walk, feeling calm", vec![]),
        ]
    );
    assert!(day.items.iter().all(|i| !i.private));

    // On Ana's phone her private check-in is there, and says so.
    let on_ana = ana.core.notebook(1, "Europe/Berlin").unwrap();
    let items = &on_ana.days[0].items;
    assert_eq!(items[0].headline, "You appreciated Ben");
    assert_eq!(
        items[1].headline,
        "You checked in: stirred, some capacity, needing reassurance"
    );
    assert!(items[1].private && !items[0].private);

    // Eight days later it reads as a date; beyond a week's period it is gone.
    ben.clock.advance(8 * 86_400_000);
    assert_eq!(
        ben.core.notebook(4, "Europe/Berlin").unwrap().days[0].heading,
        "Thu 11 Mar"
    );
    assert!(
        ben.core
            .notebook(1, "Europe/Berlin")
            .unwrap()
            .days
            .is_empty()
    );

    // Bad input is a clear error.
    for (weeks, zone) in [
        (0, "Europe/Berlin"),
        (521, "Europe/Berlin"),
        (4, "Mars/Olympus"),
    ] {
        assert!(matches!(
            ben.core.notebook(weeks, zone),
            Err(tandem_core::Error::InvalidInput(_))
        ));
    }
}

/// A clock that moves on every time it is read, as a phone's does between
/// two calls.
struct Ticking(std::sync::atomic::AtomicI64);

impl tandem_core::Clock for Ticking {
    fn now_ms(&self) -> tandem_core::Millis {
        self.0.fetch_add(7, std::sync::atomic::Ordering::SeqCst)
    }
}

/// Recording an entry and reading it back for the screen must not depend
/// on the clock standing still between the two (it once did: every
/// appreciation from the CLI without --now failed as "damaged data").
#[test]
fn a_new_entry_reads_back_while_the_clock_moves_on() {
    let dir = tempfile::tempdir().unwrap();
    let clock = std::sync::Arc::new(Ticking(std::sync::atomic::AtomicI64::new(ms(
        "2027-03-01T12:00:00Z",
    ))));
    let mut core =
        tandem_core::Core::open(&dir.path().join("t.db"), &KEY_A, Some("Ana"), clock).unwrap();
    for text in ["one", "two", "three"] {
        let r = core
            .record_entry_read(Entry::Appreciation { text: text.into() }, true)
            .unwrap();
        assert!(matches!(r.entry, Entry::Appreciation { text: ref t } if t == text));
    }
    let (_, p) = core
        .write_journal_read(&PatternDraft {
            happened: Happened::Pursued,
            tags: vec!["late".into()],
            topic: None,
            temperature_before: Some(6),
            note: None,
        })
        .unwrap();
    assert_eq!(p.tags, ["late"]);
}
