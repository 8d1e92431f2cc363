//! The A3 poster of the framework: the deck's title and credit, then one
//! panel per characteristic in deck order, each in its colour with its icon,
//! number, name, tagline (the sentence of the intro that holds its bold
//! phrase), pillars and behaviours.
//!
//! Panels share the page in proportion to what they hold. All body text is
//! set at one size, the largest from `BODY_MAX` down to `BODY_FLOOR` at which
//! everything fits, so the poster reads as one piece; names are set in
//! proportion to it, never below `NAME_FLOOR`. The behaviours' full texts are
//! printed when they fit at that floor; otherwise their titles only. What
//! cannot fit at the floors is an error naming the characteristic and field.
//!
//! Also here: the small label of a tile of the poster printed on office
//! paper (its number and a map of where it goes), which imposition places.

use std::collections::HashMap;
use std::ops::Range;

use crate::deck::{Characteristic, Deck, Text};
use crate::diag::{Diagnostic, Diagnostics};
use crate::fonts::Face;
use crate::frame::{Color, Frame, Path, Stroke};
use crate::geom::{pt_to_mm, Mm, Point, Pt, Rect, Size};
use crate::text::layout::STEP;
use crate::text::markup::Span;
use crate::text::{Align, Block, Rich, Style, TextError, Typesetter};

use super::card::{heading, Edge};
use super::colour::{contrast, AA};
use super::{draw, ink, place_image, text_error_or, Palette, Pills, OVERPAINT};

/// The poster's trim: A3 portrait.
pub const SIZE: Size = Size::new(297.0, 420.0);
/// Nothing is printed closer than this to the paper's edge: office A3
/// printers cannot print there.
pub const MARGIN: Mm = 10.0;
/// The smallest type of the title, in points.
pub const TITLE_FLOOR: Pt = 40.0;
/// The smallest type of the characteristics' names.
pub const NAME_FLOOR: Pt = 24.0;
/// The smallest type of everything else.
pub const BODY_FLOOR: Pt = 14.0;
/// The largest body size: beyond it, more room only adds air.
pub const BODY_MAX: Pt = 22.0;
/// The title's largest size.
const TITLE_MAX: Pt = 60.0;

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
    /// The body size everything was set at.
    pub body: Pt,
    /// The title's size.
    pub title: Pt,
    /// The names' size.
    pub name: Pt,
    pub content: Content,
}

/// The sentence of `intro` that holds its first bold phrase (the first
/// sentence if there is none), with its markup.
///
/// Sentences end at `.`, `!` or `?` (and any closing quotes or brackets)
/// followed by a space and a capital letter or digit, so that "e.g. the"
/// does not end one.
pub fn tagline(intro: &Rich) -> Rich {
    let text = &intro.text;
    let target = intro
        .spans
        .iter()
        .filter(|s| s.bold)
        .find_map(|s| {
            text[s.range.clone()]
                .char_indices()
                .find(|(_, c)| !c.is_whitespace())
                .map(|(i, _)| s.range.start + i)
        })
        .unwrap_or(0);
    let sentence = sentences(text)
        .into_iter()
        .find(|r| r.contains(&target))
        .unwrap_or(0..text.len());
    slice(intro, sentence)
}

/// The byte ranges of the sentences of `text`, without surrounding spaces.
fn sentences(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        if matches!(c, '.' | '!' | '?') {
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '"' | '\'' | '”' | '’' | ')' | ']') {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |(b, _)| *b);
            let mut k = j;
            while k < chars.len() && chars[k].1.is_whitespace() {
                k += 1;
            }
            let next_starts = chars.get(k).is_some_and(|(_, n)| {
                n.is_uppercase() || n.is_ascii_digit() || matches!(n, '"' | '\'' | '“' | '‘')
            });
            if k > j && next_starts {
                out.push(trimmed(text, start..end));
                start = chars[k].0;
                i = k;
                continue;
            }
        }
        i += 1;
    }
    if start < text.len() {
        out.push(trimmed(text, start..text.len()));
    }
    out.retain(|r| !r.is_empty());
    out
}

fn trimmed(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    r.start + lead..r.end - trail
}

/// The part of a rich text in `range` (on character boundaries).
fn slice(rich: &Rich, range: Range<usize>) -> Rich {
    let spans = rich
        .spans
        .iter()
        .filter_map(|s| {
            let start = s.range.start.max(range.start);
            let end = s.range.end.min(range.end);
            (start < end).then(|| Span {
                range: start - range.start..end - range.start,
                ..s.clone()
            })
        })
        .collect();
    Rich {
        text: rich.text[range].to_string(),
        spans,
    }
}

/// Whether `title` is one of the bold phrases of `text` (ignoring case), so
/// that printing the text prints the title too.
fn title_in_text(title: &Text, text: &Text) -> bool {
    let t = title.plain().trim().to_lowercase();
    text.rich
        .bold_phrases()
        .iter()
        .any(|p| p.to_lowercase() == t)
}

/// Colours the bold runs of a block (the phrase a text turns on).
fn accent_bold(mut block: Block, color: Color) -> Block {
    for run in &mut block.runs {
        if matches!(run.face, Face::Bold | Face::BoldItalic) {
            run.color = color;
        }
    }
    block
}

/// Type sizes and spacing derived from the body size.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Sizes {
    body: Pt,
    name: Pt,
}

impl Sizes {
    fn at(body: Pt) -> Sizes {
        Sizes {
            body,
            name: (body * 1.7).max(NAME_FLOOR),
        }
    }

    fn em(&self) -> Mm {
        pt_to_mm(self.body)
    }

    /// Space around the content, left and right.
    fn pad_x(&self) -> Mm {
        6.0
    }

    /// Space above and below the band's content.
    fn band_pad(&self) -> Mm {
        0.45 * self.em()
    }

    /// Space above and below the body's content.
    fn body_pad(&self) -> Mm {
        0.7 * self.em()
    }

    fn gap(&self) -> Mm {
        0.5 * self.em()
    }

    fn item_gap(&self) -> Mm {
        0.25 * self.em()
    }

