//! Where expression nodes live: a per-thread store of equal-sized slots,
//! each a node and its reference count, handed out by a shared pointer.
//!
//! A derivative of a 100,000-term sum builds half a million nodes and frees
//! few of them. From the general allocator each node cost a search of its
//! size bins and a header (a 56-byte node and count took a 64-byte block
//! at any 16-byte offset); here a node is the next cache-line slot of the
//! thread's current chunk, or the slot a
//! freed node left (a free list threaded through the free slots), and the
//! nodes built one after another lie side by side. Chunks are never given
//! back: a thread's nodes are its working set, and the store lives as long
//! as the thread (a process answering one expression exits right after).
//!
//! A pointer and its nodes never leave the thread that built them (the
//! pointer is neither `Send` nor `Sync`), so the counts need no atomics and
//! the store no lock.

use std::alloc::{Layout, alloc, handle_alloc_error};
use std::cell::Cell;
use std::marker::PhantomData;
use std::mem::ManuallyDrop;
use std::ptr::{self, NonNull};
use std::thread::LocalKey;

/// A type whose values live in a per-thread store.
pub trait Stored: Sized + 'static {
    /// This thread's store for the type.
    fn store() -> &'static LocalKey<Store<Self>>;
}

/// A value and the number of pointers to it, on a cache line of its own.
/// Packed at 56 bytes, 6 node slots in 8 straddled two lines, and reading a
/// tree was up to 9% slower than from glibc's blocks; aligned, no slower.
#[repr(align(64))]
struct Slot<T> {
    count: Cell<usize>,
    body: Body<T>,
}

/// In use, the value; free, the next free slot (null ends the list).
union Body<T> {
    value: ManuallyDrop<T>,
    next: *mut Slot<T>,
}

/// Slots in a thread's first chunk; each later chunk is twice the last, up
/// to `MAX_CHUNK_SLOTS` (a small run never pays for a large chunk).
const FIRST_CHUNK_SLOTS: usize = 128;
const MAX_CHUNK_SLOTS: usize = 1 << 15;

/// One thread's slots. Only `Cell`s and no destructor: a thread-local of
/// it is reachable until the thread is gone, even from other thread-locals'
/// destructors (which drop the nodes they hold).
pub struct Store<T> {
    /// The most recently freed slot, or null.
    free: Cell<*mut Slot<T>>,
    /// The next never-used slot of the current chunk, and its end.
    next: Cell<*mut Slot<T>>,
    end: Cell<*mut Slot<T>>,
    /// The size of the next chunk.
    chunk_slots: Cell<usize>,
}

impl<T> Store<T> {
    pub const fn new() -> Store<T> {
        Store {
            free: Cell::new(ptr::null_mut()),
            next: Cell::new(ptr::null_mut()),
            end: Cell::new(ptr::null_mut()),
            chunk_slots: Cell::new(FIRST_CHUNK_SLOTS),
        }
    }

    /// An unused slot: a freed one first (still warm in the cache), else the
    /// next of the chunk, else the first of a new chunk.
    fn take(&self) -> NonNull<Slot<T>> {
        if let Some(slot) = NonNull::new(self.free.get()) {
            // SAFETY: a slot on the free list is an unused slot of a live
            // chunk, and holds the next free slot.
            self.free.set(unsafe { (*slot.as_ptr()).body.next });
            return slot;
        }
        if self.next.get() == self.end.get() {
            self.grow();
        }
        let slot = self.next.get();
        // SAFETY: `next` is below `end`, both in the current chunk.
        self.next.set(unsafe { slot.add(1) });
        // SAFETY: a slot of an allocated chunk is not null.
        unsafe { NonNull::new_unchecked(slot) }
    }

    fn grow(&self) {
        let slots = self.chunk_slots.get();
        self.chunk_slots.set((slots * 2).min(MAX_CHUNK_SLOTS));
        let layout =
            Layout::array::<Slot<T>>(slots).unwrap_or_else(|_| handle_alloc_error(Layout::new::<T>()));
        // SAFETY: the layout has a non-zero size (a slot holds a count).
        let chunk = unsafe { alloc(layout) } as *mut Slot<T>;
        if chunk.is_null() {
            handle_alloc_error(layout);
        }
        self.next.set(chunk);
        // SAFETY: one past the chunk's last slot.
        self.end.set(unsafe { chunk.add(slots) });
    }

    /// Put a slot whose value is already dropped on the free list.
    fn give_back(&self, slot: NonNull<Slot<T>>) {
        // SAFETY: the slot is unused now and no reference to it is left.
        unsafe { ptr::addr_of_mut!((*slot.as_ptr()).body.next).write(self.free.get()) };
        self.free.set(slot.as_ptr());
    }
}

impl<T> Default for Store<T> {
    fn default() -> Self {
        Store::new()
    }
}

/// A counted pointer to a value in this thread's store, like `Rc` without
/// weak pointers.
pub struct Shared<T: Stored> {
    slot: NonNull<Slot<T>>,
    owns: PhantomData<T>,
}

