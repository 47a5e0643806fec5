//! A ritual's history: the versions that were in effect, each from the
//! instant it took effect (both accepted it; for a personal ritual, its
//! author wrote it) until the next change (another version, a pause, a
//! retirement). A change never rewrites the past: an occurrence belongs to
//! the version in effect at its scheduled instant, and its mark stays keyed
//! by its date, so rhythm carries straight across every change.
//!
//! A floating occurrence has no single instant: its wall time comes 14
//! hours before UTC's in Kiritimati and 12 hours after it at UTC-12. So
//! which version it belongs to is read three ways (`Reading`): on one
//! phone, in that phone's zone (what Today and reminders show); for a
//! figure both phones share, only if it belongs to that version in every
//! zone on Earth (an occurrence on the day of a change that belongs to one
//! version here and another there counts in no figure: neither kept nor
//! missed); and to accept a mark from either phone, if it belongs to the
//! version in some zone on Earth.
//!
//! Figures about shared facts are counted up to the *shared cutoff*: the
//! newest shared op's time, which both phones know once they hold the same
//! ops (this phone's own clock and zone play no part). An occurrence marked
//! done counts once it has begun (somewhere on Earth, for a floating one);
//! a skipped one, or one nobody marked, counts once its local day has ended
//! by the cutoff. A
//! floating occurrence has no single local day: it counts once the day has
//! ended everywhere on Earth (at UTC-12), so an evening that is over for
//! one partner but not yet for the other is not yet counted on either phone.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, NaiveDate, NaiveTime};
use rusqlite::Connection;

use crate::clock::Millis;
use crate::error::Result;
use crate::rituals::consent::RitualStatus;
use crate::rituals::marks::{Mark, MarkStatus};
use crate::rituals::rest;
use crate::rituals::ritual::Ritual;
use crate::rituals::spec::RitualSpec;
use crate::rituals::timeline::local_date;
pub use crate::rituals::timeline::{Period, Reading, TimelineBuilder};
use crate::schedule::recurrence::Recurrence;
use crate::schedule::{self, ZoneMode};
use crate::zone::Zone;

/// How far ahead of this phone's clock the shared cutoff may run. Ops are
/// admitted up to two days ahead (a wrong clock must never block sync), but
/// an op from a clock hours ahead must not settle the evening early and
/// count it as missed: honest phones agree within minutes, so an hour
/// keeps their figures equal and bounds what a wrong clock can settle.
pub const CUTOFF_AHEAD_MS: Millis = 60 * 60 * 1000;
/// How far back rhythm and insights look for occurrences.
pub const LOOKBACK_DAYS: i64 = 366;

/// Whether `date`'s occurrence of `ritual` falls in a rest week.
pub(super) fn resting_on(
    ritual: &Ritual,
    rest_weeks: &std::collections::BTreeSet<NaiveDate>,
    date: NaiveDate,
) -> bool {
    // A rest week is the couple's break from what they share; a walk one
    // keeps for oneself goes on.
    !ritual.personal && rest::resting(rest_weeks, date)
}

/// A database written before timelines existed: the version shown, from the
/// proposal, is the best reading of its past (a refold writes the real one).
pub fn legacy(ritual_from_ms: Millis, status: RitualStatus, spec: &RitualSpec) -> Vec<Period> {
    match status {
        RitualStatus::Active | RitualStatus::Paused | RitualStatus::Retired => vec![Period {
            from_ms: ritual_from_ms,
            to_ms: None,
            spec: spec.clone(),
        }],
        _ => Vec::new(),
    }
}

/// The periods that give a ritual its occurrences: its timeline, or, for an
/// invitation nobody has agreed to yet, the version waiting from its
/// proposal on (shown as waiting, never due).
pub fn periods(ritual: &Ritual) -> Vec<Period> {
    match ritual.status {
        RitualStatus::Proposed | RitualStatus::Countered if ritual.timeline.is_empty() => {
            vec![Period {
                from_ms: ritual.proposed_at_ms,
                to_ms: None,
                spec: ritual.spec.clone(),
            }]
        }
        _ => ritual.timeline.clone(),
    }
}