    fn column_gap(&self) -> Mm {
        1.4 * self.em()
    }

    fn pills(&self) -> Pills {
        Pills {
            pad: (0.6 * self.em(), 0.2 * self.em()),
            gap: self.gap(),
        }
    }

    fn icon(&self) -> Mm {
        pt_to_mm(self.name) * 1.25
    }
}

/// Space between panels.
const PANEL_GAP: Mm = 3.5;
const RADIUS: Mm = 3.0;

/// Where a panel's pillars are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum PillsAt {
    /// In the band, at the right of the name.
    Band,
    /// At the right of the tagline, level with its first line.
    Tagline,
    /// On a row of their own below the tagline.
    Row,
}

/// One behaviour in a panel's list: its code and what is printed of it.
#[derive(Clone)]
struct ListItem {
    code: Block,
    /// The title, when it is printed (in texts mode only if the text does
    /// not hold it).
    title: Option<Block>,
    /// The full text, in texts mode.
    text: Option<Block>,
}

impl ListItem {
    fn height(&self) -> Mm {
        let body = self.title.as_ref().map_or(0.0, |b| b.height)
            + self.text.as_ref().map_or(0.0, |b| b.height);
        body.max(self.code.height)
    }
}

/// A characteristic's panel, set at one size: a band in its colour with
/// its icon, number, name (and pillars when they fit beside it), and below
/// it on a tint of the colour the tagline, pillars and behaviours.
#[derive(Clone)]
struct Panel<'a> {
    c: &'a Characteristic,
    pal: Palette,
    number: Block,
    name: Block,
    tagline: Option<Block>,
    pills: Vec<Block>,
    /// Where the pills sit.
    pills_at: PillsAt,
    items: Vec<ListItem>,
    /// The items of each column of the list.
    columns: Vec<Range<usize>>,
    code_w: Mm,
    col_w: Mm,
    band_h: Mm,
    /// The height of the content below the band.
    body_h: Mm,
}

impl Panel<'_> {
    /// The height below a band of height `band`.
    fn height_under(&self, band: Mm, sz: &Sizes) -> Mm {
        band + self.body_h + 2.0 * sz.body_pad()
    }

    fn height(&self, sz: &Sizes) -> Mm {
        self.height_under(self.band_h, sz)
    }

    fn list_height(&self, sz: &Sizes) -> Mm {
        self.columns
            .iter()
            .map(|r| column_height(&self.items[r.clone()], sz))
            .fold(0.0, f32::max)
    }
}

fn column_height(items: &[ListItem], sz: &Sizes) -> Mm {
    let n = items.len() as f32;
    items.iter().map(ListItem::height).sum::<Mm>() + (n - 1.0).max(0.0) * sz.item_gap()
}

/// Splits `items` into at most `k` consecutive columns with the lowest
/// tallest column (the fewest columns that reach it).
fn balance(items: &[ListItem], k: usize, sz: &Sizes) -> Vec<Range<usize>> {
    let n = items.len();
    if n == 0 {
        return Vec::new();
    }
    let k = k.clamp(1, n);
    // best[j][i]: the lowest tallest column for the first i items in j
    // columns, and where the last column starts.
    let mut best = vec![vec![(f32::INFINITY, 0usize); n + 1]; k + 1];
    best[0][0] = (0.0, 0);
    for j in 1..=k {
        for i in 1..=n {
            for p in (j - 1)..i {
                let prev = best[j - 1][p].0;
                if !prev.is_finite() {
                    continue;
                }
                let h = prev.max(column_height(&items[p..i], sz));
                if h < best[j][i].0 - 1e-4 {
                    best[j][i] = (h, p);
                }
            }
        }
    }
    let lowest = (1..=k).map(|j| best[j][n].0).fold(f32::INFINITY, f32::min);
    let mut j = (1..=k)
        .find(|&j| best[j][n].0 <= lowest + 1e-3)
        .unwrap_or(k);
    let mut out = Vec::new();
    let mut i = n;
    while j > 0 {
        let p = best[j][i].1;
        out.push(p..i);
        i = p;
        j -= 1;
    }
    out.reverse();
    out
}

/// Why a layout attempt failed.
enum Failure {
    /// A problem no size can solve (a character the font lacks).
    Hard(Diagnostic),
    /// A word too wide for its room at this size.
    TooWide(Diagnostic),
}

/// The choices a layout is made with, besides the type size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Plan {
    content: Content,
    /// Panels side by side: 1, or 2 (in rows of two, a last odd panel
    /// across the whole width).
    across: usize,
    /// The most columns a panel's list may have.
    list_columns: usize,
    pills: PillsAt,
}

impl Plan {
    /// Every plan for a content, in order of preference, for panels
    /// sharing `width`. Lists get no more columns than the widest panel
    /// can hold.
    fn all(content: Content, characteristics: usize, width: Mm) -> Vec<Plan> {
        let mut out = Vec::new();
        for across in [1, 2] {
            if across > characteristics {
                continue;
            }
            let widest = if across == 1 || characteristics % 2 == 1 {
                width
            } else {
                row_width(width, across)
            };
            for list_columns in 1..=4 {
                if list_columns > 1 && !columns_read_well(widest, list_columns, content) {
                    break;
                }
                for pills in [PillsAt::Band, PillsAt::Tagline] {
                    out.push(Plan {
                        content,
                        across,
                        list_columns,
                        pills,
                    });
                }
            }
        }
        out
    }

    /// The rows of panels: the indices of the characteristics in each.
    fn rows(&self, n: usize) -> Vec<Range<usize>> {
        (0..n)
            .step_by(self.across)
            .map(|i| i..(i + self.across).min(n))
            .collect()
    }
}

/// All panels set at one size.
struct Layout<'a> {
    sizes: Sizes,
    plan: Plan,
    panels: Vec<Panel<'a>>,
    rows: Vec<Range<usize>>,
    /// The natural height of each row, and of its bands (the same for all
    /// panels of a row, so that their bodies line up).
    row_heights: Vec<Mm>,
    row_bands: Vec<Mm>,
    /// The rows' heights and the gaps between them.
    total: Mm,
}

