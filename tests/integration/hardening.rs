//! Honest numbers at the edges and no silent exits (part of issue 15).

use super::{dcalc, run_ok};
use std::time::Duration;

fn fails_with(args: &[&str], words: &str) {
    let out = dcalc().args(args).timeout(Duration::from_secs(120)).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert!(err.contains(words), "{args:?}: {err}");
}

#[test]
fn exact_zeros_and_poles() {
    assert_eq!(run_ok(&["eval", "ln(sqrt(2)) - ln(2)/2"]), "0");
    assert_eq!(run_ok(&["eval", "cot(pi/2)"]), "0");
    assert!(run_ok(&["tangent", "ln(2^x)", "--at", "1/2"]).ends_with("tangent line: y = x*ln(2)"));
    fails_with(&["eval", "tan(pi/2)"], "divides by zero there (a pole)");
    fails_with(&["diff", "tan(x)", "--at", "pi/2"], "infinite");
    assert!(run_ok(&["slope", "2^(2/5)+1", "--at", "1"]).contains("f'(1) = 0"));
    assert!(run_ok(&["check-differentiable", "cbrt(2)+1", "--at", "0"]).contains("f'(0) = 0"));
}

#[test]
fn overflow_is_not_undefined() {
    fails_with(&["eval", "(exp(x))^(x^4)", "--at", "100"], "too large to compute");
    assert!(
        run_ok(&["eval", "gelu(softplus(2^91*x)^ceil(x^5))", "--at", "1/3"])
            .ends_with("# ~8.25293359523587e26")
    );
}

#[test]
fn an_undefined_row_does_not_sink_the_table() {
    let out = run_ok(&["slope", "1/x", "--at", "0.1", "--rows", "3"]);
    assert!(out.contains("undefined") && out.contains("f'(1/10) = -100"), "{out}");
    assert_eq!(run_ok(&["diff", "0^x"]), "0");
}

#[test]
fn no_silent_exit_under_an_address_space_limit() {
    let bin = env!("CARGO_BIN_EXE_dcalc");
    let out = std::process::Command::new("bash")
        .args(["-c", &format!("ulimit -v 300000; '{bin}' diff 'x^3'")])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "3*x^2",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(0));
}
