//! Canonicalising constructors: the only way expressions are built, so the
//! simplifier runs as a side effect of construction and every expression is
//! in one normal form: n-ary sums and products (flattened, like terms and
//! like factors combined, numbers folded exactly), subtraction as adding a
//! negative, division as a negative power. Each constructor does one
//! linear pass over its operands (plus a sort), never a quadratic one.

use crate::engine::expr::{Constant, Expr, Kind, Logic, Rel, canonical_cmp, sort_canonically};
use crate::engine::functions::Function;
use crate::engine::number::{self, Compact, Rational};
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;

/// Small integers are built once per thread and shared, ahead of the paged
/// table below: 0, 1 and -1 are asked for at nearly every node, and this
/// plain index is 2-5% of the diff kernel faster than the table alone.
const CACHED_INTS: std::ops::RangeInclusive<i64> = -16..=16;

/// Integers up to this size are interned too, in a table indexed by
/// value (no hashing: a sum of 100,000 terms looks one up per number): a
/// sum's coefficients and exponents (`5*x^5`, its derivative `25*x^4`)
/// repeat, and one shared node is a third of the memory of three.
const INTERNED_INTS: i64 = 1 << 16;

/// Interned integers per page of the table.
const INT_PAGE: usize = 4096;

/// One page of interned integers, each made when first met.
type IntPage = Box<[Option<Expr>]>;

thread_local! {
    static INTS: Vec<Expr> = CACHED_INTS.map(|n| Expr::new(Kind::Num(Compact::int(n)))).collect();
    static MORE_INTS: std::cell::RefCell<Vec<Option<IntPage>>> = const { std::cell::RefCell::new(Vec::new()) };
    static VARS: std::cell::RefCell<Names> =
        std::cell::RefCell::new(Names { all: HashMap::new(), recent: [const { None }; RECENT_NAMES] });
}

pub fn constant(q: Rational) -> Expr {
    match number::to_i64(&q) {
        Some(n) => int(n),
        None => Expr::new(Kind::Num(Compact::new(q))),
    }
}

/// The shared node of the integer `n`.
pub fn int(n: i64) -> Expr {
    if CACHED_INTS.contains(&n) {
        return INTS.with(|ints| ints[(n - CACHED_INTS.start()) as usize].clone());
    }
    if n.unsigned_abs() > INTERNED_INTS as u64 {
        return Expr::new(Kind::Num(Compact::int(n)));
    }
    // 0, -1, 1, -2, 2, … in turn, in pages made as they are first needed:
    // a small input never pays for a large table, and a page once made
    // never moves.
    let slot = ((n << 1) ^ (n >> 63)) as usize;
    let (page, at) = (slot / INT_PAGE, slot % INT_PAGE);
    MORE_INTS.with(|pages| {
        let mut pages = pages.borrow_mut();
        if page >= pages.len() {
            pages.resize_with(page + 1, || None);
        }
        let ints = pages[page].get_or_insert_with(|| vec![None; INT_PAGE].into_boxed_slice());
        ints[at].get_or_insert_with(|| Expr::new(Kind::Num(Compact::int(n)))).clone()
    })
}

pub fn ratio(n: i64, d: i64) -> Expr {
    constant(number::ratio(n, d))
}

/// Variables are interned, so equal names are one shared node and
/// comparing them is a pointer comparison.
pub fn var(name: &str) -> Expr {
    VARS.with(|vars| {
        let mut vars = vars.borrow_mut();
        // Names recur (x, y, z in every term): a slot chosen by the name's
        // first byte and length answers most lookups without hashing it
        // (the map's hasher resists crafted input, and costs for it).
        let slot = name.bytes().next().map_or(0, |b| (usize::from(b) ^ name.len()) % RECENT_NAMES);
        if let Some(v) = &vars.recent[slot]
            && matches!(v.kind(), Kind::Var(n) if **n == *name)
        {
            return v.clone();
        }
        let v = match vars.all.get(name) {
            Some(v) => v.clone(),
            None => {
                let v = Expr::new(Kind::Var(Rc::from(name)));
                if let Kind::Var(key) = v.kind() {
                    vars.all.insert(key.clone(), v.clone());
                }
                v
            }
        };
        vars.recent[slot] = Some(v.clone());
        v
    })
}

/// Slots for recently read names.
const RECENT_NAMES: usize = 32;

/// The interned variables: every one by name, and the recent ones by slot.
struct Names {
    all: HashMap<Rc<str>, Expr>,
    recent: [Option<Expr>; RECENT_NAMES],
}

pub fn named(c: Constant) -> Expr {
    Expr::new(Kind::Const(c))
}

