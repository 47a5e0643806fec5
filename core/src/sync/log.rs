//! The two logs as stored: the shared log (`ops`, by device and counter)
//! and this device's private log (`local_ops`, by sequence number), the
//! clock and counter beside them, and one entity's ops as a capability
//! folds them (`EntityOps`). Op bodies hold user text and are sealed at
//! rest like everything else. Nothing here reads a change.

use std::collections::BTreeSet;

use rusqlite::{CachedStatement, Connection, OptionalExtension, Transaction, params};

use crate::change::Change;
use crate::device::DeviceId;
use crate::error::{Error, Result};
use crate::store::{self, OP_TAG_LEN, Sealer, Slot};
use crate::sync::hlc::Hlc;
use crate::sync::op::Op;
use crate::sync::people::People;

const HLC_MS: &str = "hlc_ms";
const HLC_LOGICAL: &str = "hlc_logical";
const OP_COUNTER: &str = "op_counter";

/// The record a shared op's body is sealed under: its (device, counter),
/// and its clock and entity, which are stored in the clear beside it (for
/// ordering and lookup), so damage to them fails to open instead of
/// silently reordering the log or moving a change to another entity.
pub(crate) fn body_slot(device: DeviceId, counter: u64, hlc: Hlc, entity: &str) -> String {
    use std::fmt::Write;
    // "{device}:{counter}@{ms}.{logical}/{entity}", built in one buffer:
    // every op stored or read names its slot.
    let mut slot = String::with_capacity(80 + entity.len());
    for b in device.0 {
        slot.push(char::from(HEX[usize::from(b >> 4)]));
        slot.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    let _ = write!(slot, ":{counter}@{}.{}/", hlc.wall_ms, hlc.logical);
    slot.push_str(entity);
    slot
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// The record a private op's body is sealed under (`seq` is its number).
pub(crate) fn private_slot(seq: u64, hlc: Hlc, entity: &str) -> String {
    format!("{seq}@{}.{}/{entity}", hlc.wall_ms, hlc.logical)
}

/// Opens and decodes a shared op's body.
pub(crate) fn open_body(
    sealer: &Sealer,
    record: &str,
    table: &str,
    sealed: &[u8],
) -> Result<Change> {
    let body = sealer.open(Slot::new(table, "body", record), sealed)?;
    postcard::from_bytes(&body)
        .map_err(|_| Error::Corrupt("an op in the log does not decode".into()))
}

/// Reseals every op sealed under the records used before clocks and
/// entities were bound (a store written before; see `check::upgrade_folds`).
/// An op that opens under neither record is left for `check` to report.
pub(crate) fn reseal_legacy(tx: &Transaction<'_>, sealer: &Sealer) -> Result<()> {
    let rows: Vec<RowFields> = tx
        .prepare("SELECT device, counter, hlc_ms, hlc_logical, entity, body FROM ops")?
        .query_map([], row_fields)?
        .collect::<rusqlite::Result<_>>()?;
    for (device_bytes, counter, ms, logical, entity, sealed) in rows {
        let Ok(device) = DeviceId::from_slice(&device_bytes) else {
            continue;
        };
        let legacy = format!("{device}:{counter}");
        let Ok(body) = sealer.open(Slot::new("ops", "body", &legacy), &sealed) else {
            continue;
        };
        let record = body_slot(device, counter as u64, Hlc::new(ms, logical), &entity);
        tx.execute(
            "UPDATE ops SET body = ?1 WHERE device = ?2 AND counter = ?3",
            params![
                sealer.seal(Slot::new("ops", "body", &record), &body)?,
                device_bytes,
                counter
            ],
        )?;
    }
    let rows: Vec<(i64, i64, u32, String, Vec<u8>)> = tx
        .prepare("SELECT seq, hlc_ms, hlc_logical, entity, body FROM local_ops")?
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (seq, ms, logical, entity, sealed) in rows {
        let Ok(body) = sealer.open(Slot::new("local_ops", "body", &seq.to_string()), &sealed)
        else {
            continue;
        };
        let record = private_slot(seq as u64, Hlc::new(ms, logical), &entity);
        tx.execute(
            "UPDATE local_ops SET body = ?1 WHERE seq = ?2",
            params![
                sealer.seal(Slot::new("local_ops", "body", &record), &body)?,
                seq
            ],
        )?;
    }
    Ok(())
}

fn encode(change: &Change) -> Result<Vec<u8>> {
    postcard::to_stdvec(change).map_err(|_| Error::invalid("an op could not be encoded"))
}

pub fn local_hlc(conn: &Connection) -> Result<Hlc> {
    let ms = store::meta_i64(conn, HLC_MS, 0)?;
    let logical = store::meta_i64(conn, HLC_LOGICAL, 0)?;
    Ok(Hlc::new(ms, u32::try_from(logical).unwrap_or(u32::MAX)))
}

pub fn save_hlc(tx: &Transaction<'_>, hlc: Hlc) -> Result<()> {
    store::set_meta_i64(tx, HLC_MS, hlc.wall_ms)?;
    store::set_meta_i64(tx, HLC_LOGICAL, i64::from(hlc.logical))
}

/// The counter of this device's last shared op.
pub fn last_counter(conn: &Connection) -> Result<u64> {
    Ok(store::meta_i64(conn, OP_COUNTER, 0)? as u64)
}

pub fn set_last_counter(tx: &Transaction<'_>, counter: u64) -> Result<()> {
    store::set_meta_i64(tx, OP_COUNTER, counter as i64)
}

/// The sequence number the next private op takes.
pub fn next_private_seq(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT COALESCE(MAX(seq), 0) + 1 FROM local_ops")?
        .query_row([], |r| r.get(0))?)
}

/// How long an op's authenticator is: HMAC-SHA256 cut to 64 bits (16
/// bytes before envelope version 4). Its only use against an adversary is
/// the hand-back door (`sync::take_back`): a partner's modified app that
/// wants an op accepted under this phone's id must guess the tag, and a
/// wrong guess refuses its whole payload, so it gets one guess per payload
/// this phone imports (by hand: a file or a QR code). A guess succeeds with
/// probability 2^-64: a billion forged payloads together succeed with
/// probability below 2^-34 (one chance in 17 billion). The other uses (is
/// the partner's op under this number the same one; does the partner's
/// acknowledgement name the op this phone holds) compare the tags of
/// genuine ops, which two different ops share with probability 2^-64.
pub const AUTH_LEN: usize = 8;

/// An op's authenticator: only its author's phone can make it.
pub type OpTag = [u8; AUTH_LEN];

/// A tag as the column `ops.auth` keeps it: `OP_TAG_LEN` (16) bytes, the
/// width schema v13 checks, the tag and then zeros. Rows written before
/// envelope version 4 hold the HMAC's first 16 bytes, whose first 8 are
/// the same tag: `read_tag` reads either.
fn stored_tag(tag: &OpTag) -> [u8; OP_TAG_LEN] {
    let mut stored = [0u8; OP_TAG_LEN];
    stored[..AUTH_LEN].copy_from_slice(tag);
    stored
}

/// The tag a stored `ops.auth` holds, if it has the stored width.
fn read_tag(stored: &[u8]) -> Option<OpTag> {
    if stored.len() != OP_TAG_LEN {
        return None;
    }
    stored.get(..AUTH_LEN)?.try_into().ok()
}

/// The authenticator of `op` (its change encoded as `body`): HMAC-SHA256
/// under the author's op key (derived from its storage key) over every
/// field that makes the op: device, counter, stamp, entity, change. The
/// partner keeps it with the op and cannot make one; a phone that gets its
/// own op back takes it only if the tag verifies (`sync::take_back`).
fn tag_over(sealer: &Sealer, op: &Op, body: &[u8]) -> Result<OpTag> {
    let full = sealer.op_tag(&[
        b"tandem/op/v1",
        &op.device.0,
        &op.counter.to_be_bytes(),
        &op.hlc.wall_ms.to_be_bytes(),
        &op.hlc.logical.to_be_bytes(),
        op.entity.as_bytes(),
        body,
    ])?;
    read_tag(&full).ok_or_else(|| Error::Corrupt("an authenticator came out short".into()))
}

/// This phone's authenticator of `op`.
pub fn tag_of(sealer: &Sealer, op: &Op) -> Result<OpTag> {
    tag_over(sealer, op, &encode(&op.change)?)
}

/// Whether `tag` is this phone's authenticator of `op` (constant time).
pub fn verify_tag(sealer: &Sealer, op: &Op, tag: &OpTag) -> Result<bool> {
    let mine = tag_of(sealer, op)?;
    Ok(mine
        .iter()
        .zip(tag.iter())
        .fold(0u8, |acc, (a, b)| acc | (a ^ b))
        == 0)
}

/// What `insert` found under the op's (device, counter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inserted {
    /// Nothing: the op is in the log now.
    New,
    /// The same op: a duplicate.
    Same,
    /// Another op under the same number: its author's phone went back to an
    /// older copy of its data and numbered a new change again. Nothing was
    /// written.
    Differs,
}

