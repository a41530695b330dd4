//! `dcalc check-differentiable`: the verdict at a point, with the one-sided
//! values behind it, or every bad point of an interval. Exit 0 for yes, 1
//! for no.

use super::args::{CheckArgs, Format, GlobalArgs};
use super::subject::Subject;
use crate::differentiability::{Kind, Verdict, check, limit_text, scan};
use crate::limits::Limit;
use crate::parse::parse_value;
use crate::render::plain;
use colored::Colorize;
use serde_json::{Value as Json, json};

pub struct Answer {
    pub text: String,
    /// Not differentiable (at the point, or somewhere on the interval).
    pub no: bool,
    /// Set when the verdict could not be decided: exit 2 with this.
    pub failure: Option<String>,
}

pub fn answer(text: &str, args: &CheckArgs, global: &GlobalArgs) -> anyhow::Result<Answer> {
    match (&args.at, &args.on) {
        (Some(at), _) => {
            let s = Subject::new(text, args.wrt.as_deref(), Some(at), true)?;
            let v = check(&s.formula, &s.var, &s.fixed(), &s.a());
            let out = match global.format {
                Format::Json => point_json(&s.input, &v).to_string(),
                _ => point_text(text, &v, s.holding_note(), global.format == Format::Pretty),
            };
            let failure = (v.kind == Kind::Undecided).then(|| format!("{text}: {}", v.reason));
            Ok(Answer { text: out, no: !v.differentiable(), failure })
        }
        (None, Some(on)) => {
            let s = Subject::new(text, args.wrt.as_deref(), None, false)?;
            let (lo, hi) = interval(on)?;
            let found = scan(&s.formula, &s.var, &s.fixed(), &lo, &hi);
            let out = match global.format {
                Format::Json => json!({
                    "input": s.input,
                    "on": [plain(&lo), plain(&hi)],
                    "points": found.iter().map(|v| point_json(&s.input, v)).collect::<Vec<_>>(),
                })
                .to_string(),
                _ if found.is_empty() => {
                    format!("{text} is differentiable at every point of [{}, {}]", plain(&lo), plain(&hi))
                }
                _ => found
                    .iter()
                    .map(|v| format!("{} = {}: {}: {}", v.var, plain(&v.at), v.kind.name(), v.reason))
                    .collect::<Vec<_>>()
                    .join("\n"),
            };
            let undecided = found.iter().find(|v| v.kind == Kind::Undecided);
            let failure = undecided.map(|v| format!("{text}: {}", v.reason));
            Ok(Answer { text: out, no: !found.is_empty(), failure })
        }
        (None, None) => anyhow::bail!("give a point with --at or an interval with --on"),
    }
}

/// `A..B` with A < B, both numbers.
fn interval(on: &str) -> anyhow::Result<(crate::expr::Expr, crate::expr::Expr)> {
    let Some((a, b)) = on.split_once("..") else {
        anyhow::bail!("--on {on}: write the interval as A..B, for example -3..3");
    };
    let (lo, hi) = (parse_value(a.trim())?, parse_value(b.trim())?);
    match (crate::precise::value(&lo).ok(), crate::precise::value(&hi).ok()) {
        (Some(l), Some(h)) if l < h => Ok((lo, hi)),
        (Some(_), Some(_)) => anyhow::bail!("--on {on}: the interval is empty (A must be less than B)"),
        _ => anyhow::bail!("--on {on}: the bounds must be numbers"),
    }
}

fn point_text(text: &str, v: &Verdict, holding: Option<String>, pretty: bool) -> String {
    let at = format!("{} = {}", v.var, plain(&v.at));
    let verdict = if v.differentiable() {
        let d = v.derivative.as_ref().map(limit_text).unwrap_or_default();
        format!("differentiable at {at}: f'({}) = {d}", plain(&v.at))
    } else if v.kind == Kind::Undecided {
        format!("could not decide at {at}")
    } else {
        format!("not differentiable at {at}: {}", v.kind.name())
    };
    let verdict = if pretty { verdict.bold().to_string() } else { verdict };
    let value = v.value.as_ref().map_or("undefined".to_string(), plain);
    let mut out = format!("{text}: {verdict}\n");
    if let Some(note) = holding {
        out.push_str(&format!("  {note}\n"));
    }
    out.push_str(&format!(
        "  f({}) = {value}; left limit {}, right limit {}; {}\n",
        plain(&v.at),
        limit_text(&v.left),
        limit_text(&v.right),
        if v.continuous { "continuous" } else { "not continuous" }
    ));
    if let (Some(l), Some(r)) = (&v.left_derivative, &v.right_derivative) {
        out.push_str(&format!("  left derivative {}, right derivative {}\n", limit_text(l), limit_text(r)));
    }
    out.push_str(&format!("  {}", v.reason));
    if v.method == crate::limits::Method::Numeric {
        out.push_str("\n  (decided from numeric evidence at high precision, not exactly)");
    }
    out
}

fn limit_json(l: &Option<Limit>) -> Json {
    match l {
        Some(Limit::Finite(e)) => json!(plain(e)),
        Some(Limit::Approx(v)) => json!(crate::number::shortest(*v)),
        Some(Limit::PlusInfinity) => json!("inf"),
        Some(Limit::MinusInfinity) => json!("-inf"),
        _ => Json::Null,
    }
}

fn point_json(input: &str, v: &Verdict) -> Json {
    json!({
        "input": input,
        "at": plain(&v.at),
        "wrt": v.var,
        "defined": v.value.is_some(),
        "value": v.value.as_ref().map(plain),
        "left_limit": limit_json(&Some(v.left.clone())),
        "right_limit": limit_json(&Some(v.right.clone())),
        "continuous": v.continuous,
        "differentiable": v.differentiable(),
        "kind": v.kind.name(),
        "left_derivative": limit_json(&v.left_derivative),
        "right_derivative": limit_json(&v.right_derivative),
        "derivative": limit_json(&v.derivative),
        "method": v.method,
        "reason": v.reason,
    })
}
