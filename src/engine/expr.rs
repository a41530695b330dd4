//! The immutable expression type.
//!
//! An `Expr` is a counted pointer to a node in its thread's node store
//! (`node_store`), so a derivative shares the subtrees of its input instead
//! of copying them. Every node caches a
//! structural hash (fast equality and canonical ordering), its depth (the
//! nesting cap) and a small bloom filter of the variables below it (a fast
//! "does not depend on x" test). Nodes are only built through the
//! canonicalising constructors in `simplify`, so two equal expressions
//! have the same shape.

use crate::engine::functions::Function;
use crate::engine::node_store::{Shared, Store, Stored};
use crate::engine::number::{Compact, Rational};
use std::borrow::Cow;
use std::cell::Cell;
use std::cmp::Ordering;
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::rc::Rc;

/// Deepest expression tree dcalc builds (DESIGN.md §6).
pub const MAX_DEPTH: u32 = 1500;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Constant {
    Pi,
    E,
}

/// A comparison in a piecewise condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rel {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

impl Rel {
    /// Whether `d rel 0` holds for a `d` of the given sign.
    pub fn holds(self, sign: Ordering) -> bool {
        match self {
            Rel::Lt => sign.is_lt(),
            Rel::Le => sign.is_le(),
            Rel::Gt => sign.is_gt(),
            Rel::Ge => sign.is_ge(),
            Rel::Eq => sign.is_eq(),
            Rel::Ne => sign.is_ne(),
        }
    }

    /// The relation that holds exactly when this one does not.
    pub fn negated(self) -> Rel {
        match self {
            Rel::Lt => Rel::Ge,
            Rel::Le => Rel::Gt,
            Rel::Gt => Rel::Le,
            Rel::Ge => Rel::Lt,
            Rel::Eq => Rel::Ne,
            Rel::Ne => Rel::Eq,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Rel::Lt => "<",
            Rel::Le => "<=",
            Rel::Gt => ">",
            Rel::Ge => ">=",
            Rel::Eq => "==",
            Rel::Ne => "!=",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Logic {
    And,
    Or,
}

#[derive(Debug)]
pub enum Kind {
    /// Machine-sized inline, larger boxed: a 48-byte rational inline would
    /// make every node's kind 56 bytes instead of 24.
    Num(Compact),
    Const(Constant),
    Var(Rc<str>),
    /// At least two terms, canonically ordered, at most one number (first).
    Add(Box<[Expr]>),
    /// At least two factors, canonically ordered, at most one number (first).
    Mul(Box<[Expr]>),
    Pow(Expr, Expr),
    Func(Function, Box<[Expr]>),
    /// A condition: `[lhs, rhs]` compared by the relation.
    Cmp(Rel, Box<[Expr]>),
    /// Conditions joined by `and` / `or` (at least two).
    Logic(Logic, Box<[Expr]>),
    /// `if c1 then v1 else if c2 then v2 … else w`: `[c1, v1, c2, v2, …, w]`.
    Piecewise(Box<[Expr]>),
}

/// A node is 48 bytes and its count 8 more, one 64-byte cache line of the
/// node store (with std's Rc, whose weak count no expression uses, and
/// wider fields it was an 80-byte block): at 100,000 terms the tree's size
/// is most of the run's memory, and memory touched is time.
#[derive(Debug)]
pub struct Node {
    pub kind: Kind,
    hash: u64,
    vars: u64,
    /// Nodes in the tree as printed (shared subtrees counted each time),
    /// saturating: what printing would cost.
    size: u32,
    /// Saturating; anything past `MAX_DEPTH` is refused anyway.
    depth: u16,
    /// Whether the undefined form 1/0 occurs anywhere below.
    undefined: bool,
}

#[derive(Clone)]
pub struct Expr(Shared<Node>);

thread_local! {
    static NODES: Store<Node> = const { Store::new() };
}

impl Stored for Node {
    fn store() -> &'static std::thread::LocalKey<Store<Node>> {
        &NODES
    }
}

// The layout above, kept: a field that grows the node costs a size class.
const _: () = assert!(std::mem::size_of::<Node>() == 48);

impl std::fmt::Debug for Expr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Expr").field(&*self.0).finish()
    }
}

