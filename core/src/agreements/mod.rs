//! The agreements ledger: mutual agreements both partners chose, with
//! boundaries (boundaries.rs) and pauses (pauses.rs) beside it.
//!
//! - Proposing creates version 1; an amendment is a new version naming its
//!   parent. Its author accepts a version by writing it.
//! - A version is in effect once both partners accepted it; an acceptance
//!   names the version's content hash, so it binds to the exact text.
//! - Versions waiting for an answer are the ones built on the version in
//!   effect (or, before anything took effect, all of them): concurrent
//!   amendments by both partners both wait, side by side, until one is
//!   accepted; the other is then superseded, never merged or overwritten.
//! - Either partner withdraws consent alone, at any time, without a reason:
//!   the agreement stops being in effect for both, for good.
//! - Every step is an entry in a hash-chained history (history.rs).

pub mod boundaries;
pub mod change;
pub mod describe;
pub mod history;
pub mod pauses;
pub mod terms;

use chrono::NaiveDate;
use rusqlite::{Connection, Transaction, params};
use serde::{Deserialize, Serialize};

use crate::capability::{self, Capability};
use crate::catalog::Arg;
use crate::change::{Change, Kind};
use crate::clock::Millis;
use crate::device::{self, DeviceId};
use crate::error::{Error, Result};
use crate::schedule;
use crate::stopped;
use crate::store::{Sealer, Slot};
use crate::sync::log::EntityOps;
use crate::sync::{self, Op};
use crate::tell::{News, Teller};

pub use boundaries::change::BoundaryChange;
pub use change::AgreementChange;
pub use pauses::change::PauseChange;
pub use terms::{
    AgreementDraft, Hash, MAX_COOL_DOWN_MINUTES, MAX_REVIEW_DAYS, MIN_COOL_DOWN_MINUTES,
    PauseProtocol, REVISIT_MAX_CHARS, TEXT_MAX_CHARS, TITLE_MAX_CHARS, Terms,
};

const ENTITY_PREFIX: &str = "agreement:";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AgreementStatus {
    /// Nothing in effect yet; a version waits for an answer (never a failure).
    Proposed,
    /// A version both accepted is in effect (amendments may wait beside it).
    Active,
    /// Every version was declined before any took effect.
    Declined,
    /// A partner withdrew consent; the history keeps what was agreed.
    Withdrawn,
}

impl AgreementStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AgreementStatus::Proposed => "proposed",
            AgreementStatus::Active => "active",
            AgreementStatus::Declined => "declined",
            AgreementStatus::Withdrawn => "withdrawn",
        }
    }
}

/// One version and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    pub hash: Hash,
    pub terms: Terms,
    pub author: DeviceId,
    pub at_ms: Millis,
    /// Devices that accepted this exact version (its author first).
    pub accepted_by: Vec<DeviceId>,
    pub declined: bool,
}

/// What the ops of one agreement add up to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    pub id: String,
    pub proposed_by: DeviceId,
    pub proposed_at_ms: Millis,
    pub status: AgreementStatus,
    /// Every version, oldest first.
    pub versions: Vec<Version>,
    pub in_effect: Option<Hash>,
    /// Versions kept at a review (their review is done).
    pub kept: Vec<Hash>,
    pub withdrawn: Option<(DeviceId, Millis)>,
}

impl Agreement {
    pub fn version(&self, hash: &Hash) -> Option<&Version> {
        self.versions.iter().find(|v| v.hash == *hash)
    }

    pub fn in_effect(&self) -> Option<&Version> {
        self.in_effect.as_ref().and_then(|h| self.version(h))
    }

    /// Versions waiting for an answer: built on the version in effect (or,
    /// before one took effect, all), not declined, not withdrawn.
    pub fn pending(&self) -> Vec<&Version> {
        if self.withdrawn.is_some() {
            return Vec::new();
        }
        self.versions
            .iter()
            .filter(|v| !v.declined && Some(v.hash) != self.in_effect)
            .filter(|v| match self.in_effect {
                Some(active) => v.terms.parent == Some(active),
                None => true,
            })
            .collect()
    }

    /// Whether `v` waits for `device`'s answer: it is pending, `device` did
    /// not accept it, and did not answer it with an amendment of its own
    /// (that amendment waits for the partner instead).
    pub fn awaits(&self, v: &Version, device: DeviceId) -> bool {
        let pending = self.pending();
        pending.iter().any(|p| p.hash == v.hash)
            && !v.accepted_by.contains(&device)
            && !pending
                .iter()
                .any(|w| w.author == device && w.terms.parent == Some(v.hash))
    }

