//! `check`: what in the store is damaged, in the spirit of `git fsck`.
//!
//! Everything the store holds is one of three things (the audit, table by
//! table, is in docs/STORAGE-INTEGRITY.md):
//! - sealed: opened with associated data naming its table, column and row,
//!   so damage (or a value moved between rows) fails to open;
//! - derived: folded from the op log, so a refold recomputes it;
//! - plain and trusted: bookkeeping whose damage the check compares with
//!   what it can be derived from (counters against the log).
//!
//! The check never changes the store: its refold runs in a transaction that
//! is rolled back. Its messages name tables, columns and counts, never user
//! text, ids of user data or keys.

use std::collections::BTreeMap;

use rusqlite::types::Value;
use rusqlite::{Connection, Transaction};

use crate::capabilities;
use crate::device::DeviceId;
use crate::error::Result;
use crate::rituals;
use crate::store::{self, CURRENT_VERSION, Sealer, Slot, Store};
use crate::sync::{self, Hlc, log};

/// What kind of damage a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FindingKind {
    /// The file's structure or schema version is not what this build
    /// writes (SQLite's own integrity check, `user_version`).
    Schema,
    /// An op in the shared or private log does not open or decode.
    Op,
    /// A sealed value does not open (damage, or moved from another row).
    Sealed,
    /// Stored state differs from what folding the op log gives.
    Derived,
    /// Bookkeeping disagrees with the op log (a counter behind the log).
    Bookkeeping,
}

impl FindingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Schema => "schema",
            FindingKind::Op => "op",
            FindingKind::Sealed => "sealed",
            FindingKind::Derived => "derived",
            FindingKind::Bookkeeping => "bookkeeping",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: FindingKind,
    /// For a person and a log: tables, columns and counts, no user text.
    pub message: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    pub findings: Vec<Finding>,
}

impl CheckReport {
    pub fn ok(&self) -> bool {
        self.findings.is_empty()
    }

    fn add(&mut self, kind: FindingKind, message: impl Into<String>) {
        self.findings.push(Finding {
            kind,
            message: message.into(),
        });
    }
}

/// The tables folded from the op log, each with its primary key.
pub(crate) const DERIVED: &[(&str, &str)] = &[
    ("rituals", "id"),
    ("occurrence_marks", "ritual_id, date"),
    ("rest_weeks", "monday"),
    ("boundaries", "id"),
    ("agreements", "id"),
    ("agreement_history", "agreement_id, seq"),
    ("pauses", "id"),
    ("entries", "id"),
    ("journal", "id"),
];

/// Bumped when what is sealed changes in a way old rows cannot be read as
/// (2: an op's body is sealed with its clock and entity, a waiting version
/// with whom it waits on). A store written under an older format has its
/// ops resealed and is folded again when it opens.
pub(crate) const FOLD_FORMAT: i64 = 2;
const FOLD_FORMAT_KEY: &str = "fold_format";

/// Folds every entity again if the store was folded under an older format.
/// And seals again, once, the waiting versions sealed whole before v17,
/// and folds again, once, the rituals' rows from before v18, which did not
/// say when each last changed.
pub(crate) fn upgrade_folds(store: &mut Store) -> Result<()> {
    if store::meta_i64(store.conn(), FOLD_FORMAT_KEY, 1)? < FOLD_FORMAT {
        let me = store.device();
        store.write(|tx, sealer| {
            log::reseal_legacy(tx, sealer)?;
            // Bodies open now: ops from before the log kept their parts get
            // them before the refold reads by part.
            sync::fill_parts(tx, sealer, capabilities::all())?;
            refold_all(tx, sealer, me)?;
            store::set_meta_i64(tx, FOLD_FORMAT_KEY, FOLD_FORMAT)
        })?;
    }
    if rituals::compact_pending_due(store.conn())? {
        store.write(rituals::compact_pending)?;
    }
    if let Some(unchanged) = rituals::changed_pending(store.conn())? {
        let me = store.device();
        store.write(|tx, sealer| {
            sync::refold_wholes(tx, sealer, capabilities::all(), me, &unchanged)?;
            rituals::changed_filled(tx)
        })?;
    }
    Ok(())
}

