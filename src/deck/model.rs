//! The validated deck: what `deck.yaml` says, checked, with the place each
//! field was written so that later stages can point back at it.

use std::path::PathBuf;
use std::sync::Arc;

use super::labels::{Labels, Words};
use crate::diag::{Loc, Source};
use crate::fonts::FontSet;
use crate::frame::{Color, Image};
use crate::geom::{Cut, Duplex, Mm, NamedSize, Orientation, Point, Size};
use crate::text::Rich;
use crate::vector::Vector;

/// A piece of text from the deck (markup already parsed) and where it was
/// written.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Text {
    pub rich: Rich,
    pub at: Loc,
}

impl Text {
    pub fn plain(&self) -> &str {
        &self.rich.text
    }
}

/// What an icon file holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Icon {
    /// A PNG or JPEG picture.
    Raster(Image),
    /// An SVG drawing, drawn as vectors.
    Vector(Arc<Vector>),
}

impl Icon {
    /// Width over height.
    pub fn aspect(&self) -> f32 {
        match self {
            Icon::Raster(img) => img.width_px as f32 / img.height_px.max(1) as f32,
            Icon::Vector(v) => v.size.w / v.size.h.max(1e-6),
        }
    }
}

/// An ICC profile named by the deck, read and checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    /// The path as written in the deck.
    pub path: PathBuf,
    pub bytes: Arc<Vec<u8>>,
    pub at: Loc,
}

/// An image file named by the deck, read and checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Asset {
    /// The path as written in the deck.
    pub path: PathBuf,
    pub icon: Icon,
    pub at: Loc,
}

/// How the cards are cut.
#[derive(Clone, Debug, PartialEq)]
pub struct CardSettings {
    pub size: NamedSize,
    /// Colour printed past the trim on every side, in mm.
    pub bleed: Mm,
    /// Where the size was set, if it was.
    pub size_at: Option<Loc>,
}

impl Default for CardSettings {
    fn default() -> Self {
        CardSettings {
            size: NamedSize {
                name: Some("poker"),
                size: Size::new(63.0, 88.0),
            },
            bleed: DEFAULT_BLEED,
            size_at: None,
        }
    }
}

/// The bleed print shops ask for, in mm.
pub const DEFAULT_BLEED: Mm = 3.0;

/// How the poster is printed.
#[derive(Clone, Debug, PartialEq)]
pub struct PosterSettings {
    /// The paper, portrait as named (`a3` by default).
    pub size: NamedSize,
    /// Which way up; `None` keeps the size as given.
    pub orientation: Option<Orientation>,
    /// Where the size or orientation was set, for messages about it.
    pub size_at: Option<Loc>,
    /// Colour printed past the trim on every side, in mm, for a print shop;
    /// 0 (the default) for an office printer.
    pub bleed: Mm,
    /// A paper to print the poster on in several sheets, to assemble
    /// (`a4` or `letter`); none by default.
    pub tile: Option<NamedSize>,
}

impl Default for PosterSettings {
    fn default() -> Self {
        PosterSettings {
            size: NamedSize {
                name: Some("a3"),
                size: Size::new(297.0, 420.0),
            },
            orientation: None,
            size_at: None,
            bleed: 0.0,
            tile: None,
        }
    }
}

impl PosterSettings {
    /// The poster's trim, turned as asked.
    pub fn trim(&self) -> Size {
        match self.orientation {
            Some(o) => o.apply(self.size.size),
            None => self.size.size,
        }
    }

    /// The poster's size in words: "A3 portrait (297 × 420 mm)".
    pub fn describe(&self) -> String {
        let trim = self.trim();
        let turn = Orientation::of(trim).name();
        match self.size.name {
            Some(n) => format!("{} {turn} ({trim})", paper_name(n)),
            None => format!("{trim}"),
        }
    }
}

/// A paper's name as written in prose: "A3", "Tabloid", "Letter".
pub fn paper_name(preset: &str) -> String {
    let iso = preset.len() == 2 && preset.starts_with(['a', 'b', 'c']);
    if iso {
        preset.to_uppercase()
    } else {
        let mut c = preset.chars();
        c.next()
            .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
    }
}

/// The outputs a build can make, as named in `outputs:` and `--only`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Output {
    /// cards.pdf, for a print shop.
    Cards,
    /// sheets.pdf, for an office printer.
    Sheets,
    /// poster.pdf (and poster-tiles.pdf when tiling is asked for).
    Poster,
    /// handout.pdf: the whole framework on A4 or Letter, to keep.
    Handout,
    /// worksheet.pdf: a reflection worksheet to fill in by hand.
    Worksheet,
}

