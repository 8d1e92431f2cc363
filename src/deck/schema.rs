//! The schema of `deck.yaml`: converts the located YAML tree into the deck
//! model, collecting every problem (unknown or missing keys, wrong types,
//! empty texts, bad colours, duplicate ids, missing images) rather than
//! stopping at the first.

use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use super::labels::{unknown_placeholders, Key, Labels};
use super::model::{
    Asset, Behaviour, CardSettings, Characteristic, Deck, Icon, Output, PosterSettings,
    SheetSettings, Text,
};
use super::svg;
use super::yaml::{Node, Value};
use crate::diag::{closest, Diagnostic, Diagnostics, Loc, Source};
use crate::fonts::{self, Face, FontFile, FontSet};
use crate::frame::{Color, Image, ImageFormat};
use crate::geom::{
    check_offset, parse_offset, parse_size, parse_tile_paper, Cut, Duplex, Mm, Orientation, Point,
    CARD_PRESETS, MAX_MARGIN, PAPER_PRESETS, POSTER_PRESETS,
};
use crate::text::coverage::{self, Source as GlyphSource};
use crate::text::markup;

/// The keys of the top level of `deck.yaml`.
pub const DECK_KEYS: &[&str] = &[
    "title",
    "short_title",
    "edition",
    "blank_cards",
    "credit",
    "language",
    "outputs",
    "fonts",
    "cards",
    "poster",
    "sheets",
    "characteristics",
    "labels",
    "print",
    "words",
];
/// The keys of `words:`: the worksheet's words.
static WORD_KEYS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut keys = vec!["scale"];
    keys.extend(
        Key::ALL
            .iter()
            .filter(|k| k.is_worksheet() && !k.name().starts_with("scale_"))
            .map(|k| k.name()),
    );
    keys
});
/// The keys of `labels:`: every label, and `scale` for the four steps
/// of the rating scale at once.
static LABEL_KEYS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut keys = vec!["scale"];
    keys.extend(Key::ALL.iter().map(|k| k.name()));
    keys
});
/// The keys of `fonts:`.
pub const FONT_KEYS: &[&str] = &["regular", "bold", "italic", "bold_italic", "fallback"];
/// The keys of `cards:`.
pub const CARD_KEYS: &[&str] = &["size", "bleed"];
/// The keys of `poster:`.
pub const POSTER_KEYS: &[&str] = &["size", "orientation", "bleed", "tile"];
/// The keys of `sheets:`.
pub const SHEET_KEYS: &[&str] = &[
    "paper",
    "cut",
    "duplex",
    "margin",
    "back_offset",
    "back_marks",
    "guide",
    "copies",
];
/// The keys of one characteristic.
pub const CHARACTERISTIC_KEYS: &[&str] = &[
    "id",
    "name",
    "colour",
    "icon",
    "icon_alt",
    "intro",
    "lead_in",
    "pillars",
    "behaviours",
];
/// The keys of one behaviour.
pub const BEHAVIOUR_KEYS: &[&str] = &["title", "text"];

/// Converts the YAML tree of a deck file into a deck. Problems are added to
/// `diags`; the deck is returned whenever its shape allowed reading it, so
/// that later stages can find further problems.
pub fn convert(root: &Node, source: &Source, base_dir: &Path, diags: &mut Diagnostics) -> Deck {
    let mut cx = Cx {
        source,
        diags,
        fonts: FontSet::bundled(),
        fonts_ok: true,
        glyphs: Vec::new(),
        italic_used: None,
        invisible: Vec::new(),
        icons: std::collections::HashMap::new(),
        named: Vec::new(),
    };
    let mut top = cx.map(root, "the deck file", DECK_KEYS);
    // The fonts first: every text is checked against them.
    if let Some((_, node)) = top.take("fonts") {
        cx.fonts(node, base_dir);
    }
    let outputs = top.take("outputs").and_then(|(_, node)| cx.outputs(node));
    let title = top
        .text(&mut cx, "title", true, "the deck")
        .unwrap_or_default();
    let short_title = top.text(&mut cx, "short_title", false, "the deck");
    let edition = top.text(&mut cx, "edition", false, "the deck");
    let mut blank_cards = 0;
    if let Some((_, v)) = top.take("blank_cards") {
        let subject = "the deck, field blank_cards";
        match &v.value {
            Value::Int(n) if (0..=15).contains(n) => blank_cards = *n as usize,
            Value::Int(n) => cx.diags.push(
                Diagnostic::error(format!("{n} blank cards is out of range"))
                    .about(subject)
                    .at(v.at)
                    .help("give the blank cards per characteristic, from 0 to 15"),
            ),
            other => cx.wrong_type(v, other, "a number of cards, such as 2", subject),
        }
    }
    let credit = top.text(&mut cx, "credit", false, "the deck");
    let (shop, print_profile) = match top.take("print") {
        Some((_, node)) => cx.print(node, base_dir),
        None => (None, None),
    };
    let (language, language_at) = match top.plain(&mut cx, "language", "the deck") {
        Some((s, at)) => (s, Some(at)),
        None => ("en".to_string(), None),
    };
    let cards = match top.take("cards") {
        Some((_, node)) => cx.cards(node),
        None => CardSettings::default(),
    };
    let poster = match top.take("poster") {
        Some((_, node)) => cx.poster(node),
        None => PosterSettings::default(),
    };
    let sheets = match top.take("sheets") {
        Some((_, node)) => cx.sheets(node),
        None => SheetSettings::default(),
    };
    let mut labels = Labels::for_language(&language);
    for key in ["words", "labels"] {
        if let Some((_, node)) = top.take(key) {
            cx.labels(node, key, &mut labels);
        }
    }
    let mut characteristics = Vec::new();
    match top.take("characteristics") {
        Some((key, node)) => match &node.value {
            Value::Seq(items) if !items.is_empty() => {
                for (i, item) in items.iter().enumerate() {
                    characteristics.push(cx.characteristic(item, i + 1, base_dir));
                }
            }
            Value::Seq(_) | Value::Null => cx.diags.push(
                Diagnostic::error("the deck has no characteristics")
                    .about("the deck, field characteristics")
                    .at(key.at)
                    .help("list at least one characteristic, each with its behaviours"),
            ),
            other => cx.wrong_type(
                node,
                other,
                "a list of characteristics",
                "the deck, field characteristics",
            ),
        },
        None => cx.missing(
            &top,
            "characteristics",
            "the deck",
            "a list of characteristics",
        ),
    }
    top.finish(&mut cx);
    check_unique_ids(&characteristics, cx.diags);
    cx.report_glyphs();
    Deck {
        source: source.clone(),
        base_dir: base_dir.to_path_buf(),
        title,
        short_title,
        edition,
        blank_cards,
        credit,
        language,
        cards,
        poster,
        sheets,
        fonts: cx.fonts,
        files: cx.named,
        outputs,
        flags: Vec::new(),
        characteristics,
        words: labels.words(),
        labels,
        language_at,
        shop,
        print_profile,
        separate_backs: false,
    }
}

fn check_unique_ids(chars: &[Characteristic], diags: &mut Diagnostics) {
    for (i, c) in chars.iter().enumerate() {
        if c.id.is_empty() {
            continue;
        }
        if let Some(first) = chars[..i].iter().find(|o| o.id == c.id) {
            diags.push(
                Diagnostic::error(format!(
                    "the id `{}` is already used by characteristic {} (line {})",
                    c.id, first.number, first.at.line
                ))
                .about(format!("characteristic {}, field id", c.number))
                .at(c.at)
                .help("give every characteristic its own id"),
            );
        }
    }
}

