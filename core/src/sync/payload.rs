//! Export and import: what travels between the two devices.
//!
//! A payload carries the ops the partner has not acknowledged (by the version
//! vector the partner last sent), this device's own vector as its
//! acknowledgement, and, from the offering device, its key confirmation.
//! Import checks everything it can before decrypting, applies in the caller's
//! one transaction, and treats a payload it has seen before as a harmless
//! duplicate.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use crate::capability::Capability;
use crate::clock::Millis;
use crate::device::DeviceId;
use crate::error::{Error, Result};
use crate::pairing::{self, Role};
use crate::store;
use crate::store::Sealer;
use crate::sync::envelope::{self, Addressed, HEADER_LEN, MAX_PAYLOAD_BYTES, PADDING_MARKER_LEN};
use crate::sync::log::{self, OpTag};
use crate::sync::people::{Handoff, People};
pub use crate::sync::wire::{Body, KeyConfirmation};
use crate::sync::{self, Op, ratchet, wire};
use crate::tell::{Teller, Told};
use crate::validate;
use crate::zone::Zone;

/// The body of an envelope of version 3: postcard, 16-byte authenticators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct BodyV3 {
    ack: Vec<(DeviceId, u64)>,
    ops: Vec<Op>,
    confirm: Option<KeyConfirmation>,
    lineage: Vec<Handoff>,
    prekey: Option<ratchet::Announced>,
    auth: Vec<Option<[u8; 16]>>,
    your_last: Option<[u8; 16]>,
    own_floor: Option<u64>,
    yours: Vec<(Op, [u8; 16])>,
}

/// The body of an envelope of version 2, read still; no authenticators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct BodyV2 {
    ack: Vec<(DeviceId, u64)>,
    ops: Vec<Op>,
    confirm: Option<KeyConfirmation>,
    lineage: Vec<Handoff>,
    prekey: Option<ratchet::Announced>,
}

/// A 16-byte authenticator of version 3 as today's: its first 8 bytes are
/// the same HMAC cut shorter (sync/log.rs, `AUTH_LEN`).
fn short_tag(tag: [u8; 16]) -> OpTag {
    let mut short = [0u8; log::AUTH_LEN];
    short.copy_from_slice(&tag[..log::AUTH_LEN]);
    short
}

