//! What an op changes: one variant per capability, each carrying that
//! capability's own change type from its leaf `change.rs`. The log stores,
//! orders and seals these without reading them; the capabilities
//! (capabilities.rs) read them. Depending only on those leaves keeps the log
//! free of every capability's code.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::agreements::boundaries::change::BoundaryChange;
use crate::agreements::change::AgreementChange;
use crate::agreements::pauses::change::PauseChange;
use crate::checkins::change::{Entry, Logged};
use crate::clock::Millis;
use crate::error::{Error, Result};
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

/// How the payload body (sync/wire.rs) writes a change: the ones most of a
/// couple's log is made of by their fields (so a date can travel as a day
/// count from the op's stamp and a moment as a difference from it), any
/// other whole. Here, beside the variants, so the log's code names no
/// capability.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape<'a> {
    /// A ritual occurrence marked done, with the words left on it.
    Done {
        date: NaiveDate,
        note: Option<&'a str>,
        feeling: Option<&'a str>,
    },
    /// A ritual occurrence skipped.
    Skipped { date: NaiveDate },
    /// A check-in, appreciation, repair or phrase: its moment, and the
    /// entry itself in postcard.
    Entry { at_ms: Millis, entry: Vec<u8> },
    /// Anything else: written whole, in postcard.
    Whole,
}

impl Change {
    /// How the payload body writes this change.
    pub fn shape(&self) -> Result<Shape<'_>> {
        Ok(match self {
            Change::Ritual(RitualChange::Done {
                date,
                note,
                feeling,
            }) => Shape::Done {
                date: *date,
                note: note.as_deref(),
                feeling: feeling.as_deref(),
            },
            Change::Ritual(RitualChange::Skipped { date }) => Shape::Skipped { date: *date },
            Change::Entry(Logged { at_ms, entry }) => Shape::Entry {
                at_ms: *at_ms,
                entry: postcard::to_stdvec(entry)
                    .map_err(|_| Error::invalid("an entry could not be encoded"))?,
            },
            _ => Shape::Whole,
        })
    }

    /// A ritual occurrence marked done (`Shape::Done` read back).
    pub fn done(date: NaiveDate, note: Option<String>, feeling: Option<String>) -> Change {
        Change::Ritual(RitualChange::Done {
            date,
            note,
            feeling,
        })
    }

    /// A ritual occurrence skipped (`Shape::Skipped` read back).
    pub fn skipped(date: NaiveDate) -> Change {
        Change::Ritual(RitualChange::Skipped { date })
    }

    /// An entry at `at_ms` read from the start of `bytes` (postcard, as
    /// `Shape::Entry` wrote it), with what is left after it; `None` when
    /// the bytes do not start with an entry.
    pub fn entry_from(at_ms: Millis, bytes: &[u8]) -> Option<(Change, &[u8])> {
        let (entry, rest) = postcard::take_from_bytes::<Entry>(bytes).ok()?;
        Some((Change::Entry(Logged { at_ms, entry }), rest))
    }
}
