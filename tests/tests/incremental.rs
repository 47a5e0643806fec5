//! A ritual's marks are folded date by date as their ops come (issue 18):
//! a replica that folded that way holds the same state as one rebuilt from
//! scratch, whatever order a date's ops arrived in, and a database written
//! before the log kept each op's part (schema v13) is filled in on open and
//! goes on folding the same way.

mod common;

use std::sync::Arc;

use common::*;
use tandem_core::{Core, MarkStatus};

/// The state as folded, and as rebuilt from every op.
fn assert_rebuild_equal(d: &mut Device) {
    let (dump, rituals) = (
        d.core.shared_state_dump().unwrap(),
        d.core.rituals().unwrap(),
    );
    d.core.refold_all().unwrap();
    assert_eq!(dump, d.core.shared_state_dump().unwrap());
    assert_eq!(rituals, d.core.rituals().unwrap());
}

fn status_on(d: &Device, id: &str, from: &str, date: &str) -> MarkStatus {
    d.core
        .upcoming(ms(from), ms(from) + 2 * 86_400_000, "UTC")
        .unwrap()
        .into_iter()
        .find(|o| o.ritual_id == id && o.date.to_string() == date)
        .map(|o| o.status)
        .unwrap()
}

#[test]
fn marks_of_one_date_arriving_in_any_order_fold_as_a_rebuild_does() {
    let (mut ana, mut ben) = paired();
    let id = ana
        .core
        .propose_ritual(&draft("Walk", "19:00", None))
        .unwrap()
        .id;
    sync(&mut ana, &mut ben);
    ben.core.accept_ritual(&id).unwrap();
    sync(&mut ana, &mut ben);

    // The next evening both mark the walk, each with words, and Ben moves
    // the day after's; Ben's ops reach Ana before hers reach him, and Ben
    // then skips a date Ana had marked done.
    for d in [&mut ana, &mut ben] {
        d.clock.set(ms("2027-03-11T20:00:00Z"));
    }
    ben.core
        .move_occurrence(&id, "2027-03-12", ms("2027-03-12T21:00:00Z"))
        .unwrap();
    ben.core
        .mark_done(&id, "2027-03-11", Some("Cold but lovely"), None)
        .unwrap();
    ana.clock.advance(60_000);
    ana.core
        .mark_done(&id, "2027-03-11", Some("We talked"), Some("close"))
        .unwrap();
    deliver(&mut ben, &mut ana);
    ben.clock.advance(120_000);
    ben.core.skip_occurrence(&id, "2027-03-11").unwrap();
    sync(&mut ben, &mut ana);
    sync(&mut ana, &mut ben);

    assert_eq!(
        ana.core.shared_state_dump().unwrap(),
        ben.core.shared_state_dump().unwrap()
    );
    assert_eq!(
        status_on(&ana, &id, "2027-03-11T00:00:00Z", "2027-03-11"),
        MarkStatus::Done
    );
    for d in [&mut ana, &mut ben] {
        assert_rebuild_equal(d);
    }
}

#[test]
fn a_personal_rituals_marks_fold_date_by_date_too() {
    let mut ana = device("Ana", &KEY_A, "2027-03-10T18:00:00Z");
    let id = ana
        .core
        .add_personal_ritual(&draft("Stretch", "07:00", None))
        .unwrap()
        .id;
    ana.clock.set(ms("2027-03-12T20:00:00Z"));
    ana.core
        .mark_done(&id, "2027-03-11", Some("Slow"), None)
        .unwrap();
    ana.core.skip_occurrence(&id, "2027-03-12").unwrap();
    ana.core.mark_done(&id, "2027-03-12", None, None).unwrap();
    assert_eq!(
        status_on(&ana, &id, "2027-03-12T00:00:00Z", "2027-03-12"),
        MarkStatus::Done
    );
    let before = ana
        .core
        .upcoming(
            ms("2027-03-11T00:00:00Z"),
            ms("2027-03-13T00:00:00Z"),
            "UTC",
        )
        .unwrap();
    ana.core.refold_all().unwrap();
    let after = ana
        .core
        .upcoming(
            ms("2027-03-11T00:00:00Z"),
            ms("2027-03-13T00:00:00Z"),
            "UTC",
        )
        .unwrap();
    assert_eq!(before, after);
    assert_rebuild_equal(&mut ana);
}