/// Decodes a body of the envelope version it came in, from `sender`.
fn decode_body(version: u8, sender: DeviceId, plain: &[u8]) -> Result<Body> {
    let malformed = || rejected("the payload's content is malformed");
    match version {
        4 => wire::decode(sender, plain),
        3 => {
            let v3: BodyV3 = postcard::from_bytes(plain).map_err(|_| malformed())?;
            Ok(Body {
                ack: v3.ack,
                ops: v3.ops,
                confirm: v3.confirm,
                lineage: v3.lineage,
                prekey: v3.prekey,
                auth: v3.auth.into_iter().map(|t| t.map(short_tag)).collect(),
                your_last: v3.your_last.map(short_tag),
                own_floor: v3.own_floor,
                yours: v3
                    .yours
                    .into_iter()
                    .map(|(op, t)| (op, short_tag(t)))
                    .collect(),
                holds_confirmation: false,
            })
        }
        2 => {
            let v2: BodyV2 = postcard::from_bytes(plain).map_err(|_| malformed())?;
            Ok(Body {
                ack: v2.ack,
                ops: v2.ops,
                confirm: v2.confirm,
                lineage: v2.lineage,
                prekey: v2.prekey,
                ..Body::default()
            })
        }
        found => Err(Error::PayloadVersion {
            found,
            oldest: envelope::OLDEST_READ,
            newest: envelope::VERSION,
        }),
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub applied: u32,
    pub duplicates: u32,
    /// This exact payload was imported before; nothing changed.
    pub already_imported: bool,
    /// How many of this device's ops the partner holds.
    pub acknowledged: u64,
    /// The partner's key confirmation arrived with this payload.
    pub partner_confirmed: bool,
    /// Changes the partner's old phone made after the backup their new
    /// phone was restored from: kept, but they count no more.
    pub set_aside: u32,
    /// How far the partner's changes ran ahead of this phone's clock (0
    /// when within a few minutes).
    pub clock_ahead_ms: i64,
    /// This phone's own clock had gone back behind its log: the wrong
    /// clock is most likely this phone's.
    pub this_clock_back_ms: i64,
    /// What the partner changed, in sentences ("Ana invited you to Walk"),
    /// oldest first: for the screen after a sync and for a notification.
    /// `Told::merge` tells a sync of several payloads as one.
    pub news: Told,
    /// This phone went back to an older copy of its data (an OS backup
    /// restored, a lost write-ahead log): the partner holds more of its
    /// changes than it does, or different ones under the same numbers.
    pub restored_here: bool,
    /// This phone's own changes that came back from the partner's phone.
    pub recovered: u32,
    /// Changes made here since the restore that moved to new numbers (the
    /// partner held other changes of this phone under theirs); they go to
    /// the partner with the next payload.
    pub renumbered: u32,
    /// Changes the partner's phone sent under numbers it had used before
    /// for other changes: it went back to an older copy. Not taken under
    /// those numbers; this phone's next payload gives the partner back what
    /// it lost, and the partner sends these again under new numbers.
    pub partner_reused: u32,
}

impl ImportReport {
    /// What going back in time did, on either phone, in words.
    pub fn rollback_note(&self) -> Option<String> {
        let s = |n: u32| if n == 1 { "" } else { "s" };
        let mut notes = Vec::new();
        if self.restored_here || self.recovered > 0 {
            let mut note = if self.recovered > 0 {
                format!(
                    "this phone was restored from an older copy; {} change{} came back from your partner's phone",
                    self.recovered,
                    s(self.recovered)
                )
            } else {
                "this phone was restored from an older copy; the changes it lost come back with \
                 your partner's next payload: send them one"
                    .to_owned()
            };
            if self.renumbered > 0 {
                note.push_str(&format!(
                    "; {} change{} made here since {} renumbered and {} to your partner with the next payload",
                    self.renumbered,
                    s(self.renumbered),
                    if self.renumbered == 1 { "was" } else { "were" },
                    if self.renumbered == 1 { "goes" } else { "go" },
                ));
            }
            notes.push(note);
        }
        if self.partner_reused > 0 {
            notes.push(format!(
                "your partner's phone was restored from an older copy and sent {} change{} under numbers \
                 it had used before; nothing is lost: send your partner a payload, their phone gets back \
                 what it lost and sends {} again",
                self.partner_reused,
                s(self.partner_reused),
                if self.partner_reused == 1 { "it" } else { "them" },
            ));
        }
        (!notes.is_empty()).then(|| notes.join("; "))
    }

    /// Why some of the partner's changes count no more, in words.
    pub fn set_aside_note(&self) -> Option<String> {
        (self.set_aside > 0).then(|| {
            format!(
                "your partner's new phone was restored from a backup made before {} change{} \
                 their old phone sent; {} kept in the history but no longer count{}",
                self.set_aside,
                if self.set_aside == 1 { "" } else { "s" },
                if self.set_aside == 1 {
                    "it is"
                } else {
                    "they are"
                },
                if self.set_aside == 1 { "s" } else { "" },
            )
        })
    }

    /// Which phone's clock looked wrong and by how much, in words, or
    /// `None` when the clocks agree.
    pub fn clock_note(&self) -> Option<String> {
        if self.clock_ahead_ms == 0 && self.this_clock_back_ms == 0 {
            return None;
        }
        if self.this_clock_back_ms > 0 {
            return Some(format!(
                "this phone's clock is {} behind the changes it already holds: check its date and time; \
                 the changes were kept",
                span_words(self.this_clock_back_ms)
            ));
        }
        Some(format!(
            "your partner's phone clock looks {} ahead of this phone's: if this phone's time is right, \
             theirs is wrong; the changes were kept",
            span_words(self.clock_ahead_ms)
        ))
    }
}

/// A clock gap in a person's words: "3 h", "1 day 2 h", "25 min".
pub fn span_words(ms: i64) -> String {
    let minutes = (ms.max(0) + 30_000) / 60_000;
    let (days, hours, mins) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60);
    match (days, hours) {
        (0, 0) => format!("{mins} min"),
        (0, h) if mins == 0 => format!("{h} h"),
        (0, h) => format!("{h} h {mins} min"),
        (d, 0) => format!("{d} day{}", if d == 1 { "" } else { "s" }),
        (d, h) => format!("{d} day{} {h} h", if d == 1 { "" } else { "s" }),
    }
}

