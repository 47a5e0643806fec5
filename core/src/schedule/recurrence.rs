//! Which local dates a ritual happens on. Dates only: turning a date and a
//! time of day into an instant is `resolve_local`'s job, per zone and DST.
//!
//! A month without the chosen day (the 31st in April) has no occurrence that
//! month, as RFC 5545 says for BYMONTHDAY; "last Friday" is nth = -1.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The longest a count-bounded ritual may run: enough for a daily ritual for
/// 27 years, and a bound on the work a partner's op can ask for.
pub const MAX_COUNT: u32 = 10_000;
pub const MAX_EVERY_N_DAYS: u16 = 366;

/// A set of weekdays, Monday = bit 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct WeekdaySet(pub u8);

impl WeekdaySet {
    pub fn from_days(days: &[Weekday]) -> Self {
        Self(
            days.iter()
                .fold(0, |acc, d| acc | (1 << d.num_days_from_monday())),
        )
    }

    pub fn contains(self, day: Weekday) -> bool {
        self.0 & (1 << day.num_days_from_monday()) != 0
    }

    pub fn days(self) -> Vec<Weekday> {
        (0..7)
            .filter(|i| self.0 & (1 << i) != 0)
            .filter_map(|i| Weekday::try_from(i as u8).ok())
            .collect()
    }

