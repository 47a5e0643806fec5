//! The private pattern log: what happened (withdrew, pursued, went silent, a
//! talk derailed, reconnected), what came before it, and how hot it ran.
//! Only its author ever sees it: every entry lives in the private log, is
//! sealed at rest, and an op carrying one is refused if it ever arrives from
//! elsewhere.

use rusqlite::{Connection, Transaction, params};
use serde::{Deserialize, Serialize};

use crate::clock::Millis;
use crate::device::{self, DeviceId};
use crate::error::{Error, Result};
use crate::store::{Sealer, Slot};
use crate::sync::{self, Change, Op};
use crate::validate;

pub const TAG_MAX_CHARS: usize = 30;
pub const MAX_TAGS: usize = 10;
pub const TOPIC_MAX_CHARS: usize = 80;
pub const NOTE_MAX_CHARS: usize = 1000;
const ENTITY_PREFIX: &str = "journal:";

/// Tags a person is offered; any other short tag is fine too.
pub const SUGGESTED_TAGS: &[&str] = &[
    "tired",
    "work stress",
    "money",
    "family",
    "criticism",
    "feeling ignored",
    "hungry",
    "late night",
    "phone",
    "plans changed",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Happened {
    Withdrew,
    Pursued,
    WentSilent,
    TalkDerailed,
    Reconnected,
}

impl Happened {
    pub const ALL: [Happened; 5] = [
        Happened::Withdrew,
        Happened::Pursued,
        Happened::WentSilent,
        Happened::TalkDerailed,
        Happened::Reconnected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Happened::Withdrew => "withdrew",
            Happened::Pursued => "pursued",
            Happened::WentSilent => "went silent",
            Happened::TalkDerailed => "a talk derailed",
            Happened::Reconnected => "reconnected",
        }
    }

    /// Withdrawal and silence: the moments insights look behind.
    pub fn is_distance(self) -> bool {
        matches!(self, Happened::Withdrew | Happened::WentSilent)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatternEntry {
    pub at_ms: Millis,
    pub happened: Happened,
    /// Lowercase, trimmed, distinct.
    pub tags: Vec<String>,
    pub topic: Option<String>,
    /// 1 to 10, as before it happened.
    pub temperature_before: Option<u8>,
    pub note: Option<String>,
}

/// What a person typed, before validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternDraft {
    pub happened: Happened,
    pub tags: Vec<String>,
    pub topic: Option<String>,
    pub temperature_before: Option<u8>,
    pub note: Option<String>,
}

impl PatternEntry {
    fn from_draft(d: &PatternDraft, at_ms: Millis) -> Result<Self> {
        let mut tags = Vec::new();
        for t in &d.tags {
            let t = validate::required_text("tag", t, TAG_MAX_CHARS)?.to_lowercase();
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        let entry = PatternEntry {
            at_ms,
            happened: d.happened,
            tags,
            topic: match &d.topic {
                Some(t) => validate::optional_text("topic", t, TOPIC_MAX_CHARS)?,
                None => None,
            },
            temperature_before: d.temperature_before,
            note: match &d.note {
                Some(n) => validate::optional_text("note", n, NOTE_MAX_CHARS)?,
                None => None,
            },
        };
        entry.validate()?;
        Ok(entry)
    }

    pub fn validate(&self) -> Result<()> {
        if self.tags.len() > MAX_TAGS {
            return Err(Error::invalid(format!("at most {MAX_TAGS} tags per entry")));
        }
        for t in &self.tags {
            validate::required_text("tag", t, TAG_MAX_CHARS)?;
        }
        if let Some(t) = &self.topic {
            validate::required_text("topic", t, TOPIC_MAX_CHARS)?;
        }
        if let Some(n) = &self.note {
            validate::required_text("note", n, NOTE_MAX_CHARS)?;
        }
        if let Some(t) = self.temperature_before
            && !(1..=10).contains(&t)
        {
            return Err(Error::invalid(format!(
                "a temperature is 1 (calm) to 10 (flooded), got {t}"
            )));
        }
        Ok(())
    }
}

pub fn entity(id: &str) -> String {
    format!("{ENTITY_PREFIX}{id}")
}

pub fn entity_id(entity: &str) -> Option<&str> {
    device::entity_id_after(entity, ENTITY_PREFIX)
}

/// Writes an entry to the private log; returns its id.
pub fn write(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    device: DeviceId,
    now: Millis,
    draft: &PatternDraft,
) -> Result<String> {
    crate::schedule::instant(now)?;
    let entry = PatternEntry::from_draft(draft, now)?;
    let id = device::random_entity_id()?;
    sync::record_private(tx, sealer, device, now, entity(&id), Change::Journal(entry))?;
    Ok(id)
}

fn body_slot(id: &str) -> Slot<'_> {
    Slot::new("journal", "body", id)
}

pub fn refold(tx: &Transaction<'_>, sealer: &Sealer, id: &str, ops: &[Op]) -> Result<()> {
    tx.prepare_cached("DELETE FROM journal WHERE id = ?1")?
        .execute([id])?;
    let Some(entry) = ops.iter().find_map(|op| match &op.change {
        Change::Journal(e) => Some(e),
        _ => None,
    }) else {
        return Ok(());
    };
    let body = postcard::to_stdvec(entry)
        .map_err(|_| Error::Corrupt("a journal entry does not encode".into()))?;
    tx.prepare_cached("INSERT INTO journal (id, at_ms, body) VALUES (?1, ?2, ?3)")?
        .execute(params![id, entry.at_ms, sealer.seal(body_slot(id), &body)?])?;
    Ok(())
}

/// Entries in `[from, to)`, oldest first, with their ids.
pub fn list(
    conn: &Connection,
    sealer: &Sealer,
    from: Millis,
    to: Millis,
) -> Result<Vec<(String, PatternEntry)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, body FROM journal WHERE at_ms >= ?1 AND at_ms < ?2 ORDER BY at_ms, id",
    )?;
    let rows = stmt.query_map(params![from, to], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, sealed) = row?;
        let body = sealer.open(body_slot(&id), &sealed)?;
        let entry = postcard::from_bytes(&body)
            .map_err(|_| Error::Corrupt("a journal entry does not decode".into()))?;
        out.push((id, entry));
    }
    Ok(out)
}