fn rejected(reason: impl Into<String>) -> Error {
    Error::PayloadRejected(reason.into())
}

/// For each device in the log, the end of the contiguous run from counter 1
/// (devices without counter 1 are left out), in device order. The run is
/// carried on from where the last export found it (`op_runs`, which
/// triggers clear for a device when any of its ops is deleted or
/// renumbered), so an export costs the ops that came since, not the log.
pub fn own_vector(tx: &Transaction<'_>) -> Result<Vec<(DeviceId, u64)>> {
    let mut out = Vec::new();
    let mut after: Option<Vec<u8>> = None;
    loop {
        // The next device in the log, found by the primary key (a log
        // holds a handful of devices).
        let device: Option<Vec<u8>> = match &after {
            None => tx
                .prepare_cached("SELECT device FROM ops ORDER BY device LIMIT 1")?
                .query_row([], |r| r.get(0))
                .optional()?,
            Some(d) => tx
                .prepare_cached("SELECT device FROM ops WHERE device > ?1 ORDER BY device LIMIT 1")?
                .query_row([d], |r| r.get(0))
                .optional()?,
        };
        let Some(device) = device else {
            break;
        };
        let known: i64 = tx
            .prepare_cached("SELECT counter FROM op_runs WHERE device = ?1")?
            .query_row([&device], |r| r.get(0))
            .optional()?
            .unwrap_or(0);
        let mut next = tx.prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM ops WHERE device = ?1 AND counter = ?2)",
        )?;
        let mut run = known;
        while next.query_row(params![device, run + 1], |r| r.get::<_, bool>(0))? {
            run += 1;
        }
        if run > known {
            tx.prepare_cached(
                "INSERT INTO op_runs (device, counter) VALUES (?1, ?2)
                 ON CONFLICT (device) DO UPDATE SET counter = excluded.counter",
            )?
            .execute(params![device, run])?;
        }
        if run > 0 {
            out.push((DeviceId::from_slice(&device)?, run as u64));
        }
        after = Some(device);
    }
    Ok(out)
}

fn partner_ack(conn: &Connection) -> Result<BTreeMap<DeviceId, u64>> {
    let mut stmt = conn.prepare_cached("SELECT device, counter FROM partner_ack")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, i64>(1)?)))?;
    let mut out = BTreeMap::new();
    for row in rows {
        let (d, c) = row?;
        out.insert(DeviceId::from_slice(&d)?, c as u64);
    }
    Ok(out)
}

/// This person's ops the partner does not hold yet, by its last
/// acknowledgement: this phone's own, and those of the phones it was
/// restored from up to their backups. Never anyone else's: a payload carries
/// only what its sender's person wrote, so the partner can check authorship.
pub fn unacknowledged(conn: &Connection, sealer: &Sealer, me: DeviceId) -> Result<Vec<Op>> {
    let acked = partner_ack(conn)?;
    let people = People::load(conn, me)?;
    let mut ops = Vec::new();
    for (device, until) in people.my_lineage() {
        let after = acked.get(&device).copied().unwrap_or(0);
        ops.extend(
            sync::ops_after(conn, sealer, device, after)?
                .into_iter()
                .filter(|op| op.counter <= until),
        );
    }
    let after = acked.get(&me).copied().unwrap_or(0);
    ops.extend(sync::ops_after(conn, sealer, me, after)?);
    Ok(ops)
}

/// `unacknowledged`, each op with its authenticator when it has one.
fn unacknowledged_signed(
    conn: &Connection,
    sealer: &Sealer,
    me: DeviceId,
) -> Result<Vec<(Op, Option<OpTag>)>> {
    let acked = partner_ack(conn)?;
    let people = People::load(conn, me)?;
    let mut ops = Vec::new();
    for (device, until) in people.my_lineage() {
        let after = acked.get(&device).copied().unwrap_or(0);
        ops.extend(
            log::ops_after_with_tags(conn, sealer, device, after)?
                .into_iter()
                .filter(|(op, _)| op.counter <= until),
        );
    }
    let after = acked.get(&me).copied().unwrap_or(0);
    ops.extend(log::ops_after_with_tags(conn, sealer, me, after)?);
    Ok(ops)
}

