//! The terminal shell, driven as a script would drive it.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const NOW: &str = "2027-03-12T17:00:00Z";

fn tandem(db: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tandem"));
    cmd.arg("--db").arg(db);
    if !args.contains(&"--now") {
        cmd.args(["--now", NOW]);
    }
    if !args.contains(&"--device-zone") {
        cmd.args(["--device-zone", "America/New_York"]);
    }
    cmd.args(args)
        .env_remove("TANDEM_STORAGE_KEY")
        .env_remove("TANDEM_DB")
        // The words asserted here are English, whatever the machine's.
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap()
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = tandem(db, args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json(db: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(db, &all)).unwrap()
}

fn fails(db: &Path, args: &[&str], mentions: &str) {
    let out = tandem(db, args);
    assert!(!out.status.success(), "{args:?} should fail");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(mentions),
        "{args:?}: '{err}' should mention '{mentions}'"
    );
}

fn init(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("ana.db");
    let v = json(&db, &["init", "--name", "Ana"]);
    assert_eq!(v["name"], "Ana");
    assert_eq!(v["device_id"].as_str().unwrap().len(), 32);
    db
}

#[test]
fn init_add_list_upcoming() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());

    let call = json(
        &db,
        &[
            "ritual",
            "propose",
            "--title",
            "Long-distance call",
            "--at",
            "02:30",
            "--minutes",
            "30",
            "--zone",
            "America/New_York",
        ],
    );
    assert_eq!(call["time_of_day"], "02:30");
    assert_eq!(call["zone"], "America/New_York");
    assert_eq!(call["status"], "proposed");
    let checkin = json(
        &db,
        &[
            "ritual",
            "propose",
            "--title",
            "Check-in",
            "--at",
            "20:30",
            "--minutes",
            "10",
            "--floating",
            "--prompt",
            "How are you, really?",
        ],
    );
    assert_eq!(checkin["floating"], true);
    assert_eq!(checkin["prompt"], "How are you, really?");

    let list = json(&db, &["ritual", "list"]);
    let titles: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Long-distance call", "Check-in"]);

    let occ = json(
        &db,
        &[
            "ritual",
            "upcoming",
            "--from",
            "2027-03-14T00:00:00-05:00",
            "--to",
            "2027-03-15T00:00:00-04:00",
        ],
    );
    let got: Vec<(String, String)> = occ
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["ritual_id"].as_str().unwrap().to_owned(),
                o["start"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                call["id"].as_str().unwrap().to_owned(),
                "2027-03-14T03:30:00-04:00".to_owned()
            ),
            (
                checkin["id"].as_str().unwrap().to_owned(),
                "2027-03-14T20:30:00-04:00".to_owned()
            ),
        ]
    );

    // Human output too.
    let text = ok(&db, &["ritual", "list"]);
    assert!(
        text.contains("Long-distance call") && text.contains("waiting for your partner"),
        "{text}"
    );
    let text = ok(&db, &["ritual", "upcoming"]);
    assert!(text.contains("2027-03-12 20:30 -05:00"), "{text}");
    let text = ok(&db, &["device"]);
    assert!(text.starts_with("Ana ("), "{text}");
}

#[cfg(unix)]
#[test]
fn key_file_is_private_and_required() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    let key = dir.path().join("ana.db.key");
    let mode = std::fs::metadata(&key).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let hex_key = std::fs::read_to_string(&key).unwrap();
    assert_eq!(hex_key.len(), 64);

    // The environment variable works in place of the file.
    std::fs::rename(&key, dir.path().join("elsewhere")).unwrap();
    fails(&db, &["ritual", "list"], "no storage key");
    let out = Command::new(env!("CARGO_BIN_EXE_tandem"))
        .args(["--db", db.to_str().unwrap(), "--json", "ritual", "list"])
        .env("TANDEM_STORAGE_KEY", &hex_key)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");

    // The wrong key is refused, and named as such.
    std::fs::write(&key, "00".repeat(32)).unwrap();
    fails(&db, &["ritual", "list"], "storage key does not open");
    std::fs::write(&key, "not hex").unwrap();
    fails(&db, &["ritual", "list"], "64 hex characters");
}

#[test]
fn bad_input_fails_with_a_reason_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    json(
        &db,
        &[
            "ritual",
            "propose",
            "--title",
            "Walk",
            "--at",
            "10:00",
            "--minutes",
            "20",
            "--floating",
        ],
    );
    let add = |title: &str, at: &str, minutes: &str, zone: &[&str]| {
        let mut a = vec![
            "ritual",
            "propose",
            "--title",
            title,
            "--at",
            at,
            "--minutes",
            minutes,
        ];
        a.extend_from_slice(zone);
        a.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let long = "x".repeat(81);
    for (args, mentions) in [
        (
            add("Walk", "10:00", "20", &["--zone", "Mars/Base"]),
            "--zone: Choose a time zone from the list",
        ),
        (
            add("", "10:00", "20", &["--floating"]),
            "--title: Give your ritual a short title.",
        ),
        (
            add(&long, "10:00", "20", &["--floating"]),
            "--title: Up to 80 characters; this has 81.",
        ),
        (
            add("Walk", "10:00", "0", &["--floating"]),
            "--minutes: The length is a whole number of minutes, 1 to 1440.",
        ),
        (add("Walk", "10:00", "1441", &["--floating"]), "1 to 1440"),
        (
            add("Walk", "25:00", "20", &["--floating"]),
            "--at: A time like 20:30",
        ),
        (add("Walk", "10:00", "20", &[]), "--zone"),
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        fails(&db, &args, mentions);
    }
    fails(
        &db,
        &["ritual", "upcoming", "--from", "tomorrow"],
        "RFC 3339",
    );
    fails(
        &db,
        &["--device-zone", "Nowhere/Land", "ritual", "upcoming"],
        "unknown time zone",
    );
    assert_eq!(json(&db, &["ritual", "list"]).as_array().unwrap().len(), 1);

    // JSON errors are machine-readable.
    let out = tandem(
        &db,
        &[
            "--json",
            "ritual",
            "propose",
            "--title",
            "W",
            "--at",
            "10:00",
            "--minutes",
            "0",
            "--floating",
        ],
    );
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["error"]["kind"], "invalid_input");

    // Commands on a database that does not exist say how to make one.
    fails(
        &dir.path().join("none.db"),
        &["ritual", "list"],
        "tandem init",
    );
    fails(&db, &["init", "--name", "Again"], "already exists");
    std::fs::write(dir.path().join("x.db"), "hello").unwrap();
    std::fs::write(dir.path().join("x.db.key"), "00".repeat(32)).unwrap();
    fails(
        &dir.path().join("x.db"),
        &["ritual", "list"],
        "not a Tandem database",
    );
}

