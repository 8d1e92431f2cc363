//! Which characters the bundled fonts can print. A character without a
//! glyph would come out as an empty box, so texts are checked when the deck
//! is read, where the mistake can be pointed at exactly.

use std::sync::{Arc, OnceLock};

use parley::fontique::{Blob, CharmapIndex, Collection, CollectionOptions};

use crate::fonts::Face;
use crate::text::markup::Rich;

fn charmaps() -> &'static Vec<(Face, CharmapIndex)> {
    static MAPS: OnceLock<Vec<(Face, CharmapIndex)>> = OnceLock::new();
    MAPS.get_or_init(|| {
        let mut collection = Collection::new(CollectionOptions {
            shared: false,
            system_fonts: false,
        });
        Face::ALL
            .iter()
            .filter_map(|&face| {
                let fonts = collection.register_fonts(Blob::new(Arc::new(face.data())), None);
                let info = fonts.first()?.1.first()?;
                Some((face, info.charmap_index()))
            })
            .collect()
    })
}

/// Whether `face` has a glyph for `ch`. Spaces and control characters
/// need none.
pub fn has_glyph(face: Face, ch: char) -> bool {
    if ch.is_whitespace() || ch.is_control() {
        return true;
    }
    charmaps()
        .iter()
        .find(|(f, _)| *f == face)
        .and_then(|(_, index)| index.charmap(face.data()))
        .and_then(|map| map.map(ch))
        .is_some_and(|gid| gid != 0)
}

/// The first character of `text` (as a char index into `text.text`) that
/// the face it is set in cannot print.
pub fn first_missing(text: &Rich) -> Option<(usize, char)> {
    for span in &text.spans {
        let face = Face::styled(span.bold, span.italic);
        let before = text.text[..span.range.start].chars().count();
        for (i, ch) in text.text[span.range.clone()].chars().enumerate() {
            if !has_glyph(face, ch) {
                return Some((before + i, ch));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::markup::parse;

    #[test]
    fn finds_characters_without_glyphs() {
        assert!(has_glyph(Face::Regular, 'a'));
        assert!(has_glyph(Face::BoldItalic, 'é'));
        assert!(has_glyph(Face::Regular, '’'));
        assert!(!has_glyph(Face::Regular, '信'));
        assert!(!has_glyph(Face::Bold, '😀'));
        let r = parse("trust **信頼**").unwrap();
        assert_eq!(first_missing(&r), Some((6, '信')));
        assert_eq!(first_missing(&parse("all **fine**").unwrap()), None);
    }
}
