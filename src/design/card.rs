//! The card faces: a behaviour card, a summary card per characteristic, and
//! one back design per characteristic. Proportions follow the card size, so
//! every preset gets the same design at its own scale.

use std::sync::Arc;

use crate::deck::Key;
use crate::deck::{Behaviour, Characteristic, Deck, Text};
use crate::diag::{Diagnostic, Diagnostics};
use crate::frame::{Color, Frame, Path, Stroke};
use crate::geom::{pt_to_mm, Mm, Point, Pt, Rect, Size};
use crate::text::layout::STEP;
use crate::text::{Align, Block, Rich, Style, TextError, Typesetter};

use super::{draw, fit_field, ink, place_icon, text_error, Palette, Pills, CARD_FLOOR, OVERPAINT};

/// How colour meets the card's edge.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Edge {
    /// Colour runs past the trim (into the bleed): for cards cut one by one
    /// or with gutters.
    Bleed,
    /// Colour stops this far inside the trim, leaving a white edge: for
    /// cards whose trims touch on the sheet, where a cut a little off would
    /// otherwise show the neighbour's colour.
    Inset(Mm),
}

/// Which card a pair of faces belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardKind {
    /// The summary card of characteristic `c` (0-based).
    Summary { c: usize },
    /// Behaviour `b` of characteristic `c` (both 0-based).
    Behaviour { c: usize, b: usize },
    /// The `n`th (0-based) blank card of characteristic `c`, to write a
    /// behaviour of one's own on.
    Blank { c: usize, n: usize },
}

/// Both faces of one card.
#[derive(Clone, Debug, PartialEq)]
pub struct CardFaces {
    pub kind: CardKind,
    /// The code printed on the card: `1` for a summary card, `1.3` for a
    /// behaviour.
    pub code: String,
    /// How the card is named in reports: `card 1.3 "accountability"`.
    pub label: String,
    pub front: Arc<Frame>,
    pub back: Arc<Frame>,
    /// Whether the back carries part of the card's content (a summary card
    /// too full for one face) rather than the characteristic's back design.
    pub back_has_content: bool,
}

/// Sizes derived from the card size.
#[derive(Clone, Copy, Debug)]
struct Metrics {
    size: Size,
    /// Type scale relative to a 63 × 88 mm card.
    k: f32,
    /// Coloured frame around the white panel, on the sides and bottom.
    border: Mm,
    /// Height of the coloured band above the panel.
    head: Mm,
    /// Padding inside the panel.
    pad: Mm,
    icon: Mm,
    radius: Mm,
    /// Size and most lines of a card's title.
    title: Pt,
    title_lines: f32,
    /// Space between the items of a list.
    item_gap: Mm,
    /// The body size of behaviour cards (one for the whole deck).
    body: Pt,
}

impl Metrics {
    fn of(size: Size) -> Metrics {
        let k = ((size.w * size.h) / (63.0 * 88.0)).sqrt().clamp(0.75, 1.6);
        let m = Metrics {
            size,
            k,
            border: 3.5 + 0.5 * (k - 1.0),
            head: 17.5 * k,
            pad: (3.0 * k).max(2.8),
            icon: 9.0 * k,
            radius: 2.2 * k,
            title: 0.0,
            title_lines: 3.0,
            item_gap: 0.9 * k,
            body: 0.0,
        };
        Metrics {
            title: m.pt(13.0),
            body: m.pt(9.0),
            ..m
        }
    }

    /// The largest body size of behaviour cards: short statements are set
    /// this large.
    fn body_max(&self) -> Pt {
        self.pt(12.5)
    }

    /// The smallest size of a title.
    fn title_floor(&self) -> Pt {
        CARD_FLOOR.max(9.0 * self.k)
    }

    /// A tighter variant for text that does not fit the normal layout: a
    /// lower band, a smaller title of at most two lines.
    fn compact(self) -> Metrics {
        Metrics {
            head: 13.0 * self.k,
            icon: 7.0 * self.k,
            title: self.pt(11.0).min(self.title),
            title_lines: 2.0,
            item_gap: 0.4 * self.k,
            ..self
        }
    }

    /// A type size for this card: `base` on a poker card, scaled, and never
    /// below the floor.
    fn pt(&self, base: Pt) -> Pt {
        (base * self.k).max(CARD_FLOOR)
    }

    /// The small type of footers.
    fn small(&self) -> Pt {
        (7.0 * self.k.min(1.2)).max(CARD_FLOOR)
    }

    /// The white panel.
    fn panel(&self, top: Mm) -> Rect {
        Rect::new(
            self.border,
            top,
            self.size.w - 2.0 * self.border,
            self.size.h - top - self.border,
        )
    }

    /// The text area inside the panel.
    fn inner(&self, top: Mm) -> Rect {
        let p = self.panel(top);
        p.inset(self.pad, self.pad, self.pad, self.pad)
    }

    fn body_size(&self) -> Pt {
        self.pt(9.0)
    }
}

