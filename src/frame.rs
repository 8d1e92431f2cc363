//! The display list: what a face of a card, a poster or a sheet looks like,
//! as plain data in millimetres.
//!
//! Designs produce `Frame`s, imposition places them on pages, and renderers
//! (PDF, PNG) read them. A `Frame` never knows where its words came from, and
//! a renderer never knows what a deck is: this is the seam of the house.

use std::sync::Arc;

use crate::fonts::{Face, FontFile};
use crate::geom::{Mm, Point, Pt, Rect, Size, Transform};
use crate::vector::Vector;

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Color {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Color {
    pub const WHITE: Color = Color::rgb(255, 255, 255);
    pub const BLACK: Color = Color::rgb(0, 0, 0);

    pub const fn rgb(r: u8, g: u8, b: u8) -> Color {
        Color { r, g, b }
    }

    /// `#rrggbb`, lower case.
    pub fn hex(&self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// The colour in linear light, each component 0 to 1 (sRGB's curve
    /// undone).
    pub fn linear(&self) -> [f64; 3] {
        let lin = |c: u8| {
            let c = c as f64 / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        [lin(self.r), lin(self.g), lin(self.b)]
    }

    /// Its relative luminance (WCAG), 0 for black to 1 for white.
    pub fn luminance(&self) -> f64 {
        let [r, g, b] = self.linear();
        0.2126 * r + 0.7152 * g + 0.0722 * b
    }

    /// This colour mixed with `other`: `t` = 0 gives `self`, 1 gives `other`.
    pub fn mix(&self, other: Color, t: f32) -> Color {
        let m = |a: u8, b: u8| (a as f32 + (b as f32 - a as f32) * t).round() as u8;
        Color::rgb(m(self.r, other.r), m(self.g, other.g), m(self.b, other.b))
    }
}

/// A stroke: colour and width (in mm).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stroke {
    pub color: Color,
    pub width: Mm,
    /// Dash and gap lengths in mm; empty for a solid line.
    pub dash: Option<(Mm, Mm)>,
}

impl Stroke {
    pub fn solid(color: Color, width: Mm) -> Stroke {
        Stroke {
            color,
            width,
            dash: None,
        }
    }
}

/// One segment of a path.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Seg {
    MoveTo(Point),
    LineTo(Point),
    CubicTo(Point, Point, Point),
    Close,
}

/// A path made of segments, in mm.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Path {
    pub segs: Vec<Seg>,
}

impl Path {
    pub fn new() -> Path {
        Path::default()
    }

    pub fn move_to(&mut self, x: Mm, y: Mm) -> &mut Self {
        self.segs.push(Seg::MoveTo(Point::new(x, y)));
        self
    }

    pub fn line_to(&mut self, x: Mm, y: Mm) -> &mut Self {
        self.segs.push(Seg::LineTo(Point::new(x, y)));
        self
    }

    pub fn cubic_to(&mut self, c1: Point, c2: Point, p: Point) -> &mut Self {
        self.segs.push(Seg::CubicTo(c1, c2, p));
        self
    }

    pub fn close(&mut self) -> &mut Self {
        self.segs.push(Seg::Close);
        self
    }

    /// A rectangle with corners rounded by `radius` (0 for square corners).
    /// The same path with every point moved by `f`.
    pub fn mapped(&self, f: impl Fn(Point) -> Point) -> Path {
        Path {
            segs: self
                .segs
                .iter()
                .map(|s| match *s {
                    Seg::MoveTo(p) => Seg::MoveTo(f(p)),
                    Seg::LineTo(p) => Seg::LineTo(f(p)),
                    Seg::CubicTo(a, b, p) => Seg::CubicTo(f(a), f(b), f(p)),
                    Seg::Close => Seg::Close,
                })
                .collect(),
        }
    }

