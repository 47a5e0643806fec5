//! Pauses: withdrawal turned into a pause with a promised return. Either
//! partner starts one, with a return time 20 minutes to 24 hours out (the
//! default from the pause agreement in effect, else 20 minutes) and no
//! reason required. Its starter may end it early or extend it once (still
//! within 24 hours of the start). A pause past its return shows its starter
//! "time to reconnect"; the partner never sees it as a failure: on the
//! partner's phone a pause its starter never ended shows as running only
//! until 24 hours after it began (the longest any pause may last), and then
//! quietly ends. Whether a pause was kept is shown to its starter alone.
//!
//! For the insights of a later issue every pause keeps when it started, the
//! return promised (first and final), whether it was extended, and when it
//! ended: a pause is kept when it ended by its final return time.

use rusqlite::{Connection, Transaction, params};

use crate::capability::{self, Capability};
use crate::catalog::Arg;
use crate::change::{Change, Kind};
use crate::clock::Millis;
use crate::device::{self, DeviceId};
use crate::error::{Error, Result};
use crate::stopped;
use crate::store::{Sealer, Slot};
use crate::sync::log::EntityOps;
use crate::sync::{self, Op};
use crate::tell::{News, Teller};
use crate::validate;

pub mod change;
pub use change::{MAX_MINUTES, MIN_MINUTES, NOTE_MAX_CHARS, PauseChange};
use change::{MINUTE_MS, check_minutes};

pub const DEFAULT_MINUTES: u32 = 20;
const ENTITY_PREFIX: &str = "pause:";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pause {
    pub id: String,
    pub started_by: DeviceId,
    pub started_at_ms: Millis,
    /// The return first promised.
    pub first_return_at_ms: Millis,
    /// The return promised now (later if it was extended).
    pub return_at_ms: Millis,
    pub extended: bool,
    pub ended_at_ms: Option<Millis>,
    pub note: Option<String>,
}

/// How a pause shows on one phone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PauseState {
    /// Before its return; on the partner's phone, until it ends or its 24
    /// hours are over.
    Running,
    /// This phone started it and its return time came.
    TimeToReconnect,
    /// Ended by its starter, or (on the partner's phone) past 24 hours.
    Ended,
}

impl Pause {
    /// How this pause shows on `me`'s phone at `now`.
    pub fn state_for(&self, me: DeviceId, now: Millis) -> PauseState {
        let mine = self.started_by == me;
        if !self.running() || (!mine && now >= self.partner_view_ends_at_ms()) {
            PauseState::Ended
        } else if mine && now >= self.return_at_ms {
            PauseState::TimeToReconnect
        } else {
            PauseState::Running
        }
    }

    /// When a pause its starter never ended stops showing as running on the
    /// partner's phone: 24 hours after it began, the longest a pause may
    /// last, so an honest pause always shows whole and a forgotten one is
    /// never held against its starter.
    pub fn partner_view_ends_at_ms(&self) -> Millis {
        self.started_at_ms
            .saturating_add(Millis::from(MAX_MINUTES) * MINUTE_MS)
    }

    /// Whether it was kept, for its starter's eyes only: the partner's phone
    /// never judges a pause.
    pub fn kept_for(&self, me: DeviceId) -> Option<bool> {
        if self.started_by == me {
            self.kept()
        } else {
            None
        }
    }

    /// Ended by its (final) return time.
    pub fn kept(&self) -> Option<bool> {
        self.ended_at_ms.map(|e| e <= self.return_at_ms)
    }

    pub fn running(&self) -> bool {
        self.ended_at_ms.is_none()
    }
}

pub fn entity(id: &str) -> String {
    format!("{ENTITY_PREFIX}{id}")
}

pub fn entity_id(entity: &str) -> Option<&str> {
    device::entity_id_after(entity, ENTITY_PREFIX)
}

/// Starts a pause; `minutes` defaults to the pause agreement's cool-down,
/// else 20. Returns its id.
pub fn start(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    device: DeviceId,
    now: Millis,
    minutes: Option<u32>,
    note: Option<&str>,
) -> Result<String> {
    let minutes = match minutes {
        Some(m) => m,
        None => super::pause_protocol(tx, sealer)?
            .map(|p| p.cool_down_minutes)
            .unwrap_or(DEFAULT_MINUTES),
    };
    check_minutes(minutes)?;
    let note = match note {
        Some(n) => validate::optional_text("note", n, NOTE_MAX_CHARS)?,
        None => None,
    };
    crate::schedule::instant(now)?;
    if let Some(p) = list(tx, sealer)?
        .into_iter()
        .find(|p| p.running() && p.started_by == device)
    {
        return Err(Error::not_allowed(format!(
            "your pause is still running (id {}); extend it or end it",
            p.id
        )));
    }
    let id = device::new_entity_id(now)?;
    let change = PauseChange::Started {
        started_at_ms: now,
        return_at_ms: now.saturating_add(i64::from(minutes) * MINUTE_MS),
        note,
    };
    sync::record(
        tx,
        sealer,
        &Pauses,
        device,
        now,
        entity(&id),
        Change::Pause(change),
    )?;
    Ok(id)
}

