//! The A3 poster built by the real binary from the real `deck.yaml` and the
//! fixture decks, read back with lopdf: page and boxes, text, the tiled
//! sheets and what part of the poster each shows, errors for a deck that
//! cannot fit, and the same bytes on every build.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use lopdf::content::Content;
use lopdf::{Document, Object};

const A3: (f64, f64) = (297.0, 420.0);
const MM_PER_PT: f64 = 25.4 / 72.0;

/// Builds the poster alone into a fresh folder.
fn poster(deck: &Path, name: &str, extra: &[&str]) -> PathBuf {
    let out = temp_dir(name);
    let mut args = vec![
        "poster",
        deck.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let o = deckpress(&args);
    assert!(
        o.status.success(),
        "poster failed:\n{}\n{}",
        stdout(&o),
        stderr(&o)
    );
    out
}

/// One page of 297 x 420 mm with every characteristic's name and every
/// behaviour's title of `deck` in its text.
fn check_poster(pdf: &Path, deck: &Path) {
    let doc = load(pdf);
    let pages = pages(&doc);
    assert_eq!(pages.len(), 1, "{}", pdf.display());
    let (w, h) = page_size(&doc, pages[0]);
    assert!(close(w, A3.0, 0.01) && close(h, A3.1, 0.01), "{w} x {h}");
    let text = squash(&all_text(&doc));
    let names = names(deck);
    assert!(names.len() >= 3, "{names:?}");
    for n in &names {
        assert!(text.contains(&squash(n)), "name {n:?} missing");
    }
    let behaviours = behaviours(deck);
    assert!(!behaviours.is_empty());
    for (title, _) in &behaviours {
        assert!(text.contains(&squash(title)), "title {title:?} missing");
    }
    embedded_fonts(&doc);
}

#[test]
fn build_writes_a_one_page_a3_poster_with_every_name_and_title() {
    let deck = root().join("deck.yaml");
    let out = temp_dir("poster-build");
    let o = deckpress(&["build", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let report = stdout(&o);
    assert!(
        report.contains("poster.pdf: 1 page: A3 portrait (297 × 420 mm) poster"),
        "{report}"
    );
    assert!(report.contains("names legible from 2.1 m"), "{report}");
    assert!(report.contains("behaviour titles at"), "{report}");
    check_poster(&out.join("poster.pdf"), &deck);
    assert!(out.join("cards.pdf").exists());
    // The office poster is not cut: no bleed.
    let doc = load(&out.join("poster.pdf"));
    assert!(page_box(&doc, pages(&doc)[0], b"BleedBox").is_none());
}

#[test]
fn the_poster_command_writes_only_the_poster_and_its_bleed() {
    let deck = root().join("deck.yaml");
    let out = poster(&deck, "poster-bleed", &["--bleed", "3"]);
    let files: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files, vec!["poster.pdf".to_string()]);
    let doc = load(&out.join("poster.pdf"));
    let p = pages(&doc)[0];
    let media = page_box(&doc, p, b"MediaBox").unwrap();
    let trim = page_box(&doc, p, b"TrimBox").expect("TrimBox");
    let bleed = page_box(&doc, p, b"BleedBox").expect("BleedBox");
    let (mw, mh) = box_size(media);
    assert!(
        close(mw, 303.0, 0.01) && close(mh, 426.0, 0.01),
        "{mw} x {mh}"
    );
    let (tw, th) = box_size(trim);
    assert!(
        close(tw, A3.0, 0.01) && close(th, A3.1, 0.01),
        "{tw} x {th}"
    );
    for k in 0..4 {
        assert!(close(bleed[k], media[k], 0.01));
        let outward = if k < 2 {
            trim[k] - bleed[k]
        } else {
            bleed[k] - trim[k]
        };
        assert!(close(outward, 3.0, 0.01), "side {k}: {outward}");
    }
}

/// What a sheet of a tiled poster shows: the poster's part in the poster's
/// mm (from the first clip path on the page, and where the poster is
/// placed by the transform that follows it).
fn sheet_window(doc: &Document, page: lopdf::ObjectId) -> [f64; 4] {
    let (_, page_h) = page_size(doc, page);
    let content = Content::decode(&doc.get_page_content(page)).unwrap();
    let num = |o: &Object| match o {
        Object::Integer(i) => *i as f64,
        Object::Real(r) => *r as f64,
        other => panic!("{other:?}"),
    };
    let mut path: Vec<(f64, f64)> = Vec::new();
    let mut clip = None;
    let mut origin = None;
    for op in &content.operations {
        match op.operator.as_str() {
            "m" | "l" if clip.is_none() => {
                path.push((num(&op.operands[0]), num(&op.operands[1])));
            }
            "W" if clip.is_none() => clip = Some(path.clone()),
            "n" | "f" | "S" if clip.is_none() => path.clear(),
            "cm" if clip.is_some() => {
                let v: Vec<f64> = op.operands.iter().map(num).collect();
                // The poster is drawn in mm, y down: scale 72/25.4, -72/25.4.
                if (v[0] * MM_PER_PT - 1.0).abs() < 1e-4 && (v[3] * MM_PER_PT + 1.0).abs() < 1e-4 {
                    origin = Some((v[4] * MM_PER_PT, page_h - v[5] * MM_PER_PT));
                    break;
                }
            }
            _ => {}
        }
    }
    let clip = clip.expect("a clip path");
    let (ox, oy) = origin.expect("the poster's placement");
    let xs = clip.iter().map(|p| p.0 * MM_PER_PT);
    let ys = clip.iter().map(|p| page_h - p.1 * MM_PER_PT);
    let (x0, x1) = (
        xs.clone().fold(f64::MAX, f64::min),
        xs.fold(f64::MIN, f64::max),
    );
    let (y0, y1) = (
        ys.clone().fold(f64::MAX, f64::min),
        ys.fold(f64::MIN, f64::max),
    );
    [x0 - ox, y0 - oy, x1 - ox, y1 - oy]
}

/// Checks a tiled poster: `count` sheets of `paper`, whose windows cover
/// the whole poster, neighbours sharing 10 mm, each with its label.
fn check_tiles(pdf: &Path, paper: (f64, f64), count: usize) {
    let doc = load(pdf);
    let pages = pages(&doc);
    assert_eq!(pages.len(), count);
    let mut windows = Vec::new();
    for (i, &p) in pages.iter().enumerate() {
        let (w, h) = page_size(&doc, p);
        assert!(
            (close(w, paper.0, 0.01) && close(h, paper.1, 0.01))
                || (close(w, paper.1, 0.01) && close(h, paper.0, 0.01)),
            "sheet {}: {w} x {h}",
            i + 1
        );
        let win = sheet_window(&doc, p);
        // The window is on the sheet, clear of its 10 mm margin.
        let (ox, oy) = (w, h);
        assert!(
            win[2] - win[0] < ox - 20.0 && win[3] - win[1] < oy - 20.0,
            "{win:?}"
        );
        let text = squash(&page_text(&doc, i as u32 + 1));
        assert!(
            text.contains(&format!("{}of{count}", i + 1)),
            "sheet {} label: {text}",
            i + 1
        );
        windows.push(win);
    }
    // Every point of the poster is on some sheet.
    let n = 50;
    for i in 0..=n {
        for j in 0..=n {
            let (x, y) = (A3.0 * i as f64 / n as f64, A3.1 * j as f64 / n as f64);
            assert!(
                windows.iter().any(|w| x >= w[0] - 0.01
                    && x <= w[2] + 0.01
                    && y >= w[1] - 0.01
                    && y <= w[3] + 0.01),
                "({x}, {y}) is on no sheet: {windows:?}"
            );
        }
    }
    // Neighbours share exactly 10 mm; no sheet reaches past the poster.
    for a in &windows {
        assert!(
            a[0] > -0.01 && a[1] > -0.01 && a[2] < A3.0 + 0.01 && a[3] < A3.1 + 0.01,
            "{a:?}"
        );
        for b in &windows {
            if close(a[1], b[1], 0.01) && b[0] > a[0] + 1.0 {
                let shared = a[2] - b[0];
                if shared > 0.0 {
                    assert!(close(shared, 10.0, 0.02), "across: {shared} ({a:?}, {b:?})");
                }
            }
            if close(a[0], b[0], 0.01) && b[1] > a[1] + 1.0 {
                let shared = a[3] - b[1];
                if shared > 0.0 {
                    assert!(close(shared, 10.0, 0.02), "down: {shared} ({a:?}, {b:?})");
                }
            }
        }
    }
    // And each sheet has at least one neighbour it overlaps.
    for (i, a) in windows.iter().enumerate() {
        let touches = windows
            .iter()
            .enumerate()
            .any(|(j, b)| i != j && a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]);
        assert!(touches || count == 1, "sheet {} overlaps no other", i + 1);
    }
}

#[test]
fn tiles_cover_the_poster_on_a4_or_letter_with_10_mm_overlap() {
    let deck = root().join("deck.yaml");
    let out = poster(&deck, "tiles-a4", &["--tile", "a4"]);
    check_poster(&out.join("poster.pdf"), &deck);
    check_tiles(&out.join("poster-tiles.pdf"), (210.0, 297.0), 4);
    let doc = load(&out.join("poster-tiles.pdf"));
    assert!(squash(&page_text(&doc, 2)).contains("2of4topright"));

    let out = poster(&deck, "tiles-letter", &["--tile", "letter"]);
    check_tiles(&out.join("poster-tiles.pdf"), (215.9, 279.4), 4);

    // The sheets always show the office poster, even when the poster
    // itself has bleed.
    let out = poster(&deck, "tiles-bleed", &["--tile", "a4", "--bleed", "3"]);
    check_tiles(&out.join("poster-tiles.pdf"), (210.0, 297.0), 4);
}

#[test]
fn fixture_decks_of_3_and_8_characteristics_give_posters() {
    for (name, content) in [("poster-3.yaml", "texts"), ("poster-8.yaml", "titles")] {
        let deck = fixture(name);
        let out = temp_dir(&format!("fixture-{name}"));
        let o = deckpress(&["build", deck.to_str().unwrap(), "-o", out.to_str().unwrap()]);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        assert!(
            stdout(&o).contains(&format!("behaviour {content} at")),
            "{}",
            stdout(&o)
        );
        check_poster(&out.join("poster.pdf"), &deck);
        if content == "texts" {
            let text = squash(&all_text(&load(&out.join("poster.pdf"))));
            for (title, body) in behaviours(&deck) {
                assert!(text.contains(&squash(&body)), "text of {title:?} missing");
            }
        }
    }
}

/// A deck of `n` characteristics of `b` behaviours each, with long titles.
fn crowded_deck(n: usize, b: usize, extra: &str) -> String {
    let mut s = format!("title: A crowded deck\n{extra}characteristics:\n");
    for i in 0..n {
        s.push_str(&format!(
            "  - id: c{i}\n    name: Characteristic {i}\n    colour: \"#1f5fa8\"\n    intro: They **do this** well.\n    behaviours:\n"
        ));
        for j in 0..b {
            s.push_str(&format!(
                "      - title: a behaviour whose title takes most of a line {j}\n        text: The **behaviour {j}** of it.\n"
            ));
        }
    }
    s
}

#[test]
fn a_deck_too_full_for_the_poster_is_refused_with_located_errors() {
    let dir = temp_dir("crowded");
    let deck = dir.join("deck.yaml");
    std::fs::write(&deck, crowded_deck(8, 12, "")).unwrap();
    let out = dir.join("out");
    for args in [
        vec![
            "poster",
            deck.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        vec!["build", deck.to_str().unwrap(), "-o", out.to_str().unwrap()],
        vec!["check", deck.to_str().unwrap()],
    ] {
        let o = deckpress(&args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains("deck.yaml:8:16: poster, characteristic 1 \"c0\", field behaviours: the 8 characteristics do not fit on the poster"),
            "{err}"
        );
        assert!(err.contains("= help: choose a larger poster"), "{err}");
        // Which poster would hold it, exactly.
        assert!(
            err.contains(
                "= note: the poster fits on A1 portrait (poster: size: a1, or --poster-size a1)"
            ),
            "{err}"
        );
        // One error for the poster, whatever else is wrong.
        assert_eq!(
            err.matches("field behaviours: the 8 characteristics")
                .count(),
            1,
            "{err}"
        );
    }
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn a_poster_that_cannot_be_made_says_how_to_build_the_rest() {
    let dir = temp_dir("poster-hostage");
    let deck = dir.join("deck.yaml");
    // Cards that fit, a poster that does not fit on A3.
    let mut text = String::from("title: Ten characteristics\ncharacteristics:\n");
    for i in 0..10 {
        text.push_str(&format!(
            "  - id: c{i}\n    name: Characteristic number {i}\n    colour: \"#1f5fa8\"\n    intro: They **do this** well, in every setting they work in.\n    behaviours:\n"
        ));
        for j in 0..12 {
            text.push_str(&format!(
                "      - title: the behaviour titled {j}\n        text: They show **the behaviour titled {j}** in their daily work.\n"
            ));
        }
    }
    std::fs::write(&deck, text).unwrap();
    let out = dir.join("out");
    let o = deckpress(&["build", deck.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.matches("error:").count(), 1, "{err}");
    assert!(err.contains("do not fit on the poster"), "{err}");
    assert!(err.contains("the poster fits on A2 portrait"), "{err}");
    assert!(
        err.contains("only poster cannot be made; to build the others without it: deckpress build")
            && err.contains("--only cards,sheets"),
        "{err}"
    );
    assert!(!out.exists(), "nothing is written");
    // As it says: the others build.
    let o = deckpress(&[
        "build",
        deck.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--only",
        "cards,sheets",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.join("cards.pdf").exists() && out.join("sheets.pdf").exists());
    assert!(!out.join("poster.pdf").exists());
    // And the deck can say so itself.
    let text = std::fs::read_to_string(&deck).unwrap();
    std::fs::write(&deck, format!("outputs: [cards]\n{text}")).unwrap();
    let o = deckpress(&["check", deck.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("(cards)"), "{}", stdout(&o));
    // A larger poster holds it.
    let o = deckpress(&[
        "check",
        deck.to_str().unwrap(),
        "--only",
        "poster",
        "--poster-size",
        "a2",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn the_deck_can_ask_for_tiles_and_bleed() {
    let dir = temp_dir("deck-keys");
    let deck = dir.join("deck.yaml");
    std::fs::write(
        &deck,
        crowded_deck(2, 3, "poster:\n  tile: letter\n  bleed: 2\n"),
    )
    .unwrap();
    let out = dir.join("out");
    let o = deckpress(&["build", deck.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("poster-tiles.pdf: 4 pages"),
        "{}",
        stdout(&o)
    );
    check_tiles(&out.join("poster-tiles.pdf"), (215.9, 279.4), 4);
    let doc = load(&out.join("poster.pdf"));
    let (w, h) = box_size(page_box(&doc, pages(&doc)[0], b"MediaBox").unwrap());
    assert!(close(w, 301.0, 0.01) && close(h, 424.0, 0.01), "{w} x {h}");
    // The command line wins over the deck.
    let o = deckpress(&[
        "poster",
        deck.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--bleed",
        "0",
        "--tile",
        "a4",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    check_tiles(&out.join("poster-tiles.pdf"), (210.0, 297.0), 4);
    let doc = load(&out.join("poster.pdf"));
    let (w, _) = box_size(page_box(&doc, pages(&doc)[0], b"MediaBox").unwrap());
    assert!(close(w, 297.0, 0.01));
}

#[test]
fn building_twice_gives_the_same_poster_bytes() {
    let deck = root().join("deck.yaml");
    let a = poster(&deck, "repro-poster-a", &["--tile", "a4"]);
    let b = poster(&deck, "repro-poster-b", &["--tile", "a4"]);
    for f in ["poster.pdf", "poster-tiles.pdf"] {
        let (x, y) = (
            std::fs::read(a.join(f)).unwrap(),
            std::fs::read(b.join(f)).unwrap(),
        );
        assert!(x == y, "{f} differs between two builds");
    }
}

#[test]
fn poster_flags_are_explained_and_checked() {
    let h = stdout(&deckpress(&["poster", "--help"]));
    for flag in ["--tile", "--bleed", "--out", "a4", "letter"] {
        assert!(h.contains(flag), "{flag} not in help:\n{h}");
    }
    assert!(stdout(&deckpress(&["build", "--help"])).contains("--tile"));
    let bad = deckpress(&["poster", "--tile", "a3"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("a4 or letter"), "{}", stderr(&bad));
    let bad = deckpress(&["poster", "--bleed", "20"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn the_poster_is_tagged_in_reading_order_with_bookmarks() {
    let deck = root().join("deck.yaml");
    let out = build(&deck, "poster-tagged", &["--only", "poster"]);
    let doc = load(&out.join("poster.pdf"));
    let st = structure(&doc);
    let kinds: Vec<&str> = st.iter().map(|(s, _)| s.as_str()).collect();
    let count = |k: &str| kinds.iter().filter(|s| **s == k).count();
    assert_eq!(
        (count("H1"), count("H2"), count("LI")),
        (1, 5, 32),
        "{kinds:?}"
    );
    let alts: Vec<&str> = st
        .iter()
        .filter(|(s, _)| s == "Figure")
        .filter_map(|(_, a)| a.as_deref())
        .collect();
    assert_eq!(
        alts,
        names(&deck).iter().map(String::as_str).collect::<Vec<_>>()
    );
    assert!(doc.catalog().unwrap().get(b"Outlines").is_ok());
}
