//! The boundaries screen across the FFI (see
//! `tandem_core::screens::boundaries`): the core decides the rows, their
//! words and buttons; the shells render them.

use tandem_core::screens::boundaries as core;

use crate::{FormRequest, Result, Tandem, UserAction};

/// A button on the boundaries screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum BoundaryActionKind {
    /// Rewrite it: opens the form.
    Edit,
    /// Let the partner read it.
    Share,
    /// Private again.
    MakePrivate,
    /// End it.
    Retire,
    /// A new boundary: opens the form.
    New,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BoundaryButton {
    pub action: BoundaryActionKind,
    pub label: String,
    /// What pressing it performs: pass it to `perform` as it is. `None`
    /// for a button that opens a form.
    pub perform: Option<UserAction>,
    /// The form pressing it opens: pass it to `open_form`. `None` for a
    /// button that performs.
    pub opens: Option<FormRequest>,
}

/// One boundary as this phone shows it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BoundaryRowModel {
    pub id: String,
    /// The words as their author wrote them.
    pub text: String,
    pub mine: bool,
    pub shared: bool,
    /// "Only on this phone", "Ana can read this", "Ana shared this with you".
    pub status: String,
    /// "Written Sat 5 Dec 2026", "Changed Mon 7 Dec 2026".
    pub written: String,
    /// None on the partner's: only its author changes a boundary.
    pub buttons: Vec<BoundaryButton>,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BoundariesScreenModel {
    /// What a boundary is here, above the lists.
    pub intro: String,
    /// This phone's own, oldest first.
    pub mine: Vec<BoundaryRowModel>,
    /// The partner's shared ones, to read.
    pub partners: Vec<BoundaryRowModel>,
    /// Above `mine` and `partners`, each only when its list is not empty.
    pub mine_heading: String,
    pub partners_heading: String,
    /// Shown when this phone has none of its own.
    pub empty: Option<String>,
    /// "New boundary".
    pub new: BoundaryButton,
}

impl From<core::BoundaryButton> for BoundaryButton {
    fn from(b: core::BoundaryButton) -> Self {
        use core::BoundaryAction as A;
        BoundaryButton {
            action: match b.action {
                A::Edit => BoundaryActionKind::Edit,
                A::Share => BoundaryActionKind::Share,
                A::MakePrivate => BoundaryActionKind::MakePrivate,
                A::Retire => BoundaryActionKind::Retire,
                A::New => BoundaryActionKind::New,
            },
            label: b.label,
            perform: b.does.map(Into::into),
            opens: b.opens.map(Into::into),
        }
    }
}

impl From<core::BoundaryRow> for BoundaryRowModel {
    fn from(r: core::BoundaryRow) -> Self {
        BoundaryRowModel {
            id: r.id,
            text: r.text,
            mine: r.mine,
            shared: r.shared,
            status: r.status,
            written: r.written,
            buttons: r.buttons.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<core::BoundariesScreen> for BoundariesScreenModel {
    fn from(s: core::BoundariesScreen) -> Self {
        BoundariesScreenModel {
            intro: s.intro,
            mine: s.mine.into_iter().map(Into::into).collect(),
            partners: s.partners.into_iter().map(Into::into).collect(),
            mine_heading: s.mine_heading,
            partners_heading: s.partners_heading,
            empty: s.empty,
            new: s.new.into(),
        }
    }
}

#[uniffi::export]
impl Tandem {
    /// The boundaries screen: this phone's own and the partner's shared
    /// ones, dates on `device_zone`'s calendar.
    pub fn boundaries_screen(&self, device_zone: String) -> Result<BoundariesScreenModel> {
        self.with(|c| c.boundaries_screen(&device_zone))
            .map(Into::into)
    }
}
