//! An agreement's history as a tamper-evident chain: every step (proposed,
//! amended, accepted, declined, withdrawn, kept) is an entry that commits to
//! the hash of the one before. Both phones fold the same ops in the same
//! order, so both hold the same chain and the same head: a fingerprint of
//! the whole ledger the two can compare. Reading checks every link.

use rusqlite::{Connection, Transaction, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::agreements::terms::{Hash, Terms};
use crate::clock::Millis;
use crate::device::DeviceId;
use crate::error::{Error, Result};
use crate::store::{Sealer, Slot};
use crate::sync::Op;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    Proposed,
    Amended,
    Accepted,
    Declined,
    Withdrawn,
    Kept,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Proposed => "proposed",
            Kind::Amended => "amended",
            Kind::Accepted => "accepted",
            Kind::Declined => "declined",
            Kind::Withdrawn => "withdrawn",
            Kind::Kept => "kept",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "proposed" => Kind::Proposed,
            "amended" => Kind::Amended,
            "accepted" => Kind::Accepted,
            "declined" => Kind::Declined,
            "withdrawn" => Kind::Withdrawn,
            "kept" => Kind::Kept,
            _ => return None,
        })
    }
}

/// One step, as the chain commits to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub kind: Kind,
    pub by: DeviceId,
    pub at_ms: Millis,
    pub version: Option<Hash>,
    /// What a proposed or amended version says.
    pub terms: Option<Terms>,
}

impl Event {
    pub fn new(kind: Kind, op: &Op, version: Option<Hash>, terms: Option<Terms>) -> Self {
        Event {
            kind,
            by: op.device,
            at_ms: op.hlc.wall_ms,
            version,
            terms,
        }
    }
}

/// An entry: the event, the previous entry's hash, and its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub event: Event,
    pub prev: [u8; 32],
    pub hash: [u8; 32],
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    pub entries: Vec<Entry>,
    /// The last entry's hash (all zeros for no entries).
    pub head: [u8; 32],
}

fn link(prev: &[u8; 32], event: &Event) -> Result<[u8; 32]> {
    let body = postcard::to_stdvec(event)
        .map_err(|_| Error::Corrupt("a history entry does not encode".into()))?;
    let mut h = Sha256::new();
    h.update(b"tandem/agreement-history/v1");
    h.update(prev);
    h.update((body.len() as u32).to_be_bytes());
    h.update(&body);
    Ok(h.finalize().into())
}

fn terms_key(agreement: &str, seq: usize) -> String {
    format!("{agreement}:{seq}")
}

/// Rewrites one agreement's chain from its events.
pub fn store(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    agreement: &str,
    events: &[Event],
) -> Result<()> {
    tx.prepare_cached("DELETE FROM agreement_history WHERE agreement_id = ?1")?
        .execute([agreement])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO agreement_history (agreement_id, seq, kind, by_device, at_ms, version, terms, prev, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    let mut prev = [0u8; 32];
    for (seq, event) in events.iter().enumerate() {
        let hash = link(&prev, event)?;
        let terms = match &event.terms {
            Some(t) => {
                let bytes = postcard::to_stdvec(t)
                    .map_err(|_| Error::Corrupt("terms do not encode".into()))?;
                let key = terms_key(agreement, seq);
                Some(sealer.seal(Slot::new("agreement_history", "terms", &key), &bytes)?)
            }
            None => None,
        };
        insert.execute(params![
            agreement,
            seq as i64,
            event.kind.as_str(),
            event.by.0.as_slice(),
            event.at_ms,
            event.version.map(|v| v.to_vec()),
            terms,
            prev.as_slice(),
            hash.as_slice()
        ])?;
        prev = hash;
    }
    Ok(())
}

/// Reads one agreement's chain and checks every link; an altered entry is a
/// clear error naming where the chain breaks.
pub fn read(conn: &Connection, sealer: &Sealer, agreement: &str) -> Result<History> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, kind, by_device, at_ms, version, terms, prev, hash
         FROM agreement_history WHERE agreement_id = ?1 ORDER BY seq",
    )?;
    let rows = stmt.query_map([agreement], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Vec<u8>>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, Option<Vec<u8>>>(4)?,
            r.get::<_, Option<Vec<u8>>>(5)?,
            r.get::<_, Vec<u8>>(6)?,
            r.get::<_, Vec<u8>>(7)?,
        ))
    })?;
    let broken = |n: usize, what: &str| {
        Error::Corrupt(format!(
            "the agreement's history fails its chain check at entry {}: {what}; the stored history was altered",
            n + 1
        ))
    };
    let mut entries = Vec::new();
    let mut expected_prev = [0u8; 32];
    for (n, row) in rows.enumerate() {
        let (seq, kind, by, at_ms, version, terms, prev, hash) = row?;
        if seq != n as i64 {
            return Err(broken(n, "an entry is missing or out of order"));
        }
        let kind = Kind::parse(&kind).ok_or_else(|| broken(n, "an unknown kind of step"))?;
        let version = match version {
            Some(v) => {
                Some(<Hash>::try_from(v.as_slice()).map_err(|_| broken(n, "a malformed version"))?)
            }
            None => None,
        };
        let terms = match terms {
            Some(sealed) => {
                let key = terms_key(agreement, n);
                let bytes = sealer
                    .open(Slot::new("agreement_history", "terms", &key), &sealed)
                    .map_err(|_| broken(n, "its text does not open"))?;
                Some(
                    postcard::from_bytes::<Terms>(&bytes)
                        .map_err(|_| broken(n, "its text does not decode"))?,
                )
            }
            None => None,
        };
        let event = Event {
            kind,
            by: DeviceId::from_slice(&by).map_err(|_| broken(n, "a malformed device"))?,
            at_ms,
            version,
            terms,
        };
        if prev.as_slice() != expected_prev {
            return Err(broken(n, "it does not point at the entry before it"));
        }
        let computed = link(&expected_prev, &event)?;
        if hash.as_slice() != computed {
            return Err(broken(n, "its content does not match its hash"));
        }
        entries.push(Entry {
            event,
            prev: expected_prev,
            hash: computed,
        });
        expected_prev = computed;
    }
    Ok(History {
        head: expected_prev,
        entries,
    })
}
