//! The office sheets and the calibration sheet built from the real
//! `deck.yaml` by the real binary, read back with lopdf: page counts, page
//! sizes, the guide's words, every card's text on the right page, and the
//! settings from the command line.

mod common;

use common::*;

/// Cards per characteristic in the deck: its summary card and its
/// behaviours.
const PER_CHARACTERISTIC: [usize; 5] = [7, 6, 7, 5, 7];

/// Every page's MediaBox is `w` x `h` mm (±0.01 mm).
fn assert_pages_are(doc: &lopdf::Document, w: f64, h: f64) {
    for (i, &p) in pages(doc).iter().enumerate() {
        let (mw, mh) = box_size(page_box(doc, p, b"MediaBox").expect("MediaBox"));
        assert!(
            close(mw, w, 0.01) && close(mh, h, 0.01),
            "page {}: MediaBox {mw} x {mh}, expected {w} x {h}",
            i + 1
        );
    }
}

/// The behaviours' texts in deck order, with each card's position in the
/// deck (summary cards count: characteristic c's summary card comes
/// before its behaviours).
fn cards_in_order() -> Vec<(usize, String, String)> {
    let behaviours = behaviours(&root().join("deck.yaml"));
    assert_eq!(behaviours.len(), 32);
    let mut out = Vec::new();
    let mut b = behaviours.into_iter();
    let mut position = 0;
    for count in PER_CHARACTERISTIC {
        position += 1; // the summary card
        for _ in 0..count {
            let (title, text) = b.next().unwrap();
            out.push((position, title, text));
            position += 1;
        }
    }
    out
}

#[test]
fn the_default_build_imposes_eight_cards_a_sheet_on_a4_with_a_guide() {
    let out = build(&root().join("deck.yaml"), "sheets-default", &[]);
    let doc = load(&out.join("sheets.pdf"));
    // A guide sheet (2 pages), then 5 sheets of 8, fronts and backs.
    assert_eq!(pages(&doc).len(), 2 + 2 * 5);
    assert_pages_are(&doc, 297.0, 210.0);

    let guide = squash(&page_text(&doc, 1));
    for words in [
        "How to print and cut your cards",
        "Scale: 100 %",
        "Actual size",
        "Fit to page",
        "Flip on long edge",
        "37 cards on 5 sheets",
        "8 per sheet (4 × 2)",
        "pages 3 to 12",
        "50 mm",
        "g/m²",
        "Cut along the 4 horizontal lines",
        "deckpress calibrate",
    ] {
        assert!(guide.contains(&squash(words)), "the guide lacks {words:?}");
    }
    assert!(squash(&page_text(&doc, 2)).contains("leftblank"));

    // Every behaviour's text on the front of its sheet, in deck order.
    for (position, title, text) in cards_in_order() {
        let sheet = position / 8;
        let front = 3 + 2 * sheet as u32;
        let t = squash(&page_text(&doc, front));
        assert!(
            t.contains(&squash(&text)),
            "page {front} lacks the text of {title:?}"
        );
        let back = squash(&page_text(&doc, front + 1));
        assert!(
            !back.contains(&squash(&text)),
            "the back page {} carries a front's text",
            front + 1
        );
    }
    for s in 1..=5u32 {
        let front = squash(&page_text(&doc, 1 + 2 * s));
        assert!(front.contains(&squash(&format!("Sheet {s} of 5, front"))));
        let back = squash(&page_text(&doc, 2 + 2 * s));
        assert!(back.contains(&squash(&format!("Sheet {s} of 5, back"))));
    }
    let fonts = embedded_fonts(&doc);
    assert!(
        fonts.iter().any(|f| f.ends_with("NotoSans-Bold")),
        "{fonts:?}"
    );
}

