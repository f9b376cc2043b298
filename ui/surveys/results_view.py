"""结果分析: the rates against the goals (warnings in amber), each item's shares and satisfaction
with a bar chart, each building's, and the corrective actions (制定整改措施 for a low item). The
figures are computed on the worker."""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QHorizontalBarSeries, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget

from app import surveys
from app.domain.enums import Role
from ui.shared.common import Dialogs, UiEnv
from ui.shared.rows_table_model import Column, RowsTableModel, rows_table_view
from ui.surveys.corrective_action_dialog import CorrectiveActionDialog


def _pct(value) -> str:
    return "" if value is None else f"{value:.1f}%"


def _shares(item: surveys.ItemResult) -> str:
    if item.scale == surveys.Scale.TEXT:
        return f"{len(item.comments)} 条意见"
    text = "　".join(f"{k} {item.share(k):.1f}%" for k, _ in item.counts)
    return text + (f"　均分 {item.mean:.2f}" if item.mean is not None else "")


def satisfaction_chart(result: surveys.SurveyResult) -> QChart:
    """Horizontal bars: each scored item's satisfaction, the first item on top."""
    scored = [i for i in result.items if i.scale != surveys.Scale.TEXT][::-1]
    bars = QBarSet("满意率")
    bars.append([i.satisfaction or 0.0 for i in scored])
    series = QHorizontalBarSeries()
    series.append(bars)
    series.setLabelsVisible(True)
    series.setLabelsFormat("@value%")
    chart = QChart()
    chart.addSeries(series)
    chart.setTitle("各项满意率")
    chart.legend().hide()
    names = QBarCategoryAxis()
    names.append([f"{i.no}. {i.text[:14]}" for i in scored])
    values = QValueAxis()
    values.setRange(0, 100)
    values.setLabelFormat("%d%%")
    chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(names)
    series.attachAxis(values)
    return chart


class ResultsView(QWidget):
    def __init__(self, env: UiEnv, parent: QWidget | None = None):
        super().__init__(parent)
        self.env = env
        self.survey: surveys.SurveyRow | None = None
        self.result: surveys.SurveyResult | None = None
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.warnings = QLabel()
        self.warnings.setObjectName("warnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color:#b26a00;")
        self.items = RowsTableModel([
            Column("序号", lambda i: i.no), Column("调查项目", lambda i: i.text),
            Column("有效答卷", lambda i: i.answered, align_right=True), Column("各选项占比", _shares),
            Column("满意率", lambda i: _pct(i.satisfaction), align_right=True),
            Column("", lambda i: "需整改" if i.low else "")], self, warn=lambda i: i.low, key="no")
        self.buildings = RowsTableModel([
            Column("楼栋", lambda b: f"{b.building}栋"), Column("样本户数", lambda b: b.sample, align_right=True),
            Column("回收份数", lambda b: b.returned, align_right=True),
            Column("满意率", lambda b: _pct(b.satisfaction), align_right=True)], self)
        self.actions = RowsTableModel([
            Column("项目", lambda a: a.item_text), Column("整改措施", lambda a: a.measure),
            Column("责任人", lambda a: a.owner), Column("完成期限", lambda a: a.deadline),
            Column("状态", lambda a: a.status), Column("完成情况", lambda a: a.result)], self,
            late=lambda a: a.overdue)
        self.chart = QChartView()
        self.chart.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.item_view = rows_table_view(self.items, "items")
        tabs = QTabWidget()
        tabs.addTab(self.item_view, "各项评价")
        tabs.addTab(rows_table_view(self.buildings, "buildings"), "各楼栋")
        actions_box = QWidget()
        lay = QVBoxLayout(actions_box)
        lay.setContentsMargins(0, 0, 0, 0)
        self.action_view = rows_table_view(self.actions, "actions")
        lay.addWidget(self.action_view)
        bar = QHBoxLayout()
        if env.actor is not None and env.actor.at_least(Role.SUPERVISOR):
            add = QPushButton("为所选项目制定整改措施…")
            add.setAutoDefault(False)
            add.clicked.connect(self.add_action)
            bar.addWidget(add)
        done = QPushButton("登记整改结果…")
        done.setAutoDefault(False)
        done.clicked.connect(self.complete_action)
        bar.addWidget(done)
        bar.addStretch(1)
        lay.addLayout(bar)
        tabs.addTab(actions_box, "整改措施")
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(tabs)
        split.addWidget(self.chart)
        split.setSizes([620, 480])
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.warnings)
        layout.addWidget(split, 1)

    def set_survey(self, survey: surveys.SurveyRow | None) -> None:
        self.survey = survey
        self.refresh()

    def refresh(self) -> None:
        if self.survey is None:
            self.summary.setText("请先选择一次调查。")
            return
        self.env.runner.submit(surveys.survey_result, self.env.ctx, self.survey.uuid, on_done=self.show_result,
                               on_error=lambda exc: Dialogs.error(self, exc), label="计算调查结果")

    def show_result(self, result: surveys.SurveyResult) -> None:
        self.result = result
        r = result.rates
        self.summary.setText(
            f"{result.survey.survey_no} {result.survey.title}（{result.survey.status}）　样本 {r.sample} 户　"
            f"发放 {r.issued}（{r.issue_rate:.1f}%）　回收 {r.returned}（{r.return_rate:.1f}%）　"
            f"总体满意率 {_pct(result.satisfaction) or '—'}")
        self.warnings.setText("\n".join(result.warnings))
        self.items.set_rows(result.items)
        self.buildings.set_rows(result.buildings)
        self.actions.set_rows(result.actions)
        self.chart.setChart(satisfaction_chart(result))

    def add_action(self) -> None:
        index = self.item_view.currentIndex()
        item = self.items.row_at(index) if index.isValid() else None
        if self.survey is None or item is None:
            Dialogs.info(self, "请先在“各项评价”中选中一个项目。")
            return
        finding = f"满意率 {_pct(item.satisfaction)}" if item.satisfaction is not None else None
        if CorrectiveActionDialog(self.env, self.survey.uuid, item.no, item.text, finding, self).exec():
            self.refresh()

    def complete_action(self) -> None:
        """The chosen corrective action is done: what was achieved is recorded on it."""
        index = self.action_view.currentIndex()
        action = self.actions.row_at(index) if index.isValid() else None
        if action is None:
            Dialogs.info(self, "请先在“整改措施”中选中一项。")
            return
        if action.status != surveys.ActionStatus.OPEN:
            Dialogs.info(self, f"这项整改措施{action.status}。")
            return
        result = Dialogs.ask_text(self, "登记整改结果", f"{action.item_text}：{action.measure}\n整改结果：")
        if result is None:
            return
        try:
            surveys.complete_action(self.env.ctx, action.uuid, result, expected_version=action.version)
        except Exception as exc:  # noqa: BLE001 - shown as a message
            Dialogs.error(self, exc)
            return
        self.refresh()
