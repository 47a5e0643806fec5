//! One ritual's own screen across the FFI (see
//! `tandem_core::screens::ritual`).

use tandem_core::screens::ritual as core;

use crate::{OccurrenceStatus, Result, RitualRowModel, Tandem, TodayButton};

/// One day the ritual was due.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RitualDayModel {
    /// The occurrence's key.
    pub date: String,
    /// "Sun 6 Dec".
    pub day: String,
    /// "20:30" on this phone's clock.
    pub time: String,
    /// "Done", "Skipped", "Rest week", "Not marked".
    pub state: String,
    pub status: OccurrenceStatus,
    pub resting: bool,
    /// What each partner said marking it done.
    pub said: Vec<String>,
    /// Done and skip on a day nobody marked, while the ritual is in effect.
    pub buttons: Vec<TodayButton>,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RitualScreenHeadings {
    pub terms: String,
    pub next: String,
    pub days: String,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RitualScreenModel {
    /// The row as the rituals screen shows it, with its buttons.
    pub row: RitualRowModel,
    /// The version shown, field by field.
    pub terms: Vec<String>,
    /// The next times on this phone's clock: "Tue 8 Dec · 20:30".
    pub next: Vec<String>,
    /// The last two weeks, newest first.
    pub days: Vec<RitualDayModel>,
    /// "Together you kept 5 of 7 times in the last four weeks."
    pub kept: Option<String>,
    /// Shown when `days` is empty.
    pub days_empty: Option<String>,
    pub headings: RitualScreenHeadings,
}

impl From<core::RitualScreen> for RitualScreenModel {
    fn from(s: core::RitualScreen) -> Self {
        RitualScreenModel {
            row: s.row.into(),
            terms: s.terms,
            next: s.next,
            days: s
                .days
                .into_iter()
                .map(|d| RitualDayModel {
                    date: d.date,
                    day: d.day,
                    time: d.time,
                    state: d.state,
                    status: d.status.into(),
                    resting: d.resting,
                    said: d.said,
                    buttons: d.buttons.into_iter().map(Into::into).collect(),
                })
                .collect(),
            kept: s.kept,
            days_empty: s.days_empty,
            headings: RitualScreenHeadings {
                terms: s.headings.terms,
                next: s.headings.next,
                days: s.headings.days,
            },
        }
    }
}

#[uniffi::export]
impl Tandem {
    /// Ritual `id`'s own screen, opened from its row, on `device_zone`'s
    /// clock: its row and buttons, how it goes, the next times, the last
    /// two weeks with both partners' words, how it has been kept.
    pub fn ritual_screen(&self, id: String, device_zone: String) -> Result<RitualScreenModel> {
        self.with(|c| c.ritual_screen(&id, &device_zone))
            .map(Into::into)
    }
}
