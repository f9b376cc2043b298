"""The PDF renderer: a :class:`~app.forms.template.Template` plus :class:`~app.forms.spec.FormData`
→ PDF bytes, on reportlab platypus.

- table header repeated on every page; rows taller than a page split across pages;
- long Chinese text wraps inside its cell (CJK line breaking), never cut off;
- form code in the top corner of every page; title block on the first page, a short
  running title on the others; footer with company and service centre, ``第 X 页 共 Y 页``
  and the print time (total pages in one pass: page states are kept until the end);
- ``本期无记录`` row for an empty table; trailing box/text/signature blocks kept together.

Why one file of this size: the renderer is one class whose block methods share the state of the
document being built (fonts and their shaper, frame widths, the records seen on each page);
what stands on its own already lives apart: line breaking (``linebreak.py``), page furniture
and the QR code (``page.py``), charts (``charts.py``), templates (``template.py``).
"""

from __future__ import annotations

import io
import logging
import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, A5, landscape, portrait
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Paragraph, Spacer, Table, TableStyle,
)

from app.forms.fonts import MainFont, Shaper
from app.forms.linebreak import break_lines
from app.forms.page import Furniture
from app.forms.spec import FormData
from app.forms.template import Block, Template

log = logging.getLogger(__name__)

_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}


def bold_stroke(size: float) -> float:
    """The outline width that makes a regular CJK face read as bold at ``size``."""
    return round(size * 0.035, 3)
_TAIL_TYPES = {"text", "box", "signatures", "spacer"}
GRID = colors.Color(0.25, 0.25, 0.25)
HEAD_BG = colors.Color(0.9, 0.9, 0.9)
PAD = 2.5


@dataclass
class Rendered:
    pdf: bytes
    pages: int
    notes: list[str] = field(default_factory=list)
    replaced: dict[str, str] = field(default_factory=dict)
    missing: set[str] = field(default_factory=set)
    missing_keys: set[str] = field(default_factory=set)
    #: page number → uuids of the records printed on it
    page_records: dict[int, tuple[str, ...]] = field(default_factory=dict)


# ------------------------------------------------------------------ values