/// Every entity of the shared and the private log, folded again.
fn refold_all(tx: &Transaction<'_>, sealer: &Sealer, me: DeviceId) -> Result<()> {
    let mut entities = sync::log::shared_entities(tx)?;
    let private: Vec<String> = tx
        .prepare("SELECT DISTINCT entity FROM local_ops")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    entities.extend(private);
    entities.sort_unstable();
    entities.dedup();
    sync::refold_entities(tx, sealer, capabilities::all(), me, &entities)
}

/// Checks the whole store; changes nothing.
pub fn check(store: &Store) -> Result<CheckReport> {
    let mut report = CheckReport::default();
    let conn = store.conn();
    check_schema(conn, &mut report)?;
    let log_opens = check_ops(conn, store.sealer(), &mut report)?;
    check_bookkeeping(conn, store.device(), &mut report)?;
    check_sealed(store, &mut report)?;
    if log_opens {
        check_derived(store, &mut report)?;
    } else {
        report.add(
            FindingKind::Derived,
            "the stored state was not compared with the op log: the log itself is damaged",
        );
    }
    Ok(report)
}

fn check_schema(conn: &Connection, report: &mut CheckReport) -> Result<()> {
    let version: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version != CURRENT_VERSION {
        report.add(
            FindingKind::Schema,
            format!("the schema is at version {version}, this build writes {CURRENT_VERSION}"),
        );
    }
    let app: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if app != store::APPLICATION_ID {
        report.add(FindingKind::Schema, "the file is not marked as Tandem's");
    }
    let problems: Vec<String> = conn
        .prepare("PRAGMA integrity_check")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if problems != ["ok"] {
        report.add(
            FindingKind::Schema,
            format!(
                "SQLite's integrity check found {} problem(s) in the file's structure",
                problems.len()
            ),
        );
    }
    Ok(())
}

/// Opens and decodes every op, one by one; true if all did.
fn check_ops(conn: &Connection, sealer: &Sealer, report: &mut CheckReport) -> Result<bool> {
    let mut bad_shared = 0usize;
    let mut stmt =
        conn.prepare("SELECT device, counter, hlc_ms, hlc_logical, entity, body FROM ops")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let device: Vec<u8> = row.get(0)?;
        let counter: i64 = row.get(1)?;
        let hlc = Hlc::new(row.get(2)?, row.get(3)?);
        let entity: String = row.get(4)?;
        let body: Vec<u8> = row.get(5)?;
        let opens = DeviceId::from_slice(&device).ok().is_some_and(|device| {
            let record = log::body_slot(device, counter as u64, hlc, &entity);
            log::open_body(sealer, &record, "ops", &body).is_ok()
        });
        bad_shared += usize::from(!opens);
    }
    let mut bad_private = 0usize;
    let mut stmt = conn.prepare("SELECT seq, hlc_ms, hlc_logical, entity, body FROM local_ops")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let seq: i64 = row.get(0)?;
        let hlc = Hlc::new(row.get(1)?, row.get(2)?);
        let entity: String = row.get(3)?;
        let body: Vec<u8> = row.get(4)?;
        let record = log::private_slot(seq as u64, hlc, &entity);
        bad_private += usize::from(log::open_body(sealer, &record, "local_ops", &body).is_err());
    }
    if bad_shared > 0 {
        report.add(
            FindingKind::Op,
            format!("{bad_shared} op(s) in the shared log do not open"),
        );
    }
    if bad_private > 0 {
        report.add(
            FindingKind::Op,
            format!("{bad_private} op(s) in this phone's private log do not open"),
        );
    }
    Ok(bad_shared == 0 && bad_private == 0)
}

