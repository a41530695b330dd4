//! `dcalc diff`: wires parse → differentiate → (evaluate) to the output formats.

use super::args::{DiffArgs, Format, GlobalArgs, Notation};
use super::numbers::Shown;
use crate::differentiability::{Kind, derivative_at};
use crate::expr::Expr;
use crate::limits::Limit;
use crate::nth_derivative;
use crate::parse::{parse, parse_formula};
use crate::point::{Point, choose_variable, parse_point};
use crate::render::{Style, plain, render};
use colored::Colorize;
use serde_json::json;

struct Derivative {
    input: String,
    f: Expr,
    var: String,
    order: u32,
    result: Expr,
    at: Option<(Point, Shown)>,
}

pub fn answer(text: &str, args: &DiffArgs, global: &GlobalArgs) -> anyhow::Result<String> {
    if args.steps || args.definition {
        let f = parse(text)?;
        let var = choose_variable(&f, args.wrt.as_deref()).map_err(anyhow::Error::msg)?;
        return if args.steps {
            super::explain::steps(&f, &var, global.format)
        } else {
            super::explain::definition(&f, &var, global.format, global.digits)
        };
    }
    let d = compute(text, args, global.digits)?;
    Ok(match global.format {
        Format::Plain => plain_text(&d),
        Format::Pretty => pretty_text(&d, args.notation),
        Format::Latex => latex_text(&d),
        Format::Json => json_text(&d),
    })
}

fn compute(text: &str, args: &DiffArgs, digits: u32) -> anyhow::Result<Derivative> {
    let formula = parse_formula(text)?;
    let f = formula.expr.clone();
    let var = choose_variable(&f, args.wrt.as_deref()).map_err(anyhow::Error::msg)?;
    let before_last = nth_derivative(&f, &var, args.order.saturating_sub(1))?;
    let result = if args.order == 0 { f.clone() } else { crate::derivative(&before_last, &var)? };
    let at = match &args.at {
        None => None,
        Some(p) => {
            let point = parse_point(p, &var)?;
            check_point_covers(&f, &point)?;
            // The judge decides f'(a): the formula's value where f is
            // smooth, the one-sided limits elsewhere.
            let judged = if args.order == 0 {
                crate::differentiability::value_at(&formula, &point.exact())
                    .ok()
                    .flatten()
                    .map(Limit::Finite)
                    .ok_or_else(|| anyhow::anyhow!("{text} is undefined at {}", point.describe()))?
            } else {
                derivative_at(&formula.with_expr(before_last), &result, &var, &point).map_err(|verdict| {
                    let what = if verdict.kind == Kind::Undecided {
                        "could not decide the derivative there"
                    } else {
                        "the derivative does not exist there"
                    };
                    anyhow::anyhow!("d/d{var} {text} at {}: {what}: {verdict}", point.describe())
                })?
            };
            let shown = match judged {
                Limit::Finite(exact) => Shown::new(&exact, digits)
                    .map_err(|e| anyhow::anyhow!("d/d{var} {text} at {}: {e}", point.describe()))?,
                Limit::Approx(v) => Shown::approximate(v, digits),
                _ => {
                    anyhow::bail!("d/d{var} {text} at {}: could not decide the derivative", point.describe())
                }
            };
            Some((point, shown))
        }
    };
    Ok(Derivative { input: text.to_string(), f, var, order: args.order, result, at })
}

/// Every variable of the expression needs a value at the point.
fn check_point_covers(f: &Expr, point: &Point) -> anyhow::Result<()> {
    let missing = point.missing(f);
    anyhow::ensure!(missing.is_empty(), "--at gives no value for {}", missing.join(", "));
    Ok(())
}

fn plain_text(d: &Derivative) -> String {
    match &d.at {
        Some((_, v)) => v.text(Style::Plain),
        None => plain(&d.result),
    }
}

fn superscript_number(n: u32) -> String {
    let digits = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string().chars().filter_map(|c| c.to_digit(10).map(|d| digits[d as usize])).collect()
}

/// `d/dx`, `d²/dx²`, or `∂/∂w` when there are other variables.
fn operator_label(d: &Derivative) -> String {
    let partial = d.f.variables().len() > 1;
    let sym = if partial { "∂" } else { "d" };
    let power = if d.order > 1 { superscript_number(d.order) } else { String::new() };
    format!("{sym}{power}/{sym}{}{power}", d.var)
}

/// The answer labelled in the chosen notation; partial derivatives are
/// always written ∂/∂w.
fn pretty_text(d: &Derivative, notation: Notation) -> String {
    let f = render(&d.f, Style::Pretty);
    let body = render(&d.result, Style::Pretty);
    let partial = d.f.variables().len() > 1;
    let (x, n) = (&d.var, d.order);
    let power = if n > 1 { superscript_number(n) } else { String::new() };
    let answer = match notation {
        _ if partial => format!("{} = {body}", format!("{} ({f})", operator_label(d)).cyan()),
        Notation::Operator => format!("{} = {body}", format!("{} ({f})", operator_label(d)).cyan()),
        Notation::Leibniz => format!("y = {f}\n{} = {body}", format!("d{power}y/d{x}{power}").cyan()),
        Notation::Lagrange => format!("f({x}) = {f}\n{} = {body}", format!("f{}({x})", primes(n)).cyan()),
    };
    match &d.at {
        None => answer,
        Some((point, v)) => {
            format!("{answer}\n{} {}: {}", "at".cyan(), point.describe(), v.text(Style::Pretty).bold())
        }
    }
}

/// f′, f″, f‴, then f⁽⁴⁾ and on.
fn primes(n: u32) -> String {
    match n {
        0 => String::new(),
        1..=3 => "'".repeat(n as usize),
        _ => format!("⁽{}⁾", superscript_number(n)),
    }
}

fn latex_text(d: &Derivative) -> String {
    match &d.at {
        Some((_, v)) => v.latex(),
        None => render(&d.result, Style::Latex),
    }
}

fn json_text(d: &Derivative) -> String {
    let mut obj = json!({
        "input": d.input,
        "wrt": d.var,
        "order": d.order,
        "derivative": plain(&d.result),
        "latex": render(&d.result, Style::Latex),
    });
    if let Some((point, v)) = &d.at {
        let at: serde_json::Map<String, serde_json::Value> =
            point.values.iter().map(|(n, e)| (n.clone(), json!(plain(e)))).collect();
        obj["at"] = json!(at);
        obj["value"] = v.json_value();
        obj["exact"] = v.json_exact();
    }
    obj.to_string()
}