/// Every occurrence date within `[lo, hi]`, with the version it belongs to.
/// A date two versions both give (a later time the same day) is one
/// occurrence, the earlier version's: marks are keyed by date.
pub fn dated(
    periods: &[Period],
    (lo, hi): (NaiveDate, NaiveDate),
    reading: Reading,
) -> Result<BTreeMap<NaiveDate, &Period>> {
    let mut out = BTreeMap::new();
    // A pause and a resume start a new period of the same version, and
    // either partner may do that at will: each distinct recurrence is
    // expanded once over the range, whatever the number of periods.
    let mut expanded: Vec<(&Recurrence, Vec<NaiveDate>)> = Vec::new();
    for p in periods {
        let (first, last) = p.window()?;
        let index = match expanded
            .iter()
            .position(|(rule, _)| **rule == p.spec.recurrence)
        {
            Some(i) => i,
            None => {
                expanded.push((&p.spec.recurrence, p.spec.recurrence.dates_between(lo, hi)));
                expanded.len() - 1
            }
        };
        let dates = &expanded[index].1;
        let from = dates.partition_point(|d| *d < first);
        for date in dates[from..]
            .iter()
            .take_while(|d| last.is_none_or(|l| **d <= l))
        {
            // A local day the zone skipped (Apia, 2011-12-30) has no occurrence.
            let zone = match p.spec.zone_mode() {
                ZoneMode::Fixed(tz) => Some(tz),
                ZoneMode::Floating => match reading {
                    Reading::Local(tz) => Some(tz),
                    _ => None,
                },
            };
            if zone.is_some_and(|tz| !schedule::day_exists(tz, *date)) {
                continue;
            }
            if p.owns(*date, reading) {
                out.entry(*date).or_insert(p);
            }
        }
    }
    Ok(out)
}

/// The version `date`'s occurrence belongs to on some phone (for a future
/// date, the one in effect now); `None` if the ritual has no occurrence then.
pub fn version_on(ritual: &Ritual, date: NaiveDate) -> Result<Option<RitualSpec>> {
    let mut periods = periods(ritual);
    // While paused, the dates ahead keep their occurrences for marking (a
    // move arranged for after the pause); they count in no figure unless
    // the ritual resumes before them. (Paused in the millisecond it took
    // effect, it has no period at all: it was in effect from its proposal.)
    if ritual.status == RitualStatus::Paused {
        let paused_at = match periods.last() {
            Some(p) => p.to_ms.unwrap_or(p.from_ms),
            None => ritual.proposed_at_ms,
        };
        periods.push(Period {
            from_ms: paused_at,
            to_ms: None,
            spec: ritual.spec.clone(),
        });
    }
    Ok(dated(&periods, (date, date), Reading::Somewhere)?
        .into_values()
        .next()
        .map(|p| p.spec.clone()))
}

/// The shared cutoff (see the module notes): the newest shared op's wall
/// time, never more than `CUTOFF_AHEAD_MS` past this phone's `now`. `None`
/// when no shared op exists.
pub fn shared_cutoff(conn: &Connection, now: Millis) -> Result<Option<Millis>> {
    // The op log's own table, read for its newest time only: the log has no
    // function for it and its content stays sync's business.
    let newest: Option<i64> = conn
        .prepare_cached("SELECT MAX(hlc_ms) FROM ops")?
        .query_row([], |r| r.get(0))?;
    Ok(newest.map(|n| n.min(now.saturating_add(CUTOFF_AHEAD_MS))))
}

/// The instant a figure counts up to, for one ritual: the shared cutoff for
/// a shared ritual, this phone's `now` for a personal one.
pub fn cutoff_for(ritual: &Ritual, shared: Option<Millis>, now: Millis) -> Millis {
    if ritual.personal {
        now
    } else {
        shared.unwrap_or(now)
    }
}

