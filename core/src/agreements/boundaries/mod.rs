//! Boundaries: one partner's own statement ("when talks get heated I need a
//! pause before I can re-engage calmly"). Its owner writes, edits, shares
//! and retires it; a shared one is visible to the partner, read-only.
//!
//! A private boundary's changes go to the private log and never leave the
//! phone. Sharing records the current text in the shared log; while shared,
//! edits go there too; making it private again is a shared op after which
//! the partner's phone stops showing it. The fold reads both logs in one
//! order and counts only the owner's ops.

use rusqlite::{Connection, Transaction, params};

use crate::capability::{self, Capability};
use crate::change::{Change, Kind};
use crate::clock::Millis;
use crate::device::{self, DeviceId};
use crate::error::{Error, Result};
use crate::store::{Sealer, Slot};
use crate::sync::log::EntityOps;
use crate::sync::{self, Op};
use crate::tell::{News, Teller};
use crate::validate;

pub mod change;
pub use change::{BoundaryChange, TEXT_MAX_CHARS};

const ENTITY_PREFIX: &str = "boundary:";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Boundary {
    pub id: String,
    pub text: String,
    pub owner: DeviceId,
    pub shared: bool,
    pub created_at_ms: Millis,
    pub updated_at_ms: Millis,
}

pub fn entity(id: &str) -> String {
    format!("{ENTITY_PREFIX}{id}")
}

pub fn entity_id(entity: &str) -> Option<&str> {
    device::entity_id_after(entity, ENTITY_PREFIX)
}

/// Writes a new boundary, private or shared; returns its id.
pub fn add(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    device: DeviceId,
    now: Millis,
    text: &str,
    shared: bool,
) -> Result<String> {
    let text = validate::required_text("boundary", text, TEXT_MAX_CHARS)?;
    let id = device::new_entity_id(now)?;
    let change = if shared {
        BoundaryChange::Shared { text }
    } else {
        BoundaryChange::Stated { text }
    };
    record(tx, sealer, device, now, &id, shared, change)?;
    Ok(id)
}

/// The owner's own boundary, or why it cannot be changed from here.
fn own(conn: &Connection, sealer: &Sealer, device: DeviceId, id: &str) -> Result<Boundary> {
    let b = get(conn, sealer, id)?;
    if b.owner != device {
        return Err(Error::not_allowed(
            "this is your partner's boundary; only its owner changes it",
        ));
    }
    Ok(b)
}

pub fn edit(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    device: DeviceId,
    now: Millis,
    id: &str,
    text: &str,
) -> Result<()> {
    let text = validate::required_text("boundary", text, TEXT_MAX_CHARS)?;
    let b = own(tx, sealer, device, id)?;
    if b.text == text {
        return Err(Error::not_allowed("the boundary already says this"));
    }
    record(
        tx,
        sealer,
        device,
        now,
        id,
        b.shared,
        BoundaryChange::Stated { text },
    )
}

/// Shows a boundary to the partner, or makes it private again.
pub fn share(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    device: DeviceId,
    now: Millis,
    id: &str,
    shared: bool,
) -> Result<()> {
    let b = own(tx, sealer, device, id)?;
    if b.shared == shared {
        return Err(Error::not_allowed(if shared {
            "this boundary is already shared"
        } else {
            "this boundary is already private"
        }));
    }
    let change = if shared {
        BoundaryChange::Shared { text: b.text }
    } else {
        BoundaryChange::Unshared
    };
    record(tx, sealer, device, now, id, true, change)
}

pub fn retire(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    device: DeviceId,
    now: Millis,
    id: &str,
) -> Result<()> {
    let b = own(tx, sealer, device, id)?;
    record(
        tx,
        sealer,
        device,
        now,
        id,
        b.shared,
        BoundaryChange::Retired,
    )
}

fn record(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    device: DeviceId,
    now: Millis,
    id: &str,
    shared_log: bool,
    change: BoundaryChange,
) -> Result<()> {
    let record = if shared_log {
        sync::record
    } else {
        sync::record_private
    };
    record(
        tx,
        sealer,
        &Boundaries,
        device,
        now,
        entity(id),
        Change::Boundary(change),
    )?;
    Ok(())
}

