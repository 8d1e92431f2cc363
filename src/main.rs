//! The `deckpress` command: flags to options, the library to do the work, a
//! short report, and exit codes (0 success, 1 invalid deck or layout, 2
//! usage or I/O error).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use deckpress::build::{self, Overrides};
use deckpress::deck::{self, Deck, Output};
use deckpress::diag::{Diagnostics, Source};
use deckpress::geom::{
    parse_offset, parse_size, parse_tile_paper, Cut, Duplex, Mm, NamedSize, Orientation, Point,
    MAX_MARGIN, PAPER_PRESETS, POSTER_PRESETS,
};
use deckpress::output;
use deckpress::shop::Shop;

/// Turns one deck.yaml into print-ready PDFs for workshops: a card deck for
/// a print shop (one card face per page, with bleed and trim marks in the
/// file's page boxes), the same cards imposed on office paper with crop
/// marks, backs that line up and a printed guide, a poster of the
/// framework (A3 by default, up to A0), and a handout and a reflection
/// worksheet for participants.
#[derive(Parser)]
#[command(name = "deckpress", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print only errors: no report, no warnings.
    #[arg(short, long, global = true)]
    quiet: bool,
    /// How to print the report and problems: human (the default) or json
    /// (one JSON object per line on standard output, for editors and CI:
    /// each problem with its file, line and column, each file written,
    /// and the exit code).
    #[arg(long, global = true, value_name = "FORMAT", value_parser = ["human", "json"])]
    message_format: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Build the PDFs into the output folder: cards.pdf for a print shop,
    /// sheets.pdf to print at home or in the office, poster.pdf.
    Build {
        #[command(flatten)]
        deck: DeckArgs,
        #[command(flatten)]
        only: OnlyArgs,
        #[command(flatten)]
        sheets: SheetArgs,
        #[command(flatten)]
        poster: PosterArgs,
        /// The folder to write into (default: out/ beside the deck file);
        /// created if missing. Existing files of the same name are replaced
        /// only when the whole build succeeds.
        #[arg(short = 'o', long = "out", value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Build the poster only (out/poster.pdf, and out/poster-tiles.pdf
    /// with --tile); the same as build --only poster.
    Poster {
        /// The deck file.
        #[arg(value_name = "DECK", default_value = "deck.yaml")]
        file: PathBuf,
        /// The folder to write into (default: out/ beside the deck file);
        /// created if missing.
        #[arg(short = 'o', long = "out", value_name = "DIR")]
        out: Option<PathBuf>,
        #[command(flatten)]
        poster: PosterArgs,
        /// The poster's bleed in mm, for a print shop: the page grows by it
        /// on every side and the background runs into it (0 to 10; 0, the
        /// default, for an office printer). Overrides the deck's `poster:
        /// bleed:`.
        #[arg(long, value_name = "MM", value_parser = bleed)]
        bleed: Option<Mm>,
        /// Make the poster for a print shop that takes PDF/X-4 (pdfx4):
        /// CMYK for FOGRA39 with 3 mm bleed (or --bleed), into
        /// out/shop-pdfx4/poster.pdf.
        #[arg(long, value_name = "NAME", value_parser = poster_shop, conflicts_with = "tile")]
        shop: Option<Shop>,
        /// Print how long reading the deck took, and designing, imposing
        /// and rendering the poster, and writing the files (on standard
        /// error).
        #[arg(long)]
        timings: bool,
    },
    /// Build the handout only (out/handout.pdf: the whole framework on A4,
    /// or Letter when the deck's sheets are Letter); the same as build
    /// --only handout.
    Handout {
        /// The deck file.
        #[arg(value_name = "DECK", default_value = "deck.yaml")]
        file: PathBuf,
        /// The folder to write into (default: out/ beside the deck file);
        /// created if missing.
        #[arg(short = 'o', long = "out", value_name = "DIR")]
        out: Option<PathBuf>,
        /// Print how long each step took (on standard error).
        #[arg(long)]
        timings: bool,
    },
    /// See the deck before printing: writes DIR/preview/cards.png (every
    /// card, each front beside its back, labelled with its code) and
    /// DIR/preview/poster.png, drawn from the same faces as the PDFs.
    Preview {
        #[command(flatten)]
        deck: DeckArgs,
        /// The folder whose preview/ folder is written (default: out/
        /// beside the deck file); created if missing.
        #[arg(short = 'o', long = "out", value_name = "DIR")]
        out: Option<PathBuf>,
        #[command(flatten)]
        poster: PosterArgs,
    },
    /// Print the shell completions for bash, zsh, fish, powershell or
    /// elvish, e.g. deckpress completions bash > ~/.local/share/bash-completion/completions/deckpress
    Completions {
        #[arg(value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Build, then build again on every save of the deck or of a file it
    /// names (icons, fonts), until Ctrl-C. A save with a mistake prints
    /// the problems and leaves the last good files in place.
    Watch {
        #[command(flatten)]
        deck: DeckArgs,
        #[command(flatten)]
        only: OnlyArgs,
        #[command(flatten)]
        sheets: SheetArgs,
        #[command(flatten)]
        poster: PosterArgs,
        /// The folder to write into (default: out/ beside the deck file);
        /// created if missing.
        #[arg(short = 'o', long = "out", value_name = "DIR")]
        out: Option<PathBuf>,
        /// Also write the preview pictures (DIR/preview/) after each build.
        #[arg(long)]
        preview: bool,
    },
    /// Make a deck from a spreadsheet: FILE.csv, .xlsx or .ods, one row per
    /// behaviour, with columns headed characteristic, title and text (and
    /// optionally id, colour, icon, icon alt, intro, lead in, pillars). A
    /// characteristic's name on its first row is enough: rows below without
    /// one belong to it. Writes deck.yaml beside the spreadsheet (or -o),
    /// checked to build; a problem is reported by its sheet, row and column.
    Import {
        /// The spreadsheet.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The deck file to write (default: deck.yaml beside the
        /// spreadsheet). An existing file is replaced only with --force.
        #[arg(short = 'o', long = "out", value_name = "DECK")]
        out: Option<PathBuf>,
        /// The workbook's sheet to read (default: the first).
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// The deck's title (default: the spreadsheet's name).
        #[arg(long, value_name = "TEXT")]
        title: Option<String>,
        /// The deck's language, as a BCP 47 tag (en-GB, fr, cy...).
        #[arg(long, value_name = "LANG", default_value = "en-GB")]
        language: String,
        /// Replace the deck file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Print the manual page (roff), e.g. deckpress man > deckpress.1
    Man,
    /// Print every word deckpress prints itself (the guide, the sheets'
    /// and tiles' labels, the calibration sheet, the worksheet) in a
    /// language, as a labels: section to paste into deck.yaml and change,
    /// e.g. deckpress labels --language fr
    Labels {
        /// The language (en, fr, de, es, cy; others print English).
        #[arg(long, value_name = "LANG", default_value = "en")]
        language: String,
    },
    /// Start a new deck: DIR/deck.yaml from a template, every key
    /// explained in comments, with two example characteristics and the
    /// icons they use; it builds at once. Nothing is overwritten.
    Init {
        /// The folder for the new deck; created if missing.
        #[arg(value_name = "DIR", default_value = "my-deck")]
        dir: PathBuf,
    },
    /// Check the deck without writing anything: reads it, lays out every
    /// card, sheet and poster and reports every problem found. Exit code 1
    /// if there is any.
    Check {
        #[command(flatten)]
        deck: DeckArgs,
        #[command(flatten)]
        only: OnlyArgs,
        #[command(flatten)]
        sheets: SheetArgs,
        #[command(flatten)]
        poster: PosterArgs,
    },
    /// Write out/calibration.pdf: one sheet to print two-sided on your
    /// printer, from which you read how far off it prints the backs (the
    /// back offset). It is laid out like the deck's sheets (same paper,
    /// orientation and duplex), so print it with the same settings and
    /// card; then put the two numbers it shows in deck.yaml
    /// (sheets: back_offset: [X, Y]) or pass --back-offset X,Y.
    Calibrate {
        #[command(flatten)]
        deck: DeckArgs,
        #[command(flatten)]
        paper: PaperArgs,
        /// The folder to write into (default: out/ beside the deck file);
        /// created if missing.
        #[arg(short = 'o', long = "out", value_name = "DIR")]
        out: Option<PathBuf>,
    },
}
/// Which outputs to make.
#[derive(Args)]
struct OnlyArgs {
    /// Make only these outputs, separated by commas: cards, sheets,
    /// poster, handout (e.g. --only cards,sheets). Overrides the deck's `outputs:`;
    /// without either, all are made.
    #[arg(long, value_name = "LIST", value_parser = outputs, value_delimiter = ',')]
    only: Option<Vec<Output>>,
    /// Make the cards the way a print shop takes them, into a folder of
    /// their own (out/shop-NAME/): pdfx4 (PDF/X-4, CMYK for FOGRA39, 3 mm
    /// bleed: European printers), drivethrucards (PDF/X-1a, CMYK for
    /// SWOP, 240 % ink, poker 2.5 x 3.5 in), makeplayingcards (one PNG per
    /// face, 822x1122 px at 300 dpi) or thegamecrafter (825x1125 px).
    /// Only the cards are made.
    #[arg(long, value_name = "NAME", value_parser = shop, conflicts_with = "only")]
    shop: Option<Shop>,
    /// Also write the cards' fronts and backs as two files of their own,
    /// cards-fronts.pdf and cards-backs.pdf, one page per card in the same
    /// order, for shops that take them apart.
    #[arg(long)]
    separate_backs: bool,
    /// Print how long reading the deck took, and designing, imposing and
    /// rendering each output, and writing the files (on standard error).
    #[arg(long)]
    timings: bool,
}

/// The poster's paper.
#[derive(Args)]
struct PosterArgs {
    /// The poster's paper, overriding the deck's `poster: size:`: a3 (the
    /// default), a2, a1, a0, a4, tabloid, or WIDTHxHEIGHT in mm. Type grows
    /// with the paper, for reading from further away.
    #[arg(long, value_name = "SIZE", value_parser = poster_size)]
    poster_size: Option<NamedSize>,
    /// portrait (the default) or landscape, overriding `poster:
    /// orientation:`.
    #[arg(long, value_name = "WAY", value_parser = orientation)]
    orientation: Option<Orientation>,
    /// Also print the poster on sheets of this paper, to assemble on a
    /// wall (out/poster-tiles.pdf): a4 or letter. Overrides the deck's
    /// `poster: tile:`.
    #[arg(long, value_name = "PAPER", value_parser = parse_tile_paper)]
    tile: Option<NamedSize>,
}

impl PosterArgs {
    fn apply(&self, o: &mut Overrides) {
        o.poster_size = self.poster_size.clone();
        o.poster_orientation = self.orientation;
        o.tile = self.tile.clone();
    }
}

fn outputs(s: &str) -> Result<Output, String> {
    Output::parse(s)
}

fn poster_size(s: &str) -> Result<NamedSize, String> {
    parse_size(s, POSTER_PRESETS)
}

fn orientation(s: &str) -> Result<Orientation, String> {
    Orientation::parse(s)
}

/// The paper the sheets are printed on, and how.
#[derive(Args)]
struct PaperArgs {
    /// Paper for sheets.pdf, overriding the deck's `sheets: paper:`: a4
    /// (the default), letter, a3, a5, legal, tabloid, or WIDTHxHEIGHT in mm. Sheets are turned
    /// whichever way fits more cards.
    #[arg(long, value_name = "PAPER", value_parser = paper)]
    paper: Option<NamedSize>,
    /// How the cards are cut apart, overriding `sheets: cut:`. gutter (the
    /// default): each card keeps its bleed, with a gap between cards, so
    /// colour runs to every edge; two cuts between neighbours. butted:
    /// cards touch and share their cuts, for more cards per sheet and
    /// fewer cuts; colour is then kept 2 mm off the edges.
    #[arg(long, value_name = "MODE", value_parser = cut)]
    cut: Option<Cut>,
    /// How the backs are printed, overriding `sheets: duplex:`. long (the
    /// default): two-sided, the printer turning the sheet over on its long
    /// edge. short: two-sided, on its short edge. none: one-sided, all
    /// fronts then all backs, to feed the sheets through a second time.
    /// fold: one-sided, each card's front and back side by side, to fold
    /// and glue.
    #[arg(long, value_name = "HOW", value_parser = duplex)]
    duplex: Option<Duplex>,
    /// The margin your printer cannot print in, in mm (default 5),
    /// overriding `sheets: margin:`. Cards and crop marks stay inside it.
    #[arg(long, value_name = "MM", value_parser = margin)]
    margin: Option<Mm>,
}

/// Settings for sheets.pdf.
#[derive(Args)]
struct SheetArgs {
    #[command(flatten)]
    paper: PaperArgs,
    /// Cancels your printer's misregistration: where it puts the backs
    /// relative to their fronts, in mm, as read on the calibration sheet
    /// (deckpress calibrate): X to the right, Y down, seen from the
    /// front. deckpress moves the backs the other way. Overrides
    /// `sheets: back_offset:`. Example: --back-offset 1.5,-0.5
    #[arg(long, value_name = "X,Y", value_parser = back_offset, allow_hyphen_values = true)]
    back_offset: Option<Point>,
    /// Leave out the printed guide, the first page of sheets.pdf (how to
    /// print, check and cut).
    #[arg(long)]
    no_guide: bool,
    /// Print crop marks on the back sheets too. Off by default: backs
    /// never line up perfectly, and their marks would show beside the
    /// fronts'.
    #[arg(long)]
    back_marks: bool,
    /// Put N complete decks in sheets.pdf, one after another, each on
    /// sheets of its own (1 to 50), e.g. one per table. Overrides
    /// `sheets: copies:`.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=50))]
    copies: Option<u16>,
}

#[derive(Args)]
struct DeckArgs {
    /// The deck file.
    #[arg(value_name = "DECK", default_value = "deck.yaml")]
    file: PathBuf,
    /// Card size, overriding the deck's `cards: size:`. A preset — poker
    /// (63x88, the default), poker-us (63.5x88.9), bridge (57x89), tarot
    /// (70x120), mini (44x68), a7 (74x105), a6 (105x148), square (70x70) —
    /// or WIDTHxHEIGHT in mm, e.g. 60x90.
    #[arg(long, value_name = "SIZE", value_parser = card_size)]
    card_size: Option<NamedSize>,
    /// The cards' bleed in mm, overriding the deck's `cards: bleed:`: how
    /// far colour runs past the cut on every side (print shops ask for 3; 0
    /// to 10). The poster's bleed is `deckpress poster --bleed`.
    #[arg(long, value_name = "MM", value_parser = bleed)]
    bleed: Option<Mm>,
    /// Which printing this is, e.g. "Cohort 3, spring 2027": printed
    /// small on every back and written into every PDF's title, so that
    /// decks of different cohorts can be told apart. Overrides the deck's
    /// `edition:`.
    #[arg(long, value_name = "TEXT")]
    edition: Option<String>,
}

fn shop(s: &str) -> Result<Shop, String> {
    Shop::parse(s)
}

/// The shops a poster is made for: those that take PDF/X-4.
fn poster_shop(s: &str) -> Result<Shop, String> {
    match Shop::parse(s)? {
        Shop::Pdfx4 => Ok(Shop::Pdfx4),
        other => Err(format!(
            "{} prints cards, not posters: the poster is made for PDF/X-4 print shops (pdfx4)",
            other.title()
        )),
    }
}

impl OnlyArgs {
    fn apply(&self, o: &mut Overrides) {
        o.shop = self.shop;
        o.separate_backs = self.separate_backs;
        o.office = self.only.is_some();
    }
}

fn card_size(s: &str) -> Result<NamedSize, String> {
    deckpress::geom::parse_card_size(s)
}

fn paper(s: &str) -> Result<NamedSize, String> {
    parse_size(s, PAPER_PRESETS)
}

fn cut(s: &str) -> Result<Cut, String> {
    Cut::parse(s)
}

fn duplex(s: &str) -> Result<Duplex, String> {
    Duplex::parse(s)
}

fn back_offset(s: &str) -> Result<Point, String> {
    parse_offset(s)
}

fn margin(s: &str) -> Result<Mm, String> {
    let v: Mm = s
        .trim()
        .trim_end_matches("mm")
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a length in mm, such as 5"))?;
    if (0.0..=MAX_MARGIN).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{v} mm is out of range: use 0 to {MAX_MARGIN} mm"))
    }
}

fn bleed(s: &str) -> Result<Mm, String> {
    let v: Mm = s
        .trim()
        .trim_end_matches("mm")
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a length in mm, such as 3"))?;
    if (0.0..=10.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{v} mm is out of range: use 0 to 10 mm"))
    }
}

impl DeckArgs {
    fn overrides(&self) -> Overrides {
        Overrides {
            card_size: self.card_size.clone(),
            bleed: self.bleed,
            edition: self.edition.clone(),
            ..Overrides::default()
        }
    }
}

impl PaperArgs {
    fn apply(&self, o: &mut Overrides) {
        o.paper = self.paper.clone();
        o.cut = self.cut;
        o.duplex = self.duplex;
        o.margin = self.margin;
    }
}

impl SheetArgs {
    fn apply(&self, o: &mut Overrides) {
        self.paper.apply(o);
        o.back_offset = self.back_offset;
        o.no_guide = self.no_guide;
        o.back_marks = self.back_marks;
        o.copies = self.copies.map(usize::from);
    }
}

/// Exit codes.
const INVALID: u8 = 1;
const USAGE_OR_IO: u8 = 2;

/// Printing the report and the problems without ever panicking: a closed
/// pipe (`deckpress build | head -c 1`) silences that stream and the work
/// goes on; another failure (a full disk) is remembered, to end with exit
/// code 2 and one line on the other stream.
macro_rules! say_out {
    ($($t:tt)*) => { say::out(&format!($($t)*)) };
}

macro_rules! say_err {
    ($($t:tt)*) => { say::err_line(&format!($($t)*)) };
}

mod say {
    use std::io::Write;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Mutex;

    static OUT_GONE: AtomicBool = AtomicBool::new(false);
    /// `--quiet`: the report and warnings are left out.
    pub static QUIET: AtomicBool = AtomicBool::new(false);
    /// `--message-format json`: everything as JSON lines on standard
    /// output.
    pub static JSON: AtomicBool = AtomicBool::new(false);

    pub fn json() -> bool {
        JSON.load(Ordering::Relaxed)
    }

    pub fn quiet() -> bool {
        QUIET.load(Ordering::Relaxed)
    }

    /// A JSON string literal.
    pub fn json_str(s: &str) -> String {
        let mut out = String::with_capacity(s.len() + 2);
        out.push('"');
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    /// One JSON object, on a line of its own on standard output.
    pub fn event(fields: &[(&str, String)]) {
        let body: Vec<String> = fields
            .iter()
            .map(|(k, v)| format!("{}:{v}", json_str(k)))
            .collect();
        write(false, &format!("{{{}}}\n", body.join(",")));
    }
    static ERR_GONE: AtomicBool = AtomicBool::new(false);
    static FAILED: Mutex<Option<(bool, String)>> = Mutex::new(None);

    fn write(to_err: bool, text: &str) {
        let gone = if to_err { &ERR_GONE } else { &OUT_GONE };
        if gone.load(Ordering::Relaxed) {
            return;
        }
        let result = if to_err {
            let mut e = std::io::stderr().lock();
            e.write_all(text.as_bytes()).and_then(|_| e.flush())
        } else {
            let mut o = std::io::stdout().lock();
            o.write_all(text.as_bytes()).and_then(|_| o.flush())
        };
        if let Err(e) = result {
            gone.store(true, Ordering::Relaxed);
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                let mut failed = FAILED.lock().unwrap_or_else(|p| p.into_inner());
                failed.get_or_insert((to_err, e.to_string()));
            }
        }
    }

    /// What a command prints as its result (completions, a man page,
    /// labels), on standard output whatever the format.
    pub fn data(text: &str) {
        write(false, &format!("{text}\n"));
    }

    /// A line of the report, on standard output (none when quiet; a
    /// message event in JSON).
    pub fn out(text: &str) {
        if json() {
            event(&[("type", json_str("report")), ("text", json_str(text))]);
        } else if !quiet() {
            write(false, &format!("{text}\n"));
        }
    }

    /// Problems, on standard error (as rendered, with their line breaks).
    pub fn err(text: &str) {
        if json() {
            event(&[
                ("type", json_str("message")),
                ("text", json_str(text.trim_end())),
            ]);
        } else {
            write(true, text);
        }
    }

    /// A line on standard error.
    pub fn err_line(text: &str) {
        err(&format!("{text}\n"));
    }

    /// If printing failed for another reason than a closed pipe: says so
    /// on the other stream (if it works) and gives exit code 2.
    pub fn finish(code: u8) -> u8 {
        let failed = FAILED.lock().unwrap_or_else(|p| p.into_inner()).take();
        match failed {
            None => code,
            Some((on_err, why)) => {
                let line = format!(
                    "error: cannot write to {}: {why}\n",
                    if on_err {
                        "standard error"
                    } else {
                        "standard output"
                    }
                );
                let _ = if on_err {
                    std::io::stdout().write_all(line.as_bytes())
                } else {
                    std::io::stderr().write_all(line.as_bytes())
                };
                super::USAGE_OR_IO
            }
        }
    }
}

/// glibc's allocator raises its threshold for returning large blocks to
/// the system as a program frees them, and can then keep hundreds of
/// megabytes it no longer uses (measured: 220 MB resident for a 20 MB
/// build of 300 cards). A fixed threshold keeps memory to what is used.
/// It is above the 372 KB each compressed PDF stream's state takes, and
/// the heap keeps up to 16 MB of freed memory at its top instead of
/// handing it back at once: otherwise every page's stream takes fresh
/// pages from the system (measured: four times the page faults).
fn steady_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets allocator parameters, called once at
    // start, before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 512 * 1024);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 16 * 1024 * 1024);
    }
}

