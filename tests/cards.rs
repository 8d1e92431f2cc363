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
    let o = build_into(&fixture("small.yaml"), &out, &["--shop", "thegamecrafter"]);
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
    let o = build_into(
        &deck,
        &out,
        &["--shop", "makeplayingcards", "--card-size", "tarot"],
    );
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

/// The operators of a page's content that set a colour, with their
/// operands, e.g. `0 0 0 1 k`.
fn colour_ops(doc: &lopdf::Document, page: lopdf::ObjectId) -> Vec<String> {
    let content = doc.get_page_content(page);
    let ops = lopdf::content::Content::decode(&content)
        .unwrap()
        .operations;
    ops.iter()
        .filter(|op| {
            matches!(
                op.operator.as_str(),
                "rg" | "RG" | "k" | "K" | "g" | "G" | "sc" | "scn" | "cs"
            )
        })
        .map(|op| {
            let args: Vec<String> = op
                .operands
                .iter()
                .map(|o| match o {
                    lopdf::Object::Real(r) => format!("{r}"),
                    lopdf::Object::Integer(i) => format!("{i}"),
                    other => format!("{other:?}"),
                })
                .collect();
            format!("{} {}", args.join(" "), op.operator)
        })
        .collect()
}

/// The total ink of a colour operator such as `0.5 0.2 0 1 k` (1 = 100 %).
fn ink(op: &str) -> f32 {
    op.split(' ')
        .take(4)
        .filter_map(|v| v.parse::<f32>().ok())
        .sum()
}

/// The output intent, the Info entries and the XMP of a PDF/X file.
fn pdfx_marks(doc: &lopdf::Document) -> (String, String, String, String) {
    let catalog = doc.catalog().unwrap();
    let intents = catalog.get(b"OutputIntents").unwrap().as_array().unwrap();
    assert_eq!(intents.len(), 1);
    let intent = intents[0].as_dict().unwrap();
    assert_eq!(intent.get(b"S").unwrap().as_name().unwrap(), b"GTS_PDFX");
    let id = String::from_utf8_lossy(
        intent
            .get(b"OutputConditionIdentifier")
            .unwrap()
            .as_str()
            .unwrap(),
    )
    .to_string();
    let profile = intent
        .get(b"DestOutputProfile")
        .unwrap()
        .as_reference()
        .unwrap();
    let profile = doc.get_object(profile).unwrap().as_stream().unwrap();
    assert_eq!(profile.dict.get(b"N").unwrap().as_i64().unwrap(), 4);
    let icc = profile.decompressed_content().unwrap();
    assert_eq!(&icc[12..20], b"prtrCMYK", "a CMYK output profile");
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_dictionary(info).unwrap();
    let version = String::from_utf8_lossy(info.get(b"GTS_PDFXVersion").unwrap().as_str().unwrap())
        .to_string();
    let trapped =
        String::from_utf8_lossy(info.get(b"Trapped").unwrap().as_name().unwrap()).to_string();
    let xmp = catalog.get(b"Metadata").unwrap().as_reference().unwrap();
    let xmp = doc.get_object(xmp).unwrap().as_stream().unwrap();
    let xmp = String::from_utf8_lossy(&xmp.content).to_string();
    (id, version, trapped, xmp)
}

