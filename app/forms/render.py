"""The PDF renderer: a :class:`~app.forms.template.Template` plus :class:`~app.forms.spec.FormData`
→ PDF bytes, on reportlab platypus.

- table header repeated on every page; rows taller than a page split across pages;
- long Chinese text wraps inside its cell (CJK line breaking), never cut off;
- form code in the top corner of every page; title block on the first page, a short
  running title on the others; footer with company and service centre, ``第 X 页 共 Y 页``
  and the print time (total pages in one pass: page states are kept until the end);
- ``本期无记录`` row for an empty table; trailing box/text/signature blocks kept together.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, A5, landscape, portrait
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.textsplit import dumbSplit
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Paragraph, Spacer, Table, TableStyle,
)

from app.forms.fonts import MainFont, Shaper
from app.forms.spec import FormData
from app.forms.template import Block, Template

log = logging.getLogger(__name__)

_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}
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

class _MinHeight(Flowable):
    """A flowable at least ``min_h`` high (room to write by hand); splits like its content."""

    def __init__(self, inner: Flowable, min_h: float):
        super().__init__()
        self.inner = inner
        self.min_h = min_h

    def wrap(self, aw, ah):
        w, h = self.inner.wrap(aw, ah)
        self._ih = h
        self._h = max(h, self.min_h)
        return w, self._h

    def split(self, aw, ah):
        return self.inner.split(aw, ah)

    def draw(self):
        self.inner.drawOn(self.canv, 0, self._h - self._ih)


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


class _Table(Table):
    """A table that splits the way a paper form should.

    reportlab's own order (first between rows, then inside a row as a fallback) can
    leave a sliver of a long row under a repeated header in the middle of a page. Here:
    a row taller than a third of the page is split inside, filling the rest of the page;
    any other row that does not fit moves whole to the next page.
    """

    frame_height: float = 0.0

    def split(self, aw, ah):
        self._calc(aw, ah)
        heights = self._rowHeights
        if self._width > aw + 0.5 or not heights:
            return super().split(aw, ah)
        n = self._getFirstPossibleSplitRowPosition(ah)
        if n >= len(heights):
            return [self]
        repeat = self.repeatRows if isinstance(self.repeatRows, int) else max(self.repeatRows) + 1
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

    def _keep(self, parts):
        for t in parts:
            if isinstance(t, Table) and t is not self:
                t.__class__ = _Table
                t.frame_height = self.frame_height
                t.hAlign = self.hAlign
        return parts


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
        self._widths: dict[str, float] = {}
        size = A4 if template.page == "A4" else A5
        self.pagesize = landscape(size) if template.orientation == "landscape" else portrait(size)
        self.margin = template.margins_mm * mm
        self.width = self.pagesize[0] - 2 * self.margin
        self.top = self.margin + 3 * mm  # room for the form code above the frame
        self.bottom = self.margin + 1 * mm  # room for the footer below it
        self.frame_height = self.pagesize[1] - self.top - self.bottom

    # -- styles and cells ---------------------------------------------
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

    def para(self, text: str, size: float | None = None, align: str = "left") -> Paragraph:
        return Paragraph(self.shaper.markup(text), self.style(size, align))

    def text_width(self, text: str) -> float:
        cache = self._widths
        total = 0.0
        for ch in text:
            w = cache.get(ch)
            if w is None:
                w = cache[ch] = stringWidth(ch, self.font, self.size)
            total += w
        return total

    def cell(self, text: str, width: float, align: str = "left"):
        """A table cell. Text the main font covers becomes a plain string broken into lines
        by reportlab's CJK splitter (with its hanging-punctuation rule): much faster than a
        Paragraph, and it splits across pages line by line. Text needing a fallback font
        becomes a Paragraph with font runs."""
        cmap = self.shaper.main.cmap
        if not (text.isascii() or all(ord(c) in cmap or c in "\r\n\t" for c in text)):
            return self.para(text, align=align)
        avail = width - 2 * PAD
        lines: list[str] = []
        for raw in text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ").split("\n"):
            if self.text_width(raw) <= avail:
                lines.append(raw)
            else:  # leave half an em for a hanging comma or full stop
                cache = self._widths
                lines.extend(t for _, t in dumbSplit(raw, [cache[c] for c in raw], avail - self.size * 0.5))
        return "\n".join(lines)

    def table_flowable(self, data, widths, *, row_heights=None, repeat: int = 0) -> Table:
        t = _Table(data, colWidths=widths, rowHeights=row_heights, repeatRows=repeat, splitByRow=1, splitInRow=1)
        t.frame_height = self.frame_height
        return t

    # -- blocks ---------------------------------------------------------
    def title_block(self) -> list[Flowable]:
        company = fmt(self.values.get("company_name"))
        out: list[Flowable] = []
        if company:
            out.append(self.para(company, self.size + 3, "center"))
            out.append(Spacer(0, 1 * mm))
        out.append(self.para(self.t.title, self.size + 7, "center"))
        out.append(Spacer(0, 2 * mm))
        if self.t.header:
            parts = [(f"{it.label}：" if it.label else "") + fmt(self.values.get(it.key), it.format)
                     for it in self.t.header]
            out.append(self.para("\u3000\u3000".join(parts)))
            out.append(Spacer(0, 1.5 * mm))
        return out

    def caption(self, title: str | None) -> list[Flowable]:
        return [self.para(title, self.size + 1), Spacer(0, 1 * mm)] if title else []

    def table(self, b: Block) -> list[Flowable]:
        total = sum(c.width for c in b.columns)
        widths = [self.width * c.width / total for c in b.columns]
        header = [self.para(c.label, align="center") for c in b.columns]
        rows = self.values.get(b.source) or []
        data: list[list[Any]] = [header]
        aligns = [c.align for c in b.columns]
        min_h = b.row_min_mm * mm - 2 * PAD
        for n, row in enumerate(rows, 1):
            line = []
            for c, w in zip(b.columns, widths):
                value = n if c.key == "#" else _cell(row, c.key)
                line.append(self.cell(fmt(value, c.format), w, c.align))
            if min_h > self.leading:  # room to sign by hand
                first = line[0]
                line[0] = _MinHeight(first if isinstance(first, Flowable) else self.para(first, align=aligns[0]),
                                     min_h)
            data.append(line)
        cmds: list[tuple] = [
            ("FONT", (0, 0), (-1, -1), self.font, self.size, self.leading),
            ("GRID", (0, 0), (-1, -1), 0.5, GRID),
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
            ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
            ("VALIGN", (0, 1), (-1, -1), "TOP"),  # a row split across pages keeps its number and name on top
            ("LEFTPADDING", (0, 0), (-1, -1), PAD), ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
            ("TOPPADDING", (0, 0), (-1, -1), PAD), ("BOTTOMPADDING", (0, 0), (-1, -1), PAD),
        ]
        for i, a in enumerate(aligns):
            if a != "left":
                cmds.append(("ALIGN", (i, 1), (i, -1), a.upper()))
        row_heights = None
        if not rows:  # one row saying so, so an empty period can still be signed
            data.append([self.para(b.empty_text, align="center")] + [""] * (len(widths) - 1))
            cmds.append(("SPAN", (0, 1), (-1, 1)))
        blank = max(0, b.min_rows - max(len(rows), 1 if not rows else 0))
        if blank:
            data.extend([[""] * len(widths) for _ in range(blank)])
            row_heights = [None] * (len(data) - blank) + [max(self.leading + 2 * PAD + 4, b.row_min_mm * mm)] * blank
        tbl = self.table_flowable(data, widths, row_heights=row_heights, repeat=1)
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
            value: Flowable = self.para(text)
            if it.lines > 1:
                value = _MinHeight(value, it.lines * self.leading)
            col = used * 2
            label_cells.append((col, len(data)))
            line.extend([self.para(it.label), value])
            if span > 1:
                line.extend([""] * (2 * (span - 1)))
                spans.append(("SPAN", (col + 1, len(data)), (col + 2 * span - 1, len(data))))
            used += span
        flush()
        cmds = [
            ("GRID", (0, 0), (-1, -1), 0.5, GRID),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD), ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
            ("TOPPADDING", (0, 0), (-1, -1), PAD + 1), ("BOTTOMPADDING", (0, 0), (-1, -1), PAD + 1),
        ] + [("BACKGROUND", cell, cell, HEAD_BG) for cell in label_cells] + spans
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
                line.extend([_Tick(checked, box), self.para(label)])
            while len(line) < 2 * per:
                line.append("")
            data.append(line)
        tbl = Table(data, colWidths=widths, hAlign="CENTER")
        tbl.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD), ("RIGHTPADDING", (0, 0), (-1, -1), 1),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("BOX", (0, 0), (-1, -1), 0.5, GRID),
        ]))
        return self.caption(b.title) + [tbl]

    def text(self, b: Block) -> list[Flowable]:
        return [Spacer(0, 1 * mm), self.para(self.values.fill(b.text), b.size, b.align), Spacer(0, 1 * mm)]

    def box(self, b: Block) -> list[Flowable]:
        content: list[Flowable] = []
        if b.label:
            content.append(self.para(b.label + "："))
        value = fmt(self.values.get(b.key)) if b.key else ""
        content.append(_MinHeight(self.para(value), b.lines * self.leading * 1.4))
        tbl = Table([[content]], colWidths=[self.width], hAlign="CENTER")
        tbl.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.6, GRID), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 4), ("TOPPADDING", (0, 0), (-1, -1), 4)]))
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
            widest = max(stringWidth(f"{x}：", self.font, self.size) for x in labels)
            label_w.append(min(widest + 2 * PAD + 2, cw * 0.6))
        widths: list[float] = []
        for j in range(per):
            widths.extend([label_w[j], cw - label_w[j]])
        data, cmds = [], []
        for r, ln in enumerate(lines):
            row: list[Any] = []
            for j, it in enumerate(ln):
                row.extend([self.para(f"{it.label}："), self.para(fmt(self.values.get(it.key), it.format))])
                cmds.append(("LINEBELOW", (2 * j + 1, r), (2 * j + 1, r), 0.6, colors.black))
            row.extend([""] * (2 * per - len(row)))
            data.append(row)
        t = Table(data, colWidths=widths, rowHeights=[self.leading * 2.4] * len(data))
        t.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD), ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ] + [("RIGHTPADDING", (2 * j + 1, 0), (2 * j + 1, -1), PAD + 6) for j in range(per)] + cmds))
        return [Spacer(0, 3 * mm), t]

    def chart(self, b: Block) -> list[Flowable]:
        from app.forms.charts import chart

        drawing = chart(self.values.get(b.source), kind=b.kind, width=self.width, height=b.height_mm * mm,
                        font=self.font, size=self.size)
        return [KeepTogether(self.caption(b.title) + [drawing if drawing is not None else self.para(b.empty_text)])]

    def spacer(self, b: Block) -> list[Flowable]:
        return [Spacer(0, b.height_mm * mm)]

    # -- page furniture ---------------------------------------------------
    def draw_text(self, c: Canvas, x: float, y: float, text: str, size: float, align: str = "left") -> None:
        runs = self.shaper.runs(text)
        total = sum(stringWidth(t, f, size) for f, t in runs)
        if align == "right":
            x -= total
        elif align == "center":
            x -= total / 2
        for f, t in runs:
            c.setFont(f, size)
            c.drawString(x, y, t)
            x += stringWidth(t, f, size)

    def page_top(self, c: Canvas, first: bool) -> None:
        w, h = self.pagesize
        size = self.size
        y = h - self.margin + 2 * mm
        code = fmt(self.values.get("form_code"))
        self.draw_text(c, w - self.margin, y, code, size + 1, "right")
        if not first:
            self.draw_text(c, self.margin, y, f"{self.t.title}（续）", size)

    def page_bottom(self, c: Canvas, page: int, total: int) -> None:
        w, _ = self.pagesize
        size = max(self.size - 1, 7)
        y = self.margin - 5 * mm
        who = " ".join(x for x in (fmt(self.values.get("company_name")), fmt(self.values.get("site_name"))) if x)
        self.draw_text(c, self.margin, y, who, size)
        self.draw_text(c, w / 2, y, f"第 {page} 页 共 {total} 页", size, "center")
        printed = f"打印时间：{fmt(self.values.get('printed_at'))}"
        by = fmt(self.values.get("printed_by"))
        if by:
            printed += f"  打印人：{by}"
        self.draw_text(c, w - self.margin, y, printed, size, "right")

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
        if tail:
            story.append(KeepTogether(tail))
        return story

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
                    renderer.page_bottom(self, n, total)
                    Canvas.showPage(self)
                pages.append(total)
                Canvas.save(self)

        doc = BaseDocTemplate(
            buf, pagesize=self.pagesize, leftMargin=self.margin, rightMargin=self.margin, topMargin=self.top,
            bottomMargin=self.bottom, title=f"{self.t.code} {self.t.title}",
            author=fmt(self.values.get("company_name")), subject=fmt(self.values.get("period")), creator="FrontDesk",
        )

        def frame(fid: str) -> Frame:  # no inner padding: tables are exactly the page width
            return Frame(self.margin, self.bottom, self.width, self.frame_height, id=fid,
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

        doc.addPageTemplates([
            PageTemplate("first", [frame("f1")], onPage=lambda c, d: self.page_top(c, True), autoNextPageTemplate="later"),
            PageTemplate("later", [frame("f2")], onPage=lambda c, d: self.page_top(c, False)),
        ])
        doc.build(self.story(), canvasmaker=_Canvas)
        missing_keys = self.values.missing - {"company_name", "site_name", "printed_at", "printed_by"}
        if missing_keys:
            log.warning("template %s refers to keys the provider did not give: %s", self.t.key,
                        ", ".join(sorted(missing_keys)))
        return Rendered(buf.getvalue(), pages[0] if pages else 0, self.shaper.notes(), dict(self.shaper.replaced),
                        set(self.shaper.missing), missing_keys)


def render(template: Template, data: FormData, *, font: MainFont, standard: dict[str, Any] | None = None) -> Rendered:
    """Draw one form. ``standard`` holds site_name, company_name, printed_at, printed_by."""
    return _Renderer(template, data, standard or {}, font).render()
