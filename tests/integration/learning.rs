//! Learning aids: --definition, --steps and --notation, as snapshots
//! (reviewed by hand), and the property that --steps ends where diff does.

use crate::{dcalc, run_ok};
use proptest::prelude::*;

const DEFINITIONS: &[(&str, &[&str], &str)] = &[
    (
        "x^2",
        &[],
        "f(x) = x^2\nf(x + h) = (h + x)^2\nf(x + h) multiplied out = h^2 + 2*h*x + x^2\nf(x + h) - f(x) = (h^2 + 2*h*x + x^2) - (x^2) = h^2 + 2*h*x\n[f(x + h) - f(x)]/h = h + 2*x\nlimit as h -> 0: 2*x",
    ),
    (
        "x^3",
        &[],
        "f(x) = x^3\nf(x + h) = (h + x)^3\nf(x + h) multiplied out = h^3 + 3*h^2*x + 3*h*x^2 + x^3\nf(x + h) - f(x) = (h^3 + 3*h^2*x + 3*h*x^2 + x^3) - (x^3) = h^3 + 3*h^2*x + 3*h*x^2\n[f(x + h) - f(x)]/h = h^2 + 3*h*x + 3*x^2\nlimit as h -> 0: 3*x^2",
    ),
    (
        "3x^2 + 2x + 1",
        &[],
        "f(x) = 3*x^2 + 2*x + 1\nf(x + h) = 2*(h + x) + 3*(h + x)^2 + 1\nf(x + h) multiplied out = 3*h^2 + 6*h*x + 3*x^2 + 2*h + 2*x + 1\nf(x + h) - f(x) = (3*h^2 + 6*h*x + 3*x^2 + 2*h + 2*x + 1) - (3*x^2 + 2*x + 1) = 3*h^2 + 6*h*x + 2*h\n[f(x + h) - f(x)]/h = 3*h + 6*x + 2\nlimit as h -> 0: 6*x + 2",
    ),
    (
        "1/x",
        &[],
        "f(x) = 1/x\nf(x + h) = 1/(h + x)\nf(x + h) - f(x) = -h/(x*(h + x))\n[f(x + h) - f(x)]/h = -1/(x*(h + x))\nlimit as h -> 0: -1/x^2",
    ),
    (
        "1/x^2",
        &[],
        "f(x) = 1/x^2\nf(x + h) = 1/(h + x)^2\nf(x + h) - f(x) = (-h^2 - 2*h*x)/(x^2*(h + x)^2)\n[f(x + h) - f(x)]/h = (-h - 2*x)/(x^2*(h + x)^2)\nlimit as h -> 0: -2/x^3",
    ),
    (
        "sqrt(x)",
        &[],
        "f(x) = sqrt(x)\nf(x + h) = sqrt(h + x)\n[f(x + h) - f(x)]/h = (sqrt(h + x) - sqrt(x))/h\ntimes (sqrt(x) + sqrt(h + x)) over itself: (h + x - x)/(h*(sqrt(x) + sqrt(h + x)))\ncancel h: 1/(sqrt(x) + sqrt(h + x))\nlimit as h -> 0: 1/(2*sqrt(x))",
    ),
    (
        "(x+1)/(x-1)",
        &[],
        "f(x) = (x + 1)/(x - 1)\nf(x + h) = (h + x + 1)/(h + x - 1)\nf(x + h) - f(x) = -2*h/((h + x - 1)*(x - 1))\n[f(x + h) - f(x)]/h = -2/((h + x - 1)*(x - 1))\nlimit as h -> 0: -2/(x - 1)^2",
    ),
    (
        "sin(x)",
        &[],
        "f(x) = sin(x)\nf(x + h) = sin(h + x)\nby the sum formula, f(x + h) = sin(x)*cos(h) + cos(x)*sin(h)\n[f(x + h) - f(x)]/h = (sin(x)*cos(h) + cos(x)*sin(h) - sin(x))/h = sin(x)*(cos(h) - 1)/h + cos(x)*sin(h)/h\nthe standard limits: sin(h)/h -> 1 and (cos(h) - 1)/h -> 0\nlimit as h -> 0: cos(x)",
    ),
    (
        "cos(x)",
        &[],
        "f(x) = cos(x)\nf(x + h) = cos(h + x)\nby the sum formula, f(x + h) = cos(x)*cos(h) - sin(x)*sin(h)\n[f(x + h) - f(x)]/h = (cos(x)*cos(h) - sin(x)*sin(h) - cos(x))/h = cos(x)*(cos(h) - 1)/h - sin(x)*sin(h)/h\nthe standard limits: sin(h)/h -> 1 and (cos(h) - 1)/h -> 0\nlimit as h -> 0: -sin(x)",
    ),
    (
        "exp(x)",
        &[],
        "f(x) = exp(x)\nf(x + h) = exp(h + x)\nby the law of exponents, f(x + h) = exp(x)*exp(h)\n[f(x + h) - f(x)]/h = (exp(x)*exp(h) - exp(x))/h = exp(x)*(exp(h) - 1)/h\nthe standard limits: (exp(h) - 1)/h -> 1\nlimit as h -> 0: exp(x)",
    ),
    (
        "ln(x)",
        &[],
        "f(x) = ln(x)\nf(x + h) = ln(h + x)\nby the law of logarithms, f(x + h) = ln(x) + ln(1 + h/x)\n[f(x + h) - f(x)]/h = ln(1 + h/x)/h = 1/x*ln(1 + h/x)/(h/x)\nthe standard limits: ln(1 + t)/t -> 1 as t = h/x -> 0\nlimit as h -> 0: 1/x",
    ),
    (
        "x^2",
        &["--at", "3"],
        "f(x) = x^2\nat x = 3: f(3) = 9\nf(3 + h) = (h + 3)^2\nf(3 + h) multiplied out = h^2 + 6*h + 9\nf(3 + h) - f(3) = (h^2 + 6*h + 9) - (9) = h^2 + 6*h\n[f(3 + h) - f(3)]/h = h + 6\nlimit as h -> 0: 6",
    ),
    (
        "sqrt(x)",
        &["--at", "4"],
        "f(x) = sqrt(x)\nat x = 4: f(4) = 2\nf(4 + h) = sqrt(h + 4)\n[f(4 + h) - f(4)]/h = (sqrt(h + 4) - 2)/h\ntimes (sqrt(h + 4) + 2) over itself: (h + 4 - 4)/(h*(sqrt(h + 4) + 2))\ncancel h: 1/(sqrt(h + 4) + 2)\nlimit as h -> 0: 1/4",
    ),
    (
        "3*exp(x)",
        &["--at", "0"],
        "f(x) = 3*exp(x)\nat x = 0: f(0) = 3\nf(0 + h) = 3*exp(h)\nby the law of exponents, f(0 + h) = 3*exp(h)\n[f(0 + h) - f(0)]/h = (3*exp(h) - 3)/h = 3*(exp(h) - 1)/h\nthe standard limits: (exp(h) - 1)/h -> 1\nlimit as h -> 0: 3",
    ),
    (
        "2*cos(x)",
        &["--at", "pi/3"],
        "f(x) = 2*cos(x)\nat x = pi/3: f(pi/3) = 1\nf((pi/3) + h) = 2*cos(h + pi/3)\nby the sum formula, f((pi/3) + h) = cos(h) - sqrt(3)*sin(h)\n[f((pi/3) + h) - f((pi/3))]/h = (cos(h) - sqrt(3)*sin(h) - 1)/h = (cos(h) - 1)/h - sqrt(3)*sin(h)/h\nthe standard limits: sin(h)/h -> 1 and (cos(h) - 1)/h -> 0\nlimit as h -> 0: -sqrt(3)",
    ),
    (
        // A negative coefficient turns the sign between the terms: no `- -`.
        "-cos(x)/2",
        &[],
        "f(x) = -cos(x)/2\nf(x + h) = -cos(h + x)/2\nby the sum formula, f(x + h) = -cos(x)/2*cos(h) + sin(x)/2*sin(h)\n[f(x + h) - f(x)]/h = (-cos(x)/2*cos(h) + sin(x)/2*sin(h) + cos(x)/2)/h = -cos(x)/2*(cos(h) - 1)/h + sin(x)/2*sin(h)/h\nthe standard limits: sin(h)/h -> 1 and (cos(h) - 1)/h -> 0\nlimit as h -> 0: sin(x)/2",
    ),
    (
        "x*sin(x)",
        &[],
        "f(x) = x*sin(x)\nf(x + h) = sin(h + x)*(h + x)\n[f(x + h) - f(x)]/h, with u = x, v = sin(x): minus and plus u(x + h)*v(x) = (h + x)*[sin(h + x) - sin(x)]/h + sin(x)*[(h + x) - x]/h\nthe parts' limits: [(h + x) - x]/h -> 1 and [sin(h + x) - sin(x)]/h -> cos(x) (each by first principles: diff ... --definition), and (h + x) -> x as h -> 0\nlimit as h -> 0: x*cos(x) + sin(x)",
    ),
    (
        "sin(x)/x",
        &[],
        "f(x) = sin(x)/x\nf(x + h) = sin(h + x)/(h + x)\n[f(x + h) - f(x)]/h, with u = sin(x), v = x: over a common denominator, minus and plus u(x)*v(x) = (x*[sin(h + x) - sin(x)]/h - sin(x)*[(h + x) - x]/h)/((h + x)*x)\nthe parts' limits: [sin(h + x) - sin(x)]/h -> cos(x) and [(h + x) - x]/h -> 1 (each by first principles: diff ... --definition), and (h + x) -> x as h -> 0\nlimit as h -> 0: cos(x)/x - sin(x)/x^2",
    ),
    (
        "sin(x^2)",
        &[],
        "first principles do not carry through for sin(x^2) here (they do for rational functions, square roots of polynomials, c*sin, c*cos, c*exp, c*ln of x, and products and quotients of those); the rules do; numerically, at x = 1 the quotient [f(x+h) - f(x)]/h is h = 1e-2: 1.068936948, h = 1e-4: 1.080490324; see --steps for the rules\nd/dx = 2*x*cos(x^2)",
    ),
];

