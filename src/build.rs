//! The whole journey from a loaded deck to output files, as the CLI runs it:
//! apply the command line's overrides, then walk the table of outputs: each
//! designs its faces, imposes them on pages and renders them. An output
//! that cannot be made does not stop the others from being checked; a
//! build writes all that was asked for or nothing. Nothing is written
//! here; `output` writes.

use std::sync::Arc;

use crate::deck::{Deck, Output};
use crate::design::calibration::{self, CalibrationInfo};
use crate::design::guide::{self, GuideInfo, LabelInfo};
use crate::design::poster::{self as poster_design, legible_from, Content, Poster};
use crate::design::{self, contrast, CardFaces, Edge, BUTTED_INSET};
use crate::diag::{Diagnostic, Diagnostics};
use crate::frame::Frame;
use crate::geom::{fmt_mm, Cut, Duplex, Mm, NamedSize, Orientation, Point, POSTER_PRESETS};
use crate::impose::sheets::{self, Layout, SheetLabels, SheetSpec};
use crate::impose::tiles::{self, TileGrid};
use crate::impose::{self, Page};
use crate::output::OutputFile;
use crate::render::{self, DocInfo};
use crate::text::Typesetter;

/// Settings from the command line that override the deck's.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overrides {
    pub card_size: Option<NamedSize>,
    pub bleed: Option<Mm>,
    /// The poster's size and orientation (`--poster-size`,
    /// `--orientation`).
    pub poster_size: Option<NamedSize>,
    pub poster_orientation: Option<Orientation>,
    /// The poster's bleed (`deckpress poster --bleed`).
    pub poster_bleed: Option<Mm>,
    /// A paper to tile the poster on (`--tile`).
    pub tile: Option<NamedSize>,
    pub paper: Option<NamedSize>,
    pub cut: Option<Cut>,
    pub duplex: Option<Duplex>,
    pub margin: Option<Mm>,
    pub back_offset: Option<Point>,
    /// Leave the printed guide out.
    pub no_guide: bool,
    /// Crop marks on the back sheets.
    pub back_marks: bool,
    /// Complete decks in sheets.pdf.
    pub copies: Option<usize>,
    /// The edition printed on the backs.
    pub edition: Option<String>,
    /// The print shop to make the cards for.
    pub shop: Option<crate::shop::Shop>,
    /// Fronts and backs in two more files.
    pub separate_backs: bool,
    /// The office outputs are asked for (`--only`, `poster`, `handout`,
    /// `preview`, `calibrate`): the deck's `print: shop:` does not apply.
    pub office: bool,
}

/// A size as written on the command line: its preset name, or `WxH`.
fn written(size: &NamedSize) -> String {
    match size.name {
        Some(n) => n.to_string(),
        None => format!("{}x{}", fmt_mm(size.size.w), fmt_mm(size.size.h)),
    }
}

impl Overrides {
    pub fn apply(&self, deck: &mut Deck) {
        let mut flags: Vec<(&'static str, String)> = Vec::new();
        if let Some(s) = &self.card_size {
            deck.cards.size = s.clone();
            deck.cards.size_at = None;
            flags.push(("cards.size", format!("--card-size {}", written(s))));
        }
        if let Some(b) = self.bleed {
            deck.cards.bleed = b;
        }
        if let Some(s) = &self.poster_size {
            deck.poster.size = s.clone();
            deck.poster.size_at = None;
            if self.poster_orientation.is_none() {
                deck.poster.orientation = None;
            }
        }
        if let Some(o) = self.poster_orientation {
            deck.poster.orientation = Some(o);
            deck.poster.size_at = None;
        }
        if let Some(b) = self.poster_bleed {
            deck.poster.bleed = b;
        }
        if let Some(t) = &self.tile {
            deck.poster.tile = Some(t.clone());
        }
        let sheets = &mut deck.sheets;
        if let Some(p) = &self.paper {
            sheets.paper = p.clone();
            sheets.paper_at = None;
            flags.push(("sheets.paper", format!("--paper {}", written(p))));
        }
        if let Some(c) = self.cut {
            sheets.cut = c;
        }
        if let Some(d) = self.duplex {
            sheets.duplex = d;
            sheets.duplex_at = None;
            flags.push(("sheets.duplex", format!("--duplex {}", d.name())));
        }
        if let Some(m) = self.margin {
            sheets.margin = m;
        }
        if let Some(o) = self.back_offset {
            sheets.back_offset = o;
            sheets.back_offset_at = None;
        }
        if self.no_guide {
            sheets.guide = false;
        }
        if self.back_marks {
            sheets.back_marks = true;
        }
        if let Some(n) = self.copies {
            sheets.copies = n;
        }
        if let Some(e) = &self.edition {
            let e = e.split_whitespace().collect::<Vec<_>>().join(" ");
            deck.edition = (!e.is_empty()).then(|| crate::deck::Text {
                rich: crate::text::Rich::plain(&e),
                at: Default::default(),
            });
        }
        if self.office && self.shop.is_none() {
            deck.shop = None;
        }
        if let Some(shop) = self.shop.or(deck.shop) {
            deck.shop = Some(shop);
            // A print shop's poster has bleed.
            if self.poster_bleed.is_none() && deck.poster.bleed <= 0.0 {
                deck.poster.bleed = 3.0;
            }
            // A deck of another size is refused when the cards are made.
            if shop.takes(&deck.cards.size).is_ok() {
                let (size, bleed) = shop.card(&deck.cards.size);
                deck.cards.size = size;
                deck.cards.size_at = None;
                deck.cards.bleed = bleed;
            }
        }
        if self.separate_backs {
            deck.separate_backs = true;
        }
        deck.flags.extend(flags);
    }
}

/// The outputs a build makes: those named, else the deck's `outputs:`,
/// else all.
pub fn wanted(deck: &Deck, named: Option<&[Output]>) -> Vec<Output> {
    let mut out: Vec<Output> = match (named, &deck.outputs) {
        (Some(n), _) => n.to_vec(),
        (None, Some((list, _))) => list.clone(),
        (None, None) => Output::ALL.to_vec(),
    };
    out.sort();
    out.dedup();
    out
}

/// The writing of one of an output's files (or of the images made from
/// it), ready to run on any thread.
type Render<'d> = Box<dyn FnOnce() -> Result<Vec<OutputFile>, render::RenderError> + Send + 'd>;

/// What designing and imposing an output gives: the renders of its files,
/// or `None` when it cannot be made (the reasons are in the diagnostics).
type Made<'d> = Option<Vec<Render<'d>>>;

/// One output in the table: what it is, and how it is made from a deck
/// (designed and imposed; the renders it returns write the files).
pub struct Entry {
    pub output: Output,
    make: for<'d> fn(&mut Job<'d>, &mut Diagnostics) -> Made<'d>,
}

/// Every output, in the order they are made and reported.
pub const OUTPUTS: &[Entry] = &[
    Entry {
        output: Output::Cards,
        make: make_cards,
    },
    Entry {
        output: Output::Sheets,
        make: make_sheets,
    },
    Entry {
        output: Output::Poster,
        make: make_poster,
    },
    Entry {
        output: Output::Handout,
        make: make_handout,
    },
    Entry {
        output: Output::Worksheet,
        make: make_worksheet,
    },
];

/// What a build gives.
#[derive(Debug)]
pub struct Built {
    /// Every file of the outputs that could be made (with `build`, only
    /// when every output could: see `build`).
    pub files: Vec<OutputFile>,
    /// The outputs asked for that could be made, and those that could not
    /// (their problems are in the diagnostics).
    pub made: Vec<Output>,
    pub failed: Vec<Output>,
    /// How long each phase of each output took, in the table's order
    /// (`--timings`).
    pub timings: Vec<(String, std::time::Duration)>,
}

impl Built {
    /// Whether everything asked for can be written.
    pub fn complete(&self) -> bool {
        self.failed.is_empty()
    }
}

/// A build in progress: the deck, the typesetter, and the card faces,
/// designed once and shared by the outputs that print them (with the
/// problems found designing them).
pub struct Job<'d> {
    pub deck: &'d Deck,
    /// Whether PDFs are written (not for `check`).
    pub render: bool,
    ts: Typesetter,
    faces: Vec<(Edge, Vec<CardFaces>, Diagnostics)>,
    /// Time spent designing faces and posters (the rest of making an
    /// output is imposing them), for `--timings`.
    designing: std::time::Duration,
}

