//! Private stays on the device: every payload of a full two-device scenario is
//! decrypted by its receiver and checked for what it must never carry.

mod common;

use common::*;
use tandem_core::sync::Change;
use tandem_core::sync::payload::Body;
use tandem_core::{Op, RitualDraft};

/// Whether a change may leave the device. Exhaustive on purpose: a new kind
/// of change (a private check-in, a journal entry) must be classified here
/// before it compiles.
fn is_shared(change: &Change) -> bool {
    match change {
        // Personal rituals are ritual changes too: they live in the private
        // log, which export never reads; checked below by entity and text.
        Change::Ritual(_) => true,
        Change::Rest(_) => true,
        // Private boundaries stay in the private log, like personal rituals.
        Change::Boundary(_) => true,
        Change::Agreement(_) => true,
        Change::Pause(_) => true,
        // Private check-ins and repairs stay in the private log.
        Change::Entry(_) => true,
        Change::Journal(_) => false,
    }
}

#[test]
fn payloads_carry_only_shared_ops_and_no_secrets() {
    let mut ana = device("Ana", &KEY_A, "2027-03-10T18:00:00Z");
    let mut ben = device("Ben", &KEY_B, "2027-03-10T18:00:00Z");
    pair(&mut ana, &mut ben);
    let secret_title = "Quietly-Unique-Title-5521";
    ana.core
        .propose_ritual(&RitualDraft {
            prompt: Some("Prompt-Never-In-Clear-8812".into()),
            ..draft(secret_title, "20:30", None)
        })
        .unwrap();
    ben.core
        .propose_ritual(&draft("Walk-Plaintext-Probe-3341", "10:00", None))
        .unwrap();
    // A personal ritual, used: it must never travel, not even as an id.
    let personal = ana
        .core
        .add_personal_ritual(&draft("Private-Journal-Probe-7719", "07:00", None))
        .unwrap();
    ana.core
        .mark_done(
            &personal.id,
            "2027-03-10",
            Some("Private-Note-Probe-4410"),
            None,
        )
        .unwrap();
    // A private boundary, edited; and one shared, then made private again
    // and rewritten: only its shared text may ever have travelled.
    let private = ana
        .core
        .add_boundary("Private-Boundary-Probe-9902", false)
        .unwrap();
    ana.core
        .edit_boundary(&private.id, "Private-Boundary-Edit-Probe-9903")
        .unwrap();
    let once_shared = ana.core.add_boundary("Shared-Boundary-Text", true).unwrap();
    // The pattern log and a private check-in: never on the wire.
    ana.core
        .write_journal(&tandem_core::journal::PatternDraft {
            happened: tandem_core::journal::Happened::Withdrew,
            tags: vec!["Journal-Tag-Probe-1201".into()],
            topic: Some("Journal-Topic-Probe-1202".into()),
            temperature_before: Some(8),
            note: Some("Journal-Note-Probe-1203".into()),
        })
        .unwrap();
    ana.core
        .record_entry(
            tandem_core::checkins::Entry::CheckIn {
                temperature: 7,
                capacity: tandem_core::checkins::Capacity::Low,
                need: tandem_core::checkins::Need::Space,
                note: Some("Checkin-Private-Probe-1204".into()),
            },
            false,
        )
        .unwrap();
    ana.core.share_boundary(&once_shared.id, false).unwrap();
    ana.core
        .edit_boundary(&once_shared.id, "Private-Rewrite-Probe-9904")
        .unwrap();

    // (payload, its body as the receiver read it): read on arrival, since
    // the receiver's keys move on and older payloads cannot be opened later.
    let mut seen: Vec<(Vec<u8>, Body)> = Vec::new();
    for round in 0..3 {
        for p in ana.core.export().unwrap() {
            let body = ben.core.inspect_payload(&p).unwrap();
            ben.core.import(&p).unwrap();
            seen.push((p, body));
        }
        for p in ben.core.export().unwrap() {
            let body = ana.core.inspect_payload(&p).unwrap();
            ana.core.import(&p).unwrap();
            seen.push((p, body));
        }
        ana.core
            .propose_ritual(&draft(&format!("Round {round}"), "09:00", None))
            .unwrap();
    }

    let ana_log: Vec<Op> = ana.core.ops().unwrap();
    for (payload, body) in &seen {
        // On the wire, nothing is readable.
        for probe in [
            secret_title,
            "Prompt-Never-In-Clear-8812",
            "Walk-Plaintext-Probe-3341",
            "Ana",
            "Ben",
        ] {
            assert!(
                !contains(payload, probe.as_bytes()),
                "'{probe}' readable on the wire"
            );
        }
        // Never a storage key, in the clear or inside.
        let sender = tandem_core::sync::envelope::parse_header(payload)
            .unwrap()
            .sender;
        let inside = tandem_core::sync::wire::encode(sender, body).unwrap();
        for key in [&KEY_A, &KEY_B] {
            assert!(!contains(payload, key) && !contains(&inside, key));
        }
        for probe in [
            "Private-Journal-Probe-7719",
            "Private-Note-Probe-4410",
            &personal.id,
            "Private-Boundary-Probe-9902",
            "Private-Boundary-Edit-Probe-9903",
            "Private-Rewrite-Probe-9904",
            &private.id,
            "journal-tag-probe-1201",
            "Journal-Topic-Probe-1202",
            "Journal-Note-Probe-1203",
            "Checkin-Private-Probe-1204",
        ] {
            assert!(
                !contains(&inside, probe.as_bytes()),
                "a personal ritual's '{probe}' is inside a payload"
            );
        }
        for op in &body.ops {
            assert!(
                is_shared(&op.change),
                "a private change left the device: {op:?}"
            );
            assert!(
                tandem_core::rituals::personal_entity_id(&op.entity).is_none(),
                "a personal ritual's op left the device: {op:?}"
            );
            // Nothing but ops of the shared log travels.
            assert!(ana_log.contains(op), "an op that is not in the log: {op:?}");
        }
    }
    assert!(seen.len() >= 6);
}

