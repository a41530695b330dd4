//! Gradient descent θ ← θ − η·∇L with the symbolic gradient, compiled once
//! to a tape and run over every data row per iteration. The loss with data
//! is the mean of the expression over the rows.

use crate::analysis::derivative::derivative;
use crate::engine::expr::Expr;
use crate::ml::data::Data;
use crate::numeric::tape::{Column, Reg, Tape};
use std::fmt;

/// Increases of the loss in a row that count as divergence.
const GROWING: usize = 10;

#[derive(Debug, Clone)]
pub struct Step {
    pub iteration: usize,
    pub point: Vec<f64>,
    pub loss: f64,
    pub gradient: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Stop {
    /// All the iterations asked for were run.
    Iterations,
    /// The gradient's norm fell below the tolerance.
    Converged,
    /// The loss became non-finite or kept growing.
    Diverged(String),
}

#[derive(Debug)]
pub struct DescentError(pub String);

impl fmt::Display for DescentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DescentError {}

/// The loss and its gradient, compiled, with the data they run over.
pub struct Objective {
    pub params: Vec<String>,
    pub gradient: Vec<Expr>,
    tape: Tape,
    data: Option<Data>,
    work: std::cell::RefCell<Vec<Reg>>,
}

impl Objective {
    /// `params` are the variables to move; every other variable of the
    /// loss must be a column of `data`.
    pub fn new(loss: &Expr, params: Vec<String>, data: Option<Data>) -> Result<Objective, DescentError> {
        let others: Vec<String> =
            loss.variables().iter().map(|v| v.to_string()).filter(|v| !params.contains(v)).collect();
        for v in &others {
            let found = data.as_ref().is_some_and(|d| d.column(v).is_some());
            if !found {
                let why = match &data {
                    Some(d) => format!(
                        "{v} is neither a parameter nor a column of the data ({})",
                        d.names.join(", ")
                    ),
                    None => format!("{v} has no value: name it in --from, or give --data with a column {v}"),
                };
                return Err(DescentError(why));
            }
        }
        let gradient = params
            .iter()
            .map(|p| derivative(loss, p))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| DescentError(e.to_string()))?;
        let mut outputs = vec![loss.clone()];
        outputs.extend(gradient.iter().cloned());
        let mut inputs = params.clone();
        inputs.extend(others);
        let tape = Tape::compile(&outputs, &inputs);
        Ok(Objective { params, gradient, tape, data, work: Default::default() })
    }

    /// Mean loss and mean gradient at `point`.
    pub fn evaluate(&self, point: &[f64]) -> (f64, Vec<f64>) {
        let rows = self.data.as_ref().map_or(1, |d| d.rows);
        let columns: Vec<&[f64]> = self.tape.inputs[self.params.len()..]
            .iter()
            .filter_map(|name| self.data.as_ref().and_then(|d| d.column(name)))
            .collect();
        let n = self.params.len();
        let input = |i: usize| if i < n { Column::Scalar(point[i]) } else { Column::Values(columns[i - n]) };
        let means = self.tape.means(rows, &input, &mut self.work.borrow_mut());
        (means[0], means[1..].to_vec())
    }
}

/// Run at most `iterations` steps from `start`.
pub fn descend(
    objective: &Objective,
    start: Vec<f64>,
    rate: f64,
    iterations: usize,
    tolerance: f64,
) -> (Vec<Step>, Stop) {
    let mut point = start;
    let mut steps = Vec::with_capacity(iterations.min(100_000) + 1);
    let mut growing = 0;
    for iteration in 0..=iterations {
        let (loss, gradient) = objective.evaluate(&point);
        let norm = gradient.iter().map(|g| g * g).sum::<f64>().sqrt();
        let previous = steps.last().map(|s: &Step| s.loss);
        steps.push(Step { iteration, point: point.clone(), loss, gradient: gradient.clone() });
        if !loss.is_finite() || !norm.is_finite() {
            return (
                steps,
                Stop::Diverged(format!("the loss is no longer a finite number at iteration {iteration}")),
            );
        }
        growing = if previous.is_some_and(|p| loss > p) { growing + 1 } else { 0 };
        if growing >= GROWING {
            return (steps, Stop::Diverged(format!("the loss grew {GROWING} iterations in a row")));
        }
        if norm < tolerance {
            return (steps, Stop::Converged);
        }
        if iteration == iterations {
            break;
        }
        for (p, g) in point.iter_mut().zip(&gradient) {
            *p -= rate * g;
        }
    }
    (steps, Stop::Iterations)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::parse::parse;

    #[test]
    fn finds_the_minimum_of_a_parabola() {
        let o = Objective::new(&parse("(w - 3)^2").unwrap(), vec!["w".into()], None).unwrap();
        let (steps, stop) = descend(&o, vec![0.0], 0.1, 100, 1e-12);
        assert_eq!(stop, Stop::Iterations);
        assert!((steps.last().unwrap().point[0] - 3.0).abs() < 1e-8);
    }

    #[test]
    fn a_large_rate_diverges() {
        let o = Objective::new(&parse("(w - 3)^2").unwrap(), vec!["w".into()], None).unwrap();
        let (steps, stop) = descend(&o, vec![0.0], 1.5, 5000, 1e-12);
        assert!(matches!(stop, Stop::Diverged(_)));
        assert!(steps.len() < 50);
    }

    #[test]
    fn fits_a_line() {
        let rows: String = (0..50)
            .map(|i| {
                let x = i as f64 / 10.0;
                format!("{x},{}\n", 2.0 * x + 1.0)
            })
            .collect();
        let data = Data::read(format!("x,y\n{rows}").as_bytes(), "t").unwrap();
        let o = Objective::new(&parse("(w*x + b - y)^2").unwrap(), vec!["w".into(), "b".into()], Some(data))
            .unwrap();
        let (steps, _) = descend(&o, vec![0.0, 0.0], 0.05, 5000, 1e-12);
        let p = &steps.last().unwrap().point;
        assert!((p[0] - 2.0).abs() < 1e-6 && (p[1] - 1.0).abs() < 1e-6, "{p:?}");
    }
}
