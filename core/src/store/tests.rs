use super::*;
use std::path::PathBuf;

const KEY: [u8; 32] = [0x42; 32];

fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tandem.db");
    (dir, path)
}

fn schema_dump(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name")
        .unwrap();
    let mut rows: Vec<String> = stmt
        .query_map([], |r| {
            Ok(format!(
                "{}|{}|{}|{}",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?.unwrap_or_default()
            ))
        })
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    for pragma in ["user_version", "application_id"] {
        let v: i64 = conn.pragma_query_value(None, pragma, |r| r.get(0)).unwrap();
        rows.push(format!("{pragma}={v}"));
    }
    rows
}

fn user_version(conn: &Connection) -> u32 {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap()
}

fn file_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn new_store_has_identity_and_current_schema() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path, &KEY, Some("Ana's phone")).unwrap();
    let id = store.device();
    assert_eq!(store.device_name().unwrap(), "Ana's phone");
    let mode: String = store
        .conn()
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: bool = store
        .conn()
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    assert!(fk);
    store.close().unwrap();

    let store = Store::open(&path, &KEY, None).unwrap();
    assert_eq!(store.device(), id, "the device id survives reopening");
    assert_eq!(store.device_name().unwrap(), "Ana's phone");
}

#[test]
fn two_stores_get_different_device_ids() {
    let (_d1, p1) = temp_db();
    let (_d2, p2) = temp_db();
    let a = Store::open(&p1, &KEY, Some("a")).unwrap();
    let b = Store::open(&p2, &KEY, Some("b")).unwrap();
    assert_ne!(a.device(), b.device());
}

#[test]
fn a_name_is_for_creation_only() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path, &KEY, Some("default")).unwrap();
    store.set_device_name("chosen").unwrap();
    store.close().unwrap();
    let store = Store::open(&path, &KEY, Some("default")).unwrap();
    assert_eq!(store.device_name().unwrap(), "chosen");
}

#[test]
fn missing_database_without_a_name_is_not_created() {
    let (_dir, path) = temp_db();
    let err = Store::open(&path, &KEY, None).err().unwrap();
    assert!(matches!(err, Error::InvalidInput(_)), "{err}");
    assert!(!path.exists());
}

#[test]
fn migrated_database_equals_fresh() {
    let (_d1, fresh_path) = temp_db();
    let fresh = Store::open(&fresh_path, &KEY, Some("fresh")).unwrap();
    let fresh_schema = schema_dump(fresh.conn());

    // A database left at every older version, with its identity, must
    // migrate to exactly the fresh schema and keep its identity.
    for old in 1..CURRENT_VERSION {
        let (_d2, path) = temp_db();
        let old_id;
        {
            let mut conn = Connection::open(&path).unwrap();
            let tx = conn.transaction().unwrap();
            schema::migrate_between(&tx, 0, old).unwrap();
            let sealer = Sealer::from_storage_key(&KEY).unwrap();
            init_identity(&tx, &sealer, "old").unwrap();
            tx.commit().unwrap();
            old_id = read_device(&conn).unwrap();
            let v = user_version(&conn);
            assert_eq!(v, old);
        }
        let migrated = Store::open(&path, &KEY, None).unwrap();
        assert_eq!(schema_dump(migrated.conn()), fresh_schema, "from v{old}");
        assert_eq!(migrated.device(), old_id);
        assert_eq!(migrated.device_name().unwrap(), "old");
    }
}

#[test]
fn newer_schema_is_refused_and_untouched() {
    let (_dir, path) = temp_db();
    Store::open(&path, &KEY, Some("a"))
        .unwrap()
        .close()
        .unwrap();
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", CURRENT_VERSION + 1)
            .unwrap();
    }
    let before = file_bytes(&path);
    let err = Store::open(&path, &KEY, None).err().unwrap();
    match err {
        Error::SchemaTooNew { found, supported } => {
            assert_eq!(found, CURRENT_VERSION + 1);
            assert_eq!(supported, CURRENT_VERSION);
        }
        other => panic!("expected SchemaTooNew, got {other}"),
    }
    assert_eq!(file_bytes(&path), before);
}

#[test]
fn wrong_key_is_refused_and_untouched() {
    let (_dir, path) = temp_db();
    Store::open(&path, &KEY, Some("a"))
        .unwrap()
        .close()
        .unwrap();
    let before = file_bytes(&path);
    let err = Store::open(&path, &[0x43; 32], None).err().unwrap();
    assert!(matches!(err, Error::WrongKey), "{err}");
    // Even a renaming open with the wrong key changes nothing.
    let err = Store::open(&path, &[0x43; 32], Some("mallory"))
        .err()
        .unwrap();
    assert!(matches!(err, Error::WrongKey), "{err}");
    assert_eq!(file_bytes(&path), before);
    assert_eq!(
        Store::open(&path, &KEY, None)
            .unwrap()
            .device_name()
            .unwrap(),
        "a"
    );
}

