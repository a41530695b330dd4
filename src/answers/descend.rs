//! `descend`: gradient descent as data — the iterations shown (thinned to
//! about twenty rows) and how it stopped.

use super::{Answered, Failure, Outcome, ser};
use crate::engine::parse::parse_value;
use crate::engine::point::parse_point;
use crate::ml::data::Data;
use crate::ml::descent::{Divergence, Objective, Optimizer, Settings, Step, Stop, descend};
use crate::numeric::figure::{self, Curve, CurveKind, Figure};
use serde::{Serialize, Serializer};

/// Rows shown when no spacing is asked for.
const ROWS: u64 = 20;

#[derive(Clone, Debug, Serialize)]
pub struct DescendAnswer {
    pub input: String,
    pub wrt: Vec<String>,
    #[serde(serialize_with = "ser::number")]
    pub rate: f64,
    #[serde(serialize_with = "optimizer_name")]
    pub optimizer: Optimizer,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub batch_size: Option<usize>,
    /// What the gradient is at each kink an iterate landed on exactly.
    pub notes: Vec<String>,
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
    /// (iteration, loss) for every iteration, for the loss curve.
    #[serde(skip)]
    pub all_losses: Vec<(f64, f64)>,
}

#[derive(Serialize)]
struct StepJson<'a> {
    iteration: usize,
    point: serde_json::Map<String, serde_json::Value>,
    #[serde(serialize_with = "ser::number")]
    loss: f64,
    gradient: serde_json::Map<String, serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kink: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stop: Option<&'a str>,
}

fn optimizer_name<S: Serializer>(o: &Optimizer, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(o.name())
}

fn number(v: f64) -> serde_json::Value {
    if v.is_finite() { serde_json::json!(v) } else { serde_json::json!(crate::engine::number::shortest(v)) }
}

fn step_json<'a>(params: &[String], s: &Step, stop: Option<&'a str>) -> StepJson<'a> {
    let map = |values: &[f64]| params.iter().zip(values).map(|(p, v)| (p.clone(), number(*v))).collect();
    StepJson {
        iteration: s.iteration,
        point: map(&s.point),
        loss: s.loss,
        gradient: map(&s.gradient),
        kink: s.kink.map(|f| f.def().name),
        stop,
    }
}

fn steps<S: Serializer>(v: &[(Vec<String>, Step)], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(v.iter().map(|(p, step)| step_json(p, step, None)))
}

fn last<S: Serializer>(v: &(Vec<String>, Step, Stop), s: S) -> Result<S::Ok, S::Error> {
    let stop = match &v.2 {
        Stop::Iterations => "iterations",
        Stop::Converged => "converged",
        Stop::Diverged(Divergence::AtStart) => "undefined at start",
        Stop::Diverged(_) => "diverged",
    };
    step_json(&v.0, &v.1, Some(stop)).serialize(s)
}

impl DescendAnswer {
    pub fn outcome(&self) -> Outcome {
        if matches!(self.last.2, Stop::Diverged(_)) { Outcome::Failed } else { Outcome::Yes }
    }
}

/// Points drawn on a loss curve at most (evenly spaced iterations).
const CURVE_POINTS: usize = 2000;

/// The loss by iteration as a figure; on a log scale when it falls by more
/// than two orders of magnitude (the usual training-curve view).
pub fn loss_curve(answer: &DescendAnswer) -> Figure {
    let all = &answer.all_losses;
    let step = all.len().div_ceil(CURVE_POINTS).max(1);
    let points: Vec<(f64, f64)> = all.iter().step_by(step).chain(all.last()).copied().collect();
    let finite: Vec<f64> = points.iter().map(|p| p.1).filter(|v| v.is_finite()).collect();
    let (lo, hi) = finite.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(*v), b.max(*v)));
    let log = lo > 0.0 && hi / lo > 100.0;
    let (points, label) = if log {
        (points.iter().map(|(i, l)| (*i, l.log10())).collect(), "log10(loss)".to_string())
    } else {
        (points, "loss".to_string())
    };
    let pieces: Vec<Vec<(f64, f64)>> = vec![points.into_iter().filter(|p| p.1.is_finite()).collect()];
    let x_range = (0.0, all.last().map_or(1.0, |p| p.0.max(1.0)));
    let y_range = figure::y_range(&pieces, &[]);
    Figure {
        title: format!("{} by iteration: descend {}", label, answer.input),
        x_range,
        y_range,
        x_ticks: figure::ticks(x_range.0, x_range.1),
        y_ticks: figure::ticks(y_range.0, y_range.1),
        curves: vec![Curve { kind: CurveKind::Loss, label, pieces, h: None }],
        points: Vec::new(),
        marks: Vec::new(),
    }
}

