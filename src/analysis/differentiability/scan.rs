//! The interval scan: find the points of [lo, hi] where the structure
//! says f may fail to be differentiable, and check each.

use super::{Verdict, approx, check, close, decimal_constant};
use crate::engine::expr::{Expr, Kind as Node};
use crate::engine::functions::Function;
use crate::engine::point::Point;
use crate::engine::simplify::{add, constant, func, int, mul, neg};
use crate::numeric::eval::substitute;

/// Points of [lo, hi] where f may fail to be differentiable, from its
/// structure: zeros of kink arguments (integers for floor and ceil), of
/// denominators, of root and logarithm arguments, and poles of tan/sec/cot/csc.
fn suspects(f: &Expr) -> Vec<(Expr, bool)> {
    let mut out = Vec::new();
    let mut stack = vec![f.clone()];
    let mut seen = std::collections::HashSet::new();
    while let Some(e) = stack.pop() {
        if !seen.insert(e.node_ptr()) {
            continue;
        }
        match e.kind() {
            Node::Func(func, args) => {
                let name = *func;
                match name {
                    Function::FLOOR | Function::CEIL => out.push((args[0].clone(), true)),
                    Function::MIN | Function::MAX => {
                        out.push((add(vec![args[0].clone(), neg(&args[1])]), false))
                    }
                    Function::LN | Function::LOG10 | Function::LOG2 => out.push((args[0].clone(), false)),
                    Function::TAN | Function::SEC => out.push((call(Function::COS, &args[0]), false)),
                    Function::COT | Function::CSC => out.push((call(Function::SIN, &args[0]), false)),
                    _ if func.def().kink.is_some() => out.push((args[0].clone(), false)),
                    _ => {}
                }
                stack.extend(args.iter().cloned());
            }
            Node::Pow(b, x) => {
                let fractional = x.as_num().is_none_or(|q| {
                    !crate::engine::number::is_integer(q) || crate::engine::number::is_negative(q)
                });
                if fractional {
                    out.push((b.clone(), false));
                }
                stack.extend([b.clone(), x.clone()]);
            }
            Node::Add(items) | Node::Mul(items) => stack.extend(items.iter().cloned()),
            _ => {}
        }
    }
    out
}

fn call(name: Function, arg: &Expr) -> Expr {
    func(name, vec![arg.clone()])
}

/// Samples of the scan grid over the interval.
const GRID: usize = 4000;

/// Every point of [lo, hi] where f is not differentiable, with its verdict.
pub fn scan(
    f: &crate::engine::domain::Formula,
    var_name: &str,
    fixed: &Point,
    lo: &Expr,
    hi: &Expr,
) -> Vec<Verdict> {
    let (Some(l), Some(h)) = (approx(lo), approx(hi)) else {
        return Vec::new();
    };
    let mut points: Vec<Expr> = Vec::new();
    for (g, integers) in suspects(&f.expr) {
        for root in roots(&g, var_name, fixed, l, h, integers) {
            if !points.iter().any(|p| close(p, &root)) {
                points.push(root);
            }
        }
    }
    points.sort_by(|a, b| approx(a).partial_cmp(&approx(b)).unwrap_or(std::cmp::Ordering::Equal));
    points.into_iter().map(|p| check(f, var_name, fixed, &p)).filter(|v| !v.differentiable()).collect()
}

/// Where `g` is 0 in [lo, hi] (or, with `integers`, an integer): found on a
/// grid, refined by bisection and snapped to an exact rational (or rational
/// multiple of pi) when one is a root.
fn roots(g: &Expr, var_name: &str, fixed: &Point, lo: f64, hi: f64, integers: bool) -> Vec<Expr> {
    let mut values = fixed.approximate().unwrap_or_default();
    let mut at = |x: f64| {
        values.insert(var_name.to_string(), x);
        crate::numeric::eval::evaluate(g, &values).ok()
    };
    let xs: Vec<f64> = (0..=GRID).map(|i| lo + (hi - lo) * i as f64 / GRID as f64).collect();
    let ys: Vec<Option<f64>> = xs.iter().map(|&x| at(x)).collect();
    let mut levels = vec![0.0];
    if integers {
        let finite = ys.iter().flatten().copied();
        let (min, max) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), y| (a.min(y), b.max(y)));
        if min.is_finite() && max - min < 1e5 {
            levels = (min.ceil() as i64..=max.floor() as i64).map(|n| n as f64).collect();
        }
    }
    let mut found = Vec::new();
    for level in levels {
        for i in 0..GRID {
            let (Some(y0), Some(y1)) = (ys[i], ys[i + 1]) else { continue };
            let (d0, d1) = (y0 - level, y1 - level);
            let root = if d0 == 0.0 {
                Some(xs[i])
            } else if d0 * d1 < 0.0 {
                Some(bisect(&mut at, xs[i], xs[i + 1], level))
            } else {
                None
            };
            if let Some(r) = root {
                found.push(snap(r, g, var_name, fixed, level));
            }
        }
        if ys[GRID].is_some_and(|y| y == level) {
            found.push(snap(xs[GRID], g, var_name, fixed, level));
        }
    }
    found
}

fn bisect(at: &mut impl FnMut(f64) -> Option<f64>, mut a: f64, mut b: f64, level: f64) -> f64 {
    let sign_a = at(a).map_or(0.0, |y| (y - level).signum());
    for _ in 0..100 {
        let m = 0.5 * (a + b);
        match at(m) {
            Some(y) if (y - level).signum() == sign_a => a = m,
            Some(_) => b = m,
            None => break,
        }
    }
    0.5 * (a + b)
}

/// An exact point near `x` where g = level exactly, if a simple one is:
/// p/q or (p/q)·pi with q ≤ 64; else the float as a decimal.
fn snap(x: f64, g: &Expr, var_name: &str, fixed: &Point, level: f64) -> Expr {
    let target = crate::engine::number::from_f64(level).map(constant).unwrap_or_else(|| int(0));
    for (scale, unit) in [
        (1.0, int(1)),
        (std::f64::consts::PI, crate::engine::simplify::named(crate::engine::expr::Constant::Pi)),
    ] {
        let y = x / scale;
        for q in 1..=64i64 {
            let p = (y * q as f64).round() as i64;
            if ((p as f64) / (q as f64) - y).abs() > 1e-9 {
                continue;
            }
            let candidate = mul(vec![crate::engine::simplify::ratio(p, q), unit.clone()]);
            let mut point = fixed.exact();
            point.insert(var_name.to_string(), candidate.clone());
            if substitute(g, &point) == target {
                return candidate;
            }
        }
    }
    decimal_constant(x)
}
