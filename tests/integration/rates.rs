//! Rates of change: secant, slope (the limit table), tangent, eval.

use crate::{dcalc, run_ok};
use serde_json::Value;

fn json(args: &[&str]) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&run_ok(&all)).expect("one JSON object")
}

fn column(v: &Value, side: &str) -> Vec<String> {
    v["table"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["side"] == side)
        .map(|r| r["quotient"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn secant_of_a_parabola() {
    let v = json(&["secant", "x^2", "--from", "1", "--to", "4"]);
    assert_eq!(v["exact"], "5");
    assert_eq!(v["value"], 5.0);
    assert_eq!(v["line"], "y = 5*x - 4");
    assert_eq!(v["h"], "3");
    let same = json(&["secant", "x^2", "--at", "1", "--h", "3"]);
    assert_eq!(same["line"], "y = 5*x - 4");
    assert!(
        run_ok(&["secant", "x^2", "--from", "1", "--to", "4"])
            .contains("average rate of change over [1, 4] (h = 3): 5")
    );
}

#[test]
fn secant_of_sine_is_exact() {
    assert_eq!(json(&["secant", "sin(x)", "--from", "0", "--to", "pi/2"])["exact"], "2/pi");
}

#[test]
fn slope_table_of_a_parabola_is_exact() {
    let v = json(&["slope", "x^2", "--at", "3"]);
    assert_eq!(column(&v, "right"), ["6.1", "6.01", "6.001", "6.0001", "6.00001", "6.000001"]);
    assert_eq!(column(&v, "left"), ["5.9", "5.99", "5.999", "5.9999", "5.99999", "5.999999"]);
    assert_eq!(v["exact"], "6");
    assert_eq!(v["tangent"], "y = 6*x - 9");
    assert_eq!(v["table"][0]["h"], "0.1");
    assert_eq!(v["table"][6]["h"], "-0.1");
    assert_eq!(v["table"][0]["exact"], true);
}

#[test]
fn slopes_at_points() {
    for (f, at, limit) in [
        ("x^2", "0", "0"),
        ("x^2", "-1", "-2"),
        ("x^3", "2", "12"),
        ("sin(x)", "0", "1"),
        ("cos(x)", "pi/2", "-1"),
        ("1/x", "2", "-1/4"),
    ] {
        assert_eq!(json(&["slope", f, "--at", at])["exact"], limit, "slope of {f} at {at}");
    }
}

#[test]
fn tangent_line() {
    let v = json(&["tangent", "x^2", "--at", "3"]);
    assert_eq!(v["line"], "y = 6*x - 9");
    assert_eq!(v["slope"], 6.0);
    assert_eq!(v["value"], 9.0);
    assert!(run_ok(&["tangent", "x^2", "--at", "3"]).ends_with("tangent line: y = 6*x - 9"));
}

#[test]
fn nudging_one_parameter_holds_the_others() {
    let out = run_ok(&["slope", "(w*2 + b - 5)^2", "--wrt", "w", "--at", "w=1,b=0"]);
    assert!(out.contains("nudging w, holding b = 0 fixed"), "{out}");
    assert!(out.contains("f'(1) = -12"), "{out}");
}

/// The true quotient at 60 digits, from mpmath (SymPy's own arbitrary precision library).
fn mpmath_quotients(f: &str, rows: u32) -> Vec<(String, String)> {
    let script = format!(
        "import mpmath\nmpmath.mp.dps = 60\nf = lambda x: mpmath.{f}(x)\na = mpmath.mpf(1)\n\
         for k in range(1, {rows} + 1):\n  for s in (1, -1):\n    h = s * mpmath.mpf(10) ** -k\n    \
         print(s, mpmath.nstr((f(a + h) - f(a)) / h, 50))"
    );
    let out = std::process::Command::new("python3").args(["-c", &script]).output().expect("python3 runs");
    assert!(out.status.success(), "mpmath: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let (side, q) = l.split_once(' ').unwrap();
            (if side == "1" { "right" } else { "left" }.to_string(), q.to_string())
        })
        .collect()
}

/// Every digit printed agrees with the truth: |printed − true| ≤ half a unit
/// in the last printed place, compared exactly (as rationals).
fn assert_all_digits_right(printed: &str, truth: &str) {
    use dcalc::engine::number::{parse_decimal, ratio};
    let p = parse_decimal(printed.trim_start_matches('-')).unwrap();
    let p = if printed.starts_with('-') { -p } else { p };
    let t = parse_decimal(truth.trim_start_matches('-')).unwrap();
    let t = if truth.starts_with('-') { -t } else { t };
    let decimals = printed.split_once('.').map_or(0, |(_, f)| f.len());
    let half_ulp = ratio(1, 2) / dashu_ratio::RBig::from(10).pow(decimals as isize);
    let error = if p > t { &p - &t } else { &t - &p };
    assert!(error <= half_ulp, "printed {printed}, true {truth}");
    let significant =
        printed.trim_start_matches(['-', '0', '.']).chars().filter(char::is_ascii_digit).count();
    assert!(significant >= 12, "{printed} has only {significant} digits");
}

#[test]
fn every_printed_digit_is_right_at_15_rows() {
    for f in ["exp", "sin"] {
        let v = json(&["slope", &format!("{f}(x)"), "--at", "1", "--rows", "15"]);
        let truth = mpmath_quotients(f, 15);
        let rows = v["table"].as_array().unwrap();
        assert_eq!(rows.len(), 30);
        for (side, q) in &truth {
            let k = truth.iter().filter(|(s, _)| s == side).position(|(_, t)| t == q).unwrap();
            let row = rows.iter().filter(|r| r["side"] == side.as_str()).nth(k).unwrap();
            assert_all_digits_right(row["quotient"].as_str().unwrap(), q);
        }
    }
}

#[test]
fn undefined_points_are_explained() {
    for (f, at) in [("1/x", "0"), ("ln(x)", "0")] {
        let out = dcalc().args(["slope", f, "--at", at]).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("f(0) does not exist"), "{err}");
        assert!(!err.contains("panicked"));
    }
    let out = dcalc().args(["secant", "x^2", "--from", "2", "--to", "2"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("h must not be 0"));
}

#[test]
fn a_corner_has_no_limit_but_shows_the_table() {
    let out = dcalc().args(["slope", "abs(x)", "--at", "0", "--rows", "3"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("0.001") && table.contains("does not exist"), "{table}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("corner") && err.contains("left derivative -1, right derivative 1"), "{err}");
}

#[test]
fn eval_is_exact_where_it_can_be() {
    assert_eq!(run_ok(&["eval", "x^2", "--at", "1/3"]), "1/9");
    assert_eq!(run_ok(&["eval", "0.1 + 0.2"]), "3/10");
    assert_eq!(run_ok(&["eval", "cos(pi/4)"]), "sqrt(2)/2  # ~0.707106781186548");
    assert_eq!(run_ok(&["eval", "ln(1) + exp(0) + ln(e)"]), "2");
    assert_eq!(run_ok(&["eval", "sin(1)", "--digits", "20"]), "sin(1)  # ~0.84147098480789650665");
    let out = dcalc().args(["eval", "ln(x)", "--at", "-1"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "dcalc: ln(x) is undefined at x = -1: it needs x > 0 there"
    );
}

#[test]
fn huge_numbers_are_not_built() {
    for e in ["2^(2^64)", "10^10^10"] {
        let out = dcalc().args(["eval", e]).timeout(std::time::Duration::from_secs(10)).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{e}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("too large"));
    }
    assert_eq!(run_ok(&["eval", "exp(10^6)", "--digits", "6"]), "exp(1000000)  # ~3.03322e434294");
}