impl<'d> Job<'d> {
    pub fn new(deck: &'d Deck) -> Job<'d> {
        Job {
            deck,
            render: true,
            ts: Typesetter::new(&deck.fonts),
            faces: Vec::new(),
            designing: std::time::Duration::ZERO,
        }
    }

    /// Whether designing the card faces found a problem (a text that
    /// fits no card, say).
    fn faces_failed(&self) -> bool {
        self.faces.iter().any(|(_, _, d)| d.has_errors())
    }

    /// Lets go of the designed faces, keeping their problems: the renders
    /// hold what they print, and free it as they write it.
    fn let_go_of_faces(&mut self) {
        for (_, faces, _) in &mut self.faces {
            *faces = Vec::new();
        }
    }

    /// The card faces with `edge`, designed on first use; their problems
    /// are added to `diags`.
    fn faces(&mut self, edge: Edge, diags: &mut Diagnostics) -> Vec<CardFaces> {
        let i = match self.faces.iter().position(|(e, _, _)| *e == edge) {
            Some(i) => i,
            None => {
                let mut found = Diagnostics::default();
                let t = std::time::Instant::now();
                let faces = design::card_faces(self.deck, &mut self.ts, edge, &mut found);
                self.designing += t.elapsed();
                // The faint texts of the fronts are found side by side,
                // those of a back shared by many cards once; the warnings
                // are made in card order.
                let fronts = faint_fronts(&faces);
                let mut backs: std::collections::HashMap<usize, Vec<contrast::Faint>> =
                    std::collections::HashMap::new();
                for (card, front_faint) in faces.iter().zip(fronts) {
                    let front = format!("{} (front)", card.label);
                    contrast::report_found(self.deck, &front_faint, &front, &mut found);
                    let back_faint = backs
                        .entry(Arc::as_ptr(&card.back) as usize)
                        .or_insert_with(|| contrast::faint_text(&card.back));
                    let back = format!("{} (back)", card.label);
                    contrast::report_found(self.deck, back_faint, &back, &mut found);
                }
                self.faces.push((edge, faces, found));
                self.faces.len() - 1
            }
        };
        diags.extend(self.faces[i].2.clone());
        self.faces[i].1.clone()
    }
}

/// The faint texts of every card's front, in card order, found on the
/// threads there are.
fn faint_fronts(faces: &[CardFaces]) -> Vec<Vec<contrast::Faint>> {
    let n = crate::threads().min(faces.len()).max(1);
    let chunk = faces.len().div_ceil(n).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = faces
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|c| contrast::faint_text(&c.front))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}

/// Designs and renders the outputs `wanted` names, in the table's order.
/// Every output is tried, so that all problems are found at once; the
/// files are for writing all or none, so once an output cannot be made the
/// files not yet rendered are not (`Built::files` is then incomplete, as
/// `complete` says).
pub fn build(
    deck: &Deck,
    wanted: &[Output],
    diags: &mut Diagnostics,
) -> Result<Built, render::RenderError> {
    make(deck, wanted, Making::All, diags)
}

/// As `build`, but the files of every output that can be made are
/// rendered whatever the others do (for the preview, which shows what it
/// can).
pub fn build_each(
    deck: &Deck,
    wanted: &[Output],
    diags: &mut Diagnostics,
) -> Result<Built, render::RenderError> {
    make(deck, wanted, Making::Each, diags)
}

/// What a walk of the table makes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Making {
    /// The designs only (`check`).
    Nothing,
    /// Every file, or none once an output cannot be made.
    All,
    /// The files of every output that can be made.
    Each,
}

/// For a shop that takes images: every page of cards.pdf as a PNG at the
/// shop's pixels, in deck order, each front before its back.
fn shop_faces(
    deck: &Deck,
    shop: crate::shop::Shop,
    px: crate::shop::Pixels,
    cards: Arc<Vec<CardFaces>>,
) -> Result<Vec<OutputFile>, render::RenderError> {
    let pdf = cards_pdf(deck, cards)?;
    let mut faces = crate::shop::faces(px, &pdf.bytes)
        .map_err(|e| render::RenderError(format!("the faces for {}: {e}", shop.title())))?;
    if let (Some(first), Some(last)) = (faces.first(), faces.last()) {
        let summary = format!(
                "{} PNG images, {} to {}: each card's front and back for {}, {} × {} px at {} dpi ({} trim + {} mm bleed), RGB, no transparency",
                faces.len(),
                first.name,
                last.name,
                shop.title(),
                px.width,
                px.height,
                px.dpi,
                deck.cards.size,
                fmt_mm(deck.cards.bleed)
            );
        faces[0].summary = summary;
    }
    Ok(faces)
}

/// Designs and checks the outputs `wanted` names without writing any PDF
/// (`deckpress check`): everything that can go wrong in a deck is found
/// in the design; the files come back empty.
pub fn check(
    deck: &Deck,
    wanted: &[Output],
    diags: &mut Diagnostics,
) -> Result<Built, render::RenderError> {
    make(deck, wanted, Making::Nothing, diags)
}

/// Warns once when the words deckpress prints itself on the outputs
/// `wanted` are in English for want of a table in the deck's language.
fn report_english(deck: &Deck, wanted: &[Output], diags: &mut Diagnostics) {
    use crate::deck::Key;
    let labels = &deck.labels;
    let mut parts = Vec::new();
    let sheets = wanted.contains(&Output::Sheets);
    if sheets && deck.sheets.guide && !labels.known(|k| k.name().starts_with("guide_")) {
        parts.push("the printed guide");
    }
    if sheets && !labels.known(|k| k.name().starts_with("sheet_")) {
        parts.push("the sheets' labels");
    }
    if wanted.contains(&Output::Poster)
        && deck.poster.tile.is_some()
        && !labels.known(|k| k.name().starts_with("tile_"))
    {
        parts.push("the tiles' labels");
    }
    if wanted.contains(&Output::Worksheet) && !labels.known(Key::is_worksheet) {
        parts.push("the worksheet's own words (its title, the rating scale, its boxes)");
    }
    warn_english(deck, &parts, diags);
}

/// The warning that `parts` print in English.
fn warn_english(deck: &Deck, parts: &[&str], diags: &mut Diagnostics) {
    use crate::deck::Labels;
    if parts.is_empty() {
        return;
    }
    let (full, partial) = Labels::languages();
    let list = match parts.len() {
        1 => parts[0].to_string(),
        n => format!("{} and {}", parts[..n - 1].join(", "), parts[n - 1]),
    };
    let mut d = Diagnostic::warning(format!(
        "deckpress prints {list} in English: it has its own words in {} (the worksheet's also in {}), not in {}",
        full.join(", "),
        partial.join(", "),
        deck.language
    ))
    .about("the deck, field language")
    .help("give them in your language under labels: (deckpress labels --language en prints every label to start from), see docs/deck-yaml.md");
    if let Some(at) = deck.language_at {
        d = d.at(at);
    }
    diags.push(d);
}

/// Runs a render and says how long it took; once the build is doomed (an
/// output has failed, so nothing is written), gives no files instead.
fn rendered(
    r: Render<'_>,
    doomed: &std::sync::atomic::AtomicBool,
) -> (
    Result<Vec<OutputFile>, render::RenderError>,
    std::time::Duration,
) {
    if doomed.load(std::sync::atomic::Ordering::Relaxed) {
        return (Ok(Vec::new()), std::time::Duration::ZERO);
    }
    let t = std::time::Instant::now();
    (r(), t.elapsed())
}

/// A render of an output's file: under way on a thread of its own, or to
/// be run when its turn comes.
enum Pending<'s, 'd> {
    Started(
        std::thread::ScopedJoinHandle<
            's,
            (
                Result<Vec<OutputFile>, render::RenderError>,
                std::time::Duration,
            ),
        >,
    ),
    Later(Render<'d>),
}

/// Whether the cards' faces could not be made: told once by the lane that
/// designs them, waited for by the lanes that set the deck on pages.
struct FacesKnown {
    failed: std::sync::Mutex<Option<bool>>,
    told: std::sync::Condvar,
}

impl FacesKnown {
    fn new(failed: Option<bool>) -> FacesKnown {
        FacesKnown {
            failed: std::sync::Mutex::new(failed),
            told: std::sync::Condvar::new(),
        }
    }

    /// Says whether they failed (the first word stands).
    fn tell(&self, failed: bool) {
        let mut known = self.failed.lock().unwrap_or_else(|e| e.into_inner());
        known.get_or_insert(failed);
        self.told.notify_all();
    }

    /// Whether they failed, once told.
    fn wait(&self) -> bool {
        let mut known = self.failed.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if let Some(failed) = *known {
                return failed;
            }
            known = self.told.wait(known).unwrap_or_else(|e| e.into_inner());
        }
    }
}

/// Tells `FacesKnown` that the faces failed if it is dropped before the
/// lane said (a panic), so that no lane waits for nothing.
struct Teller<'a>(&'a FacesKnown);

impl Drop for Teller<'_> {
    fn drop(&mut self) {
        self.0.tell(true);
    }
}

