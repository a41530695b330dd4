//! High-precision evaluation with astro-float-num, for answers whose every
//! printed digit must be right (the slope table at h = 10⁻¹⁵). Digits are
//! found Ziv's way: evaluate at two working precisions and keep the result
//! only when both round to the same digits, else raise the precision.

use crate::engine::expr::{Constant, Expr, Kind};
use crate::engine::number::{self, Rational};
use crate::numeric::eval::DomainError;
use astro_float_num::{BigFloat, Consts, RoundingMode, Sign};
use dashu_int::{IBig, UBig};
use std::collections::HashMap;

pub const RM: RoundingMode = RoundingMode::ToEven;

/// Most bits spent looking closer at a value that is 0 at two precisions
/// (total cancellation at 144 bits, as in sigmoid(1e-192) − 1/2, is seen
/// well before this; a value that is exactly 0 but not known to be must
/// not cost seconds).
const ZERO_BITS: usize = 2048;

/// Largest working precision tried, in bits, before giving up on a digit.
const MAX_BITS: usize = 1 << 15;

/// Working precision and the constants cache (pi, e, ln 2) that goes with it.
pub struct Precision {
    pub p: usize,
    pub cc: Consts,
    /// A nonzero value fell below the exponent range on the way (harmless
    /// in a sum with larger terms; an error when it is the answer).
    pub underflowed: bool,
}

impl Precision {
    pub fn int(&self, n: i64) -> BigFloat {
        BigFloat::from_i64(n, self.p)
    }

    pub fn recip(&self, x: &BigFloat) -> BigFloat {
        x.reciprocal(self.p, RM)
    }

    pub fn step(&self, x: &BigFloat) -> BigFloat {
        match x.cmp(&self.int(0)) {
            Some(c) if c > 0 => self.int(1),
            Some(c) if c < 0 => self.int(0),
            _ => self.int(1).div(&self.int(2), self.p, RM),
        }
    }

    pub fn sigmoid(&mut self, x: &BigFloat) -> BigFloat {
        let e = x.neg().exp(self.p, RM, &mut self.cc);
        self.recip(&e.add(&self.int(1), self.p, RM))
    }

    /// ln(1 + eˣ), as x + ln(1 + e⁻ˣ) for positive x so that large
    /// arguments do not overflow.
    pub fn softplus(&mut self, x: &BigFloat) -> BigFloat {
        let positive = !x.is_negative();
        let t = if positive { x.neg() } else { x.clone() };
        let e = t.exp(self.p, RM, &mut self.cc);
        let tail = e.add(&self.int(1), self.p, RM).ln(self.p, RM, &mut self.cc);
        if positive { x.add(&tail, self.p, RM) } else { tail }
    }

    /// erf by its Maclaurin series 2/√π Σ (−1)ⁿ x²ⁿ⁺¹/(n!(2n+1)), with
    /// guard bits for the series' cancellation (about x²·log2(e)).
    pub fn erf(&mut self, x: &BigFloat) -> BigFloat {
        let p = self.p;
        let approx = to_rational(x).map_or(0.0, |q| number::to_f64(&q));
        if approx * approx > p as f64 + 64.0 {
            // erfc(x) < exp(-x²) is below the last bit: erf is ±1.
            return self.int(if approx > 0.0 { 1 } else { -1 });
        }
        // Far out, 1 − erfc(x) from erfc's asymptotic series: accurate to
        // e^(-2x²) absolute, enough once 2x² passes the precision, and far
        // cheaper than the Taylor series's thousands of high-precision terms.
        if approx.abs() > 4.0 && 2.0 * approx * approx > (p as f64 + 64.0) * std::f64::consts::LN_2 {
            return self.erf_far(x, approx < 0.0);
        }
        let w = p + (approx * approx * 1.5) as usize + 64;
        let x2 = x.mul(x, w, RM).neg();
        let mut power = x.clone();
        let mut sum = x.clone();
        let mut n: i64 = 0;
        loop {
            n += 1;
            power = power.mul(&x2, w, RM).div(&BigFloat::from_i64(n, w), w, RM);
            let term = power.div(&BigFloat::from_i64(2 * n + 1, w), w, RM);
            sum = sum.add(&term, w, RM);
            let small = term
                .exponent()
                .zip(sum.exponent())
                .is_none_or(|(t, s)| i64::from(s) - i64::from(t) > w as i64 + 2);
            if term.is_zero() || small || n > 1_000_000 {
                break;
            }
        }
        let pi = self.cc.pi(w, RM);
        let two_over_root_pi = BigFloat::from_i64(2, w).div(&pi.sqrt(w, RM), w, RM);
        sum.mul(&two_over_root_pi, p, RM)
    }

