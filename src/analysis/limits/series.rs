//! Asymptotic expansions as t → 0⁺, the exact half of the judge.
//!
//! The variable is written x = a ± t (a finite point, approached from one
//! side) or x = ±1/t (±∞), and the expression is expanded bottom-up into a
//! generalised power series Σ c·tᵖ·Lᵏ with L = ln t, exact coefficients
//! and rational exponents (Taylor and Puiseux series, with the logarithms
//! that x·ln x needs), plus an error term O(tᵠ). What grows or shrinks
//! faster than every power (exp(1/t), exp(−1/t)) and what oscillates
//! without a limit (sin(1/t)) are kept as classes of their own, the way
//! Gruntz's algorithm compares growth classes: enough to decide x·e⁻ˣ at
//! ∞ or x²·sin(1/x) at 0 exactly. Whatever the rules cannot decide is
//! `Unknown`, never a guess.

use crate::engine::expr::{Constant, Expr, Kind, Logic};
use crate::engine::functions::{Function, Kink};
use crate::engine::number::{self, Rational as Q};
use crate::engine::simplify::{add, constant, func, int, mul, named, neg, pow, var};
use std::cell::RefCell;
use std::cmp::Ordering;
use std::collections::HashMap;

/// c·tᵖ·Lᵏ.
#[derive(Clone, Debug)]
pub struct Term {
    pub p: Q,
    pub k: i32,
    pub c: Expr,
}

/// How far a series is known: up to O(tᵠ), beyond every power (the
/// series is exact but for something like e^(−1/t)), or exactly.
#[derive(Clone, Debug, PartialEq)]
pub enum Order {
    Upto(Q),
    Flat,
    Exact,
}

impl Order {
    fn min(self, other: Order) -> Order {
        match (self, other) {
            (Order::Upto(a), Order::Upto(b)) => Order::Upto(if a < b { a } else { b }),
            (Order::Upto(a), _) | (_, Order::Upto(a)) => Order::Upto(a),
            (Order::Flat, _) | (_, Order::Flat) => Order::Flat,
            _ => Order::Exact,
        }
    }

    /// The order after multiplying by tᵖ.
    fn shift(&self, p: &Q) -> Order {
        match self {
            Order::Upto(q) => Order::Upto(q + p),
            other => other.clone(),
        }
    }

    /// Whether a term tᵖ lies within what is known.
    fn covers(&self, p: &Q) -> bool {
        match self {
            Order::Upto(q) => p < q,
            _ => true,
        }
    }
}

/// Terms in increasing size order as t → 0⁺ reversed: the largest (the
/// leading term) first, by p ascending and then k descending.
#[derive(Clone, Debug)]
pub struct Series {
    pub terms: Vec<Term>,
    pub order: Order,
}

/// What an expression does as t → 0⁺.
#[derive(Clone, Debug)]
pub enum Asym {
    S(Series),
    /// e^g·f: g an exact sum of unbounded terms (so e^g grows or shrinks
    /// faster than every power, e^(1/t), e^(-ln(t)/t)) and f a series with
    /// a known leading term. Products and quotients of such compare their
    /// exponents exactly (sinh(x)/cosh(x) → 1), the way Gruntz's algorithm
    /// compares growth classes.
    Exp(Series, Series),
    /// a(t)·w(t) with w bounded and without a limit (sin(1/t)) and a an
    /// amplitude with a known leading term tᵖ, p ≤ 0 (a smaller amplitude
    /// makes it vanish: see `oscillating`).
    Osc(Series),
    /// Not defined on this side near the point.
    Undefined,
    /// The rules here cannot decide.
    Unknown,
}

/// How x approaches its target: x = a + side·t, or x = side/t (±∞).
#[derive(Clone, Debug)]
pub enum Approach {
    Point(Expr, i8),
    Infinity(i8),
}

/// A series expansion in progress: where terms are cut, and the work
/// budget (counted in term products, never in wall-clock time).
pub struct Expander<'a> {
    pub var: &'a str,
    pub approach: Approach,
    /// Terms tᵖ with p ≥ cap are dropped.
    cap: Q,
    work: usize,
    /// Expansions by node, each kept with its node: a key must not be
    /// freed and reused by another expression while the memo lives.
    memo: HashMap<*const (), (Expr, Asym)>,
}

/// Highest Taylor coefficient taken from repeated symbolic derivatives
/// (the 20th derivative of tan is already a long polynomial in tan).
const MAX_TAYLOR_ORDER: usize = 16;

/// Work allowed for one expansion (term products, sign decisions).
const WORK: usize = 60_000;

fn q(n: i64) -> Q {
    number::int(n)
}

fn term(p: Q, k: i32, c: Expr) -> Term {
    Term { p, k, c }
}

impl Series {
    pub fn constant(c: Expr) -> Series {
        let terms = if c.is_zero() { Vec::new() } else { vec![term(q(0), 0, c)] };
        Series { terms, order: Order::Exact }
    }

    fn zero(order: Order) -> Series {
        Series { terms: Vec::new(), order }
    }

    pub fn lead(&self) -> Option<&Term> {
        self.terms.first()
    }

    /// The exponent of the leading term, or of the error term.
    fn valuation(&self) -> Option<Q> {
        match (self.lead(), &self.order) {
            (Some(t), _) => Some(t.p.clone()),
            (None, Order::Upto(q)) => Some(q.clone()),
            _ => None,
        }
    }

    fn is_exact_zero(&self) -> bool {
        self.terms.is_empty() && self.order == Order::Exact
    }
}

thread_local! {
    /// d^n/du^n f(u) for each function, computed once.
    static TAYLOR: RefCell<HashMap<(u8, usize), Expr>> = RefCell::new(HashMap::new());
}

/// The name of the placeholder argument (not a name a user can type).
const U: &str = "\u{1}u";

fn nth_derivative_of(f: Function, n: usize) -> Option<Expr> {
    if let Some(hit) = TAYLOR.with(|t| t.borrow().get(&(f.id(), n)).cloned()) {
        return Some(hit);
    }
    let d = if n == 0 {
        func(f, vec![var(U)])
    } else {
        crate::derivative(&nth_derivative_of(f, n - 1)?, U).ok()?
    };
    TAYLOR.with(|t| t.borrow_mut().insert((f.id(), n), d.clone()));
    Some(d)
}

