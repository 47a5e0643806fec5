//! The visibility mirror: exactly what the partner's phone holds (or will
//! hold after the next sync) about this person, including what was sent
//! and later made private (a sync cannot be recalled), and an audit of every
//! sharing event and of everything done with this phone's record (exports,
//! unpairing, the app lock), so each can check nothing private leaked.
//!
//! Kinds and audit changes are typed; the words the partner reads are the
//! catalog's, in the language asked for (the person's own words as they
//! wrote them). The screen (`screens::visibility`) groups and dates them.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::agreements::{self, AgreementChange, AgreementStatus, BoundaryChange};
use crate::catalog::{Arg, Locale, date_short_year};
use crate::checkins;
use crate::clock::Millis;
use crate::device::DeviceId;
use crate::error::Result;
use crate::export::events::{self, DeviceEvent};
use crate::rituals::{self, RitualChange, RitualStatus};
use crate::store::Sealer;
use crate::sync::log::{self, EntityOps, Slice};
use crate::sync::people::People;
use crate::sync::{self, Change, Op};

/// What kind of thing the partner's phone holds about this person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum VisibleKind {
    /// This phone's name, which the partner's phone shows.
    DeviceName,
    SharedRitual,
    /// This person's feeling or note on a shared ritual's occurrence.
    RitualNote,
    Agreement,
    /// A boundary this person shares.
    Boundary,
    CheckIn,
    Appreciation,
    Repair,
    Phrase,
    Pause,
    RestWeek,
    /// An answer this person gave to a ritual or an agreement.
    Answer,
    /// A boundary sent and since made private or retired: the partner's
    /// log keeps it.
    MadePrivate,
}

impl VisibleKind {
    /// Every kind, in the order the visibility screen shows them.
    pub const ALL: [VisibleKind; 13] = [
        VisibleKind::DeviceName,
        VisibleKind::SharedRitual,
        VisibleKind::RitualNote,
        VisibleKind::Agreement,
        VisibleKind::Boundary,
        VisibleKind::CheckIn,
        VisibleKind::Appreciation,
        VisibleKind::Repair,
        VisibleKind::Phrase,
        VisibleKind::Pause,
        VisibleKind::RestWeek,
        VisibleKind::Answer,
        VisibleKind::MadePrivate,
    ];
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visible {
    pub kind: VisibleKind,
    pub id: String,
    /// What the partner reads, in the language asked for: the person's
    /// own words (a name, a title, a boundary, a note) as written, the
    /// rest (a status, a need, a repair, a week) in the catalog's words.
    pub summary: String,
    /// Since when the partner's phone holds it (0: not known, as for the
    /// device name and a rest week).
    pub since_ms: Millis,
    /// The day it is about when that is a day rather than a moment (a
    /// ritual note's occurrence; `since_ms` is then that day's midnight
    /// UTC).
    pub day: Option<NaiveDate>,
    /// For what this person took back: why it is still listed (the
    /// catalog's words).
    pub caveat: Option<String>,
}

fn visible(kind: VisibleKind, id: String, summary: String, since_ms: Millis) -> Visible {
    Visible {
        kind,
        id,
        summary,
        since_ms,
        day: None,
        caveat: None,
    }
}

/// A ritual's title with its status, as the partner's phone holds it (the
/// catalog selects on the status's stable name).
fn ritual_summary(title: &str, status: RitualStatus, l: Locale) -> String {
    l.say_with(
        "visible-ritual",
        &[
            ("title", Arg::Str(title)),
            ("status", Arg::Str(status.as_str())),
        ],
    )
}

fn agreement_summary(title: &str, status: AgreementStatus, l: Locale) -> String {
    l.say_with(
        "visible-agreement",
        &[
            ("title", Arg::Str(title)),
            ("status", Arg::Str(status.as_str())),
        ],
    )
}

/// An answer this person gave, as the catalog selects it.
#[derive(Debug, Clone, Copy)]
enum Answer {
    Accepted,
    Declined,
    Countered,
    Kept,
    Withdrew,
}

fn answer_summary(answer: Answer, title: &str, l: Locale) -> String {
    let answer = match answer {
        Answer::Accepted => "accepted",
        Answer::Declined => "declined",
        Answer::Countered => "countered",
        Answer::Kept => "kept",
        Answer::Withdrew => "withdrew",
    };
    let title = l.say_with("quoted", &[("text", Arg::Str(title))]);
    l.say_with(
        "visible-answer",
        &[("answer", Arg::Str(answer)), ("title", Arg::Str(&title))],
    )
}

/// This person's shared ops (from every phone they used), in clock order.
fn my_ops(conn: &Connection, sealer: &Sealer, me: DeviceId) -> Result<Vec<Op>> {
    let people = People::load(conn, me)?;
    Ok(sync::all_ops(conn, sealer)?
        .into_iter()
        .filter(|op| people.canonical(op.device, op.counter) == Some(me))
        .collect())
}

fn entity_id(entity: &str) -> String {
    entity
        .split_once(':')
        .map(|(_, i)| i.to_owned())
        .unwrap_or_default()
}

/// How much of what keeps growing with the years a reading takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reach {
    /// Rows of each kind that grows (notes, check-ins, appreciations,
    /// repairs, phrases, pauses, rest weeks, answers), newest first;
    /// `None`: all of them.
    pub rows: Option<usize>,
    /// Audit lines, newest first; `None`: all of them.
    pub audit: Option<usize>,
}

