//! Designs: pure functions from the deck to one `Frame` per face (behaviour
//! card, summary card, back; poster), with the theme they share: colours,
//! type scale, and the rules for fitting text and placing images.
//!
//! A face's frame has the card's trim size with its origin at the trim's top
//! left. Backgrounds that must bleed are painted `OVERPAINT` mm past the
//! trim; imposition clips them to the bleed it uses.

pub mod calibration;
pub mod card;
pub mod colour;
pub mod contrast;
pub mod guide;
pub mod handout;
pub mod poster;

use crate::deck::{Asset, Icon, Text};
use crate::diag::{Diagnostic, Diagnostics};
use crate::frame::{Color, Frame, Path};
use crate::geom::{Mm, Point, Pt, Rect};
use crate::text::{Block, Rich, Style, TextError, Typesetter};

pub use card::{card_faces, CardFaces, CardKind, Edge};

/// How far past the trim bleeding backgrounds are painted: the largest
/// bleed a deck may ask for.
pub const OVERPAINT: Mm = 10.0;

/// How far colour is kept off the trim on cards cut butted (touching on
/// the sheet, sharing their cuts): a cut up to this far off shows a white
/// edge, never the neighbour's colour.
pub const BUTTED_INSET: Mm = 2.0;

/// The smallest type on cards, in points.
pub const CARD_FLOOR: Pt = 7.0;

/// The lowest image resolution that prints sharply, in pixels per inch.
pub const MIN_PPI: f32 = 300.0;

/// Colours shared by all designs.
pub mod ink {
    use crate::frame::Color;
    /// Body text on white.
    pub const TEXT: Color = Color::rgb(0x1e, 0x1e, 0x1e);
    /// Secondary text on white (contrast 7:1).
    pub const MUTED: Color = Color::rgb(0x59, 0x59, 0x59);
    pub const PAPER: Color = Color::WHITE;
}

/// A characteristic's colours: the fill, the text on it, and the shade of
/// it that reads as text on white.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    pub fill: Color,
    pub on_fill: Color,
    pub on_white: Color,
    /// A quiet tint of the fill, for backgrounds of small panels and
    /// pills.
    pub tint: Color,
    /// The shade of the fill that reads as text on the tint.
    pub on_tint: Color,
}

impl Palette {
    pub fn of(fill: Color) -> Palette {
        let on_white = colour::ink_on_white(fill);
        let tint = fill.mix(Color::WHITE, 0.88);
        Palette {
            fill,
            on_fill: colour::text_on(fill),
            on_white,
            tint,
            on_tint: colour::readable(on_white, tint),
        }
    }
}

/// Sets a field's text in a box, shrinking it down to `floor` if needed;
/// what does not fit becomes a diagnostic naming the card and field.
pub fn fit_field(
    ts: &mut Typesetter,
    rich: &Rich,
    field: &Text,
    style: &Style,
    (width, height): (Mm, Mm),
    floor: Pt,
    subject: &str,
) -> Result<Block, Diagnostic> {
    ts.fit(rich, style, width, height, floor)
        .map_err(|e| text_error(e, field, subject))
}

/// The merge key of missing-glyph errors: one error lists them all.
pub const MISSING_GLYPHS: &str = "missing glyphs";

/// Turns a text error into a diagnostic for the field it came from.
pub fn text_error(e: TextError, field: &Text, subject: &str) -> Diagnostic {
    text_error_or(
        e,
        field,
        subject,
        ", or choose a larger card size (--card-size)",
    )
}

/// As `text_error`, with `otherwise` (", or ...") saying what else helps
/// text that does not fit, besides shortening it.
pub fn text_error_or(e: TextError, field: &Text, subject: &str, otherwise: &str) -> Diagnostic {
    match e {
        TextError::MissingGlyph(ch) => Diagnostic::error(format!(
            "the bundled font has no glyph for the character '{ch}' (U+{:04X}); it would print as an empty box",
            ch as u32
        ))
        .about(subject.to_string())
        .at(field.at)
        .help("replace the character, or add a font that has it under fonts: fallback:")
        // Reading the deck reports every such character at once; this is
        // only for a text that was not checked there.
        .merged_as(MISSING_GLYPHS, 0.0),
        TextError::UnknownFont(part) => Diagnostic::error(format!(
            "deckpress could not print \"{}\": it came out in a font deckpress did not load",
            part.trim()
        ))
        .about(subject.to_string())
        .at(field.at)
        .help("this is a fault in deckpress, not in the deck: please report it with the deck"),
        TextError::Overflow {
            needed,
            available,
            floor,
            wide_word,
            estimated,
        } => {
            let words = field.plain().split_whitespace().count().max(1);
            let available = available.max(0.0);
            let over = (needed - available).max(0.0);
            let cut = ((words as f32 * over / needed.max(0.1)).ceil() as usize).max(1);
            let mut d = Diagnostic::error(match &wide_word {
                Some(w) => format!(
                    "the word \"{w}\" is wider than the space for it, even at {floor} pt"
                ),
                None => format!(
                    "the text does not fit: at {floor} pt it needs {}{needed:.1} mm of height and there are {available:.1} mm ({}{over:.1} mm over)",
                    if estimated { "at least " } else { "" },
                    if estimated { "at least " } else { "" }
                ),
            })
            .about(subject.to_string())
            .at(field.at);
            d = match wide_word {
                Some(_) => d.help(format!("shorten or hyphenate the word{otherwise}")),
                None => d.help(format!(
                    "shorten the text by about {cut} word{}{otherwise}",
                    if cut == 1 { "" } else { "s" }
                )),
            };
            d
        }
    }
}