#[test]
fn demo_tells_the_story() {
    let out = Command::new(env!("CARGO_BIN_EXE_tandem"))
        .arg("demo")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    for line in [
        "Both screens now show fifteen digits",
        "imports 1 new change and sees Ana's phone confirm the pairing",
        "paired with Ben",
        "2027-03-13 20:30 -05:00",
        "2027-03-14 20:30 -04:00",
        "2027-03-13 19:00 +01:00",
        "2027-03-14 18:00 +01:00",
        "Ben accepts the new time: exactly the version he read",
        "  - time: 13:00 instead of 14:00",
        "her phone shows what it changes: cool-down: 30 min instead of 20 min (the rest stays",
        "Ana declines. No reason is asked",
        "Rhythm, Evening check-in: kept 2 of the last 3",
        "Ben's phone, on Berlin time, shows the same rhythm for the rituals they share.",
        "Ben's next reminders:",
        "Ana adds a personal ritual",
        "Next: 2027-03-16 20:45  Evening check-in: Snoozed from 20:30",
        "Ana declares the week of 2027-03-22 a rest week",
        "asks to look back on: Long-distance call.",
        "The call is active for good, no longer a trial.",
        "Ana's phone holds 4 rituals, her journaling among them; Ben's holds 3",
        "Ben shares a boundary, starting from an example the form offers; Ana's boundaries screen shows it under \"Ben shared these with you\", read-only (0 buttons)",
        "Her own stays private: \"Only on this phone\".",
        "Ana's phone, the check-in's own screen:",
        "    Together you kept 2 of 3 times in the last four weeks.",
        "Ben amends it to 30; Ana accepts version",
        "the same chain head on both phones",
        "Ana's phone says: Your partner needs a pause, back at 16:20.",
        "Ana's Today screen at that moment:",
        "Next reminder 16:20 · Tandem",
        "ends the pause, before his return time",
        "each phone computes its own insights",
        "came up most often",
        "ran warmer than usual",
        "Ana's private log shaped her insights; Ben's phone never held it.",
        "Ana checks what Ben's phone holds about her",
        "Her sharing audit lists",
        "the mirror still lists it: \"I need an hour alone after work.\" Already on your partner's phone: making it private again stops further sharing but cannot recall it.",
        "His app lock is on, so his phone asks for his fingerprint or code before unpairing.",
        "(shared reminders left: 0)",
        "Ana's phone is told nothing.",
        "His audit, newest first: “You deleted your partner's shared data from this phone”; “You stopped the shared rituals and agreements here”; “You unpaired this phone”.",
    ] {
        assert!(text.contains(line), "demo lacks {line}:\n{text}");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_tandem"))
        .args(["--json", "demo"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["partners"].as_array().unwrap().len(), 2);
    // Ana's journaling is hers alone; the two shared rituals are on both.
    let shared = |p: usize| -> Vec<Value> {
        v["partners"][p]["rituals"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["personal"] == false)
            .cloned()
            .collect()
    };
    for p in [0, 1] {
        for r in v["partners"][p]["rituals"].as_array().unwrap() {
            assert_eq!(r["status"], "active", "{r}");
        }
        assert_eq!(shared(p).len(), 2);
    }
    let personal: Vec<&Value> = v["partners"][0]["rituals"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["personal"] == true)
        .collect();
    assert_eq!(personal.len(), 1);
    assert_eq!(personal[0]["title"], "Five minutes of journaling");
    assert_eq!(v["partners"][1]["rituals"].as_array().unwrap().len(), 2);
    let ids = |p: usize| -> Vec<Value> { shared(p).iter().map(|r| r["id"].clone()).collect() };
    assert_eq!(ids(0), ids(1));
    assert_eq!(v["wire"].as_array().unwrap().len(), 17);
    assert_eq!(v["agreement"]["versions_in_history"], 3);
    assert!(!v["insights"][0]["triggers"].as_array().unwrap().is_empty());
    let mirror = v["mirror"].to_string();
    assert!(
        mirror.contains("Evening check-in") && mirror.contains("Our pause agreement"),
        "{mirror}"
    );
    assert!(
        !mirror.contains("journaling") && !mirror.contains("still here"),
        "{mirror}"
    );
    assert!(v["insights"][1]["triggers"].as_array().unwrap().is_empty());
    for p in [0, 1] {
        let text = v["insights"][p]["sentences"].to_string().to_lowercase();
        for blame in ["missed", "failed", "fault", "blame"] {
            assert!(!text.contains(blame), "{text}");
        }
    }
    assert_eq!(v["pause"]["kept"], true);
    assert_eq!(v["pause"]["seen_by_partner"], true);
    // Ana sees Ben's shared boundary, her private one and the one she made
    // private again; Ben only his.
    assert_eq!(v["boundaries"]["ana_sees"], 3);
    assert_eq!(v["exit"]["shared_reminders_left"], 0);
    assert!(v["exit"]["deleted"].as_u64().unwrap() > 0);
    assert!(
        v["mirror"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["kind"] == "made private")
    );
    assert_eq!(v["boundaries"]["ben_sees"], 1);
    assert_eq!(v["snoozed_until"], "2027-03-16T19:45:00Z");
    assert_eq!(v["rest_weeks"], serde_json::json!(["2027-03-22"]));
    assert_eq!(v["reviewed"]["status"], "active");
    assert_eq!(v["reviewed"]["trial_until"], Value::Null);
    assert_eq!(v["ritual_counts"]["ana"], 4);
    assert_eq!(v["ritual_counts"]["ben"], 3);
    assert_eq!(v["reminders"].as_array().unwrap().len(), 2);
    let checkin = v["rhythm"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["title"] == "Evening check-in")
        .unwrap();
    assert_eq!(checkin["kept_last_7"], 2);
    let berlin_call = v["partners"][1]["upcoming"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| {
            o["title"] == "Long-distance call" && o["device_local_start"] == "2027-03-14 18:00"
        });
    assert!(berlin_call.is_some());
}

#[test]
fn pair_and_sync_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("ana.db");
    let b = dir.path().join("ben.db");
    json(&a, &["init", "--name", "Ana"]);
    json(&b, &["init", "--name", "Ben"]);
    let png = dir.path().join("offer.png");
    let svg = dir.path().join("offer.svg");
    let offer = json(
        &a,
        &[
            "pair",
            "offer",
            "--png",
            png.to_str().unwrap(),
            "--svg",
            svg.to_str().unwrap(),
        ],
    );
    assert_eq!(offer["expires_at"], "2027-03-12T17:02:00Z");
    assert!(
        std::fs::read(&png)
            .unwrap()
            .starts_with(b"\x89PNG\r\n\x1a\n")
    );
    assert!(std::fs::read_to_string(&svg).unwrap().starts_with("<svg"));
    let offer_text = offer["text"].as_str().unwrap();
    // The pairing screen shows the same code again, read back from the store.
    let showing = json(&a, &["pair", "status"]);
    assert_eq!(showing["state"], "offering");
    assert_eq!(showing["screen"]["code"], offer_text);
    assert_eq!(showing["screen"]["stage"], "ShowingCode");
    // Scanning the offer on the phone that made it is caught.
    fails(&a, &["pair", "accept", offer_text], "own code");
    // The same offer as protocol v1 would write it: base32 of version byte 1
    // differs from 2 only in the second character ("AI" → "AE").
    assert!(offer_text.starts_with("TANDEM:AI"), "{offer_text}");
    let v1 = offer_text.replacen("TANDEM:AI", "TANDEM:AE", 1);
    fails(&b, &["pair", "accept", &v1], "update the app");
    let answer = json(&b, &["pair", "accept", offer_text]);
    let sas = answer["sas"].as_str().unwrap();
    assert_eq!(sas.len(), 19, "fifteen digits in groups of three: {sas}");
    let done = json(
        &a,
        &["pair", "complete", answer["answer"].as_str().unwrap()],
    );
    assert_eq!(done["sas"], sas);
    fails(&a, &["sync", "export", "--text"], "confirm");
    assert_eq!(
        json(&a, &["pair", "status"])["state"],
        "awaiting_confirmation"
    );
    let words = ok(&a, &["pair", "status"]);
    assert!(
        words.contains(sas) && words.contains("Do these digits match the ones on Ben's screen?"),
        "{words}"
    );
    json(&a, &["pair", "confirm"]);
    json(&b, &["pair", "confirm"]);
    let status = json(&a, &["pair", "status"]);
    assert_eq!(status["state"], "paired");
    assert_eq!(status["partner_name"], "Ben");
    assert_eq!(status["key_epoch"], 1);
    assert!(status["keys_moved_at"].as_str().unwrap().ends_with('Z'));
    let words = ok(&a, &["pair", "status"]);
    assert!(
        words.contains("Paired with Ben")
            && words.contains("Encryption keys: generation 1, last renewed "),
        "the text form is the pairing screen's: {words}"
    );
    assert_eq!(status["screen"]["paired_with"], "Paired with Ben");

    // Binary file one way.
    let r = json(
        &a,
        &[
            "ritual",
            "propose",
            "--title",
            "Check-in",
            "--at",
            "20:30",
            "--minutes",
            "10",
            "--floating",
        ],
    );
    let p = dir.path().join("a1.bin");
    let files = json(&a, &["sync", "export", "--out", p.to_str().unwrap()]);
    assert_eq!(files["files"].as_array().unwrap().len(), 1);
    let report = json(&b, &["sync", "import", p.to_str().unwrap()]);
    assert_eq!(report["reports"][0]["applied"], 1);
    assert_eq!(report["reports"][0]["partner_confirmed"], true);
    assert_eq!(json(&b, &["ritual", "list"])[0]["id"], r["id"]);
    assert_eq!(json(&b, &["pair", "status"])["partner_name"], "Ana");
    // Ana sealed to Ben's newest key: Ben's keys moved on.
    assert_eq!(json(&b, &["pair", "status"])["key_epoch"], 2);

    // Text the other way; a second import is a harmless duplicate.
    json(
        &b,
        &[
            "ritual",
            "propose",
            "--title",
            "Walk",
            "--at",
            "10:00",
            "--minutes",
            "30",
            "--zone",
            "Europe/Berlin",
        ],
    );
    let text = ok(&b, &["sync", "export", "--text"]);
    let t = dir.path().join("b1.txt");
    std::fs::write(&t, &text).unwrap();
    assert_eq!(
        json(&a, &["sync", "import", t.to_str().unwrap()])["reports"][0]["applied"],
        1
    );
    assert_eq!(
        json(&a, &["sync", "import", t.to_str().unwrap()])["reports"][0]["already_imported"],
        true
    );

    // QR chunks, reassembled from files in any order.
    for i in 0..30 {
        json(
            &a,
            &[
                "ritual",
                "propose",
                "--title",
                &format!("Ritual {i} with a longer title"),
                "--at",
                "08:00",
                "--minutes",
                "5",
                "--floating",
            ],
        );
    }
    let chunks = ok(&a, &["sync", "export", "--qr"]);
    let lines: Vec<&str> = chunks.lines().collect();
    assert!(lines.len() >= 2, "{} chunks", lines.len());
    assert!(lines.iter().all(|l| l.len() <= 2000));
    let mut paths = Vec::new();
    for (i, l) in lines.iter().enumerate().rev() {
        let path = dir.path().join(format!("chunk{i}.txt"));
        std::fs::write(&path, l).unwrap();
        paths.push(path.to_string_lossy().into_owned());
    }
    let mut args = vec!["sync", "import", "--chunks"];
    args.extend(paths.iter().map(String::as_str));
    assert_eq!(json(&b, &args)["reports"][0]["applied"], 30);
    let mut missing = vec!["sync", "import", "--chunks"];
    missing.extend(paths[1..].iter().map(String::as_str));
    fails(&b, &missing, "is missing");

    // A tampered payload: non-zero exit, the reason on stderr, nothing changed.
    let before = json(&b, &["ritual", "list"]);
    json(
        &a,
        &[
            "ritual",
            "propose",
            "--title",
            "Tea",
            "--at",
            "16:00",
            "--minutes",
            "15",
            "--floating",
        ],
    );
    let p2 = dir.path().join("a2.bin");
    json(&a, &["sync", "export", "--out", p2.to_str().unwrap()]);
    let mut bytes = std::fs::read(&p2).unwrap();
    let last = bytes.len() - 3;
    bytes[last] ^= 0x10;
    std::fs::write(&p2, &bytes).unwrap();
    fails(
        &b,
        &["sync", "import", p2.to_str().unwrap()],
        "does not authenticate",
    );
    assert_eq!(json(&b, &["ritual", "list"]), before);
    let garbage = dir.path().join("garbage.txt");
    std::fs::write(&garbage, "hello there").unwrap();
    fails(
        &b,
        &["sync", "import", garbage.to_str().unwrap()],
        "not Tandem sync text",
    );

    // Unpairing is silent; later payloads are refused.
    json(&b, &["pair", "unpair"]);
    assert_eq!(json(&b, &["pair", "status"])["state"], "unpaired");
    let p3 = dir.path().join("a3.bin");
    json(&a, &["sync", "export", "--out", p3.to_str().unwrap()]);
    fails(&b, &["sync", "import", p3.to_str().unwrap()], "not paired");
}

/// Two databases paired through the CLI, both digits confirmed.
fn paired_dbs(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let a = dir.join("ana.db");
    let b = dir.join("ben.db");
    json(&a, &["init", "--name", "Ana"]);
    json(&b, &["init", "--name", "Ben"]);
    let offer = json(&a, &["pair", "offer"]);
    let answer = json(&b, &["pair", "accept", offer["text"].as_str().unwrap()]);
    json(
        &a,
        &["pair", "complete", answer["answer"].as_str().unwrap()],
    );
    json(&a, &["pair", "confirm"]);
    json(&b, &["pair", "confirm"]);
    (a, b)
}

fn sync_both(dir: &Path, a: &Path, b: &Path) {
    for (from, to, name) in [(a, b, "to-b.bin"), (b, a, "to-a.bin")] {
        let file = dir.join(name);
        json(from, &["sync", "export", "--out", file.to_str().unwrap()]);
        json(to, &["sync", "import", file.to_str().unwrap()]);
    }
}

#[test]
fn consent_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = paired_dbs(dir.path());
    let walk = json(
        &a,
        &[
            "ritual",
            "propose",
            "--title",
            "Walk",
            "--at",
            "07:00",
            "--minutes",
            "20",
            "--floating",
        ],
    );
    let id = walk["id"].as_str().unwrap();
    assert_eq!(walk["waiting_for_you"], false);
    fails(&a, &["ritual", "accept", id], "your own proposal");
    sync_both(dir.path(), &a, &b);
    assert_eq!(json(&b, &["ritual", "list"])[0]["waiting_for_you"], true);
    assert!(ok(&b, &["ritual", "list"]).contains("waiting for your answer"));

    let countered = json(
        &b,
        &[
            "ritual",
            "counter",
            id,
            "--title",
            "Walk",
            "--at",
            "18:00",
            "--minutes",
            "30",
            "--floating",
        ],
    );
    assert_eq!(countered["status"], "countered");
    assert_eq!(countered["pending"]["time_of_day"], "18:00");
    sync_both(dir.path(), &a, &b);
    let active = json(&a, &["ritual", "accept", id]);
    assert_eq!(active["status"], "active");
    assert_eq!(active["time_of_day"], "18:00");
    sync_both(dir.path(), &a, &b);
    assert_eq!(json(&b, &["ritual", "pause", id])["status"], "paused");
    fails(&b, &["ritual", "pause", id], "only an active ritual");
    assert_eq!(json(&b, &["ritual", "resume", id])["status"], "active");
    assert_eq!(json(&b, &["ritual", "retire", id])["status"], "retired");
    fails(&b, &["ritual", "retire", id], "already retired");
    fails(
        &b,
        &["ritual", "accept", "0123456789abcdef01234567"],
        "no ritual has this id",
    );

    let call = json(
        &a,
        &[
            "ritual",
            "propose",
            "--title",
            "Call",
            "--at",
            "06:00",
            "--minutes",
            "60",
            "--zone",
            "Europe/Berlin",
        ],
    );
    sync_both(dir.path(), &a, &b);
    assert_eq!(
        json(&b, &["ritual", "decline", call["id"].as_str().unwrap()])["status"],
        "declined"
    );
}