impl Reach {
    /// Everything, however long ago.
    pub const ALL: Reach = Reach {
        rows: None,
        audit: None,
    };
    /// What the visibility screen shows first: the newest of each kind
    /// and of the audit, read without reading the rest, so the screen
    /// opens as fast after ten years as after one. Everything is one
    /// "show all" away.
    pub const SCREEN: Reach = Reach {
        rows: Some(30),
        audit: Some(100),
    };
}

/// What the partner's phone holds about this person and the audit, as far
/// as a `Reach` goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mirror {
    pub seen: Vec<Visible>,
    /// The kinds with older rows than `seen` holds, in `VisibleKind::ALL`'s
    /// order.
    pub cut: Vec<VisibleKind>,
    /// Newest first.
    pub audit: Vec<AuditEntry>,
    /// Whether there are older audit lines than `audit` holds.
    pub audit_cut: bool,
}

/// What the partner's phone holds about this person, worded in `l`.
pub fn what_partner_sees(
    conn: &Connection,
    sealer: &Sealer,
    me: DeviceId,
    my_name: &str,
    l: Locale,
) -> Result<Vec<Visible>> {
    Ok(seen(conn, sealer, (me, my_name, l), None)?.0)
}

/// Both halves of the visibility screen, as far as `reach` goes.
pub fn visibility(
    conn: &Connection,
    sealer: &Sealer,
    me: DeviceId,
    my_name: &str,
    l: Locale,
    reach: Reach,
) -> Result<Mirror> {
    let (seen, mut cut) = seen(conn, sealer, (me, my_name, l), reach.rows)?;
    cut.sort_by_key(|k| VisibleKind::ALL.iter().position(|a| a == k));
    let (audit, audit_cut) = match reach.audit {
        None => (sharing_audit(conn, sealer, me)?, false),
        Some(n) => newest_audit(conn, sealer, me, n)?,
    };
    Ok(Mirror {
        seen,
        cut,
        audit,
        audit_cut,
    })
}

/// The newest `rows` of a kind (newest first in `v`), noting in `cut` when
/// older ones are left out.
fn newest<T>(
    mut v: Vec<T>,
    rows: Option<usize>,
    kind: VisibleKind,
    cut: &mut Vec<VisibleKind>,
) -> Vec<T> {
    if let Some(n) = rows
        && v.len() > n
    {
        v.truncate(n);
        cut.push(kind);
    }
    v
}

/// The answer an op gives, if it is one.
fn answer(change: &Change) -> Option<Answer> {
    match change {
        Change::Ritual(RitualChange::Accepted { .. }) => Some(Answer::Accepted),
        Change::Ritual(RitualChange::Declined { .. }) => Some(Answer::Declined),
        Change::Ritual(RitualChange::Countered(_)) => Some(Answer::Countered),
        Change::Agreement(AgreementChange::Accepted { .. }) => Some(Answer::Accepted),
        Change::Agreement(AgreementChange::Declined { .. }) => Some(Answer::Declined),
        Change::Agreement(AgreementChange::Amended(_)) => Some(Answer::Countered),
        Change::Agreement(AgreementChange::Kept { .. }) => Some(Answer::Kept),
        Change::Agreement(AgreementChange::Withdrawn) => Some(Answer::Withdrew),
        _ => None,
    }
}

