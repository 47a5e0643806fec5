//! Faults and hostile data (issue 19): files written whole or not at all,
//! a partner's extreme values refused at admission, no panic that bricks
//! the store.

mod common;

use tandem_ffi::{FileAccess, TandemError};

#[test]
fn write_file_refuses_bad_paths_and_keeps_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("backup.tandem");
    let path = target.to_str().unwrap().to_owned();
    for bad in ["", "a\0b"] {
        assert!(matches!(
            tandem_ffi::write_file(bad.into(), vec![1], FileAccess::Shared),
            Err(TandemError::InvalidInput { .. })
        ));
    }
    tandem_ffi::write_file(path.clone(), b"old".to_vec(), FileAccess::Private).unwrap();
    tandem_ffi::write_file(path.clone(), b"new".to_vec(), FileAccess::Private).unwrap();
    assert_eq!(std::fs::read(&target).unwrap(), b"new");
    // A key is never written over.
    match tandem_ffi::write_file(path.clone(), b"key".to_vec(), FileAccess::PrivateNew) {
        Err(TandemError::Storage { reason }) => {
            assert!(reason.contains("already exists"), "{reason}");
            assert!(reason.contains("previous file is unchanged"), "{reason}");
            assert!(!reason.contains("backup.tandem"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(std::fs::read(&target).unwrap(), b"new");
    let missing = dir.path().join("gone").join("x");
    assert!(matches!(
        tandem_ffi::write_file(
            missing.to_str().unwrap().into(),
            vec![1],
            FileAccess::Shared
        ),
        Err(TandemError::Storage { .. })
    ));
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "no temporary file is left behind");
}

use chrono::NaiveDate;
use common::*;
use tandem_core::Error;
use tandem_core::rituals::RitualChange;
use tandem_core::schedule::recurrence::{End, Frequency, Recurrence};
use tandem_core::sync::payload::Body;
use tandem_core::sync::{Change, Op};

/// Ben's modified app: his genuine proposal of a ritual, with its
/// recurrence (and times) rewritten, sealed under his real keys.
fn hostile_proposal(
    ben: &mut Device,
    edit: impl FnOnce(&mut tandem_core::rituals::RitualSpec),
) -> (Vec<u8>, String) {
    let ritual = ben
        .core
        .propose_ritual(&draft("Walk", "10:00", None))
        .unwrap();
    let mut op: Op = ben
        .core
        .ops()
        .unwrap()
        .into_iter()
        .rfind(|o| o.entity.ends_with(&ritual.id))
        .unwrap();
    let Change::Ritual(RitualChange::Proposed(spec)) = &mut op.change else {
        panic!("expected a proposal");
    };
    edit(spec);
    let payload = ben
        .core
        .seal_forged(&Body {
            ack: vec![],
            ops: vec![op],
            confirm: None,
            lineage: vec![],
            prekey: None,
            ..Body::default()
        })
        .unwrap();
    (payload, ritual.id)
}

/// One rewrite of a proposal's spec, as a modified app would make it.
type Edit = Box<dyn FnOnce(&mut tandem_core::rituals::RitualSpec)>;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn a_partners_extreme_dates_counts_and_intervals_are_refused_at_admission() {
    let (mut ana, mut ben) = paired();
    sync(&mut ana, &mut ben);
    let before = snapshot(&ana);
    let hostile: Vec<(&str, Edit)> = vec![
        (
            "between 1900 and 2200",
            Box::new(|s| {
                s.recurrence = Recurrence {
                    frequency: Frequency::Daily,
                    start: NaiveDate::MIN,
                    end: End::Count(10_000),
                }
            }),
        ),
        (
            "between 1900 and 2200",
            Box::new(|s| s.recurrence.start = NaiveDate::from_ymd_opt(-10_000, 1, 1).unwrap()),
        ),
        (
            "between 1900 and 2200",
            Box::new(|s| s.recurrence.start = date(9999, 12, 31)),
        ),
        (
            "between 1900 and 2200",
            Box::new(|s| s.recurrence.end = End::Until(NaiveDate::MAX)),
        ),
        (
            "count of occurrences",
            Box::new(|s| s.recurrence.end = End::Count(u32::MAX)),
        ),
        (
            "every n days",
            Box::new(|s| s.recurrence.frequency = Frequency::EveryNDays(u16::MAX)),
        ),
        ("lasts 1 to", Box::new(|s| s.minutes = u32::MAX)),
        ("", Box::new(|s| s.time_of_day = u16::MAX)),
        (
            "a day (1440 minutes)",
            Box::new(|s| s.leads = vec![u16::MAX]),
        ),
        (
            "between 1900 and 2200",
            Box::new(|s| s.trial_until = Some(NaiveDate::MAX)),
        ),
    ];
    for (mentions, edit) in hostile {
        let (payload, _) = hostile_proposal(&mut ben, edit);
        match ana.core.import(&payload) {
            Err(Error::PayloadRejected(reason)) => {
                assert!(reason.contains(mentions), "'{reason}' vs '{mentions}'");
                assert!(!reason.contains("Walk"), "{reason}");
            }
            other => panic!("expected PayloadRejected '{mentions}', got {other:?}"),
        }
        assert_eq!(snapshot(&ana), before, "a refused payload changes nothing");
    }
    // Marks of an occurrence far outside the calendar, through the FFI's
    // typed error too.
    let ritual = ben
        .core
        .propose_ritual(&draft("Talk", "20:00", None))
        .unwrap();
    deliver(&mut ben, &mut ana);
    let mut done = ben.core.ops().unwrap().pop().unwrap();
    done.counter += 1;
    done.change = Change::Ritual(RitualChange::Skipped {
        date: NaiveDate::MIN,
    });
    assert!(done.entity.ends_with(&ritual.id));
    let payload = ben
        .core
        .seal_forged(&Body {
            ack: vec![],
            ops: vec![done],
            confirm: None,
            lineage: vec![],
            prekey: None,
            ..Body::default()
        })
        .unwrap();
    assert!(matches!(
        ana.core.import(&payload),
        Err(Error::PayloadRejected(r)) if r.contains("between 1900 and 2200")
    ));
}

/// Rituals at the very edges admission allows (a start in 1900 with the
/// largest count, every 366 days, the 5th weekday, windows and leads of a
/// day, the last minute of the day, until 2200) do not make today, the
/// upcoming list, reminders, insights or the calendar export slow or
/// panic. Runs in debug builds, where overflow checks are on.
#[test]
fn rituals_at_the_admitted_edges_answer_and_never_panic() {
    let (mut ana, mut ben) = paired();
    let edges: Vec<Edit> = vec![
        Box::new(|s| {
            s.recurrence = Recurrence {
                frequency: Frequency::Daily,
                start: date(1900, 1, 1),
                end: End::Count(10_000),
            }
        }),
        Box::new(|s| {
            s.recurrence = Recurrence {
                frequency: Frequency::Daily,
                start: date(1900, 1, 1),
                end: End::Never,
            };
            s.time_of_day = 23 * 60 + 59;
            s.minutes = 24 * 60;
            s.leads = vec![0, 1, 720, 1440];
        }),
        Box::new(|s| {
            s.recurrence = Recurrence {
                frequency: Frequency::EveryNDays(366),
                start: date(1900, 1, 1),
                end: End::Count(10_000),
            };
            s.zone = Some("Pacific/Kiritimati".into());
        }),
        Box::new(|s| {
            s.recurrence = Recurrence {
                frequency: Frequency::MonthlyOnWeekday {
                    nth: 5,
                    weekday: chrono::Weekday::Fri,
                },
                start: date(1900, 1, 1),
                end: End::Count(10_000),
            };
            s.zone = Some("Etc/GMT+12".into());
        }),
        Box::new(|s| {
            s.recurrence = Recurrence {
                frequency: Frequency::MonthlyOnDay(31),
                start: date(1900, 1, 1),
                end: End::Until(date(2200, 12, 31)),
            };
            s.time_of_day = 0;
            s.window_end = Some(24 * 60 - 1);
            s.trial_until = Some(date(2200, 12, 31));
        }),
        Box::new(|s| {
            s.recurrence = Recurrence {
                frequency: Frequency::Daily,
                start: date(2200, 12, 31),
                end: End::Count(10_000),
            };
        }),
    ];
    let mut ids = Vec::new();
    for edit in edges {
        let (payload, id) = hostile_proposal(&mut ben, edit);
        ana.core.import(&payload).unwrap();
        ana.core.accept_ritual(&id).unwrap();
        ids.push(id);
    }
    for now in [
        "2027-03-10T18:00:00Z",
        "1900-01-01T00:00:00Z",
        "2200-12-31T23:59:00Z",
    ] {
        ana.clock.set(ms(now));
        let zone = "Pacific/Kiritimati";
        let started = std::time::Instant::now();
        // At the edges of the calendar a clock may be refused (an error,
        // never a panic); on an ordinary day everything answers.
        let ordinary = now.starts_with("2027");
        let today = ana.core.today(zone);
        let upcoming = ana
            .core
            .upcoming(ms(now) - 86_400_000, ms(now) + 30 * 86_400_000, zone);
        let reminders = ana.core.plan_reminders(zone, 60);
        let insights = ana.core.insights(52, zone);
        let rhythm = ana.core.rhythm(zone);
        let ics = ana.core.export_ics(true);
        if ordinary {
            today.unwrap();
            assert!(!upcoming.unwrap().is_empty());
            assert!(!reminders.unwrap().is_empty());
            insights.unwrap();
            rhythm.unwrap();
            // The daily count spent by 1927 ends before the ritual took
            // effect in 2027: no event; the others are written.
            let events = ics.unwrap().matches("BEGIN:VEVENT").count();
            assert!((4..=5).contains(&events), "{events}");
        }
        eprintln!(
            "at {now}: today, upcoming, reminders, insights, rhythm, ics took {:?}",
            started.elapsed()
        );
    }
    for id in &ids {
        assert!(ana.core.ritual(id).is_ok());
    }
}

/// A clock at the ends of what an i64 holds (a shell's manual clock, a
/// broken system clock): every call answers, with an error at worst, and
/// never panics (debug builds check overflow); the store goes on working.
#[test]
fn a_clock_at_the_edges_of_the_range_never_panics() {
    use std::sync::Arc;
    use tandem_ffi::{ManualClock, RitualDraft, Tandem, ZoneMode};
    let dir = tempfile::tempdir().unwrap();
    let normal = ms("2027-03-10T18:00:00Z");
    let clock = ManualClock::new(normal);
    let t = Tandem::open_with_clock(
        dir.path().join("t.db").to_str().unwrap().into(),
        tandem_ffi::generate_storage_key().unwrap(),
        Some("Ana".into()),
        Arc::clone(&clock),
    )
    .unwrap();
    let walk = t
        .add_personal_ritual(RitualDraft {
            title: "Walk".into(),
            prompt: None,
            minutes: 20,
            time_of_day: "23:59".into(),
            zone: ZoneMode::Floating,
            recurrence: None,
            window_end: None,
            lead_minutes: vec![0, 1440],
            trial_until: None,
        })
        .unwrap();
    let zone = "Pacific/Kiritimati".to_owned();
    for now in [
        i64::MAX,
        i64::MAX - 60_000,
        i64::MIN,
        i64::MIN + 1,
        7_258_118_400_000,
        -2_208_988_800_000,
    ] {
        clock.set(now);
        let calls = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _ = t.today_screen(zone.clone());
            let _ = t.check_in_screen(zone.clone());
            let _ = t.insights_screen(4, zone.clone());
            let _ = t.agreements_screen(zone.clone());
            let _ = t.plan_reminders(zone.clone(), 60);
            let _ = t.upcoming(now, now.saturating_add(86_400_000), zone.clone());
            let _ = t.snooze_reminder(walk.id.clone(), "2200-12-31".into(), 720, zone.clone());
            let _ = t.snooze_reminder(walk.id.clone(), "2027-03-10".into(), 1, zone.clone());
            let _ = t.start_pause(Some(1440), None);
            let _ = t.insights(52, zone.clone());
            let _ = t.export_ics(true);
            let _ = t.rituals();
        }));
        assert!(calls.is_ok(), "a call panicked with the clock at {now}");
    }
    clock.set(normal);
    assert_eq!(t.rituals().unwrap().len(), 1);
    assert!(!t.plan_reminders(zone, 60).unwrap().is_empty());
}

