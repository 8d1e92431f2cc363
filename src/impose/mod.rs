//! Imposition: placing face frames on pages. A page is a size, its print
//! boxes and one frame; renderers draw pages without knowing what is on
//! them.

pub mod sheets;
pub mod tiles;

use std::sync::Arc;

use crate::frame::Frame;
use crate::geom::{Mm, Point, Rect, Size, Transform};

/// The two faces of one card, as imposition needs them: the code that
/// names it in page labels, and its front and back.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sides<'a> {
    pub code: &'a str,
    pub front: &'a Arc<Frame>,
    pub back: &'a Arc<Frame>,
}

/// One page of an output document.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    /// The page (MediaBox), in mm.
    pub size: Size,
    /// Where the finished piece is cut (TrimBox), if the page is cut.
    pub trim: Option<Rect>,
    /// How far colour runs past the cut (BleedBox), if the page is cut.
    pub bleed: Option<Rect>,
    /// What is drawn, in page coordinates.
    pub frame: Frame,
    /// A name for the page in reports and the PDF's page labels.
    pub label: String,
}

/// Draws a face on `target` with its trim's top left at `at`, clipped to
/// `bleed` mm around the trim.
pub fn place_face(target: &mut Frame, face: &Arc<Frame>, at: Point, bleed: Mm) {
    place_face_with(target, face, Transform::translate(at.x, at.y), bleed);
}

/// Draws a face on `target` moved by `transform` (which may turn or mirror
/// it), clipped to `bleed` mm around its trim.
pub fn place_face_with(target: &mut Frame, face: &Arc<Frame>, transform: Transform, bleed: Mm) {
    let clip = Rect::from_size(face.size).inflate(bleed);
    target.group(face.clone(), transform, Some(clip));
}

/// The print-shop deck: one face per page, page = trim + bleed on every
/// side, fronts and backs interleaved (front 1, back 1, front 2, ...).
pub fn card_pages(cards: &[Sides], trim: Size, bleed: Mm) -> Vec<Page> {
    let page_size = Size::new(trim.w + 2.0 * bleed, trim.h + 2.0 * bleed);
    let trim_box = Rect::new(bleed, bleed, trim.w, trim.h);
    let mut pages = Vec::with_capacity(cards.len() * 2);
    for card in cards {
        for (face, side) in [(card.front, "front"), (card.back, "back")] {
            let mut frame = Frame::new(page_size);
            place_face(&mut frame, face, Point::new(bleed, bleed), bleed);
            pages.push(Page {
                size: page_size,
                trim: Some(trim_box),
                bleed: Some(Rect::from_size(page_size)),
                frame: frame.compact(),
                label: format!("{} {side}", card.code),
            });
        }
    }
    pages
}

/// The poster on one page: the page is the poster's size, or with `bleed`
/// the trim plus the bleed on every side, with TrimBox and BleedBox.
pub fn poster_page(poster: &Frame, bleed: Mm) -> Page {
    let trim = poster.size;
    if bleed <= 0.0 {
        let mut frame = Frame::new(trim);
        place_face(
            &mut frame,
            &Arc::new(poster.clone()),
            Point::new(0.0, 0.0),
            0.0,
        );
        return Page {
            size: trim,
            trim: None,
            bleed: None,
            frame,
            label: "poster".into(),
        };
    }
    let size = Size::new(trim.w + 2.0 * bleed, trim.h + 2.0 * bleed);
    let mut frame = Frame::new(size);
    place_face(
        &mut frame,
        &Arc::new(poster.clone()),
        Point::new(bleed, bleed),
        bleed,
    );
    Page {
        size,
        trim: Some(Rect::new(bleed, bleed, trim.w, trim.h)),
        bleed: Some(Rect::from_size(size)),
        frame,
        label: "poster".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::Color;

    fn face() -> Arc<Frame> {
        let mut front = Frame::new(Size::new(63.0, 88.0));
        front.fill_rect(Rect::new(-10.0, -10.0, 83.0, 108.0), Color::BLACK);
        Arc::new(front)
    }

    fn card<'a>(code: &'a str, face: &'a Arc<Frame>) -> Sides<'a> {
        Sides {
            code,
            front: face,
            back: face,
        }
    }

    #[test]
    fn the_poster_page_has_boxes_only_with_bleed() {
        let poster = Frame::new(Size::new(297.0, 420.0));
        let office = poster_page(&poster, 0.0);
        assert_eq!(office.size, Size::new(297.0, 420.0));
        assert_eq!((office.trim, office.bleed), (None, None));
        let shop = poster_page(&poster, 3.0);
        assert_eq!(shop.size, Size::new(303.0, 426.0));
        assert_eq!(shop.trim, Some(Rect::new(3.0, 3.0, 297.0, 420.0)));
        assert_eq!(shop.bleed, Some(Rect::new(0.0, 0.0, 303.0, 426.0)));
    }

    #[test]
    fn one_face_per_page_with_boxes() {
        let f = face();
        let pages = card_pages(
            &[card("1", &f), card("1.1", &f)],
            Size::new(63.0, 88.0),
            3.0,
        );
        assert_eq!(pages.len(), 4);
        assert_eq!(pages[1].label, "1 back");
        assert_eq!(pages[2].label, "1.1 front");
        for p in &pages {
            assert_eq!(p.size, Size::new(69.0, 94.0));
            assert_eq!(p.trim, Some(Rect::new(3.0, 3.0, 63.0, 88.0)));
            assert_eq!(p.bleed, Some(Rect::new(0.0, 0.0, 69.0, 94.0)));
            match &p.frame.items[0] {
                crate::frame::Item::Group {
                    transform, clip, ..
                } => {
                    assert_eq!(*transform, Transform::translate(3.0, 3.0));
                    assert_eq!(*clip, Some(Rect::new(-3.0, -3.0, 69.0, 94.0)));
                }
                other => panic!("{other:?}"),
            }
        }
    }
}
