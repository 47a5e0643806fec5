//! This phone's own record of what was done with it, for the sharing audit:
//! exports, unpairing and a clean exit, the app lock switched, and a wipe of
//! an earlier Tandem here. Someone who held the phone cannot do any of it
//! unseen. Only a kind and a time are kept: no user text, no keys.

use rusqlite::{Connection, Transaction, params};

use crate::clock::Millis;
use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceEvent {
    /// Everything exported, sealed with a passphrase.
    Exported,
    /// Everything exported unsealed.
    ExportedPlaintext,
    /// Rituals exported as a calendar file.
    ExportedCalendar,
    Unpaired,
    /// The shared rituals, agreements and pauses stopped on this phone.
    StoppedShared,
    /// The partner's shared records deleted from this phone.
    DeletedPartnerData,
    LockOn,
    LockOff,
    /// An earlier Tandem on this phone was wiped (noted by the next one).
    Wiped,
}

impl DeviceEvent {
    fn as_str(self) -> &'static str {
        match self {
            DeviceEvent::Exported => "exported",
            DeviceEvent::ExportedPlaintext => "exported_plaintext",
            DeviceEvent::ExportedCalendar => "exported_calendar",
            DeviceEvent::Unpaired => "unpaired",
            DeviceEvent::StoppedShared => "stopped_shared",
            DeviceEvent::DeletedPartnerData => "deleted_partner_data",
            DeviceEvent::LockOn => "lock_on",
            DeviceEvent::LockOff => "lock_off",
            DeviceEvent::Wiped => "wiped",
        }
    }

    fn parse(s: &str) -> Result<Self> {
        Ok(match s {
            "exported" => DeviceEvent::Exported,
            "exported_plaintext" => DeviceEvent::ExportedPlaintext,
            "exported_calendar" => DeviceEvent::ExportedCalendar,
            "unpaired" => DeviceEvent::Unpaired,
            "stopped_shared" => DeviceEvent::StoppedShared,
            "deleted_partner_data" => DeviceEvent::DeletedPartnerData,
            "lock_on" => DeviceEvent::LockOn,
            "lock_off" => DeviceEvent::LockOff,
            "wiped" => DeviceEvent::Wiped,
            _ => return Err(Error::Corrupt("a device event has an unknown kind".into())),
        })
    }
}

pub fn record(tx: &Transaction<'_>, at_ms: Millis, event: DeviceEvent) -> Result<()> {
    tx.prepare_cached("INSERT INTO device_events (at_ms, kind) VALUES (?1, ?2)")?
        .execute(params![at_ms, event.as_str()])?;
    Ok(())
}

/// Every event, oldest first.
pub fn list(conn: &Connection) -> Result<Vec<(Millis, DeviceEvent)>> {
    let mut stmt = conn.prepare_cached("SELECT at_ms, kind FROM device_events ORDER BY seq")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (at, kind) = row?;
        out.push((at, DeviceEvent::parse(&kind)?));
    }
    Ok(out)
}
