//! The agreements screen and the agreement form's check across the FFI:
//! the core decides the rows, words and buttons; the shells render them.

use tandem_core::screens::agreement_form as core_form;
use tandem_core::screens::agreements as core_screen;

use crate::{AgreementDraft, Result, Tandem};

/// A button on an agreement's row or on a waiting version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum AgreementActionKind {
    /// `accept_agreement` with the option's `version`.
    Accept,
    /// `decline_agreement` with the option's `version`; no reason asked.
    Decline,
    /// The form, then `amend_agreement` on the row's `amend_on` (on a row)
    /// or on the option's `version` (on an option).
    Amend,
    /// A review: `review_agreement` with `Keep`.
    Keep,
    /// A review: `review_agreement` with `LetGo` (consent withdrawn).
    LetGo,
    /// `withdraw_agreement`: alone, at any time, no reason asked.
    Withdraw,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AgreementButton {
    pub action: AgreementActionKind,
    pub label: String,
    /// What pressing it performs: pass it to `perform` as it is. `None`
    /// for a button that opens a form.
    pub perform: Option<crate::UserAction>,
    /// The form pressing it opens: pass it to `open_form`. `None` for a
    /// button that performs.
    pub opens: Option<crate::FormRequest>,
}

/// A version waiting for an answer.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AgreementOptionModel {
    /// The content hash an answer or a change names.
    pub version: String,
    pub mine: bool,
    /// "Your suggestion", "Your partner's suggestion".
    pub label: String,
    /// "Waiting for your answer", "Waiting for your partner".
    pub status: String,
    /// Every field, to read it whole before answering.
    pub reads: Vec<String>,
    /// What it changes; empty for a first proposal.
    pub changes: Vec<String>,
    pub buttons: Vec<AgreementButton>,
}

/// One step of an agreement's history, worded from this phone's side.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AgreementHistoryLine {
    pub at_ms: i64,
    /// On this phone's clock: "20:30", "Mon 1 Mar 20:30".
    pub at: String,
    pub text: String,
}

/// One agreement on the agreements screen.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AgreementRowModel {
    pub id: String,
    pub title: String,
    /// The couple's own words (in effect, else newest waiting; for an
    /// ended one what was last agreed).
    pub text: String,
    pub status: String,
    /// The version in effect, field by field.
    pub in_effect: Vec<String>,
    /// "Looking back on Wed 10 Mar 2027".
    pub review_note: Option<String>,
    pub review_due: bool,
    /// Versions waiting for an answer, side by side, oldest first.
    pub options: Vec<AgreementOptionModel>,
    /// The version a row's `Amend` builds on.
    pub amend_on: Option<String>,
    pub history: Vec<AgreementHistoryLine>,
    pub buttons: Vec<AgreementButton>,
}

/// The agreements screen: live rows (due reviews first), ended ones, a
/// badge count, the empty text.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AgreementsScreenModel {
    pub rows: Vec<AgreementRowModel>,
    /// Declined and withdrawn, without buttons.
    pub ended: Vec<AgreementRowModel>,
    pub answers_waiting: u32,
    pub empty: Option<String>,
}

/// The agreement form as typed.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AgreementFormInput {
    pub title: String,
    pub text: String,
    /// Minutes as typed; blank: no pause protocol.
    pub cool_down: String,
    /// "YYYY-MM-DD" as typed or picked; blank: none.
    pub review_on: String,
    /// Of a pause protocol, kept from the version amended.
    #[uniffi(default = true)]
    pub either_may_call: bool,
    #[uniffi(default = None)]
    pub revisit: Option<String>,
}

/// Each field's message (none: it reads well); `draft` is what to send
/// when every field reads well.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AgreementFormCheck {
    pub title: Option<String>,
    pub text: Option<String>,
    pub cool_down: Option<String>,
    pub revisit: Option<String>,
    pub review_on: Option<String>,
    /// About the whole form (a change that changes nothing).
    pub form: Option<String>,
    pub draft: Option<AgreementDraft>,
}

fn button(b: core_screen::AgreementButton) -> AgreementButton {
    use core_screen::AgreementAction as A;
    AgreementButton {
        action: match b.action {
            A::Accept => AgreementActionKind::Accept,
            A::Decline => AgreementActionKind::Decline,
            A::Amend => AgreementActionKind::Amend,
            A::Keep => AgreementActionKind::Keep,
            A::LetGo => AgreementActionKind::LetGo,
            A::Withdraw => AgreementActionKind::Withdraw,
        },
        label: b.label,
        perform: b.does.map(Into::into),
        opens: b.opens.map(Into::into),
    }
}

impl From<core_screen::AgreementRow> for AgreementRowModel {
    fn from(r: core_screen::AgreementRow) -> Self {
        AgreementRowModel {
            id: r.id,
            title: r.title,
            text: r.text,
            status: r.status,
            in_effect: r.in_effect,
            review_note: r.review_note,
            review_due: r.review_due,
            options: r
                .options
                .into_iter()
                .map(|o| AgreementOptionModel {
                    version: o.version,
                    mine: o.mine,
                    label: o.label,
                    status: o.status,
                    reads: o.reads,
                    changes: o.changes,
                    buttons: o.buttons.into_iter().map(button).collect(),
                })
                .collect(),
            amend_on: r.amend_on,
            history: r
                .history
                .into_iter()
                .map(|h| AgreementHistoryLine {
                    at_ms: h.at_ms,
                    at: h.at,
                    text: h.text,
                })
                .collect(),
            buttons: r.buttons.into_iter().map(button).collect(),
        }
    }
}

impl From<core_screen::AgreementsScreen> for AgreementsScreenModel {
    fn from(s: core_screen::AgreementsScreen) -> Self {
        AgreementsScreenModel {
            rows: s.rows.into_iter().map(Into::into).collect(),
            ended: s.ended.into_iter().map(Into::into).collect(),
            answers_waiting: s.answers_waiting,
            empty: s.empty,
        }
    }
}

impl From<AgreementFormInput> for core_form::AgreementForm {
    fn from(f: AgreementFormInput) -> Self {
        core_form::AgreementForm {
            title: f.title,
            text: f.text,
            cool_down: f.cool_down,
            either_may_call: f.either_may_call,
            revisit: f.revisit,
            review_on: f.review_on,
        }
    }
}

impl From<core_form::AgreementFormCheck> for AgreementFormCheck {
    fn from(c: core_form::AgreementFormCheck) -> Self {
        AgreementFormCheck {
            title: c.title,
            text: c.text,
            cool_down: c.cool_down,
            revisit: c.revisit,
            review_on: c.review_on,
            form: c.form,
            draft: c.draft.map(Into::into),
        }
    }
}

#[uniffi::export]
impl Tandem {
    /// The agreements screen as this phone shows it, times and the day a
    /// review comes in `device_zone`.
    pub fn agreements_screen(&self, device_zone: String) -> Result<AgreementsScreenModel> {
        self.with(|c| c.agreements_screen(&device_zone))
            .map(Into::into)
    }
}
