"""报表与导出 → 投诉统计: the month's complaint figures as a table and a bar chart (QtCharts)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QPushButton, QSplitter, QTableView,
    QVBoxLayout, QWidget,
)

from ui.shared.common import Dialogs, UiEnv
from ui.complaints.table_models import Column, RowsTableModel
from ui.shared.report_parts import summary_label, year_month_spins

TITLE = "投诉统计"
ORDER = 30

GROUPS = [("类别", "by_category"), ("性质", "by_severity"), ("责任部门", "by_department"), ("渠道", "by_channel")]


class StatisticsTableModel(RowsTableModel):
    """(分组, 项目, 数值) rows of :meth:`MonthlyStatisticsData.table`, rates shown as percentages."""

    def __init__(self, parent=None):
        super().__init__([
            Column("分组", lambda r: r[0]),
            Column("项目", lambda r: r[1]),
            Column("数值", lambda r: _value(r[1], r[2])),
        ], None, parent)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.TextAlignmentRole and index.isValid() and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)


def _value(name: str, value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and (name.endswith("率") or name == "满意度"):
        return f"{value * 100:.1f}%"
    return str(value)


class Tab(QWidget):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.data = None
        self.year, self.month = year_month_spins(env.ctx.now().date())
        self.group = QComboBox()
        self.group.addItems([g for g, _ in GROUPS])
        self.group.currentIndexChanged.connect(lambda _i: self._draw_chart())
        show = QPushButton("统计")
        show.clicked.connect(self.refresh)
        self.summary = summary_label()

        self.model = StatisticsTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setDefaultSectionSize(22)

        self.chart = QChart()
        self.chart.legend().setVisible(False)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumWidth(380)

        bar = QHBoxLayout()
        for w in (QLabel("月份"), self.year, self.month, show):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(QLabel("图表"))
        bar.addWidget(self.group)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(self.chart_view)
        split.setStretchFactor(1, 1)
        split.setSizes([430, 800])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)

    def set_month(self, day: date) -> None:
        self.year.setValue(day.year)
        self.month.setValue(day.month)

    def refresh(self) -> None:
        from app.complaints import statistics

        try:
            self.data = statistics.monthly(self.env.ctx, self.year.value(), self.month.value())
        except Exception as exc:  # noqa: BLE001
            Dialogs.error(self, exc)
            return
        d = self.data
        self.summary.setText(f"<b>{d.label}</b>　" + "　".join(f"{k}：{v}" for k, v in d.summary()))
        self.model.set_rows(d.table())
        self.table.resizeColumnsToContents()
        self._draw_chart()

    def _draw_chart(self) -> None:
        chart = self.chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        if self.data is None:
            return
        title, attr = GROUPS[self.group.currentIndex()]
        rows = getattr(self.data, attr)
        chart.setTitle(f"{self.data.label} 投诉按{title}统计（件）")
        bar_set = QBarSet("件数")
        bar_set.setColor(QColor("#1565c0"))
        for r in rows:
            bar_set.append(r.count)
        series = QBarSeries()
        series.append(bar_set)
        series.setLabelsVisible(True)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append([r.name for r in rows] or ["无数据"])
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        axis_y = QValueAxis()
        top = max([r.count for r in rows] or [0])
        axis_y.setRange(0, max(top + 1, 4))
        axis_y.setLabelFormat("%d")
        axis_y.setTickCount(min(max(top + 2, 5), 11))
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)

    def bar_values(self) -> list[tuple[str, int]]:
        """What the chart shows (for tests)."""
        out = []
        for series in self.chart.series():
            axis = next(a for a in self.chart.axes(Qt.Orientation.Horizontal))
            names = axis.categories()
            values = series.barSets()[0]
            out = [(names[i], int(values.at(i))) for i in range(values.count())]
        return out
