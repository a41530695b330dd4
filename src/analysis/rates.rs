//! Rates of change: the average rate (secant), the difference quotient as
//! h shrinks (the slope table), and its limit (the tangent). Everything is
//! exact where the function allows; numbers are left to `precise`.

use crate::analysis::differentiability::{Verdict, derivative_at};
use crate::analysis::limits::Limit;
use crate::engine::domain::Formula;
use crate::engine::expr::Expr;
use crate::engine::point::Point;
use crate::engine::simplify::{add, int, mul, neg, pow, var};
use crate::numeric::eval::DomainError;
use std::fmt;

#[derive(Debug, Clone)]
pub enum RateError {
    /// f is undefined at a point the answer needs.
    Undefined {
        at: String,
        why: DomainError,
    },
    /// The interval has no width.
    ZeroWidth,
    /// The derivative does not exist at the point (or could not be decided).
    NoLimit(Box<Verdict>),
    /// Only numeric evidence for the derivative: its approximate value.
    Approximate(f64),
    Diff(crate::analysis::derivative::DiffError),
}

impl fmt::Display for RateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RateError::Undefined { at, why } => write!(f, "f({at}) does not exist: {why}"),
            RateError::ZeroWidth => write!(f, "h must not be 0: the two points are the same"),
            RateError::NoLimit(v) if v.kind == crate::analysis::differentiability::Kind::Undecided => {
                write!(f, "could not decide the limit: {}", crate::render::present::verdict_reason(v))
            }
            RateError::NoLimit(v) => write!(f, "the limit does not exist: {v}"),
            RateError::Approximate(v) => write!(
                f,
                "the limit could not be found exactly (numeric evidence: about {})",
                crate::engine::number::shortest(*v)
            ),
            RateError::Diff(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for RateError {}

/// A line `y = slope·x + intercept` in the variable `var`, through the
/// point (at, value) it was drawn at.
#[derive(Debug, Clone)]
pub struct Line {
    pub slope: Expr,
    pub intercept: Expr,
    pub var: String,
    pub at: Expr,
    pub value: Expr,
}

impl Line {
    /// The line through (a, fa) with the given slope.
    pub fn through(a: &Expr, fa: &Expr, slope: Expr, var: &str) -> Line {
        let intercept = add(vec![fa.clone(), neg(&mul(vec![slope.clone(), a.clone()]))]);
        Line { slope, intercept, var: var.to_string(), at: a.clone(), value: fa.clone() }
    }

    /// The right-hand side, `slope*x + intercept`, simplified.
    pub fn rhs(&self) -> Expr {
        add(vec![mul(vec![self.slope.clone(), var(&self.var)]), self.intercept.clone()])
    }
}

/// f with `var` = `at` and the other variables from `point`, exactly; an
/// error if the point lies outside the domain as written.
pub fn value_at(f: &Formula, var_name: &str, at: &Expr, point: &Point) -> Result<Expr, RateError> {
    let mut values = point.exact();
    values.insert(var_name.to_string(), at.clone());
    let undefined = |message: &str| RateError::Undefined {
        at: crate::render::plain(at),
        why: DomainError { message: message.into() },
    };
    match crate::analysis::differentiability::value_at(f, &values) {
        Ok(Some(v)) => Ok(v),
        Ok(None) => Err(undefined("outside the domain of the function as written")),
        Err(_) => Err(undefined("could not decide whether the function is defined there")),
    }
}

#[derive(Debug, Clone)]
pub struct Secant {
    pub a: Expr,
    pub b: Expr,
    pub fa: Expr,
    pub fb: Expr,
    pub h: Expr,
    pub rate: Expr,
    pub line: Line,
}

/// The average rate of change of f over [a, b]: (f(b) − f(a))/(b − a).
pub fn secant(f: &Formula, var_name: &str, point: &Point, a: &Expr, b: &Expr) -> Result<Secant, RateError> {
    let h = add(vec![b.clone(), neg(a)]);
    if h.is_zero() {
        return Err(RateError::ZeroWidth);
    }
    let fa = value_at(f, var_name, a, point)?;
    let fb = value_at(f, var_name, b, point)?;
    let rate = mul(vec![add(vec![fb.clone(), neg(&fa)]), pow(&h, &int(-1))]);
    let line = Line::through(a, &fa, rate.clone(), var_name);
    Ok(Secant { a: a.clone(), b: b.clone(), fa, fb, h, rate, line })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
}

/// One row of the slope table: the difference quotient at h.
#[derive(Debug, Clone)]
pub struct Row {
    pub side: Side,
    /// h = ±10^-k.
    pub k: u32,
    pub h: Expr,
    /// [f(a+h) − f(a)]/h, exact (a number when f is rational at these
    /// points); `None` where f(a + h) is undefined (the row says so and
    /// the table goes on).
    pub quotient: Option<Expr>,
}

/// The difference quotients for h = ±10⁻¹ … ±10⁻ⁿ.
pub fn slope_table(
    f: &Formula,
    var_name: &str,
    point: &Point,
    a: &Expr,
    rows: u32,
) -> Result<Vec<Row>, RateError> {
    let fa = value_at(f, var_name, a, point)?;
    let mut table = Vec::with_capacity(2 * rows as usize);
    for side in [Side::Right, Side::Left] {
        for k in 1..=rows {
            let magnitude = pow(&int(10), &int(-(k as i64)));
            let h = if side == Side::Right { magnitude } else { neg(&magnitude) };
            let x = add(vec![a.clone(), h.clone()]);
            let quotient = value_at(f, var_name, &x, point).ok().map(|fx| {
                // f(a + h) − f(a), multiplied out when that shows it is 0
                // (a constant f, or one whose sums do not cancel as they stand).
                let difference = add(vec![fx, neg(&fa)]);
                let difference = match crate::engine::tidy::expanded(&difference) {
                    Some(e) if e.is_zero() => e,
                    _ => difference,
                };
                mul(vec![difference, pow(&h, &int(-1))])
            });
            table.push(Row { side, k, h, quotient });
        }
    }
    Ok(table)
}

#[derive(Debug, Clone)]
pub struct Tangent {
    pub a: Expr,
    pub fa: Expr,
    pub slope: Expr,
    pub line: Line,
}

/// The tangent at a: slope f'(a), through (a, f(a)).
pub fn tangent(f: &Formula, var_name: &str, point: &Point, a: &Expr) -> Result<Tangent, RateError> {
    let fa = value_at(f, var_name, a, point)?;
    let df = crate::derivative(&f.expr, var_name).map_err(RateError::Diff)?;
    let mut at = point.clone();
    at.values.retain(|(n, _)| n != var_name);
    at.values.push((var_name.to_string(), a.clone()));
    let slope = match derivative_at(f, &df, var_name, &at) {
        Ok(Limit::Finite(slope)) => slope,
        Ok(Limit::Approx(v)) => return Err(RateError::Approximate(v)),
        Ok(_) => return Err(RateError::Approximate(f64::NAN)),
        Err(verdict) => return Err(RateError::NoLimit(verdict)),
    };
    let line = Line::through(a, &fa, slope.clone(), var_name);
    Ok(Tangent { a: a.clone(), fa, slope, line })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::plain;

    fn parse(text: &str) -> Result<Formula, crate::engine::error::InputError> {
        crate::engine::parse::parse_formula(text)
    }

    fn point() -> Point {
        Point::default()
    }

    #[test]
    fn secant_of_a_parabola() {
        let s = secant(&parse("x^2").unwrap(), "x", &point(), &int(1), &int(4)).unwrap();
        assert_eq!(plain(&s.rate), "5");
        assert_eq!(plain(&s.line.rhs()), "5*x - 4");
    }

    #[test]
    fn secant_of_sine_is_exact() {
        let s = secant(
            &parse("sin(x)").unwrap(),
            "x",
            &point(),
            &int(0),
            &crate::engine::parse::parse("pi/2").unwrap(),
        )
        .unwrap();
        assert_eq!(plain(&s.rate), "2/pi");
    }

    #[test]
    fn table_is_exact_for_polynomials() {
        let rows = slope_table(&parse("x^2").unwrap(), "x", &point(), &int(3), 3).unwrap();
        let q: Vec<String> =
            rows.iter().map(|r| r.quotient.as_ref().map(plain).unwrap_or_default()).collect();
        assert_eq!(q, ["61/10", "601/100", "6001/1000", "59/10", "599/100", "5999/1000"]);
    }

    #[test]
    fn tangent_line() {
        let t = tangent(&parse("x^2").unwrap(), "x", &point(), &int(3)).unwrap();
        assert_eq!(plain(&t.line.rhs()), "6*x - 9");
        let t = tangent(&parse("(2w - 5)^2").unwrap(), "w", &point(), &int(1)).unwrap();
        assert_eq!(plain(&t.line.rhs()), "21 - 12*w");
    }

    #[test]
    fn errors() {
        assert!(matches!(
            secant(&parse("x^2").unwrap(), "x", &point(), &int(1), &int(1)),
            Err(RateError::ZeroWidth)
        ));
        assert!(matches!(
            slope_table(&parse("1/x").unwrap(), "x", &point(), &int(0), 3),
            Err(RateError::Undefined { .. })
        ));
        assert!(matches!(
            slope_table(&parse("ln(x)").unwrap(), "x", &point(), &int(0), 3),
            Err(RateError::Undefined { .. })
        ));
    }
}
