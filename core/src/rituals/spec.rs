//! What a version of a ritual says: a person's draft, validated and
//! normalized into a content-hashed spec. It names nothing else of
//! `rituals`, so the change the log carries (change.rs) and the folds can
//! use it without depending on the capability around them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::difference::Field;
use crate::error::{Error, Result};
use crate::schedule::recurrence::{Recurrence, RecurrenceDraft, RecurrenceProblem};
use crate::schedule::{self, TimeOfDay, ZoneMode};
use crate::validate::{self, TextProblem};

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
    #[serde(with = "crate::date_text::option")]
    pub trial_until: Option<NaiveDate>,
}

/// A trial lasts at most this long from the day it is proposed.
pub const MAX_TRIAL_DAYS: i64 = 366;

/// A rule a draft or a spec breaks, beside the field it is shown with: the
/// one list of rules for a form's check, a send and a partner's spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    Text(Field, TextProblem),
    /// Not 1 to [`MAX_MINUTES`].
    Minutes,
    /// Not a time of day (the time or the window's end).
    Time(Field),
    Zone,
    Recurrence(RecurrenceProblem),
    /// A window that ends before it starts.
    WindowOrder,
    /// More than [`MAX_LEADS`], or one more than a day ahead.
    Leads,
    TrialDate,
    /// On or before today (and not the end the version carries).
    TrialPast,
    /// More than [`MAX_TRIAL_DAYS`] ahead.
    TrialFar,
    TrialBeforeStart,
    /// An adjusted trial ends after the end that came.
    TrialNotAfter(NaiveDate),
}

impl Problem {
    pub fn field(self) -> Field {
        match self {
            Problem::Text(f, _) | Problem::Time(f) => f,
            Problem::Minutes => Field::Minutes,
            Problem::Zone => Field::Zone,
            Problem::Recurrence(r) => r.field(),
            Problem::WindowOrder => Field::WindowEnd,
            Problem::Leads => Field::Reminders,
            _ => Field::TrialUntil,
        }
    }