fn main() -> ExitCode {
    steady_allocator();
    output::remove_temporaries_on_signals();
    let code = match Cli::try_parse() {
        Ok(cli) => {
            use std::sync::atomic::Ordering;
            say::QUIET.store(cli.quiet, Ordering::Relaxed);
            let json = cli.message_format.as_deref() == Some("json");
            say::JSON.store(json, Ordering::Relaxed);
            let code = run_command(cli);
            if json {
                say::event(&[
                    ("type", say::json_str("result")),
                    ("success", (code == 0).to_string()),
                    ("exit_code", code.to_string()),
                ]);
            }
            code
        }
        Err(e) => {
            // Help and version go to standard output, mistakes to standard
            // error, through the same careful printing as the rest.
            let text = e.render().to_string();
            if e.use_stderr() {
                say::err(&text);
                USAGE_OR_IO
            } else {
                say::out(text.trim_end());
                0
            }
        }
    };
    ExitCode::from(say::finish(code))
}

fn run_command(cli: Cli) -> u8 {
    match cli.command {
        Command::Build {
            deck,
            only,
            sheets,
            poster,
            out,
        } => {
            let mut overrides = deck.overrides();
            sheets.apply(&mut overrides);
            poster.apply(&mut overrides);
            only.apply(&mut overrides);
            {
                let file = deck_file(&deck.file);
                run(&file, &overrides, &only, Some(&out_dir(&out, &file)))
            }
        }
        Command::Check {
            deck,
            only,
            sheets,
            poster,
        } => {
            let mut overrides = deck.overrides();
            sheets.apply(&mut overrides);
            poster.apply(&mut overrides);
            only.apply(&mut overrides);
            run(&deck_file(&deck.file), &overrides, &only, None)
        }
        Command::Init { dir } => init(&dir),
        Command::Import {
            file,
            out,
            sheet,
            title,
            language,
            force,
        } => import(&file, out, sheet.as_deref(), title, &language, force),
        Command::Watch {
            deck,
            only,
            sheets,
            poster,
            out,
            preview,
        } => {
            let mut overrides = deck.overrides();
            sheets.apply(&mut overrides);
            poster.apply(&mut overrides);
            only.apply(&mut overrides);
            let file = deck_file(&deck.file);
            let out = out_dir(&out, &file);
            watch(&file, &overrides, &only, &out, preview)
        }
        Command::Preview { deck, out, poster } => {
            let mut overrides = deck.overrides();
            poster.apply(&mut overrides);
            overrides.office = true;
            {
                let file = deck_file(&deck.file);
                preview(&file, &overrides, &out_dir(&out, &file))
            }
        }
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut cmd, "deckpress", &mut out);
            say::data(String::from_utf8_lossy(&out).trim_end());
            0
        }
        Command::Labels { language } => {
            let (full, partial) = deckpress::deck::Labels::languages();
            let primary = language.split(['-', '_']).next().unwrap_or("");
            let note = if full.contains(&primary) {
                String::new()
            } else if partial.contains(&primary) {
                format!("# deckpress has only the worksheet's words in {language}: the others are in English\n")
            } else {
                format!(
                    "# deckpress has no words in {language}: these are English (it has {})\n",
                    full.join(", ")
                )
            };
            say::data(&format!(
                "# The words deckpress prints itself, in {language}. Paste into deck.yaml and\n# change any; a {{name}} is filled in by deckpress (keep it, or leave it out).\n{note}{}",
                deckpress::deck::Labels::for_language(&language).to_yaml().trim_end()
            ));
            0
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            match clap_mangen::Man::new(cmd).render(&mut out) {
                Ok(()) => {
                    say::data(String::from_utf8_lossy(&out).trim_end());
                    0
                }
                Err(e) => {
                    say_err!("error: the manual page could not be made: {e}");
                    USAGE_OR_IO
                }
            }
        }
        Command::Calibrate { deck, paper, out } => {
            let mut overrides = deck.overrides();
            paper.apply(&mut overrides);
            overrides.office = true;
            {
                let file = deck_file(&deck.file);
                calibrate(&file, &overrides, &out_dir(&out, &file))
            }
        }
        Command::Handout { file, out, timings } => {
            let only = OnlyArgs {
                only: Some(vec![Output::Handout]),
                timings,
                shop: None,
                separate_backs: false,
            };
            {
                let file = deck_file(&file);
                run(
                    &file,
                    &Overrides {
                        office: true,
                        ..Overrides::default()
                    },
                    &only,
                    Some(&out_dir(&out, &file)),
                )
            }
        }
        Command::Poster {
            file,
            out,
            poster,
            bleed,
            shop,
            timings,
        } => {
            let mut overrides = Overrides {
                poster_bleed: bleed,
                office: shop.is_none(),
                shop,
                ..Overrides::default()
            };
            poster.apply(&mut overrides);
            let only = OnlyArgs {
                only: Some(vec![Output::Poster]),
                timings,
                shop,
                separate_backs: false,
            };
            {
                let file = deck_file(&file);
                run(&file, &overrides, &only, Some(&out_dir(&out, &file)))
            }
        }
    }
}

