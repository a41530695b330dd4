//! The differential campaign (tools/campaign) on a small sample: random
//! expressions against SymPy and mpmath for diff, eval, slope rows,
//! secant/tangent lines (checked at points), limits and verdicts. The
//! large campaign is run by hand (its counts are in README.md).

#[test]
fn sympy_and_mpmath_agree_with_every_command() {
    super::sympy_oracle("campaign", 50);
}
