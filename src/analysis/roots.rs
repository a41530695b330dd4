//! Where an expression is zero on an interval, found exactly — never by
//! sampling. Polynomials with rational coefficients have their real roots
//! isolated by Sturm sequences in exact arithmetic, with rational roots
//! split off and closed forms for what is left of degree 1 and 2 and for
//! binomials a·xⁿ + b (√2, (1 + √5)/2, 2^(1/3)); a root of a higher
//! factor is enclosed to 10⁻⁴⁰ and reported as such. Other equations are
//! unwrapped through invertible functions (e^u = 2 → u = ln 2) and
//! periodic ones give families (sin u = 0 → u = kπ). What none of this
//! covers is reported as not certified, never as "no root".

use crate::engine::expr::{Constant, Expr, Kind};
use crate::engine::functions::Function;
use crate::engine::number::{self, Rational as Q};
use crate::engine::simplify::{add, constant, func, int, mul, named, neg, pow, ratio, sub};
use crate::numeric::precise;
use dashu_int::IBig;
use std::cmp::Ordering;

/// The zeros of an expression on a closed interval.
#[derive(Clone, Debug, Default)]
pub struct Zeros {
    /// Exact roots (closed forms), or enclosures where there is none.
    pub points: Vec<Root>,
    /// The equations whose zeros could not be certified.
    pub uncertified: Vec<Expr>,
    /// A periodic family the points belong to, in words (`x = k*pi`).
    pub families: Vec<Family>,
}

#[derive(Clone, Debug)]
pub struct Root {
    /// The closed form, or a rational inside a certified enclosure.
    pub at: Expr,
    /// Whether `at` is the root itself (else only within 10⁻⁴⁰ of it).
    pub exact: bool,
}

/// x = (base + k·period) for every integer k with the point in range.
#[derive(Clone, Debug)]
pub struct Family {
    pub base: Expr,
    pub period: Expr,
    pub first_k: i64,
    pub last_k: i64,
}

impl Family {
    pub fn count(&self) -> usize {
        (self.last_k - self.first_k + 1).max(0) as usize
    }

    pub fn member(&self, k: i64) -> Expr {
        add(vec![self.base.clone(), mul(vec![int(k), self.period.clone()])])
    }
}

/// Most members of a family listed before the rest are only counted.
pub const MAX_LISTED: usize = 10_000;

fn approx(e: &Expr) -> Option<f64> {
    precise::value(e).ok()
}

/// The zeros of `g` (an expression in `var` alone) on [lo, hi].
pub fn zeros(g: &Expr, var: &str, lo: &Expr, hi: &Expr) -> Zeros {
    let mut out = Zeros::default();
    solve(g, var, lo, hi, &mut out, 0);
    out
}

fn solve(g: &Expr, var: &str, lo: &Expr, hi: &Expr, out: &mut Zeros, depth: u32) {
    if g.free_of(var) {
        // A constant: zero everywhere (then every point is a candidate and
        // nothing is certified) or nowhere.
        if !matches!(precise::sign(g), Ok(Some(s)) if s != Ordering::Equal) {
            out.uncertified.push(g.clone());
        }
        return;
    }
    if depth > 8 {
        out.uncertified.push(g.clone());
        return;
    }
    if let Some(coefficients) = polynomial(g, var) {
        return polynomial_roots(&coefficients, lo, hi, out, g);
    }
    // A product is zero where a factor is (the domain decides the rest).
    if let Kind::Mul(factors) = g.kind() {
        for f in factors.iter().filter(|f| !f.free_of(var)) {
            solve(f, var, lo, hi, out, depth + 1);
        }
        return;
    }
    // x^r = 0 where x = 0 (r > 0).
    if let Kind::Pow(b, x) = g.kind()
        && x.as_compact().is_some_and(|r| !r.is_negative())
    {
        return solve(b, var, lo, hi, out, depth + 1);
    }
    // |u| and sign(u) are 0 exactly where u is.
    if let Kind::Func(Function::ABS | Function::SIGN, args) = g.kind() {
        return solve(&args[0], var, lo, hi, out, depth + 1);
    }
    // k·F(u) + c = 0: F(u) = −c/k.
    let Some((f, u, value)) = isolate(g, var) else {
        return by_intervals(g, var, lo, hi, out);
    };
    match inverse(f, &value) {
        Inverse::None => {}
        Inverse::Values(values) => {
            for v in values {
                solve(&sub(&u, &v), var, lo, hi, out, depth + 1);
            }
        }
        Inverse::Periodic(bases, period) => {
            for base in bases {
                periodic(&u, var, &base, &period, lo, hi, out, g);
            }
        }
        Inverse::Unknown => by_intervals(g, var, lo, hi, out),
    }
}

