//! Canonicalising constructors: the only way expressions are built, so the
//! simplifier runs as a side effect of construction and every expression is
//! in one normal form: n-ary sums and products (flattened, like terms and
//! like factors combined, numbers folded exactly), subtraction as adding a
//! negative, division as a negative power. Each constructor does one
//! linear pass over its operands (plus a sort), never a quadratic one.

use crate::expr::{Constant, Expr, Kind, canonical_cmp};
use crate::functions::Function;
use crate::number::{self, Rational};
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::rc::Rc;

pub fn constant(q: Rational) -> Expr {
    Expr::new(Kind::Num(q))
}

pub fn int(n: i64) -> Expr {
    constant(number::int(n))
}

pub fn ratio(n: i64, d: i64) -> Expr {
    constant(number::ratio(n, d))
}

pub fn var(name: &str) -> Expr {
    Expr::new(Kind::Var(Rc::from(name)))
}

pub fn named(c: Constant) -> Expr {
    Expr::new(Kind::Const(c))
}

pub fn neg(e: &Expr) -> Expr {
    mul(vec![int(-1), e.clone()])
}

pub fn sub(a: &Expr, b: &Expr) -> Expr {
    add(vec![a.clone(), neg(b)])
}

pub fn div(a: &Expr, b: &Expr) -> Expr {
    mul(vec![a.clone(), pow(b, &int(-1))])
}

/// Split a term into its numeric coefficient and the rest (`3*x*y` →
/// (3, `x*y`)); the rest of a bare number is `None`.
pub fn split_coefficient(e: &Expr) -> (Rational, Option<Expr>) {
    match e.kind() {
        Kind::Num(q) => (q.clone(), None),
        Kind::Mul(items) => match items[0].as_num() {
            Some(q) => {
                let rest =
                    if items.len() == 2 { items[1].clone() } else { Expr::new(Kind::Mul(items[1..].into())) };
                (q.clone(), Some(rest))
            }
            None => (number::int(1), Some(e.clone())),
        },
        _ => (number::int(1), Some(e.clone())),
    }
}

/// `q * rest` for a `rest` already in normal form without a coefficient.
fn scale(q: Rational, rest: Expr) -> Expr {
    if q.is_one() {
        return rest;
    }
    let mut items = vec![constant(q)];
    match rest.kind() {
        Kind::Mul(factors) => items.extend(factors.iter().cloned()),
        _ => items.push(rest),
    }
    Expr::new(Kind::Mul(items.into()))
}

pub fn add(terms: Vec<Expr>) -> Expr {
    let mut number = number::int(0);
    let mut order: Vec<(Expr, Rational)> = Vec::with_capacity(terms.len());
    let mut index: HashMap<Expr, usize> = HashMap::with_capacity(terms.len());
    let mut collect = |t: &Expr| {
        let (q, rest) = split_coefficient(t);
        match rest {
            None => number += q,
            Some(rest) => match index.entry(rest) {
                Entry::Occupied(slot) => order[*slot.get()].1 += q,
                Entry::Vacant(slot) => {
                    order.push((slot.key().clone(), q));
                    slot.insert(order.len() - 1);
                }
            },
        }
    };
    for t in &terms {
        match t.kind() {
            Kind::Add(inner) => inner.iter().for_each(&mut collect),
            _ => collect(t),
        }
    }
    drop(index);
    if let Some(undefined) = terms.iter().find(|t| is_undefined(t)) {
        return undefined.clone();
    }
    let mut items: Vec<Expr> =
        order.into_iter().filter(|(_, q)| !q.is_zero()).map(|(rest, q)| scale(q, rest)).collect();
    items.sort_by(canonical_cmp);
    if !number.is_zero() {
        items.insert(0, constant(number));
    }
    match items.len() {
        0 => int(0),
        1 => items.pop().unwrap_or_else(|| int(0)),
        _ => Expr::new(Kind::Add(items.into())),
    }
}