/// Paints every card of the deck, in deck order: each characteristic's
/// summary card, then its behaviours. Problems go to `diags`.
pub fn card_faces(
    deck: &Deck,
    ts: &mut Typesetter,
    edge: Edge,
    diags: &mut Diagnostics,
) -> Vec<CardFaces> {
    crate::progress::step("designing the cards", deck.card_count());
    let groups = groups(deck, crate::threads());
    // The first group is set with `ts`; the others each with a typesetter
    // of their own, on a thread of their own. Every face depends only on
    // the deck, so the faces are the same however they are shared out.
    let mut forks: Vec<Typesetter> = (1..groups.len()).map(|_| ts.fork()).collect();
    let mut setters: Vec<&mut Typesetter> =
        std::iter::once(&mut *ts).chain(forks.iter_mut()).collect();
    let mut m = Metrics::of(deck.cards.size.size);
    // One pass finds the deck's body size and designs every face: each
    // behaviour front is set at the size found so far, while its text is
    // still shaped and remembered. Only a front set larger than the size
    // the whole deck ends with is set again (the cards before the one
    // that lowered it), so a large deck's texts are not shaped twice.
    let drafts = in_parallel(&mut setters, &groups, |ts, range| {
        group_faces(deck, range, ts, m, edge)
    });
    m.body = drafts
        .iter()
        .map(|d| d.body)
        .fold(m.body_max(), Pt::min)
        .max(CARD_FLOOR);
    let body = m.body;
    let redone = in_parallel(&mut setters, &groups, |ts, range| {
        let draft = drafts
            .iter()
            .find(|d| d.range == range)
            .expect("a draft for every group");
        redo_fronts(deck, draft, ts, Metrics { body, ..m }, edge)
    });
    // The cards' texts are set: what the typesetter remembers of them is
    // room the rest of the build can use.
    drop(setters);
    drop(forks);
    ts.forget();
    crate::give_back_memory();
    let mut parts = Vec::with_capacity(drafts.len());
    for (mut draft, again) in drafts.into_iter().zip(redone) {
        for (i, front, problems) in again {
            draft.slots[i].faces.front = front;
            draft.slots[i].found = problems;
        }
        let mut found = Diagnostics::default();
        let mut faces = Vec::with_capacity(draft.slots.len());
        for slot in draft.slots {
            found.extend(slot.found);
            faces.push(slot.faces);
        }
        parts.push((faces, found));
    }
    let mut out = Vec::with_capacity(deck.card_count());
    let mut found = Diagnostics::default();
    for (faces, problems) in parts {
        out.extend(faces);
        found.extend(problems);
    }
    // A name that does not fit is one mistake, whichever cards show it.
    for mut d in found.items {
        let name_of = deck.characteristics.iter().find(|c| {
            Some(c.name.at) == d.at
                && d.subject
                    .as_deref()
                    .is_some_and(|s| s.ends_with("field name"))
        });
        if let Some(c) = name_of {
            d.subject = Some(format!("{}, field name (on its cards)", c.label()));
            d.help = Some(format!(
                "shorten the name: it is printed on every card of the characteristic (in the band, on the back and as its summary card's title){}",
                ", or choose a larger card size (--card-size)"
            ));
            d = d.merged_as(format!("name {}", c.number), 0.0);
        }
        diags.push(d);
    }
    out
}

