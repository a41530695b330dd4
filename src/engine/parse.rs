//! Text → expression: the pest grammar in grammar/dcalc.pest, folded by
//! precedence climbing (a Pratt parser) into canonical expressions, with
//! errors that point at the bad spot and name what was expected in words.

use crate::engine::domain::{Domain, Formula, Need};
use crate::engine::error::InputError;
use crate::engine::expr::{Constant, Expr, Logic, Rel};
use crate::engine::functions::Function;
use crate::engine::number::{self, Rational};
use crate::engine::simplify::{add, constant, func, int, mul, named, neg, pow, ratio, var};
use pest::Parser;
use pest::error::{ErrorVariant, InputLocation};
use pest::iterators::{Pair, Pairs};
use std::cell::RefCell;
use std::rc::Rc;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/dcalc.pest"]
struct Grammar;

/// Deepest nesting of parentheses and operator chains accepted.
pub const MAX_NESTING: usize = 1000;

/// What folding needs besides the pairs: the input (for error spans) and
/// the domain as written, collected as the input is read.
struct Reader<'i> {
    input: &'i str,
    domain: RefCell<Domain>,
    /// The piecewise branches being read: their conditions and which way.
    guards: RefCell<Vec<(Expr, bool)>>,
    /// The empty guard list, shared by every condition outside a branch.
    unguarded: Rc<[(Expr, bool)]>,
}

impl<'i> Reader<'i> {
    fn new(input: &'i str, domain: Domain) -> Reader<'i> {
        Reader { input, domain: RefCell::new(domain), guards: RefCell::default(), unguarded: Rc::from([]) }
    }

    fn require(&self, expr: &Expr, need: Need) {
        let guards = self.guards.borrow();
        let guards: Rc<[(Expr, bool)]> =
            if guards.is_empty() { self.unguarded.clone() } else { guards.clone().into() };
        self.domain.borrow_mut().require(expr.clone(), need, &guards);
    }

    /// b^x is real where b ≠ 0 for negative x, b ≥ 0 for an even root,
    /// and b > 0 for an exponent that is not a number.
    fn require_power(&self, b: &Expr, x: &Expr) {
        match x.as_num() {
            Some(q) => {
                let negative = number::is_negative(&q);
                let even_root = (q.denominator() % 2u8) == 0u8;
                match (negative, even_root) {
                    (true, true) => self.require(b, Need::Positive),
                    (true, false) => self.require(b, Need::NonZero),
                    (false, true) => self.require(b, Need::NonNegative),
                    (false, false) => {}
                }
            }
            None => self.require(b, Need::Positive),
        }
    }

    /// Read a branch of a piecewise function: its conditions apply only
    /// where `cond` has the truth value `taken`.
    fn branch(&self, cond: &Expr, taken: bool, p: Option<Pair<Rule>>) -> Result<Expr, InputError> {
        self.guards.borrow_mut().push((cond.clone(), taken));
        let value = match p {
            Some(p) => expression(p, self),
            None => Err(InputError::new("expected an expression", self.input, 0..0)),
        };
        self.guards.borrow_mut().pop();
        value
    }
}

/// Parse one expression.
pub fn parse(input: &str) -> Result<Expr, InputError> {
    parse_formula(input).map(|f| f.expr)
}

/// Parse one expression with the domain it was written with.
pub fn parse_formula(input: &str) -> Result<Formula, InputError> {
    // `#` starts a comment that runs to the end of the input, so an output
    // line such as `sqrt(2)/2  # ~0.707106781186548` reads back as
    // `sqrt(2)/2` (cut before pest sees it: cheaper than a grammar rule
    // tried between every two tokens, and spans stay the same).
    let input = input.split('#').next().unwrap_or_default();
    check_nesting(input)?;
    crate::engine::expr::take_depth_overflow();
    // A piece that fails is read again as part of the whole input, so that
    // every error is reported exactly as the whole input's.
    let (built, domain) = match sum_pieces(input).and_then(|pieces| read_pieces(&pieces).ok()) {
        Some(read) => read,
        None => read_whole(input)?,
    };
    if crate::engine::expr::take_depth_overflow() {
        return Err(InputError::new("the expression is nested too deeply", input, 0..input.len()));
    }
    if built.has_division_by_zero() {
        return Err(InputError::new("the expression divides by zero", input, 0..input.len()));
    }
    Ok(Formula { expr: built, domain })
}

/// The whole input through pest at once.
fn read_whole(input: &str) -> Result<(Expr, Domain), InputError> {
    let reader = Reader::new(input, Domain::default());
    let expr = expression(top_expr(input)?, &reader)?;
    Ok((expr, reader.domain.into_inner()))
}

/// The `expr` pair of a whole input.
fn top_expr(input: &str) -> Result<Pair<'_, Rule>, InputError> {
    // A work budget in rule calls, linear in the input: PEG backtracking
    // can double per nesting level (`ce(if(ce(if(…` inside piecewise
    // conditions), and an input must fail fast rather than hang.
    pest::set_call_limit(std::num::NonZeroUsize::new(CALLS_PER_BYTE * input.len() + 10_000));
    let mut pairs = Grammar::parse(Rule::input, input).map_err(|e| {
        if e.to_string().contains("call limit") {
            InputError::new(
                "the expression is too tangled to parse (nested piecewise conditions?)",
                input,
                0..input.len(),
            )
        } else {
            syntax_error(input, e)
        }
    })?;
    pairs
        .next()
        .and_then(|p| p.into_inner().next())
        .ok_or_else(|| InputError::new("expected an expression", input, 0..0))
}

