//! The op log. Every shared change is an op in its author's log: (device,
//! counter, hybrid logical clock, entity, change). The shared state is a
//! deterministic fold of all ops of an entity in (HLC, device, counter) order,
//! so applying the same ops in any order, late or twice gives the same state.
//!
//! The log knows no capability: it stores, orders and seals ops (log.rs),
//! admits the ones that come from elsewhere, and hands each entity's ops to
//! the capability that owns it, found through the `Capability` trait in the
//! list its callers pass (capabilities.rs).

pub mod envelope;
pub mod hlc;
pub mod log;
pub mod op;
pub mod payload;
pub mod people;
pub mod ratchet;
pub mod text;
pub mod wire;

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::Transaction;

use crate::capability::{self, Capability, Touched};
pub use crate::change::Change;
use crate::clock::Millis;
use crate::device::DeviceId;
use crate::error::{Error, Result};
use crate::store::Sealer;
use crate::tell::{Teller, Told};
pub use hlc::Hlc;
use log::{EntityOps, Inserted, Inserter, OpTag, insert};
pub use log::{all_ops, all_private_ops, ops_after};
pub use op::Op;
use people::{Handoff, People};

/// Checks an op that came from elsewhere before it may enter the log: what
/// any op must be here, then what its capability asks of its kind.
fn admit(all: &[&dyn Capability], op: &Op, now: Millis) -> Result<()> {
    if op.counter == 0 || op.counter > i64::MAX as u64 {
        return Err(Error::invalid("an op has a counter out of range"));
    }
    hlc::check_remote(op.hlc, now)?;
    capability::of_kind(all, op.change.kind())?.validate(op)
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
    /// Where in the batch the ops that were new here stand, in order.
    pub new: Vec<usize>,
    /// Ops under a (device, counter) this phone holds with other content:
    /// their author went back to an older copy and numbered new changes
    /// again. Not taken under that number (the held op keeps it); the author
    /// gets its lost ops back and sends these again under new numbers.
    pub reused: u32,
    /// The lowest counter of the sender's own that was reused.
    pub first_reused: Option<u64>,
}

/// What taking back this phone's own ops from the partner did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TakenBack {
    /// Own ops this phone had lost and holds again.
    pub recovered: u32,
    /// Own ops written here after the restore under a number the partner
    /// holds another op of this phone under: moved above every number.
    pub renumbered: u32,
}

/// Appends a local change to this device's log and refolds its entity
/// through `owner`, the capability that wrote it.
pub fn record(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    owner: &dyn Capability,
    device: DeviceId,
    now: Millis,
    entity: String,
    change: Change,
) -> Result<Op> {
    let hlc = log::local_hlc(tx)?.tick(now);
    let counter = log::last_counter(tx)? + 1;
    let op = Op {
        device,
        counter,
        hlc,
        entity,
        change,
    };
    // The rules the partner's phone applies at admission: what this phone
    // writes must pass them too (one set of rules for both sides).
    owner.validate(&op)?;
    let part = owner.part(&op);
    log::insert_mine(tx, sealer, &op, part.as_deref())?;
    log::save_hlc(tx, hlc)?;
    log::set_last_counter(tx, counter)?;
    refold_owned(
        tx,
        sealer,
        owner,
        &People::load(tx, device)?,
        &op.entity,
        part,
    )?;
    Ok(op)
}

/// Appends a change to this device's private log: never exported, never in
/// a payload, folded like shared ops (one device, so in `seq` order).
pub fn record_private(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    owner: &dyn Capability,
    device: DeviceId,
    now: Millis,
    entity: String,
    change: Change,
) -> Result<Op> {
    // The stamp the next shared op would get, never saved: a private op
    // must not move the shared clock, or the next shared op's logical
    // counter would tell the partner how many private ops came between.
    let hlc = log::local_hlc(tx)?.tick(now);
    let seq = log::next_private_seq(tx)?;
    let op = Op {
        device,
        counter: seq as u64,
        hlc,
        entity,
        change,
    };
    let sealed = log::seal_private(sealer, &op)?;
    let part = owner.part(&op);
    log::insert_private(tx, &op, &sealed, part.as_deref())?;
    refold_owned(
        tx,
        sealer,
        owner,
        &People::load(tx, device)?,
        &op.entity,
        part,
    )?;
    Ok(op)
}

