//! `limit`: the limit as the variable approaches a point or ±∞, from both
//! sides or one, decided by the judge.

use super::{Answered, Failure, Outcome};
use crate::analysis::limits::{Found, Limit, Method, Target, one_sided, two_sided};
use crate::engine::expr::Expr;
use crate::engine::parse::{parse_formula, parse_value};
use crate::engine::point::{Point, choose_variable, parse_point};
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Both,
    Left,
    Right,
}

/// Why there is no limit.
#[derive(Clone, Debug, PartialEq)]
pub enum NoLimit {
    Oscillates,
    /// Not defined near the point on these sides.
    UndefinedLeft,
    UndefinedRight,
    UndefinedBoth,
    /// The one side asked for is not defined.
    UndefinedSide,
    /// The two sides have different limits (left, right).
    SidesDiffer(Limit, Limit),
}

#[derive(Clone, Debug, Serialize)]
pub struct LimitAnswer {
    pub input: String,
    pub wrt: String,
    pub at: BTreeMap<String, String>,
    pub side: Side,
    #[serde(serialize_with = "limit_value")]
    pub limit: Limit,
    #[serde(serialize_with = "opt_limit_value")]
    pub left: Option<Limit>,
    #[serde(serialize_with = "opt_limit_value")]
    pub right: Option<Limit>,
    pub exists: bool,
    pub method: Method,
    #[serde(serialize_with = "reason")]
    pub reason: Option<NoLimit>,
    #[serde(skip)]
    pub function: Expr,
    #[serde(skip)]
    pub target: Target,
}

impl LimitAnswer {
    pub fn outcome(&self) -> Outcome {
        match (&self.limit, &self.reason) {
            (Limit::Unknown, _) => Outcome::Failed,
            (_, Some(_)) => Outcome::No,
            _ => Outcome::Yes,
        }
    }
}

/// A limit in JSON: plain syntax, "inf"/"-inf", or null.
pub fn limit_value<S: Serializer>(l: &Limit, s: S) -> Result<S::Ok, S::Error> {
    match l {
        Limit::Finite(e) => s.serialize_str(&crate::render::plain(e)),
        Limit::Approx(v) => s.serialize_str(&crate::engine::number::shortest(*v)),
        Limit::PlusInfinity => s.serialize_str("inf"),
        Limit::MinusInfinity => s.serialize_str("-inf"),
        _ => s.serialize_none(),
    }
}

fn opt_limit_value<S: Serializer>(l: &Option<Limit>, s: S) -> Result<S::Ok, S::Error> {
    match l {
        Some(l) => limit_value(l, s),
        None => s.serialize_none(),
    }
}

fn reason<S: Serializer>(r: &Option<NoLimit>, s: S) -> Result<S::Ok, S::Error> {
    match r {
        Some(r) => s.serialize_str(&crate::render::present::no_limit_text(r)),
        None => s.serialize_none(),
    }
}

/// `inf`, `+inf`, `oo`, `∞`, `infinity` and their negatives.
fn infinity(text: &str) -> Option<Target> {
    let t = text.trim();
    let (negative, rest) = match t.strip_prefix('-').or_else(|| t.strip_prefix('−')) {
        Some(rest) => (true, rest.trim()),
        None => (false, t.strip_prefix('+').unwrap_or(t).trim()),
    };
    matches!(rest, "inf" | "oo" | "∞" | "infinity" | "Infinity")
        .then(|| if negative { Target::MinusInfinity } else { Target::PlusInfinity })
}

/// Split `x=inf,a=2` into the target for `var` and the held values.
fn target_and_point(at: &str, var: &str) -> Answered<(Target, Point)> {
    let mut target = None;
    let mut rest = Vec::new();
    for part in at.split(',') {
        let (name, value) = part.split_once('=').map_or((var, part), |(n, v)| (n.trim(), v));
        if name == var {
            target = Some(match infinity(value) {
                Some(t) => t,
                None => Target::Point(parse_value(value.trim())?),
            });
        } else {
            rest.push(part);
        }
    }
    let held = if rest.is_empty() { Point::default() } else { parse_point(&rest.join(","), var)? };
    match target {
        Some(t) => Ok((t, held)),
        None => Err(Failure::MissingValues { names: vec![var.to_string()] }),
    }
}

fn why_not(left: &Limit, right: &Limit, one_side: bool) -> NoLimit {
    match (left, right) {
        (Limit::Oscillates, _) | (_, Limit::Oscillates) => NoLimit::Oscillates,
        _ if one_side => NoLimit::UndefinedSide,
        (Limit::Undefined, Limit::Undefined) => NoLimit::UndefinedBoth,
        (Limit::Undefined, _) => NoLimit::UndefinedLeft,
        (_, Limit::Undefined) => NoLimit::UndefinedRight,
        (l, r) => NoLimit::SidesDiffer(l.clone(), r.clone()),
    }
}

pub fn limit(input: &str, at: &str, side: Side, wrt: Option<&str>) -> Answered<LimitAnswer> {
    let formula = parse_formula(input)?;
    let var = choose_variable(&formula.expr, wrt).map_err(Failure::Wrt)?;
    let (target, held) = target_and_point(at, &var)?;
    let missing: Vec<String> = held.missing(&formula.expr).into_iter().filter(|v| *v != var).collect();
    if !missing.is_empty() {
        return Err(Failure::MissingValues { names: missing });
    }
    let side = if matches!(target, Target::Point(_)) { side } else { Side::Both };
    let (left, right, limit, method) = match side {
        Side::Both => {
            let t = two_sided(&formula, &var, &held, &target);
            (Some(t.left.limit), Some(t.right.limit), t.limit, t.method)
        }
        Side::Left | Side::Right => {
            let s = if side == Side::Left { -1 } else { 1 };
            let Found { limit, method } = one_sided(&formula, &var, &held, &target, s);
            let (l, r) = if s < 0 { (Some(limit.clone()), None) } else { (None, Some(limit.clone())) };
            (l, r, limit, method)
        }
    };
    let is_limit = limit.is_value() || limit.is_infinite();
    let reason = (!is_limit && limit != Limit::Unknown).then(|| {
        let undefined = Limit::Undefined;
        why_not(left.as_ref().unwrap_or(&undefined), right.as_ref().unwrap_or(&undefined), side != Side::Both)
    });
    let mut at_object = super::at_object(&held);
    at_object.insert(var.clone(), crate::render::present::target_text(&target, crate::render::Style::Plain));
    Ok(LimitAnswer {
        input: input.to_string(),
        wrt: var,
        at: at_object,
        side,
        exists: limit.is_value(),
        limit,
        left,
        right,
        method,
        reason,
        function: formula.expr,
        target,
    })
}
