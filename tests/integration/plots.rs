//! Plots: the terminal drawing as a snapshot, no lines across poles or
//! jumps, and SVG that is well-formed XML with one path per curve.

use crate::run_ok;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn parabola_with_tangent_and_secant() {
    let out = run_ok(&[
        "plot",
        "x^2",
        "--from",
        "-2",
        "--to",
        "4",
        "--tangent-at",
        "3",
        "--secant",
        "1,4",
        "--color",
        "never",
        "--width",
        "40",
        "--height",
        "12",
    ]);
    assert_eq!(out, fixture("plot-x2.txt").trim_end(), "the snapshot in tests/fixtures/plot-x2.txt");
    let rows: Vec<&str> = out.lines().take(12).collect();
    assert!(
        rows.iter().all(|r| r
            .chars()
            .filter(|c| ('\u{2800}'..='\u{28ff}').contains(c) || "●○".contains(*c))
            .count()
            == 40)
    );
    assert!(
        out.contains("tangent at x = 3: y = 6*x - 9")
            && out.contains("secant through x = 1 and 4: y = 5*x - 4")
    );
    assert_eq!(out.matches('●').count(), 1 + 3, "three touching points and the legend");
}

fn svg_of(args: &[&str]) -> String {
    let path =
        std::env::temp_dir().join(format!("dcalc-plot-{}-{}.svg", std::process::id(), args.join("_").len()));
    let mut all = vec!["plot"];
    all.extend_from_slice(args);
    all.extend(["--svg", path.to_str().unwrap(), "--color", "never"]);
    run_ok(&all);
    std::fs::read_to_string(&path).unwrap()
}

fn curve_paths(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("path") && n.attribute("class").is_some_and(|c| c.starts_with("curve")))
        .map(|n| n.attribute("d").unwrap().to_string())
        .collect()
}

#[test]
fn svg_has_one_path_per_curve() {
    let svg = svg_of(&["x^2", "--from", "-2", "--to", "4", "--tangent-at", "3", "--secant", "1,4"]);
    assert_eq!(curve_paths(&svg).len(), 3);
    assert!(svg.contains("<title>f(x) = x^2</title>"));
}

#[test]
fn no_vertical_segment_across_a_pole_or_a_jump() {
    for (f, from, to, pieces) in [("1/x", "-2", "2", 2), ("floor(x)", "0.5", "3.5", 4)] {
        let paths = curve_paths(&svg_of(&[f, "--from", from, "--to", to]));
        assert_eq!(paths.len(), 1);
        // Each piece is its own subpath: none joins across the break.
        assert_eq!(paths[0].matches('M').count(), pieces, "{f}");
    }
    // On 1/x the pieces keep to their side of x = 0.
    let svg = svg_of(&["1/x", "--from", "-2", "--to", "2"]);
    let zero_x = 50.0 + 0.5 * (640.0 - 100.0);
    for sub in curve_paths(&svg)[0].split('M').filter(|s| !s.is_empty()) {
        let xs: Vec<f64> = sub
            .split_whitespace()
            .map(|p| p.trim_start_matches('L').split(',').next().unwrap().parse().unwrap())
            .collect();
        assert!(xs.iter().all(|x| *x < zero_x) || xs.iter().all(|x| *x > zero_x), "a piece crosses x = 0");
    }
}

#[test]
fn rate_commands_draw_on_request() {
    let out = run_ok(&["tangent", "x^2", "--at", "1", "--plot", "--color", "never"]);
    assert!(out.contains("tangent line: y = 2*x - 1") && out.contains("╌╌╌ tangent at x = 1"));
    let out = run_ok(&["secant", "x^2", "--from", "0", "--to", "2", "--plot", "--color", "never"]);
    assert!(out.contains("┈┈┈ secant through x = 0 and 2"));
    // slope --plot: the secants pivoting into the tangent.
    let out = run_ok(&["slope", "x^2", "--at", "1", "--rows", "2", "--plot", "--color", "never"]);
    assert!(out.contains("╌╌╌ tangent at x = 1"), "{out}");
    for (h, slope) in [("1", "3"), ("1/2", "2.5"), ("1/4", "2.25"), ("1/8", "2.125")] {
        assert!(out.contains(&format!("┈┈┈ secant h = {h}: slope {slope}")), "{out}");
    }
}

