//! The pages with words that go with imposed sheets: the printed guide
//! (how to print, check and cut, from the actual settings, with a 50 mm
//! scale bar), the blank back of the guide, and the small label in each
//! sheet's margin. Pure functions from settings and counts to frames; they
//! never decide where cards go.

use crate::deck::{Key, Labels};
use crate::frame::{Color, Frame, Path, Stroke};
use crate::geom::{fmt_mm, Cut, Duplex, Mirror, Mm, NamedSize, Point, Pt, Rect, Size};
use crate::text::markup;
use crate::text::{Align, Block, Rich, Style, Typesetter};

use super::ink;

/// The smallest type on the guide and labels, in points.
pub const GUIDE_FLOOR: Pt = 7.0;

/// How far words keep inside the printable area: a line's font box
/// (ascent to descent) reaches above its line's top.
pub const TEXT_INSET: Mm = 2.0;

/// Everything the guide says, from the settings and the fitted layout.
#[derive(Clone, Debug, PartialEq)]
pub struct GuideInfo {
    pub deck_title: String,
    /// The page, as the sheets are (landscape or portrait).
    pub page: Size,
    /// Where the printer can print.
    pub printable: Rect,
    pub paper: NamedSize,
    pub card: NamedSize,
    pub cut: Cut,
    /// The bleed around each card on the sheet (0 when butted).
    pub bleed: Mm,
    pub duplex: Duplex,
    /// The cards of one deck, and how many decks the file holds.
    pub cards: usize,
    pub copies: usize,
    /// The sheets of all the decks.
    pub sheets: usize,
    pub cols: usize,
    pub rows: usize,
    /// Pages of guide before the sheets (1 or 2).
    pub guide_pages: usize,
    /// The pages of the first sheet's front and back (1-based).
    pub first_front: usize,
    pub first_back: Option<usize>,
    /// The first and last page of all fronts, and of all backs when they
    /// are printed on a second pass.
    pub fronts: (usize, usize),
    pub backs: Option<(usize, usize)>,
    pub last_page: usize,
    pub back_offset: Point,
    pub margin: Mm,
    /// The trims of the front slots on a sheet, in filling order, and of
    /// the backs when they share the page (fold), for the diagram.
    pub fronts_at: Vec<Rect>,
    pub backs_at: Vec<Rect>,
    /// How the back relates to the front: the axis the sheet turns over
    /// about, or the fold line.
    pub mirror: Mirror,
    /// The guide's words, in the deck's language.
    pub labels: Labels,
}

/// A part of a section of the guide.
enum Part {
    Heading(String),
    /// A paragraph with `**bold**` markup.
    Para(String),
    /// A numbered step: its number and text.
    Step(usize, String),
    /// The 50 mm scale bar.
    ScaleBar,
    /// A small picture of a sheet: the cards' order, and the edge it
    /// turns over on or the line it folds on.
    Diagram(String),
}

/// The guide: its first page, and for two-sided printing a second page
/// (the back of the guide's sheet) so that the cards start on a sheet of
/// their own. Fails if the words do not fit on the page even at the
/// smallest size.
pub fn guide(ts: &mut Typesetter, info: &GuideInfo) -> Result<Vec<Frame>, String> {
    let sections = sections(info);
    let area = info.printable.inflate(-TEXT_INSET);
    let title_style = Style::new(15.0, ink::TEXT).leading(1.15);
    let columns = if info.page.is_landscape() { 2 } else { 1 };
    let col_gap = 9.0;
    // On one page if it fits at any size; else on two (small paper: the
    // back of the guide's sheet, or a second page).
    let mut found = None;
    'pages: for max_pages in [1, 2] {
        let mut size = 9.5;
        while size >= GUIDE_FLOOR - 1e-3 {
            if let Some(f) = lay_out(
                ts,
                info,
                &sections,
                &title_style,
                size,
                (columns, col_gap),
                max_pages,
            )? {
                found = Some(f);
                break 'pages;
            }
            size -= 0.5;
        }
    }
    let Some(mut pages) = found else {
        return Err(format!(
            "the printed guide does not fit on {} paper with a {} mm margin, even on two pages",
            info.paper,
            fmt_mm(info.margin)
        ));
    };
    for p in &mut pages {
        p.size = info.page;
    }
    if info.guide_pages > pages.len() {
        let mut back = Frame::new(info.page);
        let style = Style::new(8.0, ink::MUTED).align(Align::Center);
        let note = Rich::plain(&info.labels.get(Key::GuideBlank));
        let block = layout(ts, &note, &style, area.w)?;
        draw(&mut back, &block, area.x, area.y + area.h / 2.0);
        pages.push(back);
    }
    Ok(pages)
}

