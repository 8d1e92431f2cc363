//! Loading `deck.yaml`: YAML with located errors, the schema, and the checks
//! that need the whole deck (unique ids). The result is the validated model.

pub mod labels;
mod model;
pub mod schema;
pub mod svg;
pub mod yaml;

use std::path::Path;

pub use labels::{Key, Labels, Words};
pub use model::*;

use crate::diag::{Diagnostics, Source};

/// What loading a deck gives: the deck if its shape could be read (even
/// with problems in it, so that later stages can find more), and every
/// problem found.
#[derive(Debug)]
pub struct Loaded {
    pub deck: Option<Deck>,
    pub diagnostics: Diagnostics,
    pub source: Source,
}

/// Reads and checks a deck file. Fails only when the file cannot be read;
/// mistakes in it are diagnostics.
pub fn load(path: &Path) -> std::io::Result<Loaded> {
    use crate::files::{read_bounded, FileProblem, MAX_DECK_BYTES};
    let shown = path.display().to_string();
    let bytes = read_bounded(path, MAX_DECK_BYTES).map_err(|p| {
        let kind = match &p {
            FileProblem::NotFound => std::io::ErrorKind::NotFound,
            FileProblem::Io(e) => e.kind(),
            _ => std::io::ErrorKind::InvalidInput,
        };
        std::io::Error::new(kind, p.describe(&shown, MAX_DECK_BYTES))
    })?;
    let base_dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Ok(load_bytes(bytes, path, base_dir))
}

/// Reads and checks a deck from the bytes of its file (which may not be
/// UTF-8: that is a located error too).
pub fn load_bytes(bytes: Vec<u8>, path: &Path, base_dir: &Path) -> Loaded {
    match String::from_utf8(bytes) {
        Ok(text) => load_str(&text, path, base_dir),
        Err(e) => not_utf8(path, e.as_bytes(), e.utf8_error().valid_up_to()),
    }
}

/// A file that is not UTF-8 (most often one saved as Windows-1252 or
/// Latin-1): one error at the first byte that is not, by line and column,
/// naming the character it most likely is.
fn not_utf8(path: &Path, bytes: &[u8], valid: usize) -> Loaded {
    let before = String::from_utf8_lossy(&bytes[..valid]);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    let byte = bytes[valid];
    // The text as shown, for the caret: each byte that is not UTF-8 read as
    // Windows-1252 (the encoding such files nearly always are).
    let shown: String = bytes.iter().map(|&b| windows_1252(b)).collect();
    let ch = windows_1252(byte);
    let source = Source::new(path.to_path_buf(), shown);
    let mut diagnostics = Diagnostics::default();
    diagnostics.push(
        crate::diag::Diagnostic::error(format!(
            "the file is not saved as UTF-8 text: byte {byte:#04x} here is not UTF-8; it is probably '{ch}' in the Windows (Windows-1252) encoding"
        ))
        .about("the deck file")
        .at(crate::diag::Loc::new(line, col))
        .help("save the file as UTF-8 and build again (in Notepad: File, Save as, Encoding: UTF-8; in other editors, look for \"Encoding\" or \"Save with encoding\")"),
    );
    Loaded {
        deck: None,
        diagnostics,
        source,
    }
}

