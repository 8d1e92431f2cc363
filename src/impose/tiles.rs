//! Tiling: a poster printed on several office sheets to be assembled on a
//! wall. Pure geometry: the grid of sheets, the part of the poster each
//! shows (neighbours share a strip of `OVERLAP` mm), and the sheets with
//! their marks. The sheets' labels are designed elsewhere and placed here.
//!
//! Assembly: cut every sheet along its crop marks; the hatched strip at
//! the right or bottom of a sheet is its glue margin, printed again at the
//! left or top of the neighbour, which is laid over it with its cut edge
//! on the strip's line.

use crate::frame::{Color, Frame, Stroke};
use crate::geom::{Mm, Point, Rect, Size, Transform};

use super::Page;

/// How much neighbouring sheets share, in mm.
pub const OVERLAP: Mm = 10.0;
/// Nothing is printed closer than this to a sheet's edge.
pub const MARGIN: Mm = 10.0;
/// Room kept around the poster's part for the crop marks.
const MARKS: Mm = 8.0;
/// The height of the label under the poster's part.
pub const LABEL_H: Mm = 16.0;
/// Space between the poster's part and the label.
const LABEL_GAP: Mm = 9.0;

/// Line widths (mm): crop marks and the glue strip's edge, and its hatch.
const MARK_LINE: Mm = 0.2;
const HATCH_LINE: Mm = 0.13;
const MARK_INK: Color = Color::rgb(0x1e, 0x1e, 0x1e);
const HATCH_INK: Color = Color::rgb(0x8c, 0x8c, 0x8c);

/// How a poster is split over sheets of paper.
#[derive(Clone, Debug, PartialEq)]
pub struct TileGrid {
    /// The poster's size.
    pub poster: Size,
    /// The sheet, turned the way that needs fewest sheets.
    pub paper: Size,
    pub rows: usize,
    pub cols: usize,
    /// The part of the poster each sheet shows.
    pub window: Size,
    /// Where that part's top left sits on the sheet.
    pub at: Point,
    /// Where the label goes on the sheet.
    pub label: Rect,
}

/// One sheet of a tiled poster.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tile {
    pub row: usize,
    pub col: usize,
    /// The part of the poster it shows, in the poster's coordinates.
    pub region: Rect,
}

impl TileGrid {
    /// The grid with the fewest sheets of `paper` (either way round,
    /// portrait first on a tie); `None` if the paper is too small to hold
    /// more than the overlap.
    pub fn new(poster: Size, paper: Size) -> Option<TileGrid> {
        let portrait = if paper.is_landscape() {
            paper.turned()
        } else {
            paper
        };
        [portrait, portrait.turned()]
            .into_iter()
            .filter_map(|p| TileGrid::on(poster, p))
            .min_by_key(|g| g.rows * g.cols)
    }

    fn on(poster: Size, paper: Size) -> Option<TileGrid> {
        let max_w = paper.w - 2.0 * (MARGIN + MARKS);
        let max_h = paper.h - 2.0 * (MARGIN + MARKS) - LABEL_GAP - LABEL_H;
        if max_w <= OVERLAP || max_h <= OVERLAP {
            return None;
        }
        let count = |len: Mm, max: Mm| {
            if len <= max {
                1
            } else {
                ((len - OVERLAP) / (max - OVERLAP)).ceil() as usize
            }
        };
        let cols = count(poster.w, max_w);
        let rows = count(poster.h, max_h);
        let window = Size::new(
            (poster.w + (cols - 1) as f32 * OVERLAP) / cols as f32,
            (poster.h + (rows - 1) as f32 * OVERLAP) / rows as f32,
        );
        // The part and its label, centred on the sheet.
        let block_h = window.h + LABEL_GAP + LABEL_H;
        let at = Point::new((paper.w - window.w) / 2.0, (paper.h - block_h) / 2.0);
        let label = Rect::new(at.x, at.y + window.h + LABEL_GAP, window.w, LABEL_H);
        Some(TileGrid {
            poster,
            paper,
            rows,
            cols,
            window,
            at,
            label,
        })
    }

    /// The sheets, row by row from the top left.
    pub fn tiles(&self) -> Vec<Tile> {
        let step_x = self.window.w - OVERLAP;
        let step_y = self.window.h - OVERLAP;
        let mut out = Vec::with_capacity(self.rows * self.cols);
        for row in 0..self.rows {
            for col in 0..self.cols {
                out.push(Tile {
                    row,
                    col,
                    region: Rect::new(
                        col as f32 * step_x,
                        row as f32 * step_y,
                        self.window.w,
                        self.window.h,
                    ),
                });
            }
        }
        out
    }

