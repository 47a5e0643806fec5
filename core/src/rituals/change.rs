//! What a ritual's op carries in the log. A leaf: the log's `Change` names
//! it, so it may name nothing that depends on the log.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::clock::Millis;
use crate::error::Result;
use crate::rituals::spec::{RitualDraft, RitualSpec, Version};
use crate::schedule;
use crate::validate;

pub const NOTE_MAX_CHARS: usize = 500;
pub const FEELING_MAX_CHARS: usize = 40;

/// A ritual's change, as carried in the op log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum RitualChange {
    /// Founds the ritual; its author accepts this first version by proposing.
    Proposed(RitualSpec),
    /// Another version ("would tomorrow work better?"); accepted by its author.
    Countered(RitualSpec),
    Accepted {
        version: Version,
    },
    Declined {
        version: Version,
    },
    Paused,
    Resumed,
    Retired,
    /// One occurrence happened (a shared fact: marking it twice counts once).
    Done {
        #[serde(with = "crate::date_text")]
        date: NaiveDate,
        note: Option<String>,
        feeling: Option<String>,
    },
    /// One occurrence will not happen; no reason needed.
    Skipped {
        #[serde(with = "crate::date_text")]
        date: NaiveDate,
    },
    /// One occurrence moves to another time, this once.
    Moved {
        #[serde(with = "crate::date_text")]
        date: NaiveDate,
        to_ms: Millis,
    },
}

impl RitualChange {
    /// Validates and normalizes a draft into the change that proposes it.
    pub fn propose(draft: &RitualDraft, today: NaiveDate) -> Result<Self> {
        Ok(RitualChange::Proposed(RitualSpec::from_draft(
            draft, today,
        )?))
    }

    /// Checks a change that arrived from the partner's device.
    pub fn validate(&self) -> Result<()> {
        match self {
            RitualChange::Proposed(spec) | RitualChange::Countered(spec) => spec.validate(),
            RitualChange::Done {
                date,
                note,
                feeling,
            } => {
                validate::date("occurrence date", *date)?;
                if let Some(n) = note {
                    validate::optional_text("note", n, NOTE_MAX_CHARS)?;
                }
                if let Some(f) = feeling {
                    validate::optional_text("feeling", f, FEELING_MAX_CHARS)?;
                }
                Ok(())
            }
            RitualChange::Moved { date, to_ms } => {
                validate::date("occurrence date", *date)?;
                schedule::instant(*to_ms).map(|_| ())
            }
            RitualChange::Skipped { date } => validate::date("occurrence date", *date).map(|_| ()),
            _ => Ok(()),
        }
    }
}
