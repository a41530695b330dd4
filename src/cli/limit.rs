//! `dcalc limit`: the limit as the variable approaches a point or ±∞,
//! decided by the judge. Exit 0 for a limit (finite or infinite), 1 when
//! it does not exist, 2 when it cannot be decided.

use super::args::{Format, GlobalArgs, LimitArgs, SideChoice};
use crate::differentiability::limit_text;
use crate::limits::{Found, Limit, Method, Target, one_sided, two_sided};
use crate::parse::{parse_formula, parse_value};
use crate::point::{Point, choose_variable, parse_point};
use crate::render::{Style, plain, render};
use serde_json::{Value as Json, json};

pub struct Answer {
    pub text: String,
    pub no: bool,
    pub failure: Option<String>,
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
fn target_and_point(at: &str, var: &str) -> anyhow::Result<(Target, Point)> {
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
        None => anyhow::bail!("--at gives no value for {var}"),
    }
}

fn target_text(t: &Target, style: Style) -> String {
    match (t, style) {
        (Target::Point(a), _) => render(a, style),
        (Target::PlusInfinity, Style::Plain) => "inf".into(),
        (Target::MinusInfinity, Style::Plain) => "-inf".into(),
        (Target::PlusInfinity, Style::Pretty) => "∞".into(),
        (Target::MinusInfinity, Style::Pretty) => "−∞".into(),
        (Target::PlusInfinity, Style::Latex) => "\\infty".into(),
        (Target::MinusInfinity, Style::Latex) => "-\\infty".into(),
    }
}

fn limit_json(l: &Limit) -> Json {
    match l {
        Limit::Finite(e) => json!(plain(e)),
        Limit::Approx(v) => json!(crate::number::shortest(*v)),
        Limit::PlusInfinity => json!("inf"),
        Limit::MinusInfinity => json!("-inf"),
        _ => Json::Null,
    }
}

fn limit_styled(l: &Limit, style: Style) -> String {
    match (l, style) {
        (Limit::Finite(e), _) => render(e, style),
        (Limit::PlusInfinity, Style::Pretty) => "∞".into(),
        (Limit::MinusInfinity, Style::Pretty) => "−∞".into(),
        (Limit::PlusInfinity, Style::Latex) => "\\infty".into(),
        (Limit::MinusInfinity, Style::Latex) => "-\\infty".into(),
        (Limit::Approx(v), Style::Latex) => format!("\\approx {}", crate::number::shortest(*v)),
        (Limit::Approx(v), Style::Pretty) => format!("≈ {}", crate::number::shortest(*v)),
        _ => limit_text(l),
    }
}

/// Why there is no limit, from the two sides.
fn why_not(left: &Limit, right: &Limit, one_side: bool) -> String {
    match (left, right) {
        (Limit::Oscillates, _) | (_, Limit::Oscillates) => "it oscillates".into(),
        _ if one_side && matches!(left, Limit::Undefined) => "the function is not defined there".into(),
        (Limit::Undefined, Limit::Undefined) => "the function is not defined near the point".into(),
        (Limit::Undefined, _) => "the function is not defined to the left".into(),
        (_, Limit::Undefined) => "the function is not defined to the right".into(),
        (l, r) => format!("left {}, right {}", limit_text(l), limit_text(r)),
    }
}

pub fn answer(text: &str, args: &LimitArgs, global: &GlobalArgs) -> anyhow::Result<Answer> {
    let formula = parse_formula(text)?;
    let var = choose_variable(&formula.expr, args.wrt.as_deref()).map_err(anyhow::Error::msg)?;
    let (target, held) = target_and_point(&args.at, &var)?;
    let missing: Vec<String> = held.missing(&formula.expr).into_iter().filter(|v| *v != var).collect();
    anyhow::ensure!(missing.is_empty(), "--at gives no value for {}", missing.join(", "));
    let at_infinity = !matches!(target, Target::Point(_));
    let side = if at_infinity { None } else { args.side };
    let (left, right, limit, method) = match side {
        None => {
            let t = two_sided(&formula, &var, &held, &target);
            (t.left, t.right, t.limit, t.method)
        }
        Some(choice) => {
            let s = if choice == SideChoice::Left { -1 } else { 1 };
            let found = one_sided(&formula, &var, &held, &target, s);
            let none = Found { limit: Limit::Undefined, method: Method::Exact };
            let (l, r) = if s < 0 { (found.clone(), none) } else { (none, found.clone()) };
            (l, r, found.limit, found.method)
        }
    };
    let side_name = match side {
        None => "both",
        Some(SideChoice::Left) => "left",
        Some(SideChoice::Right) => "right",
    };
    let exists = limit.is_value();
    let is_limit = exists || limit.is_infinite();
    let failure = (limit == Limit::Unknown).then(|| {
        format!("limit of {text} as {var} -> {}: could not decide", target_text(&target, Style::Plain))
    });
    let reason = if is_limit || limit == Limit::Unknown {
        None
    } else {
        Some(why_not(&left.limit, &right.limit, side.is_some()))
    };
    let out = match global.format {
        Format::Json => {
            let mut at = serde_json::Map::new();
            at.insert(var.clone(), json!(target_text(&target, Style::Plain)));
            for (n, e) in &held.values {
                at.insert(n.clone(), json!(plain(e)));
            }
            json!({
                "input": text,
                "wrt": var,
                "at": at,
                "side": side_name,
                "limit": limit_json(&limit),
                "left": if side == Some(SideChoice::Right) { Json::Null } else { limit_json(&left.limit) },
                "right": if side == Some(SideChoice::Left) { Json::Null } else { limit_json(&right.limit) },
                "exists": exists,
                "method": method,
                "reason": reason,
            })
            .to_string()
        }
        Format::Plain => match (&limit, &reason) {
            (Limit::Approx(v), _) => {
                format!("{}  # numeric estimate, not exact", crate::number::shortest(*v))
            }
            (_, Some(why)) => format!("does not exist: {why}"),
            (Limit::Unknown, _) => "could not decide".into(),
            (l, None) => limit_styled(l, Style::Plain),
        },
        format => {
            let style = super::output::style_of(format);
            let arrow = match (side, style) {
                (Some(SideChoice::Left), Style::Latex) => "^-".to_string(),
                (Some(SideChoice::Right), Style::Latex) => "^+".to_string(),
                (Some(SideChoice::Left), _) => "⁻".to_string(),
                (Some(SideChoice::Right), _) => "⁺".to_string(),
                (None, _) => String::new(),
            };
            let body = match (&limit, &reason) {
                (_, Some(why)) => format!("does not exist ({why})"),
                (Limit::Unknown, _) => "could not decide".into(),
                (l, None) => limit_styled(l, style),
            };
            let head = if style == Style::Latex {
                format!(
                    "\\lim_{{{var} \\to {}{arrow}}} {}",
                    target_text(&target, style),
                    render(&formula.expr, style)
                )
            } else {
                format!(
                    "lim {var} → {}{arrow}  {}",
                    target_text(&target, style),
                    render(&formula.expr, style)
                )
            };
            let equals = if body.starts_with("does") || body.starts_with("could") { " " } else { " = " };
            let mut out = format!("{head}{equals}{body}");
            if method == Method::Numeric && style != Style::Latex {
                out.push_str("\n(from numeric evidence at high precision, not exact)");
            }
            out
        }
    };
    Ok(Answer { text: out, no: !is_limit && limit != Limit::Unknown, failure })
}
