//! The calibration sheet: one sheet printed on both sides, from which a
//! user reads how far their printer puts the backs off the fronts.
//!
//! The front carries two scales and a target; the back carries two lines
//! that, on a perfect printer, run through the scales' zeros. Held to the
//! light with the front towards the user, the back's lines show through
//! and cross the scales at the printer's offset, read directly as X and Y:
//! seen from the front, x to the right and y down, in mm, which is what
//! `back_offset` means (see `impose::sheets`). For card too thick to see
//! through, the back also carries scales around the point behind the
//! front's target: a pin pushed through the target reads the same numbers
//! there, the back's scales being numbered for it.
//!
//! Where the back's marks go on the back page depends on how the sheet
//! turns over: `mirror` says which point of the back page is behind which
//! point of the front, as for the cards.

use crate::deck::{Key, Labels};
use crate::frame::{Color, Frame, Path, Stroke};
use crate::geom::{fmt_mm, Duplex, Mirror, Mm, NamedSize, Point, Rect, Size};
use crate::text::markup;
use crate::text::{Align, Block, Rich, Style, Typesetter};

use super::guide::GUIDE_FLOOR;
use super::ink;

/// What the calibration sheet is printed for.
#[derive(Clone, Debug, PartialEq)]
pub struct CalibrationInfo {
    /// The page, turned as the deck's sheets are.
    pub page: Size,
    pub printable: Rect,
    pub paper: NamedSize,
    pub duplex: Duplex,
    /// The point of the back page behind each point of the front.
    pub mirror: Mirror,
    /// The sheet's words, in the deck's language.
    pub labels: Labels,
}

/// How far each scale reads, either side of zero, in mm.
pub const RANGE: Mm = 6.0;
/// How far the front's scales are from the centre target.
const REACH: Mm = 24.0;
/// The weight of the back's lines: heavy enough to show through card.
const LINE: Mm = 0.35;
const TICK: Mm = 0.15;

fn draw(frame: &mut Frame, block: &Block, x: Mm, y: Mm) {
    for run in block.placed(Point::new(x, y)) {
        frame.text(run);
    }
}

fn set(ts: &mut Typesetter, text: &str, style: &Style, width: Mm) -> Result<Block, String> {
    let rich = markup::parse(text).unwrap_or_else(|_| Rich::plain(text));
    ts.layout(&rich, style, width)
        .map_err(|e| format!("the calibration sheet could not be set: {e:?}"))
}

/// A number as the scales print it: en dash for minus, `+` for plus.
fn label(v: f32) -> String {
    let v = if v.abs() < 1e-3 { 0.0 } else { v };
    if v < 0.0 {
        format!("–{}", fmt_mm(-v))
    } else if v > 0.0 {
        format!("+{}", fmt_mm(v))
    } else {
        "0".into()
    }
}

/// A scale centred on `zero`, along x (`horizontal`) or y, with ticks
/// every half millimetre; the tick at displacement `t` is numbered
/// `number(t)` every 2 mm, labels alternating sides so that they never
/// touch.
fn scale(
    ts: &mut Typesetter,
    frame: &mut Frame,
    zero: Point,
    horizontal: bool,
    number: impl Fn(f32) -> f32,
) -> Result<(), String> {
    let stroke = Stroke::solid(Color::BLACK, TICK);
    let style = Style::new(GUIDE_FLOOR, ink::TEXT);
    let along = |t: Mm, across: Mm| {
        if horizontal {
            Point::new(zero.x + t, zero.y + across)
        } else {
            Point::new(zero.x + across, zero.y + t)
        }
    };
    frame.line(along(-RANGE - 0.5, 0.0), along(RANGE + 0.5, 0.0), stroke);
    let steps = (RANGE * 2.0) as i32;
    for i in -steps..=steps {
        let t = i as Mm / 2.0;
        let len = if i % 4 == 0 {
            2.6
        } else if i % 2 == 0 {
            1.8
        } else {
            1.0
        };
        frame.line(along(t, -len / 2.0), along(t, len / 2.0), stroke);
        if i % 4 == 0 {
            let text = label(number(t));
            let b = set(ts, &text, &style, 20.0)?;
            // Alternate sides every 2 mm.
            let side = if (i / 4) % 2 == 0 { -1.0 } else { 1.0 };
            let p = along(t, side * 1.8);
            let (x, y) = if horizontal {
                (
                    p.x - b.width / 2.0,
                    if side < 0.0 { p.y - b.height } else { p.y },
                )
            } else {
                (
                    if side < 0.0 {
                        p.x - b.width - 0.3
                    } else {
                        p.x + 0.3
                    },
                    p.y - b.height / 2.0,
                )
            };
            draw(frame, &b, x, y);
        }
    }
    Ok(())
}