    pub fn rounded_rect(r: Rect, radius: Mm) -> Path {
        let mut p = Path::new();
        let k = radius.min(r.w / 2.0).min(r.h / 2.0).max(0.0);
        if k == 0.0 {
            p.move_to(r.x, r.y)
                .line_to(r.right(), r.y)
                .line_to(r.right(), r.bottom())
                .line_to(r.x, r.bottom())
                .close();
            return p;
        }
        // Control-point distance for a quarter circle.
        let c = k * 0.552_284_8;
        let (x0, y0, x1, y1) = (r.x, r.y, r.right(), r.bottom());
        p.move_to(x0 + k, y0)
            .line_to(x1 - k, y0)
            .cubic_to(
                Point::new(x1 - k + c, y0),
                Point::new(x1, y0 + k - c),
                Point::new(x1, y0 + k),
            )
            .line_to(x1, y1 - k)
            .cubic_to(
                Point::new(x1, y1 - k + c),
                Point::new(x1 - k + c, y1),
                Point::new(x1 - k, y1),
            )
            .line_to(x0 + k, y1)
            .cubic_to(
                Point::new(x0 + k - c, y1),
                Point::new(x0, y1 - k + c),
                Point::new(x0, y1 - k),
            )
            .line_to(x0, y0 + k)
            .cubic_to(
                Point::new(x0, y0 + k - c),
                Point::new(x0 + k - c, y0),
                Point::new(x0 + k, y0),
            )
            .close();
        p
    }

    /// A circle around `center`.
    pub fn circle(center: Point, radius: Mm) -> Path {
        Path::rounded_rect(
            Rect::new(
                center.x - radius,
                center.y - radius,
                2.0 * radius,
                2.0 * radius,
            ),
            radius,
        )
    }
}

/// One shaped glyph of a run. Advances and offsets are in em (multiples of
/// the font size), so a run can be scaled without reshaping.
#[derive(Clone, Debug, PartialEq)]
pub struct Glyph {
    /// The glyph's id in the font.
    pub id: u16,
    pub x_advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
    /// The bytes of the run's `text` this glyph stands for (its cluster), so
    /// that the text can be extracted and searched in the PDF. (32 bits: a
    /// run is one line.)
    pub text: std::ops::Range<u32>,
}

/// A run's glyphs, kept in 8 bytes each: every card's glyphs are held
/// until the PDFs are written, so their size is most of a large deck's
/// memory. A glyph's cluster is not kept but told from the one before:
/// it starts where that one ends (left to right), is the same one (a
/// cluster of several glyphs) or ends where it starts (right to left).
/// The few glyphs that fit none of these, or are moved off their pen
/// position (a mark placed over a letter), or stand for a cluster of more
/// than 16,383 bytes, are kept whole aside. Every glyph comes out exactly
/// as it went in.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Glyphs {
    /// Shared: a text set again from the typesetter's memory (the footer
    /// of every card, a characteristic's name on each of its cards) is
    /// the same glyphs, kept once.
    packed: Arc<[Packed]>,
    /// The glyphs `packed` does not hold whole, by index, in order.
    aside: Option<Arc<[Aside]>>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Packed {
    id: u16,
    /// How its cluster follows the glyph before's (the top two bits, one
    /// of the `FOLLOWS_*`) and its length in bytes (the rest).
    link: u16,
    x_advance: f32,
}

/// The cluster starts where the one before ends (the first glyph's: at 0).
const FOLLOWS_AFTER: u16 = 0;
/// The cluster is the one before.
const FOLLOWS_SAME: u16 = 1 << 14;
/// The cluster ends where the one before starts.
const FOLLOWS_BEFORE: u16 = 2 << 14;
/// The glyph is kept aside.
const FOLLOWS_ASIDE: u16 = 3 << 14;
const LENGTH: u16 = (1 << 14) - 1;

#[derive(Clone, Copy, Debug, PartialEq)]
struct Aside {
    index: u32,
    x_offset: f32,
    y_offset: f32,
    text: (u32, u32),
}

impl Glyphs {
    pub fn len(&self) -> usize {
        self.packed.len()
    }

    pub fn is_empty(&self) -> bool {
        self.packed.is_empty()
    }

