//! Learning aids: --definition, --steps and --notation, as snapshots
//! (reviewed by hand), and the property that --steps ends where diff does.

use crate::run_ok;
use proptest::prelude::*;

const DEFINITIONS: &[(&str, &str)] = &[
    (
        "x^2",
        "f(x) = x^2\nf(x + h) = (h + x)^2\nf(x + h) - f(x) = h^2 + 2*h*x\n[f(x + h) - f(x)]/h = h + 2*x\nlimit as h -> 0: 2*x",
    ),
    (
        "x^3",
        "f(x) = x^3\nf(x + h) = (h + x)^3\nf(x + h) - f(x) = h^3 + 3*h^2*x + 3*h*x^2\n[f(x + h) - f(x)]/h = h^2 + 3*h*x + 3*x^2\nlimit as h -> 0: 3*x^2",
    ),
    (
        "3x^2 + 2x + 1",
        "f(x) = 3*x^2 + 2*x + 1\nf(x + h) = 2*(h + x) + 3*(h + x)^2 + 1\nf(x + h) - f(x) = 3*h^2 + 6*h*x + 2*h\n[f(x + h) - f(x)]/h = 3*h + 6*x + 2\nlimit as h -> 0: 6*x + 2",
    ),
    (
        "1/x",
        "f(x) = 1/x\nf(x + h) = 1/(h + x)\nf(x + h) - f(x) = -h/(x*(h + x))\n[f(x + h) - f(x)]/h = -1/(x*(h + x))\nlimit as h -> 0: -1/x^2",
    ),
    (
        "1/x^2",
        "f(x) = 1/x^2\nf(x + h) = 1/(h + x)^2\nf(x + h) - f(x) = (-h^2 - 2*h*x)/(x^2*(h + x)^2)\n[f(x + h) - f(x)]/h = (-h - 2*x)/(x^2*(h + x)^2)\nlimit as h -> 0: -2/x^3",
    ),
    (
        "sqrt(x)",
        "f(x) = sqrt(x)\nf(x + h) = sqrt(h + x)\n[f(x + h) - f(x)]/h = (sqrt(h + x) - sqrt(x))/h\ntimes (sqrt(x) + sqrt(h + x)) over itself: (h + x - x)/(h*(sqrt(x) + sqrt(h + x)))\ncancel h: 1/(sqrt(x) + sqrt(h + x))\nlimit as h -> 0: 1/(2*sqrt(x))",
    ),
    (
        "(x+1)/(x-1)",
        "f(x) = (x + 1)/(x - 1)\nf(x + h) = (h + x + 1)/(h + x - 1)\nf(x + h) - f(x) = -2*h/((h + x - 1)*(x - 1))\n[f(x + h) - f(x)]/h = -2/((h + x - 1)*(x - 1))\nlimit as h -> 0: -2/(x - 1)^2",
    ),
    (
        "sin(x)",
        "the algebra does not close for sin(x): first principles work here for rational functions and square roots of polynomials; numerically, at x = 1 the quotient [f(x+h) - f(x)]/h is h = 1e-2: 0.536085981, h = 1e-4: 0.5402602314; see --steps for the rules\nd/dx = cos(x)",
    ),
];

const STEPS: &[(&str, &[&str], &str)] = &[
    ("x^3", &[], "power rule: d/dx x^3 = 3*x^2\nresult: 3*x^2"),
    (
        "5*x^4 + 7",
        &[],
        "sum rule: d/dx (5*x^4 + 7) = 20*x^3\nconstant rule: d/dx 7 = 0\nconstant multiple rule: d/dx (5*x^4) = 20*x^3\npower rule: d/dx x^4 = 4*x^3\nresult: 20*x^3",
    ),
    (
        "x*sin(x)",
        &[],
        "product rule: d/dx (x*sin(x)) = x*cos(x) + sin(x)\nsin rule: d/dx sin(x) = cos(x)\nresult: x*cos(x) + sin(x)",
    ),
    (
        "sin(x)/x",
        &[],
        "quotient rule (as u*v^-1): d/dx (sin(x)/x) = cos(x)/x - sin(x)/x^2\nsin rule: d/dx sin(x) = cos(x)\npower rule: d/dx 1/x = -1/x^2\nresult: cos(x)/x - sin(x)/x^2",
    ),
    (
        "sin(x^2)",
        &[],
        "chain rule (sin), u = x^2: d/dx sin(x^2) = 2*x*cos(x^2)\npower rule: d/dx x^2 = 2*x\nresult: 2*x*cos(x^2)",
    ),
    (
        "exp(-x^2)",
        &[],
        "chain rule (exp), u = -x^2: d/dx exp(-x^2) = -2*x*exp(-x^2)\nconstant multiple rule: d/dx (-x^2) = -2*x\npower rule: d/dx x^2 = 2*x\nresult: -2*x*exp(-x^2)",
    ),
    (
        "sigmoid(w*x + b)",
        &["--wrt", "w"],
        "chain rule (sigmoid), u = w*x + b: d/dw sigmoid(w*x + b) = x*sigmoid(w*x + b)*(1 - sigmoid(w*x + b))\nsum rule: d/dw (w*x + b) = x\nconstant rule: d/dw b = 0\nconstant multiple rule: d/dw (w*x) = x\nresult: x*sigmoid(w*x + b)*(1 - sigmoid(w*x + b))",
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
    for (f, expected) in DEFINITIONS {
        assert_eq!(&run_ok(&["diff", f, "--definition"]), expected, "--definition of {f}");
        // The last line is diff's own answer.
        let answer = run_ok(&["diff", f]);
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
    assert_eq!(json["steps"][0]["rule"], "chain (sin)");
    assert_eq!(json["steps"][0]["inner"], "x^2");
    assert_eq!(json["steps"][0]["result"], "2*x*cos(x^2)");
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
        let (result, steps) = dcalc::analysis::derivative::derivative_with_steps(&f, "x").unwrap();
        prop_assert_eq!(&result, &answer);
        if let Some(last) = steps.iter().rev().find(|s| s.rule == dcalc::analysis::derivative::Rule::Simplify).or(steps.first()) {
            prop_assert_eq!(&last.result, &answer, "{}", e);
        }
    }
}
