#![no_main]
//! See dcalc::fuzzing::check for the invariants.
libfuzzer_sys::fuzz_target!(|data: &[u8]| dcalc::fuzzing::check(data));
