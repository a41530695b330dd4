//! Expressions to text in three styles. Plain output is dcalc's own input
//! syntax (so it pipes back in), pretty is Unicode for people, LaTeX for
//! documents. One precedence-aware printer serves all three; the styles
//! differ only in tokens.

mod layout;
pub mod line;
pub mod markup;
pub mod plot;
pub mod present;

use crate::engine::expr::{Constant, Expr, Kind, Logic, NodeMap, Rel};
use crate::engine::functions::Function;
use crate::engine::number::{self, Rational};
pub use layout::is_negative;
use layout::{Factor, Fraction, fraction, ordered_terms};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Plain,
    Pretty,
    Latex,
}

/// Render an expression.
pub fn render(e: &Expr, style: Style) -> String {
    let mut p = Printer { out: String::new(), style, printed: NodeMap::default() };
    p.expr(e, PIECEWISE);
    p.out
}

pub fn plain(e: &Expr) -> String {
    render(e, Style::Plain)
}

// Binding strength of what an expression prints as, loosest first.
const PIECEWISE: u8 = 0;
const SUM: u8 = 1;
const PRODUCT: u8 = 2;
const NEGATION: u8 = 3;
const POWER: u8 = 4;
const ATOM: u8 = 5;

fn is_root(x: &Expr, k: u8) -> bool {
    x.as_num().is_some_and(|q| q.numerator().is_one() && u64::try_from(q.denominator()) == Ok(u64::from(k)))
}

/// How tightly an expression's printed form binds.
fn precedence(e: &Expr) -> u8 {
    match e.kind() {
        Kind::Num(q) if q.is_negative() => NEGATION,
        Kind::Num(q) if !q.is_integer() => PRODUCT,
        Kind::Num(_) | Kind::Const(_) | Kind::Var(_) | Kind::Func(..) => ATOM,
        Kind::Add(_) => SUM,
        Kind::Mul(_) if is_negative(e) => NEGATION,
        Kind::Mul(_) => PRODUCT,
        Kind::Pow(_, x) if x.is_negative_number() => PRODUCT,
        Kind::Pow(_, x) if is_root(x, 2) || is_root(x, 3) => ATOM,
        Kind::Pow(..) => POWER,
        Kind::Piecewise(_) | Kind::Cmp(..) | Kind::Logic(..) => PIECEWISE,
    }
}

struct Printer {
    out: String,
    style: Style,
    /// Where each large shared node was first printed: a node prints the
    /// same wherever it stands (its brackets are its parent's business), so
    /// a derivative that repeats a subtree copies the text instead of laying
    /// the subtree out again.
    printed: NodeMap<std::ops::Range<usize>>,
}

/// Nodes smaller than this are laid out again: cheaper than a lookup.
/// Sums are the exception, remembered at any size: ordering their terms
/// for print is the costly part of a product rule's output.
const REPRINT_BELOW: u64 = 16;

impl Printer {
    fn expr(&mut self, e: &Expr, at_least: u8) {
        if precedence(e) < at_least {
            self.open_paren();
            self.node(e);
            self.close_paren();
        } else {
            self.node(e);
        }
    }

    fn open_paren(&mut self) {
        self.out.push_str(if self.style == Style::Latex { "\\left(" } else { "(" });
    }

    fn close_paren(&mut self) {
        self.out.push_str(if self.style == Style::Latex { "\\right)" } else { ")" });
    }

    fn node(&mut self, e: &Expr) {
        let remember = e.is_shared() && (e.tree_size() >= REPRINT_BELOW || matches!(e.kind(), Kind::Add(_)));
        if remember && let Some(done) = self.printed.get(&e.node_ptr()) {
            self.out.extend_from_within(done.clone());
            return;
        }
        let start = self.out.len();
        self.layout(e);
        if remember {
            self.printed.insert(e.node_ptr(), start..self.out.len());
        }
    }

    fn layout(&mut self, e: &Expr) {
        match e.kind() {
            // An integer (most exponents and coefficients) is its digits,
            // without the fraction's layout.
            Kind::Num(q) if q.is_integer() => {
                if q.is_negative() {
                    self.out.push_str(self.minus());
                }
                self.integer(&dashu_int::ops::UnsignedAbs::unsigned_abs(q.value().numerator()));
            }
            Kind::Num(_) | Kind::Mul(_) => self.fraction(&fraction(e), false),
            Kind::Pow(_, x) if x.is_negative_number() => self.fraction(&fraction(e), false),
            Kind::Const(c) => self.constant(*c),
            Kind::Var(name) => self.variable(name),
            Kind::Add(terms) => self.sum(terms),
            Kind::Pow(b, x) => self.power(b, x),
            Kind::Func(f, args) => self.call(*f, args),
            Kind::Piecewise(parts) => self.piecewise(parts),
            Kind::Cmp(rel, sides) => self.comparison(*rel, sides),
            Kind::Logic(op, items) => self.logic(*op, items),
        }
    }

