//! The op log. Every shared change is an op in its author's log: (device,
//! counter, hybrid logical clock, entity, change). The shared state is a
//! deterministic fold of all ops of an entity in (HLC, device, counter) order,
//! so applying the same ops in any order, late or twice gives the same state.
//! Op bodies hold user text and are sealed at rest like everything else.

pub mod envelope;
pub mod hlc;
pub mod payload;
pub mod people;
pub mod ratchet;
pub mod text;

use std::collections::BTreeSet;

use rusqlite::{Connection, Transaction, params};
use serde::{Deserialize, Serialize};

use crate::agreements::{self, AgreementChange, BoundaryChange, PauseChange};
use crate::clock::Millis;
use crate::device::DeviceId;
use crate::error::{Error, Result};
use crate::rituals::{self, RitualChange, rest::RestChange};
use crate::store::{self, Sealer, Slot};
pub use hlc::Hlc;
use people::{Handoff, People};

/// What an op changes. Each capability owns its variant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Change {
    Ritual(RitualChange),
    /// A rest week declared or called off (by either partner, last word wins).
    Rest(RestChange),
    /// One partner's own boundary (shared ones; private ones stay in the
    /// private log).
    Boundary(BoundaryChange),
    /// The two-signature agreements ledger.
    Agreement(AgreementChange),
    /// A pause with a committed return.
    Pause(PauseChange),
    /// A check-in, appreciation or repair attempt (private ones stay in the
    /// private log).
    Entry(crate::checkins::Logged),
    /// A private pattern-log entry: only ever in the private log.
    Journal(crate::journal::PatternEntry),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Op {
    pub device: DeviceId,
    pub counter: u64,
    pub hlc: Hlc,
    pub entity: String,
    pub change: Change,
}

impl Op {
    /// The order the fold applies ops in; total, and the same on every device.
    pub fn order_key(&self) -> (Hlc, DeviceId, u64) {
        (self.hlc, self.device, self.counter)
    }

    /// Checks an op that came from elsewhere before it may enter the log.
    fn validate(&self, now: Millis) -> Result<()> {
        if self.counter == 0 || self.counter > i64::MAX as u64 {
            return Err(Error::invalid("an op has a counter out of range"));
        }
        hlc::check_remote(self.hlc, now)?;
        match &self.change {
            Change::Ritual(c) => {
                if rituals::entity_id(&self.entity).is_none() {
                    return Err(Error::invalid(
                        "a ritual op names an entity that is not a shared ritual",
                    ));
                }
                c.validate()
            }
            Change::Rest(_) => {
                if rituals::rest::entity_monday(&self.entity).is_none() {
                    return Err(Error::invalid(
                        "a rest-week op names an entity that is not a week",
                    ));
                }
                Ok(())
            }
            Change::Boundary(c) => {
                agreements::boundaries::entity_id(&self.entity)
                    .ok_or_else(|| Error::invalid("a boundary op names something else"))?;
                c.validate()
            }
            Change::Agreement(c) => {
                agreements::entity_id(&self.entity)
                    .ok_or_else(|| Error::invalid("an agreement op names something else"))?;
                c.validate()
            }
            Change::Pause(c) => {
                agreements::pauses::entity_id(&self.entity)
                    .ok_or_else(|| Error::invalid("a pause op names something else"))?;
                c.validate()
            }
            Change::Entry(l) => {
                crate::checkins::entity_id(&self.entity)
                    .ok_or_else(|| Error::invalid("an entry op names something else"))?;
                crate::schedule::instant(l.at_ms)?;
                l.entry.validate()
            }
            // Never shared, so one arriving from elsewhere is forged.
            Change::Journal(_) => Err(Error::invalid(
                "a private journal entry cannot arrive from another device",
            )),
        }
    }
}

/// What applying a batch of ops did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApplyReport {
    pub applied: u32,
    pub duplicates: u32,
    /// Ops the partner's old phone wrote after the backup its new phone was
    /// restored from: kept in the log, counted no more (on both phones).
    pub set_aside: u32,
    /// How far the newest admitted op ran ahead of this phone's clock, when
    /// that is more than `hlc::NOTICE_AHEAD_MS` (else 0).
    pub ahead_ms: i64,
    /// How far this phone's own clock had gone back behind its log before
    /// the import (else 0): evidence that the wrong clock is this phone's.
    pub own_clock_back_ms: i64,
}

