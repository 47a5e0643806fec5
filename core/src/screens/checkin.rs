//! The check-in screen: the form's choices with their words, and this
//! person's own check-ins since the local midnight. One decision for both
//! phones; before, Android offered "Low bandwidth" where iOS offered
//! "Running low", each wrote its own empty line ("No check-ins today yet."
//! against "No check-ins yet today."), only iOS started the slider at 3,
//! and the rows read differently. The row now reads as the notebook does
//! ("20:10 · stirred · low capacity · needing space"), and the form is
//! checked here field by field, so both phones say the same under a field.
//!
//! Only this phone's own check-ins are listed: the screen is a person's
//! own weather, never a measure of the partner.

use crate::catalog::{Arg, Locale};
use crate::checkins::{Capacity, Entry, NOTE_MAX_CHARS, Need};
use crate::clock::Millis;
use crate::error::Result;
use crate::screens::notebook::{capacity_words, need_words, temperature_words};
use crate::today::local_midnight;
use crate::validate::{TextProblem, text_problem};
use crate::{Core, schedule};

/// The slider's range.
pub const TEMPERATURES: std::ops::RangeInclusive<u8> = 1..=10;
/// Where the slider starts: "settled", neither calm nor stirred, so the
/// form suggests nothing about how the day went.
pub const DEFAULT_TEMPERATURE: u8 = 3;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemperatureChoice {
    pub value: u8,
    /// "5 · stirred".
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapacityChoice {
    pub value: Capacity,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NeedChoice {
    pub value: Need,
    pub label: String,
}

/// One of this person's check-ins today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckInRow {
    pub id: String,
    pub at_ms: Millis,
    /// "20:10 · stirred · low capacity · needing space".
    pub text: String,
    /// The note as written.
    pub note: Option<String>,
    /// "Shared with your partner" when it was shared.
    pub shared_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckInScreen {
    /// Above the slider: "How warm is it inside?".
    pub prompt: String,
    pub temperatures: Vec<TemperatureChoice>,
    pub default_temperature: u8,
    pub capacities: Vec<CapacityChoice>,
    pub needs: Vec<NeedChoice>,
    /// Above the note's field.
    pub note_label: String,
    /// Beside the switch that shares a check-in with the partner.
    pub share_label: String,
    pub submit_label: String,
    /// What to say once a check-in was recorded.
    pub done: String,
    /// Oldest first.
    pub today: Vec<CheckInRow>,
    pub empty: Option<String>,
    /// A new check-in's form as it opens, the same on both phones: the
    /// slider at `default_temperature`, some capacity, nothing needed right
    /// now, no note, private. (Both shells wrote these starting values.)
    pub form: CheckInForm,
}

/// A check-in as the form holds it: the slider's number as it is (out of
/// range is said, never clamped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckInForm {
    pub temperature: i64,
    pub capacity: Capacity,
    pub need: Need,
    pub note: String,
    pub shared: bool,
}

/// What a form field says when its value cannot be used; `None` when the
/// form can be sent.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CheckInFormCheck {
    pub temperature: Option<String>,
    pub note: Option<String>,
}

impl CheckInFormCheck {
    pub fn is_ok(&self) -> bool {
        self.temperature.is_none() && self.note.is_none()
    }
}

const CAPACITIES: [Capacity; 3] = [Capacity::Low, Capacity::Some, Capacity::Plenty];
const NEEDS: [Need; 5] = [
    Need::Space,
    Need::Closeness,
    Need::Reassurance,
    Need::PracticalHelp,
    Need::NothingRightNow,
];

fn capacity_label(c: Capacity, l: Locale) -> String {
    l.say(match c {
        Capacity::Low => "checkin-capacity-low",
        Capacity::Some => "checkin-capacity-some",
        Capacity::Plenty => "checkin-capacity-plenty",
    })
}

fn need_label(n: Need, l: Locale) -> String {
    l.say(match n {
        Need::Space => "checkin-need-space",
        Need::Closeness => "checkin-need-closeness",
        Need::Reassurance => "checkin-need-reassurance",
        Need::PracticalHelp => "checkin-need-practical-help",
        Need::NothingRightNow => "checkin-need-nothing",
    })
}

