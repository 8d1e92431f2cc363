//! CMYK for print shops: the display list's sRGB colours converted to the
//! inks of a printing condition through its ICC profile (moxcms, relative
//! colorimetric), with neutral greys on the black plate alone, so that
//! text and hairlines in black or dark grey print as solid K and never in
//! four colours.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use moxcms::{ColorProfile, Layout, RenderingIntent, TransformF32Executor, TransformOptions};

use crate::frame::Color;

/// A printing condition: its profile and how PDF/X names it.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    /// `OutputConditionIdentifier`: the condition's name in the ICC
    /// registry of characterisation data (`Custom` for a shop's own
    /// profile).
    pub id: Cow<'static, str>,
    /// A description for people (`Info` of the output intent).
    pub info: Cow<'static, str>,
    /// The ICC profile (CMYK output), embedded as the output intent.
    pub profile: Cow<'static, [u8]>,
    /// The most ink the condition takes, in per cent (C + M + Y + K).
    pub ink_limit: f32,
}

impl Condition {
    /// A print shop's own profile, for the limit of `like`'s press.
    pub fn custom(name: &str, profile: Vec<u8>, like: &Condition) -> Condition {
        Condition {
            id: Cow::Borrowed("Custom"),
            info: Cow::Owned(format!("the print shop's profile {name}")),
            profile: Cow::Owned(profile),
            ink_limit: like.ink_limit,
        }
    }

    /// Which profile this is, to make its tables once.
    fn key(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.profile.hash(&mut h);
        h.finish()
    }
}

/// Whether `bytes` are an ICC profile deckpress can print with: a CMYK
/// output profile that converts from sRGB. Says what is wrong if not.
pub fn check_profile(bytes: &[u8]) -> Result<(), String> {
    if bytes.len() < 132 || &bytes[36..40] != b"acsp" {
        return Err("it is not an ICC profile".into());
    }
    if &bytes[16..20] != b"CMYK" {
        let space = String::from_utf8_lossy(&bytes[16..20]).trim().to_string();
        return Err(format!(
            "it is a profile for {space}, not for CMYK printing"
        ));
    }
    if &bytes[12..16] != b"prtr" {
        let class = String::from_utf8_lossy(&bytes[12..16]).trim().to_string();
        return Err(format!(
            "it is a `{class}` profile, not an output (printer) profile"
        ));
    }
    // A damaged profile must be an error, never a crash: the colour
    // library reads tables the file describes.
    let owned = bytes.to_vec();
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let made = std::panic::catch_unwind(move || Converter::tables(&owned).map(|_| ()));
    std::panic::set_hook(hook);
    made.unwrap_or_else(|_| Err("its tables cannot be read (the file is damaged)".into()))
}

/// ISO 12647-2 offset on coated paper: the European print shops' default.
pub static FOGRA39: Condition = Condition {
    id: Cow::Borrowed("FOGRA39"),
    info: Cow::Borrowed("Coated FOGRA39 (ISO 12647-2:2004/Amd 1, paper type 1 or 2), deckpress's profile from FOGRA39L data"),
    profile: Cow::Borrowed(include_bytes!("../../icc/deckpress-fogra39.icc")),
    ink_limit: 300.0,
};

/// SWOP web offset on grade 3 coated paper, with DriveThruCards' ink
/// limit.
pub static SWOP: Condition = Condition {
    id: Cow::Borrowed("CGATS TR 003"),
    info: Cow::Borrowed(
        "SWOP coated grade 3 (CGATS TR 003), 240 % total ink, deckpress's profile from TR 003 data",
    ),
    profile: Cow::Borrowed(include_bytes!("../../icc/deckpress-swop3-240.icc")),
    ink_limit: 240.0,
};

/// Converts colours to a condition's inks; each colour once.
pub struct Converter {
    pub condition: Arc<Condition>,
    tables: Tables,
    known: Mutex<HashMap<Color, [u8; 4]>>,
    /// The most ink of any picture's pixel converted.
    pixels_ink: Mutex<f32>,
}