#[test]
fn recurrence_options() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    let r = json(
        &db,
        &[
            "ritual",
            "propose",
            "--title",
            "Date night",
            "--at",
            "19:30",
            "--minutes",
            "120",
            "--zone",
            "America/New_York",
            "--monthly-nth",
            "-1",
            "--monthly-weekday",
            "5",
            "--count",
            "2",
            "--remind",
            "60",
            "--remind",
            "0",
        ],
    );
    let occ = json(
        &db,
        &[
            "ritual",
            "upcoming",
            "--from",
            "2027-03-01T00:00:00Z",
            "--to",
            "2027-12-31T00:00:00Z",
        ],
    );
    let starts: Vec<&str> = occ
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["ritual_id"] == r["id"])
        .map(|o| o["start"].as_str().unwrap())
        .collect();
    assert_eq!(
        starts,
        ["2027-03-26T19:30:00-04:00", "2027-04-30T19:30:00-04:00"]
    );
    let walk = json(
        &db,
        &[
            "ritual",
            "propose",
            "--title",
            "Walk",
            "--at",
            "12:00",
            "--window-end",
            "14:00",
            "--minutes",
            "30",
            "--floating",
            "--weekdays",
            "1,3,5",
        ],
    );
    assert_eq!(walk["status"], "proposed");
    fails(
        &db,
        &[
            "ritual",
            "propose",
            "--title",
            "W",
            "--at",
            "12:00",
            "--minutes",
            "30",
            "--floating",
            "--weekdays",
            "9",
        ],
        "1 (Monday) to 7 (Sunday)",
    );
    fails(
        &db,
        &[
            "ritual",
            "propose",
            "--title",
            "W",
            "--at",
            "12:00",
            "--minutes",
            "30",
            "--floating",
            "--every-days",
            "3",
        ],
        "--start: This repeat needs a start date",
    );
    fails(
        &db,
        &[
            "ritual",
            "propose",
            "--title",
            "W",
            "--at",
            "12:00",
            "--minutes",
            "30",
            "--floating",
            "--window-end",
            "11:00",
        ],
        "--window-end: The window ends after it starts.",
    );
    fails(
        &db,
        &[
            "ritual",
            "propose",
            "--title",
            "W",
            "--at",
            "12:00",
            "--minutes",
            "30",
            "--floating",
            "--remind",
            "2000",
        ],
        "--remind: Up to 4 reminders, each 0 to 1440 minutes ahead.",
    );
}

#[test]
fn reminders_settings_and_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = paired_dbs(dir.path());
    let r = json(
        &a,
        &[
            "ritual",
            "propose",
            "--title",
            "Check-in",
            "--at",
            "20:30",
            "--minutes",
            "10",
            "--floating",
            "--remind",
            "10",
        ],
    );
    assert_eq!(
        json(&a, &["ritual", "reminders"]),
        serde_json::json!([]),
        "waiting: no reminders"
    );
    sync_both(dir.path(), &a, &b);
    json(&b, &["ritual", "accept", r["id"].as_str().unwrap()]);
    sync_both(dir.path(), &a, &b);
    let plan = json(&a, &["ritual", "reminders", "--limit", "3"]);
    let times: Vec<&str> = plan
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["local_time"].as_str().unwrap())
        .collect();
    assert_eq!(
        times,
        ["2027-03-12 20:20", "2027-03-13 20:20", "2027-03-14 20:20"]
    );
    assert_eq!(plan[0]["body"], "In 10 min, at 20:30");
    // Quiet hours from 20:00 move the reminder to their end.
    let s = json(
        &a,
        &[
            "settings",
            "--quiet-start",
            "20:00",
            "--quiet-end",
            "20:25",
            "--hide-content",
            "true",
        ],
    );
    assert_eq!(s["quiet"]["policy"], "move");
    let plan = json(&a, &["ritual", "reminders", "--limit", "1"]);
    assert_eq!(plan[0]["local_time"], "2027-03-12 20:25");
    assert_eq!(plan[0]["body"], "In 5 min, at 20:30");
    assert_eq!(plan[0]["hide_content"], true);
    assert!(
        ok(&a, &["ritual", "reminders", "--limit", "1"])
            .contains("Tandem: A moment for the two of you")
    );
    fails(
        &a,
        &["settings", "--quiet-start", "20:00", "--quiet-end", "20:00"],
        "whole day",
    );
    fails(&a, &["ritual", "reminders", "--limit", "0"], "1 to 500");
    // What a phone arms: the core's words, its channel, the window without
    // exact alarms; what it already holds is left alone.
    let work = json(&a, &["ritual", "arm", "--inexact"]);
    assert_eq!(work["arm"][0]["title"], "Tandem");
    assert_eq!(work["arm"][0]["channel_title"], "Rituals");
    assert_eq!(work["arm"][0]["window_ms"], 600_000);
    assert_eq!(work["notices"].as_array().unwrap().len(), 1);
    let first = work["arm"][0]["id"].as_str().unwrap().to_owned();
    let again = json(
        &a,
        &[
            "ritual",
            "arm",
            "--trigger",
            "after-import",
            "--armed",
            &first,
            "--armed",
            "gone-1",
        ],
    );
    assert_eq!(again["cancel"], serde_json::json!(["gone-1"]));
    assert!(
        again["arm"]
            .as_array()
            .unwrap()
            .iter()
            .all(|x| x["id"] != first.as_str())
    );
    let denied = ok(
        &a,
        &[
            "ritual",
            "arm",
            "--notifications",
            "denied",
            "--armed",
            &first,
        ],
    );
    assert!(
        denied.contains("Notifications are off") && denied.contains(&format!("cancel {first}"))
    );
    fails(
        &a,
        &["ritual", "arm", "--trigger", "sometime"],
        "--trigger is one of",
    );
    json(&a, &["settings", "--no-quiet"]);
    assert_eq!(
        json(&a, &["ritual", "reminders", "--limit", "1"])[0]["local_time"],
        "2027-03-12 20:20"
    );

    let ics = dir.path().join("tandem.ics");
    let w = json(&a, &["ritual", "export-ics", ics.to_str().unwrap()]);
    assert_eq!(w["events"], 1);
    let text = std::fs::read_to_string(&ics).unwrap();
    assert!(
        text.contains("SUMMARY:Check-in\r\n") && text.contains("RRULE:FREQ=DAILY\r\n"),
        "{text}"
    );
}