/// The fallback for an equation with no closed-form solution: interval
/// arithmetic certifies where there is no root and where there is exactly
/// one, and each such root is then narrowed to 10⁻⁴⁰ by exact signs.
fn by_intervals(g: &Expr, var: &str, lo: &Expr, hi: &Expr, out: &mut Zeros) {
    let found = (|| {
        let dg = crate::derivative(g, var).ok()?;
        let roots = crate::numeric::interval::roots(g, &dg, var, approx(lo)?, approx(hi)?)?;
        roots.into_iter().map(|r| narrow(g, var, r)).collect::<Option<Vec<Expr>>>()
    })();
    match found {
        Some(roots) => out.points.extend(roots.into_iter().map(|at| snap(g, var, at))),
        None => out.uncertified.push(g.clone()),
    }
}

/// The root itself when a simple number near the enclosure is one exactly
/// (p/q with q ≤ 12, or that times π); else the enclosure's midpoint.
fn snap(g: &Expr, var: &str, at: Expr) -> Root {
    let Some(x) = approx(&at) else { return Root { at, exact: false } };
    for unit in [int(1), named(Constant::Pi)] {
        let Some(u) = approx(&unit) else { continue };
        for q in 1..=12i64 {
            let p = (x / u * q as f64).round();
            if (p / q as f64 * u - x).abs() > 1e-30_f64.max(1e-15 * x.abs()) {
                continue;
            }
            let candidate = mul(vec![ratio(p as i64, q), unit.clone()]);
            let value = crate::numeric::eval::substitute(
                g,
                &std::collections::HashMap::from([(var.to_string(), candidate.clone())]),
            );
            if value.is_zero() || sign_of(&value) == Some(Ordering::Equal) {
                return Root { at: candidate, exact: true };
            }
        }
    }
    Root { at, exact: false }
}

/// A root of g near r, narrowed by bisection on exact signs at rational
/// points to a width of 10⁻⁴⁰ (its midpoint stands for it).
fn narrow(g: &Expr, var: &str, r: f64) -> Option<Expr> {
    let sign_at = |x: &Q| {
        let v = crate::numeric::eval::substitute(
            g,
            &std::collections::HashMap::from([(var.to_string(), constant(x.clone()))]),
        );
        precise::sign(&v).ok().flatten()
    };
    let radius = number::from_f64(1e-9 * r.abs().max(1.0))?;
    let centre = number::from_f64(r)?;
    let (mut a, mut b) = (&centre - &radius, &centre + &radius);
    let (sa, sb) = (sign_at(&a)?, sign_at(&b)?);
    if sa == sb || sa == Ordering::Equal || sb == Ordering::Equal {
        return None;
    }
    let width = Q::from(IBig::from(1)) / Q::from(IBig::from(10).pow(40));
    for _ in 0..200 {
        if &b - &a < width {
            break;
        }
        let m = (&a + &b) / Q::from(IBig::from(2));
        match sign_at(&m)? {
            Ordering::Equal => return Some(constant(m)),
            s if s == sa => a = m,
            _ => b = m,
        }
    }
    Some(constant((a + b) / Q::from(IBig::from(2))))
}

