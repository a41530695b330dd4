//! Output helpers: decimal formatting, JSON numbers that are never bare
//! NaN/Infinity, and the colour decision.

use super::args::{ColorChoice, Format};
use crate::render::Style;
use serde_json::{Value as Json, json};
use std::io::IsTerminal;

fn non_finite(v: f64) -> &'static str {
    if v.is_nan() {
        "nan"
    } else if v > 0.0 {
        "inf"
    } else {
        "-inf"
    }
}

/// A JSON number, or "inf"/"-inf"/"nan" as strings (DESIGN.md §4).
pub fn json_number(v: f64) -> Json {
    if v.is_finite() { json!(v) } else { json!(non_finite(v)) }
}

/// The expression style of an output format (JSON answers carry plain text).
pub fn style_of(format: Format) -> Style {
    match format {
        Format::Pretty => Style::Pretty,
        Format::Latex => Style::Latex,
        Format::Plain | Format::Json => Style::Plain,
    }
}

/// Decide colour once, the way hyperfine does.
pub fn decide_color(choice: ColorChoice) {
    let on = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none()
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
        }
    };
    colored::control::set_override(on);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_never_bare_nan() {
        assert_eq!(json_number(f64::INFINITY), json!("inf"));
        assert_eq!(json_number(1.5), json!(1.5));
    }
}