#[test]
fn done_skip_move_and_rhythm() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = paired_dbs(dir.path());
    let r = json(
        &a,
        &[
            "ritual",
            "propose",
            "--title",
            "Walk",
            "--at",
            "13:00",
            "--minutes",
            "20",
            "--floating",
        ],
    );
    let id = r["id"].as_str().unwrap();
    sync_both(dir.path(), &a, &b);
    json(&b, &["ritual", "accept", id]);
    sync_both(dir.path(), &a, &b);
    // NOW is 2027-03-12T17:00Z, 12:00 in New York; the ritual was proposed
    // then. Today's walk may be marked done an hour early; tomorrow's not.
    let (kind, reason) = json_error(&a, &["ritual", "done", id, "2027-03-13"]);
    assert_eq!(kind, "invalid_input");
    assert_eq!(
        reason,
        "invalid input: the occurrence of 2027-03-13 has not come yet: mark it done on its day or after"
    );
    // In Tokyo the 13th has come.
    json(
        &a,
        &[
            "--device-zone",
            "Asia/Tokyo",
            "ritual",
            "done",
            id,
            "2027-03-13",
        ],
    );
    json(
        &a,
        &["ritual", "done", id, "2027-03-12", "--feeling", "calm"],
    );
    json(&b, &["ritual", "skip", id, "2027-03-14"]);
    json(
        &b,
        &[
            "ritual",
            "move",
            id,
            "2027-03-15",
            "--to",
            "2027-03-15T19:00:00-04:00",
        ],
    );
    sync_both(dir.path(), &a, &b);
    let occ = json(
        &a,
        &[
            "ritual",
            "upcoming",
            "--from",
            "2027-03-12T00:00:00-05:00",
            "--to",
            "2027-03-16T00:00:00-04:00",
        ],
    );
    let got: Vec<(String, String, bool)> = occ
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["date"].as_str().unwrap().into(),
                o["status"].as_str().unwrap().into(),
                o["moved"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("2027-03-12".into(), "done".into(), false),
            ("2027-03-13".into(), "done".into(), false),
            ("2027-03-14".into(), "skipped".into(), false),
            ("2027-03-15".into(), "scheduled".into(), true),
        ]
    );
    // On the 16th at noon UTC Ana skips that day's walk: shared figures
    // count up to the newest shared change, so both phones agree. The
    // floating 12th to 15th have ended everywhere (UTC-12) by then; the
    // 16th has not. Kept: the 12th and 13th.
    let on_16th = |db: &std::path::Path, args: &[&str]| {
        let mut all = vec![
            "--db",
            db.to_str().unwrap(),
            "--now",
            "2027-03-16T12:00:00Z",
            "--device-zone",
            "America/New_York",
            "--json",
        ];
        all.extend_from_slice(args);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_tandem"))
            .args(all)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };
    on_16th(&a, &["ritual", "skip", id, "2027-03-16"]);
    let rhythm = on_16th(&a, &["ritual", "rhythm"]);
    assert_eq!(
        (
            rhythm[0]["kept_last_7"].as_u64(),
            rhythm[0]["scheduled_last_7"].as_u64()
        ),
        (Some(2), Some(4))
    );
    // Ben's phone, once in sync, on its own clock a day later: the same.
    let later = "2027-03-17T12:00:00Z";
    let file = dir.path().join("to-b-later.bin");
    let file = file.to_str().unwrap();
    json(&a, &["--now", later, "sync", "export", "--out", file]);
    json(&b, &["--now", later, "sync", "import", file]);
    let text = ok(&b, &["--now", later, "ritual", "rhythm"]);
    assert!(
        text.contains("Walk: kept 2 of the last 4, 2 of the last 4"),
        "{text}"
    );
    assert!(
        text.contains("count up to the latest shared change, 2027-03-16 08:00 -04:00"),
        "{text}"
    );
    fails(&a, &["ritual", "done", id, "2027-03-40"], "a date like");
    fails(
        &a,
        &[
            "ritual",
            "move",
            id,
            "2027-03-17",
            "--to",
            "2027-04-30T07:00:00Z",
        ],
        "at most a week",
    );
}

/// The error a `--json` run printed on stderr: (kind, reason).
fn json_error(db: &Path, args: &[&str]) -> (String, String) {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let out = tandem(db, &all);
    assert!(!out.status.success(), "{args:?} should fail");
    let v: Value = serde_json::from_slice(&out.stderr).unwrap();
    (
        v["error"]["kind"].as_str().unwrap().to_owned(),
        v["error"]["reason"].as_str().unwrap().to_owned(),
    )
}

#[test]
fn personal_rituals_snooze_trials_and_rest_weeks() {
    let dir = tempfile::tempdir().unwrap();
    // Before pairing: a personal ritual, active at once.
    let (a, b) = (dir.path().join("ana.db"), dir.path().join("ben.db"));
    json(&a, &["init", "--name", "Ana"]);
    let mine = json(
        &a,
        &[
            "ritual",
            "add",
            "--title",
            "Journal",
            "--at",
            "12:30",
            "--minutes",
            "5",
            "--floating",
        ],
    );
    let id = mine["id"].as_str().unwrap();
    assert_eq!(
        (mine["personal"].clone(), mine["status"].clone()),
        (true.into(), "active".into())
    );
    assert!(ok(&a, &["ritual", "list"]).contains("(personal, active)"));
    let (kind, reason) = json_error(&a, &["ritual", "accept", id]);
    assert_eq!(kind, "not_allowed_now");
    assert!(reason.contains("needs no answer"), "{reason}");
    assert_eq!(json_error(&a, &["ritual", "pause", "nope"]).0, "not_found");
    // A change with only the option that changes; it takes effect at once.
    let changed = json(&a, &["ritual", "counter", id, "--at", "13:00"]);
    assert_eq!(changed["time_of_day"], "13:00");
    assert_eq!(changed["title"], "Journal");
    assert_eq!(changed["minutes"], 5);
    assert_eq!(changed["pending"], Value::Null);
    assert!(ok(&a, &["ritual", "counter", id, "--minutes", "7"]).starts_with("Changed:"));

    // Snooze: 12:00 in New York; the 13:00 reminder comes back at 12:20.
    let snoozed = json(
        &a,
        &["ritual", "snooze", id, "2027-03-12", "--minutes", "20"],
    );
    assert_eq!(snoozed["until"], "2027-03-12T17:20:00Z");
    let plan = json(&a, &["ritual", "reminders", "--limit", "2"]);
    assert_eq!(plan[0]["kind"], "snoozed");
    assert_eq!(plan[0]["local_time"], "2027-03-12 12:20");
    assert_eq!(plan[1]["kind"], "ritual");
    assert_eq!(plan[1]["local_time"], "2027-03-12 13:00");
    fails(
        &a,
        &["ritual", "snooze", id, "2027-03-12", "--minutes", "0"],
        "1 to 720",
    );
    // At 21:00, tomorrow's journal snoozed for 10 minutes comes back when
    // tomorrow begins, not tonight.
    let tomorrow = json(
        &a,
        &[
            "--now",
            "2027-03-13T02:00:00Z",
            "ritual",
            "snooze",
            id,
            "2027-03-13",
            "--minutes",
            "10",
        ],
    );
    assert_eq!(tomorrow["until"], "2027-03-13T05:00:00Z");

    // The calendar leaves personal rituals out unless asked.
    let ics = dir.path().join("r.ics");
    let ics_path = ics.to_str().unwrap();
    assert_eq!(json(&a, &["ritual", "export-ics", ics_path])["events"], 0);
    assert_eq!(
        json(
            &a,
            &["ritual", "export-ics", ics_path, "--include-personal"]
        )["events"],
        1
    );

    // Pair; the personal ritual stays on Ana's phone.
    json(&b, &["init", "--name", "Ben"]);
    let offer = json(&a, &["pair", "offer"]);
    let answer = json(&b, &["pair", "accept", offer["text"].as_str().unwrap()]);
    json(
        &a,
        &["pair", "complete", answer["answer"].as_str().unwrap()],
    );
    json(&a, &["pair", "confirm"]);
    json(&b, &["pair", "confirm"]);

    // A gentle experiment until the 20th.
    let walk = json(
        &a,
        &[
            "ritual",
            "propose",
            "--title",
            "Walk",
            "--at",
            "09:00",
            "--minutes",
            "30",
            "--zone",
            "America/New_York",
            "--trial-until",
            "2027-03-20",
        ],
    );
    let walk_id = walk["id"].as_str().unwrap();
    assert_eq!(walk["trial_until"], "2027-03-20");
    sync_both(dir.path(), &a, &b);
    assert_eq!(json(&b, &["ritual", "list"]).as_array().unwrap().len(), 1);
    json(&b, &["ritual", "accept", walk_id]);
    sync_both(dir.path(), &a, &b);
    assert!(ok(&a, &["ritual", "list"]).contains("trying until 2027-03-20"));
    assert_eq!(json(&a, &["ritual", "list"])[1]["review_due"], false);
    // (Before the clock jumps ahead: the phones sync at the same time.)
    // A rest week, declared on one phone, on both after a sync.
    let rest = json(&a, &["ritual", "rest", "2027-03-17"]);
    assert_eq!(rest["week"], "2027-03-15");
    // The rest week rests the shared walk, not Ana's own journal.
    let in_rest_week = "2027-03-16T12:00:00Z";
    let plan = json(
        &a,
        &["--now", in_rest_week, "ritual", "reminders", "--limit", "3"],
    );
    let times: Vec<&str> = plan
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["local_time"].as_str().unwrap())
        .collect();
    assert_eq!(
        times,
        ["2027-03-16 13:00", "2027-03-17 13:00", "2027-03-18 13:00"]
    );
    sync_both(dir.path(), &a, &b);
    assert_eq!(
        json(&b, &["ritual", "rest"]),
        serde_json::json!(["2027-03-15"])
    );
    let (kind, reason) = json_error(&b, &["ritual", "rest", "2027-03-22", "--off"]);
    assert_eq!(kind, "not_found");
    assert!(reason.contains("not a rest week"));
    assert_eq!(
        json(&b, &["ritual", "rest", "2027-03-15", "--off"])["rest"],
        false
    );
    let (kind, _) = json_error(&b, &["ritual", "rest", "2029-01-01"]);
    assert_eq!(kind, "invalid_input");
    let later = "2027-03-20T14:00:00Z";
    let listed = json(&a, &["--now", later, "ritual", "list"]);
    let row = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == walk_id)
        .unwrap();
    assert_eq!(row["review_due"], true);
    assert!(
        ok(&a, &["--now", later, "ritual", "list"]).contains("review due: keep, adjust or stop?")
    );
    let kept = json(&a, &["--now", later, "ritual", "review", walk_id, "keep"]);
    assert_eq!(kept["pending"]["trial_until"], Value::Null);
    assert_eq!(kept["trial_until"], "2027-03-20");
    let (kind, _) = json_error(&a, &["--now", later, "ritual", "review", id, "keep"]);
    assert_eq!(kind, "not_allowed_now");
}