/// u(x) = base + k·period for a u linear in x: the family of x in range.
#[allow(clippy::too_many_arguments)]
fn periodic(
    u: &Expr,
    var: &str,
    base: &Expr,
    period: &Expr,
    lo: &Expr,
    hi: &Expr,
    out: &mut Zeros,
    g: &Expr,
) {
    let Some(c) = polynomial(u, var).filter(|c| c.len() == 2) else {
        out.uncertified.push(g.clone());
        return;
    };
    // x = (base + k·period − c0)/c1
    let inverse_slope = pow(&c[1], &int(-1));
    let x_base = mul(vec![sub(base, &c[0]), inverse_slope.clone()]);
    let mut x_period = mul(vec![period.clone(), inverse_slope]);
    let (Some(b), Some(mut p), Some(l), Some(h)) =
        (approx(&x_base), approx(&x_period), approx(lo), approx(hi))
    else {
        out.uncertified.push(g.clone());
        return;
    };
    // Members rise with k (a negative slope flips the period): the scan
    // lists a family from its low end.
    if p < 0.0 {
        x_period = crate::engine::simplify::neg(&x_period);
        p = -p;
    }
    let (k1, k2) = ((l - b) / p, (h - b) / p);
    let (from, to) = (k1.min(k2).ceil() - 1.0, k1.max(k2).floor() + 1.0);
    if !(from.is_finite() && to.is_finite()) || to - from > 1e9 {
        out.uncertified.push(g.clone());
        return;
    }
    // The ends of the range are checked exactly: k just outside is dropped.
    let family = Family { base: x_base, period: x_period, first_k: from as i64, last_k: to as i64 };
    let inside = |k: i64| {
        let x = family.member(k);
        let above = matches!(precise::sign(&sub(&x, lo)), Ok(Some(s)) if s != Ordering::Less);
        let below = matches!(precise::sign(&sub(hi, &x)), Ok(Some(s)) if s != Ordering::Less);
        above && below
    };
    let mut first = family.first_k;
    while first <= family.last_k && !inside(first) {
        first += 1;
    }
    let mut last = family.last_k;
    while last >= first && !inside(last) {
        last -= 1;
    }
    if first > last {
        return;
    }
    let family = Family { first_k: first, last_k: last, ..family };
    let listed = family.count().min(MAX_LISTED);
    out.points.extend((0..listed as i64).map(|i| Root { at: family.member(first + i), exact: true }));
    if family.count() > 1 {
        out.families.push(family);
    }
}

/// `g` = k·F(u) + c with k, c constants: (F, u, −c/k).
fn isolate(g: &Expr, var: &str) -> Option<(Function, Expr, Expr)> {
    let (moving, constant_part): (Vec<Expr>, Vec<Expr>) = match g.kind() {
        Kind::Add(terms) => terms.iter().cloned().partition(|t| !t.free_of(var)),
        _ => (vec![g.clone()], Vec::new()),
    };
    let [only] = moving.as_slice() else { return None };
    let (k, call) = match only.kind() {
        Kind::Mul(factors) => {
            let (inner, scale): (Vec<Expr>, Vec<Expr>) =
                factors.iter().cloned().partition(|f| !f.free_of(var));
            let [call] = inner.as_slice() else { return None };
            (mul(scale), call.clone())
        }
        _ => (int(1), only.clone()),
    };
    let c = add(constant_part);
    let value = neg(&mul(vec![c, pow(&k, &int(-1))]));
    match call.kind() {
        Kind::Func(f, args) if args.len() == 1 => Some((*f, args[0].clone(), value)),
        // e^u is exp(u) once built; b^u (b > 0 a constant) is e^(u·ln b).
        Kind::Pow(b, u) if b.free_of(var) => {
            let scaled = mul(vec![u.clone(), func(Function::LN, vec![b.clone()])]);
            Some((Function::EXP, scaled, value))
        }
        _ => None,
    }
}

enum Inverse {
    None,
    Values(Vec<Expr>),
    /// u = base + k·period.
    Periodic(Vec<Expr>, Expr),
    Unknown,
}

fn sign_of(e: &Expr) -> Option<Ordering> {
    precise::sign(e).ok().flatten()
}