fn print_diagnostics(diags: &Diagnostics, source: &Source) {
    use deckpress::diag::Severity;
    for d in diags.sorted() {
        let warning = d.severity == Severity::Warning;
        if say::json() {
            let s = say::json_str;
            let opt = |v: &Option<String>| v.as_deref().map_or("null".to_string(), s);
            let num = |v: Option<usize>| v.map_or("null".to_string(), |n| n.to_string());
            let notes: Vec<String> = d.notes.iter().map(|n| s(n)).collect();
            say::event(&[
                ("type", s("diagnostic")),
                ("severity", s(if warning { "warning" } else { "error" })),
                ("file", s(&source.path.display().to_string())),
                ("line", num(d.at.map(|a| a.line))),
                ("column", num(d.at.map(|a| a.col))),
                ("subject", opt(&d.subject)),
                ("message", s(&d.message)),
                ("help", opt(&d.help)),
                ("notes", format!("[{}]", notes.join(","))),
                ("rendered", s(d.render(source).trim_end())),
            ]);
        } else if !(warning && say::quiet()) {
            say::err(&d.render(source));
        }
    }
}

/// Loads the deck; `None` (with the problems printed) if it cannot be used.
fn load(file: &Path, overrides: &Overrides) -> Result<(Deck, Diagnostics), u8> {
    let loaded = match deck::load(file) {
        Ok(l) => l,
        Err(e) => {
            say_err!("error: {e}");
            if file.is_dir() {
                say_err!(
                    "  = help: the folder holds no deck.yaml; name the deck file in it: deckpress build {}",
                    file.join("your-deck.yaml").display()
                );
            }
            if e.kind() == std::io::ErrorKind::NotFound {
                say_err!(
                    "  = help: run deckpress in the folder that holds deck.yaml, or name the deck file: deckpress build path/to/deck.yaml"
                );
            }
            return Err(USAGE_OR_IO);
        }
    };
    match loaded.deck {
        Some(mut deck) => {
            overrides.apply(&mut deck);
            Ok((deck, loaded.diagnostics))
        }
        None => {
            print_diagnostics(&loaded.diagnostics, &loaded.source);
            report_counts(&loaded.diagnostics, file);
            Err(INVALID)
        }
    }
}