/// Inserts an op, with its author's authenticator when there is one,
/// unless its (device, counter) is taken; says whether the op there is the
/// same. Same means the same stamp, entity and authenticator, or (for ops
/// stored without one) the same change. `part` is the part of its entity
/// it touches (`Capability::part`).
pub fn insert(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    op: &Op,
    auth: Option<&OpTag>,
    part: Option<&str>,
) -> Result<Inserted> {
    Inserter::new(tx)?.insert(tx, sealer, op, auth, part)
}

/// Inserts ops through one statement held for a whole batch: an import
/// stores thousands, and taking the statement from the cache and handing
/// it back for each cost about 3% of it.
pub struct Inserter<'c> {
    insert: CachedStatement<'c>,
}

impl<'c> Inserter<'c> {
    pub fn new(tx: &'c Transaction<'_>) -> Result<Self> {
        // Most ops are new: one statement tries, and only an op whose
        // number is taken is compared with the one there (a conflict on the
        // key alone does nothing; any other constraint still fails).
        let insert = tx.prepare_cached(
            "INSERT INTO ops (device, counter, hlc_ms, hlc_logical, entity, body, auth, part)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (device, counter) DO NOTHING",
        )?;
        Ok(Inserter { insert })
    }

    /// `insert`, through the held statement.
    pub fn insert(
        &mut self,
        tx: &Transaction<'_>,
        sealer: &Sealer,
        op: &Op,
        auth: Option<&OpTag>,
        part: Option<&str>,
    ) -> Result<Inserted> {
        let body = encode(&op.change)?;
        let slot = body_slot(op.device, op.counter, op.hlc, &op.entity);
        let sealed = sealer.seal(Slot::new("ops", "body", &slot), &body)?;
        let stored = self.insert.execute(params![
            op.device.0.as_slice(),
            op.counter as i64,
            op.hlc.wall_ms,
            op.hlc.logical,
            op.entity,
            sealed,
            auth.map(stored_tag).as_ref().map(|a| a.as_slice()),
            part
        ])?;
        if stored == 1 {
            return Ok(Inserted::New);
        }
        type Held = (i64, u32, String, Option<Vec<u8>>, Vec<u8>);
        let (ms, logical, entity, held_auth, sealed): Held = tx
            .prepare_cached(
                "SELECT hlc_ms, hlc_logical, entity, auth, body FROM ops WHERE device = ?1 AND counter = ?2",
            )?
            .query_row(params![op.device.0.as_slice(), op.counter as i64], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?;
        if Hlc::new(ms, logical) != op.hlc || entity != op.entity {
            return Ok(Inserted::Differs);
        }
        let same = match (held_auth, auth) {
            (Some(h), Some(a)) => read_tag(&h).as_ref() == Some(a),
            _ => sealer.open(Slot::new("ops", "body", &slot), &sealed)? == body,
        };
        Ok(if same {
            Inserted::Same
        } else {
            Inserted::Differs
        })
    }
}

/// Inserts an op this phone writes, with its authenticator.
pub fn insert_mine(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    op: &Op,
    part: Option<&str>,
) -> Result<Inserted> {
    let tag = tag_of(sealer, op)?;
    insert(tx, sealer, op, Some(&tag), part)
}

/// The op stored under (device, counter) with its authenticator, if any.
pub fn op_at(
    conn: &Connection,
    sealer: &Sealer,
    device: DeviceId,
    counter: u64,
) -> Result<Option<(Op, Option<OpTag>)>> {
    let sql = "SELECT device, counter, hlc_ms, hlc_logical, entity, body, auth FROM ops
               WHERE device = ?1 AND counter = ?2";
    Ok(decode_signed(
        conn,
        sealer,
        sql,
        params![device.0.as_slice(), counter as i64],
    )?
    .into_iter()
    .next())
}

/// Whether an op is stored under (device, counter), and its authenticator.
pub fn tag_at(conn: &Connection, device: DeviceId, counter: u64) -> Result<Option<Option<OpTag>>> {
    let auth: Option<Option<Vec<u8>>> = conn
        .prepare_cached("SELECT auth FROM ops WHERE device = ?1 AND counter = ?2")?
        .query_row(params![device.0.as_slice(), counter as i64], |r| r.get(0))
        .optional()?;
    Ok(auth.map(|a| a.and_then(|a| read_tag(&a))))
}

/// Removes one op (it moves to another number: `sync::take_back`).
pub fn delete(tx: &Transaction<'_>, device: DeviceId, counter: u64) -> Result<()> {
    tx.prepare_cached("DELETE FROM ops WHERE device = ?1 AND counter = ?2")?
        .execute(params![device.0.as_slice(), counter as i64])?;
    Ok(())
}

/// One device's ops with a counter above `after` that carry an
/// authenticator, in counter order, each with it.
pub fn signed_ops_after(
    conn: &Connection,
    sealer: &Sealer,
    device: DeviceId,
    after: u64,
) -> Result<Vec<(Op, OpTag)>> {
    let sql = "SELECT device, counter, hlc_ms, hlc_logical, entity, body, auth FROM ops
               WHERE device = ?1 AND counter > ?2 AND auth IS NOT NULL ORDER BY counter";
    Ok(decode_signed(
        conn,
        sealer,
        sql,
        params![device.0.as_slice(), after as i64],
    )?
    .into_iter()
    .filter_map(|(op, tag)| Some((op, tag?)))
    .collect())
}

/// How many of one device's ops have a counter in `(after, until]`
/// (`signed`: only those with an authenticator), counting no further than
/// `most`: by the key, no op opened.
pub fn count_after(
    conn: &Connection,
    device: DeviceId,
    (after, until): (u64, u64),
    signed: bool,
    most: usize,
) -> Result<usize> {
    let sql = if signed {
        "SELECT COUNT(*) FROM (SELECT 1 FROM ops WHERE device = ?1 AND counter > ?2
         AND counter <= ?3 AND auth IS NOT NULL LIMIT ?4)"
    } else {
        "SELECT COUNT(*) FROM (SELECT 1 FROM ops WHERE device = ?1 AND counter > ?2
         AND counter <= ?3 LIMIT ?4)"
    };
    let until = i64::try_from(until).unwrap_or(i64::MAX);
    let most = i64::try_from(most).unwrap_or(i64::MAX);
    let n: i64 = conn.prepare_cached(sql)?.query_row(
        params![device.0.as_slice(), after as i64, until, most],
        |r| r.get(0),
    )?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// One device's ops with a counter above `after`, in counter order, each
