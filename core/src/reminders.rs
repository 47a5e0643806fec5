//! Reminder plans: the core decides which notifications should be armed
//! (`arming` turns a plan into what a phone cancels and arms). An id is
//! "slot-revision": the slot is stable per (source, occurrence, lead time),
//! the revision names what the notification shows and when, so re-planning
//! after a sync or a zone change touches only what changed. iOS keeps 64 pending notifications, so a
//! plan holds at most `limit` (default 60) of the soonest.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{Duration, NaiveTime};
use rusqlite::{Connection, Transaction};
use sha2::{Digest, Sha256};

use crate::agreements::{self, AgreementStatus};
use crate::catalog::{Arg, Locale};
use crate::clock::Millis;
use crate::device::DeviceId;
use crate::error::{Error, Result};
use crate::rituals::{self, RitualStatus};
use crate::schedule::{self, TimeOfDay};
use crate::store::{self, Sealer};
use crate::zone::Zone;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReminderSettings {
    pub quiet: Option<QuietHours>,
    /// Show content-free notifications ("A moment for the two of you",
    /// "A moment for yourself"). On unless the person chose to show text:
    /// a phone's lock screen is read by whoever holds it.
    pub hide_content: bool,
}

impl Default for ReminderSettings {
    fn default() -> Self {
        ReminderSettings {
            quiet: None,
            hide_content: true,
        }
    }
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
        // Never chosen: hidden (quiet by default, even on a phone set up
        // before this default).
        hide_content: store::meta_i64(conn, HIDE_CONTENT, 1)? == 1,
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

/// What a reminder is for. Agreement reviews and pause returns join in
/// later; each kind has its own id slots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReminderKind {
    /// An occurrence of a ritual, at one of its lead times.
    Ritual,
    /// An occurrence's reminder, snoozed on this device.
    Snoozed,
    /// A gentle experiment reached its end date: time to look back together.
    TrialReview,
    /// An agreement's review date.
    AgreementReview,
    /// A pause's promised return (on both phones).
    PauseReturn,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    /// "slot-revision": unchanged while the occurrence, lead, time and text
    /// are; any change in what shows gives a new revision.
    pub id: String,
    pub kind: ReminderKind,
    /// The ritual, agreement or pause it is about.
    pub source_id: String,
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
    /// Its time follows the phone's zone (a floating ritual, an agreement
    /// review at 19:00): a shell that can arm a wall-clock trigger should,
    /// so a zone change while the app is not running keeps the wall time.
    /// Otherwise `fire_at_ms` is a fixed instant.
    pub follows_device_zone: bool,
}

/// "slot-revision": the slot names (source, occurrence, lead); the revision
/// names what the notification shows and when. A re-plan that changes
/// nothing keeps every id; one that changes a reminder's time or text (quiet
/// hours, a zone change, a new title, hidden text) changes its id, so
/// reconciling by id cancels the stale notification and arms the new one,
/// even after the app was killed in between.
fn reminder_id(
    kind: ReminderKind,
    source_id: &str,
    occurrence_date: chrono::NaiveDate,
    lead: u16,
    (fire_ms, shown, hide_content): (&Millis, &Shown, bool),
) -> String {
    // The occurrence is named by its scheduled date, so a move or a zone
    // change keeps the slot and only revises it.
    let mut slot = Sha256::new();
    slot.update(match kind {
        ReminderKind::Ritual => b"tandem/reminder/v1/ritual".as_slice(),
        ReminderKind::Snoozed => b"tandem/reminder/v1/snoozed",
        ReminderKind::TrialReview => b"tandem/reminder/v1/review",
        ReminderKind::AgreementReview => b"tandem/reminder/v1/agreement-review",
        ReminderKind::PauseReturn => b"tandem/reminder/v1/pause-return",
    });
    slot.update(source_id.as_bytes());
    slot.update(occurrence_date.to_string().as_bytes());
    slot.update(lead.to_be_bytes());
    let mut revision = Sha256::new();
    revision.update(fire_ms.to_be_bytes());
    // Both variants: a new language changes the private words too, and
    // the notification armed in the old one must be replaced.
    for part in [
        &shown.title,
        &shown.body,
        &shown.private_title,
        &shown.private_body,
    ] {
        revision.update((part.len() as u32).to_be_bytes());
        revision.update(part.as_bytes());
    }
    revision.update([u8::from(hide_content)]);
    format!(
        "{}-{}",
        hex::encode(&slot.finalize()[..10]),
        hex::encode(&revision.finalize()[..4])
    )
}

