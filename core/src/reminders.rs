//! Reminder plans: the core decides which notifications should be armed; the
//! shells only reconcile by id (arm the new, cancel the gone). An id is
//! "slot-revision": the slot is stable per (source, occurrence, lead time),
//! the revision names what the notification shows and when, so re-planning
//! after a sync or a zone change touches only what changed. iOS keeps 64 pending notifications, so a
//! plan holds at most `limit` (default 60) of the soonest.

use std::collections::BTreeSet;

use chrono::{Duration, NaiveTime};
use chrono_tz::Tz;
use rusqlite::{Connection, Transaction};
use sha2::{Digest, Sha256};

use crate::clock::Millis;
use crate::error::{Error, Result};
use crate::rituals::{self, RitualStatus};
use crate::schedule::{self, TimeOfDay};
use crate::store::{self, Sealer};

pub const DEFAULT_LIMIT: u32 = 60;
pub const MAX_LIMIT: u32 = 500;
/// How far ahead a plan looks at most.
const MAX_HORIZON_DAYS: i64 = 62;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuietPolicy {
    /// A reminder inside quiet hours fires when they end.
    MoveToEnd,
    /// A reminder inside quiet hours is dropped.
    Drop,
}

/// This device's quiet hours, e.g. 22:00 to 07:00 (may wrap midnight).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietHours {
    pub start: TimeOfDay,
    pub end: TimeOfDay,
    pub policy: QuietPolicy,
}

impl QuietHours {
    pub fn new(start: &str, end: &str, policy: QuietPolicy) -> Result<Self> {
        let (start, end) = (TimeOfDay::parse(start)?, TimeOfDay::parse(end)?);
        if start == end {
            return Err(Error::invalid(
                "quiet hours cannot cover the whole day; leave some time for reminders",
            ));
        }
        Ok(Self { start, end, policy })
    }

    fn contains(&self, t: NaiveTime) -> bool {
        let (s, e) = (self.start.naive(), self.end.naive());
        if s < e {
            s <= t && t < e
        } else {
            t >= s || t < e
        }
    }
}

/// Device-only settings that shape reminders; never synced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReminderSettings {
    pub quiet: Option<QuietHours>,
    /// Show content-free notifications ("A moment for the two of you").
    pub hide_content: bool,
}

const QUIET_START: &str = "quiet_start";
const QUIET_END: &str = "quiet_end";
const QUIET_POLICY: &str = "quiet_policy";
const HIDE_CONTENT: &str = "hide_content";

pub fn settings(conn: &Connection) -> Result<ReminderSettings> {
    let start = store::meta_i64(conn, QUIET_START, -1)?;
    let end = store::meta_i64(conn, QUIET_END, -1)?;
    let quiet = if start >= 0 && end >= 0 {
        Some(QuietHours {
            start: TimeOfDay::from_minutes(start as u16)?,
            end: TimeOfDay::from_minutes(end as u16)?,
            policy: if store::meta_i64(conn, QUIET_POLICY, 0)? == 1 {
                QuietPolicy::Drop
            } else {
                QuietPolicy::MoveToEnd
            },
        })
    } else {
        None
    };
    Ok(ReminderSettings {
        quiet,
        hide_content: store::meta_i64(conn, HIDE_CONTENT, 0)? == 1,
    })
}

pub fn save_settings(tx: &Transaction<'_>, s: &ReminderSettings) -> Result<()> {
    let (start, end, policy) = match s.quiet {
        Some(q) => (
            i64::from(q.start.minutes()),
            i64::from(q.end.minutes()),
            i64::from(q.policy == QuietPolicy::Drop),
        ),
        None => (-1, -1, 0),
    };
    store::set_meta_i64(tx, QUIET_START, start)?;
    store::set_meta_i64(tx, QUIET_END, end)?;
    store::set_meta_i64(tx, QUIET_POLICY, policy)?;
    store::set_meta_i64(tx, HIDE_CONTENT, i64::from(s.hide_content))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    /// "slot-revision": unchanged while the occurrence, lead, time and text
    /// are; any change in what shows gives a new revision.
    pub id: String,
    pub ritual_id: String,
    pub occurrence_start_ms: Millis,
    pub fire_at_ms: Millis,
    /// Wall time of the firing on this device: "2027-03-14 20:20".
    pub local_time: String,
    pub zone: String,
    pub lead_minutes: u16,
    pub title: String,
    pub body: String,
    /// What shows when the person hides notification text.
    pub private_title: String,
    pub private_body: String,
    /// Whether the shell should show the private variant.
    pub hide_content: bool,
}

