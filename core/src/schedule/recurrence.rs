//! Which local dates a ritual happens on. Dates only: turning a date and a
//! time of day into an instant is `resolve_local`'s job, per zone and DST.
//!
//! A month without the chosen day (the 31st in April) has no occurrence that
//! month, as RFC 5545 says for BYMONTHDAY; "last Friday" is nth = -1.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::difference::Field;
use crate::error::{Error, Result};
use crate::validate;

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
    Until(#[serde(with = "crate::date_text")] NaiveDate),
    /// At most this many occurrences.
    Count(u32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Recurrence {
    pub frequency: Frequency,
    /// The first date that may have an occurrence.
    #[serde(with = "crate::date_text")]
    pub start: NaiveDate,
    pub end: End,
}

/// What is wrong with a repeat's own fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RepeatProblem {
    /// No weekday chosen, or one that is not 1 (Monday) to 7 (Sunday).
    Weekdays,
    /// Every n days outside 1 to [`MAX_EVERY_N_DAYS`].
    EveryNDays,
    /// A day of the month outside 1 to 31.
    MonthDay,
    /// An nth weekday that is not the 1st to 5th or the last.
    Nth,
}

/// A rule a recurrence breaks: the form shows it beside its field (the
/// repeat, the start or the end); `error` words it for logs and the CLI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecurrenceProblem {
    Repeat(RepeatProblem),
    /// The start date is not a date between the years allowed.
    StartDate,
    /// Every n days and weekly count from a start date.
    StartNeeded,
    /// The end date is not a date between the years allowed.
    EndDate,
    EndBoth,
    EndBeforeStart,
    /// A count outside 1 to [`MAX_COUNT`].
    Count,
}

impl RecurrenceProblem {
    /// The field it is shown beside.
    pub fn field(self) -> Field {
        match self {
            Self::Repeat(_) => Field::Repeat,
            Self::StartDate | Self::StartNeeded => Field::StartDate,
            _ => Field::End,
        }
    }

    pub fn error(self) -> Error {
        let years = format!(
            "a date like 2027-03-14, between {} and {}",
            validate::FIRST_YEAR,
            validate::LAST_YEAR
        );
        Error::invalid(match self {
            Self::Repeat(RepeatProblem::Weekdays) => {
                "choose at least one weekday, 1 (Monday) to 7 (Sunday)".to_owned()
            }
            Self::Repeat(RepeatProblem::EveryNDays) => {
                format!("every n days needs n from 1 to {MAX_EVERY_N_DAYS}")
            }
            Self::Repeat(RepeatProblem::MonthDay) => "a day of the month is 1 to 31".to_owned(),
            Self::Repeat(RepeatProblem::Nth) => {
                "the nth weekday of a month is 1st to 5th or last (-1)".to_owned()
            }
            Self::StartDate => format!("the start date must be {years}"),
            Self::StartNeeded => {
                "every n days and weekly need a start date: it decides which days".to_owned()
            }
            Self::EndDate => format!("the end date must be {years}"),
            Self::EndBoth => "give an end date or a count, not both".to_owned(),
            Self::EndBeforeStart => "the end date is before the start date".to_owned(),
            Self::Count => format!("a count of occurrences is at least 1 and at most {MAX_COUNT}"),
        })
    }
}

impl Recurrence {
    pub fn daily(start: NaiveDate) -> Self {
        Self {
            frequency: Frequency::Daily,
            start,
            end: End::Never,
        }
    }

    /// Checks what a person or a partner's device could get wrong: the
    /// same rules for both (`check` ends here too).
    pub fn validate(&self) -> Result<()> {
        self.problems().first().map_or(Ok(()), |p| Err(p.error()))
    }

    /// Every rule this recurrence breaks, at most one per field.
    pub fn problems(&self) -> Vec<RecurrenceProblem> {
        use RecurrenceProblem as P;
        let in_years = |d: NaiveDate| validate::date("", d).is_ok();
        let mut found = Vec::new();
        if !in_years(self.start) {
            found.push(P::StartDate);
        }
        let frequency = match self.frequency {
            Frequency::Weekdays(set) => set.is_empty() || set.0 & 0x80 != 0,
            Frequency::EveryNDays(n) => n == 0 || n > MAX_EVERY_N_DAYS,
            Frequency::MonthlyOnDay(d) => !(1..=31).contains(&d),
            Frequency::MonthlyOnWeekday { nth, .. } => !(nth == -1 || (1..=5).contains(&nth)),
            Frequency::Daily | Frequency::Weekly => false,
        };
        if frequency {
            found.push(P::Repeat(self.frequency_kind()));
        }
        match self.end {
            End::Until(until) if !in_years(until) => found.push(P::EndDate),
            End::Until(until) if until < self.start => found.push(P::EndBeforeStart),
            End::Count(n) if n == 0 || n > MAX_COUNT => found.push(P::Count),
            _ => {}
        }
        found
    }

