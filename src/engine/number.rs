//! Exact rational numbers (dashu's `RBig`) and the few operations the
//! simplifier needs on them, each bounded by a size cap so that inputs such
//! as `2^(2^64)` stay symbolic instead of trying to build the number.

use dashu_int::ops::{BitTest, UnsignedAbs};
use dashu_int::{IBig, Sign, UBig};
use dashu_ratio::RBig;
use std::borrow::Cow;
use std::cmp::Ordering;
use std::hash::{Hash, Hasher};
use std::num::NonZeroU64;

/// An exact rational number.
pub type Rational = RBig;

/// A number as an expression node holds it: a reduced fraction of machine
/// words inline (nearly every number: no allocation and no pointer to
/// follow), anything larger boxed. 16 bytes either way, so the node's kind
/// stays 24. A value has one form only: `Small` exactly when both parts fit.
#[derive(Debug)]
pub enum Compact {
    Small { num: i64, den: NonZeroU64 },
    Big(Box<Rational>),
}

impl Compact {
    pub fn new(q: Rational) -> Compact {
        match (i64::try_from(q.numerator()), u64::try_from(q.denominator())) {
            (Ok(num), Ok(den)) => {
                Compact::Small { num, den: NonZeroU64::new(den).unwrap_or(NonZeroU64::MIN) }
            }
            _ => Compact::Big(Box::new(q)),
        }
    }

    pub fn int(n: i64) -> Compact {
        Compact::Small { num: n, den: NonZeroU64::MIN }
    }

    /// The value: built on the stack from the inline form (dashu keeps a
    /// number of two words or fewer without allocating), borrowed when boxed.
    pub fn value(&self) -> Cow<'_, Rational> {
        match self {
            Compact::Small { num, den } if den.get() == 1 => Cow::Owned(Rational::from(*num)),
            Compact::Small { num, den } => {
                let sign = if *num < 0 { Sign::Negative } else { Sign::Positive };
                Cow::Owned(Rational::from_parts_const(sign, num.unsigned_abs().into(), den.get().into()))
            }
            Compact::Big(q) => Cow::Borrowed(q),
        }
    }

    /// The numerator, when the value is a machine-sized integer.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Compact::Small { num, den } if den.get() == 1 => Some(*num),
            _ => None,
        }
    }

    pub fn is_zero(&self) -> bool {
        self.as_i64() == Some(0)
    }

    pub fn is_one(&self) -> bool {
        self.as_i64() == Some(1)
    }

    pub fn is_negative(&self) -> bool {
        match self {
            Compact::Small { num, .. } => *num < 0,
            Compact::Big(q) => is_negative(q),
        }
    }

    pub fn is_positive(&self) -> bool {
        !self.is_negative() && !self.is_zero()
    }

    pub fn is_integer(&self) -> bool {
        match self {
            Compact::Small { den, .. } => den.get() == 1,
            Compact::Big(q) => q.is_int(),
        }
    }

    pub fn to_f64(&self) -> f64 {
        match self {
            Compact::Small { num, den } => {
                to_f64_parts(*num, den.get()).unwrap_or_else(|| to_f64(&self.value()))
            }
            Compact::Big(q) => to_f64(q),
        }
    }

    /// Equal values hash alike: a value has one form, and each form hashes
    /// its own parts (the inline ones without touching bytes).
    pub fn hash_into<H: Hasher>(&self, state: &mut H) {
        match self {
            Compact::Small { num, den } => {
                state.write_i64(*num);
                state.write_u64(den.get());
            }
            Compact::Big(q) => {
                q.numerator().hash(state);
                q.denominator().hash(state);
            }
        }
    }
}

impl PartialEq for Compact {
    fn eq(&self, other: &Compact) -> bool {
        match (self, other) {
            (Compact::Small { num: a, den: b }, Compact::Small { num: c, den: d }) => a == c && b == d,
            (Compact::Big(x), Compact::Big(y)) => x == y,
            // One value, one form.
            _ => false,
        }
    }
}

impl Eq for Compact {}

impl Ord for Compact {
    fn cmp(&self, other: &Compact) -> Ordering {
        match (self, other) {
            // a/b against c/d is a·d against c·b, exact in 128 bits.
            (Compact::Small { num: a, den: b }, Compact::Small { num: c, den: d }) => {
                (i128::from(*a) * i128::from(d.get())).cmp(&(i128::from(*c) * i128::from(b.get())))
            }
            _ => self.value().cmp(&other.value()),
        }
    }
}

