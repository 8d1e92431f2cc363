//! Spreadsheets to `deck.yaml` (`deckpress import`): a CSV file, or a
//! sheet of an XLSX or ODS workbook, with one row per behaviour. The
//! columns are found by their headers; a characteristic's own columns
//! (colour, icon, intro...) may be given on any of its rows. The deck is
//! written as YAML with one value per line, so that every problem the
//! deck's own checks find can be told by its cell.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics, Loc, Severity};

/// The most bytes a spreadsheet may have.
pub const MAX_SHEET_BYTES: u64 = 32 * 1024 * 1024;
/// The most rows read from a spreadsheet: far more than any deck.
pub const MAX_ROWS: usize = 100_000;

/// A column deckpress reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Column {
    Characteristic,
    Title,
    Text,
    Id,
    Colour,
    Icon,
    IconAlt,
    Intro,
    LeadIn,
    Pillars,
}

/// Each column, the header names it goes by (compared in lower case,
/// with spaces, `-` and `_` alike), and what it holds.
pub const COLUMNS: &[(Column, &[&str], &str)] = &[
    (
        Column::Characteristic,
        &["characteristic", "characteristic name", "name"],
        "the characteristic's name (required; a row without one belongs to the characteristic above)",
    ),
    (
        Column::Title,
        &["title", "behaviour", "behavior", "behaviour title", "behavior title"],
        "the behaviour's short title (required)",
    ),
    (
        Column::Text,
        &["text", "behaviour text", "behavior text", "description"],
        "the behaviour's full text (required)",
    ),
    (
        Column::Id,
        &["id", "characteristic id"],
        "the characteristic's short name (default: made from its name)",
    ),
    (
        Column::Colour,
        &["colour", "color"],
        "the characteristic's colour, #rrggbb (default: one of twelve)",
    ),
    (
        Column::Icon,
        &["icon"],
        "the characteristic's icon file, beside the spreadsheet",
    ),
    (
        Column::IconAlt,
        &["icon alt", "icon description"],
        "what the icon shows, in words",
    ),
    (
        Column::Intro,
        &["intro", "introduction"],
        "the paragraph that introduces the characteristic",
    ),
    (
        Column::LeadIn,
        &["lead in", "leadin"],
        "the sentence that leads into its behaviours",
    ),
    (
        Column::Pillars,
        &["pillars"],
        "the words it rests on, separated by ; or |",
    ),
];

impl Column {
    fn of_header(h: &str) -> Option<Column> {
        let norm: String = h
            .trim()
            .trim_start_matches('\u{feff}')
            .to_lowercase()
            .chars()
            .map(|c| if c == '-' || c == '_' { ' ' } else { c })
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        COLUMNS
            .iter()
            .find(|(_, names, _)| names.contains(&norm.as_str()))
            .map(|(c, _, _)| *c)
    }

    fn name(self) -> &'static str {
        COLUMNS
            .iter()
            .find(|(c, _, _)| *c == self)
            .expect("every column")
            .1[0]
    }
}

/// A problem with the spreadsheet, at a cell (1-based row, 0-based
/// column) when it has one.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub severity: Severity,
    pub message: String,
    pub at: Option<(usize, usize)>,
    pub help: Option<String>,
}

impl Problem {
    fn error(message: impl Into<String>, at: Option<(usize, usize)>, help: &str) -> Problem {
        Problem {
            severity: Severity::Error,
            message: message.into(),
            at,
            help: (!help.is_empty()).then(|| help.to_string()),
        }
    }
}

/// A sheet's cells as text, each row with its number (1-based).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// The sheet's name, for a workbook.
    pub sheet: Option<String>,
    pub rows: Vec<(usize, Vec<String>)>,
    /// The headers, by column (once read).
    pub headers: Vec<String>,
}

/// The spreadsheet column letter of a 0-based column: A, B, ... Z, AA.
pub fn column_letter(mut col: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII")
}

