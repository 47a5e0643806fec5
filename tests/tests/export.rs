//! Export and import (sealed with a passphrase, or plaintext when asked),
//! the visibility mirror and its audit list, and wipe.

mod common;

use common::*;
use tandem_core::checkins::{Capacity, Entry, Need};
use tandem_core::export::mirror::AuditChange;
use tandem_core::journal::{Happened, PatternDraft};
use tandem_core::{AgreementDraft, Core, Error, ManualClock, RitualDraft};

const PASS: &str = "correct horse battery staple";

/// Ana with a bit of everything, paired with Ben.
fn rich() -> (Device, Device) {
    let (mut ana, mut ben) = paired();
    let walk = ana
        .core
        .propose_ritual(&draft("Walk-Title-7781", "19:00", Some("Europe/Berlin")))
        .unwrap();
    ana.core
        .add_personal_ritual(&RitualDraft {
            prompt: Some("Breathe".into()),
            ..draft("Journal-Ritual-4410", "07:00", None)
        })
        .unwrap();
    sync(&mut ana, &mut ben);
    ben.core.accept_ritual(&walk.id).unwrap();
    sync(&mut ana, &mut ben);
    ana.core
        .mark_done(&walk.id, "2027-03-10", Some("lovely"), Some("close"))
        .unwrap();
    let a = ana
        .core
        .propose_agreement(&AgreementDraft {
            title: "Pauses".into(),
            text: "Either of us may pause.".into(),
            ..AgreementDraft::default()
        })
        .unwrap();
    sync(&mut ana, &mut ben);
    let v1: String = a.versions[0]
        .hash
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    ben.core.accept_agreement(&a.id, &v1).unwrap();
    ana.core
        .add_boundary("Private-Boundary-3310", false)
        .unwrap();
    let shared = ana.core.add_boundary("Shared-Boundary-3311", true).unwrap();
    ana.core.share_boundary(&shared.id, false).unwrap();
    ana.core.share_boundary(&shared.id, true).unwrap();
    ana.core.start_pause(Some(30), Some("back soon")).unwrap();
    ana.core
        .record_entry(
            Entry::CheckIn {
                temperature: 7,
                capacity: Capacity::Low,
                need: Need::Space,
                note: Some("Private-Checkin-5512".into()),
            },
            false,
        )
        .unwrap();
    ana.core
        .record_entry(
            Entry::Appreciation {
                text: "Thanks-8890".into(),
            },
            true,
        )
        .unwrap();
    ana.core
        .write_journal(&PatternDraft {
            happened: Happened::WentSilent,
            tags: vec!["tired".into()],
            topic: Some("Journal-Topic-6620".into()),
            temperature_before: Some(8),
            note: None,
        })
        .unwrap();
    ana.core
        .set_rest_week("2027-03-22", true, "Europe/Berlin")
        .unwrap();
    sync(&mut ana, &mut ben);
    (ana, ben)
}

fn fresh(now: i64) -> (Core, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let core = Core::open(
        &dir.path().join("new-phone.db"),
        &[0xC3; 32],
        Some("New phone"),
        std::sync::Arc::new(ManualClock::new(now)),
    )
    .unwrap();
    (core, dir)
}

/// The dump without the agreements' history hashes: each phone chains its
/// history under the ids of the phones the two people use now, so a
/// restored phone (a new id) chains the same events to other hashes.
fn without_chain(mut v: serde_json::Value) -> serde_json::Value {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                m.remove("hash");
                m.remove("history_head");
                m.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    strip(&mut v);
    v
}