/// What the partner's phone holds, with at most `rows` of each kind that
/// grows (and the kinds cut short). Each kind is read newest first through
/// an index, as far as it is shown, and one row further to know whether
/// there is more.
fn seen(
    conn: &Connection,
    sealer: &Sealer,
    (me, my_name, l): (DeviceId, &str, Locale),
    rows: Option<usize>,
) -> Result<(Vec<Visible>, Vec<VisibleKind>)> {
    let take = rows.map(|n| n.saturating_add(1));
    let mut cut = Vec::new();
    let mut out = vec![visible(
        VisibleKind::DeviceName,
        me.to_hex(),
        my_name.to_owned(),
        0,
    )];
    // Every shared ritual in play, in the order they were proposed, then
    // the newest `rows` that ended, the most recently ended first: ended
    // ones pile up over the years and are not opened beyond those.
    let mut shared: Vec<rituals::Ritual> = rituals::live(conn, sealer)?
        .into_iter()
        .filter(|r| !r.personal)
        .collect();
    let (ended, more_ended) = rituals::ended(conn, sealer, rituals::Whose::Shared, rows)?;
    if more_ended {
        cut.push(VisibleKind::SharedRitual);
    }
    shared.extend(ended);
    let mut titles = BTreeMap::new();
    for r in &shared {
        titles.insert(rituals::entity(&r.id), r.title.clone());
        out.push(visible(
            VisibleKind::SharedRitual,
            r.id.clone(),
            ritual_summary(&r.title, r.status, l),
            r.proposed_at_ms,
        ));
    }
    // Notes on any shared ritual, listed above or ended before those:
    // ritual by ritual as listed (the others first), each ritual's by date.
    let position: BTreeMap<&str, usize> = shared
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let words =
        rituals::marks::words_by(conn, sealer, me, |id| !rituals::is_personal_id(id), take)?;
    let mut words = newest(words, rows, VisibleKind::RitualNote, &mut cut);
    words.sort_by_key(|(id, date, _)| (position.get(id.as_str()).copied(), *date));
    for (id, date, w) in words {
        out.push(Visible {
            day: Some(date),
            ..visible(
                VisibleKind::RitualNote,
                format!("{id}:{date}"),
                // The person's own words, as written.
                [w.feeling, w.note]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(": "),
                date.and_time(chrono::NaiveTime::MIN)
                    .and_utc()
                    .timestamp_millis(),
            )
        });
    }
    let mut shared_boundaries = std::collections::BTreeSet::new();
    for a in agreements::list(conn, sealer)? {
        let title = a.shown().map(|v| v.terms.title.clone()).unwrap_or_default();
        titles.insert(agreements::entity(&a.id), title.clone());
        out.push(visible(
            VisibleKind::Agreement,
            a.id.clone(),
            agreement_summary(&title, a.status, l),
            a.proposed_at_ms,
        ));
    }
    for b in agreements::boundaries::list(conn, sealer)? {
        if b.owner == me && b.shared {
            shared_boundaries.insert(b.id.clone());
            out.push(visible(
                VisibleKind::Boundary,
                b.id,
                b.text,
                b.updated_at_ms,
            ));
        }
    }
    for (kind, stored) in [
        (VisibleKind::CheckIn, "checkin"),
        (VisibleKind::Appreciation, "appreciation"),
        (VisibleKind::Repair, "repair"),
        (VisibleKind::Phrase, "phrase"),
    ] {
        let records = checkins::shared_by(conn, sealer, me, stored, take)?;
        // Oldest first, as the notebook reads them.
        for r in newest(records, rows, kind, &mut cut).into_iter().rev() {
            let summary = match &r.entry {
                checkins::Entry::CheckIn {
                    temperature, need, ..
                } => l.say_with(
                    "visible-check-in",
                    &[
                        ("temperature", Arg::Num(i64::from(*temperature))),
                        ("need", Arg::Str(&l.say(need.word_id()))),
                    ],
                ),
                checkins::Entry::Appreciation { text } => text.clone(),
                checkins::Entry::Repair { act, .. } => l.say(act.word_id()),
                checkins::Entry::Phrase { text, .. } => text.clone(),
            };
            out.push(visible(kind, r.id, summary, r.at_ms));
        }
    }
    let pauses = agreements::pauses::started_by(conn, sealer, me, take)?;
    for p in newest(pauses, rows, VisibleKind::Pause, &mut cut) {
        out.push(visible(
            VisibleKind::Pause,
            p.id,
            p.note.unwrap_or_else(|| l.say("visible-pause")),
            p.started_at_ms,
        ));
    }
    let mut weeks: Vec<NaiveDate> = rituals::rest::weeks_declared(conn)?
        .into_iter()
        .filter(|(_, by)| *by == me)
        .map(|(monday, _)| monday)
        .rev()
        .collect();
    weeks = newest(weeks, rows, VisibleKind::RestWeek, &mut cut);
    for monday in weeks.into_iter().rev() {
        out.push(visible(
            VisibleKind::RestWeek,
            monday.to_string(),
            l.say_with(
                "visible-rest-week",
                &[("date", Arg::Str(&date_short_year(l, monday)))],
            ),
            0,
        ));
    }
    // From the log itself: answers this person gave, and boundary texts sent
    // and since made private or retired (the partner's log keeps them).
    // Only the ops of rituals as a whole (not their marks), agreements and
    // boundaries are read.
    let people = People::load(conn, me)?;
    let mine = |entity: &str| -> Result<Vec<Op>> {
        Ok(EntityOps::new(conn, sealer, &people, entity)
            .shared_slice(Slice::Whole)?
            .into_iter()
            .filter(|op| op.device == me)
            .collect())
    };
    // The rituals listed above: the answers shown are the newest about
    // what the screen lists (it says so when older rituals were left out),
    // so the rituals that ended before are not read.
    let mut ops = Vec::new();
    for r in &shared {
        ops.extend(mine(&rituals::entity(&r.id))?);
    }
    for prefix in [agreements::entity(""), agreements::boundaries::entity("")] {
        ops.extend(
            log::ops_with_prefix(conn, sealer, &prefix)?
                .into_iter()
                .filter(|op| people.canonical(op.device, op.counter) == Some(me)),
        );
    }
    ops.sort_by_key(|op| (op.hlc, op.device, op.counter));
    let mut answers = Vec::new();
    let mut sent_text: BTreeMap<String, (String, Millis)> = BTreeMap::new();
    for op in &ops {
        if let Change::Boundary(BoundaryChange::Shared { text } | BoundaryChange::Stated { text }) =
            &op.change
        {
            sent_text.insert(entity_id(&op.entity), (text.clone(), op.hlc.wall_ms));
        }
        if let Some(answer) = answer(&op.change) {
            let title = titles.get(&op.entity).cloned().unwrap_or_default();
            answers.push(visible(
                VisibleKind::Answer,
                entity_id(&op.entity),
                answer_summary(answer, &title, l),
                op.hlc.wall_ms,
            ));
        }
    }
    answers.reverse();
    let answers = newest(answers, rows, VisibleKind::Answer, &mut cut);
    if more_ended && !cut.contains(&VisibleKind::Answer) {
        cut.push(VisibleKind::Answer);
    }
    out.extend(answers.into_iter().rev());
    for (id, (text, at)) in sent_text {
        if !shared_boundaries.contains(&id) {
            out.push(Visible {
                caveat: Some(l.say("visible-cannot-recall")),
                ..visible(VisibleKind::MadePrivate, id, text, at)
            });
        }
    }
    Ok((out, cut))
}

