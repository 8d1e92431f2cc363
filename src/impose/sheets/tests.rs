//! Geometry of the imposed sheets, checked for every preset paper, card
//! size, cut mode and duplex setting: cards inside the printable area and
//! apart, marks on every cut line and clear of the cards and the margin,
//! and each back behind its own front, upright, with the offset cancelled.

use super::*;
use crate::frame::Item;
use crate::geom::{CARD_PRESETS, PAPER_PRESETS};
use std::sync::Arc;

const EPS: Mm = 0.01;
const OFFSETS: [Point; 3] = [
    Point::new(1.5, -2.0),
    Point::new(0.0, 0.0),
    Point::new(-3.0, 2.5),
];
const DUPLEXES: [Duplex; 4] = [Duplex::Long, Duplex::Short, Duplex::Separate, Duplex::Fold];

fn spec(paper: Size, card: Size, cut: Cut, duplex: Duplex, offset: Point) -> SheetSpec {
    SheetSpec {
        paper,
        card,
        bleed: 3.0,
        cut,
        duplex,
        margin: 5.0,
        back_offset: offset,
        back_marks: false,
    }
}

/// Every combination of the presets, with a name for messages.
fn every_spec(offsets: &[Point]) -> Vec<(String, SheetSpec)> {
    let mut out = Vec::new();
    for (pname, paper, _) in PAPER_PRESETS {
        for (cname, card, _) in CARD_PRESETS {
            for cut in Cut::ALL {
                for duplex in DUPLEXES {
                    // An A6 card and its back side by side do not fit on
                    // A5 (refused with a clear error:
                    // a5_is_too_small_to_fold_a6_cards).
                    if *pname == "a5" && *cname == "a6" && duplex == Duplex::Fold {
                        continue;
                    }
                    for &o in offsets {
                        out.push((
                            format!(
                                "{pname} {cname} {} {} offset {},{}",
                                cut.name(),
                                duplex.name(),
                                o.x,
                                o.y
                            ),
                            spec(*paper, *card, cut, duplex, o),
                        ));
                    }
                }
            }
        }
    }
    out
}

/// Where a point of the back page is seen from the front once the sheet
/// is turned over, written from the physical description (the long edge
/// of a portrait page is vertical, of a landscape page horizontal), not
/// from the code under test.
fn seen_from_front(page: Size, duplex: Duplex, p: Point) -> Point {
    let portrait = page.h > page.w;
    let about_vertical_axis = match duplex {
        Duplex::Long | Duplex::Separate => portrait,
        Duplex::Short => !portrait,
        Duplex::Fold => unreachable!("a fold has no second side"),
    };
    if about_vertical_axis {
        Point::new(page.w - p.x, p.y)
    } else {
        Point::new(p.x, page.h - p.y)
    }
}

fn near(a: Point, b: Point) -> bool {
    (a.x - b.x).abs() <= EPS && (a.y - b.y).abs() <= EPS
}

/// The trims on each page of a sheet: the front page and, when backs have
/// a page of their own, the back page.
fn pages_of(l: &Layout) -> (Vec<Rect>, Vec<Rect>) {
    if l.fold() {
        let mut all = l.fronts.clone();
        all.extend(l.back_rects());
        (all, Vec::new())
    } else {
        (l.fronts.clone(), l.back_rects())
    }
}

/// The shortest distance between two rectangles (0 if they meet).
fn distance(a: &Rect, b: &Rect) -> Mm {
    let dx = (b.x - a.right()).max(a.x - b.right()).max(0.0);
    let dy = (b.y - a.bottom()).max(a.y - b.bottom()).max(0.0);
    dx.hypot(dy)
}

