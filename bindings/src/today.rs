//! The Today screen's one call across the FFI.

use crate::{Agreement, Occurrence, Pause, Reminder, Result, Ritual, Tandem};

/// Everything the Today screen shows, read at one instant.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TodayOverview {
    pub now_ms: i64,
    /// Of rituals in effect (a proposal is an invitation, not due), from
    /// the device's local midnight to 24 hours ahead, soonest first, done
    /// and skipped ones included: those that started and are still
    /// `Scheduled` are due now (done, skip or snooze).
    pub occurrences: Vec<Occurrence>,
    /// Shared rituals with a version waiting for this phone's answer.
    pub ritual_invitations: Vec<Ritual>,
    /// Agreements with a version waiting for this phone's answer (its
    /// `waiting_for_me` is set).
    pub agreement_invitations: Vec<Agreement>,
    /// Gentle experiments whose last day came: keep, adjust or stop.
    pub ritual_reviews: Vec<Ritual>,
    /// Agreements whose review date came: keep, amend or let go.
    pub agreement_reviews: Vec<Agreement>,
    /// Pauses still running, either partner's, newest first.
    pub pauses: Vec<Pause>,
    /// The soonest reminder this phone will show (what `plan_reminders`
    /// would arm first).
    pub next_reminder: Option<Reminder>,
}

#[uniffi::export]
impl Tandem {
    /// The Today screen in one call, in `device_zone` (an IANA name).
    pub fn today(&self, device_zone: String) -> Result<TodayOverview> {
        self.with(|c| {
            let (me, t) = (c.device_id(), c.today(&device_zone)?);
            let now = t.now_ms;
            Ok(TodayOverview {
                now_ms: now,
                occurrences: t.occurrences.into_iter().map(Into::into).collect(),
                ritual_invitations: t.ritual_invitations.into_iter().map(Into::into).collect(),
                agreement_invitations: t
                    .agreement_invitations
                    .into_iter()
                    .map(|a| Agreement::from_core(a, me))
                    .collect(),
                ritual_reviews: t.ritual_reviews.into_iter().map(Into::into).collect(),
                agreement_reviews: t
                    .agreement_reviews
                    .into_iter()
                    .map(|a| Agreement::from_core(a, me))
                    .collect(),
                pauses: t
                    .pauses
                    .into_iter()
                    .map(|p| Pause::from_core(p, me, now))
                    .collect(),
                next_reminder: t.next_reminder.map(Into::into),
            })
        })
    }
}
