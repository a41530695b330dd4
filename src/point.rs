//! Points (`3`, `x=3`, `w=1,b=0`), the choice of the variable to
//! differentiate by, and a derivative's value at a point: exact where it
//! can be, and refused with the one-sided derivatives where the function
//! has a corner or a jump there.

use crate::error::InputError;
use crate::eval::{DomainError, evaluate, substitute};
use crate::expr::{Expr, Kind};
use crate::functions::{Function, Kink};
use crate::parse::parse_value;
use crate::render::plain;
use crate::simplify::{constant, func};
use std::collections::HashMap;

/// Values for variables, in the order given.
#[derive(Debug, Clone, Default)]
pub struct Point {
    pub values: Vec<(String, Expr)>,
}

impl Point {
    pub fn exact(&self) -> HashMap<String, Expr> {
        self.values.iter().cloned().collect()
    }

    pub fn approximate(&self) -> Result<HashMap<String, f64>, DomainError> {
        self.values.iter().map(|(name, e)| Ok((name.clone(), evaluate(e, &HashMap::new())?))).collect()
    }

    /// The variables of `f` that this point gives no value.
    pub fn missing(&self, f: &Expr) -> Vec<String> {
        f.variables()
            .iter()
            .filter(|v| !self.values.iter().any(|(n, _)| n == &***v))
            .map(|v| v.to_string())
            .collect()
    }

    /// `x = 3` or `w = 1, b = 0`, in plain syntax.
    pub fn describe(&self) -> String {
        let parts: Vec<String> = self.values.iter().map(|(n, e)| format!("{n} = {}", plain(e))).collect();
        parts.join(", ")
    }
}

/// Parse `3`, `x=3`, `pi/4` or `w=1,b=0`. A bare value belongs to `default_var`.
pub fn parse_point(text: &str, default_var: &str) -> Result<Point, InputError> {
    let mut point = Point::default();
    let mut start = 0;
    for part in split_top_level(text) {
        let offset = start;
        start += part.len() + 1;
        let (name, value_text, value_offset) = match part.split_once('=') {
            Some((n, v)) => (n.trim(), v, offset + n.len() + 1),
            None => (default_var, part, offset),
        };
        if !is_identifier(name) {
            return Err(InputError::new(
                format!("'{name}' is not a variable name"),
                text,
                offset..offset + part.len(),
            ));
        }
        let value = parse_value(value_text).map_err(|e| {
            let span = e.span.start + value_offset..e.span.end + value_offset;
            InputError { input: text.to_string(), span, ..e }
        })?;
        if point.values.iter().any(|(n, _)| n == name) {
            return Err(InputError::new(format!("{name} is given twice"), text, offset..offset + part.len()));
        }
        point.values.push((name.to_string(), value));
    }
    Ok(point)
}