struct Cx<'a, 'd> {
    deck: &'d Deck,
    ts: &'a mut Typesetter,
    /// The width all panels share.
    width: Mm,
    /// Panels already set, by what they depend on: plans share many.
    panels: HashMap<PanelKey, Panel<'d>>,
}

/// What a panel's layout depends on: the characteristic, the body size
/// and panel width (as bits), the list's columns, the content and where
/// the pills were asked to go.
type PanelKey = (usize, u32, u32, usize, Content, PillsAt);

/// A text error as a poster diagnostic: the help speaks of the poster, not
/// of card sizes.
fn poster_error(e: TextError, field: &Text, subject: &str) -> Diagnostic {
    text_error_or(
        e,
        field,
        subject,
        "; the poster is A3 and its type cannot be smaller",
    )
}

impl<'d> Cx<'_, 'd> {
    /// Sets text in lines of `width`; a word wider than that is a failure
    /// at this size.
    fn set(
        &mut self,
        rich: &Rich,
        style: &Style,
        width: Mm,
        field: &Text,
        subject: &str,
    ) -> Result<Block, Failure> {
        match self.ts.fit(rich, style, width, 1.0e6, style.size) {
            Ok(b) => Ok(b),
            Err(e @ TextError::MissingGlyph(_)) => {
                Err(Failure::Hard(poster_error(e, field, subject)))
            }
            Err(e) => Err(Failure::TooWide(poster_error(e, field, subject))),
        }
    }

    /// Sets one characteristic's panel at `sz` and `width` as `plan`
    /// says.
    fn panel(
        &mut self,
        c: &'d Characteristic,
        sz: &Sizes,
        width: Mm,
        plan: &Plan,
    ) -> Result<Panel<'d>, Failure> {
        let pal = Palette::of(c.colour);
        let subject = subject(c);
        let content = plan.content;
        let pills_pref = plan.pills;
        let inner_w = width - 2.0 * sz.pad_x();
        let k = list_columns(width, plan);
        let gap = sz.gap();

        // The band: icon, number, name, and the pills if they fit.
        let name_style = Style::new(sz.name, pal.on_fill).leading(1.1);
        let number = self.set(
            &Rich::plain(&c.number.to_string()).all_bold(),
            &Style {
                color: number_ink(&pal),
                ..name_style
            },
            inner_w,
            &c.name,
            &subject,
        )?;
        let lead = if c.icon.is_some() {
            sz.icon() + 1.2 * gap
        } else {
            0.0
        };
        let lead = lead + number.width + 1.6 * gap;
        let mut pills = Vec::new();
        for (i, p) in c.pillars.iter().enumerate() {
            pills.push(self.set(
                &p.rich.clone().all_bold(),
                &Style::new(sz.body, pal.fill).leading(1.0),
                inner_w - 2.0 * sz.pills().pad.0,
                p,
                &format!("{subject}, pillar {}", i + 1),
            )?);
        }
        let pills_w = sz.pills().row_width(&pills);
        // Pills beside the name or the tagline leave it most of the width;
        // wider ones go on a row of their own.
        let mut pills_at = if pills.is_empty() || pills_w > 0.4 * inner_w {
            PillsAt::Row
        } else {
            pills_pref
        };
        let name_rich = c.name.rich.clone().all_bold();
        let name_field = format!("{subject}, field name");
        let beside_name = if pills_at == PillsAt::Band {
            2.0 * gap + pills_w
        } else {
            0.0
        };
        let name = self.set(
            &name_rich,
            &name_style,
            inner_w - lead - beside_name,
            &c.name,
            &name_field,
        )?;
        // A name of more than two lines makes a heavy band: smaller type or
        // wider panels read better.
        if name.lines > 2 {
            return Err(Failure::TooWide(poster_error(
                TextError::Overflow {
                    needed: name.height,
                    available: name.height * 2.0 / name.lines as f32,
                    floor: sz.name,
                    wide_word: None,
                },
                &c.name,
                &name_field,
            )));
        }
        let pill_h = pills
            .iter()
            .map(|p| p.height + 2.0 * sz.pills().pad.1)
            .fold(0.0, f32::max);
        let mut band_inner = name
            .height
            .max(if c.icon.is_some() { sz.icon() } else { 0.0 });
        if pills_at == PillsAt::Band {
            band_inner = band_inner.max(pill_h);
        }
        let band_h = band_inner + 2.0 * sz.band_pad();

        // The body: tagline (beside the pills if they go there), the
        // pills' row if they have one, the list.
        let beside_tagline = if pills_at == PillsAt::Tagline {
            2.0 * gap + pills_w
        } else {
            0.0
        };
        let tagline = match &c.intro {
            Some(intro) => Some(accent_bold(
                self.set(
                    &tagline(&intro.rich),
                    &Style::new(sz.body, ink::TEXT).leading(1.3),
                    inner_w - beside_tagline,
                    intro,
                    &format!("{subject}, field intro (the sentence with its bold phrase)"),
                )?,
                accent(&pal),
            )),
            None => None,
        };
        if tagline.is_none() && pills_at == PillsAt::Tagline {
            pills_at = PillsAt::Row;
        }
        if pills_at != PillsAt::Band {
            for p in &mut pills {
                for run in &mut p.runs {
                    run.color = pal.on_fill;
                }
            }
        }

        let code_style = Style::new(sz.body, accent(&pal)).leading(1.25);
        let mut code_w: Mm = 0.0;
        let mut codes = Vec::new();
        for b in &c.behaviours {
            let code = self.set(
                &Rich::plain(&b.code(c)).all_bold(),
                &code_style,
                1.0e4,
                &b.title,
                &format!("poster, {}", b.label(c)),
            )?;
            code_w = code_w.max(code.width);
            codes.push(code);
        }
        code_w += 0.5 * sz.em();
        let col_gap = sz.column_gap();
        let col_w = (inner_w - (k as f32 - 1.0) * col_gap) / k as f32;
        let text_w = col_w - code_w;
        let item_style = Style::new(sz.body, ink::TEXT).leading(1.25);
        let mut items = Vec::new();
        for (b, code) in c.behaviours.iter().zip(codes) {
            let label = b.label(c);
            let title = match content {
                Content::Texts if title_in_text(&b.title, &b.text) => None,
                Content::Texts => Some(self.set(
                    &heading(&b.title).all_bold(),
                    &item_style,
                    text_w,
                    &b.title,
                    &format!("poster, {label}, field title"),
                )?),
                Content::Titles => Some(self.set(
                    &heading(&b.title),
                    &item_style,
                    text_w,
                    &b.title,
                    &format!("poster, {label}, field title"),
                )?),
            };
            let text = match content {
                Content::Texts => Some(self.set(
                    &heading(&b.text),
                    &item_style,
                    text_w,
                    &b.text,
                    &format!("poster, {label}, field text"),
                )?),
                Content::Titles => None,
            };
            items.push(ListItem { code, title, text });
        }
        let columns = balance(&items, k, sz);
        let mut panel = Panel {
            c,
            pal,
            number,
            name,
            tagline,
            pills,
            pills_at,
            items,
            columns,
            code_w,
            col_w,
            band_h,
            body_h: 0.0,
        };
        let mut parts = Vec::new();
        if let Some(t) = &panel.tagline {
            let pills_h = match panel.pills_at {
                PillsAt::Tagline => sz.pills().rows(&panel.pills, inner_w).1,
                _ => 0.0,
            };
            parts.push(t.height.max(pills_h));
        }
        if !panel.pills.is_empty() && panel.pills_at == PillsAt::Row {
            parts.push(sz.pills().rows(&panel.pills, inner_w).1);
        }
        if !panel.items.is_empty() {
            parts.push(panel.list_height(sz));
        }
        panel.body_h = parts.iter().sum::<Mm>() + (parts.len() as f32 - 1.0).max(0.0) * 1.4 * gap;
        Ok(panel)
    }

    /// Sets every panel at body size `body` as `plan` says.
    fn layout(&mut self, body: Pt, plan: Plan) -> Result<Layout<'d>, Failure> {
        let sizes = Sizes::at(body);
        let deck = self.deck;
        let n = deck.characteristics.len();
        let rows = plan.rows(n);
        let mut panels = Vec::with_capacity(n);
        let mut row_heights = Vec::with_capacity(rows.len());
        let mut row_bands = Vec::with_capacity(rows.len());
        for row in &rows {
            let width = row_width(self.width, row.len());
            for (i, c) in deck.characteristics[row.clone()].iter().enumerate() {
                let k = list_columns(width, &plan);
                let key = (
                    row.start + i,
                    body.to_bits(),
                    width.to_bits(),
                    k,
                    plan.content,
                    plan.pills,
                );
                let panel = match self.panels.get(&key) {
                    Some(p) => p.clone(),
                    None => {
                        let p = self.panel(c, &sizes, width, &plan)?;
                        self.panels.insert(key, p.clone());
                        p
                    }
                };
                panels.push(panel);
            }
            let these = &panels[row.clone()];
            let band = these.iter().map(|p| p.band_h).fold(0.0, f32::max);
            let h = these
                .iter()
                .map(|p| p.height_under(band, &sizes))
                .fold(0.0, f32::max);
            row_heights.push(h);
            row_bands.push(band);
        }
        let total = row_heights.iter().sum::<Mm>() + (rows.len() as f32 - 1.0).max(0.0) * PANEL_GAP;
        Ok(Layout {
            sizes,
            plan,
            panels,
            rows,
            row_heights,
            row_bands,
            total,
        })
    }
}