    fn frequency_kind(&self) -> RepeatProblem {
        match self.frequency {
            Frequency::Weekdays(_) => RepeatProblem::Weekdays,
            Frequency::EveryNDays(_) => RepeatProblem::EveryNDays,
            Frequency::MonthlyOnDay(_) => RepeatProblem::MonthDay,
            _ => RepeatProblem::Nth,
        }
    }

    /// Whether `date` matches the frequency (ignoring start, end and count):
    /// the day-by-day oracle the jumping expansion is tested against.
    #[cfg(test)]
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
    ///
    /// The work is bounded by what is asked, never by how far the start
    /// lies before `from`: the expansion jumps from one occurrence to the
    /// next (not day by day), and a count is spent up to `from` by
    /// arithmetic (daily, weekly, every n days, weekdays) or, for the
    /// monthly kinds, by at most `count` (≤ [`MAX_COUNT`]) jumps.
    pub fn dates_between(&self, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        self.dates(from, to).collect()
    }

    /// `dates_between` one date at a time, with nothing collected: the
    /// scheduler resolves each date as it comes.
    pub fn dates(&self, from: NaiveDate, to: NaiveDate) -> Dates {
        let last = match self.end {
            End::Until(until) => to.min(until),
            _ => to,
        };
        let from = from.max(self.start);
        let done = Dates {
            rule: *self,
            next: None,
            last,
            left: None,
            prev: None,
        };
        if from > last {
            return done;
        }
        // How many occurrences may still come from `from` on.
        let left = match self.end {
            End::Count(n) => {
                let spent = match self.count_before(from) {
                    Some(k) => k,
                    None => self.count_before_by_jumps(from, n),
                };
                if spent >= u64::from(n) {
                    return done;
                }
                Some(u64::from(n) - spent)
            }
            _ => None,
        };
        Dates {
            next: Some(from),
            left,
            ..done
        }
    }

    /// The first date on or after `date` (and the start) that matches the
    /// frequency, ignoring the end; `None` past the calendar's range.
    fn next_on_or_after(&self, date: NaiveDate) -> Option<NaiveDate> {
        let date = date.max(self.start);
        match self.frequency {
            Frequency::Daily => Some(date),
            Frequency::EveryNDays(n) => {
                let n = i64::from(n.max(1));
                let offset = (date - self.start).num_days();
                let steps = offset.div_euclid(n) + i64::from(offset.rem_euclid(n) != 0);
                self.start
                    .checked_add_signed(Duration::try_days(steps.checked_mul(n)?)?)
            }
            Frequency::Weekly => {
                let ahead = (i64::from(self.start.weekday().num_days_from_monday())
                    - i64::from(date.weekday().num_days_from_monday()))
                .rem_euclid(7);
                date.checked_add_signed(Duration::days(ahead))
            }
            Frequency::Weekdays(set) => {
                // The set turned so that `date`'s weekday is bit 0: the
                // lowest set bit is how many days ahead the next one is.
                let today = date.weekday().num_days_from_monday();
                let bits = u16::from(set.0 & 0x7F);
                let turned = ((bits >> today) | (bits << (7 - today))) & 0x7F;
                if turned == 0 {
                    return None;
                }
                date.checked_add_signed(Duration::days(i64::from(turned.trailing_zeros())))
            }
            Frequency::MonthlyOnDay(_) | Frequency::MonthlyOnWeekday { .. } => {
                // A day that exists every year comes within 12 months; a
                // 31st or a fifth weekday within a few.
                let (mut year, mut month) = (date.year(), date.month());
                for _ in 0..24 {
                    if let Some(d) = self.in_month(year, month).filter(|d| *d >= date) {
                        return Some(d);
                    }
                    (year, month) = if month == 12 {
                        (year.checked_add(1)?, 1)
                    } else {
                        (year, month + 1)
                    };
                }
                None
            }
        }
    }