/// Walks the table: the outputs that print the cards in turn (they share
/// the designed faces), and the poster, the handout and the worksheet
/// each at the same time on a thread of its own.
/// The results, files and problems alike, come back in the table's order
/// whatever finishes first, so the bytes and the messages are the same as
/// one thread would give.
fn make(
    deck: &Deck,
    wanted: &[Output],
    making: Making,
    diags: &mut Diagnostics,
) -> Result<Built, render::RenderError> {
    let render = making != Making::Nothing;
    contrast::check_colours(deck, diags);
    report_english(deck, wanted, diags);
    let entries: Vec<&Entry> = OUTPUTS
        .iter()
        .filter(|e| wanted.contains(&e.output))
        .collect();
    // The outputs in lanes, each designed on a thread of its own and then
    // written side by side: the cards and the sheets together (they share
    // the designed faces), the poster, the handout and the worksheet each
    // alone. The handout and the worksheet wait for the cards' faces, so
    // that a deck whose cards cannot be made (texts far too long, say) is
    // not set whole on pages as well.
    let faced = |e: &&Entry| matches!(e.output, Output::Cards | Output::Sheets);
    let mut lanes: Vec<Vec<&Entry>> = vec![entries.iter().copied().filter(faced).collect()];
    lanes.extend(entries.iter().filter(|e| !faced(e)).map(|e| vec![*e]));
    // Whether the cards' faces could not be made, once the first lane has
    // designed them (always `false` without cards).
    let no_cards = lanes[0].is_empty();
    let faces = FacesKnown::new(no_cards.then_some(false));
    type Timed = Vec<(String, std::time::Duration)>;
    type Done = Vec<(
        Output,
        Option<Vec<Result<Vec<OutputFile>, render::RenderError>>>,
        Diagnostics,
        Timed,
    )>;
    // Designs the entries on one thread, then writes their files side by
    // side.
    // Whether an output has failed when the files are all or none: then
    // nothing will be written, and the files not yet rendered are not (a
    // deck too large for its poster does not have its thousands of cards
    // rendered for nothing).
    let doomed = &std::sync::atomic::AtomicBool::new(false);
    let run = |entries: &[&Entry], first: bool| -> Done {
        // The first lane says whether the faces could be made when its
        // designs are done, or if it stops before (a panic).
        let _teller = first.then(|| Teller(&faces));
        let mut job = Job::new(deck);
        job.render = render;
        // With threads to spare, an output's files are written as soon as
        // it is designed and imposed, while the lane goes on to the next
        // (the sheets are imposed while cards.pdf is written); with one
        // thread, in turn after all are designed.
        let parallel = crate::threads() > 1;
        std::thread::scope(|scope| {
            let mut started: Vec<(Output, Option<Vec<Pending>>, Diagnostics, Timed)> = Vec::new();
            for entry in entries {
                let mut found = Diagnostics::default();
                let reading = matches!(entry.output, Output::Handout | Output::Worksheet);
                if reading && (job.faces_failed() || faces.wait()) {
                    // The cards' problems are the deck's: reported once.
                    started.push((entry.output, None, found, Vec::new()));
                    continue;
                }
                let t = std::time::Instant::now();
                let before = job.designing;
                let made = (entry.make)(&mut job, &mut found);
                if making == Making::All && (made.is_none() || found.has_errors()) {
                    doomed.store(true, std::sync::atomic::Ordering::Relaxed);
                }
                let (all, design) = (t.elapsed(), job.designing - before);
                let name = entry.output.name();
                let timed = vec![
                    (format!("{name}: design"), design),
                    (format!("{name}: impose"), all.saturating_sub(design)),
                ];
                let pending = made.map(|renders| {
                    renders
                        .into_iter()
                        .map(|r| {
                            if parallel {
                                Pending::Started(scope.spawn(move || rendered(r, doomed)))
                            } else {
                                Pending::Later(r)
                            }
                        })
                        .collect::<Vec<_>>()
                });
                started.push((entry.output, pending, found, timed));
            }
            job.let_go_of_faces();
            if first {
                faces.tell(job.faces_failed());
            }
            if render && parallel && (first || no_cards) {
                crate::progress::step("writing the PDFs", 0);
            }
            started
                .into_iter()
                .map(|(output, pending, found, mut timed)| {
                    let files = pending.map(|ps| {
                        let mut files = Vec::new();
                        let mut rendering = std::time::Duration::ZERO;
                        for p in ps {
                            let (file, took) = match p {
                                Pending::Started(h) => {
                                    h.join().unwrap_or_else(|p| std::panic::resume_unwind(p))
                                }
                                Pending::Later(r) => rendered(r, doomed),
                            };
                            rendering += took;
                            files.push(file);
                        }
                        timed.push((format!("{}: render", output.name()), rendering));
                        files
                    });
                    (output, files, found, timed)
                })
                .collect()
        })
    };
    let mut results = std::thread::scope(|scope| {
        if crate::threads() == 1 {
            return lanes
                .iter()
                .enumerate()
                .flat_map(|(i, lane)| run(lane, i == 0))
                .collect::<Done>();
        }
        let others: Vec<_> = lanes[1..]
            .iter()
            .map(|lane| scope.spawn(|| run(lane, false)))
            .collect();
        let mut results = run(&lanes[0], true);
        for handle in others {
            results.extend(
                handle
                    .join()
                    .unwrap_or_else(|p| std::panic::resume_unwind(p)),
            );
        }
        results
    });
    results.sort_by_key(|(o, _, _, _)| OUTPUTS.iter().position(|e| e.output == *o));
    let mut built = Built {
        files: Vec::new(),
        made: Vec::new(),
        failed: Vec::new(),
        timings: Vec::new(),
    };
    for (output, files, found, timed) in results {
        built.timings.extend(timed);
        let failed = found.has_errors();
        diags.extend(found);
        match files {
            Some(files) if !failed => {
                for f in files {
                    built.files.extend(f?);
                }
                built.made.push(output);
            }
            _ => built.failed.push(output),
        }
    }
    Ok(built)
}

/// Designs and renders every output the deck asks for (what `deckpress
/// build` makes without `--only`). Returns `None` if any cannot be made
/// (the problems are in `diags`).
pub fn outputs(
    deck: &Deck,
    diags: &mut Diagnostics,
) -> Result<Option<Vec<OutputFile>>, render::RenderError> {
    let built = build(deck, &wanted(deck, None), diags)?;
    Ok(built.complete().then_some(built.files))
}

fn make_cards<'d>(job: &mut Job<'d>, diags: &mut Diagnostics) -> Made<'d> {
    let deck = job.deck;
    if let Some(shop) = deck.shop {
        if let Err(why) = shop.takes(&deck.cards.size) {
            let mut d = Diagnostic::error(why)
                .about("the deck, field cards.size")
                .help(
                    "build it with --card-size poker-us (or set cards: size: poker-us), or choose another shop (deckpress build --help lists them)");
            if let Some(at) = deck.cards.size_at {
                d = d.at(at);
            }
            diags.push(d);
            return None;
        }
    }
    if let Some(shop) = deck.shop {
        shop_checks(deck, shop, diags);
        if let (Some(p), crate::shop::Files::Png(_)) = (&deck.print_profile, shop.files()) {
            diags.push(
                Diagnostic::warning(format!(
                    "the profile {} is not used: {} takes RGB images",
                    p.path.display(),
                    shop.title()
                ))
                .at(p.at)
                .about("the deck, field print.profile")
                .help(
                    "the profile is for the CMYK files of --shop pdfx4 and --shop drivethrucards",
                ),
            );
        }
    }
    let cards = Arc::new(job.faces(Edge::Bleed, diags));
    if diags.has_errors() {
        return None;
    }
    if !job.render {
        return Some(Vec::new());
    }
    let mut renders: Vec<Render<'d>> = Vec::new();
    let all = cards.clone();
    match deck.shop.map(|s| (s, s.files())) {
        // A shop that takes images gets every page of cards.pdf as a PNG,
        // in place of the PDF.
        Some((shop, crate::shop::Files::Png(px))) => {
            renders.push(Box::new(move || shop_faces(deck, shop, px, all)))
        }
        _ => renders.push(Box::new(move || Ok(vec![cards_pdf(deck, all)?]))),
    }
    if deck.separate_backs {
        for back in [false, true] {
            let cards = cards.clone();
            renders.push(Box::new(move || Ok(vec![side_pdf(deck, &cards, back)?])));
        }
    }
    Some(renders)
}

/// The preflight of a shop's PDF, for the report: its standard and output
/// intent, colour, most ink, smallest text and the pictures' resolution,
/// measured on what was written.
fn preflight(pages: &[Page], x: &render::pdfx::Pdfx) -> String {
    let scale = |t: &crate::geom::Transform| (t.a * t.d - t.b * t.c).abs().sqrt();
    let mut smallest = f32::INFINITY;
    let (mut low, mut high) = (f32::INFINITY, 0.0f32);
    for page in pages {
        for (t, run) in page.frame.text_runs() {
            smallest = smallest.min(run.size * scale(&t));
        }
        for (t, rect, image) in page.frame.images() {
            let mm = rect.w * scale(&t);
            if mm > 0.0 {
                let ppi = image.width_px as f32 / (mm / 25.4);
                low = low.min(ppi);
                high = high.max(ppi);
            }
        }
    }
    let cond = &x.converter.condition;
    let mut line = format!(
        "; preflight: {}, output intent {} (profile embedded), DeviceCMYK only, at most {:.0} % ink (limit {:.0} %), dark text solid K",
        x.standard.name(),
        cond.id,
        x.converter.most_ink(),
        cond.ink_limit
    );
    if smallest.is_finite() {
        line.push_str(&format!(", smallest text {:.1} pt", smallest));
    }
    if high > 0.0 {
        line.push_str(&format!(", pictures {low:.0} to {high:.0} ppi"));
    } else {
        line.push_str(", no pictures (icons are vectors)");
    }
    if x.standard == render::pdfx::Standard::X1a {
        line.push_str(", no transparency");
    }
    line
}

