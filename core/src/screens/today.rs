//! The Today screen: the day's rituals as rows (due, coming, already
//! marked), what waits for this phone's answer, looks back that are due,
//! the running pause and the next reminder, worded on this phone's clock
//! and in its language. One decision for both phones; before:
//!
//! - Android showed a row's time and its zone's time; iOS showed "in 2 h ·
//!   30 min" and "started 10 min ago". Rows now carry both: the time, the
//!   time where a fixed-zone ritual lives when it reads differently there
//!   (only when it does: the same wall time under another zone name is not
//!   news), and a detail that says when.
//! - iOS listed every agreement version waiting for this phone, Android
//!   only the oldest. Concurrent suggestions are all shown, side by side,
//!   none replacing another, as on the agreements screen.
//! - Android worded an invitation with the rituals screen's status
//!   ("Waiting for your answer"), iOS with who did what ("Your partner
//!   suggested another time"). Today says what happened, named by the
//!   partner's name when one was given at pairing; the whole version to
//!   accept reads field by field on the row, as on the rituals screen.
//! - A rest-week occurrence that already started was on neither list; it
//!   now shows quietly among the day's earlier rows.
//!
//! Nothing on Today is "missed" or "late"; nobody is behind.

use chrono::NaiveDate;

use crate::action::{Action, FormRequest};
use crate::agreements::{Agreement, Version};
use crate::catalog::{Arg, Locale, date_short, length_in};
use crate::clock::Millis;
use crate::error::Result;
use crate::rituals::{MarkStatus, Occurrence, Ritual, RitualSpec, RitualStatus, describe};
use crate::schedule::TimeOfDay;
use crate::screens::offers::Choice;
use crate::screens::pause::{self, PauseRow};
use crate::screens::rituals;
use crate::tell::{clock_time_in, partner_called};
use crate::today::AHEAD_MS;
use crate::zone::Zone;
use crate::{Core, DeviceId, pairing, schedule};

/// A button on a Today row, in the order rows list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TodayAction {
    /// Mark a due occurrence done.
    Done,
    /// Skip it, no reason asked.
    Skip,
    /// Remind again later (the screen's `snooze` says when).
    Later,
    /// Accept the version the row names.
    Accept,
    /// Decline it, no reason asked.
    Decline,
    /// A ritual's counter: suggest another time.
    Counter,
    /// A look back: keep it as it is.
    Keep,
    /// A trial ritual's look back: keep it, changed (the ritual form).
    Adjust,
    /// A trial ritual's look back: stop it.
    Stop,
    /// An agreement's look back: suggest a new version (the agreement form).
    Amend,
    /// An agreement's look back: let it go.
    LetGo,
}