/// What a shell must do to make its armed notifications match a plan.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reconciliation {
    pub arm: Vec<String>,
    pub cancel: Vec<String>,
}

pub fn reconcile(planned: &[String], armed: &[String]) -> Reconciliation {
    let planned_set: BTreeSet<&String> = planned.iter().collect();
    let armed_set: BTreeSet<&String> = armed.iter().collect();
    Reconciliation {
        arm: planned
            .iter()
            .filter(|id| !armed_set.contains(id))
            .cloned()
            .collect(),
        cancel: armed
            .iter()
            .filter(|id| !planned_set.contains(id))
            .cloned()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect(),
    }
}

/// "slot-revision": the slot names (source, occurrence, lead); the revision
/// names what the notification shows and when. A re-plan that changes
/// nothing keeps every id; one that changes a reminder's time or text (quiet
/// hours, a zone change, a new title, hidden text) changes its id, so
/// reconciling by id cancels the stale notification and arms the new one,
/// even after the app was killed in between.
fn reminder_id(
    ritual_id: &str,
    occurrence_date: chrono::NaiveDate,
    lead: u16,
    shown: (&Millis, &str, &str, bool),
) -> String {
    // The occurrence is named by its scheduled date, so a move or a zone
    // change keeps the slot and only revises it.
    let mut slot = Sha256::new();
    slot.update(b"tandem/reminder/v1/ritual");
    slot.update(ritual_id.as_bytes());
    slot.update(occurrence_date.to_string().as_bytes());
    slot.update(lead.to_be_bytes());
    let mut revision = Sha256::new();
    revision.update(shown.0.to_be_bytes());
    for part in [shown.1, shown.2] {
        revision.update((part.len() as u32).to_be_bytes());
        revision.update(part.as_bytes());
    }
    revision.update([u8::from(shown.3)]);
    format!(
        "{}-{}",
        hex::encode(&slot.finalize()[..10]),
        hex::encode(&revision.finalize()[..4])
    )
}

/// Where a reminder inside quiet hours goes: their end, or nowhere.
fn apply_quiet(
    fire: chrono::DateTime<Tz>,
    quiet: Option<QuietHours>,
) -> Option<chrono::DateTime<Tz>> {
    let Some(q) = quiet else { return Some(fire) };
    if !q.contains(fire.time()) {
        return Some(fire);
    }
    match q.policy {
        QuietPolicy::Drop => None,
        QuietPolicy::MoveToEnd => {
            let mut date = fire.date_naive();
            if fire.time() >= q.end.naive() {
                date += Duration::days(1);
            }
            Some(
                schedule::resolve_local(fire.timezone(), date.and_time(q.end.naive()))
                    .with_timezone(&fire.timezone()),
            )
        }
    }
}

fn body_text(lead: u16, start_local: &str) -> String {
    match lead {
        0 => format!("Now, {start_local}"),
        l if l % 60 == 0 => format!("In {} h, at {start_local}", l / 60),
        l => format!("In {l} min, at {start_local}"),
    }
}

