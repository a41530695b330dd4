//! SymPy as an independent oracle: tools/sympy-check (our copy of
//! ../shared/tools/sympy-check, which survives a SymPy crash on undefined
//! input) differentiates random expressions with both and compares them at
//! sample points.

#[test]
fn sympy_agrees_on_random_expressions() {
    super::sympy_oracle("sympy-check", 300);
}

/// Issue 12: every step of --steps is true, checked one by one by SymPy.
#[test]
fn every_step_of_the_working_is_true() {
    super::sympy_oracle("steps-check", 200);
}
