"""Charts in a form: the ``chart`` block draws a bar chart (one bar per label, drawn across the
page, labels on the left) or a line chart (one point per label, left to right) with reportlab's
graphics, in the form's own font.

The block's ``source`` names a value the provider gives as a dict::

    {"labels": ["服务态度", …], "series": [{"name": "满意率", "values": [92.5, …]}],
     "max": 100, "unit": "%"}

Several series draw grouped bars or several lines, with a legend. An empty chart (no labels)
prints ``empty_text`` instead.
"""

from __future__ import annotations

from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm

PALETTE = (colors.Color(0.18, 0.42, 0.71), colors.Color(0.90, 0.55, 0.13), colors.Color(0.30, 0.62, 0.30),
           colors.Color(0.75, 0.22, 0.20), colors.Color(0.50, 0.40, 0.70))
KINDS = ("bar", "line")


def chart(data: Any, *, kind: str, width: float, height: float, font: str, size: float) -> Drawing | None:
    """The drawing for one chart block, or None when there is nothing to draw."""
    if not isinstance(data, dict) or not data.get("labels"):
        return None
    labels = [str(x) for x in data["labels"]]
    series = [s for s in data.get("series") or () if s.get("values") is not None]
    if not series:
        return None
    top = float(data.get("max") or max((max(s["values"] or [0]) for s in series), default=1) or 1)
    unit = str(data.get("unit") or "")
    legend_h = 6 * mm if len(series) > 1 else 0
    if kind == "bar":
        height = max(height, len(labels) * len(series) * 4.2 * mm + 14 * mm + legend_h)
    d = Drawing(width, height)
    label_w = 0.0
    if kind == "bar":
        from reportlab.pdfbase.pdfmetrics import stringWidth

        label_w = min(width * 0.4, max(stringWidth(x, font, size) for x in labels) + 3 * mm)
        c = HorizontalBarChart()
        c.x, c.y = label_w + 2 * mm, 8 * mm
        c.width, c.height = width - c.x - 14 * mm, height - 12 * mm - legend_h
        c.categoryAxis.reverseDirection = 1  # the first label on top
        c.barLabelFormat = lambda v: f"{v:g}{unit}"
        c.barLabels.fontName, c.barLabels.fontSize = font, size * 0.85
        c.barLabels.boxAnchor, c.barLabels.dx = "w", 2
        c.groupSpacing = 2
    else:
        c = HorizontalLineChart()
        c.x, c.y = 12 * mm, 10 * mm
        c.width, c.height = width - 20 * mm, height - 16 * mm - legend_h
        c.joinedLines = 1
        for i in range(len(series)):
            c.lines[i].symbol = None
    c.data = [tuple(float(v) if v is not None else 0.0 for v in s["values"]) for s in series]
    c.categoryAxis.categoryNames = labels
    c.categoryAxis.labels.fontName = font
    c.categoryAxis.labels.fontSize = size
    c.valueAxis.valueMin, c.valueAxis.valueMax = 0, top
    c.valueAxis.valueStep = top / 5
    c.valueAxis.labels.fontName = font
    c.valueAxis.labels.fontSize = size * 0.85
    c.valueAxis.labelTextFormat = lambda v: f"{v:g}{unit}"
    for i in range(len(series)):
        colour = PALETTE[i % len(PALETTE)]
        if kind == "bar":
            c.bars[i].fillColor = colour
            c.bars[i].strokeColor = None
        else:
            c.lines[i].strokeColor = colour
            c.lines[i].strokeWidth = 1.5
    d.add(c)
    if kind == "line":  # values above the points, since a line chart has no bar labels
        step = c.width / max(1, len(labels))
        for i, s in enumerate(series):
            for n, value in enumerate(s["values"]):
                if value is None:
                    continue
                x = c.x + step * (n + 0.5)
                y = c.y + c.height * float(value) / top + 2
                d.add(String(x, y, f"{value:g}", fontName=font, fontSize=size * 0.8, textAnchor="middle",
                             fillColor=PALETTE[i % len(PALETTE)]))
    if len(series) > 1:
        legend = Legend()
        legend.x, legend.y = c.x, height - 2 * mm
        legend.fontName, legend.fontSize = font, size * 0.9
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.deltax = 40 * mm
        legend.colorNamePairs = [(PALETTE[i % len(PALETTE)], s.get("name", "")) for i, s in enumerate(series)]
        d.add(legend)
    return d
