//! Every exported function of the FFI facade, called with malformed input:
//! each returns the right typed error with a reason, none panics, and the
//! stored data stays as it was.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use tandem_ffi::{
    ManualClock, RitualDraft, Tandem, TandemError, ZoneMode, core_version, generate_storage_key,
    temperature_words,
};

fn no_panic<T>(what: &str, f: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| panic!("{what} panicked"))
}

fn draft(title: &str, minutes: u32, at: &str, zone: ZoneMode) -> RitualDraft {
    RitualDraft {
        title: title.into(),
        prompt: None,
        minutes,
        time_of_day: at.into(),
        zone,
        recurrence: None,
        window_end: None,
        lead_minutes: vec![],
        trial_until: None,
    }
}

/// Ana's new Tandem in `dir`, on `clock`.
fn ana_in(dir: &tempfile::TempDir, clock: Arc<ManualClock>) -> Arc<Tandem> {
    let db = dir.path().join("t.db").to_string_lossy().into_owned();
    Tandem::open_with_clock(
        db,
        generate_storage_key().unwrap(),
        Some("Ana".into()),
        clock,
    )
    .unwrap()
}

fn fixed(z: &str) -> ZoneMode {
    ZoneMode::Fixed { zone: z.into() }
}

fn assert_invalid<T: std::fmt::Debug>(what: &str, r: Result<T, TandemError>, mentions: &str) {
    match r {
        Err(TandemError::InvalidInput { reason }) => {
            assert!(
                reason.contains(mentions),
                "{what}: '{reason}' should mention '{mentions}'"
            )
        }
        other => panic!("{what}: expected InvalidInput, got {other:?}"),
    }
}

#[test]
fn open_refuses_bad_input_with_typed_errors() {
    let dir = tempfile::tempdir().unwrap();
    let key = generate_storage_key().unwrap();
    let path = |name: &str| dir.path().join(name).to_string_lossy().into_owned();

    for (len, name) in [(0, "k0"), (31, "k31"), (33, "k33")] {
        let r = no_panic("open", || {
            Tandem::open(path(name), vec![7; len], Some("Ana".into()))
        });
        assert_invalid("short key", r, "32 bytes");
    }
    assert_invalid(
        "empty name",
        no_panic("open", || {
            Tandem::open(path("n"), key.clone(), Some(" ".into()))
        }),
        "device name is empty",
    );
    assert_invalid(
        "long name",
        no_panic("open", || {
            Tandem::open(path("n"), key.clone(), Some("n".repeat(65)))
        }),
        "limit is 64",
    );
    assert_invalid(
        "no name, no db",
        no_panic("open", || Tandem::open(path("none"), key.clone(), None)),
        "no Tandem database",
    );
    assert!(!dir.path().join("none").exists());

    match no_panic("open", || {
        Tandem::open(path("missing-dir/x.db"), key.clone(), Some("Ana".into()))
    }) {
        Err(TandemError::Storage { reason }) => assert!(!reason.is_empty()),
        other => panic!("expected Storage, got {other:?}"),
    }
    match no_panic("open", || {
        Tandem::open(
            dir.path().to_string_lossy().into_owned(),
            key.clone(),
            Some("Ana".into()),
        )
    }) {
        Err(TandemError::Storage { .. }) | Err(TandemError::NotATandemDatabase { .. }) => {}
        other => panic!("a directory must be refused, got {other:?}"),
    }

    std::fs::write(
        dir.path().join("notes.txt"),
        b"dear diary, today we argued about the dishes",
    )
    .unwrap();
    match no_panic("open", || {
        Tandem::open(path("notes.txt"), key.clone(), Some("Ana".into()))
    }) {
        Err(TandemError::NotATandemDatabase { reason }) => {
            assert!(reason.contains("not a database"), "{reason}");
            assert!(!reason.contains("diary"));
        }
        other => panic!("expected NotATandemDatabase, got {other:?}"),
    }

    let db = path("real.db");
    let t = Tandem::open(db.clone(), key.clone(), Some("Ana".into())).unwrap();
    t.close().unwrap();
    let other_key = generate_storage_key().unwrap();
    assert_ne!(other_key, key);
    match no_panic("open", || Tandem::open(db.clone(), other_key.clone(), None)) {
        Err(TandemError::WrongKey { reason }) => {
            assert!(reason.contains("storage key"), "{reason}")
        }
        other => panic!("expected WrongKey, got {other:?}"),
    }
    match no_panic("open_with_clock", || {
        Tandem::open_with_clock(db.clone(), other_key, None, ManualClock::new(0))
    }) {
        Err(TandemError::WrongKey { .. }) => {}
        other => panic!("expected WrongKey, got {other:?}"),
    }

    // A database from a newer schema: user_version lives at byte 60 of the header.
    let mut bytes = std::fs::read(&db).unwrap();
    bytes[60..64].copy_from_slice(&999u32.to_be_bytes());
    std::fs::write(path("newer.db"), &bytes).unwrap();
    match no_panic("open", || Tandem::open(path("newer.db"), key.clone(), None)) {
        Err(TandemError::DatabaseTooNew { reason }) => assert!(reason.contains("999"), "{reason}"),
        other => panic!("expected DatabaseTooNew, got {other:?}"),
    }
    assert_eq!(
        std::fs::read(path("newer.db")).unwrap(),
        bytes,
        "left untouched"
    );
}