/// Where a reminder inside quiet hours goes: their end, or nowhere.
fn apply_quiet(
    fire: chrono::DateTime<Zone>,
    quiet: Option<QuietHours>,
) -> Option<chrono::DateTime<Zone>> {
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

/// Snoozing moves one occurrence's reminder by 1 minute to 12 hours.
pub const MAX_SNOOZE_MINUTES: u32 = 12 * 60;
/// Only an occurrence starting within a day, or started in the last
/// `MAX_SNOOZE_MINUTES`, has a reminder to snooze.
const SNOOZE_REACH_MS: Millis = 24 * 60 * 60 * 1000;
/// How long after its occurrence began a snooze can come back: begun up to
/// `MAX_SNOOZE_MINUTES` before the snooze, which lasts as long at most.
/// (A plan that looked back only `MAX_SNOOZE_MINUTES` lost such a snooze
/// once its occurrence was more than that old, and the phone cancelled it.)
const SNOOZE_BACK_MS: Millis = 2 * MAX_SNOOZE_MINUTES as Millis * 60_000;

/// Snoozes one occurrence's reminder on this device (never synced): its
/// reminders before `now + minutes` give way to one at that instant, or at
/// the start of the occurrence's own day if that is later. Returns that
/// instant.
pub fn snooze(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    now: Millis,
    device_zone: Zone,
    ritual_id: &str,
    date: chrono::NaiveDate,
    minutes: u32,
) -> Result<Millis> {
    if minutes == 0 || minutes > MAX_SNOOZE_MINUTES {
        return Err(Error::invalid(format!(
            "a snooze lasts 1 to {MAX_SNOOZE_MINUTES} minutes, got {minutes}"
        )));
    }
    let ritual = rituals::get(tx, sealer, ritual_id)?;
    if ritual.status != RitualStatus::Active {
        return Err(Error::not_allowed(format!(
            "only an active ritual has reminders to snooze; this one is {}",
            ritual.status.as_str()
        )));
    }
    // The clock is the device's (or a shell's manual one): at the edges
    // of the representable range it saturates instead of overflowing, and
    // an instant outside the calendar is refused below.
    schedule::instant(now)?;
    let until = now.saturating_add(i64::from(minutes) * 60_000);
    let from = now.saturating_sub(i64::from(MAX_SNOOZE_MINUTES) * 60_000);
    let occurrence = rituals::occurrences_of(
        tx,
        sealer,
        &ritual,
        device_zone,
        (from, now.saturating_add(SNOOZE_REACH_MS)),
        &rituals::rest::weeks(tx)?,
    )?
    .into_iter()
    .find(|o| o.date == date)
    .ok_or_else(|| {
        Error::not_allowed(format!(
            "{date} has no occurrence of this ritual within a day of now to snooze"
        ))
    })?;
    if occurrence.status != rituals::MarkStatus::Scheduled || occurrence.resting {
        return Err(Error::not_allowed(
            "this occurrence is done, skipped or resting; it has no reminder to snooze",
        ));
    }
    let until = not_before_its_day(until, &occurrence, device_zone, settings(tx)?.quiet);
    tx.prepare_cached("DELETE FROM snoozes WHERE until_ms < ?1")?
        .execute([now.saturating_sub(SNOOZE_REACH_MS)])?;
    tx.prepare_cached(
        "INSERT OR REPLACE INTO snoozes (ritual_id, date, until_ms) VALUES (?1, ?2, ?3)",
    )?
    .execute(rusqlite::params![ritual_id, date.to_string(), until])?;
    Ok(until)
}

/// Where a snooze of an occurrence whose day has not begun comes back: not
/// the evening before, but when its own day (in the ritual's zone) begins,
/// and after this phone's quiet hours if the day begins inside them.
fn not_before_its_day(
    until: Millis,
    occurrence: &rituals::Occurrence,
    device_zone: Zone,
    quiet: Option<QuietHours>,
) -> Millis {
    let zone = occurrence.start.timezone();
    let day_start =
        schedule::resolve_local(zone, occurrence.start.date_naive().and_time(NaiveTime::MIN));
    if until >= day_start.timestamp_millis() {
        return until;
    }
    let quiet = quiet.map(|q| QuietHours {
        policy: QuietPolicy::MoveToEnd,
        ..q
    });
    apply_quiet(day_start.with_timezone(&device_zone), quiet)
        .map_or(day_start.timestamp_millis(), |t| t.timestamp_millis())
}

fn snoozes(conn: &Connection, now: Millis) -> Result<HashMap<(String, chrono::NaiveDate), Millis>> {
    let mut stmt =
        conn.prepare_cached("SELECT ritual_id, date, until_ms FROM snoozes WHERE until_ms >= ?1")?;
    let rows = stmt.query_map([now], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })?;
    let mut out = HashMap::new();
    for row in rows {
        let (id, date, until) = row?;
        let date = chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d")
            .map_err(|_| Error::Corrupt("a snooze names no date".into()))?;
        out.insert((id, date), until);
    }
    Ok(out)
}

