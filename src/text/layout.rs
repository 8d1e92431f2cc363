//! Paragraph layout with the bundled fonts: shaping (kerning, ligatures),
//! line breaking and alignment by parley, turned into positioned glyph runs
//! for the display list; and fitting, which shrinks text in small steps
//! down to a floor and reports what still does not fit.

use std::collections::HashMap;

use parley::fontique::{Blob, Collection, CollectionOptions, FontInfoOverride, SourceCache};
use parley::{
    Alignment, AlignmentOptions, FontContext, FontFamily, FontFamilyName, FontStyle, FontWeight,
    LayoutContext, LineHeight, StyleProperty,
};

use crate::fonts::{Face, FontFile, FontSet, BUNDLED_FAMILY};
use crate::frame::{Color, Glyph, GlyphRun, Synthesis};
use crate::geom::{pt_to_mm, Mm, Point, Pt};
use crate::text::markup::Rich;

/// Horizontal alignment of the lines of a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// How a paragraph is set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    /// Type size.
    pub size: Pt,
    /// Line distance as a multiple of the size.
    pub leading: f32,
    pub color: Color,
    pub align: Align,
    /// Extra space between letters, in em (for small capitals-like labels).
    pub tracking: f32,
}

impl Style {
    pub fn new(size: Pt, color: Color) -> Style {
        Style {
            size,
            leading: 1.3,
            color,
            align: Align::Left,
            tracking: 0.0,
        }
    }

    pub fn leading(mut self, leading: f32) -> Style {
        self.leading = leading;
        self
    }

    pub fn align(mut self, align: Align) -> Style {
        self.align = align;
        self
    }

    pub fn tracking(mut self, em: f32) -> Style {
        self.tracking = em;
        self
    }

    pub fn sized(mut self, size: Pt) -> Style {
        self.size = size;
        self
    }
}

/// A laid-out paragraph: glyph runs positioned relative to the paragraph's
/// top left corner.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub runs: Vec<GlyphRun>,
    /// The width of the longest line.
    pub width: Mm,
    /// From the top of the first line to the bottom of the last.
    pub height: Mm,
    /// Distance from the top to the first baseline.
    pub first_baseline: Mm,
    /// Distance from the top to the last baseline.
    pub last_baseline: Mm,
    pub lines: usize,
    /// The type size it was set at.
    pub size: Pt,
}

impl Block {
    /// The runs moved so that the block's top left is at `at`.
    pub fn placed(&self, at: Point) -> Vec<GlyphRun> {
        self.runs
            .iter()
            .map(|r| GlyphRun {
                origin: Point::new(r.origin.x + at.x, r.origin.y + at.y),
                ..r.clone()
            })
            .collect()
    }
}

/// Why text could not be set.
#[derive(Clone, Debug, PartialEq)]
pub enum TextError {
    /// The font has no glyph for this character.
    MissingGlyph(char),
    /// Part of the text was shaped in a font the typesetter does not know
    /// (a fault in deckpress, not in the deck): the text it holds.
    UnknownFont(String),
    /// At the smallest allowed size, the text still needs more room.
    Overflow {
        /// Height needed at the floor size.
        needed: Mm,
        /// Height available.
        available: Mm,
        /// The floor size it was tried at.
        floor: Pt,
        /// A word wider than the box, if that is what does not fit.
        wide_word: Option<String>,
        /// Whether `needed` is a lower bound found without laying the text
        /// out (for a text far longer than its room).
        estimated: bool,
    },
}

/// Lays out text in a deck's fonts. Make one and reuse it: it caches fonts
/// and scratch space.
pub struct Typesetter {
    fonts: FontContext,
    layout: LayoutContext<[u8; 4]>,
    /// The font file behind each registered blob.
    files: HashMap<u64, FontFile>,
    /// The families text tries, in order.
    stack: Vec<FontFamilyName<'static>>,
    /// The id the next laid-out line gets.
    next_line: u32,
    /// Blocks already set, by a hash of what they depend on.
    cache: Recent<(Rich, Style, u32, Block)>,
    /// Texts already shaped (at `SHAPED_AT`), by a hash of what their
    /// shaping depends on.
    shaped: Recent<Shaped>,
    /// Whether blocks are only measured (see `measuring`).
    measuring: bool,
    /// The fonts it was made with, for `fork`.
    set: FontSet,
}

