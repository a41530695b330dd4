//! How a computed number is shown: its exact closed form where that is
//! informative (`6`, `1/9`, `sqrt(2)/2`, `2/pi`), and always a decimal whose
//! every printed digit is right.

use super::output::json_number;
use crate::expr::{Expr, Kind};
use crate::render::{Style, plain, render};
use serde_json::{Value as Json, json};

/// Longest exact form worth showing next to its decimal.
const MAX_EXACT_CHARS: usize = 120;

pub struct Shown {
    /// The closed form, when it says more than the decimal.
    pub exact: Option<Expr>,
    /// Correctly rounded to the requested significant digits.
    pub decimal: String,
    pub value: f64,
}

/// A closed form is worth showing when it is short enough to read
/// (`sqrt(2)/2`, `cos(1)`, `exp(-1)`).
fn informative(e: &Expr) -> bool {
    !matches!(e.kind(), Kind::Piecewise(_)) && plain(e).len() <= MAX_EXACT_CHARS
}

impl Shown {
    pub fn new(e: &Expr, digits: u32) -> Result<Shown, crate::eval::DomainError> {
        let decimal = crate::precise::digits(e, digits)?;
        // JSON numbers carry every digit a double holds, whatever --digits says.
        let value =
            if digits >= 17 { decimal.parse::<f64>().unwrap_or(f64::NAN) } else { crate::precise::value(e)? };
        let exact = informative(e).then(|| e.clone());
        Ok(Shown { exact, decimal, value })
    }

    /// A number known only approximately (an f64 from the compiled tape).
    pub fn approximate(value: f64, digits: u32) -> Shown {
        let decimal = crate::number::from_f64(value).map_or_else(
            || super::output::json_number(value).to_string(),
            |q| crate::number::round_decimal(&q, digits),
        );
        Shown { exact: None, decimal, value }
    }

    /// `6`, `1/4 = 0.25`, `sqrt(2)/2  # ~0.707106781186548`, or the decimal
    /// alone. Plain output reads back in: the approximation is a comment.
    pub fn text(&self, style: Style) -> String {
        let Some(exact) = &self.exact else {
            return self.decimal.clone();
        };
        let exact_text = render(exact, style);
        // Plain output stays one value a script can use: a rational is exact.
        if exact.as_num().is_some_and(|q| crate::number::is_integer(q) || style == Style::Plain) {
            return exact_text;
        }
        let terminating = exact.as_num().and_then(crate::number::terminating_decimal);
        match (terminating, style) {
            (Some(t), _) if t == self.decimal => format!("{exact_text} = {}", self.decimal),
            (_, Style::Plain) => format!("{exact_text}  # ~{}", self.decimal),
            _ => format!("{exact_text} ≈ {}", self.decimal),
        }
    }

    /// The LaTeX of the exact form, else the decimal.
    pub fn latex(&self) -> String {
        self.exact.as_ref().map_or_else(|| self.decimal.clone(), |e| render(e, Style::Latex))
    }

    pub fn json_value(&self) -> Json {
        json_number(self.value)
    }

    pub fn json_exact(&self) -> Json {
        json!(self.exact.as_ref().map(plain))
    }
}

/// `y = m*x + c`; a slope or intercept with no informative closed form
/// (`cos(1)*exp(sin(1))`) is shown as its correctly rounded decimal.
pub fn line_text(line: &crate::rates::Line, digits: u32, style: Style) -> String {
    if informative(&line.slope) && informative(&line.intercept) {
        return line.equation(style);
    }
    let text = |e: &Expr| {
        if informative(e) {
            render(e, style)
        } else {
            crate::precise::digits(e, digits).unwrap_or_else(|_| render(e, style))
        }
    };
    let times = if style == Style::Plain { "*" } else { "·" };
    let slope = text(&line.slope);
    let intercept = text(&line.intercept);
    let x = &line.var;
    match (line.slope.is_zero(), intercept.strip_prefix('-')) {
        (true, _) => format!("y = {intercept}"),
        (false, _) if line.intercept.is_zero() => format!("y = {slope}{times}{x}"),
        (false, Some(magnitude)) => format!("y = {slope}{times}{x} - {magnitude}"),
        (false, None) => format!("y = {slope}{times}{x} + {intercept}"),
    }
}