    pub fn is_empty(self) -> bool {
        self.0 & 0x7F == 0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Frequency {
    Daily,
    /// On the chosen weekdays of every week.
    Weekdays(WeekdaySet),
    /// Every n days, counting from the start date.
    EveryNDays(u16),
    /// Once a week, on the start date's weekday.
    Weekly,
    /// On this day of every month (1 to 31).
    MonthlyOnDay(u8),
    /// On the nth weekday of every month (1 to 5), or the last one (-1).
    MonthlyOnWeekday {
        nth: i8,
        weekday: Weekday,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum End {
    Never,
    /// The last date that may have an occurrence (inclusive).
    Until(NaiveDate),
    /// At most this many occurrences.
    Count(u32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Recurrence {
    pub frequency: Frequency,
    /// The first date that may have an occurrence.
    pub start: NaiveDate,
    pub end: End,
}

impl Recurrence {
    pub fn daily(start: NaiveDate) -> Self {
        Self {
            frequency: Frequency::Daily,
            start,
            end: End::Never,
        }
    }

    /// Checks what a person or a partner's device could get wrong.
    pub fn validate(&self) -> Result<()> {
        match self.frequency {
            Frequency::Daily | Frequency::Weekly => {}
            Frequency::Weekdays(set) if set.is_empty() => {
                return Err(Error::invalid("choose at least one weekday"));
            }
            Frequency::Weekdays(set) if set.0 & 0x80 != 0 => {
                return Err(Error::invalid("a weekday set has an unknown day"));
            }
            Frequency::Weekdays(_) => {}
            Frequency::EveryNDays(n) if n == 0 || n > MAX_EVERY_N_DAYS => {
                return Err(Error::invalid(format!(
                    "every n days needs n from 1 to {MAX_EVERY_N_DAYS}, got {n}"
                )));
            }
            Frequency::EveryNDays(_) => {}
            Frequency::MonthlyOnDay(d) if !(1..=31).contains(&d) => {
                return Err(Error::invalid(format!(
                    "a day of the month is 1 to 31, got {d}"
                )));
            }
            Frequency::MonthlyOnDay(_) => {}
            Frequency::MonthlyOnWeekday { nth, .. } if !(nth == -1 || (1..=5).contains(&nth)) => {
                return Err(Error::invalid(format!(
                    "the nth weekday of a month is 1st to 5th or last (-1), got {nth}"
                )));
            }
            Frequency::MonthlyOnWeekday { .. } => {}
        }
        match self.end {
            End::Until(until) if until < self.start => {
                Err(Error::invalid("the end date is before the start date"))
            }
            End::Count(0) => Err(Error::invalid("a count of occurrences must be at least 1")),
            End::Count(n) if n > MAX_COUNT => Err(Error::invalid(format!(
                "a count of occurrences is at most {MAX_COUNT}"
            ))),
            _ => Ok(()),
        }
    }

    /// Whether `date` matches the frequency (ignoring start, end and count).
    fn matches(&self, date: NaiveDate) -> bool {
        match self.frequency {
            Frequency::Daily => true,
            Frequency::Weekdays(set) => set.contains(date.weekday()),
            Frequency::EveryNDays(n) => {
                let n = i64::from(n.max(1));
                (date - self.start).num_days().rem_euclid(n) == 0
            }
            Frequency::Weekly => date.weekday() == self.start.weekday(),
            Frequency::MonthlyOnDay(d) => date.day() == u32::from(d),
            Frequency::MonthlyOnWeekday { nth, weekday } => {
                date.weekday() == weekday
                    && if nth > 0 {
                        (date.day() - 1) / 7 + 1 == nth as u32
                    } else {
                        date.day() + 7 > days_in_month(date)
                    }
            }
        }
    }

    /// The occurrence dates within `[from, to]` (inclusive), in order.
    pub fn dates_between(&self, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        let last = match self.end {
            End::Until(until) => to.min(until),
            _ => to,
        };
        let mut out = Vec::new();
        match self.end {
            End::Count(n) => {
                // The count runs from the start, whatever range is asked for.
                let mut seen = 0;
                let mut date = self.start;
                while date <= last && seen < n {
                    if self.matches(date) {
                        seen += 1;
                        if date >= from {
                            out.push(date);
                        }
                    }
                    date += Duration::days(1);
                }
            }
            _ => {
                let mut date = from.max(self.start);
                while date <= last {
                    if self.matches(date) {
                        out.push(date);
                    }
                    date += Duration::days(1);
                }
            }
        }
        out
    }
}

/// A recurrence as typed: raw numbers and ISO dates, checked here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrequencyDraft {
    Daily,
    /// ISO weekday numbers: 1 = Monday … 7 = Sunday.
    Weekdays(Vec<u8>),
    EveryNDays(u32),
    Weekly,
    MonthlyOnDay(u32),
    /// nth 1 to 5, or -1 for the last; weekday 1 = Monday … 7 = Sunday.
    MonthlyOnWeekday {
        nth: i32,
        weekday: u8,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecurrenceDraft {
    pub frequency: FrequencyDraft,
    /// "YYYY-MM-DD"; required where it anchors the pattern (every n days,
    /// weekly), else the day before the proposal.
    pub start: Option<String>,
    pub until: Option<String>,
    pub count: Option<u32>,
}

pub fn parse_date(field: &str, text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| (1900..=2200).contains(&d.year()))
        .ok_or_else(|| {
            Error::invalid(format!(
                "the {field} must be a date like 2027-03-14, between 1900 and 2200"
            ))
        })
}

fn iso_weekday(n: u8) -> Result<Weekday> {
    match n {
        1..=7 => Weekday::try_from(n - 1)
            .map_err(|_| Error::invalid("a weekday is 1 (Monday) to 7 (Sunday)")),
        _ => Err(Error::invalid(format!(
            "a weekday is 1 (Monday) to 7 (Sunday), got {n}"
        ))),
    }
}

impl RecurrenceDraft {
    /// Checks and converts; `default_start` is used where the start does not
    /// anchor the pattern.
    pub fn parse(&self, default_start: NaiveDate) -> Result<Recurrence> {
        let start = match &self.start {
            Some(s) => parse_date("start date", s)?,
            None if matches!(
                self.frequency,
                FrequencyDraft::EveryNDays(_) | FrequencyDraft::Weekly
            ) =>
            {
                return Err(Error::invalid(
                    "every n days and weekly need a start date: it decides which days",
                ));
            }
            None => default_start,
        };
        let frequency = match &self.frequency {
            FrequencyDraft::Daily => Frequency::Daily,
            FrequencyDraft::Weekdays(days) => {
                let days = days
                    .iter()
                    .map(|d| iso_weekday(*d))
                    .collect::<Result<Vec<_>>>()?;
                Frequency::Weekdays(WeekdaySet::from_days(&days))
            }
            FrequencyDraft::EveryNDays(n) => {
                Frequency::EveryNDays(u16::try_from(*n).unwrap_or(u16::MAX))
            }
            FrequencyDraft::Weekly => Frequency::Weekly,
            FrequencyDraft::MonthlyOnDay(d) => {
                Frequency::MonthlyOnDay(u8::try_from(*d).unwrap_or(u8::MAX))
            }
            FrequencyDraft::MonthlyOnWeekday { nth, weekday } => Frequency::MonthlyOnWeekday {
                nth: i8::try_from(*nth).unwrap_or(i8::MAX),
                weekday: iso_weekday(*weekday)?,
            },
        };
        let end = match (&self.until, self.count) {
            (Some(_), Some(_)) => {
                return Err(Error::invalid("give an end date or a count, not both"));
            }
            (Some(u), None) => End::Until(parse_date("end date", u)?),
            (None, Some(n)) => End::Count(n),
            (None, None) => End::Never,
        };
        let rule = Recurrence {
            frequency,
            start,
            end,
        };
        rule.validate()?;
        Ok(rule)
    }
}

fn days_in_month(date: NaiveDate) -> u32 {
    let (y, m) = (date.year(), date.month());
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    next.and_then(|n| n.pred_opt())
        .map(|d| d.day())
        .unwrap_or(28)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn dates(r: &Recurrence, from: &str, to: &str) -> Vec<String> {
        r.dates_between(d(from), d(to))
            .iter()
            .map(|x| x.to_string())
            .collect()
    }

    fn rec(frequency: Frequency, start: &str, end: End) -> Recurrence {
        Recurrence {
            frequency,
            start: d(start),
            end,
        }
    }

    #[test]
    fn weekdays_every_n_and_weekly() {
        let mwf = rec(
            Frequency::Weekdays(WeekdaySet::from_days(&[
                Weekday::Mon,
                Weekday::Wed,
                Weekday::Fri,
            ])),
            "2027-03-01",
            End::Never,
        );
        assert_eq!(
            dates(&mwf, "2027-03-01", "2027-03-07"),
            ["2027-03-01", "2027-03-03", "2027-03-05"]
        );
        let every3 = rec(Frequency::EveryNDays(3), "2027-03-02", End::Never);
        assert_eq!(
            dates(&every3, "2027-03-01", "2027-03-10"),
            ["2027-03-02", "2027-03-05", "2027-03-08"]
        );
        let weekly = rec(Frequency::Weekly, "2027-03-04", End::Until(d("2027-03-18")));
        assert_eq!(
            dates(&weekly, "2027-01-01", "2027-12-31"),
            ["2027-03-04", "2027-03-11", "2027-03-18"]
        );
    }

    #[test]
    fn monthly_kinds() {
        let on31 = rec(Frequency::MonthlyOnDay(31), "2027-01-01", End::Never);
        assert_eq!(
            dates(&on31, "2027-01-01", "2027-05-31"),
            ["2027-01-31", "2027-03-31", "2027-05-31"],
            "months without a 31st are skipped"
        );
        let last_fri = rec(
            Frequency::MonthlyOnWeekday {
                nth: -1,
                weekday: Weekday::Fri,
            },
            "2027-01-01",
            End::Count(3),
        );
        assert_eq!(
            dates(&last_fri, "2027-01-01", "2027-12-31"),
            ["2027-01-29", "2027-02-26", "2027-03-26"]
        );
        let second_sun = rec(
            Frequency::MonthlyOnWeekday {
                nth: 2,
                weekday: Weekday::Sun,
            },
            "2027-03-01",
            End::Never,
        );
        assert_eq!(
            dates(&second_sun, "2027-03-01", "2027-04-30"),
            ["2027-03-14", "2027-04-11"]
        );
        let fifth_mon = rec(
            Frequency::MonthlyOnWeekday {
                nth: 5,
                weekday: Weekday::Mon,
            },
            "2027-01-01",
            End::Never,
        );
        assert_eq!(
            dates(&fifth_mon, "2027-01-01", "2027-04-30"),
            ["2027-03-29"]
        );
    }

    #[test]
    fn count_runs_from_the_start() {
        let r = rec(Frequency::Daily, "2027-03-01", End::Count(5));
        assert_eq!(
            dates(&r, "2027-03-04", "2027-03-31"),
            ["2027-03-04", "2027-03-05"]
        );
        assert!(dates(&r, "2027-03-06", "2027-03-31").is_empty());
    }

    #[test]
    fn validation() {
        let bad = [
            (
                rec(Frequency::Weekdays(WeekdaySet(0)), "2027-03-01", End::Never),
                "at least one weekday",
            ),
            (
                rec(Frequency::EveryNDays(0), "2027-03-01", End::Never),
                "n from 1",
            ),
            (
                rec(Frequency::MonthlyOnDay(0), "2027-03-01", End::Never),
                "1 to 31",
            ),
            (
                rec(Frequency::MonthlyOnDay(32), "2027-03-01", End::Never),
                "1 to 31",
            ),
            (
                rec(
                    Frequency::MonthlyOnWeekday {
                        nth: 6,
                        weekday: Weekday::Mon,
                    },
                    "2027-03-01",
                    End::Never,
                ),
                "1st to 5th",
            ),
            (
                rec(
                    Frequency::MonthlyOnWeekday {
                        nth: 0,
                        weekday: Weekday::Mon,
                    },
                    "2027-03-01",
                    End::Never,
                ),
                "1st to 5th",
            ),
            (
                rec(Frequency::Daily, "2027-03-01", End::Until(d("2027-02-28"))),
                "before the start",
            ),
            (
                rec(Frequency::Daily, "2027-03-01", End::Count(0)),
                "at least 1",
            ),
        ];
        for (r, mentions) in bad {
            let e = r.validate().unwrap_err().to_string();
            assert!(e.contains(mentions), "{e} should mention {mentions}");
        }
        assert!(
            rec(Frequency::Daily, "2027-03-01", End::Until(d("2027-03-01")))
                .validate()
                .is_ok()
        );
    }
}
