//! The agreements screen: every agreement as a row from this phone's side,
//! the version in effect read field by field, the versions waiting for an
//! answer side by side with their own buttons, the history in words, and
//! the buttons a person may press now. One decision for both phones, where
//! the two apps disagreed before:
//!
//! - Ended agreements: Android kept declined and withdrawn ones in a past
//!   list, iOS dropped declined ones and kept withdrawn ones among the live
//!   rows. Now both go to `ended`, a quiet list, by their title.
//! - Status: iOS went by the newest waiting version's author ("waiting for
//!   your partner" while an older version still waited for this phone);
//!   Android by whether anything waits for this phone. Anything to answer
//!   comes first now, and a change waiting beside the version in effect
//!   says so.
//! - Buttons: iOS offered "Suggest a change" on every version, also on a
//!   waiting one while another was in effect (which the core refuses), and
//!   accept and decline on the row. Now accept and decline sit on the
//!   version they name; a change builds on the version in effect (the row's
//!   `amend_on`), or, before one is, on the waiting version it is offered on.
//!   A partner's version this phone answered with a suggestion can still be
//!   accepted or declined.
//! - A review: Android offered "look back" beside "suggest a change" and
//!   "withdraw", iOS "keep, amend, let go" beside them. Now a due review
//!   replaces the row's buttons with keep it, suggest a change (built on
//!   the version in effect) and let it go (a withdrawal).
//! - History: each app worded it (iOS "withdrew their consent", Android
//!   "withdrew from this agreement", only Android with times). Now one
//!   wording with times on this phone's clock. Declining and withdrawing
//!   need no reason and are nobody's fault: their lines say what happened,
//!   never who did it.
//!
//! Nothing here counts one partner against the other; an answer not given
//! yet is waiting, never late.

use chrono::NaiveDate;

use crate::action::{Action, FormRequest};
use crate::agreements::{Agreement, AgreementStatus, Version, describe, history};
use crate::catalog::{Arg, Locale, date_short_year};
use crate::clock::Millis;
use crate::error::Result;
use crate::tell::clock_time_in;
use crate::zone::Zone;
use crate::{Core, DeviceId, schedule};

/// A button on an agreement's row or on a waiting version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgreementAction {
    /// Accepts exactly the version it sits on.
    Accept,
    /// Declines the version it sits on; no reason asked.
    Decline,
    /// Suggests a new version built on the row's `amend_on` (on a row) or
    /// on the version it sits on (on a waiting version).
    Amend,
    /// A review: keep it as it is.
    Keep,
    /// A review: let it go (consent withdrawn, for both).
    LetGo,
    /// Withdraws consent: alone, at any time, no reason asked.
    Withdraw,
}

impl AgreementAction {
    pub fn label_in(self, l: Locale) -> String {
        l.say(match self {
            AgreementAction::Accept => "agreement-action-accept",
            AgreementAction::Decline => "agreement-action-decline",
            AgreementAction::Amend => "agreement-action-amend",
            AgreementAction::Keep => "agreement-action-keep",
            AgreementAction::LetGo => "agreement-action-let-go",
            AgreementAction::Withdraw => "agreement-action-withdraw",
        })
    }
}

/// A button: what it does and its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementButton {
    pub action: AgreementAction,
    pub label: String,
    /// What pressing it performs (`Core::perform`), with the agreement's
    /// id and the version it names; `None` for `Amend` (the form).
    pub does: Option<Action>,
    /// The form `Amend` opens (`Core::open_form`): a look back's new
    /// version when the review is due, else a change on the version named
    /// (a row's: the one in effect); `None` for the others.
    pub opens: Option<FormRequest>,
}