/// As many list columns as the plan allows and a panel of `width` holds.
fn list_columns(width: Mm, plan: &Plan) -> usize {
    (1..=plan.list_columns)
        .rev()
        .find(|&k| k == 1 || columns_read_well(width, k, plan.content))
        .unwrap_or(1)
}

/// The width of each of `count` panels side by side.
fn row_width(width: Mm, count: usize) -> Mm {
    let count = count.max(1) as f32;
    (width - (count - 1.0) * PANEL_GAP) / count
}

/// How a characteristic is named in the poster's messages.
fn subject(c: &Characteristic) -> String {
    format!("poster, {}", c.label())
}

/// The number in the band: the band's text colour, a little quieter.
fn number_ink(pal: &Palette) -> Color {
    pal.on_fill.mix(pal.fill, 0.3)
}

/// The characteristic's colour as text on its tint (codes, bold phrases):
/// its shade for white, darkened until it reads at AA on the tint.
fn accent(pal: &Palette) -> Color {
    let mut c = pal.on_white;
    let mut t = 0.0;
    while contrast(c, pal.tint) < AA && t < 1.0 {
        t += 0.05;
        c = pal.on_white.mix(Color::BLACK, t);
    }
    c
}

/// Designs the poster. Problems go to `diags`; the frame is complete only
/// when there are none.
///
/// `edge` says how the background meets the paper's edge: `Edge::Bleed`
/// for a print shop (the colour bar at the top runs `OVERPAINT` mm past
/// the trim), `Edge::Inset` for office printers (nothing within `MARGIN`,
/// whatever the inset says).
pub fn poster(deck: &Deck, ts: &mut Typesetter, edge: Edge, diags: &mut Diagnostics) -> Poster {
    let mut frame = Frame::new(SIZE);
    let live = Rect::from_size(SIZE).inflate(-MARGIN);
    let mut result = Poster {
        frame: Frame::new(SIZE),
        body: BODY_FLOOR,
        title: TITLE_FLOOR,
        name: NAME_FLOOR,
        content: Content::Titles,
    };

    // The header: a stripe of the characteristics' colours, the title and
    // the credit.
    let stripe_h = 4.0;
    let stripe = match edge {
        Edge::Bleed => Rect::new(
            -OVERPAINT,
            -OVERPAINT,
            SIZE.w + 2.0 * OVERPAINT,
            OVERPAINT + MARGIN + stripe_h,
        ),
        Edge::Inset(_) => Rect::new(live.x, live.y, live.w, stripe_h),
    };
    stripe_band(&mut frame, deck, stripe);
    let mut y = live.y + stripe_h + 6.0;

    let title_style = Style::new(TITLE_MAX, ink::TEXT).leading(1.04);
    // Up to three lines at the floor; a short title gets larger type.
    let title_room = 3.0 * pt_to_mm(TITLE_FLOOR * 1.04) + 0.5;
    // A title or credit that does not fit is reported, and its room kept,
    // so that the panels are checked too.
    match ts.fit(
        &deck.title.rich.clone().all_bold(),
        &title_style,
        live.w,
        title_room,
        TITLE_FLOOR,
    ) {
        Ok(title) => {
            result.title = title.size;
            draw(&mut frame, &title, live.x, y);
            y += title.height;
        }
        Err(e) => {
            diags.push(poster_error(
                e,
                &deck.title,
                "poster, the deck, field title",
            ));
            y += title_room;
        }
    }
    if let Some(credit) = &deck.credit {
        let style = Style::new(BODY_FLOOR + 1.0, ink::MUTED).leading(1.25);
        let room = 2.0 * pt_to_mm(style.size * 1.25) + 0.5;
        y += 2.5;
        match ts.fit(&credit.rich, &style, live.w, room, BODY_FLOOR) {
            Ok(b) => {
                draw(&mut frame, &b, live.x, y);
                y += b.height;
            }
            Err(e) => {
                diags.push(poster_error(e, credit, "poster, the deck, field credit"));
                y += room;
            }
        }
    }
    y += 6.0;
    let area = Rect::new(live.x, y, live.w, live.bottom() - y);

    let mut cx = Cx {
        deck,
        ts,
        width: area.w,
        panels: HashMap::new(),
    };
    let Some(layout) = choose(&mut cx, area.h, diags) else {
        return result;
    };
    result.body = layout.sizes.body;
    result.name = layout.sizes.name;
    result.content = layout.plan.content;

    // Rows of panels share the height in proportion to what they hold.
    let sz = layout.sizes;
    let gaps = (layout.rows.len() as f32 - 1.0).max(0.0) * PANEL_GAP;
    let natural: Mm = layout.row_heights.iter().sum();
    let scale = if natural > 0.0 {
        (area.h - gaps) / natural
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
        let w = row_width(area.w, row.len());
        // The room the row gained, shared above and below its content.
        let air = (h - natural) / 2.0;
        for (j, p) in layout.panels[row.clone()].iter().enumerate() {
            let x = area.x + j as f32 * (w + PANEL_GAP);
            let rect = Rect::new(x, py, w, h);
            draw_panel(&mut frame, p, &sz, rect, *band, air, diags);
        }
        py += h + PANEL_GAP;
    }
    result.frame = frame;
    result
}