/// with its authenticator if it has one.
pub fn ops_after_with_tags(
    conn: &Connection,
    sealer: &Sealer,
    device: DeviceId,
    after: u64,
) -> Result<Vec<(Op, Option<OpTag>)>> {
    let sql = "SELECT device, counter, hlc_ms, hlc_logical, entity, body, auth FROM ops
               WHERE device = ?1 AND counter > ?2 ORDER BY counter";
    decode_signed(
        conn,
        sealer,
        sql,
        params![device.0.as_slice(), after as i64],
    )
}

fn decode_signed(
    conn: &Connection,
    sealer: &Sealer,
    sql: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<(Op, Option<OpTag>)>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(args, |r| {
        Ok((row_fields(r)?, r.get::<_, Option<Vec<u8>>>(6)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (fields, auth) = row?;
        let op = decode_row(sealer, fields)?;
        let tag = match auth {
            Some(a) => Some(
                read_tag(&a)
                    .ok_or_else(|| Error::Corrupt("an op's authenticator is malformed".into()))?,
            ),
            None => None,
        };
        out.push((op, tag));
    }
    Ok(out)
}

/// A private op's sealed body, under its sequence number (`op.counter`).
pub fn seal_private(sealer: &Sealer, op: &Op) -> Result<Vec<u8>> {
    let body = encode(&op.change)?;
    let key = private_slot(op.counter, op.hlc, &op.entity);
    sealer.seal(Slot::new("local_ops", "body", &key), &body)
}

/// Stores a private op whose body `seal_private` sealed. The database's
/// own error is returned as is: a restore turns a repeated sequence number
/// into its own message.
pub fn insert_private(
    tx: &Transaction<'_>,
    op: &Op,
    sealed: &[u8],
    part: Option<&str>,
) -> rusqlite::Result<usize> {
    tx.prepare_cached(
        "INSERT INTO local_ops (seq, hlc_ms, hlc_logical, entity, body, part)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        op.counter as i64,
        op.hlc.wall_ms,
        op.hlc.logical,
        op.entity,
        sealed,
        part
    ])
}

/// Which ops of an entity a fold reads: all of them, the ones that touch
/// the entity as a whole (no part), or one part's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slice<'a> {
    All,
    Whole,
    Part(&'a str),
}

impl Slice<'_> {
    /// The condition on `part` (after `entity = ?1`), and whether `?2` is
    /// the part.
    fn condition(self) -> (&'static str, bool) {
        match self {
            Slice::All => ("", false),
            Slice::Whole => (" AND part IS NULL", false),
            Slice::Part(_) => (" AND part = ?2", true),
        }
    }
}

/// One entity's private ops (of `slice`), in the order they were recorded.
fn read_private_ops(
    conn: &Connection,
    sealer: &Sealer,
    entity: &str,
    slice: Slice<'_>,
) -> Result<Vec<Op>> {
    let (condition, with_part) = slice.condition();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT seq, hlc_ms, hlc_logical, body FROM local_ops WHERE entity = ?1{condition} ORDER BY seq"
    ))?;
    let part = match slice {
        Slice::Part(p) => p,
        _ => "",
    };
    let map = |r: &rusqlite::Row<'_>| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, u32>(2)?,
            r.get::<_, Vec<u8>>(3)?,
        ))
    };
    let rows: Vec<_> = if with_part {
        stmt.query_map(params![entity, part], map)?
            .collect::<rusqlite::Result<_>>()?
    } else {
        stmt.query_map(params![entity], map)?
            .collect::<rusqlite::Result<_>>()?
    };
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let device = store::read_device(conn)?;
    let mut ops = Vec::new();
    for (seq, ms, logical, sealed) in rows {
        // Sealed with its clock and entity (see `private_slot`).
        let key = private_slot(seq as u64, Hlc::new(ms, logical), entity);
        let change = open_body(sealer, &key, "local_ops", &sealed)?;
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

/// All ops, or one entity's (of `slice`), in fold order. Separate
/// statements rather than one with `?1 IS NULL OR entity = ?1`: SQLite
/// cannot use the entity index for the latter, and a refold per imported
/// op would scan the whole log.
fn read_ops(
    conn: &Connection,
    sealer: &Sealer,
    entity: Option<(&str, Slice<'_>)>,
) -> Result<Vec<Op>> {
    const COLUMNS: &str = "SELECT device, counter, hlc_ms, hlc_logical, entity, body FROM ops";
    const ORDER: &str = "ORDER BY hlc_ms, hlc_logical, device, counter";
    match entity {
        Some((e, slice)) => {
            let (condition, with_part) = slice.condition();
            let sql = format!("{COLUMNS} WHERE entity = ?1{condition} {ORDER}");
            match slice {
                Slice::Part(p) if with_part => decode_rows(conn, sealer, &sql, params![e, p]),
                _ => decode_rows(conn, sealer, &sql, params![e]),
            }
        }
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

type RowFields = (Vec<u8>, i64, i64, u32, String, Vec<u8>);

/// The first six columns of an `ops` row as every reader selects them:
/// device, counter, hlc_ms, hlc_logical, entity, body.
fn row_fields(r: &rusqlite::Row<'_>) -> rusqlite::Result<RowFields> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
    ))
}

fn decode_row(sealer: &Sealer, fields: RowFields) -> Result<Op> {
    let (device, counter, ms, logical, entity, sealed) = fields;
    let device = DeviceId::from_slice(&device)?;
    let counter = counter as u64;
    let hlc = Hlc::new(ms, logical);
    // The body is sealed with its clock and entity: damage to those plain
    // columns fails to open instead of moving the change.
    let record = body_slot(device, counter, hlc, &entity);
    let change = open_body(sealer, &record, "ops", &sealed)?;
    Ok(Op {
        device,
        counter,
        hlc,
        entity,
        change,
    })
}

fn decode_rows(
    conn: &Connection,
    sealer: &Sealer,
    sql: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<Op>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(args, row_fields)?;
    let mut ops = Vec::new();
    for row in rows {
        ops.push(decode_row(sealer, row?)?);
    }
    Ok(ops)
}

/// Every op in the log, in fold order.
pub fn all_ops(conn: &Connection, sealer: &Sealer) -> Result<Vec<Op>> {
    read_ops(conn, sealer, None)
}

/// Every op of the entities whose names start with `prefix` ("boundary:"),
/// in fold order: a range of the entity index, for a kind whose ops have
/// no parts (a ritual's marks would make the range as long as the log).
pub fn ops_with_prefix(conn: &Connection, sealer: &Sealer, prefix: &str) -> Result<Vec<Op>> {
    // Every name with the prefix sorts at or after it and before the prefix
    // with its last character moved on (":" then ";").
    let mut end = prefix.to_owned();
    let last = end
        .pop()
        .and_then(|c| char::from_u32(c as u32 + 1))
        .ok_or_else(|| Error::invalid("an entity prefix is empty"))?;
    end.push(last);
    decode_rows(
        conn,
        sealer,
        "SELECT device, counter, hlc_ms, hlc_logical, entity, body FROM ops
         WHERE entity >= ?1 AND entity < ?2 ORDER BY hlc_ms, hlc_logical, device, counter",
        params![prefix, end],
    )
}

/// The ops `wanted` picks (by device and counter, before any is opened),
/// newest first by wall time, handed to `visit` one by one until it says
/// to stop: what a screen showing the newest few reads, whatever the
/// log's length.
pub fn newest_first(
    conn: &Connection,
    sealer: &Sealer,
    wanted: impl Fn(DeviceId, u64) -> bool,
    mut visit: impl FnMut(Op) -> Result<bool>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT device, counter, hlc_ms, hlc_logical, entity, body FROM ops ORDER BY hlc_ms DESC",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let fields = row_fields(r)?;
        let device = DeviceId::from_slice(&fields.0)?;
        if !wanted(device, fields.1 as u64) {
            continue;
        }
        if !visit(decode_row(sealer, fields)?)? {
            break;
        }
    }
    Ok(())
}

/// Which of `entities` the shared log holds any op of: a statement per
/// few hundred names instead of one per name (an import asks this of
/// every entity it brings).
pub fn entities_held<'a>(
    conn: &Connection,
    entities: &BTreeSet<&'a str>,
) -> Result<BTreeSet<&'a str>> {
    const CHUNK: usize = 400;
    // A day's payload brings a dozen entities: one cached statement each
    // is quicker than preparing a list, and a list's text (one per length)
    // would crowd the statement cache that every import relies on.
    if entities.len() <= 32 {
        let mut held = BTreeSet::new();
        for &e in entities {
            if has_entity(conn, e)? {
                held.insert(e);
            }
        }
        return Ok(held);
    }
    let names: Vec<&'a str> = entities.iter().copied().collect();
    let mut held = BTreeSet::new();
    for chunk in names.chunks(CHUNK) {
        let marks = vec!["?"; chunk.len()].join(",");
        // Not cached, for the same reason.
        let mut stmt = conn.prepare(&format!(
            "SELECT DISTINCT entity FROM ops WHERE entity IN ({marks})"
        ))?;
        let mut rows = stmt.query(rusqlite::params_from_iter(chunk.iter()))?;
        while let Some(r) = rows.next()? {
            let name: String = r.get(0)?;
            if let Some(known) = entities.get(name.as_str()) {
                held.insert(*known);
            }
        }
    }
    Ok(held)
}

