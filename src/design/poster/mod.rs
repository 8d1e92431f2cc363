//! The poster of the framework, on any paper from A4 to A0 and either way
//! up: the deck's title and credit, then one panel per characteristic in
//! deck order, each in its colour with its icon, number, name, tagline (the
//! sentence of the intro that holds its bold phrase), pillars and
//! behaviours.
//!
//! Deciding comes first, drawing second: `layout` chooses the grid of
//! panels, the list columns and the one body size everything is set at (the
//! largest at which all fits, never below the size's floor); `draw` paints
//! the chosen layout. The behaviours' full texts are printed when they fit
//! at the floor; otherwise their titles only. What cannot fit at the floors
//! is an error naming the characteristic and field.
//!
//! Also here (`tile`): the small label of a tile of the poster printed on
//! office paper (its number and a map of where it goes).

mod draw;
mod layout;
mod tagline;
#[cfg(test)]
mod tests;
mod tile;

use crate::deck::Deck;
use crate::diag::Diagnostics;
use crate::frame::{Frame, Role, Structure};
use crate::geom::{pt_to_mm, Mm, Pt, Rect, Size};
use crate::text::layout::STEP;
use crate::text::{Style, Typesetter};

use super::card::Edge;
use super::{draw as draw_block, ink, OVERPAINT};

pub use layout::poster_error;
pub use tagline::tagline;
pub use tile::tile_label;

/// The default poster: A3 portrait.
pub const A3: Size = Size::new(297.0, 420.0);
/// On A3, nothing is printed closer than this to the paper's edge: office
/// A3 printers cannot print there. Larger posters keep more, in proportion.
pub const MARGIN: Mm = 10.0;
/// On A3, the smallest type of the title, in points.
pub const TITLE_FLOOR: Pt = 40.0;
/// On A3, the smallest type of the characteristics' names.
pub const NAME_FLOOR: Pt = 24.0;
/// On A3, the smallest type of everything else.
pub const BODY_FLOOR: Pt = 14.0;
/// On A3, the largest body size: beyond it, more room only adds air.
pub const BODY_MAX: Pt = 26.0;
/// On A3, the title's largest size.
const TITLE_MAX: Pt = 60.0;

/// A poster is legible from the distance at which its capital letters are
/// 0.3 % of it high (a common rule for signs: 3 mm capitals carry 1 m).
pub const LEGIBLE_CAP_RATIO: f32 = 0.003;

/// The poster's measures at its size. A larger poster is read from
/// further away, so its type floors grow, but more slowly than the paper
/// (with the fourth root of its area), so that a larger poster also holds
/// more: the framework's full texts, which A3 cannot hold at 14 pt, fit on
/// A1. Lengths (margins, gaps, the largest type) grow with the paper.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    pub trim: Size,
    /// Type floors relative to A3.
    pub k: f32,
    /// Lengths relative to A3.
    pub lin: f32,
}

impl Scale {
    pub fn of(trim: Size) -> Scale {
        let area = (trim.w * trim.h) / (A3.w * A3.h);
        Scale {
            trim,
            k: area.sqrt().sqrt(),
            lin: area.sqrt(),
        }
    }

    /// A3's size times `k`, down to a step of the type scale.
    fn floor(&self, a3: Pt) -> Pt {
        ((a3 * self.k) / STEP).floor() * STEP
    }

    /// The smallest body type at this size.
    pub fn body_floor(&self) -> Pt {
        self.floor(BODY_FLOOR)
    }

    pub fn name_floor(&self) -> Pt {
        self.floor(NAME_FLOOR)
    }

    pub fn title_floor(&self) -> Pt {
        self.floor(TITLE_FLOOR)
    }

    fn body_max(&self) -> Pt {
        ((BODY_MAX * self.lin) / STEP).floor() * STEP
    }

    fn title_max(&self) -> Pt {
        (TITLE_MAX * self.lin).max(self.title_floor())
    }

    /// Nothing is printed closer than this to the edge.
    pub fn margin(&self) -> Mm {
        MARGIN * self.lin.max(1.0)
    }
}

/// The distance in metres from which type of `size` is legible, by
/// `LEGIBLE_CAP_RATIO`, for a font whose capitals are `cap` em high.
pub fn legible_from(size: Pt, cap: f32) -> f32 {
    pt_to_mm(size) * cap / LEGIBLE_CAP_RATIO / 1000.0
}

/// What the poster shows of each behaviour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Content {
    /// Each behaviour's full text (with its bold phrase, the title, in bold).
    Texts,
    /// Each behaviour's title only.
    Titles,
}

