//! Any bytes as a deck file, through the whole pipeline: load, design,
//! impose and render every output (nothing is written). PDFs or
//! diagnostics, never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Large inputs are the loader's target; this one is about shapes.
    if data.len() > 16 * 1024 {
        return;
    }
    let base = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures"));
    let loaded = deckpress::deck::load_bytes(data.to_vec(), Path::new("deck.yaml"), base);
    let Some(deck) = loaded.deck else {
        return;
    };
    let mut diags = loaded.diagnostics;
    let wanted = deckpress::build::wanted(&deck, None);
    if let Ok(built) = deckpress::build::build(&deck, &wanted, &mut diags) {
        for f in &built.files {
            assert!(f.bytes.starts_with(b"%PDF-"), "{} is not a PDF", f.name);
        }
    }
    for d in diags.sorted() {
        let _ = d.render(&deck.source);
    }
});
