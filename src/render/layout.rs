//! Display decisions shared by every output style: the textbook order of
//! terms and factors, and how a product splits into numerator and
//! denominator. No text is produced here.

use crate::engine::expr::{Expr, Kind, in_memory_order};
use crate::engine::number::{self, Rational};
use dashu_int::UBig;
use dashu_int::ops::UnsignedAbs;
use std::cmp::Ordering;
use std::rc::Rc;

/// A factor to print: `base^exponent` with a positive exponent (1 for the
/// plain base).
pub struct Factor<'a> {
    pub base: &'a Expr,
    pub exponent: Option<&'a Expr>,
    /// For denominators, the (positive) rational exponent.
    pub inverse: Option<Rational>,
}

/// A product laid out as ±(coefficient · factors) / (coefficient · factors).
pub struct Fraction<'a> {
    pub negative: bool,
    pub numerator: UBig,
    pub denominator: UBig,
    pub upper: Vec<Factor<'a>>,
    pub lower: Vec<Factor<'a>>,
}

/// Split any expression into a fraction. Only products, numbers and
/// powers with negative numeric exponents have a denominator.
pub fn fraction(e: &Expr) -> Fraction<'_> {
    let (coefficient, factors): (Rational, &[Expr]) = match e.kind() {
        Kind::Mul(items) => match items[0].as_num() {
            Some(q) => (q.into_owned(), &items[1..]),
            None => (number::int(1), &items[..]),
        },
        Kind::Num(q) => (q.value().into_owned(), &[]),
        _ => (number::int(1), std::slice::from_ref(e)),
    };
    let mut f = Fraction {
        negative: number::is_negative(&coefficient),
        numerator: coefficient.numerator().unsigned_abs(),
        denominator: coefficient.denominator().clone(),
        upper: Vec::new(),
        lower: Vec::new(),
    };
    for factor in ordered_factors(factors) {
        match factor.kind() {
            Kind::Pow(base, x) if x.is_negative_number() => {
                let inverse = x.as_num().map(|q| -q.into_owned());
                f.lower.push(Factor { base, exponent: None, inverse });
            }
            Kind::Pow(base, x) => f.upper.push(Factor { base, exponent: Some(x), inverse: None }),
            _ => f.upper.push(Factor { base: factor, exponent: None, inverse: None }),
        }
    }
    f
}

/// Whether an expression prints with a leading minus sign.
pub fn is_negative(e: &Expr) -> bool {
    match e.kind() {
        Kind::Num(q) => q.is_negative(),
        Kind::Mul(items) => items[0].is_negative_number(),
        _ => false,
    }
}

/// A term's powers of plain variables, by name, appended to `vars`;
/// returns its total degree.
fn monomial<'a>(e: &'a Expr, vars: &mut Vec<(&'a Rc<str>, f64)>) -> f64 {
    let factors: &[Expr] = match e.kind() {
        Kind::Mul(items) => items,
        _ => std::slice::from_ref(e),
    };
    let start = vars.len();
    for f in factors {
        match f.kind() {
            Kind::Var(name) => vars.push((name, 1.0)),
            Kind::Pow(b, x) => {
                if let (Kind::Var(name), Some(q)) = (b.kind(), x.as_num()) {
                    vars.push((name, number::to_f64(&q)));
                }
            }
            _ => {}
        }
    }
    let mine = &mut vars[start..];
    mine.sort_by(|a, b| a.0.cmp(b.0));
    mine.iter().map(|v| v.1).sum()
}

fn is_constant_term(e: &Expr) -> bool {
    match e.kind() {
        Kind::Num(_) | Kind::Const(_) => true,
        Kind::Mul(items) => items.iter().all(|f| matches!(f.kind(), Kind::Num(_) | Kind::Const(_))),
        _ => false,
    }
}

