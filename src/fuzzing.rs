//! The invariants the fuzzer (`fuzz/`) checks on arbitrary input; the test
//! suite replays the committed corpus through the same functions. Each
//! target takes raw bytes, panics when an invariant breaks, and otherwise
//! returns quietly: an error answer for bad input is fine, a panic, a
//! stack overflow, a hang or a wrong number is not.
//!
//! Inputs are text: the first line an expression, the second (when given)
//! a point or an interval, so the fuzzer explores both.

use crate::answers;
use crate::engine::parse::{parse, parse_formula};
use crate::numeric::eval::evaluate;
use crate::render::{Style, plain, render};
use std::collections::HashMap;

/// Inputs longer than this are skipped: they only slow the search down.
const MAX_INPUT: usize = 256;

/// The stack every target runs on: the CLI's fallback stack (32 MiB),
/// which is all it has under an address-space limit.
const STACK_BYTES: usize = 32 << 20;

/// The expression line and the optional second line of the input.
fn lines(data: &[u8]) -> Option<(&str, Option<&str>)> {
    if data.len() > MAX_INPUT {
        return None;
    }
    let text = std::str::from_utf8(data).ok()?;
    let mut parts = text.splitn(2, '\n');
    let expr = parts.next()?;
    let rest = parts.next().map(|r| r.lines().next().unwrap_or("").trim());
    Some((expr, rest.filter(|r| !r.is_empty())))
}

type Job = Box<dyn FnOnce() + Send>;

/// One worker thread on the CLI's fallback stack, kept for every input:
/// spawning a thread with a fresh 32 MiB stack per input cost more than
/// most checks.
struct Worker {
    jobs: std::sync::mpsc::Sender<Job>,
    done: std::sync::mpsc::Receiver<std::thread::Result<()>>,
}

static WORKER: std::sync::OnceLock<std::sync::Mutex<Worker>> = std::sync::OnceLock::new();

fn worker() -> std::sync::Mutex<Worker> {
    let (jobs, inbox) = std::sync::mpsc::channel::<Job>();
    let (outbox, done) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .stack_size(STACK_BYTES)
        .spawn(move || {
            for job in inbox {
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
                if outbox.send(outcome).is_err() {
                    break;
                }
            }
        })
        .expect("a fuzz worker thread starts");
    std::sync::Mutex::new(Worker { jobs, done })
}

/// Run a check on the worker's stack; a panic there is re-raised here.
fn on_stack(check: impl FnOnce() + Send + 'static) {
    let worker = WORKER.get_or_init(worker).lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    worker.jobs.send(Box::new(check)).expect("the fuzz worker is running");
    if let Err(panic) = worker.done.recv().expect("the fuzz worker answers") {
        drop(worker);
        std::panic::resume_unwind(panic);
    }
}

/// Printing and parsing: printed output parses back to the same print,
/// in every style without a panic.
pub fn parse_round_trip(data: &[u8]) {
    let Some((expr, _)) = lines(data) else { return };
    let expr = expr.to_string();
    on_stack(move || {
        let Ok(e) = parse(&expr) else { return };
        let printed = plain(&e);
        let again = parse(&printed).unwrap_or_else(|err| panic!("{expr:?} printed as {printed:?}: {err}"));
        assert_eq!(plain(&again), printed, "{expr:?}: print∘parse is not the identity on printed output");
        render(&e, Style::Pretty);
        render(&e, Style::Latex);
    });
}

/// Derivatives: d/dx agrees with a central difference wherever the
/// function is smooth enough for two step sizes to agree with each other.
pub fn derivative(data: &[u8]) {
    let Some((expr, _)) = lines(data) else { return };
    let expr = expr.to_string();
    on_stack(move || {
        let Ok(formula) = parse_formula(&expr) else { return };
        let f = formula.expr;
        let vars = f.variables();
        let Some(var) = vars.first().map(|v| v.to_string()) else { return };
        let Ok(d) = crate::derivative(&f, &var) else { return };
        let printed = plain(&d);
        assert!(parse(&printed).is_ok(), "d/d{var} {expr:?} printed as {printed:?} does not parse");
        for x0 in [0.37, 1.71, -2.23] {
            let mut point: HashMap<String, f64> = vars.iter().map(|v| (v.to_string(), 0.61)).collect();
            point.insert(var.clone(), x0);
            agrees_with_difference(&expr, &f, &d, &var, &point);
        }
    });
}

