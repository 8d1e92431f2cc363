//! Reading YAML into a tree of located nodes with serde-saphyr, and turning
//! its syntax errors into diagnostics with hints for the usual traps.
//!
//! The deck is read into this tree first, then converted to the model by
//! `schema`, so that every wrong key, type or value can be reported at once
//! and named by card and field, rather than only the first.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diag::{Diagnostic, Loc};

/// A YAML value with the place it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub at: Loc,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Value {
    /// What kind of value this is, for messages: "a list", "text", ...
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "nothing",
            Value::Bool(_) => "true/false",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::Str(_) => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping of keys to values",
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Node, D::Error> {
        let s: Spanned<Value> = Spanned::deserialize(d)?;
        Ok(Node {
            value: s.value,
            at: Loc::new(s.referenced.line() as usize, s.referenced.column() as usize),
        })
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(n) = seq.next_element::<Node>()? {
            items.push(n);
        }
        Ok(Value::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(k) = map.next_key::<Node>()? {
            let v = map.next_value::<Node>()?;
            entries.push((k, v));
        }
        Ok(Value::Map(entries))
    }
}

/// Parses YAML text into a node tree, or one located diagnostic.
pub fn parse(text: &str) -> Result<Node, Diagnostic> {
    use crate::files::{MAX_ALIASES, MAX_DEPTH, MAX_NODES};
    let mut budget = serde_saphyr::Budget::default();
    budget.max_aliases = MAX_ALIASES;
    budget.max_depth = MAX_DEPTH;
    budget.max_nodes = MAX_NODES;
    // Every value is a few events (start, end, key).
    budget.max_events = 4 * MAX_NODES;
    let options = serde_saphyr::options! {
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::Error,
        budget: Some(budget),
    };
    serde_saphyr::from_str_with_options::<Node>(text, options).map_err(|e| syntax_error(&e, text))
}

/// A limit of the YAML reader, or a YAML feature a deck does not use, in
/// the user's words (the parser's messages speak to programmers). `plain`
/// is the parser's message.
fn limit_error(e: &serde_saphyr::Error, plain: &str, text: &str) -> Option<Diagnostic> {
    let (message, help) = if plain.contains("budget breached: Alias") {
        (
            format!(
                "the file repeats texts with YAML aliases (`*name`) more than a deck needs (at most {} uses, and few per anchor)",
                crate::files::MAX_ALIASES
            ),
            "write the texts out instead of repeating them with `&name` and `*name`".to_string(),
        )
    } else if plain.contains("budget breached: Depth") {
        (
            format!(
                "the file nests lists and mappings more than {} levels deep; a deck needs five",
                crate::files::MAX_DEPTH
            ),
            "check the indentation: each characteristic is a `- ` item of characteristics, each behaviour a `- ` item of its behaviours".to_string(),
        )
    } else if plain.contains("budget breached") {
        (
            "the file is too large or too repetitive for a deck".to_string(),
            "split it into several decks, or write repeated texts out instead of using YAML anchors and aliases".to_string(),
        )
    } else if plain.contains("multiple YAML documents") {
        let line = text
            .lines()
            .enumerate()
            .find(|(_, l)| l.trim_end() == "---" || l.starts_with("--- "))
            .map(|(i, _)| i + 1);
        (
            match line {
                Some(l) => format!(
                    "this file holds more than one YAML document: the line `---` (line {l}) starts another"
                ),
                None => "this file holds more than one YAML document".to_string(),
            },
            "a deck is one document: remove the `---` line, or put the other deck in a file of its own"
                .to_string(),
        )
    } else if plain.contains("non-finite float") {
        let word = plain.split('`').nth(1).unwrap_or(".nan").to_string();
        (
            format!("`{word}` is read by YAML as a special number (not a number, or infinity), which no field takes"),
            format!("write a number such as 3, or, for text, put it in quotes: \"{word}\""),
        )
    } else {
        return None;
    };
    let mut d = Diagnostic::error(message).help(help);
    let separator = plain.contains("multiple YAML documents").then(|| {
        text.lines()
            .position(|l| l.trim_end() == "---" || l.starts_with("--- "))
            .map(|i| Loc::new(i + 1, 1))
    });
    if let Some(at) = separator.flatten() {
        d = d.at(at);
    } else if let Some(l) = e.location().filter(|l| l.line() > 0) {
        d = d.at(Loc::new(l.line() as usize, l.column() as usize));
    }
    Some(d)
}

