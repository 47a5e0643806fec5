//! Encrypted payloads between two paired devices: round trips, backlogs that
//! need several payloads, text and chunk forms, and every rejection, each a
//! typed error that leaves the store as it was.

mod common;

use common::*;
use tandem_core::sync::envelope::{BUCKETS, HEADER_LEN, MAX_PAYLOAD_BYTES};
use tandem_core::sync::payload::UNCONFIRMED_COUNTED;
use tandem_core::sync::text;
use tandem_core::{Error, RitualDraft};

fn rejected<T: std::fmt::Debug>(r: Result<T, Error>, mentions: &str) {
    match r {
        Err(Error::PayloadRejected(reason)) => {
            assert!(
                reason.contains(mentions),
                "'{reason}' should mention '{mentions}'"
            )
        }
        other => panic!("expected PayloadRejected mentioning '{mentions}', got {other:?}"),
    }
}

#[test]
fn a_backlog_is_split_and_arrives_in_any_order() {
    let (mut ana, mut ben) = paired();
    let long_prompt = "p".repeat(400);
    for i in 0..900 {
        ana.core
            .propose_ritual(&RitualDraft {
                prompt: Some(format!("{long_prompt}{i}")),
                ..draft(&format!("Ritual {i}"), "08:00", None)
            })
            .unwrap();
    }
    let mut payloads = ana.core.export().unwrap();
    assert!(
        payloads.len() >= 2,
        "expected a split, got {} payload(s)",
        payloads.len()
    );
    assert!(payloads.iter().all(|p| p.len() <= MAX_PAYLOAD_BYTES));
    payloads.reverse();
    let mut applied = 0;
    for p in &payloads {
        applied += ben.core.import(p).unwrap().applied;
    }
    assert_eq!(applied, 900);
    assert_eq!(
        ana.core.shared_state_dump().unwrap(),
        ben.core.shared_state_dump().unwrap()
    );
    // Once Ben acknowledges, Ana has nothing left to send.
    deliver(&mut ben, &mut ana);
    let next = ana.core.export().unwrap();
    assert_eq!(next.len(), 1);
    assert!(ben.core.inspect_payload(&next[0]).unwrap().ops.is_empty());
}

#[test]
fn lost_payloads_are_sent_again_until_acknowledged() {
    let (mut ana, mut ben) = paired();
    ana.core
        .propose_ritual(&draft("Walk", "10:00", None))
        .unwrap();
    let _lost = ana.core.export().unwrap();
    ana.core
        .propose_ritual(&draft("Talk", "20:00", None))
        .unwrap();
    let reports = deliver(&mut ana, &mut ben);
    assert_eq!(reports[0].applied, 2, "the unacknowledged op travels again");
}

#[test]
fn changes_to_send_count_until_the_partner_confirms_them() {
    let (mut ana, mut ben) = paired();
    sync(&mut ana, &mut ben);
    assert_eq!(ana.core.changes_to_send().unwrap(), 0);
    ana.core
        .propose_ritual(&draft("Walk", "10:00", None))
        .unwrap();
    ana.core
        .propose_ritual(&draft("Talk", "20:00", None))
        .unwrap();
    assert_eq!(ana.core.changes_to_send().unwrap(), 2);
    // Sent is not confirmed: they count until Ben's reply acknowledges them.
    deliver(&mut ana, &mut ben);
    assert_eq!(ana.core.changes_to_send().unwrap(), 2);
    deliver(&mut ben, &mut ana);
    assert_eq!(ana.core.changes_to_send().unwrap(), 0);
    // A personal ritual never travels, so it never counts.
    ana.core
        .add_personal_ritual(&draft("Stretch", "07:00", None))
        .unwrap();
    assert_eq!(ana.core.changes_to_send().unwrap(), 0);
    let stranger = device("Eve", &[0xEE; 32], "2027-03-10T18:00:00Z");
    assert!(matches!(
        stranger.core.changes_to_send(),
        Err(Error::NotPaired(_))
    ));
}

#[test]
fn changes_to_send_stop_counting_at_a_thousand_and_count_again_once_acknowledged() {
    let (mut ana, mut ben) = paired();
    sync(&mut ana, &mut ben);
    for i in 0..UNCONFIRMED_COUNTED + 2 {
        ana.core
            .propose_ritual(&draft(&format!("Ritual {i}"), "08:00", None))
            .unwrap();
    }
    // Ben has not synced for a thousand changes: the count stops there,
    // and the sync screen says "1000 or more".
    assert_eq!(ana.core.changes_to_send().unwrap(), UNCONFIRMED_COUNTED);
    assert_eq!(
        ana.core
            .sync_screen(0, None)
            .unwrap()
            .changes_text
            .as_deref(),
        Some("1000 or more changes to send")
    );
    sync(&mut ana, &mut ben);
    assert_eq!(ana.core.changes_to_send().unwrap(), 0);
    for i in 0..3 {
        ana.core
            .propose_ritual(&draft(&format!("After {i}"), "09:00", None))
            .unwrap();
    }
    assert_eq!(
        ana.core.changes_to_send().unwrap(),
        3,
        "exact again below the cap"
    );
}

