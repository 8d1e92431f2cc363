//! Imposition on office paper: card faces fitted in a grid on A4, Letter,
//! A3 or any sheet, crop marks in the margins, backs placed so that each
//! lands behind its own front when the printer turns the sheet over, and a
//! fold layout for printers that print on one side only.
//!
//! This is geometry in mm and nothing else: what goes where on which page.
//! No text is laid out here; the guide page and the sheet labels arrive as
//! finished frames from `design`.
//!
//! # Which way the sheet turns over
//!
//! A duplex printer prints the front, turns the sheet over about one of its
//! edges and prints the back. "Flip on long edge" turns it about an axis
//! parallel to the sheet's long sides, "flip on short edge" about one
//! parallel to its short sides, and print dialogs promise that once the
//! sheet is turned over about that edge the back page reads upright. A
//! driver puts a landscape page on portrait paper by turning it a quarter,
//! and it turns the front and the back the same way, so the promise holds
//! in the page's own coordinates, whichever way round the paper runs
//! through the printer: all that matters is which of the *page's* sides are
//! the long ones. The point behind the front's point (x, y) on a W × H
//! page, read on the back page, is therefore:
//!
//! | page      | flip on long edge        | flip on short edge       |
//! |-----------|--------------------------|--------------------------|
//! | portrait  | (W − x, y): like a book  | (x, H − y): like a pad   |
//! | landscape | (x, H − y): like a calendar | (W − x, y): like a book |
//!
//! That reflection `M` says where each back goes: the back of the card in
//! front slot S goes to M(S). It does not yet say which way up. A card is
//! turned over from left to right, so its top stays its top: behind the
//! point (u, v) of its front, in card coordinates, is the point
//! F(u, v) = (w − u, v) of its back. The back face is therefore drawn with
//! M ∘ T ∘ F, T being the front's placement. When M mirrors across a
//! vertical line that is a plain shift: the back is drawn upright. When M
//! mirrors across a horizontal line it is a half turn: the back is drawn
//! upside down on the page and comes out upright on the card. A landscape
//! sheet flipped on its long edge is the second case; a portrait one, the
//! first. If a printer does something else (a driver that turns the back
//! page the other way), the backs come out upside down *and* behind the
//! wrong cards, which the guide page tells the user to fix by choosing the
//! other edge: a half turn of the back page is exactly the difference
//! between the two reflections.
//!
//! A fold is the same reflection, across the fold line. A one-sided
//! printer fed a second time by hand (`Duplex::Separate`) is assumed to be
//! turned over on the long edge, as the guide page tells the user to do.
//!
//! # The back offset
//!
//! Office printers put the back a little off, consistently. The user
//! measures it on the calibration sheet held to the light with its front
//! towards them: the offset is where the back lands relative to where it
//! should, *as seen from the front of the sheet*, x to the right and y
//! down, in mm. To cancel it, every back is moved by −offset as seen from
//! the front, which on the back page is the linear part of M applied to
//! −offset. The offset is measured on the sheet as printed, so it holds for
//! one paper, orientation and flip edge: the calibration sheet is printed
//! with the same ones as the deck's sheets.

use super::{place_face_with, Page, Sides};
use crate::frame::{Color, Frame, Stroke};
use crate::geom::{fmt_mm, pt_to_mm, Cut, Duplex, Mirror, Mm, Point, Pt, Rect, Size, Transform};

/// The shortest crop mark: anything shorter is hard to line a blade up
/// with.
pub const MARK_MIN: Mm = 3.0;
/// Crop marks are drawn this long when the margin allows.
pub const MARK_MAX: Mm = 6.0;
/// The least distance between the trim and the start of a crop mark, also
/// when the cards have no bleed.
pub const MARK_GAP_MIN: Mm = 2.0;
/// The weight of crop and fold marks.
pub const MARK_WEIGHT: Pt = 0.5;

/// Crop marks keep this far off the edge of a card's bleed, so that a
/// mark never touches the colour it marks.
pub const MARK_CLEAR: Mm = 0.5;

