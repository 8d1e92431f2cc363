//! The handout: the whole framework on A4 (Letter when the deck's sheets
//! are Letter), for participants to keep and read at arm's length. The
//! title and credit, then each characteristic with its colour, icon,
//! number and name, its intro, pillars and lead-in, and every behaviour's
//! full text with its code, in deck order. Pieces flow down the pages; a
//! heading stays with what follows it, and a paragraph taller than a page
//! continues on the next. A pure function from the deck to page frames.

use std::rc::Rc;

use crate::deck::{Characteristic, Deck, Text};
use crate::diag::Diagnostics;
use crate::frame::{Color, Frame, GlyphRun, Item, Mark, Path, Role, Stroke, Structure};
use crate::geom::{Mm, Point, Pt, Rect, Size, Transform};
use crate::text::{Align, Block, Rich, Style, TextError, Typesetter};

use super::{draw, ink, place_icon, text_error_or, Palette, Pills};

/// A4 and US Letter, portrait.
const A4: Size = Size { w: 210.0, h: 297.0 };
const LETTER: Size = Size { w: 215.9, h: 279.4 };

/// The margins: words keep at least 10 mm from every edge (the footer
/// too), for any office printer.
const TOP: Mm = 20.0;
const BOTTOM: Mm = 24.0;
const SIDE: Mm = 22.0;
/// Where the footer's baseline sits, from the bottom edge.
const FOOTER_BASELINE: Mm = 13.0;

/// The type: body text for reading at arm's length, at 10 pt with
/// lines of about 70 characters.
pub const BODY: Pt = 10.0;
const LEADING: f32 = 1.4;
const TITLE: Pt = 20.0;
const NAME: Pt = 15.0;
const SMALL: Pt = 9.0;

/// The indent of everything under a characteristic's heading (past its
/// badge), and of a behaviour's text past its code.
const INDENT: Mm = 17.0;
const CODE_W: Mm = 12.0;
const BADGE: Mm = 12.0;

/// Space after a characteristic, after its heading, between paragraphs
/// and between behaviours.
const AFTER_CHARACTERISTIC: Mm = 9.0;
const AFTER_HEADING: Mm = 3.0;
const PARA_GAP: Mm = 2.6;
const ITEM_GAP: Mm = 2.2;

/// The handout's page: A4, or Letter when the deck prints on US paper.
pub fn page_size(deck: &Deck) -> Size {
    if matches!(deck.sheets.paper.name, Some("letter" | "legal" | "tabloid")) {
        LETTER
    } else {
        A4
    }
}

/// One piece of the flow: what it draws, relative to its top left, and
/// how tall it is. A piece that `keeps` stays on the page of the next.
struct Piece {
    height: Mm,
    /// Blocks of text, where they go (x from the content's left) and the
    /// structure node each belongs to.
    texts: Vec<(Block, Point, usize)>,
    /// Other drawing, relative to the piece's top left.
    art: Frame,
    keeps: bool,
    /// The space after it, unless it ends a page.
    gap: Mm,
    /// A single paragraph that may continue on the next page.
    splits: bool,
    /// Starts a new page (unless it is at the top of one).
    breaks: bool,
    /// What is printed above it when it starts a page: the worksheet's
    /// scale, repeated over its columns (as decoration: the words are in
    /// the structure once, where they first appear).
    running: Option<Rc<Piece>>,
}

impl Piece {
    fn text(block: Block, x: Mm, gap: Mm, node: usize) -> Piece {
        Piece {
            height: block.height,
            texts: vec![(block, Point::new(x, 0.0), node)],
            art: Frame::new(Size::new(0.0, 0.0)),
            keeps: false,
            gap,
            splits: true,
            breaks: false,
            running: None,
        }
    }
}

struct Cx<'a> {
    ts: &'a mut Typesetter,
    diags: &'a mut Diagnostics,
    width: Mm,
    /// The handout's structure, built as its pieces are.
    st: Structure,
}

