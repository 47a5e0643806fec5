//! Telling a person in plain words what their partner changed: the
//! sentences an import reports ("Ana invited you to Walk", "Ana started a
//! pause, back at 21:10"), with times on this phone's clock. A leaf: the
//! capabilities word their own changes with it, and the log collects them
//! without reading them.

use std::cell::RefCell;
use std::collections::HashMap;

use chrono::{DateTime, Duration, LocalResult, NaiveDate, TimeZone};

use crate::catalog::{Arg, Locale, date_short, date_short_year};

use crate::clock::Millis;
use crate::zone::Zone;

/// One thing the partner changed, as a sentence for this phone. Free text
/// the partner wrote (notes, boundaries, appreciations) is never in it:
/// the sentence may end up on a lock screen; titles name what changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct News {
    /// The entity it is about, so a shell can open it.
    pub entity: String,
    /// The sentence, said once.
    pub sentence: String,
    /// How many times it came ("(twice)", "(3 times)").
    pub times: u32,
}

impl News {
    /// The sentence as shown: "Ana sent you an appreciation (twice)".
    pub fn text(&self) -> String {
        self.text_in(Locale::En)
    }

    /// `text` with the count in `l`'s words.
    pub fn text_in(&self, l: Locale) -> String {
        match self.times {
            0 | 1 => self.sentence.clone(),
            k => l.say_with(
                "news-times",
                &[
                    ("sentence", Arg::Str(&self.sentence)),
                    ("count", Arg::Num(i64::from(k))),
                ],
            ),
        }
    }
}

/// At most this many sentences are told; the rest are counted in one.
pub const NEWS_MAX: usize = 20;

/// What one import, or a whole sync of several payloads, has to tell:
/// each sentence once, in order, at most `NEWS_MAX`, the rest counted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Told {
    pub items: Vec<News>,
    /// Further sentences not told one by one.
    pub more: u32,
    /// Who made the changes, as the last line names them.
    pub partner: String,
    /// The language the sentences were told in.
    pub locale: Locale,
}

impl Told {
    /// Gathers sentences in order: repeats counted, at most `NEWS_MAX`.
    pub fn gather(items: impl IntoIterator<Item = News>, partner: &str, locale: Locale) -> Told {
        let mut told = Told {
            partner: partner.to_owned(),
            locale,
            ..Told::default()
        };
        told.add(items);
        told
    }

    /// Several imports' news as one (a backlog split into payloads tells
    /// one story): repeats across them counted once, the cap kept.
    pub fn merge(all: impl IntoIterator<Item = Told>) -> Told {
        let mut merged = Told::default();
        let mut items = Vec::new();
        for t in all {
            if merged.partner.is_empty() {
                merged.partner = t.partner;
                merged.locale = t.locale;
            }
            merged.more = merged.more.saturating_add(t.more);
            items.extend(t.items);
        }
        merged.add(items);
        merged
    }

    fn add(&mut self, items: impl IntoIterator<Item = News>) {
        // Indexed by sentence: an import of a year's history must not be
        // quadratic.
        let mut seen: std::collections::HashMap<String, usize> = self
            .items
            .iter()
            .enumerate()
            .map(|(i, n)| (n.sentence.clone(), i))
            .collect();
        let mut overflow: std::collections::HashSet<String> = std::collections::HashSet::new();
        for item in items {
            let times = item.times.max(1);
            if let Some(&at) = seen.get(&item.sentence) {
                self.items[at].times = self.items[at].times.saturating_add(times);
            } else if self.items.len() < NEWS_MAX {
                seen.insert(item.sentence.clone(), self.items.len());
                self.items.push(News { times, ..item });
            } else if overflow.insert(item.sentence) {
                self.more = self.more.saturating_add(1);
            }
        }
    }

    /// Every line to show, the counted rest last ("and 4 more changes
    /// from Ana").
    pub fn lines(&self) -> Vec<String> {
        let mut out: Vec<String> = self.items.iter().map(|n| n.text_in(self.locale)).collect();
        if self.more > 0 {
            out.push(self.more_line());
        }
        out
    }

