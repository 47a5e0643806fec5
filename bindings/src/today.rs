//! The Today screen's one call across the FFI.

use crate::{Choice, OccurrenceStatus, PauseRowModel, Result, Tandem, UserAction};

/// A button on a Today row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum TodayActionKind {
    /// `mark_done_in` with the row's ritual and date.
    Done,
    /// `skip_occurrence`; no reason asked.
    Skip,
    /// `snooze_reminder` with the screen's `snooze` minutes.
    Later,
    /// `accept_ritual_version` / `accept_agreement` with the item's version.
    Accept,
    /// `decline_ritual_version` / `decline_agreement`; no reason asked.
    Decline,
    /// The ritual form, to suggest another time.
    Counter,
    /// A look back: `keep_ritual` / `keep_agreement`.
    Keep,
    /// A trial's look back: the ritual form, to keep it changed.
    Adjust,
    /// A trial's look back: `stop_ritual`.
    Stop,
    /// An agreement's look back: the agreement form, built on `version`.
    Amend,
    /// An agreement's look back: `let_go_agreement`.
    LetGo,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TodayButton {
    pub action: TodayActionKind,
    pub label: String,
    /// What pressing it performs: pass it to `perform` as it is. `None`
    /// for a button that opens a form.
    pub perform: Option<UserAction>,
    /// The form pressing it opens: pass it to `open_form`. `None` for a
    /// button that performs.
    pub opens: Option<crate::FormRequest>,
}

/// One occurrence on Today, worded on this phone's clock.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OccurrenceRowModel {
    pub ritual_id: String,
    /// The occurrence's key for done, skip and later.
    pub date: String,
    pub title: String,
    /// "20:30" on this phone's clock.
    pub time: String,
    /// "14:30 Europe/Berlin" for a fixed-zone ritual whose clock reads
    /// differently there.
    pub zone_time: Option<String>,
    /// "in 2 h 5 min · 30 min", "started 10 min ago · 30 min", "Done".
    pub detail: String,
    pub start_ms: i64,
    pub minutes: u32,
    pub status: OccurrenceStatus,
    pub resting: bool,
    pub personal: bool,
    /// "Just for you" on a personal ritual.
    pub personal_note: Option<String>,
    /// "You: grateful · “Lovely walk”", first marker first.
    pub said: Vec<String>,
    pub buttons: Vec<TodayButton>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum TodayItemKind {
    Ritual,
    Agreement,
}

/// An invitation waiting for this phone's answer, or a look back.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TodayItemModel {
    pub kind: TodayItemKind,
    /// The ritual's or agreement's id.
    pub id: String,
    pub title: String,
    /// "Ana suggested another time", "Time to revisit (review on Sat 20 Mar)".
    pub headline: String,
    /// "21:00 · 30 min · every day", or the agreement's text.
    pub detail: String,
    /// The waiting version field by field, to read whole before answering.
    pub reads: Vec<String>,
    pub changes: Vec<String>,
    /// The version an answer (or a look back's keep and amend) names.
    pub version: Option<String>,
    pub personal: bool,
    pub buttons: Vec<TodayButton>,
}

/// The Today screen as the core words it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TodayScreenModel {
    pub now_ms: i64,
    /// Started, open, not resting: done, skip or later. Oldest first.
    pub due: Vec<OccurrenceRowModel>,
    /// Within 24 hours, soonest first.
    pub coming: Vec<OccurrenceRowModel>,
    /// Done, skipped or resting since midnight, shown quietly.
    pub earlier: Vec<OccurrenceRowModel>,
    pub invitations: Vec<TodayItemModel>,
    pub reviews: Vec<TodayItemModel>,
    /// The running pause, this phone's own first, as the pause screen says it.
    pub pause: Option<PauseRowModel>,
    /// "Next reminder 20:20 · Evening check-in".
    pub next_reminder: Option<String>,
    /// What `Later` offers.
    pub snooze: Choice,
    /// What `Extend` adds on this phone's own pause.
    pub extend: Choice,
    /// Shown when nothing else is.
    pub empty: Option<String>,
    /// Above each list, when it is not empty.
    pub headings: TodayHeadings,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TodayHeadings {
    pub due: String,
    pub coming: String,
    pub earlier: String,
    pub invitations: String,
    pub reviews: String,
}