/// The inks a deck gives for its colours must be within what the shop's
/// press takes: one error for each colour over the limit.
fn check_inks(deck: &Deck, shop: crate::shop::Shop, diags: &mut Diagnostics) {
    let crate::shop::Files::Pdf(_, condition) = shop.files() else {
        return;
    };
    for c in &deck.characteristics {
        let Some((inks, at)) = c.cmyk else { continue };
        let total: f32 = inks.iter().sum();
        if total > condition.ink_limit + 0.01 {
            diags.push(
                Diagnostic::error(format!(
                    "the colour's inks add up to {} %, more than the {} % that {}'s press takes ({})",
                    fmt_mm(total),
                    fmt_mm(condition.ink_limit),
                    shop.title(),
                    condition.id
                ))
                .at(at)
                .about(format!("{}, field colour.cmyk", c.label()))
                .help("lower the cyan, magenta and yellow (keep the black), or leave cmyk out so that deckpress converts the colour within the limit"),
            );
        }
    }
}

/// What a shop's files are checked for before they are made: see-through
/// icons (PDF/X-1a), inks over the press's limit, colours far outside
/// what it prints.
fn shop_checks(deck: &Deck, shop: crate::shop::Shop, diags: &mut Diagnostics) {
    forbid_transparency(deck, shop, diags);
    check_inks(deck, shop, diags);
    if let Ok(Some(x)) = shop_pdfx(deck) {
        warn_out_of_gamut(deck, &x, diags);
    }
}

/// How far (CIE76 ΔE) a colour may print from its screen colour before the
/// build says so: past 10, the difference is plain side by side.
const GAMUT_WARNING: f64 = 10.0;

/// Warns of each characteristic colour the press cannot come near (a
/// saturated purple or green on screen prints duller in offset inks),
/// unless the deck gives its inks.
fn warn_out_of_gamut(deck: &Deck, x: &render::pdfx::Pdfx, diags: &mut Diagnostics) {
    use crate::design::colour::{difference, Vision};
    for c in deck.characteristics.iter().filter(|c| c.cmyk.is_none()) {
        let Ok(printed) = x.converter.printed(c.colour) else {
            continue;
        };
        let shift = difference(c.colour, printed, Vision::Normal);
        if shift > GAMUT_WARNING {
            let cond = &x.converter.condition;
            let press = if cond.id == "Custom" {
                "the print shop's profile".to_string()
            } else {
                format!("{} printing", cond.id)
            };
            let [cy, m, y, k] = x
                .converter
                .inks(c.colour)
                .map(|v| (v as f32 / 2.55).round());
            diags.push(
                Diagnostic::warning(format!(
                    "the colour {} is outside what {press} can show: it prints as C{cy} M{m} Y{y} K{k}, near {} (ΔE {:.0}), duller than on screen",
                    c.colour.hex(),
                    printed.hex(),
                    shift
                ))
                .at(c.colour_at)
                .about(format!("{}, field colour", c.label()))
                .help("ask the print shop for a printed proof, or give the brand's own inks: colour: { rgb: \"...\", cmyk: [C, M, Y, K] }"),
            );
        }
    }
}

/// PDF/X-1a has no transparency: an SVG icon drawn partly see-through
/// cannot be printed in it (what is under it is not known to flatten it
/// onto). One error for each such icon. (A picture's transparency becomes
/// a hard edge, which PDF/X-1a has.)
fn forbid_transparency(deck: &Deck, shop: crate::shop::Shop, diags: &mut Diagnostics) {
    use crate::deck::Icon;
    use crate::render::pdfx::Standard;
    use crate::shop::Files;
    let Files::Pdf(Standard::X1a, _) = shop.files() else {
        return;
    };
    for c in &deck.characteristics {
        let Some(asset) = &c.icon else { continue };
        let Icon::Vector(art) = &asset.icon else {
            continue;
        };
        let least = art.least_opacity();
        if least < 1.0 {
            diags.push(
                Diagnostic::error(format!(
                    "the icon {} is drawn partly see-through (opacity {}), and the files for {} are PDF/X-1a, which has no transparency",
                    asset.path.display(),
                    (least * 100.0).round() / 100.0,
                    shop.title()
                ))
                .at(asset.at)
                .about(format!("{}, field icon", c.label()))
                .help("make every shape in the SVG opaque (remove its opacity, fill-opacity and stroke-opacity), or use --shop pdfx4, which allows transparency"),
            );
        }
    }
}

/// The fronts of the cards, or their backs, in a file of their own for
/// shops that take them apart (`--separate-backs`): one page per card, in
/// the same order, card 1's back the first page of the backs. Not tagged:
/// cards.pdf is the file to read.
fn side_pdf(
    deck: &Deck,
    cards: &[CardFaces],
    back: bool,
) -> Result<OutputFile, render::RenderError> {
    let size = deck.cards.size.size;
    let bleed = deck.cards.bleed;
    let pages: Vec<Page> = impose::card_pages(&sides(cards), size, bleed)
        .into_iter()
        .skip(back as usize)
        .step_by(2)
        .collect();
    let what = if back { "backs" } else { "fronts" };
    let info = DocInfo {
        pdfx: shop_pdfx(deck)?,
        ..doc_info(deck, &format!("cards, {what}"))
    };
    let bytes = render::pdf(&pages, &info)?;
    let mut summary = format!(
        "{} pages: the {what} of cards.pdf, one per card in the same order, {} trim + {} mm bleed",
        pages.len(),
        deck.cards.size,
        fmt_mm(bleed)
    );
    if let Some(x) = &info.pdfx {
        summary.push_str(&preflight(&pages, x));
    }
    Ok(OutputFile {
        name: format!("cards-{what}.pdf"),
        bytes,
        summary,
    })
}

fn make_sheets<'d>(job: &mut Job<'d>, diags: &mut Diagnostics) -> Made<'d> {
    let deck = job.deck;
    let edge = if deck.sheets.cut == Cut::Butted {
        Edge::Inset(BUTTED_INSET)
    } else {
        Edge::Bleed
    };
    let cards = job.faces(edge, diags);
    let layout = sheet_layout(deck, diags)?;
    if diags.has_errors() {
        return None;
    }
    let pages = sheet_pages(deck, &cards, &layout, &mut job.ts, diags)?;
    if !job.render {
        return Some(Vec::new());
    }
    let n = cards.len();
    Some(vec![Box::new(move || {
        Ok(vec![sheets_pdf(deck, &layout, pages, n)?])
    })])
}

/// The posters to suggest when a poster does not fit, smallest first: the
/// same paper turned, then each larger ISO size either way up.
fn larger_posters(deck: &Deck) -> Vec<(NamedSize, Orientation)> {
    let trim = deck.poster.trim();
    let area = trim.w * trim.h;
    let here = Orientation::of(trim);
    let turned = Orientation::of(trim.turned());
    let mut out = vec![(deck.poster.size.clone(), turned)];
    for (name, size, _) in POSTER_PRESETS {
        if size.w * size.h <= area * 1.01 || *name == "tabloid" {
            continue;
        }
        for o in [here, turned] {
            out.push((
                NamedSize {
                    name: Some(name),
                    size: *size,
                },
                o,
            ));
        }
    }
    out
}

/// Where a poster of `size` and `o` is named in deck.yaml and on the
/// command line.
fn poster_choice(deck: &Deck, size: &NamedSize, o: Orientation) -> String {
    let name = size
        .name
        .map_or_else(|| size.size.to_string(), str::to_string);
    // The orientation is named when it is not the default, or when the
    // deck chose one.
    let turn = o == Orientation::Landscape || deck.poster.orientation.is_some();
    let way = o.name();
    let (yaml, flag) = if turn {
        (
            format!(", orientation: {way}"),
            format!(" --orientation {way}"),
        )
    } else {
        (String::new(), String::new())
    };
    format!(
        "the poster fits on {} {way} (poster: size: {name}{yaml}, or --poster-size {name}{flag})",
        crate::deck::paper_name(&name)
    )
}

fn make_poster<'d>(job: &mut Job<'d>, diags: &mut Diagnostics) -> Made<'d> {
    let deck = job.deck;
    if let Some(shop) = deck.shop {
        shop_checks(deck, shop, diags);
    }
    let trim = deck.poster.trim();
    let bleeds = deck.poster.bleed > 0.0;
    let office = Edge::Inset(poster_design::Scale::of(trim).margin());
    let edge = if bleeds { Edge::Bleed } else { office };
    let mut found = Diagnostics::default();
    let t = std::time::Instant::now();
    let poster = poster_design::poster(deck, &mut job.ts, trim, edge, &mut found);
    job.designing += t.elapsed();
    if found.has_errors() {
        // Say which larger poster would hold it, if one would.
        let fits = larger_posters(deck).into_iter().find(|(size, o)| {
            let mut scratch = Diagnostics::default();
            let t = o.apply(size.size);
            let edge = Edge::Inset(poster_design::Scale::of(t).margin());
            poster_design::poster(deck, &mut job.ts, t, edge, &mut scratch);
            !scratch.has_errors()
        });
        if let Some((size, o)) = fits {
            let note = poster_choice(deck, &size, o);
            for d in found.items.iter_mut().filter(|d| d.is_error()) {
                d.notes.push(note.clone());
            }
        }
        diags.extend(found);
        return None;
    }
    contrast::report_faint(deck, &poster.frame, "the poster", &mut found);
    diags.extend(found);
    if !job.render {
        return Some(Vec::new());
    }
    let mut files: Vec<Render<'d>> = Vec::new();
    // Tiles are for office printers: not in a print shop's folder.
    if let Some(paper) = deck.poster.tile.as_ref().filter(|_| deck.shop.is_none()) {
        if let Some(grid) = TileGrid::new(poster.frame.size, paper.size) {
            let frame = if bleeds {
                // The same layout, so the same problems: reported once.
                let mut again = Diagnostics::default();
                let t = std::time::Instant::now();
                let frame =
                    poster_design::poster(deck, &mut job.ts, trim, office, &mut again).frame;
                job.designing += t.elapsed();
                frame
            } else {
                poster.frame.clone()
            };
            let labels = grid
                .tiles()
                .iter()
                .map(|t| {
                    poster_design::tile_label(
                        &mut job.ts,
                        &deck.labels,
                        grid.label.size(),
                        (t.row, t.col),
                        (grid.rows, grid.cols),
                    )
                })
                .collect();
            let tiled = Tiled {
                grid,
                poster: frame,
                labels,
            };
            let paper = paper.clone();
            files.push(Box::new(move || Ok(vec![tiles_pdf(deck, &tiled, &paper)?])));
        }
    }
    files.insert(0, Box::new(move || Ok(vec![poster_pdf(deck, &poster)?])));
    Some(files)
}