/// A square grid of `RANGE` mm either side of `centre`, a line every
/// millimetre, numbered every 2 mm along its top edge (`x_number`) and
/// its left edge (`y_number`), labels in two staggered rows so that they
/// never touch.
fn grid(
    ts: &mut Typesetter,
    frame: &mut Frame,
    centre: Point,
    x_number: impl Fn(f32) -> f32,
    y_number: impl Fn(f32) -> f32,
) -> Result<(), String> {
    let style = Style::new(GUIDE_FLOOR, ink::TEXT);
    let steps = RANGE as i32;
    let (x0, x1) = (centre.x - RANGE, centre.x + RANGE);
    let (y0, y1) = (centre.y - RANGE, centre.y + RANGE);
    for i in -steps..=steps {
        let t = i as Mm;
        let stroke = match i {
            0 => Stroke::solid(Color::BLACK, 0.2),
            _ if i % 2 == 0 => Stroke::solid(Color::rgb(0x55, 0x55, 0x55), TICK),
            _ => Stroke::solid(Color::rgb(0xaa, 0xaa, 0xaa), TICK),
        };
        frame.line(
            Point::new(centre.x + t, y0),
            Point::new(centre.x + t, y1),
            stroke,
        );
        frame.line(
            Point::new(x0, centre.y + t),
            Point::new(x1, centre.y + t),
            stroke,
        );
        if i % 2 != 0 {
            continue;
        }
        let far = (i / 2) % 2 != 0;
        let b = set(ts, &label(x_number(t)), &style, 20.0)?;
        let row = if far { 2.0 * b.height } else { b.height };
        draw(frame, &b, centre.x + t - b.width / 2.0, y0 - 0.6 - row);
        let b = set(ts, &label(y_number(t)), &style, 20.0)?;
        let col = if far { 3.8 } else { 0.0 };
        draw(
            frame,
            &b,
            x0 - 0.8 - col - b.width,
            centre.y + t - b.height / 2.0,
        );
    }
    Ok(())
}

/// The target a pin goes through: a circle and a cross.
fn target(frame: &mut Frame, at: Point) {
    let s = Stroke::solid(Color::BLACK, TICK);
    frame.stroke_path(Path::circle(at, 2.5), s);
    frame.line(
        Point::new(at.x - 4.0, at.y),
        Point::new(at.x + 4.0, at.y),
        s,
    );
    frame.line(
        Point::new(at.x, at.y - 4.0),
        Point::new(at.x, at.y + 4.0),
        s,
    );
}