/// Inputs longer than this are read a piece at a time when they are a
/// long sum: pest keeps two tokens for every rule it matched until the
/// whole input is read (85 MB for a sum of 100,000 terms).
const READ_IN_PIECES_FROM: usize = 64 * 1024;
const PIECE: usize = 16 * 1024;

/// A long sum cut at top-level `+` and `-` into pieces of about `PIECE`
/// bytes, each with whether it is subtracted. `+` and `-` bind loosest and
/// fold left, so the terms of the pieces, in order, are the terms of the
/// whole. A cut is made only where the sign is surely binary: outside
/// brackets, after whitespace that follows the end of an operand (never
/// inside a number such as `1e-5`). Inputs with `|` or piecewise parts are
/// read whole.
fn sum_pieces(input: &str) -> Option<Vec<(bool, &str)>> {
    if input.len() < READ_IN_PIECES_FROM || input.contains('|') || input.contains("if") {
        return None;
    }
    let mut pieces = Vec::new();
    let (mut start, mut subtracted, mut depth) = (0, false, 0usize);
    let (mut after_space, mut operand_ended) = (false, false);
    for (i, c) in input.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            '+' | '-' | '−' if depth == 0 && after_space && operand_ended && i - start >= PIECE => {
                pieces.push((subtracted, &input[start..i]));
                (start, subtracted) = (i + c.len_utf8(), c != '+');
            }
            _ => {}
        }
        after_space = c.is_whitespace();
        if !after_space {
            operand_ended = ends_operand(c);
        }
    }
    pieces.push((subtracted, &input[start..]));
    (pieces.len() > 1).then_some(pieces)
}

/// The pieces of a long sum read one after another, their terms gathered
/// into one sum as reading the whole would.
fn read_pieces(pieces: &[(bool, &str)]) -> Result<(Expr, Domain), InputError> {
    let mut terms = Vec::new();
    let mut domain = Domain::default();
    for &(subtracted, piece) in pieces {
        let reader = Reader::new(piece, domain);
        let expr = top_expr(piece)?;
        let arith = match expr.into_inner().next() {
            Some(arith) if arith.as_rule() == Rule::arith => arith,
            _ => return Err(InputError::new("expected an expression", piece, 0..0)),
        };
        let first = terms.len();
        match fold(arith.into_inner(), &reader)? {
            Pending::Sum(more) => terms.extend(more),
            other => terms.push(other.finish()),
        }
        if subtracted && let Some(term) = terms.get_mut(first) {
            *term = neg(term);
        }
        domain = reader.domain.into_inner();
    }
    Ok((add(terms), domain))
}

/// Rule calls the parser may make per byte of input (well-formed input
/// takes a few dozen).
const CALLS_PER_BYTE: usize = 400;