/// Where F(u) = v.
fn inverse(f: Function, v: &Expr) -> Inverse {
    let pi = named(Constant::Pi);
    let call = |g: Function| func(g, vec![v.clone()]);
    let within_one = || sign_of(&sub(&int(1), &mul(vec![v.clone(), v.clone()])));
    match f {
        Function::EXP | Function::SIGMOID | Function::COSH if sign_of(v) == Some(Ordering::Less) => {
            Inverse::None
        }
        Function::EXP => match sign_of(v) {
            Some(Ordering::Greater) => Inverse::Values(vec![call(Function::LN)]),
            Some(_) => Inverse::None,
            None => Inverse::Unknown,
        },
        Function::LN => Inverse::Values(vec![call(Function::EXP)]),
        Function::SINH => Inverse::Values(vec![call(Function::ASINH)]),
        Function::ATAN => Inverse::Values(vec![call(Function::TAN)]),
        Function::TANH | Function::ERF => match within_one() {
            Some(Ordering::Greater) if f == Function::TANH => Inverse::Values(vec![call(Function::ATANH)]),
            Some(Ordering::Greater) => Inverse::Unknown,
            Some(_) => Inverse::None,
            None => Inverse::Unknown,
        },
        Function::SIN => match within_one() {
            Some(Ordering::Less) => Inverse::None,
            Some(_) => {
                let a = call(Function::ASIN);
                let other = sub(&pi, &a);
                let bases = if a == other { vec![a] } else { vec![a, other] };
                if v.is_zero() {
                    Inverse::Periodic(vec![int(0)], pi)
                } else {
                    Inverse::Periodic(bases, mul(vec![int(2), pi]))
                }
            }
            None => Inverse::Unknown,
        },
        Function::COS => match within_one() {
            Some(Ordering::Less) => Inverse::None,
            Some(_) if v.is_zero() => Inverse::Periodic(vec![mul(vec![ratio(1, 2), pi.clone()])], pi),
            Some(_) => {
                let a = call(Function::ACOS);
                let bases = if neg(&a) == a { vec![a] } else { vec![a.clone(), neg(&a)] };
                Inverse::Periodic(bases, mul(vec![int(2), pi]))
            }
            None => Inverse::Unknown,
        },
        Function::TAN => Inverse::Periodic(vec![call(Function::ATAN)], pi),
        _ => Inverse::Unknown,
    }
}

// --- polynomials ------------------------------------------------------------

/// The coefficients c0, c1, … of `g` as a polynomial in `var` (constant
/// expressions), or `None` when it is not one (degree at most 64).
pub fn polynomial(g: &Expr, var: &str) -> Option<Vec<Expr>> {
    if g.free_of(var) {
        return Some(vec![g.clone()]);
    }
    let result = match g.kind() {
        Kind::Var(_) => vec![int(0), int(1)],
        Kind::Add(terms) => {
            let mut total: Vec<Expr> = Vec::new();
            for t in terms.iter() {
                let p = polynomial(t, var)?;
                if total.len() < p.len() {
                    total.resize(p.len(), int(0));
                }
                for (i, c) in p.into_iter().enumerate() {
                    total[i] = add(vec![total[i].clone(), c]);
                }
            }
            total
        }
        Kind::Mul(factors) => {
            let mut product = vec![int(1)];
            for f in factors.iter() {
                product = times(&product, &polynomial(f, var)?)?;
            }
            product
        }
        Kind::Pow(b, x) => {
            let n = x.as_compact().and_then(number::Compact::as_i64).filter(|n| (0..=64).contains(n))?;
            let base = polynomial(b, var)?;
            let mut product = vec![int(1)];
            for _ in 0..n {
                product = times(&product, &base)?;
            }
            product
        }
        _ => return None,
    };
    Some(trim(result))
}

fn times(a: &[Expr], b: &[Expr]) -> Option<Vec<Expr>> {
    if a.len() + b.len() > 66 {
        return None;
    }
    let mut out = vec![int(0); a.len() + b.len() - 1];
    for (i, x) in a.iter().enumerate() {
        for (j, y) in b.iter().enumerate() {
            out[i + j] = add(vec![out[i + j].clone(), mul(vec![x.clone(), y.clone()])]);
        }
    }
    Some(out)
}

fn trim(mut p: Vec<Expr>) -> Vec<Expr> {
    while p.len() > 1 && p.last().is_some_and(Expr::is_zero) {
        p.pop();
    }
    p
}