/// Reads a spreadsheet: a `.csv` (or `.tsv`, `.txt`) file, or a sheet
/// (`sheet`, else the first) of an `.xlsx`, `.xlsm`, `.xls` or `.ods`
/// workbook.
pub fn read(path: &Path, sheet: Option<&str>) -> Result<Table, Problem> {
    let meta = std::fs::metadata(path).map_err(|e| {
        Problem::error(
            format!("cannot read it: {e}"),
            None,
            "name a .csv, .xlsx or .ods file",
        )
    })?;
    if !meta.is_file() {
        return Err(Problem::error(
            "this is not a file",
            None,
            "name a .csv, .xlsx or .ods file",
        ));
    }
    if meta.len() > MAX_SHEET_BYTES {
        return Err(Problem::error(
            format!(
                "the file is {} MB; deckpress reads spreadsheets of at most {} MB",
                meta.len() / 1_000_000,
                MAX_SHEET_BYTES / 1_000_000
            ),
            None,
            "keep one sheet with one row per behaviour",
        ));
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "csv" | "tsv" | "txt" => {
            let bytes = crate::files::read_bounded(path, MAX_SHEET_BYTES).map_err(|p| {
                Problem::error(
                    p.describe(&path.display().to_string(), MAX_SHEET_BYTES),
                    None,
                    "",
                )
            })?;
            read_csv(&bytes)
        }
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => read_workbook(path, sheet),
        _ => Err(Problem::error(
            format!("deckpress reads .csv, .xlsx and .ods spreadsheets, not .{ext}"),
            None,
            "save the sheet as CSV UTF-8 or as an Excel workbook (.xlsx)",
        )),
    }
}

/// A CSV file's rows: UTF-8 (a byte-order mark is skipped), separated by
/// commas, semicolons (as many European spreadsheets write) or tabs,
/// whichever the header line uses.
pub fn read_csv(bytes: &[u8]) -> Result<Table, Problem> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if let Err(e) = std::str::from_utf8(bytes) {
        let valid = e.valid_up_to();
        let row = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
        return Err(Problem::error(
            format!(
                "the file is not saved as UTF-8 text: row {row} has the byte {:#04x}, which is not UTF-8 (it is probably in the Windows-1252 encoding)",
                bytes[valid]
            ),
            Some((row, usize::MAX)),
            "save it again as \"CSV UTF-8 (Comma delimited)\" (Excel: File, Save As; LibreOffice: Character set Unicode (UTF-8))",
        ));
    }
    let first = bytes.split(|&b| b == b'\n').next().unwrap_or(&[]);
    let count = |c: u8| first.iter().filter(|&&b| b == c).count();
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&c| (count(c), c == b','))
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(bytes);
    let mut table = Table::default();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let row = e.position().map(|p| p.line() as usize);
            Problem::error(
                format!("the file cannot be read as CSV: {e}"),
                row.map(|r| (r, usize::MAX)),
                "check the quotes on this row: a text with quotes in it is written \"like \"\"this\"\"\"",
            )
        })?;
        let row = record
            .position()
            .map_or(table.rows.len() + 1, |p| p.line() as usize);
        table
            .rows
            .push((row, record.iter().map(str::to_string).collect()));
        if table.rows.len() > MAX_ROWS {
            return Err(too_many_rows());
        }
    }
    Ok(table)
}

fn too_many_rows() -> Problem {
    Problem::error(
        format!("the sheet has more than {MAX_ROWS} rows"),
        None,
        "keep one row per behaviour",
    )
}

/// The most a workbook may unpack to: a sheet of 100,000 rows is a few
/// tens of megabytes of XML.
pub const MAX_UNPACKED_BYTES: u64 = 200_000_000;

/// Refuses a zipped workbook (.xlsx, .ods) whose parts unpack to more
/// than `MAX_UNPACKED_BYTES`, from the sizes its directory records (the
/// unpacking stops at those sizes).
fn check_unpacked(path: &Path) -> Result<(), Problem> {
    let Ok(file) = std::fs::File::open(path) else {
        return Ok(());
    };
    // Not a zip (an .xls) or a damaged one: calamine says what is wrong.
    let Ok(mut zip) = zip::ZipArchive::new(std::io::BufReader::new(file)) else {
        return Ok(());
    };
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        if let Ok(entry) = zip.by_index_raw(i) {
            total = total.saturating_add(entry.size());
        }
    }
    if total > MAX_UNPACKED_BYTES {
        return Err(Problem::error(
            format!(
                "the workbook unpacks to {} MB; deckpress reads workbooks of at most {} MB unpacked",
                total / 1_000_000,
                MAX_UNPACKED_BYTES / 1_000_000
            ),
            None,
            "keep one sheet with one row per behaviour, or save it as CSV UTF-8",
        ));
    }
    Ok(())
}

