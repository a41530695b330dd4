//! Steps a tutor would write (`diff --steps`): each rule named, its
//! template shown with the parts substituted (u, v, n), the sub-derivations
//! before the step that uses them, and simplifications shown as equalities,
//! never as derivatives. The expression is read as written — a quotient is
//! a quotient, x^(1/2) is a power with n = 1/2 — and every result is the
//! engine's own derivative of that part, in the textbook's form.

use super::derivative::{DiffError, Rule, derivative};
use crate::engine::expr::{Expr, Kind};
use crate::engine::functions::Function;
use crate::engine::simplify::{add, as_quotient, func, int, mul, neg, pow, var};
use crate::render::plain;

/// One line of working.
#[derive(Debug, Clone)]
pub struct TutorStep {
    pub rule: Rule,
    /// What is differentiated (a rule) or rewritten (a simplification).
    pub expression: Expr,
    /// d/dx expression (a rule), or the same value in another form.
    pub result: Expr,
    /// The rule in general: `d/dx x^n = n*x^(n - 1)`.
    pub template: Option<String>,
    /// What the template's letters stand for here, and arithmetic on them.
    pub with: Vec<(String, String)>,
    /// The template with everything substituted, before simplifying.
    pub working: Option<String>,
}

/// The tutor's steps for d/d`var` of `e`, ending with the simplification to
/// the engine's final form when it differs from the textbook form.
pub fn explain(e: &Expr, var: &str) -> Result<(Expr, Vec<TutorStep>), DiffError> {
    let mut tutor = Tutor { var, steps: Vec::new(), work: 0 };
    let textbook = tutor.step(e, true)?;
    let result = derivative(e, var)?;
    if textbook != result {
        tutor.steps.push(TutorStep {
            rule: Rule::Simplify,
            expression: textbook,
            result: result.clone(),
            template: None,
            with: Vec::new(),
            working: None,
        });
    }
    Ok((result, tutor.steps))
}

/// Explanations stop growing past this many steps (a long expression gets
/// its outer rules explained and its deepest parts answered directly).
const MAX_STEPS: usize = 200;

struct Tutor<'a> {
    var: &'a str,
    steps: Vec<TutorStep>,
    work: usize,
}

fn text(e: &Expr) -> String {
    plain(e)
}

/// A part in parentheses when it is a sum or a product (inside a template).
fn grouped(e: &Expr) -> String {
    match e.kind() {
        Kind::Add(_) | Kind::Mul(_) | Kind::Pow(..) | Kind::Piecewise(_) => format!("({})", plain(e)),
        // -1/2 as an exponent or a factor reads as (-1/2).
        Kind::Num(q) if !q.is_integer() || q.is_negative() => {
            format!("({})", plain(e))
        }
        _ => plain(e),
    }
}

