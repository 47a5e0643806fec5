//! The calendar export means what Tandem means: for every recurrence kind,
//! the ICS (expanded by an independent RRULE implementation) gives exactly the
//! occurrences `upcoming` gives for the same range.

mod common;

use chrono::TimeZone;
use common::*;
use tandem_core::RitualDraft;
use tandem_core::schedule::recurrence::{FrequencyDraft, RecurrenceDraft};

fn rec(
    frequency: FrequencyDraft,
    start: &str,
    until: Option<&str>,
    count: Option<u32>,
) -> Option<RecurrenceDraft> {
    Some(RecurrenceDraft {
        frequency,
        start: Some(start.into()),
        until: until.map(Into::into),
        count,
    })
}

/// The VEVENTs of a calendar, unfolded, as (uid, lines).
fn events(ics: &str) -> Vec<(String, Vec<String>)> {
    let unfolded = ics.replace("\r\n ", "");
    let mut out = Vec::new();
    let mut current: Option<Vec<String>> = None;
    for line in unfolded.split("\r\n") {
        match line {
            "BEGIN:VEVENT" => current = Some(Vec::new()),
            "END:VEVENT" => {
                let lines = current.take().unwrap();
                let uid = lines
                    .iter()
                    .find_map(|l| l.strip_prefix("UID:"))
                    .unwrap()
                    .to_string();
                out.push((uid, lines));
            }
            l => {
                if let Some(c) = current.as_mut() {
                    c.push(l.to_string());
                }
            }
        }
    }
    out
}

#[test]
fn ics_occurrences_equal_upcoming_for_every_kind() {
    let mut ana = device("Ana", &KEY_A, "2027-02-20T12:00:00Z");
    let mut ben = device("Ben", &KEY_B, "2027-02-20T12:00:00Z");
    pair(&mut ana, &mut ben);
    let kinds: Vec<(&str, Option<&str>, Option<RecurrenceDraft>)> = vec![
        (
            "Daily",
            None,
            rec(
                FrequencyDraft::Daily,
                "2027-03-01",
                Some("2027-04-10"),
                None,
            ),
        ),
        (
            "Weekdays",
            Some("Europe/Berlin"),
            rec(
                FrequencyDraft::Weekdays(vec![2, 4, 6]),
                "2027-03-01",
                None,
                None,
            ),
        ),
        (
            "Every 3 days",
            Some("America/New_York"),
            rec(FrequencyDraft::EveryNDays(3), "2027-03-02", None, Some(12)),
        ),
        (
            "Weekly",
            Some("Australia/Sydney"),
            rec(
                FrequencyDraft::Weekly,
                "2027-03-07",
                Some("2027-05-30"),
                None,
            ),
        ),
        (
            "Monthly 31st",
            Some("Australia/Lord_Howe"),
            rec(FrequencyDraft::MonthlyOnDay(31), "2027-01-15", None, None),
        ),
        (
            "Last Friday",
            None,
            rec(
                FrequencyDraft::MonthlyOnWeekday {
                    nth: -1,
                    weekday: 5,
                },
                "2027-03-01",
                None,
                Some(4),
            ),
        ),
        (
            "Second Sunday",
            Some("America/Santiago"),
            rec(
                FrequencyDraft::MonthlyOnWeekday { nth: 2, weekday: 7 },
                "2027-03-01",
                None,
                None,
            ),
        ),
    ];
    for (title, zone, recurrence) in kinds {
        let r = ana
            .core
            .propose_ritual(&RitualDraft {
                prompt: Some("Prompt, with; punctuation\\and a newline\nhere".into()),
                recurrence,
                ..draft(title, "19:30", zone)
            })
            .unwrap();
        deliver(&mut ana, &mut ben);
        ben.core.accept_ritual(&r.id).unwrap();
        deliver(&mut ben, &mut ana);
    }
    // A waiting proposal is not exported.
    ana.core
        .propose_ritual(&draft("Not yet agreed", "08:00", None))
        .unwrap();

    let ics = ana.core.export_ics(false).unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(!ics.contains("Not yet agreed"));
    assert!(ics.contains("DESCRIPTION:Prompt\\, with\\; punctuation\\\\and a newline\\nhere"));
    let device_zone = "America/Los_Angeles";
    let (from, to) = (ms("2027-02-20T00:00:00Z"), ms("2027-12-31T00:00:00Z"));
    let upcoming = ana.core.upcoming(from, to, device_zone).unwrap();
    let evs = events(&ics);
    assert_eq!(evs.len(), 7);
    for (uid, lines) in evs {
        let id = uid.trim_end_matches("@tandem");
        let dtstart = lines.iter().find(|l| l.starts_with("DTSTART")).unwrap();
        let rrule = lines.iter().find(|l| l.starts_with("RRULE:")).unwrap();
        assert_eq!(
            lines.iter().find(|l| l.starts_with("DURATION:")).unwrap(),
            "DURATION:PT10M"
        );
        // A floating time is read in the device's zone, as a calendar app would.
        let dtstart = if dtstart.starts_with("DTSTART:") {
            let until_floating = rrule.contains("UNTIL=") && !rrule.contains('Z');
            assert!(!until_floating || !rrule.ends_with('Z'));
            dtstart.replacen("DTSTART:", &format!("DTSTART;TZID={device_zone}:"), 1)
        } else {
            dtstart.clone()
        };
        // rrule wants a zoned UNTIL with a zoned DTSTART.
        let rrule = match rrule.split_once("UNTIL=") {
            Some((head, until)) if !until.ends_with('Z') => {
                let local = chrono::NaiveDateTime::parse_from_str(until, "%Y%m%dT%H%M%S").unwrap();
                let tz: tandem_core::Zone = device_zone.parse().unwrap();
                let utc = tz
                    .from_local_datetime(&local)
                    .earliest()
                    .unwrap()
                    .with_timezone(&chrono::Utc);
                format!("{head}UNTIL={}", utc.format("%Y%m%dT%H%M%SZ"))
            }
            _ => rrule.clone(),
        };
        let set: rrule::RRuleSet = format!("{dtstart}\n{rrule}").parse().unwrap();
        let theirs: Vec<i64> = set
            .all(1000)
            .dates
            .into_iter()
            .map(|d| d.timestamp_millis())
            .filter(|t| (from..to).contains(t))
            .collect();
        let ours: Vec<i64> = upcoming
            .iter()
            .filter(|o| o.ritual_id == id)
            .map(|o| o.start_ms())
            .collect();
        assert!(!ours.is_empty());
        assert_eq!(ours, theirs, "{dtstart} {rrule}");
    }
}

