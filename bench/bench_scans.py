"""``scans import`` of 100 scanned pages: seconds per page.

    python bench/bench_scans.py [--pages 100] [--dpi 200]

Prints KF-01 forms (200 rows a day, 13-14 pages each) in a temporary data home until there
are ``--pages`` pages, turns every page into what a desk scanner returns (grey, ``--dpi``,
rotated by up to ±2°, JPEG), shuffles them into one multi-page PDF and a few loose JPEGs,
adds two pages with no code, and times ``scans.import_scans`` (reading, decoding, filing,
the database rows). Goal: well under a second per page.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.bench_forms import DAY, _setup  # noqa: E402


def scanned(pdf: bytes, dpi: int, rng: random.Random) -> list:
    import pypdfium2 as pdfium
    from PIL import Image

    doc = pdfium.PdfDocument(pdf)
    out = []
    for i in range(len(doc)):
        img = doc[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        img = img.rotate(rng.uniform(-2, 2), expand=True, fillcolor=255)
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=75)
        out.append(Image.open(io.BytesIO(buf.getvalue())))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=100)
    ap.add_argument("--dpi", type=int, default=200)
    args = ap.parse_args(argv)
    from PIL import Image

    from app.core.bootstrap import open_context
    from app.core.context import Actor
    from app.domain.enums import Role
    from app.forms import printing, scans

    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        _setup(home, 200)
        ctx = open_context(home)
        ctx.actor = Actor("admin", "管理员", Role.ADMIN)
        pages = []
        jobs = 0
        while len(pages) < args.pages:
            rendered, _, _ = printing.print_form(ctx, "contact-log", date_from=DAY, date_to=DAY)
            pages.extend(scanned(rendered.pdf, args.dpi, rng))
            jobs += 1
        pages = pages[:args.pages]
        rng.shuffle(pages)
        folder = Path(tmp) / "scans"
        folder.mkdir()
        pages[0].save(folder / "batch.pdf", "PDF", resolution=args.dpi, save_all=True, append_images=pages[1:-5])
        for i, p in enumerate(pages[-5:]):
            p.save(folder / f"loose-{i}.jpg", "JPEG", quality=75)
        for i in range(2):
            Image.new("L", (1654, 2339), 255).save(folder / f"nocode-{i}.jpg", "JPEG")
        total = args.pages + 2
        started = time.perf_counter()
        result = scans.import_scans(ctx, [folder])
        seconds = time.perf_counter() - started
        print(f"scans import: {total} pages ({args.pages} with a code from {jobs} print jobs, 2 without), "
              f"{args.dpi} dpi, rotated ±2°, JPEG")
        print(f"  filed {len(result.filed)}, 待人工匹配 {len(result.unmatched)}, "
              f"jobs complete {len(result.jobs_completed)}, errors {len(result.errors)}")
        print(f"  {seconds:.1f} s in all, {seconds / total:.2f} s per page")
        ctx.engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
