//! The words deckpress prints itself on the worksheet (its title, the
//! rating scale, the boxes' labels), in the deck's language, and each
//! overridable in deck.yaml under `words:`.

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

/// The keys of `words:`.
pub const WORD_KEYS: &[&str] = &["worksheet", "rate", "scale", "try", "name", "date"];

/// The languages with built-in words: (language subtag, worksheet, rate,
/// scale, try, name, date).
type Table = (
    &'static str,
    &'static str,
    &'static str,
    [&'static str; 4],
    &'static str,
    &'static str,
    &'static str,
);

const TABLE: &[Table] = &[
    (
        "en",
        "Reflection worksheet",
        "Rate yourself on each behaviour",
        ["not yet", "sometimes", "often", "consistently"],
        "One thing I will try",
        "Name",
        "Date",
    ),
    (
        "fr",
        "Fiche de réflexion",
        "Évaluez-vous sur chaque comportement",
        ["pas encore", "parfois", "souvent", "toujours"],
        "Une chose que je vais essayer",
        "Nom",
        "Date",
    ),
    (
        "de",
        "Arbeitsblatt zur Reflexion",
        "Schätzen Sie sich bei jedem Verhalten ein",
        ["noch nicht", "manchmal", "oft", "durchgehend"],
        "Eine Sache, die ich ausprobiere",
        "Name",
        "Datum",
    ),
    (
        "es",
        "Hoja de reflexión",
        "Valórese en cada comportamiento",
        ["todavía no", "a veces", "a menudo", "siempre"],
        "Una cosa que voy a probar",
        "Nombre",
        "Fecha",
    ),
    (
        "nl",
        "Reflectieblad",
        "Beoordeel uzelf op elk gedrag",
        ["nog niet", "soms", "vaak", "steeds"],
        "Eén ding dat ik ga proberen",
        "Naam",
        "Datum",
    ),
    (
        "pt",
        "Ficha de reflexão",
        "Avalie-se em cada comportamento",
        ["ainda não", "às vezes", "muitas vezes", "sempre"],
        "Uma coisa que vou experimentar",
        "Nome",
        "Data",
    ),
    (
        "it",
        "Scheda di riflessione",
        "Valutati su ogni comportamento",
        ["non ancora", "a volte", "spesso", "sempre"],
        "Una cosa che proverò",
        "Nome",
        "Data",
    ),
];

impl Words {
    /// The built-in words for a language tag such as `en-GB` or `fr`, and
    /// whether the language has them (else they are English).
    pub fn for_language(language: &str) -> (Words, bool) {
        let primary = language
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let (row, known) = match TABLE.iter().find(|r| r.0 == primary) {
            Some(r) => (r, true),
            None => (&TABLE[0], false),
        };
        let (_, worksheet, rate, scale, try_one, name, date) = row;
        (
            Words {
                worksheet: worksheet.to_string(),
                rate: rate.to_string(),
                scale: scale.iter().map(|s| s.to_string()).collect(),
                try_one: try_one.to_string(),
                name: name.to_string(),
                date: date.to_string(),
            },
            known,
        )
    }

    /// The languages with built-in words.
    pub fn languages() -> Vec<&'static str> {
        TABLE.iter().map(|r| r.0).collect()
    }
}

impl Default for Words {
    fn default() -> Self {
        Words::for_language("en").0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_follow_the_primary_language() {
        assert_eq!(Words::for_language("en-GB").0.scale[0], "not yet");
        assert_eq!(Words::for_language("fr-CA").0.name, "Nom");
        let (w, known) = Words::for_language("sw");
        assert!(!known);
        assert_eq!(w, Words::default());
        for l in Words::languages() {
            assert_eq!(Words::for_language(l).0.scale.len(), 4);
        }
    }
}
