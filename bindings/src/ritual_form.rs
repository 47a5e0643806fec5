//! The ritual form's check across the FFI: the core reads each field as
//! typed and says what is wrong with it; the shells show the words.

use tandem_core::schedule::recurrence::FrequencyDraft;
use tandem_core::screens::ritual_form as core_form;

use crate::{Recurrence, Repeat, Result, RitualDraft, Tandem, Weekday, ZoneMode};

/// A ritual form as typed. Blank texts are "none": no prompt, the default
/// start, no end date, no window, no trial.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RitualFormInput {
    pub title: String,
    pub prompt: String,
    /// Minutes as typed.
    pub minutes: String,
    /// "HH:MM": the time, or the start of a window.
    pub time_of_day: String,
    pub zone: ZoneMode,
    pub repeat: Repeat,
    /// "YYYY-MM-DD".
    #[uniffi(default = "")]
    pub start_date: String,
    /// "YYYY-MM-DD": the last date (not with `count`).
    #[uniffi(default = "")]
    pub until_date: String,
    #[uniffi(default = None)]
    pub count: Option<u32>,
    /// "HH:MM": the end of a window.
    #[uniffi(default = "")]
    pub window_end: String,
    #[uniffi(default = [])]
    pub lead_minutes: Vec<u32>,
    /// "YYYY-MM-DD": a gentle experiment's last day.
    #[uniffi(default = "")]
    pub trial_until: String,
}

/// Each field's words (none: it reads well); `draft` is what to send when
/// every field reads well.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RitualFormCheck {
    pub title: Option<String>,
    pub prompt: Option<String>,
    pub minutes: Option<String>,
    pub time_of_day: Option<String>,
    pub zone: Option<String>,
    /// The repeat and its own fields (days, n, day of the month, nth).
    pub repeat: Option<String>,
    pub start_date: Option<String>,
    /// The end date or the count.
    pub end: Option<String>,
    pub window_end: Option<String>,
    pub lead_minutes: Option<String>,
    pub trial_until: Option<String>,
    /// About the whole form: a change that changes nothing.
    pub form: Option<String>,
    pub draft: Option<RitualDraft>,
}

/// A draft as the form that makes it again (the CLI builds drafts).
impl From<RitualDraft> for RitualFormInput {
    fn from(d: RitualDraft) -> Self {
        let r = d.recurrence.unwrap_or(Recurrence {
            repeat: Repeat::Daily,
            start_date: None,
            until_date: None,
            count: None,
        });
        RitualFormInput {
            title: d.title,
            prompt: d.prompt.unwrap_or_default(),
            minutes: d.minutes.to_string(),
            time_of_day: d.time_of_day,
            zone: d.zone,
            repeat: r.repeat,
            start_date: r.start_date.unwrap_or_default(),
            until_date: r.until_date.unwrap_or_default(),
            count: r.count,
            window_end: d.window_end.unwrap_or_default(),
            lead_minutes: d.lead_minutes,
            trial_until: d.trial_until.unwrap_or_default(),
        }
    }
}

impl From<RitualFormInput> for core_form::RitualForm {
    fn from(f: RitualFormInput) -> Self {
        core_form::RitualForm {
            title: f.title,
            prompt: f.prompt,
            minutes: f.minutes,
            time_of_day: f.time_of_day,
            zone: match f.zone {
                ZoneMode::Floating => None,
                ZoneMode::Fixed { zone } => Some(zone),
            },
            repeat: match f.repeat {
                Repeat::Daily => FrequencyDraft::Daily,
                Repeat::Weekdays { days } => {
                    FrequencyDraft::Weekdays(days.into_iter().map(Weekday::iso).collect())
                }
                Repeat::EveryNDays { n } => FrequencyDraft::EveryNDays(n),
                Repeat::Weekly => FrequencyDraft::Weekly,
                Repeat::MonthlyOnDay { day } => FrequencyDraft::MonthlyOnDay(day),
                Repeat::MonthlyOnWeekday { nth, weekday } => FrequencyDraft::MonthlyOnWeekday {
                    nth,
                    weekday: weekday.iso(),
                },
            },
            start: f.start_date,
            until: f.until_date,
            count: f.count,
            window_end: f.window_end,
            leads: f.lead_minutes,
            trial_until: f.trial_until,
        }
    }
}

