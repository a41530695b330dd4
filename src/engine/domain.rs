//! The domain as written (DESIGN.md §2): where the input, as typed and
//! before any simplification, is defined. The simplifier cancels `x/x` to
//! 1 the moment it is built, so the parser records each condition as it
//! reads the input (every denominator ≠ 0, ln arguments > 0, even roots
//! ≥ 0, and each function's own conditions from its table entry), and the
//! conditions travel with the expression as a `Formula`.

use crate::engine::expr::Expr;
use crate::engine::functions::Function;
use crate::engine::simplify::truth;
use crate::numeric::eval::substitute;
use crate::numeric::precise;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::rc::Rc;

/// What a condition asks of its expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Need {
    NonZero,
    Positive,
    NonNegative,
}

impl Need {
    pub fn holds(self, sign: Ordering) -> bool {
        match self {
            Need::NonZero => sign.is_ne(),
            Need::Positive => sign.is_gt(),
            Need::NonNegative => sign.is_ge(),
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Need::NonZero => "!=",
            Need::Positive => ">",
            Need::NonNegative => ">=",
        }
    }
}

/// A condition on a function's arguments, from its table entry.
pub type Requirement = (Expr, Need);

/// `expr need 0`, required only where the piecewise branch it sits in is
/// taken: every guard condition has the truth value given.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    pub expr: Expr,
    pub need: Need,
    pub guards: Rc<[(Expr, bool)]>,
}

/// All the conditions of an input.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Domain {
    pub conditions: Vec<Condition>,
}

/// An expression with the domain it was written with.
#[derive(Clone, Debug)]
pub struct Formula {
    pub expr: Expr,
    pub domain: Domain,
}

impl Formula {
    /// An expression built by dcalc itself, defined wherever it evaluates.
    pub fn bare(expr: Expr) -> Formula {
        Formula { expr, domain: Domain::default() }
    }

    /// The same conditions on another expression (a derivative keeps the
    /// conditions of what it came from).
    pub fn with_expr(&self, expr: Expr) -> Formula {
        Formula { expr, domain: self.domain.clone() }
    }
}

/// Whether a point lies in the domain.
#[derive(Clone, Debug, PartialEq)]
pub enum Membership {
    Inside,
    /// The condition that fails there.
    Outside(Condition),
    /// A condition whose truth could not be decided exactly.
    Unknown(Condition),
}

impl Domain {
    /// Add a condition, unless numbers alone already satisfy it.
    pub fn require(&mut self, expr: Expr, need: Need, guards: &Rc<[(Expr, bool)]>) {
        if let Some(q) = expr.as_num()
            && need.holds(q.as_ref().cmp(&crate::engine::number::Rational::ZERO))
        {
            return;
        }
        if need != Need::NonNegative && positive_by_form(&expr)
            || need == Need::NonNegative && nonnegative_by_form(&expr)
        {
            return;
        }
        let c = Condition { expr, need, guards: guards.clone() };
        if !self.conditions.contains(&c) {
            self.conditions.push(c);
        }
    }

    /// Is the point (values for every variable) inside the domain? Decided
    /// exactly: the conditions are evaluated at the exact point.
    pub fn at(&self, point: &HashMap<String, Expr>) -> Membership {
        for c in &self.conditions {
            match c.holds_at(point) {
                Some(true) => {}
                Some(false) => return Membership::Outside(c.clone()),
                None => return Membership::Unknown(c.clone()),
            }
        }
        Membership::Inside
    }
}

impl Domain {
    /// Inside and away from every edge: each condition that applies holds
    /// with room to spare (its expression is not 0 at the point), and no
    /// branch condition sits on its boundary. Where this holds, the
    /// domain contains a neighbourhood of the point.
    pub fn strictly_inside(&self, point: &HashMap<String, Expr>) -> bool {
        self.conditions.iter().all(|c| {
            let guards_clear = c.guards.iter().all(|(g, _)| !crate::analysis::kinks::at_junction(g, point));
            let value = substitute(&c.expr, point);
            guards_clear
                && c.holds_at(point) == Some(true)
                && !value.has_division_by_zero()
                && matches!(precise::sign(&value), Ok(Some(s)) if s != Ordering::Equal)
        })
    }
}

impl Condition {
    /// Whether the condition applies at the point and, if so, holds.
    pub fn holds_at(&self, point: &HashMap<String, Expr>) -> Option<bool> {
        for (guard, wanted) in self.guards.iter() {
            if truth(&substitute(guard, point))? != *wanted {
                return Some(true);
            }
        }
        let value = substitute(&self.expr, point);
        if value.has_division_by_zero() {
            return Some(false);
        }
        // A condition that cannot be evaluated (its value overflows) is
        // not known to fail: the conditions of its own parts, recorded
        // before it, catch real domain errors.
        precise::sign(&value).ok().flatten().map(|sign| self.need.holds(sign))
    }
}

/// Expressions positive wherever they are defined, by their form alone:
/// e^u, cosh u, sigmoid u, positive numbers and π, e, and sums, products
/// and powers of those.
pub(crate) fn positive_by_form(e: &Expr) -> bool {
    use crate::engine::expr::Kind;
    match e.kind() {
        Kind::Num(q) => q.is_positive(),
        Kind::Const(_) => true,
        Kind::Func(f, _) => {
            matches!(*f, Function::EXP | Function::COSH | Function::SIGMOID | Function::SOFTPLUS)
        }
        Kind::Add(items) | Kind::Mul(items) => items.iter().all(positive_by_form),
        Kind::Pow(b, _) => positive_by_form(b),
        _ => false,
    }
}

/// Expressions that are never negative: even powers, abs, and the above.
fn nonnegative_by_form(e: &Expr) -> bool {
    use crate::engine::expr::Kind;
    match e.kind() {
        Kind::Pow(_, x) => x
            .as_num()
            .is_some_and(|q| crate::engine::number::is_integer(&q) && (q.numerator() % 2i32) == 0i32),
        Kind::Func(f, _) => matches!(*f, Function::ABS | Function::RELU) || positive_by_form(e),
        Kind::Add(items) | Kind::Mul(items) => items.iter().all(nonnegative_by_form),
        _ => positive_by_form(e),
    }
}
