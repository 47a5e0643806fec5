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

use crate::action::Action;
use crate::agreements::pauses::{Pause, PauseState};
use crate::catalog::{Arg, Locale};
use crate::clock::Millis;
use crate::error::Result;
use crate::screens::offers::Choice;
use crate::tell::clock_time_in;
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
    pub fn label(self, l: Locale) -> String {
        l.say(match self {
            PauseAction::Extend => "pause-action-extend",
            PauseAction::End => "pause-action-end",
        })
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
    pub buttons: Vec<PauseButton>,
}

/// A button on a pause's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PauseButton {
    pub action: PauseAction,
    pub label: String,
    /// What pressing it performs (`Core::perform`), with the pause's id
    /// and the screen's extension (`bind`).
    pub does: Option<Action>,
}

/// Fills in what each of a row's buttons performs: `extend` is the
/// minutes the screen's extension offers.
pub fn bind(row: &mut PauseRow, extend: u32) {
    for b in &mut row.buttons {
        let id = row.id.clone();
        b.does = Some(match b.action {
            PauseAction::Extend => Action::ExtendPause {
                id,
                minutes: extend,
            },
            PauseAction::End => Action::EndPause { id },
        });
    }
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

/// Every message id the screen's own words use (the blame check reads
/// them all).
#[cfg(test)]
const WORDS: [&str; 8] = [
    "pause-action-extend",
    "pause-action-end",
    "pause-mine",
    "pause-partners",
    "pause-time-to-reconnect",
    "pause-ended",
    "pause-over",
    "pause-start-hint",
];

pub(crate) fn row(p: &Pause, me: DeviceId, now: Millis, zone: &Zone, l: Locale) -> PauseRow {
    let mine = p.started_by == me;
    let state = p.state_for(me, now);
    let at = clock_time_in(p.return_at_ms, now, zone, l);
    let time = |id: &str, t: &str| l.say_with(id, &[("time", Arg::Str(t))]);
    let text = match state {
        PauseState::Running if mine => time("pause-mine", &at),
        PauseState::Running => time("pause-partners", &at),
        PauseState::TimeToReconnect => l.say("pause-time-to-reconnect"),
        // The partner's pause its starter never ended reads as over after
        // 24 hours, with no time and no blame (a partner's pause is never
        // measured on this phone).
        PauseState::Ended => match p.ended_at_ms {
            Some(ended) => time("pause-ended", &clock_time_in(ended, now, zone, l)),
            None => l.say("pause-over"),
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
        buttons: actions
            .into_iter()
            .map(|action| PauseButton {
                action,
                label: action.label(l),
                does: None,
            })
            .collect(),
    }
}

impl Core {
    /// The pause screen as this phone shows it, times in `device_zone`.
    pub fn pause_screen(&self, device_zone: &str) -> Result<PauseScreen> {
        let zone = schedule::parse_zone(device_zone)?;
        let (me, now, l) = (self.device_id(), self.now_ms(), self.locale());
        let offers = self.offers()?;
        let (mut current, mut past) = (Vec::new(), Vec::new());
        for p in self.pauses()? {
            let mut shown = row(&p, me, now, &zone, l);
            bind(&mut shown, offers.extend.minutes);
            match shown.state {
                PauseState::Ended => past.push(shown),
                _ => current.push(shown),
            }
        }
        // This phone's own first, each side newest first as listed (a
        // partition: a stable sort's code is kilobytes in the mobile library).
        let (mut current, theirs): (Vec<_>, Vec<_>) = current.into_iter().partition(|r| r.mine);
        current.extend(theirs);
        Ok(PauseScreen {
            banner: current.first().map(|r| r.text.clone()),
            can_start: !current.iter().any(|r| r.mine),
            current,
            past,
            start_hint: l.say("pause-start-hint"),
            lengths: offers.pause,
            extend: offers.extend,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: Millis = 60_000;

    fn actions(r: &PauseRow) -> Vec<PauseAction> {
        r.buttons.iter().map(|b| b.action).collect()
    }

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
        let mine = row(&pause(me, NIGHT, 30), me, NIGHT + MIN, &zone, Locale::En);
        assert_eq!(mine.text, "You are taking a pause, back at 01:00");
        assert_eq!(actions(&mine), [PauseAction::Extend, PauseAction::End]);
        let theirs = row(
            &pause(partner, NIGHT, 30),
            me,
            NIGHT + MIN,
            &zone,
            Locale::En,
        );
        assert_eq!(theirs.text, "Your partner needs a pause, back at 01:00");
        assert!(actions(&theirs).is_empty());

        let due = row(
            &pause(me, NIGHT, 30),
            me,
            NIGHT + 31 * MIN,
            &zone,
            Locale::En,
        );
        assert_eq!(due.text, "Time to reconnect");
        assert_eq!(due.state, PauseState::TimeToReconnect);
        // The partner keeps seeing the promise, never a lateness.
        let waiting = row(
            &pause(partner, NIGHT, 30),
            me,
            NIGHT + 31 * MIN,
            &zone,
            Locale::En,
        );
        assert_eq!(waiting.text, "Your partner needs a pause, back at 01:00");

        let mut extended = pause(me, NIGHT, 30);
        extended.extended = true;
        let once = row(&extended, me, NIGHT + MIN, &zone, Locale::En);
        assert_eq!(actions(&once), [PauseAction::End], "extended once only");

        let forgotten = row(
            &pause(partner, NIGHT, 30),
            me,
            NIGHT + 25 * 60 * MIN,
            &zone,
            Locale::En,
        );
        assert_eq!(forgotten.text, "The pause is over");
        assert!(actions(&forgotten).is_empty());
    }

    #[test]
    fn a_return_in_the_repeated_hour_says_which_one() {
        let me = DeviceId([1; 16]);
        let zone: Zone = "Europe/Berlin".parse().unwrap();
        // 00:30 + 2 h = 02:30 summer time (+02:00); + 3 h = 02:30 winter
        // time (+01:00): both read "02:30" on the wall.
        let first = row(&pause(me, NIGHT, 120), me, NIGHT, &zone, Locale::En);
        let second = row(&pause(me, NIGHT, 180), me, NIGHT, &zone, Locale::En);
        assert_eq!(first.return_at, "02:30 +02:00");
        assert_eq!(second.return_at, "02:30 +01:00");
        assert_ne!(first.text, second.text);
    }

    #[test]
    fn german_reads_german_days_too() {
        let me = DeviceId([1; 16]);
        let zone: Zone = "Europe/Berlin".parse().unwrap();
        let r = row(&pause(me, NIGHT, 120), me, NIGHT, &zone, Locale::De);
        assert_eq!(r.text, "Du machst eine Pause, zurück um 02:30 +02:00");
        let evening = NIGHT - 2 * 60 * MIN;
        let next_day = row(&pause(me, evening, 180), me, evening, &zone, Locale::De);
        assert_eq!(next_day.return_at, "morgen 01:30");
        assert_eq!(
            next_day
                .buttons
                .iter()
                .map(|b| b.label.as_str())
                .collect::<Vec<_>>(),
            ["Noch etwas Zeit", "Ich bin wieder da"]
        );
    }

    #[test]
    fn the_words_blame_nobody() {
        let all = [Locale::En, Locale::De]
            .map(|l| WORDS.map(|id| l.say_with(id, &[("time", Arg::Str("21:10"))])));
        for text in all.iter().flatten() {
            let lower = text.to_lowercase();
            for blame in ["late", "miss", "fail", "overdue", "broke", "forgot"] {
                assert!(!lower.contains(blame), "<{text}> says <{blame}>");
            }
        }
    }
}
