//! Check-ins, appreciations and repair attempts: small logged facts, each
//! recorded once and never edited (append-only, like marks).
//!
//! A check-in or a repair is shared or private, as its author chooses per
//! entry; a private one goes to the private log and never leaves the phone.
//! An appreciation is to the partner, so it is always shared.

use rusqlite::{Connection, Transaction, params};

use crate::capability::{self, Capability};
use crate::catalog::Arg;
use crate::change::{Change, Kind};
use crate::clock::Millis;
use crate::device::{self, DeviceId};
use crate::error::{Error, Result};
use crate::store::{Sealer, Slot};
use crate::sync::log::EntityOps;
use crate::sync::{self, Op};
use crate::tell::{News, Teller};

pub mod change;
pub use change::{
    APPRECIATION_MAX_CHARS, Capacity, Entry, Logged, NOTE_MAX_CHARS, Need, RepairAct,
    check_temperature, temperature_words,
};

const ENTITY_PREFIX: &str = "entry:";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub id: String,
    pub author: DeviceId,
    pub at_ms: Millis,
    pub shared: bool,
    pub entry: Entry,
}

pub fn entity(id: &str) -> String {
    format!("{ENTITY_PREFIX}{id}")
}

pub fn entity_id(entity: &str) -> Option<&str> {
    device::entity_id_after(entity, ENTITY_PREFIX)
}

/// Records an entry, shared or private (an appreciation is always shared).
pub fn record(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    device: DeviceId,
    now: Millis,
    entry: Entry,
    shared: bool,
) -> Result<String> {
    let entry = entry.normalized()?;
    entry.validate()?;
    let shared = shared || matches!(entry, Entry::Appreciation { .. });
    crate::schedule::instant(now)?;
    let id = device::new_entity_id(now)?;
    let change = Change::Entry(Logged { at_ms: now, entry });
    if shared {
        sync::record(tx, sealer, &Entries, device, now, entity(&id), change)?;
    } else {
        sync::record_private(tx, sealer, &Entries, device, now, entity(&id), change)?;
    }
    Ok(id)
}

fn body_slot(id: &str) -> Slot<'_> {
    Slot::new("entries", "body", id)
}

/// Rebuilds one entry's row: its first op, from either log, is the entry.
fn refold(tx: &Transaction<'_>, sealer: &Sealer, id: &str, ops: &[Op], shared: bool) -> Result<()> {
    tx.prepare_cached("DELETE FROM entries WHERE id = ?1")?
        .execute([id])?;
    let Some((op, logged)) = ops.iter().find_map(|op| match &op.change {
        Change::Entry(l) => Some((op, l)),
        _ => None,
    }) else {
        return Ok(());
    };
    let body = postcard::to_stdvec(&logged.entry)
        .map_err(|_| Error::Corrupt("an entry does not encode".into()))?;
    tx.prepare_cached(
        "INSERT INTO entries (id, kind, author, at_ms, hlc_logical, shared, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        id,
        logged.entry.kind(),
        op.device.0.as_slice(),
        logged.at_ms,
        op.hlc.logical,
        shared,
        sealer.seal(body_slot(id), &body)?
    ])?;
    Ok(())
}

/// Entries in `[from, to)`, oldest first; `kind` narrows to one kind.
pub fn list(
    conn: &Connection,
    sealer: &Sealer,
    from: Millis,
    to: Millis,
    kind: Option<&str>,
) -> Result<Vec<Record>> {
    // A private entry takes the stamp the next shared op will get (private
    // ops never move the shared clock): at a tie it came first, and private
    // entries of one stamp keep the order they were stored in.
    let mut stmt = conn.prepare_cached(
        "SELECT id, author, at_ms, shared, body FROM entries
         WHERE at_ms >= ?1 AND at_ms < ?2 AND (?3 IS NULL OR kind = ?3)
         ORDER BY at_ms, hlc_logical, shared, author, rowid",
    )?;
    let rows = stmt.query_map(params![from, to, kind], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Vec<u8>>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, bool>(3)?,
            r.get::<_, Vec<u8>>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, author, at_ms, shared, sealed) = row?;
        let body = sealer.open(body_slot(&id), &sealed)?;
        out.push(Record {
            entry: postcard::from_bytes(&body)
                .map_err(|_| Error::Corrupt("a stored entry does not decode".into()))?,
            author: DeviceId::from_slice(&author)?,
            at_ms,
            shared,
            id,
        });
    }
    Ok(out)
}

