//! Is f differentiable at a? Decided from one-sided limits, not from a few
//! float samples: f is evaluated exactly or at high precision along
//! a ± 10⁻ᵏ for k = 3, 6, 12, 24, 48, and a convergence test tells a finite
//! limit from ±∞ from oscillation. Finite limits are snapped to the exact
//! value at the point where the expression's structure gives one. Where f
//! is continuous, the one-sided derivatives are the limits of the
//! difference quotient (f(x) − f(a))/(x − a) from each side.

use crate::eval::substitute;
use crate::expr::Expr;
use crate::point::{Point, active_kink, one_sided};
use crate::precise;
use crate::render::plain;
use crate::simplify::{add, constant, int, mul, neg, pow, var};
use std::fmt;

mod scan;
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
        }
    }
}

/// A one-sided limit.
#[derive(Clone, Debug)]
pub enum Limit {
    Finite(Expr),
    PlusInfinity,
    MinusInfinity,
    Oscillates,
    /// f is not defined on that side near the point.
    Undefined,
}

impl Limit {
    pub fn text(&self) -> String {
        match self {
            Limit::Finite(e) => plain(e),
            Limit::PlusInfinity => "inf".into(),
            Limit::MinusInfinity => "-inf".into(),
            Limit::Oscillates => "none (oscillates)".into(),
            Limit::Undefined => "none (undefined)".into(),
        }
    }

    fn is_infinite(&self) -> bool {
        matches!(self, Limit::PlusInfinity | Limit::MinusInfinity)
    }

    fn same(&self, other: &Limit) -> bool {
        match (self, other) {
            (Limit::Finite(a), Limit::Finite(b)) => close(a, b),
            (Limit::PlusInfinity, Limit::PlusInfinity) | (Limit::MinusInfinity, Limit::MinusInfinity) => true,
            _ => false,
        }
    }
}

/// Two exact values, equal exactly or (when not both numbers) to 1e-12.
pub(crate) fn close(a: &Expr, b: &Expr) -> bool {
    if a == b {
        return true;
    }
    if a.is_num() && b.is_num() {
        return false;
    }
    match (approx(a), approx(b)) {
        (Some(x), Some(y)) => (x - y).abs() <= 1e-12 * x.abs().max(y.abs()).max(1.0),
        _ => false,
    }
}

pub(crate) fn approx(e: &Expr) -> Option<f64> {
    precise::value(e).ok()
}

#[derive(Clone, Debug)]
pub struct Verdict {
    pub var: String,
    pub at: Expr,
    pub value: Option<Expr>,
    pub left: Limit,
    pub right: Limit,
    pub continuous: bool,
    pub left_derivative: Option<Limit>,
    pub right_derivative: Option<Limit>,
    pub derivative: Option<Expr>,
    pub kind: Kind,
    pub reason: String,
}

impl Verdict {
    pub fn differentiable(&self) -> bool {
        self.kind == Kind::Differentiable
    }
}

/// The variable's offsets from a: 10⁻³, 10⁻⁶, … 10⁻¹⁹² (far enough in for
/// slow convergence such as h^(1/3) to show).
const STEPS: [i64; 7] = [3, 6, 12, 24, 48, 96, 192];

/// What the samples along a ± 10⁻ᵏ say about the limit of `g` at a.
fn limit(g: &Expr, var_name: &str, fixed: &Point, a: &Expr, side: i64, snap: &[Expr]) -> Limit {
    let mut values = Vec::new();
    for k in STEPS {
        let x = add(vec![a.clone(), mul(vec![int(side), pow(&int(10), &int(-k))])]);
        let mut point = fixed.exact();
        point.insert(var_name.to_string(), x);
        let v = substitute(g, &point);
        match precise::value(&v).ok() {
            Some(v) if v.is_finite() => values.push(v),
            _ => return Limit::Undefined,
        }
    }
    let n = values.len();
    let last = values[n - 1];
    let scale = last.abs().max(1.0);
    // Converging: the distances to the innermost value shrink steadily
    // and end small.
    let distances: Vec<f64> = values[..n - 1].iter().map(|v| (v - last).abs()).collect();
    let shrinking = distances[distances.len() - 4..].windows(2).all(|w| w[1] <= w[0]);
    let converging = shrinking && distances[n - 2] <= 1e-6 * scale;
    if converging {
        let exact = snap.iter().find(|s| approx(s).is_some_and(|v| (v - last).abs() <= 1e-9 * scale));
        return Limit::Finite(exact.cloned().unwrap_or_else(|| decimal_constant(last)));
    }
    let growing = values.windows(2).all(|w| w[1].abs() > w[0].abs()) && last.abs() > 1e12;
    if growing {
        return if last > 0.0 { Limit::PlusInfinity } else { Limit::MinusInfinity };
    }
    Limit::Oscillates
}