/// A conservative bound on how deeply the parser will recurse, found in
/// one linear scan before pest sees the input, so that 100,000 nested
/// parentheses are an error and not a stack overflow. Counts open
/// brackets plus, within each bracket level, the chain of `^` and prefix
/// operators that a `+ - * / ,` has not ended.
fn check_nesting(input: &str) -> Result<(), InputError> {
    let mut chains: Vec<usize> = vec![0];
    let mut bars = 0usize;
    let mut after_operand = false;
    for (i, c) in input.char_indices() {
        match c {
            '(' => chains.push(0),
            ')' if chains.len() > 1 => {
                chains.pop();
            }
            '|' => bars += 1,
            '^' | '√' | '∛' => *chains.last_mut().unwrap_or(&mut 0) += 1,
            '+' | '-' | '−' if !after_operand => *chains.last_mut().unwrap_or(&mut 0) += 1,
            '+' | '-' | '−' | '*' | '/' | ',' | '·' | '×' | '÷' => {
                if let Some(last) = chains.last_mut() {
                    *last = 0;
                }
            }
            _ => {}
        }
        if !c.is_whitespace() {
            after_operand = ends_operand(c);
        }
        let depth = chains.len() + chains.last().copied().unwrap_or(0) + bars / 2;
        if depth > MAX_NESTING {
            return Err(InputError::new(
                format!("the expression is nested too deeply (more than {MAX_NESTING} levels)"),
                input,
                i..i + c.len_utf8(),
            ));
        }
    }
    Ok(())
}

/// Whether an operand can end with `c`, so that a `+` or `-` after it is
/// binary (`x - 1`), not a sign (`^ -1`).
fn ends_operand(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, ')' | '|' | '.' | '_') || superscript_digit(c).is_some()
}

/// Rules in words, for "expected ..." messages.
fn rule_name(rule: &Rule) -> &'static str {
    match rule {
        Rule::add | Rule::sub | Rule::mul | Rule::div | Rule::pow | Rule::implicit | Rule::bar_implicit => {
            "an operator"
        }
        Rule::infix | Rule::bar_infix | Rule::postfix | Rule::superscript => "an operator",
        Rule::EOI => "the end of the input",
        Rule::arith | Rule::piecewise => "an expression",
        Rule::condition | Rule::conjunction | Rule::comparison | Rule::relation => "a condition",
        Rule::rel_op => "a comparison (<, <=, >, >=, ==, !=)",
        Rule::kw_if => "'if'",
        Rule::kw_then => "'then'",
        Rule::kw_else => "'else'",
        Rule::kw_and => "'and'",
        Rule::kw_or => "'or'",
        Rule::keyword => "a name",
        Rule::ws | Rule::space => "a space",
        // Everything that can start an operand is "an expression".
        Rule::expr | Rule::bar_expr | Rule::arguments | Rule::input | Rule::primary => "an expression",
        Rule::prefix | Rule::neg | Rule::plus | Rule::root | Rule::cube_root => "an expression",
        Rule::number
        | Rule::exponent
        | Rule::name
        | Rule::call
        | Rule::pi_symbol
        | Rule::paren
        | Rule::bars => "an expression",
    }
}

fn syntax_error(input: &str, e: pest::error::Error<Rule>) -> InputError {
    let at = match e.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let mut expected: Vec<&str> = match &e.variant {
        ErrorVariant::ParsingError { positives, .. } => positives.iter().map(rule_name).collect(),
        ErrorVariant::CustomError { .. } => Vec::new(),
    };
    expected.sort();
    expected.dedup();
    let found = match input[at..].chars().next() {
        Some(c) => format!("found '{c}'"),
        None => "found the end of the input".to_string(),
    };
    let message = match expected.as_slice() {
        [] => format!("unexpected input: {found}"),
        [one] => format!("expected {one}, {found}"),
        [init @ .., last] => format!("expected {} or {last}, {found}", init.join(", ")),
    };
    let width = input[at..].chars().next().map_or(0, char::len_utf8);
    let err = InputError::new(message, input, at..at + width);
    let unclosed = input[..at].matches('(').count().saturating_sub(input[..at].matches(')').count());
    if input[at..].starts_with(')') && unclosed == 0 {
        err.with_help("this ')' has no matching '('")
    } else if at == input.len() && unclosed > 0 {
        let err = InputError { message: "expected ')', found the end of the input".into(), ..err };
        err.with_help(format!("{unclosed} '(' not closed"))
    } else if input[at..].starts_with('=') {
        err.with_help("'=' is not an operator; to evaluate at a point, use --at x=2")
    } else {
        err
    }
}

