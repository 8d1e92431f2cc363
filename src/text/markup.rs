//! Inline markup: `**bold**`, `*italic*` and `\*` for a literal asterisk,
//! turned into plain text with styled spans.

use std::ops::Range;

/// Text with bold and italic spans. Spans cover the whole text, in order,
/// without gaps; neighbouring spans differ in style.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Rich {
    pub text: String,
    pub spans: Vec<Span>,
}

/// A stretch of `Rich::text` in one style.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    pub range: Range<usize>,
    pub bold: bool,
    pub italic: bool,
}

impl Rich {
    /// Plain text in the regular style.
    pub fn plain(text: &str) -> Rich {
        Rich {
            text: text.to_string(),
            spans: if text.is_empty() {
                Vec::new()
            } else {
                vec![Span {
                    range: 0..text.len(),
                    bold: false,
                    italic: false,
                }]
            },
        }
    }

    /// The same text with every span made bold (for headings).
    pub fn all_bold(mut self) -> Rich {
        for s in &mut self.spans {
            s.bold = true;
        }
        merge(&mut self.spans);
        self
    }

    /// The bold stretches of text, in order.
    pub fn bold_phrases(&self) -> Vec<&str> {
        self.spans
            .iter()
            .filter(|s| s.bold)
            .map(|s| self.text[s.range.clone()].trim())
            .collect()
    }

    /// Appends another rich text.
    pub fn push(&mut self, other: &Rich) {
        let base = self.text.len();
        self.text.push_str(&other.text);
        self.spans.extend(other.spans.iter().map(|s| Span {
            range: s.range.start + base..s.range.end + base,
            ..*s
        }));
        merge(&mut self.spans);
    }
}

/// A mistake in the markup: what is wrong and where, as a character index
/// (0-based) into the marked-up source.
#[derive(Clone, Debug, PartialEq)]
pub struct MarkupError {
    pub char_index: usize,
    pub message: String,
}

/// Parses `**bold**`, `*italic*` (they nest) and `\*`.
pub fn parse(source: &str) -> Result<Rich, MarkupError> {
    let chars: Vec<char> = source.chars().collect();
    let mut text = String::new();
    let mut spans: Vec<Span> = Vec::new();
    let (mut bold, mut italic) = (false, false);
    // Where the open markers are (char index) and where their text began
    // (byte offset), for the error messages.
    let (mut bold_at, mut italic_at, mut bold_text) = (0usize, 0usize, 0usize);
    let mut start = 0usize;
    let mut i = 0usize;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && chars.get(i + 1) == Some(&'*') {
            text.push('*');
            i += 2;
            continue;
        }
        if c != '*' {
            text.push(c);
            i += 1;
            continue;
        }
        if text.len() > start {
            spans.push(Span {
                range: start..text.len(),
                bold,
                italic,
            });
        }
        start = text.len();
        if chars.get(i + 1) == Some(&'*') {
            if bold && text[bold_text..].trim().is_empty() {
                return Err(MarkupError {
                    char_index: bold_at,
                    message: "`**` encloses no text: remove the empty `****`".into(),
                });
            }
            bold = !bold;
            bold_at = i;
            bold_text = text.len();
            i += 2;
        } else {
            italic = !italic;
            italic_at = i;
            i += 1;
        }
    }
    if text.len() > start {
        spans.push(Span {
            range: start..text.len(),
            bold,
            italic,
        });
    }
    if bold {
        return Err(MarkupError {
            char_index: bold_at,
            message: "`**` opens bold text that is never closed: add the closing `**`, \
                      or write `\\*` for a literal asterisk"
                .into(),
        });
    }
    if italic {
        return Err(MarkupError {
            char_index: italic_at,
            message: "`*` opens italic text that is never closed: add the closing `*`, \
                      or write `\\*` for a literal asterisk"
                .into(),
        });
    }
    merge(&mut spans);
    Ok(Rich { text, spans })
}

/// The char index in the marked-up `source` of the character that
/// `parse(source)` puts at char index `plain` of its text.
pub fn source_index(source: &str, plain: usize) -> usize {
    let chars: Vec<char> = source.chars().collect();
    let (mut i, mut n) = (0, 0);
    while i < chars.len() {
        match chars[i] {
            '\\' if chars.get(i + 1) == Some(&'*') => {
                if n == plain {
                    return i + 1;
                }
                n += 1;
                i += 2;
            }
            '*' => i += 1,
            _ => {
                if n == plain {
                    return i;
                }
                n += 1;
                i += 1;
            }
        }
    }
    i
}

/// Joins neighbouring spans of the same style.
fn merge(spans: &mut Vec<Span>) {
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans.drain(..) {
        match out.last_mut() {
            Some(last)
                if last.bold == s.bold
                    && last.italic == s.italic
                    && last.range.end == s.range.start =>
            {
                last.range.end = s.range.end
            }
            _ => out.push(s),
        }
    }
    *spans = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styles(r: &Rich) -> Vec<(&str, bool, bool)> {
        r.spans
            .iter()
            .map(|s| (&r.text[s.range.clone()], s.bold, s.italic))
            .collect()
    }

    #[test]
    fn bold_and_italic_spans() {
        let r = parse("Being **reliable and competent** - they *do* it").unwrap();
        assert_eq!(r.text, "Being reliable and competent - they do it");
        assert_eq!(
            styles(&r),
            vec![
                ("Being ", false, false),
                ("reliable and competent", true, false),
                (" - they ", false, false),
                ("do", false, true),
                (" it", false, false),
            ]
        );
        assert_eq!(r.bold_phrases(), vec!["reliable and competent"]);
    }

    #[test]
    fn nesting_and_escapes() {
        let r = parse("**bold *both* bold** \\*star\\*").unwrap();
        assert_eq!(r.text, "bold both bold *star*");
        assert_eq!(
            styles(&r),
            vec![
                ("bold ", true, false),
                ("both", true, true),
                (" bold", true, false),
                (" *star*", false, false),
            ]
        );
        let r = parse("***all***").unwrap();
        assert_eq!(styles(&r), vec![("all", true, true)]);
    }

    #[test]
    fn unclosed_markers_are_located() {
        let e = parse("set clear **boundaries at the start").unwrap_err();
        assert_eq!(e.char_index, 10);
        assert!(e.message.contains("never closed"));
        let e = parse("5 * 3").unwrap_err();
        assert_eq!(e.char_index, 2);
        assert!(e.message.contains("\\*"));
        assert!(parse("an **** empty").is_err());
    }

    #[test]
    fn plain_indices_map_back_to_the_source() {
        let src = "a **bold** \\*x";
        let r = parse(src).unwrap();
        assert_eq!(r.text, "a bold *x");
        let src_chars: Vec<char> = src.chars().collect();
        for (i, c) in r.text.chars().enumerate() {
            assert_eq!(src_chars[source_index(src, i)], c, "char {i}");
        }
    }

    #[test]
    fn plain_and_push() {
        let mut a = Rich::plain("one ");
        a.push(&parse("**two**").unwrap());
        assert_eq!(a.text, "one two");
        assert_eq!(a.bold_phrases(), vec!["two"]);
        assert!(Rich::plain("").spans.is_empty());
    }
}