/// The characteristics shared out into at most `n` runs of about equal
/// work (their texts' length), in deck order.
fn groups(deck: &Deck, n: usize) -> Vec<std::ops::Range<usize>> {
    let cs = &deck.characteristics;
    let work: Vec<usize> = cs
        .iter()
        .map(|c| {
            64 + c.name.plain().len()
                + c.behaviours
                    .iter()
                    .map(|b| 64 + b.title.plain().len() + b.text.plain().len())
                    .sum::<usize>()
        })
        .collect();
    let n = n.clamp(1, cs.len().max(1));
    let total: usize = work.iter().sum();
    let mut out = Vec::with_capacity(n);
    let (mut start, mut done) = (0, 0);
    for (i, w) in work.iter().enumerate() {
        done += w;
        let left = cs.len() - i - 1;
        let wanted = n - out.len() - 1;
        if wanted > 0 && done * n >= total * (out.len() + 1) && left >= wanted {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    out.push(start..cs.len());
    out
}

/// Runs `work` on each group, the first on this thread and the others on
/// threads of their own, each with its own typesetter; the results in the
/// groups' order.
fn in_parallel<T: Send>(
    setters: &mut [&mut Typesetter],
    groups: &[std::ops::Range<usize>],
    work: impl Fn(&mut Typesetter, std::ops::Range<usize>) -> T + Sync,
) -> Vec<T> {
    let work = &work;
    std::thread::scope(|scope| {
        let mut setters = setters.iter_mut();
        let first = setters.next();
        let others: Vec<_> = setters
            .zip(groups.iter().skip(1))
            .map(|(ts, range)| {
                let range = range.clone();
                scope.spawn(move || work(ts, range))
            })
            .collect();
        let mut out = Vec::with_capacity(groups.len());
        if let Some(ts) = first {
            out.push(work(ts, groups[0].clone()));
        }
        for handle in others {
            match handle.join() {
                Ok(v) => out.push(v),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    })
}

/// A group's faces as first designed: each with the problems found
/// designing it, and the body size the group's behaviour cards lead to.
struct Draft {
    range: std::ops::Range<usize>,
    slots: Vec<Slot>,
    /// The largest body size at which every behaviour text of the group
    /// fits (those that fit at the floor).
    body: Pt,
}

/// One card of a draft.
struct Slot {
    faces: CardFaces,
    /// The problems found designing it (for a summary card, its back's
    /// first).
    found: Diagnostics,
    /// For a behaviour card, the body size its front was set at.
    body: Option<Pt>,
}

/// The faces of the characteristics in `range`, in deck order, each
/// behaviour front set at the body size found so far.
///
/// The body size of the deck's behaviour cards is the largest at which
/// every card's text fits its room (from a generous maximum, for decks of
/// short statements, down to the floor), so that the deck reads as one
/// set. A card whose text does not fit even at the floor is left out of
/// the choice: it is set in the compact layout, or reported.
fn group_faces(
    deck: &Deck,
    range: std::ops::Range<usize>,
    ts: &mut Typesetter,
    m: Metrics,
    edge: Edge,
) -> Draft {
    let mut slots = Vec::new();
    let rtl = deck.is_rtl();
    let finish = |f: Frame| finished(rtl, f);
    let mut body = m.body_max();
    for ci in range.clone() {
        let c = &deck.characteristics[ci];
        let mut found = Diagnostics::default();
        let mut cx = Cx::new(deck, c, m, edge, ts, &mut found);
        // One back for all the characteristic's cards.
        let back = finish(cx.back());
        let (front, content_back) = cx.fitting(Cx::summary);
        crate::progress::tick();
        slots.push(Slot {
            faces: CardFaces {
                kind: CardKind::Summary { c: ci },
                code: c.number.to_string(),
                label: format!("summary card {} \"{}\"", c.number, c.name.plain()),
                front: finish(front),
                back_has_content: content_back.is_some(),
                back: content_back.map_or_else(|| back.clone(), finish),
            },
            found,
            body: None,
        });
        for (bi, b) in c.behaviours.iter().enumerate() {
            crate::progress::tick();
            let mut found = Diagnostics::default();
            let mut cx = Cx::new(deck, c, Metrics { body, ..m }, edge, ts, &mut found);
            // Only a text that does not fit at the size found so far can
            // lower it: each is tried from there down (on the same steps
            // from the maximum), not from the maximum again. The texts are
            // measured, not set.
            let was = cx.ts.measuring(true);
            let size = cx.behaviour_body(b);
            cx.ts.measuring(was);
            if let Some(size) = size {
                body = body.min(size);
            }
            cx.m.body = body.max(CARD_FLOOR);
            let front = finish(cx.fitting(|cx| cx.behaviour_front(b)));
            slots.push(Slot {
                faces: CardFaces {
                    kind: CardKind::Behaviour { c: ci, b: bi },
                    code: b.code(c),
                    label: b.label(c),
                    front,
                    back: back.clone(),
                    back_has_content: false,
                },
                found,
                body: Some(body.max(CARD_FLOOR)),
            });
        }
        for n in 0..deck.blank_cards {
            let code = format!("{}.{}", c.number, c.behaviours.len() + n + 1);
            let mut found = Diagnostics::default();
            let mut cx = Cx::new(deck, c, m, edge, ts, &mut found);
            let front = finish(cx.blank_front(&code));
            slots.push(Slot {
                faces: CardFaces {
                    kind: CardKind::Blank { c: ci, n },
                    label: format!("blank card {code}"),
                    front,
                    code,
                    back: back.clone(),
                    back_has_content: false,
                },
                found,
                body: None,
            });
        }
    }
    Draft { range, slots, body }
}

/// The behaviour fronts of a draft that were set at a larger body size
/// than the deck's (`m.body`), set again at the deck's: each with its
/// place in the draft and its problems.
fn redo_fronts(
    deck: &Deck,
    draft: &Draft,
    ts: &mut Typesetter,
    m: Metrics,
    edge: Edge,
) -> Vec<(usize, Arc<Frame>, Diagnostics)> {
    let rtl = deck.is_rtl();
    let mut out = Vec::new();
    for (i, slot) in draft.slots.iter().enumerate() {
        let (CardKind::Behaviour { c: ci, b: bi }, Some(used)) = (slot.faces.kind, slot.body)
        else {
            continue;
        };
        if used.to_bits() == m.body.to_bits() {
            continue;
        }
        let c = &deck.characteristics[ci];
        let mut found = Diagnostics::default();
        let mut cx = Cx::new(deck, c, m, edge, ts, &mut found);
        let front = cx.fitting(|cx| cx.behaviour_front(&c.behaviours[bi]));
        out.push((i, finished(rtl, front), found));
    }
    out
}

/// A designed face as it is kept: a right-to-left deck's (`rtl`) read from
/// the right, and compacted.
fn finished(rtl: bool, face: Frame) -> Arc<Frame> {
    Arc::new(if rtl { face.mirrored() } else { face }.compact())
}

/// Line distance of titles.
const TITLE_LEADING: f32 = 1.12;

/// A title as printed: its first letter in upper case (titles in the deck
/// are the bold phrases as they stand in the text).
pub fn heading(text: &Text) -> Rich {
    let mut rich = text.rich.clone();
    if let Some(first) = rich.text.chars().next() {
        let upper: String = first.to_uppercase().collect();
        rich.text.replace_range(..first.len_utf8(), &upper);
        let shift = upper.len() as isize - first.len_utf8() as isize;
        if shift != 0 {
            for (i, s) in rich.spans.iter_mut().enumerate() {
                if i > 0 {
                    s.range.start = (s.range.start as isize + shift) as usize;
                }
                s.range.end = (s.range.end as isize + shift) as usize;
            }
        }
    }
    rich
}

/// The height of `lines` lines of a style, with a hair of slack.
fn lines_height(style: &Style, lines: f32) -> Mm {
    lines * pt_to_mm(style.size * style.leading) + 0.2
}

/// The parts of a summary card's content, set at one body size.
#[derive(Clone)]
struct SummaryParts {
    intro: Option<Block>,
    pillars: Vec<Block>,
    lead_in: Option<Block>,
    /// Each behaviour: its code and its title.
    items: Vec<(Block, Block)>,
    /// The width of the code column.
    code_w: Mm,
    /// The list's columns (1 or 2) and the gap between them.
    columns: usize,
    column_gap: Mm,
    /// Whether a title has a word wider than its column (two columns
    /// are then too narrow).
    too_narrow: bool,
    /// The body size it is set at.
    size: Pt,
}

/// Summary content set at some size, and whether it fits its room.
type Fitted = (SummaryParts, bool);

/// Which parts of a summary card's content a size search looks at: the
/// sizes tried are measured for what the test reads, the one kept is set
/// whole.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Need {
    /// Everything.
    All,
    /// The front's: the intro and the pillars.
    Front,
    /// The list's: the pillars, the lead-in and the behaviours.
    List,
}

const PART_GAP: f32 = 2.6;

impl SummaryParts {
    fn pillars_height(&self, m: &Metrics, width: Mm) -> Mm {
        pills(m).rows(&self.pillars, width).1
    }

    /// The height of the pillars and the gap before them, if they are
    /// `here`.
    fn pillars_block(&self, m: &Metrics, width: Mm, here: bool) -> Mm {
        if here && !self.pillars.is_empty() {
            PART_GAP * m.k + self.pillars_height(m, width)
        } else {
            0.0
        }
    }

    /// The height of the intro, and of the pillars if `pillars`.
    fn front_height(&self, m: &Metrics, width: Mm, pillars: bool) -> Mm {
        self.intro.as_ref().map_or(0.0, |b| b.height) + self.pillars_block(m, width, pillars)
    }

    /// The height of the lead-in and the list of behaviours, after the
    /// pillars if `pillars`.
    fn list_height(&self, m: &Metrics, width: Mm, pillars: bool) -> Mm {
        let mut h = self.pillars_block(m, width, pillars);
        if let Some(b) = &self.lead_in {
            h += b.height + 1.6 * m.k;
        }
        h + self
            .column_ranges()
            .into_iter()
            .map(|r| {
                self.items[r]
                    .iter()
                    .map(|(c, t)| c.height.max(t.height) + m.item_gap)
                    .sum::<Mm>()
            })
            .fold(0.0, f32::max)
    }

    /// The items of each column: the first column takes the extra one.
    fn column_ranges(&self) -> Vec<std::ops::Range<usize>> {
        let n = self.items.len();
        if self.columns < 2 || n < 2 {
            return std::iter::once(0..n).collect();
        }
        let first = n.div_ceil(2);
        vec![0..first, first..n]
    }

    fn draw_pillars(
        &self,
        frame: &mut Frame,
        pal: &Palette,
        m: &Metrics,
        inner: Rect,
        y: Mm,
    ) -> Mm {
        let style = pills(m);
        let (at, height) = style.rows(&self.pillars, inner.w);
        for (p, block) in at.into_iter().zip(&self.pillars) {
            style.draw(frame, block, Point::new(inner.x + p.x, y + p.y), pal.tint);
        }
        y + height
    }

    /// Draws the intro (and the pillars if `pillars`) from `y`; returns
    /// where it ends.
    fn draw_front(
        &self,
        frame: &mut Frame,
        pal: &Palette,
        m: &Metrics,
        inner: Rect,
        mut y: Mm,
        pillars: bool,
    ) -> Mm {
        if let Some(b) = &self.intro {
            draw(frame, b, inner.x, y);
            y += b.height;
        }
        if pillars && !self.pillars.is_empty() {
            y = self.draw_pillars(frame, pal, m, inner, y + PART_GAP * m.k);
        }
        y
    }

    /// Draws (the pillars if `pillars`, then) the lead-in and the list.
    fn draw_list(
        &self,
        frame: &mut Frame,
        pal: &Palette,
        m: &Metrics,
        inner: Rect,
        mut y: Mm,
        pillars: bool,
    ) {
        if pillars && !self.pillars.is_empty() {
            y = self.draw_pillars(frame, pal, m, inner, y) + PART_GAP * m.k;
        }
        if let Some(b) = &self.lead_in {
            draw(frame, b, inner.x, y);
            y += b.height + 1.6 * m.k;
        }
        let col_w = (inner.w - (self.columns as f32 - 1.0) * self.column_gap) / self.columns as f32;
        for (j, range) in self.column_ranges().into_iter().enumerate() {
            let x = inner.x + j as f32 * (col_w + self.column_gap);
            let mut cy = y;
            for (code, title) in &self.items[range] {
                draw(frame, code, x, cy);
                draw(frame, title, x + self.code_w, cy);
                cy += code.height.max(title.height) + m.item_gap;
            }
        }
    }
}

/// How pillars are set on a card.
fn pills(m: &Metrics) -> Pills {
    Pills {
        pad: (2.0 * m.k, 1.0 * m.k),
        gap: 1.6 * m.k,
    }
}

/// Everything a characteristic's faces are painted with.
struct Cx<'a> {
    deck: &'a Deck,
    c: &'a Characteristic,
    pal: Palette,
    m: Metrics,
    edge: Edge,
    ts: &'a mut Typesetter,
    diags: &'a mut Diagnostics,
}

impl<'a> Cx<'a> {
    /// The context for the faces of characteristic `c`.
    fn new(
        deck: &'a Deck,
        c: &'a Characteristic,
        m: Metrics,
        edge: Edge,
        ts: &'a mut Typesetter,
        diags: &'a mut Diagnostics,
    ) -> Cx<'a> {
        Cx {
            deck,
            c,
            pal: Palette::of(c.colour),
            m,
            edge,
            ts,
            diags,
        }
    }
}

impl Cx<'_> {
    /// Paints with the normal metrics, and if that leaves text that does
    /// not fit, tries the compact ones; the problems of the normal layout
    /// are reported if neither fits.
    fn fitting<T>(&mut self, paint: impl Fn(&mut Self) -> T) -> T {
        let before = self.diags.items.len();
        let normal = paint(self);
        if self.diags.items.len() == before {
            return normal;
        }
        let problems = self.diags.items.split_off(before);
        let metrics = self.m;
        self.m = metrics.compact();
        let compact = paint(self);
        self.m = metrics;
        if self.diags.items.len() == before {
            return compact;
        }
        self.diags.items.truncate(before);
        self.diags.items.extend(problems);
        normal
    }

    /// A new face: the colour to the edge (or kept off it), and the white
    /// panel below a band of height `head`.
    fn base(&self, head: Option<Mm>) -> Frame {
        let mut frame = Frame::new(self.m.size);
        match self.edge {
            Edge::Bleed => frame.fill_rect(
                Rect::from_size(self.m.size).inflate(OVERPAINT),
                self.pal.fill,
            ),
            Edge::Inset(d) => frame.fill_path(
                Path::rounded_rect(Rect::from_size(self.m.size).inflate(-d), self.m.radius),
                self.pal.fill,
            ),
        }
        if let Some(head) = head {
            frame.fill_path(
                Path::rounded_rect(self.m.panel(head), self.m.radius),
                ink::PAPER,
            );
        }
        frame
    }

    fn set(
        &mut self,
        rich: &Rich,
        field: &Text,
        style: &Style,
        width: Mm,
        subject: &str,
    ) -> Option<Block> {
        self.set_as(rich, field, style, width, || subject.to_string())
    }

    /// `set`, with the subject of its error made only if there is one (a
    /// size search sets the same texts many times over).
    fn set_as(
        &mut self,
        rich: &Rich,
        field: &Text,
        style: &Style,
        width: Mm,
        subject: impl FnOnce() -> String,
    ) -> Option<Block> {
        match self.ts.layout(rich, style, width) {
            Ok(b) => Some(b),
            Err(e) => {
                self.diags.push(text_error(e, field, &subject()));
                None
            }
        }
    }

    fn fit(
        &mut self,
        rich: &Rich,
        field: &Text,
        style: &Style,
        room: (Mm, Mm),
        floor: Pt,
        subject: &str,
    ) -> Option<Block> {
        match fit_field(self.ts, rich, field, style, room, floor, subject) {
            Ok(b) => Some(b),
            Err(d) => {
                self.diags.push(d);
                None
            }
        }
    }

    /// A front with a band holding the icon and the characteristic's
    /// name (up to three lines; the band grows to hold them), and the white
    /// panel below. Returns the face and the band's height.
    fn banded(&mut self, subject: &str) -> (Frame, Mm) {
        let m = self.m;
        let inner = m.inner(m.head);
        let x = if self.c.icon.is_some() {
            inner.x + m.icon + 2.5 * m.k
        } else {
            inner.x
        };
        let style = Style::new(m.pt(8.0), self.pal.on_fill).leading(1.15);
        let name = self.c.name.rich.clone().all_bold();
        let room = (inner.right() - x, lines_height(&style, 3.0));
        let field = format!("{subject}, field name");
        let block = self.fit(&name, &self.c.name, &style, room, CARD_FLOOR, &field);
        // At least 4 mm between the trim and the name.
        let head = m.head.max(8.0 + block.as_ref().map_or(0.0, |b| b.height));
        let mut frame = self.base(Some(head));
        let centre = head / 2.0 + 0.4 * m.k;
        if let Some(icon) = &self.c.icon {
            let rect = Rect::new(inner.x, centre - m.icon / 2.0, m.icon, m.icon);
            place_icon(
                &mut frame,
                icon,
                rect,
                self.pal.on_fill,
                subject,
                self.diags,
            );
        }
        if let Some(block) = block {
            draw(&mut frame, &block, x, centre - block.height / 2.0);
        }
        (frame, head)
    }

    /// The foot of a face: the deck's short title, small, and the card's
    /// code at the right. Returns the footer's top.
    fn footer(&mut self, frame: &mut Frame, code: &str, inner: Rect) -> Mm {
        let m = self.m;
        let deck = self.deck;
        let code_style = Style::new(m.pt(9.5), self.pal.on_white).align(Align::Right);
        let Some(code_block) = self.set(
            &Rich::plain(code).all_bold(),
            deck.footer(),
            &code_style,
            inner.w,
            "card code",
        ) else {
            return inner.bottom();
        };
        let small = Style::new(m.small(), ink::MUTED).leading(1.15);
        let room = (
            inner.w - code_block.width - 3.0 * m.k,
            lines_height(&small, 3.0),
        );
        let subject = "the deck, field short_title (printed at the foot of every card)";
        let Some(block) = self.fit(
            &deck.footer().rich,
            deck.footer(),
            &small,
            room,
            CARD_FLOOR,
            subject,
        ) else {
            return inner.bottom();
        };
        let top = inner.bottom() - block.height;
        draw(frame, &block, inner.x, top);
        // The code sits on the footer's last baseline.
        let code_top = top + block.last_baseline - code_block.first_baseline;
        draw(frame, &code_block, inner.x, code_top);
        top.min(code_top)
    }

    /// A title in the characteristic's colour, up to three lines: the
    /// block, set at the deck's title size (smaller if it must be).
    fn title_block(
        &mut self,
        rich: &Rich,
        field: &Text,
        width: Mm,
        subject: &str,
    ) -> Option<Block> {
        let m = self.m;
        let style = Style::new(m.title, self.pal.on_white).leading(TITLE_LEADING);
        let room = (width, lines_height(&style, m.title_lines));
        self.fit(
            &rich.clone().all_bold(),
            field,
            &style,
            room,
            m.title_floor(),
            subject,
        )
    }

    /// The height a title takes with the rule under it and the gap to
    /// the text below.
    fn title_height(&self, block: Option<&Block>) -> Mm {
        let k = self.m.k;
        block.map_or(0.0, |b| b.height) + 1.6 * k + 0.8 * k + 2.4 * k
    }

    /// Draws a title block and its rule from `y`.
    fn draw_title(&self, frame: &mut Frame, block: Option<&Block>, x: Mm, y: Mm) {
        let k = self.m.k;
        let mut y = y;
        if let Some(b) = block {
            draw(frame, b, x, y);
            y += b.height;
        }
        y += 1.6 * k;
        let rule = Rect::new(x, y, 9.0 * k, 0.8 * k);
        frame.fill_path(Path::rounded_rect(rule, 0.4 * k), self.pal.fill);
    }

    /// A title, up to three lines, and a short rule under it, drawn from
    /// the top of `inner`. Returns where the text below starts.
    fn title(
        &mut self,
        frame: &mut Frame,
        rich: &Rich,
        field: &Text,
        inner: Rect,
        subject: &str,
    ) -> Mm {
        let block = self.title_block(rich, field, inner.w, subject);
        self.draw_title(frame, block.as_ref(), inner.x, inner.y);
        inner.y + self.title_height(block.as_ref())
    }

    /// The largest body size, up to the deck's, at which a behaviour's
    /// text fits its card; `None` if it does not fit at the floor.
    fn behaviour_body(&mut self, b: &Behaviour) -> Option<Pt> {
        let before = self.diags.items.len();
        let (_, _, block) = self.behaviour_parts(b);
        let fits = self.diags.items.len() == before;
        self.diags.items.truncate(before);
        block.filter(|_| fits).map(|(_, text, _)| text.size)
    }

    /// A behaviour card's front and its laid-out title and text, with the
    /// room the text had.
    #[allow(clippy::type_complexity)]
    fn behaviour_parts(
        &mut self,
        b: &Behaviour,
    ) -> (Frame, Mm, Option<(Option<Block>, Block, Mm)>) {
        let m = self.m;
        let c = self.c;
        let subject = b.label(c);
        let (mut frame, head) = self.banded(&subject);
        let inner = m.inner(head);
        let footer_top = self.footer(&mut frame, &b.code(c), inner);
        let title = self.title_block(
            &heading(&b.title),
            &b.title,
            inner.w,
            &format!("{subject}, field title"),
        );
        let top = self.title_height(title.as_ref());
        let style = Style::new(m.body, ink::TEXT).leading(1.3);
        let room = (footer_top - 2.5 * m.k - inner.y - top).max(0.0);
        let text = self.fit(
            &b.text.rich,
            &b.text,
            &style,
            (inner.w, room),
            CARD_FLOOR,
            &format!("{subject}, field text"),
        );
        (frame, head, text.map(|t| (title, t, room)))
    }

    /// A card to write a behaviour of one's own on: the characteristic's
    /// band and footer, a label, a line for the title and ruled lines for
    /// the text.
    fn blank_front(&mut self, code: &str) -> Frame {
        let m = self.m;
        let subject = format!("blank card {code}");
        let (mut frame, head) = self.banded(&subject);
        let inner = m.inner(head);
        let foot = self.footer(&mut frame, code, inner);
        let label = self.deck.labels.get(Key::BlankCard);
        let style = Style::new(m.small(), self.pal.on_white).leading(1.15);
        let mut y = inner.y + 1.0 * m.k;
        if let Ok(b) = self
            .ts
            .layout(&Rich::plain(&label).all_bold(), &style, inner.w)
        {
            draw(&mut frame, &b, inner.x, y);
            y += b.height;
        }
        // The title's line in the characteristic's colour, then lines to
        // write on, about 6.5 mm apart, down to the footer.
        let pitch = 6.5 * m.k;
        y += pitch;
        frame.line(
            Point::new(inner.x, y),
            Point::new(inner.right(), y),
            Stroke::solid(self.pal.on_white, 0.35),
        );
        let rule = Stroke::solid(Color::rgb(0xa6, 0xa6, 0xa6), 0.2);
        loop {
            y += pitch;
            if y > foot - 2.5 * m.k {
                break;
            }
            frame.line(Point::new(inner.x, y), Point::new(inner.right(), y), rule);
        }
        frame
    }

    fn behaviour_front(&mut self, b: &Behaviour) -> Frame {
        let m = self.m;
        let (mut frame, head, parts) = self.behaviour_parts(b);
        let Some((title, text, room)) = parts else {
            return frame;
        };
        let inner = m.inner(head);
        // A short text does not sit at the top of an empty card: the title
        // and text together are placed a little above the middle of the
        // room they have.
        let free = (room - text.height).max(0.0);
        let y = inner.y + 0.4 * free;
        self.draw_title(&mut frame, title.as_ref(), inner.x, y);
        draw(
            &mut frame,
            &text,
            inner.x,
            y + self.title_height(title.as_ref()),
        );
        frame
    }

    /// The summary content set at `size`; `None` if it cannot be set.
    fn summary_parts(
        &mut self,
        width: Mm,
        size: Pt,
        columns: usize,
        subject: &str,
        need: Need,
    ) -> Option<SummaryParts> {
        let (c, m, pal) = (self.c, self.m, self.pal);
        let body = Style::new(size, ink::TEXT).leading(1.3);
        let unbounded = 10_000.0;
        let intro = match &c.intro {
            Some(t) if need != Need::List => Some(self.set_as(&t.rich, t, &body, width, || {
                format!("{subject}, field intro")
            })?),
            _ => None,
        };
        let pill_style = Style::new((size * 0.92).max(CARD_FLOOR), pal.on_tint).leading(1.0);
        let mut pillars = Vec::new();
        for p in &c.pillars {
            pillars.push(self.set_as(
                &p.rich.clone().all_bold(),
                p,
                &pill_style,
                unbounded,
                || format!("{subject}, field pillars"),
            )?);
        }
        let lead_in = match &c.lead_in {
            Some(t) if need != Need::Front => {
                Some(self.set_as(&t.rich, t, &body.leading(1.25), width, || {
                    format!("{subject}, field lead_in")
                })?)
            }
            _ => None,
        };
        // The front's tests read no behaviour.
        let listed = if need == Need::Front {
            &c.behaviours[..0]
        } else {
            &c.behaviours[..]
        };
        let code_style = Style::new(size, pal.on_white);
        let mut codes = Vec::new();
        for b in listed {
            codes.push(self.set(
                &Rich::plain(&b.code(c)).all_bold(),
                &b.title,
                &code_style,
                unbounded,
                subject,
            )?);
        }
        // The code column is as wide as the widest code ("12.15") and a
        // gap, so that no code touches its title.
        let widest = codes.iter().map(|b| b.width).fold(0.0, f32::max);
        let code_w = widest + (0.45 * pt_to_mm(size)).max(1.2 * m.k);
        let column_gap = 2.5 * m.k;
        let col_w = (width - (columns as f32 - 1.0) * column_gap) / columns as f32;
        let mut items = Vec::new();
        for (b, code) in listed.iter().zip(codes) {
            let title = self.set_as(
                &heading(&b.title).all_bold(),
                &b.title,
                &body.leading(1.2),
                col_w - code_w,
                || format!("{}, field title", b.label(c)),
            )?;
            items.push((code, title));
        }
        let too_narrow = items.iter().any(|(_, t)| t.width > col_w - code_w + 0.05);
        Some(SummaryParts {
            intro,
            pillars,
            lead_in,
            items,
            code_w,
            columns,
            column_gap,
            too_narrow,
            size,
        })
    }

    /// The summary content at the largest size from the body size down to
    /// `floor` for which `fits` holds, with whether it did; `None` if the
    /// text could not be set at all (already reported).
    fn largest(
        &mut self,
        width: Mm,
        floor: Pt,
        columns: usize,
        subject: &str,
        need: Need,
        fits: impl Fn(&SummaryParts) -> bool,
    ) -> Option<(SummaryParts, bool)> {
        // The sizes tried are measured (only the parts `fits` reads); the
        // one kept is set whole.
        let was = self.ts.measuring(true);
        let found = self.largest_size(width, floor, columns, subject, need, fits);
        self.ts.measuring(was);
        let (size, fitted) = found?;
        Some((
            self.summary_parts(width, size, columns, subject, Need::All)?,
            fitted,
        ))
    }

    /// The size `largest` chooses, and whether the content fits there.
    fn largest_size(
        &mut self,
        width: Mm,
        floor: Pt,
        columns: usize,
        subject: &str,
        need: Need,
        fits: impl Fn(&SummaryParts) -> bool,
    ) -> Option<(Pt, bool)> {
        let top = self.m.body_size();
        let first = self.summary_parts(width, top, columns, subject, need)?;
        if fits(&first) {
            return Some((top, true));
        }
        let floor = floor.min(top);
        let at_floor = self.summary_parts(width, floor, columns, subject, need)?;
        if !fits(&at_floor) {
            return Some((floor, false));
        }
        // The largest size that fits, by bisection over the steps between
        // (smaller type only ever takes less room).
        let steps = ((top - floor) / STEP).round() as i32;
        let (mut lo, mut hi) = (1, steps - 1);
        let mut best = floor;
        while lo <= hi {
            let mid = (lo + hi) / 2;
            let size = top - mid as f32 * STEP;
            let parts = self.summary_parts(width, size, columns, subject, need)?;
            if fits(&parts) {
                best = size;
                hi = mid - 1;
            } else {
                lo = mid + 1;
            }
        }
        Some((best, true))
    }

    /// The summary card's front, and its back when the content needs two
    /// faces.
    ///
    /// The front has the icon and number in the band, the name as the
    /// title, the intro and the pillars. The lead-in and the list of
    /// behaviours follow on the front when everything fits at a comfortable
    /// size (8 pt on a poker card); otherwise they go on the card's own
    /// back, and the pillars too if the front is still too full.
    fn summary(&mut self) -> (Frame, Option<Frame>) {
        let (c, m) = (self.c, self.m);
        let subject = format!("summary card {} \"{}\"", c.number, c.id);
        let problems_before = self.diags.items.len();

        let mut front = self.base(Some(m.head));
        let inner = m.inner(m.head);
        let centre = m.head / 2.0 + 0.4 * m.k;
        if let Some(icon) = &c.icon {
            let rect = Rect::new(inner.x, centre - m.icon / 2.0, m.icon, m.icon);
            place_icon(
                &mut front,
                icon,
                rect,
                self.pal.on_fill,
                &subject,
                self.diags,
            );
        }
        let number_style = Style::new(m.pt(13.0), self.pal.on_fill).align(Align::Right);
        let number = Rich::plain(&c.number.to_string()).all_bold();
        if let Some(block) = self.set(&number, &c.name, &number_style, inner.w, &subject) {
            draw(&mut front, &block, inner.x, centre - block.height / 2.0);
        }
        let name_field = format!("{subject}, field name");
        let front_top = self.title(&mut front, &c.name.rich, &c.name, inner, &name_field);
        let front_room = inner.bottom() - front_top;

        // The back, in case it is needed: a band as on a behaviour card,
        // and the deck's short title and the number at the foot.
        let (mut back, back_head) = self.banded(&subject);
        let back_inner = m.inner(back_head);
        let back_room =
            self.footer(&mut back, &c.number.to_string(), back_inner) - 2.5 * m.k - back_inner.y;
        if self.diags.items.len() > problems_before {
            return (front, None);
        }
        let w = inner.w;

        // Everything on the front, at a comfortable size...
        let single_min = (8.0 * m.k).max(CARD_FLOOR);
        let all_on_front = |p: &SummaryParts| {
            p.front_height(&m, w, true) + PART_GAP * m.k + p.list_height(&m, w, false) <= front_room
        };
        match self.largest(w, single_min, 1, &subject, Need::All, all_on_front) {
            None => return (front, None),
            Some((parts, true)) => {
                let y = parts.draw_front(&mut front, &self.pal, &m, inner, front_top, true);
                let y = y + PART_GAP * m.k;
                parts.draw_list(&mut front, &self.pal, &m, inner, y, false);
                let end = y + parts.list_height(&m, w, false);
                self.cover(&mut front, inner, end, front_room, &subject);
                return (front, None);
            }
            Some(_) => {}
        }
        // ... or over both faces, each at the largest size that fits it:
        // the pillars on the front if they fit there, else on the back.
        // Of the arrangements that fit, the one whose smaller face's type is
        // largest; the pillars stay on the front when that is a tie.
        let mut outcome: Option<(Fitted, Fitted, bool)> = None;
        let arrangements: &[bool] = if c.pillars.is_empty() {
            &[true]
        } else {
            &[true, false]
        };
        // A long list of short titles may go in two columns.
        let column_choices: &[usize] = if c.behaviours.len() >= 6 {
            &[1, 2]
        } else {
            &[1]
        };
        for &pillars_in_front in arrangements {
            let f = self.largest(w, CARD_FLOOR, 1, &subject, Need::Front, |p| {
                p.front_height(&m, w, pillars_in_front) <= front_room
            });
            let Some(f) = f else {
                return (front, None);
            };
            for &columns in column_choices {
                let l = self.largest(w, CARD_FLOOR, columns, &subject, Need::List, |p| {
                    p.list_height(&m, w, !pillars_in_front) <= back_room
                        && (p.columns == 1 || !p.too_narrow)
                });
                let Some(l) = l else {
                    return (front, None);
                };
                // Two columns only for clearly larger type, and only when
                // every title fits its column.
                let score = |f: &Fitted, l: &Fitted| {
                    let p = if l.0.columns > 1 { 0.75 } else { 0.0 };
                    let ok = f.1 && l.1 && (l.0.columns == 1 || !l.0.too_narrow);
                    (ok, f.0.size.min(l.0.size) - p)
                };
                let better = match &outcome {
                    None => true,
                    Some((bf, bl, _)) => score(&f, &l) > score(bf, bl),
                };
                if better {
                    outcome = Some((f.clone(), l, pillars_in_front));
                }
            }
        }
        let Some(((f, f_fits), (l, l_fits), pillars_in_front)) = outcome else {
            return (front, None);
        };
        if !f_fits {
            let field = c.intro.as_ref().unwrap_or(&c.name);
            let needed = f.front_height(&m, w, pillars_in_front);
            self.diags.push(overflow(
                field,
                &format!("{subject}, field intro"),
                needed,
                front_room,
            ));
        }
        if !l_fits {
            let needed = l.list_height(&m, w, !pillars_in_front);
            self.diags
                .push(self.list_overflow(&subject, needed, back_room));
        }
        let end = f.draw_front(
            &mut front,
            &self.pal,
            &m,
            inner,
            front_top,
            pillars_in_front,
        );
        self.cover(&mut front, inner, end, front_room, &subject);
        l.draw_list(
            &mut back,
            &self.pal,
            &m,
            back_inner,
            back_inner.y,
            !pillars_in_front,
        );
        (front, Some(back))
    }

    /// The error for a summary card's list of behaviours that does not fit
    /// its back: it names the titles, the real cause, and how many words
    /// they would have to lose.
    fn list_overflow(&self, subject: &str, needed: Mm, room: Mm) -> Diagnostic {
        let c = self.c;
        let n = c.behaviours.len();
        let words: usize = c
            .behaviours
            .iter()
            .map(|b| b.title.plain().split_whitespace().count())
            .sum::<usize>()
            + c.lead_in
                .as_ref()
                .map_or(0, |t| t.plain().split_whitespace().count());
        let room = room.max(0.0);
        let over = (needed - room).max(0.0);
        let cut = ((words as f32 * over / needed.max(0.1)).ceil() as usize).max(1);
        let at = c.behaviours.first().map_or(c.at, |b| b.title.at);
        Diagnostic::error(format!(
            "the list of its {n} behaviours' titles does not fit on the card's back: at {CARD_FLOOR} pt it needs {needed:.1} mm of height and there are {room:.1} mm ({over:.1} mm over)"
        ))
        .about(format!("{subject}, the behaviours' titles"))
        .at(at)
        .help(format!(
            "shorten the titles (by about {cut} word{} in all{}), or choose a larger card size (--card-size tarot or a6)",
            if cut == 1 { "" } else { "s" },
            if c.lead_in.is_some() { ", the lead-in included" } else { "" }
        ))
    }

    /// A summary front whose content leaves much of the panel empty (the
    /// list went to the back, and there is little or no intro) gets the
    /// characteristic's mark in the empty part: its icon on a disc of its
    /// colour, or its number when it has no icon. So no front is bare.
    fn cover(&mut self, frame: &mut Frame, inner: Rect, end: Mm, room: Mm, subject: &str) {
        let m = self.m;
        let free = inner.bottom() - end;
        if free < 0.4 * room || free < 16.0 * m.k {
            return;
        }
        let r = (free * 0.36).min(inner.w * 0.3);
        let centre = Point::new(inner.x + inner.w / 2.0, end + free / 2.0);
        frame.fill_path(Path::circle(centre, r), self.pal.fill);
        self.mark(frame, centre, r, subject);
    }

    /// The characteristic's mark inside a disc of radius `r`: its icon, or
    /// its number large when it has none.
    fn mark(&mut self, frame: &mut Frame, centre: Point, r: Mm, subject: &str) {
        let (c, pal) = (self.c, self.pal);
        match &c.icon {
            Some(icon) => {
                let s = r * 1.15;
                let rect = Rect::new(centre.x - s / 2.0, centre.y - s / 2.0, s, s);
                place_icon(frame, icon, rect, pal.on_fill, subject, self.diags);
            }
            None => {
                let digits = c.number.to_string();
                // The number's height about the disc's radius.
                let size = (r * 1.05 / (pt_to_mm(1.0) * 0.72)).max(CARD_FLOOR);
                let style = Style::new(size, pal.on_fill)
                    .align(Align::Center)
                    .leading(1.0);
                if let Some(b) = self.set(
                    &Rich::plain(&digits).all_bold(),
                    &c.name,
                    &style,
                    2.0 * r,
                    subject,
                ) {
                    let top = centre.y - (b.first_baseline - 0.36 * pt_to_mm(size));
                    draw(frame, &b, centre.x - r, top);
                }
            }
        }
    }

    /// The back shared by a characteristic's cards: its colour to the
    /// edge, its icon, number and name. Nothing thin near the edges, so
    /// that a back printed a little off its front does not show it.
    fn back(&mut self) -> Frame {
        let (c, m, pal) = (self.c, self.m, self.pal);
        let subject = format!("back of characteristic {} \"{}\"", c.number, c.id);
        let mut frame = self.base(None);
        let (w, h) = (m.size.w, m.size.h);
        let r = 0.27 * w.min(0.72 * h);
        let centre = Point::new(w / 2.0, h * 0.40);
        let disc = if pal.on_fill == Color::WHITE {
            pal.fill.mix(Color::WHITE, 0.12)
        } else {
            pal.fill.mix(Color::BLACK, 0.08)
        };
        frame.fill_path(Path::circle(centre, r), disc);
        // The icon on the disc, or the number large when there is none (so
        // the disc is never empty, and the number is not repeated below).
        self.mark(&mut frame, centre, r, &subject);
        let margin = 7.0 * m.k;
        let width = w - 2.0 * margin;
        // The number, then the name, centred under the disc; the deck's
        // short title at the foot.
        let mut y = centre.y + r + 3.5 * m.k;
        let num_style = Style::new(m.pt(9.0), pal.on_fill)
            .align(Align::Center)
            .tracking(0.08);
        let numbered = c.icon.is_some();
        if let Some(block) = numbered
            .then(|| {
                self.set(
                    &Rich::plain(&c.number.to_string()).all_bold(),
                    &c.name,
                    &num_style,
                    width,
                    &subject,
                )
            })
            .flatten()
        {
            draw(&mut frame, &block, margin, y);
            y += block.height + 0.6 * m.k;
        }
        let foot_style = Style::new(m.small(), pal.on_fill)
            .leading(1.15)
            .align(Align::Center);
        let footer = self.deck.footer();
        // Light type on a dark colour is set bold at this size, so that
        // it keeps its strokes in print (reversed type: at least 6 pt
        // bold, or 8 pt regular).
        let reversed = pal.on_fill == Color::WHITE;
        let weigh = |r: &Rich| {
            if reversed {
                r.clone().all_bold()
            } else {
                r.clone()
            }
        };
        let foot = self.fit(
            &weigh(&footer.rich),
            footer,
            &foot_style,
            (width, lines_height(&foot_style, 3.0)),
            CARD_FLOOR,
            "the deck, field short_title (printed on every back)",
        );
        // The edition, small, under the short title.
        let edition = self.deck.edition.as_ref().and_then(|e| {
            let style = Style::new(CARD_FLOOR, pal.on_fill)
                .leading(1.15)
                .align(Align::Center);
            self.fit(
                &weigh(&e.rich),
                e,
                &style,
                (width, lines_height(&style, 2.0)),
                CARD_FLOOR,
                "the deck, field edition (printed on every back)",
            )
        });
        let edition_h = edition.as_ref().map_or(0.0, |b| b.height + 0.8 * m.k);
        let foot_top = h - 5.0 * m.k - edition_h - foot.as_ref().map_or(0.0, |b| b.height);
        if let Some(b) = &foot {
            draw(&mut frame, b, margin, foot_top);
        }
        if let Some(b) = &edition {
            draw(&mut frame, b, margin, h - 5.0 * m.k - b.height);
        }
        let name_style = Style::new(m.pt(10.5), pal.on_fill)
            .leading(1.15)
            .align(Align::Center);
        let room = (width, (foot_top - 2.0 * m.k - y).max(0.0));
        if let Some(block) = self.fit(
            &c.name.rich.clone().all_bold(),
            &c.name,
            &name_style,
            room,
            CARD_FLOOR,
            &format!("{subject}, field name"),
        ) {
            draw(&mut frame, &block, margin, y);
        }
        frame
    }
}

/// The error for content that does not fit even at the floor size.
fn overflow(field: &Text, subject: &str, needed: Mm, room: Mm) -> Diagnostic {
    text_error(
        TextError::Overflow {
            needed,
            available: room,
            floor: CARD_FLOOR,
            wide_word: None,
            estimated: false,
        },
        field,
        subject,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_start_with_a_capital() {
        let t = Text {
            rich: crate::text::markup::parse("boundaries of *this*").unwrap(),
            at: Default::default(),
        };
        let h = heading(&t);
        assert_eq!(h.text, "Boundaries of this");
        assert_eq!(h.spans.len(), 2);
        assert_eq!(&h.text[h.spans[1].range.clone()], "this");
    }

    #[test]
    fn metrics_scale_with_card_size() {
        let poker = Metrics::of(Size::new(63.0, 88.0));
        assert!((poker.k - 1.0).abs() < 1e-6);
        let a6 = Metrics::of(Size::new(105.0, 148.0));
        assert!(a6.k > 1.5 && a6.body_size() > 13.0);
        let mini = Metrics::of(Size::new(44.0, 68.0));
        assert!(mini.k >= 0.75 && mini.border >= 3.0);
    }
}
