//! Boundaries, the agreements ledger and pauses across the FFI: records,
//! their conversions, and the `Tandem` methods (one-liners onto the core).

use tandem_core::agreements::{self as core_agreements, history};
use tandem_core::{Core, DeviceId};

use crate::types::Choice;
use crate::{Result, Tandem};

/// One partner's own statement: private, or shared (read-only for the
/// partner).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Boundary {
    pub id: String,
    pub text: String,
    pub shared: bool,
    /// Written on this phone (only its owner changes it).
    pub mine: bool,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
}

/// How the couple pauses a heated talk.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PauseProtocol {
    /// 20 to 1440: a pause's default length.
    pub cool_down_minutes: u32,
    pub either_may_call: bool,
    /// Where and how to come back to the talk (up to 200 characters).
    #[uniffi(default = None)]
    pub revisit: Option<String>,
}

/// An agreement as typed; the core validates every field.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AgreementDraft {
    /// 1 to 80 characters.
    pub title: String,
    /// 1 to 2000 characters.
    pub text: String,
    #[uniffi(default = None)]
    pub pause_protocol: Option<PauseProtocol>,
    /// "YYYY-MM-DD", after today: when to look at it again together.
    #[uniffi(default = None)]
    pub review_on: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum AgreementStatus {
    /// Nothing in effect yet; a version waits for an answer.
    Proposed,
    /// A version both accepted is in effect.
    Active,
    /// Declined before anything took effect (no reason needed).
    Declined,
    /// Consent withdrawn by a partner; the history keeps what was agreed.
    Withdrawn,
}

/// One version of an agreement.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AgreementVersion {
    /// Its content hash (32 hex): what an acceptance names.
    pub hash: String,
    /// The version it amends.
    pub parent: Option<String>,
    pub title: String,
    pub text: String,
    pub pause_protocol: Option<PauseProtocol>,
    pub review_on: Option<String>,
    pub by_me: bool,
    pub at_ms: i64,
    pub accepted_by_me: bool,
    pub accepted_by_partner: bool,
    /// Waiting for this phone's answer.
    pub waiting_for_me: bool,
    /// Every field in words (text, pause protocol, review date), for
    /// reading it whole before answering.
    #[uniffi(default = [])]
    pub terms: Vec<crate::FieldText>,
    /// What a waiting version changes against the version in effect (or
    /// the version it amends); empty for the version in effect and for a
    /// first proposal.
    #[uniffi(default = [])]
    pub changes: Vec<crate::FieldChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Agreement {
    pub id: String,
    /// The title shown: the version in effect's, else the newest waiting
    /// one's, else the last version's (a withdrawn or declined agreement).
    pub title: String,
    pub status: AgreementStatus,
    pub proposed_by_me: bool,
    pub proposed_at_ms: i64,
    /// The version both accepted, if any.
    pub in_effect: Option<AgreementVersion>,
    /// Versions waiting for an answer: concurrent amendments side by side.
    pub pending: Vec<AgreementVersion>,
    /// The version in effect was kept at its review.
    pub reviewed: bool,
    pub withdrawn_by_me: Option<bool>,
    pub withdrawn_at_ms: Option<i64>,
}

/// How an agreement's review ends.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum AgreementReview {
    Keep,
    /// A new version for both to accept (perhaps with a new review date).
    Amend {
        draft: AgreementDraft,
    },
    /// Consent withdrawn.
    LetGo,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum HistoryKind {
    Proposed,
    Amended,
    Accepted,
    Declined,
    Withdrawn,
    Kept,
}

