"""Write the five characteristic icons used on the deckpress cards as SVG.

Writes trust.svg, collaboration.svg, innovation.svg, partnering.svg and
difference.svg next to this script: simple geometry on a 100 x 100 view
box, one colour (black), no text, gradients or pictures. deckpress draws
an icon of one colour in the colour of the text on the characteristic's
colour (white on dark colours), so the files stay neutral. The output is
deterministic.

Run:  python3 assets/make_icons.py      (standard library only)
"""

import math
from pathlib import Path

OUT = Path(__file__).resolve().parent
W = 8  # common stroke width, in view-box units


def num(v):
    """A coordinate, rounded to 0.01 and written without trailing zeros."""
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


def poly(*pts):
    d = "M" + " L".join(f"{num(x)} {num(y)}" for x, y in pts) + " Z"
    return f'<path d="{d}"/>'


def rounded(x0, y0, x1, y1, r):
    """A rounded rectangle as a path (for use inside a clip path)."""
    return (
        f"M{num(x0 + r)} {num(y0)} H{num(x1 - r)} A{num(r)} {num(r)} 0 0 1 {num(x1)} {num(y0 + r)} "
        f"V{num(y1 - r)} A{num(r)} {num(r)} 0 0 1 {num(x1 - r)} {num(y1)} "
        f"H{num(x0 + r)} A{num(r)} {num(r)} 0 0 1 {num(x0)} {num(y1 - r)} "
        f"V{num(y0 + r)} A{num(r)} {num(r)} 0 0 1 {num(x0 + r)} {num(y0)} Z"
    )


def trust():
    """A bridge: a deck on a shallow arch, spanning a gorge between two banks."""
    top, base, r = 24, 78, 42
    cx, cy = 50, top + W + r  # the arch's crown touches the deck's underside
    # Where the arch's outer and inner circles meet the ground.
    dy = base - cy
    outer = math.sqrt(r * r - dy * dy)
    inner = math.sqrt((r - W) ** 2 - dy * dy)
    arch = (
        f"M{num(cx - outer)} {num(base)} "
        f"A{num(r)} {num(r)} 0 1 1 {num(cx + outer)} {num(base)} "
        f"L{num(cx + inner)} {num(base)} "
        f"A{num(r - W)} {num(r - W)} 0 1 0 {num(cx - inner)} {num(base)} Z"
    )
    return [
        f'<rect x="8" y="{top}" width="84" height="{W}"/>',
        f'<path d="{arch}"/>',
        poly((8, top), (14, top), (30, base), (8, base)),
        poly((92, top), (86, top), (70, base), (92, base)),
    ]


def collaboration():
    """Three overlapping rings arranged in a triangle."""
    cx, cy, rc, r = 50, 55, 20, 21
    out = []
    for a in (-90, 30, 150):
        t = math.radians(a)
        out.append(
            f'<circle cx="{num(cx + rc * math.cos(t))}" cy="{num(cy + rc * math.sin(t))}" '
            f'r="{num(r - W / 2)}" fill="none" stroke="#000" stroke-width="{W}"/>'
        )
    return out


def spark(cx, cy, r):
    """A four-pointed star with concave sides."""
    c = 0.312 * r  # the control point that puts each side through 0.406 r
    pts = [(0, -r), (r, 0), (0, r), (-r, 0)]
    ctl = [(c, -c), (c, c), (-c, c), (-c, -c)]
    d = f"M{num(cx)} {num(cy - r)}"
    for (px, py), (qx, qy) in zip(pts[1:] + pts[:1], ctl):
        d += f" Q{num(cx + qx)} {num(cy + qy)} {num(cx + px)} {num(cy + py)}"
    return f'<path d="{d} Z"/>'


def innovation():
    """A large spark with a small companion spark."""
    return [spark(44, 56, 36), spark(78, 22, 14)]


def partnering():
    """Two overlapping speech bubbles, tails pointing to opposite sides."""
    rad, gap = 12, 4.5
    x0, y0, x1, y1 = 8, 34, 66, 76  # the front bubble
    # The back bubble is cut clear of the front one by a gap.
    knockout = "M0 0 H100 V100 H0 Z " + rounded(x0 - gap, y0 - gap, x1 + gap, y1 + gap, rad + gap)
    return [
        f'<clipPath id="gap"><path clip-rule="evenodd" d="{knockout}"/></clipPath>',
        '<g clip-path="url(#gap)">',
        f'<rect x="34" y="10" width="58" height="42" rx="{rad}"/>',
        poly((68, 50), (84, 50), (86, 68)),
        "</g>",
        f'<rect x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}" rx="{rad}"/>',
        poly((18, 74), (36, 74), (14, 92)),
    ]


def difference():
    """A circle, a square and a triangle, each a different size."""
    return [
        '<circle cx="32" cy="62" r="23"/>',
        '<rect x="61" y="54" width="30" height="30"/>',
        poly((66, 12), (86, 46), (46, 46)),
    ]


ICONS = {
    "trust": trust,
    "collaboration": collaboration,
    "innovation": innovation,
    "partnering": partnering,
    "difference": difference,
}


def main():
    for name, fn in ICONS.items():
        body = "\n  ".join(fn())
        svg = (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" '
            f'width="100" height="100">\n  {body}\n</svg>\n'
        )
        path = OUT / f"{name}.svg"
        path.write_text(svg)
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
