//! The print-shop deck built from the real `deck.yaml` by the real binary,
//! read back with lopdf: pages, boxes, fonts, text; and the same bytes on
//! every build.

mod common;

use common::*;

#[test]
fn the_default_deck_builds_74_pages_with_exact_boxes_fonts_and_text() {
    let deck = root().join("deck.yaml");
    let out = build(&deck, "default", &[]);
    let pdf = out.join("cards.pdf");
    let doc = load(&pdf);
    let pages = pages(&doc);
    assert_eq!(pages.len(), 74, "37 fronts and 37 backs");

    for (i, &p) in pages.iter().enumerate() {
        let media = page_box(&doc, p, b"MediaBox").expect("MediaBox");
        let trim = page_box(&doc, p, b"TrimBox")
            .unwrap_or_else(|| panic!("page {} has no TrimBox", i + 1));
        let bleed = page_box(&doc, p, b"BleedBox")
            .unwrap_or_else(|| panic!("page {} has no BleedBox", i + 1));
        let (mw, mh) = box_size(media);
        assert!(
            close(mw, 69.0, 0.01) && close(mh, 94.0, 0.01),
            "page {}: MediaBox {mw} x {mh}",
            i + 1
        );
        let (tw, th) = box_size(trim);
        assert!(
            close(tw, 63.0, 0.01) && close(th, 88.0, 0.01),
            "page {}: TrimBox {tw} x {th}",
            i + 1
        );
        for k in 0..4 {
            let outward = if k < 2 {
                trim[k] - bleed[k]
            } else {
                bleed[k] - trim[k]
            };
            assert!(
                close(outward, 3.0, 0.01),
                "page {}: bleed {outward} on side {k}",
                i + 1
            );
            assert!(
                close(bleed[k], media[k], 0.01),
                "page {}: BleedBox is the MediaBox",
                i + 1
            );
        }
    }

    let fonts = embedded_fonts(&doc);
    assert!(
        fonts.iter().any(|f| f.ends_with("NotoSans-Regular")),
        "{fonts:?}"
    );
    assert!(
        fonts.iter().any(|f| f.ends_with("NotoSans-Bold")),
        "{fonts:?}"
    );
    // Subset fonts carry a six-letter tag.
    assert!(
        fonts.iter().all(|f| f.as_bytes().get(6) == Some(&b'+')),
        "{fonts:?}"
    );

    let behaviours = behaviours(&deck);
    assert_eq!(behaviours.len(), 32);
    let text = squash(&all_text(&doc));
    for (title, body) in &behaviours {
        assert!(text.contains(&squash(title)), "title {title:?} missing");
        assert!(text.contains(&squash(body)), "text of {title:?} missing");
    }
    // Each behaviour card's front carries its own full text: the front of
    // card n is page 2n - 1 in deck order (each summary card first).
    let mut page = 1;
    let mut b = behaviours.iter();
    for count in [7, 6, 7, 5, 7] {
        page += 2; // the summary card
        for _ in 0..count {
            let (title, body) = b.next().unwrap();
            let t = squash(&page_text(&doc, page));
            assert!(
                t.contains(&squash(body)),
                "page {page} lacks the text of {title:?}"
            );
            page += 2;
        }
    }

    let info = doc
        .trailer
        .get(b"Info")
        .and_then(|i| doc.dereference(i))
        .unwrap()
        .1
        .as_dict()
        .unwrap();
    let title = info.get(b"Title").unwrap().as_str().unwrap();
    assert!(!title.is_empty());
}

#[test]
fn building_twice_gives_the_same_bytes() {
    let deck = root().join("deck.yaml");
    let a = build(&deck, "repro-a", &[]);
    let b = build(&deck, "repro-b", &[]);
    let (x, y) = (
        std::fs::read(a.join("cards.pdf")).unwrap(),
        std::fs::read(b.join("cards.pdf")).unwrap(),
    );
    assert!(x == y, "two builds differ");
}