/// One person's shared entries of one kind, newest first, at most
/// `limit` (through the partial index `entries_shared_by`, schema v16).
pub(crate) fn shared_by_select(limit: Option<usize>) -> String {
    format!(
        "SELECT id, at_ms, body FROM entries
         WHERE author = ?1 AND kind = ?2 AND shared = 1
         ORDER BY at_ms DESC, hlc_logical DESC {}",
        crate::store::limit_clause(limit)
    )
}

/// The entries of one `kind` `author` shared, newest first, at most
/// `limit` (all, for `None`): through the index of shared entries by
/// author and kind (schema v16), whatever else was written since.
pub fn shared_by(
    conn: &Connection,
    sealer: &Sealer,
    author: DeviceId,
    kind: &str,
    limit: Option<usize>,
) -> Result<Vec<Record>> {
    let mut stmt = conn.prepare_cached(&shared_by_select(limit))?;
    let rows = stmt.query_map(params![author.0.as_slice(), kind], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, Vec<u8>>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, at_ms, sealed) = row?;
        let body = sealer.open(body_slot(&id), &sealed)?;
        out.push(Record {
            entry: postcard::from_bytes(&body)
                .map_err(|_| Error::Corrupt("a stored entry does not decode".into()))?,
            author,
            at_ms,
            shared: true,
            id,
        });
    }
    Ok(out)
}

/// Entries (check-ins, appreciations, repairs, phrases) as a capability:
/// each one recorded once, shared or private as its author chose.
pub struct Entries;

impl Capability for Entries {
    fn news(
        &self,
        conn: &Connection,
        sealer: &Sealer,
        op: &Op,
        teller: &Teller,
    ) -> Result<Option<News>> {
        let _ = (conn, sealer);
        let Change::Entry(logged) = &op.change else {
            return Ok(None);
        };
        let l = teller.locale;
        let (id, act) = match &logged.entry {
            Entry::CheckIn { .. } => ("news-checkin", String::new()),
            Entry::Appreciation { .. } => ("news-appreciation", String::new()),
            Entry::Repair { act, .. } => ("news-repair", l.say(act.word_id())),
            Entry::Phrase { .. } => ("news-phrase", String::new()),
        };
        Ok(Some(teller.tell(
            &op.entity,
            id,
            &[("act", Arg::Str(&act))],
        )))
    }

    fn kind(&self) -> Kind {
        Kind::Entry
    }

    fn owns(&self, entity: &str) -> bool {
        entity_id(entity).is_some()
    }

    fn validate(&self, op: &Op) -> Result<()> {
        let Change::Entry(l) = &op.change else {
            return Err(capability::not_mine());
        };
        entity_id(&op.entity).ok_or_else(|| Error::invalid("an entry op names something else"))?;
        crate::schedule::instant(l.at_ms)?;
        l.entry.validate()
    }

    fn restores_private(&self, op: &Op) -> bool {
        matches!(&op.change, Change::Entry(l)
            if entity_id(&op.entity).is_some() && l.entry.validate().is_ok())
    }

    fn refold(&self, tx: &Transaction<'_>, sealer: &Sealer, ops: &EntityOps<'_>) -> Result<()> {
        let Some(id) = entity_id(ops.entity()) else {
            return Ok(());
        };
        let shared = ops.shared()?;
        if shared.is_empty() {
            refold(tx, sealer, id, &ops.private()?, false)
        } else {
            refold(tx, sealer, id, &shared, true)
        }
    }

    /// The shared entries.
    fn dump(&self, conn: &Connection, sealer: &Sealer) -> Result<String> {
        let mut out = String::new();
        for r in list(conn, sealer, i64::MIN, i64::MAX, None)?
            .into_iter()
            .filter(|r| r.shared)
        {
            out.push_str(&format!(
                "entry {} {} {} {:?}\n",
                r.id, r.author, r.at_ms, r.entry
            ));
        }
        Ok(out)
    }
}