thread_local! {
    /// Set when a constructor built a node past `MAX_DEPTH`; callers that
    /// build from user input check it and report "too deeply nested".
    static TOO_DEEP: Cell<bool> = const { Cell::new(false) };
}

/// The names behind each bloom bit on this thread (a node, and so every
/// name in it, never leaves the thread that built it): a bit owned by one
/// name alone stands for that name exactly.
struct BitOwners {
    owner: [Option<Rc<str>>; 64],
    /// Bits two or more names share.
    shared: u64,
}

thread_local! {
    static BIT_OWNERS: std::cell::RefCell<BitOwners> =
        const { std::cell::RefCell::new(BitOwners { owner: [const { None }; 64], shared: 0 }) };
}

/// Note that a variable node named `name` with bloom bit `bit` exists.
fn own_bit(name: &Rc<str>, bit: u64) {
    let _ = BIT_OWNERS.try_with(|owners| {
        let mut owners = owners.borrow_mut();
        let slot = &mut owners.owner[bit.trailing_zeros() as usize];
        match slot {
            None => *slot = Some(name.clone()),
            Some(owner) if **owner == **name => {}
            Some(_) => owners.shared |= bit,
        }
    });
}

/// The variables behind bloom bits `vars`, when every one of the bits
/// belongs to one name alone (`None` when a bit is shared).
fn owners_of(vars: u64) -> Option<Vec<Rc<str>>> {
    BIT_OWNERS
        .try_with(|owners| {
            let owners = owners.borrow();
            if vars & owners.shared != 0 {
                return None;
            }
            let bits = (0..64).filter(|b| vars & (1u64 << b) != 0);
            bits.map(|b| owners.owner[b].clone()).collect()
        })
        .ok()
        .flatten()
}

/// Take (and clear) the flag that a node past the depth cap was built.
pub fn take_depth_overflow() -> bool {
    TOO_DEEP.with(|flag| flag.replace(false))
}

fn mix(a: u64, b: u64) -> u64 {
    (a.rotate_left(5) ^ b).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

fn hash_str(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| mix(h, b as u64))
}

/// A variable's bit in the bloom filter of the variables below a node.
fn name_bit(name: &str) -> u64 {
    1u64 << (hash_str(name) % 64)
}

impl Expr {
    /// Wrap a kind whose invariants the caller has established.
    pub(crate) fn new(kind: Kind) -> Expr {
        let size = match &kind {
            Kind::Add(items)
            | Kind::Mul(items)
            | Kind::Func(_, items)
            | Kind::Cmp(_, items)
            | Kind::Logic(_, items)
            | Kind::Piecewise(items) => items.iter().fold(1u64, |n, e| n + u64::from(e.0.size)),
            Kind::Pow(b, e) => 1 + u64::from(b.0.size) + u64::from(e.0.size),
            _ => 1,
        };
        let size = u32::try_from(size).unwrap_or(u32::MAX);
        let (hash, depth, vars) = match &kind {
            Kind::Num(q) => {
                let mut h = FoldHasher(1);
                q.hash_into(&mut h);
                (h.0, 1, 0)
            }
            Kind::Const(c) => (mix(2, *c as u64), 1, 0),
            Kind::Var(name) => {
                let bit = name_bit(name);
                own_bit(name, bit);
                (mix(3, hash_str(name)), 1, bit)
            }
            Kind::Add(items) => summarize(4, items.iter()),
            Kind::Mul(items) => summarize(5, items.iter()),
            Kind::Pow(b, e) => summarize(6, [b, e].into_iter()),
            Kind::Func(f, args) => {
                let (h, d, v) = summarize(7, args.iter());
                (mix(h, f.id() as u64), d, v)
            }
            Kind::Cmp(r, items) => summarize(mix(8, *r as u64), items.iter()),
            Kind::Logic(l, items) => summarize(mix(9, *l as u64), items.iter()),
            Kind::Piecewise(items) => summarize(10, items.iter()),
        };
        let undefined = match &kind {
            Kind::Add(items) | Kind::Mul(items) | Kind::Func(_, items) => items.iter().any(|e| e.0.undefined),
            Kind::Cmp(_, items) | Kind::Logic(_, items) => items.iter().any(|e| e.0.undefined),
            // A branch the point does not take may be undefined there.
            Kind::Piecewise(_) => false,
            Kind::Pow(b, e) => b.0.undefined || e.0.undefined || (b.is_zero() && e.is_negative_number()),
            _ => false,
        };
        if depth > MAX_DEPTH {
            TOO_DEEP.with(|flag| flag.set(true));
        }
        let depth = u16::try_from(depth).unwrap_or(u16::MAX);
        Expr(Shared::new(Node { kind, hash, depth, vars, size, undefined }))
    }

