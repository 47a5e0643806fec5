//! Telling a person in plain words what their partner changed: the
//! sentences an import reports ("Ana invited you to Walk", "Ana started a
//! pause, back at 21:10"), with times on this phone's clock. A leaf: the
//! capabilities word their own changes with it, and the log collects them
//! without reading them.

use chrono::{DateTime, Duration, LocalResult, NaiveDate, TimeZone};
use chrono_tz::Tz;

use crate::clock::Millis;

/// One thing the partner changed, as a sentence for this phone. Free text
/// the partner wrote (notes, boundaries, appreciations) is never in it:
/// the sentence may end up on a lock screen; titles name what changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct News {
    /// The entity it is about, so a shell can open it.
    pub entity: String,
    pub text: String,
}

/// At most this many sentences per import; the rest are counted in one.
pub const NEWS_MAX: usize = 20;

/// Who changed it, and the clock and day the sentence is read on.
pub struct Teller {
    /// The partner's name, or "Your partner".
    pub partner: String,
    /// This phone's zone; `None` when the caller did not say (times then
    /// read as UTC and say so).
    pub zone: Option<Tz>,
    pub now: Millis,
}

impl Teller {
    pub fn new(partner_name: Option<&str>, zone: Option<Tz>, now: Millis) -> Self {
        let partner = partner_name
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .unwrap_or("Your partner")
            .to_string();
        Teller { partner, zone, now }
    }

    fn zone(&self) -> Tz {
        self.zone.unwrap_or(Tz::UTC)
    }

    /// A sentence about the entity: "{partner} {rest}".
    pub fn says(&self, entity: &str, rest: impl AsRef<str>) -> News {
        News {
            entity: entity.to_string(),
            text: format!("{} {}", self.partner, rest.as_ref()),
        }
    }

    /// An instant on this phone's clock: "21:10" today, "tomorrow 09:00",
    /// "Sat 12 Dec 21:10" further off, with the offset when the clocks go
    /// back and the wall time happens twice.
    pub fn at(&self, ms: Millis) -> String {
        let mut text = clock_time(ms, self.now, &self.zone());
        if self.zone.is_none() {
            text.push_str(" UTC");
        }
        text
    }

    /// A day as the end of a sentence: "today", "yesterday", "on Sat 12 Dec".
    pub fn on_day(&self, date: NaiveDate) -> String {
        let day = self.day(date);
        if day.contains(' ') {
            format!("on {day}")
        } else {
            day
        }
    }

    /// A day relative to today on this phone: "today", "tomorrow",
    /// "yesterday", or "Sat 12 Dec".
    pub fn day(&self, date: NaiveDate) -> String {
        let today = DateTime::from_timestamp_millis(self.now)
            .map(|t| t.with_timezone(&self.zone()).date_naive());
        match today {
            Some(t) if t == date => "today".into(),
            Some(t) if t.succ_opt() == Some(date) => "tomorrow".into(),
            Some(t) if t.pred_opt() == Some(date) => "yesterday".into(),
            _ => date.format("%a %-d %b").to_string(),
        }
    }
}

/// An instant in `zone` as read from the moment `from_ms`: the time alone
/// on the same day, with "tomorrow" on the next, with the date beyond; the
/// offset is added when that wall time happens twice (the autumn change).
pub fn clock_time(ms: Millis, from_ms: Millis, zone: &Tz) -> String {
    let (Some(at), Some(from)) = (
        DateTime::from_timestamp_millis(ms),
        DateTime::from_timestamp_millis(from_ms),
    ) else {
        return String::from("at an unreadable time");
    };
    let (at, from) = (at.with_timezone(zone), from.with_timezone(zone));
    let twice = matches!(
        zone.from_local_datetime(&at.naive_local()),
        LocalResult::Ambiguous(..)
    );
    let (day, from_day) = (at.date_naive(), from.date_naive());
    let mut text = if day == from_day {
        at.format("%H:%M").to_string()
    } else if from_day.checked_add_signed(Duration::days(1)) == Some(day) {
        at.format("tomorrow %H:%M").to_string()
    } else {
        at.format("%a %-d %b %H:%M").to_string()
    };
    if twice {
        text.push_str(&at.format(" %:z").to_string());
    }
    text
}

