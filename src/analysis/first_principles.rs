//! The derivative from first principles, the way the lesson works it:
//! write f(x + h), expand f(x + h) − f(x), divide by h, cancel h, let
//! h → 0. The algebra closes for rational functions (polynomials among
//! them) and for square roots of polynomials (via the conjugate); for
//! anything else the derivation says so.

use crate::engine::expr::{Expr, Kind};
use crate::engine::functions::Function;
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

/// What a derivation is about: the variable, h, and the point when it is
/// carried through at x = a (every line then shows a in place of x).
struct Ctx<'a> {
    x: &'a str,
    h: Expr,
    h_name: String,
    at: Option<&'a Expr>,
}

impl Ctx<'_> {
    /// An expression as shown: at the point, when there is one.
    fn here(&self, e: &Expr) -> Expr {
        match self.at {
            Some(a) => substitute(e, &HashMap::from([(self.x.to_string(), a.clone())])),
            None => e.clone(),
        }
    }

    /// x, or the point, as it stands inside f(… + h).
    fn x_label(&self) -> String {
        match self.at {
            Some(a) if matches!(a.kind(), Kind::Add(_) | Kind::Mul(_)) || a.is_negative_number() => {
                format!("({})", crate::render::plain(a))
            }
            Some(a) => crate::render::plain(a),
            None => self.x.to_string(),
        }
    }

    fn line(&self, label: String, e: &Expr) -> Line {
        Line { label, expr: self.here(e), text: None }
    }

    fn shown(&self, e: &Expr) -> String {
        crate::render::plain(&self.here(e))
    }
}