/// The designed poster and the choices made for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Poster {
    /// The poster at its trim size, origin at the trim's top left.
    pub frame: Frame,
    /// The measures of its size.
    pub scale: Scale,
    /// The body size everything was set at.
    pub body: Pt,
    /// The title's size.
    pub title: Pt,
    /// The names' size.
    pub name: Pt,
    pub content: Content,
    /// Its logical structure, for a tagged PDF: the title, the credit,
    /// then each characteristic's section in reading order.
    pub structure: Structure,
}

/// Designs the poster on paper of `trim`. Problems go to `diags`; the
/// frame is complete only when there are none.
///
/// `edge` says how the background meets the paper's edge: `Edge::Bleed`
/// for a print shop (the colour bar at the top runs `OVERPAINT` mm past
/// the trim), `Edge::Inset` for office printers (nothing within the
/// margin, whatever the inset says).
pub fn poster(
    deck: &Deck,
    ts: &mut Typesetter,
    trim: Size,
    edge: Edge,
    diags: &mut Diagnostics,
) -> Poster {
    let scale = Scale::of(trim);
    let margin = scale.margin();
    let mut frame = Frame::new(trim);
    let live = Rect::from_size(trim).inflate(-margin);
    let mut result = Poster {
        frame: Frame::new(trim),
        scale,
        body: scale.body_floor(),
        title: scale.title_floor(),
        name: scale.name_floor(),
        content: Content::Titles,
        structure: Structure::default(),
    };
    let mut st = Structure::default();

    // The header: a stripe of the characteristics' colours, the title and
    // the credit.
    let stripe_h = 4.0 * scale.lin;
    let stripe = match edge {
        Edge::Bleed => Rect::new(
            -OVERPAINT,
            -OVERPAINT,
            trim.w + 2.0 * OVERPAINT,
            OVERPAINT + margin + stripe_h,
        ),
        Edge::Inset(_) => Rect::new(live.x, live.y, live.w, stripe_h),
    };
    draw::stripe_band(&mut frame, deck, stripe);
    let mut y = live.y + stripe_h + 6.0 * scale.lin;

    // The title: up to three lines from its largest size down to its floor;
    // a title longer than that takes more lines at the floor.
    let title_floor = scale.title_floor();
    let title_style = Style::new(scale.title_max(), ink::TEXT).leading(1.04);
    let title_room = 3.0 * pt_to_mm(title_floor * 1.04) + 0.5;
    let title = deck.title.rich.clone().all_bold();
    let block = match ts.fit(&title, &title_style, live.w, title_room, title_floor) {
        Ok(b) => Ok(b),
        Err(_) => ts
            .fit(
                &title,
                &title_style.sized(title_floor),
                live.w,
                1.0e6,
                title_floor,
            )
            .map_err(|e| poster_error(e, &deck.title, "poster, the deck, field title")),
    };
    match block {
        Ok(b) => {
            result.title = b.size;
            let (from, node) = (frame.items.len(), st.add(Role::Heading(1), None));
            draw_block(&mut frame, &b, live.x, y);
            frame.mark(from, node);
            y += b.height;
        }
        Err(d) => {
            diags.push(d);
            y += title_room;
        }
    }
    // The credit: up to two lines a little above the body floor, else as
    // many lines as it needs at the floor.
    if let Some(credit) = &deck.credit {
        let floor = scale.body_floor();
        let style = Style::new(floor + scale.k, ink::MUTED).leading(1.25);
        let room = 2.0 * pt_to_mm(style.size * 1.25) + 0.5;
        y += 2.5 * scale.lin;
        let block = match ts.fit(&credit.rich, &style, live.w, room, floor) {
            Ok(b) => Ok(b),
            Err(_) => ts
                .fit(&credit.rich, &style.sized(floor), live.w, 1.0e6, floor)
                .map_err(|e| poster_error(e, credit, "poster, the deck, field credit")),
        };
        match block {
            Ok(b) => {
                let (from, node) = (frame.items.len(), st.add(Role::Paragraph, None));
                draw_block(&mut frame, &b, live.x, y);
                frame.mark(from, node);
                y += b.height;
            }
            Err(d) => {
                diags.push(d);
                y += room;
            }
        }
    }
    y += 6.0 * scale.lin;
    let area = Rect::new(live.x, y, live.w, (live.bottom() - y).max(0.0));

    let Some(chosen) = layout::choose(deck, ts, scale, area, diags) else {
        return result;
    };
    result.body = chosen.sizes.body;
    result.name = chosen.sizes.name;
    result.content = chosen.plan.content;
    draw::panels(&mut frame, &chosen, area, &mut st, diags);
    result.structure = st;
    // A right-to-left deck's poster reads from the right.
    result.frame = if deck.is_rtl() {
        frame.mirrored()
    } else {
        frame
    };
    result
}
