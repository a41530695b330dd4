//! A tangent or secant line as text, in the form a textbook would write it.
//!
//! Slope-intercept `y = m*x + c` when the intercept is simple (a rational
//! number, or no longer than f(a)); otherwise point-slope
//! `y = f(a) + m*(x - a)`, which keeps f(a) visible and, when the numbers
//! must be rounded, keeps the line right near a: rounding m and c of a
//! steep line separately loses the answer by cancellation (a secant of
//! e^(cosh(x)) at 5 printed as `2.7e53*x - 1.4e54` is 0 at x = 5, where
//! f(5) ≈ 1.7e32). Numbers with no readable closed form print as their
//! correctly rounded decimals.

use super::{Style, plain, render};
use crate::analysis::rates::Line;
use crate::engine::expr::{Expr, Kind};
use crate::engine::simplify::{mul, neg, var};

/// Whether a closed form reads well in a line (else its decimal is shown).
fn readable(e: &Expr) -> bool {
    plain(e).len() <= 120
}

/// The line as `y = …` in `style`, rounded numbers to `digits` digits.
pub fn line_text(line: &Line, digits: u32, style: Style) -> String {
    let exact = readable(&line.slope) && readable(&line.value) && readable(&line.intercept);
    if line.slope.is_zero() {
        return format!("y = {}", Number::of(&line.value, exact, digits, style).signed());
    }
    if exact && slope_intercept_reads_better(line) {
        return slope_intercept(line, style);
    }
    point_slope(line, exact, digits, style)
}

/// `y = m*x + c` when c is as simple as f(a): a rational number, a = 0, or
/// a closed form no longer than f(a)'s (signs aside: `y = x*exp(2) - exp(2)`).
fn slope_intercept_reads_better(line: &Line) -> bool {
    let length = |e: &Expr| plain(&signed(e).1).len();
    line.intercept.is_num() || line.at.is_zero() || length(&line.intercept) <= length(&line.value)
}

fn slope_intercept(line: &Line, style: Style) -> String {
    let slope_term = render(&mul(vec![line.slope.clone(), var(&line.var)]), style);
    let c = &line.intercept;
    if c.is_zero() {
        return format!("y = {slope_term}");
    }
    let c = Number::of(c, true, 0, style);
    let term = if c.is_piecewise { c.magnitude_factor() } else { c.magnitude.clone() };
    format!("y = {slope_term} {} {term}", operator(c.negative, style))
}

/// `y = f(a) + m*(x - a)`, dropping what is zero or one.
fn point_slope(line: &Line, exact: bool, digits: u32, style: Style) -> String {
    let shift = shifted_variable(line, style);
    let m = Number::of(&line.slope, exact, digits, style);
    let factor = if m.is_one() { shift } else { format!("{}{}{shift}", m.magnitude_factor(), times(style)) };
    if line.value.is_zero() {
        let minus = if m.negative { operator(true, style).to_string() } else { String::new() };
        return format!("y = {minus}{factor}");
    }
    let value = Number::of(&line.value, exact, digits, style).signed();
    format!("y = {value} {} {factor}", operator(m.negative, style))
}

/// `(x - a)`, or `(x + a)` for negative a.
fn shifted_variable(line: &Line, style: Style) -> String {
    let (negative, magnitude) = signed(&line.at);
    let a = render(&magnitude, style);
    let (open, close) = if style == Style::Latex { ("\\left(", "\\right)") } else { ("(", ")") };
    format!("{open}{} {} {a}{close}", line.var, operator(!negative, style))
}

/// A coefficient as printed: its sign apart from the text of its magnitude.
struct Number {
    negative: bool,
    magnitude: String,
    /// The magnitude is a sum or a piecewise function: parenthesised as a factor.
    is_sum: bool,
    /// The magnitude is a piecewise function: parenthesised even as a term.
    is_piecewise: bool,
    style: Style,
}

impl Number {
    fn of(e: &Expr, exact: bool, digits: u32, style: Style) -> Number {
        if exact || e.is_num() {
            let (negative, magnitude) = signed(e);
            let is_piecewise = matches!(magnitude.kind(), Kind::Piecewise(_));
            let is_sum = is_piecewise || matches!(magnitude.kind(), Kind::Add(_));
            return Number { negative, magnitude: render(&magnitude, style), is_sum, is_piecewise, style };
        }
        let text = crate::numeric::precise::digits(e, digits).unwrap_or_else(|_| render(e, style));
        let (negative, magnitude) = match text.strip_prefix('-') {
            Some(m) => (true, m.to_string()),
            None => (false, text),
        };
        Number { negative, magnitude: decimal(&magnitude, style), is_sum: false, is_piecewise: false, style }
    }

    fn is_one(&self) -> bool {
        self.magnitude == "1" && !self.is_sum
    }

