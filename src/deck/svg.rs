//! SVG icons: parsed and normalised by usvg (styles resolved, shapes turned
//! into paths, `use` and nested `svg` expanded), then turned into the
//! display list's vector art. What an icon cannot hold on a printed card
//! (text, pictures, gradients, masks, filters) is refused with a reason, so
//! that nothing silently goes missing.

use std::sync::Arc;

use usvg::tiny_skia_path::PathSegment;

use crate::frame::{Color, Path};
use crate::geom::{Point, Size, Transform};
use crate::vector::{Clip, Fill, FillRule, LineCap, LineJoin, Node, Stroke, Vector};

use crate::files::MAX_SHAPES;

/// Whether the bytes look like an SVG file (XML with an `svg` element, or
/// gzip-compressed SVG).
pub fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_lowercase();
    head.contains("<svg")
}

/// Reads an SVG file's bytes into vector art, or says why it cannot be
/// used.
pub fn parse(bytes: &[u8]) -> Result<Arc<Vector>, String> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| "it is not readable SVG text (SVG files are UTF-8 XML)".to_string())?;
    // Text is checked in the XML: the tree deckpress reads leaves it out.
    let options = usvg::roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = usvg::roxmltree::Document::parse_with_options(text, options)
        .map_err(|e| format!("it is not valid SVG: {e}"))?;
    if let Some(t) = doc
        .descendants()
        .find(|n| n.is_element() && n.tag_name().name() == "text")
    {
        let words: String = t
            .descendants()
            .filter(|n| n.is_text())
            .filter_map(|n| n.text())
            .collect::<Vec<_>>()
            .join(" ");
        let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
        return Err(format!(
            "it contains text (\"{words}\"), which deckpress does not draw inside icons; convert the text to outlines (paths) in your editor"
        ));
    }
    let tree = usvg::Tree::from_str(text, &usvg::Options::default())
        .map_err(|e| format!("it is not a usable SVG: {e}"))?;
    let size = tree.size();
    let mut cx = Cx { shapes: 0 };
    let nodes = cx.group_children(tree.root())?;
    if nodes.is_empty() {
        return Err("it draws nothing (no visible shapes)".into());
    }
    Ok(Arc::new(Vector {
        size: Size::new(size.width(), size.height()),
        nodes,
    }))
}

struct Cx {
    shapes: usize,
}

fn transform(t: usvg::Transform) -> Transform {
    Transform {
        a: t.sx,
        b: t.ky,
        c: t.kx,
        d: t.sy,
        e: t.tx,
        f: t.ty,
    }
}

fn colour(c: usvg::Color) -> Color {
    Color::rgb(c.red, c.green, c.blue)
}

fn fill_rule(r: usvg::FillRule) -> FillRule {
    match r {
        usvg::FillRule::NonZero => FillRule::NonZero,
        usvg::FillRule::EvenOdd => FillRule::EvenOdd,
    }
}

/// A tiny-skia path in our terms (quadratic curves raised to cubics).
fn path(p: &usvg::tiny_skia_path::Path) -> Path {
    let mut out = Path::new();
    let mut last = Point::new(0.0, 0.0);
    let pt = |p: usvg::tiny_skia_path::Point| Point::new(p.x, p.y);
    for seg in p.segments() {
        match seg {
            PathSegment::MoveTo(p) => {
                last = pt(p);
                out.move_to(last.x, last.y);
            }
            PathSegment::LineTo(p) => {
                last = pt(p);
                out.line_to(last.x, last.y);
            }
            PathSegment::QuadTo(c, p) => {
                let (c, p) = (pt(c), pt(p));
                let c1 = Point::new(
                    last.x + 2.0 / 3.0 * (c.x - last.x),
                    last.y + 2.0 / 3.0 * (c.y - last.y),
                );
                let c2 = Point::new(p.x + 2.0 / 3.0 * (c.x - p.x), p.y + 2.0 / 3.0 * (c.y - p.y));
                out.cubic_to(c1, c2, p);
                last = p;
            }
            PathSegment::CubicTo(c1, c2, p) => {
                last = pt(p);
                out.cubic_to(pt(c1), pt(c2), last);
            }
            PathSegment::Close => {
                out.close();
            }
        }
    }
    out
}

/// Why a paint cannot be drawn, or its colour.
fn solid(paint: &usvg::Paint) -> Result<Color, String> {
    match paint {
        usvg::Paint::Color(c) => Ok(colour(*c)),
        usvg::Paint::LinearGradient(_) | usvg::Paint::RadialGradient(_) => Err(
            "it uses a colour gradient, which deckpress does not draw; use a flat-colour version of the icon (most icon sets have one)".into(),
        ),
        usvg::Paint::Pattern(_) => Err(
            "it uses a pattern fill, which deckpress does not draw; use a flat-colour version of the icon".into(),
        ),
    }
}

