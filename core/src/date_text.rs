//! A date encoded as chrono encodes it ("2027-03-10"), byte for byte, without
//! chrono's way there: chrono hands serde a `Display` through `Debug`, and
//! postcard runs that formatter twice (once to count, once to write). Every
//! ritual version, the hash that names it and every mark's op carry dates, so
//! an import of 10,000 proposals spent about 3% of its time formatting them.
//!
//! The bytes must not change: a version's id is the hash of its encoding,
//! and a replica's stored rows are read by that encoding. Reading takes the
//! same shortcut back, and leaves anything else to chrono.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    match four_digit_year(date) {
        Some(text) => s.serialize_str(ascii(&text)),
        // Years chrono writes with a sign: its own way, still the same bytes.
        None => date.serialize(s),
    }
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    d.deserialize_str(DateVisitor)
}

/// Reads what `serialize` writes without chrono's general format parser
/// (every timeline period, spec and mark carries a date; a ritual paused
/// twice a year holds 20 of them after ten years). Anything that is not
/// plain "YYYY-MM-DD" of a real day goes to chrono, which accepts or
/// refuses it as it always did.
struct DateVisitor;

impl serde::de::Visitor<'_> for DateVisitor {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a formatted date string")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<NaiveDate, E> {
        if let Some(date) = plain_date(text) {
            return Ok(date);
        }
        text.parse().map_err(E::custom)
    }
}

/// Plain "YYYY-MM-DD" of a real day; anything else is `None`.
pub fn plain_date(text: &str) -> Option<NaiveDate> {
    let b: &[u8; 10] = text.as_bytes().try_into().ok()?;
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |digits: &[u8]| -> Option<u32> {
        digits.iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let year = i32::try_from(num(&b[0..4])?).ok()?;
    NaiveDate::from_ymd_opt(year, num(&b[5..7])?, num(&b[8..10])?)
}

/// The date as text, "2027-03-10": what `date.to_string()` gives, without
/// chrono's formatter for the years written with four digits.
pub fn text(date: NaiveDate) -> String {
    match four_digit_year(&date) {
        Some(text) => ascii(&text).to_owned(),
        None => date.to_string(),
    }
}

/// For `Option<NaiveDate>` fields.
pub mod option {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => s.serialize_some(&super::Text(*date)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        Ok(Option::<super::Text>::deserialize(d)?.map(|t| t.0))
    }
}

struct Text(NaiveDate);

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize(&self.0, s)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize(d).map(Text)
    }
}

/// "YYYY-MM-DD" for years 0 to 9999, as chrono's `Debug` writes them.
fn four_digit_year(date: &NaiveDate) -> Option<[u8; 10]> {
    let year = u32::try_from(date.year()).ok().filter(|y| *y <= 9999)?;
    let mut out = *b"0000-00-00";
    let digit = |n: u32| b'0' + (n % 10) as u8;
    out[0] = digit(year / 1000);
    out[1] = digit(year / 100);
    out[2] = digit(year / 10);
    out[3] = digit(year);
    out[5] = digit(date.month() / 10);
    out[6] = digit(date.month());
    out[8] = digit(date.day() / 10);
    out[9] = digit(date.day());
    Some(out)
}

fn ascii(text: &[u8; 10]) -> &str {
    // Only ASCII digits and dashes are ever written above.
    std::str::from_utf8(text).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    struct Ours {
        #[serde(with = "super")]
        date: NaiveDate,
        #[serde(with = "super::option")]
        maybe: Option<NaiveDate>,
    }

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    struct Chronos {
        date: NaiveDate,
        maybe: Option<NaiveDate>,
    }

    fn dates() -> impl Iterator<Item = NaiveDate> {
        let every_day = NaiveDate::from_ymd_opt(1899, 12, 25)
            .unwrap()
            .iter_days()
            .take(200 * 366 + 20);
        let edges = [
            (-1, 12, 31),
            (0, 1, 1),
            (9, 2, 3),
            (999, 7, 7),
            (9999, 12, 31),
            (10000, 1, 1),
        ]
        .map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap());
        every_day
            .chain(edges)
            .chain([NaiveDate::MIN, NaiveDate::MAX])
    }

    #[test]
    fn reads_what_chrono_reads_and_refuses_what_it_refuses() {
        let texts = [
            "2027-03-10",
            "2024-02-29",
            "2027-02-29",
            "2027-02-30",
            "2027-13-01",
            "2027-00-10",
            "0000-01-01",
            "9999-12-31",
            "2027-3-10",
            "2027-03-1",
            " 2027-03-10",
            "2027/03/10",
            "20a7-03-10",
            "+10000-01-01",
            "-0001-12-31",
            "2027-03-10x",
            "",
            "2027-03-+1",
        ];
        for text in texts {
            let json = serde_json::to_string(text).unwrap();
            let ours =
                serde_json::from_str::<Ours>(&format!(r#"{{"date":{json},"maybe":{json}}}"#));
            let theirs =
                serde_json::from_str::<Chronos>(&format!(r#"{{"date":{json},"maybe":{json}}}"#));
            match (ours, theirs) {
                (Ok(o), Ok(t)) => assert_eq!((o.date, o.maybe), (t.date, t.maybe), "{text:?}"),
                (Err(_), Err(_)) => {}
                (o, t) => panic!("{text:?}: ours {o:?}, chrono's {t:?}"),
            }
        }
    }

    #[test]
    fn the_same_bytes_as_chrono_in_postcard_and_json_and_read_back() {
        for date in dates() {
            for maybe in [None, Some(date)] {
                let ours = Ours { date, maybe };
                let theirs = Chronos { date, maybe };
                let bytes = postcard::to_stdvec(&ours).unwrap();
                assert_eq!(bytes, postcard::to_stdvec(&theirs).unwrap(), "{date}");
                assert_eq!(postcard::from_bytes::<Ours>(&bytes).unwrap(), ours);
                let json = serde_json::to_string(&ours).unwrap();
                assert_eq!(json, serde_json::to_string(&theirs).unwrap(), "{date}");
                assert_eq!(serde_json::from_str::<Ours>(&json).unwrap(), ours);
            }
        }
    }
}
