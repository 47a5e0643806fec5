#![no_main]
//! See tests/fuzzing/entries.rs, `ffi_strings`.

#[path = "../../tests/fuzzing/entries.rs"]
mod entries;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entries::ffi_strings(data));