impl std::fmt::Debug for Converter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Converter({})", self.condition.id)
    }
}

impl PartialEq for Converter {
    fn eq(&self, other: &Self) -> bool {
        self.condition == other.condition
    }
}

/// A condition's transforms: sRGB to its inks, and its inks back to sRGB
/// (to find the black tint of a grey, and how a colour prints).
#[derive(Clone)]
struct Tables {
    to_inks: Arc<TransformF32Executor>,
    from_inks: Arc<TransformF32Executor>,
}

impl Converter {
    pub fn new(condition: Arc<Condition>) -> Result<Converter, String> {
        // Building the tables takes some milliseconds: once per condition
        // and process (cards.pdf, its fronts and backs, the poster).
        static MADE: Mutex<Vec<(u64, Tables)>> = Mutex::new(Vec::new());
        let mut made = MADE
            .lock()
            .map_err(|_| "the colour tables are unusable".to_string())?;
        let key = condition.key();
        let tables = match made.iter().find(|(k, _)| *k == key) {
            Some((_, t)) => t.clone(),
            None => {
                let t = Self::tables(&condition.profile)
                    .map_err(|e| format!("the {} profile: {e}", condition.id))?;
                made.push((key, t.clone()));
                t
            }
        };
        drop(made);
        Ok(Converter {
            condition,
            tables,
            known: Mutex::new(HashMap::new()),
            pixels_ink: Mutex::new(0.0),
        })
    }

    fn tables(profile: &[u8]) -> Result<Tables, String> {
        let profile = ColorProfile::new_from_slice(profile)
            .map_err(|e| format!("it cannot be read ({e:?})"))?;
        let srgb = ColorProfile::new_srgb();
        let options = TransformOptions {
            rendering_intent: RenderingIntent::RelativeColorimetric,
            ..TransformOptions::default()
        };
        Ok(Tables {
            to_inks: srgb
                .create_transform_f32(Layout::Rgb, &profile, Layout::Rgba, options)
                .map_err(|e| format!("sRGB cannot be converted with it ({e:?})"))?,
            from_inks: profile
                .create_transform_f32(Layout::Rgba, &srgb, Layout::Rgb, options)
                .map_err(|e| format!("its inks cannot be converted back ({e:?})"))?,
        })
    }

    /// Which profile this is, to embed it once per process.
    pub fn key(&self) -> u64 {
        self.condition.key()
    }

    /// The same, with the inks the deck gives for some of its colours
    /// (in per cent): those colours are written with them, exactly.
    pub fn with_inks(mut self, given: &[(Color, [f32; 4])]) -> Converter {
        let known = self.known.get_mut().expect("not shared yet");
        for (c, inks) in given {
            known.insert(*c, inks.map(|v| (v.clamp(0.0, 100.0) * 2.55).round() as u8));
        }
        self
    }

    /// The inks (0 to 255 each) for an sRGB colour. A neutral grey is
    /// black ink alone: the tint of K that prints as light as the grey,
    /// through the profile (a naive tint, 50 % for 50 % grey, prints
    /// lighter than the grey).
    pub fn inks(&self, c: Color) -> [u8; 4] {
        if let Some(k) = self.known.lock().ok().and_then(|m| m.get(&c).copied()) {
            return k;
        }
        let inks = self.convert(c);
        if let Ok(mut m) = self.known.lock() {
            m.insert(c, inks);
        }
        inks
    }

    fn convert(&self, c: Color) -> [u8; 4] {
        let (hi, lo) = (c.r.max(c.g).max(c.b), c.r.min(c.g).min(c.b));
        if hi - lo <= 6 {
            return [0, 0, 0, self.black_for(c)];
        }
        let src = [c.r as f32 / 255.0, c.g as f32 / 255.0, c.b as f32 / 255.0];
        let mut dst = [0f32; 4];
        if self.tables.to_inks.transform(&src, &mut dst).is_err() {
            // Cannot happen for one pixel of the right layout; black ink
            // of the colour's darkness rather than nothing.
            let k = 1.0 - src.iter().sum::<f32>() / 3.0;
            return [0, 0, 0, (k * 255.0).round() as u8];
        }
        let mut inks = dst.map(|v| (v.clamp(0.0, 1.0) * 255.0).round() as u8);
        // Rounding must not take a colour over the condition's limit.
        while total(inks) > self.condition.ink_limit {
            let i = (0..3).max_by_key(|&i| inks[i]).unwrap_or(0);
            inks[i] = inks[i].saturating_sub(1);
        }
        inks
    }

