//! The one table of mathematical functions. An entry is the only place that
//! knows a function's name, arity, value, exact special values, derivative,
//! kinks and printed forms: adding a function means adding an entry.

use crate::engine::domain::{Need, Requirement};
use crate::engine::exact_values;
use crate::engine::expr::{Constant, Expr, Kind, SpreadHasher};
use crate::engine::number::{self, Rational};
use crate::engine::simplify::{add, constant, func, int, mul, neg, pow, ratio, sub};
use crate::numeric::precise::{Precision, RM};
use astro_float_num::BigFloat;
use std::hash::BuildHasherDefault;

/// How a function fails to be smooth where its argument is zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kink {
    /// Continuous, with a corner (abs, relu; min/max where a = b).
    Corner,
    /// A jump (sign, step, floor and ceil at integers).
    Jump,
}

/// The result of evaluating a function outside its domain: the reason.
pub type Domain = &'static str;

/// How far exact argument values are from a kink, as an expression that is
/// 0 exactly on one (abs: the argument; min: a − b; floor: the argument
/// less its nearest integer).
pub type KinkGap = fn(&[Expr]) -> Expr;

pub struct FuncDef {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    /// Accepted argument counts.
    pub arity: &'static [usize],
    /// Rewrites into other forms at construction (sqrt(x) is x^(1/2)); a
    /// function with a rewrite is never stored in an expression.
    pub rewrite: Option<fn(&[Expr]) -> Expr>,
    pub eval: fn(&[f64]) -> Result<f64, Domain>,
    /// The value at working precision (NaN or infinity outside the domain).
    pub precise: fn(&[BigFloat], &mut Precision) -> BigFloat,
    /// Exact special values and identities (sin(0) = 0, ln(exp(u)) = u).
    pub fold: fn(&[Expr]) -> Option<Expr>,
    /// Partial derivatives with respect to each argument.
    pub derivative: fn(&[Expr]) -> Vec<Expr>,
    /// Where the function is not smooth: the kind of kink, and the gap of
    /// exact argument values to one.
    pub kink: Option<(Kink, KinkGap)>,
    /// Where the function is defined, as conditions on its arguments
    /// (`ln(u)`: u > 0); the domain as written is built from these.
    pub domain: fn(&[Expr]) -> Vec<Requirement>,
    pub latex: &'static str,
    /// What autodiff frameworks return at the kink, for the reasons given
    /// to people training models.
    pub autodiff: Option<&'static str>,
    /// One line for --help and the man page's list of functions.
    pub help: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Function(u8);

/// Every function of the table by name: typed identities, so no code
/// looks a function up by a string (a test checks each against its entry).
impl Function {
    pub const SIN: Function = Function(0);
    pub const COS: Function = Function(1);
    pub const TAN: Function = Function(2);
    pub const SEC: Function = Function(3);
    pub const CSC: Function = Function(4);
    pub const COT: Function = Function(5);
    pub const ASIN: Function = Function(6);
    pub const ACOS: Function = Function(7);
    pub const ATAN: Function = Function(8);
    pub const SINH: Function = Function(9);
    pub const COSH: Function = Function(10);
    pub const TANH: Function = Function(11);
    pub const ASINH: Function = Function(12);
    pub const ACOSH: Function = Function(13);
    pub const ATANH: Function = Function(14);
    pub const EXP: Function = Function(15);
    pub const LN: Function = Function(16);
    pub const LOG: Function = Function(17);
    pub const LOG10: Function = Function(18);
    pub const LOG2: Function = Function(19);
    pub const SQRT: Function = Function(20);
    pub const CBRT: Function = Function(21);
    pub const ABS: Function = Function(22);
    pub const SIGN: Function = Function(23);
    pub const STEP: Function = Function(24);
    pub const FLOOR: Function = Function(25);
    pub const CEIL: Function = Function(26);
    pub const MIN: Function = Function(27);
    pub const MAX: Function = Function(28);
    pub const RELU: Function = Function(29);
    pub const SIGMOID: Function = Function(30);
    pub const SOFTPLUS: Function = Function(31);
    pub const ERF: Function = Function(32);
    pub const LEAKY_RELU: Function = Function(33);
    pub const ELU: Function = Function(34);
    pub const SILU: Function = Function(35);
    pub const GELU: Function = Function(36);
    pub const ARCSEC: Function = Function(37);
    pub const ARCCSC: Function = Function(38);
}

impl Function {
    /// Whether exact argument values sit on a kink of the function. A gap
    /// that is a closed form (cosh(ln(2)) − 5/4) is 0 unless high-precision
    /// evaluation proves its sign: a kink is never missed for want of a
    /// simplification (the one-sided analysis that follows finds a smooth
    /// point smooth).
    pub fn at_kink(self, args: &[Expr]) -> bool {
        let Some((_, gap)) = self.def().kink else { return false };
        let gap = gap(args);
        if gap.is_zero() {
            return true;
        }
        if gap.is_num() || gap.has_variables() {
            return false;
        }
        !matches!(crate::numeric::precise::sign(&gap), Ok(Some(s)) if s != std::cmp::Ordering::Equal)
    }

    pub fn def(self) -> &'static FuncDef {
        &TABLE[self.0 as usize]
    }
    pub fn id(self) -> u8 {
        self.0
    }
    pub fn name(self) -> &'static str {
        self.def().name
    }
    /// Look a function up by name or alias.
    pub fn lookup(name: &str) -> Option<Function> {
        BY_NAME.get(name).copied()
    }
    /// Every entry of the table, in order.
    pub fn all() -> impl Iterator<Item = &'static FuncDef> {
        TABLE.iter()
    }

    /// Every name and alias, for suggestions and completion.
    pub fn all_names() -> impl Iterator<Item = &'static str> {
        TABLE.iter().flat_map(|d| std::iter::once(d.name).chain(d.aliases.iter().copied()))
    }
}