    /// In English, for logs and the CLI: names the field and the rule.
    pub fn error(self) -> Error {
        Error::invalid(match self {
            Problem::Text(f, p) => return validate::text_error(&f.label(), p),
            Problem::Minutes => format!("a ritual lasts 1 to {MAX_MINUTES} minutes"),
            Problem::Time(_) => "a time of day must look like HH:MM, 00:00 to 23:59".into(),
            Problem::Zone => "unknown time zone (expected an IANA name like Europe/Berlin)".into(),
            Problem::Recurrence(r) => return r.error(),
            Problem::WindowOrder => "a window's end must come after its start".into(),
            Problem::Leads => format!(
                "at most {MAX_LEADS} reminders per ritual, each at most a day (1440 minutes) ahead"
            ),
            Problem::TrialDate => format!(
                "the trial end date must be a date like 2027-03-14, between {} and {}",
                validate::FIRST_YEAR,
                validate::LAST_YEAR
            ),
            Problem::TrialPast => {
                "a trial ends after today; to stop a ritual now, retire it".into()
            }
            Problem::TrialFar => "a trial lasts at most a year".into(),
            Problem::TrialBeforeStart => "a trial cannot end before the ritual starts".into(),
            Problem::TrialNotAfter(old) => {
                format!("an adjusted trial ends after {old}, or not at all to keep it for good")
            }
        })
    }
}

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
        Self::check_draft(draft, today, current_trial, None).map_err(|p| p[0].error())
    }

    /// Like `from_draft_keeping`, with every rule broken (at most one per
    /// field, in the form's order). `trial_after`: an adjusted trial's end
    /// must come after it.
    pub fn check_draft(
        draft: &RitualDraft,
        today: NaiveDate,
        current_trial: Option<NaiveDate>,
        trial_after: Option<NaiveDate>,
    ) -> std::result::Result<Self, Vec<Problem>> {
        let mut found = Vec::new();
        let mut time = |field, text: &str| {
            TimeOfDay::parse(text)
                .map(TimeOfDay::minutes)
                .ok()
                .or_else(|| {
                    found.push(Problem::Time(field));
                    None
                })
        };
        let time_of_day = time(Field::TimeOfDay, &draft.time_of_day);
        let window_end = draft
            .window_end
            .as_ref()
            .map(|w| time(Field::WindowEnd, w).unwrap_or(u16::MAX));
        let zone = draft
            .zone
            .as_ref()
            .and_then(|name| match schedule::parse_zone(name) {
                Ok(z) => Some(z.name().to_owned()),
                Err(_) => {
                    found.push(Problem::Zone);
                    None
                }
            });
        let default_start = today.pred_opt().unwrap_or(today);
        let recurrence = match &draft.recurrence {
            Some(r) => r.check(default_start).unwrap_or_else(|ps| {
                found.extend(ps.into_iter().map(Problem::Recurrence));
                Recurrence::daily(default_start)
            }),
            None => Recurrence::daily(default_start),
        };
        let mut trial_until = None;
        if let Some(t) = &draft.trial_until {
            match schedule::recurrence::parse_date("", t) {
                Err(_) => found.push(Problem::TrialDate),
                Ok(date) if trial_after.is_some_and(|old| date <= old) => {
                    found.extend(trial_after.map(Problem::TrialNotAfter));
                }
                Ok(date) if date <= today && Some(date) != current_trial => {
                    found.push(Problem::TrialPast);
                }
                Ok(date) if date > today + chrono::Duration::days(MAX_TRIAL_DAYS) => {
                    found.push(Problem::TrialFar);
                }
                Ok(date) => trial_until = Some(date),
            }
        }
        let mut leads = draft
            .lead_minutes
            .iter()
            .map(|&l| u16::try_from(l).unwrap_or(u16::MAX))
            .collect::<Vec<_>>();
        leads.sort_unstable();
        leads.dedup();
        if draft.lead_minutes.len() > MAX_LEADS {
            found.push(Problem::Leads);
        }
        let spec = RitualSpec {
            title: draft.title.trim().to_owned(),
            prompt: draft
                .prompt
                .as_deref()
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_owned),
            minutes: draft.minutes,
            // A time that does not read leaves no window to order.
            time_of_day: time_of_day.unwrap_or(0),
            zone,
            recurrence,
            window_end: window_end.filter(|_| time_of_day.is_some()),
            leads,
            trial_until,
        };
        for p in spec.problems() {
            if found.iter().all(|q| q.field() != p.field()) {
                found.push(p);
            }
        }
        if found.is_empty() {
            return Ok(spec);
        }
        found.sort_by_key(|p| p.field());
        Err(found)
    }

    /// Every rule the spec breaks, at most one per field.
    pub fn problems(&self) -> Vec<Problem> {
        let mut found = Vec::new();
        for (field, text, max, required) in [
            (Field::Title, Some(&self.title), TITLE_MAX_CHARS, true),
            (Field::Prompt, self.prompt.as_ref(), PROMPT_MAX_CHARS, false),
        ] {
            if let Some(p) = text.and_then(|t| validate::text_problem(t, max, required)) {
                found.push(Problem::Text(field, p));
            }
        }
        if self.minutes == 0 || self.minutes > MAX_MINUTES {
            found.push(Problem::Minutes);
        }
        if TimeOfDay::from_minutes(self.time_of_day).is_err() {
            found.push(Problem::Time(Field::TimeOfDay));
        }
        if self
            .zone
            .as_deref()
            .is_some_and(|z| schedule::parse_zone(z).is_err())
        {
            found.push(Problem::Zone);
        }
        found.extend(
            self.recurrence
                .problems()
                .into_iter()
                .map(Problem::Recurrence),
        );
        match self.window_end {
            Some(end) if TimeOfDay::from_minutes(end).is_err() => {
                found.push(Problem::Time(Field::WindowEnd));
            }
            Some(end) if end <= self.time_of_day => found.push(Problem::WindowOrder),
            _ => {}
        }
        if self.leads.len() > MAX_LEADS || self.leads.iter().any(|&l| l > 24 * 60) {
            found.push(Problem::Leads);
        }
        match self.trial_until {
            Some(t) if validate::date("", t).is_err() => found.push(Problem::TrialDate),
            Some(t) if t < self.recurrence.start => found.push(Problem::TrialBeforeStart),
            _ => {}
        }
        found
    }

    /// Checks a spec that arrived from the partner's device.
    pub fn validate(&self) -> Result<()> {
        self.problems().first().map_or(Ok(()), |p| Err(p.error()))
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
