//! Geometry in millimetres: points, sizes, rectangles, affine transforms, and
//! the named card and paper sizes users can ask for.
//!
//! Everything in the model, the designs and the imposition is in millimetres
//! with the origin at the top left and y growing downwards. Points (1/72 inch)
//! appear only where type sizes are given (`Pt`) and inside `render/`.

use std::fmt;

/// A length in millimetres.
pub type Mm = f32;
/// A length in typographic points (1/72 inch), used for type sizes.
pub type Pt = f32;

/// Millimetres in one point.
pub const MM_PER_PT: f32 = 25.4 / 72.0;

/// Converts points to millimetres.
pub fn pt_to_mm(pt: Pt) -> Mm {
    pt * MM_PER_PT
}

/// Converts millimetres to points.
pub fn mm_to_pt(mm: Mm) -> Pt {
    mm / MM_PER_PT
}

/// A point, in millimetres from the top left.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Point {
    pub x: Mm,
    pub y: Mm,
}

impl Point {
    pub const fn new(x: Mm, y: Mm) -> Self {
        Point { x, y }
    }
}

/// A width and a height, in millimetres.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Size {
    pub w: Mm,
    pub h: Mm,
}

impl Size {
    pub const fn new(w: Mm, h: Mm) -> Self {
        Size { w, h }
    }

    /// The same size turned by a quarter: width and height swapped.
    pub fn turned(self) -> Self {
        Size::new(self.h, self.w)
    }

    pub fn is_landscape(self) -> bool {
        self.w > self.h
    }
}

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} × {} mm", fmt_mm(self.w), fmt_mm(self.h))
    }
}

