//! Numbers from expressions: exact substitution and f64 evaluation,
//! arbitrary precision with every digit right, the compiled tape, and
//! figures sampled for plotting.

pub mod eval;
pub mod figure;
pub mod interval;
pub mod precise;
pub mod tape;
