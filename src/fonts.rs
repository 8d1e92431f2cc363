//! Fonts: the bundled Noto Sans family (compiled into the binary, so that
//! deckpress works from any folder), a deck's own font files read and
//! checked (`fonts:` in deck.yaml), and the order in which text tries them:
//! the main family for the text's style, the fallbacks in the order given,
//! and Noto Sans last.
//!
//! Noto Sans is under the SIL Open Font License 1.1 (see `fonts/OFL.txt`).

use std::fmt;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use parley::fontique::{Blob, CharmapIndex, Collection, CollectionOptions};
use read_fonts::{FontRef, TableProvider};

/// Shared, immutable font bytes.
pub type Bytes = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// The family name the bundled fonts have.
pub const BUNDLED_FAMILY: &str = "Noto Sans";

use crate::files::MAX_FONT_BYTES;

/// A style of a family: regular, bold, italic or bold italic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl Face {
    pub const ALL: [Face; 4] = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic];

    /// The face for a combination of bold and italic.
    pub fn styled(bold: bool, italic: bool) -> Face {
        match (bold, italic) {
            (false, false) => Face::Regular,
            (true, false) => Face::Bold,
            (false, true) => Face::Italic,
            (true, true) => Face::BoldItalic,
        }
    }

    pub fn is_bold(self) -> bool {
        matches!(self, Face::Bold | Face::BoldItalic)
    }

    pub fn is_italic(self) -> bool {
        matches!(self, Face::Italic | Face::BoldItalic)
    }

    fn index(self) -> usize {
        self as usize
    }

    /// The key of this style in deck.yaml's `fonts:`.
    pub fn key(self) -> &'static str {
        match self {
            Face::Regular => "regular",
            Face::Bold => "bold",
            Face::Italic => "italic",
            Face::BoldItalic => "bold_italic",
        }
    }

    /// The faces a missing face is made from, nearest first (the style
    /// before the weight, as font matching does).
    fn substitutes(self) -> &'static [Face] {
        match self {
            Face::Regular => &[],
            Face::Bold => &[Face::Regular],
            Face::Italic => &[Face::Regular],
            Face::BoldItalic => &[Face::Italic, Face::Bold, Face::Regular],
        }
    }

    /// The bundled font file of this style (TrueType).
    fn bundled_data(self) -> &'static [u8] {
        match self {
            Face::Regular => include_bytes!("../fonts/NotoSans-Regular.ttf"),
            Face::Bold => include_bytes!("../fonts/NotoSans-Bold.ttf"),
            Face::Italic => include_bytes!("../fonts/NotoSans-Italic.ttf"),
            Face::BoldItalic => include_bytes!("../fonts/NotoSans-BoldItalic.ttf"),
        }
    }
}

/// One font file's data, shared; cheap to clone (one pointer: every glyph
/// run of every face holds one). Two handles are equal when they share the
/// same bytes.
#[derive(Clone)]
pub struct FontFile(Arc<FontInfo>);

/// What a `FontFile` holds.
pub struct FontInfo {
    data: Bytes,
    index: u32,
    /// How messages name it: the file's path, or "Noto Sans Bold".
    pub name: Arc<str>,
    /// The family name the font gives itself.
    pub family: Arc<str>,
    charmap: Option<CharmapIndex>,
    /// Which of the 128 ASCII characters it has a glyph for, one bit each:
    /// most of a deck's text, told without reading the character map.
    ascii: u128,
    /// Whether it has a `wght` axis (a variable font that can be bold).
    pub variable_weight: bool,
    /// Whether it has an `ital` or `slnt` axis.
    pub variable_slant: bool,
}

impl std::ops::Deref for FontFile {
    type Target = FontInfo;

    fn deref(&self) -> &FontInfo {
        &self.0
    }
}

impl FontFile {
    pub fn bytes(&self) -> &[u8] {
        (*self.data).as_ref()
    }

    pub fn data(&self) -> Bytes {
        self.data.clone()
    }

    pub fn index(&self) -> u32 {
        self.index
    }

    /// An id that is the same for handles of the same bytes.
    pub fn key(&self) -> usize {
        Arc::as_ptr(&self.data) as *const u8 as usize
    }

    /// Whether the font has a glyph for `ch`. Spaces and control
    /// characters need none.
    pub fn has_glyph(&self, ch: char) -> bool {
        self.glyph_test()(ch)
    }

