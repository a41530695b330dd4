//! The interval scan: every point of [lo, hi] where f may fail to be
//! differentiable comes from the expression, not from a grid — the zeros
//! of kink arguments (integer levels for floor and ceil), piecewise
//! junctions, the edges of the domain as written (denominators, logarithm
//! and even-root arguments, the poles of tan, asin's [−1, 1], …) and the
//! bases of fractional powers. Each equation is solved exactly
//! (`analysis::roots`); the judge decides each point. Regions where f is
//! undefined are reported as intervals; an equation whose zeros cannot be
//! certified is reported too, so "differentiable at every point" is said
//! only when the search was complete.

use super::{Kind, Verdict, check};
use crate::analysis::limits::Method;
use crate::analysis::roots::{Family, MAX_LISTED, Root, Zeros, zeros};
use crate::engine::domain::{Formula, Membership, Need};
use crate::engine::expr::{Expr, Kind as Node};
use crate::engine::functions::Function;
use crate::engine::point::Point;
use crate::engine::simplify::{add, int, mul, pow, ratio, sub};
use crate::numeric::eval::substitute;
use crate::numeric::precise;
use std::collections::HashMap;

/// An interval where f is undefined, with whether each end belongs to it.
#[derive(Clone, Debug)]
pub struct Gap {
    pub from: Expr,
    pub to: Expr,
    pub from_closed: bool,
    pub to_closed: bool,
    /// Whether each end is the point itself (else a root known within 10⁻⁴⁰).
    pub from_exact: bool,
    pub to_exact: bool,
}

/// What the scan found.
#[derive(Clone, Debug, Default)]
pub struct Scan {
    /// The points where f is not differentiable, in order (at most the
    /// number asked for).
    pub points: Vec<Verdict>,
    pub undefined: Vec<Gap>,
    /// How many candidate points there are in all (families counted whole).
    pub total: usize,
    pub truncated: bool,
    pub families: Vec<Family>,
    /// Where the listing stops when a family has more members than are
    /// listed: points and undefined regions are complete up to here.
    pub listed_up_to: Option<Expr>,
    /// Equations whose zeros on the interval could not be certified.
    pub uncertified: Vec<Expr>,
}

/// Where an equation comes from, which decides what its zeros mean.
enum Source {
    /// Candidate points (kinks, junctions).
    Points,
    /// A condition of the domain as written (poles and holes for ≠ 0, the
    /// edges of a region for > 0 and ≥ 0).
    Condition(Need),
}

/// The equations whose zeros are candidates: g = 0.
fn equations(
    f: &Formula,
    var: &str,
    lo: &Expr,
    hi: &Expr,
    uncertified: &mut Vec<Expr>,
) -> Vec<(Expr, Source)> {
    let mut out = Vec::new();
    for c in &f.domain.conditions {
        out.push((c.expr.clone(), Source::Condition(c.need)));
        for (guard, _) in c.guards.iter() {
            junctions(guard, &mut out);
        }
    }
    let mut stack = vec![f.expr.clone()];
    let mut seen = std::collections::HashSet::new();
    while let Some(e) = stack.pop() {
        if !seen.insert(e.node_ptr()) || e.free_of(var) {
            continue;
        }
        match e.kind() {
            Node::Func(Function::FLOOR | Function::CEIL, args) => {
                levels(&args[0], var, lo, hi, &mut out, uncertified)
            }
            Node::Func(Function::MIN | Function::MAX, args) => {
                out.push((sub(&args[0], &args[1]), Source::Points))
            }
            Node::Func(g, args) if g.def().kink.is_some() => out.push((args[0].clone(), Source::Points)),
            Node::Pow(b, x) if x.as_compact().is_some_and(|q| !q.is_integer()) => {
                out.push((b.clone(), Source::Points))
            }
            Node::Cmp(..) | Node::Logic(..) => junctions(&e, &mut out),
            _ => {}
        }
        stack.extend(e.children().iter().cloned());
    }
    out
}

/// The boundaries of a condition: where its two sides are equal.
fn junctions(cond: &Expr, out: &mut Vec<(Expr, Source)>) {
    match cond.kind() {
        Node::Cmp(_, sides) => out.push((sub(&sides[0], &sides[1]), Source::Points)),
        Node::Logic(_, items) => items.iter().for_each(|c| junctions(c, out)),
        _ => {}
    }
}

/// floor(u) and ceil(u) jump where u is an integer: u − k = 0 for each
/// integer k in the range of u, when u is linear (its range is exact).
fn levels(
    u: &Expr,
    var: &str,
    lo: &Expr,
    hi: &Expr,
    out: &mut Vec<(Expr, Source)>,
    uncertified: &mut Vec<Expr>,
) {
    let linear = crate::analysis::roots::polynomial(u, var).filter(|c| c.len() <= 2);
    let at = |x: &Expr| precise::value(&substitute(u, &HashMap::from([(var.to_string(), x.clone())]))).ok();
    match (linear, at(lo), at(hi)) {
        (Some(_), Some(a), Some(b)) if (a - b).abs() < 1e6 => {
            let (from, to) = (a.min(b).floor() as i64, a.max(b).ceil() as i64);
            for k in from..=to {
                out.push((sub(u, &int(k)), Source::Points));
            }
        }
        _ => uncertified.push(u.clone()),
    }
}

