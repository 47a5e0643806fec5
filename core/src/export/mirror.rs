//! The visibility mirror: exactly what the partner's phone holds (or will
//! hold after the next sync) about this person, and an audit of every
//! sharing change with its time, so each can check nothing private leaked.

use rusqlite::Connection;

use crate::agreements::{self, AgreementChange, BoundaryChange};
use crate::checkins;
use crate::clock::Millis;
use crate::device::DeviceId;
use crate::error::Result;
use crate::rituals::{self, RitualChange};
use crate::store::Sealer;
use crate::sync::{self, Change};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visible {
    /// "device name", "shared ritual", "agreement", "boundary", "check-in",
    /// "appreciation", "repair", "phrase", "pause", "rest week",
    /// "ritual note".
    pub kind: &'static str,
    pub id: String,
    /// What the partner reads (a title, a text, a summary).
    pub summary: String,
    pub since_ms: Millis,
}

/// What the partner's phone holds about this person.
pub fn what_partner_sees(
    conn: &Connection,
    sealer: &Sealer,
    me: DeviceId,
    my_name: &str,
) -> Result<Vec<Visible>> {
    let mut out = vec![Visible {
        kind: "device name",
        id: me.to_hex(),
        summary: my_name.to_owned(),
        since_ms: 0,
    }];
    for r in rituals::list(conn, sealer)?
        .into_iter()
        .filter(|r| !r.personal)
    {
        out.push(Visible {
            kind: "shared ritual",
            id: r.id.clone(),
            summary: format!("{} ({})", r.title, r.status.as_str()),
            since_ms: r.proposed_at_ms,
        });
        for (date, m) in rituals::marks::load(conn, sealer, &r.id)? {
            if m.done_by == Some(me) && (m.note.is_some() || m.feeling.is_some()) {
                out.push(Visible {
                    kind: "ritual note",
                    id: format!("{}:{date}", r.id),
                    summary: [m.feeling.clone(), m.note.clone()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(": "),
                    since_ms: 0,
                });
            }
        }
    }
    for a in agreements::list(conn, sealer)? {
        let title = a.shown().map(|v| v.terms.title.clone()).unwrap_or_default();
        out.push(Visible {
            kind: "agreement",
            id: a.id.clone(),
            summary: format!("{title} ({})", a.status.as_str()),
            since_ms: a.proposed_at_ms,
        });
    }
    for b in agreements::boundaries::list(conn, sealer)? {
        if b.owner == me && b.shared {
            out.push(Visible {
                kind: "boundary",
                id: b.id,
                summary: b.text,
                since_ms: b.updated_at_ms,
            });
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
            checkins::Entry::Repair { act, .. } => ("repair", format!("{act:?}")),
            checkins::Entry::Phrase { text, .. } => ("phrase", text.clone()),
        };
        out.push(Visible {
            kind,
            id: r.id,
            summary,
            since_ms: r.at_ms,
        });
    }
    for p in agreements::pauses::list(conn, sealer)? {
        if p.started_by == me {
            out.push(Visible {
                kind: "pause",
                id: p.id,
                summary: p.note.unwrap_or_else(|| "a pause".into()),
                since_ms: p.started_at_ms,
            });
        }
    }
    for monday in rituals::rest::weeks(conn)? {
        out.push(Visible {
            kind: "rest week",
            id: monday.to_string(),
            summary: format!("the week of {monday}"),
            since_ms: 0,
        });
    }
    Ok(out)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at_ms: Millis,
    pub change: &'static str,
    pub id: String,
}

/// Every sharing change this person made (shared, made private, withdrawn,
/// declined, retired), newest first, from the ops both logs hold.
pub fn sharing_audit(conn: &Connection, sealer: &Sealer, me: DeviceId) -> Result<Vec<AuditEntry>> {
    let mut out = Vec::new();
    // This person's changes from every phone they used (a restored phone
    // continues the one it was restored from).
    let people = sync::people::People::load(conn, me)?;
    for op in sync::all_ops(conn, sealer)?
        .into_iter()
        .filter(|op| people.canonical(op.device, op.counter) == Some(me))
    {
        let id = op
            .entity
            .split_once(':')
            .map(|(_, i)| i.to_owned())
            .unwrap_or_default();
        let change = match &op.change {
            Change::Ritual(RitualChange::Proposed(_)) => "proposed a shared ritual",
            Change::Ritual(RitualChange::Declined { .. }) => "declined a ritual change",
            Change::Ritual(RitualChange::Retired) => "retired a shared ritual",
            Change::Boundary(BoundaryChange::Shared { .. }) => "shared a boundary",
            Change::Boundary(BoundaryChange::Unshared) => "made a boundary private",
            Change::Boundary(BoundaryChange::Stated { .. }) => "changed a shared boundary",
            Change::Boundary(BoundaryChange::Retired) => "retired a shared boundary",
            Change::Agreement(AgreementChange::Proposed(_)) => "proposed an agreement",
            Change::Agreement(AgreementChange::Withdrawn) => "withdrew consent from an agreement",
            Change::Agreement(AgreementChange::Declined { .. }) => "declined an agreement version",
            Change::Entry(l) => match l.entry {
                checkins::Entry::CheckIn { .. } => "shared a check-in",
                checkins::Entry::Appreciation { .. } => "sent an appreciation",
                checkins::Entry::Repair { .. } => "shared a repair",
                checkins::Entry::Phrase { .. } => "shared a phrase",
            },
            Change::Pause(agreements::PauseChange::Started { .. }) => "started a pause",
            _ => continue,
        };
        out.push(AuditEntry {
            at_ms: op.hlc.wall_ms,
            change,
            id,
        });
    }
    // The log is in clock order; reversed, the newest comes first, even
    // within one millisecond.
    out.reverse();
    Ok(out)
}
