//! `check-differentiable`: the judge's verdict at a point, or every point
//! of an interval where f is not differentiable.

use super::{Answered, Failure, Outcome, Subject, ser};
use crate::analysis::differentiability::scan::Gap;
use crate::analysis::differentiability::{Kind, Verdict, check, scan};
use crate::analysis::limits::Limit;
use crate::analysis::roots::Family;
use crate::engine::expr::Expr;
use crate::engine::parse::parse_value;
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;

/// The verdict at one point, with the point it was asked at.
#[derive(Clone, Debug)]
pub struct PointVerdict {
    pub input: String,
    pub at: BTreeMap<String, String>,
    pub verdict: Verdict,
    /// The variables held fixed, for the "nudging w, holding b" note.
    pub held: Vec<(String, Expr)>,
}

impl Serialize for PointVerdict {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let v = &self.verdict;
        let limit = |l: &Option<Limit>| l.as_ref().and_then(limit_text);
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("input", &self.input)?;
        m.serialize_entry("at", &self.at)?;
        m.serialize_entry("approx", &crate::numeric::precise::value(&v.at).ok())?;
        m.serialize_entry("wrt", &v.var)?;
        m.serialize_entry("defined", &v.value.is_some())?;
        let value = |e: &Expr| match e.as_num() {
            Some(q) if v.approximate_at => crate::engine::number::round_decimal(&q, 20),
            _ => crate::render::plain(e),
        };
        // f(a) as every command gives a value: a number, the exact form beside it.
        let number = v.value.as_ref().and_then(|e| crate::numeric::precise::value(e).ok());
        m.serialize_entry(
            "value",
            &number.map(|x| {
                if x.is_finite() {
                    serde_json::json!(x)
                } else {
                    serde_json::json!(crate::engine::number::shortest(x))
                }
            }),
        )?;
        m.serialize_entry("value_exact", &v.value.as_ref().map(value))?;
        m.serialize_entry("left_limit", &limit_text(&v.left))?;
        m.serialize_entry("right_limit", &limit_text(&v.right))?;
        m.serialize_entry("continuous", &v.continuous)?;
        m.serialize_entry("differentiable", &v.differentiable())?;
        m.serialize_entry("kind", v.kind.name())?;
        m.serialize_entry("left_derivative", &limit(&v.left_derivative))?;
        m.serialize_entry("right_derivative", &limit(&v.right_derivative))?;
        m.serialize_entry("derivative", &limit(&v.derivative))?;
        m.serialize_entry("method", &v.method)?;
        m.serialize_entry("reason", &crate::render::present::verdict_reason(v))?;
        m.serialize_entry("autodiff", &v.autodiff)?;
        m.end()
    }
}

/// A limit in JSON: plain syntax, "inf"/"-inf", or null.
fn limit_text(l: &Limit) -> Option<String> {
    match l {
        Limit::Finite(e) => Some(crate::render::plain(e)),
        Limit::Approx(v) => Some(crate::engine::number::shortest(*v)),
        Limit::PlusInfinity => Some("inf".into()),
        Limit::MinusInfinity => Some("-inf".into()),
        _ => None,
    }
}

impl PointVerdict {
    pub fn outcome(&self) -> Outcome {
        match self.verdict.kind {
            Kind::Differentiable => Outcome::Yes,
            Kind::Undecided => Outcome::Failed,
            _ => Outcome::No,
        }
    }
}

/// The interval scan.
#[derive(Clone, Debug, Serialize)]
pub struct ScanAnswer {
    pub input: String,
    pub wrt: String,
    #[serde(serialize_with = "ser_interval")]
    pub on: (Expr, Expr),
    pub points: Vec<PointVerdict>,
    #[serde(serialize_with = "gaps")]
    pub undefined: Vec<Gap>,
    /// Candidate points in all (more than listed when truncated).
    pub total: usize,
    pub truncated: bool,
    /// Where the listing stops when a family of points goes on past it.
    #[serde(serialize_with = "ser::opt_expr", skip_serializing_if = "Option::is_none")]
    pub listed_up_to: Option<Expr>,
    #[serde(serialize_with = "families")]
    pub families: Vec<Family>,
    /// Whether every equation's zeros were certified.
    pub complete: bool,
    #[serde(serialize_with = "exprs")]
    pub uncertified: Vec<Expr>,
}