fn require_confirmed_pair(conn: &Connection, sealer: &Sealer) -> Result<pairing::Pair> {
    let pair = pairing::load(conn, sealer)?.ok_or_else(|| {
        Error::NotPaired("this phone is not paired; pair with your partner first".into())
    })?;
    if !pair.sas_confirmed {
        return Err(Error::NotPaired(
            "compare the check code with your partner and confirm it first".into(),
        ));
    }
    Ok(pair)
}

/// The partner's own ops this phone holds beyond what the partner holds of
/// its own log (it went back to an older copy): handed back with their
/// authenticators. Ops stored without one cannot be handed back.
pub fn theirs_to_return(
    conn: &Connection,
    sealer: &Sealer,
    partner: Option<DeviceId>,
) -> Result<Vec<(Op, OpTag)>> {
    let Some(partner) = partner else {
        return Ok(Vec::new());
    };
    match partner_ack(conn)?.get(&partner) {
        Some(&holds) => log::signed_ops_after(conn, sealer, partner, holds),
        None => Ok(Vec::new()),
    }
}

/// Where `unconfirmed` stops counting: a person reads "1000 or more
/// changes to send" (catalog `sync-to-send-many`), and the count costs
/// the same after years without a sync as after a day.
pub const UNCONFIRMED_COUNTED: usize = 1000;

/// How many changes the partner's phone has not confirmed holding, up to
/// `UNCONFIRMED_COUNTED`: what the next export carries (it carries them
/// again until the partner's acknowledgement comes back), including the
/// partner's own changes it lost going back to an older copy, which this
/// phone hands back.
pub fn unconfirmed(conn: &Connection, sealer: &Sealer, me: DeviceId) -> Result<usize> {
    let pair = require_confirmed_pair(conn, sealer)?;
    // Counted by the key, not read and opened, and only as far as a person
    // reads it: every action asks this (`Core::perform`), and a count of
    // the whole range grew with every change made while the partner did
    // not sync (4 ms after 55,000). The same ops as `unacknowledged` and
    // `theirs_to_return` hold.
    let acked = partner_ack(conn)?;
    let since = |device: &DeviceId| acked.get(device).copied().unwrap_or(0);
    let mut ranges: Vec<(DeviceId, (u64, u64), bool)> = People::load(conn, me)?
        .my_lineage()
        .into_iter()
        .map(|(device, until)| (device, (since(&device), until), false))
        .collect();
    ranges.push((me, (since(&me), u64::MAX), false));
    if let Some(partner) = pair.partner_device
        && let Some(&holds) = acked.get(&partner)
    {
        ranges.push((partner, (holds, u64::MAX), true));
    }
    let mut n = 0;
    for (device, range, signed) in ranges {
        if n == UNCONFIRMED_COUNTED {
            break;
        }
        n += log::count_after(conn, device, range, signed, UNCONFIRMED_COUNTED - n)?;
    }
    Ok(n)
}

const OWN_FLOOR: &str = "own_floor";

/// Set when this phone found it went back to an older copy: how far the
/// partner held its log before (every op up to there is surely the same on
/// both phones). Cleared when the partner's acknowledgement agrees again.
fn own_floor(conn: &Connection) -> Result<Option<u64>> {
    let f = store::meta_i64(conn, OWN_FLOOR, -1)?;
    Ok((f >= 0).then_some(f as u64))
}

/// Whether the partner's acknowledgement of this phone's log (`holds`,
/// with the authenticator of the op there) agrees with what this phone
/// holds. No op there, or another op there, means this phone went back in
/// time. Ops stored without an authenticator cannot be compared.
fn holds_agree(conn: &Connection, me: DeviceId, holds: u64, theirs: Option<OpTag>) -> Result<bool> {
    if holds == 0 {
        return Ok(true);
    }
    Ok(match log::tag_at(conn, me, holds)? {
        None => false,
        Some(mine) => match (mine, theirs) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        },
    })
}