fn polynomial_roots(c: &[Expr], lo: &Expr, hi: &Expr, out: &mut Zeros, g: &Expr) {
    let in_range = |x: &Expr| {
        let above = matches!(sign_of(&sub(x, lo)), Some(s) if s != Ordering::Less);
        let below = matches!(sign_of(&sub(hi, x)), Some(s) if s != Ordering::Less);
        above && below
    };
    let mut push = |x: Expr, exact: bool| {
        if in_range(&x) {
            out.points.push(Root { at: x, exact });
        }
    };
    match c.len() {
        0 | 1 => {}
        2 => push(neg(&mul(vec![c[0].clone(), pow(&c[1], &int(-1))])), true),
        3 if !c.iter().all(Expr::is_num) => {
            for root in quadratic(&c[2], &c[1], &c[0]).unwrap_or_default() {
                push(root, true);
            }
        }
        _ => match c.iter().map(|e| e.as_num().map(|q| q.into_owned())).collect::<Option<Vec<Q>>>() {
            Some(q) => {
                for (root, exact) in rational_polynomial_roots(&q, lo, hi) {
                    push(root, exact);
                }
            }
            None => out.uncertified.push(g.clone()),
        },
    }
}

/// Real roots of a·x² + b·x + c in closed form.
fn quadratic(a: &Expr, b: &Expr, c: &Expr) -> Option<Vec<Expr>> {
    // x = −b/(2a) ± √(b²/(4a²) − c/a)
    let center = neg(&mul(vec![b.clone(), pow(&mul(vec![int(2), a.clone()]), &int(-1))]));
    let inside = sub(&pow(&center, &int(2)), &mul(vec![c.clone(), pow(a, &int(-1))]));
    Some(match sign_of(&inside)? {
        Ordering::Less => Vec::new(),
        Ordering::Equal => vec![center],
        Ordering::Greater => {
            let r = square_root(&inside);
            let (x1, x2) = (sub(&center, &r), add(vec![center, r]));
            vec![x1, x2]
        }
    })
}

/// √e, with square factors of a rational taken out (√(5/4) = √5/2, √8 = 2√2).
pub fn square_root(e: &Expr) -> Expr {
    let Some(q) = e.as_num() else { return pow(e, &ratio(1, 2)) };
    // √(n/d) = √(n·d)/d
    let nd: IBig = q.numerator() * IBig::from(q.denominator().clone());
    let d = constant(Q::from(IBig::from(q.denominator().clone())));
    let (outside, inside) = split_square(&nd);
    let root = mul(vec![constant(Q::from(outside)), pow(&constant(Q::from(inside)), &ratio(1, 2))]);
    mul(vec![root, pow(&d, &int(-1))])
}

/// n = s²·m with m free of small square factors.
fn split_square(n: &IBig) -> (IBig, IBig) {
    let mut m = n.clone();
    let mut s = IBig::from(1);
    let mut p = IBig::from(2);
    let mut tries = 0;
    while &p * &p <= m && tries < 100_000 {
        let sq = &p * &p;
        while (&m % &sq) == IBig::ZERO {
            m /= &sq;
            s *= &p;
        }
        p += 1;
        tries += 1;
    }
    (s, m)
}

/// Real roots in [lo, hi] of a polynomial with rational coefficients:
/// rational roots exactly, then closed forms for quadratic and binomial
/// factors, then certified enclosures.
fn rational_polynomial_roots(c: &[Q], lo: &Expr, hi: &Expr) -> Vec<(Expr, bool)> {
    let (Some(l), Some(h)) = (approx(lo), approx(hi)) else { return Vec::new() };
    let mut p = c.to_vec();
    let mut found: Vec<(Expr, bool)> = Vec::new();
    for r in rational_roots(&p) {
        while evaluate(&p, &r).is_zero() {
            p = deflate(&p, &r);
            if p.len() <= 1 {
                break;
            }
        }
        found.push((constant(r), true));
    }
    match p.len() {
        0..=1 => {}
        2 => found.push((constant(-p[0].clone() / p[1].clone()), true)),
        3 => {
            let roots = quadratic(&constant(p[2].clone()), &constant(p[1].clone()), &constant(p[0].clone()));
            found.extend(roots.unwrap_or_default().into_iter().map(|r| (r, true)));
        }
        n if p[1..n - 1].iter().all(|q| q.is_zero()) => {
            // a·xⁿ + b: x = (−b/a)^(1/n), and its negative for even n.
            let v = -p[0].clone() / p[n - 1].clone();
            let degree = (n - 1) as i64;
            let odd = degree % 2 == 1;
            let magnitude = pow(
                &constant(if number::is_negative(&v) { -v.clone() } else { v.clone() }),
                &ratio(1, degree),
            );
            if odd {
                found.push((if number::is_negative(&v) { neg(&magnitude) } else { magnitude }, true));
            } else if !number::is_negative(&v) {
                found.extend([(neg(&magnitude), true), (magnitude, true)]);
            }
        }
        _ => found.extend(isolate_real_roots(&p, l, h).into_iter().map(|r| (constant(r), false))),
    }
    found
}