    /// The glyphs, in order.
    pub fn iter(&self) -> impl Iterator<Item = Glyph> + '_ {
        let mut aside = self.aside.iter().flat_map(|a| a.iter()).peekable();
        let mut before = (0u32, 0u32);
        self.packed.iter().enumerate().map(move |(i, p)| {
            let len = (p.link & LENGTH) as u32;
            let (x_offset, y_offset, text) = match p.link & !LENGTH {
                FOLLOWS_AFTER => (0.0, 0.0, (before.1, before.1 + len)),
                FOLLOWS_SAME => (0.0, 0.0, before),
                FOLLOWS_BEFORE => (0.0, 0.0, (before.0 - len, before.0)),
                _ => match aside.next_if(|a| a.index as usize == i) {
                    Some(a) => (a.x_offset, a.y_offset, a.text),
                    None => unreachable!("every glyph kept aside has its entry"),
                },
            };
            before = text;
            Glyph {
                id: p.id,
                x_advance: p.x_advance,
                x_offset,
                y_offset,
                text: text.0..text.1,
            }
        })
    }

    /// The sum of the glyphs' advances, in em.
    pub fn advance(&self) -> f32 {
        self.packed.iter().map(|p| p.x_advance).sum()
    }
}

impl FromIterator<Glyph> for Glyphs {
    fn from_iter<I: IntoIterator<Item = Glyph>>(iter: I) -> Glyphs {
        let iter = iter.into_iter();
        let mut packed = Vec::with_capacity(iter.size_hint().0);
        let mut aside = Vec::new();
        let mut before = (0u32, 0u32);
        for g in iter {
            let text = (g.text.start, g.text.end);
            let len = text.1.wrapping_sub(text.0);
            // Bits, not values: a glyph offset by -0.0 keeps its sign.
            let on_pen = g.x_offset.to_bits() == 0 && g.y_offset.to_bits() == 0;
            let short = text.0 <= text.1 && len <= LENGTH as u32;
            let first = packed.is_empty();
            let follows = if !(on_pen && short) {
                FOLLOWS_ASIDE
            } else if text.0 == before.1 {
                FOLLOWS_AFTER
            } else if !first && text == before {
                FOLLOWS_SAME
            } else if !first && text.1 == before.0 {
                FOLLOWS_BEFORE
            } else {
                FOLLOWS_ASIDE
            };
            if follows == FOLLOWS_ASIDE {
                aside.push(Aside {
                    index: packed.len() as u32,
                    x_offset: g.x_offset,
                    y_offset: g.y_offset,
                    text,
                });
            }
            packed.push(Packed {
                id: g.id,
                link: follows | if short { len as u16 } else { 0 },
                x_advance: g.x_advance,
            });
            before = text;
        }
        Glyphs {
            packed: packed.into(),
            aside: (!aside.is_empty()).then(|| aside.into()),
        }
    }
}

/// How a font is drawn to give a style it has no file for: a variable
/// font's axis values, or emboldening and slanting of its outlines.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Synthesis {
    /// Variation axis values (tag, value in the axis's units).
    pub coords: Box<[([u8; 4], f32)]>,
    /// Thicken the outlines (a bold made from a regular).
    pub embolden: bool,
    /// Slant the glyphs by this many degrees (an italic made from a
    /// regular).
    pub skew: f32,
}

/// A line of shaped glyphs in one font, size and colour.
#[derive(Clone, Debug, PartialEq)]
pub struct GlyphRun {
    /// The start of the baseline, in mm.
    pub origin: Point,
    /// Which laid-out line it belongs to: runs of one line share it (a
    /// line of bold and regular words is several runs).
    pub line: u32,
    /// The font file the glyphs come from.
    pub font: FontFile,
    /// The style the text asked for (bold, italic), whichever font gives it.
    pub style: Face,
    pub synthesis: Synthesis,
    pub size: Pt,
    pub color: Color,
    pub glyphs: Glyphs,
    /// The text the glyphs stand for (shared, as the glyphs are).
    pub text: Arc<str>,
}

impl GlyphRun {
    /// The run's width, in mm.
    pub fn advance(&self) -> Mm {
        crate::geom::pt_to_mm(self.size) * self.glyphs.advance()
    }
}

/// The encoded form of a raster image.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageFormat {
    Png,
    Jpeg,
}

/// A raster image: its file's bytes (already decoded once to check them)
/// and its size in pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct Image {
    pub data: Arc<Vec<u8>>,
    pub format: ImageFormat,
    pub width_px: u32,
    pub height_px: u32,
}

