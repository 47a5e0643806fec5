//! The fuzzing entry points (issue 19 part 8), one function per target, each
//! taking arbitrary bytes. They are shared, by `#[path]`, between the
//! `cargo fuzz` targets in fuzz/ (nightly, libFuzzer) and the property
//! tests in tests/tests/fuzz_entries.rs (stable, every `cargo test`), so
//! the CI lane exercises exactly what the fuzzers do.
//!
//! Each entry point must return normally for every input: an error is a
//! fine answer, a panic, a hang or a broken invariant is a finding. The
//! invariants checked beyond "no panic": a refused payload changes nothing;
//! an admitted one leaves a store whose `check` is clean; every view of an
//! admitted hostile ritual (today, upcoming, reminders, insights, ICS)
//! answers.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};
use tandem_core::sync::payload::Body;
use tandem_core::sync::{Change, Hlc, Op};
use tandem_core::{Core, ManualClock, RitualDraft};

/// The fixed clock of every entry point: 2027-03-10 18:00 UTC.
pub const NOW_MS: i64 = 1_804_701_600_000;
pub const ZONE: &str = "Europe/Paris";
const KEY_A: [u8; 32] = [0xA1; 32];
const KEY_B: [u8; 32] = [0xB2; 32];
const PASSPHRASE: &str = "correct horse battery staple";

/// One op as a fuzzer writes it: the sender fills in its own device and
/// counter (a modified app could claim others; admission refuses those).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ForgedOp {
    pub entity: String,
    /// Added to the sender's clock.
    pub offset_ms: i32,
    pub logical: u32,
    pub change: Change,
}

/// The stores every iteration starts from, built once per process: Ana
/// and Ben paired with a few things shared, Carol unpaired, an empty store,
/// and a sealed and a plaintext export of Ana.
struct Pristine {
    _dir: tempfile::TempDir,
    ana: PathBuf,
    ben: PathBuf,
    carol: PathBuf,
    empty: PathBuf,
    sealed_export: Vec<u8>,
    plain_export: Vec<u8>,
    /// Ana's log, as forged ops (the seeds of `forged_ops`).
    ops: Vec<ForgedOp>,
    payload: Vec<u8>,
}

fn scratch_dir() -> tempfile::TempDir {
    // Memory-backed when there is one: an iteration copies two stores.
    let shm = Path::new("/dev/shm");
    if let Some(d) = shm
        .is_dir()
        .then(|| tempfile::tempdir_in(shm).ok())
        .flatten()
    {
        return d;
    }
    tempfile::tempdir().expect("a temporary folder")
}

fn open(path: &Path, key: &[u8; 32], name: Option<&str>) -> Core {
    Core::open(path, key, name, Arc::new(ManualClock::new(NOW_MS))).expect("a pristine store opens")
}

fn draft(title: &str, at: &str) -> RitualDraft {
    RitualDraft {
        title: title.into(),
        minutes: 10,
        time_of_day: at.into(),
        ..RitualDraft::default()
    }
}

fn pristine() -> &'static Pristine {
    static P: OnceLock<Pristine> = OnceLock::new();
    P.get_or_init(|| {
        let dir = scratch_dir();
        let path = |n: &str| dir.path().join(n);
        let (ana_p, ben_p, carol_p, empty_p) = (
            path("ana.db"),
            path("ben.db"),
            path("carol.db"),
            path("empty.db"),
        );
        let mut ana = open(&ana_p, &KEY_A, Some("Ana"));
        let mut ben = open(&ben_p, &KEY_B, Some("Ben"));
        let offer = ana.start_pairing().unwrap();
        let answer = ben.accept_pairing(&offer.text).unwrap();
        ana.complete_pairing(&answer.text).unwrap();
        ana.confirm_pairing().unwrap();
        ben.confirm_pairing().unwrap();
        let walk = ana.propose_ritual(&draft("Walk", "20:30")).unwrap();
        ana.start_pause(Some(30), None).unwrap();
        let sync = |from: &mut Core, to: &mut Core| {
            for p in from.export().unwrap() {
                to.import(&p).unwrap();
            }
        };
        sync(&mut ana, &mut ben);
        ben.accept_ritual(&walk.id).unwrap();
        sync(&mut ben, &mut ana);
        ana.mark_done(&walk.id, "2027-03-10", Some("nice"), None)
            .unwrap();
        ana.add_boundary("I need quiet mornings", true).unwrap();
        let payload = ana.export().unwrap().remove(0);
        sync(&mut ana, &mut ben);
        let ops = ana
            .ops()
            .unwrap()
            .into_iter()
            .map(|op| ForgedOp {
                entity: op.entity,
                offset_ms: 0,
                logical: 0,
                change: op.change,
            })
            .collect();
        let sealed_export = ana.export_data(PASSPHRASE).unwrap();
        let plain_export = ana.export_plaintext().unwrap();
        ana.close().unwrap();
        ben.close().unwrap();
        open(&carol_p, &KEY_A, Some("Carol")).close().unwrap();
        open(&empty_p, &KEY_B, Some("New phone")).close().unwrap();
        Pristine {
            _dir: dir,
            ana: ana_p,
            ben: ben_p,
            carol: carol_p,
            empty: empty_p,
            sealed_export,
            plain_export,
            ops,
            payload,
        }
    })
}