#[test]
fn methods_refuse_bad_input_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::new(1_800_000_000_000);
    let t = ana_in(&dir, clock.clone());
    let good = t
        .propose_ritual(draft("Walk", 20, "10:00", fixed("Europe/Berlin")))
        .unwrap();
    assert_eq!(good.proposed_at_ms, 1_800_000_000_000);

    let bad_drafts = [
        (
            draft("Walk", 20, "10:00", fixed("Mars/Base")),
            "unknown time zone",
        ),
        (draft("Walk", 20, "10:00", fixed("")), "unknown time zone"),
        (draft("", 20, "10:00", ZoneMode::Floating), "title is empty"),
        (
            draft(&"t".repeat(81), 20, "10:00", ZoneMode::Floating),
            "limit is 80",
        ),
        (
            draft("Walk\u{7}", 20, "10:00", ZoneMode::Floating),
            "control character",
        ),
        (draft("Walk", 0, "10:00", ZoneMode::Floating), "1 to 1440"),
        (
            draft("Walk", 1441, "10:00", ZoneMode::Floating),
            "1 to 1440",
        ),
        (
            draft("Walk", u32::MAX, "10:00", ZoneMode::Floating),
            "1 to 1440",
        ),
        (draft("Walk", 20, "24:00", ZoneMode::Floating), "HH:MM"),
        (draft("Walk", 20, "7pm", ZoneMode::Floating), "HH:MM"),
        (draft("Walk", 20, "", ZoneMode::Floating), "HH:MM"),
        (
            RitualDraft {
                prompt: Some("p".repeat(501)),
                ..draft("Walk", 20, "10:00", ZoneMode::Floating)
            },
            "limit is 500",
        ),
    ];
    for (d, mentions) in bad_drafts {
        assert_invalid(
            "propose_ritual",
            no_panic("propose_ritual", || t.propose_ritual(d)),
            mentions,
        );
    }

    let day = 86_400_000;
    for (from, to, zone, mentions) in [
        (10, 5, "UTC", "after its start"),
        (0, 0, "UTC", "after its start"),
        (0, 367 * day, "UTC", "366 days"),
        (i64::MIN, i64::MAX, "UTC", "1900 to 2200"),
        (i64::MAX - 1, i64::MAX, "UTC", "1900 to 2200"),
        (0, day, "Atlantis/Capital", "unknown time zone"),
        (0, day, "", "unknown time zone"),
    ] {
        assert_invalid(
            "upcoming",
            no_panic("upcoming", || t.upcoming(from, to, zone.into())),
            mentions,
        );
    }
    assert_invalid(
        "set_device_name",
        no_panic("set_device_name", || t.set_device_name("".into())),
        "empty",
    );
    assert_invalid(
        "set_device_name",
        no_panic("set_device_name", || t.set_device_name("x".repeat(65))),
        "limit is 64",
    );

    assert_eq!(t.rituals().unwrap(), vec![good]);
    assert_eq!(t.device().unwrap().name, "Ana");

    // Extreme clocks do not panic either.
    no_panic("clock", || {
        for now in [i64::MAX, i64::MIN, -1] {
            clock.set(now);
            let _ = t.propose_ritual(draft("Late", 5, "10:00", ZoneMode::Floating));
            let _ = t.start_pairing();
            let _ = t.pairing_status();
            let _ = t.cancel_pairing();
        }
        clock.set(i64::MAX);
        clock.advance(i64::MAX);
    });
    clock.set(1_800_000_000_000);

    t.close().unwrap();
    t.close().unwrap();
    for r in [
        t.rituals().map(|_| ()),
        t.device().map(|_| ()),
        t.set_device_name("B".into()),
        t.propose_ritual(draft("Walk", 20, "10:00", ZoneMode::Floating))
            .map(|_| ()),
        t.upcoming(0, 1, "UTC".into()).map(|_| ()),
    ] {
        assert!(matches!(r, Err(TandemError::Closed { .. })), "{r:?}");
    }
}

