//! Answers as data: what each command computes, as typed values whose
//! fields are the JSON keys of DESIGN.md §4. A command's request comes in
//! as the text the user gave; its answer goes out to the presenter
//! (`render::present`), which alone writes words, and to JSON by serde.
//! Nothing here prints or knows about flags.

pub mod check;
pub mod descend;
pub mod diff;
pub mod eval;
pub mod grad;
pub mod hessian;
pub mod learn;
pub mod limit;
pub mod plot;
pub mod rates;
pub mod tape;

use crate::engine::error::InputError;
use crate::engine::expr::Expr;
use crate::engine::point::Point;
use crate::render::{Style, plain, render};
use serde::Serialize;
use std::collections::BTreeMap;

/// Why a request could not be answered (the presenter words it).
#[derive(Debug)]
pub enum Failure {
    /// The input or a point does not parse: with the spot to point at.
    Input(InputError),
    /// The point leaves variables without a value.
    MissingValues { names: Vec<String> },
    /// The variable to differentiate by cannot be chosen.
    Variable(String),
    /// No variable to move was named and there are several, or the one
    /// named does not occur.
    Wrt(crate::engine::point::VariableError),
    /// A value the answer needs is undefined or cannot be computed.
    Undefined(String),
    /// The input is outside its domain as written at the point.
    Outside(Box<eval::Undefined>),
    /// The answer is too large to build.
    TooLarge(String),
    /// f'(a) (or a partial derivative) does not exist or could not be
    /// decided: the judge's verdict at the point.
    Refused {
        input: String,
        wrt: String,
        at: String,
        verdict: Box<crate::analysis::differentiability::Verdict>,
    },
    /// Anything else that stops the answer, said in words by the core
    /// component that found it (its own `Display`).
    Other(String),
}

impl std::error::Error for Failure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Failure::Input(e) => Some(e),
            _ => None,
        }
    }
}

impl From<InputError> for Failure {
    fn from(e: InputError) -> Failure {
        Failure::Input(e)
    }
}

impl From<crate::analysis::derivative::DiffError> for Failure {
    fn from(e: crate::analysis::derivative::DiffError) -> Failure {
        Failure::TooLarge(e.to_string())
    }
}

impl From<crate::numeric::eval::DomainError> for Failure {
    fn from(e: crate::numeric::eval::DomainError) -> Failure {
        Failure::Undefined(e.message)
    }
}

pub type Answered<T> = Result<T, Failure>;

/// f'(a) (or ∂f/∂wrt) from the one judge, its refusal as the answer's
/// failure, naming the input, the variable and the point.
pub(crate) fn judged_derivative(
    formula: &crate::engine::domain::Formula,
    derivative: &Expr,
    wrt: &str,
    point: &Point,
    input: &str,
) -> Answered<crate::analysis::limits::Limit> {
    crate::analysis::differentiability::derivative_at(formula, derivative, wrt, point).map_err(|verdict| {
        Failure::Refused { input: input.to_string(), wrt: wrt.to_string(), at: point.describe(), verdict }
    })
}

/// How an answer ends, for the exit status: yes (0), no (1), or a failure
/// after the answer was shown (2, with the reason on stderr).
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Yes,
    No,
    Failed,
}

/// serde helpers: expressions as plain text, numbers never bare NaN.
pub mod ser {
    use super::*;
    use serde::Serializer;

    pub fn expr<S: Serializer>(e: &Expr, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&plain(e))
    }

    pub fn opt_expr<S: Serializer>(e: &Option<Expr>, s: S) -> Result<S::Ok, S::Error> {
        match e {
            Some(e) => s.serialize_str(&plain(e)),
            None => s.serialize_none(),
        }
    }

    pub fn latex<S: Serializer>(e: &Expr, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&render(e, Style::Latex))
    }

    /// A JSON number, or "inf", "-inf", "nan" as strings (DESIGN.md §4).
    pub fn number<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
        if v.is_finite() {
            s.serialize_f64(*v)
        } else if v.is_nan() {
            s.serialize_str("nan")
        } else {
            s.serialize_str(if *v > 0.0 { "inf" } else { "-inf" })
        }
    }

    /// A number as JSON: finite, or the strings inf, -inf, nan.
    pub struct Number(pub f64);

    impl serde::Serialize for Number {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            number(&self.0, s)
        }
    }

    pub fn exprs<S: Serializer>(m: &[(String, Expr)], s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(m.iter().map(|(k, e)| (k, plain(e))))
    }
}

