//! Sync throughput and wire size. Run: `cargo bench -p tandem-tests --bench sync`.
//!
//! - export+seal of a 10,000-op backlog, and open+import of it on a fresh replica
//! - bytes per op on the wire, and the wire size of one ordinary day's changes
//!   (printed before the timings)
//! - near the floor (issue 18 part 2, printed before the timings): the
//!   backlog's import against raw SQLite inserting the same rows and against
//!   Automerge 0.12 applying the same changes, in one run: seven rounds of the
//!   import and the raw floors interleaved, medians (Automerge: of 3)

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use tandem_core::sync::text;
use tandem_core::{Core, ManualClock, RitualDraft};

const OPS: usize = 10_000;
/// Rounds of the import and its floors, interleaved (medians printed).
const ROUNDS: usize = 7;
const NOW: i64 = 1_804_780_800_000; // 2027-03-10T18:00:00Z

fn open(path: &Path, key: u8, name: Option<&str>) -> Core {
    Core::open(path, &[key; 32], name, Arc::new(ManualClock::new(NOW))).expect("open")
}

fn draft(i: usize) -> RitualDraft {
    RitualDraft {
        title: format!("Ritual number {i}"),
        prompt: None,
        minutes: 10,
        time_of_day: format!("{:02}:{:02}", (i / 60) % 24, i % 60),
        zone: None,
        ..RitualDraft::default()
    }
}

/// Ana with `ops` proposals, a minute apart up to `NOW` (a backlog is
/// written over time: entity ids and op times are not all one
/// millisecond's), paired with Ben; Ben's database is left closed at
/// `template` so each import starts from the same fresh copy.
fn setup(dir: &Path, ops: usize) -> (Core, PathBuf) {
    const MINUTE: i64 = 60_000;
    let clock = Arc::new(ManualClock::new(NOW - ops as i64 * MINUTE));
    let mut ana =
        Core::open(&dir.join("ana.db"), &[0xA1; 32], Some("Ana"), clock.clone()).expect("open");
    let template = dir.join("ben-template.db");
    let mut ben = Core::open(&template, &[0xB2; 32], Some("Ben"), clock.clone()).expect("open");
    let offer = ana.start_pairing().expect("offer");
    let answer = ben.accept_pairing(&offer.text).expect("accept");
    ana.complete_pairing(&answer.text).expect("complete");
    ana.confirm_pairing().expect("confirm");
    ben.confirm_pairing().expect("confirm");
    ben.close().expect("close");
    for i in 0..ops {
        clock.advance(MINUTE);
        ana.propose_ritual(&draft(i)).expect("propose");
    }
    (ana, template)
}

fn fresh_copy(template: &Path, dir: &Path, n: &mut u32) -> Core {
    *n += 1;
    let path = dir.join(format!("ben-{n}.db"));
    std::fs::copy(template, &path).expect("copy");
    open(&path, 0xB2, None)
}

fn wire_sizes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut ana, template) = setup(dir.path(), OPS);
    let payloads = ana.export().expect("export");
    let bytes: usize = payloads.iter().map(Vec::len).sum();
    // Without the padding: what the encoding costs (measured by Ben, who
    // can open them).
    let ben = fresh_copy(&template, dir.path(), &mut 0);
    let unpadded: usize = payloads
        .iter()
        .map(|p| ben.payload_unpadded_len(p).expect("unpadded length"))
        .sum();
    eprintln!(
        "backlog: {OPS} ops in {} payload(s), {bytes} bytes: {:.1} bytes per op on the wire \
         ({:.1} without the padding)",
        payloads.len(),
        bytes as f64 / OPS as f64,
        unpadded as f64 / OPS as f64
    );

    // An ordinary day: five small shared changes with everyday text, after
    // everything earlier was acknowledged.
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut ana, template) = setup(dir.path(), 0);
    for (title, at) in [
        ("Evening check-in", "20:30"),
        ("Morning coffee together", "07:15"),
        ("Sunday walk by the river", "10:00"),
        ("Phone-free dinner", "19:00"),
        ("One appreciation", "21:00"),
    ] {
        ana.propose_ritual(&RitualDraft {
            title: title.into(),
            prompt: Some("How are we doing, really?".into()),
            minutes: 15,
            time_of_day: at.into(),
            zone: None,
            ..RitualDraft::default()
        })
        .expect("propose");
    }
    let day = ana.export().expect("export");
    let as_text = text::to_text(&day[0]);
    let ben = fresh_copy(&template, dir.path(), &mut 0);
    eprintln!(
        "a day's changes (5 ops): {} bytes binary ({} without the padding), {} characters as text \
         (one QR code holds 2,331)",
        day[0].len(),
        ben.payload_unpadded_len(&day[0]).expect("unpadded length"),
        as_text.len()
    );
}

/// Every row the import left in the replica, table by table, with the
/// tables' own schema and indexes: the import's whole write (the log and
/// the state folded from it), for the second floor.
struct Stored {
    /// Each table's, index's and trigger's SQL, with the table it is on.
    schema: Vec<(String, String)>,
    tables: Vec<(String, usize, Vec<Vec<rusqlite::types::Value>>)>,
}