/// Fresh copies of pristine stores for one iteration.
struct Copies {
    dir: tempfile::TempDir,
}

impl Copies {
    fn new() -> Self {
        Self { dir: scratch_dir() }
    }

    fn open(&self, from: &Path, key: &[u8; 32]) -> Core {
        let to = self.dir.path().join(from.file_name().unwrap());
        std::fs::copy(from, &to).expect("a copy of a pristine store");
        open(&to, key, None)
    }
}

/// Seeds for the corpus: real encodings each target starts mutating from.
pub fn seeds(target: &str) -> Vec<Vec<u8>> {
    let p = pristine();
    match target {
        "payload" => vec![p.payload.clone()],
        "forged_ops" => {
            let mut seeds = vec![postcard::to_stdvec(&p.ops).unwrap()];
            seeds.extend(p.ops.iter().map(|op| postcard::to_stdvec(&[op]).unwrap()));
            seeds
        }
        "export_open" => vec![p.sealed_export.clone(), p.plain_export.clone()],
        "qr_text" => {
            let mut carol = Copies::new().open(&p.carol, &KEY_A);
            let offer = carol.start_pairing().unwrap();
            vec![
                offer.text.into_bytes(),
                tandem_core::sync::text::to_text(&p.payload).into_bytes(),
            ]
        }
        "ffi_strings" => vec![
            b"Walk\xffsay one kind thing\xff20:30\xffEurope/Paris\xff2027-03-14\xff21:00\xff2027-03-20"
                .to_vec(),
            b"\xff\xff25:99\xffMars/Olympus\xff0000-00-00\xff\xff-1".to_vec(),
        ],
        _ => Vec::new(),
    }
}

/// Arbitrary bytes as a payload (raw and as text) imported by a paired
/// phone: refused without a change, or applied with a clean check.
pub fn payload(data: &[u8]) {
    let p = pristine();
    let copies = Copies::new();
    let mut ana = copies.open(&p.ana, &KEY_A);
    let before = ana.shared_state_dump().unwrap();
    let _ = ana.inspect_payload(data);
    match ana.import(data) {
        Ok(_) => assert!(ana.check().unwrap().ok(), "an import left damage"),
        Err(_) => assert_eq!(ana.shared_state_dump().unwrap(), before),
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(bytes) = tandem_core::sync::text::from_text(text) {
            let _ = ana.import(&bytes);
        }
        let lines: Vec<&str> = text.lines().collect();
        let _ = tandem_core::sync::text::from_chunks(&lines);
    }
}

