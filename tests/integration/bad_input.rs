use crate::dcalc;

fn assert_rejected(args: &[&str], stdin: Option<Vec<u8>>) {
    let mut cmd = dcalc();
    cmd.args(args);
    if let Some(bytes) = stdin {
        cmd.write_stdin(bytes);
    }
    let out = cmd.output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:.60?}: {err}");
    assert!(!err.trim().is_empty(), "{args:.60?}: a message on stderr");
    assert!(!err.contains("panicked"), "{args:.60?}: {err}");
    // A failing stdin line keeps its place with an empty output line.
    assert!(out.stdout.iter().all(|b| *b == b'\n'), "{args:.60?}: nothing but empty lines on stdout");
}

#[test]
fn broken_expressions_exit_2_with_a_message() {
    let deep = format!("{}x{}", "(".repeat(100_000), ")".repeat(100_000));
    let huge_broken = format!("{}+", "x+".repeat(500_000));
    let long_power_chain = vec!["x"; 50_000].join("^");
    let inputs = [
        "",
        " ",
        "x^",
        "sin(",
        "((((x",
        "x +* 2",
        "2..3",
        "sine(x)",
        "foo(x)",
        ")",
        "x)",
        "sin",
        "sin(x, y)",
        "max(x)",
        "x = 2",
        "1/0 +",
        "1/0",
        "x/(x - x)",
        "@",
        "x^^2",
        "|x",
        "2^(2^64)^(1/0",
    ];
    for input in inputs {
        assert_rejected(&["diff", input], None);
    }
    // Too long for an argument list: these go through stdin.
    for input in [deep, huge_broken, long_power_chain] {
        assert_rejected(&["diff", "-"], Some(input.into_bytes()));
    }
}

#[test]
fn parse_errors_point_at_the_spot() {
    let out = dcalc().args(["diff", "x +* 2"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    let caret_col = lines[2].find('^').unwrap();
    assert_eq!(&lines[1][caret_col..caret_col + 1], "*", "{err}");
    let out = dcalc().args(["diff", "sine(x)"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean 'sin'?"));
}

#[test]
fn invalid_utf8_on_stdin() {
    assert_rejected(&["diff", "-"], Some(vec![b'x', 0xff, 0xfe, b'\n']));
}

#[test]
fn bad_options() {
    assert_rejected(&["diff", "x^2", "--at", "y"], None);
    assert_rejected(&["diff", "x^2", "--at", "x=1,x=2"], None);
    assert_rejected(&["diff", "x^2", "--order", "-1"], None);
    assert_rejected(&["diff", "x*y", "--wrt", "x", "--at", "x=1"], None);
    assert_rejected(&["diff", "ln(x)", "--at", "-1"], None);
    assert_rejected(&["nonsense"], None);
}

#[test]
fn huge_numbers_stay_symbolic() {
    let out = dcalc().args(["diff", "2^(2^64) * x"]).output().unwrap();
    assert!(out.status.success());
    let out = dcalc().args(["diff", "10^10^10 + x"]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "1");
}

#[test]
fn a_one_megabyte_expression_is_answered() {
    let big = (0..150_000).map(|i| format!("{}*x^{}", i % 97 + 1, i % 13)).collect::<Vec<_>>().join(" + ");
    assert!(big.len() > 1_000_000);
    let out = dcalc().args(["diff", "-"]).write_stdin(big).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("*x^11"));
}

#[test]
fn runaway_derivatives_are_capped() {
    let out = dcalc()
        .args(["diff", "tan(x)^x", "--order", "100"])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("too"));
}