impl Stored {
    /// One table of it, with its own indexes: the floor of the log alone.
    fn only(&self, table: &str) -> Stored {
        Stored {
            schema: self
                .schema
                .iter()
                .filter(|(t, _)| t == table)
                .cloned()
                .collect(),
            tables: self
                .tables
                .iter()
                .filter(|(t, ..)| t == table)
                .cloned()
                .collect(),
        }
    }

    fn rows(&self) -> usize {
        self.tables.iter().map(|t| t.2.len()).sum()
    }
}

fn stored_rows(conn: &rusqlite::Connection) -> Stored {
    let mut schema = Vec::new();
    let mut tables = Vec::new();
    let mut q = conn
        .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, name")
        .expect("schema");
    let entries: Vec<(String, String, String, String)> = q
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .expect("schema rows")
        .map(Result::unwrap)
        .collect();
    for (kind, name, table, sql) in entries {
        schema.push((table, sql));
        if kind != "table" {
            continue;
        }
        let mut rows_of = conn
            .prepare(&format!("SELECT * FROM \"{name}\""))
            .expect("select");
        let width = rows_of.column_count();
        let rows: Vec<Vec<rusqlite::types::Value>> = rows_of
            .query_map([], |r| (0..width).map(|i| r.get(i)).collect())
            .expect("rows")
            .map(Result::unwrap)
            .collect();
        if !rows.is_empty() {
            tables.push((name, width, rows));
        }
    }
    Stored { schema, tables }
}

/// Raw SQLite storing exactly `stored`, in one transaction.
/// Its wall time and this thread's time on the CPU, in nanoseconds.
fn raw_store(stored: &Stored, path: &Path) -> (Duration, u64) {
    let mut conn = rusqlite::Connection::open(path).expect("raw db");
    conn.pragma_update(None, "journal_mode", "WAL")
        .expect("wal");
    conn.pragma_update(None, "synchronous", "NORMAL")
        .expect("sync");
    // The replica's own page cache (store::configure), so neither spills.
    conn.pragma_update(None, "cache_size", tandem_core::store::PAGE_CACHE_KIB)
        .expect("cache");
    for (_, sql) in &stored.schema {
        conn.execute_batch(sql).expect("schema");
    }
    let t = Instant::now();
    let c = cpu_ns();
    let tx = conn.transaction().expect("tx");
    for (name, width, rows) in &stored.tables {
        let marks = vec!["?"; *width].join(", ");
        let mut insert = tx
            .prepare(&format!("INSERT INTO \"{name}\" VALUES ({marks})"))
            .expect("prepare");
        for r in rows {
            insert
                .execute(rusqlite::params_from_iter(r.iter()))
                .expect("insert");
        }
    }
    tx.commit().expect("commit");
    (t.elapsed(), cpu_ns() - c)
}

/// The same 10,000 proposals as Automerge changes, each as the bytes a
/// peer would send: one `AutoCommit` doc (one actor, like Ana's phone) puts
/// one map per ritual under a 24-hex-digit id (as Tandem's entity ids) with
/// the fields a proposal carries (the same title text, time of day and
/// minutes as integers), one commit per op, as Tandem writes one op per
/// proposal.
fn automerge_changes() -> Vec<Vec<u8>> {
    use automerge::transaction::Transactable;
    let mut doc = automerge::AutoCommit::new().with_actor(automerge::ActorId::from([0xA1u8; 16]));
    let mut changes = Vec::new();
    for i in 0..OPS {
        let d = draft(i);
        let ritual = doc
            .put_object(
                automerge::ROOT,
                format!("{i:024x}"),
                automerge::ObjType::Map,
            )
            .expect("put object");
        doc.put(&ritual, "title", d.title).expect("put");
        doc.put(&ritual, "time_of_day", ((i / 60) % 24 * 60 + i % 60) as i64)
            .expect("put");
        doc.put(&ritual, "minutes", i64::from(d.minutes))
            .expect("put");
        doc.commit();
        let change = doc.get_last_local_change().expect("change");
        changes.push(change.raw_bytes().to_vec());
    }
    changes
}

/// A fresh Automerge document applying those changes from their bytes,
/// parsing and applying as Tandem's import parses and applies a payload,
/// by Automerge's two paths for changes received in bulk: all of them
/// concatenated through `load_incremental`, and each decoded then applied
/// together (`apply_changes_batch`). The faster median counts. In memory
/// only, nothing written to disk, where Tandem's import commits to SQLite:
/// the comparison favours Automerge.
fn automerge_apply(changes: &[Vec<u8>], batch: bool) -> Duration {
    let concatenated: Vec<u8> = changes.concat();
    let received = changes.to_vec();
    let t = Instant::now();
    let mut doc = automerge::AutoCommit::new();
    if batch {
        let decoded: Vec<automerge::Change> = received
            .into_iter()
            .map(|c| automerge::Change::from_bytes(c).expect("change"))
            .collect();
        doc.apply_changes_batch(decoded).expect("apply");
    } else {
        doc.load_incremental(&concatenated).expect("load");
    }
    let elapsed = t.elapsed();
    assert_eq!(
        automerge::ReadDoc::length(&doc, automerge::ROOT),
        OPS,
        "every ritual applied"
    );
    elapsed
}