    /// The monthly kinds' date in one month, if that month has one.
    fn in_month(&self, year: i32, month: u32) -> Option<NaiveDate> {
        match self.frequency {
            Frequency::MonthlyOnDay(d) => NaiveDate::from_ymd_opt(year, month, u32::from(d)),
            Frequency::MonthlyOnWeekday { nth, weekday } if nth > 0 => {
                NaiveDate::from_weekday_of_month_opt(year, month, weekday, nth as u8)
            }
            Frequency::MonthlyOnWeekday { weekday, .. } => {
                let first = NaiveDate::from_ymd_opt(year, month, 1)?;
                let last = first
                    .checked_add_signed(Duration::days(i64::from(days_in_month(first)) - 1))?;
                let back = (i64::from(last.weekday().num_days_from_monday())
                    - i64::from(weekday.num_days_from_monday()))
                .rem_euclid(7);
                last.checked_sub_signed(Duration::days(back))
            }
            _ => None,
        }
    }

    /// How many dates in `[start, before)` match, by arithmetic; `None` for
    /// the monthly kinds.
    fn count_before(&self, before: NaiveDate) -> Option<u64> {
        let days = u64::try_from((before - self.start).num_days()).unwrap_or(0);
        match self.frequency {
            Frequency::Daily => Some(days),
            Frequency::EveryNDays(n) => Some(days.div_ceil(u64::from(n.max(1)))),
            Frequency::Weekly => Some(days.div_ceil(7)),
            Frequency::Weekdays(set) => {
                let weeks = days / 7;
                let per_week = u64::from((set.0 & 0x7F).count_ones());
                let rest_from = self
                    .start
                    .checked_add_signed(Duration::try_days(i64::try_from(weeks * 7).ok()?)?)?;
                let rest = (0..days % 7)
                    .filter_map(|i| rest_from.checked_add_signed(Duration::days(i as i64)))
                    .filter(|d| set.contains(d.weekday()))
                    .count() as u64;
                Some(weeks * per_week + rest)
            }
            Frequency::MonthlyOnDay(_) | Frequency::MonthlyOnWeekday { .. } => None,
        }
    }

    /// How many dates in `[start, before)` match, jumping from one to the
    /// next; stops at `cap` (no more than the count can matter).
    fn count_before_by_jumps(&self, before: NaiveDate, cap: u32) -> u64 {
        let mut seen = 0u64;
        let mut date = self.start;
        while seen < u64::from(cap) {
            match self.next_on_or_after(date) {
                Some(d) if d < before => {
                    seen += 1;
                    match d.succ_opt() {
                        Some(next) => date = next,
                        None => break,
                    }
                }
                _ => break,
            }
        }
        seen
    }
}

/// A rule's occurrence dates in a range, in order (`Recurrence::dates`):
/// each step jumps to the next matching date.
#[derive(Debug, Clone)]
pub struct Dates {
    rule: Recurrence,
    /// Where the search for the next date starts; `None` when done.
    next: Option<NaiveDate>,
    last: NaiveDate,
    /// How many the count still allows (`None`: no count).
    left: Option<u64>,
    /// The date given last.
    prev: Option<NaiveDate>,
}

impl Iterator for Dates {
    type Item = NaiveDate;

    fn next(&mut self) -> Option<NaiveDate> {
        let from = self.next.take()?;
        if self.left == Some(0) {
            return None;
        }
        // The kinds with a fixed step go from one date to the next by
        // adding it; the others search from the day after.
        let date = match (self.prev, self.rule.frequency) {
            (Some(prev), Frequency::Daily) => prev.succ_opt(),
            (Some(prev), Frequency::EveryNDays(n)) => {
                prev.checked_add_days(chrono::Days::new(u64::from(n.max(1))))
            }
            (Some(prev), Frequency::Weekly) => prev.checked_add_days(chrono::Days::new(7)),
            // At most one a month: the next is in a later month.
            (Some(prev), Frequency::MonthlyOnDay(_) | Frequency::MonthlyOnWeekday { .. }) => {
                let (y, m) = (prev.year(), prev.month());
                let next_month = if m == 12 {
                    NaiveDate::from_ymd_opt(y.checked_add(1)?, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(y, m + 1, 1)
                };
                next_month.and_then(|d| self.rule.next_on_or_after(d))
            }
            _ => self.rule.next_on_or_after(from),
        }
        .filter(|d| *d <= self.last)?;
        self.left = self.left.map(|l| l - 1);
        self.prev = Some(date);
        self.next = date.succ_opt();
        Some(date)
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
    let parsed = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        Error::invalid(format!(
            "the {field} must be a date like 2027-03-14, between {} and {}",
            validate::FIRST_YEAR,
            validate::LAST_YEAR
        ))
    })?;
    validate::date(field, parsed)
}

