#![no_main]
//! See tests/fuzzing/entries.rs, `payload`.

#[path = "../../tests/fuzzing/entries.rs"]
mod entries;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entries::payload(data));