#[test]
fn boundaries_agreements_and_pauses_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = paired_dbs(dir.path());
    // Boundaries: Ben's shared one reaches Ana, read-only; his private one never does.
    let shared = json(
        &b,
        &[
            "boundary",
            "add",
            "When talks get heated, I need a pause first.",
            "--shared",
        ],
    );
    json(&b, &["boundary", "add", "I journal after hard talks."]);
    assert!(
        !json(&b, &["boundary", "examples"])
            .as_array()
            .unwrap()
            .is_empty()
    );
    sync_both(dir.path(), &a, &b);
    let seen = json(&a, &["boundary", "list"]);
    assert_eq!(seen.as_array().unwrap().len(), 1);
    assert_eq!(
        seen[0]["text"],
        "When talks get heated, I need a pause first."
    );
    assert_eq!(seen[0]["mine"], false);
    let id = shared["id"].as_str().unwrap();
    assert_eq!(
        json_error(&a, &["boundary", "edit", id, "Mine now"]).0,
        "not_allowed_now"
    );
    assert!(ok(&a, &["boundary", "list"]).contains("(your partner's)"));

    // An agreement proposed, amended by the partner, accepted by both.
    let proposed = json(
        &a,
        &[
            "agreement",
            "propose",
            "--title",
            "Pauses",
            "--text",
            "Either of us may call a pause.",
            "--cool-down",
            "20",
            "--review-on",
            "2027-06-01",
        ],
    );
    let id = proposed["id"].as_str().unwrap();
    assert_eq!(proposed["status"], "proposed");
    assert_eq!(json_error(&a, &["agreement", "accept", id]).0, "usage");
    sync_both(dir.path(), &a, &b);
    let amended = json(
        &b,
        &[
            "agreement",
            "amend",
            id,
            "--title",
            "Pauses",
            "--text",
            "Either of us may call a pause.",
            "--cool-down",
            "30",
        ],
    );
    assert_eq!(amended["pending"].as_array().unwrap().len(), 2);
    sync_both(dir.path(), &a, &b);
    // Two versions wait on Ana's side? Only Ben's waits for her answer.
    let accepted = json(&a, &["agreement", "accept", id]);
    assert_eq!(accepted["status"], "active");
    assert_eq!(accepted["in_effect"]["cool_down_minutes"], 30);
    sync_both(dir.path(), &a, &b);
    let history = json(&b, &["agreement", "history", id]);
    let kinds: Vec<&str> = history["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["proposed", "amended", "accepted"]);
    assert_eq!(
        history["head"],
        json(&a, &["agreement", "history", id])["head"]
    );
    assert!(ok(&b, &["agreement", "history", id]).contains("chain checked"));
    let (kind, reason) = json_error(
        &b,
        &["agreement", "accept", id, "--version", &"0".repeat(32)],
    );
    assert_eq!(kind, "not_allowed_now");
    assert!(reason.contains("content hash"), "{reason}");

    // A pause: 30 minutes from the agreement, seen by Ana after a sync.
    let p = json(&b, &["pause", "start", "--note", "Flooded; back soon"]);
    assert_eq!(p["return_at"], "2027-03-12T17:30:00Z");
    assert_eq!(p["state"], "running");
    fails(
        &b,
        &["pause", "start", "--minutes", "10"],
        "20 minutes to 24 hours",
    );
    sync_both(dir.path(), &a, &b);
    let text = ok(&a, &["pause", "status"]);
    assert!(
        text.contains("Your partner needs a pause, back at 12:30."),
        "{text}"
    );
    assert!(
        text.contains(
            "A pause can last 20 min, 30 min (as agreed), 1 hour; it can be extended once (15 more minutes)."
        ),
        "{text}"
    );
    let plan = json(&a, &["ritual", "reminders", "--limit", "1"]);
    assert_eq!(plan[0]["kind"], "pause_return");
    assert_eq!(plan[0]["title"], "Your partner is coming back");
    fails(&a, &["pause", "end"], "no running pause");
    let at = |v: &Value| chrono::DateTime::parse_from_rfc3339(v.as_str().unwrap()).unwrap();
    let before = at(&json(&b, &["pause", "status"])[0]["return_at"]);
    let extended = json(&b, &["pause", "extend"]);
    assert_eq!(extended["extended"], true);
    assert_eq!(
        (at(&extended["return_at"]) - before).num_minutes(),
        15,
        "the offered extension"
    );
    let (kind, reason) = json_error(&b, &["pause", "extend", "--minutes", "10"]);
    assert_eq!(kind, "not_allowed_now");
    assert!(reason.contains("extended once"));
    let ended = json(&b, &["pause", "end"]);
    assert_eq!(
        (ended["state"].as_str(), ended["kept"].as_bool()),
        (Some("ended"), Some(true))
    );
    assert_eq!(
        json(&a, &["agreement", "withdraw", id])["status"],
        "withdrawn"
    );
}

#[test]
fn notebook_insights_and_phrases_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = paired_dbs(dir.path());
    let c = json(
        &a,
        &[
            "checkin",
            "--temp",
            "8",
            "--capacity",
            "low",
            "--need",
            "space",
            "--note",
            "long day",
        ],
    );
    assert_eq!(c["shared"], false);
    assert_eq!(c["temperature_words"], "heated");
    json(
        &a,
        &[
            "checkin",
            "--temp",
            "4",
            "--capacity",
            "some",
            "--need",
            "practical-help",
            "--shared",
        ],
    );
    let shown = ok(
        &a,
        &[
            "checkin",
            "--temp",
            "2",
            "--capacity",
            "plenty",
            "--need",
            "closeness",
        ],
    );
    assert!(shown.starts_with("Checked in.\n"), "{shown}");
    assert!(
        shown.contains("heated · low capacity · needing space · “long day”")
            && shown.contains(
                "settled · some capacity · needing practical help · Shared with your partner"
            )
            && shown.contains("calm · plenty of capacity · needing closeness"),
        "today's own check-ins, as the apps show them: {shown}"
    );
    json(&a, &["appreciate", "Thank you for the soup."]);
    json(
        &a,
        &[
            "repair",
            "--act",
            "apologised",
            "--received",
            "yes",
            "--shared",
        ],
    );
    let logged = json(
        &a,
        &[
            "log",
            "add",
            "--happened",
            "withdrew",
            "--tag",
            "Tired",
            "--tag",
            "money",
            "--temp",
            "7",
        ],
    );
    assert_eq!(logged["tags"], serde_json::json!(["tired", "money"]));
    assert!(ok(&a, &["log", "list"]).contains("withdrew [tired, money]"));
    sync_both(dir.path(), &a, &b);
    // Ben's phone has none of Ana's private notebook.
    assert!(json(&b, &["log", "list"]).as_array().unwrap().is_empty());
    let i = json(&b, &["insights", "--weeks", "4"]);
    assert!(i["triggers"].as_array().unwrap().is_empty());
    // No series counts what Ben received (issue 15: nothing measures the
    // partner).
    assert!(
        i["series"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["name"] != "appreciations received")
    );
    // Without --weeks: the period both apps show (the core's eight weeks).
    let default = json(&a, &["insights"]);
    assert_eq!(
        default["weeks"].as_array().map(Vec::len),
        Some(8),
        "{default}"
    );
    let mine = json(&a, &["insights", "--weeks", "4"]);
    assert_eq!(mine["triggers"][0]["label"], "money");
    assert_eq!(mine["weeks"].as_array().unwrap().len(), 4);
    assert!(ok(&a, &["insights", "--weeks", "4"]).contains("Appreciations you gave"));
    for (args, kind, mentions) in [
        (
            vec![
                "checkin",
                "--temp",
                "11",
                "--capacity",
                "low",
                "--need",
                "space",
            ],
            "invalid_input",
            "Choose a number from 1 to 10.",
        ),
        (
            vec![
                "checkin",
                "--temp",
                "5",
                "--capacity",
                "low",
                "--need",
                "a hug",
            ],
            "invalid_input",
            "a need is one of",
        ),
        (
            vec!["appreciate", " "],
            "invalid_input",
            "appreciation is empty",
        ),
        (
            vec!["insights", "--weeks", "0"],
            "invalid_input",
            "1 to 520 weeks",
        ),
        (
            vec!["insights", "--weeks", "521"],
            "invalid_input",
            "1 to 520 weeks",
        ),
        (
            vec![
                "phrases",
                "i-statement",
                "--when",
                "you left",
                "--feel",
                "",
                "--need",
                "time",
                "--ask",
                "a call",
            ],
            "invalid_input",
            "feeling is empty",
        ),
    ] {
        let (k, reason) = json_error(&a, &args);
        assert_eq!(k, kind, "{args:?}: {reason}");
        assert!(reason.contains(mentions), "{args:?}: {reason}");
    }
    let s = json(
        &a,
        &[
            "phrases",
            "i-statement",
            "--when",
            "plans change late",
            "--feel",
            "anxious",
            "--need",
            "a heads-up",
            "--ask",
            "a quick text",
        ],
    );
    assert_eq!(
        s["text"],
        "When plans change late, I feel anxious, and I need a heads-up. Would you be open to a quick text?"
    );
    json(
        &a,
        &[
            "phrases",
            "add",
            "--situation",
            "asking-for-space",
            "Give me ten, I'll be back.",
            "--shared",
        ],
    );
    let phrases = json(&a, &["phrases", "list", "--situation", "asking-for-space"]);
    assert_eq!(phrases.as_array().unwrap().len(), 4);
    assert_eq!(phrases[3]["built_in"], false);
}

fn with_passphrase(db: &Path, args: &[&str], passphrase: &str) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tandem"));
    cmd.arg("--db")
        .arg(db)
        .args(["--now", NOW, "--device-zone", "America/New_York", "--json"])
        .args(args)
        .env_remove("TANDEM_STORAGE_KEY")
        .env("TANDEM_PASSPHRASE", passphrase);
    cmd.output().unwrap()
}