fn read_workbook(path: &Path, sheet: Option<&str>) -> Result<Table, Problem> {
    use calamine::{open_workbook_auto, Data, Reader};
    check_unpacked(path)?;
    let mut book = open_workbook_auto(path).map_err(|e| {
        Problem::error(
            format!("the workbook cannot be read: {e}"),
            None,
            "open it in your spreadsheet program and save it again as .xlsx, or as CSV UTF-8",
        )
    })?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .cloned()
            .ok_or_else(|| {
                Problem::error(
                    format!(
                        "the workbook has no sheet \"{s}\"; its sheets are {}",
                        names.join(", ")
                    ),
                    None,
                    "name one of them with --sheet",
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| Problem::error("the workbook has no sheets", None, ""))?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| Problem::error(format!("sheet \"{name}\" cannot be read: {e}"), None, ""))?;
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut table = Table {
        sheet: Some(name),
        ..Table::default()
    };
    for (i, cells) in range.rows().enumerate() {
        let mut row: Vec<String> = vec![String::new(); left as usize];
        row.extend(cells.iter().map(|c| match c {
            Data::Empty => String::new(),
            Data::String(s) => s.clone(),
            Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
            Data::Float(f) => f.to_string(),
            Data::Int(i) => i.to_string(),
            Data::Bool(b) => b.to_string(),
            Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
            other => other.to_string(),
        }));
        table.rows.push((top as usize + i + 1, row));
        if table.rows.len() > MAX_ROWS {
            return Err(too_many_rows());
        }
    }
    Ok(table)
}

/// The colours given to characteristics without one: twelve dark,
/// distinct colours that carry white text at WCAG AA.
const PALETTE: &[&str] = &[
    "#123f73", "#8a2c0d", "#0f5c3a", "#5a2d82", "#8a1c4a", "#0e4d64", "#6b4e00", "#3d4a0f",
    "#7a1f1f", "#24456b", "#4f3a6b", "#005f5f",
];

/// One characteristic as the rows give it.
#[derive(Default)]
struct Gathered {
    name: (String, (usize, usize)),
    fields: BTreeMap<Column, (String, (usize, usize))>,
    behaviours: Vec<[(String, (usize, usize)); 2]>,
    /// Whether a row gave it a behaviour with a problem (reported there).
    faulty: bool,
}

#[derive(Debug)]
/// What import makes: the deck's YAML, and for each of its lines the
/// cell it came from.
pub struct Imported {
    pub yaml: String,
    pub cells: Vec<Option<(usize, usize)>>,
    pub characteristics: usize,
    pub behaviours: usize,
}

/// The deck a table describes, or every problem with it. Icons are named
/// relative to `sheet_dir` in the table and written relative to
/// `deck_dir`.
pub fn to_deck(
    table: &Table,
    title: &str,
    language: &str,
    sheet_dir: &Path,
    deck_dir: &Path,
    source: &str,
) -> Result<Imported, Vec<Problem>> {
    let mut problems = Vec::new();
    // The header: the first row with any cell filled.
    let Some(h) = table
        .rows
        .iter()
        .position(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
    else {
        return Err(vec![Problem::error(
            "the sheet is empty",
            None,
            "put the headers (characteristic, title, text) in the first row and one behaviour on each row below",
        )]);
    };
    let (header_row, headers) = &table.rows[h];
    let mut at: BTreeMap<Column, usize> = BTreeMap::new();
    for (i, cell) in headers.iter().enumerate() {
        if cell.trim().is_empty() {
            continue;
        }
        match Column::of_header(cell) {
            Some(c) => {
                if let Some(&first) = at.get(&c) {
                    problems.push(Problem::error(
                        format!(
                            "two columns are headed {}: {} and {}",
                            c.name(),
                            column_letter(first),
                            column_letter(i)
                        ),
                        Some((*header_row, i)),
                        "keep one of them, or rename the other",
                    ));
                } else {
                    at.insert(c, i);
                }
            }
            None => problems.push(Problem {
                severity: Severity::Warning,
                message: format!(
                    "the column headed \"{}\" is not one deckpress reads, so it is left out",
                    cell.trim()
                ),
                at: Some((*header_row, i)),
                help: Some(format!(
                    "the columns are {}",
                    COLUMNS
                        .iter()
                        .map(|(_, n, _)| n[0])
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            }),
        }
    }
    let missing: Vec<&str> = [Column::Characteristic, Column::Title, Column::Text]
        .into_iter()
        .filter(|c| !at.contains_key(c))
        .map(Column::name)
        .collect();
    if !missing.is_empty() {
        problems.push(Problem::error(
            format!(
                "row {header_row} has no column headed {}",
                missing.join(" or ")
            ),
            Some((*header_row, usize::MAX)),
            "the first row names the columns: characteristic, title and text (and optionally id, colour, icon, icon alt, intro, lead in, pillars); one behaviour on each row below",
        ));
        return Err(problems);
    }
    let get = |row: &[String], c: Column| -> Option<(String, usize)> {
        let i = *at.get(&c)?;
        let v = row.get(i)?.trim();
        (!v.is_empty()).then(|| (v.to_string(), i))
    };
    let mut chars: Vec<Gathered> = Vec::new();
    let mut current: Option<usize> = None;
    for (row, cells) in &table.rows[h + 1..] {
        let row = *row;
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let ci = match get(cells, Column::Characteristic) {
            Some((name, col)) => {
                let key = name.split_whitespace().collect::<Vec<_>>().join(" ");
                match chars.iter().position(|g| g.name.0 == key) {
                    Some(i) => i,
                    None => {
                        chars.push(Gathered {
                            name: (key, (row, col)),
                            ..Gathered::default()
                        });
                        chars.len() - 1
                    }
                }
            }
            None => match current {
                Some(i) => i,
                None => {
                    problems.push(Problem::error(
                        "the first behaviour has no characteristic",
                        Some((row, at[&Column::Characteristic])),
                        "write the characteristic's name on its first row (rows below without one belong to it)",
                    ));
                    continue;
                }
            },
        };
        current = Some(ci);
        for c in [
            Column::Id,
            Column::Colour,
            Column::Icon,
            Column::IconAlt,
            Column::Intro,
            Column::LeadIn,
            Column::Pillars,
        ] {
            if let Some((v, col)) = get(cells, c) {
                let g = &mut chars[ci];
                match g.fields.get(&c) {
                    Some((old, (orow, _))) if *old != v => problems.push(Problem::error(
                        format!(
                            "characteristic \"{}\" is given two different {}s: row {orow} and this row",
                            g.name.0,
                            c.name()
                        ),
                        Some((row, col)),
                        "give it once, on one of its rows, or the same on each",
                    )),
                    Some(_) => {}
                    None => {
                        g.fields.insert(c, (v, (row, col)));
                    }
                }
            }
        }
        let title = get(cells, Column::Title);
        let text = get(cells, Column::Text);
        match (title, text) {
            (Some((t, tc)), Some((x, xc))) => {
                chars[ci].behaviours.push([(t, (row, tc)), (x, (row, xc))])
            }
            (None, None) => {}
            (Some((t, _)), None) => {
                chars[ci].faulty = true;
                problems.push(Problem::error(
                    format!("the behaviour \"{t}\" has no text"),
                    Some((row, at[&Column::Text])),
                    "write its full text in this cell",
                ))
            }
            (None, Some(_)) => {
                chars[ci].faulty = true;
                problems.push(Problem::error(
                    "this behaviour has a text but no title",
                    Some((row, at[&Column::Title])),
                    "write its short title in this cell",
                ))
            }
        }
    }
    if chars.is_empty() && problems.iter().all(|p| p.severity != Severity::Error) {
        problems.push(Problem::error(
            "the sheet has no behaviours",
            Some((*header_row + 1, usize::MAX)),
            "write one behaviour on each row under the headers",
        ));
    }
    for g in &chars {
        if g.behaviours.is_empty() && !g.faulty {
            problems.push(Problem::error(
                format!("characteristic \"{}\" has no behaviours", g.name.0),
                Some(g.name.1),
                "give each characteristic at least one row with a title and a text",
            ));
        }
        if let Some((icon, cell)) = g.fields.get(&Column::Icon) {
            if let Err((message, help)) = crate::deck::schema::find_file(sheet_dir, Path::new(icon))
            {
                problems.push(Problem::error(message, Some(*cell), &help));
            }
        }
    }
    if problems.iter().any(|p| p.severity == Severity::Error) {
        return Err(problems);
    }
    Ok(write_yaml(
        &chars,
        title,
        language,
        sheet_dir,
        deck_dir,
        source,
        &table.sheet,
    ))
}

/// A YAML double-quoted string.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => {}
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A characteristic's id from its name: lower-case letters and digits
/// joined by `-`; `c1`, `c2`... for names in other scripts.
fn slug(name: &str, n: usize, taken: &[String]) -> String {
    let mut s = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.is_empty() && !s.ends_with('-') {
            s.push('-');
        }
        if s.len() >= 24 && s.ends_with('-') {
            break;
        }
    }
    let mut s = s.trim_end_matches('-').to_string();
    if s.is_empty() || !s.starts_with(|c: char| c.is_ascii_lowercase()) {
        s = format!("c{n}");
    }
    let mut out = s.clone();
    let mut k = 2;
    while taken.contains(&out) {
        out = format!("{s}-{k}");
        k += 1;
    }
    out
}

/// The path to write for an icon named in the sheet: relative to the
/// deck's folder when it is inside it, else as found.
fn icon_path(icon: &str, sheet_dir: &Path, deck_dir: &Path) -> String {
    let full: PathBuf = sheet_dir.join(icon);
    let canon = |p: &Path| p.canonicalize().ok();
    if let (Some(f), Some(d)) = (canon(&full), canon(deck_dir)) {
        if let Ok(rel) = f.strip_prefix(&d) {
            return rel.to_string_lossy().replace('\\', "/");
        }
        return f.to_string_lossy().into_owned();
    }
    icon.to_string()
}

fn write_yaml(
    chars: &[Gathered],
    title: &str,
    language: &str,
    sheet_dir: &Path,
    deck_dir: &Path,
    source: &str,
    sheet: &Option<String>,
) -> Imported {
    let mut yaml = String::new();
    let mut cells: Vec<Option<(usize, usize)>> = Vec::new();
    let mut line = |text: String, cell: Option<(usize, usize)>, yaml: &mut String| {
        yaml.push_str(&text);
        yaml.push('\n');
        cells.push(cell);
    };
    let from = match sheet {
        Some(s) => format!("{source}, sheet {s}"),
        None => source.to_string(),
    };
    line(
        format!("# Imported from {from} by deckpress import: one characteristic"),
        None,
        &mut yaml,
    );
    line(
        "# per name, one behaviour per row. Every key: docs/deck-yaml.md.".into(),
        None,
        &mut yaml,
    );
    line(format!("title: {}", quoted(title)), None, &mut yaml);
    line(format!("language: {}", quoted(language)), None, &mut yaml);
    line("characteristics:".into(), None, &mut yaml);
    let mut taken: Vec<String> = Vec::new();
    let mut behaviours = 0;
    for (i, g) in chars.iter().enumerate() {
        let field = |c: Column| g.fields.get(&c);
        let id = match field(Column::Id) {
            Some((id, cell)) => {
                line(format!("  - id: {}", quoted(id)), Some(*cell), &mut yaml);
                id.clone()
            }
            None => {
                let id = slug(&g.name.0, i + 1, &taken);
                line(
                    format!("  - id: {}", quoted(&id)),
                    Some(g.name.1),
                    &mut yaml,
                );
                id
            }
        };
        taken.push(id);
        line(
            format!("    name: {}", quoted(&g.name.0)),
            Some(g.name.1),
            &mut yaml,
        );
        match field(Column::Colour) {
            Some((c, cell)) => line(format!("    colour: {}", quoted(c)), Some(*cell), &mut yaml),
            None => line(
                format!("    colour: {}", quoted(PALETTE[i % PALETTE.len()])),
                Some(g.name.1),
                &mut yaml,
            ),
        }
        if let Some((icon, cell)) = field(Column::Icon) {
            line(
                format!(
                    "    icon: {}",
                    quoted(&icon_path(icon, sheet_dir, deck_dir))
                ),
                Some(*cell),
                &mut yaml,
            );
        }
        for (c, key) in [
            (Column::IconAlt, "icon_alt"),
            (Column::Intro, "intro"),
            (Column::LeadIn, "lead_in"),
        ] {
            if let Some((v, cell)) = field(c) {
                line(format!("    {key}: {}", quoted(v)), Some(*cell), &mut yaml);
            }
        }
        if let Some((v, cell)) = field(Column::Pillars) {
            let sep: &[char] = if v.contains([';', '|', '\n']) {
                &[';', '|', '\n']
            } else {
                &[',']
            };
            let items: Vec<String> = v
                .split(sep)
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(quoted)
                .collect();
            line(
                format!("    pillars: [{}]", items.join(", ")),
                Some(*cell),
                &mut yaml,
            );
        }
        line("    behaviours:".into(), Some(g.name.1), &mut yaml);
        for [(t, tc), (x, xc)] in &g.behaviours {
            line(
                format!("      - title: {}", quoted(t)),
                Some(*tc),
                &mut yaml,
            );
            line(format!("        text: {}", quoted(x)), Some(*xc), &mut yaml);
            behaviours += 1;
        }
    }
    Imported {
        yaml,
        cells,
        characteristics: chars.len(),
        behaviours,
    }
}

/// The deck's own problems (from loading and checking the YAML import
/// wrote), told by the cell each came from.
pub fn located(diags: &Diagnostics, imported: &Imported) -> Vec<Problem> {
    diags
        .items
        .iter()
        .map(|d: &Diagnostic| {
            let cell = d.at.and_then(|Loc { line, .. }| {
                imported.cells.get(line.checked_sub(1)?).copied().flatten()
            });
            let message = match &d.subject {
                Some(s) => format!("{s}: {}", d.message),
                None => d.message.clone(),
            };
            Problem {
                severity: d.severity,
                message,
                at: cell,
                help: d.help.clone(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(csv: &str) -> Table {
        read_csv(csv.as_bytes()).unwrap()
    }

    fn deck(csv: &str) -> Result<Imported, Vec<Problem>> {
        to_deck(
            &table(csv),
            "A deck",
            "en",
            Path::new("."),
            Path::new("."),
            "t.csv",
        )
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn headers_are_found_whatever_their_spelling() {
        assert_eq!(Column::of_header(" Lead-in "), Some(Column::LeadIn));
        assert_eq!(
            Column::of_header("\u{feff}Characteristic"),
            Some(Column::Characteristic)
        );
        assert_eq!(Column::of_header("Behavior title"), Some(Column::Title));
        assert_eq!(Column::of_header("Color"), Some(Column::Colour));
        assert_eq!(Column::of_header("notes"), None);
    }

    #[test]
    fn rows_group_into_characteristics_in_order() {
        let d = deck(
            "characteristic,title,text,pillars\nTrust,Boundaries,Set **clear** boundaries,A; B\n,Integrity,Act with integrity,\nCare,Listening,\"Listen, \"\"really\"\"\",\n",
        )
        .unwrap();
        assert_eq!((d.characteristics, d.behaviours), (2, 3));
        assert!(
            d.yaml.contains("  - id: \"trust\"\n    name: \"Trust\""),
            "{}",
            d.yaml
        );
        assert!(d.yaml.contains("pillars: [\"A\", \"B\"]"), "{}", d.yaml);
        assert!(
            d.yaml.contains("text: \"Listen, \\\"really\\\"\""),
            "{}",
            d.yaml
        );
        // Each behaviour line knows its cell.
        let l = d
            .yaml
            .lines()
            .position(|l| l.contains("Integrity"))
            .unwrap();
        assert_eq!(d.cells[l], Some((3, 1)));
        let loaded = crate::deck::load_str(&d.yaml, Path::new("deck.yaml"), Path::new("."));
        assert!(!loaded.diagnostics.has_errors(), "{:?}", loaded.diagnostics);
    }

    #[test]
    fn bad_rows_are_located() {
        let p = deck("characteristic,title,text\n,Orphan,No characteristic\nTrust,Boundaries,\n")
            .unwrap_err();
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(p[0].at, Some((2, 0)));
        assert_eq!(p[1].at, Some((3, 2)));
        let p = deck("name,text\nTrust,x\n").unwrap_err();
        assert!(p[0].message.contains("no column headed title"), "{p:?}");
        let p =
            deck("characteristic,title,text,colour\nA,t,x,#111111\nA,u,y,#222222\n").unwrap_err();
        assert_eq!(p[0].at, Some((3, 3)), "{p:?}");
    }

    #[test]
    fn ids_are_made_unique_and_from_any_script() {
        let mut taken = vec!["trust".to_string()];
        assert_eq!(slug("Trust!", 2, &taken), "trust-2");
        taken.push("trust-2".into());
        assert_eq!(slug("بناء الثقة", 3, &taken), "c3");
        assert_eq!(slug("1 Trust", 4, &taken), "c4");
    }

    #[test]
    fn a_file_not_in_utf8_is_found_by_its_row() {
        let p = read_csv(b"characteristic,title,text\nCaf\xe9,t,x\n").unwrap_err();
        assert_eq!(p.at, Some((2, usize::MAX)));
        assert!(p.message.contains("UTF-8"));
    }
}
