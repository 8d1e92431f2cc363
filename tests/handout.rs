//! The handout: the whole framework on A4 or Letter, every word in deck
//! order, read back with lopdf; long texts continue across pages without
//! a word lost; `deckpress handout` writes it alone.

mod common;

use common::*;

/// How many behaviours characteristic `ci` (from 0) of a deck file has.
fn behaviours_of(source: &str, ci: usize) -> usize {
    source
        .split("  - id: ")
        .nth(ci + 1)
        .unwrap()
        .matches("- title: ")
        .count()
}

/// Asserts that `parts` appear in `text` (squashed) in this order.
fn in_order(text: &str, parts: &[String]) {
    let mut from = 0;
    for p in parts {
        let p = squash(p);
        match text[from..].find(&p) {
            Some(i) => from += i + p.len(),
            None => panic!(
                "{p:?} is missing from the handout or out of order (looked from {from} of {})",
                text.len()
            ),
        }
    }
}

#[test]
fn the_handout_holds_the_whole_framework_in_deck_order() {
    let deck = root().join("deck.yaml");
    let out = build(&deck, "handout-default", &["--only", "handout"]);
    let files: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files, vec!["handout.pdf"]);
    let doc = load(&out.join("handout.pdf"));
    let pages = pages(&doc);
    assert!((2..=4).contains(&pages.len()), "{} pages", pages.len());
    for &p in &pages {
        let (w, h) = page_size(&doc, p);
        assert!(close(w, 210.0, 0.05) && close(h, 297.0, 0.05), "{w} x {h}");
    }
    embedded_fonts(&doc);
    let text = squash(&all_text(&doc));
    let source = std::fs::read_to_string(&deck).unwrap();
    let mut parts = vec![
        "5 characteristics of a confident, joyful south east London system leader".to_string(),
        "Co-designed by members of the community of south east London system leaders".to_string(),
    ];
    let names = names(&deck);
    let behaviours = behaviours(&deck);
    assert_eq!((names.len(), behaviours.len()), (5, 32));
    // Each characteristic's name, then its behaviours' codes and full
    // texts, in the deck's order.
    let mut b = behaviours.iter();
    for (ci, name) in names.iter().enumerate() {
        parts.push(name.clone());
        let count = behaviours_of(&source, ci);
        for bi in 0..count {
            let (_, body) = b.next().unwrap();
            parts.push(format!("{}.{}", ci + 1, bi + 1));
            parts.push(body.clone());
        }
    }
    in_order(&text, &parts);
    // Intros, pillars and lead-ins too.
    for needle in [
        "They understand that without trust there can be no effective collaboration",
        "Competence",
        "Psychological safety",
        "They build trust via a combination of competence and character",
    ] {
        assert!(text.contains(&squash(needle)), "{needle:?} missing");
    }
}