    /// erf(x) = ±(1 − erfc(|x|)) with erfc(x) = e^(−x²)/(x√π)·Σ (−1)ⁿ(2n−1)!!/(2x²)ⁿ,
    /// summed to its smallest term.
    fn erf_far(&mut self, x: &BigFloat, negative: bool) -> BigFloat {
        let (p, w) = (self.p, self.p + 64);
        let ax = x.abs();
        let x2 = ax.mul(&ax, w, RM);
        let inv = BigFloat::from_i64(1, w).div(&x2.mul(&BigFloat::from_i64(2, w), w, RM), w, RM);
        let (mut term, mut sum) = (BigFloat::from_i64(1, w), BigFloat::from_i64(1, w));
        for n in 1..100_000i64 {
            let next = term.mul(&BigFloat::from_i64(1 - 2 * n, w), w, RM).mul(&inv, w, RM);
            // The series diverges past its smallest term: stop there.
            let grows = next.exponent().zip(term.exponent()).is_some_and(|(a, b)| a > b);
            let tiny = next
                .exponent()
                .zip(sum.exponent())
                .is_none_or(|(t, s)| i64::from(s) - i64::from(t) > w as i64);
            if grows {
                break;
            }
            sum = sum.add(&next, w, RM);
            term = next;
            if tiny {
                break;
            }
        }
        let root_pi = self.cc.pi(w, RM).sqrt(w, RM);
        let decay = x2.neg().exp(w, RM, &mut self.cc);
        let erfc = decay.mul(&sum, w, RM).div(&ax.mul(&root_pi, w, RM), w, RM);
        let erf = BigFloat::from_i64(1, w).sub(&erfc, p, RM);
        if negative { erf.neg() } else { erf }
    }

    pub fn rational(&self, q: &Rational) -> BigFloat {
        let num = integer(q.numerator(), self.p);
        let den = integer(&IBig::from(q.denominator().clone()), self.p);
        num.div(&den, self.p, RM)
    }
}

/// A big integer as a float: exact for machine-sized ones, rounded to `p`
/// bits (from its two's-complement words) for larger ones.
fn integer(n: &IBig, p: usize) -> BigFloat {
    if let Ok(small) = i64::try_from(n) {
        return BigFloat::from_i64(small, p);
    }
    let (sign, magnitude) = n.clone().into_parts();
    let words: Vec<u64> = magnitude
        .to_le_bytes()
        .chunks(8)
        .map(|c| {
            let mut w = [0u8; 8];
            w[..c.len()].copy_from_slice(c);
            u64::from_le_bytes(w)
        })
        .collect();
    let bits = words.len() * 64;
    let s = if sign == dashu_int::Sign::Negative { Sign::Neg } else { Sign::Pos };
    let mut f = BigFloat::from_words(&words, s, bits as i32);
    let _ = f.set_precision(p.max(bits), RM);
    f
}