fn body_text(lead: u16, start_local: &str, l: Locale) -> String {
    let time = ("time", Arg::Str(start_local));
    match lead {
        0 => l.say_with("reminder-now", &[time]),
        m if m % 60 == 0 => l.say_with(
            "reminder-in-hours",
            &[("hours", Arg::Num(i64::from(m / 60))), time],
        ),
        m => l.say_with(
            "reminder-in-minutes",
            &[("minutes", Arg::Num(i64::from(m))), time],
        ),
    }
}

/// The soonest `limit` reminders from `now` for this device in `device_zone`.
pub fn plan(
    conn: &Connection,
    sealer: &Sealer,
    now: Millis,
    device_zone: &str,
    limit: u32,
    locale: Locale,
) -> Result<Vec<Reminder>> {
    let tz = schedule::parse_zone(device_zone)?;
    if limit == 0 || limit > MAX_LIMIT {
        return Err(Error::invalid(format!(
            "a plan holds 1 to {MAX_LIMIT} reminders, got {limit}"
        )));
    }
    schedule::instant(now)?;
    // Only what can fire: the plan runs on every action, and the rituals
    // and agreements a couple ended stay in the store for good.
    let read = Read {
        rituals: rituals::active(conn, sealer)?,
        agreements: agreements::active(conn, sealer)?,
        pauses: agreements::pauses::running(conn, sealer)?,
    };
    plan_from(conn, sealer, (now, tz, locale), limit, &read)
}

/// What a plan reads besides marks, read once by a caller (Today) that
/// shows them too: at least the active rituals and agreements (the plan
/// fires for those alone).
pub struct Read {
    pub rituals: Vec<rituals::Ritual>,
    pub agreements: Vec<agreements::Agreement>,
    /// The pauses still running.
    pub pauses: Vec<agreements::pauses::Pause>,
}

/// `plan` over what was read already.
///
/// The horizon starts at two days and doubles until it holds `limit`
/// reminders. Each step looks only at the days it adds (a reminder belongs
/// to the one step whose days hold its firing), and a reminder found is
/// worded, named and hashed only if it is among those kept: a phone's
/// every action re-plans (`arming`), and most of what a wider horizon
/// finds is cut away.
pub fn plan_from(
    conn: &Connection,
    sealer: &Sealer,
    (now, tz, l): (Millis, Zone, Locale),
    limit: u32,
    read: &Read,
) -> Result<Vec<Reminder>> {
    if limit == 0 || limit > MAX_LIMIT {
        return Err(Error::invalid(format!(
            "a plan holds 1 to {MAX_LIMIT} reminders, got {limit}"
        )));
    }
    let settings = settings(conn)?;
    let found = find(
        conn,
        sealer,
        (now, tz, &settings),
        limit as usize,
        read,
        FIRST_HORIZON_DAYS,
    )?;
    Ok(keep(found, limit as usize, &settings, l))
}

const FIRST_HORIZON_DAYS: i64 = 2;

/// The reminders firing from `now` up to the first horizon, doubling from
/// `first_days`, that holds `limit` of them (a test looks at the whole
/// horizon at once and expects the same plan).
fn find<'a>(
    conn: &Connection,
    sealer: &Sealer,
    (now, tz, settings): (Millis, Zone, &ReminderSettings),
    limit: usize,
    read: &'a Read,
    first_days: i64,
) -> Result<Vec<Found<'a>>> {
    let known = Known {
        snoozed: snoozes(conn, now)?,
        rest_weeks: rituals::rest::weeks(conn)?,
    };
    let active: Vec<_> = read
        .rituals
        .iter()
        .filter(|r| r.status == RitualStatus::Active)
        .collect();
    let device = store::read_device(conn)?;
    let mut found: Vec<Found<'_>> = Vec::new();
    let (mut lo, mut horizon_days) = (now, first_days.min(MAX_HORIZON_DAYS));
    loop {
        let to = now.saturating_add(horizon_days.saturating_mul(86_400_000));
        let window = Window { now, lo, to };
        for r in active.iter().copied() {
            plan_ritual(conn, sealer, r, window, tz, settings, &known, &mut found)?;
            plan_review(r, window, tz, settings, &mut found);
        }
        for a in &read.agreements {
            plan_agreement_review(a, window, tz, settings, &mut found);
        }
        for p in &read.pauses {
            plan_pause_return(p, device, window, tz, &mut found)?;
        }
        if distinct(&found) >= limit || horizon_days >= MAX_HORIZON_DAYS {
            return Ok(found);
        }
        (lo, horizon_days) = (to, (horizon_days * 2).min(MAX_HORIZON_DAYS));
    }
}

