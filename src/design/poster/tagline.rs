//! Which words of a characteristic the poster prints: the tagline (the
//! sentence of the intro that holds its bold phrase), and whether printing
//! a behaviour's text prints its title too.

use std::ops::Range;

use crate::deck::Text;
use crate::text::markup::Span;
use crate::text::Rich;

/// The sentence of `intro` that holds its first bold phrase (the first
/// sentence if there is none), with its markup.
///
/// Sentences end at `.`, `!` or `?` (and any closing quotes or brackets)
/// followed by a space and a capital letter or digit, so that "e.g. the"
/// does not end one.
pub fn tagline(intro: &Rich) -> Rich {
    let text = &intro.text;
    let target = intro
        .spans
        .iter()
        .filter(|s| s.bold)
        .find_map(|s| {
            text[s.range.clone()]
                .char_indices()
                .find(|(_, c)| !c.is_whitespace())
                .map(|(i, _)| s.range.start + i)
        })
        .unwrap_or(0);
    let sentence = sentences(text)
        .into_iter()
        .find(|r| r.contains(&target))
        .unwrap_or(0..text.len());
    slice(intro, sentence)
}

/// The byte ranges of the sentences of `text`, without surrounding spaces.
fn sentences(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        if matches!(c, '.' | '!' | '?') {
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '"' | '\'' | '”' | '’' | ')' | ']') {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |(b, _)| *b);
            let mut k = j;
            while k < chars.len() && chars[k].1.is_whitespace() {
                k += 1;
            }
            let next_starts = chars.get(k).is_some_and(|(_, n)| {
                n.is_uppercase() || n.is_ascii_digit() || matches!(n, '"' | '\'' | '“' | '‘')
            });
            if k > j && next_starts {
                out.push(trimmed(text, start..end));
                start = chars[k].0;
                i = k;
                continue;
            }
        }
        i += 1;
    }
    if start < text.len() {
        out.push(trimmed(text, start..text.len()));
    }
    out.retain(|r| !r.is_empty());
    out
}

fn trimmed(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    r.start + lead..r.end - trail
}

/// The part of a rich text in `range` (on character boundaries).
fn slice(rich: &Rich, range: Range<usize>) -> Rich {
    let spans = rich
        .spans
        .iter()
        .filter_map(|s| {
            let start = s.range.start.max(range.start);
            let end = s.range.end.min(range.end);
            (start < end).then(|| Span {
                range: start - range.start..end - range.start,
                ..s.clone()
            })
        })
        .collect();
    Rich {
        text: rich.text[range].to_string(),
        spans,
    }
}

/// Whether `title` is one of the bold phrases of `text` (ignoring case), so
/// that printing the text prints the title too.
pub(super) fn title_in_text(title: &Text, text: &Text) -> bool {
    let t = title.plain().trim().to_lowercase();
    text.rich
        .bold_phrases()
        .iter()
        .any(|p| p.to_lowercase() == t)
}
