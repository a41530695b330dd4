//! SymPy as an independent oracle for limits: tools/limit-check asks
//! `dcalc limit` and SymPy's `limit` the same random problems (removable
//! singularities, Taylor-like ratios at 0, limits at ±infinity, one-sided
//! infinities and jumps), one side at a time, and compares the answers.

#[test]
fn sympy_agrees_on_random_limits() {
    super::sympy_oracle("limit-check", 300);
}
