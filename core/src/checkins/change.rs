//! What an entry's op carries in the log (either log): a check-in, an
//! appreciation, a repair or a phrase, and when. A leaf the log's `Change`
//! can name.

use serde::{Deserialize, Serialize};

use crate::clock::Millis;
use crate::error::{Error, Result};
use crate::validate;

pub const NOTE_MAX_CHARS: usize = 500;
pub const APPRECIATION_MAX_CHARS: usize = 280;

/// How much room there is today ("bandwidth").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Capacity {
    Low,
    Some,
    Plenty,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Need {
    Space,
    Closeness,
    Reassurance,
    PracticalHelp,
    NothingRightNow,
}

impl Need {
    pub const ALL: [Need; 5] = [
        Need::Space,
        Need::Closeness,
        Need::Reassurance,
        Need::PracticalHelp,
        Need::NothingRightNow,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Need::Space => "space",
            Need::Closeness => "closeness",
            Need::Reassurance => "reassurance",
            Need::PracticalHelp => "practical help",
            Need::NothingRightNow => "nothing right now",
        }
    }

    /// The catalog's words for the need in a sentence ("needing space").
    pub fn word_id(self) -> &'static str {
        match self {
            Need::Space => "need-space",
            Need::Closeness => "need-closeness",
            Need::Reassurance => "need-reassurance",
            Need::PracticalHelp => "need-practical-help",
            Need::NothingRightNow => "need-nothing",
        }
    }

    /// From its name ("space", "practical-help", "practical help", …).
    pub fn parse(text: &str) -> Result<Self> {
        let key = text.trim().to_lowercase().replace(['-', '_'], " ");
        Need::ALL
            .into_iter()
            .find(|n| n.as_str() == key)
            .ok_or_else(|| {
                Error::invalid(
                    "a need is one of: space, closeness, reassurance, practical help, nothing right now",
                )
            })
    }
}

/// A small act after tension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RepairAct {
    /// Checked in after a tense moment.
    CheckedIn,
    Apologised,
    Touch,
    Joke,
    /// Asked for a pause and came back.
    CameBackFromPause,
    Other,
}

impl RepairAct {
    /// The catalog's words for the act ("came back from a pause").
    pub fn word_id(self) -> &'static str {
        match self {
            RepairAct::CheckedIn => "repair-checked-in",
            RepairAct::Apologised => "repair-apologised",
            RepairAct::Touch => "repair-touch",
            RepairAct::Joke => "repair-joke",
            RepairAct::CameBackFromPause => "repair-came-back",
            RepairAct::Other => "repair-other",
        }
    }

    /// How the act reads in a sentence ("repair: came back from a pause").
    pub fn words(self) -> &'static str {
        match self {
            RepairAct::CheckedIn => "checked in after a tense moment",
            RepairAct::Apologised => "apologised",
            RepairAct::Touch => "a touch",
            RepairAct::Joke => "a joke",
            RepairAct::CameBackFromPause => "came back from a pause",
            RepairAct::Other => "another repair",
        }
    }
}

/// The words a 1–10 temperature reads as.
pub fn temperature_words(t: u8) -> &'static str {
    match t {
        1..=2 => "calm",
        3..=4 => "settled",
        5..=6 => "stirred",
        7..=8 => "heated",
        _ => "flooded",
    }
}

/// A check-in's temperature: 1 (calm) to 10 (flooded).
pub fn check_temperature(t: u8) -> Result<()> {
    if (1..=10).contains(&t) {
        Ok(())
    } else {
        Err(Error::invalid(format!(
            "a temperature is 1 (calm) to 10 (flooded), got {t}"
        )))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Entry {
    CheckIn {
        /// 1 (calm) to 10 (flooded).
        temperature: u8,
        capacity: Capacity,
        need: Need,
        note: Option<String>,
    },
    Appreciation {
        text: String,
    },
    Repair {
        act: RepairAct,
        note: Option<String>,
        /// Whether it seemed received, if the author noted it.
        received: Option<bool>,
    },
    /// The couple's own phrase for the phrasebook.
    Phrase {
        situation: crate::phrases::Situation,
        text: String,
    },
}

impl Entry {
    pub fn kind(&self) -> &'static str {
        match self {
            Entry::CheckIn { .. } => "checkin",
            Entry::Appreciation { .. } => "appreciation",
            Entry::Repair { .. } => "repair",
            Entry::Phrase { .. } => "phrase",
        }
    }

    /// Checks an entry, from this person or from the partner's device.
    pub fn validate(&self) -> Result<()> {
        match self {
            Entry::CheckIn {
                temperature, note, ..
            } => {
                check_temperature(*temperature)?;
                check_note(note)
            }
            Entry::Appreciation { text } => {
                validate::required_text("appreciation", text, APPRECIATION_MAX_CHARS).map(|_| ())
            }
            Entry::Repair { note, .. } => check_note(note),
            Entry::Phrase { text, .. } => {
                validate::required_text("phrase", text, crate::phrases::PHRASE_MAX_CHARS)
                    .map(|_| ())
            }
        }
    }

    /// Trims texts; empty notes become none.
    pub(super) fn normalized(self) -> Result<Self> {
        let note = |n: Option<String>| -> Result<Option<String>> {
            match n {
                Some(n) => validate::optional_text("note", &n, NOTE_MAX_CHARS),
                None => Ok(None),
            }
        };
        Ok(match self {
            Entry::CheckIn {
                temperature,
                capacity,
                need,
                note: n,
            } => Entry::CheckIn {
                temperature,
                capacity,
                need,
                note: note(n)?,
            },
            Entry::Appreciation { text } => Entry::Appreciation {
                text: validate::required_text("appreciation", &text, APPRECIATION_MAX_CHARS)?,
            },
            Entry::Repair {
                act,
                note: n,
                received,
            } => Entry::Repair {
                act,
                note: note(n)?,
                received,
            },
            Entry::Phrase { situation, text } => Entry::Phrase {
                situation,
                text: validate::required_text("phrase", &text, crate::phrases::PHRASE_MAX_CHARS)?,
            },
        })
    }
}

fn check_note(note: &Option<String>) -> Result<()> {
    if let Some(n) = note {
        validate::required_text("note", n, NOTE_MAX_CHARS)?;
    }
    Ok(())
}

/// What an op carries: the entry and when it happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Logged {
    pub at_ms: Millis,
    pub entry: Entry,
}
