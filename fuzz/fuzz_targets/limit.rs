#![no_main]
//! See dcalc::fuzzing::limit for the invariants.
libfuzzer_sys::fuzz_target!(|data: &[u8]| dcalc::fuzzing::limit(data));
