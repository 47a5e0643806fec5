//! A person's actions as one call each, answered with what the shell
//! carries out (see `tandem_core::actions`): the reminders to cancel and
//! arm, the changes waiting for the partner, and what to say.

use tandem_core::actions as core;

use crate::arming::{ReminderAccess, ReminderArming, arming};
use crate::{Result, Tandem};

/// Something a person does on a screen.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum UserAction {
    AcceptRitual {
        id: String,
    },
    DeclineRitual {
        id: String,
    },
    /// Accepts the waiting version the person read (its short version id).
    AcceptRitualVersion {
        id: String,
        version: String,
    },
    DeclineRitualVersion {
        id: String,
        version: String,
    },
    PauseRitual {
        id: String,
    },
    ResumeRitual {
        id: String,
    },
    RetireRitual {
        id: String,
    },
    /// A trial's review: keep it as it is.
    KeepRitual {
        id: String,
    },
    /// A trial's review: stop it.
    StopRitual {
        id: String,
    },
    /// One occurrence (by its local date, "YYYY-MM-DD") done, with the
    /// person's words.
    MarkDone {
        ritual_id: String,
        date: String,
        note: Option<String>,
        feeling: Option<String>,
    },
    SkipOccurrence {
        ritual_id: String,
        date: String,
    },
    /// This phone's reminder of one occurrence, again in `minutes` (one of
    /// the snooze lengths the screen offers).
    Snooze {
        ritual_id: String,
        date: String,
        minutes: u32,
    },
    /// Declares the rest week holding `date`, or calls it off.
    RestWeek {
        date: String,
        rest: bool,
    },
    AcceptAgreement {
        id: String,
        version: String,
    },
    DeclineAgreement {
        id: String,
        version: String,
    },
    WithdrawAgreement {
        id: String,
    },
    KeepAgreement {
        id: String,
    },
    LetGoAgreement {
        id: String,
    },
    StartPause {
        minutes: Option<u32>,
        note: Option<String>,
    },
    ExtendPause {
        id: String,
        minutes: u32,
    },
    EndPause {
        id: String,
    },
    /// Shows one of this phone's boundaries to the partner, or makes it
    /// private again.
    ShareBoundary {
        id: String,
        shared: bool,
    },
    /// Ends one of this phone's boundaries.
    RetireBoundary {
        id: String,
    },
}

/// Where and how this phone stands when the person acts.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PhoneNow {
    /// The phone's IANA zone.
    pub zone: String,
    /// The reminder ids the shell's record says are armed.
    pub armed: Vec<String>,
    pub access: ReminderAccess,
}

/// What an action did, for the shell to carry out: cancel and arm
/// `reminders` (cancel first), offer a payload when `to_send` > 0, show
/// `notice` when there is one, then show the screen again.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ActionOutcome {
    pub notice: Option<String>,
    pub reminders: ReminderArming,
    pub to_send: u32,
}

impl From<UserAction> for core::Action {
    fn from(a: UserAction) -> Self {
        use UserAction as U;
        use core::Action as A;
        match a {
            U::AcceptRitual { id } => A::AcceptRitual { id },
            U::DeclineRitual { id } => A::DeclineRitual { id },
            U::AcceptRitualVersion { id, version } => A::AcceptRitualVersion { id, version },
            U::DeclineRitualVersion { id, version } => A::DeclineRitualVersion { id, version },
            U::PauseRitual { id } => A::PauseRitual { id },
            U::ResumeRitual { id } => A::ResumeRitual { id },
            U::RetireRitual { id } => A::RetireRitual { id },
            U::KeepRitual { id } => A::KeepRitual { id },
            U::StopRitual { id } => A::StopRitual { id },
            U::MarkDone {
                ritual_id,
                date,
                note,
                feeling,
            } => A::MarkDone {
                ritual_id,
                date,
                note,
                feeling,
            },
            U::SkipOccurrence { ritual_id, date } => A::SkipOccurrence { ritual_id, date },
            U::Snooze {
                ritual_id,
                date,
                minutes,
            } => A::Snooze {
                ritual_id,
                date,
                minutes,
            },
            U::RestWeek { date, rest } => A::RestWeek { date, rest },
            U::AcceptAgreement { id, version } => A::AcceptAgreement { id, version },
            U::DeclineAgreement { id, version } => A::DeclineAgreement { id, version },
            U::WithdrawAgreement { id } => A::WithdrawAgreement { id },
            U::KeepAgreement { id } => A::KeepAgreement { id },
            U::LetGoAgreement { id } => A::LetGoAgreement { id },
            U::StartPause { minutes, note } => A::StartPause { minutes, note },
            U::ExtendPause { id, minutes } => A::ExtendPause { id, minutes },
            U::EndPause { id } => A::EndPause { id },
            U::ShareBoundary { id, shared } => A::ShareBoundary { id, shared },
            U::RetireBoundary { id } => A::RetireBoundary { id },
        }
    }
}