/// Every name read is looked up here. The keys are the table's own, so a
/// fast hash cannot be flooded by input (a lookup probes only among them).
type ByName = std::collections::HashMap<&'static str, Function, BuildHasherDefault<SpreadHasher>>;

static BY_NAME: std::sync::LazyLock<ByName> = std::sync::LazyLock::new(|| {
    let mut map = ByName::default();
    for (i, d) in TABLE.iter().enumerate() {
        for name in std::iter::once(d.name).chain(d.aliases.iter().copied()) {
            map.insert(name, Function(i as u8));
        }
    }
    map
});

fn call(f: Function, arg: &Expr) -> Expr {
    func(f, vec![arg.clone()])
}

fn half() -> Rational {
    number::ratio(1, 2)
}

fn num_arg(args: &[Expr]) -> Option<std::borrow::Cow<'_, Rational>> {
    args.first().and_then(Expr::as_num)
}

fn is_const(e: &Expr, c: Constant) -> bool {
    matches!(e.kind(), Kind::Const(k) if *k == c)
}

/// `u` written as `-v` with a negative leading coefficient, returns `v`.
fn negated(u: &Expr) -> Option<Expr> {
    match u.kind() {
        Kind::Num(q) if q.is_negative() => Some(neg(u)),
        Kind::Mul(items) if items[0].is_negative_number() => Some(neg(u)),
        _ => None,
    }
}

fn odd(name: Function, args: &[Expr]) -> Option<Expr> {
    negated(&args[0]).map(|v| neg(&call(name, &v)))
}

fn even(name: Function, args: &[Expr]) -> Option<Expr> {
    negated(&args[0]).map(|v| call(name, &v))
}

/// A classic exact value at a rational multiple of pi.
fn at_pi(args: &[Expr], value: fn(&Rational) -> Option<Expr>) -> Option<Expr> {
    exact_values::pi_multiple(&args[0]).and_then(|q| value(&q))
}

/// 1/v, unless v is 0 (then the function is undefined there: no fold).
fn reciprocal(v: Expr) -> Option<Expr> {
    (!v.is_zero()).then(|| pow(&v, &int(-1)))
}

/// ln(bʳ) = r·ln b for a positive number b, so that equal closed forms
/// cancel (ln(sqrt(2)) − ln(2)/2 is 0).
fn log_of_power(u: &Expr) -> Option<Expr> {
    match u.kind() {
        Kind::Pow(b, r) if b.as_compact().is_some_and(number::Compact::is_positive) => {
            Some(mul(vec![r.clone(), call(Function::LN, b)]))
        }
        _ => None,
    }
}

/// exp(r·ln b) = bʳ for numbers r and b, the inverse of `log_of_power`
/// (so that x = 5·ln(2) solves exp(x) = 32 exactly).
fn power_of_log(u: &Expr) -> Option<Expr> {
    let Kind::Mul(items) = u.kind() else { return None };
    let [r, log] = &items[..] else { return None };
    match log.kind() {
        Kind::Func(f, b) if *f == Function::LN && r.is_num() && b[0].is_num() => Some(pow(&b[0], r)),
        _ => None,
    }
}

/// A value decided by the sign of a constant closed form (step(sqrt(2) − 1)
/// = 1), when high-precision evaluation proves it; the sign as -1, 0, 1.
fn by_sign(args: &[Expr], value: impl Fn(std::cmp::Ordering) -> Expr) -> Option<Expr> {
    let u = &args[0];
    if u.is_num() || u.has_variables() {
        return None;
    }
    crate::numeric::precise::sign(u).ok().flatten().map(value)
}

/// −u with the minus taken into a sum's terms (|sqrt(2) − 2| = 2 − sqrt(2)).
fn minus_each_term(u: &Expr) -> Expr {
    match u.kind() {
        Kind::Add(items) => add(items.iter().map(neg).collect()),
        _ => neg(u),
    }
}

/// ⌊u⌋ for a constant closed form (⌊π⌋ = 3), when high-precision signs
/// prove n ≤ u < n + 1.
fn floor_of_constant(u: &Expr) -> Option<Expr> {
    if u.is_num() || u.has_variables() {
        return None;
    }
    let v = crate::numeric::precise::value(u).ok()?.floor();
    let n = constant(Rational::try_from(v).ok()?);
    let above = |m: &Expr| crate::numeric::precise::sign(&sub(u, m)).ok().flatten();
    let at_least_n = matches!(above(&n), Some(std::cmp::Ordering::Greater | std::cmp::Ordering::Equal));
    let below_next = above(&add(vec![n.clone(), int(1)])) == Some(std::cmp::Ordering::Less);
    (at_least_n && below_next).then_some(n)
}

/// A hyperbolic function of r·ln b as `combine(e^u, e^(-u))` when both
/// powers are numbers (cosh(ln(2)) = 5/4), so that kinks and zeros there
/// are seen exactly.
fn of_exp(args: &[Expr], combine: fn(&Expr, &Expr) -> Expr) -> Option<Expr> {
    let up = power_of_log(&args[0]).or_else(|| inverse_of(args, Function::LN))?;
    let up = up.as_num()?.into_owned();
    let down = number::pow_int(&up, -1)?;
    Some(combine(&constant(up), &constant(down)))
}