fn check_cards(name: &str, l: &Layout, trims: &[Rect]) {
    for (i, t) in trims.iter().enumerate() {
        let printed = t.inflate(l.bleed);
        assert!(
            l.printable.contains_rect(&printed, EPS),
            "{name}: card {i} at {printed:?} leaves the printable area {:?}",
            l.printable
        );
        for (j, u) in trims.iter().enumerate().skip(i + 1) {
            assert!(
                !printed.overlaps(&u.inflate(l.bleed), EPS),
                "{name}: cards {i} and {j} overlap"
            );
        }
    }
}

fn check_marks(name: &str, l: &Layout, trims: &[Rect], marks: &[Mark]) {
    for m in marks {
        let b = m.bounds();
        assert!(
            l.printable.contains_rect(&b, EPS),
            "{name}: mark {m:?} in the unprintable margin"
        );
        assert!(m.length() >= MARK_MIN - EPS, "{name}: mark {m:?} too short");
        for t in trims {
            assert!(
                !b.overlaps(&t.inflate(l.bleed), 0.0),
                "{name}: mark {m:?} over a card at {t:?}"
            );
            let d = distance(&b, t);
            assert!(
                d >= super::mark_gap(l.bleed) - EPS,
                "{name}: mark {m:?} starts {d} mm from a trim"
            );
        }
    }
    // Every cut line has a mark at each of its ends, beyond the cards.
    let top = trims.iter().map(|t| t.y).fold(Mm::INFINITY, Mm::min);
    let bottom = trims.iter().map(Rect::bottom).fold(0.0, Mm::max);
    let left = trims.iter().map(|t| t.x).fold(Mm::INFINITY, Mm::min);
    let right = trims.iter().map(Rect::right).fold(0.0, Mm::max);
    let cuts = || marks.iter().filter(|m| m.kind == MarkKind::Cut);
    for t in trims {
        for x in [t.x, t.right()] {
            let on: Vec<Rect> = cuts()
                .map(Mark::bounds)
                .filter(|b| b.w == 0.0 && (b.x - x).abs() < EPS)
                .collect();
            assert!(
                on.iter().any(|b| b.bottom() <= top) && on.iter().any(|b| b.y >= bottom),
                "{name}: the cut at x = {x} lacks a mark at an end"
            );
        }
        for y in [t.y, t.bottom()] {
            let on: Vec<Rect> = cuts()
                .map(Mark::bounds)
                .filter(|b| b.h == 0.0 && (b.y - y).abs() < EPS)
                .collect();
            assert!(
                on.iter().any(|b| b.right() <= left) && on.iter().any(|b| b.x >= right),
                "{name}: the cut at y = {y} lacks a mark at an end"
            );
        }
    }
}

