//! Check-ins, appreciations and repair attempts: small logged facts, each
//! recorded once and never edited (append-only, like marks).
//!
//! A check-in or a repair is shared or private, as its author chooses per
//! entry; a private one goes to the private log and never leaves the phone.
//! An appreciation is to the partner, so it is always shared.

use rusqlite::{Connection, Transaction, params};
use serde::{Deserialize, Serialize};

use crate::clock::Millis;
use crate::device::{self, DeviceId};
use crate::error::{Error, Result};
use crate::store::{Sealer, Slot};
use crate::sync::{self, Change, Op};
use crate::validate;

pub const NOTE_MAX_CHARS: usize = 500;
pub const APPRECIATION_MAX_CHARS: usize = 280;
const ENTITY_PREFIX: &str = "entry:";

/// How much room there is today ("bandwidth").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Capacity {
    Low,
    Some,
    Plenty,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Need {
    Space,
    Closeness,
    Reassurance,
    PracticalHelp,
    NothingRightNow,
}

impl Need {
    pub const ALL: [Need; 5] = [
        Need::Space,
        Need::Closeness,
        Need::Reassurance,
        Need::PracticalHelp,
        Need::NothingRightNow,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Need::Space => "space",
            Need::Closeness => "closeness",
            Need::Reassurance => "reassurance",
            Need::PracticalHelp => "practical help",
            Need::NothingRightNow => "nothing right now",
        }
    }

    /// From its name ("space", "practical-help", "practical help", …).
    pub fn parse(text: &str) -> Result<Self> {
        let key = text.trim().to_lowercase().replace(['-', '_'], " ");
        Need::ALL
            .into_iter()
            .find(|n| n.as_str() == key)
            .ok_or_else(|| {
                Error::invalid(
                    "a need is one of: space, closeness, reassurance, practical help, nothing right now",
                )
            })
    }
}

/// A small act after tension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RepairAct {
    /// Checked in after a tense moment.
    CheckedIn,
    Apologised,
    Touch,
    Joke,
    /// Asked for a pause and came back.
    CameBackFromPause,
    Other,
}

impl RepairAct {
    /// How the act reads in a sentence ("repair: came back from a pause").
    pub fn words(self) -> &'static str {
        match self {
            RepairAct::CheckedIn => "checked in after a tense moment",
            RepairAct::Apologised => "apologised",
            RepairAct::Touch => "a touch",
            RepairAct::Joke => "a joke",
            RepairAct::CameBackFromPause => "came back from a pause",
            RepairAct::Other => "another repair",
        }
    }
}

/// The words a 1–10 temperature reads as.
pub fn temperature_words(t: u8) -> &'static str {
    match t {
        1..=2 => "calm",
        3..=4 => "settled",
        5..=6 => "stirred",
        7..=8 => "heated",
        _ => "flooded",
    }
}

/// A check-in's temperature: 1 (calm) to 10 (flooded).
pub fn check_temperature(t: u8) -> Result<()> {
    if (1..=10).contains(&t) {
        Ok(())
    } else {
        Err(Error::invalid(format!(
            "a temperature is 1 (calm) to 10 (flooded), got {t}"
        )))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Entry {
    CheckIn {
        /// 1 (calm) to 10 (flooded).
        temperature: u8,
        capacity: Capacity,
        need: Need,
        note: Option<String>,
    },
    Appreciation {
        text: String,
    },
    Repair {
        act: RepairAct,
        note: Option<String>,
        /// Whether it seemed received, if the author noted it.
        received: Option<bool>,
    },
    /// The couple's own phrase for the phrasebook.
    Phrase {
        situation: crate::phrases::Situation,
        text: String,
    },
}

impl Entry {
    pub fn kind(&self) -> &'static str {
        match self {
            Entry::CheckIn { .. } => "checkin",
            Entry::Appreciation { .. } => "appreciation",
            Entry::Repair { .. } => "repair",
            Entry::Phrase { .. } => "phrase",
        }
    }

    /// Checks an entry, from this person or from the partner's device.
    pub fn validate(&self) -> Result<()> {
        match self {
            Entry::CheckIn {
                temperature, note, ..
            } => {
                check_temperature(*temperature)?;
                check_note(note)
            }
            Entry::Appreciation { text } => {
                validate::required_text("appreciation", text, APPRECIATION_MAX_CHARS).map(|_| ())
            }
            Entry::Repair { note, .. } => check_note(note),
            Entry::Phrase { text, .. } => {
                validate::required_text("phrase", text, crate::phrases::PHRASE_MAX_CHARS)
                    .map(|_| ())
            }
        }
    }

    /// Trims texts; empty notes become none.
    fn normalized(self) -> Result<Self> {
        let note = |n: Option<String>| -> Result<Option<String>> {
            match n {
                Some(n) => validate::optional_text("note", &n, NOTE_MAX_CHARS),
                None => Ok(None),
            }
        };
        Ok(match self {
            Entry::CheckIn {
                temperature,
                capacity,
                need,
                note: n,
            } => Entry::CheckIn {
                temperature,
                capacity,
                need,
                note: note(n)?,
            },
            Entry::Appreciation { text } => Entry::Appreciation {
                text: validate::required_text("appreciation", &text, APPRECIATION_MAX_CHARS)?,
            },
            Entry::Repair {
                act,
                note: n,
                received,
            } => Entry::Repair {
                act,
                note: note(n)?,
                received,
            },
            Entry::Phrase { situation, text } => Entry::Phrase {
                situation,
                text: validate::required_text("phrase", &text, crate::phrases::PHRASE_MAX_CHARS)?,
            },
        })
    }
}

fn check_note(note: &Option<String>) -> Result<()> {
    if let Some(n) = note {
        validate::required_text("note", n, NOTE_MAX_CHARS)?;
    }
    Ok(())
}

/// What an op carries: the entry and when it happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Logged {
    pub at_ms: Millis,
    pub entry: Entry,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub id: String,
    pub author: DeviceId,
    pub at_ms: Millis,
    pub shared: bool,
    pub entry: Entry,
}