impl PartialOrd for Compact {
    fn partial_cmp(&self, other: &Compact) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Largest number of bits a numerator or denominator may reach by folding.
/// Past this, powers stay symbolic (DESIGN.md §6).
pub const MAX_BITS: usize = 1 << 16;

pub fn int(n: i64) -> Rational {
    Rational::from(n)
}

pub fn ratio(n: i64, d: i64) -> Rational {
    Rational::from_parts_signed(IBig::from(n), IBig::from(d))
}

/// `acc += q`. Integers (most coefficients) add their numerators directly:
/// the general sum cross-multiplies and reduces by a gcd.
pub fn add_to(acc: &mut Rational, q: &Rational) {
    if acc.is_int() && q.is_int() {
        *acc = Rational::from(acc.numerator() + q.numerator());
    } else {
        *acc += q;
    }
}

/// `acc *= q`, integers multiplied directly (no gcd reductions).
pub fn mul_to(acc: &mut Rational, q: &Rational) {
    if acc.is_int() && q.is_int() {
        *acc = Rational::from(acc.numerator() * q.numerator());
    } else {
        *acc *= q;
    }
}

/// `acc += q` for a node's number: a machine integer is added without
/// building a rational for it.
pub fn add_compact(acc: &mut Rational, q: &Compact) {
    match q.as_i64() {
        Some(0) => {}
        Some(n) if acc.is_int() => *acc = Rational::from(acc.numerator() + IBig::from(n)),
        _ => add_to(acc, &q.value()),
    }
}

/// `acc *= q` for a node's number, as `add_compact`.
pub fn mul_compact(acc: &mut Rational, q: &Compact) {
    match q.as_i64() {
        Some(1) => {}
        Some(n) if acc.is_int() => *acc = Rational::from(acc.numerator() * IBig::from(n)),
        _ => mul_to(acc, &q.value()),
    }
}

pub fn is_negative(q: &Rational) -> bool {
    q.numerator() < &IBig::ZERO
}

pub fn is_integer(q: &Rational) -> bool {
    q.is_int()
}

/// The value as a machine integer, when it is one and fits.
pub fn to_i64(q: &Rational) -> Option<i64> {
    if !q.is_int() {
        return None;
    }
    i64::try_from(q.numerator().clone()).ok()
}

pub fn to_f64(q: &Rational) -> f64 {
    // Machine-sized numerators and denominators skip the correctly rounded
    // (and slower) general conversion; both are exact below 2^53.
    if let (Ok(n), Ok(d)) = (i64::try_from(q.numerator()), u64::try_from(q.denominator()))
        && let Some(v) = to_f64_parts(n, d)
    {
        return v;
    }
    q.to_f64().value()
}

/// `n/d` when both are exact as doubles (below 2^53), so that the one
/// division rounds correctly.
fn to_f64_parts(n: i64, d: u64) -> Option<f64> {
    const EXACT: u64 = 1 << 53;
    (n.unsigned_abs() < EXACT && d < EXACT).then(|| n as f64 / d as f64)
}

/// Bits in numerator plus denominator: the cost of a number.
pub fn bits(q: &Rational) -> usize {
    q.numerator().unsigned_abs().bit_len() + q.denominator().bit_len()
}

/// `q^n` for an integer `n`, or `None` when the result would pass the cap
/// or divide by zero.
pub fn pow_int(q: &Rational, n: i64) -> Option<Rational> {
    if q.is_zero() && n < 0 {
        return None;
    }
    let estimate = bits(q).max(1).checked_mul(n.unsigned_abs() as usize)?;
    // A reciprocal never grows, and must fold (1/M with M past the cap left
    // as a power printed in a different order once read back).
    if estimate > MAX_BITS && n.unsigned_abs() > 1 && !q.is_one() && *q != Rational::NEG_ONE {
        return None;
    }
    Some(q.pow(isize::try_from(n).ok()?))
}

/// The exact real `k`-th root of `q`, when it is rational (`-8` → `-2` for
/// odd `k`); `None` for irrational roots and even roots of negatives.
pub fn exact_root(q: &Rational, k: usize) -> Option<Rational> {
    if k == 0 || (is_negative(q) && k.is_multiple_of(2)) {
        return None;
    }
    // A k-th root r ≥ 2 has r^k ≥ 2^k: past the bit length only 0 and 1
    // are k-th powers (and nth_root for a large k is slow).
    let too_deep = |n: &UBig| n > &UBig::ONE && n.bit_len() < k;
    if too_deep(&q.numerator().unsigned_abs()) || too_deep(q.denominator()) {
        return None;
    }
    let num = small_root(&q.numerator().unsigned_abs(), k)
        .unwrap_or_else(|| Some(q.numerator().unsigned_abs().nth_root(k)))?;
    let den = small_root(q.denominator(), k).unwrap_or_else(|| Some(q.denominator().nth_root(k)))?;
    let back_num = num.pow(k);
    let back_den = den.pow(k);
    let num = if is_negative(q) { -IBig::from(num) } else { IBig::from(num) };
    (back_num == q.numerator().unsigned_abs() && &back_den == q.denominator())
        .then(|| Rational::from_parts(num, den))
}

/// The k-th root of n when it is below 2^50, from its logarithm: `Some(None)`
/// when n is no k-th power (the root is not near an integer), `None` when
/// the root is too large to judge this way (dashu's nth_root is slow for a
/// large k, and most roots asked for are not exact).
fn small_root(n: &UBig, k: usize) -> Option<Option<UBig>> {
    let bits = n.bit_len();
    let top = bits.saturating_sub(53);
    let log2 = top as f64 + (n >> top).to_f64().value().log2();
    let root_log2 = log2 / k as f64;
    if root_log2 >= 50.0 {
        return None;
    }
    let root = root_log2.exp2();
    let nearest = root.round();
    if (root - nearest).abs() > 1e-6 * root.max(1.0) {
        return Some(None);
    }
    Some(Some(UBig::from(nearest as u64)))
}

/// `n = a^k·m` with the k-th powers of small factors (up to 1000) taken
/// out: `(a, m)`. Bounded work; a large repeated prime may stay inside.
pub fn take_powers(n: u128, k: u32) -> (u128, u128) {
    let (mut outside, mut inside) = (1u128, n);
    for i in 2..=1000u128 {
        let Some(power) = i.checked_pow(k) else { break };
        if power > inside {
            break;
        }
        while inside.is_multiple_of(power) {
            inside /= power;
            outside *= i;
        }
    }
    (outside, inside)
}

/// The largest e > 1 with n = m^e for a whole number n ≥ 2, and m.
pub fn perfect_power(n: &Rational) -> Option<(Rational, usize)> {
    if !is_integer(n) || n <= &Rational::ONE || bits(n) > 256 {
        return None;
    }
    // Prime exponents only, then the root itself: n = m^p, m = a^e gives
    // n = a^(e·p). 54 roots at most instead of one per bit.
    let (m, p) = (2..=bits(n)).filter(|k| is_prime(*k)).find_map(|p| exact_root(n, p).map(|m| (m, p)))?;
    Some(match perfect_power(&m) {
        Some((a, e)) => (a, e * p),
        None => (m, p),
    })
}

fn is_prime(k: usize) -> bool {
    k >= 2 && (2..).take_while(|d| d * d <= k).all(|d| !k.is_multiple_of(d))
}

/// Exact decimal text for a rational with a terminating expansion
/// (denominator of the form 2^a·5^b), else `None`.
pub fn terminating_decimal(q: &Rational) -> Option<String> {
    let mut den = q.denominator().clone();
    let (mut twos, mut fives) = (0usize, 0usize);
    let two = UBig::from(2u8);
    let five = UBig::from(5u8);
    while (&den % &two).is_zero() {
        den /= &two;
        twos += 1;
    }
    while (&den % &five).is_zero() {
        den /= &five;
        fives += 1;
    }
    if !den.is_one() || twos.max(fives) > 60 {
        return None;
    }
    let places = twos.max(fives);
    let scaled = q * Rational::from(IBig::from(10u8).pow(places));
    let digits = scaled.numerator().unsigned_abs().to_string();
    let sign = if is_negative(q) { "-" } else { "" };
    if places == 0 {
        return Some(format!("{sign}{digits}"));
    }
    let padded = format!("{digits:0>width$}", width = places + 1);
    let (whole, frac) = padded.split_at(padded.len() - places);
    Some(format!("{sign}{whole}.{frac}"))
}

/// Parse decimal or scientific text (`0.25`, `1e-3`, `2.5E4`) exactly.
/// `None` when the exponent is absurdly large (the size cap).
pub fn parse_decimal(text: &str) -> Option<Rational> {
    if text.len() <= 18 && text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse::<i64>().ok().map(Rational::from);
    }
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], text[i + 1..].parse::<i64>().ok()?),
        None => (text, 0),
    };
    let (whole, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits: String = format!("{whole}{frac}");
    let scale = exponent.checked_sub(frac.len() as i64)?;
    // Only the exponent is capped: `1e99999999` is absurdly large from a short
    // text, while a long run of digits costs no more than its own text (and
    // every number dcalc prints must read back in).
    if scale.unsigned_abs() as usize > MAX_BITS / 4 {
        return None;
    }
    let n: IBig = digits.parse().ok()?;
    let ten = Rational::from(10);
    Some(Rational::from(n) * ten.pow(scale as isize))
}