/// Applies ops that `sender` sealed (its declared ancestry `lineage`: the
/// phones it was restored from) inside `tx`. This is the one door into the
/// shared log: every op must be authored by the sender, or by a phone it was
/// restored from up to that phone's backup; anything else (a third device,
/// this person's own phones, a phone of an earlier pairing) refuses the
/// whole batch. New ops enter the log with their author's authenticator
/// (`auth`, one per op, kept to hand back), the same ops already there
/// count as duplicates, and an op whose number is taken by another op is
/// a reused number (its author went back in time), never a duplicate.
/// Every touched entity is refolded. The caller's transaction rolls back
/// on any error.
#[allow(clippy::too_many_arguments)]
pub fn apply(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    all: &[&dyn Capability],
    local: DeviceId,
    now: Millis,
    sender: DeviceId,
    lineage: &[Handoff],
    ops: &[Op],
    auth: &[Option<OpTag>],
) -> Result<ApplyReport> {
    if auth.len() > ops.len() {
        return Err(Error::PayloadRejected(
            "the payload's authenticators do not match its changes".into(),
        ));
    }
    let learned = people::learn_sender(tx, local, sender, lineage)?;
    let mut report = ApplyReport {
        set_aside: learned.set_aside,
        ..ApplyReport::default()
    };
    // What the new ops touched, entity by entity: the entity as a whole
    // or some of its parts, each folded again once, after the batch.
    let mut touched: BTreeMap<&str, Touched> = BTreeMap::new();
    // Entities the log held no op of before this batch, with the batch's
    // new ops of each: all the log holds of them, so their fold reads these
    // instead of reading back (and opening) what was just written.
    let mut first: BTreeMap<&str, Vec<(&Op, Option<String>)>> = BTreeMap::new();
    // Which entities the log already held, asked once for the batch
    // before anything of it is written.
    let brought: BTreeSet<&str> = ops.iter().map(|op| op.entity.as_str()).collect();
    let held = log::entities_held(tx, &brought)?;
    let before = log::local_hlc(tx)?;
    let mut clock = before;
    let mut inserter = Inserter::new(tx)?;
    for (at, op) in ops.iter().enumerate() {
        match People::may_author(sender, lineage, op.device) {
            Some(until) if op.counter <= until => {}
            _ => {
                return Err(Error::PayloadRejected(
                    "an op in the payload was not written by the partner's phone; nothing was imported"
                        .into(),
                ));
            }
        }
        admit(all, op, now)?;
        let tag = auth.get(at).copied().flatten();
        let part = capability::of_kind(all, op.change.kind())?.part(op);
        if !held.contains(op.entity.as_str()) {
            first.entry(op.entity.as_str()).or_default();
        }
        match inserter.insert(tx, sealer, op, tag.as_ref(), part.as_deref())? {
            Inserted::New => {
                report.applied += 1;
                report.new.push(at);
                if let Some(known) = first.get_mut(op.entity.as_str()) {
                    known.push((op, part.clone()));
                }
                touched.entry(op.entity.as_str()).or_default().add(part);
                clock = clock.observe(op.hlc, now)?;
                report.ahead_ms = report.ahead_ms.max(op.hlc.wall_ms.saturating_sub(now));
            }
            Inserted::Same => report.duplicates += 1,
            Inserted::Differs => {
                report.reused += 1;
                if op.device == sender {
                    report.first_reused = Some(
                        report
                            .first_reused
                            .map_or(op.counter, |c| c.min(op.counter)),
                    );
                }
            }
        }
    }
    if report.ahead_ms <= hlc::NOTICE_AHEAD_MS {
        report.ahead_ms = 0;
    }
    let back = before.wall_ms.saturating_sub(now);
    if back > hlc::NOTICE_AHEAD_MS {
        report.own_clock_back_ms = back;
    }
    log::save_hlc(tx, clock)?;
    let people = People::load(tx, local)?;
    let known = |entity: &str| first.get(entity).map(Vec::as_slice);
    if learned.refold_all {
        for entity in &log::shared_entities(tx)? {
            if let Some(owner) = capability::owner(all, entity) {
                let ops = EntityOps::new(tx, sealer, &people, entity);
                let ops = match known(entity) {
                    Some(k) => ops.with_known(k),
                    None => ops,
                };
                owner.refold(tx, sealer, &ops)?;
            }
        }
    } else {
        for (entity, touched) in touched {
            if let Some(owner) = capability::owner(all, entity) {
                let ops = EntityOps::new(tx, sealer, &people, entity);
                let ops = match known(entity) {
                    Some(k) => ops.with_known(k),
                    None => ops,
                };
                owner.refold_touched(tx, sealer, &ops, &touched)?;
            }
        }
    }
    Ok(report)
}

/// How far the partner's acknowledgement alone may move this phone's op
/// counter in one import.
pub const MAX_COUNTER_JUMP: u64 = 1 << 20;