impl Output {
    pub const ALL: [Output; 5] = [
        Output::Cards,
        Output::Sheets,
        Output::Poster,
        Output::Handout,
        Output::Worksheet,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Output::Cards => "cards",
            Output::Sheets => "sheets",
            Output::Poster => "poster",
            Output::Handout => "handout",
            Output::Worksheet => "worksheet",
        }
    }

    pub fn parse(text: &str) -> Result<Output, String> {
        let t = text.trim().to_ascii_lowercase();
        Output::ALL
            .into_iter()
            .find(|o| o.name() == t || format!("{}.pdf", o.name()) == t)
            .ok_or_else(|| {
                let names: Vec<&str> = Output::ALL.iter().map(|o| o.name()).collect();
                let hint = crate::diag::closest(&t, &names)
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                format!(
                    "`{text}` is not an output{hint}: the outputs are {}",
                    names.join(", ")
                )
            })
    }

    /// A list of outputs as written on the command line: `cards,poster`.
    pub fn list(outputs: &[Output]) -> String {
        outputs
            .iter()
            .map(|o| o.name())
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// The most decks one sheets.pdf holds (`--copies`).
pub const MAX_COPIES: usize = 50;

/// The margin most office printers cannot print in, in mm.
pub const DEFAULT_MARGIN: Mm = 5.0;

/// How the deck is imposed on office paper (`sheets:` in the deck).
#[derive(Clone, Debug, PartialEq)]
pub struct SheetSettings {
    pub paper: NamedSize,
    pub cut: Cut,
    pub duplex: Duplex,
    /// How far from the paper's edges the printer cannot print, in mm.
    pub margin: Mm,
    /// Where the printer puts the backs relative to their fronts, as read
    /// on the calibration sheet: seen from the front, x to the right and y
    /// down, in mm.
    pub back_offset: Point,
    /// Crop marks on the back sheets too.
    pub back_marks: bool,
    /// A printed guide as the first page.
    pub guide: bool,
    /// How many complete decks sheets.pdf holds, each on sheets of its
    /// own (1 to `MAX_COPIES`).
    pub copies: usize,
    /// Where the paper and the back offset were written, if they were (and
    /// were not overridden on the command line), for messages about them.
    pub paper_at: Option<Loc>,
    pub back_offset_at: Option<Loc>,
    pub duplex_at: Option<Loc>,
}

impl Default for SheetSettings {
    fn default() -> Self {
        SheetSettings {
            paper: NamedSize {
                name: Some("a4"),
                size: Size::new(210.0, 297.0),
            },
            cut: Cut::default(),
            duplex: Duplex::default(),
            margin: DEFAULT_MARGIN,
            back_offset: Point::default(),
            back_marks: false,
            guide: true,
            copies: 1,
            paper_at: None,
            back_offset_at: None,
            duplex_at: None,
        }
    }
}

/// One behaviour: a card of its own.
#[derive(Clone, Debug, PartialEq)]
pub struct Behaviour {
    /// 1-based position within its characteristic.
    pub number: usize,
    /// The short title (the bold phrase of the text, as a rule).
    pub title: Text,
    /// The full text, with its bold phrase marked.
    pub text: Text,
    pub at: Loc,
}

/// One characteristic: a summary card, a back design, and its behaviours.
#[derive(Clone, Debug, PartialEq)]
pub struct Characteristic {
    /// 1-based position in the deck.
    pub number: usize,
    pub id: String,
    pub name: Text,
    pub intro: Option<Text>,
    pub lead_in: Option<Text>,
    pub pillars: Vec<Text>,
    pub colour: Color,
    pub colour_at: Loc,
    /// The colour's inks for print shops' CMYK files, as the brand gives
    /// them (`colour: {rgb: "#123f73", cmyk: [100, 70, 10, 30]}`), in per
    /// cent, with where they are written; else the colour is converted
    /// through the shop's profile.
    pub cmyk: Option<([f32; 4], Loc)>,
    pub icon: Option<Asset>,
    /// What the icon shows, for screen readers (`icon_alt:`); the name
    /// when not given.
    pub icon_alt: Option<Text>,
    pub behaviours: Vec<Behaviour>,
    pub at: Loc,
}

impl Characteristic {
    /// How the characteristic is named in messages: `characteristic 2
    /// "collaboration"`.
    pub fn label(&self) -> String {
        format!("characteristic {} \"{}\"", self.number, self.id)
    }
}

impl Behaviour {
    /// The code printed on the card and used in messages: `1.3`.
    pub fn code(&self, characteristic: &Characteristic) -> String {
        format!("{}.{}", characteristic.number, self.number)
    }

    /// How the behaviour card is named in messages: `card 1.3
    /// "accountability"`.
    pub fn label(&self, characteristic: &Characteristic) -> String {
        format!(
            "card {} \"{}\"",
            self.code(characteristic),
            self.title.plain()
        )
    }
}

/// A whole deck.
#[derive(Clone, Debug, PartialEq)]
pub struct Deck {
    /// The file it was read from, for messages.
    pub source: Source,
    /// The folder relative paths in the deck are resolved against.
    pub base_dir: PathBuf,
    pub title: Text,
    /// A shorter title, printed small on every card; the title if not given.
    pub short_title: Option<Text>,
    /// Which printing this is ("Cohort 3, spring 2027"): small on every
    /// back, and in every PDF's title and keywords.
    pub edition: Option<Text>,
    /// Blank cards per characteristic, to write behaviours of one's own on.
    pub blank_cards: usize,
    pub credit: Option<Text>,
    /// The document language (BCP 47, e.g. `en-GB`), written into the PDFs.
    pub language: String,
    pub cards: CardSettings,
    pub poster: PosterSettings,
    pub sheets: SheetSettings,
    /// The fonts text is set in.
    pub fonts: FontSet,
    /// Settings the command line gave instead of the deck: the setting
    /// (`cards.size`, `sheets.paper`, ...) and the flag as written
    /// (`--card-size 2000x10`), so that a message about them names the
    /// flag.
    pub flags: Vec<(&'static str, String)>,
    /// The outputs `build` makes when none are named on the command line
    /// (`outputs:`), and where that was written; all when not given.
    pub outputs: Option<(Vec<Output>, Loc)>,
    pub characteristics: Vec<Characteristic>,
    /// The worksheet's own words, in the deck's language.
    pub words: Words,
    /// Every file the deck names (icons, fonts), found or not.
    pub files: Vec<PathBuf>,
    /// Every word deckpress prints itself, in the deck's language where
    /// it has them (built in, or under `labels:`).
    pub labels: Labels,
    /// Where `language:` is, if the deck says.
    pub language_at: Option<Loc>,
    /// The print shop the cards are made for (`--shop`): its size, bleed
    /// and files, in a folder of their own.
    pub shop: Option<crate::shop::Shop>,
    /// The print shop's own CMYK profile (`print: profile:`), used for
    /// its PDF/X files instead of the bundled one.
    pub print_profile: Option<Profile>,
    /// cards.pdf's fronts and backs also as two files of their own
    /// (`--separate-backs`).
    pub separate_backs: bool,
}

impl Deck {
    /// The flag that set `setting`, if the command line did.
    pub fn flag(&self, setting: &str) -> Option<&str> {
        self.flags
            .iter()
            .rev()
            .find(|(s, _)| *s == setting)
            .map(|(_, f)| f.as_str())
    }

    /// The text printed small on every card.
    pub fn footer(&self) -> &Text {
        self.short_title.as_ref().unwrap_or(&self.title)
    }

    /// All behaviours with their characteristic, in deck order.
    pub fn behaviours(&self) -> impl Iterator<Item = (&Characteristic, &Behaviour)> {
        self.characteristics
            .iter()
            .flat_map(|c| c.behaviours.iter().map(move |b| (c, b)))
    }

    /// Whether the deck reads right to left (Arabic, Hebrew, Persian,
    /// Urdu...): by its `language:`, or else by the first letter of its
    /// title. Its faces are then laid out mirrored.
    pub fn is_rtl(&self) -> bool {
        const RTL: &[&str] = &[
            "ar", "he", "iw", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb", "syr", "ku-arab",
        ];
        let tag = self.language.to_ascii_lowercase();
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        if RTL.contains(&primary) || RTL.contains(&tag.as_str()) {
            return true;
        }
        let strong = self.title.plain().chars().find(|c| c.is_alphabetic());
        tag == "en"
            && strong.is_some_and(|c| {
                ('\u{0590}'..='\u{08ff}').contains(&c)
                    || ('\u{fb1d}'..='\u{fdff}').contains(&c)
                    || ('\u{fe70}'..='\u{fefc}').contains(&c)
            })
    }

    /// The number of cards: one summary card per characteristic and one per
    /// behaviour.
    /// The deck in a few words, for reports: "5 characteristics, 37
    /// cards, poker (63 × 88 mm) with 3 mm bleed".
    pub fn summary(&self) -> String {
        let n = self.characteristics.len();
        format!(
            "{n} characteristic{}, {} cards, {} with {} mm bleed",
            if n == 1 { "" } else { "s" },
            self.card_count(),
            self.cards.size,
            crate::geom::fmt_mm(self.cards.bleed)
        )
    }

    pub fn card_count(&self) -> usize {
        self.characteristics
            .iter()
            .map(|c| 1 + c.behaviours.len() + self.blank_cards)
            .sum()
    }
}