/// A version waiting for an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementOption {
    /// The content hash (32 hex) an answer or a change names.
    pub version: String,
    /// Suggested on this phone.
    pub mine: bool,
    /// "Your suggestion", "Your partner's suggestion".
    pub label: String,
    /// "Waiting for your answer", "Waiting for your partner".
    pub status: String,
    /// Every field, "cool-down: 30 min", to read it whole before answering.
    pub reads: Vec<String>,
    /// What it changes against the version in effect (or the one it
    /// amends); empty for a first proposal.
    pub changes: Vec<String>,
    pub buttons: Vec<AgreementButton>,
}

/// One step of the history, from this phone's side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementHistoryLine {
    pub at_ms: Millis,
    /// On this phone's clock: "20:30", "Mon 1 Mar 20:30".
    pub at: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementRow {
    pub id: String,
    /// The version in effect's title, else the newest waiting one's, else
    /// the last one's (an ended agreement keeps its name).
    pub title: String,
    /// The couple's own words: the version in effect's text, else the
    /// newest waiting one's; for an ended agreement what was last agreed
    /// (else last written).
    pub text: String,
    /// Where it stands, from this phone's side.
    pub status: String,
    /// The version in effect, field by field; empty when none is.
    pub in_effect: Vec<String>,
    /// "Looking back on Wed 10 Mar 2027" while a review date is ahead.
    pub review_note: Option<String>,
    pub review_due: bool,
    /// Versions waiting for an answer, side by side, oldest first (the same
    /// order on both phones).
    pub options: Vec<AgreementOption>,
    /// The version a row's `Amend` builds on (the one in effect).
    pub amend_on: Option<String>,
    /// Oldest first.
    pub history: Vec<AgreementHistoryLine>,
    pub buttons: Vec<AgreementButton>,
}

