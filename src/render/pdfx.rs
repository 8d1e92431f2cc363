//! PDF/X for print shops, which krilla does not write: krilla writes the
//! file in CMYK at PDF/X's version, then this adds what the standard asks
//! for in one pass over its objects (lopdf): the output intent with its
//! embedded profile, the version in the document information and the XMP
//! metadata, and `Trapped`. PDF/X-1a forbids transparency: an image's soft
//! mask becomes a hard one (its alpha at one half), which PDF 1.3 has.
//! The same pages give the same bytes.

use std::sync::Arc;

use krilla::image::{BitsPerComponent, CustomImage, ImageColorspace};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

use super::cmyk::Converter;
use super::RenderError;

/// Which PDF/X.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standard {
    /// PDF/X-4 (ISO 15930-7:2010): PDF 1.6, transparency allowed.
    X4,
    /// PDF/X-1a:2003 (ISO 15930-4:2003): PDF 1.4, CMYK only, no
    /// transparency.
    X1a,
}

impl Standard {
    pub fn name(self) -> &'static str {
        match self {
            Standard::X4 => "PDF/X-4",
            Standard::X1a => "PDF/X-1a:2003",
        }
    }

    pub fn version(self) -> krilla::configure::PdfVersion {
        match self {
            Standard::X4 => krilla::configure::PdfVersion::Pdf16,
            Standard::X1a => krilla::configure::PdfVersion::Pdf14,
        }
    }

    fn header(self) -> &'static str {
        match self {
            Standard::X4 => "1.6",
            Standard::X1a => "1.4",
        }
    }
}

/// A moment, in UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

impl Date {
    /// The date of `secs` seconds after 1970 began (UTC).
    pub fn from_unix(secs: u64) -> Date {
        let days = (secs / 86_400) as i64;
        let rest = secs % 86_400;
        // Howard Hinnant's days-to-civil.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date {
            year,
            month,
            day,
            hour: (rest / 3600) as u8,
            minute: (rest % 3600 / 60) as u8,
            second: (rest % 60) as u8,
        }
    }
}

/// What a PDF/X file is made with.
#[derive(Clone, Debug, PartialEq)]
pub struct Pdfx {
    pub standard: Standard,
    pub converter: Arc<Converter>,
    /// Its creation and modification date.
    pub date: Date,
}

/// A raster image in CMYK, with its alpha (a soft mask in PDF/X-4).
#[derive(Clone, Hash)]
struct CmykImage {
    inks: Arc<Vec<u8>>,
    alpha: Option<Arc<Vec<u8>>>,
    size: (u32, u32),
}

impl CustomImage for CmykImage {
    fn color_channel(&self) -> &[u8] {
        &self.inks
    }
    fn alpha_channel(&self) -> Option<&[u8]> {
        self.alpha.as_deref().map(|a| a.as_slice())
    }
    fn bits_per_component(&self) -> BitsPerComponent {
        BitsPerComponent::Eight
    }
    fn size(&self) -> (u32, u32) {
        self.size
    }
    fn icc_profile(&self) -> Option<&[u8]> {
        None
    }
    fn color_space(&self) -> ImageColorspace {
        ImageColorspace::Cmyk
    }
}

/// A picture's pixels in the condition's inks (8-bit CMYK), its alpha
/// kept.
pub fn cmyk_image(
    img: &crate::frame::Image,
    inks: &Converter,
) -> Result<krilla::image::Image, RenderError> {
    let decoded = image::load_from_memory(&img.data)
        .map_err(|e| RenderError(format!("an image could not be read: {e}")))?;
    let rgba = decoded.to_rgba8();
    let (w, h) = rgba.dimensions();
    let rgb: Vec<u8> = rgba.pixels().flat_map(|p| [p[0], p[1], p[2]]).collect();
    let alpha: Vec<u8> = rgba.pixels().map(|p| p[3]).collect();
    let opaque = alpha.iter().all(|&a| a == 255);
    let image = CmykImage {
        inks: Arc::new(inks.pixels(&rgb)),
        alpha: (!opaque).then(|| Arc::new(alpha)),
        size: (w, h),
    };
    krilla::image::Image::from_custom(image, true)
        .map_err(|e| RenderError(format!("an image could not be embedded: {e}")))
}

