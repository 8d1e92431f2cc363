//! Renderers: pages to PDF (krilla) and to pixels (hayro). They read pages
//! and frames only; they know nothing of decks or designs.

pub mod cmyk;
pub mod pdf;
pub mod pdfx;
pub mod png;

pub use pdf::{pdf, DocInfo, RenderError};
