//! The bundled font family, compiled into the binary so that deckpress works
//! from any folder and every PDF embeds exactly these fonts.
//!
//! Noto Sans (SIL Open Font License 1.1, see `fonts/OFL.txt`).

/// The family name the text layout asks for.
pub const FAMILY: &str = "Noto Sans";

/// One face of the bundled family.
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

    /// The font file's bytes (TrueType).
    pub fn data(self) -> &'static [u8] {
        match self {
            Face::Regular => include_bytes!("../fonts/NotoSans-Regular.ttf"),
            Face::Bold => include_bytes!("../fonts/NotoSans-Bold.ttf"),
            Face::Italic => include_bytes!("../fonts/NotoSans-Italic.ttf"),
            Face::BoldItalic => include_bytes!("../fonts/NotoSans-BoldItalic.ttf"),
        }
    }
}
