//! Damage is detected (issue 19 part 7): a byte changed in the database file
//! is reported by `check`, and the normal API either refuses with a typed
//! `Corrupt` or keeps behaving as before; it never silently changes what the
//! store says.

mod common;

use std::path::Path;
use std::sync::Arc;

use common::*;
use tandem_core::check::FindingKind;
use tandem_core::{Core, Error};

/// Two paired phones with something in every folded table: shared and
/// personal rituals with marks, a counter-proposal waiting on an answer, a
/// rest week, a boundary, an agreement, a pause, check-ins, a journal entry.
fn rich() -> (Device, Device) {
    let (mut ana, mut ben) = paired();
    let walk = ana
        .core
        .propose_ritual(&draft("Walk", "20:30", None))
        .unwrap();
    sync(&mut ana, &mut ben);
    ben.core.accept_ritual(&walk.id).unwrap();
    sync(&mut ana, &mut ben);
    ana.core
        .mark_done(&walk.id, "2027-03-10", Some("lovely"), Some("close"))
        .unwrap();
    let tea = ana
        .core
        .propose_ritual(&draft("Tea", "08:00", None))
        .unwrap();
    sync(&mut ana, &mut ben);
    ben.core
        .counter_ritual(&tea.id, &draft("Tea", "09:00", None))
        .unwrap();
    ana.core
        .add_personal_ritual(&draft("Stretch", "07:00", None))
        .unwrap();
    ana.core
        .set_rest_week("2027-03-15", true, "Europe/Paris")
        .unwrap();
    ana.core.add_boundary("I need a pause", true).unwrap();
    ana.core
        .propose_agreement(&tandem_core::AgreementDraft {
            title: "Pauses".into(),
            text: "We pause when it gets heated".into(),
            pause_protocol: None,
            review_on: None,
        })
        .unwrap();
    ana.core.start_pause(Some(30), Some("back soon")).unwrap();
    ana.core
        .write_journal(&tandem_core::journal::PatternDraft {
            happened: tandem_core::journal::Happened::Withdrew,
            tags: vec!["tired".into()],
            topic: None,
            temperature_before: Some(6),
            note: Some("long day".into()),
        })
        .unwrap();
    shared_moment(&mut ana, &mut ben, "2027-03-10T19:00:00Z");
    sync(&mut ana, &mut ben);
    (ana, ben)
}

/// Closes the device, runs `damage` on the file with plain SQLite, opens it
/// again.
fn damaged(d: Device, key: &[u8; 32], damage: impl FnOnce(&rusqlite::Connection)) -> Device {
    let Device {
        core,
        clock,
        path,
        dir,
    } = d;
    core.close().unwrap();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        damage(&conn);
    }
    let core = Core::open(&path, key, None, Arc::new(clock.clone())).unwrap();
    Device {
        core,
        clock,
        path,
        dir,
    }
}

/// Flips one bit of byte `at` of a blob column in the first row `filter`
/// selects.
fn flip(conn: &rusqlite::Connection, table: &str, column: &str, filter: &str, at: usize) {
    let mut blob: Vec<u8> = conn
        .query_row(
            &format!("SELECT {column} FROM {table} WHERE {filter} LIMIT 1"),
            [],
            |r| r.get(0),
        )
        .unwrap_or_else(|e| panic!("no {table}.{column} to damage: {e}"));
    let old = blob.clone();
    let at = at.min(blob.len() - 1);
    blob[at] ^= 0x01;
    // By the old value: some tables have no rowid.
    conn.execute(
        &format!("UPDATE {table} SET {column} = ?1 WHERE {column} = ?2"),
        rusqlite::params![blob, old],
    )
    .unwrap();
}

fn kinds(d: &Device) -> Vec<FindingKind> {
    let report = d.core.check().unwrap();
    report.findings.iter().map(|f| f.kind).collect()
}

fn messages(d: &Device) -> String {
    let report = d.core.check().unwrap();
    report
        .findings
        .iter()
        .map(|f| format!("{}: {}\n", f.kind.as_str(), f.message))
        .collect()
}

fn corrupt<T: std::fmt::Debug>(r: tandem_core::Result<T>) {
    assert!(matches!(r, Err(Error::Corrupt(_))), "{r:?}");
}

