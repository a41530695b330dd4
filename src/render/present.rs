//! The one presenter: every answer (`crate::answers`) laid out as markup,
//! the same way in every style. All of dcalc's prose lives here; the CLI
//! only chooses the style and the colours.

use super::markup::{Markup, Tone};
use super::{Style, plain, render};
use crate::analysis::derivative::Rule;
use crate::analysis::differentiability::{Kind, Unsure, Verdict};
use crate::analysis::limits::{Limit, Method, Target};
use crate::analysis::rates::{Line, Side as RowSide};
use crate::answers::check::{PointVerdict, ScanAnswer};
use crate::answers::descend::DescendAnswer;
use crate::answers::diff::DiffAnswer;
use crate::answers::eval::{EvalAnswer, Undefined};
use crate::answers::grad::GradAnswer;
use crate::answers::hessian::HessianAnswer;
use crate::answers::learn::{DefinitionAnswer, GradeAnswer, StepsAnswer};
use crate::answers::limit::{LimitAnswer, NoLimit, Side};
use crate::answers::rates::{SecantAnswer, SlopeAnswer, TangentAnswer, h_of};
use crate::answers::tape::TapeAnswer;
use crate::answers::{Failure, Value};
use crate::engine::expr::Expr;
use crate::ml::descent::{Divergence, Stop};

/// How `diff` labels its answer in pretty output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Notation {
    /// d/dx (x³) = 3x²
    #[default]
    Operator,
    /// y = x³, dy/dx = 3x²
    Leibniz,
    /// f(x) = x³, f'(x) = 3x²
    Lagrange,
}

/// What the presenter needs beyond the answer.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    pub digits: u32,
    pub notation: Notation,
}

/// An answer that can be laid out.
pub trait Present {
    fn markup(&self, o: &Options) -> Markup;
}

// --- numbers, limits, lines --------------------------------------------------

/// `6`, `1/4`, `sqrt(2)/2  # ~0.707106781186548` (plain reads back in: the
/// decimal is a comment), `√2/2 ≈ 0.707…`, or the decimal alone.
pub fn value(v: &Value) -> Markup {
    let Some(exact) = &v.exact else {
        return Markup::new().formula(v.decimal.clone(), v.decimal.clone(), v.decimal.clone());
    };
    let (p, pretty, latex) = (plain(exact), render(exact, Style::Pretty), render(exact, Style::Latex));
    if exact.as_compact().is_some_and(crate::engine::number::Compact::is_integer) {
        return Markup::new().formula(p, pretty, latex);
    }
    let terminating = exact.as_num().and_then(|q| crate::engine::number::terminating_decimal(&q));
    let d = &v.decimal;
    match terminating {
        Some(t) if t == *d => Markup::new().formula(p, format!("{pretty} = {d}"), latex),
        _ if exact.is_num() => Markup::new().formula(p, format!("{pretty} ≈ {d}"), latex),
        _ => Markup::new().formula(format!("{p}  # ~{d}"), format!("{pretty} ≈ {d}"), latex),
    }
}

/// A limit's value in words: `1/2`, `inf`, `none (oscillates)`.
pub fn limit_text(l: &Limit) -> String {
    match l {
        Limit::Finite(e) => plain(e),
        Limit::Approx(v) => format!("~{}", crate::engine::number::shortest(*v)),
        Limit::PlusInfinity => "inf".into(),
        Limit::MinusInfinity => "-inf".into(),
        Limit::Oscillates => "none (oscillates)".into(),
        Limit::Undefined => "none (undefined)".into(),
        Limit::Unknown => "unknown (could not decide)".into(),
    }
}

fn limit_markup(l: &Limit) -> Markup {
    match l {
        Limit::Finite(e) => Markup::new().math(e),
        Limit::PlusInfinity => Markup::new().formula("inf", "∞", "\\infty"),
        Limit::MinusInfinity => Markup::new().formula("-inf", "−∞", "-\\infty"),
        Limit::Approx(v) => {
            let d = crate::engine::number::shortest(*v);
            Markup::new().formula(
                format!("{d}  # numeric estimate, not exact"),
                format!("≈ {d}"),
                format!("\\approx {d}"),
            )
        }
        other => Markup::new().text(limit_text(other)),
    }
}

/// Where a limit goes: `0`, `inf`, `∞`, `\infty`.
pub fn target_text(t: &Target, style: Style) -> String {
    match (t, style) {
        (Target::Point(a), _) => render(a, style),
        (Target::PlusInfinity, Style::Plain) => "inf".into(),
        (Target::MinusInfinity, Style::Plain) => "-inf".into(),
        (Target::PlusInfinity, Style::Pretty) => "∞".into(),
        (Target::MinusInfinity, Style::Pretty) => "−∞".into(),
        (Target::PlusInfinity, Style::Latex) => "\\infty".into(),
        (Target::MinusInfinity, Style::Latex) => "-\\infty".into(),
    }
}

pub use super::line::line_text;

fn line_markup(line: &Line, digits: u32) -> Markup {
    Markup::new().formula(
        line_text(line, digits, Style::Plain),
        line_text(line, digits, Style::Pretty),
        line_text(line, digits, Style::Latex),
    )
}

// --- verdicts ------------------------------------------------------------------

