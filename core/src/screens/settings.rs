//! This phone's settings as the core words them: the app lock (its choices,
//! the one chosen) and, after unpairing, the clean exit (what is still
//! offered, what was done since). Before, each shell decided the lock's
//! choices and read the clean exit out of the audit itself, with its own
//! words; the iOS hint named a different place to fix a missing passcode.
//! Also the words the lock's prompts and the clean exit's results use.

use crate::Core;
use crate::catalog::{Arg, Locale};
use crate::error::Result;
use crate::export::mirror::{AuditChange, AuditEntry};
use crate::lock::{AppLock, Guarded};
use crate::pairing::PairingStatus;

/// The grace times offered, in seconds: every time, after 1, 5, 15 minutes.
const GRACE_OFFERED: [u32; 4] = [0, 60, 300, 900];

/// One choice of the app lock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockChoice {
    pub label: String,
    pub setting: AppLock,
    /// The setting in effect now.
    pub chosen: bool,
}

/// A step of the clean exit; both act on this phone alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CleanExitStep {
    /// Stop the shared rituals, agreements and pauses here.
    StopShared,
    /// Delete what the partner shared from this phone.
    DeletePartnerData,
}

impl CleanExitStep {
    pub const ALL: [CleanExitStep; 2] =
        [CleanExitStep::StopShared, CleanExitStep::DeletePartnerData];

    fn audited_as(self) -> AuditChange {
        match self {
            CleanExitStep::StopShared => AuditChange::StoppedShared,
            CleanExitStep::DeletePartnerData => AuditChange::DeletedPartnerData,
        }
    }

    fn key(self) -> &'static str {
        match self {
            CleanExitStep::StopShared => "stop-shared",
            CleanExitStep::DeletePartnerData => "delete-partner-data",
        }
    }

    /// What a step did, after it ran: "Stopped 3 shared things on this phone."
    pub fn result(self, count: u32, l: Locale) -> String {
        l.say_with(
            &format!("exit-{}-result", self.key()),
            &[("count", Arg::Num(i64::from(count)))],
        )
    }
}

/// A step still offered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanExitOffer {
    pub step: CleanExitStep,
    pub label: String,
    pub explanation: String,
}

/// The clean exit, shown once this phone unpaired (and is not paired again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanExit {
    pub heading: String,
    pub note: String,
    /// In order; a step done since the latest unpairing is not offered again.
    pub offers: Vec<CleanExitOffer>,
    /// The steps done since the latest unpairing, in words.
    pub done: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsScreen {
    pub lock_heading: String,
    pub lock_hint: String,
    /// Off, then the grace times offered; the setting in effect is among
    /// them (a grace time set elsewhere is added in its place).
    pub lock_choices: Vec<LockChoice>,
    pub clean_exit: Option<CleanExit>,
}

/// The words around the lock's prompts, for the shell to hand the platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockWords {
    /// The reason shown by the platform's prompt when the app opens.
    pub unlock_reason: String,
    /// What shows instead of any content while locked.
    pub locked: String,
    pub unlock_button: String,
    /// After a refused or cancelled prompt before a guarded action.
    pub refused: String,
    /// What to do when the phone has no screen lock of its own.
    pub hint: String,
}

impl LockWords {
    pub fn new(l: Locale) -> LockWords {
        LockWords {
            unlock_reason: l.say("lock-unlock-reason"),
            locked: l.say("lock-locked"),
            unlock_button: l.say("lock-unlock-button"),
            refused: l.say("lock-refused"),
            hint: l.say("lock-hint"),
        }
    }
}

/// The reason the platform's prompt shows before a guarded action.
pub fn guard_reason(action: Guarded, l: Locale) -> String {
    l.say(match action {
        Guarded::Export => "lock-guard-export",
        Guarded::PlaintextExport => "lock-guard-plaintext-export",
        Guarded::Unpair => "lock-guard-unpair",
        Guarded::CleanExit => "lock-guard-clean-exit",
        Guarded::Wipe => "lock-guard-wipe",
    })
}

fn lock_label(setting: AppLock, l: Locale) -> String {
    match setting {
        AppLock::Off => l.say("lock-off"),
        AppLock::On { after_seconds: 0 } => l.say("lock-every-time"),
        AppLock::On { after_seconds } => l.say_with(
            "lock-after",
            &[("minutes", Arg::Num(i64::from(after_seconds.div_ceil(60))))],
        ),
    }
}

fn lock_choices(current: AppLock, l: Locale) -> Vec<LockChoice> {
    let mut settings: Vec<AppLock> = std::iter::once(AppLock::Off)
        .chain(GRACE_OFFERED.map(|after_seconds| AppLock::On { after_seconds }))
        .collect();
    if !settings.contains(&current) {
        // Set by the CLI (any grace time up to an hour): shown, in order.
        settings.push(current);
        settings.sort_by_key(|s| match s {
            AppLock::Off => None,
            AppLock::On { after_seconds } => Some(*after_seconds),
        });
    }
    settings
        .into_iter()
        .map(|setting| LockChoice {
            label: lock_label(setting, l),
            setting,
            chosen: setting == current,
        })
        .collect()
}

