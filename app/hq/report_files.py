"""The monthly cross-site report as a workbook (.xlsx) or a PDF with charts; and head office's
consolidated workbook of every site (the same contract as a desk's, rows of all sites)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any, Callable

from app.domain.errors import ValidationError
from app.hq.report import FEEDBACK, SEVERITIES, MonthReport, SiteFigures

PCT, NUM, TXT, DEC = "pct", "num", "txt", "dec"


def _columns() -> list[tuple[str, Callable[[SiteFigures], Any], str]]:
    cols: list[tuple[str, Callable[[SiteFigures], Any], str]] = [
        ("站点编码", lambda f: f.code, TXT),
        ("站点名称", lambda f: f.name, TXT),
        ("住户数", lambda f: f.households, NUM),
        ("来访", lambda f: f.visits, NUM),
        ("来电", lambda f: f.calls, NUM),
        ("来访来电合计", lambda f: f.contacts, NUM),
        ("投诉", lambda f: f.complaints, NUM),
    ]
    cols += [(f"投诉·{sev}", (lambda sev: lambda f: f.by_severity.get(sev, 0))(sev), NUM) for sev in SEVERITIES]
    cols += [
        ("每百户投诉", lambda f: f.per_100_households, DEC),
        ("按时率", lambda f: f.on_time_rate, PCT),
        ("72小时回复率", lambda f: f.answered_72h_rate, PCT),
        ("3个工作日内回访率", lambda f: f.follow_up_rate, PCT),
    ]
    cols += [(f"{g} {w}", (lambda g: lambda f: f.feedback_share(g))(g), PCT) for g, w in FEEDBACK]
    cols += [
        ("重新处理投诉", lambda f: f.reopened, NUM),
        ("维修", lambda f: f.repairs, NUM),
        ("30分钟接单率", lambda f: f.pick_up_rate, PCT),
        ("维修超时", lambda f: f.repairs_late, NUM),
        ("走访覆盖率（半年）", lambda f: f.visit_coverage, PCT),
        ("入伙交付", lambda f: f.moveins_delivered, NUM),
        ("未销项缺陷", lambda f: f.open_defects, NUM),
        ("在施装修", lambda f: f.renovations_active, NUM),
        ("未整改违规", lambda f: f.open_violations, NUM),
    ]
    return cols


COLUMNS = _columns()
NOTES = ("按时率：当月受理的投诉中未超时的比例；72小时回复率：当月受理、72 小时内回复的比例；"
         "回访率：当月完成的投诉中，完成后 3 个工作日内有回访的比例；满意度：当月回访的反馈意见；"
         "30分钟接单率：当月派工的维修单中 30 分钟内接单的比例；走访覆盖率：截至月末半年内日常走访的房屋数 ÷ 住户数；"
         "未销项缺陷、在施装修、未整改违规为各站点最近一次上报时的状态。每百户与覆盖率只在已登记住户数的站点计算。")


def text_of(value: Any, kind: str) -> str:
    if value is None:
        return "—"
    if kind == PCT:
        return f"{value * 100:.1f}%"
    if kind == DEC:
        return f"{value:.2f}"
    return str(value)


def write_report(report: MonthReport, path: str | os.PathLike) -> Path:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise ValidationError("输出文件", "报表文件应以 .xlsx 或 .pdf 结尾", "out")
    if not path.parent.is_dir():
        raise ValidationError("输出文件", f"文件夹“{path.parent}”不存在", "out")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        (_write_xlsx if suffix == ".xlsx" else _write_pdf)(report, tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


# ---------------------------------------------------------------- workbook
def _write_xlsx(report: MonthReport, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold, white = Font(bold=True), Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor="305496")
    wb = Workbook()
    ws = wb.active
    ws.title = "各站点指标"

    def header(sheet, names):
        sheet.append(names)
        for c in sheet[sheet.max_row]:
            c.font, c.fill = white, fill
        sheet.freeze_panes = "C2" if sheet is ws else "B2"

    header(ws, [h for h, _f, _k in COLUMNS])
    for fig in (*report.sites, report.total):
        ws.append([fn(fig) for _h, fn, _k in COLUMNS])
        for c, (_h, _f, kind) in zip(ws[ws.max_row], COLUMNS):
            if kind == PCT:
                c.number_format = "0.0%"
            elif kind == DEC:
                c.number_format = "0.00"
    for c in ws[ws.max_row]:
        c.font = bold
    for i, (h, _f, _k) in enumerate(COLUMNS, 1):
        ws.column_dimensions[get_column_letter(i)].width = max(8, 2 * len(h) + 2)
    ws.append([])
    ws.append([f"{report.month} 各站点月度指标。{NOTES}"])

    cats = wb.create_sheet("投诉类别")
    header(cats, ["站点编码", *report.categories, "合计"])
    for fig in (*report.sites, report.total):
        cats.append([fig.code, *[fig.by_category.get(c, 0) for c in report.categories], fig.complaints])

    trend = wb.create_sheet("月度趋势")
    header(trend, ["月份", "来访来电", "投诉", "维修"])
    for p in report.trend:
        trend.append([p.month, p.contacts, p.complaints, p.repairs])
    wb.save(path)


# ---------------------------------------------------------------- PDF
def _write_pdf(report: MonthReport, path: Path) -> None:
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.charts.linecharts import HorizontalLineChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from app.forms.fonts import find_main

    font = find_main().choice.name
    title = ParagraphStyle("t", fontName=font, fontSize=15, leading=20)
    body = ParagraphStyle("b", fontName=font, fontSize=8, leading=11)
    page = landscape(A4)
    doc = SimpleDocTemplate(str(path), pagesize=page, leftMargin=10 * mm, rightMargin=10 * mm,
                            topMargin=10 * mm, bottomMargin=10 * mm,
                            title=f"各站点月度报表 {report.month}")
    width = page[0] - 20 * mm
    story: list = [Paragraph(f"各站点月度报表　{report.month}（{report.first:%Y-%m-%d} 至 {report.last:%Y-%m-%d}）",
                             title), Spacer(1, 4 * mm)]

    def table(cols, rows_of):
        data = [[h for h, _f, _k in cols]]
        for fig in rows_of:
            data.append([text_of(fn(fig), kind) for _h, fn, kind in cols])
        t = Table(data, repeatRows=1, hAlign="LEFT")
        t.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), font, 7),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#305496")),
            ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
            ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
            ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
            ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#DDE4F0")),
        ]))
        return t

    rows = (*report.sites, report.total)
    first_half = [c for c in COLUMNS[:15]]
    second_half = COLUMNS[:2] + COLUMNS[15:]
    story += [table(first_half, rows), Spacer(1, 4 * mm), table(second_half, rows), Spacer(1, 3 * mm),
              Paragraph(NOTES, body), PageBreak()]

    # Charts: complaints per site by 性质, and the month-on-month trend.
    sites = report.sites[:60]
    d = Drawing(width, 75 * mm)
    d.add(String(0, 70 * mm, "各站点投诉（按性质）", fontName=font, fontSize=11))
    bar = VerticalBarChart()
    bar.x, bar.y, bar.width, bar.height = 12 * mm, 12 * mm, width - 60 * mm, 52 * mm
    bar.data = [[f.by_severity.get(sev, 0) for f in sites] or [0] for sev in SEVERITIES]
    bar.categoryAxis.categoryNames = [f.code for f in sites] or [""]
    bar.categoryAxis.labels.fontName = font
    bar.categoryAxis.labels.fontSize = 6 if len(sites) > 20 else 8
    bar.categoryAxis.labels.angle = 90 if len(sites) > 20 else 0
    bar.categoryAxis.labels.boxAnchor = "e" if len(sites) > 20 else "n"
    bar.categoryAxis.style = "stacked"
    bar.valueAxis.valueMin = 0
    bar.valueAxis.labels.fontName = font
    palette = [colors.HexColor("#5B9BD5"), colors.HexColor("#ED7D31"), colors.HexColor("#C00000")]
    for i, c in enumerate(palette):
        bar.bars[i].fillColor = c
    d.add(bar)
    legend = Legend()
    legend.x, legend.y = width - 40 * mm, 60 * mm
    legend.fontName = font
    legend.colorNamePairs = list(zip(palette, SEVERITIES))
    d.add(legend)
    story.append(d)

    d2 = Drawing(width, 70 * mm)
    d2.add(String(0, 65 * mm, "月度趋势（全部站点）", fontName=font, fontSize=11))
    line = HorizontalLineChart()
    line.x, line.y, line.width, line.height = 12 * mm, 10 * mm, width - 60 * mm, 48 * mm
    line.data = [[p.contacts for p in report.trend], [p.complaints for p in report.trend],
                 [p.repairs for p in report.trend]]
    line.categoryAxis.categoryNames = [p.month for p in report.trend]
    line.categoryAxis.labels.fontName = font
    line.valueAxis.valueMin = 0
    line.valueAxis.labels.fontName = font
    series = [colors.HexColor("#2F5597"), colors.HexColor("#C00000"), colors.HexColor("#70AD47")]
    for i, c in enumerate(series):
        line.lines[i].strokeColor = c
        line.lines[i].strokeWidth = 1.5
    d2.add(line)
    legend2 = Legend()
    legend2.x, legend2.y = width - 40 * mm, 55 * mm
    legend2.fontName = font
    legend2.colorNamePairs = list(zip(series, ("来访来电", "投诉", "维修")))
    d2.add(legend2)
    story.append(d2)
    doc.build(story)


# ---------------------------------------------------------------- consolidated workbook
def consolidated_filename(date_from: date, date_to: date) -> str:
    return f"全部站点-工作簿-{date_from:%Y%m%d}-{date_to:%Y%m%d}.xlsx"


def export_all(ctx, date_from: date, date_to: date, path: str | os.PathLike, *, progress=None):
    """One workbook of every site's records created or changed in the range (rows keep their
    own 站点编码; 汇总 names head office). Returns the exchange engine's ExportResult."""
    from app.exchange import service as exchange
    from app.hq.home import require_head_office

    require_head_office(ctx)
    return exchange.export_workbook(ctx, date_from, date_to, path, kind="hq", progress=progress, all_sites=True)