#[test]
fn one_thread_or_many_give_the_same_bytes() {
    // Card faces are set in groups on several threads and the outputs are
    // rendered side by side; the files must not depend on how many.
    for deck in [
        root().join("deck.yaml"),
        fixture("shapes/facilitation.yaml"),
    ] {
        let mut sets = Vec::new();
        for threads in ["1", "3", "8"] {
            let out = temp_dir(&format!(
                "threads-{threads}-{}",
                deck.file_stem().unwrap().to_string_lossy()
            ));
            let o = std::process::Command::new(env!("CARGO_BIN_EXE_deckpress"))
                .args(["build", deck.to_str().unwrap(), "-o", out.to_str().unwrap()])
                .env("DECKPRESS_THREADS", threads)
                .current_dir(root())
                .output()
                .unwrap();
            assert!(o.status.success(), "{}", stderr(&o));
            let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&out)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
                .map(|p| {
                    let name = p.file_name().unwrap().to_string_lossy().into_owned();
                    (name, std::fs::read(&p).unwrap())
                })
                .collect();
            files.sort();
            assert!(
                files.len() >= 3,
                "{:?}",
                files.iter().map(|f| &f.0).collect::<Vec<_>>()
            );
            sets.push(files);
        }
        for other in &sets[1..] {
            assert_eq!(sets[0].len(), other.len());
            for (a, b) in sets[0].iter().zip(other) {
                assert_eq!(a.0, b.0);
                assert!(
                    a.1 == b.1,
                    "{} differs between thread counts for {deck:?}",
                    a.0
                );
            }
        }
    }
}

#[test]
fn card_size_and_bleed_from_the_command_line() {
    let deck = root().join("deck.yaml");
    let out = build(&deck, "tarot", &["--card-size", "tarot", "--bleed", "2"]);
    let doc = load(&out.join("cards.pdf"));
    let p = pages(&doc)[0];
    let (tw, th) = box_size(page_box(&doc, p, b"TrimBox").unwrap());
    assert!(
        close(tw, 70.0, 0.01) && close(th, 120.0, 0.01),
        "{tw} x {th}"
    );
    let (mw, mh) = box_size(page_box(&doc, p, b"MediaBox").unwrap());
    assert!(
        close(mw, 74.0, 0.01) && close(mh, 124.0, 0.01),
        "{mw} x {mh}"
    );

    let out = build(&deck, "custom", &["--card-size", "60x90", "--bleed", "0"]);
    let doc = load(&out.join("cards.pdf"));
    let p = pages(&doc)[0];
    let (mw, mh) = box_size(page_box(&doc, p, b"MediaBox").unwrap());
    assert!(
        close(mw, 60.0, 0.01) && close(mh, 90.0, 0.01),
        "{mw} x {mh}"
    );
}