/// One thing drawn on a frame.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A filled and/or stroked path.
    Path {
        path: Path,
        fill: Option<Color>,
        stroke: Option<Stroke>,
    },
    /// Text.
    Text(GlyphRun),
    /// A raster image stretched over `rect`.
    Image { rect: Rect, image: Image },
    /// Vector art stretched over `rect`, every colour replaced by `tint`
    /// if one is given.
    Vector {
        rect: Rect,
        art: Arc<Vector>,
        tint: Option<Color>,
    },
    /// A frame drawn with a transform and an optional clip (in the group's
    /// own coordinates, before the transform).
    Group {
        transform: Transform,
        clip: Option<Rect>,
        /// Shared: a card's face is drawn on many pages without copies.
        frame: Arc<Frame>,
    },
}

/// A display list: a size and the items drawn on it, in painting order.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Frame {
    pub size: Size,
    pub items: Vec<Item>,
    /// What stretches of the items are, for a tagged PDF: each mark says
    /// which node of the document's structure its items belong to.
    /// Items no mark covers are decoration (artifacts). Only the top
    /// level of a page's frame is read.
    pub marks: Vec<Mark>,
}

/// A stretch of a frame's items that is one piece of a structure node
/// (see `Structure`).
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub items: std::ops::Range<usize>,
    pub node: usize,
}

/// The logical structure of a document, in reading order: what a screen
/// reader follows. Nodes come in reading order; each names its parent.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Structure {
    pub nodes: Vec<StructNode>,
    /// Bookmarks: a title, the node it jumps to.
    pub bookmarks: Vec<(String, usize)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StructNode {
    pub role: Role,
    pub parent: Option<usize>,
}

/// What a structure node is.
#[derive(Clone, Debug, PartialEq)]
pub enum Role {
    /// A heading of this level (1 for the title).
    Heading(u16),
    Paragraph,
    Section,
    List,
    ListItem,
    /// A list item's label (a behaviour's code) and body.
    Label,
    ListBody,
    /// A picture, with its alternative text.
    Figure(String),
}

impl Structure {
    /// Adds a node and gives its number.
    pub fn add(&mut self, role: Role, parent: Option<usize>) -> usize {
        self.nodes.push(StructNode { role, parent });
        self.nodes.len() - 1
    }

    /// Adds an item to `list`: gives its label's and body's nodes.
    pub fn list_item(&mut self, list: usize) -> (usize, usize) {
        let item = self.add(Role::ListItem, Some(list));
        (
            self.add(Role::Label, Some(item)),
            self.add(Role::ListBody, Some(item)),
        )
    }
}

impl Frame {
    /// The frame with no room to spare in its lists, for keeping: a deck's
    /// faces are all held until they are written, and lists grown item by
    /// item have up to half again their length free.
    pub fn compact(mut self) -> Frame {
        self.items.shrink_to_fit();
        self.marks.shrink_to_fit();
        for item in &mut self.items {
            if let Item::Path { path, .. } = item {
                path.segs.shrink_to_fit();
            }
        }
        self
    }

    pub fn new(size: Size) -> Frame {
        Frame {
            marks: Vec::new(),
            size,
            items: Vec::new(),
        }
    }

    /// Marks the items added since `from` as part of structure node
    /// `node`.
    pub fn mark(&mut self, from: usize, node: usize) {
        if from < self.items.len() {
            self.marks.push(Mark {
                items: from..self.items.len(),
                node,
            });
        }
    }

    pub fn fill_rect(&mut self, rect: Rect, color: Color) {
        self.items.push(Item::Path {
            path: Path::rounded_rect(rect, 0.0),
            fill: Some(color),
            stroke: None,
        });
    }

    pub fn fill_path(&mut self, path: Path, color: Color) {
        self.items.push(Item::Path {
            path,
            fill: Some(color),
            stroke: None,
        });
    }

    pub fn stroke_path(&mut self, path: Path, stroke: Stroke) {
        self.items.push(Item::Path {
            path,
            fill: None,
            stroke: Some(stroke),
        });
    }