fn report_counts(diags: &Diagnostics, file: &Path) {
    let (e, w) = (diags.errors(), diags.warnings());
    let plural = |n: usize, s: &str| format!("{n} {s}{}", if n == 1 { "" } else { "s" });
    if e > 0 {
        say_err!(
            "{}: {}, {}; nothing was written",
            file.display(),
            plural(e, "error"),
            plural(w, "warning")
        );
    }
}

fn run(file: &Path, overrides: &Overrides, args: &OnlyArgs, out: Option<&Path>) -> u8 {
    let started = std::time::Instant::now();
    let (deck, mut diags) = match load(file, overrides) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let loaded = started.elapsed();
    // A shop's build makes its files of the cards, in a folder of their own.
    // (`deckpress poster --shop` asks for the poster.)
    let wanted = match (deck.shop, args.only.as_deref()) {
        (Some(_), Some([Output::Poster])) => vec![Output::Poster],
        (Some(_), _) => vec![Output::Cards],
        (None, only) => build::wanted(&deck, only),
    };
    let shop_dir = out.zip(deck.shop).map(|(d, s)| d.join(s.folder()));
    let out = shop_dir.as_deref().or(out);
    // `check` designs and checks everything but writes no PDF.
    let result = with_progress(|| {
        if out.is_some() {
            build::build(&deck, &wanted, &mut diags)
        } else {
            build::check(&deck, &wanted, &mut diags)
        }
    });
    print_diagnostics(&diags, &deck.source);
    let built = match result {
        Ok(b) => b,
        Err(e) => {
            say_err!("error: {e}");
            return USAGE_OR_IO;
        }
    };
    let timings = |written: Option<std::time::Duration>| {
        if args.timings {
            let ms = |d: std::time::Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
            say_err!("timings: read the deck {}", ms(loaded));
            for (phase, d) in &built.timings {
                say_err!("timings: {phase} {}", ms(*d));
            }
            if let Some(w) = written {
                say_err!("timings: write {}", ms(w));
            }
            say_err!("timings: in all {}", ms(started.elapsed()));
        }
    };
    if diags.has_errors() {
        if !built.made.is_empty() && !built.failed.is_empty() {
            let failed: Vec<&str> = built.failed.iter().map(|o| o.name()).collect();
            say_err!(
                "  = note: only {} cannot be made; to build the others without {}: deckpress build {} --only {}",
                failed.join(" and "),
                if failed.len() == 1 { "it" } else { "them" },
                file.display(),
                Output::list(&built.made)
            );
        }
        report_counts(&diags, file);
        return INVALID;
    }
    let names: Vec<&str> = wanted.iter().map(|o| o.name()).collect();
    let what = format!(
        "{}: {} ({})",
        file.display(),
        deck.summary(),
        names.join(", ")
    );
    let Some(dir) = out else {
        say_out!("{what}: no problems found{}", warnings_note(&diags));
        timings(None);
        return 0;
    };
    say_out!("{what}{}", warnings_note(&diags));
    let t = std::time::Instant::now();
    let code = write(dir, &built.files);
    if code == 0 && deck.shop.is_some() {
        remove_stale_faces(dir, &built.files);
    }
    timings(Some(t.elapsed()));
    code
}

