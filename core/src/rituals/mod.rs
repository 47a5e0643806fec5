//! Rituals: small predictable moments of closeness, invited, never pushed.
//! Every change is an op in its author's log; the `rituals` table is the
//! consent fold of those ops (consent.rs), with every version sealed.

use chrono::{DateTime, NaiveDate};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use crate::capability::{self, Capability};
use crate::catalog::Arg;
use crate::change::{Change, Kind};
use crate::clock::Millis;
use crate::device::{self, DeviceId};
use crate::error::{Error, Result};
use crate::schedule::{self, ZoneMode};
use crate::stopped;
use crate::store::{Sealer, Slot};
use crate::sync::log::{EntityOps, Slice};
use crate::sync::{self, Op};
use crate::tell::{News, Teller};
use crate::zone::Zone;

pub mod change;
pub mod consent;
pub mod describe;
pub mod history;
pub mod marks;
pub mod rest;
pub mod ritual;
pub mod spec;
pub mod timeline;
pub use change::RitualChange;
pub use consent::RitualStatus;
pub use marks::{Mark, MarkStatus};
pub use ritual::{PendingVersion, Ritual};
pub use spec::{
    MAX_LEADS, MAX_MINUTES, MAX_TRIAL_DAYS, PROMPT_MAX_CHARS, RitualDraft, RitualSpec,
    TITLE_MAX_CHARS, Version,
};

/// Upcoming occurrences are asked for at most a year at a time.
pub const MAX_RANGE_MS: i64 = 366 * 24 * 60 * 60 * 1000;

const ENTITY_PREFIX: &str = "ritual:";

/// One occurrence of a ritual. `start` is in the zone the ritual's time is
/// defined in (its fixed zone, or the device's for a floating ritual);
/// `device_zone` is where the device is, for showing the time on its clock.
#[derive(Debug, Clone, PartialEq)]
pub struct Occurrence {
    pub ritual_id: String,
    pub title: String,
    /// When it happens: the scheduled time, or where it was moved this once.
    pub start: DateTime<Zone>,
    pub minutes: u32,
    pub device_zone: Zone,
    /// The local date the recurrence gave it: its key for marks.
    pub date: NaiveDate,
    pub status: MarkStatus,
    pub moved: bool,
    /// In a rest week (shared rituals only): counts as neither kept nor
    /// missed, no reminders.
    pub resting: bool,
    /// Of a personal ritual.
    pub personal: bool,
    /// The notes and feelings left when it was marked done: on a shared
    /// ritual, both partners read both partners' words.
    pub said: Vec<marks::Said>,
}

impl Occurrence {
    /// The start as this device's clock shows it.
    pub fn device_start(&self) -> DateTime<Zone> {
        self.start.with_timezone(&self.device_zone)
    }

    pub fn start_ms(&self) -> Millis {
        self.start.timestamp_millis()
    }

    pub fn end_ms(&self) -> Millis {
        self.start_ms() + i64::from(self.minutes) * 60_000
    }
}

/// Personal rituals' ids: "p" and 24 hex digits, so they can never be
/// mistaken for (or forged as) a shared one.
const PERSONAL_MARK: &str = "p";

pub fn entity(id: &str) -> String {
    format!("{ENTITY_PREFIX}{id}")
}

fn is_entity_hex(id: &str) -> bool {
    device::is_entity_id(id)
}

/// The shared ritual id an op's entity names, if it names a well-formed one.
pub fn entity_id(entity: &str) -> Option<&str> {
    let id = entity.strip_prefix(ENTITY_PREFIX)?;
    is_entity_hex(id).then_some(id)
}

/// Whether `id` is a personal ritual's (shared ones are hex alone).
pub fn is_personal_id(id: &str) -> bool {
    id.starts_with(PERSONAL_MARK)
}

/// The personal ritual id a private op's entity names, if well-formed.
pub fn personal_entity_id(entity: &str) -> Option<&str> {
    let id = entity.strip_prefix(ENTITY_PREFIX)?;
    id.strip_prefix(PERSONAL_MARK)
        .is_some_and(is_entity_hex)
        .then_some(id)
}

/// Records a change in the log it belongs to: the shared log for a shared
/// ritual, this device's private log for a personal one.
fn record(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    device: DeviceId,
    now: Millis,
    id: &str,
    personal: bool,
    change: RitualChange,
) -> Result<()> {
    let record = if personal {
        sync::record_private
    } else {
        sync::record
    };
    record(
        tx,
        sealer,
        &Rituals,
        device,
        now,
        entity(id),
        Change::Ritual(change),
    )?;
    Ok(())
}

/// Records a proposal (or, for a personal ritual, a ritual active at once)
/// and returns the new ritual's id.
pub fn propose(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    device: DeviceId,
    now: Millis,
    draft: &RitualDraft,
    personal: bool,
) -> Result<String> {
    let change = RitualChange::propose(draft, schedule::earliest_today(now)?)?;
    let hex = device::new_entity_id(now)?;
    let id = if personal {
        format!("{PERSONAL_MARK}{hex}")
    } else {
        hex
    };
    record(tx, sealer, device, now, &id, personal, change)?;
    Ok(id)
}

/// What a person can do to a ritual they did not necessarily propose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Accept,
    Decline,
    Pause,
    Resume,
    Retire,
}

/// Records an answer or a lifecycle change, after checking it makes sense for
/// this device now (the fold would ignore it otherwise, silently).
pub fn act(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    device: DeviceId,
    now: Millis,
    id: &str,
    action: Action,
) -> Result<()> {
    let ritual = get(tx, sealer, id)?;
    let ended = matches!(
        ritual.status,
        RitualStatus::Retired | RitualStatus::Declined
    );
    let change = match action {
        Action::Accept | Action::Decline if ritual.personal => {
            return Err(Error::not_allowed(
                "a personal ritual is yours alone; it needs no answer",
            ));
        }
        Action::Accept | Action::Decline => {
            if ended {
                return Err(Error::not_allowed(format!(
                    "this ritual was {}",
                    ritual.status.as_str()
                )));
            }
            let pending = ritual.pending.as_ref().ok_or_else(|| {
                Error::not_allowed("nothing about this ritual waits for an answer")
            })?;
            if pending.by == device {
                return Err(Error::not_allowed(
                    "this is your own proposal; it waits for your partner's answer",
                ));
            }
            let version = pending.spec.version();
            // Declining a change to a ritual in effect drops the change and
            // keeps the ritual as it was.
            if action == Action::Accept {
                RitualChange::Accepted { version }
            } else {
                RitualChange::Declined { version }
            }
        }
        Action::Pause if ritual.status == RitualStatus::Active => RitualChange::Paused,
        Action::Pause => {
            return Err(Error::not_allowed(format!(
                "only an active ritual can be paused; this one is {}",
                ritual.status.as_str()
            )));
        }
        Action::Resume if ritual.status == RitualStatus::Paused => RitualChange::Resumed,
        Action::Resume => return Err(Error::not_allowed("this ritual is not paused")),
        Action::Retire if ritual.status == RitualStatus::Retired => {
            return Err(Error::not_allowed("this ritual was already retired"));
        }
        Action::Retire => RitualChange::Retired,
    };
    record(tx, sealer, device, now, id, ritual.personal, change)
}