#[test]
fn free_functions() {
    assert!(!core_version().is_empty());
    let a = generate_storage_key().unwrap();
    assert_eq!(a.len(), 32);
    assert_ne!(a, generate_storage_key().unwrap());
    let clock = ManualClock::new(5);
    clock.advance(10);
    assert_eq!(clock.now_ms(), 15);
    clock.set(-3);
    assert_eq!(clock.now_ms(), -3);
    let words: Vec<_> = (1..=10).map(|t| temperature_words(t).unwrap()).collect();
    assert_eq!(
        words,
        [
            "calm", "calm", "settled", "settled", "stirred", "stirred", "heated", "heated",
            "flooded", "flooded"
        ]
    );
    for t in [0, 11, 255] {
        assert_invalid("temperature_words", temperature_words(t), "1 (calm) to 10");
    }
}

#[test]
fn today_refuses_a_bad_zone_and_reads_the_day() {
    let dir = tempfile::tempdir().unwrap();
    // 2027-01-14 10:00 UTC.
    let clock = ManualClock::new(1_799_920_800_000);
    let t = ana_in(&dir, clock);
    t.add_personal_ritual(draft("Stretch", 10, "18:00", fixed("Europe/Berlin")))
        .unwrap();
    for zone in ["Mars/Base", "", "Europe/Berlin\u{0}"] {
        assert_invalid(
            "today",
            no_panic("today", || t.today_screen(zone.into())),
            "time zone",
        );
    }
    let today = t.today_screen("Europe/Berlin".into()).unwrap();
    assert_eq!(today.now_ms, 1_799_920_800_000);
    let starts: Vec<_> = today
        .due
        .iter()
        .chain(&today.coming)
        .map(|o| (o.date.as_str(), o.time.as_str()))
        .collect();
    assert_eq!(starts, [("2027-01-14", "18:00")]);
    assert!(today.next_reminder.is_some(), "the stretch's reminder");
    assert!(today.invitations.is_empty() && today.pause.is_none());
    t.close().unwrap();
}