/// Formats a length in mm without needless decimals: `63`, `63.5`, `88.9`.
pub fn fmt_mm(v: Mm) -> String {
    let r = (v * 100.0).round() / 100.0;
    let s = format!("{r:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// An axis-aligned rectangle: top-left corner and size, in millimetres.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Rect {
    pub x: Mm,
    pub y: Mm,
    pub w: Mm,
    pub h: Mm,
}

impl Rect {
    pub const fn new(x: Mm, y: Mm, w: Mm, h: Mm) -> Self {
        Rect { x, y, w, h }
    }

    pub fn from_size(size: Size) -> Self {
        Rect::new(0.0, 0.0, size.w, size.h)
    }

    pub fn at(origin: Point, size: Size) -> Self {
        Rect::new(origin.x, origin.y, size.w, size.h)
    }

    pub fn right(&self) -> Mm {
        self.x + self.w
    }

    pub fn bottom(&self) -> Mm {
        self.y + self.h
    }

    pub fn size(&self) -> Size {
        Size::new(self.w, self.h)
    }

    pub fn origin(&self) -> Point {
        Point::new(self.x, self.y)
    }

    pub fn center(&self) -> Point {
        Point::new(self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    /// The rectangle grown by `d` on every side (shrunk for negative `d`).
    pub fn inflate(&self, d: Mm) -> Rect {
        Rect::new(self.x - d, self.y - d, self.w + 2.0 * d, self.h + 2.0 * d)
    }

    /// The rectangle shrunk by the given insets.
    pub fn inset(&self, left: Mm, top: Mm, right: Mm, bottom: Mm) -> Rect {
        Rect::new(
            self.x + left,
            self.y + top,
            self.w - left - right,
            self.h - top - bottom,
        )
    }

    pub fn translate(&self, dx: Mm, dy: Mm) -> Rect {
        Rect::new(self.x + dx, self.y + dy, self.w, self.h)
    }

    /// Whether `other` lies inside this rectangle, allowing `eps` of slack.
    pub fn contains_rect(&self, other: &Rect, eps: Mm) -> bool {
        other.x >= self.x - eps
            && other.y >= self.y - eps
            && other.right() <= self.right() + eps
            && other.bottom() <= self.bottom() + eps
    }

    /// Whether the two rectangles share any area (touching edges do not count).
    pub fn overlaps(&self, other: &Rect, eps: Mm) -> bool {
        self.x < other.right() - eps
            && other.x < self.right() - eps
            && self.y < other.bottom() - eps
            && other.y < self.bottom() - eps
    }
}

/// An affine transform `[a b c d e f]` mapping (x, y) to
/// (a·x + c·y + e, b·x + d·y + f), in millimetres.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Transform {
    pub a: f32,
    pub b: f32,
    pub c: f32,
    pub d: f32,
    pub e: Mm,
    pub f: Mm,
}

impl Default for Transform {
    fn default() -> Self {
        Transform::IDENTITY
    }
}

impl Transform {
    pub const IDENTITY: Transform = Transform {
        a: 1.0,
        b: 0.0,
        c: 0.0,
        d: 1.0,
        e: 0.0,
        f: 0.0,
    };

    pub fn translate(dx: Mm, dy: Mm) -> Self {
        Transform {
            e: dx,
            f: dy,
            ..Transform::IDENTITY
        }
    }

    pub fn scale(s: f32) -> Self {
        Transform {
            a: s,
            d: s,
            ..Transform::IDENTITY
        }
    }

    /// A rotation by a quarter turn clockwise (on a page whose y grows
    /// downwards), `quarters` times.
    pub fn rotate_quarters(quarters: i32) -> Self {
        match quarters.rem_euclid(4) {
            0 => Transform::IDENTITY,
            1 => Transform {
                a: 0.0,
                b: 1.0,
                c: -1.0,
                d: 0.0,
                e: 0.0,
                f: 0.0,
            },
            2 => Transform {
                a: -1.0,
                b: 0.0,
                c: 0.0,
                d: -1.0,
                e: 0.0,
                f: 0.0,
            },
            _ => Transform {
                a: 0.0,
                b: -1.0,
                c: 1.0,
                d: 0.0,
                e: 0.0,
                f: 0.0,
            },
        }
    }

    /// `self` applied after `first`: the transform that first maps by
    /// `first`, then by `self`.
    pub fn after(&self, first: &Transform) -> Transform {
        Transform {
            a: self.a * first.a + self.c * first.b,
            b: self.b * first.a + self.d * first.b,
            c: self.a * first.c + self.c * first.d,
            d: self.b * first.c + self.d * first.d,
            e: self.a * first.e + self.c * first.f + self.e,
            f: self.b * first.e + self.d * first.f + self.f,
        }
    }

    /// The transform that undoes this one, if it has one.
    pub fn inverse(&self) -> Option<Transform> {
        let det = self.a * self.d - self.b * self.c;
        if det.abs() < 1e-9 {
            return None;
        }
        let (a, b, c, d) = (self.d / det, -self.b / det, -self.c / det, self.a / det);
        Some(Transform {
            a,
            b,
            c,
            d,
            e: -(a * self.e + c * self.f),
            f: -(b * self.e + d * self.f),
        })
    }

    pub fn apply(&self, p: Point) -> Point {
        Point::new(
            self.a * p.x + self.c * p.y + self.e,
            self.b * p.x + self.d * p.y + self.f,
        )
    }

    /// The bounding box of `r` after this transform.
    pub fn apply_rect(&self, r: &Rect) -> Rect {
        let corners = [
            self.apply(Point::new(r.x, r.y)),
            self.apply(Point::new(r.right(), r.y)),
            self.apply(Point::new(r.x, r.bottom())),
            self.apply(Point::new(r.right(), r.bottom())),
        ];
        let min_x = corners.iter().map(|p| p.x).fold(f32::INFINITY, f32::min);
        let min_y = corners.iter().map(|p| p.y).fold(f32::INFINITY, f32::min);
        let max_x = corners
            .iter()
            .map(|p| p.x)
            .fold(f32::NEG_INFINITY, f32::max);
        let max_y = corners
            .iter()
            .map(|p| p.y)
            .fold(f32::NEG_INFINITY, f32::max);
        Rect::new(min_x, min_y, max_x - min_x, max_y - min_y)
    }
}

/// A named size or `WxH` in millimetres, as users write it.
#[derive(Clone, Debug, PartialEq)]
pub struct NamedSize {
    /// The preset's name, or `None` for a custom `WxH`.
    pub name: Option<&'static str>,
    pub size: Size,
}

impl fmt::Display for NamedSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name {
            Some(n) => write!(f, "{n} ({})", self.size),
            None => write!(f, "{}", self.size),
        }
    }
}

