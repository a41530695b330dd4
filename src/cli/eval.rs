//! `dcalc eval`: the value of an expression, exact where possible.

use super::args::{EvalArgs, Format, GlobalArgs};
use super::numbers::Shown;
use super::subject::Subject;
use crate::eval::substitute;
use crate::point::{Point, parse_point};
use crate::render::{Style, plain};
use serde_json::json;

pub fn answer(text: &str, args: &EvalArgs, global: &GlobalArgs) -> anyhow::Result<String> {
    let f = crate::parse(text)?;
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
    let s = Subject { input: text.to_string(), f, var: default_var, point };
    let value = substitute(&s.f, &s.point.exact());
    let at = if s.point.values.is_empty() { String::new() } else { format!(" at {}", s.point.describe()) };
    if value.has_division_by_zero() {
        anyhow::bail!("{text}{at}: division by zero");
    }
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
