//! A last look at a derivative: multiply out its products of sums, collect
//! like terms and pull common factors back out, and keep that form only if
//! it prints shorter. This is what turns the derivative of binary
//! cross-entropy into the classic `x*(sigmoid(w*x + b) - y)`.

use crate::engine::expr::{Expr, Kind};
use crate::engine::number::{self, Rational};
use crate::engine::simplify::{add, constant, int, mul, pow};

/// Larger expressions are left as they are: expanding them is costly and
/// rarely shorter.
const MAX_SIZE: u64 = 120;
/// Most terms an expansion may produce.
const MAX_TERMS: usize = 16;

/// `e` with its products of sums multiplied out and like terms collected
/// (`None` when that would make too many terms): an exact test for zero
/// that the canonical form alone misses, `-(-a - b) - (a + b)`.
pub fn expanded(e: &Expr) -> Option<Expr> {
    expand(e, false).map(add)
}

/// `expanded`, small whole powers of sums multiplied out too: the exact
/// test that 2·(1 − √10/2)² − 4·(1 − √10/2) − 3 is 0.
pub fn expanded_with_powers(e: &Expr) -> Option<Expr> {
    expand(e, true).map(add)
}

pub fn tidy(e: &Expr) -> Expr {
    if e.tree_size() > MAX_SIZE {
        return e.clone();
    }
    let e = together(e).unwrap_or_else(|| e.clone());
    if !has_product_of_sum(&e) {
        return e;
    }
    let Some(terms) = expand(&e, false) else {
        return e;
    };
    let candidate = factor(&add(terms));
    // Chain-rule factors stay factored (`4*(2*w + b - 5)`, not
    // `8*w + 4*b - 20`) unless multiplying out really pays.
    if 4 * candidate.tree_size() <= 3 * e.tree_size() { candidate } else { e }
}

/// A sum of quotients over their least common denominator, when that is
/// much shorter: `1/(x - 1) - (x + 1)/(x - 1)^2` → `-2/(x - 1)^2`.
fn together(e: &Expr) -> Option<Expr> {
    let Kind::Add(terms) = e.kind() else {
        return None;
    };
    // The least common denominator: each base at its largest negative power.
    let mut lcd: Vec<(Expr, Rational)> = Vec::new();
    for t in terms.iter() {
        let factors: &[Expr] = match t.kind() {
            Kind::Mul(items) => items,
            _ => std::slice::from_ref(t),
        };
        for f in factors {
            if let Kind::Pow(b, x) = f.kind()
                && let Some(q) = x.as_num().filter(|q| number::is_negative(q) && number::is_integer(q))
            {
                let q = -q.into_owned();
                match lcd.iter_mut().find(|(base, _)| base == b) {
                    Some((_, have)) if *have < q => *have = q,
                    Some(_) => {}
                    None => lcd.push((b.clone(), q)),
                }
            }
        }
    }
    if lcd.is_empty() {
        return None;
    }
    let denominator = mul(lcd.iter().map(|(b, q)| pow(b, &constant(q.clone()))).collect());
    let mut numerator = Vec::new();
    for t in terms.iter() {
        numerator.extend(expand(&mul(vec![t.clone(), denominator.clone()]), false)?);
    }
    let candidate = mul(vec![factor(&add(numerator)), pow(&denominator, &int(-1))]);
    (4 * candidate.tree_size() <= 3 * e.tree_size()).then_some(candidate)
}

/// Whether `e` (or a term of it) is a product with a sum among its factors:
/// only then can multiplying out change anything.
fn has_product_of_sum(e: &Expr) -> bool {
    match e.kind() {
        Kind::Mul(items) => items.iter().any(|f| matches!(f.kind(), Kind::Add(_))),
        Kind::Add(items) => items.iter().any(has_product_of_sum),
        _ => false,
    }
}

