use super::*;
use std::collections::BTreeSet;

fn used(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        out.insert(after[..close].to_string());
        rest = &after[close + 1..];
    }
    out
}

#[test]
fn every_table_gives_every_key_once_with_the_same_placeholders_and_good_markup() {
    for (language, rows) in FULL.iter().chain(partial::TABLES) {
        let mut seen = BTreeSet::new();
        for (k, text) in rows.iter() {
            assert!(seen.insert(*k), "{language}: {k:?} twice");
            assert!(!text.trim().is_empty(), "{language}: {k:?} is empty");
            let english = en::TEXTS.iter().find(|(e, _)| e == k).unwrap().1;
            assert_eq!(
                used(text),
                used(english),
                "{language}: {k:?} uses other placeholders than English: {text}"
            );
            assert!(
                unknown_placeholders(*k, text).is_empty(),
                "{language}: {k:?}: {text}"
            );
            assert!(
                crate::text::markup::parse(text).is_ok(),
                "{language}: {k:?} has bad markup: {text}"
            );
            assert_eq!(text.trim(), *text, "{language}: {k:?} has outer spaces");
        }
        let full = FULL.iter().any(|(l, _)| l == language);
        for k in Key::ALL {
            if full || k.is_worksheet() {
                assert!(seen.contains(k), "{language}: no {k:?}");
            } else {
                assert!(!seen.contains(k), "{language}: {k:?} in a partial table");
            }
        }
    }
}

#[test]
fn labels_follow_the_primary_language() {
    assert_eq!(Labels::for_language("en-GB").get(Key::Scale1), "not yet");
    let sw = Labels::for_language("sw");
    let en = Labels::for_language("en");
    assert!(Key::ALL.iter().all(|k| sw.get(*k) == en.get(*k)));
    assert!(!sw.known(|_| true));
    assert!(Labels::for_language("nl").known(Key::is_worksheet));
    assert!(!Labels::for_language("nl").known(|k| k == Key::GuideTitle));
    for l in Labels::languages().0 {
        assert!(Labels::for_language(l).known(|_| true), "{l}");
        assert_eq!(Labels::for_language(l).words().scale.len(), 4);
    }
}

#[test]
fn placeholders_are_filled_and_counts_and_numbers_follow_the_language() {
    let en = Labels::for_language("en");
    assert_eq!(en.pages((3, 3)), "page 3");
    assert_eq!(en.pages((3, 12)), "pages 3 to 12");
    assert_eq!(en.count(Key::CardsOne, Key::CardsMany, 1), "1 card");
    assert_eq!(en.count(Key::CardsOne, Key::CardsMany, 0), "0 cards");
    assert_eq!(
        en.fill(Key::SheetOf, &[("n", "2"), ("total", "5")]),
        "Sheet 2 of 5"
    );
    // A placeholder with no value, and braces that are not one, stay.
    assert_eq!(en.fill(Key::SheetOf, &[("n", "2")]), "Sheet 2 of {total}");
    assert_eq!(en.number("63.5 × 88.9 mm"), "63.5 × 88.9 mm");
    let fr = Labels::for_language("fr-CA");
    assert_eq!(fr.number("63.5 × 88.9 mm, v1.2."), "63,5 × 88,9 mm, v1,2.");
    assert_eq!(
        fr.count(Key::CardsOne, Key::CardsMany, 0),
        fr.count(Key::CardsOne, Key::CardsMany, 1).replace('1', "0")
    );
    let de = Labels::for_language("de");
    assert_eq!(de.number("1.5"), "1,5");
}

#[test]
fn french_puts_a_no_break_space_before_double_punctuation() {
    let mut fr = Labels::for_language("fr");
    fr.set(
        Key::GuideTitle,
        "Papier : A4 ; prêt ? Oui ! « Carte »".into(),
    );
    assert_eq!(
        fr.get(Key::GuideTitle),
        "Papier\u{a0}: A4\u{a0}; prêt\u{a0}? Oui\u{a0}! «\u{a0}Carte\u{a0}»"
    );
    // Every French label that has the punctuation gets it.
    for k in Key::ALL {
        let t = fr.get(*k);
        for p in [" :", " ;", " ?", " !"] {
            assert!(!t.contains(p), "{k:?}: {t}");
        }
    }
    let mut en = Labels::for_language("en");
    en.set(Key::GuideTitle, "Paper : A4".into());
    assert_eq!(en.get(Key::GuideTitle), "Paper : A4");
}

#[test]
fn unknown_placeholders_are_found() {
    assert_eq!(
        unknown_placeholders(Key::SheetOf, "Sheet {n} of {all} {n} {all} {}"),
        vec!["all".to_string()]
    );
    assert!(unknown_placeholders(Key::GuideTitle, "How {").is_empty());
}

#[test]
fn the_yaml_listing_reads_back() {
    let yaml = Labels::for_language("fr").to_yaml();
    assert!(yaml.starts_with("labels:\n"));
    assert_eq!(
        yaml.lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .count(),
        Key::ALL.len() + 1
    );
}