/// Lowers what the partner holds of `device`'s log to at most `to`.
fn lower_ack(tx: &Transaction<'_>, device: DeviceId, to: u64) -> Result<()> {
    tx.execute(
        "INSERT INTO partner_ack (device, counter) VALUES (?1, ?2)
         ON CONFLICT (device) DO UPDATE SET counter = min(counter, excluded.counter)",
        params![device.0.as_slice(), to as i64],
    )?;
    Ok(())
}

/// The meta key naming the pairing whose answerer said it holds this
/// phone's key confirmation (`Body::holds_confirmation`): the first 8
/// bytes of its pair id, so a pairing made later starts sending it again.
const CONFIRMATION_HELD: &str = "confirmation_held_by_pair";

fn pair_mark(pair: &pairing::Pair) -> i64 {
    let mut first = [0u8; 8];
    first.copy_from_slice(&pair.pair_id[..8]);
    i64::from_be_bytes(first)
}

/// Whether the offerer still sends its key confirmation: until the
/// answerer's last payload said it holds it.
fn confirmation_needed(conn: &Connection, pair: &pairing::Pair) -> Result<bool> {
    Ok(pair.role == Role::Offerer
        && store::meta_i64(conn, CONFIRMATION_HELD, 0)? != pair_mark(pair))
}

/// Seals everything the partner lacks into one or more payloads. Each op
/// is encoded once, into the payload it fits in (sync/wire.rs).
pub fn export(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    device: DeviceId,
    device_name: &str,
) -> Result<Vec<Vec<u8>>> {
    let pair = require_confirmed_pair(tx, sealer)?;
    let ack = own_vector(tx)?;
    let confirm = if confirmation_needed(tx, &pair)? {
        Some(KeyConfirmation {
            mac: pairing::keys::confirmation_mac(
                &pair.confirm_key,
                pairing::OFFER_MAC_LABEL,
                &pair.transcript,
                &device.0,
            )?,
            device_name: device_name.to_owned(),
        })
    } else {
        None
    };
    let mine = unacknowledged_signed(tx, sealer, device)?;
    let yours = theirs_to_return(tx, sealer, pair.partner_device)?;
    let lineage = People::load(tx, device)?.my_lineage();
    let prekey = ratchet::announce(tx)?;
    let your_last = match pair
        .partner_device
        .and_then(|p| ack.iter().find(|(d, _)| *d == p).map(|(_, n)| (p, *n)))
    {
        Some((p, n)) => log::tag_at(tx, p, n)?.flatten(),
        None => None,
    };
    let shell = Body {
        ack,
        confirm,
        lineage,
        prekey,
        your_last,
        own_floor: own_floor(tx)?,
        holds_confirmation: pair.role == Role::Answerer && pair.key_confirmed,
        ..Body::default()
    };
    // Header, AEAD tag and the padding's marker come on top of the body;
    // the largest bucket is `MAX_PAYLOAD_BYTES`.
    let budget = MAX_PAYLOAD_BYTES - HEADER_LEN - envelope::TAG_LEN - PADDING_MARKER_LEN;
    let mut bodies = Vec::new();
    let mut body = wire::Writer::new(device, &shell)?;
    let items = mine
        .iter()
        .map(|(op, tag)| (wire::List::Ops, op, tag.as_ref()))
        .chain(
            yours
                .iter()
                .map(|(op, tag)| (wire::List::Yours, op, Some(tag))),
        );
    for (list, op, tag) in items {
        if !body.push_within(list, op, tag, budget)? {
            bodies.push(body.finish());
            body = wire::Writer::new(device, &shell)?;
            body.push(list, op, tag)?;
        }
    }
    bodies.push(body.finish());
    let mut payloads = Vec::with_capacity(bodies.len());
    for body in bodies {
        payloads.push(seal_body(tx, &pair, device, &body)?);
    }
    Ok(payloads)
}

/// Seals any body as this phone's next payload under the pair's real keys:
/// what a modified app can send. Adversarial tests only.
#[cfg(feature = "adversary")]
pub fn seal_any(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    device: DeviceId,
    body: &Body,
) -> Result<Vec<u8>> {
    let pair = require_confirmed_pair(tx, sealer)?;
    seal_body(tx, &pair, device, &wire::encode(device, body)?)
}

