//! A ritual version in words, every field a person consents to, and the
//! difference between two versions.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::catalog::{Arg, Locale, weekday_short};
use crate::difference::{self, Field, FieldChange, FieldValue};
use crate::rituals::spec::RitualSpec;
use crate::schedule::TimeOfDay;
use crate::schedule::recurrence::{End, Frequency, Recurrence, WeekdaySet};

/// Every field of `spec`, in words, in a fixed order.
pub fn describe(spec: &RitualSpec) -> Vec<FieldValue> {
    describe_in(spec, Locale::En)
}

/// Every field of `spec`, in words of `locale`, in a fixed order.
pub fn describe_in(spec: &RitualSpec, l: Locale) -> Vec<FieldValue> {
    let value = |field, text: String| FieldValue { field, text };
    let quoted = |text: &str| l.say_with("quoted", &[("text", Arg::Str(text))]);
    let none = || l.say("describe-none");
    vec![
        value(Field::Title, quoted(&spec.title)),
        value(
            Field::Prompt,
            spec.prompt.as_deref().map(quoted).unwrap_or_else(none),
        ),
        value(
            Field::Minutes,
            l.say_with(
                "describe-minutes",
                &[("minutes", Arg::Num(i64::from(spec.minutes)))],
            ),
        ),
        value(Field::TimeOfDay, clock(spec.time_of_day, l)),
        value(
            Field::WindowEnd,
            spec.window_end
                .map(|end| l.say_with("describe-window", &[("time", Arg::Str(&clock(end, l)))]))
                .unwrap_or_else(none),
        ),
        value(
            Field::Zone,
            spec.zone
                .clone()
                .unwrap_or_else(|| l.say("describe-zone-floating")),
        ),
        value(Field::Repeat, repeat_in(&spec.recurrence, l)),
        value(Field::StartDate, spec.recurrence.start.to_string()),
        value(Field::End, end(spec.recurrence.end, l)),
        value(Field::Reminders, reminders(&spec.leads, l)),
        value(
            Field::TrialUntil,
            spec.trial_until
                .map(|t| l.say_with("describe-trial", &[("date", Arg::Str(&t.to_string()))]))
                .unwrap_or_else(|| l.say("describe-trial-none")),
        ),
    ]
}

/// What `after` changes against `before`, field by field.
pub fn diff(before: &RitualSpec, after: &RitualSpec) -> Vec<FieldChange> {
    diff_in(before, after, Locale::En)
}

/// What `after` changes against `before`, in words of `locale`.
pub fn diff_in(before: &RitualSpec, after: &RitualSpec, l: Locale) -> Vec<FieldChange> {
    difference::between(&describe_in(before, l), &describe_in(after, l), l)
}

fn clock(minutes: u16, l: Locale) -> String {
    TimeOfDay::from_minutes(minutes)
        .map(|t| t.to_string())
        .unwrap_or_else(|_| l.say("describe-unknown-time"))
}

/// "every day", "Tue and Thu", "Mon to Thu and Sat", "every 3 days",
/// "weekly on Tuesdays", "monthly on the 15th", "monthly on the last Friday".
pub fn repeat(r: &Recurrence) -> String {
    repeat_in(r, Locale::En)
}

/// How `r` repeats, in words of `locale`.
pub fn repeat_in(r: &Recurrence, l: Locale) -> String {
    let ordinal = |n: i64| l.say_with("ordinal", &[("n", Arg::Num(n))]);
    match r.frequency {
        Frequency::Daily => l.say("repeat-daily"),
        Frequency::Weekdays(set) => weekdays(set, l),
        Frequency::EveryNDays(1) => l.say("repeat-every-one-day"),
        Frequency::EveryNDays(n) => {
            l.say_with("repeat-every-n-days", &[("n", Arg::Num(i64::from(n)))])
        }
        Frequency::Weekly => l.say_with(
            "repeat-weekly",
            &[("days", Arg::Str(&days_name(r.start.weekday(), l)))],
        ),
        Frequency::MonthlyOnDay(d) => l.say_with(
            "repeat-monthly-day",
            &[("ordinal", Arg::Str(&ordinal(i64::from(d))))],
        ),
        Frequency::MonthlyOnWeekday { nth: -1, weekday } => l.say_with(
            "repeat-monthly-last",
            &[("weekday", Arg::Str(&day_name(weekday, l)))],
        ),
        Frequency::MonthlyOnWeekday { nth, weekday } => l.say_with(
            "repeat-monthly-nth",
            &[
                ("ordinal", Arg::Str(&ordinal(i64::from(nth)))),
                ("weekday", Arg::Str(&day_name(weekday, l))),
            ],
        ),
    }
}

/// Runs of three or more days read as a range ("Mon to Thu").
fn weekdays(set: WeekdaySet, l: Locale) -> String {
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
            parts.push(l.say_with(
                "day-range",
                &[
                    ("from", Arg::Str(&weekday_short(l, days[i]))),
                    ("to", Arg::Str(&weekday_short(l, days[j]))),
                ],
            ));
        } else {
            parts.extend(days[i..=j].iter().map(|d| weekday_short(l, *d)));
        }
        i = j + 1;
    }
    l.and_list(&parts)
}

/// "Monday".
fn day_name(d: Weekday, l: Locale) -> String {
    l.say(match d {
        Weekday::Mon => "day-long-mon",
        Weekday::Tue => "day-long-tue",
        Weekday::Wed => "day-long-wed",
        Weekday::Thu => "day-long-thu",
        Weekday::Fri => "day-long-fri",
        Weekday::Sat => "day-long-sat",
        Weekday::Sun => "day-long-sun",
    })
}

/// "Mondays" (in German, "montags").
fn days_name(d: Weekday, l: Locale) -> String {
    l.say(match d {
        Weekday::Mon => "days-mon",
        Weekday::Tue => "days-tue",
        Weekday::Wed => "days-wed",
        Weekday::Thu => "days-thu",
        Weekday::Fri => "days-fri",
        Weekday::Sat => "days-sat",
        Weekday::Sun => "days-sun",
    })
}

fn end(e: End, l: Locale) -> String {
    match e {
        End::Never => l.say("end-never"),
        End::Until(d) => l.say_with("end-after-date", &[("date", Arg::Str(&date(d)))]),
        End::Count(n) => l.say_with("end-after-count", &[("count", Arg::Num(i64::from(n)))]),
    }
}

fn date(d: NaiveDate) -> String {
    d.to_string()
}

/// "at the start", "10 min before", "at the start and 60 min before".
fn reminders(leads: &[u16], l: Locale) -> String {
    if leads.is_empty() {
        return l.say("reminder-at-start");
    }
    let parts: Vec<String> = leads
        .iter()
        .map(|&lead| match lead {
            0 => l.say("reminder-at-start"),
            lead => l.say_with("reminder-before", &[("minutes", Arg::Num(i64::from(lead)))]),
        })
        .collect();
    l.and_list(&parts)
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
