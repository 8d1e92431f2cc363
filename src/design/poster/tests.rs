//! Tests of the poster: every poster's type at or above its floors and
//! inside the safe area, no lines over each other, every name and title
//! on it; layouts for few and many characteristics; sizes and messages.

use std::path::{Path as FsPath, PathBuf};

use super::layout::{accent, balance, number_ink, ListItem, Sizes};
use super::tile::place_name;
use super::*;
use crate::deck::{Deck, Labels};
use crate::design::colour::contrast;
use crate::design::{Edge, Palette};
use crate::diag::Diagnostics;
use crate::frame::Item;
use crate::geom::Size;
use crate::text::markup::parse;
use crate::text::{Block, Typesetter};

fn load(rel: &str) -> Deck {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel);
    let loaded = crate::deck::load(&path).unwrap();
    assert!(!loaded.diagnostics.has_errors(), "{:?}", loaded.diagnostics);
    loaded.deck.unwrap()
}

fn load_str(text: &str) -> Deck {
    let loaded = crate::deck::load_str(text, FsPath::new("deck.yaml"), FsPath::new("."));
    assert!(!loaded.diagnostics.has_errors(), "{:?}", loaded.diagnostics);
    loaded.deck.unwrap()
}

fn design(deck: &Deck, edge: Edge) -> (Poster, Diagnostics) {
    design_on(deck, A3, edge)
}

fn design_on(deck: &Deck, trim: Size, edge: Edge) -> (Poster, Diagnostics) {
    let mut ts = Typesetter::new(&deck.fonts);
    let mut diags = Diagnostics::default();
    let p = poster(deck, &mut ts, trim, edge, &mut diags);
    (p, diags)
}

/// Lower-case letters and digits only.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The box of a run's letters: from about the cap height above the
/// baseline to a little below it.
fn letters(t: &crate::geom::Transform, run: &crate::frame::GlyphRun) -> Rect {
    let em = pt_to_mm(run.size);
    let o = t.apply(run.origin);
    Rect::new(o.x, o.y - 0.72 * em, run.advance(), 0.92 * em)
}

/// Every painted thing's box, in the frame's coordinates.
fn painted(frame: &Frame) -> Vec<Rect> {
    frame
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Path { path, .. } => path.bounds(),
            Item::Image { rect, .. } | Item::Vector { rect, .. } => Some(*rect),
            Item::Text(r) => Some(r.bounds()),
            Item::Group { .. } => None,
        })
        .collect()
}

/// What every poster must be: type at or above the floors, inside the
/// safe area, no line of text over another, every name in deck order
/// and every behaviour title on it, each characteristic's colour used.
fn check(deck: &Deck, p: &Poster) {
    let live = Rect::from_size(p.scale.trim).inflate(-p.scale.margin());
    let runs = p.frame.text_runs();
    assert!(!runs.is_empty());
    let boxes: Vec<Rect> = runs.iter().map(|(t, r)| letters(t, r)).collect();
    for ((_, run), b) in runs.iter().zip(&boxes) {
        assert!(
            run.size >= p.scale.body_floor() - 1e-3,
            "{} pt: {}",
            run.size,
            run.text
        );
        assert!(
            live.contains_rect(&run.bounds(), 1e-3),
            "{:?} {}",
            run.bounds(),
            run.text
        );
        assert!(live.contains_rect(b, 1e-3));
    }
    for (i, a) in boxes.iter().enumerate() {
        for (j, b) in boxes.iter().enumerate().skip(i + 1) {
            assert!(
                !a.overlaps(b, 0.05),
                "\"{}\" overlaps \"{}\"",
                runs[i].1.text,
                runs[j].1.text
            );
        }
    }
    let s = p.scale;
    assert!(p.title >= s.title_floor() && p.name >= s.name_floor() && p.body >= s.body_floor());
    // The title, then the numbers and names in deck order.
    let sized = |size: Pt| {
        runs.iter()
            .filter(|(_, r)| (r.size - size).abs() < 1e-3)
            .map(|(_, r)| &*r.text)
            .collect::<String>()
    };
    assert_eq!(squash(&sized(p.title)), squash(deck.title.plain()));
    let names: String = deck
        .characteristics
        .iter()
        .map(|c| format!("{}{}", c.number, c.name.plain()))
        .collect();
    assert_eq!(squash(&sized(p.name)), squash(&names));
    let all = squash(&p.frame.plain_text());
    for (_, b) in deck.behaviours() {
        assert!(
            all.contains(&squash(b.title.plain())),
            "{}",
            b.title.plain()
        );
        if p.content == Content::Texts {
            assert!(all.contains(&squash(b.text.plain())), "{}", b.text.plain());
        }
    }
    for c in &deck.characteristics {
        let used = p
            .frame
            .items
            .iter()
            .any(|i| matches!(i, Item::Path { fill: Some(f), .. } if *f == c.colour));
        assert!(used, "{} not painted", c.colour.hex());
    }
}