#[test]
fn a_pdf_x_4_shop_gets_cmyk_for_fogra39_with_black_text_on_k_alone() {
    let deck = root().join("deck.yaml");
    let out = temp_dir("shop-pdfx4");
    let o = build_into(&deck, &out, &["--shop", "pdfx4"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The one colour offset inks cannot come near is named, once.
    let e = stderr(&o);
    assert!(
        e.contains("the colour #7334b8 is outside what FOGRA39 printing can show"),
        "{e}"
    );
    assert_eq!(e.matches("warning:").count(), 1, "{e}");
    let bytes = std::fs::read(out.join("shop-pdfx4/cards.pdf")).unwrap();
    assert!(bytes.starts_with(b"%PDF-1.6"));
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let (id, version, trapped, xmp) = pdfx_marks(&doc);
    assert_eq!(
        (id.as_str(), version.as_str(), trapped.as_str()),
        ("FOGRA39", "PDF/X-4", "False")
    );
    assert!(
        xmp.contains("<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>"),
        "{xmp}"
    );
    assert!(xmp.contains("xmp:CreateDate"), "{xmp}");
    let pages = pages(&doc);
    assert_eq!(pages.len(), 74);
    let mut ops = Vec::new();
    for &p in &pages {
        ops.extend(colour_ops(&doc, p));
    }
    assert!(
        ops.iter().all(|o| o.ends_with(" k") || o.ends_with(" K")),
        "{:?}",
        ops.iter().find(|o| !o.ends_with('k') && !o.ends_with('K'))
    );
    // The body text (#1e1e1e) is solid black ink, not four colours.
    assert!(ops.iter().any(|o| o == "0 0 0 1 k"), "{ops:?}");
    // Total ink at most 300 %.
    for o in &ops {
        assert!(ink(o) <= 3.0 + 1e-4, "{o}");
    }
    // The sizes are the deck's, with 3 mm bleed.
    let (tw, th) = box_size(page_box(&doc, pages[0], b"TrimBox").unwrap());
    assert!(close(tw, 63.0, 0.01) && close(th, 88.0, 0.01));
    let (mw, mh) = box_size(page_box(&doc, pages[0], b"MediaBox").unwrap());
    assert!(close(mw, 69.0, 0.01) && close(mh, 94.0, 0.01));
    // The text is all there.
    let text = squash(&all_text(&doc));
    for (title, _) in behaviours(&deck) {
        assert!(text.contains(&squash(&title)), "{title}");
    }
    // The same deck gives the same bytes.
    let again = build(&deck, "shop-pdfx4-again", &["--shop", "pdfx4"]);
    assert!(std::fs::read(again.join("shop-pdfx4/cards.pdf")).unwrap() == bytes);
}

#[test]
fn drivethrucards_gets_pdf_x_1a_for_swop_without_transparency() {
    let deck = fixture("poster-3.yaml");
    let out = build(
        &deck,
        "shop-dtc",
        &["--shop", "drivethrucards", "--separate-backs"],
    );
    for name in ["cards.pdf", "cards-fronts.pdf", "cards-backs.pdf"] {
        let bytes = std::fs::read(out.join("shop-drivethrucards").join(name)).unwrap();
        assert!(bytes.starts_with(b"%PDF-1.4"), "{name}");
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        let (id, version, trapped, _) = pdfx_marks(&doc);
        assert_eq!(
            (id.as_str(), version.as_str(), trapped.as_str()),
            ("CGATS TR 003", "PDF/X-1a:2003", "False"),
            "{name}"
        );
        // 2.75 × 3.75 in pages: poker 2.5 × 3.5 in with 1/8 in bleed.
        let p = pages(&doc)[0];
        let (mw, mh) = box_size(page_box(&doc, p, b"MediaBox").unwrap());
        assert!(
            close(mw, 69.85, 0.01) && close(mh, 95.25, 0.01),
            "{mw} x {mh}"
        );
        // The picture icon has a hard mask, no soft one; ink at most 240 %.
        let mut masks = 0;
        for obj in doc.objects.values() {
            if let Ok(s) = obj.as_stream() {
                assert!(s.dict.get(b"SMask").is_err(), "{name}: a soft mask");
                masks += s.dict.get(b"Mask").is_ok() as usize;
            }
        }
        assert!(masks > 0, "{name}: the PNG icon is masked");
        for page in pages(&doc) {
            for o in colour_ops(&doc, page) {
                assert!(o.ends_with(" k") || o.ends_with(" K"), "{o}");
                assert!(ink(&o) <= 2.4 + 1e-4, "{o}");
            }
        }
    }
    // An SVG icon drawn see-through cannot be PDF/X-1a: one error at it.
    let o = build_into(
        &fixture("shapes/svg-icons.yaml"),
        &temp_dir("shop-dtc-svg"),
        &["--shop", "drivethrucards"],
    );
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("svg-icons.yaml:29:11")
            && e.contains("see-through")
            && e.contains("--shop pdfx4"),
        "{e}"
    );
    assert_eq!(e.matches("error:").count(), 1, "{e}");
}

/// The framework deck with the first colour given with its inks as well,
/// written beside its icons.
fn deck_with_inks(name: &str, inks: &str) -> std::path::PathBuf {
    let dir = temp_dir(name);
    let text = std::fs::read_to_string(root().join("deck.yaml")).unwrap();
    let text = text.replacen(
        "colour: \"#123f73\"",
        &format!("colour: {{ rgb: \"#123f73\", cmyk: {inks} }}"),
        1,
    );
    std::fs::write(dir.join("deck.yaml"), text).unwrap();
    let assets = dir.join("assets");
    std::fs::create_dir_all(&assets).unwrap();
    for e in std::fs::read_dir(root().join("assets")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), assets.join(e.file_name())).unwrap();
    }
    dir.join("deck.yaml")
}