/// The exact rational value of a finite float.
pub fn to_rational(x: &BigFloat) -> Option<Rational> {
    if x.is_zero() {
        return Some(Rational::ZERO);
    }
    let (words, bits, sign, exponent, _) = x.as_raw_parts()?;
    let bytes: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
    let mantissa = Rational::from(UBig::from_le_bytes(&bytes));
    let shift = exponent as isize - bits as isize;
    let value = mantissa * Rational::from(2).pow(shift);
    Some(if sign == Sign::Neg { -value } else { value })
}

/// Evaluate a constant expression (no variables) at working precision.
/// A nonzero value below the smallest exponent a float can hold.
fn underflow() -> DomainError {
    domain("the value is too small to compute (below about 1e-646456993)")
}

pub fn evaluate(e: &Expr, c: &mut Precision) -> Result<BigFloat, DomainError> {
    let mut memo = HashMap::new();
    c.underflowed = false;
    let v = eval(e, c, &mut memo)?;
    if v.is_zero() && c.underflowed {
        return Err(underflow());
    }
    Ok(v)
}

fn domain(message: impl Into<String>) -> DomainError {
    DomainError { message: message.into() }
}

fn eval(
    e: &Expr,
    c: &mut Precision,
    memo: &mut HashMap<*const (), BigFloat>,
) -> Result<BigFloat, DomainError> {
    if let Some(v) = memo.get(&e.node_ptr()) {
        return Ok(v.clone());
    }
    let p = c.p;
    let v = match e.kind() {
        Kind::Num(q) => c.rational(&q.value()),
        Kind::Const(Constant::Pi) => c.cc.pi(p, RM),
        Kind::Const(Constant::E) => c.cc.e(p, RM),
        Kind::Var(name) => return Err(domain(format!("no value given for {name}"))),
        Kind::Add(terms) => {
            let mut sum = c.int(0);
            for t in terms.iter() {
                sum = sum.add(&eval(t, c, memo)?, p, RM);
            }
            sum
        }
        Kind::Mul(factors) => {
            let mut product = c.int(1);
            for f in factors.iter() {
                let factor = eval(f, c, memo)?;
                let before_zero = product.is_zero() || factor.is_zero();
                product = product.mul(&factor, p, RM);
                // Nonzero factors whose product is 0: below the exponent range.
                if product.is_zero() && !before_zero {
                    c.underflowed = true;
                }
            }
            product
        }
        Kind::Pow(b, x) => {
            let base = eval(b, c, memo)?;
            // A base that underflowed to 0 is not 0: no division by zero.
            if base.is_zero() && !b.is_zero() && x.is_negative_number() {
                return Err(domain("a value is too small to compute (it underflows)"));
            }
            let v = power(&base, x, c, memo)?;
            if v.is_zero() && !base.is_zero() {
                c.underflowed = true;
            }
            v
        }
        Kind::Func(f, args) => {
            let mut vals = Vec::with_capacity(args.len());
            for a in args.iter() {
                vals.push(eval(a, c, memo)?);
            }
            if vals.iter().any(BigFloat::is_inf) {
                return Err(domain(format!("an argument of {} is too large to compute", f.name())));
            }
            periodic_argument_in_reach(*f, &vals)?;
            let v = (f.def().precise)(&vals, c);
            // exp is never 0: a 0 is an exponent out of range.
            if v.is_zero() && *f == crate::engine::functions::Function::EXP {
                c.underflowed = true;
            }
            if v.is_nan() || v.is_inf() {
                // The f64 evaluation knows the words for why.
                let approx: Vec<f64> = args
                    .iter()
                    .map(|a| crate::numeric::eval::evaluate(a, &HashMap::new()).unwrap_or(f64::NAN))
                    .collect();
                let finite_arguments = vals.iter().all(|a| !a.is_inf() && !a.is_nan());
                if v.is_inf() && finite_arguments && (f.def().eval)(&approx).is_ok() {
                    return Err(domain(format!("{} overflows: the value is too large to compute", f.name())));
                }
                let why = (f.def().eval)(&approx).err().unwrap_or("is undefined here");
                return Err(domain(if why.starts_with(f.name()) {
                    why.to_string()
                } else {
                    format!("{} {why}", f.name())
                }));
            }
            v
        }
        Kind::Cmp(rel, sides) => {
            let d = eval(&sides[0], c, memo)?.sub(&eval(&sides[1], c, memo)?, p, RM);
            let sign = d.cmp(&c.int(0)).unwrap_or(0);
            if sign == 0 && !(sides[0] == sides[1]) {
                return Err(domain("a condition is too close to call at this precision"));
            }
            c.int(i64::from(rel.holds(sign.cmp(&0))))
        }
        Kind::Logic(op, items) => {
            let mut truths = Vec::with_capacity(items.len());
            for item in items.iter() {
                truths.push(!eval(item, c, memo)?.is_zero());
            }
            let holds = match op {
                crate::engine::expr::Logic::And => truths.iter().all(|t| *t),
                crate::engine::expr::Logic::Or => truths.iter().any(|t| *t),
            };
            c.int(i64::from(holds))
        }
        Kind::Piecewise(parts) => {
            let mut chosen = &parts[parts.len() - 1];
            for pair in parts.chunks_exact(2) {
                if !eval(&pair[0], c, memo)?.is_zero() {
                    chosen = &pair[1];
                    break;
                }
            }
            eval(chosen, c, memo)?
        }
    };
    // Past the exponent range: overflow, never a value or "undefined".
    if v.is_inf() {
        return Err(domain("the value is too large to compute"));
    }
    memo.insert(e.node_ptr(), v.clone());
    Ok(v)
}

