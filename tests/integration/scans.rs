//! Interval scans that miss nothing (issue 10): candidates come from the
//! expression and are solved exactly, so kinks at irrational points are
//! found and "differentiable at every point" is said only when certain.

use super::dcalc;
use std::time::Duration;

fn scan(f: &str, on: &str) -> (Option<i32>, serde_json::Value) {
    let out = dcalc()
        .args(["--format", "json", "check-differentiable", f, "--on", on])
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    (out.status.code(), serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{f}: {e}")))
}

fn points(v: &serde_json::Value) -> Vec<(String, String)> {
    v["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["at"]["x"].as_str().unwrap().to_string(), p["kind"].as_str().unwrap().to_string()))
        .collect()
}

/// A function, an interval, and the points expected with their kinds.
type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);

#[test]
fn the_issue_examples() {
    let cases: &[Case] = &[
        ("abs(x^2 - 2)", "0..2", &[("sqrt(2)", "corner")]),
        ("abs(exp(x) - 2)", "0..2", &[("ln(2)", "corner")]),
        ("1/(x^2 - 2)", "0..2", &[("sqrt(2)", "infinite")]),
        ("abs(x - 1e-30)", "-1..1", &[("1/1000000000000000000000000000000", "corner")]),
    ];
    for (f, on, want) in cases {
        let (code, v) = scan(f, on);
        assert_eq!(code, Some(1), "{f}");
        let want: Vec<(String, String)> = want.iter().map(|(a, k)| (a.to_string(), k.to_string())).collect();
        assert_eq!(points(&v), want, "{f}");
    }
    let (code, v) = scan("asin(x)", "-2..2");
    assert_eq!(code, Some(1));
    assert_eq!(v["undefined"].as_array().unwrap().len(), 2, "{v}");
    assert_eq!(v["undefined"][0]["from"], "-2");
    assert_eq!(
        (v["undefined"][0]["to"].as_str(), v["undefined"][0]["to_closed"].as_bool()),
        (Some("-1"), Some(false))
    );
    let (_, v) = scan("atanh(x)", "-2..2");
    assert_eq!(v["undefined"][1]["from_closed"], true);
    let (_, v) = scan("ln(x^2 - 2)", "0..3");
    assert_eq!(
        (v["undefined"][0]["from"].as_str(), v["undefined"][0]["to"].as_str()),
        (Some("0"), Some("sqrt(2)"))
    );
    assert_eq!(v["undefined"][0]["to_closed"], true);
    // Its speed is measured in bench/, not here (debug builds under load).
    let (code, v) = scan("abs(sin(x))", "0..100000");
    assert_eq!(code, Some(1));
    assert_eq!((v["total"].as_u64(), v["truncated"].as_bool()), (Some(31831), Some(true)));
    assert_eq!(v["points"].as_array().unwrap().len(), 1000);
    assert!(v["families"][0].as_str().unwrap().contains("k = 0..31830"), "{}", v["families"]);
}

#[test]
fn yes_only_when_the_search_is_complete() {
    let (code, v) = scan("x^3 - x", "-5..5");
    assert_eq!((code, v["complete"].as_bool()), (Some(0), Some(true)));
    // sin(x) = x/2 has no closed form: interval arithmetic certifies its
    // two roots (one of them exactly 0).
    let (code, v) = scan("abs(sin(x) - x/2)", "-1..3");
    assert_eq!((code, v["complete"].as_bool()), (Some(1), Some(true)), "{v}");
    assert_eq!(v["points"][0]["at"]["x"], "0");
    assert!((v["points"][1]["approx"].as_f64().unwrap() - 1.895494267033981).abs() < 1e-12);
    // tan(x) = x is beyond the rules here: said so, never a silent yes.
    let (code, v) = scan("abs(tan(x) - x)", "3.5..4.6");
    assert_eq!((code, v["complete"].as_bool()), (Some(2), Some(false)), "{v}");
}

/// A tiny deterministic generator (no dependency for 200 numbers).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

#[test]
fn kinks_at_irrational_roots_are_all_found() {
    let mut r = Lcg(7);
    for i in 0..200 {
        // c not a perfect square, so the roots are irrational.
        let c = loop {
            let c = 2 + r.next(60);
            if (c as f64).sqrt().fract() != 0.0 {
                break c;
            }
        };
        let (f, roots): (String, Vec<f64>) = match i % 4 {
            0 => (format!("abs(x^2 - {c})"), vec![-(c as f64).sqrt(), (c as f64).sqrt()]),
            1 => (format!("relu(exp(x) - {c})"), vec![(c as f64).ln()]),
            2 => (format!("1/(x^2 - {c})"), vec![-(c as f64).sqrt(), (c as f64).sqrt()]),
            _ => {
                let a = r.next(5) as i64 - 2;
                (format!("abs((x - {a})*(x^2 - {c}))"), vec![a as f64, -(c as f64).sqrt(), (c as f64).sqrt()])
            }
        };
        let (_, v) = scan(&f, "-10..10");
        let found: Vec<f64> =
            v["points"].as_array().unwrap().iter().map(|p| p["approx"].as_f64().unwrap()).collect();
        let mut want = roots.clone();
        want.sort_by(f64::total_cmp);
        want.dedup();
        assert_eq!(found.len(), want.len(), "{f}: {found:?} vs {want:?}");
        for (x, y) in found.iter().zip(&want) {
            assert!((x - y).abs() <= 1e-12 * y.abs().max(1.0), "{f}: {x} vs {y}");
        }
        assert_eq!(v["complete"], true, "{f}");
    }
}

/// Found by the differential campaigns.
#[test]
fn campaign_regressions() {
    // A pole in the middle of the interval is a point, not a gap.
    for (f, on, at) in [
        ("1/(x^2 - 1/4)", "-3..4", vec!["-1/2", "1/2"]),
        ("1/x", "-1..1", vec!["0"]),
        ("x/x", "-1..1", vec!["0"]),
    ] {
        let (_, v) = scan(f, on);
        assert_eq!(v["undefined"].as_array().unwrap().len(), 0, "{f}: {v}");
        let found: Vec<String> = points(&v).into_iter().map(|p| p.0).collect();
        assert_eq!(found, at, "{f}");
    }
    // Edges at irrational roots: ln is undefined at them (closed ends).
    let (_, v) = scan("ln(2*x^2 - 4*x - 3)", "-2..4");
    assert_eq!(v["undefined"][0]["from"], "1 - sqrt(10)/2");
    assert_eq!(
        (v["undefined"][0]["from_closed"].as_bool(), v["undefined"][0]["to_closed"].as_bool()),
        (Some(true), Some(true))
    );
    assert!(points(&v).iter().all(|p| p.1 == "endpoint"), "{v}");
    // A root with no closed form is shown as a decimal, its end decided by
    // the condition it is a zero of.
    let (_, v) = scan("sqrt(4*x^4 + 2*x^3 - 4*x^2 + 3*x - 1)", "-2..3");
    assert_eq!(v["undefined"][0]["from"], "-1.5369737680962301514");
    assert_eq!(v["undefined"][0]["from_closed"], false);
    assert_eq!(v["points"][0]["kind"], "endpoint");
}

/// A family with more members than are listed: the scan decides points and
/// undefined regions up to its last listed member, says where that is, and
/// counts the rest of every family (never a silent end at 10,000 members).
#[test]
fn long_families_are_listed_up_to_a_point_and_counted_past_it() {
    let (code, v) = scan("tan(x)^x", "0..40000");
    assert_eq!(code, Some(1));
    assert_eq!(v["listed_up_to"], "9999*pi");
    // x = kπ for k = 0..12732 and x = π/2 + kπ for k = 0..12731.
    assert_eq!(v["total"], 12733 + 12732);
    let undefined = v["undefined"].as_array().unwrap();
    assert_eq!(undefined.len(), 9999);
    assert_eq!(undefined.last().unwrap()["to"], "9999*pi");
    // Short families are listed whole, with no cut.
    let (_, v) = scan("tan(x)^x", "0..100");
    assert!(v.get("listed_up_to").is_none(), "{v}");
}
