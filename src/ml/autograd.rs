//! Reverse-mode automatic differentiation shown as a tape, the way PyTorch
//! (`loss.backward()`) and JAX (`jax.grad`) compute gradients: a forward
//! pass records every operation with its value, then a backward pass
//! carries each node's adjoint ∂f/∂node from the output to the inputs,
//! multiplying by each operation's local derivative. Local derivatives of
//! functions come from the function table (the one place that knows them).

use crate::analysis::derivative::derivative;
use crate::engine::expr::{Expr, Kind};
use crate::engine::functions::Function;
use crate::engine::simplify::{func, var};
use crate::numeric::eval::{DomainError, evaluate, evaluate_shared};
use std::collections::HashMap;

/// One recorded operation.
#[derive(Clone, Debug)]
pub struct Node {
    pub id: usize,
    /// `input`, `const`, `add`, `mul`, `pow`, `if`, or a function's name.
    pub op: String,
    /// The variable's name, for inputs.
    pub name: Option<String>,
    pub inputs: Vec<usize>,
    pub value: f64,
    pub adjoint: f64,
    /// The local derivative rule, for each input in order.
    pub rule: String,
    /// A function evaluated exactly on its kink (its rule is a convention).
    pub kink: Option<Function>,
}

/// Forward and backward pass of `f` at `values`.
pub fn record(f: &Expr, values: &HashMap<String, f64>) -> Result<Vec<Node>, DomainError> {
    let mut tape =
        Recorder { nodes: Vec::new(), ids: HashMap::new(), exprs: Vec::new(), values: HashMap::new() };
    tape.forward(f, values)?;
    tape.backward()?;
    Ok(tape.nodes)
}

struct Recorder {
    nodes: Vec<Node>,
    ids: HashMap<*const (), usize>,
    exprs: Vec<Expr>,
    /// Values by node, shared by every node's evaluation.
    values: HashMap<*const (), f64>,
}

/// The placeholder arguments of a function's local derivative.
fn slot(i: usize) -> String {
    format!("\u{1}u{i}")
}

impl Recorder {
    fn forward(&mut self, e: &Expr, values: &HashMap<String, f64>) -> Result<usize, DomainError> {
        if let Some(&id) = self.ids.get(&e.node_ptr()) {
            return Ok(id);
        }
        let children = e.children();
        let mut inputs = Vec::with_capacity(children.len());
        for c in children.iter() {
            inputs.push(self.forward(c, values)?);
        }
        let (op, name) = match e.kind() {
            Kind::Var(n) => ("input".to_string(), Some(n.to_string())),
            Kind::Num(_) | Kind::Const(_) => ("const".to_string(), None),
            Kind::Add(_) => ("add".to_string(), None),
            Kind::Mul(_) => ("mul".to_string(), None),
            Kind::Pow(..) => ("pow".to_string(), None),
            Kind::Func(f, _) => (f.def().name.to_string(), None),
            Kind::Cmp(..) | Kind::Logic(..) => ("condition".to_string(), None),
            Kind::Piecewise(_) => ("if".to_string(), None),
        };
        // Each node's value from its children's, already in the memo: one pass.
        let value = evaluate_shared(e, values, &mut self.values)?;
        let kink = match e.kind() {
            Kind::Func(f, args) if f.def().kink.is_some() => {
                let exact: Option<Vec<Expr>> = inputs
                    .iter()
                    .map(|&i| {
                        crate::engine::number::from_f64(self.nodes[i].value)
                            .map(crate::engine::simplify::constant)
                    })
                    .collect();
                exact.filter(|a| a.len() == args.len() && f.at_kink(a)).map(|_| *f)
            }
            _ => None,
        };
        let id = self.nodes.len();
        self.nodes.push(Node { id, op, name, inputs, value, adjoint: 0.0, rule: String::new(), kink });
        self.ids.insert(e.node_ptr(), id);
        self.exprs.push(e.clone());
        Ok(id)
    }