/// A shaped text: the text, the bits of its leading and tracking, its
/// layout at `SHAPED_AT`, and the extents it was measured at.
struct Shaped {
    text: Rich,
    leading: u32,
    tracking: u32,
    layout: parley::Layout<[u8; 4]>,
    /// (size bits, width bits) → the block's extent there, without runs.
    measured: Vec<((u32, u32), Block)>,
}

/// How many set blocks, and how many shaped texts, are remembered: more
/// than a poster of the largest deck tries at once (its every text), so
/// that its layout search never shapes a text twice, and few enough that
/// a deck of thousands of cards does not keep every text it ever set
/// (each is set on its card and done with).
const CACHE_ENTRIES: usize = 1024;

/// A map that remembers at most `CACHE_ENTRIES` values: when it is full,
/// the half used longest ago is forgotten.
struct Recent<V> {
    map: HashMap<u64, (u64, V), rustc_hash::FxBuildHasher>,
    tick: u64,
}

impl<V> Recent<V> {
    fn new() -> Recent<V> {
        Recent {
            map: HashMap::default(),
            tick: 0,
        }
    }

    fn get(&mut self, key: u64) -> Option<&mut V> {
        self.tick += 1;
        let tick = self.tick;
        self.map.get_mut(&key).map(|(used, v)| {
            *used = tick;
            v
        })
    }

    fn remove(&mut self, key: u64) -> Option<V> {
        self.map.remove(&key).map(|(_, v)| v)
    }

    fn insert(&mut self, key: u64, value: V) {
        if self.map.len() >= CACHE_ENTRIES && !self.map.contains_key(&key) {
            let mut ticks: Vec<u64> = self.map.values().map(|(t, _)| *t).collect();
            let (_, &mut median, _) = ticks.select_nth_unstable(CACHE_ENTRIES / 2);
            self.map.retain(|_, (t, _)| *t > median);
        }
        self.tick += 1;
        self.map.insert(key, (self.tick, value));
    }
}

/// The size texts are shaped at (then set at any size).
const SHAPED_AT: Pt = 16.0;

/// A hash of a text, its spans and what its shaping depends on.
fn shape_key(text: &Rich, style: &Style) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    text.text.hash(&mut h);
    for s in &text.spans {
        (s.range.start, s.range.end, s.bold, s.italic).hash(&mut h);
    }
    (style.leading.to_bits(), style.tracking.to_bits()).hash(&mut h);
    h.finish()
}

/// A hash of a text, its spans, style and width.
fn layout_key(text: &Rich, style: &Style, width: Mm) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    text.text.hash(&mut h);
    for s in &text.spans {
        (s.range.start, s.range.end, s.bold, s.italic).hash(&mut h);
    }
    (
        style.size.to_bits(),
        style.leading.to_bits(),
        style.tracking.to_bits(),
        style.color,
        style.align as u8,
        width.to_bits(),
    )
        .hash(&mut h);
    h.finish()
}

impl Default for Typesetter {
    fn default() -> Self {
        Typesetter::new(&FontSet::bundled())
    }
}

/// The family the deck's main fonts are registered under, whatever their
/// files call themselves, so that each style is exactly the file given.
const MAIN_FAMILY: &str = "deckpress main";

