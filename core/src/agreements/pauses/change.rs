//! What a pause's op carries in the log: a leaf the log's `Change` can
//! name.

use serde::{Deserialize, Serialize};

use crate::clock::Millis;
use crate::error::{Error, Result};
use crate::schedule;
use crate::validate;

pub const MIN_MINUTES: u32 = 20;
pub const MAX_MINUTES: u32 = 24 * 60;
pub const NOTE_MAX_CHARS: usize = 140;
pub(super) const MINUTE_MS: Millis = 60_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PauseChange {
    Started {
        started_at_ms: Millis,
        return_at_ms: Millis,
        note: Option<String>,
    },
    /// Once: a later return, still within a day of the start.
    Extended {
        return_at_ms: Millis,
    },
    Ended {
        at_ms: Millis,
    },
}

impl PauseChange {
    pub fn validate(&self) -> Result<()> {
        match self {
            PauseChange::Started {
                started_at_ms,
                return_at_ms,
                note,
            } => {
                schedule::instant(*started_at_ms)?;
                let minutes = return_at_ms.saturating_sub(*started_at_ms) / MINUTE_MS;
                check_minutes(u32::try_from(minutes).unwrap_or(u32::MAX))?;
                if let Some(n) = note {
                    validate::required_text("note", n, NOTE_MAX_CHARS)?;
                }
                Ok(())
            }
            PauseChange::Extended { return_at_ms } => schedule::instant(*return_at_ms).map(|_| ()),
            PauseChange::Ended { at_ms } => schedule::instant(*at_ms).map(|_| ()),
        }
    }
}

pub(super) fn check_minutes(minutes: u32) -> Result<()> {
    if !(MIN_MINUTES..=MAX_MINUTES).contains(&minutes) {
        return Err(Error::invalid(format!(
            "a pause lasts {MIN_MINUTES} minutes to 24 hours ({MAX_MINUTES} minutes), got {minutes}"
        )));
    }
    Ok(())
}