/// Each back lands behind its own front, the same way up, once the
/// printer's offset is added: checked on points of the card that tell all
/// four corners and both turns apart.
fn check_backs(name: &str, l: &Layout) {
    let card = l.spec.card;
    let points = [
        Point::new(0.0, 0.0),
        Point::new(card.w, 0.0),
        Point::new(0.0, card.h),
        Point::new(card.w * 0.3, card.h * 0.2),
    ];
    let fold_line = l.front_marks.iter().find(|m| m.kind == MarkKind::Fold);
    for i in 0..l.per_sheet() {
        let front = l.fronts[i];
        let back = l.back_rect(i);
        for p in points {
            let f = l.front_transform(i).apply(p);
            // The point of the back behind p, the card turned left to right.
            let b = l.back_transform(i).apply(Point::new(card.w - p.x, p.y));
            assert!(
                back.inflate(EPS)
                    .contains_rect(&Rect::new(b.x, b.y, 0.0, 0.0), 0.0),
                "{name}: slot {i}: back point {b:?} outside the back slot {back:?}"
            );
            let seen = match fold_line {
                None => {
                    let s = seen_from_front(l.sheet, l.spec.duplex, b);
                    let o = l.spec.back_offset;
                    Point::new(s.x + o.x, s.y + o.y)
                }
                Some(m) if m.from.x == m.to.x => Point::new(2.0 * m.from.x - b.x, b.y),
                Some(m) => Point::new(b.x, 2.0 * m.from.y - b.y),
            };
            assert!(
                near(seen, f),
                "{name}: slot {i}: the back of {p:?} lands at {seen:?}, its front is at {f:?}"
            );
        }
        // The slots themselves are exact mirror images (to 0.01 mm).
        let corner = |r: &Rect| [r.x, r.y, r.right(), r.bottom()];
        let back_seen = match fold_line {
            None => {
                let a = seen_from_front(l.sheet, l.spec.duplex, back.origin());
                let z = seen_from_front(
                    l.sheet,
                    l.spec.duplex,
                    Point::new(back.right(), back.bottom()),
                );
                let o = l.spec.back_offset;
                Rect::new(
                    a.x.min(z.x) + o.x,
                    a.y.min(z.y) + o.y,
                    (a.x - z.x).abs(),
                    (a.y - z.y).abs(),
                )
            }
            Some(_) => l.mirror.apply_rect(&back),
        };
        for (a, b) in corner(&back_seen).iter().zip(corner(&front)) {
            assert!(
                (a - b).abs() <= EPS,
                "{name}: slot {i}: {back_seen:?} vs {front:?}"
            );
        }
    }
    if let Some(m) = fold_line {
        // The fold runs between the fronts and the backs.
        let vertical = m.from.x == m.to.x;
        let at = if vertical { m.from.x } else { m.from.y };
        for i in 0..l.per_sheet() {
            let (f, b) = (
                l.fronts[i].inflate(l.bleed),
                l.back_rect(i).inflate(l.bleed),
            );
            if vertical {
                assert!(
                    f.right() <= at + EPS && b.x >= at - EPS,
                    "{name}: fold line"
                );
            } else {
                assert!(
                    f.bottom() <= at + EPS && b.y >= at - EPS,
                    "{name}: fold line"
                );
            }
        }
    }
}

#[test]
fn every_preset_paper_card_cut_and_duplex_prints_correctly() {
    let mut checked = 0;
    for (name, spec) in every_spec(&OFFSETS) {
        let l = fit(&spec).unwrap_or_else(|e| panic!("{name}: {}", e.message));
        assert!(
            l.sheet == spec.paper || l.sheet == spec.paper.turned(),
            "{name}: {:?}",
            l.sheet
        );
        assert_eq!(l.printable, Rect::from_size(l.sheet).inflate(-5.0));
        assert_eq!(l.per_sheet(), l.cols * l.rows, "{name}");
        match spec.cut {
            Cut::Gutter => assert!(l.bleed == 3.0 && l.gutter == 6.0, "{name}"),
            Cut::Butted => assert!(l.bleed == 0.0 && l.gutter == 0.0, "{name}"),
        }
        // Cards fill slots left to right, top to bottom.
        for w in l.fronts.windows(2) {
            let (a, b) = (w[0], w[1]);
            assert!(
                b.y > a.y + EPS || ((b.y - a.y).abs() < EPS && b.x > a.x + EPS),
                "{name}: slots out of reading order"
            );
        }
        let (front_page, back_page) = pages_of(&l);
        check_cards(&name, &l, &front_page);
        check_cards(&name, &l, &back_page);
        check_marks(&name, &l, &front_page, &l.front_marks);
        assert!(l.back_marks.is_empty(), "{name}: marks on the backs");
        check_backs(&name, &l);
        if l.fold() {
            let folds = l.front_marks.iter().filter(|m| m.kind == MarkKind::Fold);
            assert_eq!(folds.count(), 2, "{name}: the fold line's two ends");
        }
        assert!(
            l.front_label.is_some(),
            "{name}: no room for the sheet's label"
        );
        let labels = [
            (l.front_label, &front_page, &l.front_marks),
            (l.back_label, &back_page, &l.back_marks),
        ];
        for (label, page, marks) in labels {
            let Some(label) = label else { continue };
            assert!(l.printable.contains_rect(&label, EPS), "{name}");
            for t in page {
                assert!(
                    !label.overlaps(&t.inflate(l.bleed), 0.0),
                    "{name}: label over a card"
                );
            }
            for m in marks {
                assert!(
                    !label.overlaps(&m.bounds().inflate(0.5), 0.0),
                    "{name}: label on a mark"
                );
            }
        }
        checked += 1;
    }
    // Every combination but A6 cards folded on A5 (two cuts).
    assert_eq!(
        checked,
        (PAPER_PRESETS.len() * CARD_PRESETS.len() * 2 * 4 - 2) * OFFSETS.len()
    );
}

