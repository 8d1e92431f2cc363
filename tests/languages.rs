//! The words deckpress prints itself, in the deck's language: the guide,
//! the sheets' labels, the tiles' labels and the calibration sheet built
//! by the real binary in English, French, German, Spanish and Welsh and
//! read back with lopdf; `labels:` overrides; `deckpress labels`.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use deckpress::deck::{Key, Labels};

/// The framework deck in `language`, with `extra` YAML added at the end,
/// written into a fresh folder (its icons found in the repository).
fn deck_in(language: &str, extra: &str, name: &str) -> PathBuf {
    let dir = temp_dir(name);
    let yaml = std::fs::read_to_string(root().join("deck.yaml")).unwrap();
    let assets = root().join("assets");
    let yaml = yaml
        .replace("language: en-GB", &format!("language: {language}"))
        .replace("icon: assets/", &format!("icon: {}/", assets.display()));
    assert!(yaml.contains(&format!("language: {language}")));
    let path = dir.join("deck.yaml");
    std::fs::write(&path, format!("{yaml}\n{extra}")).unwrap();
    path
}

fn run(args: &[&str]) -> std::process::Output {
    let o = deckpress(args);
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
    o
}

fn sheets(deck: &Path, duplex: &str) -> lopdf::Document {
    let out = deck.parent().unwrap().join(format!("out-{duplex}"));
    run(&[
        "build",
        deck.to_str().unwrap(),
        "--only",
        "sheets",
        "--duplex",
        duplex,
        "-o",
        out.to_str().unwrap(),
    ]);
    load(&out.join("sheets.pdf"))
}

/// Whether `text` holds `label`'s words, whatever the line breaks.
fn holds(text: &str, label: &str) -> bool {
    let plain = label.replace("**", "").replace('*', "");
    squash(text).contains(&squash(&plain))
}

#[test]
fn the_guide_and_labels_are_in_each_language() {
    for language in ["en-GB", "fr", "de", "es", "cy"] {
        let l = Labels::for_language(language);
        let deck = deck_in(language, "", &format!("guide-{language}"));
        for (duplex, key, back) in [
            ("long", Key::GuideTwoSidedLong, Key::GuideCheckBacksHeading),
            (
                "short",
                Key::GuideTwoSidedShort,
                Key::GuideCheckBacksHeading,
            ),
            (
                "none",
                Key::GuideOneSidedSeparate,
                Key::GuidePrintBacksHeading,
            ),
            ("fold", Key::GuideOneSidedFold, Key::GuideFoldHeading),
        ] {
            let doc = sheets(&deck, duplex);
            let guide = page_text(&doc, 1);
            for k in [
                Key::GuideTitle,
                Key::GuidePrinterHeading,
                Key::GuideScale,
                key,
                Key::GuideCardHeading,
                Key::GuideScaleHeading,
                back,
                Key::GuideCutHeading,
                Key::GuideCutTools,
                Key::GuideCutOrder,
            ] {
                assert!(
                    holds(&guide, &l.get(k)),
                    "{language} {duplex}: no {k:?} ({}) in the guide:\n{guide}",
                    l.get(k)
                );
            }
            // Not a word of the English guide, in another language.
            if language != "en-GB" {
                let en = Labels::for_language("en");
                assert!(
                    !holds(&guide, &en.get(Key::GuideCutOrder)),
                    "{language}: {guide}"
                );
            }
            // The first sheet's label, in the margin of its first page.
            let first = if duplex == "long" || duplex == "short" {
                3
            } else {
                2
            };
            let sheets = if duplex == "fold" { "10" } else { "5" };
            let sheet = l.fill(Key::SheetOf, &[("n", "1"), ("total", sheets)]);
            let text = page_text(&doc, first);
            assert!(holds(&text, &sheet), "{language} {duplex}: {sheet}: {text}");
        }
    }
}