    pub fn kind(&self) -> &Kind {
        &self.0.kind
    }

    pub fn depth(&self) -> u32 {
        u32::from(self.0.depth)
    }

    /// Whether 1/0 occurs anywhere in the expression.
    pub fn has_division_by_zero(&self) -> bool {
        self.0.undefined
    }

    /// Tree size as printed, shared subtrees counted each time they occur.
    pub fn tree_size(&self) -> u64 {
        u64::from(self.0.size)
    }

    pub fn structural_hash(&self) -> u64 {
        self.0.hash
    }

    /// The node's address: a memo key valid while the expression lives.
    pub fn node_ptr(&self) -> *const () {
        Shared::as_ptr(&self.0) as *const ()
    }

    /// Whether other references to this node exist: only a shared node can
    /// be met twice in one walk over a tree.
    pub fn is_shared(&self) -> bool {
        Shared::strong_count(&self.0) > 1
    }

    pub fn ptr_eq(&self, other: &Expr) -> bool {
        Shared::ptr_eq(&self.0, &other.0)
    }

    /// The number this is, when it is one (built on the stack when held
    /// inline: see `number::Compact`).
    pub fn as_num(&self) -> Option<Cow<'_, Rational>> {
        self.as_compact().map(Compact::value)
    }

    pub fn as_compact(&self) -> Option<&Compact> {
        match self.kind() {
            Kind::Num(q) => Some(q),
            _ => None,
        }
    }

    pub fn is_num(&self) -> bool {
        self.as_compact().is_some()
    }

    /// Whether this is a number below zero (the exponent that divides).
    pub fn is_negative_number(&self) -> bool {
        self.as_compact().is_some_and(Compact::is_negative)
    }

    pub fn is_zero(&self) -> bool {
        self.as_compact().is_some_and(Compact::is_zero)
    }

    pub fn is_one(&self) -> bool {
        self.as_compact().is_some_and(Compact::is_one)
    }

    /// A constant-time test: `false` means the expression certainly does not
    /// contain `var`; `true` means it probably does (a bloom filter).
    pub fn may_contain(&self, var: &str) -> bool {
        self.0.vars & name_bit(var) != 0
    }

    /// Whether any variable occurs in the expression (constant time).
    pub fn has_variables(&self) -> bool {
        self.0.vars != 0
    }

    /// True when the expression does not contain `var`.
    pub fn free_of(&self, var: &str) -> bool {
        if self.0.vars & name_bit(var) == 0 {
            return true;
        }
        match self.kind() {
            Kind::Var(name) => &**name != var,
            Kind::Num(_) | Kind::Const(_) => true,
            Kind::Pow(b, e) => b.free_of(var) && e.free_of(var),
            _ => self.children().iter().all(|e| e.free_of(var)),
        }
    }

    /// The operands of a node (base and exponent for a power), in order.
    pub fn children(&self) -> std::borrow::Cow<'_, [Expr]> {
        match self.kind() {
            Kind::Num(_) | Kind::Const(_) | Kind::Var(_) => std::borrow::Cow::Borrowed(&[]),
            Kind::Add(items)
            | Kind::Mul(items)
            | Kind::Func(_, items)
            | Kind::Cmp(_, items)
            | Kind::Logic(_, items)
            | Kind::Piecewise(items) => std::borrow::Cow::Borrowed(items),
            Kind::Pow(b, e) => std::borrow::Cow::Owned(vec![b.clone(), e.clone()]),
        }
    }

    /// The variables in the expression, sorted and without repeats.
    pub fn variables(&self) -> Vec<Rc<str>> {
        // Bits that each stand for one name say which names are below
        // without a walk (a bit is set only where its variable occurs).
        if let Some(mut names) = owners_of(self.0.vars) {
            names.sort();
            return names;
        }
        self.variables_walked()
    }

    /// The variables, found by visiting every node that may hold one.
    fn variables_walked(&self) -> Vec<Rc<str>> {
        let mut found = Vec::new();
        let mut stack: Vec<&Node> = vec![&self.0];
        // Only shared nodes can be reached twice, so only they are remembered.
        let mut seen: HashSet<usize, BuildHasherDefault<SpreadHasher>> = Default::default();
        while let Some(node) = stack.pop() {
            // Constant subtrees (no bloom bits) hold no variables.
            if node.vars == 0 {
                continue;
            }
            match &node.kind {
                Kind::Var(name) => found.push(name.clone()),
                Kind::Pow(b, e) => stack.extend([b, e].into_iter().filter_map(|c| unvisited(c, &mut seen))),
                Kind::Add(items)
                | Kind::Mul(items)
                | Kind::Func(_, items)
                | Kind::Cmp(_, items)
                | Kind::Logic(_, items)
                | Kind::Piecewise(items) => {
                    stack.extend(items.iter().filter_map(|c| unvisited(c, &mut seen)))
                }
                Kind::Num(_) | Kind::Const(_) => {}
            }
        }
        found.sort();
        found.dedup();
        found
    }
}