const STEPS: &[(&str, &[&str], &str)] = &[
    (
        "x^3",
        &[],
        "power rule: d/dx x^n = n*x^(n - 1), with n = 3, n - 1 = 3 - 1 = 2\n  d/dx x^3 = 3*x^2\nresult: 3*x^2",
    ),
    (
        "5*x^4 + 7",
        &[],
        "power rule: d/dx x^n = n*x^(n - 1), with n = 4, n - 1 = 4 - 1 = 3\n  d/dx x^4 = 4*x^3\nconstant multiple rule: d/dx (c*u) = c*d/dx u, with c = 5, u = x^4\n  d/dx (5*x^4) = 5*(4*x^3) = 20*x^3\nsum rule: d/dx (u + v) = d/dx u + d/dx v\n  d/dx (5*x^4 + 7) = 0 + (20*x^3) = 20*x^3\nresult: 20*x^3",
    ),
    (
        "x*sin(x)",
        &[],
        "sin rule\n  d/dx sin(x) = cos(x)\nproduct rule: d/dx (u*v) = u'*v + u*v', with u = x, v = sin(x), u' = 1, v' = cos(x)\n  d/dx (x*sin(x)) = 1*sin(x) + x*cos(x) = x*cos(x) + sin(x)\nresult: x*cos(x) + sin(x)",
    ),
    (
        "sin(x)/x",
        &[],
        "sin rule\n  d/dx sin(x) = cos(x)\nquotient rule: (u/v)' = (u'*v - u*v')/v^2, with u = sin(x), v = x, u' = cos(x), v' = 1\n  d/dx (sin(x)/x) = (cos(x)*x - sin(x)*1)/x^2 = (x*cos(x) - sin(x))/x^2\nsimplify: (x*cos(x) - sin(x))/x^2 = cos(x)/x - sin(x)/x^2\nresult: cos(x)/x - sin(x)/x^2",
    ),
    (
        "x/(x+1)",
        &[],
        "sum rule: d/dx (u + v) = d/dx u + d/dx v\n  d/dx (x + 1) = 0 + 1 = 1\nquotient rule: (u/v)' = (u'*v - u*v')/v^2, with u = x, v = x + 1, u' = 1, v' = 1\n  d/dx (x/(x + 1)) = (1*(x + 1) - x*1)/(x + 1)^2 = 1/(x + 1)^2\nresult: 1/(x + 1)^2",
    ),
    (
        "x^(1/2)",
        &[],
        "power rule: d/dx x^n = n*x^(n - 1), with n = 1/2, n - 1 = 1/2 - 1 = -1/2\n  d/dx sqrt(x) = (1/2)*x^(-1/2) = 1/(2*sqrt(x))\nresult: 1/(2*sqrt(x))",
    ),
    (
        "x^(-2)",
        &[],
        "power rule: d/dx x^n = n*x^(n - 1), with n = -2, n - 1 = -2 - 1 = -3\n  d/dx 1/x^2 = (-2)*x^(-3) = -2/x^3\nresult: -2/x^3",
    ),
    (
        "sin(x^2)",
        &[],
        "power rule: d/dx x^n = n*x^(n - 1), with n = 2, n - 1 = 2 - 1 = 1\n  d/dx x^2 = 2*x^1 = 2*x\nchain rule (sin): d/dx sin(u) = cos(u)*u', with u = x^2, u' = 2*x\n  d/dx sin(x^2) = cos(x^2)*(2*x) = 2*x*cos(x^2)\nresult: 2*x*cos(x^2)",
    ),
    (
        "exp(-x^2)",
        &[],
        "power rule: d/dx x^n = n*x^(n - 1), with n = 2, n - 1 = 2 - 1 = 1\n  d/dx x^2 = 2*x^1 = 2*x\nconstant multiple rule: d/dx (c*u) = c*d/dx u, with c = -1, u = x^2\n  d/dx (-x^2) = (-1)*(2*x) = -2*x\nchain rule (exp): d/dx exp(u) = exp(u)*u', with u = -x^2, u' = -2*x\n  d/dx exp(-x^2) = exp(-x^2)*(-2*x) = -2*x*exp(-x^2)\nresult: -2*x*exp(-x^2)",
    ),
    (
        "sigmoid(w*x + b)",
        &["--wrt", "w"],
        "constant multiple rule: d/dw (c*u) = c*d/dw u, with c = x, u = w\n  d/dw (w*x) = x*1 = x\nsum rule: d/dw (u + v) = d/dw u + d/dw v\n  d/dw (w*x + b) = 0 + x = x\nchain rule (sigmoid): d/dw sigmoid(u) = (sigmoid(u)*(1 - sigmoid(u)))*u', with u = w*x + b, u' = x\n  d/dw sigmoid(w*x + b) = (sigmoid(w*x + b)*(1 - sigmoid(w*x + b)))*x = x*sigmoid(w*x + b)*(1 - sigmoid(w*x + b))\nresult: x*sigmoid(w*x + b)*(1 - sigmoid(w*x + b))",
    ),
    (
        "x^3",
        &["--order", "2"],
        "power rule: d/dx x^n = n*x^(n - 1), with n = 3, n - 1 = 3 - 1 = 2\n  d/dx x^3 = 3*x^2\nf''(x) = d/dx (3*x^2):\npower rule: d/dx x^n = n*x^(n - 1), with n = 2, n - 1 = 2 - 1 = 1\n  d/dx x^2 = 2*x^1 = 2*x\nconstant multiple rule: d/dx (c*u) = c*d/dx u, with c = 3, u = x^2\n  d/dx (3*x^2) = 3*(2*x) = 6*x\nresult: 6*x",
    ),
];