#[test]
fn a_sealed_export_restores_everything_on_a_new_phone() {
    let (mut ana, _ben) = rich();
    let sealed = ana.core.export_data(PASS).unwrap();
    // Nothing readable in the sealed file.
    for probe in [
        "Walk-Title-7781",
        "Private-Boundary-3310",
        "Journal-Topic-6620",
    ] {
        assert!(!contains(&sealed, probe.as_bytes()), "{probe} readable");
    }
    let text = String::from_utf8(sealed.clone()).unwrap();
    assert!(text.contains("\"argon2id\"") && text.contains("\"xchacha20poly1305\""));

    let (mut phone, _dir) = fresh(ana.clock_now());
    // The wrong passphrase: a clear error, nothing imported.
    assert!(matches!(
        phone.import_data(&sealed, Some("not the passphrase")),
        Err(Error::WrongPassphrase)
    ));
    assert!(phone.rituals().unwrap().is_empty());
    match phone.import_data(&sealed, None) {
        Err(Error::InvalidInput(r)) => assert!(r.contains("sealed with a passphrase"), "{r}"),
        other => panic!("{other:?}"),
    }
    let restored = phone.import_data(&sealed, Some(PASS)).unwrap();
    assert!(restored > 10, "{restored}");
    // A new phone keeps its own id: the old phone may still write under
    // Ana's old one, and no (device, counter) may ever mean two changes.
    assert_ne!(phone.device_id(), ana.core.device_id());
    assert_eq!(phone.device_name().unwrap(), "Ana");
    assert_eq!(
        without_chain(phone.full_dump().unwrap()),
        without_chain(ana.core.full_dump().unwrap())
    );
    // The restored phone goes on with the same log: its next op follows on.
    let before = phone.ops().unwrap().len();
    phone
        .propose_ritual(&draft("After restore", "10:00", None))
        .unwrap();
    let ops = phone.ops().unwrap();
    assert_eq!(ops.len(), before + 1);
    let mine: Vec<u64> = ops
        .iter()
        .filter(|o| o.device == phone.device_id())
        .map(|o| o.counter)
        .collect();
    let mut sorted = mine.clone();
    sorted.dedup();
    assert_eq!(mine.len(), sorted.len(), "no counter is reused");
    // A second import into a store that now holds data is refused.
    match phone.import_data(&sealed, Some(PASS)) {
        Err(Error::NotAllowed(r)) => assert!(r.contains("empty"), "{r}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_plaintext_export_is_readable_json_and_round_trips() {
    let (mut ana, _ben) = rich();
    let plain = ana.core.export_plaintext().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&plain).unwrap();
    assert_eq!(v["format"], "tandem-export");
    assert_eq!(v["version"], 1);
    assert_eq!(v["device"]["name"], "Ana");
    let rituals = v["state"]["rituals"].as_array().unwrap();
    assert!(
        rituals
            .iter()
            .any(|r| r["title"] == "Walk-Title-7781" && r["occurrences"][0]["note"] == "lovely")
    );
    assert_eq!(v["state"]["private_log"][0]["topic"], "Journal-Topic-6620");
    assert_eq!(v["state"]["rest_weeks"], serde_json::json!(["2027-03-22"]));
    let (mut phone, _dir) = fresh(ana.clock_now());
    phone.import_data(&plain, None).unwrap();
    assert_eq!(
        without_chain(phone.full_dump().unwrap()),
        without_chain(ana.core.full_dump().unwrap())
    );
}

#[test]
fn damaged_or_newer_exports_are_refused_and_import_nothing() {
    let (mut ana, _ben) = rich();
    let plain = ana.core.export_plaintext().unwrap();
    let sealed = ana.core.export_data(PASS).unwrap();
    let mut newer: serde_json::Value = serde_json::from_slice(&plain).unwrap();
    newer["version"] = 2.into();
    let newer = serde_json::to_vec(&newer).unwrap();
    let mut flipped: serde_json::Value = serde_json::from_slice(&sealed).unwrap();
    let ct = flipped["ciphertext"].as_str().unwrap().to_owned();
    let mut bytes: Vec<char> = ct.chars().collect();
    bytes[10] = if bytes[10] == 'A' { 'B' } else { 'A' };
    flipped["ciphertext"] = bytes.into_iter().collect::<String>().into();
    let flipped = serde_json::to_vec(&flipped).unwrap();
    let mut forged: serde_json::Value = serde_json::from_slice(&plain).unwrap();
    forged["log"]["private"][0]["entity"] = "ritual:0123456789abcdef01234567".into();
    let forged = serde_json::to_vec(&forged).unwrap();
    let cases: Vec<(&str, Vec<u8>, Option<&str>, &str)> = vec![
        (
            "truncated",
            plain[..plain.len() / 2].to_vec(),
            None,
            "not complete JSON",
        ),
        ("empty", vec![], None, "not complete JSON"),
        ("not json", b"hello".to_vec(), None, "not complete JSON"),
        (
            "other json",
            b"{\"format\":\"x\",\"version\":1}".to_vec(),
            None,
            "unknown format",
        ),
        ("newer", newer, None, "newer Tandem (format version 2)"),
        (
            "sealed truncated",
            sealed[..sealed.len() - 40].to_vec(),
            Some(PASS),
            "not complete JSON",
        ),
        ("forged private op", forged, None, "private op"),
    ];
    for (what, bytes, pass, mentions) in cases {
        let (mut phone, _dir) = fresh(ana.clock_now());
        match phone.import_data(&bytes, pass) {
            Err(Error::InvalidInput(r)) => assert!(r.contains(mentions), "{what}: {r}"),
            other => panic!("{what}: {other:?}"),
        }
        assert!(phone.ops().unwrap().is_empty(), "{what}: nothing imported");
        assert!(phone.rituals().unwrap().is_empty(), "{what}");
    }
    let (mut phone, _dir) = fresh(ana.clock_now());
    assert!(matches!(
        phone.import_data(&flipped, Some(PASS)),
        Err(Error::WrongPassphrase)
    ));
}

/// Refused with a typed error and nothing imported into a fresh phone.
fn refused(ana: &Device, bytes: &[u8], what: &str) -> Error {
    let (mut phone, _dir) = fresh(ana.clock_now());
    let err = match phone.import_data(bytes, Some(PASS)) {
        Err(e @ (Error::InvalidInput(_) | Error::WrongPassphrase)) => e,
        other => panic!("{what}: {other:?}"),
    };
    assert!(phone.ops().unwrap().is_empty(), "{what}: nothing imported");
    assert!(phone.rituals().unwrap().is_empty(), "{what}");
    err
}

#[test]
fn altering_any_sealed_header_field_is_refused_and_imports_nothing() {
    let (mut ana, _ben) = rich();
    let sealed = ana.core.export_data(PASS).unwrap();
    let header: serde_json::Value = serde_json::from_slice(&sealed).unwrap();
    assert_eq!(header["version"], 2);
    let other_salt = "AAAAAAAAAAAAAAAAAAAAAA==";
    let other_nonce = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    assert_ne!(header["kdf"]["salt"], other_salt);
    assert_ne!(header["cipher"]["nonce"], other_nonce);
    // Fields that still derive a key are caught by the AEAD over the
    // header (WrongPassphrase); the others before any derivation.
    let cases: Vec<(&str, &str, serde_json::Value, bool)> = vec![
        ("format", "/format", "tandem-export-sealed2".into(), false),
        ("version newer", "/version", 3.into(), false),
        ("version older", "/version", 1.into(), false),
        ("kdf name", "/kdf/name", "argon2i".into(), false),
        ("memory", "/kdf/memory_kib", 32768.into(), false),
        ("iterations", "/kdf/iterations", 2.into(), false),
        ("lanes", "/kdf/parallelism", 1.into(), false),
        ("salt", "/kdf/salt", other_salt.into(), true),
        ("cipher", "/cipher/name", "chacha20poly1305".into(), false),
        ("nonce", "/cipher/nonce", other_nonce.into(), true),
        (
            "aad label",
            "/cipher/aad",
            "tandem-export-sealed/v1".into(),
            true,
        ),
    ];
    for (what, pointer, value, derives) in cases {
        let mut altered = header.clone();
        *altered.pointer_mut(pointer).unwrap() = value;
        let err = refused(&ana, &serde_json::to_vec(&altered).unwrap(), what);
        assert_eq!(
            matches!(err, Error::WrongPassphrase),
            derives,
            "{what}: {err:?}"
        );
    }
    // A downgrade to version 1 with version 1's costs derives, then fails:
    // the ciphertext was sealed over the version 2 header.
    let mut downgraded = header.clone();
    downgraded["version"] = 1.into();
    downgraded["kdf"]["parallelism"] = 1.into();
    let err = refused(&ana, &serde_json::to_vec(&downgraded).unwrap(), "downgrade");
    assert!(matches!(err, Error::WrongPassphrase), "{err:?}");
    // The untouched file still restores.
    let (mut phone, _dir) = fresh(ana.clock_now());
    assert!(phone.import_data(&sealed, Some(PASS)).unwrap() > 10);
}

#[test]
fn a_crafted_expensive_header_is_refused_before_deriving() {
    let (mut ana, _ben) = rich();
    let sealed = ana.core.export_data(PASS).unwrap();
    let header: serde_json::Value = serde_json::from_slice(&sealed).unwrap();
    // Each would cost far more than the export itself (gigabytes, or
    // minutes). An InvalidInput (not WrongPassphrase) shows the file was
    // refused from its header: a derivation always ends in the AEAD.
    for (what, pointer, value) in [
        ("4 GiB", "/kdf/memory_kib", u32::MAX),
        ("a thousand passes", "/kdf/iterations", 1000),
        ("255 lanes", "/kdf/parallelism", 255),
    ] {
        let mut crafted = header.clone();
        *crafted.pointer_mut(pointer).unwrap() = value.into();
        match refused(&ana, &serde_json::to_vec(&crafted).unwrap(), what) {
            Error::InvalidInput(r) => assert!(r.contains("key-derivation costs"), "{what}: {r}"),
            other => panic!("{what}: {other:?}"),
        }
    }
}

#[test]
fn a_weak_export_passphrase_is_refused_with_what_is_needed() {
    let (mut ana, _ben) = rich();
    for weak in [
        "short",
        "1234567890",
        "fifteen chars!!",
        "zzzzzzzzzzzzzzzzzzzz",
    ] {
        match ana.core.export_data(weak) {
            Err(Error::InvalidInput(r)) => {
                assert!(
                    r.contains("at least 16 characters or at least 4 words")
                        || r.contains("at least 5 different characters"),
                    "{weak}: {r}"
                );
                assert!(!r.contains(weak), "the reason never echoes the passphrase");
            }
            other => panic!("{weak}: {other:?}"),
        }
    }
    // Four short words are enough, as are sixteen characters.
    let sealed = ana.core.export_data("ox elm fig yew").unwrap();
    let (mut phone, _dir) = fresh(ana.clock_now());
    assert!(phone.import_data(&sealed, Some("ox elm fig yew")).unwrap() > 10);
    ana.core.export_data("Zq8#vL2!mW9@pR4$").unwrap();
}

#[test]
fn the_mirror_shows_what_the_partner_holds_and_the_audit_every_sharing_change() {
    let (ana, ben) = rich();
    let seen = ana.core.what_partner_sees().unwrap();
    let summaries: Vec<String> = seen
        .iter()
        .map(|v| format!("{:?}: {}", v.kind, v.summary))
        .collect();
    let all = summaries.join("\n");
    for expected in [
        "DeviceName: Ana",
        "SharedRitual: Walk-Title-7781 (active)",
        "Agreement: Pauses (in effect)",
        "Boundary: Shared-Boundary-3311",
        "Appreciation: Thanks-8890",
        "Pause: back soon",
        "RestWeek: The week of Mon 22 Mar 2027",
        "RitualNote: close: lovely",
    ] {
        assert!(all.contains(expected), "missing '{expected}' in:\n{all}");
    }
    for private in [
        "Private-Boundary-3310",
        "Journal-Ritual-4410",
        "Private-Checkin-5512",
        "Journal-Topic-6620",
    ] {
        assert!(!all.contains(private), "'{private}' is private:\n{all}");
    }
    // Everything the mirror lists is really on Ben's phone.
    let bens = format!(
        "{}{:?}",
        ben.core.shared_state_dump().unwrap(),
        ben.core.boundaries().unwrap()
    );
    for needle in ["Walk-Title-7781", "Shared-Boundary-3311", "Thanks-8890"] {
        assert!(bens.contains(needle), "{needle}");
    }
    let audit: Vec<AuditChange> = ana
        .core
        .sharing_audit()
        .unwrap()
        .iter()
        .map(|a| a.change)
        .collect();
    for expected in [
        AuditChange::RitualProposed,
        AuditChange::AgreementProposed,
        AuditChange::BoundaryShared,
        AuditChange::BoundaryUnshared,
        AuditChange::PauseStarted,
        AuditChange::AppreciationSent,
    ] {
        assert!(audit.contains(&expected), "{expected:?} not in {audit:?}");
    }
    assert!(
        !audit.contains(&AuditChange::CheckInShared),
        "the check-in was private"
    );
}

#[test]
fn wipe_leaves_no_files() {
    let (ana, _ben) = rich();
    let now = ana.clock_now();
    let Device {
        core, path, dir, ..
    } = ana;
    assert!(!database_files(&path).is_empty());
    core.wipe().unwrap();
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        assert!(!std::path::Path::new(&p).exists(), "{p:?} still there");
    }
    // Nothing of it is left in the directory but the time of the wipe...
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let marker = tandem_core::exit::wipe_marker(&path);
    assert_eq!(left, vec![marker.clone()]);
    let when = std::fs::read_to_string(&marker).unwrap();
    assert_eq!(when, now.to_string(), "only a time, no user text");
    // ...which the next Tandem on this phone shows in its audit, once.
    let fresh = Core::open(
        &path,
        &[9; 32],
        Some("Ana again"),
        std::sync::Arc::new(ManualClock::new(now + 60_000)),
    )
    .unwrap();
    let audit = fresh.sharing_audit().unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!((audit[0].at_ms, audit[0].change), (now, AuditChange::Wiped));
    assert!(!marker.exists(), "the marker is read once");
}