/// Items this many or more are worth reordering for a walk (below, the
/// sort costs more than the cache misses it saves).
pub const IN_MEMORY_ORDER_FROM: usize = 256;

/// A long sum's items in the order they lie in memory (by address). A sum
/// keeps its terms in hash order, scattered over memory, and a walk that
/// visits each once in that order misses the cache at every term; in
/// address order (roughly the order they were built) the reads stream.
/// Only for walks whose result does not depend on the order of visits.
pub fn in_memory_order(items: &[Expr]) -> impl Iterator<Item = &Expr> {
    let sorted = (items.len() >= IN_MEMORY_ORDER_FROM).then(|| {
        let mut order: Vec<&Expr> = items.iter().collect();
        order.sort_unstable_by_key(|e| e.node_ptr());
        order
    });
    // A short one is walked as it is, without a list.
    let as_is = sorted.is_none().then(|| items.iter());
    as_is.into_iter().flatten().chain(sorted.into_iter().flatten())
}

/// The child's node, unless it is shared and was reached before.
fn unvisited<'a>(
    child: &'a Expr,
    seen: &mut HashSet<usize, BuildHasherDefault<SpreadHasher>>,
) -> Option<&'a Node> {
    (!child.is_shared() || seen.insert(child.node_ptr() as usize)).then_some(&*child.0)
}

/// A map keyed by node address (`Expr::node_ptr`): memos over a tree.
pub type NodeMap<V> = std::collections::HashMap<*const (), V, BuildHasherDefault<SpreadHasher>>;

/// A hasher for keys that are one machine word with structure in their
/// low or high bits only (aligned addresses, small integers): a multiply
/// spreads them, and the rotation brings the well-mixed high bits down to
/// the bucket index.
#[derive(Default)]
pub struct SpreadHasher(u64);