    /// `has_glyph` for many characters: the font's character map is read
    /// once, not for each.
    pub fn glyph_test(&self) -> impl Fn(char) -> bool + '_ {
        let map = self.charmap.and_then(|c| c.charmap(self.bytes()));
        move |ch: char| {
            if ch.is_ascii() {
                return self.ascii & (1 << ch as u32) != 0;
            }
            covers(map.as_ref(), ch)
        }
    }

    /// The height of its capital letters, in em (from the font's OS/2
    /// table; 0.7 if it does not say).
    pub fn cap_height(&self) -> f32 {
        let Ok(font) = FontRef::from_index(self.bytes(), self.index) else {
            return 0.7;
        };
        let upem = font.head().map(|h| h.units_per_em()).unwrap_or(1000).max(1) as f32;
        font.os2()
            .ok()
            .and_then(|o| o.s_cap_height())
            .filter(|&c| c > 0)
            .map_or(0.7, |c| c as f32 / upem)
    }

    /// Whether this is one of the bundled fonts.
    pub fn is_bundled(&self) -> bool {
        Face::ALL.iter().any(|&f| bundled(f) == self)
    }
}

impl PartialEq for FontFile {
    fn eq(&self, other: &FontFile) -> bool {
        self.key() == other.key() && self.index == other.index
    }
}

impl fmt::Debug for FontFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FontFile({})", self.name)
    }
}

/// What is wrong with a font file, and what to do.
#[derive(Clone, Debug, PartialEq)]
pub struct FontProblem {
    pub message: String,
    pub help: String,
}

fn problem(message: impl Into<String>, help: impl Into<String>) -> FontProblem {
    FontProblem {
        message: message.into(),
        help: help.into(),
    }
}

/// Reads a font from bytes: checks that it is a TrueType or OpenType font
/// that may be embedded and subset, and reads its family and axes.
pub fn font_from_bytes(data: Bytes, name: &str) -> Result<FontFile, FontProblem> {
    let bytes: &[u8] = (*data).as_ref();
    let magic = bytes.get(..4).unwrap_or_default();
    match magic {
        b"wOFF" | b"wOF2" => {
            return Err(problem(
                format!("{name} is a WOFF web font, compressed for browsers"),
                "use the font's .ttf or .otf file (font downloads include them; web-font converters can make one)",
            ))
        }
        [0, 1, 0, 0] | b"OTTO" | b"true" | b"ttcf" => {}
        _ => {
            return Err(problem(
                format!("{name} is not a font file (TrueType .ttf or OpenType .otf)"),
                "name a .ttf or .otf file; if it is one, it may be damaged: download it again",
            ))
        }
    }
    let font = FontRef::from_index(bytes, 0).map_err(|e| {
        problem(
            format!("{name} cannot be read as a font: {e}"),
            "the file may be damaged: download it again, or use another font",
        )
    })?;
    if let Ok(os2) = font.os2() {
        let fs_type = os2.fs_type();
        // OS/2 fsType: bit 1 restricted licence, bit 8 no subsetting, bit 9
        // bitmap embedding only.
        let forbids = if fs_type & 0x0002 != 0 {
            Some("may not be embedded in documents (its licence is \"restricted\")")
        } else if fs_type & 0x0200 != 0 {
            Some("may only be embedded as bitmaps")
        } else if fs_type & 0x0100 != 0 {
            Some("may not be subset, and PDFs embed only the letters they use")
        } else {
            None
        };
        if let Some(why) = forbids {
            return Err(problem(
                format!("{name}: the font's licence says it {why} (OS/2 fsType {fs_type:#06x}); a PDF made with it may not be printed or shared"),
                "use a font whose licence allows embedding (most fonts do, e.g. those under the SIL Open Font License), or ask the font's vendor for a licence that does",
            ));
        }
    }
    let mut collection = Collection::new(CollectionOptions {
        shared: false,
        system_fonts: false,
    });
    let registered = collection.register_fonts(Blob::new(data.clone()), None);
    let Some((family_id, infos)) = registered.into_iter().next() else {
        return Err(problem(
            format!("{name} cannot be read as a font"),
            "the file may be damaged: download it again, or use another font",
        ));
    };
    let Some(info) = infos.into_iter().find(|i| i.index() == 0) else {
        return Err(problem(
            format!("{name} cannot be read as a font"),
            "the file may be damaged: download it again, or use another font",
        ));
    };
    let family = collection
        .family_name(family_id)
        .unwrap_or(name)
        .to_string();
    let charmap = info.charmap_index();
    let has_cmap = charmap.charmap(bytes).is_some();
    if !has_cmap {
        return Err(problem(
            format!("{name} has no character map: text cannot be set in it"),
            "use another font file; symbol and icon fonts cannot set text",
        ));
    }
    let map = charmap.charmap(bytes);
    let ascii = (0u8..128).fold(0u128, |bits, b| {
        let ch = b as char;
        bits | (covers(map.as_ref(), ch) as u128) << b
    });
    Ok(FontFile(Arc::new(FontInfo {
        data,
        index: 0,
        name: name.into(),
        family: family.into(),
        charmap: Some(charmap),
        ascii,
        variable_weight: info.has_weight_axis(),
        variable_slant: info.has_italic_axis() || info.has_slant_axis(),
    })))
}