/// Accepts (or declines) exactly `version`, the one this person saw: if
/// the version waiting changed since (a counter arrived), nothing is
/// recorded and the error says to look again.
pub fn answer_version(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    device: DeviceId,
    now: Millis,
    id: &str,
    version: &Version,
    accept: bool,
) -> Result<()> {
    let ritual = get(tx, sealer, id)?;
    let waiting = ritual.pending.as_ref().map(|p| p.spec.version());
    if waiting != Some(*version) {
        return Err(Error::not_allowed(
            if ritual.spec.version() == *version && waiting.is_none() {
                "this version is already in effect; nothing waits for an answer"
            } else {
                "this version no longer waits for an answer; another one came, so look again"
            },
        ));
    }
    let action = if accept {
        Action::Accept
    } else {
        Action::Decline
    };
    act(tx, sealer, device, now, id, action)
}

/// Proposes another version of a ritual ("would tomorrow work better?").
pub fn counter(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    device: DeviceId,
    now: Millis,
    id: &str,
    draft: &RitualDraft,
) -> Result<()> {
    counter_after(tx, sealer, device, now, id, draft, None)
}

/// A counter whose trial, when it has one, must end after `trial_after`
/// (an adjustment's).
fn counter_after(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    device: DeviceId,
    now: Millis,
    id: &str,
    draft: &RitualDraft,
    trial_after: Option<NaiveDate>,
) -> Result<()> {
    let current_trial = get(tx, sealer, id)?.answered_spec().trial_until;
    let today = schedule::earliest_today(now)?;
    let spec = RitualSpec::check_draft(draft, today, current_trial, trial_after)
        .map_err(|p| p[0].error())?;
    change_spec(tx, sealer, device, now, id, spec)
}

/// Records another version: for a shared ritual it waits for the partner's
/// answer beside the one in effect; a personal ritual takes it at once.
fn change_spec(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    device: DeviceId,
    now: Millis,
    id: &str,
    spec: RitualSpec,
) -> Result<()> {
    let ritual = get(tx, sealer, id)?;
    if matches!(
        ritual.status,
        RitualStatus::Retired | RitualStatus::Declined
    ) {
        return Err(Error::not_allowed(format!(
            "this ritual was {}",
            ritual.status.as_str()
        )));
    }
    if ritual.answered_spec() == &spec {
        return Err(Error::invalid(
            "nothing changed: this is the version already there",
        ));
    }
    let change = RitualChange::Countered(spec);
    record(tx, sealer, device, now, id, ritual.personal, change)
}

/// How a gentle experiment's review ends.
#[derive(Debug, Clone, PartialEq)]
pub enum Review {
    /// Keep it as it is, for good: the same version without its trial end
    /// (for a shared ritual, once the partner accepts).
    Keep,
    /// Keep it changed (the draft may carry a new trial end).
    Adjust(Box<RitualDraft>),
    /// Stop it: retired, by either partner alone.
    Stop,
}

pub fn review(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    device: DeviceId,
    now: Millis,
    id: &str,
    outcome: &Review,
) -> Result<()> {
    let ritual = get(tx, sealer, id)?;
    if ritual.spec.trial_until.is_none() {
        return Err(Error::not_allowed(
            "this ritual is not a trial; change it with a counter instead",
        ));
    }
    if !matches!(ritual.status, RitualStatus::Active | RitualStatus::Paused) {
        return Err(Error::not_allowed(format!(
            "only a ritual in effect is reviewed; this one is {}",
            ritual.status.as_str()
        )));
    }
    match outcome {
        Review::Keep => {
            if ritual.pending.is_some() {
                return Err(Error::not_allowed(
                    "a change to this ritual already waits for an answer",
                ));
            }
            let spec = RitualSpec {
                trial_until: None,
                ..ritual.spec
            };
            change_spec(tx, sealer, device, now, id, spec)
        }
        // An adjustment that keeps the trial end that came would be due
        // for review again at once: it ends later, or not at all.
        Review::Adjust(draft) => {
            counter_after(tx, sealer, device, now, id, draft, ritual.spec.trial_until)
        }
        Review::Stop => act(tx, sealer, device, now, id, Action::Retire),
    }
}

fn spec_slot<'a>(id: &'a str, column: &'a str) -> Slot<'a> {
    Slot::new("rituals", column, id)
}

fn seal_spec(sealer: &Sealer, id: &str, column: &str, spec: &RitualSpec) -> Result<Vec<u8>> {
    let bytes =
        postcard::to_stdvec(spec).map_err(|_| Error::Corrupt("a ritual does not encode".into()))?;
    sealer.seal(spec_slot(id, column), &bytes)
}

/// An empty timeline (never in effect: proposed, waiting, declined) is
/// stored as an empty blob, unsealed: it says nothing the status does not,
/// and most rituals a backlog brings are still waiting.
fn seal_timeline(sealer: &Sealer, id: &str, timeline: &[history::Period]) -> Result<Vec<u8>> {
    if timeline.is_empty() {
        return Ok(Vec::new());
    }
    let bytes = postcard::to_stdvec(timeline)
        .map_err(|_| Error::Corrupt("a ritual's timeline does not encode".into()))?;
    sealer.seal(spec_slot(id, "timeline"), &bytes)
}

fn open_timeline(sealer: &Sealer, id: &str, sealed: &[u8]) -> Result<Vec<history::Period>> {
    if sealed.is_empty() {
        return Ok(Vec::new());
    }
    let bytes = sealer.open(spec_slot(id, "timeline"), sealed)?;
    postcard::from_bytes(&bytes)
        .map_err(|_| Error::Corrupt("a stored ritual's timeline does not decode".into()))
}

fn open_spec(sealer: &Sealer, id: &str, column: &str, sealed: &[u8]) -> Result<RitualSpec> {
    let bytes = sealer.open(spec_slot(id, column), sealed)?;
    postcard::from_bytes(&bytes)
        .map_err(|_| Error::Corrupt("a stored ritual does not decode".into()))
}

/// A waiting version as stored, with the version it is compared with.
#[derive(Serialize, Deserialize)]
struct StoredPending {
    spec: RitualSpec,
    base: Option<RitualSpec>,
}

