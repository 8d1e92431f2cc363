//! Pages to PDF bytes with krilla: fonts embedded and subset, MediaBox,
//! TrimBox and BleedBox on every page, document metadata, and the same
//! bytes for the same pages (no clock, no random ids).

use std::collections::HashMap;

use krilla::color::rgb;
use krilla::configure::{Accessibility, Configuration, ConfigurationBuilder, PdfVersion};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point as KPoint, Size as KSize, Transform as KTransform};
use krilla::image::Image as KImage;
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, LineCap, LineJoin, Stroke as KStroke, StrokeDash};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, SpanTag, Tag as KTag, TagGroup,
    TagKind, TagTree,
};
use krilla::text::{Font, GlyphId, KrillaGlyph, Tag};
use krilla::{Document, SerializeSettings};
use std::num::NonZeroU16;

use crate::frame::{Color, Frame, GlyphRun, ImageFormat, Item, Path, Role, Seg, Stroke, Structure};
use crate::geom::{mm_to_pt, pt_to_mm, Rect, Transform};
use crate::impose::Page;
use crate::vector;

/// Document-wide information written into the PDF.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocInfo {
    pub title: String,
    pub subject: Option<String>,
    /// The deck's edition, as a keyword.
    pub keywords: Vec<String>,
    pub language: String,
    /// The logical structure, for a tagged PDF with bookmarks; the
    /// pages' marks point into it. Without it, the PDF is not tagged.
    pub structure: Option<Structure>,
    /// A PDF/X file for a print shop: CMYK for its printing condition,
    /// with the standard's marks. Without it, sRGB.
    pub pdfx: Option<super::pdfx::Pdfx>,
}

/// Why a PDF could not be written.
#[derive(Debug)]
pub struct RenderError(pub String);

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RenderError {}

/// The most pages a tagged PDF has: krilla keeps every tagged page until
/// the document is finished (about 100 KB a card page), so longer
/// documents (decks of thousands of cards) are written untagged to keep
/// memory bounded.
pub const MAX_TAGGED_PAGES: usize = 400;

/// Whether a document of `pages` pages with a structure is tagged.
pub fn tagged(pages: usize, info: &DocInfo) -> bool {
    info.structure.is_some() && pages <= MAX_TAGGED_PAGES
}

/// Writes pages as a PDF: tagged and PDF/UA-1 when `info` has a
/// structure (and the document is not too long to tag).
pub fn pdf(pages: &[Page], info: &DocInfo) -> Result<Vec<u8>, RenderError> {
    if info.structure.is_some() && !tagged(pages.len(), info) {
        let plain = DocInfo {
            structure: None,
            ..info.clone()
        };
        return pdf(pages, &plain);
    }
    if let Some(x) = &info.pdfx {
        // PDF/X is PDF 1.6 or 1.4 (X-1a), PDF/UA-1 is 1.7: a shop's
        // file is tagged, without claiming PDF/UA.
        let bytes = write(pages, info, false).map_err(Refused::into_error)?;
        return super::pdfx::finish(bytes, x, &info.title);
    }
    match write(pages, info, info.structure.is_some()) {
        // Should krilla's PDF/UA checks refuse a document (none of the
        // tests' decks is), it is still written, tagged, without claiming
        // PDF/UA.
        Err(Refused::Ua) => write(pages, info, false).map_err(Refused::into_error),
        other => other.map_err(Refused::into_error),
    }
}

/// Writes pages as `pdf` does, letting go of each page once it is
/// written when the document is written once (untagged, as a deck of
/// thousands of cards is, and not PDF/X): the card faces only these pages
/// still hold are freed as the file is made, not after.
pub fn pdf_owned(pages: Vec<Page>, info: &DocInfo) -> Result<Vec<u8>, RenderError> {
    if tagged(pages.len(), info) || info.pdfx.is_some() {
        return pdf(&pages, info);
    }
    let plain = DocInfo {
        structure: None,
        ..info.clone()
    };
    write(pages, &plain, false).map_err(Refused::into_error)
}

/// Why writing failed: PDF/UA's checks, or anything else.
enum Refused {
    Ua,
    Other(RenderError),
}

impl Refused {
    fn into_error(self) -> RenderError {
        match self {
            Refused::Ua => RenderError("the PDF could not be written as PDF/UA".into()),
            Refused::Other(e) => e,
        }
    }
}

