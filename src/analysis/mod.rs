//! Analysis: symbolic derivatives, the one judge of limits and f'(a),
//! differentiability verdicts, kinks and junctions, derivations from first
//! principles, and rates of change.

pub mod derivative;
pub mod differentiability;
pub mod first_principles;
pub mod grading;
pub mod kinks;
pub mod limits;
pub mod rates;
pub mod roots;
pub mod tutor;