/// ln(1/n) = −ln n and ln(mᵉ) = e·ln m for whole numbers, so that equal
/// closed forms cancel (ln(8) − 3·ln(2) is 0, ln(1/2) is −ln(2)).
fn log_of_rational(u: &Expr) -> Option<Expr> {
    let q = u.as_num().filter(|q| **q > Rational::ZERO && !q.is_one())?;
    if q.numerator().is_one() {
        let n = constant(Rational::from(q.denominator().clone()));
        return Some(neg(&call(Function::LN, &n)));
    }
    let (m, e) = number::perfect_power(&q)?;
    Some(mul(vec![int(e as i64), call(Function::LN, &constant(m))]))
}

fn zero_to(args: &[Expr], value: i64) -> Option<Expr> {
    args[0].is_zero().then(|| int(value))
}

fn inverse_of(args: &[Expr], name: Function) -> Option<Expr> {
    match args[0].kind() {
        Kind::Func(f, inner) if *f == name => Some(inner[0].clone()),
        _ => None,
    }
}

fn one_minus_square(u: &Expr) -> Expr {
    sub(&int(1), &pow(u, &int(2)))
}

fn domain(ok: bool, value: f64, why: Domain) -> Result<f64, Domain> {
    if ok { Ok(value) } else { Err(why) }
}

fn sigmoid_f64(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

fn step_of(q: &Rational) -> Rational {
    match q.sign_cmp_zero() {
        std::cmp::Ordering::Less => int_q(0),
        std::cmp::Ordering::Equal => half(),
        std::cmp::Ordering::Greater => int_q(1),
    }
}

fn int_q(n: i64) -> Rational {
    number::int(n)
}

trait SignCmp {
    fn sign_cmp_zero(&self) -> std::cmp::Ordering;
}

impl SignCmp for Rational {
    fn sign_cmp_zero(&self) -> std::cmp::Ordering {
        self.cmp(&Rational::ZERO)
    }
}

fn at_zero(a: &[Expr]) -> Expr {
    a[0].clone()
}

/// The argument less its nearest integer (itself when it has no value).
fn at_integer(a: &[Expr]) -> Expr {
    let nearest = match a[0].as_num() {
        Some(q) => Some(Rational::from(q.round())),
        None if !a[0].has_variables() => {
            crate::numeric::precise::value(&a[0]).ok().and_then(|v| Rational::try_from(v.round()).ok())
        }
        None => None,
    };
    nearest.map_or_else(|| a[0].clone(), |n| sub(&a[0], &constant(n)))
}

fn tie(a: &[Expr]) -> Expr {
    sub(&a[0], &a[1])
}

fn no_domain(_: &[Expr]) -> Vec<Requirement> {
    Vec::new()
}

fn positive(a: &[Expr]) -> Vec<Requirement> {
    vec![(a[0].clone(), Need::Positive)]
}

fn nonzero_cos(a: &[Expr]) -> Vec<Requirement> {
    vec![(call(Function::COS, &a[0]), Need::NonZero)]
}

fn nonzero_sin(a: &[Expr]) -> Vec<Requirement> {
    vec![(call(Function::SIN, &a[0]), Need::NonZero)]
}

/// -1 <= u <= 1, as 1 - u^2 >= 0 (or > 0 for the open interval).
fn within_one(a: &[Expr], need: Need) -> Vec<Requirement> {
    vec![(one_minus_square(&a[0]), need)]
}

/// |u| >= 1 and u != 0: where 1/u lies in [-1, 1].
fn outside_one(a: &[Expr]) -> Vec<Requirement> {
    vec![(a[0].clone(), Need::NonZero), (sub(&pow(&a[0], &int(2)), &int(1)), Need::NonNegative)]
}

fn no_fold(_: &[Expr]) -> Option<Expr> {
    None
}

fn no_eval(_: &[f64]) -> Result<f64, Domain> {
    Err("is rewritten before evaluation")
}

fn no_derivative(_: &[Expr]) -> Vec<Expr> {
    Vec::new()
}

fn zero_derivative(_: &[Expr]) -> Vec<Expr> {
    vec![int(0)]
}

/// What an entry has unless it says otherwise: one argument, no rewrite,
/// no kink, defined everywhere, no special values.
const BASE: FuncDef = FuncDef {
    name: "",
    aliases: &[],
    arity: ONE,
    rewrite: None,
    eval: no_eval,
    precise: |a, _| a[0].clone(),
    fold: no_fold,
    derivative: no_derivative,
    kink: None,
    domain: no_domain,
    latex: "",
    autodiff: None,
    help: "",
};

/// A rewrite-only entry (aliases of other forms).
const fn rewrite(
    name: &'static str,
    aliases: &'static [&'static str],
    arity: &'static [usize],
    to: fn(&[Expr]) -> Expr,
) -> FuncDef {
    FuncDef { name, aliases, arity, rewrite: Some(to), ..BASE }
}

const ONE: &[usize] = &[1];
const TWO: &[usize] = &[2];