#[test]
fn the_handout_command_writes_only_the_handout_and_letter_follows_the_paper() {
    let out = temp_dir("handout-command");
    let o = deckpress(&["handout", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("handout.pdf: 4 pages"),
        "{}",
        stdout(&o)
    );
    let files: Vec<_> = std::fs::read_dir(&out).unwrap().collect();
    assert_eq!(files.len(), 1);
    // A deck printed on Letter gets its handout on Letter.
    let deck = root().join("deck.yaml");
    let out = build(
        &deck,
        "handout-letter",
        &["--only", "handout", "--paper", "letter"],
    );
    let doc = load(&out.join("handout.pdf"));
    for p in pages(&doc) {
        let (w, h) = page_size(&doc, p);
        assert!(close(w, 215.9, 0.05) && close(h, 279.4, 0.05), "{w} x {h}");
    }
    // A full build writes it with the rest.
    let out = build(&deck, "handout-all", &[]);
    assert!(out.join("handout.pdf").is_file());
}

#[test]
fn long_texts_continue_on_the_next_page_without_a_word_lost() {
    let dir = temp_dir("handout-long");
    let sentence = "Every word of this long paragraph must reach the page in order";
    let intro: Vec<String> = (0..60).map(|i| format!("{sentence} {i}.")).collect();
    let mut deck = format!(
        "title: A deck of long texts\ncharacteristics:\n  - id: long\n    name: Long texts\n    colour: \"#123f73\"\n    intro: \"{}\"\n    behaviours:\n",
        intro.join(" ")
    );
    let mut texts = Vec::new();
    for b in 0..15 {
        let words: Vec<String> = (0..14)
            .map(|i| format!("behaviour{b} says word{i} of its text"))
            .collect();
        let text = format!("They do **thing {b}**: {}.", words.join(", "));
        deck.push_str(&format!(
            "      - title: thing {b}\n        text: \"{text}\"\n"
        ));
        texts.push(text.replace("**", ""));
    }
    std::fs::write(dir.join("deck.yaml"), &deck).unwrap();
    let out = build(
        &dir.join("deck.yaml"),
        "handout-long-out",
        &["--only", "handout"],
    );
    let doc = load(&out.join("handout.pdf"));
    let n = pages(&doc).len();
    assert!(n >= 3, "{n} pages");
    // The pages' text in order, each without its footer (the deck's title
    // and the page number, drawn last on the page).
    let mut text = String::new();
    for p in 1..=n {
        let page = squash(&page_text(&doc, p as u32));
        let footer = squash(&format!("{p} / {n} A deck of long texts"));
        let footer_at = page
            .rfind(&footer)
            .unwrap_or_else(|| panic!("page {p} has no footer: {page}"));
        text.push_str(&page[..footer_at]);
        text.push_str(&page[footer_at + footer.len()..]);
    }
    let mut parts = intro.clone();
    parts.extend(texts);
    in_order(&text, &parts);
}

#[test]
fn right_to_left_and_large_decks_get_a_handout() {
    for (name, pages_at_least) in [("hebrew", 1), ("arabic", 1), ("twelve", 4), ("fifteen", 2)] {
        let deck = fixture(&format!("shapes/{name}.yaml"));
        let out = build(&deck, &format!("handout-{name}"), &["--only", "handout"]);
        let doc = load(&out.join("handout.pdf"));
        assert!(pages(&doc).len() >= pages_at_least, "{name}");
        let text = squash(&all_text(&doc));
        for n in names(&deck) {
            // Right-to-left words may come out of the PDF in visual order.
            for w in n.split_whitespace().map(squash) {
                let visual: String = w.chars().rev().collect();
                assert!(
                    text.contains(&w) || text.contains(&visual),
                    "{name}: {w:?} of {n:?} missing"
                );
            }
        }
    }
}

#[test]
fn the_handout_is_tagged_with_headings_lists_figures_and_bookmarks() {
    let deck = root().join("deck.yaml");
    let out = build(&deck, "handout-tagged", &["--only", "handout"]);
    let doc = load(&out.join("handout.pdf"));
    let catalog = doc.catalog().unwrap();
    let marked = catalog
        .get(b"MarkInfo")
        .and_then(|m| doc.dereference(m))
        .map(|(_, m)| {
            m.as_dict()
                .unwrap()
                .get(b"Marked")
                .unwrap()
                .as_bool()
                .unwrap()
        });
    assert_eq!(marked.ok(), Some(true));
    let st = structure(&doc);
    let kinds: Vec<&str> = st.iter().map(|(s, _)| s.as_str()).collect();
    let count = |k: &str| kinds.iter().filter(|s| **s == k).count();
    assert_eq!(count("H1"), 1, "{kinds:?}");
    assert_eq!(count("H2"), 5, "{kinds:?}");
    assert_eq!(count("LI"), 32, "one list item per behaviour: {kinds:?}");
    assert_eq!(count("Lbl"), 32);
    assert_eq!(count("LBody"), 32);
    // In reading order: the title first, each characteristic's heading
    // before its 7, 6, 7, 5 and 7 behaviours.
    let h1 = kinds.iter().position(|s| *s == "H1").unwrap();
    let h2s: Vec<usize> = (0..kinds.len()).filter(|&i| kinds[i] == "H2").collect();
    assert!(h1 < h2s[0]);
    let items_after: Vec<usize> = h2s
        .iter()
        .enumerate()
        .map(|(n, &at)| {
            let end = h2s.get(n + 1).copied().unwrap_or(kinds.len());
            kinds[at..end].iter().filter(|s| **s == "LI").count()
        })
        .collect();
    assert_eq!(items_after, vec![7, 6, 7, 5, 7]);
    // Every icon has its alternative text: the characteristic's name.
    let figures: Vec<&Option<String>> = st
        .iter()
        .filter(|(s, _)| s == "Figure")
        .map(|(_, a)| a)
        .collect();
    assert_eq!(figures.len(), 5);
    let names = names(&deck);
    for (f, n) in figures.iter().zip(&names) {
        assert_eq!(f.as_deref(), Some(n.as_str()));
    }
    // Bookmarks: one per characteristic, in order.
    let outlines = catalog
        .get(b"Outlines")
        .and_then(|o| doc.dereference(o))
        .unwrap()
        .1
        .as_dict()
        .unwrap()
        .clone();
    let mut titles = Vec::new();
    let mut item = outlines.get(b"First").ok().cloned();
    while let Some(lopdf::Object::Reference(r)) = item {
        let d = doc.get_object(r).unwrap().as_dict().unwrap();
        let t = d.get(b"Title").unwrap().as_str().unwrap();
        titles.push(
            lopdf::decode_text_string(&lopdf::Object::string_literal(t.to_vec()))
                .unwrap_or_default(),
        );
        item = d.get(b"Next").ok().cloned();
    }
    let expected: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, n)| format!("{} {n}", i + 1))
        .collect();
    assert_eq!(titles, expected);
    // The language is set.
    let lang = catalog.get(b"Lang").unwrap().as_str().unwrap();
    assert_eq!(lang, b"en-GB");
}

