//! What the rate-of-change commands work on: the parsed function, the
//! variable that moves, and the point (with the other variables held fixed).

use crate::domain::Formula;
use crate::expr::Expr;
use crate::point::{Point, choose_variable, parse_point};
use crate::render::plain;

pub struct Subject {
    pub input: String,
    /// The function with its domain as written.
    pub formula: Formula,
    pub f: Expr,
    pub var: String,
    pub point: Point,
}

impl Subject {
    /// Parse `text`, choose the variable and read the point; every
    /// variable but `var` must have a value, and `var` too when `needs_var`.
    pub fn new(text: &str, wrt: Option<&str>, at: Option<&str>, needs_var: bool) -> anyhow::Result<Subject> {
        let formula = crate::parse::parse_formula(text)?;
        let f = formula.expr.clone();
        let var = choose_variable(&f, wrt).map_err(anyhow::Error::msg)?;
        let point = match at {
            Some(at) => parse_point(at, &var)?,
            None => Point::default(),
        };
        let given = point.values.iter().any(|(n, _)| *n == var);
        let missing: Vec<String> = point.missing(&f).into_iter().filter(|v| needs_var || *v != var).collect();
        if needs_var && !given && !missing.contains(&var) {
            anyhow::bail!("--at gives no value for {var}");
        }
        if !missing.is_empty() {
            anyhow::bail!("--at gives no value for {}", missing.join(", "));
        }
        Ok(Subject { input: text.to_string(), formula, f, var, point })
    }

    /// The value of the moving variable at the point.
    pub fn a(&self) -> Expr {
        self.point
            .values
            .iter()
            .find(|(n, _)| *n == self.var)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| crate::simplify::int(0))
    }

    /// The other variables' values, held fixed.
    pub fn fixed(&self) -> Point {
        Point { values: self.point.values.iter().filter(|(n, _)| *n != self.var).cloned().collect() }
    }

    /// "nudging w, holding b = 0 fixed" when there are other variables.
    pub fn holding_note(&self) -> Option<String> {
        let fixed = self.fixed();
        (!fixed.values.is_empty())
            .then(|| format!("nudging {}, holding {} fixed", self.var, fixed.describe()))
    }

    pub fn a_text(&self) -> String {
        plain(&self.a())
    }
}