impl Typesetter {
    /// A typesetter that knows only `fonts` (no system fonts, so output is
    /// the same on every machine): the main family, the fallbacks in
    /// order, and the bundled Noto Sans last.
    pub fn new(fonts: &FontSet) -> Typesetter {
        let mut collection = Collection::new(CollectionOptions {
            shared: false,
            system_fonts: false,
        });
        let mut files: HashMap<u64, FontFile> = HashMap::new();
        let mut blobs: HashMap<(usize, u32), Blob<u8>> = HashMap::new();
        let mut blob_of = |file: &FontFile, files: &mut HashMap<u64, FontFile>| {
            let blob = blobs
                .entry((file.key(), file.index()))
                .or_insert_with(|| Blob::new(file.data()))
                .clone();
            files.insert(blob.id(), file.clone());
            blob
        };
        let mut stack = vec![FontFamilyName::Named(MAIN_FAMILY.into())];
        for (face, file) in fonts.main_files() {
            let blob = blob_of(file, &mut files);
            collection.register_fonts(
                blob,
                Some(FontInfoOverride {
                    family_name: Some(MAIN_FAMILY),
                    weight: Some(if face.is_bold() {
                        FontWeight::BOLD
                    } else {
                        FontWeight::NORMAL
                    }),
                    style: Some(if face.is_italic() {
                        FontStyle::Italic
                    } else {
                        FontStyle::Normal
                    }),
                    ..FontInfoOverride::default()
                }),
            );
        }
        // Fallbacks of one family (its regular and bold files, say) are
        // one family, so that bold text finds the bold file.
        for (i, file) in fonts.fallbacks.iter().enumerate() {
            let first = fonts
                .fallbacks
                .iter()
                .position(|f| f.family == file.family)
                .unwrap_or(i);
            let name = format!("deckpress fallback {}", first + 1);
            let blob = blob_of(file, &mut files);
            collection.register_fonts(
                blob,
                Some(FontInfoOverride {
                    family_name: Some(&name),
                    ..FontInfoOverride::default()
                }),
            );
            if first == i {
                stack.push(FontFamilyName::Named(name.into()));
            }
        }
        if !fonts.main_is_bundled() {
            for face in Face::ALL {
                let blob = blob_of(crate::fonts::bundled(face), &mut files);
                collection.register_fonts(blob, None);
            }
            stack.push(FontFamilyName::Named(BUNDLED_FAMILY.into()));
        }
        Typesetter {
            fonts: FontContext {
                collection,
                source_cache: SourceCache::default(),
            },
            layout: LayoutContext::new(),
            files,
            stack,
            next_line: 0,
            cache: Recent::new(),
            shaped: Recent::new(),
            measuring: false,
            set: fonts.clone(),
        }
    }

    /// Sets `text` in lines no wider than `width`. The same text, style and
    /// width give the same block: it is set once and remembered (designs
    /// set the same footer on every card, and try a summary or a poster
    /// panel at many sizes).
    pub fn layout(&mut self, text: &Rich, style: &Style, width: Mm) -> Result<Block, TextError> {
        if self.measuring {
            return Ok(self.measure(text, style, width));
        }
        let key = layout_key(text, style, width);
        if let Some((t, s, w, block)) = self.cache.get(key) {
            if t == text && s == style && *w == width.to_bits() {
                let mut block = block.clone();
                self.renumber(&mut block);
                return Ok(block);
            }
        }
        let block = self.shape(text, style, width)?;
        self.cache
            .insert(key, (text.clone(), *style, width.to_bits(), block.clone()));
        Ok(block)
    }

    /// Forgets every text set and shaped, and the room they took: for
    /// when a large job is done with its texts (a deck's cards) and others
    /// follow. What it sets afterwards is the same.
    pub fn forget(&mut self) {
        self.cache = Recent::new();
        self.shaped = Recent::new();
    }

    /// A new typesetter with the same fonts, for another thread: what it
    /// sets is the same, byte for byte.
    pub fn fork(&self) -> Typesetter {
        Typesetter::new(&self.set)
    }

    /// Turns measuring on or off, and says whether it was on. While it is
    /// on, `layout` and `fit` give blocks with every extent (width,
    /// height, baselines, lines) and no glyph runs: searches for the
    /// largest size at which a design fits measure the sizes they try and
    /// set only the one they keep. (A missing glyph is found when that one
    /// is set.)
    pub fn measuring(&mut self, on: bool) -> bool {
        std::mem::replace(&mut self.measuring, on)
    }

    /// Gives a remembered block's lines ids of their own, so that two
    /// copies on one face stay two lines.
    fn renumber(&mut self, block: &mut Block) {
        let mut seen: Vec<(u32, u32)> = Vec::new();
        for run in &mut block.runs {
            let id = match seen.iter().find(|(old, _)| *old == run.line) {
                Some(&(_, new)) => new,
                None => {
                    let new = self.next_line;
                    self.next_line = self.next_line.wrapping_add(1);
                    seen.push((run.line, new));
                    new
                }
            };
            run.line = id;
        }
    }

