//! The rituals screen's past stays as quick after ten years as after one: it
//! shows the rituals that ended most recently, the same ones in the same
//! order on both phones, says that older ones wait behind a button, and
//! `rituals_screen_all` has every one of them.

mod common;

use common::*;
use tandem_core::screens::rituals::{ENDED_SHOWN, RitualsScreen};

const MINUTE: i64 = 60_000;

fn titles(rows: &[tandem_core::screens::rituals::RitualRow]) -> Vec<String> {
    rows.iter().map(|r| r.title.clone()).collect()
}

/// Ana proposes `n` rituals, one a minute, and a walk; Ben accepts them
/// all. Then the `n` end, one a minute, in an order unlike the one they
/// were proposed in (from both ends towards the middle), retired by Ana and
/// Ben in turn. The walk stays in effect. Returns the titles of the ended
/// ones, the most recently ended first.
fn ended_over_time(n: usize) -> (Device, Device, Vec<String>) {
    let (mut ana, mut ben) = paired();
    let start = ms("2027-03-10T18:00:00Z");
    let mut ids = Vec::new();
    for i in 0..n {
        set_clocks(&mut ana, &mut ben, start + i as i64 * MINUTE);
        let title = format!("Idea {i:02}");
        ids.push(
            ana.core
                .propose_ritual(&draft(&title, "19:00", None))
                .unwrap()
                .id,
        );
    }
    let kept = ana
        .core
        .propose_ritual(&draft("Walk", "20:00", None))
        .unwrap();
    sync(&mut ana, &mut ben);
    for id in ids.iter().chain([&kept.id]) {
        ben.core.accept_ritual(id).unwrap();
    }
    sync(&mut ana, &mut ben);
    // The order they end in: from both ends towards the middle.
    let mut order = Vec::new();
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        hi -= 1;
        order.push(hi);
        if lo < hi {
            order.push(lo);
            lo += 1;
        }
    }
    let ended_from = start + 600 * MINUTE;
    for (k, &i) in order.iter().enumerate() {
        set_clocks(&mut ana, &mut ben, ended_from + k as i64 * MINUTE);
        let phone = if k % 2 == 0 { &mut ana } else { &mut ben };
        phone.core.retire_ritual(&ids[i]).unwrap();
    }
    sync(&mut ana, &mut ben);
    let most_recent_first = order
        .iter()
        .rev()
        .map(|&i| format!("Idea {i:02}"))
        .collect();
    (ana, ben, most_recent_first)
}

#[test]
fn the_past_shows_what_ended_most_recently_and_the_rest_is_one_button_away() {
    let n = ENDED_SHOWN + 3;
    let (ana, ben, most_recent_first) = ended_over_time(n);
    let screens: Vec<RitualsScreen> = [&ana, &ben]
        .iter()
        .map(|d| d.core.rituals_screen("Europe/Berlin").unwrap())
        .collect();
    for s in &screens {
        assert_eq!(titles(&s.rows), ["Walk"], "what is in effect is all there");
        assert_eq!(titles(&s.ended), most_recent_first[..ENDED_SHOWN]);
        assert!(
            s.ended
                .iter()
                .all(|r| r.buttons.is_empty() && r.status == "Retired")
        );
        assert_eq!(
            s.ended_more.as_deref(),
            Some("Only the 20 that ended most recently are shown here.")
        );
        assert_eq!(s.show_all.as_deref(), Some("Show all past rituals"));
    }
    assert_eq!(
        screens[0].ended, screens[1].ended,
        "one past on both phones"
    );
    for d in [&ana, &ben] {
        let all = d.core.rituals_screen_all("Europe/Berlin").unwrap();
        assert_eq!(
            titles(&all.ended),
            most_recent_first,
            "every one, in the same order"
        );
        assert_eq!((all.ended_more, all.show_all), (None, None));
        assert_eq!(titles(&all.rows), ["Walk"]);
    }
    invalid(ana.core.rituals_screen_all("Mars/Base"), "zone");
}

#[test]
fn a_past_that_fits_says_nothing_more() {
    let (mut ana, _ben, most_recent_first) = ended_over_time(ENDED_SHOWN);
    let s = ana.core.rituals_screen("Europe/Berlin").unwrap();
    assert_eq!(titles(&s.ended), most_recent_first);
    assert_eq!((&s.ended_more, &s.show_all), (&None, &None));
    assert_eq!(s, ana.core.rituals_screen_all("Europe/Berlin").unwrap());
    ana.core.set_locale("de-DE").unwrap();
    // A personal ritual of her own ends too.
    let idea = ana
        .core
        .add_personal_ritual(&draft("One more", "19:00", None))
        .unwrap();
    ana.core.retire_ritual(&idea.id).unwrap();
    let s = ana.core.rituals_screen("Europe/Berlin").unwrap();
    assert_eq!(s.ended[0].title, "One more", "the newest end comes first");
    assert_eq!(
        s.ended_more.as_deref(),
        Some("Hier stehen nur die 20, die zuletzt geendet haben.")
    );
    assert_eq!(
        s.show_all.as_deref(),
        Some("Alle vergangenen Rituale zeigen")
    );
}
