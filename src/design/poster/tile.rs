//! The label of a tile of the poster printed on office sheets.

use crate::deck::{Key, Labels};
use crate::frame::{Frame, Path, Stroke};
use crate::geom::{Rect, Size};
use crate::text::{Align, Rich, Style, Typesetter};

use super::BODY_FLOOR;
use crate::design::{draw, ink};

/// The label of one tile of a poster printed on several sheets: a map of
/// the sheets with this one filled, and its number and place ("2 of 4, top
/// right"), set in `size`. These few words are the only ones not taken
/// from the deck: they are instructions for assembling the sheets.
pub fn tile_label(
    ts: &mut Typesetter,
    labels: &Labels,
    size: Size,
    (row, col): (usize, usize),
    (rows, cols): (usize, usize),
) -> Frame {
    let mut frame = Frame::new(size);
    let cell_h = (size.h / rows.max(1) as f32).min(10.0);
    let cell_w = cell_h * 0.72;
    let map = Rect::new(
        0.0,
        (size.h - cell_h * rows as f32) / 2.0,
        cell_w * cols as f32,
        cell_h * rows as f32,
    );
    let line = Stroke::solid(ink::MUTED, 0.25);
    for r in 0..rows {
        for c in 0..cols {
            let cell = Rect::new(
                map.x + c as f32 * cell_w,
                map.y + r as f32 * cell_h,
                cell_w,
                cell_h,
            );
            if (r, c) == (row, col) {
                frame.fill_rect(cell, ink::TEXT);
            }
            frame.stroke_path(Path::rounded_rect(cell, 0.0), line);
        }
    }
    let index = row * cols + col + 1;
    let label = labels.fill(
        Key::TileOf,
        &[
            ("n", &index.to_string()),
            ("total", &(rows * cols).to_string()),
            ("place", &place_name(labels, (row, col), (rows, cols))),
        ],
    );
    let style = Style::new(BODY_FLOOR, ink::TEXT).align(Align::Left);
    if let Ok(b) = ts.layout(
        &Rich::plain(&label).all_bold(),
        &style,
        size.w - map.w - 4.0,
    ) {
        draw(&mut frame, &b, map.right() + 4.0, (size.h - b.height) / 2.0);
    }
    frame
}

/// Where a tile sits: "top right", "middle left", or "row 2, column 3" in
/// grids larger than three by three.
pub(super) fn place_name(
    l: &Labels,
    (row, col): (usize, usize),
    (rows, cols): (usize, usize),
) -> String {
    let along = |i: usize, n: usize, first: Key, mid: Key, last: Key| match n {
        1 => None,
        2 => Some(if i == 0 { first } else { last }),
        3 => Some([first, mid, last][i.min(2)]),
        _ => None,
    };
    if rows > 3 || cols > 3 {
        return l.fill(
            Key::TileRowColumn,
            &[
                ("row", &(row + 1).to_string()),
                ("column", &(col + 1).to_string()),
            ],
        );
    }
    match (
        along(row, rows, Key::TileTop, Key::TileMiddle, Key::TileBottom),
        along(col, cols, Key::TileLeft, Key::TileCentre, Key::TileRight),
    ) {
        (Some(r), Some(c)) => l.fill(Key::TilePlace, &[("row", &l.get(r)), ("column", &l.get(c))]),
        (Some(r), None) => l.get(r),
        (None, Some(c)) => l.get(c),
        (None, None) => l.get(Key::TileWhole),
    }
}
