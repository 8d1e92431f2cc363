//! Colour arithmetic for legible designs: WCAG contrast, the text colour to
//! put on a characteristic's colour, a shade of it that reads on white, and
//! colour-blindness simulation to check that colours stay apart.

use crate::frame::Color;

/// WCAG relative luminance.
pub fn luminance(c: Color) -> f64 {
    c.luminance()
}

/// WCAG contrast ratio between two colours (1 to 21).
pub fn contrast(a: Color, b: Color) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The WCAG AA contrast for normal text.
pub const AA: f64 = 4.5;

/// White or black, whichever reads better on `background` (white when both
/// pass AA, since designs set light type on colour).
pub fn text_on(background: Color) -> Color {
    if contrast(Color::WHITE, background) >= AA {
        Color::WHITE
    } else if contrast(Color::BLACK, background) >= contrast(Color::WHITE, background) {
        Color::BLACK
    } else {
        Color::WHITE
    }
}

/// `colour` itself if it reads on white at AA, else the nearest darker
/// shade of it that does.
pub fn ink_on_white(colour: Color) -> Color {
    let mut t = 0.0;
    let mut c = colour;
    while contrast(c, Color::WHITE) < AA && t < 1.0 {
        t += 0.05;
        c = colour.mix(Color::BLACK, t);
    }
    c
}

/// `colour` itself if it reads on `background` at AA, else the nearest
/// shade of it (darker on light backgrounds, lighter on dark ones) that
/// does.
pub fn readable(colour: Color, background: Color) -> Color {
    readable_at(colour, background, AA)
}

/// As `readable`, for a contrast of `min`.
pub fn readable_at(colour: Color, background: Color, min: f64) -> Color {
    let towards = if luminance(background) > 0.18 {
        Color::BLACK
    } else {
        Color::WHITE
    };
    let mut t = 0.0;
    let mut c = colour;
    while contrast(c, background) < min && t < 1.0 {
        t += 0.05;
        c = colour.mix(towards, t);
    }
    c
}

/// CIE L*a*b* (D65) of an sRGB colour given in linear light.
fn lab_of_linear([r, g, b]: [f64; 3]) -> [f64; 3] {
    let x = 0.4124 * r + 0.3576 * g + 0.1805 * b;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = 0.0193 * r + 0.1192 * g + 0.9505 * b;
    let f = |t: f64| {
        if t > 0.008856 {
            t.cbrt()
        } else {
            7.787 * t + 16.0 / 116.0
        }
    };
    let (fx, fy, fz) = (f(x / 0.95047), f(y), f(z / 1.08883));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// Kinds of colour vision, for checking that colours stay distinct.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Vision {
    Normal,
    Protanopia,
    Deuteranopia,
    Tritanopia,
}

impl Vision {
    pub const ALL: [Vision; 4] = [
        Vision::Normal,
        Vision::Protanopia,
        Vision::Deuteranopia,
        Vision::Tritanopia,
    ];

    /// Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB.
    fn matrix(self) -> [[f64; 3]; 3] {
        match self {
            Vision::Normal => [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
            Vision::Protanopia => [
                [0.152286, 1.052583, -0.204868],
                [0.114503, 0.786281, 0.099216],
                [-0.003882, -0.048116, 1.051998],
            ],
            Vision::Deuteranopia => [
                [0.367322, 0.860646, -0.227968],
                [0.280085, 0.672501, 0.047413],
                [-0.011820, 0.042940, 0.968881],
            ],
            Vision::Tritanopia => [
                [1.255528, -0.076749, -0.178779],
                [-0.078411, 0.930809, 0.147602],
                [0.004733, 0.691367, 0.303900],
            ],
        }
    }
}

/// How different two colours look (CIE76 ΔE in L*a*b*) to someone with the
/// given colour vision.
pub fn difference(a: Color, b: Color, vision: Vision) -> f64 {
    let seen = |c: Color| {
        let lin = c.linear();
        let m = vision.matrix();
        let mut out = [0.0; 3];
        for (i, row) in m.iter().enumerate() {
            out[i] = (row[0] * lin[0] + row[1] * lin[1] + row[2] * lin[2]).clamp(0.0, 1.0);
        }
        lab_of_linear(out)
    };
    let (p, q) = (seen(a), seen(b));
    ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2) + (p[2] - q[2]).powi(2)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_wcag_examples() {
        assert!((contrast(Color::WHITE, Color::BLACK) - 21.0).abs() < 1e-9);
        // #767676 is the classic lightest grey at AA on white.
        let grey = Color::rgb(0x76, 0x76, 0x76);
        assert!(contrast(grey, Color::WHITE) >= 4.5);
        assert!(contrast(Color::rgb(0x77, 0x77, 0x77), Color::WHITE) < 4.5);
    }

    #[test]
    fn text_and_ink_choices_reach_aa() {
        let yellow = Color::rgb(0xf0, 0xe4, 0x42);
        assert_eq!(text_on(yellow), Color::BLACK);
        assert!(contrast(ink_on_white(yellow), Color::WHITE) >= AA);
        let navy = Color::rgb(0x12, 0x3f, 0x73);
        assert_eq!(text_on(navy), Color::WHITE);
        assert_eq!(ink_on_white(navy), navy);
    }

    #[test]
    fn red_and_green_merge_for_deuteranopes() {
        let red = Color::rgb(0xc0, 0x30, 0x30);
        let green = Color::rgb(0x3a, 0x8a, 0x20);
        assert!(difference(red, green, Vision::Normal) > 50.0);
        assert!(difference(red, green, Vision::Deuteranopia) < 20.0);
    }
}
