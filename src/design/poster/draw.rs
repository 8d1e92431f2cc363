//! Drawing a chosen poster layout: the colour stripe of the header, and
//! each panel in its place with its band, tagline, pills and list.

use crate::deck::Deck;
use crate::diag::Diagnostics;
use crate::frame::{Color, Frame, Path, Role, Structure};
use crate::geom::{pt_to_mm, Mm, Point, Rect};

use super::layout::{subject, Layout, Panel, PillsAt, Sizes};
use crate::design::{draw, place_icon};

/// How much taller than their content rows may be drawn.
const MAX_STRETCH: f32 = 1.5;

/// Paints the panels of `layout` in `area`: rows share the height in
/// proportion to what they hold.
pub(super) fn panels(
    frame: &mut Frame,
    layout: &Layout,
    area: Rect,
    st: &mut Structure,
    diags: &mut Diagnostics,
) {
    let sz = layout.sizes;
    let gap = sz.panel_gap();
    let gaps = (layout.rows.len() as f32 - 1.0).max(0.0) * gap;
    let natural: Mm = layout.row_heights.iter().sum();
    // Rows grow into the room they have, but not into long empty panels:
    // past half as tall again, the rest of the page is left free.
    let scale = if natural > 0.0 {
        ((area.h - gaps) / natural).min(MAX_STRETCH)
    } else {
        1.0
    };
    let mut py = area.y;
    for ((row, natural), band) in layout
        .rows
        .iter()
        .zip(&layout.row_heights)
        .zip(&layout.row_bands)
    {
        let h = natural * scale;
        let w = sz.row_width(area.w, row.len());
        // The room the row gained, shared above and below its content.
        let air = (h - natural) / 2.0;
        for (j, p) in layout.panels[row.clone()].iter().enumerate() {
            let x = area.x + j as f32 * (w + gap);
            let rect = Rect::new(x, py, w, h);
            draw_panel(frame, p, &sz, (rect, *band, air), st, diags);
        }
        py += h + gap;
    }
}

/// The characteristics' colours side by side, each as wide as its share of
/// the behaviours.
pub(super) fn stripe_band(frame: &mut Frame, deck: &Deck, rect: Rect) {
    let total: usize = deck
        .characteristics
        .iter()
        .map(|c| c.behaviours.len().max(1))
        .sum();
    let mut x = rect.x;
    for (i, c) in deck.characteristics.iter().enumerate() {
        let last = i + 1 == deck.characteristics.len();
        let w = if last {
            rect.right() - x
        } else {
            rect.w * c.behaviours.len().max(1) as f32 / total as f32
        };
        // A hair of overlap, so that no white line shows between colours.
        let extra = if last { 0.0 } else { 0.2 };
        frame.fill_rect(Rect::new(x, rect.y, w + extra, rect.h), c.colour);
        x += w;
    }
}

