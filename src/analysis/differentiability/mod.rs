//! Is f differentiable at a? Decided from one-sided limits that the judge
//! (`crate::limits`) computes exactly by series where it can, and from
//! labelled numeric evidence where it cannot: the limits of f from each
//! side, f(a) in the domain as written, and, where f is continuous, the
//! limits of the difference quotient (f(x) − f(a))/(x − a).

use crate::analysis::kinks::{active_kink, has_active_kink};
use crate::analysis::limits::{self, Limit, Method, Target};
use crate::engine::domain::{Formula, Membership};
use crate::engine::expr::Expr;
use crate::engine::point::Point;
use crate::engine::simplify::int;
use crate::numeric::eval::substitute;
use std::collections::HashMap;
use std::fmt;

pub mod scan;
pub use scan::scan;

/// DESIGN.md §5.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Differentiable,
    Corner,
    Cusp,
    VerticalTangent,
    Jump,
    Removable,
    Infinite,
    Oscillating,
    Endpoint,
    Undefined,
    /// Not a verdict: the judge could not decide within its work budget.
    Undecided,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Differentiable => "differentiable",
            Kind::Corner => "corner",
            Kind::Cusp => "cusp",
            Kind::VerticalTangent => "vertical-tangent",
            Kind::Jump => "jump",
            Kind::Removable => "removable",
            Kind::Infinite => "infinite",
            Kind::Oscillating => "oscillating",
            Kind::Endpoint => "endpoint",
            Kind::Undefined => "undefined",
            Kind::Undecided => "undecided",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Verdict {
    pub var: String,
    pub at: Expr,
    /// f(a), where a lies in the domain as written.
    pub value: Option<Expr>,
    pub left: Limit,
    pub right: Limit,
    pub continuous: bool,
    pub left_derivative: Option<Limit>,
    pub right_derivative: Option<Limit>,
    /// f'(a): exact, or approximate when only numeric evidence decided it.
    pub derivative: Option<Limit>,
    pub kind: Kind,
    /// Exact when every limit behind the verdict was decided exactly.
    pub method: Method,
    /// What could not be decided, when the kind is `Undecided`.
    pub unsure: Option<Unsure>,
    /// What autodiff frameworks return at the kink behind a corner.
    pub autodiff: Option<&'static str>,
    /// Whether `at` only approximates the point (a root known within
    /// 10⁻⁴⁰ that has no closed form): it is then shown as a decimal.
    pub approximate_at: bool,
}

/// The question the judge could not settle within its budget.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unsure {
    Defined,
    Limit,
    LimitsAgree,
    Derivatives,
    DerivativesAgree,
}

impl Verdict {
    pub fn differentiable(&self) -> bool {
        self.kind == Kind::Differentiable
    }

    /// f'(a) as an exact value, when it exists and is known exactly.
    pub fn exact_derivative(&self) -> Option<&Expr> {
        match &self.derivative {
            Some(Limit::Finite(e)) => Some(e),
            _ => None,
        }
    }
}

/// f at a point of the domain as written, exactly; `None` outside it.
pub fn value_at(f: &Formula, point: &HashMap<String, Expr>) -> Result<Option<Expr>, Undecided> {
    match f.domain.at(point) {
        Membership::Inside => {}
        Membership::Outside(_) => return Ok(None),
        Membership::Unknown(_) => return Err(Undecided),
    }
    // Inside the domain as written the value exists, even where it is too
    // large for any float (e^(e^96)).
    let v = substitute(&f.expr, point);
    Ok((!v.has_division_by_zero()).then_some(v))
}

/// The domain or a limit could not be decided within the work budget.
#[derive(Clone, Copy, Debug)]
pub struct Undecided;

