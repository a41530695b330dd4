//! Interval arithmetic in f64, rounded outward: a function's values over a
//! whole interval, guaranteed to contain every true value. It certifies
//! where an equation has no root (0 is not in the enclosure), and where it
//! has exactly one (a sign change and a derivative enclosure without 0) —
//! the scan's fallback for equations that have no closed-form solution.

use crate::engine::expr::{Constant, Expr, Kind};
use crate::engine::functions::Function;
use crate::engine::number;

/// [lo, hi], lo ≤ hi; infinite ends for "unbounded".
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    pub lo: f64,
    pub hi: f64,
}

const ENTIRE: Interval = Interval { lo: f64::NEG_INFINITY, hi: f64::INFINITY };

fn down(x: f64) -> f64 {
    if x.is_finite() { x.next_down() } else { x }
}

fn up(x: f64) -> f64 {
    if x.is_finite() { x.next_up() } else { x }
}

impl Interval {
    fn new(a: f64, b: f64) -> Interval {
        if a.is_nan() || b.is_nan() {
            return ENTIRE;
        }
        Interval { lo: down(a.min(b)), hi: up(a.max(b)) }
    }

    fn point(x: f64) -> Interval {
        Interval::new(x, x)
    }

    pub fn contains_zero(&self) -> bool {
        self.lo <= 0.0 && self.hi >= 0.0
    }

    fn add(self, o: Interval) -> Interval {
        Interval::new(self.lo + o.lo, self.hi + o.hi)
    }

    fn mul(self, o: Interval) -> Interval {
        let c = [self.lo * o.lo, self.lo * o.hi, self.hi * o.lo, self.hi * o.hi];
        if c.iter().any(|v| v.is_nan()) {
            return ENTIRE;
        }
        Interval::new(
            c.iter().copied().fold(f64::INFINITY, f64::min),
            c.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        )
    }

    fn recip(self) -> Interval {
        if self.contains_zero() {
            return ENTIRE;
        }
        Interval::new(1.0 / self.hi, 1.0 / self.lo)
    }

    /// A monotone increasing function applied to both ends.
    fn increasing(self, f: impl Fn(f64) -> f64) -> Interval {
        Interval::new(f(self.lo), f(self.hi))
    }

    fn decreasing(self, f: impl Fn(f64) -> f64) -> Interval {
        Interval::new(f(self.hi), f(self.lo))
    }

    fn powi(self, n: i64) -> Interval {
        if n < 0 {
            return self.powi(-n).recip();
        }
        let f = |x: f64| x.powi(n as i32);
        if n % 2 == 1 || self.lo >= 0.0 {
            self.increasing(f)
        } else if self.hi <= 0.0 {
            self.decreasing(f)
        } else {
            Interval::new(0.0, f(self.lo).max(f(self.hi)))
        }
    }

    /// sin over the interval: the ends, and ±1 where an extremum lies inside.
    fn sin(self) -> Interval {
        if self.hi - self.lo >= 2.0 * std::f64::consts::PI || !self.lo.is_finite() || !self.hi.is_finite() {
            return Interval::new(-1.0, 1.0);
        }
        let (a, b) = (self.lo.sin(), self.hi.sin());
        let (mut lo, mut hi) = (a.min(b), a.max(b));
        let half_pi = std::f64::consts::FRAC_PI_2;
        // Extrema at π/2 + kπ: +1 for even k, −1 for odd.
        let first = ((self.lo - half_pi) / std::f64::consts::PI).floor() as i64 - 1;
        let last = ((self.hi - half_pi) / std::f64::consts::PI).ceil() as i64 + 1;
        for k in first..=last {
            let x = half_pi + k as f64 * std::f64::consts::PI;
            // Widened a little: the extremum's position is itself rounded.
            if x >= self.lo - 1e-12 && x <= self.hi + 1e-12 {
                if k.rem_euclid(2) == 0 { hi = 1.0 } else { lo = -1.0 }
            }
        }
        Interval::new(lo - 1e-15, hi + 1e-15)
    }
}

/// Enclose `e` (in `var`) over `x`; `None` where it is not defined
/// somewhere in the interval or a function has no enclosure here.
pub fn enclose(e: &Expr, var: &str, x: Interval) -> Option<Interval> {
    let each = |items: &[Expr]| items.iter().map(|i| enclose(i, var, x)).collect::<Option<Vec<_>>>();
    Some(match e.kind() {
        Kind::Num(q) => Interval::point(q.to_f64()),
        Kind::Const(Constant::Pi) => Interval::point(std::f64::consts::PI),
        Kind::Const(Constant::E) => Interval::point(std::f64::consts::E),
        Kind::Var(name) if **name == *var => x,
        Kind::Var(_) => return None,
        Kind::Add(items) => each(items)?.into_iter().reduce(Interval::add)?,
        Kind::Mul(items) => each(items)?.into_iter().reduce(Interval::mul)?,
        Kind::Pow(b, p) => {
            let base = enclose(b, var, x)?;
            match p.as_num() {
                Some(q) if number::is_integer(&q) => base.powi(number::to_i64(&q)?),
                Some(q) if base.lo >= 0.0 => {
                    let r = number::to_f64(&q);
                    if r > 0.0 { base.increasing(|v| v.powf(r)) } else { base.decreasing(|v| v.powf(r)) }
                }
                _ => return None,
            }
        }
        Kind::Func(f, args) if args.len() == 1 => function(*f, enclose(&args[0], var, x)?)?,
        _ => return None,
    })
}

