//! `grad`: every partial derivative, and with a point their values there
//! (each from the judge, the others held; with data, the mean over rows).

use super::{Answered, Failure, Value, ser};
use crate::engine::expr::Expr;
use crate::engine::point::{is_identifier, parse_point};
use crate::ml::data::Data;
use crate::ml::descent::Objective;
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;

#[derive(Clone, Debug, Serialize)]
pub struct GradAnswer {
    pub input: String,
    pub wrt: Vec<String>,
    #[serde(serialize_with = "ser::exprs")]
    pub gradient: Vec<(String, Expr)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<BTreeMap<String, String>>,
    #[serde(serialize_with = "values", skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<(String, Value)>>,
    #[serde(serialize_with = "exacts", skip_serializing_if = "Option::is_none", rename = "exact")]
    pub exact: Option<Vec<(String, Value)>>,
    /// The function: a partial derivative when it has several variables.
    #[serde(skip)]
    pub function: Expr,
}

fn values<S: Serializer>(v: &Option<Vec<(String, Value)>>, s: S) -> Result<S::Ok, S::Error> {
    let map: serde_json::Map<String, serde_json::Value> = v
        .iter()
        .flatten()
        .map(|(n, x)| (n.clone(), serde_json::to_value(x).map(|j| j["value"].clone()).unwrap_or_default()))
        .collect();
    map.serialize(s)
}

fn exacts<S: Serializer>(v: &Option<Vec<(String, Value)>>, s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(v.iter().flatten().map(|(n, x)| (n, x.exact.as_ref().map(crate::render::plain))))
}

/// `wrt`, or every variable not bound by the data, in the order they first
/// appear in the input (`(w*x + b - y)^2` → w, b). A name in `wrt` that the
/// input does not mention is an error, and so is a parameter (in `wrt` or
/// given a value in `point`, the text of --at or --from) that is also a
/// column of the data: the column would silently override it.
pub fn parameters(
    text: &str,
    f: &Expr,
    wrt: &[String],
    point: Option<&str>,
    data: Option<&Data>,
) -> Answered<Vec<String>> {
    if let Some(d) = data {
        let named = point.map(point_names).unwrap_or_default();
        if let Some(name) = d.shadowing(wrt.iter().map(String::as_str).chain(named)) {
            let source = &d.source;
            return Err(Failure::Variable(format!(
                "{name} is both a parameter and a column of {source}: rename the column or the parameter"
            )));
        }
    }
    let vars: Vec<String> = f.variables().iter().map(|v| v.to_string()).collect();
    for v in wrt {
        if !is_identifier(v) {
            return Err(Failure::Variable(format!("{v} is not a variable name")));
        }
        if !vars.contains(v) && !vars.is_empty() {
            let known = vars.join(", ");
            return Err(Failure::Variable(format!("{text} has no variable {v} (its variables: {known})")));
        }
    }
    if !wrt.is_empty() {
        return Ok(wrt.to_vec());
    }
    let bound = |v: &str| data.is_some_and(|d| d.column(v).is_some());
    let mut vars: Vec<String> = vars.into_iter().filter(|v| !bound(v)).collect();
    vars.sort_by_key(|v| first_appearance(text, v));
    if let (Some(d), Some(point)) = (data, point) {
        missing_columns(f, d, &vars, &point_names(point))?;
    }
    if vars.is_empty() {
        return Err(Failure::Variable("the expression has no variables to differentiate by".into()));
    }
    Ok(vars)
}

/// With data, a variable that is neither a column nor given a value is
/// most likely a column the CSV lacks: say so with both lists of names.
fn missing_columns(f: &Expr, d: &Data, params: &[String], given: &[&str]) -> Answered<()> {
    let missing: Vec<&str> = params.iter().map(String::as_str).filter(|p| !given.contains(p)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    let mut variables: Vec<String> = f.variables().iter().map(|v| v.to_string()).collect();
    variables.sort();
    Err(Failure::Variable(format!(
        "{} {} neither a column of {} nor given a value: its columns are {}; the loss's variables are {}",
        missing.join(", "),
        if missing.len() == 1 { "is" } else { "are" },
        d.source,
        d.names.join(", "),
        variables.join(", ")
    )))
}

/// The values `point` gives `params`, in their order, as doubles; a
/// parameter without one is an error that names it.
pub fn parameter_values(point: &crate::engine::point::Point, params: &[String]) -> Answered<Vec<f64>> {
    let approx = point.approximate()?;
    params
        .iter()
        .map(|p| approx.get(p).copied().ok_or_else(|| Failure::MissingValues { names: vec![p.clone()] }))
        .collect()
}

/// The names given values in a point's text (`w=0,b=1` → w, b).
fn point_names(text: &str) -> Vec<&str> {
    text.split(',').filter_map(|part| part.split_once('=')).map(|(name, _)| name.trim()).collect()
}

/// Where a variable's name first stands alone in the input.
fn first_appearance(text: &str, name: &str) -> usize {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    text.match_indices(name)
        .find(|(i, _)| {
            let before = text[..*i].chars().next_back().is_none_or(|c| !is_word(c));
            let after = text[i + name.len()..].chars().next().is_none_or(|c| !is_word(c));
            before && after
        })
        .map_or(usize::MAX, |(i, _)| i)
}

pub fn grad(
    input: &str,
    wrt: &[String],
    at: Option<&str>,
    data: Option<Data>,
    digits: u32,
) -> Answered<GradAnswer> {
    let formula = crate::engine::parse::parse_formula(input)?;
    let f = formula.expr.clone();
    let vars = parameters(input, &f, wrt, at, data.as_ref())?;
    let gradient: Vec<(String, Expr)> =
        vars.iter().map(|v| Ok((v.clone(), crate::derivative(&f, v)?))).collect::<Answered<_>>()?;
    let mut answer = GradAnswer {
        input: input.to_string(),
        wrt: vars.clone(),
        gradient,
        at: None,
        values: None,
        exact: None,
        function: f.clone(),
    };
    let Some(at) = at else { return Ok(answer) };
    let default = vars.first().map_or("x", String::as_str);
    let point = parse_point(at, default)?;
    let values: Vec<(String, Value)> = match data {
        Some(data) => {
            // The mean over the rows, in f64 from the compiled gradient.
            let objective =
                Objective::new(&f, vars.clone(), Some(data)).map_err(|e| Failure::Other(e.to_string()))?;
            let (_, grad) = objective.evaluate(&parameter_values(&point, &vars)?);
            vars.iter().zip(grad).map(|(v, g)| (v.clone(), Value::approximate(g, digits))).collect()
        }
        None => {
            let missing = point.missing(&f);
            if !missing.is_empty() {
                return Err(Failure::MissingValues { names: missing });
            }
            // Each partial derivative from the judge, the others held: at a
            // kink it refuses, as every command does.
            let mut values = Vec::with_capacity(vars.len());
            for (v, d) in &answer.gradient {
                let value = super::judged_derivative(&formula, d, v, &point, input)?;
                values.push((
                    v.clone(),
                    match value {
                        crate::analysis::limits::Limit::Finite(e) => Value::of(&e, digits)?,
                        crate::analysis::limits::Limit::Approx(x) => Value::approximate(x, digits),
                        _ => {
                            return Err(Failure::Other(format!(
                                "d/d{v} at {}: could not decide",
                                point.describe()
                            )));
                        }
                    },
                ));
            }
            values
        }
    };
    answer.at = Some(super::at_object(&point));
    answer.exact = Some(values.clone());
    answer.values = Some(values);
    Ok(answer)
}
