//! A ritual's timeline: the stretches of time each version was in effect
//! (`Period`), built while the consent fold walks the ops
//! (`TimelineBuilder`), and the ways an occurrence is placed against them
//! (`Reading`). What is read from a timeline (occurrences, what counts, the
//! shared cutoff) is in history.rs; this part depends on no other part of
//! a ritual, so the fold and the ritual itself can both name it.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::clock::Millis;
use crate::error::Result;
use crate::rituals::spec::RitualSpec;
use crate::schedule::{self, ZoneMode};
use crate::zone::Zone;

/// One stretch of time with one version in effect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// The instant it took effect (the wall time of the op that did it).
    pub from_ms: Millis,
    /// The instant a later change ended it; `None` while it lasts.
    pub to_ms: Option<Millis>,
    pub spec: RitualSpec,
}

impl Period {
    pub(super) fn holds(&self, at: Millis) -> bool {
        self.from_ms <= at && self.to_ms.is_none_or(|to| at < to)
    }

    pub(super) fn at(&self, zone: Zone, date: NaiveDate) -> Millis {
        schedule::resolve_local(zone, date.and_time(self.spec.time().naive())).timestamp_millis()
    }

    /// The first instant `date`'s occurrence began anywhere it is read:
    /// its own instant for a fixed zone, the phone's for `Local`, else the
    /// first place on Earth (UTC+14).
    pub(super) fn first_start(&self, date: NaiveDate, reading: Reading) -> Millis {
        match (self.spec.zone_mode(), reading) {
            (ZoneMode::Fixed(tz), _) => self.at(tz, date),
            (ZoneMode::Floating, Reading::Local(zone)) => self.at(zone, date),
            (ZoneMode::Floating, _) => self.at(Zone::GMT_MINUS_14, date),
        }
    }

    /// Whether `date`'s occurrence is this version's, read as `reading` says.
    pub(super) fn owns(&self, date: NaiveDate, reading: Reading) -> bool {
        let floating = match (self.spec.zone_mode(), reading) {
            (ZoneMode::Fixed(tz), _) => return self.holds(self.at(tz, date)),
            (ZoneMode::Floating, Reading::Local(zone)) => return self.holds(self.at(zone, date)),
            (ZoneMode::Floating, reading) => reading,
        };
        let first = self.at(Zone::GMT_MINUS_14, date);
        let last = self.at(Zone::GMT_PLUS_12, date);
        match floating {
            Reading::Everywhere => self.holds(first) && self.holds(last),
            _ => last >= self.from_ms && self.to_ms.is_none_or(|to| first < to),
        }
    }

    /// The dates this version could give an occurrence, any zone on Earth.
    pub(super) fn window(&self) -> Result<(NaiveDate, Option<NaiveDate>)> {
        // Two days either side cover every zone's date at the boundaries.
        let first = local_date(self.from_ms, Zone::UTC)? - Duration::days(2);
        let last = match self.to_ms {
            Some(to) => Some(local_date(to, Zone::UTC)? + Duration::days(2)),
            None => None,
        };
        Ok((first, last))
    }
}

/// How an occurrence is placed against the instants versions took effect
/// (see the module notes; only floating rituals read differently).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// On this phone, in its zone.
    Local(Zone),
    /// In every zone on Earth: for figures both phones share.
    Everywhere,
    /// In some zone on Earth: for a mark from either phone.
    Somewhere,
}

pub(super) fn local_date(ms: Millis, zone: Zone) -> Result<NaiveDate> {
    Ok(schedule::instant(ms)?.with_timezone(&zone).date_naive())
}

/// Builds the timeline while the consent fold walks a ritual's ops.
#[derive(Debug, Default)]
pub struct TimelineBuilder {
    periods: Vec<Period>,
}

impl TimelineBuilder {
    /// What is in effect after an op at `at`: `None` while nothing agreed
    /// is in effect, or the ritual is paused or retired.
    pub fn observe(&mut self, at: Millis, effective: Option<&RitualSpec>) {
        let open = self.periods.last_mut().filter(|p| p.to_ms.is_none());
        match (open, effective) {
            (Some(p), Some(spec)) if p.spec == *spec => return,
            (Some(p), _) => p.to_ms = Some(at.max(p.from_ms)),
            (None, None) => return,
            (None, Some(_)) => {}
        }
        if let Some(spec) = effective {
            self.periods.push(Period {
                from_ms: at,
                to_ms: None,
                spec: spec.clone(),
            });
        }
    }

    /// The periods, without the empty ones (two changes in one millisecond).
    pub fn finish(mut self) -> Vec<Period> {
        self.periods.retain(|p| p.to_ms != Some(p.from_ms));
        self.periods
    }
}
