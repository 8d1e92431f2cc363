//! Properties over generated decks and settings: whatever the deck's shape,
//! texts, colours, card size and paper, building gives either complete
//! PDFs (every card on its own page, front and back) or located errors;
//! never a panic. Run with every `cargo test`.

use std::path::Path;

use deckpress::build::{self, Overrides};
use deckpress::deck::{self, Output};
use deckpress::geom::{parse_size, Cut, Duplex, CARD_PRESETS, PAPER_PRESETS};
use proptest::prelude::*;

/// Words a facilitator writes, and some that are trouble: accents, a
/// right-to-left word, an emoji, markup, long words.
const WORDS: &[&str] = &[
    "trust",
    "we",
    "listen",
    "before",
    "they",
    "speak",
    "**clear**",
    "*often*",
    "café",
    "naïve",
    "œuvre",
    "Straße",
    "–",
    "“quoted”",
    "100%",
    "&",
    "שלום",
    "🙂",
    "extraordinarily-long-compound",
    "a",
    "of",
    "the",
    "partners",
    "boundaries",
];

fn text(words: Vec<usize>) -> String {
    let mut s: Vec<&str> = words.iter().map(|&i| WORDS[i % WORDS.len()]).collect();
    // Every behaviour text has its bold phrase.
    s.push("**done**");
    s.join(" ")
}

fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

prop_compose! {
    fn a_deck()(
        chars in prop::collection::vec(
            (
                any::<u32>(),
                prop::collection::vec(prop::collection::vec(0usize..64, 1..40), 1..8),
                prop::option::of(prop::collection::vec(0usize..64, 3..30)),
                prop::bool::ANY,
            ),
            1..6,
        ),
        title in prop::collection::vec(0usize..64, 1..12),
    ) -> String {
        let mut s = format!("title: {}\ncharacteristics:\n", quoted(&text(title)));
        for (i, (colour, behaviours, intro, icon)) in chars.into_iter().enumerate() {
            s.push_str(&format!(
                "  - id: c{i}\n    name: {}\n    colour: \"#{:06x}\"\n",
                quoted(&format!("Characteristic {i}")),
                colour & 0xff_ffff
            ));
            if icon {
                s.push_str("    icon: ../../assets/trust.svg\n");
            }
            if let Some(words) = intro {
                s.push_str(&format!("    intro: {}\n", quoted(&text(words))));
            }
            s.push_str("    behaviours:\n");
            for (j, words) in behaviours.into_iter().enumerate() {
                s.push_str(&format!(
                    "      - title: b{j}\n        text: {}\n",
                    quoted(&text(words))
                ));
            }
        }
        s
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20))]

    #[test]
    fn any_deck_builds_or_says_why(
        yaml in a_deck(),
        card in 0..CARD_PRESETS.len(),
        paper in 0..PAPER_PRESETS.len(),
        butted in prop::bool::ANY,
        duplex in 0..Duplex::ALL.len(),
    ) {
        let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let loaded = deck::load_str(&yaml, Path::new("deck.yaml"), &base);
        let Some(mut deck) = loaded.deck else {
            // A generated deck is valid YAML: it always loads.
            panic!("not loaded: {:?}", loaded.diagnostics);
        };
        let overrides = Overrides {
            card_size: parse_size(CARD_PRESETS[card].0, CARD_PRESETS).ok(),
            paper: parse_size(PAPER_PRESETS[paper].0, PAPER_PRESETS).ok(),
            cut: Some(if butted { Cut::Butted } else { Cut::Gutter }),
            duplex: Some(Duplex::ALL[duplex]),
            ..Overrides::default()
        };
        overrides.apply(&mut deck);
        let mut diags = loaded.diagnostics;
        let wanted = [Output::Cards, Output::Sheets, Output::Handout];
        let built = build::build(&deck, &wanted, &mut diags).expect("renders");
        if built.complete() {
            let cards = built.files.iter().find(|f| f.name == "cards.pdf").expect("cards.pdf");
            let doc = lopdf::Document::load_mem(&cards.bytes).expect("a PDF");
            prop_assert_eq!(doc.get_pages().len(), 2 * deck.card_count());
            prop_assert!(!diags.has_errors());
            // The handout holds every behaviour's words.
            let handout = built.files.iter().find(|f| f.name == "handout.pdf").expect("handout.pdf");
            let doc = lopdf::Document::load_mem(&handout.bytes).expect("a PDF");
            let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
            let squash = |s: &str| -> String {
                s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
            };
            let text = squash(&doc.extract_text(&pages).unwrap_or_default());
            for c in &deck.characteristics {
                for b in &c.behaviours {
                    for w in b.text.plain().split_whitespace() {
                        prop_assert!(text.contains(&squash(w)), "{:?} of {} is not in the handout", w, b.code(c));
                    }
                }
            }
        } else {
            // Whatever is wrong is an error, and every error says where.
            prop_assert!(diags.has_errors());
            for d in diags.sorted().iter().filter(|d| d.is_error()) {
                prop_assert!(d.at.is_some() || d.subject.is_some(), "{:?}", d);
                prop_assert!(d.help.is_some(), "{:?}", d);
            }
        }
    }
}
