//! SymPy as an independent oracle for limits: tools/limit-check asks
//! `dcalc limit` and SymPy's `limit` the same random problems (removable
//! singularities, Taylor-like ratios at 0, limits at ±infinity, one-sided
//! infinities and jumps), one side at a time, and compares the answers.

use std::path::Path;
use std::process::Command;

#[test]
fn sympy_agrees_on_random_limits() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/limit-check");
    assert!(script.exists(), "{} is missing", script.display());
    let has_sympy = Command::new("python3").args(["-c", "import sympy"]).status().is_ok_and(|s| s.success());
    assert!(has_sympy, "SymPy is needed: python3 -m pip install sympy (.ci/run installs it)");
    let out = Command::new("python3")
        .arg(&script)
        .args(["--dcalc", env!("CARGO_BIN_EXE_dcalc"), "--count", "300", "--seed", "1"])
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "SymPy disagrees:\n{report}");
    assert!(report.contains(" 0 disagree"), "{report}");
}
