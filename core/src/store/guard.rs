//! The seal over the store's plain bookkeeping: the small tables that are
//! neither folded from the op log nor sealed row by row (who is who in the
//! log, the pair's state, the key ratchet, what was stopped here, this
//! phone's identity, counters and settings in `meta`). One SHA-256 per
//! table, sealed together under the storage key in `meta`, recomputed at the
//! end of every write transaction and verified at its start, so damage to
//! any of them is refused (`Corrupt`) before anything acts on it, and
//! `check` names the table.

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::store::seal::{Sealer, Slot};

const SEAL_KEY: &str = "table_seal";

/// Each guarded table with the rows it is sealed over, in a fixed order.
const GUARDED: &[(&str, &str)] = &[
    (
        "meta",
        "SELECT key, value FROM meta
         WHERE key NOT IN ('key_check', 'device_name', 'table_seal') ORDER BY key",
    ),
    (
        "people",
        "SELECT device, person, until_counter FROM people ORDER BY device",
    ),
    (
        "pair",
        "SELECT id, pair_id, role, partner_device, sas_confirmed, key_confirmed, epoch,
                send_seq, created_at_ms FROM pair ORDER BY id",
    ),
    (
        "ratchet",
        "SELECT id, partner_used FROM ratchet ORDER BY id",
    ),
    (
        "stopped_here",
        "SELECT entity, at_ms FROM stopped_here ORDER BY entity",
    ),
];

fn slot() -> Slot<'static> {
    Slot::new("meta", "value", SEAL_KEY)
}

/// The digests of the guarded tables as they are now, in `GUARDED` order.
fn digests(conn: &Connection) -> Result<Vec<[u8; 32]>> {
    let mut out = Vec::with_capacity(GUARDED.len());
    for (_, select) in GUARDED {
        let mut hash = Sha256::new();
        let mut stmt = conn.prepare_cached(select)?;
        let width = stmt.column_count();
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            hash.update(b"\x1erow");
            for i in 0..width {
                match row.get_ref(i)? {
                    ValueRef::Null => hash.update([0u8]),
                    ValueRef::Integer(v) => {
                        hash.update([1u8]);
                        hash.update(v.to_be_bytes());
                    }
                    ValueRef::Real(v) => {
                        hash.update([2u8]);
                        hash.update(v.to_be_bytes());
                    }
                    ValueRef::Text(t) | ValueRef::Blob(t) => {
                        hash.update([3u8]);
                        hash.update((t.len() as u64).to_be_bytes());
                        hash.update(t);
                    }
                }
            }
        }
        out.push(hash.finalize().into());
    }
    Ok(out)
}

/// Seals the guarded tables as they stand (at the end of a write).
pub(crate) fn reseal(tx: &Transaction<'_>, sealer: &Sealer) -> Result<()> {
    let plain: Vec<u8> = digests(tx)?.concat();
    tx.prepare_cached(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute(rusqlite::params![SEAL_KEY, sealer.seal(slot(), &plain)?])?;
    Ok(())
}

/// The guarded tables whose rows differ from their seal (all of them when
/// the seal itself does not open). A store that was never sealed (written
/// before the seal existed) has none: it is sealed at its next write.
pub(crate) fn damaged(conn: &Connection, sealer: &Sealer) -> Result<Vec<&'static str>> {
    let sealed: Option<Vec<u8>> = conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [SEAL_KEY], |r| {
            r.get(0)
        })
        .optional()?;
    let Some(sealed) = sealed else {
        // Never sealed: a store from before the seal (folded under format
        // 1; sealed at its next write). A store already upgraded that lost
        // its seal had it removed.
        let format: i64 = conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'fold_format'",
                [],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(1);
        return Ok(if format >= 2 {
            vec!["meta"]
        } else {
            Vec::new()
        });
    };
    let Ok(plain) = sealer.open(slot(), &sealed) else {
        return Ok(GUARDED.iter().map(|(t, _)| *t).collect());
    };
    let now = digests(conn)?;
    Ok(GUARDED
        .iter()
        .zip(&now)
        .enumerate()
        .filter(|(i, (_, digest))| plain.get(i * 32..(i + 1) * 32) != Some(digest.as_slice()))
        .map(|(_, ((table, _), _))| *table)
        .collect())
}

/// Refuses to go on when a guarded table was changed outside Tandem.
pub(crate) fn verify(conn: &Connection, sealer: &Sealer) -> Result<()> {
    let bad = damaged(conn, sealer)?;
    if bad.is_empty() {
        Ok(())
    } else {
        Err(Error::Corrupt(format!(
            "{} changed outside Tandem (run a check)",
            bad.join(", ")
        )))
    }
}
