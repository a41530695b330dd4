//! Machine learning: grad, descend (with data), activations and losses.

use crate::{dcalc, run_ok};
use serde_json::Value;

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn gradients() {
    assert_eq!(run_ok(&["grad", "x^2*y + y^3"]), "d/dx: 2*x*y\nd/dy: x^2 + 3*y^2");
    assert_eq!(run_ok(&["grad", "(w*2 + b - 5)^2", "--at", "w=1,b=0"]), "d/dw: -12\nd/db: -6");
    assert_eq!(
        run_ok(&["grad", "(w*x + b - y)^2", "--wrt", "w,b"]),
        "d/dw: 2*x*(w*x + b - y)\nd/db: 2*(w*x + b - y)"
    );
    let v: Value =
        serde_json::from_str(&run_ok(&["--format", "json", "grad", "(w*2 + b - 5)^2", "--at", "w=1,b=0"]))
            .unwrap();
    assert_eq!(v["gradient"]["w"], "4*(b + 2*w - 5)");
    assert_eq!(v["values"]["b"], -6.0);
}

#[test]
fn gradient_over_data_is_the_mean() {
    // d/db mean((w*x + b - y)^2) at w = b = 0 is mean(-2y) = -2·mean(2x + 1) = -11.8 on x = 0, 0.1, … 4.9.
    let out = run_ok(&["grad", "(w*x + b - y)^2", "--data", &fixture("line.csv"), "--at", "w=0,b=0"]);
    assert_eq!(out, "d/dw: -37.24\nd/db: -11.8");
}

#[test]
fn cross_entropy_differentiates_to_the_classic_form() {
    let bce = "-(y*ln(sigmoid(w*x + b)) + (1 - y)*ln(1 - sigmoid(w*x + b)))";
    assert_eq!(run_ok(&["diff", bce, "--wrt", "w"]), "x*(sigmoid(w*x + b) - y)");
    assert_eq!(run_ok(&["diff", bce, "--wrt", "b"]), "sigmoid(w*x + b) - y");
}

