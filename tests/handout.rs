//! The handout: the whole framework on A4 or Letter, every word in deck
//! order, read back with lopdf; long texts continue across pages without
//! a word lost; `deckpress handout` writes it alone.

mod common;

use common::*;

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
        let count = source
            .split("  - id: ")
            .nth(ci + 1)
            .unwrap()
            .matches("- title: ")
            .count();
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