pub fn neg(e: &Expr) -> Expr {
    mul(vec![int(-1), e.clone()])
}

pub fn sub(a: &Expr, b: &Expr) -> Expr {
    add(vec![a.clone(), neg(b)])
}

pub fn div(a: &Expr, b: &Expr) -> Expr {
    mul(vec![a.clone(), pow(b, &int(-1))])
}

/// `q * rest` for a `rest` already in normal form without a coefficient.
fn scale(q: Rational, rest: Expr) -> Expr {
    if q.is_one() {
        return rest;
    }
    let mut items = vec![constant(q)];
    match rest.kind() {
        Kind::Mul(factors) => items.extend(factors.iter().cloned()),
        _ => items.push(rest),
    }
    Expr::new(Kind::Mul(items.into()))
}

pub fn add(terms: Vec<Expr>) -> Expr {
    // Two numbers (an exponent lowered by the power rule): no grouping.
    if let [a, b] = terms.as_slice()
        && let (Some(a), Some(b)) = (a.as_compact(), b.as_compact())
    {
        if let (Some(m), Some(n)) = (a.as_i64(), b.as_i64())
            && let Some(sum) = m.checked_add(n)
        {
            return int(sum);
        }
        let mut sum = a.value().into_owned();
        number::add_compact(&mut sum, b);
        return constant(sum);
    }
    if let Some(undefined) = terms.iter().find(|t| is_undefined(t)) {
        return undefined.clone();
    }
    let mut number = number::int(0);
    // Sized by the flattened count: add(vec![long_sum, x]) is a long sum.
    let flat = flat_len(&terms, |e| match e {
        Kind::Add(inner) => Some(inner.len()),
        _ => None,
    });
    // A term's coefficient is only summed when like terms meet (boxed: most
    // never do, and a group is then a third of the size); otherwise the
    // term is kept as it came, with no new node.
    let mut groups: Groups<Term, Option<Box<Rational>>> = Groups::with_capacity(flat);
    let mut collect = |t: &Expr| match t.kind() {
        Kind::Num(q) => number::add_compact(&mut number, q),
        _ => {
            let (first, sum, new) = groups.entry_with_key(Term::new(t), None);
            if !new {
                let total = sum.get_or_insert_with(|| Box::new(coefficient_of(&first.0)));
                number::add_to(total, &coefficient_of(t));
            }
        }
    };
    for t in &terms {
        match t.kind() {
            Kind::Add(inner) => inner.iter().for_each(&mut collect),
            _ => collect(t),
        }
    }
    // Sized once, the number first: no regrowth, and no reallocation when
    // the vector becomes the node's slice.
    let has_number = !number.is_zero();
    let mut items: Vec<Expr> = Vec::with_capacity(groups.entries.len() + usize::from(has_number));
    if has_number {
        items.push(constant(number));
    }
    items.extend(groups.into_entries().filter_map(|(key, q)| match q {
        Some(q) if q.is_zero() => None,
        Some(q) if *q == coefficient_of(&key.0) => Some(key.0),
        Some(q) => Some(scale(*q, key.rest_expr())),
        None => Some(key.0),
    }));
    sort_canonically(&mut items, usize::from(has_number));
    match items.len() {
        0 => int(0),
        1 => items.pop().unwrap_or_else(|| int(0)),
        _ => Expr::new(Kind::Add(items.into())),
    }
}

/// How many items a sum or product has once its nested sums (products)
/// are opened: what sizes its groups.
fn flat_len(items: &[Expr], inner: impl Fn(&Kind) -> Option<usize>) -> usize {
    items.iter().map(|e| inner(e.kind()).unwrap_or(1)).sum()
}

fn coefficient_of(e: &Expr) -> Rational {
    match e.kind() {
        Kind::Mul(items) => items[0].as_num().map(|q| q.into_owned()).unwrap_or(Rational::ONE),
        _ => Rational::ONE,
    }
}

/// A term compared and hashed by everything but its numeric coefficient,
/// so `3*x*y` and `x*y` are like terms, without building `x*y`.
#[derive(Clone)]
struct Term(Expr, u64);

impl Term {
    fn new(e: &Expr) -> Term {
        let hash = match Term::rest_of(e) {
            [one] => one.structural_hash(),
            many => many.iter().fold(5u64, |h, f| h.rotate_left(5) ^ f.structural_hash()),
        };
        Term(e.clone(), hash)
    }

    fn rest_of(e: &Expr) -> &[Expr] {
        match e.kind() {
            Kind::Mul(items) if items[0].is_num() => &items[1..],
            Kind::Mul(items) => items,
            _ => std::slice::from_ref(e),
        }
    }