/// Seals one encoded body as this phone's next payload, under a key of its
/// own (sync/ratchet.rs).
fn seal_body(
    tx: &Transaction<'_>,
    pair: &pairing::Pair,
    device: DeviceId,
    body: &[u8],
) -> Result<Vec<u8>> {
    let sequence = pairing::next_send_seq(tx)?;
    let key = ratchet::sealing_key(tx, &pair.send_key)?;
    envelope::seal(
        &key.key,
        Addressed {
            pair_id: pair.pair_id,
            sender: device,
            epoch: key.prekey,
            ephemeral: key.ephemeral,
            sequence,
        },
        body,
    )
}

/// Whether this very payload (sender, sequence and nonce) was imported
/// before. The same sequence with another nonce is another payload: its
/// sender went back to an older copy of its data and counts its payloads
/// again, so it is imported, never dropped as a repeat. (Rows stored before
/// nonces were kept count by sequence alone.)
fn seen(conn: &Connection, header: &envelope::Header) -> Result<bool> {
    let stored: Option<Option<Vec<u8>>> = conn
        .prepare_cached("SELECT nonce FROM received_payloads WHERE sender = ?1 AND seq = ?2")?
        .query_row(
            params![header.sender.0.as_slice(), header.sequence as i64],
            |r| r.get(0),
        )
        .optional()?;
    Ok(match stored {
        None => false,
        Some(None) => true,
        Some(Some(nonce)) => nonce.as_slice() == header.nonce.as_slice(),
    })
}