/// The card sizes users can name, portrait, in mm.
pub const CARD_PRESETS: &[(&str, Size, &str)] = &[
    ("poker", Size::new(63.0, 88.0), "UK/EU poker, the default"),
    ("poker-us", Size::new(63.5, 88.9), "US poker, 2.5 × 3.5 in"),
    ("bridge", Size::new(57.0, 89.0), "bridge"),
    ("tarot", Size::new(70.0, 120.0), "tarot"),
    ("mini", Size::new(44.0, 68.0), "mini"),
    ("a7", Size::new(74.0, 105.0), "ISO A7"),
    ("a6", Size::new(105.0, 148.0), "ISO A6"),
    ("square", Size::new(70.0, 70.0), "square"),
];

/// The smallest and largest side of a card, in mm: smaller than a mini card
/// holds no text at a readable size; larger is a poster, not a card.
pub const CARD_SIDES: (Mm, Mm) = (40.0, 300.0);

/// Parses a card size (a preset or `WxH`), refusing sizes no card has.
pub fn parse_card_size(text: &str) -> Result<NamedSize, String> {
    let size = parse_size(text, CARD_PRESETS)?;
    let (lo, hi) = CARD_SIDES;
    let ok = |v: Mm| (lo..=hi).contains(&v);
    if ok(size.size.w) && ok(size.size.h) {
        Ok(size)
    } else {
        Err(format!(
            "a card of {} is not one deckpress can lay out: each side must be {} to {} mm",
            size.size,
            fmt_mm(lo),
            fmt_mm(hi)
        ))
    }
}

/// The paper sizes users can name, portrait, in mm.
pub const PAPER_PRESETS: &[(&str, Size, &str)] = &[
    ("a4", Size::new(210.0, 297.0), "ISO A4"),
    ("letter", Size::new(215.9, 279.4), "US Letter, 8.5 × 11 in"),
    ("a3", Size::new(297.0, 420.0), "ISO A3"),
    ("a5", Size::new(148.0, 210.0), "ISO A5"),
    ("legal", Size::new(215.9, 355.6), "US Legal, 8.5 × 14 in"),
    ("tabloid", Size::new(279.4, 431.8), "US Tabloid, 11 × 17 in"),
];

/// Parses a preset name from `presets` or a custom `WxH` size in mm (for
/// example `63x88` or `63.5 x 88.9`). The error says what is accepted.
pub fn parse_size(text: &str, presets: &[(&'static str, Size, &str)]) -> Result<NamedSize, String> {
    let t = text.trim().to_ascii_lowercase();
    if let Some((name, size, _)) = presets.iter().find(|(n, _, _)| *n == t) {
        return Ok(NamedSize {
            name: Some(name),
            size: *size,
        });
    }
    let names: Vec<&str> = presets.iter().map(|(n, _, _)| *n).collect();
    let expected = format!(
        "a size name ({}) or width x height in mm, such as 63x88",
        names.join(", ")
    );
    let parts: Vec<&str> = t.split(['x', '×']).map(str::trim).collect();
    if parts.len() != 2 {
        return Err(format!("`{text}` is not a size: expected {expected}"));
    }
    let num = |s: &str| -> Option<f32> {
        let s = s.strip_suffix("mm").unwrap_or(s).trim();
        s.parse::<f32>().ok().filter(|v| v.is_finite())
    };
    match (num(parts[0]), num(parts[1])) {
        (Some(w), Some(h)) if (10.0..=2000.0).contains(&w) && (10.0..=2000.0).contains(&h) => {
            Ok(NamedSize {
                name: None,
                size: Size::new(w, h),
            })
        }
        (Some(_), Some(_)) => Err(format!(
            "`{text}` is out of range: width and height must each be between 10 and 2000 mm"
        )),
        _ => Err(format!("`{text}` is not a size: expected {expected}")),
    }
}

/// The poster sizes users can name, portrait, in mm.
pub const POSTER_PRESETS: &[(&str, Size, &str)] = &[
    ("a4", Size::new(210.0, 297.0), "ISO A4"),
    ("a3", Size::new(297.0, 420.0), "ISO A3, the default"),
    ("a2", Size::new(420.0, 594.0), "ISO A2"),
    ("a1", Size::new(594.0, 841.0), "ISO A1"),
    ("a0", Size::new(841.0, 1189.0), "ISO A0"),
    ("tabloid", Size::new(279.4, 431.8), "US tabloid, 11 × 17 in"),
];

/// Which way up a page is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Orientation {
    #[default]
    Portrait,
    Landscape,
}

impl Orientation {
    pub fn name(self) -> &'static str {
        match self {
            Orientation::Portrait => "portrait",
            Orientation::Landscape => "landscape",
        }
    }

    pub fn parse(text: &str) -> Result<Orientation, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "portrait" | "tall" => Ok(Orientation::Portrait),
            "landscape" | "wide" => Ok(Orientation::Landscape),
            _ => Err(format!(
                "`{text}` is not an orientation: use portrait or landscape"
            )),
        }
    }

    /// `size` turned this way up.
    pub fn apply(self, size: Size) -> Size {
        match self {
            Orientation::Portrait if size.w > size.h => size.turned(),
            Orientation::Landscape if size.h > size.w => size.turned(),
            _ => size,
        }
    }

    pub fn of(size: Size) -> Orientation {
        if size.w > size.h {
            Orientation::Landscape
        } else {
            Orientation::Portrait
        }
    }
}

