//! Kinks and junctions at a point: which kinked function of an expression
//! sits exactly on its kink there, which piecewise condition sits on its
//! boundary, and an expression's value approached from one side.

use crate::engine::expr::{Expr, Kind};
use crate::engine::functions::{Function, Kink};
use crate::engine::point::Point;
use crate::engine::simplify::{constant, func};
use crate::numeric::eval::{evaluate, substitute};
use std::collections::HashMap;

/// Is some kinked function of `e` exactly at its kink at this point?
pub fn has_active_kink(e: &Expr, point: &HashMap<String, Expr>) -> bool {
    active_kink(e, point, |_| true).is_some()
}

/// The first function of `e` (that `wanted` accepts) whose arguments sit
/// exactly on one of its kinks at this point.
pub fn active_kink(
    e: &Expr,
    point: &HashMap<String, Expr>,
    wanted: impl Fn(Function) -> bool,
) -> Option<Function> {
    let mut stack = vec![e.clone()];
    while let Some(e) = stack.pop() {
        match e.kind() {
            Kind::Func(f, args) => {
                if f.def().kink.is_some() && wanted(*f) {
                    let values: Vec<Expr> = args.iter().map(|a| substitute(a, point)).collect();
                    if f.at_kink(&values) {
                        return Some(*f);
                    }
                }
                stack.extend(args.iter().cloned());
            }
            Kind::Add(items) | Kind::Mul(items) => stack.extend(items.iter().cloned()),
            Kind::Pow(b, x) => stack.extend([b.clone(), x.clone()]),
            _ => {}
        }
    }
    None
}

/// Whether some piecewise condition of `e` sits on its boundary at the
/// point (its two sides equal there, or too close to tell apart).
pub fn at_junction(e: &Expr, point: &HashMap<String, Expr>) -> bool {
    let mut stack = vec![e.clone()];
    while let Some(e) = stack.pop() {
        if let Kind::Cmp(_, sides) = e.kind() {
            let d = substitute(&crate::engine::simplify::sub(&sides[0], &sides[1]), point);
            if !matches!(crate::numeric::precise::sign(&d), Ok(Some(s)) if s != std::cmp::Ordering::Equal) {
                return true;
            }
        }
        if e.has_variables() {
            stack.extend(e.children().iter().cloned());
        }
    }
    false
}

/// `e` at the point, approached from one side along `var`: every jump
/// function sitting exactly on its jump takes its one-sided value, read
/// off just beside the point (these functions are locally constant there).
pub fn one_sided(e: &Expr, point: &Point, var: &str, side: f64) -> Expr {
    let exact = point.exact();
    let mut nearby = point.approximate().unwrap_or_default();
    if let Some(v) = nearby.get_mut(var) {
        *v += side * 1e-9 * v.abs().max(1.0);
    }
    rebuild(e, &exact, &nearby)
}

fn rebuild(e: &Expr, exact: &HashMap<String, Expr>, nearby: &HashMap<String, f64>) -> Expr {
    match e.kind() {
        Kind::Func(f, args) => {
            let values: Vec<Expr> = args.iter().map(|a| rebuild(a, exact, nearby)).collect();
            match f.def().kink {
                Some((Kink::Jump, _)) if f.at_kink(&values) => {
                    let shifted: Option<Vec<f64>> = args.iter().map(|a| evaluate(a, nearby).ok()).collect();
                    let side_value = shifted.and_then(|s| (f.def().eval)(&s).ok());
                    match side_value.and_then(|v| dashu_ratio::RBig::try_from(v).ok()) {
                        Some(q) => constant(q),
                        None => func(*f, values),
                    }
                }
                _ => func(*f, values),
            }
        }
        Kind::Add(items) => {
            crate::engine::simplify::add(items.iter().map(|t| rebuild(t, exact, nearby)).collect())
        }
        Kind::Mul(items) => {
            crate::engine::simplify::mul(items.iter().map(|t| rebuild(t, exact, nearby)).collect())
        }
        Kind::Pow(b, x) => {
            crate::engine::simplify::pow(&rebuild(b, exact, nearby), &rebuild(x, exact, nearby))
        }
        _ => substitute(e, exact),
    }
}