/// Sentences in order, each said once ("(twice)", "(3 times)" when the
/// same thing came more than once), at most `NEWS_MAX` with the rest
/// counted in a last one.
pub fn gather(items: impl IntoIterator<Item = News>, partner: &str) -> Vec<News> {
    // Indexed by text: an import of a year's history must not be quadratic.
    let mut unique: Vec<(News, usize)> = Vec::new();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for item in items {
        match seen.get(&item.text) {
            Some(&at) => unique[at].1 += 1,
            None => {
                seen.insert(item.text.clone(), unique.len());
                unique.push((item, 1));
            }
        }
    }
    let more = unique.len().saturating_sub(NEWS_MAX);
    let mut out: Vec<News> = unique
        .into_iter()
        .take(NEWS_MAX)
        .map(|(mut n, count)| {
            match count {
                1 => {}
                2 => n.text.push_str(" (twice)"),
                k => n.text.push_str(&format!(" ({k} times)")),
            }
            n
        })
        .collect();
    if more > 0 {
        out.push(News {
            entity: String::new(),
            text: format!(
                "and {more} more change{} from {partner}",
                if more == 1 { "" } else { "s" }
            ),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(zone: Tz, y: i32, m: u32, d: u32, h: u32, min: u32) -> Millis {
        zone.with_ymd_and_hms(y, m, d, h, min, 0)
            .earliest()
            .unwrap()
            .timestamp_millis()
    }

    #[test]
    fn times_read_on_this_phones_clock() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        let now = ms(berlin, 2026, 12, 5, 20, 40);
        assert_eq!(clock_time(now + 30 * 60_000, now, &berlin), "21:10");
        let tomorrow = ms(berlin, 2026, 12, 6, 9, 0);
        assert_eq!(clock_time(tomorrow, now, &berlin), "tomorrow 09:00");
        let later = ms(berlin, 2026, 12, 12, 9, 0);
        assert_eq!(clock_time(later, now, &berlin), "Sat 12 Dec 09:00");
        // 02:30 happens twice on 25 October 2026 in Berlin.
        let first = ms(berlin, 2026, 10, 25, 2, 30);
        let from = ms(berlin, 2026, 10, 25, 1, 0);
        assert_eq!(clock_time(first, from, &berlin), "02:30 +02:00");
        assert_eq!(clock_time(first + 3_600_000, from, &berlin), "02:30 +01:00");
    }

    #[test]
    fn an_unknown_zone_says_utc_and_days_read_as_words() {
        let now = ms(Tz::UTC, 2026, 12, 5, 20, 0);
        let t = Teller::new(None, None, now);
        assert_eq!(t.at(now + 600_000), "20:10 UTC");
        assert_eq!(t.says("x", "paused Walk").text, "Your partner paused Walk");
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        assert_eq!(t.day(day(5)), "today");
        assert_eq!(t.day(day(6)), "tomorrow");
        assert_eq!(t.day(day(4)), "yesterday");
        assert_eq!(t.day(day(12)), "Sat 12 Dec");
        assert_eq!(Teller::new(Some("  "), None, now).partner, "Your partner");
        assert_eq!(Teller::new(Some("Ana"), None, now).partner, "Ana");
    }

    #[test]
    fn repeats_are_counted_and_a_long_list_is_capped() {
        let n = |e: &str, t: &str| News {
            entity: e.into(),
            text: t.into(),
        };
        let got = gather(
            [
                n("a", "x"),
                n("b", "y"),
                n("a", "x"),
                n("a", "x"),
                n("c", "z"),
                n("c", "z"),
            ],
            "Ana",
        );
        let texts: Vec<_> = got.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(texts, ["x (3 times)", "y", "z (twice)"]);

        let many = (0..NEWS_MAX + 3).map(|i| n("e", &format!("s{i}")));
        let got = gather(many, "Ana");
        assert_eq!(got.len(), NEWS_MAX + 1);
        assert_eq!(got[NEWS_MAX].text, "and 3 more changes from Ana");
        let one_more = (0..NEWS_MAX + 1).map(|i| n("e", &format!("s{i}")));
        assert_eq!(
            gather(one_more, "Ana").last().unwrap().text,
            "and 1 more change from Ana"
        );
    }
}