/// Removes the faces an earlier shop build left in `dir` that this one did
/// not write (a deck with fewer cards), and says which.
fn remove_stale_faces(dir: &Path, files: &[output::OutputFile]) {
    for (path, removed) in output::remove_others(dir, files, deckpress::shop::is_face_name) {
        match removed {
            Ok(()) => say_out!(
                "  removed {}: an earlier build's face, not in this deck",
                path.display()
            ),
            Err(e) => say_err!(
                "warning: {} is an earlier build's face and could not be removed: {e}",
                path.display()
            ),
        }
    }
}

/// Runs `work`, showing a progress bar on standard error when it is a
/// terminal and the work takes more than a second (or
/// `DECKPRESS_PROGRESS_AFTER_MS`): the step under way, and how many cards
/// are designed. Never with `--quiet` or `--message-format json`.
fn with_progress<T>(work: impl FnOnce() -> T) -> T {
    use std::io::IsTerminal;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::{Duration, Instant};
    if say::quiet() || say::json() || !std::io::stderr().is_terminal() {
        return work();
    }
    let after = std::env::var("DECKPRESS_PROGRESS_AFTER_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000u64);
    let done = std::sync::Arc::new(AtomicBool::new(false));
    let watching = done.clone();
    let bar = std::thread::spawn(move || {
        use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
        let start = Instant::now();
        while start.elapsed() < Duration::from_millis(after) {
            if watching.load(Ordering::Relaxed) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        let counted = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        let spinner = ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
        let mut was_counted = None;
        while !watching.load(Ordering::Relaxed) {
            let (step, n, total) = deckpress::progress::now();
            let is_counted = total > 0;
            if was_counted != Some(is_counted) {
                bar.set_style(if is_counted {
                    counted.clone()
                } else {
                    spinner.clone()
                });
                was_counted = Some(is_counted);
            }
            if is_counted {
                bar.set_length(total as u64);
                bar.set_position(n.min(total) as u64);
            }
            bar.set_message(step);
            bar.tick();
            std::thread::sleep(Duration::from_millis(50));
        }
        bar.finish_and_clear();
    });
    let out = work();
    done.store(true, Ordering::Relaxed);
    let _ = bar.join();
    out
}

/// Writes the files (all or none) and lists them; exit code 2 if they
/// cannot be written.
fn write(dir: &Path, files: &[output::OutputFile]) -> u8 {
    match output::write_all(dir, files) {
        Ok(written) => {
            // Each file says whether it replaced an earlier one.
            for (w, f) in written.iter().zip(files) {
                let verb = if w.replaced { "replaced" } else { "wrote" };
                // A shop's faces are reported once, by the first of them.
                if f.summary.is_empty() && !say::json() {
                    continue;
                }
                if say::json() {
                    say::event(&[
                        ("type", say::json_str("file")),
                        ("path", say::json_str(&w.path.display().to_string())),
                        ("replaced", w.replaced.to_string()),
                        ("summary", say::json_str(&f.summary)),
                    ]);
                } else {
                    say_out!("  {verb} {}: {}", w.path.display(), f.summary);
                }
            }
            0
        }
        Err(e) => {
            say_err!(
                "error: cannot write into {}: {e}; nothing was replaced, the earlier files are as they were",
                dir.display()
            );
            USAGE_OR_IO
        }
    }
}

fn calibrate(file: &Path, overrides: &Overrides, dir: &Path) -> u8 {
    let (deck, mut diags) = match load(file, overrides) {
        Ok(x) => x,
        Err(code) => return code,
    };
    // The deck is checked as `check` checks it: a calibration sheet made
    // from a deck with mistakes would hide them until the real print.
    let wanted = build::wanted(&deck, None);
    if let Err(e) = build::check(&deck, &wanted, &mut diags) {
        say_err!("error: {e}");
        return USAGE_OR_IO;
    }
    if diags.has_errors() {
        print_diagnostics(&diags, &deck.source);
        report_counts(&diags, file);
        return INVALID;
    }
    let result = build::calibration_pdf(&deck, &mut diags);
    let pdf = match made(result, &diags, &deck, file) {
        Ok(f) => f,
        Err(code) => return code,
    };
    let code = write(dir, std::slice::from_ref(&pdf));
    if code == 0 {
        say_out!(
            "Print it two-sided with the settings you use for sheets.pdf, hold it to the light and read X and Y; then set sheets: back_offset: [X, Y] in {}, or build with --back-offset X,Y.",
            file.display()
        );
    }
    code
}

/// What a command made, once its problems are printed: the exit code
/// instead when there were errors or nothing could be rendered.
fn made<T>(
    result: Result<Option<T>, deckpress::render::RenderError>,
    diags: &Diagnostics,
    deck: &Deck,
    file: &Path,
) -> Result<T, u8> {
    print_diagnostics(diags, &deck.source);
    match result {
        Ok(Some(f)) if !diags.has_errors() => Ok(f),
        Ok(_) => {
            report_counts(diags, file);
            Err(INVALID)
        }
        Err(e) => {
            say_err!("error: {e}");
            Err(USAGE_OR_IO)
        }
    }
}

fn preview(file: &Path, overrides: &Overrides, dir: &Path) -> u8 {
    let (deck, mut diags) = match load(file, overrides) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let result = build::preview(&deck, &mut diags);
    let files = match made(result, &diags, &deck, file) {
        Ok(f) => f,
        Err(code) => return code,
    };
    say_out!(
        "{}: a preview of {} cards{}",
        file.display(),
        deck.card_count(),
        warnings_note(&diags)
    );
    write(&dir.join("preview"), &files)
}

/// The deck file a command names: a folder stands for the deck.yaml in
/// it (a folder without one is reported as a folder).
fn deck_file(p: &Path) -> PathBuf {
    let inside = p.join("deck.yaml");
    if p.is_dir() && inside.is_file() {
        inside
    } else {
        p.to_path_buf()
    }
}

/// The folder to write into: as named, or out/ beside the deck file (for
/// a deck.yaml in the current folder, out/).
fn out_dir(out: &Option<PathBuf>, deck: &Path) -> PathBuf {
    out.clone().unwrap_or_else(|| match deck.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.join("out"),
        _ => PathBuf::from("out"),
    })
}

/// `deckpress import`: a spreadsheet to a deck file that builds.
fn import(
    file: &Path,
    out: Option<PathBuf>,
    sheet: Option<&str>,
    title: Option<String>,
    language: &str,
    force: bool,
) -> u8 {
    use deckpress::diag::Severity;
    use deckpress::import;
    let dir = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let out = out.unwrap_or_else(|| dir.join("deck.yaml"));
    let deck_dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let shown = file.display().to_string();
    let table = match import::read(file, sheet) {
        Ok(t) => t,
        Err(p) => {
            report_import(&shown, &None, &[], &[p]);
            return USAGE_OR_IO;
        }
    };
    let headers: Vec<String> = table
        .rows
        .iter()
        .find(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
        .map(|(_, r)| r.clone())
        .unwrap_or_default();
    let title = title.unwrap_or_else(|| {
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().replace(['-', '_'], " "))
            .unwrap_or_else(|| "A deck".into());
        let mut c = stem.trim().chars();
        match c.next() {
            Some(f) => f.to_uppercase().chain(c).collect(),
            None => "A deck".into(),
        }
    });
    let source_name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| shown.clone());
    let imported = match import::to_deck(&table, &title, language, &dir, &deck_dir, &source_name) {
        Ok(i) => i,
        Err(problems) => {
            report_import(&shown, &table.sheet, &headers, &problems);
            return INVALID;
        }
    };
    // The deck's own checks, and whether its cards can be made, told by
    // cell.
    let loaded = deck::load_str(&imported.yaml, &out, &deck_dir);
    let mut diags = loaded.diagnostics;
    if let Some(deck) = &loaded.deck {
        if !diags.has_errors() {
            let _ = build::check(deck, &[Output::Cards], &mut diags);
        }
    }
    let problems = import::located(&diags, &imported);
    let errors = problems.iter().any(|p| p.severity == Severity::Error);
    report_import(&shown, &table.sheet, &headers, &problems);
    if errors || loaded.deck.is_none() {
        say_err!("{shown}: nothing was written");
        return INVALID;
    }
    if out.exists() && !force {
        say_err!(
            "error: {} already exists; deckpress import does not replace it\n  = help: name another file with -o, or add --force to replace it",
            out.display()
        );
        return USAGE_OR_IO;
    }
    let tmp = deck_dir.join(format!(
        ".{}.{}.tmp",
        out.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        std::process::id()
    ));
    let written = std::fs::write(&tmp, &imported.yaml).and_then(|()| std::fs::rename(&tmp, &out));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        say_err!("error: cannot write {}: {e}", out.display());
        return USAGE_OR_IO;
    }
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    say_out!(
        "wrote {}: {} and {} from {}{}\n  build it with: deckpress build {}",
        out.display(),
        plural(
            imported.characteristics,
            "characteristic",
            "characteristics"
        ),
        plural(imported.behaviours, "behaviour", "behaviours"),
        shown,
        table
            .sheet
            .as_ref()
            .map(|s| format!(" (sheet {s})"))
            .unwrap_or_default(),
        out.display()
    );
    0
}