// Order matters for display only: in a product, functions earlier in the
// table print first (2*sin(x)*cos(x)).
static TABLE: [FuncDef; 39] = [
    FuncDef {
        name: "sin",
        eval: |a| Ok(a[0].sin()),
        precise: |a, c| a[0].sin(c.p, RM, &mut c.cc),
        fold: |a| {
            odd(Function::SIN, a)
                .or_else(|| inverse_of(a, Function::ASIN))
                .or_else(|| at_pi(a, exact_values::sin_of_pi_multiple))
        },
        derivative: |a| vec![call(Function::COS, &a[0])],
        latex: "\\sin",
        help: "sine",
        ..BASE
    },
    FuncDef {
        name: "cos",
        eval: |a| Ok(a[0].cos()),
        precise: |a, c| a[0].cos(c.p, RM, &mut c.cc),
        fold: |a| {
            even(Function::COS, a)
                .or_else(|| inverse_of(a, Function::ACOS))
                .or_else(|| at_pi(a, exact_values::cos_of_pi_multiple))
        },
        derivative: |a| vec![neg(&call(Function::SIN, &a[0]))],
        latex: "\\cos",
        help: "cosine",
        ..BASE
    },
    FuncDef {
        name: "tan",
        eval: |a| domain(a[0].cos() != 0.0, a[0].tan(), "tan is undefined where cos is 0"),
        precise: |a, c| a[0].tan(c.p, RM, &mut c.cc),
        fold: |a| {
            odd(Function::TAN, a)
                .or_else(|| inverse_of(a, Function::ATAN))
                .or_else(|| at_pi(a, exact_values::tan_of_pi_multiple))
        },
        derivative: |a| vec![pow(&call(Function::SEC, &a[0]), &int(2))],
        domain: nonzero_cos,
        latex: "\\tan",
        help: "tangent (undefined where cos is 0)",
        ..BASE
    },
    FuncDef {
        name: "sec",
        eval: |a| domain(a[0].cos() != 0.0, 1.0 / a[0].cos(), "sec is undefined where cos is 0"),
        precise: |a, c| a[0].cos(c.p, RM, &mut c.cc).reciprocal(c.p, RM),
        fold: |a| {
            even(Function::SEC, a).or_else(|| at_pi(a, exact_values::cos_of_pi_multiple).and_then(reciprocal))
        },
        derivative: |a| vec![mul(vec![call(Function::SEC, &a[0]), call(Function::TAN, &a[0])])],
        domain: nonzero_cos,
        latex: "\\sec",
        help: "secant, 1/cos",
        ..BASE
    },
    FuncDef {
        name: "csc",
        eval: |a| domain(a[0].sin() != 0.0, 1.0 / a[0].sin(), "csc is undefined where sin is 0"),
        precise: |a, c| a[0].sin(c.p, RM, &mut c.cc).reciprocal(c.p, RM),
        fold: |a| {
            odd(Function::CSC, a).or_else(|| at_pi(a, exact_values::sin_of_pi_multiple).and_then(reciprocal))
        },
        derivative: |a| vec![neg(&mul(vec![call(Function::CSC, &a[0]), call(Function::COT, &a[0])]))],
        domain: nonzero_sin,
        latex: "\\csc",
        help: "cosecant, 1/sin",
        ..BASE
    },
    FuncDef {
        name: "cot",
        eval: |a| domain(a[0].sin() != 0.0, a[0].cos() / a[0].sin(), "cot is undefined where sin is 0"),
        precise: |a, c| a[0].tan(c.p, RM, &mut c.cc).reciprocal(c.p, RM),
        fold: |a| {
            // cot is 0 where tan has its poles, at odd multiples of π/2.
            let at_pole =
                exact_values::pi_multiple(&a[0]).filter(|q| number::is_integer(&(q - number::ratio(1, 2))));
            odd(Function::COT, a)
                .or_else(|| at_pole.map(|_| int(0)))
                .or_else(|| at_pi(a, exact_values::tan_of_pi_multiple).and_then(reciprocal))
        },
        derivative: |a| vec![neg(&pow(&call(Function::CSC, &a[0]), &int(2)))],
        domain: nonzero_sin,
        latex: "\\cot",
        help: "cotangent, cos/sin",
        ..BASE
    },
    FuncDef {
        name: "asin",
        aliases: &["arcsin"],
        eval: |a| domain(a[0].abs() <= 1.0, a[0].asin(), "asin is undefined outside [-1, 1]"),
        precise: |a, c| a[0].asin(c.p, RM, &mut c.cc),
        fold: |a| odd(Function::ASIN, a).or_else(|| exact_values::inverse_at(Function::ASIN, &a[0])),
        derivative: |a| vec![pow(&one_minus_square(&a[0]), &ratio(-1, 2))],
        domain: |a| within_one(a, Need::NonNegative),
        latex: "\\arcsin",
        help: "inverse sine, on [-1, 1] (also arcsin)",
        ..BASE
    },
    FuncDef {
        name: "acos",
        aliases: &["arccos"],
        eval: |a| domain(a[0].abs() <= 1.0, a[0].acos(), "acos is undefined outside [-1, 1]"),
        precise: |a, c| a[0].acos(c.p, RM, &mut c.cc),
        fold: |a| exact_values::inverse_at(Function::ACOS, &a[0]),
        derivative: |a| vec![neg(&pow(&one_minus_square(&a[0]), &ratio(-1, 2)))],
        domain: |a| within_one(a, Need::NonNegative),
        latex: "\\arccos",
        help: "inverse cosine, on [-1, 1] (also arccos)",
        ..BASE
    },
    FuncDef {
        name: "atan",
        aliases: &["arctan"],
        eval: |a| Ok(a[0].atan()),
        precise: |a, c| a[0].atan(c.p, RM, &mut c.cc),
        fold: |a| odd(Function::ATAN, a).or_else(|| exact_values::inverse_at(Function::ATAN, &a[0])),
        derivative: |a| vec![pow(&add(vec![pow(&a[0], &int(2)), int(1)]), &int(-1))],
        latex: "\\arctan",
        help: "inverse tangent (also arctan)",
        ..BASE
    },
    FuncDef {
        name: "sinh",
        eval: |a| Ok(a[0].sinh()),
        precise: |a, c| a[0].sinh(c.p, RM, &mut c.cc),
        fold: |a| {
            zero_to(a, 0)
                .or_else(|| odd(Function::SINH, a))
                .or_else(|| inverse_of(a, Function::ASINH))
                .or_else(|| of_exp(a, |u, v| mul(vec![ratio(1, 2), sub(u, v)])))
        },
        derivative: |a| vec![call(Function::COSH, &a[0])],
        latex: "\\sinh",
        help: "hyperbolic sine",
        ..BASE
    },
    FuncDef {
        name: "cosh",
        eval: |a| Ok(a[0].cosh()),
        precise: |a, c| a[0].cosh(c.p, RM, &mut c.cc),
        fold: |a| {
            zero_to(a, 1)
                .or_else(|| even(Function::COSH, a))
                .or_else(|| of_exp(a, |u, v| mul(vec![ratio(1, 2), add(vec![u.clone(), v.clone()])])))
        },
        derivative: |a| vec![call(Function::SINH, &a[0])],
        latex: "\\cosh",
        help: "hyperbolic cosine",
        ..BASE
    },
    FuncDef {
        name: "tanh",
        eval: |a| Ok(a[0].tanh()),
        precise: |a, c| a[0].tanh(c.p, RM, &mut c.cc),
        fold: |a| {
            zero_to(a, 0)
                .or_else(|| odd(Function::TANH, a))
                .or_else(|| inverse_of(a, Function::ATANH))
                .or_else(|| {
                    of_exp(a, |u, v| mul(vec![sub(u, v), pow(&add(vec![u.clone(), v.clone()]), &int(-1))]))
                })
        },
        derivative: |a| vec![one_minus_square(&call(Function::TANH, &a[0]))],
        latex: "\\tanh",
        help: "hyperbolic tangent",
        ..BASE
    },
    FuncDef {
        name: "asinh",
        aliases: &["arcsinh", "arsinh"],
        eval: |a| Ok(a[0].asinh()),
        precise: |a, c| a[0].asinh(c.p, RM, &mut c.cc),
        fold: |a| zero_to(a, 0).or_else(|| odd(Function::ASINH, a)),
        derivative: |a| vec![pow(&add(vec![pow(&a[0], &int(2)), int(1)]), &ratio(-1, 2))],
        latex: "\\operatorname{arsinh}",
        help: "inverse hyperbolic sine",
        ..BASE
    },
    FuncDef {
        name: "acosh",
        aliases: &["arccosh", "arcosh"],
        eval: |a| domain(a[0] >= 1.0, a[0].acosh(), "acosh is undefined for arguments < 1"),
        precise: |a, c| a[0].acosh(c.p, RM, &mut c.cc),
        fold: |a| num_arg(a).filter(|q| q.is_one()).map(|_| int(0)),
        derivative: |a| vec![pow(&add(vec![pow(&a[0], &int(2)), int(-1)]), &ratio(-1, 2))],
        domain: |a| vec![(sub(&a[0], &int(1)), Need::NonNegative)],
        latex: "\\operatorname{arcosh}",
        help: "inverse hyperbolic cosine, for u >= 1",
        ..BASE
    },
    FuncDef {
        name: "atanh",
        aliases: &["arctanh", "artanh"],
        eval: |a| domain(a[0].abs() < 1.0, a[0].atanh(), "atanh is undefined outside (-1, 1)"),
        precise: |a, c| a[0].atanh(c.p, RM, &mut c.cc),
        fold: |a| zero_to(a, 0).or_else(|| odd(Function::ATANH, a)),
        derivative: |a| vec![pow(&one_minus_square(&a[0]), &int(-1))],
        domain: |a| within_one(a, Need::Positive),
        latex: "\\operatorname{artanh}",
        help: "inverse hyperbolic tangent, on (-1, 1)",
        ..BASE
    },
    FuncDef {
        name: "exp",
        eval: |a| Ok(a[0].exp()),
        precise: |a, c| a[0].exp(c.p, RM, &mut c.cc),
        fold: |a| {
            let e = a[0].is_one().then(|| crate::engine::simplify::named(Constant::E));
            zero_to(a, 1).or(e).or_else(|| inverse_of(a, Function::LN)).or_else(|| power_of_log(&a[0]))
        },
        derivative: |a| vec![call(Function::EXP, &a[0])],
        latex: "\\exp",
        help: "e^u",
        ..BASE
    },
    FuncDef {
        name: "ln",
        eval: |a| domain(a[0] > 0.0, a[0].ln(), "ln is undefined for arguments <= 0"),
        precise: |a, c| a[0].ln(c.p, RM, &mut c.cc),
        fold: |a| {
            let one = num_arg(a).filter(|q| q.is_one()).map(|_| int(0));
            let e = is_const(&a[0], Constant::E).then(|| int(1));
            one.or(e)
                .or_else(|| inverse_of(a, Function::EXP))
                .or_else(|| log_of_power(&a[0]))
                .or_else(|| log_of_rational(&a[0]))
        },
        derivative: |a| vec![pow(&a[0], &int(-1))],
        domain: positive,
        latex: "\\ln",
        help: "natural logarithm, for u > 0",
        ..BASE
    },
    FuncDef {
        help: "log(u) is ln(u); log(u, b) is the logarithm to base b",
        domain: |a| {
            let mut need = vec![(a[0].clone(), Need::Positive)];
            if let Some(base) = a.get(1) {
                need.extend([(base.clone(), Need::Positive), (sub(base, &int(1)), Need::NonZero)]);
            }
            need
        },
        ..rewrite("log", &[], &[1, 2], |a| match a {
            [u, base] => mul(vec![call(Function::LN, u), pow(&call(Function::LN, base), &int(-1))]),
            _ => call(Function::LN, &a[0]),
        })
    },
    FuncDef {
        name: "log10",
        aliases: &[],
        arity: ONE,
        rewrite: None,
        eval: |a| domain(a[0] > 0.0, a[0].log10(), "log10 is undefined for arguments <= 0"),
        precise: |a, c| a[0].log10(c.p, RM, &mut c.cc),
        fold: |a| num_arg(a).filter(|q| q.is_one()).map(|_| int(0)),
        derivative: |a| vec![pow(&mul(vec![a[0].clone(), call(Function::LN, &int(10))]), &int(-1))],
        kink: None,
        domain: positive,
        latex: "\\log_{10}",
        autodiff: None,
        help: "logarithm to base 10",
    },
    FuncDef {
        name: "log2",
        aliases: &[],
        arity: ONE,
        rewrite: None,
        eval: |a| domain(a[0] > 0.0, a[0].log2(), "log2 is undefined for arguments <= 0"),
        precise: |a, c| a[0].log2(c.p, RM, &mut c.cc),
        fold: |a| num_arg(a).filter(|q| q.is_one()).map(|_| int(0)),
        derivative: |a| vec![pow(&mul(vec![a[0].clone(), call(Function::LN, &int(2))]), &int(-1))],
        kink: None,
        domain: positive,
        latex: "\\log_{2}",
        autodiff: None,
        help: "logarithm to base 2",
    },
    FuncDef {
        help: "square root, for u >= 0 (also √u)",
        domain: |a| vec![(a[0].clone(), Need::NonNegative)],
        ..rewrite("sqrt", &[], ONE, |a| pow(&a[0], &ratio(1, 2)))
    },
    FuncDef { help: "real cube root (also ∛u)", ..rewrite("cbrt", &[], ONE, |a| pow(&a[0], &ratio(1, 3))) },
    FuncDef {
        name: "abs",
        aliases: &[],
        arity: ONE,
        rewrite: None,
        eval: |a| Ok(a[0].abs()),
        precise: |a, _| a[0].abs(),
        fold: |a| match a[0].kind() {
            Kind::Num(q) => {
                let q = q.value().into_owned();
                Some(constant(if number::is_negative(&q) { -q } else { q }))
            }
            Kind::Func(f, _) if *f == Function::ABS => Some(a[0].clone()),
            _ => even(Function::ABS, a).or_else(|| {
                let u = a[0].clone();
                by_sign(
                    a,
                    move |s| if s == std::cmp::Ordering::Less { minus_each_term(&u) } else { u.clone() },
                )
            }),
        },
        derivative: |a| vec![call(Function::SIGN, &a[0])],
        kink: Some((Kink::Corner, at_zero)),
        domain: no_domain,
        latex: "",
        autodiff: Some("PyTorch and TensorFlow take abs'(0) = 0, while JAX takes 1"),
        help: "absolute value (also |u|); a corner at 0",
    },
    FuncDef {
        name: "sign",
        aliases: &["sgn"],
        arity: ONE,
        rewrite: None,
        eval: |a| Ok(if a[0] == 0.0 { 0.0 } else { a[0].signum() }),
        precise: |a, c| c.int(a[0].cmp(&c.int(0)).unwrap_or(0) as i64),
        fold: |a| {
            num_arg(a)
                .map(|q| int(q.sign_cmp_zero() as i64))
                .or_else(|| odd(Function::SIGN, a))
                .or_else(|| by_sign(a, |s| int(s as i64)))
        },
        derivative: zero_derivative,
        kink: Some((Kink::Jump, at_zero)),
        domain: no_domain,
        latex: "\\operatorname{sign}",
        autodiff: None,
        help: "-1, 0 or 1 (also sgn); a jump at 0",
    },
    FuncDef {
        name: "step",
        aliases: &["heaviside"],
        arity: ONE,
        rewrite: None,
        eval: |a| {
            Ok(if a[0] > 0.0 {
                1.0
            } else if a[0] < 0.0 {
                0.0
            } else {
                0.5
            })
        },
        precise: |a, c| c.step(&a[0]),
        fold: |a| {
            num_arg(a).map(|q| constant(step_of(&q))).or_else(|| by_sign(a, |s| ratio(s as i64 + 1, 2)))
        },
        derivative: zero_derivative,
        kink: Some((Kink::Jump, at_zero)),
        domain: no_domain,
        latex: "\\operatorname{step}",
        autodiff: None,
        help: "Heaviside step: 0 below 0, 1 above, 1/2 at 0 (also heaviside)",
    },
    FuncDef {
        name: "floor",
        aliases: &[],
        arity: ONE,
        rewrite: None,
        eval: |a| Ok(a[0].floor()),
        precise: |a, _| a[0].floor(),
        fold: |a| {
            num_arg(a).map(|q| constant(Rational::from(q.floor()))).or_else(|| floor_of_constant(&a[0]))
        },
        derivative: zero_derivative,
        kink: Some((Kink::Jump, at_integer)),
        domain: no_domain,
        latex: "\\operatorname{floor}",
        autodiff: None,
        help: "largest integer <= u",
    },
    FuncDef {
        name: "ceil",
        aliases: &["ceiling"],
        arity: ONE,
        rewrite: None,
        eval: |a| Ok(a[0].ceil()),
        precise: |a, _| a[0].ceil(),
        fold: |a| {
            let ceil = |u: &Expr| floor_of_constant(&neg(u)).map(|n| neg(&n));
            num_arg(a).map(|q| constant(Rational::from(q.ceil()))).or_else(|| ceil(&a[0]))
        },
        derivative: zero_derivative,
        kink: Some((Kink::Jump, at_integer)),
        domain: no_domain,
        latex: "\\operatorname{ceil}",
        autodiff: None,
        help: "smallest integer >= u (also ceiling)",
    },
    FuncDef {
        name: "min",
        aliases: &[],
        arity: TWO,
        rewrite: None,
        eval: |a| Ok(a[0].min(a[1])),
        precise: |a, _| a[0].min(&a[1]),
        fold: |a| match (a[0].as_num(), a[1].as_num()) {
            (Some(p), Some(q)) => Some(constant(p.min(q).into_owned())),
            _ => (a[0] == a[1]).then(|| a[0].clone()),
        },
        derivative: |a| {
            vec![call(Function::STEP, &sub(&a[1], &a[0])), call(Function::STEP, &sub(&a[0], &a[1]))]
        },
        kink: Some((Kink::Corner, tie)),
        domain: no_domain,
        latex: "\\min",
        autodiff: Some(
            "at a tie PyTorch and JAX split the gradient evenly between the arguments, TensorFlow gives it to the first",
        ),
        help: "the smaller of a and b; a corner where a = b",
    },
    FuncDef {
        name: "max",
        aliases: &[],
        arity: TWO,
        rewrite: None,
        eval: |a| Ok(a[0].max(a[1])),
        precise: |a, _| a[0].max(&a[1]),
        fold: |a| match (a[0].as_num(), a[1].as_num()) {
            (Some(p), Some(q)) => Some(constant(p.max(q).into_owned())),
            _ => (a[0] == a[1]).then(|| a[0].clone()),
        },
        derivative: |a| {
            vec![call(Function::STEP, &sub(&a[0], &a[1])), call(Function::STEP, &sub(&a[1], &a[0]))]
        },
        kink: Some((Kink::Corner, tie)),
        domain: no_domain,
        latex: "\\max",
        autodiff: Some(
            "at a tie PyTorch and JAX split the gradient evenly between the arguments, TensorFlow gives it to the first",
        ),
        help: "the larger of a and b; a corner where a = b",
    },
    FuncDef {
        name: "relu",
        aliases: &["ReLU"],
        arity: ONE,
        rewrite: None,
        eval: |a| Ok(a[0].max(0.0)),
        precise: |a, c| a[0].max(&c.int(0)),
        fold: |a| {
            num_arg(a).map(|q| constant(q.into_owned().max(Rational::ZERO))).or_else(|| {
                let u = a[0].clone();
                by_sign(a, move |s| if s == std::cmp::Ordering::Greater { u.clone() } else { int(0) })
            })
        },
        derivative: |a| vec![call(Function::STEP, &a[0])],
        kink: Some((Kink::Corner, at_zero)),
        domain: no_domain,
        latex: "\\operatorname{ReLU}",
        autodiff: Some("PyTorch, TensorFlow and JAX take relu'(0) = 0"),
        help: "max(u, 0); a corner at 0 (also ReLU)",
    },
    FuncDef {
        name: "sigmoid",
        aliases: &[],
        arity: ONE,
        rewrite: None,
        eval: |a| Ok(sigmoid_f64(a[0])),
        precise: |a, c| c.sigmoid(&a[0]),
        fold: |a| zero_to(a, 0).map(|_| constant(half())),
        derivative: |a| {
            let s = call(Function::SIGMOID, &a[0]);
            vec![mul(vec![s.clone(), sub(&int(1), &s)])]
        },
        kink: None,
        domain: no_domain,
        latex: "\\sigma",
        autodiff: None,
        help: "logistic function 1/(1 + e^-u)",
    },
    FuncDef {
        name: "softplus",
        aliases: &[],
        arity: ONE,
        rewrite: None,
        eval: |a| Ok(a[0].max(0.0) + (-a[0].abs()).exp().ln_1p()),
        precise: |a, c| c.softplus(&a[0]),
        fold: |a| zero_to(a, 0).map(|_| call(Function::LN, &int(2))),
        derivative: |a| vec![call(Function::SIGMOID, &a[0])],
        kink: None,
        domain: no_domain,
        latex: "\\operatorname{softplus}",
        autodiff: None,
        help: "ln(1 + e^u), a smooth relu",
    },
    FuncDef {
        name: "erf",
        aliases: &[],
        arity: ONE,
        rewrite: None,
        eval: |a| Ok(libm::erf(a[0])),
        precise: |a, c| c.erf(&a[0]),
        fold: |a| zero_to(a, 0).or_else(|| odd(Function::ERF, a)),
        // d/du erf(u) = 2/sqrt(pi)·exp(-u^2)
        derivative: |a| {
            let pi = crate::engine::simplify::named(Constant::Pi);
            vec![mul(vec![int(2), pow(&pi, &ratio(-1, 2)), call(Function::EXP, &neg(&pow(&a[0], &int(2))))])]
        },
        kink: None,
        domain: no_domain,
        latex: "\\operatorname{erf}",
        autodiff: None,
        help: "error function",
    },
    FuncDef {
        name: "leaky_relu",
        aliases: &["leakyrelu"],
        arity: &[2],
        rewrite: None,
        eval: |a| Ok(if a[0] > 0.0 { a[0] } else { a[1] * a[0] }),
        precise: |a, c| {
            let zero = c.int(0);
            let negative = a[0].min(&zero).mul(&a[1], c.p, RM);
            a[0].max(&zero).add(&negative, c.p, RM)
        },
        fold: |a| match (a[0].as_num(), a[1].as_num()) {
            (Some(x), _) if !number::is_negative(&x) => Some(a[0].clone()),
            (Some(_), Some(_)) => Some(mul(vec![a[0].clone(), a[1].clone()])),
            _ => None,
        },
        // ∂/∂x = step(x) + a·step(-x); ∂/∂a = min(x, 0)
        derivative: |a| {
            let slope = add(vec![
                call(Function::STEP, &a[0]),
                mul(vec![a[1].clone(), call(Function::STEP, &neg(&a[0]))]),
            ]);
            vec![slope, func(Function::MIN, vec![a[0].clone(), int(0)])]
        },
        kink: Some((Kink::Corner, at_zero)),
        domain: no_domain,
        latex: "\\operatorname{LeakyReLU}",
        autodiff: Some("PyTorch and TensorFlow take the negative slope a there, JAX takes 1"),
        help: "leaky_relu(u, a): u above 0, a*u below",
    },
    FuncDef {
        name: "elu",
        aliases: &["ELU"],
        arity: ONE,
        rewrite: None,
        eval: |a| Ok(if a[0] > 0.0 { a[0] } else { a[0].exp_m1() }),
        precise: |a, c| {
            let zero = c.int(0);
            let negative = a[0].min(&zero).exp(c.p, RM, &mut c.cc).sub(&c.int(1), c.p, RM);
            a[0].max(&zero).add(&negative, c.p, RM)
        },
        fold: |a| num_arg(a).filter(|q| !number::is_negative(q)).map(|_| a[0].clone()),
        // 1 above 0, exp(u) below: exp(min(u, 0)), continuous at 0.
        derivative: |a| vec![call(Function::EXP, &func(Function::MIN, vec![a[0].clone(), int(0)]))],
        kink: None,
        domain: no_domain,
        latex: "\\operatorname{ELU}",
        autodiff: None,
        help: "u above 0, e^u - 1 below (also ELU)",
    },
    FuncDef {
        help: "u*sigmoid(u) (also swish)",
        ..rewrite("silu", &["swish"], ONE, |a| mul(vec![a[0].clone(), call(Function::SIGMOID, &a[0])]))
    },
    // GELU, exactly: x/2·(1 + erf(x/sqrt(2)))
    FuncDef {
        help: "u/2*(1 + erf(u/sqrt(2))) (also GELU)",
        ..rewrite("gelu", &["GELU"], ONE, |a| {
            let scaled = mul(vec![a[0].clone(), pow(&int(2), &ratio(-1, 2))]);
            mul(vec![ratio(1, 2), a[0].clone(), add(vec![int(1), call(Function::ERF, &scaled)])])
        })
    },
    FuncDef {
        help: "inverse secant, acos(1/u)",
        domain: outside_one,
        ..rewrite("arcsec", &[], ONE, |a| call(Function::ACOS, &pow(&a[0], &int(-1))))
    },
    FuncDef {
        help: "inverse cosecant, asin(1/u)",
        domain: outside_one,
        ..rewrite("arccsc", &[], ONE, |a| call(Function::ASIN, &pow(&a[0], &int(-1))))
    },
];