impl<'a> Cx<'a> {
    /// A context for the deck's pages, and their size.
    fn new(deck: &Deck, ts: &'a mut Typesetter, diags: &'a mut Diagnostics) -> (Cx<'a>, Size) {
        let page = page_size(deck);
        let cx = Cx {
            ts,
            diags,
            width: page.w - 2.0 * SIDE,
            st: Structure::default(),
        };
        (cx, page)
    }

    /// Sets `text` in `width`; a missing glyph or a word wider than the
    /// column is an error naming the field.
    fn set(
        &mut self,
        rich: &Rich,
        field: &Text,
        style: &Style,
        width: Mm,
        subject: &str,
    ) -> Option<Block> {
        let otherwise = ", or use a shorter word (the handout's column is narrower than the line)";
        match self.ts.layout(rich, style, width) {
            Ok(b) if b.width <= width + 1e-3 => Some(b),
            Ok(_) => {
                // A word wider than the column: say which.
                let e = self
                    .ts
                    .fit(rich, style, width, f32::MAX / 4.0, style.size)
                    .err()
                    .unwrap_or(TextError::Overflow {
                        needed: 0.0,
                        available: 0.0,
                        floor: style.size,
                        wide_word: None,
                        estimated: false,
                    });
                self.diags.push(text_error_or(e, field, subject, otherwise));
                None
            }
            Err(e) => {
                self.diags.push(text_error_or(e, field, subject, otherwise));
                None
            }
        }
    }

    /// A paragraph set at `x` in `width`, as a piece of the flow that is
    /// a new structure node of `role` under `parent`.
    #[allow(clippy::too_many_arguments)]
    fn paragraph(
        &mut self,
        rich: &Rich,
        field: &Text,
        style: &Style,
        (x, width): (Mm, Mm),
        subject: &str,
        (role, parent): (Role, Option<usize>),
        (gap, keeps): (Mm, bool),
    ) -> Option<Piece> {
        let b = self.set(rich, field, style, width, subject)?;
        let node = self.st.add(role, parent);
        let mut p = Piece::text(b, x, gap, node);
        p.keeps = keeps;
        Some(p)
    }

    /// A characteristic's heading (a badge of its colour with its icon,
    /// or its number without one; the number and the name), with its
    /// section and heading in the structure; gives the section's node.
    fn characteristic_heading(
        &mut self,
        c: &Characteristic,
        pal: &Palette,
        out: &mut Vec<Piece>,
    ) -> usize {
        let subject = format!("the handout, {}", c.label());
        let inner = self.width - INDENT;
        // The heading: a badge of the characteristic's colour with its icon
        // (or its number, without one), the number and the name.
        let name_style = Style::new(NAME, pal.on_white).leading(1.18);
        let name = self.set(
            &c.name.rich.clone().all_bold(),
            &c.name,
            &name_style,
            inner - 9.0,
            &format!("{subject}, field name"),
        );
        let number = Rich::plain(&c.number.to_string()).all_bold();
        let num = self.ts.layout(&number, &name_style, 9.0).ok();
        let sect = self.st.add(Role::Section, None);
        let heading = self.st.add(Role::Heading(2), Some(sect));
        let mut art = Frame::new(Size::new(self.width, BADGE));
        let centre = Point::new(BADGE / 2.0, BADGE / 2.0);
        art.fill_path(Path::circle(centre, BADGE / 2.0), pal.fill);
        match &c.icon {
            Some(icon) => {
                let r = BADGE * 0.34;
                let alt = c.icon_alt.as_ref().unwrap_or(&c.name).plain().to_string();
                let figure = self.st.add(Role::Figure(alt), Some(sect));
                let from = art.items.len();
                place_icon(
                    &mut art,
                    icon,
                    Rect::new(centre.x - r, centre.y - r, 2.0 * r, 2.0 * r),
                    pal.on_fill,
                    &format!("{subject}, field icon"),
                    self.diags,
                );
                art.mark(from, figure);
            }
            None => {
                let style = Style::new(13.0, pal.on_fill).align(Align::Center);
                if let Ok(b) = self.ts.layout(&number, &style, BADGE) {
                    draw(&mut art, &b, 0.0, (BADGE - b.height) / 2.0);
                }
            }
        }
        let mut texts = Vec::new();
        let mut height = BADGE;
        if let (Some(name), Some(num)) = (name, num) {
            // The first line's middle level with the badge's.
            let y = (BADGE / 2.0 - name.first_baseline * 0.72).max(0.0);
            height = height.max(y + name.height);
            texts.push((num, Point::new(INDENT, y), heading));
            texts.push((name, Point::new(INDENT + 9.0, y), heading));
        }
        out.push(Piece {
            height,
            texts,
            art,
            keeps: true,
            gap: AFTER_HEADING,
            splits: false,
            breaks: false,
            running: None,
        });
        sect
    }