    /// Whether some version waits for `device`'s answer.
    pub fn waiting_for(&self, device: DeviceId) -> bool {
        self.pending().iter().any(|v| self.awaits(v, device))
    }

    /// The version to show: the one in effect, else the newest waiting.
    pub fn shown(&self) -> Option<&Version> {
        self.in_effect()
            .or_else(|| self.pending().last().copied())
            .or(self.versions.last())
    }

    /// Whether its review date arrived (`today` on this device), the
    /// version in effect was not yet kept at a review, and no new version
    /// (an amendment at the review, say) already waits for an answer.
    pub fn review_due(&self, today: NaiveDate) -> bool {
        self.status == AgreementStatus::Active
            && self.pending().is_empty()
            && self.in_effect().is_some_and(|v| {
                v.terms.review_on.is_some_and(|d| d <= today) && !self.kept.contains(&v.hash)
            })
    }
}

pub fn entity(id: &str) -> String {
    format!("{ENTITY_PREFIX}{id}")
}

pub fn entity_id(entity: &str) -> Option<&str> {
    device::entity_id_after(entity, ENTITY_PREFIX)
}

/// Folds one agreement's ops (in fold order); `None` until its proposal
/// arrived. Also returns the history events, in order.
pub fn fold(id: &str, ops: &[Op]) -> Option<(Agreement, Vec<history::Event>)> {
    let changes: Vec<(&Op, &AgreementChange)> = ops
        .iter()
        .filter_map(|op| match &op.change {
            Change::Agreement(c) => Some((op, c)),
            _ => None,
        })
        .collect();
    let (founding, terms) = changes.iter().find_map(|(op, c)| match c {
        AgreementChange::Proposed(t) => Some((*op, t)),
        _ => None,
    })?;
    let mut a = Agreement {
        id: id.to_owned(),
        proposed_by: founding.device,
        proposed_at_ms: founding.hlc.wall_ms,
        status: AgreementStatus::Proposed,
        versions: vec![Version {
            hash: terms.hash(),
            terms: terms.clone(),
            author: founding.device,
            at_ms: founding.hlc.wall_ms,
            accepted_by: vec![founding.device],
            declined: false,
        }],
        in_effect: None,
        kept: Vec::new(),
        withdrawn: None,
    };
    let mut events = vec![history::Event::new(
        history::Kind::Proposed,
        founding,
        Some(a.versions[0].hash),
        Some(terms.clone()),
    )];
    for (op, change) in changes
        .iter()
        .filter(|(op, _)| op.order_key() > founding.order_key())
    {
        if a.withdrawn.is_some() {
            break;
        }
        let pending: Vec<Hash> = a.pending().iter().map(|v| v.hash).collect();
        let event = match change {
            AgreementChange::Proposed(_) => None,
            AgreementChange::Amended(t) => {
                let hash = t.hash();
                let parent_known = t.parent.is_some_and(|p| a.version(&p).is_some());
                if parent_known && a.version(&hash).is_none() {
                    a.versions.push(Version {
                        hash,
                        terms: t.clone(),
                        author: op.device,
                        at_ms: op.hlc.wall_ms,
                        accepted_by: vec![op.device],
                        declined: false,
                    });
                    Some((history::Kind::Amended, Some(hash), Some(t.clone())))
                } else {
                    None
                }
            }
            AgreementChange::Accepted { version } if pending.contains(version) => {
                let v = a.versions.iter_mut().find(|v| v.hash == *version)?;
                if v.accepted_by.contains(&op.device) {
                    None
                } else {
                    v.accepted_by.push(op.device);
                    if v.accepted_by.len() >= 2 {
                        a.in_effect = Some(*version);
                    }
                    Some((history::Kind::Accepted, Some(*version), None))
                }
            }
            AgreementChange::Declined { version } if pending.contains(version) => {
                let v = a.versions.iter_mut().find(|v| v.hash == *version)?;
                if v.author == op.device {
                    None
                } else {
                    v.declined = true;
                    Some((history::Kind::Declined, Some(*version), None))
                }
            }
            AgreementChange::Withdrawn => {
                a.withdrawn = Some((op.device, op.hlc.wall_ms));
                a.in_effect = None;
                Some((history::Kind::Withdrawn, None, None))
            }
            AgreementChange::Kept { version }
                if a.in_effect == Some(*version) && !a.kept.contains(version) =>
            {
                a.kept.push(*version);
                Some((history::Kind::Kept, Some(*version), None))
            }
            _ => None,
        };
        if let Some((kind, version, terms)) = event {
            events.push(history::Event::new(kind, op, version, terms));
        }
    }
    a.status = if a.withdrawn.is_some() {
        AgreementStatus::Withdrawn
    } else if a.in_effect.is_some() {
        AgreementStatus::Active
    } else if a.pending().is_empty() {
        AgreementStatus::Declined
    } else {
        AgreementStatus::Proposed
    };
    Some((a, events))
}

