//! What an op changes: one variant per capability, each carrying that
//! capability's own change type from its leaf `change.rs`. The log stores,
//! orders and seals these without reading them; the capabilities
//! (capabilities.rs) read them. Depending only on those leaves keeps the log
//! free of every capability's code.

use serde::{Deserialize, Serialize};

use crate::agreements::boundaries::change::BoundaryChange;
use crate::agreements::change::AgreementChange;
use crate::agreements::pauses::change::PauseChange;
use crate::checkins::change::Logged;
use crate::journal::change::PatternEntry;
use crate::rituals::change::RitualChange;
use crate::rituals::rest::change::RestChange;

/// What an op changes. Each capability owns its variant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Change {
    Ritual(RitualChange),
    /// A rest week declared or called off (by either partner, last word wins).
    Rest(RestChange),
    /// One partner's own boundary (shared ones; private ones stay in the
    /// private log).
    Boundary(BoundaryChange),
    /// The two-signature agreements ledger.
    Agreement(AgreementChange),
    /// A pause with a committed return.
    Pause(PauseChange),
    /// A check-in, appreciation or repair attempt (private ones stay in the
    /// private log).
    Entry(Logged),
    /// A private pattern-log entry: only ever in the private log.
    Journal(PatternEntry),
}

/// Which variant a change is: how the log finds the one capability that
/// reads it, without reading it itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Ritual,
    Rest,
    Boundary,
    Agreement,
    Pause,
    Entry,
    Journal,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Ritual,
        Kind::Rest,
        Kind::Boundary,
        Kind::Agreement,
        Kind::Pause,
        Kind::Entry,
        Kind::Journal,
    ];
}

impl Change {
    pub fn kind(&self) -> Kind {
        match self {
            Change::Ritual(_) => Kind::Ritual,
            Change::Rest(_) => Kind::Rest,
            Change::Boundary(_) => Kind::Boundary,
            Change::Agreement(_) => Kind::Agreement,
            Change::Pause(_) => Kind::Pause,
            Change::Entry(_) => Kind::Entry,
            Change::Journal(_) => Kind::Journal,
        }
    }
}