impl From<RenderError> for Refused {
    fn from(e: RenderError) -> Self {
        Refused::Other(e)
    }
}

/// Writes the pages, as PDF/UA-1 when `ua`.
fn write<P: std::borrow::Borrow<Page>>(
    pages: impl IntoIterator<Item = P>,
    info: &DocInfo,
    ua: bool,
) -> Result<Vec<u8>, Refused> {
    // A tagged document is written as PDF/UA-1: krilla checks what it
    // can (a title shown in the window, the language, every figure's
    // alternative text, headings' titles, bookmarks, every glyph mapped
    // to text) and refuses to write a file that breaks it.
    let configuration = if let Some(x) = &info.pdfx {
        ConfigurationBuilder::new()
            .with_version(x.standard.version())
            .finish()
            .map_err(|e| {
                RenderError(format!("{} cannot be configured: {e:?}", x.standard.name()))
            })?
    } else if ua {
        ConfigurationBuilder::new()
            .with_accessibility_validator(Accessibility::UA1)
            .with_version(PdfVersion::Pdf17)
            .finish()
            .map_err(|e| RenderError(format!("PDF/UA-1 cannot be configured: {e:?}")))?
    } else {
        Configuration::default()
    };
    let settings = SerializeSettings {
        compress_content_streams: true,
        xmp_metadata: true,
        // A CMYK file's see-through icons blend in CMYK (PDF/X-4).
        cmyk_blending: info.pdfx.is_some(),
        configuration,
        ..SerializeSettings::default()
    };
    krilla::set_memory_hook(crate::give_back_memory);
    let mut doc = Document::new_with(settings);
    let mut metadata = Metadata::new()
        .title(info.title.clone())
        .language(info.language.clone())
        .creator(format!("deckpress {}", env!("CARGO_PKG_VERSION")));
    if let Some(s) = &info.subject {
        metadata = metadata.description(s.clone());
    }
    if !info.keywords.is_empty() {
        metadata = metadata.keywords(info.keywords.clone());
    }
    let mut cx = Cx::default();
    if let Some(x) = &info.pdfx {
        // PDF/X asks for the dates; they are the deck's, so that the same
        // deck gives the same bytes.
        let d = x.date;
        metadata = metadata.creation_date(
            krilla::metadata::DateTime::new(d.year)
                .month(d.month)
                .day(d.day)
                .hour(d.hour)
                .minute(d.minute)
                .second(d.second)
                .utc_offset_hour(0)
                .utc_offset_minute(0),
        );
        cx.palette = Palette::Cmyk(x.converter.clone());
    }
    doc.set_metadata(metadata);
    // For a tagged PDF: each structure node's marked content, and where
    // it first appears (page, top in mm) for bookmarks.
    let nodes = info.structure.as_ref().map_or(0, |s| s.nodes.len());
    let mut ids: Vec<Vec<Identifier>> = vec![Vec::new(); nodes];
    let mut first: Vec<Option<(usize, f32)>> = vec![None; nodes];
    for (index, page) in pages.into_iter().enumerate() {
        let page: &Page = page.borrow();
        let pt = |r: Rect| {
            // PDF boxes have their origin at the bottom left.
            krilla::geom::Rect::from_ltrb(
                mm_to_pt(r.x),
                mm_to_pt(page.size.h - r.bottom()),
                mm_to_pt(r.right()),
                mm_to_pt(page.size.h - r.y),
            )
        };
        let size = KSize::from_wh(mm_to_pt(page.size.w), mm_to_pt(page.size.h))
            .ok_or_else(|| RenderError(format!("page {} has no area", page.label)))?;
        let settings = PageSettings::new(size)
            .with_trim_box(page.trim.and_then(pt))
            .with_bleed_box(page.bleed.and_then(pt));
        let mut p = doc.start_page_with(settings);
        let mut surface = p.surface();
        // Everything below is drawn in mm, with the origin at the top left.
        let scale = mm_to_pt(1.0);
        surface.push_transform(&KTransform::from_scale(scale, scale));
        if info.structure.is_some() {
            cx.tagged(&mut surface, &page.frame, index, &mut ids, &mut first)?;
        } else {
            cx.frame(&mut surface, &page.frame)?;
        }
        surface.pop();
        surface.finish();
        p.finish();
        if index % 512 == 511 {
            crate::give_back_memory();
        }
    }
    if let Some(st) = &info.structure {
        doc.set_tag_tree(tag_tree(st, ids, info));
        let mut outline = Outline::new();
        for (title, node) in &st.bookmarks {
            if let Some((page, y)) = first.get(*node).copied().flatten() {
                let at = KPoint::from_xy(0.0, mm_to_pt((y - 5.0).max(0.0)));
                outline.push_child(OutlineNode::new(
                    title.clone(),
                    XyzDestination::new(page, at),
                ));
            }
        }
        doc.set_outline(outline);
    }
    doc.finish().map_err(|e| match e {
        krilla::error::KrillaError::Validation(_) if ua => Refused::Ua,
        e => Refused::Other(RenderError(format!("the PDF could not be written: {e:?}"))),
    })
}

