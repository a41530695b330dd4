//! The derivative from first principles, the way the lesson works it:
//! write f(x + h), expand f(x + h) − f(x), divide by h, cancel h, let
//! h → 0. The algebra closes for rational functions (polynomials among
//! them) and for square roots of polynomials (via the conjugate); for
//! anything else the derivation says so.

use crate::engine::expr::{Expr, Kind};
use crate::engine::number;
use crate::engine::simplify::{add, int, mul, neg, pow, ratio, var};
use crate::numeric::eval::substitute;
use std::collections::HashMap;

/// Most terms an expansion may have before the derivation gives up.
const MAX_TERMS: usize = 400;

/// One line of a derivation: what it says, and the expression.
#[derive(Debug, Clone)]
pub struct Line {
    pub label: String,
    pub expr: Expr,
    /// How to show it when the expression would simplify away the point
    /// of the step.
    pub text: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Derivation {
    /// The steps, ending with the limit.
    Derived { lines: Vec<Line>, h: String },
    /// The algebra does not close: why.
    Refused { why: String },
}

/// A name for h that the function does not use.
fn fresh_h(f: &Expr) -> String {
    let used = f.variables();
    ["h", "h_", "dh", "delta"]
        .iter()
        .find(|n| !used.iter().any(|u| &**u == **n))
        .unwrap_or(&"h__")
        .to_string()
}

pub fn derive(f: &Expr, x: &str) -> Derivation {
    let h_name = fresh_h(f);
    let h = var(&h_name);
    let shifted = substitute(f, &HashMap::from([(x.to_string(), add(vec![var(x), h.clone()]))]));
    let mut lines = vec![Line { label: format!("f({x} + {h_name})"), expr: shifted.clone(), text: None }];
    let derived = if rational(f, x) {
        by_common_denominator(f, &shifted, x, &h, &mut lines)
    } else if let Some(inside) = root_of_polynomial(f, x) {
        by_conjugate(&inside, x, &h, &mut lines)
    } else {
        None
    };
    match derived {
        Some(limit) => {
            lines.push(Line { label: format!("limit as {h_name} -> 0"), expr: limit, text: None });
            Derivation::Derived { lines, h: h_name }
        }
        None => Derivation::Refused {
            why: format!(
                "the algebra does not close for {}: first principles work here for rational functions and square roots of polynomials",
                crate::render::plain(f)
            ),
        },
    }
}

/// Built from x and constants with + − × ÷ and integer powers only.
fn rational(e: &Expr, x: &str) -> bool {
    if e.free_of(x) {
        return true;
    }
    match e.kind() {
        Kind::Var(_) => true,
        Kind::Add(items) | Kind::Mul(items) => items.iter().all(|t| rational(t, x)),
        Kind::Pow(b, n) => n.as_num().is_some_and(number::is_integer) && rational(b, x),
        _ => false,
    }
}

fn polynomial(e: &Expr, x: &str) -> bool {
    if e.free_of(x) {
        return true;
    }
    match e.kind() {
        Kind::Var(_) => true,
        Kind::Add(items) | Kind::Mul(items) => items.iter().all(|t| polynomial(t, x)),
        Kind::Pow(b, n) => {
            n.as_num().is_some_and(|q| number::is_integer(q) && !number::is_negative(q)) && polynomial(b, x)
        }
        _ => false,
    }
}

/// sqrt(p(x)) for a polynomial p: returns p.
fn root_of_polynomial(e: &Expr, x: &str) -> Option<Expr> {
    match e.kind() {
        Kind::Pow(b, n) if n.as_num() == Some(&number::ratio(1, 2)) && polynomial(b, x) => Some(b.clone()),
        _ => None,
    }
}

/// The terms of `e` with products and integer powers of sums multiplied out.
fn expand(e: &Expr) -> Option<Vec<Expr>> {
    let product = |a: Vec<Expr>, b: Vec<Expr>| -> Option<Vec<Expr>> {
        if a.len() * b.len() > MAX_TERMS {
            return None;
        }
        Some(a.iter().flat_map(|s| b.iter().map(move |t| mul(vec![s.clone(), t.clone()]))).collect())
    };
    match e.kind() {
        Kind::Add(items) => {
            let mut out = Vec::new();
            for t in items.iter() {
                out.extend(expand(t)?);
            }
            Some(collect(out))
        }
        Kind::Mul(items) => {
            let mut out = vec![int(1)];
            for f in items.iter() {
                out = collect(product(out, expand(f)?)?);
            }
            Some(out)
        }
        Kind::Pow(b, n) if matches!(b.kind(), Kind::Add(_)) => {
            let k = n.as_num().and_then(number::to_i64).filter(|k| (1..=16).contains(k))?;
            let base = expand(b)?;
            let mut out = vec![int(1)];
            for _ in 0..k {
                out = collect(product(out, base.clone())?);
            }
            Some(out)
        }
        _ => Some(vec![e.clone()]),
    }
}

/// Like terms combined: the terms of their sum.
fn collect(terms: Vec<Expr>) -> Vec<Expr> {
    let sum = add(terms);
    match sum.kind() {
        Kind::Add(items) => items.to_vec(),
        _ if sum.is_zero() => Vec::new(),
        _ => vec![sum],
    }
}

/// (numerator, denominator) of a rational expression.
fn fraction(e: &Expr) -> (Expr, Expr) {
    match e.kind() {
        Kind::Add(items) => items.iter().map(fraction).fold((int(0), int(1)), |(n, d), (n2, d2)| {
            if d2.is_one() {
                (add(vec![n, mul(vec![n2, d.clone()])]), d)
            } else if d.is_one() {
                (add(vec![mul(vec![n, d2.clone()]), n2]), d2)
            } else {
                (add(vec![mul(vec![n, d2.clone()]), mul(vec![n2, d.clone()])]), mul(vec![d, d2]))
            }
        }),
        Kind::Mul(items) => items
            .iter()
            .map(fraction)
            .fold((int(1), int(1)), |(n, d), (n2, d2)| (mul(vec![n, n2]), mul(vec![d, d2]))),
        Kind::Pow(b, k) if k.as_num().is_some_and(number::is_negative) => {
            let (n, d) = fraction(b);
            let m = neg(k);
            (pow(&d, &m), pow(&n, &m))
        }
        _ => (e.clone(), int(1)),
    }
}

/// Divide every term by h (each has one): the cancellation of h.
fn cancel_h(terms: &[Expr], h: &Expr) -> Option<Expr> {
    if terms.iter().any(|t| t.free_of(&crate::render::plain(h))) {
        return None;
    }
    Some(add(terms.iter().map(|t| mul(vec![t.clone(), pow(h, &int(-1))])).collect()))
}

/// [f(x+h) − f(x)]/h over a common denominator, h cancelled.
fn by_common_denominator(f: &Expr, shifted: &Expr, x: &str, h: &Expr, lines: &mut Vec<Line>) -> Option<Expr> {
    let h_name = crate::render::plain(h);
    let (p1, q1) = fraction(shifted);
    let (p0, q0) = fraction(f);
    let numerator = expand(&add(vec![mul(vec![p1, q0.clone()]), neg(&mul(vec![p0, q1.clone()]))]))?;
    let denominator = mul(vec![q1, q0]);
    let difference = mul(vec![add(numerator.clone()), pow(&denominator, &int(-1))]);
    lines.push(Line { label: format!("f({x} + {h_name}) - f({x})"), expr: difference, text: None });
    let cancelled = cancel_h(&numerator, h)?;
    let quotient = mul(vec![cancelled, pow(&denominator, &int(-1))]);
    lines.push(Line {
        label: format!("[f({x} + {h_name}) - f({x})]/{h_name}"),
        expr: quotient.clone(),
        text: None,
    });
    Some(substitute(&quotient, &HashMap::from([(h_name, int(0))])))
}

/// [sqrt(p(x+h)) − sqrt(p(x))]/h times the conjugate over itself:
/// [p(x+h) − p(x)] / (h·[sqrt(p(x+h)) + sqrt(p(x))]), h cancelled.
fn by_conjugate(inside: &Expr, x: &str, h: &Expr, lines: &mut Vec<Line>) -> Option<Expr> {
    let h_name = crate::render::plain(h);
    let shifted = substitute(inside, &HashMap::from([(x.to_string(), add(vec![var(x), h.clone()]))]));
    let root = |e: &Expr| pow(e, &ratio(1, 2));
    let conjugate = add(vec![root(&shifted), root(inside)]);
    let numerator = expand(&add(vec![shifted.clone(), neg(inside)]))?;
    let label = format!("[f({x} + {h_name}) - f({x})]/{h_name}");
    let plain = crate::render::plain;
    let difference = add(vec![root(&shifted), neg(&root(inside))]);
    lines.push(Line { label: label.clone(), expr: mul(vec![difference, pow(h, &int(-1))]), text: None });
    // The product with the conjugate, written out before it simplifies.
    let inside_text = match inside.kind() {
        Kind::Add(_) => format!("({})", plain(inside)),
        _ => plain(inside),
    };
    let text = format!("({} - {inside_text})/({h_name}*({}))", plain(&shifted), plain(&conjugate));
    let multiplied =
        mul(vec![add(numerator.clone()), pow(&mul(vec![h.clone(), conjugate.clone()]), &int(-1))]);
    lines.push(Line {
        label: format!("times ({}) over itself:", plain(&conjugate)),
        expr: multiplied,
        text: Some(text),
    });
    let cancelled = cancel_h(&numerator, h)?;
    let quotient = mul(vec![cancelled, pow(&conjugate, &int(-1))]);
    lines.push(Line { label: format!("cancel {h_name}:"), expr: quotient.clone(), text: None });
    Some(substitute(&quotient, &HashMap::from([(h_name, int(0))])))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::parse::parse;
    use crate::render::plain;

    fn limit(f: &str) -> String {
        match derive(&parse(f).unwrap(), "x") {
            Derivation::Derived { lines, .. } => plain(&lines.last().unwrap().expr),
            Derivation::Refused { why } => why,
        }
    }

    #[test]
    fn first_principles() {
        assert_eq!(limit("x^2"), "2*x");
        assert_eq!(limit("x^3"), "3*x^2");
        assert_eq!(limit("3x^2 + 2x + 1"), "6*x + 2");
        assert_eq!(limit("1/x"), "-1/x^2");
        assert_eq!(limit("1/x^2"), "-2/x^3");
        assert_eq!(limit("sqrt(x)"), "1/(2*sqrt(x))");
        assert!(limit("sin(x)").starts_with("the algebra does not close"));
    }
}