    /// The shaped text of `text` in `style` (shaped now if it is new).
    fn shaped(&mut self, text: &Rich, style: &Style) -> &mut Shaped {
        // Shaping does not depend on the size (no hinting): a text is
        // shaped once, at `SHAPED_AT`, and set at any size by breaking its
        // lines at the width scaled the other way. Fitting tries a text at
        // many sizes; only the line breaking is done again.
        let key = shape_key(text, style);
        let known = self.shaped.get(key).is_some_and(|s| {
            s.text == *text
                && s.leading == style.leading.to_bits()
                && s.tracking == style.tracking.to_bits()
        });
        if !known {
            let mut builder = self
                .layout
                .ranged_builder(&mut self.fonts, &text.text, 1.0, false);
            builder.push_default(StyleProperty::FontFamily(FontFamily::List(
                self.stack.as_slice().into(),
            )));
            builder.push_default(StyleProperty::FontSize(SHAPED_AT));
            builder.push_default(StyleProperty::LineHeight(LineHeight::FontSizeRelative(
                style.leading,
            )));
            if style.tracking != 0.0 {
                builder.push_default(StyleProperty::LetterSpacing(style.tracking * SHAPED_AT));
            }
            for span in &text.spans {
                if span.bold {
                    builder.push(
                        StyleProperty::FontWeight(FontWeight::BOLD),
                        span.range.clone(),
                    );
                }
                if span.italic {
                    builder.push(
                        StyleProperty::FontStyle(FontStyle::Italic),
                        span.range.clone(),
                    );
                }
            }
            let layout = builder.build(&text.text);
            self.shaped.insert(
                key,
                Shaped {
                    text: text.clone(),
                    leading: style.leading.to_bits(),
                    tracking: style.tracking.to_bits(),
                    layout,
                    measured: Vec::new(),
                },
            );
        }
        self.shaped
            .get(key)
            .expect("a shaped text is remembered until the next one is shaped")
    }

    /// The extent of `text` set in lines no wider than `width`: the block
    /// `layout` gives, without its glyph runs.
    pub fn measure(&mut self, text: &Rich, style: &Style, width: Mm) -> Block {
        let k = style.size / SHAPED_AT;
        let at = (style.size.to_bits(), width.to_bits());
        let shaped = self.shaped(text, style);
        if let Some((_, block)) = shaped.measured.iter().find(|(a, _)| *a == at) {
            return block.clone();
        }
        let layout = &mut shaped.layout;
        layout.break_all_lines(Some(crate::geom::mm_to_pt(width) / k));
        let (mut widest, mut first, mut last, mut lines) = (0.0f32, None, 0.0, 0);
        for line in layout.lines() {
            let m = line.metrics();
            widest = widest.max(m.advance - m.hanging_advance);
            first.get_or_insert(m.baseline);
            last = m.baseline;
            lines += 1;
        }
        let block = Block {
            runs: Vec::new(),
            width: pt_to_mm(widest * k),
            height: pt_to_mm(layout.height() * k),
            first_baseline: pt_to_mm(first.unwrap_or(0.0) * k),
            last_baseline: pt_to_mm(last * k),
            lines,
            size: style.size,
        };
        shaped.measured.push((at, block.clone()));
        block
    }

    fn shape(&mut self, text: &Rich, style: &Style, width: Mm) -> Result<Block, TextError> {
        let size = style.size;
        let k = size / SHAPED_AT;
        // Borrow the layout apart from the typesetter's other fields.
        let key = shape_key(text, style);
        self.shaped(text, style);
        let mut shaped = self.shaped.remove(key).expect("the text was just shaped");
        let result = self.set_lines(&mut shaped.layout, text, style, width, k);
        self.shaped.insert(key, shaped);
        result
    }

