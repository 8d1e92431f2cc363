//! Pages to pixels: rasterises a PDF with hayro (pure Rust) for previews,
//! for the per-face images print shops take, and for tests that look at
//! what is printed.

use std::sync::Arc;

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::page::Page;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::vello_cpu::peniko::ImageAlphaType;
use hayro::{render, PixmapSettings, RenderCache, RenderSettings};
use image::RgbaImage;

/// Renders every page of a PDF at `dpi` pixels per inch, on white.
pub fn rasterize(pdf: &[u8], dpi: f32) -> Result<Vec<RgbaImage>, String> {
    rasterize_pages(pdf, dpi, None)
}

/// Renders the pages `which` (0-based; all when `None`) of a PDF at `dpi`
/// pixels per inch, on white, in the order of the document.
pub fn rasterize_pages(
    pdf: &[u8],
    dpi: f32,
    which: Option<&[usize]>,
) -> Result<Vec<RgbaImage>, String> {
    let pdf = open(Arc::new(pdf.to_vec()))?;
    let cache = RenderCache::new();
    let scale = dpi / 72.0;
    let mut out = Vec::new();
    for (i, page) in pdf.pages().iter().enumerate() {
        if which.is_some_and(|w| !w.contains(&i)) {
            continue;
        }
        out.push(draw(page, &cache, scale, scale)?);
    }
    Ok(out)
}

fn open(data: Arc<Vec<u8>>) -> Result<Pdf, String> {
    Pdf::new(data).map_err(|e| format!("the PDF cannot be read: {e:?}"))
}

/// One page at the given scales (pixels per point), on white.
fn draw<'a>(
    page: &'a Page<'a>,
    cache: &RenderCache<'a>,
    x_scale: f32,
    y_scale: f32,
) -> Result<RgbaImage, String> {
    let settings = PixmapSettings {
        x_scale,
        y_scale,
        bg_color: WHITE,
    };
    let pixmap = render(
        page,
        cache,
        &InterpreterSettings::default(),
        &RenderSettings::default(),
        &settings,
    );
    let (w, h) = (pixmap.width() as u32, pixmap.height() as u32);
    let data = pixmap.take_rgba8(ImageAlphaType::Alpha);
    RgbaImage::from_raw(w, h, data).ok_or_else(|| "the page could not be rasterised".into())
}

/// Every page of a PDF drawn at exactly `width` × `height` pixels (each
/// page's whole MediaBox), on all cores, each handed to `each` with its
/// index as soon as it is drawn (so that a long document is never held as
/// pixels whole). The results come back in page order.
pub fn each_page_at<T: Send>(
    pdf: &[u8],
    (width, height): (u32, u32),
    each: impl Fn(usize, RgbaImage) -> Result<T, String> + Sync,
) -> Result<Vec<T>, String> {
    let data = Arc::new(pdf.to_vec());
    let pages = open(data.clone())?.pages().len();
    let threads = crate::threads().min(pages.max(1));
    // The smallest scale that gives the whole pixel count (the renderer
    // rounds down).
    let scale = |points: f32, pixels: u32| {
        let mut s = pixels as f32 / points;
        while ((points * s) as u32) < pixels {
            s = f32::from_bits(s.to_bits() + 1);
        }
        s
    };
    let mut out: Vec<Option<Result<T, String>>> = (0..pages).map(|_| None).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let (data, each) = (data.clone(), &each);
                scope.spawn(move || {
                    let doc = match open(data) {
                        Ok(d) => d,
                        Err(e) => return vec![(t, Err(e))],
                    };
                    let cache = RenderCache::new();
                    let mut done = Vec::new();
                    for (i, page) in doc.pages().iter().enumerate().skip(t).step_by(threads) {
                        let (w, h) = page.render_dimensions();
                        let drawn =
                            draw(page, &cache, scale(w, width), scale(h, height)).and_then(|img| {
                                if img.dimensions() == (width, height) {
                                    each(i, img)
                                } else {
                                    Err(format!(
                                        "page {} came out {} × {} px, not {width} × {height}",
                                        i + 1,
                                        img.width(),
                                        img.height()
                                    ))
                                }
                            });
                        done.push((i, drawn));
                    }
                    done
                })
            })
            .collect();
        for h in handles {
            for (i, r) in h.join().unwrap_or_default() {
                if let Some(slot) = out.get_mut(i) {
                    *slot = Some(r);
                }
            }
        }
    });
    out.into_iter()
        .enumerate()
        .map(|(i, r)| r.unwrap_or_else(|| Err(format!("page {} was not drawn", i + 1))))
        .collect()
}

/// An image drawn on white as an RGB PNG without alpha, its resolution
/// (`dpi`) and sRGB recorded in the file, as print shops take them.
pub fn png_for_print(img: &RgbaImage, dpi: u32) -> Result<Vec<u8>, String> {
    // Drawn on white, every pixel is opaque: the alpha channel is dropped.
    let rgb: Vec<u8> = img.pixels().flat_map(|p| [p[0], p[1], p[2]]).collect();
    let mut bytes = Vec::new();
    let mut enc = ::png::Encoder::new(&mut bytes, img.width(), img.height());
    enc.set_color(::png::ColorType::Rgb);
    enc.set_depth(::png::BitDepth::Eight);
    enc.set_source_srgb(::png::SrgbRenderingIntent::Perceptual);
    let per_metre = (dpi as f64 / 0.0254).round() as u32;
    enc.set_pixel_dims(Some(::png::PixelDimensions {
        xppu: per_metre,
        yppu: per_metre,
        unit: ::png::Unit::Meter,
    }));
    let mut w = enc.write_header().map_err(|e| e.to_string())?;
    w.write_image_data(&rgb).map_err(|e| e.to_string())?;
    w.finish().map_err(|e| e.to_string())?;
    Ok(bytes)
}

/// Encodes an image as PNG.
pub fn png(img: &RgbaImage) -> Result<Vec<u8>, String> {
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}