#[test]
fn tandem_is_send_and_sync_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Tandem>();
    assert_send_sync::<ManualClock>();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db").to_string_lossy().into_owned();
    let t = Tandem::open(db, generate_storage_key().unwrap(), Some("Ana".into())).unwrap();
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let t = Arc::clone(&t);
            std::thread::spawn(move || {
                for j in 0..5 {
                    t.propose_ritual(draft(&format!("R{i}-{j}"), 10, "08:00", ZoneMode::Floating))
                        .unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    assert_eq!(t.rituals().unwrap().len(), 20);
    t.close().unwrap();
}

#[test]
fn pairing_and_sync_refuse_bad_input_without_panicking() {
    let dir = tempfile::tempdir().unwrap();
    let t = ana_in(&dir, ManualClock::new(1_800_000_000_000));

    for text in [
        "",
        "TANDEM:",
        "TANDEM:!!!",
        "hello",
        &"TANDEM:A".repeat(400),
        "TANDEM:AEAQ",
    ] {
        // "AEAQ" is a version-1 header: an older app, told apart from junk.
        let outdated = text == "TANDEM:AEAQ";
        match no_panic("accept_pairing", || t.accept_pairing(text.into())) {
            Err(TandemError::PairingFailed { reason }) if !outdated => {
                assert!(!reason.is_empty())
            }
            Err(TandemError::PairingOutdated { reason }) if outdated => {
                assert!(reason.contains("update"), "{reason}")
            }
            other => panic!("accept_pairing({text:?}): {other:?}"),
        }
        match no_panic("complete_pairing", || t.complete_pairing(text.into())) {
            Err(TandemError::PairingFailed { .. }) if !outdated => {}
            Err(TandemError::PairingOutdated { .. }) if outdated => {}
            other => panic!("complete_pairing({text:?}): {other:?}"),
        }
    }
    for r in [t.confirm_pairing(), t.reject_pairing()] {
        assert!(matches!(r, Err(TandemError::NotPaired { .. })), "{r:?}");
    }
    assert!(matches!(
        t.export_payloads(),
        Err(TandemError::NotPaired { .. })
    ));
    t.cancel_pairing().unwrap();
    t.unpair().unwrap();
    assert_eq!(
        t.pairing_status().unwrap(),
        tandem_ffi::PairingStatus::Unpaired
    );

    for bytes in [
        vec![],
        vec![0u8; 10],
        b"TNDS".to_vec(),
        vec![0xFF; 300],
        vec![0u8; 300 * 1024],
    ] {
        match no_panic("import_payload", || t.import_payload(bytes.clone())) {
            Err(TandemError::PayloadRejected { reason }) => assert!(!reason.is_empty()),
            other => panic!("import_payload({} bytes): {other:?}", bytes.len()),
        }
    }
    for text in ["", "TSYNC1:", "TSYNC1:***", "nope"] {
        assert!(matches!(
            no_panic("payload_from_text", || tandem_ffi::payload_from_text(
                text.into()
            )),
            Err(TandemError::PayloadRejected { .. })
        ));
    }
    for chunks in [
        vec![],
        vec!["".to_string()],
        vec!["TSYNC1-CHUNK:zz:0:0:".to_string()],
        vec!["TSYNC1-CHUNK:abcdef12:2:1:AA".to_string()],
    ] {
        assert!(matches!(
            no_panic("payload_from_chunks", || tandem_ffi::payload_from_chunks(
                chunks.clone()
            )),
            Err(TandemError::PayloadRejected { .. })
        ));
    }
    assert_invalid(
        "qr_code",
        no_panic("qr_code", || tandem_ffi::qr_code("x".repeat(8000))),
        "too long",
    );
    let qr = tandem_ffi::qr_code("TANDEM:HELLO".into()).unwrap();
    assert_eq!(qr.modules.len(), (qr.size * qr.size) as usize);
    assert!(qr.svg.starts_with("<svg"));
    assert_eq!(
        tandem_ffi::payload_from_text(tandem_ffi::payload_to_text(vec![1, 2, 3])).unwrap(),
        vec![1, 2, 3]
    );
    assert_eq!(
        tandem_ffi::payload_from_chunks(tandem_ffi::payload_to_chunks(vec![4; 3000])).unwrap(),
        vec![4; 3000]
    );
    t.close().unwrap();
    assert!(matches!(t.start_pairing(), Err(TandemError::Closed { .. })));
}

#[test]
fn boundaries_agreements_pauses_and_newer_ritual_calls_refuse_bad_input() {
    use tandem_ffi::{AgreementDraft, AgreementReview, PauseProtocol, ReviewOutcome};
    let dir = tempfile::tempdir().unwrap();
    let t = ana_in(&dir, ManualClock::new(1_800_000_000_000));
    let agreement =
        |title: &str, text: &str, minutes: Option<u32>, review: Option<&str>| AgreementDraft {
            title: title.into(),
            text: text.into(),
            pause_protocol: minutes.map(|m| PauseProtocol {
                cool_down_minutes: m,
                either_may_call: true,
                revisit: None,
            }),
            review_on: review.map(Into::into),
        };
    let a = t
        .propose_agreement(agreement("Pauses", "We pause.", Some(30), None))
        .unwrap();
    let b = t
        .add_boundary("I need quiet after work.".into(), false)
        .unwrap();
    let before = (
        t.agreements().unwrap(),
        t.boundaries().unwrap(),
        t.pauses().unwrap(),
    );
    let kind = |r: Result<(), TandemError>| match r {
        Err(TandemError::InvalidInput { reason }) => ("invalid", reason),
        Err(TandemError::NotAllowedNow { reason }) => ("not_allowed", reason),
        Err(TandemError::NotFound { reason }) => ("not_found", reason),
        other => panic!("expected a typed refusal, got {other:?}"),
    };
    let cases: Vec<(&str, Result<(), TandemError>, &str, &str)> = vec![
        (
            "empty boundary",
            t.add_boundary(" ".into(), true).map(|_| ()),
            "invalid",
            "empty",
        ),
        (
            "long boundary",
            t.add_boundary("b".repeat(501), true).map(|_| ()),
            "invalid",
            "limit is 500",
        ),
        (
            "edit unknown",
            t.edit_boundary("x".into(), "t".into()).map(|_| ()),
            "not_found",
            "no boundary",
        ),
        (
            "share unknown",
            t.share_boundary("".into(), true).map(|_| ()),
            "not_found",
            "no boundary",
        ),
        (
            "retire unknown",
            t.retire_boundary("nope".into()),
            "not_found",
            "no boundary",
        ),
        (
            "empty title",
            t.propose_agreement(agreement("", "x", None, None))
                .map(|_| ()),
            "invalid",
            "title is empty",
        ),
        (
            "long text",
            t.propose_agreement(agreement("T", &"x".repeat(2001), None, None))
                .map(|_| ()),
            "invalid",
            "limit is 2000",
        ),
        (
            "short cool-down",
            t.propose_agreement(agreement("T", "x", Some(19), None))
                .map(|_| ()),
            "invalid",
            "20 to 1440",
        ),
        (
            "past review",
            t.propose_agreement(agreement("T", "x", None, Some("2020-01-01")))
                .map(|_| ()),
            "invalid",
            "in the past",
        ),
        (
            "bad review",
            t.propose_agreement(agreement("T", "x", None, Some("soon")))
                .map(|_| ()),
            "invalid",
            "a date like",
        ),
        (
            "own proposal",
            t.accept_agreement(a.id.clone(), a.pending[0].hash.clone())
                .map(|_| ()),
            "not_allowed",
            "your own proposal",
        ),
        (
            "malformed hash",
            t.accept_agreement(a.id.clone(), "zz".into()).map(|_| ()),
            "invalid",
            "32 hex",
        ),
        (
            "stale hash",
            t.accept_agreement(a.id.clone(), "0".repeat(32)).map(|_| ()),
            "not_allowed",
            "content hash",
        ),
        (
            "unknown agreement",
            t.withdraw_agreement("x".into()).map(|_| ()),
            "not_found",
            "no agreement",
        ),
        (
            "amend stale parent",
            t.amend_agreement(
                a.id.clone(),
                "1".repeat(32),
                agreement("T", "y", None, None),
            )
            .map(|_| ()),
            "not_allowed",
            "no version of this agreement",
        ),
        (
            "review waiting",
            t.review_agreement(a.id.clone(), AgreementReview::Keep)
                .map(|_| ()),
            "not_allowed",
            "waits for an answer",
        ),
        (
            "history unknown",
            t.agreement_history("x".into()).map(|_| ()),
            "not_found",
            "no agreement",
        ),
        (
            "reviews zone",
            t.agreement_reviews_due("Nowhere/Land".into()).map(|_| ()),
            "invalid",
            "unknown time zone",
        ),
        (
            "short pause",
            t.start_pause(Some(19), None).map(|_| ()),
            "invalid",
            "20 minutes to 24 hours",
        ),
        (
            "long pause",
            t.start_pause(Some(u32::MAX), None).map(|_| ()),
            "invalid",
            "20 minutes to 24 hours",
        ),
        (
            "long note",
            t.start_pause(Some(30), Some("n".repeat(141))).map(|_| ()),
            "invalid",
            "limit is 140",
        ),
        (
            "end unknown",
            t.end_pause("x".into()).map(|_| ()),
            "not_found",
            "no pause",
        ),
        (
            "extend unknown",
            t.extend_pause("x".into(), 10).map(|_| ()),
            "not_found",
            "no pause",
        ),
        (
            "review unknown ritual",
            t.review_ritual("x".into(), ReviewOutcome::Keep).map(|_| ()),
            "not_found",
            "no ritual",
        ),
        (
            "snooze zone",
            t.snooze_reminder("x".into(), "2027-01-01".into(), 10, "Mars/Base".into())
                .map(|_| ()),
            "invalid",
            "unknown time zone",
        ),
        (
            "rest zone",
            t.declare_rest_week("2027-01-01".into(), "".into())
                .map(|_| ()),
            "invalid",
            "unknown time zone",
        ),
        (
            "call off none",
            t.call_off_rest_week("2027-01-04".into(), "UTC".into())
                .map(|_| ()),
            "not_found",
            "not a rest week",
        ),
        (
            "draft unknown",
            t.ritual_draft("x".into()).map(|_| ()),
            "not_found",
            "no ritual",
        ),
    ];
    for (what, r, expected, mentions) in cases {
        let (got, reason) = no_panic(what, || kind(r));
        assert_eq!(got, expected, "{what}: {reason}");
        assert!(
            reason.contains(mentions),
            "{what}: '{reason}' vs '{mentions}'"
        );
    }
    assert_eq!(
        (
            t.agreements().unwrap(),
            t.boundaries().unwrap(),
            t.pauses().unwrap()
        ),
        before,
        "refusals change nothing"
    );
    assert_eq!(b.text, "I need quiet after work.");
    match t.open_form(tandem_ffi::FormRequest::NewBoundary).unwrap() {
        tandem_ffi::FormModel::Boundary { examples, .. } => assert_eq!(examples.len(), 6),
        other => panic!("{other:?}"),
    }
    t.close().unwrap();
    for r in [
        t.boundaries().map(|_| ()),
        t.agreements().map(|_| ()),
        t.pauses().map(|_| ()),
        t.start_pause(None, None).map(|_| ()),
    ] {
        assert!(matches!(r, Err(TandemError::Closed { .. })), "{r:?}");
    }
}

#[test]
fn a_done_for_a_day_that_has_not_come_is_invalid_input() {
    let dir = tempfile::tempdir().unwrap();
    // 2027-01-15 08:00 UTC: 09:00 in Berlin.
    let clock = ManualClock::new(1_800_000_000_000);
    let t = ana_in(&dir, clock);
    let walk = t
        .add_personal_ritual(draft("Walk", 20, "10:00", ZoneMode::Floating))
        .unwrap();
    let statuses = || -> Vec<String> {
        t.upcoming(
            1_800_000_000_000 - 86_400_000,
            1_800_000_000_000 + 3 * 86_400_000,
            "UTC".into(),
        )
        .unwrap()
        .iter()
        .map(|o| format!("{:?}", o.status))
        .collect()
    };
    let before = statuses();
    let berlin = || "Europe/Berlin".to_string();
    for (date, zone) in [
        ("2027-01-16", Some(berlin())),
        ("2027-01-17", None),
        ("9999-12-31", None),
    ] {
        let r = no_panic("mark_done", || match zone {
            Some(z) => t.mark_done_in(walk.id.clone(), date.into(), None, None, z),
            None => t.mark_done(walk.id.clone(), date.into(), None, None),
        });
        match date {
            "9999-12-31" => assert_invalid(date, r, "a date like"),
            _ => assert_invalid(date, r, "has not come yet"),
        }
    }
    assert_invalid(
        "mark_done_in",
        no_panic("mark_done_in", || {
            t.mark_done_in(
                walk.id.clone(),
                "2027-01-15".into(),
                None,
                None,
                "Mars/Base".into(),
            )
        }),
        "unknown time zone",
    );
    assert_eq!(statuses(), before);
    // Today's, an hour early, is fine.
    t.mark_done_in(walk.id.clone(), "2027-01-15".into(), None, None, berlin())
        .unwrap();
    assert_ne!(statuses(), before);
}

/// Two amendment texts whose versions (built on `parent`) share their first
/// 8 hex characters: a birthday search over a fixed sequence of texts, so
/// the same pair every run.
fn colliding_amendments(parent: [u8; 16]) -> (String, String) {
    let mut seen = std::collections::HashMap::new();
    for i in 0u32.. {
        let text = format!("We pause, take {i}.");
        let hash = tandem_core::agreements::Terms {
            parent: Some(parent),
            title: "Pauses".into(),
            text: text.clone(),
            pause_protocol: None,
            review_on: None,
        }
        .hash();
        let prefix = [hash[0], hash[1], hash[2], hash[3]];
        if let Some(other) = seen.insert(prefix, text.clone()) {
            return (other, text);
        }
    }
    unreachable!("the search always ends")
}

#[test]
fn versions_named_by_short_ids_refuse_bad_ambiguous_and_unknown_prefixes() {
    use tandem_ffi::AgreementDraft;
    let dir = tempfile::tempdir().unwrap();
    let t = ana_in(&dir, ManualClock::new(1_800_000_000_000));
    let r = t
        .propose_ritual(draft("Walk", 20, "20:30", ZoneMode::Floating))
        .unwrap();
    let plain = |text: &str| AgreementDraft {
        title: "Pauses".into(),
        text: text.into(),
        pause_protocol: None,
        review_on: None,
    };
    let a = t.propose_agreement(plain("We pause.")).unwrap();
    let v1 = a.pending[0].hash.clone();

    // Two versions whose short ids are the same 8 characters.
    let mut parent = [0u8; 16];
    for (i, byte) in parent.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&v1[2 * i..2 * i + 2], 16).unwrap();
    }
    let (x, y) = colliding_amendments(parent);
    t.amend_agreement(a.id.clone(), v1[..8].into(), plain(&x))
        .unwrap();
    let both = t
        .amend_agreement(a.id.clone(), v1.clone(), plain(&y))
        .unwrap();
    let shared: Vec<&str> = both
        .pending
        .iter()
        .filter(|v| v.hash != v1)
        .map(|v| &v.hash[..8])
        .collect();
    assert_eq!(shared.len(), 2);
    assert_eq!(shared[0], shared[1], "the two amendments share a short id");
    let ambiguous = shared[0].to_owned();
    let before = (t.agreements().unwrap(), t.rituals().unwrap());

    let kind = |r: Result<(), TandemError>| match r {
        Err(TandemError::InvalidInput { reason }) => ("invalid", reason),
        Err(TandemError::NotAllowedNow { reason }) => ("not_allowed", reason),
        Err(TandemError::NotFound { reason }) => ("not_found", reason),
        other => panic!("expected a typed refusal, got {other:?}"),
    };
    let cases: Vec<(&str, Result<(), TandemError>, &str, &str)> = vec![
        (
            "ambiguous accept",
            t.accept_agreement(a.id.clone(), ambiguous.clone())
                .map(|_| ()),
            "invalid",
            "ambiguous version: 2 versions",
        ),
        (
            "ambiguous draft",
            t.agreement_draft(a.id.clone(), Some(ambiguous.clone()))
                .map(|_| ()),
            "invalid",
            "ambiguous",
        ),
        (
            "ambiguous parent",
            t.amend_agreement(a.id.clone(), ambiguous.clone(), plain("Other."))
                .map(|_| ()),
            "invalid",
            "ambiguous",
        ),
        (
            "seven characters",
            t.decline_agreement(a.id.clone(), v1[..7].into())
                .map(|_| ()),
            "invalid",
            "8 to 32 hex",
        ),
        (
            "ritual version too short",
            t.accept_ritual_version(r.id.clone(), "abc".into())
                .map(|_| ()),
            "invalid",
            "8 to 32 hex",
        ),
        (
            "ritual version not hex",
            t.decline_ritual_version(r.id.clone(), "walkwalk".into())
                .map(|_| ()),
            "invalid",
            "8 to 32 hex",
        ),
        (
            "ritual version unknown",
            t.accept_ritual_version(r.id.clone(), "00000000".into())
                .map(|_| ()),
            "not_allowed",
            "no version of this ritual",
        ),
        (
            "own ritual version",
            t.accept_ritual_version(r.id.clone(), r.version[..8].into())
                .map(|_| ()),
            "not_allowed",
            "your own proposal",
        ),
        (
            "ritual unknown",
            t.accept_ritual_version("0123456789abcdef01234567".into(), "00000000".into())
                .map(|_| ()),
            "not_found",
            "no ritual",
        ),
        (
            "agreement draft unknown version",
            t.agreement_draft(a.id.clone(), Some("00000000".into()))
                .map(|_| ()),
            "not_allowed",
            "no version of this agreement",
        ),
        (
            "agreement draft unknown agreement",
            t.agreement_draft("x".into(), None).map(|_| ()),
            "not_found",
            "no agreement",
        ),
    ];
    for (what, r, expected, mentions) in cases {
        let (got, reason) = no_panic(what, || kind(r));
        assert_eq!(got, expected, "{what}: {reason}");
        assert!(
            reason.contains(mentions),
            "{what}: '{reason}' vs '{mentions}'"
        );
    }
    assert_eq!(
        (t.agreements().unwrap(), t.rituals().unwrap()),
        before,
        "refusals change nothing"
    );
    // More characters name one of them.
    let full = both.pending.last().unwrap().hash.clone();
    assert_eq!(
        t.agreement_draft(a.id.clone(), Some(full[..12].into()))
            .unwrap()
            .text,
        y
    );
}

