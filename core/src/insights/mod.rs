//! Insights over the last N weeks, computed on the device: a safe notebook,
//! never a report card. From the person's own private log and check-ins:
//! what tends to come before withdrawal or silence, when it happens, how
//! hot it runs beforehand against their usual, which topics derail. From
//! shared facts: rhythm per week, pauses and returns, appreciations,
//! repairs, and who started shared things, phrased without blame.
//! Everything is returned as weekly series a shell can chart, plus a few
//! short sentences.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate, Timelike};
use rusqlite::Connection;

use crate::agreements::pauses;
use crate::catalog::{Arg, Locale};
use crate::checkins::{self, Entry};
use crate::clock::Millis;
use crate::device::DeviceId;
use crate::error::{Error, Result};
use crate::journal;
use crate::rituals;
use crate::schedule;
use crate::store::Sealer;
use crate::zone::Zone;

pub const MAX_WEEKS: u32 = 520;
/// How far back from a withdrawal or silence a check-in counts as "before".
const BEFORE_MS: Millis = 6 * 3_600_000;

#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// A stable key ("rituals kept"), the same in every language.
    pub name: &'static str,
    /// Its name in the phone's language ("Rituals kept").
    pub label: String,
    /// One value per week, oldest first.
    pub values: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    pub label: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Milestone {
    pub title: String,
    pub at_ms: Millis,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Insights {
    /// The Monday of each week, oldest first; the last is the current week.
    pub weeks: Vec<NaiveDate>,
    pub series: Vec<Series>,
    /// Tags most often on withdrawal or silence entries, most first.
    pub triggers: Vec<Count>,
    /// Topics of talks that derailed, most first.
    pub derailing_topics: Vec<Count>,
    /// Withdrawals and silences by weekday, Monday first.
    pub distance_by_weekday: Vec<u32>,
    /// … and by part of day: night (0–6), morning, afternoon, evening.
    pub distance_by_part_of_day: Vec<u32>,
    /// Average check-in temperature in the hours before a withdrawal or
    /// silence, and over all check-ins in the span.
    pub temperature_before_distance: Option<f64>,
    pub temperature_baseline: Option<f64>,
    pub milestones: Vec<Milestone>,
    pub sentences: Vec<String>,
}

/// "once", "twice", "3 times".
pub(crate) fn times(n: u32, l: Locale) -> String {
    l.say_with("insight-times", &[("count", Arg::Num(i64::from(n)))])
}

/// An average to one decimal, as the language writes it ("4.5", "4,5").
pub(crate) fn decimal(v: f64, l: Locale) -> String {
    let text = format!("{v:.1}");
    if l == Locale::De {
        text.replace('.', ",")
    } else {
        text
    }
}

/// The series in the order they chart, with their catalog ids.
const SERIES: [(&str, &str); 10] = [
    ("rituals kept", "insight-series-kept"),
    ("rituals scheduled", "insight-series-scheduled"),
    ("personal rituals kept", "insight-series-own-kept"),
    ("personal rituals scheduled", "insight-series-own-scheduled"),
    ("pauses started", "insight-series-pauses"),
    ("pauses kept", "insight-series-pauses-kept"),
    ("appreciations given", "insight-series-given"),
    ("repairs", "insight-series-repairs"),
    ("my check-ins", "insight-series-checkins"),
    ("withdrawals and silences", "insight-series-distance"),
];

fn count_sorted(map: BTreeMap<String, u32>) -> Vec<Count> {
    let mut v: Vec<Count> = map
        .into_iter()
        .map(|(label, count)| Count { label, count })
        .collect();
    // Labels are unique (map keys): an unstable sort gives the same order
    // with less code in the mobile library.
    v.sort_unstable_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(&b.label)));
    v
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// Insights over the `weeks` weeks that end with the current one.
pub fn compute(
    conn: &Connection,
    sealer: &Sealer,
    me: DeviceId,
    now: Millis,
    zone: Zone,
    weeks: u32,
    l: Locale,
) -> Result<Insights> {
    if weeks == 0 || weeks > MAX_WEEKS {
        return Err(Error::invalid(format!(
            "insights cover 1 to {MAX_WEEKS} weeks, got {weeks}"
        )));
    }
    let today = schedule::instant(now)?.with_timezone(&zone).date_naive();
    let this_monday = rituals::rest::monday_of(today);
    let first_monday = this_monday - Duration::weeks(i64::from(weeks) - 1);
    let from = schedule::resolve_local(zone, first_monday.and_time(chrono::NaiveTime::MIN))
        .timestamp_millis();
    let week_of = |date: NaiveDate| -> Option<usize> {
        let days = (date - first_monday).num_days();
        (0..i64::from(weeks) * 7)
            .contains(&days)
            .then_some((days / 7) as usize)
    };
    let local = |ms: Millis| schedule::instant(ms).map(|t| t.with_timezone(&zone));
    let n = weeks as usize;
    let col = |_: &str| vec![0.0; n];
    let (mut kept, mut scheduled) = (col("kept"), col("scheduled"));
    let (mut own_kept, mut own_scheduled) = (col("ok"), col("os"));
    let (mut pauses_started, mut pauses_kept) = (col("p"), col("pk"));
    // Appreciations I gave, never those I received: a week of none
    // received would chart what the partner did not do.
    let mut given = col("g");
    let (mut repairs, mut checkins_mine, mut distance) = (col("rep"), col("c"), col("d"));

    // Shared figures count up to the shared cutoff and place each fact in
    // the week of its own date, so two phones holding the same ops agree
    // whatever their clocks and zones (rituals/history.rs). The "together"
    // sentences sum the weeks that end with the cutoff's week; the chart's
    // weeks end with this phone's week and show the same value for a week
    // both phones chart.
    let shared_cutoff = rituals::history::shared_cutoff(conn, now)?;
    let shared_last_monday = match shared_cutoff {
        Some(c) => rituals::rest::monday_of(schedule::instant(c)?.date_naive()),
        None => this_monday,
    };
    let shared_first_monday = shared_last_monday - Duration::weeks(i64::from(weeks) - 1);
    let in_shared_window =
        |monday: &NaiveDate| (shared_first_monday..=shared_last_monday).contains(monday);
    let since = first_monday.min(shared_first_monday);

    // Rituals: kept out of scheduled per week, rest weeks left out.
    let mut milestones = Vec::new();
    let rest_weeks = rituals::rest::weeks(conn)?;
    // Kept and scheduled by Monday: the couple's, then this person's own.
    let mut together: BTreeMap<NaiveDate, (f64, f64)> = BTreeMap::new();
    let mut own: BTreeMap<NaiveDate, (f64, f64)> = BTreeMap::new();
    // A day early: `since` is a date, read in any zone.
    let since_ms = since
        .and_time(chrono::NaiveTime::MIN)
        .and_utc()
        .timestamp_millis()
        .saturating_sub(86_400_000);
    for r in rituals::in_effect_since(conn, sealer, since_ms)? {
        let cutoff = rituals::history::cutoff_for(&r, shared_cutoff, now);
        let marks = rituals::history::marks_counted(conn, sealer, &r.id, cutoff, since)?;
        // Shared rituals are the couple's rhythm; personal ones the person's own.
        let by_week = if r.personal { &mut own } else { &mut together };
        for c in rituals::history::counted(&r, &marks, &rest_weeks, (cutoff, zone), since)? {
            let week = by_week.entry(rituals::rest::monday_of(c.date)).or_default();
            week.1 += 1.0;
            if c.kept {
                week.0 += 1.0;
            }
        }
    }
    for (monday, (k, s)) in &together {
        if let Some(w) = week_of(*monday) {
            (kept[w], scheduled[w]) = (*k, *s);
        }
    }
    for (monday, (k, s)) in &own {
        if let Some(w) = week_of(*monday) {
            (own_kept[w], own_scheduled[w]) = (*k, *s);
        }
    }
    if let Some(w) = (0..n).find(|&w| scheduled[w] > 0.0 && kept[w] == scheduled[w]) {
        milestones.push(Milestone {
            title: l.say("insight-milestone-every-ritual"),
            at_ms: schedule::resolve_local(
                zone,
                (first_monday + Duration::weeks(w as i64)).and_time(chrono::NaiveTime::MIN),
            )
            .timestamp_millis(),
        });
    }

    // Pauses: only the ones this person took, as their own progress (issue
    // 15): a partner's missed return is never counted on this phone.
    let mut first_kept_pause = None;
    let mut pauses_by_week: BTreeMap<NaiveDate, (f64, f64)> = BTreeMap::new();
    // Only pauses from the weeks shown.
    for p in pauses::started_since(conn, sealer, since_ms)?
        .into_iter()
        .filter(|p| p.started_by == me && p.started_at_ms <= now)
    {
        let monday = rituals::rest::monday_of(schedule::instant(p.started_at_ms)?.date_naive());
        if monday < since {
            continue;
        }
        let week = pauses_by_week.entry(monday).or_default();
        week.0 += 1.0;
        if p.kept() == Some(true) {
            week.1 += 1.0;
            if week_of(monday).is_some() {
                first_kept_pause = first_kept_pause.or(p.ended_at_ms);
            }
        }
    }
    for (monday, (started, kept)) in &pauses_by_week {
        if let Some(w) = week_of(*monday) {
            (pauses_started[w], pauses_kept[w]) = (*started, *kept);
        }
    }
    if let Some(at_ms) = first_kept_pause {
        milestones.push(Milestone {
            title: l.say("insight-milestone-pause-kept"),
            at_ms,
        });
    }

    // Check-ins, appreciations, repairs.
    let mut temps_all = Vec::new();
    let mut my_checkins: Vec<(Millis, u8)> = Vec::new();
    let mut appreciations = 0u32;
    // Entries up to and including this instant.
    let until = now.saturating_add(1);
    for rec in checkins::list(conn, sealer, from, until, None)? {
        let Some(w) = week_of(local(rec.at_ms)?.date_naive()) else {
            continue;
        };
        let mine = rec.author == me;
        match &rec.entry {
            Entry::CheckIn { temperature, .. } if mine => {
                checkins_mine[w] += 1.0;
                temps_all.push(f64::from(*temperature));
                my_checkins.push((rec.at_ms, *temperature));
            }
            Entry::CheckIn { .. } => {}
            Entry::Appreciation { .. } => {
                if mine {
                    given[w] += 1.0
                }
                appreciations += 1;
                if appreciations == 10 {
                    milestones.push(Milestone {
                        title: l.say("insight-milestone-tenth-appreciation"),
                        at_ms: rec.at_ms,
                    });
                }
            }
            Entry::Phrase { .. } => {}
            Entry::Repair { .. } => {
                repairs[w] += 1.0;
            }
        }
    }

    // The private pattern log.
    let mut triggers: BTreeMap<String, u32> = BTreeMap::new();
    let mut topics: BTreeMap<String, u32> = BTreeMap::new();
    let mut by_weekday = vec![0u32; 7];
    let mut by_part = vec![0u32; 4];
    let mut temps_before = Vec::new();
    for (_, e) in journal::list(conn, sealer, from, until)? {
        let at = local(e.at_ms)?;
        let Some(w) = week_of(at.date_naive()) else {
            continue;
        };
        if let (journal::Happened::TalkDerailed, Some(t)) = (e.happened, &e.topic) {
            *topics.entry(t.to_lowercase()).or_default() += 1;
        }
        if !e.happened.is_distance() {
            continue;
        }
        distance[w] += 1.0;
        by_weekday[at.weekday().num_days_from_monday() as usize] += 1;
        by_part[(at.hour() / 6) as usize] += 1;
        for t in &e.tags {
            *triggers.entry(t.clone()).or_default() += 1;
        }
        let start = my_checkins.partition_point(|(t, _)| *t < e.at_ms - BEFORE_MS);
        let end = my_checkins.partition_point(|(t, _)| *t < e.at_ms);
        temps_before.extend(my_checkins[start..end].iter().map(|(_, t)| f64::from(*t)));
        if let Some(t) = e.temperature_before {
            temps_before.push(f64::from(t));
        }
    }

    let triggers = count_sorted(triggers);
    let derailing_topics = count_sorted(topics);
    let temperature_before_distance = mean(&temps_before);
    let temperature_baseline = mean(&temps_all);
    let mut sentences = Vec::new();
    if let Some(top) = triggers.first() {
        sentences.push(l.say_with(
            "insight-top-trigger",
            &[
                ("tag", Arg::Str(&top.label)),
                ("times", Arg::Str(&times(top.count, l))),
            ],
        ));
    }
    if let (Some(before), Some(base)) = (temperature_before_distance, temperature_baseline)
        && before - base >= 1.0
    {
        sentences.push(l.say_with(
            "insight-warmer",
            &[
                ("before", Arg::Str(&decimal(before, l))),
                ("usual", Arg::Str(&decimal(base, l))),
            ],
        ));
    }
    if let Some(topic) = derailing_topics.first() {
        sentences.push(l.say_with("insight-top-topic", &[("topic", Arg::Str(&topic.label))]));
    }
    let shared_sum = |map: &BTreeMap<NaiveDate, (f64, f64)>| {
        map.iter()
            .filter(|(monday, _)| in_shared_window(monday))
            .fold((0.0, 0.0), |(a, b), (_, (x, y))| (a + x, b + y))
    };
    let (k, s) = shared_sum(&together);
    if s > 0.0 {
        sentences.push(l.say_with(
            "insight-kept-together",
            &[
                ("kept", Arg::Num(k as i64)),
                ("scheduled", Arg::Num(s as i64)),
            ],
        ));
    }
    let (ps, pk) = pauses_by_week
        .iter()
        .filter(|(monday, _)| week_of(**monday).is_some())
        .fold((0.0, 0.0), |(a, b), (_, (x, y))| (a + x, b + y));
    if ps > 0.0 {
        sentences.push(l.say_with(
            "insight-pauses",
            &[
                ("started", Arg::Num(ps as i64)),
                ("kept", Arg::Num(pk as i64)),
            ],
        ));
    }
    milestones.sort_by_key(|m| m.at_ms);

    Ok(Insights {
        weeks: (0..n)
            .map(|w| first_monday + Duration::weeks(w as i64))
            .collect(),
        series: SERIES
            .iter()
            .zip([
                kept,
                scheduled,
                own_kept,
                own_scheduled,
                pauses_started,
                pauses_kept,
                given,
                repairs,
                checkins_mine,
                distance,
            ])
            .map(|(&(name, id), values)| Series {
                name,
                label: l.say(id),
                values,
            })
            .collect(),
        triggers,
        derailing_topics,
        distance_by_weekday: by_weekday,
        distance_by_part_of_day: by_part,
        temperature_before_distance,
        temperature_baseline,
        milestones,
        sentences,
    })
}

#[cfg(test)]
mod tests {
    use crate::catalog::Locale;

    #[test]
    fn counts_read_as_words() {
        let en = |n| super::times(n, Locale::En);
        assert_eq!(
            (en(1), en(2), en(3)),
            ("once".into(), "twice".into(), "3 times".into())
        );
        assert_eq!(super::times(3, Locale::De), "3-mal");
        assert_eq!(super::decimal(4.25, Locale::De), "4,2");
    }
}
