//! Languages with the worksheet's words only: the guide, labels and
//! calibration sheet print in English for them until a table is written.

use super::Key::{self, *};

pub const TABLES: &[(&str, &[(Key, &str)])] = &[
    (
        "nl",
        &[
            (Worksheet, "Reflectieblad"),
            (Rate, "Beoordeel uzelf op elk gedrag"),
            (Scale1, "nog niet"),
            (Scale2, "soms"),
            (Scale3, "vaak"),
            (Scale4, "steeds"),
            (Try, "Eén ding dat ik ga proberen"),
            (Name, "Naam"),
            (Date, "Datum"),
        ],
    ),
    (
        "pt",
        &[
            (Worksheet, "Ficha de reflexão"),
            (Rate, "Avalie-se em cada comportamento"),
            (Scale1, "ainda não"),
            (Scale2, "às vezes"),
            (Scale3, "muitas vezes"),
            (Scale4, "sempre"),
            (Try, "Uma coisa que vou experimentar"),
            (Name, "Nome"),
            (Date, "Data"),
        ],
    ),
    (
        "it",
        &[
            (Worksheet, "Scheda di riflessione"),
            (Rate, "Valutati su ogni comportamento"),
            (Scale1, "non ancora"),
            (Scale2, "a volte"),
            (Scale3, "spesso"),
            (Scale4, "sempre"),
            (Try, "Una cosa che proverò"),
            (Name, "Nome"),
            (Date, "Data"),
        ],
    ),
];
