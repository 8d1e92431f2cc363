//! The validated deck: what `deck.yaml` says, checked, with the place each
//! field was written so that later stages can point back at it.

use std::path::PathBuf;

use crate::diag::{Loc, Source};
use crate::frame::{Color, Image};
use crate::geom::{Cut, Duplex, Mm, NamedSize, Point, Size};
use crate::text::Rich;

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

/// An image file named by the deck, read and checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Asset {
    /// The path as written in the deck.
    pub path: PathBuf,
    pub image: Image,
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
#[derive(Clone, Debug, PartialEq, Default)]
pub struct PosterSettings {
    /// Colour printed past the trim on every side, in mm, for a print shop;
    /// 0 (the default) for an office printer.
    pub bleed: Mm,
    /// A paper to print the poster on in several sheets, to assemble
    /// (`a4` or `letter`); none by default.
    pub tile: Option<NamedSize>,
}

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
    /// Where the paper and the back offset were written, if they were (and
    /// were not overridden on the command line), for messages about them.
    pub paper_at: Option<Loc>,
    pub back_offset_at: Option<Loc>,
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
            paper_at: None,
            back_offset_at: None,
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
    pub icon: Option<Asset>,
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
    pub credit: Option<Text>,
    /// The document language (BCP 47, e.g. `en-GB`), written into the PDFs.
    pub language: String,
    pub cards: CardSettings,
    pub poster: PosterSettings,
    pub sheets: SheetSettings,
    pub characteristics: Vec<Characteristic>,
}

impl Deck {
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

    /// The number of cards: one summary card per characteristic and one per
    /// behaviour.
    pub fn card_count(&self) -> usize {
        self.characteristics
            .iter()
            .map(|c| 1 + c.behaviours.len())
            .sum()
    }
}