/// A computed number: its exact closed form when there is one worth
/// reading, its value as a double, and a decimal with every digit right.
#[derive(Clone, Debug, Serialize)]
pub struct Value {
    #[serde(serialize_with = "ser::number")]
    pub value: f64,
    #[serde(serialize_with = "ser::opt_expr")]
    pub exact: Option<Expr>,
    #[serde(skip)]
    pub decimal: String,
}

/// Longest exact form worth showing next to its decimal.
const MAX_EXACT_CHARS: usize = 120;

impl Value {
    /// An exact value, with `digits` significant digits of decimal.
    pub fn of(e: &Expr, digits: u32) -> Result<Value, crate::numeric::eval::DomainError> {
        let decimal = crate::numeric::precise::digits(e, digits)?;
        // JSON carries every digit a double holds, whatever the text shows.
        let value = if digits >= 17 {
            decimal.parse().unwrap_or(f64::NAN)
        } else {
            crate::numeric::precise::value(e)?
        };
        let readable =
            !matches!(e.kind(), crate::engine::expr::Kind::Piecewise(_)) && plain(e).len() <= MAX_EXACT_CHARS;
        Ok(Value { value, exact: readable.then(|| e.clone()), decimal })
    }

    /// A number known only approximately (from a float computation).
    pub fn approximate(value: f64, digits: u32) -> Value {
        let decimal = match crate::engine::number::from_f64(value) {
            Some(q) => crate::engine::number::round_decimal(&q, digits),
            None => crate::engine::number::shortest(value),
        };
        Value { value, exact: None, decimal }
    }
}

/// A point as a JSON object: every variable's value, held ones too.
pub fn at_object(point: &Point) -> BTreeMap<String, String> {
    point.values.iter().map(|(n, e)| (n.clone(), plain(e))).collect()
}

/// Where the answer's variables stand: the moving one and those held.
#[derive(Clone, Debug)]
pub struct Subject {
    pub input: String,
    pub formula: crate::engine::domain::Formula,
    pub var: String,
    pub point: Point,
}

impl Subject {
    /// Parse `text`, choose the variable and read the point; every
    /// variable but `var` must have a value, and `var` too when `needs_var`.
    pub fn new(text: &str, wrt: Option<&str>, at: Option<&str>, needs_var: bool) -> Answered<Subject> {
        let formula = crate::engine::parse::parse_formula(text)?;
        let var = crate::engine::point::choose_variable(&formula.expr, wrt).map_err(Failure::Wrt)?;
        let point = match at {
            Some(at) => crate::engine::point::parse_point(at, &var)?,
            None => Point::default(),
        };
        let given = point.values.iter().any(|(n, _)| *n == var);
        let mut missing: Vec<String> =
            point.missing(&formula.expr).into_iter().filter(|v| needs_var || *v != var).collect();
        if needs_var && !given && !missing.contains(&var) {
            missing.push(var.clone());
        }
        if !missing.is_empty() {
            return Err(Failure::MissingValues { names: missing });
        }
        Ok(Subject { input: text.to_string(), formula, var, point })
    }

    pub fn f(&self) -> &Expr {
        &self.formula.expr
    }

    /// The value of the moving variable at the point.
    pub fn a(&self) -> Expr {
        self.point
            .values
            .iter()
            .find(|(n, _)| *n == self.var)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| crate::engine::simplify::int(0))
    }

    /// The other variables' values, held fixed.
    pub fn fixed(&self) -> Point {
        Point { values: self.point.values.iter().filter(|(n, _)| *n != self.var).cloned().collect() }
    }
}