    /// Where a part of the poster lands on its sheet.
    pub fn on_sheet(&self, tile: &Tile, r: Rect) -> Rect {
        r.translate(self.at.x - tile.region.x, self.at.y - tile.region.y)
    }

    /// The strips of a sheet that its right and bottom neighbours cover
    /// (its glue margins), in the poster's coordinates.
    pub fn glue_strips(&self, tile: &Tile) -> Vec<Rect> {
        let r = tile.region;
        let mut out = Vec::new();
        if tile.col + 1 < self.cols {
            out.push(Rect::new(r.right() - OVERLAP, r.y, OVERLAP, r.h));
        }
        if tile.row + 1 < self.rows {
            out.push(Rect::new(r.x, r.bottom() - OVERLAP, r.w, OVERLAP));
        }
        out
    }
}

/// The sheets of a tiled poster: on each, its part of the poster (cropped
/// and clipped), crop marks at the part's corners, its glue margins
/// hatched with the line where the neighbour's edge goes, and its label
/// (`labels` in the order of `grid.tiles()`, each of the label's size).
pub fn tile_pages(poster: &Frame, grid: &TileGrid, labels: Vec<Frame>, name: &str) -> Vec<Page> {
    let tiles = grid.tiles();
    let count = tiles.len();
    let mut pages = Vec::with_capacity(count);
    for (i, (tile, label)) in tiles.iter().zip(labels).enumerate() {
        let mut frame = Frame::new(grid.paper);
        let shift = Transform::translate(grid.at.x - tile.region.x, grid.at.y - tile.region.y);
        frame.group(poster.cropped(tile.region), shift, Some(tile.region));
        for strip in grid.glue_strips(tile) {
            glue_strip(&mut frame, grid.on_sheet(tile, strip), tile, grid);
        }
        crop_marks(&mut frame, Rect::at(grid.at, grid.window));
        frame.group(
            label,
            Transform::translate(grid.label.x, grid.label.y),
            Some(Rect::from_size(grid.label.size())),
        );
        pages.push(Page {
            size: grid.paper,
            trim: None,
            bleed: None,
            frame,
            label: format!("{name} {} of {count}", i + 1),
        });
    }
    pages
}

/// Hatches a glue strip and draws its inner edge, where the neighbour's
/// cut edge is laid.
fn glue_strip(frame: &mut Frame, strip: Rect, tile: &Tile, grid: &TileGrid) {
    let mut hatch = Frame::new(grid.paper);
    let step = 2.5;
    let span = strip.w + strip.h;
    let mut d = 0.0;
    while d <= span {
        // Lines at 45°, from the strip's bottom left towards its top right.
        hatch.line(
            Point::new(strip.x + d - strip.h, strip.bottom()),
            Point::new(strip.x + d, strip.y),
            Stroke::solid(HATCH_INK, HATCH_LINE),
        );
        d += step;
    }
    frame.group(hatch, Transform::IDENTITY, Some(strip));
    let edge = Stroke::solid(MARK_INK, MARK_LINE);
    let vertical = tile.col + 1 < grid.cols && strip.h > strip.w;
    if vertical {
        frame.line(
            Point::new(strip.x, strip.y),
            Point::new(strip.x, strip.bottom()),
            edge,
        );
    } else {
        frame.line(
            Point::new(strip.x, strip.y),
            Point::new(strip.right(), strip.y),
            edge,
        );
    }
}