fn syntax_error(e: &serde_saphyr::Error, text: &str) -> Diagnostic {
    let plain = e.render_with_options(serde_saphyr::render_options! {
        snippets: serde_saphyr::SnippetMode::Off,
    });
    if let Some(d) = limit_error(e, &plain, text) {
        return d;
    }
    // The plain rendering ends with " at line L, column C"; the location is
    // shown separately.
    let message = match plain.rfind(" at line ") {
        Some(i) => plain[..i].to_string(),
        None => plain.clone(),
    };
    // Advice meant for programmers using the parser is not for our users.
    let message = match message.find(", set DuplicateKeyPolicy") {
        Some(i) => message[..i].to_string(),
        None => message,
    };
    let mut d = Diagnostic::error(format!("this is not valid YAML: {message}"));
    let loc = e
        .location()
        .map(|l| Loc::new(l.line() as usize, l.column() as usize))
        .filter(|l| l.line > 0);
    if let Some(loc) = loc {
        d = d.at(loc);
    }
    let line = loc
        .and_then(|l| crate::diag::line_of(text, l.line))
        .unwrap_or("");
    let at_char = loc
        .and_then(|l| line.chars().nth(l.col.saturating_sub(1)))
        .unwrap_or(' ');
    let lower = message.to_lowercase();
    let quoting = lower.contains("quote")
        || lower.contains("trailing content")
        || lower.contains("end of stream")
        || lower.contains("scalar");
    // A quote opened and never closed swallows the lines after it: the
    // mistake is where it opened, not where the parser gave up.
    if let Some(open) = quoting
        .then(|| unclosed_quote(text, loc.map_or(usize::MAX, |l| l.line)))
        .flatten()
    {
        d.at = Some(open.at);
        d.message = format!(
            "this is not valid YAML: the text on line {} opens with {} and is never closed, so YAML reads on into the lines below",
            open.at.line,
            if open.quote == '"' { "a double quote (\")" } else { "a single quote (')" }
        );
        return d.help(format!(
            "add the closing quote at the end of the text:\n      {}",
            open.fixed
        ));
    }
    if at_char == '*' || lower.contains("alias") || lower.contains("anchor") {
        d.message = "text that starts with `*` is read by YAML as an alias (a reference \
                     to an anchor), not as text"
            .into();
        let fixed = quoted_value(line).map_or(String::new(), |f| format!(":\n      {f}"));
        d = d.help(format!("put the whole text in quotes{fixed}"));
    } else if lower.contains("mapping values are not allowed")
        || (lower.contains("mapping") && line.matches(": ").count() > 1)
    {
        d = d.help(colon_help(line, loc.map_or(0, |l| l.col)));
    } else if lower.contains("trailing content") {
        let fixed = quoted_value(line).map_or(String::new(), |f| format!(":\n      {f}"));
        d = d.help(format!(
            "a text in quotes ends at its closing quote; to print quotes inside a text, put the whole text in the other kind of quotes{fixed}"
        ));
    } else if lower.contains("duplicate") {
        d = d.help("each key may appear once in a mapping: remove or rename one of them");
    } else if line.starts_with('\t') || lower.contains("tabs") || lower.contains(" tab ") {
        d = d.help("indent with spaces, not tabs");
    } else {
        d = d.help(
            "check the indentation and quoting on this line and the one before; \
             texts with `: `, ` #`, or starting with `*`, `&`, `!`, `[`, `{`, `>`, `|`, `%`, `@` \
             must be quoted",
        );
    }
    d
}

/// The key and the value of a line `key: value` (or `- key: value`), with
/// the column (1-based, in characters) where the value starts.
fn split_line(line: &str) -> Option<(&str, &str, usize)> {
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    let body = trimmed.strip_prefix("- ").unwrap_or(trimmed);
    let lead = line.len() - body.len();
    let colon = body.find(": ")?;
    let key = &body[..colon];
    if key.is_empty() || key.contains(' ') && !key.starts_with('"') {
        return None;
    }
    let value = body[colon + 1..].trim_start();
    let value_at = line.len() - value.len();
    let _ = indent;
    Some((
        &line[..lead + colon],
        value,
        line[..value_at].chars().count() + 1,
    ))
}

