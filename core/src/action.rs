//! A person's action as data: what a screen's button performs
//! (`Core::perform` in actions.rs). A leaf of its own, so the screens can
//! name the action each button performs without importing what performs
//! it.

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
}