    /// The magnitude as the left factor of a product.
    fn magnitude_factor(&self) -> String {
        if !self.is_sum {
            return self.magnitude.clone();
        }
        match self.style {
            Style::Latex => format!("\\left({}\\right)", self.magnitude),
            _ => format!("({})", self.magnitude),
        }
    }

    /// The number with its sign, standing alone.
    fn signed(&self) -> String {
        let minus = if self.negative { operator(true, self.style) } else { "" };
        let glue = if (self.negative && self.is_sum) || self.is_piecewise { ("(", ")") } else { ("", "") };
        format!("{minus}{}{}{}", glue.0, self.magnitude, glue.1)
    }
}

/// A rounded decimal in the style: `1.2e-5` plain, `1.2×10⁻⁵` is not
/// attempted; LaTeX gets `1.2\times 10^{-5}`.
fn decimal(text: &str, style: Style) -> String {
    match (style, text.split_once('e')) {
        (Style::Latex, Some((mantissa, exponent))) => format!("{mantissa}\\times 10^{{{exponent}}}"),
        _ => text.to_string(),
    }
}

/// Whether e prints with a leading minus, and its magnitude.
fn signed(e: &Expr) -> (bool, Expr) {
    if super::is_negative(e) { (true, neg(e)) } else { (false, e.clone()) }
}

fn operator(minus: bool, style: Style) -> &'static str {
    match (minus, style) {
        (false, _) => "+",
        (true, Style::Pretty) => "−",
        (true, _) => "-",
    }
}

fn times(style: Style) -> &'static str {
    match style {
        Style::Plain => "*",
        Style::Pretty => "·",
        Style::Latex => " \\cdot ",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::parse::parse;

    fn line(slope: &str, at: &str, value: &str) -> Line {
        let p = |s: &str| parse(s).unwrap();
        Line::through(&p(at), &p(value), p(slope), "x")
    }

    fn text(l: &Line) -> String {
        line_text(l, 15, Style::Plain)
    }

    #[test]
    fn simple_intercepts_are_slope_intercept() {
        assert_eq!(text(&line("6", "3", "9")), "y = 6*x - 9");
        assert_eq!(text(&line("-1", "0", "0")), "y = -x");
        assert_eq!(text(&line("0", "0", "5")), "y = 5");
        assert_eq!(text(&line("ln(2)", "1/2", "ln(2)/2")), "y = x*ln(2)");
        assert_eq!(text(&line("2*sqrt(2)", "sqrt(2)", "2")), "y = 2*sqrt(2)*x - 2");
        assert_eq!(text(&line("cos(1)", "0", "sin(1)")), "y = x*cos(1) + sin(1)");
    }

    #[test]
    fn closed_form_intercepts_are_point_slope() {
        assert_eq!(text(&line("cos(1)", "1", "sin(1)")), "y = sin(1) + cos(1)*(x - 1)");
        assert_eq!(text(&line("-cos(1)", "-1", "sin(1)")), "y = sin(1) - cos(1)*(x + 1)");
        assert_eq!(text(&line("1 + e", "2", "e")), "y = e + (1 + e)*(x - 2)");
        assert_eq!(text(&line("1", "2", "ln(3)")), "y = ln(3) + (x - 2)");
        let branches = "if y < 0 then sin(1) else cos(1)";
        assert_eq!(text(&line(branches, "1", branches)), format!("y = x*({branches})"));
        assert_eq!(text(&line(branches, "2", branches)), format!("y = x*({branches}) - ({branches})"));
        assert_eq!(
            text(&line(&format!("({branches}) + 1"), "2", branches)),
            format!("y = ({branches}) + (({branches}) + 1)*(x - 2)")
        );
        assert_eq!(text(&line("-sqrt(3)", "2", "-ln(3)")), "y = -ln(3) - sqrt(3)*(x - 2)");
        assert_eq!(
            line_text(&line("cos(1)", "1", "sin(1)"), 15, Style::Pretty),
            "y = sin(1) + cos(1)·(x − 1)"
        );
    }

    #[test]
    fn unreadable_numbers_are_rounded_in_point_slope_form() {
        let steep = "exp(cosh(6)) - exp(cosh(5)) + sin(1)^20 + cos(1)^20 + tan(1)^9 + atan(1/3) \
                     + sin(2)^20 + cos(2)^20 + tan(2)^9 + atan(1/5) + sin(3)^7 + cos(3)^9";
        let l = line(steep, "5", "exp(cosh(5))");
        let t = text(&l);
        assert!(t.starts_with("y = 1.69"), "{t}");
        assert!(t.ends_with("e87*(x - 5)"), "{t}");
        assert!(line_text(&l, 15, Style::Latex).contains("\\times 10^{87} \\cdot \\left(x - 5\\right)"));
    }
}