/// The characteristics' colours side by side, each as wide as its share of
/// the behaviours.
fn stripe_band(frame: &mut Frame, deck: &Deck, rect: Rect) {
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

/// The layout at the largest body size at which everything fits, over the
/// plans: with the full texts if they fit at the floor, else with the
/// titles. When nothing fits, reports why and returns the layout at the
/// floor (drawn for looking at, not for printing).
fn choose<'d>(cx: &mut Cx<'_, 'd>, room: Mm, diags: &mut Diagnostics) -> Option<Layout<'d>> {
    let steps = ((BODY_MAX - BODY_FLOOR) / STEP).round() as i32;
    let size_at = |i: i32| BODY_MAX - i as f32 * STEP;
    let n = cx.deck.characteristics.len();
    for content in [Content::Texts, Content::Titles] {
        let mut best: Option<Layout> = None;
        for plan in Plan::all(content, n, cx.width) {
            // Only the best size so far or a larger one is of interest: try
            // that size (or the floor) first, and search above it only if
            // it fits. At the same size, the more compact layout wins (more
            // columns of shorter lines, more air).
            let bound = best
                .as_ref()
                .map_or(steps, |b| ((BODY_MAX - b.sizes.body) / STEP).round() as i32);
            match cx.layout(size_at(bound), plan) {
                Ok(l) if l.total <= room + 1e-3 => {
                    if best.as_ref().is_none_or(|b| l.total < b.total - 0.5) {
                        best = Some(l);
                    }
                }
                Ok(_) | Err(Failure::TooWide(_)) => continue,
                Err(Failure::Hard(d)) => {
                    diags.push(d);
                    return None;
                }
            }
            // Binary search for the largest size that fits.
            let (mut lo, mut hi) = (0, bound - 1);
            while lo <= hi {
                let mid = (lo + hi) / 2;
                match cx.layout(size_at(mid), plan) {
                    Ok(l) if l.total <= room + 1e-3 => {
                        best = Some(l);
                        hi = mid - 1;
                    }
                    Ok(_) | Err(Failure::TooWide(_)) => lo = mid + 1,
                    Err(Failure::Hard(d)) => {
                        diags.push(d);
                        return None;
                    }
                }
            }
        }
        if best.is_some() {
            return best;
        }
    }
    report_overflow(cx, room, diags)
}

/// Whether `k` columns of behaviours are wide enough to read at the floor:
/// 14 ems for titles, 20 for texts.
fn columns_read_well(width: Mm, k: usize, content: Content) -> bool {
    let sz = Sizes::at(BODY_FLOOR);
    let inner = width - 2.0 * sz.pad_x();
    let col_w = (inner - (k as f32 - 1.0) * sz.column_gap()) / k as f32;
    let ems = match content {
        Content::Texts => 20.0,
        Content::Titles => 14.0,
    };
    col_w >= ems * sz.em()
}

/// Explains why the titles do not fit even at the floor: each panel that
/// needs more than an equal share of the room, with the field that takes
/// most of it. Returns the lowest layout at the floor.
fn report_overflow<'d>(
    cx: &mut Cx<'_, 'd>,
    room: Mm,
    diags: &mut Diagnostics,
) -> Option<Layout<'d>> {
    let mut lowest: Option<Layout> = None;
    let mut wide: Option<Diagnostic> = None;
    let n = cx.deck.characteristics.len();
    for plan in Plan::all(Content::Titles, n, cx.width) {
        match cx.layout(BODY_FLOOR, plan) {
            Ok(l) => {
                if lowest.as_ref().is_none_or(|b| l.total < b.total - 1e-3) {
                    lowest = Some(l);
                }
            }
            Err(Failure::TooWide(d)) | Err(Failure::Hard(d)) => {
                wide.get_or_insert(d);
            }
        }
    }
    let Some(layout) = lowest else {
        // A word too wide in every plan: that is the problem.
        diags.extend(Diagnostics {
            items: wide.into_iter().collect(),
        });
        return None;
    };
    let sz = layout.sizes;
    let rows = layout.rows.len();
    let share = (room - (rows as f32 - 1.0) * PANEL_GAP) / rows as f32;
    let over = layout.total - room;
    let shared = if rows == n {
        format!("the {n} characteristics share {room:.0} mm ({share:.0} mm each")
    } else {
        format!("the {n} characteristics share {room:.0} mm in {rows} rows ({share:.0} mm a row")
    };
    for p in &layout.panels {
        let h = p.height(&sz);
        if h <= share + 1e-3 {
            continue;
        }
        let c = p.c;
        let tag_h = p.tagline.as_ref().map_or(0.0, |b| b.height);
        let list_h = p.list_height(&sz);
        let (field, what, at) = if list_h >= tag_h.max(p.name.height) {
            (
                "behaviours",
                "the behaviours' titles",
                c.behaviours.first().map_or(c.at, |b| b.title.at),
            )
        } else if tag_h >= p.name.height {
            (
                "intro",
                "the sentence of the intro with the bold phrase",
                c.intro.as_ref().map_or(c.at, |t| t.at),
            )
        } else {
            ("name", "the name", c.name.at)
        };
        diags.push(
            Diagnostic::error(format!(
                "the poster has no room for this characteristic at {BODY_FLOOR} pt: its panel needs {h:.0} mm of height, and {shared}; {over:.0} mm too much in all)",
            ))
            .about(format!("{}, field {field}", subject(c)))
            .at(at)
            .help(format!(
                "shorten {what}, or move some behaviours to another characteristic; the poster is A3 and its type cannot be smaller"
            )),
        );
    }
    Some(layout)
}

