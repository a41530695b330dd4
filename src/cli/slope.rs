//! `dcalc slope`: the table of difference quotients [f(a+h) − f(a)]/h as h
//! shrinks from both sides, its limit f'(a), and the tangent line.

use super::args::{Format, GlobalArgs, SlopeArgs};
use super::numbers::{Shown, line_text};
use super::subject::Subject;
use crate::expr::Expr;
use crate::number;
use crate::rates::{Row, Side, Tangent, slope_table, tangent};
use crate::render::{Style, plain, render};
use colored::Colorize;
use serde_json::json;

/// Exact quotients are printed in full up to this many digits.
const MAX_EXACT_DIGITS: usize = 40;

struct Quotient {
    row: Row,
    /// All its digits when exact and terminating, else correctly rounded.
    text: String,
    exact: bool,
    value: f64,
}

pub struct Answer {
    pub text: String,
    /// Set when the limit does not exist: the table is still shown.
    pub failure: Option<String>,
}

pub fn answer(text: &str, args: &SlopeArgs, global: &GlobalArgs) -> anyhow::Result<Answer> {
    let s = Subject::new(text, args.wrt.as_deref(), Some(&args.at), true)?;
    let a = s.a();
    let fixed = s.fixed();
    let rows = slope_table(&s.formula, &s.var, &fixed, &a, args.rows)
        .map_err(|e| anyhow::anyhow!("slope of {text} at {} = {}: {e}", s.var, s.a_text()))?;
    let quotients = quotients(rows, global.digits)?;
    let limit = tangent(&s.formula, &s.var, &fixed, &a);
    let (limit, failure) = match limit {
        Ok(t) => {
            let shown = Shown::new(&t.slope, global.digits)?;
            (Some((t, shown)), None)
        }
        Err(e) => (None, Some(format!("slope of {text} at {} = {}: {e}", s.var, s.a_text()))),
    };
    let text = match global.format {
        Format::Plain => table_text(&s, &quotients, limit.as_ref(), Style::Plain, global.digits),
        Format::Pretty => table_text(&s, &quotients, limit.as_ref(), Style::Pretty, global.digits),
        Format::Latex => latex(&s, &quotients, limit.as_ref(), global.digits),
        Format::Json => json_text(&s, &quotients, limit.as_ref(), global.digits),
    };
    let overlays = super::plot::Overlays { tangent_at: Some(a.clone()), secant: None };
    let text = super::plot::below(text, args.plot && limit.is_some(), &s, overlays)?;
    Ok(Answer { text, failure })
}

/// Each row's quotient: all its digits when exact and terminating, else
/// correctly rounded (the rows evaluated together, sharing f(a)).
fn quotients(rows: Vec<Row>, digits: u32) -> anyhow::Result<Vec<Quotient>> {
    let exact: Vec<Option<String>> = rows
        .iter()
        .map(|row| {
            row.quotient
                .as_num()
                .and_then(number::terminating_decimal)
                .filter(|t| t.chars().filter(char::is_ascii_digit).count() <= MAX_EXACT_DIGITS)
        })
        .collect();
    let inexact: Vec<Expr> =
        rows.iter().zip(&exact).filter(|(_, e)| e.is_none()).map(|(r, _)| r.quotient.clone()).collect();
    let mut rounded = crate::precise::digits_of_all(&inexact, digits).into_iter();
    rows.into_iter()
        .zip(exact)
        .map(|(row, exact_text)| {
            let (text, exact) = match exact_text {
                Some(t) => (t, true),
                None => (rounded.next().unwrap_or_else(|| Ok("nan".into()))?, false),
            };
            let value = text.parse().unwrap_or(f64::NAN);
            Ok(Quotient { row, text, exact, value })
        })
        .collect()
}

fn h_text(row: &Row) -> String {
    let q = number::Rational::from(10).pow(-(row.k as isize));
    let magnitude = number::round_decimal(&q, 1);
    if row.side == Side::Left { format!("-{magnitude}") } else { magnitude }
}

/// Colour the digits a quotient shares with the limit (pretty, on a terminal).
fn highlight(q: &str, limit: Option<&str>, style: Style) -> String {
    let Some(limit) = limit.filter(|_| style == Style::Pretty) else {
        return q.to_string();
    };
    let shared = q.chars().zip(limit.chars()).take_while(|(a, b)| a == b).count();
    let (same, rest) = q.split_at(q.char_indices().nth(shared).map_or(q.len(), |(i, _)| i));
    format!("{}{rest}", same.green().bold())
}

