//! A flat evaluation form: an expression DAG compiled once into a list of
//! operations over registers, each register a column of values (one per
//! data row). Gradient descent runs the same tape thousands of times over
//! thousands of rows; walking the tree each time would be far slower.

use crate::engine::expr::{Constant, Expr, Kind};
use crate::engine::functions::Function;
use crate::engine::number;
use crate::numeric::eval::rational_power;
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
    /// 1 where `a rel b` holds, else 0.
    Compare(crate::engine::expr::Rel, Vec<usize>),
    /// 1 where all (And) or any (Or) of the conditions hold.
    Logic(crate::engine::expr::Logic, Vec<usize>),
    /// Piecewise: `[c1, v1, …, otherwise]`, the first value whose condition holds.
    Select(Vec<usize>),
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

    /// The mean over `rows` rows of every output; `input(i)` gives input
    /// i's column (length `rows`) or a single value for all rows. Values
    /// the same in every row stay single numbers; columns reuse `work`'s
    /// buffers from one call to the next.
    pub fn means<'a>(&self, rows: usize, input: &dyn Fn(usize) -> Column<'a>, work: &mut Work) -> Vec<f64> {
        let fresh = work.regs.len() != self.ops.len() || !work.keep;
        if fresh {
            work.regs.resize_with(self.ops.len(), || Reg::Scalar(0.0));
            work.invariant = self.invariants(input);
        }
        let work_regs = &mut work.regs;
        for (i, op) in self.ops.iter().enumerate() {
            // Values of the data alone (a column, −y) are the same on every
            // call over the same rows: computed once, kept.
            if work.keep && !fresh && work.invariant[i] {
                continue;
            }
            let work = &mut *work_regs;
            let mut buf = match std::mem::replace(&mut work[i], Reg::Scalar(0.0)) {
                Reg::Column(mut v) => {
                    v.clear();
                    v
                }
                Reg::Scalar(_) => Vec::new(),
            };
            let regs = &work[..i];
            let value = match op {
                Op::Const(v) => Reg::Scalar(*v),
                Op::Input(k) => match input(*k) {
                    Column::Scalar(v) => Reg::Scalar(v),
                    Column::Values(vs) => {
                        buf.extend_from_slice(vs);
                        Reg::Column(buf)
                    }
                },
                Op::Sum(args) => combine(regs, args, rows, buf, 0.0, |a, b| a + b),
                Op::Product(args) => combine(regs, args, rows, buf, 1.0, |a, b| a * b),
                // Squares are most of a loss: a multiply, not a libm call.
                Op::PowInt(b, 2) => map(&regs[*b], buf, |x| x * x),
                Op::PowInt(b, -1) => map(&regs[*b], buf, |x| 1.0 / x),
                Op::PowInt(b, n) => map(&regs[*b], buf, |x| x.powi(*n)),
                Op::PowRational(b, q) => map(&regs[*b], buf, |x| rational_power(x, q).unwrap_or(f64::NAN)),
                Op::Pow(b, e) => {
                    let (b, e) = (&regs[*b], &regs[*e]);
                    match (b, e) {
                        (Reg::Scalar(x), Reg::Scalar(y)) => Reg::Scalar(real_pow(*x, *y)),
                        _ => {
                            buf.extend((0..rows).map(|r| real_pow(b.at(r), e.at(r))));
                            Reg::Column(buf)
                        }
                    }
                }
                Op::Call(f, args) => {
                    let eval = f.def().eval;
                    rowwise(regs, args, rows, buf, |v| eval(v).unwrap_or(f64::NAN))
                }
                Op::Compare(rel, args) => rowwise(regs, args, rows, buf, |v| {
                    (v[0] - v[1]).partial_cmp(&0.0).map_or(f64::NAN, |s| f64::from(u8::from(rel.holds(s))))
                }),
                Op::Logic(op, args) => rowwise(regs, args, rows, buf, |v| {
                    let holds = match op {
                        crate::engine::expr::Logic::And => v.iter().all(|t| *t != 0.0),
                        crate::engine::expr::Logic::Or => v.iter().any(|t| *t != 0.0),
                    };
                    f64::from(u8::from(holds))
                }),
                Op::Select(args) => rowwise(regs, args, rows, buf, |v| {
                    v.chunks_exact(2).find(|pair| pair[0] != 0.0).map_or(v[v.len() - 1], |pair| pair[1])
                }),
            };
            work[i] = value;
        }
        self.outputs.iter().map(|o| work_regs[*o].mean(rows)).collect()
    }

    /// Which ops depend on data columns and constants only.
    fn invariants<'a>(&self, input: &dyn Fn(usize) -> Column<'a>) -> Vec<bool> {
        let mut invariant: Vec<bool> = Vec::with_capacity(self.ops.len());
        for op in &self.ops {
            let all = |args: &[usize]| args.iter().all(|a| invariant[*a]);
            let value = match op {
                Op::Const(_) => true,
                Op::Input(k) => matches!(input(*k), Column::Values(_)),
                Op::PowInt(b, _) | Op::PowRational(b, _) => invariant[*b],
                Op::Pow(b, e) => invariant[*b] && invariant[*e],
                Op::Sum(args)
                | Op::Product(args)
                | Op::Call(_, args)
                | Op::Compare(_, args)
                | Op::Logic(_, args)
                | Op::Select(args) => all(args),
            };
            invariant.push(value);
        }
        invariant
    }
}

