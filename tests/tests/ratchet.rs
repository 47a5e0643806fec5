//! Keys that move on (sync/ratchet.rs, docs/PROTOCOL.md): forward secrecy,
//! recovery after a copied database, and late, repeated or out-of-order
//! payloads across a rotation.

mod common;

use std::sync::Arc;

use common::*;
use tandem_core::sync::payload::Body;
use tandem_core::{Core, Error, ManualClock, PairingStatus};

/// Closes `d`, copies its database files as a thief would, and reopens
/// both: the owner's phone and the thief's copy, each with its own clock.
fn copied(d: Device, key: &[u8; 32]) -> (Device, Device) {
    let Device {
        core,
        clock,
        path,
        dir,
    } = d;
    core.close().unwrap();
    let thief_dir = tempfile::tempdir().unwrap();
    for f in database_files(&path) {
        std::fs::copy(&f, thief_dir.path().join(f.file_name().unwrap())).unwrap();
    }
    let thief_path = thief_dir.path().join("tandem.db");
    let thief_clock = ManualClock::new(clock_ms(&clock));
    let reopen = |p: &std::path::Path, c: &ManualClock| {
        Core::open(p, key, None, Arc::new(c.clone())).unwrap()
    };
    let owner = Device {
        core: reopen(&path, &clock),
        clock,
        path,
        dir,
    };
    let thief = Device {
        core: reopen(&thief_path, &thief_clock),
        clock: thief_clock,
        path: thief_path,
        dir: thief_dir,
    };
    (owner, thief)
}

fn clock_ms(c: &ManualClock) -> i64 {
    use tandem_core::Clock;
    c.now_ms()
}

fn epoch(d: &Device) -> (u32, i64) {
    match d.core.pairing_status().unwrap() {
        PairingStatus::Paired {
            key_epoch,
            keys_moved_at_ms,
            ..
        } => (key_epoch, keys_moved_at_ms),
        other => panic!("not paired: {other:?}"),
    }
}

fn titles(body: &Body) -> String {
    format!("{:?}", body.ops)
}

#[test]
fn a_phone_stolen_later_cannot_read_payloads_from_before_the_last_rotation() {
    let (mut ana, mut ben) = paired();
    ana.core
        .propose_ritual(&draft("Captured-Title-Probe", "20:30", None))
        .unwrap();
    // Someone records Ana's payload on its way (a shared folder, a chat).
    let captured = ana.core.export().unwrap().remove(0);
    ben.core.import(&captured).unwrap();
    // Stolen right now, Ben's phone could still read it: the check below
    // can fail.
    assert!(titles(&ben.core.inspect_payload(&captured).unwrap()).contains("Captured-Title-Probe"));
    // Three exchanges: Ana moves to Ben's newer keys, and his older ones go.
    for minute in 1..=3 {
        ana.clock.advance(60_000 * minute);
        ben.clock.advance(60_000 * minute);
        sync(&mut ana, &mut ben);
    }
    let (ben, thief) = copied(ben, &KEY_B);
    for who in [&ben, &thief] {
        match who.core.inspect_payload(&captured) {
            Err(Error::PayloadTooOld(reason)) => {
                assert!(reason.contains("deleted"), "{reason}");
                assert!(!reason.contains("Captured"), "{reason}");
            }
            other => panic!("the old payload opened: {other:?}"),
        }
    }
    // Ana's phone never could read her own payloads: the ephemeral key is
    // gone the moment a payload is sealed.
    assert!(ana.core.inspect_payload(&captured).is_err());
    assert!(
        epoch(&thief).0 >= 4,
        "the keys moved on: {:?}",
        epoch(&thief)
    );
}

#[test]
fn a_copied_database_stops_reading_once_keys_move_on_unseen() {
    let (mut ana, mut ben) = paired();
    sync(&mut ana, &mut ben);
    sync(&mut ana, &mut ben);
    let (mut ben, mut thief) = copied(ben, &KEY_B);

    // Right after the copy, the thief reads what Ana sends.
    ana.core
        .propose_ritual(&draft("Before-Keys-Moved", "20:30", None))
        .unwrap();
    let before = ana.core.export().unwrap().remove(0);
    assert!(titles(&thief.core.inspect_payload(&before).unwrap()).contains("Before-Keys-Moved"));
    ben.core.import(&before).unwrap();

    // Ben's phone makes keys the thief never saw; Ana learns them in Ben's
    // next payload.
    sync(&mut ben, &mut ana);
    ana.core
        .propose_ritual(&draft("After-Keys-Moved", "21:00", None))
        .unwrap();
    let after = ana.core.export().unwrap().remove(0);
    match thief.core.inspect_payload(&after) {
        Err(Error::PayloadRejected(reason)) => {
            assert!(reason.contains("does not have"), "{reason}")
        }
        other => panic!("the thief read a payload after the keys moved on: {other:?}"),
    }
    assert!(
        thief.core.import(&after).is_err(),
        "nor can the copy import it"
    );
    // Ben reads it.
    let report = ben.core.import(&after).unwrap();
    assert_eq!(report.applied, 1);
    assert!(
        ben.core
            .rituals()
            .unwrap()
            .iter()
            .any(|r| r.title == "After-Keys-Moved")
    );
}