    fn characteristic(&mut self, c: &Characteristic, out: &mut Vec<Piece>) {
        let pal = Palette::of(c.colour);
        let subject = format!("the handout, {}", c.label());
        let inner = self.width - INDENT;
        let sect = self.characteristic_heading(c, &pal, out);
        let body = Style::new(BODY, ink::TEXT).leading(LEADING);
        if let Some(intro) = &c.intro {
            out.extend(self.paragraph(
                &intro.rich,
                intro,
                &body,
                (INDENT, inner),
                &format!("{subject}, field intro"),
                (Role::Paragraph, Some(sect)),
                (PARA_GAP, false),
            ));
        }
        if !c.pillars.is_empty() {
            let pills = Pills {
                pad: (2.2, 1.0),
                gap: 2.0,
            };
            let style = Style::new(SMALL, pal.on_tint);
            let labels: Vec<Block> = c
                .pillars
                .iter()
                .filter_map(|p| {
                    self.set(
                        &p.rich,
                        p,
                        &style,
                        inner - 4.4,
                        &format!("{subject}, field pillars"),
                    )
                })
                .collect();
            if labels.len() == c.pillars.len() {
                let (at, h) = pills.rows(&labels, inner);
                // The pillars read as one line of words; each pill's
                // background is decoration.
                let para = self.st.add(Role::Paragraph, Some(sect));
                let mut art = Frame::new(Size::new(self.width, h));
                for (label, p) in labels.iter().zip(at) {
                    let from = art.items.len() + 1;
                    pills.draw(&mut art, label, Point::new(INDENT + p.x, p.y), pal.tint);
                    art.mark(from, para);
                }
                out.push(Piece {
                    height: h,
                    texts: Vec::new(),
                    art,
                    keeps: false,
                    gap: PARA_GAP,
                    splits: false,
                    breaks: false,
                    running: None,
                });
            }
        }
        if let Some(lead) = &c.lead_in {
            // A lead-in introduces the list: never the last line of a
            // page.
            out.extend(self.paragraph(
                &lead.rich,
                lead,
                &body,
                (INDENT, inner),
                &format!("{subject}, field lead_in"),
                (Role::Paragraph, Some(sect)),
                (PARA_GAP, true),
            ));
        }
        let code_style = Style::new(BODY, pal.on_white).leading(LEADING);
        let list = self.st.add(Role::List, Some(sect));
        for b in &c.behaviours {
            let sub = format!("the handout, {}", b.label(c));
            let code = Rich::plain(&b.code(c)).all_bold();
            let Ok(code) = self.ts.layout(&code, &code_style, CODE_W + 4.0) else {
                continue;
            };
            let Some(text) = self.set(
                &b.text.rich,
                &b.text,
                &body,
                inner - CODE_W,
                &format!("{sub}, field text"),
            ) else {
                continue;
            };
            let (label, body) = self.st.list_item(list);
            out.push(Piece {
                height: text.height,
                texts: vec![
                    (code, Point::new(INDENT, 0.0), label),
                    (text, Point::new(INDENT + CODE_W, 0.0), body),
                ],
                art: Frame::new(Size::new(0.0, 0.0)),
                keeps: false,
                gap: ITEM_GAP,
                splits: true,
                breaks: false,
                running: None,
            });
        }
        if let Some(last) = out.last_mut() {
            last.gap = AFTER_CHARACTERISTIC;
        }
    }
}

