//! The visibility screen stays as quick after ten years as after one: it
//! shows the newest of every kind that keeps growing and of the audit,
//! says what it left out, and `visibility_screen_all` has everything. The
//! newest rows are exactly the ones the whole screen ends (or starts) with.

mod common;

use common::*;
use tandem_core::checkins::{Capacity, Entry, Need};
use tandem_core::export::mirror::{Reach, VisibleKind};
use tandem_core::screens::visibility::VisibilityScreen;

const DAY: i64 = 86_400_000;
const DAYS: i64 = 45;

fn check_in(temperature: u8) -> Entry {
    Entry::CheckIn {
        temperature,
        capacity: Capacity::Some,
        need: Need::Closeness,
        note: None,
    }
}

/// Ana and Ben after `DAYS` days of a shared walk marked with a note, a
/// check-in each, an appreciation every other day and a pause a day.
fn a_month_and_a_half() -> (Device, Device, String) {
    let (mut ana, mut ben) = paired();
    let walk = ana
        .core
        .propose_ritual(&draft("Evening walk", "19:00", Some("Europe/Berlin")))
        .unwrap();
    sync(&mut ana, &mut ben);
    ben.core.accept_ritual(&walk.id).unwrap();
    sync(&mut ana, &mut ben);
    let start = ms("2027-03-10T20:00:00Z");
    for day in 0..DAYS {
        for d in [&mut ana, &mut ben] {
            d.clock.set(start + day * DAY);
        }
        let date = chrono::DateTime::from_timestamp_millis(start + day * DAY)
            .unwrap()
            .date_naive()
            .to_string();
        ana.core
            .mark_done(&walk.id, &date, Some(&format!("walk {day}")), None)
            .unwrap();
        for (d, t) in [(&mut ana, 7), (&mut ben, 5)] {
            d.core.record_entry(check_in(t), true).unwrap();
        }
        if day % 2 == 0 {
            ana.core
                .record_entry(
                    Entry::Appreciation {
                        text: format!("thanks {day}"),
                    },
                    true,
                )
                .unwrap();
        }
        let pause = ana.core.start_pause(Some(20), None).unwrap();
        ana.core.end_pause(&pause.id).unwrap();
    }
    sync(&mut ana, &mut ben);
    (ana, ben, walk.id)
}

fn group(
    s: &VisibilityScreen,
    kind: VisibleKind,
) -> Option<&tandem_core::screens::visibility::VisibleGroup> {
    s.groups.iter().find(|g| g.kind == kind)
}