    /// Breaks a shaped text into lines no wider than `width` and makes the
    /// block of glyph runs, at `k` times the shaping size.
    fn set_lines(
        &mut self,
        layout: &mut parley::Layout<[u8; 4]>,
        text: &Rich,
        style: &Style,
        width: Mm,
        k: f32,
    ) -> Result<Block, TextError> {
        let size = style.size;
        // Work in points at the shaping size; scale and convert to mm at
        // the end.
        let max_width = crate::geom::mm_to_pt(width) / k;
        layout.break_all_lines(Some(max_width));
        // Physical alignment, whatever the text's direction: a face of a
        // right-to-left deck is designed left to right and then mirrored
        // (`Frame::mirrored`), which turns left into right.
        let alignment = match style.align {
            Align::Left => Alignment::Left,
            Align::Center => Alignment::Center,
            Align::Right => Alignment::Right,
        };
        layout.align(alignment, AlignmentOptions::default());

        let mut runs = Vec::new();
        let mut widest: f32 = 0.0;
        let mut first_baseline = None;
        let mut last_baseline = 0.0;
        let mut lines = 0;
        for line in layout.lines() {
            lines += 1;
            let line_id = self.next_line;
            self.next_line = self.next_line.wrapping_add(1);
            let metrics = line.metrics();
            widest = widest.max(metrics.advance - metrics.hanging_advance);
            first_baseline.get_or_insert(metrics.baseline);
            last_baseline = metrics.baseline;
            let mut x = metrics.offset;
            for run in line.runs() {
                // A run in a font this typesetter did not register cannot
                // be printed: it is an error, never text silently left out.
                let Some(font) = self.files.get(&run.font().data.id()).cloned() else {
                    return Err(TextError::UnknownFont(
                        text.text[run.text_range()].to_string(),
                    ));
                };
                let run_text_start = run.text_range().start;
                let run_text = &text.text[run.text_range()];
                let mut glyphs = Vec::new();
                let start_x = x;
                for cluster in run.visual_clusters() {
                    let range = cluster.text_range();
                    let rel = range.start - run_text_start..range.end - run_text_start;
                    if cluster.is_ligature_continuation() {
                        if let Some(last) = glyphs.last_mut() {
                            let g: &mut Glyph = last;
                            g.text.end = g.text.end.max(rel.end as u32);
                        }
                        continue;
                    }
                    for glyph in cluster.glyphs() {
                        if glyph.id == 0 {
                            let ch = text.text[range.clone()]
                                .chars()
                                .find(|c| !c.is_whitespace() && !c.is_control());
                            if let Some(ch) = ch {
                                return Err(TextError::MissingGlyph(ch));
                            }
                        }
                        glyphs.push(Glyph {
                            id: glyph.id as u16,
                            x_advance: glyph.advance / SHAPED_AT,
                            x_offset: glyph.x / SHAPED_AT,
                            y_offset: glyph.y / SHAPED_AT,
                            text: rel.start as u32..rel.end as u32,
                        });
                        x += glyph.advance;
                    }
                }
                // Trailing spaces at a line end carry no ink; drop their
                // glyphs so that nothing sits past the margin.
                while glyphs.last().is_some_and(|g| {
                    run_text[g.text.start as usize..g.text.end as usize]
                        .chars()
                        .all(char::is_whitespace)
                        && run.text_range().end >= line.text_range().end
                }) {
                    glyphs.pop();
                }
                if glyphs.is_empty() {
                    continue;
                }
                let styled = text
                    .spans
                    .iter()
                    .find(|s| s.range.contains(&run_text_start))
                    .map_or(Face::Regular, |s| Face::styled(s.bold, s.italic));
                let synth = run.synthesis();
                runs.push(GlyphRun {
                    origin: Point::new(pt_to_mm(start_x * k), pt_to_mm(metrics.baseline * k)),
                    line: line_id,
                    font,
                    style: styled,
                    synthesis: Synthesis {
                        coords: synth
                            .variation_settings()
                            .iter()
                            .map(|(tag, v)| (tag.to_be_bytes(), *v))
                            .collect(),
                        embolden: synth.embolden(),
                        skew: synth.skew().unwrap_or(0.0),
                    },
                    size,
                    color: style.color,
                    glyphs: glyphs.into_iter().collect(),
                    text: run_text.into(),
                });
            }
        }
        Ok(Block {
            runs,
            width: pt_to_mm(widest * k),
            height: pt_to_mm(layout.height() * k),
            first_baseline: pt_to_mm(first_baseline.unwrap_or(0.0) * k),
            last_baseline: pt_to_mm(last_baseline * k),
            lines,
            size,
        })
    }

    /// The widest single word of `text` at `style`, and its width, for
    /// telling users which word cannot fit.
    fn widest_word(&mut self, text: &Rich, style: &Style) -> Option<(String, Mm)> {
        let mut best: Option<(String, Mm)> = None;
        for word in text.text.split_whitespace() {
            let block = self.layout(&Rich::plain(word), style, 10_000.0).ok()?;
            if best.as_ref().is_none_or(|(_, w)| block.width > *w) {
                best = Some((word.to_string(), block.width));
            }
        }
        best
    }