#[test]
fn activations() {
    assert_eq!(run_ok(&["diff", "relu(x)"]), "step(x)");
    assert_eq!(run_ok(&["diff", "softplus(x)"]), "sigmoid(x)");
    assert_eq!(run_ok(&["diff", "elu(x)"]), "exp(min(x, 0))");
    assert_eq!(run_ok(&["diff", "erf(x)"]), "2*exp(-x^2)/sqrt(pi)");
    assert_eq!(run_ok(&["diff", "leaky_relu(x, 0.1)"]), "step(x) + step(-x)/10");
    assert_eq!(run_ok(&["eval", "gelu(1)", "--digits", "12"]), "(erf(sqrt(2)/2) + 1)/2  # ~0.841344746069");
    assert_eq!(run_ok(&["eval", "silu(0)"]), "0");
    let out = dcalc().args(["check-differentiable", "leaky_relu(x, 0.1)", "--at", "0"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("negative slope"));
}

#[test]
fn descent_reaches_the_minimum() {
    let out = run_ok(&["descend", "(w - 3)^2", "--from", "w=0", "--rate", "0.1", "--iterations", "100"]);
    let last = out.lines().last().unwrap();
    assert!(last.starts_with("final: w = 2.99999999"), "{last}");
    assert!(out.lines().count() <= 24, "about 20 rows:\n{out}");
}

fn descend_json(args: &[&str]) -> Value {
    let mut all = vec!["--format", "json", "descend"];
    all.extend_from_slice(args);
    serde_json::from_str(&run_ok(&all)).unwrap()
}

#[test]
fn linear_regression_on_a_csv() {
    let line = fixture("line.csv");
    let v = descend_json(&[
        "(w*x + b - y)^2",
        "--data",
        &line,
        "--from",
        "w=0,b=0",
        "--rate",
        "0.05",
        "--iterations",
        "5000",
    ]);
    let point = &v["final"]["point"];
    let (w, b) = (point["w"].as_f64().unwrap(), point["b"].as_f64().unwrap());
    assert!((w - 2.0).abs() < 1e-6 && (b - 1.0).abs() < 1e-6, "w = {w}, b = {b}");
}

#[test]
fn logistic_regression_loss_decreases_monotonically() {
    let data = fixture("separable.csv");
    let bce = "-(y*ln(sigmoid(w*x + b)) + (1 - y)*ln(1 - sigmoid(w*x + b)))";
    let v = descend_json(&[
        bce,
        "--data",
        &data,
        "--from",
        "w=0,b=0",
        "--rate",
        "0.1",
        "--iterations",
        "300",
        "--every",
        "1",
    ]);
    let losses: Vec<f64> =
        v["iterations"].as_array().unwrap().iter().map(|s| s["loss"].as_f64().unwrap()).collect();
    assert_eq!(losses.len(), 301);
    assert!(losses.windows(2).all(|w| w[1] < w[0]), "not monotone");
    assert!(losses[300] < 0.5 * losses[0]);
}

#[test]
fn divergence_stops_with_a_clear_message() {
    let out = dcalc()
        .args(["descend", "(w - 3)^2", "--from", "w=0", "--rate", "1.5", "--iterations", "5000"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("diverges") && err.contains("too large") && err.contains("0.75"), "{err}");
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.lines().count() < 30, "stopped early");
    assert!(!table.contains("inf") && !table.contains("NaN"));
}

#[test]
fn bad_data_files() {
    let dir = std::env::temp_dir().join(format!("dcalc-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, content, expected) in [
        ("bad.csv", "x,y\n1,2\n3,abc\n", "line 3, column 'y': 'abc' is not a number"),
        ("empty.csv", "", "empty"),
        ("header.csv", "x,y\n", "no rows"),
        ("other.csv", "x,z\n1,2\n", "y"),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, content).unwrap();
        let out = dcalc()
            .args(["descend", "(w*x + b - y)^2", "--wrt", "w,b", "--data", path.to_str().unwrap()])
            .args(["--from", "w=0,b=0", "--rate", "0.1", "--iterations", "3"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(expected), "{name}: {err}");
    }
}

#[test]
fn a_neuron_s_kink_names_the_parameter_nudged() {
    let out = dcalc()
        .args(["check-differentiable", "relu(w*x + b)", "--wrt", "w", "--at", "w=1,x=2,b=-2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("not differentiable at w = 1: corner"), "{text}");
    assert!(text.contains("nudging w, holding x = 2, b = -2 fixed"), "{text}");
}

fn csv(name: &str, content: &str) -> String {
    let dir = std::env::temp_dir().join(format!("dcalc-ml-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path.to_str().unwrap().to_string()
}

fn fails(args: &[&str]) -> String {
    let out = dcalc().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    String::from_utf8_lossy(&out.stderr).to_string()
}

/// Issue 13: data errors name the data, never the rate.
#[test]
fn data_errors_name_the_value_row_and_column() {
    let fit = |path: &str| fails(&["descend", "(w*x + b - y)^2", "--from", "w=0,b=0", "--data", path]);
    let err = fit(&csv("nan.csv", "x,y\n1,2\n2,NaN\n"));
    assert!(err.contains("line 3, column 'y': 'NaN' is not a finite number"), "{err}");
    assert!(!err.contains("rate"), "{err}");
    let err = fit(&csv("inf.csv", "x,y\ninf,2\n"));
    assert!(err.contains("line 2, column 'x': 'inf' is not a finite number"), "{err}");
    let err = fit(&csv("ac.csv", "a,c\n1,2\n"));
    assert!(err.contains("x, y are neither a column of") && err.contains("its columns are a, c"), "{err}");
    assert!(err.contains("the loss's variables are b, w, x, y"), "{err}");
    // The example: columns a,b and a loss in w, x, y.
    let err = fails(&["descend", "(w*x - y)^2", "--from", "w=0", "--data", &csv("ab.csv", "a,b\n1,2\n")]);
    assert!(err.contains("x, y are neither a column of") && err.contains("its columns are a, b"), "{err}");
    assert!(
        err.contains("the loss's variables are w, x, y") && !err.contains("--from gives no value"),
        "{err}"
    );
    let err = fit(&csv("ragged.csv", "x,y\n1,2\n3\n"));
    assert!(err.contains("line 3 has 1 field, but the header names 2 columns (x, y)"), "{err}");
    let err = fit(&csv("blank.csv", "x,y\n1,\n"));
    assert!(err.contains("line 2, column 'y': '' is empty"), "{err}");
}

#[test]
fn data_from_stdin_and_default_rate_and_iterations() {
    let out = dcalc()
        .args(["--format", "json", "descend", "(w*x + b - y)^2", "--from", "w=0,b=0", "--data", "-"])
        .write_stdin("x,y\n1,3\n2,5\n3,7\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["rate"], 0.01);
    assert_eq!(v["optimizer"], "sgd");
    let last = &v["final"];
    // The default 1000 iterations at rate 0.01 get close to w = 2, b = 1.
    assert!((last["point"]["w"].as_f64().unwrap() - 2.0).abs() < 0.1, "{last}");
    let err = fails(&["descend", "-", "--from", "w=0", "--data", "-"]);
    assert!(err.contains("both read stdin"), "{err}");
}

/// Issue 13: landing exactly on a kink is marked, with the convention.
#[test]
fn an_iterate_on_a_kink_is_marked_with_the_convention() {
    let out = run_ok(&["descend", "abs(w)", "--from", "w=0.5", "--rate", "0.25"]);
    let row = out.lines().find(|l| l.starts_with("2 ")).unwrap();
    assert!(row.ends_with("kink of abs"), "{out}");
    assert!(out.contains("note: iteration 2 lands on the kink of abs"), "{out}");
    assert!(out.contains("PyTorch and TensorFlow take abs'(0) = 0"), "{out}");
    let v = descend_json(&["abs(w)", "--from", "w=0.5", "--rate", "0.25"]);
    let rows = v["iterations"].as_array().unwrap();
    let on = rows.iter().find(|r| r["iteration"] == 2).unwrap();
    assert_eq!(on["kink"], "abs");
    assert_eq!(v["final"]["stop"], "converged");
    // Near a kink but not on it: no mark.
    let out = run_ok(&["descend", "abs(w)", "--from", "w=0.3", "--rate", "0.25", "--iterations", "3"]);
    assert!(!out.contains("kink"), "{out}");
}

#[test]
fn a_start_outside_the_domain_is_not_blamed_on_the_rate() {
    let err = fails(&["descend", "ln(w)", "--from", "w=-1"]);
    assert!(err.contains("not a number at the starting point (w=-1)"), "{err}");
    assert!(!err.contains("rate"), "{err}");
}

/// Issue 13: every optimizer reaches the least-squares line (y = 2x + 1
/// plus noise; numpy's lstsq in bench/descend_optimizers.py gives the same
/// numbers), and minibatches with a seed are reproducible.
#[test]
fn each_optimizer_reaches_the_least_squares_fit() {
    let rows: String = (0..40)
        .map(|i| {
            format!(
                "{},{}\n",
                i as f64 / 10.0,
                2.0 * i as f64 / 10.0 + 1.0 + ((i * 7) % 5) as f64 / 10.0 - 0.2
            )
        })
        .collect();
    let path = csv("line.csv", &format!("x,y\n{rows}"));
    // lstsq by the normal equations, in f64.
    let (xs, ys): (Vec<f64>, Vec<f64>) = (0..40)
        .map(|i| (i as f64 / 10.0, 2.0 * i as f64 / 10.0 + 1.0 + ((i * 7) % 5) as f64 / 10.0 - 0.2))
        .unzip();
    let n = xs.len() as f64;
    let (sx, sy) = (xs.iter().sum::<f64>(), ys.iter().sum::<f64>());
    let sxx: f64 = xs.iter().map(|x| x * x).sum();
    let sxy: f64 = xs.iter().zip(&ys).map(|(x, y)| x * y).sum();
    let w = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    let b = (sy - w * sx) / n;
    for (optimizer, rate) in [("sgd", "0.05"), ("momentum", "0.01"), ("adam", "0.05")] {
        let v = descend_json(&[
            "(w*x + b - y)^2",
            "--from",
            "w=0,b=0",
            "--data",
            &path,
            "--optimizer",
            optimizer,
            "--rate",
            rate,
            "--iterations",
            "20000",
            "--tolerance",
            "1e-10",
        ]);
        let p = &v["final"]["point"];
        let (fw, fb) = (p["w"].as_f64().unwrap(), p["b"].as_f64().unwrap());
        assert!((fw - w).abs() < 1e-6 && (fb - b).abs() < 1e-6, "{optimizer}: {fw} {fb} vs {w} {b}");
        assert_eq!(v["optimizer"], optimizer);
    }
    let batch = |seed: &str| {
        descend_json(&[
            "(w*x + b - y)^2",
            "--from",
            "w=0,b=0",
            "--data",
            &path,
            "--batch-size",
            "8",
            "--seed",
            seed,
            "--rate",
            "0.02",
            "--iterations",
            "3000",
        ])["final"]["point"]
            .clone()
    };
    let (a, again, other) = (batch("1"), batch("1"), batch("2"));
    assert_eq!(a, again);
    assert_ne!(a, other);
    assert!((a["w"].as_f64().unwrap() - w).abs() < 0.1, "{a}");
    let err = fails(&["descend", "(w-1)^2", "--from", "w=0", "--batch-size", "2"]);
    assert!(err.contains("--batch-size takes minibatches of the rows of --data"), "{err}");
}

/// Issue 13: `grad --order 2` is the Hessian, exact and symmetric; each
/// mixed entry equals the derivatives taken in the other order.
#[test]
fn the_hessian_is_exact_and_symmetric() {
    assert_eq!(
        run_ok(&["grad", "x^2*y + y^3", "--order", "2"]),
        "d2/dxdx: 2*y\nd2/dxdy: 2*x\nd2/dydx: 2*x\nd2/dydy: 6*y"
    );
    let v: Value = serde_json::from_str(&run_ok(&[
        "--format",
        "json",
        "grad",
        "x^2*y + y^3",
        "--order",
        "2",
        "--at",
        "x=1,y=sqrt(2)",
    ]))
    .unwrap();
    assert_eq!(v["hessian"]["x"]["y"], "2*x");
    assert_eq!(v["exact"]["y"]["y"], "6*sqrt(2)");
    assert_eq!(v["values"]["x"]["y"], 2.0);
    for f in ["sin(x*y) + x^3*exp(y)", "ln(x^2 + y^2)", "sigmoid(w*x + b)", "x^y"] {
        let v: Value = serde_json::from_str(&run_ok(&[
            "--format",
            "json",
            "grad",
            f,
            "--order",
            "2",
            "--at",
            "x=0.7,y=1.3,w=0.4,b=-0.2",
        ]))
        .unwrap();
        let names: Vec<String> =
            v["wrt"].as_array().unwrap().iter().map(|n| n.as_str().unwrap().to_string()).collect();
        for r in &names {
            for c in &names {
                assert_eq!(v["hessian"][r][c], v["hessian"][c][r], "{f}");
                // ∂/∂r (∂f/∂c): the other order, from diff.
                let inner = run_ok(&["diff", f, "--wrt", c]);
                let other: Value = serde_json::from_str(&run_ok(&[
                    "--format",
                    "json",
                    "diff",
                    &inner,
                    "--wrt",
                    r,
                    "--at",
                    "x=0.7,y=1.3,w=0.4,b=-0.2",
                ]))
                .unwrap();
                let other = other["value"].as_f64().unwrap();
                let mine = v["values"][r][c].as_f64().unwrap();
                assert!((mine - other).abs() <= 1e-12 * mine.abs().max(1.0), "{f} {r}{c}: {mine} vs {other}");
            }
        }
    }
    // Over data: the mean of each entry (2·mean(x²), 2·mean(x), 2).
    let path = csv("h.csv", "x,y\n1,3\n2,5\n3,7\n");
    let out = run_ok(&["grad", "(w*x + b - y)^2", "--order", "2", "--data", &path, "--at", "w=0,b=0"]);
    assert_eq!(out, "d2/dwdw: 9.33333333333333\nd2/dwdb: 4\nd2/dbdw: 4\nd2/dbdb: 2");
}

/// Issue 13: the autograd tape, forward and backward, as autograd does it.
#[test]
fn the_tape_shows_forward_and_backward_passes() {
    let out = run_ok(&["grad", "(w*x + b - y)^2", "--wrt", "w,b", "--tape", "--at", "w=0.5,b=0,x=2,y=3"]);
    assert!(out.starts_with("forward pass\nnode  op "), "{out}");
    assert!(out.contains("backward pass (adjoints from the output back)"), "{out}");
    assert!(out.contains("v9    pow      v7, v8     4"), "{out}");
    assert!(out.ends_with("gradient (the inputs' adjoints): df/dw = -8, df/db = -4"), "{out}");
    let v: Value =
        serde_json::from_str(&run_ok(&["--format", "json", "grad", "sin(x)*x", "--tape", "--at", "x=1"]))
            .unwrap();
    let tape = v["tape"].as_array().unwrap();
    assert_eq!(tape[0]["op"], "input");
    assert_eq!(tape[0]["name"], "x");
    assert_eq!(tape[1]["op"], "sin");
    assert_eq!(tape[1]["inputs"], serde_json::json!([0]));
    assert_eq!(tape[1]["rule"], "d/du sin(u) = cos(u)");
    let expected = 1f64.cos() + 1f64.sin();
    assert!((v["gradient"]["x"].as_f64().unwrap() - expected).abs() < 1e-15);
    assert_eq!(tape[0]["adjoint"], v["gradient"]["x"]);
    // A small power of a variable is one node wherever it occurs (like x
    // itself and small constants): its adjoint sums its uses, 1 + cos(1).
    let out = run_ok(&["grad", "x^2 + sin(x^2)", "--tape", "--at", "x=1"]);
    assert_eq!(out.matches(" pow ").count(), 1, "{out}");
    assert!(out.contains("v2    1.540302306 "), "{out}");
    assert!(out.ends_with("df/dx = 3.08060461173628"), "{out}");
    // At a kink the tape takes the frameworks' value and says so.
    let out = run_ok(&["grad", "relu(w*x + b)", "--wrt", "w,b", "--tape", "--at", "w=1,b=-2,x=2"]);
    assert!(out.contains("df/dw = 0, df/db = 0"), "{out}");
    assert!(out.contains("PyTorch, TensorFlow and JAX take relu'(0) = 0"), "{out}");
    let help = run_ok(&["grad", "--help"]);
    assert!(help.contains("loss.backward()") && help.contains("jax.grad"), "{help}");
}

/// Issue 13: the loss curve, in the terminal and as SVG.
#[test]
fn descend_draws_its_loss_curve() {
    let path = csv("curve.csv", "x,y\n1,3\n2,5\n3,7\n");
    let svg = std::env::temp_dir().join(format!("dcalc-loss-{}.svg", std::process::id()));
    let out = run_ok(&[
        "descend",
        "(w*x + b - y)^2",
        "--from",
        "w=0,b=0",
        "--data",
        &path,
        "--rate",
        "0.05",
        "--iterations",
        "300",
        "--plot",
        "--svg",
        svg.to_str().unwrap(),
    ]);
    assert!(out.contains("(after 300 iterations)\n\n"), "{out}");
    // The loss falls by orders of magnitude: drawn on a log scale.
    assert!(out.contains("── log10(loss)"), "{out}");
    assert!(out.chars().any(|c| ('\u{2801}'..='\u{28ff}').contains(&c)), "braille dots: {out}");
    let picture = std::fs::read_to_string(&svg).unwrap();
    assert!(picture.starts_with("<svg") && picture.contains("log10(loss) by iteration"), "{picture}");
    // A loss that hardly moves stays on a linear scale.
    let out = run_ok(&[
        "descend",
        "(w - 3)^2 + 1",
        "--from",
        "w=2.9",
        "--rate",
        "0.01",
        "--iterations",
        "20",
        "--plot",
    ]);
    assert!(out.contains("── loss") && !out.contains("log10"), "{out}");
}
