//! Print shops' files: `deckpress build --shop NAME` writes the cards the
//! way one kind of shop takes them, into a folder of their own
//! (`out/shop-NAME/`): their card size and bleed, their standard and their
//! page order. Shops that take one image per card face get PNGs drawn from
//! the PDF itself (hayro), at their exact pixel size, so that what they
//! print is what the PDF shows.

use crate::geom::{Mm, NamedSize, Size};
use crate::output::OutputFile;
use crate::render::cmyk::{Condition, FOGRA39, SWOP};
use crate::render::pdfx::Standard;

/// A kind of print shop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shop {
    /// European online printers: PDF/X-4, CMYK for FOGRA39, 3 mm bleed,
    /// the deck's own card size.
    Pdfx4,
    /// DriveThruCards: PDF/X-1a:2003, CMYK for SWOP with at most 240 %
    /// ink, poker 2.5 × 3.5 in with 1/8 in bleed.
    DriveThruCards,
    /// MakePlayingCards: one PNG per face, poker 822 × 1122 px at 300 dpi
    /// (36 px bleed), RGB.
    MakePlayingCards,
    /// The Game Crafter: one PNG per face, poker 825 × 1125 px at 300 dpi
    /// (1/8 in bleed), RGB only.
    TheGameCrafter,
}

/// A poker card as US shops cut it: 2.5 × 3.5 in.
const POKER_US: Size = Size::new(63.5, 88.9);

/// What a shop that takes images wants of each face.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pixels {
    pub width: u32,
    pub height: u32,
    pub dpi: u32,
}

/// What a shop takes.
#[derive(Clone, Copy, Debug)]
pub enum Files {
    /// cards.pdf in a PDF/X standard for a printing condition.
    Pdf(Standard, &'static Condition),
    /// One PNG per face.
    Png(Pixels),
}

impl Shop {
    pub const ALL: [Shop; 4] = [
        Shop::Pdfx4,
        Shop::DriveThruCards,
        Shop::MakePlayingCards,
        Shop::TheGameCrafter,
    ];

    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Shop::Pdfx4 => "pdfx4",
            Shop::DriveThruCards => "drivethrucards",
            Shop::MakePlayingCards => "makeplayingcards",
            Shop::TheGameCrafter => "thegamecrafter",
        }
    }

    /// The shop as people call it.
    pub fn title(self) -> &'static str {
        match self {
            Shop::Pdfx4 => "a PDF/X-4 print shop",
            Shop::DriveThruCards => "DriveThruCards",
            Shop::MakePlayingCards => "MakePlayingCards",
            Shop::TheGameCrafter => "The Game Crafter",
        }
    }

    pub fn parse(s: &str) -> Result<Shop, String> {
        let wanted = s.trim().to_ascii_lowercase().replace(['-', '_', ' '], "");
        Shop::ALL
            .into_iter()
            .find(|shop| shop.name() == wanted)
            .ok_or_else(|| {
                let names: Vec<&str> = Shop::ALL.iter().map(|s| s.name()).collect();
                format!(
                    "`{s}` is not a shop deckpress knows: use {}",
                    names.join(", ")
                )
            })
    }

    /// The folder inside the output folder that holds the shop's files.
    pub fn folder(self) -> String {
        format!("shop-{}", self.name())
    }

    /// The card size and bleed the shop cuts, for a deck of `deck`'s size.
    pub fn card(self, deck: &NamedSize) -> (NamedSize, Mm) {
        let poker = NamedSize {
            name: Some("poker-us"),
            size: POKER_US,
        };
        match self.files() {
            Files::Pdf(Standard::X4, _) => (deck.clone(), 3.0),
            Files::Pdf(..) => (poker, 25.4 / 8.0),
            // The bleed is what the image has beyond the trim, on each side.
            Files::Png(px) => (
                poker,
                (px.width as f32 / px.dpi as f32 * 25.4 - POKER_US.w) / 2.0,
            ),
        }
    }

    /// What the shop takes.
    pub fn files(self) -> Files {
        match self {
            Shop::Pdfx4 => Files::Pdf(Standard::X4, &FOGRA39),
            Shop::DriveThruCards => Files::Pdf(Standard::X1a, &SWOP),
            Shop::MakePlayingCards => Files::Png(Pixels {
                width: 822,
                height: 1122,
                dpi: 300,
            }),
            Shop::TheGameCrafter => Files::Png(Pixels {
                width: 825,
                height: 1125,
                dpi: 300,
            }),
        }
    }

    /// Whether a deck's cards can be made for this shop: it prints poker
    /// cards (2.5 × 3.5 in), so a deck designed for poker (63 × 88 mm or
    /// 63.5 × 88.9) is set at its size; any other size is an error.
    pub fn takes(self, size: &NamedSize) -> Result<(), String> {
        if self == Shop::Pdfx4 {
            return Ok(());
        }
        let poker = |s: Size| (s.w - 63.0).abs() <= 0.6 && (s.h - 88.0).abs() <= 1.0;
        if poker(size.size) {
            Ok(())
        } else {
            Err(format!(
                "{}'s profile in deckpress is for poker cards (2.5 × 3.5 in), and this deck's cards are {}",
                self.title(),
                size
            ))
        }
    }
}

