//! A ritual version in words, every field a person consents to, and the
//! difference between two versions.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::difference::{self, Field, FieldChange, FieldValue, and_list, quoted};
use crate::rituals::spec::RitualSpec;
use crate::schedule::TimeOfDay;
use crate::schedule::recurrence::{End, Frequency, Recurrence, WeekdaySet};

/// Every field of `spec`, in words, in a fixed order.
pub fn describe(spec: &RitualSpec) -> Vec<FieldValue> {
    let value = |field, text: String| FieldValue { field, text };
    vec![
        value(Field::Title, quoted(&spec.title)),
        value(
            Field::Prompt,
            spec.prompt
                .as_deref()
                .map(quoted)
                .unwrap_or_else(|| "none".to_owned()),
        ),
        value(Field::Minutes, format!("{} min", spec.minutes)),
        value(Field::TimeOfDay, clock(spec.time_of_day)),
        value(
            Field::WindowEnd,
            spec.window_end
                .map(|end| format!("until {}", clock(end)))
                .unwrap_or_else(|| "none".to_owned()),
        ),
        value(
            Field::Zone,
            spec.zone
                .clone()
                .unwrap_or_else(|| "floating (each phone's own zone)".to_owned()),
        ),
        value(Field::Repeat, repeat(&spec.recurrence)),
        value(Field::StartDate, spec.recurrence.start.to_string()),
        value(Field::End, end(spec.recurrence.end)),
        value(Field::Reminders, reminders(&spec.leads)),
        value(
            Field::TrialUntil,
            spec.trial_until
                .map(|t| format!("until {t}, then a review"))
                .unwrap_or_else(|| "none (for good)".to_owned()),
        ),
    ]
}

/// What `after` changes against `before`, field by field.
pub fn diff(before: &RitualSpec, after: &RitualSpec) -> Vec<FieldChange> {
    difference::between(&describe(before), &describe(after))
}

fn clock(minutes: u16) -> String {
    TimeOfDay::from_minutes(minutes)
        .map(|t| t.to_string())
        .unwrap_or_else(|_| "an unknown time".to_owned())
}

/// "every day", "Tue and Thu", "Mon to Thu and Sat", "every 3 days",
/// "weekly on Tuesdays", "monthly on the 15th", "monthly on the last Friday".
pub fn repeat(r: &Recurrence) -> String {
    match r.frequency {
        Frequency::Daily => "every day".to_owned(),
        Frequency::Weekdays(set) => weekdays(set),
        Frequency::EveryNDays(1) => "every day (every 1 day)".to_owned(),
        Frequency::EveryNDays(n) => format!("every {n} days"),
        Frequency::Weekly => format!("weekly on {}s", day_name(r.start.weekday())),
        Frequency::MonthlyOnDay(d) => format!("monthly on the {}", ordinal(i32::from(d))),
        Frequency::MonthlyOnWeekday { nth: -1, weekday } => {
            format!("monthly on the last {}", day_name(weekday))
        }
        Frequency::MonthlyOnWeekday { nth, weekday } => {
            format!(
                "monthly on the {} {}",
                ordinal(i32::from(nth)),
                day_name(weekday)
            )
        }
    }
}

/// Runs of three or more days read as a range ("Mon to Thu").
fn weekdays(set: WeekdaySet) -> String {
    let days = set.days();
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < days.len() {
        let mut j = i;
        while j + 1 < days.len()
            && days[j + 1].num_days_from_monday() == days[j].num_days_from_monday() + 1
        {
            j += 1;
        }
        if j - i >= 2 {
            parts.push(format!("{} to {}", short_day(days[i]), short_day(days[j])));
        } else {
            parts.extend(days[i..=j].iter().map(|d| short_day(*d).to_owned()));
        }
        i = j + 1;
    }
    and_list(&parts)
}

fn short_day(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "Mon",
        Weekday::Tue => "Tue",
        Weekday::Wed => "Wed",
        Weekday::Thu => "Thu",
        Weekday::Fri => "Fri",
        Weekday::Sat => "Sat",
        Weekday::Sun => "Sun",
    }
}

