//! Checks of the colours a deck is printed in, for every deck: text that
//! does not stand out from what the design puts it on (read off the
//! designed frames, so that every face is covered), characteristics whose
//! colours look alike (also to colour-blind readers), and colours so light
//! that their backs look blank.

use std::collections::HashMap;

use crate::deck::Deck;
use crate::diag::{Diagnostic, Diagnostics};
use crate::frame::{Color, Frame, Item};
use crate::geom::{pt_to_mm, Point, Rect, Transform};

use super::colour::{contrast, difference, Vision, AA};

/// Large text (WCAG: 18 pt, or 14 pt bold) needs only this contrast.
pub const AA_LARGE: f64 = 3.0;

/// Two characteristics' colours closer than this (CIE ΔE, for some kind of
/// colour vision) are hard to tell apart.
pub const MIN_DIFFERENCE: f64 = 20.0;

/// A colour with less contrast than this against white prints as
/// (nearly) white card.
pub const MIN_AGAINST_WHITE: f64 = 1.5;

/// A line of text that does not stand out enough from its background.
#[derive(Clone, Debug, PartialEq)]
pub struct Faint {
    pub text: String,
    pub fg: Color,
    pub bg: Color,
    pub ratio: f64,
    pub needed: f64,
}

/// Every line of text in `frame` with less contrast against what is
/// painted under it than WCAG AA asks (4.5:1, or 3:1 for large text). The
/// background is the last filled shape painted before the text whose box
/// holds the middle of the text's letters; white paper where there is none.
pub fn faint_text(frame: &Frame) -> Vec<Faint> {
    let mut fills: Vec<(Rect, Color)> = Vec::new();
    let mut out = Vec::new();
    walk(frame, Transform::IDENTITY, None, &mut fills, &mut out);
    out
}

fn walk(
    frame: &Frame,
    t: Transform,
    clip: Option<Rect>,
    fills: &mut Vec<(Rect, Color)>,
    out: &mut Vec<Faint>,
) {
    let clipped = |r: Rect| match clip {
        Some(c) => intersect(&r, &c),
        None => Some(r),
    };
    for item in &frame.items {
        match item {
            Item::Path {
                path,
                fill: Some(color),
                ..
            } => {
                if let Some(r) = path.bounds().map(|b| t.apply_rect(&b)).and_then(clipped) {
                    fills.push((r, *color));
                }
            }
            Item::Path { .. } | Item::Image { .. } | Item::Vector { .. } => {}
            Item::Text(run) => {
                let em = pt_to_mm(run.size);
                let mid = t.apply(Point::new(
                    run.origin.x + run.advance() / 2.0,
                    run.origin.y - 0.35 * em,
                ));
                let bg = fills
                    .iter()
                    .rev()
                    .find(|(r, _)| {
                        r.x <= mid.x && mid.x <= r.right() && r.y <= mid.y && mid.y <= r.bottom()
                    })
                    .map_or(Color::WHITE, |(_, c)| *c);
                let ratio = contrast(run.color, bg);
                let large = run.size >= 18.0 || (run.style.is_bold() && run.size >= 14.0);
                let needed = if large { AA_LARGE } else { AA };
                if ratio < needed - 1e-6 && !run.text.trim().is_empty() {
                    out.push(Faint {
                        text: run.text.to_string(),
                        fg: run.color,
                        bg,
                        ratio,
                        needed,
                    });
                }
            }
            Item::Group {
                transform,
                clip: inner,
                frame,
            } => {
                let t2 = t.after(transform);
                let c2 = match (inner.map(|c| t2.apply_rect(&c)), clip) {
                    (Some(a), Some(b)) => intersect(&a, &b),
                    (Some(a), None) => Some(a),
                    (None, c) => c,
                };
                walk(frame, t2, c2, fills, out);
            }
        }
    }
}

fn intersect(a: &Rect, b: &Rect) -> Option<Rect> {
    let x0 = a.x.max(b.x);
    let y0 = a.y.max(b.y);
    let x1 = a.right().min(b.right());
    let y1 = a.bottom().min(b.bottom());
    (x1 > x0 && y1 > y0).then(|| Rect::new(x0, y0, x1 - x0, y1 - y0))
}

/// Warnings for faint text on the faces of `what` (a card, the poster),
/// one per pair of colours, at the characteristic whose colour is behind
/// or in front of it.
pub fn report_faint(deck: &Deck, frame: &Frame, what: &str, diags: &mut Diagnostics) {
    report_found(deck, &faint_text(frame), what, diags);
}