#[test]
fn the_screen_shows_the_newest_of_what_grows_and_everything_is_one_step_away() {
    let (ana, ben, _) = a_month_and_a_half();
    let rows = Reach::SCREEN.rows.unwrap();
    let lines = Reach::SCREEN.audit.unwrap();
    let first = ana.core.visibility_screen("Europe/Berlin").unwrap();
    let all = ana.core.visibility_screen_all("Europe/Berlin").unwrap();

    // Everything: nothing left out, nothing offered.
    assert!(all.groups.iter().all(|g| g.more.is_none()));
    assert_eq!(all.audit_more, None);
    assert_eq!(all.show_all, None);
    assert_eq!(
        group(&all, VisibleKind::RitualNote).unwrap().rows.len(),
        DAYS as usize
    );
    assert_eq!(
        group(&all, VisibleKind::CheckIn).unwrap().rows.len(),
        DAYS as usize
    );
    assert_eq!(
        group(&all, VisibleKind::Pause).unwrap().rows.len(),
        DAYS as usize
    );
    assert!(all.audit.len() > lines);

    // The first screen: the same groups, each cut one exactly the newest
    // rows of the whole one, in the same order.
    assert_eq!(
        first.groups.iter().map(|g| g.kind).collect::<Vec<_>>(),
        all.groups.iter().map(|g| g.kind).collect::<Vec<_>>()
    );
    for (cut, whole) in first.groups.iter().zip(&all.groups) {
        if whole.rows.len() <= rows {
            assert_eq!(cut, whole, "{:?} is whole", whole.kind);
            continue;
        }
        assert_eq!(cut.rows.len(), rows, "{:?}", whole.kind);
        let newest = match whole.kind {
            // Pauses read newest first; the rest oldest first.
            VisibleKind::Pause => &whole.rows[..rows],
            _ => &whole.rows[whole.rows.len() - rows..],
        };
        assert_eq!(cut.rows, newest, "{:?}", whole.kind);
        assert_eq!(
            cut.more.as_deref(),
            Some("Only the newest 30 are shown here."),
            "{:?}",
            whole.kind
        );
    }
    let cut_kinds: Vec<VisibleKind> = first
        .groups
        .iter()
        .filter(|g| g.more.is_some())
        .map(|g| g.kind)
        .collect();
    assert_eq!(
        cut_kinds,
        [
            VisibleKind::RitualNote,
            VisibleKind::CheckIn,
            VisibleKind::Pause
        ]
    );
    // Half as many appreciations: all of them.
    assert_eq!(
        group(&first, VisibleKind::Appreciation).unwrap().rows.len(),
        (DAYS as usize).div_ceil(2)
    );
    assert_eq!(first.audit, all.audit[..lines]);
    assert_eq!(
        first.audit_more.as_deref(),
        Some("Only the newest 100 are shown here.")
    );
    assert_eq!(first.show_all.as_deref(), Some("Show everything"));
    // The newest note is the last day's.
    let notes = group(&first, VisibleKind::RitualNote).unwrap();
    assert_eq!(
        notes.rows.last().unwrap().summary,
        format!("walk {}", DAYS - 1)
    );

    // Ben's phone: his check-ins alone (none of Ana's), cut the same way;
    // his one answer.
    let ben_first = ben.core.visibility_screen("Europe/Berlin").unwrap();
    let ben_all = ben.core.visibility_screen_all("Europe/Berlin").unwrap();
    let checkins = group(&ben_all, VisibleKind::CheckIn).unwrap();
    assert_eq!(checkins.rows.len(), DAYS as usize);
    assert!(checkins.rows.iter().all(|r| r.summary.starts_with("5/10")));
    assert_eq!(
        group(&ben_first, VisibleKind::CheckIn).unwrap().rows.len(),
        rows
    );
    assert_eq!(
        group(&ben_first, VisibleKind::Answer).unwrap().rows.len(),
        1
    );
    assert!(group(&ben_first, VisibleKind::RitualNote).is_none());
    assert!(group(&ben_first, VisibleKind::Pause).is_none());
}

#[test]
fn what_the_partner_sees_and_the_audit_stay_whole() {
    let (ana, _ben, walk) = a_month_and_a_half();
    let seen = ana.core.what_partner_sees().unwrap();
    let notes: Vec<&str> = seen
        .iter()
        .filter(|v| v.kind == VisibleKind::RitualNote)
        .map(|v| v.id.as_str())
        .collect();
    assert_eq!(notes.len(), DAYS as usize);
    assert!(notes.iter().all(|id| id.starts_with(&format!("{walk}:"))));
    let mut sorted = notes.clone();
    sorted.sort();
    assert_eq!(notes, sorted, "notes by date, oldest first");
    let audit = ana.core.sharing_audit().unwrap();
    let all = ana.core.visibility_screen_all("UTC").unwrap();
    assert_eq!(audit.len(), all.audit.len());
}