/// Rebuilds one boundary's row from its ops (both logs, in fold order).
/// A row exists while the boundary is not retired and, on the partner's
/// phone, only while it is shared.
fn refold(tx: &Transaction<'_>, sealer: &Sealer, id: &str, ops: &[Op]) -> Result<()> {
    tx.prepare_cached("DELETE FROM boundaries WHERE id = ?1")?
        .execute([id])?;
    let mut changes = ops.iter().filter_map(|op| match &op.change {
        Change::Boundary(c) => Some((op, c)),
        _ => None,
    });
    let Some((first, _)) = changes.clone().next() else {
        return Ok(());
    };
    let owner = first.device;
    let (mut text, mut shared, mut retired) = (None, false, false);
    let mut updated = first.hlc.wall_ms;
    for (op, change) in changes.by_ref().filter(|(op, _)| op.device == owner) {
        match change {
            BoundaryChange::Stated { text: t } => text = Some(t.clone()),
            BoundaryChange::Shared { text: t } => {
                text = Some(t.clone());
                shared = true;
            }
            BoundaryChange::Unshared => shared = false,
            BoundaryChange::Retired => retired = true,
        }
        updated = op.hlc.wall_ms;
    }
    let me = crate::store::read_device(tx)?;
    let visible = !retired && (owner == me || shared);
    let Some(text) = text.filter(|_| visible) else {
        return Ok(());
    };
    tx.prepare_cached(
        "INSERT INTO boundaries (id, owner, created_at_ms, hlc_logical, updated_at_ms, shared, text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        id,
        owner.0.as_slice(),
        first.hlc.wall_ms,
        first.hlc.logical,
        updated,
        shared,
        sealer.seal_str(Slot::new("boundaries", "text", id), &text)?
    ])?;
    Ok(())
}

/// Every boundary this phone shows (its own, and the partner's shared
/// ones), oldest first.
pub fn list(conn: &Connection, sealer: &Sealer) -> Result<Vec<Boundary>> {
    read(conn, sealer, None)
}

pub fn get(conn: &Connection, sealer: &Sealer, id: &str) -> Result<Boundary> {
    read(conn, sealer, Some(id))?
        .pop()
        .ok_or_else(|| Error::not_found("no boundary has this id"))
}

fn read(conn: &Connection, sealer: &Sealer, id: Option<&str>) -> Result<Vec<Boundary>> {
    let rows = crate::store::rows_by_id(
        conn,
        "SELECT id, owner, created_at_ms, updated_at_ms, shared, text FROM boundaries",
        "created_at_ms, hlc_logical, owner, id",
        id,
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Vec<u8>>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, bool>(4)?,
                r.get::<_, Vec<u8>>(5)?,
            ))
        },
    )?;
    let mut out = Vec::new();
    for (id, owner, created, updated, shared, sealed) in rows {
        out.push(Boundary {
            text: sealer.open_str(Slot::new("boundaries", "text", &id), &sealed)?,
            owner: DeviceId::from_slice(&owner)?,
            created_at_ms: created,
            updated_at_ms: updated,
            shared,
            id,
        });
    }
    Ok(out)
}

/// Boundaries as a capability: one owner's statement, in the private log
/// until shared and in the shared log from then on; the fold reads both.
pub struct Boundaries;

impl Capability for Boundaries {
    fn news(
        &self,
        conn: &Connection,
        sealer: &Sealer,
        op: &Op,
        teller: &Teller,
    ) -> Result<Option<News>> {
        let _ = (conn, sealer);
        let Change::Boundary(c) = &op.change else {
            return Ok(None);
        };
        // The boundary's own words stay out: they are the partner's text.
        let id = match c {
            BoundaryChange::Stated { .. } | BoundaryChange::Shared { .. } => "news-boundary-shared",
            BoundaryChange::Unshared => "news-boundary-unshared",
            BoundaryChange::Retired => "news-boundary-retired",
        };
        Ok(Some(teller.tell(&op.entity, id, &[])))
    }

    fn kind(&self) -> Kind {
        Kind::Boundary
    }

    fn owns(&self, entity: &str) -> bool {
        entity_id(entity).is_some()
    }

    fn validate(&self, op: &Op) -> Result<()> {
        let Change::Boundary(c) = &op.change else {
            return Err(capability::not_mine());
        };
        entity_id(&op.entity)
            .ok_or_else(|| Error::invalid("a boundary op names something else"))?;
        c.validate()
    }

    fn restores_private(&self, op: &Op) -> bool {
        matches!(&op.change, Change::Boundary(c)
            if entity_id(&op.entity).is_some() && c.validate().is_ok())
    }

    fn refold(&self, tx: &Transaction<'_>, sealer: &Sealer, ops: &EntityOps<'_>) -> Result<()> {
        match entity_id(ops.entity()) {
            // A boundary's private and shared changes, in one order.
            Some(id) => refold(tx, sealer, id, &ops.both()?),
            None => Ok(()),
        }
    }

    /// The shared boundaries.
    fn dump(&self, conn: &Connection, sealer: &Sealer) -> Result<String> {
        let mut out = String::new();
        // By id: the list's order is when each phone first saw a boundary,
        // which differs for one shared after it was written.
        let mut shared: Vec<Boundary> = list(conn, sealer)?
            .into_iter()
            .filter(|b| b.shared)
            .collect();
        shared.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        for b in shared {
            out.push_str(&format!(
                "boundary {} owner={} text={:?} updated={}\n",
                b.id, b.owner, b.text, b.updated_at_ms
            ));
        }
        Ok(out)
    }
}