/// Real powers, with the same domain as the f64 evaluation.
fn power(
    base: &BigFloat,
    x: &Expr,
    c: &mut Precision,
    memo: &mut HashMap<*const (), BigFloat>,
) -> Result<BigFloat, DomainError> {
    let p = c.p;
    let zero = c.int(0);
    let sign = base.cmp(&zero).unwrap_or(0);
    if let Some(q) = x.as_num() {
        if sign == 0 {
            return if number::is_negative(&q) { Err(domain("division by zero")) } else { Ok(zero) };
        }
        if let Some(n) = number::to_i64(&q) {
            let magnitude = base.powi(n.unsigned_abs() as usize, p, RM);
            return Ok(if n < 0 { c.recip(&magnitude) } else { magnitude });
        }
        let odd_root = q.denominator() % 2u8 == 1u8;
        if sign < 0 && !odd_root {
            let what = if q.denominator() == &UBig::from(2u8) {
                "sqrt is undefined for negative arguments"
            } else {
                "an even root of a negative number is not real"
            };
            return Err(domain(what));
        }
        // A square root directly: exact for perfect squares, and astro-float's
        // general pow spins on some exact bases (ceil(pi)^(1/2) never ended).
        let magnitude = if *q.denominator() == UBig::from(2u8) {
            let root = base.abs().sqrt(p, RM);
            let n = number::to_i64(&Rational::from(q.numerator().clone())).unwrap_or(1);
            let power = root.powi(n.unsigned_abs() as usize, p, RM);
            if n < 0 { c.recip(&power) } else { power }
        } else {
            base.abs().pow(&c.rational(&q), p, RM, &mut c.cc)
        };
        let odd_numerator = q.numerator() % 2i32 != 0i32;
        return Ok(if sign < 0 && odd_numerator { magnitude.neg() } else { magnitude });
    }
    let exponent = eval(x, c, memo)?;
    if sign == 0 {
        return if exponent.is_negative() { Err(domain("division by zero")) } else { Ok(zero) };
    }
    if sign < 0 && !exponent.is_int() {
        return Err(domain("a negative number to a non-integer power is not real"));
    }
    Ok(base.pow(&exponent, p, RM, &mut c.cc))
}

