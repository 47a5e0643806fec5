//! The pause screen and its banner: every pause as a row from this phone's
//! side, with the words to show and the buttons its starter may press.
//! One decision for both phones: before, Android kept ended pauses in a
//! "past" list with the time they ended while iOS dropped them, and each
//! app wrote the banner's words and the "time to reconnect" state its own
//! way.
//!
//! A pause is a promise to come back, kept gently: its end is never
//! "late", "missed" or a "failure", and the partner's side never counts the
//! minutes. Times read on this phone's clock, with "tomorrow" or the day
//! when the return is not today and the offset when the clocks go back and
//! the wall time happens twice.

use crate::agreements::pauses::{Pause, PauseState};
use crate::clock::Millis;
use crate::error::Result;
use crate::screens::offers::Choice;
use crate::tell::clock_time;
use crate::zone::Zone;
use crate::{Core, DeviceId, schedule};

/// A button on a pause's row: only ever on this phone's own running pause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PauseAction {
    /// A little more time: once, within 24 hours in all (`extend` says how
    /// much).
    Extend,
    /// "I'm back".
    End,
}

impl PauseAction {
    pub fn label(self) -> &'static str {
        match self {
            PauseAction::Extend => "A little more time",
            PauseAction::End => "I'm back",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PauseRow {
    pub id: String,
    /// Started on this phone.
    pub mine: bool,
    pub state: PauseState,
    /// What the row and the banner say.
    pub text: String,
    /// The return promised now, on this phone's clock: "21:10", "tomorrow
    /// 00:10".
    pub return_at: String,
    pub return_at_ms: Millis,
    /// The starter's note, as written.
    pub note: Option<String>,
    pub extended: bool,
    pub actions: Vec<PauseAction>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PauseScreen {
    /// Running pauses: this phone's own first (its buttons belong on the
    /// banner), then the partner's; newest first within each.
    pub current: Vec<PauseRow>,
    /// Ended ones, newest first, without buttons.
    pub past: Vec<PauseRow>,
    /// The newest running pause's words, for a banner on every screen.
    pub banner: Option<String>,
    /// "Take a pause" is offered: this phone has none running (the core
    /// refuses a second).
    pub can_start: bool,
    /// Beside the "Take a pause" button.
    pub start_hint: String,
    /// The lengths "Take a pause" offers, the agreed cool-down among them.
    pub lengths: Vec<Choice>,
    /// What `Extend` adds.
    pub extend: Choice,
}

const TIME_TO_RECONNECT: &str = "Time to reconnect";
/// A partner's pause never ended here, a day after it began.
const OVER: &str = "The pause is over";
const START_HINT: &str = "Need a moment? Take a pause and say when you'll be back.";

fn row(p: &Pause, me: DeviceId, now: Millis, zone: &Zone) -> PauseRow {
    let mine = p.started_by == me;
    let state = p.state_for(me, now);
    let at = clock_time(p.return_at_ms, now, zone);
    let text = match state {
        PauseState::Running if mine => format!("You are taking a pause, back at {at}"),
        PauseState::Running => format!("Your partner needs a pause, back at {at}"),
        PauseState::TimeToReconnect => TIME_TO_RECONNECT.to_string(),
        // The partner's pause its starter never ended reads as over after
        // 24 hours, with no time and no blame.
        PauseState::Ended => match p.ended_at_ms {
            Some(ended) => format!("The pause ended at {}", clock_time(ended, now, zone)),
            None => OVER.to_string(),
        },
    };
    let actions = match state {
        PauseState::Ended => vec![],
        _ if !mine => vec![],
        _ if p.extended => vec![PauseAction::End],
        _ => vec![PauseAction::Extend, PauseAction::End],
    };
    PauseRow {
        id: p.id.clone(),
        mine,
        state,
        text,
        return_at: at,
        return_at_ms: p.return_at_ms,
        note: p.note.clone(),
        extended: p.extended,
        actions,
    }
}

impl Core {
    /// The pause screen as this phone shows it, times in `device_zone`.
    pub fn pause_screen(&self, device_zone: &str) -> Result<PauseScreen> {
        let zone = schedule::parse_zone(device_zone)?;
        let (me, now) = (self.device_id(), self.now_ms());
        let offers = self.offers()?;
        let (mut current, mut past) = (Vec::new(), Vec::new());
        for p in self.pauses()? {
            let shown = row(&p, me, now, &zone);
            match shown.state {
                PauseState::Ended => past.push(shown),
                _ => current.push(shown),
            }
        }
        current.sort_by_key(|r| !r.mine);
        Ok(PauseScreen {
            banner: current.first().map(|r| r.text.clone()),
            can_start: !current.iter().any(|r| r.mine),
            current,
            past,
            start_hint: START_HINT.to_string(),
            lengths: offers.pause,
            extend: offers.extend,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: Millis = 60_000;

    fn pause(by: DeviceId, started: Millis, minutes: i64) -> Pause {
        Pause {
            id: "pause:1".into(),
            started_by: by,
            started_at_ms: started,
            first_return_at_ms: started + minutes * MIN,
            return_at_ms: started + minutes * MIN,
            extended: false,
            ended_at_ms: None,
            note: None,
        }
    }

    // 2026-10-25 00:30 in Berlin (22:30 UTC the day before): the clocks go
    // back from 03:00 to 02:00 that night.
    const NIGHT: Millis = 1_792_881_000_000;

    #[test]
    fn each_side_reads_its_own_words_and_only_the_starter_has_buttons() {
        let (me, partner) = (DeviceId([1; 16]), DeviceId([2; 16]));
        let zone: Zone = "Europe/Berlin".parse().unwrap();
        let mine = row(&pause(me, NIGHT, 30), me, NIGHT + MIN, &zone);
        assert_eq!(mine.text, "You are taking a pause, back at 01:00");
        assert_eq!(mine.actions, [PauseAction::Extend, PauseAction::End]);
        let theirs = row(&pause(partner, NIGHT, 30), me, NIGHT + MIN, &zone);
        assert_eq!(theirs.text, "Your partner needs a pause, back at 01:00");
        assert!(theirs.actions.is_empty());

        let due = row(&pause(me, NIGHT, 30), me, NIGHT + 31 * MIN, &zone);
        assert_eq!(due.text, "Time to reconnect");
        assert_eq!(due.state, PauseState::TimeToReconnect);
        // The partner keeps seeing the promise, never a lateness.
        let waiting = row(&pause(partner, NIGHT, 30), me, NIGHT + 31 * MIN, &zone);
        assert_eq!(waiting.text, "Your partner needs a pause, back at 01:00");

        let mut extended = pause(me, NIGHT, 30);
        extended.extended = true;
        let once = row(&extended, me, NIGHT + MIN, &zone);
        assert_eq!(once.actions, [PauseAction::End], "extended once only");

        let forgotten = row(&pause(partner, NIGHT, 30), me, NIGHT + 25 * 60 * MIN, &zone);
        assert_eq!(forgotten.text, "The pause is over");
        assert!(forgotten.actions.is_empty());
    }

    #[test]
    fn a_return_in_the_repeated_hour_says_which_one() {
        let me = DeviceId([1; 16]);
        let zone: Zone = "Europe/Berlin".parse().unwrap();
        // 00:30 + 2 h = 02:30 summer time (+02:00); + 3 h = 02:30 winter
        // time (+01:00): both read "02:30" on the wall.
        let first = row(&pause(me, NIGHT, 120), me, NIGHT, &zone);
        let second = row(&pause(me, NIGHT, 180), me, NIGHT, &zone);
        assert_eq!(first.return_at, "02:30 +02:00");
        assert_eq!(second.return_at, "02:30 +01:00");
        assert_ne!(first.text, second.text);
    }

    #[test]
    fn the_words_blame_nobody() {
        for text in [TIME_TO_RECONNECT, OVER, START_HINT] {
            let lower = text.to_lowercase();
            for blame in ["late", "miss", "fail", "overdue", "broke", "forgot"] {
                assert!(!lower.contains(blame), "<{text}> says <{blame}>");
            }
        }
    }
}
