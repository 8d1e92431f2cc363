"""Generate the five characteristic icons used on the deckpress cards.

Writes trust.png, collaboration.png, innovation.png, partnering.png and
difference.png next to this script: 1200 x 1200 px RGBA, a solid white mark
on a fully transparent background. Shapes are drawn at 4x and downscaled
with LANCZOS for smooth edges; output is deterministic.

Run:  python3 assets/make_icons.py      (requires Pillow: pip install pillow)
"""

import math
from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 1200  # final pixel size
SS = 4  # supersampling factor
W = 0.08  # common stroke width, as a fraction of the icon size
OUT = Path(__file__).resolve().parent


def px(v):
    """Unit coordinate (0..1) -> supersampled pixels."""
    return round(v * SIZE * SS)


def box(x0, y0, x1, y1):
    return [px(x0), px(y0), px(x1), px(y1)]


def circle(d, cx, cy, r, fill=255):
    d.ellipse(box(cx - r, cy - r, cx + r, cy + r), fill=fill)


def ring(d, cx, cy, r, fill=255):
    """Ring whose outer radius is r and thickness W."""
    d.ellipse(box(cx - r, cy - r, cx + r, cy + r), outline=fill, width=px(W))


def poly(d, pts, fill=255):
    d.polygon([(px(x), px(y)) for x, y in pts], fill=fill)


def sparkle(d, cx, cy, r, p=2.6, n=360):
    """Four-pointed star with concave sides (a super-ellipse with exponent p)."""
    pts = []
    for i in range(n):
        t = 2 * math.pi * i / n
        c, s = math.cos(t), math.sin(t)
        pts.append((cx + r * math.copysign(abs(c) ** p, c),
                    cy + r * math.copysign(abs(s) ** p, s)))
    poly(d, pts)


def trust(d):
    """A bridge: a deck on a shallow arch, spanning a gorge between two banks."""
    top, base, r = 0.24, 0.78, 0.42
    d.rectangle(box(0.08, top, 0.92, top + W), fill=255)  # deck
    cy = top + W + r  # arch crown touches the underside of the deck
    circle(d, 0.5, cy, r)
    circle(d, 0.5, cy, r - W, fill=0)
    d.rectangle(box(0, base, 1, 1), fill=0)  # trim the arch at ground level
    poly(d, [(0.08, top), (0.14, top), (0.30, base), (0.08, base)])  # banks
    poly(d, [(0.92, top), (0.86, top), (0.70, base), (0.92, base)])


def collaboration(d):
    """Three overlapping rings arranged in a triangle."""
    cx, cy, rc, r = 0.5, 0.55, 0.20, 0.21
    for a in (-90, 30, 150):
        t = math.radians(a)
        ring(d, cx + rc * math.cos(t), cy + rc * math.sin(t), r)


def innovation(d):
    """A large spark with a small companion spark."""
    sparkle(d, 0.44, 0.56, 0.36)
    sparkle(d, 0.78, 0.22, 0.14)


def partnering(d):
    """Two overlapping speech bubbles, tails pointing to opposite sides."""
    rad, gap = 0.12, 0.045
    d.rounded_rectangle(box(0.34, 0.10, 0.92, 0.52), px(rad), fill=255)
    poly(d, [(0.68, 0.50), (0.84, 0.50), (0.86, 0.68)])  # back tail
    front = (0.08, 0.34, 0.66, 0.76)
    x0, y0, x1, y1 = front
    # knock out a clear gap around the front bubble, then fill it
    d.rounded_rectangle(box(x0 - gap, y0 - gap, x1 + gap, y1 + gap),
                        px(rad + gap), fill=0)
    d.rounded_rectangle(box(*front), px(rad), fill=255)
    poly(d, [(0.18, 0.74), (0.36, 0.74), (0.14, 0.92)])  # front tail


def difference(d):
    """A circle, a square and a triangle, each a different size."""
    circle(d, 0.32, 0.62, 0.23)
    d.rectangle(box(0.61, 0.54, 0.91, 0.84), fill=255)
    poly(d, [(0.66, 0.12), (0.86, 0.46), (0.46, 0.46)])


ICONS = {
    "trust": trust,
    "collaboration": collaboration,
    "innovation": innovation,
    "partnering": partnering,
    "difference": difference,
}


def render(draw_fn):
    mask = Image.new("L", (SIZE * SS, SIZE * SS), 0)
    draw_fn(ImageDraw.Draw(mask))
    alpha = mask.resize((SIZE, SIZE), Image.LANCZOS)
    img = Image.new("RGBA", (SIZE, SIZE), (255, 255, 255, 0))
    img.putalpha(alpha)
    return img


def main():
    for name, fn in ICONS.items():
        path = OUT / f"{name}.png"
        render(fn).save(path, optimize=True)
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
