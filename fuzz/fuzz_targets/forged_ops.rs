#![no_main]
//! See tests/fuzzing/entries.rs, `forged_ops`.

#[path = "../../tests/fuzzing/entries.rs"]
mod entries;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entries::forged_ops(data));