/// The clean exit from the pairing status and this phone's audit (newest
/// first): offered once it unpaired and while it is not paired again.
fn clean_exit(status: &PairingStatus, audit: &[AuditEntry], l: Locale) -> Option<CleanExit> {
    if !matches!(status, PairingStatus::Unpaired) {
        return None;
    }
    let own: Vec<AuditChange> = audit
        .iter()
        .filter(|a| a.id.is_empty())
        .map(|a| a.change)
        .collect();
    let unpaired_at = own.iter().position(|c| *c == AuditChange::Unpaired)?;
    let since = &own[..unpaired_at];
    let (done, offered): (Vec<CleanExitStep>, Vec<CleanExitStep>) = CleanExitStep::ALL
        .into_iter()
        .partition(|s| since.contains(&s.audited_as()));
    Some(CleanExit {
        heading: l.say("exit-heading"),
        note: l.say("exit-note"),
        offers: offered
            .into_iter()
            .map(|step| CleanExitOffer {
                step,
                label: l.say(&format!("exit-{}", step.key())),
                explanation: l.say(&format!("exit-{}-explained", step.key())),
            })
            .collect(),
        done: done
            .into_iter()
            .map(|s| l.say(&format!("exit-{}-done", s.key())))
            .collect(),
    })
}

/// This phone's own events (exports, unpairing, the clean exit, the lock),
/// newest first: all the clean exit needs. Not the whole audit, which reads
/// every op this person ever shared and grows with the years.
fn own_events(core: &Core) -> Result<Vec<AuditEntry>> {
    let mut own = crate::export::mirror::device_audit(core.store.conn())?;
    own.reverse();
    Ok(own)
}

impl Core {
    /// The settings screen, worded in this phone's language.
    pub fn settings_screen(&self) -> Result<SettingsScreen> {
        let l = self.locale();
        Ok(SettingsScreen {
            lock_heading: l.say("lock-heading"),
            lock_hint: l.say("lock-hint"),
            lock_choices: lock_choices(self.app_lock()?, l),
            clean_exit: clean_exit(&self.pairing_status()?, &own_events(self)?, l),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn own(change: AuditChange) -> AuditEntry {
        AuditEntry {
            at_ms: 0,
            change,
            id: String::new(),
        }
    }

    #[test]
    fn the_lock_offers_off_and_four_grace_times_with_the_chosen_one_marked() {
        let c = lock_choices(AppLock::On { after_seconds: 300 }, Locale::En);
        assert_eq!(
            c.iter().map(|c| c.label.as_str()).collect::<Vec<_>>(),
            [
                "Off",
                "Every time",
                "After 1 minute away",
                "After 5 minutes away",
                "After 15 minutes away"
            ]
        );
        assert_eq!(c.iter().filter(|c| c.chosen).count(), 1);
        assert!(c[3].chosen);
        // A grace time set elsewhere (the CLI) is shown in its place, chosen.
        let odd = lock_choices(AppLock::On { after_seconds: 120 }, Locale::De);
        assert_eq!(odd.len(), 6);
        assert_eq!(odd[3].label, "Nach 2 Minuten weg");
        assert!(odd[3].chosen);
    }

    #[test]
    fn the_clean_exit_shows_after_unpairing_and_remembers_what_was_done_since() {
        let unpaired = PairingStatus::Unpaired;
        assert_eq!(clean_exit(&unpaired, &[], Locale::En), None, "never paired");
        let after = [own(AuditChange::Unpaired), own(AuditChange::LockOn)];
        let exit = clean_exit(&unpaired, &after, Locale::En).unwrap();
        assert_eq!(exit.heading, "You unpaired this phone");
        assert_eq!(
            exit.offers.iter().map(|o| o.step).collect::<Vec<_>>(),
            CleanExitStep::ALL
        );
        assert!(exit.done.is_empty());
        // Stopped since; an older deletion (before this unpairing) does not count.
        let later = [
            own(AuditChange::StoppedShared),
            own(AuditChange::Unpaired),
            own(AuditChange::DeletedPartnerData),
            own(AuditChange::Unpaired),
        ];
        let exit = clean_exit(&unpaired, &later, Locale::En).unwrap();
        assert_eq!(
            exit.offers.iter().map(|o| o.step).collect::<Vec<_>>(),
            [CleanExitStep::DeletePartnerData]
        );
        assert_eq!(
            exit.done,
            ["The shared rituals and agreements are stopped on this phone."]
        );
        // Paired again: nothing to exit from.
        let paired = PairingStatus::Offering { expires_at_ms: 1 };
        assert_eq!(clean_exit(&paired, &later, Locale::En), None);
    }

    #[test]
    fn results_count_in_words_in_both_languages() {
        assert_eq!(
            CleanExitStep::StopShared.result(1, Locale::En),
            "Stopped 1 shared thing on this phone."
        );
        assert_eq!(
            CleanExitStep::DeletePartnerData.result(3, Locale::En),
            "Deleted 3 of your partner's entries from this phone."
        );
        assert_eq!(
            CleanExitStep::StopShared.result(2, Locale::De),
            "2 gemeinsame Dinge auf diesem Handy beendet."
        );
        assert_eq!(
            guard_reason(Guarded::Wipe, Locale::En),
            "Confirm it's you to erase Tandem from this phone"
        );
        assert_eq!(LockWords::new(Locale::De).unlock_button, "Entsperren");
    }
}