/// A waiting version that is the one shown, with nothing to compare it
/// with (every fresh proposal, until it is answered), is sealed empty: the
/// row holds that spec once, not twice (schema v17). Sealed all the same,
/// under whom it waits on, so a damaged `pending_by` still fails to open.
fn seal_pending(
    sealer: &Sealer,
    id: &str,
    by: DeviceId,
    pending: &StoredPending,
    shown: &RitualSpec,
) -> Result<Vec<u8>> {
    let bytes = if pending.base.is_none() && pending.spec == *shown {
        Vec::new()
    } else {
        postcard::to_stdvec(pending)
            .map_err(|_| Error::Corrupt("a ritual does not encode".into()))?
    };
    sealer.seal(spec_slot(&pending_record(id, &by.0), "pending"), &bytes)
}

/// Set by the v17 migration when rituals had waiting versions, sealed
/// whole before a version that is the one shown was sealed empty.
const PENDING_COMPACT: &str = "pending_compact";

/// Whether `compact_pending` has rows written before v17 to seal again.
pub(crate) fn compact_pending_due(conn: &Connection) -> Result<bool> {
    Ok(crate::store::meta_i64(conn, PENDING_COMPACT, 0)? != 0)
}

/// Seals every waiting version again as `seal_pending` seals it today: one
/// that is the version shown becomes the empty record. Once, at the first
/// open after v17; nothing a person sees changes.
pub(crate) fn compact_pending(tx: &Transaction<'_>, sealer: &Sealer) -> Result<()> {
    if !compact_pending_due(tx)? {
        return Ok(());
    }
    type Row = (String, Vec<u8>, Vec<u8>, Vec<u8>);
    let rows: Vec<Row> = tx
        .prepare("SELECT id, shown, pending, pending_by FROM rituals WHERE pending IS NOT NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, shown, pending, by) in rows {
        let shown = open_spec(sealer, &id, "shown", &shown)?;
        let stored = open_pending(sealer, &id, &by, &pending, &shown)?;
        let by = DeviceId::from_slice(&by)?;
        tx.execute(
            "UPDATE rituals SET pending = ?1 WHERE id = ?2",
            params![seal_pending(sealer, &id, by, &stored, &shown)?, id],
        )?;
    }
    tx.execute("DELETE FROM meta WHERE key = ?1", [PENDING_COMPACT])?;
    Ok(())
}

/// Set by the v18 migration when rituals were folded before their rows
/// kept when they last changed.
const CHANGED_PENDING: &str = "changed_pending";

/// The rituals whose rows wait for when they last changed, as entities to
/// fold again as a whole (`sync::refold_wholes`); `None` once that is done.
pub(crate) fn changed_pending(conn: &Connection) -> Result<Option<Vec<String>>> {
    if crate::store::meta_i64(conn, CHANGED_PENDING, 0)? == 0 {
        return Ok(None);
    }
    let ids: Vec<String> = conn
        .prepare("SELECT id FROM rituals WHERE changed_at_ms IS NULL")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(ids.iter().map(|id| entity(id)).collect()))
}

/// Notes that every row now says when it last changed.
pub(crate) fn changed_filled(tx: &Transaction<'_>) -> Result<()> {
    tx.execute("DELETE FROM meta WHERE key = ?1", [CHANGED_PENDING])?;
    Ok(())
}

/// The record a waiting version is sealed under: the ritual and who it
/// waits on (`pending_by`, stored in the clear beside it), so damage to
/// that column makes the version fail to open instead of silently
/// changing whose answer it waits for.
fn pending_record(id: &str, by: &[u8]) -> String {
    format!("{id}/{}", hex::encode(by))
}

/// Reads a waiting version; a row written before versions carried their
/// base holds the bare spec, and reads with no base until its next refold.
fn open_pending(
    sealer: &Sealer,
    id: &str,
    by: &[u8],
    sealed: &[u8],
    shown: &RitualSpec,
) -> Result<StoredPending> {
    let bytes = sealer.open(spec_slot(&pending_record(id, by), "pending"), sealed)?;
    if bytes.is_empty() {
        return Ok(StoredPending {
            spec: shown.clone(),
            base: None,
        });
    }
    if let Ok(stored) = postcard::from_bytes::<StoredPending>(&bytes) {
        return Ok(stored);
    }
    postcard::from_bytes(&bytes)
        .map(|spec| StoredPending { spec, base: None })
        .map_err(|_| Error::Corrupt("a stored ritual does not decode".into()))
}

/// What the waiting version is compared with: the version in effect, else
/// the newest other version proposed before it (the one it answers).
fn compared_with(ops: &[Op], folded: &consent::Folded) -> Option<RitualSpec> {
    let pending = folded.pending.as_ref()?;
    if let Some(in_effect) = &folded.in_effect {
        return (in_effect.hash != pending.hash).then(|| in_effect.spec.clone());
    }
    let founding = ops
        .iter()
        .position(|op| matches!(op.change, Change::Ritual(RitualChange::Proposed(_))))?;
    ops[founding..]
        .iter()
        .filter(|op| (op.hlc, op.device) < (pending.at, pending.author))
        .filter_map(|op| match &op.change {
            Change::Ritual(RitualChange::Proposed(spec) | RitualChange::Countered(spec)) => {
                Some(spec)
            }
            _ => None,
        })
        .rfind(|spec| spec.version() != pending.hash)
        .cloned()
}

/// Rebuilds one ritual's row and all its marks from its ops (already in
/// fold order).
fn refold(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    id: &str,
    ops: &[Op],
    personal: bool,
) -> Result<()> {
    marks::store(tx, sealer, id, &marks::fold(ops))?;
    refold_row(tx, sealer, id, ops, personal)
}

/// The part of a ritual a mark touches: its occurrence date. Marks are
/// folded date by date (marks.rs), apart from the ritual's consent.
fn mark_part(change: &Change) -> Option<String> {
    match change {
        Change::Ritual(
            RitualChange::Done { date, .. }
            | RitualChange::Skipped { date }
            | RitualChange::Moved { date, .. },
        ) => Some(date.to_string()),
        _ => None,
    }
}

/// Folds again what new ops touched: the ritual's row from the ops that
/// are not marks (the consent fold passes over marks, so it reads the
/// same without them), and each date's mark from that date's ops alone
/// (a mark's fold reads only ops of its date). Equal to `refold` over all.
fn refold_touched(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    id: &str,
    ops: &EntityOps<'_>,
    touched: &capability::Touched,
    personal: bool,
) -> Result<()> {
    let read = |slice: Slice<'_>| -> Result<Vec<Op>> {
        if personal {
            ops.private_slice(slice)
        } else {
            ops.shared_slice(slice)
        }
    };
    if touched.whole {
        let whole = read(Slice::Whole)?;
        let whole = if personal {
            whole
        } else {
            stopped::with_stop(tx, ops.entity(), whole, |founder, _| {
                (founder, Change::Ritual(RitualChange::Retired))
            })?
        };
        refold_row(tx, sealer, id, &whole, personal)?;
    }
    // A stop is no mark: a date's marks fold without it.
    for part in &touched.parts {
        let date = NaiveDate::parse_from_str(part, "%Y-%m-%d")
            .map_err(|_| Error::Corrupt("a mark's part is not a date".into()))?;
        let folded = marks::fold(&read(Slice::Part(part))?);
        marks::store_date(tx, sealer, id, date, folded.get(&date))?;
    }
    Ok(())
}