/// Turns a current database back into what schema v13 wrote: no parts.
fn back_to_v13(path: &std::path::Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(
        "DROP INDEX occurrence_marks_words;
         DROP INDEX entries_shared_by;
         DROP INDEX ops_by_part;
         DROP INDEX local_ops_by_part;
         DROP INDEX occurrence_marks_moved;
         DROP INDEX ops_by_time;
         CREATE INDEX ops_by_entity ON ops (entity, hlc_ms, hlc_logical, device, counter);
         DROP TRIGGER op_runs_after_delete;
         DROP TRIGGER op_runs_after_update;
         DROP TABLE op_runs;
         ALTER TABLE ops DROP COLUMN part;
         ALTER TABLE local_ops DROP COLUMN part;
         PRAGMA user_version = 13;",
    )
    .unwrap();
}

#[test]
fn a_database_from_before_parts_is_filled_in_and_folds_on() {
    let (mut ana, mut ben) = paired();
    let id = ana
        .core
        .propose_ritual(&draft("Tea", "08:00", Some("Europe/Berlin")))
        .unwrap()
        .id;
    let own = ana
        .core
        .add_personal_ritual(&draft("Run", "06:30", None))
        .unwrap()
        .id;
    sync(&mut ana, &mut ben);
    ben.core.accept_ritual(&id).unwrap();
    sync(&mut ana, &mut ben);
    for d in [&mut ana, &mut ben] {
        d.clock.set(ms("2027-03-12T20:00:00Z"));
    }
    ana.core
        .mark_done(&id, "2027-03-11", Some("Green tea"), None)
        .unwrap();
    ana.core.mark_done(&own, "2027-03-11", None, None).unwrap();
    ana.core.skip_occurrence(&id, "2027-03-12").unwrap();
    sync(&mut ana, &mut ben);
    let dump = ana.core.shared_state_dump().unwrap();

    // Ana's phone is left at schema v13, as the app before wrote it.
    let Device {
        core,
        clock,
        path,
        dir,
    } = ana;
    core.close().unwrap();
    back_to_v13(&path);
    let core = Core::open(&path, &KEY_A, None, Arc::new(clock.clone())).unwrap();
    let mut ana = Device {
        core,
        clock,
        path,
        dir,
    };
    assert_eq!(ana.core.shared_state_dump().unwrap(), dump);
    {
        let conn = rusqlite::Connection::open(&ana.path).unwrap();
        let parts: Vec<String> = conn
            .prepare("SELECT part FROM ops WHERE part IS NOT NULL ORDER BY part")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(parts, ["2027-03-11", "2027-03-12"]);
        let private: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM local_ops WHERE part = '2027-03-11'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(private, 1);
        let pending: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM meta WHERE key = 'parts_pending'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(pending, 0, "filled once");
    }

    // Ben marks the 12th done after Ana skipped it; it reaches the migrated
    // phone, which folds that date from its old op and the new one.
    ben.core
        .mark_done(&id, "2027-03-12", Some("Made it after all"), None)
        .unwrap();
    sync(&mut ben, &mut ana);
    sync(&mut ana, &mut ben);
    assert_eq!(
        status_on(&ana, &id, "2027-03-12T00:00:00Z", "2027-03-12"),
        MarkStatus::Done
    );
    assert_eq!(
        ana.core.shared_state_dump().unwrap(),
        ben.core.shared_state_dump().unwrap()
    );
    assert_rebuild_equal(&mut ana);
    assert_rebuild_equal(&mut ben);
}

#[test]
fn the_acknowledged_run_carries_on_and_is_forgotten_when_an_op_goes() {
    let (mut ana, ben) = paired();
    for title in ["Walk", "Tea", "Call"] {
        ana.core
            .propose_ritual(&draft(title, "19:00", None))
            .unwrap();
    }
    let me = ana.core.device_id();
    let run = |ana: &mut Device, ben: &Device| -> u64 {
        let payloads = ana.core.export().unwrap();
        let body = ben.core.inspect_payload(&payloads[0]).unwrap();
        body.ack
            .iter()
            .find(|(d, _)| *d == me)
            .map(|(_, c)| *c)
            .unwrap_or(0)
    };
    assert_eq!(run(&mut ana, &ben), 3);
    ana.core
        .propose_ritual(&draft("Stretch", "07:00", None))
        .unwrap();
    assert_eq!(
        run(&mut ana, &ben),
        4,
        "carried on from the run found before"
    );
    // An op lost from the middle of the log (a restored backup, a healed
    // rollback): the run found before no longer holds.
    {
        let conn = rusqlite::Connection::open(&ana.path).unwrap();
        conn.execute(
            "DELETE FROM ops WHERE device = ?1 AND counter = 2",
            [me.0.as_slice()],
        )
        .unwrap();
    }
    assert_eq!(run(&mut ana, &ben), 1);
}
