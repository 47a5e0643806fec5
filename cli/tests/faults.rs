//! Faults a script or a second app process can cause: several processes
//! writing one store at once, a process killed while it writes a file.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const NOW: &str = "2027-03-12T17:00:00Z";

fn command(db: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tandem"));
    cmd.arg("--db")
        .arg(db)
        .args(["--now", NOW, "--device-zone", "America/New_York"])
        .args(args)
        .env_remove("TANDEM_STORAGE_KEY")
        .env_remove("TANDEM_DB");
    cmd
}

fn run(db: &Path, args: &[&str]) -> Output {
    command(db, args).output().unwrap()
}

fn json(db: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let out = run(db, &all);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn init(dir: &Path) -> PathBuf {
    let db = dir.join("ana.db");
    json(&db, &["init", "--name", "Ana"]);
    db
}

/// Eight processes write the same store at the same moment, fifteen
/// entries each: every write waits for the others and lands.
#[test]
fn eight_processes_writing_at_once_all_land() {
    const PROCESSES: usize = 8;
    const EACH: usize = 15;
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    let start = std::sync::Arc::new(std::sync::Barrier::new(PROCESSES));
    let workers: Vec<_> = (0..PROCESSES)
        .map(|p| {
            let (db, start) = (db.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                let mut failures = Vec::new();
                for i in 0..EACH {
                    let topic = format!("writer {p} entry {i}");
                    let out = run(
                        &db,
                        &[
                            "log", "add", "--happened", "withdrew", "--tag", "tired", "--topic",
                            &topic,
                        ],
                    );
                    if !out.status.success() {
                        failures.push(String::from_utf8_lossy(&out.stderr).into_owned());
                    }
                }
                failures
            })
        })
        .collect();
    let failures: Vec<String> = workers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    assert!(failures.is_empty(), "{} failed: {failures:?}", failures.len());
    let entries = json(&db, &["log", "list"]);
    let entries = entries.as_array().unwrap();
    assert_eq!(entries.len(), PROCESSES * EACH);
}