#[test]
fn a_colour_s_own_inks_are_printed_as_given_and_checked_against_the_press() {
    let deck = deck_with_inks("inks", "[100, 70, 10, 30]");
    // An office build is unchanged: sRGB.
    let out = build(&deck, "inks-office", &["--only", "cards"]);
    let plain = build(
        &root().join("deck.yaml"),
        "inks-plain",
        &["--only", "cards"],
    );
    assert!(
        std::fs::read(out.join("cards.pdf")).unwrap()
            == std::fs::read(plain.join("cards.pdf")).unwrap()
    );
    // A shop's file has the brand's inks for it.
    let out = build(&deck, "inks-shop", &["--shop", "pdfx4"]);
    let doc = load(&out.join("shop-pdfx4/cards.pdf"));
    let ops = colour_ops(&doc, pages(&doc)[0]);
    // PDF's inks are written in 256 steps: within 0.2 % of the brand's.
    let brand = [1.0f32, 0.7, 0.1, 0.3];
    let exact = |o: &String| {
        let v: Vec<f32> = o
            .split(' ')
            .take(4)
            .filter_map(|v| v.parse().ok())
            .collect();
        v.len() == 4 && v.iter().zip(brand).all(|(a, b)| (a - b).abs() <= 0.002)
    };
    assert!(ops.iter().any(exact), "{ops:?}");

    // 320 % is more than DriveThruCards' 240 %: one error at the inks.
    let deck = deck_with_inks("inks-over", "[100, 90, 30, 100]");
    let o = deckpress(&["build", deck.to_str().unwrap(), "--shop", "drivethrucards"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("deck.yaml:31:") && e.contains("add up to 320 %") && e.contains("240 %"),
        "{e}"
    );
    assert_eq!(e.matches("error:").count(), 1, "{e}");
    // 280 % is within FOGRA39's 300 %.
    let deck = deck_with_inks("inks-ok", "[100, 80, 0, 100]");
    let o = deckpress(&["build", deck.to_str().unwrap(), "--shop", "pdfx4"]);
    assert!(o.status.success(), "{}", stderr(&o));

    // Inks that are not four numbers from 0 to 100 are located errors.
    for (inks, says) in [
        ("[100, 70, 10]", "3 numbers, not four"),
        ("[100, 70, 10, 130]", "130 is not an ink"),
        ("\"100 70 10 30\"", "not a list of four numbers"),
    ] {
        let deck = deck_with_inks("inks-bad", inks);
        let o = deckpress(&["check", deck.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{inks}");
        let e = stderr(&o);
        assert!(
            e.contains(says) && e.contains("deck.yaml:31:"),
            "{inks}: {e}"
        );
        assert!(e.contains("colour.cmyk"), "{e}");
    }
}

#[test]
fn the_deck_names_its_shop_and_the_shop_s_own_profile() {
    let deck = deck_with_inks("print-section", "[100, 70, 10, 30]");
    let dir = deck.parent().unwrap().to_path_buf();
    std::fs::copy(
        root().join("icc/deckpress-swop3-240.icc"),
        dir.join("shop.icc"),
    )
    .unwrap();
    let mut text = std::fs::read_to_string(&deck).unwrap();
    text.push_str("print:\n  shop: pdfx4\n  profile: shop.icc\n");
    std::fs::write(&deck, &text).unwrap();
    // `deckpress build` makes the shop's files, with the shop's profile
    // embedded as the output intent.
    let out = dir.join("out");
    let o = deckpress(&["build", deck.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc = load(&out.join("shop-pdfx4/cards.pdf"));
    let (id, version, ..) = pdfx_marks(&doc);
    assert_eq!((id.as_str(), version.as_str()), ("Custom", "PDF/X-4"));
    let intent = doc
        .catalog()
        .unwrap()
        .get(b"OutputIntents")
        .unwrap()
        .as_array()
        .unwrap()[0]
        .as_dict()
        .unwrap()
        .get(b"DestOutputProfile")
        .unwrap()
        .as_reference()
        .unwrap();
    let icc = doc
        .get_object(intent)
        .unwrap()
        .as_stream()
        .unwrap()
        .decompressed_content()
        .unwrap();
    assert!(
        icc == std::fs::read(dir.join("shop.icc")).unwrap(),
        "the shop's profile, byte for byte"
    );
    assert!(!out.join("sheets.pdf").exists());
    // --only builds the office files as ever.
    let o = deckpress(&["build", deck.to_str().unwrap(), "--only", "sheets"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.join("sheets.pdf").exists());

    // A profile that is not for CMYK printing, a missing one and an
    // unknown shop: one located error each.
    std::fs::write(dir.join("rgb.icc"), {
        let mut b = std::fs::read(root().join("icc/deckpress-fogra39.icc")).unwrap();
        b[16..20].copy_from_slice(b"RGB ");
        b
    })
    .unwrap();
    let line = text.lines().count();
    for (print, says, at) in [
        (
            "  shop: pdfx4\n  profile: rgb.icc\n",
            "not for CMYK printing",
            format!("deck.yaml:{line}:12"),
        ),
        (
            "  shop: pdfx4\n  profile: gone.icc\n",
            "does not exist",
            format!("deck.yaml:{line}:12"),
        ),
        (
            "  shop: moo\n",
            "is not a shop deckpress knows",
            format!("deck.yaml:{}:9", line - 1),
        ),
    ] {
        let t = text.replace("  shop: pdfx4\n  profile: shop.icc\n", print);
        std::fs::write(&deck, t).unwrap();
        let o = deckpress(&["check", deck.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{print}");
        let e = stderr(&o);
        assert!(e.contains(says) && e.contains(&at), "{print}: {e}");
        assert_eq!(e.matches("error:").count(), 1, "{e}");
    }
}

#[test]
fn see_through_icons_blend_in_cmyk_for_pdf_x_4() {
    let dir = temp_dir("see-through");
    std::fs::copy(fixture("icons/see-through-group.svg"), dir.join("icon.svg")).unwrap();
    let deck = dir.join("deck.yaml");
    std::fs::write(
        &deck,
        "title: See-through\ncharacteristics:\n  - id: one\n    name: One\n    colour: \"#1f5fa8\"\n    icon: icon.svg\n    behaviours:\n      - title: First\n        text: A behaviour text that is long enough to set.\n",
    )
    .unwrap();
    let out = build(&deck, "see-through-out", &["--shop", "pdfx4"]);
    let bytes = std::fs::read(out.join("shop-pdfx4/cards.pdf")).unwrap();
    let text = String::from_utf8_lossy(&bytes).replace(' ', "");
    assert!(text.contains("/S/Transparency"), "the group is kept");
    assert!(!text.contains("DeviceRGB"), "no RGB blending space");
    assert!(text.contains("/CS/DeviceCMYK"));
    // PDF/X-1a has no transparency: the icon is refused, by name.
    let o = deckpress(&["build", deck.to_str().unwrap(), "--shop", "drivethrucards"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("icon.svg is drawn partly see-through (opacity 0.5)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_poster_for_a_pdf_x_4_print_shop() {
    let deck = root().join("deck.yaml");
    let out = temp_dir("poster-pdfx4");
    let o = deckpress(&[
        "poster",
        deck.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--shop",
        "pdfx4",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(out.join("shop-pdfx4/poster.pdf")).unwrap();
    assert!(bytes.starts_with(b"%PDF-1.6"));
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let (id, version, ..) = pdfx_marks(&doc);
    assert_eq!((id.as_str(), version.as_str()), ("FOGRA39", "PDF/X-4"));
    let p = pages(&doc)[0];
    // A3 with the print shop's 3 mm bleed.
    let (tw, th) = box_size(page_box(&doc, p, b"TrimBox").unwrap());
    assert!(
        close(tw, 297.0, 0.01) && close(th, 420.0, 0.01),
        "{tw} x {th}"
    );
    let (mw, mh) = box_size(page_box(&doc, p, b"MediaBox").unwrap());
    assert!(
        close(mw, 303.0, 0.01) && close(mh, 426.0, 0.01),
        "{mw} x {mh}"
    );
    let ops = colour_ops(&doc, p);
    assert!(
        ops.iter().all(|o| o.ends_with(" k") || o.ends_with(" K")),
        "{ops:?}"
    );
    // Only the poster: no cards, no office tiles.
    assert_eq!(
        std::fs::read_dir(out.join("shop-pdfx4")).unwrap().count(),
        1
    );
    // Shops that print cards do not print posters.
    let o = deckpress(&[
        "poster",
        deck.to_str().unwrap(),
        "--shop",
        "makeplayingcards",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("prints cards, not posters"),
        "{}",
        stderr(&o)
    );
}