const HLC_MS: &str = "hlc_ms";
const HLC_LOGICAL: &str = "hlc_logical";
const OP_COUNTER: &str = "op_counter";

fn body_slot(device: DeviceId, counter: u64) -> String {
    format!("{device}:{counter}")
}

fn local_hlc(conn: &Connection) -> Result<Hlc> {
    let ms = store::meta_i64(conn, HLC_MS, 0)?;
    let logical = store::meta_i64(conn, HLC_LOGICAL, 0)?;
    Ok(Hlc::new(ms, u32::try_from(logical).unwrap_or(u32::MAX)))
}

fn save_hlc(tx: &Transaction<'_>, hlc: Hlc) -> Result<()> {
    store::set_meta_i64(tx, HLC_MS, hlc.wall_ms)?;
    store::set_meta_i64(tx, HLC_LOGICAL, i64::from(hlc.logical))
}

/// Appends a local change to this device's log and refolds its entity.
pub fn record(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    device: DeviceId,
    now: Millis,
    entity: String,
    change: Change,
) -> Result<Op> {
    let hlc = local_hlc(tx)?.tick(now);
    let counter = store::meta_i64(tx, OP_COUNTER, 0)? as u64 + 1;
    let op = Op {
        device,
        counter,
        hlc,
        entity,
        change,
    };
    insert(tx, sealer, &op)?;
    save_hlc(tx, hlc)?;
    store::set_meta_i64(tx, OP_COUNTER, counter as i64)?;
    refold(tx, sealer, &People::load(tx, device)?, &op.entity)?;
    Ok(op)
}

/// Appends a change to this device's private log: never exported, never in
/// a payload, folded like shared ops (one device, so in `seq` order).
pub fn record_private(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    device: DeviceId,
    now: Millis,
    entity: String,
    change: Change,
) -> Result<Op> {
    // The stamp the next shared op would get, never saved: a private op
    // must not move the shared clock, or the next shared op's logical
    // counter would tell the partner how many private ops came between.
    let hlc = local_hlc(tx)?.tick(now);
    let seq: i64 = tx
        .prepare_cached("SELECT COALESCE(MAX(seq), 0) + 1 FROM local_ops")?
        .query_row([], |r| r.get(0))?;
    let op = Op {
        device,
        counter: seq as u64,
        hlc,
        entity,
        change,
    };
    let body = postcard::to_stdvec(&op.change)
        .map_err(|_| Error::invalid("an op could not be encoded"))?;
    let key = seq.to_string();
    let sealed = sealer.seal(Slot::new("local_ops", "body", &key), &body)?;
    tx.prepare_cached(
        "INSERT INTO local_ops (seq, hlc_ms, hlc_logical, entity, body) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![seq, hlc.wall_ms, hlc.logical, op.entity, sealed])?;
    refold(tx, sealer, &People::load(tx, device)?, &op.entity)?;
    Ok(op)
}

/// One entity's private ops, in the order they were recorded.
fn read_private_ops(conn: &Connection, sealer: &Sealer, entity: &str) -> Result<Vec<Op>> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, hlc_ms, hlc_logical, body FROM local_ops WHERE entity = ?1 ORDER BY seq",
    )?;
    let rows = stmt.query_map([entity], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, u32>(2)?,
            r.get::<_, Vec<u8>>(3)?,
        ))
    })?;
    let device = store::read_device(conn)?;
    let mut ops = Vec::new();
    for row in rows {
        let (seq, ms, logical, sealed) = row?;
        let key = seq.to_string();
        let body = sealer.open(Slot::new("local_ops", "body", &key), &sealed)?;
        let change: Change = postcard::from_bytes(&body)
            .map_err(|_| Error::Corrupt("a private op does not decode".into()))?;
        ops.push(Op {
            device,
            counter: seq as u64,
            hlc: Hlc::new(ms, logical),
            entity: entity.to_owned(),
            change,
        });
    }
    Ok(ops)
}