impl From<core::Action> for UserAction {
    fn from(a: core::Action) -> Self {
        use UserAction as U;
        use core::Action as A;
        match a {
            A::AcceptRitual { id } => U::AcceptRitual { id },
            A::DeclineRitual { id } => U::DeclineRitual { id },
            A::AcceptRitualVersion { id, version } => U::AcceptRitualVersion { id, version },
            A::DeclineRitualVersion { id, version } => U::DeclineRitualVersion { id, version },
            A::PauseRitual { id } => U::PauseRitual { id },
            A::ResumeRitual { id } => U::ResumeRitual { id },
            A::RetireRitual { id } => U::RetireRitual { id },
            A::KeepRitual { id } => U::KeepRitual { id },
            A::StopRitual { id } => U::StopRitual { id },
            A::MarkDone {
                ritual_id,
                date,
                note,
                feeling,
            } => U::MarkDone {
                ritual_id,
                date,
                note,
                feeling,
            },
            A::SkipOccurrence { ritual_id, date } => U::SkipOccurrence { ritual_id, date },
            A::Snooze {
                ritual_id,
                date,
                minutes,
            } => U::Snooze {
                ritual_id,
                date,
                minutes,
            },
            A::RestWeek { date, rest } => U::RestWeek { date, rest },
            A::AcceptAgreement { id, version } => U::AcceptAgreement { id, version },
            A::DeclineAgreement { id, version } => U::DeclineAgreement { id, version },
            A::WithdrawAgreement { id } => U::WithdrawAgreement { id },
            A::KeepAgreement { id } => U::KeepAgreement { id },
            A::LetGoAgreement { id } => U::LetGoAgreement { id },
            A::StartPause { minutes, note } => U::StartPause { minutes, note },
            A::ExtendPause { id, minutes } => U::ExtendPause { id, minutes },
            A::EndPause { id } => U::EndPause { id },
            A::ShareBoundary { id, shared } => U::ShareBoundary { id, shared },
            A::RetireBoundary { id } => U::RetireBoundary { id },
        }
    }
}

#[uniffi::export]
impl Tandem {
    /// Does `action` and answers with what to carry out. A refused action
    /// (a typed error naming the problem) changed nothing and arms nothing.
    pub fn perform(&self, action: UserAction, phone: PhoneNow) -> Result<ActionOutcome> {
        let phone = phone.into_core();
        let action = core::Action::from(action);
        self.with(|c| {
            let locale = c.locale();
            let o = c.perform(&action, &phone)?;
            Ok(ActionOutcome::of(o, locale))
        })
    }
}

impl PhoneNow {
    pub(crate) fn into_core(self) -> core::PhoneNow {
        core::PhoneNow {
            zone: self.zone,
            armed: self.armed,
            access: self.access.to_core(),
        }
    }
}

impl ActionOutcome {
    pub(crate) fn of(o: core::Outcome, locale: tandem_core::catalog::Locale) -> Self {
        ActionOutcome {
            notice: o.notice,
            reminders: arming(o.reminders, locale),
            to_send: o.to_send,
        }
    }
}
