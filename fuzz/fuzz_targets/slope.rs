#![no_main]
//! See dcalc::fuzzing::slope for the invariants.
libfuzzer_sys::fuzz_target!(|data: &[u8]| dcalc::fuzzing::slope(data));