#[test]
fn the_tagged_documents_are_pdf_ua_with_their_title_in_the_window() {
    let out = build(&root().join("deck.yaml"), "pdf-ua", &[]);
    for name in ["cards", "poster", "handout", "worksheet"] {
        let doc = load(&out.join(format!("{name}.pdf")));
        assert_eq!(pdf_ua(&doc), (true, true), "{name}.pdf");
        let title = doc
            .trailer
            .get(b"Info")
            .and_then(|i| doc.dereference(i))
            .map(|(_, i)| i.as_dict().unwrap().get(b"Title").is_ok());
        assert_eq!(title.ok(), Some(true), "{name}.pdf has no title");
    }
    // The sheets for an office printer are not tagged, and claim nothing.
    let doc = load(&out.join("sheets.pdf"));
    assert_eq!(pdf_ua(&doc), (false, false));
}

#[test]
fn icon_alt_gives_the_alternative_text() {
    let dir = temp_dir("handout-alt");
    let deck = std::fs::read_to_string(root().join("deck.yaml"))
        .unwrap()
        .replacen(
            "    icon: assets/trust.svg\n",
            "    icon: assets/trust.svg\n    icon_alt: A bridge between two banks\n",
            1,
        )
        .replace(
            "icon: assets/",
            &format!("icon: {}/assets/", root().display()),
        );
    std::fs::write(dir.join("deck.yaml"), deck).unwrap();
    let out = build(
        &dir.join("deck.yaml"),
        "handout-alt-out",
        &["--only", "handout"],
    );
    let doc = load(&out.join("handout.pdf"));
    let alts: Vec<Option<String>> = structure(&doc)
        .into_iter()
        .filter(|(s, _)| s == "Figure")
        .map(|(_, a)| a)
        .collect();
    assert_eq!(alts[0].as_deref(), Some("A bridge between two banks"));
    assert_eq!(alts[1].as_deref(), Some("Driving purposeful collaboration"));
}

#[test]
fn the_worksheet_rates_every_behaviour_with_a_box_for_each_characteristic() {
    let deck = root().join("deck.yaml");
    let out = build(&deck, "worksheet", &["--only", "worksheet"]);
    let doc = load(&out.join("worksheet.pdf"));
    let n = pages(&doc).len();
    // Each characteristic starts a page of its own.
    assert_eq!(n, 5);
    for &p in &pages(&doc) {
        let (w, h) = page_size(&doc, p);
        assert!(close(w, 210.0, 0.05) && close(h, 297.0, 0.05), "{w} x {h}");
    }
    let text = squash(&all_text(&doc));
    let mut parts = vec!["Reflection worksheet".to_string()];
    let names = names(&deck);
    let behaviours = behaviours(&deck);
    let mut b = behaviours.iter();
    let source = std::fs::read_to_string(&deck).unwrap();
    for (ci, name) in names.iter().enumerate() {
        parts.push(name.clone());
        parts.push("not yet sometimes often consistently".into());
        let count = behaviours_of(&source, ci);
        for bi in 0..count {
            let (title, _) = b.next().unwrap();
            parts.push(format!("{}.{} {title}", ci + 1, bi + 1));
        }
        parts.push("One thing I will try".into());
    }
    in_order(&text, &parts);
    let st = structure(&doc);
    let kinds: Vec<&str> = st.iter().map(|(s, _)| s.as_str()).collect();
    let count = |k: &str| kinds.iter().filter(|s| **s == k).count();
    assert_eq!(
        (count("H1"), count("H2"), count("LI")),
        (1, 5, 32),
        "{kinds:?}"
    );
}