/// The file name of card `n`'s face (1-based, `width` digits): fronts
/// sort before their backs, and the numbers sort as the names do.
pub fn face_name(n: usize, width: usize, back: bool) -> String {
    if back {
        format!("{n:0width$}b-back.png")
    } else {
        format!("{n:0width$}a-front.png")
    }
}

/// Whether `name` is one that `face_name` gives.
pub fn is_face_name(name: &str) -> bool {
    let digits = name.bytes().take_while(u8::is_ascii_digit).count();
    digits >= 3 && matches!(&name[digits..], "a-front.png" | "b-back.png")
}

/// Every page of cards.pdf (front, back, front, back, …) as a PNG at the
/// shop's exact pixel size (RGB, no alpha, its dpi and sRGB recorded),
/// named in deck order.
pub fn faces(px: Pixels, pdf: &[u8]) -> Result<Vec<OutputFile>, String> {
    let files = crate::render::png::each_page_at(pdf, (px.width, px.height), |i, img| {
        Ok((i, crate::render::png::png_for_print(&img, px.dpi)?))
    })?;
    let width = (files.len() / 2).to_string().len().max(3);
    Ok(files
        .into_iter()
        .map(|(i, bytes)| OutputFile {
            name: face_name(i / 2 + 1, width, i % 2 == 1),
            bytes,
            summary: String::new(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shops_bleed_is_their_pixels_beyond_the_trim() {
        let poker = crate::geom::parse_card_size("poker").unwrap();
        let (size, bleed) = Shop::TheGameCrafter.card(&poker);
        assert_eq!(size.size, POKER_US);
        assert!((bleed - 3.175).abs() < 0.001, "{bleed}");
        let (_, bleed) = Shop::MakePlayingCards.card(&poker);
        assert!((bleed - 3.048).abs() < 0.001, "{bleed}");
        let (size, bleed) = Shop::DriveThruCards.card(&poker);
        assert_eq!((size.size, bleed), (POKER_US, 3.175));
        // European shops cut the deck's own size, with 3 mm.
        let tarot = crate::geom::parse_card_size("tarot").unwrap();
        assert_eq!(Shop::Pdfx4.card(&tarot), (tarot.clone(), 3.0));
        assert!(Shop::Pdfx4.takes(&tarot).is_ok());
    }

    #[test]
    fn names_sort_fronts_first_in_deck_order() {
        let mut names: Vec<String> = (1..=120)
            .flat_map(|n| [face_name(n, 3, false), face_name(n, 3, true)])
            .collect();
        let order = names.clone();
        names.sort();
        assert_eq!(names, order);
        assert_eq!(face_name(7, 3, false), "007a-front.png");
    }

    #[test]
    fn names_and_sizes() {
        assert_eq!(Shop::parse("The-Game-Crafter"), Ok(Shop::TheGameCrafter));
        assert!(Shop::parse("moo").unwrap_err().contains("makeplayingcards"));
        let tarot = crate::geom::parse_card_size("tarot").unwrap();
        assert!(Shop::MakePlayingCards.takes(&tarot).is_err());
        let poker = crate::geom::parse_card_size("poker").unwrap();
        assert!(Shop::MakePlayingCards.takes(&poker).is_ok());
    }
}
