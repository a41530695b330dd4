//! Gradient descent θ ← θ − η·∇L with the symbolic gradient, compiled once
//! to a tape and run over every data row per iteration. The loss with data
//! is the mean of the expression over the rows.

use crate::analysis::derivative::derivative;
use crate::engine::expr::{Expr, Kind};
use crate::engine::functions::Function;
use crate::engine::simplify::constant;
use crate::ml::data::Data;
use crate::numeric::eval::substitute;
use crate::numeric::tape::{Column, Tape, Work};
use std::cell::RefCell;
use std::fmt;

/// Increases of the loss in a row that count as divergence.
const GROWING: usize = 10;

#[derive(Debug, Clone)]
pub struct Step {
    pub iteration: usize,
    pub point: Vec<f64>,
    pub loss: f64,
    pub gradient: Vec<f64>,
    /// The kink the point sits on exactly (its gradient is a convention).
    pub kink: Option<Function>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Stop {
    /// All the iterations asked for were run.
    Iterations,
    /// The gradient's norm fell below the tolerance.
    Converged,
    Diverged(Divergence),
}

/// Why a descent was given up: each names its own cause.
#[derive(Debug, Clone, PartialEq)]
pub enum Divergence {
    /// The loss or its gradient is not a number at the starting point (it
    /// is outside the loss's domain): no rate would help.
    AtStart,
    /// The loss stopped being a finite number at this iteration.
    NotFinite(usize),
    /// The loss grew this many iterations in a row.
    Growing(usize),
}

/// The update rule, with PyTorch's names and defaults (torch.optim).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Optimizer {
    /// θ ← θ − η·g
    Sgd,
    /// v ← μ·v + g; θ ← θ − η·v (torch.optim.SGD with momentum, dampening 0)
    Momentum { momentum: f64 },
    /// Adam with bias correction (torch.optim.Adam).
    Adam { beta1: f64, beta2: f64, eps: f64 },
}

impl Optimizer {
    /// The rate used when none is given: PyTorch's Adam default, and the
    /// usual 0.01 for plain and momentum SGD (PyTorch asks for one).
    pub fn default_rate(self) -> f64 {
        match self {
            Optimizer::Adam { .. } => 0.001,
            _ => 0.01,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Optimizer::Sgd => "sgd",
            Optimizer::Momentum { .. } => "momentum",
            Optimizer::Adam { .. } => "adam",
        }
    }
}

/// How to descend.
#[derive(Debug, Clone)]
pub struct Settings {
    pub rate: f64,
    pub iterations: usize,
    pub tolerance: f64,
    pub optimizer: Optimizer,
    /// Minibatches of this many rows, reshuffled each epoch with this seed.
    pub batch: Option<(usize, u64)>,
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
    /// Kinks whose arguments depend on the parameters alone.
    kinks: Vec<(Function, Vec<Expr>)>,
    /// Work for full-batch calls (the same columns each time), kept apart
    /// from minibatch calls (new columns each time).
    full: std::cell::RefCell<Work>,
    batch: std::cell::RefCell<Work>,
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
                        "{v} is neither a parameter nor a column of {}: its columns are {}",
                        d.source,
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
        inputs.extend(others.iter().cloned());
        let tape = Tape::compile(&outputs, &inputs);
        let kinks = parameter_kinks(loss, &others);
        let full = RefCell::new(Work::keeping());
        Ok(Objective { params, gradient, tape, data, kinks, full, batch: Default::default() })
    }

    pub fn rows(&self) -> usize {
        self.data.as_ref().map_or(1, |d| d.rows)
    }

    /// The data columns the tape reads, in its input order.
    fn columns(&self) -> Vec<&[f64]> {
        self.tape.inputs[self.params.len()..]
            .iter()
            .filter_map(|name| self.data.as_ref().and_then(|d| d.column(name)))
            .collect()
    }

    /// Mean loss and mean gradient at `point` over every row.
    pub fn evaluate(&self, point: &[f64]) -> (f64, Vec<f64>) {
        self.means(point, self.rows(), &self.columns(), &self.full)
    }

    /// Mean loss and gradient over the rows `batch` only.
    fn evaluate_rows(&self, point: &[f64], batch: &[usize]) -> (f64, Vec<f64>) {
        let gathered: Vec<Vec<f64>> =
            self.columns().into_iter().map(|column| batch.iter().map(|&r| column[r]).collect()).collect();
        let columns: Vec<&[f64]> = gathered.iter().map(Vec::as_slice).collect();
        self.means(point, batch.len(), &columns, &self.batch)
    }

    fn means(&self, point: &[f64], rows: usize, columns: &[&[f64]], work: &RefCell<Work>) -> (f64, Vec<f64>) {
        let n = self.params.len();
        let input = |i: usize| if i < n { Column::Scalar(point[i]) } else { Column::Values(columns[i - n]) };
        let means = self.tape.means(rows, &input, &mut work.borrow_mut());
        (means[0], means[1..].to_vec())
    }

    /// The kink `point` sits on exactly, decided with exact numbers (the
    /// f64 iterate is itself an exact binary fraction).
    pub fn kink_at(&self, point: &[f64]) -> Option<Function> {
        if self.kinks.is_empty() {
            return None;
        }
        let mut values = std::collections::HashMap::new();
        for (name, v) in self.params.iter().zip(point) {
            values.insert(name.clone(), crate::engine::number::from_f64(*v).map(constant)?);
        }
        self.kinks.iter().find_map(|(f, args)| {
            let exact: Vec<Expr> = args.iter().map(|a| substitute(a, &values)).collect();
            f.at_kink(&exact).then_some(*f)
        })
    }
}

