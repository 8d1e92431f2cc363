//! The whole journey from a loaded deck to output files, as the CLI runs it:
//! apply the command line's overrides, design every face, impose, render.
//! Nothing is written here; `output` writes.

use crate::deck::Deck;
use crate::design::calibration::{self, CalibrationInfo};
use crate::design::guide::{self, GuideInfo, LabelInfo};
use crate::design::poster::{self as poster_design, Content, Poster};
use crate::design::{self, CardFaces, Edge, BUTTED_INSET};
use crate::diag::{Diagnostic, Diagnostics};
use crate::frame::Frame;
use crate::geom::{fmt_mm, Cut, Duplex, Mm, NamedSize, Point};
use crate::impose::sheets::{self, Layout, SheetLabels, SheetSpec};
use crate::impose::tiles::{self, TileGrid};
use crate::impose::{self, Page};
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
    pub paper: Option<NamedSize>,
    pub cut: Option<Cut>,
    pub duplex: Option<Duplex>,
    pub margin: Option<Mm>,
    pub back_offset: Option<Point>,
    /// Leave the printed guide out.
    pub no_guide: bool,
    /// Crop marks on the back sheets.
    pub back_marks: bool,
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
        let sheets = &mut deck.sheets;
        if let Some(p) = &self.paper {
            sheets.paper = p.clone();
            sheets.paper_at = None;
        }
        if let Some(c) = self.cut {
            sheets.cut = c;
        }
        if let Some(d) = self.duplex {
            sheets.duplex = d;
        }
        if let Some(m) = self.margin {
            sheets.margin = m;
        }
        if let Some(o) = self.back_offset {
            sheets.back_offset = o;
            sheets.back_offset_at = None;
        }
        if self.no_guide {
            sheets.guide = false;
        }
        if self.back_marks {
            sheets.back_marks = true;
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
    /// The faces with colour into the bleed, for the print-shop deck and
    /// sheets cut with gutters.
    pub cards: Vec<CardFaces>,
    /// The faces with colour kept off the trim, for sheets cut butted.
    pub inset: Option<Vec<CardFaces>>,
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
    let inset = (what == What::All && deck.sheets.cut == Cut::Butted)
        .then(|| design::card_faces(deck, ts, Edge::Inset(BUTTED_INSET), diags));
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
        inset,
        poster,
        tiles,
    }
}

impl Designed {
    /// The faces the sheets use.
    pub fn for_sheets(&self) -> &[CardFaces] {
        self.inset.as_deref().unwrap_or(&self.cards)
    }
}
/// The deck's sheet settings as imposition takes them.
pub fn sheet_spec(deck: &Deck) -> SheetSpec {
    let s = &deck.sheets;
    SheetSpec {
        paper: s.paper.size,
        card: deck.cards.size.size,
        bleed: deck.cards.bleed,
        cut: s.cut,
        duplex: s.duplex,
        margin: s.margin,
        back_offset: s.back_offset,
        back_marks: s.back_marks,
    }
}

/// Fits the deck's cards on its paper; what does not fit is an error in
/// `diags`, at the setting that chose the paper.
pub fn sheet_layout(deck: &Deck, diags: &mut Diagnostics) -> Option<Layout> {
    let s = &deck.sheets;
    if s.duplex == Duplex::Fold && (s.back_offset.x != 0.0 || s.back_offset.y != 0.0) {
        let mut d = Diagnostic::warning(
            "the back offset is not used with duplex: fold, where front and back are printed side by side",
        )
        .about("sheets, field back_offset")
        .help("remove back_offset, or print two-sided (duplex: long or short)");
        if let Some(at) = s.back_offset_at {
            d = d.at(at);
        }
        diags.push(d);
    }
    match sheets::fit(&sheet_spec(deck)) {
        Ok(l) => Some(l),
        Err(e) => {
            let mut d = Diagnostic::error(e.message)
                .about("sheets, field paper")
                .help(e.help);
            if let Some(at) = s.paper_at.or(deck.cards.size_at) {
                d = d.at(at);
            }
            diags.push(d);
            None
        }
    }
}