/// The warnings for the faint texts `faint` found on one face (`what`).
pub fn report_found(deck: &Deck, faint: &[Faint], what: &str, diags: &mut Diagnostics) {
    for f in faint {
        let owner = deck.characteristics.iter().find(|c| {
            let p = super::Palette::of(c.colour);
            [p.fill, p.tint, p.on_fill, p.on_white, p.on_tint].contains(&f.bg)
                || [p.fill, p.on_fill, p.on_white, p.on_tint].contains(&f.fg)
        });
        let mut d = Diagnostic::warning(format!(
            "text in {} on {} has a contrast of {:.2}:1, below the {}:1 that reads well (\"{}\")",
            f.fg.hex(),
            f.bg.hex(),
            f.ratio,
            f.needed,
            f.text.trim()
        ))
        .about(match owner {
            Some(c) => format!("{what}, {}, field colour", c.label()),
            None => what.to_string(),
        })
        .help("choose a darker (or much lighter) colour for the characteristic");
        if let Some(c) = owner {
            d = d.at(c.colour_at);
        }
        diags.push(d.merged_as(format!("contrast {} {}", f.fg.hex(), f.bg.hex()), 0.0));
    }
}

/// Warnings for colours that are hard to tell apart or too light, for
/// any deck.
pub fn check_colours(deck: &Deck, diags: &mut Diagnostics) {
    let chars = &deck.characteristics;
    for c in chars {
        let against_white = contrast(c.colour, Color::WHITE);
        if against_white < MIN_AGAINST_WHITE {
            diags.push(
                Diagnostic::warning(format!(
                    "the colour {} is so light ({:.2}:1 against white) that its cards' backs look like blank card and its panels hardly show",
                    c.colour.hex(),
                    against_white
                ))
                .about(format!("{}, field colour", c.label()))
                .at(c.colour_at)
                .help("choose a stronger colour: designs set white text on dark colours and dark text on light ones, but a colour this light does not mark its cards"),
            );
        }
    }
    // Pairs that look alike: the same colour used twice is one warning,
    // colours merely close another, each listing the pairs (a palette is
    // one choice).
    let mut same: Vec<(usize, usize)> = Vec::new();
    let mut repeated = vec![false; chars.len()];
    let mut close: Vec<(usize, usize, Vision, f64)> = Vec::new();
    // The nearest any vision sees two colours: the same for every pair of
    // characteristics with those colours, so worked out once per pair of
    // colours.
    let mut nearest: HashMap<(Color, Color), (Vision, f64)> = HashMap::new();
    for (i, a) in chars.iter().enumerate() {
        for (j, b) in chars.iter().enumerate().skip(i + 1) {
            if a.colour == b.colour {
                // Each repeat once, against the first that has the colour.
                if !repeated[j] {
                    repeated[j] = true;
                    same.push((i, j));
                }
                continue;
            }
            if close.len() >= MAX_PAIRS {
                continue;
            }
            let (vision, d) = *nearest.entry((a.colour, b.colour)).or_insert_with(|| {
                Vision::ALL
                    .iter()
                    .map(|&v| (v, difference(a.colour, b.colour, v)))
                    .fold((Vision::Normal, f64::INFINITY), |best, x| {
                        if x.1 < best.1 {
                            x
                        } else {
                            best
                        }
                    })
            });
            if d < MIN_DIFFERENCE {
                close.push((i, j, vision, d));
            }
        }
    }
    if let Some(&(i0, j0)) = same.first() {
        let mut d = Diagnostic::warning(if same.len() == 1 {
            format!(
                "{} and {} have the same colour, {}: their cards cannot be told apart by colour",
                chars[i0].label(),
                chars[j0].label(),
                chars[i0].colour.hex()
            )
        } else {
            format!(
                "{} characteristics share their colour with another: their cards cannot be told apart by colour",
                same.len()
            )
        })
        .about(format!("{}, field colour", chars[j0].label()))
        .at(chars[j0].colour_at)
        .help("give every characteristic its own colour");
        if same.len() > 1 {
            for &(i, j) in same.iter().take(MAX_PAIRS) {
                d = d.note(format!(
                    "{} has the colour {} of {} (line {})",
                    chars[j].id,
                    chars[j].colour.hex(),
                    chars[i].id,
                    chars[j].colour_at.line
                ));
            }
            if same.len() > MAX_PAIRS {
                d = d.note(format!("and {} more", same.len() - MAX_PAIRS));
            }
        }
        diags.push(d);
    }
    let Some(&(_, j0, _, _)) = close.first() else {
        return;
    };
    let who = |v: Vision| match v {
        Vision::Normal => "to everyone".to_string(),
        v => format!("to readers with {}", format!("{v:?}").to_lowercase()),
    };
    let mut d = Diagnostic::warning(if close.len() == 1 {
        let (i, j, v, e) = close[0];
        format!(
            "the colours of {} ({}) and {} ({}) look alike {} (ΔE {e:.0}, less than {MIN_DIFFERENCE:.0})",
            chars[i].label(),
            chars[i].colour.hex(),
            chars[j].label(),
            chars[j].colour.hex(),
            who(v)
        )
    } else {
        format!(
            "{}{} pairs of the characteristics' colours look alike to some readers (ΔE less than {MIN_DIFFERENCE:.0}, with normal or colour-blind vision)",
            if close.len() >= MAX_PAIRS { "at least " } else { "" },
            close.len()
        )
    })
    .about(format!("{}, field colour", chars[j0].label()))
    .at(chars[j0].colour_at)
    .help("choose colours further apart in lightness as well as hue, so that every reader can tell the sets apart (each set keeps its icon and number too)");
    if close.len() > 1 {
        for &(i, j, v, e) in &close {
            d = d.note(format!(
                "{} {} and {} {}: ΔE {e:.0} {} (line {})",
                chars[i].id,
                chars[i].colour.hex(),
                chars[j].id,
                chars[j].colour.hex(),
                who(v),
                chars[j].colour_at.line
            ));
        }
    }
    diags.push(d);
}