#[test]
fn the_lock_and_the_clean_exit_refuse_bad_input_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let ana = ana_in(&dir, ManualClock::new(1_800_000_000_000));
    let before = ana.sharing_audit().unwrap();
    assert_invalid(
        "set_app_lock",
        no_panic("set_app_lock", || {
            ana.set_app_lock(tandem_ffi::AppLock::On {
                after_seconds: u32::MAX,
            })
        }),
        "0 to 3600 seconds",
    );
    assert_eq!(ana.app_lock().unwrap(), tandem_ffi::AppLock::Off);
    assert_eq!(ana.sharing_audit().unwrap(), before, "nothing recorded");
    // Any time away, even a nonsense one, is a decision, not a panic.
    for away in [None, Some(i64::MIN), Some(-1), Some(0), Some(i64::MAX)] {
        assert!(!no_panic("lock_due", || ana.lock_due(away)).unwrap());
    }
    ana.set_app_lock(tandem_ffi::AppLock::On { after_seconds: 5 })
        .unwrap();
    let due: Vec<bool> = [
        None,
        Some(i64::MIN),
        Some(4_999),
        Some(5_000),
        Some(i64::MAX),
    ]
    .into_iter()
    .map(|away| ana.lock_due(away).unwrap())
    .collect();
    assert_eq!(due, [true, true, false, true, true]);
    assert!(
        ana.needs_unlock_for(tandem_ffi::GuardedAction::Wipe)
            .unwrap()
    );
    // Never paired: the clean exit has nothing to do, and says so with 0.
    assert_eq!(ana.stop_shared().unwrap(), 0);
    assert_eq!(ana.delete_partner_data().unwrap(), 0);
    ana.close().unwrap();
    assert!(matches!(ana.stop_shared(), Err(TandemError::Closed { .. })));
}