#[test]
fn non_database_file_is_refused_and_untouched() {
    let (_dir, path) = temp_db();
    let text = b"shopping list: oat milk, lemons, birthday card\n".repeat(50);
    std::fs::write(&path, &text).unwrap();
    let err = Store::open(&path, &KEY, Some("a")).err().unwrap();
    assert!(matches!(err, Error::NotATandemDatabase(_)), "{err}");
    assert_eq!(file_bytes(&path), text);
    assert!(!path.with_extension("db-wal").exists());
}

#[test]
fn other_sqlite_database_is_refused_and_untouched() {
    let (_dir, path) = temp_db();
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x');")
            .unwrap();
    }
    let before = file_bytes(&path);
    let err = Store::open(&path, &KEY, Some("a")).err().unwrap();
    assert!(matches!(err, Error::NotATandemDatabase(_)), "{err}");
    assert_eq!(file_bytes(&path), before);
}

#[test]
fn bad_key_length_and_bad_name_are_input_errors() {
    let (_dir, path) = temp_db();
    assert!(matches!(
        Store::open(&path, &[1; 16], Some("a")).err().unwrap(),
        Error::InvalidInput(_)
    ));
    assert!(matches!(
        Store::open(&path, &KEY, Some("  ")).err().unwrap(),
        Error::InvalidInput(_)
    ));
    assert!(matches!(
        Store::open(&path, &KEY, Some(&"n".repeat(DEVICE_NAME_MAX_CHARS + 1)))
            .err()
            .unwrap(),
        Error::InvalidInput(_)
    ));
    assert!(!path.exists(), "a refused open creates nothing");
}

#[test]
fn failed_write_rolls_back() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path, &KEY, Some("a")).unwrap();
    let err = store
        .write(|tx, _| {
            set_meta_i64(tx, "probe", 7)?;
            Err::<(), _>(Error::invalid("stop"))
        })
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)));
    assert_eq!(meta_i64(store.conn(), "probe", -1).unwrap(), -1);
}

/// Issue 19: a database written by schema v12 (ops without authenticators,
/// received payloads without nonces) migrates; its ops read back as before,
/// carry no authenticator (so they are never handed back), and its received
/// payloads still count as seen by sequence alone.
#[test]
fn a_v12_database_keeps_its_ops_and_payload_record_without_authenticators() {
    use crate::change::Change;
    use crate::sync::hlc::Hlc;
    use crate::sync::log;
    let (_dir, path) = temp_db();
    let sealer = Sealer::from_storage_key(&KEY).unwrap();
    let device;
    {
        let mut conn = Connection::open(&path).unwrap();
        let tx = conn.transaction().unwrap();
        schema::migrate_between(&tx, 0, 12).unwrap();
        init_identity(&tx, &sealer, "old").unwrap();
        device = read_device(&tx).unwrap();
        // Any change will do: a rest week declared, as the log's tests use.
        let change: Change = postcard::from_bytes(&[1, 0]).unwrap();
        let body = postcard::to_stdvec(&change).unwrap();
        let sealed = sealer
            .seal(
                Slot::new(
                    "ops",
                    "body",
                    // Sealed as today's log seals it: Core::open reseals a
                    // body of the older record (check::upgrade_folds), which
                    // Store::open alone does not.
                    &log::body_slot(device, 1, Hlc::new(5, 0), "rest:2027-03-08"),
                ),
                &body,
            )
            .unwrap();
        tx.execute(
            "INSERT INTO ops (device, counter, hlc_ms, hlc_logical, entity, body)
             VALUES (?1, 1, 5, 0, 'rest:2027-03-08', ?2)",
            rusqlite::params![device.0.as_slice(), sealed],
        )
        .unwrap();
        tx.execute(
            "INSERT INTO received_payloads (sender, seq) VALUES (?1, 3)",
            [vec![7u8; 16]],
        )
        .unwrap();
        tx.commit().unwrap();
    }
    let store = Store::open(&path, &KEY, None).unwrap();
    let ops = log::all_ops(store.conn(), store.sealer()).unwrap();
    assert_eq!(ops.len(), 1);
    assert_eq!(ops[0].device, device);
    assert_eq!(log::tag_at(store.conn(), device, 1).unwrap(), Some(None));
    assert!(
        log::signed_ops_after(store.conn(), store.sealer(), device, 0)
            .unwrap()
            .is_empty()
    );
    let nonce: Option<Vec<u8>> = store
        .conn()
        .query_row("SELECT nonce FROM received_payloads", [], |r| r.get(0))
        .unwrap();
    assert_eq!(nonce, None);
}