fn factorial(n: usize) -> Q {
    (1..=n as i64).fold(q(1), |acc, k| acc * q(k))
}

impl<'a> Expander<'a> {
    pub fn new(var: &'a str, approach: Approach, cap: i64) -> Expander<'a> {
        Expander { var, approach, cap: q(cap), work: 0, memo: HashMap::new() }
    }

    /// Whether the work budget ran out (a larger cut will not help).
    pub fn exhausted(&self) -> bool {
        self.work > WORK
    }

    fn spend(&mut self, n: usize) -> bool {
        self.work += n;
        self.work <= WORK
    }

    /// The sign of an exact constant, or `None` when it cannot be decided.
    fn sign(&mut self, c: &Expr) -> Option<Ordering> {
        if let Some(q) = c.as_num() {
            return Some(q.as_ref().cmp(&Q::ZERO));
        }
        if crate::engine::domain::positive_by_form(c) {
            return Some(Ordering::Greater);
        }
        if !self.spend(50) {
            return None;
        }
        crate::numeric::precise::sign(c).ok().flatten()
    }

    /// The sign of a series' values for small t.
    fn sign_near(&mut self, s: &Series) -> Option<Ordering> {
        match s.lead() {
            Some(t) => {
                let t = t.clone();
                let c = self.sign(&t.c)?;
                Some(if t.k % 2 != 0 { c.reverse() } else { c })
            }
            None if s.order == Order::Exact => Some(Ordering::Equal),
            None => None,
        }
    }

    /// e^g·f, or plain f when the exponent has cancelled.
    fn exp_times(&mut self, g: Series, f: Series) -> Asym {
        if g.terms.is_empty() {
            return Asym::S(f);
        }
        if f.lead().is_some() {
            return Asym::Exp(g, f);
        }
        match self.grows(&g) {
            _ if f.is_exact_zero() => Asym::S(f),
            Some(false) => Asym::S(Series::zero(Order::Flat)),
            _ => Asym::Unknown,
        }
    }

    /// Whether an exponent tends to +∞ (`Some(false)`: to −∞).
    fn grows(&mut self, g: &Series) -> Option<bool> {
        self.sign_near(g).map(|s| s == Ordering::Greater)
    }

    /// The sign of the unbounded part of a series (`None` when there is
    /// none; `Some(None)` when its sign cannot be decided).
    fn unbounded_sign(&mut self, unbounded: Vec<Term>) -> Option<Option<Ordering>> {
        if unbounded.is_empty() {
            return None;
        }
        Some(self.sign_near(&Series { terms: unbounded, order: Order::Exact }))
    }

    pub fn sign_of(&mut self, a: &Asym) -> Option<Ordering> {
        match a {
            Asym::Osc(_) => None,
            Asym::S(s) => self.sign_near(s),
            Asym::Exp(_, f) => {
                let f = f.clone();
                self.sign_near(&f)
            }
            _ => None,
        }
    }

    /// Merge like terms, drop what the error term covers, and cut the
    /// series `cap` powers of t past its leading term (precision is
    /// relative to the leading term, so a factor e^(1/t) or t^100 loses
    /// nothing).
    fn normalise(&mut self, mut terms: Vec<Term>, order: Order) -> Series {
        terms.retain(|t| order.covers(&t.p));
        terms.sort_by(|a, b| a.p.cmp(&b.p).then(b.k.cmp(&a.k)));
        let mut merged: Vec<Term> = Vec::with_capacity(terms.len());
        for t in terms {
            match merged.last_mut() {
                Some(last) if last.p == t.p && last.k == t.k => last.c = add(vec![last.c.clone(), t.c]),
                _ => merged.push(t),
            }
        }
        for t in &mut merged {
            t.c = distribute(&t.c);
        }
        // A leading sum that is 0 once multiplied out (f(a) written two
        // ways, cancelling) is no leading term.
        while merged.first().is_some_and(|t| {
            matches!(t.c.kind(), Kind::Add(_))
                && crate::engine::tidy::expanded_with_powers(&t.c).is_some_and(|e| e.is_zero())
        }) {
            merged.remove(0);
        }
        merged.retain(|t| !t.c.is_zero());
        // Exact coefficients can grow to thousands of digits (a point near
        // 10^-9000): their arithmetic is work too.
        let bulk: usize = merged.iter().map(|t| number_bulk(&t.c)).sum();
        self.spend(bulk);
        let order = match merged.first() {
            Some(lead) => order.min(Order::Upto(&lead.p + &self.cap)),
            None => order,
        };
        merged.retain(|t| order.covers(&t.p));
        Series { terms: merged, order }
    }

    // --- arithmetic -----------------------------------------------------

    fn add_series(&mut self, a: &Series, b: &Series) -> Series {
        let terms = a.terms.iter().chain(&b.terms).cloned().collect();
        self.normalise(terms, a.order.clone().min(b.order.clone()))
    }

    fn mul_series(&mut self, a: &Series, b: &Series) -> Option<Series> {
        if a.is_exact_zero() || b.is_exact_zero() {
            return Some(Series::zero(Order::Exact));
        }
        let order = {
            let from_a = match b.valuation() {
                Some(v) => a.order.shift(&v),
                None => a.order.clone(),
            };
            let from_b = match a.valuation() {
                Some(v) => b.order.shift(&v),
                None => b.order.clone(),
            };
            // A series with nothing known but "smaller than every power"
            // times one with no leading term: nothing is known.
            from_a.min(from_b)
        };
        if !self.spend(a.terms.len() * b.terms.len() + 1) {
            return None;
        }
        let mut terms = Vec::with_capacity(a.terms.len() * b.terms.len());
        for x in &a.terms {
            for y in &b.terms {
                let p = &x.p + &y.p;
                if order.covers(&p) {
                    terms.push(term(p, x.k + y.k, coef_mul(&x.c, &y.c)));
                }
            }
        }
        Some(self.normalise(terms, order))
    }

    fn scale(&mut self, s: &Series, c: &Expr) -> Series {
        let terms = s.terms.iter().map(|t| term(t.p.clone(), t.k, coef_mul(&t.c, c))).collect();
        self.normalise(terms, s.order.clone())
    }

    /// Multiply by c·tᵖ·Lᵏ.
    fn monomial(&mut self, s: &Series, p: &Q, k: i32, c: &Expr) -> Series {
        let terms = s.terms.iter().map(|t| term(&t.p + p, t.k + k, coef_mul(&t.c, c))).collect();
        Series { terms, order: s.order.shift(p) }
    }

    /// s / lead − 1: what the leading term leaves, relative to it.
    fn relative_rest(&mut self, s: &Series, lead: &Term) -> Series {
        let inverse = pow(&lead.c, &int(-1));
        let p = -lead.p.clone();
        // The lead over itself is exactly 1, whatever form its coefficient has.
        let terms = s.terms[1..].iter().map(|t| term(&t.p + &p, t.k - lead.k, coef_mul(&t.c, &inverse)));
        let terms = std::iter::once(term(q(0), 0, int(1))).chain(terms).collect();
        let divided = self.normalise(terms, s.order.shift(&p));
        self.add_series(&divided, &Series::constant(int(-1)))
    }

    /// Σ coefficients[n]·uⁿ for a u that tends to 0 (its terms have p > 0).
    fn power_series(&mut self, u: &Series, coefficient: &dyn Fn(usize) -> Option<Expr>) -> Option<Series> {
        let smallest = match u.valuation() {
            Some(v) if v > q(0) => v,
            // u is 0 to every order: only the constant term counts.
            None => {
                let c0 = coefficient(0)?;
                let order = if u.is_exact_zero() { Order::Exact } else { Order::Flat };
                return Some(Series { terms: vec![term(q(0), 0, c0)], order }.without_zeros());
            }
            Some(_) => return None,
        };
        // Enough powers to reach the cut.
        let needed = (&self.cap / &smallest).ceil();
        let n_max = usize::try_from(needed).ok()?.clamp(1, 64);
        let mut total = Series::constant(coefficient(0)?);
        let mut power = Series::constant(int(1));
        for n in 1..=n_max {
            power = self.mul_series(&power, u)?;
            let c = coefficient(n)?;
            if !c.is_zero() {
                let scaled = self.scale(&power, &c);
                total = self.add_series(&total, &scaled);
            }
        }
        let remainder = Order::Upto(&smallest * q(n_max as i64 + 1));
        let order = total.order.clone().min(remainder);
        Some(self.normalise(total.terms, order))
    }

    // --- the expansion ----------------------------------------------------

    /// Expand `e` (its only free variable is `self.var`).
    pub fn expand(&mut self, e: &Expr) -> Asym {
        if e.free_of(self.var) {
            if e.has_division_by_zero() {
                return Asym::Undefined;
            }
            return Asym::S(Series::constant(e.clone()));
        }
        if let Some((_, hit)) = self.memo.get(&e.node_ptr()) {
            return hit.clone();
        }
        if !self.spend(1) {
            return Asym::Unknown;
        }
        let result = match e.kind() {
            Kind::Var(_) => self.variable(),
            Kind::Add(items) => self.combine(items, Series::zero(Order::Exact), Self::add_asym),
            Kind::Mul(items) => self.combine(items, Series::constant(int(1)), Self::mul_asym),
            Kind::Pow(b, x) => self.power(b, x),
            Kind::Func(f, args) => self.function(*f, args),
            Kind::Piecewise(parts) => self.piecewise(parts),
            Kind::Num(_) | Kind::Const(_) | Kind::Cmp(..) | Kind::Logic(..) => Asym::Unknown,
        };
        self.memo.insert(e.node_ptr(), (e.clone(), result.clone()));
        result
    }

    fn variable(&mut self) -> Asym {
        let s = match &self.approach {
            Approach::Point(a, side) => {
                let mut terms = vec![term(q(1), 0, int(i64::from(*side)))];
                if !a.is_zero() {
                    terms.insert(0, term(q(0), 0, a.clone()));
                }
                Series { terms, order: Order::Exact }
            }
            Approach::Infinity(side) => {
                Series { terms: vec![term(q(-1), 0, int(i64::from(*side)))], order: Order::Exact }
            }
        };
        Asym::S(s)
    }

    /// Combine the expansions of the items with `op`, stopping early once
    /// the result is undefined or unknown.
    fn combine(&mut self, items: &[Expr], start: Series, op: fn(&mut Self, Asym, Asym) -> Asym) -> Asym {
        let mut total = Asym::S(start);
        for item in items {
            let next = self.expand(item);
            total = op(self, total, next);
            if matches!(total, Asym::Unknown | Asym::Undefined) {
                return total;
            }
        }
        total
    }

    fn add_asym(&mut self, a: Asym, b: Asym) -> Asym {
        match (a, b) {
            (Asym::Undefined, _) | (_, Asym::Undefined) => Asym::Undefined,
            (Asym::Unknown, _) | (_, Asym::Unknown) => Asym::Unknown,
            (Asym::S(x), Asym::S(y)) => Asym::S(self.add_series(&x, &y)),
            (Asym::Exp(g1, f1), Asym::Exp(g2, f2)) => {
                let minus_g2 = self.scale(&g2, &int(-1));
                let d = self.add_series(&g1, &minus_g2);
                if d.terms.is_empty() {
                    let f = self.add_series(&f1, &f2);
                    return self.exp_times(g1, f);
                }
                // The larger exponential leaves the other beyond every power.
                match self.sign_near(&d) {
                    Some(Ordering::Greater) => Asym::Exp(g1, flat(f1)),
                    Some(Ordering::Less) => Asym::Exp(g2, flat(f2)),
                    _ => Asym::Unknown,
                }
            }
            (Asym::Exp(g, f), other) | (other, Asym::Exp(g, f)) => match (self.grows(&g), other) {
                (_, Asym::S(x)) if x.is_exact_zero() => Asym::Exp(g, f),
                (Some(true), _) => Asym::Exp(g, flat(f)),
                (Some(false), Asym::S(x)) => Asym::S(flat(x)),
                (Some(false), osc @ Asym::Osc(_)) => osc,
                _ => Asym::Unknown,
            },
            (Asym::Osc(a), Asym::S(x)) | (Asym::S(x), Asym::Osc(a)) => {
                let Some(wobble) = a.lead().cloned() else { return Asym::Unknown };
                match x.lead() {
                    // What grows faster than the wobble's amplitude dominates it.
                    Some(t) if bigger(t, &wobble) => Asym::S(x.clip(&wobble.p)),
                    Some(t) if bigger(&wobble, t) => Asym::Osc(a),
                    Some(_) => Asym::Unknown,
                    // x is 0, smaller than every power, or O(t^q) with q past
                    // the amplitude: the wobble dominates.
                    None if x.order.covers(&wobble.p) => Asym::Osc(a),
                    None => Asym::Unknown,
                }
            }
            _ => Asym::Unknown,
        }
    }

    fn mul_asym(&mut self, a: Asym, b: Asym) -> Asym {
        match (a, b) {
            (Asym::Undefined, _) | (_, Asym::Undefined) => Asym::Undefined,
            (Asym::Unknown, _) | (_, Asym::Unknown) => Asym::Unknown,
            (Asym::S(x), Asym::S(y)) => self.mul_series(&x, &y).map_or(Asym::Unknown, Asym::S),
            (Asym::Exp(g1, f1), Asym::Exp(g2, f2)) => {
                let g = self.add_series(&g1, &g2);
                match self.mul_series(&f1, &f2) {
                    Some(f) => self.exp_times(g, f),
                    None => Asym::Unknown,
                }
            }
            (Asym::Exp(g, f), other) | (other, Asym::Exp(g, f)) => match other {
                Asym::S(x) if x.is_exact_zero() => Asym::S(x),
                Asym::S(x) if x.lead().is_some() => match self.mul_series(&f, &x) {
                    Some(product) => self.exp_times(g, product),
                    None => Asym::Unknown,
                },
                // Something of polynomial size times what shrinks faster
                // than every power shrinks too.
                _ if self.grows(&g) == Some(false) => Asym::S(Series::zero(Order::Flat)),
                _ => Asym::Unknown,
            },
            (Asym::Osc(a), Asym::S(x)) | (Asym::S(x), Asym::Osc(a)) => {
                if x.is_exact_zero() {
                    return Asym::S(x);
                }
                if x.lead().is_some() {
                    return match self.mul_series(&a, &x) {
                        Some(amplitude) => oscillating(amplitude),
                        None => Asym::Unknown,
                    };
                }
                // x vanishes without a known leading term: so does the product.
                match (x.valuation(), a.valuation()) {
                    (Some(v), Some(pa)) => Asym::S(Series::zero(Order::Upto(v + pa))),
                    (None, _) => Asym::S(Series::zero(Order::Flat)),
                    _ => Asym::Unknown,
                }
            }
            _ => Asym::Unknown,
        }
    }

    fn power(&mut self, b: &Expr, x: &Expr) -> Asym {
        if let Some(r) = x.as_num() {
            let base = self.expand(b);
            return self.power_q(base, &r);
        }
        // b^x = exp(x·ln b), with b > 0 (the domain as written).
        let base = self.expand(b);
        let log = self.ln(base);
        let exponent = self.expand(x);
        let product = self.mul_asym(log, exponent);
        self.exp(product)
    }

    fn power_q(&mut self, base: Asym, r: &Q) -> Asym {
        match settle(base) {
            Asym::S(s) => self.series_power(&s, r),
            Asym::Exp(g, f) => {
                let g = self.scale(&g, &constant(r.clone()));
                match self.series_power(&f, r) {
                    Asym::S(f) => self.exp_times(g, f),
                    other => other,
                }
            }
            other @ (Asym::Undefined | Asym::Unknown) => other,
            Asym::Osc(_) => Asym::Unknown,
        }
    }

    /// sʳ = (c·tᵖ·Lᵏ)ʳ·(1 + u)ʳ by the binomial series, real roots only.
    fn series_power(&mut self, s: &Series, r: &Q) -> Asym {
        let Some(lead) = s.lead().cloned() else {
            return match s.order {
                Order::Exact if number::is_negative(r) => Asym::Undefined,
                Order::Exact => Asym::S(Series::zero(Order::Exact)),
                // Known to vanish: a positive power vanishes too.
                Order::Upto(ref o) if !number::is_negative(r) && *o > q(0) => {
                    Asym::S(Series::zero(Order::Upto(o * r)))
                }
                Order::Flat if !number::is_negative(r) => Asym::S(Series::zero(Order::Flat)),
                _ => Asym::Unknown,
            };
        };
        let integer = number::is_integer(r);
        if lead.k != 0 && !(integer || (r * q(i64::from(lead.k))).denominator() == &1u8.into()) {
            return Asym::Unknown;
        }
        // Small whole powers: repeated products (no binomial bookkeeping).
        if integer && !number::is_negative(r) && *r <= q(8) {
            let n = number::to_i64(r).unwrap_or(0);
            let mut total = Series::constant(int(1));
            for _ in 0..n {
                match self.mul_series(&total, s) {
                    Some(next) => total = next,
                    None => return Asym::Unknown,
                }
            }
            return Asym::S(total);
        }
        let Some(sign) = self.sign(&lead.c) else { return Asym::Unknown };
        if sign == Ordering::Less && !integer && r.denominator() % 2u8 == 0u8 {
            return Asym::Undefined;
        }
        // The leading factor: |c|^r with the sign of c^r.
        let magnitude = if sign == Ordering::Less { neg(&lead.c) } else { lead.c.clone() };
        let odd_numerator = (r.numerator() % 2i32) != 0i32;
        let mut c_r = pow(&magnitude, &constant(r.clone()));
        if sign == Ordering::Less && odd_numerator {
            c_r = neg(&c_r);
        }
        let k_r = r * q(i64::from(lead.k));
        let Some(k_r) = number::to_i64(&k_r).and_then(|k| i32::try_from(k).ok()) else {
            return Asym::Unknown;
        };
        let shift = &lead.p * r;
        // u = s / lead − 1.
        let u = self.relative_rest(s, &lead);
        if u.terms.iter().any(|t| t.p <= q(0)) {
            return Asym::Unknown;
        }
        let r_owned = r.clone();
        let binomial = move |n: usize| -> Option<Expr> {
            let mut c = q(1);
            for j in 0..n as i64 {
                c = c * (&r_owned - q(j)) / q(j + 1);
            }
            Some(constant(c))
        };
        let body = self.power_series(&u, &binomial);
        match body {
            Some(body) => Asym::S(self.monomial(&body, &shift, k_r, &c_r)),
            None => Asym::Unknown,
        }
    }

    fn exp(&mut self, a: Asym) -> Asym {
        let s = match settle(a) {
            Asym::S(s) => s,
            Asym::Exp(g, f) => {
                // e^(e^g·f): shrinking g leaves e^(flat) = 1 + flat; a
                // growing one with a negative factor shrinks past every power.
                return match (self.grows(&g), self.sign_near(&f)) {
                    (Some(false), _) => Asym::S(flat(Series::constant(int(1)))),
                    (Some(true), Some(Ordering::Less)) => Asym::S(Series::zero(Order::Flat)),
                    _ => Asym::Unknown,
                };
            }
            Asym::Osc(_) => return Asym::Unknown,
            other => return other,
        };
        let (unbounded, c0, v) = split(&s);
        if !unbounded.is_empty() {
            // e^(U + c0 + v) = e^U · e^(c0 + v): the unbounded part stays a power of e.
            let constant_term = (!c0.is_zero()).then(|| term(q(0), 0, c0));
            let rest = Series { terms: constant_term.into_iter().chain(v.terms).collect(), order: v.order };
            return match self.exp(Asym::S(rest)) {
                Asym::S(f) => self.exp_times(Series { terms: unbounded, order: Order::Exact }, f),
                other => other,
            };
        }
        if v.terms.iter().any(|t| t.p <= q(0)) || matches!(v.order, Order::Upto(ref o) if *o <= q(0)) {
            return Asym::Unknown;
        }
        let e0 = func(Function::EXP, vec![c0]);
        let series = self.power_series(&v, &|n| Some(constant(q(1) / factorial(n))));
        match series {
            Some(body) => Asym::S(self.scale(&body, &e0)),
            None => Asym::Unknown,
        }
    }

    /// ln s = ln c + p·L + ln(1 + u) for s = c·tᵖ·(1 + u), c > 0.
    fn ln(&mut self, a: Asym) -> Asym {
        let s = match settle(a) {
            Asym::S(s) => s,
            // ln(e^g·f) = g + ln f
            Asym::Exp(g, f) => {
                return match self.ln(Asym::S(f)) {
                    Asym::S(l) => Asym::S(self.add_series(&g, &l)),
                    other => other,
                };
            }
            Asym::Undefined => return Asym::Undefined,
            _ => return Asym::Unknown,
        };
        let Some(lead) = s.lead().cloned() else {
            return if s.is_exact_zero() { Asym::Undefined } else { Asym::Unknown };
        };
        if lead.k != 0 {
            return Asym::Unknown;
        }
        match self.sign(&lead.c) {
            Some(Ordering::Greater) => {}
            Some(_) => return Asym::Undefined,
            None => return Asym::Unknown,
        }
        let u = self.relative_rest(&s, &lead);
        if u.terms.iter().any(|t| t.p <= q(0)) {
            return Asym::Unknown;
        }
        let log1p = self.power_series(&u, &|n| {
            Some(if n == 0 {
                int(0)
            } else {
                let sign = if n % 2 == 1 { 1 } else { -1 };
                constant(number::ratio(sign, n as i64))
            })
        });
        let Some(mut body) = log1p else { return Asym::Unknown };
        let ln_c = func(Function::LN, vec![lead.c.clone()]);
        body = self.add_series(&body, &Series::constant(ln_c));
        if !lead.p.is_zero() {
            let log_term =
                Series { terms: vec![term(q(0), 1, constant(lead.p.clone()))], order: Order::Exact };
            body = self.add_series(&body, &log_term);
        }
        Asym::S(body)
    }

    fn piecewise(&mut self, parts: &[Expr]) -> Asym {
        for pair in parts.chunks(2) {
            match pair {
                [cond, value] => match self.holds_near(cond) {
                    Some(true) => return self.expand(value),
                    Some(false) => {}
                    None => return Asym::Unknown,
                },
                [otherwise] => return self.expand(otherwise),
                _ => {}
            }
        }
        Asym::Unknown
    }

    /// Whether a condition holds at every point near the target on this side.
    pub fn holds_near(&mut self, cond: &Expr) -> Option<bool> {
        match cond.kind() {
            Kind::Cmp(rel, sides) => {
                let d = self.expand(&crate::engine::simplify::sub(&sides[0], &sides[1]));
                let sign = self.sign_of(&d)?;
                Some(rel.holds(sign))
            }
            Kind::Logic(op, items) => {
                let decisive = *op == Logic::Or;
                let mut unknown = false;
                for item in items.iter() {
                    match self.holds_near(item) {
                        Some(t) if t == decisive => return Some(decisive),
                        Some(_) => {}
                        None => unknown = true,
                    }
                }
                (!unknown).then_some(!decisive)
            }
            _ => None,
        }
    }

    fn function(&mut self, f: Function, args: &[Expr]) -> Asym {
        let name = f;
        if args.len() == 2 {
            return self.binary(f, args);
        }
        let inner = settle(self.expand(&args[0]));
        match name {
            Function::EXP => return self.exp(inner),
            Function::LN => return self.ln(inner),
            Function::LOG10 | Function::LOG2 => {
                let base = if name == Function::LOG10 { 10 } else { 2 };
                let l = self.ln(inner);
                let scale = pow(&func(Function::LN, vec![int(base)]), &int(-1));
                return self.mul_asym(l, Asym::S(Series::constant(scale)));
            }
            _ => {}
        }
        let s = match inner {
            Asym::S(s) => s,
            Asym::Exp(g, factor) => match (self.grows(&g), self.sign_near(&factor)) {
                (Some(true), Some(sign)) => return self.at_infinity(f, sign, &args[0]),
                // An argument shrinking past every power: f near 0.
                (Some(false), _) => Series::zero(Order::Flat),
                _ => return Asym::Unknown,
            },
            Asym::Osc(_) => return Asym::Unknown,
            other => return other,
        };
        let (unbounded, c0, v) = split(&s);
        if let Some(sign) = self.unbounded_sign(unbounded) {
            return match sign {
                Some(sign) => self.at_infinity(f, sign, &args[0]),
                None => Asym::Unknown,
            };
        }
        if matches!(v.order, Order::Upto(ref o) if *o <= q(0)) {
            return Asym::Unknown;
        }
        if let Some((kind, _)) = f.def().kink
            && f.at_kink(std::slice::from_ref(&c0))
        {
            return self.at_kink(f, kind, &c0, &v, &s);
        }
        if name == Function::ELU && c0.is_zero() {
            let rewritten = self.elu_at_zero(&v, &s);
            return rewritten;
        }
        if let Some(exact) = self.beside_kink(f, &c0, &s) {
            return exact;
        }
        self.taylor(f, &c0, &v, &args[0])
    }

    /// f(c0 + v) = Σ f⁽ⁿ⁾(c0)/n!·vⁿ where c0 is inside f's domain.
    fn taylor(&mut self, f: Function, c0: &Expr, v: &Series, arg: &Expr) -> Asym {
        match self.interior(f, c0) {
            Some(true) => {}
            Some(false) => return self.at_edge(f, arg),
            None => return Asym::Unknown,
        }
        // sin, cos, sinh and cosh have derivatives that cycle; the rest
        // come from the differentiator, up to an order that stays cheap.
        let cycle: Option<[Expr; 4]> = match f {
            Function::SIN | Function::COS | Function::SINH | Function::COSH => {
                let (s, c) = if matches!(f, Function::SIN | Function::COS) {
                    (Function::SIN, Function::COS)
                } else {
                    (Function::SINH, Function::COSH)
                };
                let at = |g: Function| func(g, vec![c0.clone()]);
                let (sv, cv) = (at(s), at(c));
                let sign = if s == Function::SIN { -1 } else { 1 };
                let (nsv, ncv) = (mul(vec![int(sign), sv.clone()]), mul(vec![int(sign), cv.clone()]));
                Some(if matches!(f, Function::SIN | Function::SINH) {
                    [sv, cv, nsv, ncv]
                } else {
                    [cv, nsv, ncv, sv]
                })
            }
            _ => None,
        };
        let body = self.power_series(v, &|n| {
            let value = match &cycle {
                Some(values) => values[n % 4].clone(),
                None if n > MAX_TAYLOR_ORDER => return None,
                None => {
                    let d = nth_derivative_of(f, n)?;
                    crate::numeric::eval::substitute(&d, &HashMap::from([(U.to_string(), c0.clone())]))
                }
            };
            (!value.has_division_by_zero()).then(|| coef_mul(&value, &constant(q(1) / factorial(n))))
        });
        body.map_or(Asym::Unknown, Asym::S)
    }

    /// Whether c0 is an interior point of f's domain (so f is analytic there).
    fn interior(&mut self, f: Function, c0: &Expr) -> Option<bool> {
        for (e, need) in (f.def().domain)(std::slice::from_ref(c0)) {
            let sign = self.sign(&e)?;
            let inside = match need {
                crate::engine::domain::Need::NonZero => sign != Ordering::Equal,
                _ => sign == Ordering::Greater,
            };
            if !inside {
                return Some(false);
            }
        }
        Some(true)
    }

    /// Functions at the edge of their domain, rewritten into forms whose
    /// expansion the rules above know (branch points of asin, acosh, …).
    fn at_edge(&mut self, f: Function, arg: &Expr) -> Asym {
        let Some(rewritten) = edge_form(f, arg) else { return Asym::Undefined };
        self.expand(&rewritten)
    }

    /// Functions with a kink exactly at c0: the side v comes from decides.
    fn at_kink(&mut self, f: Function, kind: Kink, c0: &Expr, v: &Series, s: &Series) -> Asym {
        let Some(side) = self.sign_near(v) else { return Asym::Unknown };
        let whole = Asym::S(s.clone());
        match (f, side) {
            (_, Ordering::Equal) => Asym::S(Series::constant(func(f, vec![c0.clone()]))),
            (Function::ABS, Ordering::Less) => self.mul_asym(whole, Asym::S(Series::constant(int(-1)))),
            (Function::ABS | Function::RELU, Ordering::Greater) => whole,
            (Function::RELU, Ordering::Less) => Asym::S(Series::zero(Order::Exact)),
            (Function::SIGN, _) => {
                Asym::S(Series::constant(int(if side == Ordering::Less { -1 } else { 1 })))
            }
            (Function::STEP, _) => Asym::S(Series::constant(int(i64::from(side == Ordering::Greater)))),
            (Function::FLOOR, Ordering::Less) => Asym::S(Series::constant(add(vec![c0.clone(), int(-1)]))),
            (Function::CEIL, Ordering::Greater) => Asym::S(Series::constant(add(vec![c0.clone(), int(1)]))),
            (Function::FLOOR | Function::CEIL, _) => Asym::S(Series::constant(c0.clone())),
            _ if kind == Kink::Jump => Asym::Unknown,
            _ => Asym::Unknown,
        }
    }

    /// A piecewise-linear function away from its kink is exactly linear (or
    /// constant) there: relu(−1/3 + t) is 0, not 0 + O(t¹⁶), so that what is
    /// built on it (abs(relu(x))) still has a known sign.
    fn beside_kink(&mut self, f: Function, c0: &Expr, s: &Series) -> Option<Asym> {
        let side = crate::numeric::precise::sign(c0).ok().flatten()?;
        let whole = Asym::S(s.clone());
        match (f, side) {
            (Function::RELU | Function::ABS, Ordering::Greater) => Some(whole),
            (Function::RELU, Ordering::Less) => Some(Asym::S(Series::zero(Order::Exact))),
            (Function::ABS, Ordering::Less) => Some(self.mul_asym(whole, Asym::S(Series::constant(int(-1))))),
            (Function::SIGN | Function::STEP | Function::FLOOR | Function::CEIL, _) => {
                Some(Asym::S(Series::constant(func(f, vec![c0.clone()]))))
            }
            _ => None,
        }
    }

    /// elu(v) = v above 0 and e^v − 1 below.
    fn elu_at_zero(&mut self, v: &Series, s: &Series) -> Asym {
        match self.sign_near(v) {
            Some(Ordering::Greater) => Asym::S(s.clone()),
            Some(Ordering::Less) => {
                let e = self.exp(Asym::S(s.clone()));
                self.add_asym(e, Asym::S(Series::constant(int(-1))))
            }
            Some(Ordering::Equal) => Asym::S(Series::zero(Order::Exact)),
            None => Asym::Unknown,
        }
    }

    /// min, max, leaky_relu: decided by the sign of a difference.
    fn binary(&mut self, f: Function, args: &[Expr]) -> Asym {
        let (a, b) = (&args[0], &args[1]);
        match f {
            Function::MIN | Function::MAX => {
                let d = self.expand(&crate::engine::simplify::sub(a, b));
                let Some(sign) = self.sign_of(&d) else { return Asym::Unknown };
                let first = (f == Function::MAX) == (sign != Ordering::Less);
                self.expand(if first { a } else { b })
            }
            Function::LEAKY_RELU => {
                let x = settle(self.expand(a));
                match self.sign_of(&x) {
                    Some(Ordering::Less) => {
                        let slope = self.expand(b);
                        self.mul_asym(x, slope)
                    }
                    Some(_) => x,
                    None => Asym::Unknown,
                }
            }
            _ => Asym::Unknown,
        }
    }

    /// f(s) for s → ±∞.
    fn at_infinity(&mut self, f: Function, sign: Ordering, arg: &Expr) -> Asym {
        let up = sign == Ordering::Greater;
        let pi_half = mul(vec![number_expr(1, 2), named(Constant::Pi)]);
        let form = match f {
            Function::SIN | Function::COS => return Asym::Osc(Series::constant(int(1))),
            Function::ABS => return if up { self.expand(arg) } else { self.expand(&neg(arg)) },
            Function::RELU => return if up { self.expand(arg) } else { Asym::S(Series::zero(Order::Exact)) },
            Function::SIGN => return Asym::S(Series::constant(int(if up { 1 } else { -1 }))),
            Function::STEP => return Asym::S(Series::constant(int(i64::from(up)))),
            Function::ERF => {
                let limit = int(if up { 1 } else { -1 });
                return Asym::S(Series { terms: vec![term(q(0), 0, limit)], order: Order::Flat });
            }
            Function::FLOOR | Function::CEIL => {
                // s minus a part in [0, 1): known up to O(1).
                let inner = self.expand(arg);
                return match inner {
                    Asym::S(s) => Asym::S(s.clip(&q(0))),
                    other => other,
                };
            }
            Function::ELU if !up => {
                return Asym::S(Series { terms: vec![term(q(0), 0, int(-1))], order: Order::Flat });
            }
            Function::ELU => return self.expand(arg),
            // atan s = ±π/2 − atan(1/s)
            Function::ATAN => {
                let limit = if up { pi_half } else { neg(&pi_half) };
                sub_expr(limit, func(f, vec![pow(arg, &int(-1))]))
            }
            Function::SINH => half(sub_expr(exp_of(arg), exp_of(&neg(arg)))),
            Function::COSH => half(add(vec![exp_of(arg), exp_of(&neg(arg))])),
            Function::TANH => sub_expr(
                int(1),
                mul(vec![int(2), recip(add(vec![exp_of(&mul(vec![int(2), arg.clone()])), int(1)]))]),
            ),
            Function::SIGMOID => recip(add(vec![int(1), exp_of(&neg(arg))])),
            Function::SOFTPLUS if up => add(vec![arg.clone(), ln_of(add(vec![int(1), exp_of(&neg(arg))]))]),
            Function::SOFTPLUS => ln_of(add(vec![int(1), exp_of(arg)])),
            Function::ASINH if up => {
                ln_of(add(vec![arg.clone(), pow(&add(vec![pow(arg, &int(2)), int(1)]), &number_expr(1, 2))]))
            }
            Function::ASINH => neg(&ln_of(add(vec![
                neg(arg),
                pow(&add(vec![pow(arg, &int(2)), int(1)]), &number_expr(1, 2)),
            ]))),
            Function::ACOSH if up => {
                ln_of(add(vec![arg.clone(), pow(&add(vec![pow(arg, &int(2)), int(-1)]), &number_expr(1, 2))]))
            }
            Function::ASIN | Function::ACOS | Function::ATANH | Function::ACOSH => return Asym::Undefined,
            _ => return Asym::Unknown,
        };
        if !self.spend(10) {
            return Asym::Unknown;
        }
        self.expand(&form)
    }

    /// [f(a + side·t) − f(a)] / (side·t) for the expansion of f at a.
    pub fn difference_quotient(&mut self, f: Asym, fa: &Expr, side: i8) -> Asym {
        let moved = self.add_asym(f, Asym::S(Series::constant(neg(fa))));
        let inverse_h = Series { terms: vec![term(q(-1), 0, int(i64::from(side)))], order: Order::Exact };
        self.mul_asym(moved, Asym::S(inverse_h))
    }
}

/// The product of two coefficients, a number distributed over a sum so
/// that coefficients stay in a form whose cancellations the simplifier
/// sees (`-(a + b)` as `-a - b`).
/// Work units for the numbers in a coefficient (one per 1024 bits), looked
/// for two levels deep: coefficients are shared trees, not to be walked.
fn number_bulk(c: &Expr) -> usize {
    let of = |e: &Expr| e.as_num().map_or(0, |q| number::bits(&q) / 1024);
    match c.kind() {
        Kind::Mul(items) | Kind::Add(items) => items.iter().map(of).sum(),
        Kind::Pow(b, x) => of(b) + of(x),
        _ => of(c),
    }
}

fn coef_mul(a: &Expr, b: &Expr) -> Expr {
    match (a.kind(), b.kind()) {
        (Kind::Num(_), Kind::Add(terms)) => {
            add(terms.iter().map(|t| mul(vec![a.clone(), t.clone()])).collect())
        }
        (Kind::Add(terms), Kind::Num(_)) => {
            add(terms.iter().map(|t| mul(vec![t.clone(), b.clone()])).collect())
        }
        _ => merge_exponentials(mul(vec![a.clone(), b.clone()])),
    }
}

/// A sum with its `q·(a + b)` terms opened up, so that constants which
/// cancel do (`ln(5/4) - (ln(5/4) - 7/4) - 7/4` is 0).
fn distribute(c: &Expr) -> Expr {
    let Kind::Add(terms) = c.kind() else { return c.clone() };
    let scaled_sum = |t: &Expr| matches!(t.kind(), Kind::Mul(f) if f.len() == 2 && f[0].is_num() && matches!(f[1].kind(), Kind::Add(_)));
    if !terms.iter().any(scaled_sum) {
        return c.clone();
    }
    let mut out = Vec::with_capacity(terms.len() + 2);
    for t in terms.iter() {
        match t.kind() {
            Kind::Mul(f) if scaled_sum(t) => {
                if let Kind::Add(inner) = f[1].kind() {
                    out.extend(inner.iter().map(|i| mul(vec![f[0].clone(), i.clone()])));
                }
            }
            _ => out.push(t.clone()),
        }
    }
    distribute(&add(out))
}

/// exp(a)·exp(b) as exp(a + b) in a constant coefficient, so that a
/// coefficient divided by itself is 1 (the canonical form keeps
/// exponentials apart, the form derivatives print in).
fn merge_exponentials(e: Expr) -> Expr {
    let Kind::Mul(items) = e.kind() else { return e };
    let is_exp = |f: &Expr| matches!(f.kind(), Kind::Func(g, _) if *g == Function::EXP);
    if items.iter().filter(|f| is_exp(f)).count() < 2 {
        return e;
    }
    let mut exponents = Vec::new();
    let mut rest = Vec::new();
    for f in items.iter() {
        match f.kind() {
            Kind::Func(g, args) if *g == Function::EXP => exponents.push(args[0].clone()),
            _ => rest.push(f.clone()),
        }
    }
    rest.push(func(Function::EXP, vec![add(exponents)]));
    mul(rest)
}

fn number_expr(n: i64, d: i64) -> Expr {
    crate::engine::simplify::ratio(n, d)
}

fn sub_expr(a: Expr, b: Expr) -> Expr {
    add(vec![a, neg(&b)])
}

fn half(e: Expr) -> Expr {
    mul(vec![number_expr(1, 2), e])
}

fn recip(e: Expr) -> Expr {
    pow(&e, &int(-1))
}

fn exp_of(e: &Expr) -> Expr {
    func(Function::EXP, vec![e.clone()])
}

fn sin_of(e: &Expr) -> Expr {
    func(Function::SIN, vec![e.clone()])
}

fn cos_of(e: &Expr) -> Expr {
    func(Function::COS, vec![e.clone()])
}

fn ln_of(e: Expr) -> Expr {
    func(Function::LN, vec![e])
}

/// Forms for a function at the edge of its domain that the expansion
/// knows how to take (the branch points become roots and logarithms).
fn edge_form(f: Function, u: &Expr) -> Option<Expr> {
    let one_minus_u2 = add(vec![int(1), neg(&pow(u, &int(2)))]);
    let pi_half = mul(vec![number_expr(1, 2), named(Constant::Pi)]);
    Some(match f {
        // asin u = atan(u/√(1 − u²)); acos u = π/2 − asin u
        Function::ASIN => {
            func(Function::ATAN, vec![mul(vec![u.clone(), pow(&one_minus_u2, &number_expr(-1, 2))])])
        }
        Function::ACOS => sub_expr(pi_half, edge_form(Function::ASIN, u)?),
        Function::ATANH => {
            half(sub_expr(ln_of(add(vec![int(1), u.clone()])), ln_of(add(vec![int(1), neg(u)]))))
        }
        Function::ACOSH => {
            ln_of(add(vec![u.clone(), pow(&add(vec![pow(u, &int(2)), int(-1)]), &number_expr(1, 2))]))
        }
        // Poles: the quotients of sin and cos they are.
        Function::TAN => mul(vec![sin_of(u), recip(cos_of(u))]),
        Function::SEC => recip(cos_of(u)),
        Function::CSC => recip(sin_of(u)),
        Function::COT => mul(vec![cos_of(u), recip(sin_of(u))]),
        _ => return None,
    })
}

/// The same series, known only up to something smaller than every power.
fn flat(mut s: Series) -> Series {
    s.order = s.order.min(Order::Flat);
    s
}

/// Whether term a is larger than term b for small t (tᵖ·Lᵏ: a smaller p,
/// or the same p with a higher power of |ln t|).
fn bigger(a: &Term, b: &Term) -> bool {
    a.p < b.p || (a.p == b.p && a.k > b.k)
}

/// a(t)·w(t) for a bounded w without a limit (kept whole even when a
/// vanishes: divided by t later, t·sin(1/t) must still oscillate).
fn oscillating(amplitude: Series) -> Asym {
    if amplitude.lead().is_some() { Asym::Osc(amplitude) } else { Asym::Unknown }
}

/// Whether an amplitude tends to 0.
pub fn vanishes(amplitude: &Series) -> bool {
    amplitude.lead().is_some_and(|t| t.p > q(0) || (t.p == q(0) && t.k < 0))
}

/// An oscillation whose amplitude vanishes is o(1): as such it can go
/// through functions (e^(t·sin(1/t)) → 1); anything else as it is.
fn settle(a: Asym) -> Asym {
    match a {
        Asym::Osc(amplitude) if vanishes(&amplitude) => match amplitude.lead() {
            Some(t) if t.p > q(0) => Asym::S(Series::zero(Order::Upto(t.p.clone()))),
            _ => Asym::Unknown,
        },
        other => other,
    }
}

/// Split a series into its unbounded part, its constant term and the
/// part that tends to 0.
fn split(s: &Series) -> (Vec<Term>, Expr, Series) {
    let mut unbounded = Vec::new();
    let mut c0 = int(0);
    let mut rest = Vec::new();
    for t in &s.terms {
        if t.p < q(0) || (t.p == q(0) && t.k > 0) {
            unbounded.push(t.clone());
        } else if t.p == q(0) && t.k == 0 {
            c0 = t.c.clone();
        } else {
            rest.push(t.clone());
        }
    }
    (unbounded, c0, Series { terms: rest, order: s.order.clone() })
}

impl Series {
    /// Cut at tᵠ: keep what is known below it.
    fn clip(mut self, cap: &Q) -> Series {
        self.order = self.order.min(Order::Upto(cap.clone()));
        let order = self.order.clone();
        self.terms.retain(|t| order.covers(&t.p));
        self
    }

    fn without_zeros(mut self) -> Series {
        self.terms.retain(|t| !t.c.is_zero());
        self
    }
}
