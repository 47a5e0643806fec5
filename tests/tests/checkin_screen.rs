//! The check-in screen as a shell drives it: the form's choices with the
//! core's words, and only this person's own check-ins of today.

mod common;

use common::*;
use tandem_core::checkins::{Capacity, Entry, Need};

const BERLIN: &str = "Europe/Berlin";

fn check_in(d: &mut Device, temperature: u8, need: Need, note: Option<&str>, shared: bool) {
    d.core
        .record_entry(
            Entry::CheckIn {
                temperature,
                capacity: Capacity::Low,
                need,
                note: note.map(Into::into),
            },
            shared,
        )
        .unwrap();
}

#[test]
fn the_form_and_only_my_own_check_ins_since_midnight() {
    // 19:00 in Berlin.
    let (mut ana, mut ben) = paired();
    let s = ana.core.check_in_screen(BERLIN).unwrap();
    assert_eq!(s.empty.as_deref(), Some("No check-ins yet today."));
    assert_eq!(s.prompt, "How warm is it inside?");
    assert_eq!(s.temperatures.len(), 10);
    assert_eq!(s.temperatures[4].label, "5 · stirred");
    assert_eq!(s.default_temperature, 3);
    let capacities: Vec<&str> = s.capacities.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(capacities, ["Running low", "Some room", "Plenty of room"]);
    assert_eq!(s.needs.len(), 5);
    assert_eq!(s.needs[4].label, "Nothing right now");

    // One from yesterday evening, then today's.
    ana.clock.set(ms("2027-03-09T22:00:00+01:00"));
    check_in(&mut ana, 8, Need::Space, None, true);
    ana.clock.set(ms("2027-03-10T08:05:00+01:00"));
    check_in(&mut ana, 5, Need::Space, Some("long night"), true);
    ana.clock.set(ms("2027-03-10T19:00:00+01:00"));
    check_in(&mut ana, 2, Need::NothingRightNow, None, false);
    ben.clock.set(ms("2027-03-10T19:00:00+01:00"));
    check_in(&mut ben, 9, Need::Closeness, Some("missing you"), true);
    sync(&mut ana, &mut ben);

    let s = ana.core.check_in_screen(BERLIN).unwrap();
    let rows: Vec<(&str, Option<&str>, Option<&str>)> = s
        .today
        .iter()
        .map(|r| (r.text.as_str(), r.note.as_deref(), r.shared_note.as_deref()))
        .collect();
    assert_eq!(
        rows,
        [
            (
                "08:05 · stirred · low capacity · needing space",
                Some("long night"),
                Some("Shared with your partner")
            ),
            (
                "19:00 · calm · low capacity · needing nothing right now",
                None,
                None
            ),
        ],
        "only Ana's own, oldest first, none from yesterday, never Ben's"
    );
    assert_eq!(s.empty, None);
    let on_ben = ben.core.check_in_screen(BERLIN).unwrap();
    assert_eq!(on_ben.today.len(), 1, "Ben sees his own only");

    ana.core.set_locale("de").unwrap();
    let s = ana.core.check_in_screen(BERLIN).unwrap();
    assert_eq!(s.capacities[0].label, "Kaum Kraft übrig");
    assert_eq!(
        s.today[0].shared_note.as_deref(),
        Some("Mit deinem Gegenüber geteilt")
    );
    assert_eq!(
        ana.core.check_in_form(0, "").temperature.as_deref(),
        Some("Wähle eine Zahl von 1 bis 10.")
    );
}

#[test]
fn an_unknown_zone_is_refused() {
    let (ana, _ben) = paired();
    invalid(ana.core.check_in_screen("Mars/Base"), "zone");
}
