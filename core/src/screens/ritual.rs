//! One ritual's own screen, opened from its row: the row as the rituals
//! screen shows it (status, buttons), the version shown field by field, the
//! next few times on this phone's clock, the last two weeks day by day with
//! both partners' words, and how it has been kept. No phone had this
//! screen before: a ritual's past and its notes could only be read from the
//! CLI.
//!
//! Nothing here blames: a day nobody marked is "Not marked", never
//! missed; the count is the ritual's (for a shared one, the couple's,
//! counted as both phones count it), never one partner's.

use crate::action::Action;
use crate::catalog::{Arg, Locale, date_short};
use crate::clock::Millis;
use crate::error::Result;
use crate::rituals::{self, MarkStatus, Occurrence, Rhythm, RitualStatus, describe, history, rest};
use crate::screens::rituals::{RitualRow, row};
use crate::screens::today::{TodayAction, TodayButton, said_lines};
use crate::tell::partner_called;
use crate::{Core, pairing, schedule};

/// How far back the screen lists days.
pub const DAYS_BACK: i64 = 14;
/// How many of the next times it lists.
pub const NEXT_COUNT: usize = 3;
/// How far ahead it looks for them: three times of a monthly ritual.
const AHEAD_DAYS: i64 = 93;
const DAY_MS: Millis = 86_400_000;