/// How far from the trim crop marks start: past the bleed and clear of
/// it, and never closer than `MARK_GAP_MIN`.
pub fn mark_gap(bleed: Mm) -> Mm {
    if bleed > 0.0 {
        (bleed + MARK_CLEAR).max(MARK_GAP_MIN)
    } else {
        MARK_GAP_MIN
    }
}
/// How far a fold may miss its line without a card's edge noticing: the
/// gap between the fronts and the backs of a fold sheet is at least twice
/// this.
pub const FOLD_ALLOWANCE: Mm = 3.0;
/// The least height of the strip of margin that carries a sheet's label.
pub const LABEL_MIN_HEIGHT: Mm = 3.2;
/// The most height given to a sheet's label.
pub const LABEL_MAX_HEIGHT: Mm = 5.0;

/// What the sheets are made from: paper, card, cut and duplex settings.
#[derive(Clone, Debug, PartialEq)]
pub struct SheetSpec {
    /// The paper, either way round: both orientations are tried.
    pub paper: Size,
    /// The card's trim, portrait.
    pub card: Size,
    /// The deck's bleed; kept around each card in `Cut::Gutter`.
    pub bleed: Mm,
    pub cut: Cut,
    pub duplex: Duplex,
    /// How far from the paper's edges the printer cannot print.
    pub margin: Mm,
    /// Where the printer puts the backs relative to their fronts, as seen
    /// from the front (x right, y down, mm); cancelled by moving the backs
    /// the other way. Unused for `Duplex::Fold`.
    pub back_offset: Point,
    /// Crop marks on back sheets too (off by default: a back never lines
    /// up perfectly, and its marks would show beside the front's).
    pub back_marks: bool,
}

/// Whether a mark shows where to cut or where to fold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKind {
    Cut,
    Fold,
}

/// A crop or fold mark: a line segment in the margin, in page coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mark {
    pub from: Point,
    pub to: Point,
    pub kind: MarkKind,
}

impl Mark {
    pub fn length(&self) -> Mm {
        (self.to.x - self.from.x).hypot(self.to.y - self.from.y)
    }

    /// The segment's bounding box (zero width or height).
    pub fn bounds(&self) -> Rect {
        let (x0, x1) = (self.from.x.min(self.to.x), self.from.x.max(self.to.x));
        let (y0, y1) = (self.from.y.min(self.to.y), self.from.y.max(self.to.y));
        Rect::new(x0, y0, x1 - x0, y1 - y0)
    }
}

/// Why no sheet layout could be made.
#[derive(Clone, Debug, PartialEq)]
pub struct FitError {
    pub message: String,
    pub help: String,
}

/// A fitted sheet: where every card's front and back goes, and the marks.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub spec: SheetSpec,
    /// The page, turned the way that fits the most cards.
    pub sheet: Size,
    /// The part of the page the printer can print on.
    pub printable: Rect,
    /// Columns and rows of fronts (of one half, on a fold sheet).
    pub cols: usize,
    pub rows: usize,
    /// How far faces are drawn past their trim on the sheet.
    pub bleed: Mm,
    /// The space between neighbouring trims.
    pub gutter: Mm,
    /// The distance between a trim and the start of its crop marks.
    pub mark_gap: Mm,
    /// The trim of each front slot, in the order cards fill them: left to
    /// right, top to bottom.
    pub fronts: Vec<Rect>,
    /// Where a point of the front lands on the back page (two-sided), or
    /// on the back half of the sheet (fold).
    pub mirror: Mirror,
    /// How every back is moved on its page to cancel the back offset.
    pub back_shift: Point,
    /// Marks on the front pages (on fold sheets: both halves and the fold
    /// line).
    pub front_marks: Vec<Mark>,
    /// Marks on the back pages; empty unless asked for.
    pub back_marks: Vec<Mark>,
    /// A strip of margin for the sheet's label, on the front and back
    /// pages.
    pub front_label: Option<Rect>,
    pub back_label: Option<Rect>,
}

/// The reflection between the two sides of a sheet of `sheet` size turned
/// over on its long edge (`long`) or its short edge. See the module
/// documentation.
pub fn flip_mirror(sheet: Size, long: bool) -> Mirror {
    // Portrait pages have vertical long sides; a square's sides are all
    // long.
    let long_sides_vertical = sheet.h >= sheet.w;
    if long == long_sides_vertical {
        Mirror::AcrossVertical(sheet.w / 2.0)
    } else {
        Mirror::AcrossHorizontal(sheet.h / 2.0)
    }
}