/// A profile compressed for embedding, once per process (cards.pdf, its
/// fronts and backs and the poster embed the same).
fn compressed_profile(key: u64, profile: &[u8]) -> Arc<Vec<u8>> {
    static DONE: std::sync::Mutex<Vec<(u64, Arc<Vec<u8>>)>> = std::sync::Mutex::new(Vec::new());
    let mut done = DONE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, z)) = done.iter().find(|(k, _)| *k == key) {
        return z.clone();
    }
    let z = Arc::new(flate(profile));
    done.push((key, z.clone()));
    z
}

/// Deflate at zlib's default level, as krilla compresses.
fn flate(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(6));
    e.write_all(data)
        .and_then(|_| e.finish())
        .unwrap_or_default()
}

fn pdf_error(e: lopdf::Error) -> RenderError {
    RenderError(format!("the PDF/X marks could not be added: {e}"))
}

fn text(s: &str) -> Object {
    // PDF text strings: ASCII as it is, anything else UTF-16BE with a BOM.
    if s.is_ascii() {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut b = vec![0xfe, 0xff];
        for u in s.encode_utf16() {
            b.extend_from_slice(&u.to_be_bytes());
        }
        Object::String(b, StringFormat::Hexadecimal)
    }
}

/// Adds PDF/X's marks to krilla's bytes.
pub fn finish(bytes: Vec<u8>, x: &Pdfx, title: &str) -> Result<Vec<u8>, RenderError> {
    let mut doc = Document::load_mem(&bytes).map_err(pdf_error)?;
    doc.version = x.standard.header().to_string();
    let cond = &x.converter.condition;

    // The output intent, with the condition's profile embedded.
    let icc = Stream::new(
        Dictionary::from_iter([
            ("N", Object::Integer(4)),
            ("Filter", Object::Name(b"FlateDecode".to_vec())),
        ]),
        compressed_profile(x.converter.key(), &cond.profile).to_vec(),
    )
    .with_compression(false);
    let icc_id = doc.add_object(icc);
    let intent = Dictionary::from_iter([
        ("Type", Object::Name(b"OutputIntent".to_vec())),
        ("S", Object::Name(b"GTS_PDFX".to_vec())),
        ("OutputConditionIdentifier", text(&cond.id)),
        ("OutputCondition", text(&cond.info)),
        ("RegistryName", text("http://www.color.org")),
        ("Info", text(&cond.info)),
        ("DestOutputProfile", Object::Reference(icc_id)),
    ]);
    let root = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(pdf_error)?;
    let metadata: Option<ObjectId> = {
        let catalog = doc.get_dictionary_mut(root).map_err(pdf_error)?;
        catalog.set(
            "OutputIntents",
            Object::Array(vec![Object::Dictionary(intent)]),
        );
        catalog.remove(b"Version");
        catalog.get(b"Metadata").and_then(Object::as_reference).ok()
    };

    // The document information: the version and trapping.
    let info_id = match doc.trailer.get(b"Info").and_then(Object::as_reference) {
        Ok(id) => id,
        Err(_) => {
            let id = doc.add_object(Dictionary::new());
            doc.trailer.set("Info", Object::Reference(id));
            id
        }
    };
    {
        let info = doc.get_dictionary_mut(info_id).map_err(pdf_error)?;
        info.set("GTS_PDFXVersion", text(x.standard.name()));
        if x.standard == Standard::X1a {
            info.set("GTS_PDFXConformance", text("PDF/X-1a:2003"));
        }
        info.set("Trapped", Object::Name(b"False".to_vec()));
        if info.get(b"Title").is_err() {
            info.set("Title", text(title));
        }
    }

    // The XMP metadata says the same.
    if let Some(id) = metadata {
        if let Ok(Object::Stream(stream)) = doc.get_object_mut(id) {
            let xmp = String::from_utf8_lossy(&stream.content).to_string();
            let add = format!(
                "<rdf:Description rdf:about=\"\" xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"><pdfxid:GTS_PDFXVersion>{}</pdfxid:GTS_PDFXVersion><pdf:Trapped>False</pdf:Trapped></rdf:Description>",
                x.standard.name()
            );
            if let Some(at) = xmp.rfind("</rdf:RDF>") {
                let mut new = xmp.clone();
                new.insert_str(at, &add);
                stream.set_plain_content(new.into_bytes());
            }
        }
    }

    if x.standard == Standard::X1a {
        harden_masks(&mut doc)?;
    }

    let mut out = Vec::new();
    doc.save_to(&mut out)
        .map_err(|e| RenderError(format!("the PDF/X file could not be written: {e}")))?;
    Ok(out)
}