#[test]
fn text_and_chunk_forms_round_trip() {
    let (mut ana, mut ben) = paired();
    for i in 0..40 {
        ana.core
            .propose_ritual(&draft(&format!("Ritual number {i}"), "08:00", None))
            .unwrap();
    }
    let payload = ana.core.export().unwrap().remove(0);
    let as_text = text::to_text(&payload);
    assert_eq!(text::from_text(&as_text).unwrap(), payload);
    let mut chunks = text::to_chunks(&payload);
    assert!(chunks.len() >= 2);
    assert!(chunks.iter().all(|c| c.len() <= text::MAX_CHUNK_CHARS));
    chunks.rotate_left(1);
    let back = text::from_chunks(&chunks).unwrap();
    assert_eq!(ben.core.import(&back).unwrap().applied, 40);
    rejected(
        text::from_text("hello, this is not a payload"),
        "not Tandem sync text",
    );
    rejected(text::from_text("TSYNC1:%%%"), "damaged");
    rejected(text::from_chunks(&chunks[1..]), "is missing");
}

#[test]
fn every_flipped_bit_is_rejected_and_changes_nothing() {
    let (mut ana, mut ben) = paired();
    ana.core
        .propose_ritual(&draft("Walk", "10:00", None))
        .unwrap();
    let payload = ana.core.export().unwrap().remove(0);
    let before = snapshot(&ben);
    for i in 0..payload.len() {
        for bit in 0..8 {
            let mut bad = payload.clone();
            bad[i] ^= 1 << bit;
            match ben.core.import(&bad) {
                // The version byte: an unknown version has its own error.
                Err(Error::PayloadRejected(_) | Error::PayloadVersion { .. }) => {}
                other => panic!("bit {bit} of byte {i}: expected a rejection, got {other:?}"),
            }
        }
    }
    assert_eq!(snapshot(&ben), before);
    // The genuine payload still applies afterwards.
    assert_eq!(ben.core.import(&payload).unwrap().applied, 1);
}

#[test]
fn rejections_are_typed_and_change_nothing() {
    let (mut ana, mut ben) = paired();
    ana.core
        .propose_ritual(&draft("Walk", "10:00", None))
        .unwrap();
    let payload = ana.core.export().unwrap().remove(0);
    let before = snapshot(&ben);

    for cut in [0, 3, HEADER_LEN - 1, HEADER_LEN, payload.len() - 1] {
        assert!(
            matches!(
                ben.core.import(&payload[..cut]),
                Err(Error::PayloadRejected(_))
            ),
            "cut {cut}"
        );
    }
    rejected(ben.core.import(&payload[..payload.len() - 1]), "truncated");
    // An unknown version is its own typed error, saying which side to
    // update.
    let version = |r: Result<_, Error>, found: u8, says: &str| match r {
        Err(e @ Error::PayloadVersion { .. }) => {
            assert!(
                matches!(e, Error::PayloadVersion { found: f, .. } if f == found),
                "{e:?}"
            );
            assert!(e.to_string().contains(says), "'{e}' should say '{says}'");
        }
        other => panic!("expected PayloadVersion, got {other:?}"),
    };
    let mut newer = payload.clone();
    newer[4] = payload[4] + 1;
    version(ben.core.import(&newer), payload[4] + 1, "newer Tandem");
    let mut older = payload.clone();
    older[4] = 1;
    version(ben.core.import(&older), 1, "older Tandem");
    let mut suite = payload.clone();
    suite[5] = 7;
    rejected(ben.core.import(&suite), "cipher suite");
    rejected(
        ben.core.import(&vec![0u8; MAX_PAYLOAD_BYTES + 1]),
        "larger than any",
    );
    let mut claims_huge = payload.clone();
    claims_huge[HEADER_LEN - 4..HEADER_LEN].copy_from_slice(&(u32::MAX).to_be_bytes());
    rejected(ben.core.import(&claims_huge), "larger than any");
    rejected(ben.core.import(b"garbage that is not a payload at all, no no no no no no no no no no no no no no no no no"), "not a Tandem sync payload");

    // A payload from another couple's pairing.
    let mut cleo = device("Cleo", &[0xC3; 32], "2027-03-10T18:00:00Z");
    let mut dan = device("Dan", &[0xD4; 32], "2027-03-10T18:00:00Z");
    pair(&mut cleo, &mut dan);
    let foreign = cleo.core.export().unwrap().remove(0);
    rejected(ben.core.import(&foreign), "another pairing");

    // Ben's own payload, fed back to Ben.
    let own = ben.core.export().unwrap().remove(0);
    rejected(ben.core.import(&own), "this phone itself");
    assert_eq!(snapshot(&ben), before);

    // A replay is reported as a duplicate and changes nothing.
    assert_eq!(ben.core.import(&payload).unwrap().applied, 1);
    let after_first = snapshot(&ben);
    let replay = ben.core.import(&payload).unwrap();
    assert!(replay.already_imported);
    assert_eq!(replay.applied, 0);
    assert_eq!(replay.acknowledged, 0, "Ana holds none of Ben's ops yet");
    assert_eq!(snapshot(&ben), after_first);
}

