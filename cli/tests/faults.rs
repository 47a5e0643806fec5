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
                            "log",
                            "add",
                            "--happened",
                            "withdrew",
                            "--tag",
                            "tired",
                            "--topic",
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
    assert!(
        failures.is_empty(),
        "{} failed: {failures:?}",
        failures.len()
    );
    let entries = json(&db, &["log", "list"]);
    let entries = entries.as_array().unwrap();
    assert_eq!(entries.len(), PROCESSES * EACH);
}

/// `export` killed at varying moments, alternately from two stores to one
/// file: the file is always one of the two complete exports, never empty,
/// truncated or mixed; an export that fails leaves the old one in place.
#[test]
fn an_export_killed_at_any_moment_leaves_a_whole_file() {
    let dir = tempfile::tempdir().unwrap();
    let a = init(dir.path());
    let b = dir.path().join("ben.db");
    json(&b, &["init", "--name", "Ben"]);
    // Enough content that the write takes a while.
    for i in 0..40 {
        let topic = format!("a longer topic so the export has some size {i}");
        for db in [&a, &b] {
            json(
                db,
                &["log", "add", "--happened", "withdrew", "--topic", &topic],
            );
        }
    }
    let target = dir.path().join("backup.json");
    let reference = |db: &Path| {
        json(db, &["export", target.to_str().unwrap(), "--plaintext"]);
        std::fs::read(&target).unwrap()
    };
    let (from_b, from_a) = (reference(&b), reference(&a));
    assert_ne!(from_a, from_b);
    assert!(from_a.len() > 4096, "{}", from_a.len());

    let mut killed = 0;
    for round in 0..24u64 {
        let db = if round % 2 == 0 { &b } else { &a };
        let mut child = command(db, &["export", target.to_str().unwrap(), "--plaintext"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // 0 to 46 ms: before the store opens, while it reads, while it writes.
        std::thread::sleep(std::time::Duration::from_millis(round * 2));
        if child.try_wait().unwrap().is_none() {
            killed += 1;
        }
        let _ = child.kill();
        child.wait().unwrap();
        let now = std::fs::read(&target).unwrap();
        assert!(
            now == from_a || now == from_b,
            "round {round}: the export is {} bytes, neither whole file",
            now.len()
        );
    }
    assert!(killed > 0, "no export was killed while running");
    // A kill between creating and renaming the temporary file may leave
    // it behind (hidden, beside the target); nothing else is there.
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".backup.json."))
        .collect();
    assert!(
        leftovers.iter().all(|n| n.ends_with(".tmp")),
        "{leftovers:?}"
    );
    eprintln!(
        "killed {killed} of 24 exports while running; {} temporary files left",
        leftovers.len()
    );

    // A folder that does not exist: a clear error, nothing written.
    let missing = dir.path().join("no such folder").join("backup.json");
    let out = run(&a, &["export", missing.to_str().unwrap(), "--plaintext"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("the folder does not exist"), "{err}");
    assert!(err.contains("the previous file is unchanged"), "{err}");
}