#[test]
fn a_healthy_store_checks_ok_and_check_changes_nothing() {
    let (ana, ben) = rich();
    for d in [&ana, &ben] {
        let before = snapshot(d);
        let report = d.core.check().unwrap();
        assert!(report.ok(), "{}", messages(d));
        assert_eq!(snapshot(d), before);
    }
    // And after closing and opening again (the open-time fold upgrade has
    // nothing to do).
    let ana = damaged(ana, &KEY_A, |_| {});
    assert!(ana.core.check().unwrap().ok(), "{}", messages(&ana));
}

#[test]
fn damage_to_pending_by_is_refused_not_misread() {
    let (ana, _ben) = rich();
    let tea_by_before: Vec<_> = ana
        .core
        .rituals()
        .unwrap()
        .into_iter()
        .filter_map(|r| r.pending.map(|p| p.by))
        .collect();
    assert_eq!(tea_by_before.len(), 1, "the counter-proposal waits");
    let ana = damaged(ana, &KEY_A, |c| {
        flip(c, "rituals", "pending_by", "pending_by IS NOT NULL", 3)
    });
    // The normal API refuses with a typed error instead of naming someone
    // else as the one who proposed the waiting version.
    corrupt(ana.core.rituals());
    // The check names the column: it differs from a refold of the log
    // (the waiting version itself still opens under the right name).
    assert_eq!(kinds(&ana), [FindingKind::Derived], "{}", messages(&ana));
    assert!(
        messages(&ana).contains("rituals.pending_by: 1 value(s) differ"),
        "{}",
        messages(&ana)
    );
}

#[test]
fn a_damaged_sealed_title_is_reported() {
    let (ana, _ben) = rich();
    let ana = damaged(ana, &KEY_A, |c| {
        flip(c, "rituals", "shown", "personal = 0", 40)
    });
    corrupt(ana.core.rituals());
    assert!(
        messages(&ana).contains("rituals.shown"),
        "{}",
        messages(&ana)
    );
    assert!(kinds(&ana).contains(&FindingKind::Sealed));
}

#[test]
fn a_damaged_op_body_is_reported() {
    let (ana, _ben) = rich();
    let ana = damaged(ana, &KEY_A, |c| flip(c, "ops", "body", "1", 30));
    let report = ana.core.check().unwrap();
    assert!(!report.ok());
    assert_eq!(
        report.findings[0].kind,
        FindingKind::Op,
        "{}",
        messages(&ana)
    );
    assert!(report.findings[0].message.contains("1 op(s)"));
    // Anything that reads the log refuses with a typed error (the shared
    // state itself was folded before the damage and still reads).
    corrupt(ana.core.ops());
}

#[test]
fn a_damaged_private_op_is_reported() {
    let (ana, _ben) = rich();
    let ana = damaged(ana, &KEY_A, |c| flip(c, "local_ops", "body", "1", 30));
    assert!(kinds(&ana).contains(&FindingKind::Op), "{}", messages(&ana));
}

#[test]
fn plain_folded_columns_that_differ_from_the_log_are_reported() {
    let (ana, _ben) = rich();
    let ana = damaged(ana, &KEY_A, |c| {
        c.execute(
            "UPDATE rituals SET status = 'retired' WHERE personal = 0 AND status = 'active'",
            [],
        )
        .unwrap();
        c.execute("UPDATE boundaries SET shared = 1 - shared", [])
            .unwrap();
        c.execute("UPDATE pauses SET return_at_ms = return_at_ms + 60000", [])
            .unwrap();
        c.execute("DELETE FROM journal", []).unwrap();
        c.execute(
            "INSERT INTO rest_weeks (monday, declared_by) VALUES ('2030-01-07', zeroblob(16))",
            [],
        )
        .unwrap();
    });
    let text = messages(&ana);
    for expected in [
        "rituals.status: 1 value(s) differ",
        "boundaries.shared: 1 value(s) differ",
        "pauses.return_at_ms: 1 value(s) differ",
        "1 row(s) of journal that the op log holds are missing",
        "1 row(s) of rest_weeks do not come from the op log",
    ] {
        assert!(text.contains(expected), "{expected} not in\n{text}");
    }
}

#[test]
fn a_counter_behind_the_log_and_a_wrong_schema_version_are_reported() {
    let (ana, _ben) = rich();
    let ana = damaged(ana, &KEY_A, |c| {
        c.execute("UPDATE meta SET value = 1 WHERE key = 'op_counter'", [])
            .unwrap();
    });
    assert_eq!(
        kinds(&ana),
        [FindingKind::Bookkeeping, FindingKind::Bookkeeping],
        "{}",
        messages(&ana)
    );
    assert!(messages(&ana).contains("op counter is behind"));
    assert!(messages(&ana).contains("meta was changed outside Tandem"));

    let Device { core, path, .. } = &ana;
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_update(None, "user_version", 3).unwrap();
    drop(conn);
    let text = messages(&ana);
    assert!(text.contains("schema is at version 3"), "{text}");
    let _ = core;
}

