//! Helpers shared by the scenario tests: devices on temporary databases with a
//! manual clock, and dates written as RFC 3339.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tandem_core::{Core, ManualClock, RitualDraft};

pub const KEY_A: [u8; 32] = [0xA1; 32];
pub const KEY_B: [u8; 32] = [0xB2; 32];

pub struct Device {
    pub core: Core,
    pub clock: ManualClock,
    pub path: PathBuf,
    pub dir: tempfile::TempDir,
}

pub fn ms(rfc3339: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .unwrap()
        .timestamp_millis()
}

pub fn device(name: &str, key: &[u8; 32], now: &str) -> Device {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tandem.db");
    let clock = ManualClock::new(ms(now));
    let core = Core::open(&path, key, Some(name), Arc::new(clock.clone())).unwrap();
    Device {
        core,
        clock,
        path,
        dir,
    }
}

pub fn draft(title: &str, at: &str, zone: Option<&str>) -> RitualDraft {
    RitualDraft {
        title: title.into(),
        prompt: None,
        minutes: 10,
        time_of_day: at.into(),
        zone: zone.map(Into::into),
        ..RitualDraft::default()
    }
}

/// Every file SQLite keeps for the database at `path` (main, WAL, SHM).
pub fn database_files(path: &Path) -> Vec<PathBuf> {
    let mut files = vec![path.to_path_buf()];
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let p = PathBuf::from(p);
        if p.exists() {
            files.push(p);
        }
    }
    files
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Pairs two devices through the QR texts, both confirming the check code.
pub fn pair(a: &mut Device, b: &mut Device) -> String {
    let offer = a.core.start_pairing().unwrap();
    let answer = b.core.accept_pairing(&offer.text).unwrap();
    let sas = a.core.complete_pairing(&answer.text).unwrap();
    assert_eq!(sas, answer.sas);
    a.core.confirm_pairing().unwrap();
    b.core.confirm_pairing().unwrap();
    sas
}

/// Ana and Ben on 2027-03-10 18:00 UTC, paired, both digits confirmed.
pub fn paired() -> (Device, Device) {
    let mut ana = device("Ana", &KEY_A, "2027-03-10T18:00:00Z");
    let mut ben = device("Ben", &KEY_B, "2027-03-10T18:00:00Z");
    pair(&mut ana, &mut ben);
    (ana, ben)
}

/// One exchange each way.
pub fn sync(a: &mut Device, b: &mut Device) {
    deliver(a, b);
    deliver(b, a);
}

/// Exports everything `from` has for `to` and imports it there.
pub fn deliver(from: &mut Device, to: &mut Device) -> Vec<tandem_core::ImportReport> {
    from.core
        .export()
        .unwrap()
        .iter()
        .map(|p| to.core.import(p).unwrap())
        .collect()
}

/// Both phones' clocks at `at_ms` (paired phones agree on the time).
pub fn set_clocks(a: &mut Device, b: &mut Device, at_ms: i64) {
    a.clock.set(at_ms);
    b.clock.set(at_ms);
}

/// Ben thanks Ana at `at` and both phones sync: a shared op that moves the
/// shared cutoff (shared figures count up to the newest shared op both
/// phones hold, not up to either phone's clock).
pub fn shared_moment(a: &mut Device, b: &mut Device, at: &str) {
    set_clocks(a, b, ms(at));
    b.core
        .record_entry(
            tandem_core::checkins::Entry::Appreciation {
                text: "Thank you.".into(),
            },
            true,
        )
        .unwrap();
    sync(a, b);
}

/// Everything a replica holds that could change: shared state, log and
/// pairing status, for "nothing changed" checks.
pub fn snapshot(d: &Device) -> String {
    format!(
        "{}|{}|{:?}",
        d.core.shared_state_dump().unwrap(),
        d.core.ops().unwrap().len(),
        d.core.pairing_status().unwrap()
    )
}

impl Device {
    pub fn clock_now(&self) -> i64 {
        use tandem_core::Clock;
        self.clock.now_ms()
    }
}

/// Asserts an `InvalidInput` refusal whose reason mentions `mentions`.
pub fn invalid<T: std::fmt::Debug>(r: tandem_core::Result<T>, mentions: &str) {
    match r {
        Err(tandem_core::Error::InvalidInput(reason)) => {
            assert!(reason.contains(mentions), "'{reason}' vs '{mentions}'")
        }
        other => panic!("expected InvalidInput '{mentions}', got {other:?}"),
    }
}

/// Asserts a `NotAllowed` refusal (the state forbids it) mentioning `mentions`.
pub fn not_allowed<T: std::fmt::Debug>(r: tandem_core::Result<T>, mentions: &str) {
    match r {
        Err(tandem_core::Error::NotAllowed(reason)) => {
            assert!(reason.contains(mentions), "'{reason}' vs '{mentions}'")
        }
        other => panic!("expected NotAllowed '{mentions}', got {other:?}"),
    }
}

/// The phone as an action sees it: `zone`, `armed`, every permission given.
pub fn phone(zone: &str, armed: &[String]) -> tandem_core::actions::PhoneNow {
    use tandem_core::arming::{Access, Permission};
    tandem_core::actions::PhoneNow {
        zone: zone.into(),
        armed: armed.to_vec(),
        access: Access {
            notifications: Permission::Allowed,
            exact_alarms: true,
            holds_alarms_when_off: false,
            lists_pending: true,
        },
    }
}

/// `d` proposes "Phones away: No phones at dinner." (no pause protocol, no
/// review date): the agreement most scenarios start from.
pub fn phones_away(d: &mut Device) -> tandem_core::Agreement {
    d.core
        .propose_agreement(&tandem_core::AgreementDraft {
            title: "Phones away".into(),
            text: "No phones at dinner.".into(),
            ..tandem_core::AgreementDraft::default()
        })
        .unwrap()
}