/// Split at commas outside parentheses (`max(1,2), y=3`).
fn split_top_level(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The variable to differentiate by: `wrt` if given (it must occur in the
/// expression, unless the expression is constant), else the only one,
/// else `x` for a constant.
pub fn choose_variable(e: &Expr, wrt: Option<&str>) -> Result<String, String> {
    let vars = e.variables();
    let list = || vars.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(", ");
    match wrt {
        Some(w) if !is_identifier(w) => Err(format!("--wrt {w}: not a variable name")),
        Some(w) if vars.is_empty() || vars.iter().any(|v| &**v == w) => Ok(w.to_string()),
        Some(w) => Err(format!("--wrt {w}: the expression has no variable {w} (its variables: {})", list())),
        None => match vars.as_slice() {
            [] => Ok("x".to_string()),
            [only] => Ok(only.to_string()),
            _ => Err(format!("the expression has several variables ({}): choose one with --wrt", list())),
        },
    }
}

/// Is some kinked function of `e` exactly at its kink at this point?
pub fn has_active_kink(e: &Expr, point: &HashMap<String, Expr>) -> bool {
    active_kink(e, point, |_| true).is_some()
}

/// The first function of `e` (that `wanted` accepts) whose arguments sit
/// exactly on one of its kinks at this point.
pub fn active_kink(
    e: &Expr,
    point: &HashMap<String, Expr>,
    wanted: impl Fn(Function) -> bool,
) -> Option<Function> {
    let mut stack = vec![e.clone()];
    while let Some(e) = stack.pop() {
        match e.kind() {
            Kind::Func(f, args) => {
                if let Some((_, at_kink)) = f.def().kink.filter(|_| wanted(*f)) {
                    let values: Vec<Expr> = args.iter().map(|a| substitute(a, point)).collect();
                    if at_kink(&values) {
                        return Some(*f);
                    }
                }
                stack.extend(args.iter().cloned());
            }
            Kind::Add(items) | Kind::Mul(items) => stack.extend(items.iter().cloned()),
            Kind::Pow(b, x) => stack.extend([b.clone(), x.clone()]),
            _ => {}
        }
    }
    None
}

/// Whether some piecewise condition of `e` sits on its boundary at the
/// point (its two sides equal there, or too close to tell apart).
pub fn at_junction(e: &Expr, point: &HashMap<String, Expr>) -> bool {
    let mut stack = vec![e.clone()];
    while let Some(e) = stack.pop() {
        if let Kind::Cmp(_, sides) = e.kind() {
            let d = substitute(&crate::simplify::sub(&sides[0], &sides[1]), point);
            if !matches!(crate::precise::sign(&d), Ok(Some(s)) if s != std::cmp::Ordering::Equal) {
                return true;
            }
        }
        if e.has_variables() {
            stack.extend(e.children().iter().cloned());
        }
    }
    false
}

/// `e` at the point, approached from one side along `var`: every jump
/// function sitting exactly on its jump takes its one-sided value, read
/// off just beside the point (these functions are locally constant there).
pub fn one_sided(e: &Expr, point: &Point, var: &str, side: f64) -> Expr {
    let exact = point.exact();
    let mut nearby = point.approximate().unwrap_or_default();
    if let Some(v) = nearby.get_mut(var) {
        *v += side * 1e-9 * v.abs().max(1.0);
    }
    rebuild(e, &exact, &nearby)
}

fn rebuild(e: &Expr, exact: &HashMap<String, Expr>, nearby: &HashMap<String, f64>) -> Expr {
    match e.kind() {
        Kind::Func(f, args) => {
            let values: Vec<Expr> = args.iter().map(|a| rebuild(a, exact, nearby)).collect();
            match f.def().kink {
                Some((Kink::Jump, at_kink)) if at_kink(&values) => {
                    let shifted: Option<Vec<f64>> = args.iter().map(|a| evaluate(a, nearby).ok()).collect();
                    let side_value = shifted.and_then(|s| (f.def().eval)(&s).ok());
                    match side_value.and_then(|v| dashu_ratio::RBig::try_from(v).ok()) {
                        Some(q) => constant(q),
                        None => func(*f, values),
                    }
                }
                _ => func(*f, values),
            }
        }
        Kind::Add(items) => crate::simplify::add(items.iter().map(|t| rebuild(t, exact, nearby)).collect()),
        Kind::Mul(items) => crate::simplify::mul(items.iter().map(|t| rebuild(t, exact, nearby)).collect()),
        Kind::Pow(b, x) => crate::simplify::pow(&rebuild(b, exact, nearby), &rebuild(x, exact, nearby)),
        _ => substitute(e, exact),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_parse() {
        let p = parse_point("w=1, b=0", "x").unwrap();
        assert_eq!(p.describe(), "w = 1, b = 0");
        assert!(parse_point("x=", "x").is_err());
        assert!(parse_point("x=y", "x").is_err());
        assert!(parse_point("2x=1", "x").is_err());
    }
}
