//! The rituals screen: every ritual as a row, with where it stands from
//! this phone's side and the buttons a person may press now. One decision
//! for both phones: before, Android offered "suggest another time" on an
//! active ritual and "change" on a personal one and kept ended rituals in
//! a list of their own, while iOS offered neither and dropped them.
//!
//! Nothing here blames: a declined ritual is "Not going ahead", never who
//! said no; a ritual waiting for an answer is never late.

use chrono::NaiveDate;

use crate::action::{Action, FormRequest};
use crate::catalog::{Arg, Locale, date_short_year, length_in};
use crate::error::Result;
use crate::rituals::{self, Ritual, RitualStatus, describe};
use crate::schedule::ZoneMode;
use crate::{Core, DeviceId, schedule};

/// A button on a ritual's row, in the order rows list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RitualAction {
    /// A gentle experiment reached its last day, and it is time to look
    /// back: keep it as it is, keep it changed (the ritual form), or stop
    /// it. While the look back shows, changes go through `Adjust`.
    Keep,
    Adjust,
    Stop,
    Accept,
    /// No reason asked. Ends a proposal or a suggested time; for a change
    /// to a ritual in effect, drops the change and keeps the ritual.
    Decline,
    /// A counter, or a change to a ritual in effect (the partner answers).
    Counter,
    /// A personal ritual's new version, in effect at once.
    Change,
    Pause,
    Resume,
    /// Ends the ritual on both phones.
    Retire,
}

impl RitualAction {
    /// The button's label in English.
    pub fn label(self) -> String {
        self.label_in(Locale::En)
    }

    pub fn label_in(self, locale: Locale) -> String {
        locale.say(match self {
            RitualAction::Keep => "look-back-keep",
            RitualAction::Adjust => "look-back-adjust",
            RitualAction::Stop => "look-back-stop",
            RitualAction::Accept => "ritual-action-accept",
            RitualAction::Decline => "ritual-action-decline",
            RitualAction::Counter => "ritual-action-counter",
            RitualAction::Change => "ritual-action-change",
            RitualAction::Pause => "ritual-action-pause",
            RitualAction::Resume => "ritual-action-resume",
            RitualAction::Retire => "ritual-action-retire",
        })
    }
}

/// A button on a row: what it does and its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RitualButton {
    pub action: RitualAction,
    pub label: String,
    /// What pressing it performs (`Core::perform`), with the row's id and
    /// the version read; `None` for a button that opens the ritual form.
    pub does: Option<Action>,
    /// The form pressing it opens (`Core::open_form`), else `None`.
    pub opens: Option<FormRequest>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RitualRow {
    pub id: String,
    pub title: String,
    /// "20:30": the version in effect, else the one waiting for an answer.
    pub time: String,
    pub minutes: u32,
    /// "30 min", "1 h 30 min": the length in words.
    pub length: String,
    /// "Europe/Berlin time" for a fixed-zone ritual; `None` when it
    /// follows the phone.
    pub zone_note: Option<String>,
    /// Where it stands, from this phone's side.
    pub status: String,
    /// A change waiting beside the version in effect: "Suggested: 21:00,
    /// 45 minutes". `None` when nothing is in effect yet or nothing waits.
    pub suggestion: Option<String>,
    pub personal: bool,
    /// "Trying it until Sat 12 Dec" for a gentle experiment.
    pub trial_note: Option<String>,
    pub review_due: bool,
    /// The version waiting for this phone's answer, field by field, to
    /// read whole before answering; empty when nothing waits for this phone.
    pub reads: Vec<String>,
    /// What that version changes.
    pub changes: Vec<String>,
    /// The version an answer names; `None` when nothing waits for this phone.
    pub answer_version: Option<String>,
    pub buttons: Vec<RitualButton>,
}

