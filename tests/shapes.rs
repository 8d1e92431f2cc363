//! Decks of every shape a facilitator brings (1 to 12 characteristics, 1 to
//! 15 behaviours, short statements, long credits, missing icons, SVG
//! icons, a house font, right-to-left text with fallback fonts) build
//! cards, sheets and a poster: every word printed, nothing over anything
//! else, no bare faces. The faces are checked as designed, the PDFs as
//! written (read back with lopdf).

mod common;

use std::path::{Path, PathBuf};

use common::*;
use deckpress::deck::{self, Deck};
use deckpress::design::{self, CardKind, Edge};
use deckpress::diag::Diagnostics;
use deckpress::frame::{Frame, GlyphRun, Item};
use deckpress::geom::{pt_to_mm, Rect, Transform};
use deckpress::text::Typesetter;

const SHAPES: &[&str] = &[
    "one",
    "twelve",
    "fifteen",
    "statements",
    "long-credit",
    "facilitation",
    "french",
    "hebrew",
    "arabic",
    "svg-icons",
    "house-font",
];

fn shape(name: &str) -> PathBuf {
    fixture(&format!("shapes/{name}.yaml"))
}

fn load_deck(path: &Path) -> Deck {
    let loaded = deck::load(path).unwrap();
    assert!(
        !loaded.diagnostics.has_errors(),
        "{}: {:?}",
        path.display(),
        loaded.diagnostics
    );
    loaded.deck.unwrap()
}

/// The box of a run's letters: from about the cap height above the
/// baseline to a little below it.
fn letters(t: &Transform, run: &GlyphRun) -> Rect {
    let em = pt_to_mm(run.size);
    let o = t.apply(run.origin);
    Rect::new(o.x, o.y - 0.72 * em, run.advance(), 0.92 * em)
}

/// No line of text over another, every letter at least 3 mm inside the
/// trim, nothing below 7 pt.
fn check_face(frame: &Frame, what: &str) {
    let runs = frame.text_runs();
    let safe = Rect::from_size(frame.size).inflate(-3.0);
    let boxes: Vec<Rect> = runs.iter().map(|(t, r)| letters(t, r)).collect();
    for ((_, run), b) in runs.iter().zip(&boxes) {
        assert!(
            run.size >= 7.0 - 1e-3,
            "{what}: {} pt: {}",
            run.size,
            run.text
        );
        assert!(
            safe.contains_rect(b, 1e-3),
            "{what}: \"{}\" at {b:?} is within 3 mm of the cut",
            run.text
        );
    }
    for (i, a) in boxes.iter().enumerate() {
        for (j, b) in boxes.iter().enumerate().skip(i + 1) {
            assert!(
                !a.overlaps(b, 0.05),
                "{what}: \"{}\" touches \"{}\"",
                runs[i].1.text,
                runs[j].1.text
            );
        }
    }
}

/// How far down the card something is painted on the white panel, below
/// the band: text or a shape, as a share of the card's height. A front
/// showing only its name and title is "bare": nothing below the top third.
fn lowest_content(frame: &Frame) -> f32 {
    let h = frame.size.h;
    let mut lowest: f32 = 0.0;
    for item in &frame.items {
        let r = match item {
            Item::Text(run) => run.bounds(),
            Item::Vector { rect, .. } | Item::Image { rect, .. } => *rect,
            Item::Path { path, .. } => match path.bounds() {
                // Backgrounds and the panel itself are not content.
                Some(b) if b.h < 0.6 * h && b.w < 0.9 * frame.size.w => b,
                _ => continue,
            },
            Item::Group { .. } => continue,
        };
        lowest = lowest.max(r.bottom() / h);
    }
    lowest
}