/// Binary exponents past which a trig function's argument is not reduced
/// modulo π: that would need as many bits of π (sin(22^277777) hung).
const MAX_PERIODIC_EXPONENT: i32 = 1 << 14;

/// A work budget for argument reduction: sin, cos, tan, sec, csc and cot
/// of numbers beyond 2^16384 are an error, not an hour of π digits.
fn periodic_argument_in_reach(
    f: crate::engine::functions::Function,
    vals: &[BigFloat],
) -> Result<(), DomainError> {
    use crate::engine::functions::Function as F;
    let periodic = [F::SIN, F::COS, F::TAN, F::SEC, F::CSC, F::COT].contains(&f);
    match vals.first().and_then(BigFloat::exponent) {
        Some(e) if periodic && e > MAX_PERIODIC_EXPONENT => Err(domain(format!(
            "{} of a number this large (about 2^{e}) is too large to compute: reducing it modulo pi needs {e} bits of pi",
            f.name()
        ))),
        _ => Ok(()),
    }
}

/// Most bits `sign` works with before it calls a value too close to 0.
const SIGN_BITS: usize = 4096;

/// The sign of a constant expression, decided exactly for rationals and
/// otherwise at rising precision: a value is called nonzero once two
/// precisions agree on it to 32 bits (cancellation noise does not
/// survive a change of precision). `Ok(None)` when no precision up to
/// `SIGN_BITS` settles it: equal to 0 as far as can be seen, but not
/// known to be 0.
pub fn sign(e: &Expr) -> Result<Option<std::cmp::Ordering>, DomainError> {
    if let Some(q) = e.as_num() {
        return Ok(Some(q.as_ref().cmp(&Rational::ZERO)));
    }
    if e.has_division_by_zero() {
        return Err(domain("division by zero"));
    }
    // An exact 0 in disguise (a sum whose terms cancel once multiplied out).
    if crate::engine::tidy::expanded_with_powers(e).is_some_and(|x| x.is_zero()) {
        return Ok(Some(std::cmp::Ordering::Equal));
    }
    let mut p = 128;
    let mut previous: Option<BigFloat> = None;
    while p <= SIGN_BITS {
        let v = with_precision(p, |c| evaluate(e, c))??;
        if let Some(before) = previous.filter(|b| !b.is_zero() && !v.is_zero()) {
            let gap = before.sub(&v, p, RM);
            let agree = gap.is_zero() || gap.exponent().zip(v.exponent()).is_some_and(|(g, x)| x - g > 32);
            if agree {
                let less = v.is_negative();
                return Ok(Some(if less { std::cmp::Ordering::Less } else { std::cmp::Ordering::Greater }));
            }
        }
        previous = Some(v);
        p *= 2;
    }
    Ok(None)
}

/// A constant expression as an f64 whose 17 digits two working precisions
/// (p and 2p) agree on, trying precisions up to `max_bits` only: `Ok(None)` when that
/// does not settle it (a bounded evaluation, for numeric evidence).
pub fn value_within(e: &Expr, max_bits: usize) -> Result<Option<f64>, DomainError> {
    // Precisions twice apart: a cancellation that wipes out everything at
    // p bits (cos(10⁻⁴⁰) rounding to 1) shows at 2p, where 64 more bits
    // would agree on the same wrong answer.
    let value = |p| rounded_all(&[e], p, 17).pop().unwrap_or_else(|| Err(domain("nothing to evaluate")));
    let mut p = 128;
    let mut low = value(p)?;
    while 2 * p <= max_bits {
        let high = value(2 * p)?;
        if low == high {
            return Ok(high.parse().ok());
        }
        (low, p) = (high, 2 * p);
    }
    Ok(None)
}

/// A constant expression as the nearest f64 (17 correct digits are enough
/// to pick it).
pub fn value(e: &Expr) -> Result<f64, DomainError> {
    let text = digits(e, 17)?;
    text.parse().map_err(|_| domain(format!("{text} is not a number")))
}

