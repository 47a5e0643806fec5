//! A person's action as data: what a screen's button performs
//! (`Core::perform` in actions.rs). A leaf of its own, so the screens can
//! name the action each button performs without importing what performs
//! it.

use crate::screens::refusals::Doing;

/// Something a person does on a screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
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
    /// One occurrence (by its local date) done, with the person's words.
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
    /// This phone's reminder of one occurrence, again in `minutes`.
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
    /// Shows one of this phone's boundaries to the partner (read-only), or
    /// makes it private again.
    ShareBoundary {
        id: String,
        shared: bool,
    },
    /// Ends one of this phone's boundaries (the partner stops seeing a
    /// shared one after the next sync).
    RetireBoundary {
        id: String,
    },
}

impl Action {
    /// What a refusal of this action is about, for its words: an
    /// agreement's answer from the Today screen is refused in the
    /// agreements' words, wherever the button was.
    pub fn doing(&self) -> Doing {
        match self {
            Action::AcceptAgreement { .. }
            | Action::DeclineAgreement { .. }
            | Action::WithdrawAgreement { .. }
            | Action::KeepAgreement { .. }
            | Action::LetGoAgreement { .. } => Doing::Agreement,
            Action::StartPause { .. } | Action::ExtendPause { .. } | Action::EndPause { .. } => {
                Doing::Pause
            }
            Action::ShareBoundary { .. } | Action::RetireBoundary { .. } => Doing::Boundary,
            _ => Doing::Ritual,
        }
    }
}

/// The form a button opens (`Core::open_form`): the core fills it in and
/// names what submitting it may do, so no shell decides which form a
/// button opens or how a form is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormRequest {
    NewRitual,
    /// Another version of ritual `id`: a counter for a shared ritual, a
    /// change in effect at once for a personal one.
    ChangeRitual {
        id: String,
    },
    /// A trial's look back, kept changed.
    AdjustRitual {
        id: String,
    },
    NewAgreement,
    /// A new version of agreement `id` built on `version` (`None`: the one
    /// in effect, else the newest waiting).
    AmendAgreement {
        id: String,
        version: Option<String>,
    },
    /// An agreement's look back that ends in a new version.
    ReviewAgreement {
        id: String,
    },
    /// A boundary in this person's own words, with examples to start from.
    NewBoundary,
    /// One of this phone's boundaries, rewritten.
    EditBoundary {
        id: String,
    },
}

/// What submitting a ritual form does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RitualPurpose {
    /// A shared ritual, for the partner to answer.
    Propose,
    /// A personal ritual, in effect at once.
    Personal,
    /// Another version of ritual `id` (a counter, or a personal change).
    Change { id: String },
    /// A trial's look back, kept changed.
    Adjust { id: String },
}

/// What submitting an agreement form does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgreementPurpose {
    Propose,
    /// A new version of `id` built on `version` (a hash prefix), the one
    /// the form was opened on: one that changed meanwhile is refused.
    Amend {
        id: String,
        version: String,
    },
    /// A look back ending in a new version of `id`, opened on `version`.
    Review {
        id: String,
        version: String,
    },
}

/// What submitting a boundary form does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BoundaryPurpose {
    /// A new boundary that never leaves this phone.
    Private,
    /// A new boundary the partner reads (and cannot change).
    Shared,
    /// Boundary `id` rewritten, private or shared as it was.
    Edit { id: String },
}