fn own_running(conn: &Connection, sealer: &Sealer, device: DeviceId, id: &str) -> Result<Pause> {
    let p = get(conn, sealer, id)?;
    if p.started_by != device {
        return Err(Error::not_allowed(
            "this is your partner's pause; only the one who started it can change it",
        ));
    }
    if !p.running() {
        return Err(Error::not_allowed("this pause already ended"));
    }
    Ok(p)
}

/// Extends a running pause once by `minutes` more; the whole pause stays
/// within 24 hours of its start.
pub fn extend(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    device: DeviceId,
    now: Millis,
    id: &str,
    minutes: u32,
) -> Result<Pause> {
    let p = own_running(tx, sealer, device, id)?;
    if p.extended {
        return Err(Error::not_allowed(
            "a pause is extended once; end it, and start another if you need more time",
        ));
    }
    if minutes == 0 || minutes > MAX_MINUTES {
        return Err(Error::invalid(format!(
            "an extension is 1 to {MAX_MINUTES} minutes, got {minutes}"
        )));
    }
    let return_at_ms = p.return_at_ms + i64::from(minutes) * MINUTE_MS;
    if return_at_ms - p.started_at_ms > i64::from(MAX_MINUTES) * MINUTE_MS {
        return Err(Error::invalid(
            "a pause lasts at most 24 hours in all, extension included",
        ));
    }
    let change = PauseChange::Extended { return_at_ms };
    sync::record(
        tx,
        sealer,
        &Pauses,
        device,
        now,
        entity(id),
        Change::Pause(change),
    )?;
    get(tx, sealer, id)
}

/// Ends a running pause (early, on time, or late).
pub fn end(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    device: DeviceId,
    now: Millis,
    id: &str,
) -> Result<Pause> {
    own_running(tx, sealer, device, id)?;
    let change = PauseChange::Ended { at_ms: now };
    sync::record(
        tx,
        sealer,
        &Pauses,
        device,
        now,
        entity(id),
        Change::Pause(change),
    )?;
    get(tx, sealer, id)
}

/// Rebuilds one pause's row from its ops: only its starter's ops count, the
/// first extension and the first end.
fn refold(tx: &Transaction<'_>, sealer: &Sealer, id: &str, ops: &[Op]) -> Result<()> {
    tx.prepare_cached("DELETE FROM pauses WHERE id = ?1")?
        .execute([id])?;
    let changes: Vec<(&Op, &PauseChange)> = ops
        .iter()
        .filter_map(|op| match &op.change {
            Change::Pause(c) => Some((op, c)),
            _ => None,
        })
        .collect();
    let Some((founding, started_at, first_return, note)) =
        changes.iter().find_map(|(op, c)| match c {
            PauseChange::Started {
                started_at_ms,
                return_at_ms,
                note,
            } => Some((*op, *started_at_ms, *return_at_ms, note.clone())),
            _ => None,
        })
    else {
        return Ok(());
    };
    let starter = founding.device;
    let (mut return_at, mut extended, mut ended) = (first_return, false, None);
    for (_, change) in changes
        .iter()
        .filter(|(op, _)| op.device == starter && op.order_key() > founding.order_key())
    {
        match change {
            PauseChange::Extended { return_at_ms }
                if !extended
                    && ended.is_none()
                    && *return_at_ms > return_at
                    && return_at_ms - started_at <= i64::from(MAX_MINUTES) * MINUTE_MS =>
            {
                return_at = *return_at_ms;
                extended = true;
            }
            PauseChange::Ended { at_ms } if ended.is_none() => ended = Some(*at_ms),
            _ => {}
        }
    }
    let note = match note {
        Some(n) => Some(sealer.seal_str(Slot::new("pauses", "note", id), &n)?),
        None => None,
    };
    tx.prepare_cached(
        "INSERT INTO pauses (id, started_by, started_at_ms, first_return_at_ms, return_at_ms, extended, ended_at_ms, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        id,
        starter.0.as_slice(),
        started_at,
        first_return,
        return_at,
        extended,
        ended,
        note
    ])?;
    Ok(())
}

/// Every pause, newest first.
pub fn list(conn: &Connection, sealer: &Sealer) -> Result<Vec<Pause>> {
    read(conn, sealer, None)
}

pub fn get(conn: &Connection, sealer: &Sealer, id: &str) -> Result<Pause> {
    read(conn, sealer, Some(id))?
        .pop()
        .ok_or_else(|| Error::not_found("no pause has this id"))
}

/// The pauses still running (not ended), newest first.
pub fn running(conn: &Connection, sealer: &Sealer) -> Result<Vec<Pause>> {
    read_where(conn, sealer, "ended_at_ms IS NULL", params![])
}