    fn rest_expr(&self) -> Expr {
        match Term::rest_of(&self.0) {
            [one] => one.clone(),
            many => Expr::new(Kind::Mul(many.into())),
        }
    }
}

impl PartialEq for Term {
    fn eq(&self, other: &Term) -> bool {
        self.1 == other.1 && Term::rest_of(&self.0) == Term::rest_of(&other.0)
    }
}

impl Eq for Term {}

impl std::hash::Hash for Term {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.1);
    }
}

/// Values grouped by expression, in first-seen order: a linear scan while
/// there are few (most sums and products), a hash map past that.
struct Groups<K, V> {
    entries: Vec<(K, V)>,
    index: Option<HashMap<K, usize, BuildHasherDefault<PassThrough>>>,
}

const LINEAR_GROUPS: usize = 12;

impl<K: Clone + Eq + std::hash::Hash, V> Groups<K, V> {
    fn with_capacity(n: usize) -> Groups<K, V> {
        let index = (n > LINEAR_GROUPS).then(|| HashMap::with_capacity_and_hasher(n, Default::default()));
        Groups { entries: Vec::with_capacity(n), index }
    }

    fn entry(&mut self, key: K, default: V) -> &mut V {
        self.entry_with_key(key, default).1
    }

    /// The group's first key, its value, and whether it was just made.
    fn entry_with_key(&mut self, key: K, default: V) -> (&K, &mut V, bool) {
        let found = match &mut self.index {
            Some(index) => match index.entry(key.clone()) {
                Entry::Occupied(slot) => Some(*slot.get()),
                Entry::Vacant(slot) => {
                    slot.insert(self.entries.len());
                    None
                }
            },
            None => self.entries.iter().position(|(k, _)| *k == key),
        };
        let i = found.unwrap_or_else(|| {
            self.entries.push((key, default));
            self.entries.len() - 1
        });
        let (key, value) = &mut self.entries[i];
        (key, value, found.is_none())
    }

    /// Rebuild the index after entries were pushed directly.
    fn reindex(&mut self) {
        if let Some(index) = &mut self.index {
            index.clear();
            for (i, (k, _)) in self.entries.iter().enumerate() {
                index.insert(k.clone(), i);
            }
        }
    }

    fn into_entries(self) -> impl Iterator<Item = (K, V)> {
        self.entries.into_iter()
    }
}

/// Expressions hash themselves (a cached structural hash), so the map
/// only passes that u64 through.
#[derive(Default)]
struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

fn is_even(q: &Rational) -> bool {
    number::is_integer(q) && (q.numerator() % 2i32) == 0
}

/// A product read as a fraction u/v: the factors that depend on `var` and
/// divide (powers with a negative number exponent) make v, as positive
/// powers; every other factor stays in u. `None` when none of them divides.
pub fn as_quotient(factors: &[Expr], var: &str) -> Option<(Expr, Expr)> {
    let divides = |f: &Expr| !f.free_of(var) && matches!(f.kind(), Kind::Pow(_, x) if x.is_negative_number());
    let (under, over): (Vec<Expr>, Vec<Expr>) = factors.iter().cloned().partition(divides);
    if under.is_empty() {
        return None;
    }
    Some((mul(over), mul(under.iter().map(|f| pow(f, &int(-1))).collect())))
}

/// The one undefined form, 1/0.
pub fn is_undefined(e: &Expr) -> bool {
    matches!(e.kind(), Kind::Pow(b, x) if b.is_zero() && x.is_negative_number())
}

/// Split a factor into base and exponent (`x^2` → (x, 2), `x` → (x, 1)).
fn base_exponent(e: &Expr) -> (Expr, Expr) {
    match e.kind() {
        Kind::Pow(b, x) => (b.clone(), x.clone()),
        _ => (e.clone(), int(1)),
    }
}

/// A base's exponents in a product: almost always one, so the first is kept
/// without a vector (an allocation per factor otherwise).
#[derive(Default)]
struct Exponents {
    first: Option<Expr>,
    more: Vec<Expr>,
}

impl Exponents {
    fn of(x: Expr) -> Exponents {
        Exponents { first: Some(x), more: Vec::new() }
    }

    fn push(&mut self, x: Expr) {
        match self.first {
            None => self.first = Some(x),
            Some(_) => self.more.push(x),
        }
    }

    fn is_single(&self) -> bool {
        self.more.is_empty()
    }

    fn iter(&self) -> impl Iterator<Item = &Expr> {
        self.first.iter().chain(&self.more)
    }

    fn into_vec(self) -> Vec<Expr> {
        self.first.into_iter().chain(self.more).collect()
    }
}