#[test]
fn every_shape_of_deck_gives_readable_cards_with_no_bare_faces() {
    for name in SHAPES {
        let deck = load_deck(&shape(name));
        let mut ts = Typesetter::new(&deck.fonts);
        let mut diags = Diagnostics::default();
        let faces = design::card_faces(&deck, &mut ts, Edge::Bleed, &mut diags);
        assert!(!diags.has_errors(), "{name}: {diags:?}");
        assert_eq!(faces.len(), deck.card_count(), "{name}");
        let mut body_sizes = Vec::new();
        for card in &faces {
            let what = format!("{name}: {}", card.label);
            check_face(&card.front, &format!("{what} front"));
            check_face(&card.back, &format!("{what} back"));
            // Reversed type (white on the colour) is at least 6 pt bold or
            // 8 pt regular, front and back.
            for face in [&card.front, &card.back] {
                for (_, run) in face.text_runs() {
                    if run.color == deckpress::frame::Color::WHITE && !run.text.trim().is_empty() {
                        let bold = matches!(
                            run.style,
                            deckpress::fonts::Face::Bold | deckpress::fonts::Face::BoldItalic
                        );
                        assert!(
                            (bold && run.size >= 6.0) || run.size >= 8.0,
                            "{what}: white {:?} text at {} pt: {:?}",
                            run.style,
                            run.size,
                            run.text
                        );
                    }
                }
            }
            // The footer (the short title and the code) is the lowest text;
            // a front needs content well below its band.
            if let CardKind::Summary { .. } = card.kind {
                let low = lowest_content(&card.front);
                assert!(low > 0.55, "{what}: the front is bare ({low:.2})");
            }
            if let CardKind::Behaviour { c, b } = card.kind {
                let behaviour = &deck.characteristics[c].behaviours[b];
                // Every word, in order for left-to-right text (right-to-left
                // lines hold their runs in visual order).
                let text = squash(&card.front.plain_text());
                let rtl = matches!(*name, "hebrew" | "arabic");
                if rtl {
                    for word in behaviour.text.plain().split_whitespace() {
                        assert!(
                            text.contains(&squash(word)),
                            "{what}: \"{word}\" is not printed"
                        );
                    }
                } else {
                    assert!(
                        text.contains(&squash(behaviour.text.plain())),
                        "{what}: its text is not all printed"
                    );
                }
                // The body's size: that of the longest plain run of its
                // text (the footer is small, the title bold).
                let size = card
                    .front
                    .text_runs()
                    .iter()
                    .filter(|(_, r)| {
                        !r.style.is_bold() && behaviour.text.plain().contains(r.text.trim())
                    })
                    .max_by_key(|(_, r)| r.text.len())
                    .map(|(_, r)| r.size);
                body_sizes.extend(size);
            }
        }
        // One body size for the whole deck.
        body_sizes.sort_by(f32::total_cmp);
        body_sizes.dedup();
        assert!(body_sizes.len() <= 1, "{name}: body sizes {body_sizes:?}");
    }
}

#[test]
fn right_to_left_decks_are_laid_out_from_the_right() {
    for name in ["hebrew", "arabic"] {
        let deck = load_deck(&shape(name));
        assert!(deck.is_rtl(), "{name}");
        let mut ts = Typesetter::new(&deck.fonts);
        let mut diags = Diagnostics::default();
        let faces = design::card_faces(&deck, &mut ts, Edge::Bleed, &mut diags);
        for card in faces
            .iter()
            .filter(|c| matches!(c.kind, CardKind::Behaviour { .. }))
        {
            let b = match card.kind {
                CardKind::Behaviour { c, b } => &deck.characteristics[c].behaviours[b],
                _ => unreachable!(),
            };
            let w = card.front.size.w;
            // The title's lines end at the right of the panel; the code, at
            // the foot, sits at the left.
            let runs = card.front.text_runs();
            let title = runs
                .iter()
                .filter(|(_, r)| r.style.is_bold() && b.title.plain().contains(r.text.trim()))
                .map(|(t, r)| letters(t, r).right())
                .fold(0.0, f32::max);
            assert!(
                title > 0.8 * w,
                "{name} {}: title ends at {title}",
                card.label
            );
            let code = runs
                .iter()
                .find(|(_, r)| r.text.trim() == card.code)
                .map(|(t, r)| letters(t, r).x)
                .unwrap();
            assert!(code < 0.3 * w, "{name} {}: code at {code}", card.label);
        }
    }
    // Left-to-right decks are not mirrored.
    assert!(!load_deck(&shape("french")).is_rtl());
}

#[test]
fn two_digit_codes_never_touch_their_titles() {
    // twelve.yaml goes up to 12.12 and fifteen.yaml to 1.15: every code on
    // the summary cards' lists stands clear of its title.
    for name in ["twelve", "fifteen"] {
        let deck = load_deck(&shape(name));
        let mut ts = Typesetter::new(&deck.fonts);
        let mut diags = Diagnostics::default();
        let faces = design::card_faces(&deck, &mut ts, Edge::Bleed, &mut diags);
        for card in faces
            .iter()
            .filter(|c| matches!(c.kind, CardKind::Summary { .. }))
        {
            for face in [&card.front, &card.back] {
                let runs = face.text_runs();
                for (t, code) in &runs {
                    let is_code = code.text.contains('.')
                        && code.text.chars().all(|c| c.is_ascii_digit() || c == '.');
                    if !is_code {
                        continue;
                    }
                    let c = letters(t, code);
                    let next = runs
                        .iter()
                        .filter(|(t2, r)| {
                            let b = letters(t2, r);
                            (b.y - c.y).abs() < 0.5 && b.x > c.x + 0.1
                        })
                        .map(|(t2, r)| letters(t2, r).x)
                        .fold(f32::INFINITY, f32::min);
                    assert!(
                        next - c.right() >= 0.8,
                        "{name}, {}: code {} is {:.2} mm from its title",
                        card.label,
                        code.text,
                        next - c.right()
                    );
                }
            }
        }
    }
}

