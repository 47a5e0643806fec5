//! Who is who in the log. Consent, withdrawal and "in effect" count the two
//! people of the pair, never device ids: this person (this phone, and the
//! phones it was restored from, each up to the op it was backed up at) and
//! the partner (their current phone and the phones it succeeded). Admission
//! (`sync::apply`) lets in only ops authored by the device that sealed the
//! payload or by a phone it was restored from, so the log holds no one else's
//! words; this module decides what each author's ops count for in a fold.
//!
//! A phone restored elsewhere keeps its device id on the old phone; the new
//! phone writes under a new id, so no (device, counter) is ever reused. Ops
//! the old phone wrote after its backup are not the restored phone's history:
//! they are left out of every fold (on both phones alike) and never enter the
//! log once the succession is known.

use std::collections::BTreeMap;

use rusqlite::{Connection, Transaction, params};

use crate::device::DeviceId;
use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Person {
    Me,
    Partner,
    /// Someone this phone was paired with before the current partner.
    Former,
}

impl Person {
    fn as_str(self) -> &'static str {
        match self {
            Person::Me => "me",
            Person::Partner => "partner",
            Person::Former => "former",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "me" => Person::Me,
            "partner" => Person::Partner,
            "former" => Person::Former,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Row {
    person: Person,
    /// A phone that was restored on another: its ops up to here count.
    until: Option<u64>,
}

/// One step of a phone's ancestry: `device` wrote ops up to `until`, then its
/// data went on on a restored phone.
pub type Handoff = (DeviceId, u64);

/// The people of the log, as this phone knows them.
#[derive(Debug, Clone)]
pub struct People {
    me: DeviceId,
    rows: BTreeMap<DeviceId, Row>,
}

impl People {
    pub fn load(conn: &Connection, me: DeviceId) -> Result<People> {
        let mut stmt = conn.prepare_cached("SELECT device, person, until_counter FROM people")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, Vec<u8>>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<i64>>(2)?,
            ))
        })?;
        let mut out = BTreeMap::new();
        for row in rows {
            let (device, person, until) = row?;
            let person = Person::parse(&person)
                .ok_or_else(|| Error::Corrupt("a person in the people table is unknown".into()))?;
            out.insert(
                DeviceId::from_slice(&device)?,
                Row {
                    person,
                    until: until.map(|u| u as u64),
                },
            );
        }
        Ok(People { me, rows: out })
    }

    /// The partner's current phone: the one partner device not succeeded.
    pub fn partner(&self) -> Option<DeviceId> {
        self.rows
            .iter()
            .find(|(_, r)| r.person == Person::Partner && r.until.is_none())
            .map(|(d, _)| *d)
    }

    pub fn person_of(&self, device: DeviceId) -> Option<Person> {
        if device == self.me {
            return Some(Person::Me);
        }
        self.rows.get(&device).map(|r| r.person)
    }

    /// A partner's phone that was restored on another: its later payloads
    /// are refused.
    pub fn is_succeeded_partner(&self, device: DeviceId) -> bool {
        self.rows
            .get(&device)
            .is_some_and(|r| r.person == Person::Partner && r.until.is_some())
    }

    pub fn is_me(&self, device: DeviceId) -> bool {
        self.person_of(device) == Some(Person::Me)
    }

    /// The device an op counts for in a fold: this phone for this person's
    /// ops, the partner's current phone for theirs; `None` for an op that
    /// counts for no one (a former partner's, an unknown author's, or one a
    /// phone wrote after it was restored elsewhere).
    pub fn canonical(&self, device: DeviceId, counter: u64) -> Option<DeviceId> {
        if device == self.me {
            return Some(self.me);
        }
        let row = self.rows.get(&device)?;
        if row.until.is_some_and(|u| counter > u) {
            return None;
        }
        match row.person {
            Person::Me => Some(self.me),
            Person::Partner => Some(self.partner().unwrap_or(device)),
            Person::Former => None,
        }
    }

    /// This person's ancestry: the phones this one was restored from, with
    /// the op each was backed up at. Sent in every payload so the partner can
    /// follow a restore.
    pub fn my_lineage(&self) -> Vec<Handoff> {
        self.lineage_of(Person::Me)
    }

    pub fn partner_lineage(&self) -> Vec<Handoff> {
        self.lineage_of(Person::Partner)
    }

    fn lineage_of(&self, person: Person) -> Vec<Handoff> {
        self.rows
            .iter()
            .filter(|(_, r)| r.person == person)
            .filter_map(|(d, r)| r.until.map(|u| (*d, u)))
            .collect()
    }

    /// Whether `device` may author ops arriving from `sender` (whose declared
    /// ancestry is `lineage`), and up to which counter.
    pub fn may_author(sender: DeviceId, lineage: &[Handoff], device: DeviceId) -> Option<u64> {
        if device == sender {
            return Some(u64::MAX);
        }
        lineage.iter().find(|(d, _)| *d == device).map(|(_, u)| *u)
    }
}