/// Prints spreadsheet problems, each by its sheet, row and column.
fn report_import(
    file: &str,
    sheet: &Option<String>,
    headers: &[String],
    problems: &[deckpress::import::Problem],
) {
    use deckpress::diag::Severity;
    for p in problems {
        let mut place = file.to_string();
        if let Some(s) = sheet {
            place.push_str(&format!(", sheet {s}"));
        }
        if let Some((row, col)) = p.at {
            place.push_str(&format!(", row {row}"));
            if col != usize::MAX {
                place.push_str(&format!(
                    ", column {}",
                    deckpress::import::column_letter(col)
                ));
                if let Some(h) = headers.get(col).filter(|h| !h.trim().is_empty()) {
                    place.push_str(&format!(" ({})", h.trim()));
                }
            }
        }
        let kind = if p.severity == Severity::Error {
            "error"
        } else {
            "warning"
        };
        say_err!("{kind}: {place}: {}", p.message);
        if let Some(h) = &p.help {
            say_err!("  = help: {h}");
        }
    }
}

/// `deckpress watch`: builds, then waits for a save of the deck or a file
/// it names and builds again, until Ctrl-C.
fn watch(file: &Path, overrides: &Overrides, only: &OnlyArgs, out: &Path, preview_too: bool) -> u8 {
    use notify::{RecursiveMode, Watcher};
    use std::collections::BTreeSet;
    use std::time::Duration;
    // A deck that is not there is a mistake in the command, not a file to
    // wait for: said as build says it, and the end.
    if !file.is_file() {
        return run(file, overrides, only, Some(out));
    }
    output::WATCHING.store(true, std::sync::atomic::Ordering::SeqCst);
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = match notify::recommended_watcher(move |e| {
        let _ = tx.send(e);
    }) {
        Ok(w) => w,
        Err(e) => {
            say_err!("error: cannot watch files for changes: {e}");
            return USAGE_OR_IO;
        }
    };
    // A file as the watcher names it: its folder's real path and its name.
    let real = |p: &Path| -> Option<PathBuf> {
        let dir = match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        Some(dir.canonicalize().ok()?.join(p.file_name()?))
    };
    let mut files: BTreeSet<PathBuf> = BTreeSet::new();
    let mut dirs: BTreeSet<PathBuf> = BTreeSet::new();
    let mut changed: Option<PathBuf> = None;
    loop {
        if let Some(c) = &changed {
            say_out!(
                "\n{} changed: building again",
                c.file_name().unwrap_or_default().to_string_lossy()
            );
        }
        let code = run(file, overrides, only, Some(out));
        if code == 0 && preview_too {
            preview(file, overrides, out);
        }
        // Watch the deck and every file it names (as it reads now; a deck
        // too broken to read keeps the files of the last good one).
        let mut now: BTreeSet<PathBuf> = real(file).into_iter().collect();
        match deck::load(file) {
            Ok(loaded) => match loaded.deck {
                Some(d) => now.extend(d.files.iter().filter_map(|f| real(f))),
                None => now.extend(files.iter().cloned()),
            },
            Err(_) => now.extend(files.iter().cloned()),
        }
        files = now;
        let wanted: BTreeSet<PathBuf> = files
            .iter()
            .filter_map(|f| f.parent().map(Path::to_path_buf))
            .collect();
        for d in dirs.difference(&wanted) {
            let _ = watcher.unwatch(d);
        }
        for d in wanted.difference(&dirs) {
            if let Err(e) = watcher.watch(d, RecursiveMode::NonRecursive) {
                say_err!("warning: cannot watch {}: {e}", d.display());
            }
        }
        dirs = wanted;
        say_out!(
            "watching {} for changes (Ctrl-C to stop)",
            match files.len() {
                0 | 1 => "the deck".to_string(),
                n => format!("the deck and the {} files it names", n - 1),
            }
        );
        // Wait for a change to one of them, then for the saving to settle
        // (editors write a file in several steps).
        changed = None;
        while changed.is_none() {
            match rx.recv() {
                Ok(Ok(event)) => {
                    if matches!(event.kind, notify::EventKind::Access(_)) {
                        continue;
                    }
                    changed = event.paths.iter().find(|p| files.contains(*p)).cloned();
                }
                Ok(Err(e)) => say_err!("warning: watching files: {e}"),
                Err(_) => return USAGE_OR_IO,
            }
        }
        while rx.recv_timeout(Duration::from_millis(200)).is_ok() {}
    }
}