/// An operand being folded: runs of `+` and `*` are collected and built
/// once, so a 10,000-term sum is one linear pass, not 10,000 rebuilds.
enum Pending {
    Done(Expr),
    Sum(Vec<Expr>),
    Product(Vec<Expr>),
}

impl Pending {
    fn finish(self) -> Expr {
        match self {
            Pending::Done(e) => e,
            Pending::Sum(terms) => add(terms),
            Pending::Product(factors) => mul(factors),
        }
    }

    fn push_term(self, term: Expr) -> Pending {
        match self {
            Pending::Sum(mut terms) => {
                terms.push(term);
                Pending::Sum(terms)
            }
            other => Pending::Sum(vec![other.finish(), term]),
        }
    }

    fn push_factor(self, factor: Expr) -> Pending {
        match self {
            Pending::Product(mut factors) => {
                factors.push(factor);
                Pending::Product(factors)
            }
            other => Pending::Product(vec![other.finish(), factor]),
        }
    }
}

type Folded = Result<Pending, InputError>;

/// An `expr` pair: a piecewise function or an arithmetic expression.
fn expression(p: Pair<Rule>, r: &Reader) -> Result<Expr, InputError> {
    let whole = span(&p);
    let Some(inner) = p.into_inner().next() else {
        return Err(InputError::new("expected an expression", r.input, whole));
    };
    match inner.as_rule() {
        Rule::piecewise => piecewise(inner, r),
        _ => Ok(fold(inner.into_inner(), r)?.finish()),
    }
}

/// `if COND then A else B`: the conditions A and B bring apply only on
/// their own branch.
fn piecewise(p: Pair<Rule>, r: &Reader) -> Result<Expr, InputError> {
    let mut parts =
        p.into_inner().filter(|q| !matches!(q.as_rule(), Rule::kw_if | Rule::kw_then | Rule::kw_else));
    let cond = match parts.next() {
        Some(c) => condition(c, r)?,
        None => return Err(InputError::new("expected a condition", r.input, 0..0)),
    };
    let then = r.branch(&cond, true, parts.next())?;
    let otherwise = r.branch(&cond, false, parts.next())?;
    Ok(crate::engine::simplify::piecewise(vec![cond, then, otherwise]))
}

/// `a < b and c >= d or …` (`and` binds tighter); a chain `0 < x < 1`
/// is the `and` of its links.
fn condition(p: Pair<Rule>, r: &Reader) -> Result<Expr, InputError> {
    let joiner = if p.as_rule() == Rule::condition { Logic::Or } else { Logic::And };
    let mut items = Vec::new();
    for part in p.into_inner() {
        match part.as_rule() {
            Rule::condition | Rule::conjunction => items.push(condition(part, r)?),
            Rule::comparison => items.push(comparison(part, r)?),
            _ => {}
        }
    }
    Ok(crate::engine::simplify::logic(joiner, items))
}

fn comparison(p: Pair<Rule>, r: &Reader) -> Result<Expr, InputError> {
    let mut sides = Vec::new();
    let mut rels = Vec::new();
    for part in p.into_inner() {
        match part.as_rule() {
            Rule::rel_op => rels.push(relation(part.as_str())),
            _ => sides.push(fold(part.into_inner(), r)?.finish()),
        }
    }
    let links: Vec<Expr> = rels
        .iter()
        .enumerate()
        .map(|(i, rel)| crate::engine::simplify::compare(*rel, &sides[i], &sides[i + 1]))
        .collect();
    Ok(crate::engine::simplify::logic(Logic::And, links))
}

fn relation(symbol: &str) -> Rel {
    match symbol {
        "<" => Rel::Lt,
        "<=" | "≤" => Rel::Le,
        ">" => Rel::Gt,
        ">=" | "≥" => Rel::Ge,
        "!=" | "≠" => Rel::Ne,
        _ => Rel::Eq,
    }
}

fn fold(pairs: Pairs<Rule>, r: &Reader) -> Folded {
    Folding { r, pairs: pairs.peekable() }.expr(0)
}