/// The reminders firing in `[lo, to)`, `lo` at or after `now`: one step
/// of the plan's horizon.
#[derive(Clone, Copy)]
struct Window {
    now: Millis,
    lo: Millis,
    to: Millis,
}

impl Window {
    fn holds(self, fire_ms: Millis) -> bool {
        (self.lo..self.to).contains(&fire_ms)
    }
}

/// Two reminders of one occurrence on the same minute (two leads moved
/// there by quiet hours) are one.
type Same<'a> = (ReminderKind, &'a str, Millis, Millis);

fn distinct(found: &[Found<'_>]) -> usize {
    found.iter().map(Found::same).collect::<HashSet<_>>().len()
}

/// The first `limit` of `found` by firing, then id, one of each `Same`,
/// as the whole plan sorted and deduplicated would give, but worded only
/// up to the firing time where `limit` distinct reminders are reached:
/// every later one sorts after them.
fn keep(
    mut found: Vec<Found<'_>>,
    limit: usize,
    settings: &ReminderSettings,
    l: Locale,
) -> Vec<Reminder> {
    found.sort_by_key(Found::fire_ms);
    let mut seen = HashSet::new();
    let mut upto = found.len();
    for (i, f) in found.iter().enumerate() {
        if seen.insert(f.same()) && seen.len() == limit {
            let last = f.fire_ms();
            upto = i
                + 1
                + found[i + 1..]
                    .iter()
                    .take_while(|g| g.fire_ms() == last)
                    .count();
            break;
        }
    }
    found.truncate(upto);
    let mut out: Vec<Reminder> = found.iter().map(|f| f.render(settings, l)).collect();
    out.sort_unstable_by(|a, b| (a.fire_at_ms, &a.id).cmp(&(b.fire_at_ms, &b.id)));
    // Two leads moved onto the same minute by quiet hours: one reminder
    // (the first in sort order). Not only neighbours: another ritual's
    // reminder can sort between them.
    let mut seen = HashSet::new();
    out.retain(|r| {
        seen.insert((
            r.kind,
            r.source_id.clone(),
            r.occurrence_start_ms,
            r.fire_at_ms,
        ))
    });
    out.truncate(limit);
    out
}

/// What a plan reads once for all rituals.
struct Known {
    snoozed: HashMap<(String, chrono::NaiveDate), Millis>,
    rest_weeks: BTreeSet<chrono::NaiveDate>,
}

/// A reminder found, before its words: what it is about and when it fires.
struct Found<'a> {
    kind: ReminderKind,
    source_id: &'a str,
    date: chrono::NaiveDate,
    lead: u16,
    start_ms: Millis,
    fire: chrono::DateTime<Zone>,
    follows: bool,
    about: About<'a>,
}

/// What a found reminder's words are made of.
enum About<'a> {
    /// An occurrence at one of its lead times: the minutes actually left
    /// and its start on this phone.
    Occurrence {
        ritual: &'a rituals::Ritual,
        left: u16,
        start: chrono::DateTime<Zone>,
    },
    Snoozed {
        ritual: &'a rituals::Ritual,
        start: chrono::DateTime<Zone>,
    },
    Trial(&'a rituals::Ritual),
    AgreementReview {
        title: &'a str,
    },
    PauseReturn {
        mine: bool,
    },
}