/// Takes back this phone's own ops that the partner holds (`yours`, each
/// with its authenticator) after this phone went back to an older copy of
/// its data. The one door for an op under this phone's own id: each must
/// carry this phone's authenticator, or the whole payload is refused, so a
/// partner's app cannot put words in this phone's mouth. An op lost here
/// enters the log again; an op written here since the restore under a
/// number the partner holds another op of this phone under moves above
/// every number either phone holds (the partner's op keeps the number it
/// already folded), so both survive. The counter jumps above `partner_holds`
/// (how far the partner holds this phone's log) so no number is used twice.
pub fn take_back(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    all: &[&dyn Capability],
    local: DeviceId,
    yours: &[(Op, OpTag)],
    partner_holds: u64,
) -> Result<TakenBack> {
    let mut taken = TakenBack::default();
    let mut last = log::last_counter(tx)?;
    if yours.is_empty() && partner_holds <= last {
        return Ok(taken);
    }
    for (op, tag) in yours {
        if op.device != local || !log::verify_tag(sealer, op, tag)? {
            return Err(Error::PayloadRejected(
                "a change in the payload claims to be this phone's own but does not carry its \
                 authenticator; nothing was imported"
                    .into(),
            ));
        }
        // Any time will do: these are this phone's own, authenticated.
        admit(all, op, i64::MAX)?;
        last = last.max(op.counter);
    }
    // The partner's word is not authenticated: a modified app could push
    // the counter to its end. A jump is bounded (a restored copy that lost
    // more ops still heals: its new ops collide and move above the ones
    // handed back).
    if partner_holds <= last.saturating_add(MAX_COUNTER_JUMP) {
        last = last.max(partner_holds);
    }
    let mut clock = log::local_hlc(tx)?;
    let mut touched = BTreeSet::new();
    for (op, tag) in yours {
        let part = capability::of_kind(all, op.change.kind())?.part(op);
        match insert(tx, sealer, op, Some(tag), part.as_deref())? {
            Inserted::Same => continue,
            Inserted::New => {}
            Inserted::Differs => {
                let (mine, _) = log::op_at(tx, sealer, local, op.counter)?
                    .ok_or_else(|| Error::Corrupt("an op vanished while moving it".into()))?;
                log::delete(tx, local, op.counter)?;
                last += 1;
                let moved = Op {
                    counter: last,
                    ..mine
                };
                let moved_part = capability::of_kind(all, moved.change.kind())?.part(&moved);
                log::insert_mine(tx, sealer, &moved, moved_part.as_deref())?;
                touched.insert(moved.entity);
                insert(tx, sealer, op, Some(tag), part.as_deref())?;
                taken.renumbered += 1;
            }
        }
        taken.recovered += 1;
        clock = clock.max(op.hlc);
        touched.insert(op.entity.clone());
    }
    log::set_last_counter(tx, last)?;
    log::save_hlc(tx, clock)?;
    let people = People::load(tx, local)?;
    for entity in &touched {
        refold(tx, sealer, all, &people, entity)?;
    }
    Ok(taken)
}

/// What the new ops of an applied batch changed, in sentences, through the
/// capability that owns each. A sentence that cannot be made (its entity
/// stopped here, say) is left out: news never fails an import that
/// succeeded.
pub fn news(
    conn: &rusqlite::Connection,
    sealer: &Sealer,
    all: &[&dyn Capability],
    ops: &[Op],
    new: &[usize],
    teller: &Teller,
) -> Told {
    let told = new.iter().filter_map(|&i| {
        let op = ops.get(i)?;
        let owner = capability::of_kind(all, op.change.kind()).ok()?;
        owner.news(conn, sealer, op, teller).ok().flatten()
    });
    Told::gather(told, &teller.partner, teller.locale)
}

/// Folds these entities again (something beside their ops changed: an
/// entity stopped here, ops deleted in a clean exit).
pub fn refold_entities(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    all: &[&dyn Capability],
    me: DeviceId,
    entities: &[String],
) -> Result<()> {
    let people = People::load(tx, me)?;
    for entity in entities {
        refold(tx, sealer, all, &people, entity)?;
    }
    Ok(())
}

/// Folds every shared entity again (the people changed).
fn refold_everything(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    all: &[&dyn Capability],
    people: &People,
) -> Result<()> {
    for entity in &log::shared_entities(tx)? {
        refold(tx, sealer, all, people, entity)?;
    }
    Ok(())
}