/// The papers a poster can be tiled on: the office papers smaller than A3.
pub const TILE_PAPERS: &[&str] = &["a4", "letter"];

/// Parses the paper to tile a poster on: `a4` or `letter`.
pub fn parse_tile_paper(text: &str) -> Result<NamedSize, String> {
    match parse_size(text, PAPER_PRESETS) {
        Ok(size) if size.name.is_some_and(|n| TILE_PAPERS.contains(&n)) => Ok(size),
        _ => Err(format!(
            "`{text}` is not a paper to tile the poster on: use {}",
            TILE_PAPERS.join(" or ")
        )),
    }
}

/// How cards are cut apart on an imposed sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Cut {
    /// Every card keeps its own bleed, with a gutter of twice the bleed
    /// between neighbours: two cuts between cards, colour to the edge.
    #[default]
    Gutter,
    /// Trims touch and each cut is shared by two cards: more cards per
    /// sheet, fewer cuts; the designs keep colour off the trim.
    Butted,
}

impl Cut {
    pub const ALL: [Cut; 2] = [Cut::Gutter, Cut::Butted];

    /// The name users write.
    pub fn name(self) -> &'static str {
        match self {
            Cut::Gutter => "gutter",
            Cut::Butted => "butted",
        }
    }

    pub fn parse(text: &str) -> Result<Cut, String> {
        parse_name(text, &Cut::ALL, Cut::name, "cut mode")
    }
}

/// How the backs of the cards are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Duplex {
    /// Two-sided, the printer turning the sheet over on its long edge.
    #[default]
    Long,
    /// Two-sided, the printer turning the sheet over on its short edge.
    Short,
    /// One-sided: all fronts, then all backs on separate sheets, to be fed
    /// through the printer a second time (by hand, turned over on the long
    /// edge, as `Long`).
    Separate,
    /// One-sided: each card's front and back side by side on one side of
    /// the sheet, folded along a marked line and glued.
    Fold,
}

impl Duplex {
    pub const ALL: [Duplex; 4] = [Duplex::Long, Duplex::Short, Duplex::Separate, Duplex::Fold];

    /// The name users write.
    pub fn name(self) -> &'static str {
        match self {
            Duplex::Long => "long",
            Duplex::Short => "short",
            Duplex::Separate => "none",
            Duplex::Fold => "fold",
        }
    }

    pub fn parse(text: &str) -> Result<Duplex, String> {
        parse_name(text, &Duplex::ALL, Duplex::name, "duplex setting")
    }

    /// Whether fronts and backs are printed on the two sides of one sheet
    /// (by the printer or by feeding the sheets through twice).
    pub fn two_sided(self) -> bool {
        !matches!(self, Duplex::Fold)
    }
}