impl Found<'_> {
    fn fire_ms(&self) -> Millis {
        self.fire.timestamp_millis()
    }

    fn same(&self) -> Same<'_> {
        (self.kind, self.source_id, self.start_ms, self.fire_ms())
    }

    fn render(&self, settings: &ReminderSettings, l: Locale) -> Reminder {
        let shown = match &self.about {
            About::Occurrence {
                ritual,
                left,
                start,
            } => {
                let body = body_text(*left, &hour_minute(start), l);
                ritual_shown(ritual, ReminderKind::Ritual, body, l)
            }
            About::Snoozed { ritual, start } => {
                let time = hour_minute(start);
                let body = l.say_with("reminder-snoozed", &[("time", Arg::Str(&time))]);
                ritual_shown(ritual, ReminderKind::Snoozed, body, l)
            }
            About::Trial(ritual) => ritual_shown(
                ritual,
                ReminderKind::TrialReview,
                l.say("reminder-trial-body"),
                l,
            ),
            About::AgreementReview { title } => Shown {
                title: l.say_with("reminder-agreement-title", &[("title", Arg::Str(title))]),
                body: l.say("reminder-agreement-body"),
                private_title: l.say("reminder-private-title"),
                private_body: l.say("reminder-private-look-back"),
            },
            About::PauseReturn { mine } => {
                let whose = if *mine { "mine" } else { "partner" };
                Shown {
                    title: l.say(&format!("reminder-pause-{whose}-title")),
                    body: l.say_with(
                        &format!("reminder-pause-{whose}-body"),
                        &[("time", Arg::Str(&hour_minute(&self.fire)))],
                    ),
                    private_title: l.say("reminder-private-title"),
                    private_body: l.say("reminder-private-together"),
                }
            }
        };
        let fire_ms = self.fire_ms();
        Reminder {
            id: reminder_id(
                self.kind,
                self.source_id,
                self.date,
                self.lead,
                (&fire_ms, &shown, settings.hide_content),
            ),
            kind: self.kind,
            source_id: self.source_id.to_owned(),
            occurrence_start_ms: self.start_ms,
            fire_at_ms: fire_ms,
            local_time: format!(
                "{} {}",
                crate::date_text::text(self.fire.date_naive()),
                hour_minute(&self.fire)
            ),
            zone: self.fire.timezone().name().to_owned(),
            lead_minutes: self.lead,
            title: shown.title,
            body: shown.body,
            private_title: shown.private_title,
            private_body: shown.private_body,
            hide_content: settings.hide_content,
            follows_device_zone: self.follows,
        }
    }
}

/// "20:05", as chrono's "%H:%M" writes it.
fn hour_minute(t: &chrono::DateTime<Zone>) -> String {
    TimeOfDay::of(t).to_string()
}

/// One ritual's occurrence reminders firing in the window.
#[allow(clippy::too_many_arguments)]
fn plan_ritual<'a>(
    conn: &Connection,
    sealer: &Sealer,
    r: &'a rituals::Ritual,
    window: Window,
    tz: Zone,
    settings: &ReminderSettings,
    known: &Known,
    out: &mut Vec<Found<'a>>,
) -> Result<()> {
    let Window { now, lo, to } = window;
    let (snoozed, rest_weeks) = (&known.snoozed, &known.rest_weeks);
    // Occurrences up to a day past the window (a lead reaches back at most
    // a day) and back as far as a snooze reaches. Done, skipped and resting
    // ones need no reminder; a moved one is reminded at its new time.
    let occurrences = rituals::occurrences_in(
        conn,
        sealer,
        r,
        tz,
        (lo.saturating_sub(SNOOZE_BACK_MS), to + 86_400_000),
        rest_weeks,
        rituals::marks::Read::StatusOnly,
    )?;
    for o in occurrences
        .into_iter()
        .filter(|o| o.status == rituals::MarkStatus::Scheduled && !o.resting)
    {
        let start = o.start.with_timezone(&chrono::Utc);
        let start_ms = start.timestamp_millis();
        let start_here = start.with_timezone(&tz);
        let snooze = snoozed.get(&(r.id.clone(), o.date)).copied();
        if let Some(until) = snooze.filter(|u| window.holds(*u)) {
            out.push(Found {
                kind: ReminderKind::Snoozed,
                source_id: &r.id,
                date: o.date,
                lead: 0,
                start_ms,
                fire: schedule::instant(until)?.with_timezone(&tz),
                follows: false,
                about: About::Snoozed {
                    ritual: r,
                    start: start_here,
                },
            });
        }
        if start_ms < now {
            continue;
        }
        for lead in r.spec.lead_times() {
            let fire = (start - Duration::minutes(i64::from(lead))).with_timezone(&tz);
            let Some(fire) = apply_quiet(fire, settings.quiet) else {
                continue;
            };
            let fire_ms = fire.timestamp_millis();
            // Quiet hours can push a reminder to or past its start: then it
            // has nothing left to remind of. A snooze replaces the reminders
            // before it.
            if fire_ms < now
                || !window.holds(fire_ms)
                || (lead > 0 && fire_ms >= start_ms)
                || fire_ms > start_ms
                || snooze.is_some_and(|u| fire_ms <= u)
            {
                continue;
            }
            // The text says how long is actually left.
            let left = u16::try_from((start_ms - fire_ms) / 60_000).unwrap_or(lead);
            out.push(Found {
                kind: ReminderKind::Ritual,
                source_id: &r.id,
                date: o.date,
                lead,
                start_ms,
                fire,
                follows: matches!(r.zone, schedule::ZoneMode::Floating),
                about: About::Occurrence {
                    ritual: r,
                    left,
                    start: start_here,
                },
            });
        }
    }
    Ok(())
}

