#![no_main]
//! See dcalc::fuzzing::scan for the invariants.
libfuzzer_sys::fuzz_target!(|data: &[u8]| dcalc::fuzzing::scan(data));