/// Whether the shared log holds any op of `entity`.
pub fn has_entity(conn: &Connection, entity: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM ops WHERE entity = ?1)")?
        .query_row([entity], |r| r.get(0))?)
}

/// Every entity the shared log holds ops of.
pub fn shared_entities(conn: &Connection) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached("SELECT DISTINCT entity FROM ops")?
        .query_map([], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?)
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
        ops.extend(read_private_ops(conn, sealer, &e, Slice::All)?);
    }
    ops.sort_unstable_by_key(|op| op.counter);
    Ok(ops)
}

/// Writes the part of every op stored before parts were kept (schema
/// v14), as `part_of` reads it: the ops' bodies are sealed, so the
/// migration could not.
pub fn fill_parts(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    part_of: impl Fn(&Op) -> Option<String>,
) -> Result<()> {
    let mut update =
        tx.prepare_cached("UPDATE ops SET part = ?3 WHERE device = ?1 AND counter = ?2")?;
    for op in read_ops(tx, sealer, None)? {
        if let Some(part) = part_of(&op) {
            update.execute(params![op.device.0.as_slice(), op.counter as i64, part])?;
        }
    }
    let mut update = tx.prepare_cached("UPDATE local_ops SET part = ?2 WHERE seq = ?1")?;
    for op in all_private_ops(tx, sealer)? {
        if let Some(part) = part_of(&op) {
            update.execute(params![op.counter as i64, part])?;
        }
    }
    Ok(())
}