/// Why the verdict is what it is, in one sentence (plain syntax).
pub fn verdict_reason(v: &Verdict) -> String {
    let a = at_text(v);
    let at = format!("{} = {a}", v.var);
    let l = |x: &Option<Limit>| x.as_ref().map_or_else(|| "none".to_string(), limit_text);
    let reason = match v.kind {
        Kind::Undecided => match v.unsure {
            Some(Unsure::Defined) => format!("could not decide whether f is defined at {at}"),
            Some(Unsure::LimitsAgree) => {
                format!("could not decide whether the one-sided limits agree at {at}")
            }
            Some(Unsure::Derivatives) => format!("could not decide the one-sided derivatives at {a}"),
            Some(Unsure::DerivativesAgree) => {
                format!("could not decide whether the one-sided derivatives at {a} agree")
            }
            _ => format!("could not decide the limit of f at {at}"),
        },
        Kind::Endpoint if v.left == Limit::Undefined && v.right == Limit::Undefined => {
            format!("f is defined at {at} but at no point near it")
        }
        Kind::Endpoint => {
            let side = if v.left == Limit::Undefined { "right" } else { "left" };
            format!("f is defined only to the {side} of {at}")
        }
        Kind::Undefined => format!("f is not defined at or near {at}"),
        Kind::Infinite => {
            format!(
                "f tends to {} from the left and {} from the right",
                limit_text(&v.left),
                limit_text(&v.right)
            )
        }
        Kind::Oscillating if !v.continuous => format!("f has no limit at {at}: it oscillates"),
        Kind::Oscillating => "the difference quotient oscillates as h -> 0".to_string(),
        Kind::Jump => {
            format!("f jumps: left limit {}, right limit {}", limit_text(&v.left), limit_text(&v.right))
        }
        Kind::Removable => match &v.value {
            None => format!("the limit is {} but f({a}) is undefined", limit_text(&v.left)),
            Some(fa) => format!("the limit is {} but f({a}) = {}", limit_text(&v.left), plain(fa)),
        },
        Kind::Differentiable => format!("f'({a}) = {}", l(&v.derivative)),
        Kind::Corner => {
            let both = format!(
                "left derivative {}, right derivative {}",
                l(&v.left_derivative),
                l(&v.right_derivative)
            );
            let finite = v.left_derivative.as_ref().is_some_and(Limit::is_value)
                && v.right_derivative.as_ref().is_some_and(Limit::is_value);
            let text = if finite { format!("f is continuous but {both}") } else { both };
            match v.autodiff {
                Some(note) => format!("{text}; {note}"),
                None => text,
            }
        }
        Kind::VerticalTangent => format!("the slope tends to {} from both sides", l(&v.left_derivative)),
        Kind::Cusp => {
            format!("left derivative {}, right derivative {}", l(&v.left_derivative), l(&v.right_derivative))
        }
    };
    if v.method == Method::Numeric && v.kind != Kind::Undecided {
        format!("{reason} (from numeric evidence at high precision, not exactly)")
    } else {
        reason
    }
}

impl Present for PointVerdict {
    fn markup(&self, _: &Options) -> Markup {
        let v = &self.verdict;
        let at = Markup::new().text(format!("{} = ", v.var)).math(&v.at);
        let head = if v.differentiable() {
            let d = v.derivative.as_ref().map(limit_markup).unwrap_or_default();
            Markup::new()
                .tone("differentiable at ", Tone::Strong)
                .append(at)
                .text(": f'(")
                .math(&v.at)
                .text(") = ")
                .append(d)
        } else if v.kind == Kind::Undecided {
            Markup::new().tone("could not decide at ", Tone::Strong).append(at)
        } else {
            Markup::new()
                .tone("not differentiable at ", Tone::Strong)
                .append(at)
                .tone(format!(": {}", v.kind.name()), Tone::Strong)
        };
        let mut m = Markup::new()
            .formula(self.input.clone(), self.input.clone(), latex_input(&self.input))
            .text(": ")
            .append(head)
            .br();
        if !self.held.is_empty() {
            m = m.text(format!("  {}", holding(&v.var, &self.held))).br();
        }
        let value = match &v.value {
            Some(fa) => Markup::new().math(fa),
            None => Markup::new().text("undefined"),
        };
        m = m
            .text("  f(")
            .math(&v.at)
            .text(") = ")
            .append(value)
            .text(format!(
                "; left limit {}, right limit {}; {}",
                limit_text(&v.left),
                limit_text(&v.right),
                if v.continuous { "continuous" } else { "not continuous" }
            ))
            .br();
        if let (Some(l), Some(r)) = (&v.left_derivative, &v.right_derivative) {
            m = m
                .text(format!("  left derivative {}, right derivative {}", limit_text(l), limit_text(r)))
                .br();
        }
        m.tone(format!("  {}", verdict_reason(v)), Tone::Quiet)
    }
}

fn latex_input(input: &str) -> String {
    crate::engine::parse::parse(input).map_or_else(|_| input.to_string(), |e| render(&e, Style::Latex))
}

/// "nudging w, holding b = 0 fixed".
fn holding(var: &str, held: &[(String, Expr)]) -> String {
    let parts: Vec<String> = held.iter().map(|(n, e)| format!("{n} = {}", plain(e))).collect();
    format!("nudging {var}, holding {} fixed", parts.join(", "))
}