fn make_handout<'d>(job: &mut Job<'d>, diags: &mut Diagnostics) -> Made<'d> {
    make_reading(job, diags, Output::Handout)
}

fn make_worksheet<'d>(job: &mut Job<'d>, diags: &mut Diagnostics) -> Made<'d> {
    make_reading(job, diags, Output::Worksheet)
}

/// The handout or the worksheet: pages of A4 or Letter, tagged.
fn make_reading<'d>(job: &mut Job<'d>, diags: &mut Diagnostics, what: Output) -> Made<'d> {
    let deck = job.deck;
    let mut found = Diagnostics::default();
    let t = std::time::Instant::now();
    let (frames, structure) = if what == Output::Worksheet {
        design::handout::worksheet(deck, &mut job.ts, &mut found)
    } else {
        design::handout::handout(deck, &mut job.ts, &mut found)
    };
    job.designing += t.elapsed();
    let name = what.name();
    for (i, f) in frames.iter().enumerate() {
        contrast::report_faint(deck, f, &format!("the {name}, page {}", i + 1), &mut found);
    }
    let failed = found.has_errors();
    diags.extend(found);
    if failed {
        return None;
    }
    if !job.render {
        return Some(Vec::new());
    }
    let size = design::handout::page_size(deck);
    let pages: Vec<Page> = frames
        .into_iter()
        .enumerate()
        .map(|(i, frame)| Page {
            size,
            trim: None,
            bleed: None,
            frame,
            label: format!("{name} page {}", i + 1),
        })
        .collect();
    Some(vec![Box::new(move || {
        Ok(vec![reading_pdf(deck, &pages, structure, what)?])
    })])
}

/// Renders the handout or the worksheet, tagged with its structure.
pub fn reading_pdf(
    deck: &Deck,
    pages: &[Page],
    structure: crate::frame::Structure,
    what: Output,
) -> Result<OutputFile, render::RenderError> {
    let info = DocInfo {
        structure: Some(structure),
        ..doc_info(
            deck,
            if what == Output::Worksheet {
                "reflection worksheet"
            } else {
                "handout"
            },
        )
    };
    let bytes = render::pdf(pages, &info)?;
    let size = design::handout::page_size(deck);
    let paper = if size.w > 212.0 { "Letter" } else { "A4" };
    let n = pages.len();
    let s = if n == 1 { "" } else { "s" };
    let mut summary = if what == Output::Worksheet {
        let c = deck.characteristics.len();
        format!(
            "{n} page{s}: a reflection worksheet on {paper} portrait, {c} characteristic{}, each behaviour rated {} with lines to write on, printed boxes to fill in by hand",
            if c == 1 { "" } else { "s" },
            deck.words.scale.join(" · ")
        )
    } else {
        format!(
            "{n} page{s}: the whole framework on {paper} portrait to read and keep, body text at {} pt",
            design::handout::BODY
        )
    };
    summary.push_str(&untagged(n, &info));
    Ok(OutputFile {
        name: format!("{}.pdf", what.name()),
        bytes,
        summary,
    })
}

/// The poster split over sheets: the grid, the poster as an office printer
/// prints it (no bleed), and each sheet's label.
pub struct Tiled {
    pub grid: TileGrid,
    pub poster: Frame,
    pub labels: Vec<Frame>,
}

/// The deck's sheet settings as imposition takes them.
pub fn sheet_spec(deck: &Deck) -> SheetSpec {
    let s = &deck.sheets;
    SheetSpec {
        paper: s.paper.size,
        card: deck.cards.size.size,
        bleed: deck.cards.bleed,
        cut: s.cut,
        duplex: s.duplex,
        margin: s.margin,
        back_offset: s.back_offset,
        back_marks: s.back_marks,
    }
}

/// Fits the deck's cards on its paper; what does not fit is an error in
/// `diags`, at the setting that chose the paper.
pub fn sheet_layout(deck: &Deck, diags: &mut Diagnostics) -> Option<Layout> {
    let s = &deck.sheets;
    if s.duplex == Duplex::Fold && (s.back_offset.x != 0.0 || s.back_offset.y != 0.0) {
        let mut d = Diagnostic::warning(
            "the back offset is not used with duplex: fold, where front and back are printed side by side",
        )
        .about("sheets, field back_offset")
        .help("remove back_offset, or print two-sided (duplex: long or short)");
        if let Some(at) = s.back_offset_at {
            d = d.at(at);
        }
        diags.push(d);
    }
    match sheets::fit(&sheet_spec(deck)) {
        Ok(l) => Some(l),
        Err(e) => {
            // Named as it was set: a flag, or the deck's line.
            let flags: Vec<&str> = ["cards.size", "sheets.paper"]
                .iter()
                .filter_map(|k| deck.flag(k))
                .collect();
            let subject = if flags.is_empty() {
                "sheets, field paper".to_string()
            } else {
                flags.join(" with ")
            };
            let mut d = Diagnostic::error(e.message).about(subject).help(e.help);
            let at = match (deck.flag("sheets.paper"), deck.flag("cards.size")) {
                (Some(_), _) => deck.cards.size_at,
                (None, Some(_)) => s.paper_at,
                (None, None) => s.paper_at.or(deck.cards.size_at),
            };
            if let Some(at) = at {
                d = d.at(at);
            }
            diags.push(d);
            None
        }
    }
}

/// The cards' faces as imposition takes them.
fn sides(cards: &[CardFaces]) -> Vec<impose::Sides<'_>> {
    cards
        .iter()
        .map(|c| impose::Sides {
            code: &c.code,
            front: &c.front,
            back: &c.back,
        })
        .collect()
}

fn doc_info(deck: &Deck, what: &str) -> DocInfo {
    let edition = deck.edition.as_ref().map(|e| e.plain().to_string());
    DocInfo {
        title: match &edition {
            Some(e) => format!("{} — {what} ({e})", deck.title.plain()),
            None => format!("{} — {what}", deck.title.plain()),
        },
        subject: deck.credit.as_ref().map(|c| c.plain().to_string()),
        keywords: edition.into_iter().collect(),
        language: deck.language.clone(),
        structure: None,
        pdfx: None,
    }
}

/// The PDF/X a shop's cards are made in, if it takes a PDF/X.
fn shop_pdfx(deck: &Deck) -> Result<Option<render::pdfx::Pdfx>, render::RenderError> {
    use crate::shop::Files;
    let Some(Files::Pdf(standard, condition)) = deck.shop.map(|s| s.files()) else {
        return Ok(None);
    };
    let given: Vec<(crate::frame::Color, [f32; 4])> = deck
        .characteristics
        .iter()
        .filter_map(|c| c.cmyk.map(|(inks, _)| (c.colour, inks)))
        .collect();
    // The shop's own profile, if the deck names one, for its press's
    // limit; else the bundled one.
    let condition = match &deck.print_profile {
        Some(p) => render::cmyk::Condition::custom(
            &p.path.display().to_string(),
            p.bytes.to_vec(),
            condition,
        ),
        None => condition.clone(),
    };
    let converter = render::cmyk::Converter::new(Arc::new(condition))
        .map_err(render::RenderError)?
        .with_inks(&given);
    Ok(Some(render::pdfx::Pdfx {
        standard,
        converter: Arc::new(converter),
        date: deck_date(deck),
    }))
}

/// When the deck was made, for the PDF/X dates: `SOURCE_DATE_EPOCH` if
/// set (reproducible builds), else the deck file's last change, so that
/// the same deck gives the same bytes.
fn deck_date(deck: &Deck) -> render::pdfx::Date {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .or_else(|| {
            std::fs::metadata(&deck.source.path)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map(|d| d.as_secs())
        })
        .unwrap_or(0);
    render::pdfx::Date::from_unix(secs)
}

