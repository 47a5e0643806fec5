//! What a pattern-log op carries in the private log, and the draft a
//! person types. A leaf the log's `Change` can name.

use serde::{Deserialize, Serialize};

use crate::clock::Millis;
use crate::error::{Error, Result};
use crate::validate;

pub const TAG_MAX_CHARS: usize = 30;
pub const MAX_TAGS: usize = 10;
pub const TOPIC_MAX_CHARS: usize = 80;
pub const NOTE_MAX_CHARS: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Happened {
    Withdrew,
    Pursued,
    WentSilent,
    TalkDerailed,
    Reconnected,
}

impl Happened {
    pub const ALL: [Happened; 5] = [
        Happened::Withdrew,
        Happened::Pursued,
        Happened::WentSilent,
        Happened::TalkDerailed,
        Happened::Reconnected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Happened::Withdrew => "withdrew",
            Happened::Pursued => "pursued",
            Happened::WentSilent => "went silent",
            Happened::TalkDerailed => "a talk derailed",
            Happened::Reconnected => "reconnected",
        }
    }

    /// Withdrawal and silence: the moments insights look behind.
    pub fn is_distance(self) -> bool {
        matches!(self, Happened::Withdrew | Happened::WentSilent)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatternEntry {
    pub at_ms: Millis,
    pub happened: Happened,
    /// Lowercase, trimmed, distinct.
    pub tags: Vec<String>,
    pub topic: Option<String>,
    /// 1 to 10, as before it happened.
    pub temperature_before: Option<u8>,
    pub note: Option<String>,
}

/// What a person typed, before validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternDraft {
    pub happened: Happened,
    pub tags: Vec<String>,
    pub topic: Option<String>,
    pub temperature_before: Option<u8>,
    pub note: Option<String>,
}

impl PatternEntry {
    pub(super) fn from_draft(d: &PatternDraft, at_ms: Millis) -> Result<Self> {
        let mut tags = Vec::new();
        for t in &d.tags {
            let t = validate::required_text("tag", t, TAG_MAX_CHARS)?.to_lowercase();
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        let entry = PatternEntry {
            at_ms,
            happened: d.happened,
            tags,
            topic: match &d.topic {
                Some(t) => validate::optional_text("topic", t, TOPIC_MAX_CHARS)?,
                None => None,
            },
            temperature_before: d.temperature_before,
            note: match &d.note {
                Some(n) => validate::optional_text("note", n, NOTE_MAX_CHARS)?,
                None => None,
            },
        };
        entry.validate()?;
        Ok(entry)
    }

    pub fn validate(&self) -> Result<()> {
        if self.tags.len() > MAX_TAGS {
            return Err(Error::invalid(format!("at most {MAX_TAGS} tags per entry")));
        }
        for t in &self.tags {
            validate::required_text("tag", t, TAG_MAX_CHARS)?;
        }
        if let Some(t) = &self.topic {
            validate::required_text("topic", t, TOPIC_MAX_CHARS)?;
        }
        if let Some(n) = &self.note {
            validate::required_text("note", n, NOTE_MAX_CHARS)?;
        }
        if let Some(t) = self.temperature_before
            && !(1..=10).contains(&t)
        {
            return Err(Error::invalid(format!(
                "a temperature is 1 (calm) to 10 (flooded), got {t}"
            )));
        }
        Ok(())
    }
}
