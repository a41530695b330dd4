//! The allocator tuned for dcalc's way of using memory: many small nodes,
//! built fast, freed (if at all) at the end. Only glibc is tuned; on other
//! targets these are no-ops.

use std::alloc::{GlobalAlloc, Layout, System};

/// glibc grows a thread's heap a page run at a time and gives memory back
/// as soon as it can: on a 5,000-term sum that is 2,300 mprotect calls, on
/// a 100,000-term sum 13,000. A thread heap made whole (64 MiB, address
/// space only: a page costs memory when first touched) at once, trimming
/// only past 256 MiB, and blocks up to 32 MiB kept in the heap (where they
/// get huge pages) rather than mapped apart, keep the process's memory use
/// the same and the system calls few.
pub fn tune() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets allocator parameters; it is called before
    // any other thread exists.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, 64 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 256 << 20);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
    }
}

/// The system allocator, asking for transparent huge pages on the memory it
/// hands out. A large derivative touches thousands of fresh 4 KiB pages, and
/// each first touch is a page fault (a fifth of the run on a 10,000-term
/// sum), and walking a tree scattered over them misses the TLB at every
/// node. With 2 MiB pages both nearly vanish. glibc does this itself under
/// `GLIBC_TUNABLES=glibc.malloc.hugetlb=1`, which a program cannot set for
/// itself; so each 64 MiB region a small allocation lands in (a thread's
/// heap) is advised once, when first seen. Where the
/// kernel gives huge pages only on request (`madvise` mode, the common
/// default) this is the request; elsewhere it changes nothing.
pub struct HugePages;

/// What glibc needs: the regions it heaps in, and the advice on them.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod glibc {
    use std::cell::Cell;

    /// Size and alignment of a glibc thread heap (HEAP_MAX_SIZE on 64-bit:
    /// twice the largest mmap threshold); glibc itself finds a chunk's heap by
    /// masking its address the same way.
    const REGION_BYTES: usize = 64 << 20;

    thread_local! {
        /// The regions this thread last advised (a thread allocates from its
        /// own heap, so this rarely changes).
        static ADVISED: Cell<[usize; 4]> = const { Cell::new([usize::MAX; 4]) };
    }

    /// Blocks this large are left alone: glibc maps them apart from any heap
    /// (so their region says nothing of where heaps are), and a block that
    /// grows by mremap would have its huge pages split at every move.
    const LEFT_ALONE_FROM: usize = 1 << 20;

    pub fn advise(block: *mut u8, size: usize) {
        if block.is_null() || size >= LEFT_ALONE_FROM {
            return;
        }
        // Small blocks come from a heap: advised once per region.
        let region = block as usize & !(REGION_BYTES - 1);
        let Ok(seen) = ADVISED.try_with(Cell::get) else { return };
        if seen.contains(&region) {
            return;
        }
        let _ = ADVISED.try_with(|a| a.set([region, seen[0], seen[1], seen[2]]));
        // SAFETY: MADV_HUGEPAGE is advice on how pages are backed: it never
        // changes what memory holds or whether it is mapped, so the parts of
        // the range that are not the allocator's are left as they were in
        // every way that matters. Failure (a gap in the range) is harmless.
        unsafe {
            libc::madvise(region as *mut libc::c_void, REGION_BYTES, libc::MADV_HUGEPAGE);
        }
    }
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
use glibc::advise;

/// Elsewhere there is nothing to advise.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn advise(_block: *mut u8, _size: usize) {}

// SAFETY: every call is passed to the system allocator unchanged; `advise`
// only looks at the address returned.
unsafe impl GlobalAlloc for HugePages {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        let block = unsafe { System.alloc(layout) };
        advise(block, layout.size());
        block
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        let block = unsafe { System.alloc_zeroed(layout) };
        advise(block, layout.size());
        block
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        let block = unsafe { System.realloc(ptr, layout, new_size) };
        advise(block, new_size);
        block
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract, passed on.
        unsafe { System.dealloc(ptr, layout) }
    }
}