const NOTATIONS: &[(&str, &str, &str)] = &[
    ("operator", "1", "d/dx (x⁵) = 5x⁴"),
    ("operator", "2", "d²/dx² (x⁵) = 20x³"),
    ("operator", "3", "d³/dx³ (x⁵) = 60x²"),
    ("operator", "4", "d⁴/dx⁴ (x⁵) = 120x"),
    ("leibniz", "1", "y = x⁵\ndy/dx = 5x⁴"),
    ("leibniz", "2", "y = x⁵\nd²y/dx² = 20x³"),
    ("leibniz", "3", "y = x⁵\nd³y/dx³ = 60x²"),
    ("leibniz", "4", "y = x⁵\nd⁴y/dx⁴ = 120x"),
    ("lagrange", "1", "f(x) = x⁵\nf'(x) = 5x⁴"),
    ("lagrange", "2", "f(x) = x⁵\nf''(x) = 20x³"),
    ("lagrange", "3", "f(x) = x⁵\nf'''(x) = 60x²"),
    ("lagrange", "4", "f(x) = x⁵\nf⁽⁴⁾(x) = 120x"),
];

#[test]
fn definitions() {
    for (f, extra, expected) in DEFINITIONS {
        let mut args = vec!["diff", f, "--definition"];
        args.extend_from_slice(extra);
        assert_eq!(&run_ok(&args), expected, "--definition of {f} {extra:?}");
        // The last line is diff's own answer (at the point, diff --at's).
        let mut diff = vec!["diff", f];
        diff.extend_from_slice(extra);
        let answer = run_ok(&diff);
        let answer = answer.split("  #").next().unwrap();
        assert!(expected.lines().last().unwrap().ends_with(&format!(" {answer}")), "{f}: {answer}");
    }
}