/// One thing in the audit: a sharing change this person made (on any phone
/// they used) or something done with this phone's record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuditChange {
    RitualProposed,
    RitualCountered,
    RitualAccepted,
    RitualDeclined,
    RitualPaused,
    RitualResumed,
    RitualRetired,
    RitualDone,
    /// Marked done with a note or a feeling (which the partner reads).
    RitualDoneWithWords,
    RitualSkipped,
    RitualMoved,
    RestDeclared,
    RestCalledOff,
    BoundaryShared,
    BoundaryUnshared,
    /// A shared boundary's text changed.
    BoundaryChanged,
    BoundaryRetired,
    AgreementProposed,
    AgreementAmended,
    AgreementAccepted,
    AgreementDeclined,
    AgreementWithdrawn,
    AgreementKept,
    CheckInShared,
    AppreciationSent,
    RepairShared,
    PhraseShared,
    PauseStarted,
    PauseExtended,
    PauseEnded,
    /// Everything exported, sealed with a passphrase.
    Exported,
    /// Everything exported unsealed.
    ExportedPlaintext,
    /// Rituals exported as a calendar file.
    ExportedCalendar,
    Unpaired,
    /// The shared rituals, agreements and pauses stopped on this phone.
    StoppedShared,
    /// The partner's shared records deleted from this phone.
    DeletedPartnerData,
    LockOn,
    LockOff,
    /// An earlier Tandem on this phone was wiped.
    Wiped,
}

