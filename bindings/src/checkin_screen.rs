//! The check-in screen and its form check across the FFI.

use tandem_core::screens::checkin as core_screen;

use crate::{Capacity, Need, Result, Tandem};

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TemperatureChoice {
    pub value: u8,
    /// "5 · stirred".
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CapacityChoice {
    pub value: Capacity,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NeedChoice {
    pub value: Need,
    pub label: String,
}

/// One of this person's check-ins today.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CheckInRowModel {
    pub id: String,
    pub at_ms: i64,
    /// "20:10 · stirred · low capacity · needing space".
    pub text: String,
    pub note: Option<String>,
    /// "Shared with your partner" when it was shared.
    pub shared_note: Option<String>,
}

/// The check-in screen as the core words it: the form's choices and this
/// person's own check-ins since the local midnight, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CheckInScreenModel {
    pub prompt: String,
    pub temperatures: Vec<TemperatureChoice>,
    pub default_temperature: u8,
    pub capacities: Vec<CapacityChoice>,
    pub needs: Vec<NeedChoice>,
    pub note_label: String,
    pub share_label: String,
    pub submit_label: String,
    /// What to say once a check-in was recorded.
    pub done: String,
    pub today: Vec<CheckInRowModel>,
    pub empty: Option<String>,
    /// A new check-in's form as it opens (the slider where it starts, the
    /// choices picked first): pass it, as typed, to `submit_check_in`.
    pub form: crate::CheckInFormInput,
}

/// The words under each form field that cannot be used; all `None` when the
/// form may be sent.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CheckInFormCheck {
    pub temperature: Option<String>,
    pub note: Option<String>,
}

impl From<core_screen::CheckInFormCheck> for CheckInFormCheck {
    fn from(c: core_screen::CheckInFormCheck) -> Self {
        CheckInFormCheck {
            temperature: c.temperature,
            note: c.note,
        }
    }
}

impl From<core_screen::CheckInForm> for crate::CheckInFormInput {
    fn from(f: core_screen::CheckInForm) -> Self {
        crate::CheckInFormInput {
            temperature: f.temperature,
            capacity: f.capacity.into(),
            need: f.need.into(),
            note: f.note,
            shared: f.shared,
        }
    }
}

impl From<crate::CheckInFormInput> for core_screen::CheckInForm {
    fn from(f: crate::CheckInFormInput) -> Self {
        core_screen::CheckInForm {
            temperature: f.temperature,
            capacity: f.capacity.into(),
            need: f.need.into(),
            note: f.note,
            shared: f.shared,
        }
    }
}

impl From<core_screen::CheckInScreen> for CheckInScreenModel {
    fn from(s: core_screen::CheckInScreen) -> Self {
        CheckInScreenModel {
            prompt: s.prompt,
            temperatures: s
                .temperatures
                .into_iter()
                .map(|t| TemperatureChoice {
                    value: t.value,
                    label: t.label,
                })
                .collect(),
            default_temperature: s.default_temperature,
            form: s.form.into(),
            capacities: s
                .capacities
                .into_iter()
                .map(|c| CapacityChoice {
                    value: c.value.into(),
                    label: c.label,
                })
                .collect(),
            needs: s
                .needs
                .into_iter()
                .map(|n| NeedChoice {
                    value: n.value.into(),
                    label: n.label,
                })
                .collect(),
            note_label: s.note_label,
            share_label: s.share_label,
            submit_label: s.submit_label,
            done: s.done,
            today: s
                .today
                .into_iter()
                .map(|r| CheckInRowModel {
                    id: r.id,
                    at_ms: r.at_ms,
                    text: r.text,
                    note: r.note,
                    shared_note: r.shared_note,
                })
                .collect(),
            empty: s.empty,
        }
    }
}

#[uniffi::export]
impl Tandem {
    /// The check-in screen in `device_zone`.
    pub fn check_in_screen(&self, device_zone: String) -> Result<CheckInScreenModel> {
        self.with(|c| c.check_in_screen(&device_zone))
            .map(Into::into)
    }
}

/// One weekly series as the insights screen shows it.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ChartRowModel {
    /// The series' stable key ("rituals kept").
    pub name: String,
    pub label: String,
    pub values: Vec<f64>,
    /// "Rituals kept: 3 5 4".
    pub text: String,
    pub peak: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CountRowModel {
    pub label: String,
    pub count: u32,
    /// "“work” · 3 times".
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct InsightsHeadings {
    pub rhythm: String,
    pub before: String,
    pub when: String,
    pub topics: String,
    pub milestones: String,
}

/// The insights screen as the core words it.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct InsightsScreenModel {
    /// "week of Mon 1 Mar", oldest first.
    pub weeks: Vec<String>,
    pub rows: Vec<ChartRowModel>,
    pub triggers: Vec<CountRowModel>,
    pub topics: Vec<CountRowModel>,
    pub by_weekday: Vec<CountRowModel>,
    pub by_part_of_day: Vec<CountRowModel>,
    pub temperature: Option<String>,
    pub milestones: Vec<String>,
    pub sentences: Vec<String>,
    pub headings: InsightsHeadings,
    pub empty: Option<String>,
}

impl From<tandem_core::screens::insights::InsightsScreen> for InsightsScreenModel {
    fn from(s: tandem_core::screens::insights::InsightsScreen) -> Self {
        let counts = |v: Vec<tandem_core::screens::insights::CountRow>| {
            v.into_iter()
                .map(|c| CountRowModel {
                    label: c.label,
                    count: c.count,
                    text: c.text,
                })
                .collect()
        };
        InsightsScreenModel {
            weeks: s.weeks,
            rows: s
                .rows
                .into_iter()
                .map(|r| ChartRowModel {
                    name: r.name,
                    label: r.label,
                    values: r.values,
                    text: r.text,
                    peak: r.peak,
                })
                .collect(),
            triggers: counts(s.triggers),
            topics: counts(s.topics),
            by_weekday: counts(s.by_weekday),
            by_part_of_day: counts(s.by_part_of_day),
            temperature: s.temperature,
            milestones: s.milestones,
            sentences: s.sentences,
            headings: InsightsHeadings {
                rhythm: s.headings.rhythm,
                before: s.headings.before,
                when: s.headings.when,
                topics: s.headings.topics,
                milestones: s.headings.milestones,
            },
            empty: s.empty,
        }
    }
}

#[uniffi::export]
impl Tandem {
    /// The insights screen as both apps show it (the core's eight weeks),
    /// in `device_zone`, worded in the phone's language.
    pub fn insights_tab(&self, device_zone: String) -> Result<InsightsScreenModel> {
        self.with(|c| c.insights_tab(&device_zone)).map(Into::into)
    }

    /// The insights screen over the last `weeks` weeks (1 to 520), in
    /// `device_zone`, worded in the phone's language.
    pub fn insights_screen(&self, weeks: u32, device_zone: String) -> Result<InsightsScreenModel> {
        self.with(|c| c.insights_screen(weeks, &device_zone))
            .map(Into::into)
    }
}

/// For Rust callers only (the CLI, its demo, the Rust tests): the phones
/// do these through `perform`, `open_form` and the submits, so the mobile
/// library carries no glue for them.
impl Tandem {
    /// The check-in form checked field by field, in this phone's language;
    /// `temperature` as the slider gives it (any number: out of range is
    /// said, never clamped).
    pub fn check_in_form(&self, temperature: i64, note: String) -> Result<CheckInFormCheck> {
        self.with(|c| Ok(c.check_in_form(temperature, &note).into()))
    }
}
