//! The app lock: the core decides when the app must ask for the platform's
//! own user authentication (biometrics or the device credential); the
//! shells carry it out. Off, or on with a grace time after leaving the app.
//! When it is on, export, plaintext export, unpairing, the clean exit and
//! wiping ask again, whatever the grace time: someone handed an unlocked
//! phone must not take or destroy the record with it.

use rusqlite::{Connection, Transaction};

use crate::clock::Millis;
use crate::error::{Error, Result};
use crate::store;

/// The longest grace time after leaving the app: one hour.
pub const MAX_AFTER_SECONDS: u32 = 3600;
const LOCK_ON: &str = "lock_on";
const LOCK_AFTER: &str = "lock_after_s";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppLock {
    Off,
    /// Ask again once the app was away this long (0: every time).
    On {
        after_seconds: u32,
    },
}

/// What asks for the lock again even within the grace time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guarded {
    Export,
    PlaintextExport,
    Unpair,
    /// Stopping the shared things here or deleting the partner's data.
    CleanExit,
    Wipe,
}

impl AppLock {
    pub fn validate(self) -> Result<Self> {
        match self {
            AppLock::On { after_seconds } if after_seconds > MAX_AFTER_SECONDS => {
                Err(Error::invalid(format!(
                    "the app lock's grace time is 0 to {MAX_AFTER_SECONDS} seconds, got {after_seconds}"
                )))
            }
            lock => Ok(lock),
        }
    }

    /// Whether the app must ask again when it comes back after `away_ms`
    /// (None: it is starting, so it always asks when the lock is on). A
    /// negative time away (the clock went back) asks too.
    pub fn due(self, away_ms: Option<Millis>) -> bool {
        match (self, away_ms) {
            (AppLock::Off, _) => false,
            (AppLock::On { .. }, None) => true,
            (AppLock::On { after_seconds }, Some(away)) => {
                away < 0 || away >= Millis::from(after_seconds) * 1000
            }
        }
    }

    /// Whether `action` asks again first.
    pub fn guards(self, _action: Guarded) -> bool {
        matches!(self, AppLock::On { .. })
    }
}

pub fn load(conn: &Connection) -> Result<AppLock> {
    if store::meta_i64(conn, LOCK_ON, 0)? != 1 {
        return Ok(AppLock::Off);
    }
    let after = store::meta_i64(conn, LOCK_AFTER, 0)?;
    let after_seconds = u32::try_from(after)
        .ok()
        .filter(|s| *s <= MAX_AFTER_SECONDS)
        .ok_or_else(|| Error::Corrupt("the app lock's grace time is out of range".into()))?;
    Ok(AppLock::On { after_seconds })
}

pub fn save(tx: &Transaction<'_>, lock: AppLock) -> Result<()> {
    let (on, after) = match lock.validate()? {
        AppLock::Off => (0, 0),
        AppLock::On { after_seconds } => (1, i64::from(after_seconds)),
    };
    store::set_meta_i64(tx, LOCK_ON, on)?;
    store::set_meta_i64(tx, LOCK_AFTER, after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_asks_after_its_grace_time_and_always_at_start() {
        let off = AppLock::Off;
        assert!(!off.due(None) && !off.due(Some(i64::MAX)));
        let minute = AppLock::On { after_seconds: 60 };
        assert!(minute.due(None), "a cold start asks");
        assert!(!minute.due(Some(59_999)));
        assert!(minute.due(Some(60_000)));
        assert!(minute.due(Some(-1)), "a clock that went back asks");
        let always = AppLock::On { after_seconds: 0 };
        assert!(always.due(Some(0)));
    }

    #[test]
    fn guarded_actions_ask_whenever_the_lock_is_on() {
        for action in [
            Guarded::Export,
            Guarded::PlaintextExport,
            Guarded::Unpair,
            Guarded::CleanExit,
            Guarded::Wipe,
        ] {
            assert!(
                AppLock::On {
                    after_seconds: 3600
                }
                .guards(action)
            );
            assert!(!AppLock::Off.guards(action));
        }
    }

    #[test]
    fn a_grace_time_past_an_hour_is_refused() {
        assert!(
            AppLock::On {
                after_seconds: 3601
            }
            .validate()
            .is_err()
        );
        assert!(
            AppLock::On {
                after_seconds: 3600
            }
            .validate()
            .is_ok()
        );
    }
}