/// Counters that must stay ahead of the log, or this phone would number a
/// new op like one it already wrote.
fn check_bookkeeping(conn: &Connection, me: DeviceId, report: &mut CheckReport) -> Result<()> {
    let counter = sync::log::last_counter(conn)?;
    let highest: i64 = conn.query_row(
        "SELECT COALESCE(MAX(counter), 0) FROM ops WHERE device = ?1",
        [me.0.as_slice()],
        |r| r.get(0),
    )?;
    if (counter as i64) < highest {
        report.add(
            FindingKind::Bookkeeping,
            "this phone's op counter is behind its own ops in the log",
        );
    }
    Ok(())
}

/// Sealed values outside the folded tables: the device's name, the pair's
/// keys, the key ratchet's secrets, and the seal over the plain bookkeeping.
fn check_sealed(store: &Store, report: &mut CheckReport) -> Result<()> {
    let (conn, sealer) = (store.conn(), store.sealer());
    if store.device_name().is_err() {
        report.add(
            FindingKind::Sealed,
            "meta.value (the device name) does not open",
        );
    }
    if crate::pairing::load(conn, sealer).is_err() {
        report.add(FindingKind::Sealed, "the pair's sealed keys do not open");
    }
    for table in store::guard::damaged(conn, sealer)? {
        report.add(
            FindingKind::Bookkeeping,
            format!("{table} was changed outside Tandem (its seal does not match)"),
        );
    }
    let mut bad = 0usize;
    let mut stmt = conn.prepare("SELECT idx, secret FROM prekeys WHERE secret IS NOT NULL")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let idx: i64 = row.get(0)?;
        let secret: Vec<u8> = row.get(1)?;
        let record = format!("prekey-{idx}");
        bad += usize::from(
            sealer
                .open(Slot::new("prekeys", "secret", &record), &secret)
                .is_err(),
        );
    }
    if bad > 0 {
        report.add(
            FindingKind::Sealed,
            format!("{bad} sealed prekey secret(s) do not open"),
        );
    }
    Ok(())
}

type Rows = BTreeMap<Vec<u8>, Vec<Value>>;

/// The rows of a table by primary key, and its column names.
fn read_table(conn: &Connection, table: &str, key: &str) -> Result<(Vec<String>, Rows)> {
    let keys = key.split(", ").count();
    let mut stmt = conn.prepare(&format!("SELECT {key}, * FROM {table}"))?;
    let names: Vec<String> = stmt
        .column_names()
        .iter()
        .skip(keys)
        .map(|s| s.to_string())
        .collect();
    let width = stmt.column_count();
    let mut rows = stmt.query([])?;
    let mut out = Rows::new();
    while let Some(row) = rows.next()? {
        let mut k = Vec::new();
        for i in 0..keys {
            let v: Value = row.get(i)?;
            k.extend_from_slice(format!("{v:?}").as_bytes());
            k.push(0);
        }
        let values = (keys..width)
            .map(|i| row.get::<_, Value>(i))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        out.insert(k, values);
    }
    Ok((names, out))
}

/// Folds the whole log again (in a transaction rolled back afterwards) with
/// a sealer that remembers what it sealed, and compares every folded table
/// with what is stored: plain columns byte for byte, sealed ones by
/// opening the stored value under the refolded value's associated data.
fn check_derived(store: &Store, report: &mut CheckReport) -> Result<()> {
    let conn = store.conn();
    let mut stored = Vec::new();
    for (table, key) in DERIVED {
        stored.push(read_table(conn, table, key)?);
    }
    let recording = store.sealer().recording()?;
    let me = store.device();
    let refolded = store.scratch(|tx| {
        for (table, _) in DERIVED {
            tx.execute(&format!("DELETE FROM {table}"), [])?;
        }
        refold_all(tx, &recording, me)?;
        let mut out = Vec::new();
        for (table, key) in DERIVED {
            out.push(read_table(tx, table, key)?);
        }
        Ok(out)
    })?;
    for (((table, _), (names, was)), (_, now)) in DERIVED.iter().zip(stored).zip(refolded) {
        compare(
            table,
            &names,
            &was,
            &now,
            store.sealer(),
            &recording,
            report,
        );
    }
    Ok(())
}