/// The conversion's context: the source (for locating inside texts), the
/// diagnostics collected so far, the deck's fonts and the characters they
/// cannot print.
struct Cx<'a> {
    source: &'a Source,
    diags: &'a mut Diagnostics,
    fonts: FontSet,
    /// Whether the deck's fonts were read without a problem (if not, the
    /// characters they lack are not reported: the font is the mistake).
    fonts_ok: bool,
    /// Characters not printed in the main family, each where it is first
    /// used, in the order found.
    glyphs: Vec<GlyphUse>,
    /// Where italic text is first used.
    italic_used: Option<(Loc, String)>,
    /// Invisible format characters (zero-width spaces and the like), each
    /// where it is first used, for one warning.
    invisible: Vec<GlyphUse>,
    /// Icon files already read, by their real path.
    icons: std::collections::HashMap<PathBuf, Result<Icon, (String, String)>>,
    /// Every file the deck names (icons, fonts), found or not, for
    /// `deckpress watch`.
    named: Vec<PathBuf>,
}

/// A character the main family lacks, where it is first used.
struct GlyphUse {
    ch: char,
    source: GlyphSource,
    at: Loc,
    subject: String,
}

/// A mapping being read: keys are taken one by one, and whatever is left at
/// the end is an unknown key.
struct MapReader<'n> {
    at: Loc,
    entries: Vec<(&'n Node, &'n Node)>,
    allowed: &'static [&'static str],
    subject: String,
    ok: bool,
}

impl<'n> MapReader<'n> {
    /// Takes the entry with this key, if present.
    fn take(&mut self, key: &str) -> Option<(&'n Node, &'n Node)> {
        let i = self
            .entries
            .iter()
            .position(|(k, _)| matches!(&k.value, Value::Str(s) if s == key))?;
        Some(self.entries.remove(i))
    }

    /// Reads a text field (with markup). Reports a missing required field.
    fn text(&mut self, cx: &mut Cx, key: &str, required: bool, subject: &str) -> Option<Text> {
        match self.take(key) {
            Some((k, v)) => cx.text(k, v, &format!("{subject}, field {key}")),
            None => {
                if required {
                    cx.missing(self, key, subject, "text");
                }
                None
            }
        }
    }

    /// Reads a plain string field (no markup), with where it was written.
    fn plain(&mut self, cx: &mut Cx, key: &str, subject: &str) -> Option<(String, Loc)> {
        let (k, v) = self.take(key)?;
        cx.text_in(k, v, &format!("{subject}, field {key}"), false)
            .map(|t| (t.rich.text, t.at))
    }

    /// Reports every key that was not taken.
    fn finish(self, cx: &mut Cx) {
        for (k, _) in self.entries {
            let name = match &k.value {
                Value::Str(s) => s.clone(),
                other => format!("{other:?}"),
            };
            // The same misspelling in every card is one mistake.
            let group = format!("unknown key {name} in {}", self.allowed.join(","));
            let mut d = Diagnostic::error(format!("unknown key `{name}`"))
                .about(self.subject.clone())
                .at(k.at)
                .grouped_as(group);
            d = match closest(&name, self.allowed) {
                Some(s) => d.help(format!(
                    "did you mean `{s}`? The keys here are: {}",
                    self.allowed.join(", ")
                )),
                None => d.help(format!(
                    "remove it; the keys here are: {}",
                    self.allowed.join(", ")
                )),
            };
            cx.diags.push(d);
        }
    }
}