/// Ben proposes an idea a minute for `IDEAS` minutes; Ana declines every
/// other one and accepts the rest, which Ben retires later. The first idea
/// is answered last of all (and then retired), so the ritual that ended
/// most recently is not the newest proposal; a walk stays in effect, and
/// Ana's newest answer is a counter to it. Returns the phones and the walk.
fn years_of_ideas() -> (Device, Device, String) {
    const IDEAS: usize = 40;
    const MINUTE: i64 = 60_000;
    let (mut ana, mut ben) = paired();
    let mut now = ms("2027-03-10T18:00:00Z");
    let mut tick = |ana: &mut Device, ben: &mut Device| {
        now += MINUTE;
        set_clocks(ana, ben, now);
    };
    let walk = ben
        .core
        .propose_ritual(&draft("Walk", "19:00", None))
        .unwrap();
    let mut ideas = Vec::new();
    for i in 0..IDEAS {
        tick(&mut ana, &mut ben);
        let title = format!("Idea {i:02}");
        ideas.push(
            ben.core
                .propose_ritual(&draft(&title, "20:00", None))
                .unwrap()
                .id,
        );
    }
    sync(&mut ana, &mut ben);
    ana.core.accept_ritual(&walk.id).unwrap();
    for (i, id) in ideas.iter().enumerate().skip(1) {
        tick(&mut ana, &mut ben);
        if i % 2 == 0 {
            ana.core.decline_ritual(id).unwrap();
        } else {
            ana.core.accept_ritual(id).unwrap();
        }
    }
    tick(&mut ana, &mut ben);
    ana.core.accept_ritual(&ideas[0]).unwrap();
    sync(&mut ana, &mut ben);
    for (i, id) in ideas.iter().enumerate().rev() {
        if i % 2 == 1 || i == 0 {
            tick(&mut ana, &mut ben);
            ben.core.retire_ritual(id).unwrap();
        }
    }
    tick(&mut ana, &mut ben);
    ben.core
        .counter_ritual(&walk.id, &draft("Walk", "19:30", None))
        .unwrap();
    sync(&mut ana, &mut ben);
    tick(&mut ana, &mut ben);
    ana.core
        .counter_ritual(&walk.id, &draft("Walk", "19:15", None))
        .unwrap();
    sync(&mut ana, &mut ben);
    (ana, ben, walk.id)
}

#[test]
fn shared_rituals_show_all_in_play_and_the_newest_ended_and_answers_the_newest() {
    let (ana, _ben, walk) = years_of_ideas();
    let rows = Reach::SCREEN.rows.unwrap();
    let first = ana.core.visibility_screen("Europe/Berlin").unwrap();
    let all = ana.core.visibility_screen_all("Europe/Berlin").unwrap();

    let shared = group(&all, VisibleKind::SharedRitual).unwrap();
    assert_eq!(shared.rows.len(), 41, "the walk and every idea");
    assert_eq!(shared.rows[0].id, walk, "what is in play first");
    // Then the most recently ended first: the first idea, answered last.
    assert!(
        shared.rows[1].summary.starts_with("Idea 00"),
        "{:?}",
        shared.rows[1]
    );
    assert!(
        shared.rows[2].summary.starts_with("Idea 01"),
        "{:?}",
        shared.rows[2]
    );
    let cut = group(&first, VisibleKind::SharedRitual).unwrap();
    assert_eq!(
        cut.rows,
        shared.rows[..1 + rows],
        "the walk and the newest 30 ended"
    );
    assert_eq!(
        cut.more.as_deref(),
        Some("Only the 30 that ended most recently are shown here.")
    );

    let answers = group(&all, VisibleKind::Answer).unwrap();
    assert_eq!(
        answers.rows.len(),
        42,
        "the walk twice (accepted, countered), every idea"
    );
    // The newest answers about what the first screen lists; the rituals
    // that ended before those are not read.
    let listed: Vec<&str> = cut.rows.iter().map(|r| r.id.as_str()).collect();
    let about_listed: Vec<_> = answers
        .rows
        .iter()
        .filter(|a| listed.contains(&a.id.as_str()))
        .cloned()
        .collect();
    assert!(about_listed.len() > rows);
    let newest = group(&first, VisibleKind::Answer).unwrap();
    assert_eq!(newest.rows, about_listed[about_listed.len() - rows..]);
    assert_ne!(
        newest.rows,
        answers.rows[answers.rows.len() - rows..],
        "ideas declined early ended before the listed ones"
    );
    assert_eq!(
        newest.rows.last().unwrap().summary,
        "Suggested another version of “Walk”",
        "the newest answer, on a ritual in play"
    );
    assert_eq!(
        newest.rows[rows - 2].summary,
        "Accepted “Idea 00”",
        "then the first idea's, answered last"
    );
    assert_eq!(
        newest.more.as_deref(),
        Some("Only the newest 30 answers about what is listed above are shown here.")
    );
}