/// One step in an agreement's history; each commits to the one before.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HistoryEntry {
    pub kind: HistoryKind,
    pub by_me: bool,
    pub at_ms: i64,
    pub version: Option<String>,
    /// The version's title and text, for proposals and amendments.
    pub title: Option<String>,
    pub text: Option<String>,
    pub prev: String,
    pub hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AgreementHistory {
    pub entries: Vec<HistoryEntry>,
    /// The last entry's hash: the same on both phones for the same ledger.
    pub head: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum PauseState {
    /// Before its return; for the partner, until it ends or 24 hours after
    /// it began, whichever comes first (a pause is never shown to the
    /// partner as late).
    Running,
    /// This phone started it and its return time came: time to reconnect.
    TimeToReconnect,
    /// Ended; on the partner's phone also a pause 24 hours old.
    Ended,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Pause {
    pub id: String,
    pub mine: bool,
    pub started_at_ms: i64,
    pub first_return_at_ms: i64,
    /// The return promised now ("back at 21:10").
    pub return_at_ms: i64,
    pub extended: bool,
    pub ended_at_ms: Option<i64>,
    pub note: Option<String>,
    pub state: PauseState,
    /// Once ended, and on its starter's phone only: whether it ended by its
    /// return time. Always None for the partner's pauses.
    pub kept: Option<bool>,
}

impl Boundary {
    fn from_core(b: tandem_core::Boundary, me: DeviceId) -> Self {
        Boundary {
            mine: b.owner == me,
            id: b.id,
            text: b.text,
            shared: b.shared,
            created_at_ms: b.created_at_ms,
            updated_at_ms: b.updated_at_ms,
        }
    }
}

impl From<core_agreements::PauseProtocol> for PauseProtocol {
    fn from(p: core_agreements::PauseProtocol) -> Self {
        PauseProtocol {
            cool_down_minutes: p.cool_down_minutes,
            either_may_call: p.either_may_call,
            revisit: p.revisit,
        }
    }
}

impl From<AgreementDraft> for tandem_core::AgreementDraft {
    fn from(d: AgreementDraft) -> Self {
        tandem_core::AgreementDraft {
            title: d.title,
            text: d.text,
            pause_protocol: d.pause_protocol.map(|p| core_agreements::PauseProtocol {
                cool_down_minutes: p.cool_down_minutes,
                either_may_call: p.either_may_call,
                revisit: p.revisit,
            }),
            review_on: d.review_on,
        }
    }
}

impl From<tandem_core::AgreementDraft> for AgreementDraft {
    fn from(d: tandem_core::AgreementDraft) -> Self {
        AgreementDraft {
            title: d.title,
            text: d.text,
            pause_protocol: d.pause_protocol.map(Into::into),
            review_on: d.review_on,
        }
    }
}

fn hash_text(h: &[u8]) -> String {
    hex::encode(h)
}

impl Agreement {
    pub(crate) fn from_core(a: tandem_core::Agreement, me: DeviceId) -> Self {
        let version = |v: &core_agreements::Version| AgreementVersion {
            hash: hash_text(&v.hash),
            parent: v.terms.parent.map(|p| hash_text(&p)),
            title: v.terms.title.clone(),
            text: v.terms.text.clone(),
            pause_protocol: v.terms.pause_protocol.clone().map(Into::into),
            review_on: v.terms.review_on.map(|d| d.to_string()),
            by_me: v.author == me,
            at_ms: v.at_ms,
            accepted_by_me: v.accepted_by.contains(&me),
            accepted_by_partner: v.accepted_by.iter().any(|d| *d != me),
            waiting_for_me: a.awaits(v, me),
            terms: core_agreements::describe::describe(&v.terms)
                .into_iter()
                .map(Into::into)
                .collect(),
            changes: a.changes(v).into_iter().map(Into::into).collect(),
        };
        Agreement {
            status: match a.status {
                tandem_core::AgreementStatus::Proposed => AgreementStatus::Proposed,
                tandem_core::AgreementStatus::Active => AgreementStatus::Active,
                tandem_core::AgreementStatus::Declined => AgreementStatus::Declined,
                tandem_core::AgreementStatus::Withdrawn => AgreementStatus::Withdrawn,
            },
            title: a.shown().map(|v| v.terms.title.clone()).unwrap_or_default(),
            proposed_by_me: a.proposed_by == me,
            proposed_at_ms: a.proposed_at_ms,
            in_effect: a.in_effect().map(version),
            pending: a.pending().into_iter().map(version).collect(),
            reviewed: a.in_effect.is_some_and(|h| a.kept.contains(&h)),
            withdrawn_by_me: a.withdrawn.map(|(d, _)| d == me),
            withdrawn_at_ms: a.withdrawn.map(|(_, at)| at),
            id: a.id,
        }
    }
}

impl AgreementHistory {
    fn from_core(h: history::History, me: DeviceId) -> Self {
        AgreementHistory {
            head: hash_text(&h.head),
            entries: h
                .entries
                .into_iter()
                .map(|e| HistoryEntry {
                    kind: match e.event.kind {
                        history::Kind::Proposed => HistoryKind::Proposed,
                        history::Kind::Amended => HistoryKind::Amended,
                        history::Kind::Accepted => HistoryKind::Accepted,
                        history::Kind::Declined => HistoryKind::Declined,
                        history::Kind::Withdrawn => HistoryKind::Withdrawn,
                        history::Kind::Kept => HistoryKind::Kept,
                    },
                    by_me: e.event.by == me,
                    at_ms: e.event.at_ms,
                    version: e.event.version.map(|v| hash_text(&v)),
                    title: e.event.terms.as_ref().map(|t| t.title.clone()),
                    text: e.event.terms.map(|t| t.text),
                    prev: hash_text(&e.prev),
                    hash: hash_text(&e.hash),
                })
                .collect(),
        }
    }
}

/// A button on a pause's row: only on this phone's own running pause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum PauseActionKind {
    /// Once, within 24 hours in all: `extend_pause` with the screen's
    /// `extend` minutes.
    Extend,
    /// "I'm back": `end_pause`.
    End,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PauseButton {
    pub action: PauseActionKind,
    pub label: String,
    /// What pressing it performs: pass it to `perform` as it is. `None`
    /// for a button that opens a form.
    pub perform: Option<crate::UserAction>,
}

/// One pause on the pause screen, from this phone's side.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PauseRowModel {
    pub id: String,
    /// Started on this phone.
    pub mine: bool,
    pub state: PauseState,
    /// "You are taking a pause, back at 21:10", "Time to reconnect".
    pub text: String,
    /// The return promised now on this phone's clock: "21:10", "tomorrow 00:10".
    pub return_at: String,
    pub return_at_ms: i64,
    pub note: Option<String>,
    pub extended: bool,
    pub buttons: Vec<PauseButton>,
}

/// The pause screen and banner: running pauses and ended ones, newest
/// first, what starting and extending offer.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PauseScreenModel {
    pub current: Vec<PauseRowModel>,
    pub past: Vec<PauseRowModel>,
    /// The newest running pause's words, for a banner.
    pub banner: Option<String>,
    /// "Take a pause" is offered (this phone has none running).
    pub can_start: bool,
    pub start_hint: String,
    pub lengths: Vec<Choice>,
    pub extend: Choice,
}