impl Tutor<'_> {
    fn d(&self) -> String {
        format!("d/d{}", self.var)
    }

    fn moves(&self, e: &Expr) -> bool {
        !e.free_of(self.var)
    }

    /// Explain d/dx `e` (sub-derivations first) and return it.
    fn step(&mut self, e: &Expr, top: bool) -> Result<Expr, DiffError> {
        self.work += 1;
        if !self.moves(e) {
            if top {
                self.push(Rule::Constant, e, int(0), Some(format!("{} c = 0", self.d())), vec![], None);
            }
            return Ok(int(0));
        }
        if matches!(e.kind(), Kind::Var(_)) {
            if top {
                let x = self.var.to_string();
                self.push(Rule::Variable, e, int(1), Some(format!("{} {x} = 1", self.d())), vec![], None);
            }
            return Ok(int(1));
        }
        if self.steps.len() >= MAX_STEPS {
            return derivative(e, self.var);
        }
        match e.kind() {
            Kind::Add(terms) => self.sum(e, terms),
            Kind::Mul(factors) => self.product_or_quotient(e, factors),
            Kind::Pow(b, x) => self.power(e, b, x),
            Kind::Func(f, args) if args.len() == 1 => self.function(e, *f, &args[0]),
            _ => {
                // Several-argument functions and piecewise definitions: the
                // engine's rule, named.
                let result = derivative(e, self.var)?;
                let rule = match e.kind() {
                    Kind::Piecewise(_) => Rule::Piecewise,
                    Kind::Func(f, _) => Rule::Function(*f),
                    _ => Rule::Condition,
                };
                self.push(rule, e, result.clone(), None, vec![], None);
                Ok(result)
            }
        }
    }

    fn push(
        &mut self,
        rule: Rule,
        expression: &Expr,
        result: Expr,
        template: Option<String>,
        with: Vec<(String, String)>,
        working: Option<String>,
    ) {
        self.steps.push(TutorStep { rule, expression: expression.clone(), result, template, with, working });
    }

    fn sum(&mut self, e: &Expr, terms: &[Expr]) -> Result<Expr, DiffError> {
        let mut parts = Vec::with_capacity(terms.len());
        for t in terms {
            parts.push(self.step(t, false)?);
        }
        let working = parts.iter().map(grouped).collect::<Vec<_>>().join(" + ");
        let result = add(parts);
        let template = format!("{d} (u + v) = {d} u + {d} v", d = self.d());
        self.push(Rule::Sum, e, result.clone(), Some(template), vec![], Some(working));
        Ok(result)
    }

    fn product_or_quotient(&mut self, e: &Expr, factors: &[Expr]) -> Result<Expr, DiffError> {
        let (constant, moving): (Vec<Expr>, Vec<Expr>) =
            factors.iter().cloned().partition(|f| !self.moves(f));
        let c = mul(constant);
        if !c.is_one() {
            // c·u: the constant waits outside.
            let u = mul(moving);
            let du = self.step(&u, false)?;
            let result = mul(vec![c.clone(), du.clone()]);
            let template = format!("{d} (c*u) = c*{d} u", d = self.d());
            let with = vec![("c".into(), text(&c)), ("u".into(), text(&u))];
            let working = format!("{}*{}", grouped(&c), grouped(&du));
            self.push(Rule::ConstantMultiple, e, result.clone(), Some(template), with, Some(working));
            return Ok(result);
        }
        if let Some((u, v)) = as_quotient(&moving, self.var) {
            return self.quotient(e, &u, &v);
        }
        let (u, v) = (moving[0].clone(), mul(moving[1..].to_vec()));
        let (du, dv) = (self.step(&u, false)?, self.step(&v, false)?);
        let result = add(vec![mul(vec![du.clone(), v.clone()]), mul(vec![u.clone(), dv.clone()])]);
        let d = self.d();
        let template = format!("{d} (u*v) = u'*v + u*v'");
        let with = vec![
            ("u".into(), text(&u)),
            ("v".into(), text(&v)),
            ("u'".into(), text(&du)),
            ("v'".into(), text(&dv)),
        ];
        let working = format!("{}*{} + {}*{}", grouped(&du), grouped(&v), grouped(&u), grouped(&dv));
        self.push(Rule::Product, e, result.clone(), Some(template), with, Some(working));
        Ok(result)
    }

    /// (u′v − uv′)/v², the numerator multiplied out.
    fn quotient(&mut self, e: &Expr, u: &Expr, v: &Expr) -> Result<Expr, DiffError> {
        let (du, dv) = (self.step(u, false)?, self.step(v, false)?);
        let numerator = add(vec![mul(vec![du.clone(), v.clone()]), neg(&mul(vec![u.clone(), dv.clone()]))]);
        let numerator = crate::engine::tidy::expanded(&numerator).unwrap_or(numerator);
        let result = mul(vec![numerator, pow(&pow(v, &int(2)), &int(-1))]);
        let template = "(u/v)' = (u'*v - u*v')/v^2".to_string();
        let with = vec![
            ("u".into(), text(u)),
            ("v".into(), text(v)),
            ("u'".into(), text(&du)),
            ("v'".into(), text(&dv)),
        ];
        let working =
            format!("({}*{} - {}*{})/{}^2", grouped(&du), grouped(v), grouped(u), grouped(&dv), grouped(v));
        self.push(Rule::Quotient, e, result.clone(), Some(template), with, Some(working));
        Ok(result)
    }

    fn power(&mut self, e: &Expr, b: &Expr, x: &Expr) -> Result<Expr, DiffError> {
        let d = self.d();
        match (self.moves(b), self.moves(x)) {
            (true, false) => {
                let n = x;
                let lowered = add(vec![n.clone(), int(-1)]);
                let mut with = vec![("n".to_string(), text(n))];
                if n.is_num() {
                    with.push(("n - 1".into(), format!("{} - 1 = {}", text(n), text(&lowered))));
                }
                if matches!(b.kind(), Kind::Var(_)) {
                    let result = mul(vec![n.clone(), pow(b, &lowered)]);
                    let template = format!("{d} {x}^n = n*{x}^(n - 1)", x = self.var);
                    let working = format!("{}*{}^{}", grouped(n), grouped(b), grouped(&lowered));
                    self.push(Rule::Power, e, result.clone(), Some(template), with, Some(working));
                    return Ok(result);
                }
                let du = self.step(b, false)?;
                let result = mul(vec![n.clone(), pow(b, &lowered), du.clone()]);
                with.insert(0, ("u".into(), text(b)));
                with.push(("u'".into(), text(&du)));
                let template = format!("{d} u^n = n*u^(n - 1)*u'");
                let working = format!("{}*{}^{}*{}", grouped(n), grouped(b), grouped(&lowered), grouped(&du));
                self.push(Rule::PowerWithChain, e, result.clone(), Some(template), with, Some(working));
                Ok(result)
            }
            (false, true) => {
                let dx = self.step(x, false)?;
                let ln_b = func(Function::LN, vec![b.clone()]);
                let result = mul(vec![e.clone(), ln_b.clone(), dx.clone()]);
                let template = format!("{d} a^u = a^u*ln(a)*u'");
                let with = vec![("a".into(), text(b)), ("u".into(), text(x)), ("u'".into(), text(&dx))];
                let working = format!("{}*{}*{}", grouped(e), text(&ln_b), grouped(&dx));
                self.push(Rule::Exponential, e, result.clone(), Some(template), with, Some(working));
                Ok(result)
            }
            _ => {
                let (du, dv) = (self.step(b, false)?, self.step(x, false)?);
                let ln_u = func(Function::LN, vec![b.clone()]);
                let inside = add(vec![
                    mul(vec![dv.clone(), ln_u]),
                    mul(vec![x.clone(), du.clone(), pow(b, &int(-1))]),
                ]);
                let result = mul(vec![e.clone(), inside]);
                let template = format!("{d} u^v = u^v*(v'*ln(u) + v*u'/u)");
                let with = vec![
                    ("u".into(), text(b)),
                    ("v".into(), text(x)),
                    ("u'".into(), text(&du)),
                    ("v'".into(), text(&dv)),
                ];
                self.push(Rule::GeneralPower, e, result.clone(), Some(template), with, None);
                Ok(result)
            }
        }
    }

    fn function(&mut self, e: &Expr, f: Function, arg: &Expr) -> Result<Expr, DiffError> {
        let (d, name) = (self.d(), f.name());
        if matches!(arg.kind(), Kind::Var(_)) {
            let result = derivative(e, self.var)?;
            self.push(Rule::Function(f), e, result.clone(), None, vec![], None);
            return Ok(result);
        }
        let du = self.step(arg, false)?;
        // f′(u) from the table, written in the letter u.
        let outer = (f.def().derivative)(&[var("u")]).into_iter().next().unwrap_or_else(|| int(0));
        let at_arg =
            (f.def().derivative)(std::slice::from_ref(arg)).into_iter().next().unwrap_or_else(|| int(0));
        let result = mul(vec![at_arg.clone(), du.clone()]);
        let template = format!("{d} {name}(u) = {}*u'", grouped(&outer));
        let with = vec![("u".into(), text(arg)), ("u'".into(), text(&du))];
        let working = format!("{}*{}", grouped(&at_arg), grouped(&du));
        self.push(Rule::Chain(f), e, result.clone(), Some(template), with, Some(working));
        Ok(result)
    }
}