/// A gentle experiment's review reminder: on its last day, at the ritual's
/// time, unless an answer (keep or adjust) is already waiting.
fn plan_review<'a>(
    r: &'a rituals::Ritual,
    window: Window,
    tz: Zone,
    settings: &ReminderSettings,
    out: &mut Vec<Found<'a>>,
) {
    let Some(last_day) = r.spec.trial_until.filter(|_| r.pending.is_none()) else {
        return;
    };
    let zone = r.zone.zone_on(tz);
    let at = schedule::resolve_local(zone, last_day.and_time(r.time_of_day.naive()));
    let Some(fire) = apply_quiet(at.with_timezone(&tz), settings.quiet) else {
        return;
    };
    if !window.holds(fire.timestamp_millis()) {
        return;
    }
    out.push(Found {
        kind: ReminderKind::TrialReview,
        source_id: &r.id,
        date: last_day,
        lead: 0,
        start_ms: at.timestamp_millis(),
        fire,
        follows: matches!(r.zone, schedule::ZoneMode::Floating),
        about: About::Trial(r),
    });
}

/// An agreement's review reminder: on its review date, at
/// `AGREEMENT_REVIEW_TIME` on this device, until the version in effect is
/// kept, let go, or an amendment waits for an answer.
fn plan_agreement_review<'a>(
    a: &'a agreements::Agreement,
    window: Window,
    tz: Zone,
    settings: &ReminderSettings,
    out: &mut Vec<Found<'a>>,
) {
    // A version waiting for an answer (an amendment at the review, say) is
    // the conversation to have; the review waits until it is answered.
    if a.status != AgreementStatus::Active || !a.pending().is_empty() {
        return;
    }
    let Some(v) = a.in_effect().filter(|v| !a.kept.contains(&v.hash)) else {
        return;
    };
    let Some(day) = v.terms.review_on else { return };
    let at = schedule::resolve_local(tz, day.and_time(AGREEMENT_REVIEW_TIME));
    let Some(fire) = apply_quiet(at.with_timezone(&tz), settings.quiet) else {
        return;
    };
    if !window.holds(fire.timestamp_millis()) {
        return;
    }
    // 19:00 wherever the phone is on that day.
    out.push(Found {
        kind: ReminderKind::AgreementReview,
        source_id: &a.id,
        date: day,
        lead: 0,
        start_ms: at.timestamp_millis(),
        fire,
        follows: true,
        about: About::AgreementReview {
            title: &v.terms.title,
        },
    });
}

/// A running pause's return, on both phones: "time to reconnect" for its
/// starter, "coming back" for the partner. Quiet hours do not move it: it
/// is a promise, made for that time.
fn plan_pause_return<'a>(
    p: &'a agreements::pauses::Pause,
    me: DeviceId,
    window: Window,
    tz: Zone,
    out: &mut Vec<Found<'a>>,
) -> Result<()> {
    if !window.holds(p.return_at_ms) {
        return Ok(());
    }
    let fire = schedule::instant(p.return_at_ms)?.with_timezone(&tz);
    out.push(Found {
        kind: ReminderKind::PauseReturn,
        source_id: &p.id,
        date: fire.date_naive(),
        lead: 0,
        start_ms: p.return_at_ms,
        fire,
        follows: false,
        about: About::PauseReturn {
            mine: p.started_by == me,
        },
    });
    Ok(())
}

/// Agreement reviews come in the evening of their day, when a couple is
/// more likely to be together.
const AGREEMENT_REVIEW_TIME: NaiveTime = match NaiveTime::from_hms_opt(19, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};

/// What a notification shows, and its content-free variant.
struct Shown {
    title: String,
    body: String,
    private_title: String,
    private_body: String,
}

