//! What the cards look like when printed, read from pixels (rasterised with
//! hayro): colour runs into the bleed on every edge of every face, and the
//! backs have nothing but their colour within 4 mm of the trim, so that a
//! back printed a little off its front does not show it.

use std::path::Path;

use deckpress::build;
use deckpress::deck;
use deckpress::diag::Diagnostics;
use deckpress::render::png::rasterize;
use image::RgbaImage;

const DPI: f32 = 150.0;

fn px(mm: f32) -> u32 {
    (mm / 25.4 * DPI).round() as u32
}

/// The deck's `cards.pdf` as pages of pixels.
fn pages() -> (Vec<RgbaImage>, Vec<[u8; 3]>) {
    let loaded = deck::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("deck.yaml")).unwrap();
    let deck = loaded.deck.unwrap();
    let mut diags = Diagnostics::default();
    let files = build::outputs(&deck, &mut diags).unwrap().unwrap();
    let cards = files.iter().find(|f| f.name == "cards.pdf").unwrap();
    let colours = deck
        .characteristics
        .iter()
        .map(|c| [c.colour.r, c.colour.g, c.colour.b])
        .collect();
    (rasterize(&cards.bytes, DPI).unwrap(), colours)
}

fn near(p: &image::Rgba<u8>, c: [u8; 3], tolerance: i32) -> bool {
    (0..3).all(|i| (p[i] as i32 - c[i] as i32).abs() <= tolerance)
}

/// Every pixel of the band between `from` and `to` mm in from the page's
/// edge, on all four sides, is (nearly) `colour`. Returns the first that
/// is not.
fn band_is(
    img: &RgbaImage,
    from: f32,
    to: f32,
    colour: [u8; 3],
) -> Result<(), (u32, u32, [u8; 4])> {
    let (w, h) = img.dimensions();
    // Stay a pixel away from the band's edges: anti-aliasing.
    let (a, b) = (px(from) + 1, px(to).saturating_sub(1));
    for y in 0..h {
        for x in 0..w {
            let d = x.min(y).min(w - 1 - x).min(h - 1 - y);
            if d < a || d > b {
                continue;
            }
            let p = img.get_pixel(x, y);
            if !near(p, colour, 3) {
                return Err((x, y, p.0));
            }
        }
    }
    Ok(())
}

#[test]
fn colour_bleeds_on_every_edge_and_backs_are_plain_near_the_trim() {
    let (pages, colours) = pages();
    assert_eq!(pages.len(), 74);
    let bleed = 3.0;
    // Pages in order: for each characteristic, its summary card then its
    // behaviours, each front then back.
    let counts = [7, 6, 7, 5, 7];
    let mut page = 0;
    for (ci, n) in counts.iter().enumerate() {
        let colour = colours[ci];
        for card in 0..=*n {
            let (front, back) = (&pages[page], &pages[page + 1]);
            if let Err((x, y, p)) = band_is(front, 0.0, bleed, colour) {
                panic!(
                    "front of page {}: bleed pixel ({x},{y}) is {p:?}, not {colour:?}",
                    page + 1
                );
            }
            // A behaviour card's back: nothing but colour up to 4 mm
            // inside the trim. (The summary card's back holds text.)
            let limit = if card == 0 { bleed } else { bleed + 4.0 };
            if let Err((x, y, p)) = band_is(back, 0.0, limit, colour) {
                panic!(
                    "back on page {}: pixel ({x},{y}) is {p:?}, not {colour:?}",
                    page + 2
                );
            }
            page += 2;
        }
    }
    assert_eq!(page, 74);
}

#[test]
fn fronts_show_white_panels_and_text() {
    let (pages, _) = pages();
    // A behaviour card's front: inside the panel there is white paper and
    // dark text.
    let front = &pages[2];
    let (w, h) = front.dimensions();
    let mut white = 0;
    let mut dark = 0;
    for y in h / 3..h * 2 / 3 {
        for x in w / 6..w * 5 / 6 {
            let p = front.get_pixel(x, y);
            if near(p, [255, 255, 255], 2) {
                white += 1;
            } else if p[0] < 80 && p[1] < 80 && p[2] < 80 {
                dark += 1;
            }
        }
    }
    let total = (h / 3) * (w * 2 / 3);
    assert!(
        white > total / 2,
        "the panel is mostly white paper: {white} of {total}"
    );
    assert!(
        dark > total / 50,
        "the body text is there: {dark} dark pixels"
    );
}
