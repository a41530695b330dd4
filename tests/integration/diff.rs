use crate::{dcalc, run_ok};

fn diff(args: &[&str]) -> String {
    let mut all = vec!["diff"];
    all.extend_from_slice(args);
    run_ok(&all)
}

#[test]
fn textbook_derivatives() {
    let cases = [
        ("x^3", "3*x^2"),
        ("7", "0"),
        ("x", "1"),
        ("x^-2", "-2/x^3"),
        ("sqrt(x)", "1/(2*sqrt(x))"),
        ("3x^2 + 2x + 1", "6*x + 2"),
        ("sin(x)^2", "2*sin(x)*cos(x)"),
        ("exp(x)", "exp(x)"),
        ("ln(x)", "1/x"),
        ("x^x", "x^x*(ln(x) + 1)"),
        ("sigmoid(x)", "sigmoid(x)*(1 - sigmoid(x))"),
        ("tanh(x)", "1 - tanh(x)^2"),
        ("cos(x)^2 + sin(x)^2", "0"),
        ("1/x", "-1/x^2"),
        ("atan(x)", "1/(x^2 + 1)"),
        ("asin(x)", "1/sqrt(1 - x^2)"),
        ("2^x", "2^x*ln(2)"),
        ("log(x, 2)", "1/(x*ln(2))"),
        ("abs(x)", "sign(x)"),
        ("relu(x)", "step(x)"),
        ("softplus(x)", "sigmoid(x)"),
        ("cbrt(x)", "1/(3*x^(2/3))"),
        ("x^(2/3)", "2/(3*cbrt(x))"),
        ("sin(x)/x", "cos(x)/x - sin(x)/x^2"),
        ("floor(x)", "0"),
        ("max(x, 2)", "step(x - 2)"),
        ("e^x", "exp(x)"),
        ("x^2 y", "2*x*y"),
    ];
    for (input, expected) in cases {
        let wrt = if input.contains('y') { vec![input, "--wrt", "x"] } else { vec![input] };
        assert_eq!(diff(&wrt), expected, "d/dx {input}");
    }
}

#[test]
fn partial_derivative_of_squared_error() {
    assert_eq!(diff(&["(w*x + b - y)^2", "--wrt", "w"]), "2*x*(w*x + b - y)");
    assert_eq!(diff(&["(w*x + b - y)^2", "--wrt", "b"]), "2*(w*x + b - y)");
}

#[test]
fn higher_orders() {
    assert_eq!(diff(&["x^5", "--order", "2"]), "20*x^3");
    assert_eq!(diff(&["x^5", "--order", "6"]), "0");
    assert_eq!(diff(&["sin(x)", "--order", "4"]), "sin(x)");
    assert_eq!(diff(&["x^2", "--order", "0"]), "x^2");
}

#[test]
fn values_at_a_point() {
    assert_eq!(diff(&["x^2", "--at", "3"]), "6");
    assert_eq!(diff(&["x^2", "--at", "x=-1/2"]), "-1");
    assert_eq!(diff(&["x^3", "--at", "1/2"]), "3/4");
    assert_eq!(diff(&["x*abs(x)", "--at", "0"]), "0");
    assert_eq!(diff(&["(w*2 + b - 5)^2", "--wrt", "w", "--at", "w=1,b=0"]), "-12");
    assert_eq!(diff(&["x^3", "--order", "2", "--at", "2"]), "12");
}

#[test]
fn kinks_are_explained_not_evaluated() {
    for (f, expected) in [
        ("abs(x)", "left derivative -1, right derivative 1"),
        ("relu(x)", "left derivative 0, right derivative 1"),
    ] {
        let out = dcalc().args(["diff", f, "--at", "0"]).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(out.stdout.is_empty());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("does not exist") && err.contains(expected), "{err}");
    }
    let out = dcalc().args(["diff", "abs(x)", "--order", "2", "--at", "0"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "abs'' does not exist at 0 either");
}

#[test]
fn output_pipes_back_in() {
    let first = run_ok(&["diff", "x^3"]);
    let out = dcalc().args(["diff", "-"]).write_stdin(first + "\n").output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "6*x");
}

#[test]
fn stdin_answers_each_line_and_reports_bad_ones() {
    // One output line per input line: good, bad, blank and comment lines.
    let input = "x^2\nsin(\n\n# a comment\nx^3\nsine(x)\n\u{feff}x\n";
    let out = dcalc().args(["diff", "-"]).write_stdin(format!("\u{feff}{input}")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "2*x\n\n\n\n3*x^2\n\n\n");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 2") && err.contains("line 6") && err.contains("line 7"), "{err}");
    assert!(!err.contains("line 1:") && !err.contains("line 3") && !err.contains("line 4"), "{err}");
}

#[test]
fn json_output() {
    let out = run_ok(&["--format", "json", "diff", "x^2", "--at", "3"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["input"], "x^2");
    assert_eq!(v["wrt"], "x");
    assert_eq!(v["order"], 1);
    assert_eq!(v["derivative"], "2*x");
    assert_eq!(v["latex"], "2 x");
    assert_eq!(v["value"], 6.0);
    assert_eq!(v["exact"], "6");
    let out = dcalc().args(["diff", "-", "--format", "json"]).write_stdin("x^2\n)\n").output().unwrap();
    let lines: Vec<serde_json::Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines[1]["error"]["line"], 2);
    assert_eq!(lines[1]["error"]["column"], 1);
    assert_eq!(lines[1]["input"], ")");
    assert!(lines[1]["error"]["message"].as_str().unwrap().contains("expected"));
    // A single expression's error is one JSON object too, and a message on stderr.
    let out = dcalc().args(["--format", "json", "diff", "x +* 2"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((v["error"]["line"].as_u64(), v["error"]["column"].as_u64()), (Some(1), Some(4)));
    assert!(String::from_utf8_lossy(&out.stderr).contains("^"));
}

#[test]
fn pretty_and_latex_output() {
    assert_eq!(run_ok(&["diff", "x^3", "--format", "pretty", "--color", "never"]), "d/dx (x³) = 3x²");
    assert_eq!(run_ok(&["diff", "1/x", "--format", "latex"]), "-\\frac{1}{x^{2}}");
    let coloured = run_ok(&["diff", "x^3", "--format", "pretty", "--color", "always"]);
    assert!(coloured.contains("\u{1b}["), "colour was asked for");
}

#[test]
fn variable_choice_errors() {
    for args in [vec!["diff", "x*y"], vec!["diff", "x^2", "--wrt", "y"], vec!["diff", "x^2", "--wrt", "2x"]] {
        let out = dcalc().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "one clear line: {err}");
    }
}

#[test]
fn broken_pipe_is_a_quiet_success() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_dcalc"))
        .args(["diff", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let lines = "x^3 + sin(x)*exp(x)\n".repeat(200_000);
        let _ = stdin.write_all(lines.as_bytes());
    });
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    // Dropping the reader closes the pipe, like `| head -1`.
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(first.starts_with("3*x^2"));
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).is_empty());
}