impl RecurrenceDraft {
    /// Checks and converts; `default_start` is used where the start does not
    /// anchor the pattern.
    pub fn parse(&self, default_start: NaiveDate) -> Result<Recurrence> {
        self.check(default_start).map_err(|p| p[0].error())
    }

    /// Like `parse`, with every rule broken (at most one per field).
    pub fn check(
        &self,
        default_start: NaiveDate,
    ) -> std::result::Result<Recurrence, Vec<RecurrenceProblem>> {
        use RecurrenceProblem as P;
        let mut found = Vec::new();
        let date = |t: &str| parse_date("", t).ok();
        let start = match &self.start {
            Some(s) => date(s).unwrap_or_else(|| {
                found.push(P::StartDate);
                default_start
            }),
            None if matches!(
                self.frequency,
                FrequencyDraft::EveryNDays(_) | FrequencyDraft::Weekly
            ) =>
            {
                found.push(P::StartNeeded);
                default_start
            }
            None => default_start,
        };
        let weekday = |n: u8| {
            (1..=7)
                .contains(&n)
                .then(|| Weekday::try_from(n - 1).ok())?
        };
        let frequency = match &self.frequency {
            FrequencyDraft::Daily => Some(Frequency::Daily),
            FrequencyDraft::Weekdays(days) => days
                .iter()
                .map(|d| weekday(*d))
                .collect::<Option<Vec<_>>>()
                .map(|days| Frequency::Weekdays(WeekdaySet::from_days(&days))),
            FrequencyDraft::EveryNDays(n) => {
                Some(Frequency::EveryNDays(u16::try_from(*n).unwrap_or(u16::MAX)))
            }
            FrequencyDraft::Weekly => Some(Frequency::Weekly),
            FrequencyDraft::MonthlyOnDay(d) => {
                Some(Frequency::MonthlyOnDay(u8::try_from(*d).unwrap_or(u8::MAX)))
            }
            FrequencyDraft::MonthlyOnWeekday { nth, weekday: w } => {
                weekday(*w).map(|weekday| Frequency::MonthlyOnWeekday {
                    nth: i8::try_from(*nth).unwrap_or(i8::MAX),
                    weekday,
                })
            }
        };
        if frequency.is_none() {
            found.push(P::Repeat(RepeatProblem::Weekdays));
        }
        let end = match (&self.until, self.count) {
            (Some(_), Some(_)) => {
                found.push(P::EndBoth);
                End::Never
            }
            (Some(u), None) => date(u).map_or_else(
                || {
                    found.push(P::EndDate);
                    End::Never
                },
                End::Until,
            ),
            (None, Some(n)) => End::Count(n),
            (None, None) => End::Never,
        };
        let rule = Recurrence {
            frequency: frequency.unwrap_or(Frequency::Daily),
            start,
            end,
        };
        let start_fine = found.is_empty() || found.iter().all(|p| p.field() != Field::StartDate);
        for p in rule.problems() {
            let dependent = p == P::EndBeforeStart && !start_fine;
            if !dependent && found.iter().all(|q| q.field() != p.field()) {
                found.push(p);
            }
        }
        if found.is_empty() {
            Ok(rule)
        } else {
            Err(found)
        }
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

    /// The old expansion, day by day from the start: the oracle.
    fn naive(r: &Recurrence, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        let (mut out, mut seen, mut date) = (Vec::new(), 0u32, r.start);
        while date <= to {
            if matches!(r.end, End::Until(u) if date > u)
                || matches!(r.end, End::Count(n) if seen >= n)
            {
                break;
            }
            if r.matches(date) {
                seen += 1;
                if date >= from {
                    out.push(date);
                }
            }
            date += Duration::days(1);
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config {
            cases: 2000,
            rng_seed: proptest::test_runner::RngSeed::Fixed(0x57E9),
            failure_persistence: None,
            ..proptest::test_runner::Config::default()
        })]

        /// Stepping from one occurrence to the next (daily, every n days,
        /// weekly), finding the next weekday by bits, and searching month
        /// by month all give what a walk over every day gives.
        #[test]
        fn stepping_equals_the_day_by_day_walk(
            kind in 0u8..6,
            n in 1u16..=40,
            bits in 1u8..128,
            day in 1u8..=31,
            nth in proptest::prop_oneof![proptest::strategy::Just(-1i8), 1i8..=5],
            start in 0i64..3000,
            end in 0u8..3,
            count in 1u32..50,
            until in 0i64..900,
            from in -30i64..700,
            span in 0i64..400,
        ) {
            let frequency = match kind {
                0 => Frequency::Daily,
                1 => Frequency::EveryNDays(n),
                2 => Frequency::Weekly,
                3 => Frequency::Weekdays(WeekdaySet(bits)),
                4 => Frequency::MonthlyOnDay(day),
                _ => Frequency::MonthlyOnWeekday {
                    nth,
                    weekday: Weekday::try_from(bits % 7).unwrap(),
                },
            };
            let start = d("2020-01-01") + Duration::days(start);
            let end = match end {
                0 => End::Never,
                1 => End::Count(count),
                _ => End::Until(start + Duration::days(until)),
            };
            let r = Recurrence { frequency, start, end };
            let from = start + Duration::days(from);
            let to = from + Duration::days(span);
            proptest::prop_assert_eq!(r.dates_between(from, to), naive(&r, from, to));
        }
    }