impl Cx<'_> {
    /// Starts reading a mapping; reports it if the node is something else.
    fn map<'n>(
        &mut self,
        node: &'n Node,
        subject: &str,
        allowed: &'static [&'static str],
    ) -> MapReader<'n> {
        let mut reader = MapReader {
            at: node.at,
            entries: Vec::new(),
            allowed,
            subject: subject.to_string(),
            ok: true,
        };
        match &node.value {
            Value::Map(entries) => {
                reader.entries = entries.iter().map(|(k, v)| (k, v)).collect();
            }
            other => {
                reader.ok = false;
                self.wrong_type(
                    node,
                    other,
                    &format!("a mapping with the keys {}", allowed.join(", ")),
                    subject,
                );
            }
        }
        reader
    }

    fn missing(&mut self, map: &MapReader, key: &str, subject: &str, what: &str) {
        if !map.ok {
            return;
        }
        // A misspelt key is reported as unknown, with `key` as the
        // suggestion: one mistake, one error.
        let misspelt = map.entries.iter().any(|(k, _)| match &k.value {
            Value::Str(s) => closest(s, map.allowed) == Some(key),
            _ => false,
        });
        if misspelt {
            return;
        }
        self.diags.push(
            Diagnostic::error(format!("missing field `{key}`"))
                .about(subject.to_string())
                .at(map.at)
                .help(format!("add `{key}:` with {what}"))
                .grouped_as(format!("missing {key} in {}", map.allowed.join(","))),
        );
    }

    fn wrong_type(&mut self, node: &Node, found: &Value, expected: &str, subject: &str) {
        let mut d = Diagnostic::error(format!("expected {expected}, found {}", found.kind()))
            .about(subject.to_string())
            .at(node.at);
        if matches!(found, Value::Null) {
            d = d.help("write a value after the colon (a `#` starts a comment in YAML: quote text that contains one)");
        } else if matches!(found, Value::Map(_)) && expected.starts_with("text") {
            d = d.help("text containing `: ` must be in quotes");
        } else if expected.starts_with("a list") {
            d = d.help("write each item on its own line starting with `- `");
        } else if expected.starts_with("a length") {
            d = d.help("write a number of millimetres, such as 3");
        }
        self.diags.push(d);
    }

    /// A text value: whitespace collapsed, markup parsed, empty text refused.
    fn text(&mut self, key: &Node, node: &Node, subject: &str) -> Option<Text> {
        self.text_in(key, node, subject, true)
    }

    /// A text value; `printed` when it is printed on cards or the poster
    /// (it is then checked for what would not print: a YAML comment that
    /// cut it short, control and invisible characters, a length no card
    /// holds).
    fn text_in(&mut self, key: &Node, node: &Node, subject: &str, printed: bool) -> Option<Text> {
        let raw = match &node.value {
            Value::Str(s) => s.clone(),
            Value::Int(i) => i.to_string(),
            Value::Null => {
                self.diags.push(self.empty_text(key, node, subject));
                return None;
            }
            other => {
                let mut d = Diagnostic::error(format!("expected text, found {}", other.kind()))
                    .about(subject.to_string())
                    .at(node.at);
                d = match other {
                    Value::Float(_) | Value::Bool(_) => {
                        d.help("put the text in quotes so that YAML keeps it as written")
                    }
                    Value::Map(_) => {
                        d.help("text containing `: ` (a colon and a space) must be in quotes")
                    }
                    _ => d.help(
                        "write the text after the colon, in quotes if it has special characters",
                    ),
                };
                self.diags.push(d);
                return None;
            }
        };
        let collapsed = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if collapsed.is_empty() {
            self.diags.push(self.empty_text(key, node, subject));
            return None;
        }
        if printed && !self.printable(node, &collapsed, subject) {
            return None;
        }
        match markup::parse(&collapsed) {
            Ok(rich) => {
                for (i, ch, _, source) in coverage::outside_main(&rich, &self.fonts) {
                    if self.glyphs.iter().any(|g| g.ch == ch) {
                        continue;
                    }
                    let at = self.locate_in_scalar(
                        node,
                        &collapsed,
                        markup::source_index(&collapsed, i),
                    );
                    self.glyphs.push(GlyphUse {
                        ch,
                        source,
                        at,
                        subject: subject.to_string(),
                    });
                }
                if self.italic_used.is_none() {
                    if let Some(span) = rich.spans.iter().find(|s| s.italic) {
                        let i = rich.text[..span.range.start].chars().count();
                        let at = self.locate_in_scalar(
                            node,
                            &collapsed,
                            markup::source_index(&collapsed, i),
                        );
                        self.italic_used = Some((at, subject.to_string()));
                    }
                }
                Some(Text { rich, at: node.at })
            }
            Err(e) => {
                let at = self.locate_in_scalar(node, &collapsed, e.char_index);
                self.diags.push(
                    Diagnostic::error(format!("bad markup: {}", e.message))
                        .about(subject.to_string())
                        .at(at)
                        .help("mark bold text as **bold** and italic text as *italic*"),
                );
                None
            }
        }
    }

    /// Whether a printed text will print as written: no YAML comment that
    /// cut it short, no control character, not longer than any card holds.
    /// Problems are reported; invisible format characters are noted for
    /// one warning.
    fn printable(&mut self, node: &Node, collapsed: &str, subject: &str) -> bool {
        let chars = collapsed.chars().count();
        if chars > crate::files::MAX_TEXT_CHARS {
            self.diags.push(
                Diagnostic::error(format!(
                    "this text is {chars} characters long; no card holds more than about 2,500 (an A6 card at its smallest type), and deckpress reads at most {}",
                    crate::files::MAX_TEXT_CHARS
                ))
                .about(subject.to_string())
                .at(node.at)
                .help("shorten it, or split it between several behaviours")
                // The same text repeated by YAML aliases is one mistake.
                .grouped_as(format!("too long {}", &collapsed[..collapsed.len().min(200)])),
            );
            return false;
        }
        if let Some((i, c)) = collapsed.chars().enumerate().find(|(_, c)| c.is_control()) {
            let at = self.locate_in_scalar(node, collapsed, i);
            let name = match c {
                '\0' => " (NUL)".to_string(),
                '\u{7}' => " (bell)".to_string(),
                '\u{8}' => " (backspace)".to_string(),
                '\u{1b}' => " (escape)".to_string(),
                _ => String::new(),
            };
            self.diags.push(
                Diagnostic::error(format!(
                    "the text holds the control character U+{:04X}{name}, which prints as an empty box or not at all",
                    c as u32
                ))
                .about(subject.to_string())
                .at(at)
                .help("remove it: it most likely came with text copied from another program (or from an escape such as \\a in quotes)"),
            );
            return false;
        }
        if let Some((at, lost)) = self.cut_by_comment(node, collapsed) {
            let fixed = (at.line == node.at.line)
                .then(|| {
                    self.source
                        .line(at.line)
                        .and_then(super::yaml::quoted_value)
                })
                .flatten();
            let help = match fixed {
                Some(f) => format!("to print the `#` and the rest, put the whole text in quotes:\n      {f}"),
                None => "to print the `#` and the rest, put the whole text in quotes, or write it as a folded block (`>-`, then the text on the next lines)".to_string(),
            };
            self.diags.push(
                Diagnostic::error(format!(
                    "YAML reads ` #` and what follows it on the line as a comment, so \"#{lost}\" would not be printed"
                ))
                .about(subject.to_string())
                .at(at)
                .help(help),
            );
            return false;
        }
        let rtl = collapsed.chars().any(|c| {
            ('\u{0590}'..='\u{08ff}').contains(&c) || ('\u{fb1d}'..='\u{fefc}').contains(&c)
        });
        for (i, c) in collapsed.chars().enumerate() {
            let needed =
                matches!(c, '\u{200c}' | '\u{200d}' | '\u{ad}') || (rtl && is_directional(c));
            if is_invisible(c) && !needed && !self.invisible.iter().any(|g| g.ch == c) {
                let at = self.locate_in_scalar(node, collapsed, i);
                self.invisible.push(GlyphUse {
                    ch: c,
                    source: GlyphSource::Main,
                    at,
                    subject: subject.to_string(),
                });
            }
        }
        true
    }

    /// Where a plain (unquoted) scalar's line, or one of its continuation
    /// lines, has a ` #` comment right after the text: the `#` and the
    /// words YAML dropped.
    fn cut_by_comment(&self, node: &Node, collapsed: &str) -> Option<(Loc, String)> {
        let first = self.source.line(node.at.line)?;
        let rest: String = first.chars().skip(node.at.col.saturating_sub(1)).collect();
        if rest.starts_with(['"', '\'', '|', '>']) {
            return None;
        }
        let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut seen = String::new();
        for (n, (line, start_col)) in std::iter::once((rest.as_str(), node.at.col))
            .chain(
                (node.at.line + 1..node.at.line + 200)
                    .map_while(|l| self.source.line(l))
                    .map(|l| (l, 1)),
            )
            .enumerate()
        {
            let comment = line
                .char_indices()
                .find(|&(i, c)| c == '#' && i > 0 && line[..i].ends_with([' ', '\t']))
                .map(|(i, _)| i);
            let before = match comment {
                Some(i) => &line[..i],
                None => line,
            };
            if !before.trim().is_empty() {
                if !seen.is_empty() {
                    seen.push(' ');
                }
                seen.push_str(&squash(before));
            }
            if let Some(i) = comment {
                // The text as YAML read it ends here: the comment cut it.
                if seen == collapsed || (n > 0 && collapsed.ends_with(&squash(before))) {
                    let col = start_col + line[..i].chars().count();
                    let lost = line[i + 1..].trim().to_string();
                    return Some((Loc::new(node.at.line + n, col), lost));
                }
                return None;
            }
            if seen.len() >= collapsed.len() {
                return None;
            }
        }
        None
    }

    fn empty_text(&self, key: &Node, node: &Node, subject: &str) -> Diagnostic {
        let line = self.source.line(key.at.line).unwrap_or("");
        let d = Diagnostic::error("the text is empty")
            .about(subject.to_string())
            .at(node.at);
        if line.contains(" #") || line.contains(":#") {
            d.help("in YAML `#` starts a comment: put text that contains `#` in quotes")
        } else {
            d.help("write the text, or remove the field if it is optional")
        }
    }

    /// The file position of a character of a scalar, when the scalar is
    /// written on one line as is; otherwise the scalar's start.
    fn locate_in_scalar(&self, node: &Node, text: &str, char_index: usize) -> Loc {
        let Some(line) = self.source.line(node.at.line) else {
            return node.at;
        };
        let rest: String = line.chars().skip(node.at.col.saturating_sub(1)).collect();
        let quoted = rest.starts_with('"') || rest.starts_with('\'');
        let body = if quoted { &rest[1..] } else { &rest[..] };
        let prefix: String = text.chars().take(char_index).collect();
        if body.starts_with(&prefix) {
            node.at.shifted(char_index + usize::from(quoted))
        } else {
            node.at
        }
    }

    fn cards(&mut self, node: &Node) -> CardSettings {
        let mut map = self.map(node, "cards", CARD_KEYS);
        let mut settings = CardSettings::default();
        if let Some((_, v)) = map.take("size") {
            match &v.value {
                Value::Str(s) => match crate::geom::parse_card_size(s) {
                    Ok(size) => {
                        settings.size = size;
                        settings.size_at = Some(v.at);
                    }
                    Err(e) => self.diags.push(
                        Diagnostic::error(e)
                            .about("cards, field size")
                            .at(v.at)
                            .help(card_size_help()),
                    ),
                },
                other => self.wrong_type(
                    v,
                    other,
                    "a card size such as poker or 63x88",
                    "cards, field size",
                ),
            }
        }
        if let Some((_, v)) = map.take("bleed") {
            if let Some(b) = self.mm(v, "cards, field bleed", 0.0, 10.0) {
                settings.bleed = b;
            }
        }
        map.finish(self);
        settings
    }

    /// Reads `labels:` (or `words:`, the worksheet's words only) into
    /// `labels`: each a text in the deck's language, with only the
    /// placeholders its label fills.
    fn labels(&mut self, node: &Node, section: &str, labels: &mut Labels) {
        let allowed: &'static [&'static str] = if section == "words" {
            WORD_KEYS.as_slice()
        } else {
            LABEL_KEYS.as_slice()
        };
        let mut map = self.map(node, section, allowed);
        for name in allowed {
            if *name == "scale" {
                continue;
            }
            let Some(key) = Key::named(name) else {
                continue;
            };
            let Some((k, v)) = map.take(name) else {
                continue;
            };
            let subject = format!("{section}, field {name}");
            if self.text(k, v, &subject).is_none() {
                continue;
            }
            let Value::Str(raw) = &v.value else {
                // A number given as a label reads as its digits.
                if let Value::Int(i) = &v.value {
                    labels.set(key, i.to_string());
                }
                continue;
            };
            let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
            let unknown = unknown_placeholders(key, &text);
            if let Some(first) = unknown.first() {
                let at = self.locate_in_scalar(
                    v,
                    &text,
                    text[..text.find(&format!("{{{first}}}")).unwrap_or(0)]
                        .chars()
                        .count(),
                );
                let fills = key.placeholders();
                let help = if fills.is_empty() {
                    "this label has no placeholders: write the words out".to_string()
                } else {
                    let list: Vec<String> = fills.iter().map(|p| format!("{{{p}}}")).collect();
                    format!(
                        "use only {} (deckpress labels lists every label with its placeholders)",
                        list.join(", ")
                    )
                };
                let names: Vec<String> = unknown.iter().map(|p| format!("{{{p}}}")).collect();
                self.diags.push(
                    Diagnostic::error(format!(
                        "{} is not a placeholder of this label: deckpress would print it as written",
                        names.join(", ")
                    ))
                    .about(subject)
                    .at(at)
                    .help(help),
                );
                continue;
            }
            labels.set(key, text);
        }
        if let Some((k, v)) = map.take("scale") {
            let s = format!("{section}, field scale");
            match &v.value {
                Value::Seq(items) if items.len() == 4 => {
                    let texts: Vec<String> = items
                        .iter()
                        .filter_map(|item| self.text(k, item, &s).map(|t| t.rich.text))
                        .collect();
                    if texts.len() == 4 {
                        for (key, t) in [Key::Scale1, Key::Scale2, Key::Scale3, Key::Scale4]
                            .into_iter()
                            .zip(texts)
                        {
                            labels.set(key, t);
                        }
                    }
                }
                Value::Seq(items) => self.diags.push(
                    Diagnostic::error(format!(
                        "the rating scale has {} steps; the worksheet prints four",
                        items.len()
                    ))
                    .about(s)
                    .at(v.at)
                    .help("give four words, from least to most, e.g. scale: [not yet, sometimes, often, consistently]"),
                ),
                other => self.wrong_type(v, other, "a list of four words", &s),
            }
        }
        map.finish(self);
    }

    fn poster(&mut self, node: &Node) -> PosterSettings {
        let mut map = self.map(node, "poster", POSTER_KEYS);
        let mut settings = PosterSettings::default();
        if let Some((_, v)) = map.take("size") {
            let subject = "poster, field size";
            match &v.value {
                Value::Str(s) => match parse_size(s, POSTER_PRESETS) {
                    Ok(size) => {
                        settings.size = size;
                        settings.size_at = Some(v.at);
                    }
                    Err(e) => self.diags.push(
                        Diagnostic::error(e).about(subject).at(v.at).help(
                            "use a3 (the default), a2, a1, a0, a4, tabloid, or the poster's width x height in mm, such as 500x700",
                        ),
                    ),
                },
                other => self.wrong_type(v, other, "a paper size such as a3 or a1", subject),
            }
        }
        if let Some((_, v)) = map.take("orientation") {
            if let Some(o) = self.word(
                v,
                "poster, field orientation",
                Orientation::parse,
                "use portrait (taller than wide, the default) or landscape (wider than tall)",
            ) {
                settings.orientation = Some(o);
                settings.size_at.get_or_insert(v.at);
            }
        }
        if let Some((_, v)) = map.take("bleed") {
            if let Some(b) = self.mm(v, "poster, field bleed", 0.0, 10.0) {
                settings.bleed = b;
            }
        }
        if let Some((_, v)) = map.take("tile") {
            match &v.value {
                Value::Str(s) => match parse_tile_paper(s) {
                    Ok(paper) => settings.tile = Some(paper),
                    Err(e) => self.diags.push(
                        Diagnostic::error(e)
                            .about("poster, field tile")
                            .at(v.at)
                            .help("write tile: a4 (or letter) to also get the poster on sheets of that paper, or remove the key"),
                    ),
                },
                other => self.wrong_type(v, other, "a paper size, a4 or letter", "poster, field tile"),
            }
        }
        map.finish(self);
        settings
    }

    fn sheets(&mut self, node: &Node) -> SheetSettings {
        let mut map = self.map(node, "sheets", SHEET_KEYS);
        let mut settings = SheetSettings::default();
        if let Some((_, v)) = map.take("paper") {
            let subject = "sheets, field paper";
            match &v.value {
                Value::Str(s) => match parse_size(s, PAPER_PRESETS) {
                    Ok(size) => {
                        settings.paper = size;
                        settings.paper_at = Some(v.at);
                    }
                    Err(e) => self
                        .diags
                        .push(Diagnostic::error(e).about(subject).at(v.at).help(
                        "use a4, letter, a3, legal, tabloid, or the paper's width x height in mm, such as 210x297",
                    )),
                },
                other => self.wrong_type(v, other, "a paper size such as a4 or letter", subject),
            }
        }
        if let Some((_, v)) = map.take("cut") {
            if let Some(c) = self.word(v, "sheets, field cut", Cut::parse, CUT_HELP) {
                settings.cut = c;
            }
        }
        if let Some((_, v)) = map.take("duplex") {
            if let Some(d) = self.word(v, "sheets, field duplex", Duplex::parse, DUPLEX_HELP) {
                settings.duplex = d;
                settings.duplex_at = Some(v.at);
            }
        }
        if let Some((_, v)) = map.take("margin") {
            if let Some(m) = self.mm(v, "sheets, field margin", 0.0, MAX_MARGIN) {
                settings.margin = m;
            }
        }
        if let Some((_, v)) = map.take("back_offset") {
            if let Some(o) = self.offset(v) {
                settings.back_offset = o;
                settings.back_offset_at = Some(v.at);
            }
        }
        if let Some((_, v)) = map.take("back_marks") {
            if let Some(b) = self.flag(v, "sheets, field back_marks") {
                settings.back_marks = b;
            }
        }
        if let Some((_, v)) = map.take("guide") {
            if let Some(b) = self.flag(v, "sheets, field guide") {
                settings.guide = b;
            }
        }
        if let Some((_, v)) = map.take("copies") {
            let subject = "sheets, field copies";
            match &v.value {
                Value::Int(n) if (1..=super::MAX_COPIES as i64).contains(n) => {
                    settings.copies = *n as usize;
                }
                Value::Int(n) => self.diags.push(
                    Diagnostic::error(format!("{n} copies is out of range"))
                        .about(subject)
                        .at(v.at)
                        .help(format!(
                            "give a number of decks from 1 to {} (for more, print the file again)",
                            super::MAX_COPIES
                        )),
                ),
                other => self.wrong_type(v, other, "a number of decks, such as 3", subject),
            }
        }
        map.finish(self);
        settings
    }

    /// One of a few words, parsed by `parse`.
    fn word<T>(
        &mut self,
        node: &Node,
        subject: &str,
        parse: fn(&str) -> Result<T, String>,
        help: &str,
    ) -> Option<T> {
        let text = match &node.value {
            Value::Str(s) => s,
            other => {
                self.wrong_type(node, other, "one of the words listed below", subject);
                if let Some(d) = self.diags.items.last_mut() {
                    d.help = Some(help.to_string());
                }
                return None;
            }
        };
        match parse(text) {
            Ok(v) => Some(v),
            Err(e) => {
                self.diags.push(
                    Diagnostic::error(e)
                        .about(subject.to_string())
                        .at(node.at)
                        .help(help),
                );
                None
            }
        }
    }

    /// `true` or `false`.
    fn flag(&mut self, node: &Node, subject: &str) -> Option<bool> {
        match &node.value {
            Value::Bool(b) => Some(*b),
            other => {
                self.wrong_type(node, other, "true or false", subject);
                None
            }
        }
    }

    /// The back offset: `[x, y]` or `"x,y"`, in mm.
    fn offset(&mut self, node: &Node) -> Option<Point> {
        let subject = "sheets, field back_offset";
        let help = "write the two numbers read off the calibration sheet (deckpress calibrate), X then Y in mm, as [1.5, -0.5]";
        let number = |n: &Node| match n.value {
            Value::Int(i) => Some(i as f32),
            Value::Float(f) => Some(f as f32),
            _ => None,
        };
        let result = match &node.value {
            Value::Seq(items) => match items.as_slice() {
                [x, y] => match (number(x), number(y)) {
                    (Some(x), Some(y)) => check_offset(x, y).map(|_| Point::new(x, y)),
                    _ => Err("the back offset must be two numbers".to_string()),
                },
                _ => Err(format!(
                    "the back offset must be two numbers, X and Y; found {}",
                    items.len()
                )),
            },
            Value::Str(s) => parse_offset(s),
            other => Err(format!(
                "expected two numbers [X, Y], found {}",
                other.kind()
            )),
        };
        match result {
            Ok(p) => Some(p),
            Err(e) => {
                self.diags
                    .push(Diagnostic::error(e).about(subject).at(node.at).help(help));
                None
            }
        }
    }

    /// A length in mm within a range.
    fn mm(&mut self, node: &Node, subject: &str, min: Mm, max: Mm) -> Option<Mm> {
        let v = match &node.value {
            Value::Int(i) => *i as f64,
            Value::Float(f) => *f,
            Value::Str(s) => match s.trim().trim_end_matches("mm").trim().parse::<f64>() {
                Ok(v) => v,
                Err(_) => {
                    self.wrong_type(node, &node.value, "a length in mm, such as 3", subject);
                    return None;
                }
            },
            other => {
                self.wrong_type(node, other, "a length in mm, such as 3", subject);
                return None;
            }
        };
        if !(min as f64..=max as f64).contains(&v) {
            self.diags.push(
                Diagnostic::error(format!("{v} mm is out of range"))
                    .about(subject.to_string())
                    .at(node.at)
                    .help(format!("use a length between {min} and {max} mm")),
            );
            return None;
        }
        Some(v as Mm)
    }

    fn characteristic(&mut self, node: &Node, number: usize, base_dir: &Path) -> Characteristic {
        let provisional = format!("characteristic {number}");
        let mut map = self.map(node, &provisional, CHARACTERISTIC_KEYS);
        let id = match map.plain(self, "id", &provisional) {
            Some((id, at)) => {
                if !id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
                {
                    self.diags.push(
                        Diagnostic::error(format!(
                            "the id `{id}` has characters other than a-z, 0-9, - and _"
                        ))
                        .about(format!("{provisional}, field id"))
                        .at(at)
                        .help("use a short lower-case word, such as trust"),
                    );
                }
                id
            }
            None => {
                self.missing(
                    &map,
                    "id",
                    &provisional,
                    "a short lower-case id, such as trust",
                );
                String::new()
            }
        };
        let subject = if id.is_empty() {
            provisional
        } else {
            format!("characteristic {number} \"{id}\"")
        };
        let name = map.text(self, "name", true, &subject).unwrap_or_default();
        let mut cmyk = None;
        let (colour, colour_at) = match map.take("colour") {
            Some((_, v)) if matches!(v.value, Value::Map(_)) => {
                let subject = format!("{subject}, field colour");
                let mut m = self.map(v, &subject, &["rgb", "cmyk"]);
                let rgb = match m.take("rgb") {
                    Some((k, v)) => (self.colour(k, v, &format!("{subject}.rgb")), v.at),
                    None => {
                        self.missing(
                            &m,
                            "rgb",
                            &subject,
                            "a colour such as \"#1f5fa8\" (in quotes)",
                        );
                        (None, v.at)
                    }
                };
                if let Some((_, v)) = m.take("cmyk") {
                    cmyk = self.inks(v, &format!("{subject}.cmyk")).map(|i| (i, v.at));
                }
                m.finish(self);
                rgb
            }
            Some((k, v)) => (self.colour(k, v, &format!("{subject}, field colour")), v.at),
            None => {
                self.missing(
                    &map,
                    "colour",
                    &subject,
                    "a colour such as \"#1f5fa8\" (in quotes)",
                );
                (None, node.at)
            }
        };
        let intro = map.text(self, "intro", false, &subject);
        let lead_in = map.text(self, "lead_in", false, &subject);
        let icon_alt = map.text(self, "icon_alt", false, &subject);
        let mut pillars = Vec::new();
        if let Some((k, v)) = map.take("pillars") {
            match &v.value {
                Value::Seq(items) => {
                    for (i, item) in items.iter().enumerate() {
                        let s = format!("{subject}, pillar {}", i + 1);
                        if let Some(t) = self.text(k, item, &s) {
                            pillars.push(t);
                        }
                    }
                }
                Value::Null => {}
                other => self.wrong_type(
                    v,
                    other,
                    "a list of pillar words",
                    &format!("{subject}, field pillars"),
                ),
            }
        }
        let icon = match map.take("icon") {
            Some((k, v)) => self
                .text_in(k, v, &format!("{subject}, field icon"), false)
                .and_then(|t| self.asset(&t, base_dir, &format!("{subject}, field icon"))),
            None => None,
        };
        let mut behaviours = Vec::new();
        match map.take("behaviours") {
            Some((k, v)) => match &v.value {
                Value::Seq(items) if !items.is_empty() => {
                    for (i, item) in items.iter().enumerate() {
                        behaviours.push(self.behaviour(item, number, i + 1, &subject));
                    }
                }
                Value::Seq(_) | Value::Null => self.diags.push(
                    Diagnostic::error("the characteristic has no behaviours")
                        .about(format!("{subject}, field behaviours"))
                        .at(k.at)
                        .help("list its behaviours, each with a title and a text"),
                ),
                other => self.wrong_type(
                    v,
                    other,
                    "a list of behaviours",
                    &format!("{subject}, field behaviours"),
                ),
            },
            None => self.missing(&map, "behaviours", &subject, "a list of behaviours"),
        }
        map.finish(self);
        Characteristic {
            number,
            id,
            name,
            intro,
            lead_in,
            pillars,
            colour: colour.unwrap_or(Color::rgb(0x55, 0x55, 0x55)),
            colour_at,
            cmyk,
            icon,
            icon_alt,
            behaviours,
            at: node.at,
        }
    }

    fn behaviour(
        &mut self,
        node: &Node,
        characteristic: usize,
        number: usize,
        parent: &str,
    ) -> Behaviour {
        let subject = format!("{parent}, behaviour {number} (card {characteristic}.{number})");
        let mut map = self.map(node, &subject, BEHAVIOUR_KEYS);
        let title = map.text(self, "title", true, &subject).unwrap_or_default();
        let subject = if title.plain().is_empty() {
            subject
        } else {
            format!("card {characteristic}.{number} \"{}\"", title.plain())
        };
        let text = map.text(self, "text", true, &subject).unwrap_or_default();
        map.subject = subject;
        map.finish(self);
        Behaviour {
            number,
            title,
            text,
            at: node.at,
        }
    }

    /// The `print:` section: the print shop the cards are made for, and
    /// its own CMYK profile.
    fn print(
        &mut self,
        node: &Node,
        base_dir: &Path,
    ) -> (Option<crate::shop::Shop>, Option<super::model::Profile>) {
        let subject = "the deck, section print";
        let mut map = self.map(node, subject, &["shop", "profile"]);
        let shop = map.plain(self, "shop", subject).and_then(|(name, at)| {
            match crate::shop::Shop::parse(&name) {
                Ok(s) => Some(s),
                Err(why) => {
                    self.diags.push(
                        Diagnostic::error(why)
                            .about("the deck, field print.shop")
                            .at(at)
                            .help("or leave shop out: deckpress build --shop NAME chooses one for a build"),
                    );
                    None
                }
            }
        });
        let profile = map.plain(self, "profile", subject).and_then(|(path, at)| {
            use crate::files::{read_bounded, MAX_PROFILE_BYTES as CAP};
            let rel = PathBuf::from(&path);
            let full = base_dir.join(&rel);
            self.named.push(full.clone());
            let fail = |msg: String| {
                Diagnostic::error(msg)
                    .about("the deck, field print.profile")
                    .at(at)
                    .help("name the CMYK output profile (.icc) the print shop gives, relative to the deck file's folder, or leave profile out to use deckpress's own for the shop")
            };
            match read_bounded(&full, CAP) {
                Err(p) => {
                    self.diags.push(fail(p.describe(&full.display().to_string(), CAP)));
                    None
                }
                Ok(bytes) => match crate::render::cmyk::check_profile(&bytes) {
                    Ok(()) => Some(super::model::Profile {
                        path: rel,
                        bytes: Arc::new(bytes),
                        at,
                    }),
                    Err(why) => {
                        self.diags.push(fail(format!("{path} cannot be used: {why}")));
                        None
                    }
                },
            }
        });
        map.finish(self);
        (shop, profile)
    }

    /// Four ink percentages, cyan, magenta, yellow and black, each 0 to
    /// 100.
    fn inks(&mut self, node: &Node, subject: &str) -> Option<[f32; 4]> {
        let help = "give the four inks in per cent, cyan, magenta, yellow and black, each 0 to 100, e.g. cmyk: [100, 70, 10, 30]";
        let Value::Seq(items) = &node.value else {
            let other = node.value.kind();
            self.diags.push(
                Diagnostic::error(format!("the inks are {other}, not a list of four numbers"))
                    .about(subject.to_string())
                    .at(node.at)
                    .help(help),
            );
            return None;
        };
        if items.len() != 4 {
            self.diags.push(
                Diagnostic::error(format!("{} numbers, not four", items.len()))
                    .about(subject.to_string())
                    .at(node.at)
                    .help(help),
            );
            return None;
        }
        let mut inks = [0f32; 4];
        for (i, item) in items.iter().enumerate() {
            let v = match item.value {
                Value::Int(n) => n as f64,
                Value::Float(f) => f,
                _ => f64::NAN,
            };
            if !(0.0..=100.0).contains(&v) {
                self.diags.push(
                    Diagnostic::error(match &item.value {
                        Value::Int(n) => format!("{n} is not an ink between 0 and 100 per cent"),
                        Value::Float(f) => format!("{f} is not an ink between 0 and 100 per cent"),
                        Value::Str(t) => {
                            format!("`{t}` is not an ink: write a number from 0 to 100")
                        }
                        other => format!("the ink is {}, not a number from 0 to 100", other.kind()),
                    })
                    .about(subject.to_string())
                    .at(item.at)
                    .help(help),
                );
                return None;
            }
            inks[i] = v as f32;
        }
        Some(inks)
    }

    fn colour(&mut self, key: &Node, node: &Node, subject: &str) -> Option<Color> {
        let text = match &node.value {
            Value::Str(s) => s.trim().to_string(),
            Value::Null => {
                let line = self.source.line(key.at.line).unwrap_or("");
                let d = Diagnostic::error("the colour is empty")
                    .about(subject.to_string())
                    .at(node.at);
                self.diags.push(if line.contains('#') {
                    d.help("in YAML `#` starts a comment: write the colour in quotes, e.g. colour: \"#1f5fa8\"")
                } else {
                    d.help("write a colour as \"#rrggbb\", in quotes")
                });
                return None;
            }
            other => {
                self.wrong_type(node, other, "a colour such as \"#1f5fa8\"", subject);
                return None;
            }
        };
        match parse_colour(&text) {
            Some(c) => Some(c),
            None => {
                self.diags.push(
                    Diagnostic::error(format!("`{text}` is not a colour"))
                        .about(subject.to_string())
                        .at(node.at)
                        .help("write a colour as \"#rrggbb\" (six hexadecimal digits) or \"#rgb\", in quotes"),
                );
                None
            }
        }
    }

    /// Reads and checks an icon file named by the deck: SVG, PNG or JPEG.
    fn asset(&mut self, path: &Text, base_dir: &Path, subject: &str) -> Option<Asset> {
        let rel = PathBuf::from(path.plain());
        self.named.push(base_dir.join(&rel));
        let fail = |msg: String, help: &str| {
            Diagnostic::error(msg)
                .about(subject.to_string())
                .at(path.at)
                .help(help.to_string())
        };
        let full = match find_file(base_dir, &rel) {
            Ok(full) => full,
            Err((msg, help)) => {
                self.diags.push(fail(msg, &help));
                return None;
            }
        };
        let is_svg = rel
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
        // One file used by several characteristics is read and decoded
        // once.
        let key = std::fs::canonicalize(&full).unwrap_or_else(|_| full.clone());
        let icon = match self.icons.get(&key) {
            Some(done) => done.clone(),
            None => {
                let done = read_icon(&full, is_svg);
                self.icons.insert(key, done.clone());
                done
            }
        };
        match icon {
            Ok(icon) => Some(Asset {
                path: rel,
                icon,
                at: path.at,
            }),
            Err((msg, help)) => {
                self.diags.push(fail(msg, &help));
                None
            }
        }
    }

    /// Reads `outputs:`, the outputs `build` makes by default.
    fn outputs(&mut self, node: &Node) -> Option<(Vec<Output>, Loc)> {
        let subject = "the deck, field outputs";
        let help = "list the outputs to build, e.g. outputs: [cards, sheets, poster, handout]";
        let items: Vec<&Node> = match &node.value {
            Value::Seq(items) => items.iter().collect(),
            Value::Str(_) => vec![node],
            other => {
                self.wrong_type(node, other, "a list of outputs", subject);
                return None;
            }
        };
        let mut out = Vec::new();
        let mut ok = true;
        for item in items {
            match &item.value {
                Value::Str(s) => {
                    // A comma-separated list works as on the command line.
                    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                        match Output::parse(part) {
                            Ok(o) if !out.contains(&o) => out.push(o),
                            Ok(_) => {}
                            Err(e) => {
                                ok = false;
                                self.diags.push(
                                    Diagnostic::error(e).about(subject).at(item.at).help(help),
                                );
                            }
                        }
                    }
                }
                other => {
                    ok = false;
                    self.wrong_type(item, other, "the name of an output", subject);
                }
            }
        }
        if ok && out.is_empty() {
            self.diags.push(
                Diagnostic::error("no outputs are named")
                    .about(subject)
                    .at(node.at)
                    .help(help),
            );
            return None;
        }
        ok.then(|| {
            out.sort();
            (out, node.at)
        })
    }

    /// Reads `fonts:`: the main family's files and the fallbacks.
    fn fonts(&mut self, node: &Node, base_dir: &Path) {
        let mut map = self.map(node, "fonts", FONT_KEYS);
        let mut main: [Option<FontFile>; 4] = [None, None, None, None];
        let mut main_at: Option<Loc> = None;
        for face in Face::ALL {
            let Some((_, v)) = map.take(face.key()) else {
                continue;
            };
            main_at.get_or_insert(v.at);
            if let Some(f) = self.font_file(v, base_dir, &format!("fonts, field {}", face.key())) {
                main[face as usize] = Some(f);
            }
        }
        let mut fallbacks = Vec::new();
        if let Some((_, v)) = map.take("fallback") {
            let items: Vec<&Node> = match &v.value {
                Value::Seq(items) => items.iter().collect(),
                _ => vec![v],
            };
            for (i, item) in items.into_iter().enumerate() {
                let subject = format!("fonts, fallback {}", i + 1);
                if let Some(f) = self.font_file(item, base_dir, &subject) {
                    fallbacks.push(f);
                }
            }
        }
        map.finish(self);
        if main[0].is_none() && main.iter().any(Option::is_some) {
            self.fonts_ok = false;
            let mut d = Diagnostic::error("fonts: names bold or italic faces but no regular one")
                .about("fonts, field regular")
                .help("add regular: with the font file of the family's regular face (the others are made from it if not given)");
            if let Some(at) = main_at {
                d = d.at(at);
            }
            self.diags.push(d);
        }
        if self.fonts_ok {
            self.fonts = FontSet::new(main, fallbacks);
            let bold_missing = !self.fonts.main_is_bundled()
                && self.fonts.given(Face::Bold).is_none()
                && !self.fonts.main_for(Face::Regular).variable_weight;
            if bold_missing {
                let mut d = Diagnostic::warning(
                    "fonts: there is no bold face: titles and **bold** text will be drawn thickened from the regular",
                )
                .about("fonts, field bold")
                .help("add bold: with the family's bold font file, for real bold letters");
                if let Some(at) = main_at {
                    d = d.at(at);
                }
                self.diags.push(d);
            }
        }
    }

    /// One font file: found, read and checked.
    fn font_file(&mut self, node: &Node, base_dir: &Path, subject: &str) -> Option<FontFile> {
        let Value::Str(rel) = &node.value else {
            self.fonts_ok = false;
            self.wrong_type(
                node,
                &node.value,
                "the path of a .ttf or .otf font file",
                subject,
            );
            return None;
        };
        let rel = PathBuf::from(rel.trim());
        self.named.push(base_dir.join(&rel));
        let result = find_file(base_dir, &rel)
            .map_err(|(message, help)| fonts::FontProblem { message, help })
            .and_then(|full| fonts::read_font(&full, &rel.display().to_string()));
        match result {
            Ok(f) => Some(f),
            Err(p) => {
                self.fonts_ok = false;
                self.diags.push(
                    Diagnostic::error(p.message)
                        .about(subject.to_string())
                        .at(node.at)
                        .help(p.help),
                );
                None
            }
        }
    }

    /// Reports the characters no font prints, once each with where it is
    /// first used, and those printed in the bundled Noto Sans because the
    /// deck's own fonts lack them; and the invisible characters.
    fn report_glyphs(&mut self) {
        if let Some(first) = self.invisible.first() {
            let list: Vec<String> = self
                .invisible
                .iter()
                .map(|g| format!("U+{:04X}", g.ch as u32))
                .collect();
            let mut d = Diagnostic::warning(format!(
                "the deck's texts hold invisible characters ({}): they print as nothing, or break words oddly",
                list.join(", ")
            ))
            .about(first.subject.clone())
            .at(first.at)
            .help("remove them unless you put them there on purpose; they usually come with text copied from web pages or word processors");
            for g in &self.invisible {
                d = d.note(format!(
                    "U+{:04X} first at line {}, column {}: {}",
                    g.ch as u32, g.at.line, g.at.col, g.subject
                ));
            }
            self.diags.push(d);
        }
        if !self.fonts_ok {
            return;
        }
        let custom = !self.fonts.main_is_bundled();
        if let Some((at, subject)) = self.italic_used.clone() {
            let italic_missing = custom
                && self.fonts.given(Face::Italic).is_none()
                && !self.fonts.main_for(Face::Regular).variable_slant;
            if italic_missing {
                self.diags.push(
                    Diagnostic::warning(
                        "fonts: there is no italic face: *italic* text will be drawn slanted from the regular",
                    )
                    .about(subject)
                    .at(at)
                    .help("add italic: (and bold_italic:) with the family's italic font files"),
                );
            }
        }
        let describe = |g: &GlyphUse| {
            format!(
                "'{}' (U+{:04X}{}), first at line {}, column {}: {}",
                g.ch,
                g.ch as u32,
                coverage::script_of(g.ch).map_or(String::new(), |(s, _)| format!(", {s}")),
                g.at.line,
                g.at.col,
                g.subject
            )
        };
        let missing: Vec<&GlyphUse> = self
            .glyphs
            .iter()
            .filter(|g| g.source == GlyphSource::Missing)
            .collect();
        if let Some(first) = missing.first() {
            let n = missing.len();
            let fonts_named = if custom || !self.fonts.fallbacks.is_empty() {
                "the deck's fonts and the bundled Noto Sans have"
            } else {
                "the bundled font (Noto Sans) has"
            };
            let message = if n == 1 {
                format!(
                    "{fonts_named} no glyph for the character '{}' (U+{:04X}); it would print as an empty box",
                    first.ch, first.ch as u32
                )
            } else {
                format!("{fonts_named} no glyphs for {n} characters of the deck; they would print as empty boxes")
            };
            let mut scripts: Vec<(&str, &str)> = Vec::new();
            for g in &missing {
                if let Some(s) = coverage::script_of(g.ch) {
                    if !scripts.contains(&s) {
                        scripts.push(s);
                    }
                }
            }
            let help = if scripts.is_empty() {
                "replace the characters, or add a font that has them under fonts: fallback: (a .ttf or .otf file; Noto Sans covers Latin, Greek and Cyrillic)".to_string()
            } else {
                let names: Vec<String> = scripts.iter().map(|(s, f)| format!("{s}: {f}")).collect();
                format!(
                    "add a font that has them under fonts: fallback: in deck.yaml, e.g. fonts: {{ fallback: [fonts/NotoSansHebrew-Regular.ttf] }}; free fonts for these scripts ({}) are at fonts.google.com/noto",
                    names.join("; ")
                )
            };
            let mut d = Diagnostic::error(message)
                .about(first.subject.clone())
                .at(first.at)
                .help(help)
                .merged_as(crate::design::MISSING_GLYPHS, 1.0);
            if n > 1 {
                for g in &missing {
                    d = d.note(describe(g));
                }
            }
            self.diags.push(d);
        }
        let from_noto: Vec<&GlyphUse> = self
            .glyphs
            .iter()
            .filter(|g| g.source == GlyphSource::Bundled)
            .collect();
        if let (true, Some(first)) = (custom, from_noto.first()) {
            let chars: String = from_noto.iter().map(|g| g.ch).collect();
            let mut d = Diagnostic::warning(format!(
                "the deck's fonts have no glyph for {} character{} ({chars}): printed in the bundled Noto Sans instead",
                from_noto.len(),
                if from_noto.len() == 1 { "" } else { "s" }
            ))
            .about(first.subject.clone())
            .at(first.at)
            .help("add a font that has them under fonts: fallback:, or replace them");
            for g in &from_noto {
                d = d.note(describe(g));
            }
            self.diags.push(d);
        }
    }
}

