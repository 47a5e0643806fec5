//! The body of a payload of envelope version 4, byte by byte (described in
//! docs/PROTOCOL.md, "The body, version 4").
//!
//! Version 3 wrote the body with postcard: every op carried its 16-byte
//! device id, its entity as 24 hex digits of text, its full clock stamp and
//! a 16-byte authenticator, about 78 bytes an op before the authenticator.
//! Here an op is written against the one before it:
//!
//! - devices are indexes into a table at the head of the body (index 0 is
//!   the sender named in the envelope's header, so most payloads list one
//!   device: the receiver, for the acknowledgement);
//! - an entity is written once per body (its known prefix as one byte and
//!   its id as 12 raw bytes) and then named by its place in that table;
//! - the counter is left out when it follows the previous op's, the clock
//!   stamp is a difference from the previous op's (the same millisecond
//!   with the next logical count costs nothing);
//! - the changes that make most of a couple's log (a ritual marked done or
//!   skipped, a check-in or appreciation) are small tags with their date as
//!   a day count from the op's own stamp; every other change is its postcard
//!   encoding, as stored;
//! - the authenticator is 8 bytes (sync/log.rs, `AUTH_LEN`).
//!
//! Integers are LEB128 varints (at most 10 bytes, no overflow), signed ones
//! zigzag first; differences wrap around i64, so any op round-trips.
//! Decoding checks every length against the bytes present before it
//! allocates, refuses trailing bytes, unknown flags and unknown tags, and
//! never panics: anything wrong is `PayloadRejected`.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::change::{Change, Shape};
use crate::device::{self, DeviceId};
use crate::error::{Error, Result};
use crate::sync::hlc::Hlc;
use crate::sync::log::{AUTH_LEN, OpTag};
use crate::sync::op::Op;
use crate::sync::people::Handoff;
use crate::sync::ratchet;

/// The body of a payload, as every envelope version is read into (versions
/// 2 and 3 by payload.rs); version 4 is encoded here.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Body {
    /// For each device, the length of the contiguous prefix of its log the
    /// sender holds: everything up to that counter can be skipped next time.
    pub ack: Vec<(DeviceId, u64)>,
    pub ops: Vec<Op>,
    /// The offerer's key confirmation, sent until the answerer's payloads
    /// say it arrived (`holds_confirmation`).
    pub confirm: Option<KeyConfirmation>,
    /// The phones the sender was restored from, each with the last op it
    /// wrote before its backup: the partner follows a restore with it.
    pub lineage: Vec<Handoff>,
    /// The sender's newest prekey (sync/ratchet.rs): the partner seals to
    /// it from now on.
    pub prekey: Option<ratchet::Announced>,
    /// The author's authenticator of each op in `ops`, in order (`None`
    /// for ops written before authenticators): kept with the op, so it can
    /// be handed back to its author should its phone go back in time.
    pub auth: Vec<Option<OpTag>>,
    /// The authenticator of the receiver's own op at the counter `ack`
    /// gives for the receiver: the receiver compares it with its own op
    /// there, and a difference (or no op there) shows it went back to an
    /// older copy of its data.
    pub your_last: Option<OpTag>,
    /// The sender went back to an older copy of its data and holds its own
    /// log surely only up to here: the partner hands back the rest.
    pub own_floor: Option<u64>,
    /// The receiver's own ops, handed back with their authenticators: ones
    /// it lacks or holds differently (it went back in time). Taken only if
    /// each authenticator verifies on the receiver (`sync::take_back`).
    pub yours: Vec<(Op, OpTag)>,
    /// The sender (the answerer) holds the offerer's key confirmation: the
    /// acknowledgement that lets the offerer stop sending it. Said in every
    /// payload, so an answerer restored to a copy from before it says so no
    /// more, and gets the confirmation again.
    pub holds_confirmation: bool,
}

/// The offering device's proof that it derived the same keys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyConfirmation {
    pub mac: [u8; 32],
    pub device_name: String,
}

// The body's flags: which optional fields follow.
const CONFIRM: u8 = 1 << 0;
const PREKEY: u8 = 1 << 1;
const YOUR_LAST: u8 = 1 << 2;
const OWN_FLOOR: u8 = 1 << 3;
const HOLDS_CONFIRMATION: u8 = 1 << 4;
const FLAGS: u8 = CONFIRM | PREKEY | YOUR_LAST | OWN_FLOOR | HOLDS_CONFIRMATION;

