//! The labelled fallback: numeric evidence at high precision, for what the
//! series rules cannot decide. f is evaluated (exactly or with correct
//! digits) at points ever closer to the target; a limit is reported only
//! when the samples settle, and only as an approximation — never as an
//! exact number, and never 10⁻¹⁹² dressed up as a derivative.

use super::Limit;
use crate::engine::domain::{Domain, Membership};
use crate::engine::expr::Expr;
use crate::engine::simplify::{add, int, mul, pow};
use crate::numeric::eval::substitute;
use crate::numeric::precise;
use std::collections::HashMap;

/// Most working precision for one sample (enough for the cancellation in
/// a difference quotient at h = 10⁻¹⁹², with digits to spare).
const MAX_BITS: usize = 4096;

/// Offsets 10⁻ᵏ from a point.
const STEPS: [i64; 8] = [4, 8, 16, 32, 64, 96, 128, 192];

/// Two scales for the offsets, neither a round number: a function that
/// lines up on round points (x − floor(x) at 10ᵏ, sin(π/x) at 10⁻ᵏ) shows
/// two different "limits" and is not trusted.
const SCALES: [(i64, i64); 3] =
    [(1_234_567, 1_000_000), (2_718_281, 1_000_000), (1_414_213_562, 1_000_000_000)];

/// Where the samples sit: a ± c·10⁻ᵏ for one of the scales c.
pub fn sample_point(a: &Expr, side: i8, k: i64, scale: usize) -> Expr {
    let (n, d) = SCALES[scale % SCALES.len()];
    let offset =
        mul(vec![int(i64::from(side)), crate::engine::simplify::ratio(n, d), pow(&int(10), &int(-k))]);
    add(vec![a.clone(), offset])
}

/// The limit of `g(x)` as x → a from `side`, read off two sequences of
/// samples; it counts only when both settle on the same value.
pub fn limit(g: &Expr, var: &str, domain: &Domain, a: &Expr, side: i8) -> Limit {
    // A function that jumps (sign, step, floor, ceil) takes few values:
    // two precisions agree on them by chance, so its samples prove nothing.
    if has_jumps(g) {
        return Limit::Unknown;
    }
    let first = along(g, var, domain, |k| sample_point(a, side, k, 0));
    let second = along(g, var, domain, |k| sample_point(a, side, k, 1));
    match (&first, &second) {
        (Limit::Approx(x), Limit::Approx(y)) if (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0) => {
            first
        }
        (Limit::Approx(_), Limit::Approx(_)) => Limit::Unknown,
        _ if first == second => first,
        _ => Limit::Unknown,
    }
}

fn has_jumps(e: &Expr) -> bool {
    use crate::engine::expr::Kind;
    let jumps = matches!(e.kind(), Kind::Func(f, _) if matches!(f.def().kink, Some((crate::engine::functions::Kink::Jump, _))));
    jumps || matches!(e.kind(), Kind::Piecewise(_)) || e.children().iter().any(has_jumps)
}

/// One sequence of samples; `at(k)` gives the sample point for step k and
/// the domain is checked at each one.
fn along(g: &Expr, var: &str, domain: &Domain, at: impl Fn(i64) -> Expr) -> Limit {
    let mut values = Vec::new();
    for k in STEPS {
        let x = at(k);
        let point = HashMap::from([(var.to_string(), x)]);
        match domain.at(&point) {
            Membership::Inside => {}
            Membership::Outside(_) => return Limit::Undefined,
            Membership::Unknown(_) => return Limit::Unknown,
        }
        let v = substitute(g, &point);
        if v.has_division_by_zero() {
            return Limit::Undefined;
        }
        // Inside the domain, a value that cannot be computed (it
        // overflows every float, or does not settle within the working
        // precisions allowed) is not evidence of anything.
        match precise::value_within(&v, MAX_BITS) {
            Ok(Some(v)) if !v.is_nan() => values.push(v),
            _ => return Limit::Unknown,
        }
    }
    classify(&values)
}

fn classify(values: &[f64]) -> Limit {
    let n = values.len();
    let last = values[n - 1];
    if values[n - 3..].iter().all(|v| v.is_infinite() || v.abs() > 1e150) {
        let signs: Vec<bool> = values[n - 3..].iter().map(|v| *v > 0.0).collect();
        if signs.iter().all(|s| *s == signs[0]) {
            return if signs[0] { Limit::PlusInfinity } else { Limit::MinusInfinity };
        }
        return Limit::Unknown;
    }
    if !last.is_finite() {
        return Limit::Unknown;
    }
    let scale = last.abs().max(1.0);
    let distances: Vec<f64> = values[..n - 1].iter().map(|v| (v - last).abs()).collect();
    let shrinking = distances[distances.len() - 4..].windows(2).all(|w| w[1] <= w[0]);
    if shrinking && distances[n - 2] <= 1e-9 * scale {
        return Limit::Approx(if last.abs() < 1e-30 { 0.0 } else { last });
    }
    let growing = values.windows(2).all(|w| w[1].abs() > w[0].abs()) && last.abs() > 1e30;
    if growing {
        return if last > 0.0 { Limit::PlusInfinity } else { Limit::MinusInfinity };
    }
    // Samples that wander are no proof of oscillation (they may converge
    // further in, or be noise): say nothing rather than guess.
    Limit::Unknown
}