/// The cards' faces as imposition takes them.
fn sides(cards: &[CardFaces]) -> Vec<impose::Sides<'_>> {
    cards
        .iter()
        .map(|c| impose::Sides {
            code: &c.code,
            front: &c.front,
            back: &c.back,
        })
        .collect()
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
    let pages = impose::card_pages(&sides(&designed.cards), size, bleed);
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

fn duplex_words(d: Duplex) -> &'static str {
    match d {
        Duplex::Long => "two-sided, flip on long edge",
        Duplex::Short => "two-sided, flip on short edge",
        Duplex::Separate => "one-sided, backs on separate sheets",
        Duplex::Fold => "one-sided, front and back side by side to fold",
    }
}

fn paper_words(deck: &Deck, layout: &Layout) -> String {
    let paper = &deck.sheets.paper;
    let name = match paper.name {
        Some("letter") => "Letter".to_string(),
        Some(n) => n.to_uppercase(),
        None => format!("{}", paper.size),
    };
    let turn = if layout.sheet.is_landscape() {
        "landscape"
    } else {
        "portrait"
    };
    format!("{name} {turn}")
}

/// The pages of `sheets.pdf`: the guide (unless left out), then the
/// sheets. Problems with the guide go to `diags`.
pub fn sheet_pages(
    deck: &Deck,
    designed: &Designed,
    layout: &Layout,
    ts: &mut Typesetter,
    diags: &mut Diagnostics,
) -> Option<Vec<Page>> {
    let cards = designed.for_sheets();
    let s = &deck.sheets;
    let two_sided = matches!(s.duplex, Duplex::Long | Duplex::Short);
    let guide_pages = match (s.guide, two_sided) {
        (false, _) => 0,
        (true, true) => 2,
        (true, false) => 1,
    };
    let plan = layout.plan(cards.len(), guide_pages);
    let guide = if s.guide {
        let info = GuideInfo {
            deck_title: deck.title.plain().to_string(),
            page: layout.sheet,
            printable: layout.printable,
            paper: s.paper.clone(),
            card: deck.cards.size.clone(),
            cut: s.cut,
            bleed: layout.bleed,
            duplex: s.duplex,
            cards: plan.cards,
            sheets: plan.sheets,
            cols: layout.cols,
            rows: layout.rows,
            guide_pages,
            first_front: plan.front_page(0),
            first_back: plan.back_page(0),
            fronts: (
                plan.front_page(0),
                plan.front_page(plan.sheets.saturating_sub(1)),
            ),
            backs: (s.duplex == Duplex::Separate).then(|| {
                let last = plan.sheets.saturating_sub(1);
                (
                    plan.back_page(0).unwrap_or(0),
                    plan.back_page(last).unwrap_or(0),
                )
            }),
            last_page: plan.pages,
            back_offset: s.back_offset,
            margin: s.margin,
            fronts_at: layout.fronts.clone(),
            backs_at: if layout.fold() {
                layout.back_rects()
            } else {
                Vec::new()
            },
            mirror: layout.mirror,
        };
        match guide::guide(ts, &info) {
            Ok(pages) => pages,
            Err(e) => {
                let mut d = Diagnostic::error(e)
                    .about("sheets, field guide")
                    .help("leave the guide out (guide: false, or --no-guide), choose larger paper, or a smaller margin");
                if let Some(at) = s.paper_at {
                    d = d.at(at);
                }
                diags.push(d);
                return None;
            }
        }
    } else {
        Vec::new()
    };
    let mut labels = Vec::with_capacity(plan.sheets);
    for sheet in 0..plan.sheets {
        let on = &cards[plan.cards_on(sheet)];
        let (first, last) = match (on.first(), on.last()) {
            (Some(f), Some(l)) => (f.code.clone(), l.code.clone()),
            _ => continue,
        };
        let mut info = LabelInfo {
            sheet: sheet + 1,
            sheets: plan.sheets,
            back: false,
            fold: layout.fold(),
            first,
            last,
        };
        let front = layout
            .front_label
            .and_then(|r| guide::sheet_label(ts, &info, r.size()));
        info.back = true;
        let back = layout
            .back_label
            .and_then(|r| guide::sheet_label(ts, &info, r.size()));
        labels.push(SheetLabels { front, back });
    }
    Some(sheets::sheet_pages(
        layout,
        &plan,
        &sides(cards),
        &guide,
        &labels,
    ))
}