/// The card turned over from left to right, in card coordinates: the
/// point of the back behind each point of the front.
fn card_flip(card: Size) -> Transform {
    Transform {
        a: -1.0,
        e: card.w,
        ..Transform::IDENTITY
    }
}

impl Layout {
    /// Cards per sheet.
    pub fn per_sheet(&self) -> usize {
        self.fronts.len()
    }

    /// Sheets needed for `cards` cards.
    pub fn sheets_for(&self, cards: usize) -> usize {
        cards.div_ceil(self.per_sheet().max(1))
    }

    pub fn fold(&self) -> bool {
        self.spec.duplex == Duplex::Fold
    }

    /// Where the front in slot `i` is drawn.
    pub fn front_transform(&self, i: usize) -> Transform {
        let r = self.fronts[i];
        Transform::translate(r.x, r.y)
    }

    /// Where the back of the card in slot `i` is drawn, on the back page
    /// (or the back half of a fold sheet): mirrored, turned over with the
    /// card, and moved to cancel the back offset.
    pub fn back_transform(&self, i: usize) -> Transform {
        Transform::translate(self.back_shift.x, self.back_shift.y).after(
            &self
                .mirror
                .transform()
                .after(&self.front_transform(i).after(&card_flip(self.spec.card))),
        )
    }

    /// The trim of the back of slot `i` on its page.
    pub fn back_rect(&self, i: usize) -> Rect {
        self.mirror
            .apply_rect(&self.fronts[i])
            .translate(self.back_shift.x, self.back_shift.y)
    }

    pub fn back_rects(&self) -> Vec<Rect> {
        (0..self.fronts.len()).map(|i| self.back_rect(i)).collect()
    }

    /// The marks of a sheet whose slots `filled` hold cards (the others
    /// are empty: a deck's last sheet): the cut marks of those cards' lines
    /// only, in the same margins, and the fold marks; all of them for a
    /// full sheet. The fronts' page, then the backs'.
    pub fn marks_for(&self, filled: &[usize]) -> (Vec<Mark>, Vec<Mark>) {
        if filled.len() >= self.fronts.len() {
            return (self.front_marks.clone(), self.back_marks.clone());
        }
        let near = |a: Mm, b: Mm| (a - b).abs() < 1e-3;
        let keep = |marks: &[Mark], trims: &[Rect]| -> Vec<Mark> {
            marks
                .iter()
                .filter(|m| {
                    if m.kind != MarkKind::Cut {
                        return true;
                    }
                    let vertical = near(m.from.x, m.to.x);
                    trims.iter().any(|r| {
                        if vertical {
                            near(m.from.x, r.x) || near(m.from.x, r.right())
                        } else {
                            near(m.from.y, r.y) || near(m.from.y, r.bottom())
                        }
                    })
                })
                .copied()
                .collect()
        };
        let fronts: Vec<Rect> = filled.iter().map(|&i| self.fronts[i]).collect();
        let backs: Vec<Rect> = filled.iter().map(|&i| self.back_rect(i)).collect();
        let page: Vec<Rect> = if self.fold() {
            fronts.iter().chain(&backs).copied().collect()
        } else {
            fronts
        };
        (
            keep(&self.front_marks, &page),
            keep(&self.back_marks, &backs),
        )
    }

    /// The sheet's page numbers for `cards` cards, after `guide_pages`
    /// pages of guide.
    pub fn plan(&self, cards: usize, guide_pages: usize) -> Plan {
        let sheets = self.sheets_for(cards);
        let sheet_pages = match self.spec.duplex {
            Duplex::Fold => sheets,
            _ => 2 * sheets,
        };
        Plan {
            duplex: self.spec.duplex,
            cards,
            sheets,
            per_sheet: self.per_sheet(),
            guide_pages,
            pages: guide_pages + sheet_pages,
        }
    }