fn function(f: Function, u: Interval) -> Option<Interval> {
    Some(match f {
        Function::EXP => u.increasing(f64::exp),
        Function::LN if u.lo > 0.0 => u.increasing(f64::ln),
        Function::SQRT if u.lo >= 0.0 => u.increasing(f64::sqrt),
        Function::ATAN => u.increasing(f64::atan),
        Function::SINH => u.increasing(f64::sinh),
        Function::TANH => u.increasing(f64::tanh),
        Function::ASINH => u.increasing(f64::asinh),
        Function::ERF => u.increasing(libm::erf),
        Function::SIGMOID => u.increasing(|v| 1.0 / (1.0 + (-v).exp())),
        Function::SOFTPLUS => u.increasing(|v| v.max(0.0) + (-v.abs()).exp().ln_1p()),
        Function::ASIN if u.lo >= -1.0 && u.hi <= 1.0 => u.increasing(f64::asin),
        Function::ACOS if u.lo >= -1.0 && u.hi <= 1.0 => u.decreasing(f64::acos),
        Function::SIN => u.sin(),
        Function::COS => {
            Interval::new(u.lo + std::f64::consts::FRAC_PI_2, u.hi + std::f64::consts::FRAC_PI_2).sin()
        }
        Function::COSH => {
            let m = u.lo.abs().max(u.hi.abs()).cosh();
            Interval::new(if u.contains_zero() { 1.0 } else { u.lo.abs().min(u.hi.abs()).cosh() }, m)
        }
        Function::ABS => {
            let (a, b) = (u.lo.abs(), u.hi.abs());
            Interval::new(if u.contains_zero() { 0.0 } else { a.min(b) }, a.max(b))
        }
        Function::RELU => u.increasing(|v| v.max(0.0)),
        _ => return None,
    })
}

/// The roots of g on [lo, hi], each enclosed in an interval narrower than
/// `width` where g changes sign and g′ keeps one sign (so exactly one
/// root); `None` when some part of [lo, hi] cannot be settled within the
/// work budget.
pub fn roots(g: &Expr, dg: &Expr, var: &str, lo: f64, hi: f64) -> Option<Vec<f64>> {
    let mut out = Vec::new();
    let mut stack = vec![(lo, hi)];
    let mut work = 0;
    while let Some((a, b)) = stack.pop() {
        work += 1;
        if work > 200_000 {
            return None;
        }
        let x = Interval { lo: a, hi: b };
        let value = enclose(g, var, x)?;
        if !value.contains_zero() {
            continue;
        }
        let at = |p: f64| enclose(g, var, Interval::point(p));
        let slope = enclose(dg, var, x);
        if let (Some(s), Some(ga), Some(gb)) = (slope, at(a), at(b))
            && !s.contains_zero()
            && (ga.hi < 0.0 && gb.lo > 0.0 || ga.lo > 0.0 && gb.hi < 0.0)
        {
            // Monotone with a sign change: one root; bisect it down.
            let (mut l, mut r) = (a, b);
            let rising = ga.hi < 0.0;
            for _ in 0..200 {
                let m = 0.5 * (l + r);
                if m <= l || m >= r {
                    break;
                }
                match at(m) {
                    Some(v) if v.hi < 0.0 => {
                        if rising {
                            l = m
                        } else {
                            r = m
                        }
                    }
                    Some(v) if v.lo > 0.0 => {
                        if rising {
                            r = m
                        } else {
                            l = m
                        }
                    }
                    _ => break,
                }
            }
            out.push(0.5 * (l + r));
            continue;
        }
        // Split off-centre, so that a root at a round point (0, 1) does not
        // sit on a split point, where neither half sees its sign change.
        let m = a + (b - a) * 0.468_903_713_3;
        if b - a < 1e-12 * a.abs().max(b.abs()).max(1.0) {
            // Too narrow to split and still not settled (a double root).
            return None;
        }
        stack.push((m, b));
        stack.push((a, m));
    }
    out.sort_by(f64::total_cmp);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::parse::parse;

    #[test]
    fn enclosures_contain_the_values() {
        let e = parse("sin(x) - x/2").unwrap();
        let i = enclose(&e, "x", Interval { lo: 1.0, hi: 2.0 }).unwrap();
        for k in 0..=100 {
            let x = 1.0 + k as f64 / 100.0;
            let v = x.sin() - x / 2.0;
            assert!(i.lo <= v && v <= i.hi);
        }
    }

    #[test]
    fn roots_without_closed_forms() {
        let g = parse("sin(x) - x/2").unwrap();
        let dg = crate::derivative(&g, "x").unwrap();
        let r = roots(&g, &dg, "x", -1.0, 3.0).unwrap();
        assert_eq!(r.len(), 2, "{r:?}");
        assert!(r[0].abs() < 1e-12 && (r[1] - 1.895494267033981).abs() < 1e-12, "{r:?}");
    }
}
