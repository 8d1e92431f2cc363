"""Time and memory of deckpress on hostile inputs (issue: nothing hangs,
nothing exhausts memory). Each case is a deck (or an asset) made here; the
bar is that any input under 10 MB is refused or built within 10 s and
500 MB. Prints one line per case: seconds, peak RSS, exit code.

Usage: python3 benches/hostile.py [path/to/deckpress]  (release build)
"""

import os
import subprocess
import sys
import tempfile
import time
import zlib
import struct

BIN = sys.argv[1] if len(sys.argv) > 1 else "target/release/deckpress"
HEAD = """title: A hostile deck
characteristics:
"""


def characteristic(i, behaviours, icon=None):
    s = f'  - id: c{i}\n    name: Characteristic {i}\n    colour: "#123f73"\n'
    if icon:
        s += f"    icon: {icon}\n"
    s += "    behaviours:\n"
    for j, (title, text) in enumerate(behaviours):
        s += f'      - title: "{title}"\n        text: "{text}"\n'
    return s


def png(width, height):
    """A valid, highly compressible PNG of width x height (grey)."""
    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def cases(d):
    word = "word "
    # 1. One 40 KB text repeated by 100 aliases.
    big = word * 8000
    s = HEAD + characteristic(0, [("anchor", f"&t {big} **x**")]).replace(
        '"&t', '&t "')
    s += "".join(f"      - title: t{i}\n        text: *t\n" for i in range(100))
    yield "100 aliases of a 40 KB text", s, None
    # 2. Many long texts: 2,000 texts of 4,900 characters (9.8 MB).
    text = (word * 980)[:4890] + " **x**"
    per = 20
    s = HEAD + "".join(
        characteristic(i, [(f"t{j}", text) for j in range(per)]) for i in range(100))
    yield "2,000 texts of 4,900 characters (9.8 MB)", s, None
    # 3. One 9 MB text.
    s = HEAD + characteristic(0, [("t", word * 1_800_000 + " **x**")])
    yield "one 9 MB text", s, None
    # 4. 20,000 short cards (3.6 MB): built, or refused, in bounded time.
    s = HEAD + "".join(
        characteristic(i, [(f"b {i} {j}", f"They do **b {i} {j}** well, every day of the week.")
                           for j in range(15)]) for i in range(1333))
    yield "1,333 characteristics of 15 behaviours (20,000 cards)", s, None
    # 5. A 10,000 x 10,000 PNG used by 5 characteristics.
    path = os.path.join(d, "huge.png")
    with open(path, "wb") as f:
        f.write(png(10000, 10000))
    s = HEAD + "".join(characteristic(i, [("t", "The **t** one.")], "huge.png") for i in range(5))
    yield "a 10000 x 10000 PNG used 5 times", s, None
    # 6. A 4,900 x 4,900 PNG used by 5 characteristics (under the cap).
    path = os.path.join(d, "big.png")
    with open(path, "wb") as f:
        f.write(png(4900, 4900))
    s = HEAD + "".join(characteristic(i, [("t", "The **t** one.")], "big.png") for i in range(5))
    yield "a 4900 x 4900 PNG used 5 times", s, None
    # 7. The deck is /dev/zero; an icon is /dev/zero; an icon is a FIFO.
    yield "the deck is /dev/zero", None, "/dev/zero"
    s = HEAD + characteristic(0, [("t", "The **t** one.")], "/dev/zero")
    yield "an icon that is /dev/zero", s, None
    fifo = os.path.join(d, "fifo.png")
    os.mkfifo(fifo)
    s = HEAD + characteristic(0, [("t", "The **t** one.")], "fifo.png")
    yield "an icon that is a FIFO", s, None


def main():
    with tempfile.TemporaryDirectory() as d:
        for name, text, deck in cases(d):
            if deck is None:
                deck = os.path.join(d, "deck.yaml")
                with open(deck, "w") as f:
                    f.write(text)
            size = os.path.getsize(deck) if os.path.isfile(deck) else 0
            t = time.perf_counter()
            # Each case in a process of its own, measured by the kernel.
            stats = os.path.join(d, "rusage")
            try:
                p = subprocess.run(
                    ["/usr/bin/time", "-o", stats, "-f", "%M", BIN, "build", deck,
                     "-o", os.path.join(d, "out")],
                    capture_output=True, timeout=120)
                code = p.returncode
                peak = int(open(stats).read().split()[-1])
            except subprocess.TimeoutExpired:
                code, peak = "timeout", 0
            took = time.perf_counter() - t
            print(f"{name:58s} {size/1e6:5.1f} MB  {took:6.2f} s  "
                  f"peak {peak/1024:6.0f} MiB  exit {code}", flush=True)


if __name__ == "__main__":
    main()