    /// A layout of `cols` × `rows` cards on a page of `sheet` size, centred;
    /// `fold_across` gives the fold line's direction for `Duplex::Fold`.
    /// `None` if anything would leave the printable area or a mark would
    /// be too short.
    fn candidate(
        spec: &SheetSpec,
        sheet: Size,
        (cols, rows): (usize, usize),
        fold_across_vertical: bool,
    ) -> Option<Layout> {
        let printable = Rect::from_size(sheet).inflate(-spec.margin);
        let (bleed, gutter) = match spec.cut {
            Cut::Gutter => (spec.bleed, 2.0 * spec.bleed),
            Cut::Butted => (0.0, 0.0),
        };
        let mark_gap = mark_gap(bleed);
        let card = spec.card;
        let block = Size::new(
            cols as Mm * card.w + (cols as Mm - 1.0) * gutter,
            rows as Mm * card.h + (rows as Mm - 1.0) * gutter,
        );
        let fold = spec.duplex == Duplex::Fold;
        let fold_gap = gutter.max(2.0 * FOLD_ALLOWANCE);
        // The fronts' block starts here; on a fold sheet the backs' block
        // is its mirror image across the centre line.
        let (x0, y0) = match (fold, fold_across_vertical) {
            (false, _) => ((sheet.w - block.w) / 2.0, (sheet.h - block.h) / 2.0),
            (true, true) => (
                sheet.w / 2.0 - fold_gap / 2.0 - block.w,
                (sheet.h - block.h) / 2.0,
            ),
            (true, false) => (
                (sheet.w - block.w) / 2.0,
                sheet.h / 2.0 - fold_gap / 2.0 - block.h,
            ),
        };
        let mut fronts = Vec::with_capacity(cols * rows);
        for r in 0..rows {
            for c in 0..cols {
                fronts.push(Rect::new(
                    x0 + c as Mm * (card.w + gutter),
                    y0 + r as Mm * (card.h + gutter),
                    card.w,
                    card.h,
                ));
            }
        }
        let (mirror, back_shift) = if fold {
            let m = if fold_across_vertical {
                Mirror::AcrossVertical(sheet.w / 2.0)
            } else {
                Mirror::AcrossHorizontal(sheet.h / 2.0)
            };
            (m, Point::default())
        } else {
            let m = flip_mirror(sheet, spec.duplex != Duplex::Short);
            let o = spec.back_offset;
            (m, m.shift(Point::new(-o.x, -o.y)))
        };
        let mut layout = Layout {
            spec: spec.clone(),
            sheet,
            printable,
            cols,
            rows,
            bleed,
            gutter,
            mark_gap,
            fronts,
            mirror,
            back_shift,
            front_marks: Vec::new(),
            back_marks: Vec::new(),
            front_label: None,
            back_label: None,
        };
        let backs = layout.back_rects();
        let front_page: Vec<Rect> = if fold {
            layout.fronts.iter().chain(&backs).copied().collect()
        } else {
            layout.fronts.clone()
        };
        let inside = |r: &Rect| printable.contains_rect(&r.inflate(bleed), 1e-3);
        if !front_page.iter().all(inside) || !backs.iter().all(inside) {
            return None;
        }
        layout.front_marks = cut_marks(&front_page, mark_gap, printable)?;
        if fold {
            layout
                .front_marks
                .extend(fold_marks(&front_page, mirror, mark_gap, printable)?);
        } else if spec.back_marks {
            layout.back_marks = cut_marks(&backs, mark_gap, printable)?;
        }
        layout.front_label = label_box(&front_page, mark_gap, printable);
        if !fold {
            layout.back_label = label_box(&backs, mark_gap, printable);
        }
        Some(layout)
    }
}

/// The smallest rectangle holding all of `rects`.
fn union(rects: &[Rect]) -> Rect {
    let x0 = rects.iter().map(|r| r.x).fold(f32::INFINITY, f32::min);
    let y0 = rects.iter().map(|r| r.y).fold(f32::INFINITY, f32::min);
    let x1 = rects
        .iter()
        .map(Rect::right)
        .fold(f32::NEG_INFINITY, f32::max);
    let y1 = rects
        .iter()
        .map(Rect::bottom)
        .fold(f32::NEG_INFINITY, f32::max);
    Rect::new(x0, y0, x1 - x0, y1 - y0)
}

/// The distinct values, sorted, merging those within 0.01 mm.
fn distinct(mut v: Vec<Mm>) -> Vec<Mm> {
    v.sort_by(f32::total_cmp);
    v.dedup_by(|a, b| (*a - *b).abs() < 0.01);
    v
}

