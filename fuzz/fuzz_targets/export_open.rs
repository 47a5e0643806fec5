#![no_main]
//! See tests/fuzzing/entries.rs, `export_open`.

#[path = "../../tests/fuzzing/entries.rs"]
mod entries;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entries::export_open(data));