/// Whether a font with the character map `map` prints `ch`: spaces and
/// control characters need no glyph, the rest one that is not the .notdef.
fn covers(map: Option<&parley::fontique::Charmap<'_>>, ch: char) -> bool {
    ch.is_whitespace() || ch.is_control() || map.and_then(|m| m.map(ch)).is_some_and(|gid| gid != 0)
}

/// Reads and checks a font file named by the deck.
pub fn read_font(path: &Path, name: &str) -> Result<FontFile, FontProblem> {
    let bytes = crate::files::read_bounded(path, MAX_FONT_BYTES).map_err(|p| {
        problem(
            p.describe(&path.display().to_string(), MAX_FONT_BYTES),
            "name a .ttf or .otf font file of one family (a static font of one script is usually well under 10 MB)",
        )
    })?;
    font_from_bytes(Arc::new(bytes), name)
}

/// The bundled font of a style.
pub fn bundled(face: Face) -> &'static FontFile {
    static FONTS: OnceLock<Vec<FontFile>> = OnceLock::new();
    let fonts = FONTS.get_or_init(|| {
        Face::ALL
            .iter()
            .map(|&f| {
                let name = match f {
                    Face::Regular => "Noto Sans",
                    Face::Bold => "Noto Sans Bold",
                    Face::Italic => "Noto Sans Italic",
                    Face::BoldItalic => "Noto Sans Bold Italic",
                };
                let data: Bytes = Arc::new(f.bundled_data());
                // The bundled fonts are known to be good.
                font_from_bytes(data, name).unwrap_or_else(|e| panic!("{}", e.message))
            })
            .collect()
    });
    &fonts[face.index()]
}

/// The fonts a deck's text is set in.
#[derive(Clone, Debug, PartialEq)]
pub struct FontSet {
    /// The main family, one file per style; a missing style is made from
    /// the nearest one (a variable font's axis, or synthesised).
    main: [Option<FontFile>; 4],
    /// Fonts tried in order for characters the main family lacks.
    pub fallbacks: Vec<FontFile>,
}

impl Default for FontSet {
    fn default() -> Self {
        FontSet::bundled()
    }
}

impl FontSet {
    /// Noto Sans, as bundled.
    pub fn bundled() -> FontSet {
        FontSet {
            main: Face::ALL.map(|f| Some(bundled(f).clone())),
            fallbacks: Vec::new(),
        }
    }

    /// A main family of the given files (`None` where a style is not
    /// given) and fallbacks. Without a regular face, the main family is
    /// the bundled one.
    pub fn new(main: [Option<FontFile>; 4], fallbacks: Vec<FontFile>) -> FontSet {
        let main = if main[0].is_some() {
            main
        } else {
            FontSet::bundled().main
        };
        FontSet { main, fallbacks }
    }

    /// Whether the main family is the bundled one.
    pub fn main_is_bundled(&self) -> bool {
        self.main[0].as_ref().is_some_and(FontFile::is_bundled)
    }

    /// The file given for a style, if one was.
    pub fn given(&self, face: Face) -> Option<&FontFile> {
        self.main[face.index()].as_ref()
    }

    /// The main family's file that text of `face` is set in: its own, or
    /// the nearest style it is made from.
    pub fn main_for(&self, face: Face) -> &FontFile {
        self.given(face)
            .or_else(|| face.substitutes().iter().find_map(|&f| self.given(f)))
            .unwrap_or_else(|| bundled(face))
    }