/// The handout's pages. Problems (a glyph missing, a word wider than the
/// column) go to `diags`; the pages are then incomplete and not written.
pub fn handout(
    deck: &Deck,
    ts: &mut Typesetter,
    diags: &mut Diagnostics,
) -> (Vec<Frame>, Structure) {
    let (mut cx, page) = Cx::new(deck, ts, diags);
    let width = cx.width;
    let mut pieces = Vec::new();
    // The title and credit.
    pieces.extend(cx.paragraph(
        &deck.title.rich.clone().all_bold(),
        &deck.title,
        &Style::new(TITLE, ink::TEXT).leading(1.15),
        (0.0, width),
        "the handout, field title",
        (Role::Heading(1), None),
        (2.5, true),
    ));
    if let Some(credit) = &deck.credit {
        pieces.extend(cx.paragraph(
            &credit.rich,
            credit,
            &Style::new(SMALL, ink::MUTED).leading(1.35),
            (0.0, width),
            "the handout, field credit",
            (Role::Paragraph, None),
            (9.0, true),
        ));
    }
    for c in &deck.characteristics {
        cx.characteristic(c, &mut pieces);
    }
    let frames = flow(pieces, page);
    let out = footers(deck, &mut cx, frames, page);
    let mut st = cx.st;
    bookmarks(deck, &mut st);
    (out, st)
}

/// Each page's footer (the deck's short title and the page of how many),
/// and the pages mirrored for a right-to-left deck.
fn footers(deck: &Deck, cx: &mut Cx, frames: Vec<Frame>, page: Size) -> Vec<Frame> {
    let width = cx.width;
    let total = frames.len();
    let footer = deck.footer().clone();
    let foot_style = Style::new(SMALL, ink::MUTED).leading(1.2);
    let rtl = deck.is_rtl();
    let mut out = Vec::with_capacity(total);
    for (i, mut frame) in frames.into_iter().enumerate() {
        // The footer: the deck's short title, and the page of how many.
        let n = Rich::plain(&format!("{} / {total}", i + 1));
        let right = foot_style.align(Align::Right);
        if let Ok(b) = cx.ts.layout(&n, &right, 30.0) {
            let y = page.h - FOOTER_BASELINE - b.first_baseline;
            draw(&mut frame, &b, page.w - SIDE - 30.0, y);
        }
        if let Some(b) = cx.set(
            &footer.rich,
            &footer,
            &foot_style,
            width - 34.0,
            "the handout, field short_title",
        ) {
            // A short title too long for one line is left out of the
            // footer (the title heads the first page).
            if b.lines == 1 {
                let y = page.h - FOOTER_BASELINE - b.first_baseline;
                draw(&mut frame, &b, SIDE, y);
            }
        }
        out.push(if rtl { frame.mirrored() } else { frame });
    }
    out
}

/// A bookmark for each characteristic, at its heading.
fn bookmarks(deck: &Deck, st: &mut Structure) {
    let headings: Vec<usize> = (0..st.nodes.len())
        .filter(|&n| st.nodes[n].role == Role::Heading(2))
        .collect();
    for (c, h) in deck.characteristics.iter().zip(headings) {
        st.bookmarks
            .push((format!("{} {}", c.number, c.name.plain()), h));
    }
}