impl From<core_form::RitualFormCheck> for RitualFormCheck {
    fn from(c: core_form::RitualFormCheck) -> Self {
        RitualFormCheck {
            title: c.title,
            prompt: c.prompt,
            minutes: c.minutes,
            time_of_day: c.time_of_day,
            zone: c.zone,
            repeat: c.repeat,
            start_date: c.start,
            end: c.end,
            window_end: c.window_end,
            lead_minutes: c.leads,
            trial_until: c.trial_until,
            form: c.form,
            draft: c.draft.map(ffi_draft),
        }
    }
}

impl From<core_form::RitualForm> for RitualFormInput {
    fn from(f: core_form::RitualForm) -> Self {
        RitualFormInput {
            title: f.title,
            prompt: f.prompt,
            minutes: f.minutes,
            time_of_day: f.time_of_day,
            zone: f
                .zone
                .map_or(ZoneMode::Floating, |zone| ZoneMode::Fixed { zone }),
            repeat: ffi_repeat(f.repeat),
            start_date: f.start,
            until_date: f.until,
            count: f.count,
            window_end: f.window_end,
            lead_minutes: f.leads,
            trial_until: f.trial_until,
        }
    }
}

fn ffi_repeat(f: FrequencyDraft) -> Repeat {
    match f {
        FrequencyDraft::Daily => Repeat::Daily,
        FrequencyDraft::Weekdays(days) => Repeat::Weekdays {
            days: days
                .into_iter()
                .filter_map(|n| Weekday::from_iso(n).ok())
                .collect(),
        },
        FrequencyDraft::EveryNDays(n) => Repeat::EveryNDays { n },
        FrequencyDraft::Weekly => Repeat::Weekly,
        FrequencyDraft::MonthlyOnDay(day) => Repeat::MonthlyOnDay { day },
        FrequencyDraft::MonthlyOnWeekday { nth, weekday } => Repeat::MonthlyOnWeekday {
            nth,
            weekday: Weekday::from_iso(weekday).unwrap_or(Weekday::Monday),
        },
    }
}

/// The draft the core checked, in the FFI's types.
fn ffi_draft(d: tandem_core::RitualDraft) -> RitualDraft {
    let repeat = ffi_repeat;
    RitualDraft {
        title: d.title,
        prompt: d.prompt,
        minutes: d.minutes,
        time_of_day: d.time_of_day,
        zone: d
            .zone
            .map_or(ZoneMode::Floating, |zone| ZoneMode::Fixed { zone }),
        recurrence: d.recurrence.map(|r| Recurrence {
            repeat: repeat(r.frequency),
            start_date: r.start,
            until_date: r.until,
            count: r.count,
        }),
        window_end: d.window_end,
        lead_minutes: d.lead_minutes,
        trial_until: d.trial_until,
    }
}

/// For Rust callers only (the CLI, its demo, the Rust tests): the phones
/// do these through `perform`, `open_form` and the submits, so the mobile
/// library carries no glue for them.
impl Tandem {
    /// Checks a ritual form field by field, in this phone's language. For
    /// another version, `ritual_id` (`adjust`: a trial's look back, whose
    /// trial then ends later or not at all); none for a new ritual.
    pub fn check_ritual_form(
        &self,
        form: RitualFormInput,
        ritual_id: Option<String>,
        adjust: bool,
    ) -> Result<RitualFormCheck> {
        let typed = core_form::RitualForm::from(form);
        let c = self.with(|c| {
            use core_form::RitualFormFor as For;
            let base = match ritual_id.as_deref() {
                None => For::New,
                Some(id) if adjust => For::Adjust(id),
                Some(id) => For::Change(id),
            };
            c.check_ritual_form(&typed, base)
        })?;
        Ok(c.into())
    }
}