impl Hasher for SpreadHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = bytes.iter().fold(self.0, |h, b| mix(h, *b as u64));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n.wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(32);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

fn summarize<'a>(tag: u64, items: impl Iterator<Item = &'a Expr>) -> (u64, u32, u64) {
    let (h, d, v) =
        items.fold((tag, 0, 0), |(h, d, v), e| (mix(h, e.0.hash), d.max(u32::from(e.0.depth)), v | e.0.vars));
    (h, d + 1, v)
}

/// Adapter so `Hash` impls of big integers feed our cheap mixer.
struct FoldHasher(u64);

impl Hasher for FoldHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = mix(self.0, n);
    }
    fn write_i64(&mut self, n: i64) {
        self.0 = mix(self.0, n as u64);
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = mix(self.0, *b as u64);
        }
    }
}

impl PartialEq for Expr {
    fn eq(&self, other: &Expr) -> bool {
        if self.ptr_eq(other) {
            return true;
        }
        if self.0.hash != other.0.hash {
            return false;
        }
        match (self.kind(), other.kind()) {
            (Kind::Num(a), Kind::Num(b)) => a == b,
            (Kind::Const(a), Kind::Const(b)) => a == b,
            (Kind::Var(a), Kind::Var(b)) => a == b,
            (Kind::Add(a), Kind::Add(b)) | (Kind::Mul(a), Kind::Mul(b)) => a == b,
            (Kind::Pow(a, b), Kind::Pow(c, d)) => a == c && b == d,
            (Kind::Func(f, a), Kind::Func(g, b)) => f == g && a == b,
            (Kind::Cmp(r, a), Kind::Cmp(s, b)) => r == s && a == b,
            (Kind::Logic(r, a), Kind::Logic(s, b)) => r == s && a == b,
            (Kind::Piecewise(a), Kind::Piecewise(b)) => a == b,
            _ => false,
        }
    }
}

impl Eq for Expr {}

impl Hash for Expr {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.0.hash);
    }
}

/// The canonical order of terms and factors: by structural hash, ties
/// broken structurally. Only a stable total order is needed here; the
/// printers choose their own, textbook order.
pub fn canonical_cmp(a: &Expr, b: &Expr) -> Ordering {
    a.0.hash.cmp(&b.0.hash).then_with(|| structural_cmp(a, b))
}

/// Items this many or more are sorted with their hashes beside them.
const SORT_BY_KEY_FROM: usize = 64;

/// `items[from..]` put in canonical order. A long run is sorted with each
/// hash read once into a list beside it: sorted in place, every comparison
/// would read two nodes scattered over memory (a cache miss each, on a sum
/// of 100,000 terms). The same stable sort on the same order, so the same
/// result.
pub fn sort_canonically(items: &mut Vec<Expr>, from: usize) {
    if items[from..].len() < SORT_BY_KEY_FROM {
        items[from..].sort_by(canonical_cmp);
        return;
    }
    let mut keyed: Vec<(u64, Expr)> = items.drain(from..).map(|e| (e.0.hash, e)).collect();
    keyed.sort_by(|(h, a), (k, b)| h.cmp(k).then_with(|| structural_cmp(a, b)));
    items.extend(keyed.into_iter().map(|(_, e)| e));
}

fn rank(k: &Kind) -> u8 {
    match k {
        Kind::Num(_) => 0,
        Kind::Const(_) => 1,
        Kind::Var(_) => 2,
        Kind::Add(_) => 3,
        Kind::Mul(_) => 4,
        Kind::Pow(..) => 5,
        Kind::Func(..) => 6,
        Kind::Cmp(..) => 7,
        Kind::Logic(..) => 8,
        Kind::Piecewise(_) => 9,
    }
}

