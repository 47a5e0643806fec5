//! The visibility mirror: exactly what the partner's phone holds (or will
//! hold after the next sync) about this person, including what was sent
//! and later made private (a sync cannot be recalled), and an audit of every
//! sharing event and of everything done with this phone's record (exports,
//! unpairing, the app lock), so each can check nothing private leaked.

use std::collections::BTreeMap;

use rusqlite::Connection;

use crate::agreements::{self, AgreementChange, BoundaryChange};
use crate::checkins;
use crate::clock::Millis;
use crate::device::DeviceId;
use crate::error::Result;
use crate::export::events;
use crate::rituals::{self, RitualChange};
use crate::store::Sealer;
use crate::sync::{self, Change, Op};

/// What the mirror says of something sent and then made private or retired.
pub const CANNOT_RECALL: &str = "already on your partner's phone; making it private again stops further sharing but cannot recall it";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visible {
    /// "device name", "shared ritual", "agreement", "boundary", "check-in",
    /// "appreciation", "repair", "phrase", "pause", "rest week",
    /// "ritual note", "answer", "made private".
    pub kind: &'static str,
    pub id: String,
    /// What the partner reads (a title, a text, a summary).
    pub summary: String,
    pub since_ms: Millis,
    /// For what this person took back: why it is still listed.
    pub caveat: Option<&'static str>,
}

fn visible(kind: &'static str, id: String, summary: String, since_ms: Millis) -> Visible {
    Visible {
        kind,
        id,
        summary,
        since_ms,
        caveat: None,
    }
}