impl Cx {
    fn group_children(&mut self, g: &usvg::Group) -> Result<Vec<Node>, String> {
        let mut out = Vec::new();
        for child in g.children() {
            match child {
                usvg::Node::Group(g) => {
                    if let Some(n) = self.group(g)? {
                        out.push(n);
                    }
                }
                usvg::Node::Path(p) => {
                    if let Some(n) = self.shape(p)? {
                        out.push(n);
                    }
                }
                usvg::Node::Image(_) => {
                    return Err(
                        "it contains an embedded picture; use an SVG made only of shapes, or the picture itself as a PNG or JPEG file"
                            .into(),
                    )
                }
                usvg::Node::Text(_) => {
                    return Err(
                        "it contains text; convert the text to outlines (paths) in your editor"
                            .into(),
                    )
                }
            }
        }
        Ok(out)
    }

    fn group(&mut self, g: &usvg::Group) -> Result<Option<Node>, String> {
        if g.mask().is_some() {
            return Err("it uses a mask, which deckpress does not draw; flatten the icon in your editor (or export it as PNG)".into());
        }
        if !g.filters().is_empty() {
            return Err("it uses a filter effect (such as a blur or shadow), which deckpress does not draw; use a version of the icon without effects".into());
        }
        let mut clips = Vec::new();
        let mut clip = g.clip_path();
        while let Some(c) = clip {
            // A clip path is drawn in the coordinates of the group it
            // clips, moved by its own transform.
            let base = transform(g.abs_transform()).after(&transform(c.transform()));
            self.clip_shapes(c.root(), base, &mut clips)?;
            clip = c.clip_path();
        }
        let nodes = self.group_children(g)?;
        if nodes.is_empty() {
            return Ok(None);
        }
        let opacity = g.opacity().get();
        if clips.is_empty() && opacity >= 1.0 {
            // A plain group: its transforms are already in its shapes.
            return Ok(Some(Node::Group {
                clips,
                opacity: 1.0,
                nodes,
            }));
        }
        Ok(Some(Node::Group {
            clips,
            opacity,
            nodes,
        }))
    }

    /// The shapes of a clip path, as one clip each (a clip of several
    /// shapes is their union: they are joined into one path).
    fn clip_shapes(
        &mut self,
        root: &usvg::Group,
        base: Transform,
        clips: &mut Vec<Clip>,
    ) -> Result<(), String> {
        let mut joined: Option<Clip> = None;
        let mut stack: Vec<(&usvg::Group, Transform)> = vec![(root, base)];
        while let Some((g, t)) = stack.pop() {
            for child in g.children() {
                match child {
                    usvg::Node::Path(p) => {
                        let shape = Clip {
                            transform: t,
                            path: path(p.data()),
                            rule: p.fill().map_or(FillRule::NonZero, |f| fill_rule(f.rule())),
                        };
                        joined = Some(match joined.take() {
                            None => shape,
                            Some(mut j) => {
                                // Union: both paths in one, in the first's
                                // coordinates.
                                let to_first = j
                                    .transform
                                    .inverse()
                                    .unwrap_or(Transform::IDENTITY)
                                    .after(&shape.transform);
                                for seg in &shape.path.segs {
                                    j.path.segs.push(map_seg(seg, &to_first));
                                }
                                j.rule = FillRule::NonZero;
                                j
                            }
                        });
                        self.shapes += 1;
                    }
                    usvg::Node::Group(inner) => {
                        stack.push((inner, t.after(&transform(inner.transform()))))
                    }
                    _ => {}
                }
            }
        }
        if self.shapes > MAX_SHAPES {
            return Err(too_many());
        }
        clips.extend(joined);
        Ok(())
    }