fn agrees_with_difference(
    input: &str,
    f: &crate::Expr,
    d: &crate::Expr,
    var: &str,
    point: &HashMap<String, f64>,
) {
    let x0 = point[var];
    let at = |x: f64| {
        let mut p = point.clone();
        p.insert(var.to_string(), x);
        evaluate(f, &p).ok().filter(|v| v.is_finite())
    };
    let central = |h: f64| Some((at(x0 + h)? - at(x0 - h)?) / (2.0 * h));
    let (Some(coarse), Some(fine)) = (central(1e-4), central(1e-5)) else { return };
    // Doubles that lose f(x0) itself to cancellation (exp(1 + 1e-15) − e)
    // make every difference quotient noise: only well-conditioned points count.
    if !well_conditioned(f, point) {
        return;
    }
    // The derivative at high precision: its printed form may cancel in
    // doubles (3e32·x·(1 − sigmoid(u)) with sigmoid(u) ≈ 1).
    let Some(exact) = precise_at(d, point).filter(|v| v.is_finite()) else { return };
    // Rounding in f(x ± h) is amplified by 1/h: |f|·ε/h is noise, not signal.
    let noise = at(x0).map_or(f64::INFINITY, |v| v.abs()) * f64::EPSILON / 1e-5 * 100.0;
    let scale = coarse.abs().max(fine.abs()).max(1.0);
    let settled = (coarse - fine).abs() <= 1e-7 * scale + noise;
    let close = |v: f64| (v - exact).abs() <= 1e-4 * scale + noise;
    assert!(
        !settled || close(fine) || close(coarse),
        "{input:?} at {var} = {x0}: derivative {exact}, central differences {coarse} and {fine}"
    );
}

/// e at the point, evaluated at high precision.
fn precise_at(e: &crate::Expr, point: &HashMap<String, f64>) -> Option<f64> {
    let exact: HashMap<String, crate::Expr> = point
        .iter()
        .filter_map(|(v, x)| {
            crate::engine::number::from_f64(*x).map(|q| (v.clone(), crate::engine::simplify::constant(q)))
        })
        .collect();
    crate::numeric::precise::value(&crate::numeric::eval::substitute(e, &exact)).ok()
}

/// Whether f(point) in doubles agrees with its high-precision value.
fn well_conditioned(f: &crate::Expr, point: &HashMap<String, f64>) -> bool {
    match (precise_at(f, point), evaluate(f, point)) {
        (Some(p), Ok(d)) => (p - d).abs() <= 1e-9 * p.abs().max(1e-300) || (p == 0.0 && d == 0.0),
        _ => false,
    }
}

/// eval at a point: an answer or an error, and a finite number as the
/// value when the answer has one.
pub fn eval(data: &[u8]) {
    let Some((expr, at)) = lines(data) else { return };
    let (expr, at) = (expr.to_string(), at.map(str::to_string));
    on_stack(move || {
        if let Ok(answer) = answers::eval::eval(&expr, at.as_deref(), 15) {
            let json = serde_json::to_value(&answer).expect("answers serialise");
            // A number, or "inf"/"-inf" past a double's range (DESIGN.md §4);
            // serde_json would write a NaN as null.
            let value = json.get("value");
            let fine = |v: &serde_json::Value| v.is_number() || v == "inf" || v == "-inf";
            assert!(value.is_none_or(fine), "{expr:?}: {json}");
        }
    });
}

