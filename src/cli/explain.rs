//! The learning aids of `diff`: `--steps` (the rules the engine applied)
//! and `--definition` (the derivative from the limit of the difference
//! quotient).

use super::args::Format;
use super::output::style_of;
use crate::definition::{Derivation, derive};
use crate::diff::derivative_with_steps;
use crate::expr::Expr;
use crate::render::{Style, plain, render};
use colored::Colorize;
use serde_json::json;

/// One line per rule: `chain (sin), u = x^2: d/dx sin(x^2) = 2*x*cos(x^2)`.
pub fn steps(f: &Expr, var: &str, format: Format) -> anyhow::Result<String> {
    let (result, mut steps) = derivative_with_steps(f, var)?;
    // d/dx x = 1 under every power and chain rule says nothing new.
    if steps.len() > 1 {
        steps.retain(|s| s.rule != "variable");
    }
    if format == Format::Json {
        let list: Vec<serde_json::Value> = steps
            .iter()
            .map(|s| {
                json!({
                    "rule": s.rule,
                    "expression": plain(&s.expression),
                    "inner": s.inner.as_ref().map(plain),
                    "result": plain(&s.result),
                })
            })
            .collect();
        return Ok(
            json!({"input": plain(f), "wrt": var, "steps": list, "derivative": plain(&result)}).to_string()
        );
    }
    let style = style_of(format);
    let mut out: Vec<String> = steps
        .iter()
        .map(|s| {
            // "chain (sin)" reads "chain rule (sin)".
            let name = match s.rule.split_once(" (") {
                Some((head, tail)) => format!("{head} rule ({tail}"),
                None => format!("{} rule", s.rule),
            };
            let rule = match &s.inner {
                Some(u) => format!("{name}, u = {}", render(u, style)),
                None => name,
            };
            let rule = if style == Style::Pretty { rule.cyan().to_string() } else { rule };
            format!("{rule}: d/d{var} {} = {}", bracket(&s.expression, style), render(&s.result, style))
        })
        .collect();
    out.push(format!("result: {}", render(&result, style)));
    Ok(out.join("\n"))
}

fn bracket(e: &Expr, style: Style) -> String {
    let text = render(e, style);
    if matches!(e.kind(), crate::expr::Kind::Add(_) | crate::expr::Kind::Mul(_)) {
        format!("({text})")
    } else {
        text
    }
}

/// The derivation, line by line, ending with the same answer as `diff`.
pub fn definition(f: &Expr, var: &str, format: Format, digits: u32) -> anyhow::Result<String> {
    let answer = crate::derivative(f, var)?;
    let style = style_of(format);
    let arrow = if style == Style::Pretty { "→" } else { "->" };
    match derive(f, var) {
        Derivation::Derived { lines, h } => {
            // The limit is the engine's answer; shown in the engine's form.
            let limit = lines.last().map(|l| l.expr.clone()).unwrap_or_else(|| answer.clone());
            anyhow::ensure!(same_function(&limit, &answer, var), "the derivation does not agree with diff");
            if format == Format::Json {
                let steps: Vec<serde_json::Value> =
                    lines.iter().map(|l| json!({"step": l.label, "expression": l.text.clone().unwrap_or_else(|| plain(&l.expr))})).collect();
                return Ok(json!({"input": plain(f), "wrt": var, "h": h, "steps": steps, "derivative": plain(&answer)})
                    .to_string());
            }
            let mut out = vec![format!("f({var}) = {}", render(f, style))];
            for l in &lines[..lines.len() - 1] {
                let body = l.text.clone().unwrap_or_else(|| render(&l.expr, style));
                // A label ending in ':' is a step in words, not an equation.
                let sep = if l.label.ends_with(':') { " " } else { " = " };
                out.push(format!("{}{sep}{body}", l.label));
            }
            out.push(format!("limit as {h} {arrow} 0: {}", render(&answer, style)));
            Ok(out.join("\n"))
        }
        Derivation::Refused { why } => {
            let sample = sample_quotients(f, var, digits);
            if format == Format::Json {
                return Ok(json!({"input": plain(f), "wrt": var, "refused": why, "sample": sample, "derivative": plain(&answer)})
                    .to_string());
            }
            Ok(format!(
                "{why}; numerically, {sample}; see --steps for the rules\nd/d{var} = {}",
                render(&answer, style)
            ))
        }
    }
}

/// The difference quotient at x = 1 for shrinking h, as a sentence.
fn sample_quotients(f: &Expr, var: &str, digits: u32) -> String {
    let point = crate::point::Point { values: vec![(var.to_string(), crate::simplify::int(1))] };
    match crate::rates::slope_table(
        &crate::domain::Formula::bare(f.clone()),
        var,
        &crate::point::Point::default(),
        &crate::simplify::int(1),
        4,
    ) {
        Ok(rows) => {
            let shown: Vec<String> = rows
                .iter()
                .filter(|r| r.side == crate::rates::Side::Right && r.k % 2 == 0)
                .map(|r| {
                    let q =
                        crate::precise::digits(&r.quotient, digits.min(10)).unwrap_or_else(|_| "?".into());
                    format!("h = 1e-{}: {q}", r.k)
                })
                .collect();
            format!("at {} the quotient [f(x+h) - f(x)]/h is {}", point.describe(), shown.join(", "))
        }
        Err(e) => format!("the quotient cannot be sampled at {}: {e}", point.describe()),
    }
}

/// Equal as functions: the same expression, or the same values at a few points.
fn same_function(a: &Expr, b: &Expr, var: &str) -> bool {
    if a == b {
        return true;
    }
    [0.37, 0.61, 1.3, 2.7].iter().all(|x| {
        let at = std::collections::HashMap::from([(var.to_string(), *x)]);
        match (crate::eval::evaluate(a, &at), crate::eval::evaluate(b, &at)) {
            (Ok(p), Ok(q)) => (p - q).abs() <= 1e-9 * p.abs().max(1.0),
            _ => false,
        }
    })
}
