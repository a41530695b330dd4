//! `eval`: the value at a point, in the domain as written; outside it, the
//! condition that fails and the limit there (the removable point's lesson).

use super::{Answered, Failure, Value};
use crate::analysis::limits::{Limit, Target, two_sided};
use crate::engine::domain::{Condition, Membership};
use crate::engine::expr::Expr;
use crate::engine::point::{Point, parse_point};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Serialize)]
pub struct EvalAnswer {
    pub input: String,
    pub at: BTreeMap<String, String>,
    #[serde(flatten)]
    pub value: Value,
}

/// The input is undefined at the point: which condition fails, and the
/// limit there when the judge finds one.
#[derive(Clone, Debug)]
pub struct Undefined {
    pub input: String,
    pub point: Point,
    pub broken: Option<Condition>,
    pub var: String,
    pub limit: Option<Expr>,
}

pub fn eval(input: &str, at: Option<&str>, digits: u32) -> Answered<EvalAnswer> {
    let formula = crate::engine::parse::parse_formula(input)?;
    let f = &formula.expr;
    let vars = f.variables();
    // A bare value (`--at 3`) belongs to the only variable.
    let var = vars.first().filter(|_| vars.len() == 1).map_or("x".to_string(), |v| v.to_string());
    let point = match at {
        Some(at) => parse_point(at, &var)?,
        None => Point::default(),
    };
    let missing = point.missing(f);
    if !missing.is_empty() {
        return Err(Failure::MissingValues { names: missing });
    }
    let value = match crate::analysis::differentiability::value_at(&formula, &point.exact()) {
        Ok(Some(value)) => value,
        Ok(None) => {
            let broken = match formula.domain.at(&point.exact()) {
                Membership::Outside(c) => Some(c),
                _ => None,
            };
            let limit = point.values.iter().find(|(n, _)| *n == var).and_then(|(_, a)| {
                let fixed =
                    Point { values: point.values.iter().filter(|(n, _)| *n != var).cloned().collect() };
                match two_sided(&formula, &var, &fixed, &Target::Point(a.clone())).limit {
                    Limit::Finite(l) => Some(l),
                    _ => None,
                }
            });
            return Err(Failure::Outside(Box::new(Undefined {
                input: input.to_string(),
                point,
                broken,
                var,
                limit,
            })));
        }
        Err(_) => {
            return Err(Failure::Other(format!("{input}: could not decide whether it is defined there")));
        }
    };
    let value = Value::of(&value, digits).map_err(|e| Failure::Undefined(format!("{input}: {e}")))?;
    Ok(EvalAnswer { input: input.to_string(), at: super::at_object(&point), value })
}
