//! Import is one transaction: a process killed in the middle of one leaves
//! the database exactly as it was, and still openable.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;

use common::*;
use tandem_core::{Core, ManualClock};

const CHILD_ENV: &str = "TANDEM_CRASH_CHILD";

/// The child side: opens Ben's database and imports, pausing before commit
/// (the `fault-injection` pause point) until the parent kills it.
#[test]
#[ignore = "run by crash_mid_import_changes_nothing as a child process"]
fn crash_child_import() {
    let Ok(spec) = std::env::var(CHILD_ENV) else {
        return;
    };
    let mut parts = spec.splitn(2, '|');
    let db = parts.next().unwrap();
    let payload = std::fs::read(parts.next().unwrap()).unwrap();
    let clock = ManualClock::new(ms("2027-03-10T18:00:00Z"));
    let mut core = Core::open(std::path::Path::new(db), &KEY_B, None, Arc::new(clock)).unwrap();
    core.import(&payload).unwrap();
    panic!("the pause point should have stopped this import before its commit");
}

#[test]
fn crash_mid_import_changes_nothing() {
    let mut ana = device("Ana", &KEY_A, "2027-03-10T18:00:00Z");
    let mut ben = device("Ben", &KEY_B, "2027-03-10T18:00:00Z");
    pair(&mut ana, &mut ben);
    ana.core
        .propose_ritual(&draft("Walk", "10:00", None))
        .unwrap();
    deliver(&mut ana, &mut ben);
    for i in 0..300 {
        ana.core
            .propose_ritual(&draft(&format!("Ritual {i}"), "08:00", None))
            .unwrap();
    }
    let payloads = ana.core.export().unwrap();
    assert_eq!(payloads.len(), 1);
    let payload_path = ben.dir.path().join("payload.bin");
    std::fs::write(&payload_path, &payloads[0]).unwrap();

    let before = snapshot(&ben);
    let db = ben.path.clone();
    let Device {
        core, dir: _keep, ..
    } = ben;
    core.close().unwrap();
    let main_before = std::fs::read(&db).unwrap();

    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "crash_child_import",
            "--include-ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(
            CHILD_ENV,
            format!("{}|{}", db.display(), payload_path.display()),
        )
        .env("TANDEM_FAULT_PAUSE", "import-before-commit")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut paused = false;
    for line in BufReader::new(stderr).lines() {
        let line = line.unwrap();
        if line.contains("TANDEM-FAULT-PAUSED import-before-commit") {
            paused = true;
            break;
        }
    }
    assert!(paused, "the child never reached the pause point");
    // The transaction is open and its ops are written (in SQLite's cache or
    // the WAL) but not committed: kill the process right there.
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success());

    // The main file was not touched; the database opens and holds exactly
    // what it held before.
    assert_eq!(std::fs::read(&db).unwrap(), main_before);
    let clock = ManualClock::new(ms("2027-03-10T18:00:00Z"));
    let core = Core::open(&db, &KEY_B, None, Arc::new(clock.clone())).unwrap();
    let reopened = Device {
        core,
        clock,
        path: db.clone(),
        dir: tempfile::tempdir().unwrap(),
    };
    assert_eq!(snapshot(&reopened), before);
    assert_eq!(integrity_check(&db), "ok");

    // And the same payload imports fully afterwards.
    let mut reopened = reopened;
    assert_eq!(reopened.core.import(&payloads[0]).unwrap().applied, 300);
    drop(_keep);
}

/// PRAGMA integrity_check through a plain SQLite connection.
fn integrity_check(db: &std::path::Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}
