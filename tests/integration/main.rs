//! dcalc's integration tests: one test binary, one module per concern.

mod bad_input;
mod campaign;
mod check;
mod diff;
mod fuzz_replay;
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

/// Run one of the SymPy oracles in tools/ on `count` random cases (seed 1)
/// and assert that it found no disagreement.
pub fn sympy_oracle(tool: &str, count: u32) {
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tools").join(tool);
    assert!(script.exists(), "{} is missing", script.display());
    let python = |args: &[&std::ffi::OsStr]| std::process::Command::new("python3").args(args).output();
    let has_sympy = python(&["-c".as_ref(), "import sympy".as_ref()]).is_ok_and(|o| o.status.success());
    assert!(has_sympy, "SymPy is needed: python3 -m pip install sympy (.ci/run installs it)");
    let count = count.to_string();
    let args = ["--dcalc", env!("CARGO_BIN_EXE_dcalc"), "--count", &count, "--seed", "1"];
    let mut all: Vec<&std::ffi::OsStr> = vec![script.as_os_str()];
    all.extend(args.iter().map(std::ffi::OsStr::new));
    let out = python(&all).expect("python3 runs");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "SymPy disagrees:\n{report}");
    assert!(report.contains(" 0 disagree"), "{report}");
}
