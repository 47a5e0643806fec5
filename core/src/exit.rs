//! A clean exit: after unpairing, this phone alone may stop what the couple
//! shared (rituals, agreements, a running pause: their reminders stop at
//! once) and delete the partner's shared records from this phone (their
//! check-ins, appreciations, repairs, phrases, boundaries, pauses and their
//! marks on shared occurrences with the notes and feelings on them), keeping
//! this person's own. Nothing asks the partner and nothing tells them: either
//! partner can leave alone.
//!
//! What stays: the shared rituals' and agreements' own terms and who agreed
//! to them (the couple's joint record, shown as retired and withdrawn here),
//! and rest weeks (a date, no words).

use std::collections::BTreeSet;

use rusqlite::{Connection, Transaction, params};

use crate::agreements;
use crate::capability::Capability;
use crate::change::Change;
use crate::clock::Millis;
use crate::device::DeviceId;
use crate::error::{Error, Result};
use crate::export::events::{self, DeviceEvent};
use crate::rituals::{self, RitualChange};
use crate::stopped::mark_stopped;
use crate::store::Sealer;
use crate::sync;

fn require_unpaired(conn: &Connection) -> Result<()> {
    let paired: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM pair)", [], |r| r.get(0))?;
    if paired {
        return Err(Error::not_allowed(
            "this phone is still paired: unpair first, then stop the shared things or delete the partner's data",
        ));
    }
    Ok(())
}

/// Stops every shared ritual, agreement and pause on this phone. Returns
/// how many it stopped.
pub fn stop_shared(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    all: &[&dyn Capability],
    me: DeviceId,
    now: Millis,
) -> Result<usize> {
    require_unpaired(tx)?;
    let mut entities: Vec<(String, Millis)> = Vec::new();
    for r in rituals::list(tx, sealer)?
        .into_iter()
        .filter(|r| !r.personal)
    {
        entities.push((rituals::entity(&r.id), now));
    }
    for a in agreements::list(tx, sealer)? {
        entities.push((agreements::entity(&a.id), now));
    }
    for p in agreements::pauses::list(tx, sealer)? {
        entities.push((agreements::pauses::entity(&p.id), now));
    }
    mark_stopped(tx, &entities)?;
    let names: Vec<String> = entities.into_iter().map(|(e, _)| e).collect();
    sync::refold_entities(tx, sealer, all, me, &names)?;
    events::record(tx, now, DeviceEvent::StoppedShared)?;
    Ok(names.len())
}

/// Whether an op is the partner's own record rather than the couple's
/// joint terms: what "delete the partner's data" removes.
fn partners_own_record(change: &Change) -> bool {
    match change {
        Change::Entry(_) | Change::Boundary(_) | Change::Pause(_) => true,
        Change::Ritual(c) => matches!(
            c,
            RitualChange::Done { .. } | RitualChange::Skipped { .. } | RitualChange::Moved { .. }
        ),
        Change::Rest(_) | Change::Agreement(_) | Change::Journal(_) => false,
    }
}

/// Deletes the partner's own records from this phone's shared log (every
/// op this person did not write that `partners_own_record` names) and folds
/// what they touched again. Returns how many ops it deleted.
pub fn delete_partner_data(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    all: &[&dyn Capability],
    me: DeviceId,
    now: Millis,
) -> Result<usize> {
    require_unpaired(tx)?;
    let people = sync::people::People::load(tx, me)?;
    let mut delete = tx.prepare_cached("DELETE FROM ops WHERE device = ?1 AND counter = ?2")?;
    let mut touched = BTreeSet::new();
    let mut deleted = 0;
    for op in sync::all_ops(tx, sealer)? {
        if people.canonical(op.device, op.counter) == Some(me) || !partners_own_record(&op.change) {
            continue;
        }
        deleted += delete.execute(params![op.device.0.as_slice(), op.counter as i64])?;
        touched.insert(op.entity);
    }
    let touched: Vec<String> = touched.into_iter().collect();
    sync::refold_entities(tx, sealer, all, me, &touched)?;
    events::record(tx, now, DeviceEvent::DeletedPartnerData)?;
    Ok(deleted)
}

/// The file a wipe leaves beside the database: only the time of the wipe,
/// so the next Tandem on this phone can show it in its audit.
pub fn wipe_marker(db: &std::path::Path) -> std::path::PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".wiped");
    std::path::PathBuf::from(name)
}

/// Notes a wipe marker left at `db` in the audit; true if there was one
/// (the caller removes it once this is committed). A marker that does not
/// read as a time still counts (the wipe happened), at 0.
pub fn note_wipe(tx: &Transaction<'_>, db: &std::path::Path) -> Result<bool> {
    let Ok(text) = std::fs::read_to_string(wipe_marker(db)) else {
        return Ok(false);
    };
    let at = text.trim().parse::<Millis>().unwrap_or(0);
    events::record(tx, at, DeviceEvent::Wiped)?;
    Ok(true)
}
