//! Output helpers: decimal formatting, JSON numbers that are never bare
//! NaN/Infinity, and the colour decision.

use super::args::ColorChoice;
use serde_json::{Value as Json, json};
use std::io::IsTerminal;

/// `v` to `digits` significant digits, trailing zeros trimmed; scientific
/// notation outside 1e-5 ..= 1e15.
pub fn decimal(v: f64, digits: u32) -> String {
    if !v.is_finite() {
        return non_finite(v).to_string();
    }
    if v == 0.0 {
        return "0".to_string();
    }
    let sci = format!("{:.*e}", (digits - 1) as usize, v);
    let (mantissa, exponent) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    if (-5..15).contains(&exponent) {
        let places = (digits as i32 - 1 - exponent).max(0) as usize;
        trim_zeros(&format!("{v:.places$}"))
    } else {
        format!("{}e{exponent}", trim_zeros(mantissa))
    }
}

fn trim_zeros(s: &str) -> String {
    if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s.to_string() }
}

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
    fn decimals() {
        assert_eq!(decimal(6.0, 15), "6");
        assert_eq!(decimal(0.25, 15), "0.25");
        assert_eq!(decimal(std::f64::consts::FRAC_1_SQRT_2, 15), "0.707106781186548");
        assert_eq!(decimal(1e-9, 3), "1e-9");
        assert_eq!(decimal(-2.5e20, 15), "-2.5e20");
        assert_eq!(decimal(f64::NAN, 15), "nan");
    }

    #[test]
    fn json_never_bare_nan() {
        assert_eq!(json_number(f64::INFINITY), json!("inf"));
        assert_eq!(json_number(1.5), json!(1.5));
    }
}