/// A mark on the line `x = at` (vertical) or `y = at` from `start` going
/// away from the cards towards `limit` (the printable edge), at most
/// `MARK_MAX` long. `None` if there is less room than `MARK_MIN`.
fn mark(vertical: bool, at: Mm, start: Mm, limit: Mm, len: Mm, kind: MarkKind) -> Option<Mark> {
    let room = (limit - start).abs();
    if room < MARK_MIN - 1e-3 {
        return None;
    }
    let end = start + (limit - start).signum() * room.min(len);
    let (from, to) = if vertical {
        (Point::new(at, start), Point::new(at, end))
    } else {
        (Point::new(start, at), Point::new(end, at))
    };
    Some(Mark { from, to, kind })
}

/// Crop marks for cards whose trims are `trims` (a grid): every cut line,
/// at both of its ends, in the margins outside the grid, starting `gap`
/// from the trims and ending inside `printable`.
fn cut_marks(trims: &[Rect], gap: Mm, printable: Rect) -> Option<Vec<Mark>> {
    let grid = union(trims);
    let xs = distinct(trims.iter().flat_map(|r| [r.x, r.right()]).collect());
    let ys = distinct(trims.iter().flat_map(|r| [r.y, r.bottom()]).collect());
    let mut marks = Vec::with_capacity(2 * (xs.len() + ys.len()));
    for &x in &xs {
        let top = grid.y - gap;
        let bottom = grid.bottom() + gap;
        marks.push(mark(true, x, top, printable.y, MARK_MAX, MarkKind::Cut)?);
        marks.push(mark(
            true,
            x,
            bottom,
            printable.bottom(),
            MARK_MAX,
            MarkKind::Cut,
        )?);
    }
    for &y in &ys {
        let left = grid.x - gap;
        let right = grid.right() + gap;
        marks.push(mark(false, y, left, printable.x, MARK_MAX, MarkKind::Cut)?);
        marks.push(mark(
            false,
            y,
            right,
            printable.right(),
            MARK_MAX,
            MarkKind::Cut,
        )?);
    }
    Some(marks)
}

/// The fold line's ends, in the margins: from `gap` outside the cards to
/// the printable edge.
fn fold_marks(trims: &[Rect], mirror: Mirror, gap: Mm, printable: Rect) -> Option<Vec<Mark>> {
    let grid = union(trims);
    let far = Mm::INFINITY;
    Some(match mirror {
        Mirror::AcrossVertical(x) => vec![
            mark(true, x, grid.y - gap, printable.y, far, MarkKind::Fold)?,
            mark(
                true,
                x,
                grid.bottom() + gap,
                printable.bottom(),
                far,
                MarkKind::Fold,
            )?,
        ],
        Mirror::AcrossHorizontal(y) => vec![
            mark(false, y, grid.x - gap, printable.x, far, MarkKind::Fold)?,
            mark(
                false,
                y,
                grid.right() + gap,
                printable.right(),
                far,
                MarkKind::Fold,
            )?,
        ],
    })
}

/// A strip of margin for a label: below the cards (else above them), as
/// wide as the first column's cards less 1 mm each side so that it stays
/// clear of the crop marks, and inside `printable`.
fn label_box(trims: &[Rect], gap: Mm, printable: Rect) -> Option<Rect> {
    let grid = union(trims);
    let first = trims
        .iter()
        .min_by(|a, b| a.x.total_cmp(&b.x).then(a.y.total_cmp(&b.y)))?;
    let (x, w) = (first.x + 1.0, first.w - 2.0);
    let below = (grid.bottom() + gap, printable.bottom());
    let above = (printable.y, grid.y - gap);
    for (top, bottom) in [below, above] {
        let h = (bottom - top).min(LABEL_MAX_HEIGHT);
        if h >= LABEL_MIN_HEIGHT && w > 0.0 {
            // Against the far edge of the strip, away from the cards.
            let y = if top > grid.y { bottom - h } else { top };
            return Some(Rect::new(x, y, w, h));
        }
    }
    None
}