pub(crate) fn decimal_constant(v: f64) -> Expr {
    let text = format!("{v:.15e}");
    crate::number::parse_decimal(text.trim_start_matches('-'))
        .map(|q| constant(if v < 0.0 { -q } else { q }))
        .unwrap_or_else(|| int(0))
}

/// Decide differentiability of `f` (in `var_name`, other variables fixed)
/// at `a`.
pub fn check(f: &Expr, var_name: &str, fixed: &Point, a: &Expr) -> Verdict {
    let mut at_a = fixed.clone();
    at_a.values.push((var_name.to_string(), a.clone()));
    let here = substitute(f, &at_a.exact());
    let value = (!here.has_division_by_zero() && precise::digits(&here, 10).is_ok()).then(|| here.clone());
    // Exact candidates for the limits: f(a), and f at a approached from
    // each side with every jump function at its one-sided value.
    let from_left = one_sided(f, &at_a, var_name, -1.0);
    let from_right = one_sided(f, &at_a, var_name, 1.0);
    let snaps: Vec<Expr> = [value.clone(), Some(from_left), Some(from_right)].into_iter().flatten().collect();
    let left = limit(f, var_name, fixed, a, -1, &snaps);
    let right = limit(f, var_name, fixed, a, 1, &snaps);
    let mut v = Verdict {
        var: var_name.to_string(),
        at: a.clone(),
        value: value.clone(),
        left,
        right,
        continuous: false,
        left_derivative: None,
        right_derivative: None,
        derivative: None,
        kind: Kind::Undefined,
        reason: String::new(),
    };
    let at = format!("{var_name} = {}", plain(a));
    match (&v.left, &v.right, &value) {
        (Limit::Undefined, Limit::Undefined, _) => {
            v.kind = if value.is_some() { Kind::Endpoint } else { Kind::Undefined };
            v.reason = match value {
                Some(_) => format!("f is defined at {at} but at no point near it"),
                None => format!("f is not defined at or near {at}"),
            };
        }
        (Limit::Undefined, _, _) | (_, Limit::Undefined, _) => {
            let side = if matches!(v.left, Limit::Undefined) { "right" } else { "left" };
            v.kind = Kind::Endpoint;
            v.reason = format!("f is defined only to the {side} of {at}");
        }
        (l, r, _) if l.is_infinite() || r.is_infinite() => {
            v.kind = Kind::Infinite;
            v.reason = format!("f tends to {} from the left and {} from the right", l.text(), r.text());
        }
        (Limit::Oscillates, _, _) | (_, Limit::Oscillates, _) => {
            v.kind = Kind::Oscillating;
            v.reason = format!("f has no limit at {at}: it oscillates");
        }
        (l, r, _) if !l.same(r) => {
            v.kind = Kind::Jump;
            v.reason = format!("f jumps: left limit {}, right limit {}", l.text(), r.text());
        }
        (l, _, None) => {
            v.kind = Kind::Removable;
            v.reason = format!("the limit is {} but f({}) is undefined", l.text(), plain(a));
        }
        (l, _, Some(fa)) if !l.same(&Limit::Finite(fa.clone())) => {
            v.kind = Kind::Removable;
            v.reason = format!("the limit is {} but f({}) = {}", l.text(), plain(a), plain(fa));
        }
        (_, _, Some(fa)) => {
            v.continuous = true;
            let fa = fa.clone();
            derivatives(f, var_name, fixed, a, &fa, &mut v);
        }
    }
    v
}