#[test]
fn a_v14_database_keeps_its_ops_and_rituals_without_the_entity_index() {
    use crate::change::Change;
    use crate::sync::hlc::Hlc;
    use crate::sync::log;
    let (_dir, path) = temp_db();
    let sealer = Sealer::from_storage_key(&KEY).unwrap();
    let entity = "rest:2027-03-08";
    let device;
    {
        let mut conn = Connection::open(&path).unwrap();
        let tx = conn.transaction().unwrap();
        schema::migrate_between(&tx, 0, 14).unwrap();
        init_identity(&tx, &sealer, "old").unwrap();
        device = read_device(&tx).unwrap();
        // Any change will do: a rest week declared, as the log's tests use;
        // two ops of one entity, stored out of their fold order.
        let change: Change = postcard::from_bytes(&[1, 0]).unwrap();
        let body = postcard::to_stdvec(&change).unwrap();
        for (counter, ms) in [(1, 9), (2, 5)] {
            let sealed = sealer
                .seal(
                    Slot::new(
                        "ops",
                        "body",
                        &log::body_slot(device, counter, Hlc::new(ms, 0), entity),
                    ),
                    &body,
                )
                .unwrap();
            tx.execute(
                "INSERT INTO ops (device, counter, hlc_ms, hlc_logical, entity, body)
                 VALUES (?1, ?2, ?3, 0, ?4, ?5)",
                rusqlite::params![device.0.as_slice(), counter as i64, ms, entity, sealed],
            )
            .unwrap();
        }
        tx.execute(
            "INSERT INTO rituals (id, proposed_by, proposed_at_ms, hlc_logical, status, shown,
                                  pending, pending_by, personal, timeline)
             VALUES ('r1', ?1, 7, 2, 'active', x'0102', NULL, NULL, 1, x'03')",
            [device.0.as_slice()],
        )
        .unwrap();
        tx.commit().unwrap();
    }
    let store = Store::open(&path, &KEY, None).unwrap();
    let conn = store.conn();
    let v = user_version(conn);
    assert_eq!(v, CURRENT_VERSION);
    let index: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'ops_by_entity'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(index, 0);
    // The entity's ops, read through the index that is left, in fold order.
    let stamps: Vec<i64> = log::all_ops(conn, store.sealer())
        .unwrap()
        .iter()
        .filter(|op| op.entity == entity)
        .map(|op| op.hlc.wall_ms)
        .collect();
    assert_eq!(stamps, vec![5, 9]);
    assert!(log::has_entity(conn, entity).unwrap());
    assert!(!log::has_entity(conn, "rest:2027-03-15").unwrap());
    let row: String = conn
        .query_row(
            "SELECT id || '|' || hex(proposed_by) || '|' || proposed_at_ms || '|' || hlc_logical
                    || '|' || status || '|' || hex(shown) || '|' || personal || '|' || hex(timeline)
                    || '|' || (pending IS NULL) || '|' || (pending_by IS NULL)
             FROM rituals",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let by: String = device.0.iter().map(|b| format!("{b:02X}")).collect();
    assert_eq!(row, format!("r1|{by}|7|2|active|0102|1|03|1|1"));
}

/// How SQLite would run `sql` with `args`: its plan's steps, joined.
fn query_plan(conn: &Connection, sql: &str, args: &[&dyn rusqlite::ToSql]) -> String {
    conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .unwrap()
        .query_map(args, |r| r.get::<_, String>(3))
        .unwrap()
        .map(Result::unwrap)
        .collect::<Vec<_>>()
        .join("; ")
}

