//! `slope`, `secant`, `tangent`: rates of change as data — the difference
//! quotients from both sides, their limit from the judge, the lines.

use super::{Answered, Failure, Outcome, Subject, Value, ser};
use crate::analysis::rates::{Line, RateError, Row, Secant, Side, Tangent, secant, slope_table, tangent};
use crate::engine::expr::Expr;
use crate::engine::number;
use crate::engine::parse::parse_value;
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;

/// Exact quotients are printed in full up to this many digits.
const MAX_EXACT_DIGITS: usize = 40;

/// One row of the table: its quotient with every printed digit right.
#[derive(Clone, Debug, Serialize)]
pub struct Quotient {
    #[serde(serialize_with = "side_name")]
    pub side: Side,
    #[serde(serialize_with = "h_text")]
    pub h: Row,
    /// All its digits when exact and terminating, else correctly rounded.
    pub quotient: String,
    pub exact: bool,
    #[serde(serialize_with = "ser::number")]
    pub quotient_value: f64,
}

fn side_name<S: Serializer>(side: &Side, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(if *side == Side::Left { "left" } else { "right" })
}

fn h_text<S: Serializer>(row: &Row, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&h_of(row))
}

/// h = ±10⁻ᵏ as a decimal.
pub fn h_of(row: &Row) -> String {
    let q = number::Rational::from(10).pow(-(row.k as isize));
    let magnitude = number::round_decimal(&q, 1);
    if row.side == Side::Left { format!("-{magnitude}") } else { magnitude }
}

/// A line, in JSON as `y = …` in plain syntax.
pub fn line_json<S: Serializer>(line: &Line, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&crate::render::present::line_text(line, 15, crate::render::Style::Plain))
}

#[derive(Clone, Debug, Serialize)]
pub struct SlopeAnswer {
    pub input: String,
    pub wrt: String,
    pub at: BTreeMap<String, String>,
    pub table: Vec<Quotient>,
    /// f'(a), when the limit exists.
    #[serde(flatten)]
    pub limit: Option<Value>,
    #[serde(serialize_with = "opt_line")]
    pub tangent: Option<Tangent>,
    /// Why there is no limit line, when there is none.
    #[serde(skip)]
    pub no_limit: Option<RateError>,
    #[serde(skip)]
    pub subject: Subject,
}

fn opt_line<S: Serializer>(line: &Option<Tangent>, s: S) -> Result<S::Ok, S::Error> {
    match line {
        Some(t) => line_json(&t.line, s),
        None => s.serialize_none(),
    }
}

impl SlopeAnswer {
    pub fn outcome(&self) -> Outcome {
        if self.no_limit.is_some() { Outcome::Failed } else { Outcome::Yes }
    }
}

pub fn slope(input: &str, at: &str, wrt: Option<&str>, rows: u32, digits: u32) -> Answered<SlopeAnswer> {
    let s = Subject::new(input, wrt, Some(at), true)?;
    let (a, fixed) = (s.a(), s.fixed());
    let rows =
        slope_table(&s.formula, &s.var, &fixed, &a, rows).map_err(|e| Failure::Other(e.to_string()))?;
    let table = quotients(rows, digits)?;
    let (limit, tangent, no_limit) = match tangent(&s.formula, &s.var, &fixed, &a) {
        Ok(t) => (Some(Value::of(&t.slope, digits)?), Some(t), None),
        Err(e) => (None, None, Some(e)),
    };
    Ok(SlopeAnswer {
        input: input.to_string(),
        wrt: s.var.clone(),
        at: super::at_object(&s.point),
        table,
        limit,
        tangent,
        no_limit,
        subject: s,
    })
}

