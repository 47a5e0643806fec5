//! A phone that goes back in time (an OS backup restored, a lost
//! write-ahead log) reuses op numbers it had already sent (issue 19 part 1).
//! The partner recognises the reused numbers instead of dropping the new
//! changes as duplicates, hands the restored phone back the changes it
//! lost (taken only with the restored phone's own authenticator), the
//! restored phone numbers its new changes above them, and both converge
//! with nothing lost. The partner's side is also played as a modified app
//! that tries to use that door to put words in the other phone's mouth.

mod common;

use std::path::PathBuf;
use std::sync::Arc;

use common::*;
use tandem_core::checkins::Entry;
use tandem_core::sync::payload::Body;
use tandem_core::sync::{Hlc, Op};
use tandem_core::{Core, Error};

/// A copy of a store's files (main database and write-ahead log) as an OS
/// backup would take it, while the app is open and idle.
struct Copy(tempfile::TempDir, Vec<(PathBuf, String)>);

fn take_copy(d: &Device) -> Copy {
    let dir = tempfile::tempdir().unwrap();
    let files = database_files(&d.path)
        .into_iter()
        .filter(|f| !f.to_string_lossy().ends_with("-shm"))
        .map(|f| {
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            std::fs::copy(&f, dir.path().join(&name)).unwrap();
            (f, name)
        })
        .collect();
    Copy(dir, files)
}

/// Closes the app, puts the copy back in place of the store, opens again.
fn restore(d: Device, key: &[u8; 32], copy: &Copy) -> Device {
    let Device {
        core,
        clock,
        path,
        dir,
    } = d;
    core.close().unwrap();
    for f in database_files(&path) {
        std::fs::remove_file(f).unwrap();
    }
    for (target, name) in &copy.1 {
        std::fs::copy(copy.0.path().join(name), target).unwrap();
    }
    let core = Core::open(&path, key, None, Arc::new(clock.clone())).unwrap();
    Device {
        core,
        clock,
        path,
        dir,
    }
}

fn thanks(d: &mut Device, text: &str) {
    d.core
        .record_entry(Entry::Appreciation { text: text.into() }, true)
        .unwrap();
}

/// Every appreciation text a phone holds, sorted.
fn texts(d: &Device) -> Vec<String> {
    let mut out: Vec<String> = d
        .core
        .ops()
        .unwrap()
        .into_iter()
        .filter_map(|op| {
            let dump = format!("{:?}", op.change);
            dump.split("text: \"")
                .nth(1)
                .map(|t| t.split('"').next().unwrap_or_default().to_owned())
        })
        .collect();
    out.sort();
    out
}

fn own_counters(d: &Device) -> Vec<u64> {
    let me = d.core.device_id();
    let mut c: Vec<u64> = d
        .core
        .ops()
        .unwrap()
        .into_iter()
        .filter(|o| o.device == me)
        .map(|o| o.counter)
        .collect();
    c.sort();
    c
}

fn tick(a: &mut Device, b: &mut Device) {
    for d in [a, b] {
        d.clock.set(d.clock_now() + 60_000);
    }
}

fn converged(ana: &Device, ben: &Device) {
    assert_eq!(
        ana.core.shared_state_dump().unwrap(),
        ben.core.shared_state_dump().unwrap()
    );
    assert_eq!(texts(ana), texts(ben));
    assert_eq!(ana.core.changes_to_send().unwrap(), 0, "Ana's status");
    assert_eq!(ben.core.changes_to_send().unwrap(), 0, "Ben's status");
}

fn sum(
    reports: &[tandem_core::ImportReport],
    f: impl Fn(&tandem_core::ImportReport) -> u32,
) -> u32 {
    reports.iter().map(f).sum()
}