fn value(e: &Expr) -> Option<f64> {
    precise::value(e).ok()
}

/// Every point of [lo, hi] where f is not differentiable, with its verdict,
/// and the regions where f is undefined.
pub fn scan(f: &Formula, var: &str, fixed: &Point, lo: &Expr, hi: &Expr, max_points: usize) -> Scan {
    let f = crate::analysis::limits::restrict(f, fixed);
    let mut result = Scan::default();
    let mut candidates: Vec<Root> = Vec::new();
    // Each boundary with, for a root known only within 10⁻⁴⁰, whether the
    // true root lies outside the domain (decided by the condition it is a
    // zero of, not by the approximation).
    let mut boundaries: Vec<(Expr, Option<bool>)> = vec![(lo.clone(), None), (hi.clone(), None)];
    for (g, source) in equations(&f, var, lo, hi, &mut result.uncertified) {
        let Zeros { points, uncertified, families } = zeros(&g, var, lo, hi);
        result.uncertified.extend(uncertified);
        result.families.extend(families);
        // Every candidate splits the interval: the domain is then tested
        // between candidates, never at one (a pole in the middle of A..B).
        // At a zero of g, g > 0 and g ≠ 0 fail and g ≥ 0 holds.
        let fails_at_zero = match source {
            Source::Condition(need) => need != Need::NonNegative,
            Source::Points => false,
        };
        boundaries.extend(points.iter().map(|p| (p.at.clone(), (!p.exact).then_some(fails_at_zero))));
        candidates.extend(points);
    }
    // A family listed only in part: everything is decided up to its last
    // listed member, and past it only counted (never guessed).
    let cut = listing_cut(&result.families);
    if let Some((end, at)) = &cut {
        boundaries.retain(|(b, _)| value(b).is_some_and(|v| v <= *end));
        boundaries.push((at.clone(), None));
        candidates.retain(|r| value(&r.at).is_some_and(|v| v <= *end));
    }
    result.undefined = gaps(&f, var, &mut boundaries);
    let mut listed: Vec<(f64, Root)> =
        candidates.into_iter().filter_map(|r| value(&r.at).map(|v| (v, r))).collect();
    listed.sort_by(|a, b| a.0.total_cmp(&b.0));
    listed.dedup_by(|a, b| (a.0 - b.0).abs() <= 1e-30 * a.0.abs().max(1.0));
    // Points strictly inside an undefined region say nothing new. The gaps
    // come in order and apart: each point needs one binary search.
    let spans: Vec<(f64, f64)> =
        result.undefined.iter().filter_map(|g| Some((value(&g.from)?, value(&g.to)?))).collect();
    listed.retain(|(x, _)| !strictly_inside(*x, &spans));
    result.total = listed.len();
    result.truncated = listed.len() > max_points;
    if let Some((end, at)) = cut {
        let beyond: usize = result.families.iter().map(|fam| members_past(fam, end)).sum();
        result.total += beyond;
        result.truncated = true;
        result.listed_up_to = Some(at);
    }
    for (_, root) in listed.into_iter().take(max_points) {
        let verdict = if root.exact {
            check(&f, var, &Point::default(), &root.at)
        } else {
            enclosed(&f, var, &root.at)
        };
        if !verdict.differentiable() {
            result.points.push(verdict);
        }
    }
    if !result.truncated {
        result.total = result.points.len();
    }
    result
}

