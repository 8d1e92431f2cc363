//! The framework deck's PDFs are the bytes recorded in
//! `tests/fixtures/framework.sha256`: work that makes deckpress faster
//! (or tidier) must not change what it prints, down to the byte.
//!
//! A change that is meant to change the framework's PDFs (a new design, a
//! fix) records their new digests with
//! `DECKPRESS_RECORD=1 cargo test --release --test bytes`, and says why in
//! its commit.

mod common;

use common::*;
use sha2::{Digest, Sha256};

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn the_framework_s_pdfs_are_the_recorded_bytes() {
    let out = build(&root().join("deck.yaml"), "recorded-bytes", &[]);
    let mut made: Vec<(String, String)> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, hex(&Sha256::digest(std::fs::read(&p).unwrap())))
        })
        .collect();
    made.sort();
    assert!(made.len() >= 5, "{made:?}");
    let record = fixture("framework.sha256");
    let listed: String = made.iter().map(|(n, d)| format!("{d}  {n}\n")).collect();
    if std::env::var_os("DECKPRESS_RECORD").is_some() {
        std::fs::write(&record, &listed).unwrap();
        return;
    }
    let recorded = std::fs::read_to_string(&record).unwrap();
    assert_eq!(
        recorded, listed,
        "the framework's PDFs are not the recorded bytes; if the change is meant to change them, record them with DECKPRESS_RECORD=1 cargo test --release --test bytes"
    );
}