fn evaluate(p: &[Q], x: &Q) -> Q {
    p.iter().rev().fold(Q::ZERO, |acc, c| acc * x + c)
}

/// p / (x − r) for a root r.
fn deflate(p: &[Q], r: &Q) -> Vec<Q> {
    let n = p.len();
    let mut out = vec![Q::ZERO; n - 1];
    let mut carry = Q::ZERO;
    for i in (1..n).rev() {
        carry = carry * r + &p[i];
        out[i - 1] = carry.clone();
    }
    out
}

/// Rational roots by the rational root theorem (small numerators and
/// denominators only: the search is bounded).
fn rational_roots(p: &[Q]) -> Vec<Q> {
    // Integer coefficients: multiply by the denominators' product.
    let scale: IBig = p.iter().fold(IBig::from(1), |acc, q| acc * IBig::from(q.denominator().clone()));
    let ints: Vec<IBig> =
        p.iter().map(|q| (q.clone() * Q::from(scale.clone())).numerator().clone()).collect();
    let first = ints.iter().position(|c| *c != IBig::ZERO);
    let mut roots = Vec::new();
    let Some(first) = first else { return roots };
    if first > 0 {
        roots.push(Q::ZERO);
    }
    let (c0, cn) = (ints[first].clone(), ints[ints.len() - 1].clone());
    let divisors = |n: &IBig| -> Option<Vec<IBig>> {
        let n = i64::try_from(n.clone()).ok()?.unsigned_abs();
        if n > 1_000_000 {
            return None;
        }
        Some((1..=n).filter(|d| n % d == 0).map(IBig::from).collect())
    };
    let (Some(ps), Some(qs)) = (divisors(&c0), divisors(&cn)) else { return roots };
    for a in &ps {
        for b in &qs {
            for s in [1, -1] {
                let r = Q::from(a.clone() * IBig::from(s)) / Q::from(b.clone());
                if evaluate(p, &r).is_zero() && !roots.contains(&r) {
                    roots.push(r);
                }
            }
        }
    }
    roots.sort();
    roots
}

/// The real roots of p in [lo, hi], each enclosed by Sturm's theorem and
/// bisection in exact arithmetic to width 10⁻⁴⁰; the midpoint stands for it.
fn isolate_real_roots(p: &[Q], lo: f64, hi: f64) -> Vec<Q> {
    let square_free = {
        let dp = derivative(p);
        let g = gcd(p, &dp);
        if g.len() > 1 { divide(p, &g) } else { p.to_vec() }
    };
    let chain = sturm(&square_free);
    let (Some(mut a), Some(b)) = (number::from_f64(lo), number::from_f64(hi)) else { return Vec::new() };
    a -= Q::from(IBig::from(1)) / Q::from(IBig::from(10).pow(30));
    let width = Q::from(IBig::from(1)) / Q::from(IBig::from(10).pow(40));
    let mut out = Vec::new();
    let mut stack = vec![(a, b)];
    let mut work = 0;
    while let Some((a, b)) = stack.pop() {
        work += 1;
        if work > 20_000 {
            break;
        }
        let count = changes(&chain, &a) - changes(&chain, &b);
        if count == 0 {
            continue;
        }
        if count == 1 && &b - &a < width {
            out.push((&a + &b) / Q::from(IBig::from(2)));
            continue;
        }
        let m = (&a + &b) / Q::from(IBig::from(2));
        if evaluate(&square_free, &m).is_zero() {
            out.push(m.clone());
        }
        stack.push((m.clone(), b));
        stack.push((a, m));
    }
    out.sort();
    out
}

fn derivative(p: &[Q]) -> Vec<Q> {
    p.iter().enumerate().skip(1).map(|(i, c)| c * Q::from(IBig::from(i))).collect()
}

