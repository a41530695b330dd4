//! `dcalc tangent`: the slope f'(a), the point (a, f(a)) and the tangent line.

use super::args::{Format, GlobalArgs, TangentArgs};
use super::numbers::{Shown, line_text};
use super::plot::Overlays;
use super::subject::Subject;
use crate::rates::tangent;
use crate::render::{Style, plain, render};
use serde_json::json;

pub fn answer(text: &str, args: &TangentArgs, global: &GlobalArgs) -> anyhow::Result<String> {
    let s = Subject::new(text, args.wrt.as_deref(), Some(&args.at), true)?;
    let t = tangent(&s.formula, &s.var, &s.fixed(), &s.a())
        .map_err(|e| anyhow::anyhow!("tangent to {text} at {} = {}: {e}", s.var, s.a_text()))?;
    let slope = Shown::new(&t.slope, global.digits)?;
    let value = Shown::new(&t.fa, global.digits)?;
    let text = match global.format {
        Format::Plain | Format::Pretty => {
            let style = super::output::style_of(global.format);
            let r = |e| render(e, style);
            let mut out = format!("f({}) = {}\n", s.var, r(&s.f));
            if let Some(note) = s.holding_note() {
                out.push_str(&format!("{note}\n"));
            }
            out.push_str(&format!("slope f'({}) = {}\n", r(&t.a), slope.text(style)));
            out.push_str(&format!("point ({}, {})\n", r(&t.a), r(&t.fa)));
            out.push_str(&format!("tangent line: {}", line_text(&t.line, global.digits, style)));
            out
        }
        Format::Latex => line_text(&t.line, global.digits, Style::Latex),
        Format::Json => json!({
            "input": s.input,
            "wrt": s.var,
            "at": plain(&t.a),
            "slope": slope.json_value(),
            "slope_exact": slope.json_exact(),
            "value": value.json_value(),
            "value_exact": value.json_exact(),
            "line": line_text(&t.line, global.digits, Style::Plain),
        })
        .to_string(),
    };
    super::plot::below(text, args.plot, &s, Overlays { tangent_at: Some(s.a()), secant: None })
}