fn parse_name<T: Copy>(
    text: &str,
    all: &[T],
    name: fn(T) -> &'static str,
    what: &str,
) -> Result<T, String> {
    let t = text.trim().to_ascii_lowercase();
    all.iter().copied().find(|v| name(*v) == t).ok_or_else(|| {
        let names: Vec<&str> = all.iter().map(|v| name(*v)).collect();
        format!(
            "`{text}` is not a {what}: expected one of {}",
            names.join(", ")
        )
    })
}

/// The largest unprintable margin accepted, in mm.
pub const MAX_MARGIN: Mm = 30.0;

/// The largest back offset accepted, in mm on either axis. Office printers
/// are 1–3 mm off; more means the measurement was misread.
pub const MAX_BACK_OFFSET: Mm = 10.0;

/// Parses a back offset `X,Y` in mm (`1.5,-0.5`; spaces and a trailing
/// `mm` allowed), each within `MAX_BACK_OFFSET`.
pub fn parse_offset(text: &str) -> Result<Point, String> {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let num = |s: &str| -> Option<f32> {
        let s = s.strip_suffix("mm").unwrap_or(s).trim();
        // A typographic minus, as word processors write it.
        s.replace('\u{2212}', "-")
            .parse::<f32>()
            .ok()
            .filter(|v| v.is_finite())
    };
    let (x, y) = match parts.as_slice() {
        [x, y] => match (num(x), num(y)) {
            (Some(x), Some(y)) => (x, y),
            _ => {
                return Err(format!(
                    "`{text}` is not an offset: expected X,Y in mm, such as 1.5,-0.5"
                ))
            }
        },
        _ => {
            return Err(format!(
                "`{text}` is not an offset: expected two numbers X,Y in mm separated by a comma, such as 1.5,-0.5"
            ))
        }
    };
    check_offset(x, y)?;
    Ok(Point::new(x, y))
}

/// Checks that a back offset is within `MAX_BACK_OFFSET` on both axes.
pub fn check_offset(x: Mm, y: Mm) -> Result<(), String> {
    if x.abs() > MAX_BACK_OFFSET || y.abs() > MAX_BACK_OFFSET {
        return Err(format!(
            "a back offset of {},{} mm is too large: office printers are usually 1 to 3 mm off, and deckpress accepts up to {} mm; print the calibration sheet (deckpress calibrate) and read the offset again",
            fmt_mm(x),
            fmt_mm(y),
            fmt_mm(MAX_BACK_OFFSET)
        ));
    }
    Ok(())
}

/// A reflection of a page across a line parallel to one of its sides: how
/// a point on one side of a sheet corresponds to the point behind it on the
/// other side (each side seen from the front of its own page), or how a
/// fold brings one half of a sheet onto the other.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Mirror {
    /// Across the vertical line x = the value: x ↦ 2·value − x.
    AcrossVertical(Mm),
    /// Across the horizontal line y = the value: y ↦ 2·value − y.
    AcrossHorizontal(Mm),
}

impl Mirror {
    pub fn transform(&self) -> Transform {
        match *self {
            Mirror::AcrossVertical(at) => Transform {
                a: -1.0,
                e: 2.0 * at,
                ..Transform::IDENTITY
            },
            Mirror::AcrossHorizontal(at) => Transform {
                d: -1.0,
                f: 2.0 * at,
                ..Transform::IDENTITY
            },
        }
    }

    pub fn apply(&self, p: Point) -> Point {
        self.transform().apply(p)
    }

    pub fn apply_rect(&self, r: &Rect) -> Rect {
        self.transform().apply_rect(r)
    }