/// `true` when `e` is the constant pi or e.
pub fn is_named_constant(e: &Expr) -> bool {
    is_const(e, Constant::Pi) || is_const(e, Constant::E)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_identities_match_the_table() {
        let consts = [
            Function::SIN,
            Function::COS,
            Function::TAN,
            Function::SEC,
            Function::CSC,
            Function::COT,
            Function::ASIN,
            Function::ACOS,
            Function::ATAN,
            Function::SINH,
            Function::COSH,
            Function::TANH,
            Function::ASINH,
            Function::ACOSH,
            Function::ATANH,
            Function::EXP,
            Function::LN,
            Function::LOG,
            Function::LOG10,
            Function::LOG2,
            Function::SQRT,
            Function::CBRT,
            Function::ABS,
            Function::SIGN,
            Function::STEP,
            Function::FLOOR,
            Function::CEIL,
            Function::MIN,
            Function::MAX,
            Function::RELU,
            Function::SIGMOID,
            Function::SOFTPLUS,
            Function::ERF,
            Function::LEAKY_RELU,
            Function::ELU,
            Function::SILU,
            Function::GELU,
            Function::ARCSEC,
            Function::ARCCSC,
        ];
        for (i, f) in consts.iter().enumerate() {
            assert_eq!(f.id() as usize, i);
            assert_eq!(Function::lookup(f.name()), Some(*f), "{}", f.name());
        }
        assert_eq!(consts.len(), TABLE.len());
    }

    #[test]
    fn names_are_unique() {
        let mut names: Vec<_> = Function::all_names().collect();
        let total = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), total);
    }

    #[test]
    fn derivative_arity_matches_function_arity() {
        for d in TABLE.iter().filter(|d| d.rewrite.is_none()) {
            let args: Vec<Expr> =
                (0..d.arity[0]).map(|i| crate::engine::simplify::var(&format!("a{i}"))).collect();
            assert_eq!((d.derivative)(&args).len(), d.arity[0], "{}", d.name);
        }
    }
}
