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
pub mod impose;
pub mod output;
pub mod render;
pub mod text;
pub mod vector;
