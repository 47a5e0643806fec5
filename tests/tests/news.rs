//! After every import the phone can say, in plain sentences, what the
//! partner changed: the import report carries them as data.

mod common;

use common::*;
use tandem_core::AgreementDraft;
use tandem_core::checkins::{Entry, RepairAct};
use tandem_core::tell::Told;

/// Every payload `from` has for `to`, imported on `to` in `zone`; the news
/// of all of them, in order.
fn news_in(from: &mut Device, to: &mut Device, zone: &str) -> Vec<String> {
    let told: Vec<Told> = from
        .core
        .export()
        .unwrap()
        .iter()
        .map(|p| to.core.import_in(p, zone).unwrap().news)
        .collect();
    Told::merge(told).lines()
}

fn hex(h: &[u8; 16]) -> String {
    h.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn the_partners_changes_read_as_sentences_on_this_phones_clock() {
    let (mut ana, mut ben) = paired();
    // Ana invites Ben to a walk; Ben hears it in Berlin (UTC+1 in March).
    let walk = ana
        .core
        .propose_ritual(&draft("Walk", "10:00", Some("Europe/Berlin")))
        .unwrap();
    let news = news_in(&mut ana, &mut ben, "Europe/Berlin");
    assert_eq!(news, ["Ana invited you to a new ritual: Walk"]);

    ben.core.accept_ritual(&walk.id).unwrap();
    assert_eq!(
        news_in(&mut ben, &mut ana, "Europe/Berlin"),
        ["Ben accepted Walk"]
    );

    // 2027-03-10 18:00 UTC is 19:00 in Berlin; a 30-minute pause returns
    // at 19:30 on Ben's clock, 18:30 on a phone that did not say its zone.
    ana.clock.advance(60_000);
    ana.core.start_pause(Some(30), Some("need air")).unwrap();
    let payloads = ana.core.export().unwrap();
    let news: Vec<String> = payloads
        .iter()
        .flat_map(|p| ben.core.import_in(p, "Europe/Berlin").unwrap().news.lines())
        .collect();
    assert_eq!(news, ["Ana started a pause, back at 19:31"]);
    assert!(
        news.iter().all(|t| !t.contains("need air")),
        "the partner's own words never enter a sentence"
    );

    // A mark with a note, a repair, an appreciation and a boundary: what
    // happened is said, the words the partner wrote are not.
    ana.clock.advance(60_000);
    ana.core
        .record_entry(
            Entry::Appreciation {
                text: "Thank you for the tea.".into(),
            },
            true,
        )
        .unwrap();
    ana.core
        .record_entry(
            Entry::Repair {
                act: RepairAct::CameBackFromPause,
                note: None,
                received: None,
            },
            true,
        )
        .unwrap();
    ana.core.add_boundary("No phones after ten", true).unwrap();
    let news = news_in(&mut ana, &mut ben, "Europe/Berlin");
    assert_eq!(
        news,
        [
            "Ana sent you an appreciation",
            "Ana noted a repair: came back from a pause",
            "Ana shared a boundary with you",
        ]
    );
    for t in &news {
        assert!(!t.contains("tea") && !t.contains("phones after"), "{t}");
    }

    // Nothing new: no sentence. The same payload twice: no sentence.
    assert!(news_in(&mut ana, &mut ben, "Europe/Berlin").is_empty());
}

#[test]
fn a_withdrawn_agreement_is_named_by_its_title_and_marks_by_their_day() {
    let (mut ana, mut ben) = paired();
    let a = ana
        .core
        .propose_agreement(&AgreementDraft {
            title: "Phones at dinner".into(),
            text: "Phones stay in the hall during dinner.".into(),
            pause_protocol: None,
            review_on: None,
        })
        .unwrap();
    assert_eq!(
        news_in(&mut ana, &mut ben, "UTC"),
        ["Ana proposed an agreement: Phones at dinner"]
    );
    ben.core
        .accept_agreement(&a.id, &hex(&a.versions[0].hash))
        .unwrap();
    assert_eq!(
        news_in(&mut ben, &mut ana, "UTC"),
        ["Ben agreed to Phones at dinner"]
    );
    ben.core.withdraw_agreement(&a.id).unwrap();
    assert_eq!(
        news_in(&mut ben, &mut ana, "UTC"),
        ["Ben withdrew from the Phones at dinner agreement"]
    );

    // A daily ritual, marked on two days and skipped on a third, all in
    // one payload: each day is told by its day.
    let tea = ana
        .core
        .propose_ritual(&draft("Tea", "08:00", Some("UTC")))
        .unwrap();
    sync(&mut ana, &mut ben);
    ben.core.accept_ritual(&tea.id).unwrap();
    sync(&mut ana, &mut ben);
    ana.clock.set(ms("2027-03-13T12:00:00Z"));
    ben.clock.set(ms("2027-03-13T12:00:00Z"));
    ben.core
        .mark_done(&tea.id, "2027-03-11", None, None)
        .unwrap();
    ben.core
        .mark_done(&tea.id, "2027-03-12", None, Some("warm"))
        .unwrap();
    ben.core
        .mark_done(&tea.id, "2027-03-13", Some("a good one"), None)
        .unwrap();
    let news = news_in(&mut ben, &mut ana, "UTC");
    assert_eq!(
        news,
        [
            "Ben marked Tea done on Thu 11 Mar",
            "Ben marked Tea done yesterday and said how it felt",
            "Ben marked Tea done today and left a note",
        ]
    );
}

#[test]
fn a_long_import_is_capped_and_repeats_are_counted() {
    let (mut ana, mut ben) = paired();
    for i in 0..25 {
        ana.clock.advance(1_000);
        let _ = i;
        ana.core
            .record_entry(
                Entry::Appreciation {
                    text: "Thanks".into(),
                },
                true,
            )
            .unwrap();
    }
    for _ in 0..22 {
        ana.clock.advance(1_000);
        ana.core.add_boundary("Quiet mornings", true).unwrap();
    }
    let news = news_in(&mut ana, &mut ben, "UTC");
    assert_eq!(
        news,
        [
            "Ana sent you an appreciation (25 times)",
            "Ana shared a boundary with you (22 times)",
        ]
    );
}

#[test]
fn the_import_report_without_a_zone_says_utc_and_a_bad_zone_changes_nothing() {
    let (mut ana, mut ben) = paired();
    ana.core.start_pause(Some(20), None).unwrap();
    let payloads = ana.core.export().unwrap();
    let before = snapshot(&ben);
    invalid(ben.core.import_in(&payloads[0], "Mars/Olympus"), "zone");
    assert_eq!(
        snapshot(&ben),
        before,
        "a refused zone leaves the store as it was"
    );
    let news: Vec<String> = payloads
        .iter()
        .flat_map(|p| ben.core.import(p).unwrap().news.lines())
        .collect();
    assert_eq!(news, ["Ana started a pause, back at 18:20 UTC"]);
}

#[test]
fn news_read_in_this_phones_language_and_every_word_is_the_catalogs() {
    let (mut ana, mut ben) = paired();
    ben.core.set_locale("de").unwrap();
    let walk = ana
        .core
        .propose_ritual(&draft("Spaziergang", "10:00", Some("Europe/Berlin")))
        .unwrap();
    ana.core.start_pause(Some(30), None).unwrap();
    for _ in 0..2 {
        ana.core
            .record_entry(
                Entry::Appreciation {
                    text: "Danke.".into(),
                },
                true,
            )
            .unwrap();
    }
    let news = news_in(&mut ana, &mut ben, "Europe/Berlin");
    assert_eq!(
        news,
        [
            "Ana lädt dich zu einem neuen Ritual ein: Spaziergang",
            "Ana macht eine Pause, zurück um 19:30",
            "Ana hat dir eine Wertschätzung geschickt (zweimal)",
        ]
    );
    ben.core.accept_ritual(&walk.id).unwrap();

    // In the pseudo-locale every sentence is marked: none bypassed the
    // catalog (titles, the couple's own words, stay as written).
    ana.core.set_locale("en-XA").unwrap();
    ben.core
        .record_entry(
            Entry::Repair {
                act: RepairAct::Touch,
                note: None,
                received: None,
            },
            true,
        )
        .unwrap();
    ben.core
        .skip_occurrence(&walk.id, "2027-03-11")
        .unwrap_or(());
    for line in news_in(&mut ben, &mut ana, "Europe/Berlin") {
        assert!(line.contains('⟦'), "<{line}> bypassed the catalog");
    }
}