/// The line with its value put in quotes (double quotes, or single ones
/// when the text has double quotes in it).
pub(crate) fn quoted_value(line: &str) -> Option<String> {
    let (key, value, _) = split_line(line)?;
    let value = value.trim_end();
    if value.is_empty() {
        return None;
    }
    // A value already quoted, with text after the quotes: quote it all.
    let quoted = if value.contains('"') {
        format!("'{}'", value.replace('\'', "''"))
    } else {
        format!("\"{value}\"")
    };
    Some(format!("{}: {quoted}", key.trim_start()))
}

/// Help for a colon followed by a space inside a text: what YAML saw, and
/// the line as it should be written.
fn colon_help(line: &str, col: usize) -> String {
    let chars: Vec<char> = line.chars().collect();
    let before = col.checked_sub(2).and_then(|i| chars.get(i)).copied();
    let nbsp = match before {
        Some('\u{a0}') => " (the space before it is a no-break space, as in French typography)",
        Some('\u{202f}') => {
            " (the space before it is a narrow no-break space, as in French typography)"
        }
        _ => "",
    };
    let curly = split_line(line).is_some_and(|(_, v, _)| v.starts_with(['“', '‘', '«', '„']));
    let mut help = format!(
        "a colon followed by a space inside a text{nbsp} looks to YAML like a new key: put the whole text in quotes"
    );
    if curly {
        help.push_str(
            "; typographic quotes (“ ” ‘ ’ « ») are printed as part of the text, they do not count as YAML quotes",
        );
    }
    match quoted_value(line) {
        Some(fixed) => format!("{help}:\n      {fixed}"),
        None => format!("{help}, e.g. text: \"Why: because\""),
    }
}

/// A quote that opens a value and is not closed on its line.
struct OpenQuote {
    at: Loc,
    quote: char,
    fixed: String,
}

/// The last line up to `last_line` whose value opens a quote it does not
/// close on the same line.
fn unclosed_quote(text: &str, last_line: usize) -> Option<OpenQuote> {
    let mut found = None;
    for (i, line) in text.lines().enumerate().take(last_line) {
        let Some((_, value, col)) = split_line(line) else {
            continue;
        };
        let mut chars = value.chars();
        let Some(q) = chars.next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        let rest: Vec<char> = chars.collect();
        let mut closed = false;
        let mut j = 0;
        while j < rest.len() {
            match (q, rest[j]) {
                ('"', '\\') => j += 1,
                ('\'', '\'') if rest.get(j + 1) == Some(&'\'') => j += 1,
                (q, c) if c == q => {
                    closed = true;
                    break;
                }
                _ => {}
            }
            j += 1;
        }
        if !closed {
            found = Some(OpenQuote {
                at: Loc::new(i + 1, col),
                quote: q,
                fixed: format!("{}{q}", line.trim_end().trim_start()),
            });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_a_located_tree() {
        let n = parse("title: Hello\nitems:\n  - a: 1\n    b: \"x\"\n").unwrap();
        let Value::Map(entries) = &n.value else {
            panic!("{n:?}")
        };
        assert_eq!(entries[0].0.value, Value::Str("title".into()));
        assert_eq!(entries[0].0.at, Loc::new(1, 1));
        assert_eq!(entries[0].1.at, Loc::new(1, 8));
        let Value::Seq(items) = &entries[1].1.value else {
            panic!()
        };
        let Value::Map(m) = &items[0].value else {
            panic!()
        };
        assert_eq!(m[0].1.value, Value::Int(1));
        assert_eq!(m[1].1.at, Loc::new(4, 8));
    }

    #[test]
    fn unquoted_bold_start_gets_the_alias_hint() {
        let e = parse("text: **bold** rest\n").unwrap_err();
        assert_eq!(e.at, Some(Loc::new(1, 7)));
        assert!(e.message.contains("alias"), "{e:?}");
        assert!(e.help.unwrap().contains("quotes"));
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let e = parse("title: a\ntitle: b\n").unwrap_err();
        assert!(e.at.is_some(), "{e:?}");
        assert!(e.help.unwrap().contains("once"), "{:?}", e.message);
    }

    #[test]
    fn colon_in_text_gets_a_quoting_hint() {
        let e = parse("a:\n  text: Why: because it is\n").unwrap_err();
        assert!(e.help.unwrap().contains("quotes"), "{}", e.message);
    }
}