    fn word(&mut self, word: &str) {
        if self.style == Style::Latex {
            self.out.push_str(&format!("\\text{{ {word} }}"));
        } else {
            self.out.push_str(&format!(" {word} "));
        }
    }

    /// `if c then a else b` (cases in LaTeX), nested in the else branch.
    fn piecewise(&mut self, parts: &[Expr]) {
        if self.style == Style::Latex {
            self.out.push_str("\\begin{cases} ");
            for pair in parts.chunks(2) {
                match pair {
                    [cond, value] => {
                        self.expr(value, SUM);
                        self.out.push_str(" & \\text{if } ");
                        self.expr(cond, PIECEWISE);
                        self.out.push_str(" \\\\ ");
                    }
                    [otherwise] => {
                        self.expr(otherwise, SUM);
                        self.out.push_str(" & \\text{otherwise}");
                    }
                    _ => {}
                }
            }
            self.out.push_str(" \\end{cases}");
            return;
        }
        for pair in parts.chunks(2) {
            match pair {
                [cond, value] => {
                    self.out.push_str("if ");
                    self.expr(cond, PIECEWISE);
                    self.out.push_str(" then ");
                    self.expr(value, SUM);
                    self.out.push_str(" else ");
                }
                [otherwise] => self.expr(otherwise, PIECEWISE),
                _ => {}
            }
        }
    }

    fn comparison(&mut self, rel: Rel, sides: &[Expr]) {
        let symbol = match (self.style, rel) {
            (Style::Pretty, Rel::Le) => "≤",
            (Style::Pretty, Rel::Ge) => "≥",
            (Style::Pretty, Rel::Ne) => "≠",
            (Style::Latex, Rel::Le) => "\\le",
            (Style::Latex, Rel::Ge) => "\\ge",
            (Style::Latex, Rel::Ne) => "\\ne",
            (Style::Latex, Rel::Eq) => "=",
            _ => rel.symbol(),
        };
        self.expr(&sides[0], SUM);
        self.out.push_str(&format!(" {symbol} "));
        self.expr(&sides[1], SUM);
    }

