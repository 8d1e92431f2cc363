//! deckpress: one `deck.yaml` to print-ready PDFs for workshops.
//!
//! Data flows one way: `deck` (load and validate) → `design` (one Frame per
//! face) → `impose` (pages) → `render` (PDF, PNG). See `DESIGN.md` of the
//! project and the README.

// Diagnostics are rich (place, card and field, help, notes) and errors are
// rare: their size does not matter.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod deck;
pub mod design;
pub mod diag;
pub mod files;
pub mod fonts;
pub mod frame;
pub mod geom;
pub mod import;
pub mod impose;
pub mod output;
pub mod progress;
pub mod render;
pub mod shop;
pub mod text;
pub mod vector;

/// Hands the memory the program has freed back to the system, where a
/// large build has just let go of much of it (the cards' texts once they
/// are designed, the faces as their pages are written). glibc's allocator
/// keeps freed memory in each thread's own pool, where the threads that
/// write the PDFs cannot use it: a deck of 3,700 cards kept about 20 MB
/// more resident without this. Elsewhere, nothing to do.
pub fn give_back_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns unused pages of the allocator's
    // pools to the system; it is safe to call from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// How many threads a build uses: one per core (at most 8), or what
/// `DECKPRESS_THREADS` says (1 builds everything on one thread; the files
/// are the same, byte for byte, whatever the number).
pub fn threads() -> usize {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| {
        std::env::var("DECKPRESS_THREADS")
            .ok()
            .and_then(|v| v.trim().parse::<usize>().ok())
            .filter(|&n| n > 0)
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .min(8)
    })
}
