#![no_main]
//! See tests/fuzzing/entries.rs, `qr_text`.

#[path = "../../tests/fuzzing/entries.rs"]
mod entries;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entries::qr_text(data));
