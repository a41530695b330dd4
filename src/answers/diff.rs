//! `diff`: the derivative, and with a point its value there from the judge.

use super::{Answered, Failure, Value, ser};
use crate::analysis::differentiability::value_at;
use crate::analysis::limits::Limit;
use crate::engine::expr::Expr;
use crate::engine::point::{choose_among, parse_point};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Serialize)]
pub struct DiffAnswer {
    pub input: String,
    pub wrt: String,
    pub order: u32,
    #[serde(serialize_with = "ser::expr")]
    pub derivative: Expr,
    #[serde(serialize_with = "ser::latex")]
    pub latex: Expr,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<BTreeMap<String, String>>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    /// The function differentiated (for labels such as d/dx (x³)).
    #[serde(skip)]
    pub function: Expr,
    /// Whether other variables are held (a partial derivative).
    #[serde(skip)]
    pub partial: bool,
}

pub fn diff(
    input: &str,
    wrt: Option<&str>,
    order: u32,
    at: Option<&str>,
    digits: u32,
) -> Answered<DiffAnswer> {
    let formula = crate::engine::parse::parse_formula(input)?;
    let f = formula.expr.clone();
    let variables = f.variables();
    let var = choose_among(&variables, wrt).map_err(Failure::Wrt)?;
    let before_last = crate::nth_derivative(&f, &var, order.saturating_sub(1))?;
    let result = if order == 0 { f.clone() } else { crate::derivative(&before_last, &var)? };
    let mut answer = DiffAnswer {
        input: input.to_string(),
        wrt: var.clone(),
        order,
        derivative: result.clone(),
        latex: result.clone(),
        at: None,
        value: None,
        partial: variables.len() > 1,
        function: f.clone(),
    };
    let Some(at) = at else { return Ok(answer) };
    let point = parse_point(at, &var)?;
    let missing = point.missing(&f);
    if !missing.is_empty() {
        return Err(Failure::MissingValues { names: missing });
    }
    // The judge decides f'(a): the formula's value where f is smooth, the
    // one-sided limits elsewhere.
    let judged = if order == 0 {
        match value_at(&formula, &point.exact()) {
            Ok(Some(v)) => Limit::Finite(v),
            _ => return Err(Failure::Undefined(format!("{input} is undefined at {}", point.describe()))),
        }
    } else {
        super::judged_derivative(&formula.with_expr(before_last), &result, &var, &point, input)?
    };
    answer.value = Some(match judged {
        Limit::Finite(exact) => Value::of(&exact, digits)
            .map_err(|e| Failure::Undefined(format!("d/d{var} {input} at {}: {e}", point.describe())))?,
        Limit::Approx(v) => Value::approximate(v, digits),
        _ => {
            return Err(Failure::Other(format!(
                "d/d{var} {input} at {}: could not decide",
                point.describe()
            )));
        }
    });
    answer.at = Some(super::at_object(&point));
    Ok(answer)
}
