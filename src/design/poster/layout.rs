//! Choosing the poster's layout: which characteristics share a row, how
//! many columns each panel's list takes, where the pillars go, whether the
//! behaviours' full texts or their titles are printed, and the one body
//! size everything is set at. Every panel is set (not estimated) at the
//! sizes tried, so the choice is exact; panels already set are reused.

use std::collections::HashMap;
use std::ops::Range;

use crate::deck::{Characteristic, Deck, Text};
use crate::diag::{Diagnostic, Diagnostics};
use crate::frame::Color;
use crate::geom::{pt_to_mm, Mm, Pt, Rect};
use crate::text::layout::STEP;
use crate::text::{Block, Rich, Style, TextError, Typesetter};

use super::tagline::{tagline, title_in_text};
use super::{Content, Scale};
use crate::design::card::heading;
use crate::design::{ink, text_error_or, Palette, Pills};

/// Colours the bold runs of a block (the phrase a text turns on).
fn accent_bold(mut block: Block, color: Color) -> Block {
    for run in &mut block.runs {
        if run.style.is_bold() {
            run.color = color;
        }
    }
    block
}

/// Type sizes and spacing derived from the body size and the poster's
/// size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Sizes {
    pub body: Pt,
    pub name: Pt,
    scale: Scale,
}

impl Sizes {
    pub fn at(body: Pt, scale: Scale) -> Sizes {
        Sizes {
            body,
            name: (body * 1.7).max(scale.name_floor()),
            scale,
        }
    }

    pub fn em(&self) -> Mm {
        pt_to_mm(self.body)
    }

    /// Space around the content, left and right.
    pub fn pad_x(&self) -> Mm {
        6.0 * self.scale.lin
    }

    /// Space above and below the band's content.
    pub fn band_pad(&self) -> Mm {
        0.45 * self.em()
    }

    /// Space above and below the body's content.
    pub fn body_pad(&self) -> Mm {
        0.7 * self.em()
    }

    pub fn gap(&self) -> Mm {
        0.5 * self.em()
    }

    pub fn item_gap(&self) -> Mm {
        0.25 * self.em()
    }

    pub fn column_gap(&self) -> Mm {
        1.4 * self.em()
    }

    pub fn pills(&self) -> Pills {
        Pills {
            pad: (0.6 * self.em(), 0.2 * self.em()),
            gap: self.gap(),
        }
    }

    pub fn icon(&self) -> Mm {
        pt_to_mm(self.name) * 1.25
    }

    /// Space between panels.
    pub fn panel_gap(&self) -> Mm {
        3.5 * self.scale.lin
    }

    pub fn radius(&self) -> Mm {
        3.0 * self.scale.lin
    }

    /// The width of each of `count` panels side by side in `width`.
    pub fn row_width(&self, width: Mm, count: usize) -> Mm {
        let count = count.max(1) as f32;
        (width - (count - 1.0) * self.panel_gap()) / count
    }
}

/// Where a panel's pillars are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum PillsAt {
    /// In the band, at the right of the name.
    Band,
    /// At the right of the tagline, level with its first line.
    Tagline,
    /// On a row of their own below the tagline.
    Row,
}

/// One behaviour in a panel's list: its code and what is printed of it.
#[derive(Clone)]
pub(super) struct ListItem {
    pub code: Block,
    /// The title, when it is printed (in texts mode only if the text does
    /// not hold it).
    pub title: Option<Block>,
    /// The full text, in texts mode.
    pub text: Option<Block>,
}

impl ListItem {
    pub fn height(&self) -> Mm {
        let body = self.title.as_ref().map_or(0.0, |b| b.height)
            + self.text.as_ref().map_or(0.0, |b| b.height);
        body.max(self.code.height)
    }
}

