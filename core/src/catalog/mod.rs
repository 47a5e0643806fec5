//! The one message catalog: every sentence the core shows a person, in
//! English and German, chosen by the device's locale. Messages are written
//! in Project Fluent's syntax (`en.ftl`, `de.ftl`, compiled in) and parsed
//! once into a map; this is a small engine of our own for the subset the
//! catalog uses, because the `fluent-bundle` crate does not fit the mobile
//! library's size budget:
//!
//! - `id = text`, text continued on indented lines (joined by a newline);
//! - placeables naming a variable, `{ $name }`;
//! - selects, `{ $count -> [one] … [0] … *[other] … }`, one variant a line:
//!   on a number by exact value, then by CLDR plural category (English and
//!   German alike: `one` for exactly 1, else `other`); on a text by key;
//! - `#` comments.
//!
//! Nothing here panics on a missing message or variable: the id, or
//! `{$name}`, shows instead, visibly. The pseudo-locale (`en-XA`) renders
//! the English text accented and bracketed, `⟦Påüsé⟧`, and leaves variable
//! values as they came, so a test can tell the catalog's words from words a
//! person wrote and from text that bypassed the catalog.

mod parse;

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, Weekday};

pub use parse::{Element, Key, Message, ParseError, parse};

use crate::error::{Error, Result};

const EN: &str = include_str!("en.ftl");
const DE: &str = include_str!("de.ftl");

/// The language messages are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    #[default]
    En,
    De,
    /// English, accented and bracketed: shows text that bypassed the
    /// catalog (Android's pseudo-locale tag, `en-XA`).
    Pseudo,
}

/// The longest language tag taken (BCP 47 advises 35 characters).
const MAX_TAG: usize = 35;

impl Locale {
    pub const ALL: [Locale; 3] = [Locale::En, Locale::De, Locale::Pseudo];

    /// From a BCP 47 or POSIX tag: `de`, `de-DE`, `de_AT.UTF-8` read as
    /// German, `en-XA` as the pseudo-locale, any other language (and `C`,
    /// `POSIX`) as English. An empty tag, one longer than 35 characters
    /// or one holding control characters is refused; the refusal never
    /// repeats the tag.
    pub fn parse(tag: &str) -> Result<Locale> {
        let tag = tag.trim();
        if tag.is_empty() || tag.chars().count() > MAX_TAG || tag.chars().any(char::is_control) {
            return Err(Error::invalid(
                "a language tag is 1 to 35 characters, like de-DE or en_GB.UTF-8",
            ));
        }
        let lower = tag.to_ascii_lowercase();
        let mut parts = lower.split(['-', '_', '.', '@']);
        let language = parts.next().unwrap_or_default();
        let region = parts.next().unwrap_or_default();
        Ok(match (language, region) {
            ("de" | "deu" | "ger", _) => Locale::De,
            ("en", "xa") | ("qps", "ploc") => Locale::Pseudo,
            _ => Locale::En,
        })
    }

    /// The tag this locale is named by.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::De => "de",
            Locale::Pseudo => "en-XA",
        }
    }

    /// The message `id`, with no variables.
    pub fn say(self, id: &str) -> String {
        self.say_with(id, &[])
    }

    /// The message `id` with its named variables.
    pub fn say_with(self, id: &str, args: &[(&str, Arg)]) -> String {
        let Some(message) = catalog(self).get(id) else {
            return id.to_owned();
        };
        let mut out = String::new();
        render(self, &message.pattern, args, &mut out);
        if self == Locale::Pseudo {
            format!("⟦{out}⟧")
        } else {
            out
        }
    }

    /// `items` as a list in this language: "Mon, Wed and Fri".
    pub fn and_list(self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [rest @ .., last] => self.say_with(
                "list-and",
                &[
                    ("first", Arg::Str(&rest.join(", "))),
                    ("last", Arg::Str(last)),
                ],
            ),
        }
    }
}

/// A named variable's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arg<'a> {
    Num(i64),
    /// Shown as given: a person's words, a time, or words the catalog
    /// already rendered.
    Str(&'a str),
}

/// Every message of `locale`, parsed once. A message that does not parse
/// is left out (and shows as its id); a unit test keeps the shipped files
/// free of errors.
fn catalog(locale: Locale) -> &'static HashMap<String, Message> {
    static EN_MAP: OnceLock<HashMap<String, Message>> = OnceLock::new();
    static DE_MAP: OnceLock<HashMap<String, Message>> = OnceLock::new();
    let (cell, source) = match locale {
        Locale::En | Locale::Pseudo => (&EN_MAP, EN),
        Locale::De => (&DE_MAP, DE),
    };
    cell.get_or_init(|| {
        parse(source)
            .0
            .into_iter()
            .map(|m| (m.id.clone(), m))
            .collect()
    })
}