pub fn entity(id: &str) -> String {
    format!("{ENTITY_PREFIX}{id}")
}

pub fn entity_id(entity: &str) -> Option<&str> {
    device::entity_id_after(entity, ENTITY_PREFIX)
}

/// Records an entry, shared or private (an appreciation is always shared).
pub fn record(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    device: DeviceId,
    now: Millis,
    entry: Entry,
    shared: bool,
) -> Result<String> {
    let entry = entry.normalized()?;
    entry.validate()?;
    let shared = shared || matches!(entry, Entry::Appreciation { .. });
    crate::schedule::instant(now)?;
    let id = device::random_entity_id()?;
    let change = Change::Entry(Logged { at_ms: now, entry });
    if shared {
        sync::record(tx, sealer, device, now, entity(&id), change)?;
    } else {
        sync::record_private(tx, sealer, device, now, entity(&id), change)?;
    }
    Ok(id)
}

fn body_slot(id: &str) -> Slot<'_> {
    Slot::new("entries", "body", id)
}

/// Rebuilds one entry's row: its first op, from either log, is the entry.
pub fn refold(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    id: &str,
    ops: &[Op],
    shared: bool,
) -> Result<()> {
    tx.prepare_cached("DELETE FROM entries WHERE id = ?1")?
        .execute([id])?;
    let Some((op, logged)) = ops.iter().find_map(|op| match &op.change {
        Change::Entry(l) => Some((op, l)),
        _ => None,
    }) else {
        return Ok(());
    };
    let body = postcard::to_stdvec(&logged.entry)
        .map_err(|_| Error::Corrupt("an entry does not encode".into()))?;
    tx.prepare_cached(
        "INSERT INTO entries (id, kind, author, at_ms, hlc_logical, shared, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        id,
        logged.entry.kind(),
        op.device.0.as_slice(),
        logged.at_ms,
        op.hlc.logical,
        shared,
        sealer.seal(body_slot(id), &body)?
    ])?;
    Ok(())
}

/// Entries in `[from, to)`, oldest first; `kind` narrows to one kind.
pub fn list(
    conn: &Connection,
    sealer: &Sealer,
    from: Millis,
    to: Millis,
    kind: Option<&str>,
) -> Result<Vec<Record>> {
    // A private entry takes the stamp the next shared op will get (private
    // ops never move the shared clock): at a tie it came first, and private
    // entries of one stamp keep the order they were stored in.
    let mut stmt = conn.prepare_cached(
        "SELECT id, author, at_ms, shared, body FROM entries
         WHERE at_ms >= ?1 AND at_ms < ?2 AND (?3 IS NULL OR kind = ?3)
         ORDER BY at_ms, hlc_logical, shared, author, rowid",
    )?;
    let rows = stmt.query_map(params![from, to, kind], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Vec<u8>>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, bool>(3)?,
            r.get::<_, Vec<u8>>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, author, at_ms, shared, sealed) = row?;
        let body = sealer.open(body_slot(&id), &sealed)?;
        out.push(Record {
            entry: postcard::from_bytes(&body)
                .map_err(|_| Error::Corrupt("a stored entry does not decode".into()))?,
            author: DeviceId::from_slice(&author)?,
            at_ms,
            shared,
            id,
        });
    }
    Ok(out)
}

/// The shared entries, for comparing replicas in tests.
pub fn dump(conn: &Connection, sealer: &Sealer) -> Result<String> {
    let mut out = String::new();
    for r in list(conn, sealer, i64::MIN, i64::MAX, None)?
        .into_iter()
        .filter(|r| r.shared)
    {
        out.push_str(&format!(
            "entry {} {} {} {:?}\n",
            r.id, r.author, r.at_ms, r.entry
        ));
    }
    Ok(out)
}