#[test]
fn backs_carry_marks_only_when_asked() {
    for (name, mut spec) in every_spec(&[Point::new(2.0, -1.0)]) {
        if spec.duplex == Duplex::Fold {
            continue;
        }
        spec.back_marks = true;
        let l = fit(&spec).unwrap_or_else(|e| panic!("{name}: {}", e.message));
        assert!(!l.back_marks.is_empty(), "{name}");
        let backs = l.back_rects();
        check_marks(&name, &l, &backs, &l.back_marks);
    }
}

/// Cards per sheet from the arithmetic of the issue, without offset: the
/// trims and the gutters between them, plus on each side the mark's gap
/// and its shortest length, within the printable width and height.
fn by_formula(spec: &SheetSpec) -> usize {
    let (g, gap) = match spec.cut {
        Cut::Gutter => (2.0 * spec.bleed, spec.bleed.max(2.0)),
        Cut::Butted => (0.0, 2.0),
    };
    let side = 2.0 * (spec.margin + gap + 3.0);
    let fits = |room: Mm, card: Mm| ((room - side + g) / (card + g)).floor().max(0.0) as usize;
    let fold_gap = g.max(6.0);
    let (w, h) = (spec.paper.w, spec.paper.h);
    let (cw, ch) = (spec.card.w, spec.card.h);
    let mut best = 0;
    for (pw, ph) in [(w, h), (h, w)] {
        let n = if spec.duplex == Duplex::Fold {
            // Two blocks of c cards and a fold gap: 2(c·w + (c−1)·g) + f.
            let across = |room: Mm, card: Mm| {
                ((room - side - fold_gap + 2.0 * g) / (2.0 * (card + g)))
                    .floor()
                    .max(0.0) as usize
            };
            (across(pw, cw) * fits(ph, ch)).max(fits(pw, cw) * across(ph, ch))
        } else {
            fits(pw, cw) * fits(ph, ch)
        };
        best = best.max(n);
    }
    best
}

#[test]
fn fits_as_many_cards_as_the_paper_allows() {
    for (name, spec) in every_spec(&[Point::default()]) {
        let l = fit(&spec).unwrap();
        assert_eq!(l.per_sheet(), by_formula(&spec), "{name}");
    }
}

#[test]
fn the_default_deck_on_a4_with_gutters_is_eight_poker_cards_landscape() {
    let a4 = Size::new(210.0, 297.0);
    let poker = Size::new(63.0, 88.0);
    let l = fit(&spec(
        a4,
        poker,
        Cut::Gutter,
        Duplex::Long,
        Point::default(),
    ))
    .unwrap();
    assert_eq!((l.cols, l.rows), (4, 2));
    assert_eq!(l.sheet, Size::new(297.0, 210.0));
    // A landscape sheet turned on its long edge turns like a calendar: the
    // backs are mirrored top to bottom and drawn upside down.
    assert_eq!(l.mirror, Mirror::AcrossHorizontal(105.0));
    let t = l.back_transform(0);
    assert!(t.a == -1.0 && t.d == -1.0, "{t:?}");
    let short = fit(&spec(
        a4,
        poker,
        Cut::Gutter,
        Duplex::Short,
        Point::default(),
    ))
    .unwrap();
    assert_eq!(short.mirror, Mirror::AcrossVertical(148.5));
    let t = short.back_transform(0);
    assert!(t.a == 1.0 && t.d == 1.0, "{t:?}");
    // Butted cards need no gutters: 9 on a portrait sheet, turning like a
    // book page on its long edge.
    let b = fit(&spec(
        a4,
        poker,
        Cut::Butted,
        Duplex::Long,
        Point::default(),
    ))
    .unwrap();
    assert_eq!((b.cols, b.rows, b.sheet), (3, 3, a4));
    assert_eq!(b.mirror, Mirror::AcrossVertical(105.0));
}

