//! `dcalc secant`: the average rate of change (f(b) − f(a))/(b − a) and the
//! secant line through (a, f(a)) and (b, f(b)).

use super::args::{Format, GlobalArgs, SecantArgs};
use super::numbers::{Shown, line_text};
use super::plot::Overlays;
use super::subject::Subject;
use crate::parse::parse_value;
use crate::rates::{Secant, secant};
use crate::render::{Style, plain, render};
use crate::simplify::add;
use serde_json::json;

pub fn answer(text: &str, args: &SecantArgs, global: &GlobalArgs) -> anyhow::Result<String> {
    let (s, a, b) = match (&args.from, &args.to, &args.h) {
        (Some(from), Some(to), _) => {
            let s = Subject::new(text, args.wrt.as_deref(), args.at.as_deref(), false)?;
            (s, parse_value(from)?, parse_value(to)?)
        }
        (_, _, Some(h)) => {
            let s = Subject::new(text, args.wrt.as_deref(), args.at.as_deref(), true)?;
            let a = s.a();
            let b = add(vec![a.clone(), parse_value(h)?]);
            (s, a, b)
        }
        _ => anyhow::bail!("give the interval as --from A --to B, or as --at A --h H"),
    };
    let sec = secant(&s.formula, &s.var, &s.fixed(), &a, &b)
        .map_err(|e| anyhow::anyhow!("secant of {text}: {e}"))?;
    let rate = Shown::new(&sec.rate, global.digits)?;
    let text = match global.format {
        Format::Plain => text_form(&s, &sec, &rate, Style::Plain, global.digits),
        Format::Pretty => text_form(&s, &sec, &rate, Style::Pretty, global.digits),
        Format::Latex => format!(
            "\\frac{{f({}) - f({})}}{{{} - {}}} = {}, \\quad {}",
            render(&sec.b, Style::Latex),
            render(&sec.a, Style::Latex),
            render(&sec.b, Style::Latex),
            render(&sec.a, Style::Latex),
            rate.latex(),
            line_text(&sec.line, global.digits, Style::Latex)
        ),
        Format::Json => json!({
            "input": s.input,
            "wrt": s.var,
            "from": plain(&sec.a),
            "to": plain(&sec.b),
            "h": plain(&sec.h),
            "value": rate.json_value(),
            "exact": rate.json_exact(),
            "line": line_text(&sec.line, global.digits, Style::Plain),
        })
        .to_string(),
    };
    let overlays = Overlays { tangent_at: None, secant: Some((sec.a.clone(), sec.b.clone())) };
    super::plot::below(text, args.plot, &s, overlays)
}

fn text_form(s: &Subject, sec: &Secant, rate: &Shown, style: Style, digits: u32) -> String {
    let r = |e| render(e, style);
    let mut out = format!("f({}) = {}\n", s.var, r(&s.f));
    if let Some(note) = s.holding_note() {
        out.push_str(&format!("{note}\n"));
    }
    out.push_str(&format!(
        "average rate of change over [{}, {}] (h = {}): {}\n",
        r(&sec.a),
        r(&sec.b),
        r(&sec.h),
        rate.text(style)
    ));
    out.push_str(&format!(
        "secant line through ({}, {}) and ({}, {}): {}",
        r(&sec.a),
        r(&sec.fa),
        r(&sec.b),
        r(&sec.fb),
        line_text(&sec.line, digits, style)
    ));
    out
}
