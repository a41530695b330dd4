//! Classic exact values: sin, cos and tan at multiples of pi/6 and pi/4
//! (`cos(pi/4)` is `sqrt(2)/2`), and the inverse functions back at those
//! values. The function table's fold rules call these.

use crate::engine::expr::{Constant, Expr, Kind};
use crate::engine::number::{self, Rational};
use crate::engine::simplify::{constant, int, mul, named, pow, ratio};

/// `e` as a rational multiple of pi (`pi/4` → 1/4, `0` → 0), also once a
/// constant product of sums is multiplied out (a point of a periodic
/// family substituted back: `c - k*(a/k + n*pi)` is `c - a - k*n*pi`).
pub fn pi_multiple(e: &Expr) -> Option<Rational> {
    plain_pi_multiple(e).or_else(|| {
        if !matches!(e.kind(), Kind::Add(_) | Kind::Mul(_)) || e.has_variables() {
            return None;
        }
        let opened = crate::engine::tidy::expanded(e)?;
        (opened != *e).then(|| plain_pi_multiple(&opened)).flatten()
    })
}

fn plain_pi_multiple(e: &Expr) -> Option<Rational> {
    match e.kind() {
        Kind::Num(q) if q.is_zero() => Some(Rational::ZERO),
        Kind::Const(Constant::Pi) => Some(Rational::ONE),
        Kind::Mul(items) if items.len() == 2 && matches!(items[1].kind(), Kind::Const(Constant::Pi)) => {
            items[0].as_num().map(|q| q.into_owned())
        }
        _ => None,
    }
}

/// sin(k·pi/12) for k = 0..=6 where it is classic: 0, 1/2, sqrt(2)/2, sqrt(3)/2, 1.
fn first_quadrant(k: i64) -> Option<Expr> {
    let half_root = |n: i64| mul(vec![ratio(1, 2), pow(&int(n), &ratio(1, 2))]);
    match k {
        0 => Some(int(0)),
        2 => Some(ratio(1, 2)),
        3 => Some(half_root(2)),
        4 => Some(half_root(3)),
        6 => Some(int(1)),
        _ => None,
    }
}

/// sin(q·pi) exactly, when q is a multiple of 1/4 or 1/6.
pub fn sin_of_pi_multiple(q: &Rational) -> Option<Expr> {
    let twelfths = q * Rational::from(12);
    let k = number::to_i64(&twelfths)?.rem_euclid(24);
    let (k, negate) = if k >= 12 { (k - 12, true) } else { (k, false) };
    let value = first_quadrant(if k > 6 { 12 - k } else { k })?;
    Some(if negate { mul(vec![int(-1), value]) } else { value })
}

pub fn cos_of_pi_multiple(q: &Rational) -> Option<Expr> {
    sin_of_pi_multiple(&(q + number::ratio(1, 2)))
}

/// The value `v` such that f(v·pi) = `value` for the inverse functions at
/// classic points, as an expression (`asin(1/2)` → pi/6).
pub fn inverse_at(function: crate::engine::functions::Function, value: &Expr) -> Option<Expr> {
    use crate::engine::functions::Function;
    // Classic values are numbers or a number times a square root.
    if value.has_variables() || value.tree_size() > 5 {
        return None;
    }
    let candidates: &[(i64, i64)] = match function {
        Function::ASIN => &[(-1, 2), (-1, 3), (-1, 4), (-1, 6), (0, 1), (1, 6), (1, 4), (1, 3), (1, 2)],
        Function::ACOS => &[(0, 1), (1, 6), (1, 4), (1, 3), (1, 2), (2, 3), (3, 4), (5, 6), (1, 1)],
        Function::ATAN => &[(-1, 3), (-1, 4), (-1, 6), (0, 1), (1, 6), (1, 4), (1, 3)],
        _ => return None,
    };
    candidates.iter().find_map(|&(n, d)| {
        let q = number::ratio(n, d);
        let at = match function {
            Function::ASIN => sin_of_pi_multiple(&q),
            Function::ACOS => cos_of_pi_multiple(&q),
            _ => tan_of_pi_multiple(&q),
        }?;
        (at == *value).then(|| mul(vec![constant(q), named(Constant::Pi)]))
    })
}

pub fn tan_of_pi_multiple(q: &Rational) -> Option<Expr> {
    let (s, c) = (sin_of_pi_multiple(q)?, cos_of_pi_multiple(q)?);
    (!c.is_zero()).then(|| mul(vec![s, pow(&c, &int(-1))]))
}

#[cfg(test)]
mod tests {
    use crate::engine::parse::parse;
    use crate::render::plain;

    fn value(s: &str) -> String {
        plain(&parse(s).unwrap())
    }

    #[test]
    fn classic_values() {
        assert_eq!(value("cos(pi/4)"), "sqrt(2)/2");
        assert_eq!(value("sin(pi/6)"), "1/2");
        assert_eq!(value("sin(5pi/6)"), "1/2");
        assert_eq!(value("sin(7pi/6)"), "-1/2");
        assert_eq!(value("cos(pi/2)"), "0");
        assert_eq!(value("cos(pi)"), "-1");
        assert_eq!(value("tan(pi/4)"), "1");
        assert_eq!(value("tan(pi/3)"), "sqrt(3)");
        assert_eq!(value("sin(2pi)"), "0");
        assert_eq!(value("asin(1/2)"), "pi/6");
        assert_eq!(value("acos(-1)"), "pi");
        assert_eq!(value("atan(1)"), "pi/4");
        assert_eq!(value("sin(pi/5)"), "sin(pi/5)");
    }
}