/// How tightly each operator binds, loosest first. The levels and the
/// climbing below are pest's PrattParser's, written out: its table is a
/// BTreeMap consulted up to three times per operand, and its handlers are
/// boxed closures, an eighth of a long parse between them.
mod binds {
    pub const ADD: u8 = 10;
    pub const MUL: u8 = 20;
    pub const IMPLICIT: u8 = 30;
    pub const PREFIX: u8 = 40;
    pub const POW: u8 = 50;
    pub const POSTFIX: u8 = 60;
}

/// The binding power of an operator pair, or `None` for an operand.
fn binding(rule: Rule) -> Option<u8> {
    match rule {
        Rule::add | Rule::sub => Some(binds::ADD),
        Rule::mul | Rule::div => Some(binds::MUL),
        Rule::implicit | Rule::bar_implicit => Some(binds::IMPLICIT),
        Rule::pow => Some(binds::POW),
        Rule::superscript => Some(binds::POSTFIX),
        _ => None,
    }
}

/// Precedence climbing over one `arith`'s flat run of operands and operators.
struct Folding<'r, 'i> {
    r: &'r Reader<'i>,
    pairs: std::iter::Peekable<Pairs<'i, Rule>>,
}

impl Folding<'_, '_> {
    /// Everything that binds tighter than `floor`, from here.
    fn expr(&mut self, floor: u8) -> Folded {
        let mut lhs = self.operand()?;
        while let Some(power) = self.pairs.peek().and_then(|p| binding(p.as_rule()))
            && power > floor
        {
            lhs = self.operator(lhs, power)?;
        }
        Ok(lhs)
    }

    /// An operand, with the prefix signs before it.
    fn operand(&mut self) -> Folded {
        let r = self.r;
        let Some(p) = self.pairs.next() else {
            return Err(InputError::new("expected an expression", r.input, r.input.len()..r.input.len()));
        };
        let rule = p.as_rule();
        if !matches!(rule, Rule::neg | Rule::plus | Rule::root | Rule::cube_root) {
            return primary(p, r).map(Pending::Done);
        }
        let rhs = self.expr(binds::PREFIX - 1)?.finish();
        Ok(Pending::Done(match rule {
            Rule::neg => neg(&rhs),
            Rule::root => {
                r.require(&rhs, Need::NonNegative);
                pow(&rhs, &ratio(1, 2))
            }
            Rule::cube_root => pow(&rhs, &ratio(1, 3)),
            _ => rhs,
        }))
    }

    /// The operator next in line, binding with `power`, applied to `lhs`
    /// (and its right operand).
    fn operator(&mut self, lhs: Pending, power: u8) -> Folded {
        let r = self.r;
        let Some(op) = self.pairs.next() else { return Ok(lhs) };
        let rule = op.as_rule();
        if rule == Rule::superscript {
            let lhs = lhs.finish();
            let exponent = constant(
                superscript_value(op.as_str())
                    .ok_or_else(|| InputError::new("this exponent is too large", r.input, span(&op)))?,
            );
            r.require_power(&lhs, &exponent);
            return Ok(Pending::Done(pow(&lhs, &exponent)));
        }
        // `^` groups to the right: its right operand may hold another `^`.
        let floor = if rule == Rule::pow { power - 1 } else { power };
        let rhs = self.expr(floor)?.finish();
        Ok(match rule {
            Rule::add => lhs.push_term(rhs),
            Rule::sub => lhs.push_term(neg(&rhs)),
            Rule::div => {
                r.require(&rhs, Need::NonZero);
                lhs.push_factor(pow(&rhs, &int(-1)))
            }
            Rule::pow => {
                let base = lhs.finish();
                r.require_power(&base, &rhs);
                Pending::Done(pow(&base, &rhs))
            }
            _ => lhs.push_factor(rhs),
        })
    }
}

fn span(p: &Pair<Rule>) -> std::ops::Range<usize> {
    p.as_span().start()..p.as_span().end()
}

