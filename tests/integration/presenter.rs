//! Answers as data, one presenter (issue 11): every example of the issue,
//! plain output that pipes back in, help that cannot go stale.

use super::{dcalc, run_ok};

fn json(args: &[&str]) -> serde_json::Value {
    let out = dcalc().args(["--format", "json"]).args(args).output().unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}"))
}

/// Feed plain output back into dcalc: it must read as an expression.
fn reads_back(text: &str) {
    for line in text.lines() {
        let out = dcalc()
            .args(["eval", "-", "--at", "x=1/2,y=1/3,w=1,b=0"])
            .write_stdin(format!("{line}\n"))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("expected"), "{line:?} does not read back: {err}");
    }
}

#[test]
fn plain_output_pipes_back_in() {
    for args in [
        &["diff", "x^3"][..],
        &["diff", "sin(x)", "--at", "1"],
        &["diff", "if x < 1 then x^2 else 2x - 1"],
        &["diff", "x^5", "--order", "2"],
        &["eval", "cos(pi/4)"],
        &["eval", "x^2", "--at", "1/3"],
        &["eval", "exp(2)"],
        &["limit", "sin(x)/x", "--at", "0"],
        &["limit", "(1+1/x)^x", "--at", "inf"],
        &["limit", "(2^x - 1)/x", "--at", "0"],
    ] {
        reads_back(&run_ok(args));
    }
    let first = run_ok(&["eval", "cos(pi/4)"]);
    let out = dcalc().args(["eval", "-"]).write_stdin(format!("{first}\n")).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), first);
}

#[test]
fn the_issue_examples() {
    // LaTeX for grad: one backslash, and the f.
    assert_eq!(
        run_ok(&["--format", "latex", "grad", "x^2*y + y^3"]),
        "$\\frac{\\partial f}{\\partial x} = 2 x y$ \\\\\n$\\frac{\\partial f}{\\partial y} = x^{2} + 3 y^{2}$"
    );
    // LaTeX for plots is pgfplots; JSON is the figure as data.
    let latex = run_ok(&["--format", "latex", "plot", "x^2", "--tangent-at", "1"]);
    assert!(latex.starts_with("\\begin{tikzpicture}") && latex.contains("\\addplot"), "{latex}");
    let fig = json(&["plot", "x^2", "--tangent-at", "1"]);
    assert_eq!(fig["curves"][1]["kind"], "tangent");
    assert_eq!(fig["marks"][0]["kind"], "closed");
    assert!(fig["x_ticks"].as_array().is_some_and(|t| !t.is_empty()));
    // LaTeX for check-differentiable and descend is LaTeX, not plain text.
    assert!(run_ok(&["--format", "latex", "check-differentiable", "x^2", "--at", "1"]).contains("$"));
    // `at` is an object everywhere, held values too; numbers keep every digit.
    let v = json(&["check-differentiable", "relu(w*x+b)", "--wrt", "b", "--at", "w=1,b=0,x=0"]);
    assert_eq!(v["at"], serde_json::json!({"w": "1", "b": "0", "x": "0"}));
    let v = json(&["tangent", "x^2", "--at", "3"]);
    assert_eq!(v["at"], serde_json::json!({"x": "3"}));
    // `value` is a number in every command, the exact form beside it.
    let v = json(&["check-differentiable", "x^2 + 1/3", "--at", "1"]);
    assert_eq!((v["value"].as_f64(), v["value_exact"].as_str()), (Some(4.0 / 3.0), Some("4/3")));
    assert_eq!(json(&["eval", "1/3", "--digits", "3"])["value"], 1.0 / 3.0);
    // Values carry their closed form; plain text reads back.
    assert_eq!(run_ok(&["diff", "sin(x)", "--at", "1"]), "cos(1)  # ~0.54030230586814");
    assert!(run_ok(&["tangent", "ln(x)", "--at", "e"]).ends_with("tangent line: y = x*exp(-1)"));
}

#[test]
fn glued_names_and_missing_variables_are_named() {
    let out = dcalc().args(["diff", "sinx"]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "1");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("note: 'sinx' is one variable; did you mean sin(x)?")
    );
    let out = dcalc().args(["grad", "w*x", "--wrt", "w,q"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no variable q"));
}

#[test]
fn help_lists_every_function_and_shows_examples() {
    let help = run_ok(&["--help"]);
    for f in ["erf(u)", "elu(u)", "gelu(u)", "silu(u)", "leaky_relu(u, a)", "sigmoid(u)"] {
        assert!(help.contains(f), "--help lacks {f}");
    }
    for sub in [
        "diff",
        "slope",
        "secant",
        "tangent",
        "eval",
        "limit",
        "check-differentiable",
        "grad",
        "descend",
        "plot",
    ] {
        assert!(run_ok(&[sub, "--help"]).contains("Examples:\n  dcalc"), "{sub} --help has no examples");
    }
    let man = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/man/dcalc-limit.1")).unwrap();
    for section in [".SH EXAMPLES", ".SH \"EXIT STATUS\"", ".SH ENVIRONMENT", "NO_COLOR"] {
        assert!(man.contains(section), "man page lacks {section}");
    }
}