impl Present for ScanAnswer {
    fn markup(&self, _: &Options) -> Markup {
        let (lo, hi) = (plain(&self.on.0), plain(&self.on.1));
        let mut m = Markup::new();
        let mut first = true;
        let mut line = |m: Markup| {
            let m = if first { m } else { m.br() };
            first = false;
            m
        };
        for g in &self.undefined {
            let (open, close) = (if g.from_closed { "[" } else { "(" }, if g.to_closed { "]" } else { ")" });
            let end = |e: &Expr, exact: bool| {
                if exact { Markup::new().math(e) } else { Markup::new().text(gap_end(e, false)) }
            };
            m = line(m)
                .text(format!("{} undefined on {open}", self.wrt))
                .append(end(&g.from, g.from_exact))
                .text(", ")
                .append(end(&g.to, g.to_exact))
                .text(close);
        }
        for p in &self.points {
            let v = &p.verdict;
            let at =
                if v.approximate_at { Markup::new().text(at_text(v)) } else { Markup::new().math(&v.at) };
            m = line(m)
                .text(format!("{} = ", v.var))
                .append(at)
                .text(": ")
                .tone(v.kind.name(), Tone::Strong)
                .text(format!(": {}", verdict_reason(v)));
        }
        if self.truncated {
            let families: Vec<String> = self.families.iter().map(family_text).collect();
            let upto = match &self.listed_up_to {
                Some(x) => format!(" (points and undefined regions up to {} = {})", self.wrt, plain(x)),
                None => String::new(),
            };
            m = line(m).text(format!(
                "… {} points in all, the first {} listed{upto}{}",
                self.total,
                self.points.len(),
                if families.is_empty() { String::new() } else { format!(": {}", families.join("; ")) }
            ));
        }
        if !self.uncertified.is_empty() {
            let eqs: Vec<String> = self.uncertified.iter().map(|e| format!("{} = 0", plain(e))).collect();
            m = line(m).text(format!("could not certify where {} on [{lo}, {hi}]", eqs.join(", ")));
        }
        if self.points.is_empty() && self.undefined.is_empty() && self.uncertified.is_empty() {
            m = line(m).text(format!("{} is differentiable at every point of [{lo}, {hi}]", self.input));
        }
        m
    }
}

/// An end of an undefined interval: its closed form, or 20 digits of a
/// root known only within 10⁻⁴⁰.
pub fn gap_end(e: &Expr, exact: bool) -> String {
    match e.as_num() {
        Some(q) if !exact => crate::engine::number::round_decimal(&q, 20),
        _ => plain(e),
    }
}

/// A point known only within 10⁻⁴⁰, to 20 significant digits.
pub fn at_text(v: &Verdict) -> String {
    match v.at.as_num() {
        Some(q) if v.approximate_at => crate::engine::number::round_decimal(&q, 20),
        _ => plain(&v.at),
    }
}

/// `x = k*pi for k = 1..31830`.
pub fn family_text(f: &crate::analysis::roots::Family) -> String {
    let k = crate::engine::simplify::var("k");
    let member = crate::engine::simplify::add(vec![
        f.base.clone(),
        crate::engine::simplify::mul(vec![k, f.period.clone()]),
    ]);
    format!("x = {} for k = {}..{}", plain(&member), f.first_k, f.last_k)
}

// --- diff --------------------------------------------------------------------

fn superscript_number(n: u32) -> String {
    let digits = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string().chars().filter_map(|c| c.to_digit(10).map(|d| digits[d as usize])).collect()
}

/// f′, f″, f‴, then f⁽⁴⁾ and on.
fn primes(n: u32) -> String {
    match n {
        0 => String::new(),
        1..=3 => "'".repeat(n as usize),
        _ => format!("⁽{}⁾", superscript_number(n)),
    }
}

