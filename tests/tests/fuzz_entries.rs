//! The fuzz targets' entry points as property tests on stable Rust (issue
//! 19 part 8): the checked-in seed corpus of every target (fuzz/corpus),
//! then a modest number of generated inputs from a fixed seed, mutated from
//! those seeds as libFuzzer would. The fuzzers themselves run with
//! `cargo +nightly fuzz run <target>` (see the README).

#[path = "../fuzzing/entries.rs"]
mod entries;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// The checked-in corpus of `target`, plus the seeds built here.
fn corpus(target: &str) -> Vec<Vec<u8>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    let mut inputs: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    inputs.extend(entries::seeds(target));
    inputs
}

/// An input: a corpus entry with a few bytes flipped, cut or spliced, or
/// plain random bytes.
fn mutated(corpus: Vec<Vec<u8>>) -> impl Strategy<Value = Vec<u8>> {
    let n = corpus.len().max(1);
    prop_oneof![
        3 => (0..n, proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8), any::<prop::sample::Index>())
            .prop_map(move |(i, flips, cut)| {
                let mut v = corpus.get(i).cloned().unwrap_or_default();
                for (at, byte) in flips {
                    if !v.is_empty() {
                        let at = at.index(v.len());
                        v[at] ^= byte | 1;
                    }
                }
                if cut.index(4) == 0 && !v.is_empty() {
                    v.truncate(cut.index(v.len()));
                }
                v
            }),
        1 => proptest::collection::vec(any::<u8>(), 0..256),
    ]
}

fn run(target: &str, cases: u32) {
    let (_, entry) = entries::TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .unwrap();
    let inputs = corpus(target);
    for input in &inputs {
        entry(input);
    }
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    // A fixed seed: the same cases on every run and every machine.
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[19u8; 32]);
    let mut runner = TestRunner::new_with_rng(config, rng);
    runner
        .run(&mutated(inputs), |input| {
            entry(&input);
            Ok(())
        })
        .unwrap();
}

#[test]
fn payload_open_and_import() {
    run("payload", 48);
}

#[test]
fn forged_ops_admission_recurrence_and_ics() {
    run("forged_ops", 48);
}

#[test]
fn export_open_and_restore() {
    run("export_open", 24);
}

#[test]
fn qr_and_payload_text() {
    run("qr_text", 48);
}

#[test]
fn ffi_string_inputs() {
    run("ffi_strings", 32);
}

/// Writes the seeds into fuzz/corpus (run by hand when the formats change:
/// `cargo test -p tandem-tests --test fuzz_entries -- --ignored`).
#[test]
#[ignore]
fn write_seed_corpus() {
    for (target, _) in entries::TARGETS {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../fuzz/corpus")
            .join(target);
        std::fs::create_dir_all(&dir).unwrap();
        for (i, seed) in entries::seeds(target).iter().enumerate() {
            std::fs::write(dir.join(format!("seed-{i}")), seed).unwrap();
        }
    }
}