    /// The tint of black ink (0 to 255) that prints as light as the grey
    /// `c` (found by halving the interval; darker than solid K is solid K).
    fn black_for(&self, c: Color) -> u8 {
        let target = c.luminance();
        let (mut lo, mut hi) = (0.0f32, 1.0f32);
        for _ in 0..12 {
            let k = (lo + hi) / 2.0;
            match self.back(&[0.0, 0.0, 0.0, k]) {
                Some(p) if p.luminance() > target => lo = k,
                Some(_) => hi = k,
                None => return (255.0 * (1.0 - target as f32)).round() as u8,
            }
        }
        let k = if hi >= 0.999 { 1.0 } else { (lo + hi) / 2.0 };
        (k * 255.0).round() as u8
    }

    /// Inks (0 to 1) as sRGB.
    fn back(&self, inks: &[f32; 4]) -> Option<Color> {
        let mut rgb = [0f32; 3];
        self.tables.from_inks.transform(inks, &mut rgb).ok()?;
        let [r, g, b] = rgb.map(|v| (v.clamp(0.0, 1.0) * 255.0).round() as u8);
        Some(Color::rgb(r, g, b))
    }

    /// The inks for text in `c`: as `inks`, except that text which prints
    /// nearly black (a dark colour whose inks look neutral, such as a
    /// navy so deep it reads as black) is solid K, since small type in
    /// four plates blurs when they do not register exactly.
    pub fn text_inks(&self, c: Color) -> [u8; 4] {
        let inks = self.inks(c);
        let [cy, m, y, k] = inks.map(|v| v as f32 / 255.0);
        let (r, g, b) = (
            (1.0 - cy) * (1.0 - k),
            (1.0 - m) * (1.0 - k),
            (1.0 - y) * (1.0 - k),
        );
        let light = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let spread = r.max(g).max(b) - r.min(g).min(b);
        if light <= 0.22 && spread <= 0.12 {
            [0, 0, 0, 255]
        } else {
            inks
        }
    }

    /// How the inks for `c` look, back in sRGB: what the printed colour is
    /// near (for a warning when a colour is far outside what the press
    /// can print).
    pub fn printed(&self, c: Color) -> Result<Color, String> {
        let inks = self.inks(c).map(|v| v as f32 / 255.0);
        self.back(&inks)
            .ok_or_else(|| "the inks cannot be converted back".to_string())
    }

    /// Converts 8-bit RGB pixels to 8-bit CMYK (for raster icons).
    pub fn pixels(&self, rgb: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(rgb.len() / 3 * 4);
        let mut memo: HashMap<[u8; 3], [u8; 4]> = HashMap::new();
        for p in rgb.chunks_exact(3) {
            let key = [p[0], p[1], p[2]];
            let inks = *memo
                .entry(key)
                .or_insert_with(|| self.convert(Color::rgb(p[0], p[1], p[2])));
            out.extend_from_slice(&inks);
        }
        let most = memo.values().map(|&i| total(i)).fold(0.0, f32::max);
        if let Ok(mut m) = self.pixels_ink.lock() {
            *m = m.max(most);
        }
        out
    }

    /// The most ink of any colour or picture converted so far, in per
    /// cent: what the file's preflight reports.
    pub fn most_ink(&self) -> f32 {
        let colours = self
            .known
            .lock()
            .map(|m| m.values().map(|&i| total(i)).fold(0.0, f32::max))
            .unwrap_or(0.0);
        let pixels = self.pixels_ink.lock().map(|m| *m).unwrap_or(0.0);
        colours.max(pixels)
    }
}