pub fn mul(factors: Vec<Expr>) -> Expr {
    if let [a, b] = factors.as_slice()
        && let Some(product) = number_times_factor(a, b)
            .or_else(|| number_times_factor(b, a))
            .or_else(|| mul_two_fast(a, b))
            .or_else(|| mul_two_fast(b, a))
    {
        return product;
    }
    let factors = merge_powers_of_e(factors);
    let mut coefficient = number::int(1);
    // Per base: its exponents, and the factor it first came as (kept as
    // it is when nothing combines with it).
    let mut bases: Groups<Expr, (Exponents, Expr)> = Groups::with_capacity(flat_len(&factors, |e| match e {
        Kind::Mul(inner) => Some(inner.len()),
        _ => None,
    }));
    let mut pending = factors;
    // Powers that fold into numbers or products (x^(1/2)*x^(1/2) → x,
    // 2^(1/2)*2^(1/2) → 2) go round once more; each round has fewer factors.
    loop {
        for f in std::mem::take(&mut pending) {
            let mut collect = |f: &Expr| match f.kind() {
                Kind::Num(q) => number::mul_compact(&mut coefficient, q),
                _ => {
                    let (b, x) = base_exponent(f);
                    bases.entry(b, (Exponents::default(), f.clone())).0.push(x);
                }
            };
            match f.kind() {
                Kind::Mul(inner) => inner.iter().for_each(&mut collect),
                _ => collect(&f),
            }
        }
        // 1/0 absorbs the whole product: there is one undefined form.
        if bases.entries.iter().any(|(b, (exps, _))| b.is_zero() && exps.iter().any(Expr::is_negative_number))
        {
            return Expr::new(Kind::Pow(int(0), int(-1)));
        }
        if coefficient.is_zero() {
            return int(0);
        }
        // Most products have each base once: nothing combines, nothing
        // goes round again.
        if bases.entries.iter().all(|(_, (exps, _))| exps.is_single()) {
            break;
        }
        let mut kept = Groups::with_capacity(bases.entries.len());
        for (b, (exps, original)) in bases.into_entries() {
            if exps.is_single() {
                kept.entries.push((b, (exps, original)));
                continue;
            }
            // A result on a new base ((x^(1/2))^-1 is x^(-1/2)) may meet
            // another factor on that base, so it goes round again.
            let p = pow(&b, &add(exps.into_vec()));
            let (new_base, x) = base_exponent(&p);
            if p.is_num() || matches!(p.kind(), Kind::Mul(_)) || new_base != b {
                pending.push(p);
            } else {
                kept.entries.push((new_base, (Exponents::of(x), p)));
            }
        }
        bases = kept;
        if pending.is_empty() {
            break;
        }
        bases.reindex();
    }
    // Sized once, the coefficient first (as in `add`).
    let has_coefficient = !coefficient.is_one();
    if has_coefficient && bases.entries.is_empty() {
        return constant(coefficient);
    }
    let mut items: Vec<Expr> = Vec::with_capacity(bases.entries.len() + usize::from(has_coefficient));
    if has_coefficient {
        items.push(constant(coefficient));
    }
    items.extend(bases.into_entries().map(|(_, (_, factor))| factor));
    // A later round can bring a power of e (|e·s|² = e²·s²) to meet one
    // merged before it: merge again, so the result does not depend on order.
    if items.iter().filter(|f| is_power_of_e(f)).count() > 1 {
        return mul(items);
    }
    sort_canonically(&mut items, usize::from(has_coefficient));
    match items.len() {
        0 => int(1),
        1 => items.pop().unwrap_or_else(|| int(1)),
        _ => Expr::new(Kind::Mul(items.into())),
    }
}

/// e or exp(number).
fn is_power_of_e(f: &Expr) -> bool {
    match f.kind() {
        Kind::Const(Constant::E) => true,
        Kind::Func(g, args) => *g == Function::EXP && args[0].is_num(),
        _ => false,
    }
}

/// e·exp(-1) is 1: the constant e and exponentials of numbers in one
/// product combine into one exponential (exp(a)·exp(b) with symbolic a, b
/// is left as it is, the form derivatives print in).
fn merge_powers_of_e(factors: Vec<Expr>) -> Vec<Expr> {
    let count = |items: &[Expr]| items.iter().filter(|f| is_power_of_e(f)).count();
    let nested: usize =
        factors.iter().map(|f| if let Kind::Mul(items) = f.kind() { count(items) } else { 0 }).sum();
    if count(&factors) + nested < 2 {
        return factors;
    }
    let mut exponent = number::int(0);
    let mut rest = Vec::with_capacity(factors.len());
    let mut take = |f: &Expr| match f.kind() {
        Kind::Const(Constant::E) => exponent += number::int(1),
        Kind::Func(g, args) if *g == Function::EXP && args[0].is_num() => {
            if let Some(q) = args[0].as_num() {
                exponent += &*q
            }
        }
        _ => rest.push(f.clone()),
    };
    for f in &factors {
        match f.kind() {
            Kind::Mul(items) => items.iter().for_each(&mut take),
            _ => take(f),
        }
    }
    rest.push(func(Function::EXP, vec![constant(exponent)]));
    rest
}