fn pause_state(s: tandem_core::PauseState) -> PauseState {
    match s {
        tandem_core::PauseState::Running => PauseState::Running,
        tandem_core::PauseState::TimeToReconnect => PauseState::TimeToReconnect,
        tandem_core::PauseState::Ended => PauseState::Ended,
    }
}

impl From<tandem_core::screens::pause::PauseRow> for PauseRowModel {
    fn from(r: tandem_core::screens::pause::PauseRow) -> Self {
        use tandem_core::screens::pause::PauseAction as A;
        PauseRowModel {
            buttons: r
                .buttons
                .into_iter()
                .map(|b| PauseButton {
                    action: match b.action {
                        A::Extend => PauseActionKind::Extend,
                        A::End => PauseActionKind::End,
                    },
                    label: b.label,
                    perform: b.does.map(Into::into),
                })
                .collect(),
            id: r.id,
            mine: r.mine,
            state: pause_state(r.state),
            text: r.text,
            return_at: r.return_at,
            return_at_ms: r.return_at_ms,
            note: r.note,
            extended: r.extended,
        }
    }
}

impl From<tandem_core::screens::pause::PauseScreen> for PauseScreenModel {
    fn from(s: tandem_core::screens::pause::PauseScreen) -> Self {
        PauseScreenModel {
            current: s.current.into_iter().map(Into::into).collect(),
            past: s.past.into_iter().map(Into::into).collect(),
            banner: s.banner,
            can_start: s.can_start,
            start_hint: s.start_hint,
            lengths: s.lengths.into_iter().map(Into::into).collect(),
            extend: s.extend.into(),
        }
    }
}

