//! Rituals: small predictable moments of closeness. A proposal is an op in the
//! proposer's log; the `rituals` table is its fold, with title and prompt
//! sealed. This is the first slice; consent, recurrence kinds and occurrence
//! states come with the scheduler.

use chrono::DateTime;
use chrono_tz::Tz;
use rusqlite::{Connection, Transaction, params};
use serde::{Deserialize, Serialize};

use crate::clock::Millis;
use crate::device::{self, DeviceId};
use crate::error::{Error, Result};
use crate::schedule::{self, TimeOfDay, ZoneMode};
use crate::store::{Sealer, Slot};
use crate::sync::{self, Change, Op};
use crate::validate;

pub const TITLE_MAX_CHARS: usize = 80;
pub const PROMPT_MAX_CHARS: usize = 500;
pub const MAX_MINUTES: u32 = 24 * 60;
/// Upcoming occurrences are asked for at most a year at a time.
pub const MAX_RANGE_MS: i64 = 366 * 24 * 60 * 60 * 1000;

const ENTITY_PREFIX: &str = "ritual:";

/// A ritual as a person typed it, before validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RitualDraft {
    pub title: String,
    pub prompt: Option<String>,
    pub minutes: u32,
    pub time_of_day: String,
    /// `None` for floating (the device's zone), else an IANA zone name.
    pub zone: Option<String>,
}

/// A ritual's change, as carried in the op log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum RitualChange {
    Proposed {
        title: String,
        prompt: Option<String>,
        minutes: u32,
        time_of_day: u16,
        zone: Option<String>,
    },
}

impl RitualChange {
    /// Validates and normalizes a draft into the change that proposes it.
    pub fn propose(draft: &RitualDraft) -> Result<Self> {
        let title = validate::required_text("title", &draft.title, TITLE_MAX_CHARS)?;
        let prompt = match &draft.prompt {
            Some(p) => validate::optional_text("prompt", p, PROMPT_MAX_CHARS)?,
            None => None,
        };
        check_minutes(draft.minutes)?;
        let time_of_day = TimeOfDay::parse(&draft.time_of_day)?.minutes();
        let zone = match &draft.zone {
            Some(name) => Some(schedule::parse_zone(name)?.name().to_owned()),
            None => None,
        };
        Ok(RitualChange::Proposed {
            title,
            prompt,
            minutes: draft.minutes,
            time_of_day,
            zone,
        })
    }

    /// Checks a change that arrived from the partner's device.
    pub fn validate(&self) -> Result<()> {
        match self {
            RitualChange::Proposed {
                title,
                prompt,
                minutes,
                time_of_day,
                zone,
            } => {
                validate::required_text("title", title, TITLE_MAX_CHARS)?;
                if let Some(p) = prompt {
                    validate::optional_text("prompt", p, PROMPT_MAX_CHARS)?;
                }
                check_minutes(*minutes)?;
                TimeOfDay::from_minutes(*time_of_day)?;
                if let Some(z) = zone {
                    schedule::parse_zone(z)?;
                }
                Ok(())
            }
        }
    }
}