    /// A displacement seen through the mirror (its linear part only).
    pub fn shift(&self, d: Point) -> Point {
        match self {
            Mirror::AcrossVertical(_) => Point::new(-d.x, d.y),
            Mirror::AcrossHorizontal(_) => Point::new(d.x, -d.y),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_presets_and_custom_sizes() {
        let p = parse_size("Poker", CARD_PRESETS).unwrap();
        assert_eq!(p.name, Some("poker"));
        assert_eq!(p.size, Size::new(63.0, 88.0));
        let c = parse_size("63.5x88.9", CARD_PRESETS).unwrap();
        assert_eq!(c.name, None);
        assert_eq!(c.size, Size::new(63.5, 88.9));
        assert_eq!(
            parse_size(" 70 × 70 mm", CARD_PRESETS).unwrap().size,
            Size::new(70.0, 70.0)
        );
        let e = parse_size("huge", CARD_PRESETS).unwrap_err();
        assert!(e.contains("poker, poker-us"), "{e}");
        assert!(parse_size("5x88", CARD_PRESETS)
            .unwrap_err()
            .contains("between 10 and 2000"));
        assert!(parse_size("axb", PAPER_PRESETS).is_err());
    }

    #[test]
    fn transforms_compose_in_order() {
        let t = Transform::translate(10.0, 5.0).after(&Transform::rotate_quarters(1));
        // A quarter turn clockwise maps (1, 0) to (0, 1), then the shift.
        let p = t.apply(Point::new(1.0, 0.0));
        assert!(
            (p.x - 10.0).abs() < 1e-6 && (p.y - 6.0).abs() < 1e-6,
            "{p:?}"
        );
        let r = Transform::rotate_quarters(1).apply_rect(&Rect::new(0.0, 0.0, 63.0, 88.0));
        assert_eq!(r.size(), Size::new(88.0, 63.0));
        let back = t.inverse().unwrap().apply(p);
        assert!(
            (back.x - 1.0).abs() < 1e-5 && back.y.abs() < 1e-5,
            "{back:?}"
        );
        assert!(Transform::scale(0.0).inverse().is_none());
    }

    #[test]
    fn rect_relations() {
        let a = Rect::new(0.0, 0.0, 10.0, 10.0);
        assert!(a.contains_rect(&Rect::new(1.0, 1.0, 9.0, 9.0), 0.0));
        assert!(!a.contains_rect(&Rect::new(1.0, 1.0, 10.0, 9.0), 0.0));
        assert!(!a.overlaps(&Rect::new(10.0, 0.0, 5.0, 5.0), 0.0));
        assert!(a.overlaps(&Rect::new(9.0, 9.0, 5.0, 5.0), 0.0));
        assert_eq!(fmt_mm(63.0), "63");
        assert_eq!(fmt_mm(88.9), "88.9");
    }

    #[test]
    fn parses_modes_and_offsets() {
        assert_eq!(Cut::parse(" Butted").unwrap(), Cut::Butted);
        assert!(Cut::parse("gutters")
            .unwrap_err()
            .contains("gutter, butted"));
        assert_eq!(Duplex::parse("none").unwrap(), Duplex::Separate);
        assert_eq!(Duplex::parse("FOLD").unwrap(), Duplex::Fold);
        assert!(Duplex::parse("both")
            .unwrap_err()
            .contains("long, short, none, fold"));
        assert_eq!(parse_offset("1.5,-0.5").unwrap(), Point::new(1.5, -0.5));
        assert_eq!(
            parse_offset(" 2 mm , \u{2212}1 ").unwrap(),
            Point::new(2.0, -1.0)
        );
        assert!(parse_offset("1.5").unwrap_err().contains("X,Y"));
        assert!(parse_offset("a,b").is_err());
        assert!(parse_offset("12,0").unwrap_err().contains("too large"));
        assert!(parse_offset("0,-10.5").is_err());
    }

    #[test]
    fn mirrors_are_involutions_with_the_right_axis() {
        let m = Mirror::AcrossVertical(100.0);
        assert_eq!(m.apply(Point::new(10.0, 20.0)), Point::new(190.0, 20.0));
        let r = Rect::new(10.0, 20.0, 63.0, 88.0);
        let back = m.apply_rect(&r);
        assert_eq!(back, Rect::new(127.0, 20.0, 63.0, 88.0));
        assert_eq!(m.apply_rect(&back), r);
        let h = Mirror::AcrossHorizontal(50.0);
        assert_eq!(h.apply(Point::new(10.0, 20.0)), Point::new(10.0, 80.0));
        assert_eq!(h.shift(Point::new(1.0, 2.0)), Point::new(1.0, -2.0));
        assert_eq!(m.shift(Point::new(1.0, 2.0)), Point::new(-1.0, 2.0));
    }
}