    pub fn line(&mut self, from: Point, to: Point, stroke: Stroke) {
        let mut p = Path::new();
        p.move_to(from.x, from.y).line_to(to.x, to.y);
        self.stroke_path(p, stroke);
    }

    pub fn text(&mut self, run: GlyphRun) {
        self.items.push(Item::Text(run));
    }

    pub fn image(&mut self, rect: Rect, image: Image) {
        self.items.push(Item::Image { rect, image });
    }

    pub fn vector(&mut self, rect: Rect, art: Arc<Vector>, tint: Option<Color>) {
        self.items.push(Item::Vector { rect, art, tint });
    }

    /// Draws `frame` moved by `transform`, clipped to `clip` if given.
    pub fn group(
        &mut self,
        frame: impl Into<Arc<Frame>>,
        transform: Transform,
        clip: Option<Rect>,
    ) {
        self.items.push(Item::Group {
            transform,
            clip,
            frame: frame.into(),
        });
    }

    /// Every glyph run in the frame with its position after the groups'
    /// transforms, in reading order of the display list.
    pub fn text_runs(&self) -> Vec<(Transform, &GlyphRun)> {
        let mut out = Vec::new();
        collect_runs(self, Transform::IDENTITY, &mut out);
        out
    }

    /// Every raster image in the frame and its groups, with the transform
    /// it is drawn with.
    pub fn images(&self) -> Vec<(Transform, Rect, &Image)> {
        fn walk<'a>(f: &'a Frame, t: Transform, out: &mut Vec<(Transform, Rect, &'a Image)>) {
            for item in &f.items {
                match item {
                    Item::Image { rect, image } => out.push((t, *rect, image)),
                    Item::Group {
                        transform, frame, ..
                    } => walk(frame, t.after(transform), out),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        walk(self, Transform::IDENTITY, &mut out);
        out
    }

    /// All text in the frame, runs joined by spaces (for tests and checks).
    pub fn plain_text(&self) -> String {
        self.text_runs()
            .iter()
            .map(|(_, r)| &*r.text)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn collect_runs<'a>(frame: &'a Frame, t: Transform, out: &mut Vec<(Transform, &'a GlyphRun)>) {
    for item in &frame.items {
        match item {
            Item::Text(run) => out.push((t, run)),
            Item::Group {
                transform, frame, ..
            } => collect_runs(frame, t.after(transform), out),
            _ => {}
        }
    }
}

impl GlyphRun {
    /// The run's box: from an ascent above the baseline to a descent below
    /// it (generous, so that accents and descenders are inside).
    pub fn bounds(&self) -> Rect {
        let em = crate::geom::pt_to_mm(self.size);
        Rect::new(
            self.origin.x,
            self.origin.y - 1.1 * em,
            self.advance(),
            1.45 * em,
        )
    }

    /// The glyphs of the run whose advance meets `[left, right]`, as a run
    /// of their own with its text; `None` if there are none.
    fn cropped(&self, left: Mm, right: Mm) -> Option<GlyphRun> {
        let em = crate::geom::pt_to_mm(self.size);
        let mut x = self.origin.x;
        let mut first_x = None;
        let mut kept: Vec<Glyph> = Vec::new();
        for g in self.glyphs.iter() {
            let w = g.x_advance * em;
            if x + w >= left && x <= right {
                first_x.get_or_insert(x);
                kept.push(g);
            }
            x += w;
        }
        let first_x = first_x?;
        let start = kept.iter().map(|g| g.text.start).min()?;
        let end = kept.iter().map(|g| g.text.end).max()?;
        let text = self.text.get(start as usize..end as usize)?.to_string();
        Some(GlyphRun {
            origin: Point::new(first_x, self.origin.y),
            glyphs: kept
                .into_iter()
                .map(|g| Glyph {
                    text: g.text.start - start..g.text.end - start,
                    ..g
                })
                .collect(),
            text: text.into(),
            ..self.clone()
        })
    }
}

impl Path {
    /// The box around the path's points (control points included, so it
    /// may be a little larger than the curve).
    pub fn bounds(&self) -> Option<Rect> {
        let mut pts = Vec::new();
        for s in &self.segs {
            match *s {
                Seg::MoveTo(p) | Seg::LineTo(p) => pts.push(p),
                Seg::CubicTo(a, b, p) => pts.extend([a, b, p]),
                Seg::Close => {}
            }
        }
        let first = pts.first()?;
        let (mut x0, mut y0, mut x1, mut y1) = (first.x, first.y, first.x, first.y);
        for p in &pts {
            x0 = x0.min(p.x);
            y0 = y0.min(p.y);
            x1 = x1.max(p.x);
            y1 = y1.max(p.y);
        }
        Some(Rect::new(x0, y0, x1 - x0, y1 - y0))
    }
}

impl Frame {
    /// The frame mirrored left to right as a layout, for right-to-left
    /// decks: every shape, picture and line of text moves to the other
    /// side, but pictures are not flipped and each line keeps its words in
    /// their order (a line is moved as a whole). Groups (which designs do
    /// not use) keep their place.
    pub fn mirrored(&self) -> Frame {
        let w = self.size.w;
        let flip = |p: Point| Point::new(w - p.x, p.y);
        // The extent of each line, to move its runs together.
        let mut lines: Vec<(u32, Mm, Mm)> = Vec::new();
        for item in &self.items {
            if let Item::Text(run) = item {
                let (x0, x1) = (run.origin.x, run.origin.x + run.advance());
                match lines.iter_mut().find(|(id, _, _)| *id == run.line) {
                    Some(l) => {
                        l.1 = l.1.min(x0);
                        l.2 = l.2.max(x1);
                    }
                    None => lines.push((run.line, x0, x1)),
                }
            }
        }
        let mut out = Frame::new(self.size);
        for item in &self.items {
            out.items.push(match item {
                Item::Path { path, fill, stroke } => Item::Path {
                    path: path.mapped(flip),
                    fill: *fill,
                    stroke: *stroke,
                },
                Item::Text(run) => {
                    let (_, x0, x1) = lines
                        .iter()
                        .find(|(id, _, _)| *id == run.line)
                        .copied()
                        .unwrap_or((run.line, run.origin.x, run.origin.x + run.advance()));
                    let shift = (w - x1) - x0;
                    Item::Text(GlyphRun {
                        origin: Point::new(run.origin.x + shift, run.origin.y),
                        ..run.clone()
                    })
                }
                Item::Image { rect, image } => Item::Image {
                    rect: Rect::new(w - rect.right(), rect.y, rect.w, rect.h),
                    image: image.clone(),
                },
                Item::Vector { rect, art, tint } => Item::Vector {
                    rect: Rect::new(w - rect.right(), rect.y, rect.w, rect.h),
                    art: art.clone(),
                    tint: *tint,
                },
                group @ Item::Group { .. } => group.clone(),
            });
        }
        // Item for item: the marks still hold.
        out.marks = self.marks.clone();
        out
    }

    /// The frame with only what can show inside `window` (in the frame's
    /// coordinates): items wholly outside it are dropped, and lines of
    /// text keep only the glyphs that meet it. Drawn clipped to `window`,
    /// it looks the same as the whole frame clipped to it, but carries no
    /// hidden text (which text extraction and print checks would find).
    pub fn cropped(&self, window: Rect) -> Frame {
        let mut out = Frame::new(self.size);
        let stroke_slack = |s: &Option<Stroke>| s.map_or(0.0, |s| s.width);
        for item in &self.items {
            match item {
                Item::Path { path, stroke, .. } => {
                    let keep = path
                        .bounds()
                        .is_some_and(|b| b.inflate(stroke_slack(stroke)).overlaps(&window, 0.0));
                    if keep {
                        out.items.push(item.clone());
                    }
                }
                Item::Text(run) => {
                    let b = run.bounds();
                    if b.y < window.bottom() && window.y < b.bottom() {
                        if let Some(r) = run.cropped(window.x, window.right()) {
                            out.items.push(Item::Text(r));
                        }
                    }
                }
                Item::Image { rect, .. } | Item::Vector { rect, .. } => {
                    if rect.overlaps(&window, 0.0) {
                        out.items.push(item.clone());
                    }
                }
                Item::Group {
                    transform,
                    clip,
                    frame,
                } => {
                    let Some(inv) = transform.inverse() else {
                        out.items.push(item.clone());
                        continue;
                    };
                    let mut inner = inv.apply_rect(&window);
                    if let Some(c) = clip {
                        if !c.overlaps(&inner, 0.0) {
                            continue;
                        }
                        inner = intersect(&inner, c);
                    }
                    let frame = frame.cropped(inner);
                    if !frame.items.is_empty() {
                        out.items.push(Item::Group {
                            transform: *transform,
                            clip: *clip,
                            frame: Arc::new(frame),
                        });
                    }
                }
            }
        }
        out
    }
}

fn intersect(a: &Rect, b: &Rect) -> Rect {
    let x0 = a.x.max(b.x);
    let y0 = a.y.max(b.y);
    let x1 = a.right().min(b.right());
    let y1 = a.bottom().min(b.bottom());
    Rect::new(x0, y0, (x1 - x0).max(0.0), (y1 - y0).max(0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_glyph(a: &Glyph, b: &Glyph) -> bool {
        a.id == b.id
            && a.x_advance.to_bits() == b.x_advance.to_bits()
            && a.x_offset.to_bits() == b.x_offset.to_bits()
            && a.y_offset.to_bits() == b.y_offset.to_bits()
            && a.text == b.text
    }

    #[test]
    fn glyphs_come_out_exactly_as_they_went_in() {
        let g = |id, x_offset, y_offset, text| Glyph {
            id,
            x_advance: 0.25,
            x_offset,
            y_offset,
            text,
        };
        let given = vec![
            g(3, 0.0, 0.0, 0..1),
            // A mark placed over the letter before it.
            g(4, -0.1, 0.25, 0..1),
            // An offset of -0.0 keeps its sign.
            g(5, -0.0, 0.0, 1..3),
            // A cluster of more than 16,383 bytes (a letter with
            // thousands of marks).
            g(6, 0.0, 0.0, 3..70_003),
            g(7, 0.0, 0.0, 70_003..70_004),
            // Right to left: clusters in falling order.
            g(8, 0.0, 0.0, 9..12),
            g(9, 0.0, 0.0, 5..9),
            // Two glyphs of one cluster.
            g(10, 0.0, 0.0, 5..9),
            // The longest cluster told from the one before, and one byte
            // more.
            g(11, 0.0, 0.0, 9..16_392),
            g(12, 0.0, 0.0, 16_392..32_776),
        ];
        let packed: Glyphs = given.iter().cloned().collect();
        let back: Vec<Glyph> = packed.iter().collect();
        assert_eq!(packed.len(), given.len());
        assert_eq!(back.len(), given.len());
        for (a, b) in back.iter().zip(&given) {
            assert!(same_glyph(a, b), "{a:?} came back for {b:?}");
        }
        assert_eq!(packed.advance(), 0.25 * 10.0);
        assert!(Glyphs::default().is_empty());
    }

    proptest::proptest! {
        #[test]
        fn any_glyphs_come_out_as_they_went_in(
            raw in proptest::collection::vec(
                (
                    proptest::prelude::any::<u16>(),
                    proptest::prelude::any::<f32>(),
                    proptest::prop_oneof![
                        proptest::strategy::Just(0.0f32),
                        proptest::strategy::Just(-0.0f32),
                        proptest::prelude::any::<f32>()
                    ],
                    proptest::prop_oneof![
                        proptest::strategy::Just(0.0f32),
                        proptest::prelude::any::<f32>()
                    ],
                    // How the cluster follows the one before: after it,
                    // the same, before it, or anywhere.
                    0u8..4,
                    proptest::prelude::any::<u32>(),
                    proptest::prop_oneof![0u32..8, 16_380u32..16_390, proptest::prelude::any::<u32>()],
                ),
                0..40,
            )
        ) {
            let mut before = 0u32..0u32;
            let given: Vec<Glyph> = raw
                .into_iter()
                .map(|(id, x_advance, x_offset, y_offset, follows, anywhere, len)| {
                    let text = match follows {
                        0 => before.end..before.end.saturating_add(len),
                        1 => before.clone(),
                        2 => before.start.saturating_sub(len)..before.start,
                        _ => anywhere..anywhere.wrapping_add(len),
                    };
                    before = text.clone();
                    Glyph {
                        id,
                        x_advance,
                        x_offset,
                        y_offset,
                        text,
                    }
                })
                .collect();
            let packed: Glyphs = given.iter().cloned().collect();
            let back: Vec<Glyph> = packed.iter().collect();
            proptest::prop_assert_eq!(back.len(), given.len());
            for (a, b) in back.iter().zip(&given) {
                proptest::prop_assert!(same_glyph(a, b), "{:?} came back for {:?}", a, b);
            }
        }
    }

    fn run(x: Mm, y: Mm, text: &str) -> GlyphRun {
        GlyphRun {
            origin: Point::new(x, y),
            line: 0,
            font: crate::fonts::bundled(Face::Regular).clone(),
            style: Face::Regular,
            synthesis: Synthesis::default(),
            size: 72.0 / 25.4 * 10.0, // 10 mm to the em
            color: Color::BLACK,
            glyphs: text
                .char_indices()
                .map(|(i, c)| Glyph {
                    id: 1,
                    x_advance: 0.5,
                    x_offset: 0.0,
                    y_offset: 0.0,
                    text: i as u32..(i + c.len_utf8()) as u32,
                })
                .collect(),
            text: text.into(),
        }
    }

    #[test]
    fn mirroring_moves_lines_whole_and_shapes_across() {
        let mut f = Frame::new(Size::new(100.0, 50.0));
        f.fill_rect(Rect::new(10.0, 0.0, 20.0, 5.0), Color::BLACK);
        // One line of two runs: "abc" (15 mm) then "de" (10 mm) from x = 10.
        let mut a = run(10.0, 20.0, "abc");
        let mut b = run(25.0, 20.0, "de");
        a.line = 7;
        b.line = 7;
        f.text(a);
        f.text(b);
        let m = f.mirrored();
        let Item::Path { path, .. } = &m.items[0] else {
            panic!("{:?}", m.items[0])
        };
        let b = path.bounds().unwrap();
        assert!(
            (b.x - 70.0).abs() < 1e-4 && (b.w - 20.0).abs() < 1e-4,
            "{b:?}"
        );
        let runs = m.text_runs();
        // The line now ends 10 mm from the right edge, its runs in order.
        assert!(
            (runs[0].1.origin.x - 65.0).abs() < 1e-4,
            "{:?}",
            runs[0].1.origin
        );
        assert!((runs[1].1.origin.x - 80.0).abs() < 1e-4);
        assert_eq!(m.plain_text(), "abc de");
    }

    #[test]
    fn cropping_keeps_what_shows_and_trims_lines() {
        let mut f = Frame::new(Size::new(100.0, 100.0));
        f.fill_rect(Rect::new(0.0, 0.0, 10.0, 10.0), Color::BLACK);
        f.fill_rect(Rect::new(60.0, 60.0, 10.0, 10.0), Color::BLACK);
        // Glyphs 5 mm wide from x = 20: "abcdefghij" spans 20..70.
        f.text(run(20.0, 30.0, "abcdefghij"));
        f.text(run(20.0, 90.0, "far below"));
        let mut inner = Frame::new(Size::new(100.0, 100.0));
        inner.fill_rect(Rect::new(0.0, 0.0, 5.0, 5.0), Color::WHITE);
        f.group(inner, Transform::translate(80.0, 0.0), None);

        let c = f.cropped(Rect::new(0.0, 0.0, 42.0, 50.0));
        assert_eq!(c.plain_text(), "abcde");
        let runs = c.text_runs();
        assert_eq!(runs.len(), 1);
        assert!((runs[0].1.origin.x - 20.0).abs() < 1e-4);
        // The rectangle at 60, 60 and the group at 80 are gone.
        assert_eq!(c.items.len(), 2, "{:?}", c.items);

        let right = f.cropped(Rect::new(48.0, 0.0, 52.0, 50.0));
        assert_eq!(right.plain_text(), "fghij");
        assert!((right.text_runs()[0].1.origin.x - 45.0).abs() < 1e-4);
        assert!(matches!(right.items.last(), Some(Item::Group { .. })));
    }
}
