//! Which font prints each character of a text. A character that no font of
//! the deck has would come out as an empty box, so texts are checked when
//! the deck is read, where the mistake can be pointed at exactly.

use crate::fonts::{Face, FontSet};
use crate::text::markup::Rich;

/// Where a character of a text is printed from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The main family (its own style, or the style it is made from).
    Main,
    /// The n-th fallback font (0-based).
    Fallback(usize),
    /// The bundled Noto Sans, after the deck's own fonts.
    Bundled,
    /// No font has it.
    Missing,
}

/// The characters of `text` not printed in the main family: each with its
/// char index into `text.text`, the style it is set in and where it comes
/// from.
pub fn outside_main(text: &Rich, fonts: &FontSet) -> Vec<(usize, char, Face, Source)> {
    let mut out = Vec::new();
    for span in &text.spans {
        let face = Face::styled(span.bold, span.italic);
        let in_main = fonts.main_for(face).glyph_test();
        let before = text.text[..span.range.start].chars().count();
        for (i, ch) in text.text[span.range.clone()].chars().enumerate() {
            if in_main(ch) {
                continue;
            }
            let chain = fonts.chain(face);
            let source = match chain.iter().position(|f| f.has_glyph(ch)) {
                None => Source::Missing,
                Some(p) if p == chain.len() - 1 && !fonts.main_is_bundled() => Source::Bundled,
                Some(p) if p >= 1 && p <= fonts.fallbacks.len() => Source::Fallback(p - 1),
                Some(_) => Source::Bundled,
            };
            out.push((before + i, ch, face, source));
        }
    }
    out
}

/// The first character of `text` (as a char index into `text.text`) that
/// no font of `fonts` can print.
pub fn first_missing(text: &Rich, fonts: &FontSet) -> Option<(usize, char)> {
    outside_main(text, fonts)
        .into_iter()
        .find(|(_, _, _, s)| *s == Source::Missing)
        .map(|(i, c, _, _)| (i, c))
}

/// The script a character belongs to, in words, and a free font that has
/// it, for the help of a missing-glyph error.
pub fn script_of(ch: char) -> Option<(&'static str, &'static str)> {
    let c = ch as u32;
    let table: &[(u32, u32, &str, &str)] = &[
        (0x0590, 0x05FF, "Hebrew", "Noto Sans Hebrew"),
        (0xFB1D, 0xFB4F, "Hebrew", "Noto Sans Hebrew"),
        (
            0x0600,
            0x06FF,
            "Arabic",
            "Noto Naskh Arabic or Noto Sans Arabic",
        ),
        (
            0x0750,
            0x077F,
            "Arabic",
            "Noto Naskh Arabic or Noto Sans Arabic",
        ),
        (
            0x08A0,
            0x08FF,
            "Arabic",
            "Noto Naskh Arabic or Noto Sans Arabic",
        ),
        (
            0xFB50,
            0xFDFF,
            "Arabic",
            "Noto Naskh Arabic or Noto Sans Arabic",
        ),
        (
            0xFE70,
            0xFEFF,
            "Arabic",
            "Noto Naskh Arabic or Noto Sans Arabic",
        ),
        (0x0700, 0x074F, "Syriac", "Noto Sans Syriac"),
        (0x0530, 0x058F, "Armenian", "Noto Sans Armenian"),
        (0x0900, 0x097F, "Devanagari", "Noto Sans Devanagari"),
        (0x0980, 0x09FF, "Bengali", "Noto Sans Bengali"),
        (0x0A00, 0x0A7F, "Gurmukhi", "Noto Sans Gurmukhi"),
        (0x0A80, 0x0AFF, "Gujarati", "Noto Sans Gujarati"),
        (0x0B80, 0x0BFF, "Tamil", "Noto Sans Tamil"),
        (0x0C00, 0x0C7F, "Telugu", "Noto Sans Telugu"),
        (0x0C80, 0x0CFF, "Kannada", "Noto Sans Kannada"),
        (0x0D00, 0x0D7F, "Malayalam", "Noto Sans Malayalam"),
        (0x0D80, 0x0DFF, "Sinhala", "Noto Sans Sinhala"),
        (0x0E00, 0x0E7F, "Thai", "Noto Sans Thai"),
        (0x0E80, 0x0EFF, "Lao", "Noto Sans Lao"),
        (0x1000, 0x109F, "Myanmar", "Noto Sans Myanmar"),
        (0x10A0, 0x10FF, "Georgian", "Noto Sans Georgian"),
        (0x1100, 0x11FF, "Korean", "Noto Sans KR"),
        (0xAC00, 0xD7AF, "Korean", "Noto Sans KR"),
        (0x1200, 0x139F, "Ethiopic", "Noto Sans Ethiopic"),
        (0x1780, 0x17FF, "Khmer", "Noto Sans Khmer"),
        (0x3040, 0x309F, "Japanese", "Noto Sans JP"),
        (0x30A0, 0x30FF, "Japanese", "Noto Sans JP"),
        (0x3400, 0x4DBF, "Chinese", "Noto Sans SC (or TC, JP, KR)"),
        (0x4E00, 0x9FFF, "Chinese", "Noto Sans SC (or TC, JP, KR)"),
        (0x1F000, 0x1FAFF, "emoji", "Noto Emoji"),
        (0x2600, 0x27BF, "symbol", "Noto Sans Symbols 2"),
    ];
    table
        .iter()
        .find(|(lo, hi, _, _)| (*lo..=*hi).contains(&c))
        .map(|(_, _, s, f)| (*s, *f))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::markup::parse;

    #[test]
    fn finds_characters_without_glyphs() {
        let fonts = FontSet::bundled();
        let r = parse("trust **信頼**").unwrap();
        assert_eq!(first_missing(&r, &fonts), Some((6, '信')));
        assert_eq!(first_missing(&parse("all **fine**").unwrap(), &fonts), None);
        let out = outside_main(&parse("a 😀").unwrap(), &fonts);
        assert_eq!(out, vec![(2, '😀', Face::Regular, Source::Missing)]);
        assert_eq!(script_of('ש'), Some(("Hebrew", "Noto Sans Hebrew")));
        assert_eq!(script_of('a'), None);
    }
}