/// A characteristic's panel, set at one size: a band in its colour with
/// its icon, number, name (and pillars when they fit beside it), and below
/// it on a tint of the colour the tagline, pillars and behaviours.
#[derive(Clone)]
pub(super) struct Panel<'a> {
    pub c: &'a Characteristic,
    pub pal: Palette,
    pub number: Block,
    pub name: Block,
    pub tagline: Option<Block>,
    pub pills: Vec<Block>,
    /// Where the pills sit.
    pub pills_at: PillsAt,
    pub items: Vec<ListItem>,
    /// The items of each column of the list.
    pub columns: Vec<Range<usize>>,
    pub code_w: Mm,
    pub col_w: Mm,
    pub band_h: Mm,
    /// The height of the content below the band.
    pub body_h: Mm,
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
pub(super) fn balance(items: &[ListItem], k: usize, sz: &Sizes) -> Vec<Range<usize>> {
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
pub(super) struct Plan {
    pub content: Content,
    /// The number of rows of panels; the characteristics are shared
    /// between them as evenly as possible, the first rows taking one more.
    rows: usize,
    /// The most columns a panel's list may have.
    list_columns: usize,
    pills: PillsAt,
}

/// The most panels side by side in a row.
const MAX_ACROSS: usize = 4;

impl Plan {
    /// Every plan for a content, in order of preference, for panels
    /// sharing `width`: from the fewest rows (wide panels, short lists
    /// side by side) to one panel a row. Lists get no more columns than
    /// the widest panel can hold at the floor.
    fn all(content: Content, characteristics: usize, width: Mm, scale: Scale) -> Vec<Plan> {
        let n = characteristics.max(1);
        let sz = Sizes::at(scale.body_floor(), scale);
        let mut out = Vec::new();
        for rows in n.div_ceil(MAX_ACROSS)..=n {
            let across = n.div_ceil(rows);
            let widest = sz.row_width(width, counts(n, rows).last().copied().unwrap_or(across));
            // Panels too narrow for one column of titles are of no use.
            if !columns_read_well(sz.row_width(width, across), 1, Content::Titles, scale) {
                continue;
            }
            for list_columns in 1..=4 {
                if list_columns > 1 && !columns_read_well(widest, list_columns, content, scale) {
                    break;
                }
                for pills in [PillsAt::Band, PillsAt::Tagline] {
                    out.push(Plan {
                        content,
                        rows,
                        list_columns,
                        pills,
                    });
                }
            }
        }
        out
    }

    /// The rows of panels: the indices of the characteristics in each.
    pub fn rows(&self, n: usize) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        for count in counts(n, self.rows) {
            out.push(start..start + count);
            start += count;
        }
        out
    }
}

/// `n` panels in `rows` rows, as evenly as possible, the first rows
/// taking one more.
fn counts(n: usize, rows: usize) -> Vec<usize> {
    let rows = rows.clamp(1, n.max(1));
    let (each, extra) = (n / rows, n % rows);
    (0..rows)
        .map(|i| each + usize::from(i < extra))
        .filter(|&c| c > 0)
        .collect()
}

/// All panels set at one size.
pub(super) struct Layout<'a> {
    pub sizes: Sizes,
    pub plan: Plan,
    pub panels: Vec<Panel<'a>>,
    pub rows: Vec<Range<usize>>,
    /// The natural height of each row, and of its bands (the same for all
    /// panels of a row, so that their bodies line up).
    pub row_heights: Vec<Mm>,
    pub row_bands: Vec<Mm>,
    /// The rows' heights and the gaps between them.
    pub total: Mm,
}

