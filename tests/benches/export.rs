//! Sealing an export: one Argon2id derivation at the costs Tandem writes
//! (64 MiB, t = 3, p = 4, RFC 9106's second option) plus XChaCha20-Poly1305
//! over a small document; the derivation is nearly all of it, and an import
//! pays the same once. Run: `cargo bench -p tandem-tests --bench export`.

use criterion::{Criterion, criterion_group, criterion_main};
use tandem_core::export;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("export");
    // Each sample is a fraction of a second: ten are enough for a figure.
    group.sample_size(10);
    group.bench_function("seal_argon2id_64MiB_t3_p4", |b| {
        b.iter(|| export::seal(b"{}", "correct horse battery staple").expect("seal"))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
