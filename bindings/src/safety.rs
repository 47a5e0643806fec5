//! Safe when someone else holds the phone: the app lock the core decides
//! and the shells carry out, and the clean exit after unpairing.

use tandem_core::lock;

use crate::{Result, Tandem};

/// The app lock: off, or on with a grace time after leaving the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum AppLock {
    Off,
    /// Ask for the platform's user authentication again once the app was
    /// away `after_seconds` (0 to 3600; 0 asks every time).
    On {
        after_seconds: u32,
    },
}

/// What asks for the lock again, whatever the grace time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum GuardedAction {
    Export,
    PlaintextExport,
    Unpair,
    /// Stopping the shared things here or deleting the partner's data.
    CleanExit,
    Wipe,
}

impl From<lock::AppLock> for AppLock {
    fn from(l: lock::AppLock) -> Self {
        match l {
            lock::AppLock::Off => AppLock::Off,
            lock::AppLock::On { after_seconds } => AppLock::On { after_seconds },
        }
    }
}

impl From<AppLock> for lock::AppLock {
    fn from(l: AppLock) -> Self {
        match l {
            AppLock::Off => lock::AppLock::Off,
            AppLock::On { after_seconds } => lock::AppLock::On { after_seconds },
        }
    }
}

impl From<GuardedAction> for lock::Guarded {
    fn from(a: GuardedAction) -> Self {
        match a {
            GuardedAction::Export => lock::Guarded::Export,
            GuardedAction::PlaintextExport => lock::Guarded::PlaintextExport,
            GuardedAction::Unpair => lock::Guarded::Unpair,
            GuardedAction::CleanExit => lock::Guarded::CleanExit,
            GuardedAction::Wipe => lock::Guarded::Wipe,
        }
    }
}

#[uniffi::export]
impl Tandem {
    /// The app lock setting (Off on a new install).
    pub fn app_lock(&self) -> Result<AppLock> {
        self.with(|c| c.app_lock()).map(Into::into)
    }

    /// Sets the app lock; a grace time past 3600 seconds is `InvalidInput`
    /// and changes nothing. Switching it on or off shows in the audit.
    pub fn set_app_lock(&self, setting: AppLock) -> Result<()> {
        self.with(|c| c.set_app_lock(setting.into()))
    }

    /// Whether the shell must ask for the platform's user authentication
    /// before showing anything: `away_ms` is how long the app was in the
    /// background, or None when it is starting.
    pub fn lock_due(&self, away_ms: Option<i64>) -> Result<bool> {
        self.with(|c| Ok(c.app_lock()?.due(away_ms)))
    }

    /// Whether `action` must ask for the platform's user authentication
    /// first (always, while the lock is on).
    pub fn needs_unlock_for(&self, action: GuardedAction) -> Result<bool> {
        self.with(|c| Ok(c.app_lock()?.guards(action.into())))
    }

    /// After `unpair`: stops the shared rituals, agreements and pauses on
    /// this phone alone; their reminders stop at once. `NotAllowed` while
    /// still paired. Returns how many it stopped.
    pub fn stop_shared(&self) -> Result<u32> {
        self.with(|c| c.stop_shared())
            .map(|n| u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// After `unpair`: deletes the partner's check-ins, appreciations,
    /// repairs, phrases, boundaries, pauses and marks (with their notes and
    /// feelings) from this phone, keeping this person's own. `NotAllowed`
    /// while still paired. Returns how many of the partner's changes went.
    pub fn delete_partner_data(&self) -> Result<u32> {
        self.with(|c| c.delete_partner_data())
            .map(|n| u32::try_from(n).unwrap_or(u32::MAX))
    }
}