/// The most pairs of colours a warning lists.
const MAX_PAIRS: usize = 40;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::{bundled, Face};
    use crate::frame::{Glyph, GlyphRun, Synthesis};

    fn run(color: Color, size: f32) -> GlyphRun {
        GlyphRun {
            origin: Point::new(10.0, 10.0),
            line: 0,
            font: bundled(Face::Regular).clone(),
            style: Face::Regular,
            synthesis: Synthesis::default(),
            size,
            color,
            glyphs: [Glyph {
                id: 1,
                x_advance: 0.5,
                x_offset: 0.0,
                y_offset: 0.0,
                text: 0..1,
            }]
            .into_iter()
            .collect(),
            text: "x".into(),
        }
    }

    #[test]
    fn finds_text_on_a_background_too_close_to_it() {
        let mut f = Frame::new(crate::geom::Size::new(50.0, 50.0));
        f.fill_rect(
            Rect::new(0.0, 0.0, 50.0, 50.0),
            Color::rgb(0x1f, 0x80, 0x69),
        );
        f.text(run(Color::rgb(0x20, 0x70, 0x60), 9.0));
        f.text(run(Color::WHITE, 9.0));
        let faint = faint_text(&f);
        assert_eq!(faint.len(), 1, "{faint:?}");
        assert!(faint[0].ratio < 1.5);
        // Grey text on white paper, large: needs only 3:1.
        let mut g = Frame::new(crate::geom::Size::new(50.0, 50.0));
        g.text(run(Color::rgb(0x90, 0x90, 0x90), 20.0));
        assert!(faint_text(&g).is_empty());
        g.text(run(Color::rgb(0x90, 0x90, 0x90), 9.0));
        assert_eq!(faint_text(&g).len(), 1);
    }

    /// Every text the designs put on every face reads at AA, whatever the
    /// characteristic's colour: light, dark, saturated or grey.
    #[test]
    fn designs_pick_readable_colours_for_any_colour() {
        let mut seed: u32 = 12345;
        let mut next = || {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (seed >> 16) as u8
        };
        let mut colours: Vec<Color> = vec![
            Color::WHITE,
            Color::BLACK,
            Color::rgb(0x1f, 0x80, 0x69),
            Color::rgb(0xf0, 0xe4, 0x42),
            Color::rgb(0x77, 0x77, 0x77),
            Color::rgb(0xff, 0x00, 0x00),
        ];
        for _ in 0..24 {
            colours.push(Color::rgb(next(), next(), next()));
        }
        for c in colours {
            let text = format!(
                "title: A deck\ncharacteristics:\n  - id: one\n    name: The first characteristic\n    colour: \"{}\"\n    intro: They **do it** well. And more besides, in every place they work.\n    lead_in: \"Specifically:\"\n    pillars: [Alpha, Beta]\n    behaviours:\n      - title: boundaries\n        text: Working with partners to set clear **boundaries**\n      - title: second\n        text: The **second** one, with *italic* words.\n",
                c.hex()
            );
            let loaded = crate::deck::load_str(
                &text,
                std::path::Path::new("deck.yaml"),
                std::path::Path::new("."),
            );
            let deck = loaded.deck.unwrap();
            let mut ts = crate::text::Typesetter::default();
            let mut diags = Diagnostics::default();
            let faces =
                super::super::card_faces(&deck, &mut ts, super::super::Edge::Bleed, &mut diags);
            let poster = super::super::poster::poster(
                &deck,
                &mut ts,
                super::super::poster::A3,
                super::super::Edge::Inset(10.0),
                &mut diags,
            );
            assert!(!diags.has_errors(), "{diags:?}");
            let mut frames: Vec<&Frame> =
                faces.iter().flat_map(|f| [&*f.front, &*f.back]).collect();
            frames.push(&poster.frame);
            for f in frames {
                let faint = faint_text(f);
                assert!(faint.is_empty(), "{}: {faint:?}", c.hex());
            }
        }
    }
}