/// Arbitrary ops, sealed with the partner's real keys as a modified app
/// would: refused at admission without a change, or admitted, after which
/// every view answers and the store checks clean. This is where arbitrary
/// rituals reach recurrence, reminders, insights and the ICS export.
pub fn forged_ops(data: &[u8]) {
    let Ok(ops) = postcard::from_bytes::<Vec<ForgedOp>>(data) else {
        return;
    };
    if ops.len() > 64 {
        return;
    }
    let p = pristine();
    let copies = Copies::new();
    let mut ana = copies.open(&p.ana, &KEY_A);
    let mut ben = copies.open(&p.ben, &KEY_B);
    let me = ben.device_id();
    let base = ben
        .ops()
        .unwrap()
        .iter()
        .filter(|op| op.device == me)
        .map(|op| op.counter)
        .max()
        .unwrap_or(0);
    let ops: Vec<Op> = ops
        .into_iter()
        .enumerate()
        .map(|(i, f)| Op {
            device: me,
            counter: base + 1 + i as u64,
            hlc: Hlc::new(NOW_MS.saturating_add(i64::from(f.offset_ms)), f.logical),
            entity: f.entity,
            change: f.change,
        })
        .collect();
    let payload = ben
        .seal_forged(&Body {
            ack: vec![],
            ops,
            confirm: None,
            lineage: vec![],
            prekey: None,
            ..Body::default()
        })
        .unwrap();
    let before = ana.shared_state_dump().unwrap();
    match ana.import(&payload) {
        Err(_) => assert_eq!(ana.shared_state_dump().unwrap(), before),
        Ok(_) => {
            views(&mut ana);
            let report = ana.check().unwrap();
            assert!(report.ok(), "admitted ops left damage: {report:?}");
        }
    }
}

/// Every view that expands a ritual's occurrences: each may refuse, none
/// may panic or hang.
fn views(core: &mut Core) {
    let _ = core.today(ZONE);
    let _ = core.upcoming(NOW_MS - 86_400_000, NOW_MS + 30 * 86_400_000, ZONE);
    let _ = core.plan_reminders(ZONE, 60);
    let _ = core.insights(12, ZONE);
    let _ = core.export_ics(true);
    let _ = core.rituals();
    let _ = core.agreements();
    let _ = core.pauses();
}

/// Arbitrary bytes as an export file, sealed or plaintext: `export::open`
/// and a restore into an empty store. A restore that succeeds leaves a
/// store that checks clean.
pub fn export_open(data: &[u8]) {
    let docs = [
        tandem_core::export::open(data, Some(PASSPHRASE)),
        tandem_core::export::open(data, None),
    ];
    if docs.iter().all(|d| d.is_err()) {
        return;
    }
    let p = pristine();
    let copies = Copies::new();
    let mut fresh = copies.open(&p.empty, &KEY_B);
    for passphrase in [Some(PASSPHRASE), None] {
        if fresh.import_data(data, passphrase).is_ok() {
            views(&mut fresh);
            let report = fresh.check().unwrap();
            assert!(report.ok(), "a restore left damage: {report:?}");
            return;
        }
    }
}

/// Arbitrary text scanned as a pairing code or a payload's text form: the
/// codecs, and an unpaired phone accepting it as an offer.
pub fn qr_text(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = tandem_core::pairing::codec::Offer::parse(&text);
    let _ = tandem_core::pairing::codec::Answer::parse(&text);
    let _ = tandem_core::pairing::codec::AnswerPrivate::parse(data);
    let _ = tandem_core::sync::text::from_text(&text);
    let p = pristine();
    let copies = Copies::new();
    let mut carol = copies.open(&p.carol, &KEY_A);
    let _ = carol.accept_pairing(&text);
    let mut carol2 = copies.open(&p.empty, &KEY_B);
    if carol2.start_pairing().is_ok() {
        let _ = carol2.complete_pairing(&text);
    }
}

/// Splits the input at 0xFF bytes into strings (lossy UTF-8), cycling
/// through them: the FFI's string inputs, each used where a person types.
struct Strings {
    parts: Vec<String>,
    next: usize,
}

impl Strings {
    fn new(data: &[u8]) -> Self {
        let parts: Vec<String> = data
            .split(|&b| b == 0xFF)
            .map(|s| String::from_utf8_lossy(s).into_owned())
            .collect();
        Self { parts, next: 0 }
    }

    fn take(&mut self) -> String {
        let s = self.parts[self.next % self.parts.len()].clone();
        self.next += 1;
        s
    }

    fn number(&mut self) -> u32 {
        let s = self.take();
        s.parse().unwrap_or_else(|_| {
            s.bytes()
                .fold(0u32, |a, b| a.wrapping_mul(31).wrapping_add(b.into()))
        })
    }
}