#[test]
fn late_repeated_and_out_of_order_payloads_across_a_rotation() {
    let (mut ana, mut ben) = paired();
    // Two payloads sealed to Ben's first keys; only the first arrives now.
    ana.core
        .propose_ritual(&draft("First", "08:00", None))
        .unwrap();
    let p1a = ana.core.export().unwrap().remove(0);
    ana.core
        .propose_ritual(&draft("Second", "09:00", None))
        .unwrap();
    let p1b = ana.core.export().unwrap().remove(0);
    ben.core.import(&p1a).unwrap();
    // Ben answers with his new keys; Ana seals the next one to them.
    deliver(&mut ben, &mut ana);
    ana.core
        .propose_ritual(&draft("Third", "10:00", None))
        .unwrap();
    let p2 = ana.core.export().unwrap().remove(0);
    assert_eq!(ben.core.import(&p2).unwrap().applied, 2, "Second and Third");
    // The late one still opens across that rotation; a repeat is harmless.
    let late = ben.core.import(&p1b).unwrap();
    assert_eq!((late.applied, late.duplicates), (0, 2));
    assert!(ben.core.import(&p1a).unwrap().already_imported);

    // One more rotation: Ben's first keys are deleted.
    ana.core
        .propose_ritual(&draft("Fourth", "11:00", None))
        .unwrap();
    let never_sent = ana.core.export().unwrap().remove(0);
    deliver(&mut ben, &mut ana);
    deliver(&mut ana, &mut ben);
    deliver(&mut ben, &mut ana);
    deliver(&mut ana, &mut ben);
    // A copy seen before still reads as a harmless repeat...
    assert!(ben.core.import(&p1b).unwrap().already_imported);
    // ...and one never delivered, sealed to deleted keys, is its own typed
    // error that changes nothing; its change had travelled again anyway.
    let before = snapshot(&ben);
    match ben.core.import(&never_sent) {
        Err(Error::PayloadTooOld(reason)) => {
            assert!(reason.contains("next payload"), "{reason}")
        }
        other => panic!("expected PayloadTooOld, got {other:?}"),
    }
    assert_eq!(snapshot(&ben), before);
    assert!(
        ben.core
            .rituals()
            .unwrap()
            .iter()
            .any(|r| r.title == "Fourth")
    );
}

#[test]
fn the_epoch_counts_each_phone_moving_on_and_says_when() {
    let (mut ana, mut ben) = paired();
    let start = ana.core.now_ms();
    assert_eq!(epoch(&ana), (1, start));
    assert_eq!(epoch(&ben), (1, start));
    ana.clock.advance(60_000);
    ben.clock.advance(60_000);
    // Ana seals to Ben's newest key: Ben makes the next one.
    deliver(&mut ana, &mut ben);
    assert_eq!(epoch(&ben), (2, start + 60_000));
    ben.clock.advance(60_000);
    ana.clock.advance(60_000);
    // Ben's payload tells Ana of it, sealed to Ana's newest: both move.
    deliver(&mut ben, &mut ana);
    assert_eq!(epoch(&ana), (3, start + 120_000));
    deliver(&mut ana, &mut ben);
    assert_eq!(epoch(&ben).0, 4);
    // Nothing new heard: nothing moves.
    let (e, at) = epoch(&ana);
    ana.core.export().unwrap();
    assert_eq!(epoch(&ana), (e, at));
}

#[test]
fn a_forged_announcement_of_a_weak_key_is_refused() {
    let (mut ana, mut ben) = paired();
    sync(&mut ana, &mut ben);
    let before = snapshot(&ana);
    let epoch_before = epoch(&ana);
    for prekey in [(9, [0u8; 32]), (0, [7u8; 32])] {
        let forged = ben
            .core
            .seal_forged(&Body {
                ack: vec![],
                ops: vec![],
                confirm: None,
                lineage: vec![],
                prekey: Some(prekey),
                ..Body::default()
            })
            .unwrap();
        match ana.core.import(&forged) {
            Err(Error::PayloadRejected(reason)) => {
                assert!(reason.contains("invalid key"), "{reason}")
            }
            other => panic!("expected a rejection, got {other:?}"),
        }
    }
    assert_eq!(snapshot(&ana), before);
    assert_eq!(epoch(&ana), epoch_before);
    // And the pair still works.
    sync(&mut ana, &mut ben);
}