/// Rebuilds the materialized state of one entity from its ops, through the
/// capability that owns it (an entity nobody owns has no state).
fn refold(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    all: &[&dyn Capability],
    people: &People,
    entity: &str,
) -> Result<()> {
    match capability::owner(all, entity) {
        Some(owner) => owner.refold(tx, sealer, &EntityOps::new(tx, sealer, people, entity)),
        None => Ok(()),
    }
}

/// Folds again each entity's state as a whole from the ops that are not of
/// a part (a ritual's row, not its marks): once, for what a migration
/// added to those rows.
pub fn refold_wholes(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    all: &[&dyn Capability],
    me: DeviceId,
    entities: &[String],
) -> Result<()> {
    let people = People::load(tx, me)?;
    let whole = Touched {
        whole: true,
        ..Touched::default()
    };
    for entity in entities {
        refold_touched(tx, sealer, all, &people, entity, &whole)?;
    }
    Ok(())
}

/// Folds again what new ops touched of one entity, through the capability
/// that owns it.
fn refold_touched(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    all: &[&dyn Capability],
    people: &People,
    entity: &str,
    touched: &Touched,
) -> Result<()> {
    match capability::owner(all, entity) {
        Some(owner) => owner.refold_touched(
            tx,
            sealer,
            &EntityOps::new(tx, sealer, people, entity),
            touched,
        ),
        None => Ok(()),
    }
}

/// Folds again what one new op its writer names touched (its `part`),
/// through the one capability that owns its entity.
fn refold_owned(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    owner: &dyn Capability,
    people: &People,
    entity: &str,
    part: Option<String>,
) -> Result<()> {
    debug_assert!(
        owner.owns(entity),
        "{entity} is recorded by a capability that does not own it"
    );
    let mut touched = Touched::default();
    touched.add(part);
    refold_touched(tx, sealer, &[owner], people, entity, &touched)
}

/// Fills in the parts of ops stored before parts were kept (schema v14),
/// if the store says some wait. The state stored beside them was folded
/// from all of each entity's ops, which is what folding part by part
/// builds, so it stays.
/// Whether ops stored before the log kept their parts wait for them.
pub fn parts_pending(conn: &rusqlite::Connection) -> Result<bool> {
    Ok(crate::store::meta_i64(conn, PARTS_PENDING, 0)? != 0)
}

pub fn fill_parts(tx: &Transaction<'_>, sealer: &Sealer, all: &[&dyn Capability]) -> Result<()> {
    if crate::store::meta_i64(tx, PARTS_PENDING, 0)? == 0 {
        return Ok(());
    }
    log::fill_parts(tx, sealer, |op| {
        capability::of_kind(all, op.change.kind()).ok()?.part(op)
    })?;
    tx.execute("DELETE FROM meta WHERE key = ?1", [PARTS_PENDING])?;
    Ok(())
}

/// Folds every entity of both logs again from all its ops: what a replica
/// rebuilt from scratch holds. A replica that folded part by part as ops
/// came must hold the same (tests compare the dumps).
pub fn refold_all(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    all: &[&dyn Capability],
    me: DeviceId,
) -> Result<()> {
    let people = People::load(tx, me)?;
    refold_everything(tx, sealer, all, &people)?;
    let private: BTreeSet<String> = log::all_private_ops(tx, sealer)?
        .into_iter()
        .map(|op| op.entity)
        .collect();
    for entity in &private {
        refold(tx, sealer, all, &people, entity)?;
    }
    Ok(())
}

/// Set by the v14 migration when ops were stored before parts were kept.
const PARTS_PENDING: &str = "parts_pending";

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
/// clock: an export may come from any time. A private op must be one its
/// capability keeps in the private log.
pub fn restore(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    all: &[&dyn Capability],
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
        admit(all, op, i64::MAX)?;
        let part = capability::of_kind(all, op.change.kind())?.part(op);
        insert(tx, sealer, op, None, part.as_deref())?;
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
        let kept_private =
            capability::of_kind(all, op.change.kind()).is_ok_and(|c| c.restores_private(op));
        if !kept_private {
            return Err(Error::invalid("a private op in the export is malformed"));
        }
        let sealed = log::seal_private(sealer, op)?;
        let part = capability::of_kind(all, op.change.kind())?.part(op);
        log::insert_private(tx, op, &sealed, part.as_deref())
            .map_err(|_| Error::invalid("the export holds a private op twice"))?;
        entities.insert(op.entity.clone());
    }
    // Only shared stamps move the shared clock (see `record_private`).
    log::save_hlc(tx, clock)?;
    // This phone's own log starts afresh under its own id.
    log::set_last_counter(tx, 0)?;
    let people = People::load(tx, me)?;
    for entity in &entities {
        refold(tx, sealer, all, &people, entity)?;
    }
    Ok(())
}
