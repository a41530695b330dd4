//! The learning aids of `diff`: the rules the engine applied (`--steps`)
//! and the derivative from the limit of the difference quotient
//! (`--definition`), as data.

use super::{Answered, Failure, ser};
use crate::analysis::derivative::Rule;
use crate::analysis::first_principles::{Derivation, derive};
use crate::analysis::tutor::explain;
use crate::engine::expr::Expr;
use crate::engine::point::choose_variable;
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct StepLine {
    /// Which derivative the step belongs to (1 for f′, 2 for f″ from f′, …).
    pub of: u32,
    pub rule: Rule,
    /// `rule`: result = d/d(wrt) expression; `simplify`: result = expression.
    pub kind: &'static str,
    #[serde(serialize_with = "ser::expr")]
    pub expression: Expr,
    #[serde(serialize_with = "ser::expr")]
    pub result: Expr,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// What the template's letters stand for here.
    #[serde(serialize_with = "pairs")]
    pub with: Vec<(String, String)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub working: Option<String>,
}

fn pairs<S: serde::Serializer>(p: &[(String, String)], s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(p.iter().map(|(k, v)| (k, v)))
}

#[derive(Clone, Debug, Serialize)]
pub struct StepsAnswer {
    pub input: String,
    pub wrt: String,
    pub order: u32,
    pub steps: Vec<StepLine>,
    #[serde(serialize_with = "ser::expr")]
    pub derivative: Expr,
}

/// The tutor's steps for each order in turn (f′, then f″ from f′, …).
pub fn steps(input: &str, wrt: Option<&str>, order: u32) -> Answered<StepsAnswer> {
    let f = crate::parse(input)?;
    let var = choose_variable(&f, wrt).map_err(Failure::Wrt)?;
    let mut current = f;
    let mut lines = Vec::new();
    for of in 1..=order.max(1) {
        let (next, steps) = explain(&current, &var)?;
        lines.extend(steps.into_iter().map(|s| StepLine {
            of,
            rule: s.rule,
            kind: if s.rule == Rule::Simplify { "simplify" } else { "rule" },
            expression: s.expression,
            result: s.result,
            template: s.template,
            with: s.with,
            working: s.working,
        }));
        current = next;
    }
    Ok(StepsAnswer {
        input: input.to_string(),
        wrt: var,
        order: order.max(1),
        steps: lines,
        derivative: current,
    })
}

/// One line of a derivation from first principles.
#[derive(Clone, Debug, Serialize)]
pub struct DerivationLine {
    #[serde(rename = "step")]
    pub label: String,
    #[serde(serialize_with = "ser::expr")]
    pub expression: Expr,
    /// The line as text where the expression would simplify its point away.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DefinitionAnswer {
    pub input: String,
    pub wrt: String,
    /// The point, when the derivation is carried through at x = a.
    #[serde(serialize_with = "ser::opt_expr", skip_serializing_if = "Option::is_none")]
    pub at: Option<Expr>,
    /// f(a), at the point.
    #[serde(serialize_with = "ser::opt_expr", skip_serializing_if = "Option::is_none")]
    pub value_at: Option<Expr>,
    #[serde(serialize_with = "ser::expr")]
    pub function: Expr,
    /// The name given to h (one the function does not use).
    pub h: Option<String>,
    pub steps: Vec<DerivationLine>,
    /// Why the algebra does not close, when it does not.
    pub refused: Option<String>,
    /// The difference quotient at x = 1 for shrinking h, when refused.
    pub sample: Vec<(String, String)>,
    #[serde(serialize_with = "ser::expr")]
    pub derivative: Expr,
}

pub fn definition(
    input: &str,
    wrt: Option<&str>,
    at: Option<&str>,
    digits: u32,
) -> Answered<DefinitionAnswer> {
    let f = crate::parse(input)?;
    let var = choose_variable(&f, wrt).map_err(Failure::Wrt)?;
    let point = at.map(crate::engine::parse::parse_value).transpose()?;
    let general = crate::derivative(&f, &var)?;
    // At a point, the answer is f'(a) as the judge gives it (one judge).
    let derivative = match &point {
        Some(a) => {
            let p = crate::engine::point::Point { values: vec![(var.clone(), a.clone())] };
            let formula = crate::engine::domain::Formula::bare(f.clone());
            match super::judged_derivative(&formula, &general, &var, &p, input)? {
                crate::analysis::limits::Limit::Finite(v) => v,
                _ => {
                    return Err(Failure::Other(format!(
                        "d/d{var} {input} at {}: could not decide",
                        p.describe()
                    )));
                }
            }
        }
        None => general,
    };
    let mut answer = DefinitionAnswer {
        input: input.to_string(),
        wrt: var.clone(),
        at: point.clone(),
        value_at: point.as_ref().map(|a| {
            crate::numeric::eval::substitute(&f, &std::collections::HashMap::from([(var.clone(), a.clone())]))
        }),
        function: f.clone(),
        h: None,
        steps: Vec::new(),
        refused: None,
        sample: Vec::new(),
        derivative: derivative.clone(),
    };
    match derive(&f, &var, point.as_ref()) {
        Derivation::Derived { lines, h } => {
            // The limit is the engine's answer; shown in the engine's form.
            let limit = lines.last().map(|l| l.expr.clone()).unwrap_or_else(|| derivative.clone());
            if !same_function(&limit, &derivative, &var) {
                return Err(Failure::Other("the derivation does not agree with diff".into()));
            }
            answer.h = Some(h);
            answer.steps = lines
                .into_iter()
                .map(|l| DerivationLine { label: l.label, expression: l.expr, text: l.text })
                .collect();
        }
        Derivation::Refused { why } => {
            answer.refused = Some(why);
            answer.sample = sample_quotients(&f, &var, point.as_ref(), digits);
        }
    }
    Ok(answer)
}