/// `q` correctly rounded (half to even) to `digits` significant decimal
/// digits, trailing zeros trimmed: positional between 1e-5 and 1e15,
/// scientific (`1.5e20`) outside.
/// An approximate value, correctly rounded to 15 significant digits.
pub fn shortest(v: f64) -> String {
    match from_f64(v) {
        Some(q) => round_decimal(&q, 15),
        None if v.is_nan() => "nan".into(),
        None => (if v > 0.0 { "inf" } else { "-inf" }).into(),
    }
}

pub fn round_decimal(q: &Rational, digits: u32) -> String {
    round_decimal_scaled(q, 0, digits)
}

/// Like `round_decimal`, for the value `q`·10^`scale` (so that huge and
/// tiny values need no huge power of ten).
pub fn round_decimal_scaled(q: &Rational, scale: i64, digits: u32) -> String {
    if q.is_zero() {
        return "0".to_string();
    }
    let sign = if is_negative(q) { "-" } else { "" };
    let a = if is_negative(q) { -q.clone() } else { q.clone() };
    // e = floor(log10(a)), estimated from bit lengths and then corrected.
    let estimate = (a.numerator().unsigned_abs().bit_len() as f64 - a.denominator().bit_len() as f64)
        * std::f64::consts::LOG10_2;
    let mut e = estimate.floor() as i64;
    let ten = Rational::from(10);
    while a >= ten.pow(e as isize + 1) {
        e += 1;
    }
    while a < ten.pow(e as isize) {
        e -= 1;
    }
    let shift = digits as i64 - 1 - e;
    let scaled = &a * ten.pow(shift as isize);
    let mut n = round_half_even(&scaled);
    if n == IBig::from(10u8).pow(digits as usize) {
        n /= IBig::from(10u8);
        e += 1;
    }
    let text = n.to_string();
    format!("{sign}{}", place_point(&text, e + scale))
}