    #[test]
    fn jumping_expansion_equals_the_day_by_day_one() {
        let frequencies = [
            Frequency::Daily,
            Frequency::Weekly,
            Frequency::EveryNDays(1),
            Frequency::EveryNDays(3),
            Frequency::EveryNDays(366),
            Frequency::Weekdays(WeekdaySet(0b101_0010)),
            Frequency::Weekdays(WeekdaySet(0b000_0001)),
            Frequency::MonthlyOnDay(1),
            Frequency::MonthlyOnDay(29),
            Frequency::MonthlyOnDay(31),
            Frequency::MonthlyOnWeekday {
                nth: 5,
                weekday: Weekday::Thu,
            },
            Frequency::MonthlyOnWeekday {
                nth: -1,
                weekday: Weekday::Sun,
            },
            Frequency::MonthlyOnWeekday {
                nth: 2,
                weekday: Weekday::Mon,
            },
        ];
        let ends = [
            End::Never,
            End::Count(1),
            End::Count(7),
            End::Count(40),
            End::Until(d("2028-02-29")),
        ];
        let starts = ["2027-01-31", "2027-02-28", "2027-03-01", "2027-12-31"];
        let windows = [
            ("2026-06-01", "2026-07-01"),
            ("2027-01-01", "2027-01-31"),
            ("2027-03-01", "2027-03-01"),
            ("2027-02-15", "2027-09-20"),
            ("2027-11-02", "2028-03-04"),
            ("2029-01-01", "2031-12-31"),
        ];
        let mut checked = 0;
        for f in frequencies {
            for end in ends {
                for start in starts {
                    let r = rec(f, start, end);
                    if r.validate().is_err() {
                        continue;
                    }
                    for (from, to) in windows {
                        assert_eq!(
                            r.dates_between(d(from), d(to)),
                            naive(&r, d(from), d(to)),
                            "{r:?} in {from}..={to}"
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 1000, "{checked}");
    }

    #[test]
    fn a_start_at_the_edge_costs_nothing_more() {
        // Daily from 1900 for the largest count, asked about 2200: the
        // count is spent by arithmetic, nothing to list.
        let r = rec(Frequency::Daily, "1900-01-01", End::Count(MAX_COUNT));
        assert!(r.dates_between(d("2200-12-01"), d("2200-12-31")).is_empty());
        let r = rec(Frequency::Daily, "1900-01-01", End::Never);
        assert_eq!(r.dates_between(d("2200-12-01"), d("2200-12-31")).len(), 31);
        // A monthly count spends at most `count` jumps.
        let r = rec(
            Frequency::MonthlyOnWeekday {
                nth: 5,
                weekday: Weekday::Fri,
            },
            "1900-01-01",
            End::Count(MAX_COUNT),
        );
        assert_eq!(r.dates_between(d("2200-01-01"), d("2200-12-31")).len(), 4);
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
            (
                rec(Frequency::Daily, "1899-12-31", End::Never),
                "between 1900 and 2200",
            ),
            (
                rec(Frequency::Daily, "2201-01-01", End::Never),
                "between 1900 and 2200",
            ),
            (
                rec(Frequency::Daily, "2027-03-01", End::Until(d("2201-01-01"))),
                "between 1900 and 2200",
            ),
            (
                Recurrence {
                    frequency: Frequency::Daily,
                    start: NaiveDate::MIN,
                    end: End::Count(5),
                },
                "between 1900 and 2200",
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