fn state_slot(id: &str) -> Slot<'_> {
    Slot::new("agreements", "state", id)
}

/// Rebuilds one agreement's row and its history from its ops.
fn refold(tx: &Transaction<'_>, sealer: &Sealer, id: &str, ops: &[Op]) -> Result<()> {
    tx.prepare_cached("DELETE FROM agreements WHERE id = ?1")?
        .execute([id])?;
    let Some((a, events)) = fold(id, ops) else {
        history::store(tx, sealer, id, &[])?;
        return Ok(());
    };
    let state = postcard::to_stdvec(&a)
        .map_err(|_| Error::Corrupt("an agreement does not encode".into()))?;
    let founding_logical = ops
        .iter()
        .find(|op| matches!(op.change, Change::Agreement(AgreementChange::Proposed(_))))
        .map(|op| op.hlc.logical)
        .unwrap_or(0);
    tx.prepare_cached(
        "INSERT INTO agreements (id, proposed_by, proposed_at_ms, hlc_logical, status, state)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        id,
        a.proposed_by.0.as_slice(),
        a.proposed_at_ms,
        founding_logical,
        a.status.as_str(),
        sealer.seal(state_slot(id), &state)?
    ])?;
    history::store(tx, sealer, id, &events)
}

const SELECT: &str = "SELECT id, state FROM agreements";

pub fn list(conn: &Connection, sealer: &Sealer) -> Result<Vec<Agreement>> {
    read(conn, sealer, SELECT, None)
}

/// The agreements in effect, in `list`'s order: all a reminder plan
/// reminds of (a review), without opening every declined or withdrawn
/// one a couple wrote over the years.
pub fn active(conn: &Connection, sealer: &Sealer) -> Result<Vec<Agreement>> {
    read_where(conn, sealer, "status = 'active'")
}

/// The agreements still in play (proposed or active), in `list`'s order:
/// all Today shows, as an invitation or a review. A declined or withdrawn
/// one never waits for an answer (`pending` is empty once it is either)
/// and is never reviewed, so Today does not open the ones a couple ended
/// over the years.
pub fn in_play(conn: &Connection, sealer: &Sealer) -> Result<Vec<Agreement>> {
    read_where(conn, sealer, "status = 'proposed' OR status = 'active'")
}

/// The agreements whose row matches `condition` (on `status`, in the
/// clear), in `list`'s order.
fn read_where(conn: &Connection, sealer: &Sealer, condition: &str) -> Result<Vec<Agreement>> {
    read(conn, sealer, &format!("{SELECT} WHERE {condition}"), None)
}

pub fn get(conn: &Connection, sealer: &Sealer, id: &str) -> Result<Agreement> {
    read(conn, sealer, SELECT, Some(id))?
        .pop()
        .ok_or_else(|| Error::not_found("no agreement has this id"))
}

fn read(
    conn: &Connection,
    sealer: &Sealer,
    select: &str,
    id: Option<&str>,
) -> Result<Vec<Agreement>> {
    let rows = crate::store::rows_by_id(
        conn,
        select,
        "proposed_at_ms, hlc_logical, proposed_by, id",
        id,
        |r| Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?)),
    )?;
    let mut out = Vec::new();
    for (id, sealed) in rows {
        let bytes = sealer.open(state_slot(&id), &sealed)?;
        out.push(
            postcard::from_bytes(&bytes)
                .map_err(|_| Error::Corrupt("a stored agreement does not decode".into()))?,
        );
    }
    Ok(out)
}

pub(crate) fn today(now: Millis) -> Result<NaiveDate> {
    schedule::earliest_today(now)
}

impl Agreement {
    /// The version an amendment builds on by default: the one in effect,
    /// else the newest waiting (never a withdrawn or declined one).
    pub fn amendable(&self) -> Option<&Version> {
        if matches!(
            self.status,
            AgreementStatus::Withdrawn | AgreementStatus::Declined
        ) {
            return None;
        }
        self.in_effect().or_else(|| self.pending().last().copied())
    }

