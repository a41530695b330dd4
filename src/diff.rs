//! Symbolic differentiation. The rules for operators live here; the rules
//! for functions live in their table entries (`functions.rs`). Results are
//! memoised per node so shared subtrees are differentiated once.

use crate::expr::{Expr, Kind, take_depth_overflow};
use crate::functions::Function;
use crate::simplify::{add, func, int, mul, pow};
use std::collections::HashMap;
use std::fmt;

/// Most steps differentiation may take (over all orders) before it gives
/// up: keeps `--order 100` of `tan(x)^x` from eating all memory and time
/// (DESIGN.md §6).
const MAX_WORK: usize = 2_000_000;

/// Largest derivative, in printed nodes, that is returned.
pub const MAX_TREE_SIZE: u64 = 5_000_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffError {
    TooLarge,
    TooDeep,
}

impl fmt::Display for DiffError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DiffError::TooLarge => write!(f, "the derivative is too large to build"),
            DiffError::TooDeep => write!(f, "the derivative is nested too deeply"),
        }
    }
}

impl std::error::Error for DiffError {}

struct Differentiator<'a> {
    var: &'a str,
    memo: HashMap<*const (), Expr>,
    work: usize,
}

/// d/d`var` of `e`, simplified.
pub fn derivative(e: &Expr, var: &str) -> Result<Expr, DiffError> {
    nth_derivative(e, var, 1)
}

/// The `order`-th derivative.
pub fn nth_derivative(e: &Expr, var: &str, order: u32) -> Result<Expr, DiffError> {
    take_depth_overflow();
    let mut d = Differentiator { var, memo: HashMap::new(), work: 0 };
    let mut result = e.clone();
    for _ in 0..order {
        d.memo.clear();
        result = crate::tidy::tidy(&d.diff(&result)?);
        if take_depth_overflow() {
            return Err(DiffError::TooDeep);
        }
        if result.tree_size() > MAX_TREE_SIZE {
            return Err(DiffError::TooLarge);
        }
    }
    Ok(result)
}

impl Differentiator<'_> {
    fn diff(&mut self, e: &Expr) -> Result<Expr, DiffError> {
        // The bloom test is enough: an expression that only seems to
        // depend on the variable differentiates to 0 all the same.
        if !e.may_contain(self.var) {
            return Ok(int(0));
        }
        let key = e.node_ptr();
        if let Some(done) = self.memo.get(&key) {
            return Ok(done.clone());
        }
        self.work += 1;
        if self.work > MAX_WORK {
            return Err(DiffError::TooLarge);
        }
        let result = match e.kind() {
            Kind::Var(_) => int(1),
            Kind::Num(_) | Kind::Const(_) => int(0),
            Kind::Add(terms) => add(terms.iter().map(|t| self.diff(t)).collect::<Result<_, _>>()?),
            Kind::Mul(factors) => self.product(factors)?,
            Kind::Pow(b, x) => self.power(b, x)?,
            Kind::Func(f, args) => self.chain(*f, args)?,
        };
        self.work += 1;
        self.memo.insert(key, result.clone());
        Ok(result)
    }

    /// Product rule over n factors: Σ f_i' · Π_{j≠i} f_j, skipping the
    /// factors free of the variable.
    fn product(&mut self, factors: &[Expr]) -> Result<Expr, DiffError> {
        let mut terms = Vec::new();
        for (i, f) in factors.iter().enumerate() {
            let df = self.diff(f)?;
            if df.is_zero() {
                continue;
            }
            self.work += factors.len();
            let mut rest: Vec<Expr> = Vec::with_capacity(factors.len());
            rest.extend(factors[..i].iter().cloned());
            rest.push(df);
            rest.extend(factors[i + 1..].iter().cloned());
            terms.push(mul(rest));
        }
        Ok(add(terms))
    }

    /// Power rule, exponential rule, or the general power b^x·(x'·ln b + x·b'/b).
    fn power(&mut self, b: &Expr, x: &Expr) -> Result<Expr, DiffError> {
        let db = self.diff(b)?;
        let dx = self.diff(x)?;
        let ln = Function::builtin("ln");
        let whole = pow(b, x);
        Ok(if dx.is_zero() {
            let lowered = pow(b, &add(vec![x.clone(), int(-1)]));
            mul(vec![x.clone(), lowered, db])
        } else if db.is_zero() {
            mul(vec![whole, func(ln, vec![b.clone()]), dx])
        } else {
            let by_exponent = mul(vec![dx, func(ln, vec![b.clone()])]);
            let by_base = mul(vec![x.clone(), db, pow(b, &int(-1))]);
            mul(vec![whole, add(vec![by_exponent, by_base])])
        })
    }

    /// Chain rule with the partial derivatives from the function's table entry.
    fn chain(&mut self, f: Function, args: &[Expr]) -> Result<Expr, DiffError> {
        let partials = (f.def().derivative)(args);
        let mut terms = Vec::with_capacity(args.len());
        for (arg, outer) in args.iter().zip(partials) {
            let inner = self.diff(arg)?;
            if !inner.is_zero() {
                terms.push(mul(vec![outer, inner]));
            }
        }
        Ok(add(terms))
    }
}
