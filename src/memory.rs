//! A bound on the memory a person's own template may take while it renders. minijinja bounds
//! the work a template does (fuel) and the repetition of a string, but not the size of what
//! it builds by joining: `{% set a = "x" * 100000000 %}` and ten concatenations asked for a
//! gigabyte and ended the process with an allocation failure. learnlead's allocator counts
//! what is allocated while a user template renders ([`with_budget`]); past the budget it says
//! so and ends the process with status 2, as for any broken input, before the allocation is
//! made. Outside such a render it only passes allocations on.
//!
//! A leaf: it imports nothing of ours.

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

/// The allocator `main` installs: the system's, counting while a budget is active.
pub struct Counting;

static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Bytes allocated and not yet freed since the budget began (may dip below zero: memory from
/// before is freed too, so it wraps; compared as signed).
static GROWN: AtomicUsize = AtomicUsize::new(0);
static LIMIT: AtomicUsize = AtomicUsize::new(usize::MAX);
/// What is said when the budget is spent, made before the render (saying it allocates nothing).
static MESSAGE: Mutex<&'static str> = Mutex::new("");

/// The most a user's template may add to learnlead's memory while it renders.
pub const TEMPLATE_BUDGET: usize = 512 << 20;

/// Runs `render` with at most `limit` bytes more memory in use; past it, `message` is printed
/// and the process ends with status 2. Only where `main` installed [`Counting`]; elsewhere
/// (unit tests) it just runs `render`.
pub fn with_budget<T>(limit: usize, message: String, render: impl FnOnce() -> T) -> T {
    if let Ok(mut m) = MESSAGE.lock() {
        *m = Box::leak(message.into_boxed_str());
    }
    GROWN.store(0, Ordering::SeqCst);
    LIMIT.store(limit, Ordering::SeqCst);
    ACTIVE.store(true, Ordering::SeqCst);
    let out = render();
    ACTIVE.store(false, Ordering::SeqCst);
    out
}

fn charge(bytes: usize) {
    let now = GROWN
        .fetch_add(bytes, Ordering::Relaxed)
        .wrapping_add(bytes);
    if (now as isize) > LIMIT.load(Ordering::Relaxed) as isize {
        spent();
    }
}

fn refund(bytes: usize) {
    GROWN.fetch_sub(bytes, Ordering::Relaxed);
}

#[cold]
fn spent() -> ! {
    ACTIVE.store(false, Ordering::SeqCst);
    let message = MESSAGE.lock().map_or("", |m| *m);
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(b"error: ");
    let _ = err.write_all(message.as_bytes());
    let _ = err.write_all(b"\n");
    let _ = err.flush();
    std::process::exit(2)
}

// SAFETY: every call is passed on to the system allocator unchanged; the counting around it
// allocates nothing, and `spent` ends the process rather than unwinding.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if ACTIVE.load(Ordering::Relaxed) {
            charge(layout.size());
        }
        // SAFETY: the caller's layout, as GlobalAlloc requires.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if ACTIVE.load(Ordering::Relaxed) {
            charge(layout.size());
        }
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if ACTIVE.load(Ordering::Relaxed) {
            refund(layout.size());
        }
        // SAFETY: `ptr` came from this allocator with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if ACTIVE.load(Ordering::Relaxed) {
            match new_size.checked_sub(layout.size()) {
                Some(more) => charge(more),
                None => refund(layout.size() - new_size),
            }
        }
        // SAFETY: as GlobalAlloc::realloc requires of its caller.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}
