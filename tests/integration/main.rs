//! dcalc's integration tests: one test binary, one module per concern.

mod bad_input;
mod check;
mod diff;
mod generated;
mod hardening;
mod learning;
mod limits;
mod limits_sympy;
mod ml;
mod plots;
mod presenter;
mod properties;
mod rates;
mod scans;
mod schema;
mod snapshots;
mod sympy;

use assert_cmd::Command;

/// The dcalc binary under test.
pub fn dcalc() -> Command {
    Command::cargo_bin("dcalc").expect("the dcalc binary is built")
}

/// Run dcalc with arguments and return trimmed stdout, asserting success.
pub fn run_ok(args: &[&str]) -> String {
    let out = dcalc().args(args).output().expect("dcalc runs");
    assert!(out.status.success(), "dcalc {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8 output").trim_end().to_string()
}