/// Fits the most cards on the paper: tries both orientations (and for a
/// fold, both directions of the fold line) and every grid, keeping every
/// card, its bleed and every mark inside the printable area, the backs
/// too after the back offset.
pub fn fit(spec: &SheetSpec) -> Result<Layout, FitError> {
    let portrait = Size::new(
        spec.paper.w.min(spec.paper.h),
        spec.paper.w.max(spec.paper.h),
    );
    let mut orientations = vec![portrait];
    if portrait.w != portrait.h {
        orientations.push(portrait.turned());
    }
    let folds: &[bool] = if spec.duplex == Duplex::Fold {
        &[true, false]
    } else {
        &[true]
    };
    let mut best: Option<Layout> = None;
    for &sheet in &orientations {
        for &across_vertical in folds {
            // A generous bound; candidates that do not fit are refused.
            let max_cols = (sheet.w / spec.card.w).floor() as usize;
            let max_rows = (sheet.h / spec.card.h).floor() as usize;
            for cols in (1..=max_cols).rev() {
                for rows in (1..=max_rows).rev() {
                    let count = cols * rows;
                    if best.as_ref().is_some_and(|b| b.per_sheet() >= count) {
                        continue;
                    }
                    if let Some(l) = Layout::candidate(spec, sheet, (cols, rows), across_vertical) {
                        best = Some(l);
                    }
                }
            }
        }
    }
    best.ok_or_else(|| no_fit(spec))
}

/// Explains why nothing fits.
fn no_fit(spec: &SheetSpec) -> FitError {
    let (bleed, gap) = match spec.cut {
        Cut::Gutter => (spec.bleed, mark_gap(spec.bleed)),
        Cut::Butted => (0.0, mark_gap(0.0)),
    };
    let around = spec.margin + gap + MARK_MIN;
    let offset = spec.back_offset;
    let extra = if spec.duplex == Duplex::Fold {
        0.0
    } else {
        offset.x.abs().max(offset.y.abs())
    };
    let mut need = Size::new(spec.card.w + 2.0 * around, spec.card.h + 2.0 * around);
    if spec.duplex == Duplex::Fold {
        need.w += spec.card.w + (2.0 * bleed).max(2.0 * FOLD_ALLOWANCE);
    }
    let message = format!(
        "a {} card does not fit on {} paper{}: with {} mm of unprintable margin{} and room for crop marks, one card needs a sheet of at least {}",
        spec.card,
        spec.paper,
        if spec.duplex == Duplex::Fold {
            " with its back beside it (duplex: fold)"
        } else {
            ""
        },
        fmt_mm(spec.margin),
        if bleed > 0.0 {
            format!(" and {} mm of bleed", fmt_mm(bleed))
        } else {
            String::new()
        },
        need
    );
    let mut help = String::from(
        "choose larger paper (sheets: paper, or --paper a3) or a smaller card (cards: size, or --card-size)",
    );
    if spec.cut == Cut::Gutter && spec.bleed > 0.0 {
        help.push_str(", or cut butted (--cut butted) to do without the bleed");
    }
    if spec.duplex == Duplex::Fold {
        help.push_str(", or print two-sided (--duplex long)");
    }
    if extra > 0.0 {
        help.push_str(&format!(
            "; the back offset of {},{} mm also takes room",
            fmt_mm(offset.x),
            fmt_mm(offset.y)
        ));
    }
    FitError { message, help }
}

/// Page numbers of a sheets document, 1-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plan {
    pub duplex: Duplex,
    pub cards: usize,
    pub sheets: usize,
    pub per_sheet: usize,
    pub guide_pages: usize,
    pub pages: usize,
}

impl Plan {
    /// The page of sheet `s`'s fronts (0-based sheet).
    pub fn front_page(&self, s: usize) -> usize {
        self.guide_pages
            + 1
            + match self.duplex {
                Duplex::Long | Duplex::Short => 2 * s,
                Duplex::Separate | Duplex::Fold => s,
            }
    }

    /// The page of sheet `s`'s backs, if they are on a page of their own.
    pub fn back_page(&self, s: usize) -> Option<usize> {
        match self.duplex {
            Duplex::Long | Duplex::Short => Some(self.front_page(s) + 1),
            Duplex::Separate => Some(self.guide_pages + self.sheets + 1 + s),
            Duplex::Fold => None,
        }
    }

