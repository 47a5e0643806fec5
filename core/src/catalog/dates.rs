//! Days and dates in words: "Sat 12 Dec", "Sa 12. Dez.".

use chrono::{Datelike, NaiveDate, Weekday};

use super::{Arg, Locale};

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
pub fn date_short(locale: Locale, date: NaiveDate) -> String {
    date_in(locale, "date-short", date)
}

/// "Sat 12 Dec 2026", "Sa 12. Dez. 2026".
pub fn date_short_year(locale: Locale, date: NaiveDate) -> String {
    date_in(locale, "date-short-year", date)
}