/// The pauses started at or after `since_ms`, newest first.
pub fn started_since(conn: &Connection, sealer: &Sealer, since_ms: Millis) -> Result<Vec<Pause>> {
    read_where(conn, sealer, "started_at_ms >= ?1", params![since_ms])
}

/// The pauses `by` started, newest first, at most `limit` (all, for
/// `None`).
pub fn started_by(
    conn: &Connection,
    sealer: &Sealer,
    by: DeviceId,
    limit: Option<usize>,
) -> Result<Vec<Pause>> {
    let rows = conn
        .prepare_cached(&started_by_select(limit))?
        .query_map(params![by.0.as_slice()], row)?
        .collect::<rusqlite::Result<Vec<Row>>>()?;
    open_rows(sealer, rows)
}

/// `started_by`'s statement, at most `limit` rows.
pub(crate) fn started_by_select(limit: Option<usize>) -> String {
    format!(
        "{COLUMNS} WHERE started_by = ?1 ORDER BY {ORDER} {}",
        crate::store::limit_clause(limit)
    )
}

const COLUMNS: &str = "SELECT id, started_by, started_at_ms, first_return_at_ms, return_at_ms, extended, ended_at_ms, note FROM pauses";
const ORDER: &str = "started_at_ms DESC, id";

type Row = (
    String,
    Vec<u8>,
    i64,
    i64,
    i64,
    bool,
    Option<i64>,
    Option<Vec<u8>>,
);

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
    ))
}

fn read_where(
    conn: &Connection,
    sealer: &Sealer,
    condition: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<Pause>> {
    let rows = conn
        .prepare_cached(&format!("{COLUMNS} WHERE {condition} ORDER BY {ORDER}"))?
        .query_map(args, row)?
        .collect::<rusqlite::Result<Vec<Row>>>()?;
    open_rows(sealer, rows)
}

fn read(conn: &Connection, sealer: &Sealer, id: Option<&str>) -> Result<Vec<Pause>> {
    let rows = crate::store::rows_by_id(conn, COLUMNS, ORDER, id, row)?;
    open_rows(sealer, rows)
}

fn open_rows(sealer: &Sealer, rows: Vec<Row>) -> Result<Vec<Pause>> {
    let mut out = Vec::new();
    for (id, by, started, first, ret, extended, ended, note) in rows {
        let note = match note {
            Some(sealed) => Some(sealer.open_str(Slot::new("pauses", "note", &id), &sealed)?),
            None => None,
        };
        out.push(Pause {
            started_by: DeviceId::from_slice(&by)?,
            started_at_ms: started,
            first_return_at_ms: first,
            return_at_ms: ret,
            extended,
            ended_at_ms: ended,
            note,
            id,
        });
    }
    Ok(out)
}

/// Pauses as a capability: shared, and ended here when this phone stops it
/// after unpairing.
pub struct Pauses;

impl Capability for Pauses {
    fn news(
        &self,
        conn: &Connection,
        sealer: &Sealer,
        op: &Op,
        teller: &Teller,
    ) -> Result<Option<News>> {
        let _ = (conn, sealer);
        let Change::Pause(c) = &op.change else {
            return Ok(None);
        };
        let (id, at) = match c {
            PauseChange::Started { return_at_ms, .. } => {
                ("news-pause-started", teller.at(*return_at_ms))
            }
            PauseChange::Extended { return_at_ms } => {
                ("news-pause-extended", teller.at(*return_at_ms))
            }
            PauseChange::Ended { .. } => ("news-pause-ended", String::new()),
        };
        Ok(Some(teller.tell(&op.entity, id, &[("at", Arg::Str(&at))])))
    }

    fn kind(&self) -> Kind {
        Kind::Pause
    }

    fn owns(&self, entity: &str) -> bool {
        entity_id(entity).is_some()
    }

    fn validate(&self, op: &Op) -> Result<()> {
        let Change::Pause(c) = &op.change else {
            return Err(capability::not_mine());
        };
        entity_id(&op.entity).ok_or_else(|| Error::invalid("a pause op names something else"))?;
        c.validate()
    }

    fn refold(&self, tx: &Transaction<'_>, sealer: &Sealer, ops: &EntityOps<'_>) -> Result<()> {
        let entity = ops.entity();
        let Some(id) = entity_id(entity) else {
            return Ok(());
        };
        let ops = stopped::with_stop(tx, entity, ops.shared()?, |starter, at_ms| {
            (starter, Change::Pause(PauseChange::Ended { at_ms }))
        })?;
        refold(tx, sealer, id, &ops)
    }

    fn dump(&self, conn: &Connection, sealer: &Sealer) -> Result<String> {
        let mut out = String::new();
        for p in list(conn, sealer)? {
            out.push_str(&format!("pause {p:?}\n"));
        }
        Ok(out)
    }
}
