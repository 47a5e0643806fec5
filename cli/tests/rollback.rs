//! A phone restored from an older copy of its files (issue 19 part 1),
//! driven through the terminal shell: the store's files (database, WAL and
//! key file) are copied as an OS backup would, changes are made and sent,
//! the copy is put back, a new change is made, and payloads go both ways
//! until both phones hold every change and `sync status` agrees.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn tandem(db: &Path, now: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tandem"))
        .arg("--db")
        .arg(db)
        .args(["--now", now, "--device-zone", "Europe/Berlin"])
        .args(args)
        .env_remove("TANDEM_STORAGE_KEY")
        .env_remove("TANDEM_DB")
        .output()
        .unwrap()
}

fn ok(db: &Path, now: &str, args: &[&str]) -> String {
    let out = tandem(db, now, args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json(db: &Path, now: &str, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(db, now, &all)).unwrap()
}

/// The store's files: the database, its WAL if any, and its key file.
fn store_files(db: &Path) -> Vec<PathBuf> {
    ["", "-wal", ".key"]
        .iter()
        .map(|s| {
            let mut p = db.as_os_str().to_owned();
            p.push(s);
            PathBuf::from(p)
        })
        .filter(|p| p.exists())
        .collect()
}

fn copy_store(db: &Path, to: &Path) -> Vec<(PathBuf, PathBuf)> {
    std::fs::create_dir_all(to).unwrap();
    store_files(db)
        .into_iter()
        .map(|f| {
            let copy = to.join(f.file_name().unwrap());
            std::fs::copy(&f, &copy).unwrap();
            (f, copy)
        })
        .collect()
}

fn put_back(db: &Path, copied: &[(PathBuf, PathBuf)]) {
    for suffix in ["-wal", "-shm"] {
        let mut p = db.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
    for (original, copy) in copied {
        std::fs::copy(copy, original).unwrap();
    }
}

fn titles(db: &Path, now: &str) -> Vec<String> {
    let mut t: Vec<String> = json(db, now, &["ritual", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap().to_owned())
        .collect();
    t.sort();
    t
}

fn propose(db: &Path, now: &str, title: &str) {
    json(
        db,
        now,
        &[
            "ritual",
            "propose",
            "--title",
            title,
            "--at",
            "19:00",
            "--minutes",
            "20",
            "--floating",
        ],
    );
}

/// Sends `from`'s payload to `to`; the import's text and JSON reports.
fn send(dir: &Path, now: &str, from: &Path, to: &Path) -> (String, Value) {
    let file = dir.join("payload.bin");
    let _ = std::fs::remove_file(&file);
    json(
        from,
        now,
        &["sync", "export", "--out", file.to_str().unwrap()],
    );
    let mut files = vec![file.to_str().unwrap().to_owned()];
    for i in 2..10 {
        let more = dir.join(format!("payload.bin.{i}"));
        if more.exists() {
            files.push(more.to_str().unwrap().to_owned());
        }
    }
    let mut args = vec!["sync", "import"];
    args.extend(files.iter().map(String::as_str));
    let text = ok(to, now, &args);
    let mut jargs = vec!["sync", "import"];
    jargs.extend(files.iter().map(String::as_str));
    // The same payload again: already imported, nothing changes.
    let again = json(to, now, &jargs);
    assert_eq!(again["reports"][0]["already_imported"], true);
    (text, again)
}

fn status(db: &Path, now: &str) -> u64 {
    json(db, now, &["sync", "status"])["changes_to_send"]
        .as_u64()
        .unwrap()
}

#[test]
fn a_store_restored_from_an_older_copy_heals_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("ana.db"), dir.path().join("ben.db"));
    let t0 = "2027-03-12T17:00:00Z";
    json(&a, t0, &["init", "--name", "Ana"]);
    json(&b, t0, &["init", "--name", "Ben"]);
    let offer = json(&a, t0, &["pair", "offer"]);
    let answer = json(&b, t0, &["pair", "accept", offer["text"].as_str().unwrap()]);
    json(
        &a,
        t0,
        &["pair", "complete", answer["answer"].as_str().unwrap()],
    );
    json(&a, t0, &["pair", "confirm"]);
    json(&b, t0, &["pair", "confirm"]);

    propose(&a, t0, "Walk");
    send(dir.path(), t0, &a, &b);
    send(dir.path(), t0, &b, &a);

    // The OS backup: Ana's database, WAL and key file as they are now.
    let backup = copy_store(&a, &dir.path().join("backup"));

    let t1 = "2027-03-12T18:00:00Z";
    propose(&a, t1, "Tea");
    propose(&a, t1, "Dance");
    send(dir.path(), t1, &a, &b);
    assert_eq!(titles(&b, t1), ["Dance", "Tea", "Walk"]);

    // The backup is restored: Ana's phone forgets Tea and Dance.
    put_back(&a, &backup);
    assert_eq!(titles(&a, t1), ["Walk"]);
    let t2 = "2027-03-12T19:00:00Z";
    propose(&a, t2, "Read aloud");

    // Ana → Ben: the new change reuses a number Ben holds for Tea.
    let (text, _) = send(dir.path(), t2, &a, &b);
    assert!(
        text.contains("your partner's phone was restored from an older copy"),
        "{text}"
    );
    // Not taken under the reused number: it comes again under a new one.
    assert_eq!(titles(&b, t2), ["Dance", "Tea", "Walk"]);
    assert_eq!(status(&b, t2), 2, "Ben holds two of Ana's changes she lost");

    // Ben → Ana: Tea and Dance come back; Read aloud moves above them.
    let (text, _) = send(dir.path(), t2, &b, &a);
    assert!(
        text.contains("this phone was restored from an older copy; 2 changes came back"),
        "{text}"
    );
    assert_eq!(titles(&a, t2), ["Dance", "Read aloud", "Tea", "Walk"]);
    assert_eq!(status(&a, t2), 1, "Read aloud, under its new number");

    // Both ways once more: every change on both phones, both statuses agree.
    send(dir.path(), t2, &a, &b);
    send(dir.path(), t2, &b, &a);
    assert_eq!(titles(&b, t2), ["Dance", "Read aloud", "Tea", "Walk"]);
    assert_eq!(titles(&a, t2), titles(&b, t2));
    assert_eq!(status(&a, t2), 0);
    assert_eq!(status(&b, t2), 0);
    let text = ok(&a, t2, &["sync", "status"]);
    assert!(
        text.contains("Your partner's phone has everything"),
        "{text}"
    );
}