/// Textbook order of terms: by descending degree (`3*x^2 + 2*x + 1`),
/// variables alphabetically, other terms before constants; and a sum does
/// not open with a minus when it has a positive term (`1 - tanh(x)^2`).
/// Every key is computed once per term, not once per comparison, into two
/// shared lists (a sum of 100,000 terms would otherwise make 200,000 small
/// allocations just to be sorted).
pub fn ordered_terms(terms: &[Expr]) -> Vec<&Expr> {
    let mut vars = Vec::with_capacity(terms.len());
    let mut factors = Vec::with_capacity(terms.len());
    // Keys are read in memory order; the sort below decides the order alone.
    let mut keyed: Vec<TermKey> = Vec::with_capacity(terms.len());
    keyed.extend(in_memory_order(terms).map(|t| {
        let (v, f) = (vars.len(), factors.len());
        let degree = monomial(t, &mut vars);
        factor_keys(t, &mut factors);
        TermKey {
            term: t,
            degree,
            constant: is_constant_term(t),
            vars: [v as u32, vars.len() as u32],
            factors: [f as u32, factors.len() as u32],
        }
    }));
    let range = |[start, end]: [u32; 2]| start as usize..end as usize;
    // Ties keep the terms' order (their addresses in `terms`), as a stable
    // sort would, without the stable sort's scratch copy of every key.
    keyed.sort_unstable_by(|a, b| {
        b.degree
            .partial_cmp(&a.degree)
            .unwrap_or(Ordering::Equal)
            .then_with(|| compare_monomials(&vars[range(a.vars)], &vars[range(b.vars)]))
            .then_with(|| a.constant.cmp(&b.constant))
            .then_with(|| factors[range(a.factors)].cmp(&factors[range(b.factors)]))
            .then_with(|| std::ptr::from_ref(a.term).cmp(&std::ptr::from_ref(b.term)))
    });
    let mut ordered: Vec<&Expr> = keyed.into_iter().map(|k| k.term).collect();
    if ordered.first().is_some_and(|t| is_negative(t))
        && let Some(i) = ordered.iter().position(|t| !is_negative(t))
    {
        let positive = ordered.remove(i);
        ordered.insert(0, positive);
    }
    ordered
}

/// A term's sort key; its variables and factor keys are ranges (start,
/// end) of the shared lists.
struct TermKey<'a> {
    term: &'a Expr,
    degree: f64,
    constant: bool,
    vars: [u32; 2],
    factors: [u32; 2],
}

/// A term's factors' keys in display order, numbers left out, appended to
/// `keys`, so terms alike in degree compare factor by factor:
/// `(x + 1)*(x + 2) + (x + 1)*(x + 3)`.
fn factor_keys<'a>(e: &'a Expr, keys: &mut Vec<FactorKey<'a>>) {
    let start = keys.len();
    match e.kind() {
        Kind::Mul(items) => keys.extend(items.iter().filter(|f| !f.is_num()).map(FactorKey::of)),
        _ => keys.push(FactorKey::of(e)),
    }
    keys[start..].sort();
}

fn compare_monomials(a: &[(&Rc<str>, f64)], b: &[(&Rc<str>, f64)]) -> Ordering {
    for (x, y) in a.iter().zip(b) {
        let o = x.0.cmp(y.0).then_with(|| y.1.partial_cmp(&x.1).unwrap_or(Ordering::Equal));
        if o.is_ne() {
            return o;
        }
    }
    b.len().cmp(&a.len())
}

/// Display rank of a factor: constants, variables, functions, then sums.
fn factor_rank(e: &Expr) -> (u8, u8, Option<&Rc<str>>) {
    match e.kind() {
        Kind::Num(_) => (0, 0, None),
        Kind::Const(_) => (1, 0, None),
        Kind::Var(name) => (2, 0, Some(name)),
        Kind::Func(f, _) => (3, f.id(), None),
        Kind::Pow(b, x) if x.is_num() => match factor_rank(b) {
            (r, id, name) if r <= 3 => (r, id, name),
            _ => (5, 0, None),
        },
        // a^x prints beside the variables: `x*2^x*ln(2)`.
        Kind::Pow(..) => (2, 1, None),
        Kind::Add(_) | Kind::Mul(_) | Kind::Piecewise(_) | Kind::Cmp(..) | Kind::Logic(..) => (5, 0, None),
    }
}

