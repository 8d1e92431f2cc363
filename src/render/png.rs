//! Pages to pixels: rasterises a PDF with hayro (pure Rust) for previews
//! and for tests that look at what is printed.

use std::sync::Arc;

use hayro::hayro_interpret::InterpreterSettings;
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
    let pdf =
        Pdf::new(Arc::new(pdf.to_vec())).map_err(|e| format!("the PDF cannot be read: {e:?}"))?;
    let cache = RenderCache::new();
    let scale = dpi / 72.0;
    let settings = PixmapSettings {
        x_scale: scale,
        y_scale: scale,
        bg_color: WHITE,
    };
    let mut out = Vec::new();
    for (i, page) in pdf.pages().iter().enumerate() {
        if which.is_some_and(|w| !w.contains(&i)) {
            continue;
        }
        let pixmap = render(
            page,
            &cache,
            &InterpreterSettings::default(),
            &RenderSettings::default(),
            &settings,
        );
        let (w, h) = (pixmap.width() as u32, pixmap.height() as u32);
        let data = pixmap.take_rgba8(ImageAlphaType::Alpha);
        let img = RgbaImage::from_raw(w, h, data).ok_or("the page could not be rasterised")?;
        out.push(img);
    }
    Ok(out)
}

/// Encodes an image as PNG.
pub fn png(img: &RgbaImage) -> Result<Vec<u8>, String> {
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}