/// Lays the pieces down the pages.
fn flow(pieces: Vec<Piece>, page: Size) -> Vec<Frame> {
    let room = page.h - TOP - BOTTOM;
    let mut frames = vec![Frame::new(page)];
    let mut y = 0.0f32;
    let mut i = 0;
    let mut pieces: Vec<Option<Piece>> = pieces.into_iter().map(Some).collect();
    while i < pieces.len() {
        let Some(piece) = pieces[i].take() else {
            i += 1;
            continue;
        };
        // A piece that keeps goes with the next: the two (or the chain)
        // must start on the same page, unless the chain fills a page. A
        // paragraph on its own needs room for its first two lines.
        let mut need = if piece.keeps {
            piece.height
        } else {
            start_of(&piece)
        };
        let mut j = i;
        let (mut keeps, mut gap) = (piece.keeps, piece.gap);
        while keeps && j + 1 < pieces.len() {
            j += 1;
            let Some(next) = pieces[j].as_ref() else {
                break;
            };
            need += gap + start_of(next);
            (keeps, gap) = (next.keeps, next.gap);
        }
        if y > 0.0 && y + need > room && need <= room {
            frames.push(Frame::new(page));
            y = 0.0;
        }
        if piece.breaks && y > 0.0 {
            frames.push(Frame::new(page));
            y = 0.0;
        }
        let mut piece = piece;
        if y + piece.height > room && piece.splits {
            // Continue a paragraph taller than what is left on the next
            // page, at a line break.
            let (head, tail) = split(piece, room - y);
            if head.is_some() || y > 0.0 {
                if let Some(head) = head {
                    place(frames.last_mut().expect("a page"), &head, y);
                }
                frames.push(Frame::new(page));
                y = 0.0;
                pieces[i] = Some(tail);
                continue;
            }
            // It cannot be split even on a page of its own.
            piece = tail;
        }
        if y > 0.0 && y + piece.height > room {
            frames.push(Frame::new(page));
            y = 0.0;
        }
        if y == 0.0 {
            if let Some(head) = &piece.running {
                if head.height + head.gap + piece.height <= room {
                    place_unmarked(frames.last_mut().expect("a page"), head, 0.0);
                    y = head.height + head.gap;
                }
            }
        }
        place(frames.last_mut().expect("a page"), &piece, y);
        y += piece.height + piece.gap;
        i += 1;
    }
    frames
}

/// The least of a piece that can start a page's last part: two lines of
/// a paragraph that may continue (see `split`), or all of it.
fn start_of(p: &Piece) -> Mm {
    if !p.splits {
        return p.height;
    }
    let (pitch, lead) = pitch_and_lead(p);
    p.height.min(lead + pitch + 0.01)
}

/// A text piece's line pitch, and the height of its first line (from
/// the piece's top).
fn pitch_and_lead(p: &Piece) -> (Mm, Mm) {
    let pitch = p
        .texts
        .iter()
        .map(|(b, _, _)| line_pitch(b))
        .fold(0.0, f32::max);
    let lead = p
        .texts
        .iter()
        .map(|(b, at, _)| at.y + b.height - (b.lines.saturating_sub(1)) as f32 * line_pitch(b))
        .fold(0.0, f32::max);
    (pitch, lead)
}

fn line_pitch(b: &Block) -> Mm {
    if b.lines > 1 {
        (b.last_baseline - b.first_baseline) / (b.lines - 1) as f32
    } else {
        b.height
    }
}

/// Splits a text piece so that its first part is at most `room` tall:
/// whole lines above, the rest (moved up) below.
fn split(piece: Piece, room: Mm) -> (Option<Piece>, Piece) {
    let (pitch, lead) = pitch_and_lead(&piece);
    let mut lines = if pitch > 0.0 {
        ((room - lead) / pitch).floor() + 1.0
    } else {
        0.0
    };
    // Never one line alone at the top of the next page either.
    let total = piece
        .texts
        .iter()
        .map(|(b, _, _)| b.lines)
        .max()
        .unwrap_or(0) as f32;
    if total - lines < 2.0 {
        lines = total - 2.0;
    }
    if lines < 2.0 || pitch <= 0.0 {
        // Not even two lines fit: all of it on the next page.
        return (None, piece);
    }
    let cut = lines * pitch;
    let mut head_texts = Vec::new();
    let mut tail_texts = Vec::new();
    for (b, at, node) in piece.texts {
        let (mut top, mut bottom) = (b.clone(), b.clone());
        top.runs
            .retain(|r| r.origin.y < b.first_baseline + cut - pitch * 0.5);
        bottom
            .runs
            .retain(|r| r.origin.y >= b.first_baseline + cut - pitch * 0.5);
        for r in &mut bottom.runs {
            r.origin.y -= cut;
        }
        let kept = top.runs.len();
        top.height = cut.min(b.height);
        bottom.height = (b.height - cut).max(0.0);
        if kept > 0 {
            head_texts.push((top, at, node));
        }
        if !bottom.runs.is_empty() {
            tail_texts.push((bottom, at, node));
        }
    }
    let height = piece.height;
    let head = Piece {
        height: cut,
        texts: head_texts,
        art: piece.art,
        keeps: false,
        gap: 0.0,
        splits: false,
        breaks: false,
        running: None,
    };
    let tail = Piece {
        height: (height - cut).max(0.0),
        texts: tail_texts,
        art: Frame::new(Size::new(0.0, 0.0)),
        keeps: piece.keeps,
        gap: piece.gap,
        splits: true,
        breaks: false,
        running: None,
    };
    (Some(head), tail)
}