/// Renders the sheets for office printers.
pub fn sheets_pdf(
    deck: &Deck,
    layout: &Layout,
    pages: &[Page],
    cards: usize,
) -> Result<OutputFile, render::RenderError> {
    let bytes = render::pdf(pages, &doc_info(deck, "sheets for office printing"))?;
    let sheets = layout.sheets_for(cards);
    let guide = if deck.sheets.guide { "guide, " } else { "" };
    let summary = format!(
        "{} pages: {guide}{cards} cards on {sheets} sheet{} of {}, {} per sheet ({} × {}, {} cuts), {}",
        pages.len(),
        if sheets == 1 { "" } else { "s" },
        paper_words(deck, layout),
        layout.per_sheet(),
        layout.cols,
        layout.rows,
        deck.sheets.cut.name(),
        duplex_words(deck.sheets.duplex)
    );
    Ok(OutputFile {
        name: "sheets.pdf".into(),
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
    let layout = match what {
        What::All => sheet_layout(deck, diags),
        What::Poster => None,
    };
    if diags.has_errors() {
        return Ok(None);
    }
    let mut files = Vec::new();
    if let Some(layout) = &layout {
        let Some(pages) = sheet_pages(deck, &designed, layout, &mut ts, diags) else {
            return Ok(None);
        };
        files.push(cards_pdf(deck, &designed)?);
        files.push(sheets_pdf(deck, layout, &pages, designed.cards.len())?);
    }
    files.push(poster_pdf(deck, &designed.poster)?);
    if let (Some(tiled), Some(paper)) = (&designed.tiles, &deck.poster.tile) {
        files.push(tiles_pdf(deck, tiled, paper)?);
    }
    Ok(Some(files))
}

/// The calibration sheet for the deck's paper, orientation and duplex.
/// Returns `None` if it cannot be made (the problem is in `diags`).
pub fn calibration_pdf(
    deck: &Deck,
    diags: &mut Diagnostics,
) -> Result<Option<OutputFile>, render::RenderError> {
    let s = &deck.sheets;
    if s.duplex == Duplex::Fold {
        diags.push(
            Diagnostic::error(
                "there is nothing to calibrate with duplex: fold: front and back are printed side by side on one side of the sheet",
            )
            .about("sheets, field duplex")
            .help("calibrate for the duplex you print with: deckpress calibrate --duplex long (or short, or none)"),
        );
        return Ok(None);
    }
    let Some(layout) = sheet_layout(deck, diags) else {
        return Ok(None);
    };
    let info = CalibrationInfo {
        page: layout.sheet,
        printable: layout.printable,
        paper: s.paper.clone(),
        duplex: s.duplex,
        mirror: layout.mirror,
    };
    let mut ts = Typesetter::new();
    let (front, back) =
        match calibration::calibration(&mut ts, &info) {
            Ok(f) => f,
            Err(e) => {
                diags.push(Diagnostic::error(e).about("sheets, field paper").help(
                    "print the calibration sheet on A4, Letter or larger paper (--paper a4)",
                ));
                return Ok(None);
            }
        };
    let pages: Vec<Page> = [(front, "calibration front"), (back, "calibration back")]
        .into_iter()
        .map(|(frame, label)| Page {
            size: layout.sheet,
            trim: None,
            bleed: None,
            frame,
            label: label.into(),
        })
        .collect();
    let bytes = render::pdf(&pages, &doc_info(deck, "calibration sheet"))?;
    Ok(Some(OutputFile {
        name: "calibration.pdf".into(),
        bytes,
        summary: format!(
            "2 pages: one calibration sheet, {}, {}",
            paper_words(deck, &layout),
            duplex_words(s.duplex)
        ),
    }))
}