/// A number times one factor that is neither a number nor a product
/// (`k*x^(k-1)`, the chain rule's `cos(k*x)*k`): nothing combines, so the
/// product is the two, the number first. 0 and 1, and an undefined factor
/// (1/0 absorbs the product), take the general way.
fn number_times_factor(number: &Expr, factor: &Expr) -> Option<Expr> {
    let q = number.as_num()?;
    if q.is_zero() || q.is_one() || !is_single_factor(factor) {
        return None;
    }
    Some(Expr::new(Kind::Mul(Box::new([number.clone(), factor.clone()]))))
}

/// A factor that joins a product as it is: not a number (folded into the
/// coefficient), not a product (flattened), not 1/0 (which absorbs it).
fn is_single_factor(f: &Expr) -> bool {
    !matches!(f.kind(), Kind::Mul(_) | Kind::Num(_)) && !is_undefined(f)
}

/// The two commonest products, done in linear time without regrouping:
/// a number times a product (scale its coefficient), and a product times
/// a factor on a base it does not have yet (insert it in order). The chain
/// rule through a depth-300 nest does the latter 300 times.
fn mul_two_fast(product: &Expr, other: &Expr) -> Option<Expr> {
    let Kind::Mul(items) = product.kind() else {
        return None;
    };
    if let Some(q) = other.as_compact() {
        let (old, rest) = match items[0].as_num() {
            Some(c) => (c.into_owned(), &items[1..]),
            None => (Rational::ONE, &items[..]),
        };
        let mut c = old;
        number::mul_compact(&mut c, q);
        if c.is_zero() || c.is_one() {
            return None;
        }
        let mut out = Vec::with_capacity(rest.len() + 1);
        out.push(constant(c));
        out.extend(rest.iter().cloned());
        return Some(Expr::new(Kind::Mul(out.into())));
    }
    if !is_single_factor(other) {
        return None;
    }
    if is_power_of_e(other) && items.iter().any(is_power_of_e) {
        return None;
    }
    let (base, _) = base_exponent(other);
    if items.iter().any(|f| base_exponent(f).0 == base) {
        return None;
    }
    let start = usize::from(items[0].is_num());
    let at = start + items[start..].partition_point(|f| canonical_cmp(f, other).is_lt());
    let mut out = Vec::with_capacity(items.len() + 1);
    out.extend(items[..at].iter().cloned());
    out.push(other.clone());
    out.extend(items[at..].iter().cloned());
    Some(Expr::new(Kind::Mul(out.into())))
}

pub fn pow(base: &Expr, exponent: &Expr) -> Expr {
    if exponent.is_zero() || base.is_one() {
        return int(1);
    }
    if exponent.is_one() {
        return base.clone();
    }
    let raw = || Expr::new(Kind::Pow(base.clone(), exponent.clone()));
    match (base.kind(), exponent.as_compact()) {
        // Every negative power of 0 is the one undefined form 1/0.
        (Kind::Num(b), Some(x)) if b.is_zero() && x.is_negative() => {
            Expr::new(Kind::Pow(base.clone(), int(-1)))
        }
        (Kind::Num(b), Some(x)) => numeric_power(&b.value(), &x.value()).unwrap_or_else(raw),
        (Kind::Num(b), None) if b.is_zero() => raw(),
        (Kind::Const(Constant::E), _) => func(Function::EXP, vec![exponent.clone()]),
        (Kind::Func(f, args), _) if *f == Function::EXP => {
            func(*f, vec![mul(vec![args[0].clone(), exponent.clone()])])
        }
        // |u|^2 = u^2 for real u, and likewise every even power.
        (Kind::Func(f, args), Some(n)) if *f == Function::ABS && is_even(&n.value()) => {
            pow(&args[0], exponent)
        }
        (Kind::Pow(b, x), Some(n)) if n.is_integer() => pow(b, &mul(vec![x.clone(), exponent.clone()])),
        (Kind::Mul(items), Some(n)) if n.is_integer() => {
            mul(items.iter().map(|f| pow(f, exponent)).collect())
        }
        (Kind::Var(_), Some(n)) if n.as_i64().is_some_and(|n| n.unsigned_abs() <= INTERNED_POWER_MAX) => {
            interned_power(base, exponent)
        }
        _ => raw(),
    }
}