impl Present for DiffAnswer {
    fn markup(&self, o: &Options) -> Markup {
        let (x, n) = (&self.wrt, self.order);
        let sup = if n > 1 { superscript_number(n) } else { String::new() };
        let f = &self.function;
        // Plain and LaTeX give the answer alone (it pipes back in); pretty labels it.
        let sym = if self.partial { "∂" } else { "d" };
        let operator = || {
            Markup::new()
                .tone(format!("{sym}{sup}/{sym}{x}{sup} ("), Tone::Label)
                .math_tone(f, Tone::Label)
                .tone(")", Tone::Label)
                .text(" = ")
        };
        let label = match o.notation {
            _ if self.partial => operator(),
            Notation::Operator => operator(),
            Notation::Leibniz => Markup::new()
                .text("y = ")
                .math(f)
                .br()
                .tone(format!("d{sup}y/d{x}{sup}"), Tone::Label)
                .text(" = "),
            Notation::Lagrange => Markup::new()
                .text(format!("f({x}) = "))
                .math(f)
                .br()
                .tone(format!("f{}({x})", primes(n)), Tone::Label)
                .text(" = "),
        };
        let mut pretty = label.math(&self.derivative);
        let bare = match &self.value {
            None => Markup::new().math(&self.derivative),
            Some(v) => {
                let at = self
                    .at
                    .iter()
                    .flatten()
                    .map(|(k, v)| format!("{k} = {v}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                pretty =
                    pretty.br().tone("at", Tone::Label).text(format!(" {at}: ")).append(strong(value(v)));
                value(v)
            }
        };
        Markup::new().only(Style::Pretty, pretty).only(Style::Plain, bare.clone()).only(Style::Latex, bare)
    }
}

/// The same pieces, standing out.
fn strong(m: Markup) -> Markup {
    use super::markup::Piece;
    Markup(
        m.0.into_iter()
            .map(|p| match p {
                Piece::Formula { plain, pretty, latex, .. } => {
                    Piece::Formula { plain, pretty, latex, tone: Tone::Strong }
                }
                Piece::Math(e, _) => Piece::Math(e, Tone::Strong),
                Piece::Text(t, _) => Piece::Text(t, Tone::Strong),
                other => other,
            })
            .collect(),
    )
}

impl Present for EvalAnswer {
    fn markup(&self, _: &Options) -> Markup {
        value(&self.value)
    }
}

/// `x/x is undefined at x = 0: it needs x != 0 there; its limit as x -> 0 is 1`.
pub fn undefined_text(u: &Undefined) -> String {
    let mut text = format!("{} is undefined", u.input);
    if !u.point.values.is_empty() {
        text.push_str(&format!(" at {}", u.point.describe()));
    }
    match &u.broken {
        // A condition with no variable left says it plainly.
        Some(c) if c.expr.is_num() && c.need == crate::engine::domain::Need::NonZero => {
            text.push_str(": it divides by zero there (a pole)")
        }
        Some(c) if c.expr.is_num() => text.push_str(": it is outside its domain there"),
        Some(c) => text.push_str(&format!(": it needs {} {} 0 there", plain(&c.expr), c.need.symbol())),
        None => {}
    }
    if let (Some(l), Some((_, a))) = (&u.limit, u.point.values.iter().find(|(n, _)| *n == u.var)) {
        text.push_str(&format!("; its limit as {} -> {} is {}", u.var, plain(a), plain(l)));
    }
    text
}

// --- limit ---------------------------------------------------------------------

pub fn no_limit_text(r: &NoLimit) -> String {
    match r {
        NoLimit::Oscillates => "it oscillates".into(),
        NoLimit::UndefinedSide => "the function is not defined there".into(),
        NoLimit::UndefinedBoth => "the function is not defined near the point".into(),
        NoLimit::UndefinedLeft => "the function is not defined to the left".into(),
        NoLimit::UndefinedRight => "the function is not defined to the right".into(),
        NoLimit::SidesDiffer(l, r) => format!("left {}, right {}", limit_text(l), limit_text(r)),
    }
}

impl Present for LimitAnswer {
    fn markup(&self, _: &Options) -> Markup {
        let arrow = match self.side {
            Side::Left => ("⁻", "^-"),
            Side::Right => ("⁺", "^+"),
            Side::Both => ("", ""),
        };
        let x = &self.wrt;
        // Plain output is the value alone (it pipes back in); the others
        // write the limit out.
        let head = Markup::new().formula(
            "",
            format!(
                "lim {x} → {}{}  {}",
                target_text(&self.target, Style::Pretty),
                arrow.0,
                render(&self.function, Style::Pretty)
            ),
            format!(
                "\\lim_{{{x} \\to {}{}}} {}",
                target_text(&self.target, Style::Latex),
                arrow.1,
                render(&self.function, Style::Latex)
            ),
        );
        let mut m = match (&self.limit, &self.reason) {
            (_, Some(r)) => head
                .formula(format!("does not exist: {}", no_limit_text(r)), "", "")
                .text_only_styled(format!(" does not exist: {}", no_limit_text(r))),
            (Limit::Unknown, _) => {
                head.formula("could not decide", "", "").text_only_styled(" could not be decided")
            }
            (l, None) => head.formula("", " = ", " = ").append(limit_markup(l)),
        };
        if self.method == Method::Numeric && !matches!(self.limit, Limit::Approx(_)) {
            m = m.only(
                Style::Pretty,
                Markup::new().br().tone("(from numeric evidence at high precision, not exact)", Tone::Quiet),
            );
        }
        m
    }
}

// --- rates ---------------------------------------------------------------------

impl Present for SlopeAnswer {
    fn markup(&self, o: &Options) -> Markup {
        let s = &self.subject;
        let (a, f) = (s.a(), s.f());
        let mut m = Markup::new().text(format!("f({}) = ", s.var)).math(f).text(", a = ").math(&a).br();
        let held = s.fixed().values;
        if !held.is_empty() {
            m = m.text(holding(&s.var, &held)).br();
        }
        let right: Vec<_> = self.table.iter().filter(|q| q.side == RowSide::Right).collect();
        let left: Vec<_> = self.table.iter().filter(|q| q.side == RowSide::Left).collect();
        let h_width = right.iter().map(|q| h_of(&q.h).len()).max().unwrap_or(1).max(1);
        let q_width = right.iter().map(|q| q.quotient.len()).max().unwrap_or(0).max(17);
        let limit_digits = self.limit.as_ref().map(|v| v.decimal.clone());
        // The table as text (the settled digits marked) …
        let mut text = Markup::new()
            .formula(
                format!("{:>h_width$}   {:<q_width$}   [f(a-h) - f(a)]/(-h)", "h", "[f(a+h) - f(a)]/h"),
                format!("{:>h_width$}   {:<q_width$}   [f(a−h) − f(a)]/(−h)", "h", "[f(a+h) − f(a)]/h"),
                "",
            )
            .br();
        for (r, l) in right.iter().zip(&left) {
            let pad = q_width.saturating_sub(r.quotient.chars().count());
            text = text.raw(format!("{:>h_width$}   ", h_of(&r.h)));
            text = settled(text, &r.quotient, limit_digits.as_deref()).raw(format!("{}   ", " ".repeat(pad)));
            text = settled(text, &l.quotient, limit_digits.as_deref()).br();
        }
        // … and as a LaTeX tabular.
        let mut table = String::from(
            "\\begin{tabular}{rll}\n$h$ & $\\frac{f(a+h)-f(a)}{h}$ & $\\frac{f(a-h)-f(a)}{-h}$ \\\\\n\\hline\n",
        );
        for (r, l) in right.iter().zip(&left) {
            table.push_str(&format!("${}$ & ${}$ & ${}$ \\\\\n", h_of(&r.h), r.quotient, l.quotient));
        }
        table.push_str("\\end{tabular}\n");
        m = m
            .only(Style::Plain, text.clone())
            .only(Style::Pretty, text)
            .only(Style::Latex, Markup::new().raw(table));
        match (&self.limit, &self.tangent) {
            (Some(v), Some(t)) => m
                .formula("limit as h -> 0: ", "limit as h → 0: ", "")
                .text("f'(")
                .math(&a)
                .text(") = ")
                .append(value(v))
                .br()
                .text("tangent line: ")
                .append(line_markup(&t.line, o.digits)),
            _ => m.text("limit as h ").formula("->", "→", "\\to").text(" 0: does not exist"),
        }
    }
}

/// A quotient with the digits it shares with the limit marked as settled.
fn settled(m: Markup, q: &str, limit: Option<&str>) -> Markup {
    let shared = limit.map_or(0, |l| q.chars().zip(l.chars()).take_while(|(a, b)| a == b).count());
    let cut = q.char_indices().nth(shared).map_or(q.len(), |(i, _)| i);
    let (same, rest) = q.split_at(cut);
    m.tone(same, Tone::Settled).raw(rest)
}

impl Present for SecantAnswer {
    fn markup(&self, o: &Options) -> Markup {
        let s = &self.subject;
        let sec = &self.secant;
        let mut m = Markup::new().text(format!("f({}) = ", s.var)).math(s.f()).br();
        let held = s.fixed().values;
        if !held.is_empty() {
            m = m.text(holding(&s.var, &held)).br();
        }
        m.text("average rate of change over [")
            .math(&sec.a)
            .text(", ")
            .math(&sec.b)
            .text("] (h = ")
            .math(&sec.h)
            .text("): ")
            .append(value(&self.rate))
            .br()
            .text("secant line through (")
            .math(&sec.a)
            .text(", ")
            .math(&sec.fa)
            .text(") and (")
            .math(&sec.b)
            .text(", ")
            .math(&sec.fb)
            .text("): ")
            .append(line_markup(&self.line, o.digits))
    }
}

impl Present for TangentAnswer {
    fn markup(&self, o: &Options) -> Markup {
        let s = &self.subject;
        let t = &self.tangent;
        let mut m = Markup::new().text(format!("f({}) = ", s.var)).math(s.f()).br();
        let held = s.fixed().values;
        if !held.is_empty() {
            m = m.text(holding(&s.var, &held)).br();
        }
        m.text("slope f'(")
            .math(&t.a)
            .text(") = ")
            .append(value(&self.slope_value))
            .br()
            .text("point (")
            .math(&t.a)
            .text(", ")
            .math(&t.fa)
            .text(")")
            .br()
            .text("tangent line: ")
            .append(line_markup(&self.line, o.digits))
    }
}

// --- grad, descend -------------------------------------------------------------

impl Present for GradAnswer {
    fn markup(&self, _: &Options) -> Markup {
        let mut m = Markup::new();
        for (i, (v, d)) in self.gradient.iter().enumerate() {
            if i > 0 {
                m = m.br();
            }
            m = m.formula_tone(
                &format!("d/d{v}: "),
                &format!("∂/∂{v} = "),
                &format!("\\frac{{\\partial f}}{{\\partial {v}}} = "),
                Tone::Label,
            );
            m = match &self.values {
                Some(values) => m.append(value(&values[i].1)),
                None => m.math(d),
            };
        }
        m
    }
}

impl Present for HessianAnswer {
    fn markup(&self, _: &Options) -> Markup {
        let mut m = Markup::new();
        for (k, (r, c, i, j)) in self.entries().enumerate() {
            if k > 0 {
                m = m.br();
            }
            let latex = if r == c {
                format!("\\frac{{\\partial^2 f}}{{\\partial {r}^2}} = ")
            } else {
                format!("\\frac{{\\partial^2 f}}{{\\partial {r}\\,\\partial {c}}} = ")
            };
            let pretty = if r == c { format!("∂²/∂{r}² = ") } else { format!("∂²/∂{r}∂{c} = ") };
            m = m.formula_tone(&format!("d2/d{r}d{c}: "), &pretty, &latex, Tone::Label);
            m = match &self.values {
                Some(values) => m.append(value(&values[i][j])),
                None => m.math(&self.hessian[i][j]),
            };
        }
        m
    }
}

/// Columns padded to their widest cell, two spaces apart.
fn aligned(rows: &[Vec<String>]) -> Vec<String> {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| rows.iter().filter_map(|r| r.get(c)).map(|s| s.chars().count()).max().unwrap_or(0))
        .collect();
    rows.iter()
        .map(|r| {
            let cells: Vec<String> = r.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}")).collect();
            cells.join("  ").trim_end().to_string()
        })
        .collect()
}

