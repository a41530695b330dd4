//! dcalc: derivatives from the shell. The library is the core (parse →
//! expression → simplify → differentiate → evaluate) and returns data;
//! only `cli` prints.

pub mod answers;
pub mod cli;
pub mod data;
pub mod definition;
pub mod descent;
pub mod diff;
pub mod differentiability;
pub mod domain;
pub mod error;
pub mod eval;
pub mod expr;
pub mod functions;
pub mod limits;
pub mod number;
pub mod parse;
pub mod plot;
pub mod point;
pub mod precise;
pub mod rates;
pub mod render;
pub mod simplify;
pub mod special;
pub mod tape;
pub mod tidy;

pub use diff::{derivative, nth_derivative};
pub use expr::Expr;
pub use parse::parse;
pub use render::{Style, plain, render};
