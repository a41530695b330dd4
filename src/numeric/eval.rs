//! Evaluation: exact substitution (rebuilding through the simplifier, so
//! `2*x` at x = 3 folds to 6) and approximate evaluation in f64 with real
//! domain errors instead of NaN.

use crate::engine::expr::{Constant, Expr, Kind};
use crate::engine::number::{self, Rational};
use crate::engine::simplify::{add, func, mul, pow};
use std::collections::HashMap;
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub struct DomainError {
    pub message: String,
}

impl fmt::Display for DomainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DomainError {}

pub(crate) fn domain(message: impl Into<String>) -> DomainError {
    DomainError { message: message.into() }
}

/// Replace variables by expressions and simplify.
pub fn substitute(e: &Expr, values: &HashMap<String, Expr>) -> Expr {
    let mut memo = HashMap::new();
    subst(e, values, &mut memo)
}

fn subst(e: &Expr, values: &HashMap<String, Expr>, memo: &mut HashMap<*const (), Expr>) -> Expr {
    if let Some(done) = memo.get(&e.node_ptr()) {
        return done.clone();
    }
    let mut each = |items: &[Expr]| items.iter().map(|t| subst(t, values, memo)).collect::<Vec<_>>();
    let result = match e.kind() {
        Kind::Var(name) => values.get(&**name).cloned().unwrap_or_else(|| e.clone()),
        Kind::Num(_) | Kind::Const(_) => e.clone(),
        Kind::Add(terms) => add(each(terms)),
        Kind::Mul(factors) => mul(each(factors)),
        Kind::Pow(b, x) => {
            let parts = each(&[b.clone(), x.clone()]);
            pow(&parts[0], &parts[1])
        }
        Kind::Func(f, args) => func(*f, each(args)),
        Kind::Cmp(rel, sides) => {
            let parts = each(sides);
            crate::engine::simplify::compare(*rel, &parts[0], &parts[1])
        }
        Kind::Logic(op, items) => crate::engine::simplify::logic(*op, each(items)),
        Kind::Piecewise(parts) => crate::engine::simplify::piecewise(each(parts)),
    };
    memo.insert(e.node_ptr(), result.clone());
    result
}

/// Evaluate in f64 with the given variable values.
pub fn evaluate(e: &Expr, values: &HashMap<String, f64>) -> Result<f64, DomainError> {
    let mut memo = HashMap::new();
    eval(e, values, &mut memo)
}

/// Like `evaluate`, keeping the values of subexpressions in `memo` (keyed
/// by node) across calls on parts of one tree that stays alive meanwhile.
pub fn evaluate_shared(
    e: &Expr,
    values: &HashMap<String, f64>,
    memo: &mut HashMap<*const (), f64>,
) -> Result<f64, DomainError> {
    eval(e, values, memo)
}

fn eval(
    e: &Expr,
    values: &HashMap<String, f64>,
    memo: &mut HashMap<*const (), f64>,
) -> Result<f64, DomainError> {
    if let Some(v) = memo.get(&e.node_ptr()) {
        return Ok(*v);
    }
    let v = match e.kind() {
        Kind::Num(q) => q.to_f64(),
        Kind::Const(Constant::Pi) => std::f64::consts::PI,
        Kind::Const(Constant::E) => std::f64::consts::E,
        Kind::Var(name) => match values.get(&**name) {
            Some(v) => *v,
            None => return Err(domain(format!("no value given for {name}"))),
        },
        Kind::Add(terms) => {
            let mut sum = 0.0;
            for t in terms.iter() {
                sum += eval(t, values, memo)?;
            }
            sum
        }
        Kind::Mul(factors) => {
            let mut product = 1.0;
            for f in factors.iter() {
                product *= eval(f, values, memo)?;
            }
            product
        }
        Kind::Pow(b, x) => {
            let base = eval(b, values, memo)?;
            power(base, x, values, memo)?
        }
        Kind::Func(f, args) => {
            let mut vals = Vec::with_capacity(args.len());
            for a in args.iter() {
                vals.push(eval(a, values, memo)?);
            }
            (f.def().eval)(&vals).map_err(domain)?
        }
        Kind::Cmp(rel, sides) => {
            let d = eval(&sides[0], values, memo)? - eval(&sides[1], values, memo)?;
            let sign = d.partial_cmp(&0.0).ok_or_else(|| domain("a condition compares NaN"))?;
            f64::from(u8::from(rel.holds(sign)))
        }
        Kind::Logic(op, items) => {
            let mut all = true;
            let mut any = false;
            for item in items.iter() {
                let holds = eval(item, values, memo)? != 0.0;
                all &= holds;
                any |= holds;
            }
            f64::from(u8::from(if *op == crate::engine::expr::Logic::And { all } else { any }))
        }
        Kind::Piecewise(parts) => {
            let mut chosen = &parts[parts.len() - 1];
            for pair in parts.chunks_exact(2) {
                if eval(&pair[0], values, memo)? != 0.0 {
                    chosen = &pair[1];
                    break;
                }
            }
            eval(chosen, values, memo)?
        }
    };
    memo.insert(e.node_ptr(), v);
    Ok(v)
}