/// Applies ops that `sender` sealed (its declared ancestry `lineage`: the
/// phones it was restored from) inside `tx`. This is the one door into the
/// shared log: every op must be authored by the sender, or by a phone it was
/// restored from up to that phone's backup; anything else (a third device,
/// this person's own phones, a phone of an earlier pairing) refuses the
/// whole batch. New ops enter the log, ones already there count as
/// duplicates, and every touched entity is refolded. The caller's
/// transaction rolls back on any error.
pub fn apply(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    local: DeviceId,
    now: Millis,
    sender: DeviceId,
    lineage: &[Handoff],
    ops: &[Op],
) -> Result<ApplyReport> {
    let learned = people::learn_sender(tx, local, sender, lineage)?;
    let mut report = ApplyReport {
        set_aside: learned.set_aside,
        ..ApplyReport::default()
    };
    let mut touched = BTreeSet::new();
    let before = local_hlc(tx)?;
    let mut clock = before;
    for op in ops {
        match People::may_author(sender, lineage, op.device) {
            Some(until) if op.counter <= until => {}
            _ => {
                return Err(Error::PayloadRejected(
                    "an op in the payload was not written by the partner's phone; nothing was imported"
                        .into(),
                ));
            }
        }
        op.validate(now)?;
        let is_new = insert(tx, sealer, op)?;
        if is_new {
            report.applied += 1;
            touched.insert(op.entity.as_str());
            clock = clock.observe(op.hlc, now)?;
            report.ahead_ms = report.ahead_ms.max(op.hlc.wall_ms.saturating_sub(now));
        } else {
            report.duplicates += 1;
        }
    }
    if report.ahead_ms <= hlc::NOTICE_AHEAD_MS {
        report.ahead_ms = 0;
    }
    let back = before.wall_ms.saturating_sub(now);
    if back > hlc::NOTICE_AHEAD_MS {
        report.own_clock_back_ms = back;
    }
    save_hlc(tx, clock)?;
    let people = People::load(tx, local)?;
    if learned.refold_all {
        refold_everything(tx, sealer, &people)?;
    } else {
        for entity in touched {
            refold(tx, sealer, &people, entity)?;
        }
    }
    Ok(report)
}

/// Folds these entities again (something beside their ops changed: an
/// entity stopped here, ops deleted in a clean exit).
pub fn refold_entities(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    me: DeviceId,
    entities: &[String],
) -> Result<()> {
    let people = People::load(tx, me)?;
    for entity in entities {
        refold(tx, sealer, &people, entity)?;
    }
    Ok(())
}

/// Folds every shared entity again (the people changed).
fn refold_everything(tx: &Transaction<'_>, sealer: &Sealer, people: &People) -> Result<()> {
    let entities: Vec<String> = tx
        .prepare_cached("SELECT DISTINCT entity FROM ops")?
        .query_map([], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    for entity in &entities {
        refold(tx, sealer, people, entity)?;
    }
    Ok(())
}

/// Inserts an op unless one with its (device, counter) is there; true if new.
fn insert(tx: &Transaction<'_>, sealer: &Sealer, op: &Op) -> Result<bool> {
    let exists: bool = tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM ops WHERE device = ?1 AND counter = ?2)")?
        .query_row(params![op.device.0.as_slice(), op.counter as i64], |r| {
            r.get(0)
        })?;
    if exists {
        return Ok(false);
    }
    let body = postcard::to_stdvec(&op.change)
        .map_err(|_| Error::invalid("an op could not be encoded"))?;
    let sealed = sealer.seal(
        Slot::new("ops", "body", &body_slot(op.device, op.counter)),
        &body,
    )?;
    tx.prepare_cached(
        "INSERT INTO ops (device, counter, hlc_ms, hlc_logical, entity, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        op.device.0.as_slice(),
        op.counter as i64,
        op.hlc.wall_ms,
        op.hlc.logical,
        op.entity,
        sealed
    ])?;
    Ok(true)
}

