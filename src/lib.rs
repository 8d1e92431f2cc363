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