/// Paints a panel in `rect` with a band `band_h` high, its body's content
/// `air` below where it would start in a panel of its natural height.
fn draw_panel(
    frame: &mut Frame,
    p: &Panel,
    sz: &Sizes,
    (rect, band_h, air): (Rect, Mm, Mm),
    st: &mut Structure,
    diags: &mut Diagnostics,
) {
    // Its section in the poster's structure: the heading (number and
    // name), the icon, the tagline, the pillars, the list.
    let sect = st.add(Role::Section, None);
    let heading = st.add(Role::Heading(2), Some(sect));
    st.bookmarks
        .push((format!("{} {}", p.c.number, p.c.name.plain()), heading));
    let pal = p.pal;
    let gap = sz.gap();
    frame.fill_path(Path::rounded_rect(rect, sz.radius()), pal.tint);
    let band = Rect::new(rect.x, rect.y, rect.w, band_h);
    frame.fill_path(Path::rounded_rect(band, sz.radius()), pal.fill);
    frame.fill_rect(
        Rect::new(band.x, band.bottom() - sz.radius(), band.w, sz.radius()),
        pal.fill,
    );

    // The band: icon, number and name from the left, pills at the right,
    // each centred on the band's middle (the name's first line on it).
    let mut x = band.x + sz.pad_x();
    let right = band.right() - sz.pad_x();
    let mid = band.y + band.h / 2.0;
    let name_top = band.y + sz.band_pad() + (band.h - 2.0 * sz.band_pad() - p.name.height) / 2.0;
    if let Some(asset) = &p.c.icon {
        let s = sz.icon();
        let alt =
            p.c.icon_alt
                .as_ref()
                .unwrap_or(&p.c.name)
                .plain()
                .to_string();
        let (from, figure) = (frame.items.len(), st.add(Role::Figure(alt), Some(sect)));
        place_icon(
            frame,
            asset,
            Rect::new(x, mid - s / 2.0, s, s),
            pal.on_fill,
            &subject(p.c),
            diags,
        );
        frame.mark(from, figure);
        x += s + 1.2 * gap;
    }
    let from = frame.items.len();
    draw(frame, &p.number, x, name_top);
    x += p.number.width + 1.6 * gap;
    draw(frame, &p.name, x, name_top);
    frame.mark(from, heading);
    let pillars = (!p.pills.is_empty()).then(|| st.add(Role::Paragraph, Some(sect)));
    let pills = sz.pills();
    // A row of pills ending at `right`, centred on `mid`.
    // Each pill's word is part of the pillars' paragraph; its background
    // is decoration.
    let pill_row = |frame: &mut Frame, mid: Mm, colour: Color| {
        let mut x = right - pills.row_width(&p.pills);
        for b in &p.pills {
            let h = b.height + 2.0 * pills.pad.1;
            let from = frame.items.len() + 1;
            x = pills
                .draw(frame, b, Point::new(x, mid - h / 2.0), colour)
                .right()
                + pills.gap;
            if let Some(node) = pillars {
                frame.mark(from, node);
            }
        }
    };
    if p.pills_at == PillsAt::Band {
        pill_row(frame, mid, pal.on_fill);
    }

    // The body, from the top, so that the panels of a row line up.
    let x = rect.x + sz.pad_x();
    let w = right - x;
    let mut y = band.bottom() + sz.body_pad() + air;
    let part_gap = 1.4 * gap;
    if let Some(t) = &p.tagline {
        let (from, node) = (frame.items.len(), st.add(Role::Paragraph, Some(sect)));
        draw(frame, t, x, y);
        frame.mark(from, node);
        if p.pills_at == PillsAt::Tagline {
            // Flush right, centred on the first line.
            let line_mid = y + t.first_baseline - 0.35 * pt_to_mm(t.size);
            pill_row(frame, line_mid, pal.fill);
        }
        let pills_h = match p.pills_at {
            PillsAt::Tagline => sz.pills().rows(&p.pills, w).1,
            _ => 0.0,
        };
        y += t.height.max(pills_h) + part_gap;
    }
    if !p.pills.is_empty() && p.pills_at == PillsAt::Row {
        let (pos, h) = pills.rows(&p.pills, w);
        for (b, at) in p.pills.iter().zip(pos) {
            let from = frame.items.len() + 1;
            pills.draw(frame, b, Point::new(x + at.x, y + at.y), pal.fill);
            if let Some(node) = pillars {
                frame.mark(from, node);
            }
        }
        y += h + part_gap;
    }
    let col_gap = sz.column_gap();
    let list = st.add(Role::List, Some(sect));
    for (j, range) in p.columns.iter().enumerate() {
        let cx = x + j as f32 * (p.col_w + col_gap);
        let mut cy = y;
        for item in &p.items[range.clone()] {
            let (label, body) = st.list_item(list);
            let from = frame.items.len();
            draw(frame, &item.code, cx, cy);
            frame.mark(from, label);
            let from = frame.items.len();
            let mut ty = cy;
            if let Some(t) = &item.title {
                draw(frame, t, cx + p.code_w, ty);
                ty += t.height;
            }
            if let Some(t) = &item.text {
                draw(frame, t, cx + p.code_w, ty);
            }
            frame.mark(from, body);
            cy += item.height() + sz.item_gap();
        }
    }
}
