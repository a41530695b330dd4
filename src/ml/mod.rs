//! Machine learning: CSV data and gradient descent over it.

pub mod autograd;
pub mod data;
pub mod descent;
