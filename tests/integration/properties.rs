//! Property tests over random expression trees: printing round-trips
//! through the parser, and every derivative agrees with a central
//! difference at random points.

use dcalc::engine::expr::Expr;
use dcalc::engine::functions::Function;
use dcalc::engine::simplify::{add, func, int, mul, pow, ratio, var};
use dcalc::numeric::eval::evaluate;
use dcalc::{derivative, parse, plain};
use proptest::prelude::*;
use proptest::test_runner::RngSeed;
use std::collections::HashMap;

const SMOOTH: [&str; 12] =
    ["sin", "cos", "exp", "ln", "atan", "tanh", "sinh", "cosh", "sigmoid", "softplus", "asinh", "sqrt"];
const ALL: [&str; 10] = ["abs", "relu", "sign", "floor", "tan", "asin", "acos", "log10", "cbrt", "step"];

fn leaf() -> impl Strategy<Value = Expr> {
    prop_oneof![
        3 => Just(var("x")),
        1 => Just(var("y")),
        2 => (-9i64..10).prop_map(int),
        1 => (1i64..9, 2i64..7).prop_map(|(n, d)| ratio(n, d)),
        1 => Just(parse("pi").unwrap()),
        1 => Just(parse("e").unwrap()),
    ]
}

fn tree(functions: &'static [&'static str]) -> impl Strategy<Value = Expr> {
    let with_max = functions.contains(&"abs");
    leaf().prop_recursive(4, 40, 3, move |inner| {
        let max_weight = if with_max { 1 } else { 0 };
        prop_oneof![
            2 => prop::collection::vec(inner.clone(), 2..4).prop_map(add),
            2 => prop::collection::vec(inner.clone(), 2..4).prop_map(mul),
            2 => (inner.clone(), prop_oneof![(-3i64..5).prop_map(int), Just(ratio(1, 2)), Just(ratio(-2, 3))])
                .prop_map(|(b, x)| pow(&b, &x)),
            1 => (inner.clone(), inner.clone()).prop_map(|(b, x)| pow(&b, &x)),
            2 => (prop::sample::select(functions), inner.clone())
                .prop_map(|(f, a)| func(Function::lookup(f).unwrap(), vec![a])),
            max_weight => (inner.clone(), inner).prop_map(|(a, b)| func(Function::lookup("max").unwrap(), vec![a, b])),
        ]
    })
}

fn any_function() -> Vec<&'static str> {
    SMOOTH.iter().chain(ALL.iter()).copied().collect()
}

proptest! {
    // A fixed seed: CI sees the same 3000 cases on every run.
    #![proptest_config(ProptestConfig { cases: 3000, rng_seed: RngSeed::Fixed(20261126), ..ProptestConfig::default() })]

    #[test]
    fn plain_output_parses_back_to_the_same_expression(e in tree(any_function().leak())) {
        prop_assume!(!e.has_division_by_zero(), "1/0 is refused as input");
        let text = plain(&e);
        let back = parse(&text).map_err(|err| TestCaseError::fail(format!("{text}: {err}")))?;
        prop_assert_eq!(&back, &e, "printed as {}", text);
    }

    #[test]
    fn derivatives_print_and_parse_back(e in tree(&SMOOTH)) {
        prop_assume!(!e.has_division_by_zero(), "1/0 is refused as input");
        let d = derivative(&e, "x").unwrap();
        let text = plain(&d);
        prop_assert_eq!(&parse(&text).unwrap(), &d, "d/dx {} printed as {}", plain(&e), text);
    }
}

fn at(x: f64) -> HashMap<String, f64> {
    HashMap::from([("x".to_string(), x), ("y".to_string(), 0.7)])
}

/// Central difference with Richardson extrapolation (error O(h⁴)).
fn numeric_derivative(e: &Expr, x: f64) -> Option<f64> {
    let f = |t: f64| evaluate(e, &at(t)).ok().filter(|v| v.is_finite());
    let d = |h: f64| Some((f(x + h)? - f(x - h)?) / (2.0 * h));
    let richardson = |h: f64| Some((4.0 * d(h / 2.0)? - d(h)?) / 3.0);
    let h = 1e-4 * x.abs().max(1.0);
    // Only an estimate that holds still when h shrinks tenfold is trusted
    // (cos(x^8)^24 near x = 2 oscillates too fast for any h here).
    let (coarse, fine) = (richardson(h)?, richardson(h / 10.0)?);
    ((coarse - fine).abs() <= 1e-6 * (1.0 + fine.abs())).then_some(fine)
}

proptest! {
    // A fixed seed: CI sees the same 3000 cases on every run.
    #![proptest_config(ProptestConfig { cases: 3000, rng_seed: RngSeed::Fixed(20261126), ..ProptestConfig::default() })]

    #[test]
    fn derivative_agrees_with_central_difference(e in tree(&SMOOTH), x in 0.2f64..3.0) {
        let d = derivative(&e, "x").unwrap();
        let (Some(numeric), Ok(symbolic)) = (numeric_derivative(&e, x), evaluate(&d, &at(x))) else {
            return Ok(()); // outside the domain near x
        };
        // Skip where the function is too steep or large for a finite difference to be trusted.
        let scale = evaluate(&e, &at(x)).unwrap_or(0.0).abs().max(1.0);
        prop_assume!(symbolic.abs() < 1e6 && scale < 1e6);
        let second = numeric_derivative(&d, x);
        prop_assume!(second.is_some_and(|s| s.abs() < 1e4));
        let tolerance = 1e-5 * (1.0 + symbolic.abs() + scale);
        prop_assert!(
            (numeric - symbolic).abs() <= tolerance,
            "f = {}, f' = {}, at x = {}: symbolic {} vs numeric {}",
            plain(&e), plain(&d), x, symbolic, numeric
        );
    }
}

proptest! {
    // Issue 13: the autograd tape's leaves' adjoints are the symbolic
    // gradient, on a few hundred random losses in x and y.
    #![proptest_config(ProptestConfig { cases: 400, rng_seed: RngSeed::Fixed(20261127), ..ProptestConfig::default() })]

    #[test]
    fn the_tape_s_adjoints_are_the_symbolic_gradient(e in tree(&SMOOTH), x in -2.0f64..2.0) {
        let values = at(x);
        let Ok(nodes) = dcalc::ml::autograd::record(&e, &values) else { return Ok(()) };
        for name in ["x", "y"] {
            let adjoint = nodes.iter().find(|n| n.name.as_deref() == Some(name)).map_or(0.0, |n| n.adjoint);
            let Ok(symbolic) = evaluate(&derivative(&e, name).unwrap(), &values) else { continue };
            prop_assume!(symbolic.is_finite() && adjoint.is_finite());
            let scale = symbolic.abs().max(1.0);
            prop_assert!(
                (adjoint - symbolic).abs() <= 1e-9 * scale,
                "d/d{} {} at x = {}: tape {} vs symbolic {}", name, plain(&e), x, adjoint, symbolic
            );
        }
    }
}