/// The plural category of `n` in English and German.
fn plural(n: i64) -> &'static str {
    if n == 1 { "one" } else { "other" }
}

fn render(locale: Locale, pattern: &[Element], args: &[(&str, Arg)], out: &mut String) {
    let arg = |name: &str| args.iter().find(|(k, _)| *k == name).map(|(_, v)| *v);
    for element in pattern {
        match element {
            Element::Text(text) if locale == Locale::Pseudo => out.extend(text.chars().map(accent)),
            Element::Text(text) => out.push_str(text),
            Element::Var(name) => match arg(name) {
                Some(Arg::Num(n)) => out.push_str(&n.to_string()),
                Some(Arg::Str(s)) => out.push_str(s),
                None => {
                    out.push_str("{$");
                    out.push_str(name);
                    out.push('}');
                }
            },
            Element::Select {
                selector,
                variants,
                default,
            } => {
                let chosen = match arg(selector) {
                    Some(Arg::Num(n)) => variants
                        .iter()
                        .position(|(k, _)| *k == Key::Number(n))
                        .or_else(|| {
                            variants
                                .iter()
                                .position(|(k, _)| *k == Key::Name(plural(n).to_owned()))
                        }),
                    Some(Arg::Str(s)) => variants
                        .iter()
                        .position(|(k, _)| matches!(k, Key::Name(name) if name == s)),
                    None => None,
                };
                let index = chosen.unwrap_or(*default);
                if let Some((_, value)) = variants.get(index) {
                    render(locale, value, args, out);
                }
            }
        }
    }
}

/// A letter as the pseudo-locale writes it.
fn accent(c: char) -> char {
    match c {
        'a' => 'å',
        'e' => 'é',
        'i' => 'ï',
        'o' => 'ö',
        'u' => 'ü',
        'c' => 'ç',
        'n' => 'ñ',
        'y' => 'ý',
        'A' => 'Å',
        'E' => 'É',
        'I' => 'Î',
        'O' => 'Ö',
        'U' => 'Ü',
        'C' => 'Ç',
        'N' => 'Ñ',
        other => other,
    }
}

// Days and dates in words: "Sat 12 Dec", "Sa 12. Dez.".

/// "Sat", "Sa".
pub fn weekday_short(locale: Locale, day: Weekday) -> String {
    locale.say(match day {
        Weekday::Mon => "day-mon",
        Weekday::Tue => "day-tue",
        Weekday::Wed => "day-wed",
        Weekday::Thu => "day-thu",
        Weekday::Fri => "day-fri",
        Weekday::Sat => "day-sat",
        Weekday::Sun => "day-sun",
    })
}

fn month_short(locale: Locale, month: u32) -> String {
    locale.say(match month {
        1 => "month-jan",
        2 => "month-feb",
        3 => "month-mar",
        4 => "month-apr",
        5 => "month-may",
        6 => "month-jun",
        7 => "month-jul",
        8 => "month-aug",
        9 => "month-sep",
        10 => "month-oct",
        11 => "month-nov",
        _ => "month-dec",
    })
}

fn date_in(locale: Locale, id: &str, date: NaiveDate) -> String {
    let (weekday, month) = (
        weekday_short(locale, date.weekday()),
        month_short(locale, date.month()),
    );
    locale.say_with(
        id,
        &[
            ("weekday", Arg::Str(&weekday)),
            ("day", Arg::Num(i64::from(date.day()))),
            ("month", Arg::Str(&month)),
            ("year", Arg::Num(i64::from(date.year()))),
        ],
    )
}

/// "Sat 12 Dec", "Sa 12. Dez.".
/// "30 min", "1 h", "1 h 30 min".
pub fn length_in(minutes: i64, l: Locale) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match (h, m) {
        (0, m) => l.say_with("duration-minutes", &[("minutes", Arg::Num(m))]),
        (h, 0) => l.say_with("duration-hours", &[("hours", Arg::Num(h))]),
        (h, m) => l.say_with(
            "duration-hours-minutes",
            &[("hours", Arg::Num(h)), ("minutes", Arg::Num(m))],
        ),
    }
}

pub fn date_short(locale: Locale, date: NaiveDate) -> String {
    date_in(locale, "date-short", date)
}

/// "Sat 12 Dec 2026", "Sa 12. Dez. 2026".
pub fn date_short_year(locale: Locale, date: NaiveDate) -> String {
    date_in(locale, "date-short-year", date)
}

#[cfg(test)]
mod tests;
