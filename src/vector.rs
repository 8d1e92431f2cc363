//! Vector art in the display list: an icon drawn from its outlines (an SVG
//! file, normalised when the deck is read), as shapes with solid paint,
//! transforms, clips and group opacity. Renderers draw it as vectors; it
//! has no pixels and no resolution.

use crate::frame::{Color, Path};
use crate::geom::{Rect, Size, Transform};

/// How a path's inside is decided where it crosses itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum FillRule {
    #[default]
    NonZero,
    EvenOdd,
}

/// A solid fill.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fill {
    pub color: Color,
    /// 0 (transparent) to 1 (opaque).
    pub opacity: f32,
    pub rule: FillRule,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum LineCap {
    #[default]
    Butt,
    Round,
    Square,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum LineJoin {
    #[default]
    Miter,
    Round,
    Bevel,
}

/// A solid stroke, in the shape's own units.
#[derive(Clone, Debug, PartialEq)]
pub struct Stroke {
    pub color: Color,
    pub opacity: f32,
    pub width: f32,
    pub cap: LineCap,
    pub join: LineJoin,
    pub miter_limit: f32,
    /// Dash lengths and the offset into them; `None` for a solid line.
    pub dash: Option<(Vec<f32>, f32)>,
}

/// A region that clips what is drawn: a path in its own coordinates,
/// placed by `transform` (relative to the art's coordinates).
#[derive(Clone, Debug, PartialEq)]
pub struct Clip {
    pub transform: Transform,
    pub path: Path,
    pub rule: FillRule,
}

/// One node of the art.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// A path, filled and/or stroked, drawn with `transform` (relative to
    /// the art's coordinates). Fill is painted before stroke.
    Shape {
        transform: Transform,
        path: Path,
        fill: Option<Fill>,
        stroke: Option<Stroke>,
    },
    /// Nodes drawn together: clipped by every clip (all apply), at an
    /// opacity.
    Group {
        clips: Vec<Clip>,
        opacity: f32,
        nodes: Vec<Node>,
    },
}

/// A piece of vector art: its size in its own units and what is drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Vector {
    pub size: Size,
    pub nodes: Vec<Node>,
}

impl Vector {
    /// The least opacity anything in the art is drawn at (1 when all of
    /// it is opaque; groups' opacities multiply).
    pub fn least_opacity(&self) -> f32 {
        fn walk(nodes: &[Node], outer: f32) -> f32 {
            let mut least: f32 = 1.0;
            for node in nodes {
                let here = match node {
                    Node::Shape { fill, stroke, .. } => {
                        let f = fill.map_or(1.0, |f| f.opacity);
                        let s = stroke.as_ref().map_or(1.0, |s| s.opacity);
                        outer * f.min(s)
                    }
                    Node::Group { opacity, nodes, .. } => walk(nodes, outer * opacity),
                };
                least = least.min(here);
            }
            least
        }
        walk(&self.nodes, 1.0)
    }

    /// The distinct colours the art paints with, in order of first use.
    pub fn colours(&self) -> Vec<Color> {
        fn walk(nodes: &[Node], out: &mut Vec<Color>) {
            for n in nodes {
                match n {
                    Node::Shape { fill, stroke, .. } => {
                        let colours = fill
                            .iter()
                            .map(|f| f.color)
                            .chain(stroke.iter().map(|s| s.color));
                        for c in colours {
                            if !out.contains(&c) {
                                out.push(c);
                            }
                        }
                    }
                    Node::Group { nodes, .. } => walk(nodes, out),
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.nodes, &mut out);
        out
    }

    /// Whether the art is drawn in one colour (as icon sets ship their
    /// icons), so that a design may draw it in a colour of its choosing.
    pub fn is_monochrome(&self) -> bool {
        self.colours().len() <= 1
    }

    /// The art with every colour replaced by `color` (opacities kept).
    pub fn tinted(&self, color: Color) -> Vector {
        fn walk(nodes: &[Node], color: Color) -> Vec<Node> {
            nodes
                .iter()
                .map(|n| match n {
                    Node::Shape {
                        transform,
                        path,
                        fill,
                        stroke,
                    } => Node::Shape {
                        transform: *transform,
                        path: path.clone(),
                        fill: fill.map(|f| Fill { color, ..f }),
                        stroke: stroke.as_ref().map(|s| Stroke { color, ..s.clone() }),
                    },
                    Node::Group {
                        clips,
                        opacity,
                        nodes,
                    } => Node::Group {
                        clips: clips.clone(),
                        opacity: *opacity,
                        nodes: walk(nodes, color),
                    },
                })
                .collect()
        }
        Vector {
            size: self.size,
            nodes: walk(&self.nodes, color),
        }
    }

    /// The number of shapes, for limits on what a file may hold.
    pub fn shapes(&self) -> usize {
        fn walk(nodes: &[Node]) -> usize {
            nodes
                .iter()
                .map(|n| match n {
                    Node::Shape { .. } => 1,
                    Node::Group { nodes, clips, .. } => clips.len() + walk(nodes),
                })
                .sum()
        }
        walk(&self.nodes)
    }

    /// The transform that draws the art stretched over `rect`.
    pub fn placement(&self, rect: Rect) -> Transform {
        let sx = rect.w / self.size.w.max(1e-6);
        let sy = rect.h / self.size.h.max(1e-6);
        Transform {
            a: sx,
            d: sy,
            e: rect.x,
            f: rect.y,
            ..Transform::IDENTITY
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(color: Color) -> Node {
        Node::Shape {
            transform: Transform::IDENTITY,
            path: Path::rounded_rect(Rect::new(0.0, 0.0, 1.0, 1.0), 0.0),
            fill: Some(Fill {
                color,
                opacity: 0.5,
                rule: FillRule::EvenOdd,
            }),
            stroke: None,
        }
    }

    #[test]
    fn colours_and_tints() {
        let art = Vector {
            size: Size::new(10.0, 10.0),
            nodes: vec![
                shape(Color::BLACK),
                Node::Group {
                    clips: vec![],
                    opacity: 1.0,
                    nodes: vec![shape(Color::BLACK)],
                },
            ],
        };
        assert!(art.is_monochrome());
        assert_eq!(art.shapes(), 2);
        let white = art.tinted(Color::WHITE);
        assert_eq!(white.colours(), vec![Color::WHITE]);
        let Node::Shape { fill: Some(f), .. } = &white.nodes[0] else {
            panic!()
        };
        assert_eq!((f.opacity, f.rule), (0.5, FillRule::EvenOdd));
        let two = Vector {
            nodes: vec![shape(Color::BLACK), shape(Color::WHITE)],
            ..art
        };
        assert!(!two.is_monochrome());
        let t = two.placement(Rect::new(5.0, 6.0, 20.0, 10.0));
        assert_eq!((t.a, t.d, t.e, t.f), (2.0, 1.0, 5.0, 6.0));
    }
}