fn is_negative_number(e: &Expr) -> bool {
    e.as_num().is_some_and(number::is_negative)
}

/// The one undefined form, 1/0.
pub fn is_undefined(e: &Expr) -> bool {
    matches!(e.kind(), Kind::Pow(b, x) if b.is_zero() && is_negative_number(x))
}

/// Split a factor into base and exponent (`x^2` → (x, 2), `x` → (x, 1)).
fn base_exponent(e: &Expr) -> (Expr, Expr) {
    match e.kind() {
        Kind::Pow(b, x) => (b.clone(), x.clone()),
        _ => (e.clone(), int(1)),
    }
}

pub fn mul(factors: Vec<Expr>) -> Expr {
    let mut coefficient = number::int(1);
    let mut bases: Vec<(Expr, Vec<Expr>)> = Vec::with_capacity(factors.len());
    let mut index: HashMap<Expr, usize> = HashMap::with_capacity(factors.len());
    let mut pending = factors;
    // Powers that fold into products (x^(1/2)*x^(1/2) → x, (2^(1/2))^2 → 2)
    // go round once more; each round has fewer factors.
    while !pending.is_empty() {
        for f in std::mem::take(&mut pending) {
            let mut collect = |f: &Expr| match f.kind() {
                Kind::Num(q) => coefficient *= q,
                _ => {
                    let (b, x) = base_exponent(f);
                    match index.entry(b) {
                        Entry::Occupied(slot) => bases[*slot.get()].1.push(x),
                        Entry::Vacant(slot) => {
                            bases.push((slot.key().clone(), vec![x]));
                            slot.insert(bases.len() - 1);
                        }
                    }
                }
            };
            match f.kind() {
                Kind::Mul(inner) => inner.iter().for_each(&mut collect),
                _ => collect(&f),
            }
        }
        // 1/0 absorbs the whole product: there is one undefined form.
        if let Some((b, _)) =
            bases.iter().find(|(b, exps)| b.is_zero() && exps.iter().any(is_negative_number))
        {
            return Expr::new(Kind::Pow(b.clone(), int(-1)));
        }
        if coefficient.is_zero() {
            return int(0);
        }
        let mut kept = Vec::with_capacity(bases.len());
        for (b, exps) in bases.drain(..) {
            if exps.len() == 1 {
                kept.push((b, exps));
                continue;
            }
            // A result on a new base ((x^(1/2))^-1 is x^(-1/2)) may meet
            // another factor on that base, so it goes round again.
            let p = pow(&b, &add(exps));
            let (new_base, x) = base_exponent(&p);
            if p.is_num() || matches!(p.kind(), Kind::Mul(_)) || new_base != b {
                pending.push(p);
            } else {
                kept.push((new_base, vec![x]));
            }
        }
        index.clear();
        if pending.is_empty() {
            bases = kept;
            break;
        }
        for (b, exps) in kept {
            index.insert(b.clone(), bases.len());
            bases.push((b, exps));
        }
    }
    let mut items: Vec<Expr> = bases
        .into_iter()
        .map(|(b, mut exps)| match exps.pop() {
            Some(x) if x.is_one() => b,
            Some(x) => Expr::new(Kind::Pow(b, x)),
            None => b,
        })
        .collect();
    items.sort_by(canonical_cmp);
    if !coefficient.is_one() {
        if items.is_empty() {
            return constant(coefficient);
        }
        items.insert(0, constant(coefficient));
    }
    match items.len() {
        0 => int(1),
        1 => items.pop().unwrap_or_else(|| int(1)),
        _ => Expr::new(Kind::Mul(items.into())),
    }
}