fn layout(ts: &mut Typesetter, text: &Rich, style: &Style, width: Mm) -> Result<Block, String> {
    ts.layout(text, style, width)
        .map_err(|e| format!("the guide could not be set: {e:?}"))
}

fn rich(text: &str) -> Rich {
    markup::parse(text).unwrap_or_else(|_| Rich::plain(text))
}

fn draw(frame: &mut Frame, block: &Block, x: Mm, y: Mm) {
    for run in block.placed(Point::new(x, y)) {
        frame.text(run);
    }
}

/// A part laid out, ready to draw: its height and how to draw it.
enum Set {
    Block(Block, Mm),
    Step(Block, Block, Mm),
    ScaleBar(Block),
    /// The diagram's scale, its size and its caption.
    Diagram(f32, Size, Block),
}

const BAR_HEIGHT: Mm = 3.0;
const BAR_LENGTH: Mm = 50.0;

impl Set {
    fn height(&self) -> Mm {
        match self {
            Set::Block(b, gap) => b.height + gap,
            Set::Step(n, t, gap) => n.height.max(t.height) + gap,
            Set::ScaleBar(labels) => BAR_HEIGHT + 1.2 + labels.height + 2.0,
            Set::Diagram(_, size, caption) => size.h.max(caption.height) + 2.0,
        }
    }
}

/// Lays the guide out at body size `size`; `None` if it does not fit.
fn lay_out(
    ts: &mut Typesetter,
    info: &GuideInfo,
    sections: &[Vec<Part>],
    title_style: &Style,
    size: Pt,
    (columns, col_gap): (usize, Mm),
    max_pages: usize,
) -> Result<Option<Vec<Frame>>, String> {
    let area = info.printable.inflate(-TEXT_INSET);
    let mut frames = vec![Frame::new(info.page)];
    let frame = &mut frames[0];
    let title = layout(
        ts,
        &Rich::plain(&info.labels.get(Key::GuideTitle)).all_bold(),
        title_style,
        area.w,
    )?;
    let sub_style = Style::new(size, ink::MUTED).leading(1.25);
    let sub = layout(ts, &Rich::plain(&info.deck_title), &sub_style, area.w)?;
    draw(frame, &title, area.x, area.y);
    draw(frame, &sub, area.x, area.y + title.height + 0.5);
    let mut top = area.y + title.height + 0.5 + sub.height + 4.0;
    let col_w = (area.w - col_gap * (columns as Mm - 1.0)) / columns as Mm;
    let body = Style::new(size, ink::TEXT).leading(1.3);
    let heading = Style::new(size + 1.5, ink::TEXT).leading(1.2);
    let number_w = size * 0.45;
    let mut col = 0;
    let mut y = top;
    for section in sections {
        let mut set = Vec::new();
        for part in section {
            set.push(match part {
                Part::Heading(h) => Set::Block(
                    layout(ts, &Rich::plain(h).all_bold(), &heading, col_w)?,
                    1.2,
                ),
                Part::Para(p) => Set::Block(layout(ts, &rich(p), &body, col_w)?, 1.6),
                Part::Step(n, p) => Set::Step(
                    layout(
                        ts,
                        &Rich::plain(&format!("{n}.")).all_bold(),
                        &body,
                        number_w,
                    )?,
                    layout(ts, &rich(p), &body, col_w - number_w)?,
                    1.3,
                ),
                Part::ScaleBar => {
                    let labels = layout(
                        ts,
                        &Rich::plain("0"),
                        &Style::new(GUIDE_FLOOR, ink::TEXT),
                        20.0,
                    )?;
                    Set::ScaleBar(labels)
                }
                Part::Diagram(caption) => {
                    let k = (0.6 * col_w / info.page.w).min(45.0 / info.page.h);
                    let size = Size::new(info.page.w * k, info.page.h * k);
                    let style =
                        Style::new((body.size - 1.0).max(GUIDE_FLOOR), ink::MUTED).leading(1.25);
                    let caption = layout(ts, &rich(caption), &style, col_w - size.w - 4.0)?;
                    Set::Diagram(k, size, caption)
                }
            });
        }
        let height: Mm = set.iter().map(Set::height).sum();
        if y + height > area.bottom() + 1e-3 {
            col += 1;
            y = top;
            if col >= columns {
                if frames.len() >= max_pages {
                    return Ok(None);
                }
                // A page more: its columns start at the top.
                frames.push(Frame::new(info.page));
                col = 0;
                top = area.y;
                y = top;
            }
            if y + height > area.bottom() + 1e-3 {
                return Ok(None);
            }
        }
        let x = area.x + col as Mm * (col_w + col_gap);
        let frame = frames.last_mut().expect("a page");
        for s in &set {
            match s {
                Set::Block(b, _) => draw(frame, b, x, y),
                Set::Step(n, t, _) => {
                    draw(frame, n, x, y);
                    draw(frame, t, x + number_w, y);
                }
                Set::ScaleBar(_) => scale_bar(ts, frame, Point::new(x, y))?,
                Set::Diagram(k, size, caption) => {
                    diagram(ts, frame, info, *k, Point::new(x, y))?;
                    draw(frame, caption, x + size.w + 4.0, y);
                }
            }
            y += s.height();
        }
        y += 2.5;
    }
    Ok(Some(frames))
}