/// Importing the backlog into a fresh replica against raw SQLite storing
/// the same rows (the ratio the issue asks for: at most 4) and against
/// Automerge applying the same changes (at least 2 times faster).
fn near_the_floor(template: &Path, payloads: &[Vec<u8>]) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut n = 0;
    let mut import_once = |cpu: &mut Vec<u64>| -> (Duration, PathBuf) {
        let mut ben = fresh_copy(template, dir.path(), &mut n);
        let t = Instant::now();
        let c = cpu_ns();
        for p in payloads {
            ben.import(p).expect("import");
        }
        let elapsed = t.elapsed();
        cpu.push(cpu_ns() - c);
        ben.close().expect("close");
        (elapsed, dir.path().join(format!("ben-{n}.db")))
    };
    // A first import, for the rows the floors store.
    let mut cpu = Vec::new();
    let (_, first) = import_once(&mut cpu);
    cpu.clear();
    let conn = rusqlite::Connection::open(&first).expect("open");
    let stored = stored_rows(&conn);
    let ops = stored.only("ops");
    // Interleaved, round by round: on this kind of machine the disk's
    // writeback after one import slows whatever writes next, and timing
    // all imports before all floors measured that more than either.
    let (mut import, mut raw, mut raw_all) = (Vec::new(), Vec::new(), Vec::new());
    let (mut raw_cpu, mut raw_all_cpu) = (Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        import.push(import_once(&mut cpu).0);
        let (wall, on_cpu) = raw_store(&ops, &dir.path().join(format!("raw-{round}.db")));
        raw.push(wall);
        raw_cpu.push(on_cpu);
        let (wall, on_cpu) = raw_store(&stored, &dir.path().join(format!("raw-all-{round}.db")));
        raw_all.push(wall);
        raw_all_cpu.push(on_cpu);
    }
    let changes = automerge_changes();
    let bytes: usize = changes.iter().map(Vec::len).sum();
    let automerge = [false, true]
        .map(|batch| {
            let mut runs: Vec<Duration> =
                (0..3).map(|_| automerge_apply(&changes, batch)).collect();
            runs.sort();
            runs[1]
        })
        .into_iter()
        .min()
        .expect("two paths");
    for runs in [&mut import, &mut raw, &mut raw_all] {
        runs.sort();
    }
    for runs in [&mut cpu, &mut raw_cpu, &mut raw_all_cpu] {
        runs.sort();
    }
    let ms = |ns: u64| ns as f64 / 1e6;
    let mid = ROUNDS / 2;
    eprintln!(
        "import of {} ops into a fresh replica: {:?} (on the CPU: {:.1} ms); raw SQLite inserting the same rows in one transaction: {:?} (on the CPU: {:.1} ms); Automerge applying the same changes: {:?} ({bytes} bytes); import / raw SQLite {:.1}x, on the CPU {:.1}x (goal at most 4), Automerge / import {:.2}x (goal at least 2) (medians of {ROUNDS}, Automerge's of 3)",
        ops.rows(),
        import[mid],
        ms(cpu[mid]),
        raw[mid],
        ms(raw_cpu[mid]),
        automerge,
        import[mid].as_secs_f64() / raw[mid].as_secs_f64(),
        cpu[mid] as f64 / raw_cpu[mid] as f64,
        automerge.as_secs_f64() / import[mid].as_secs_f64()
    );
    eprintln!(
        "raw SQLite storing everything the import stored ({} rows in {} tables: the log and the state folded from it, with their indexes) in one transaction: {:?} (on the CPU: {:.1} ms); import / that {:.1}x, on the CPU {:.1}x",
        stored.rows(),
        stored.tables.len(),
        raw_all[mid],
        ms(raw_all_cpu[mid]),
        import[mid].as_secs_f64() / raw_all[mid].as_secs_f64(),
        cpu[mid] as f64 / raw_all_cpu[mid] as f64
    );
}

/// This thread's time on the CPU so far, in nanoseconds (Linux; 0
/// elsewhere): on a loaded machine the wall clock also counts the waits.
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

fn bench(c: &mut Criterion) {
    wire_sizes();
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut ana, template) = setup(dir.path(), OPS);
    let payloads = ana.export().expect("export");
    near_the_floor(&template, &payloads);

    let mut group = c.benchmark_group("sync");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Elements(OPS as u64));
    group.bench_function("export+seal 10k ops", |b| {
        b.iter(|| ana.export().expect("export"))
    });
    let mut n = 0;
    group.bench_function("open+import 10k ops", |b| {
        b.iter_batched(
            || fresh_copy(&template, dir.path(), &mut n),
            |mut ben| {
                for p in &payloads {
                    ben.import(p).expect("import");
                }
                ben
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
