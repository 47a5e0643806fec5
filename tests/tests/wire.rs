//! The payload body of envelope version 4 (core/src/sync/wire.rs): any
//! body encodes and decodes equal; no cut of an encoding decodes; tampered
//! and random bytes give a typed refusal or a body, never a panic; a budget
//! splits ops across bodies that each fit; and a day of marks costs what
//! docs/PROTOCOL.md says.

use chrono::NaiveDate;
use proptest::prelude::*;
use tandem_core::Error;
use tandem_core::agreements::pauses::change::PauseChange;
use tandem_core::checkins::change::{Capacity, Entry, Logged, Need, RepairAct};
use tandem_core::device::DeviceId;
use tandem_core::rituals::change::RitualChange;
use tandem_core::rituals::rest::change::RestChange;
use tandem_core::sync::log::AUTH_LEN;
use tandem_core::sync::wire::{Body, KeyConfirmation, List, Writer, decode, encode};
use tandem_core::sync::{Change, Hlc, Op};

type Result<T> = std::result::Result<T, Error>;

/// The prefixes the body writes as one byte (docs/PROTOCOL.md).
const ENTITY_PREFIXES: [&str; 5] = ["ritual:", "entry:", "pause:", "boundary:", "agreement:"];

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

const SENDER: DeviceId = DeviceId([0xA1; 16]);

fn device() -> impl Strategy<Value = DeviceId> {
    prop_oneof![
        3 => Just(SENDER),
        1 => Just(DeviceId([0xB2; 16])),
        1 => any::<[u8; 16]>().prop_map(DeviceId),
    ]
}

fn hex_id() -> impl Strategy<Value = String> {
    any::<[u8; 12]>().prop_map(|b| hex(&b))
}

fn entity() -> impl Strategy<Value = String> {
    prop_oneof![
        (0..ENTITY_PREFIXES.len(), hex_id())
            .prop_map(|(i, id)| format!("{}{id}", ENTITY_PREFIXES[i])),
        // Near misses travel as text: upper case, too short, personal.
        hex_id().prop_map(|id| format!("ritual:{}", id.to_uppercase())),
        hex_id().prop_map(|id| format!("ritual:p{id}")),
        hex_id().prop_map(|id| format!("entry:{}", &id[1..])),
        Just("rest:2027-03-08".to_string()),
        ".{0,12}",
    ]
}

fn date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![700_000..760_000i32, -100_000_000..100_000_000i32,]
        .prop_filter_map("a date chrono holds", NaiveDate::from_num_days_from_ce_opt)
}

fn words() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(".{0,20}")
}

fn instant() -> impl Strategy<Value = i64> {
    prop_oneof![3 => 1_800_000_000_000..1_900_000_000_000i64, 1 => any::<i64>()]
}

fn entry() -> impl Strategy<Value = Entry> {
    prop_oneof![
        (1..=10u8, 0..3usize, 0..5usize, words()).prop_map(|(temperature, c, n, note)| {
            Entry::CheckIn {
                temperature,
                capacity: [Capacity::Low, Capacity::Some, Capacity::Plenty][c],
                need: Need::ALL[n],
                note,
            }
        }),
        ".{0,30}".prop_map(|text| Entry::Appreciation { text }),
        (words(), proptest::option::of(any::<bool>())).prop_map(|(note, received)| {
            Entry::Repair {
                act: RepairAct::Joke,
                note,
                received,
            }
        }),
    ]
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        (date(), words(), words()).prop_map(|(date, note, feeling)| Change::Ritual(
            RitualChange::Done {
                date,
                note,
                feeling
            }
        )),
        date().prop_map(|date| Change::Ritual(RitualChange::Skipped { date })),
        (date(), instant())
            .prop_map(|(date, to_ms)| Change::Ritual(RitualChange::Moved { date, to_ms })),
        (instant(), entry()).prop_map(|(at_ms, entry)| Change::Entry(Logged { at_ms, entry })),
        any::<[u8; 16]>().prop_map(|version| Change::Ritual(RitualChange::Accepted { version })),
        Just(Change::Ritual(RitualChange::Retired)),
        Just(Change::Rest(RestChange::Declared)),
        instant().prop_map(|at_ms| Change::Pause(PauseChange::Ended { at_ms })),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    (
        device(),
        prop_oneof![1..4u64, any::<u64>()],
        instant(),
        prop_oneof![Just(0u32), 0..3u32, any::<u32>()],
        entity(),
        change(),
    )
        .prop_map(|(device, counter, wall_ms, logical, entity, change)| Op {
            device,
            counter,
            hlc: Hlc::new(wall_ms, logical),
            entity,
            change,
        })
}

/// Ops as a log hands them out: runs of one device, counting up, the
/// stamp moving on a little, entities coming back; mixed with
/// arbitrary ones.
fn ops() -> impl Strategy<Value = Vec<Op>> {
    proptest::collection::vec((op(), 0..4u8, 0..3u8), 0..24).prop_map(|raw| {
        let mut out: Vec<Op> = Vec::new();
        for (mut op, shape, reuse) in raw {
            if let Some(prev) = out.last()
                && shape > 0
            {
                op.device = prev.device;
                op.counter = prev.counter.wrapping_add(1);
                op.hlc = if shape == 1 {
                    Hlc::new(prev.hlc.wall_ms, prev.hlc.logical.wrapping_add(1))
                } else {
                    Hlc::new(prev.hlc.wall_ms.wrapping_add(i64::from(shape) * 997), 0)
                };
                if reuse > 0 {
                    op.entity = prev.entity.clone();
                }
            }
            out.push(op);
        }
        out
    })
}

