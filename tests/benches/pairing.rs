//! Pairing on this machine: a whole pairing (offer, answer, complete, both
//! confirmations) on two fresh databases, and one swap-attacker try (X25519,
//! transcript, HKDF, check code), the unit of the bound in docs/PROTOCOL.md.
//! Run: `cargo bench -p tandem-tests --bench pairing`.

use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use tandem_core::pairing::codec::{Answer, Offer};
use tandem_core::pairing::keys;
use tandem_core::{Core, ManualClock};
use x25519_dalek::{PublicKey, StaticSecret};

const NOW: i64 = 1_804_000_000_000;

fn open(dir: &std::path::Path, name: &str, key: u8) -> Core {
    Core::open(
        &dir.join(format!("{name}.db")),
        &[key; 32],
        Some(name),
        Arc::new(ManualClock::new(NOW)),
    )
    .expect("open")
}

fn whole_pairing(c: &mut Criterion) {
    c.bench_function("pairing: offer, answer, complete, confirm both", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().expect("tempdir");
                let ana = open(dir.path(), "ana", 0xA1);
                let ben = open(dir.path(), "ben", 0xB2);
                (dir, ana, ben)
            },
            |(dir, mut ana, mut ben)| {
                let offer = ana.start_pairing().expect("offer");
                let answer = ben.accept_pairing(&offer.text).expect("answer");
                let code = ana.complete_pairing(&answer.text).expect("complete");
                assert_eq!(code, answer.sas);
                ana.confirm_pairing().expect("confirm");
                ben.confirm_pairing().expect("confirm");
                drop((ana, ben, dir));
            },
            criterion::BatchSize::PerIteration,
        )
    });
}

fn attacker_try(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut ana = open(dir.path(), "ana", 0xA1);
    let text = ana.start_pairing().expect("offer").text;
    let (offer, offer_bytes) = Offer::parse(&text).expect("parse");
    let mut n: u64 = 0;
    c.bench_function("pairing: one swap-attacker try", |b| {
        b.iter(|| {
            n += 1;
            let mut seed = [0x5a; 32];
            seed[..8].copy_from_slice(&n.to_be_bytes());
            let secret = StaticSecret::from(seed);
            let public = PublicKey::from(&secret).to_bytes();
            let shared = secret.diffie_hellman(&PublicKey::from(offer.public_key));
            let answer = Answer::public_bytes(&offer.pairing_id, &public);
            let t = keys::transcript(&offer_bytes, &answer);
            keys::format_sas(keys::derive(shared.as_bytes(), &t).expect("derive").sas)
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = whole_pairing, attacker_try
}
criterion_main!(benches);