/// Paints a panel in `rect` with a band `band_h` high, its body's content
/// `air` below where it would start in a panel of its natural height.
fn draw_panel(
    frame: &mut Frame,
    p: &Panel,
    sz: &Sizes,
    rect: Rect,
    band_h: Mm,
    air: Mm,
    diags: &mut Diagnostics,
) {
    let pal = p.pal;
    let gap = sz.gap();
    frame.fill_path(Path::rounded_rect(rect, RADIUS), pal.tint);
    let band = Rect::new(rect.x, rect.y, rect.w, band_h);
    frame.fill_path(Path::rounded_rect(band, RADIUS), pal.fill);
    frame.fill_rect(
        Rect::new(band.x, band.bottom() - RADIUS, band.w, RADIUS),
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
        place_image(
            frame,
            asset,
            Rect::new(x, mid - s / 2.0, s, s),
            &subject(p.c),
            diags,
        );
        x += s + 1.2 * gap;
    }
    draw(frame, &p.number, x, name_top);
    x += p.number.width + 1.6 * gap;
    draw(frame, &p.name, x, name_top);
    let pills = sz.pills();
    // A row of pills ending at `right`, centred on `mid`.
    let pill_row = |frame: &mut Frame, mid: Mm, colour: Color| {
        let mut x = right - pills.row_width(&p.pills);
        for b in &p.pills {
            let h = b.height + 2.0 * pills.pad.1;
            x = pills
                .draw(frame, b, Point::new(x, mid - h / 2.0), colour)
                .right()
                + pills.gap;
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
        draw(frame, t, x, y);
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
            pills.draw(frame, b, Point::new(x + at.x, y + at.y), pal.fill);
        }
        y += h + part_gap;
    }
    let col_gap = sz.column_gap();
    for (j, range) in p.columns.iter().enumerate() {
        let cx = x + j as f32 * (p.col_w + col_gap);
        let mut cy = y;
        for item in &p.items[range.clone()] {
            draw(frame, &item.code, cx, cy);
            let mut ty = cy;
            if let Some(t) = &item.title {
                draw(frame, t, cx + p.code_w, ty);
                ty += t.height;
            }
            if let Some(t) = &item.text {
                draw(frame, t, cx + p.code_w, ty);
            }
            cy += item.height() + sz.item_gap();
        }
    }
}