fn primary(p: Pair<Rule>, r: &Reader) -> Result<Expr, InputError> {
    let input = r.input;
    match p.as_rule() {
        Rule::number => number::parse_decimal(p.as_str())
            .map(constant)
            .ok_or_else(|| InputError::new("this number is too large", input, span(&p))),
        Rule::pi_symbol => Ok(named(Constant::Pi)),
        Rule::call => call(p, r),
        Rule::paren => match p.into_inner().next() {
            Some(inner) => expression(inner, r),
            None => Err(InputError::new("expected an expression", input, 0..0)),
        },
        Rule::bars => {
            let inner = fold(p.into_inner().next_inner(), r)?.finish();
            Ok(func(Function::ABS, vec![inner]))
        }
        _ => Err(InputError::new("expected an expression", input, span(&p))),
    }
}

trait NextInner<'i> {
    fn next_inner(self) -> Pairs<'i, Rule>;
}

impl<'i> NextInner<'i> for Pairs<'i, Rule> {
    /// The children of the single pair (an `expr`) inside a bracket.
    fn next_inner(mut self) -> Pairs<'i, Rule> {
        match self.next() {
            Some(p) => p.into_inner(),
            None => self,
        }
    }
}

fn named_constant(name: &str) -> Option<Expr> {
    match name {
        "pi" => Some(named(Constant::Pi)),
        "e" => Some(named(Constant::E)),
        _ => None,
    }
}

fn name(p: Pair<Rule>, input: &str) -> Result<Expr, InputError> {
    let text = p.as_str();
    if let Some(c) = named_constant(text) {
        return Ok(c);
    }
    if Function::lookup(text).is_some() {
        return Err(InputError::new(format!("{text} is a function: write {text}(...)"), input, span(&p)));
    }
    Ok(var(text))
}

fn call(p: Pair<Rule>, r: &Reader) -> Result<Expr, InputError> {
    let input = r.input;
    let whole = span(&p);
    let mut parts = p.into_inner();
    let Some(name_pair) = parts.next() else {
        return Err(InputError::new("expected a name", input, whole));
    };
    let Some(arg_pairs) = parts.next() else {
        return name(name_pair, input);
    };
    let text = name_pair.as_str();
    let args = arg_pairs.into_inner().map(|a| expression(a, r)).collect::<Result<Vec<_>, _>>()?;
    if let Some(f) = Function::lookup(text) {
        let arity = f.def().arity;
        if !arity.contains(&args.len()) {
            let wanted = arity.iter().map(usize::to_string).collect::<Vec<_>>().join(" or ");
            let plural = if arity == [1] { "argument" } else { "arguments" };
            return Err(InputError::new(
                format!("{text} takes {wanted} {plural}, not {}", args.len()),
                input,
                whole,
            ));
        }
        for (e, need) in (f.def().domain)(&args) {
            r.require(&e, need);
        }
        return Ok(func(f, args));
    }
    let short = text.chars().count() == 1 || named_constant(text).is_some();
    if short && args.len() == 1 {
        // `x(x+1)` and `a(b+c)`: a one-letter name before '(' multiplies.
        let left = named_constant(text).unwrap_or_else(|| var(text));
        return Ok(mul(vec![left, args[0].clone()]));
    }
    let err = InputError::new(format!("unknown function '{text}'"), input, span(&name_pair));
    Err(match suggest(text) {
        Some(best) => err.with_help(format!("did you mean '{best}'?")),
        None => err.with_help("see `dcalc --help` for the list of functions"),
    })
}

/// Names that look like a function glued to its argument (`sinx`, `lnx`,
/// `cos2x`): they are read as one variable, which is rarely what was meant.
/// Each comes with the function it starts with and the rest. A name
/// directly followed by `(` is a call, not a variable, and is skipped.
pub fn glued_names(input: &str) -> Vec<(String, &'static str, String)> {
    let mut found: Vec<(String, &'static str, String)> = Vec::new();
    // A note for what a person typed: long generated input is left alone.
    if input.len() > 2000 {
        return found;
    }
    let bytes = input.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        if !(bytes[i].is_ascii_alphabetic() || bytes[i] == b'_') {
            i += 1;
            continue;
        }
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
            i += 1;
        }
        let word = &input[start..i];
        let called = input[i..].trim_start().starts_with('(');
        if called || Function::lookup(word).is_some() || named_constant(word).is_some() {
            continue;
        }
        // The rest is a letter after optional digits: try each split.
        let glued = (2..word.len()).filter(|&i| word.is_char_boundary(i)).find_map(|i| {
            let (head, rest) = word.split_at(i);
            let digits = rest.trim_start_matches(|c: char| c.is_ascii_digit());
            let one_letter = digits.len() == 1 && digits.chars().all(|c| c.is_ascii_alphabetic());
            let f = Function::lookup(head).filter(|_| one_letter)?;
            Some((word.to_string(), f.name(), rest.to_string()))
        });
        if let Some(g) = glued.filter(|g| !found.iter().any(|f| f.0 == g.0)) {
            found.push(g);
        }
    }
    found
}