/// Every call of a function with a kink whose arguments hold no data column.
fn parameter_kinks(loss: &Expr, columns: &[String]) -> Vec<(Function, Vec<Expr>)> {
    let mut found = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut stack = vec![loss.clone()];
    while let Some(e) = stack.pop() {
        if !seen.insert(e.node_ptr()) {
            continue;
        }
        if let Kind::Func(f, args) = e.kind()
            && f.def().kink.is_some()
            && args.iter().all(|a| columns.iter().all(|c| a.free_of(c)))
        {
            found.push((*f, args.to_vec()));
        }
        stack.extend(e.children().iter().cloned());
    }
    found
}

/// The optimizer's running state.
struct State {
    velocity: Vec<f64>,
    second: Vec<f64>,
    t: i32,
}

impl State {
    fn step(&mut self, optimizer: Optimizer, rate: f64, point: &mut [f64], gradient: &[f64]) {
        self.t += 1;
        for (i, (p, g)) in point.iter_mut().zip(gradient).enumerate() {
            match optimizer {
                Optimizer::Sgd => *p -= rate * g,
                Optimizer::Momentum { momentum } => {
                    self.velocity[i] = momentum * self.velocity[i] + g;
                    *p -= rate * self.velocity[i];
                }
                Optimizer::Adam { beta1, beta2, eps } => {
                    self.velocity[i] = beta1 * self.velocity[i] + (1.0 - beta1) * g;
                    self.second[i] = beta2 * self.second[i] + (1.0 - beta2) * g * g;
                    let m = self.velocity[i] / (1.0 - beta1.powi(self.t));
                    let v = self.second[i] / (1.0 - beta2.powi(self.t));
                    *p -= rate * m / (v.sqrt() + eps);
                }
            }
        }
    }
}

/// Minibatches: the rows shuffled once an epoch (Fisher–Yates with
/// SplitMix64, so a seed gives the same batches on every machine).
struct Batches {
    order: Vec<usize>,
    next: usize,
    size: usize,
    random: u64,
}

impl Batches {
    /// `next` starts past the end: the first take shuffles.
    fn new(rows: usize, size: usize, seed: u64) -> Batches {
        Batches { order: (0..rows).collect(), next: rows, size: size.clamp(1, rows.max(1)), random: seed }
    }