    /// `and` binds tighter than `or`: an `or` inside an `and` is bracketed.
    fn logic(&mut self, op: Logic, items: &[Expr]) {
        let word = if op == Logic::And { "and" } else { "or" };
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.word(word);
            }
            let bracket = op == Logic::And && matches!(item.kind(), Kind::Logic(Logic::Or, _));
            if bracket {
                self.open_paren();
                self.expr(item, PIECEWISE);
                self.close_paren();
            } else {
                self.expr(item, PIECEWISE);
            }
        }
    }

    fn constant(&mut self, c: Constant) {
        self.out.push_str(match (c, self.style) {
            (Constant::Pi, Style::Plain) => "pi",
            (Constant::Pi, Style::Pretty) => "π",
            (Constant::Pi, Style::Latex) => "\\pi",
            (Constant::E, _) => "e",
        });
    }

    fn variable(&mut self, name: &str) {
        if self.style == Style::Latex && name.chars().count() > 1 {
            self.out.push_str(&format!("\\mathit{{{}}}", name.replace('_', "\\_")));
        } else {
            self.out.push_str(name);
        }
    }

    fn minus(&self) -> &'static str {
        if self.style == Style::Pretty { "−" } else { "-" }
    }

    fn sum(&mut self, terms: &[Expr]) {
        for (i, term) in ordered_terms(terms).into_iter().enumerate() {
            let negative = is_negative(term);
            if i > 0 {
                let sign = if negative { self.minus() } else { "+" };
                self.out.push(' ');
                self.out.push_str(sign);
                self.out.push(' ');
            }
            if i > 0 && negative {
                self.fraction(&fraction(term), true);
            } else {
                self.expr(term, SUM);
            }
        }
    }

    fn integer(&mut self, n: &dashu_int::UBig) {
        use std::fmt::Write;
        // Machine-sized numbers skip the big-integer formatter.
        let _ = match u64::try_from(n) {
            Ok(small) => write!(self.out, "{small}"),
            Err(_) => write!(self.out, "{n}"),
        };
    }

    /// A product or quotient: `-3*x^2`, `1/(2*sqrt(x))`, `-\frac{1}{x^{2}}`.
    fn fraction(&mut self, f: &Fraction, drop_sign: bool) {
        if f.negative && !drop_sign {
            self.out.push_str(self.minus());
        }
        let has_lower = !f.lower.is_empty() || !f.denominator.is_one();
        if self.style == Style::Latex && has_lower {
            self.out.push_str("\\frac{");
            self.upper(f, false);
            self.out.push_str("}{");
            self.lower(f, false);
            self.out.push('}');
            return;
        }
        // Factors bracket themselves (a sum always does), so the numerator
        // never needs its own parentheses: `2*(x + 1)/x`.
        self.upper(f, false);
        if has_lower {
            self.out.push('/');
            // A lone factor brackets itself where it must (`1/(x + 1)`).
            let lower_parts = f.lower.len() + usize::from(!f.denominator.is_one());
            self.lower(f, lower_parts > 1);
        }
    }

    fn upper(&mut self, f: &Fraction, parens: bool) {
        if parens {
            self.open_paren();
        }
        let show_coefficient = !f.numerator.is_one() || f.upper.is_empty();
        if show_coefficient {
            self.integer(&f.numerator);
        }
        self.factors(&f.upper, show_coefficient);
        if parens {
            self.close_paren();
        }
    }

    fn lower(&mut self, f: &Fraction, parens: bool) {
        if parens {
            self.open_paren();
        }
        let show_coefficient = !f.denominator.is_one();
        if show_coefficient {
            self.integer(&f.denominator);
        }
        self.factors(&f.lower, show_coefficient);
        if parens {
            self.close_paren();
        }
    }

    fn factors(&mut self, factors: &[Factor], after_coefficient: bool) {
        for (i, factor) in factors.iter().enumerate() {
            if i > 0 || after_coefficient {
                let sep = self.separator(factor, i == 0);
                self.out.push_str(sep);
            }
            self.factor(factor);
        }
    }

    /// What goes between two factors; pretty and LaTeX write `3x²`.
    fn separator(&self, next: &Factor, after_coefficient: bool) -> &'static str {
        let starts_with_digit = next.base.is_num() && next.inverse.is_none() && !is_root_factor(next);
        match self.style {
            Style::Plain => "*",
            Style::Pretty if after_coefficient && !starts_with_digit => "",
            Style::Pretty => "·",
            Style::Latex if starts_with_digit => " \\cdot ",
            Style::Latex => " ",
        }
    }

    fn factor(&mut self, f: &Factor) {
        match (&f.inverse, f.exponent) {
            (Some(q), _) if q.is_one() => self.expr(f.base, POWER),
            (Some(q), _) => self.rational_power(f.base, q),
            (None, Some(x)) => self.power(f.base, x),
            (None, None) => self.expr(f.base, POWER),
        }
    }

    fn rational_power(&mut self, base: &Expr, q: &Rational) {
        let x = crate::engine::simplify::constant(q.clone());
        self.power(base, &x);
    }

    fn power(&mut self, base: &Expr, x: &Expr) {
        if is_root(x, 2) || is_root(x, 3) {
            return self.root(base, is_root(x, 3));
        }
        self.expr(base, ATOM);
        match self.style {
            Style::Latex => {
                self.out.push_str("^{");
                self.expr(x, SUM);
                self.out.push('}');
            }
            Style::Pretty if x.as_compact().is_some_and(number::Compact::is_integer) => {
                let text: String = x.as_num().map(|q| q.to_string()).unwrap_or_default();
                self.out.extend(text.chars().map(superscript));
            }
            _ => {
                self.out.push('^');
                let simple = precedence(x) >= POWER && !is_negative(x);
                self.expr(x, if simple { POWER } else { ATOM + 1 });
            }
        }
    }

    fn root(&mut self, base: &Expr, cube: bool) {
        match self.style {
            Style::Plain => self.call_plain(if cube { "cbrt" } else { "sqrt" }, std::slice::from_ref(base)),
            Style::Pretty => {
                self.out.push(if cube { '∛' } else { '√' });
                self.expr(base, ATOM);
            }
            Style::Latex => {
                self.out.push_str(if cube { "\\sqrt[3]{" } else { "\\sqrt{" });
                self.expr(base, SUM);
                self.out.push('}');
            }
        }
    }

    fn call_plain(&mut self, name: &str, args: &[Expr]) {
        self.wrapped(&format!("{name}("), args, ")");
    }

    /// `open` + comma-separated arguments + `close`.
    fn wrapped(&mut self, open: &str, args: &[Expr], close: &str) {
        self.out.push_str(open);
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            self.expr(a, PIECEWISE);
        }
        self.out.push_str(close);
    }

    fn call(&mut self, f: Function, args: &[Expr]) {
        match (self.style, f) {
            (Style::Pretty, Function::ABS) => self.wrapped("|", args, "|"),
            (Style::Latex, Function::ABS) => self.wrapped("\\left|", args, "\\right|"),
            (Style::Latex, Function::EXP) => self.wrapped("e^{", args, "}"),
            (Style::Latex, _) => self.wrapped(&format!("{}\\left(", f.def().latex), args, "\\right)"),
            _ => self.call_plain(f.name(), args),
        }
    }
}