    /// Sets `text` at the largest size from `style.size` down to `floor`
    /// (in steps of `STEP` pt) at which it fits in `width` × `height`, or
    /// says by how much it does not fit at the floor.
    pub fn fit(
        &mut self,
        text: &Rich,
        style: &Style,
        width: Mm,
        height: Mm,
        floor: Pt,
    ) -> Result<Block, TextError> {
        let floor = floor.min(style.size);
        let steps = ((style.size - floor) / STEP).round() as i32;
        let size_at = |i: i32| style.size - i as f32 * STEP;
        let fits = |b: &Block| b.height <= height + 1e-3 && b.width <= width + 1e-3;
        // A text far longer than its room is refused without laying it
        // out: even if every character were as narrow as an `i`, its lines
        // would not fit.
        let narrowest = 0.2 * pt_to_mm(floor);
        let lines = (text.text.chars().count() as f32 * narrowest / width.max(0.1)).floor();
        let at_least = lines * pt_to_mm(floor * style.leading);
        if at_least > 2.0 * height + 1.0 {
            return Err(TextError::Overflow {
                needed: at_least,
                available: height,
                floor,
                wide_word: None,
                estimated: true,
            });
        }
        // The preferred size is the common case: try it first. (Setting
        // it also finds a missing glyph, whatever the size.)
        let first = self.layout(text, style, width)?;
        if fits(&first) {
            return Ok(first);
        }
        // Then the floor: text that does not fit there is reported at
        // once, without searching the sizes between. The sizes tried are
        // measured; only the one kept is set.
        let at_floor = self.measure(text, &style.sized(floor), width);
        if !fits(&at_floor) {
            let wide_word = match self.widest_word(text, &style.sized(floor)) {
                Some((w, ww)) if ww > width + 1e-3 => Some(w),
                _ => None,
            };
            return Err(TextError::Overflow {
                needed: at_floor.height,
                available: height,
                floor,
                wide_word,
                estimated: false,
            });
        }
        // Binary search for the smallest step count (largest size) that
        // fits; the floor does.
        let (mut lo, mut hi) = (1, steps - 1);
        let mut found = steps;
        while lo <= hi {
            let mid = (lo + hi) / 2;
            if fits(&self.measure(text, &style.sized(size_at(mid)), width)) {
                found = mid;
                hi = mid - 1;
            } else {
                lo = mid + 1;
            }
        }
        let size = if found == steps {
            floor
        } else {
            size_at(found)
        };
        self.layout(text, &style.sized(size), width)
    }
}