/// The zone whose day end settles an unmarked occurrence: the fixed zone;
/// for a floating shared ritual UTC-12 (the last place the day ends); for a
/// floating personal one the phone's own zone.
fn settle_zone(ritual: &Ritual, spec: &RitualSpec, device_zone: Zone) -> Zone {
    match spec.zone_mode() {
        ZoneMode::Fixed(tz) => tz,
        ZoneMode::Floating if ritual.personal => device_zone,
        ZoneMode::Floating => Zone::GMT_PLUS_12,
    }
}

/// The first instant of the day after `date` in `zone`.
fn day_end(zone: Zone, date: NaiveDate) -> Millis {
    let next = date.succ_opt().unwrap_or(date);
    schedule::resolve_local(zone, next.and_time(NaiveTime::MIN)).timestamp_millis()
}

/// When an unmarked occurrence counts as missed: its day has ended (a
/// moved one, the day it was moved to has ended too).
fn settles_at(zone: Zone, date: NaiveDate, mark: &Mark) -> Result<Millis> {
    let own = day_end(zone, date);
    Ok(match mark.moved_to_ms {
        Some(to) => own.max(day_end(zone, local_date(to, zone)?)),
        None => own,
    })
}

/// One occurrence that counts in a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    pub date: NaiveDate,
    pub kept: bool,
}

/// The UTC date of an instant.
pub fn local_date_utc(ms: Millis) -> Result<NaiveDate> {
    local_date(ms, Zone::UTC)
}

/// The first date rhythm looks at for a cutoff.
pub fn lookback_start(cutoff: Millis) -> Result<NaiveDate> {
    Ok(local_date(cutoff, Zone::UTC)? - Duration::days(LOOKBACK_DAYS))
}

/// The marks `counted` reads for one ritual at `cutoff` from `since`: the
/// dates it looks at, without the words.
pub fn marks_counted(
    conn: &Connection,
    sealer: &crate::store::Sealer,
    ritual_id: &str,
    cutoff: Millis,
    since: NaiveDate,
) -> Result<BTreeMap<NaiveDate, Mark>> {
    let hi = counted_until(cutoff)?;
    crate::rituals::marks::load_between(
        conn,
        sealer,
        ritual_id,
        Some((since.min(hi), hi)),
        crate::rituals::marks::Read::StatusOnly,
    )
}

/// The last date `counted` looks at for a cutoff: a mark may be made up to
/// a day ahead of the UTC date (a zone east of UTC); nothing further ahead
/// counts, whatever a partner's app sends.
fn counted_until(cutoff: Millis) -> Result<NaiveDate> {
    Ok(local_date(cutoff, Zone::UTC)? + Duration::days(1))
}