    /// The first and last page of the sheets (after the guide).
    pub fn sheet_pages(&self) -> (usize, usize) {
        (self.guide_pages + 1, self.pages)
    }

    /// The cards (0-based, in deck order) on sheet `s`.
    pub fn cards_on(&self, s: usize) -> std::ops::Range<usize> {
        let start = s * self.per_sheet;
        start.min(self.cards)..(start + self.per_sheet).min(self.cards)
    }
}

/// Labels for one sheet, as designed for the layout's label strips.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SheetLabels {
    pub front: Option<Frame>,
    pub back: Option<Frame>,
}

/// The pages of a sheets document: the guide's pages (each the sheet's
/// size), then the sheets in the plan's order, cards in deck order.
pub fn sheet_pages(
    layout: &Layout,
    plan: &Plan,
    cards: &[Sides],
    guide: &[Frame],
    labels: &[SheetLabels],
) -> Vec<Page> {
    let size = layout.sheet;
    let mut pages: Vec<Page> = guide
        .iter()
        .enumerate()
        .map(|(i, f)| Page {
            size,
            trim: None,
            bleed: None,
            frame: f.clone(),
            label: if i == 0 {
                "guide".into()
            } else {
                format!("guide {}", i + 1)
            },
        })
        .collect();
    let mut fronts = Vec::with_capacity(plan.sheets);
    let mut backs = Vec::with_capacity(plan.sheets);
    for s in 0..plan.sheets {
        let on = &cards[plan.cards_on(s)];
        let label = labels.get(s).cloned().unwrap_or_default();
        let filled: Vec<usize> = (0..on.len()).filter(|&i| !on[i].code.is_empty()).collect();
        let (front_marks, back_marks) = layout.marks_for(&filled);
        let mut front = Frame::new(size);
        for (i, card) in on.iter().enumerate() {
            // An empty slot of a deck's last sheet, when copies follow.
            if card.code.is_empty() {
                continue;
            }
            place_face_with(
                &mut front,
                card.front,
                layout.front_transform(i),
                layout.bleed,
            );
            if layout.fold() {
                place_face_with(
                    &mut front,
                    card.back,
                    layout.back_transform(i),
                    layout.bleed,
                );
            }
        }
        draw_marks(&mut front, &front_marks);
        place_label(&mut front, label.front, layout.front_label);
        let n = s + 1;
        fronts.push(Page {
            size,
            trim: None,
            bleed: None,
            frame: front.compact(),
            label: if layout.fold() {
                format!("sheet {n}")
            } else {
                format!("sheet {n} front")
            },
        });
        if layout.fold() {
            continue;
        }
        let mut back = Frame::new(size);
        for (i, card) in on.iter().enumerate() {
            if card.code.is_empty() {
                continue;
            }
            place_face_with(&mut back, card.back, layout.back_transform(i), layout.bleed);
        }
        draw_marks(&mut back, &back_marks);
        place_label(&mut back, label.back, layout.back_label);
        backs.push(Page {
            size,
            trim: None,
            bleed: None,
            frame: back.compact(),
            label: format!("sheet {n} back"),
        });
    }
    match layout.spec.duplex {
        Duplex::Long | Duplex::Short => {
            for (f, b) in fronts.into_iter().zip(backs) {
                pages.push(f);
                pages.push(b);
            }
        }
        Duplex::Separate | Duplex::Fold => {
            pages.extend(fronts);
            pages.extend(backs);
        }
    }
    pages
}

/// The stroke of crop and fold marks.
pub fn mark_stroke(kind: MarkKind) -> Stroke {
    let mut s = Stroke::solid(Color::BLACK, pt_to_mm(MARK_WEIGHT));
    if kind == MarkKind::Fold {
        s.dash = Some((1.2, 0.8));
    }
    s
}

fn draw_marks(frame: &mut Frame, marks: &[Mark]) {
    for m in marks {
        frame.line(m.from, m.to, mark_stroke(m.kind));
    }
}

fn place_label(frame: &mut Frame, label: Option<Frame>, strip: Option<Rect>) {
    if let (Some(l), Some(r)) = (label, strip) {
        frame.group(
            l,
            Transform::translate(r.x, r.y),
            Some(Rect::from_size(r.size())),
        );
    }
}

#[cfg(test)]
mod tests;