fn round_half_even(q: &Rational) -> IBig {
    let floor = q.floor();
    let frac = q - Rational::from(floor.clone());
    let half = ratio(1, 2);
    if frac > half || (frac == half && (&floor % 2i32) != 0) { floor + IBig::ONE } else { floor }
}

/// Digits `d1 d2 …` of a number whose first digit has weight 10^e.
fn place_point(digits: &str, e: i64) -> String {
    let trimmed = digits.trim_end_matches('0');
    let trimmed = if trimmed.is_empty() { "0" } else { trimmed };
    if (-5..15).contains(&e) {
        if e < 0 {
            format!("0.{}{trimmed}", "0".repeat((-e - 1) as usize))
        } else {
            let whole_len = e as usize + 1;
            if trimmed.len() <= whole_len {
                format!("{trimmed}{}", "0".repeat(whole_len - trimmed.len()))
            } else {
                format!("{}.{}", &trimmed[..whole_len], &trimmed[whole_len..])
            }
        }
    } else {
        let (first, rest) = trimmed.split_at(1);
        let mantissa = if rest.is_empty() { first.to_string() } else { format!("{first}.{rest}") };
        format!("{mantissa}e{e}")
    }
}

/// The exact value of a finite f64.
pub fn from_f64(v: f64) -> Option<Rational> {
    Rational::try_from(v).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_input_is_exact() {
        assert_eq!(parse_decimal("0.1"), Some(ratio(1, 10)));
        assert_eq!(parse_decimal("2.5E4"), Some(int(25000)));
        assert_eq!(parse_decimal("1e-3"), Some(ratio(1, 1000)));
        assert_eq!(parse_decimal("1e999999999999"), None);
    }

    #[test]
    fn roots_are_exact_or_absent() {
        assert_eq!(exact_root(&int(-8), 3), Some(int(-2)));
        assert_eq!(exact_root(&ratio(4, 9), 2), Some(ratio(2, 3)));
        assert_eq!(exact_root(&int(2), 2), None);
        assert_eq!(exact_root(&int(-4), 2), None);
        assert_eq!(take_powers(72, 2), (6, 2));
        assert_eq!(take_powers(16, 3), (2, 2));
        assert_eq!(take_powers(7, 2), (1, 7));
        assert_eq!(perfect_power(&int(8)), Some((int(2), 3)));
        assert_eq!(perfect_power(&int(36)), Some((int(6), 2)));
        assert_eq!(perfect_power(&int(12)), None);
        // The whole exponent, through prime roots of roots (3^135 = (3^27)^5 = …).
        let big = |b: i64, e: usize| pow_int(&int(b), e as i64).unwrap();
        assert_eq!(perfect_power(&big(3, 135)), Some((int(3), 135)));
        assert_eq!(perfect_power(&big(6, 64)), Some((int(6), 64)));
        assert_eq!(perfect_power(&(big(7, 30) + int(1))), None);
    }

    #[test]
    fn powers_respect_the_cap() {
        assert_eq!(pow_int(&int(2), 10), Some(int(1024)));
        assert_eq!(pow_int(&int(2), 1 << 40), None);
        assert_eq!(pow_int(&int(0), -1), None);
        assert_eq!(pow_int(&int(-1), i64::MAX), Some(int(-1)));
    }

    #[test]
    fn rounding_to_significant_digits() {
        assert_eq!(round_decimal(&ratio(1, 3), 5), "0.33333");
        assert_eq!(round_decimal(&ratio(2, 3), 3), "0.667");
        assert_eq!(round_decimal(&int(6), 15), "6");
        assert_eq!(round_decimal(&ratio(6001, 1000), 15), "6.001");
        assert_eq!(round_decimal(&ratio(-25, 10), 1), "-2");
        assert_eq!(round_decimal(&ratio(35, 10), 1), "4");
        assert_eq!(round_decimal(&ratio(9999, 1000), 3), "10");
        assert_eq!(round_decimal(&ratio(1, 100_000_000), 3), "1e-8");
        assert_eq!(round_decimal(&int(12345), 2), "12000");
        assert_eq!(round_decimal(&from_f64(0.1).unwrap(), 17), "0.10000000000000001");
    }

    #[test]
    fn compact_numbers_keep_their_value_order_and_hash() {
        let hash = |c: &Compact| {
            let mut h = std::hash::DefaultHasher::new();
            c.hash_into(&mut h);
            h.finish()
        };
        let big = pow_int(&int(3), 50).unwrap();
        let values = [
            int(0),
            int(1),
            int(-1),
            ratio(-7, 3),
            ratio(1, 2),
            int(i64::MAX),
            int(i64::MIN),
            ratio(i64::MAX, 3),
            Rational::from_parts(IBig::ONE, UBig::from(u64::MAX)),
            &big + int(1),
            -big.clone(),
            ratio(1, 3) / &big,
            // The same values again, reached another way.
            ratio(-14, 6),
            ratio(2, 4),
            int(3) * &big / int(3) + int(1),
            ratio(i64::MAX - 1, 2) * int(2) + int(1),
        ];
        for a in &values {
            let c = Compact::new(a.clone());
            assert_eq!(*c.value(), *a);
            assert_eq!(matches!(c, Compact::Small { .. }), to_small(a));
            assert_eq!(c.is_zero(), a.is_zero());
            assert_eq!(c.is_positive(), *a > Rational::ZERO);
            assert_eq!(c.is_one(), a.is_one());
            assert_eq!(c.is_negative(), is_negative(a));
            assert_eq!(c.is_integer(), a.is_int());
            assert_eq!(c.as_i64(), to_i64(a));
            for b in &values {
                let d = Compact::new(b.clone());
                assert_eq!(c.cmp(&d), a.cmp(b), "{a} against {b}");
                assert_eq!(c == d, a == b);
                if a == b {
                    assert_eq!(hash(&c), hash(&d), "{a} hashes alike both ways");
                }
            }
        }
        assert_eq!(std::mem::size_of::<Compact>(), 16);
    }

    fn to_small(q: &Rational) -> bool {
        i64::try_from(q.numerator()).is_ok() && u64::try_from(q.denominator()).is_ok()
    }

    #[test]
    fn terminating_decimals() {
        assert_eq!(terminating_decimal(&ratio(1, 4)).as_deref(), Some("0.25"));
        assert_eq!(terminating_decimal(&ratio(-61, 10)).as_deref(), Some("-6.1"));
        assert_eq!(terminating_decimal(&ratio(1, 3)), None);
    }
}