/// A sheet at scale `k`, top left at `at`: its cards numbered in the order
/// they are filled, the backs of a fold sheet in grey, and a heavy line
/// on the edge the sheet turns over on (or a dashed one where it folds).
fn diagram(
    ts: &mut Typesetter,
    frame: &mut Frame,
    info: &GuideInfo,
    k: f32,
    at: Point,
) -> Result<(), String> {
    let map = |r: &Rect| Rect::new(at.x + r.x * k, at.y + r.y * k, r.w * k, r.h * k);
    let page = Rect::new(at.x, at.y, info.page.w * k, info.page.h * k);
    frame.fill_rect(page, Color::WHITE);
    frame.stroke_path(
        Path::rounded_rect(page, 0.0),
        Stroke::solid(ink::MUTED, 0.2),
    );
    let number = Style::new(GUIDE_FLOOR + 1.0, ink::TEXT).align(Align::Center);
    let grey = Style::new(GUIDE_FLOOR, ink::MUTED).align(Align::Center);
    for (slots, style, fill, back) in [
        (
            &info.fronts_at,
            &number,
            Color::rgb(0xdd, 0xe6, 0xf0),
            false,
        ),
        (&info.backs_at, &grey, Color::rgb(0xee, 0xee, 0xee), true),
    ] {
        for (i, slot) in slots.iter().enumerate() {
            let r = map(slot);
            frame.fill_rect(r, fill);
            frame.stroke_path(Path::rounded_rect(r, 0.0), Stroke::solid(ink::MUTED, 0.15));
            let text = if back {
                info.labels
                    .fill(Key::GuideDiagramBack, &[("n", &(i + 1).to_string())])
            } else {
                (i + 1).to_string()
            };
            let b = layout(ts, &Rich::plain(&text).all_bold(), style, r.w)?;
            if b.width <= r.w && b.height <= r.h {
                draw(frame, &b, r.x, r.y + (r.h - b.height) / 2.0);
            }
        }
    }
    let (edge, dash) = match (info.duplex, info.mirror) {
        (Duplex::Fold, Mirror::AcrossVertical(x)) => {
            let x = at.x + x * k;
            ((Point::new(x, page.y), Point::new(x, page.bottom())), true)
        }
        (Duplex::Fold, Mirror::AcrossHorizontal(y)) => {
            let y = at.y + y * k;
            ((Point::new(page.x, y), Point::new(page.right(), y)), true)
        }
        // The sheet turns about an axis parallel to this edge.
        (_, Mirror::AcrossVertical(_)) => (
            (
                Point::new(page.x, page.y),
                Point::new(page.x, page.bottom()),
            ),
            false,
        ),
        (_, Mirror::AcrossHorizontal(_)) => (
            (Point::new(page.x, page.y), Point::new(page.right(), page.y)),
            false,
        ),
    };
    let mut stroke = Stroke::solid(Color::BLACK, if dash { 0.3 } else { 0.9 });
    if dash {
        stroke.dash = Some((1.0, 0.7));
    }
    frame.line(edge.0, edge.1, stroke);
    Ok(())
}

