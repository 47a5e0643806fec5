//! The op log's promise: the shared state is a deterministic fold of the ops,
//! whatever order they arrive in and however often.

mod common;

use common::*;
use proptest::prelude::*;
use tandem_core::{Error, Op};

/// Two devices that each proposed a few rituals; Ben already holds Ana's
/// ops (so his dump is the reference), Ana holds only her own.
fn two_devices() -> (Device, Device) {
    let mut ana = device("Ana", &KEY_A, "2027-03-10T18:00:00Z");
    let mut ben = device("Ben", &KEY_B, "2027-03-10T18:00:00Z");
    ana.core
        .propose_ritual(&draft("Evening check-in", "20:30", None))
        .unwrap();
    ben.core
        .propose_ritual(&draft("Sunday walk", "10:00", Some("Europe/Berlin")))
        .unwrap();
    // Same wall time on both: the HLC and device id break the tie.
    ana.core
        .propose_ritual(&draft(
            "Long-distance call",
            "02:30",
            Some("America/New_York"),
        ))
        .unwrap();
    ben.clock.advance(1);
    ben.core
        .propose_ritual(&draft("One appreciation", "12:00", None))
        .unwrap();
    ben.core
        .apply_ops(ana.core.device_id(), &ana.core.ops().unwrap())
        .unwrap();
    (ana, ben)
}

#[test]
fn both_replicas_converge() {
    let mut ana = device("Ana", &KEY_A, "2027-03-10T18:00:00Z");
    let mut ben = device("Ben", &KEY_B, "2027-03-10T18:00:00Z");
    ana.core
        .propose_ritual(&draft("Evening check-in", "20:30", None))
        .unwrap();
    ben.core
        .propose_ritual(&draft("Sunday walk", "10:00", Some("Europe/Berlin")))
        .unwrap();
    let from_ana = ana.core.ops().unwrap();
    let from_ben = ben.core.ops().unwrap();
    let r = ana.core.apply_ops(ben.core.device_id(), &from_ben).unwrap();
    assert_eq!((r.applied, r.duplicates), (1, 0));
    let r = ben.core.apply_ops(ana.core.device_id(), &from_ana).unwrap();
    assert_eq!((r.applied, r.duplicates), (1, 0));
    assert_eq!(
        ana.core.shared_state_dump().unwrap(),
        ben.core.shared_state_dump().unwrap()
    );
    assert_eq!(ana.core.rituals().unwrap().len(), 2);
    // Applying again is a no-op.
    let r = ana.core.apply_ops(ben.core.device_id(), &from_ben).unwrap();
    assert_eq!((r.applied, r.duplicates), (0, 1));
}

#[test]
fn a_remote_clock_days_ahead_is_refused_and_nothing_changes() {
    let mut ana = device("Ana", &KEY_A, "2027-03-10T18:00:00Z");
    // Beyond the bound: 48 hours and one second ahead.
    let mut ben = device("Ben", &KEY_B, "2027-03-12T18:00:01Z");
    ben.core
        .propose_ritual(&draft("Walk", "10:00", None))
        .unwrap();
    let before = ana.core.shared_state_dump().unwrap();
    let from_ben = ben.core.ops().unwrap();
    let err = ana
        .core
        .apply_ops(ben.core.device_id(), &from_ben)
        .unwrap_err();
    assert!(matches!(err, Error::ClockSkew { .. }), "{err}");
    assert_eq!(ana.core.shared_state_dump().unwrap(), before);
    assert!(ana.core.ops().unwrap().is_empty());
    // Once Ana's clock is within the bound, the same ops apply.
    ana.clock.advance(60 * 1000);
    let r = ana.core.apply_ops(ben.core.device_id(), &from_ben).unwrap();
    assert_eq!(r.applied, 1);
    assert!(r.ahead_ms > 47 * 3600 * 1000, "{r:?}");
}

#[test]
fn a_remote_clock_hours_ahead_is_admitted_and_reported() {
    let mut ana = device("Ana", &KEY_A, "2027-03-10T18:00:00Z");
    let mut ben = device("Ben", &KEY_B, "2027-03-10T21:00:00Z");
    ben.core
        .propose_ritual(&draft("Walk", "10:00", None))
        .unwrap();
    let r = ana
        .core
        .apply_ops(ben.core.device_id(), &ben.core.ops().unwrap())
        .unwrap();
    assert_eq!(r.applied, 1);
    assert_eq!(r.ahead_ms, 3 * 3600 * 1000);
    assert_eq!(r.own_clock_back_ms, 0);
    // Ana's next change is ordered after what she saw, though her wall
    // clock is behind it: the causal order holds.
    ana.core
        .propose_ritual(&draft("Talk", "20:00", None))
        .unwrap();
    let mine = ana.core.ops().unwrap();
    let ana_op = mine
        .iter()
        .find(|op| op.device == ana.core.device_id())
        .unwrap();
    let ben_op = mine
        .iter()
        .find(|op| op.device == ben.core.device_id())
        .unwrap();
    assert!(ana_op.hlc > ben_op.hlc);
}