/// Whether a frame, or a group within it, has marks.
fn has_marks(frame: &Frame) -> bool {
    !frame.marks.is_empty()
        || frame.items.iter().any(|it| match it {
            Item::Group { frame, .. } => has_marks(frame),
            _ => false,
        })
}

/// The tag tree of a structure, its leaves the marked content found on
/// the pages, in reading order.
fn tag_tree(st: &Structure, mut ids: Vec<Vec<Identifier>>, info: &DocInfo) -> TagTree {
    let lang = &info.language;
    // Each heading's title (PDF/UA wants one): its bookmark's, else the
    // document's.
    let mut titles: Vec<Option<String>> = vec![None; st.nodes.len()];
    for (title, node) in &st.bookmarks {
        if let Some(t) = titles.get_mut(*node) {
            *t = Some(title.clone());
        }
    }
    let n = st.nodes.len();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut roots = Vec::new();
    for (i, node) in st.nodes.iter().enumerate() {
        match node.parent {
            Some(p) if p < n => children[p].push(i),
            _ => roots.push(i),
        }
    }
    fn group(
        i: usize,
        st: &Structure,
        children: &[Vec<usize>],
        ids: &mut [Vec<Identifier>],
        titles: &[Option<String>],
        doc_title: &str,
    ) -> TagGroup {
        let kind: TagKind = match &st.nodes[i].role {
            Role::Heading(level) => {
                let title = titles[i].clone().unwrap_or_else(|| doc_title.to_string());
                KTag::Hn(
                    NonZeroU16::new((*level).max(1)).expect("at least 1"),
                    Some(title),
                )
                .into()
            }
            Role::Paragraph => KTag::P.into(),
            Role::Section => KTag::Section.into(),
            Role::List => KTag::L(ListNumbering::None).into(),
            Role::ListItem => KTag::LI.into(),
            Role::Label => KTag::Lbl.into(),
            Role::ListBody => KTag::LBody.into(),
            Role::Figure(alt) => KTag::Figure(Some(alt.clone())).into(),
        };
        let mut g = TagGroup::new(kind);
        for id in std::mem::take(&mut ids[i]) {
            g.push(id);
        }
        for &c in &children[i] {
            g.push(group(c, st, children, ids, titles, doc_title));
        }
        g
    }
    let mut tree = TagTree::new().with_lang(Some(lang.to_string()));
    for r in roots {
        tree.push(group(r, st, &children, &mut ids, &titles, &info.title));
    }
    tree
}

/// A font as krilla embeds it: the file and the variation axis values
/// (as bits, to be hashable).
type FontKey = (usize, u32, Vec<([u8; 4], u32)>);

/// Fonts and images converted once per document.
#[derive(Default)]
struct Cx {
    fonts: HashMap<FontKey, Font>,
    images: HashMap<usize, KImage>,
    palette: Palette,
}

/// How colours are written: sRGB, or a printing condition's inks.
#[derive(Clone, Default)]
enum Palette {
    #[default]
    Rgb,
    Cmyk(std::sync::Arc<super::cmyk::Converter>),
}

impl Palette {
    /// The paint for text in `c` (near-black text is solid K in CMYK).
    fn text(&self, c: Color) -> krilla::paint::Paint {
        match self {
            Palette::Rgb => self.paint(c),
            Palette::Cmyk(inks) => {
                let [c, m, y, k] = inks.text_inks(c);
                krilla::color::cmyk::Color::new(c, m, y, k).into()
            }
        }
    }

