//! What a version of a ritual says: a person's draft, validated and
//! normalized into a content-hashed spec. It names nothing else of
//! `rituals`, so the change the log carries (change.rs) and the folds can
//! use it without depending on the capability around them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::schedule::recurrence::{Recurrence, RecurrenceDraft};
use crate::schedule::{self, TimeOfDay, ZoneMode};
use crate::validate;

pub const TITLE_MAX_CHARS: usize = 80;
pub const PROMPT_MAX_CHARS: usize = 500;
pub const MAX_MINUTES: u32 = 24 * 60;

/// A ritual as a person typed it, before validation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RitualDraft {
    pub title: String,
    pub prompt: Option<String>,
    pub minutes: u32,
    /// "HH:MM": the time, or the start of the window.
    pub time_of_day: String,
    /// `None` for floating (the device's zone), else an IANA zone name.
    pub zone: Option<String>,
    /// `None` for every day from the day before the proposal.
    pub recurrence: Option<RecurrenceDraft>,
    /// "HH:MM": the end of a window ("mid-day, 12:00 to 14:00"); the
    /// reminder comes at its start.
    pub window_end: Option<String>,
    /// Reminders this many minutes before the start (each 0 to 1440, at most
    /// four); none means one reminder at the start.
    pub lead_minutes: Vec<u32>,
    /// "YYYY-MM-DD": a gentle experiment, tried until this date and then
    /// reviewed together (keep, adjust or stop).
    pub trial_until: Option<String>,
}

pub const MAX_LEADS: usize = 4;

/// A version's identity: the first 16 bytes of the SHA-256 of its encoding.
/// Acceptances name it, so accepting binds to the exact content.
pub type Version = [u8; 16];

/// What a version of a ritual says: validated, normalized, content-hashed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RitualSpec {
    pub title: String,
    pub prompt: Option<String>,
    pub minutes: u32,
    pub time_of_day: u16,
    pub zone: Option<String>,
    pub recurrence: Recurrence,
    pub window_end: Option<u16>,
    /// Sorted, distinct, each at most a day.
    pub leads: Vec<u16>,
    /// The last day of a gentle experiment; its review is due from then.
    pub trial_until: Option<NaiveDate>,
}

/// A trial lasts at most this long from the day it is proposed.
pub const MAX_TRIAL_DAYS: i64 = 366;

impl RitualSpec {
    /// Validates and normalizes what a person typed; `today` anchors a
    /// recurrence that does not name its start.
    pub fn from_draft(draft: &RitualDraft, today: NaiveDate) -> Result<Self> {
        Self::from_draft_keeping(draft, today, None)
    }

    /// Like `from_draft`, for a new version of a ritual whose trial ends on
    /// `current_trial`: a draft that carries that end unchanged is fine even
    /// on or after the day (a counter copied from the version shown).
    pub fn from_draft_keeping(
        draft: &RitualDraft,
        today: NaiveDate,
        current_trial: Option<NaiveDate>,
    ) -> Result<Self> {
        let title = validate::required_text("title", &draft.title, TITLE_MAX_CHARS)?;
        let prompt = match &draft.prompt {
            Some(p) => validate::optional_text("prompt", p, PROMPT_MAX_CHARS)?,
            None => None,
        };
        check_minutes(draft.minutes)?;
        let time_of_day = TimeOfDay::parse(&draft.time_of_day)?.minutes();
        let zone = match &draft.zone {
            Some(name) => Some(schedule::parse_zone(name)?.name().to_owned()),
            None => None,
        };
        let default_start = today.pred_opt().unwrap_or(today);
        let recurrence = match &draft.recurrence {
            Some(r) => r.parse(default_start)?,
            None => Recurrence::daily(default_start),
        };
        let window_end = match &draft.window_end {
            Some(w) => Some(TimeOfDay::parse(w)?.minutes()),
            None => None,
        };
        if draft.lead_minutes.len() > MAX_LEADS {
            return Err(Error::invalid(format!(
                "at most {MAX_LEADS} reminders per ritual"
            )));
        }
        let mut leads = draft
            .lead_minutes
            .iter()
            .map(|&l| u16::try_from(l).unwrap_or(u16::MAX))
            .collect::<Vec<_>>();
        leads.sort_unstable();
        leads.dedup();
        let trial_until = match &draft.trial_until {
            Some(t) => {
                let date = schedule::recurrence::parse_date("trial end date", t)?;
                if date <= today && Some(date) != current_trial {
                    return Err(Error::invalid(
                        "a trial ends after today; to stop a ritual now, retire it",
                    ));
                }
                if date > today + chrono::Duration::days(MAX_TRIAL_DAYS) {
                    return Err(Error::invalid("a trial lasts at most a year"));
                }
                Some(date)
            }
            None => None,
        };
        let spec = RitualSpec {
            title,
            prompt,
            minutes: draft.minutes,
            time_of_day,
            zone,
            recurrence,
            window_end,
            leads,
            trial_until,
        };
        spec.validate()?;
        Ok(spec)
    }

    /// Checks a spec that arrived from the partner's device.
    pub fn validate(&self) -> Result<()> {
        validate::required_text("title", &self.title, TITLE_MAX_CHARS)?;
        if let Some(p) = &self.prompt {
            validate::optional_text("prompt", p, PROMPT_MAX_CHARS)?;
        }
        check_minutes(self.minutes)?;
        TimeOfDay::from_minutes(self.time_of_day)?;
        if let Some(z) = &self.zone {
            schedule::parse_zone(z)?;
        }
        self.recurrence.validate()?;
        if let Some(end) = self.window_end {
            TimeOfDay::from_minutes(end)?;
            if end <= self.time_of_day {
                return Err(Error::invalid("a window's end must come after its start"));
            }
        }
        if self.leads.len() > MAX_LEADS {
            return Err(Error::invalid(format!(
                "at most {MAX_LEADS} reminders per ritual"
            )));
        }
        if let Some(l) = self.leads.iter().find(|&&l| l > 24 * 60) {
            return Err(Error::invalid(format!(
                "a reminder comes at most a day (1440 minutes) ahead, got {l}"
            )));
        }
        if let Some(t) = self.trial_until {
            if t < self.recurrence.start {
                return Err(Error::invalid(
                    "a trial cannot end before the ritual starts",
                ));
            }
            schedule::recurrence::parse_date("trial end date", &t.to_string())?;
        }
        Ok(())
    }

    /// When reminders come, in minutes before the start.
    pub fn lead_times(&self) -> Vec<u16> {
        if self.leads.is_empty() {
            vec![0]
        } else {
            self.leads.clone()
        }
    }

    pub fn version(&self) -> Version {
        let bytes = postcard::to_stdvec(self).unwrap_or_default();
        let digest = Sha256::digest(&bytes);
        let mut v = [0u8; 16];
        v.copy_from_slice(&digest[..16]);
        v
    }

    pub fn time(&self) -> TimeOfDay {
        TimeOfDay::from_minutes(self.time_of_day).unwrap_or(TimeOfDay::MIDNIGHT)
    }

    pub fn zone_mode(&self) -> ZoneMode {
        match self.zone.as_deref().map(schedule::parse_zone) {
            Some(Ok(tz)) => ZoneMode::Fixed(tz),
            _ => ZoneMode::Floating,
        }
    }
}

fn check_minutes(minutes: u32) -> Result<()> {
    if minutes == 0 || minutes > MAX_MINUTES {
        return Err(Error::invalid(format!(
            "a ritual lasts 1 to {MAX_MINUTES} minutes, got {minutes}"
        )));
    }
    Ok(())
}