/// A pair whose Ben has a clock an hour ahead and has sent a shared op, so
/// Ana's clock is held back and runs on logical counts, not wall time.
fn paired_with_ana_behind() -> (Device, Device) {
    let (mut ana, mut ben) = paired();
    ben.clock.set(ms("2027-03-10T19:00:00Z"));
    ben.core
        .record_entry(
            tandem_core::checkins::Entry::Appreciation {
                text: "Thank you.".into(),
            },
            true,
        )
        .unwrap();
    sync(&mut ben, &mut ana);
    (ana, ben)
}

/// Ana's shared ops and payload lengths after a shared change, `private`
/// rounds of private writes, and a second shared change, with Ben's clock an
/// hour ahead so that Ana's clock runs on logical counts, not wall time.
fn shared_trace(private: usize) -> Vec<(u64, i64, u32, usize)> {
    let (mut ana, ben) = paired_with_ana_behind();
    ana.core
        .propose_ritual(&draft("Evening walk", "20:30", None))
        .unwrap();
    for i in 0..private {
        write_private_things(&mut ana, i);
    }
    ana.core
        .record_entry(
            tandem_core::checkins::Entry::Appreciation {
                text: "Thanks back.".into(),
            },
            true,
        )
        .unwrap();
    let payloads = ana.core.export().unwrap();
    let me = ana.core.ops().unwrap();
    let mut trace: Vec<(u64, i64, u32, usize)> = Vec::new();
    for payload in &payloads {
        let body = ben.core.inspect_payload(payload).unwrap();
        for op in body.ops {
            assert!(me.contains(&op));
            trace.push((op.counter, op.hlc.wall_ms, op.hlc.logical, payload.len()));
        }
    }
    assert_eq!(trace.len(), 2, "both shared changes travel");
    trace
}

/// One of each kind of private record: pattern log, private check-in,
/// private boundary (added and edited), personal ritual (added and used).
fn write_private_things(d: &mut Device, i: usize) {
    d.core
        .write_journal(&tandem_core::journal::PatternDraft {
            happened: tandem_core::journal::Happened::Withdrew,
            tags: vec![format!("tag {i}")],
            topic: None,
            temperature_before: Some(6),
            note: None,
        })
        .unwrap();
    d.core
        .record_entry(
            tandem_core::checkins::Entry::CheckIn {
                temperature: 5,
                capacity: tandem_core::checkins::Capacity::Low,
                need: tandem_core::checkins::Need::Space,
                note: None,
            },
            false,
        )
        .unwrap();
    let b = d
        .core
        .add_boundary(&format!("Boundary {i}"), false)
        .unwrap();
    d.core.edit_boundary(&b.id, "Rewritten").unwrap();
    let r = d
        .core
        .add_personal_ritual(&draft(&format!("Stretch {i}"), "07:00", None))
        .unwrap();
    d.core.mark_done(&r.id, "2027-03-10", None, None).unwrap();
}

#[test]
fn private_writes_leave_the_shared_ops_byte_identical() {
    let without = shared_trace(0);
    for private in [1, 7] {
        assert_eq!(
            shared_trace(private),
            without,
            "{private} rounds of private writes changed what the partner sees"
        );
    }
}

/// A boundary written privately, shared, made private, rewritten and shared
/// again within one frozen millisecond (the clock held back by a partner's
/// clock ahead): the fold still follows the order things were done in.
#[test]
fn a_boundary_moving_between_logs_folds_in_the_order_it_was_written() {
    let (mut ana, mut ben) = paired_with_ana_behind();
    let b = ana.core.add_boundary("First words", false).unwrap();
    ana.core.edit_boundary(&b.id, "Second words").unwrap();
    ana.core.share_boundary(&b.id, true).unwrap();
    ana.core.share_boundary(&b.id, false).unwrap();
    ana.core.edit_boundary(&b.id, "Third words").unwrap();
    ana.core.edit_boundary(&b.id, "Fourth words").unwrap();
    ana.core.share_boundary(&b.id, true).unwrap();
    sync(&mut ana, &mut ben);
    for d in [&ana, &ben] {
        let rows = d.core.boundaries().unwrap();
        let row = rows.iter().find(|r| r.id == b.id).unwrap();
        assert_eq!(row.text, "Fourth words");
        assert!(row.shared);
    }
}
