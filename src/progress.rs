//! How far a long build has got, for the progress bar `deckpress` shows
//! on a terminal: the step under way and, where it is counted, how many
//! of its items are done. Set from any thread; read by the bar's thread.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

static DONE: AtomicUsize = AtomicUsize::new(0);
static TOTAL: AtomicUsize = AtomicUsize::new(0);
static STEP: Mutex<&'static str> = Mutex::new("");

/// A step begins: `total` items to do (0 when they are not counted).
pub fn step(name: &'static str, total: usize) {
    *STEP.lock().unwrap_or_else(|e| e.into_inner()) = name;
    DONE.store(0, Ordering::Relaxed);
    TOTAL.store(total, Ordering::Relaxed);
}

/// One more item of the step is done.
pub fn tick() {
    DONE.fetch_add(1, Ordering::Relaxed);
}

/// The step under way, and its items done and in all.
pub fn now() -> (&'static str, usize, usize) {
    let step = *STEP.lock().unwrap_or_else(|e| e.into_inner());
    (
        step,
        DONE.load(Ordering::Relaxed),
        TOTAL.load(Ordering::Relaxed),
    )
}
