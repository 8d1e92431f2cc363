//! `deckpress import`: the example spreadsheets (CSV, XLSX, ODS, written
//! from deck.yaml by examples/make_examples.py) give the framework's deck
//! word for word, and a bad row is reported by its row and column.

mod common;

use std::path::Path;

use common::*;
use deckpress::deck::Deck;

fn deck_at(path: &Path) -> Deck {
    let loaded = deckpress::deck::load(path).unwrap();
    assert!(!loaded.diagnostics.has_errors(), "{:?}", loaded.diagnostics);
    loaded.deck.unwrap()
}

#[test]
fn the_example_spreadsheets_give_the_framework_word_for_word() {
    let framework = deck_at(&root().join("deck.yaml"));
    for ext in ["csv", "xlsx", "ods"] {
        let dir = temp_dir(&format!("import-{ext}"));
        let out = dir.join("deck.yaml");
        let sheet = root().join(format!("examples/framework.{ext}"));
        let o = deckpress(&[
            "import",
            sheet.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{ext}: {}", stderr(&o));
        assert!(
            stdout(&o).contains("5 characteristics and 32 behaviours"),
            "{}",
            stdout(&o)
        );
        let deck = deck_at(&out);
        assert_eq!(deck.title.plain(), "Framework");
        assert_eq!(deck.characteristics.len(), framework.characteristics.len());
        for (a, b) in deck.characteristics.iter().zip(&framework.characteristics) {
            assert_eq!(a.id, b.id, "{ext}");
            assert_eq!(a.name.rich, b.name.rich, "{ext}");
            assert_eq!(a.colour, b.colour, "{ext}");
            assert_eq!(
                a.intro.as_ref().map(|t| &t.rich),
                b.intro.as_ref().map(|t| &t.rich),
                "{ext}"
            );
            assert_eq!(
                a.lead_in.as_ref().map(|t| &t.rich),
                b.lead_in.as_ref().map(|t| &t.rich),
                "{ext}"
            );
            let pillars = |c: &deckpress::deck::Characteristic| {
                c.pillars.iter().map(|p| p.rich.clone()).collect::<Vec<_>>()
            };
            assert_eq!(pillars(a), pillars(b), "{ext}");
            // The same icon file.
            let icon = |d: &Deck, c: &deckpress::deck::Characteristic| {
                c.icon
                    .as_ref()
                    .map(|i| d.base_dir.join(&i.path).canonicalize().unwrap())
            };
            assert_eq!(icon(&deck, a), icon(&framework, b), "{ext}");
            assert_eq!(a.behaviours.len(), b.behaviours.len(), "{ext}");
            for (x, y) in a.behaviours.iter().zip(&b.behaviours) {
                assert_eq!(x.title.rich, y.title.rich, "{ext}");
                assert_eq!(x.text.rich, y.text.rich, "{ext}");
            }
        }
        // It builds, at once.
        let o = deckpress(&["build", out.to_str().unwrap(), "--only", "cards,handout"]);
        assert!(o.status.success(), "{ext}: {}", stderr(&o));
    }
}

#[test]
fn a_bad_row_is_reported_by_row_and_column_and_nothing_is_written() {
    let dir = temp_dir("import-bad");
    let csv = dir.join("bad.csv");
    std::fs::write(
        &csv,
        "Characteristic,Title,Text\nTrust,Boundaries,Set clear boundaries.\n,Integrity,\nCare,Listening,Listen well.\n",
    )
    .unwrap();
    let o = deckpress(&["import", csv.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("bad.csv, row 3, column C (Text): the behaviour \"Integrity\" has no text"),
        "{err}"
    );
    assert_eq!(err.matches("error:").count(), 1, "{err}");
    assert!(!dir.join("deck.yaml").exists());

    // A text no card holds: found by the deck's own checks, told by cell.
    let long = "word ".repeat(700);
    std::fs::write(
        &csv,
        format!("characteristic;title;text\nTrust;Boundaries;{long}\n"),
    )
    .unwrap();
    let o = deckpress(&["import", csv.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("bad.csv, row 2, column C (text): "), "{err}");
    assert!(!dir.join("deck.yaml").exists());

    // A colour that is not one, at its cell.
    std::fs::write(
        &csv,
        "characteristic,title,text,colour\nTrust,Boundaries,Set clear boundaries.,blue-ish\n",
    )
    .unwrap();
    let err = stderr(&deckpress(&["import", csv.to_str().unwrap()]));
    assert!(err.contains("bad.csv, row 2, column D (colour): "), "{err}");

    // Missing headers are named.
    std::fs::write(&csv, "name,what\nTrust,Set clear boundaries.\n").unwrap();
    let err = stderr(&deckpress(&["import", csv.to_str().unwrap()]));
    assert!(err.contains("no column headed title or text"), "{err}");
}

#[test]
fn an_existing_deck_is_replaced_only_with_force_and_sheets_are_chosen_by_name() {
    let dir = temp_dir("import-force");
    let csv = dir.join("my-framework.csv");
    std::fs::write(
        &csv,
        "characteristic,title,text\nTrust,Boundaries,Set clear boundaries.\n",
    )
    .unwrap();
    let o = deckpress(&["import", csv.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let written = std::fs::read_to_string(dir.join("deck.yaml")).unwrap();
    assert!(written.contains("title: \"My framework\""), "{written}");
    std::fs::write(
        &csv,
        "characteristic,title,text\nCare,Listening,Listen well.\n",
    )
    .unwrap();
    let o = deckpress(&["import", csv.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(dir.join("deck.yaml")).unwrap(),
        written
    );
    let o = deckpress(&["import", csv.to_str().unwrap(), "--force"]);
    assert!(o.status.success());
    assert!(std::fs::read_to_string(dir.join("deck.yaml"))
        .unwrap()
        .contains("Listening"));

    let xlsx = root().join("examples/framework.xlsx");
    let o = deckpress(&[
        "import",
        xlsx.to_str().unwrap(),
        "--sheet",
        "Nope",
        "-o",
        "/dev/null",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("its sheets are Framework"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_workbook_that_unpacks_to_far_more_than_its_size_is_refused_unread() {
    // 300 KB that unpack to 315 MB of spaces.
    let out = temp_dir("import-bomb").join("deck.yaml");
    let o = deckpress(&[
        "import",
        fixture("bomb.xlsx").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(
        e.contains("unpacks to 314 MB") && e.contains("at most 200 MB"),
        "{e}"
    );
    // Refused from the sizes its directory records, before anything is
    // unpacked: the message gives them.
    assert!(!out.exists());
}