#[test]
fn the_back_offset_moves_backs_against_the_printer() {
    let a4 = Size::new(210.0, 297.0);
    let poker = Size::new(63.0, 88.0);
    // The printer puts backs 2 mm right and 1 mm low, seen from the front;
    // on a landscape sheet turned like a calendar, the back page's x runs
    // the same way as the front's and its y the other way.
    let l = fit(&spec(
        a4,
        poker,
        Cut::Gutter,
        Duplex::Long,
        Point::new(2.0, 1.0),
    ))
    .unwrap();
    assert_eq!(l.back_shift, Point::new(-2.0, 1.0));
    let l = fit(&spec(
        a4,
        poker,
        Cut::Gutter,
        Duplex::Short,
        Point::new(2.0, 1.0),
    ))
    .unwrap();
    assert_eq!(l.back_shift, Point::new(2.0, -1.0));
    let f = fit(&spec(
        a4,
        poker,
        Cut::Gutter,
        Duplex::Fold,
        Point::new(2.0, 1.0),
    ))
    .unwrap();
    assert_eq!(
        f.back_shift,
        Point::default(),
        "a fold has nothing to cancel"
    );
}

#[test]
fn a_large_offset_costs_cards_rather_than_printing_off_the_sheet() {
    let a4 = Size::new(210.0, 297.0);
    let poker = Size::new(63.0, 88.0);
    let l = fit(&spec(
        a4,
        poker,
        Cut::Gutter,
        Duplex::Long,
        Point::new(9.0, 0.0),
    ))
    .unwrap();
    assert!(l.per_sheet() < 8, "{}", l.per_sheet());
    for r in l.back_rects() {
        assert!(l.printable.contains_rect(&r.inflate(l.bleed), EPS));
    }
}

#[test]
fn a_card_too_big_for_the_paper_is_a_clear_error() {
    let e = fit(&spec(
        Size::new(100.0, 100.0),
        Size::new(105.0, 148.0),
        Cut::Gutter,
        Duplex::Long,
        Point::default(),
    ))
    .unwrap_err();
    assert!(e.message.contains("does not fit"), "{}", e.message);
    assert!(e.message.contains("105 × 148 mm"), "{}", e.message);
    assert!(e.help.contains("--paper"), "{}", e.help);
    assert!(e.help.contains("--card-size"), "{}", e.help);
    // A deck that fits two-sided may not fit folded.
    let e = fit(&spec(
        Size::new(210.0, 297.0),
        Size::new(150.0, 200.0),
        Cut::Gutter,
        Duplex::Fold,
        Point::default(),
    ))
    .unwrap_err();
    assert!(e.help.contains("--duplex long"), "{}", e.help);
}

