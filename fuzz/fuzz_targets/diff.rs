#![no_main]
//! See dcalc::fuzzing::derivative for the invariants.
libfuzzer_sys::fuzz_target!(|data: &[u8]| dcalc::fuzzing::derivative(data));