/// The derivation of f′(x), or of f′(a) when `at` is given.
pub fn derive(f: &Expr, x: &str, at: Option<&Expr>) -> Derivation {
    let h_name = fresh_h(f);
    let c = Ctx { x, h: var(&h_name), h_name: h_name.clone(), at };
    let (xl, hn) = (c.x_label(), h_name.clone());
    let shifted = substitute(f, &HashMap::from([(x.to_string(), add(vec![var(x), c.h.clone()]))]));
    let mut lines = vec![c.line(format!("f({xl} + {hn})"), &shifted)];
    let derived = if rational(f, x) {
        by_common_denominator(&c, f, &shifted, &mut lines)
    } else if let Some(inside) = root_of_polynomial(f, x) {
        by_conjugate(&c, &inside, &mut lines)
    } else if let Some((k, g)) = standard_function(f, x) {
        by_standard_limits(&c, f, &shifted, (&k, g), &mut lines)
    } else if let Some((u, v, quotient)) = split(f, x) {
        by_parts(&c, (&u, &v, quotient), &mut lines)
    } else {
        None
    };
    match derived {
        Some(limit) => {
            lines.push(c.line(format!("limit as {hn} -> 0"), &limit));
            Derivation::Derived { lines, h: h_name }
        }
        None => Derivation::Refused {
            why: format!(
                "first principles do not carry through for {} here (they do for rational functions, square roots of polynomials, c*sin, c*cos, c*exp, c*ln of {x}, and products and quotients of those); the rules do",
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
        Kind::Pow(b, n) => n.as_compact().is_some_and(number::Compact::is_integer) && rational(b, x),
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
            n.as_compact().is_some_and(|q| q.is_integer() && !q.is_negative()) && polynomial(b, x)
        }
        _ => false,
    }
}

/// sqrt(p(x)) for a polynomial p: returns p.
fn root_of_polynomial(e: &Expr, x: &str) -> Option<Expr> {
    match e.kind() {
        Kind::Pow(b, n) if n.as_num().is_some_and(|q| *q == number::ratio(1, 2)) && polynomial(b, x) => {
            Some(b.clone())
        }
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
            let k = n.as_compact().and_then(number::Compact::as_i64).filter(|k| (1..=16).contains(k))?;
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
        Kind::Pow(b, k) if k.is_negative_number() => {
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

/// [f(x+h) − f(x)]/h over a common denominator, h cancelled. For a
/// polynomial, f(x + h) is multiplied out first so that f(x) visibly cancels.
fn by_common_denominator(c: &Ctx, f: &Expr, shifted: &Expr, lines: &mut Vec<Line>) -> Option<Expr> {
    let (hn, xl) = (c.h_name.clone(), c.x_label());
    let (p1, q1) = fraction(shifted);
    let (p0, q0) = fraction(f);
    let numerator = expand(&add(vec![mul(vec![p1, q0.clone()]), neg(&mul(vec![p0, q1.clone()]))]))?;
    let denominator = mul(vec![q1.clone(), q0.clone()]);
    let difference = mul(vec![add(numerator.clone()), pow(&denominator, &int(-1))]);
    let label = format!("f({xl} + {hn}) - f({xl})");
    if q0.is_one() && q1.is_one() {
        let expanded = add(expand(shifted)?);
        lines.push(c.line(format!("f({xl} + {hn}) multiplied out"), &expanded));
        // Written out before it simplifies: f(x) is there to cancel.
        let text = format!("({}) - ({}) = {}", c.shown(&expanded), c.shown(f), c.shown(&difference));
        lines.push(Line { label, expr: c.here(&difference), text: Some(text) });
    } else {
        lines.push(c.line(label, &difference));
    }
    let cancelled = cancel_h(&numerator, &c.h)?;
    let quotient = mul(vec![cancelled, pow(&denominator, &int(-1))]);
    lines.push(c.line(format!("[f({xl} + {hn}) - f({xl})]/{hn}"), &quotient));
    Some(substitute(&quotient, &HashMap::from([(hn, int(0))])))
}

/// [sqrt(p(x+h)) − sqrt(p(x))]/h times the conjugate over itself:
/// [p(x+h) − p(x)] / (h·[sqrt(p(x+h)) + sqrt(p(x))]), h cancelled.
fn by_conjugate(c: &Ctx, inside: &Expr, lines: &mut Vec<Line>) -> Option<Expr> {
    let (x, h, hn, xl) = (c.x, &c.h, c.h_name.clone(), c.x_label());
    let shifted = substitute(inside, &HashMap::from([(x.to_string(), add(vec![var(x), h.clone()]))]));
    let root = |e: &Expr| pow(e, &ratio(1, 2));
    let conjugate = add(vec![root(&shifted), root(inside)]);
    let numerator = expand(&add(vec![shifted.clone(), neg(inside)]))?;
    let label = format!("[f({xl} + {hn}) - f({xl})]/{hn}");
    let difference = add(vec![root(&shifted), neg(&root(inside))]);
    lines.push(c.line(label, &mul(vec![difference, pow(h, &int(-1))])));
    // The product with the conjugate, written out before it simplifies.
    let inside_text = match c.here(inside).kind() {
        Kind::Add(_) => format!("({})", c.shown(inside)),
        _ => c.shown(inside),
    };
    let text = format!("({} - {inside_text})/({hn}*({}))", c.shown(&shifted), c.shown(&conjugate));
    let multiplied =
        mul(vec![add(numerator.clone()), pow(&mul(vec![h.clone(), conjugate.clone()]), &int(-1))]);
    lines.push(Line {
        label: format!("times ({}) over itself:", c.shown(&conjugate)),
        expr: c.here(&multiplied),
        text: Some(text),
    });
    let cancelled = cancel_h(&numerator, h)?;
    let quotient = mul(vec![cancelled, pow(&conjugate, &int(-1))]);
    lines.push(c.line(format!("cancel {hn}:"), &quotient));
    Some(substitute(&quotient, &HashMap::from([(hn, int(0))])))
}

/// k·g(x) for g one of sin, cos, exp, ln: (k, g).
fn standard_function(f: &Expr, x: &str) -> Option<(Expr, Function)> {
    let is_g = |e: &Expr| match e.kind() {
        Kind::Func(g, args) if matches!(args[0].kind(), Kind::Var(v) if &**v == x) => {
            [Function::SIN, Function::COS, Function::EXP, Function::LN].contains(g).then_some(*g)
        }
        _ => None,
    };
    if let Some(g) = is_g(f) {
        return Some((int(1), g));
    }
    let Kind::Mul(items) = f.kind() else { return None };
    let (k, rest): (Vec<Expr>, Vec<Expr>) = items.iter().cloned().partition(|i| i.free_of(x));
    let [only] = rest.as_slice() else { return None };
    Some((mul(k), is_g(only)?))
}

/// sin, cos, exp, ln through their addition formulas and the standard
/// limits sin(h)/h → 1, (cos(h) − 1)/h → 0, (e^h − 1)/h → 1, ln(1 + t)/t → 1.
fn by_standard_limits(
    c: &Ctx,
    f: &Expr,
    shifted: &Expr,
    (k, g): (&Expr, Function),
    lines: &mut Vec<Line>,
) -> Option<Expr> {
    let (hn, xl) = (c.h_name.clone(), c.x_label());
    let x = var(c.x);
    let call = |g: Function, e: &Expr| crate::engine::simplify::func(g, vec![e.clone()]);
    // Coefficients at the point, each as a factor (3*cos(2), not 3*cos(2)*1).
    let factor = |e: &Expr| -> String {
        let shown = c.here(e);
        match shown.kind() {
            _ if shown.is_one() => String::new(),
            Kind::Add(_) => format!("({})*", crate::render::plain(&shown)),
            _ => format!("{}*", crate::render::plain(&shown)),
        }
    };
    let quotient_label = format!("[f({xl} + {hn}) - f({xl})]/{hn}");
    let scaled = |g: Function| mul(vec![k.clone(), call(g, &x)]);
    let (formula, quotient, limits, limit) = match g {
        // The angle-sum formulas: sin(u + v) = sin u cos v + cos u sin v,
        // cos(u + v) = cos u cos v - sin u sin v.
        g if g == Function::SIN || g == Function::COS => {
            let (other, sign) = if g == Function::SIN { (Function::COS, "+") } else { (Function::SIN, "-") };
            let (a, b) = (factor(&scaled(g)), factor(&scaled(other)));
            let a1 = c.shown(&scaled(g));
            let (sin_h, sin_h_over_h) =
                (signed(sign, &format!("{b}sin({hn})")), signed(sign, &format!("{b}sin({hn})/{hn}")));
            (
                format!("{a}cos({hn}){sin_h}"),
                format!(
                    "({a}cos({hn}){sin_h}{})/{hn} = {a}(cos({hn}) - 1)/{hn}{sin_h_over_h}",
                    signed("-", &a1)
                ),
                format!("sin({hn})/{hn} -> 1 and (cos({hn}) - 1)/{hn} -> 0"),
                if g == Function::SIN { scaled(other) } else { neg(&scaled(other)) },
            )
        }
        g if g == Function::EXP => {
            let a = factor(&scaled(Function::EXP));
            let a1 = c.shown(&scaled(Function::EXP));
            (
                format!("{a}exp({hn})"),
                format!("({a}exp({hn}) - {a1})/{hn} = {a}(exp({hn}) - 1)/{hn}"),
                format!("(exp({hn}) - 1)/{hn} -> 1"),
                scaled(Function::EXP),
            )
        }
        _ => {
            let (kx, t) =
                (factor(&mul(vec![k.clone(), pow(&x, &int(-1))])), format!("{hn}/{}", grouped_here(c, &x)));
            let kk = factor(k);
            (
                if kk.is_empty() {
                    format!("ln({}) + ln(1 + {t})", c.shown(&x))
                } else {
                    format!("{kk}(ln({}) + ln(1 + {t}))", c.shown(&x))
                },
                format!("{kk}ln(1 + {t})/{hn} = {kx}ln(1 + {t})/({t})"),
                format!("ln(1 + t)/t -> 1 as t = {t} -> 0"),
                mul(vec![k.clone(), pow(&x, &int(-1))]),
            )
        }
    };
    let law = match g {
        g if g == Function::EXP => "the law of exponents",
        g if g == Function::LN => "the law of logarithms",
        _ => "the sum formula",
    };
    let difference_quotient = mul(vec![add(vec![shifted.clone(), neg(f)]), pow(&c.h, &int(-1))]);
    lines.push(Line {
        label: format!("by {law}, f({xl} + {hn})"),
        expr: c.here(shifted),
        text: Some(formula),
    });
    lines.push(Line { label: quotient_label, expr: c.here(&difference_quotient), text: Some(quotient) });
    lines.push(Line { label: "the standard limits:".into(), expr: c.here(&limit), text: Some(limits) });
    Some(limit)
}

/// ` + t` or ` - t` as written after another term, a negative `t`
/// turning the sign (` - -sin(x)` reads ` + sin(x)`).
fn signed(sign: &str, text: &str) -> String {
    match (sign, text.strip_prefix('-')) {
        ("+", Some(rest)) => format!(" - {rest}"),
        (_, Some(rest)) => format!(" + {rest}"),
        _ => format!(" {sign} {text}"),
    }
}

/// f = u·v or u/v (constants stay with u), for the product and quotient
/// derivations: (u, v, is_quotient).
fn split(f: &Expr, x: &str) -> Option<(Expr, Expr, bool)> {
    let Kind::Mul(items) = f.kind() else { return None };
    if let Some((u, v)) = crate::engine::simplify::as_quotient(items, x) {
        return Some((u, v, true));
    }
    let moving: Vec<usize> = (0..items.len()).filter(|i| !items[*i].free_of(x)).collect();
    let &[.., last] = moving.as_slice() else { return None };
    if moving.len() < 2 {
        return None;
    }
    let v = items[last].clone();
    let u = mul(items.iter().enumerate().filter(|(i, _)| *i != last).map(|(_, e)| e.clone()).collect());
    Some((u, v, false))
}

/// The product (quotient) rule from first principles: the difference
/// quotient split into the parts' difference quotients, whose limits come
/// from first principles too (`diff u --definition`).
fn by_parts(c: &Ctx, (u, v, quotient): (&Expr, &Expr, bool), lines: &mut Vec<Line>) -> Option<Expr> {
    let limit_of = |e: &Expr| match derive(e, c.x, None) {
        Derivation::Derived { lines, .. } => lines.last().map(|l| l.expr.clone()),
        Derivation::Refused { .. } => None,
    };
    let (du, dv) = (limit_of(u)?, limit_of(v)?);
    let (hn, xl) = (c.h_name.clone(), c.x_label());
    let shift =
        |e: &Expr| substitute(e, &HashMap::from([(c.x.to_string(), add(vec![var(c.x), c.h.clone()]))]));
    let g = |e: &Expr| {
        let shown = c.here(e);
        match shown.kind() {
            Kind::Add(_) | Kind::Mul(_) => format!("({})", crate::render::plain(&shown)),
            _ => crate::render::plain(&shown),
        }
    };
    let (u1, v1) = (shift(u), shift(v));
    let du_q = format!("[{} - {}]/{hn}", g(&u1), g(u));
    let dv_q = format!("[{} - {}]/{hn}", g(&v1), g(v));
    let label = format!("[f({xl} + {hn}) - f({xl})]/{hn}");
    let (text, limit) = if quotient {
        (
            format!("({}*{du_q} - {}*{dv_q})/({}*{})", g(v), g(u), g(&v1), g(v)),
            mul(vec![
                add(vec![
                    mul(vec![v.clone(), du.clone()]),
                    crate::engine::simplify::neg(&mul(vec![u.clone(), dv.clone()])),
                ]),
                pow(v, &int(-2)),
            ]),
        )
    } else {
        (
            format!("{}*{dv_q} + {}*{du_q}", g(&u1), g(v)),
            add(vec![mul(vec![u.clone(), dv.clone()]), mul(vec![v.clone(), du.clone()])]),
        )
    };
    let rule = format!(
        "with u = {}, v = {}: {}",
        crate::render::plain(u),
        crate::render::plain(v),
        if quotient {
            "over a common denominator, minus and plus u(x)*v(x)"
        } else {
            "minus and plus u(x + h)*v(x)"
        }
    );
    let quotient_expr = mul(vec![
        add(vec![
            shift(&mul(vec![u.clone(), if quotient { pow(v, &int(-1)) } else { v.clone() }])),
            crate::engine::simplify::neg(&mul(vec![
                u.clone(),
                if quotient { pow(v, &int(-1)) } else { v.clone() },
            ])),
        ]),
        pow(&c.h, &int(-1)),
    ]);
    lines.push(Line { label: format!("{label}, {rule}"), expr: c.here(&quotient_expr), text: Some(text) });
    let parts = format!(
        "{du_q} -> {} and {dv_q} -> {} (each by first principles: diff ... --definition), and {} -> {} as {hn} -> 0",
        g(&du),
        g(&dv),
        g(if quotient { &v1 } else { &u1 }),
        g(if quotient { v } else { u })
    );
    lines.push(Line { label: "the parts' limits:".into(), expr: c.here(&limit), text: Some(parts) });
    Some(limit)
}

/// x (or the point) in parentheses when it is not a single symbol.
fn grouped_here(c: &Ctx, e: &Expr) -> String {
    let shown = c.here(e);
    match shown.kind() {
        Kind::Var(_) => crate::render::plain(&shown),
        Kind::Num(q) if q.is_integer() && !q.is_negative() => crate::render::plain(&shown),
        _ => format!("({})", crate::render::plain(&shown)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::parse::parse;
    use crate::render::plain;

    fn limit(f: &str) -> String {
        match derive(&parse(f).unwrap(), "x", None) {
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
        assert_eq!(limit("sin(x)"), "cos(x)");
        assert_eq!(limit("3*ln(x)"), "3/x");
        assert_eq!(limit("x*sin(x)"), "x*cos(x) + sin(x)");
        assert_eq!(limit("sin(x)/x"), "(x*cos(x) - sin(x))/x^2");
        assert!(limit("sin(x^2)").starts_with("first principles do not carry through"));
    }
}