/// Interned powers of a variable to an integer held at most.
const INTERNED_POWERS: usize = 1 << 14;

/// Largest exponent interned: the powers that recur are small ones.
const INTERNED_POWER_MAX: u64 = 64;

thread_local! {
    /// x^n, one node per (variable, integer) pair: both are interned
    /// nodes, so their addresses name them (the entry keeps both alive).
    static POWERS: std::cell::RefCell<HashMap<(usize, usize), Expr>> = std::cell::RefCell::new(HashMap::new());
}

fn interned_power(base: &Expr, exponent: &Expr) -> Expr {
    let key = (base.node_ptr() as usize, exponent.node_ptr() as usize);
    let made = || Expr::new(Kind::Pow(base.clone(), exponent.clone()));
    POWERS
        .try_with(|powers| {
            let mut powers = powers.borrow_mut();
            if let Some(p) = powers.get(&key) {
                return p.clone();
            }
            let p = made();
            if powers.len() < INTERNED_POWERS {
                powers.insert(key, p.clone());
            }
            p
        })
        .unwrap_or_else(|_| made())
}

/// Exact `b^x` for rationals, `None` when it is irrational or too large.
fn numeric_power(b: &Rational, x: &Rational) -> Option<Expr> {
    // 0 and -1 have exact powers however large the exponent (0^(10^400) = 0).
    if b.is_zero() {
        return Some(int(0));
    }
    if *b == Rational::from(-1) && number::is_integer(x) {
        return Some(int(if is_even(x) { 1 } else { -1 }));
    }
    if number::is_integer(x) {
        return number::pow_int(b, number::to_i64(x)?).map(constant);
    }
    let whole = Rational::from(x.floor());
    if !whole.is_zero() {
        // b^(7/2) = b^3 * b^(1/2), so only proper fractions reach roots.
        let fraction = x - &whole;
        let int_part = number::pow_int(b, number::to_i64(&whole)?)?;
        let frac_part = numeric_power(b, &fraction)
            .unwrap_or_else(|| Expr::new(Kind::Pow(constant(b.clone()), constant(fraction))));
        return Some(mul(vec![constant(int_part), frac_part]));
    }
    let k = usize::try_from(x.denominator().clone()).ok()?;
    let p = number::to_i64(&Rational::from(x.numerator().clone()))?;
    match number::exact_root(b, k) {
        Some(root) => number::pow_int(&root, p).map(constant),
        None => simplest_root(b, p, k),
    }
}

/// `b^(p/k)` (0 < p < k) as a textbook writes it, so that equal closed forms
/// meet and cancel: k-th powers leave the root (sqrt(8) = 2*sqrt(2)) and a
/// root's denominator is rationalised (sqrt(1/2) = sqrt(2)/2, cbrt(1/4) =
/// cbrt(2)/2). `None` when b^(p/k) is already simplest.
fn simplest_root(b: &Rational, p: i64, k: usize) -> Option<Expr> {
    if b <= &Rational::ZERO {
        return None;
    }
    let k32 = u32::try_from(k).ok()?;
    let (num, den) = (u128::try_from(b.numerator()).ok()?, u128::try_from(b.denominator()).ok()?);
    let (outside_num, mut inside_num) = number::take_powers(num, k32);
    let (outside_den, inside_den) = number::take_powers(den, k32);
    let mut coefficient = number::pow_int(&Rational::from_parts(outside_num.into(), outside_den.into()), p)?;
    let mut inside = Rational::from_parts(inside_num.into(), inside_den.into());
    if p == 1 && inside_den > 1 {
        // (n/d)^(1/k) = (n·d^(k-1))^(1/k) / d
        if let Some(whole) = inside_den.checked_pow(k32 - 1).and_then(|m| m.checked_mul(inside_num)) {
            let (out, rest) = number::take_powers(whole, k32);
            inside_num = rest;
            coefficient *= Rational::from_parts(out.into(), inside_den.into());
            inside = Rational::from(inside_num);
        }
    }
    if coefficient.is_one() {
        return None;
    }
    let root = Expr::new(Kind::Pow(constant(inside), constant(Rational::from_parts(p.into(), k.into()))));
    Some(mul(vec![constant(coefficient), root]))
}