/// The print-shop deck's structure, for a tagged PDF: a section per
/// characteristic, each card's front (and a back that continues it) a
/// paragraph of it; the backs that repeat the characteristic's design
/// are decoration. A bookmark for every card.
fn card_structure(deck: &Deck, cards: &[CardFaces], pages: &mut [Page]) -> crate::frame::Structure {
    use crate::design::card::CardKind;
    use crate::frame::{Role, Structure};
    let mut st = Structure::default();
    let mut sect = None;
    for (i, card) in cards.iter().enumerate() {
        let title = match card.kind {
            CardKind::Summary { c } => {
                let ch = &deck.characteristics[c];
                format!("{} {}", ch.number, ch.name.plain())
            }
            CardKind::Behaviour { c, b } => {
                let title = design::card::heading(&deck.characteristics[c].behaviours[b].title);
                format!("{} {}", card.code, title.text)
            }
            CardKind::Blank { .. } => {
                format!(
                    "{} {}",
                    card.code,
                    deck.labels.get(crate::deck::Key::BlankCard)
                )
            }
        };
        if matches!(card.kind, CardKind::Summary { .. }) || sect.is_none() {
            sect = Some(st.add(Role::Section, None));
        }
        let front = st.add(Role::Paragraph, sect);
        st.bookmarks.push((title, front));
        if let Some(page) = pages.get_mut(2 * i) {
            page.frame.mark(0, front);
        }
        if card.back_has_content {
            let back = st.add(Role::Paragraph, sect);
            if let Some(page) = pages.get_mut(2 * i + 1) {
                page.frame.mark(0, back);
            }
        }
    }
    st
}

/// Renders the print-shop deck: one face per page with bleed. The faces
/// the pages alone hold (once the build has let go of them) are freed as
/// the pages are written.
pub fn cards_pdf(
    deck: &Deck,
    cards: Arc<Vec<CardFaces>>,
) -> Result<OutputFile, render::RenderError> {
    let size = deck.cards.size.size;
    let bleed = deck.cards.bleed;
    let mut pages = impose::card_pages(&sides(&cards), size, bleed);
    let structure = card_structure(deck, &cards, &mut pages);
    let info = DocInfo {
        structure: Some(structure),
        pdfx: shop_pdfx(deck)?,
        ..doc_info(deck, "cards")
    };
    let content_backs = cards.iter().filter(|c| c.back_has_content).count();
    let (count, n) = (cards.len(), pages.len());
    drop(cards);
    let (bytes, preflight_of) = match &info.pdfx {
        Some(x) => (render::pdf(&pages, &info)?, preflight(&pages, x)),
        None => (render::pdf::pdf_owned(pages, &info)?, String::new()),
    };
    let mut summary = format!(
        "{} pages: {} cards, front and back, {} trim + {} mm bleed",
        n,
        count,
        deck.cards.size,
        fmt_mm(bleed)
    );
    if content_backs > 0 {
        summary.push_str(&format!(
            "; {content_backs} summary card{} continued on the back",
            if content_backs == 1 { "" } else { "s" }
        ));
    }
    summary.push_str(&untagged(n, &info));
    summary.push_str(&preflight_of);
    Ok(OutputFile {
        name: "cards.pdf".into(),
        bytes,
        summary,
    })
}

/// What the report says of a document too long to be tagged.
fn untagged(pages: usize, info: &DocInfo) -> String {
    if info.structure.is_some() && !render::pdf::tagged(pages, info) {
        format!(
            "; not tagged for screen readers (over {} pages)",
            render::pdf::MAX_TAGGED_PAGES
        )
    } else {
        String::new()
    }
}

fn duplex_words(d: Duplex) -> &'static str {
    match d {
        Duplex::Long => "two-sided, flip on long edge",
        Duplex::Short => "two-sided, flip on short edge",
        Duplex::Separate => "one-sided, backs on separate sheets",
        Duplex::Fold => "one-sided, front and back side by side to fold",
    }
}

fn paper_words(deck: &Deck, layout: &Layout) -> String {
    let paper = &deck.sheets.paper;
    let name = match paper.name {
        Some(n) => crate::deck::paper_name(n),
        None => format!("{}", paper.size),
    };
    let turn = if layout.sheet.is_landscape() {
        "landscape"
    } else {
        "portrait"
    };
    format!("{name} {turn}")
}

/// The pages of `sheets.pdf`: the guide (unless left out), then the
/// sheets. Problems with the guide go to `diags`.
pub fn sheet_pages(
    deck: &Deck,
    cards: &[CardFaces],
    layout: &Layout,
    ts: &mut Typesetter,
    diags: &mut Diagnostics,
) -> Option<Vec<Page>> {
    let s = &deck.sheets;
    let two_sided = matches!(s.duplex, Duplex::Long | Duplex::Short);
    let guide_pages = match (s.guide, two_sided) {
        (false, _) => 0,
        (true, true) => 2,
        (true, false) => 1,
    };
    // Copies: each deck on sheets of its own, its last sheet's empty
    // slots left blank.
    let copies = s.copies.max(1);
    let per_copy = if copies > 1 {
        layout.sheets_for(cards.len()) * layout.per_sheet()
    } else {
        cards.len()
    };
    let blank = std::sync::Arc::new(Frame::new(crate::geom::Size::new(0.0, 0.0)));
    let mut slots = Vec::with_capacity(per_copy * copies);
    for _ in 0..copies {
        slots.extend(sides(cards));
        slots.extend((cards.len()..per_copy).map(|_| impose::Sides {
            code: "",
            front: &blank,
            back: &blank,
        }));
    }
    // The guide's pages: one (and its blank back when two-sided), or two
    // on paper too small for one; the pages it names follow from that.
    let mut guide_pages = guide_pages;
    let (plan, guide) = loop {
        let plan = layout.plan(slots.len(), guide_pages);
        if !s.guide {
            break (plan, Vec::new());
        }
        let info = GuideInfo {
            deck_title: deck.title.plain().to_string(),
            page: layout.sheet,
            printable: layout.printable,
            paper: s.paper.clone(),
            card: deck.cards.size.clone(),
            cut: s.cut,
            bleed: layout.bleed,
            duplex: s.duplex,
            cards: cards.len(),
            copies,
            sheets: plan.sheets,
            cols: layout.cols,
            rows: layout.rows,
            guide_pages,
            first_front: plan.front_page(0),
            first_back: plan.back_page(0),
            fronts: (
                plan.front_page(0),
                plan.front_page(plan.sheets.saturating_sub(1)),
            ),
            backs: (s.duplex == Duplex::Separate).then(|| {
                let last = plan.sheets.saturating_sub(1);
                (
                    plan.back_page(0).unwrap_or(0),
                    plan.back_page(last).unwrap_or(0),
                )
            }),
            last_page: plan.pages,
            back_offset: s.back_offset,
            margin: s.margin,
            fronts_at: layout.fronts.clone(),
            backs_at: if layout.fold() {
                layout.back_rects()
            } else {
                Vec::new()
            },
            mirror: layout.mirror,
            labels: deck.labels.clone(),
        };
        match guide::guide(ts, &info) {
            Ok(pages) if pages.len() > guide_pages => guide_pages = pages.len(),
            Ok(pages) => break (plan, pages),
            Err(e) => {
                let mut d = Diagnostic::error(e)
                    .about("sheets, field guide")
                    .help("leave the guide out (guide: false, or --no-guide), choose larger paper, or a smaller margin");
                if let Some(at) = s.paper_at {
                    d = d.at(at);
                }
                diags.push(d);
                return None;
            }
        }
    };
    let sheets_per_copy = plan.sheets / copies;
    let mut labels = Vec::with_capacity(plan.sheets);
    for sheet in 0..plan.sheets {
        let on: Vec<&impose::Sides> = slots[plan.cards_on(sheet)]
            .iter()
            .filter(|c| !c.code.is_empty())
            .collect();
        let (first, last) = match (on.first(), on.last()) {
            (Some(f), Some(l)) => (f.code.to_string(), l.code.to_string()),
            _ => continue,
        };
        let mut info = LabelInfo {
            sheet: sheet + 1,
            sheets: plan.sheets,
            deck: (copies > 1).then(|| (sheet / sheets_per_copy.max(1) + 1, copies)),
            back: false,
            fold: layout.fold(),
            first,
            last,
        };
        let front = layout
            .front_label
            .and_then(|r| guide::sheet_label(ts, &deck.labels, &info, r.size()));
        info.back = true;
        let back = layout
            .back_label
            .and_then(|r| guide::sheet_label(ts, &deck.labels, &info, r.size()));
        labels.push(SheetLabels { front, back });
    }
    Some(sheets::sheet_pages(layout, &plan, &slots, &guide, &labels))
}

/// Renders the sheets for office printers.
pub fn sheets_pdf(
    deck: &Deck,
    layout: &Layout,
    pages: Vec<Page>,
    cards: usize,
) -> Result<OutputFile, render::RenderError> {
    let n = pages.len();
    let bytes = render::pdf::pdf_owned(pages, &doc_info(deck, "sheets for office printing"))?;
    let copies = deck.sheets.copies.max(1);
    let sheets = layout.sheets_for(cards) * copies;
    let guide = if deck.sheets.guide { "guide, " } else { "" };
    let decks = if copies > 1 {
        format!("{copies} decks of ")
    } else {
        String::new()
    };
    let summary = format!(
        "{} pages: {guide}{decks}{cards} cards on {sheets} sheet{} of {}, {} per sheet ({} × {}, {} cuts), {}",
        n,
        if sheets == 1 { "" } else { "s" },
        paper_words(deck, layout),
        layout.per_sheet(),
        layout.cols,
        layout.rows,
        deck.sheets.cut.name(),
        duplex_words(deck.sheets.duplex)
    );
    Ok(OutputFile {
        name: "sheets.pdf".into(),
        bytes,
        summary,
    })
}