/// Reads an icon file (SVG, PNG or JPEG) and decodes it, or says why it
/// cannot be used and what to do.
fn read_icon(full: &Path, named_svg: bool) -> Result<Icon, (String, String)> {
    use crate::files::{read_bounded, MAX_IMAGE_BYTES, MAX_SVG_BYTES};
    let shown = full.display().to_string();
    let cap = if named_svg {
        MAX_SVG_BYTES
    } else {
        MAX_IMAGE_BYTES
    };
    let bytes = read_bounded(full, cap).map_err(|p| {
        (
            p.describe(&shown, cap),
            "name an SVG, PNG or JPEG file; an icon of 1000 pixels, or an SVG, is plenty"
                .to_string(),
        )
    })?;
    let is_svg = named_svg || svg::looks_like_svg(&bytes);
    if is_svg && bytes.len() as u64 > MAX_SVG_BYTES {
        return Err((
            format!(
                "{shown} is larger than {}, too large for an icon",
                crate::files::human(MAX_SVG_BYTES)
            ),
            "simplify the drawing, or export the icon as a PNG".into(),
        ));
    }
    let decoded = if is_svg {
        svg::parse(&bytes).map(Icon::Vector)
    } else {
        decode_image(bytes).map(Icon::Raster)
    };
    decoded.map_err(|e| {
        (
            format!(
                "{shown} is not a usable {}: {e}",
                if is_svg { "SVG icon" } else { "image" }
            ),
            if is_svg {
                "fix the SVG in your editor, or export the icon as a PNG".into()
            } else {
                "use an SVG, PNG or JPEG file; re-export it from your image editor if it is damaged"
                    .into()
            },
        )
    })
}