/// Rebuilds one ritual's row (its consent fold) from its ops.
fn refold_row(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    id: &str,
    ops: &[Op],
    personal: bool,
) -> Result<()> {
    let folded = if personal {
        consent::fold_personal(ops)
    } else {
        consent::fold(ops)
    };
    let Some(folded) = folded else {
        tx.prepare_cached("DELETE FROM rituals WHERE id = ?1")?
            .execute([id])?;
        return Ok(());
    };
    let shown = folded.shown();
    let shown_sealed = seal_spec(sealer, id, "shown", &shown.spec)?;
    let (pending_sealed, pending_by) = match &folded.pending {
        Some(p) => {
            let stored = StoredPending {
                spec: p.spec.clone(),
                base: compared_with(ops, &folded),
            };
            (
                Some(seal_pending(sealer, id, p.author, &stored, &shown.spec)?),
                Some(p.author.0.to_vec()),
            )
        }
        None => (None, None),
    };
    let timeline_sealed = seal_timeline(sealer, id, &folded.timeline)?;
    // The newest op of the ritual as a whole (a full refold passes marks too).
    let changed_at = ops
        .iter()
        .filter(|op| mark_part(&op.change).is_none())
        .map(|op| op.hlc.wall_ms)
        .max()
        .unwrap_or(folded.proposed_at.wall_ms);
    tx.prepare_cached(
        // One statement whether or not the ritual has a row yet: an import
        // folds thousands of rituals that have none.
        "INSERT OR REPLACE INTO rituals (id, proposed_by, proposed_at_ms, hlc_logical, status, shown, pending, pending_by, personal, timeline, changed_at_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        id,
        folded.proposer.0.as_slice(),
        folded.proposed_at.wall_ms,
        folded.proposed_at.logical,
        folded.status.as_str(),
        shown_sealed,
        pending_sealed,
        pending_by,
        personal,
        timeline_sealed,
        changed_at
    ])?;
    Ok(())
}

/// Every ritual in the order it was proposed (the founding op's HLC, then
/// device): the same on both replicas, and stable within one millisecond.
pub fn list(conn: &Connection, sealer: &Sealer) -> Result<Vec<Ritual>> {
    read(conn, sealer, None)
}

/// The rituals in effect (active), in `list`'s order: all a reminder plan
/// fires for. Every ritual read is opened (its versions and timeline
/// decrypted), and a couple's proposals, declined and retired rituals
/// pile up over the years: a plan on every action must not open them.
pub fn active(conn: &Connection, sealer: &Sealer) -> Result<Vec<Ritual>> {
    read_with(conn, sealer, &active_select(), [])
}

/// The rituals still in play (neither declined nor retired), in `list`'s
/// order: what Today shows, occurrences and invitations alike.
pub fn live(conn: &Connection, sealer: &Sealer) -> Result<Vec<Ritual>> {
    read_with(conn, sealer, &live_select(), [])
}

/// The rituals that had occurrences from `since_ms` on: those in effect or
/// paused, in `list`'s order, then those retired since (their last change
/// as a whole came after it; a ritual retired before has nothing left
/// there), the most recently ended first. What counts kept weeks reads:
/// the rituals a couple tried and retired over the years are not opened
/// again, nor read past in the table.
pub fn in_effect_since(
    conn: &Connection,
    sealer: &Sealer,
    since_ms: Millis,
) -> Result<Vec<Ritual>> {
    let mut all = read_with(conn, sealer, &in_effect_select(), [])?;
    all.extend(read_with(
        conn,
        sealer,
        &retired_since_select(),
        [since_ms],
    )?);
    Ok(all)
}

/// The rows of `select` with `args`, opened.
fn read_with<P: rusqlite::Params>(
    conn: &Connection,
    sealer: &Sealer,
    select: &str,
    args: P,
) -> Result<Vec<Ritual>> {
    let rows: Vec<Row> = conn
        .prepare_cached(select)?
        .query_map(args, sealed_row)?
        .collect::<rusqlite::Result<_>>()?;
    open_rows(sealer, rows)
}

/// One ritual by id.
pub fn get(conn: &Connection, sealer: &Sealer, id: &str) -> Result<Ritual> {
    read(conn, sealer, Some(id))?
        .pop()
        .ok_or_else(|| Error::not_found("no ritual has this id"))
}

/// The version a change of one ritual starts from (`Ritual::answered_spec`:
/// the one waiting for an answer, else the one shown) and whether the
/// ritual is personal, without its timeline: a form opens on these alone,
/// and the timeline grows with every pause the ritual ever had.
pub fn answered(conn: &Connection, sealer: &Sealer, id: &str) -> Result<(RitualSpec, bool)> {
    type Row = (Vec<u8>, Option<Vec<u8>>, Option<Vec<u8>>, bool);
    let (shown, pending, by, personal): Row = conn
        .prepare_cached("SELECT shown, pending, pending_by, personal FROM rituals WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?
        .ok_or_else(|| Error::not_found("no ritual has this id"))?;
    let shown = open_spec(sealer, id, "shown", &shown)?;
    Ok(match open_waiting(sealer, id, pending, by, &shown)? {
        Some((waiting, _)) => (waiting.spec, personal),
        None => (shown, personal),
    })
}

/// A row's waiting version with whom it waits on, if it has one.
fn open_waiting(
    sealer: &Sealer,
    id: &str,
    pending: Option<Vec<u8>>,
    by: Option<Vec<u8>>,
    shown: &RitualSpec,
) -> Result<Option<(StoredPending, DeviceId)>> {
    match (pending, by) {
        (Some(p), Some(by)) => Ok(Some((
            open_pending(sealer, id, &by, &p, shown)?,
            DeviceId::from_slice(&by)?,
        ))),
        (None, None) => Ok(None),
        _ => Err(Error::Corrupt(
            "a ritual's waiting version and whom it waits on do not match".into(),
        )),
    }
}

/// One ritual's title as shown, alone: an import's news names every
/// ritual it touched, and reads nothing else of them.
fn title(conn: &Connection, sealer: &Sealer, id: &str) -> Result<String> {
    let shown: Vec<u8> = conn
        .prepare_cached("SELECT shown FROM rituals WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::not_found("no ritual has this id"))?;
    Ok(open_spec(sealer, id, "shown", &shown)?.title)
}

const SELECT: &str = "SELECT id, proposed_by, proposed_at_ms, status, shown, pending, pending_by, personal, timeline, changed_at_ms FROM rituals";

/// Neither declined nor retired: `rituals_live`'s condition, written the
/// same so that SQLite reads through it.
const LIVE: &str = "status <> 'declined' AND status <> 'retired'";

/// `list`'s order: as proposed, the same on both replicas.
const LIST_ORDER: &str = "proposed_at_ms, hlc_logical, personal DESC, proposed_by, id";

/// A row of `SELECT`, still sealed.
type Row = (
    String,
    Vec<u8>,
    i64,
    String,
    Vec<u8>,
    Option<Vec<u8>>,
    Option<Vec<u8>>,
    bool,
    Option<Vec<u8>>,
    Option<i64>,
);

fn sealed_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
    ))
}