/// Crop marks at the corners of `r`, outside it.
fn crop_marks(frame: &mut Frame, r: Rect) {
    let (gap, len) = (2.0, MARKS - 2.5);
    let s = Stroke::solid(MARK_INK, MARK_LINE);
    for (x, dx) in [(r.x, -1.0), (r.right(), 1.0)] {
        for (y, dy) in [(r.y, -1.0), (r.bottom(), 1.0)] {
            frame.line(
                Point::new(x + dx * gap, y),
                Point::new(x + dx * (gap + len), y),
                s,
            );
            frame.line(
                Point::new(x, y + dy * gap),
                Point::new(x, y + dy * (gap + len)),
                s,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A3: Size = Size::new(297.0, 420.0);
    const A4: Size = Size::new(210.0, 297.0);
    const LETTER: Size = Size::new(215.9, 279.4);

    /// Checks that the tiles cover the poster, that neighbours share
    /// exactly `OVERLAP` and that each part and its marks and label are on
    /// the sheet's printable area.
    fn check(grid: &TileGrid) {
        let tiles = grid.tiles();
        assert_eq!(tiles.len(), grid.rows * grid.cols);
        // Coverage: every point of a fine lattice over the poster is in
        // some tile.
        let n = 60;
        for i in 0..=n {
            for j in 0..=n {
                let p = Point::new(
                    grid.poster.w * i as f32 / n as f32,
                    grid.poster.h * j as f32 / n as f32,
                );
                assert!(
                    tiles
                        .iter()
                        .any(|t| t.region.contains_rect(&Rect::new(p.x, p.y, 0.0, 0.0), 1e-3)),
                    "{p:?} is on no sheet"
                );
            }
        }
        for t in &tiles {
            // Inside the poster, the outer edges on the poster's edges.
            assert!(Rect::from_size(grid.poster).contains_rect(&t.region, 1e-3));
            if t.col + 1 == grid.cols {
                assert!((t.region.right() - grid.poster.w).abs() < 1e-3);
            }
            if t.row + 1 == grid.rows {
                assert!((t.region.bottom() - grid.poster.h).abs() < 1e-3);
            }
            for u in &tiles {
                if u.row == t.row && u.col == t.col + 1 {
                    let shared = t.region.right() - u.region.x;
                    assert!((shared - OVERLAP).abs() < 1e-3, "{shared}");
                    assert!((u.region.y - t.region.y).abs() < 1e-6);
                }
                if u.col == t.col && u.row == t.row + 1 {
                    let shared = t.region.bottom() - u.region.y;
                    assert!((shared - OVERLAP).abs() < 1e-3, "{shared}");
                }
            }
            // The part with its marks, and the label, inside the margins.
            let printable = Rect::from_size(grid.paper).inflate(-MARGIN);
            let part = Rect::at(grid.at, grid.window).inflate(MARKS - 0.5);
            assert!(printable.contains_rect(&part, 1e-3), "{part:?}");
            assert!(printable.contains_rect(&grid.label, 1e-3));
            assert!(!grid.label.overlaps(&part, 0.0));
        }
    }

    #[test]
    fn an_a3_poster_takes_four_a4_sheets() {
        let g = TileGrid::new(A3, A4).unwrap();
        assert_eq!((g.rows, g.cols), (2, 2));
        assert_eq!(g.paper, A4, "portrait sheets");
        assert!((g.window.w - 153.5).abs() < 1e-3 && (g.window.h - 215.0).abs() < 1e-3);
        check(&g);
        let t = g.tiles();
        assert_eq!(t[1].region, Rect::new(143.5, 0.0, 153.5, 215.0));
        assert_eq!(t[2].region, Rect::new(0.0, 205.0, 153.5, 215.0));
        // The top left sheet has glue margins right and bottom; the bottom
        // right one none.
        assert_eq!(g.glue_strips(&t[0]).len(), 2);
        assert_eq!(
            g.glue_strips(&t[1]),
            vec![Rect::new(143.5, 205.0, 153.5, 10.0)]
        );
        assert!(g.glue_strips(&t[3]).is_empty());
    }

    #[test]
    fn letter_and_other_sizes_are_covered_too() {
        let g = TileGrid::new(A3, LETTER).unwrap();
        assert_eq!(g.rows * g.cols, 4);
        check(&g);
        // A landscape sheet is turned when that is no worse.
        let g = TileGrid::new(A3, A4.turned()).unwrap();
        assert_eq!(g.paper, A4);
        // A wide poster on A5 takes a grid of several rows and columns,
        // turned the way that needs fewest sheets. By hand: portrait A5
        // shows at most 112 x 149 mm (6 columns, 3 rows: 18 sheets),
        // landscape 174 x 87 mm (4 columns, 6 rows: 24).
        let g = TileGrid::new(Size::new(600.0, 400.0), Size::new(148.0, 210.0)).unwrap();
        assert_eq!((g.rows, g.cols), (3, 6));
        assert!(!g.paper.is_landscape());
        check(&g);
        assert!(TileGrid::new(A3, Size::new(40.0, 60.0)).is_none());
    }

    #[test]
    fn sheets_show_their_part_with_marks_and_label() {
        let g = TileGrid::new(A3, A4).unwrap();
        let mut poster = Frame::new(A3);
        poster.fill_rect(Rect::new(0.0, 0.0, 297.0, 420.0), Color::WHITE);
        poster.fill_rect(Rect::new(200.0, 300.0, 10.0, 10.0), Color::BLACK);
        let labels = vec![Frame::new(g.label.size()); 4];
        let pages = tile_pages(&poster, &g, labels, "tile");
        assert_eq!(pages.len(), 4);
        for p in &pages {
            assert_eq!(p.size, A4);
            assert!(p.trim.is_none());
        }
        assert_eq!(pages[1].label, "tile 2 of 4");
        // The black square is only on the bottom right sheet.
        let count = |p: &Page| match &p.frame.items[0] {
            crate::frame::Item::Group { frame, clip, .. } => {
                assert!(clip.is_some());
                frame.items.len()
            }
            other => panic!("{other:?}"),
        };
        assert_eq!(count(&pages[0]), 1);
        assert_eq!(count(&pages[3]), 2);
    }
}
