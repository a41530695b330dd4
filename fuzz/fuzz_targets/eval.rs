#![no_main]
//! See dcalc::fuzzing::eval for the invariants.
libfuzzer_sys::fuzz_target!(|data: &[u8]| dcalc::fuzzing::eval(data));
