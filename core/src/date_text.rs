//! A date encoded as chrono encodes it ("2027-03-10"), byte for byte, without
//! chrono's way there: chrono hands serde a `Display` through `Debug`, and
//! postcard runs that formatter twice (once to count, once to write). Every
//! ritual version, the hash that names it and every mark's op carry dates, so
//! an import of 10,000 proposals spent about 3% of its time formatting them.
//!
//! The bytes must not change: a version's id is the hash of its encoding,
//! and a replica's stored rows are read by that encoding. Deserializing is
//! chrono's own.

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
    NaiveDate::deserialize(d)
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
        Option::<NaiveDate>::deserialize(d)
    }
}

struct Text(NaiveDate);

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize(&self.0, s)
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