/// All ops, or one entity's, in fold order. Two statements rather than one
/// with `?1 IS NULL OR entity = ?1`: SQLite cannot use the entity index for
/// the latter, and a refold per imported op would scan the whole log.
fn read_ops(conn: &Connection, sealer: &Sealer, entity: Option<&str>) -> Result<Vec<Op>> {
    const COLUMNS: &str = "SELECT device, counter, hlc_ms, hlc_logical, entity, body FROM ops";
    const ORDER: &str = "ORDER BY hlc_ms, hlc_logical, device, counter";
    match entity {
        Some(e) => decode_rows(
            conn,
            sealer,
            &format!("{COLUMNS} WHERE entity = ?1 {ORDER}"),
            params![e],
        ),
        None => decode_rows(conn, sealer, &format!("{COLUMNS} {ORDER}"), params![]),
    }
}

/// One device's ops with a counter above `after`, in counter order.
pub fn ops_after(
    conn: &Connection,
    sealer: &Sealer,
    device: DeviceId,
    after: u64,
) -> Result<Vec<Op>> {
    let sql = "SELECT device, counter, hlc_ms, hlc_logical, entity, body FROM ops
               WHERE device = ?1 AND counter > ?2 ORDER BY counter";
    decode_rows(
        conn,
        sealer,
        sql,
        params![device.0.as_slice(), after as i64],
    )
}

fn decode_rows(
    conn: &Connection,
    sealer: &Sealer,
    sql: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<Op>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(args, |r| {
        Ok((
            r.get::<_, Vec<u8>>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, u32>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, Vec<u8>>(5)?,
        ))
    })?;
    let mut ops = Vec::new();
    for row in rows {
        let (device, counter, ms, logical, entity, sealed) = row?;
        let device = DeviceId::from_slice(&device)?;
        let counter = counter as u64;
        let body = sealer.open(
            Slot::new("ops", "body", &body_slot(device, counter)),
            &sealed,
        )?;
        let change: Change = postcard::from_bytes(&body)
            .map_err(|_| Error::Corrupt("an op in the log does not decode".into()))?;
        ops.push(Op {
            device,
            counter,
            hlc: Hlc::new(ms, logical),
            entity,
            change,
        });
    }
    Ok(ops)
}

/// Every op in the log, in fold order.
pub fn all_ops(conn: &Connection, sealer: &Sealer) -> Result<Vec<Op>> {
    read_ops(conn, sealer, None)
}

/// Every op in this device's private log, in the order recorded (the
/// counter is the private sequence number).
pub fn all_private_ops(conn: &Connection, sealer: &Sealer) -> Result<Vec<Op>> {
    let mut stmt = conn.prepare_cached("SELECT DISTINCT entity FROM local_ops")?;
    let entities: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    let mut ops = Vec::new();
    for e in entities {
        ops.extend(read_private_ops(conn, sealer, &e)?);
    }
    ops.sort_by_key(|op| op.counter);
    Ok(ops)
}

/// What an export says about the people of its log.
#[derive(Debug, Clone, Default)]
pub struct RestoredPeople {
    /// The phone that wrote the export, and the phones it was restored from.
    pub exported: Option<DeviceId>,
    pub my_lineage: Vec<Handoff>,
    pub partner: Option<DeviceId>,
    pub partner_lineage: Vec<Handoff>,
}