#[test]
fn a_v15_database_gains_the_visibility_indexes_and_its_reads_use_them() {
    let (_dir, path) = temp_db();
    let sealer = Sealer::from_storage_key(&KEY).unwrap();
    {
        let mut conn = Connection::open(&path).unwrap();
        let tx = conn.transaction().unwrap();
        schema::migrate_between(&tx, 0, 15).unwrap();
        init_identity(&tx, &sealer, "old").unwrap();
        // A mark with a note and one without, and an entry: rows the new
        // indexes must take in as they are.
        tx.execute_batch(
            "INSERT INTO occurrence_marks (ritual_id, date, status, note, done_by)
                 VALUES ('r1', '2027-03-10', 'done', x'01', x'00000000000000000000000000000001');
             INSERT INTO occurrence_marks (ritual_id, date, status)
                 VALUES ('r1', '2027-03-11', 'done');
             INSERT INTO entries (id, kind, author, at_ms, hlc_logical, shared, body)
                 VALUES ('e1', 'phrase', x'00000000000000000000000000000001', 5, 0, 1, x'02');",
        )
        .unwrap();
        tx.commit().unwrap();
    }
    let store = Store::open(&path, &KEY, None).unwrap();
    let conn = store.conn();
    let v = user_version(conn);
    assert_eq!(v, CURRENT_VERSION);
    let someone = b"0123456789abcdef".as_slice();
    let plan = |sql: &str, args: &[&dyn rusqlite::ToSql]| query_plan(conn, sql, args);
    let words = plan(crate::rituals::marks::WORDS_BY, &[&someone]);
    assert!(words.contains("occurrence_marks_words"), "{words}");
    assert!(!words.contains("TEMP B-TREE"), "no sort: {words}");
    // The notebook's four weeks read the words index, not every mark ever made.
    let notebook = plan(
        crate::screens::notebook::WORDS_IN_PERIOD,
        &[&"2027-03-01", &"2027-03-28"],
    );
    assert!(notebook.contains("occurrence_marks_words"), "{notebook}");
    let entries = plan(
        &crate::checkins::shared_by_select(Some(3)),
        &[&someone, &"phrase"],
    );
    assert!(entries.contains("entries_shared_by"), "{entries}");
    assert!(!entries.contains("TEMP B-TREE"), "no sort: {entries}");
    // The index holds the mark with words alone.
    let indexed: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM occurrence_marks INDEXED BY occurrence_marks_words
             WHERE note IS NOT NULL OR feeling IS NOT NULL OR also_note IS NOT NULL OR also_feeling IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(indexed, 1);
}

#[test]
fn the_ritual_reads_that_stay_small_read_through_their_indexes_and_sort_nothing() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path, &KEY, Some("Ana")).unwrap();
    let conn = store.conn();
    let plan = |sql: &str, args: &[&dyn rusqlite::ToSql]| query_plan(conn, sql, args);
    use crate::rituals::{Whose, ended_select, live_select};
    for whose in [Whose::All, Whose::Shared] {
        let ended = plan(&ended_select(whose, Some(21)), &[]);
        assert!(ended.contains("rituals_ended"), "{whose:?}: {ended}");
        assert!(
            !ended.contains("TEMP B-TREE"),
            "{whose:?}, no sort: {ended}"
        );
    }
    use crate::rituals::{active_select, in_effect_select, retired_since_select};
    for select in [live_select(), active_select(), in_effect_select()] {
        let live = plan(&select, &[]);
        assert!(live.contains("rituals_live"), "{live}");
        assert!(!live.contains("TEMP B-TREE"), "no sort: {live}");
    }
    let retired = plan(&retired_since_select(), &[&0]);
    assert!(retired.contains("rituals_ended"), "{retired}");
    assert!(!retired.contains("TEMP B-TREE"), "no sort: {retired}");
}

/// A statement whose plan depends on a bound value is prepared again each
/// time it is bound anew: the screens' reads must not be such statements.
#[test]
fn the_ritual_reads_stay_prepared_between_calls() {
    use crate::rituals::{Whose, ended_select, in_effect_since, retired_since_select};
    use rusqlite::StatementStatus::RePrepare;
    let (_dir, path) = temp_db();
    let store = Store::open(&path, &KEY, Some("Ana")).unwrap();
    let (conn, sealer) = (store.conn(), store.sealer());
    for round in 0..3 {
        for whose in [Whose::All, Whose::Shared] {
            crate::rituals::ended(conn, sealer, whose, Some(20)).unwrap();
            crate::rituals::ended(conn, sealer, whose, None).unwrap();
        }
        in_effect_since(conn, sealer, round * 86_400_000).unwrap();
        // The visibility screen's newest entries and pauses of one person.
        let someone = crate::DeviceId([round as u8; 16]);
        crate::checkins::shared_by(conn, sealer, someone, "phrase", Some(30)).unwrap();
        crate::agreements::pauses::started_by(conn, sealer, someone, Some(30)).unwrap();
    }
    for sql in [
        ended_select(Whose::All, Some(21)),
        ended_select(Whose::Shared, Some(21)),
        ended_select(Whose::All, None),
        retired_since_select(),
        crate::checkins::shared_by_select(Some(30)),
        crate::agreements::pauses::started_by_select(Some(30)),
    ] {
        let again = conn.prepare_cached(&sql).unwrap().get_status(RePrepare);
        assert_eq!(again, 0, "prepared again: {sql}");
    }
    // What this guards against, so the count is known to move: a bound
    // LIMIT is planned with, and binding it anew prepares it again.
    let bound = "SELECT id FROM rituals ORDER BY id LIMIT ?1";
    for limit in [1, 2, 3] {
        conn.prepare_cached(bound)
            .unwrap()
            .query_map([limit], |_| Ok(()))
            .unwrap()
            .count();
    }
    assert!(conn.prepare_cached(bound).unwrap().get_status(RePrepare) > 0);
}