    /// The version named by `prefix`, a unique prefix of its content hash
    /// (at least 8 hex characters, as printed) among this agreement's
    /// versions.
    pub fn resolve_version(&self, prefix: &str) -> Result<Hash> {
        crate::version_id::resolve(prefix, "agreement", self.versions.iter().map(|v| &v.hash))
    }
}

pub fn propose(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    device: DeviceId,
    now: Millis,
    draft: &AgreementDraft,
) -> Result<String> {
    let terms = Terms::from_draft(draft, None, today(now)?, None)?;
    let id = device::new_entity_id(now)?;
    record(
        tx,
        sealer,
        device,
        now,
        &id,
        AgreementChange::Proposed(terms),
    )?;
    Ok(id)
}

fn live(a: &Agreement) -> Result<()> {
    match a.status {
        AgreementStatus::Withdrawn => Err(Error::not_allowed(
            "this agreement was withdrawn; propose a new one instead",
        )),
        AgreementStatus::Declined => Err(Error::not_allowed(
            "this agreement was declined; propose a new one instead",
        )),
        _ => Ok(()),
    }
}

/// Proposes a new version built on `parent` (the version in effect, or one
/// waiting when none is); returns the new version's hash.
pub fn amend(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    device: DeviceId,
    now: Millis,
    id: &str,
    parent: &Hash,
    draft: &AgreementDraft,
) -> Result<Hash> {
    let a = get(tx, sealer, id)?;
    live(&a)?;
    let base_ok = match a.in_effect {
        Some(active) => active == *parent,
        None => a.pending().iter().any(|v| v.hash == *parent),
    };
    if !base_ok {
        return Err(Error::not_allowed(
            "this version was superseded; amend the one in effect",
        ));
    }
    let carried = a.version(parent).and_then(|p| p.terms.review_on);
    let terms = Terms::from_draft(draft, Some(*parent), today(now)?, carried)?;
    let hash = terms.hash();
    let same_as_parent = a.version(parent).is_some_and(|p| {
        Terms {
            parent: Some(*parent),
            ..p.terms.clone()
        } == terms
    });
    if same_as_parent {
        return Err(Error::not_allowed("this amendment changes nothing"));
    }
    if a.version(&hash).is_some() {
        return Err(Error::not_allowed("this exact version already exists"));
    }
    record(tx, sealer, device, now, id, AgreementChange::Amended(terms))?;
    Ok(hash)
}

/// Checks `version` waits for this device's answer.
fn answerable(a: &Agreement, device: DeviceId, version: &Hash) -> Result<()> {
    live(a)?;
    let Some(v) = a.version(version) else {
        return Err(Error::not_allowed(
            "no version of this agreement has this content hash; it may have changed, so look again",
        ));
    };
    if a.in_effect == Some(*version) {
        return Err(Error::not_allowed("this version is already in effect"));
    }
    if v.declined {
        return Err(Error::not_allowed("this version was declined"));
    }
    if !a.pending().iter().any(|p| p.hash == *version) {
        return Err(Error::not_allowed(
            "this version was superseded by another one both of you accepted",
        ));
    }
    if v.author == device {
        return Err(Error::not_allowed(
            "this is your own proposal; it waits for your partner's answer",
        ));
    }
    if v.accepted_by.contains(&device) {
        return Err(Error::not_allowed("you already accepted this version"));
    }
    Ok(())
}

/// Accepts (or declines) exactly the version with this hash, after
/// checking it waits for this device's answer.
pub fn answer(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    device: DeviceId,
    now: Millis,
    id: &str,
    version: &Hash,
    accept: bool,
) -> Result<()> {
    answerable(&get(tx, sealer, id)?, device, version)?;
    let version = *version;
    let change = if accept {
        AgreementChange::Accepted { version }
    } else {
        AgreementChange::Declined { version }
    };
    record(tx, sealer, device, now, id, change)
}

/// Withdraws consent: alone, at any time, no reason needed.
pub fn withdraw(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    device: DeviceId,
    now: Millis,
    id: &str,
) -> Result<()> {
    live(&get(tx, sealer, id)?)?;
    record(tx, sealer, device, now, id, AgreementChange::Withdrawn)
}

/// How a review ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Review {
    /// Keep it as it is; the review is done.
    Keep,
    /// A new version (with, perhaps, a new review date), for both to accept.
    Amend(Box<AgreementDraft>),
    /// Let it go: consent withdrawn.
    LetGo,
}