/// A 50 mm bar in 10 mm steps, black and white, with its lengths under it.
fn scale_bar(ts: &mut Typesetter, frame: &mut Frame, at: Point) -> Result<(), String> {
    for i in 0..5 {
        if i % 2 == 0 {
            let r = Rect::new(at.x + 10.0 * i as Mm, at.y, 10.0, BAR_HEIGHT);
            frame.fill_rect(r, Color::BLACK);
        }
    }
    let outline = Path::rounded_rect(Rect::new(at.x, at.y, BAR_LENGTH, BAR_HEIGHT), 0.0);
    frame.stroke_path(outline, Stroke::solid(Color::BLACK, 0.2));
    let style = Style::new(GUIDE_FLOOR, ink::TEXT);
    for i in 0..=5 {
        let text = if i == 5 {
            "50 mm".to_string()
        } else {
            (10 * i).to_string()
        };
        let b = layout(ts, &Rich::plain(&text), &style, 20.0)?;
        // Numbers centred under their ticks; "50 mm" starts at its tick
        // less the width of "50"'s half.
        let half = if i == 5 {
            layout(ts, &Rich::plain("50"), &style, 20.0)?.width / 2.0
        } else {
            b.width / 2.0
        };
        draw(
            frame,
            &b,
            at.x + 10.0 * i as Mm - half,
            at.y + BAR_HEIGHT + 1.2,
        );
    }
    Ok(())
}

/// A paper as the guide names it: "A4 (210 × 297 mm)", "US Letter (8.5
/// × 11 in)".
fn paper_name(l: &Labels, p: &NamedSize) -> String {
    let size = l.number(&p.size.to_string());
    match p.name {
        Some("letter") => l.number("US Letter (8.5 × 11 in)"),
        Some("legal") => l.number("US Legal (8.5 × 14 in)"),
        Some("tabloid") => l.number("US Tabloid (11 × 17 in)"),
        Some(n) => format!("{} ({size})", n.to_uppercase()),
        None => l.fill(Key::PaperOfSize, &[("size", &size)]),
    }
}

/// A signed length as people write it: `1.5`, `–2` (en dash for minus).
fn signed(v: Mm) -> String {
    if v < 0.0 {
        format!("–{}", fmt_mm(-v))
    } else {
        fmt_mm(v)
    }
}