#[test]
fn export_import_visible_and_wipe_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = paired_dbs(dir.path());
    json(&a, &["boundary", "add", "Shared words", "--shared"]);
    json(&a, &["boundary", "add", "My private words"]);
    json(
        &a,
        &["log", "add", "--happened", "went-silent", "--tag", "tired"],
    );
    json(
        &a,
        &[
            "ritual",
            "propose",
            "--title",
            "Tea",
            "--at",
            "17:00",
            "--minutes",
            "15",
            "--floating",
        ],
    );
    sync_both(dir.path(), &a, &b);

    let v = json(&a, &["visible"]);
    let seen = v["partner_sees"].to_string();
    assert!(
        seen.contains("Shared words") && seen.contains("Tea"),
        "{seen}"
    );
    assert!(
        !seen.contains("My private words") && !seen.contains("tired"),
        "{seen}"
    );
    assert!(v["audit"].to_string().contains("\"boundary_shared\""));
    assert!(v["partner_sees"].to_string().contains("\"shared ritual\""));

    let sealed = dir.path().join("ana.export");
    let out = with_passphrase(
        &a,
        &["export", sealed.to_str().unwrap()],
        "long enough passphrase",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = std::fs::read_to_string(&sealed).unwrap();
    assert!(file.contains("tandem-export-sealed") && !file.contains("My private words"));
    // A weak passphrase: refused with what is needed, the old file kept.
    let out = with_passphrase(&a, &["export", sealed.to_str().unwrap()], "eight888");
    assert!(!out.status.success());
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["error"]["kind"], "invalid_input");
    let reason = err["error"]["reason"].as_str().unwrap();
    assert!(
        reason.contains("at least 16 characters or at least 4 words")
            && !reason.contains("eight888"),
        "{reason}"
    );
    assert_eq!(std::fs::read_to_string(&sealed).unwrap(), file);
    let plain = dir.path().join("ana.json");
    // An older file under the name is replaced whole, never appended to.
    std::fs::write(&plain, "x".repeat(1 << 20)).unwrap();
    let out = tandem(&a, &["export", plain.to_str().unwrap(), "--plaintext"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning: a plaintext export"));
    assert!(serde_json::from_slice::<Value>(&std::fs::read(&plain).unwrap()).is_ok());
    #[cfg(unix)]
    for written in [&sealed, &plain] {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(written).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{}", written.display());
    }
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert!(
        std::fs::read_to_string(&plain)
            .unwrap()
            .contains("My private words")
    );

    // A new phone: the wrong passphrase, then the right one.
    let c = dir.path().join("new.db");
    json(&c, &["init", "--name", "New phone"]);
    let out = with_passphrase(
        &c,
        &["import", sealed.to_str().unwrap()],
        "not the passphrase",
    );
    assert!(!out.status.success());
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["error"]["kind"], "wrong_passphrase");
    let out = with_passphrase(
        &c,
        &["import", sealed.to_str().unwrap()],
        "long enough passphrase",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let texts: Vec<String> = json(&c, &["boundary", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["text"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(texts, ["Shared words", "My private words"]);
    assert_eq!(json(&c, &["device"])["name"], "Ana");
    let (kind, reason) = json_error(&c, &["import", plain.to_str().unwrap()]);
    assert_eq!(kind, "not_allowed_now");
    assert!(reason.contains("empty"), "{reason}");

    // Wipe: the database and its key are gone.
    fails(&c, &["wipe"], "--yes");
    json(&c, &["wipe", "--yes"]);
    assert!(!c.exists());
    assert!(!dir.path().join("new.db.key").exists());
    assert!(!dir.path().join("new.db-wal").exists());
}

#[test]
fn today_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = paired_dbs(dir.path());
    // 12:00 in New York.
    let walk = json(
        &a,
        &[
            "ritual",
            "propose",
            "--title",
            "Walk",
            "--at",
            "18:00",
            "--minutes",
            "20",
            "--floating",
        ],
    );
    let id = walk["id"].as_str().unwrap();
    assert_eq!(json(&a, &["sync", "status"])["changes_to_send"], 1);
    assert!(
        ok(&a, &["sync", "status"])
            .contains("1 change to send. Send your changes to your partner.")
    );
    let mine = json(&a, &["today"]);
    assert_eq!(mine["invitations"], serde_json::json!([]));
    assert_eq!(mine["coming"], serde_json::json!([]));
    sync_both(dir.path(), &a, &b);
    assert_eq!(json(&a, &["sync", "status"])["changes_to_send"], 0);
    let theirs = json(&b, &["today"]);
    assert_eq!(theirs["invitations"][0]["id"], id);
    assert_eq!(theirs["invitations"][0]["kind"], "ritual");
    let text = ok(&b, &["today"]);
    assert!(text.contains("Waiting for your answer:"), "{text}");
    assert!(
        text.contains("repeats: every day") && text.contains("time: 18:00"),
        "the invitation is shown whole on Today: {text}"
    );
    assert_eq!(
        theirs["invitations"][0]["detail"],
        "18:00 · 20 min · every day"
    );

    json(&b, &["ritual", "accept", id]);
    json(&b, &["pause", "start", "--minutes", "30"]);
    sync_both(dir.path(), &a, &b);
    let today = json(&a, &["today"]);
    assert_eq!(today["invitations"], serde_json::json!([]));
    let starts: Vec<_> = today["coming"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["time"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(starts, vec!["18:00"]);
    assert_eq!(today["pause"]["mine"], false);
    // The partner's return at 12:30 comes before the walk's reminder.
    assert_eq!(today["next_reminder"], "Next reminder 12:30 · Tandem");
    let text = ok(&a, &["today"]);
    assert!(
        text.contains("Your partner needs a pause, back at 12:30."),
        "{text}"
    );
    assert!(text.contains("Next reminder 12:30 · "), "{text}");
    fails(&a, &["--device-zone", "Mars/Base", "today"], "time zone");
    let elsewhere = tempfile::tempdir().unwrap();
    let alone = init(elsewhere.path());
    fails(&alone, &["sync", "status"], "not paired");
}

/// The texts of a JSON list of `{summary}` objects.
fn summaries(changes: &Value) -> Vec<String> {
    changes
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["summary"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn what_is_accepted_is_shown_whole_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = paired_dbs(dir.path());
    let walk = json(
        &a,
        &[
            "ritual",
            "propose",
            "--title",
            "Walk",
            "--at",
            "20:30",
            "--minutes",
            "20",
            "--floating",
            "--weekdays",
            "1,2,3,4",
            "--start",
            "2027-03-15",
            "--until",
            "2027-06-30",
            "--window-end",
            "21:30",
            "--remind",
            "15",
            "--trial-until",
            "2027-04-15",
        ],
    );
    let id = walk["id"].as_str().unwrap();
    sync_both(dir.path(), &a, &b);

    // Ben sees the days, dates, window, reminders and trial before answering.
    let text = ok(&b, &["ritual", "list"]);
    for expected in [
        "repeats: Mon to Thu",
        "from: 2027-03-15",
        "ends: after 2027-06-30",
        "window: until 21:30",
        "reminders: 15 min before",
        "trial: until 2027-04-15, then a review",
        "waiting for your answer",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    let listed = &json(&b, &["ritual", "list"])[0];
    let pending = &listed["pending"];
    assert_eq!(pending["recurrence"]["repeat"]["kind"], "weekdays");
    assert_eq!(
        pending["recurrence"]["repeat"]["days"],
        serde_json::json!(["monday", "tuesday", "wednesday", "thursday"])
    );
    assert_eq!(pending["recurrence"]["start_date"], "2027-03-15");
    assert_eq!(pending["recurrence"]["until_date"], "2027-06-30");
    assert_eq!(pending["window_end"], "21:30");
    assert_eq!(pending["lead_minutes"], serde_json::json!([15]));
    assert_eq!(pending["trial_until"], "2027-04-15");
    assert_eq!(
        listed["repeat"]["kind"], "weekdays",
        "an object, not a debug string"
    );
    assert!(!listed.to_string().contains("Weekdays {"));
    let first = pending["short_version"].as_str().unwrap().to_owned();
    assert_eq!(first.len(), 8);

    // Ben counters with Tuesday and Thursday only; the rest stays.
    let countered = json(&b, &["ritual", "counter", id, "--weekdays", "2,4"]);
    let p = &countered["pending"];
    assert_eq!(
        (
            &p["window_end"],
            &p["recurrence"]["until_date"],
            &p["trial_until"],
            &p["lead_minutes"]
        ),
        (
            &serde_json::json!("21:30"),
            &serde_json::json!("2027-06-30"),
            &serde_json::json!("2027-04-15"),
            &serde_json::json!([15])
        ),
        "fields not given keep their value"
    );
    sync_both(dir.path(), &a, &b);
    let shown = json(&a, &["ritual", "show", id]);
    assert_eq!(
        summaries(&shown["pending"]["changes"]),
        ["repeats: Tue and Thu instead of Mon to Thu"]
    );
    assert!(
        ok(&a, &["ritual", "show", id]).contains("- repeats: Tue and Thu instead of Mon to Thu")
    );
    // Clearing takes an explicit option.
    let cleared = json(&a, &["ritual", "counter", id, "--no-window", "--no-end"]);
    assert_eq!(cleared["pending"]["window_end"], serde_json::Value::Null);
    assert_eq!(
        cleared["pending"]["recurrence"]["until_date"],
        serde_json::Value::Null
    );
    assert_eq!(
        cleared["pending"]["recurrence"]["repeat"]["kind"],
        "weekdays"
    );
    sync_both(dir.path(), &a, &b);

    // An answer names the version read; one that was replaced is refused.
    fails(
        &b,
        &["ritual", "accept", id, "--version", &first],
        "look again",
    );
    fails(
        &b,
        &["ritual", "accept", id, "--version", &first[..7]],
        "8 to 32 hex",
    );
    let now = json(&b, &["ritual", "show", id])["pending"]["short_version"]
        .as_str()
        .unwrap()
        .to_owned();
    let accepted = json(&b, &["ritual", "accept", id, "--version", &now]);
    assert_eq!(accepted["status"], "active");
    assert_eq!(accepted["window_end"], serde_json::Value::Null);

    // An agreement's amendment keeps the pause protocol it does not change.
    let proposed = json(
        &a,
        &[
            "agreement",
            "propose",
            "--title",
            "Pauses",
            "--text",
            "Either of us may call a pause.",
            "--cool-down",
            "30",
            "--only-one-calls",
            "--revisit",
            "on the sofa",
            "--review-on",
            "2027-06-01",
        ],
    );
    let aid = proposed["id"].as_str().unwrap();
    sync_both(dir.path(), &a, &b);
    let v1 = json(&b, &["agreement", "show", aid])["pending"][0]["short_version"]
        .as_str()
        .unwrap()
        .to_owned();
    let (kind, reason) = json_error(&b, &["agreement", "accept", aid, "--version", &v1[..7]]);
    assert_eq!(kind, "invalid_input");
    assert!(reason.contains("8 to 32 hex"), "{reason}");
    json(&b, &["agreement", "accept", aid, "--version", &v1]);
    sync_both(dir.path(), &a, &b);
    let amended = json(
        &a,
        &[
            "agreement",
            "amend",
            aid,
            "--text",
            "Either of us may call a pause; we come back.",
        ],
    );
    let waiting = &amended["pending"][0];
    assert_eq!(
        waiting["pause_protocol"],
        serde_json::json!({"cool_down_minutes": 30, "either_may_call": false, "revisit": "on the sofa"})
    );
    assert_eq!(waiting["review_on"], "2027-06-01");
    assert_eq!(
        waiting["changes"][0]["field"], "text",
        "only the text changes"
    );
    assert_eq!(waiting["changes"].as_array().unwrap().len(), 1);
    // Two versions that differ only in the cool-down look different.
    let other = json(&a, &["agreement", "amend", aid, "--cool-down", "45"]);
    assert_eq!(
        summaries(&other["pending"][1]["changes"]),
        ["cool-down: 45 min instead of 30 min"]
    );
    let text = ok(&a, &["agreement", "list"]);
    assert!(
        text.contains("- cool-down: 45 min instead of 30 min"),
        "{text}"
    );
    assert!(
        text.contains("coming back: \u{201c}on the sofa\u{201d}"),
        "{text}"
    );
    let dropped = json(&a, &["agreement", "amend", aid, "--no-cool-down"]);
    assert_eq!(
        dropped["pending"][2]["pause_protocol"],
        serde_json::Value::Null
    );
    fails(
        &a,
        &[
            "agreement",
            "amend",
            aid,
            "--revisit",
            "x",
            "--no-cool-down",
        ],
        "cannot be used with",
    );
}

#[test]
fn a_restore_on_a_new_phone_through_the_cli_never_loses_a_change_silently() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = paired_dbs(dir.path());
    json(&a, &["appreciate", "Before the backup."]);
    sync_both(dir.path(), &a, &b);
    let backup = dir.path().join("ana.export");
    let out = with_passphrase(
        &a,
        &["export", backup.to_str().unwrap()],
        "long enough passphrase",
    );
    assert!(out.status.success());
    let old_id = json(&a, &["device"])["device_id"].clone();

    // The old phone goes on after the backup; its payload waits in a file.
    json(&a, &["appreciate", "From the old phone, after the backup."]);
    let late = dir.path().join("late.bin");
    json(&a, &["sync", "export", "--out", late.to_str().unwrap()]);

    // The new phone: restored, a new id, paired again with Ben.
    let c = dir.path().join("new.db");
    json(&c, &["init", "--name", "New phone"]);
    let out = with_passphrase(
        &c,
        &["import", backup.to_str().unwrap()],
        "long enough passphrase",
    );
    assert!(out.status.success());
    assert_ne!(json(&c, &["device"])["device_id"], old_id);
    json(&b, &["pair", "unpair"]);
    let offer = json(&c, &["pair", "offer"]);
    let answer = json(&b, &["pair", "accept", offer["text"].as_str().unwrap()]);
    json(
        &c,
        &["pair", "complete", answer["answer"].as_str().unwrap()],
    );
    json(&c, &["pair", "confirm"]);
    json(&b, &["pair", "confirm"]);

    // The new phone's first change reaches Ben as new, never "already here".
    json(&c, &["appreciate", "From the new phone."]);
    let file = dir.path().join("from-new.bin");
    json(&c, &["sync", "export", "--out", file.to_str().unwrap()]);
    let report = json(&b, &["sync", "import", file.to_str().unwrap()]);
    assert_eq!(report["reports"][0]["applied"], 1, "{report}");
    assert_eq!(report["reports"][0]["set_aside"], 0, "{report}");

    // The old phone's late payload is refused with a reason a person reads.
    fails(
        &b,
        &["sync", "import", late.to_str().unwrap()],
        "restored on another phone",
    );
}

#[test]
fn a_partner_clock_hours_ahead_is_imported_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = paired_dbs(dir.path());
    sync_both(dir.path(), &a, &b);
    json(
        &a,
        &[
            "--now",
            "2027-03-12T20:00:00Z",
            "appreciate",
            "Wrong clock.",
        ],
    );
    let file = dir.path().join("ahead.bin");
    json(
        &a,
        &[
            "--now",
            "2027-03-12T20:00:00Z",
            "sync",
            "export",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    let text = ok(&b, &["sync", "import", file.to_str().unwrap()]);
    assert!(text.contains("Imported 1 new change"), "{text}");
    assert!(
        text.contains("Note: your partner's phone clock looks 3 h ahead"),
        "{text}"
    );
    let report = json(&b, &["sync", "import", file.to_str().unwrap()]);
    assert_eq!(report["reports"][0]["already_imported"], true);
}

#[test]
fn lock_clean_exit_and_an_honest_mirror_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = paired_dbs(dir.path());
    // The app lock: off on a new install, a grace time of 0 to 3600 s.
    assert_eq!(json(&a, &["lock", "status"])["lock"], "off");
    let on = json(&a, &["lock", "on", "--after", "120"]);
    assert_eq!(
        (on["lock"].as_str(), on["after_seconds"].as_u64()),
        (Some("on"), Some(120))
    );
    fails(&a, &["lock", "on", "--after", "3601"], "0 to 3600 seconds");
    assert_eq!(json(&a, &["lock", "status"])["after_seconds"], 120);
    // The settings screen's words: the grace time set here shown, chosen.
    assert!(ok(&a, &["lock", "status"]).contains("• After 2 minutes away"));
    assert!(ok(&a, &["--lang", "de", "lock", "status"]).contains("• Nach 2 Minuten weg"));
    // Quiet reminders by default.
    assert_eq!(json(&a, &["settings"])["hide_content"], true);

    // A shared walk; words on a done say who reads them.
    let walk = json(
        &a,
        &[
            "ritual",
            "propose",
            "--title",
            "Walk",
            "--at",
            "07:00",
            "--minutes",
            "20",
            "--floating",
        ],
    );
    let id = walk["id"].as_str().unwrap().to_owned();
    sync_both(dir.path(), &a, &b);
    json(&b, &["ritual", "accept", &id]);
    sync_both(dir.path(), &a, &b);
    let done = ok(
        &a,
        &["ritual", "done", &id, "2027-03-12", "--feeling", "calm"],
    );
    assert!(done.contains("Your partner will read your words"), "{done}");

    // Shared, then made private: still listed, with the reason.
    let bnd = json(&a, &["boundary", "add", "Said-Once-5120", "--shared"]);
    sync_both(dir.path(), &a, &b);
    json(
        &a,
        &[
            "boundary",
            "share",
            bnd["id"].as_str().unwrap(),
            "--private",
        ],
    );
    let seen = ok(&a, &["visible"]);
    assert!(
        seen.contains("  Sent before you made it private:\n    Said-Once-5120  ("),
        "{seen}"
    );
    assert!(
        seen.contains("      Already on your partner's phone: making it private again stops further sharing but cannot recall it."),
        "{seen}"
    );
    assert!(
        seen.contains("  Notes on shared rituals:\n    calm  (Fri 12 Mar 2027)"),
        "{seen}"
    );

    // Ben's words arrive, then Ana leaves cleanly, on her phone alone.
    json(&b, &["appreciate", "Ben-Thanks-5121"]);
    sync_both(dir.path(), &a, &b);
    let out = json(&a, &["unpair", "--stop-shared", "--delete-partner-data"]);
    assert_eq!(out["was_paired"], true);
    assert_eq!(out["stopped"], 1);
    assert_eq!(out["deleted"], 1);
    assert_eq!(json(&a, &["ritual", "list"])[0]["status"], "retired");
    let plain = dir.path().join("plain.json");
    let export = tandem(&a, &["export", plain.to_str().unwrap(), "--plaintext"]);
    assert!(export.status.success());
    let warning = String::from_utf8_lossy(&export.stderr);
    assert!(warning.contains("only your user account"), "{warning}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&plain).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let text = std::fs::read_to_string(&plain).unwrap();
    assert!(!text.contains("Ben-Thanks-5121"));
    assert!(text.contains("Said-Once-5120"), "Ana's own words stay");
    // The audit shows it all, newest first.
    let audit: Vec<String> = json(&a, &["visible"])["audit"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["change"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        audit[..4],
        [
            "exported_plaintext",
            "deleted_partner_data",
            "stopped_shared",
            "unpaired",
        ]
    );
    assert!(audit.contains(&"lock_on".to_owned()));
    let said = ok(&a, &["visible"]);
    assert!(
        said.contains("  You deleted your partner's shared data from this phone\n"),
        "{said}"
    );
    // Unpairing again says so and changes nothing.
    assert_eq!(json(&a, &["unpair"])["was_paired"], false);
}

#[test]
fn words_read_well_and_a_closed_pipe_is_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    // A withdrawn agreement keeps its title.
    let a = json(
        &db,
        &[
            "agreement",
            "propose",
            "--title",
            "Phones away",
            "--text",
            "No phones at dinner.",
        ],
    );
    let id = a["id"].as_str().unwrap();
    json(&db, &["agreement", "withdraw", id]);
    let list = ok(&db, &["agreement", "list"]);
    assert!(list.contains("\"Phones away\" (withdrawn)"), "{list}");
    // Times for people are in the device zone, with its offset.
    let audit = ok(&db, &["visible"]);
    assert!(
        audit.contains("  Fri 12 Mar 2027 12:00  You proposed an agreement"),
        "{audit}"
    );
    // A reader that stops early (`tandem visible | head -1`) ends the output,
    // not the program with a panic.
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_tandem"))
        .args(["--db", db.to_str().unwrap(), "--now", NOW, "demo"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.status.success(), "{:?} {err}", out.status);
}

#[test]
fn sync_import_says_what_the_partner_changed_on_this_phones_clock() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = paired_dbs(dir.path());
    json(
        &a,
        &[
            "ritual",
            "propose",
            "--title",
            "Walk",
            "--at",
            "07:00",
            "--minutes",
            "20",
            "--zone",
            "Europe/Berlin",
        ],
    );
    json(&a, &["pause", "start", "--minutes", "30"]);
    for _ in 0..3 {
        json(&a, &["appreciate", "You made dinner."]);
    }
    let file = dir.path().join("to-b.bin");
    json(&a, &["sync", "export", "--out", file.to_str().unwrap()]);
    // NOW is 17:00 UTC: 18:00 in Berlin, so Ana is back at 18:30 there.
    let said = ok(
        &b,
        &[
            "--device-zone",
            "Europe/Berlin",
            "sync",
            "import",
            file.to_str().unwrap(),
        ],
    );
    assert!(said.contains("What's new:"), "{said}");
    assert!(
        said.contains("  Ana invited you to a new ritual: Walk."),
        "{said}"
    );
    assert!(
        said.contains("  Ana started a pause, back at 18:30."),
        "{said}"
    );
    assert!(
        said.contains("  Ana sent you an appreciation (3 times)."),
        "{said}"
    );
    assert!(!said.contains("You made dinner"), "{said}");
    // The notebook shows what she wrote, under today's heading.
    let notebook = ok(&b, &["--device-zone", "Europe/Berlin", "notebook"]);
    assert!(notebook.starts_with("Today\n"), "{notebook}");
    assert!(
        notebook.contains("  18:00  Ana appreciated you\n         \"You made dinner.\""),
        "{notebook}"
    );
    let cara = dir.path().join("cara");
    std::fs::create_dir(&cara).unwrap();
    let fresh = init(&cara);
    assert!(
        ok(&fresh, &["notebook", "--weeks", "2"])
            .starts_with("Nothing written in the last 2 weeks")
    );
    fails(&fresh, &["notebook", "--weeks", "0"], "weeks");
    // The same import again says nothing is new; --json carries the sentences.
    let again = json(&b, &["sync", "import", file.to_str().unwrap()]);
    assert_eq!(again["reports"][0]["already_imported"], true);
    assert_eq!(again["reports"][0]["news"].as_array().unwrap().len(), 0);
}

#[test]
fn the_rituals_screen_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = paired_dbs(dir.path());
    assert!(ok(&b, &["rituals"]).starts_with("No rituals yet"));
    let walk = json(
        &a,
        &[
            "ritual",
            "propose",
            "--title",
            "Walk",
            "--at",
            "07:00",
            "--minutes",
            "20",
            "--floating",
        ],
    );
    sync_both(dir.path(), &a, &b);
    let on_b = ok(&b, &["rituals"]);
    assert!(
        on_b.contains("Walk  07:00 20 min  ·  Waiting for your answer"),
        "{on_b}"
    );
    assert!(
        on_b.contains("[Accept] [Decline] [Suggest another time]"),
        "{on_b}"
    );
    let screen = json(&b, &["rituals"]);
    assert_eq!(screen["answers_waiting"], 1);
    assert_eq!(screen["rows"][0]["id"], walk["id"]);
    assert_eq!(
        ok(&a, &["rituals"]).lines().next().unwrap(),
        "Walk  07:00 20 min  ·  Waiting for your partner"
    );

    // In German: from --lang, else from the environment (LC_ALL first).
    let auf_deutsch = ok(&b, &["rituals", "--lang", "de-DE"]);
    assert!(
        auf_deutsch.contains("Walk  07:00 20 min  ·  Wartet auf deine Antwort"),
        "{auf_deutsch}"
    );
    assert!(
        auf_deutsch.contains("[Annehmen] [Lieber nicht] [Andere Zeit vorschlagen]"),
        "{auf_deutsch}"
    );
    let run = |vars: &[(&str, &str)]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_tandem"));
        cmd.arg("--db").arg(&a).args(["--now", NOW, "rituals"]);
        cmd.env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG");
        cmd.env_remove("TANDEM_STORAGE_KEY").env_remove("TANDEM_DB");
        for (k, v) in vars {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(run(&[("LANG", "de_AT.UTF-8")]).contains("Wartet auf dein Gegenüber"));
    assert!(run(&[("LC_ALL", "C"), ("LANG", "de_DE.UTF-8")]).contains("Waiting for your partner"));
    assert!(
        run(&[("LC_MESSAGES", "de"), ("LANG", "en_US.UTF-8")])
            .contains("Wartet auf dein Gegenüber")
    );
    assert!(run(&[]).contains("Waiting for your partner"));
    // A tag the core refuses: an error that does not repeat it.
    let long = "x".repeat(40);
    fails(&a, &["rituals", "--lang", &long], "language tag");
    let out = tandem(&a, &["rituals", "--lang", &long]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains(&long));
}

#[test]
fn the_rituals_screens_past_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let a = init(dir.path());
    // One a minute: the past is ordered by when each ended.
    for i in 0..21 {
        let title = format!("Idea {i:02}");
        let now = format!("2027-03-12T17:{i:02}:00Z");
        let idea = json(
            &a,
            &[
                "--now",
                &now,
                "ritual",
                "add",
                "--title",
                &title,
                "--at",
                "07:00",
                "--minutes",
                "5",
                "--floating",
            ],
        );
        let id = idea["id"].as_str().unwrap();
        json(&a, &["--now", &now, "ritual", "retire", id]);
    }
    let first = json(&a, &["rituals"]);
    assert_eq!(first["ended"].as_array().unwrap().len(), 20);
    assert_eq!(
        first["ended"][0]["title"], "Idea 20",
        "the newest end first"
    );
    assert_eq!(
        first["ended_more"],
        "Only the 20 that ended most recently are shown here."
    );
    assert_eq!(first["show_all"], "Show all past rituals");
    let text = ok(&a, &["rituals"]);
    assert!(
        text.contains("(Show all past rituals: tandem rituals --all)"),
        "{text}"
    );
    assert!(!text.contains("Idea 00"), "{text}");
    let all = json(&a, &["rituals", "--all"]);
    assert_eq!(all["ended"].as_array().unwrap().len(), 21);
    assert_eq!(all["ended"][20]["title"], "Idea 00");
    assert!(all["show_all"].is_null() && all["ended_more"].is_null());
    assert!(ok(&a, &["rituals", "--all"]).contains("Idea 00"));
    fails(&a, &["rituals", "some-id", "--all"], "cannot be used with");
}

#[test]
fn the_agreements_screen_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = paired_dbs(dir.path());
    assert!(ok(&b, &["agreements"]).starts_with("No agreements yet"));
    let proposed = json(
        &a,
        &[
            "agreement",
            "propose",
            "--title",
            "Pauses",
            "--text",
            "We pause when it gets heated.",
            "--cool-down",
            "30",
        ],
    );
    sync_both(dir.path(), &a, &b);
    let on_b = ok(&b, &["agreements"]);
    assert!(
        on_b.starts_with("Pauses  ·  Waiting for your answer"),
        "{on_b}"
    );
    assert!(
        on_b.contains("[Accept] [Decline] [Suggest a change]"),
        "{on_b}"
    );
    assert!(on_b.contains("cool-down: 30 min"), "{on_b}");
    assert!(on_b.contains("Your partner proposed “Pauses”"), "{on_b}");
    let screen = json(&b, &["agreements"]);
    assert_eq!(screen["answers_waiting"], 1);
    assert_eq!(screen["rows"][0]["id"], proposed["id"]);
    assert_eq!(
        ok(&a, &["agreements"]).lines().next().unwrap(),
        "Pauses  ·  Waiting for your partner"
    );
    let id = proposed["id"].as_str().unwrap();
    json(&b, &["agreement", "withdraw", id]);
    let past = ok(&b, &["agreements", "--lang", "de"]);
    assert!(past.contains("Pauses  ·  Zurückgezogen"), "{past}");
}

#[test]
fn check_reports_damage_and_exits_non_zero() {
    let dir = tempfile::tempdir().unwrap();
    let db = init(dir.path());
    ok(
        &db,
        &[
            "ritual",
            "propose",
            "--title",
            "Walk",
            "--at",
            "20:30",
            "--minutes",
            "10",
            "--floating",
        ],
    );
    let v = json(&db, &["check"]);
    assert_eq!(v["ok"], true, "{v}");
    assert_eq!(v["findings"], serde_json::json!([]));
    assert!(ok(&db, &["check"]).contains("checks out"));

    // One bit of the sealed title flipped in the file.
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let mut shown: Vec<u8> = conn
            .query_row("SELECT shown FROM rituals", [], |r| r.get(0))
            .unwrap();
        shown[30] ^= 1;
        conn.execute("UPDATE rituals SET shown = ?1", [shown])
            .unwrap();
    }
    let out = tandem(&db, &["--json", "check"]);
    assert!(!out.status.success(), "check should exit non-zero");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ok"], false);
    assert_eq!(v["findings"][0]["kind"], "sealed", "{v}");
    assert!(
        v["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("rituals.shown"),
        "{v}"
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("Walk"));
    let text = tandem(&db, &["check"]);
    assert!(!text.status.success());
    assert!(String::from_utf8_lossy(&text.stdout).contains("Damaged: 1 problem(s)."));
    // The normal commands refuse with a typed error instead of misreading.
    let (kind, _) = json_error(&db, &["ritual", "list"]);
    assert_eq!(kind, "damaged");
}

#[test]
fn visible_shows_the_newest_and_all_shows_everything() {
    let dir = tempfile::tempdir().unwrap();
    let (a, _b) = paired_dbs(dir.path());
    for i in 0..31 {
        json(&a, &["appreciate", &format!("Thanks-{i:02}")]);
    }
    let first = ok(&a, &["visible"]);
    assert!(!first.contains("Thanks-00"), "{first}");
    assert!(
        first.contains("Thanks-01") && first.contains("Thanks-30"),
        "{first}"
    );
    assert!(
        first.contains("    Only the newest 30 are shown here.\n"),
        "{first}"
    );
    assert!(
        first.ends_with("(Show everything: tandem visible --all)\n"),
        "{first}"
    );
    let all = ok(&a, &["visible", "--all"]);
    assert!(
        all.contains("Thanks-00") && all.contains("Thanks-30"),
        "{all}"
    );
    assert!(!all.contains("Only the newest"), "{all}");
    assert!(!all.contains("--all"), "{all}");
}

#[test]
fn the_boundaries_screen_and_a_rituals_own_screen_as_the_apps_show_them() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = paired_dbs(dir.path());
    let empty = json(&b, &["boundaries"]);
    assert_eq!(
        empty["empty"],
        "You have not written a boundary yet. Start from an example or write your own."
    );
    let shared = json(
        &b,
        &["boundary", "add", "I need quiet after work.", "--shared"],
    );
    json(&b, &["boundary", "add", "I journal after hard talks."]);
    sync_both(dir.path(), &a, &b);
    let mine = json(&b, &["boundaries"]);
    let statuses: Vec<&str> = mine["mine"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses.len(), 2);
    assert!(statuses.contains(&"Only on this phone"), "{statuses:?}");
    let theirs = json(&a, &["boundaries"]);
    assert_eq!(theirs["partners"][0]["text"], "I need quiet after work.");
    assert_eq!(theirs["partners"][0]["id"], shared["id"]);
    assert_eq!(theirs["partners"][0]["buttons"], serde_json::json!([]));
    let text = ok(&a, &["boundaries"]);
    assert!(text.contains("shared these with you:"), "{text}");
    assert!(text.contains("[New boundary]"), "{text}");

    // A ritual's own screen: its row, how it goes, and the next times.
    let walk = json(
        &a,
        &[
            "ritual",
            "propose",
            "--title",
            "Walk",
            "--at",
            "20:00",
            "--minutes",
            "30",
            "--zone",
            "Europe/Berlin",
        ],
    );
    let id = walk["id"].as_str().unwrap();
    let screen = json(&a, &["--device-zone", "Europe/Berlin", "rituals", id]);
    assert_eq!(screen["title"], "Walk");
    assert_eq!(screen["status"], "Waiting for your partner");
    assert!(
        screen["terms"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == "time: 20:00"),
        "{screen}"
    );
    assert_eq!(screen["next"].as_array().unwrap().len(), 3);
    assert_eq!(screen["days_empty"], "Nothing in the last two weeks yet.");
    let text = ok(&a, &["--device-zone", "Europe/Berlin", "rituals", id]);
    assert!(text.contains("The last two weeks:"), "{text}");
    assert_eq!(json_error(&a, &["rituals", "nope"]).0, "not_found");
}