/// A byte read as Windows-1252 (Latin-1 with typographic punctuation in
/// 0x80–0x9F).
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// Reads and checks a deck from its text; `path` names it in messages and
/// `base_dir` is where relative image paths are resolved.
pub fn load_str(text: &str, path: &Path, base_dir: &Path) -> Loaded {
    let source = Source::new(path.to_path_buf(), text.to_string());
    let mut diagnostics = Diagnostics::default();
    let deck = match yaml::parse(text) {
        Ok(root) => Some(schema::convert(&root, &source, base_dir, &mut diagnostics)),
        Err(d) => {
            diagnostics.push(d);
            None
        }
    };
    Loaded {
        deck,
        diagnostics,
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Loc;

    fn load(text: &str) -> Loaded {
        load_str(text, Path::new("deck.yaml"), Path::new("."))
    }

    const MINIMAL: &str = "\
title: A deck
characteristics:
  - id: one
    name: The first
    colour: \"#1f5fa8\"
    behaviours:
      - title: boundaries
        text: Working with partners to set clear **boundaries**
";

    #[test]
    fn a_minimal_deck_loads() {
        let l = load(MINIMAL);
        assert!(l.diagnostics.items.is_empty(), "{:?}", l.diagnostics);
        let deck = l.deck.unwrap();
        assert_eq!(deck.title.plain(), "A deck");
        let c = &deck.characteristics[0];
        assert_eq!(c.colour, crate::frame::Color::rgb(0x1f, 0x5f, 0xa8));
        assert_eq!(c.behaviours[0].text.rich.bold_phrases(), vec!["boundaries"]);
        assert_eq!(c.behaviours[0].code(c), "1.1");
        assert_eq!(deck.cards.size.size, crate::geom::Size::new(63.0, 88.0));
        assert_eq!(deck.card_count(), 2);
    }

    /// The message that mentions `needle`.
    fn find(messages: &[String], needle: &str) -> String {
        messages
            .iter()
            .find(|s| s.contains(needle))
            .unwrap_or_else(|| panic!("no `{needle}` in {messages:#?}"))
            .clone()
    }

    fn messages(l: &Loaded) -> Vec<String> {
        l.diagnostics
            .items
            .iter()
            .map(|d| {
                format!(
                    "{}:{} {}: {} | {}",
                    d.at.unwrap_or_default().line,
                    d.at.unwrap_or_default().col,
                    d.subject.clone().unwrap_or_default(),
                    d.message,
                    d.help.clone().unwrap_or_default()
                )
            })
            .collect()
    }

    #[test]
    fn reports_every_mistake_with_card_and_field() {
        let text = "\
title: A deck
cards:
  size: pokr
characteristics:
  - id: one
    name: The first
    colour: \"#12345\"
    behaviours:
      - title: boundaries
        txet: hi
      - title: second
        text: \"\"
  - id: one
    name: Again
    color: \"#000000\"
    behaviours:
      - title: x
        text: an *unclosed italic
";
        let l = load(text);
        let m = messages(&l);
        let find = |needle: &str| find(&m, needle);
        assert!(find("pokr").starts_with("3:9 cards, field size"));
        assert!(find("not a colour").starts_with("7:13 characteristic 1 \"one\", field colour"));
        // A misspelt key is one error, not also a missing field.
        assert!(find("unknown key `txet`").contains("did you mean `text`"));
        assert!(!m.iter().any(|s| s.contains("missing field")), "{m:#?}");
        assert!(find("the text is empty").starts_with("12:15 card 1.2 \"second\", field text"));
        assert!(find("already used").starts_with("13:5"));
        assert!(find("unknown key `color`").contains("did you mean `colour`"));
        assert!(find("never closed").starts_with("18:18 card 2.1 \"x\", field text"));
        assert_eq!(l.diagnostics.errors(), 7, "{m:#?}");
    }

    #[test]
    fn wrong_types_and_comments_are_explained() {
        let text = "\
title: [a, b]
characteristics:
  - id: one
    name: The first
    colour: #1f5fa8
    pillars: Competence
    behaviours: none
";
        let l = load(text);
        let m = messages(&l);
        assert!(
            m.iter()
                .any(|s| s.starts_with("1:8 the deck, field title: expected text, found a list")),
            "{m:#?}"
        );
        assert!(
            m.iter()
                .any(|s| s.contains("colour is empty") && s.contains("in quotes")),
            "{m:#?}"
        );
        assert!(
            m.iter()
                .any(|s| s.contains("field pillars: expected a list")),
            "{m:#?}"
        );
        assert!(
            m.iter()
                .any(|s| s.contains("field behaviours: expected a list")),
            "{m:#?}"
        );
    }

    #[test]
    fn unquoted_bold_is_a_located_yaml_error() {
        let text = MINIMAL.replace(
            "text: Working with partners to set clear **boundaries**",
            "text: **Meeting people where they are at**, and more",
        );
        let l = load(&text);
        assert!(l.deck.is_none());
        let d = &l.diagnostics.items[0];
        assert_eq!(d.at, Some(Loc::new(8, 15)));
        assert!(d.message.contains("alias"));
        assert!(d.help.as_ref().unwrap().contains("quotes"));
    }

    #[test]
    fn missing_images_are_located() {
        let text = MINIMAL.replace(
            "    behaviours:",
            "    icon: assets/nope.png\n    behaviours:",
        );
        let l = load(&text);
        let m = messages(&l);
        assert!(
            m[0].starts_with("6:11 characteristic 1 \"one\", field icon: the file"),
            "{m:#?}"
        );
        assert!(m[0].contains("does not exist"));
    }

    #[test]
    fn poster_settings_are_read_and_checked() {
        let ok = MINIMAL.replace(
            "characteristics:",
            "poster:\n  bleed: 3\n  tile: A4\ncharacteristics:",
        );
        let l = load(&ok);
        assert!(l.diagnostics.items.is_empty(), "{:?}", l.diagnostics);
        let poster = l.deck.unwrap().poster;
        assert_eq!(poster.bleed, 3.0);
        assert_eq!(poster.tile.unwrap().name, Some("a4"));
        assert_eq!(
            load(MINIMAL).deck.unwrap().poster,
            PosterSettings::default()
        );

        let bad = MINIMAL.replace(
            "characteristics:",
            "poster:\n  bleed: 12\n  tile: a3\n  tiles: a4\ncharacteristics:",
        );
        let l = load(&bad);
        let m = messages(&l);
        assert_eq!(m.len(), 3, "{m:#?}");
        assert!(
            m[0].starts_with("3:10 poster, field bleed: 12 mm is out of range"),
            "{m:#?}"
        );
        assert!(m[1].starts_with("4:9 poster, field tile: `a3` is not a paper to tile the poster on: use a4 or letter"), "{m:#?}");
        assert!(
            m[2].starts_with("5:3 poster: unknown key `tiles`")
                && m[2].contains("did you mean `tile`"),
            "{m:#?}"
        );
    }

    #[test]
    fn sheet_settings_are_read() {
        let text = MINIMAL.replace(
            "characteristics:",
            "sheets:\n  paper: letter\n  cut: butted\n  duplex: none\n  margin: 4\n  back_offset: [1.5, -0.5]\n  back_marks: true\n  guide: false\ncharacteristics:",
        );
        let l = load(&text);
        assert!(l.diagnostics.items.is_empty(), "{:?}", l.diagnostics);
        let s = l.deck.unwrap().sheets;
        assert_eq!(s.paper.name, Some("letter"));
        assert_eq!(s.paper_at, Some(Loc::new(3, 10)));
        assert_eq!(s.cut, crate::geom::Cut::Butted);
        assert_eq!(s.duplex, crate::geom::Duplex::Separate);
        assert_eq!(s.margin, 4.0);
        assert_eq!(s.back_offset, crate::geom::Point::new(1.5, -0.5));
        assert!(s.back_marks && !s.guide);
        // The offset may also be written as text, as on the command line.
        let text = MINIMAL.replace(
            "characteristics:",
            "sheets:\n  back_offset: \"-1, 2mm\"\ncharacteristics:",
        );
        let s = load(&text).deck.unwrap().sheets;
        assert_eq!(s.back_offset, crate::geom::Point::new(-1.0, 2.0));
        // Without the mapping, the defaults: A4, gutters, long edge, a guide.
        let s = load(MINIMAL).deck.unwrap().sheets;
        assert_eq!(s.paper.name, Some("a4"));
        assert_eq!(s.duplex, crate::geom::Duplex::Long);
        assert!(s.guide && s.margin == 5.0);
    }

    #[test]
    fn sheet_setting_mistakes_are_located_and_explained() {
        let text = MINIMAL.replace(
            "characteristics:",
            "sheets:\n  papr: a4\n  cut: gutters\n  duplex: both\n  margin: 50\n  back_offset: [20, 0]\n  guide: maybe\n  paper: a9\ncharacteristics:",
        );
        let l = load(&text);
        let m = messages(&l);
        let find = |needle: &str| find(&m, needle);
        assert!(find("unknown key `papr`").contains("did you mean `paper`"));
        assert!(find("gutters").starts_with("4:8 sheets, field cut"));
        assert!(find("gutters").contains("butted"));
        assert!(find("`both`").starts_with("5:11 sheets, field duplex"));
        assert!(find("`both`").contains("fold"));
        assert!(find("50 mm is out of range").starts_with("6:11 sheets, field margin"));
        assert!(find("too large").starts_with("7:16 sheets, field back_offset"));
        assert!(find("too large").contains("calibrate"));
        assert!(find("expected true or false").starts_with("8:10 sheets, field guide"));
        assert!(find("`a9`").starts_with("9:10 sheets, field paper"));
        assert!(find("`a9`").contains("letter"));
        assert_eq!(l.diagnostics.errors(), 7, "{m:#?}");
        let text = MINIMAL.replace(
            "characteristics:",
            "sheets:\n  back_offset: [1]\ncharacteristics:",
        );
        let m = messages(&load(&text));
        assert!(m[0].contains("two numbers"), "{m:#?}");
    }
}
