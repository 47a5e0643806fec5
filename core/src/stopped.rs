//! What this phone stopped after unpairing (exit.rs), entity by entity, and
//! how such an entity folds: as if a stop had come at that moment, after
//! everything before it. The shared log itself is never touched; the
//! capabilities that can be stopped (shared rituals, agreements, pauses)
//! fold their ops through `with_stop`.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::change::Change;
use crate::clock::Millis;
use crate::device::DeviceId;
use crate::error::Result;
use crate::sync::hlc::Hlc;
use crate::sync::op::Op;

/// When `entity` was stopped on this phone, if it was.
pub fn stopped_at(conn: &Connection, entity: &str) -> Result<Option<Millis>> {
    Ok(conn
        .prepare_cached("SELECT at_ms FROM stopped_here WHERE entity = ?1")?
        .query_row([entity], |r| r.get(0))
        .optional()?)
}

/// Every entity stopped here, for an export to carry to a restored phone.
pub fn stopped(conn: &Connection) -> Result<Vec<(String, Millis)>> {
    let mut stmt = conn.prepare_cached("SELECT entity, at_ms FROM stopped_here ORDER BY entity")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// Marks entities stopped (a restore carries them over); the caller folds
/// them again.
pub fn mark_stopped(tx: &Transaction<'_>, stopped: &[(String, Millis)]) -> Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO stopped_here (entity, at_ms) VALUES (?1, ?2) ON CONFLICT (entity) DO NOTHING",
    )?;
    for (entity, at) in stopped {
        insert.execute(params![entity, at])?;
    }
    Ok(())
}

/// `ops` (one entity's, in fold order) with, if the entity was stopped
/// here, the stop that `stop` makes (given the entity's first author and
/// when it was stopped) placed at that moment.
pub fn with_stop(
    conn: &Connection,
    entity: &str,
    mut ops: Vec<Op>,
    stop: impl FnOnce(DeviceId, Millis) -> (DeviceId, Change),
) -> Result<Vec<Op>> {
    let Some(at) = stopped_at(conn, entity)? else {
        return Ok(ops);
    };
    let Some(first) = ops.first() else {
        return Ok(ops);
    };
    let (device, change) = stop(first.device, at);
    let op = Op {
        device,
        counter: u64::MAX,
        hlc: Hlc::new(at, u32::MAX),
        entity: entity.to_owned(),
        change,
    };
    let at = ops.partition_point(|o| o.hlc <= op.hlc);
    ops.insert(at, op);
    Ok(ops)
}
