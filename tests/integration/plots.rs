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
        rows.iter()
            .all(|r| r.chars().filter(|c| ('\u{2800}'..='\u{28ff}').contains(c) || *c == '●').count() == 40)
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
        .filter(|n| n.has_tag_name("path") && n.attribute("class") == Some("curve"))
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
    assert!(out.contains("tangent line: y = 2*x - 1") && out.contains("── tangent at x = 1"));
    let out = run_ok(&["secant", "x^2", "--from", "0", "--to", "2", "--plot", "--color", "never"]);
    assert!(out.contains("── secant through x = 0 and 2"));
    let out = run_ok(&["slope", "x^2", "--at", "1", "--rows", "2", "--plot", "--color", "never"]);
    assert!(out.contains("── tangent at x = 1"));
}