impl RitualRow {
    /// What the row's buttons do, in order.
    pub fn actions(&self) -> Vec<RitualAction> {
        self.buttons.iter().map(|b| b.action).collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RitualsScreen {
    /// Waiting for an answer, active or paused, in the order they were
    /// proposed (the same on both phones); due looks back first.
    pub rows: Vec<RitualRow>,
    /// Declined and retired ones, for a quiet "Past" section, no buttons:
    /// the most recently ended first, the newest `ENDED_SHOWN` of them
    /// unless everything was asked for.
    pub ended: Vec<RitualRow>,
    /// Said under `ended` when older ones are not shown.
    pub ended_more: Option<String>,
    /// The label of the button that shows every ended ritual, when some
    /// were left out; the shell then asks for `rituals_screen_all`.
    pub show_all: Option<String>,
    /// How many rows wait for this phone's answer (for a badge).
    pub answers_waiting: u32,
    /// What to show when `rows` is empty.
    pub empty: Option<String>,
}

/// How many ended rituals the screen shows first. A couple proposes,
/// declines and retires rituals for years: the screen opens as fast after
/// ten as after one, and the rest is one button away.
pub const ENDED_SHOWN: usize = 20;

const REVIEW_DUE: &str = "ritual-review-due";
const EMPTY: &str = "rituals-empty";

const ANSWER: [RitualAction; 3] = [
    RitualAction::Accept,
    RitualAction::Decline,
    RitualAction::Counter,
];

/// Status words (a message id) and buttons for a shared ritual.
fn shared(status: RitualStatus, mine: bool, my_change: bool) -> (&'static str, Vec<RitualAction>) {
    use RitualAction::*;
    let answer = ANSWER.to_vec();
    match status {
        RitualStatus::Proposed if mine => ("ritual-status-your-answer", answer),
        RitualStatus::Countered if mine => ("ritual-status-another-time", answer),
        RitualStatus::Proposed | RitualStatus::Countered => {
            ("ritual-status-partner-answer", vec![])
        }
        RitualStatus::Active if mine => (
            "ritual-status-change-your-answer",
            [answer, vec![Pause, Retire]].concat(),
        ),
        RitualStatus::Active if my_change => (
            "ritual-status-active-your-change",
            vec![Counter, Pause, Retire],
        ),
        RitualStatus::Active => ("ritual-status-active", vec![Counter, Pause, Retire]),
        RitualStatus::Paused if mine => (
            "ritual-status-paused-your-answer",
            [answer, vec![Resume, Retire]].concat(),
        ),
        RitualStatus::Paused if my_change => (
            "ritual-status-paused-your-change",
            vec![Counter, Resume, Retire],
        ),
        RitualStatus::Paused => ("ritual-status-paused", vec![Counter, Resume, Retire]),
        RitualStatus::Declined => ("ritual-status-not-going-ahead", vec![]),
        RitualStatus::Retired => ("ritual-status-retired", vec![]),
    }
}

/// A personal ritual: nobody to wait for.
fn personal(status: RitualStatus) -> (&'static str, Vec<RitualAction>) {
    use RitualAction::*;
    match status {
        RitualStatus::Paused => (
            "ritual-status-personal-paused",
            vec![Change, Resume, Retire],
        ),
        RitualStatus::Retired | RitualStatus::Declined => ("ritual-status-retired", vec![]),
        // Proposed and countered are not states a personal ritual has.
        _ => ("ritual-status-personal", vec![Change, Pause, Retire]),
    }
}

pub(crate) fn row(r: &Ritual, me: DeviceId, review_due: bool, l: Locale) -> RitualRow {
    let mine = !r.personal && r.waiting_for(me);
    let my_change = r.pending.is_some() && !mine;
    let (status, actions) = if r.personal {
        personal(r.status)
    } else {
        shared(r.status, mine, my_change)
    };
    let in_effect = matches!(r.status, RitualStatus::Active | RitualStatus::Paused);
    let review_due = review_due && in_effect;
    let (status, actions) = if review_due {
        // Changes go through the review's adjust while it shows.
        let rest = actions
            .into_iter()
            .filter(|a| !matches!(a, RitualAction::Counter | RitualAction::Change));
        (
            REVIEW_DUE,
            [RitualAction::Keep, RitualAction::Adjust, RitualAction::Stop]
                .into_iter()
                .chain(rest)
                .collect(),
        )
    } else {
        (status, actions)
    };
    let suggestion = r.pending.as_ref().filter(|_| in_effect).map(|p| {
        let changed: Vec<String> = p.changes_in(l).iter().map(|c| c.summary_in(l)).collect();
        if changed.is_empty() {
            l.say("ritual-suggested-new-version")
        } else {
            l.say_with(
                "ritual-suggested",
                &[("changes", Arg::Str(&changed.join("; ")))],
            )
        }
    });
    let waiting = r.pending.as_ref().filter(|_| mine);
    let answer_version = waiting.map(|p| hex::encode(p.spec.version()));
    RitualRow {
        id: r.id.clone(),
        title: r.title.clone(),
        time: r.time_of_day.to_string(),
        minutes: r.minutes,
        length: length_in(i64::from(r.minutes), l),
        zone_note: match r.zone {
            ZoneMode::Fixed(z) => {
                Some(l.say_with("ritual-zone-note", &[("zone", Arg::Str(z.name()))]))
            }
            ZoneMode::Floating => None,
        },
        status: l.say(status),
        suggestion,
        personal: r.personal,
        trial_note: r
            .spec
            .trial_until
            .filter(|_| in_effect)
            .map(|last| trial_note(last, l)),
        review_due,
        reads: waiting
            .map(|p| {
                describe::describe_in(&p.spec, l)
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
                    .collect()
            })
            .unwrap_or_default(),
        changes: waiting
            .map(|p| p.changes_in(l).iter().map(|c| c.summary_in(l)).collect())
            .unwrap_or_default(),
        buttons: actions
            .into_iter()
            .map(|action| RitualButton {
                action,
                label: action.label_in(l),
                does: does(action, &r.id, answer_version.clone()),
                opens: match action {
                    RitualAction::Counter | RitualAction::Change => {
                        Some(FormRequest::ChangeRitual { id: r.id.clone() })
                    }
                    RitualAction::Adjust => Some(FormRequest::AdjustRitual { id: r.id.clone() }),
                    _ => None,
                },
            })
            .collect(),
        answer_version,
    }
}

/// A row's button as an action; the forms (counter, change, adjust) are
/// `None`. Answers name the version read, so one that changed meanwhile
/// is refused instead of answered unread.
fn does(action: RitualAction, id: &str, version: Option<String>) -> Option<Action> {
    let id = id.to_owned();
    Some(match action {
        RitualAction::Accept => match version {
            Some(version) => Action::AcceptRitualVersion { id, version },
            None => Action::AcceptRitual { id },
        },
        RitualAction::Decline => match version {
            Some(version) => Action::DeclineRitualVersion { id, version },
            None => Action::DeclineRitual { id },
        },
        RitualAction::Keep => Action::KeepRitual { id },
        RitualAction::Stop => Action::StopRitual { id },
        RitualAction::Pause => Action::PauseRitual { id },
        RitualAction::Resume => Action::ResumeRitual { id },
        RitualAction::Retire => Action::RetireRitual { id },
        RitualAction::Counter | RitualAction::Change | RitualAction::Adjust => return None,
    })
}

fn trial_note(last: NaiveDate, l: Locale) -> String {
    l.say_with(
        "ritual-trial-note",
        &[("date", Arg::Str(&date_short_year(l, last)))],
    )
}

impl Core {
    /// The rituals screen as this phone shows it, looks back decided in
    /// `device_zone`, with the `ENDED_SHOWN` rituals that ended most
    /// recently.
    pub fn rituals_screen(&self, device_zone: &str) -> Result<RitualsScreen> {
        self.rituals_screen_reaching(device_zone, Some(ENDED_SHOWN))
    }

    /// The rituals screen with every ritual that ever ended (the screen's
    /// "show all past rituals").
    pub fn rituals_screen_all(&self, device_zone: &str) -> Result<RitualsScreen> {
        self.rituals_screen_reaching(device_zone, None)
    }

    fn rituals_screen_reaching(
        &self,
        device_zone: &str,
        ended_shown: Option<usize>,
    ) -> Result<RitualsScreen> {
        let zone = schedule::parse_zone(device_zone)?;
        let now = schedule::instant(self.now_ms())?;
        let me = self.device_id();
        let l = self.locale;
        let rows: Vec<RitualRow> = rituals::live(self.store.conn(), self.store.sealer())?
            .iter()
            .map(|r| row(r, me, r.review_due_at(now, zone), l))
            .collect();
        let (ended, more) = rituals::ended(
            self.store.conn(),
            self.store.sealer(),
            rituals::Whose::All,
            ended_shown,
        )?;
        let ended = ended.iter().map(|r| row(r, me, false, l)).collect();
        let count = i64::try_from(ended_shown.unwrap_or_default()).unwrap_or(i64::MAX);
        // Due looks back first; otherwise the core's order, stable.
        // (A partition: a stable sort's code is kilobytes in the mobile library.)
        let (mut rows, rest): (Vec<_>, Vec<_>) = rows.into_iter().partition(|r| r.review_due);
        rows.extend(rest);
        let answers_waiting = rows
            .iter()
            .filter(|r| r.buttons.iter().any(|b| b.action == RitualAction::Accept))
            .count();
        let empty = rows.is_empty().then(|| l.say(EMPTY));
        Ok(RitualsScreen {
            rows,
            ended,
            ended_more: more
                .then(|| l.say_with("rituals-ended-newest-only", &[("count", Arg::Num(count))])),
            show_all: more.then(|| l.say("rituals-show-all")),
            answers_waiting: u32::try_from(answers_waiting).unwrap_or(u32::MAX),
            empty,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STATUSES: [RitualStatus; 6] = [
        RitualStatus::Proposed,
        RitualStatus::Countered,
        RitualStatus::Active,
        RitualStatus::Paused,
        RitualStatus::Declined,
        RitualStatus::Retired,
    ];

    /// Every status a row can show, for either phone, shared or personal.
    fn every_status() -> Vec<&'static str> {
        // Message ids; the words are read in each language below.
        let mut all = Vec::new();
        for status in STATUSES {
            for (mine, my_change) in [(false, false), (true, false), (false, true)] {
                all.push(shared(status, mine, my_change).0);
            }
            all.push(personal(status).0);
        }
        all.sort_unstable();
        all.dedup();
        all
    }

    #[test]
    fn the_words_blame_nobody_and_tell_each_state_apart() {
        let words = every_status();
        // 11 shared states (answer, waiting, another time, active and paused
        // with or without a change either way, not going ahead, retired)
        // and two personal ones.
        assert_eq!(words.len(), 13, "{words:?}");
        for id in words.iter().copied().chain([REVIEW_DUE, EMPTY]) {
            let text = Locale::En.say(id);
            let lower = text.to_lowercase();
            for blame in [
                "miss",
                "fail",
                "ignor",
                "late",
                "forgot",
                "didn't",
                "won't",
                "refus",
                "reject",
                "declin",
                "no answer",
                "still",
            ] {
                assert!(!lower.contains(blame), "<{text}> says <{blame}>");
            }
        }
    }

    #[test]
    fn a_row_waiting_for_this_phone_offers_the_answers_first() {
        for status in [
            RitualStatus::Proposed,
            RitualStatus::Countered,
            RitualStatus::Active,
            RitualStatus::Paused,
        ] {
            let (_, buttons) = shared(status, true, false);
            assert_eq!(buttons[..3], ANSWER, "{status:?}");
        }
        for status in STATUSES {
            let (_, buttons) = personal(status);
            assert!(
                !buttons.contains(&RitualAction::Accept),
                "a personal ritual waits for nobody"
            );
        }
    }
}