/// The terms of `e` with every product of sums multiplied out.
fn expand(e: &Expr, powers: bool) -> Option<Vec<Expr>> {
    match e.kind() {
        Kind::Add(items) => {
            let mut out = Vec::new();
            for t in items.iter() {
                out.extend(expand(t, powers)?);
                if out.len() > MAX_TERMS {
                    return None;
                }
            }
            Some(out)
        }
        Kind::Mul(items) => {
            let mut out = vec![int(1)];
            for f in items.iter() {
                let parts = if matches!(f.kind(), Kind::Add(_)) || powers {
                    expand(f, powers)?
                } else {
                    vec![f.clone()]
                };
                if out.len() * parts.len() > MAX_TERMS {
                    return None;
                }
                out = out
                    .iter()
                    .flat_map(|t| parts.iter().map(move |p| mul(vec![t.clone(), p.clone()])))
                    .collect();
            }
            Some(out)
        }
        Kind::Pow(b, x) if powers && matches!(b.kind(), Kind::Add(_)) => {
            let n = x.as_compact().and_then(number::Compact::as_i64).filter(|n| (2..=4).contains(n))?;
            let base = expand(b, powers)?;
            let mut out = vec![int(1)];
            for _ in 0..n {
                if out.len() * base.len() > MAX_TERMS {
                    return None;
                }
                out = out
                    .iter()
                    .flat_map(|t| base.iter().map(move |p| mul(vec![t.clone(), p.clone()])))
                    .collect();
            }
            Some(out)
        }
        _ => Some(vec![e.clone()]),
    }
}

/// Factors (base, positive rational exponent) of a term, number left out.
fn powers(term: &Expr) -> Vec<(Expr, Rational)> {
    let factors: &[Expr] = match term.kind() {
        Kind::Mul(items) => items,
        _ => std::slice::from_ref(term),
    };
    factors
        .iter()
        .filter(|f| !f.is_num())
        .filter_map(|f| match f.kind() {
            Kind::Pow(b, x) => {
                x.as_num().filter(|q| !number::is_negative(q)).map(|q| (b.clone(), q.into_owned()))
            }
            _ => Some((f.clone(), Rational::ONE)),
        })
        .collect()
}

/// Pull the factors every term shares out of a sum: `x*a + x*b` → `x*(a + b)`.
fn factor(e: &Expr) -> Expr {
    let Kind::Add(terms) = e.kind() else {
        return e.clone();
    };
    let mut common = powers(&terms[0]);
    for t in terms[1..].iter() {
        let these = powers(t);
        common.retain_mut(|(b, q)| match these.iter().find(|(b2, _)| b2 == b) {
            Some((_, q2)) => {
                if q2 < q {
                    *q = q2.clone();
                }
                true
            }
            None => false,
        });
    }
    if common.is_empty() {
        return e.clone();
    }
    let outside: Vec<Expr> = common.iter().map(|(b, q)| pow(b, &constant(q.clone()))).collect();
    let inverse: Vec<Expr> = common.iter().map(|(b, q)| pow(b, &constant(-q.clone()))).collect();
    let inside: Vec<Expr> = terms
        .iter()
        .map(|t| {
            let mut factors = vec![t.clone()];
            factors.extend(inverse.iter().cloned());
            mul(factors)
        })
        .collect();
    let mut all = outside;
    all.push(add(inside));
    mul(all)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::parse::parse;
    use crate::render::plain;

    #[test]
    fn cross_entropy_gradient_is_classic() {
        let loss = parse("-(y*ln(sigmoid(w*x + b)) + (1 - y)*ln(1 - sigmoid(w*x + b)))").unwrap();
        let d = crate::derivative(&loss, "w").unwrap();
        assert_eq!(plain(&d), "x*(sigmoid(w*x + b) - y)");
    }

    #[test]
    fn quotients_come_together_when_shorter() {
        let d = crate::derivative(&parse("(x+1)/(x-1)").unwrap(), "x").unwrap();
        assert_eq!(plain(&d), "-2/(x - 1)^2");
        let d = crate::derivative(&parse("sin(x)/x").unwrap(), "x").unwrap();
        assert_eq!(plain(&d), "cos(x)/x - sin(x)/x^2");
    }

    #[test]
    fn textbook_forms_are_kept() {
        for s in [
            "2*x*(w*x + b - y)",
            "sigmoid(x)*(1 - sigmoid(x))",
            "x^x*(ln(x) + 1)",
            "6*x + 2",
            "4*(b + 2*w - 5)",
        ] {
            assert_eq!(plain(&tidy(&parse(s).unwrap())), s);
        }
    }
}