#[test]
fn the_calibration_sheet_and_tiles_are_in_each_language() {
    for language in ["en-GB", "fr", "de", "es", "cy"] {
        let l = Labels::for_language(language);
        let deck = deck_in(language, "", &format!("calibration-{language}"));
        let out = deck.parent().unwrap().join("out");
        let o = run(&[
            "calibrate",
            deck.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(!stderr(&o).contains("in English"), "{}", stderr(&o));
        let doc = load(&out.join("calibration.pdf"));
        let front = page_text(&doc, 1);
        for k in [
            Key::CalibrationFront,
            Key::CalibrationHold,
            Key::CalibrationWrite,
            Key::CalibrationPinHere,
        ] {
            assert!(holds(&front, &l.get(k)), "{language}: {k:?}: {front}");
        }
        assert!(holds(&page_text(&doc, 2), &l.get(Key::CalibrationBack)));

        run(&[
            "poster",
            deck.to_str().unwrap(),
            "--tile",
            "a4",
            "-o",
            out.to_str().unwrap(),
        ]);
        let tiles = load(&out.join("poster-tiles.pdf"));
        let place = l.fill(
            Key::TilePlace,
            &[
                ("row", &l.get(Key::TileTop)),
                ("column", &l.get(Key::TileLeft)),
            ],
        );
        let label = l.fill(
            Key::TileOf,
            &[("n", "1"), ("total", "4"), ("place", &place)],
        );
        let text = page_text(&tiles, 1);
        assert!(holds(&text, &label), "{language}: {label}: {text}");
    }
}

#[test]
fn a_language_without_words_warns_once_and_prints_english() {
    let deck = deck_in("sw", "", "swahili");
    let out = deck.parent().unwrap().join("out");
    let o = run(&["build", deck.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(err.matches("in English").count(), 1, "{err}");
    assert!(err.contains("deck.yaml:12:11"), "{err}");
    assert!(err.contains("the printed guide"), "{err}");
    assert!(err.contains("the worksheet"), "{err}");
    let guide = page_text(&load(&out.join("sheets.pdf")), 1);
    assert!(holds(&guide, "How to print and cut your cards"));
}

#[test]
fn labels_in_deck_yaml_replace_the_built_in_ones() {
    let extra = "labels:\n  guide_title: \"Mode d'emploi de {deck}\"\n";
    // A placeholder the label does not have is an error at its place.
    let bad = deck_in("fr", extra, "labels-bad");
    let o = deckpress(&["check", bad.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert_eq!(err.matches("error:").count(), 1, "{err}");
    assert!(err.contains("labels, field guide_title"), "{err}");
    assert!(err.contains("this label has no placeholders"), "{err}");
    let lines = std::fs::read_to_string(&bad).unwrap().lines().count();
    assert!(err.contains(&format!("deck.yaml:{lines}:")), "{err}");

    // A misspelt key is one error with the key it meant.
    let typo = deck_in(
        "fr",
        "labels:\n  guide_titel: Mode d'emploi\n",
        "labels-typo",
    );
    let err = stderr(&deckpress(&["check", typo.to_str().unwrap()]));
    assert!(
        err.contains("guide_titel") && err.contains("guide_title"),
        "{err}"
    );

    let good = deck_in(
        "fr",
        "labels:\n  guide_title: Mode d'emploi\n  sheet_of: \"F. {n}/{total}\"\n",
        "labels-good",
    );
    let doc = sheets(&good, "long");
    assert!(holds(&page_text(&doc, 1), "Mode d'emploi"));
    assert!(holds(&page_text(&doc, 3), "F. 1/5"));
}

#[test]
fn deckpress_labels_prints_a_section_that_builds() {
    let o = run(&["labels", "--language", "cy"]);
    let yaml = stdout(&o);
    let welsh = Labels::for_language("cy");
    assert!(yaml.contains(&welsh.get(Key::GuideTitle)), "{yaml}");
    // Pasted into an English deck, it gives the Welsh guide.
    let deck = deck_in("en-GB", &yaml, "labels-pasted");
    let doc = sheets(&deck, "long");
    let guide = page_text(&doc, 1);
    assert!(holds(&guide, &welsh.get(Key::GuideCutOrder)), "{guide}");
    let o = deckpress(&["check", deck.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
}