/// The crafted export (1 GiB, 16 passes, 8 lanes in its header)
/// is refused through the FFI from the header alone: InvalidInput (never
/// WrongPassphrase, which only a derivation and the AEAD can give).
#[test]
fn a_crafted_gigabyte_export_header_is_refused_before_deriving() {
    use std::sync::Arc;
    use tandem_ffi::{ManualClock, Tandem};
    const PASS: &str = "correct horse battery staple";
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::new(ms("2027-03-10T18:00:00Z"));
    let open = |name: &str| {
        Tandem::open_with_clock(
            dir.path().join(name).to_str().unwrap().into(),
            tandem_ffi::generate_storage_key().unwrap(),
            Some("Ana".into()),
            Arc::clone(&clock),
        )
        .unwrap()
    };
    let ana = open("ana.db");
    ana.add_boundary("I need a pause before I can talk calmly".into(), false)
        .unwrap();
    let sealed = ana.export_data(PASS.into()).unwrap();
    let mut header: serde_json::Value = serde_json::from_slice(&sealed).unwrap();
    header["kdf"]["memory_kib"] = (1024 * 1024).into();
    header["kdf"]["iterations"] = 16.into();
    header["kdf"]["parallelism"] = 8.into();
    let crafted = serde_json::to_vec(&header).unwrap();
    let fresh = open("fresh.db");
    let started = std::time::Instant::now();
    match fresh.import_data(crafted, Some(PASS.into())) {
        Err(tandem_ffi::TandemError::InvalidInput { reason }) => {
            assert!(reason.contains("key-derivation costs"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
    eprintln!("crafted 1 GiB header refused in {:?}", started.elapsed());
    // The genuine file still opens.
    assert!(fresh.import_data(sealed, Some(PASS.into())).unwrap() > 0);
}