#[test]
fn a_restored_phone_that_sends_first_gets_its_lost_changes_back_and_nothing_is_lost() {
    let (mut ana, mut ben) = paired();
    thanks(&mut ana, "kept-1");
    sync(&mut ana, &mut ben);
    let copy = take_copy(&ana);

    tick(&mut ana, &mut ben);
    thanks(&mut ana, "lost-2");
    thanks(&mut ana, "lost-3");
    deliver(&mut ana, &mut ben);
    assert_eq!(texts(&ben), ["kept-1", "lost-2", "lost-3"]);

    let mut ana = restore(ana, &KEY_A, &copy);
    assert_eq!(texts(&ana), ["kept-1"], "the restore lost two changes");
    tick(&mut ana, &mut ben);
    thanks(&mut ana, "new-after-restore");
    assert_eq!(
        own_counters(&ana),
        [1, 2],
        "the restored phone reused number 2"
    );

    // Ana → Ben: number 2 again, with other content. Never a duplicate.
    let reports = deliver(&mut ana, &mut ben);
    assert_eq!(sum(&reports, |r| r.partner_reused), 1);
    assert_eq!(sum(&reports, |r| r.duplicates), 0);
    let note = reports[0].rollback_note().unwrap();
    assert!(note.contains("restored from an older copy"), "{note}");
    // Ben holds Ana's two lost changes she lacks: his status says so.
    assert_eq!(ben.core.changes_to_send().unwrap(), 2);

    // Ben → Ana: her lost changes come back, her new one moves above them.
    let reports = deliver(&mut ben, &mut ana);
    assert_eq!(sum(&reports, |r| r.recovered), 2);
    assert_eq!(sum(&reports, |r| r.renumbered), 1);
    assert!(reports.iter().any(|r| r.restored_here));
    let note = reports[0].rollback_note().unwrap();
    assert!(
        note.contains("2 changes came back from your partner's phone"),
        "{note}"
    );
    assert_eq!(
        texts(&ana),
        ["kept-1", "lost-2", "lost-3", "new-after-restore"]
    );
    assert_eq!(own_counters(&ana), [1, 2, 3, 4]);
    assert_eq!(ana.core.changes_to_send().unwrap(), 1, "the renumbered one");

    // Ana → Ben, Ben → Ana: the renumbered change arrives; both agree.
    sync(&mut ana, &mut ben);
    assert_eq!(
        texts(&ben),
        ["kept-1", "lost-2", "lost-3", "new-after-restore"]
    );
    converged(&ana, &ben);

    // New changes are numbered above everything, and sync as usual.
    thanks(&mut ana, "later");
    assert_eq!(own_counters(&ana), [1, 2, 3, 4, 5]);
    sync(&mut ana, &mut ben);
    converged(&ana, &ben);
}

#[test]
fn a_restored_phone_that_hears_first_notices_and_heals() {
    let (mut ana, mut ben) = paired();
    thanks(&mut ana, "kept-1");
    sync(&mut ana, &mut ben);
    let copy = take_copy(&ana);
    tick(&mut ana, &mut ben);
    thanks(&mut ana, "lost-2");
    thanks(&mut ana, "lost-3");
    deliver(&mut ana, &mut ben);

    let mut ana = restore(ana, &KEY_A, &copy);
    tick(&mut ana, &mut ben);
    // Two new changes, so Ana's counter passes what Ben holds of hers: by
    // counts alone nothing would look wrong.
    thanks(&mut ana, "new-a");
    thanks(&mut ana, "new-b");
    thanks(&mut ana, "new-c");
    thanks(&mut ben, "from-ben");

    // Ben → Ana first: his acknowledgement names another change of hers
    // under number 3 than the one she holds.
    let reports = deliver(&mut ben, &mut ana);
    assert!(reports.iter().any(|r| r.restored_here));
    assert!(
        reports[0]
            .rollback_note()
            .unwrap()
            .contains("come back with your partner's next payload")
    );
    // She does not take his word that he holds her new changes.
    assert_eq!(ana.core.changes_to_send().unwrap(), 3);

    for _ in 0..3 {
        tick(&mut ana, &mut ben);
        sync(&mut ana, &mut ben);
    }
    let all = [
        "from-ben", "kept-1", "lost-2", "lost-3", "new-a", "new-b", "new-c",
    ];
    assert_eq!(texts(&ana), all);
    assert_eq!(texts(&ben), all);
    let counters = own_counters(&ana);
    assert_eq!(counters.len(), 6, "{counters:?}");
    converged(&ana, &ben);
}

