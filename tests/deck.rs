//! `deck.yaml` against its source: the framework's text word for word (the
//! detailed sections, which win over the overview), every behaviour on its
//! own card, and colours that are legible and stay apart for colour-blind
//! readers.

use std::path::Path;

use deckpress::deck::{self, Deck};
use deckpress::design::colour::{contrast, difference, text_on, Vision, AA};
use deckpress::frame::Color;
use deckpress::text::markup::{parse, Rich};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn the_deck() -> Deck {
    let loaded = deck::load(&root().join("deck.yaml")).unwrap();
    assert!(
        loaded.diagnostics.items.is_empty(),
        "{:?}",
        loaded.diagnostics
    );
    loaded.deck.unwrap()
}

/// The source text of the framework, as supplied.
fn seed() -> String {
    std::fs::read_to_string(root().join("tests/fixtures/seed-framework.txt")).unwrap()
}

/// One detailed section of the source: its lines, trimmed, without blanks.
fn sections(seed: &str, names: &[&str]) -> Vec<Vec<String>> {
    let lines: Vec<&str> = seed.lines().map(str::trim).collect();
    // The detailed sections start at the second heading of the first name
    // (the first is in the overview).
    let starts: Vec<usize> = names
        .iter()
        .map(|name| {
            let hits: Vec<usize> = lines
                .iter()
                .enumerate()
                .filter(|(_, l)| l == &name)
                .map(|(i, _)| i)
                .collect();
            *hits
                .last()
                .unwrap_or_else(|| panic!("{name} is not a heading of the source"))
        })
        .collect();
    let mut out = Vec::new();
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(lines.len());
        assert!(end > s, "sections are in the source's order");
        out.push(
            lines[s..end]
                .iter()
                .filter(|l| !l.is_empty())
                .map(|l| l.to_string())
                .collect(),
        );
    }
    out
}

fn rich(s: &str) -> Rich {
    parse(s).unwrap_or_else(|e| panic!("{s}: {e:?}"))
}

#[test]
fn deck_yaml_is_the_framework_word_for_word() {
    let deck = the_deck();
    let seed = seed();
    let first: Vec<&str> = seed
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(deck.title.plain(), first[0]);
    assert_eq!(
        deck.credit.as_ref().unwrap().plain(),
        format!("{} {}", first[1], first[2])
    );
    assert!(first.contains(&deck.short_title.as_ref().unwrap().plain()));

    let names: Vec<&str> = deck
        .characteristics
        .iter()
        .map(|c| c.name.plain())
        .collect();
    assert_eq!(names.len(), 5);
    let sections = sections(&seed, &names);
    let mut total = 0;
    for (c, lines) in deck.characteristics.iter().zip(&sections) {
        let mut it = lines.iter();
        assert_eq!(it.next().unwrap(), c.name.plain());
        assert_eq!(
            c.intro.as_ref().unwrap().rich,
            rich(it.next().unwrap()),
            "{}: intro",
            c.id
        );
        assert_eq!(
            c.lead_in.as_ref().unwrap().rich,
            rich(it.next().unwrap()),
            "{}: lead-in",
            c.id
        );
        let rest: Vec<&String> = it.collect();
        let bullets: Vec<&str> = rest.iter().filter_map(|l| l.strip_prefix("- ")).collect();
        let pillars: Vec<&str> = rest
            .iter()
            .filter(|l| !l.starts_with("- "))
            .map(|l| l.as_str())
            .collect();
        assert_eq!(
            c.behaviours.len(),
            bullets.len(),
            "{}: one card per bullet",
            c.id
        );
        for (b, bullet) in c.behaviours.iter().zip(&bullets) {
            assert_eq!(
                b.text.rich,
                rich(bullet),
                "{}: behaviour {}",
                c.id,
                b.number
            );
            let bold = b.text.rich.bold_phrases();
            assert_eq!(
                b.title.plain(),
                bold[0],
                "{}: the title of behaviour {} is its (first) bold phrase",
                c.id,
                b.number
            );
        }
        let deck_pillars: Vec<&str> = c.pillars.iter().map(|p| p.plain()).collect();
        assert_eq!(deck_pillars, pillars, "{}: pillars", c.id);
        total += c.behaviours.len();
    }
    assert_eq!(total, 32);
    assert_eq!(deck.card_count(), 37);
}

#[test]
fn every_word_of_the_source_is_in_the_deck() {
    let deck = the_deck();
    let mut words = String::new();
    let mut add = |s: &str| {
        words.push(' ');
        words.push_str(s);
    };
    add(deck.title.plain());
    add(deck.short_title.as_ref().unwrap().plain());
    add(deck.credit.as_ref().unwrap().plain());
    for c in &deck.characteristics {
        add(c.name.plain());
        add(c.intro.as_ref().unwrap().plain());
        add(c.lead_in.as_ref().unwrap().plain());
        for p in &c.pillars {
            add(p.plain());
        }
        for b in &c.behaviours {
            add(b.text.plain());
        }
    }
    let split = |s: &str| -> Vec<String> {
        s.replace("**", "")
            .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
            .map(|w| w.trim_matches(['\'', '-']).to_lowercase())
            .filter(|w| !w.is_empty())
            .collect()
    };
    let have: std::collections::HashSet<String> = split(&words).into_iter().collect();
    let missing: Vec<String> = split(&seed())
        .into_iter()
        .filter(|w| !have.contains(w))
        .collect();
    assert!(
        missing.is_empty(),
        "words of the source not in the deck: {missing:?}"
    );
}

#[test]
fn colours_carry_white_text_at_aa_and_stay_apart_for_colour_blind_readers() {
    let deck = the_deck();
    let colours: Vec<(&str, Color)> = deck
        .characteristics
        .iter()
        .map(|c| (c.id.as_str(), c.colour))
        .collect();
    for (id, c) in &colours {
        let on = text_on(*c);
        assert!(contrast(on, *c) >= AA, "{id}: text on {}", c.hex());
        assert_eq!(
            on,
            Color::WHITE,
            "{id}: the cards set white text on the colour"
        );
        // The colour is also used for titles on white.
        assert!(
            contrast(*c, Color::WHITE) >= AA,
            "{id}: {} as text on white",
            c.hex()
        );
    }
    for v in Vision::ALL {
        for (i, (a, ca)) in colours.iter().enumerate() {
            for (b, cb) in &colours[i + 1..] {
                let d = difference(*ca, *cb, v);
                let need = if v == Vision::Normal { 40.0 } else { 20.0 };
                assert!(d >= need, "{a} and {b} are only {d:.1} apart for {v:?}");
            }
        }
    }
}

#[test]
fn each_characteristic_has_its_own_icon() {
    let deck = the_deck();
    let mut seen = Vec::new();
    for c in &deck.characteristics {
        let icon = c
            .icon
            .as_ref()
            .unwrap_or_else(|| panic!("{} has no icon", c.id));
        // Vector icons print sharp at any size.
        let deck::Icon::Vector(art) = &icon.icon else {
            panic!("{}: the bundled icons are SVG", c.id)
        };
        assert!(art.is_monochrome(), "{}", c.id);
        assert!(!seen.contains(art), "{}: shares an icon", c.id);
        seen.push(art.clone());
    }
}