impl From<tandem_core::screens::today::TodayButton> for TodayButton {
    fn from(b: tandem_core::screens::today::TodayButton) -> Self {
        use tandem_core::screens::today::TodayAction as A;
        TodayButton {
            action: match b.action {
                A::Done => TodayActionKind::Done,
                A::Skip => TodayActionKind::Skip,
                A::Later => TodayActionKind::Later,
                A::Accept => TodayActionKind::Accept,
                A::Decline => TodayActionKind::Decline,
                A::Counter => TodayActionKind::Counter,
                A::Keep => TodayActionKind::Keep,
                A::Adjust => TodayActionKind::Adjust,
                A::Stop => TodayActionKind::Stop,
                A::Amend => TodayActionKind::Amend,
                A::LetGo => TodayActionKind::LetGo,
            },
            label: b.label,
            perform: b.does.map(Into::into),
            opens: b.opens.map(Into::into),
        }
    }
}

impl From<tandem_core::screens::today::OccurrenceRow> for OccurrenceRowModel {
    fn from(r: tandem_core::screens::today::OccurrenceRow) -> Self {
        OccurrenceRowModel {
            ritual_id: r.ritual_id,
            date: r.date,
            title: r.title,
            time: r.time,
            zone_time: r.zone_time,
            detail: r.detail,
            start_ms: r.start_ms,
            minutes: r.minutes,
            status: r.status.into(),
            resting: r.resting,
            personal: r.personal,
            personal_note: r.personal_note,
            said: r.said,
            buttons: r.buttons.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<tandem_core::screens::today::TodayItem> for TodayItemModel {
    fn from(i: tandem_core::screens::today::TodayItem) -> Self {
        use tandem_core::screens::today::ItemKind;
        TodayItemModel {
            kind: match i.kind {
                ItemKind::Ritual => TodayItemKind::Ritual,
                ItemKind::Agreement => TodayItemKind::Agreement,
            },
            id: i.id,
            title: i.title,
            headline: i.headline,
            detail: i.detail,
            reads: i.reads,
            changes: i.changes,
            version: i.version,
            personal: i.personal,
            buttons: i.buttons.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<tandem_core::screens::today::TodayScreen> for TodayScreenModel {
    fn from(s: tandem_core::screens::today::TodayScreen) -> Self {
        let rows = |v: Vec<tandem_core::screens::today::OccurrenceRow>| {
            v.into_iter().map(Into::into).collect()
        };
        let items = |v: Vec<tandem_core::screens::today::TodayItem>| {
            v.into_iter().map(Into::into).collect()
        };
        TodayScreenModel {
            now_ms: s.now_ms,
            due: rows(s.due),
            coming: rows(s.coming),
            earlier: rows(s.earlier),
            invitations: items(s.invitations),
            reviews: items(s.reviews),
            pause: s.pause.map(Into::into),
            next_reminder: s.next_reminder,
            snooze: s.snooze.into(),
            extend: s.extend.into(),
            empty: s.empty,
            headings: TodayHeadings {
                due: s.headings.due,
                coming: s.headings.coming,
                earlier: s.headings.earlier,
                invitations: s.headings.invitations,
                reviews: s.headings.reviews,
            },
        }
    }
}

#[uniffi::export]
impl Tandem {
    /// The Today screen as the core words it, in `device_zone`: rows with
    /// their words and buttons, invitations, looks back, the pause, the
    /// next reminder.
    pub fn today_screen(&self, device_zone: String) -> Result<TodayScreenModel> {
        self.with(|c| c.today_screen(&device_zone)).map(Into::into)
    }
}
