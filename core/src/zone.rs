//! Time zones from the operating system's zone database.
//!
//! The rules come from the phone, not from tables compiled into the library:
//! TZif files under `/usr/share/zoneinfo` (Linux, iOS, macOS; `TZDIR` first
//! when set) and Android's concatenated `tzdata` file. That keeps the mobile
//! library small (the bundled tables were about 1.8 MB of it) and keeps a
//! ritual right when a country changes its clock rules: the phone's OS
//! updates its database without an app update. `jiff` reads both formats.
//! Builds for a platform without a database (the CLI on Windows, say) may
//! enable the `bundled-zones` feature, which compiles a copy in as a last
//! resort; the mobile library never does.
//!
//! A [`Zone`] is a `Copy` handle: each zone name is read once and interned
//! for the life of the process, so passing zones around costs nothing and
//! the chrono arithmetic the scheduler is written in keeps working through
//! [`chrono::TimeZone`]. The fixed zones floating rituals use (UTC, UTC-12,
//! UTC+14) need no database at all.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, OnceLock};

use chrono::{FixedOffset, MappedLocalTime, NaiveDate, NaiveDateTime, Offset, TimeZone};
use jiff::tz::{AmbiguousOffset, TimeZoneDatabase};

use crate::error::{Error, Result};

/// A time zone: an IANA name and its rules.
#[derive(Clone, Copy)]
pub struct Zone(&'static Entry);

struct Entry {
    name: &'static str,
    rules: Rules,
}

enum Rules {
    /// Seconds east of UTC, the same at every instant.
    Fixed(i32),
    Db(jiff::tz::TimeZone),
}

static UTC_ENTRY: Entry = Entry {
    name: "UTC",
    rules: Rules::Fixed(0),
};
// POSIX signs: "Etc/GMT+12" is twelve hours behind UTC.
static GMT_PLUS_12_ENTRY: Entry = Entry {
    name: "Etc/GMT+12",
    rules: Rules::Fixed(-12 * 3600),
};
static GMT_MINUS_14_ENTRY: Entry = Entry {
    name: "Etc/GMT-14",
    rules: Rules::Fixed(14 * 3600),
};

/// Where Android keeps its concatenated `tzdata`, newest first: the
/// updatable APEX (Android 10+), the pre-APEX update overlay, the system
/// image's copy. jiff 1.0.3 itself only looks at the last two, and the
/// system image's copy can be years old.
#[cfg(target_os = "android")]
const ANDROID_TZDATA: &[&str] = &[
    "/apex/com.android.tzdata/etc/tz/tzdata",
    "/data/misc/zoneinfo/current/tzdata",
    "/system/usr/share/zoneinfo/tzdata",
];

impl Zone {
    pub const UTC: Zone = Zone(&UTC_ENTRY);
    /// UTC-12, the last place on Earth where a date begins.
    pub const GMT_PLUS_12: Zone = Zone(&GMT_PLUS_12_ENTRY);
    /// UTC+14, the first place on Earth where a date begins.
    pub const GMT_MINUS_14: Zone = Zone(&GMT_MINUS_14_ENTRY);

    /// The zone named `name` exactly (case matters, as it did with the
    /// bundled tables: the name travels to the partner's phone).
    pub fn named(name: &str) -> Result<Zone> {
        for fixed in [Zone::UTC, Zone::GMT_PLUS_12, Zone::GMT_MINUS_14] {
            if fixed.name() == name {
                return Ok(fixed);
            }
        }
        let unknown =
            || Error::invalid("unknown time zone (expected an IANA name like Europe/Berlin)");
        let mut interned = interned().lock().unwrap_or_else(|e| e.into_inner());
        if let Some(entry) = interned.get(name) {
            return Ok(Zone(entry));
        }
        let rules = lookup(database(), name).ok_or_else(unknown)?;
        // Leaked on purpose: one entry per distinct valid zone name (a few
        // hundred at most), alive as long as the process, so `Zone` can be
        // `Copy`. Names a partner invents are never interned: they fail above.
        let name: &'static str = Box::leak(name.to_owned().into_boxed_str());
        let entry: &'static Entry = Box::leak(Box::new(Entry {
            name,
            rules: Rules::Db(rules),
        }));
        interned.insert(name, entry);
        Ok(Zone(entry))
    }

    pub fn name(self) -> &'static str {
        self.0.name
    }

    /// Seconds east of UTC at `utc_seconds` (Unix time).
    fn offset_at(self, utc_seconds: i64) -> i32 {
        match &self.0.rules {
            Rules::Fixed(secs) => *secs,
            Rules::Db(tz) => {
                let ts = jiff::Timestamp::from_second(utc_seconds).unwrap_or(if utc_seconds < 0 {
                    jiff::Timestamp::MIN
                } else {
                    jiff::Timestamp::MAX
                });
                tz.to_offset(ts).seconds()
            }
        }
    }

    /// The offsets local wall time `local` can have: one, none (a gap), or
    /// two (a repeated hour; the earlier instant first).
    fn offsets_of_local(self, local: &NaiveDateTime) -> MappedLocalTime<i32> {
        use chrono::{Datelike, Timelike};
        let tz = match &self.0.rules {
            Rules::Fixed(secs) => return MappedLocalTime::Single(*secs),
            Rules::Db(tz) => tz,
        };
        let civil = (|| {
            jiff::civil::DateTime::new(
                i16::try_from(local.year()).ok()?,
                i8::try_from(local.month()).ok()?,
                i8::try_from(local.day()).ok()?,
                i8::try_from(local.hour()).ok()?,
                i8::try_from(local.minute()).ok()?,
                i8::try_from(local.second()).ok()?,
                0,
            )
            .ok()
        })();
        // Beyond jiff's years (-9999..=9999) the scheduler never goes
        // (schedule::instant refuses anything outside 1900 to 2200).
        let Some(civil) = civil else {
            return MappedLocalTime::None;
        };
        match tz.to_ambiguous_timestamp(civil).offset() {
            AmbiguousOffset::Unambiguous { offset } => MappedLocalTime::Single(offset.seconds()),
            AmbiguousOffset::Gap { .. } => MappedLocalTime::None,
            AmbiguousOffset::Fold { before, after } => {
                MappedLocalTime::Ambiguous(before.seconds(), after.seconds())
            }
        }
    }
}

