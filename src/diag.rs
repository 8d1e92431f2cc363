//! Diagnostics: the errors and warnings a user sees, each naming the file,
//! line and column, the card and field, what is wrong and what to do.

use std::fmt::Write as _;
use std::path::PathBuf;

/// A position in the deck file: 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Loc {
    pub line: usize,
    pub col: usize,
}

impl Loc {
    pub const fn new(line: usize, col: usize) -> Loc {
        Loc { line, col }
    }

    /// This location moved `chars` characters to the right on its line.
    pub fn shifted(self, chars: usize) -> Loc {
        Loc::new(self.line, self.col + chars)
    }
}

/// The text of a file diagnostics point into, with where its lines start.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Source {
    /// The path as the user named it.
    pub path: PathBuf,
    pub text: String,
    /// The byte offset where each line starts (so that finding a line
    /// does not read the file from its start each time).
    starts: Vec<usize>,
}

impl Source {
    pub fn new(path: PathBuf, text: String) -> Source {
        let mut starts = vec![0];
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    starts.push(i + 2);
                    i += 1;
                }
                b'\r' => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        Source { path, text, starts }
    }

    /// The text of a 1-based line, without its line break. Lines end at
    /// LF, CRLF or a lone CR (old Mac files), as YAML counts them.
    pub fn line(&self, line: usize) -> Option<&str> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let end = self.starts.get(line).copied().unwrap_or(self.text.len());
        Some(self.text[start..end].trim_end_matches(['\n', '\r']))
    }
}