/// This person's shared ops (from every phone they used), in clock order.
fn my_ops(conn: &Connection, sealer: &Sealer, me: DeviceId) -> Result<Vec<Op>> {
    let people = sync::people::People::load(conn, me)?;
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

/// What the partner's phone holds about this person.
pub fn what_partner_sees(
    conn: &Connection,
    sealer: &Sealer,
    me: DeviceId,
    my_name: &str,
) -> Result<Vec<Visible>> {
    let mut out = vec![visible("device name", me.to_hex(), my_name.to_owned(), 0)];
    let mut titles = BTreeMap::new();
    for r in rituals::list(conn, sealer)?
        .into_iter()
        .filter(|r| !r.personal)
    {
        titles.insert(rituals::entity(&r.id), r.title.clone());
        out.push(visible(
            "shared ritual",
            r.id.clone(),
            format!("{} ({})", r.title, r.status.as_str()),
            r.proposed_at_ms,
        ));
        for (date, m) in rituals::marks::load(conn, sealer, &r.id)? {
            for w in m.words().into_iter().filter(|w| w.by == me) {
                out.push(visible(
                    "ritual note",
                    format!("{}:{date}", r.id),
                    [w.feeling, w.note]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(": "),
                    date.and_time(chrono::NaiveTime::MIN)
                        .and_utc()
                        .timestamp_millis(),
                ));
            }
        }
    }
    let mut shared_boundaries = std::collections::BTreeSet::new();
    for a in agreements::list(conn, sealer)? {
        let title = a.shown().map(|v| v.terms.title.clone()).unwrap_or_default();
        titles.insert(agreements::entity(&a.id), title.clone());
        out.push(visible(
            "agreement",
            a.id.clone(),
            format!("{title} ({})", a.status.as_str()),
            a.proposed_at_ms,
        ));
    }
    for b in agreements::boundaries::list(conn, sealer)? {
        if b.owner == me && b.shared {
            shared_boundaries.insert(b.id.clone());
            out.push(visible("boundary", b.id, b.text, b.updated_at_ms));
        }
    }
    for r in checkins::list(conn, sealer, i64::MIN, i64::MAX, None)? {
        if r.author != me || !r.shared {
            continue;
        }
        let (kind, summary) = match &r.entry {
            checkins::Entry::CheckIn {
                temperature, need, ..
            } => (
                "check-in",
                format!("{temperature}/10, needs {}", need.as_str()),
            ),
            checkins::Entry::Appreciation { text } => ("appreciation", text.clone()),
            checkins::Entry::Repair { act, .. } => ("repair", act.words().to_owned()),
            checkins::Entry::Phrase { text, .. } => ("phrase", text.clone()),
        };
        out.push(visible(kind, r.id, summary, r.at_ms));
    }
    for p in agreements::pauses::list(conn, sealer)? {
        if p.started_by == me {
            out.push(visible(
                "pause",
                p.id,
                p.note.unwrap_or_else(|| "a pause".into()),
                p.started_at_ms,
            ));
        }
    }
    for (monday, by) in rituals::rest::weeks_declared(conn)? {
        if by == me {
            out.push(visible(
                "rest week",
                monday.to_string(),
                format!("the week of {monday}"),
                0,
            ));
        }
    }
    // From the log itself: answers this person gave, and boundary texts sent
    // and since made private or retired (the partner's log keeps them).
    let mut sent_text: BTreeMap<String, (String, Millis)> = BTreeMap::new();
    for op in my_ops(conn, sealer, me)? {
        let answer = match &op.change {
            Change::Ritual(RitualChange::Accepted { .. }) => Some("accepted"),
            Change::Ritual(RitualChange::Declined { .. }) => Some("declined"),
            Change::Ritual(RitualChange::Countered(_)) => Some("suggested another version of"),
            Change::Agreement(AgreementChange::Accepted { .. }) => Some("accepted"),
            Change::Agreement(AgreementChange::Declined { .. }) => Some("declined"),
            Change::Agreement(AgreementChange::Amended(_)) => Some("suggested another version of"),
            Change::Agreement(AgreementChange::Kept { .. }) => Some("kept at its review"),
            Change::Agreement(AgreementChange::Withdrawn) => Some("withdrew consent from"),
            Change::Boundary(BoundaryChange::Shared { text } | BoundaryChange::Stated { text }) => {
                sent_text.insert(entity_id(&op.entity), (text.clone(), op.hlc.wall_ms));
                None
            }
            _ => None,
        };
        if let Some(verb) = answer {
            let title = titles.get(&op.entity).cloned().unwrap_or_default();
            out.push(visible(
                "answer",
                entity_id(&op.entity),
                format!("{verb} \"{title}\""),
                op.hlc.wall_ms,
            ));
        }
    }
    for (id, (text, at)) in sent_text {
        if !shared_boundaries.contains(&id) {
            out.push(Visible {
                caveat: Some(CANNOT_RECALL),
                ..visible("made private", id, text, at)
            });
        }
    }
    Ok(out)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at_ms: Millis,
    pub change: &'static str,
    pub id: String,
}

/// Every sharing event of this person (from the ops both logs hold) and
/// everything done with this phone's record (exports, unpairing, a clean
/// exit, the app lock, a wipe before), newest first.
pub fn sharing_audit(conn: &Connection, sealer: &Sealer, me: DeviceId) -> Result<Vec<AuditEntry>> {
    let mut shared = Vec::new();
    for op in my_ops(conn, sealer, me)? {
        let Some(change) = audit_words(&op.change) else {
            continue;
        };
        shared.push(AuditEntry {
            at_ms: op.hlc.wall_ms,
            change,
            id: entity_id(&op.entity),
        });
    }
    let local = events::list(conn)?
        .into_iter()
        .map(|(at_ms, e)| AuditEntry {
            at_ms,
            change: e.words(),
            id: String::new(),
        });
    // Both lists are oldest first; merged by time (the log's own order
    // within one millisecond), then reversed: the newest comes first.
    let mut out: Vec<AuditEntry> = Vec::with_capacity(shared.len());
    let mut shared = shared.into_iter().peekable();
    for e in local {
        while let Some(s) = shared.next_if(|s| s.at_ms <= e.at_ms) {
            out.push(s);
        }
        out.push(e);
    }
    out.extend(shared);
    out.reverse();
    Ok(out)
}

/// The audit's words for one shared op (None: nothing this person shared).
fn audit_words(change: &Change) -> Option<&'static str> {
    Some(match change {
        Change::Ritual(c) => match c {
            RitualChange::Proposed(_) => "proposed a shared ritual",
            RitualChange::Countered(_) => "suggested another version of a shared ritual",
            RitualChange::Accepted { .. } => "accepted a shared ritual version",
            RitualChange::Declined { .. } => "declined a ritual change",
            RitualChange::Paused => "paused a shared ritual",
            RitualChange::Resumed => "resumed a shared ritual",
            RitualChange::Retired => "retired a shared ritual",
            RitualChange::Done {
                note: None,
                feeling: None,
                ..
            } => "marked a shared ritual done",
            RitualChange::Done { .. } => "marked a shared ritual done, with a note or feeling",
            RitualChange::Skipped { .. } => "skipped a shared ritual once",
            RitualChange::Moved { .. } => "moved a shared ritual once",
        },
        Change::Rest(c) => match c {
            rituals::rest::RestChange::Declared => "declared a rest week",
            rituals::rest::RestChange::CalledOff => "called off a rest week",
        },
        Change::Boundary(c) => match c {
            BoundaryChange::Shared { .. } => "shared a boundary",
            BoundaryChange::Unshared => "made a boundary private",
            BoundaryChange::Stated { .. } => "changed a shared boundary",
            BoundaryChange::Retired => "retired a shared boundary",
        },
        Change::Agreement(c) => match c {
            AgreementChange::Proposed(_) => "proposed an agreement",
            AgreementChange::Amended(_) => "suggested a new version of an agreement",
            AgreementChange::Accepted { .. } => "accepted an agreement version",
            AgreementChange::Declined { .. } => "declined an agreement version",
            AgreementChange::Withdrawn => "withdrew consent from an agreement",
            AgreementChange::Kept { .. } => "kept an agreement at its review",
        },
        Change::Entry(l) => match l.entry {
            checkins::Entry::CheckIn { .. } => "shared a check-in",
            checkins::Entry::Appreciation { .. } => "sent an appreciation",
            checkins::Entry::Repair { .. } => "shared a repair",
            checkins::Entry::Phrase { .. } => "shared a phrase",
        },
        Change::Pause(c) => match c {
            agreements::PauseChange::Started { .. } => "started a pause",
            agreements::PauseChange::Extended { .. } => "extended a pause",
            agreements::PauseChange::Ended { .. } => "ended a pause",
        },
        Change::Journal(_) => return None,
    })
}