#[test]
fn payloads_before_pairing_or_after_unpairing_are_refused() {
    let (mut ana, mut ben) = paired();
    let payload = ana.core.export().unwrap().remove(0);
    let mut stranger = device("Eve", &[0xEE; 32], "2027-03-10T18:00:00Z");
    assert!(matches!(
        stranger.core.import(&payload),
        Err(Error::NotPaired(_))
    ));
    assert!(matches!(stranger.core.export(), Err(Error::NotPaired(_))));
    ben.core.unpair().unwrap();
    assert!(matches!(
        ben.core.import(&payload),
        Err(Error::NotPaired(_))
    ));
}

#[test]
fn a_partner_clock_far_ahead_is_rejected_with_a_reason() {
    let (mut ana, mut ben) = paired();
    // Hours ahead is admitted (tests/trust.rs); days ahead is not.
    ana.clock.advance(50 * 60 * 60 * 1000);
    ana.core
        .propose_ritual(&draft("Walk", "10:00", None))
        .unwrap();
    let payload = ana.core.export().unwrap().remove(0);
    let before = snapshot(&ben);
    match ben.core.import(&payload) {
        Err(e @ Error::ClockSkew { .. }) => {
            assert!(e.to_string().contains("clock is 3000 minutes ahead"), "{e}")
        }
        other => panic!("expected ClockSkew, got {other:?}"),
    }
    assert_eq!(snapshot(&ben), before);
}

#[test]
fn a_day_of_changes_fits_one_qr_code_as_text() {
    let (mut ana, mut ben) = paired();
    deliver(&mut ana, &mut ben);
    deliver(&mut ben, &mut ana);
    // Until check-ins and appreciations exist, a day is a handful of ritual
    // changes with realistic text.
    ana.core
        .propose_ritual(&RitualDraft {
            prompt: Some("One thing that filled your cup today, one that drained it.".into()),
            ..draft("Evening check-in", "20:30", None)
        })
        .unwrap();
    ana.core
        .propose_ritual(&draft("Morning coffee together", "07:15", None))
        .unwrap();
    ana.core
        .propose_ritual(&draft(
            "Sunday walk by the river",
            "10:00",
            Some("Europe/Berlin"),
        ))
        .unwrap();
    ana.core
        .propose_ritual(&draft("Phone-free dinner", "19:00", None))
        .unwrap();
    ana.core
        .propose_ritual(&draft("One appreciation", "21:00", None))
        .unwrap();
    let payloads = ana.core.export().unwrap();
    assert_eq!(payloads.len(), 1);
    let as_text = text::to_text(&payloads[0]);
    assert!(
        as_text.len() <= 2331,
        "a day's payload is {} characters",
        as_text.len()
    );
    assert_eq!(ben.core.import(&payloads[0]).unwrap().applied, 5);
}

/// One shared change of a random kind and text length.
#[derive(Debug, Clone)]
enum SharedChange {
    Ritual(usize),
    Appreciation(usize),
    Boundary(usize),
}

fn shared_change() -> impl proptest::strategy::Strategy<Value = SharedChange> {
    use proptest::prelude::*;
    prop_oneof![
        (1usize..80).prop_map(SharedChange::Ritual),
        (1usize..=280).prop_map(SharedChange::Appreciation),
        (1usize..=280).prop_map(SharedChange::Boundary),
    ]
}

fn apply(d: &mut Device, change: &SharedChange) {
    match change {
        SharedChange::Ritual(n) => {
            d.core
                .propose_ritual(&draft(&"r".repeat(*n), "20:30", None))
                .unwrap();
        }
        SharedChange::Appreciation(n) => {
            d.core
                .record_entry(
                    tandem_core::checkins::Entry::Appreciation {
                        text: "a".repeat(*n),
                    },
                    true,
                )
                .unwrap();
        }
        SharedChange::Boundary(n) => {
            d.core.add_boundary(&"b".repeat(*n), true).unwrap();
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 24,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0xB0C7),
        failure_persistence: None,
        ..proptest::prelude::ProptestConfig::default()
    })]

    /// Whatever the mix of changes, a payload's length is one of the buckets
    /// and the partner still reads every op.
    #[test]
    fn payload_lengths_are_always_a_bucket(changes in proptest::collection::vec(shared_change(), 0..40)) {
        let (mut ana, mut ben) = paired();
        for c in &changes {
            apply(&mut ana, c);
        }
        let mut applied = 0;
        for p in ana.core.export().unwrap() {
            proptest::prop_assert!(BUCKETS.contains(&p.len()), "a payload of {} bytes", p.len());
            applied += ben.core.import(&p).unwrap().applied;
        }
        proptest::prop_assert_eq!(applied as usize, changes.len());
    }
}