fn body() -> impl Strategy<Value = Body> {
    (
        (
            proptest::collection::vec((device(), any::<u64>()), 0..4),
            proptest::option::of((any::<[u8; 32]>(), ".{0,16}")),
            proptest::collection::vec((device(), any::<u64>()), 0..3),
            proptest::option::of((any::<u32>(), any::<[u8; 32]>())),
            proptest::option::of(any::<[u8; AUTH_LEN]>()),
            proptest::option::of(any::<u64>()),
            any::<bool>(),
        ),
        ops(),
        proptest::collection::vec(proptest::option::of(any::<[u8; AUTH_LEN]>()), 24),
        ops(),
        proptest::collection::vec(any::<[u8; AUTH_LEN]>(), 24),
    )
        .prop_map(
            |(
                (ack, confirm, lineage, prekey, your_last, own_floor, holds_confirmation),
                ops,
                auth,
                yours,
                tags,
            )| Body {
                ack,
                auth: auth[..ops.len()].to_vec(),
                ops,
                confirm: confirm.map(|(mac, device_name)| KeyConfirmation { mac, device_name }),
                lineage,
                prekey,
                your_last,
                own_floor,
                yours: yours.into_iter().zip(tags).collect(),
                holds_confirmation,
            },
        )
}

fn refused(r: Result<Body>) -> bool {
    matches!(r, Err(Error::PayloadRejected(_)))
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        rng_seed: proptest::test_runner::RngSeed::Fixed(18),
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_body_decodes_to_itself(body in body()) {
        let bytes = encode(SENDER, &body).unwrap();
        prop_assert_eq!(decode(SENDER, &bytes).unwrap(), body);
    }

    #[test]
    fn a_cut_body_is_refused_and_a_tampered_one_never_panics(
        body in body(),
        flips in proptest::collection::vec((any::<prop::sample::Index>(), 1..=255u8), 1..6),
    ) {
        let bytes = encode(SENDER, &body).unwrap();
        // The encoding is prefix-free: no cut of it is a whole body.
        for cut in 0..bytes.len() {
            prop_assert!(refused(decode(SENDER, &bytes[..cut])), "cut at {}", cut);
        }
        let mut longer = bytes.clone();
        longer.push(0);
        prop_assert!(refused(decode(SENDER, &longer)));
        let mut tampered = bytes.clone();
        for (at, x) in flips {
            let i = at.index(tampered.len());
            tampered[i] ^= x;
        }
        // Anything may come out, or a typed refusal; never a panic.
        let r = decode(SENDER, &tampered);
        prop_assert!(r.is_ok() || refused(r));
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let r = decode(SENDER, &bytes);
        prop_assert!(r.is_ok() || refused(r));
    }

    #[test]
    fn a_budget_splits_ops_across_bodies_that_each_fit(body in body(), budget in 60..400usize) {
        let shell = Body { ops: Vec::new(), auth: Vec::new(), yours: Vec::new(), ..body.clone() };
        let mut bodies = Vec::new();
        let mut w = Writer::new(SENDER, &shell).unwrap();
        let items = body.ops.iter().enumerate()
            .map(|(i, op)| (List::Ops, op, body.auth[i].as_ref()))
            .chain(body.yours.iter().map(|(op, tag)| (List::Yours, op, Some(tag))));
        for (list, op, tag) in items {
            if !w.push_within(list, op, tag, budget).unwrap() {
                bodies.push(w.finish());
                w = Writer::new(SENDER, &shell).unwrap();
                w.push(list, op, tag).unwrap();
            }
        }
        bodies.push(w.finish());
        let mut back = shell.clone();
        for bytes in &bodies {
            let b = decode(SENDER, bytes).unwrap();
            // Only a body holding a single op may pass the budget.
            prop_assert!(bytes.len() <= budget || b.ops.len() + b.yours.len() == 1);
            back.ops.extend(b.ops);
            back.auth.extend(b.auth);
            back.yours.extend(b.yours);
        }
        prop_assert_eq!(back, body);
    }
}

#[test]
fn a_day_of_marks_costs_little() {
    // Ten marks of ten rituals in one evening, one check-in: the shape
    // of a day's payload. Each mark pays its entity once, its date,
    // its words and its authenticator; the stamp and counter follow.
    let mut ops = Vec::new();
    for i in 0..10u8 {
        ops.push(Op {
            device: SENDER,
            counter: 500 + u64::from(i),
            hlc: Hlc::new(1_804_780_800_000, u32::from(i)),
            entity: format!("ritual:{}", hex(&[i; 12])),
            change: Change::Ritual(RitualChange::Done {
                date: NaiveDate::from_ymd_opt(2027, 3, 10).unwrap(),
                note: None,
                feeling: None,
            }),
        });
    }
    let body = Body {
        auth: vec![Some([7; AUTH_LEN]); ops.len()],
        ops,
        ..Body::default()
    };
    let bytes = encode(SENDER, &body).unwrap();
    // Flags and five empty counts; per op 1 head, 13 entity, 1 date,
    // 1 words, 8 tag; the first op also carries its counter and stamp.
    assert_eq!(bytes.len(), 6 + 10 * 24 + 2 + 6, "{}", bytes.len());
    assert_eq!(decode(SENDER, &bytes).unwrap(), body);
}