/// The known function name closest to a misspelt one, if any is close.
pub fn suggest(name: &str) -> Option<&'static str> {
    let lower = name.to_lowercase();
    Function::all_names()
        .map(|known| (strsim::damerau_levenshtein(&lower, known), known))
        .filter(|(d, known)| *d <= if known.len() <= 4 { 1 } else { 2 })
        .min_by_key(|(d, _)| *d)
        .map(|(_, known)| known)
}

fn superscript_digit(c: char) -> Option<u32> {
    match c {
        '⁰' => Some(0),
        '¹' => Some(1),
        '²' => Some(2),
        '³' => Some(3),
        '⁴'..='⁹' => Some(c as u32 - '⁴' as u32 + 4),
        _ => None,
    }
}

fn superscript_value(text: &str) -> Option<Rational> {
    let negative = text.starts_with('⁻');
    let digits: String =
        text.chars().filter_map(superscript_digit).map(|d| char::from(b'0' + d as u8)).collect();
    let n: i64 = digits.parse().ok().filter(|n: &i64| *n < 1_000_000)?;
    Some(number::int(if negative { -n } else { n }))
}

/// Parse a constant (no free variables) such as `pi/4` or `1/3`.
pub fn parse_value(input: &str) -> Result<Expr, InputError> {
    let formula = parse_formula(input)?;
    let e = formula.expr;
    if let Some(v) = e.variables().first() {
        return Err(InputError::new(
            format!("a value must be a number, but this mentions {v}"),
            input,
            0..input.len(),
        ));
    }
    // A point must itself be defined as written: `--at ln(0)` is no point.
    match formula.domain.at(&std::collections::HashMap::new()) {
        crate::engine::domain::Membership::Inside => Ok(e),
        _ => Err(InputError::new(
            "this value is undefined (outside its domain as written)",
            input,
            0..input.len(),
        )),
    }
}