// An op's head byte: what differs from the previous op, and its form.
const H_DEVICE: u8 = 1 << 0;
const H_COUNTER: u8 = 1 << 1;
const H_WALL: u8 = 1 << 2;
const H_LOGICAL: u8 = 1 << 3;
const H_NEW_ENTITY: u8 = 1 << 4;
const H_NO_TAG: u8 = 1 << 5;
const FORM_SHIFT: u8 = 6;
/// Any change: its postcard encoding (as the log stores it).
const FORM_ANY: u8 = 0;
/// `Ritual(Done { date, note, feeling })`.
const FORM_DONE: u8 = 1;
/// `Ritual(Skipped { date })`.
const FORM_SKIPPED: u8 = 2;
/// `Entry(Logged { at_ms, entry })`.
const FORM_ENTRY: u8 = 3;

/// The entity prefixes written as one byte (1 + their place here) when the
/// rest is an id of 24 lowercase hex digits (`device::new_entity_id`).
/// Part of the wire format: a new prefix goes at the end, none moves.
const ENTITY_PREFIXES: [&str; 5] = ["ritual:", "entry:", "pause:", "boundary:", "agreement:"];
const ENTITY_TEXT: u8 = 0;

/// Days from 0001-01-01 to 1970-01-01 (chrono's `num_days_from_ce` of the
/// Unix epoch is 719,163).
const EPOCH_DAYS_FROM_CE: i64 = 719_163;
const DAY_MS: i64 = 86_400_000;

