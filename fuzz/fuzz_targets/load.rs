//! Any bytes as a deck file: diagnostics or a deck, never a panic, a hang
//! or unbounded memory.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let base = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures"));
    let loaded = deckpress::deck::load_bytes(data.to_vec(), Path::new("deck.yaml"), base);
    // Every diagnostic renders against the source.
    for d in loaded.diagnostics.sorted() {
        let _ = d.render(&loaded.source);
    }
});