#[test]
fn the_report_names_sheets_cards_per_sheet_paper_and_duplex() {
    let out = temp_dir("sheets-report");
    let o = deckpress(&["build", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(
        s.contains("sheets.pdf: 12 pages: guide, 37 cards on 5 sheets of A4 landscape, 8 per sheet (4 × 2, gutter cuts), two-sided, flip on long edge"),
        "{s}"
    );
}

#[test]
fn no_guide_starts_with_the_first_sheet() {
    let out = build(&root().join("deck.yaml"), "sheets-noguide", &["--no-guide"]);
    let doc = load(&out.join("sheets.pdf"));
    assert_eq!(pages(&doc).len(), 10);
    let first = squash(&page_text(&doc, 1));
    assert!(!first.contains("howtoprint"));
    let (_, _, text) = &cards_in_order()[0];
    assert!(first.contains(&squash(text)));
}

#[test]
fn duplex_none_puts_all_fronts_then_all_backs_with_instructions() {
    let out = build(
        &root().join("deck.yaml"),
        "sheets-none",
        &["--duplex", "none"],
    );
    let doc = load(&out.join("sheets.pdf"));
    // A one-page guide, 5 fronts, 5 backs.
    assert_eq!(pages(&doc).len(), 11);
    assert_pages_are(&doc, 297.0, 210.0);
    let guide = squash(&page_text(&doc, 1));
    for words in [
        "One-sided",
        "Print the fronts, pages 2 to 6",
        "printing page 7 on the back of sheet 1",
        "print the rest of the backs, pages 8 to 11",
        "sheet 1 first",
        "turn the stack round",
    ] {
        assert!(guide.contains(&squash(words)), "the guide lacks {words:?}");
    }
    for (position, title, text) in cards_in_order() {
        let page = 2 + (position / 8) as u32;
        assert!(
            squash(&page_text(&doc, page)).contains(&squash(&text)),
            "page {page} lacks {title:?}"
        );
    }
    for s in 1..=5u32 {
        let back = squash(&page_text(&doc, 6 + s));
        assert!(back.contains(&squash(&format!("Sheet {s} of 5, back"))));
    }
}

#[test]
fn fold_puts_front_and_back_side_by_side() {
    let out = build(
        &root().join("deck.yaml"),
        "sheets-fold",
        &["--duplex", "fold"],
    );
    let doc = load(&out.join("sheets.pdf"));
    // 4 cards a sheet: 10 sheets, one page each, after a one-page guide.
    assert_eq!(pages(&doc).len(), 11);
    assert_pages_are(&doc, 297.0, 210.0);
    let guide = squash(&page_text(&doc, 1));
    assert!(guide.contains(&squash("Fold each sheet along the dashed fold marks")));
    assert!(guide.contains(&squash("120–160 g/m²")));
    // The first sheet: the summary card of characteristic 1 with its
    // content continued on its back (the list of behaviours), on the same
    // page; and its label says to fold.
    let first = squash(&page_text(&doc, 2));
    let (_, title, text) = &cards_in_order()[0];
    assert!(first.contains(&squash(text)), "{title}");
    assert!(first.contains("foldonthedashedline"), "{first}");
    let (_, title, text) = &cards_in_order()[3];
    assert!(
        squash(&page_text(&doc, 3)).contains(&squash(text)),
        "{title} on the second sheet"
    );
}

#[test]
fn letter_paper_and_butted_cuts() {
    let deck = root().join("deck.yaml");
    let out = build(&deck, "sheets-letter", &["--paper", "letter"]);
    let doc = load(&out.join("sheets.pdf"));
    // 6 poker cards a landscape Letter sheet with gutters: 7 sheets.
    assert_eq!(pages(&doc).len(), 2 + 2 * 7);
    assert_pages_are(&doc, 279.4, 215.9);
    assert!(squash(&page_text(&doc, 1)).contains(&squash("US Letter (8.5 × 11 in)")));

    let out = build(&deck, "sheets-butted", &["--cut", "butted"]);
    let doc = load(&out.join("sheets.pdf"));
    // 9 cards a portrait A4 sheet when they touch: 5 sheets.
    assert_eq!(pages(&doc).len(), 2 + 2 * 5);
    assert_pages_are(&doc, 210.0, 297.0);
    let guide = squash(&page_text(&doc, 1));
    assert!(guide.contains(&squash("9 per sheet (3 × 3)")), "{guide}");
    assert!(guide.contains(&squash("Neighbouring cards share a cut")));
}

#[test]
fn the_back_offset_and_back_marks_from_the_command_line() {
    let out = build(
        &root().join("deck.yaml"),
        "sheets-offset",
        &["--back-offset", "-1.5,2", "--back-marks"],
    );
    let doc = load(&out.join("sheets.pdf"));
    assert_eq!(pages(&doc).len(), 12);
    let guide = squash(&page_text(&doc, 1));
    assert!(
        guide.contains(&squash("back offset of –1.5, 2 mm")),
        "{guide}"
    );
}

#[test]
fn unusable_settings_are_clear_errors() {
    let too_big = deckpress(&["build", "--paper", "100x100", "--card-size", "a6"]);
    assert_eq!(too_big.status.code(), Some(1), "{}", stderr(&too_big));
    let e = stderr(&too_big);
    assert!(e.contains("does not fit") && e.contains("--paper"), "{e}");
    assert!(e.contains("nothing was written"), "{e}");

    let absurd = deckpress(&["build", "--back-offset", "50,0"]);
    assert_eq!(absurd.status.code(), Some(2));
    assert!(stderr(&absurd).contains("too large"), "{}", stderr(&absurd));

    let bad = deckpress(&["build", "--duplex", "both"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("long, short, none, fold"));

    let fold = deckpress(&["calibrate", "--duplex", "fold", "-o", "/nonexistent/x"]);
    assert_eq!(fold.status.code(), Some(1), "{}", stderr(&fold));
    assert!(stderr(&fold).contains("nothing to calibrate"));
}

#[test]
fn calibrate_writes_a_two_page_sheet_like_the_decks() {
    let out = temp_dir("calibrate");
    let o = deckpress(&["calibrate", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("calibration.pdf: 2 pages"),
        "{}",
        stdout(&o)
    );
    let doc = load(&out.join("calibration.pdf"));
    assert_eq!(pages(&doc).len(), 2);
    assert_pages_are(&doc, 297.0, 210.0);
    let front = squash(&page_text(&doc, 1));
    for words in [
        "Calibration sheet: front",
        "flip on long edge",
        "back_offset: [X, Y]",
        "--back-offset X,Y",
        "right is +",
        "down is +",
    ] {
        assert!(front.contains(&squash(words)), "the front lacks {words:?}");
    }
    assert!(squash(&page_text(&doc, 2)).contains(&squash("Calibration sheet: back")));
    // Only calibration.pdf is written.
    let names: Vec<_> = std::fs::read_dir(&out).unwrap().collect();
    assert_eq!(names.len(), 1);

    // On Letter, short edge: the same, on Letter.
    let out = temp_dir("calibrate-letter");
    let o = deckpress(&[
        "calibrate",
        "--paper",
        "letter",
        "--duplex",
        "short",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc = load(&out.join("calibration.pdf"));
    assert_pages_are(&doc, 279.4, 215.9);
    assert!(squash(&page_text(&doc, 1)).contains(&squash("flip on short edge")));
}

#[test]
fn sheets_are_the_same_bytes_on_every_build() {
    let deck = root().join("deck.yaml");
    let a = build(&deck, "sheets-repro-a", &[]);
    let b = build(&deck, "sheets-repro-b", &[]);
    let (x, y) = (
        std::fs::read(a.join("sheets.pdf")).unwrap(),
        std::fs::read(b.join("sheets.pdf")).unwrap(),
    );
    assert!(x == y, "two builds differ");
}

#[test]
fn help_explains_the_sheet_flags() {
    let h = stdout(&deckpress(&["build", "--help"]));
    for flag in [
        "--paper",
        "--cut",
        "--duplex",
        "--back-offset",
        "--margin",
        "--no-guide",
        "--back-marks",
        "letter",
        "butted",
        "fold",
        "calibration sheet",
    ] {
        assert!(h.contains(flag), "{flag} not in help:\n{h}");
    }
    let c = stdout(&deckpress(&["calibrate", "--help"]));
    assert!(c.contains("back_offset") && c.contains("--paper"), "{c}");
}

#[test]
fn copies_put_complete_decks_on_sheets_of_their_own() {
    let out = build(
        &root().join("deck.yaml"),
        "sheets-copies",
        &["--only", "sheets", "--copies", "3"],
    );
    let doc = load(&out.join("sheets.pdf"));
    // The guide, then three decks of 5 sheets, fronts and backs.
    assert_eq!(pages(&doc).len(), 2 + 3 * 2 * 5);
    let guide = squash(&page_text(&doc, 1));
    for words in [
        "3 decks of 37 cards on 15 sheets",
        "deck 1 is sheets 1 to 5; deck 2 is sheets 6 to 10; deck 3 is sheets 11 to 15",
        "pages 3 to 32",
    ] {
        assert!(guide.contains(&squash(words)), "the guide lacks {words:?}");
    }
    // Each deck's sheets carry every card, in order, the same as one deck.
    for deck in 0..3u32 {
        for (position, title, text) in cards_in_order() {
            let sheet = deck * 5 + position as u32 / 8;
            let front = 3 + 2 * sheet;
            assert!(
                squash(&page_text(&doc, front)).contains(&squash(&text)),
                "deck {}: page {front} lacks {title:?}",
                deck + 1
            );
        }
        let first = 3 + 2 * deck * 5;
        let label = format!(
            "Sheet {} of 15 (deck {} of 3), front: cards 1 to 1.7",
            deck * 5 + 1,
            deck + 1
        );
        assert!(
            squash(&page_text(&doc, first)).contains(&squash(&label)),
            "{label}: {}",
            page_text(&doc, first)
        );
    }
    // Separate backs: all the fronts, then all the backs.
    let out = build(
        &root().join("deck.yaml"),
        "sheets-copies-none",
        &["--only", "sheets", "--copies", "2", "--duplex", "none"],
    );
    let doc = load(&out.join("sheets.pdf"));
    assert_eq!(pages(&doc).len(), 1 + 2 * 10);
    // Out of range: refused, in deck.yaml as on the command line.
    let o = deckpress(&["check", "--copies", "51"]);
    assert_eq!(o.status.code(), Some(2));
    let dir = temp_dir("copies-yaml");
    let yaml = std::fs::read_to_string(root().join("deck.yaml"))
        .unwrap()
        .replace("sheets:\n", "sheets:\n  copies: 0\n")
        .replace(
            "icon: assets/",
            &format!("icon: {}/assets/", root().display()),
        );
    std::fs::write(dir.join("deck.yaml"), yaml).unwrap();
    let o = deckpress(&["check", dir.join("deck.yaml").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("sheets, field copies: 0 copies is out of range"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a5_paper_takes_the_guide_on_two_pages() {
    for duplex in ["long", "none"] {
        let out = build(
            &root().join("deck.yaml"),
            &format!("sheets-a5-{duplex}"),
            &["--only", "sheets", "--paper", "a5", "--duplex", duplex],
        );
        let doc = load(&out.join("sheets.pdf"));
        assert_pages_are(&doc, 148.0, 210.0);
        // The guide's two pages hold its words (no blank back), and the
        // cards start on page 3, which the guide says.
        let guide = squash(&format!("{}{}", page_text(&doc, 1), page_text(&doc, 2)));
        for words in ["How to print and cut your cards", "5. Cut", "pages 1 to 2"] {
            assert!(
                guide.contains(&squash(words)),
                "{duplex}: the guide lacks {words:?}"
            );
        }
        assert!(!guide.contains("leftblank"), "{duplex}");
        assert!(
            squash(&page_text(&doc, 3)).contains("sheet1of19"),
            "{duplex}"
        );
    }
}