#[test]
fn every_shape_builds_all_outputs_with_every_word_in_the_pdfs() {
    for name in SHAPES {
        let path = shape(name);
        let deck = load_deck(&path);
        // The twelve characteristics' 78 titles need an A2 poster.
        let extra: &[&str] = if *name == "twelve" {
            &["--poster-size", "a2"]
        } else {
            &[]
        };
        let out = build(&path, &format!("shape-{name}"), extra);
        let cards = load(&out.join("cards.pdf"));
        assert_eq!(pages(&cards).len(), 2 * deck.card_count(), "{name}");
        for page in pages(&cards) {
            let trim = page_box(&cards, page, b"TrimBox").unwrap();
            let (w, h) = box_size(trim);
            assert!(close(w, 63.0, 0.01) && close(h, 88.0, 0.01), "{name}");
        }
        let fonts = embedded_fonts(&cards);
        if *name == "house-font" {
            assert!(
                fonts.iter().any(|f| f.contains("NotoSerif-Bold")),
                "{fonts:?}"
            );
            assert!(
                fonts.iter().any(|f| f.contains("NotoSerif-Italic")),
                "{fonts:?}"
            );
            assert!(
                fonts.iter().any(|f| f.contains("NotoSansHebrew")),
                "{fonts:?}"
            );
        }
        if *name == "arabic" {
            assert!(
                fonts.iter().any(|f| f.contains("NotoNaskhArabic-Bold")),
                "{fonts:?}"
            );
        }
        let rtl = matches!(*name, "hebrew" | "arabic");
        let text = squash(&all_text(&cards));
        for (_, b) in deck.behaviours() {
            // Right-to-left lines come out of the PDF run by run in visual
            // order: their words are checked one by one.
            let words: Vec<String> = if rtl {
                b.text.plain().split_whitespace().map(squash).collect()
            } else {
                vec![squash(b.text.plain())]
            };
            for w in words {
                // ... each word's letters possibly in visual order.
                assert!(
                    text.contains(&w) || text.contains(&visual(&w)),
                    "{name}: \"{w}\" of {} is not in cards.pdf",
                    b.code(
                        deck.characteristics
                            .iter()
                            .find(|c| c.behaviours.contains(b))
                            .unwrap()
                    )
                );
            }
        }
        let poster = load(&out.join("poster.pdf"));
        assert_eq!(pages(&poster).len(), 1);
        let sheets = load(&out.join("sheets.pdf"));
        assert!(pages(&sheets).len() >= 3, "{name}");
        // Every shape's tagged documents pass krilla's PDF/UA-1 checks
        // (else they would be written tagged without the claim).
        for doc in ["cards", "poster", "handout", "worksheet"] {
            let d = load(&out.join(format!("{doc}.pdf")));
            assert_eq!(pdf_ua(&d), (true, true), "{name}: {doc}.pdf");
        }
    }
}

/// `s` with each stretch of right-to-left letters reversed: how a reader
/// that follows the glyphs extracts it.
fn visual(s: &str) -> String {
    let rtl =
        |c: char| ('\u{0590}'..='\u{08ff}').contains(&c) || ('\u{fb1d}'..='\u{fefc}').contains(&c);
    let mut out = String::new();
    let mut stretch: Vec<char> = Vec::new();
    for c in s.chars() {
        if rtl(c) {
            stretch.push(c);
        } else {
            out.extend(stretch.drain(..).rev());
            out.push(c);
        }
    }
    out.extend(stretch.drain(..).rev());
    out
}

#[test]
fn posters_of_every_size_and_orientation() {
    let deck_path = root().join("deck.yaml");
    let deck = load_deck(&deck_path);
    for (size, w, h) in [
        ("a3", 297.0, 420.0),
        ("a2", 420.0, 594.0),
        ("a1", 594.0, 841.0),
        ("a0", 841.0, 1189.0),
    ] {
        for way in ["portrait", "landscape"] {
            let out = temp_dir(&format!("poster-{size}-{way}"));
            let o = deckpress(&[
                "poster",
                "--poster-size",
                size,
                "--orientation",
                way,
                "-o",
                out.to_str().unwrap(),
            ]);
            let report = stdout(&o);
            if size == "a3" && way == "landscape" {
                // The framework is a few mm too tall for A3 landscape: one
                // error, which says that A3 portrait holds it.
                assert_eq!(o.status.code(), Some(1));
                let err = stderr(&o);
                assert_eq!(err.matches("error:").count(), 1, "{err}");
                assert!(err.contains("fits on A3 portrait"), "{err}");
                continue;
            }
            assert!(o.status.success(), "{size} {way}: {}", stderr(&o));
            assert!(report.contains("legible from"), "{report}");
            let doc = load(&out.join("poster.pdf"));
            let media = page_box(&doc, pages(&doc)[0], b"MediaBox").unwrap();
            let (pw, ph) = box_size(media);
            let (ew, eh) = if way == "portrait" { (w, h) } else { (h, w) };
            assert!(
                close(pw, ew, 0.01) && close(ph, eh, 0.01),
                "{size} {way}: {pw} × {ph}"
            );
            let text = squash(&all_text(&doc));
            for c in &deck.characteristics {
                assert!(text.contains(&squash(c.name.plain())), "{size} {way}");
            }
            // The framework's full texts fit on A0.
            if size == "a0" {
                assert!(report.contains("behaviour texts"), "{report}");
                for (_, b) in deck.behaviours() {
                    assert!(text.contains(&squash(b.text.plain())), "{size} {way}");
                }
            }
        }
    }
}

