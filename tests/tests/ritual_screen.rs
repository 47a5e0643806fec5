//! A ritual's own screen as a shell drives it, on both phones: the last
//! two weeks day by day with both partners' words, the next times on each
//! phone's clock, the couple's count (the same on both phones), a day
//! nobody marked marked from its button, and what a paused or waiting
//! ritual shows.

mod common;

use common::*;
use tandem_core::rituals::MarkStatus;
use tandem_core::screens::today::TodayAction;

const BERLIN: &str = "Europe/Berlin";
const NEW_YORK: &str = "America/New_York";

/// Ana proposes "Evening walk" at 20:00 Berlin time every day on Wed 10
/// March 2027; Ben accepts; both phones hold it.
fn walking() -> (Device, Device, String) {
    let (mut ana, mut ben) = paired();
    let id = ana
        .core
        .propose_ritual(&draft("Evening walk", "20:00", Some(BERLIN)))
        .unwrap()
        .id;
    sync(&mut ana, &mut ben);
    ben.core.accept_ritual(&id).unwrap();
    sync(&mut ana, &mut ben);
    (ana, ben, id)
}

#[test]
fn the_last_two_weeks_read_day_by_day_with_both_partners_words_and_one_count() {
    let (mut ana, mut ben, id) = walking();
    // Four evenings: Wed done, Thu done with words from both, Fri
    // skipped, Sat nobody marked; now Sun 14 March, 19:30 in Berlin.
    for d in [&mut ana, &mut ben] {
        d.clock.set(ms("2027-03-14T18:30:00Z"));
    }
    ana.core.mark_done(&id, "2027-03-10", None, None).unwrap();
    ana.core
        .mark_done(&id, "2027-03-11", Some("Lovely light"), None)
        .unwrap();
    ben.clock.set(ms("2027-03-14T18:31:00Z"));
    ben.core
        .mark_done(&id, "2027-03-11", None, Some("calm"))
        .unwrap();
    ben.core.skip_occurrence(&id, "2027-03-12").unwrap();
    sync(&mut ana, &mut ben);
    shared_moment(&mut ana, &mut ben, "2027-03-14T18:30:00Z");

    let on_ana = ana.core.ritual_screen(&id, BERLIN).unwrap();
    let on_ben = ben.core.ritual_screen(&id, BERLIN).unwrap();
    assert_eq!(on_ana.row.title, "Evening walk");
    assert_eq!(on_ana.row.status, "Active");
    let days: Vec<(&str, &str, &str)> = on_ana
        .days
        .iter()
        .map(|d| (d.day.as_str(), d.time.as_str(), d.state.as_str()))
        .collect();
    assert_eq!(
        days,
        [
            ("Sat 13 Mar", "20:00", "Not marked"),
            ("Fri 12 Mar", "20:00", "Skipped"),
            ("Thu 11 Mar", "20:00", "Done"),
            ("Wed 10 Mar", "20:00", "Done"),
        ],
        "newest first, today's not yet begun"
    );
    assert_eq!(
        on_ana.days[2].said,
        ["You: “Lovely light”", "Ben: calm"],
        "both partners' words, first marker first"
    );
    assert_eq!(on_ben.days[2].said, ["Ana: “Lovely light”", "You: calm"]);
    // Only the day nobody marked has buttons: done and skip, as on Today.
    assert_eq!(
        on_ana
            .days
            .iter()
            .map(|d| d.buttons.iter().map(|b| b.action).collect::<Vec<_>>())
            .collect::<Vec<_>>(),
        [
            vec![TodayAction::Done, TodayAction::Skip],
            vec![],
            vec![],
            vec![]
        ]
    );
    // The couple's count, the same words on both phones, never whose.
    assert_eq!(
        on_ana.kept.as_deref(),
        Some("Together you kept 2 of 4 times in the last four weeks.")
    );
    assert_eq!(on_ana.kept, on_ben.kept);
    // The next three on each phone's clock: tonight first.
    assert_eq!(
        on_ana.next,
        [
            "Sun 14 Mar · 20:00",
            "Mon 15 Mar · 20:00",
            "Tue 16 Mar · 20:00"
        ]
    );
    let far = ben.core.ritual_screen(&id, NEW_YORK).unwrap();
    assert_eq!(
        far.next[0], "Sun 14 Mar · 15:00",
        "New York is on summer time already"
    );
    assert!(
        on_ana.terms.iter().any(|t| t == "repeats: every day"),
        "{:?}",
        on_ana.terms
    );

    // Saturday's done, from its own button, through `perform`.
    let done = on_ben.days[0].buttons[0].does.clone().unwrap();
    let outcome = ben.core.perform(&done, &phone(BERLIN, &[])).unwrap();
    assert!(outcome.to_send >= 1);
    sync(&mut ana, &mut ben);
    let after = ana.core.ritual_screen(&id, BERLIN).unwrap();
    assert_eq!(after.days[0].status, MarkStatus::Done);
    assert!(after.days[0].buttons.is_empty());
}

#[test]
fn a_paused_ritual_shows_its_past_without_buttons_or_next_times() {
    let (mut ana, mut ben, id) = walking();
    for d in [&mut ana, &mut ben] {
        d.clock.set(ms("2027-03-12T21:00:00Z"));
    }
    ben.core.pause_ritual(&id).unwrap();
    sync(&mut ana, &mut ben);
    let s = ana.core.ritual_screen(&id, BERLIN).unwrap();
    assert_eq!(s.row.status, "Paused");
    assert!(s.next.is_empty());
    assert!(!s.days.is_empty());
    assert!(s.days.iter().all(|d| d.buttons.is_empty()));
}

#[test]
fn an_invitation_reads_what_it_would_be_and_a_new_ritual_has_no_past_yet() {
    let (mut ana, mut ben) = paired();
    let id = ana
        .core
        .propose_ritual(&draft("Morning tea", "07:30", Some(BERLIN)))
        .unwrap()
        .id;
    sync(&mut ana, &mut ben);
    let s = ben.core.ritual_screen(&id, BERLIN).unwrap();
    assert_eq!(s.row.status, "Waiting for your answer");
    assert!(s.terms.iter().any(|t| t == "time: 07:30"), "{:?}", s.terms);
    assert_eq!(
        s.days_empty.as_deref(),
        Some("Nothing in the last two weeks yet.")
    );
    assert_eq!(s.kept, None);
    assert!(s.days.is_empty());
    // The row's buttons are the rituals screen's: answer it from here.
    let rituals = ben.core.rituals_screen(BERLIN).unwrap();
    assert_eq!(s.row, rituals.rows[0]);

    // An unknown ritual or zone is a typed refusal, not an empty screen.
    assert!(matches!(
        ben.core.ritual_screen("nope", BERLIN),
        Err(tandem_core::Error::NotFound(_))
    ));
    invalid(ben.core.ritual_screen(&id, "Mars/Olympus"), "zone");
}

#[test]
fn the_screen_reads_in_german() {
    let (mut ana, mut ben, id) = walking();
    for d in [&mut ana, &mut ben] {
        d.clock.set(ms("2027-03-12T21:00:00Z"));
    }
    ana.core.mark_done(&id, "2027-03-11", None, None).unwrap();
    sync(&mut ana, &mut ben);
    ben.core.set_locale("de").unwrap();
    let s = ben.core.ritual_screen(&id, BERLIN).unwrap();
    assert_eq!(s.headings.days, "Die letzten zwei Wochen");
    assert_eq!(s.days[0].state, "Nicht markiert");
    assert_eq!(s.row.status, "Aktiv");
}