    /// The main family's files by style, as given.
    pub fn main_files(&self) -> impl Iterator<Item = (Face, &FontFile)> {
        Face::ALL
            .into_iter()
            .filter_map(|f| self.given(f).map(|file| (f, file)))
    }

    /// The files text of `face` tries, in order: the main family's, the
    /// fallbacks, and the bundled Noto Sans last.
    pub fn chain(&self, face: Face) -> Vec<&FontFile> {
        let mut out = vec![self.main_for(face)];
        out.extend(self.fallbacks.iter());
        let noto = bundled(face);
        if !out.contains(&noto) {
            out.push(noto);
        }
        out
    }

    /// Which font of the chain prints `ch` in `face`: its place in
    /// `chain(face)`, or `None` if no font has it.
    pub fn font_for(&self, face: Face, ch: char) -> Option<usize> {
        self.chain(face).iter().position(|f| f.has_glyph(ch))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_characters_without_glyphs() {
        let set = FontSet::bundled();
        assert!(set.main_for(Face::Regular).has_glyph('a'));
        assert!(set.main_for(Face::BoldItalic).has_glyph('é'));
        assert!(set.main_for(Face::Regular).has_glyph('’'));
        assert!(!set.main_for(Face::Regular).has_glyph('信'));
        assert_eq!(set.font_for(Face::Bold, '😀'), None);
        assert_eq!(set.font_for(Face::Bold, 'x'), Some(0));
        assert!(set.main_is_bundled());
        assert_eq!(&*bundled(Face::Bold).family, BUNDLED_FAMILY);
    }

    #[test]
    fn the_ascii_glyphs_a_font_is_known_to_have_are_those_of_its_character_map() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fonts");
        let mut fonts: Vec<FontFile> = Face::ALL.iter().map(|&f| bundled(f).clone()).collect();
        for name in ["NotoSansHebrew-Regular.ttf", "NotoSerif-Regular.subset.ttf"] {
            fonts.push(read_font(&dir.join(name), name).expect("a fixture font"));
        }
        let mut lacking = 0;
        for font in &fonts {
            let map = font.charmap.and_then(|c| c.charmap(font.bytes()));
            for b in 0u8..128 {
                let ch = b as char;
                let in_map = map.as_ref().and_then(|m| m.map(ch)).is_some_and(|g| g != 0);
                let expected = ch.is_whitespace() || ch.is_control() || in_map;
                assert_eq!(font.has_glyph(ch), expected, "{} and {ch:?}", font.name);
                lacking += !expected as usize;
            }
        }
        // The subset and the Hebrew font lack some: both answers are tried.
        assert!(lacking > 0);
    }

    #[test]
    fn refuses_what_is_not_a_usable_font() {
        let web: Bytes = Arc::new(b"wOF2 and more".to_vec());
        assert!(font_from_bytes(web, "a.woff2")
            .unwrap_err()
            .message
            .contains("WOFF"));
        let junk: Bytes = Arc::new(b"\x89PNG not a font".to_vec());
        assert!(font_from_bytes(junk, "a.ttf")
            .unwrap_err()
            .message
            .contains("not a font"));
        // A font whose licence forbids embedding: fsType bit 1 set in a
        // copy of the bundled font.
        let mut bytes = Face::Regular.bundled_data().to_vec();
        let font = FontRef::new(&bytes).unwrap();
        let os2 = font
            .table_directory()
            .table_records()
            .iter()
            .find(|r| r.tag() == read_fonts::types::Tag::new(b"OS/2"))
            .unwrap()
            .offset() as usize;
        // fsType is at offset 8 of the OS/2 table.
        bytes[os2 + 8] = 0;
        bytes[os2 + 9] = 2;
        let e = font_from_bytes(Arc::new(bytes), "house.ttf").unwrap_err();
        assert!(e.message.contains("may not be embedded"), "{e:?}");
    }

    #[test]
    fn a_missing_style_is_made_from_the_nearest() {
        let regular = bundled(Face::Regular).clone();
        let italic = bundled(Face::Italic).clone();
        let set = FontSet::new(
            [Some(regular.clone()), None, Some(italic.clone()), None],
            vec![],
        );
        assert_eq!(set.main_for(Face::Bold), &regular);
        assert_eq!(set.main_for(Face::BoldItalic), &italic);
        assert!(set.given(Face::Bold).is_none());
    }
}