/// The ritual whose `id` is given, or all of them in `list`'s order.
fn read(conn: &Connection, sealer: &Sealer, id: Option<&str>) -> Result<Vec<Ritual>> {
    let rows = crate::store::rows_by_id(conn, SELECT, LIST_ORDER, id, sealed_row)?;
    open_rows(sealer, rows)
}

/// Which rituals a list of ended ones takes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whose {
    /// Shared and personal.
    All,
    /// Shared only: what the partner's phone holds.
    Shared,
}

impl Whose {
    /// The condition on the `personal` column, written out rather than
    /// bound: SQLite prepares a statement again whenever a parameter it
    /// planned a partial index with is bound anew.
    fn condition(self) -> &'static str {
        match self {
            Whose::All => "",
            Whose::Shared => "AND personal = 0",
        }
    }
}

/// `ended`'s statement, at most `limit` rows.
pub(crate) fn ended_select(whose: Whose, limit: Option<usize>) -> String {
    format!(
        "{SELECT} WHERE (status = 'declined' OR status = 'retired') {}
         ORDER BY {ENDED_ORDER} {}",
        whose.condition(),
        crate::store::limit_clause(limit)
    )
}

/// `live`'s statement.
pub(crate) fn live_select() -> String {
    format!("{SELECT} WHERE {LIVE} ORDER BY {LIST_ORDER}")
}

/// `active`'s statement: `LIVE`'s terms, then the status, so SQLite reads
/// through `rituals_live` (it takes a partial index only for a query whose
/// conditions include the index's own).
pub(crate) fn active_select() -> String {
    format!("{SELECT} WHERE {LIVE} AND status = 'active' ORDER BY {LIST_ORDER}")
}

/// `in_effect_since`'s rituals in effect or paused.
pub(crate) fn in_effect_select() -> String {
    format!(
        "{SELECT} WHERE {LIVE} AND (status = 'active' OR status = 'paused') ORDER BY {LIST_ORDER}"
    )
}

/// `in_effect_since`'s retired rituals, changed from `?1` on (a row from
/// before v18 that does not know yet, too).
pub(crate) fn retired_since_select() -> String {
    format!(
        "{SELECT} WHERE (status = 'declined' OR status = 'retired') AND status = 'retired'
             AND (changed_at_ms >= ?1 OR changed_at_ms IS NULL)
         ORDER BY {ENDED_ORDER}"
    )
}

/// The most recently ended first (the ritual's last change as a whole),
/// then the most recently proposed: `rituals_ended`'s order read backwards,
/// so a read of the newest stops there and sorts nothing.
const ENDED_ORDER: &str =
    "changed_at_ms DESC, proposed_at_ms DESC, hlc_logical DESC, proposed_by DESC, id DESC";

/// The declined and retired rituals, the most recently ended first (the
/// last change to each as a whole; the same on both phones), at most
/// `newest` of them when given, and whether older ones were left out.
/// Only those returned are opened: ended rituals pile up over the years.
pub fn ended(
    conn: &Connection,
    sealer: &Sealer,
    whose: Whose,
    newest: Option<usize>,
) -> Result<(Vec<Ritual>, bool)> {
    // One more than asked for, to know whether there is more.
    let limit = newest.map(|n| n.saturating_add(1));
    let mut rows: Vec<Row> = conn
        .prepare_cached(&ended_select(whose, limit))?
        .query_map([], sealed_row)?
        .collect::<rusqlite::Result<_>>()?;
    let more = newest.is_some_and(|n| rows.len() > n);
    if let Some(n) = newest {
        rows.truncate(n);
    }
    Ok((open_rows(sealer, rows)?, more))
}

