//! What a plot shows, as data: the function sampled over an interval and
//! cut into pieces wherever it is undefined or jumps (so that 1/x and
//! floor(x) are never joined by vertical lines), the tangent and secant
//! lines, the points where they touch, and a y-range chosen robustly
//! (poles are clipped, not allowed to flatten the curve). Drawing it, in
//! the terminal or as SVG, is `render::plot`'s job.

use crate::engine::expr::Expr;
use crate::numeric::eval::evaluate;
use std::collections::HashMap;

/// What a curve is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CurveKind {
    Function,
    Derivative,
    Tangent,
    Secant,
    /// A descent's loss by iteration.
    Loss,
}

/// One curve: what it is, its label and its unbroken pieces of (x, y) points.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Curve {
    pub kind: CurveKind,
    pub label: String,
    #[serde(rename = "points")]
    pub pieces: Vec<Vec<(f64, f64)>>,
    /// A secant's step h (from a to a + h).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub h: Option<f64>,
}

/// A marked point: `closed` (a value the function takes: where a line
/// touches it, its value at a jump) or `open` (a limit it does not take:
/// a hole, the end of a piece at a jump).
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Mark {
    pub kind: &'static str,
    pub x: f64,
    pub y: f64,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Figure {
    pub title: String,
    pub x_range: (f64, f64),
    pub y_range: (f64, f64),
    pub curves: Vec<Curve>,
    /// Marked points (where the tangent or secant touches the curve).
    #[serde(skip)]
    pub points: Vec<(f64, f64)>,
    pub marks: Vec<Mark>,
    pub x_ticks: Vec<f64>,
    pub y_ticks: Vec<f64>,
}

/// Round tick positions across a range: steps of 1, 2, 2.5 or 5 × 10ᵏ,
/// about five of them.
pub fn ticks(lo: f64, hi: f64) -> Vec<f64> {
    if hi <= lo || !lo.is_finite() || !hi.is_finite() {
        return Vec::new();
    }
    let rough = (hi - lo) / 5.0;
    let power = 10f64.powf(rough.log10().floor());
    let step =
        [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * power).find(|s| *s >= rough).unwrap_or(10.0 * power);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    (first..=last).map(|i| i as f64 * step).collect()
}

/// Samples of the function across the interval.
const SAMPLES: usize = 600;

/// f(x) in f64, or None outside the domain.
fn value(f: &Expr, var: &str, x: f64) -> Option<f64> {
    evaluate(f, &HashMap::from([(var.to_string(), x)])).ok().filter(|v| v.is_finite())
}

/// Does f jump between a and b? Halve the interval towards the larger
/// change; a continuous function's change shrinks with the interval, a
/// jump's does not.
fn jumps(f: &Expr, var: &str, (a, ya): (f64, f64), (b, yb): (f64, f64)) -> bool {
    let (mut a, mut b, mut ya, mut yb) = (a, b, ya, yb);
    let start = (yb - ya).abs();
    for _ in 0..40 {
        let m = 0.5 * (a + b);
        let Some(ym) = value(f, var, m) else {
            return true;
        };
        if (ym - ya).abs() >= (yb - ym).abs() {
            (b, yb) = (m, ym);
        } else {
            (a, ya) = (m, ym);
        }
        if (b - a) < 1e-12 * (1.0 + a.abs()) {
            break;
        }
    }
    (yb - ya).abs() > 0.2 * start
}

/// f sampled over [lo, hi] in unbroken pieces.
pub fn sample(f: &Expr, var: &str, lo: f64, hi: f64) -> Vec<Vec<(f64, f64)>> {
    let xs: Vec<f64> = (0..=SAMPLES).map(|i| lo + (hi - lo) * i as f64 / SAMPLES as f64).collect();
    let ys: Vec<Option<f64>> = xs.iter().map(|&x| value(f, var, x)).collect();
    // Steps much larger than is typical are checked for a jump.
    let mut steps: Vec<f64> =
        ys.windows(2).filter_map(|w| Some((w[1]? - w[0]?).abs())).filter(|d| d.is_finite()).collect();
    steps.sort_by(f64::total_cmp);
    let typical = steps.get(steps.len() / 2).copied().unwrap_or(0.0);
    let mut pieces: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    for i in 0..xs.len() {
        let Some(y) = ys[i] else {
            if current.len() > 1 {
                pieces.push(std::mem::take(&mut current));
            }
            current.clear();
            continue;
        };
        if let Some(&(px, py)) = current.last() {
            let big = (y - py).abs() > 8.0 * typical + 1e-9;
            if big && jumps(f, var, (px, py), (xs[i], y)) {
                if current.len() > 1 {
                    pieces.push(std::mem::take(&mut current));
                }
                current.clear();
            }
        }
        current.push((xs[i], y));
    }
    if current.len() > 1 {
        pieces.push(current);
    }
    pieces
}

/// A y-range that shows the curve's shape: the middle 94% of its values,
/// widened a little, and always including the marked points.
pub fn y_range(curve: &[Vec<(f64, f64)>], marks: &[(f64, f64)]) -> (f64, f64) {
    let mut ys: Vec<f64> = curve.iter().flatten().map(|p| p.1).collect();
    if ys.is_empty() {
        return (-1.0, 1.0);
    }
    ys.sort_by(f64::total_cmp);
    let q = |f: f64| ys[((ys.len() - 1) as f64 * f).round() as usize];
    let (mut lo, mut hi) = (q(0.03), q(0.97));
    // A bounded curve is shown whole; only a pole's tail is clipped.
    let (min, max) = (ys[0], ys[ys.len() - 1]);
    if max - min <= 3.0 * (hi - lo).max(1e-12) {
        (lo, hi) = (min, max);
    }
    for &(_, y) in marks {
        lo = lo.min(y);
        hi = hi.max(y);
    }
    if hi - lo < 1e-12 {
        return (lo - 1.0, hi + 1.0);
    }
    let pad = 0.08 * (hi - lo);
    (lo - pad, hi + pad)
}

/// A straight line y = m·x + c over the range, as a curve.
pub fn line(kind: CurveKind, label: String, m: f64, c: f64, lo: f64, hi: f64) -> Curve {
    Curve { kind, label, pieces: vec![vec![(lo, m * lo + c), (hi, m * hi + c)]], h: None }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::parse::parse;

    #[test]
    fn poles_and_jumps_break_the_curve() {
        let pieces = sample(&parse("1/x").unwrap(), "x", -2.0, 2.0);
        assert_eq!(pieces.len(), 2);
        assert!(pieces.iter().all(|p| p.iter().all(|(x, _)| *x < 0.0) || p.iter().all(|(x, _)| *x > 0.0)));
        let pieces = sample(&parse("floor(x)").unwrap(), "x", 0.5, 3.5);
        assert_eq!(pieces.len(), 4);
        let pieces = sample(&parse("x^2").unwrap(), "x", -2.0, 4.0);
        assert_eq!(pieces.len(), 1);
        let pieces = sample(&parse("sqrt(x)").unwrap(), "x", -1.0, 1.0);
        assert_eq!(pieces.len(), 1);
    }

    #[test]
    fn poles_do_not_flatten_the_range() {
        let pieces = sample(&parse("1/x").unwrap(), "x", -2.0, 2.0);
        let (lo, hi) = y_range(&pieces, &[]);
        assert!(hi < 100.0 && lo > -100.0, "{lo}..{hi}");
    }
}