/// One entity's ops as its capability folds them. Each log is read only
/// when the capability asks for it: most entities live in one log, and a
/// refold runs for every op recorded or imported.
pub struct EntityOps<'a> {
    conn: &'a Connection,
    sealer: &'a Sealer,
    people: &'a People,
    entity: &'a str,
    /// Every shared op of the entity, with its part, when the caller holds
    /// them all (an import that brought the entity's first ops): read from
    /// here instead of the log it just wrote them to.
    known: Option<&'a [(&'a Op, Option<String>)]>,
}

impl<'a> EntityOps<'a> {
    pub fn new(
        conn: &'a Connection,
        sealer: &'a Sealer,
        people: &'a People,
        entity: &'a str,
    ) -> Self {
        EntityOps {
            conn,
            sealer,
            people,
            entity,
            known: None,
        }
    }

    /// The same, with every shared op of the entity (each with its part)
    /// already in hand: what the log holds of it, no more and no less.
    pub fn with_known(mut self, known: &'a [(&'a Op, Option<String>)]) -> Self {
        self.known = Some(known);
        self
    }

    pub fn entity(&self) -> &'a str {
        self.entity
    }

    /// The shared ops in fold order, each under the device it counts for
    /// (`People::canonical`); ops that count for no one are left out.
    pub fn shared(&self) -> Result<Vec<Op>> {
        self.shared_slice(Slice::All)
    }

    /// `shared`, of the ops that touch the entity as a whole or one part.
    pub fn shared_slice(&self, slice: Slice<'_>) -> Result<Vec<Op>> {
        let ops = match self.known {
            // What `read_ops` would read: the slice's ops in fold order.
            Some(known) => {
                let mut ops: Vec<Op> = known
                    .iter()
                    .filter(|(_, part)| match slice {
                        Slice::All => true,
                        Slice::Whole => part.is_none(),
                        Slice::Part(p) => part.as_deref() == Some(p),
                    })
                    .map(|(op, _)| (*op).clone())
                    .collect();
                ops.sort_unstable_by_key(|op| (op.hlc, op.device, op.counter));
                ops
            }
            None => read_ops(self.conn, self.sealer, Some((self.entity, slice)))?,
        };
        Ok(ops
            .into_iter()
            .filter_map(|mut op| {
                op.device = self.people.canonical(op.device, op.counter)?;
                Some(op)
            })
            .collect())
    }

    /// This device's private ops, in the order they were recorded.
    pub fn private(&self) -> Result<Vec<Op>> {
        self.private_slice(Slice::All)
    }

    /// `private`, of the ops that touch the entity as a whole or one part.
    pub fn private_slice(&self, slice: Slice<'_>) -> Result<Vec<Op>> {
        read_private_ops(self.conn, self.sealer, self.entity, slice)
    }

    /// The shared and the private ops in one order (`merge_private`).
    pub fn both(&self) -> Result<Vec<Op>> {
        Ok(merge_private(self.shared()?, self.private()?))
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_slot_reads_as_it_always_did() {
        // Every op at rest is sealed under this name: it must never change.
        let device = DeviceId([0x0f, 0xa1, 0, 0xff, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0xbc]);
        for (counter, ms, logical) in [
            (1, 0, 0),
            (u64::MAX, -5, u32::MAX),
            (42, 1_804_780_800_000, 7),
        ] {
            assert_eq!(
                body_slot(device, counter, Hlc::new(ms, logical), "ritual:abc"),
                format!(
                    "{}:{counter}@{ms}.{logical}/ritual:abc",
                    hex::encode(device.0)
                )
            );
        }
    }

    fn op(counter: u64, ms: i64, logical: u32) -> Op {
        // Any change will do: the merge reads only stamps. Decoded from its
        // bytes (a rest week declared) so the log's tests name no capability.
        let change: Change = postcard::from_bytes(&[1, 0]).unwrap();
        Op {
            device: DeviceId([1; 16]),
            counter,
            hlc: Hlc::new(ms, logical),
            entity: "e".into(),
            change,
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