/// Format characters that print as nothing (Unicode's Cf category and the
/// like): zero-width spaces and joiners, direction marks, the byte order
/// mark, invisible operators, tags.
fn is_invisible(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F | 0x1160 | 0x17B4 | 0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFFB | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
        | 0xE0000..=0xE0FFF)
}

/// The marks and controls that set the direction of right-to-left text.
fn is_directional(c: char) -> bool {
    matches!(c as u32, 0x061C | 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069)
}

/// A file named by the deck, relative to the deck's folder. When it does
/// not exist, says what is there that was probably meant: the same name in
/// other capitals, or a close name.
pub fn find_file(base_dir: &Path, rel: &Path) -> Result<PathBuf, (String, String)> {
    let full = base_dir.join(rel);
    if full.exists() {
        return Ok(full);
    }
    let shown = |p: &Path| p.display().to_string();
    let Some(name) = rel.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Err((
            format!("the file {} does not exist", full.display()),
            "check the file name; paths are relative to the folder of the deck file".into(),
        ));
    };
    let folder = full.parent().unwrap_or(base_dir);
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Err((
            format!(
                "the file {} does not exist: there is no folder {}",
                full.display(),
                folder.display()
            ),
            "check the folder's name; paths are relative to the folder of the deck file".into(),
        ));
    };
    let names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let written = rel.parent().unwrap_or(Path::new(""));
    if let Some(same) = names
        .iter()
        .find(|n| n.to_lowercase() == name.to_lowercase())
    {
        return Err((
            format!("the file {} does not exist", full.display()),
            format!(
                "there is {}: write the name with the same capitals, as {}",
                shown(&written.join(same)),
                shown(&written.join(same))
            ),
        ));
    }
    let candidates: Vec<&str> = names.iter().map(String::as_str).collect();
    let help = match closest(&name, &candidates) {
        Some(c) => format!("did you mean {}?", shown(&written.join(c))),
        None => "check the file name; paths are relative to the folder of the deck file".into(),
    };
    Err((format!("the file {} does not exist", full.display()), help))
}