/// Draws a piece with its top at `y` below the top margin. Its drawing is
/// copied item by item (not as one group), so that a right-to-left
/// handout mirrors each badge and pill where it is.
fn place(frame: &mut Frame, piece: &Piece, y: Mm) {
    let origin = Point::new(SIDE, TOP + y);
    let base = frame.items.len();
    for item in &piece.art.items {
        frame.items.push(shifted(item, origin));
    }
    for m in &piece.art.marks {
        frame.marks.push(Mark {
            items: base + m.items.start..base + m.items.end,
            node: m.node,
        });
    }
    for (b, at, node) in &piece.texts {
        let from = frame.items.len();
        draw(frame, b, origin.x + at.x, origin.y + at.y);
        frame.mark(from, *node);
    }
}

/// Draws a piece repeated for the reader's sake, outside the structure
/// (so read once, where it first appears).
fn place_unmarked(frame: &mut Frame, piece: &Piece, y: Mm) {
    let origin = Point::new(SIDE, TOP + y);
    for item in &piece.art.items {
        frame.items.push(shifted(item, origin));
    }
    for (b, at, _) in &piece.texts {
        draw(frame, b, origin.x + at.x, origin.y + at.y);
    }
}

/// An item moved by `by`.
fn shifted(item: &Item, by: Point) -> Item {
    let p = |q: Point| Point::new(q.x + by.x, q.y + by.y);
    match item {
        Item::Path { path, fill, stroke } => Item::Path {
            path: path.mapped(p),
            fill: *fill,
            stroke: *stroke,
        },
        Item::Text(run) => Item::Text(GlyphRun {
            origin: p(run.origin),
            ..run.clone()
        }),
        Item::Image { rect, image } => Item::Image {
            rect: rect.translate(by.x, by.y),
            image: image.clone(),
        },
        Item::Vector { rect, art, tint } => Item::Vector {
            rect: rect.translate(by.x, by.y),
            art: art.clone(),
            tint: *tint,
        },
        Item::Group {
            transform,
            clip,
            frame,
        } => Item::Group {
            transform: Transform {
                e: transform.e + by.x,
                f: transform.f + by.y,
                ..*transform
            },
            clip: *clip,
            frame: frame.clone(),
        },
    }
}

/// The width of each rating column on the worksheet, and the side of its
/// box.
const RATE_COL: Mm = 19.0;
const TICK_BOX: Mm = 4.6;
/// The lines to write on under each behaviour, and in each
/// characteristic's box.
const WRITE_LINES: usize = 2;
const BOX_LINES: usize = 3;
const LINE_GAP: Mm = 6.5;

/// The colour of the lines to write on.
const RULE: Color = Color::rgb(0xa6, 0xa6, 0xa6);

