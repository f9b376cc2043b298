"""得分趋势: the completed inspections' total scores, oldest to newest (QtCharts)."""

from __future__ import annotations

from PySide6.QtCharts import QCategoryAxis, QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app import inspections as insp
from ui.shared.common import Dialogs, UiEnv


def trend_chart(points: list[insp.TrendPoint]) -> QChart:
    series = QLineSeries()
    series.setName("得分")
    series.setPointsVisible(True)
    series.setPointLabelsVisible(True)
    series.setPointLabelsFormat("@yPoint")
    axis_x = QCategoryAxis()
    axis_x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    for n, p in enumerate(points):
        series.append(n, p.score_cp / 100)
        axis_x.append(f"{p.inspected_on:%Y-%m-%d}", n)
    axis_x.setRange(-0.5, max(0.5, len(points) - 0.5))
    axis_y = QValueAxis()
    axis_y.setRange(0, max([p.total_cp / 100 for p in points] or [100]))
    chart = QChart()
    chart.addSeries(series)
    chart.setTitle("督导检查得分趋势" if points else "暂无已完成的督导检查")
    chart.legend().hide()
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_x)
    series.attachAxis(axis_y)
    return chart


class TrendView(QWidget):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.view = QChartView()
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.points: list[insp.TrendPoint] | None = None
        QVBoxLayout(self).addWidget(self.view)

    def refresh(self) -> None:
        self.env.runner.submit(insp.trend, self.env.ctx, on_done=self.show_points,
                               on_error=lambda exc: Dialogs.error(self, exc), label="督导检查趋势")

    def show_points(self, points: list[insp.TrendPoint]) -> None:
        self.points = points
        self.view.setChart(trend_chart(points))
