#![no_main]
//! See dcalc::fuzzing::parse_round_trip for the invariants.
libfuzzer_sys::fuzz_target!(|data: &[u8]| dcalc::fuzzing::parse_round_trip(data));