/// The files `deckpress init` writes: the template deck and its icons.
const TEMPLATE: &[(&str, &[u8])] = &[
    ("deck.yaml", include_bytes!("../templates/deck.yaml")),
    (
        "assets/listening.svg",
        include_bytes!("../templates/assets/listening.svg"),
    ),
    (
        "assets/trust.svg",
        include_bytes!("../templates/assets/trust.svg"),
    ),
];

fn init(dir: &Path) -> u8 {
    // Nothing is overwritten: every file is checked before any is written.
    for (name, _) in TEMPLATE {
        let path = dir.join(name);
        if path.exists() || path.is_symlink() {
            say_err!(
                "error: {} already exists; deckpress init writes a new deck and overwrites nothing",
                path.display()
            );
            say_err!("  = help: choose a new folder (deckpress init my-new-deck), or move the old deck away");
            return USAGE_OR_IO;
        }
    }
    let mut written: Vec<PathBuf> = Vec::new();
    for (name, bytes) in TEMPLATE {
        let path = dir.join(name);
        let result = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| {
                std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&path)
                    .and_then(|mut f| std::io::Write::write_all(&mut f, bytes))
            });
        if let Err(e) = result {
            // All or none: what was written is taken back.
            for p in &written {
                let _ = std::fs::remove_file(p);
            }
            say_err!("error: {} could not be written: {e}", path.display());
            return USAGE_OR_IO;
        }
        written.push(path);
    }
    let deck = dir.join("deck.yaml");
    say_out!("wrote a new deck: {}", deck.display());
    for p in &written[1..] {
        say_out!("  and its icon {}", p.display());
    }
    say_out!(
        "Change its words to your framework, then: deckpress build {} (the PDFs go into {})",
        dir.display(),
        dir.join("out").display()
    );
    0
}

fn warnings_note(diags: &Diagnostics) -> String {
    match diags.warnings() {
        0 => String::new(),
        1 => " (1 warning above)".into(),
        n => format!(" ({n} warnings above)"),
    }
}
