//! Every command's JSON output, errors included, validates against the
//! schema shipped in schema/dcalc-output.schema.json.

use super::dcalc;

fn validator() -> jsonschema::Validator {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/schema/dcalc-output.schema.json"))
            .unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

const OUTPUTS: &[&[&str]] = &[
    &["diff", "x^3"],
    &["diff", "sin(x)", "--at", "1"],
    &["diff", "sin(x^2)", "--steps"],
    &["diff", "x^3", "--check", "3x^3"],
    &["diff", "x^2", "--definition"],
    &["diff", "sin(x)", "--definition"],
    &["eval", "cos(pi/4)"],
    &["eval", "x^2", "--at", "1/3"],
    &["limit", "sin(x)/x", "--at", "0"],
    &["limit", "abs(x)/x", "--at", "0"],
    &["limit", "x*ln(x)", "--at", "0", "--side", "right"],
    &["limit", "x - floor(x)", "--at", "inf"],
    &["check-differentiable", "relu(x)", "--at", "0"],
    &["check-differentiable", "x^2", "--at", "1"],
    &["check-differentiable", "abs(x-1) + relu(x+2)", "--on", "-3..3"],
    &["slope", "x^2", "--at", "3", "--rows", "3"],
    &["slope", "abs(x)", "--at", "0", "--rows", "3"],
    &["secant", "x^2", "--from", "1", "--to", "4"],
    &["tangent", "x^2", "--at", "3"],
    &["grad", "x^2*y + y^3"],
    &["grad", "(w*2 + b - 5)^2", "--at", "w=1,b=0"],
    &["grad", "x^2*y + y^3", "--order", "2", "--at", "x=1,y=sqrt(2)"],
    &["grad", "relu(w*x + b)", "--wrt", "w,b", "--tape", "--at", "w=1,b=-2,x=2"],
    &["plot", "x^2", "--from", "-2", "--to", "2", "--tangent-at", "1"],
    &["diff", "x +* 2"],
    &["eval", "x/x", "--at", "0"],
];

#[test]
fn every_json_output_matches_the_schema() {
    let v = validator();
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/line.csv");
    let descend: &[&str] = &[
        "descend",
        "(w*x + b - y)^2",
        "--data",
        data,
        "--from",
        "w=0,b=0",
        "--rate",
        "0.05",
        "--iterations",
        "3",
    ];
    for args in OUTPUTS.iter().chain([&descend]) {
        let out = dcalc().args(["--format", "json"]).args(*args).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        for line in text.lines() {
            let value: serde_json::Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("{args:?}: {e}: {line}"));
            let errors: Vec<String> =
                v.iter_errors(&value).map(|e| format!("{e} at {}", e.instance_path())).collect();
            assert!(errors.is_empty(), "{args:?}: {line}\n{}", errors.join("\n"));
        }
    }
}

#[test]
fn the_schema_catches_a_wrong_shape() {
    let v = validator();
    let wrong = serde_json::json!({"input": "x^2", "at": "0", "value": 1.0, "exact": "1"});
    assert!(!v.is_valid(&wrong), "`at` must be an object");
}