#[test]
fn plans_number_the_pages_for_each_duplex() {
    let a4 = Size::new(210.0, 297.0);
    let poker = Size::new(63.0, 88.0);
    let plan = |d: Duplex, guide: usize| {
        fit(&spec(a4, poker, Cut::Gutter, d, Point::default()))
            .unwrap()
            .plan(37, guide)
    };
    let long = plan(Duplex::Long, 2);
    assert_eq!((long.sheets, long.pages), (5, 12));
    assert_eq!((long.front_page(0), long.back_page(0)), (3, Some(4)));
    assert_eq!(long.front_page(4), 11);
    assert_eq!(long.cards_on(4), 32..37);
    let none = plan(Duplex::Separate, 1);
    assert_eq!((none.front_page(0), none.back_page(0)), (2, Some(7)));
    assert_eq!((none.front_page(4), none.back_page(4)), (6, Some(11)));
    assert_eq!(none.pages, 11);
    let fold = plan(Duplex::Fold, 1);
    assert_eq!(fold.per_sheet, 4);
    assert_eq!((fold.sheets, fold.pages, fold.back_page(0)), (10, 11, None));
    let bare = plan(Duplex::Long, 0);
    assert_eq!((bare.front_page(0), bare.pages), (1, 10));
}

fn card<'a>(code: &'a str, face: &'a Arc<Frame>) -> Sides<'a> {
    Sides {
        code,
        front: face,
        back: face,
    }
}

/// The groups (placed faces) and the stroked lines of a page.
fn contents(p: &Page) -> (Vec<Transform>, Vec<Stroke>) {
    let mut groups = Vec::new();
    let mut strokes = Vec::new();
    for item in &p.frame.items {
        match item {
            Item::Group {
                transform, clip, ..
            } if clip.is_some_and(|c| c.w > 40.0) => groups.push(*transform),
            Item::Path {
                stroke: Some(s), ..
            } => strokes.push(*s),
            _ => {}
        }
    }
    (groups, strokes)
}

#[test]
fn pages_hold_fronts_then_their_backs_in_deck_order() {
    let a4 = Size::new(210.0, 297.0);
    let poker = Size::new(63.0, 88.0);
    let face = Arc::new(Frame::new(poker));
    let codes: Vec<String> = (0..11).map(|i| i.to_string()).collect();
    let cards: Vec<Sides> = codes.iter().map(|c| card(c, &face)).collect();
    for duplex in DUPLEXES {
        let l = fit(&spec(a4, poker, Cut::Gutter, duplex, Point::new(1.0, 1.0))).unwrap();
        let guide = vec![Frame::new(l.sheet); if duplex == Duplex::Fold { 1 } else { 2 }];
        let plan = l.plan(cards.len(), guide.len());
        let pages = sheet_pages(&l, &plan, &cards, &guide, &[]);
        assert_eq!(pages.len(), plan.pages, "{duplex:?}");
        assert!(pages.iter().all(|p| p.size == l.sheet && p.trim.is_none()));
        for s in 0..plan.sheets {
            let on = plan.cards_on(s).len();
            let front = &pages[plan.front_page(s) - 1];
            let (groups, strokes) = contents(front);
            let expected = if duplex == Duplex::Fold { 2 * on } else { on };
            assert_eq!(groups.len(), expected, "{duplex:?} sheet {s}");
            for i in 0..on {
                if duplex == Duplex::Fold {
                    assert_eq!(groups[2 * i], l.front_transform(i));
                    assert_eq!(groups[2 * i + 1], l.back_transform(i));
                } else {
                    assert_eq!(groups[i], l.front_transform(i));
                }
            }
            // The marks of the cards on the sheet only: a last sheet with
            // empty slots has none for lines no card of it needs.
            let filled: Vec<usize> = (0..on).collect();
            let (marks, _) = l.marks_for(&filled);
            assert_eq!(strokes.len(), marks.len(), "{duplex:?} sheet {s}");
            if on == l.per_sheet() {
                assert_eq!(marks, l.front_marks);
            }
            // Every cut mark is on a line of a card of this sheet.
            let trims: Vec<Rect> = (0..on)
                .flat_map(|i| [l.fronts[i], l.back_rect(i)])
                .collect();
            for m in marks.iter().filter(|m| m.kind == MarkKind::Cut) {
                let vertical = (m.from.x - m.to.x).abs() < 1e-3;
                assert!(
                    trims.iter().any(|r| if vertical {
                        (m.from.x - r.x).abs() < 1e-3 || (m.from.x - r.right()).abs() < 1e-3
                    } else {
                        (m.from.y - r.y).abs() < 1e-3 || (m.from.y - r.bottom()).abs() < 1e-3
                    }),
                    "{duplex:?} sheet {s}: a mark for no card: {m:?}"
                );
            }
            for i in 0..on {
                let r = l.fronts[i];
                let has = |vertical: bool, at: Mm| {
                    marks.iter().any(|m| {
                        m.kind == MarkKind::Cut
                            && if vertical {
                                (m.from.x - at).abs() < 1e-3 && (m.to.x - at).abs() < 1e-3
                            } else {
                                (m.from.y - at).abs() < 1e-3 && (m.to.y - at).abs() < 1e-3
                            }
                    })
                };
                assert!(
                    has(true, r.x)
                        && has(true, r.right())
                        && has(false, r.y)
                        && has(false, r.bottom()),
                    "{duplex:?} sheet {s}: card {i} lacks a mark"
                );
            }
            for st in &strokes {
                assert!(st.width >= pt_to_mm(0.25), "{st:?}");
            }
            if let Some(b) = plan.back_page(s) {
                let back = &pages[b - 1];
                assert_eq!(back.label, format!("sheet {} back", s + 1));
                let (groups, strokes) = contents(back);
                assert_eq!(groups.len(), on);
                for (i, t) in groups.iter().enumerate() {
                    assert_eq!(*t, l.back_transform(i));
                }
                assert!(strokes.is_empty(), "no marks on backs by default");
            }
        }
    }
}