/// `e` (a constant expression) to `digits` significant digits, every one
/// of them right: exactly when `e` is rational, otherwise by Ziv's loop.
pub fn digits(e: &Expr, digits: u32) -> Result<String, DomainError> {
    let key = (e.clone(), digits);
    if let Some(hit) = DIGITS.with(|c| c.borrow().get(&key).cloned()) {
        return Ok(hit);
    }
    let result = digits_of_all(std::slice::from_ref(e), digits)
        .pop()
        .unwrap_or_else(|| Err(domain("nothing to evaluate")));
    if let Ok(text) = &result {
        DIGITS.with(|c| {
            let mut c = c.borrow_mut();
            if c.len() >= DIGITS_CACHED {
                c.clear();
            }
            c.insert(key, text.clone());
        });
    }
    result
}

/// Recent answers of `digits`: one answer is often shown twice (the slope
/// beside its value, and again in the tangent line).
const DIGITS_CACHED: usize = 256;

thread_local! {
    static DIGITS: std::cell::RefCell<HashMap<(Expr, u32), String>> = std::cell::RefCell::new(HashMap::new());
}

/// `digits` for several expressions at once, sharing the evaluation of
/// common subexpressions (every row of the slope table contains f(a)).
pub fn digits_of_all(exprs: &[Expr], digits: u32) -> Vec<Result<String, DomainError>> {
    let mut results: Vec<Option<Result<String, DomainError>>> =
        exprs.iter().map(|e| e.as_num().map(|q| Ok(number::round_decimal(&q, digits)))).collect();
    let mut p = digits as usize * 4 + 64;
    while results.iter().any(Option::is_none) {
        let open: Vec<usize> = (0..exprs.len()).filter(|&i| results[i].is_none()).collect();
        let pending: Vec<&Expr> = open.iter().map(|&i| &exprs[i]).collect();
        let low = rounded_all(&pending, p, digits);
        // One more 64-bit word: enough to expose a rounding that the
        // lower precision got wrong, at a third of the cost of doubling.
        let high = rounded_all(&pending, p + 64, digits);
        for ((i, l), h) in open.into_iter().zip(low).zip(high) {
            match (l, h) {
                // Zero at both precisions may be total cancellation
                // (sigmoid(1e-192) - 1/2 at 144 bits): look closer.
                (Ok(l), Ok(h)) if l == "0" && h == "0" && p <= ZERO_BITS => {}
                // Two precisions that disagree far below their rounding
                // error are noise around 0 (an exact 0 not known to be 0):
                // look closer, up to a bound; past it 0 is all that can be said.
                (Ok(l), Ok(h)) if l != h && near_zero(&l, p) && near_zero(&h, p) => {
                    if p > ZERO_BITS {
                        results[i] = Some(Ok("0".into()));
                    }
                }
                (Ok(l), Ok(h)) if l != h && p <= MAX_BITS => {}
                (_, h) => results[i] = Some(h),
            }
        }
        p *= 2;
    }
    results.into_iter().flatten().collect()
}

/// A decimal so small that it is within the rounding error of a
/// cancellation at `p` bits (2^(−p/2) and below), or 0.
fn near_zero(decimal: &str, p: usize) -> bool {
    if decimal == "0" {
        return true;
    }
    let exponent = decimal.split_once('e').and_then(|(_, e)| e.parse::<i64>().ok()).unwrap_or(0);
    exponent < -((p as f64 / 2.0 * std::f64::consts::LOG10_2) as i64)
}

fn rounded_all(exprs: &[&Expr], p: usize, digits: u32) -> Vec<Result<String, DomainError>> {
    let run = with_precision(p, |c| {
        let mut memo = HashMap::new();
        exprs
            .iter()
            .map(|e| {
                c.underflowed = false;
                let v = eval(e, c, &mut memo)?;
                if v.is_zero() && c.underflowed {
                    return Err(underflow());
                }
                to_decimal(&v, c, digits)
            })
            .collect::<Vec<_>>()
    });
    match run {
        Ok(all) => all,
        Err(e) => exprs.iter().map(|_| Err(e.clone())).collect(),
    }
}

