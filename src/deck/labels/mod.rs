//! The words deckpress prints itself (the guide, the sheets' and tiles'
//! labels, the calibration sheet, the worksheet), from one table per
//! language, each word overridable in deck.yaml under `labels:`.
//!
//! A table gives a text for each [`Key`]; `{name}` in a text is a
//! placeholder the program fills (a page range, a count, a size), and
//! `**bold**` and `*italic*` are kept for the page that prints it.

mod cy;
mod de;
mod en;
mod es;
mod fr;
mod partial;

macro_rules! keys {
    ($($var:ident = $name:literal [$($ph:literal),*];)*) => {
        /// One word or sentence deckpress prints itself.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Key { $($var),* }

        impl Key {
            /// Every key, in the order of keys.rs.
            pub const ALL: &'static [Key] = &[$(Key::$var),*];

            /// The key's name under `labels:`.
            pub fn name(self) -> &'static str {
                match self { $(Key::$var => $name),* }
            }

            /// The placeholders its text may use.
            pub fn placeholders(self) -> &'static [&'static str] {
                match self { $(Key::$var => &[$($ph),*]),* }
            }
        }
    };
}

include!("keys.rs");

impl Key {
    /// The key named `name` under `labels:`.
    pub fn named(name: &str) -> Option<Key> {
        Key::ALL.iter().copied().find(|k| k.name() == name)
    }

    /// Whether the key is one of the worksheet's words (also under
    /// `words:`).
    pub fn is_worksheet(self) -> bool {
        (self as usize) <= (Key::Date as usize)
    }
}

/// The languages with a table of every label.
const FULL: &[(&str, &[(Key, &str)])] = &[
    ("en", en::TEXTS),
    ("fr", fr::TEXTS),
    ("de", de::TEXTS),
    ("es", es::TEXTS),
    ("cy", cy::TEXTS),
];

/// The words a deck's documents print, in its language.
#[derive(Clone, Debug, PartialEq)]
pub struct Labels {
    /// The deck's primary language subtag, lower case ("fr" for `fr-CA`).
    language: String,
    texts: Vec<String>,
    /// Whether each text is in the deck's language (from its table or
    /// from deck.yaml) rather than English for want of one.
    known: Vec<bool>,
}

impl Labels {
    /// The built-in labels for a language tag such as `en-GB` or `fr`:
    /// from the language's table, English where it has none.
    pub fn for_language(tag: &str) -> Labels {
        let language = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let mut texts: Vec<String> = Key::ALL.iter().map(|_| String::new()).collect();
        for (k, t) in en::TEXTS {
            texts[*k as usize] = t.to_string();
        }
        let mut known = vec![language == "en"; Key::ALL.len()];
        let table = FULL
            .iter()
            .chain(partial::TABLES)
            .find(|(l, _)| *l == language);
        if let Some((_, rows)) = table {
            for (k, t) in rows.iter() {
                texts[*k as usize] = t.to_string();
                known[*k as usize] = true;
            }
        }
        Labels {
            language,
            texts,
            known,
        }
    }

    /// The languages with every label built in, and those with the
    /// worksheet's words only.
    pub fn languages() -> (Vec<&'static str>, Vec<&'static str>) {
        (
            FULL.iter().map(|(l, _)| *l).collect(),
            partial::TABLES.iter().map(|(l, _)| *l).collect(),
        )
    }

    /// Sets a label from deck.yaml.
    pub fn set(&mut self, key: Key, text: String) {
        self.texts[key as usize] = text;
        self.known[key as usize] = true;
    }

    /// Whether every key for which `which` holds is in the deck's
    /// language.
    pub fn known(&self, which: impl Fn(Key) -> bool) -> bool {
        Key::ALL
            .iter()
            .all(|k| !which(*k) || self.known[*k as usize])
    }

    /// A label with no placeholders, as the deck's language writes it.
    pub fn get(&self, key: Key) -> String {
        self.fill(key, &[])
    }