/// Decide differentiability of `f` (in `var_name`, other variables fixed)
/// at `a`, from the judge's one-sided limits.
pub fn check(f: &Formula, var_name: &str, fixed: &Point, a: &Expr) -> Verdict {
    let mut at_a = fixed.exact();
    at_a.insert(var_name.to_string(), a.clone());
    let target = Target::Point(a.clone());
    let slope = smooth_slope(f, var_name, &at_a);
    let (left, right) = if slope.is_some() {
        // Smooth around a: continuous, and f'(a) comes from the formula.
        let none = limits::Found { limit: Limit::Unknown, method: Method::Exact };
        (none.clone(), none)
    } else {
        (
            limits::one_sided(f, var_name, fixed, &target, -1),
            limits::one_sided(f, var_name, fixed, &target, 1),
        )
    };
    let mut method = if left.method == Method::Exact && right.method == Method::Exact {
        Method::Exact
    } else {
        Method::Numeric
    };
    let (left, right) = (left.limit, right.limit);
    let mut v = Verdict {
        var: var_name.to_string(),
        at: a.clone(),
        value: None,
        left,
        right,
        continuous: false,
        left_derivative: None,
        right_derivative: None,
        derivative: None,
        kind: Kind::Undecided,
        method,
        unsure: None,
        autodiff: None,
        approximate_at: false,
    };
    let value = match value_at(f, &at_a) {
        Ok(value) => value,
        Err(Undecided) => {
            v.unsure = Some(Unsure::Defined);
            return v;
        }
    };
    if let Some(fa) = &value
        && let Some(slope) = slope
    {
        // Smooth around a: f is continuous there and f'(a) is the
        // derivative formula's value.
        let (fa, slope) = (Limit::Finite(fa.clone()), Limit::Finite(slope));
        v.value = value.clone();
        (v.left, v.right, v.continuous) = (fa.clone(), fa, true);
        v.left_derivative = Some(slope.clone());
        v.right_derivative = Some(slope.clone());
        v.kind = Kind::Differentiable;
        v.method = Method::Exact;
        v.derivative = Some(slope);
        return v;
    }
    v.value = value.clone();
    let fa_limit = value.clone().map(Limit::Finite);
    let undecided = |v: &mut Verdict, what: Unsure| {
        v.kind = Kind::Undecided;
        v.unsure = Some(what);
    };
    match (&v.left, &v.right, &fa_limit) {
        (Limit::Unknown, _, _) | (_, Limit::Unknown, _) => undecided(&mut v, Unsure::Limit),
        (Limit::Undefined, Limit::Undefined, _) => {
            v.kind = if value.is_some() { Kind::Endpoint } else { Kind::Undefined };
        }
        (Limit::Undefined, _, _) | (_, Limit::Undefined, _) => v.kind = Kind::Endpoint,
        (l, r, _) if l.is_infinite() || r.is_infinite() => v.kind = Kind::Infinite,
        (Limit::Oscillates, _, _) | (_, Limit::Oscillates, _) => v.kind = Kind::Oscillating,
        (l, r, fa) => match (l.same(r), fa.as_ref().map(|fa| l.same(fa))) {
            (None, _) | (_, Some(None)) => undecided(&mut v, Unsure::LimitsAgree),
            (Some(false), _) => v.kind = Kind::Jump,
            (Some(true), None) | (Some(true), Some(Some(false))) => v.kind = Kind::Removable,
            (Some(true), Some(Some(true))) => {
                v.continuous = true;
                let fa = value.clone().unwrap_or_else(|| int(0));
                derivatives(f, var_name, fixed, a, &fa, &mut v);
                method = v.method;
            }
        },
    }
    v.method = method;
    v
}

/// The one-sided derivatives of a function continuous at a, as limits of
/// the difference quotient, and the kind they make.
fn derivatives(f: &Formula, var_name: &str, fixed: &Point, a: &Expr, fa: &Expr, v: &mut Verdict) {
    let left = limits::one_sided_derivative(f, var_name, fixed, a, fa, -1);
    let right = limits::one_sided_derivative(f, var_name, fixed, a, fa, 1);
    if left.method == Method::Numeric || right.method == Method::Numeric {
        v.method = Method::Numeric;
    }
    let (left, right) = (left.limit, right.limit);
    let kind = match (&left, &right) {
        (Limit::Unknown, _) | (_, Limit::Unknown) => {
            v.unsure = Some(Unsure::Derivatives);
            Kind::Undecided
        }
        (l, r) if l.is_value() && r.is_value() => match l.same(r) {
            Some(true) => {
                v.derivative = Some(l.clone());
                Kind::Differentiable
            }
            Some(false) => Kind::Corner,
            None => {
                v.unsure = Some(Unsure::DerivativesAgree);
                Kind::Undecided
            }
        },
        (l, r) if l.is_infinite() && r.is_infinite() && l == r => Kind::VerticalTangent,
        (l, r) if l.is_infinite() && r.is_infinite() => Kind::Cusp,
        (Limit::Oscillates, _) | (_, Limit::Oscillates) => Kind::Oscillating,
        _ => Kind::Corner,
    };
    v.kind = kind;
    let mut at_a = fixed.clone();
    at_a.values.push((var_name.to_string(), a.clone()));
    if kind == Kind::Corner {
        v.autodiff = autodiff_note(&f.expr, &at_a);
    }
    v.left_derivative = Some(left);
    v.right_derivative = Some(right);
}

/// What frameworks do at the kink of the function that makes the corner.
pub fn autodiff_note(f: &Expr, at: &Point) -> Option<&'static str> {
    active_kink(f, &at.exact(), |func| func.def().autodiff.is_some()).and_then(|func| func.def().autodiff)
}

/// f'(a) for `f` in `var` at `point` (which gives every variable a value):
/// the derivative formula's value where f is smooth around the point (no
/// kink, junction or domain edge there), otherwise the verdict of the
/// one-sided limits. `Err` carries the verdict when f'(a) does not exist
/// or could not be decided.
pub fn derivative_at(f: &Formula, df: &Expr, var: &str, point: &Point) -> Result<Limit, Box<Verdict>> {
    let exact = point.exact();
    if smooth_at(f, &exact)
        && let Some(value) = formula_value(df, &exact)
    {
        return Ok(Limit::Finite(value));
    }
    let fixed = Point { values: point.values.iter().filter(|(n, _)| n != var).cloned().collect() };
    let a = exact.get(var).cloned().unwrap_or_else(|| int(0));
    let verdict = check(f, var, &fixed, &a);
    match &verdict.derivative {
        Some(d) if verdict.differentiable() => Ok(d.clone()),
        _ => Err(Box::new(verdict)),
    }
}