/// Places an icon in `rect` (keeping its proportions, centred). Vector art
/// drawn in one colour is drawn in `ink` (the colour of text on what it
/// sits on); art of several colours and pictures keep theirs. Warns if a
/// picture has fewer than `MIN_PPI` pixels per inch at that size.
pub fn place_icon(
    frame: &mut Frame,
    asset: &Asset,
    rect: Rect,
    ink: Color,
    subject: &str,
    diags: &mut Diagnostics,
) {
    let aspect = asset.icon.aspect();
    let (w, h) = if rect.w / rect.h > aspect {
        (rect.h * aspect, rect.h)
    } else {
        (rect.w, rect.w / aspect)
    };
    let placed = Rect::new(
        rect.x + (rect.w - w) / 2.0,
        rect.y + (rect.h - h) / 2.0,
        w,
        h,
    );
    let img = match &asset.icon {
        Icon::Vector(art) => {
            let tint = art.is_monochrome().then_some(ink);
            frame.vector(placed, art.clone(), tint);
            return;
        }
        Icon::Raster(img) => img,
    };
    let ppi = img.width_px as f32 / (w / 25.4);
    if ppi < MIN_PPI {
        let needed = (MIN_PPI * w / 25.4).ceil();
        let warning = Diagnostic::warning(format!(
            "{} has {} × {} pixels: at its largest, {:.0} mm wide, that is {ppi:.0} ppi, below the {MIN_PPI:.0} ppi print needs, so it will print blurred",
            asset.path.display(),
            img.width_px,
            img.height_px,
            w
        ))
        .about(subject.to_string())
        .at(asset.at)
        .help(format!("use an image at least {needed:.0} pixels wide, or an SVG"));
        // One warning per image, for its largest (blurriest) use.
        diags.push(warning.merged_as(asset.path.display().to_string(), needed));
    }
    frame.image(placed, img.clone());
}

/// Draws a laid-out block with its top left at (x, y).
pub fn draw(frame: &mut Frame, block: &Block, x: Mm, y: Mm) {
    for run in block.placed(Point::new(x, y)) {
        frame.text(run);
    }
}

/// Short labels (pillars) set on rounded backgrounds: the padding around
/// each label and the gap between them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pills {
    pub pad: (Mm, Mm),
    pub gap: Mm,
}

impl Pills {
    /// The size of one pill.
    fn size(&self, label: &Block) -> (Mm, Mm) {
        (
            label.width + 2.0 * self.pad.0,
            label.height + 2.0 * self.pad.1,
        )
    }

    /// The width of all pills in one row.
    pub fn row_width(&self, labels: &[Block]) -> Mm {
        labels.iter().map(|l| self.size(l).0).sum::<Mm>()
            + (labels.len() as f32 - 1.0).max(0.0) * self.gap
    }

    /// The pills in rows no wider than `width`: the top left of each,
    /// relative to the first row's, and the height of all rows.
    pub fn rows(&self, labels: &[Block], width: Mm) -> (Vec<Point>, Mm) {
        let mut out = Vec::with_capacity(labels.len());
        let (mut x, mut y, mut row_h) = (0.0, 0.0, 0.0f32);
        for l in labels {
            let (w, h) = self.size(l);
            if x > 0.0 && x + w > width {
                x = 0.0;
                y += row_h + self.gap;
                row_h = 0.0;
            }
            out.push(Point::new(x, y));
            x += w + self.gap;
            row_h = row_h.max(h);
        }
        (out, y + row_h)
    }

    /// Draws one pill with its top left at `at`; returns its box.
    pub fn draw(&self, frame: &mut Frame, label: &Block, at: Point, colour: Color) -> Rect {
        let (w, h) = self.size(label);
        let r = Rect::new(at.x, at.y, w, h);
        frame.fill_path(Path::rounded_rect(r, h / 2.0), colour);
        draw(frame, label, r.x + self.pad.0, r.y + self.pad.1);
        r
    }
}