impl Present for TapeAnswer {
    fn markup(&self, o: &Options) -> Markup {
        let node_name = |i: usize| {
            let n = &self.tape[i];
            n.name.clone().unwrap_or_else(|| format!("v{i}"))
        };
        let mut forward = vec![vec!["node".into(), "op".into(), "inputs".into(), "value".into()]];
        let mut backward = vec![vec!["node".into(), "adjoint ∂f/∂node".into(), "local rule".into()]];
        for n in &self.tape {
            let inputs: Vec<String> = n.inputs.iter().map(|&i| node_name(i)).collect();
            let label = format!("v{}", n.id);
            let op = match &n.name {
                Some(name) => format!("input {name}"),
                None => n.op.clone(),
            };
            forward.push(vec![label.clone(), op, inputs.join(", "), num(n.value, TABLE_DIGITS)]);
        }
        for n in self.tape.iter().rev() {
            backward.push(vec![format!("v{}", n.id), num(n.adjoint, TABLE_DIGITS), n.rule.clone()]);
        }
        let mut m = Markup::new().tone("forward pass", Tone::Label).br();
        for line in aligned(&forward) {
            m = m.raw(line).br();
        }
        m = m.br().tone("backward pass (adjoints from the output back)", Tone::Label).br();
        for line in aligned(&backward) {
            m = m.raw(line).br();
        }
        let grad: Vec<String> =
            self.gradient.iter().map(|(v, g)| format!("df/d{v} = {}", num(*g, o.digits))).collect();
        m = m.br().text(format!("gradient (the inputs' adjoints): {}", grad.join(", ")));
        for note in &self.notes {
            m = m.br().text(format!("note: {note}"));
        }
        m
    }
}