/// The table of cards per sheet in docs/printing-at-home.md:
/// `cargo test --lib capacity_table -- --ignored --nocapture`.
#[test]
#[ignore = "prints the documentation's table"]
fn capacity_table() {
    let cell = |l: &Layout| {
        format!(
            "{} ({}×{} {})",
            l.per_sheet(),
            l.cols,
            l.rows,
            if l.sheet.is_landscape() {
                "landscape"
            } else {
                "portrait"
            }
        )
    };
    println!("| card | paper | gutter | butted | gutter, fold | butted, fold |");
    println!("|---|---|---|---|---|---|");
    for (cname, card, _) in CARD_PRESETS {
        for (pname, paper, _) in PAPER_PRESETS {
            let mut row = format!(
                "| {cname} {}×{} | {pname} |",
                fmt_mm(card.w),
                fmt_mm(card.h)
            );
            for duplex in [Duplex::Long, Duplex::Fold] {
                for cut in Cut::ALL {
                    let l = fit(&spec(*paper, *card, cut, duplex, Point::default())).unwrap();
                    row.push_str(&format!(" {} |", cell(&l)));
                }
            }
            println!("{row}");
        }
    }
}

#[test]
fn a5_is_too_small_to_fold_a6_cards() {
    let (a5, a6) = (Size::new(148.0, 210.0), Size::new(105.0, 148.0));
    let e = fit(&spec(a5, a6, Cut::Gutter, Duplex::Fold, Point::default())).unwrap_err();
    assert!(
        e.message.contains("does not fit on 148 × 210 mm paper"),
        "{}",
        e.message
    );
    assert!(e.help.contains("print two-sided"), "{}", e.help);
}

#[test]
fn a_last_sheet_with_one_card_has_only_its_marks() {
    // Eight poker cards a sheet on A4 (gutters): 24 marks for a full
    // sheet, 8 (two at each end of its four lines) for one card.
    let l = fit(&spec(
        Size::new(210.0, 297.0),
        Size::new(63.0, 88.0),
        Cut::Gutter,
        Duplex::Long,
        Point::default(),
    ))
    .unwrap();
    assert_eq!(l.per_sheet(), 8);
    assert_eq!(l.front_marks.len(), 24);
    let (one, backs) = l.marks_for(&[0]);
    assert_eq!(one.len(), 8, "{one:?}");
    assert!(backs.is_empty());
}