def fmt(value: Any, spec: str | None = None) -> str:
    """How a value prints: dates as YYYY-MM-DD [HH:MM], booleans 是/否, None blank."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return value.strftime(spec or "%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.strftime(spec or "%Y-%m-%d")
    if isinstance(value, float):
        if spec:
            return format(value, spec)
        return ("%.2f" % value).rstrip("0").rstrip(".")
    if isinstance(value, (int,)) and spec:
        return format(value, spec)
    if isinstance(value, (list, tuple, set)):
        return "、".join(fmt(v) for v in value)
    if hasattr(value, "value") and isinstance(getattr(value, "value"), str):  # enums
        return value.value
    return str(value)


def period_text(d_from: date | None, d_to: date | None) -> str:
    if d_from and d_to and d_from != d_to:
        return f"{fmt(d_from)} 至 {fmt(d_to)}"
    return fmt(d_from or d_to)


_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{(\w+)(?::([^{}]*))?\}")


class _Values:
    def __init__(self, values: dict[str, Any]):
        self.values = values
        self.missing: set[str] = set()

    def get(self, key: str | None) -> Any:
        if key is None:
            return None
        if key not in self.values:
            self.missing.add(key)
            return None
        return self.values[key]

    def fill(self, text: str) -> str:
        def sub(m: re.Match) -> str:
            if m.group(0) == "{{":
                return "{"
            if m.group(0) == "}}":
                return "}"
            return fmt(self.get(m.group(1)), m.group(2))

        return _PLACEHOLDER.sub(sub, text)


def _cell(row: Any, key: str) -> Any:
    if isinstance(row, dict):
        return row.get(key)
    return getattr(row, key, None)


# --------------------------------------------------------------- flowables

class _Tick(Flowable):
    """A drawn check box (no font needed): ticked or empty."""

    def __init__(self, checked: bool, size: float):
        super().__init__()
        self.checked = checked
        self.size = size

    def wrap(self, aw, ah):
        return self.size, self.size

    def draw(self):
        c, s = self.canv, self.size
        c.setLineWidth(0.7)
        c.rect(0, 0, s, s)
        if self.checked:
            c.setLineWidth(1.2)
            c.line(s * 0.18, s * 0.5, s * 0.42, s * 0.2)
            c.line(s * 0.42, s * 0.2, s * 0.85, s * 0.85)


class _Lines(Flowable):
    """Lines already broken by the engine, drawn as they are (text with fallback-font runs
    in a table cell). Unlike a Paragraph it never re-wraps: reportlab splits a spanned cell
    across pages with one column's width, which would re-break the lines."""

    def __init__(self, lines: list[str], width: float, size: float, leading: float, align: str, draw_text,
                 bold: bool = False):
        super().__init__()
        self.lines, self.avail, self.size, self.leading, self.align = lines, width, size, leading, align
        self._draw_text = draw_text
        self.bold = bold

    def wrap(self, aw, ah):
        self.width, self.height = self.avail, len(self.lines) * self.leading
        return self.width, self.height

    def split(self, aw, ah):
        k = int((ah + 0.01) // self.leading)
        if k <= 0 or k >= len(self.lines):
            return []
        return [self._part(self.lines[:k]), self._part(self.lines[k:])]

    def _part(self, lines):
        return _Lines(lines, self.avail, self.size, self.leading, self.align, self._draw_text, self.bold)

    def draw(self):
        x = {"left": 0.0, "center": self.avail / 2, "right": self.avail}[self.align]
        for i, line in enumerate(self.lines):
            if line:
                self._draw_text(self.canv, x, self.height - self.size - i * self.leading, line, self.size, self.align,
                                bold=self.bold, room=self.avail)


@dataclass(frozen=True)
class RowTag:
    """What the engine knows of a table row: the record it shows and its key cells
    (column index → text), repeated when the row continues on the next page."""

    uuid: str | None = None
    keys: tuple[tuple[int, str], ...] = ()


class _Table(Table):
    """A table that splits the way a paper form should.

    reportlab's own order (first between rows, then inside a row as a fallback) can
    leave a sliver of a long row under a repeated header in the middle of a page. Here:
    a row taller than a third of the page is split inside, filling the rest of the page;
    any other row that does not fit moves whole to the next page. A row continued on the
    next page repeats its key cells (序号, 姓名 …). ``tags`` (one per row) follow the rows
    through every split; ``on_draw`` hears which records a page shows.
    """

    frame_height: float = 0.0
    tags: list[RowTag | None] | None = None
    on_draw = None

    def split(self, aw, ah):
        self._calc(aw, ah)
        heights = self._rowHeights
        if self._width > aw + 0.5 or not heights:
            return self._keep(super().split(aw, ah))
        n = self._getFirstPossibleSplitRowPosition(ah)
        if n >= len(heights):
            return [self]
        repeat = self._repeat()
        left = ah - sum(heights[:n])
        min_piece = 4 * (self._cellStyles[0][0].leading if self._cellStyles else 12)
        tall = heights[n] > (self.frame_height or ah) / 3
        if tall and left >= min_piece:
            parts = self._splitRows(ah, doInRowSplit=True)
            if parts:
                return self._keep(parts)
        if n > repeat:
            return self._keep(self._splitRows(ah, doInRowSplit=False))
        return []

    def _repeat(self) -> int:
        return self.repeatRows if isinstance(self.repeatRows, int) else max(self.repeatRows) + 1

    def _keep(self, parts):
        parts = list(parts)
        for t in parts:
            if isinstance(t, Table) and t is not self:
                t.__class__ = _Table
                t.frame_height = self.frame_height
                t.hAlign = self.hAlign
                t.on_draw = self.on_draw
        if self.tags is None or len(parts) != 2 or parts[0] is self:
            for t in parts:
                if t is not self:
                    t.tags = self.tags
            return parts
        first, rest = parts
        repeat = self._repeat()
        k = len(first._cellvalues)
        in_row = k + len(rest._cellvalues) - repeat == len(self._cellvalues) + 1
        first.tags = self.tags[:k]
        rest.tags = self.tags[:repeat] + self.tags[k - 1 if in_row else k:]
        if in_row and len(rest._cellvalues) > repeat:
            tag = self.tags[k - 1]
            row = rest._cellvalues[repeat]
            needed = 0.0
            for col, text in (tag.keys if tag else ()):
                cell = row[col]
                if cell is None or (isinstance(cell, str) and not cell.strip()) or cell == []:
                    row[col] = text
                    st = rest._cellStyles[repeat][col]
                    needed = max(needed, (text.count("\n") + 1) * st.leading + st.topPadding + st.bottomPadding)
            heights = rest._argH
            if heights[repeat] is not None and heights[repeat] < needed:  # the tail of a row: room for its keys
                heights[repeat] = needed
        return parts

    def draw(self):
        super().draw()
        if self.on_draw is not None and self.tags:
            self.on_draw([t.uuid for t in self.tags if t is not None and t.uuid])


# ---------------------------------------------------------------- renderer

class _Renderer:
    def __init__(self, template: Template, data: FormData, standard: dict[str, Any], font: MainFont):
        self.t = template
        self.shaper = Shaper(font)
        values = dict(standard)
        values.setdefault("form_code", template.code)
        values.setdefault("form_title", template.title)
        values.setdefault("period", period_text(data.period_from, data.period_to))
        values.update(data.values)
        self.values = _Values(values)
        self.font = font.choice.name
        self.size = template.font_size
        # 1.2 × size: reportlab splits a plain-text cell across pages counting 1.2 × size per line
        self.leading = round(template.font_size * 1.2, 2)
        self._styles: dict[tuple, ParagraphStyle] = {}
        self._widths: dict[tuple[str, str, float], float] = {}
        size = A4 if template.page == "A4" else A5
        self.pagesize = landscape(size) if template.orientation == "landscape" else portrait(size)
        self.form_uuids = tuple(data.record_uuids or ())
        self.page_no = 0
        #: pages of the same print job drawn before this document (its QR codes number on from there)
        self.page_offset = int(standard.get("page_offset") or 0) if standard else 0
        self.page_records: dict[int, set[str]] = {}
        job = fmt(standard.get("job_code")) if standard else ""
        printed = f"打印时间：{fmt(self.values.get('printed_at'))}"
        by = fmt(self.values.get("printed_by"))
        if by:
            printed += f"  打印人：{by}"
        who = " ".join(x for x in (fmt(self.values.get("company_name")), fmt(self.values.get("site_name"))) if x)
        self.furniture = Furniture(
            self.pagesize, margin_mm=template.margins_mm, binding_mm=float(standard.get("binding_mm") or 0),
            size=self.size, draw_text=self.draw_text, text_width=self.width_of, job_code=job,
            code=fmt(self.values.get("form_code")), running=self._running_title(), who=who, printed=printed)
        box = self.furniture.box
        self.width = box.frame_width
        self.frame_height = box.frame_height

    def _running_title(self) -> str:
        parts = [(f"{it.label}：" if it.label else "") + fmt(self.values.get(it.key), it.format)
                 for it in self.t.header if it.key != "site_name"]
        return "　".join([f"{self.t.title}（续）", *[p for p in parts if p]])

    # -- text measuring and breaking --------------------------------------
    def style(self, size: float | None = None, align: str = "left", leading: float | None = None) -> ParagraphStyle:
        size = size or self.size
        key = (size, align, leading)
        st = self._styles.get(key)
        if st is None:
            st = ParagraphStyle(f"s{len(self._styles)}", fontName=self.font, fontSize=size,
                                leading=leading or round(size * 1.2, 2), alignment=_ALIGN[align],
                                wordWrap="CJK", splitLongWords=True)
            self._styles[key] = st
        return st

    def _char_widths(self, text: str, size: float) -> tuple[str, list[float], bool]:
        """(text as printed, each character's width, whether it is all in the main font).

        A character no font has becomes its ``[U+XXXX]`` marker first, so the marker is
        measured and broken like any other token."""
        cache = self._widths
        cmap = self.shaper.main.cmap
        main = self.font
        if text.isascii() or all(ord(c) in cmap for c in text):
            runs, plain = [(main, text)], True
        else:
            runs, plain = self.shaper.runs(text), False
        widths: list[float] = []
        for font, piece in runs:
            for ch in piece:
                w = cache.get((font, ch, size))
                if w is None:
                    w = cache[(font, ch, size)] = stringWidth(ch, font, size)
                widths.append(w)
        return ("".join(p for _, p in runs) if not plain else text), widths, plain

    def width_of(self, text: str, size: float) -> float:
        return sum(self._char_widths(text, size)[1])

    def lines(self, text: str, width: float, size: float | None = None) -> tuple[list[str], bool]:
        """``text`` broken into lines no wider than ``width`` (Chinese rules, whole tokens),
        and whether the main font draws all of it."""
        size = size or self.size
        out: list[str] = []
        plain = True
        for raw in text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ").split("\n"):
            shown, widths, main = self._char_widths(raw, size)
            plain = plain and main
            out.extend(break_lines(shown, widths, width - 0.5))  # a hair of slack: reportlab never re-wraps
        return out, plain

    def cell(self, text: str, width: float, align: str = "left", *, size: float | None = None,
             min_lines: int = 1, pad: float = PAD):
        """A cell's content, broken into lines here. Text the main font draws at the table's
        size stays a plain string (fast, and it splits across pages line by line); other
        text is drawn line by line with its font runs (:class:`_Lines`)."""
        lines, plain = self.lines(text, width - 2 * pad, size)
        if len(lines) < min_lines:
            lines += [""] * (min_lines - len(lines))
        if plain and (size is None or size == self.size):
            return "\n".join(lines)
        size = size or self.size
        return [_Lines(lines, width - 2 * pad, size, round(size * 1.2, 2), align, self.draw_text)]

    def para(self, text: str, width: float, size: float | None = None, align: str = "left") -> Paragraph:
        """A paragraph outside tables (title, header line, text blocks), broken the same way."""
        lines, _ = self.lines(text, width, size)
        return Paragraph("<br/>".join(self.shaper.markup(x) for x in lines), self.style(size, align))

    def table_flowable(self, data, widths, *, row_heights=None, repeat: int = 0, tags=None) -> _Table:
        t = _Table(data, colWidths=widths, rowHeights=row_heights, repeatRows=repeat, splitByRow=1, splitInRow=1)
        t.frame_height = self.frame_height
        t.tags = tags
        t.on_draw = self._drawn
        return t

    def _drawn(self, uuids: list[str]) -> None:
        self.page_records.setdefault(self.page_no + self.page_offset, set()).update(uuids)

    def _cell_style(self, extra: list[tuple] = (), pad: float = PAD) -> list[tuple]:
        return [("FONT", (0, 0), (-1, -1), self.font, self.size, self.leading),
                ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), pad), ("BOTTOMPADDING", (0, 0), (-1, -1), pad), *extra]

    # -- blocks ---------------------------------------------------------
    def title_block(self) -> list[Flowable]:
        company = fmt(self.values.get("company_name"))
        out: list[Flowable] = []
        if company:
            out.append(self.para(company, self.width, self.size + 3, "center"))
            out.append(Spacer(0, 1 * mm))
        out.append(self.para(self.t.title, self.width, self.size + 7, "center"))
        out.append(Spacer(0, 2 * mm))
        if self.t.header:
            parts = [(f"{it.label}：" if it.label else "") + fmt(self.values.get(it.key), it.format)
                     for it in self.t.header]
            out.append(self.para("\u3000\u3000".join(parts), self.width))
            out.append(Spacer(0, 1.5 * mm))
        return out

    def caption(self, title: str | None) -> list[Flowable]:
        return [self.para(title, self.width, self.size + 1), Spacer(0, 1 * mm)] if title else []

    def table(self, b: Block) -> list[Flowable]:
        total = sum(c.width for c in b.columns)
        widths = [self.width * c.width / total for c in b.columns]
        header = [self.cell(c.label, w, "center") for c, w in zip(b.columns, widths)]
        rows = self.values.get(b.source) or []
        data: list[list[Any]] = [header]
        tags: list[RowTag | None] = [None]
        aligns = [c.align for c in b.columns]
        min_lines = max(1, math.ceil((b.row_min_mm * mm - 2 * PAD) / self.leading - 0.01))
        repeat_cols = [i for i, c in enumerate(b.columns) if c.repeat or c.key == "#"]
        for n, row in enumerate(rows, 1):
            line = []
            for i, (c, w) in enumerate(zip(b.columns, widths)):
                value = n if c.key == "#" else _cell(row, c.key)
                line.append(self.cell(fmt(value, c.format), w, c.align, min_lines=min_lines if i == 0 else 1))
            keys = []
            for i in repeat_cols:
                shown = line[i]
                text = shown.split("\n")[0] if isinstance(shown, str) else fmt(_cell(row, b.columns[i].key))
                if b.columns[i].key == "#":
                    text = f"{n}\n续"
                if text:
                    keys.append((i, text))
            uuid = _cell(row, "uuid")
            data.append(line)
            tags.append(RowTag(str(uuid) if uuid else None, tuple(keys)))
        cmds = self._cell_style([
            ("GRID", (0, 0), (-1, -1), 0.5, GRID),
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
            ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
            ("ALIGN", (0, 0), (-1, 0), "CENTER"),
            ("VALIGN", (0, 1), (-1, -1), "TOP"),  # a row split across pages keeps its number and name on top
        ])
        for i, a in enumerate(aligns):
            if a != "left":
                cmds.append(("ALIGN", (i, 1), (i, -1), a.upper()))
        row_heights = None
        if not rows:  # one row saying so, so an empty period can still be signed
            data.append([self.cell(b.empty_text, self.width, "center")] + [""] * (len(widths) - 1))
            tags.append(None)
            cmds += [("SPAN", (0, 1), (-1, 1)), ("ALIGN", (0, 1), (-1, 1), "CENTER")]
        blank = max(0, b.min_rows - max(len(rows), 1 if not rows else 0))
        if blank:
            data.extend([[""] * len(widths) for _ in range(blank)])
            tags.extend([None] * blank)
            row_heights = [None] * (len(data) - blank) + [max(self.leading + 2 * PAD + 4, b.row_min_mm * mm)] * blank
        tbl = self.table_flowable(data, widths, row_heights=row_heights, repeat=1, tags=tags)
        tbl.setStyle(TableStyle(cmds))
        return self.caption(b.title) + [tbl]

    def fields(self, b: Block) -> list[Flowable]:
        per = b.per_row
        unit = self.width / (per * (b.label_width + 3))
        lw, vw = unit * b.label_width, unit * 3
        widths = [lw, vw] * per
        data: list[list[Any]] = []
        spans: list[tuple] = []
        label_cells: list[tuple[int, int]] = []
        line: list[Any] = []
        used = 0
        pad = PAD + 1

        def flush():
            nonlocal line, used
            if line:
                while used < per:
                    line.extend(["", ""])
                    used += 1
                data.append(line)
            line, used = [], 0

        for it in b.items:
            span = min(it.span, per)
            if used + span > per:
                flush()
            text = fmt(self.values.get(it.key), it.format)
            value_width = lw * (span - 1) + vw * span
            col = used * 2
            label_cells.append((col, len(data)))
            line.extend([self.cell(it.label, lw, pad=pad), self.cell(text, value_width, min_lines=it.lines, pad=pad)])
            if span > 1:
                line.extend([""] * (2 * (span - 1)))
                spans.append(("SPAN", (col + 1, len(data)), (col + 2 * span - 1, len(data))))
            used += span
        flush()
        cmds = self._cell_style([
            ("GRID", (0, 0), (-1, -1), 0.5, GRID),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),  # MIDDLE would move a long value whole to the next page
        ], pad=pad) + [("BACKGROUND", cell, cell, HEAD_BG) for cell in label_cells] + spans
        tbl = self.table_flowable(data, widths)
        tbl.setStyle(TableStyle(cmds))
        return self.caption(b.title) + [tbl]

    def checklist(self, b: Block) -> list[Flowable]:
        if b.source:
            entries = []
            for e in self.values.get(b.source) or []:
                if isinstance(e, str):
                    entries.append((e, False))
                elif isinstance(e, (tuple, list)):
                    entries.append((fmt(e[0]), bool(e[1]) if len(e) > 1 else False))
                else:
                    label = fmt(_cell(e, "label"))
                    note = _cell(e, "note")
                    entries.append((label + (f"（{fmt(note)}）" if note else ""), bool(_cell(e, "checked"))))
        else:
            entries = [(it.label, bool(self.values.get(it.key))) for it in b.items]
        per = b.per_row
        box = self.size * 1.1
        cw = self.width / per
        widths = [box + 2 * PAD, cw - box - 2 * PAD] * per
        data = []
        for i in range(0, max(len(entries), 1), per):
            line: list[Any] = []
            for label, checked in entries[i:i + per]:
                line.extend([_Tick(checked, box), self.cell(label, widths[1], pad=PAD)])
            while len(line) < 2 * per:
                line.append("")
            data.append(line)
        tbl = self.table_flowable(data, widths)
        tbl.setStyle(TableStyle(self._cell_style([
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("RIGHTPADDING", (0, 0), (-1, -1), 1),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("BOX", (0, 0), (-1, -1), 0.5, GRID),
        ])))
        return self.caption(b.title) + [tbl]

    def text(self, b: Block) -> list[Flowable]:
        if not b.bold:
            return [Spacer(0, 1 * mm), self.para(self.values.fill(b.text), self.width, b.size, b.align),
                    Spacer(0, 1 * mm)]
        # a heading: bold strokes widen every glyph by half the stroke on each side, so its lines
        # are broken for the width less the stroke and each line is placed inside the frame
        size = b.size or self.size
        lines, _ = self.lines(self.values.fill(b.text), self.width - bold_stroke(size), size)
        return [Spacer(0, 1 * mm), _Lines(lines, self.width, size, round(size * 1.2, 2), b.align, self.draw_text,
                                          bold=True), Spacer(0, 1 * mm)]

    def box(self, b: Block) -> list[Flowable]:
        """A ruled box: the label on top, the value (or room to write) below; a long value
        continues in the box on the next page."""
        pad = 4
        value = fmt(self.values.get(b.key)) if b.key else ""
        rows = [[self.cell(b.label + "：", self.width, pad=pad)]] if b.label else []
        rows.append([self.cell(value, self.width, min_lines=math.ceil(b.lines * 1.4), pad=pad)])
        tbl = self.table_flowable(rows, [self.width])
        tbl.setStyle(TableStyle(self._cell_style([("BOX", (0, 0), (-1, -1), 0.6, GRID),
                                                  ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                                  ("BOTTOMPADDING", (0, 0), (-1, 0), 0)], pad=pad)))
        return [Spacer(0, 2 * mm), tbl]

    def signatures(self, b: Block) -> list[Flowable]:
        """``label：value____`` lines; with several lines the columns line up."""
        if not b.items:
            return []
        per = max(1, min(b.per_row, len(b.items)))
        cw = self.width / per
        lines = [b.items[i:i + per] for i in range(0, len(b.items), per)]
        label_w = []
        for j in range(per):
            labels = [ln[j].label for ln in lines if j < len(ln)]
            widest = max(self.width_of(f"{x}：", self.size) for x in labels)
            label_w.append(min(widest + 2 * PAD + 2, cw * 0.6))
        widths: list[float] = []
        for j in range(per):
            widths.extend([label_w[j], cw - label_w[j]])
        data, cmds = [], []
        for r, ln in enumerate(lines):
            row: list[Any] = []
            for j, it in enumerate(ln):
                row.extend([self.cell(f"{it.label}：", label_w[j]),
                            self.cell(fmt(self.values.get(it.key), it.format), widths[2 * j + 1] - 6)])
                cmds.append(("LINEBELOW", (2 * j + 1, r), (2 * j + 1, r), 0.6, colors.black))
            row.extend([""] * (2 * per - len(row)))
            data.append(row)
        t = self.table_flowable(data, widths)
        t.setStyle(TableStyle(self._cell_style([
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("TOPPADDING", (0, 0), (-1, -1), self.leading * 1.2),
        ] + [("RIGHTPADDING", (2 * j + 1, 0), (2 * j + 1, -1), PAD + 6) for j in range(per)] + cmds)))
        return [Spacer(0, 3 * mm), t]

    def chart(self, b: Block) -> list[Flowable]:
        from app.forms.charts import chart

        drawing = chart(self.values.get(b.source), kind=b.kind, width=self.width, height=b.height_mm * mm,
                        font=self.font, size=self.size)
        return [KeepTogether(self.caption(b.title) + [drawing if drawing is not None
                                                      else self.para(b.empty_text, self.width)])]

    def spacer(self, b: Block) -> list[Flowable]:
        return [Spacer(0, b.height_mm * mm)]

    # -- page furniture ---------------------------------------------------
    def draw_text(self, c: Canvas, x: float, y: float, text: str, size: float, align: str = "left", *,
                  bold: bool = False, room: float | None = None) -> None:
        """``text`` at ``x`` (its left end, centre or right end by ``align``). ``bold``: filled
        and stroked (the CJK fonts have no bold face); ``room`` (the width from the frame's
        left edge, at x = 0 for ``left``): the line, strokes included, is kept inside it."""
        runs = self.shaper.runs(text)
        total = sum(stringWidth(t, f, size) for f, t in runs)
        if align == "right":
            x -= total
        elif align == "center":
            x -= total / 2
        stroke = bold_stroke(size) if bold else 0.0
        if room is not None:  # never left of the frame (the binding margin) nor right of it
            x = max(stroke / 2, min(x, room - total - stroke / 2))
        if bold:
            c.saveState()
            c.setLineWidth(stroke)
        for f, t in runs:
            c.setFont(f, size)
            c.drawString(x, y, t, mode=2 if bold else None)
            x += stringWidth(t, f, size)
        if bold:
            c.restoreState()

    def page_top(self, c: Canvas) -> None:
        self.page_no += 1
        job_page = self.page_no + self.page_offset
        if self.form_uuids:
            self.page_records.setdefault(job_page, set()).update(self.form_uuids)
        self.furniture.top(c, self.page_no, job_page)

    # -- build ------------------------------------------------------------
    def story(self) -> list[Flowable]:
        story = self.title_block()
        blocks = list(self.t.blocks)
        tail_start = len(blocks)
        while tail_start > 0 and blocks[tail_start - 1].type in _TAIL_TYPES:
            tail_start -= 1
        for b in blocks[:tail_start]:
            story.extend(getattr(self, b.type)(b))
            story.append(Spacer(0, 2 * mm))
        tail: list[Flowable] = []
        for b in blocks[tail_start:]:
            tail.extend(getattr(self, b.type)(b))
        story.extend(self._kept_together(tail))
        return story

    def _kept_together(self, tail: list[Flowable]) -> list[Flowable]:
        """The trailing blocks on one page when they fit on one; otherwise (a notice's long body)
        they flow from where the page has room, and only their short end (signatures, date) is
        kept together: a whole-page move would leave the first page blank."""
        if not tail:
            return []
        heights = [f.wrap(self.width, self.frame_height)[1] for f in tail]
        if sum(heights) <= self.frame_height:
            return [KeepTogether(tail)]
        k, kept = len(tail), 0.0
        while k > 0 and kept + heights[k - 1] <= self.frame_height / 3:
            k -= 1
            kept += heights[k]
        return tail[:k] + ([KeepTogether(tail[k:])] if k < len(tail) else [])

    def render(self) -> Rendered:
        buf = io.BytesIO()
        renderer = self
        pages: list[int] = []

        class _Canvas(Canvas):
            """Keeps every page until the end so the footer can say how many pages there are."""

            def __init__(self, *args, **kwargs):
                kwargs.setdefault("initialFontName", renderer.font)  # no stray Helvetica reference
                kwargs.setdefault("initialFontSize", renderer.size)
                super().__init__(*args, **kwargs)
                self._saved: list[dict] = []

            def showPage(self):  # noqa: N802 - reportlab API
                self._saved.append(dict(self.__dict__))
                self._startPage()

            def save(self):
                total = len(self._saved)
                for n, state in enumerate(self._saved, 1):
                    self.__dict__.update(state)
                    renderer.furniture.footer(self, n, total)
                    Canvas.showPage(self)
                pages.append(total)
                Canvas.save(self)

        box = self.furniture.box
        doc = BaseDocTemplate(
            buf, pagesize=self.pagesize, leftMargin=box.left, rightMargin=box.right,
            topMargin=box.top_band, bottomMargin=box.bottom_band, title=f"{self.t.code} {self.t.title}",
            author=fmt(self.values.get("company_name")), subject=fmt(self.values.get("period")), creator="FrontDesk",
        )

        def frame(fid: str) -> Frame:  # no inner padding: tables are exactly the frame width
            return Frame(box.frame_x, box.frame_y, box.frame_width, box.frame_height, id=fid,
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

        doc.addPageTemplates([
            PageTemplate("first", [frame("f1")], onPage=lambda c, d: self.page_top(c), autoNextPageTemplate="later"),
            PageTemplate("later", [frame("f2")], onPage=lambda c, d: self.page_top(c)),
        ])
        doc.build(self.story(), canvasmaker=_Canvas)
        missing_keys = self.values.missing - {"company_name", "site_name", "printed_at", "printed_by"}
        if missing_keys:
            log.warning("template %s refers to keys the provider did not give: %s", self.t.key,
                        ", ".join(sorted(missing_keys)))
        total = pages[0] if pages else 0
        return Rendered(buf.getvalue(), total, self.shaper.notes(), dict(self.shaper.replaced),
                        set(self.shaper.missing), missing_keys,
                        {p: tuple(sorted(u)) for p, u in sorted(self.page_records.items())
                         if p <= total + self.page_offset})


def render(template: Template, data: FormData, *, font: MainFont, standard: dict[str, Any] | None = None) -> Rendered:
    """Draw one form. ``standard`` holds site_name, company_name, printed_at, printed_by, and
    optionally job_code (the QR code of every page) and binding_mm (the left binding margin)."""
    return _Renderer(template, data, standard or {}, font).render()
