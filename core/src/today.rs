//! The Today screen in one read: what is due, what waits for this phone's
//! answer, a running pause and the next reminder. The core decides what
//! "due" and "waiting for me" mean so both shells show the same day.

use std::collections::BTreeSet;

use chrono::{Days, NaiveTime};

use crate::agreements::pauses::{Pause, PauseState};
use crate::agreements::{self, Agreement};
use crate::reminders::{self, Reminder};
use crate::rituals::{self, Occurrence, Ritual, RitualStatus};
use crate::zone::Zone;
use crate::{Core, Millis, Result, schedule};

/// How far ahead Today looks.
pub const AHEAD_MS: Millis = 24 * 3_600_000;

#[derive(Debug, Clone, PartialEq)]
pub struct Today {
    pub now_ms: Millis,
    /// Of rituals in effect, from the device's local midnight to 24 hours
    /// ahead, soonest first, whatever their mark: the shell shows the day's done ones quietly
    /// and offers done, skip or snooze on the ones that started and wait.
    pub occurrences: Vec<Occurrence>,
    /// Shared rituals with a version waiting for this phone's answer.
    pub ritual_invitations: Vec<Ritual>,
    /// Agreements with a version waiting for this phone's answer.
    pub agreement_invitations: Vec<Agreement>,
    /// Gentle experiments whose last day came.
    pub ritual_reviews: Vec<Ritual>,
    /// Agreements whose review date came.
    pub agreement_reviews: Vec<Agreement>,
    /// Pauses still running, either partner's, newest first; the partner's
    /// only within 24 hours of its start (see `Pause::state_for`).
    pub pauses: Vec<Pause>,
    /// The soonest reminder this phone will show.
    pub next_reminder: Option<Reminder>,
}

/// The start of the local day holding `now` in `zone`: its first instant
/// (a day that begins in a DST gap starts at the gap's end).
pub(crate) fn local_midnight(now: Millis, zone: Zone) -> Result<Millis> {
    let date = schedule::instant(now)?.with_timezone(&zone).date_naive();
    let midnight = schedule::resolve_local(zone, date.and_time(NaiveTime::MIN));
    // resolve_local reads a gap forward; a midnight read past `now` (never
    // for real zones) falls back to the day before's.
    let start = midnight.timestamp_millis();
    if start <= now {
        return Ok(start);
    }
    let before = date.checked_sub_days(Days::new(1)).unwrap_or(date);
    Ok(schedule::resolve_local(zone, before.and_time(NaiveTime::MIN)).timestamp_millis())
}

impl Core {
    /// Everything the Today screen shows, in `device_zone`. Rituals,
    /// agreements and pauses are read once and shared by every part.
    pub fn today(&self, device_zone: &str) -> Result<Today> {
        let zone = schedule::parse_zone(device_zone)?;
        let now = self.now_ms();
        let me = self.device_id();
        let from = local_midnight(now, zone)?;
        self.store
            .read(|conn, sealer| today_in(conn, sealer, (now, zone, self.locale()), me, from))
    }
}

fn today_in(
    conn: &rusqlite::Connection,
    sealer: &crate::store::Sealer,
    (now, zone, locale): (Millis, Zone, crate::catalog::Locale),
    me: crate::DeviceId,
    from: Millis,
) -> Result<Today> {
    let read = reminders::Read {
        // Neither declined nor retired (nor withdrawn): the occurrences,
        // invitations and reviews shown come from the others alone.
        rituals: rituals::live(conn, sealer)?,
        agreements: agreements::in_play(conn, sealer)?,
        pauses: agreements::pauses::running(conn, sealer)?,
    };
    let (rituals, agreements) = (&read.rituals, &read.agreements);
    // Proposals show on the rituals screen and as invitations here; only
    // what both agreed to (or a personal ritual) is due.
    let active: BTreeSet<&str> = rituals
        .iter()
        .filter(|r| r.status == RitualStatus::Active)
        .map(|r| r.id.as_str())
        .collect();
    let to = now.saturating_add(AHEAD_MS);
    rituals::check_range(from, to)?;
    let occurrences = rituals::upcoming_of(conn, sealer, rituals, (from, to), zone)?
        .into_iter()
        .filter(|o| active.contains(o.ritual_id.as_str()))
        .collect();
    let now_at = schedule::instant(now)?;
    let today = now_at.with_timezone(&zone).date_naive();
    Ok(Today {
        now_ms: now,
        occurrences,
        ritual_invitations: rituals
            .iter()
            .filter(|r| !r.personal && r.waiting_for(me))
            .cloned()
            .collect(),
        agreement_invitations: agreements
            .iter()
            .filter(|a| a.waiting_for(me))
            .cloned()
            .collect(),
        ritual_reviews: rituals
            .iter()
            .filter(|r| r.review_due_at(now_at, zone))
            .cloned()
            .collect(),
        agreement_reviews: agreements
            .iter()
            .filter(|a| a.review_due(today))
            .cloned()
            .collect(),
        pauses: read
            .pauses
            .iter()
            .filter(|p| p.state_for(me, now) != PauseState::Ended)
            .cloned()
            .collect(),
        next_reminder: reminders::plan_from(conn, sealer, (now, zone, locale), 1, &read)?
            .into_iter()
            .next(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(rfc3339: &str) -> Millis {
        schedule::parse_rfc3339(rfc3339).expect("a test time")
    }

    #[test]
    fn midnight_is_the_local_day_start() {
        let ny: Zone = "America/New_York".parse().expect("zone");
        assert_eq!(
            local_midnight(ms("2027-03-14T20:00:00-04:00"), ny).expect("midnight"),
            ms("2027-03-14T00:00:00-05:00")
        );
        // 00:30 local is still the same day, not the one before.
        assert_eq!(
            local_midnight(ms("2027-11-07T00:30:00-04:00"), ny).expect("midnight"),
            ms("2027-11-07T00:00:00-04:00")
        );
    }

    #[test]
    fn a_day_that_starts_in_a_gap_starts_at_the_gap_end() {
        // Santiago springs forward at 00:00 to 01:00 (2027-09-05).
        let scl: Zone = "America/Santiago".parse().expect("zone");
        let start = local_midnight(ms("2027-09-05T12:00:00-03:00"), scl).expect("midnight");
        assert_eq!(start, ms("2027-09-05T01:00:00-03:00"));
    }
}