#[test]
fn the_worksheet_speaks_the_deck_s_language_or_its_own_words() {
    // French is built in.
    let out = build(
        &fixture("shapes/french.yaml"),
        "worksheet-fr",
        &["--only", "worksheet"],
    );
    let text = squash(&all_text(&load(&out.join("worksheet.pdf"))));
    for w in [
        "Fiche de réflexion",
        "pas encore",
        "toujours",
        "Une chose que je vais essayer",
    ] {
        assert!(text.contains(&squash(w)), "{w:?} missing");
    }
    // A language without built-in words: English, with a located warning.
    let dir = temp_dir("worksheet-words");
    let base = "title: Maadili yetu\nlanguage: sw\ncharacteristics:\n  - id: one\n    name: Uaminifu\n    colour: \"#123f73\"\n    behaviours:\n      - title: ukweli\n        text: Tunasema **ukweli** kila siku.\n";
    std::fs::write(dir.join("deck.yaml"), base).unwrap();
    let o = deckpress(&[
        "check",
        dir.join("deck.yaml").to_str().unwrap(),
        "--only",
        "worksheet",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "deck.yaml:2:11: the deck, field language: deckpress prints the worksheet's own words"
        ),
        "{}",
        stderr(&o)
    );
    // Its own words: used, and no warning.
    let words = "words:\n  worksheet: Karatasi ya kutafakari\n  rate: Jipime\n  scale: [bado, wakati mwingine, mara nyingi, daima]\n  try: Jambo moja nitajaribu\n  name: Jina\n  date: Tarehe\n";
    std::fs::write(dir.join("deck.yaml"), format!("{base}{words}")).unwrap();
    let out = dir.join("out");
    let o = deckpress(&[
        "build",
        dir.join("deck.yaml").to_str().unwrap(),
        "--only",
        "worksheet",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
    let text = squash(&all_text(&load(&out.join("worksheet.pdf"))));
    for w in [
        "Karatasi ya kutafakari",
        "wakati mwingine",
        "Jambo moja nitajaribu",
        "Tarehe",
    ] {
        assert!(text.contains(&squash(w)), "{w:?} missing");
    }
    // A scale of three steps is one located error.
    let bad = words.replace(
        "[bado, wakati mwingine, mara nyingi, daima]",
        "[bado, mara nyingi, daima]",
    );
    std::fs::write(dir.join("deck.yaml"), format!("{base}{bad}")).unwrap();
    let o = deckpress(&["check", dir.join("deck.yaml").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("deck.yaml:13:10: words, field scale: the rating scale has 3 steps"),
        "{e}"
    );
}

#[test]
fn a_characteristic_continued_on_a_page_repeats_its_name_and_scale() {
    // Fifteen behaviours do not fit one page: the second page starts
    // with the characteristic's number and name and the scale's words.
    let out = build(
        &fixture("shapes/fifteen.yaml"),
        "worksheet-fifteen",
        &["--only", "worksheet"],
    );
    let doc = load(&out.join("worksheet.pdf"));
    let first = squash(&page_text(&doc, 1));
    let second = squash(&page_text(&doc, 2));
    assert!(first.contains(&squash("1.1 Open questions")), "{first}");
    assert!(
        second.starts_with(&squash(
            "1 Coaching for growth not yet sometimes often consistently"
        )),
        "{second}"
    );
    assert!(second.contains(&squash("1.10 Confidentiality")), "{second}");
    // The repeat is decoration: the structure holds the scale once per
    // characteristic (one paragraph for the rating line each).
    let st = structure(&doc);
    let lis = st.iter().filter(|(s, _)| s == "LI").count();
    assert_eq!(lis, 34, "one list item per behaviour");
}