fn remainder(a: &[Q], b: &[Q]) -> Vec<Q> {
    let mut r = a.to_vec();
    let lead = b[b.len() - 1].clone();
    while r.len() >= b.len() && !(r.len() == 1 && r[0].is_zero()) {
        let factor = r[r.len() - 1].clone() / lead.clone();
        let shift = r.len() - b.len();
        for (i, c) in b.iter().enumerate() {
            r[shift + i] -= &factor * c;
        }
        r.pop();
        while r.len() > 1 && r.last().is_some_and(|c| c.is_zero()) {
            r.pop();
        }
        if r.is_empty() {
            break;
        }
    }
    if r.is_empty() { vec![Q::ZERO] } else { r }
}

fn divide(a: &[Q], b: &[Q]) -> Vec<Q> {
    let mut r = a.to_vec();
    let mut q = vec![Q::ZERO; a.len().saturating_sub(b.len()) + 1];
    let lead = b[b.len() - 1].clone();
    while r.len() >= b.len() {
        let factor = r[r.len() - 1].clone() / lead.clone();
        let shift = r.len() - b.len();
        q[shift] = factor.clone();
        for (i, c) in b.iter().enumerate() {
            r[shift + i] -= &factor * c;
        }
        r.pop();
    }
    q
}

fn gcd(a: &[Q], b: &[Q]) -> Vec<Q> {
    let (mut a, mut b) = (a.to_vec(), b.to_vec());
    while !(b.is_empty() || b.len() == 1 && b[0].is_zero()) {
        let r = remainder(&a, &b);
        a = b;
        b = r;
    }
    a
}

fn sturm(p: &[Q]) -> Vec<Vec<Q>> {
    let mut chain = vec![p.to_vec(), derivative(p)];
    while chain.len() < 70 {
        let n = chain.len();
        let r = remainder(&chain[n - 2], &chain[n - 1]);
        if r.len() == 1 && r[0].is_zero() {
            break;
        }
        chain.push(r.into_iter().map(|c| -c).collect());
    }
    chain
}

fn changes(chain: &[Vec<Q>], x: &Q) -> i64 {
    let signs: Vec<Ordering> =
        chain.iter().map(|p| evaluate(p, x).cmp(&Q::ZERO)).filter(|s| *s != Ordering::Equal).collect();
    signs.windows(2).filter(|w| w[0] != w[1]).count() as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::parse::parse;
    use crate::render::plain;

    fn roots(g: &str, lo: &str, hi: &str) -> Vec<String> {
        let z = zeros(&parse(g).unwrap(), "x", &parse(lo).unwrap(), &parse(hi).unwrap());
        assert!(z.uncertified.is_empty(), "{g}: {:?}", z.uncertified);
        let mut r: Vec<(f64, String)> =
            z.points.iter().map(|p| (approx(&p.at).unwrap(), plain(&p.at))).collect();
        r.sort_by(|a, b| a.0.total_cmp(&b.0));
        r.into_iter().map(|p| p.1).collect()
    }

    #[test]
    fn closed_forms() {
        assert_eq!(roots("x^2 - 2", "0", "2"), ["sqrt(2)"]);
        assert_eq!(roots("x^2 - x - 1", "-2", "2"), ["1/2 - sqrt(5)/2", "sqrt(5)/2 + 1/2"]);
        assert_eq!(roots("x^3 - 2", "0", "2"), ["cbrt(2)"]);
        assert_eq!(roots("exp(x) - 2", "0", "2"), ["ln(2)"]);
        assert_eq!(roots("x - 1e-30", "-1", "1"), ["1/1000000000000000000000000000000"]);
        assert_eq!(roots("(x - 1)*(x + 2)*(x - 1/3)", "-3", "3"), ["-2", "1/3", "1"]);
        assert_eq!(roots("sin(x)", "-1", "7"), ["0", "pi", "2*pi"]);
        assert_eq!(roots("cos(2x)", "0", "2"), ["pi/4"]);
    }

    #[test]
    fn enclosures_for_what_has_no_closed_form() {
        let z = zeros(&parse("x^5 - x - 1").unwrap(), "x", &int(0), &int(2));
        assert_eq!(z.points.len(), 1);
        assert!(!z.points[0].exact);
        assert!((approx(&z.points[0].at).unwrap() - 1.1673039782614187).abs() < 1e-15);
    }
}