/// The one-sided derivatives of a function continuous at a, as limits of
/// the difference quotient, and the kind they make.
fn derivatives(f: &Expr, var_name: &str, fixed: &Point, a: &Expr, fa: &Expr, v: &mut Verdict) {
    let x = var(var_name);
    let quotient = mul(vec![add(vec![f.clone(), neg(fa)]), pow(&add(vec![x, neg(a)]), &int(-1))]);
    let mut at_a = fixed.clone();
    at_a.values.push((var_name.to_string(), a.clone()));
    let snaps: Vec<Expr> = match crate::derivative(f, var_name) {
        Ok(df) => [-1.0, 1.0]
            .into_iter()
            .map(|side| one_sided(&df, &at_a, var_name, side))
            .filter(|e| !e.has_division_by_zero() && e.variables().is_empty())
            .collect(),
        Err(_) => Vec::new(),
    };
    let left = limit(&quotient, var_name, fixed, a, -1, &snaps);
    let right = limit(&quotient, var_name, fixed, a, 1, &snaps);
    let at = plain(a);
    let (kind, reason) = match (&left, &right) {
        (Limit::Finite(l), Limit::Finite(r)) if close(l, r) => {
            v.derivative = Some(l.clone());
            (Kind::Differentiable, format!("f'({at}) = {}", plain(l)))
        }
        (Limit::Finite(_), Limit::Finite(_)) => (
            Kind::Corner,
            format!("f is continuous but left derivative {}, right derivative {}", left.text(), right.text()),
        ),
        (l, r) if l.is_infinite() && r.is_infinite() && l.same(r) => {
            (Kind::VerticalTangent, format!("the slope tends to {} from both sides", l.text()))
        }
        (l, r) if l.is_infinite() && r.is_infinite() => {
            (Kind::Cusp, format!("left derivative {}, right derivative {}", l.text(), r.text()))
        }
        (Limit::Oscillates, _) | (_, Limit::Oscillates) => {
            (Kind::Oscillating, "the difference quotient oscillates as h -> 0".to_string())
        }
        _ => (Kind::Corner, format!("left derivative {}, right derivative {}", left.text(), right.text())),
    };
    v.kind = kind;
    v.reason = reason;
    if kind == Kind::Corner
        && let Some(note) = autodiff_note(f, &at_a)
    {
        v.reason = format!("{}; {note}", v.reason);
    }
    v.left_derivative = Some(left);
    v.right_derivative = Some(right);
}

/// What frameworks do at the kink of the function that makes the corner.
fn autodiff_note(f: &Expr, at: &Point) -> Option<&'static str> {
    active_kink(f, &at.exact(), |func| func.def().autodiff.is_some()).and_then(|func| func.def().autodiff)
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.name(), self.reason)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse;

    fn kind_at(f: &str, a: &str) -> (Kind, Verdict) {
        let v = check(&parse(f).unwrap(), "x", &Point::default(), &crate::parse::parse_value(a).unwrap());
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
        let found = scan(&f, "x", &Point::default(), &int(-3), &int(3));
        let at: Vec<(String, Kind)> = found.iter().map(|v| (plain(&v.at), v.kind)).collect();
        assert_eq!(at, [("-2".to_string(), Kind::Corner), ("1".to_string(), Kind::Corner)]);
        let found = scan(
            &parse("floor(x)").unwrap(),
            "x",
            &Point::default(),
            &parse("0.5").unwrap(),
            &parse("3.5").unwrap(),
        );
        let at: Vec<String> = found.iter().map(|v| format!("{} {}", plain(&v.at), v.kind.name())).collect();
        assert_eq!(at, ["1 jump", "2 jump", "3 jump"]);
        assert!(scan(&parse("x^3 - x").unwrap(), "x", &Point::default(), &int(-5), &int(5)).is_empty());
    }

    #[test]
    fn one_sided_values_are_exact() {
        let (_, v) = kind_at("abs(x)", "0");
        assert_eq!(v.left_derivative.unwrap().text(), "-1");
        assert_eq!(v.right_derivative.unwrap().text(), "1");
        let (_, v) = kind_at("relu(x)", "0");
        assert!(v.reason.contains("relu'(0) = 0"), "{}", v.reason);
        let (_, v) = kind_at("sigmoid(x)", "0");
        assert_eq!(plain(&v.derivative.unwrap()), "1/4");
        let (_, v) = kind_at("x*abs(x)", "0");
        assert_eq!(plain(&v.derivative.unwrap()), "0");
    }
}