fn table_text(
    s: &Subject,
    quotients: &[Quotient],
    limit: Option<&(Tangent, Shown)>,
    style: Style,
    digits: u32,
) -> String {
    let minus = if style == Style::Pretty { "−" } else { "-" };
    let f = render(&s.f, style);
    let mut out = format!("f({}) = {f}, a = {}\n", s.var, render(&s.a(), style));
    if let Some(note) = s.holding_note() {
        out.push_str(&format!("{note}\n"));
    }
    let right: Vec<&Quotient> = quotients.iter().filter(|q| q.row.side == Side::Right).collect();
    let left: Vec<&Quotient> = quotients.iter().filter(|q| q.row.side == Side::Left).collect();
    let h_width = right.iter().map(|q| h_text(&q.row).len()).max().unwrap_or(1).max(1);
    let q_width = right.iter().map(|q| q.text.len()).max().unwrap_or(0).max(17);
    let limit_digits = limit.map(|(_, shown)| shown.decimal.as_str());
    out.push_str(&format!(
        "{:>h_width$}   {:<q_width$}   [f(a{minus}h) {minus} f(a)]/({minus}h)\n",
        "h",
        format!("[f(a+h) {minus} f(a)]/h"),
    ));
    for (r, l) in right.iter().zip(&left) {
        let pad = q_width.saturating_sub(r.text.chars().count());
        out.push_str(&format!(
            "{:>h_width$}   {}{}   {}\n",
            h_text(&r.row),
            highlight(&r.text, limit_digits, style),
            " ".repeat(pad),
            highlight(&l.text, limit_digits, style),
        ));
    }
    match limit {
        Some((t, shown)) => {
            let a = render(&s.a(), style);
            out.push_str(&format!("limit as h -> 0: f'({a}) = {}\n", shown.text(style)));
            out.push_str(&format!("tangent line: {}", line_text(&t.line, digits, style)));
        }
        None => out.push_str("limit as h -> 0: does not exist"),
    }
    if style == Style::Pretty {
        out = out.replace("->", "→");
    }
    out
}

fn latex(s: &Subject, quotients: &[Quotient], limit: Option<&(Tangent, Shown)>, digits: u32) -> String {
    let mut out = String::from(
        "\\begin{tabular}{rll}\n$h$ & $\\frac{f(a+h)-f(a)}{h}$ & $\\frac{f(a-h)-f(a)}{-h}$ \\\\\n\\hline\n",
    );
    let right = quotients.iter().filter(|q| q.row.side == Side::Right);
    let left = quotients.iter().filter(|q| q.row.side == Side::Left);
    for (r, l) in right.zip(left) {
        out.push_str(&format!("${}$ & ${}$ & ${}$ \\\\\n", h_text(&r.row), r.text, l.text));
    }
    out.push_str("\\end{tabular}\n");
    if let Some((t, shown)) = limit {
        out.push_str(&format!(
            "$f'({}) = {}$, tangent ${}$",
            render(&s.a(), Style::Latex),
            shown.latex(),
            line_text(&t.line, digits, Style::Latex)
        ));
    }
    out
}

fn json_text(s: &Subject, quotients: &[Quotient], limit: Option<&(Tangent, Shown)>, digits: u32) -> String {
    let table: Vec<serde_json::Value> = quotients
        .iter()
        .map(|q| {
            json!({
                "side": if q.row.side == Side::Left { "left" } else { "right" },
                "h": h_text(&q.row),
                "quotient": q.text,
                "exact": q.exact,
                "quotient_value": super::output::json_number(q.value),
            })
        })
        .collect();
    let at: serde_json::Map<String, serde_json::Value> =
        s.point.values.iter().map(|(n, e)| (n.clone(), json!(plain(e)))).collect();
    let mut obj = json!({"input": s.input, "wrt": s.var, "at": at, "table": table});
    match limit {
        Some((t, shown)) => {
            obj["value"] = shown.json_value();
            obj["exact"] = shown.json_exact();
            obj["tangent"] = json!(line_text(&t.line, digits, Style::Plain));
        }
        None => {
            obj["value"] = serde_json::Value::Null;
            obj["exact"] = serde_json::Value::Null;
            obj["tangent"] = serde_json::Value::Null;
        }
    }
    obj.to_string()
}