impl AuditChange {
    /// Every change the audit names.
    pub const ALL: [AuditChange; 39] = [
        AuditChange::RitualProposed,
        AuditChange::RitualCountered,
        AuditChange::RitualAccepted,
        AuditChange::RitualDeclined,
        AuditChange::RitualPaused,
        AuditChange::RitualResumed,
        AuditChange::RitualRetired,
        AuditChange::RitualDone,
        AuditChange::RitualDoneWithWords,
        AuditChange::RitualSkipped,
        AuditChange::RitualMoved,
        AuditChange::RestDeclared,
        AuditChange::RestCalledOff,
        AuditChange::BoundaryShared,
        AuditChange::BoundaryUnshared,
        AuditChange::BoundaryChanged,
        AuditChange::BoundaryRetired,
        AuditChange::AgreementProposed,
        AuditChange::AgreementAmended,
        AuditChange::AgreementAccepted,
        AuditChange::AgreementDeclined,
        AuditChange::AgreementWithdrawn,
        AuditChange::AgreementKept,
        AuditChange::CheckInShared,
        AuditChange::AppreciationSent,
        AuditChange::RepairShared,
        AuditChange::PhraseShared,
        AuditChange::PauseStarted,
        AuditChange::PauseExtended,
        AuditChange::PauseEnded,
        AuditChange::Exported,
        AuditChange::ExportedPlaintext,
        AuditChange::ExportedCalendar,
        AuditChange::Unpaired,
        AuditChange::StoppedShared,
        AuditChange::DeletedPartnerData,
        AuditChange::LockOn,
        AuditChange::LockOff,
        AuditChange::Wiped,
    ];
}