/// The occurrences of `ritual` from `since` that count at `cutoff`, oldest
/// first: done ones, and the others once their day has ended. Rest weeks
/// count as neither kept nor missed.
pub fn counted(
    ritual: &Ritual,
    marks: &BTreeMap<NaiveDate, Mark>,
    rest_weeks: &BTreeSet<NaiveDate>,
    (cutoff, device_zone): (Millis, Zone),
    since: NaiveDate,
) -> Result<Vec<Counted>> {
    let hi = counted_until(cutoff)?;
    let lo = since;
    let periods = periods(ritual);
    // A personal ritual's figures are this phone's own. A shared floating
    // occurrence that belongs to a version only in some zones (on the day
    // it took effect or ended) counts only if it was done: kept, never
    // missed.
    let (sure, maybe, reading) = if ritual.personal {
        let reading = Reading::Local(device_zone);
        let local = dated(&periods, (lo, hi), reading)?;
        (local.clone(), local, reading)
    } else {
        (
            dated(&periods, (lo, hi), Reading::Everywhere)?,
            dated(&periods, (lo, hi), Reading::Somewhere)?,
            Reading::Somewhere,
        )
    };
    let mut out = Vec::new();
    for (date, period) in maybe {
        if resting_on(ritual, rest_weeks, date) {
            continue;
        }
        let mark = marks.get(&date).cloned().unwrap_or_default();
        // Done is a fact once the occurrence has begun (a done marked ahead
        // waits for it); a skip or no mark waits for the day to end (a skip
        // may be made days ahead).
        let settled = match mark.status {
            MarkStatus::Done => {
                mark.moved_to_ms
                    .unwrap_or_else(|| period.first_start(date, reading))
                    <= cutoff
            }
            MarkStatus::Skipped | MarkStatus::Scheduled if sure.contains_key(&date) => {
                let zone = settle_zone(ritual, &period.spec, device_zone);
                settles_at(zone, date, &mark)? <= cutoff
            }
            MarkStatus::Skipped | MarkStatus::Scheduled => false,
        };
        if settled {
            out.push(Counted {
                date,
                kept: mark.status == MarkStatus::Done,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::device::DeviceId;
    use crate::rituals::spec::RitualDraft;

    fn ms(rfc3339: &str) -> Millis {
        schedule::parse_rfc3339(rfc3339).expect("a test time")
    }

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a test date")
    }

    fn spec(at: &str, zone: Option<&str>) -> RitualSpec {
        let draft = RitualDraft {
            title: "Walk".into(),
            minutes: 10,
            time_of_day: at.into(),
            zone: zone.map(Into::into),
            ..RitualDraft::default()
        };
        RitualSpec::from_draft(&draft, date("2027-03-01")).expect("a valid spec")
    }

    fn period(from: &str, to: Option<&str>, spec: RitualSpec) -> Period {
        Period {
            from_ms: ms(from),
            to_ms: to.map(ms),
            spec,
        }
    }

    fn shared(timeline: Vec<Period>) -> Ritual {
        let spec = timeline.last().expect("a period").spec.clone();
        Ritual {
            id: "0".repeat(24),
            title: spec.title.clone(),
            prompt: None,
            minutes: spec.minutes,
            time_of_day: spec.time(),
            zone: spec.zone_mode(),
            proposed_by: DeviceId([1; 16]),
            proposed_at_ms: timeline[0].from_ms,
            status: RitualStatus::Active,
            pending: None,
            spec,
            personal: false,
            changed_at_ms: timeline[0].from_ms,
            timeline,
        }
    }

    #[test]
    fn the_timeline_opens_and_closes_periods_as_what_is_in_effect_changes() {
        let (a, b, c) = (
            spec("08:00", None),
            spec("09:00", None),
            spec("10:00", None),
        );
        let mut t = TimelineBuilder::default();
        t.observe(10, None);
        t.observe(20, Some(&a));
        t.observe(30, Some(&a));
        t.observe(40, Some(&b));
        t.observe(50, None);
        t.observe(60, Some(&b));
        // Two changes in one millisecond leave no empty period behind.
        t.observe(70, Some(&c));
        t.observe(70, Some(&a));
        let got: Vec<(Millis, Option<Millis>, u16)> = t
            .finish()
            .into_iter()
            .map(|p| (p.from_ms, p.to_ms, p.spec.time_of_day))
            .collect();
        assert_eq!(
            got,
            [
                (20, Some(40), 480),
                (40, Some(50), 540),
                (60, Some(70), 540),
                (70, None, 480)
            ]
        );
    }

    #[test]
    fn a_floating_occurrence_on_the_day_of_a_change_reads_three_ways() {
        // In effect from 09:00 UTC on the 11th: 20:00 that day comes after
        // it in UTC, before it in Kiritimati (06:00 UTC).
        let p = period("2027-03-11T09:00:00Z", None, spec("20:00", None));
        let on = |d: &str, reading| p.owns(date(d), reading);
        assert!(on("2027-03-11", Reading::Local(Zone::UTC)));
        assert!(!on(
            "2027-03-11",
            Reading::Local(Zone::named("Pacific/Kiritimati").unwrap())
        ));
        assert!(!on("2027-03-11", Reading::Everywhere));
        assert!(on("2027-03-11", Reading::Somewhere));
        assert!(on("2027-03-12", Reading::Everywhere));
        // The 10th's 20:00 came before 09:00 on the 11th even at UTC-12.
        assert!(!on("2027-03-10", Reading::Somewhere));
        // A fixed zone has one instant, whatever the reading.
        let fixed = period(
            "2027-03-11T09:00:00Z",
            Some("2027-03-12T09:00:00Z"),
            spec("20:00", Some("Asia/Tokyo")),
        );
        for reading in [
            Reading::Everywhere,
            Reading::Somewhere,
            Reading::Local(Zone::UTC),
        ] {
            assert!(fixed.owns(date("2027-03-11"), reading));
            assert!(!fixed.owns(date("2027-03-12"), reading));
        }
    }

    #[test]
    fn a_date_two_versions_give_is_one_occurrence_the_earlier_versions() {
        // 08:00 until noon UTC, then 20:00: the 11th happened at 08:00.
        let periods = [
            period(
                "2027-03-01T00:00:00Z",
                Some("2027-03-11T12:00:00Z"),
                spec("08:00", Some("UTC")),
            ),
            period("2027-03-11T12:00:00Z", None, spec("20:00", Some("UTC"))),
        ];
        let got = dated(
            &periods,
            (date("2027-03-10"), date("2027-03-12")),
            Reading::Everywhere,
        )
        .expect("dates");
        let times: Vec<(String, u16)> = got
            .iter()
            .map(|(d, p)| (d.to_string(), p.spec.time_of_day))
            .collect();
        assert_eq!(
            times,
            [
                ("2027-03-10".to_string(), 480),
                ("2027-03-11".to_string(), 480),
                ("2027-03-12".to_string(), 1200)
            ]
        );
    }

    #[test]
    fn a_shared_floating_occurrence_counts_when_its_day_has_ended_everywhere() {
        let r = shared(vec![period(
            "2027-03-01T00:00:00Z",
            None,
            spec("20:00", None),
        )]);
        let marks = BTreeMap::new();
        let rest = BTreeSet::new();
        let count = |cutoff: &str, zone: Zone| {
            counted(&r, &marks, &rest, (ms(cutoff), zone), date("2027-03-01"))
                .expect("counted")
                .len()
        };
        // The 10th ends at UTC-12 at noon UTC on the 11th, on any phone.
        for zone in [
            Zone::UTC,
            Zone::named("Pacific/Kiritimati").unwrap(),
            Zone::GMT_PLUS_12,
        ] {
            assert_eq!(count("2027-03-11T11:59:59Z", zone), 9);
            assert_eq!(count("2027-03-11T12:00:00Z", zone), 10);
        }
    }

    #[test]
    fn on_the_day_a_floating_version_took_effect_only_a_done_counts() {
        let r = shared(vec![period(
            "2027-03-11T09:00:00Z",
            None,
            spec("20:00", None),
        )]);
        let rest = BTreeSet::new();
        let cutoff = (ms("2027-03-14T00:00:00Z"), Zone::UTC);
        let since = date("2027-03-01");
        let dates = |marks: &BTreeMap<NaiveDate, Mark>| -> Vec<(String, bool)> {
            counted(&r, marks, &rest, cutoff, since)
                .expect("counted")
                .into_iter()
                .map(|c| (c.date.to_string(), c.kept))
                .collect()
        };
        let mut marks = BTreeMap::new();
        assert_eq!(dates(&marks), [("2027-03-12".to_string(), false)]);
        marks.insert(
            date("2027-03-11"),
            Mark {
                status: MarkStatus::Done,
                ..Mark::default()
            },
        );
        assert_eq!(
            dates(&marks),
            [
                ("2027-03-11".to_string(), true),
                ("2027-03-12".to_string(), false)
            ]
        );
        // A done marked ahead waits until the walk has begun somewhere: the
        // 14th's 20:00 begins at 06:00 UTC in Kiritimati.
        let done = Mark {
            status: MarkStatus::Done,
            ..Mark::default()
        };
        marks.insert(date("2027-03-14"), done);
        assert_eq!(dates(&marks).len(), 2);
        let later = (ms("2027-03-14T06:00:00Z"), Zone::UTC);
        let counted = counted(&r, &marks, &rest, later, since).expect("counted");
        assert_eq!(
            counted.last().map(|c| (c.date, c.kept)),
            Some((date("2027-03-14"), true))
        );
    }
}