fn gaps<S: Serializer>(g: &[Gap], s: S) -> Result<S::Ok, S::Error> {
    let end = crate::render::present::gap_end;
    s.collect_seq(g.iter().map(|g| {
        serde_json::json!({
            "from": end(&g.from, g.from_exact),
            "to": end(&g.to, g.to_exact),
            "from_closed": g.from_closed,
            "to_closed": g.to_closed,
        })
    }))
}

fn families<S: Serializer>(f: &[Family], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(f.iter().map(crate::render::present::family_text))
}

fn exprs<S: Serializer>(e: &[Expr], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(e.iter().map(crate::render::plain))
}

fn ser_interval<S: Serializer>(on: &(Expr, Expr), s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq([crate::render::plain(&on.0), crate::render::plain(&on.1)])
}

impl ScanAnswer {
    /// No when some point or region fails; a failure when nothing failed
    /// but the search was not complete (never a silent yes).
    pub fn outcome(&self) -> Outcome {
        let undecided = self.points.iter().any(|p| p.verdict.kind == Kind::Undecided);
        let bad = self.points.iter().any(|p| p.verdict.kind != Kind::Undecided) || !self.undefined.is_empty();
        match (bad, undecided || !self.complete) {
            (true, _) => Outcome::No,
            (false, true) => Outcome::Failed,
            (false, false) => Outcome::Yes,
        }
    }
}

pub fn at_point(input: &str, at: &str, wrt: Option<&str>) -> Answered<PointVerdict> {
    let s = Subject::new(input, wrt, Some(at), true)?;
    let verdict = check(&s.formula, &s.var, &s.fixed(), &s.a());
    Ok(PointVerdict {
        input: input.to_string(),
        at: super::at_object(&s.point),
        held: s.fixed().values,
        verdict,
    })
}

pub fn on_interval(input: &str, on: &str, wrt: Option<&str>, max_points: usize) -> Answered<ScanAnswer> {
    let s = Subject::new(input, wrt, None, false)?;
    let (lo, hi) = interval(on)?;
    let fixed = s.fixed();
    let found = scan(&s.formula, &s.var, &fixed, &lo, &hi, max_points);
    let points = found
        .points
        .into_iter()
        .map(|verdict| {
            let mut point = fixed.clone();
            point.values.push((s.var.clone(), verdict.at.clone()));
            let mut at = super::at_object(&point);
            if verdict.approximate_at {
                at.insert(s.var.clone(), crate::render::present::at_text(&verdict));
            }
            PointVerdict { input: input.to_string(), at, held: fixed.values.clone(), verdict }
        })
        .collect();
    Ok(ScanAnswer {
        input: input.to_string(),
        wrt: s.var,
        on: (lo, hi),
        points,
        undefined: found.undefined,
        total: found.total,
        truncated: found.truncated,
        listed_up_to: found.listed_up_to,
        families: found.families,
        complete: found.uncertified.is_empty(),
        uncertified: found.uncertified,
    })
}

/// `A..B` with A < B, both numbers.
fn interval(on: &str) -> Answered<(Expr, Expr)> {
    let Some((a, b)) = on.split_once("..") else {
        return Err(Failure::Other(format!("{on}: write the interval as A..B, for example -3..3")));
    };
    let (lo, hi) = (parse_value(a.trim())?, parse_value(b.trim())?);
    match (crate::numeric::precise::value(&lo).ok(), crate::numeric::precise::value(&hi).ok()) {
        (Some(l), Some(h)) if l < h => Ok((lo, hi)),
        (Some(_), Some(_)) => {
            Err(Failure::Other(format!("{on}: the interval is empty (A must be less than B)")))
        }
        _ => Err(Failure::Other(format!("{on}: the bounds must be numbers"))),
    }
}