#[test]
fn steps() {
    for (f, extra, expected) in STEPS {
        let mut args = vec!["diff", f, "--steps"];
        args.extend_from_slice(extra);
        assert_eq!(&run_ok(&args), expected, "--steps of {f}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&run_ok(&["--format", "json", "diff", "sin(x^2)", "--steps"])).unwrap();
    // Sub-derivations first: d/dx x^2, then the chain rule that uses it.
    assert_eq!(json["steps"][0]["rule"], "power");
    assert_eq!(json["steps"][0]["with"]["n"], "2");
    assert_eq!(json["steps"][1]["rule"], "chain (sin)");
    assert_eq!(json["steps"][1]["kind"], "rule");
    assert_eq!(json["steps"][1]["with"]["u"], "x^2");
    assert_eq!(json["steps"][1]["template"], "d/dx sin(u) = cos(u)*u'");
    assert_eq!(json["steps"][1]["result"], "2*x*cos(x^2)");
    // A simplification is an equality, never a derivative.
    let plain = run_ok(&["diff", "x/(x+1)", "--steps"]);
    assert!(!plain.contains("simplify rule: d/dx"), "{plain}");
    let quotient = run_ok(&["diff", "sin(x)/x", "--steps"]);
    assert!(
        quotient
            .contains("= (x*cos(x) - sin(x))/x^2\nsimplify: (x*cos(x) - sin(x))/x^2 = cos(x)/x - sin(x)/x^2"),
        "{quotient}"
    );
}

#[test]
fn notations() {
    for (notation, order, expected) in NOTATIONS {
        let out = run_ok(&[
            "--format",
            "pretty",
            "--color",
            "never",
            "diff",
            "x^5",
            "--order",
            order,
            "--notation",
            notation,
        ]);
        assert_eq!(&out, expected, "{notation}, order {order}");
    }
    let partial = run_ok(&[
        "--format",
        "pretty",
        "--color",
        "never",
        "diff",
        "x^2*y",
        "--wrt",
        "y",
        "--notation",
        "lagrange",
    ]);
    assert_eq!(partial, "∂/∂y (x²·y) = x²");
    assert_eq!(run_ok(&["diff", "x^5", "--notation", "leibniz"]), "5*x^4", "plain output stays bare");
}

fn expression() -> impl Strategy<Value = String> {
    let leaf =
        prop_oneof![Just("x".to_string()), (1i32..9).prop_map(|n| n.to_string()), Just("y".to_string())];
    leaf.prop_recursive(4, 24, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} + {b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a})*({b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a})/({b})")),
            (inner.clone(), 2i32..4).prop_map(|(a, n)| format!("({a})^{n}")),
            (prop::sample::select(vec!["sin", "exp", "ln", "sqrt", "tanh", "sigmoid"]), inner)
                .prop_map(|(f, a)| format!("{f}({a})")),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, rng_seed: proptest::test_runner::RngSeed::Fixed(7), ..ProptestConfig::default() })]

    #[test]
    fn the_last_step_is_diffs_answer(e in expression()) {
        let Ok(f) = dcalc::parse(&e) else { return Ok(()) };
        let answer = dcalc::derivative(&f, "x").unwrap();
        let (result, steps) = dcalc::analysis::tutor::explain(&f, "x").unwrap();
        prop_assert_eq!(&result, &answer);
        // The last step (the outermost rule, or the simplification after it) ends at diff's answer.
        if let Some(last) = steps.last() {
            prop_assert_eq!(&last.result, &answer, "{}", e);
        }
    }
}

