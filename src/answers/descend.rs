//! `descend`: gradient descent as data — the iterations shown (thinned to
//! about twenty rows) and how it stopped.

use super::{Answered, Failure, Outcome, ser};
use crate::engine::parse::parse_value;
use crate::engine::point::parse_point;
use crate::ml::data::Data;
use crate::ml::descent::{Objective, Step, Stop, descend};
use serde::{Serialize, Serializer};

/// Rows shown when no spacing is asked for.
const ROWS: u64 = 20;

#[derive(Clone, Debug, Serialize)]
pub struct DescendAnswer {
    pub input: String,
    pub wrt: Vec<String>,
    #[serde(serialize_with = "ser::number")]
    pub rate: f64,
    #[serde(serialize_with = "steps")]
    pub iterations: Vec<(Vec<String>, Step)>,
    #[serde(rename = "final", serialize_with = "last")]
    pub last: (Vec<String>, Step, Stop),
    /// The rate as the user wrote it, for the advice when it diverges.
    #[serde(skip)]
    pub rate_text: String,
    #[serde(skip)]
    pub iterations_asked: u64,
    #[serde(skip)]
    pub tolerance: f64,
}

#[derive(Serialize)]
struct StepJson<'a> {
    iteration: usize,
    point: serde_json::Map<String, serde_json::Value>,
    #[serde(serialize_with = "ser::number")]
    loss: f64,
    gradient: serde_json::Map<String, serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stop: Option<&'a str>,
}

fn number(v: f64) -> serde_json::Value {
    if v.is_finite() { serde_json::json!(v) } else { serde_json::json!(crate::engine::number::shortest(v)) }
}

fn step_json<'a>(params: &[String], s: &Step, stop: Option<&'a str>) -> StepJson<'a> {
    let map = |values: &[f64]| params.iter().zip(values).map(|(p, v)| (p.clone(), number(*v))).collect();
    StepJson { iteration: s.iteration, point: map(&s.point), loss: s.loss, gradient: map(&s.gradient), stop }
}

fn steps<S: Serializer>(v: &[(Vec<String>, Step)], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(v.iter().map(|(p, step)| step_json(p, step, None)))
}

fn last<S: Serializer>(v: &(Vec<String>, Step, Stop), s: S) -> Result<S::Ok, S::Error> {
    let stop = match &v.2 {
        Stop::Iterations => "iterations",
        Stop::Converged => "converged",
        Stop::Diverged(_) => "diverged",
    };
    step_json(&v.0, &v.1, Some(stop)).serialize(s)
}

impl DescendAnswer {
    pub fn outcome(&self) -> Outcome {
        if matches!(self.last.2, Stop::Diverged(_)) { Outcome::Failed } else { Outcome::Yes }
    }
}

/// The options of a descent, as given.
pub struct Descent<'a> {
    pub from: &'a str,
    pub rate: &'a str,
    pub iterations: u64,
    pub wrt: &'a [String],
    pub every: Option<u64>,
    pub tolerance: f64,
}

pub fn run(input: &str, options: &Descent, data: Option<Data>) -> Answered<DescendAnswer> {
    let loss = crate::parse(input)?;
    let params = super::grad::parameters(input, &loss, options.wrt, Some(options.from), data.as_ref())?;
    let rate = rate(options.rate)?;
    let start = start(options.from, &params)?;
    let objective = Objective::new(&loss, params.clone(), data).map_err(|e| Failure::Other(e.to_string()))?;
    let (all, stop) = descend(&objective, start, rate, options.iterations as usize, options.tolerance);
    let every = options
        .every
        .unwrap_or_else(|| if options.iterations <= ROWS { 1 } else { options.iterations.div_ceil(ROWS) });
    let last = all.last().cloned().ok_or_else(|| Failure::Other("no iterations".into()))?;
    let shown = all
        .iter()
        .enumerate()
        .filter(|(i, _)| (*i as u64).is_multiple_of(every) || *i == all.len() - 1)
        .map(|(_, s)| (params.clone(), s.clone()))
        .collect();
    Ok(DescendAnswer {
        input: input.to_string(),
        wrt: params.clone(),
        rate,
        iterations: shown,
        last: (params, last, stop),
        rate_text: options.rate.to_string(),
        iterations_asked: options.iterations,
        tolerance: options.tolerance,
    })
}

fn rate(text: &str) -> Answered<f64> {
    let value = parse_value(text)?;
    let r = crate::numeric::precise::value(&value)?;
    if !(r > 0.0 && r.is_finite()) {
        return Err(Failure::Other(format!("the rate {text} must be a positive number")));
    }
    Ok(r)
}

fn start(from: &str, params: &[String]) -> Answered<Vec<f64>> {
    let point = parse_point(from, params.first().map_or("x", String::as_str))?;
    let approx = point.approximate()?;
    params
        .iter()
        .map(|p| approx.get(p).copied().ok_or_else(|| Failure::MissingValues { names: vec![p.clone()] }))
        .collect()
}
