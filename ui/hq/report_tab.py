"""月度报表: every site's figures of a month with the total, two charts (complaints per site by
性质, the month-on-month trend), saving as .xlsx / .pdf, and a drill-down to a site's records."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis, QBarSet, QChart, QChartView, QLineSeries, QStackedBarSeries, QValueAxis,
)
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QDateEdit, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSplitter, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from ui.shared.common import Dialogs, UiEnv, error_text

SEVERITY_COLORS = ("#5B9BD5", "#ED7D31", "#C00000")


def _integer_axis(axis: QValueAxis, top: int) -> None:
    """0 … top in whole steps (counts are never fractions)."""
    step = max(1, -(-top // 5))
    nice = step * max(1, -(-top // step))
    axis.setRange(0, nice)
    axis.setTickCount(nice // step + 1)
    axis.setLabelFormat("%d")


class ReportTab(QWidget):
    def __init__(self, env: UiEnv, parent=None):
        super().__init__(parent)
        self.env = env
        self.report = None
        self._task: int | None = None
        today = env.ctx.now().date()
        self.month = QDateEdit(QDate(today.year, today.month, 1))
        self.month.setDisplayFormat("yyyy-MM")
        self.run_button = QPushButton("生成报表")
        self.run_button.clicked.connect(self.run)
        self.save_button = QPushButton("保存…")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        self.status = QLabel("选择月份后生成报表；双击某个站点查看其记录（只读）。")
        top = QHBoxLayout()
        top.addWidget(QLabel("月份"))
        top.addWidget(self.month)
        top.addWidget(self.run_button)
        top.addWidget(self.save_button)
        top.addWidget(self.status, 1)
        self.table = QTableWidget(0, 0)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.cellDoubleClicked.connect(lambda row, _col: self.drill_down(row))
        self.bars = QChartView()
        self.trend = QChartView()
        for view in (self.bars, self.trend):
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(220)
        charts = QSplitter(Qt.Orientation.Horizontal)
        charts.addWidget(self.bars)
        charts.addWidget(self.trend)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(charts)
        split.setSizes([300, 260])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

    def month_text(self) -> str:
        d = self.month.date()
        return f"{d.year():04d}-{d.month():02d}"

    @property
    def busy(self) -> bool:
        return self._task is not None

    def run(self) -> None:
        from app import hq

        self.run_button.setEnabled(False)
        self.status.setText("正在计算…")
        self._task = self.env.runner.submit(hq.month_report, self.env.ctx, self.month_text(),
                                            on_done=self._shown, on_error=self._failed, label="正在生成报表…")

    def _failed(self, exc) -> None:
        self._task = None
        self.run_button.setEnabled(True)
        self.status.setText(error_text(exc))

    def _shown(self, report) -> None:
        from app import hq

        self._task = None
        self.report = report
        self.run_button.setEnabled(True)
        self.save_button.setEnabled(True)
        columns = hq.COLUMNS
        rows = (*report.sites, report.total)
        self.table.clear()
        self.table.setColumnCount(len(columns))
        self.table.setRowCount(len(rows))
        self.table.setHorizontalHeaderLabels([h for h, _f, _k in columns])
        for i, fig in enumerate(rows):
            for j, (_h, fn, kind) in enumerate(columns):
                item = QTableWidgetItem(hq.text_of(fn(fig), kind))
                if j >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, j, item)
        self.status.setText(f"{report.month}：{len(report.sites)} 个站点，投诉 {report.total.complaints} 件")
        self._charts(report)

    def _charts(self, report) -> None:
        from app.hq.report import SEVERITIES

        chart = QChart()
        chart.setTitle("各站点投诉（按性质）")
        series = QStackedBarSeries()
        for sev, color in zip(SEVERITIES, SEVERITY_COLORS):
            bar = QBarSet(sev)
            bar.setColor(QColor(color))
            for f in report.sites:
                bar.append(f.by_severity.get(sev, 0))
            series.append(bar)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append([f.code for f in report.sites])
        axis_y = QValueAxis()
        _integer_axis(axis_y, max((f.complaints for f in report.sites), default=1))
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
        self.bars.setChart(chart)

        trend = QChart()
        trend.setTitle("月度趋势（全部站点）")
        months = QBarCategoryAxis()
        months.append([p.month for p in report.trend])
        values = QValueAxis()
        trend.addAxis(months, Qt.AlignmentFlag.AlignBottom)
        trend.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        top = 1
        for name, attr in (("来访来电", "contacts"), ("投诉", "complaints"), ("维修", "repairs")):
            line = QLineSeries()
            line.setName(name)
            for i, p in enumerate(report.trend):
                line.append(i, getattr(p, attr))
                top = max(top, getattr(p, attr))
            trend.addSeries(line)
            line.attachAxis(months)
            line.attachAxis(values)
        _integer_axis(values, top)
        self.trend.setChart(trend)

    def save(self) -> None:
        from app import hq

        if self.report is None:
            return
        path = Dialogs.save_file(self, "保存报表", f"各站点月度报表-{self.report.month}.pdf",
                                 "PDF 文件 (*.pdf);;Excel 工作簿 (*.xlsx)")
        if not path:
            return
        self.status.setText("正在保存…")
        self.env.runner.submit(hq.write_report, self.report, path,
                               on_done=lambda p: self.status.setText(f"已保存 {p}"),
                               on_error=lambda exc: Dialogs.error(self, exc), label="正在保存报表…")

    def drill_down(self, row: int) -> None:
        from ui.hq.records_dialog import RecordsDialog

        if self.report is None or row >= len(self.report.sites):
            return
        site = self.report.sites[row]
        RecordsDialog(self.env, site.code, site.name, self.report.first, self.report.last, self).show()