    fn shape(&mut self, p: &usvg::Path) -> Result<Option<Node>, String> {
        if !p.is_visible() {
            return Ok(None);
        }
        self.shapes += 1;
        if self.shapes > MAX_SHAPES {
            return Err(too_many());
        }
        let fill = match p.fill() {
            Some(f) => Some(Fill {
                color: solid(f.paint())?,
                opacity: f.opacity().get(),
                rule: fill_rule(f.rule()),
            }),
            None => None,
        };
        let stroke = match p.stroke() {
            Some(s) => Some(Stroke {
                color: solid(s.paint())?,
                opacity: s.opacity().get(),
                width: s.width().get(),
                cap: match s.linecap() {
                    usvg::LineCap::Butt => LineCap::Butt,
                    usvg::LineCap::Round => LineCap::Round,
                    usvg::LineCap::Square => LineCap::Square,
                },
                join: match s.linejoin() {
                    usvg::LineJoin::Miter | usvg::LineJoin::MiterClip => LineJoin::Miter,
                    usvg::LineJoin::Round => LineJoin::Round,
                    usvg::LineJoin::Bevel => LineJoin::Bevel,
                },
                miter_limit: s.miterlimit().get(),
                dash: s.dasharray().map(|d| (d.to_vec(), s.dashoffset())),
            }),
            None => None,
        };
        if fill.is_none() && stroke.is_none() {
            return Ok(None);
        }
        let (fill, stroke) = match p.paint_order() {
            usvg::PaintOrder::FillAndStroke => (fill, stroke),
            // Stroke under the fill: drawn as two shapes, the stroke
            // first.
            usvg::PaintOrder::StrokeAndFill => {
                if let (Some(f), Some(s)) = (fill, stroke.clone()) {
                    let t = transform(p.abs_transform());
                    let d = path(p.data());
                    return Ok(Some(Node::Group {
                        clips: Vec::new(),
                        opacity: 1.0,
                        nodes: vec![
                            Node::Shape {
                                transform: t,
                                path: d.clone(),
                                fill: None,
                                stroke: Some(s),
                            },
                            Node::Shape {
                                transform: t,
                                path: d,
                                fill: Some(f),
                                stroke: None,
                            },
                        ],
                    }));
                }
                (fill, stroke)
            }
        };
        Ok(Some(Node::Shape {
            transform: transform(p.abs_transform()),
            path: path(p.data()),
            fill,
            stroke,
        }))
    }
}

fn too_many() -> String {
    format!("it has more than {MAX_SHAPES} shapes: it is a drawing rather than an icon; simplify it, or use a PNG")
}

fn map_seg(seg: &crate::frame::Seg, t: &Transform) -> crate::frame::Seg {
    use crate::frame::Seg;
    match *seg {
        Seg::MoveTo(p) => Seg::MoveTo(t.apply(p)),
        Seg::LineTo(p) => Seg::LineTo(t.apply(p)),
        Seg::CubicTo(a, b, p) => Seg::CubicTo(t.apply(a), t.apply(b), t.apply(p)),
        Seg::Close => Seg::Close,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_shapes_strokes_and_clips() {
        let art = parse(
            br##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24">
              <clipPath id="c"><rect width="12" height="24"/></clipPath>
              <g clip-path="url(#c)"><circle cx="12" cy="12" r="10" fill="#112233"/></g>
              <path d="M4 4 L20 20" stroke="#112233" stroke-width="2" stroke-linecap="round" fill="none"/>
            </svg>"##,
        )
        .unwrap();
        assert_eq!(art.size, Size::new(24.0, 24.0));
        assert!(art.is_monochrome());
        assert_eq!(art.colours(), vec![Color::rgb(0x11, 0x22, 0x33)]);
        let has_clip = art
            .nodes
            .iter()
            .any(|n| matches!(n, Node::Group { clips, .. } if clips.len() == 1));
        assert!(has_clip, "{art:?}");
        let stroke = art.nodes.iter().find_map(|n| match n {
            Node::Shape {
                stroke: Some(s), ..
            } => Some(s.clone()),
            _ => None,
        });
        let s = stroke.unwrap();
        assert_eq!((s.width, s.cap), (2.0, LineCap::Round));
    }

    #[test]
    fn refuses_what_would_go_missing() {
        let text = br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text x="1" y="5">Hi there</text></svg>"#;
        assert!(parse(text).unwrap_err().contains("\"Hi there\""));
        let gradient = br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><linearGradient id="g"><stop offset="0" stop-color="red"/><stop offset="1" stop-color="blue"/></linearGradient><rect width="10" height="10" fill="url(#g)"/></svg>"#;
        assert!(parse(gradient).unwrap_err().contains("gradient"));
        let empty = br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"></svg>"#;
        assert!(parse(empty).unwrap_err().contains("nothing"));
        assert!(parse(b"<svg").unwrap_err().contains("not valid SVG"));
        assert!(looks_like_svg(b"<?xml version=\"1.0\"?>\n<svg xmlns="));
    }

    #[test]
    fn the_bundled_icons_are_single_colour_vectors() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
        for name in [
            "trust",
            "collaboration",
            "innovation",
            "partnering",
            "difference",
        ] {
            let bytes = std::fs::read(dir.join(format!("{name}.svg"))).unwrap();
            let art = parse(&bytes).unwrap();
            assert!(art.is_monochrome(), "{name}");
            assert!(art.shapes() >= 2, "{name}");
        }
    }
}