/// The guide's words, section by section, in the deck's language.
fn sections(info: &GuideInfo) -> Vec<Vec<Part>> {
    use Part::*;
    let l = &info.labels;
    let two_sided = matches!(info.duplex, Duplex::Long | Duplex::Short);
    let short = info.duplex == Duplex::Short;
    let orientation = l.get(if info.page.is_landscape() {
        Key::Landscape
    } else {
        Key::Portrait
    });
    let per_sheet = info.cols * info.rows;
    let size = l.number(&info.card.size.to_string());
    let card = match info.card.name {
        Some(n) => l.fill(Key::GuideCardNamed, &[("name", n), ("size", &size)]),
        None => l.fill(Key::GuideCardSized, &[("size", &size)]),
    };
    let paper = paper_name(l, &info.paper);
    let mut out = Vec::new();

    // What is in the file.
    let mut cards = l.count(Key::CardsOne, Key::CardsMany, info.cards);
    if info.copies > 1 {
        cards = l.fill(
            Key::GuideDecksOf,
            &[("decks", &info.copies.to_string()), ("cards", &cards)],
        );
    }
    let mut what = l.fill(
        Key::GuideContents,
        &[
            ("cards", &cards),
            (
                "sheets",
                &l.count(Key::SheetsOne, Key::SheetsMany, info.sheets),
            ),
            ("paper", &paper),
            ("per_sheet", &per_sheet.to_string()),
            ("cols", &info.cols.to_string()),
            ("rows", &info.rows.to_string()),
            ("card", &card),
        ],
    );
    what.push(' ');
    what.push_str(&l.get(match info.duplex {
        Duplex::Long | Duplex::Short => Key::GuideOrderDuplex,
        Duplex::Separate => Key::GuideOrderSeparate,
        Duplex::Fold => Key::GuideOrderFold,
    }));
    out.push(vec![Para(what)]);
    if info.copies > 1 {
        let per = info.sheets / info.copies;
        // The first two decks and the last, when there are many.
        let shown: Vec<usize> = if info.copies > 4 {
            vec![0, 1, info.copies - 1]
        } else {
            (0..info.copies).collect()
        };
        let mut ranges: Vec<String> = shown
            .iter()
            .map(|&k| {
                l.fill(
                    Key::GuideCopySheets,
                    &[
                        ("n", &(k + 1).to_string()),
                        ("first", &(k * per + 1).to_string()),
                        ("last", &((k + 1) * per).to_string()),
                    ],
                )
            })
            .collect();
        if info.copies > 4 {
            ranges.insert(2, "…".into());
        }
        out.push(vec![Para(
            l.fill(Key::GuideCopies, &[("sheets", &ranges.join("; "))]),
        )]);
    }

    // Printer settings.
    let guide_pages = l.pages((1, info.guide_pages));
    let mut printer = vec![Heading(l.get(Key::GuidePrinterHeading))];
    printer.push(Para(l.fill(
        Key::GuidePaper,
        &[("paper", &paper), ("orientation", &orientation)],
    )));
    printer.push(Para(l.get(Key::GuideScale)));
    printer.push(Para(l.get(match info.duplex {
        Duplex::Long => Key::GuideTwoSidedLong,
        Duplex::Short => Key::GuideTwoSidedShort,
        Duplex::Separate => Key::GuideOneSidedSeparate,
        Duplex::Fold => Key::GuideOneSidedFold,
    })));
    let to_print = match info.duplex {
        Duplex::Separate => l.fill(Key::GuideTheFronts, &[("pages", &l.pages(info.fronts))]),
        _ => l.pages((info.fronts.0, info.last_page)),
    };
    printer.push(Para(l.fill(
        Key::GuidePages,
        &[("guide", &guide_pages), ("pages", &to_print)],
    )));
    out.push(printer);

    // Card stock.
    out.push(vec![
        Heading(l.get(Key::GuideCardHeading)),
        Para(l.get(match info.duplex {
            Duplex::Fold => Key::GuideCardFold,
            _ => Key::GuideCardStock,
        })),
    ]);

    // Scale check.
    out.push(vec![
        Heading(l.get(Key::GuideScaleHeading)),
        Para(l.get(Key::GuideScaleCheck)),
        ScaleBar,
    ]);

    // Backs.
    let offset = info.back_offset;
    let offset_note = ((two_sided || info.duplex == Duplex::Separate)
        && (offset.x != 0.0 || offset.y != 0.0))
        .then(|| {
            l.fill(
                Key::GuideBackOffset,
                &[
                    ("x", &l.number(&signed(offset.x))),
                    ("y", &l.number(&signed(offset.y))),
                ],
            )
        });
    let calibrate = l.get(Key::GuideCalibrate);
    match info.duplex {
        Duplex::Long | Duplex::Short => {
            let first = l.pages((
                info.first_front,
                info.first_back.unwrap_or(info.first_front),
            ));
            let wrong = l.get(if short {
                Key::GuideWrongWayShort
            } else {
                Key::GuideWrongWayLong
            });
            let mut s = vec![
                Heading(l.get(Key::GuideCheckBacksHeading)),
                Para(l.fill(Key::GuideFirstSheet, &[("pages", &first)])),
                Para(format!("{wrong} {calibrate}")),
            ];
            if let Some(n) = offset_note {
                s.push(Para(n));
            }
            out.push(s);
        }
        Duplex::Separate => {
            let backs = info.backs.unwrap_or(info.fronts);
            let mut s = vec![
                Heading(l.get(Key::GuidePrintBacksHeading)),
                Step(
                    1,
                    l.fill(Key::GuideSeparate1, &[("pages", &l.pages(info.fronts))]),
                ),
                Step(
                    2,
                    l.fill(Key::GuideSeparate2, &[("page", &backs.0.to_string())]),
                ),
                Step(3, l.get(Key::GuideSeparate3)),
                Step(
                    4,
                    if info.sheets > 1 {
                        l.fill(
                            Key::GuideSeparate4,
                            &[("pages", &l.pages((backs.0 + 1, backs.1)))],
                        )
                    } else {
                        l.get(Key::GuideOnlySheet)
                    },
                ),
            ];
            s.push(Para(calibrate));
            if let Some(n) = offset_note {
                s.push(Para(n));
            }
            out.push(s);
        }
        Duplex::Fold => out.push(vec![
            Heading(l.get(Key::GuideFoldHeading)),
            Para(l.get(Key::GuideFold)),
        ]),
    }

    // Cutting. Without gutters (butted, or no bleed) neighbours share a
    // cut.
    let shared = info.cut == Cut::Butted || info.bleed <= 0.0;
    let (h_lines, v_lines) = if shared {
        (info.rows + 1, info.cols + 1)
    } else {
        (2 * info.rows, 2 * info.cols)
    };
    // On a fold sheet the backs' cut lines lie behind the fronts' once it
    // is folded, so the counts are the fronts'.
    let mut cutting = vec![Heading(l.get(Key::GuideCutHeading))];
    let tools = l.get(Key::GuideCutTools);
    let how = match (shared, info.cut) {
        (false, _) => l.fill(
            Key::GuideCutGutter,
            &[("mm", &l.number(&fmt_mm(2.0 * info.bleed)))],
        ),
        (true, Cut::Butted) => l.get(Key::GuideCutButted),
        (true, Cut::Gutter) => l.get(Key::GuideCutShared),
    };
    cutting.push(Para(format!("{tools} {how}")));
    cutting.push(Step(
        1,
        l.count(Key::GuideCutAcrossOne, Key::GuideCutAcrossMany, h_lines),
    ));
    cutting.push(Step(
        2,
        l.fill(Key::GuideCutRows, &[("n", &v_lines.to_string())]),
    ));
    cutting.push(Para(l.get(Key::GuideCutOrder)));
    out.push(cutting);

    // The picture of a sheet.
    let caption = match info.duplex {
        Duplex::Fold if info.sheets > 1 => format!(
            "{} {}",
            l.get(Key::GuideDiagramFold),
            l.get(Key::GuideDiagramMore)
        ),
        Duplex::Fold => l.get(Key::GuideDiagramFold),
        _ if short => l.get(Key::GuideDiagramShort),
        _ => l.get(Key::GuideDiagramLong),
    };
    out.push(vec![Diagram(caption)]);
    out
}

