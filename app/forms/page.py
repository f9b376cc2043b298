"""What every printed page carries besides the form itself, and where it goes.

The page, from the edge inwards: a printable margin of at least 10 mm on every side (printers
cut below about 5 mm) plus the binding margin on the left (a hole punch must miss the 序号
column). Inside it:

- a top band: the job's QR code in the top-right corner (away from signatures and stamps,
  which sit at the end of a form), the form code and the page's job number beside it, and from
  the second page on a running title ``…（续）`` with the form's header line;
- a bottom band: company and service centre, ``第 X 页 共 Y 页``, print time and printer. The
  band is laid out by rule: one line when the three fit without touching, otherwise two lines
  (names and page number; print time and printer); a text still too long is shortened with
  ``…``. The page number is never shortened.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

MIN_MARGIN_MM = 10.0
QR_MM = 13.0
GAP = 3 * mm
ELLIPSIS = "…"


def qr_payload(job_code: str, page: int) -> str:
    """What the QR code of a page says: ``FD:<job>:<page>`` (QR alphanumeric mode: small and robust)."""
    return f"FD:{job_code}:{page}"


def qr_modules(payload: str) -> list[list[bool]]:
    """The dark/light modules of a QR code (error correction M) by reportlab's encoder.

    The mask is the encoder's choice by its penalty rules, but only masks 0–3 are weighed:
    each weighing is a full pure-Python layout and a 200-row listing prints a code on every
    page; any mask is valid QR and every decoder reads it."""
    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(payload)
    qr.version = qr.calculate_version()
    best, best_points = 0, None
    for mask in range(4):
        qr.makeImpl(True, mask)
        points = qrencoder.QRUtil.getLostPoint(qr)
        if best_points is None or points < best_points:
            best, best_points = mask, points
    qr.makeImpl(False, best)
    return qr.modules


def page_number_text(job_code: str, page: int) -> str:
    """The human-readable number printed beside the QR code (typed in when a code will not read)."""
    return f"{job_code}-{page}"


@dataclass
class Box:
    """The page split into bands (points)."""

    width: float
    height: float
    left: float
    right: float
    top_band: float
    bottom_band: float

    @property
    def frame_x(self) -> float:
        return self.left

    @property
    def frame_y(self) -> float:
        return self.bottom_band

    @property
    def frame_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def frame_height(self) -> float:
        return self.height - self.top_band - self.bottom_band


class Furniture:
    """Draws the bands of one rendering. ``draw_text(c, x, y, text, size, align)`` and
    ``text_width(text, size)`` come from the renderer (they know the fonts)."""

    def __init__(self, pagesize, *, margin_mm: float, binding_mm: float, size: float, draw_text, text_width,
                 job_code: str, code: str, running: str, who: str, printed: str):
        self.pagesize = pagesize
        self.margin = max(margin_mm, MIN_MARGIN_MM) * mm
        self.binding = max(binding_mm, 0.0) * mm
        self.size = size
        self.small = max(size - 1.5, 6.5)
        self.draw_text = draw_text
        self.text_width = text_width
        self.job_code = job_code
        self.code = code
        self.running = running
        self.who = who
        self.printed = printed
        self.qr = QR_MM * mm if job_code else 0.0
        w, h = pagesize
        self.foot_size = max(size - 1, 7)
        self.foot_lead = self.foot_size * 1.3
        self.two_line_footer = not self._footer_fits_one_line(w - self.margin * 2 - self.binding)
        lines = 2 if self.two_line_footer else 1
        top = self.margin + max(self.qr, (size + 1) * 1.3 + self.small * 1.3) + 2 * mm
        bottom = self.margin + lines * self.foot_lead + 2 * mm
        self.box = Box(w, h, self.margin + self.binding, self.margin, top, bottom)

    # -- footer layout ----------------------------------------------------
    def _footer_fits_one_line(self, width: float) -> bool:
        fs = self.foot_size
        pages = self.text_width("第 999 页 共 999 页", fs)
        side = (width - pages) / 2 - GAP
        return self.text_width(self.who, fs) <= side and self.text_width(self.printed, fs) <= side

    def shorten(self, text: str, size: float, width: float) -> str:
        """``text`` cut with ``…`` to fit ``width``."""
        if self.text_width(text, size) <= width:
            return text
        lo, hi = 0, len(text)
        while lo < hi:  # the longest prefix that fits with the ellipsis
            mid = (lo + hi + 1) // 2
            if self.text_width(text[:mid] + ELLIPSIS, size) <= width:
                lo = mid
            else:
                hi = mid - 1
        return text[:lo].rstrip() + ELLIPSIS if lo else ""

    def footer(self, c: Canvas, page: int, total: int) -> None:
        b, fs = self.box, self.foot_size
        x0, x1 = b.left, b.width - b.right
        width = x1 - x0
        pages = f"第 {page} 页 共 {total} 页"
        y = self.margin + 0.25 * fs
        if not self.two_line_footer:
            self.draw_text(c, x0, y, self.who, fs)
            self.draw_text(c, (x0 + x1) / 2, y, pages, fs, "center")
            self.draw_text(c, x1, y, self.printed, fs, "right")
            return
        upper = y + self.foot_lead
        room = width - self.text_width(pages, fs) - GAP
        self.draw_text(c, x0, upper, self.shorten(self.who, fs, room), fs)
        self.draw_text(c, x1, upper, pages, fs, "right")
        self.draw_text(c, x0, y, self.shorten(self.printed, fs, width), fs)

    # -- top band -----------------------------------------------------------
    def top(self, c: Canvas, page: int, job_page: int | None = None) -> None:
        """``page`` of this document; ``job_page`` of the whole print job (the QR code and the
        number under it; the same unless several documents are printed as one job)."""
        job_page = job_page or page
        b = self.box
        x1 = b.width - b.right
        y_top = b.height - self.margin
        right = x1
        if self.job_code:
            self._qr(c, x1 - self.qr, y_top - self.qr, qr_payload(self.job_code, job_page))
            right = x1 - self.qr - 2 * mm
        code_y = y_top - (self.size + 1)
        self.draw_text(c, right, code_y, self.code, self.size + 1, "right")
        used = self.text_width(self.code, self.size + 1)
        if self.job_code:
            number = page_number_text(self.job_code, job_page)
            self.draw_text(c, right, code_y - self.small * 1.4, number, self.small, "right")
            used = max(used, self.text_width(number, self.small))
        if page > 1 and self.running:
            room = right - used - GAP - b.left
            self.draw_text(c, b.left, code_y, self.shorten(self.running, self.size, room), self.size)

    def _qr(self, c: Canvas, x: float, y: float, payload: str) -> None:
        """The code as one filled path, a rectangle per run of dark modules in a row (the quiet
        zone is the white margin around it)."""
        modules = qr_modules(payload)
        n = len(modules)
        unit = self.qr / n
        path = c.beginPath()
        for r, row in enumerate(modules):
            top = y + self.qr - r * unit
            col = 0
            while col < n:
                if not row[col]:
                    col += 1
                    continue
                start = col
                while col < n and row[col]:
                    col += 1
                path.rect(x + start * unit, top - unit, (col - start) * unit, unit)
        c.saveState()
        c.setFillGray(0)
        c.drawPath(path, stroke=0, fill=1)
        c.restoreState()
