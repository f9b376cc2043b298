"""Draw the application icon: a white service-desk bell on a rounded blue square.

    python packaging/make_icon.py       # needs Pillow (pip install pillow)

Writes resources/icons/frontdesk.png (256 px), frontdesk-512.png and frontdesk.ico
(16, 20, 24, 32, 40, 48, 64, 128 and 256 px). Each size is drawn at 8× and scaled down,
so the small sizes stay crisp; the bell is simplified below 32 px.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
BLUE = (23, 105, 170, 255)
BLUE_DARK = (14, 74, 124, 255)
WHITE = (255, 255, 255, 255)
SCALE = 8


def draw(size: int) -> Image.Image:
    s = size * SCALE
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    u = s / 64  # drawing units: a 64 × 64 grid

    # background: a rounded square with a darker lower band (the desk)
    d.rounded_rectangle((1 * u, 1 * u, 63 * u, 63 * u), radius=12 * u, fill=BLUE)
    d.rounded_rectangle((1 * u, 44 * u, 63 * u, 63 * u), radius=12 * u, fill=BLUE_DARK)
    d.rectangle((1 * u, 44 * u, 63 * u, 50 * u), fill=BLUE_DARK)

    # the bell: a dome, a base plate and the push button
    d.pieslice((12 * u, 17 * u, 52 * u, 57 * u), start=180, end=360, fill=WHITE)
    d.rounded_rectangle((8 * u, 37 * u, 56 * u, 43 * u), radius=2.5 * u, fill=WHITE)
    d.rounded_rectangle((29 * u, 12 * u, 35 * u, 19 * u), radius=1.5 * u, fill=WHITE)
    d.rounded_rectangle((24 * u, 10 * u, 40 * u, 14 * u), radius=2 * u, fill=WHITE)
    if size >= 32:  # a highlight on the dome
        d.arc((17 * u, 22 * u, 47 * u, 52 * u), start=200, end=240, fill=BLUE, width=int(2.5 * u))
    return img.resize((size, size), Image.LANCZOS)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    draw(256).save(OUT / "frontdesk.png", optimize=True)
    draw(512).save(OUT / "frontdesk-512.png", optimize=True)
    images = [draw(n) for n in ICO_SIZES]
    images[-1].save(OUT / "frontdesk.ico", format="ICO", sizes=[(n, n) for n in ICO_SIZES],
                    append_images=images[:-1])
    for p in sorted(OUT.iterdir()):
        print(p, p.stat().st_size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