fn ritual_shown(r: &rituals::Ritual, kind: ReminderKind, body: String, l: Locale) -> Shown {
    let (title, private_body) = match kind {
        ReminderKind::TrialReview => (
            l.say_with("reminder-trial-title", &[("title", Arg::Str(&r.title))]),
            "reminder-private-look-back",
        ),
        _ if r.personal => (r.title.clone(), "reminder-private-yourself"),
        _ => (r.title.clone(), "reminder-private-together"),
    };
    Shown {
        title,
        body,
        private_title: l.say("reminder-private-title"),
        private_body: l.say(private_body),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rituals::spec::RitualDraft;
    use crate::schedule::recurrence::{FrequencyDraft, RecurrenceDraft};
    use chrono::{NaiveDate, TimeZone};
    use proptest::prelude::*;

    /// A new store at `dir` with these personal rituals, proposed at `now`.
    fn store_with(
        dir: &std::path::Path,
        now: Millis,
        drafts: &[RitualDraft],
    ) -> (store::Store, Vec<String>) {
        let mut store = store::Store::open(&dir.join("t.db"), &[7; 32], Some("Ana")).unwrap();
        let device = store.device();
        let ids = drafts
            .iter()
            .map(|d| {
                store
                    .write(|tx, sealer| rituals::propose(tx, sealer, device, now, d, true))
                    .unwrap()
            })
            .collect();
        (store, ids)
    }

    fn snooze_in(
        store: &mut store::Store,
        now: Millis,
        id: &str,
        day: &str,
        minutes: u32,
        zone: &str,
    ) -> Result<Millis> {
        let date = NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
        let zone = schedule::parse_zone(zone)?;
        store.write(|tx, sealer| snooze(tx, sealer, now, zone, id, date, minutes))
    }

    /// A person's own rituals, each with a kind of recurrence, a time, a
    /// zone or none (floating), lead times and maybe a trial's last day.
    fn rituals() -> impl Strategy<Value = Vec<RitualDraft>> {
        let frequency = prop_oneof![
            Just(FrequencyDraft::Daily),
            proptest::collection::btree_set(1u8..=7, 1..4)
                .prop_map(|days| FrequencyDraft::Weekdays(days.into_iter().collect())),
            (2u32..5).prop_map(FrequencyDraft::EveryNDays),
            (1u32..29).prop_map(FrequencyDraft::MonthlyOnDay),
        ];
        let one = (
            frequency,
            (0u32..24, prop_oneof![Just(0u32), Just(30), 0u32..60]),
            prop_oneof![
                Just(None),
                Just(Some("Europe/Berlin")),
                Just(Some("America/New_York"))
            ],
            proptest::collection::vec(
                prop_oneof![Just(0u32), Just(30), Just(60), 1u32..=1440],
                0..4,
            ),
            proptest::option::weighted(0.2, 0i64..20),
        )
            .prop_map(|(frequency, (h, m), zone, leads, trial)| RitualDraft {
                title: format!("R{h}{m}"),
                prompt: None,
                minutes: 10,
                time_of_day: format!("{h:02}:{m:02}"),
                zone: zone.map(Into::into),
                recurrence: Some(RecurrenceDraft {
                    frequency,
                    start: Some("2027-03-01".into()),
                    until: None,
                    count: None,
                }),
                window_end: None,
                lead_minutes: leads,
                trial_until: trial.map(|d| {
                    (NaiveDate::from_ymd_opt(2027, 3, 12).unwrap() + Duration::days(d)).to_string()
                }),
            });
        proptest::collection::vec(one, 1..7)
    }

    /// A snooze can come back up to a day after its occurrence began: the
    /// plan finds it more than 12 hours after, and with the clock set back
    /// two days, in the horizon's second step.
    #[test]
    fn a_snooze_of_a_begun_occurrence_is_planned_in_a_later_step_of_the_horizon() {
        let dir = tempfile::tempdir().unwrap();
        let at = |d: u32, h: u32, m: u32| {
            Zone::UTC
                .with_ymd_and_hms(2027, 3, d, h, m, 0)
                .unwrap()
                .timestamp_millis()
        };
        let walk = RitualDraft {
            title: "Walk".into(),
            minutes: 10,
            time_of_day: "00:30".into(),
            zone: Some("Europe/London".into()),
            recurrence: Some(RecurrenceDraft {
                frequency: FrequencyDraft::Daily,
                start: Some("2027-03-01".into()),
                until: None,
                count: None,
            }),
            ..RitualDraft::default()
        };
        let (mut store, ids) = store_with(dir.path(), at(5, 9, 0), &[walk]);
        // Begun at 00:30, snoozed at 09:00 for 12 hours: back at 21:00.
        let until = snooze_in(
            &mut store,
            at(10, 9, 0),
            &ids[0],
            "2027-03-10",
            720,
            "Europe/London",
        )
        .unwrap();
        assert_eq!(until, at(10, 21, 0));
        let plan = store
            .read(|conn, sealer| plan(conn, sealer, at(8, 17, 0), "Europe/London", 60, Locale::En))
            .unwrap();
        let snoozed: Vec<_> = plan
            .iter()
            .filter(|r| r.kind == ReminderKind::Snoozed)
            .map(|r| (r.fire_at_ms, r.occurrence_start_ms))
            .collect();
        assert_eq!(snoozed, [(at(10, 21, 0), at(10, 0, 30))]);
        // And at 13:00, when the occurrence began more than 12 hours ago.
        let later = store
            .read(|conn, sealer| {
                super::plan(conn, sealer, at(10, 13, 0), "Europe/London", 60, Locale::En)
            })
            .unwrap();
        assert!(
            later
                .iter()
                .any(|r| r.kind == ReminderKind::Snoozed && r.fire_at_ms == at(10, 21, 0))
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 64,
            rng_seed: proptest::test_runner::RngSeed::Fixed(0x9E1A),
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        /// Each step of the horizon looks only at the days it adds, and
        /// only the reminders kept are worded: whatever the rituals, quiet
        /// hours, snoozes, zone and limit, the plan is the one found by
        /// looking at the whole horizon at once and wording everything.
        #[test]
        fn a_plan_found_step_by_step_and_worded_last_is_the_whole_horizon_worded_and_cut(
            drafts in rituals(),
            // Quiet hours that move reminders to their end put many on
            // one minute: the plan's cut can fall among them.
            quiet in proptest::option::weighted(0.7, ((0u16..24), (0u16..24), proptest::bool::weighted(0.3))),
            hide_content in any::<bool>(),
            snoozes in proptest::collection::vec((0usize..7, prop_oneof![1u32..=720, 600u32..=720]), 0..3),
            // Hours from the snoozes (before them too: a clock set back),
            // on the hour or not.
            // Between 36 and 44 hours before: a snooze of an occurrence
            // begun hours ago can come back in the horizon's second step.
            hours_later in proptest::collection::vec(
                (prop_oneof![-48i64..72, -44i64..-36], any::<bool>()),
                1..4,
            ),
            zone in prop_oneof![Just("Europe/Berlin"), Just("Asia/Tokyo"), Just("America/New_York")],
            limit in 1u32..90,
        ) {
            let dir = tempfile::tempdir().unwrap();
            let start = Zone::UTC.with_ymd_and_hms(2027, 3, 10, 9, 0, 0).unwrap().timestamp_millis();
            let (mut store, ids) = store_with(dir.path(), start, &drafts);
            let quiet = quiet.filter(|(a, b, _)| a != b).map(|(a, b, drop)| QuietHours {
                start: TimeOfDay::from_minutes(a * 60 + 30).unwrap(),
                end: TimeOfDay::from_minutes(b * 60).unwrap(),
                policy: if drop { QuietPolicy::Drop } else { QuietPolicy::MoveToEnd },
            });
            store.write(|tx, _| save_settings(tx, &ReminderSettings { quiet, hide_content })).unwrap();
            // Snoozes of today's and tomorrow's occurrences, where there are.
            for (which, minutes) in snoozes {
                let id = &ids[which % ids.len()];
                for day in ["2027-03-10", "2027-03-11"] {
                    let _ = snooze_in(&mut store, start, id, day, minutes, zone);
                }
            }
            let tz = schedule::parse_zone(zone).unwrap();
            for (later, on_the_hour) in hours_later {
                let now = start + later * 3_600_000 + if on_the_hour { 0 } else { 59_000 };
                let (plan, everything) = store.read(|conn, sealer| {
                    let read = Read {
                        rituals: rituals::list(conn, sealer)?,
                        agreements: agreements::list(conn, sealer)?,
                        pauses: agreements::pauses::running(conn, sealer)?,
                    };
                    let settings = settings(conn)?;
                    // The whole horizon, every reminder worded, sorted by
                    // firing and id, one of each occurrence's minute.
                    let mut all: Vec<Reminder> =
                        find(conn, sealer, (now, tz, &settings), 1, &read, MAX_HORIZON_DAYS)?
                            .iter()
                            .map(|f| f.render(&settings, Locale::En))
                            .collect();
                    all.sort_by(|a, b| (a.fire_at_ms, &a.id).cmp(&(b.fire_at_ms, &b.id)));
                    let mut seen = HashSet::new();
                    all.retain(|r| seen.insert((r.kind, r.source_id.clone(), r.occurrence_start_ms, r.fire_at_ms)));
                    all.truncate(limit as usize);
                    Ok((plan_from(conn, sealer, (now, tz, Locale::En), limit, &read)?, all))
                }).unwrap();
                prop_assert_eq!(plan, everything);
            }
        }
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
        let tz: Zone = "Europe/Berlin".parse().unwrap();
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