/// The soonest `limit` reminders from `now` for this device in `device_zone`.
pub fn plan(
    conn: &Connection,
    sealer: &Sealer,
    now: Millis,
    device_zone: &str,
    limit: u32,
) -> Result<Vec<Reminder>> {
    let tz = schedule::parse_zone(device_zone)?;
    if limit == 0 || limit > MAX_LIMIT {
        return Err(Error::invalid(format!(
            "a plan holds 1 to {MAX_LIMIT} reminders, got {limit}"
        )));
    }
    schedule::instant(now)?;
    let settings = settings(conn)?;
    let active: Vec<_> = rituals::list(conn, sealer)?
        .into_iter()
        .filter(|r| r.status == RitualStatus::Active)
        .collect();
    let mut horizon_days = 2;
    loop {
        let to = now + horizon_days * 86_400_000;
        let mut out = Vec::new();
        for r in &active {
            // Occurrences up to a day past the horizon: a lead reaches back at
            // most a day. Done and skipped ones need no reminder; a moved one
            // is reminded at its new time.
            let starts = rituals::occurrences_of(conn, sealer, r, tz, now, to + 86_400_000)?
                .into_iter()
                .filter(|o| o.status == rituals::MarkStatus::Scheduled && o.start_ms() >= now)
                .map(|o| (o.date, o.start.with_timezone(&chrono::Utc)));
            for (date, start) in starts {
                let start_local = start.with_timezone(&tz).format("%H:%M").to_string();
                for lead in r.spec.lead_times() {
                    let fire = (start - Duration::minutes(i64::from(lead))).with_timezone(&tz);
                    let Some(fire) = apply_quiet(fire, settings.quiet) else {
                        continue;
                    };
                    let fire_ms = fire.timestamp_millis();
                    // Quiet hours can push a reminder to or past its start:
                    // then it has nothing left to remind of.
                    let start_ms = start.timestamp_millis();
                    if fire_ms < now
                        || fire_ms >= to
                        || (lead > 0 && fire_ms >= start_ms)
                        || fire_ms > start_ms
                    {
                        continue;
                    }
                    // The text says how long is actually left.
                    let left = u16::try_from((start_ms - fire_ms) / 60_000).unwrap_or(lead);
                    let body = body_text(left, &start_local);
                    out.push(Reminder {
                        id: reminder_id(
                            &r.id,
                            date,
                            lead,
                            (&fire_ms, &r.title, &body, settings.hide_content),
                        ),
                        ritual_id: r.id.clone(),
                        occurrence_start_ms: start.timestamp_millis(),
                        fire_at_ms: fire_ms,
                        local_time: fire.format("%Y-%m-%d %H:%M").to_string(),
                        zone: tz.name().to_owned(),
                        lead_minutes: lead,
                        title: r.title.clone(),
                        body,
                        private_title: "Tandem".into(),
                        private_body: "A moment for the two of you".into(),
                        hide_content: settings.hide_content,
                    });
                }
            }
        }
        out.sort_by(|a, b| (a.fire_at_ms, &a.id).cmp(&(b.fire_at_ms, &b.id)));
        // Two leads moved onto the same minute by quiet hours: one reminder
        // (the first in sort order). Not only neighbours: another ritual's
        // reminder can sort between them.
        let mut seen = std::collections::HashSet::new();
        out.retain(|r| seen.insert((r.ritual_id.clone(), r.occurrence_start_ms, r.fire_at_ms)));
        if out.len() >= limit as usize || horizon_days >= MAX_HORIZON_DAYS {
            out.truncate(limit as usize);
            return Ok(out);
        }
        horizon_days = (horizon_days * 2).min(MAX_HORIZON_DAYS);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn reconcile_arms_the_new_and_cancels_the_gone() {
        let r = reconcile(&ids(&["a", "b", "c"]), &ids(&["b", "d", "d"]));
        assert_eq!(r.arm, ids(&["a", "c"]));
        assert_eq!(r.cancel, ids(&["d"]));
        let same = reconcile(&ids(&["a", "b"]), &ids(&["b", "a"]));
        assert_eq!(same, Reconciliation::default());
    }

    #[test]
    fn quiet_hours_wrap_midnight_and_move_or_drop() {
        let q = QuietHours::new("22:00", "07:00", QuietPolicy::MoveToEnd).unwrap();
        let t = |s: &str| NaiveTime::parse_from_str(s, "%H:%M").unwrap();
        assert!(
            q.contains(t("23:30"))
                && q.contains(t("06:59"))
                && !q.contains(t("07:00"))
                && !q.contains(t("21:59"))
        );
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        let late = tz.with_ymd_and_hms(2027, 3, 10, 23, 30, 0).unwrap();
        assert_eq!(
            apply_quiet(late, Some(q)).unwrap().to_rfc3339(),
            "2027-03-11T07:00:00+01:00"
        );
        let early = tz.with_ymd_and_hms(2027, 3, 11, 5, 0, 0).unwrap();
        assert_eq!(
            apply_quiet(early, Some(q)).unwrap().to_rfc3339(),
            "2027-03-11T07:00:00+01:00"
        );
        let drop = QuietHours {
            policy: QuietPolicy::Drop,
            ..q
        };
        assert!(apply_quiet(late, Some(drop)).is_none());
        assert!(
            QuietHours::new("22:00", "22:00", QuietPolicy::Drop)
                .unwrap_err()
                .to_string()
                .contains("whole day")
        );
    }
}