    /// "and 4 more changes from Ana", or `None`.
    pub fn more_line(&self) -> String {
        let l = self.locale;
        let partner = if self.partner.is_empty() {
            l.say("partner-unnamed")
        } else {
            self.partner.clone()
        };
        l.say_with(
            "news-more",
            &[
                ("count", Arg::Num(i64::from(self.more))),
                ("who", Arg::Str(&partner)),
            ],
        )
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && self.more == 0
    }
}

/// The name given at pairing, trimmed, when there is one.
pub fn partner_named(name: Option<&str>) -> Option<&str> {
    name.map(str::trim).filter(|n| !n.is_empty())
}

/// The partner as a sentence names them: the name given at pairing
/// (trimmed), else "Your partner".
pub fn partner_called(name: Option<&str>, l: Locale) -> String {
    partner_named(name).map_or_else(|| l.say("partner-unnamed"), str::to_string)
}

/// Who changed it, and the clock and day the sentence is read on.
pub struct Teller {
    /// The partner's name, or "Your partner".
    pub partner: String,
    /// The language the sentences are told in.
    pub locale: Locale,
    /// This phone's zone; `None` when the caller did not say (times then
    /// read as UTC and say so).
    pub zone: Option<Zone>,
    pub now: Millis,
    /// What each entity is called, read once per import: a year's backlog
    /// names the same twenty rituals thousands of times, and each reading
    /// opens a sealed value.
    names: RefCell<HashMap<String, String>>,
}

impl Teller {
    pub fn new(
        partner_name: Option<&str>,
        zone: Option<Zone>,
        now: Millis,
        locale: Locale,
    ) -> Self {
        Teller {
            partner: partner_called(partner_name, locale),
            locale,
            zone,
            now,
            names: RefCell::default(),
        }
    }

    /// What `entity` is called, from `read` the first time it is asked
    /// for and remembered for the rest of this import.
    pub fn name_of(
        &self,
        entity: &str,
        read: impl FnOnce() -> crate::error::Result<String>,
    ) -> crate::error::Result<String> {
        if let Some(name) = self.names.borrow().get(entity) {
            return Ok(name.clone());
        }
        let name = read()?;
        self.names
            .borrow_mut()
            .insert(entity.to_string(), name.clone());
        Ok(name)
    }

    fn zone(&self) -> Zone {
        self.zone.unwrap_or(Zone::UTC)
    }

    /// The catalog's sentence `id` about the entity, the partner as
    /// `who` beside `args`: "Ana paused Walk".
    pub fn tell(&self, entity: &str, id: &str, args: &[(&str, Arg)]) -> News {
        let mut all: Vec<(&str, Arg)> = vec![("who", Arg::Str(&self.partner))];
        all.extend_from_slice(args);
        News {
            entity: entity.to_string(),
            sentence: self.locale.say_with(id, &all),
            times: 1,
        }
    }

    /// An instant on this phone's clock: "21:10" today, "tomorrow 09:00",
    /// "Sat 12 Dec 21:10" further off, with the offset when the clocks go
    /// back and the wall time happens twice.
    pub fn at(&self, ms: Millis) -> String {
        self.clock(ms, self.now)
    }

    /// `ms` read from the moment `from`, saying "UTC" when the phone's zone
    /// is not known.
    fn clock(&self, ms: Millis, from: Millis) -> String {
        let mut text = clock_time_in(ms, from, &self.zone(), self.locale);
        if self.zone.is_none() {
            text.push_str(" UTC");
        }
        text
    }

    /// An instant on a given day: the time alone when it falls on that
    /// day ("moved Walk on Sat 12 Dec to 17:00"), else as `at` says it.
    pub fn at_on(&self, ms: Millis, date: NaiveDate) -> String {
        let same_day = DateTime::from_timestamp_millis(ms)
            .is_some_and(|t| t.with_timezone(&self.zone()).date_naive() == date);
        if !same_day {
            return self.at(ms);
        }
        let noon = date
            .and_hms_opt(12, 0, 0)
            .and_then(|noon| self.zone().from_local_datetime(&noon).earliest())
            .map_or(ms, |t| t.timestamp_millis());
        self.clock(ms, noon)
    }