pub fn func(f: Function, args: Vec<Expr>) -> Expr {
    let def = f.def();
    if let Some(rewrite) = def.rewrite {
        return rewrite(&args);
    }
    (def.fold)(&args).unwrap_or_else(|| Expr::new(Kind::Func(f, args.into())))
}

/// `lhs rel rhs`, folded to a truth value when both sides are numbers.
pub fn compare(rel: Rel, lhs: &Expr, rhs: &Expr) -> Expr {
    Expr::new(Kind::Cmp(rel, vec![lhs.clone(), rhs.clone()].into()))
}

/// The truth of a condition whose sides are constants (closed forms are
/// decided by their proved sign): `None` while a side still has variables
/// or a sign cannot be proved. The one test of conditions, for the
/// simplifier and for the domain as written alike.
pub fn truth(cond: &Expr) -> Option<bool> {
    match cond.kind() {
        Kind::Cmp(rel, sides) => {
            let d = add(vec![sides[0].clone(), neg(&sides[1])]);
            if let Some(q) = d.as_num() {
                return Some(rel.holds(q.as_ref().cmp(&Rational::ZERO)));
            }
            // A constant closed form (16π/25 < 9/4): decided when its sign is proved.
            if d.has_variables() {
                return None;
            }
            crate::numeric::precise::sign(&d).ok().flatten().map(|s| rel.holds(s))
        }
        Kind::Logic(op, items) => {
            let values: Vec<Option<bool>> = items.iter().map(truth).collect();
            let decisive = *op == Logic::Or;
            if values.contains(&Some(decisive)) {
                Some(decisive)
            } else if values.iter().all(Option::is_some) {
                Some(!decisive)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Conditions joined by `and` / `or`, nested runs of the same joiner
/// flattened.
pub fn logic(op: Logic, items: Vec<Expr>) -> Expr {
    let mut flat = Vec::with_capacity(items.len());
    for item in items {
        match item.kind() {
            Kind::Logic(inner, parts) if *inner == op => flat.extend(parts.iter().cloned()),
            _ => flat.push(item),
        }
    }
    match flat.len() {
        1 => flat.pop().unwrap_or_else(|| int(0)),
        _ => Expr::new(Kind::Logic(op, flat.into())),
    }
}

/// `if c1 then v1 else if c2 then v2 … else w` from `[c1, v1, c2, v2, …, w]`:
/// branches whose condition is decided by numbers alone are taken or
/// dropped, and equal neighbouring values merge.
pub fn piecewise(parts: Vec<Expr>) -> Expr {
    let mut parts = parts;
    // `else if …` chains are one list: a piecewise default is spliced in.
    if let Some(Kind::Piecewise(inner)) = parts.last().map(|e| e.kind()) {
        let inner = inner.to_vec();
        parts.pop();
        parts.extend(inner);
    }
    let mut kept: Vec<Expr> = Vec::with_capacity(parts.len());
    let mut iter = parts.into_iter();
    let otherwise = loop {
        let Some(first) = iter.next() else { return int(0) };
        let Some(value) = iter.next() else { break first };
        match truth(&first) {
            Some(true) => break value,
            Some(false) => {}
            None => kept.extend([first, value]),
        }
    };
    // A last branch equal to the default adds nothing.
    while kept.len() >= 2 && kept[kept.len() - 1] == otherwise {
        kept.truncate(kept.len() - 2);
    }
    if kept.is_empty() {
        return otherwise;
    }
    kept.push(otherwise);
    Expr::new(Kind::Piecewise(kept.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn x() -> Expr {
        var("x")
    }

    /// A product of two takes shortcuts; with a third factor of 1 it takes
    /// the general way. Both must build the same node.
    #[test]
    fn two_factor_shortcuts_agree_with_the_general_way() {
        let numbers = [int(0), int(1), int(-1), int(3), ratio(-2, 7), constant(number::ratio(1, 1 << 40))];
        let factors = [
            x(),
            pow(&x(), &int(5)),
            pow(&int(2), &x()),
            pow(&int(2), &ratio(1, 2)),
            pow(&int(0), &int(-1)),
            named(Constant::E),
            func(Function::EXP, vec![int(2)]),
            func(Function::SIN, vec![mul(vec![int(3), x()])]),
            add(vec![x(), int(1)]),
            mul(vec![int(2), x(), var("y")]),
            int(5),
        ];
        for n in &numbers {
            for f in &factors {
                let general = mul(vec![n.clone(), f.clone(), int(1)]);
                assert_eq!(mul(vec![n.clone(), f.clone()]), general, "{n:?} * {f:?}");
                assert_eq!(mul(vec![f.clone(), n.clone()]), general, "{f:?} * {n:?}");
            }
        }
    }

    #[test]
    fn integers_are_one_node_each() {
        // Built three ways, 5000 is the same node, and the derivative of
        // x^5001 lowers its exponent onto that node too.
        let n = int(5000);
        assert!(n.ptr_eq(&constant(number::int(5000))));
        assert!(n.ptr_eq(&add(vec![int(4999), int(1)])));
        let d = crate::derivative(&crate::parse("x^5001").unwrap(), "x").unwrap();
        assert!(d.children().iter().any(|f| matches!(f.kind(), Kind::Pow(_, e) if e.ptr_eq(&n))));
        // Past the table's range integers are still built (and equal), only
        // not shared; within it, negative ones are shared too.
        let late = INTERNED_INTS + 5;
        assert!(!int(late).ptr_eq(&int(late)) && int(late) == int(late));
        assert!(int(-INTERNED_INTS).ptr_eq(&int(-INTERNED_INTS)));
        // Other rationals are not interned, and equal all the same.
        assert_eq!(ratio(1, 3), ratio(2, 6));
    }

    #[test]
    fn like_terms_combine_and_cancel() {
        let e = add(vec![x(), x(), neg(&x())]);
        assert_eq!(e, x());
        assert!(add(vec![x(), neg(&x())]).is_zero());
    }

    #[test]
    fn like_products_combine() {
        let xy = mul(vec![x(), var("y")]);
        let e = add(vec![xy.clone(), mul(vec![int(2), xy.clone()])]);
        assert_eq!(e, mul(vec![int(3), xy.clone()]));
        assert!(add(vec![xy.clone(), neg(&xy)]).is_zero());
    }

    #[test]
    fn like_factors_combine() {
        let e = mul(vec![x(), pow(&x(), &int(2))]);
        assert_eq!(e, pow(&x(), &int(3)));
        assert!(mul(vec![x(), pow(&x(), &int(-1))]).is_one());
    }

    #[test]
    fn square_roots_of_numbers_fold() {
        let r2 = pow(&int(2), &ratio(1, 2));
        assert_eq!(mul(vec![r2.clone(), r2.clone()]), int(2));
        assert_eq!(pow(&int(4), &ratio(1, 2)), int(2));
        assert_eq!(pow(&int(-8), &ratio(1, 3)), int(-2));
        assert_eq!(pow(&int(2), &ratio(-1, 2)), mul(vec![ratio(1, 2), r2]));
    }

    #[test]
    fn order_does_not_matter() {
        let a = add(vec![x(), var("y"), int(1)]);
        let b = add(vec![int(1), var("y"), x()]);
        assert_eq!(a, b);
    }

    #[test]
    fn a_name_is_one_node_whichever_way_it_is_found() {
        // ab and ac share a recent-name slot; each stays itself.
        let (ab, ac) = (var("ab"), var("ac"));
        assert!(!ab.ptr_eq(&ac));
        for _ in 0..2 {
            assert!(var("ab").ptr_eq(&ab));
            assert!(var("ac").ptr_eq(&ac));
        }
        assert!(matches!(var("ac").kind(), Kind::Var(n) if &**n == "ac"));
        assert!(matches!(var("").kind(), Kind::Var(n) if n.is_empty()));
    }

    #[test]
    fn small_powers_of_a_variable_are_one_node() {
        // Built apart, met as one: a derivative visits x^2 once.
        let a = add(vec![pow(&x(), &int(2)), func(Function::SIN, vec![pow(&x(), &int(2))])]);
        let Kind::Add(terms) = a.kind() else { panic!("{a:?}") };
        let square = terms.iter().find(|t| matches!(t.kind(), Kind::Pow(..)));
        let Some(Kind::Func(_, args)) =
            terms.iter().find(|t| matches!(t.kind(), Kind::Func(..))).map(Expr::kind)
        else {
            panic!("{a:?}")
        };
        assert!(square.is_some_and(|s| s.ptr_eq(&args[0])));
        assert!(pow(&var("y"), &int(-3)).ptr_eq(&pow(&var("y"), &int(-3))));
        // The most negative exponent has no absolute value in an i64.
        assert!(matches!(pow(&x(), &int(i64::MIN)).kind(), Kind::Pow(..)));
        // Equal either way, interned or not.
        assert_eq!(pow(&x(), &int(1000)), pow(&x(), &int(1000)));
        assert_eq!(pow(&x(), &ratio(1, 2)), pow(&x(), &ratio(1, 2)));
    }

    #[test]
    fn huge_powers_stay_symbolic() {
        let big = pow(&int(2), &pow(&int(2), &int(64)));
        assert!(matches!(big.kind(), Kind::Pow(..)));
    }
}
