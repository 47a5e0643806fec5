//! Rest weeks: a week (Monday to Sunday, by each occurrence's own local date)
//! the couple takes off from every shared ritual. Those occurrences count as
//! neither kept nor missed and get no reminders; a personal ritual is one
//! person's own and goes on (`occurrences_of` decides). Either partner may
//! declare one or call it off; it is a shared op on the week, and the later
//! op wins.

use std::collections::BTreeSet;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use rusqlite::{Connection, Transaction, params};

use crate::capability::{self, Capability};
use crate::catalog::{Arg, date_short};
use crate::change::{Change, Kind};
use crate::clock::Millis;
use crate::device::DeviceId;
use crate::error::{Error, Result};
use crate::schedule;
use crate::store::Sealer;
use crate::sync::log::EntityOps;
use crate::sync::{self, Op};
use crate::tell::{News, Teller};
use crate::zone::Zone;

pub mod change;
pub use change::RestChange;

const ENTITY_PREFIX: &str = "rest:";
/// How far back a rest week may still be declared ("last week was too much").
const MAX_PAST_DAYS: i64 = 28;
/// How far ahead a rest week may be declared.
const MAX_AHEAD_DAYS: i64 = 366;

/// The Monday of `date`'s ISO week.
pub fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

pub fn entity(monday: NaiveDate) -> String {
    format!("{ENTITY_PREFIX}{monday}")
}

/// The week an op's entity names, if it names a well-formed one (a Monday,
/// written the one canonical way).
pub fn entity_monday(entity: &str) -> Option<NaiveDate> {
    let text = entity.strip_prefix(ENTITY_PREFIX)?;
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    (date.weekday() == Weekday::Mon && date.to_string() == text).then_some(date)
}

/// Declares (or calls off) the rest week holding `date`, after checking it
/// is within reach of `today` and would change something.
pub fn set(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    device: DeviceId,
    now: Millis,
    today: NaiveDate,
    date: NaiveDate,
    rest: bool,
) -> Result<NaiveDate> {
    let monday = monday_of(date);
    if monday < monday_of(today) - Duration::days(MAX_PAST_DAYS) {
        return Err(Error::invalid(format!(
            "a rest week can be declared at most {} weeks back",
            MAX_PAST_DAYS / 7
        )));
    }
    if monday > today + Duration::days(MAX_AHEAD_DAYS) {
        return Err(Error::invalid(
            "a rest week can be declared at most a year ahead",
        ));
    }
    let declared = weeks(tx)?.contains(&monday);
    match (rest, declared) {
        (true, true) => return Ok(monday),
        (false, false) => {
            return Err(Error::not_found(format!(
                "the week of {monday} is not a rest week"
            )));
        }
        _ => {}
    }
    let change = if rest {
        RestChange::Declared
    } else {
        RestChange::CalledOff
    };
    sync::record(
        tx,
        sealer,
        &RestWeeks,
        device,
        now,
        entity(monday),
        Change::Rest(change),
    )?;
    Ok(monday)
}

/// Rebuilds one week's row from its ops (in fold order): the last word wins.
fn refold(tx: &Transaction<'_>, monday: NaiveDate, ops: &[Op]) -> Result<()> {
    tx.prepare_cached("DELETE FROM rest_weeks WHERE monday = ?1")?
        .execute([monday.to_string()])?;
    let last = ops.iter().rev().find_map(|op| match &op.change {
        Change::Rest(c) => Some((op.device, *c)),
        _ => None,
    });
    if let Some((by, RestChange::Declared)) = last {
        tx.prepare_cached("INSERT INTO rest_weeks (monday, declared_by) VALUES (?1, ?2)")?
            .execute(params![monday.to_string(), by.0.as_slice()])?;
    }
    Ok(())
}

/// The Mondays of every rest week, earliest first.
pub fn weeks(conn: &Connection) -> Result<BTreeSet<NaiveDate>> {
    let mut stmt = conn.prepare_cached("SELECT monday FROM rest_weeks ORDER BY monday")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut out = BTreeSet::new();
    for row in rows {
        let text = row?;
        let date = NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .map_err(|_| crate::error::Error::Corrupt("a rest week is not a date".into()))?;
        out.insert(date);
    }
    Ok(out)
}

/// Every rest week with who declared it.
pub fn weeks_declared(conn: &Connection) -> Result<Vec<(NaiveDate, crate::device::DeviceId)>> {
    let mut stmt =
        conn.prepare_cached("SELECT monday, declared_by FROM rest_weeks ORDER BY monday")?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (text, by) = row?;
        let date = NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .map_err(|_| crate::error::Error::Corrupt("a rest week is not a date".into()))?;
        out.push((date, crate::device::DeviceId::from_slice(&by)?));
    }
    Ok(out)
}

/// Whether a shared ritual's occurrence on this local date falls in a rest
/// week.
pub fn resting(weeks: &BTreeSet<NaiveDate>, date: NaiveDate) -> bool {
    weeks.contains(&monday_of(date))
}

/// Today's date for a device in `zone` (rest weeks are counted in local dates).
pub fn today(now: Millis, zone: Zone) -> Result<NaiveDate> {
    Ok(schedule::instant(now)?.with_timezone(&zone).date_naive())
}

/// Rest weeks as a capability: shared, the last word wins.
pub struct RestWeeks;

impl Capability for RestWeeks {
    fn news(
        &self,
        conn: &Connection,
        sealer: &Sealer,
        op: &Op,
        teller: &Teller,
    ) -> Result<Option<News>> {
        let _ = (conn, sealer);
        let (Change::Rest(c), Some(monday)) = (&op.change, entity_monday(&op.entity)) else {
            return Ok(None);
        };
        let date = date_short(teller.locale, monday);
        let id = match c {
            RestChange::Declared => "news-rest-declared",
            RestChange::CalledOff => "news-rest-called-off",
        };
        Ok(Some(teller.tell(
            &op.entity,
            id,
            &[("date", Arg::Str(&date))],
        )))
    }

    fn kind(&self) -> Kind {
        Kind::Rest
    }

    fn owns(&self, entity: &str) -> bool {
        entity_monday(entity).is_some()
    }

    fn validate(&self, op: &Op) -> Result<()> {
        if !matches!(op.change, Change::Rest(_)) {
            return Err(capability::not_mine());
        }
        match entity_monday(&op.entity) {
            Some(monday) => crate::validate::date("rest week", monday).map(|_| ()),
            None => Err(Error::invalid(
                "a rest-week op names an entity that is not a week",
            )),
        }
    }

    fn refold(&self, tx: &Transaction<'_>, _: &Sealer, ops: &EntityOps<'_>) -> Result<()> {
        match entity_monday(ops.entity()) {
            Some(monday) => refold(tx, monday, &ops.shared()?),
            None => Ok(()),
        }
    }

    fn dump(&self, conn: &Connection, _: &Sealer) -> Result<String> {
        Ok(weeks(conn)?
            .into_iter()
            .map(|monday| format!("rest week {monday}\n"))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_are_named_by_their_monday_one_way_only() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(monday_of(d("2026-11-22")), d("2026-11-16"));
        assert_eq!(monday_of(d("2026-11-23")), d("2026-11-23"));
        assert_eq!(entity_monday("rest:2026-11-23"), Some(d("2026-11-23")));
        for bad in [
            "rest:2026-11-22",
            "rest:2026-11-23x",
            "ritual:2026-11-23",
            "rest:+2026-11-23",
            "rest:",
        ] {
            assert_eq!(entity_monday(bad), None, "{bad}");
        }
    }
}