/// The step in which fitting shrinks type.
pub const STEP: Pt = 0.25;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::markup::parse;

    fn style(size: Pt) -> Style {
        Style::new(size, Color::BLACK)
    }

    #[test]
    fn lays_out_bold_runs_in_the_bold_face() {
        let mut ts = Typesetter::default();
        let text = parse("Being **reliable and competent** - they do what they say.").unwrap();
        let block = ts.layout(&text, &style(9.0), 200.0).unwrap();
        assert_eq!(block.lines, 1);
        let faces: Vec<(Face, &str)> = block.runs.iter().map(|r| (r.style, &*r.text)).collect();
        assert!(
            faces.contains(&(Face::Bold, "reliable and competent")),
            "{faces:?}"
        );
        assert!(faces.iter().any(|(f, _)| *f == Face::Regular));
        // Glyph advances add up to the line width.
        let total: Mm = block.runs.iter().map(GlyphRun::advance).sum();
        assert!(
            (total - block.width).abs() < 0.5,
            "{total} vs {}",
            block.width
        );
    }

    #[test]
    fn breaks_lines_within_the_width() {
        let mut ts = Typesetter::default();
        let text = Rich::plain(
            "They understand that without trust there can be no effective collaboration.",
        );
        let block = ts.layout(&text, &style(9.0), 40.0).unwrap();
        assert!(block.lines >= 3, "{}", block.lines);
        assert!(block.width <= 40.0);
        for run in &block.runs {
            assert!(run.origin.x + run.advance() <= 40.01, "{run:?}");
        }
        // Every word is still there, in order.
        let joined: String = block.runs.iter().map(|r| &*r.text).collect();
        let words: Vec<&str> = joined.split_whitespace().collect();
        assert_eq!(words, text.text.split_whitespace().collect::<Vec<_>>());
    }

    #[test]
    fn kerning_narrows_pairs() {
        let mut ts = Typesetter::default();
        let av = ts.layout(&Rich::plain("AV"), &style(20.0), 100.0).unwrap();
        let a = ts.layout(&Rich::plain("A"), &style(20.0), 100.0).unwrap();
        let v = ts.layout(&Rich::plain("V"), &style(20.0), 100.0).unwrap();
        assert!(av.width < a.width + v.width - 0.1);
    }

    #[test]
    fn fit_shrinks_then_reports_overflow() {
        let mut ts = Typesetter::default();
        let text = Rich::plain(&"word ".repeat(60));
        let fitted = ts.fit(&text, &style(10.0), 50.0, 40.0, 7.0).unwrap();
        assert!(fitted.size < 10.0 && fitted.size >= 7.0, "{}", fitted.size);
        assert!(fitted.height <= 40.0);
        // One step larger would not have fitted.
        let larger = ts.layout(&text, &style(fitted.size + STEP), 50.0).unwrap();
        assert!(larger.height > 40.0);
        match ts.fit(&text, &style(10.0), 50.0, 10.0, 7.0) {
            Err(TextError::Overflow {
                needed, available, ..
            }) => assert!(needed > available),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn reports_a_word_too_wide_for_the_box() {
        let mut ts = Typesetter::default();
        match ts.fit(
            &Rich::plain("Psychologically"),
            &style(12.0),
            10.0,
            50.0,
            7.0,
        ) {
            Err(TextError::Overflow { wide_word, .. }) => {
                assert_eq!(wide_word.as_deref(), Some("Psychologically"))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn missing_glyphs_are_errors() {
        let mut ts = Typesetter::default();
        let e = ts
            .layout(&Rich::plain("trust 信頼"), &style(9.0), 100.0)
            .unwrap_err();
        assert_eq!(e, TextError::MissingGlyph('信'));
        // Typographic punctuation the framework uses is in the font.
        ts.layout(&Rich::plain("what’s “okay” – é"), &style(9.0), 100.0)
            .unwrap();
    }

    #[test]
    fn a_run_in_a_font_it_does_not_know_is_an_error_not_text_left_out() {
        // Each typesetter registers its fonts afresh, so a text shaped by
        // one names fonts the other does not know: setting it there must
        // fail, not drop the runs.
        let (mut a, mut b) = (Typesetter::default(), Typesetter::default());
        let text = Rich::plain("Every word is printed");
        let st = style(10.0);
        a.shaped(&text, &st);
        let mut shaped = a.shaped.remove(shape_key(&text, &st)).unwrap();
        let k = st.size / SHAPED_AT;
        let r = b.set_lines(&mut shaped.layout, &text, &st, 50.0, k);
        assert!(
            matches!(&r, Err(TextError::UnknownFont(t)) if t.contains("Every")),
            "{r:?}"
        );
        // In its own typesetter the same text is set.
        assert!(a.set_lines(&mut shaped.layout, &text, &st, 50.0, k).is_ok());
    }

    #[test]
    fn measuring_gives_the_extents_that_setting_gives() {
        // Designs search with `measure` and set only what they keep: the
        // two must agree exactly, or a card measured to fit would not.
        let texts = [
            "They **build trust** – they do what they say, and say what they do.",
            "*Compassion* #1: ça va ? “Quoted”, 100 % & more — an en – dash.",
            "Psychologically safe teams speak up when things go wrong.",
            "Short.",
        ];
        for source in texts {
            let text = parse(source).unwrap();
            for size in [6.5, 9.0, 11.25, 17.0, 42.0] {
                for width in [12.0, 31.7, 55.0, 180.0] {
                    let style = style(size).leading(1.3).tracking(0.01);
                    let mut ts = Typesetter::default();
                    let set = ts.layout(&text, &style, width).unwrap();
                    let measured = ts.measure(&text, &style, width);
                    let mut fresh = Typesetter::default();
                    let first = fresh.measure(&text, &style, width);
                    for m in [measured, first] {
                        assert!(m.runs.is_empty());
                        assert_eq!(
                            (m.width, m.height, m.first_baseline, m.last_baseline),
                            (set.width, set.height, set.first_baseline, set.last_baseline),
                            "{source:?} at {size} pt in {width} mm"
                        );
                        assert_eq!((m.lines, m.size), (set.lines, set.size));
                    }
                }
            }
        }
    }
}
