//! The insights screen: the weekly charts, the private log's patterns and
//! the sentences, worded in the phone's language. Before, each app made the
//! rows itself: Android capitalised the core's English series names and
//! wrote its own numbers, iOS labelled weekdays and parts of the day in
//! English and dropped the temperature comparison.
//!
//! A safe notebook, never a report card: only this person's own log, their
//! own pauses and check-ins, and what the couple did together.

use crate::catalog::{Arg, Locale, date_short, weekday_short};
use crate::error::Result;
use crate::insights::{Count, decimal, times};
use crate::{Core, schedule};

#[derive(Debug, Clone, PartialEq)]
pub struct ChartRow {
    /// The series' stable key ("rituals kept").
    pub name: String,
    pub label: String,
    /// One value per week, oldest first.
    pub values: Vec<f64>,
    /// "Rituals kept: 3 5 4".
    pub text: String,
    /// The largest value: the chart's scale.
    pub peak: f64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountRow {
    pub label: String,
    pub count: u32,
    /// "“work” · 3 times", "Mon · twice".
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InsightsHeadings {
    pub rhythm: String,
    pub before: String,
    pub when: String,
    pub topics: String,
    pub milestones: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct InsightsScreen {
    /// "week of Mon 1 Mar", oldest first.
    pub weeks: Vec<String>,
    pub rows: Vec<ChartRow>,
    /// Tags most often before a withdrawal or silence.
    pub triggers: Vec<CountRow>,
    pub topics: Vec<CountRow>,
    /// Withdrawals and silences by weekday (Monday first) and by part of
    /// the day; only the ones that happened.
    pub by_weekday: Vec<CountRow>,
    pub by_part_of_day: Vec<CountRow>,
    /// How warm the check-ins ran before distance, against the usual.
    pub temperature: Option<String>,
    /// "Sat 6 Mar · A week with every ritual kept".
    pub milestones: Vec<String>,
    pub sentences: Vec<String>,
    pub headings: InsightsHeadings,
    pub empty: Option<String>,
}

/// Whole numbers without a decimal point, others to one place.
fn number(v: f64, l: Locale) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        decimal(v, l)
    }
}

fn count_rows(counts: &[Count], id: &str, l: Locale) -> Vec<CountRow> {
    counts
        .iter()
        .map(|c| CountRow {
            text: l.say_with(
                id,
                &[
                    ("label", Arg::Str(&c.label)),
                    ("times", Arg::Str(&times(c.count, l))),
                ],
            ),
            label: c.label.clone(),
            count: c.count,
        })
        .collect()
}

/// How many weeks the insights screen covers when a shell does not ask
/// otherwise: eight, the same on both phones (and the CLI's default).
pub const INSIGHTS_WEEKS: u32 = 8;

impl Core {
    /// The insights screen as both apps show it: the last `INSIGHTS_WEEKS`.
    pub fn insights_tab(&self, device_zone: &str) -> Result<InsightsScreen> {
        self.insights_screen(INSIGHTS_WEEKS, device_zone)
    }

    /// The insights screen over the last `weeks` weeks (1 to 520), in
    /// `device_zone`.
    pub fn insights_screen(&self, weeks: u32, device_zone: &str) -> Result<InsightsScreen> {
        let zone = schedule::parse_zone(device_zone)?;
        let i = self.insights(weeks, device_zone)?;
        let l = self.locale();
        let rows: Vec<ChartRow> = i
            .series
            .into_iter()
            .map(|s| {
                let values: Vec<String> = s.values.iter().map(|&v| number(v, l)).collect();
                ChartRow {
                    text: l.say_with(
                        "insights-row",
                        &[
                            ("label", Arg::Str(&s.label)),
                            ("values", Arg::Str(&values.join(" "))),
                        ],
                    ),
                    peak: s.values.iter().copied().fold(0.0, f64::max),
                    name: s.name.to_owned(),
                    label: s.label,
                    values: s.values,
                }
            })
            .collect();
        let when = |label: String, count: u32| CountRow {
            text: l.say_with(
                "insights-when-count",
                &[
                    ("label", Arg::Str(&label)),
                    ("times", Arg::Str(&times(count, l))),
                ],
            ),
            label,
            count,
        };
        let by_weekday = i
            .distance_by_weekday
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .filter_map(|(d, &n)| {
                let day = chrono::Weekday::try_from(u8::try_from(d).ok()?).ok()?;
                Some(when(weekday_short(l, day), n))
            })
            .collect();
        let parts = [
            "part-night",
            "part-morning",
            "part-afternoon",
            "part-evening",
        ];
        let by_part_of_day = i
            .distance_by_part_of_day
            .iter()
            .zip(parts)
            .filter(|(n, _)| **n > 0)
            .map(|(&n, id)| when(l.say(id), n))
            .collect();
        let temperature = match (i.temperature_before_distance, i.temperature_baseline) {
            (Some(before), Some(usual)) => Some(l.say_with(
                "insights-temperature",
                &[
                    ("before", Arg::Str(&decimal(before, l))),
                    ("usual", Arg::Str(&decimal(usual, l))),
                ],
            )),
            _ => None,
        };
        let mut milestones = Vec::new();
        for m in &i.milestones {
            let day = schedule::instant(m.at_ms)?
                .with_timezone(&zone)
                .date_naive();
            milestones.push(l.say_with(
                "insights-milestone",
                &[
                    ("date", Arg::Str(&date_short(l, day))),
                    ("title", Arg::Str(&m.title)),
                ],
            ));
        }
        let nothing =
            rows.iter().all(|r| r.peak == 0.0) && i.sentences.is_empty() && milestones.is_empty();
        Ok(InsightsScreen {
            weeks: i
                .weeks
                .iter()
                .map(|d| l.say_with("insights-week", &[("date", Arg::Str(&date_short(l, *d)))]))
                .collect(),
            rows,
            triggers: count_rows(&i.triggers, "insights-count", l),
            topics: count_rows(&i.derailing_topics, "insights-count", l),
            by_weekday,
            by_part_of_day,
            temperature,
            milestones,
            sentences: i.sentences,
            headings: InsightsHeadings {
                rhythm: l.say("insights-heading-rhythm"),
                before: l.say("insights-heading-before"),
                when: l.say("insights-heading-when"),
                topics: l.say("insights-heading-topics"),
                milestones: l.say("insights-heading-milestones"),
            },
            empty: nothing.then(|| l.say("insights-empty")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_whole_or_to_one_place() {
        assert_eq!(number(3.0, Locale::En), "3");
        assert_eq!(number(1.5, Locale::En), "1.5");
        assert_eq!(number(1.5, Locale::De), "1,5");
    }
}
