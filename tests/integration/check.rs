//! check-differentiable: the vocabulary of DESIGN.md §5 at points, scans of
//! intervals, exit statuses (0 yes, 1 no, 2 error).

use crate::dcalc;
use serde_json::Value;

fn verdict(f: &str, at: &str) -> (Value, i32) {
    let out = dcalc().args(["--format", "json", "check-differentiable", f, "--at", at]).output().unwrap();
    let v = serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{f} at {at}: {out:?}"));
    (v, out.status.code().unwrap_or(-1))
}

#[test]
fn kinds_at_points() {
    let cases = [
        ("abs(x)", "0", "corner"),
        ("abs(x)", "1", "differentiable"),
        ("relu(x)", "0", "corner"),
        ("x*abs(x)", "0", "differentiable"),
        ("cbrt(x)", "0", "vertical-tangent"),
        ("x^(2/3)", "0", "cusp"),
        ("x^(4/3)", "0", "differentiable"),
        ("sign(x)", "0", "jump"),
        ("floor(x)", "2", "jump"),
        ("floor(x)", "2.5", "differentiable"),
        ("1/x", "0", "infinite"),
        ("sin(x)/x", "0", "removable"),
        ("sqrt(x)", "0", "endpoint"),
        ("ln(x)", "-1", "undefined"),
        ("sin(1/x)", "0", "oscillating"),
        ("x^2", "0", "differentiable"),
        ("sigmoid(x)", "0", "differentiable"),
        ("abs(x-3)", "3", "corner"),
        ("max(x, 2)", "2", "corner"),
    ];
    for (f, at, kind) in cases {
        let (v, code) = verdict(f, at);
        assert_eq!(v["kind"], kind, "{f} at {at}: {v}");
        let yes = kind == "differentiable";
        assert_eq!(v["differentiable"], yes);
        assert_eq!(code, if yes { 0 } else { 1 }, "{f} at {at}: exit status");
    }
}

#[test]
fn one_sided_values_and_reasons() {
    let (v, _) = verdict("abs(x)", "0");
    assert_eq!((v["left_derivative"].as_str(), v["right_derivative"].as_str()), (Some("-1"), Some("1")));
    assert!(v["reason"].as_str().unwrap().contains("left derivative -1, right derivative 1"));
    assert!(v["reason"].as_str().unwrap().contains("JAX takes 1"));
    assert_eq!(v["continuous"], true);
    let (v, _) = verdict("relu(x)", "0");
    assert_eq!((v["left_derivative"].as_str(), v["right_derivative"].as_str()), (Some("0"), Some("1")));
    assert!(v["reason"].as_str().unwrap().contains("relu'(0) = 0"));
    for (f, at, d) in
        [("abs(x)", "1", "1"), ("x*abs(x)", "0", "0"), ("sigmoid(x)", "0", "1/4"), ("x^2", "0", "0")]
    {
        assert_eq!(verdict(f, at).0["derivative"], d, "{f} at {at}");
    }
    let (v, _) = verdict("x^(2/3)", "0");
    assert_eq!((v["left_derivative"].as_str(), v["right_derivative"].as_str()), (Some("-inf"), Some("inf")));
    let (v, _) = verdict("sin(x)/x", "0");
    assert_eq!((v["defined"].clone(), v["left_limit"].as_str()), (Value::Bool(false), Some("1")));
}

fn scan(f: &str, on: &str) -> (Vec<(String, String)>, i32) {
    let out = dcalc().args(["--format", "json", "check-differentiable", f, "--on", on]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let points = v["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["at"]["x"].as_str().unwrap().to_string(), p["kind"].as_str().unwrap().to_string()))
        .collect();
    (points, out.status.code().unwrap_or(-1))
}

#[test]
fn interval_scans() {
    let corner = |x: &str| (x.to_string(), "corner".to_string());
    let jump = |x: &str| (x.to_string(), "jump".to_string());
    assert_eq!(scan("abs(x-1) + relu(x+2)", "-3..3"), (vec![corner("-2"), corner("1")], 1));
    assert_eq!(scan("floor(x)", "0.5..3.5"), (vec![jump("1"), jump("2"), jump("3")], 1));
    assert_eq!(scan("x^3 - x", "-5..5"), (vec![], 0));
}

#[test]
fn bad_intervals_are_errors() {
    for on in ["3..1", "a..3", "1", "1..x"] {
        let out = dcalc().args(["check-differentiable", "x", "--on", on]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "--on {on}");
        assert!(!out.stderr.is_empty() && out.stdout.is_empty());
    }
    let out = dcalc().args(["check-differentiable", "x"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "needs --at or --on");
}

#[test]
fn diff_at_a_kink_explains_it() {
    for (f, side_values) in
        [("abs(x)", "left derivative -1, right derivative 1"), ("relu(x)", "left derivative 0")]
    {
        let out = dcalc().args(["diff", f, "--at", "0"]).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("corner") && err.contains(side_values), "{err}");
    }
    let out = dcalc().args(["diff", "relu(x) - relu(-x)", "--at", "0"]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "1", "equal one-sided derivatives");
}