/// The text of a 1-based line of `text`, without its line break (LF,
/// CRLF or a lone CR).
pub fn line_of(text: &str, line: usize) -> Option<&str> {
    {
        let mut n = line.checked_sub(1)?;
        let mut rest = text;
        loop {
            let end = rest.find(['\n', '\r']);
            if n == 0 {
                return Some(&rest[..end.unwrap_or(rest.len())]);
            }
            let end = end?;
            let skip = if rest[end..].starts_with("\r\n") {
                2
            } else {
                1
            };
            rest = &rest[end + skip..];
            n -= 1;
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in a deck.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// What it is about: the card and field, e.g. `behaviour 1.3
    /// "accountability", field text`.
    pub subject: Option<String>,
    /// What is wrong.
    pub message: String,
    /// Where, in the deck file.
    pub at: Option<Loc>,
    /// What to do about it.
    pub help: Option<String>,
    /// Further lines: the other places of a mistake made in several, or
    /// the items of a list.
    pub notes: Vec<String>,
    /// Diagnostics with the same key are one problem seen in several
    /// places: only the one with the highest weight is kept.
    pub merge: Option<Box<(String, f32)>>,
    /// Diagnostics with the same group are one mistake made in several
    /// places: the first is kept, and the others' places are added to it.
    pub group: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            subject: None,
            message: message.into(),
            at: None,
            help: None,
            notes: Vec::new(),
            merge: None,
            group: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    pub fn at(mut self, loc: Loc) -> Diagnostic {
        self.at = Some(loc);
        self
    }

    pub fn about(mut self, subject: impl Into<String>) -> Diagnostic {
        self.subject = Some(subject.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    /// Marks this as one of several sightings of the same problem `key`;
    /// the sighting with the highest `weight` is the one reported.
    pub fn merged_as(mut self, key: impl Into<String>, weight: f32) -> Diagnostic {
        self.merge = Some(Box::new((key.into(), weight)));
        self
    }

    /// Marks this as one sighting of a mistake made in several places
    /// (`group`): they are reported as one, listing the places.
    pub fn grouped_as(mut self, group: impl Into<String>) -> Diagnostic {
        self.group = Some(group.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The diagnostic as the user reads it, with the line of the file it
    /// points at and a caret under the column.
    pub fn render(&self, source: &Source) -> String {
        let mut out = String::new();
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let file = source.path.display();
        match self.at {
            Some(at) => {
                let _ = write!(out, "{kind}: {file}:{}:{}: ", at.line, at.col);
            }
            None => {
                let _ = write!(out, "{kind}: {file}: ");
            }
        }
        if let Some(subject) = &self.subject {
            let _ = write!(out, "{subject}: ");
        }
        out.push_str(&self.message);
        out.push('\n');
        if let Some(at) = self.at {
            if let Some(full) = source.line(at.line) {
                let line = clip_line(full, at.col);
                let line = line.as_str();
                let num = at.line.to_string();
                let pad = " ".repeat(num.len());
                let caret_pad: String = line
                    .chars()
                    .take(at.col.saturating_sub(1))
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                let _ = writeln!(out, "{pad} |");
                let _ = writeln!(out, "{num} | {line}");
                let _ = writeln!(out, "{pad} | {caret_pad}^");
            }
        }
        for note in &self.notes {
            let _ = writeln!(out, "  = note: {note}");
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "  = help: {help}");
        }
        out
    }
}

/// A long line cut to what is worth showing around column `col`: up to
/// 100 characters, with `…` where text was left out after the column.
fn clip_line(line: &str, col: usize) -> String {
    let n = line.chars().count();
    let keep = (col + 40).max(100);
    if n <= keep {
        return line.to_string();
    }
    let mut s: String = line.chars().take(keep).collect();
    s.push('…');
    s
}

#[cfg(test)]
mod line_tests {
    use super::*;

    #[test]
    fn lines_end_at_lf_crlf_or_cr() {
        for text in ["a\nb\nc", "a\r\nb\r\nc", "a\rb\rc"] {
            let s = Source::new(PathBuf::from("d.yaml"), text.into());
            assert_eq!(s.line(1), Some("a"));
            assert_eq!(s.line(3), Some("c"));
            assert_eq!(s.line(4), None);
            assert_eq!(s.line(0), None);
        }
    }
}

/// Diagnostics collected while working through a deck.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        if let Some(group) = &d.group {
            if let Some(first) = self
                .items
                .iter_mut()
                .find(|o| o.group.as_ref() == Some(group))
            {
                let place = match (d.at, &d.subject) {
                    (Some(at), Some(s)) => format!("line {}, column {} ({s})", at.line, at.col),
                    (Some(at), None) => format!("line {}, column {}", at.line, at.col),
                    (None, Some(s)) => s.clone(),
                    (None, None) => return,
                };
                first.notes.push(format!("also at {place}"));
                return;
            }
        }
        if let Some(merge) = &d.merge {
            let (key, weight) = &**merge;
            let same = |o: &Diagnostic| o.merge.as_ref().is_some_and(|m| &m.0 == key);
            if let Some(existing) = self.items.iter_mut().find(|o| same(o)) {
                if existing.merge.as_ref().is_some_and(|m| *weight > m.1) {
                    *existing = d;
                }
                return;
            }
        }
        self.items.push(d);
    }

    /// Adds every diagnostic of `other`, merging sightings of the same
    /// problem as `push` does.
    pub fn extend(&mut self, other: Diagnostics) {
        for d in other.items {
            self.push(d);
        }
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// The number of distinct errors.
    pub fn errors(&self) -> usize {
        self.sorted().iter().filter(|d| d.is_error()).count()
    }

    /// The number of distinct warnings.
    pub fn warnings(&self) -> usize {
        self.sorted().iter().filter(|d| !d.is_error()).count()
    }

    /// Sorted by position in the file (unlocated last), errors before
    /// warnings at the same place; a problem found on several cards (a
    /// deck-wide field) is listed once.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut v: Vec<&Diagnostic> = self.items.iter().collect();
        v.sort_by_key(|d| (d.at.is_none(), d.at, d.severity));
        // Identical ones are now among those of the same place.
        let mut out: Vec<&Diagnostic> = Vec::with_capacity(v.len());
        let mut group_start = 0;
        for d in v {
            if out
                .last()
                .is_some_and(|l| (l.at, l.severity) != (d.at, d.severity))
            {
                group_start = out.len();
            }
            if !out[group_start..].contains(&d) {
                out.push(d);
            }
        }
        out
    }
}

/// The closest of `candidates` to `word`, if it is close enough to be what
/// the user meant (for "did you mean" hints).
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let w = word.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for &c in candidates {
        let d = edit_distance(&w, &c.to_lowercase());
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    let (d, c) = best?;
    let limit = (w.chars().count().max(c.chars().count()) / 3).max(2);
    (d <= limit).then_some(c)
}

/// Levenshtein distance, with a swap of two neighbouring letters counting
/// as one edit.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_location_snippet_and_help() {
        let source = Source::new(
            "deck.yaml".into(),
            "title: x\ncards:\n  size: pokr\n".into(),
        );
        let d = Diagnostic::error("unknown card size `pokr`")
            .about("cards, field size")
            .at(Loc::new(3, 9))
            .help("use poker");
        let s = d.render(&source);
        assert_eq!(
            s,
            "error: deck.yaml:3:9: cards, field size: unknown card size `pokr`\n  |\n3 |   size: pokr\n  |         ^\n  = help: use poker\n"
        );
    }

    #[test]
    fn long_lines_are_clipped_after_the_column() {
        let source = Source::new(
            "deck.yaml".into(),
            format!("text: {}\n", "word ".repeat(100)),
        );
        let s = Diagnostic::error("too long")
            .at(Loc::new(1, 7))
            .render(&source);
        let shown = s.lines().nth(2).unwrap();
        assert!(
            shown.ends_with('…') && shown.chars().count() < 120,
            "{shown}"
        );
    }

    #[test]
    fn suggests_close_words_only() {
        let keys = ["title", "text", "colour", "behaviours"];
        assert_eq!(closest("txet", &keys), Some("text"));
        assert_eq!(closest("color", &keys), Some("colour"));
        assert_eq!(closest("behaviors", &keys), Some("behaviours"));
        assert_eq!(closest("Title", &keys), Some("title"));
        assert_eq!(closest("zzzzzz", &keys), None);
    }
}