#[test]
fn a_long_credit_wraps_and_the_poster_is_made() {
    let out = build(&shape("long-credit"), "long-credit", &["--only", "poster"]);
    let doc = load(&out.join("poster.pdf"));
    let text = squash(&all_text(&doc));
    let deck = load_deck(&shape("long-credit"));
    assert!(text.contains(&squash(deck.credit.as_ref().unwrap().plain())));
    assert!(!out.join("cards.pdf").exists(), "--only poster");
}

#[test]
fn the_deck_s_own_font_without_bold_is_thickened_with_a_warning() {
    let dir = temp_dir("regular-only");
    let fonts = root().join("tests/fixtures/fonts");
    let text = std::fs::read_to_string(shape("statements"))
        .unwrap()
        .replace("../../../assets/", &format!("{}/assets/", root().display()));
    let deck = dir.join("deck.yaml");
    std::fs::write(
        &deck,
        format!(
            "fonts:\n  regular: {}/NotoSerif-Regular.subset.ttf\n{text}",
            fonts.display()
        ),
    )
    .unwrap();
    let o = deckpress(&[
        "build",
        deck.to_str().unwrap(),
        "-o",
        dir.join("out").to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("there is no bold face"), "{err}");
    let doc = load(&dir.join("out/cards.pdf"));
    let fonts = embedded_fonts(&doc);
    assert!(fonts.iter().all(|f| f.contains("NotoSerif")), "{fonts:?}");
}

#[test]
fn font_files_that_cannot_be_used_are_explained() {
    let dir = temp_dir("bad-fonts");
    let base = std::fs::read_to_string(shape("one")).unwrap();
    // A font whose licence forbids embedding (fsType 2), made from the
    // bundled one.
    let mut bytes = std::fs::read(root().join("fonts/NotoSans-Regular.ttf")).unwrap();
    let n = u16::from_be_bytes([bytes[4], bytes[5]]) as usize;
    let os2 = (0..n)
        .map(|i| 12 + 16 * i)
        .find(|&r| &bytes[r..r + 4] == b"OS/2")
        .unwrap();
    let offset = u32::from_be_bytes(bytes[os2 + 8..os2 + 12].try_into().unwrap()) as usize;
    bytes[offset + 8] = 0;
    bytes[offset + 9] = 2;
    std::fs::write(dir.join("restricted.ttf"), bytes).unwrap();
    std::fs::write(dir.join("web.woff2"), b"wOF2\0\0\0\0 not really").unwrap();
    for (key, file, needle) in [
        ("regular", "restricted.ttf", "may not be embedded"),
        ("regular", "web.woff2", "WOFF web font"),
        (
            "regular",
            "Restricted.TTF",
            "write the name with the same capitals",
        ),
        ("fallback", "missing.ttf", "does not exist"),
    ] {
        let deck = dir.join("deck.yaml");
        std::fs::write(&deck, format!("fonts:\n  {key}: {file}\n{base}")).unwrap();
        let o = deckpress(&["check", deck.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{file}");
        let err = stderr(&o);
        assert!(err.contains("deck.yaml:2:"), "{err}");
        assert!(err.contains(needle), "{file}: {err}");
        assert_eq!(err.matches("error:").count(), 1, "{err}");
    }
}

#[test]
fn svg_icons_that_cannot_be_drawn_are_refused_with_the_reason() {
    let dir = temp_dir("bad-svg");
    let base = std::fs::read_to_string(shape("one")).unwrap();
    let gradient = root().join("tests/fixtures/icons/with-gradient.svg");
    let deck = dir.join("deck.yaml");
    std::fs::write(
        &deck,
        base.replace(
            "    colour:",
            &format!("    icon: {}\n    colour:", gradient.display()),
        ),
    )
    .unwrap();
    let o = deckpress(&["check", deck.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("colour gradient"), "{err}");
    assert!(err.contains("flat-colour version"), "{err}");
}