/// Opens rows read with `SELECT`, in their order.
fn open_rows(sealer: &Sealer, rows: Vec<Row>) -> Result<Vec<Ritual>> {
    let mut out = Vec::new();
    for (id, by, at, status, shown, pending, pending_by, personal, timeline, changed) in rows {
        let spec = open_spec(sealer, &id, "shown", &shown)?;
        let status = RitualStatus::parse(&status)
            .ok_or_else(|| Error::Corrupt("a ritual has an unknown status".into()))?;
        let timeline = match timeline {
            Some(sealed) => open_timeline(sealer, &id, &sealed)?,
            None => history::legacy(at, status, &spec),
        };
        let pending = open_waiting(sealer, &id, pending, pending_by, &spec)?.map(|(stored, by)| {
            PendingVersion {
                spec: stored.spec,
                by,
                base: stored.base,
            }
        });
        out.push(Ritual {
            proposed_by: DeviceId::from_slice(&by)?,
            proposed_at_ms: at,
            status,
            time_of_day: spec.time(),
            zone: spec.zone_mode(),
            id,
            title: spec.title.clone(),
            prompt: spec.prompt.clone(),
            minutes: spec.minutes,
            pending,
            spec,
            personal,
            timeline,
            // Not yet known (a row from before v18): as if just now.
            changed_at_ms: changed.unwrap_or(Millis::MAX),
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
    device_zone: Zone,
) -> Result<Vec<Occurrence>> {
    check_range(from, to)?;
    upcoming_of(conn, sealer, &list(conn, sealer)?, (from, to), device_zone)
}

/// What `upcoming` asks of a range.
pub fn check_range(from: Millis, to: Millis) -> Result<()> {
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
    Ok(())
}

/// `upcoming` over rituals already read (`list`), for a caller that reads
/// them once for several things; the range is checked by `upcoming`.
pub fn upcoming_of(
    conn: &Connection,
    sealer: &Sealer,
    rituals: &[Ritual],
    (from, to): (Millis, Millis),
    device_zone: Zone,
) -> Result<Vec<Occurrence>> {
    let rest_weeks = rest::weeks(conn)?;
    let mut out = Vec::new();
    // Waiting invitations show too (as waiting); paused, declined and retired
    // rituals have no occurrences.
    let live = |r: &&Ritual| {
        matches!(
            r.status,
            RitualStatus::Proposed | RitualStatus::Countered | RitualStatus::Active
        )
    };
    for ritual in rituals.iter().filter(live) {
        out.extend(
            occurrences_of(conn, sealer, ritual, device_zone, (from, to), &rest_weeks)?
                .into_iter()
                .filter(|o| (from..to).contains(&o.start_ms())),
        );
    }
    // (ritual, date) names one occurrence: unique keys, so an unstable sort
    // (smaller code in the mobile library) gives the stable order.
    out.sort_unstable_by(|a, b| {
        (a.start_ms(), &a.ritual_id, a.date).cmp(&(b.start_ms(), &b.ritual_id, b.date))
    });
    Ok(out)
}

/// One ritual's occurrences scheduled around `[from, to)`, with their marks
/// and moves applied (a move can bring one in from a week either side).
///
/// `rest_weeks` (from `rest::weeks`) is passed in: callers that walk many
/// rituals load it once.
pub fn occurrences_of(
    conn: &Connection,
    sealer: &Sealer,
    ritual: &Ritual,
    device_zone: Zone,
    range: (Millis, Millis),
    rest_weeks: &std::collections::BTreeSet<NaiveDate>,
) -> Result<Vec<Occurrence>> {
    occurrences_in(
        conn,
        sealer,
        ritual,
        device_zone,
        range,
        rest_weeks,
        marks::Read::WithWords,
    )
}

/// `occurrences_of`, reading the words on marks (`said`) only when `read`
/// asks for them: reminders need only what happened.
pub fn occurrences_in(
    conn: &Connection,
    sealer: &Sealer,
    ritual: &Ritual,
    device_zone: Zone,
    (from, to): (Millis, Millis),
    rest_weeks: &std::collections::BTreeSet<NaiveDate>,
    read: marks::Read,
) -> Result<Vec<Occurrence>> {
    // Only a ritual with a moved occurrence needs the wider look.
    let moved = marks::any_moved(conn, &ritual.id)?;
    let reach = if moved { marks::MAX_MOVE_MS } else { 0 };
    // Only the marks of dates that can fall in the range: a day either
    // side for any zone (and one to spare), and for a ritual with a moved
    // occurrence a week and a day more.
    let around = |ms: Millis, days: i64| -> Result<NaiveDate> {
        let date = history::local_date_utc(ms.clamp(schedule::EARLIEST_MS, schedule::LATEST_MS))?;
        Ok(date
            .checked_add_signed(chrono::Duration::days(days))
            .unwrap_or(date))
    };
    let reach_days = reach / 86_400_000 + 2;
    let marks = marks::load_between(
        conn,
        sealer,
        &ritual.id,
        Some((around(from, -reach_days)?, around(to, reach_days)?)),
        read,
    )?;
    // Whose words are whose, read only when there are words.
    let me = if read == marks::Read::WithWords && marks.values().any(|m| !m.words().is_empty()) {
        Some(crate::store::read_device(conn)?)
    } else {
        None
    };
    let span_from = from.saturating_sub(reach).max(schedule::EARLIEST_MS);
    let span_to = to.saturating_add(reach).min(schedule::LATEST_MS);
    // Versions may be in different zones: look a day further each way than
    // any zone's date can be from UTC's.
    let dates = schedule::local_dates(Zone::UTC, span_from, span_to)?;
    let (Some(&lo), Some(&hi)) = (dates.first(), dates.last()) else {
        return Ok(Vec::new());
    };
    let (lo, hi) = (
        lo - chrono::Duration::days(1),
        hi + chrono::Duration::days(1),
    );
    // Each occurrence under the version in effect when it was due: a change
    // never moves or drops what already happened.
    let periods = history::periods(ritual);
    let mut out = Vec::new();
    let reading = history::Reading::Local(device_zone);
    for (date, period) in history::dated(&periods, (lo, hi), reading)? {
        let spec = &period.spec;
        let scheduled = schedule::resolve_local(
            spec.zone_mode().zone_on(device_zone),
            date.and_time(spec.time().naive()),
        );
        let mark = marks.get(&date).cloned().unwrap_or_default();
        let start_ms = mark.moved_to_ms.unwrap_or(scheduled.timestamp_millis());
        out.push(Occurrence {
            ritual_id: ritual.id.clone(),
            title: spec.title.clone(),
            start: schedule::instant(start_ms)?
                .with_timezone(&spec.zone_mode().zone_on(device_zone)),
            minutes: spec.minutes,
            device_zone,
            date,
            status: mark.status,
            moved: mark.moved_to_ms.is_some(),
            resting: history::resting_on(ritual, rest_weeks, date),
            personal: ritual.personal,
            said: me.map(|me| mark.said(me)).unwrap_or_default(),
        });
    }
    out.retain(|o| o.start_ms() >= from.min(span_from) && o.start_ms() < span_to);
    Ok(out)
}

/// Kept out of scheduled over the last 7 and the last 28 occurrences that
/// count (history.rs: up to the shared cutoff for a shared ritual, so both
/// phones show the same; up to now for a personal one), for one ritual. Skips count as scheduled-not-kept;
/// occurrences in rest weeks count as neither; nothing resets, and the
/// counts never say which partner did what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rhythm {
    pub ritual_id: String,
    pub title: String,
    pub kept_last_7: u32,
    pub scheduled_last_7: u32,
    pub kept_last_28: u32,
    pub scheduled_last_28: u32,
}

pub fn rhythm(
    conn: &Connection,
    sealer: &Sealer,
    now: Millis,
    device_zone: Zone,
) -> Result<Vec<Rhythm>> {
    let rest_weeks = rest::weeks(conn)?;
    let shared = history::shared_cutoff(conn, now)?;
    list(conn, sealer)?
        .iter()
        .filter(|r| matches!(r.status, RitualStatus::Active | RitualStatus::Paused))
        .map(|r| rhythm_of(conn, sealer, r, (shared, now, device_zone), &rest_weeks))
        .collect()
}

/// One ritual's rhythm; `shared` is `history::shared_cutoff`'s answer and
/// `rest_weeks` `rest::weeks`', read once by a caller walking many.
pub fn rhythm_of(
    conn: &Connection,
    sealer: &Sealer,
    ritual: &Ritual,
    (shared, now, device_zone): (Option<Millis>, Millis, Zone),
    rest_weeks: &std::collections::BTreeSet<NaiveDate>,
) -> Result<Rhythm> {
    let cutoff = history::cutoff_for(ritual, shared, now);
    let since = history::lookback_start(cutoff)?;
    let marks = history::marks_counted(conn, sealer, &ritual.id, cutoff, since)?;
    let counted = history::counted(ritual, &marks, rest_weeks, (cutoff, device_zone), since)?;
    let count = |n: usize| -> (u32, u32) {
        let window = &counted[counted.len().saturating_sub(n)..];
        let kept = window.iter().filter(|c| c.kept).count() as u32;
        (kept, window.len() as u32)
    };
    let ((k7, s7), (k28, s28)) = (count(7), count(28));
    Ok(Rhythm {
        ritual_id: ritual.id.clone(),
        title: ritual.title.clone(),
        kept_last_7: k7,
        scheduled_last_7: s7,
        kept_last_28: k28,
        scheduled_last_28: s28,
    })
}

/// Marks one occurrence (done, skipped or moved), after checking the ritual
/// is in effect, the date is one of its occurrences and, for a done, that
/// its day has come on this phone (`device_zone`, when the shell says where
/// the phone is).
pub fn mark(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    device: DeviceId,
    (now, device_zone): (Millis, Option<Zone>),
    id: &str,
    change: RitualChange,
) -> Result<()> {
    let ritual = get(tx, sealer, id)?;
    if !matches!(ritual.status, RitualStatus::Active | RitualStatus::Paused) {
        return Err(Error::not_allowed(format!(
            "only a ritual in effect has occurrences to mark; this one is {}",
            ritual.status.as_str()
        )));
    }
    let date = match &change {
        RitualChange::Done { date, .. }
        | RitualChange::Skipped { date }
        | RitualChange::Moved { date, .. } => *date,
        _ => return Err(Error::invalid("not an occurrence change")),
    };
    // Under the version in effect that day: a date the ritual had before a
    // change keeps its occurrence, and nothing before the ritual took effect
    // has one.
    let skipped_in = |spec: &RitualSpec| {
        let zone = match spec.zone_mode() {
            ZoneMode::Fixed(tz) => Some(tz),
            ZoneMode::Floating => device_zone,
        };
        zone.is_some_and(|tz| !schedule::day_exists(tz, date))
    };
    let skipped = || {
        Error::invalid(format!(
            "{date} does not exist in this ritual's time zone (the day was skipped), so it has no occurrence"
        ))
    };
    let Some(version) = history::version_on(&ritual, date)? else {
        // A day the zone skipped has no version either; say why.
        if skipped_in(&ritual.spec) {
            return Err(skipped());
        }
        return Err(Error::invalid(format!(
            "{date} has no occurrence of this ritual"
        )));
    };
    if skipped_in(&version) {
        return Err(skipped());
    }
    if matches!(change, RitualChange::Done { .. }) {
        check_day_has_come(tx, sealer, &ritual, date, now, device_zone)?;
    }
    if let RitualChange::Moved { to_ms, .. } = &change {
        let tz = version.zone_mode().zone_on(Zone::UTC);
        let scheduled =
            schedule::resolve_local(tz, date.and_time(version.time().naive())).timestamp_millis();
        if (to_ms - scheduled).abs() > marks::MAX_MOVE_MS + 86_400_000 {
            return Err(Error::invalid("an occurrence moves by at most a week"));
        }
    }
    change.validate()?;
    record(tx, sealer, device, now, id, ritual.personal, change)
}

/// Refuses a "done" for an occurrence whose day has not come: its start
/// (where it was moved, else as scheduled) falls after today on this
/// phone's clock. Today's occurrence may be marked early, the same day.
/// Without the phone's zone, a fixed ritual's own zone decides; a floating
/// ritual is then bounded by the date it already is somewhere on Earth.
/// An occurrence not moved must also have a date begun somewhere on Earth:
/// that is all the fold can check (marks.rs), and a done this phone takes
/// must never be one that every phone then ignores.
fn check_day_has_come(
    conn: &Connection,
    sealer: &Sealer,
    ritual: &Ritual,
    date: NaiveDate,
    now: Millis,
    device_zone: Option<Zone>,
) -> Result<()> {
    let not_yet = || {
        Error::invalid(format!(
            "the occurrence of {date} has not come yet: mark it done on its day or after"
        ))
    };
    let begun_somewhere = schedule::latest_today(now).is_some_and(|latest| date <= latest);
    let moved_to = marks::load_between(
        conn,
        sealer,
        &ritual.id,
        Some((date, date)),
        marks::Read::StatusOnly,
    )?
    .get(&date)
    .and_then(|m| m.moved_to_ms);
    let clock_zone = match ritual.zone {
        ZoneMode::Fixed(tz) => Some(device_zone.unwrap_or(tz)),
        ZoneMode::Floating => device_zone,
    };
    let Some(clock_zone) = clock_zone else {
        return if begun_somewhere {
            Ok(())
        } else {
            Err(not_yet())
        };
    };
    if moved_to.is_none() && !begun_somewhere {
        return Err(not_yet());
    }
    let ritual_zone = ritual.zone.zone_on(clock_zone);
    let start = moved_to.unwrap_or_else(|| {
        schedule::resolve_local(ritual_zone, date.and_time(ritual.time_of_day.naive()))
            .timestamp_millis()
    });
    let on_clock = |ms: Millis| -> Result<NaiveDate> {
        Ok(schedule::instant(ms)?
            .with_timezone(&clock_zone)
            .date_naive())
    };
    if on_clock(start)? > on_clock(now)? {
        return Err(not_yet());
    }
    Ok(())
}

/// Rituals as a capability: shared ones travel in the shared log (and stop
/// here after unpairing), personal ones live in the private log alone.
pub struct Rituals;

impl Capability for Rituals {
    fn news(
        &self,
        conn: &Connection,
        sealer: &Sealer,
        op: &Op,
        teller: &Teller,
    ) -> Result<Option<News>> {
        let (Change::Ritual(c), Some(id)) = (&op.change, entity_id(&op.entity)) else {
            return Ok(None);
        };
        // A proposal carries its title; anything else names the ritual as
        // it stands here.
        let title = match c {
            RitualChange::Proposed(spec) => spec.title.clone(),
            _ => teller.name_of(&op.entity, || title(conn, sealer, id))?,
        };
        let (id, day, at) = match c {
            RitualChange::Proposed(_) => ("news-ritual-proposed", None, None),
            RitualChange::Countered(_) => ("news-ritual-countered", None, None),
            RitualChange::Accepted { .. } => ("news-ritual-accepted", None, None),
            RitualChange::Declined { .. } => ("news-ritual-declined", None, None),
            RitualChange::Paused => ("news-ritual-paused", None, None),
            RitualChange::Resumed => ("news-ritual-resumed", None, None),
            RitualChange::Retired => ("news-ritual-retired", None, None),
            RitualChange::Done {
                date,
                note,
                feeling,
            } => {
                let id = match (note, feeling) {
                    (Some(_), _) => "news-ritual-done-note",
                    (None, Some(_)) => "news-ritual-done-feeling",
                    (None, None) => "news-ritual-done",
                };
                (id, Some(teller.on_day(*date)), None)
            }
            RitualChange::Skipped { date } => {
                ("news-ritual-skipped", Some(teller.on_day(*date)), None)
            }
            RitualChange::Moved { date, to_ms } => (
                "news-ritual-moved",
                Some(teller.on_day(*date)),
                Some(teller.at_on(*to_ms, *date)),
            ),
        };
        let (day, at) = (day.unwrap_or_default(), at.unwrap_or_default());
        Ok(Some(teller.tell(
            &op.entity,
            id,
            &[
                ("title", Arg::Str(&title)),
                ("day", Arg::Str(&day)),
                ("at", Arg::Str(&at)),
            ],
        )))
    }

    fn kind(&self) -> Kind {
        Kind::Ritual
    }

    fn owns(&self, entity: &str) -> bool {
        entity_id(entity).is_some() || personal_entity_id(entity).is_some()
    }

    fn validate(&self, op: &Op) -> Result<()> {
        let Change::Ritual(c) = &op.change else {
            return Err(capability::not_mine());
        };
        if entity_id(&op.entity).is_none() {
            return Err(Error::invalid(
                "a ritual op names an entity that is not a shared ritual",
            ));
        }
        c.validate()
    }

    fn restores_private(&self, op: &Op) -> bool {
        matches!(&op.change, Change::Ritual(c)
            if personal_entity_id(&op.entity).is_some() && c.validate().is_ok())
    }

    fn part(&self, op: &Op) -> Option<String> {
        mark_part(&op.change)
    }

    fn refold_touched(
        &self,
        tx: &Transaction<'_>,
        sealer: &Sealer,
        ops: &EntityOps<'_>,
        touched: &capability::Touched,
    ) -> Result<()> {
        let entity = ops.entity();
        if let Some(id) = entity_id(entity) {
            refold_touched(tx, sealer, id, ops, touched, false)
        } else if let Some(id) = personal_entity_id(entity) {
            refold_touched(tx, sealer, id, ops, touched, true)
        } else {
            Ok(())
        }
    }

    fn refold(&self, tx: &Transaction<'_>, sealer: &Sealer, ops: &EntityOps<'_>) -> Result<()> {
        let entity = ops.entity();
        if let Some(id) = entity_id(entity) {
            let ops = stopped::with_stop(tx, entity, ops.shared()?, |founder, _| {
                (founder, Change::Ritual(RitualChange::Retired))
            })?;
            refold(tx, sealer, id, &ops, false)
        } else if let Some(id) = personal_entity_id(entity) {
            refold(tx, sealer, id, &ops.private()?, true)
        } else {
            Ok(())
        }
    }

    /// The shared rituals with their marks. Personal rituals are left out:
    /// they differ between the phones by design.
    fn dump(&self, conn: &Connection, sealer: &Sealer) -> Result<String> {
        let mut rituals = list(conn, sealer)?;
        rituals.retain(|r| !r.personal);
        rituals.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        Ok(rituals
            .iter()
            .map(|r| {
                format!(
                    "ritual {} by={} at={} changed={} status={} shown={:?} pending={:?} timeline={:?} marks={:?}\n",
                    r.id,
                    r.proposed_by,
                    r.proposed_at_ms,
                    r.changed_at_ms,
                    r.status.as_str(),
                    r.spec,
                    r.pending,
                    r.timeline,
                    marks::load(conn, sealer, &r.id).unwrap_or_default()
                )
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(at: &str) -> RitualSpec {
        let draft = RitualDraft {
            title: "Walk".into(),
            minutes: 20,
            time_of_day: at.into(),
            ..Default::default()
        };
        RitualSpec::from_draft(&draft, NaiveDate::from_ymd_opt(2027, 3, 10).unwrap()).unwrap()
    }

    #[test]
    fn a_waiting_version_keeps_what_it_is_compared_with_and_old_rows_still_read() {
        let sealer = Sealer::from_storage_key(&[7u8; crate::store::STORAGE_KEY_LEN]).unwrap();
        let stored = StoredPending {
            spec: spec("21:00"),
            base: Some(spec("20:30")),
        };
        let (me, you) = (DeviceId([1; 16]), DeviceId([2; 16]));
        let shown = spec("20:30");
        let sealed = seal_pending(&sealer, "r1", me, &stored, &shown).unwrap();
        let read = open_pending(&sealer, "r1", &me.0, &sealed, &shown).unwrap();
        assert_eq!((read.spec, read.base), (spec("21:00"), Some(spec("20:30"))));

        // A fresh proposal waits on the version it shows: sealed empty, read
        // as the shown one, and the row no longer holds that spec twice.
        let fresh = StoredPending {
            spec: spec("21:00"),
            base: None,
        };
        let once = seal_pending(&sealer, "r1", me, &fresh, &spec("21:00")).unwrap();
        let whole = postcard::to_stdvec(&fresh).unwrap();
        let whole = sealer
            .seal(spec_slot(&pending_record("r1", &me.0), "pending"), &whole)
            .unwrap();
        assert!(
            once.len() + 20 < whole.len(),
            "{} vs {}",
            once.len(),
            whole.len()
        );
        for sealed in [&once, &whole] {
            // The whole form is how a v16 database holds it: both read alike.
            let read = open_pending(&sealer, "r1", &me.0, sealed, &spec("21:00")).unwrap();
            assert_eq!((read.spec, read.base), (spec("21:00"), None));
        }
        // Shown one thing and waiting on another: sealed whole.
        let other = seal_pending(&sealer, "r1", me, &fresh, &spec("20:30")).unwrap();
        let read = open_pending(&sealer, "r1", &me.0, &other, &spec("20:30")).unwrap();
        assert_eq!((read.spec, read.base), (spec("21:00"), None));
        // The empty seal still names whom it waits on.
        assert!(matches!(
            open_pending(&sealer, "r1", &you.0, &once, &spec("21:00")),
            Err(Error::Corrupt(_))
        ));

        // A bare spec (rows written before waiting versions carried their
        // base are refolded when the store opens; the reader still copes).
        let bytes = postcard::to_stdvec(&spec("21:00")).unwrap();
        let old = sealer
            .seal(spec_slot(&pending_record("r1", &me.0), "pending"), &bytes)
            .unwrap();
        let read = open_pending(&sealer, "r1", &me.0, &old, &shown).unwrap();
        assert_eq!((read.spec, read.base), (spec("21:00"), None));

        // Sealed for another ritual, or read as waiting on someone else
        // (a damaged `pending_by`): refused, not misread.
        assert!(open_pending(&sealer, "r2", &me.0, &sealed, &shown).is_err());
        assert!(matches!(
            open_pending(&sealer, "r1", &you.0, &sealed, &shown),
            Err(Error::Corrupt(_))
        ));
    }
}