/// The total ink of a colour, in per cent.
pub fn total(inks: [u8; 4]) -> f32 {
    inks.iter().map(|&v| v as f32).sum::<f32>() / 255.0 * 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greys_are_black_ink_alone_and_dark_ones_solid() {
        let c = Converter::new(Arc::new(FOGRA39.clone())).unwrap();
        assert_eq!(c.inks(Color::rgb(0x1e, 0x1e, 0x1e)), [0, 0, 0, 255]);
        assert_eq!(c.inks(Color::BLACK), [0, 0, 0, 255]);
        assert_eq!(c.inks(Color::WHITE), [0, 0, 0, 0]);
        // A navy so dark it reads as black is black ink alone as text,
        // and keeps its colour as a fill.
        let navy = Color::rgb(0x14, 0x1c, 0x2e);
        assert_eq!(c.text_inks(navy), [0, 0, 0, 255]);
        assert_ne!(c.inks(navy), [0, 0, 0, 255]);
        let blue = Color::rgb(0x12, 0x3f, 0x73);
        assert_eq!(c.text_inks(blue), c.inks(blue));
        // An in-gamut colour prints near itself; a saturated purple, far
        // outside offset printing's colours, does not.
        use crate::design::colour::{difference, Vision};
        let blue = Color::rgb(0x12, 0x3f, 0x73);
        let back = c.printed(blue).unwrap();
        assert!(difference(blue, back, Vision::Normal) < 5.0, "{back:?}");
        let purple = Color::rgb(0x73, 0x34, 0xb8);
        let back = c.printed(purple).unwrap();
        assert!(difference(purple, back, Vision::Normal) > 15.0, "{back:?}");
        // Greys are the tint of black that prints as light as they are:
        // more black than the naive tint (100 % less the grey's value),
        // which prints lighter than the grey, and back within ΔE 2 of
        // themselves.
        for v in [0x40u8, 0x55, 0x80, 0x99, 0xc0, 0xe6] {
            let grey = Color::rgb(v, v, v);
            let inks = c.inks(grey);
            assert_eq!(&inks[..3], &[0, 0, 0], "{grey:?}");
            assert!(inks[3] > 255 - v, "{grey:?} {inks:?}");
            let back = c.printed(grey).unwrap();
            assert!(
                difference(grey, back, Vision::Normal) < 2.0,
                "{grey:?} {back:?}"
            );
        }
        // As text, a grey that needs a tint of 78 % or more is solid black.
        let dark = Color::rgb(0x40, 0x40, 0x40);
        assert_eq!(c.text_inks(dark), [0, 0, 0, 255]);
        let light = Color::rgb(0x99, 0x99, 0x99);
        assert_eq!(c.text_inks(light), c.inks(light));
    }

    #[test]
    fn colours_keep_their_hue_within_the_ink_limit() {
        for (cond, limit) in [(&FOGRA39, 300.0), (&SWOP, 240.0)] {
            let c = Converter::new(Arc::new(cond.clone())).unwrap();
            // The framework's dark blue: mostly cyan, some magenta.
            let blue = c.inks(Color::rgb(0x12, 0x3f, 0x73));
            assert!(
                blue[0] > 150 && blue[0] > blue[1] && blue[1] > blue[2],
                "{blue:?}"
            );
            let red = c.inks(Color::rgb(200, 30, 40));
            assert!(red[1] > 150 && red[2] > 100 && red[0] < 60, "{red:?}");
            // The darkest colours a deck can have stay within the limit.
            for rgb in [(10, 0, 40), (40, 0, 0), (0, 20, 10), (5, 5, 60)] {
                let inks = c.inks(Color::rgb(rgb.0, rgb.1, rgb.2));
                assert!(
                    total(inks) <= limit + 0.01,
                    "{rgb:?} {inks:?} {}",
                    total(inks)
                );
            }
        }
    }
}