#[test]
fn a_batch_with_one_bad_op_applies_nothing() {
    let mut ana = device("Ana", &KEY_A, "2027-03-10T18:00:00Z");
    let mut ben = device("Ben", &KEY_B, "2027-03-10T18:00:00Z");
    ben.core
        .propose_ritual(&draft("Walk", "10:00", None))
        .unwrap();
    ben.core
        .propose_ritual(&draft("Talk", "20:00", None))
        .unwrap();
    let mut ops = ben.core.ops().unwrap();
    // A partner's device is not trusted to validate: an empty title is refused.
    let tandem_core::sync::Change::Ritual(tandem_core::rituals::RitualChange::Proposed(spec)) =
        &mut ops[1].change
    else {
        panic!("expected a proposal");
    };
    spec.title = "   ".into();
    let err = ana.core.apply_ops(ben.core.device_id(), &ops).unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err}");
    assert!(ana.core.rituals().unwrap().is_empty());
    assert!(ana.core.ops().unwrap().is_empty());
}

#[test]
fn an_op_forged_in_this_devices_name_is_refused() {
    let mut ana = device("Ana", &KEY_A, "2027-03-10T18:00:00Z");
    let mut ben = device("Ben", &KEY_B, "2027-03-10T18:00:00Z");
    ben.core
        .propose_ritual(&draft("Walk", "10:00", None))
        .unwrap();
    let mut ops = ben.core.ops().unwrap();
    ops[0].device = ana.core.device_id();
    let err = ana.core.apply_ops(ben.core.device_id(), &ops).unwrap_err();
    assert!(matches!(err, Error::PayloadRejected(_)), "{err}");
    assert!(ana.core.rituals().unwrap().is_empty());
    assert!(ana.core.ops().unwrap().is_empty());
    // Nor may a sender claim to be this phone.
    let err = ana.core.apply_ops(ana.core.device_id(), &ops).unwrap_err();
    assert!(matches!(err, Error::PayloadRejected(_)), "{err}");
    assert!(ana.core.rituals().unwrap().is_empty());
}

#[test]
fn ops_survive_reopening_and_keep_counting() {
    let mut ana = device("Ana", &KEY_A, "2027-03-10T18:00:00Z");
    ana.core
        .propose_ritual(&draft("Walk", "10:00", None))
        .unwrap();
    let first = ana.core.ops().unwrap();
    let common::Device {
        core,
        clock,
        path,
        dir,
    } = ana;
    core.close().unwrap();
    let mut core =
        tandem_core::Core::open(&path, &KEY_A, None, std::sync::Arc::new(clock.clone())).unwrap();
    // The clock went backwards; the HLC and the counter must not.
    clock.advance(-60_000);
    core.propose_ritual(&draft("Talk", "20:00", None)).unwrap();
    let ops = core.ops().unwrap();
    assert_eq!(ops.len(), 2);
    assert_eq!(ops[0], first[0]);
    assert_eq!(ops[1].counter, 2);
    assert!(ops[1].hlc > ops[0].hlc);
    drop(dir);
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x0B5E),
        ..ProptestConfig::default()
    })]

    /// Any order, any duplication, any batching: the same state.
    #[test]
    fn fold_ignores_order_and_duplicates(
        order in Just((0..2usize).collect::<Vec<_>>()).prop_shuffle(),
        dups in proptest::collection::vec(0..2usize, 0..6),
        split in 0..5usize,
    ) {
        let (mut ana, ben) = two_devices();
        let ops = ben.core.ops().unwrap().into_iter()
            .filter(|op| op.device == ben.core.device_id())
            .collect::<Vec<Op>>();
        let mut delivery: Vec<Op> = order.iter().map(|&i| ops[i].clone()).collect();
        delivery.extend(dups.iter().map(|&i| ops[i].clone()));
        let (first, second) = delivery.split_at(split.min(delivery.len()));
        ana.core.apply_ops(ben.core.device_id(), first).unwrap();
        ana.core.apply_ops(ben.core.device_id(), second).unwrap();
        prop_assert_eq!(
            ana.core.shared_state_dump().unwrap(),
            ben.core.shared_state_dump().unwrap()
        );
        prop_assert_eq!(ana.core.ops().unwrap().len(), 4);
    }
}