/// Each row's quotient: all its digits when exact and terminating, else
/// correctly rounded (the rows evaluated together, sharing f(a)).
fn quotients(rows: Vec<Row>, digits: u32) -> Answered<Vec<Quotient>> {
    let exact: Vec<Option<String>> = rows
        .iter()
        .map(|row| {
            row.quotient
                .as_ref()
                .and_then(Expr::as_num)
                .and_then(|q| number::terminating_decimal(&q))
                .filter(|t| t.chars().filter(char::is_ascii_digit).count() <= MAX_EXACT_DIGITS)
        })
        .collect();
    let inexact: Vec<Expr> = rows
        .iter()
        .zip(&exact)
        .filter(|(_, e)| e.is_none())
        .filter_map(|(r, _)| r.quotient.clone())
        .collect();
    let mut rounded = crate::numeric::precise::digits_of_all(&inexact, digits).into_iter();
    rows.into_iter()
        .zip(exact)
        .map(|(row, exact_text)| {
            let Some(q) = row.quotient.clone() else {
                let (side, undefined) = (row.side, "undefined".to_string());
                return Ok(Quotient {
                    side,
                    h: row,
                    quotient: undefined,
                    exact: false,
                    quotient_value: f64::NAN,
                });
            };
            let (quotient, exact) = match exact_text {
                Some(t) => (t, true),
                None => (rounded.next().unwrap_or_else(|| Ok("nan".into()))?, false),
            };
            let quotient_value = crate::numeric::precise::value(&q).unwrap_or(f64::NAN);
            Ok(Quotient { side: row.side, h: row, quotient, exact, quotient_value })
        })
        .collect()
}

#[derive(Clone, Debug, Serialize)]
pub struct SecantAnswer {
    pub input: String,
    pub wrt: String,
    #[serde(serialize_with = "ser::expr")]
    pub from: Expr,
    #[serde(serialize_with = "ser::expr")]
    pub to: Expr,
    #[serde(serialize_with = "ser::expr")]
    pub h: Expr,
    #[serde(flatten)]
    pub rate: Value,
    #[serde(serialize_with = "line_json")]
    pub line: Line,
    #[serde(skip)]
    pub secant: Secant,
    #[serde(skip)]
    pub subject: Subject,
}

/// The interval: `from`..`to`, or `at` and a width `h`.
pub enum Interval<'a> {
    FromTo(&'a str, &'a str),
    AtWidth(&'a str),
}

pub fn secant_of(
    input: &str,
    interval: Interval,
    at: Option<&str>,
    wrt: Option<&str>,
    digits: u32,
) -> Answered<SecantAnswer> {
    let (s, a, b) = match interval {
        Interval::FromTo(from, to) => {
            let s = Subject::new(input, wrt, at, false)?;
            (s, parse_value(from)?, parse_value(to)?)
        }
        Interval::AtWidth(h) => {
            let s = Subject::new(input, wrt, at, true)?;
            let a = s.a();
            let b = crate::engine::simplify::add(vec![a.clone(), parse_value(h)?]);
            (s, a, b)
        }
    };
    let sec = secant(&s.formula, &s.var, &s.fixed(), &a, &b).map_err(|e| Failure::Other(e.to_string()))?;
    Ok(SecantAnswer {
        input: input.to_string(),
        wrt: s.var.clone(),
        from: sec.a.clone(),
        to: sec.b.clone(),
        h: sec.h.clone(),
        rate: Value::of(&sec.rate, digits)?,
        line: sec.line.clone(),
        secant: sec,
        subject: s,
    })
}

#[derive(Clone, Debug, Serialize)]
pub struct TangentAnswer {
    pub input: String,
    pub wrt: String,
    pub at: BTreeMap<String, String>,
    #[serde(serialize_with = "ser::number")]
    pub slope: f64,
    #[serde(serialize_with = "ser::opt_expr")]
    pub slope_exact: Option<Expr>,
    #[serde(serialize_with = "ser::number")]
    pub value: f64,
    #[serde(serialize_with = "ser::opt_expr")]
    pub value_exact: Option<Expr>,
    #[serde(serialize_with = "line_json")]
    pub line: Line,
    #[serde(skip)]
    pub slope_value: Value,
    #[serde(skip)]
    pub tangent: Tangent,
    #[serde(skip)]
    pub subject: Subject,
}

pub fn tangent_at(input: &str, at: &str, wrt: Option<&str>, digits: u32) -> Answered<TangentAnswer> {
    let s = Subject::new(input, wrt, Some(at), true)?;
    let t = tangent(&s.formula, &s.var, &s.fixed(), &s.a()).map_err(|e| Failure::Other(e.to_string()))?;
    let slope = Value::of(&t.slope, digits)?;
    let value = Value::of(&t.fa, digits)?;
    Ok(TangentAnswer {
        input: input.to_string(),
        wrt: s.var.clone(),
        at: super::at_object(&s.point),
        slope: slope.value,
        slope_exact: slope.exact.clone(),
        value: value.value,
        value_exact: value.exact,
        line: t.line.clone(),
        slope_value: slope,
        tangent: t,
        subject: s,
    })
}