impl Pause {
    pub(crate) fn from_core(p: tandem_core::Pause, me: DeviceId, now: i64) -> Self {
        let mine = p.started_by == me;
        let state = pause_state(p.state_for(me, now));
        Pause {
            kept: p.kept_for(me),
            mine,
            state,
            id: p.id,
            started_at_ms: p.started_at_ms,
            first_return_at_ms: p.first_return_at_ms,
            return_at_ms: p.return_at_ms,
            extended: p.extended,
            ended_at_ms: p.ended_at_ms,
            note: p.note,
        }
    }
}

impl Tandem {
    fn boundary_after(
        &self,
        f: impl FnOnce(&mut Core) -> tandem_core::Result<tandem_core::Boundary>,
    ) -> Result<Boundary> {
        self.with(|c| Ok(Boundary::from_core(f(c)?, c.device_id())))
    }

    fn agreement_after(
        &self,
        f: impl FnOnce(&mut Core) -> tandem_core::Result<tandem_core::Agreement>,
    ) -> Result<Agreement> {
        self.with(|c| Ok(Agreement::from_core(f(c)?, c.device_id())))
    }

    fn pause_after(
        &self,
        f: impl FnOnce(&mut Core) -> tandem_core::Result<tandem_core::Pause>,
    ) -> Result<Pause> {
        self.with(|c| Ok(Pause::from_core(f(c)?, c.device_id(), c.now_ms())))
    }
}

#[uniffi::export]
impl Tandem {
    /// This phone's boundaries and the partner's shared ones, oldest first.
    pub fn boundaries(&self) -> Result<Vec<Boundary>> {
        self.with(|c| {
            let me = c.device_id();
            Ok(c.boundaries()?
                .into_iter()
                .map(|b| Boundary::from_core(b, me))
                .collect())
        })
    }

    pub fn agreements(&self) -> Result<Vec<Agreement>> {
        self.with(|c| {
            let me = c.device_id();
            Ok(c.agreements()?
                .into_iter()
                .map(|a| Agreement::from_core(a, me))
                .collect())
        })
    }

    /// Every step of an agreement, its hash chain checked (a broken chain
    /// is a `Storage` error naming the entry).
    pub fn agreement_history(&self, id: String) -> Result<AgreementHistory> {
        self.with(|c| {
            Ok(AgreementHistory::from_core(
                c.agreement_history(&id)?,
                c.device_id(),
            ))
        })
    }

    /// The pause screen and banner, times in `device_zone`.
    pub fn pause_screen(&self, device_zone: String) -> Result<PauseScreenModel> {
        self.with(|c| c.pause_screen(&device_zone)).map(Into::into)
    }

    /// Every pause, newest first.
    pub fn pauses(&self) -> Result<Vec<Pause>> {
        self.with(|c| {
            let (me, now) = (c.device_id(), c.now_ms());
            Ok(c.pauses()?
                .into_iter()
                .map(|p| Pause::from_core(p, me, now))
                .collect())
        })
    }
}

/// For Rust callers only (the CLI, its demo, the Rust tests): the phones
/// do these through `perform`, `open_form` and the submits, so the mobile
/// library carries no glue for them.
impl Tandem {
    /// Proposes an agreement (version 1); it waits for the partner.
    pub fn propose_agreement(&self, draft: AgreementDraft) -> Result<Agreement> {
        self.agreement_after(|c| c.propose_agreement(&draft.into()))
    }