#[test]
fn the_tagline_is_the_sentence_with_the_bold_phrase() {
    let t = |s: &str| tagline(&parse(s).unwrap());
    let a = t("Leaders **build trust** with colleagues. Without trust there is nothing.");
    assert_eq!(a.text, "Leaders build trust with colleagues.");
    assert_eq!(a.bold_phrases(), vec!["build trust"]);
    let b = t("First things first. Then, e.g. the **second** counts! Not this one.");
    assert_eq!(b.text, "Then, e.g. the second counts!");
    assert_eq!(b.bold_phrases(), vec!["second"]);
    assert_eq!(t("No bold here. None at all.").text, "No bold here.");
    let d = t("One sentence with **bold** and no full stop");
    assert_eq!(d.text, "One sentence with bold and no full stop");
    let e = t("He said \"go.\" Then **she** went.");
    assert_eq!(e.text, "Then she went.");

    let deck = load("deck.yaml");
    let intro = deck.characteristics[0].intro.as_ref().unwrap();
    assert_eq!(
        tagline(&intro.rich).text,
        "Effective SEL system leaders build trust with colleagues and residents across organisational, professional, geographical and cultural boundaries."
    );
}

#[test]
fn the_framework_poster_shows_titles_in_one_column_of_panels() {
    let deck = load("deck.yaml");
    let (p, diags) = design(&deck, Edge::Inset(MARGIN));
    assert!(diags.items.is_empty(), "{diags:?}");
    check(&deck, &p);
    // The 32 full texts need about twice the room: titles only.
    assert_eq!(p.content, Content::Titles);
    // Nothing painted within the margin office printers cannot print.
    let live = Rect::from_size(A3).inflate(-MARGIN);
    for b in painted(&p.frame) {
        assert!(live.contains_rect(&b, 1e-3), "{b:?}");
    }
    // With bleed the colour bar runs past the trim.
    let (bled, diags) = design(&deck, Edge::Bleed);
    assert!(diags.items.is_empty(), "{diags:?}");
    assert!(painted(&bled.frame)
        .iter()
        .any(|b| b.y < -MARGIN + 1e-3 && b.x < 0.0));
    assert_eq!(bled.frame.plain_text(), p.frame.plain_text());
}

#[test]
fn three_and_eight_characteristics_give_good_posters() {
    let three = load("tests/fixtures/poster-3.yaml");
    let (p3, diags) = design(&three, Edge::Inset(MARGIN));
    assert!(diags.items.is_empty(), "{diags:?}");
    check(&three, &p3);
    assert_eq!(p3.content, Content::Texts, "few behaviours: full texts");
    assert!(p3.body > 16.0, "{}", p3.body);

    let eight = load("tests/fixtures/poster-8.yaml");
    let (p8, diags) = design(&eight, Edge::Inset(MARGIN));
    assert!(diags.items.is_empty(), "{diags:?}");
    check(&eight, &p8);
    assert_eq!(p8.content, Content::Titles);
    // Eight panels fit only two by two: 1 and 2 side by side, 3 under 1.
    let at = |n: &str| {
        let runs = p8.frame.text_runs();
        let (_, r) = runs
            .iter()
            .find(|(_, r)| (r.size - p8.name).abs() < 1e-3 && &*r.text == n)
            .unwrap();
        r.origin
    };
    let (one, two, three) = (at("1"), at("2"), at("3"));
    let half = (A3.w - 2.0 * MARGIN + 3.5) / 2.0;
    assert!((two.x - one.x - half).abs() < 1e-3, "{one:?} {two:?}");
    assert!((three.x - one.x).abs() < 1e-3 && three.y > one.y + 20.0);
}

/// A deck of `n` characteristics of `b` behaviours with these titles.
fn deck_of(n: usize, b: usize, name: &str, title: &str) -> String {
    let mut s = String::from("title: A deck\ncharacteristics:\n");
    for i in 0..n {
        s.push_str(&format!(
            "  - id: c{i}\n    name: {name}\n    colour: \"#1f5fa8\"\n    intro: They **do it** well.\n    behaviours:\n"
        ));
        for j in 0..b {
            s.push_str(&format!(
                "      - title: {title} {j}\n        text: The **{title} {j}** of it.\n"
            ));
        }
    }
    s
}