fn num(v: f64, digits: u32) -> String {
    match crate::engine::number::from_f64(v) {
        Some(q) => crate::engine::number::round_decimal(&q, digits),
        None => crate::engine::number::shortest(v),
    }
}

/// Significant digits in the descent table.
const TABLE_DIGITS: u32 = 10;

impl Present for DescendAnswer {
    fn markup(&self, o: &Options) -> Markup {
        let params = &self.wrt;
        let mut header = vec!["iteration".to_string()];
        header.extend(params.iter().cloned());
        header.push("loss".into());
        header.extend(params.iter().map(|p| format!("dL/d{p}")));
        let kinks = self.iterations.iter().any(|(_, s)| s.kink.is_some());
        if kinks {
            header.push("note".into());
        }
        let rows: Vec<Vec<String>> = self
            .iterations
            .iter()
            .map(|(_, s)| {
                let mut row = vec![s.iteration.to_string()];
                row.extend(s.point.iter().map(|v| num(*v, TABLE_DIGITS)));
                row.push(num(s.loss, TABLE_DIGITS));
                row.extend(s.gradient.iter().map(|g| num(*g, TABLE_DIGITS)));
                if kinks {
                    row.push(s.kink.map_or(String::new(), |f| format!("kink of {}", f.def().name)));
                }
                row
            })
            .collect();
        let latex_row = |cells: &[String]| format!("{} \\\\\n", cells.join(" & "));
        let columns = "r".repeat(header.len());
        let latex_header: Vec<String> =
            header.iter().map(|h| format!("${}$", h.replace('_', "\\_"))).collect();
        let mut table = format!("\\begin{{tabular}}{{{columns}}}\n{}\\hline\n", latex_row(&latex_header));
        let mut text = Markup::new();
        for line in aligned(&[std::slice::from_ref(&header), &rows].concat()) {
            text = text.raw(line).br();
        }
        for r in &rows {
            table.push_str(&latex_row(r));
        }
        table.push_str("\\end{tabular}\n\n");
        let m = Markup::new()
            .only(Style::Plain, text.clone())
            .only(Style::Pretty, text)
            .only(Style::Latex, Markup::new().raw(table));
        let (_, last, stop) = &self.last;
        let point: Vec<String> =
            params.iter().zip(&last.point).map(|(p, v)| format!("{p} = {}", num(*v, o.digits))).collect();
        let how = match stop {
            Stop::Iterations => format!("after {} iterations", self.iterations_asked),
            Stop::Converged => {
                format!("converged at iteration {}: gradient norm below {:e}", last.iteration, self.tolerance)
            }
            Stop::Diverged(Divergence::AtStart) => "stopped: undefined at the starting point".to_string(),
            Stop::Diverged(_) => format!("stopped at iteration {}: diverging", last.iteration),
        };
        let mut m =
            m.text(format!("final: {}; loss = {} ({how})", point.join(", "), num(last.loss, o.digits)));
        for note in &self.notes {
            m = m.br().text(format!("note: {note}"));
        }
        m
    }
}

/// The message when a descent diverges: the cause, and a smaller rate.
pub fn divergence_text(d: &DescendAnswer) -> Option<String> {
    let Stop::Diverged(why) = &d.last.2 else { return None };
    let smaller = crate::engine::number::round_decimal(
        &crate::engine::number::from_f64(d.rate / 2.0).unwrap_or_default(),
        6,
    );
    let rate = |what: String| {
        format!(
            "descend {}: the iteration diverges ({what}): the rate {} is too large; try a smaller one, such as {smaller}",
            d.input, d.rate_text
        )
    };
    Some(match why {
        Divergence::AtStart => format!(
            "descend {}: the loss or its gradient is not a number at the starting point ({}): start inside the loss's domain",
            d.input,
            start_text(d)
        ),
        Divergence::NotFinite(i) => rate(format!("the loss is no longer a finite number at iteration {i}")),
        Divergence::Growing(n) => rate(format!("the loss grew {n} iterations in a row")),
    })
}