/// The occurrences an independent RRULE expander (the `rrule` crate) gives
/// for one VEVENT's DTSTART and RRULE in `[from, to)`, a floating time read
/// in `device_zone` as a calendar app would.
fn expanded(lines: &[String], device_zone: &str, (from, to): (i64, i64)) -> Vec<i64> {
    let dtstart = lines.iter().find(|l| l.starts_with("DTSTART")).unwrap();
    let rrule = lines.iter().find(|l| l.starts_with("RRULE:")).unwrap();
    let dtstart = dtstart.replacen("DTSTART:", &format!("DTSTART;TZID={device_zone}:"), 1);
    let set: rrule::RRuleSet = format!("{dtstart}\n{rrule}").parse().unwrap();
    set.all(2000)
        .dates
        .into_iter()
        .map(|d| d.timestamp_millis())
        .filter(|t| (from..to).contains(t))
        .collect()
}

#[test]
fn the_calendar_skips_the_day_samoa_skipped_as_upcoming_does() {
    let apia = "Pacific/Apia";
    let mut ana = device("Ana", &KEY_A, "2011-12-20T00:00:00Z");
    let mut ben = device("Ben", &KEY_B, "2011-12-20T00:00:00Z");
    pair(&mut ana, &mut ben);
    let kinds: Vec<(&str, Option<&str>, Option<RecurrenceDraft>)> = vec![
        (
            "Daily",
            Some(apia),
            rec(FrequencyDraft::Daily, "2011-12-01", None, None),
        ),
        (
            "Floating daily",
            None,
            rec(FrequencyDraft::Daily, "2011-12-01", None, None),
        ),
        (
            "Ten days",
            Some(apia),
            rec(FrequencyDraft::Daily, "2011-12-26", None, Some(10)),
        ),
        (
            "Fridays",
            Some(apia),
            rec(FrequencyDraft::Weekdays(vec![5]), "2011-12-01", None, None),
        ),
        (
            "Weekly",
            Some(apia),
            rec(FrequencyDraft::Weekly, "2011-12-23", None, None),
        ),
        (
            "The 30th",
            Some(apia),
            rec(
                FrequencyDraft::MonthlyOnDay(30),
                "2011-11-01",
                None,
                Some(4),
            ),
        ),
        (
            "Last Friday",
            Some(apia),
            rec(
                FrequencyDraft::MonthlyOnWeekday {
                    nth: -1,
                    weekday: 5,
                },
                "2011-11-01",
                Some("2012-03-31"),
                None,
            ),
        ),
    ];
    for (title, zone, recurrence) in kinds {
        let r = ana
            .core
            .propose_ritual(&RitualDraft {
                recurrence,
                ..draft(title, "20:30", zone)
            })
            .unwrap();
        deliver(&mut ana, &mut ben);
        ben.core.accept_ritual(&r.id).unwrap();
        deliver(&mut ben, &mut ana);
    }
    let ics = ana.core.export_ics(false).unwrap();
    let range = (ms("2011-11-01T00:00:00Z"), ms("2012-04-01T00:00:00Z"));
    let upcoming = ana.core.upcoming(range.0, range.1, apia).unwrap();
    let evs = events(&ics);
    assert_eq!(evs.len(), 7);
    for (uid, lines) in evs {
        let id = uid.trim_end_matches("@tandem");
        let ours: Vec<i64> = upcoming
            .iter()
            .filter(|o| o.ritual_id == id)
            .map(|o| o.start_ms())
            .collect();
        let skipped = chrono::NaiveDate::from_ymd_opt(2011, 12, 30).unwrap();
        assert!(upcoming.iter().all(|o| o.date != skipped));
        assert!(!ours.is_empty());
        assert_eq!(ours, expanded(&lines, apia, range), "{lines:?}");
    }
    // The count of ten used up the skipped day; the calendar, which does
    // not count it, is told where the ten end instead.
    assert!(ics.contains("UNTIL=20120104T063000Z"), "{ics}");
}