fn malformed() -> Error {
    Error::PayloadRejected("the payload's content is malformed".into())
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn varint_len(mut v: u64) -> usize {
    let mut n = 1;
    while v >= 0x80 {
        v >>= 7;
        n += 1;
    }
    n
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

fn put_signed(out: &mut Vec<u8>, v: i64) {
    put_varint(out, zigzag(v));
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// The day an op's stamp falls on (UTC), counted like `num_days_from_ce`:
/// an occurrence's date is written as its distance from it, mostly 0 or -1.
fn stamp_day(hlc: Hlc) -> i64 {
    EPOCH_DAYS_FROM_CE + hlc.wall_ms.div_euclid(DAY_MS)
}

fn put_date(out: &mut Vec<u8>, date: NaiveDate, hlc: Hlc) {
    put_signed(out, i64::from(date.num_days_from_ce()) - stamp_day(hlc));
}

fn put_postcard<T: serde::Serialize>(out: &mut Vec<u8>, value: &T) -> Result<()> {
    let bytes =
        postcard::to_stdvec(value).map_err(|_| Error::PayloadRejected("encoding failed".into()))?;
    out.extend_from_slice(&bytes);
    Ok(())
}

/// Which of the body's two lists an op goes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// `Body::ops`, with `Body::auth`.
    Ops,
    /// `Body::yours`: handed back, always with an authenticator.
    Yours,
}

/// What the next op is written against.
#[derive(Debug, Clone, Copy, Default)]
struct Prev {
    device: u64,
    counter: u64,
    hlc: Hlc,
}

/// Writes one body, op by op, knowing its exact length at every step, so
/// export fills each payload up to its budget encoding every op once.
pub struct Writer {
    flags: u8,
    /// The devices after the sender (index 0), in the order first named.
    devices: Vec<DeviceId>,
    index: HashMap<DeviceId, u64>,
    /// The acknowledgement to the own floor, as written.
    fields: Vec<u8>,
    lists: [Vec<u8>; 2],
    counts: [u64; 2],
    entities: HashMap<String, u64>,
    prev: Prev,
}

impl Writer {
    /// A body with `shell`'s fields and no ops yet (its ops and `yours`
    /// are not written: `push` them).
    pub fn new(sender: DeviceId, shell: &Body) -> Result<Writer> {
        let mut w = Writer {
            flags: 0,
            devices: Vec::new(),
            index: HashMap::from([(sender, 0)]),
            fields: Vec::new(),
            lists: [Vec::new(), Vec::new()],
            counts: [0, 0],
            entities: HashMap::new(),
            prev: Prev::default(),
        };
        let mut fields = Vec::new();
        put_varint(&mut fields, shell.ack.len() as u64);
        for (d, counter) in &shell.ack {
            put_varint(&mut fields, w.device(*d));
            put_varint(&mut fields, *counter);
        }
        if let Some(c) = &shell.confirm {
            w.flags |= CONFIRM;
            fields.extend_from_slice(&c.mac);
            put_str(&mut fields, &c.device_name);
        }
        put_varint(&mut fields, shell.lineage.len() as u64);
        for (d, until) in &shell.lineage {
            put_varint(&mut fields, w.device(*d));
            put_varint(&mut fields, *until);
        }
        if let Some((index, key)) = &shell.prekey {
            w.flags |= PREKEY;
            put_varint(&mut fields, u64::from(*index));
            fields.extend_from_slice(key);
        }
        if let Some(tag) = &shell.your_last {
            w.flags |= YOUR_LAST;
            fields.extend_from_slice(tag);
        }
        if let Some(floor) = shell.own_floor {
            w.flags |= OWN_FLOOR;
            put_varint(&mut fields, floor);
        }
        if shell.holds_confirmation {
            w.flags |= HOLDS_CONFIRMATION;
        }
        w.fields = fields;
        Ok(w)
    }

    fn device(&mut self, d: DeviceId) -> u64 {
        if let Some(i) = self.index.get(&d) {
            return *i;
        }
        self.devices.push(d);
        let i = self.devices.len() as u64;
        self.index.insert(d, i);
        i
    }

    /// The body's length if it ended here.
    pub fn len(&self) -> usize {
        1 + varint_len(self.devices.len() as u64)
            + 16 * self.devices.len()
            + self.fields.len()
            + (0..2)
                .map(|i| varint_len(self.counts[i]) + self.lists[i].len())
                .sum::<usize>()
    }

    /// Whether no op is written yet.
    pub fn is_empty(&self) -> bool {
        self.counts == [0, 0]
    }

    /// Writes `op` unless the body would then be longer than `budget`
    /// (an op is always written into an empty body); says whether it was.
    pub fn push_within(
        &mut self,
        list: List,
        op: &Op,
        tag: Option<&OpTag>,
        budget: usize,
    ) -> Result<bool> {
        let (devices, prev) = (self.devices.len(), self.prev);
        let at = list as usize;
        let written = self.lists[at].len();
        let entity_was_new = !self.entities.contains_key(&op.entity);
        let was_empty = self.is_empty();
        self.push(list, op, tag)?;
        if self.len() <= budget || was_empty {
            return Ok(true);
        }
        // Undo: the op goes in the next body.
        self.lists[at].truncate(written);
        self.counts[at] -= 1;
        self.prev = prev;
        for d in self.devices.drain(devices..) {
            self.index.remove(&d);
        }
        if entity_was_new {
            self.entities.remove(&op.entity);
        }
        Ok(false)
    }

    /// Writes one op (and its authenticator, if any) into `list`.
    pub fn push(&mut self, list: List, op: &Op, tag: Option<&OpTag>) -> Result<()> {
        let device = self.device(op.device);
        let next_entity = self.entities.len() as u64;
        let known = self.entities.get(&op.entity).copied();
        let prev = self.prev;
        let out = &mut self.lists[list as usize];
        let head_at = out.len();
        out.push(0);
        let mut head = 0u8;
        if device != prev.device {
            head |= H_DEVICE;
            put_varint(out, device);
        }
        if prev.counter.checked_add(1) != Some(op.counter) {
            head |= H_COUNTER;
            put_varint(out, op.counter);
        }
        if op.hlc.wall_ms != prev.hlc.wall_ms {
            // A new millisecond: the logical count starts again at 0.
            head |= H_WALL;
            put_signed(out, op.hlc.wall_ms.wrapping_sub(prev.hlc.wall_ms));
            if op.hlc.logical != 0 {
                head |= H_LOGICAL;
                put_varint(out, u64::from(op.hlc.logical));
            }
        } else if prev.hlc.logical.checked_add(1) != Some(op.hlc.logical) {
            head |= H_LOGICAL;
            put_varint(out, u64::from(op.hlc.logical));
        }
        match known {
            Some(i) => put_varint(out, i),
            None => {
                head |= H_NEW_ENTITY;
                put_entity(out, &op.entity);
            }
        }
        let form = match op.change.shape()? {
            Shape::Done {
                date,
                note,
                feeling,
            } => {
                put_date(out, date, op.hlc);
                out.push(u8::from(note.is_some()) | u8::from(feeling.is_some()) << 1);
                for words in [note, feeling].into_iter().flatten() {
                    put_str(out, words);
                }
                FORM_DONE
            }
            Shape::Skipped { date } => {
                put_date(out, date, op.hlc);
                FORM_SKIPPED
            }
            Shape::Entry { at_ms, entry } => {
                put_signed(out, at_ms.wrapping_sub(op.hlc.wall_ms));
                out.extend_from_slice(&entry);
                FORM_ENTRY
            }
            Shape::Whole => {
                put_postcard(out, &op.change)?;
                FORM_ANY
            }
        };
        head |= form << FORM_SHIFT;
        match (list, tag) {
            (_, Some(tag)) => out.extend_from_slice(tag),
            (List::Ops, None) => head |= H_NO_TAG,
            (List::Yours, None) => {
                return Err(Error::PayloadRejected(
                    "a handed-back change needs its authenticator".into(),
                ));
            }
        }
        out[head_at] = head;
        if known.is_none() {
            self.entities.insert(op.entity.clone(), next_entity);
        }
        self.counts[list as usize] += 1;
        self.prev = Prev {
            device,
            counter: op.counter,
            hlc: op.hlc,
        };
        Ok(())
    }

    /// The body's bytes.
    pub fn finish(self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.len());
        out.push(self.flags);
        put_varint(&mut out, self.devices.len() as u64);
        for d in &self.devices {
            out.extend_from_slice(&d.0);
        }
        out.extend_from_slice(&self.fields);
        for i in 0..2 {
            put_varint(&mut out, self.counts[i]);
            out.extend_from_slice(&self.lists[i]);
        }
        out
    }
}

fn put_entity(out: &mut Vec<u8>, entity: &str) {
    for (i, prefix) in ENTITY_PREFIXES.iter().enumerate() {
        if let Some(id) = device::entity_id_after(entity, prefix)
            && let Ok(raw) = hex::decode(id)
        {
            out.push(i as u8 + 1);
            out.extend_from_slice(&raw);
            return;
        }
    }
    out.push(ENTITY_TEXT);
    put_str(out, entity);
}

/// The whole body, every op in it: what `decode` reads back equal.
pub fn encode(sender: DeviceId, body: &Body) -> Result<Vec<u8>> {
    let mut w = Writer::new(sender, body)?;
    for (at, op) in body.ops.iter().enumerate() {
        w.push(List::Ops, op, body.auth.get(at).and_then(Option::as_ref))?;
    }
    for (op, tag) in &body.yours {
        w.push(List::Yours, op, Some(tag))?;
    }
    Ok(w.finish())
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn left(&self) -> usize {
        self.bytes.len() - self.at
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if n > self.left() {
            return Err(malformed());
        }
        let out = &self.bytes[self.at..self.at + n];
        self.at += n;
        Ok(out)
    }

    fn byte(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        self.take(N)?.try_into().map_err(|_| malformed())
    }

    fn varint(&mut self) -> Result<u64> {
        let mut v = 0u64;
        for i in 0..10 {
            let b = self.byte()?;
            let bits = u64::from(b & 0x7F);
            // The tenth byte holds the top bit only.
            if i == 9 && bits > 1 {
                return Err(malformed());
            }
            v |= bits << (7 * i);
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(malformed())
    }

    fn signed(&mut self) -> Result<i64> {
        Ok(unzigzag(self.varint()?))
    }

    fn len(&mut self) -> Result<usize> {
        let n = usize::try_from(self.varint()?).map_err(|_| malformed())?;
        if n > self.left() {
            return Err(malformed());
        }
        Ok(n)
    }

    fn string(&mut self) -> Result<String> {
        let n = self.len()?;
        String::from_utf8(self.take(n)?.to_vec()).map_err(|_| malformed())
    }

    fn date(&mut self, hlc: Hlc) -> Result<NaiveDate> {
        let days = stamp_day(hlc)
            .checked_add(self.signed()?)
            .and_then(|d| i32::try_from(d).ok())
            .ok_or_else(malformed)?;
        NaiveDate::from_num_days_from_ce_opt(days).ok_or_else(malformed)
    }

    fn postcard<T: serde::de::DeserializeOwned>(&mut self) -> Result<T> {
        let (value, rest) =
            postcard::take_from_bytes::<T>(&self.bytes[self.at..]).map_err(|_| malformed())?;
        self.at = self.bytes.len() - rest.len();
        Ok(value)
    }
}

/// What the decoder keeps between ops.
struct Tables {
    devices: Vec<DeviceId>,
    entities: Vec<String>,
    prev: Prev,
}

impl Tables {
    fn device(&self, index: u64) -> Result<DeviceId> {
        usize::try_from(index)
            .ok()
            .and_then(|i| self.devices.get(i))
            .copied()
            .ok_or_else(malformed)
    }
}

fn read_entity(r: &mut Reader<'_>) -> Result<String> {
    match r.byte()? {
        ENTITY_TEXT => r.string(),
        kind => {
            let prefix = ENTITY_PREFIXES
                .get(usize::from(kind) - 1)
                .ok_or_else(malformed)?;
            let raw: [u8; 12] = r.array()?;
            Ok(format!("{prefix}{}", hex::encode(raw)))
        }
    }
}

fn read_op(r: &mut Reader<'_>, t: &mut Tables) -> Result<(Op, Option<OpTag>)> {
    let head = r.byte()?;
    let device = if head & H_DEVICE != 0 {
        r.varint()?
    } else {
        t.prev.device
    };
    let counter = if head & H_COUNTER != 0 {
        r.varint()?
    } else {
        t.prev.counter.checked_add(1).ok_or_else(malformed)?
    };
    let hlc = if head & H_WALL != 0 {
        let wall_ms = t.prev.hlc.wall_ms.wrapping_add(r.signed()?);
        let logical = if head & H_LOGICAL != 0 {
            u32::try_from(r.varint()?).map_err(|_| malformed())?
        } else {
            0
        };
        Hlc::new(wall_ms, logical)
    } else {
        let logical = if head & H_LOGICAL != 0 {
            u32::try_from(r.varint()?).map_err(|_| malformed())?
        } else {
            t.prev.hlc.logical.checked_add(1).ok_or_else(malformed)?
        };
        Hlc::new(t.prev.hlc.wall_ms, logical)
    };
    let entity = if head & H_NEW_ENTITY != 0 {
        let e = read_entity(r)?;
        t.entities.push(e.clone());
        e
    } else {
        let i = usize::try_from(r.varint()?).map_err(|_| malformed())?;
        t.entities.get(i).cloned().ok_or_else(malformed)?
    };
    let change = match head >> FORM_SHIFT {
        FORM_DONE => {
            let date = r.date(hlc)?;
            let words = r.byte()?;
            if words & !3 != 0 {
                return Err(malformed());
            }
            let note = (words & 1 != 0).then(|| r.string()).transpose()?;
            let feeling = (words & 2 != 0).then(|| r.string()).transpose()?;
            Change::done(date, note, feeling)
        }
        FORM_SKIPPED => Change::skipped(r.date(hlc)?),
        FORM_ENTRY => {
            let at_ms = hlc.wall_ms.wrapping_add(r.signed()?);
            let (change, rest) =
                Change::entry_from(at_ms, &r.bytes[r.at..]).ok_or_else(malformed)?;
            r.at = r.bytes.len() - rest.len();
            change
        }
        _ => r.postcard()?,
    };
    let tag = if head & H_NO_TAG != 0 {
        None
    } else {
        Some(r.array::<AUTH_LEN>()?)
    };
    t.prev = Prev {
        device,
        counter,
        hlc,
    };
    Ok((
        Op {
            device: t.device(device)?,
            counter,
            hlc,
            entity,
            change,
        },
        tag,
    ))
}

/// Reads a body `sender` (the envelope header's) wrote.
pub fn decode(sender: DeviceId, bytes: &[u8]) -> Result<Body> {
    let mut r = Reader { bytes, at: 0 };
    let flags = r.byte()?;
    if flags & !FLAGS != 0 {
        return Err(malformed());
    }
    let n = r.len()?;
    let mut t = Tables {
        devices: vec![sender],
        entities: Vec::new(),
        prev: Prev::default(),
    };
    for _ in 0..n {
        t.devices.push(DeviceId(r.array()?));
    }
    let mut body = Body::default();
    for _ in 0..r.len()? {
        let d = t.device(r.varint()?)?;
        body.ack.push((d, r.varint()?));
    }
    if flags & CONFIRM != 0 {
        let mac = r.array()?;
        let device_name = r.string()?;
        body.confirm = Some(KeyConfirmation { mac, device_name });
    }
    for _ in 0..r.len()? {
        let d = t.device(r.varint()?)?;
        body.lineage.push((d, r.varint()?));
    }
    if flags & PREKEY != 0 {
        let index = u32::try_from(r.varint()?).map_err(|_| malformed())?;
        body.prekey = Some((index, r.array()?));
    }
    if flags & YOUR_LAST != 0 {
        body.your_last = Some(r.array()?);
    }
    if flags & OWN_FLOOR != 0 {
        body.own_floor = Some(r.varint()?);
    }
    body.holds_confirmation = flags & HOLDS_CONFIRMATION != 0;
    for _ in 0..r.len()? {
        let (op, tag) = read_op(&mut r, &mut t)?;
        body.ops.push(op);
        body.auth.push(tag);
    }
    for _ in 0..r.len()? {
        match read_op(&mut r, &mut t)? {
            (op, Some(tag)) => body.yours.push((op, tag)),
            (_, None) => return Err(malformed()),
        }
    }
    if r.left() != 0 {
        return Err(malformed());
    }
    Ok(body)
}