/// The pest grammar alone, without building expressions: for benchmarks.
#[doc(hidden)]
pub fn syntax_only(input: &str) -> usize {
    pest::set_call_limit(std::num::NonZeroUsize::new(CALLS_PER_BYTE * input.len() + 10_000));
    Grammar::parse(Rule::input, input).map(|p| p.flatten().count()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) {
        assert_eq!(parse(a).unwrap(), parse(b).unwrap(), "{a} vs {b}");
    }

    #[test]
    fn precedence() {
        same("-x^2", "-(x^2)");
        same("2^-1", "1/2");
        same("2^3^2", "512");
        same("a-b-c", "(a-b)-c");
        same("1/2x", "1/(2*x)");
        same("x^2y", "(x^2)*y");
        same("2x^2", "2*(x^2)");
    }

    #[test]
    fn implicit_multiplication() {
        same("2x", "2*x");
        same("2 x", "2*x");
        same("3sin(x)", "3*sin(x)");
        same("2(x+1)", "2*(x+1)");
        same("(x+1)(x-1)", "(x+1)*(x-1)");
        same("x y", "x*y");
        same("x(x+1)", "x*(x+1)");
        same("2e", "2*e");
        same("2e3", "2000");
    }

    #[test]
    fn unicode_input() {
        same("x²", "x^2");
        same("x⁻¹", "1/x");
        same("√x", "sqrt(x)");
        same("√(x+1)", "sqrt(x+1)");
        same("π", "pi");
        same("2·x×y", "2*x*y");
        same("x − 1", "x - 1");
        same("|x|", "abs(x)");
        same("|x| + |y|", "abs(x) + abs(y)");
    }

    #[test]
    fn decimals_are_exact() {
        same("0.1 + 0.2", "3/10");
        same("1e-3", "1/1000");
    }

    #[test]
    fn errors_point_at_the_problem() {
        let e = parse("x +* 2").unwrap_err();
        assert_eq!(e.span.start, 3);
        let e = parse("sine(x)").unwrap_err();
        assert_eq!(e.help.as_deref(), Some("did you mean 'sin'?"));
        assert!(parse("2..3").is_err());
        assert!(parse("sin(x, y)").is_err());
        assert!(parse("sin").is_err());
    }

    #[test]
    fn glued_function_names_are_noticed() {
        let names: Vec<String> =
            glued_names("sinx + cos2x + lnx + cost + sin(x) + xy + exp").into_iter().map(|g| g.0).collect();
        assert_eq!(names, ["sinx", "cos2x", "lnx", "cost"]);
        assert!(glued_names("theta + w1 + sign(x)").is_empty());
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = format!("{}x{}", "(".repeat(100_000), ")".repeat(100_000));
        assert!(parse(&deep).unwrap_err().message.contains("nested too deeply"));
        let chain = vec!["x"; 100_000].join("^");
        assert!(parse(&chain).is_err());
        let minus = format!("{}x", "-".repeat(100_000));
        assert!(parse(&minus).is_err());
    }

    /// A long sum read in pieces gives exactly what reading it whole gives:
    /// the same expression and domain, or the same error at the same spot.
    #[test]
    fn long_sums_read_in_pieces_as_read_whole() {
        const TERMS: [&str; 24] = [
            "3*x^2",
            "1e-5",
            "2e+3*x",
            "2e + x",
            "x^-2",
            "-x",
            "- -x",
            "−x",
            "2 x",
            "(x + y)*(x - 1)",
            "sqrt(x)",
            "x²",
            "3.5/x",
            "sin(x)^2",
            "√x",
            "ln(x - 1)",
            "x/y",
            "(1 - x)^(1/2)",
            "relu(x)",
            "7",
            "2^-x",
            "+x",
            "exp(-x)*x",
            "y",
        ];
        const BROKEN: [&str; 6] = ["x +", ")", "sin", "1/0", "sine(x)", "(x"];
        const JOINS: [&str; 7] = [" + ", " - ", " − ", "+", "-", " * ", "  +  "];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for case in 0..12 {
            let mut text = String::from(TERMS[next(TERMS.len())]);
            while text.len() < READ_IN_PIECES_FROM + 2 * PIECE {
                text.push_str(JOINS[next(JOINS.len())]);
                text.push_str(TERMS[next(TERMS.len())]);
            }
            if case % 3 == 0 {
                let at = next(text.len() / 2) + text.len() / 2;
                let at = (at..text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(text.len());
                text.insert_str(at, &format!(" + {} ", BROKEN[next(BROKEN.len())]));
            }
            assert!(sum_pieces(&text).is_some_and(|p| p.len() > 2), "case {case} is not read in pieces");
            let whole = read_whole(&text).and_then(|(e, d)| {
                if e.has_division_by_zero() {
                    Err(InputError::new("the expression divides by zero", &text, 0..text.len()))
                } else {
                    Ok(Formula { expr: e, domain: d })
                }
            });
            match (parse_formula(&text), whole) {
                (Ok(a), Ok(b)) => {
                    assert_eq!(a.expr, b.expr, "case {case}");
                    assert_eq!(a.domain, b.domain, "case {case}");
                }
                (Err(a), Err(b)) => assert_eq!(a, b, "case {case}"),
                (a, b) => panic!("case {case}: in pieces {:?}, whole {:?}", a.is_ok(), b.is_ok()),
            }
        }
    }

    #[test]
    fn only_long_plain_sums_are_read_in_pieces() {
        let sum = vec!["x"; READ_IN_PIECES_FROM].join(" + ");
        assert!(sum_pieces(&sum).is_some());
        assert!(sum_pieces(&sum[..1000]).is_none());
        assert!(sum_pieces(&format!("|{sum}|")).is_none());
        assert!(sum_pieces(&format!("if x > 0 then {sum} else 1")).is_none());
        // Inside brackets, after an operator or inside a number: no cut.
        let inner = format!("({sum})");
        assert!(sum_pieces(&inner).is_none());
        let exponents = vec!["x^-2*1e-5"; READ_IN_PIECES_FROM / 4].join("*");
        assert!(sum_pieces(&exponents).is_none());
    }
}