/// The smallest last-listed member of the families listed in part.
fn listing_cut(families: &[Family]) -> Option<(f64, Expr)> {
    families
        .iter()
        .filter(|fam| fam.count() > MAX_LISTED)
        .filter_map(|fam| {
            let last = fam.member(fam.first_k + MAX_LISTED as i64 - 1);
            // Members rise with k (the scan lists from the low end).
            let rising = value(&fam.period)? > 0.0;
            rising.then_some((value(&last)?, last))
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
}

/// Members of a family past `end` (counted, not listed).
fn members_past(fam: &Family, end: f64) -> usize {
    let (Some(base), Some(period)) = (value(&fam.base), value(&fam.period)) else { return 0 };
    let first_past = ((end - base) / period + 1e-9).floor() as i64 + 1;
    (fam.last_k - first_past.max(fam.first_k) + 1).max(0) as usize
}

fn strictly_inside(x: f64, spans: &[(f64, f64)]) -> bool {
    let after = spans.partition_point(|(a, _)| *a < x);
    after > 0 && x < spans[after - 1].1
}

/// The maximal intervals of [lo, hi] outside the domain: the domain is
/// decided at every boundary and at a point between each two.
fn gaps(f: &Formula, var: &str, boundaries: &mut Vec<(Expr, Option<bool>)>) -> Vec<Gap> {
    let mut points: Vec<(f64, Expr, Option<bool>)> =
        boundaries.drain(..).filter_map(|(b, known)| value(&b).map(|v| (v, b, known))).collect();
    points.sort_by(|a, b| a.0.total_cmp(&b.0));
    points.dedup_by(|a, b| (a.0 - b.0).abs() <= 1e-30 * a.0.abs().max(1.0));
    let lo = points.first().map(|p| p.0).unwrap_or(0.0);
    let hi = points.last().map(|p| p.0).unwrap_or(0.0);
    points.retain(|p| p.0 >= lo && p.0 <= hi);
    let outside = |x: &Expr| {
        matches!(f.domain.at(&HashMap::from([(var.to_string(), x.clone())])), Membership::Outside(_))
    };
    // Each piece in order: a boundary point, then the open interval after it.
    let mut pieces: Vec<(Expr, bool, bool)> = Vec::new();
    for (i, (_, b, known)) in points.iter().enumerate() {
        pieces.push((b.clone(), known.unwrap_or_else(|| outside(b)), known.is_none()));
        if let Some((_, next, _)) = points.get(i + 1) {
            let mid = mul(vec![add(vec![b.clone(), next.clone()]), ratio(1, 2)]);
            let out = outside(&mid);
            pieces.push((mid, out, true));
        }
    }
    let mut out: Vec<Gap> = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        if !pieces[i].1 {
            i += 1;
            continue;
        }
        // A run of undefined pieces: from the boundary before to the one after.
        let start = i;
        while i < pieces.len() && pieces[i].1 {
            i += 1;
        }
        let end = i - 1;
        // One point alone (a pole, a hole) is listed as a point, not a gap.
        if start == end && start % 2 == 0 {
            continue;
        }
        let from_closed = start % 2 == 0;
        let to_closed = end % 2 == 0;
        let from = if from_closed { &pieces[start] } else { &pieces[start - 1] };
        let to = if to_closed { &pieces[end] } else { &pieces[end + 1] };
        out.push(Gap {
            from: from.0.clone(),
            to: to.0.clone(),
            from_closed,
            to_closed,
            from_exact: from.2,
            to_exact: to.2,
        });
    }
    out
}

/// The verdict at a root known only within 10⁻⁴⁰: from f and its
/// derivative at points 10⁻²⁰ to each side (far outside the enclosure),
/// labelled numeric.
fn enclosed(f: &Formula, var: &str, at: &Expr) -> Verdict {
    use crate::analysis::limits::Limit;
    let mut v = check(f, var, &Point::default(), at);
    v.method = Method::Numeric;
    v.approximate_at = true;
    let Ok(df) = crate::derivative(&f.expr, var) else { return v };
    let near = |side: i64| {
        let x = add(vec![at.clone(), mul(vec![int(side), pow(&int(10), &int(-20))])]);
        let point = HashMap::from([(var.to_string(), x)]);
        let inside = matches!(f.domain.at(&point), Membership::Inside);
        let f_value = inside.then(|| value(&substitute(&f.expr, &point))).flatten();
        (f_value, value(&substitute(&df, &point)))
    };
    let ((fl, dl), (fr, dr)) = (near(-1), near(1));
    let (fl, fr) = match (fl, fr) {
        (Some(l), Some(r)) => (l, r),
        (None, None) => {
            v.kind = Kind::Undefined;
            return v;
        }
        (l, r) => {
            // Defined on one side only: the edge of the domain.
            v.kind = Kind::Endpoint;
            v.left = l.map_or(Limit::Undefined, Limit::Approx);
            v.right = r.map_or(Limit::Undefined, Limit::Approx);
            return v;
        }
    };
    // Values past 10¹⁵ a hair from the point: a pole.
    if fl.abs() > 1e15 || fr.abs() > 1e15 {
        let infinity = |y: f64| if y > 0.0 { Limit::PlusInfinity } else { Limit::MinusInfinity };
        (v.left, v.right, v.kind) = (infinity(fl), infinity(fr), Kind::Infinite);
        return v;
    }
    let (Some(dl), Some(dr)) = (dl, dr) else { return v };
    let scale = dl.abs().max(dr.abs()).max(1.0);
    let continuous = (fl - fr).abs() <= 1e-15 * fl.abs().max(1.0);
    v.left = Limit::Approx(fl);
    v.right = Limit::Approx(fr);
    v.continuous = continuous;
    v.left_derivative = Some(Limit::Approx(dl));
    v.right_derivative = Some(Limit::Approx(dr));
    v.kind = match (continuous, (dl - dr).abs() <= 1e-9 * scale) {
        (false, _) => Kind::Jump,
        (true, true) => {
            v.derivative = Some(Limit::Approx(dl));
            Kind::Differentiable
        }
        (true, false) => Kind::Corner,
    };
    v
}
