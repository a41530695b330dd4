//! dcalc: derivatives from the shell. The library is layered: the engine
//! (expressions, numbers, the simplifier, the function table, parsing and
//! the domain as written), analysis (derivatives, the judge of limits,
//! differentiability, first principles, rates of change), numeric
//! evaluation, machine learning, the answers each command computes, and
//! their rendering; only `cli` prints.

pub mod analysis;
pub mod answers;
pub mod cli;
pub mod engine;
#[doc(hidden)]
pub mod fuzzing;
pub mod ml;
pub mod numeric;
pub mod render;

pub use analysis::derivative::{derivative, nth_derivative};
pub use engine::expr::Expr;
pub use engine::parse::parse;
pub use render::{Style, plain, render};