#[test]
fn a_restored_phone_without_new_changes_gets_its_lost_ones_and_counts_above_them() {
    let (mut ana, mut ben) = paired();
    thanks(&mut ana, "kept-1");
    sync(&mut ana, &mut ben);
    let copy = take_copy(&ana);
    thanks(&mut ana, "lost-2");
    thanks(&mut ana, "lost-3");
    sync(&mut ana, &mut ben);

    let mut ana = restore(ana, &KEY_A, &copy);
    let reports = deliver(&mut ben, &mut ana);
    assert!(reports.iter().any(|r| r.restored_here));
    // Her next change already takes a number above the ones Ben holds.
    tick(&mut ana, &mut ben);
    thanks(&mut ana, "new");
    assert_eq!(own_counters(&ana), [1, 4]);
    sync(&mut ana, &mut ben);
    sync(&mut ana, &mut ben);
    assert_eq!(texts(&ana), ["kept-1", "lost-2", "lost-3", "new"]);
    assert_eq!(own_counters(&ana), [1, 2, 3, 4]);
    converged(&ana, &ben);
}

fn rejected<T: std::fmt::Debug>(r: tandem_core::Result<T>, mentions: &str) {
    match r {
        Err(Error::PayloadRejected(reason)) => {
            assert!(reason.contains(mentions), "'{reason}' vs '{mentions}'")
        }
        other => panic!("expected PayloadRejected '{mentions}', got {other:?}"),
    }
}

#[test]
fn a_modified_app_cannot_hand_back_changes_the_phone_never_made() {
    let (mut ana, mut ben) = paired();
    thanks(&mut ana, "mine");
    sync(&mut ana, &mut ben);
    let before = snapshot(&ana);
    let ana_id = ana.core.device_id();
    let genuine = ana
        .core
        .ops()
        .unwrap()
        .into_iter()
        .find(|o| o.device == ana_id)
        .unwrap();
    let forged_op = Op {
        device: ana_id,
        counter: 2,
        hlc: Hlc::new(ana.clock_now(), 0),
        entity: "entry:forged".into(),
        change: genuine.change.clone(),
    };

    // Handed back with no valid authenticator: refused whole.
    for tag in [[0u8; 8], [0xFF; 8]] {
        let p = ben
            .core
            .seal_forged(&Body {
                yours: vec![(forged_op.clone(), tag)],
                ..Body::default()
            })
            .unwrap();
        rejected(ana.core.import(&p), "authenticator");
        assert_eq!(snapshot(&ana), before, "nothing changed");
    }

    // Her genuine op with its content changed, under a made-up tag: refused.
    let mut altered = genuine.clone();
    altered.hlc = Hlc::new(genuine.hlc.wall_ms + 1, 0);
    let p = ben
        .core
        .seal_forged(&Body {
            yours: vec![(altered, [7; 8])],
            ..Body::default()
        })
        .unwrap();
    rejected(ana.core.import(&p), "authenticator");

    // A handed-back op that claims to be Ben's, or an op in the ordinary
    // list claiming Ana's own id, is refused as before.
    let mut bens = forged_op.clone();
    bens.device = ben.core.device_id();
    let p = ben
        .core
        .seal_forged(&Body {
            yours: vec![(bens, [1; 8])],
            ..Body::default()
        })
        .unwrap();
    rejected(ana.core.import(&p), "authenticator");
    let p = ben
        .core
        .seal_forged(&Body {
            ops: vec![forged_op],
            ..Body::default()
        })
        .unwrap();
    rejected(ana.core.import(&p), "not written by the partner's phone");
    assert_eq!(snapshot(&ana), before, "nothing changed");

    // An acknowledgement claiming Ben holds Ana's log up to a huge number
    // (nothing authenticates it) cannot push her counter to its end.
    let p = ben
        .core
        .seal_forged(&Body {
            ack: vec![(ana_id, u64::MAX / 4)],
            ..Body::default()
        })
        .unwrap();
    ana.core.import(&p).unwrap();
    thanks(&mut ana, "counted on");
    assert!(
        own_counters(&ana).iter().all(|c| *c < 1 << 21),
        "{:?}",
        own_counters(&ana)
    );

    // And the real exchange still works afterwards.
    thanks(&mut ben, "still fine");
    sync(&mut ana, &mut ben);
    deliver(&mut ana, &mut ben);
    converged(&ana, &ben);
}