fn figure(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--format", "json", "plot"];
    all.extend_from_slice(args);
    serde_json::from_str(&run_ok(&all)).unwrap()
}

/// Issue 12: plots that show the limit — secants, holes, jumps, f′, round
/// ticks, a legend off the curves, styles that differ without colour.
#[test]
fn plots_that_show_the_limit() {
    let v = figure(&["x^2", "--secants-at", "1", "--derivative"]);
    let kinds: Vec<&str> =
        v["curves"].as_array().unwrap().iter().map(|c| c["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["function", "derivative", "secant", "secant", "secant", "secant", "tangent"]);
    let hs: Vec<f64> = v["curves"].as_array().unwrap().iter().filter_map(|c| c["h"].as_f64()).collect();
    assert_eq!(hs, [1.0, 0.5, 0.25, 0.125]);
    // The hole of sin(x)/x at 0: an open dot at the limit 1, nothing closed.
    let v = figure(&["sin(x)/x"]);
    assert_eq!(v["marks"], serde_json::json!([{"kind": "open", "x": 0.0, "y": 1.0}]));
    // sign(x) at 0: open dots at -1 and 1, a closed dot at sign(0) = 0.
    let v = figure(&["sign(x)", "--from", "-2", "--to", "2"]);
    let marks = v["marks"].as_array().unwrap();
    assert_eq!(marks.len(), 3);
    assert!(marks.contains(&serde_json::json!({"kind": "closed", "x": 0.0, "y": 0.0})));
    assert!(marks.contains(&serde_json::json!({"kind": "open", "x": 0.0, "y": -1.0})));
    // A corner gets no dot; a pole gets none either.
    assert_eq!(figure(&["abs(x)"])["marks"], serde_json::json!([]));
    assert_eq!(figure(&["1/x"])["marks"], serde_json::json!([]));
    // Round ticks: steps of 1, 2, 2.5 or 5 times a power of ten.
    for ticks in [
        figure(&["x^3", "--from", "-3", "--to", "3"])["y_ticks"].clone(),
        figure(&["exp(x)"])["y_ticks"].clone(),
    ] {
        let t: Vec<f64> = ticks.as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
        let step = t[1] - t[0];
        let mantissa = step / 10f64.powf(step.log10().floor());
        assert!([1.0, 2.0, 2.5, 5.0].iter().any(|m| (m - mantissa).abs() < 1e-9), "{t:?}");
    }
    // SVG: the labels are the round ticks, the legend sits below the plot,
    // and each kind of curve has its own dash pattern.
    let svg = svg_of(&["x^2", "--secants-at", "1", "--derivative"]);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let dashes: std::collections::BTreeSet<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("path"))
        .map(|n| n.attribute("stroke-dasharray").unwrap_or("solid").to_string())
        .collect();
    assert_eq!(dashes.len(), 4, "{dashes:?}");
    let plot_bottom = 420.0 - 50.0;
    for text in doc
        .descendants()
        .filter(|n| n.has_tag_name("text") && n.text().is_some_and(|t| t.starts_with("secant")))
    {
        let y: f64 = text.attribute("y").unwrap().parse().unwrap();
        assert!(y > plot_bottom, "the legend is below the plot");
    }
    assert!(svg.contains(">15</text>") && svg.contains(">10</text>"), "round tick labels");
    let svg = svg_of(&["sign(x)", "--from", "-2", "--to", "2"]);
    assert!(svg.contains(r#"class="open""#) && svg.contains(r#"class="closed""#));
    // Without colour the legend still tells the curves apart.
    let out = run_ok(&["plot", "x^2", "--secants-at", "1", "--derivative", "--color", "never"]);
    assert!(
        out.contains("─── f(x)")
            && out.contains("╍╍╍ f'(x)")
            && out.contains("┈┈┈ secant")
            && out.contains("╌╌╌ tangent")
    );
}