pub fn review(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    device: DeviceId,
    now: Millis,
    id: &str,
    outcome: &Review,
) -> Result<()> {
    let a = get(tx, sealer, id)?;
    live(&a)?;
    let Some(active) = a.in_effect() else {
        return Err(Error::not_allowed(
            "only an agreement in effect is reviewed; this one waits for an answer",
        ));
    };
    let hash = active.hash;
    match outcome {
        Review::Keep => {
            if active.terms.review_on.is_none() {
                return Err(Error::not_allowed("this agreement has no review date"));
            }
            if a.kept.contains(&hash) {
                return Err(Error::not_allowed(
                    "this version was already kept at a review",
                ));
            }
            record(
                tx,
                sealer,
                device,
                now,
                id,
                AgreementChange::Kept { version: hash },
            )
        }
        Review::Amend(draft) => amend(tx, sealer, device, now, id, &hash, draft).map(|_| ()),
        Review::LetGo => withdraw(tx, sealer, device, now, id),
    }
}

fn record(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    device: DeviceId,
    now: Millis,
    id: &str,
    change: AgreementChange,
) -> Result<()> {
    sync::record(
        tx,
        sealer,
        &Agreements,
        device,
        now,
        entity(id),
        Change::Agreement(change),
    )?;
    Ok(())
}

/// The pause protocol in effect, if an agreement in effect has one (the
/// most recently proposed such agreement wins).
pub fn pause_protocol(conn: &Connection, sealer: &Sealer) -> Result<Option<PauseProtocol>> {
    Ok(list(conn, sealer)?
        .iter()
        .rev()
        .find_map(|a| a.in_effect().and_then(|v| v.terms.pause_protocol.clone())))
}

/// The agreements ledger as a capability: shared, and withdrawn here when
/// this phone stops it after unpairing.
pub struct Agreements;

impl Capability for Agreements {
    fn news(
        &self,
        conn: &Connection,
        sealer: &Sealer,
        op: &Op,
        teller: &Teller,
    ) -> Result<Option<News>> {
        let (Change::Agreement(c), Some(id)) = (&op.change, entity_id(&op.entity)) else {
            return Ok(None);
        };
        let a = get(conn, sealer, id)?;
        let title_of = |hash: Option<&Hash>| {
            hash.and_then(|h| a.version(h))
                .or_else(|| a.in_effect())
                .or_else(|| a.versions.last())
                .map(|v| v.terms.title.clone())
                .unwrap_or_default()
        };
        let (id, title) = match c {
            AgreementChange::Proposed(t) => ("news-agreement-proposed", t.title.clone()),
            AgreementChange::Amended(t) => ("news-agreement-amended", t.title.clone()),
            AgreementChange::Accepted { version } => {
                ("news-agreement-accepted", title_of(Some(version)))
            }
            AgreementChange::Declined { version } => {
                ("news-agreement-declined", title_of(Some(version)))
            }
            AgreementChange::Withdrawn => ("news-agreement-withdrawn", title_of(None)),
            AgreementChange::Kept { version } => ("news-agreement-kept", title_of(Some(version))),
        };
        Ok(Some(teller.tell(
            &op.entity,
            id,
            &[("title", Arg::Str(&title))],
        )))
    }

    fn kind(&self) -> Kind {
        Kind::Agreement
    }

    fn owns(&self, entity: &str) -> bool {
        entity_id(entity).is_some()
    }

    fn validate(&self, op: &Op) -> Result<()> {
        let Change::Agreement(c) = &op.change else {
            return Err(capability::not_mine());
        };
        entity_id(&op.entity)
            .ok_or_else(|| Error::invalid("an agreement op names something else"))?;
        c.validate()
    }

    fn refold(&self, tx: &Transaction<'_>, sealer: &Sealer, ops: &EntityOps<'_>) -> Result<()> {
        let entity = ops.entity();
        let Some(id) = entity_id(entity) else {
            return Ok(());
        };
        let me = crate::store::read_device(tx)?;
        let ops = stopped::with_stop(tx, entity, ops.shared()?, |_, _| {
            (me, Change::Agreement(AgreementChange::Withdrawn))
        })?;
        refold(tx, sealer, id, &ops)
    }

    fn dump(&self, conn: &Connection, sealer: &Sealer) -> Result<String> {
        let mut out = String::new();
        for a in list(conn, sealer)? {
            out.push_str(&format!("agreement {a:?}\n"));
            let h = history::read(conn, sealer, &a.id)?;
            out.push_str(&format!("history {}\n", hex::encode(h.head)));
        }
        Ok(out)
    }
}