fn compare(
    table: &str,
    names: &[String],
    stored: &Rows,
    folded: &Rows,
    sealer: &Sealer,
    recording: &Sealer,
    report: &mut CheckReport,
) {
    let extra = stored.keys().filter(|k| !folded.contains_key(*k)).count();
    let missing = folded.keys().filter(|k| !stored.contains_key(*k)).count();
    if extra > 0 {
        report.add(
            FindingKind::Derived,
            format!("{extra} row(s) of {table} do not come from the op log"),
        );
    }
    if missing > 0 {
        report.add(
            FindingKind::Derived,
            format!("{missing} row(s) of {table} that the op log holds are missing"),
        );
    }
    // Per column: how many rows fail to open, how many differ.
    let mut unopened: BTreeMap<&str, usize> = BTreeMap::new();
    let mut differing: BTreeMap<&str, usize> = BTreeMap::new();
    for (key, now) in folded {
        let Some(was) = stored.get(key) else { continue };
        for ((name, a), b) in names.iter().zip(was).zip(now) {
            if a == b {
                continue;
            }
            match (a, b) {
                (Value::Blob(a), Value::Blob(b)) => match recording.recorded(b) {
                    Some((aad, plain)) => match sealer.open_aad(&aad, a) {
                        None => *unopened.entry(name).or_default() += 1,
                        Some(opened) if *opened != *plain => {
                            *differing.entry(name).or_default() += 1
                        }
                        Some(_) => {}
                    },
                    None => *differing.entry(name).or_default() += 1,
                },
                _ => *differing.entry(name).or_default() += 1,
            }
        }
    }
    for (column, n) in unopened {
        report.add(
            FindingKind::Sealed,
            format!("{table}.{column}: {n} sealed value(s) do not open"),
        );
    }
    for (column, n) in differing {
        report.add(
            FindingKind::Derived,
            format!("{table}.{column}: {n} value(s) differ from the op log"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rituals::{self, RitualDraft};

    fn draft(title: &str, minutes: u32, at: &str) -> RitualDraft {
        RitualDraft {
            title: title.into(),
            minutes,
            time_of_day: at.into(),
            ..RitualDraft::default()
        }
    }

    /// A store written before ops were sealed with their clock and entity
    /// (and waiting versions with whom they wait on) is resealed and folded
    /// again when it opens: it reads as before and checks clean.
    #[test]
    fn a_store_in_the_old_format_is_upgraded_when_it_opens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        let key = [9u8; 32];
        let now = 1_804_701_600_000;
        let mut store = Store::open(&path, &key, Some("Ana")).unwrap();
        let me = store.device();
        for (title, at, personal) in [("Walk", "20:30", false), ("Stretch", "07:00", true)] {
            let draft = draft(title, 10, at);
            store
                .write(|tx, sealer| rituals::propose(tx, sealer, me, now, &draft, personal))
                .unwrap();
        }
        let before = rituals::list(store.conn(), store.sealer()).unwrap();

        // Rewrite the file as the old format had it.
        store
            .write(|tx, sealer| {
                let ops: Vec<(Vec<u8>, i64, Vec<u8>)> = tx
                    .prepare("SELECT device, counter, body FROM ops")?
                    .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                    .collect::<rusqlite::Result<_>>()?;
                let new: Vec<(i64, i64, u32, String)> = tx
                    .prepare("SELECT counter, hlc_ms, hlc_logical, entity FROM ops")?
                    .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                    .collect::<rusqlite::Result<_>>()?;
                for ((device, counter, sealed), (_, ms, logical, entity)) in ops.iter().zip(&new) {
                    let d = DeviceId::from_slice(device)?;
                    let rec = log::body_slot(d, *counter as u64, Hlc::new(*ms, *logical), entity);
                    let plain = sealer.open(Slot::new("ops", "body", &rec), sealed)?;
                    let old =
                        sealer.seal(Slot::new("ops", "body", &format!("{d}:{counter}")), &plain)?;
                    tx.execute(
                        "UPDATE ops SET body = ?1 WHERE device = ?2 AND counter = ?3",
                        rusqlite::params![old, device, counter],
                    )?;
                }
                let private: Vec<(i64, i64, u32, String, Vec<u8>)> = tx
                    .prepare("SELECT seq, hlc_ms, hlc_logical, entity, body FROM local_ops")?
                    .query_map([], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                assert!(!private.is_empty());
                for (seq, ms, logical, entity, sealed) in private {
                    let rec = log::private_slot(seq as u64, Hlc::new(ms, logical), &entity);
                    let plain = sealer.open(Slot::new("local_ops", "body", &rec), &sealed)?;
                    let old =
                        sealer.seal(Slot::new("local_ops", "body", &seq.to_string()), &plain)?;
                    tx.execute(
                        "UPDATE local_ops SET body = ?1 WHERE seq = ?2",
                        rusqlite::params![old, seq],
                    )?;
                }
                tx.execute("DELETE FROM meta WHERE key = ?1", [FOLD_FORMAT_KEY])?;
                Ok(())
            })
            .unwrap();
        assert!(
            !check(&store).unwrap().ok(),
            "the old format does not open today"
        );

        // What Core::open does.
        upgrade_folds(&mut store).unwrap();
        assert_eq!(rituals::list(store.conn(), store.sealer()).unwrap(), before);
        assert!(sync::all_ops(store.conn(), store.sealer()).is_ok());
        let report = check(&store).unwrap();
        assert!(report.ok(), "{report:?}");
    }

    /// The store at `path` as `version` (16 or 17) left it: without v18's
    /// column and index, and saying so, so the next open migrates it.
    fn back_to(path: &std::path::Path, version: u32) {
        let conn = Connection::open(path).unwrap();
        conn.execute_batch(
            "DROP INDEX rituals_ended; DROP INDEX rituals_live;
             ALTER TABLE rituals DROP COLUMN changed_at_ms;",
        )
        .unwrap();
        conn.pragma_update(None, "user_version", version).unwrap();
    }

    /// A store written by v16 held a fresh proposal's waiting version whole:
    /// it still reads, the v17 migration asks for it to be sealed again, and
    /// the first open after it (`check::upgrade_folds`, as `Core::open`
    /// runs it) seals it empty, after which `check` is clean.
    #[test]
    fn a_v16_store_has_its_waiting_versions_sealed_again_at_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v16.db");
        let key = [5u8; 32];
        let mut store = Store::open(&path, &key, Some("Ana")).unwrap();
        let me = store.device();
        let draft = draft("Walk", 20, "20:30");
        store
            .write(|tx, sealer| rituals::propose(tx, sealer, me, 1_804_701_600_000, &draft, false))
            .unwrap();
        let before = rituals::list(store.conn(), store.sealer()).unwrap();
        let id = before[0].id.clone();
        let pending_len = |store: &Store| -> i64 {
            store
                .conn()
                .query_row(
                    "SELECT length(pending) FROM rituals WHERE id = ?1",
                    [&id],
                    |r| r.get(0),
                )
                .unwrap()
        };
        let compact = pending_len(&store);

        // As v16 wrote it: the spec and its base (none), in postcard, sealed
        // whole under the ritual and whom it waits on.
        store
            .write(|tx, sealer| {
                let mut whole = postcard::to_stdvec(&before[0].spec).unwrap();
                whole.push(0);
                let record = format!("{id}/{}", hex::encode(me.0));
                let sealed = sealer.seal(Slot::new("rituals", "pending", &record), &whole)?;
                tx.execute(
                    "UPDATE rituals SET pending = ?1 WHERE id = ?2",
                    rusqlite::params![sealed, id],
                )?;
                Ok(())
            })
            .unwrap();
        store.close().unwrap();
        back_to(&path, 16);
        let mut store = Store::open(&path, &key, None).unwrap();
        assert!(
            rituals::compact_pending_due(store.conn()).unwrap(),
            "the migration asks"
        );
        assert!(pending_len(&store) > compact + 20, "sealed whole");
        // When it last changed is not known until the open's refold (v18).
        let unknown: Vec<_> = before
            .iter()
            .map(|r| rituals::Ritual {
                changed_at_ms: crate::clock::Millis::MAX,
                ..r.clone()
            })
            .collect();
        assert_eq!(
            rituals::list(store.conn(), store.sealer()).unwrap(),
            unknown,
            "still reads"
        );
        assert!(!check(&store).unwrap().ok(), "a refold seals it otherwise");

        upgrade_folds(&mut store).unwrap();
        assert!(!rituals::compact_pending_due(store.conn()).unwrap());
        assert_eq!(pending_len(&store), compact);
        assert_eq!(rituals::list(store.conn(), store.sealer()).unwrap(), before);
        let report = check(&store).unwrap();
        assert!(report.ok(), "{report:?}");
    }

    /// A store written by v17 kept no time of each ritual's last change: the
    /// v18 migration adds the column empty and asks for it, and the first
    /// open after it folds each ritual's row again, after which `check` is
    /// clean and the ended rituals read most recently ended first.
    #[test]
    fn a_v17_store_learns_when_each_ritual_last_changed_at_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v17.db");
        let key = [6u8; 32];
        let mut store = Store::open(&path, &key, Some("Ana")).unwrap();
        let me = store.device();
        let t0 = 1_804_701_600_000;
        let mut ids = Vec::new();
        for (i, title) in ["Walk", "Tea", "Call"].into_iter().enumerate() {
            let draft = draft(title, 20, "20:30");
            let at = t0 + i as i64 * 1000;
            let id = store
                .write(|tx, sealer| rituals::propose(tx, sealer, me, at, &draft, true))
                .unwrap();
            ids.push(id);
        }
        // Retired in the opposite order to their proposals: the newest end first.
        for (i, id) in ids.iter().rev().take(2).enumerate() {
            let at = t0 + 60_000 + i as i64 * 1000;
            store
                .write(|tx, sealer| rituals::act(tx, sealer, me, at, id, rituals::Action::Retire))
                .unwrap();
        }
        let before = rituals::list(store.conn(), store.sealer()).unwrap();
        let ended_ids = |store: &Store| -> Vec<String> {
            rituals::ended(store.conn(), store.sealer(), rituals::Whose::All, None)
                .unwrap()
                .0
                .into_iter()
                .map(|r| r.id)
                .collect()
        };
        assert_eq!(ended_ids(&store), [ids[1].clone(), ids[2].clone()]);
        store.close().unwrap();
        back_to(&path, 17);
        let mut store = Store::open(&path, &key, None).unwrap();
        assert_eq!(
            rituals::changed_pending(store.conn())
                .unwrap()
                .map(|e| e.len()),
            Some(3),
            "the migration asks for every ritual"
        );
        assert!(
            rituals::list(store.conn(), store.sealer())
                .unwrap()
                .iter()
                .all(|r| r.changed_at_ms == crate::clock::Millis::MAX),
            "not known yet reads as just now"
        );
        assert!(!check(&store).unwrap().ok(), "a refold says when");

        upgrade_folds(&mut store).unwrap();
        assert_eq!(rituals::changed_pending(store.conn()).unwrap(), None);
        assert_eq!(rituals::list(store.conn(), store.sealer()).unwrap(), before);
        assert_eq!(ended_ids(&store), [ids[1].clone(), ids[2].clone()]);
        let report = check(&store).unwrap();
        assert!(report.ok(), "{report:?}");
    }
}