/// Issue 12: grading a student's answer, decided exactly.
#[test]
fn grading_a_students_answer() {
    let grade = |f: &str, answer: &str| {
        let out = dcalc().args(["diff", f, "--check", answer]).output().unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stdout).trim_end().to_string())
    };
    for (f, answer) in
        [("x^3", "3x^2"), ("x^3", "3x²"), ("x^3", "x^2*3"), ("ln(2x)", "1/x"), ("sin(x)^2", "sin(2x)")]
    {
        let (code, out) = grade(f, answer);
        assert_eq!(code, Some(0), "{f} / {answer}: {out}");
        assert!(out.starts_with("correct: "), "{out}");
    }
    let (code, out) = grade("x^3", "3x^3");
    assert_eq!(code, Some(1));
    assert_eq!(
        out,
        "not equal: d/dx x^3 = 3*x^2, not 3*x^3\nat x = 7/5: the derivative is 147/25, the answer gives 1029/125\nhint: the power rule lowers the exponent by one: d/dx x^n = n*x^(n - 1)"
    );
    let (_, out) = grade("sin(x^2)", "cos(x^2)");
    assert!(
        out.ends_with(
            "hint: the chain rule's inner factor is missing: d/dx sin(u) = cos(u)*u' with u = x^2, u' = 2*x"
        ),
        "{out}"
    );
    let (_, out) = grade("sin(x)/x", "(sin(x) - x*cos(x))/x^2");
    assert!(out.contains("hint: the quotient rule's sign is reversed"), "{out}");
    let (_, out) = grade("x*sin(x)", "cos(x)");
    assert!(out.contains("hint: the derivative of a product is not the product of the derivatives"), "{out}");
    let (_, out) = grade("(x^2+1)^3", "3*(x^2+1)^2");
    assert!(out.contains("u = x^2 + 1, u' = 2*x"), "{out}");
    // No slip recognised: no hint, still the point and both values.
    let (code, out) = grade("exp(x)", "x*exp(x)");
    assert_eq!(code, Some(1));
    assert!(out.contains("at x = 7/5") && !out.contains("hint"), "{out}");
    // Higher orders and every format.
    assert_eq!(grade("x^3", "6x").0, Some(1));
    assert_eq!(
        dcalc().args(["diff", "x^3", "--order", "2", "--check", "6x"]).output().unwrap().status.code(),
        Some(0)
    );
    let v: serde_json::Value =
        serde_json::from_str(&run_ok_or_no(&["--format", "json", "diff", "x^3", "--check", "3x^3"])).unwrap();
    assert_eq!(v["correct"], false);
    assert_eq!(v["at"]["x"], "7/5");
    assert_eq!(v["expected"], "147/25");
    let latex = run_ok(&["--format", "latex", "diff", "x^3", "--check", "3*x^2"]);
    assert!(latex.contains("\\frac{d}{dx}"), "{latex}");
}

fn run_ok_or_no(args: &[&str]) -> String {
    String::from_utf8_lossy(&dcalc().args(args).output().unwrap().stdout).to_string()
}
