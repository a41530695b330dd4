//! The engine: the expression type and the store its nodes live in, exact
//! numbers, the canonicalising constructors (the simplifier), the one table
//! of functions and their exact values, parsing, points, and the domain as
//! written.

pub mod domain;
pub mod error;
pub mod exact_values;
pub mod expr;
pub mod functions;
pub mod node_store;
pub mod number;
pub mod parse;
pub mod point;
pub mod simplify;
pub mod tidy;