/// Where a factor goes in a product: by rank (constants, variables,
/// functions, sums), then simpler first, sums by their constant term
/// (`(x + 1)*(x + 2)`), then a stable tie-break. Variables and their powers
/// (rank (2, 0), and only they) go by name before depth.
///
/// Rank, depth and constant are packed into two integers in that order, so
/// that most comparisons are an integer comparison or two: a product of 100
/// factors' derivative is 100 products of 99 factors, each sorted twice.
struct FactorKey<'a> {
    /// Rank, then (for a factor without a name) depth.
    high: u64,
    /// Depth for a named factor; the constant term for the others.
    low: u64,
    /// A variable's name (none for other factors).
    name: Option<&'a Rc<str>>,
    hash: u64,
}

impl<'a> FactorKey<'a> {
    fn of(e: &'a Expr) -> FactorKey<'a> {
        let (rank, id, name) = factor_rank(e);
        let rank = u64::from(rank) << 56 | u64::from(id) << 48;
        let depth = u64::from(e.depth());
        let (high, low) = match name {
            Some(_) => (rank, depth),
            None => (rank | depth, ordered_bits(constant_term(e))),
        };
        FactorKey { high, low, name, hash: e.structural_hash() }
    }
}

/// `f64::total_cmp`'s order as an unsigned integer's.
fn ordered_bits(x: f64) -> u64 {
    let bits = x.to_bits() as i64;
    (bits ^ (((bits >> 63) as u64) >> 1) as i64) as u64 ^ (1 << 63)
}

impl Ord for FactorKey<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        // Names are compared only when both are set (then the ranks are
        // equal): most factors have none, and a string comparison per sort
        // step adds up.
        let names = || match (self.name, other.name) {
            (Some(a), Some(b)) => a.cmp(b),
            _ => Ordering::Equal,
        };
        self.high
            .cmp(&other.high)
            .then_with(names)
            .then(self.low.cmp(&other.low))
            .then(self.hash.cmp(&other.hash))
    }
}

impl PartialOrd for FactorKey<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for FactorKey<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for FactorKey<'_> {}

/// The number in a sum, else 0.
fn constant_term(e: &Expr) -> f64 {
    match e.kind() {
        Kind::Add(terms) => terms[0].as_compact().map_or(0.0, number::Compact::to_f64),
        _ => 0.0,
    }
}

/// Textbook order of factors: `2*x*sin(x)*cos(x)*(x + 1)`.
pub fn ordered_factors(factors: &[Expr]) -> Vec<&Expr> {
    let mut keyed: Vec<(FactorKey, &Expr)> = factors.iter().map(|f| (FactorKey::of(f), f)).collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed.into_iter().map(|(_, f)| f).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_bits_keep_total_order() {
        let values = [
            f64::NEG_INFINITY,
            -1e300,
            -2.5,
            -1e-300,
            -0.0,
            0.0,
            1e-300,
            0.5,
            3.0,
            1e300,
            f64::INFINITY,
            f64::NAN,
        ];
        for a in values {
            for b in values {
                assert_eq!(ordered_bits(a).cmp(&ordered_bits(b)), a.total_cmp(&b), "{a} vs {b}");
            }
        }
    }

    #[test]
    fn factors_by_rank_then_name_then_depth_then_constant() {
        let e = crate::parse("(x - 1/2)*sin(x^2)*sin(x)*y*(x + 3)*x^2*(x - 7)*2^x*z*pi").unwrap();
        let Kind::Mul(items) = e.kind() else { panic!("not a product: {}", crate::plain(&e)) };
        let printed: Vec<String> = ordered_factors(items).iter().map(|f| crate::plain(f)).collect();
        assert_eq!(
            printed,
            ["pi", "x^2", "y", "z", "2^x", "sin(x)", "sin(x^2)", "x - 7", "x - 1/2", "x + 3"]
        );
    }
}
