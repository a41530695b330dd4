//! A flat evaluation form: an expression DAG compiled once into a list of
//! operations over registers, each register a column of values (one per
//! data row). Gradient descent runs the same tape thousands of times over
//! thousands of rows; walking the tree each time would be far slower.

use crate::eval::rational_power;
use crate::expr::{Constant, Expr, Kind};
use crate::functions::Function;
use crate::number;
use std::collections::HashMap;

#[derive(Debug, Clone)]
enum Op {
    Const(f64),
    /// An input: a parameter (the same in every row) or a data column.
    Input(usize),
    Sum(Vec<usize>),
    Product(Vec<usize>),
    PowInt(usize, i32),
    PowRational(usize, number::Rational),
    Pow(usize, usize),
    Call(Function, Vec<usize>),
}

/// Compiled outputs over named inputs.
pub struct Tape {
    ops: Vec<Op>,
    pub inputs: Vec<String>,
    outputs: Vec<usize>,
}

impl Tape {
    /// Compile `outputs`, which may share subexpressions (each is computed once).
    pub fn compile(outputs: &[Expr], inputs: &[String]) -> Tape {
        let mut c = Compiler { ops: Vec::new(), memo: HashMap::new(), inputs };
        let outputs = outputs.iter().map(|e| c.reg(e)).collect();
        Tape { ops: c.ops, inputs: inputs.to_vec(), outputs }
    }

    /// Evaluate every output for `rows` rows; `input(i)` gives input i's
    /// column (length `rows`) or a single value for all rows.
    pub fn run<'a>(&self, rows: usize, input: &dyn Fn(usize) -> Column<'a>) -> Vec<Vec<f64>> {
        let mut regs: Vec<Vec<f64>> = Vec::with_capacity(self.ops.len());
        for op in &self.ops {
            let col = match op {
                Op::Const(v) => vec![*v; rows],
                Op::Input(i) => match input(*i) {
                    Column::Scalar(v) => vec![v; rows],
                    Column::Values(vs) => vs.to_vec(),
                },
                Op::Sum(args) => fold(&regs, args, rows, 0.0, |a, b| a + b),
                Op::Product(args) => fold(&regs, args, rows, 1.0, |a, b| a * b),
                Op::PowInt(b, n) => regs[*b].iter().map(|x| x.powi(*n)).collect(),
                Op::PowRational(b, q) => {
                    regs[*b].iter().map(|x| rational_power(*x, q).unwrap_or(f64::NAN)).collect()
                }
                Op::Pow(b, e) => regs[*b].iter().zip(&regs[*e]).map(|(x, y)| real_pow(*x, *y)).collect(),
                Op::Call(f, args) => {
                    let eval = f.def().eval;
                    let mut buf = vec![0.0; args.len()];
                    (0..rows)
                        .map(|r| {
                            for (slot, a) in buf.iter_mut().zip(args) {
                                *slot = regs[*a][r];
                            }
                            eval(&buf).unwrap_or(f64::NAN)
                        })
                        .collect()
                }
            };
            regs.push(col);
        }
        self.outputs.iter().map(|o| regs[*o].clone()).collect()
    }
}

/// An input's values: one for every row, or a column.
pub enum Column<'a> {
    Scalar(f64),
    Values(&'a [f64]),
}

fn fold(regs: &[Vec<f64>], args: &[usize], rows: usize, start: f64, op: fn(f64, f64) -> f64) -> Vec<f64> {
    let mut acc = vec![start; rows];
    for a in args {
        for (x, y) in acc.iter_mut().zip(&regs[*a]) {
            *x = op(*x, *y);
        }
    }
    acc
}

fn real_pow(x: f64, y: f64) -> f64 {
    if x < 0.0 && y.fract() != 0.0 { f64::NAN } else { x.powf(y) }
}

struct Compiler<'a> {
    ops: Vec<Op>,
    memo: HashMap<*const (), usize>,
    inputs: &'a [String],
}

impl Compiler<'_> {
    fn reg(&mut self, e: &Expr) -> usize {
        if let Some(r) = self.memo.get(&e.node_ptr()) {
            return *r;
        }
        let op = match e.kind() {
            Kind::Num(q) => Op::Const(number::to_f64(q)),
            Kind::Const(Constant::Pi) => Op::Const(std::f64::consts::PI),
            Kind::Const(Constant::E) => Op::Const(std::f64::consts::E),
            Kind::Var(name) => match self.inputs.iter().position(|i| **i == **name) {
                Some(i) => Op::Input(i),
                None => Op::Const(f64::NAN),
            },
            Kind::Add(items) => Op::Sum(items.iter().map(|t| self.reg(t)).collect()),
            Kind::Mul(items) => Op::Product(items.iter().map(|t| self.reg(t)).collect()),
            Kind::Pow(b, x) => {
                let base = self.reg(b);
                match x.as_num() {
                    Some(q) => match number::to_i64(q).and_then(|n| i32::try_from(n).ok()) {
                        Some(n) => Op::PowInt(base, n),
                        None => Op::PowRational(base, q.clone()),
                    },
                    None => Op::Pow(base, self.reg(x)),
                }
            }
            Kind::Func(f, args) => Op::Call(*f, args.iter().map(|a| self.reg(a)).collect()),
        };
        self.ops.push(op);
        let r = self.ops.len() - 1;
        self.memo.insert(e.node_ptr(), r);
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse;

    #[test]
    fn columns_and_scalars() {
        let e = parse("(w*x + b - y)^2").unwrap();
        let inputs: Vec<String> = ["w", "b", "x", "y"].map(String::from).to_vec();
        let tape = Tape::compile(&[e], &inputs);
        let xs = [1.0, 2.0];
        let ys = [3.0, 5.0];
        let out = tape.run(2, &|i| match i {
            0 => Column::Scalar(2.0),
            1 => Column::Scalar(0.0),
            2 => Column::Values(&xs),
            _ => Column::Values(&ys),
        });
        assert_eq!(out[0], [1.0, 1.0]);
    }
}