/// Registers reused from one call to the next. With `keep`, every call
/// runs over the same data columns (a full-batch descent), so values that
/// depend on the data alone are computed on the first call only.
#[derive(Default)]
pub struct Work {
    regs: Vec<Reg>,
    invariant: Vec<bool>,
    keep: bool,
}

impl Work {
    /// Work for calls that all run over the same data columns.
    pub fn keeping() -> Work {
        Work { keep: true, ..Work::default() }
    }
}

/// `f` of the arguments' values row by row (once, when all are single values).
fn rowwise(regs: &[Reg], args: &[usize], rows: usize, mut buf: Vec<f64>, f: impl Fn(&[f64]) -> f64) -> Reg {
    let mut vals = vec![0.0; args.len()];
    let mut at = |r: usize| {
        for (slot, a) in vals.iter_mut().zip(args) {
            *slot = regs[*a].at(r);
        }
        f(&vals)
    };
    if args.iter().all(|a| matches!(regs[*a], Reg::Scalar(_))) {
        Reg::Scalar(at(0))
    } else {
        buf.extend((0..rows).map(at));
        Reg::Column(buf)
    }
}

/// A register: one value for every row, or a column of them.
pub enum Reg {
    Scalar(f64),
    Column(Vec<f64>),
}

impl Reg {
    fn at(&self, row: usize) -> f64 {
        match self {
            Reg::Scalar(v) => *v,
            Reg::Column(c) => c[row],
        }
    }

    fn mean(&self, rows: usize) -> f64 {
        match self {
            Reg::Scalar(v) => *v,
            Reg::Column(c) => c.iter().sum::<f64>() / rows as f64,
        }
    }
}

fn map(r: &Reg, mut buf: Vec<f64>, f: impl Fn(f64) -> f64) -> Reg {
    match r {
        Reg::Scalar(v) => Reg::Scalar(f(*v)),
        Reg::Column(c) => {
            buf.extend(c.iter().map(|x| f(*x)));
            Reg::Column(buf)
        }
    }
}

/// An n-ary sum or product: scalars folded first, then the columns.
fn combine(
    regs: &[Reg],
    args: &[usize],
    rows: usize,
    mut buf: Vec<f64>,
    start: f64,
    op: impl Fn(f64, f64) -> f64 + Copy,
) -> Reg {
    let scalar = args
        .iter()
        .filter_map(|a| match regs[*a] {
            Reg::Scalar(v) => Some(v),
            _ => None,
        })
        .fold(start, op);
    let mut columns = args.iter().filter_map(|a| match &regs[*a] {
        Reg::Column(c) => Some(c),
        _ => None,
    });
    let Some(first) = columns.next() else {
        return Reg::Scalar(scalar);
    };
    buf.extend(first.iter().map(|x| op(scalar, *x)));
    for c in columns {
        for (x, y) in buf.iter_mut().zip(c) {
            *x = op(*x, *y);
        }
    }
    debug_assert_eq!(buf.len(), rows);
    Reg::Column(buf)
}

/// An input's values: one for every row, or a column.
pub enum Column<'a> {
    Scalar(f64),
    Values(&'a [f64]),
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
            Kind::Num(q) => Op::Const(q.to_f64()),
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
                    Some(q) => match number::to_i64(&q).and_then(|n| i32::try_from(n).ok()) {
                        Some(n) => Op::PowInt(base, n),
                        None => Op::PowRational(base, q.into_owned()),
                    },
                    None => Op::Pow(base, self.reg(x)),
                }
            }
            Kind::Func(f, args) => Op::Call(*f, args.iter().map(|a| self.reg(a)).collect()),
            Kind::Cmp(rel, sides) => Op::Compare(*rel, sides.iter().map(|a| self.reg(a)).collect()),
            Kind::Logic(op, items) => Op::Logic(*op, items.iter().map(|a| self.reg(a)).collect()),
            Kind::Piecewise(parts) => Op::Select(parts.iter().map(|a| self.reg(a)).collect()),
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
    use crate::engine::parse::parse;

    #[test]
    fn columns_and_scalars() {
        let e = parse("(w*x + b - y)^2").unwrap();
        let inputs: Vec<String> = ["w", "b", "x", "y"].map(String::from).to_vec();
        let tape = Tape::compile(&[e], &inputs);
        let xs = [1.0, 2.0];
        let ys = [3.0, 5.0];
        let out = tape.means(
            2,
            &|i| match i {
                0 => Column::Scalar(2.0),
                1 => Column::Scalar(0.0),
                2 => Column::Values(&xs),
                _ => Column::Values(&ys),
            },
            &mut Work::default(),
        );
        // (2·1 + 0 − 3)² = 1 and (2·2 + 0 − 5)² = 1
        assert_eq!(out, [1.0]);
    }
}
