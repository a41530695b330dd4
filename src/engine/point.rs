//! Points (`3`, `x=3`, `w=1,b=0`) and the choice of the variable to
//! differentiate by.

use crate::engine::error::InputError;
use crate::engine::expr::Expr;
use crate::engine::parse::parse_value;
use crate::numeric::eval::{DomainError, evaluate};
use crate::render::plain;
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
pub fn choose_variable(e: &Expr, wrt: Option<&str>) -> Result<String, VariableError> {
    choose_among(&e.variables(), wrt)
}

/// `choose_variable` for an expression whose variables are already known.
pub fn choose_among(variables: &[std::rc::Rc<str>], wrt: Option<&str>) -> Result<String, VariableError> {
    let vars: Vec<String> = variables.iter().map(|v| v.to_string()).collect();
    match wrt {
        Some(w) if !is_identifier(w) => Err(VariableError::NotAName(w.to_string())),
        Some(w) if vars.is_empty() || vars.iter().any(|v| v == w) => Ok(w.to_string()),
        Some(w) => Err(VariableError::Absent { name: w.to_string(), variables: vars }),
        None => match vars.as_slice() {
            [] => Ok("x".to_string()),
            [only] => Ok(only.to_string()),
            _ => Err(VariableError::Several(vars)),
        },
    }
}

/// Why the variable to differentiate by cannot be chosen.
#[derive(Debug, Clone, PartialEq)]
pub enum VariableError {
    NotAName(String),
    /// The name asked for does not occur (the variables that do).
    Absent {
        name: String,
        variables: Vec<String>,
    },
    /// No name was given and there are several.
    Several(Vec<String>),
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