/// The form checked field by field, with the words for each field.
/// The note's rules are the ones a check-in is recorded with
/// (`validate::text_problem`), so the check and the send cannot disagree.
pub fn check_form(temperature: i64, note: &str, l: Locale) -> CheckInFormCheck {
    let in_range = u8::try_from(temperature).is_ok_and(|t| TEMPERATURES.contains(&t));
    CheckInFormCheck {
        temperature: (!in_range).then(|| l.say("checkin-field-temperature")),
        note: text_problem(note, NOTE_MAX_CHARS, false).map(|p| match p {
            TextProblem::TooLong { count, max } => l.say_with(
                "checkin-field-note-long",
                &[
                    ("count", Arg::Num(i64::try_from(count).unwrap_or(i64::MAX))),
                    ("max", Arg::Num(i64::try_from(max).unwrap_or(i64::MAX))),
                ],
            ),
            TextProblem::Empty | TextProblem::ControlCharacter => {
                l.say("checkin-field-note-control")
            }
        }),
    }
}

impl Core {
    /// The check-in screen in `device_zone`: the form and this person's
    /// check-ins since the local midnight.
    pub fn check_in_screen(&self, device_zone: &str) -> Result<CheckInScreen> {
        let zone = schedule::parse_zone(device_zone)?;
        let (now, me, l) = (self.now_ms(), self.device_id(), self.locale());
        let from = local_midnight(now, zone)?;
        // A minute past now: this phone's own clock wrote them.
        let mut today = Vec::new();
        for r in self.entries(from, now.saturating_add(60_000), Some("checkin"))? {
            let Entry::CheckIn {
                temperature,
                capacity,
                need,
                note,
            } = r.entry
            else {
                continue;
            };
            if r.author != me {
                continue;
            }
            let time = schedule::instant(r.at_ms)?
                .with_timezone(&zone)
                .format("%H:%M")
                .to_string();
            today.push(CheckInRow {
                text: l.say_with(
                    "checkin-row",
                    &[
                        ("time", Arg::Str(&time)),
                        ("temperature", Arg::Str(&temperature_words(temperature, l))),
                        ("capacity", Arg::Str(&capacity_words(capacity, l))),
                        ("need", Arg::Str(&need_words(need, l))),
                    ],
                ),
                id: r.id,
                at_ms: r.at_ms,
                note,
                shared_note: r.shared.then(|| l.say("checkin-shared")),
            });
        }
        Ok(CheckInScreen {
            prompt: l.say("checkin-prompt"),
            temperatures: TEMPERATURES
                .map(|t| TemperatureChoice {
                    value: t,
                    label: l.say_with(
                        "checkin-temperature",
                        &[
                            ("value", Arg::Num(i64::from(t))),
                            ("words", Arg::Str(&temperature_words(t, l))),
                        ],
                    ),
                })
                .collect(),
            default_temperature: DEFAULT_TEMPERATURE,
            form: CheckInForm {
                temperature: i64::from(DEFAULT_TEMPERATURE),
                capacity: Capacity::Some,
                need: Need::NothingRightNow,
                note: String::new(),
                shared: false,
            },
            capacities: CAPACITIES
                .iter()
                .map(|&value| CapacityChoice {
                    value,
                    label: capacity_label(value, l),
                })
                .collect(),
            needs: NEEDS
                .iter()
                .map(|&value| NeedChoice {
                    value,
                    label: need_label(value, l),
                })
                .collect(),
            note_label: l.say("checkin-note"),
            share_label: l.say("checkin-share"),
            submit_label: l.say("checkin-submit"),
            done: l.say("checkin-done"),
            empty: today.is_empty().then(|| l.say("checkin-empty")),
            today,
        })
    }

    /// `check_form` in this phone's language.
    pub fn check_in_form(&self, temperature: i64, note: &str) -> CheckInFormCheck {
        check_form(temperature, note, self.locale())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_field_says_what_is_wrong_with_it() {
        let l = Locale::En;
        assert!(check_form(1, "", l).is_ok());
        assert!(check_form(10, &"a".repeat(NOTE_MAX_CHARS), l).is_ok());
        for t in [0, 11, -1, 256] {
            let c = check_form(t, "fine", l);
            assert_eq!(
                (c.temperature.as_deref(), c.note),
                (Some("Choose a number from 1 to 10."), None),
                "{t}"
            );
        }
        let long = check_form(5, &"a".repeat(NOTE_MAX_CHARS + 1), l);
        assert_eq!(
            long.note.as_deref(),
            Some("The note is 501 characters long; it can be up to 500.")
        );
        assert!(long.temperature.is_none());
        assert!(check_form(5, "a\u{7}b", l).note.is_some());
        assert!(check_form(5, "two\nlines", l).is_ok());
    }
}