    fn next_u64(&mut self) -> u64 {
        self.random = self.random.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.random;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn take(&mut self) -> &[usize] {
        if self.next >= self.order.len() {
            for i in (1..self.order.len()).rev() {
                let j = (self.next_u64() % (i as u64 + 1)) as usize;
                self.order.swap(i, j);
            }
            self.next = 0;
        }
        let start = self.next;
        self.next = (start + self.size).min(self.order.len());
        &self.order[start..self.next]
    }
}

/// Run at most `settings.iterations` steps from `start`. Each row of the
/// trace shows the full loss; with minibatches the step uses one batch's
/// gradient.
pub fn descend(objective: &Objective, start: Vec<f64>, settings: &Settings) -> (Vec<Step>, Stop) {
    let mut point = start;
    let n = point.len();
    let mut steps = Vec::with_capacity(settings.iterations.min(100_000) + 1);
    let mut growing = 0;
    let mut state = State { velocity: vec![0.0; n], second: vec![0.0; n], t: 0 };
    let mut batches = settings.batch.map(|(size, seed)| Batches::new(objective.rows(), size, seed));
    for iteration in 0..=settings.iterations {
        let (loss, gradient) = objective.evaluate(&point);
        let norm = gradient.iter().map(|g| g * g).sum::<f64>().sqrt();
        let previous = steps.last().map(|s: &Step| s.loss);
        let kink = objective.kink_at(&point);
        steps.push(Step { iteration, point: point.clone(), loss, gradient: gradient.clone(), kink });
        if !loss.is_finite() || !norm.is_finite() {
            let why = if iteration == 0 { Divergence::AtStart } else { Divergence::NotFinite(iteration) };
            return (steps, Stop::Diverged(why));
        }
        // Growth counts only above the starting loss: momentum and Adam
        // overshoot and come back, minibatches wobble, neither diverges.
        let above_start = steps.first().is_some_and(|s: &Step| loss > s.loss);
        growing = if above_start && previous.is_some_and(|p| loss > p) { growing + 1 } else { 0 };
        if growing >= GROWING {
            return (steps, Stop::Diverged(Divergence::Growing(GROWING)));
        }
        if norm < settings.tolerance {
            return (steps, Stop::Converged);
        }
        if iteration == settings.iterations {
            break;
        }
        let step_gradient = match &mut batches {
            Some(b) => objective.evaluate_rows(&point, b.take()).1,
            None => gradient,
        };
        state.step(settings.optimizer, settings.rate, &mut point, &step_gradient);
    }
    (steps, Stop::Iterations)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::parse::parse;

    fn sgd(rate: f64, iterations: usize) -> Settings {
        Settings { rate, iterations, tolerance: 1e-12, optimizer: Optimizer::Sgd, batch: None }
    }

    #[test]
    fn finds_the_minimum_of_a_parabola() {
        let o = Objective::new(&parse("(w - 3)^2").unwrap(), vec!["w".into()], None).unwrap();
        let (steps, stop) = descend(&o, vec![0.0], &sgd(0.1, 100));
        assert_eq!(stop, Stop::Iterations);
        assert!((steps.last().unwrap().point[0] - 3.0).abs() < 1e-8);
    }

    #[test]
    fn a_large_rate_diverges() {
        let o = Objective::new(&parse("(w - 3)^2").unwrap(), vec!["w".into()], None).unwrap();
        let (steps, stop) = descend(&o, vec![0.0], &sgd(1.5, 5000));
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
        let (steps, _) = descend(&o, vec![0.0, 0.0], &sgd(0.05, 5000));
        let p = &steps.last().unwrap().point;
        assert!((p[0] - 2.0).abs() < 1e-6 && (p[1] - 1.0).abs() < 1e-6, "{p:?}");
    }

    #[test]
    fn kept_data_values_give_what_a_fresh_evaluation_gives() {
        let data = Data::read("x,y\n1,3\n2,5\n4,6\n".as_bytes(), "t").unwrap();
        let loss = parse("(w*x + b - y)^2 + exp(-y)*w").unwrap();
        let params = vec!["w".to_string(), "b".to_string()];
        let kept = Objective::new(&loss, params.clone(), Some(data.clone())).unwrap();
        for point in [[0.0, 0.0], [1.5, -2.0], [0.25, 3.0]] {
            let fresh = Objective::new(&loss, params.clone(), Some(data.clone())).unwrap();
            assert_eq!(kept.evaluate(&point), fresh.evaluate(&point), "{point:?}");
        }
    }
}