/// The label of one tile of a poster printed on several sheets: a map of
/// the sheets with this one filled, and its number and place ("2 of 4, top
/// right"), set in `size`. These few words are the only ones not taken
/// from the deck: they are instructions for assembling the sheets.
pub fn tile_label(
    ts: &mut Typesetter,
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
    let label = format!(
        "{index} of {}, {}",
        rows * cols,
        place_name((row, col), (rows, cols))
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
fn place_name((row, col): (usize, usize), (rows, cols): (usize, usize)) -> String {
    let along =
        |i: usize, n: usize, first: &'static str, mid: &'static str, last: &'static str| match n {
            1 => None,
            2 => Some(if i == 0 { first } else { last }),
            3 => Some([first, mid, last][i.min(2)]),
            _ => None,
        };
    if rows > 3 || cols > 3 {
        return format!("row {}, column {}", row + 1, col + 1);
    }
    match (
        along(row, rows, "top", "middle", "bottom"),
        along(col, cols, "left", "centre", "right"),
    ) {
        (Some(r), Some(c)) => format!("{r} {c}"),
        (Some(r), None) => r.to_string(),
        (None, Some(c)) => c.to_string(),
        (None, None) => "the whole poster".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path as FsPath, PathBuf};

    use super::*;
    use crate::frame::Item;
    use crate::text::markup::parse;

    fn load(rel: &str) -> Deck {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel);
        let loaded = crate::deck::load(&path).unwrap();
        assert!(!loaded.diagnostics.has_errors(), "{:?}", loaded.diagnostics);
        loaded.deck.unwrap()
    }

    fn load_str(text: &str) -> Deck {
        let loaded = crate::deck::load_str(text, FsPath::new("deck.yaml"), FsPath::new("."));
        assert!(!loaded.diagnostics.has_errors(), "{:?}", loaded.diagnostics);
        loaded.deck.unwrap()
    }

    fn design(deck: &Deck, edge: Edge) -> (Poster, Diagnostics) {
        let mut ts = Typesetter::new();
        let mut diags = Diagnostics::default();
        let p = poster(deck, &mut ts, edge, &mut diags);
        (p, diags)
    }

    /// Lower-case letters and digits only.
    fn squash(s: &str) -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    }

    /// The box of a run's letters: from about the cap height above the
    /// baseline to a little below it.
    fn letters(t: &crate::geom::Transform, run: &crate::frame::GlyphRun) -> Rect {
        let em = pt_to_mm(run.size);
        let o = t.apply(run.origin);
        Rect::new(o.x, o.y - 0.72 * em, run.advance(), 0.92 * em)
    }

    /// Every painted thing's box, in the frame's coordinates.
    fn painted(frame: &Frame) -> Vec<Rect> {
        frame
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Path { path, .. } => path.bounds(),
                Item::Image { rect, .. } => Some(*rect),
                Item::Text(r) => Some(r.bounds()),
                Item::Group { .. } => None,
            })
            .collect()
    }

    /// What every poster must be: type at or above the floors, inside the
    /// safe area, no line of text over another, every name in deck order
    /// and every behaviour title on it, each characteristic's colour used.
    fn check(deck: &Deck, p: &Poster) {
        let live = Rect::from_size(SIZE).inflate(-MARGIN);
        let runs = p.frame.text_runs();
        assert!(!runs.is_empty());
        let boxes: Vec<Rect> = runs.iter().map(|(t, r)| letters(t, r)).collect();
        for ((_, run), b) in runs.iter().zip(&boxes) {
            assert!(
                run.size >= BODY_FLOOR - 1e-3,
                "{} pt: {}",
                run.size,
                run.text
            );
            assert!(
                live.contains_rect(&run.bounds(), 1e-3),
                "{:?} {}",
                run.bounds(),
                run.text
            );
            assert!(live.contains_rect(b, 1e-3));
        }
        for (i, a) in boxes.iter().enumerate() {
            for (j, b) in boxes.iter().enumerate().skip(i + 1) {
                assert!(
                    !a.overlaps(b, 0.05),
                    "\"{}\" overlaps \"{}\"",
                    runs[i].1.text,
                    runs[j].1.text
                );
            }
        }
        assert!(p.title >= TITLE_FLOOR && p.name >= NAME_FLOOR && p.body >= BODY_FLOOR);
        // The title, then the numbers and names in deck order.
        let sized = |size: Pt| {
            runs.iter()
                .filter(|(_, r)| (r.size - size).abs() < 1e-3)
                .map(|(_, r)| r.text.as_str())
                .collect::<String>()
        };
        assert_eq!(squash(&sized(p.title)), squash(deck.title.plain()));
        let names: String = deck
            .characteristics
            .iter()
            .map(|c| format!("{}{}", c.number, c.name.plain()))
            .collect();
        assert_eq!(squash(&sized(p.name)), squash(&names));
        let all = squash(&p.frame.plain_text());
        for (_, b) in deck.behaviours() {
            assert!(
                all.contains(&squash(b.title.plain())),
                "{}",
                b.title.plain()
            );
            if p.content == Content::Texts {
                assert!(all.contains(&squash(b.text.plain())), "{}", b.text.plain());
            }
        }
        for c in &deck.characteristics {
            let used = p
                .frame
                .items
                .iter()
                .any(|i| matches!(i, Item::Path { fill: Some(f), .. } if *f == c.colour));
            assert!(used, "{} not painted", c.colour.hex());
        }
    }

    #[test]
    fn the_tagline_is_the_sentence_with_the_bold_phrase() {
        let t = |s: &str| tagline(&parse(s).unwrap());
        let a = t("Leaders **build trust** with colleagues. Without trust there is nothing.");
        assert_eq!(a.text, "Leaders build trust with colleagues.");
        assert_eq!(a.bold_phrases(), vec!["build trust"]);
        let b = t("First things first. Then, e.g. the **second** counts! Not this one.");
        assert_eq!(b.text, "Then, e.g. the second counts!");
        assert_eq!(b.bold_phrases(), vec!["second"]);
        assert_eq!(t("No bold here. None at all.").text, "No bold here.");
        let d = t("One sentence with **bold** and no full stop");
        assert_eq!(d.text, "One sentence with bold and no full stop");
        let e = t("He said \"go.\" Then **she** went.");
        assert_eq!(e.text, "Then she went.");

        let deck = load("deck.yaml");
        let intro = deck.characteristics[0].intro.as_ref().unwrap();
        assert_eq!(
            tagline(&intro.rich).text,
            "Effective SEL system leaders build trust with colleagues and residents across organisational, professional, geographical and cultural boundaries."
        );
    }

    #[test]
    fn the_framework_poster_shows_titles_in_one_column_of_panels() {
        let deck = load("deck.yaml");
        let (p, diags) = design(&deck, Edge::Inset(MARGIN));
        assert!(diags.items.is_empty(), "{diags:?}");
        check(&deck, &p);
        // The 32 full texts need about twice the room: titles only.
        assert_eq!(p.content, Content::Titles);
        // Nothing painted within the margin office printers cannot print.
        let live = Rect::from_size(SIZE).inflate(-MARGIN);
        for b in painted(&p.frame) {
            assert!(live.contains_rect(&b, 1e-3), "{b:?}");
        }
        // With bleed the colour bar runs past the trim.
        let (bled, diags) = design(&deck, Edge::Bleed);
        assert!(diags.items.is_empty(), "{diags:?}");
        assert!(painted(&bled.frame)
            .iter()
            .any(|b| b.y < -MARGIN + 1e-3 && b.x < 0.0));
        assert_eq!(bled.frame.plain_text(), p.frame.plain_text());
    }

    #[test]
    fn three_and_eight_characteristics_give_good_posters() {
        let three = load("tests/fixtures/poster-3.yaml");
        let (p3, diags) = design(&three, Edge::Inset(MARGIN));
        assert!(diags.items.is_empty(), "{diags:?}");
        check(&three, &p3);
        assert_eq!(p3.content, Content::Texts, "few behaviours: full texts");
        assert!(p3.body > 16.0, "{}", p3.body);

        let eight = load("tests/fixtures/poster-8.yaml");
        let (p8, diags) = design(&eight, Edge::Inset(MARGIN));
        assert!(diags.items.is_empty(), "{diags:?}");
        check(&eight, &p8);
        assert_eq!(p8.content, Content::Titles);
        // Eight panels fit only two by two: 1 and 2 side by side, 3 under 1.
        let at = |n: &str| {
            let runs = p8.frame.text_runs();
            let (_, r) = runs
                .iter()
                .find(|(_, r)| (r.size - p8.name).abs() < 1e-3 && r.text == n)
                .unwrap();
            r.origin
        };
        let (one, two, three) = (at("1"), at("2"), at("3"));
        let half = (SIZE.w - 2.0 * MARGIN + PANEL_GAP) / 2.0;
        assert!((two.x - one.x - half).abs() < 1e-3, "{one:?} {two:?}");
        assert!((three.x - one.x).abs() < 1e-3 && three.y > one.y + 20.0);
    }

    /// A deck of `n` characteristics of `b` behaviours with these titles.
    fn deck_of(n: usize, b: usize, name: &str, title: &str) -> String {
        let mut s = String::from("title: A deck\ncharacteristics:\n");
        for i in 0..n {
            s.push_str(&format!(
                "  - id: c{i}\n    name: {name}\n    colour: \"#1f5fa8\"\n    intro: They **do it** well.\n    behaviours:\n"
            ));
            for j in 0..b {
                s.push_str(&format!(
                    "      - title: {title} {j}\n        text: The **{title} {j}** of it.\n"
                ));
            }
        }
        s
    }

    #[test]
    fn what_cannot_fit_at_the_floor_is_located() {
        let title = "a behaviour with a title long enough to take two lines in any column";
        let deck = load_str(&deck_of(6, 9, "Too much", title));
        let (_, diags) = design(&deck, Edge::Inset(MARGIN));
        assert!(diags.has_errors());
        let d = &diags.items[0];
        assert!(
            d.message
                .contains("no room for this characteristic at 14 pt"),
            "{d:?}"
        );
        assert!(d
            .subject
            .as_deref()
            .unwrap()
            .starts_with("poster, characteristic 1 \"c0\", field behaviours"));
        // At the first behaviour's title of the first characteristic.
        assert_eq!(d.at.unwrap().line, 8, "{d:?}");
        assert!(d.help.as_deref().unwrap().contains("shorten"));

        // A name too long for two lines across the whole poster.
        let long = "Unbelievably ".repeat(14);
        let deck = load_str(&deck_of(1, 2, long.trim(), "fine"));
        let (_, diags) = design(&deck, Edge::Inset(MARGIN));
        let d = &diags.items[0];
        assert!(
            d.subject.as_deref().unwrap().ends_with("field name"),
            "{d:?}"
        );
        assert_eq!(d.at.unwrap().line, 4);
    }

    #[test]
    fn more_room_gives_larger_type() {
        let (few, _) = design(&load_str(&deck_of(2, 3, "Short", "fine")), Edge::Bleed);
        let title = "a behaviour with a medium title";
        let (many, _) = design(&load_str(&deck_of(5, 7, "Short", title)), Edge::Bleed);
        assert!(few.body > many.body, "{} vs {}", few.body, many.body);
        assert!(few.body <= BODY_MAX);
    }

    fn block(height: Mm) -> Block {
        Block {
            runs: Vec::new(),
            width: 10.0,
            height,
            first_baseline: 0.0,
            last_baseline: 0.0,
            lines: 1,
            size: BODY_FLOOR,
        }
    }

    #[test]
    fn lists_balance_their_columns_in_order() {
        let sz = Sizes::at(BODY_FLOOR);
        let items: Vec<ListItem> = [6.0, 6.0, 12.0, 6.0, 6.0, 6.0, 6.0]
            .iter()
            .map(|&h| ListItem {
                code: block(6.0),
                title: Some(block(h)),
                text: None,
            })
            .collect();
        let cols = balance(&items, 3, &sz);
        assert_eq!(cols, vec![0..2, 2..4, 4..7]);
        assert_eq!(balance(&items, 1, &sz), vec![0..7]);
        // No more columns than needed: two items of one line side by side.
        assert_eq!(balance(&items[..2], 4, &sz), vec![0..1, 1..2]);
        assert!(balance(&[], 3, &sz).is_empty());
    }

    #[test]
    fn colours_read_on_their_panels() {
        for c in &load("deck.yaml").characteristics {
            let pal = Palette::of(c.colour);
            // The number in the band is large text: AA asks 3:1.
            assert!(
                contrast(number_ink(&pal), pal.fill) >= 3.0,
                "{}",
                c.colour.hex()
            );
            // Codes and bold phrases on the tint: 4.5:1.
            assert!(
                contrast(accent(&pal), pal.tint) >= 4.5,
                "{}",
                c.colour.hex()
            );
            assert!(contrast(ink::TEXT, pal.tint) >= 7.0);
        }
    }

    #[test]
    fn tile_labels_say_where_the_sheet_goes() {
        let mut ts = Typesetter::new();
        let label = tile_label(&mut ts, Size::new(150.0, 16.0), (0, 1), (2, 2));
        assert_eq!(label.plain_text(), "2 of 4, top right");
        let filled = label
            .items
            .iter()
            .filter(|i| matches!(i, Item::Path { fill: Some(_), .. }))
            .count();
        assert_eq!(filled, 1, "one cell of the map filled");
        assert_eq!(place_name((2, 1), (3, 3)), "bottom centre");
        assert_eq!(place_name((0, 1), (1, 2)), "right");
        assert_eq!(place_name((3, 0), (4, 2)), "row 4, column 1");
    }
}