fn day_name(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

fn ordinal(n: i32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn end(e: End) -> String {
    match e {
        End::Never => "never".to_owned(),
        End::Until(d) => format!("after {}", date(d)),
        End::Count(1) => "after 1 time".to_owned(),
        End::Count(n) => format!("after {n} times"),
    }
}

fn date(d: NaiveDate) -> String {
    d.to_string()
}

/// "at the start", "10 min before", "at the start and 60 min before".
fn reminders(leads: &[u16]) -> String {
    if leads.is_empty() {
        return "at the start".to_owned();
    }
    let parts: Vec<String> = leads
        .iter()
        .map(|&l| match l {
            0 => "at the start".to_owned(),
            l => format!("{l} min before"),
        })
        .collect();
    and_list(&parts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rituals::spec::RitualDraft;
    use crate::schedule::recurrence::{FrequencyDraft, RecurrenceDraft};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 3, 10).unwrap()
    }

    fn spec(edit: impl FnOnce(&mut RitualDraft)) -> RitualSpec {
        let mut d = RitualDraft {
            title: "Evening walk".into(),
            minutes: 20,
            time_of_day: "20:30".into(),
            ..Default::default()
        };
        edit(&mut d);
        RitualSpec::from_draft(&d, today()).unwrap()
    }

    fn rec(frequency: FrequencyDraft) -> Option<RecurrenceDraft> {
        Some(RecurrenceDraft {
            frequency,
            start: Some("2027-03-09".into()),
            until: None,
            count: None,
        })
    }

    fn summaries(before: &RitualSpec, after: &RitualSpec) -> Vec<String> {
        diff(before, after)
            .iter()
            .map(FieldChange::summary)
            .collect()
    }

    #[test]
    fn a_proposal_reads_whole_every_field_in_words() {
        let s = spec(|d| {
            d.recurrence = rec(FrequencyDraft::Weekdays(vec![1, 2, 3, 4]));
            d.zone = Some("Europe/Berlin".into());
            d.window_end = Some("21:30".into());
            d.lead_minutes = vec![0, 60, 10];
            d.trial_until = Some("2027-04-01".into());
            d.prompt = Some("Where to?".into());
        });
        let words: Vec<(&str, String)> = describe(&s)
            .into_iter()
            .map(|v| (v.field.key(), v.text))
            .collect();
        assert_eq!(
            words,
            [
                ("title", "\u{201c}Evening walk\u{201d}".to_owned()),
                ("prompt", "\u{201c}Where to?\u{201d}".to_owned()),
                ("minutes", "20 min".to_owned()),
                ("time_of_day", "20:30".to_owned()),
                ("window_end", "until 21:30".to_owned()),
                ("zone", "Europe/Berlin".to_owned()),
                ("repeat", "Mon to Thu".to_owned()),
                ("start_date", "2027-03-09".to_owned()),
                ("end", "never".to_owned()),
                (
                    "lead_minutes",
                    "at the start, 10 min before and 60 min before".to_owned()
                ),
                ("trial_until", "until 2027-04-01, then a review".to_owned()),
            ]
        );
    }

    #[test]
    fn days_read_as_a_person_says_them() {
        let say = |f: FrequencyDraft| repeat(&spec(|d| d.recurrence = rec(f)).recurrence);
        assert_eq!(say(FrequencyDraft::Daily), "every day");
        assert_eq!(say(FrequencyDraft::Weekdays(vec![2, 4])), "Tue and Thu");
        assert_eq!(
            say(FrequencyDraft::Weekdays(vec![1, 3, 5])),
            "Mon, Wed and Fri"
        );
        assert_eq!(
            say(FrequencyDraft::Weekdays(vec![1, 2, 3, 4, 6])),
            "Mon to Thu and Sat"
        );
        assert_eq!(
            say(FrequencyDraft::Weekdays(vec![1, 2, 3, 4, 5, 6, 7])),
            "Mon to Sun"
        );
        assert_eq!(say(FrequencyDraft::EveryNDays(3)), "every 3 days");
        assert_eq!(say(FrequencyDraft::Weekly), "weekly on Tuesdays");
        assert_eq!(say(FrequencyDraft::MonthlyOnDay(1)), "monthly on the 1st");
        assert_eq!(say(FrequencyDraft::MonthlyOnDay(22)), "monthly on the 22nd");
        assert_eq!(say(FrequencyDraft::MonthlyOnDay(13)), "monthly on the 13th");
        assert_eq!(
            say(FrequencyDraft::MonthlyOnWeekday { nth: 2, weekday: 7 }),
            "monthly on the 2nd Sunday"
        );
        assert_eq!(
            say(FrequencyDraft::MonthlyOnWeekday {
                nth: -1,
                weekday: 5
            }),
            "monthly on the last Friday"
        );
    }

    #[test]
    fn a_counter_says_what_it_changes_instead_of_what() {
        let daily = spec(|d| d.recurrence = rec(FrequencyDraft::Daily));
        let tue_thu = spec(|d| {
            d.recurrence = rec(FrequencyDraft::Weekdays(vec![2, 4]));
            d.time_of_day = "21:00".into();
        });
        assert_eq!(
            summaries(&daily, &tue_thu),
            [
                "time: 21:00 instead of 20:30",
                "repeats: Tue and Thu instead of every day"
            ]
        );
        assert!(diff(&daily, &daily).is_empty(), "no change, no difference");
    }

    #[test]
    fn every_consented_field_shows_up_in_a_difference() {
        let base = spec(|d| d.recurrence = rec(FrequencyDraft::Daily));
        let cases: Vec<(&str, RitualSpec)> = vec![
            ("title", spec(|d| d.title = "Walk".into())),
            ("prompt", spec(|d| d.prompt = Some("Where?".into()))),
            ("minutes", spec(|d| d.minutes = 30)),
            ("time_of_day", spec(|d| d.time_of_day = "19:00".into())),
            ("window_end", spec(|d| d.window_end = Some("21:00".into()))),
            ("zone", spec(|d| d.zone = Some("Asia/Tokyo".into()))),
            ("lead_minutes", spec(|d| d.lead_minutes = vec![15])),
            (
                "trial_until",
                spec(|d| d.trial_until = Some("2027-03-20".into())),
            ),
            (
                "start_date",
                spec(|d| {
                    d.recurrence = Some(RecurrenceDraft {
                        start: Some("2027-03-15".into()),
                        ..rec(FrequencyDraft::Daily).unwrap()
                    })
                }),
            ),
            (
                "end",
                spec(|d| {
                    d.recurrence = Some(RecurrenceDraft {
                        count: Some(5),
                        ..rec(FrequencyDraft::Daily).unwrap()
                    })
                }),
            ),
        ];
        for (key, changed) in cases {
            let keys: Vec<&str> = diff(&base, &changed)
                .iter()
                .map(|c| c.field.key())
                .collect();
            assert_eq!(keys, [key], "changing {key}");
        }
        let until = spec(|d| {
            d.recurrence = Some(RecurrenceDraft {
                until: Some("2027-06-30".into()),
                ..rec(FrequencyDraft::Daily).unwrap()
            })
        });
        assert_eq!(
            summaries(&base, &until),
            ["ends: after 2027-06-30 instead of never"]
        );
    }

    #[test]
    fn a_daily_ritual_restated_as_seven_weekdays_is_shown_as_a_change() {
        let daily = spec(|d| d.recurrence = rec(FrequencyDraft::Daily));
        let seven =
            spec(|d| d.recurrence = rec(FrequencyDraft::Weekdays(vec![1, 2, 3, 4, 5, 6, 7])));
        assert_eq!(
            summaries(&daily, &seven),
            ["repeats: Mon to Sun instead of every day"],
            "a different version is never shown as 'no change'"
        );
    }
}