impl TodayAction {
    pub fn label_in(self, l: Locale) -> String {
        l.say(match self {
            TodayAction::Done => "today-action-done",
            TodayAction::Skip => "today-action-skip",
            TodayAction::Later => "today-action-later",
            TodayAction::Accept => "ritual-action-accept",
            TodayAction::Decline => "ritual-action-decline",
            TodayAction::Counter => "ritual-action-counter",
            TodayAction::Keep => "look-back-keep",
            TodayAction::Adjust => "look-back-adjust",
            TodayAction::Stop => "look-back-stop",
            TodayAction::Amend => "look-back-amend",
            TodayAction::LetGo => "look-back-let-go",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TodayButton {
    pub action: TodayAction,
    pub label: String,
    /// What pressing it performs (`Core::perform`), with the row's id,
    /// date, version and the screen's offer filled in; `None` for a button
    /// that opens a form.
    pub does: Option<Action>,
    /// The form pressing it opens (`Core::open_form`); `None` for a button
    /// that performs.
    pub opens: Option<FormRequest>,
}

/// Which list an occurrence's row is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowPlace {
    Due,
    Coming,
    Earlier,
}

/// One occurrence of a ritual.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OccurrenceRow {
    pub ritual_id: String,
    /// The occurrence's key, as done, skip and later take it.
    pub date: String,
    pub title: String,
    /// The start on this phone's clock: "20:30".
    pub time: String,
    /// For a ritual fixed in another zone whose clock reads differently
    /// there: "14:30 Europe/Berlin".
    pub zone_time: Option<String>,
    /// "in 2 h 5 min · 30 min", "started 10 min ago · 30 min", "Done",
    /// "Skipped"; "· rest week" added in a rest week.
    pub detail: String,
    pub start_ms: Millis,
    pub minutes: u32,
    pub status: MarkStatus,
    pub resting: bool,
    pub personal: bool,
    /// "Just for you" beside a personal ritual.
    pub personal_note: Option<String>,
    /// On a done occurrence, what each partner said when marking it, first
    /// marker first: "You: grateful · “Lovely walk”".
    pub said: Vec<String>,
    pub buttons: Vec<TodayButton>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Ritual,
    Agreement,
}

/// Something waiting for this phone's answer or a look back together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TodayItem {
    pub kind: ItemKind,
    /// The ritual's or the agreement's id.
    pub id: String,
    pub title: String,
    /// What happened: "Ana suggested another time", "Time to look back:
    /// tried until Sat 20 Mar".
    pub headline: String,
    /// What it is: "21:00 · 30 min · every day", or the agreement's text.
    pub detail: String,
    /// An invitation's version field by field, to read whole before
    /// answering; empty on a look back.
    pub reads: Vec<String>,
    /// What that version changes against the one in effect.
    pub changes: Vec<String>,
    /// The version an answer names (a ritual's spec version, an agreement
    /// version's hash); on an agreement's look back, the version in effect
    /// that keep or amend names.
    pub version: Option<String>,
    pub personal: bool,
    pub buttons: Vec<TodayButton>,
}

/// The heading above each list, shown only when the list is not empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TodayHeadings {
    pub due: String,
    pub coming: String,
    pub earlier: String,
    pub invitations: String,
    pub reviews: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TodayScreen {
    pub now_ms: Millis,
    /// Started, still open, not resting: done, skip or later. Oldest first.
    pub due: Vec<OccurrenceRow>,
    /// Starting from now, within 24 hours, soonest first; rest-week ones
    /// quietly, without buttons.
    pub coming: Vec<OccurrenceRow>,
    /// Done, skipped, or resting, since the local midnight, shown quietly.
    pub earlier: Vec<OccurrenceRow>,
    pub invitations: Vec<TodayItem>,
    pub reviews: Vec<TodayItem>,
    /// The running pause, this phone's own first (with its buttons), as
    /// the pause screen words it.
    pub pause: Option<PauseRow>,
    /// "Next reminder 20:20 · Evening check-in" ("tomorrow 07:30" when it
    /// is not today); the private title when notification text is hidden.
    pub next_reminder: Option<String>,
    /// What `Later` offers.
    pub snooze: Choice,
    /// What `Extend` adds on this phone's own pause.
    pub extend: Choice,
    /// What to show when nothing at all is on the screen.
    pub empty: Option<String>,
    pub headings: TodayHeadings,
}

/// When an open occurrence starts, from `now`: "now", "in 2 h 5 min",
/// "started just now", "started 10 min ago" (whole minutes, rounded down).
fn when_in(start: Millis, now: Millis, l: Locale) -> String {
    let minutes = i64::try_from(start.abs_diff(now) / 60_000).unwrap_or(i64::MAX);
    match (start >= now, minutes) {
        (true, 0) => l.say("today-now"),
        (true, m) => l.say_with("today-in", &[("length", Arg::Str(&length_in(m, l)))]),
        (false, 0) => l.say("today-started-now"),
        (false, m) => l.say_with("today-started", &[("length", Arg::Str(&length_in(m, l)))]),
    }
}

fn buttons(actions: &[TodayAction], l: Locale) -> Vec<TodayButton> {
    actions
        .iter()
        .map(|&action| TodayButton {
            action,
            label: action.label_in(l),
            does: None,
            opens: None,
        })
        .collect()
}

/// Who the partner is in a sentence: their name, or "Your partner".
struct Partner(String);

fn occurrence_row(
    o: &Occurrence,
    (now, place): (Millis, RowPlace),
    partner: &Partner,
    l: Locale,
) -> OccurrenceRow {
    let start = o.start_ms();
    let at_device = o.device_start();
    let open = o.status == MarkStatus::Scheduled;
    let mut detail = if open {
        l.say_with(
            "today-detail",
            &[
                ("when", Arg::Str(&when_in(start, now, l))),
                ("length", Arg::Str(&length_in(i64::from(o.minutes), l))),
            ],
        )
    } else {
        l.say(match o.status {
            MarkStatus::Skipped => "today-skipped",
            _ => "today-done",
        })
    };
    if o.resting {
        detail = l.say_with("today-resting", &[("detail", Arg::Str(&detail))]);
    }
    let there = o.start.naive_local();
    let zone_time = (there != at_device.naive_local()).then(|| {
        l.say_with(
            "today-zone-time",
            &[
                ("time", Arg::Str(&o.start.format("%H:%M").to_string())),
                ("zone", Arg::Str(o.start.timezone().name())),
            ],
        )
    });
    let said = said_lines(&o.said, &partner.0, l);
    let actions: &[TodayAction] = if place == RowPlace::Due {
        &[TodayAction::Done, TodayAction::Skip, TodayAction::Later]
    } else {
        &[]
    };
    OccurrenceRow {
        ritual_id: o.ritual_id.clone(),
        date: o.date.to_string(),
        title: o.title.clone(),
        time: at_device.format("%H:%M").to_string(),
        zone_time,
        detail,
        start_ms: start,
        minutes: o.minutes,
        status: o.status,
        resting: o.resting,
        personal: o.personal,
        personal_note: o.personal.then(|| l.say("ritual-status-personal")),
        said,
        buttons: buttons(actions, l),
    }
}

/// What each partner said when marking an occurrence done, first marker
/// first: "You: grateful · “Lovely walk”"; `who` names the partner.
pub(crate) fn said_lines(
    said: &[crate::rituals::marks::Said],
    who: &str,
    l: Locale,
) -> Vec<String> {
    said.iter()
        .filter_map(|s| {
            let words: Vec<String> = s
                .feeling
                .iter()
                .cloned()
                .chain(
                    s.note
                        .iter()
                        .map(|n| l.say_with("quoted", &[("text", Arg::Str(n))])),
                )
                .collect();
            (!words.is_empty()).then(|| {
                l.say_with(
                    "today-said",
                    &[
                        ("person", Arg::Str(if s.mine { "you" } else { "other" })),
                        ("who", Arg::Str(who)),
                        ("words", Arg::Str(&words.join(" · "))),
                    ],
                )
            })
        })
        .collect()
}

fn place_of(o: &Occurrence, now: Millis) -> RowPlace {
    let open = o.status == MarkStatus::Scheduled;
    match (open, o.start_ms() < now) {
        (true, true) if !o.resting => RowPlace::Due,
        (true, false) => RowPlace::Coming,
        _ => RowPlace::Earlier,
    }
}

fn ritual_invitation(r: &Ritual, me: DeviceId, partner: &Partner, l: Locale) -> TodayItem {
    let shown = rituals::row(r, me, false, l);
    let headline = match r.status {
        RitualStatus::Proposed => "today-invite-ritual",
        RitualStatus::Countered => "today-invite-counter",
        _ => "today-invite-change",
    };
    let spec = r.pending.as_ref().map_or(&r.spec, |p| &p.spec);
    TodayItem {
        kind: ItemKind::Ritual,
        id: r.id.clone(),
        title: spec.title.clone(),
        headline: l.say_with(headline, &[("who", Arg::Str(&partner.0))]),
        detail: ritual_detail(spec, l),
        reads: shown.reads,
        changes: shown.changes,
        version: shown.answer_version,
        personal: false,
        buttons: buttons(
            &[
                TodayAction::Accept,
                TodayAction::Decline,
                TodayAction::Counter,
            ],
            l,
        ),
    }
}

/// "21:00": a spec's time of day is checked when it is made.
fn clock(minutes: u16) -> String {
    TimeOfDay::from_minutes(minutes).map_or_else(|_| String::from("--:--"), |t| t.to_string())
}

/// "21:00 · 30 min · every day".
fn ritual_detail(spec: &RitualSpec, l: Locale) -> String {
    l.say_with(
        "today-ritual-detail",
        &[
            ("time", Arg::Str(&clock(spec.time_of_day))),
            ("length", Arg::Str(&length_in(i64::from(spec.minutes), l))),
            (
                "repeat",
                Arg::Str(&describe::repeat_in(&spec.recurrence, l)),
            ),
        ],
    )
}

fn agreement_invitation(a: &Agreement, v: &Version, partner: &Partner, l: Locale) -> TodayItem {
    let headline = if v.terms.parent.is_none() {
        "today-invite-agreement"
    } else {
        "today-invite-version"
    };
    TodayItem {
        kind: ItemKind::Agreement,
        id: a.id.clone(),
        title: v.terms.title.clone(),
        headline: l.say_with(headline, &[("who", Arg::Str(&partner.0))]),
        detail: v.terms.text.clone(),
        reads: Vec::new(),
        changes: Vec::new(),
        version: Some(hex::encode(v.hash)),
        personal: false,
        buttons: buttons(&[TodayAction::Accept, TodayAction::Decline], l),
    }
}

fn ritual_review(r: &Ritual, l: Locale) -> TodayItem {
    let until = r.spec.trial_until.map(|d| date_short(l, d));
    TodayItem {
        kind: ItemKind::Ritual,
        id: r.id.clone(),
        title: r.title.clone(),
        headline: match until {
            Some(date) => l.say_with("today-review-trial", &[("date", Arg::Str(&date))]),
            None => l.say("ritual-review-due"),
        },
        detail: ritual_detail(&r.spec, l),
        reads: Vec::new(),
        changes: Vec::new(),
        version: None,
        personal: r.personal,
        buttons: buttons(
            &[TodayAction::Keep, TodayAction::Adjust, TodayAction::Stop],
            l,
        ),
    }
}

fn agreement_review(a: &Agreement, l: Locale) -> TodayItem {
    let v = a.in_effect();
    let on: Option<NaiveDate> = v.and_then(|v| v.terms.review_on);
    TodayItem {
        kind: ItemKind::Agreement,
        id: a.id.clone(),
        title: v.map_or_else(|| a.id.clone(), |v| v.terms.title.clone()),
        headline: match on {
            Some(d) => l.say_with(
                "today-review-agreement-on",
                &[("date", Arg::Str(&date_short(l, d)))],
            ),
            None => l.say("today-review-agreement"),
        },
        detail: v.map(|v| v.terms.text.clone()).unwrap_or_default(),
        reads: Vec::new(),
        changes: Vec::new(),
        version: v.map(|v| hex::encode(v.hash)),
        personal: false,
        buttons: buttons(
            &[TodayAction::Keep, TodayAction::Amend, TodayAction::LetGo],
            l,
        ),
    }
}

/// What each button performs, from its row (the ritual, the date, the
/// version read) and the screen's offers (the snooze, the extension).
fn bind(screen: &mut TodayScreen) {
    let snooze = screen.snooze.minutes;
    let (due, coming, earlier) = (&mut screen.due, &mut screen.coming, &mut screen.earlier);
    for row in due
        .iter_mut()
        .chain(coming.iter_mut())
        .chain(earlier.iter_mut())
    {
        let (id, date) = (row.ritual_id.clone(), row.date.clone());
        for b in &mut row.buttons {
            b.does = match b.action {
                TodayAction::Done => Some(Action::MarkDone {
                    ritual_id: id.clone(),
                    date: date.clone(),
                    note: None,
                    feeling: None,
                }),
                TodayAction::Skip => Some(Action::SkipOccurrence {
                    ritual_id: id.clone(),
                    date: date.clone(),
                }),
                TodayAction::Later => Some(Action::Snooze {
                    ritual_id: id.clone(),
                    date: date.clone(),
                    minutes: snooze,
                }),
                _ => None,
            };
        }
    }
    let (invitations, reviews) = (&mut screen.invitations, &mut screen.reviews);
    for item in invitations.iter_mut().chain(reviews.iter_mut()) {
        let (kind, id, version) = (item.kind, item.id.clone(), item.version.clone());
        for b in &mut item.buttons {
            b.does = item_does(b.action, kind, &id, version.as_deref());
            b.opens = match (kind, b.action) {
                (ItemKind::Ritual, TodayAction::Counter) => {
                    Some(FormRequest::ChangeRitual { id: id.clone() })
                }
                (ItemKind::Ritual, TodayAction::Adjust) => {
                    Some(FormRequest::AdjustRitual { id: id.clone() })
                }
                (ItemKind::Agreement, TodayAction::Amend) => {
                    Some(FormRequest::ReviewAgreement { id: id.clone() })
                }
                _ => None,
            };
        }
    }
    if let Some(p) = &mut screen.pause {
        pause::bind(p, screen.extend.minutes);
    }
}

/// An invitation's or a look back's button as an action; the forms
/// (another time, adjust, amend) are `None`.
fn item_does(
    action: TodayAction,
    kind: ItemKind,
    id: &str,
    version: Option<&str>,
) -> Option<Action> {
    let id = id.to_owned();
    let version = version.map(str::to_owned);
    Some(match (kind, action) {
        (ItemKind::Ritual, TodayAction::Accept) => match version {
            Some(version) => Action::AcceptRitualVersion { id, version },
            None => Action::AcceptRitual { id },
        },
        (ItemKind::Ritual, TodayAction::Decline) => match version {
            Some(version) => Action::DeclineRitualVersion { id, version },
            None => Action::DeclineRitual { id },
        },
        (ItemKind::Ritual, TodayAction::Keep) => Action::KeepRitual { id },
        (ItemKind::Ritual, TodayAction::Stop) => Action::StopRitual { id },
        (ItemKind::Agreement, TodayAction::Accept) => Action::AcceptAgreement {
            id,
            version: version?,
        },
        (ItemKind::Agreement, TodayAction::Decline) => Action::DeclineAgreement {
            id,
            version: version?,
        },
        (ItemKind::Agreement, TodayAction::Keep) => Action::KeepAgreement { id },
        (ItemKind::Agreement, TodayAction::LetGo) => Action::LetGoAgreement { id },
        _ => return None,
    })
}

impl Core {
    /// The Today screen as this phone shows it, in `device_zone`.
    pub fn today_screen(&self, device_zone: &str) -> Result<TodayScreen> {
        let zone: Zone = schedule::parse_zone(device_zone)?;
        let t = self.today(device_zone)?;
        let (me, now, l) = (self.device_id(), t.now_ms, self.locale());
        let (conn, sealer) = (self.store.conn(), self.store.sealer());
        let partner = Partner(partner_called(
            pairing::partner_name(conn, sealer, now)?.as_deref(),
            l,
        ));
        let (mut due, mut coming, mut earlier) = (Vec::new(), Vec::new(), Vec::new());
        for o in t
            .occurrences
            .iter()
            .filter(|o| o.start_ms() < now.saturating_add(AHEAD_MS))
        {
            let place = place_of(o, now);
            let row = occurrence_row(o, (now, place), &partner, l);
            match place {
                RowPlace::Due => due.push(row),
                RowPlace::Coming => coming.push(row),
                RowPlace::Earlier => earlier.push(row),
            }
        }
        let mut invitations: Vec<TodayItem> = t
            .ritual_invitations
            .iter()
            .map(|r| ritual_invitation(r, me, &partner, l))
            .collect();
        for a in &t.agreement_invitations {
            for v in a.pending() {
                if a.awaits(v, me) {
                    invitations.push(agreement_invitation(a, v, &partner, l));
                }
            }
        }
        let reviews = t
            .ritual_reviews
            .iter()
            .map(|r| ritual_review(r, l))
            .chain(t.agreement_reviews.iter().map(|a| agreement_review(a, l)))
            .collect();
        let mut pauses: Vec<PauseRow> = t
            .pauses
            .iter()
            .map(|p| pause::row(p, me, now, &zone, l))
            .collect();
        // This phone's own first: its buttons belong on the banner.
        pauses.sort_by_key(|r| !r.mine);
        let next_reminder = t.next_reminder.as_ref().map(|r| {
            let title = if r.hide_content {
                &r.private_title
            } else {
                &r.title
            };
            l.say_with(
                "today-next-reminder",
                &[
                    (
                        "time",
                        Arg::Str(&clock_time_in(r.fire_at_ms, now, &zone, l)),
                    ),
                    ("title", Arg::Str(title)),
                ],
            )
        });
        let offers = self.offers()?;
        let mut screen = TodayScreen {
            now_ms: now,
            due,
            coming,
            earlier,
            invitations,
            reviews,
            pause: pauses.into_iter().next(),
            next_reminder,
            snooze: offers.snooze,
            extend: offers.extend,
            empty: None,
            headings: TodayHeadings {
                due: l.say("today-heading-due"),
                coming: l.say("today-heading-coming"),
                earlier: l.say("today-heading-earlier"),
                invitations: l.say("today-heading-invitations"),
                reviews: l.say("today-heading-reviews"),
            },
        };
        bind(&mut screen);
        if screen.due.is_empty()
            && screen.coming.is_empty()
            && screen.earlier.is_empty()
            && screen.invitations.is_empty()
            && screen.reviews.is_empty()
            && screen.pause.is_none()
        {
            screen.empty = Some(l.say("today-empty"));
        }
        Ok(screen)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_and_times_read_as_a_person_says_them() {
        let en = |m| length_in(m, Locale::En);
        assert_eq!(
            (en(30), en(60), en(90), en(125)),
            (
                "30 min".into(),
                "1 h".into(),
                "1 h 30 min".into(),
                "2 h 5 min".into()
            )
        );
        let min = 60_000;
        let l = Locale::En;
        assert_eq!(when_in(1_000, 0, l), "now");
        assert_eq!(when_in(125 * min + 59_000, 0, l), "in 2 h 5 min");
        assert_eq!(when_in(0, 59_000, l), "started just now");
        assert_eq!(when_in(0, 10 * min, l), "started 10 min ago");
        assert_eq!(length_in(90, Locale::De), "1 Std. 30 Min.");
    }

    #[test]
    fn the_words_blame_nobody() {
        let l = Locale::En;
        let mut words: Vec<String> = [
            "today-done",
            "today-skipped",
            "today-empty",
            "today-action-skip",
            "today-action-later",
            "look-back-let-go",
            "look-back-stop",
        ]
        .iter()
        .map(|id| l.say(id))
        .collect();
        words.push(l.say_with("today-resting", &[("detail", Arg::Str("x"))]));
        for text in words {
            for word in text.to_lowercase().split(|c: char| !c.is_alphabetic()) {
                let blames = word == "late"
                    || ["miss", "fail", "behind", "forgot", "overdue"]
                        .iter()
                        .any(|b| word.starts_with(b));
                assert!(!blames, "<{text}> says <{word}>");
            }
        }
    }
}
