//! The visibility screen across the FFI: what the partner's phone holds,
//! grouped in the core's order under the catalog's headings, and the audit
//! as sentences, times on this phone's clock. The kinds and the audit's
//! changes are typed (`VisibleKind`, `AuditChange`), here and in the raw
//! `what_partner_sees` / `sharing_audit`.

use tandem_core::export::mirror as core_mirror;
use tandem_core::screens::visibility as core_visibility;

use crate::{Result, Tandem};

/// What kind of thing the partner's phone holds about this person, in the
/// order the screen shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum VisibleKind {
    DeviceName,
    SharedRitual,
    RitualNote,
    Agreement,
    Boundary,
    CheckIn,
    Appreciation,
    Repair,
    Phrase,
    Pause,
    RestWeek,
    /// An answer this person gave to a ritual or an agreement.
    Answer,
    /// Sent, then made private or retired: already on the partner's phone.
    MadePrivate,
}

/// One thing in the audit: a sharing change this person made, or something
/// done with this phone's record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum AuditChange {
    RitualProposed,
    RitualCountered,
    RitualAccepted,
    RitualDeclined,
    RitualPaused,
    RitualResumed,
    RitualRetired,
    RitualDone,
    RitualDoneWithWords,
    RitualSkipped,
    RitualMoved,
    RestDeclared,
    RestCalledOff,
    BoundaryShared,
    BoundaryUnshared,
    BoundaryChanged,
    BoundaryRetired,
    AgreementProposed,
    AgreementAmended,
    AgreementAccepted,
    AgreementDeclined,
    AgreementWithdrawn,
    AgreementKept,
    CheckInShared,
    AppreciationSent,
    RepairShared,
    PhraseShared,
    PauseStarted,
    PauseExtended,
    PauseEnded,
    /// Everything exported, sealed with a passphrase.
    Exported,
    /// Everything exported unsealed.
    ExportedPlaintext,
    ExportedCalendar,
    Unpaired,
    /// The shared rituals, agreements and pauses stopped on this phone.
    StoppedShared,
    /// The partner's shared records deleted from this phone.
    DeletedPartnerData,
    LockOn,
    LockOff,
    /// An earlier Tandem on this phone was wiped.
    Wiped,
}

macro_rules! from_core {
    ($ffi:ident, $core:ty, [$($v:ident),* $(,)?]) => {
        impl From<$core> for $ffi {
            fn from(x: $core) -> Self {
                match x { $(<$core>::$v => $ffi::$v),* }
            }
        }
    };
}

from_core!(
    VisibleKind,
    core_mirror::VisibleKind,
    [
        DeviceName,
        SharedRitual,
        RitualNote,
        Agreement,
        Boundary,
        CheckIn,
        Appreciation,
        Repair,
        Phrase,
        Pause,
        RestWeek,
        Answer,
        MadePrivate,
    ]
);

from_core!(
    AuditChange,
    core_mirror::AuditChange,
    [
        RitualProposed,
        RitualCountered,
        RitualAccepted,
        RitualDeclined,
        RitualPaused,
        RitualResumed,
        RitualRetired,
        RitualDone,
        RitualDoneWithWords,
        RitualSkipped,
        RitualMoved,
        RestDeclared,
        RestCalledOff,
        BoundaryShared,
        BoundaryUnshared,
        BoundaryChanged,
        BoundaryRetired,
        AgreementProposed,
        AgreementAmended,
        AgreementAccepted,
        AgreementDeclined,
        AgreementWithdrawn,
        AgreementKept,
        CheckInShared,
        AppreciationSent,
        RepairShared,
        PhraseShared,
        PauseStarted,
        PauseExtended,
        PauseEnded,
        Exported,
        ExportedPlaintext,
        ExportedCalendar,
        Unpaired,
        StoppedShared,
        DeletedPartnerData,
        LockOn,
        LockOff,
        Wiped,
    ]
);

/// One thing the partner's phone holds.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct VisibleRowModel {
    /// The core's id of what it is (ids of different kinds may coincide).
    pub id: String,
    pub kind: VisibleKind,
    /// What the partner reads: the person's own words as written, the rest
    /// in the catalog's.
    pub summary: String,
    /// Since when on this phone's clock ("Sat 12 Dec 2026 21:10"), or the
    /// day it is about; none when not known (the device name, a rest week).
    pub since: Option<String>,
    /// Why something made private is still listed: it cannot be recalled.
    pub caveat: Option<String>,
}

/// The rows of one kind under their heading.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct VisibleGroupModel {
    pub kind: VisibleKind,
    pub heading: String,
    pub rows: Vec<VisibleRowModel>,
    /// Said under the rows when older ones are left out ("Only the newest
    /// 30 are shown here").
    pub more: Option<String>,
}

/// One line of the audit.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AuditLineModel {
    /// What it was about; empty for this phone's own events.
    pub id: String,
    pub change: AuditChange,
    /// When, on this phone's clock: "Sat 12 Dec 2026 21:10".
    pub at: String,
    /// The sentence: "You shared a boundary".
    pub text: String,
}

/// The visibility screen as the core decides it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct VisibilityScreenModel {
    /// "Your partner's phone holds".
    pub heading: String,
    /// Said when the partner's phone holds nothing but this phone's name.
    pub empty: Option<String>,
    /// In the core's order of kinds, only kinds with rows.
    pub groups: Vec<VisibleGroupModel>,
    pub audit_heading: String,
    /// Newest first.
    pub audit: Vec<AuditLineModel>,
    /// Said under the audit when older lines are left out.
    pub audit_more: Option<String>,
    /// The label of the action that shows everything ("Show everything"),
    /// when something was left out: it calls `visibility_screen_all`.
    pub show_all: Option<String>,
}

impl From<core_visibility::VisibilityScreen> for VisibilityScreenModel {
    fn from(s: core_visibility::VisibilityScreen) -> Self {
        VisibilityScreenModel {
            heading: s.heading,
            empty: s.empty,
            groups: s
                .groups
                .into_iter()
                .map(|g| VisibleGroupModel {
                    kind: g.kind.into(),
                    heading: g.heading,
                    rows: g
                        .rows
                        .into_iter()
                        .map(|r| VisibleRowModel {
                            id: r.id,
                            kind: r.kind.into(),
                            summary: r.summary,
                            since: r.since,
                            caveat: r.caveat,
                        })
                        .collect(),
                    more: g.more,
                })
                .collect(),
            audit_heading: s.audit_heading,
            audit: s
                .audit
                .into_iter()
                .map(|a| AuditLineModel {
                    id: a.id,
                    change: a.change.into(),
                    at: a.at,
                    text: a.text,
                })
                .collect(),
            audit_more: s.audit_more,
            show_all: s.show_all,
        }
    }
}

#[uniffi::export]
impl Tandem {
    /// What the partner's phone holds about this person, grouped by kind,
    /// and every sharing change and everything done with this phone's
    /// record, newest first: worded in this phone's language, times in
    /// `device_zone` (an unknown zone is `InvalidInput`). The newest 30 of
    /// each kind that keeps growing and the newest 100 audit lines, each
    /// cut group saying so, and `show_all` offering the rest.
    pub fn visibility_screen(&self, device_zone: String) -> Result<VisibilityScreenModel> {
        self.with(|c| c.visibility_screen(&device_zone))
            .map(Into::into)
    }

    /// The same screen with everything, however long ago (`show_all`).
    pub fn visibility_screen_all(&self, device_zone: String) -> Result<VisibilityScreenModel> {
        self.with(|c| c.visibility_screen_all(&device_zone))
            .map(Into::into)
    }
}