fn structural_cmp(a: &Expr, b: &Expr) -> Ordering {
    if a.ptr_eq(b) {
        return Ordering::Equal;
    }
    match (a.kind(), b.kind()) {
        (Kind::Num(x), Kind::Num(y)) => x.cmp(y),
        (Kind::Const(x), Kind::Const(y)) => x.cmp(y),
        (Kind::Var(x), Kind::Var(y)) => x.cmp(y),
        (Kind::Add(x), Kind::Add(y)) | (Kind::Mul(x), Kind::Mul(y)) => slice_cmp(x, y),
        (Kind::Pow(x1, x2), Kind::Pow(y1, y2)) => canonical_cmp(x1, y1).then_with(|| canonical_cmp(x2, y2)),
        (Kind::Func(f, x), Kind::Func(g, y)) => f.id().cmp(&g.id()).then_with(|| slice_cmp(x, y)),
        (Kind::Cmp(r, x), Kind::Cmp(s, y)) => r.cmp(s).then_with(|| slice_cmp(x, y)),
        (Kind::Logic(r, x), Kind::Logic(s, y)) => r.cmp(s).then_with(|| slice_cmp(x, y)),
        (Kind::Piecewise(x), Kind::Piecewise(y)) => slice_cmp(x, y),
        (x, y) => rank(x).cmp(&rank(y)),
    }
}

fn slice_cmp(x: &[Expr], y: &[Expr]) -> Ordering {
    x.len().cmp(&y.len()).then_with(|| {
        x.iter().zip(y).map(|(a, b)| canonical_cmp(a, b)).find(|o| o.is_ne()).unwrap_or(Ordering::Equal)
    })
}

/// Tear a tree down without recursion, so dropping even a very deep
/// expression cannot overflow the stack.
impl Drop for Expr {
    fn drop(&mut self) {
        if self.0.depth < 64 {
            return;
        }
        let Some(node) = Shared::get_mut(&mut self.0) else {
            return;
        };
        let mut pending = Vec::new();
        detach_children(node, &mut pending);
        while let Some(mut e) = pending.pop() {
            if let Some(node) = Shared::get_mut(&mut e.0) {
                detach_children(node, &mut pending);
            }
            // `e` drops here shallowly: a leaf now, or still shared.
        }
    }
}

/// Move a dying node's children out, leaving a leaf behind.
fn detach_children(node: &mut Node, pending: &mut Vec<Expr>) {
    match std::mem::replace(&mut node.kind, Kind::Const(Constant::Pi)) {
        Kind::Add(items)
        | Kind::Mul(items)
        | Kind::Func(_, items)
        | Kind::Cmp(_, items)
        | Kind::Logic(_, items)
        | Kind::Piecewise(items) => pending.extend(items.into_vec()),
        Kind::Pow(b, e) => pending.extend([b, e]),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::functions::Function;
    use crate::engine::simplify::{add, func, int, mul, pow, var};

    #[test]
    fn variables_read_from_the_bloom_bits_are_the_walked_ones() {
        let names = |e: &super::Expr| e.variables().iter().map(|n| n.to_string()).collect::<Vec<_>>();
        let e = add(vec![mul(vec![int(3), pow(&var("x"), &var("y"))]), func(Function::SIN, vec![var("x")])]);
        assert_eq!(names(&e), ["x", "y"]);
        assert_eq!(e.variables(), e.variables_walked());
        // nt and UTF share a bit: once both exist, that bit says nothing
        // alone, and the walk tells them apart.
        let nt = mul(vec![var("nt"), var("x")]);
        assert_eq!(names(&nt), ["nt", "x"]);
        let utf = add(vec![var("UTF"), int(1)]);
        assert_eq!(names(&utf), ["UTF"]);
        assert_eq!(names(&nt), ["nt", "x"]);
        let both = mul(vec![nt.clone(), utf.clone()]);
        assert_eq!(names(&both), ["UTF", "nt", "x"]);
        assert_eq!(both.variables(), both.variables_walked());
        assert!(names(&int(2)).is_empty());
    }
}
