//! The whole journey from a loaded deck to output files, as the CLI runs it:
//! apply the command line's overrides, design every face, impose, render.
//! Nothing is written here; `output` writes.

use crate::deck::Deck;
use crate::design::{self, CardFaces, Edge};
use crate::diag::Diagnostics;
use crate::geom::{fmt_mm, Mm, NamedSize};
use crate::impose;
use crate::output::OutputFile;
use crate::render::{self, DocInfo};
use crate::text::Typesetter;

/// Settings from the command line that override the deck's.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overrides {
    pub card_size: Option<NamedSize>,
    pub bleed: Option<Mm>,
}

impl Overrides {
    pub fn apply(&self, deck: &mut Deck) {
        if let Some(s) = &self.card_size {
            deck.cards.size = s.clone();
            deck.cards.size_at = None;
        }
        if let Some(b) = self.bleed {
            deck.cards.bleed = b;
        }
    }
}

/// Everything designed from a deck, ready to impose.
pub struct Designed {
    pub cards: Vec<CardFaces>,
}

/// Designs every face of the deck; problems go to `diags`.
pub fn design(deck: &Deck, ts: &mut Typesetter, diags: &mut Diagnostics) -> Designed {
    let cards = design::card_faces(deck, ts, Edge::Bleed, diags);
    Designed { cards }
}

fn doc_info(deck: &Deck, what: &str) -> DocInfo {
    DocInfo {
        title: format!("{} — {what}", deck.title.plain()),
        subject: deck.credit.as_ref().map(|c| c.plain().to_string()),
        language: deck.language.clone(),
    }
}

/// Renders the print-shop deck: one face per page with bleed.
pub fn cards_pdf(deck: &Deck, designed: &Designed) -> Result<OutputFile, render::RenderError> {
    let size = deck.cards.size.size;
    let bleed = deck.cards.bleed;
    let pages = impose::card_pages(&designed.cards, size, bleed);
    let bytes = render::pdf(&pages, &doc_info(deck, "cards"))?;
    let content_backs = designed.cards.iter().filter(|c| c.back_has_content).count();
    let mut summary = format!(
        "{} pages: {} cards, front and back, {} trim + {} mm bleed",
        pages.len(),
        designed.cards.len(),
        deck.cards.size,
        fmt_mm(bleed)
    );
    if content_backs > 0 {
        summary.push_str(&format!(
            "; {content_backs} summary card{} continued on the back",
            if content_backs == 1 { "" } else { "s" }
        ));
    }
    Ok(OutputFile {
        name: "cards.pdf".into(),
        bytes,
        summary,
    })
}

/// Designs and renders every output. Returns `None` if the deck has
/// errors (they are in `diags`).
pub fn outputs(
    deck: &Deck,
    diags: &mut Diagnostics,
) -> Result<Option<Vec<OutputFile>>, render::RenderError> {
    let mut ts = Typesetter::new();
    let designed = design(deck, &mut ts, diags);
    if diags.has_errors() {
        return Ok(None);
    }
    Ok(Some(vec![cards_pdf(deck, &designed)?]))
}