/// f'(a) from the derivative formula, where f is smooth around a.
fn smooth_slope(f: &Formula, var: &str, point: &HashMap<String, Expr>) -> Option<Expr> {
    if !smooth_at(f, point) {
        return None;
    }
    let df = crate::derivative(&f.expr, var).ok()?;
    formula_value(&df, point)
}

/// The derivative formula at the point, when it is defined there (the
/// caller has checked that f is smooth around the point, so only a
/// division by zero in the formula itself can be in the way).
fn formula_value(df: &Expr, point: &HashMap<String, Expr>) -> Option<Expr> {
    let v = substitute(df, point);
    (!v.has_division_by_zero()).then_some(v)
}

/// Whether f is smooth on a neighbourhood of the point: strictly inside
/// its domain, no kinked function at its kink, no piecewise condition on
/// its boundary.
fn smooth_at(f: &Formula, point: &HashMap<String, Expr>) -> bool {
    f.domain.strictly_inside(point)
        && !has_active_kink(&f.expr, point)
        && !crate::analysis::kinks::at_junction(&f.expr, point)
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.name(), crate::render::present::verdict_reason(self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::parse::parse_formula as parse;
    use crate::render::plain;

    fn kind_at(f: &str, a: &str) -> (Kind, Verdict) {
        let v =
            check(&parse(f).unwrap(), "x", &Point::default(), &crate::engine::parse::parse_value(a).unwrap());
        (v.kind, v)
    }

    #[test]
    fn the_vocabulary() {
        let cases = [
            ("abs(x)", "0", Kind::Corner),
            ("abs(x)", "1", Kind::Differentiable),
            ("relu(x)", "0", Kind::Corner),
            ("x*abs(x)", "0", Kind::Differentiable),
            ("cbrt(x)", "0", Kind::VerticalTangent),
            ("x^(2/3)", "0", Kind::Cusp),
            ("x^(4/3)", "0", Kind::Differentiable),
            ("sign(x)", "0", Kind::Jump),
            ("floor(x)", "2", Kind::Jump),
            ("floor(x)", "2.5", Kind::Differentiable),
            ("1/x", "0", Kind::Infinite),
            ("sin(x)/x", "0", Kind::Removable),
            ("sqrt(x)", "0", Kind::Endpoint),
            ("ln(x)", "-1", Kind::Undefined),
            ("sin(1/x)", "0", Kind::Oscillating),
            ("x^2", "0", Kind::Differentiable),
            ("sigmoid(x)", "0", Kind::Differentiable),
            ("abs(x-3)", "3", Kind::Corner),
            ("max(x, 2)", "2", Kind::Corner),
        ];
        for (f, a, kind) in cases {
            let (got, v) = kind_at(f, a);
            assert_eq!(got, kind, "{f} at {a}: {v}");
        }
    }

    #[test]
    fn scans_find_every_bad_point() {
        let f = parse("abs(x-1) + relu(x+2)").unwrap();
        let found = scan(&f, "x", &Point::default(), &int(-3), &int(3), 100).points;
        let at: Vec<(String, Kind)> = found.iter().map(|v| (plain(&v.at), v.kind)).collect();
        assert_eq!(at, [("-2".to_string(), Kind::Corner), ("1".to_string(), Kind::Corner)]);
        let found = scan(
            &parse("floor(x)").unwrap(),
            "x",
            &Point::default(),
            &crate::engine::parse::parse("0.5").unwrap(),
            &crate::engine::parse::parse("3.5").unwrap(),
            100,
        )
        .points;
        let at: Vec<String> = found.iter().map(|v| format!("{} {}", plain(&v.at), v.kind.name())).collect();
        assert_eq!(at, ["1 jump", "2 jump", "3 jump"]);
        let smooth = scan(&parse("x^3 - x").unwrap(), "x", &Point::default(), &int(-5), &int(5), 100);
        assert!(smooth.points.is_empty() && smooth.undefined.is_empty() && smooth.uncertified.is_empty());
    }

    #[test]
    fn one_sided_values_are_exact() {
        let (_, v) = kind_at("abs(x)", "0");
        assert_eq!(crate::render::present::limit_text(&v.left_derivative.unwrap()), "-1");
        assert_eq!(crate::render::present::limit_text(&v.right_derivative.unwrap()), "1");
        let (_, v) = kind_at("relu(x)", "0");
        assert!(v.autodiff.is_some_and(|n| n.contains("relu'(0) = 0")), "{v}");
        let (_, v) = kind_at("sigmoid(x)", "0");
        assert_eq!(crate::render::present::limit_text(&v.derivative.unwrap()), "1/4");
        let (_, v) = kind_at("x*abs(x)", "0");
        assert_eq!(crate::render::present::limit_text(&v.derivative.unwrap()), "0");
    }
}