    /// A day as the end of a sentence: "today", "yesterday", "on Sat 12 Dec".
    pub fn on_day(&self, date: NaiveDate) -> String {
        match self.relative(date) {
            Some(id) => self.locale.say(id),
            None => self.locale.say_with(
                "news-on-day",
                &[("date", Arg::Str(&date_short(self.locale, date)))],
            ),
        }
    }

    /// "news-today", "news-tomorrow" or "news-yesterday" for a day next
    /// to today on this phone.
    fn relative(&self, date: NaiveDate) -> Option<&'static str> {
        let today = DateTime::from_timestamp_millis(self.now)
            .map(|t| t.with_timezone(&self.zone()).date_naive())?;
        if today == date {
            Some("news-today")
        } else if today.succ_opt() == Some(date) {
            Some("news-tomorrow")
        } else if today.pred_opt() == Some(date) {
            Some("news-yesterday")
        } else {
            None
        }
    }

    /// A day relative to today on this phone: "today", "tomorrow",
    /// "yesterday", or "Sat 12 Dec".
    pub fn day(&self, date: NaiveDate) -> String {
        match self.relative(date) {
            Some(id) => self.locale.say(id),
            None => date_short(self.locale, date),
        }
    }
}

/// An instant in `zone` with its whole date, for a record that reads the
/// same whenever it is looked at: "Sat 12 Dec 2026 21:10", "Sa 12. Dez.
/// 2026 21:10", the offset added when that wall time happens twice.
pub fn date_time_in(ms: Millis, zone: &Zone, locale: Locale) -> String {
    let Some(at) = DateTime::from_timestamp_millis(ms) else {
        return String::from("--:--");
    };
    let at = at.with_timezone(zone);
    let mut time = at.format("%H:%M").to_string();
    if matches!(
        zone.from_local_datetime(&at.naive_local()),
        LocalResult::Ambiguous(..)
    ) {
        time.push_str(&at.format(" %:z").to_string());
    }
    let date = date_short_year(locale, at.date_naive());
    locale.say_with(
        "clock-on-day",
        &[("date", Arg::Str(&date)), ("time", Arg::Str(&time))],
    )
}

/// An instant in `zone` as read from the moment `from_ms`: the time alone
/// on the same day, with "tomorrow" on the next, with the date beyond; the
/// offset is added when that wall time happens twice (the autumn change).
pub fn clock_time(ms: Millis, from_ms: Millis, zone: &Zone) -> String {
    clock_time_in(ms, from_ms, zone, Locale::En)
}