/// The reflection worksheet: for each characteristic (each starting a
/// page) its heading, the rating scale, every behaviour's code and title
/// with a box to tick for each step and lines to write on, and a box for
/// "one thing I will try". The boxes are printed, to fill in by hand.
/// Tagged like the handout.
pub fn worksheet(
    deck: &Deck,
    ts: &mut Typesetter,
    diags: &mut Diagnostics,
) -> (Vec<Frame>, Structure) {
    let (mut cx, page) = Cx::new(deck, ts, diags);
    let width = cx.width;
    let words = &deck.words;
    let mut pieces = Vec::new();
    let plain = |s: &str| Text {
        rich: Rich::plain(s),
        at: deck.title.at,
    };
    // The title, the deck's title, and lines for a name and the date.
    let title = plain(&words.worksheet);
    pieces.extend(cx.paragraph(
        &title.rich.clone().all_bold(),
        &title,
        &Style::new(18.0, ink::TEXT).leading(1.15),
        (0.0, width),
        "the worksheet, words: worksheet",
        (Role::Heading(1), None),
        (1.5, true),
    ));
    let small = Style::new(SMALL, ink::MUTED).leading(1.3);
    pieces.extend(cx.paragraph(
        &deck.title.rich,
        &deck.title,
        &small,
        (0.0, width),
        "the worksheet, field title",
        (Role::Paragraph, None),
        (5.0, true),
    ));
    let label = Style::new(SMALL, ink::TEXT);
    let name = plain(&words.name);
    let date = plain(&words.date);
    let n = cx.set(
        &name.rich,
        &name,
        &label,
        40.0,
        "the worksheet, words: name",
    );
    let d = cx.set(
        &date.rich,
        &date,
        &label,
        30.0,
        "the worksheet, words: date",
    );
    if let (Some(n), Some(d)) = (n, d) {
        let node = cx.st.add(Role::Paragraph, None);
        let h = n.height.max(d.height) + 1.5;
        let mut art = Frame::new(Size::new(width, h));
        let rule = Stroke::solid(RULE, 0.25);
        let date_x = width * 0.62;
        art.line(
            Point::new(n.width + 2.0, h),
            Point::new(date_x - 6.0, h),
            rule,
        );
        art.line(
            Point::new(date_x + d.width + 2.0, h),
            Point::new(width, h),
            rule,
        );
        pieces.push(Piece {
            height: h,
            texts: vec![
                (n, Point::new(0.0, 0.0), node),
                (d, Point::new(date_x, 0.0), node),
            ],
            art,
            keeps: false,
            gap: 8.0,
            splits: false,
            breaks: false,
            running: None,
        });
    }
    let body = Style::new(BODY, ink::TEXT).leading(1.3);
    let scale_style = Style::new(8.0, ink::MUTED)
        .leading(1.15)
        .align(Align::Center);
    let cols_x = width - 4.0 * RATE_COL;
    for (ci, c) in deck.characteristics.iter().enumerate() {
        let first = pieces.len();
        let pal = Palette::of(c.colour);
        let sect = cx.characteristic_heading(c, &pal, &mut pieces);
        // Each characteristic after the first starts a page.
        if ci > 0 {
            if let Some(p) = pieces.get_mut(first) {
                p.breaks = true;
            }
        }
        // The rating line, and the scale's words over their columns.
        let rate = plain(&words.rate);
        let node = cx.st.add(Role::Paragraph, Some(sect));
        let mut texts = Vec::new();
        if let Some(b) = cx.set(
            &rate.rich,
            &rate,
            &small,
            cols_x - INDENT - 2.0,
            "the worksheet, words: rate",
        ) {
            texts.push((b, Point::new(INDENT, 0.0), node));
        }
        for (i, w) in words.scale.iter().enumerate() {
            let t = plain(w);
            if let Some(b) = cx.set(
                &t.rich,
                &t,
                &scale_style,
                RATE_COL - 1.0,
                "the worksheet, words: scale",
            ) {
                texts.push((b, Point::new(cols_x + i as f32 * RATE_COL + 0.5, 0.0), node));
            }
        }
        // On a page the characteristic continues on: its number and name,
        // and the scale's words over their columns again.
        let mut again: Vec<(Block, Point, usize)> = texts.iter().skip(1).cloned().collect();
        let name = Rich::plain(&format!("{}  {}", c.number, c.name.plain())).all_bold();
        if let Ok(b) = cx.ts.layout(
            &name,
            &Style::new(SMALL, pal.on_white).leading(1.2),
            cols_x - INDENT - 2.0,
        ) {
            if b.lines == 1 {
                again.insert(0, (b, Point::new(INDENT, 0.0), node));
            }
        }
        // A line of texts only, kept with what follows.
        let line = |texts: Vec<(Block, Point, usize)>| Piece {
            height: texts.iter().map(|(b, _, _)| b.height).fold(0.0, f32::max),
            texts,
            art: Frame::new(Size::new(0.0, 0.0)),
            keeps: true,
            gap: 2.5,
            splits: false,
            breaks: false,
            running: None,
        };
        let running = Rc::new(line(again));
        pieces.push(line(texts));
        // One row per behaviour: code, title, four boxes, lines to write.
        let list = cx.st.add(Role::List, Some(sect));
        let code_style = Style::new(BODY, pal.on_white).leading(1.3);
        for b in &c.behaviours {
            let sub = format!("the worksheet, {}", b.label(c));
            let code = Rich::plain(&b.code(c)).all_bold();
            let Ok(code) = cx.ts.layout(&code, &code_style, CODE_W + 4.0) else {
                continue;
            };
            let title = super::card::heading(&b.title).all_bold();
            let Some(t) = cx.set(
                &title,
                &b.title,
                &body,
                cols_x - INDENT - CODE_W - 3.0,
                &format!("{sub}, field title"),
            ) else {
                continue;
            };
            let (label, lbody) = cx.st.list_item(list);
            let row = t.height.max(TICK_BOX + 1.0);
            let height = row + WRITE_LINES as f32 * LINE_GAP;
            let mut art = Frame::new(Size::new(width, height));
            let boxes = Stroke::solid(ink::MUTED, 0.25);
            for i in 0..4 {
                let x = cols_x + i as f32 * RATE_COL + (RATE_COL - TICK_BOX) / 2.0;
                let r = Rect::new(x, (row - TICK_BOX) / 2.0, TICK_BOX, TICK_BOX);
                art.stroke_path(Path::rounded_rect(r, 0.6), boxes);
            }
            let rule = Stroke::solid(RULE, 0.25);
            for l in 1..=WRITE_LINES {
                let y = row + l as f32 * LINE_GAP - 1.0;
                art.line(Point::new(INDENT + CODE_W, y), Point::new(width, y), rule);
            }
            pieces.push(Piece {
                height,
                texts: vec![
                    (code, Point::new(INDENT, 0.0), label),
                    (t, Point::new(INDENT + CODE_W, 0.0), lbody),
                ],
                art,
                keeps: false,
                gap: 3.0,
                splits: false,
                breaks: false,
                running: Some(running.clone()),
            });
        }
        // The box never stands alone at the top of a page.
        if let Some(last) = pieces.last_mut() {
            last.keeps = true;
        }
        // The box for one thing to try.
        let try_one = plain(&words.try_one);
        if let Some(b) = cx.set(
            &try_one.rich.clone().all_bold(),
            &try_one,
            &Style::new(BODY, pal.on_white).leading(1.2),
            width - INDENT - 8.0,
            "the worksheet, words: try",
        ) {
            let node = cx.st.add(Role::Paragraph, Some(sect));
            let top = 3.5 + b.height;
            let height = top + BOX_LINES as f32 * LINE_GAP + 3.0;
            let mut art = Frame::new(Size::new(width, height));
            let r = Rect::new(INDENT, 0.0, width - INDENT, height);
            art.stroke_path(Path::rounded_rect(r, 2.0), Stroke::solid(pal.fill, 0.5));
            let rule = Stroke::solid(RULE, 0.25);
            for l in 1..=BOX_LINES {
                let y = top + l as f32 * LINE_GAP - 1.0;
                art.line(
                    Point::new(INDENT + 4.0, y),
                    Point::new(width - 4.0, y),
                    rule,
                );
            }
            pieces.push(Piece {
                height,
                texts: vec![(b, Point::new(INDENT + 4.0, 3.0), node)],
                art,
                keeps: false,
                gap: AFTER_CHARACTERISTIC,
                splits: false,
                breaks: false,
                running: None,
            });
        }
    }
    let frames = flow(pieces, page);
    let out = footers(deck, &mut cx, frames, page);
    let mut st = cx.st;
    bookmarks(deck, &mut st);
    (out, st)
}