/// Real powers: odd roots of negatives are real (`(-8)^(1/3)` = -2), even
/// roots of negatives and division by zero are domain errors.
fn power(
    base: f64,
    exponent: &Expr,
    values: &HashMap<String, f64>,
    memo: &mut HashMap<*const (), f64>,
) -> Result<f64, DomainError> {
    if let Some(q) = exponent.as_num() {
        return rational_power(base, &q);
    }
    let x = eval(exponent, values, memo)?;
    if base == 0.0 && x < 0.0 {
        return Err(domain("division by zero"));
    }
    if base < 0.0 && x.fract() != 0.0 {
        return Err(domain("a negative number to a non-integer power is not real"));
    }
    Ok(base.powf(x))
}

pub fn rational_power(base: f64, q: &Rational) -> Result<f64, DomainError> {
    if base == 0.0 && number::is_negative(q) {
        return Err(domain("division by zero"));
    }
    if let Some(n) = number::to_i64(q).and_then(|n| i32::try_from(n).ok()) {
        return Ok(base.powi(n));
    }
    let x = number::to_f64(q);
    if base >= 0.0 {
        return Ok(match (q.numerator().clone(), q.denominator().clone()) {
            (n, d) if n == 1.into() && d == 2u8.into() => base.sqrt(),
            (n, d) if n == 1.into() && d == 3u8.into() => base.cbrt(),
            _ => base.powf(x),
        });
    }
    let odd_root = !number::is_integer(q) && q.denominator() % 2u8 == 1u8;
    if !odd_root {
        let what = if q.denominator() == &2u8.into() {
            "sqrt is undefined for negative arguments"
        } else {
            "an even root of a negative number is not real"
        };
        return Err(domain(what));
    }
    let magnitude = (-base).powf(x);
    let odd_numerator = q.numerator() % 2i32 != 0i32;
    Ok(if odd_numerator { -magnitude } else { magnitude })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::simplify::{int, ratio, var};

    fn at(x: f64) -> HashMap<String, f64> {
        HashMap::from([("x".to_string(), x)])
    }

    #[test]
    fn real_cube_roots_of_negatives() {
        let e = pow(&var("x"), &ratio(1, 3));
        assert!((evaluate(&e, &at(-8.0)).unwrap() + 2.0).abs() < 1e-12);
        let e = pow(&var("x"), &ratio(2, 3));
        assert!((evaluate(&e, &at(-8.0)).unwrap() - 4.0).abs() < 1e-12);
    }

    #[test]
    fn domain_errors_are_errors_not_nan() {
        let e = pow(&var("x"), &ratio(1, 2));
        assert!(evaluate(&e, &at(-1.0)).is_err());
        let e = pow(&var("x"), &int(-1));
        assert!(evaluate(&e, &at(0.0)).is_err());
    }

    #[test]
    fn substitution_folds_exactly() {
        let e = mul(vec![int(2), var("x")]);
        let values = HashMap::from([("x".to_string(), int(3))]);
        assert_eq!(substitute(&e, &values), int(6));
    }
}