    /// A new version built on `parent_hash` (the version in effect, or the
    /// one waiting when none is in effect).
    pub fn amend_agreement(
        &self,
        id: String,
        parent_hash: String,
        draft: AgreementDraft,
    ) -> Result<Agreement> {
        self.agreement_after(|c| c.amend_agreement(&id, &parent_hash, &draft.into()))
    }

    /// A version as the draft that would make it again: what an amendment
    /// starts from, so fields not changed keep their values (the pause
    /// protocol included). `version` names it (a unique prefix of at least
    /// 8 hex characters); `None` is the version an amendment builds on: the
    /// one in effect, else the newest waiting.
    pub fn agreement_draft(&self, id: String, version: Option<String>) -> Result<AgreementDraft> {
        self.with(|c| c.agreement_draft(&id, version.as_deref()))
            .map(Into::into)
    }

    /// Accepts exactly the version with this content hash.
    pub fn accept_agreement(&self, id: String, version_hash: String) -> Result<Agreement> {
        self.agreement_after(|c| c.accept_agreement(&id, &version_hash))
    }

    /// Declines a version waiting for this phone's answer; no reason needed.
    pub fn decline_agreement(&self, id: String, version_hash: String) -> Result<Agreement> {
        self.agreement_after(|c| c.decline_agreement(&id, &version_hash))
    }

    /// Withdraws consent, alone, at any time, without a reason.
    pub fn withdraw_agreement(&self, id: String) -> Result<Agreement> {
        self.agreement_after(|c| c.withdraw_agreement(&id))
    }

    pub fn review_agreement(&self, id: String, outcome: AgreementReview) -> Result<Agreement> {
        let outcome = match outcome {
            AgreementReview::Keep => core_agreements::Review::Keep,
            AgreementReview::Amend { draft } => {
                core_agreements::Review::Amend(Box::new(draft.into()))
            }
            AgreementReview::LetGo => core_agreements::Review::LetGo,
        };
        self.agreement_after(|c| c.review_agreement(&id, &outcome))
    }

    /// Starts a pause: `minutes` 20 to 1440, default the pause agreement's
    /// cool-down, else 20; an optional note (up to 140 characters).
    pub fn start_pause(&self, minutes: Option<u32>, note: Option<String>) -> Result<Pause> {
        self.pause_after(|c| c.start_pause(minutes, note.as_deref()))
    }

    /// Extends this phone's running pause once, within 24 hours in all.
    pub fn extend_pause(&self, id: String, minutes: u32) -> Result<Pause> {
        self.pause_after(|c| c.extend_pause(&id, minutes))
    }

    pub fn end_pause(&self, id: String) -> Result<Pause> {
        self.pause_after(|c| c.end_pause(&id))
    }
}

// Rust-only: the CLI, its demo and the Rust tests call these; the phones
// reach the same through the screens, `perform` and the forms.
impl Tandem {
    /// Writes a boundary: private (never leaves this phone) or shared
    /// (the partner sees it, read-only). 1 to 500 characters.
    pub fn add_boundary(&self, text: String, shared: bool) -> Result<Boundary> {
        self.boundary_after(|c| c.add_boundary(&text, shared))
    }

    pub fn edit_boundary(&self, id: String, text: String) -> Result<Boundary> {
        self.boundary_after(|c| c.edit_boundary(&id, &text))
    }

    /// Shares a boundary with the partner, or makes it private again.
    pub fn share_boundary(&self, id: String, shared: bool) -> Result<Boundary> {
        self.boundary_after(|c| c.share_boundary(&id, shared))
    }

    pub fn retire_boundary(&self, id: String) -> Result<()> {
        self.with(|c| c.retire_boundary(&id))
    }

    /// Agreements whose review date arrived.
    pub fn agreement_reviews_due(&self, device_zone: String) -> Result<Vec<Agreement>> {
        self.with(|c| {
            let me = c.device_id();
            Ok(c.agreement_reviews_due(&device_zone)?
                .into_iter()
                .map(|a| Agreement::from_core(a, me))
                .collect())
        })
    }
}