/// One day the ritual was due, from this phone's side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RitualDay {
    /// The occurrence's key, as done and skip take it.
    pub date: String,
    /// "Sun 6 Dec".
    pub day: String,
    /// The start on this phone's clock: "20:30".
    pub time: String,
    /// "Done", "Skipped", "Rest week", "Not marked".
    pub state: String,
    pub status: MarkStatus,
    pub resting: bool,
    /// What each partner said marking it done.
    pub said: Vec<String>,
    /// Done and skip, on a day nobody marked while the ritual is in effect.
    pub buttons: Vec<TodayButton>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RitualScreenHeadings {
    pub terms: String,
    pub next: String,
    pub days: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RitualScreen {
    /// The row as the rituals screen shows it, with its buttons.
    pub row: RitualRow,
    /// The version shown (in effect, else waiting), field by field.
    pub terms: Vec<String>,
    /// The next times on this phone's clock, "Tue 8 Dec · 20:30"; empty
    /// while it is paused or ended.
    pub next: Vec<String>,
    /// The last two weeks, newest first, up to now.
    pub days: Vec<RitualDay>,
    /// "Together you kept 5 of 7 times in the last four weeks."; `None` before any
    /// time counts.
    pub kept: Option<String>,
    /// What to show when `days` is empty.
    pub days_empty: Option<String>,
    pub headings: RitualScreenHeadings,
}

fn day_row(o: &Occurrence, in_effect: bool, partner: &str, l: Locale) -> RitualDay {
    let state = match (o.status, o.resting) {
        (MarkStatus::Done, _) => "today-done",
        (MarkStatus::Skipped, _) => "today-skipped",
        (_, true) => "ritual-day-resting",
        _ => "ritual-day-open",
    };
    let open = o.status == MarkStatus::Scheduled && !o.resting && in_effect;
    let (id, date) = (o.ritual_id.clone(), o.date.to_string());
    let buttons = if open {
        let button = |action: TodayAction, does: Action| TodayButton {
            action,
            label: action.label_in(l),
            does: Some(does),
            opens: None,
        };
        vec![
            button(
                TodayAction::Done,
                Action::MarkDone {
                    ritual_id: id.clone(),
                    date: date.clone(),
                    note: None,
                    feeling: None,
                },
            ),
            button(
                TodayAction::Skip,
                Action::SkipOccurrence {
                    ritual_id: id,
                    date: date.clone(),
                },
            ),
        ]
    } else {
        Vec::new()
    };
    RitualDay {
        date,
        day: date_short(l, o.date),
        time: o.device_start().format("%H:%M").to_string(),
        state: l.say(state),
        status: o.status,
        resting: o.resting,
        said: said_lines(&o.said, partner, l),
        buttons,
    }
}

/// The count in words, the couple's for a shared ritual.
fn kept(r: &Rhythm, personal: bool, l: Locale) -> Option<String> {
    let (kept, scheduled) = (r.kept_last_28, r.scheduled_last_28);
    let who = if personal { "you" } else { "together" };
    match scheduled {
        0 => None,
        1 => Some(l.say_with(
            if kept == 1 {
                "ritual-kept-first"
            } else {
                "ritual-kept-first-open"
            },
            &[("who", Arg::Str(who))],
        )),
        _ => Some(l.say_with(
            "ritual-kept",
            &[
                ("who", Arg::Str(who)),
                ("kept", Arg::Num(i64::from(kept))),
                ("scheduled", Arg::Num(i64::from(scheduled))),
            ],
        )),
    }
}

impl Core {
    /// Ritual `id`'s own screen, on `device_zone`'s clock.
    pub fn ritual_screen(&self, id: &str, device_zone: &str) -> Result<RitualScreen> {
        let zone = schedule::parse_zone(device_zone)?;
        let r = self.ritual(id)?;
        let (me, l, now) = (self.device_id(), self.locale(), self.now_ms());
        let (conn, sealer) = (self.store.conn(), self.store.sealer());
        let partner = partner_called(pairing::partner_name(conn, sealer, now)?.as_deref(), l);
        let review_due = r.review_due_at(schedule::instant(now)?, zone);
        let in_effect = r.status == RitualStatus::Active;
        let rest_weeks = rest::weeks(conn)?;
        let from = now.saturating_sub(DAYS_BACK * DAY_MS);
        let to = now.saturating_add(AHEAD_DAYS * DAY_MS);
        let occurrences = rituals::occurrences_of(conn, sealer, &r, zone, (from, to), &rest_weeks)?;
        let (past, ahead): (Vec<&Occurrence>, Vec<&Occurrence>) = occurrences
            .iter()
            .filter(|o| o.start_ms() >= from)
            .partition(|o| o.start_ms() <= now);
        let days: Vec<RitualDay> = past
            .iter()
            .rev()
            .map(|o| day_row(o, in_effect, &partner, l))
            .collect();
        let live = matches!(
            r.status,
            RitualStatus::Active | RitualStatus::Proposed | RitualStatus::Countered
        );
        let next = ahead
            .iter()
            .filter(|_| live)
            .take(NEXT_COUNT)
            .map(|o| {
                l.say_with(
                    "ritual-next-time",
                    &[
                        (
                            "date",
                            Arg::Str(&date_short(l, o.device_start().date_naive())),
                        ),
                        (
                            "time",
                            Arg::Str(&o.device_start().format("%H:%M").to_string()),
                        ),
                    ],
                )
            })
            .collect();
        let counted = matches!(r.status, RitualStatus::Active | RitualStatus::Paused);
        let kept = if counted {
            let shared = history::shared_cutoff(conn, now)?;
            let rhythm = rituals::rhythm_of(conn, sealer, &r, (shared, now, zone), &rest_weeks)?;
            kept(&rhythm, r.personal, l)
        } else {
            None
        };
        // A version waiting for its first answer shows what it would be.
        let waiting = matches!(r.status, RitualStatus::Proposed | RitualStatus::Countered);
        let shown = r
            .pending
            .as_ref()
            .filter(|_| waiting)
            .map_or(&r.spec, |p| &p.spec);
        let terms = describe::describe_in(shown, l)
            .into_iter()
            .map(|v| {
                l.say_with(
                    "field-line",
                    &[
                        ("field", Arg::Str(&v.field.label_in(l))),
                        ("value", Arg::Str(&v.text)),
                    ],
                )
            })
            .collect();
        Ok(RitualScreen {
            row: row(&r, me, review_due, l),
            terms,
            next,
            days_empty: days.is_empty().then(|| l.say("ritual-days-empty")),
            days,
            kept,
            headings: RitualScreenHeadings {
                terms: l.say("ritual-heading-terms"),
                next: l.say("ritual-heading-next"),
                days: l.say("ritual-heading-days"),
            },
        })
    }
}