    fn paint(&self, c: Color) -> krilla::paint::Paint {
        match self {
            Palette::Rgb => rgb::Color::new(c.r, c.g, c.b).into(),
            Palette::Cmyk(inks) => {
                let [c, m, y, k] = inks.inks(c);
                krilla::color::cmyk::Color::new(c, m, y, k).into()
            }
        }
    }
}

fn fill(palette: &Palette, c: Color) -> Fill {
    Fill {
        paint: palette.paint(c),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

fn stroke(palette: &Palette, s: &Stroke) -> KStroke {
    KStroke {
        paint: palette.paint(s.color),
        width: s.width,
        miter_limit: 4.0,
        line_cap: LineCap::Butt,
        line_join: LineJoin::Miter,
        opacity: NormalizedF32::ONE,
        dash: s.dash.map(|(on, off)| StrokeDash {
            array: vec![on, off],
            offset: 0.0,
        }),
    }
}

fn kpath(path: &Path) -> Option<krilla::geom::Path> {
    let mut b = PathBuilder::new();
    for seg in &path.segs {
        match *seg {
            Seg::MoveTo(p) => b.move_to(p.x, p.y),
            Seg::LineTo(p) => b.line_to(p.x, p.y),
            Seg::CubicTo(c1, c2, p) => b.cubic_to(c1.x, c1.y, c2.x, c2.y, p.x, p.y),
            Seg::Close => b.close(),
        }
    }
    b.finish()
}

fn ktransform(t: &Transform) -> KTransform {
    KTransform::from_row(t.a, t.b, t.c, t.d, t.e, t.f)
}

impl Cx {
    fn font(&mut self, run: &GlyphRun) -> Result<Font, RenderError> {
        let file = &run.font;
        let coords = &run.synthesis.coords;
        let key: FontKey = (
            file.key(),
            file.index(),
            coords.iter().map(|(t, v)| (*t, v.to_bits())).collect(),
        );
        if let Some(f) = self.fonts.get(&key) {
            return Ok(f.clone());
        }
        let data: krilla::Data = file.data().into();
        let font = if coords.is_empty() {
            Font::new(data, file.index())
        } else {
            let axes: Vec<(Tag, f32)> = coords.iter().map(|(t, v)| (Tag::new(t), *v)).collect();
            Font::new_variable(data, file.index(), &axes)
        }
        .ok_or_else(|| RenderError(format!("the font {} could not be embedded", file.name)))?;
        self.fonts.insert(key, font.clone());
        Ok(font)
    }

    fn image(&mut self, img: &crate::frame::Image) -> Result<KImage, RenderError> {
        let key = std::sync::Arc::as_ptr(&img.data) as usize;
        if let Some(i) = self.images.get(&key) {
            return Ok(i.clone());
        }
        let image = if let Palette::Cmyk(inks) = &self.palette {
            super::pdfx::cmyk_image(img, inks)?
        } else {
            let data: krilla::Data = img.data.clone().into();
            match img.format {
                ImageFormat::Png => KImage::from_png(data, true),
                ImageFormat::Jpeg => KImage::from_jpeg(data, true),
            }
            .map_err(|e| RenderError(format!("an image could not be embedded: {e}")))?
        };
        self.images.insert(key, image.clone());
        Ok(image)
    }

    fn frame(&mut self, s: &mut Surface, frame: &Frame) -> Result<(), RenderError> {
        self.items(s, &frame.items)
    }

    /// Draws a page's frame with its marks as tagged content (text as
    /// spans, pictures as other content) and everything else as
    /// artifacts.
    fn tagged(
        &mut self,
        s: &mut Surface,
        frame: &Frame,
        page: usize,
        ids: &mut [Vec<Identifier>],
        first: &mut [Option<(usize, f32)>],
    ) -> Result<(), RenderError> {
        let mut marks: Vec<_> = frame
            .marks
            .iter()
            .filter(|m| m.node < ids.len() && m.items.end <= frame.items.len())
            .collect();
        marks.sort_by_key(|m| m.items.start);
        let mut i = 0;
        let mut next = marks.into_iter().peekable();
        while i < frame.items.len() {
            match next.peek() {
                Some(m) if m.items.start <= i => {
                    let m = next.next().expect("peeked");
                    if m.items.start < i {
                        // Overlapping marks: the later one is dropped.
                        continue;
                    }
                    let items = &frame.items[m.items.clone()];
                    let text = items.iter().all(|it| matches!(it, Item::Text(_)));
                    let tag = if text {
                        ContentTag::Span(SpanTag::empty())
                    } else {
                        ContentTag::Other
                    };
                    let id = s.start_tagged(tag);
                    self.items(s, items)?;
                    s.end_tagged();
                    ids[m.node].push(id);
                    if first[m.node].is_none() {
                        let top = items
                            .iter()
                            .map(|it| match it {
                                Item::Text(r) => r.origin.y - pt_to_mm(r.size),
                                Item::Image { rect, .. } | Item::Vector { rect, .. } => rect.y,
                                _ => f32::MAX,
                            })
                            .fold(f32::MAX, f32::min);
                        first[m.node] = Some((page, top.min(frame.size.h)));
                    }
                    i = m.items.end;
                }
                other => {
                    let end = other.map_or(frame.items.len(), |m| m.items.start);
                    // Decoration, except a group with marks inside (a
                    // poster placed on its page), which is walked into.
                    let mut from = i;
                    for at in i..end {
                        if let Item::Group {
                            transform,
                            clip,
                            frame: inner,
                        } = &frame.items[at]
                        {
                            if has_marks(inner) {
                                self.artifact(s, &frame.items[from..at])?;
                                s.push_transform(&ktransform(transform));
                                let clipped = self.push_clip(s, *clip);
                                self.tagged(s, inner, page, ids, first)?;
                                if clipped {
                                    s.pop();
                                }
                                s.pop();
                                from = at + 1;
                            }
                        }
                    }
                    self.artifact(s, &frame.items[from..end])?;
                    i = end;
                }
            }
        }
        Ok(())
    }

    /// Draws items as decoration (nothing, if there are none).
    fn artifact(&mut self, s: &mut Surface, items: &[Item]) -> Result<(), RenderError> {
        if items.is_empty() {
            return Ok(());
        }
        s.start_tagged(ContentTag::Artifact(Artifact::new(
            ArtifactType::Layout,
            None,
        )));
        self.items(s, items)?;
        s.end_tagged();
        Ok(())
    }

    /// Clips to `clip`, if given; says whether it did (and so must pop).
    fn push_clip(&mut self, s: &mut Surface, clip: Option<Rect>) -> bool {
        match clip.and_then(|c| kpath(&Path::rounded_rect(c, 0.0))) {
            Some(c) => {
                s.push_clip_path(&c, &FillRule::NonZero);
                true
            }
            None => false,
        }
    }

    fn items(&mut self, s: &mut Surface, items: &[Item]) -> Result<(), RenderError> {
        for item in items {
            match item {
                Item::Path {
                    path,
                    fill: f,
                    stroke: st,
                } => {
                    let Some(p) = kpath(path) else { continue };
                    s.set_fill(f.map(|c| fill(&self.palette, c)));
                    s.set_stroke(st.as_ref().map(|st| stroke(&self.palette, st)));
                    s.draw_path(&p);
                }
                Item::Text(run) => {
                    let font = self.font(run)?;
                    let glyphs: Vec<KrillaGlyph> = run
                        .glyphs
                        .iter()
                        .map(|g| {
                            KrillaGlyph::new(
                                GlyphId::new(g.id as u32),
                                g.x_advance,
                                g.x_offset,
                                g.y_offset,
                                0.0,
                                g.text.start as usize..g.text.end as usize,
                                None,
                            )
                        })
                        .collect();
                    let em = pt_to_mm(run.size);
                    s.set_fill(Some(Fill {
                        paint: self.palette.text(run.color),
                        ..fill(&self.palette, run.color)
                    }));
                    // A bold made from a regular: the outlines thickened by
                    // a stroke of the text's colour (never a hairline).
                    s.set_stroke(run.synthesis.embolden.then(|| KStroke {
                        paint: self.palette.text(run.color),
                        ..stroke(
                            &self.palette,
                            &Stroke::solid(run.color, (0.04 * em).max(pt_to_mm(0.3))),
                        )
                    }));
                    let skewed = run.synthesis.skew != 0.0;
                    let mut at = KPoint::from_xy(run.origin.x, run.origin.y);
                    if skewed {
                        // An italic made from a regular: slanted about the
                        // baseline's start.
                        let k = run.synthesis.skew.to_radians().tan();
                        s.push_transform(&KTransform::from_row(
                            1.0,
                            0.0,
                            -k,
                            1.0,
                            run.origin.x + k * run.origin.y,
                            0.0,
                        ));
                        at = KPoint::from_xy(0.0, run.origin.y);
                        // x' = x - k*y + (x0 + k*y0): the baseline stays put.
                        at = KPoint::from_xy(at.x, at.y);
                    }
                    s.draw_glyphs(at, &glyphs, font, &run.text, em, false);
                    if skewed {
                        s.pop();
                    }
                    s.set_stroke(None);
                }
                Item::Vector { rect, art, tint } => {
                    s.push_transform(&ktransform(&art.placement(*rect)));
                    vector_nodes(s, &art.nodes, *tint, &self.palette);
                    s.pop();
                }
                Item::Image { rect, image } => {
                    let img = self.image(image)?;
                    let Some(size) = KSize::from_wh(rect.w, rect.h) else {
                        continue;
                    };
                    s.push_transform(&KTransform::from_translate(rect.x, rect.y));
                    s.draw_image(img, size);
                    s.pop();
                }
                Item::Group {
                    transform,
                    clip,
                    frame,
                } => {
                    s.push_transform(&ktransform(transform));
                    let clipped = self.push_clip(s, *clip);
                    self.frame(s, frame)?;
                    if clipped {
                        s.pop();
                    }
                    s.pop();
                }
            }
        }
        Ok(())
    }
}

fn opacity(v: f32) -> NormalizedF32 {
    NormalizedF32::new(v.clamp(0.0, 1.0)).unwrap_or(NormalizedF32::ONE)
}

fn rule(r: vector::FillRule) -> FillRule {
    match r {
        vector::FillRule::NonZero => FillRule::NonZero,
        vector::FillRule::EvenOdd => FillRule::EvenOdd,
    }
}

/// Draws vector art's nodes, every colour replaced by `tint` if given.
fn vector_nodes(s: &mut Surface, nodes: &[vector::Node], tint: Option<Color>, palette: &Palette) {
    for node in nodes {
        match node {
            vector::Node::Shape {
                transform,
                path,
                fill: f,
                stroke: st,
            } => {
                let Some(p) = kpath(path) else { continue };
                s.push_transform(&ktransform(transform));
                s.set_fill(f.map(|f| Fill {
                    paint: palette.paint(tint.unwrap_or(f.color)),
                    opacity: opacity(f.opacity),
                    rule: rule(f.rule),
                }));
                s.set_stroke(st.as_ref().map(|st| KStroke {
                    paint: palette.paint(tint.unwrap_or(st.color)),
                    width: st.width,
                    miter_limit: st.miter_limit,
                    line_cap: match st.cap {
                        vector::LineCap::Butt => LineCap::Butt,
                        vector::LineCap::Round => LineCap::Round,
                        vector::LineCap::Square => LineCap::Square,
                    },
                    line_join: match st.join {
                        vector::LineJoin::Miter => LineJoin::Miter,
                        vector::LineJoin::Round => LineJoin::Round,
                        vector::LineJoin::Bevel => LineJoin::Bevel,
                    },
                    opacity: opacity(st.opacity),
                    dash: st.dash.as_ref().map(|(array, offset)| StrokeDash {
                        array: array.clone(),
                        offset: *offset,
                    }),
                }));
                s.draw_path(&p);
                s.set_fill(None);
                s.set_stroke(None);
                s.pop();
            }
            vector::Node::Group {
                clips,
                opacity: o,
                nodes,
            } => {
                let mut pushed = 0;
                for clip in clips {
                    if let Some(p) = kpath(&clip.path) {
                        s.push_transform(&ktransform(&clip.transform));
                        // The clip path is set in the clip's coordinates;
                        // undo its transform for what is drawn inside.
                        s.push_clip_path(&p, &rule(clip.rule));
                        let undo = clip.transform.inverse().unwrap_or(Transform::IDENTITY);
                        s.push_transform(&ktransform(&undo));
                        pushed += 3;
                    }
                }
                if *o < 1.0 {
                    s.push_opacity(opacity(*o));
                    pushed += 1;
                }
                vector_nodes(s, nodes, tint, palette);
                for _ in 0..pushed {
                    s.pop();
                }
            }
        }
    }
}