/// The FFI facade's string inputs: titles, prompts, times, zones, dates,
/// notes, names, codes, through the same `Tandem` object the apps call.
/// Every call returns a value or a typed error; none panics.
pub fn ffi_strings(data: &[u8]) {
    use tandem_ffi::{Recurrence, Repeat, Tandem, ZoneMode};
    let p = pristine();
    let copies = Copies::new();
    let path = copies.dir.path().join("ffi.db");
    std::fs::copy(&p.ana, &path).unwrap();
    let clock = tandem_ffi::ManualClock::new(NOW_MS);
    let t = Tandem::open_with_clock(path.display().to_string(), KEY_A.to_vec(), None, clock)
        .expect("the copy opens");
    let mut s = Strings::new(data);
    let zone = s.take();
    let repeat = match s.number() % 6 {
        0 => Repeat::Daily,
        1 => Repeat::EveryNDays { n: s.number() },
        2 => Repeat::Weekly,
        3 => Repeat::MonthlyOnDay { day: s.number() },
        4 => Repeat::MonthlyOnWeekday {
            nth: s.number() as i32,
            weekday: tandem_ffi::Weekday::Monday,
        },
        _ => Repeat::Weekdays { days: vec![] },
    };
    let draft = tandem_ffi::RitualDraft {
        title: s.take(),
        prompt: Some(s.take()),
        minutes: s.number(),
        time_of_day: s.take(),
        zone: if s.number().is_multiple_of(2) {
            ZoneMode::Floating
        } else {
            ZoneMode::Fixed { zone: s.take() }
        },
        recurrence: Some(Recurrence {
            repeat,
            start_date: Some(s.take()),
            until_date: if s.number().is_multiple_of(2) {
                Some(s.take())
            } else {
                None
            },
            count: if s.number().is_multiple_of(2) {
                Some(s.number())
            } else {
                None
            },
        }),
        window_end: Some(s.take()),
        lead_minutes: vec![s.number()],
        trial_until: Some(s.take()),
    };
    let _ = t.propose_ritual(draft.clone());
    let _ = t.add_personal_ritual(draft);
    let id = t
        .rituals()
        .ok()
        .and_then(|r| r.last().map(|r| r.id.clone()))
        .unwrap_or_default();
    let _ = t.mark_done(id.clone(), s.take(), Some(s.take()), Some(s.take()));
    let _ = t.skip_occurrence(s.take(), s.take());
    let _ = t.move_occurrence(id, s.take(), i64::from(s.number()) * 60_000);
    let _ = t.declare_rest_week(s.take(), zone.clone());
    let _ = t.add_boundary(s.take(), true);
    let _ = t.appreciate(s.take());
    let _ = t.start_pause(Some(s.number()), Some(s.take()));
    let _ = t.set_device_name(s.take());
    let _ = t.import_payload(s.take().into_bytes());
    let _ = t.import_payload_in(Vec::new(), zone.clone());
    let _ = t.accept_pairing(s.take());
    let _ = t.today_screen(zone.clone());
    let _ = t.check_in_screen(zone.clone());
    let _ = t.check_in_form(i64::from(s.number()) - 5, s.take());
    let _ = t.insights_screen(s.number() % 60, zone.clone());
    let _ = t.upcoming(NOW_MS, NOW_MS + 14 * 86_400_000, zone.clone());
    let _ = t.plan_reminders(zone.clone(), 60);
    let _ = t.reviews_due(zone.clone());
    let _ = t.rhythm(zone.clone());
    let _ = t.insights(s.number() % 60, zone.clone());
    let _ = t.notebook(s.number() % 60, zone);
    let _ = t.export_ics(true);
    let _ = t.import_data(s.take().into_bytes(), Some(s.take()));
    let report = t.check_store().unwrap();
    assert!(report.ok, "FFI input left damage: {report:?}");
    t.close().unwrap();
}

/// Every target by name, for the corpus runner.
pub type Entry = fn(&[u8]);

pub const TARGETS: &[(&str, Entry)] = &[
    ("payload", payload),
    ("forged_ops", forged_ops),
    ("export_open", export_open),
    ("qr_text", qr_text),
    ("ffi_strings", ffi_strings),
];