/// The difference quotient at x = a (else 1) for h = 10⁻², 10⁻⁴.
fn sample_quotients(f: &Expr, var: &str, at: Option<&Expr>, digits: u32) -> Vec<(String, String)> {
    let one = crate::engine::simplify::int(1);
    let formula = crate::engine::domain::Formula::bare(f.clone());
    let point = at.unwrap_or(&one);
    match crate::analysis::rates::slope_table(
        &formula,
        var,
        &crate::engine::point::Point::default(),
        point,
        4,
    ) {
        Ok(rows) => rows
            .iter()
            .filter(|r| r.side == crate::analysis::rates::Side::Right && r.k % 2 == 0)
            .map(|r| {
                let q =
                    r.quotient.as_ref().and_then(|q| crate::numeric::precise::digits(q, digits.min(10)).ok());
                (format!("1e-{}", r.k), q.unwrap_or_else(|| "undefined".into()))
            })
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// Equal as functions: the same expression, or the same values at a few points.
fn same_function(a: &Expr, b: &Expr, var: &str) -> bool {
    if a == b {
        return true;
    }
    [0.37, 0.61, 1.3, 2.7].iter().all(|x| {
        let at = std::collections::HashMap::from([(var.to_string(), *x)]);
        match (crate::numeric::eval::evaluate(a, &at), crate::numeric::eval::evaluate(b, &at)) {
            (Ok(p), Ok(q)) => (p - q).abs() <= 1e-9 * p.abs().max(1.0),
            _ => false,
        }
    })
}

/// `diff EXPR --check ANSWER`: whether ANSWER is d/d(wrt) EXPR.
#[derive(Clone, Debug, Serialize)]
pub struct GradeAnswer {
    pub input: String,
    pub wrt: String,
    pub order: u32,
    pub answer: String,
    pub correct: bool,
    #[serde(serialize_with = "ser::expr")]
    pub derivative: Expr,
    /// Where a wrong answer differs, with both values there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<std::collections::BTreeMap<String, String>>,
    #[serde(serialize_with = "ser::opt_expr", skip_serializing_if = "Option::is_none")]
    pub expected: Option<Expr>,
    #[serde(serialize_with = "ser::opt_expr", skip_serializing_if = "Option::is_none")]
    pub given: Option<Expr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

pub fn grade(input: &str, wrt: Option<&str>, order: u32, answer: &str) -> Answered<GradeAnswer> {
    let f = crate::parse(input)?;
    let var = choose_variable(&f, wrt).map_err(Failure::Wrt)?;
    let given = crate::parse(answer)?;
    let derivative = crate::analysis::derivative::nth_derivative(&f, &var, order.max(1))?;
    let mut out = GradeAnswer {
        input: input.to_string(),
        wrt: var.clone(),
        order: order.max(1),
        answer: answer.to_string(),
        correct: false,
        derivative: derivative.clone(),
        at: None,
        expected: None,
        given: None,
        hint: None,
    };
    // Hints compare with slips of the first derivative only.
    let on = if order <= 1 { f } else { crate::analysis::derivative::nth_derivative(&f, &var, order - 1)? };
    match crate::analysis::grading::grade(&on, &var, &given, &derivative) {
        crate::analysis::grading::Grade::Equal { .. } => out.correct = true,
        crate::analysis::grading::Grade::Differ { at, expected, given, hint } => {
            out.at = Some(at.iter().map(|(k, v)| (k.clone(), crate::render::plain(v))).collect());
            out.expected = Some(expected);
            out.given = Some(given);
            out.hint = hint;
        }
        crate::analysis::grading::Grade::Unknown => {
            return Err(Failure::Other(format!(
                "{answer}: could not decide whether it is d/d{var} {input} (no point where both are defined could tell)"
            )));
        }
    }
    Ok(out)
}