/// Checks, decrypts and applies one payload inside `tx`.
pub fn import(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    all: &[&dyn Capability],
    device: DeviceId,
    now: Millis,
    (zone, locale): (Option<Zone>, crate::catalog::Locale),
    bytes: &[u8],
) -> Result<ImportReport> {
    let header = envelope::parse_header(bytes)?;
    let pair = pairing::load(tx, sealer)?.ok_or_else(|| {
        Error::NotPaired("this phone is not paired, so it cannot read payloads".into())
    })?;
    if People::load(tx, device)?.is_succeeded_partner(header.sender) {
        return Err(rejected(
            "this data comes from your partner's old phone, which was restored on another phone; \
             changes made on the old phone after its backup are not imported",
        ));
    }
    if header.pair_id != pair.pair_id {
        return Err(rejected("the payload belongs to another pairing"));
    }
    if header.sender == device {
        return Err(rejected(
            "the payload came from this phone itself; import it on your partner's",
        ));
    }
    if !pair.sas_confirmed {
        return Err(Error::NotPaired(
            "compare the check code with your partner and confirm it first".into(),
        ));
    }
    if pair.partner_device.is_some_and(|p| p != header.sender) {
        return Err(rejected(
            "the payload came from a device this phone is not paired with",
        ));
    }
    let duplicate = || -> Result<ImportReport> {
        Ok(ImportReport {
            already_imported: true,
            acknowledged: partner_ack(tx)?.get(&device).copied().unwrap_or(0),
            ..ImportReport::default()
        })
    };
    let key =
        match ratchet::opening_key(tx, sealer, &pair.recv_key, header.epoch, &header.ephemeral) {
            // Delivered twice, the second time after its key was deleted: the
            // first delivery was applied, so this one changes nothing either.
            Err(Error::PayloadTooOld(_)) if seen(tx, &header)? => {
                return duplicate();
            }
            other => other?,
        };
    let plain = envelope::open(&key, &header, bytes)?;

    if seen(tx, &header)? {
        return duplicate();
    }
    let body = decode_body(header.version, header.sender, &plain)?;
    if let Some(announced) = &body.prekey {
        ratchet::check_announced(announced)?;
    }

    let mut report = ImportReport::default();
    if pair.role == Role::Answerer && !pair.key_confirmed {
        let confirm = body
            .confirm
            .as_ref()
            .ok_or_else(|| rejected("the first payload lacks the partner's key confirmation"))?;
        if !pairing::keys::verify_mac(
            &pair.confirm_key,
            pairing::OFFER_MAC_LABEL,
            &pair.transcript,
            &header.sender.0,
            &confirm.mac,
        ) {
            return Err(rejected("the partner's key confirmation does not verify"));
        }
        let name =
            validate::optional_text("partner name", &confirm.device_name, 64).unwrap_or(None);
        pairing::record_partner_confirmation(tx, sealer, header.sender, name.as_deref())?;
        report.partner_confirmed = true;
    }

    // The answerer says in every payload whether it holds the offerer's
    // key confirmation; the offerer sends it until it does.
    if pair.role == Role::Offerer {
        let held = if body.holds_confirmation {
            pair_mark(&pair)
        } else {
            0
        };
        store::set_meta_i64(tx, CONFIRMATION_HELD, held)?;
    }

    let invalid_op = |e| match e {
        Error::InvalidInput(r) => rejected(format!("an op in the payload is invalid: {r}")),
        other => other,
    };
    // This phone's own ops the partner hands back, each verified as this
    // phone's before anything else is applied.
    let partner_holds = body
        .ack
        .iter()
        .find(|(d, _)| *d == device)
        .map_or(0, |(_, n)| *n);
    let taken =
        sync::take_back(tx, sealer, all, device, &body.yours, partner_holds).map_err(invalid_op)?;
    report.recovered = taken.recovered;
    report.renumbered = taken.renumbered;

    // A skewed clock stays its own error: the fix is a person checking a
    // phone's time, not a new payload.
    let applied = sync::apply(
        tx,
        sealer,
        all,
        device,
        now,
        header.sender,
        &body.lineage,
        &body.ops,
        &body.auth,
    )
    .map_err(invalid_op)?;
    report.partner_reused = applied.reused;
    report.applied = applied.applied;
    report.duplicates = applied.duplicates;
    report.set_aside = applied.set_aside;
    report.clock_ahead_ms = applied.ahead_ms;
    report.this_clock_back_ms = applied.own_clock_back_ms;
    if !applied.new.is_empty() {
        let name = pairing::partner_name(tx, sealer, now)?;
        let teller = Teller::new(name.as_deref(), zone, now, locale);
        report.news = sync::news(tx, sealer, all, &body.ops, &applied.new, &teller);
    }

    // What the partner holds of this phone's log must be what this phone
    // holds there; if not, this phone went back in time: it does not take
    // the partner's word for it, and asks for its own ops back from the
    // last point both surely share.
    let agrees = holds_agree(tx, device, partner_holds, body.your_last)?;
    let acked_before = partner_ack(tx)?.get(&device).copied().unwrap_or(0);
    if !agrees {
        report.restored_here = true;
        let floor = own_floor(tx)?.map_or(acked_before, |f| f.min(acked_before));
        store::set_meta_i64(tx, OWN_FLOOR, floor as i64)?;
    } else if partner_holds > 0 && own_floor(tx)?.is_some() {
        store::set_meta_i64(tx, OWN_FLOOR, -1)?;
    }
    report.restored_here |= taken.recovered > 0;
    for (d, counter) in &body.ack {
        if *d == device && !agrees {
            continue;
        }
        tx.execute(
            "INSERT INTO partner_ack (device, counter) VALUES (?1, ?2)
             ON CONFLICT (device) DO UPDATE SET counter = max(counter, excluded.counter)",
            params![d.0.as_slice(), *counter as i64],
        )?;
    }
    // The partner went back in time: it holds its own log only up to the
    // first reused number (or the floor it says), so this phone hands back
    // the rest with its next payload.
    if let Some(c) = applied.first_reused {
        lower_ack(tx, header.sender, c - 1)?;
    }
    if let Some(floor) = body.own_floor {
        lower_ack(tx, header.sender, floor)?;
    }
    tx.execute(
        "INSERT INTO received_payloads (sender, seq, nonce) VALUES (?1, ?2, ?3)
         ON CONFLICT (sender, seq) DO UPDATE SET nonce = excluded.nonce",
        params![
            header.sender.0.as_slice(),
            header.sequence as i64,
            header.nonce.as_slice()
        ],
    )?;
    ratchet::moved_on(tx, sealer, now, header.epoch, body.prekey.as_ref())?;
    report.acknowledged = partner_ack(tx)?.get(&device).copied().unwrap_or(0);
    Ok(report)
}