    fn backward(&mut self) -> Result<(), DomainError> {
        let Some(last) = self.nodes.last_mut() else { return Ok(()) };
        last.adjoint = 1.0;
        for id in (0..self.nodes.len()).rev() {
            let (locals, rule) = self.local(id)?;
            self.nodes[id].rule = rule;
            let adjoint = self.nodes[id].adjoint;
            let inputs = self.nodes[id].inputs.clone();
            for (input, local) in inputs.into_iter().zip(locals) {
                // 0·anything is 0: an unused branch's NaN does not leak.
                if adjoint != 0.0 && local != 0.0 {
                    self.nodes[input].adjoint += adjoint * local;
                }
            }
        }
        Ok(())
    }

    /// ∂node/∂input for each input, and the rule in words.
    fn local(&self, id: usize) -> Result<(Vec<f64>, String), DomainError> {
        let node = &self.nodes[id];
        let value = |i: usize| self.nodes[node.inputs[i]].value;
        let n = node.inputs.len();
        Ok(match self.exprs[id].kind() {
            Kind::Add(_) => (vec![1.0; n], "∂(a + b + …)/∂a = 1".into()),
            Kind::Mul(_) => {
                let others = (0..n).map(|i| (0..n).filter(|&j| j != i).map(value).product()).collect();
                (others, "∂(a·b·…)/∂a = b·…".into())
            }
            Kind::Pow(_, x) => {
                let (a, b) = (value(0), value(1));
                let by_base = if b == 0.0 { 0.0 } else { b * a.powf(b - 1.0) };
                // A constant exponent needs no ∂/∂b (ln of a negative base).
                let by_exponent = if x.has_variables() { a.powf(b) * a.ln() } else { 0.0 };
                (vec![by_base, by_exponent], "∂(a^b)/∂a = b·a^(b−1), ∂(a^b)/∂b = a^b·ln(a)".into())
            }
            // One-argument kinks (abs, relu, sign, step, floor, ceil) take
            // the frameworks' 0 at the kink; min and max split a tie evenly,
            // which the table's formula already does.
            Kind::Func(f, _) if node.kink.is_some() && n == 1 => {
                (vec![0.0], format!("at the kink: d/du {}(u) taken as 0, as PyTorch does", f.def().name))
            }
            Kind::Func(f, _) => self.function_rule(*f, &(0..n).map(value).collect::<Vec<_>>())?,
            Kind::Piecewise(parts) => {
                // Only the branch taken carries the adjoint.
                let mut locals = vec![0.0; n];
                let chosen =
                    (0..parts.len() / 2).find(|k| value(2 * k) != 0.0).map_or(parts.len() - 1, |k| 2 * k + 1);
                locals[chosen] = 1.0;
                (locals, "the branch taken: ∂/∂branch = 1".into())
            }
            _ => (vec![0.0; n], String::new()),
        })
    }

    /// f's local derivatives from the table's derivative, at the arguments.
    fn function_rule(&self, f: Function, args: &[f64]) -> Result<(Vec<f64>, String), DomainError> {
        let slots: Vec<String> = (0..args.len()).map(slot).collect();
        let call = func(f, slots.iter().map(|s| var(s)).collect());
        let at: HashMap<String, f64> = slots.iter().cloned().zip(args.iter().copied()).collect();
        let mut locals = Vec::with_capacity(args.len());
        let mut rules = Vec::with_capacity(args.len());
        for (i, s) in slots.iter().enumerate() {
            let d = derivative(&call, s).map_err(|e| crate::numeric::eval::domain(e.to_string()))?;
            locals.push(evaluate(&d, &at)?);
            let letter = ["u", "v", "w"].get(i).copied().unwrap_or("u");
            let show = |e: &Expr| {
                let mut text = crate::render::plain(e);
                for (k, s) in slots.iter().enumerate() {
                    text = text.replace(s.as_str(), ["u", "v", "w"].get(k).copied().unwrap_or("u"));
                }
                text
            };
            rules.push(format!("d/d{letter} {} = {}", show(&call), show(&d)));
        }
        Ok((locals, rules.join(", ")))
    }
}