fn set_row(
    tx: &Transaction<'_>,
    device: DeviceId,
    person: Person,
    until: Option<u64>,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO people (device, person, until_counter) VALUES (?1, ?2, ?3)
         ON CONFLICT (device) DO UPDATE SET person = excluded.person, until_counter = excluded.until_counter",
    )?
    .execute(params![
        device.0.as_slice(),
        person.as_str(),
        until.map(|u| u as i64)
    ])?;
    Ok(())
}

/// What learning who sent a payload changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Learned {
    /// The people changed: every shared entity must be folded again.
    pub refold_all: bool,
    /// Ops the partner's old phone wrote after the backup its new phone was
    /// restored from: they stay in the log but count no more.
    pub set_aside: u32,
}

/// Checks a sender and its declared ancestry against what this phone knows,
/// and records what is new: the partner's first phone, a partner's phone
/// restored on a new one, or a new partner (the earlier one's ops then count
/// for no one).
pub fn learn_sender(
    tx: &Transaction<'_>,
    me: DeviceId,
    sender: DeviceId,
    lineage: &[Handoff],
) -> Result<Learned> {
    let people = People::load(tx, me)?;
    let refuse = |reason: &str| Err(Error::PayloadRejected(reason.into()));
    if people.is_me(sender) || lineage.iter().any(|(d, _)| people.is_me(*d)) {
        return refuse("the payload claims to come from this person's own phone");
    }
    if lineage.iter().any(|(d, _)| *d == sender) {
        return refuse("the payload's sender names itself as the phone it was restored from");
    }
    if lineage
        .iter()
        .any(|(d, _)| people.person_of(*d) == Some(Person::Former))
    {
        return refuse("the payload claims to continue a phone this phone was paired with before");
    }
    match people.person_of(sender) {
        Some(Person::Partner) => {
            if people.is_succeeded_partner(sender) {
                return refuse(
                    "this data comes from a phone that was restored on another phone; \
                     its changes after the backup are not imported",
                );
            }
            // A phone's ancestry is fixed when it is restored: a known
            // partner phone cannot add phones to it later.
            let known = people.partner_lineage();
            if lineage.iter().any(|h| !known.contains(h)) {
                return refuse("the payload names phones its sender was not restored from");
            }
            return Ok(Learned::default());
        }
        Some(Person::Former) => {
            return refuse("the payload comes from a phone this phone was paired with before");
        }
        Some(Person::Me) | None => {}
    }
    let current = people.partner();
    let continues = current.is_some_and(|c| lineage.iter().any(|(d, _)| *d == c));
    let mut learned = Learned {
        refold_all: true,
        set_aside: 0,
    };
    if !continues {
        // A new partner: whoever was the partner before is a former one.
        tx.execute(
            "UPDATE people SET person = 'former' WHERE person = 'partner'",
            [],
        )?;
    }
    for (device, until) in lineage {
        if continues {
            let beyond: i64 = tx
                .prepare_cached("SELECT COUNT(*) FROM ops WHERE device = ?1 AND counter > ?2")?
                .query_row(params![device.0.as_slice(), *until as i64], |r| r.get(0))?;
            learned.set_aside += u32::try_from(beyond).unwrap_or(u32::MAX);
        }
        set_row(tx, *device, Person::Partner, Some(*until))?;
    }
    set_row(tx, sender, Person::Partner, None)?;
    Ok(learned)
}

/// A restore: this new phone continues `exported` (and the phones that one
/// was restored from), and knows the partner the export knew.
pub fn record_restore(
    tx: &Transaction<'_>,
    exported: DeviceId,
    exported_until: u64,
    my_lineage: &[Handoff],
    partner: Option<DeviceId>,
    partner_lineage: &[Handoff],
) -> Result<()> {
    for (device, until) in my_lineage {
        set_row(tx, *device, Person::Me, Some(*until))?;
    }
    set_row(tx, exported, Person::Me, Some(exported_until))?;
    if let Some(p) = partner {
        for (device, until) in partner_lineage {
            set_row(tx, *device, Person::Partner, Some(*until))?;
        }
        set_row(tx, p, Person::Partner, None)?;
    }
    Ok(())
}
