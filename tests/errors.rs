//! Bad decks: each mistake a user can make gives exit code 1, a message
//! with the file, line and column, the line itself and what to do, and no
//! output file (an earlier one stays as it was).

mod common;

use common::*;

/// Runs `build` on a fixture into a folder holding an earlier `cards.pdf`,
/// checks that the build failed cleanly, and returns the messages.
fn fails(fixture_name: &str) -> String {
    let deck = fixture(fixture_name);
    let out = temp_dir(&fixture_name.replace(['/', '.'], "-"));
    let earlier = out.join("cards.pdf");
    std::fs::write(&earlier, b"an earlier build").unwrap();
    let o = deckpress(&["build", deck.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{fixture_name}: exit code\n{err}");
    assert_eq!(
        std::fs::read(&earlier).unwrap(),
        b"an earlier build",
        "{fixture_name}: the earlier output was touched"
    );
    let files: Vec<_> = std::fs::read_dir(&out).unwrap().collect();
    assert_eq!(
        files.len(),
        1,
        "{fixture_name}: files were written: {files:?}"
    );
    assert!(err.contains("nothing was written"), "{err}");
    // `check` finds the same and writes nothing either.
    let c = deckpress(&["check", deck.to_str().unwrap()]);
    assert_eq!(
        c.status.code(),
        Some(1),
        "{fixture_name}: check's exit code"
    );
    assert_eq!(
        stderr(&c),
        err,
        "{fixture_name}: check and build report alike"
    );
    err
}

/// Asserts a message located at `line:col` of the fixture, with the line
/// shown, containing every one of `needles`.
fn located(err: &str, fixture_name: &str, line: usize, col: usize, needles: &[&str]) {
    let head = format!("{}:{line}:{col}: ", fixture(fixture_name).display());
    let msg = err
        .split("\nerror: ")
        .map(|m| m.trim_start_matches("error: "))
        .find(|m| m.contains(&head))
        .unwrap_or_else(|| panic!("no message at {head} in:\n{err}"));
    assert!(
        msg.contains(&format!("\n{line} | ")),
        "the line is not shown:\n{msg}"
    );
    assert!(msg.contains("= help: "), "no help:\n{msg}");
    for n in needles {
        assert!(msg.contains(n), "`{n}` missing in:\n{msg}");
    }
}

#[test]
fn unknown_key_suggests_the_closest() {
    let e = fails("bad/unknown-key.yaml");
    located(
        &e,
        "bad/unknown-key.yaml",
        17,
        9,
        &[
            "card 1.1 \"first things\"",
            "unknown key `txet`",
            "did you mean `text`",
        ],
    );
}

#[test]
fn wrong_type() {
    let e = fails("bad/wrong-type.yaml");
    located(
        &e,
        "bad/wrong-type.yaml",
        6,
        10,
        &[
            "cards, field bleed",
            "expected a length in mm",
            "found text",
        ],
    );
}

#[test]
fn missing_field() {
    let e = fails("bad/missing-field.yaml");
    located(
        &e,
        "bad/missing-field.yaml",
        16,
        9,
        &[
            "card 1.1 \"first things\"",
            "missing field `text`",
            "add `text:`",
        ],
    );
}

#[test]
fn duplicate_id() {
    let e = fails("bad/duplicate-id.yaml");
    located(
        &e,
        "bad/duplicate-id.yaml",
        20,
        5,
        &[
            "characteristic 2, field id",
            "`one` is already used by characteristic 1",
        ],
    );
}

#[test]
fn empty_text() {
    let e = fails("bad/empty-text.yaml");
    located(
        &e,
        "bad/empty-text.yaml",
        17,
        15,
        &["card 1.1 \"first things\", field text", "the text is empty"],
    );
}

#[test]
fn bad_colour() {
    let e = fails("bad/bad-colour.yaml");
    located(
        &e,
        "bad/bad-colour.yaml",
        10,
        13,
        &["field colour", "`#12345` is not a colour", "#rrggbb"],
    );
    let e = fails("bad/unquoted-colour.yaml");
    located(
        &e,
        "bad/unquoted-colour.yaml",
        10,
        11,
        &[
            "field colour",
            "the colour is empty",
            "`#` starts a comment",
            "in quotes",
        ],
    );
}

#[test]
fn missing_and_corrupt_images() {
    let e = fails("bad/missing-asset.yaml");
    located(
        &e,
        "bad/missing-asset.yaml",
        11,
        11,
        &[
            "field icon",
            "nope.png does not exist",
            "relative to the folder of the deck file",
        ],
    );
    let e = fails("bad/corrupt-image.yaml");
    located(
        &e,
        "bad/corrupt-image.yaml",
        11,
        11,
        &[
            "field icon",
            "corrupt.png is not a usable image",
            "PNG or JPEG",
        ],
    );
}

#[test]
fn unquoted_bold_explains_the_alias() {
    let e = fails("bad/unquoted-bold.yaml");
    located(
        &e,
        "bad/unquoted-bold.yaml",
        19,
        15,
        &["read by YAML as an alias", "put the whole text in quotes"],
    );
}

#[test]
fn bad_markup() {
    let e = fails("bad/bad-markup.yaml");
    located(
        &e,
        "bad/bad-markup.yaml",
        17,
        21,
        &["field text", "`**` opens bold text that is never closed"],
    );
}

#[test]
fn missing_glyph_names_the_character() {
    let e = fails("bad/missing-glyph.yaml");
    located(
        &e,
        "bad/missing-glyph.yaml",
        17,
        56,
        &[
            "card 1.1 \"first things\", field text",
            "no glyphs for 2 characters",
            "'信' (U+4FE1, Chinese), first at line 17, column 56",
            "'頼' (U+983C, Chinese), first at line 17, column 57",
            "empty boxes",
            "fonts: fallback:",
            "Noto Sans SC",
        ],
    );
    // One error for both characters.
    assert_eq!(e.matches("error:").count(), 1, "{e}");
}

#[test]
fn text_that_cannot_fit_says_by_how_much() {
    let e = fails("bad/overflow.yaml");
    located(
        &e,
        "bad/overflow.yaml",
        17,
        15,
        &[
            "card 1.1 \"first things\", field text",
            "does not fit: at 7 pt",
            "mm over",
            "shorten the text by about",
        ],
    );
}

#[test]
fn check_reports_every_mistake_at_once() {
    let deck = fixture("many-mistakes.yaml");
    let o = deckpress(&["check", deck.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert_eq!(
        e.matches("\nerror: ").count() + usize::from(e.starts_with("error: ")),
        7,
        "{e}"
    );
    // A misspelt key is one mistake: no "missing field" for it as well.
    assert!(!e.contains("missing field"), "{e}");
    for n in [
        "pokr",
        "#12345",
        "`txet`",
        "did you mean `text`",
        "text is empty",
        "already used",
        "`color`",
        "did you mean `colour`",
        "never closed",
    ] {
        assert!(e.contains(n), "`{n}` not reported:\n{e}");
    }
    assert!(e.contains("7 errors"), "{e}");
}

#[test]
fn blurred_images_warn_once_and_still_build() {
    let deck = fixture("lowres.yaml");
    let out = temp_dir("lowres");
    let o = deckpress(&["build", deck.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let e = stderr(&o);
    assert_eq!(e.matches("warning: ").count(), 1, "{e}");
    assert!(e.contains("lowres.png has 60 × 60 pixels"), "{e}");
    assert!(e.contains("below the 300 ppi"), "{e}");
    assert!(e.contains(":11:11: "), "{e}");
    assert!(out.join("cards.pdf").exists());
}

#[test]
fn io_errors_exit_2() {
    let o = deckpress(&["check", "no/such/deck.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no/such/deck.yaml does not exist"),
        "{}",
        stderr(&o)
    );
    let o = deckpress(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_good_fixture_builds() {
    let out = build(&fixture("small.yaml"), "small", &[]);
    let doc = load(&out.join("cards.pdf"));
    assert_eq!(pages(&doc).len(), 10);
    let text = squash(&all_text(&doc));
    for (title, body) in behaviours(&fixture("small.yaml")) {
        assert!(
            text.contains(&squash(&title)) && text.contains(&squash(&body)),
            "{title}"
        );
    }
}

#[test]
fn a_colon_in_a_french_text_is_explained_with_the_corrected_line() {
    let e = fails("bad/french-colon.yaml");
    located(
        &e,
        "bad/french-colon.yaml",
        17,
        45,
        &[
            "narrow no-break space",
            "put the whole text in quotes",
            "text: \"Nous faisons **first things**\u{202f}: toujours, chaque fois.\"",
        ],
    );
}

#[test]
fn an_unclosed_quote_is_reported_where_it_opens() {
    let e = fails("bad/unclosed-quote.yaml");
    located(
        &e,
        "bad/unclosed-quote.yaml",
        17,
        15,
        &[
            "opens with a double quote",
            "never closed",
            "text: \"Doing **first things** first, every time.\"",
        ],
    );
}

#[test]
fn curly_quotes_are_not_yaml_quotes() {
    let e = fails("bad/curly-quotes.yaml");
    located(
        &e,
        "bad/curly-quotes.yaml",
        17,
        44,
        &[
            "typographic quotes",
            "do not count as YAML quotes",
            "text: \"“Doing **first things** first: every time.”\"",
        ],
    );
}

#[test]
fn a_file_not_saved_as_utf8_is_located_with_its_character() {
    let e = fails("bad/windows-1252.yaml");
    located(
        &e,
        "bad/windows-1252.yaml",
        17,
        56,
        &[
            "not saved as UTF-8",
            "'–'",
            "Windows-1252",
            "save the file as UTF-8",
        ],
    );
}