impl AgreementRow {
    /// What the row's own buttons do, in order.
    pub fn actions(&self) -> Vec<AgreementAction> {
        self.buttons.iter().map(|b| b.action).collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementsScreen {
    /// Waiting or in effect, in the order they were proposed; due reviews
    /// first.
    pub rows: Vec<AgreementRow>,
    /// Declined and withdrawn ones, for a quiet past list, without buttons.
    pub ended: Vec<AgreementRow>,
    /// Rows with a version waiting for this phone's answer (for a badge).
    pub answers_waiting: u32,
    /// What to show when `rows` is empty.
    pub empty: Option<String>,
}

/// The buttons of `actions` on the agreement `id`, answers naming
/// `version` (an option's; a row's buttons name none); `due`: the row's
/// look back is due, so `Amend` ends it.
fn buttons(
    actions: &[AgreementAction],
    (id, version): (&str, Option<&str>),
    due: bool,
    l: Locale,
) -> Vec<AgreementButton> {
    actions
        .iter()
        .map(|&action| AgreementButton {
            action,
            label: action.label_in(l),
            does: does(action, id, version),
            opens: (action == AgreementAction::Amend).then(|| match due {
                true => FormRequest::ReviewAgreement { id: id.to_owned() },
                false => FormRequest::AmendAgreement {
                    id: id.to_owned(),
                    version: version.map(str::to_owned),
                },
            }),
        })
        .collect()
}

fn does(action: AgreementAction, id: &str, version: Option<&str>) -> Option<Action> {
    let id = id.to_owned();
    let version = version.map(str::to_owned);
    Some(match action {
        AgreementAction::Accept => Action::AcceptAgreement {
            id,
            version: version?,
        },
        AgreementAction::Decline => Action::DeclineAgreement {
            id,
            version: version?,
        },
        AgreementAction::Keep => Action::KeepAgreement { id },
        AgreementAction::LetGo => Action::LetGoAgreement { id },
        AgreementAction::Withdraw => Action::WithdrawAgreement { id },
        AgreementAction::Amend => return None,
    })
}

fn reads(v: &Version, l: Locale) -> Vec<String> {
    describe::describe_in(&v.terms, l)
        .into_iter()
        .map(|f| {
            l.say_with(
                "field-line",
                &[
                    ("field", Arg::Str(&f.field.label_in(l))),
                    ("value", Arg::Str(&f.text)),
                ],
            )
        })
        .collect()
}

fn quoted(text: &str, l: Locale) -> String {
    l.say_with("quoted", &[("text", Arg::Str(text))])
}

fn option(a: &Agreement, v: &Version, me: DeviceId, l: Locale) -> AgreementOption {
    use AgreementAction::*;
    let mine = v.author == me;
    let waits = a.awaits(v, me);
    let mut actions = if mine { vec![] } else { vec![Accept, Decline] };
    // Before anything is in effect, a change builds on a waiting version.
    if a.in_effect.is_none() {
        actions.push(Amend);
    }
    let person = if mine { "you" } else { "partner" };
    let version = hex::encode(v.hash);
    AgreementOption {
        buttons: buttons(&actions, (&a.id, Some(&version)), false, l),
        version,
        mine,
        label: l.say_with("agreement-suggestion", &[("person", Arg::Str(person))]),
        status: l.say(if waits {
            "agreement-status-your-answer"
        } else if mine {
            "agreement-status-partner-answer"
        } else {
            "agreement-option-answered"
        }),
        reads: reads(v, l),
        changes: a.changes_in(v, l).iter().map(|c| c.summary_in(l)).collect(),
    }
}

/// The history in words, oldest first.
fn history_lines(
    a: &Agreement,
    h: &history::History,
    me: DeviceId,
    now: Millis,
    zone: &Zone,
    l: Locale,
) -> Vec<AgreementHistoryLine> {
    let title_of = |e: &history::Event| {
        e.terms
            .as_ref()
            .map(|t| t.title.clone())
            .or_else(|| {
                e.version
                    .and_then(|v| a.version(&v))
                    .map(|v| v.terms.title.clone())
            })
            .or_else(|| a.shown().map(|v| v.terms.title.clone()))
            .unwrap_or_default()
    };
    h.entries
        .iter()
        .map(|entry| {
            let e = &entry.event;
            let title = quoted(&title_of(e), l);
            let person = if e.by == me { "you" } else { "partner" };
            let args = [("person", Arg::Str(person)), ("title", Arg::Str(&title))];
            let text = l.say_with(
                match e.kind {
                    history::Kind::Proposed => "agreement-history-proposed",
                    history::Kind::Amended => "agreement-history-amended",
                    history::Kind::Accepted => "agreement-history-accepted",
                    history::Kind::Kept => "agreement-history-kept",
                    history::Kind::Declined => "agreement-history-declined",
                    history::Kind::Withdrawn => "agreement-history-withdrawn",
                },
                &args,
            );
            AgreementHistoryLine {
                at_ms: e.at_ms,
                at: clock_time_in(e.at_ms, now, zone, l),
                text,
            }
        })
        .collect()
}

/// What an ended agreement last said: the version last in effect, else the
/// last one written.
fn last_agreed(a: &Agreement) -> Option<&Version> {
    a.versions
        .iter()
        .rev()
        .find(|v| v.accepted_by.len() >= 2)
        .or(a.versions.last())
}

/// Status words (a message id) and the row's buttons.
fn status(a: &Agreement, me: DeviceId, due: bool) -> (&'static str, Vec<AgreementAction>) {
    use AgreementAction::*;
    let for_me = a.waiting_for(me);
    match a.status {
        AgreementStatus::Proposed if for_me => ("agreement-status-your-answer", vec![Withdraw]),
        AgreementStatus::Proposed => ("agreement-status-partner-answer", vec![Withdraw]),
        AgreementStatus::Active if due => ("agreement-review-due", vec![Keep, Amend, LetGo]),
        AgreementStatus::Active if for_me => {
            ("agreement-status-change-your-answer", vec![Amend, Withdraw])
        }
        AgreementStatus::Active if !a.pending().is_empty() => {
            ("agreement-status-your-change", vec![Amend, Withdraw])
        }
        AgreementStatus::Active => ("agreement-status-in-effect", vec![Amend, Withdraw]),
        AgreementStatus::Declined => ("agreement-status-not-going-ahead", vec![]),
        AgreementStatus::Withdrawn => ("agreement-status-withdrawn", vec![]),
    }
}

fn row(
    a: &Agreement,
    h: &history::History,
    me: DeviceId,
    today: NaiveDate,
    now: Millis,
    zone: &Zone,
    l: Locale,
) -> AgreementRow {
    let due = a.review_due(today);
    let (status, actions) = status(a, me, due);
    let live = matches!(
        a.status,
        AgreementStatus::Proposed | AgreementStatus::Active
    );
    let in_effect = a.in_effect();
    let shown = if live { a.shown() } else { last_agreed(a) };
    AgreementRow {
        id: a.id.clone(),
        title: shown.map(|v| v.terms.title.clone()).unwrap_or_default(),
        text: shown.map(|v| v.terms.text.clone()).unwrap_or_default(),
        status: l.say(status),
        in_effect: in_effect.map(|v| reads(v, l)).unwrap_or_default(),
        review_note: in_effect
            .filter(|v| !due && !a.kept.contains(&v.hash))
            .and_then(|v| v.terms.review_on)
            .map(|d| {
                l.say_with(
                    "agreement-review-on",
                    &[("date", Arg::Str(&date_short_year(l, d)))],
                )
            }),
        review_due: due,
        options: a
            .pending()
            .into_iter()
            .map(|v| option(a, v, me, l))
            .collect(),
        amend_on: in_effect.map(|v| hex::encode(v.hash)),
        history: history_lines(a, h, me, now, zone, l),
        buttons: buttons(&actions, (&a.id, None), due, l),
    }
}

impl Core {
    /// The agreements screen as this phone shows it, times and the day a
    /// review comes in `device_zone`.
    pub fn agreements_screen(&self, device_zone: &str) -> Result<AgreementsScreen> {
        let zone = schedule::parse_zone(device_zone)?;
        let now = self.now_ms();
        let today = schedule::instant(now)?.with_timezone(&zone).date_naive();
        let (me, l) = (self.device_id(), self.locale());
        let (mut rows, mut ended, mut answers_waiting) = (Vec::new(), Vec::new(), 0usize);
        for a in self.agreements()? {
            let h = self.agreement_history(&a.id)?;
            let shown = row(&a, &h, me, today, now, &zone, l);
            answers_waiting += usize::from(a.waiting_for(me));
            match a.status {
                AgreementStatus::Declined | AgreementStatus::Withdrawn => ended.push(shown),
                _ => rows.push(shown),
            }
        }
        // Due reviews first, the rest in the core's order (a partition:
        // a stable sort's code is kilobytes in the mobile library).
        let (mut rows, rest): (Vec<_>, Vec<_>) = rows.into_iter().partition(|r| r.review_due);
        rows.extend(rest);
        Ok(AgreementsScreen {
            empty: rows.is_empty().then(|| l.say("agreements-empty")),
            rows,
            ended,
            answers_waiting: u32::try_from(answers_waiting).unwrap_or(u32::MAX),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agreements::{PauseProtocol, Terms};

    const ME: DeviceId = DeviceId([1; 16]);
    const PARTNER: DeviceId = DeviceId([2; 16]);

    fn terms(title: &str, parent: Option<[u8; 16]>) -> Terms {
        Terms {
            parent,
            title: title.into(),
            text: "We pause when it gets heated.".into(),
            pause_protocol: Some(PauseProtocol {
                cool_down_minutes: 30,
                either_may_call: true,
                revisit: None,
            }),
            review_on: NaiveDate::from_ymd_opt(2027, 6, 1),
        }
    }

    fn version(t: Terms, author: DeviceId, accepted_by: Vec<DeviceId>) -> Version {
        Version {
            hash: t.hash(),
            terms: t,
            author,
            at_ms: 0,
            accepted_by,
            declined: false,
        }
    }

    fn agreement(versions: Vec<Version>, in_effect: Option<usize>) -> Agreement {
        Agreement {
            id: "a1".into(),
            proposed_by: versions[0].author,
            proposed_at_ms: 0,
            status: if in_effect.is_some() {
                AgreementStatus::Active
            } else {
                AgreementStatus::Proposed
            },
            in_effect: in_effect.map(|i| versions[i].hash),
            versions,
            kept: vec![],
            withdrawn: None,
        }
    }

    fn actions(buttons: &[AgreementButton]) -> Vec<AgreementAction> {
        buttons.iter().map(|b| b.action).collect()
    }

    #[test]
    fn a_proposal_is_answered_on_its_version_and_its_author_waits() {
        use AgreementAction::*;
        let a = agreement(
            vec![version(terms("Pauses", None), PARTNER, vec![PARTNER])],
            None,
        );
        let mine = option(&a, &a.versions[0], ME, Locale::En);
        assert_eq!(actions(&mine.buttons), [Accept, Decline, Amend]);
        assert_eq!(mine.label, "Your partner's suggestion");
        assert_eq!(mine.status, "Waiting for your answer");
        assert!(mine.reads.contains(&"cool-down: 30 min".to_owned()));
        assert!(mine.changes.is_empty(), "a first proposal is read whole");
        assert_eq!(status(&a, ME, false).0, "agreement-status-your-answer");
        let theirs = option(&a, &a.versions[0], PARTNER, Locale::En);
        assert_eq!(actions(&theirs.buttons), [Amend]);
        assert_eq!(theirs.status, "Waiting for your partner");
        assert_eq!(
            status(&a, PARTNER, false),
            ("agreement-status-partner-answer", vec![Withdraw])
        );
    }

    #[test]
    fn in_effect_a_change_builds_on_the_version_in_effect_and_a_review_replaces_the_buttons() {
        use AgreementAction::*;
        let v1 = version(terms("Pauses", None), ME, vec![ME, PARTNER]);
        let mut t2 = terms("Pauses", Some(v1.hash));
        t2.pause_protocol.as_mut().unwrap().cool_down_minutes = 45;
        let v2 = version(t2, PARTNER, vec![PARTNER]);
        let a = agreement(vec![v1, v2], Some(0));
        let waiting = option(&a, &a.versions[1], ME, Locale::En);
        assert_eq!(
            actions(&waiting.buttons),
            [Accept, Decline],
            "no change on a waiting version while one is in effect"
        );
        assert_eq!(waiting.changes, ["cool-down: 45 min instead of 30 min"]);
        assert_eq!(
            status(&a, ME, false),
            ("agreement-status-change-your-answer", vec![Amend, Withdraw])
        );
        assert_eq!(status(&a, PARTNER, false).0, "agreement-status-your-change");
        assert_eq!(
            status(&a, ME, true),
            ("agreement-review-due", vec![Keep, Amend, LetGo])
        );
    }

    #[test]
    fn the_words_blame_nobody() {
        let ids = [
            "agreement-status-your-answer",
            "agreement-status-partner-answer",
            "agreement-status-in-effect",
            "agreement-status-change-your-answer",
            "agreement-status-your-change",
            "agreement-status-not-going-ahead",
            "agreement-status-withdrawn",
            "agreement-option-answered",
            "agreement-review-due",
            "agreements-empty",
            "agreement-history-declined",
            "agreement-history-withdrawn",
        ];
        for l in [Locale::En, Locale::De] {
            for id in ids {
                let text = l.say_with(id, &[("title", Arg::Str("T"))]).to_lowercase();
                for blame in [
                    "late",
                    "miss",
                    "fail",
                    "ignor",
                    "forgot",
                    "refus",
                    "reject",
                    "versäum",
                    "vergess",
                    "abgelehnt",
                ] {
                    assert!(!text.contains(blame), "<{text}> says <{blame}>");
                }
            }
        }
    }
}