/// What a sheet's label says.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelInfo {
    /// 1-based.
    pub sheet: usize,
    pub sheets: usize,
    /// Whether this is the back page of a sheet.
    pub back: bool,
    /// Which deck of how many, when the file holds several.
    pub deck: Option<(usize, usize)>,
    pub fold: bool,
    /// The codes of the first and last card on the sheet.
    pub first: String,
    pub last: String,
}

/// The label in a sheet's margin, in a frame of `size`, one line at
/// `GUIDE_FLOOR` points; the longest wording that fits, or `None`.
pub fn sheet_label(
    ts: &mut Typesetter,
    labels: &Labels,
    info: &LabelInfo,
    size: Size,
) -> Option<Frame> {
    let l = labels;
    let (sheet, total) = (info.sheet.to_string(), info.sheets.to_string());
    let n = match info.deck {
        Some((deck, decks)) => l.fill(
            Key::SheetOfDeck,
            &[
                ("n", &sheet),
                ("total", &total),
                ("deck", &deck.to_string()),
                ("decks", &decks.to_string()),
            ],
        ),
        None => l.fill(Key::SheetOf, &[("n", &sheet), ("total", &total)]),
    };
    let cards = if info.first == info.last {
        l.fill(Key::SheetCard, &[("code", &info.first)])
    } else {
        l.fill(
            Key::SheetCards,
            &[("first", &info.first), ("last", &info.last)],
        )
    };
    let both = [("sheet", n.as_str()), ("cards", cards.as_str())];
    let (full, short) = if info.back {
        (Key::SheetBackCards, Key::SheetBack)
    } else {
        (Key::SheetFrontCards, Key::SheetFront)
    };
    let candidates = if info.fold && !info.back {
        vec![
            l.fill(Key::SheetFoldCards, &both),
            l.fill(Key::SheetFold, &both),
            l.fill(Key::SheetFoldShort, &both),
            n.clone(),
        ]
    } else {
        vec![l.fill(full, &both), l.fill(short, &both), n.clone()]
    };
    let style = Style::new(GUIDE_FLOOR, ink::MUTED).leading(1.15);
    for text in candidates {
        let Ok(block) = ts.layout(&Rich::plain(&text), &style, 10_000.0) else {
            continue;
        };
        if block.width <= size.w && block.height <= size.h {
            let mut frame = Frame::new(size);
            draw(&mut frame, &block, 0.0, (size.h - block.height) / 2.0);
            return Some(frame);
        }
    }
    None
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn info(duplex: Duplex) -> GuideInfo {
        let page = Size::new(297.0, 210.0);
        let two = matches!(duplex, Duplex::Long | Duplex::Short);
        GuideInfo {
            deck_title: "A deck".into(),
            page,
            printable: Rect::from_size(page).inflate(-5.0),
            paper: NamedSize {
                name: Some("a4"),
                size: Size::new(210.0, 297.0),
            },
            card: NamedSize {
                name: Some("poker"),
                size: Size::new(63.0, 88.0),
            },
            cut: Cut::Gutter,
            bleed: 3.0,
            duplex,
            cards: 37,
            copies: 1,
            sheets: 5,
            cols: 4,
            rows: 2,
            guide_pages: if two { 2 } else { 1 },
            first_front: if two { 3 } else { 2 },
            first_back: match duplex {
                Duplex::Long | Duplex::Short => Some(4),
                Duplex::Separate => Some(7),
                Duplex::Fold => None,
            },
            fronts: if two { (3, 11) } else { (2, 6) },
            backs: (duplex == Duplex::Separate).then_some((7, 11)),
            last_page: if two { 12 } else { 11 },
            back_offset: Point::new(1.5, -2.0),
            margin: 5.0,
            fronts_at: (0..8)
                .map(|i| {
                    Rect::new(
                        13.5 + 69.0 * (i % 4) as Mm,
                        14.0 + 94.0 * (i / 4) as Mm,
                        63.0,
                        88.0,
                    )
                })
                .collect(),
            backs_at: Vec::new(),
            mirror: Mirror::AcrossHorizontal(105.0),
            labels: Labels::default(),
        }
    }

    /// Every glyph run's font box (Noto Sans: 1.069 em above the
    /// baseline, 0.293 em below) lies inside `area`.
    pub(crate) fn inside(frame: &Frame, area: Rect) {
        for (t, run) in frame.text_runs() {
            let o = t.apply(run.origin);
            let size = crate::geom::pt_to_mm(run.size);
            let r = Rect::new(o.x, o.y - 1.069 * size, run.advance(), 1.362 * size);
            assert!(
                area.contains_rect(&r, 0.01),
                "{:?} at {r:?} outside {area:?}",
                run.text
            );
            assert!(run.size >= GUIDE_FLOOR, "{:?} at {} pt", run.text, run.size);
        }
    }

    #[test]
    fn the_guide_says_what_to_set_for_each_duplex() {
        let mut ts = Typesetter::default();
        for duplex in [Duplex::Long, Duplex::Short, Duplex::Separate, Duplex::Fold] {
            let i = info(duplex);
            let pages = guide(&mut ts, &i).unwrap();
            assert_eq!(pages.len(), i.guide_pages);
            let text = pages[0].plain_text();
            let squashed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
            for needle in [
                "100 %",
                "Actual size",
                "Fit to page",
                "50 mm",
                "37 cards",
                "5 sheets",
                "A4",
            ] {
                assert!(
                    squashed.contains(needle),
                    "{duplex:?}: no {needle:?} in {squashed}"
                );
            }
            match duplex {
                Duplex::Long => assert!(
                    squashed.contains("Flip on long edge") && squashed.contains("pages 3 to 12"),
                    "{squashed}"
                ),
                Duplex::Short => assert!(squashed.contains("Flip on short edge")),
                Duplex::Separate => {
                    assert!(
                        squashed.contains("pages 2 to 6") && squashed.contains("pages 8 to 11"),
                        "{squashed}"
                    )
                }
                Duplex::Fold => assert!(squashed.contains("Fold each sheet")),
            }
            if duplex != Duplex::Fold {
                assert!(squashed.contains("1.5, –2 mm"), "{squashed}");
            }
            for p in &pages {
                assert_eq!(p.size, i.page);
                inside(p, i.printable);
            }
        }
    }

    #[test]
    fn the_scale_bar_is_fifty_millimetres() {
        let mut ts = Typesetter::default();
        let pages = guide(&mut ts, &info(Duplex::Long)).unwrap();
        // The bar's outline: the one stroked rectangle as high as the bar.
        let mut bars = Vec::new();
        for item in &pages[0].items {
            if let crate::frame::Item::Path {
                path,
                stroke: Some(_),
                ..
            } = item
            {
                let pts: Vec<Point> = path
                    .segs
                    .iter()
                    .filter_map(|s| match s {
                        crate::frame::Seg::MoveTo(p) | crate::frame::Seg::LineTo(p) => Some(*p),
                        _ => None,
                    })
                    .collect();
                let span = |f: fn(&Point) -> f32| {
                    pts.iter().map(f).fold(f32::MIN, f32::max)
                        - pts.iter().map(f).fold(f32::MAX, f32::min)
                };
                if pts.len() == 4 && (span(|p| p.y) - BAR_HEIGHT).abs() < 1e-3 {
                    bars.push(span(|p| p.x));
                }
            }
        }
        assert_eq!(bars.len(), 1, "{bars:?}");
        assert!((bars[0] - 50.0).abs() < 1e-3, "{bars:?}");
    }

    #[test]
    fn a_portrait_letter_guide_fits_too_and_tiny_paper_is_refused() {
        let mut ts = Typesetter::default();
        let mut i = info(Duplex::Separate);
        i.page = Size::new(215.9, 279.4);
        i.printable = Rect::from_size(i.page).inflate(-5.0);
        let pages = guide(&mut ts, &i).unwrap();
        inside(&pages[0], i.printable);
        i.page = Size::new(100.0, 120.0);
        i.printable = Rect::from_size(i.page).inflate(-5.0);
        let e = guide(&mut ts, &i).unwrap_err();
        assert!(e.contains("does not fit"), "{e}");
    }

    #[test]
    fn cutting_follows_the_cut_mode() {
        let text = |i: &GuideInfo| {
            let mut ts = Typesetter::default();
            let t = guide(&mut ts, i).unwrap()[0].plain_text();
            t.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        let gutter = text(&info(Duplex::Long));
        assert!(
            gutter.contains("the 6 mm strips between cards fall away"),
            "{gutter}"
        );
        assert!(
            gutter.contains("Cut along the 4 horizontal lines"),
            "{gutter}"
        );
        assert!(gutter.contains("the 8 vertical lines"), "{gutter}");
        let mut b = info(Duplex::Long);
        b.cut = Cut::Butted;
        b.bleed = 0.0;
        (b.cols, b.rows) = (3, 3);
        let butted = text(&b);
        assert!(butted.contains("share a cut, down the middle of the white edge"));
        assert!(
            butted.contains("Cut along the 4 horizontal lines"),
            "{butted}"
        );
        assert!(butted.contains("the 4 vertical lines"), "{butted}");
        let mut z = info(Duplex::Long);
        z.bleed = 0.0;
        let no_bleed = text(&z);
        assert!(
            no_bleed.contains("Neighbouring cards share a cut."),
            "{no_bleed}"
        );
        assert!(!no_bleed.contains("0 mm strips"), "{no_bleed}");
    }

    #[test]
    fn labels_shorten_to_fit_or_give_up() {
        let mut ts = Typesetter::default();
        let l = LabelInfo {
            sheet: 2,
            sheets: 5,
            back: false,
            deck: None,
            fold: false,
            first: "1.8".into(),
            last: "2.6".into(),
        };
        let wide = sheet_label(&mut ts, &Labels::default(), &l, Size::new(61.0, 5.0)).unwrap();
        assert_eq!(wide.plain_text(), "Sheet 2 of 5, front: cards 1.8 to 2.6");
        let narrow = sheet_label(&mut ts, &Labels::default(), &l, Size::new(20.0, 5.0)).unwrap();
        assert_eq!(narrow.plain_text(), "Sheet 2 of 5");
        assert!(sheet_label(&mut ts, &Labels::default(), &l, Size::new(8.0, 5.0)).is_none());
        assert!(sheet_label(&mut ts, &Labels::default(), &l, Size::new(61.0, 2.0)).is_none());
    }
}