/// The front and the back page of the calibration sheet.
pub fn calibration(ts: &mut Typesetter, info: &CalibrationInfo) -> Result<(Frame, Frame), String> {
    let l = &info.labels;
    let area = info.printable.inflate(-super::guide::TEXT_INSET);
    let page = info.page;
    let c = Point::new(page.w / 2.0, page.h / 2.0);
    // The measuring area around the centre, which the words keep clear of.
    let measure = Rect::new(c.x - 12.0, c.y - 12.0, REACH + 24.0, REACH + 24.0);
    let text_w = measure.x - 8.0 - area.x;
    if text_w < 60.0 || !area.contains_rect(&measure, 0.0) {
        return Err(format!(
            "the calibration sheet does not fit on {}: it needs at least {} of printable paper",
            paper_name(&info.paper),
            Size::new(
                2.0 * (REACH + 12.0 + 8.0 + 60.0),
                2.0 * (REACH + 12.0) + 20.0
            )
        ));
    }
    let mut front = Frame::new(page);
    let mut back = Frame::new(page);

    // Front: target and scales. X is read where the back's vertical line
    // crosses the horizontal scale below the target; Y where its
    // horizontal line crosses the vertical scale to the right.
    target(&mut front, c);
    let x_zero = Point::new(c.x, c.y + REACH);
    let y_zero = Point::new(c.x + REACH, c.y);
    scale(ts, &mut front, x_zero, true, |t| t)?;
    scale(ts, &mut front, y_zero, false, |t| t)?;
    let name = Style::new(11.0, ink::TEXT);
    let b = set(ts, "**X**", &name, 20.0)?;
    draw(
        &mut front,
        &b,
        x_zero.x - RANGE - 2.0 - b.width,
        x_zero.y - b.height / 2.0,
    );
    let b = set(ts, "**Y**", &name, 20.0)?;
    draw(
        &mut front,
        &b,
        y_zero.x - b.width / 2.0,
        y_zero.y - RANGE - 2.5 - b.height,
    );
    let small = Style::new(GUIDE_FLOOR, ink::MUTED).align(Align::Center);
    let b = set(ts, &l.get(Key::CalibrationRight), &small, 30.0)?;
    draw(&mut front, &b, x_zero.x - 15.0, x_zero.y + 5.5);
    let b = set(ts, &l.get(Key::CalibrationDown), &small, 30.0)?;
    draw(&mut front, &b, y_zero.x - 15.0, y_zero.y + RANGE + 2.5);

    // Back, drawn where it lands behind the front: the lines through the
    // scales' zeros...
    let m = info.mirror;
    let heavy = Stroke::solid(Color::BLACK, LINE);
    let line = |frame: &mut Frame, a: Point, b: Point| frame.line(m.apply(a), m.apply(b), heavy);
    line(
        &mut back,
        Point::new(x_zero.x, x_zero.y - 9.0),
        Point::new(x_zero.x, x_zero.y + 9.0),
    );
    line(
        &mut back,
        Point::new(y_zero.x - 9.0, y_zero.y),
        Point::new(y_zero.x + 9.0, y_zero.y),
    );
    // ... and a grid around the point behind the target, for a pin. The
    // hole shows the offset e at back-page displacement −M(e) from the
    // back's zero, so the line at displacement t is numbered −M(t).
    let behind = m.apply(c);
    grid(
        ts,
        &mut back,
        behind,
        |t| -m.shift(Point::new(t, 0.0)).x,
        |t| -m.shift(Point::new(0.0, t)).y,
    )?;
    let b = set(ts, "**X**", &name, 20.0)?;
    draw(
        &mut back,
        &b,
        behind.x + RANGE + 2.0,
        behind.y - RANGE - 1.0 - b.height,
    );
    let b = set(ts, "**Y**", &name, 20.0)?;
    draw(
        &mut back,
        &b,
        behind.x - RANGE - 5.5 - b.width,
        behind.y + RANGE + 1.0,
    );

    // The words: on the front, to the left of the measuring area; on the
    // back, at the top and the left.
    let (print, how) = match info.duplex {
        Duplex::Long => (Key::CalibrationPrintLong, Key::CalibrationHowLong),
        Duplex::Short => (Key::CalibrationPrintShort, Key::CalibrationHowShort),
        _ => (Key::CalibrationPrintSeparate, Key::CalibrationHowSeparate),
    };
    let orientation = l.get(if page.is_landscape() {
        Key::Landscape
    } else {
        Key::Portrait
    });
    let steps = [
        l.get(print),
        l.get(Key::CalibrationHold),
        l.get(Key::CalibrationRead),
        l.get(Key::CalibrationWrite),
        l.get(Key::CalibrationPin),
    ];
    let col = Rect::new(area.x, area.y, text_w.min(120.0), area.h);
    let title = Style::new(14.0, ink::TEXT).leading(1.15);
    let body = Style::new(9.0, ink::TEXT).leading(1.3);
    let mut y = col.y;
    let b = set(ts, &l.get(Key::CalibrationFront), &title, col.w)?;
    draw(&mut front, &b, col.x, y);
    y += b.height + 1.0;
    let b = set(
        ts,
        &l.fill(
            Key::CalibrationFor,
            &[
                ("paper", &paper_name(&info.paper)),
                ("orientation", &orientation),
                ("how", &l.get(how)),
            ],
        ),
        &Style {
            color: ink::MUTED,
            ..body
        },
        col.w,
    )?;
    draw(&mut front, &b, col.x, y);
    y += b.height + 3.0;
    for (i, s) in steps.iter().enumerate() {
        let n = set(ts, &format!("**{}.**", i + 1), &body, 6.0)?;
        let b = set(ts, s, &body, col.w - 5.0)?;
        draw(&mut front, &n, col.x, y);
        draw(&mut front, &b, col.x + 5.0, y);
        y += b.height + 2.0;
    }
    let b = set(ts, &l.get(Key::CalibrationPinHere), &small, 30.0)?;
    draw(&mut front, &b, c.x - 15.0, c.y - 9.0);
    if y > area.bottom() {
        return Err(format!(
            "the calibration sheet's instructions do not fit on {} paper",
            paper_name(&info.paper)
        ));
    }

    // The back's words, upright on the back page, clear of the scales.
    let mut y = area.y;
    let b = set(ts, &l.get(Key::CalibrationBack), &title, col.w)?;
    draw(&mut back, &b, col.x, y);
    y += b.height + 1.0;
    let b = set(ts, &l.get(Key::CalibrationBackText), &body, col.w)?;
    draw(&mut back, &b, col.x, y);
    Ok((front, back))
}

