//! Grading a student's derivative (`diff EXPR --check ANSWER`): equal by
//! exact simplification of the difference, or by exact evaluation at
//! rational points (high precision, signs proved) — never a float compare.
//! A wrong answer gets a point where the two differ, and a hint when it is
//! a classic slip (a missing chain factor, the quotient rule's sign, …).

use super::derivative::derivative;
use crate::engine::expr::{Expr, Kind};
use crate::engine::simplify::{add, as_quotient, constant, mul, pow, ratio, sub};
use crate::numeric::eval::substitute;
use crate::numeric::precise;
use std::cmp::Ordering;
use std::collections::HashMap;

/// Rational points the two sides are compared at (the same for every run:
/// a grade must not change from one run to the next).
const POINTS: [(i64, i64); 8] = [(7, 5), (3, 7), (-5, 11), (13, 6), (2, 9), (-9, 4), (17, 10), (29, 8)];

#[derive(Debug, Clone)]
pub enum Grade {
    /// The same function: the difference simplifies to 0, or is 0 at every
    /// point where both are defined (`points` of them).
    Equal { points: usize },
    /// They differ at this point, with both values there.
    Differ { at: Vec<(String, Expr)>, expected: Expr, given: Expr, hint: Option<String> },
    /// Neither proved: no point where both are defined and the sign of the
    /// difference could be decided.
    Unknown,
}

/// Compare `given` with d/d`var` of `f`.
pub fn grade(f: &Expr, var: &str, given: &Expr, expected: &Expr) -> Grade {
    match compare(expected, given) {
        Grade::Differ { at, expected: e, given: g, .. } => {
            Grade::Differ { hint: slip(f, var, given), at, expected: e, given: g }
        }
        other => other,
    }
}

/// Whether two expressions are the same function of their variables.
pub fn compare(a: &Expr, b: &Expr) -> Grade {
    let difference = crate::engine::tidy::tidy(&sub(a, b));
    if difference.is_zero()
        || crate::engine::tidy::expanded_with_powers(&difference).is_some_and(|d| d.is_zero())
    {
        return Grade::Equal { points: 0 };
    }
    let mut names: Vec<String> =
        a.variables().iter().chain(b.variables().iter()).map(|v| v.to_string()).collect();
    names.sort();
    names.dedup();
    let mut agreed = 0;
    for (k, _) in POINTS.iter().enumerate() {
        // Each variable its own point, so x - y is not 0 on the diagonal.
        let at: Vec<(String, Expr)> = names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let (p, q) = POINTS[(k + 3 * i) % POINTS.len()];
                (n.clone(), ratio(p, q))
            })
            .collect();
        let values: HashMap<String, Expr> = at.iter().cloned().collect();
        let (va, vb) = (substitute(a, &values), substitute(b, &values));
        // Only where both are defined (and evaluate) is the comparison fair.
        if precise::value(&va).is_err() || precise::value(&vb).is_err() {
            continue;
        }
        match precise::sign(&sub(&va, &vb)) {
            Ok(Some(Ordering::Equal)) | Ok(None) => agreed += 1,
            Ok(Some(_)) => return Grade::Differ { at, expected: va, given: vb, hint: None },
            Err(_) => continue,
        }
    }
    if agreed >= 3 { Grade::Equal { points: agreed } } else { Grade::Unknown }
}

/// A classic slip that `given` equals, in words.
fn slip(f: &Expr, var: &str, given: &Expr) -> Option<String> {
    let same = |candidate: Expr| matches!(compare(&candidate, given), Grade::Equal { .. });
    let d = |e: &Expr| derivative(e, var).ok();
    let p = crate::render::plain;
    match f.kind() {
        Kind::Func(func, args) if args.len() == 1 && !matches!(args[0].kind(), Kind::Var(_)) => {
            let u = &args[0];
            let outer = (func.def().derivative)(std::slice::from_ref(u)).into_iter().next()?;
            let in_u = (func.def().derivative)(&[crate::engine::simplify::var("u")]).into_iter().next()?;
            same(outer).then(|| {
                format!(
                    "the chain rule's inner factor is missing: d/d{var} {}(u) = {}*u' with u = {}, u' = {}",
                    func.name(),
                    p(&in_u),
                    p(u),
                    d(u).map_or_else(|| "?".into(), |du| p(&du))
                )
            })
        }
        Kind::Pow(u, n) if n.free_of(var) && !matches!(u.kind(), Kind::Var(_)) => {
            let outer = mul(vec![n.clone(), pow(u, &add(vec![n.clone(), constant((-1).into())]))]);
            same(outer).then(|| {
                format!(
                    "the chain rule's inner factor is missing: d/d{var} u^n = n*u^(n - 1)*u' with u = {}, u' = {}",
                    p(u),
                    d(u).map_or_else(|| "?".into(), |du| p(&du))
                )
            })
        }
        Kind::Pow(u, n) if n.free_of(var) => {
            let unlowered = mul(vec![n.clone(), f.clone()]);
            same(unlowered).then(|| {
                format!("the power rule lowers the exponent by one: d/d{var} {}^n = n*{}^(n - 1)", p(u), p(u))
            })
        }
        Kind::Mul(factors) => quotient_or_product_slip(factors, var, &same),
        _ => None,
    }
}

/// Slips with u·v and u/v: the quotient rule's sign, or the derivative of
/// a product (quotient) taken as the product (quotient) of derivatives.
fn quotient_or_product_slip(factors: &[Expr], var: &str, same: &dyn Fn(Expr) -> bool) -> Option<String> {
    let moving: Vec<Expr> = factors.iter().filter(|f| !f.free_of(var)).cloned().collect();
    let constant_part = mul(factors.iter().filter(|f| f.free_of(var)).cloned().collect());
    let d = |e: &Expr| derivative(e, var).ok();
    if let Some((u, v)) = as_quotient(&moving, var) {
        let (du, dv) = (d(&u)?, d(&v)?);
        let swapped = mul(vec![
            constant_part.clone(),
            sub(&mul(vec![u.clone(), dv.clone()]), &mul(vec![du.clone(), v.clone()])),
            pow(&v, &constant((-2).into())),
        ]);
        if same(swapped) {
            return Some(
                "the quotient rule's sign is reversed: (u/v)' = (u'*v - u*v')/v^2, u'*v first".into(),
            );
        }
        if !dv.is_zero() && same(mul(vec![constant_part, du, pow(&dv, &constant((-1).into()))])) {
            return Some("the derivative of a quotient is not the quotient of the derivatives: (u/v)' = (u'*v - u*v')/v^2".into());
        }
        return None;
    }
    if moving.len() >= 2 {
        let derivatives: Option<Vec<Expr>> = moving.iter().map(d).collect();
        let product = mul(std::iter::once(constant_part).chain(derivatives?).collect());
        if same(product) {
            return Some(
                "the derivative of a product is not the product of the derivatives: (u*v)' = u'*v + u*v'"
                    .into(),
            );
        }
    }
    None
}