/// The options of a descent, as given.
pub struct Descent<'a> {
    pub from: &'a str,
    /// The rate as written; `None` for the optimizer's default.
    pub rate: Option<&'a str>,
    pub iterations: u64,
    pub wrt: &'a [String],
    pub every: Option<u64>,
    pub tolerance: f64,
    pub optimizer: Optimizer,
    pub batch: Option<(usize, u64)>,
}

pub fn run(input: &str, options: &Descent, data: Option<Data>) -> Answered<DescendAnswer> {
    let loss = crate::parse(input)?;
    let params = super::grad::parameters(input, &loss, options.wrt, Some(options.from), data.as_ref())?;
    let rate_text = options.rate.map_or_else(|| options.optimizer.default_rate().to_string(), str::to_string);
    let rate = rate(&rate_text)?;
    let start = start(options.from, &params)?;
    if options.batch.is_some() && data.is_none() {
        return Err(Failure::Other(
            "--batch-size takes minibatches of the rows of --data: give a CSV".into(),
        ));
    }
    let objective = Objective::new(&loss, params.clone(), data).map_err(|e| Failure::Other(e.to_string()))?;
    let settings = Settings {
        rate,
        iterations: options.iterations as usize,
        tolerance: options.tolerance,
        optimizer: options.optimizer,
        batch: options.batch,
    };
    let (all, stop) = descend(&objective, start, &settings);
    let every = options
        .every
        .unwrap_or_else(|| if options.iterations <= ROWS { 1 } else { options.iterations.div_ceil(ROWS) });
    let last = all.last().cloned().ok_or_else(|| Failure::Other("no iterations".into()))?;
    // Rows on a kink are always shown: their gradient is a convention.
    let shown = all
        .iter()
        .enumerate()
        .filter(|(i, s)| (*i as u64).is_multiple_of(every) || *i == all.len() - 1 || s.kink.is_some())
        .map(|(_, s)| (params.clone(), s.clone()))
        .collect();
    Ok(DescendAnswer {
        input: input.to_string(),
        wrt: params.clone(),
        rate,
        optimizer: options.optimizer,
        batch_size: options.batch.map(|b| b.0),
        notes: kink_notes(&all),
        iterations: shown,
        last: (params, last, stop),
        rate_text,
        iterations_asked: options.iterations,
        tolerance: options.tolerance,
        all_losses: all.iter().map(|s| (s.iteration as f64, s.loss)).collect(),
    })
}

/// One note per function whose kink an iterate landed on: the convention
/// its gradient follows there (the note check-differentiable gives).
fn kink_notes(steps: &[Step]) -> Vec<String> {
    let mut notes: Vec<String> = Vec::new();
    for s in steps {
        let Some(f) = s.kink else { continue };
        let def = f.def();
        let convention = def.autodiff.unwrap_or("the derivative's formula gives a value there by convention");
        let note = format!(
            "iteration {} lands on the kink of {} (not differentiable there): the gradient shown is the derivative's formula at the kink, as autodiff frameworks do; {convention}",
            s.iteration, def.name
        );
        if !notes.iter().any(|n| n.contains(&format!("kink of {} ", def.name))) {
            notes.push(note);
        }
    }
    notes
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
    super::grad::parameter_values(&point, params)
}