#[test]
fn the_pairing_screen_refuses_a_bad_zone_and_words_any_scanned_text() {
    use tandem_ffi::{PairingStage, PairingStep};
    let dir = tempfile::tempdir().unwrap();
    let t = ana_in(&dir, ManualClock::new(1_800_000_000_000));
    for zone in ["Mars/Base", "", "Europe/Berlin\u{0}"] {
        assert_invalid(
            "pairing_screen",
            no_panic("pairing_screen", || t.pairing_screen(zone.into())),
            "time zone",
        );
        assert_invalid(
            "pairing_act",
            no_panic("pairing_act", || {
                t.pairing_act(PairingStep::Start, zone.into())
            }),
            "time zone",
        );
    }
    assert_eq!(
        t.pairing_screen("UTC".into()).unwrap().stage,
        PairingStage::Start,
        "a bad zone started nothing"
    );
    // Whatever a camera reads is a notice on the same screen, never an
    // error or a panic.
    for text in [
        String::new(),
        "\u{0}\u{7}".into(),
        "TANDEM:".repeat(10_000),
        format!("TANDEM:{}", "A".repeat(1_000_000)),
        "ü".repeat(100_000),
    ] {
        let s = no_panic("scanned", || {
            t.pairing_act(PairingStep::Scanned { text }, "UTC".into())
        })
        .unwrap();
        assert_eq!(s.stage, PairingStage::Start);
        assert_eq!(s.notice.unwrap().code, "pairing.failed");
    }
    // The code shown is a drawable QR code of version 10 or less.
    let shown = t.pairing_act(PairingStep::Start, "UTC".into()).unwrap();
    let qr = shown.qr.unwrap();
    assert!(qr.version <= 10, "{}", qr.version);
    assert_eq!(qr.modules.len() as u32, qr.size * qr.size);
    t.close().unwrap();
    assert!(matches!(
        t.pairing_screen("UTC".into()),
        Err(TandemError::Closed { .. })
    ));
}