struct Cx<'a, 'd> {
    deck: &'d Deck,
    ts: &'a mut Typesetter,
    scale: Scale,
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
pub fn poster_error(e: TextError, field: &Text, subject: &str) -> Diagnostic {
    text_error_or(
        e,
        field,
        subject,
        ", or choose a larger poster (poster: size:, or --poster-size)",
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
            Err(e @ (TextError::MissingGlyph(_) | TextError::UnknownFont(_))) => {
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
        let k = list_columns(width, plan, self.scale);
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
                    estimated: false,
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
        let sizes = Sizes::at(body, self.scale);
        let deck = self.deck;
        let n = deck.characteristics.len();
        let rows = plan.rows(n);
        let mut panels = Vec::with_capacity(n);
        let mut row_heights = Vec::with_capacity(rows.len());
        let mut row_bands = Vec::with_capacity(rows.len());
        for row in &rows {
            let width = sizes.row_width(self.width, row.len());
            for (i, c) in deck.characteristics[row.clone()].iter().enumerate() {
                let k = list_columns(width, &plan, self.scale);
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
        let total =
            row_heights.iter().sum::<Mm>() + (rows.len() as f32 - 1.0).max(0.0) * sizes.panel_gap();
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
fn list_columns(width: Mm, plan: &Plan, scale: Scale) -> usize {
    (1..=plan.list_columns)
        .rev()
        .find(|&k| k == 1 || columns_read_well(width, k, plan.content, scale))
        .unwrap_or(1)
}

/// How a characteristic is named in the poster's messages.
pub(super) fn subject(c: &Characteristic) -> String {
    format!("poster, {}", c.label())
}

/// The number in the band: the band's text colour, a little quieter.
pub(super) fn number_ink(pal: &Palette) -> Color {
    // Large text: AA asks 3:1.
    let quiet = pal.on_fill.mix(pal.fill, 0.3);
    crate::design::colour::readable_at(quiet, pal.fill, 3.05)
}

/// The characteristic's colour as text on its tint (codes, bold phrases):
/// its shade for white, darkened until it reads at AA on the tint.
pub(super) fn accent(pal: &Palette) -> Color {
    pal.on_tint
}

/// The layout at the largest body size at which everything fits in `area`,
/// over the plans: with the full texts if they fit at the floor, else with
/// the titles. When nothing fits, reports why (one error) and returns
/// `None`.
pub(super) fn choose<'d>(
    deck: &'d Deck,
    ts: &mut Typesetter,
    scale: Scale,
    area: Rect,
    diags: &mut Diagnostics,
) -> Option<Layout<'d>> {
    let mut cx = Cx {
        deck,
        ts,
        scale,
        width: area.w,
        panels: HashMap::new(),
    };
    // The layouts tried are measured; the one chosen is set.
    let was = cx.ts.measuring(true);
    let chosen = search(&mut cx, area, diags);
    cx.ts.measuring(was);
    let chosen = chosen?;
    cx.panels.clear();
    match cx.layout(chosen.sizes.body, chosen.plan) {
        Ok(layout) => Some(layout),
        Err(Failure::TooWide(d)) | Err(Failure::Hard(d)) => {
            diags.push(d);
            None
        }
    }
}

/// The layout `choose` sets, measured.
fn search<'d>(cx: &mut Cx<'_, 'd>, area: Rect, diags: &mut Diagnostics) -> Option<Layout<'d>> {
    let (deck, scale) = (cx.deck, cx.scale);
    let room = area.h;
    let (floor, max) = (scale.body_floor(), scale.body_max().max(scale.body_floor()));
    let steps = ((max - floor) / STEP).round() as i32;
    let size_at = |i: i32| max - i as f32 * STEP;
    let n = deck.characteristics.len();
    if n > MAX_CHARACTERISTICS {
        diags.push(
            Diagnostic::error(format!(
                "a poster shows at most {MAX_CHARACTERISTICS} characteristics, and this deck has {n}"
            ))
            .about("poster, the deck, field characteristics")
            .at(deck.characteristics[MAX_CHARACTERISTICS].at)
            .help("build the cards without the poster (--only cards,sheets, or outputs: [cards, sheets])"),
        );
        return None;
    }
    for content in [Content::Texts, Content::Titles] {
        // Content that could not fit even if every character were as
        // narrow as an `i` is not tried.
        let least = least_area(deck, content, floor);
        if least > area.w * area.h {
            if content == Content::Titles {
                diags.push(
                    Diagnostic::error(format!(
                        "the {n} characteristics do not fit on the poster even with only the behaviours' titles at {floor} pt: their text needs at least {:.0} mm² and the page has {:.0} mm²",
                        least,
                        area.w * area.h
                    ))
                    .about("poster, the deck, field characteristics")
                    .at(deck.characteristics[0].at)
                    .help("choose a larger poster (poster: size:, or --poster-size), or build the cards without it (--only cards,sheets)"),
                );
                return None;
            }
            continue;
        }
        // Nor content whose glyphs, set in one line each and stacked, take
        // more area than the page has (the shaped widths are measured once,
        // whatever the plan).
        if content == Content::Texts && measured_area(cx, floor) > area.w * area.h {
            continue;
        }
        let mut best: Option<Layout> = None;
        for plan in Plan::all(content, n, cx.width, scale) {
            // Only the best size so far or a larger one is of interest: try
            // that size (or the floor) first, and search above it only if
            // it fits. At the same size, the more compact layout wins (more
            // columns of shorter lines, more air).
            let bound = best
                .as_ref()
                .map_or(steps, |b| ((max - b.sizes.body) / STEP).round() as i32);
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
    report_overflow(cx, room, diags);
    None
}

/// The most characteristics a poster shows: past 24 the panels are too
/// small to read from any distance, whatever the paper.
pub const MAX_CHARACTERISTICS: usize = 24;

/// The least area, in mm², the poster's text needs at `size` (every
/// character as narrow as an `i`): what cannot fit in it is not tried.
fn least_area(deck: &Deck, content: Content, size: Pt) -> f32 {
    let em = pt_to_mm(size);
    let chars: usize = deck
        .characteristics
        .iter()
        .map(|c| {
            c.name.plain().len()
                + c.behaviours
                    .iter()
                    .map(|b| match content {
                        Content::Texts => b.text.plain().chars().count(),
                        Content::Titles => b.title.plain().chars().count(),
                    })
                    .sum::<usize>()
        })
        .sum();
    chars as f32 * 0.2 * em * 1.25 * em
}

/// The area, in mm², the behaviours' full texts take at `size`, every line
/// full: their shaped widths times the line height, a little less for the
/// spaces lost at line ends. No layout of them takes less.
fn measured_area(cx: &mut Cx<'_, '_>, size: Pt) -> f32 {
    let style = Style::new(size, ink::TEXT).leading(1.25);
    let line = pt_to_mm(size * 1.25);
    let mut area = 0.0;
    for c in &cx.deck.characteristics {
        for b in &c.behaviours {
            if let Ok(block) = cx.ts.layout(&b.text.rich, &style, 1.0e5) {
                area += block.width * line;
            }
        }
    }
    0.95 * area
}

/// Whether `k` columns of behaviours are wide enough to read at the floor:
/// 14 ems for titles, 20 for texts.
fn columns_read_well(width: Mm, k: usize, content: Content, scale: Scale) -> bool {
    let sz = Sizes::at(scale.body_floor(), scale);
    let inner = width - 2.0 * sz.pad_x();
    let col_w = (inner - (k as f32 - 1.0) * sz.column_gap()) / k as f32;
    let ems = match content {
        Content::Texts => 20.0,
        Content::Titles => 14.0,
    };
    col_w >= ems * sz.em()
}

/// Explains, in one error, why the titles do not fit even at the floor:
/// how much is over, and the panels that need more than an equal share of
/// the room with the field that takes most of each.
fn report_overflow(cx: &mut Cx<'_, '_>, room: Mm, diags: &mut Diagnostics) {
    let mut lowest: Option<Layout> = None;
    let mut wide: Option<Diagnostic> = None;
    let n = cx.deck.characteristics.len();
    let floor = cx.scale.body_floor();
    for plan in Plan::all(Content::Titles, n, cx.width, cx.scale) {
        match cx.layout(floor, plan) {
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
        return;
    };
    let sz = layout.sizes;
    let rows = layout.rows.len();
    let share = (room - (rows as f32 - 1.0) * sz.panel_gap()) / rows as f32;
    let over = layout.total - room;
    let mut worst: Option<(Mm, &Panel)> = None;
    let mut notes = Vec::new();
    for (row, p) in layout
        .rows
        .iter()
        .flat_map(|r| layout.panels[r.clone()].iter().map(move |p| (r.clone(), p)))
    {
        let h = p.height(&sz);
        let _ = row;
        if h <= share + 1e-3 {
            continue;
        }
        let (_, what, _) = biggest_part(p, &sz);
        notes.push(format!(
            "{} needs {h:.0} mm (most of it {what}), {:.0} mm more than its share",
            p.c.label(),
            h - share
        ));
        if worst.is_none_or(|(wh, _)| h > wh) {
            worst = Some((h, p));
        }
    }
    let Some((_, p)) = worst.or_else(|| layout.panels.first().map(|p| (0.0, p))) else {
        return;
    };
    let (field, what, at) = biggest_part(p, &sz);
    let mut d = Diagnostic::error(format!(
        "the {n} characteristic{} do not fit on the poster even with only the behaviours' titles at {floor} pt: in {rows} row{} they need {:.0} mm of height and there are {room:.0} mm ({over:.0} mm over)",
        if n == 1 { "" } else { "s" },
        if rows == 1 { "" } else { "s" },
        layout.total,
    ))
    .about(format!("{}, field {field}", subject(p.c)))
    .at(at)
    .help(format!(
        "choose a larger poster (poster: size:, or --poster-size), or shorten {what}"
    ));
    let over_share = notes.len();
    if over_share == layout.panels.len() && over_share > 1 {
        d = d.note("every panel needs more than its share of the height");
    } else {
        for note in notes {
            d = d.note(note);
        }
    }
    diags.push(d);
}

/// The part of a panel that takes most of its height: the field, how to
/// name it, and where it is written.
fn biggest_part(p: &Panel, sz: &Sizes) -> (&'static str, &'static str, crate::diag::Loc) {
    let c = p.c;
    let tag_h = p.tagline.as_ref().map_or(0.0, |b| b.height);
    let list_h = p.list_height(sz);
    if list_h >= tag_h.max(p.name.height) {
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
    }
}