/// limit at a point (the second line, 0 by default), from both sides.
pub fn limit(data: &[u8]) {
    let Some((expr, at)) = lines(data) else { return };
    let (expr, at) = (expr.to_string(), at.unwrap_or("0").to_string());
    on_stack(move || {
        for side in [answers::limit::Side::Both, answers::limit::Side::Left, answers::limit::Side::Right] {
            if let Ok(answer) = answers::limit::limit(&expr, &at, side, None) {
                serde_json::to_string(&answer).expect("answers serialise");
            }
        }
    });
}

/// check-differentiable at a point; where it says differentiable, f'(a)
/// agrees with `diff --at`, which asks the same judge.
pub fn check(data: &[u8]) {
    let Some((expr, at)) = lines(data) else { return };
    let (expr, at) = (expr.to_string(), at.unwrap_or("0").to_string());
    on_stack(move || {
        let Ok(verdict) = answers::check::at_point(&expr, &at, None) else { return };
        let diff = answers::diff::diff(&expr, None, 1, Some(&at), 15);
        let said = serde_json::to_value(&verdict).expect("answers serialise");
        if said["differentiable"] == true {
            // Both agree on f'(a); diff --at also needs its value as a number,
            // which a derivative like 2^(2^64) does not have.
            let diff = match diff {
                Ok(d) => d,
                Err(e) if ["too large", "too small to compute"].iter().any(|w| e.to_string().contains(w)) => {
                    return;
                }
                Err(e) => panic!("{expr:?} at {at}: differentiable, but diff --at: {e}"),
            };
            let value = serde_json::to_value(&diff).expect("answers serialise");
            if said["method"] == "exact" && value["exact"].is_string() {
                assert_eq!(said["derivative"], value["exact"], "{expr:?} at {at}: the two commands disagree");
            } else if let (Some(text), Some(number)) = (said["derivative"].as_str(), value["value"].as_f64())
            {
                // diff shows a long closed form by its value only.
                let judged = parse(text).ok().and_then(|e| crate::numeric::precise::value(&e).ok());
                let close = judged.is_none_or(|j| (j - number).abs() <= 1e-12 * j.abs().max(1.0));
                assert!(close, "{expr:?} at {at}: check says {text}, diff --at says {number}");
            }
        }
    });
}

/// A scan of a small interval (the second line, -2..2 by default).
pub fn scan(data: &[u8]) {
    let Some((expr, on)) = lines(data) else { return };
    let (expr, on) = (expr.to_string(), on.unwrap_or("-2..2").to_string());
    on_stack(move || {
        if let Ok(answer) = answers::check::on_interval(&expr, &on, None, 50) {
            serde_json::to_string(&answer).expect("answers serialise");
        }
    });
}

/// The slope table and its limit line at a point (1 by default).
pub fn slope(data: &[u8]) {
    let Some((expr, at)) = lines(data) else { return };
    let (expr, at) = (expr.to_string(), at.unwrap_or("1").to_string());
    on_stack(move || {
        if let Ok(answer) = answers::rates::slope(&expr, &at, None, 4, 15) {
            serde_json::to_string(&answer).expect("answers serialise");
        }
    });
}

/// A fuzz target: raw bytes in, a panic when an invariant breaks.
pub type Target = fn(&[u8]);

/// Every target by name, for the fuzzer's binaries and the replay test.
pub const TARGETS: &[(&str, Target)] = &[
    ("parse", parse_round_trip),
    ("diff", derivative),
    ("eval", eval),
    ("limit", limit),
    ("check", check),
    ("scan", scan),
    ("slope", slope),
];

#[cfg(test)]
mod tests {
    #[test]
    fn a_panic_on_the_worker_reaches_the_caller_and_the_worker_lives_on() {
        let caught = std::panic::catch_unwind(|| super::on_stack(|| panic!("broken invariant")));
        assert!(caught.is_err());
        let (tx, rx) = std::sync::mpsc::channel();
        super::on_stack(move || tx.send(7).unwrap());
        assert_eq!(rx.recv().unwrap(), 7);
    }
}
