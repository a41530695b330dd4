//! The snapshot matrix: every command in every format, reviewed once and
//! kept (insta). A change in any output shows up here as a diff to review.

use super::dcalc;

/// Each command, as a name for its snapshot and its arguments.
const COMMANDS: &[(&str, &[&str])] = &[
    ("diff", &["diff", "x^3"]),
    ("diff_at", &["diff", "sin(x)", "--at", "1"]),
    ("diff_partial", &["diff", "(w*x + b - y)^2", "--wrt", "w"]),
    ("diff_order", &["diff", "x^5", "--order", "2"]),
    ("diff_steps", &["diff", "sin(x^2)", "--steps"]),
    ("diff_definition", &["diff", "x^2", "--definition"]),
    ("diff_piecewise", &["diff", "if x < 1 then x^2 else 2x - 1"]),
    ("eval", &["eval", "cos(pi/4)"]),
    ("eval_at", &["eval", "x^2", "--at", "1/3"]),
    ("limit", &["limit", "sin(x)/x", "--at", "0"]),
    ("limit_none", &["limit", "abs(x)/x", "--at", "0"]),
    ("limit_inf", &["limit", "(1+1/x)^x", "--at", "inf"]),
    ("limit_side", &["limit", "x*ln(x)", "--at", "0", "--side", "right"]),
    ("check_corner", &["check-differentiable", "relu(x)", "--at", "0"]),
    ("check_smooth", &["check-differentiable", "x^2", "--at", "1"]),
    ("check_held", &["check-differentiable", "relu(w*x + b)", "--wrt", "b", "--at", "w=1,b=0,x=0"]),
    ("check_scan", &["check-differentiable", "abs(x-1) + relu(x+2)", "--on", "-3..3"]),
    ("slope", &["slope", "x^2", "--at", "3", "--rows", "3"]),
    ("secant", &["secant", "x^2", "--from", "1", "--to", "4"]),
    ("tangent", &["tangent", "x^2", "--at", "3"]),
    ("tangent_held", &["tangent", "(w*2 + b - 5)^2", "--wrt", "w", "--at", "w=1,b=0"]),
    ("grad", &["grad", "x^2*y + y^3"]),
    ("grad_at", &["grad", "(w*2 + b - 5)^2", "--at", "w=1,b=0"]),
];

fn run(format: &str, args: &[&str]) -> String {
    let out = dcalc().args(["--color", "never", "--format", format]).args(args).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).trim_end().to_string();
    format!("--- {format} (exit {})\n{text}\n", out.status.code().unwrap_or(-1))
}

#[test]
fn every_command_in_every_format() {
    for (name, args) in COMMANDS {
        let all: String = ["plain", "pretty", "latex", "json"].iter().map(|f| run(f, args)).collect();
        insta::assert_snapshot!(*name, all, &args.join(" "));
    }
}

#[test]
fn descend_in_every_format() {
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/line.csv");
    let args = [
        "descend",
        "(w*x + b - y)^2",
        "--data",
        data,
        "--from",
        "w=0,b=0",
        "--rate",
        "0.05",
        "--iterations",
        "4",
    ];
    let all: String = ["plain", "pretty", "latex", "json"].iter().map(|f| run(f, &args)).collect();
    insta::assert_snapshot!("descend", all.replace(data, "line.csv"));
}