fn start_text(d: &DescendAnswer) -> String {
    let first = d.iterations.first().map(|(_, s)| s.point.clone()).unwrap_or_default();
    d.wrt
        .iter()
        .zip(first)
        .map(|(p, v)| format!("{p}={}", num(v, TABLE_DIGITS)))
        .collect::<Vec<_>>()
        .join(",")
}

// --- learning aids ---------------------------------------------------------------

fn rule_words(rule: Rule) -> String {
    let name = rule.name();
    match name.split_once(" (") {
        Some((head, tail)) => format!("{head} rule ({tail}"),
        None => format!("{name} rule"),
    }
}

impl Present for StepsAnswer {
    fn markup(&self, _: &Options) -> Markup {
        let mut m = Markup::new();
        let d = format!("d/d{}", self.wrt);
        let latex_d = format!("\\frac{{d}}{{d{}}}", self.wrt);
        let mut of = 1;
        let mut before: Option<&Expr> = None;
        for step in &self.steps {
            if step.of != of
                && let Some(previous) = before
            {
                // The next derivative starts from the one before.
                of = step.of;
                let primes = "'".repeat(of as usize);
                m = m.tone(format!("f{primes}({}) = {d} ", self.wrt), Tone::Label);
                m = m
                    .formula("(", "(", "\\left(")
                    .math(previous)
                    .formula(")", ")", "\\right)")
                    .text(":")
                    .br();
            }
            before = Some(&step.result);
            if step.rule == Rule::Simplify {
                // A rewriting of the same value: an equality, never d/dx.
                m = m.tone("simplify", Tone::Label).formula(": ", ": ", "\\colon ");
                m = m.math(&step.expression).formula(" = ", " = ", " = ").math(&step.result).br();
                continue;
            }
            let words = rule_words(step.rule);
            m = m.tone(&words, Tone::Label);
            // The template and its letters are in dcalc's syntax: text
            // for people, left out of LaTeX (the math line says it there).
            let mut how = String::new();
            if let Some(t) = &step.template {
                how.push_str(&format!(": {t}"));
            }
            if !step.with.is_empty() {
                let with: Vec<String> = step.with.iter().map(|(k, v)| format!("{k} = {v}")).collect();
                how.push_str(&format!(", with {}", with.join(", ")));
            }
            let how = Markup::new().text(how);
            m = m.only(Style::Plain, how.clone()).only(Style::Pretty, how);
            let bracket = matches!(
                step.expression.kind(),
                crate::engine::expr::Kind::Add(_) | crate::engine::expr::Kind::Mul(_)
            );
            let (open, close) = if bracket { ("(", ")") } else { ("", "") };
            let (lopen, lclose) = if bracket { ("\\left(", "\\right)") } else { ("", "") };
            m = m.br().text("  ").formula(
                format!("{d} {open}"),
                format!("{d} {open}"),
                format!("{latex_d} {lopen}"),
            );
            m = m.math(&step.expression).formula(
                format!("{close} = "),
                format!("{close} = "),
                format!("{lclose} = "),
            );
            if let Some(w) = &step.working
                && *w != plain(&step.result)
            {
                let w = Markup::new().text(format!("{w} = "));
                m = m.only(Style::Plain, w.clone()).only(Style::Pretty, w);
            }
            m = m.math(&step.result).br();
        }
        m.formula("result: ", "result: ", "\\text{result: } ").math(&self.derivative)
    }
}

impl Present for GradeAnswer {
    fn markup(&self, o: &Options) -> Markup {
        let (x, n) = (&self.wrt, self.order);
        let d = if n > 1 { format!("d^{n}/d{x}^{n} ") } else { format!("d/d{x} ") };
        let latex_d =
            if n > 1 { format!("\\frac{{d^{n}}}{{d{x}^{n}}} ") } else { format!("\\frac{{d}}{{d{x}}} ") };
        let given = crate::parse(&self.answer).ok();
        let shown = |m: Markup, e: &Option<Expr>, text: &str| match e {
            Some(e) => m.math(e),
            None => m.text(text.to_string()),
        };
        // d/dx (u + v): the operand bracketed when it is a sum or product.
        let operand = |m: Markup| match crate::parse(&self.input) {
            Ok(f)
                if matches!(
                    f.kind(),
                    crate::engine::expr::Kind::Add(_) | crate::engine::expr::Kind::Mul(_)
                ) =>
            {
                m.formula("(", "(", "\\left(").math(&f).formula(")", ")", "\\right)")
            }
            Ok(f) => m.math(&f),
            Err(_) => m.text(self.input.clone()),
        };
        if self.correct {
            let m = Markup::new().tone("correct", Tone::Strong).text(": ");
            let m = shown(m, &given, &self.answer).text(" is ");
            return operand(m.formula(d.clone(), d, latex_d));
        }
        let mut m = Markup::new().tone("not equal", Tone::Strong).text(": ");
        m = operand(m.formula(d.clone(), d, latex_d)).text(" = ").math(&self.derivative);
        m = shown(m.text(", not "), &given, &self.answer);
        if let (Some(at), Some(e), Some(g)) = (&self.at, &self.expected, &self.given) {
            let point: Vec<String> = at.iter().map(|(k, v)| format!("{k} = {v}")).collect();
            let val = |e: &Expr| match Value::of(e, o.digits) {
                Ok(v) => value(&v),
                Err(_) => Markup::new().math(e),
            };
            m = m.br().text(format!("at {}: the derivative is ", point.join(", "))).append(val(e));
            m = m.text(", the answer gives ").append(val(g));
        }
        if let Some(h) = &self.hint {
            m = m.br().tone("hint", Tone::Label).text(format!(": {h}"));
        }
        m
    }
}