/// PDF/X-1a has no transparency: every image's soft mask becomes a hard
/// mask (an image mask of one bit a pixel: shown where the alpha is at
/// least one half).
fn harden_masks(doc: &mut Document) -> Result<(), RenderError> {
    let images: Vec<(ObjectId, ObjectId)> = doc
        .objects
        .iter()
        .filter_map(|(id, obj)| {
            let Object::Stream(s) = obj else { return None };
            let is_image = s
                .dict
                .get(b"Subtype")
                .and_then(Object::as_name)
                .is_ok_and(|n| n == b"Image");
            let mask = s.dict.get(b"SMask").and_then(Object::as_reference).ok()?;
            is_image.then_some((*id, mask))
        })
        .collect();
    for (image, smask) in images {
        let (w, h, alpha) = {
            let Ok(Object::Stream(s)) = doc.get_object(smask) else {
                continue;
            };
            let w = s
                .dict
                .get(b"Width")
                .and_then(Object::as_i64)
                .map_err(pdf_error)? as usize;
            let h = s
                .dict
                .get(b"Height")
                .and_then(Object::as_i64)
                .map_err(pdf_error)? as usize;
            let bpc = s
                .dict
                .get(b"BitsPerComponent")
                .and_then(Object::as_i64)
                .unwrap_or(8);
            let alpha = s
                .decompressed_content()
                .unwrap_or_else(|_| s.content.clone());
            if bpc != 8 || alpha.len() < w * h {
                return Err(RenderError(
                    "an image's transparency could not be made PDF/X-1a's hard mask".into(),
                ));
            }
            (w, h, alpha)
        };
        let row = w.div_ceil(8);
        let mut bits = vec![0u8; row * h];
        for y in 0..h {
            for x in 0..w {
                // 1 = painted (with Decode [1 0]) where the alpha is high.
                if alpha[y * w + x] >= 128 {
                    bits[y * row + x / 8] |= 0x80 >> (x % 8);
                }
            }
        }
        let mask = Stream::new(
            Dictionary::from_iter([
                ("Type", Object::Name(b"XObject".to_vec())),
                ("Subtype", Object::Name(b"Image".to_vec())),
                ("Width", Object::Integer(w as i64)),
                ("Height", Object::Integer(h as i64)),
                ("ImageMask", Object::Boolean(true)),
                (
                    "Decode",
                    Object::Array(vec![Object::Integer(1), Object::Integer(0)]),
                ),
                ("Filter", Object::Name(b"FlateDecode".to_vec())),
            ]),
            flate(&bits),
        )
        .with_compression(false);
        let mask_id = doc.add_object(mask);
        if let Ok(Object::Stream(s)) = doc.get_object_mut(image) {
            s.dict.remove(b"SMask");
            s.dict.set("Mask", Object::Reference(mask_id));
        }
        doc.objects.remove(&smask);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_the_epoch() {
        assert_eq!(
            Date::from_unix(0),
            Date {
                year: 1970,
                month: 1,
                day: 1,
                hour: 0,
                minute: 0,
                second: 0
            }
        );
        // 2026-12-01 20:18:55 UTC.
        let d = Date::from_unix(1_796_156_335);
        assert_eq!((d.year, d.month, d.day), (2026, 12, 1));
        assert_eq!((d.hour, d.minute, d.second), (20, 18, 55));
        // A leap day.
        let d = Date::from_unix(951_782_400);
        assert_eq!((d.year, d.month, d.day), (2000, 2, 29));
    }
}