fn check_minutes(minutes: u32) -> Result<()> {
    if minutes == 0 || minutes > MAX_MINUTES {
        return Err(Error::invalid(format!(
            "a ritual lasts 1 to {MAX_MINUTES} minutes, got {minutes}"
        )));
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RitualStatus {
    /// Proposed and waiting for the partner's answer.
    Proposed,
}

impl RitualStatus {
    fn as_str(self) -> &'static str {
        match self {
            RitualStatus::Proposed => "proposed",
        }
    }

    fn parse(s: &str) -> Result<Self> {
        match s {
            "proposed" => Ok(RitualStatus::Proposed),
            _ => Err(Error::Corrupt("a ritual has an unknown status".into())),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Ritual {
    pub id: String,
    pub title: String,
    pub prompt: Option<String>,
    pub minutes: u32,
    pub time_of_day: TimeOfDay,
    pub zone: ZoneMode,
    pub proposed_by: DeviceId,
    pub proposed_at_ms: Millis,
    pub status: RitualStatus,
}

/// One occurrence of a ritual. `start` is in the zone the ritual's time is
/// defined in (its fixed zone, or the device's for a floating ritual);
/// `device_zone` is where the device is, for showing the time on its clock.
#[derive(Debug, Clone, PartialEq)]
pub struct Occurrence {
    pub ritual_id: String,
    pub title: String,
    pub start: DateTime<Tz>,
    pub minutes: u32,
    pub device_zone: Tz,
}

impl Occurrence {
    /// The start as this device's clock shows it.
    pub fn device_start(&self) -> DateTime<Tz> {
        self.start.with_timezone(&self.device_zone)
    }

    pub fn start_ms(&self) -> Millis {
        self.start.timestamp_millis()
    }

    pub fn end_ms(&self) -> Millis {
        self.start_ms() + i64::from(self.minutes) * 60_000
    }
}

pub fn entity(id: &str) -> String {
    format!("{ENTITY_PREFIX}{id}")
}

/// The ritual id an op's entity names, if it names a well-formed one.
pub fn entity_id(entity: &str) -> Option<&str> {
    let id = entity.strip_prefix(ENTITY_PREFIX)?;
    let well_formed = id.len() == 24
        && id
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase());
    well_formed.then_some(id)
}

/// Records a proposal and returns the new ritual's id.
pub fn propose(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    device: DeviceId,
    now: Millis,
    draft: &RitualDraft,
) -> Result<String> {
    let change = RitualChange::propose(draft)?;
    let id = device::random_entity_id()?;
    sync::record(tx, sealer, device, now, entity(&id), Change::Ritual(change))?;
    Ok(id)
}

/// Rebuilds one ritual's row from its ops (already in fold order).
pub fn refold(tx: &Transaction<'_>, sealer: &Sealer, id: &str, ops: &[Op]) -> Result<()> {
    tx.prepare_cached("DELETE FROM rituals WHERE id = ?1")?
        .execute([id])?;
    // The earliest proposal founds the ritual; later changes will fold onto
    // it. A second proposal under the same id (a forged or buggy partner) is
    // ignored on every replica alike, since all fold in the same order.
    let mut founding = None;
    for op in ops {
        let Change::Ritual(RitualChange::Proposed {
            title,
            prompt,
            minutes,
            time_of_day,
            zone,
        }) = &op.change;
        if founding.is_none() {
            founding = Some((op, title, prompt, minutes, time_of_day, zone));
        }
    }
    let Some((op, title, prompt, minutes, time_of_day, zone)) = founding else {
        return Ok(());
    };
    let title = sealer.seal_str(Slot::new("rituals", "title", id), title)?;
    let prompt = match prompt {
        Some(p) => Some(sealer.seal_str(Slot::new("rituals", "prompt", id), p)?),
        None => None,
    };
    tx.prepare_cached(
        "INSERT INTO rituals (id, proposed_by, proposed_at_ms, hlc_logical, title, prompt, minutes, time_of_day, zone, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
            id,
            op.device.0.as_slice(),
            op.hlc.wall_ms,
            op.hlc.logical,
            title,
            prompt,
            minutes,
            time_of_day,
            zone,
            RitualStatus::Proposed.as_str()
        ],
    )?;
    Ok(())
}

/// Every ritual in the order it was proposed (the founding op's HLC, then
/// device): the same on both replicas, and stable within one millisecond.
pub fn list(conn: &Connection, sealer: &Sealer) -> Result<Vec<Ritual>> {
    read(conn, sealer, None)
}

/// One ritual by id.
pub fn get(conn: &Connection, sealer: &Sealer, id: &str) -> Result<Ritual> {
    read(conn, sealer, Some(id))?
        .pop()
        .ok_or_else(|| Error::invalid("no ritual has this id"))
}

fn read(conn: &Connection, sealer: &Sealer, id: Option<&str>) -> Result<Vec<Ritual>> {
    const COLUMNS: &str = "SELECT id, proposed_by, proposed_at_ms, title, prompt, minutes, time_of_day, zone, status FROM rituals";
    // Separate statements so a lookup by id uses the primary key.
    let sql = match id {
        Some(_) => format!("{COLUMNS} WHERE id = ?1"),
        None => format!("{COLUMNS} ORDER BY proposed_at_ms, hlc_logical, proposed_by, id"),
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let params: Vec<&dyn rusqlite::ToSql> = match &id {
        Some(i) => vec![i],
        None => vec![],
    };
    let rows = stmt.query_map(params.as_slice(), |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Vec<u8>>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, Vec<u8>>(3)?,
            r.get::<_, Option<Vec<u8>>>(4)?,
            r.get::<_, u32>(5)?,
            r.get::<_, u16>(6)?,
            r.get::<_, Option<String>>(7)?,
            r.get::<_, String>(8)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, by, at, title, prompt, minutes, tod, zone, status) = row?;
        let title = sealer.open_str(Slot::new("rituals", "title", &id), &title)?;
        let prompt = match prompt {
            Some(p) => Some(sealer.open_str(Slot::new("rituals", "prompt", &id), &p)?),
            None => None,
        };
        let zone = match zone {
            Some(z) => ZoneMode::Fixed(
                schedule::parse_zone(&z)
                    .map_err(|_| Error::Corrupt("a ritual has an unknown zone".into()))?,
            ),
            None => ZoneMode::Floating,
        };
        out.push(Ritual {
            proposed_by: DeviceId::from_slice(&by)?,
            proposed_at_ms: at,
            time_of_day: TimeOfDay::from_minutes(tod)
                .map_err(|_| Error::Corrupt("a ritual has a bad time of day".into()))?,
            status: RitualStatus::parse(&status)?,
            id,
            title,
            prompt,
            minutes,
            zone,
        });
    }
    Ok(out)
}

/// Occurrences of every ritual starting in `[from, to)`, soonest first.
/// Floating rituals are read in `device_zone`.
pub fn upcoming(
    conn: &Connection,
    sealer: &Sealer,
    from: Millis,
    to: Millis,
    device_zone: Tz,
) -> Result<Vec<Occurrence>> {
    if to <= from {
        return Err(Error::invalid(
            "the end of the range must be after its start",
        ));
    }
    schedule::instant(from)?;
    schedule::instant(to)?;
    if to.saturating_sub(from) > MAX_RANGE_MS {
        return Err(Error::invalid(
            "a range of upcoming occurrences is at most 366 days",
        ));
    }
    let mut out = Vec::new();
    for ritual in list(conn, sealer)? {
        let tz = ritual.zone.zone_on(device_zone);
        for start in schedule::daily(ritual.time_of_day, tz, from, to)? {
            out.push(Occurrence {
                ritual_id: ritual.id.clone(),
                title: ritual.title.clone(),
                start: start.with_timezone(&tz),
                minutes: ritual.minutes,
                device_zone,
            });
        }
    }
    out.sort_by(|a, b| (a.start_ms(), &a.ritual_id).cmp(&(b.start_ms(), &b.ritual_id)));
    Ok(out)
}

/// A canonical, plaintext rendering of the shared ritual state, for comparing
/// replicas in tests. Never stored, never logged.
pub fn dump(conn: &Connection, sealer: &Sealer) -> Result<String> {
    let mut rituals = list(conn, sealer)?;
    rituals.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(rituals
        .iter()
        .map(|r| {
            format!(
                "ritual {} by={} at={} title={:?} prompt={:?} minutes={} time={} zone={:?} status={}\n",
                r.id,
                r.proposed_by,
                r.proposed_at_ms,
                r.title,
                r.prompt,
                r.minutes,
                r.time_of_day,
                r.zone.name(),
                r.status.as_str()
            )
        })
        .collect())
}