#[test]
fn messages_carry_no_user_text() {
    let (ana, _ben) = rich();
    let ana = damaged(ana, &KEY_A, |c| {
        flip(c, "rituals", "shown", "1", 40);
        flip(c, "entries", "body", "1", 40);
        flip(c, "ops", "body", "1", 40);
    });
    let text = messages(&ana);
    for word in ["Walk", "Tea", "lovely", "pause", "Thank", "long day"] {
        assert!(!text.contains(word), "{word} in {text}");
    }
    let _ = Path::new(&ana.path);
}

#[test]
fn a_store_folded_under_an_older_format_is_folded_again_when_it_opens() {
    let (ana, _ben) = rich();
    let before = snapshot(&ana);
    // As a store folded before waiting versions were sealed with whom they
    // wait on: its rows would not open today, the fold format is 1 and its
    // bookkeeping was never sealed.
    let ana = damaged(ana, &KEY_A, |c| {
        c.execute(
            "DELETE FROM meta WHERE key IN ('fold_format', 'table_seal')",
            [],
        )
        .unwrap();
        c.execute(
            "UPDATE rituals SET pending = zeroblob(60) WHERE pending IS NOT NULL",
            [],
        )
        .unwrap();
    });
    assert!(ana.core.check().unwrap().ok(), "{}", messages(&ana));
    assert_eq!(snapshot(&ana), before);
}

#[test]
fn an_ops_clock_or_entity_changed_in_the_file_fails_to_open() {
    for damage in [
        "UPDATE ops SET hlc_ms = hlc_ms + 1 WHERE counter = 1 AND device = (SELECT MIN(device) FROM ops)",
        "UPDATE ops SET hlc_logical = hlc_logical + 1 WHERE counter = 2 AND device = (SELECT MIN(device) FROM ops)",
        "UPDATE ops SET entity = (SELECT MAX(entity) FROM ops) WHERE (device, counter) IN
           (SELECT device, counter FROM ops WHERE entity <> (SELECT MAX(entity) FROM ops) LIMIT 1)",
        "UPDATE local_ops SET hlc_ms = hlc_ms - 1 WHERE seq = 1",
    ] {
        let (ana, _ben) = rich();
        let mut ana = damaged(ana, &KEY_A, |c| {
            assert_eq!(c.execute(damage, []).unwrap(), 1, "{damage}");
        });
        assert!(
            kinds(&ana).contains(&FindingKind::Op),
            "{damage}: {}",
            messages(&ana)
        );
        if damage.contains("local_ops") {
            // A backup reads the whole private log.
            corrupt(ana.core.export_data("correct horse battery staple"));
        } else {
            corrupt(ana.core.ops());
        }
    }
}

/// The plain bookkeeping (who is the partner, the pair's state, settings,
/// counters, what was stopped here) is sealed as a whole: a change outside
/// Tandem is named by `check` and refused by the next write, instead of
/// silently counting the partner as a former phone or showing notification
/// text on the lock screen.
#[test]
fn damage_to_the_plain_bookkeeping_is_named_and_refused() {
    for (damage, table) in [
        (
            "UPDATE people SET person = 'former' WHERE person = 'partner'",
            "people",
        ),
        ("UPDATE pair SET sas_confirmed = 0", "pair"),
        (
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('hide_content', 0)",
            "meta",
        ),
        ("DELETE FROM meta WHERE key = 'table_seal'", "meta"),
        (
            "INSERT INTO stopped_here (entity, at_ms) VALUES ('x', 1)",
            "stopped_here",
        ),
    ] {
        let (ana, _ben) = rich();
        let mut ana = damaged(ana, &KEY_A, |c| {
            assert_eq!(c.execute(damage, []).unwrap(), 1, "{damage}");
        });
        let text = messages(&ana);
        assert!(
            text.contains(&format!("{table} was changed outside Tandem")),
            "{damage}: {text}"
        );
        corrupt(ana.core.add_boundary("still here", false));
        corrupt(ana.core.export().map(|_| ()));
    }
}