#[test]
fn the_report_names_the_file_pages_and_cards() {
    let out = temp_dir("report");
    let o = deckpress(&["build", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(s.contains("37 cards"), "{s}");
    assert!(s.contains("cards.pdf: 74 pages"), "{s}");
    assert!(s.contains("63 × 88 mm"), "{s}");
    let c = deckpress(&["check"]);
    assert_eq!(c.status.code(), Some(0), "{}", stderr(&c));
    assert!(stdout(&c).contains("no problems found"));
}

#[test]
fn help_and_version() {
    let h = deckpress(&["build", "--help"]);
    let s = stdout(&h);
    for flag in ["--out", "--card-size", "--bleed", "poker-us", "tarot"] {
        assert!(s.contains(flag), "{flag} not in help:\n{s}");
    }
    let v = deckpress(&["--version"]);
    assert!(stdout(&v).contains(env!("CARGO_PKG_VERSION")));
    let bad = deckpress(&["build", "--card-size", "huge"]);
    assert_eq!(bad.status.code(), Some(2), "usage errors exit 2");
    assert!(stderr(&bad).contains("poker"));
}

#[test]
fn the_cards_are_tagged_card_by_card_with_a_bookmark_each() {
    let deck = root().join("deck.yaml");
    let out = build(&deck, "cards-tagged", &["--only", "cards"]);
    let doc = load(&out.join("cards.pdf"));
    let st = structure(&doc);
    let count = |k: &str| st.iter().filter(|(s, _)| s == k).count();
    // A section per characteristic; each card's front a paragraph, and
    // the five summary backs that continue their fronts.
    assert_eq!(count("Sect"), 5);
    assert_eq!(count("P"), 37 + 5);
    let catalog = doc.catalog().unwrap();
    let outlines = catalog
        .get(b"Outlines")
        .and_then(|o| doc.dereference(o))
        .unwrap()
        .1
        .as_dict()
        .unwrap()
        .clone();
    let mut n = 0;
    let mut item = outlines.get(b"First").ok().cloned();
    while let Some(lopdf::Object::Reference(r)) = item {
        n += 1;
        item = doc
            .get_object(r)
            .unwrap()
            .as_dict()
            .unwrap()
            .get(b"Next")
            .ok()
            .cloned();
    }
    assert_eq!(n, 37, "a bookmark per card");
}

#[test]
fn a_deck_too_long_to_tag_is_written_untagged_and_says_so() {
    // 14 characteristics of 14 behaviours: 210 cards, 420 pages, over the
    // 400 pages krilla can keep tagged in bounded memory.
    let dir = temp_dir("cards-untagged");
    let mut deck = String::from("title: A long deck\ncharacteristics:\n");
    for i in 0..14 {
        deck.push_str(&format!(
            "  - id: c{i}\n    name: Characteristic {i}\n    colour: \"#123f73\"\n    behaviours:\n"
        ));
        for j in 0..14 {
            deck.push_str(&format!(
                "      - title: b{j}\n        text: They do **b{j}** well.\n"
            ));
        }
    }
    std::fs::write(dir.join("deck.yaml"), deck).unwrap();
    let out = dir.join("out");
    let o = deckpress(&[
        "build",
        dir.join("deck.yaml").to_str().unwrap(),
        "--only",
        "cards",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("not tagged for screen readers (over 400 pages)"),
        "{}",
        stdout(&o)
    );
    let doc = load(&out.join("cards.pdf"));
    assert!(doc.catalog().unwrap().get(b"StructTreeRoot").is_err());
}

#[test]
fn the_edition_is_printed_on_every_back_and_in_the_title() {
    let out = build(
        &root().join("deck.yaml"),
        "cards-edition",
        &[
            "--only",
            "cards,sheets",
            "--edition",
            "Cohort 3, spring 2027",
        ],
    );
    let doc = load(&out.join("cards.pdf"));
    let n = pages(&doc).len() as u32;
    let backs: Vec<u32> = (2..=n).step_by(2).collect();
    let with = backs
        .iter()
        .filter(|&&p| squash(&page_text(&doc, p)).contains("cohort3spring2027"))
        .count();
    // Every back of a behaviour card (the summary cards' backs continue
    // their lists).
    assert!(
        with >= 32,
        "{with} of {} backs carry the edition",
        backs.len()
    );
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(|i| doc.dereference(i))
        .unwrap()
        .1
        .as_dict()
        .unwrap()
        .clone();
    let text = |k: &[u8]| lopdf::decode_text_string(info.get(k).unwrap()).unwrap_or_default();
    assert!(
        text(b"Title").ends_with("cards (Cohort 3, spring 2027)"),
        "{}",
        text(b"Title")
    );
    assert_eq!(text(b"Keywords"), "Cohort 3, spring 2027");
    let sheets = load(&out.join("sheets.pdf"));
    assert!(squash(&all_text(&sheets)).contains("cohort3spring2027"));
}

#[test]
fn blank_cards_follow_each_characteristic_s_behaviours() {
    let dir = temp_dir("blank-cards");
    let yaml = std::fs::read_to_string(root().join("deck.yaml"))
        .unwrap()
        .replacen("short_title:", "blank_cards: 2\nshort_title:", 1)
        .replace(
            "icon: assets/",
            &format!("icon: {}/assets/", root().display()),
        );
    std::fs::write(dir.join("deck.yaml"), &yaml).unwrap();
    let out = build(
        &dir.join("deck.yaml"),
        "blank-cards-out",
        &["--only", "cards,sheets"],
    );
    let doc = load(&out.join("cards.pdf"));
    // 37 cards and 2 blank ones for each of the 5 characteristics.
    assert_eq!(pages(&doc).len(), 2 * 47);
    // Characteristic 1: its summary card, 7 behaviours, then 1.8 and 1.9.
    for (page, code) in [(17, "1.8"), (19, "1.9")] {
        let text = squash(&page_text(&doc, page));
        assert!(text.contains("yourownbehaviour"), "{page}: {text}");
        assert!(text.contains(&squash(code)), "{page}: {text}");
        assert!(
            text.contains("buildingtrustacrossboundaries"),
            "{page}: {text}"
        );
    }
    let text = squash(&page_text(&doc, 21));
    assert!(text.contains("drivingpurposefulcollaboration"), "{text}");
    // Out of range: one located error.
    std::fs::write(
        dir.join("deck.yaml"),
        yaml.replace("blank_cards: 2", "blank_cards: 16"),
    )
    .unwrap();
    let o = deckpress(&["check", dir.join("deck.yaml").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("the deck, field blank_cards: 16 blank cards is out of range"),
        "{}",
        stderr(&o)
    );
}

/// Reads a PNG's size, colour type and pixels-per-metre.
fn png_info(path: &std::path::Path) -> (u32, u32, png::ColorType, Option<u32>, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut buf).unwrap();
    let info = reader.info();
    let ppm = info.pixel_dims.map(|d| d.xppu);
    buf.truncate(frame.buffer_size());
    (frame.width, frame.height, frame.color_type, ppm, buf)
}

#[test]
fn a_shop_that_takes_images_gets_one_png_per_face_at_its_exact_size() {
    let deck = root().join("deck.yaml");
    let out = build(&deck, "shop-tgc", &["--shop", "thegamecrafter"]);
    let dir = out.join("shop-thegamecrafter");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    // Only the shop's files: no cards.pdf, no sheets.
    assert_eq!(names.len(), 74, "{names:?}");
    assert!(!out.join("cards.pdf").exists() && !out.join("sheets.pdf").exists());
    assert_eq!(names[0], "001a-front.png");
    assert_eq!(names[1], "001b-back.png");
    assert_eq!(names[73], "037b-back.png");
    let (w, h, colour, ppm, pixels) = png_info(&dir.join("001a-front.png"));
    assert_eq!((w, h), (825, 1125));
    assert_eq!(colour, png::ColorType::Rgb);
    assert_eq!(ppm, Some(11811), "300 dpi");
    // The characteristic's colour runs into the bleed: the corner pixel is
    // the card's colour, not white paper.
    let corner = &pixels[..3];
    assert_ne!(corner, [255, 255, 255], "{corner:?}");
    // A face is the PDF's page: the back of card 1 differs from its front.
    let (_, _, _, _, back) = png_info(&dir.join("001b-back.png"));
    assert_ne!(back, pixels);

    // A second build of a smaller deck leaves no face of the first.
    let small = fixture("small.yaml");
    let o = deckpress(&[
        "build",
        small.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--shop",
        "thegamecrafter",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let left = std::fs::read_dir(&dir).unwrap().count();
    assert!(left < 74, "{left} files");
    assert!(stdout(&o).contains("removed"), "{}", stdout(&o));
    assert!(!dir.join("037a-front.png").exists());

    let out = build(&deck, "shop-mpc", &["--shop", "makeplayingcards"]);
    let (w, h, ..) = png_info(&out.join("shop-makeplayingcards/037b-back.png"));
    assert_eq!((w, h), (822, 1122));
}

#[test]
fn a_shop_refuses_a_card_size_it_does_not_cut() {
    let deck = root().join("deck.yaml");
    let out = temp_dir("shop-tarot");
    let o = deckpress(&[
        "build",
        deck.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--shop",
        "makeplayingcards",
        "--card-size",
        "tarot",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(
        e.contains("poker cards (2.5 × 3.5 in)") && e.contains("cards.size"),
        "{e}"
    );
    assert!(e.contains("--card-size poker-us"), "{e}");
    assert!(!out.join("shop-makeplayingcards").exists());
    let o = deckpress(&["build", "--shop", "moo"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("thegamecrafter"), "{}", stderr(&o));
}

#[test]
fn separate_backs_are_the_fronts_and_backs_of_cards_pdf_in_two_files() {
    let deck = root().join("deck.yaml");
    let out = build(
        &deck,
        "separate-backs",
        &["--only", "cards", "--separate-backs"],
    );
    let all = load(&out.join("cards.pdf"));
    let fronts = load(&out.join("cards-fronts.pdf"));
    let backs = load(&out.join("cards-backs.pdf"));
    assert_eq!(pages(&fronts).len(), 37);
    assert_eq!(pages(&backs).len(), 37);
    for card in [1u32, 5, 6, 37] {
        assert_eq!(
            squash(&page_text(&fronts, card)),
            squash(&page_text(&all, 2 * card - 1)),
            "front of card {card}"
        );
        assert_eq!(
            squash(&page_text(&backs, card)),
            squash(&page_text(&all, 2 * card)),
            "back of card {card}"
        );
    }
    let p = pages(&backs)[0];
    let (tw, th) = box_size(page_box(&backs, p, b"TrimBox").unwrap());
    assert!(close(tw, 63.0, 0.01) && close(th, 88.0, 0.01));
    assert!(page_box(&backs, p, b"BleedBox").is_some());
}