impl PartialEq for Zone {
    fn eq(&self, other: &Self) -> bool {
        self.name() == other.name()
    }
}
impl Eq for Zone {}

impl std::hash::Hash for Zone {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name().hash(state);
    }
}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Zone({})", self.name())
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Zone {
    type Err = Error;
    fn from_str(s: &str) -> Result<Zone> {
        Zone::named(s)
    }
}

/// A zone's offset at one instant; carries the zone so chrono can rebuild
/// the `DateTime<Zone>` around it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ZoneOffset {
    zone: Zone,
    fixed: FixedOffset,
}

impl ZoneOffset {
    fn new(zone: Zone, seconds: i32) -> ZoneOffset {
        // Real offsets are within ±26 hours; anything else is a corrupt
        // database, read as UTC rather than trusted.
        let fixed = FixedOffset::east_opt(seconds).unwrap_or_else(|| chrono::Utc.fix());
        ZoneOffset { zone, fixed }
    }
}

impl fmt::Debug for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.fixed)
    }
}

impl fmt::Display for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.fixed)
    }
}

impl chrono::Offset for ZoneOffset {
    fn fix(&self) -> FixedOffset {
        self.fixed
    }
}

impl TimeZone for Zone {
    type Offset = ZoneOffset;

    fn from_offset(offset: &ZoneOffset) -> Zone {
        offset.zone
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> MappedLocalTime<ZoneOffset> {
        self.offset_from_local_datetime(&local.and_time(chrono::NaiveTime::MIN))
    }

    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> MappedLocalTime<ZoneOffset> {
        self.offsets_of_local(local)
            .map(|secs| ZoneOffset::new(*self, secs))
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> ZoneOffset {
        self.offset_from_utc_datetime(&utc.and_time(chrono::NaiveTime::MIN))
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> ZoneOffset {
        ZoneOffset::new(*self, self.offset_at(utc.and_utc().timestamp()))
    }
}

/// Every zone name the system's database lists, sorted: for tests that walk
/// all zones (the list differs between systems and tzdata releases).
pub fn available() -> Vec<String> {
    let mut names: Vec<String> = database()
        .available()
        .map(|n| n.as_str().to_owned())
        .filter(|n| is_iana_name(n))
        .collect();
    names.sort_unstable();
    names
}

fn is_iana_name(name: &str) -> bool {
    !(name.is_empty()
        || name.starts_with("posix/")
        || name.starts_with("right/")
        || matches!(name, "Etc/Unknown" | "localtime" | "posixrules" | "Factory"))
}

fn interned() -> &'static Mutex<HashMap<&'static str, &'static Entry>> {
    static INTERNED: OnceLock<Mutex<HashMap<&'static str, &'static Entry>>> = OnceLock::new();
    INTERNED.get_or_init(|| Mutex::new(HashMap::new()))
}

/// The process's zone database, opened on first use.
fn database() -> &'static TimeZoneDatabase {
    static DB: OnceLock<TimeZoneDatabase> = OnceLock::new();
    DB.get_or_init(open_database)
}

fn open_database() -> TimeZoneDatabase {
    #[cfg(target_os = "android")]
    for path in ANDROID_TZDATA {
        if let Ok(db) = TimeZoneDatabase::from_concatenated_path(path)
            && !db.is_definitively_empty()
        {
            return db;
        }
    }
    // TZDIR, then /usr/share/zoneinfo and its usual alternatives, then a
    // concatenated tzdata, then (with `bundled-zones` only) the compiled-in
    // copy.
    TimeZoneDatabase::from_env()
}

/// The rules for exactly `name` in `db`. jiff matches names without regard
/// to case and knows a name of its own ("Etc/Unknown"), and Linux's
/// directory holds files that are not IANA zones (`posix/` and `right/`
/// copies, `localtime`, `posixrules`): none of them is a zone another phone
/// could read, so all are refused.
fn lookup(db: &TimeZoneDatabase, name: &str) -> Option<jiff::tz::TimeZone> {
    if !is_iana_name(name) {
        return None;
    }
    let tz = db.get(name).ok()?;
    (tz.iana_name() == Some(name)).then_some(tz)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A TZif (version 2) file with no transitions and a POSIX rule in its
    /// footer, as `zic -b slim` writes them: every offset comes from the rule.
    fn tzif(footer: &str) -> Vec<u8> {
        let header = |out: &mut Vec<u8>, typecnt: u32, charcnt: u32| {
            out.extend_from_slice(b"TZif2");
            out.extend_from_slice(&[0; 15]);
            // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
            for n in [0, 0, 0, 0, typecnt, charcnt] {
                out.extend_from_slice(&u32::to_be_bytes(n));
            }
        };
        let mut out = Vec::new();
        // The version 1 block: one local time type (UTC+3, "XST").
        for _ in 0..2 {
            header(&mut out, 1, 4);
            out.extend_from_slice(&i32::to_be_bytes(3 * 3600));
            out.extend_from_slice(&[0, 0]); // isdst, abbreviation index
            out.extend_from_slice(b"XST\0");
        }
        out.extend_from_slice(format!("\n{footer}\n").as_bytes());
        out
    }

    #[test]
    fn reads_a_tzif_file_from_a_zone_directory() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("Test")).unwrap();
        // Standard time UTC+3, summer time UTC+4 from the last Sunday of
        // March 02:00 to the last Sunday of October 03:00.
        std::fs::write(
            dir.path().join("Test/Somewhere"),
            tzif("XST-3XDT,M3.5.0,M10.5.0/3"),
        )
        .unwrap();
        let db = TimeZoneDatabase::from_dir(dir.path()).unwrap();
        let rules = lookup(&db, "Test/Somewhere").expect("zone from the TZif file");
        assert!(lookup(&db, "test/somewhere").is_none(), "case matters");
        assert!(lookup(&db, "Test/Elsewhere").is_none());
        let zone = Zone(Box::leak(Box::new(Entry {
            name: "Test/Somewhere",
            rules: Rules::Db(rules),
        })));
        let offset_on = |y, m, d, h| {
            let t = chrono::Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap();
            t.with_timezone(&zone).offset().fix().local_minus_utc() / 3600
        };
        assert_eq!(offset_on(2031, 1, 15, 12), 3);
        assert_eq!(offset_on(2031, 7, 15, 12), 4);
        // 2031-03-30 is the last Sunday of March: 02:30 does not exist there,
        // and 02:30 on 2031-10-26 happens twice.
        let local = |m, d| {
            NaiveDate::from_ymd_opt(2031, m, d)
                .unwrap()
                .and_hms_opt(2, 30, 0)
                .unwrap()
        };
        let gap = local(3, 30);
        assert!(matches!(
            zone.offset_from_local_datetime(&gap),
            MappedLocalTime::None
        ));
        let fold = local(10, 26);
        match zone.offset_from_local_datetime(&fold) {
            MappedLocalTime::Ambiguous(first, second) => {
                assert_eq!(first.fix().local_minus_utc(), 4 * 3600);
                assert_eq!(second.fix().local_minus_utc(), 3 * 3600);
            }
            other => panic!("expected a repeated hour, got {other:?}"),
        }
    }

    /// Android's format: one `tzdata` file, a header, an index of names
    /// sorted by name, then the TZif files one after another.
    #[test]
    fn reads_an_android_tzdata_file() {
        let zones = [
            ("Test/Eastern", tzif("EST5EDT,M3.2.0,M11.1.0")),
            ("Test/Somewhere", tzif("XST-3")),
        ];
        let index_offset = 24u32;
        let data_offset = index_offset + 52 * zones.len() as u32;
        let mut index = Vec::new();
        let mut data = Vec::new();
        for (name, bytes) in &zones {
            let mut entry = [0u8; 52];
            entry[..name.len()].copy_from_slice(name.as_bytes());
            entry[40..44].copy_from_slice(&(data.len() as u32).to_be_bytes());
            entry[44..48].copy_from_slice(&(bytes.len() as u32).to_be_bytes());
            index.extend_from_slice(&entry);
            data.extend_from_slice(bytes);
        }
        let mut file = b"tzdata2031a\0".to_vec();
        for n in [index_offset, data_offset, data_offset + data.len() as u32] {
            file.extend_from_slice(&n.to_be_bytes());
        }
        file.extend_from_slice(&index);
        file.extend_from_slice(&data);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tzdata");
        std::fs::write(&path, file).unwrap();
        let db = TimeZoneDatabase::from_concatenated_path(&path).unwrap();
        assert!(lookup(&db, "Test/Nowhere").is_none());
        let eastern = lookup(&db, "Test/Eastern").expect("zone from tzdata");
        let zone = Zone(Box::leak(Box::new(Entry {
            name: "Test/Eastern",
            rules: Rules::Db(eastern),
        })));
        let july = chrono::Utc.with_ymd_and_hms(2031, 7, 1, 12, 0, 0).unwrap();
        assert_eq!(
            july.with_timezone(&zone).to_rfc3339(),
            "2031-07-01T08:00:00-04:00"
        );
        let somewhere = lookup(&db, "Test/Somewhere").expect("zone from tzdata");
        assert_eq!(somewhere.iana_name(), Some("Test/Somewhere"));
    }

    #[test]
    fn fixed_zones_need_no_database() {
        assert_eq!(Zone::named("UTC").unwrap(), Zone::UTC);
        assert_eq!(Zone::named("Etc/GMT+12").unwrap(), Zone::GMT_PLUS_12);
        let noon = chrono::Utc.with_ymd_and_hms(2027, 1, 1, 12, 0, 0).unwrap();
        assert_eq!(
            noon.with_timezone(&Zone::GMT_MINUS_14).to_rfc3339(),
            "2027-01-02T02:00:00+14:00"
        );
        assert_eq!(
            noon.with_timezone(&Zone::GMT_PLUS_12).to_rfc3339(),
            "2027-01-01T00:00:00-12:00"
        );
    }

    #[test]
    fn names_are_exact() {
        for bad in [
            "",
            "utc",
            "europe/berlin",
            "Etc/Unknown",
            "Mars/Olympus",
            "../etc/passwd",
        ] {
            let e = Zone::named(bad).unwrap_err().to_string();
            assert!(e.contains("unknown time zone"), "{bad}: {e}");
        }
        let berlin = Zone::named("Europe/Berlin").unwrap();
        assert_eq!(berlin.name(), "Europe/Berlin");
        assert_eq!(Zone::named("Europe/Berlin").unwrap(), berlin);
    }
}