/// `clock_time` in `locale`'s words: "morgen 09:00", "Sa 12. Dez. 09:00".
pub fn clock_time_in(ms: Millis, from_ms: Millis, zone: &Zone, locale: Locale) -> String {
    let (Some(at), Some(from)) = (
        DateTime::from_timestamp_millis(ms),
        DateTime::from_timestamp_millis(from_ms),
    ) else {
        return String::from("--:--");
    };
    let (at, from) = (at.with_timezone(zone), from.with_timezone(zone));
    let twice = matches!(
        zone.from_local_datetime(&at.naive_local()),
        LocalResult::Ambiguous(..)
    );
    let (day, from_day) = (at.date_naive(), from.date_naive());
    let time = at.format("%H:%M").to_string();
    let mut text = if day == from_day {
        time
    } else if from_day.checked_add_signed(Duration::days(1)) == Some(day) {
        locale.say_with("clock-tomorrow", &[("time", Arg::Str(&time))])
    } else {
        let date = date_short(locale, day);
        locale.say_with(
            "clock-on-day",
            &[("date", Arg::Str(&date)), ("time", Arg::Str(&time))],
        )
    };
    if twice {
        text.push_str(&at.format(" %:z").to_string());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(zone: Zone, y: i32, m: u32, d: u32, h: u32, min: u32) -> Millis {
        zone.with_ymd_and_hms(y, m, d, h, min, 0)
            .earliest()
            .unwrap()
            .timestamp_millis()
    }

    #[test]
    fn times_read_on_this_phones_clock() {
        let berlin: Zone = "Europe/Berlin".parse().unwrap();
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
        let now = ms(Zone::UTC, 2026, 12, 5, 20, 0);
        let t = Teller::new(None, None, now, Locale::En);
        assert_eq!(t.at(now + 600_000), "20:10 UTC");
        assert_eq!(
            t.tell("x", "news-ritual-paused", &[("title", Arg::Str("Walk"))])
                .text(),
            "Your partner paused Walk"
        );
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        assert_eq!(t.day(day(5)), "today");
        assert_eq!(t.day(day(6)), "tomorrow");
        assert_eq!(t.day(day(4)), "yesterday");
        assert_eq!(t.day(day(12)), "Sat 12 Dec");
        let on_12 = ms(Zone::UTC, 2026, 12, 12, 17, 0);
        assert_eq!(t.at_on(on_12, day(12)), "17:00 UTC");
        assert_eq!(t.at_on(on_12, day(11)), "Sat 12 Dec 17:00 UTC");
        assert_eq!(
            Teller::new(Some("  "), None, now, Locale::En).partner,
            "Your partner"
        );
        assert_eq!(
            Teller::new(Some("Ana"), None, now, Locale::En).partner,
            "Ana"
        );
        let de = Teller::new(Some("Ana"), None, now, Locale::De);
        assert_eq!(de.day(day(6)), "morgen");
        assert_eq!(de.on_day(day(12)), "am Sa 12. Dez.");
    }

    #[test]
    fn repeats_are_counted_and_a_long_list_is_capped() {
        let n = |e: &str, t: &str| News {
            entity: e.into(),
            sentence: t.into(),
            times: 1,
        };
        let got = Told::gather(
            [
                n("a", "x"),
                n("b", "y"),
                n("a", "x"),
                n("a", "x"),
                n("c", "z"),
                n("c", "z"),
            ],
            "Ana",
            Locale::En,
        );
        assert_eq!(got.lines(), ["x (3 times)", "y", "z (twice)"]);

        let many = (0..NEWS_MAX + 3).map(|i| n("e", &format!("s{i}")));
        let lines = Told::gather(many, "Ana", Locale::En).lines();
        assert_eq!(lines.len(), NEWS_MAX + 1);
        assert_eq!(lines[NEWS_MAX], "and 3 more changes from Ana");
        let one_more = (0..NEWS_MAX + 1).map(|i| n("e", &format!("s{i}")));
        assert_eq!(
            Told::gather(one_more, "Ana", Locale::En)
                .lines()
                .last()
                .unwrap(),
            "and 1 more change from Ana"
        );
    }

    #[test]
    fn a_sync_of_several_payloads_tells_one_story() {
        let n = |t: &str| News {
            entity: "e".into(),
            sentence: t.into(),
            times: 1,
        };
        let first = Told::gather(
            (0..NEWS_MAX + 2).map(|i| n(&format!("s{i}"))),
            "Ana",
            Locale::En,
        );
        let second = Told::gather([n("s0"), n("s0"), n("late")], "Ana", Locale::En);
        let merged = Told::merge([first, second]);
        let lines = merged.lines();
        assert_eq!(lines.len(), NEWS_MAX + 1);
        assert_eq!(lines[0], "s0 (3 times)");
        assert_eq!(lines[NEWS_MAX], "and 3 more changes from Ana");
        assert!(Told::merge([]).is_empty());
        assert_eq!(
            Told::merge([Told::gather([n("x")], "", Locale::En)]).lines(),
            ["x"],
            "no partner name is needed until a line counts the rest"
        );
    }
}