    /// A label with its placeholders filled: `{name}` becomes the value
    /// given for `name`. Placeholders without a value are left as
    /// written.
    pub fn fill(&self, key: Key, values: &[(&str, &str)]) -> String {
        let text = &self.texts[key as usize];
        let mut out = String::with_capacity(text.len() + 16);
        let mut rest = text.as_str();
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}').and_then(|close| {
                let name = &after[..close];
                values
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| (close, *v))
            }) {
                Some((close, v)) => {
                    out.push_str(v);
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        self.typography(out)
    }

    /// `one` or `many` for `n`, filled with `{n}`, by the language's rule
    /// (French counts 0 and 1 as one).
    pub fn count(&self, one: Key, many: Key, n: usize) -> String {
        let single = match self.language.as_str() {
            "fr" => n <= 1,
            _ => n == 1,
        };
        self.fill(if single { one } else { many }, &[("n", &n.to_string())])
    }

    /// "page 3" or "pages 3 to 12".
    pub fn pages(&self, (first, last): (usize, usize)) -> String {
        if first == last {
            self.fill(Key::PageOne, &[("n", &first.to_string())])
        } else {
            self.fill(
                Key::PageRange,
                &[("first", &first.to_string()), ("last", &last.to_string())],
            )
        }
    }

    /// A number or size as the language writes it: a decimal comma in
    /// French, German and Spanish ("1,5 mm", "63,5 × 88,9 mm").
    pub fn number(&self, text: &str) -> String {
        if !matches!(self.language.as_str(), "fr" | "de" | "es") {
            return text.to_string();
        }
        let chars: Vec<char> = text.chars().collect();
        chars
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                let digit = |j: Option<usize>| {
                    j.and_then(|j| chars.get(j))
                        .is_some_and(|c| c.is_ascii_digit())
                };
                if c == '.' && digit(i.checked_sub(1)) && digit(Some(i + 1)) {
                    ','
                } else {
                    c
                }
            })
            .collect()
    }

    /// The language's typography: in French a no-break space before
    /// `: ; ! ?` and inside « », so that they never start a line.
    fn typography(&self, text: String) -> String {
        if self.language != "fr" {
            return text;
        }
        let mut out = String::with_capacity(text.len());
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            let next = chars.peek().copied();
            match (c, next) {
                (' ', Some(':' | ';' | '!' | '?' | '»')) => out.push('\u{a0}'),
                ('«', Some(' ')) => {
                    out.push('«');
                    out.push('\u{a0}');
                    chars.next();
                }
                _ => out.push(c),
            }
        }
        out
    }

    /// The worksheet's words.
    pub fn words(&self) -> Words {
        Words {
            worksheet: self.get(Key::Worksheet),
            rate: self.get(Key::Rate),
            scale: [Key::Scale1, Key::Scale2, Key::Scale3, Key::Scale4]
                .iter()
                .map(|k| self.get(*k))
                .collect(),
            try_one: self.get(Key::Try),
            name: self.get(Key::Name),
            date: self.get(Key::Date),
        }
    }

    /// Every label as deck.yaml would give it, for `deckpress labels`.
    pub fn to_yaml(&self) -> String {
        let mut out = String::from("labels:\n");
        for k in Key::ALL {
            let ph = k.placeholders();
            if !ph.is_empty() {
                let names: Vec<String> = ph.iter().map(|p| format!("{{{p}}}")).collect();
                out.push_str(&format!("  # {}\n", names.join(" ")));
            }
            let text = &self.texts[*k as usize];
            out.push_str(&format!(
                "  {}: \"{}\"\n",
                k.name(),
                text.replace('\\', "\\\\").replace('"', "\\\"")
            ));
        }
        out
    }
}

impl Default for Labels {
    fn default() -> Self {
        Labels::for_language("en")
    }
}

/// The placeholders in `text` that `key` does not fill, in order.
pub fn unknown_placeholders(key: Key, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        let ident = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if ident && !key.placeholders().contains(&name) && !out.iter().any(|n| n == name) {
            out.push(name.to_string());
        }
        rest = &after[close + 1..];
    }
    out
}

/// The worksheet's own words.
#[derive(Clone, Debug, PartialEq)]
pub struct Words {
    /// The worksheet's title, e.g. "Reflection worksheet".
    pub worksheet: String,
    /// The line that asks for a rating, e.g. "Rate yourself".
    pub rate: String,
    /// The rating scale, from least to most (four steps).
    pub scale: Vec<String>,
    /// The label of each characteristic's box, e.g. "One thing I will try".
    pub try_one: String,
    /// The labels of the lines at the top of the first page.
    pub name: String,
    pub date: String,
}

impl Default for Words {
    fn default() -> Self {
        Labels::default().words()
    }
}

#[cfg(test)]
mod tests;