/// Restores a whole log into an empty store (an import on a new phone).
/// This phone keeps its own new device id and continues the exported phone
/// from its last op: the old phone may go on writing under its id, and a
/// (device, counter) must never mean two different changes. Shared ops by
/// anyone and this person's private ops with their sequence numbers are
/// restored, the clock continues after them and every entity is folded
/// again. Each op is checked as if it came from a partner, except for the
/// clock: an export may come from any time.
pub fn restore(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    me: DeviceId,
    who: &RestoredPeople,
    shared: &[Op],
    private: &[Op],
) -> Result<()> {
    let exported = who
        .exported
        .ok_or_else(|| Error::invalid("the export does not say which phone wrote it"))?;
    if exported == me {
        return Err(Error::invalid(
            "the export was written by this very phone; restore it on a new one",
        ));
    }
    let mut clock = Hlc::new(0, 0);
    let mut exported_until = 0u64;
    let mut entities = BTreeSet::new();
    for op in shared {
        op.validate(i64::MAX)?;
        insert(tx, sealer, op)?;
        if op.device == exported {
            exported_until = exported_until.max(op.counter);
        }
        clock = clock.max(op.hlc);
        entities.insert(op.entity.clone());
    }
    // Without a named partner (an export from before names were kept), the
    // one other author in the log is the partner.
    let partner = who.partner.or_else(|| {
        let mine = |d: DeviceId| d == exported || who.my_lineage.iter().any(|(m, _)| *m == d);
        let others: BTreeSet<DeviceId> = shared
            .iter()
            .map(|op| op.device)
            .filter(|d| !mine(*d))
            .collect();
        (others.len() == 1)
            .then(|| others.into_iter().next())
            .flatten()
    });
    people::record_restore(
        tx,
        exported,
        exported_until,
        &who.my_lineage,
        partner,
        &who.partner_lineage,
    )?;
    for op in private {
        if op.counter == 0 || op.counter > i64::MAX as u64 || op.device != exported {
            return Err(Error::invalid("a private op in the export is malformed"));
        }
        let private_ok = match &op.change {
            Change::Journal(e) => {
                crate::journal::entity_id(&op.entity).is_some() && e.validate().is_ok()
            }
            Change::Ritual(c) => {
                rituals::personal_entity_id(&op.entity).is_some() && c.validate().is_ok()
            }
            Change::Boundary(c) => {
                agreements::boundaries::entity_id(&op.entity).is_some() && c.validate().is_ok()
            }
            Change::Entry(l) => {
                crate::checkins::entity_id(&op.entity).is_some() && l.entry.validate().is_ok()
            }
            _ => false,
        };
        if !private_ok {
            return Err(Error::invalid("a private op in the export is malformed"));
        }
        let body = postcard::to_stdvec(&op.change)
            .map_err(|_| Error::invalid("an op could not be encoded"))?;
        let seq = op.counter as i64;
        let key = seq.to_string();
        let sealed = sealer.seal(Slot::new("local_ops", "body", &key), &body)?;
        tx.prepare_cached(
            "INSERT INTO local_ops (seq, hlc_ms, hlc_logical, entity, body) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![seq, op.hlc.wall_ms, op.hlc.logical, op.entity, sealed])
        .map_err(|_| Error::invalid("the export holds a private op twice"))?;
        entities.insert(op.entity.clone());
    }
    // Only shared stamps move the shared clock (see `record_private`).
    save_hlc(tx, clock)?;
    // This phone's own log starts afresh under its own id.
    store::set_meta_i64(tx, OP_COUNTER, 0)?;
    let people = People::load(tx, me)?;
    for entity in &entities {
        refold(tx, sealer, &people, entity)?;
    }
    Ok(())
}

/// The shared ops of one entity in fold order, each under the device it
/// counts for (`People::canonical`); ops that count for no one are left out.
fn fold_ops(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    people: &People,
    entity: &str,
) -> Result<Vec<Op>> {
    Ok(read_ops(tx, sealer, Some(entity))?
        .into_iter()
        .filter_map(|mut op| {
            op.device = people.canonical(op.device, op.counter)?;
            Some(op)
        })
        .collect())
}

/// Merges shared ops (in fold order) with private ops (in recorded order).
/// A private op carries the stamp the next shared op would have had, so it
/// may equal that op's stamp but never exceed it: at a tie the private op
/// goes first. Private ops keep their recorded order among themselves even
/// if the clock went back between them.
fn merge_private(shared: Vec<Op>, private: Vec<Op>) -> Vec<Op> {
    let mut merged = Vec::with_capacity(shared.len() + private.len());
    let mut shared = shared.into_iter().peekable();
    for op in private {
        while let Some(s) = shared.next_if(|s| s.hlc < op.hlc) {
            merged.push(s);
        }
        merged.push(op);
    }
    merged.extend(shared);
    merged
}

/// An entity stopped on this phone after unpairing (exit.rs) folds as if
/// `stop` (given the entity's first author) had come at that moment, after
/// everything that came before it: the shared log itself is never touched.
fn stopped_here(
    conn: &Connection,
    entity: &str,
    mut ops: Vec<Op>,
    stop: impl FnOnce(DeviceId) -> (DeviceId, Change),
) -> Result<Vec<Op>> {
    let Some(at) = crate::exit::stopped_at(conn, entity)? else {
        return Ok(ops);
    };
    let Some(first) = ops.first() else {
        return Ok(ops);
    };
    let (device, change) = stop(first.device);
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

/// Rebuilds the materialized state of one entity from its ops.
fn refold(tx: &Transaction<'_>, sealer: &Sealer, people: &People, entity: &str) -> Result<()> {
    let shared = |e: &str| fold_ops(tx, sealer, people, e);
    if let Some(id) = rituals::entity_id(entity) {
        let ops = stopped_here(tx, entity, shared(entity)?, |founder| {
            (founder, Change::Ritual(RitualChange::Retired))
        })?;
        rituals::refold(tx, sealer, id, &ops, false)?;
    } else if let Some(id) = rituals::personal_entity_id(entity) {
        let ops = read_private_ops(tx, sealer, entity)?;
        rituals::refold(tx, sealer, id, &ops, true)?;
    } else if let Some(monday) = rituals::rest::entity_monday(entity) {
        let ops = shared(entity)?;
        rituals::rest::refold(tx, monday, &ops)?;
    } else if let Some(id) = agreements::boundaries::entity_id(entity) {
        // A boundary's private and shared changes, in one order.
        let ops = merge_private(shared(entity)?, read_private_ops(tx, sealer, entity)?);
        agreements::boundaries::refold(tx, sealer, id, &ops)?;
    } else if let Some(id) = agreements::entity_id(entity) {
        let me = store::read_device(tx)?;
        let ops = stopped_here(tx, entity, shared(entity)?, |_| {
            (
                me,
                Change::Agreement(agreements::AgreementChange::Withdrawn),
            )
        })?;
        agreements::refold(tx, sealer, id, &ops)?;
    } else if let Some(id) = agreements::pauses::entity_id(entity) {
        let stop = crate::exit::stopped_at(tx, entity)?;
        let ops = stopped_here(tx, entity, shared(entity)?, |starter| {
            let at_ms = stop.unwrap_or_default();
            (
                starter,
                Change::Pause(agreements::PauseChange::Ended { at_ms }),
            )
        })?;
        agreements::pauses::refold(tx, sealer, id, &ops)?;
    } else if let Some(id) = crate::checkins::entity_id(entity) {
        let shared = shared(entity)?;
        if shared.is_empty() {
            let private = read_private_ops(tx, sealer, entity)?;
            crate::checkins::refold(tx, sealer, id, &private, false)?;
        } else {
            crate::checkins::refold(tx, sealer, id, &shared, true)?;
        }
    } else if let Some(id) = crate::journal::entity_id(entity) {
        let ops = read_private_ops(tx, sealer, entity)?;
        crate::journal::refold(tx, sealer, id, &ops)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(counter: u64, ms: i64, logical: u32) -> Op {
        Op {
            device: DeviceId([1; 16]),
            counter,
            hlc: Hlc::new(ms, logical),
            entity: "e".into(),
            change: Change::Rest(RestChange::Declared),
        }
    }

    fn order(ops: &[Op]) -> Vec<(u64, i64)> {
        ops.iter().map(|o| (o.counter, o.hlc.wall_ms)).collect()
    }

    #[test]
    fn a_private_op_goes_before_the_shared_op_that_took_its_stamp() {
        // Private 1 and 2 were written after shared 10 and before shared 11,
        // which got the very stamp they carry (the same millisecond); private
        // 3 came after shared 11, private 4 after the clock went back.
        let shared = vec![op(10, 100, 0), op(11, 100, 1), op(12, 300, 0)];
        let private = vec![op(1, 100, 1), op(2, 100, 1), op(3, 200, 0), op(4, 150, 0)];
        assert_eq!(
            order(&merge_private(shared, private)),
            vec![
                (10, 100),
                (1, 100),
                (2, 100),
                (11, 100),
                (3, 200),
                (4, 150),
                (12, 300)
            ]
        );
    }
}