pub fn pow(base: &Expr, exponent: &Expr) -> Expr {
    if exponent.is_zero() || base.is_one() {
        return int(1);
    }
    if exponent.is_one() {
        return base.clone();
    }
    let raw = || Expr::new(Kind::Pow(base.clone(), exponent.clone()));
    let exp_num = exponent.as_num();
    match (base.kind(), exp_num) {
        // Every negative power of 0 is the one undefined form 1/0.
        (Kind::Num(b), Some(x)) if b.is_zero() && number::is_negative(x) => {
            Expr::new(Kind::Pow(base.clone(), int(-1)))
        }
        (Kind::Num(b), Some(x)) => numeric_power(b, x).unwrap_or_else(raw),
        (Kind::Num(b), None) if b.is_zero() => raw(),
        (Kind::Const(Constant::E), _) => func(Function::builtin("exp"), vec![exponent.clone()]),
        (Kind::Func(f, args), _) if f.name() == "exp" => {
            func(*f, vec![mul(vec![args[0].clone(), exponent.clone()])])
        }
        (Kind::Pow(b, x), Some(n)) if number::is_integer(n) => {
            pow(b, &mul(vec![x.clone(), exponent.clone()]))
        }
        (Kind::Mul(items), Some(n)) if number::is_integer(n) => {
            mul(items.iter().map(|f| pow(f, exponent)).collect())
        }
        _ => raw(),
    }
}

/// Exact `b^x` for rationals, `None` when it is irrational or too large.
fn numeric_power(b: &Rational, x: &Rational) -> Option<Expr> {
    if number::is_integer(x) {
        return number::pow_int(b, number::to_i64(x)?).map(constant);
    }
    let whole = Rational::from(x.floor());
    if !whole.is_zero() {
        // b^(7/2) = b^3 * b^(1/2), so only proper fractions reach roots.
        let fraction = x - &whole;
        let int_part = number::pow_int(b, number::to_i64(&whole)?)?;
        let frac_part = numeric_power(b, &fraction)
            .unwrap_or_else(|| Expr::new(Kind::Pow(constant(b.clone()), constant(fraction))));
        return Some(mul(vec![constant(int_part), frac_part]));
    }
    let k = usize::try_from(x.denominator().clone()).ok()?;
    let p = number::to_i64(&Rational::from(x.numerator().clone()))?;
    let root = number::exact_root(b, k)?;
    number::pow_int(&root, p).map(constant)
}

pub fn func(f: Function, args: Vec<Expr>) -> Expr {
    let def = f.def();
    if let Some(rewrite) = def.rewrite {
        return rewrite(&args);
    }
    (def.fold)(&args).unwrap_or_else(|| Expr::new(Kind::Func(f, args.into())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn x() -> Expr {
        var("x")
    }

    #[test]
    fn like_terms_combine_and_cancel() {
        let e = add(vec![x(), x(), neg(&x())]);
        assert_eq!(e, x());
        assert!(add(vec![x(), neg(&x())]).is_zero());
    }

    #[test]
    fn like_factors_combine() {
        let e = mul(vec![x(), pow(&x(), &int(2))]);
        assert_eq!(e, pow(&x(), &int(3)));
        assert!(mul(vec![x(), pow(&x(), &int(-1))]).is_one());
    }

    #[test]
    fn square_roots_of_numbers_fold() {
        let r2 = pow(&int(2), &ratio(1, 2));
        assert_eq!(mul(vec![r2.clone(), r2.clone()]), int(2));
        assert_eq!(pow(&int(4), &ratio(1, 2)), int(2));
        assert_eq!(pow(&int(-8), &ratio(1, 3)), int(-2));
        assert_eq!(pow(&int(2), &ratio(-1, 2)), mul(vec![ratio(1, 2), r2]));
    }

    #[test]
    fn order_does_not_matter() {
        let a = add(vec![x(), var("y"), int(1)]);
        let b = add(vec![int(1), var("y"), x()]);
        assert_eq!(a, b);
    }

    #[test]
    fn huge_powers_stay_symbolic() {
        let big = pow(&int(2), &pow(&int(2), &int(64)));
        assert!(matches!(big.kind(), Kind::Pow(..)));
    }
}