fn is_root_factor(f: &Factor) -> bool {
    f.exponent.is_some_and(|x| is_root(x, 2) || is_root(x, 3))
}

fn superscript(c: char) -> char {
    match c {
        '0' => '⁰',
        '1' => '¹',
        '2' => '²',
        '3' => '³',
        '4' => '⁴',
        '5' => '⁵',
        '6' => '⁶',
        '7' => '⁷',
        '8' => '⁸',
        '9' => '⁹',
        '-' => '⁻',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::parse::parse;

    fn plain_of(s: &str) -> String {
        plain(&parse(s).unwrap())
    }

    #[test]
    fn a_shared_subtree_prints_as_a_fresh_copy_does() {
        use crate::engine::simplify::{add, func, mul, neg, var};
        let text = "sin(x^2 + 1)/(x - 3) + exp(-x)*(x + 2)^3";
        // Parsed once and used three times (shared, so printed from the
        // memo after the first), or parsed afresh each time (no sharing).
        let shared = parse(text).unwrap();
        let fresh = || parse(text).unwrap();
        let build = |a: Expr, b: Expr, c: Expr| {
            add(vec![mul(vec![a, var("y")]), func(Function::COS, vec![b]), neg(&c)])
        };
        let from_memo = build(shared.clone(), shared.clone(), shared.clone());
        assert!(shared.is_shared() && shared.tree_size() >= REPRINT_BELOW);
        for style in [Style::Plain, Style::Pretty, Style::Latex] {
            assert_eq!(render(&from_memo, style), render(&build(fresh(), fresh(), fresh()), style));
        }
        assert_eq!(plain(&from_memo).matches("sin(x^2 + 1)").count(), 3);
    }

    #[test]
    fn long_sums_print_in_textbook_order() {
        // 300 terms, written in a scrambled order: the printed sum runs by
        // descending degree and opens with its first positive term,
        // however the terms lie in memory (a long sum's keys are read in
        // memory order).
        let term = |d: u32| if d % 2 == 1 { format!("-x^{d}") } else { format!("2*x^{d}") };
        let scrambled: Vec<String> = (0..300).map(|k| term((k * 7 + 150) % 300)).collect();
        let printed = plain(&parse(&scrambled.join(" + ")).unwrap());
        let mut expected: Vec<String> = (2..300).rev().map(term).collect();
        expected.extend(["-x".to_string(), "2".to_string()]);
        expected.swap(0, 1);
        assert_eq!(printed, expected.join(" + ").replace(" + -", " - "));
        assert!(printed.starts_with("2*x^298 - x^299 - x^297 + 2*x^296"));
    }

    #[test]
    fn textbook_forms() {
        assert_eq!(plain_of("3*x^2"), "3*x^2");
        assert_eq!(plain_of("-1/x^2"), "-1/x^2");
        assert_eq!(plain_of("1/(2*sqrt(x))"), "1/(2*sqrt(x))");
        assert_eq!(plain_of("x^2/2"), "x^2/2");
        assert_eq!(plain_of("1 - x^2"), "1 - x^2");
        assert_eq!(plain_of("-(x+1)"), "-(x + 1)");
        assert_eq!(plain_of("2^(-x)"), "2^(-x)");
        assert_eq!(plain_of("x^(2/3)"), "x^(2/3)");
        assert_eq!(plain_of("(x+1)/x"), "(x + 1)/x");
        assert_eq!(plain_of("0.5"), "1/2");
        assert_eq!(plain_of("(-2)^x"), "(-2)^x");
        assert_eq!(plain_of("x^y^z"), "x^y^z");
        assert_eq!(plain_of("(x^y)^z"), "(x^y)^z");
    }

    #[test]
    fn pretty_and_latex() {
        let e = parse("3x^2 - 1/sqrt(x) + pi").unwrap();
        assert_eq!(render(&e, Style::Pretty), "3x² + π − 1/√x");
        assert_eq!(render(&parse("-1/x^2").unwrap(), Style::Latex), "-\\frac{1}{x^{2}}");
        assert_eq!(render(&parse("3x^2").unwrap(), Style::Latex), "3 x^{2}");
    }
}