/// Binary exponents past which a value is scaled by a power of ten before
/// it becomes a rational (exp(10^6) has 1.4 million bits of exponent).
const EXACT_EXPONENT: i32 = 4000;

thread_local! {
    /// The constants cache is costly to build and valid at every precision.
    static CONSTS: std::cell::RefCell<Option<Consts>> = const { std::cell::RefCell::new(None) };
}

/// Run `work` at precision `p` with the thread's constants cache.
fn with_precision<T>(p: usize, work: impl FnOnce(&mut Precision) -> T) -> Result<T, DomainError> {
    let cached = CONSTS.with(|c| c.borrow_mut().take());
    let cc = match cached {
        Some(cc) => cc,
        None => Consts::new().map_err(|_| domain("out of memory"))?,
    };
    let mut c = Precision { p, cc, underflowed: false };
    let result = work(&mut c);
    CONSTS.with(|slot| *slot.borrow_mut() = Some(c.cc));
    Ok(result)
}

/// A float's value correctly rounded to `digits` significant digits.
fn to_decimal(v: &BigFloat, c: &mut Precision, digits: u32) -> Result<String, DomainError> {
    let p = c.p;
    let too_large = || domain("the value is too large");
    let exponent = v.exponent().unwrap_or(0);
    if exponent.abs() <= EXACT_EXPONENT {
        return Ok(number::round_decimal(&to_rational(v).ok_or_else(too_large)?, digits));
    }
    // |v| = y·10^k with y near 1: only y becomes a rational.
    let log10 = v.abs().log10(p, RM, &mut c.cc);
    let k = to_rational(&log10).ok_or_else(too_large)?.floor();
    let k = i64::try_from(k).map_err(|_| too_large())?;
    let ten_k = c.int(10).powi(k.unsigned_abs() as usize, p, RM);
    let y = if k < 0 { v.mul(&ten_k, p, RM) } else { v.div(&ten_k, p, RM) };
    Ok(number::round_decimal_scaled(&to_rational(&y).ok_or_else(too_large)?, k, digits))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::parse::parse;

    fn d(s: &str, n: u32) -> String {
        digits(&parse(s).unwrap(), n).unwrap()
    }

    #[test]
    fn known_constants() {
        assert_eq!(d("pi", 30), "3.14159265358979323846264338328");
        assert_eq!(d("e", 20), "2.7182818284590452354");
        assert_eq!(d("sqrt(2)", 20), "1.4142135623730950488");
        assert_eq!(d("1/3", 5), "0.33333");
        assert_eq!(d("sin(1)", 20), "0.84147098480789650665");
        assert_eq!(d("(-8)^(1/3)", 5), "-2");
        assert_eq!(d("erf(1)", 20), "0.84270079294971486934");
        assert_eq!(d("erf(-3)", 15), "-0.999977909503001");
        assert_eq!(d("2^100 * sqrt(2)", 12), "1.79272867119e30");
        assert_eq!(d("exp(10^6)", 6), "3.03322e434294");
        assert_eq!(d("exp(-10^6)", 6), "3.29683e-434295");
    }

    #[test]
    fn cancellation_is_resolved() {
        // (exp(1 + 1e-15) - e)/1e-15 = e·(1 + h/2 + …) ≈ 2.718281828459046
        assert_eq!(d("(exp(1 + 10^-15) - e)/10^-15", 16), "2.718281828459047");
    }

    #[test]
    fn domain_errors() {
        assert!(digits(&parse("ln(-1)").unwrap(), 5).unwrap_err().message.contains("ln"));
        assert!(digits(&parse("sqrt(-2)").unwrap(), 5).is_err());
    }
}
