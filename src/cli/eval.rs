//! `dcalc eval`: the value of an expression, exact where possible.

use super::args::{EvalArgs, Format, GlobalArgs};
use super::numbers::Shown;
use super::subject::Subject;
use crate::point::{Point, parse_point};
use crate::render::{Style, plain};
use serde_json::json;

pub fn answer(text: &str, args: &EvalArgs, global: &GlobalArgs) -> anyhow::Result<String> {
    let formula = crate::parse::parse_formula(text)?;
    let f = formula.expr.clone();
    let vars = f.variables();
    // A bare value (`--at 3`) belongs to the only variable.
    let default_var = vars.first().filter(|_| vars.len() == 1).map_or("x".to_string(), |v| v.to_string());
    let point = match &args.at {
        Some(at) => parse_point(at, &default_var)?,
        None => Point::default(),
    };
    let missing = point.missing(&f);
    if !missing.is_empty() {
        anyhow::bail!("{text}: no value for {} (give it with --at)", missing.join(", "));
    }
    let at = if point.values.is_empty() { String::new() } else { format!(" at {}", point.describe()) };
    let value = match crate::differentiability::value_at(&formula, &point.exact()) {
        Ok(Some(value)) => value,
        Ok(None) => {
            anyhow::bail!("{text} is undefined{at}{}", undefined_note(&formula, &default_var, &point))
        }
        Err(_) => anyhow::bail!("{text}{at}: could not decide whether it is defined there"),
    };
    let s = Subject { input: text.to_string(), formula, f, var: default_var, point };
    let shown = Shown::new(&value, global.digits).map_err(|e| anyhow::anyhow!("{text}{at}: {e}"))?;
    Ok(match global.format {
        Format::Plain => shown.text(Style::Plain),
        Format::Pretty => shown.text(Style::Pretty),
        Format::Latex => shown.latex(),
        Format::Json => {
            let point: serde_json::Map<String, serde_json::Value> =
                s.point.values.iter().map(|(n, e)| (n.clone(), json!(plain(e)))).collect();
            json!({"input": s.input, "at": point, "value": shown.json_value(), "exact": shown.json_exact()})
                .to_string()
        }
    })
}

/// Why the input is undefined at the point (the condition it breaks), and
/// the limit there when the judge finds one: the removable-discontinuity
/// lesson (`x/x` at 0 has limit 1).
fn undefined_note(formula: &crate::domain::Formula, var: &str, point: &Point) -> String {
    use crate::domain::Membership;
    let mut note = String::new();
    if let Membership::Outside(c) = formula.domain.at(&point.exact()) {
        note.push_str(&format!(": it needs {} {} 0 there", plain(&c.expr), c.need.symbol()));
    }
    let Some(a) = point.values.iter().find(|(n, _)| n == var).map(|(_, v)| v.clone()) else {
        return note;
    };
    let fixed = Point { values: point.values.iter().filter(|(n, _)| n != var).cloned().collect() };
    let limit = crate::limits::two_sided(formula, var, &fixed, &crate::limits::Target::Point(a));
    if let crate::limits::Limit::Finite(l) = &limit.limit {
        note.push_str(&format!(
            "; its limit as {var} -> {} is {}",
            plain(&point_value(point, var)),
            plain(l)
        ));
    }
    note
}

fn point_value(point: &Point, var: &str) -> crate::expr::Expr {
    point.values.iter().find(|(n, _)| n == var).map_or_else(|| crate::simplify::int(0), |(_, v)| v.clone())
}
