//! The whole journey from a loaded deck to output files, as the CLI runs it:
//! apply the command line's overrides, design every face, impose, render.
//! Nothing is written here; `output` writes.

use crate::deck::Deck;
use crate::design::poster::{self as poster_design, Content, Poster};
use crate::design::{self, CardFaces, Edge};
use crate::diag::Diagnostics;
use crate::frame::Frame;
use crate::geom::{fmt_mm, Mm, NamedSize};
use crate::impose;
use crate::impose::tiles::{self, TileGrid};
use crate::output::OutputFile;
use crate::render::{self, DocInfo};
use crate::text::Typesetter;

/// Settings from the command line that override the deck's.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overrides {
    pub card_size: Option<NamedSize>,
    pub bleed: Option<Mm>,
    /// The poster's bleed (`deckpress poster --bleed`).
    pub poster_bleed: Option<Mm>,
    /// A paper to tile the poster on (`--tile`).
    pub tile: Option<NamedSize>,
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
        if let Some(b) = self.poster_bleed {
            deck.poster.bleed = b;
        }
        if let Some(t) = &self.tile {
            deck.poster.tile = Some(t.clone());
        }
    }
}

/// Which outputs to make.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum What {
    /// Cards and poster (`deckpress build` and `check`).
    All,
    /// The poster only (`deckpress poster`).
    Poster,
}

/// Everything designed from a deck, ready to impose.
pub struct Designed {
    pub cards: Vec<CardFaces>,
    pub poster: Poster,
    /// The poster on office sheets, if asked for.
    pub tiles: Option<Tiled>,
}

/// The poster split over sheets: the grid, the poster as an office printer
/// prints it (no bleed), and each sheet's label.
pub struct Tiled {
    pub grid: TileGrid,
    pub poster: Frame,
    pub labels: Vec<Frame>,
}

/// Designs every face of the deck; problems go to `diags`.
pub fn design(deck: &Deck, ts: &mut Typesetter, what: What, diags: &mut Diagnostics) -> Designed {
    let cards = match what {
        What::All => design::card_faces(deck, ts, Edge::Bleed, diags),
        What::Poster => Vec::new(),
    };
    let office = Edge::Inset(poster_design::MARGIN);
    let bleeds = deck.poster.bleed > 0.0;
    let poster = poster_design::poster(deck, ts, if bleeds { Edge::Bleed } else { office }, diags);
    let tiles = deck.poster.tile.as_ref().and_then(|paper| {
        let grid = TileGrid::new(poster.frame.size, paper.size)?;
        let frame = if bleeds {
            // The same layout, so the same problems: reported once.
            let mut again = Diagnostics::default();
            poster_design::poster(deck, ts, office, &mut again).frame
        } else {
            poster.frame.clone()
        };
        let labels = grid
            .tiles()
            .iter()
            .map(|t| {
                poster_design::tile_label(
                    ts,
                    grid.label.size(),
                    (t.row, t.col),
                    (grid.rows, grid.cols),
                )
            })
            .collect();
        Some(Tiled {
            grid,
            poster: frame,
            labels,
        })
    });
    Designed {
        cards,
        poster,
        tiles,
    }
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

/// The poster's file name.
pub const POSTER_PDF: &str = "poster.pdf";
/// The tiled poster's file name.
pub const TILES_PDF: &str = "poster-tiles.pdf";

/// Renders the poster on one page (with bleed if the deck asks for it).
pub fn poster_pdf(deck: &Deck, poster: &Poster) -> Result<OutputFile, render::RenderError> {
    let bleed = deck.poster.bleed;
    let page = impose::poster_page(&poster.frame, bleed);
    let bytes = render::pdf(&[page], &doc_info(deck, "poster"))?;
    let mut summary = format!("1 page: A3 poster, {}", poster.frame.size);
    if bleed > 0.0 {
        summary.push_str(&format!(" trim + {} mm bleed", fmt_mm(bleed)));
    }
    summary.push_str(&format!(
        "; {} characteristics, behaviour {} at {} pt",
        deck.characteristics.len(),
        match poster.content {
            Content::Texts => "texts",
            Content::Titles => "titles",
        },
        fmt_mm(poster.body)
    ));
    if poster.content == Content::Titles {
        summary.push_str(&format!(
            " (their full texts do not fit at {} pt)",
            fmt_mm(poster_design::BODY_FLOOR)
        ));
    }
    Ok(OutputFile {
        name: POSTER_PDF.into(),
        bytes,
        summary,
    })
}

/// Renders the poster on office sheets to assemble.
pub fn tiles_pdf(
    deck: &Deck,
    tiled: &Tiled,
    paper: &NamedSize,
) -> Result<OutputFile, render::RenderError> {
    let g = &tiled.grid;
    let pages = tiles::tile_pages(&tiled.poster, g, tiled.labels.clone(), "sheet");
    let bytes = render::pdf(&pages, &doc_info(deck, "poster on sheets"))?;
    let paper_name = paper
        .name
        .map_or_else(|| paper.size.to_string(), |n| n.to_uppercase());
    Ok(OutputFile {
        name: TILES_PDF.into(),
        bytes,
        summary: format!(
            "{} pages: the poster on {} {} sheets ({} × {}, {}), {} mm overlap, cut and glue",
            pages.len(),
            pages.len(),
            paper_name,
            g.cols,
            g.rows,
            if g.paper.is_landscape() {
                "landscape"
            } else {
                "portrait"
            },
            fmt_mm(tiles::OVERLAP)
        ),
    })
}

/// Designs and renders every output (`deckpress build`). Returns `None`
/// if the deck has errors (they are in `diags`).
pub fn outputs(
    deck: &Deck,
    diags: &mut Diagnostics,
) -> Result<Option<Vec<OutputFile>>, render::RenderError> {
    outputs_of(deck, What::All, diags)
}

/// Designs and renders the outputs `what` names. Returns `None` if the deck
/// has errors (they are in `diags`).
pub fn outputs_of(
    deck: &Deck,
    what: What,
    diags: &mut Diagnostics,
) -> Result<Option<Vec<OutputFile>>, render::RenderError> {
    let mut ts = Typesetter::new();
    let designed = design(deck, &mut ts, what, diags);
    if diags.has_errors() {
        return Ok(None);
    }
    let mut files = Vec::new();
    if what == What::All {
        files.push(cards_pdf(deck, &designed)?);
    }
    files.push(poster_pdf(deck, &designed.poster)?);
    if let (Some(tiled), Some(paper)) = (&designed.tiles, &deck.poster.tile) {
        files.push(tiles_pdf(deck, tiled, paper)?);
    }
    Ok(Some(files))
}