/// The header and the opened body of a payload addressed to this device,
/// without applying it.
fn open_only(
    conn: &Connection,
    sealer: &Sealer,
    bytes: &[u8],
) -> Result<(envelope::Header, Vec<u8>)> {
    let header = envelope::parse_header(bytes)?;
    let pair = pairing::load(conn, sealer)?.ok_or_else(|| Error::NotPaired("not paired".into()))?;
    let key = ratchet::opening_key(
        conn,
        sealer,
        &pair.recv_key,
        header.epoch,
        &header.ephemeral,
    )?;
    let plain = envelope::open(&key, &header, bytes)?;
    Ok((header, plain))
}

/// Decrypts a payload addressed to this device without applying it: for
/// tests that prove what a payload does and does not carry.
pub fn inspect(conn: &Connection, sealer: &Sealer, bytes: &[u8]) -> Result<Body> {
    let (header, plain) = open_only(conn, sealer, bytes)?;
    decode_body(header.version, header.sender, &plain)
}

/// A payload's length without its padding (header, body and the AEAD's
/// tag), for the wire-size figures of the benches: what the encoding costs
/// before the padding hides it. Decrypts like `inspect`.
pub fn unpadded_len(conn: &Connection, sealer: &Sealer, bytes: &[u8]) -> Result<usize> {
    let (_, plain) = open_only(conn, sealer, bytes)?;
    Ok(HEADER_LEN + plain.len() + envelope::TAG_LEN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_2_body_is_still_read_with_no_authenticators() {
        let v2 = BodyV2 {
            ack: vec![(DeviceId([3; 16]), 4)],
            ops: Vec::new(),
            confirm: None,
            lineage: Vec::new(),
            prekey: Some((2, [9; 32])),
        };
        let bytes = postcard::to_stdvec(&v2).unwrap();
        let body = decode_body(2, DeviceId([1; 16]), &bytes).unwrap();
        assert_eq!(body.ack, v2.ack);
        assert_eq!(body.prekey, v2.prekey);
        assert!(body.auth.is_empty() && body.yours.is_empty() && body.your_last.is_none());
        // A version 2 body read as today's is refused, not misread.
        assert!(decode_body(envelope::VERSION, DeviceId([1; 16]), &bytes).is_err());
    }

    #[test]
    fn a_version_3_body_is_read_with_its_authenticators_cut_to_today_s_length() {
        let tag: [u8; 16] = std::array::from_fn(|i| i as u8);
        let v3 = BodyV3 {
            ack: vec![(DeviceId([3; 16]), 4)],
            ops: Vec::new(),
            confirm: None,
            lineage: Vec::new(),
            prekey: None,
            auth: Vec::new(),
            your_last: Some(tag),
            own_floor: Some(2),
            yours: Vec::new(),
        };
        let bytes = postcard::to_stdvec(&v3).unwrap();
        let body = decode_body(3, DeviceId([1; 16]), &bytes).unwrap();
        assert_eq!(body.your_last, Some([0, 1, 2, 3, 4, 5, 6, 7]));
        assert_eq!((body.ack, body.own_floor), (v3.ack, Some(2)));
        // An unknown version is refused with its own error, never guessed.
        assert!(matches!(
            decode_body(9, DeviceId([1; 16]), &bytes),
            Err(Error::PayloadVersion { found: 9, .. })
        ));
    }

    #[test]
    fn the_rollback_note_speaks_for_each_phone() {
        let restored = ImportReport {
            restored_here: true,
            recovered: 2,
            renumbered: 1,
            ..ImportReport::default()
        };
        assert_eq!(
            restored.rollback_note().unwrap(),
            "this phone was restored from an older copy; 2 changes came back from your \
             partner's phone; 1 change made here since was renumbered and goes to your \
             partner with the next payload"
        );
        let partner = ImportReport {
            partner_reused: 1,
            ..ImportReport::default()
        };
        assert!(partner.rollback_note().unwrap().starts_with(
            "your partner's phone was restored from an older copy and sent 1 change "
        ));
        assert_eq!(ImportReport::default().rollback_note(), None);
    }
}