impl<T: Stored> Shared<T> {
    pub fn new(value: T) -> Shared<T> {
        let slot = T::store().with(Store::take);
        // SAFETY: the slot is unused and this thread's alone.
        unsafe {
            let raw = slot.as_ptr();
            ptr::addr_of_mut!((*raw).count).write(Cell::new(1));
            ptr::addr_of_mut!((*raw).body).write(Body { value: ManuallyDrop::new(value) });
        }
        Shared { slot, owns: PhantomData }
    }

    fn count(&self) -> &Cell<usize> {
        // SAFETY: the slot is in use while a pointer to it exists.
        unsafe { &(*self.slot.as_ptr()).count }
    }

    pub fn strong_count(this: &Shared<T>) -> usize {
        this.count().get()
    }

    pub fn ptr_eq(a: &Shared<T>, b: &Shared<T>) -> bool {
        a.slot == b.slot
    }

    pub fn as_ptr(this: &Shared<T>) -> *const T {
        let value: &T = this;
        value
    }

    /// The value, when this is the only pointer to it.
    pub fn get_mut(this: &mut Shared<T>) -> Option<&mut T> {
        if Shared::strong_count(this) != 1 {
            return None;
        }
        // SAFETY: no other pointer to the value exists, and `this` is
        // borrowed mutably for as long as the reference lives.
        Some(unsafe { &mut (*this.slot.as_ptr()).body.value })
    }
}

impl<T: Stored> std::ops::Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        // SAFETY: the slot holds the value while a pointer to it exists.
        unsafe { &(*self.slot.as_ptr()).body.value }
    }
}

impl<T: Stored> Clone for Shared<T> {
    fn clone(&self) -> Self {
        let count = self.count();
        // As `Rc` does: more pointers than addresses means a leak loop.
        let Some(more) = count.get().checked_add(1) else { std::process::abort() };
        count.set(more);
        Shared { slot: self.slot, owns: PhantomData }
    }
}

impl<T: Stored> Drop for Shared<T> {
    fn drop(&mut self) {
        let count = self.count();
        let left = count.get() - 1;
        count.set(left);
        if left > 0 {
            return;
        }
        // SAFETY: the last pointer is going: drop the value once, then the
        // slot is free. Dropping it may free other slots (its children).
        unsafe { ManuallyDrop::drop(&mut (*self.slot.as_ptr()).body.value) };
        let slot = self.slot;
        // A store already gone (only while the thread itself is exiting)
        // just keeps the slot.
        let _ = T::store().try_with(|store| store.give_back(slot));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    /// A value that counts its drops.
    struct Probe(Rc<Cell<usize>>, u64);

    impl Drop for Probe {
        fn drop(&mut self) {
            self.0.set(self.0.get() + 1);
        }
    }

    thread_local! {
        static PROBES: Store<Probe> = const { Store::new() };
    }

    impl Stored for Probe {
        fn store() -> &'static LocalKey<Store<Probe>> {
            &PROBES
        }
    }

    #[test]
    fn counts_drops_and_reuse() {
        let drops = Rc::new(Cell::new(0));
        let a = Shared::new(Probe(drops.clone(), 7));
        let b = a.clone();
        assert_eq!(Shared::strong_count(&a), 2);
        assert!(Shared::ptr_eq(&a, &b));
        drop(a);
        assert_eq!(drops.get(), 0);
        let mut b = b;
        assert_eq!(b.1, 7);
        Shared::get_mut(&mut b).expect("the only pointer").1 = 9;
        assert_eq!(b.1, 9);
        let freed = Shared::as_ptr(&b);
        drop(b);
        assert_eq!(drops.get(), 1);
        // The freed slot is the next one handed out.
        let c = Shared::new(Probe(drops.clone(), 1));
        assert_eq!(Shared::as_ptr(&c), freed);
        assert!(Shared::get_mut(&mut c.clone()).is_none());
    }

    #[test]
    fn many_values_across_chunks_stay_intact() {
        let drops = Rc::new(Cell::new(0));
        // Past the first eight chunks (Miri runs the smaller count).
        let n: u64 = if cfg!(miri) { 40_000 } else { 100_000 };
        let values: Vec<_> = (0..n).map(|i| Shared::new(Probe(drops.clone(), i))).collect();
        let copies: Vec<_> = values.iter().step_by(3).cloned().collect();
        drop(values);
        assert_eq!(drops.get(), n as usize - copies.len());
        assert!(copies.iter().enumerate().all(|(i, v)| v.1 == 3 * i as u64));
        let again: Vec<_> = (0..1000u64).map(|i| Shared::new(Probe(drops.clone(), i))).collect();
        assert!(again.iter().enumerate().all(|(i, v)| v.1 == i as u64));
        assert!(copies.iter().enumerate().all(|(i, v)| v.1 == 3 * i as u64));
    }
}
