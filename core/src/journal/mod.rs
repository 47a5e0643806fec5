//! The private pattern log: what happened (withdrew, pursued, went silent, a
//! talk derailed, reconnected), what came before it, and how hot it ran.
//! Only its author ever sees it: every entry lives in the private log, is
//! sealed at rest, and an op carrying one is refused if it ever arrives from
//! elsewhere.

use rusqlite::{Connection, Transaction, params};

use crate::capability::Capability;
use crate::change::{Change, Kind};
use crate::clock::Millis;
use crate::device::{self, DeviceId};
use crate::error::{Error, Result};
use crate::store::{Sealer, Slot};
use crate::sync::log::EntityOps;
use crate::sync::{self, Op};

pub mod change;
pub use change::{
    Happened, MAX_TAGS, NOTE_MAX_CHARS, PatternDraft, PatternEntry, TAG_MAX_CHARS, TOPIC_MAX_CHARS,
};

const ENTITY_PREFIX: &str = "journal:";

/// Tags a person is offered; any other short tag is fine too.
pub const SUGGESTED_TAGS: &[&str] = &[
    "tired",
    "work stress",
    "money",
    "family",
    "criticism",
    "feeling ignored",
    "hungry",
    "late night",
    "phone",
    "plans changed",
];

pub fn entity(id: &str) -> String {
    format!("{ENTITY_PREFIX}{id}")
}

pub fn entity_id(entity: &str) -> Option<&str> {
    device::entity_id_after(entity, ENTITY_PREFIX)
}

/// Writes an entry to the private log; returns its id.
pub fn write(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    device: DeviceId,
    now: Millis,
    draft: &PatternDraft,
) -> Result<String> {
    crate::schedule::instant(now)?;
    let entry = PatternEntry::from_draft(draft, now)?;
    let id = device::new_entity_id(now)?;
    sync::record_private(
        tx,
        sealer,
        &Journal,
        device,
        now,
        entity(&id),
        Change::Journal(entry),
    )?;
    Ok(id)
}

fn body_slot(id: &str) -> Slot<'_> {
    Slot::new("journal", "body", id)
}

fn refold(tx: &Transaction<'_>, sealer: &Sealer, id: &str, ops: &[Op]) -> Result<()> {
    tx.prepare_cached("DELETE FROM journal WHERE id = ?1")?
        .execute([id])?;
    let Some(entry) = ops.iter().find_map(|op| match &op.change {
        Change::Journal(e) => Some(e),
        _ => None,
    }) else {
        return Ok(());
    };
    let body = postcard::to_stdvec(entry)
        .map_err(|_| Error::Corrupt("a journal entry does not encode".into()))?;
    tx.prepare_cached("INSERT INTO journal (id, at_ms, body) VALUES (?1, ?2, ?3)")?
        .execute(params![id, entry.at_ms, sealer.seal(body_slot(id), &body)?])?;
    Ok(())
}

/// Entries in `[from, to)`, oldest first, with their ids.
pub fn list(
    conn: &Connection,
    sealer: &Sealer,
    from: Millis,
    to: Millis,
) -> Result<Vec<(String, PatternEntry)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, body FROM journal WHERE at_ms >= ?1 AND at_ms < ?2 ORDER BY at_ms, id",
    )?;
    let rows = stmt.query_map(params![from, to], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, sealed) = row?;
        let body = sealer.open(body_slot(&id), &sealed)?;
        let entry = postcard::from_bytes(&body)
            .map_err(|_| Error::Corrupt("a journal entry does not decode".into()))?;
        out.push((id, entry));
    }
    Ok(out)
}

/// The private pattern log as a capability: private only, so it shares
/// nothing and takes nothing from elsewhere.
pub struct Journal;

impl Capability for Journal {
    fn kind(&self) -> Kind {
        Kind::Journal
    }

    fn owns(&self, entity: &str) -> bool {
        entity_id(entity).is_some()
    }

    /// Never shared, so one arriving from elsewhere is forged.
    fn validate(&self, _: &Op) -> Result<()> {
        Err(Error::invalid(
            "a private journal entry cannot arrive from another device",
        ))
    }

    fn restores_private(&self, op: &Op) -> bool {
        matches!(&op.change, Change::Journal(e)
            if entity_id(&op.entity).is_some() && e.validate().is_ok())
    }

    fn refold(&self, tx: &Transaction<'_>, sealer: &Sealer, ops: &EntityOps<'_>) -> Result<()> {
        match entity_id(ops.entity()) {
            Some(id) => refold(tx, sealer, id, &ops.private()?),
            None => Ok(()),
        }
    }

    /// Nothing: the pattern log is never shared.
    fn dump(&self, _: &Connection, _: &Sealer) -> Result<String> {
        Ok(String::new())
    }
}