/// The poster's file name.
pub const POSTER_PDF: &str = "poster.pdf";
/// The tiled poster's file name.
pub const TILES_PDF: &str = "poster-tiles.pdf";

/// Renders the poster on one page (with bleed if the deck asks for it).
pub fn poster_pdf(deck: &Deck, poster: &Poster) -> Result<OutputFile, render::RenderError> {
    let bleed = deck.poster.bleed;
    let page = impose::poster_page(&poster.frame, bleed);
    let info = DocInfo {
        structure: Some(poster.structure.clone()),
        pdfx: shop_pdfx(deck)?,
        ..doc_info(deck, "poster")
    };
    let bytes = render::pdf(std::slice::from_ref(&page), &info)?;
    let mut summary = format!("1 page: {} poster", deck.poster.describe());
    if bleed > 0.0 {
        summary.push_str(&format!(", trim + {} mm bleed", fmt_mm(bleed)));
    }
    let n = deck.characteristics.len();
    summary.push_str(&format!(
        "; {n} characteristic{}, behaviour {} at {} pt",
        if n == 1 { "" } else { "s" },
        match poster.content {
            Content::Texts => "texts",
            Content::Titles => "titles",
        },
        fmt_mm(poster.body)
    ));
    if poster.content == Content::Titles {
        summary.push_str(&format!(
            " (their full texts do not fit at {} pt: a larger poster may hold them)",
            fmt_mm(poster.scale.body_floor())
        ));
    }
    let cap = deck.fonts.main_for(crate::fonts::Face::Bold).cap_height();
    summary.push_str(&format!(
        "; names legible from {:.1} m, body text from {:.1} m",
        legible_from(poster.name, cap),
        legible_from(poster.body, cap)
    ));
    if let Some(x) = &info.pdfx {
        summary.push_str(&preflight(&[page], x));
    }
    Ok(OutputFile {
        name: POSTER_PDF.into(),
        bytes,
        summary,
    })
}

/// Renders the poster on office sheets to assemble.
pub fn tiles_pdf(
    deck: &Deck,
    tiled: &Tiled,
    paper: &NamedSize,
) -> Result<OutputFile, render::RenderError> {
    let g = &tiled.grid;
    let pages = tiles::tile_pages(&tiled.poster, g, tiled.labels.clone(), "sheet");
    let bytes = render::pdf(&pages, &doc_info(deck, "poster on sheets"))?;
    let paper_name = paper
        .name
        .map_or_else(|| paper.size.to_string(), |n| n.to_uppercase());
    Ok(OutputFile {
        name: TILES_PDF.into(),
        bytes,
        summary: format!(
            "{} pages: the poster on {} {} sheets ({} × {}, {}), {} mm overlap, cut and glue",
            pages.len(),
            pages.len(),
            paper_name,
            g.cols,
            g.rows,
            if g.paper.is_landscape() {
                "landscape"
            } else {
                "portrait"
            },
            fmt_mm(tiles::OVERLAP)
        ),
    })
}

/// The calibration sheet for the deck's paper, orientation and duplex.
/// Returns `None` if it cannot be made (the problem is in `diags`).
pub fn calibration_pdf(
    deck: &Deck,
    diags: &mut Diagnostics,
) -> Result<Option<OutputFile>, render::RenderError> {
    let s = &deck.sheets;
    if s.duplex == Duplex::Fold {
        let mut d = Diagnostic::error(
            "there is nothing to calibrate with duplex: fold: front and back are printed side by side on one side of the sheet",
        )
        .about(deck.flag("sheets.duplex").unwrap_or("sheets, field duplex"))
        .help("calibrate for the duplex you print with: deckpress calibrate --duplex long (or short, or none)");
        if let Some(at) = s.duplex_at {
            d = d.at(at);
        }
        diags.push(d);
        return Ok(None);
    }
    let Some(layout) = sheet_layout(deck, diags) else {
        return Ok(None);
    };
    let info = CalibrationInfo {
        page: layout.sheet,
        printable: layout.printable,
        paper: s.paper.clone(),
        duplex: s.duplex,
        mirror: layout.mirror,
        labels: deck.labels.clone(),
    };
    if !deck.labels.known(|k| k.name().starts_with("calibration_")) {
        warn_english(deck, &["the calibration sheet"], diags);
    }
    let mut ts = Typesetter::new(&deck.fonts);
    let (front, back) =
        match calibration::calibration(&mut ts, &info) {
            Ok(f) => f,
            Err(e) => {
                diags.push(Diagnostic::error(e).about("sheets, field paper").help(
                    "print the calibration sheet on A4, Letter or larger paper (--paper a4)",
                ));
                return Ok(None);
            }
        };
    let pages: Vec<Page> = [(front, "calibration front"), (back, "calibration back")]
        .into_iter()
        .map(|(frame, label)| Page {
            size: layout.sheet,
            trim: None,
            bleed: None,
            frame,
            label: label.into(),
        })
        .collect();
    let bytes = render::pdf(&pages, &doc_info(deck, "calibration sheet"))?;
    Ok(Some(OutputFile {
        name: "calibration.pdf".into(),
        bytes,
        summary: format!(
            "2 pages: one calibration sheet, {}, {}",
            paper_words(deck, &layout),
            duplex_words(s.duplex)
        ),
    }))
}

/// How finely the preview pictures are drawn: enough to read every card.
pub const PREVIEW_DPI: f32 = 110.0;

/// The preview: a picture of every card (each front beside its back, in
/// deck order, labelled with its code and title) and one of the poster,
/// rasterised from PDFs of the very faces the builds print. `None` when
/// the cards cannot be made (the reasons are in `diags`); a poster that
/// cannot be made is left out with a warning.
pub fn preview(
    deck: &Deck,
    diags: &mut Diagnostics,
) -> Result<Option<Vec<OutputFile>>, render::RenderError> {
    let mut job = Job::new(deck);
    // The faces' problems are found again by the build below, with the
    // deck-wide ones: they are kept only if the faces cannot be made.
    let mut faces_found = Diagnostics::default();
    let cards = job.faces(Edge::Bleed, &mut faces_found);
    if faces_found.has_errors() {
        diags.extend(faces_found);
        return Ok(None);
    }
    let mut notes = Vec::new();
    let mut files = Vec::new();
    let sheet = contact_sheet(deck, &cards, &mut job.ts);
    let pdf = render::pdf(&[sheet], &doc_info(deck, "preview"))?;
    let (png, (w, h)) = picture(&pdf)?;
    files.push(OutputFile {
        name: "cards.png".into(),
        bytes: png,
        summary: format!(
            "{} cards, each front beside its back, {w} × {h} px",
            cards.len()
        ),
    });
    let trim = deck.poster.trim();
    let office = Edge::Inset(poster_design::Scale::of(trim).margin());
    let mut found = Diagnostics::default();
    let poster = poster_design::poster(deck, &mut job.ts, trim, office, &mut found);
    if found.has_errors() {
        notes.push(
            Diagnostic::warning(
                "the poster is not in the preview: it cannot be made as the deck stands",
            )
            .about("the preview")
            .help("deckpress check shows why, and which poster size would hold it"),
        );
    } else {
        let page = impose::poster_page(&poster.frame, 0.0);
        let pdf = render::pdf(&[page], &doc_info(deck, "poster"))?;
        let (png, (w, h)) = picture(&pdf)?;
        files.push(OutputFile {
            name: "poster.png".into(),
            bytes: png,
            summary: format!("the poster, {}, {w} × {h} px", deck.poster.describe()),
        });
    }
    // The other documents as they will print: built as `build` builds
    // them, their first pages drawn from the PDFs. Their problems are the
    // deck's, already found; an output that cannot be made is left out
    // with a note.
    let mut again = Diagnostics::default();
    let wanted: Vec<Output> = Output::ALL
        .iter()
        .copied()
        .filter(|o| *o != Output::Poster || !found.has_errors())
        .collect();
    let built = build_each(deck, &wanted, &mut again)?;
    // What `check` finds (the faces' problems, and the deck-wide ones
    // such as its colours), and the preview's own notes.
    diags.extend(again);
    for d in notes {
        diags.push(d);
    }
    for out in &built.failed {
        if *out != Output::Poster {
            diags.push(
                Diagnostic::warning(format!(
                    "{} is not in the preview: it cannot be made as the deck stands",
                    out.name()
                ))
                .about("the preview")
                .help("deckpress check shows why"),
            );
        }
    }
    let two_sided = matches!(deck.sheets.duplex, Duplex::Long | Duplex::Short);
    let first_sheet = match (deck.sheets.guide, two_sided) {
        (false, _) => 0,
        (true, true) => 2,
        (true, false) => 1,
    };
    for f in &built.files {
        let pages: Vec<(usize, &str, &str)> = match f.name.as_str() {
            "sheets.pdf" if deck.sheets.guide => vec![
                (0, "guide.png", "the printed guide"),
                (first_sheet, "sheet.png", "the first sheet, front"),
            ],
            "sheets.pdf" => vec![(0, "sheet.png", "the first sheet, front")],
            "handout.pdf" => vec![(0, "handout.png", "the handout, page 1")],
            "worksheet.pdf" => vec![(0, "worksheet.png", "the worksheet, page 1")],
            _ => continue,
        };
        let which: Vec<usize> = pages.iter().map(|p| p.0).collect();
        let images = render::png::rasterize_pages(&f.bytes, PREVIEW_DPI, Some(&which))
            .map_err(render::RenderError)?;
        for ((_, name, summary), img) in pages.into_iter().zip(images) {
            let rgb = image::DynamicImage::ImageRgba8(img).to_rgb8();
            let (w, h) = rgb.dimensions();
            let mut png = std::io::Cursor::new(Vec::new());
            rgb.write_to(&mut png, image::ImageFormat::Png)
                .map_err(|e| {
                    render::RenderError(format!("the preview could not be encoded: {e}"))
                })?;
            files.push(OutputFile {
                name: name.into(),
                bytes: png.into_inner(),
                summary: format!("{summary}, {w} × {h} px"),
            });
        }
    }
    let html = proof_html(deck, diags, &files, &built.files);
    files.push(OutputFile {
        name: "proof.html".into(),
        summary: format!(
            "a page to open in a browser: every picture above, the printing choices and {}",
            match diags.warnings() {
                0 => "no problems".to_string(),
                1 => "the 1 problem found".to_string(),
                n => format!("the {n} problems found"),
            }
        ),
        bytes: html.into_bytes(),
    });
    Ok(Some(files))
}

fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// `proof.html`: the preview's pictures, what each PDF will be and the
/// problems found, on one page with the pictures beside it.
fn proof_html(
    deck: &Deck,
    diags: &Diagnostics,
    pictures: &[OutputFile],
    pdfs: &[OutputFile],
) -> String {
    let e = html_escape;
    let title = deck.title.plain();
    let mut h = String::new();
    h.push_str(&format!(
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} — proof</title>\n",
        e(&deck.language),
        e(title)
    ));
    h.push_str("<style>\nbody{font-family:system-ui,sans-serif;margin:2rem auto;max-width:75rem;padding:0 1rem;color:#1e1e1e;line-height:1.45}\nh1{margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}\n.sub{color:#595959;margin-top:0}\nfigure{margin:1rem 0}img{max-width:100%;height:auto;border:1px solid #ccc;background:#fff}\nfigcaption{color:#595959;font-size:.9rem}\n.problems li{margin-bottom:.8rem}pre{white-space:pre-wrap;background:#f6f6f6;padding:.6rem;border-radius:4px;font-size:.85rem}\n.ok{color:#0f5c3a;font-weight:600}.row{display:flex;gap:1.5rem;flex-wrap:wrap;align-items:flex-start}.row figure{flex:1 1 20rem}\ntable{border-collapse:collapse}td{padding:.25rem .8rem .25rem 0;vertical-align:top}td:first-child{font-weight:600;white-space:nowrap}\n</style>\n</head>\n<body>\n");
    h.push_str(&format!("<h1>{}</h1>\n", e(title)));
    let mut sub = deck.summary();
    if let Some(ed) = &deck.edition {
        sub.push_str(&format!(" · {}", ed.plain()));
    }
    h.push_str(&format!("<p class=\"sub\">{}</p>\n", e(&sub)));
    h.push_str("<h2>What will print</h2>\n<table>\n");
    for f in pdfs {
        h.push_str(&format!(
            "<tr><td>{}</td><td>{}</td></tr>\n",
            e(&f.name),
            e(&f.summary)
        ));
    }
    h.push_str("</table>\n<h2>Problems found</h2>\n");
    let found = diags.sorted();
    if found.is_empty() {
        h.push_str("<p class=\"ok\">None: deckpress check found nothing to fix.</p>\n");
    } else {
        h.push_str("<ul class=\"problems\">\n");
        for d in found {
            h.push_str(&format!(
                "<li><pre>{}</pre></li>\n",
                e(d.render(&deck.source).trim_end())
            ));
        }
        h.push_str("</ul>\n");
    }
    let figure = |h: &mut String, name: &str, alt: &str| {
        if let Some(p) = pictures.iter().find(|p| p.name == name) {
            h.push_str(&format!(
                "<figure><img src=\"{name}\" alt=\"{}\"><figcaption>{}</figcaption></figure>\n",
                e(alt),
                e(&format!("{name}: {}", p.summary))
            ));
        }
    };
    h.push_str("<h2>Cards</h2>\n");
    figure(
        &mut h,
        "cards.png",
        "Every card, each front beside its back, labelled with its code and title",
    );
    h.push_str("<h2>Poster</h2>\n");
    figure(&mut h, "poster.png", "The poster");
    h.push_str("<h2>Office sheets, handout and worksheet</h2>\n<div class=\"row\">\n");
    figure(
        &mut h,
        "guide.png",
        "The printed guide: how to print and cut the cards",
    );
    figure(
        &mut h,
        "sheet.png",
        "The first sheet of cards, front, with crop marks",
    );
    figure(&mut h, "handout.png", "The first page of the handout");
    figure(&mut h, "worksheet.png", "The first page of the worksheet");
    h.push_str("</div>\n");
    // For a browser test: how many pictures loaded, and any error.
    h.push_str("<script>\n(function () {\n  var errors = 0;\n  window.addEventListener('error', function () { errors += 1; document.body.dataset.errors = errors; }, true);\n  window.addEventListener('load', function () {\n    var ok = 0, missing = [];\n    for (var i = 0; i < document.images.length; i++) {\n      var img = document.images[i];\n      if (img.complete && img.naturalWidth > 0) { ok += 1; } else { missing.push(img.getAttribute('src')); }\n    }\n    document.body.dataset.images = document.images.length;\n    document.body.dataset.loaded = ok;\n    document.body.dataset.missing = missing.join(' ');\n    document.body.dataset.errors = errors;\n  });\n})();\n</script>\n</body>\n</html>\n");
    h
}

/// The first page of a PDF as a PNG at `PREVIEW_DPI` (RGB, no
/// transparency), and its size in pixels.
fn picture(pdf: &[u8]) -> Result<(Vec<u8>, (u32, u32)), render::RenderError> {
    let pages = render::png::rasterize(pdf, PREVIEW_DPI).map_err(render::RenderError)?;
    let first = pages
        .into_iter()
        .next()
        .ok_or_else(|| render::RenderError("the preview has no page".into()))?;
    let rgb = image::DynamicImage::ImageRgba8(first).to_rgb8();
    let size = rgb.dimensions();
    let mut out = std::io::Cursor::new(Vec::new());
    rgb.write_to(&mut out, image::ImageFormat::Png)
        .map_err(|e| render::RenderError(format!("the preview could not be encoded: {e}")))?;
    Ok((out.into_inner(), size))
}

/// Every card on one page: front and back side by side, four cards to a
/// row, each pair under its code and title.
fn contact_sheet(deck: &Deck, cards: &[CardFaces], ts: &mut Typesetter) -> Page {
    use crate::design::card::CardKind;
    use crate::text::{Rich, Style};
    let card = deck.cards.size.size;
    let (margin, pair_gap, label_h, gap) = (8.0, 10.0, 7.0, 2.0);
    let pair_w = 2.0 * card.w + gap;
    let cols = 4usize.min(cards.len().max(1));
    let rows = cards.len().div_ceil(cols).max(1);
    let size = crate::geom::Size::new(
        2.0 * margin + cols as f32 * pair_w + (cols - 1) as f32 * pair_gap,
        2.0 * margin + rows as f32 * (label_h + card.h) + (rows - 1) as f32 * pair_gap,
    );
    let mut frame = Frame::new(size);
    frame.fill_rect(
        crate::geom::Rect::from_size(size),
        crate::frame::Color::rgb(0xee, 0xee, 0xee),
    );
    let style = Style::new(9.0, design::ink::TEXT);
    for (i, c) in cards.iter().enumerate() {
        let (col, row) = (i % cols, i / cols);
        let x = margin + col as f32 * (pair_w + pair_gap);
        let y = margin + row as f32 * (label_h + card.h + pair_gap);
        let title = match c.kind {
            CardKind::Summary { c: ci } => deck.characteristics[ci].name.plain().to_string(),
            CardKind::Behaviour { c: ci, b } => {
                design::card::heading(&deck.characteristics[ci].behaviours[b].title).text
            }
            CardKind::Blank { .. } => deck.labels.get(crate::deck::Key::BlankCard),
        };
        let label = Rich::plain(&format!("{}  {title}", c.code)).all_bold();
        // A long title is set smaller; one too long even then gives way to
        // the code alone (the card below says it in full).
        let code = Rich::plain(&c.code).all_bold();
        let set = ts
            .fit(&label, &style, pair_w, label_h - 1.0, 6.0)
            .or_else(|_| ts.layout(&code, &style, pair_w));
        if let Ok(b) = set {
            design::draw(&mut frame, &b, x, y);
        }
        impose::place_face(&mut frame, &c.front, Point::new(x, y + label_h), 0.0);
        impose::place_face(
            &mut frame,
            &c.back,
            Point::new(x + card.w + gap, y + label_h),
            0.0,
        );
    }
    Page {
        size,
        trim: None,
        bleed: None,
        frame,
        label: "preview".into(),
    }
}
