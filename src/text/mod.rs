//! Text: inline markup to styled spans, and paragraphs to positioned glyph
//! runs with the bundled fonts, fitted to their boxes.

pub mod coverage;
pub mod layout;
pub mod markup;

pub use layout::{Align, Block, Style, TextError, Typesetter};
pub use markup::Rich;