/// Parses `#rrggbb` or `#rgb`.
pub fn parse_colour(text: &str) -> Option<Color> {
    let hex = text.strip_prefix('#')?;
    if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let digit = |i: usize, n: usize| u8::from_str_radix(&hex[i..i + n], 16).ok();
    match hex.len() {
        6 => Some(Color::rgb(digit(0, 2)?, digit(2, 2)?, digit(4, 2)?)),
        3 => Some(Color::rgb(
            digit(0, 1)? * 17,
            digit(1, 1)? * 17,
            digit(2, 1)? * 17,
        )),
        _ => None,
    }
}

/// Checks that the bytes are a PNG or JPEG image of at most `MAX_PIXELS`
/// (read from its header before decoding) that decodes completely.
pub fn decode_image(bytes: Vec<u8>) -> Result<Image, String> {
    let format = match image::guess_format(&bytes) {
        Ok(image::ImageFormat::Png) => ImageFormat::Png,
        Ok(image::ImageFormat::Jpeg) => ImageFormat::Jpeg,
        Ok(other) => {
            return Err(format!(
                "it is a {other:?} image; only PNG and JPEG are supported"
            ))
        }
        Err(_) => return Err("it is not a PNG or JPEG file".into()),
    };
    let reader = || {
        image::ImageReader::new(std::io::Cursor::new(&bytes[..]))
            .with_guessed_format()
            .map_err(|e| e.to_string())
    };
    let (w, h) = reader()?.into_dimensions().map_err(|e| e.to_string())?;
    let pixels = w as u64 * h as u64;
    if pixels > crate::files::MAX_PIXELS {
        return Err(format!(
            "it has {w} × {h} pixels ({:.0} megapixels), more than the {} megapixels deckpress decodes; an icon needs about 1000 × 1000",
            pixels as f64 / 1e6,
            crate::files::MAX_PIXELS / 1_000_000
        ));
    }
    let decoded = reader()?.decode().map_err(|e| e.to_string())?;
    Ok(Image {
        data: Arc::new(bytes),
        format,
        width_px: decoded.width(),
        height_px: decoded.height(),
    })
}

const CUT_HELP: &str = "use gutter (each card keeps its own bleed, two cuts between cards) or butted (cards touch and share their cuts: more cards per sheet)";
const DUPLEX_HELP: &str = "use long or short (the edge your printer turns the sheet over on when printing both sides), none (no two-sided printing: backs on separate sheets) or fold (front and back side by side, folded and glued)";

fn card_size_help() -> String {
    let presets: Vec<String> = CARD_PRESETS
        .iter()
        .map(|(n, s, _)| {
            format!(
                "{n} ({}x{})",
                crate::geom::fmt_mm(s.w),
                crate::geom::fmt_mm(s.h)
            )
        })
        .collect();
    format!("use one of {} or WxH in mm", presets.join(", "))
}