impl Present for DefinitionAnswer {
    fn markup(&self, _: &Options) -> Markup {
        let x = &self.wrt;
        if let Some(why) = &self.refused {
            let sample: Vec<String> = self.sample.iter().map(|(h, q)| format!("h = {h}: {q}")).collect();
            let a = self.at.as_ref().map_or_else(|| "1".to_string(), plain);
            let numerically = if sample.is_empty() {
                format!("the quotient cannot be sampled at {x} = {a}")
            } else {
                format!("at {x} = {a} the quotient [f(x+h) - f(x)]/h is {}", sample.join(", "))
            };
            return Markup::new()
                .text(format!("{why}; numerically, {numerically}; see --steps for the rules"))
                .br()
                .text(format!("d/d{x} = "))
                .math(&self.derivative);
        }
        let h = self.h.clone().unwrap_or_else(|| "h".into());
        let mut m = Markup::new().text(format!("f({x}) = ")).math(&self.function).br();
        if let (Some(a), Some(fa)) = (&self.at, &self.value_at) {
            m = m.text(format!("at {x} = ")).math(a).text(format!(": f({}) = ", plain(a))).math(fa).br();
        }
        for l in self.steps.iter().take(self.steps.len().saturating_sub(1)) {
            // A label ending in ':' is a step in words, not an equation.
            let sep = if l.label.ends_with(':') { " " } else { " = " };
            m = m.text(format!("{}{sep}", l.label));
            m = match &l.text {
                Some(t) => m.formula(t.clone(), t.clone(), t.clone()),
                None => m.math(&l.expression),
            };
            m = m.br();
        }
        m.formula(
            format!("limit as {h} -> 0: "),
            format!("limit as {h} → 0: "),
            format!("\\lim_{{{h} \\to 0}} \\frac{{f({x} + {h}) - f({x})}}{{{h}}} = "),
        )
        .math(&self.derivative)
    }
}

// --- failures --------------------------------------------------------------------

fn variable_text(e: &crate::engine::point::VariableError) -> String {
    use crate::engine::point::VariableError;
    match e {
        VariableError::NotAName(w) => format!("--wrt {w}: not a variable name"),
        VariableError::Absent { name, variables } => {
            format!(
                "--wrt {name}: the expression has no variable {name} (its variables: {})",
                variables.join(", ")
            )
        }
        VariableError::Several(vars) => {
            format!("the expression has several variables ({}): choose one with --wrt", vars.join(", "))
        }
    }
}

/// Why an answer that was shown still ends in failure (stderr, exit 2).
pub fn limit_failure(a: &LimitAnswer) -> Option<String> {
    (a.limit == Limit::Unknown).then(|| {
        let to = target_text(&a.target, Style::Plain);
        format!("limit of {} as {} -> {to}: could not decide", a.input, a.wrt)
    })
}

pub fn check_failure(a: &PointVerdict) -> Option<String> {
    (a.verdict.kind == Kind::Undecided).then(|| format!("{}: {}", a.input, verdict_reason(&a.verdict)))
}

pub fn scan_failure(a: &ScanAnswer) -> Option<String> {
    (a.outcome() == crate::answers::Outcome::Failed).then(|| {
        let eqs: Vec<String> = a.uncertified.iter().map(|e| format!("{} = 0", plain(e))).collect();
        let on = format!("[{}, {}]", plain(&a.on.0), plain(&a.on.1));
        if eqs.is_empty() {
            let n = a.points.iter().filter(|p| p.verdict.kind == Kind::Undecided).count();
            return format!("{}: could not decide {n} of the points found on {on}", a.input);
        }
        format!("{}: could not certify the search on {on} (where {})", a.input, eqs.join(", "))
    })
}

pub fn slope_failure(a: &SlopeAnswer) -> Option<String> {
    a.no_limit.as_ref().map(|e| format!("slope of {} at {}: {e}", a.input, a.subject.point.describe()))
}

/// A failure in words, for stderr (and the JSON error object).
pub fn failure_text(f: &Failure) -> String {
    match f {
        Failure::Input(e) => e.to_string(),
        Failure::MissingValues { names } => format!("--at gives no value for {}", names.join(", ")),
        Failure::Outside(u) => undefined_text(u),
        Failure::Refused { input, wrt, at, verdict } => {
            let what = if verdict.kind == Kind::Undecided {
                "could not decide the derivative there"
            } else {
                "the derivative does not exist there"
            };
            format!("d/d{wrt} {input} at {at}: {what}: {}: {}", verdict.kind.name(), verdict_reason(verdict))
        }
        Failure::Wrt(e) => variable_text(e),
        Failure::Variable(why) | Failure::Undefined(why) | Failure::TooLarge(why) | Failure::Other(why) => {
            why.clone()
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&failure_text(self))
    }
}