fn paper_name(p: &NamedSize) -> String {
    match p.name {
        Some("letter") => "US Letter".into(),
        Some(n) => n.to_uppercase(),
        None => format!("{}", p.size),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::{Item, Seg};

    fn info(page: Size, mirror: Mirror) -> CalibrationInfo {
        CalibrationInfo {
            page,
            printable: Rect::from_size(page).inflate(-5.0),
            paper: NamedSize {
                name: Some("a4"),
                size: Size::new(210.0, 297.0),
            },
            duplex: Duplex::Long,
            mirror,
            labels: Labels::default(),
        }
    }

    /// The heavy lines of a page (the back's measuring lines).
    fn heavy_lines(f: &Frame) -> Vec<(Point, Point)> {
        f.items
            .iter()
            .filter_map(|i| match i {
                Item::Path {
                    path,
                    stroke: Some(s),
                    ..
                } if s.width == LINE => match path.segs.as_slice() {
                    [Seg::MoveTo(a), Seg::LineTo(b)] => Some((*a, *b)),
                    _ => None,
                },
                _ => None,
            })
            .collect()
    }

    /// The number a scale through `zero` prints nearest to the point
    /// `at` along it, among the labels `across` away from it.
    fn reading_in(f: &Frame, zero: Point, horizontal: bool, at: Mm, across: (Mm, Mm)) -> String {
        let mut best: Option<(f32, String)> = None;
        for (t, r) in f.text_runs() {
            let is_number = &*r.text == "0" || r.text.starts_with('+') || r.text.starts_with('–');
            let o = t.apply(r.origin);
            let centre = Point::new(o.x + r.advance() / 2.0, o.y - 0.9);
            let (along, across_at) = if horizontal {
                (centre.x - zero.x, centre.y - zero.y)
            } else {
                (centre.y - zero.y, centre.x - zero.x)
            };
            if !is_number
                || across_at < across.0
                || across_at > across.1
                || along.abs() > RANGE + 1.0
            {
                continue;
            }
            let d = (along - at).abs();
            if best.as_ref().is_none_or(|(bd, _)| d < *bd) {
                best = Some((d, r.text.to_string()));
            }
        }
        best.map(|(_, t)| t).unwrap_or_default()
    }

    fn reading(f: &Frame, zero: Point, horizontal: bool, at: Mm) -> String {
        reading_in(f, zero, horizontal, at, (-6.0, 6.0))
    }

    #[test]
    fn a_printer_that_is_off_reads_its_offset_on_the_front_and_with_a_pin() {
        let mut ts = Typesetter::default();
        for page in [Size::new(297.0, 210.0), Size::new(210.0, 297.0)] {
            for long in [true, false] {
                let mirror = crate::impose::sheets::flip_mirror(page, long);
                let i = info(page, mirror);
                let (front, back) = calibration(&mut ts, &i).unwrap();
                // A printer that puts backs 2 mm right and 4 mm down, seen
                // from the front: a back page point b shows at M(b) + e.
                let e = Point::new(2.0, 4.0);
                let shown = |b: Point| {
                    let s = mirror.apply(b);
                    Point::new(s.x + e.x, s.y + e.y)
                };
                let lines = heavy_lines(&back);
                assert_eq!(lines.len(), 2);
                let (va, vb) = lines
                    .iter()
                    .map(|(a, b)| (shown(*a), shown(*b)))
                    .find(|(a, b)| (a.x - b.x).abs() < 1e-3)
                    .expect("an upright line");
                let (ha, _) = lines
                    .iter()
                    .map(|(a, b)| (shown(*a), shown(*b)))
                    .find(|(a, b)| (a.y - b.y).abs() < 1e-3)
                    .expect("a level line");
                // The upright line crosses the X scale (below the centre)
                // at x = centre + 2, where the front reads +2; the level
                // line crosses the Y scale at y = centre + 4.
                let c = Point::new(page.w / 2.0, page.h / 2.0);
                let (x_zero, y_zero) = (Point::new(c.x, c.y + REACH), Point::new(c.x + REACH, c.y));
                assert!(va.y < x_zero.y && vb.y > x_zero.y);
                assert_eq!(reading(&front, x_zero, true, va.x - x_zero.x), "+2");
                assert!(ha.x < y_zero.x);
                assert_eq!(reading(&front, y_zero, false, ha.y - y_zero.y), "+4");
                // A pin through the front's target at c: on the back page
                // it is at the point b with M(b) + e = c.
                let hole = mirror.apply(Point::new(c.x - e.x, c.y - e.y));
                let behind = mirror.apply(c);
                let what = format!("{page:?} long {long}");
                // The grid's numbers: along its top edge for X, its left
                // edge for Y.
                let top = (-RANGE - 12.0, -RANGE);
                let x = reading_in(&back, behind, true, hole.x - behind.x, top);
                assert_eq!(x, "+2", "{what}");
                let y = reading_in(&back, behind, false, hole.y - behind.y, top);
                assert_eq!(y, "+4", "{what}");
                for f in [&front, &back] {
                    crate::design::guide::tests::inside(f, i.printable);
                }
            }
        }
    }
}
