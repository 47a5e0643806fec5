//! The settings screen across the FFI: the app lock's choices, the clean
//! exit after unpairing, and the words of the lock's prompts.

use tandem_core::catalog::Locale;
use tandem_core::screens::settings as core;

use crate::{AppLock, GuardedAction, Result, Tandem};

/// One choice of the app lock, with its words; `chosen` marks the setting in effect.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LockChoice {
    pub label: String,
    pub setting: AppLock,
    pub chosen: bool,
}

/// A step of the clean exit, on this phone alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum CleanExitStep {
    /// `stop_shared`.
    StopShared,
    /// `delete_partner_data`.
    DeletePartnerData,
}

/// A step still offered, with its button and what it does.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CleanExitOffer {
    pub step: CleanExitStep,
    pub label: String,
    pub explanation: String,
}

/// The clean exit, once this phone unpaired.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CleanExitSection {
    pub heading: String,
    pub note: String,
    pub offers: Vec<CleanExitOffer>,
    /// The steps done since the latest unpairing, in words.
    pub done: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SettingsScreenModel {
    pub lock_heading: String,
    pub lock_hint: String,
    pub lock_choices: Vec<LockChoice>,
    /// None until this phone unpaired (and while it is paired again).
    pub clean_exit: Option<CleanExitSection>,
}

/// A clean exit step done: how many things it touched, in words.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CleanExitDone {
    pub count: u32,
    pub text: String,
}

/// The words around the lock's prompts.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LockWords {
    pub unlock_reason: String,
    pub locked: String,
    pub unlock_button: String,
    pub refused: String,
    pub hint: String,
}

fn step(s: core::CleanExitStep) -> CleanExitStep {
    match s {
        core::CleanExitStep::StopShared => CleanExitStep::StopShared,
        core::CleanExitStep::DeletePartnerData => CleanExitStep::DeletePartnerData,
    }
}

#[uniffi::export]
impl Tandem {
    /// The settings screen in this phone's language.
    pub fn settings_screen(&self) -> Result<SettingsScreenModel> {
        let s = self.with(|c| c.settings_screen())?;
        Ok(SettingsScreenModel {
            lock_heading: s.lock_heading,
            lock_hint: s.lock_hint,
            lock_choices: s
                .lock_choices
                .into_iter()
                .map(|c| LockChoice {
                    label: c.label,
                    setting: c.setting.into(),
                    chosen: c.chosen,
                })
                .collect(),
            clean_exit: s.clean_exit.map(|e| CleanExitSection {
                heading: e.heading,
                note: e.note,
                offers: e
                    .offers
                    .into_iter()
                    .map(|o| CleanExitOffer {
                        step: step(o.step),
                        label: o.label,
                        explanation: o.explanation,
                    })
                    .collect(),
                done: e.done,
            }),
        })
    }

    /// Runs a clean exit step (`NotAllowed` while paired) and words what it did.
    pub fn clean_exit(&self, step: CleanExitStep) -> Result<CleanExitDone> {
        self.with(|c| {
            let (core_step, n) = match step {
                CleanExitStep::StopShared => (core::CleanExitStep::StopShared, c.stop_shared()?),
                CleanExitStep::DeletePartnerData => (
                    core::CleanExitStep::DeletePartnerData,
                    c.delete_partner_data()?,
                ),
            };
            let count = u32::try_from(n).unwrap_or(u32::MAX);
            Ok(CleanExitDone {
                count,
                text: core_step.result(count, c.locale()),
            })
        })
    }
}

/// The lock's prompt words in the language of `locale_tag` (English for
/// one Tandem does not have): the shell hands them to the platform.
#[uniffi::export]
pub fn lock_words(locale_tag: String) -> LockWords {
    let w = core::LockWords::new(Locale::parse(&locale_tag).unwrap_or_default());
    LockWords {
        unlock_reason: w.unlock_reason,
        locked: w.locked,
        unlock_button: w.unlock_button,
        refused: w.refused,
        hint: w.hint,
    }
}

/// What the platform's prompt says before `action`, in that language.
#[uniffi::export]
pub fn guard_reason(action: GuardedAction, locale_tag: String) -> String {
    core::guard_reason(
        action.into(),
        Locale::parse(&locale_tag).unwrap_or_default(),
    )
}