#[test]
fn what_cannot_fit_at_the_floor_is_located() {
    let title = "a behaviour with a title long enough to take two lines in any column";
    let deck = load_str(&deck_of(6, 9, "Too much", title));
    let (_, diags) = design(&deck, Edge::Inset(MARGIN));
    assert!(diags.has_errors());
    // One mistake, one error, with a note per panel over its share.
    assert_eq!(diags.errors(), 1, "{diags:?}");
    let d = &diags.items[0];
    assert!(
        d.message
            .contains("6 characteristics do not fit on the poster even with only the behaviours' titles at 14 pt"),
        "{d:?}"
    );
    assert!(!d.notes.is_empty());
    assert!(d.help.as_deref().unwrap().contains("larger poster"));
    assert!(d
        .subject
        .as_deref()
        .unwrap()
        .starts_with("poster, characteristic 1 \"c0\", field behaviours"));
    // At the first behaviour's title of the first characteristic.
    assert_eq!(d.at.unwrap().line, 8, "{d:?}");
    assert!(d.help.as_deref().unwrap().contains("shorten"));

    // A name too long for two lines across the whole poster.
    let long = "Unbelievably ".repeat(14);
    let deck = load_str(&deck_of(1, 2, long.trim(), "fine"));
    let (_, diags) = design(&deck, Edge::Inset(MARGIN));
    let d = &diags.items[0];
    assert!(
        d.subject.as_deref().unwrap().ends_with("field name"),
        "{d:?}"
    );
    assert_eq!(d.at.unwrap().line, 4);
}

#[test]
fn more_room_gives_larger_type() {
    let (few, _) = design(&load_str(&deck_of(2, 3, "Short", "fine")), Edge::Bleed);
    let title = "a behaviour with a medium title";
    let (many, _) = design(&load_str(&deck_of(5, 7, "Short", title)), Edge::Bleed);
    assert!(few.body > many.body, "{} vs {}", few.body, many.body);
    assert!(few.body <= BODY_MAX);
}

fn block(height: Mm) -> Block {
    Block {
        runs: Vec::new(),
        width: 10.0,
        height,
        first_baseline: 0.0,
        last_baseline: 0.0,
        lines: 1,
        size: BODY_FLOOR,
    }
}

#[test]
fn lists_balance_their_columns_in_order() {
    let sz = Sizes::at(BODY_FLOOR, Scale::of(A3));
    let items: Vec<ListItem> = [6.0, 6.0, 12.0, 6.0, 6.0, 6.0, 6.0]
        .iter()
        .map(|&h| ListItem {
            code: block(6.0),
            title: Some(block(h)),
            text: None,
        })
        .collect();
    let cols = balance(&items, 3, &sz);
    assert_eq!(cols, vec![0..2, 2..4, 4..7]);
    assert_eq!(balance(&items, 1, &sz), vec![0..7]);
    // No more columns than needed: two items of one line side by side.
    assert_eq!(balance(&items[..2], 4, &sz), vec![0..1, 1..2]);
    assert!(balance(&[], 3, &sz).is_empty());
}

#[test]
fn colours_read_on_their_panels() {
    for c in &load("deck.yaml").characteristics {
        let pal = Palette::of(c.colour);
        // The number in the band is large text: AA asks 3:1.
        assert!(
            contrast(number_ink(&pal), pal.fill) >= 3.0,
            "{}",
            c.colour.hex()
        );
        // Codes and bold phrases on the tint: 4.5:1.
        assert!(
            contrast(accent(&pal), pal.tint) >= 4.5,
            "{}",
            c.colour.hex()
        );
        assert!(contrast(ink::TEXT, pal.tint) >= 7.0);
    }
}

#[test]
fn tile_labels_say_where_the_sheet_goes() {
    let mut ts = Typesetter::default();
    let label = tile_label(
        &mut ts,
        &Labels::default(),
        Size::new(150.0, 16.0),
        (0, 1),
        (2, 2),
    );
    assert_eq!(label.plain_text(), "2 of 4, top right");
    let filled = label
        .items
        .iter()
        .filter(|i| matches!(i, Item::Path { fill: Some(_), .. }))
        .count();
    assert_eq!(filled, 1, "one cell of the map filled");
    assert_eq!(
        place_name(&Labels::default(), (2, 1), (3, 3)),
        "bottom centre"
    );
    assert_eq!(place_name(&Labels::default(), (0, 1), (1, 2)), "right");
    assert_eq!(
        place_name(&Labels::default(), (3, 0), (4, 2)),
        "row 4, column 1"
    );
}
