//! One ritual as this phone shows it: the version in effect or waiting, its
//! status and its timeline, folded from its ops (mod.rs stores and reads it).

use chrono::NaiveDate;

use crate::clock::Millis;
use crate::device::DeviceId;
use crate::error::Result;
use crate::rituals::consent::RitualStatus;
use crate::rituals::describe;
use crate::rituals::spec::{RitualSpec, Version};
use crate::rituals::timeline::Period;
use crate::schedule::{TimeOfDay, ZoneMode};
use crate::zone::Zone;

/// A version waiting for an answer, beside (or instead of) the one in effect.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingVersion {
    pub spec: RitualSpec,
    pub by: DeviceId,
    /// What it is compared with: the version in effect, else the version
    /// it answers (a counter to a proposal); `None` for a first proposal.
    pub base: Option<RitualSpec>,
}

impl PendingVersion {
    /// What it changes against `base`, field by field (empty for a first
    /// proposal, which is shown whole).
    pub fn changes(&self) -> Vec<crate::difference::FieldChange> {
        self.changes_in(crate::catalog::Locale::En)
    }

    /// What it changes, in words of `locale`.
    pub fn changes_in(
        &self,
        locale: crate::catalog::Locale,
    ) -> Vec<crate::difference::FieldChange> {
        self.base
            .as_ref()
            .map(|b| describe::diff_in(b, &self.spec, locale))
            .unwrap_or_default()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Ritual {
    pub id: String,
    /// From the version in effect, else the one waiting for an answer.
    pub title: String,
    pub prompt: Option<String>,
    pub minutes: u32,
    pub time_of_day: TimeOfDay,
    pub zone: ZoneMode,
    pub proposed_by: DeviceId,
    pub proposed_at_ms: Millis,
    pub status: RitualStatus,
    /// A version waiting for an answer (a proposal, a counter, an amendment).
    pub pending: Option<PendingVersion>,
    /// The whole version shown (recurrence, window, lead times).
    pub spec: RitualSpec,
    /// The author's own: active at once, never synced, needs no answer.
    pub personal: bool,
    /// The versions that were in effect, and when: what gives the ritual
    /// its past occurrences (history.rs).
    pub timeline: Vec<Period>,
    /// When it last changed as a whole (its newest op that is not a mark):
    /// for an ended ritual, when it ended or later.
    pub changed_at_ms: Millis,
}

impl Ritual {
    /// Whether `device` is the one whose answer is awaited.
    pub fn waiting_for(&self, device: DeviceId) -> bool {
        matches!(
            self.status,
            RitualStatus::Proposed
                | RitualStatus::Countered
                | RitualStatus::Active
                | RitualStatus::Paused
        ) && self.pending.as_ref().is_some_and(|p| p.by != device)
    }

    /// The version a counter or an adjustment answers and starts from: the
    /// one waiting for an answer, else the one shown.
    pub fn answered_spec(&self) -> &RitualSpec {
        self.pending.as_ref().map(|p| &p.spec).unwrap_or(&self.spec)
    }

    /// The version named by `prefix` (a unique prefix of at least 8 hex
    /// characters of its hash) among the ones shown: in effect and waiting.
    pub fn resolve_version(&self, prefix: &str) -> Result<Version> {
        let hashes: Vec<Version> = std::iter::once(self.spec.version())
            .chain(self.pending.as_ref().map(|p| p.spec.version()))
            .collect();
        crate::version_id::resolve(prefix, "ritual", &hashes)
    }

    /// Whether a gentle experiment reached its end date (`today` in the
    /// ritual's own zone) and waits for a review: still in effect, and no
    /// keep or adjustment already waiting for an answer.
    pub fn review_due(&self, today: NaiveDate) -> bool {
        matches!(self.status, RitualStatus::Active | RitualStatus::Paused)
            && self.pending.is_none()
            && self.spec.trial_until.is_some_and(|t| t <= today)
    }

    /// `review_due` at the instant `now` on a phone in `device_zone`: today
    /// is read in the ritual's own zone (a floating ritual's is the phone's).
    pub fn review_due_at(&self, now: chrono::DateTime<chrono::Utc>, device_zone: Zone) -> bool {
        self.review_due(
            now.with_timezone(&self.zone.zone_on(device_zone))
                .date_naive(),
        )
    }
}