impl From<DeviceEvent> for AuditChange {
    fn from(e: DeviceEvent) -> Self {
        match e {
            DeviceEvent::Exported => AuditChange::Exported,
            DeviceEvent::ExportedPlaintext => AuditChange::ExportedPlaintext,
            DeviceEvent::ExportedCalendar => AuditChange::ExportedCalendar,
            DeviceEvent::Unpaired => AuditChange::Unpaired,
            DeviceEvent::StoppedShared => AuditChange::StoppedShared,
            DeviceEvent::DeletedPartnerData => AuditChange::DeletedPartnerData,
            DeviceEvent::LockOn => AuditChange::LockOn,
            DeviceEvent::LockOff => AuditChange::LockOff,
            DeviceEvent::Wiped => AuditChange::Wiped,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at_ms: Millis,
    pub change: AuditChange,
    /// What it was about (a ritual, a boundary…); empty for this phone's
    /// own events.
    pub id: String,
}

/// What was done with this phone's own record (exports, unpairing, a clean
/// exit, the app lock, a wipe before), oldest first: no op is read.
pub fn device_audit(conn: &Connection) -> Result<Vec<AuditEntry>> {
    Ok(events::list(conn)?
        .into_iter()
        .map(|(at_ms, e)| AuditEntry {
            at_ms,
            change: e.into(),
            id: String::new(),
        })
        .collect())
}

/// Every sharing event of this person (from the ops both logs hold) and
/// everything done with this phone's record (exports, unpairing, a clean
/// exit, the app lock, a wipe before), newest first.
pub fn sharing_audit(conn: &Connection, sealer: &Sealer, me: DeviceId) -> Result<Vec<AuditEntry>> {
    let shared = my_ops(conn, sealer, me)?
        .iter()
        .filter_map(audit_entry)
        .collect();
    Ok(merged(shared, device_audit(conn)?))
}

fn audit_entry(op: &Op) -> Option<AuditEntry> {
    Some(AuditEntry {
        at_ms: op.hlc.wall_ms,
        change: audit_change(&op.change)?,
        id: entity_id(&op.entity),
    })
}

/// The newest `n` lines of `sharing_audit`, and whether there are older
/// ones, reading the log newest first only as far as they go.
fn newest_audit(
    conn: &Connection,
    sealer: &Sealer,
    me: DeviceId,
    n: usize,
) -> Result<(Vec<AuditEntry>, bool)> {
    let people = People::load(conn, me)?;
    let mut shared = Vec::new();
    // Once one more than asked is found, the ops of that same millisecond
    // are still read: within it the fold order (the logical clock, the
    // device, the counter) decides, not the order they are read in.
    let mut last_ms = None;
    log::newest_first(
        conn,
        sealer,
        |device, counter| people.canonical(device, counter) == Some(me),
        |op| {
            if last_ms.is_some_and(|ms| op.hlc.wall_ms < ms) {
                return Ok(false);
            }
            if let Some(entry) = audit_entry(&op) {
                shared.push(((op.hlc, op.device, op.counter), entry));
                if shared.len() > n {
                    last_ms = Some(op.hlc.wall_ms);
                }
            }
            Ok(true)
        },
    )?;
    shared.sort_by_key(|(key, _)| *key);
    let mut out = merged(
        shared.into_iter().map(|(_, e)| e).collect(),
        device_audit(conn)?,
    );
    let cut = out.len() > n;
    out.truncate(n);
    Ok((out, cut))
}

/// Sharing events (oldest first, in fold order) and this phone's own
/// events (oldest first) in one list, newest first.
fn merged(shared: Vec<AuditEntry>, local: Vec<AuditEntry>) -> Vec<AuditEntry> {
    // Merged by time (the log's own order within one millisecond), then
    // reversed: the newest comes first.
    let mut out: Vec<AuditEntry> = Vec::with_capacity(shared.len() + local.len());
    let mut shared = shared.into_iter().peekable();
    for e in local {
        while let Some(s) = shared.next_if(|s| s.at_ms <= e.at_ms) {
            out.push(s);
        }
        out.push(e);
    }
    out.extend(shared);
    out.reverse();
    out
}

/// The audit's change for one shared op (None: nothing this person shared).
fn audit_change(change: &Change) -> Option<AuditChange> {
    use AuditChange as A;
    Some(match change {
        Change::Ritual(c) => match c {
            RitualChange::Proposed(_) => A::RitualProposed,
            RitualChange::Countered(_) => A::RitualCountered,
            RitualChange::Accepted { .. } => A::RitualAccepted,
            RitualChange::Declined { .. } => A::RitualDeclined,
            RitualChange::Paused => A::RitualPaused,
            RitualChange::Resumed => A::RitualResumed,
            RitualChange::Retired => A::RitualRetired,
            RitualChange::Done {
                note: None,
                feeling: None,
                ..
            } => A::RitualDone,
            RitualChange::Done { .. } => A::RitualDoneWithWords,
            RitualChange::Skipped { .. } => A::RitualSkipped,
            RitualChange::Moved { .. } => A::RitualMoved,
        },
        Change::Rest(c) => match c {
            rituals::rest::RestChange::Declared => A::RestDeclared,
            rituals::rest::RestChange::CalledOff => A::RestCalledOff,
        },
        Change::Boundary(c) => match c {
            BoundaryChange::Shared { .. } => A::BoundaryShared,
            BoundaryChange::Unshared => A::BoundaryUnshared,
            BoundaryChange::Stated { .. } => A::BoundaryChanged,
            BoundaryChange::Retired => A::BoundaryRetired,
        },
        Change::Agreement(c) => match c {
            AgreementChange::Proposed(_) => A::AgreementProposed,
            AgreementChange::Amended(_) => A::AgreementAmended,
            AgreementChange::Accepted { .. } => A::AgreementAccepted,
            AgreementChange::Declined { .. } => A::AgreementDeclined,
            AgreementChange::Withdrawn => A::AgreementWithdrawn,
            AgreementChange::Kept { .. } => A::AgreementKept,
        },
        Change::Entry(l) => match l.entry {
            checkins::Entry::CheckIn { .. } => A::CheckInShared,
            checkins::Entry::Appreciation { .. } => A::AppreciationSent,
            checkins::Entry::Repair { .. } => A::RepairShared,
            checkins::Entry::Phrase { .. } => A::PhraseShared,
        },
        Change::Pause(c) => match c {
            agreements::PauseChange::Started { .. } => A::PauseStarted,
            agreements::PauseChange::Extended { .. } => A::PauseExtended,
            agreements::PauseChange::Ended { .. } => A::PauseEnded,
        },
        Change::Journal(_) => return None,
    })
}
